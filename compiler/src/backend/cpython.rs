//! The `cpython` backend: `module.c`, the C-API side of the module: one
//! `METH_FASTCALL | METH_KEYWORDS` function per Rust function and method, a heap
//! type per class, converters for composite values, module init; plus the C
//! runtime copied beside it.

use super::abi::{self, Abi, Composite, Dir};
use super::{c_string_literal, names, Backend, GenContext, OutputFile, Render, RUNTIME_C_FILES};
use crate::ir::{self, ClassKind, ClassMode, Ty};
use minijinja::Value;
use serde::Serialize;

pub struct CPythonBackend;

#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    composites: Vec<Composite>,
    namespaces: Vec<NamespaceView>,
    classes: Vec<ClassView>,
    /// Module functions, methods, constructors: every C function Python calls.
    calls: Vec<CallView>,
    values: Vec<ValueView>,
    live: Vec<LiveView>,
    /// `case N: return rsbind_class_X_raise(err);` for exception classes.
    raisers: Vec<(usize, String)>,
    /// Parameter defaults: (static variable, C expression), made at import.
    defaults: Vec<(String, String)>,
}

#[derive(Serialize)]
struct NamespaceView {
    index: usize,
    qualified: String,
    attr: String,
    parent: Option<usize>,
    doc: String,
    /// PyMethodDef entries of its functions.
    methods: Vec<MethodDef>,
    /// Live statics: `{"NAME", getter, setter}` entries.
    live: Vec<String>,
}

#[derive(Serialize)]
struct MethodDef {
    name: String,
    wrapper: String,
    flags: String,
    doc: String,
}

/// A C function that Python calls with arguments: converts them, borrows or
/// moves objects, makes one call into a Rust stub and converts the result.
#[derive(Serialize)]
struct CallView {
    /// The Python-visible name, for messages: `add`, `Counter.incr`, `Counter`.
    display_name: String,
    wrapper: String,
    /// `function` (PyObject *self, fastcall), `new` (tp_new: type, args, kwargs)
    /// or `vectorcall` (the type's own call: type, fastcall).
    kind: &'static str,
    sig: String,
    params: Vec<ParamView>,
    nrequired: usize,
    /// The method's own object: how it is borrowed.
    receiver: Option<ReceiverView>,
    /// Some argument moves an object: commit the moves before the call.
    moves: bool,
    stub: String,
    out_c_type: String,
    to_py: String,
    release_gil: bool,
    /// For `new`: wraps the result as an instance of the called type.
    wrap_as: Option<String>,
    /// The docstring (`name(sig)\n--\n\ndoc`) as a C literal, and its variable,
    /// for functions and methods.
    doc: Option<(String, String)>,
}

#[derive(Serialize)]
struct ReceiverView {
    c_type: String,
    slot: String,
    /// `borrow`, `borrow_mut` or `take`
    how: &'static str,
    /// `true` for `borrow_mut`, as C writes it.
    exclusive: &'static str,
    type_name: String,
}

#[derive(Serialize)]
struct ParamView {
    python_name: String,
    c_name: String,
    c_type: String,
    /// A default value: the static variable holding it, and the C expression
    /// that makes it (a new reference) at import.
    default: Option<(String, String)>,
    /// Its initializer: the converter fills it, but compilers cannot always see that.
    zero: &'static str,
    converter: String,
    loc: String,
}

#[derive(Serialize)]
struct ValueView {
    python_name: String,
    namespace: usize,
    symbol: String,
    reader: String,
    out_c_type: String,
    to_py: String,
}

#[derive(Serialize)]
struct LiveView {
    python_name: String,
    display: String,
    get_symbol: String,
    set_symbol: String,
    getter: String,
    setter: String,
    in_c_type: String,
    in_zero: &'static str,
    from_py: String,
    out_c_type: String,
    to_py: String,
    moves: bool,
}

#[derive(Serialize)]
struct ClassView {
    index: usize,
    ident: String,
    python_name: String,
    /// `pkg.geo.Point`
    qualified: String,
    namespace: usize,
    doc: String,
    /// `int_enum`, `struct` or `data_enum`
    kind: &'static str,
    is_exception: bool,
    clone: bool,
    object_type: &'static str,
    type_var: String,
    spec_name: String,
    /// Converters this module needs.
    from_py_modes: Vec<&'static str>,
    variants: Vec<VariantView>,
    /// The struct's fields.
    getsets: Vec<GetSetView>,
    /// The struct's fields and every variant's: the accessor functions to write.
    all_getsets: Vec<GetSetView>,
    methods: Vec<MethodDef>,
    /// Protocol stubs that exist: `str`, `repr`, `eq`, `cmp`, `hash`, `clone`, `next`.
    protocols: Vec<&'static str>,
    next_out_c_type: String,
    next_item_to_py: String,
    consts: Vec<ValueView>,
    has_constructor: bool,
    display: bool,
}

#[derive(Serialize)]
struct VariantView {
    index: usize,
    python_name: String,
    type_var: String,
    doc: String,
    getsets: Vec<GetSetView>,
    match_args: Vec<String>,
    has_constructor: bool,
    /// The value of a fieldless enum's member, read from Rust at import.
    discriminant_index: usize,
}

#[derive(Clone, Serialize)]
struct GetSetView {
    python_name: String,
    getter: String,
    setter: Option<String>,
    get_symbol: String,
    set_symbol: Option<String>,
    out_c_type: String,
    to_py: String,
    in_c_type: String,
    in_zero: &'static str,
    from_py: String,
    doc: String,
    moves: bool,
}

fn text_signature(name: &str, params: &[ir::Param], receiver: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !receiver.is_empty() {
        parts.push(receiver.to_string());
        parts.push("/".to_string());
    }
    for p in params {
        parts.push(match (&p.default, p.defaults_to_none) {
            (Some(d), _) => format!("{}={}", p.python_name, d.python()),
            (None, true) => format!("{}=None", p.python_name),
            (None, false) => p.python_name.clone(),
        });
    }
    format!("{name}({})", parts.join(", "))
}

fn doc_with_signature(signature: &str, doc: &str) -> String {
    c_string_literal(&format!("{signature}\n--\n\n{doc}"), "    ")
}

struct Builder<'m> {
    abi: Abi<'m>,
    calls: Vec<CallView>,
}

impl Builder<'_> {
    /// Whether passing `ty` moves an object (by value, of a type that is not Clone).
    fn moves(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Class(i, ClassMode::Value | ClassMode::Boxed) => {
                let c = self.abi.class(*i);
                c.kind != ClassKind::IntEnum && !c.traits.clone
            }
            Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => self.moves(inner),
            Ty::Map(k, v, _) => self.moves(k) || self.moves(v),
            Ty::Tuple(items) => items.iter().any(|t| self.moves(t)),
            _ => false,
        }
    }

    fn params(&self, loc_prefix: &str, params: &[ir::Param]) -> Vec<ParamView> {
        params
            .iter()
            .map(|p| ParamView {
                default: p.default.as_ref().map(|d| {
                    (
                        format!("rsbind_default_{loc_prefix}_{}", p.python_name),
                        default_object(d),
                    )
                }),
                python_name: p.python_name.clone(),
                c_name: names::arg_name(p),
                c_type: self.abi.c_type(&p.ty, Dir::In),
                zero: zero_of(&self.abi.c_type(&p.ty, Dir::In)),
                converter: self.abi.c_from_py(&p.ty),
                loc: format!("rsbind_loc_{loc_prefix}_{}", p.python_name),
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        display_name: String,
        wrapper: String,
        kind: &'static str,
        params: &[ir::Param],
        receiver: Option<ReceiverView>,
        stub: String,
        ret: &ir::Ret,
        release_gil: bool,
        wrap_as: Option<String>,
    ) {
        let loc_prefix = wrapper.trim_start_matches("rsbind_").to_string();
        self.calls.push(CallView {
            sig: format!("rsbind_sig_{loc_prefix}"),
            params: self.params(&loc_prefix, params),
            nrequired: params
                .iter()
                .position(|p| p.defaults_to_none || p.default.is_some())
                .unwrap_or(params.len()),
            moves: params.iter().any(|p| self.moves(&p.ty))
                || receiver.as_ref().is_some_and(|r| r.how == "take"),
            receiver,
            display_name,
            wrapper,
            kind,
            stub,
            out_c_type: self.abi.c_type(&ret.ty, Dir::Out),
            to_py: self.abi.c_to_py(&ret.ty),
            release_gil,
            wrap_as,
            doc: None,
        });
    }

    /// Gives the last call a docstring; returns the name of its variable.
    fn document_last(&mut self, literal: String) -> String {
        let call = self.calls.last_mut().expect("a call was just added");
        let name = format!("{}_doc", call.wrapper.trim_end_matches("_py"));
        call.doc = Some((name.clone(), literal));
        name
    }

    fn getset(
        &self,
        sym: &dyn Fn(&str) -> String,
        prefix: &str,
        f: &ir::Field,
        settable: bool,
    ) -> GetSetView {
        GetSetView {
            python_name: f.python_name.clone(),
            getter: sym(&format!("{prefix}get_{}_py", f.python_name)),
            setter: settable.then(|| sym(&format!("{prefix}set_{}_py", f.python_name))),
            get_symbol: sym(&format!("{prefix}get_{}", f.python_name)),
            set_symbol: settable.then(|| sym(&format!("{prefix}set_{}", f.python_name))),
            out_c_type: self.abi.c_type(&f.ty, Dir::Out),
            to_py: self.abi.c_to_py(&f.ty),
            in_c_type: self.abi.c_type(&f.ty, Dir::In),
            in_zero: zero_of(&self.abi.c_type(&f.ty, Dir::In)),
            from_py: self.abi.c_from_py(&f.ty),
            doc: c_string_literal(&f.doc, "    "),
            moves: self.moves(&f.ty),
        }
    }

    fn class(&mut self, i: usize, used_modes: &[(usize, ClassMode)]) -> ClassView {
        let module = self.abi.module;
        let c = &module.classes[i];
        let ident = self.abi.class_ident(i);
        let sym = |what: &str| names::class_symbol(module, i, what);
        let ns = &module.namespaces[c.namespace];
        let qualified = format!("{}.{}", ns.qualified_name, c.python_name);
        let receiver = |how: &'static str| ReceiverView {
            exclusive: if how == "borrow_mut" { "true" } else { "false" },
            c_type: if how == "borrow" {
                "const void *"
            } else {
                "void *"
            }
            .to_string(),
            slot: sym("slot"),
            how,
            type_name: c.python_name.clone(),
        };
        let kind = match c.kind {
            ClassKind::IntEnum => "int_enum",
            ClassKind::Struct => "struct",
            ClassKind::DataEnum => "data_enum",
        };
        let mut from_py_modes: Vec<&'static str> = used_modes
            .iter()
            .filter(|(ci, _)| *ci == i)
            .map(|(_, m)| abi::mode_suffix(*m))
            .collect();
        from_py_modes.sort();
        from_py_modes.dedup();
        let mut methods = Vec::new();
        for m in &c.methods {
            let wrapper = sym(&format!("m_{}_py", m.python_name));
            let (recv, flags, text_self) = match m.receiver {
                ir::Receiver::None => (None, "METH_FASTCALL | METH_KEYWORDS | METH_STATIC", ""),
                ir::Receiver::Ref => (
                    Some(receiver("borrow")),
                    "METH_FASTCALL | METH_KEYWORDS",
                    "$self",
                ),
                ir::Receiver::RefMut => (
                    Some(receiver("borrow_mut")),
                    "METH_FASTCALL | METH_KEYWORDS",
                    "$self",
                ),
                ir::Receiver::Value if c.traits.clone => (
                    Some(receiver("borrow")),
                    "METH_FASTCALL | METH_KEYWORDS",
                    "$self",
                ),
                ir::Receiver::Value => (
                    Some(receiver("take")),
                    "METH_FASTCALL | METH_KEYWORDS",
                    "$self",
                ),
            };
            let signature = text_signature(&m.python_name, &m.params, text_self);
            self.call(
                format!("{}.{}", c.python_name, m.python_name),
                wrapper.clone(),
                "function",
                &m.params,
                recv,
                sym(&format!("m_{}", m.python_name)),
                &m.ret,
                m.release_gil,
                None,
            );
            methods.push(MethodDef {
                name: m.python_name.clone(),
                wrapper,
                flags: flags.to_string(),
                doc: self.document_last(doc_with_signature(&signature, &m.doc)),
            });
        }
        let value_ret = ir::Ret {
            ty: Ty::Class(i, ClassMode::Value),
            error: None,
        };
        let mut class_doc = c.doc.clone();
        let has_constructor = c.constructor.is_some() && c.kind == ClassKind::Struct;
        if let (Some(ctor), ClassKind::Struct) = (&c.constructor, c.kind) {
            let (params, ret, gil) = match ctor {
                ir::Constructor::Method(m) => (m.params.clone(), m.ret.clone(), m.release_gil),
                ir::Constructor::Fields(_) => {
                    (ir::fields_as_params(&c.fields), value_ret.clone(), false)
                }
                ir::Constructor::Default => (Vec::new(), value_ret.clone(), false),
            };
            class_doc = format!(
                "{}\n--\n\n{}",
                text_signature(&c.python_name, &params, ""),
                c.doc
            );
            // tp_new for `Class.__new__` and subclasses; the vectorcall for `Class(..)`.
            for (kind, wrapper) in [("new", sym("new_py")), ("vectorcall", sym("vectorcall_py"))] {
                self.call(
                    c.python_name.clone(),
                    wrapper,
                    kind,
                    &params,
                    None,
                    sym("new"),
                    &ret,
                    gil,
                    Some(sym("wrap_as")),
                );
            }
        }
        let mut variants = Vec::new();
        for (vi, v) in c.variants.iter().enumerate() {
            let vsym = |what: &str| sym(&format!("{}_{what}", v.python_name));
            let getsets = v
                .fields
                .iter()
                .map(|f| self.getset(&|w: &str| sym(w), &format!("{}_", v.python_name), f, false))
                .collect();
            let display = format!("{}.{}", c.python_name, v.python_name);
            let params = ir::fields_as_params(&v.fields);
            let mut vdoc = v.doc.clone();
            if c.kind == ClassKind::DataEnum {
                vdoc = format!(
                    "{}\n--\n\n{}",
                    text_signature(&v.python_name, &params, ""),
                    v.doc
                );
                for (kind, wrapper) in [
                    ("new", vsym("new_py")),
                    ("vectorcall", vsym("vectorcall_py")),
                ] {
                    self.call(
                        display.clone(),
                        wrapper,
                        kind,
                        &params,
                        None,
                        vsym("new"),
                        &value_ret,
                        false,
                        Some(sym("wrap_as")),
                    );
                }
            }
            variants.push(VariantView {
                index: vi,
                python_name: v.python_name.clone(),
                type_var: vsym("type"),
                doc: c_string_literal(&vdoc, "    "),
                getsets,
                match_args: v.fields.iter().map(|f| f.python_name.clone()).collect(),
                has_constructor: c.kind == ClassKind::DataEnum,
                discriminant_index: vi,
            });
        }
        let getsets: Vec<GetSetView> = c
            .fields
            .iter()
            .map(|f| self.getset(&|w: &str| sym(w), "", f, true))
            .collect();
        let all_getsets = getsets
            .iter()
            .chain(variants.iter().flat_map(|v: &VariantView| v.getsets.iter()))
            .cloned()
            .collect();
        let t = &c.traits;
        let mut protocols = Vec::new();
        if t.display && !c.is_exception {
            protocols.push("str");
        }
        if t.debug {
            protocols.push("repr");
        }
        if t.partial_eq {
            protocols.push("eq");
        }
        if t.partial_ord {
            protocols.push("cmp");
        }
        if t.hash && t.eq {
            protocols.push("hash");
        }
        if t.clone {
            protocols.push("clone");
        }
        if c.iterator_item.is_some() {
            protocols.push("next");
        }
        let next_ty = c.iterator_item.clone().map(|t| Ty::Option(Box::new(t)));
        let consts = c
            .consts
            .iter()
            .map(|v| ValueView {
                python_name: v.python_name.clone(),
                namespace: v.namespace,
                symbol: sym(&format!("const_{}", v.python_name)),
                reader: sym(&format!("const_{}_py", v.python_name)),
                out_c_type: self.abi.c_type(&v.ty, Dir::Out),
                to_py: self.abi.c_to_py(&v.ty),
            })
            .collect();
        ClassView {
            index: i,
            python_name: c.python_name.clone(),
            qualified,
            namespace: c.namespace,
            doc: c_string_literal(&class_doc, "    "),
            kind,
            is_exception: c.is_exception,
            clone: t.clone,
            object_type: if c.is_exception {
                "rsbind_exc_object"
            } else {
                "rsbind_object"
            },
            type_var: sym("type"),
            spec_name: format!("{}.{}", ns.qualified_name, c.python_name),
            from_py_modes,
            variants,
            getsets,
            all_getsets,
            methods,
            protocols,
            next_out_c_type: next_ty
                .as_ref()
                .map(|t| self.abi.c_type(t, Dir::Out))
                .unwrap_or_default(),
            next_item_to_py: c
                .iterator_item
                .as_ref()
                .map(|t| self.abi.c_to_py(t))
                .unwrap_or_default(),
            consts,
            has_constructor,
            display: t.display,
            ident,
        }
    }
}

/// Every (class, mode) that some argument or field passes, so the converters exist.
fn class_modes_in(ty: &Ty, out: &mut Vec<(usize, ClassMode)>) {
    match ty {
        Ty::Class(i, m) => out.push((*i, *m)),
        Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => class_modes_in(inner, out),
        Ty::Map(k, v, _) => {
            class_modes_in(k, out);
            class_modes_in(v, out);
        }
        Ty::Tuple(items) => items.iter().for_each(|t| class_modes_in(t, out)),
        _ => {}
    }
}

/// The C expression making a default value's Python object (a new reference).
fn default_object(d: &ir::PyLiteral) -> String {
    match d {
        ir::PyLiteral::None => "(Py_INCREF(Py_None), Py_None)".to_string(),
        ir::PyLiteral::Bool(b) => format!("PyBool_FromLong({})", *b as u8),
        ir::PyLiteral::Int(text) => format!(
            "PyLong_FromString({}, NULL, 10)",
            c_string_literal(text, "")
        ),
        ir::PyLiteral::Float(text) => format!("PyFloat_FromDouble({text})"),
        ir::PyLiteral::Str(text) => format!("PyUnicode_FromString({})", c_string_literal(text, "")),
    }
}

/// A C initializer that zeroes a value of `c_type`.
fn zero_of(c_type: &str) -> &'static str {
    if c_type.ends_with('*') {
        "NULL"
    } else if c_type.starts_with("rsbind_") {
        "{0}"
    } else {
        "0"
    }
}

fn runtime_header(source: &str) -> String {
    format!("/* generated by rsbind from {source} — do not edit: rsbind's C runtime, the same in every package */\n")
}

impl Backend for CPythonBackend {
    fn name(&self) -> &'static str {
        "cpython"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let abi = Abi { module };
        let mut used_modes = Vec::new();
        let params_of = |params: &[ir::Param], out: &mut Vec<(usize, ClassMode)>| {
            params.iter().for_each(|p| class_modes_in(&p.ty, out))
        };
        for f in &module.functions {
            params_of(&f.params, &mut used_modes);
        }
        for c in &module.classes {
            for m in &c.methods {
                params_of(&m.params, &mut used_modes);
            }
            if let Some(ir::Constructor::Method(m)) = &c.constructor {
                params_of(&m.params, &mut used_modes);
            }
            for f in c
                .fields
                .iter()
                .chain(c.variants.iter().flat_map(|v| v.fields.iter()))
            {
                class_modes_in(&f.ty, &mut used_modes);
            }
        }
        for v in &module.live_statics {
            class_modes_in(&v.ty, &mut used_modes);
        }
        let mut b = Builder {
            abi,
            calls: Vec::new(),
        };
        let classes: Vec<ClassView> = (0..module.classes.len())
            .map(|i| b.class(i, &used_modes))
            .collect();
        let mut namespaces: Vec<NamespaceView> = module
            .namespaces
            .iter()
            .enumerate()
            .map(|(index, ns)| NamespaceView {
                index,
                qualified: ns.qualified_name.clone(),
                attr: ns.attr_name.clone(),
                parent: ns.parent,
                doc: c_string_literal(&ns.doc, "    "),
                methods: Vec::new(),
                live: Vec::new(),
            })
            .collect();
        for f in &module.functions {
            let symbol = names::fn_symbol(module, f);
            let wrapper = symbol.replacen("rsbind_fn_", "rsbind_py_", 1);
            b.call(
                f.python_name.clone(),
                wrapper.clone(),
                "function",
                &f.params,
                None,
                symbol,
                &f.ret,
                f.release_gil,
                None,
            );
            let signature = text_signature(&f.python_name, &f.params, "$module");
            let doc = b.document_last(doc_with_signature(&signature, &f.doc));
            namespaces[f.namespace].methods.push(MethodDef {
                name: f.python_name.clone(),
                wrapper,
                flags: "METH_FASTCALL | METH_KEYWORDS".to_string(),
                doc,
            });
        }
        let values = module
            .values
            .iter()
            .map(|v| {
                let symbol = names::value_symbol(module, v);
                ValueView {
                    python_name: v.python_name.clone(),
                    namespace: v.namespace,
                    reader: format!("{symbol}_py"),
                    symbol,
                    out_c_type: abi.c_type(&v.ty, Dir::Out),
                    to_py: abi.c_to_py(&v.ty),
                }
            })
            .collect();
        let live = module
            .live_statics
            .iter()
            .map(|v| {
                let get_symbol = names::live_symbol(module, v, "get");
                let set_symbol = names::live_symbol(module, v, "set");
                let view = LiveView {
                    python_name: v.python_name.clone(),
                    display: module.namespaces[v.namespace].qualified_name.clone(),
                    getter: format!("{get_symbol}_py"),
                    setter: format!("{set_symbol}_py"),
                    get_symbol,
                    set_symbol,
                    in_c_type: abi.c_type(&v.ty, Dir::In),
                    in_zero: zero_of(&abi.c_type(&v.ty, Dir::In)),
                    from_py: abi.c_from_py(&v.ty),
                    out_c_type: abi.c_type(&v.ty, Dir::Out),
                    to_py: abi.c_to_py(&v.ty),
                    moves: b.moves(&v.ty),
                };
                namespaces[v.namespace].live.push(format!(
                    "{{\"{}\", {}, {}}}",
                    v.python_name, view.getter, view.setter
                ));
                view
            })
            .collect();
        let raisers = classes
            .iter()
            .filter(|c| c.is_exception)
            .map(|c| (c.index, names::class_symbol(module, c.index, "raise")))
            .collect();
        let defaults = b
            .calls
            .iter()
            .flat_map(|c| c.params.iter().filter_map(|p| p.default.clone()))
            .collect();
        let view = View {
            defaults,
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            composites: abi.module_composites(),
            namespaces,
            classes,
            calls: b.calls,
            values,
            live,
            raisers,
        };
        let renders = vec![Render {
            template: "cpython/module.c.j2",
            path: "module.c".to_string(),
            view: Value::from_serialize(&view),
        }];
        let copies = RUNTIME_C_FILES
            .iter()
            .map(|(path, contents)| OutputFile {
                path: path.to_string(),
                contents: format!("{}{contents}", runtime_header(&ctx.source_name)),
            })
            .collect();
        (renders, copies)
    }
}
