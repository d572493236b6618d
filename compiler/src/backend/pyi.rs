//! The `pyi` backend: the type stubs, one file per module and submodule.
//!
//! A module without submodules is `NAME.pyi`; a module with some is a stub
//! package, `NAME/__init__.pyi` with `NAME/geo.pyi` (or `NAME/geo/__init__.pyi`
//! when `geo` has submodules of its own), so `from . import geo` resolves.
//! The stubs say what the module does at run time, no more (`mypy --strict`
//! and `mypy.stubtest` accept them; `tests/tests/it.rs` runs both):
//! classes Python cannot subclass are `@final`; constructors are `__new__`
//! (the types have no `__init__`); protocols are the dunders the type's slots
//! give, with positional-only operands as CPython's slot wrappers take them;
//! a class with `PartialEq` but no `Hash` has `__hash__: ClassVar[None]`.
//! The vector classes (`VecF64`, ...) that numeric `Vec`s come back as are
//! not module attributes: the root stub declares the ones it uses
//! `@type_check_only`, with exactly their sequence and buffer methods.
//! Only the modules the annotations use are imported.

use super::abi::{item_kind, seq_abi, Abi, Dir, SeqAbi};
use super::{python_string, Backend, GenContext, OutputFile, Render};
use crate::ir::operators::{BinaryOp, Operator};
use crate::ir::{self, ClassKind, SeqForm, Ty};
use minijinja::Value;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeSet;

pub struct PyiBackend;

/// The builtins a stub's annotations use; a member or function of the same
/// name would shadow them, and the stub then writes `builtins.NAME`.
const BUILTINS: &[&str] = &[
    "bool",
    "bytes",
    "dict",
    "float",
    "int",
    "list",
    "memoryview",
    "object",
    "set",
    "slice",
    "str",
    "tuple",
    "type",
];

#[derive(Serialize)]
struct View {
    source: String,
    /// The module's qualified name (`pkg.geo`).
    module: String,
    doc: Option<String>,
    /// `import x` and `from . import geo as geo` lines.
    imports: Vec<String>,
    /// The root module's `RustPanic`.
    rust_panic: bool,
    classes: Vec<ClassView>,
    values: Vec<Attr>,
    functions: Vec<FnView>,
}

#[derive(Serialize)]
struct ClassView {
    decorators: Vec<String>,
    name: String,
    base: String,
    doc: Option<String>,
    /// Members of an IntEnum.
    members: Vec<String>,
    /// `name: type` lines for attributes and class constants, each with its docstring.
    attributes: Vec<Attr>,
    methods: Vec<FnView>,
    /// Variant subclasses of a data enum.
    variants: Vec<ClassView>,
}

/// An attribute or class constant: its line (`name: type`) and docstring.
#[derive(Serialize)]
struct Attr {
    line: String,
    doc: Option<String>,
}

#[derive(Serialize)]
struct FnView {
    decorators: Vec<String>,
    name: String,
    params: Vec<String>,
    ret: String,
    doc: Option<String>,
}

impl FnView {
    fn new(name: &str, params: Vec<String>, ret: &str) -> FnView {
        FnView {
            decorators: Vec::new(),
            name: name.to_string(),
            params,
            ret: ret.to_string(),
            doc: None,
        }
    }

    fn decorated(mut self, decorator: &str) -> FnView {
        self.decorators.push(decorator.to_string());
        self
    }
}

/// A docstring literal for a stub: triple-quoted when it reads cleanly so, else escaped.
fn docstring(doc: &str) -> Option<String> {
    if doc.is_empty() {
        None
    } else if !doc.contains("\"\"\"") && !doc.contains('\\') && !doc.ends_with('"') {
        Some(format!("\"\"\"{doc}\"\"\""))
    } else {
        Some(python_string(doc))
    }
}

/// The file of namespace `ns`'s stub.
fn stub_path(module: &ir::Module, ns: usize) -> String {
    let has_children = |n: usize| module.namespaces.iter().any(|c| c.parent == Some(n));
    let mut segments = Vec::new();
    let mut at = Some(ns);
    while let Some(n) = at {
        segments.push(module.namespaces[n].attr_name.as_str());
        at = module.namespaces[n].parent;
    }
    segments.reverse();
    let path = segments.join("/");
    if has_children(0) && has_children(ns) {
        format!("{path}/__init__.pyi")
    } else if has_children(0) {
        format!("{path}.pyi")
    } else {
        format!("{}.pyi", module.name)
    }
}

/// The vector class (`VecF64`) a numeric `Vec` of `item` comes back as.
fn vector_class(item: &Ty) -> String {
    let kind = item_kind(item).trim_start_matches("RSBIND_ITEM_");
    let mut chars = kind.chars();
    let first = chars.next().map(|c| c.to_string()).unwrap_or_default();
    format!("Vec{first}{}", chars.as_str().to_lowercase())
}

/// Builds one namespace's stub: names types as seen from it and records the
/// imports that the names need.
struct Stub<'m> {
    abi: Abi<'m>,
    ns: usize,
    /// The modules the annotations name.
    imports: RefCell<BTreeSet<String>>,
    /// Vector classes named (declared in the root stub).
    vectors: RefCell<BTreeSet<(String, String)>>,
    /// Builtins that names of this stub shadow.
    shadowed: BTreeSet<&'static str>,
}

impl<'m> Stub<'m> {
    fn new(module: &'m ir::Module, ns: usize) -> Stub<'m> {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for c in module.classes.iter().filter(|c| c.namespace == ns) {
            names.insert(&c.python_name);
            names.extend(c.methods.iter().map(|m| m.python_name.as_str()));
            names.extend(c.fields.iter().map(|f| f.python_name.as_str()));
            names.extend(c.consts.iter().map(|v| v.python_name.as_str()));
            names.extend(c.variants.iter().map(|v| v.python_name.as_str()));
            for v in &c.variants {
                names.extend(v.fields.iter().map(|f| f.python_name.as_str()));
            }
        }
        // `from . import str as str` shadows as much.
        names.extend(
            module
                .namespaces
                .iter()
                .filter(|n| n.parent == Some(ns))
                .map(|n| n.attr_name.as_str()),
        );
        let in_ns = |n: usize| n == ns;
        names.extend(
            module
                .functions
                .iter()
                .filter(|f| in_ns(f.namespace))
                .map(|f| f.python_name.as_str()),
        );
        names.extend(
            module
                .values
                .iter()
                .filter(|v| in_ns(v.namespace))
                .map(|v| v.python_name.as_str()),
        );
        names.extend(
            module
                .live_statics
                .iter()
                .filter(|v| in_ns(v.namespace))
                .map(|v| v.python_name.as_str()),
        );
        Stub {
            abi: Abi { module },
            ns,
            imports: RefCell::new(BTreeSet::new()),
            vectors: RefCell::new(BTreeSet::new()),
            shadowed: BUILTINS
                .iter()
                .copied()
                .filter(|b| names.contains(b))
                .collect(),
        }
    }

    fn module(&self) -> &'m ir::Module {
        self.abi.module
    }

    /// `typing.X` (and the like): the name, with its module imported.
    fn qualified(&self, module: &str, name: &str) -> String {
        self.imports.borrow_mut().insert(format!("import {module}"));
        format!("{module}.{name}")
    }

    fn typing(&self, name: &str) -> String {
        self.qualified("typing", name)
    }

    /// A builtin's name, `builtins.int` where this stub shadows `int`.
    fn builtin(&self, name: &'static str) -> String {
        if self.shadowed.contains(name) {
            self.qualified("builtins", name)
        } else {
            name.to_string()
        }
    }

    /// A type string that may name modules (a leaf's `datetime.timedelta`):
    /// its modules imported.
    fn uses(&self, text: &str) -> String {
        for (at, _) in text.match_indices('.') {
            let start = text[..at]
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(0, |p| p + 1);
            let module = &text[start..at];
            if !module.is_empty() && module.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                self.imports.borrow_mut().insert(format!("import {module}"));
            }
        }
        let mut out = text.to_string();
        for b in &self.shadowed {
            out = replace_word(&out, b, &format!("builtins.{b}"));
        }
        if out != text {
            self.imports
                .borrow_mut()
                .insert("import builtins".to_string());
        }
        out
    }

    /// Class `i` as this stub names it: bare in its own namespace, relative
    /// below it (through the `from . import child` lines), else absolute.
    fn class_ref(&self, i: usize) -> String {
        let class = &self.module().classes[i];
        self.named_ref(class.namespace, &class.python_name)
    }

    /// A class of namespace `ns` named `name`, as this stub reaches it.
    fn named_ref(&self, ns: usize, name: &str) -> String {
        let module = self.module();
        let mut down = Vec::new();
        let mut at = Some(ns);
        while let Some(n) = at {
            if n == self.ns {
                down.reverse();
                down.push(name);
                return down.join(".");
            }
            down.push(module.namespaces[n].attr_name.as_str());
            at = module.namespaces[n].parent;
        }
        let qualified = &module.namespaces[ns].qualified_name;
        self.imports
            .borrow_mut()
            .insert(format!("import {qualified}"));
        format!("{qualified}.{name}")
    }

    /// The vector class of `item`, declared by the root stub.
    fn vector_ref(&self, item: &Ty) -> String {
        let name = vector_class(item);
        let py_item = self.ty(item, Dir::Out);
        self.vectors.borrow_mut().insert((name.clone(), py_item));
        if self.ns == 0 {
            name
        } else {
            let root = &self.module().name;
            self.imports.borrow_mut().insert(format!("import {root}"));
            format!("{root}.{name}")
        }
    }

    /// The annotation of a value of type `ty` going `dir`.
    fn ty(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Unit => "None".to_string(),
            Ty::Bool => self.builtin("bool"),
            Ty::Int(_) => self.builtin("int"),
            Ty::Float(_) => self.builtin("float"),
            Ty::Char | Ty::Str(_) => self.builtin("str"),
            Ty::Path(_) => match dir {
                Dir::In => format!(
                    "{} | {}[{}]",
                    self.builtin("str"),
                    self.qualified("os", "PathLike"),
                    self.builtin("str")
                ),
                Dir::Out => self.qualified("pathlib", "Path"),
            },
            Ty::Leaf(l) => self.uses(match dir {
                Dir::In => l.def().py_in,
                Dir::Out => l.def().py_out,
            }),
            // `Option<Option<T>>` is `T | None` too: Python has one `None`.
            Ty::Option(inner) => match self.ty(inner, dir) {
                t if t == "None" || t.ends_with(" | None") => t,
                t => format!("{t} | None"),
            },
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.ty(t, dir)).collect();
                format!("{}[{}]", self.builtin("tuple"), parts.join(", "))
            }
            Ty::Class(i, _) => self.class_ref(*i),
            // The trait's Protocol: a bound class implementing it, or any
            // object with its methods.
            Ty::Trait(t, _) => {
                let t = &self.module().traits[*t];
                self.named_ref(t.namespace, &t.python_name)
            }
            Ty::Seq(item, form) => self.seq(item, *form, dir),
            Ty::Map(k, v, _) => match dir {
                Dir::In => format!(
                    "{}[{}, {}]",
                    self.typing("Mapping"),
                    self.ty(k, dir),
                    self.ty(v, dir)
                ),
                Dir::Out => format!(
                    "{}[{}, {}]",
                    self.builtin("dict"),
                    self.ty(k, dir),
                    self.ty(v, dir)
                ),
            },
            Ty::Set(item, _) => match dir {
                Dir::In => format!("{}[{}]", self.typing("Iterable"), self.ty(item, dir)),
                Dir::Out => format!("{}[{}]", self.builtin("set"), self.ty(item, dir)),
            },
            Ty::Iter(item) => format!("{}[{}]", self.typing("Iterator"), self.ty(item, dir)),
            // Rust passes the arguments (results, for Python) and takes the result.
            Ty::Callable(c) => {
                let params: Vec<String> = c.params.iter().map(|t| self.ty(t, Dir::Out)).collect();
                let ret = match &c.ret {
                    // Whatever it returns is ignored.
                    Ty::Unit => self.builtin("object"),
                    t => self.ty(t, Dir::In),
                };
                format!(
                    "{}[[{}], {ret}]",
                    self.typing("Callable"),
                    params.join(", ")
                )
            }
        }
    }

    fn seq(&self, item: &Ty, form: SeqForm, dir: Dir) -> String {
        let buffer = || self.qualified("typing_extensions", "Buffer");
        if self.abi.is_seq_view(&Ty::Seq(Box::new(item.clone()), form)) {
            // A sequence view (rsbind.SequenceView) of the items in place,
            // or its iterator.
            let kind = if form == SeqForm::IterView {
                "Iterator"
            } else {
                "Sequence"
            };
            return format!("{}[{}]", self.typing(kind), self.ty(item, dir));
        }
        match (seq_abi(item, form), dir) {
            (SeqAbi::Bytes, Dir::In) => buffer(),
            (SeqAbi::Bytes, Dir::Out) => self.builtin("bytes"),
            // Written through: only a writable buffer will do.
            (SeqAbi::Numbers, Dir::In) if form == SeqForm::SliceMut => buffer(),
            (SeqAbi::Numbers, Dir::In) => format!(
                "{}[{}] | {}",
                self.typing("Sequence"),
                self.ty(item, dir),
                buffer()
            ),
            (SeqAbi::Numbers, Dir::Out) => self.vector_ref(item),
            (SeqAbi::Items, Dir::In) => {
                format!("{}[{}]", self.typing("Sequence"), self.ty(item, dir))
            }
            (SeqAbi::Items, Dir::Out) => {
                format!("{}[{}]", self.builtin("list"), self.ty(item, dir))
            }
        }
    }

    /// A parameter list: the receiver, the parameters, and `/` after them
    /// when they are positional-only (an operator's operand).
    fn params(
        &self,
        receiver: Option<&str>,
        params: &[ir::Param],
        positional: bool,
    ) -> Vec<String> {
        let mut out: Vec<String> = receiver.map(str::to_string).into_iter().collect();
        out.extend(params.iter().map(|p| self.param(p)));
        if positional {
            out.push("/".to_string());
        }
        out
    }

    fn param(&self, p: &ir::Param) -> String {
        let ty = self.param_type(p);
        match (&p.default, p.defaults_to_none) {
            (Some(d), _) => format!("{}: {ty} = {}", p.python_name, d.python()),
            (None, true) => format!("{}: {ty} = None", p.python_name),
            (None, false) => format!("{}: {ty}", p.python_name),
        }
    }

    fn param_type(&self, p: &ir::Param) -> String {
        let mut ty = self.ty(&p.ty, Dir::In);
        // Bound from `IntoIterator`: any iterable, not only a sequence.
        if p.from_iterable {
            if let Some(rest) = ty.strip_prefix("typing.Sequence[") {
                ty = format!("{}[{rest}", self.typing("Iterable"));
            }
        }
        // Bound from `impl Into<T>`: what `T`'s `From` impls take, too.
        if let Ty::Class(i, _) = &p.ty {
            for k in &p.made_by {
                let from = &self.module().classes[*i].methods[*k].params[0].ty;
                ty = format!("{ty} | {}", self.ty(from, Dir::In));
            }
        }
        ty
    }

    fn namespace_view(&self, source: &str) -> View {
        let module = self.module();
        let ns = self.ns;
        let classes: Vec<ClassView> = (0..module.traits.len())
            .filter(|t| module.traits[*t].namespace == ns)
            .map(|t| self.trait_view(t))
            .chain(
                (0..module.classes.len())
                    .filter(|i| module.classes[*i].namespace == ns)
                    .map(|i| self.class_view(i)),
            )
            .collect();
        let values = module
            .values
            .iter()
            .filter(|v| v.namespace == ns)
            .map(|v| Attr {
                // Read once at import: a constant for type checkers.
                line: format!(
                    "{}: {}[{}]",
                    v.python_name,
                    self.typing("Final"),
                    self.ty(&v.ty, Dir::Out)
                ),
                doc: docstring(&v.doc),
            })
            .chain(
                module
                    .live_statics
                    .iter()
                    .filter(|v| v.namespace == ns)
                    .map(|v| Attr {
                        line: format!("{}: {}", v.python_name, self.ty(&v.ty, Dir::Out)),
                        doc: docstring(&v.doc),
                    }),
            )
            .collect();
        let functions = module
            .functions
            .iter()
            .filter(|f| f.namespace == ns)
            .map(|f| FnView {
                doc: docstring(&f.doc),
                ..FnView::new(
                    &f.python_name,
                    self.params(None, &f.params, false),
                    &self.ty(&f.ret.ty, Dir::Out),
                )
            })
            .collect();
        let mut classes = classes;
        if ns == 0 {
            // Sorted, after every use is known.
            let vectors: Vec<(String, String)> = self.vectors.borrow().iter().cloned().collect();
            classes.extend(
                vectors
                    .iter()
                    .map(|(name, item)| self.vector_view(name, item)),
            );
        }
        let mut imports: Vec<String> = self.imports.borrow().iter().cloned().collect();
        // `import pkg` where `import pkg.geo` is there says nothing more.
        let all = imports.clone();
        imports.retain(|line| !all.iter().any(|o| o.starts_with(&format!("{line}."))));
        imports.extend(
            module
                .namespaces
                .iter()
                .filter(|n| n.parent == Some(ns))
                .map(|n| format!("from . import {0} as {0}", n.attr_name)),
        );
        View {
            source: source.to_string(),
            module: module.namespaces[ns].qualified_name.clone(),
            doc: docstring(&module.namespaces[ns].doc),
            imports,
            rust_panic: ns == 0,
            classes,
            values,
            functions,
        }
    }

    /// A trait: a `Protocol` of its methods without a default (abstract, so
    /// that a subclass must define them); Rust passes their arguments
    /// positionally, so an implementation may name them as it likes.
    fn trait_view(&self, t: usize) -> ClassView {
        let tr = &self.module().traits[t];
        let abstract_ = format!("@{}", self.qualified("abc", "abstractmethod"));
        let methods = tr
            .methods
            .iter()
            .filter(|m| !m.provided)
            .map(|m| {
                let mut params = vec!["self".to_string()];
                params.extend(
                    m.param_names
                        .iter()
                        .zip(&m.sig.params)
                        .map(|(n, ty)| format!("{n}: {}", self.ty(ty, Dir::Out))),
                );
                params.push("/".to_string());
                let ret = match &m.sig.ret {
                    // Whatever it returns is ignored.
                    Ty::Unit => self.builtin("object"),
                    r => self.ty(r, Dir::In),
                };
                FnView::new(&m.python_name, params, &ret).decorated(&abstract_)
            })
            .collect();
        ClassView {
            decorators: vec![format!("@{}", self.typing("runtime_checkable"))],
            name: tr.python_name.clone(),
            base: self.typing("Protocol"),
            doc: docstring(&tr.doc),
            members: Vec::new(),
            attributes: Vec::new(),
            methods,
            variants: Vec::new(),
        }
    }

    fn class_view(&self, i: usize) -> ClassView {
        let c = &self.module().classes[i];
        let mut attributes: Vec<Attr> = Vec::new();
        let mut methods: Vec<FnView> = Vec::new();
        self.fields(&c.fields, &mut attributes, &mut methods);
        attributes.extend(c.consts.iter().map(|v| Attr {
            line: format!(
                "{}: {}[{}]",
                v.python_name,
                self.typing("ClassVar"),
                self.ty(&v.ty, Dir::Out)
            ),
            doc: docstring(&v.doc),
        }));
        // `PartialEq` without `Hash` + `Eq`: unhashable, as typeshed writes `list`.
        if c.kind != ClassKind::IntEnum && c.traits.partial_eq && !(c.traits.hash && c.traits.eq) {
            attributes.push(self.unhashable());
        }
        if c.kind == ClassKind::Struct {
            methods.extend(self.constructor(i));
        }
        methods.extend(self.methods(i));
        methods.extend(self.protocol_methods(i));
        if c.pickles() {
            methods.extend(self.pickle_methods(i));
        }
        let variants = if c.kind == ClassKind::DataEnum {
            c.variants.iter().map(|v| self.variant_view(i, v)).collect()
        } else {
            Vec::new()
        };
        let mut decorators = Vec::new();
        match c.kind {
            // Its variants subclass it; no other class can share its layout.
            ClassKind::DataEnum => decorators.push(format!(
                "@{}",
                self.qualified("typing_extensions", "disjoint_base")
            )),
            // An enum with members cannot be subclassed; checkers know.
            ClassKind::IntEnum => {}
            ClassKind::Struct => decorators.push(format!("@{}", self.typing("final"))),
        }
        ClassView {
            decorators,
            name: c.python_name.clone(),
            base: match (c.kind, c.is_exception) {
                (ClassKind::IntEnum, _) => self.qualified("enum", "IntEnum"),
                (_, true) => "Exception".to_string(),
                _ => self.builtin("object"),
            },
            doc: docstring(&c.doc),
            members: if c.kind == ClassKind::IntEnum {
                c.variants
                    .iter()
                    .map(|v| match v.value {
                        Some(n) => format!("{} = {n}", v.python_name),
                        None => format!("{} = ...", v.python_name),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            attributes,
            methods,
            variants,
        }
    }

    /// `__hash__ = None` as typeshed writes it (`list`): checkers see that
    /// it replaces `object.__hash__` with another type, and are told it is meant.
    fn unhashable(&self) -> Attr {
        Attr {
            line: format!(
                "__hash__: {}[None]  # type: ignore[assignment]",
                self.typing("ClassVar")
            ),
            doc: None,
        }
    }

    /// Fields: attributes, or properties where reading gives another type
    /// than writing takes (or nothing can be written).
    fn fields(&self, fields: &[ir::Field], attributes: &mut Vec<Attr>, methods: &mut Vec<FnView>) {
        for f in fields {
            let (read, write) = (self.ty(&f.ty, Dir::Out), self.ty(&f.ty, Dir::In));
            if !f.readonly && read == write {
                attributes.push(Attr {
                    line: format!("{}: {read}", f.python_name),
                    doc: docstring(&f.doc),
                });
                continue;
            }
            methods.push(FnView {
                doc: docstring(&f.doc),
                ..FnView::new(&f.python_name, vec!["self".to_string()], &read)
                    .decorated("@property")
            });
            if !f.readonly {
                methods.push(
                    FnView::new(
                        &f.python_name,
                        vec!["self".to_string(), format!("value: {write}")],
                        "None",
                    )
                    .decorated(&format!("@{}.setter", f.python_name)),
                );
            }
        }
    }

    /// A struct's constructor: `__new__`, as the type's `tp_new` takes it.
    fn constructor(&self, i: usize) -> Option<FnView> {
        let c = &self.module().classes[i];
        let params = match c.constructor.as_ref()? {
            ir::Constructor::Method(m) => m.params.clone(),
            ir::Constructor::Fields(_) => ir::fields_as_params(&c.fields),
            ir::Constructor::Default => Vec::new(),
        };
        let doc = match c.constructor.as_ref()? {
            ir::Constructor::Method(m) => docstring(&m.doc),
            _ => None,
        };
        Some(FnView {
            doc,
            ..FnView::new(
                "__new__",
                self.params(Some("cls"), &params, false),
                &c.python_name,
            )
        })
    }

    fn methods(&self, i: usize) -> Vec<FnView> {
        let c = &self.module().classes[i];
        let mut out = Vec::new();
        for (k, m) in c.methods.iter().enumerate() {
            if let Some(op) = m.operator {
                // All of an operator's stubs at its first method.
                if c.methods[..k].iter().any(|o| o.operator == m.operator) {
                    continue;
                }
                match op {
                    Operator::InPlace(b) => out.extend(self.in_place_stubs(i, b)),
                    Operator::Binary(b) => {
                        out.extend(self.operator_stubs(&self.overloads(i, op)));
                        out.extend(self.reflected_stubs(i, b));
                    }
                    _ => out.extend(self.operator_stubs(&self.overloads(i, op))),
                }
                continue;
            }
            let makes_self = m.ret.ty == Ty::Class(i, ir::ClassMode::Value);
            let (decorator, receiver) = match m.receiver {
                ir::Receiver::None if makes_self => (Some("@classmethod"), Some("cls")),
                ir::Receiver::None => (Some("@staticmethod"), None),
                _ => (None, Some("self")),
            };
            // A builder step gives the object back.
            let ret = if m.returns_receiver {
                c.python_name.clone()
            } else {
                self.ty(&m.ret.ty, Dir::Out)
            };
            let mut f = FnView {
                doc: docstring(&c.method_doc(m)),
                ..FnView::new(
                    &m.python_name,
                    self.params(receiver, &m.params, false),
                    &ret,
                )
            };
            if c.overloads(k).len() > 1 {
                f = f.decorated(&format!("@{}", self.typing("overload")));
            }
            out.push(match decorator {
                Some(d) => f.decorated(d),
                None => f,
            });
        }
        out
    }

    /// An operator's methods (one per right-hand type) as a checker should
    /// see them: the run time tries them in order and the first that takes
    /// the operand wins, so an operand type that an earlier method takes
    /// (`int` where one takes `float`) is left out of the later ones, and a
    /// method left with nothing is left out.
    fn overloads(&self, i: usize, op: Operator) -> Vec<Overload> {
        let c = &self.module().classes[i];
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut out = Vec::new();
        for m in c.methods.iter().filter(|m| m.operator == Some(op)) {
            let ret = self.ty(&m.ret.ty, Dir::Out);
            let name = m.python_name.clone();
            let doc = docstring(&m.doc);
            let Some(p) = m.params.first() else {
                out.push(Overload {
                    name,
                    operand: None,
                    ret,
                    doc,
                });
                break;
            };
            let members: Vec<String> = union_members(&self.param_type(p))
                .into_iter()
                .filter(|member| !is_taken(&taken, member))
                .collect();
            if members.is_empty() {
                continue;
            }
            taken.extend(members.iter().cloned());
            out.push(Overload {
                name,
                operand: Some(format!("{}: {}", p.python_name, members.join(" | "))),
                ret,
                doc,
            });
        }
        out
    }

    /// One stub per overload, `@overload`-marked when there are several.
    fn operator_stubs(&self, overloads: &[Overload]) -> Vec<FnView> {
        let several = overloads.len() > 1;
        overloads
            .iter()
            .map(|o| {
                let mut params = vec!["self".to_string()];
                params.extend(o.operand.clone());
                params.push("/".to_string());
                let f = FnView {
                    doc: o.doc.clone(),
                    ..FnView::new(&o.name, params, &o.ret)
                };
                if several {
                    f.decorated(&format!("@{}", self.typing("overload")))
                } else {
                    f
                }
            })
            .collect()
    }

    /// `b OP a`: the slot that gives `a OP b` gives `__rOP__` too, which
    /// computes `b OP a` as `b.__OP__(a)`, since Rust implements no reflected
    /// operators: only an operand of the class itself can work, and only where
    /// some method takes one; where none does, no operand works (`Never`).
    fn reflected_stubs(&self, i: usize, op: BinaryOp) -> Vec<FnView> {
        let c = &self.module().classes[i];
        let name = Operator::Binary(op).python_name().replacen("__", "__r", 1);
        let own = Ty::Class(i, ir::ClassMode::Value);
        let same_class = c.methods.iter().find(|m| {
            m.operator == Some(Operator::Binary(op))
                && m.params
                    .first()
                    .is_some_and(|p| matches!(p.ty, Ty::Class(k, _) if k == i))
        });
        let (operand, ret) = match same_class {
            Some(m) => (self.ty(&own, Dir::In), self.ty(&m.ret.ty, Dir::Out)),
            None => (self.typing("Never"), self.typing("NoReturn")),
        };
        let params = vec![
            "self".to_string(),
            format!("other: {operand}"),
            "/".to_string(),
        ];
        vec![FnView::new(&name, params, &ret)]
    }

    /// `a OP= b`. Without the binary operator, for the operands the in-place
    /// methods take, giving `a` back. With it, type checkers want the two to
    /// take the same operands in the same order (and Python falls back to the
    /// binary operator for an operand the in-place methods do not take): the
    /// binary operator's operands, each giving `a` where an in-place method
    /// takes it and the binary result otherwise.
    fn in_place_stubs(&self, i: usize, op: BinaryOp) -> Vec<FnView> {
        let class = &self.module().classes[i].python_name;
        let name = Operator::InPlace(op).python_name();
        let in_place = self.overloads(i, Operator::InPlace(op));
        let binary = self.overloads(i, Operator::Binary(op));
        let stubs: Vec<Overload> = if binary.is_empty() {
            in_place
                .into_iter()
                .map(|o| Overload {
                    ret: class.clone(),
                    ..o
                })
                .collect()
        } else {
            binary
                .into_iter()
                .map(|b| Overload {
                    ret: if in_place.iter().any(|o| operand_type(o) == operand_type(&b)) {
                        class.clone()
                    } else {
                        b.ret
                    },
                    doc: None,
                    ..b
                })
                .collect()
        };
        let renamed: Vec<Overload> = stubs
            .into_iter()
            .map(|o| Overload {
                name: name.clone(),
                ..o
            })
            .collect();
        self.operator_stubs(&renamed)
    }

    /// The dunders that the class's protocol traits give it: comparisons,
    /// iteration, copies, and a view's `with` block.
    fn protocol_methods(&self, i: usize) -> Vec<FnView> {
        let c = &self.module().classes[i];
        let t = &c.traits;
        let name = &c.python_name;
        let method = |n: &str, params: &[&str], ret: &str| {
            FnView::new(n, params.iter().map(|p| p.to_string()).collect(), ret)
        };
        let mut out = Vec::new();
        if c.kind == ClassKind::IntEnum {
            return out;
        }
        let bool_ = self.builtin("bool");
        if t.partial_eq {
            let other = format!("other: {}", self.builtin("object"));
            out.push(method("__eq__", &["self", &other, "/"], &bool_));
            out.push(method("__ne__", &["self", &other, "/"], &bool_));
        }
        if t.partial_ord {
            let other = format!("other: {name}");
            for op in ["__lt__", "__le__", "__gt__", "__ge__"] {
                out.push(method(op, &["self", &other, "/"], &bool_));
            }
        }
        if let Some(item) = &c.iterator_item {
            let item = self.ty(&item.ty, Dir::Out);
            let iterator = format!("{}[{item}]", self.typing("Iterator"));
            if t.iterator {
                out.push(method("__iter__", &["self", "/"], name));
                out.push(method("__next__", &["self", "/"], &item));
                if c.reversed_items().is_some() {
                    out.push(method("__reversed__", &["self", "/"], &iterator));
                }
            } else if t.iter_by_ref {
                out.push(method("__iter__", &["self", "/"], &iterator));
            }
        }
        let memo = format!(
            "memo: {}[{}, {}]",
            self.builtin("dict"),
            self.builtin("int"),
            self.typing("Any")
        );
        if t.clone {
            out.push(method("__copy__", &["self", "/"], name));
            out.push(method("__deepcopy__", &["self", &memo, "/"], name));
        }
        if self.module().is_viewed(i) {
            // A view ends its borrow of its owner at the end of a `with` block.
            let args = format!("*args: {}", self.builtin("object"));
            out.push(method("__enter__", &["self", "/"], name));
            // It returns False: the exception, if any, goes on.
            let literal_false = format!("{}[False]", self.typing("Literal"));
            out.push(method("__exit__", &["self", &args], &literal_false));
        }
        out
    }

    /// A serde class's pickling: `__reduce_ex__` and `__reduce__`, the classmethod
    /// of earlier builds' pickles, and,
    /// without `Clone`, `__deepcopy__` through the data.
    fn pickle_methods(&self, i: usize) -> Vec<FnView> {
        let c = &self.module().classes[i];
        let class = &c.python_name;
        let bytes = self.builtin("bytes");
        let reduce = format!(
            "{}[{}[[{bytes}], {class}], {}[{bytes}]]",
            self.builtin("tuple"),
            self.typing("Callable"),
            self.builtin("tuple")
        );
        let protocol = format!("protocol: {}", self.typing("SupportsIndex"));
        let mut methods = vec![
            FnView::new(
                "__reduce_ex__",
                vec!["self".to_string(), protocol, "/".to_string()],
                &reduce,
            ),
            FnView::new(
                "__reduce__",
                vec!["self".to_string(), "/".to_string()],
                &reduce,
            ),
            FnView::new(
                "_rsbind_from_pickle",
                vec!["cls".to_string(), format!("data: {bytes}"), "/".to_string()],
                class,
            )
            .decorated("@classmethod"),
        ];
        if !c.traits.clone {
            let memo = format!(
                "memo: {}[{}, {}]",
                self.builtin("dict"),
                self.builtin("int"),
                self.typing("Any")
            );
            methods.push(FnView::new(
                "__deepcopy__",
                vec!["self".to_string(), memo, "/".to_string()],
                class,
            ));
        }
        methods
    }

    /// A data enum's variant: a final subclass built from its fields, which
    /// `match` destructures by `__match_args__`.
    fn variant_view(&self, i: usize, v: &ir::Variant) -> ClassView {
        let c = &self.module().classes[i];
        let qualified = format!("{}.{}", c.python_name, v.python_name);
        let mut attributes = Vec::new();
        let mut methods = Vec::new();
        {
            let names: Vec<String> = v
                .fields
                .iter()
                .map(|f| format!("{:?}", f.python_name))
                .collect();
            let comma = if names.len() == 1 { "," } else { "" };
            // `()` for a variant without fields, as the runtime sets it.
            attributes.push(Attr {
                line: format!("__match_args__ = ({}{comma})", names.join(", ")),
                doc: None,
            });
        }
        self.fields(&v.fields, &mut attributes, &mut methods);
        methods.insert(
            0,
            FnView::new(
                "__new__",
                self.params(Some("cls"), &ir::fields_as_params(&v.fields), false),
                &qualified,
            ),
        );
        ClassView {
            decorators: vec![format!("@{}", self.typing("final"))],
            name: v.python_name.clone(),
            base: c.python_name.clone(),
            doc: docstring(&v.doc),
            members: Vec::new(),
            attributes,
            methods,
            variants: Vec::new(),
        }
    }

    /// A vector class as the runtime makes it (`runtime-c/rsbind_vectors.c`):
    /// a fixed-length sequence with item and slice assignment (slices are
    /// copies), `==` between vectors of one type, unhashable, and a writable buffer.
    fn vector_view(&self, name: &str, item: &str) -> ClassView {
        let item = &self.uses(item);
        let (int, obj) = (self.builtin("int"), self.builtin("object"));
        let index = format!("index: {}", self.typing("SupportsIndex"));
        let overload = format!("@{}", self.typing("overload"));
        let items = format!(
            "{}[{item}] | {}",
            self.typing("Sequence"),
            self.qualified("typing_extensions", "Buffer")
        );
        let s = |p: &[&str]| -> Vec<String> { p.iter().map(|p| p.to_string()).collect() };
        let slice = format!("index: {}", self.builtin("slice"));
        let methods = vec![
            FnView::new(
                "__new__",
                s(&["cls", &format!("items: {items} = ()")]),
                name,
            ),
            FnView::new("__len__", s(&["self", "/"]), &int),
            FnView::new("__getitem__", s(&["self", &index, "/"]), item).decorated(&overload),
            FnView::new("__getitem__", s(&["self", &slice, "/"]), name).decorated(&overload),
            FnView::new(
                "__setitem__",
                s(&["self", &index, &format!("value: {item}"), "/"]),
                "None",
            )
            .decorated(&overload),
            FnView::new(
                "__setitem__",
                s(&["self", &slice, &format!("value: {items}"), "/"]),
                "None",
            )
            .decorated(&overload),
            FnView::new(
                "__contains__",
                s(&["self", &format!("value: {obj}"), "/"]),
                &self.builtin("bool"),
            ),
            FnView::new(
                "__iter__",
                s(&["self", "/"]),
                &format!("{}[{item}]", self.typing("Iterator")),
            ),
            FnView::new(
                "__eq__",
                s(&["self", &format!("other: {obj}"), "/"]),
                &self.builtin("bool"),
            ),
            FnView::new(
                "__ne__",
                s(&["self", &format!("other: {obj}"), "/"]),
                &self.builtin("bool"),
            ),
            FnView::new(
                "__buffer__",
                s(&["self", &format!("flags: {int}"), "/"]),
                &self.builtin("memoryview"),
            ),
            FnView::new(
                "__release_buffer__",
                s(&[
                    "self",
                    &format!("buffer: {}", self.builtin("memoryview")),
                    "/",
                ]),
                "None",
            ),
        ];
        ClassView {
            decorators: vec![
                format!("@{}", self.typing("final")),
                format!("@{}", self.typing("type_check_only")),
            ],
            name: name.to_string(),
            base: obj.clone(),
            doc: docstring(
                "A fixed-length vector of Rust numbers: a sequence with item assignment and a\n\
                 writable buffer that shares its memory. Slices are copies. Not a module\n\
                 attribute: `type(x)` of a returned vector.",
            ),
            members: Vec::new(),
            attributes: vec![self.unhashable()],
            methods,
            variants: Vec::new(),
        }
    }
}

/// One right-hand type of an operator: `name: type` of its operand (none
/// for a unary operator), and what it gives.
struct Overload {
    name: String,
    operand: Option<String>,
    ret: String,
    doc: Option<String>,
}

/// The type of an overload's operand.
fn operand_type(o: &Overload) -> Option<&str> {
    o.operand
        .as_deref()
        .map(|p| p.split_once(": ").map_or(p, |(_, t)| t))
}

/// The members of a union type string (`a | b[c | d]` is `a`, `b[c | d]`).
fn union_members(ty: &str) -> Vec<String> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (k, c) in ty.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '|' if depth == 0 => {
                out.push(ty[start..k].trim().to_string());
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(ty[start..].trim().to_string());
    out
}

/// Whether an earlier overload takes the type `member`: the same type, or a wider one (`float` takes `int`, `int` takes `bool`).
fn is_taken(taken: &BTreeSet<String>, member: &str) -> bool {
    let ty = |t: &str| -> String { t.trim_start_matches("builtins.").to_string() };
    let wider: &[&str] = match ty(member).as_str() {
        "int" => &["int", "float"],
        "bool" => &["bool", "int", "float"],
        _ => &[],
    };
    taken
        .iter()
        .any(|t| ty(t) == ty(member) || wider.contains(&ty(t).as_str()))
}

/// `text` with every whole word `word` (not an attribute, after a `.`) replaced.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after = rest[at + word.len()..].chars().next();
        let whole =
            !before.is_some_and(|c| is_ident(c) || c == '.') && !after.is_some_and(is_ident);
        out.push_str(&rest[..at]);
        out.push_str(if whole { with } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

impl Backend for PyiBackend {
    fn name(&self) -> &'static str {
        "pyi"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        // The root last: it declares the vector classes that any stub names.
        let mut vectors = BTreeSet::new();
        let mut renders = Vec::new();
        for ns in (1..module.namespaces.len()).chain([0]) {
            let stub = Stub::new(module, ns);
            if ns == 0 {
                stub.vectors.borrow_mut().append(&mut vectors);
            }
            let view = stub.namespace_view(&ctx.source_name);
            vectors.append(&mut stub.vectors.borrow_mut());
            renders.push(Render {
                template: "pyi/module.pyi.j2",
                path: stub_path(module, ns),
                view: Value::from_serialize(&view),
            });
        }
        renders.sort_by(|a, b| a.path.cmp(&b.path));
        (renders, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_members_split_at_the_top_level_only() {
        assert_eq!(
            union_members("typing.Sequence[int | None] | typing_extensions.Buffer"),
            vec!["typing.Sequence[int | None]", "typing_extensions.Buffer"]
        );
        assert_eq!(union_members("int"), vec!["int"]);
    }

    #[test]
    fn a_wider_type_takes_a_narrower_operand() {
        let taken: BTreeSet<String> = ["float".to_string()].into();
        assert!(is_taken(&taken, "int"));
        assert!(is_taken(&taken, "builtins.bool"));
        assert!(!is_taken(&taken, "str"));
        let taken: BTreeSet<String> = ["int".to_string()].into();
        assert!(!is_taken(&taken, "float"));
    }

    #[test]
    fn only_whole_builtin_names_are_replaced() {
        assert_eq!(
            replace_word("dict[str, int] | strings.str | str_", "str", "builtins.str"),
            "dict[builtins.str, int] | strings.str | str_"
        );
    }

    #[test]
    fn vector_classes_are_named_for_their_items() {
        assert_eq!(vector_class(&Ty::Float(ir::FloatKind::F64)), "VecF64");
        assert_eq!(vector_class(&Ty::Int(ir::IntKind::Usize)), "VecUsize");
        assert_eq!(vector_class(&Ty::Bool), "VecBool");
    }
}
