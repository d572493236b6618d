//! The `cpython` backend: `module.c`, the C-API side of the module: one
//! `METH_FASTCALL | METH_KEYWORDS` function per Rust function and method, a heap
//! type per class, converters for composite values, module init; plus the C
//! runtime copied beside it.
//!
//! This file builds the view (`cpython/view.rs`) that the templates print.

mod composites;
mod traits;
mod view;

use super::abi::{self, Abi, Dir};
use super::names::{self, CallNames};
use super::{c_string_literal, Backend, GenContext, OutputFile, Render, RUNTIME_C_FILES};
use crate::ir::{self, ClassKind, ClassMode, Ty};
use minijinja::Value;
use view::*;

pub struct CPythonBackend;

const FASTCALL: &str = "METH_FASTCALL | METH_KEYWORDS";
const FASTCALL_STATIC: &str = "METH_FASTCALL | METH_KEYWORDS | METH_STATIC";
const FASTCALL_CLASS: &str = "METH_FASTCALL | METH_KEYWORDS | METH_CLASS";

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

/// Which C function signature a call wrapper has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CallShape {
    /// A `PyMethodDef` function: `(self, args, nargs, kwnames)`.
    Function,
    /// A type's `tp_new`.
    TpNew,
    /// A type's `tp_vectorcall`.
    Vectorcall,
}

/// What one call wrapper calls and how.
struct CallSpec<'a> {
    display_name: String,
    wrapper: String,
    shape: CallShape,
    params: &'a [ir::Param],
    receiver: Option<ReceiverView>,
    member_receiver: Option<MemberReceiverView>,
    stub: String,
    ret: &'a ir::Ret,
    release_gil: bool,
    wrap_as: Option<String>,
    returns_self: bool,
    /// The result is a view of `self`.
    view: Option<ir::View>,
    /// The module state (`rsbind_st`) from what the call has.
    state: String,
}

/// Where a [`KeepsView`] is used: the C names of the result and of `self`'s
/// slot there, and whether the new object's type is the called one.
struct KeepsAt {
    out: &'static str,
    self_slot: &'static str,
    constructor: bool,
}

struct Builder<'m> {
    abi: Abi<'m>,
    /// `ir::Module::rust_keeps_python_objects`.
    rust_keeps_python_objects: bool,
    calls: Vec<CallView>,
    overloads: Vec<OverloadView>,
    callbacks: Vec<CallbackView>,
}

impl Builder<'_> {
    /// Whether passing `ty` moves an object (by value, of a type that is not Clone).
    fn moves(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Class(i, ClassMode::Value | ClassMode::Boxed) => {
                let c = self.abi.class(*i);
                c.kind != ClassKind::IntEnum && !c.traits.clone
            }
            // An implementing class's object may move into a `Box<dyn Trait>`.
            Ty::Trait(t, u)
                if matches!(
                    u.form,
                    ir::DynForm::Boxed | ir::DynForm::Arc | ir::DynForm::Impl
                ) =>
            {
                self.abi
                    .dyn_implementors(*t, *u)
                    .iter()
                    .any(|i| self.moves(&Ty::Class(*i, ClassMode::Value)))
            }
            Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => self.moves(inner),
            Ty::Map(k, v, _) => self.moves(k) || self.moves(v),
            Ty::Tuple(items) => items.iter().any(|t| self.moves(t)),
            _ => false,
        }
    }

    fn params(&self, names: &CallNames, params: &[ir::Param]) -> Vec<ParamView> {
        /// A text as it may stand inside a C comment: one line, no `*/`.
        fn c_comment_text(text: &str) -> String {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("*/", "* /")
        }
        params
            .iter()
            .map(|p| ParamView {
                default: p.default.as_ref().map(|d| DefaultView {
                    var: names.default(&p.python_name),
                    expr: default_object(d),
                }),
                python_name: p.python_name.clone(),
                c_name: names::arg_name(p),
                c_type: self.abi.c_type(&p.ty, Dir::In),
                zero: zero_of(&self.abi.c_type(&p.ty, Dir::In)),
                converter: self.abi.c_from_py(&p.ty),
                loc: names.loc(&p.python_name),
                from_iterable: p.from_iterable,
                made_by: match &p.ty {
                    Ty::Class(i, _) if !p.made_by.is_empty() => Some(MadeByView {
                        type_var: names::class_type_var(self.abi.module, *i),
                        dealloc: names::class_names(self.abi.module, *i).dealloc,
                        table: names.made_by(&p.python_name),
                        methods: p
                            .made_by
                            .iter()
                            .map(|k| {
                                names::py_wrapper(&names::method_symbol(self.abi.module, *i, *k))
                            })
                            .collect(),
                    }),
                    _ => None,
                },
                kept_bytes: false,
                lent: self.lent(p),
                no_copy: p.unsafe_no_copy.as_deref().map(c_comment_text),
            })
            .collect()
    }

    /// A class argument that the call borrows (`&T`, `&mut T`, or a `Clone`
    /// value, which Rust clones): a call without a scope borrows it itself.
    fn lent(&self, p: &ir::Param) -> Option<LentView> {
        let Ty::Class(i, mode) = &p.ty else {
            return None;
        };
        let c = self.abi.class(*i);
        let exclusive = match mode {
            _ if c.kind == ClassKind::IntEnum => return None,
            ClassMode::Ref => false,
            ClassMode::RefMut => true,
            ClassMode::Value | ClassMode::Boxed if c.traits.clone => false,
            _ => return None,
        };
        Some(LentView {
            var: format!("rsbind_lent_{}", names::arg_name(p)),
            slot: names::class_names(self.abi.module, *i).slot,
            exclusive: if exclusive { "true" } else { "false" },
        })
    }

    /// The trampolines of a stub's callable parameters (once per stub: a
    /// constructor's two wrappers share theirs).
    fn callbacks(&mut self, spec: &CallSpec) {
        for p in spec.params {
            let callable = match &p.ty {
                Ty::Callable(c) => c,
                Ty::Option(inner) => match &**inner {
                    Ty::Callable(c) => c,
                    _ => continue,
                },
                _ => continue,
            };
            let symbol = names::callback_symbol(&spec.stub, p);
            if self.callbacks.iter().any(|c| c.symbol == symbol) {
                continue;
            }
            let result_name = format!(
                "result of {}() argument '{}'",
                spec.display_name, p.python_name
            );
            self.callbacks.push(callback_view(
                &self.abi,
                symbol,
                result_name,
                callable,
                None,
            ));
        }
    }

    fn call(&mut self, spec: CallSpec) {
        self.callbacks(&spec);
        let names = CallNames::new(&spec.wrapper);
        let params = spec.params;
        let mut param_views = self.params(&names, params);
        for k in spec.ret.keeps.iter().flat_map(|k| &k.params) {
            param_views[k.index].kept_bytes = k.as_bytes;
        }
        // Scalars and strs convert without the scope (the caller's
        // reference keeps a str's UTF-8); a borrowed `self` and borrowed
        // class arguments are released on their own: such a call needs no
        // scope at all (the fast path of `noop()`, `c.incr(1)`, `a + b`).
        let scoped = spec.shape == CallShape::TpNew
            || spec.release_gil
            || spec.ret.keeps.is_some()
            || spec.receiver.as_ref().is_some_and(|r| r.takes)
            || !params.iter().zip(&param_views).all(|(p, v)| {
                v.lent.is_some()
                    || matches!(
                        p.ty,
                        Ty::Bool | Ty::Int(_) | Ty::Float(_) | Ty::Char | Ty::Str(_)
                    )
            })
            || param_views.iter().any(ParamView::replaces_argument);
        if scoped {
            // The scope borrows them.
            for p in &mut param_views {
                p.lent = None;
            }
        }
        let args_in_place = spec.shape != CallShape::TpNew
            && !param_views.is_empty()
            && !param_views.iter().any(ParamView::replaces_argument);
        let direct = self
            .abi
            .direct_return(&spec.ret.ty, params)
            .filter(|_| spec.view.is_none() && !spec.returns_self)
            .map(|c_type| direct_call(&c_type, &spec, &param_views));
        let moves = params.iter().any(|p| self.moves(&p.ty))
            || spec.receiver.as_ref().is_some_and(|r| r.takes);
        self.calls.push(CallView {
            state: spec.state,
            scoped,
            scope_ref: if scoped { "&scope" } else { "NULL" },
            lent: param_views.iter().filter_map(|p| p.lent.clone()).collect(),
            sig: names.sig(),
            sig_names: names.sig_names(),
            params: param_views,
            nrequired: params
                .iter()
                .position(|p| p.defaults_to_none || p.default.is_some())
                .unwrap_or(params.len()),
            moves,
            self_check: spec.receiver.as_ref().is_some_and(|r| !r.takes)
                && !moves
                && !self.rust_keeps_python_objects
                && !params.iter().any(|p| p.ty.holds_behaviour())
                && !spec.release_gil
                && spec.ret.keeps.is_none()
                && spec.view.is_none(),
            tp_new: spec.shape == CallShape::TpNew,
            vectorcall: spec.shape == CallShape::Vectorcall,
            self_unused: spec.shape == CallShape::Function && spec.receiver.is_none(),
            receiver: spec.receiver,
            member_receiver: spec.member_receiver,
            display_name: spec.display_name,
            wrapper: spec.wrapper,
            stub: spec.stub,
            direct,
            args_in_place,
            out_c_type: match spec.view {
                Some(v) if v.seq => "rsbind_seq_parts".to_string(),
                Some(_) => "void *".to_string(),
                None => self.abi.c_type(&spec.ret.ty, Dir::Out),
            },
            to_py: self.abi.c_to_py(&spec.ret.ty),
            in_room: self.abi.result_in_room(spec.ret).map(|class| {
                let names = names::class_names(self.abi.module, class);
                RoomView {
                    bytes: abi::RESULT_ROOM,
                    // A constructor's: into an object of the type called.
                    to_py: if spec.wrap_as.is_some() {
                        names.from_room_as
                    } else {
                        names.from_room
                    },
                }
            }),
            release_gil: spec.release_gil,
            converts_behaviour: params.iter().any(|p| p.ty.holds_behaviour()),
            wrap_as: spec.wrap_as.clone(),
            view: spec.view.map(|v| CallResultView {
                finish: v.iter.then_some("rsbind_seqview_iter"),
                also: spec
                    .ret
                    .keeps
                    .iter()
                    .flat_map(|k| &k.also_borrow)
                    .map(|b| self.also_borrow(b, params, "rsbind_self_slot"))
                    .collect(),
                make: {
                    let names = names::class_names(self.abi.module, v.class);
                    if v.seq {
                        names.seq_view
                    } else {
                        names.view
                    }
                },
                exclusive: if v.exclusive { "true" } else { "false" },
                read_only: if v.read_only { "true" } else { "false" },
            }),
            returns_self: spec.returns_self,
            // A view's keeps are its further borrows (above); an IntEnum's
            // `&T` is a copy.
            keeps: spec.ret.keeps.as_ref().filter(|k| !k.only_also()).map(|k| {
                let at = KeepsAt {
                    out: "rsbind_out",
                    self_slot: "rsbind_self_slot",
                    constructor: spec.wrap_as.is_some(),
                };
                self.keeps_view(k, &spec.ret.ty, params, &at)
            }),
            doc: None,
        });
    }

    /// What the object of a result that borrows keeps, as C writes it.
    fn keeps_view(
        &self,
        keeps: &ir::Keeps,
        ty: &Ty,
        params: &[ir::Param],
        at: &KeepsAt,
    ) -> KeepsView {
        let module = self.abi.module;
        let (class, rust_expr) = match ty {
            Ty::Option(inner) => (
                &**inner,
                format!("({0}.is_some ? {0}.value : NULL)", at.out),
            ),
            ty => (ty, at.out.to_string()),
        };
        let (make, type_expr) = match class {
            Ty::Iter(_) => (
                format!("{}_keeping", self.abi.iterator_stem(class)),
                "NULL".to_string(),
            ),
            &Ty::Class(class, _) => (
                names::class_names(module, class).keeping,
                if at.constructor {
                    "type".to_string()
                } else {
                    format!(
                        "(PyTypeObject *)rsbind_st->{}",
                        names::class_type_var(module, class)
                    )
                },
            ),
            _ => unreachable!("`types::borrows` keeps only for objects and iterators"),
        };
        let arg = |i: usize| format!("argv[{i}]");
        let objects = keeps
            .keeps_self
            .then(|| "self".to_string())
            .into_iter()
            .chain(keeps.params.iter().map(|k| arg(k.index)))
            .collect();
        let (owner, owner_slot) = match keeps.borrow.map(|b| b.of) {
            None => ("NULL".to_string(), "NULL".to_string()),
            Some(of) => self.borrowed_object(of, params, at.self_slot),
        };
        KeepsView {
            also: keeps
                .also_borrow
                .iter()
                .map(|b| self.also_borrow(b, params, at.self_slot))
                .collect(),
            make,
            type_expr,
            rust_expr,
            objects,
            owner,
            owner_slot,
            exclusive: if keeps.borrow.is_some_and(|b| b.exclusive) {
                "true"
            } else {
                "false"
            },
        }
    }

    /// A bound object a result borrows and its slot, as C writes them.
    fn borrowed_object(
        &self,
        of: ir::BorrowOf,
        params: &[ir::Param],
        self_slot: &str,
    ) -> (String, String) {
        match of {
            ir::BorrowOf::SelfObject => ("self".to_string(), self_slot.to_string()),
            ir::BorrowOf::Param(i) => {
                let Ty::Class(k, _) = &params[i].ty else {
                    unreachable!("`types::borrows` borrows only objects")
                };
                let arg = format!("argv[{i}]");
                let slot = names::class_names(self.abi.module, *k).slot;
                (arg.clone(), format!("{slot}({arg})"))
            }
        }
    }

    fn also_borrow(
        &self,
        b: &ir::Borrowed,
        params: &[ir::Param],
        self_slot: &str,
    ) -> AlsoBorrowView {
        let (owner, owner_slot) = self.borrowed_object(b.of, params, self_slot);
        AlsoBorrowView {
            owner,
            owner_slot,
            exclusive: if b.exclusive { "true" } else { "false" },
        }
    }

    /// Gives the last call a docstring; returns the name of its variable.
    fn document_last(&mut self, literal: String) -> String {
        let call = self.calls.last_mut().expect("a call was just added");
        let var = CallNames::new(&call.wrapper).doc();
        call.doc = Some(DocView {
            var: var.clone(),
            literal,
        });
        var
    }

    /// The tp_new for `Class.__new__` and subclasses, and the vectorcall for `Class(..)`.
    fn constructor_calls(
        &mut self,
        display_name: &str,
        (new_py, vectorcall_py, stub): (&str, &str, &str),
        params: &[ir::Param],
        ret: &ir::Ret,
        release_gil: bool,
        (wrap_as, state_of): (&str, &str),
    ) {
        for (shape, wrapper) in [
            (CallShape::TpNew, new_py),
            (CallShape::Vectorcall, vectorcall_py),
        ] {
            self.call(CallSpec {
                display_name: display_name.to_string(),
                wrapper: wrapper.to_string(),
                shape,
                params,
                receiver: None,
                member_receiver: None,
                stub: stub.to_string(),
                ret,
                release_gil,
                wrap_as: Some(wrap_as.to_string()),
                returns_self: false,
                view: None,
                // The class's or a variant's type (they have no subclasses).
                state: format!("{state_of}(type)"),
            });
        }
    }

    fn accessor(&self, class: usize, variant: Option<&str>, f: &ir::Field) -> AccessorView {
        let module = self.abi.module;
        let symbol = |what: &str| names::field_symbol(module, class, variant, what, &f.python_name);
        // A variant's fields are read-only: its value is what the variant is;
        // so is a field holding a `'static` borrow.
        let setter = (variant.is_none() && !f.readonly).then(|| SetterView {
            setter: names::py_wrapper(&symbol("set")),
            set_symbol: symbol("set"),
            in_c_type: self.abi.c_type(&f.ty, Dir::In),
            in_zero: zero_of(&self.abi.c_type(&f.ty, Dir::In)),
            from_py: self.abi.c_from_py(&f.ty),
            moves: self.moves(&f.ty),
        });
        AccessorView {
            python_name: f.python_name.clone(),
            getter: names::py_wrapper(&symbol("get")),
            get_symbol: symbol("get"),
            direct: self
                .abi
                .direct_return(&f.ty, &[])
                .map(|c_type| format!("rsbind_ret_{c_type}")),
            self_check: !self.rust_keeps_python_objects,
            out_c_type: self.abi.c_type(&f.ty, Dir::Out),
            to_py: self.abi.c_to_py(&f.ty),
            setter,
        }
    }

    /// The class's methods: their calls, the entries of its method table, and
    /// the operator slots of the methods named as operators.
    fn methods(&mut self, i: usize) -> (Vec<MethodDef>, OperatorsView) {
        let module = self.abi.module;
        let c = &module.classes[i];
        let slot = names::class_names(module, i).slot;
        let mut defs = Vec::new();
        let mut operators: Vec<(ir::operators::Operator, String)> = Vec::new();
        for (k, m) in c.methods.iter().enumerate() {
            let stub = names::method_symbol(module, i, k);
            let wrapper = names::py_wrapper(&stub);
            let receiver = |exclusive: bool, takes: bool| ReceiverView {
                c_type: if exclusive || takes {
                    "void *"
                } else {
                    "const void *"
                },
                slot: slot.clone(),
                takes,
                exclusive: if exclusive { "true" } else { "false" },
                type_name: c.python_name.clone(),
            };
            // An associated function making the type (`parse`, `from_`) is a
            // classmethod, like `dict.fromkeys`; other ones are static.
            let makes_self = m.ret.ty == Ty::Class(i, ClassMode::Value);
            let (receiver, flags, text_self) = match m.receiver {
                ir::Receiver::None if makes_self => (None, FASTCALL_CLASS, "$type"),
                ir::Receiver::None => (None, FASTCALL_STATIC, ""),
                ir::Receiver::Ref => (Some(receiver(false, false)), FASTCALL, "$self"),
                ir::Receiver::RefMut => (Some(receiver(true, false)), FASTCALL, "$self"),
                // By value, of a Clone type: Rust clones the borrowed value.
                ir::Receiver::Value if c.traits.clone => {
                    (Some(receiver(false, false)), FASTCALL, "$self")
                }
                ir::Receiver::Value => (Some(receiver(false, true)), FASTCALL, "$self"),
            };
            // An IntEnum's member is an int: read as its discriminant, by value.
            let int_enum = c.kind == ClassKind::IntEnum;
            let member_receiver = (int_enum && receiver.is_some()).then(|| MemberReceiverView {
                converter: self.abi.c_from_py(&Ty::Class(i, ClassMode::Value)),
                loc: CallNames::new(&wrapper).loc("self"),
            });
            let receiver = receiver.filter(|_| !int_enum);
            let state = match c.kind {
                // self's type is the class's own, or a variant's or a Python
                // subclass's (a data enum): the class's cached lookup.
                ClassKind::Struct | ClassKind::DataEnum if receiver.is_some() => {
                    format!("{}(Py_TYPE(self))", names::class_names(module, i).state_of)
                }
                // A static method: set on the class with the module object
                // as self (`rsbind_add_static_methods`).
                ClassKind::Struct | ClassKind::DataEnum if flags == FASTCALL_STATIC => {
                    "RSBIND_STATE(self)".to_string()
                }
                // A classmethod: self is the class.
                ClassKind::Struct | ClassKind::DataEnum => format!(
                    "{}((PyTypeObject *)self)",
                    names::class_names(module, i).state_of
                ),
                // An IntEnum's: self is the member, or the class.
                ClassKind::IntEnum => "RSBIND_ANY_STATE(self)".to_string(),
            };
            self.call(CallSpec {
                display_name: format!("{}.{}", c.python_name, m.python_name),
                wrapper: wrapper.clone(),
                shape: CallShape::Function,
                params: &m.params,
                receiver,
                member_receiver,
                stub,
                ret: &m.ret,
                release_gil: m.release_gil,
                wrap_as: None,
                returns_self: m.returns_receiver,
                view: module.method_view(m),
                state,
            });
            if let Some(op) = m.operator {
                operators.push((op, wrapper));
                continue;
            }
            // Overloads: one Python method, at the first, trying each.
            let overloads = c.overloads(k);
            let wrapper = match overloads.as_slice() {
                [_] => wrapper,
                [first, ..] if *first == k => {
                    let dispatcher =
                        names::class_symbol(module, i, &format!("overloads_{}", m.python_name));
                    self.overloads.push(OverloadView {
                        wrapper: dispatcher.clone(),
                        display_name: format!("{}.{}", c.python_name, m.python_name),
                        methods: overloads
                            .iter()
                            .map(|&j| names::py_wrapper(&names::method_symbol(module, i, j)))
                            .collect(),
                    });
                    dispatcher
                }
                _ => continue,
            };
            let signature = text_signature(&m.python_name, &m.params, text_self);
            let doc = c.method_doc(m);
            defs.push(MethodDef {
                name: m.python_name.clone(),
                wrapper,
                flags,
                doc: self.document_last(doc_with_signature(&signature, &doc)),
            });
        }
        (defs, operator_slots(module, i, operators))
    }

    /// A struct's constructor calls; returns the class docstring with its signature.
    fn struct_constructor(&mut self, i: usize) -> Option<String> {
        let module = self.abi.module;
        let c = &module.classes[i];
        let ctor = c
            .constructor
            .as_ref()
            .filter(|_| c.kind == ClassKind::Struct)?;
        let value_ret = ir::Ret {
            ty: Ty::Class(i, ClassMode::Value),
            error: None,
            boxed_impl: None,
            keeps: None,
        };
        let (params, ret, gil) = match ctor {
            ir::Constructor::Method(m) => (m.params.clone(), m.ret.clone(), m.release_gil),
            ir::Constructor::Fields(_) => (ir::fields_as_params(&c.fields), value_ret, false),
            ir::Constructor::Default => (Vec::new(), value_ret, false),
        };
        let n = names::class_names(module, i);
        let stub = names::class_symbol(module, i, "new");
        self.constructor_calls(
            &c.python_name,
            (&n.new_py, &n.vectorcall_py, &stub),
            &params,
            &ret,
            gil,
            (&n.wrap_as, &n.state_of),
        );
        Some(format!(
            "{}\n--\n\n{}",
            text_signature(&c.python_name, &params, ""),
            c.doc
        ))
    }

    /// A data enum's variants, each a subclass with its constructor calls.
    fn variant_types(&mut self, i: usize, spec_name: &str) -> Vec<VariantTypeView> {
        let module = self.abi.module;
        let c = &module.classes[i];
        let class_names = names::class_names(module, i);
        let value_ret = ir::Ret {
            ty: Ty::Class(i, ClassMode::Value),
            error: None,
            boxed_impl: None,
            keeps: None,
        };
        let mut views = Vec::new();
        for v in &c.variants {
            let n = names::variant_names(module, i, &v.python_name);
            let qualname = format!("{}.{}", c.python_name, v.python_name);
            let params = ir::fields_as_params(&v.fields);
            self.constructor_calls(
                &qualname,
                (&n.new_py, &n.vectorcall_py, &n.new),
                &params,
                &value_ret,
                false,
                (&class_names.wrap_as, &class_names.state_of),
            );
            let doc = format!(
                "{}\n--\n\n{}",
                text_signature(&v.python_name, &params, ""),
                v.doc
            );
            views.push(VariantTypeView {
                python_name: v.python_name.clone(),
                doc: c_string_literal(&doc, "    "),
                getsets: v
                    .fields
                    .iter()
                    .map(|f| getset_entry(&self.accessor(i, Some(&v.python_name), f), &f.doc))
                    .collect(),
                match_args: v.fields.iter().map(|f| f.python_name.clone()).collect(),
                spec_name: format!("{spec_name}.{}", v.python_name),
                qualname,
                names: n,
            });
        }
        views
    }

    fn class(&mut self, i: usize, used_modes: &[(usize, ClassMode)]) -> ClassView {
        let module = self.abi.module;
        let c = &module.classes[i];
        let n = names::class_names(module, i);
        let module_name = module.namespaces[c.namespace].qualified_name.clone();
        let qualified = format!("{module_name}.{}", c.python_name);
        let (methods, operators) = self.methods(i);
        let constructor_doc = self.struct_constructor(i);
        let has_constructor = constructor_doc.is_some();
        let consts = c
            .consts
            .iter()
            .map(|v| {
                let symbol = names::class_const_symbol(module, i, &v.python_name);
                ReaderView {
                    python_name: v.python_name.clone(),
                    namespace: v.namespace,
                    reader: names::py_wrapper(&symbol),
                    symbol,
                    out_c_type: self.abi.c_type(&v.ty, Dir::Out),
                    to_py: self.abi.c_to_py(&v.ty),
                }
            })
            .collect();
        let (int_enum, object) = match c.kind {
            ClassKind::IntEnum => (Some(self.int_enum(i, methods)), None),
            ClassKind::Struct | ClassKind::DataEnum => (
                None,
                Some(self.object(
                    i,
                    used_modes,
                    (methods, operators),
                    has_constructor,
                    &qualified,
                )),
            ),
        };
        let create = if int_enum.is_some() {
            format!("{}(rsbind_st)", n.create)
        } else if c.is_exception {
            format!(
                "rsbind_type_from_module_spec(module, &{}, PyExc_Exception)",
                n.spec
            )
        } else {
            format!("PyType_FromModuleAndSpec(module, &{}, NULL)", n.spec)
        };
        ClassView {
            python_name: c.python_name.clone(),
            qualified,
            namespace: c.namespace,
            module_name,
            doc: c_string_literal(constructor_doc.as_deref().unwrap_or(&c.doc), "    "),
            create,
            vectorcall: has_constructor.then(|| n.vectorcall_py.clone()),
            hide_order: object
                .as_ref()
                .and_then(|o| o.compare.as_ref())
                .is_some_and(|c| !c.cmp),
            names: n,
            consts,
            int_enum,
            object,
        }
    }

    fn int_enum(&self, i: usize, methods: Vec<MethodDef>) -> IntEnumView {
        let ty = Ty::Class(i, ClassMode::Value);
        IntEnumView {
            methods,
            from_py: self.abi.c_from_py(&ty),
            to_py: self.abi.c_to_py(&ty),
            values_var: format!(
                "{}_values",
                names::class_names(self.abi.module, i).discriminant
            ),
            members: self
                .abi
                .class(i)
                .variants
                .iter()
                .map(|v| v.python_name.clone())
                .collect(),
            display: self.abi.class(i).traits.display,
        }
    }

    /// The converters from Python this module needs, one per way of passing.
    fn class_from_py(&self, i: usize, used_modes: &[(usize, ClassMode)]) -> Vec<ClassFromPyView> {
        let clone = self.abi.class(i).traits.clone;
        let mut views: Vec<ClassFromPyView> = used_modes
            .iter()
            .filter(|(ci, _)| *ci == i)
            .map(|&(_, mode)| {
                let by_value = matches!(mode, ClassMode::Value | ClassMode::Boxed);
                ClassFromPyView {
                    converter: self.abi.c_from_py(&Ty::Class(i, mode)),
                    out_type: if matches!(mode, ClassMode::Ref | ClassMode::StaticRef) {
                        "const void **"
                    } else {
                        "void **"
                    },
                    takes: by_value && !clone,
                    clones: by_value && clone,
                    pins: mode == ClassMode::StaticRef,
                    exclusive: if mode == ClassMode::RefMut {
                        "true"
                    } else {
                        "false"
                    },
                }
            })
            .collect();
        views.sort_by(|a, b| a.converter.cmp(&b.converter));
        views.dedup_by(|a, b| a.converter == b.converter);
        views
    }

    /// The view of a serde class's pickling; its stubs are named as rust.rs names them.
    fn pickle(&self, i: usize) -> PickleView {
        let module = self.abi.module;
        let c = &module.classes[i];
        let sym = |what: &str| names::class_symbol(module, i, what);
        let bytes = |form| Ty::Seq(Box::new(Ty::Int(ir::IntKind::U8)), form);
        let (name, alias) = unpickler_names(module, i);
        let doc = format!(
            "{name}(data, /)\n--\n\nA {} from its pickled serde data: what pickle calls.",
            c.python_name
        );
        PickleView {
            pickle: sym("pickle"),
            unpickle: sym("unpickle"),
            bytes_c_type: self.abi.c_type(&bytes(ir::SeqForm::Vec), Dir::Out),
            data_c_type: self.abi.c_type(&bytes(ir::SeqForm::Slice), Dir::In),
            reduce_py: sym("reduce_py"),
            from_pickle: sym("from_pickle"),
            from_pickle_py: sym("from_pickle_py"),
            from_pickle_name: format!("{}._rsbind_from_pickle", c.python_name),
            module_name: module.namespaces[c.namespace].qualified_name.clone(),
            unpickler: UnpicklerView {
                name,
                alias,
                var: sym("unpickler"),
                spec: sym("unpickler_spec"),
                sig: sym("unpickler_sig"),
                vectorcall: sym("unpickler_vectorcall"),
                new: sym("unpickler_new"),
                doc: c_string_literal(&doc, "    "),
                namespace: c.namespace,
            },
            deepcopy: (!c.traits.clone).then(|| DeepcopyView {
                stub: sym("serde_copy"),
                wrapper: sym("deepcopy_py"),
            }),
        }
    }

    fn object(
        &mut self,
        i: usize,
        used_modes: &[(usize, ClassMode)],
        (methods, operators): (Vec<MethodDef>, OperatorsView),
        has_constructor: bool,
        spec_name: &str,
    ) -> ObjectView {
        let module = self.abi.module;
        let c = &module.classes[i];
        let n = names::class_names(module, i);
        let data_enum = c.kind == ClassKind::DataEnum;
        let variants = if data_enum {
            self.variant_types(i, spec_name)
        } else {
            Vec::new()
        };
        let mut accessors: Vec<AccessorView> =
            c.fields.iter().map(|f| self.accessor(i, None, f)).collect();
        let getsets = accessors
            .iter()
            .zip(&c.fields)
            .map(|(a, f)| getset_entry(a, &f.doc))
            .collect();
        for v in &c.variants {
            for f in &v.fields {
                accessors.push(self.accessor(i, Some(&v.python_name), f));
            }
        }
        let t = &c.traits;
        let string_protocols = string_protocols(c, &n);
        let compare = (t.partial_eq || t.partial_ord).then_some(CompareView {
            eq: t.partial_eq,
            cmp: t.partial_ord,
        });
        let hash = t.hash && t.eq;
        let items = |vec: Ty| ItemsView {
            out_c_type: self.abi.c_type(&vec, Dir::Out),
            items_to_py: self.abi.c_to_py(&vec),
            view: None,
        };
        let next_view = module.next_view_item(c);
        let item_view = |(v, read_only): (usize, bool)| ItemViewMaker {
            maker: names::class_names(module, v).view,
            through_iterator: !read_only,
        };
        let reversed = c.reversed_items().map(|vec| match next_view {
            Some(v) => ItemsView {
                out_c_type: "void *".to_string(),
                items_to_py: String::new(),
                view: Some(ItemsOneByOne {
                    item: item_view(v),
                    one: format!("{}_one", n.reversed),
                }),
            },
            None => items(vec),
        });
        let iter_by_ref = c.borrowed_items().map(items);
        let next = c.next_item().map(|item| NextView {
            out_c_type: match next_view {
                Some(_) => "void *".to_string(),
                None => self
                    .abi
                    .c_type(&Ty::Option(Box::new(item.ty.clone())), Dir::Out),
            },
            view: next_view.map(item_view),
            item_to_py: self.abi.c_to_py(&item.ty),
            keeps: item.keeps.as_ref().map(|k| {
                let at = KeepsAt {
                    out: "rsbind_out.value",
                    self_slot: "slot",
                    constructor: false,
                };
                self.keeps_view(k, &item.ty, &[], &at)
            }),
        });
        let tp_new = if has_constructor {
            Some(n.new_py.clone())
        } else if !c.is_exception {
            Some(n.no_new.clone())
        } else {
            None
        };
        let viewed = module.is_viewed(i);
        let seq_viewed = module.is_seq_viewed(i);
        let keeping = c.borrowing;
        let refuse_new = (!has_constructor && !c.is_exception).then(|| RefuseNewView {
            example_variant: data_enum
                .then(|| c.variants.first().map(|v| v.python_name.clone()))
                .flatten(),
        });
        ObjectView {
            keeping,
            static_view: module.has_static_views(i),
            inline: c.stored_inline(),
            // Only views and values that borrow have an owner: the other
            // classes' objects are the header and the two-word slot.
            object_type: if c.is_exception {
                "rsbind_exc_object"
            } else if viewed || seq_viewed || keeping {
                "rsbind_owned_object"
            } else {
                "rsbind_object"
            },
            exception: c.is_exception.then_some(ExceptionView {
                message_from_str: t.display,
            }),
            display: t.display,
            data_enum,
            to_py: self.abi.c_to_py(&Ty::Class(i, ClassMode::Value)),
            from_py: self.class_from_py(i, used_modes),
            variants,
            accessors,
            getsets,
            viewed,
            seq_viewed,
            methods_table: methods.iter().any(|m| m.flags != FASTCALL_STATIC)
                || t.clone
                || c.pickles()
                || reversed.is_some()
                || viewed,
            // CPython gives a static method of a type's table no self:
            // these are set on the class at import, their self the class, so
            // they find its module state.
            static_methods: methods
                .iter()
                .filter(|m| m.flags == FASTCALL_STATIC)
                .map(|m| MethodDef {
                    flags: FASTCALL,
                    ..m.clone()
                })
                .collect(),
            methods: methods
                .into_iter()
                .filter(|m| m.flags != FASTCALL_STATIC)
                .collect(),
            operators,
            string_protocols,
            hash,
            unhashable: t.partial_eq && !hash,
            clone: t.clone,
            pickle: c.pickles().then(|| self.pickle(i)),
            next,
            reversed,
            iter_by_ref,
            compare,
            tp_new,
            refuse_new,
            type_flags: if data_enum {
                "Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE"
            } else {
                "Py_TPFLAGS_DEFAULT"
            },
            spec_name: spec_name.to_string(),
        }
    }
}

/// The operator slots: each operator's methods (one per right-hand type), in
/// the file's order, under the slot CPython calls.
fn operator_slots(
    module: &ir::Module,
    class: usize,
    methods: Vec<(ir::operators::Operator, String)>,
) -> OperatorsView {
    use ir::operators::{BinaryOp as B, Operator as O};
    let mut by_op: std::collections::BTreeMap<O, Vec<String>> = Default::default();
    for (op, wrapper) in methods {
        by_op.entry(op).or_default().push(wrapper);
    }
    // Each binary operator's slot and its in-place slot.
    let slots = |op: B| match op {
        B::Add => ("Py_nb_add", "Py_nb_inplace_add"),
        B::Sub => ("Py_nb_subtract", "Py_nb_inplace_subtract"),
        B::Mul => ("Py_nb_multiply", "Py_nb_inplace_multiply"),
        B::TrueDiv => ("Py_nb_true_divide", "Py_nb_inplace_true_divide"),
        B::Mod => ("Py_nb_remainder", "Py_nb_inplace_remainder"),
        B::And => ("Py_nb_and", "Py_nb_inplace_and"),
        B::Or => ("Py_nb_or", "Py_nb_inplace_or"),
        B::Xor => ("Py_nb_xor", "Py_nb_inplace_xor"),
        B::LShift => ("Py_nb_lshift", "Py_nb_inplace_lshift"),
        B::RShift => ("Py_nb_rshift", "Py_nb_inplace_rshift"),
    };
    let mut view = OperatorsView::default();
    for (op, methods) in by_op {
        let (slot, list) = match op {
            O::Binary(b) => (slots(b).0, &mut view.binary),
            O::InPlace(b) => (slots(b).1, &mut view.in_place),
            O::Negative => ("Py_nb_negative", &mut view.unary),
            O::Invert => ("Py_nb_invert", &mut view.unary),
            O::GetItem => ("Py_mp_subscript", &mut view.subscript),
        };
        let stem = slot.trim_start_matches("Py_");
        list.push(OperatorSlotView {
            wrapper: names::class_symbol(module, class, &format!("slot_{stem}")),
            slot,
            methods,
        });
    }
    view
}

/// `__str__` (from `Display`; an exception's message instead) and `__repr__` (from `Debug`).
fn string_protocols(c: &ir::Class, n: &names::ClassNames) -> Vec<StringProtocolView> {
    let mut protocols = Vec::new();
    if c.traits.display && !c.is_exception {
        protocols.push(StringProtocolView {
            slot: "Py_tp_str",
            stub: n.str.clone(),
            wrapper: n.str_py.clone(),
            declare_stub: false,
            moved_repr: None,
        });
    }
    if c.traits.debug {
        protocols.push(StringProtocolView {
            slot: "Py_tp_repr",
            stub: n.repr.clone(),
            wrapper: n.repr_py.clone(),
            declare_stub: true,
            moved_repr: (!c.traits.clone)
                .then(|| c_string_literal(&format!("<{} object (moved)>", c.python_name), "")),
        });
    }
    protocols
}

fn getset_entry(a: &AccessorView, doc: &str) -> GetSetEntry {
    GetSetEntry {
        python_name: a.python_name.clone(),
        getter: a.getter.clone(),
        setter: a
            .setter
            .as_ref()
            .map_or_else(|| "NULL".to_string(), |s| s.setter.clone()),
        doc: c_string_literal(doc, "    "),
    }
}

/// The trampoline through which Rust calls a Python callable (or, with
/// `method`, that method of a Python object) of signature `callable`.
fn callback_view(
    abi: &Abi,
    symbol: String,
    result_name: String,
    callable: &ir::Callable,
    method: Option<String>,
) -> CallbackView {
    let args: Vec<CallbackArgView> = callable
        .params
        .iter()
        .enumerate()
        .map(|(index, t)| CallbackArgView {
            index,
            c_type: abi.c_type(t, Dir::Out),
            to_py: abi.c_to_py(t),
            lent: match t {
                Ty::Trait(tr, u) => abi.module.traits[*tr]
                    .object_class
                    .filter(|_| matches!(u.form, ir::DynForm::Ref | ir::DynForm::RefMut))
                    .map(|c| {
                        let drop = names::class_symbol(abi.module, c, "drop");
                        LentArgView {
                            drop_arg: drop.clone(),
                            drop: Some(drop),
                            read_only: if u.form == ir::DynForm::Ref {
                                "true"
                            } else {
                                "false"
                            },
                        }
                    }),
                // Rust's own value, changed in place: nothing to drop (an
                // int enum arrives as its value, which cannot change).
                Ty::Class(i, ClassMode::RefMut) if !abi.is_int_enum(*i) => Some(LentArgView {
                    drop: None,
                    drop_arg: "NULL".to_string(),
                    read_only: "false",
                }),
                _ => None,
            },
        })
        .collect();
    let unit = callable.ret == Ty::Unit;
    let err = callable.error.map(|e| CallbackErrView {
        symbol: names::callback_err_symbol(&symbol),
        type_var: names::class_type_var(abi.module, e),
        clone: if abi.class(e).traits.clone {
            "true"
        } else {
            "false"
        },
    });
    CallbackView {
        symbol,
        result_name,
        nargs: args.len(),
        array_len: args.len().max(1),
        args,
        out_c_type: if unit {
            "uint8_t".to_string()
        } else {
            abi.c_type(&callable.ret, Dir::In)
        },
        from_py: (!unit).then(|| abi.c_from_py(&callable.ret)),
        keeps_result: !plain_in(&callable.ret),
        // Scalars convert without a scope.
        result_scoped: !matches!(
            callable.ret,
            Ty::Bool | Ty::Int(_) | Ty::Float(_) | Ty::Char
        ),
        method,
        err,
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

/// Every (class, mode) the module's parameters, fields and statics pass.
fn used_class_modes(module: &ir::Module) -> Vec<(usize, ClassMode)> {
    let mut used = Vec::new();
    let params_of = |params: &[ir::Param], out: &mut Vec<(usize, ClassMode)>| {
        params.iter().for_each(|p| class_modes_in(&p.ty, out))
    };
    for f in &module.functions {
        params_of(&f.params, &mut used);
    }
    for c in &module.classes {
        for m in &c.methods {
            params_of(&m.params, &mut used);
        }
        if let Some(ir::Constructor::Method(m)) = &c.constructor {
            params_of(&m.params, &mut used);
        }
        for f in c
            .fields
            .iter()
            .chain(c.variants.iter().flat_map(|v| v.fields.iter()))
        {
            class_modes_in(&f.ty, &mut used);
        }
    }
    for v in &module.live_statics {
        class_modes_in(&v.ty, &mut used);
    }
    used
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

/// Whether a value converted from Python is plain data: nothing in it
/// borrows from the object or needs the conversion's scope afterwards.
fn plain_in(ty: &Ty) -> bool {
    match ty {
        Ty::Unit | Ty::Bool | Ty::Int(_) | Ty::Float(_) | Ty::Char | Ty::Leaf(_) => true,
        Ty::Option(inner) => plain_in(inner),
        Ty::Tuple(items) => items.iter().all(plain_in),
        _ => false,
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

/// The name of the namespace's unpickler class that a pickle of class `i`
/// names (MAPPING: pickling), and the name earlier builds' pickles name, an
/// alias of it. Short, because pickle hashes and scans the name on every
/// round trip; the earlier name where the short one is taken (by the live
/// attributes' table or another class's earlier name).
fn unpickler_names(module: &ir::Module, i: usize) -> (String, Option<String>) {
    let c = &module.classes[i];
    let earlier = |c: &ir::Class| format!("_rsbind_unpickle_{}", c.python_name);
    let short = format!("_rsbind_{}", c.python_name);
    let taken = short == "_rsbind_live"
        || module
            .classes
            .iter()
            .any(|d| d.namespace == c.namespace && d.pickles() && earlier(d) == short);
    if taken {
        (earlier(c), None)
    } else {
        (short, Some(earlier(c)))
    }
}

fn runtime_header(source: &str) -> String {
    format!("/* generated by rsbind from {source} — do not edit: rsbind's C runtime, the same in every package */\n")
}

fn namespaces(module: &ir::Module) -> Vec<NamespaceView> {
    module
        .namespaces
        .iter()
        .enumerate()
        .map(|(index, ns)| NamespaceView {
            index,
            qualified: ns.qualified_name.clone(),
            attr: ns.attr_name.clone(),
            parent: ns.parent,
            doc: c_string_literal(&ns.doc, "    "),
            methods_table: names::ns_methods(index),
            methods: Vec::new(),
            live_table: names::ns_live(index),
            live: Vec::new(),
        })
        .collect()
}

fn live_view(b: &Builder, v: &ir::LiveStatic) -> LiveView {
    let module = b.abi.module;
    let get_symbol = names::live_symbol(module, v, "get");
    let set_symbol = names::live_symbol(module, v, "set");
    LiveView {
        python_name: v.python_name.clone(),
        display: module.namespaces[v.namespace].qualified_name.clone(),
        getter: names::py_wrapper(&get_symbol),
        setter: names::py_wrapper(&set_symbol),
        get_symbol,
        set_symbol,
        in_c_type: b.abi.c_type(&v.ty, Dir::In),
        in_zero: zero_of(&b.abi.c_type(&v.ty, Dir::In)),
        from_py: b.abi.c_from_py(&v.ty),
        out_c_type: b.abi.c_type(&v.ty, Dir::Out),
        to_py: b.abi.c_to_py(&v.ty),
        moves: b.moves(&v.ty),
    }
}

fn view(module: &ir::Module, ctx: &GenContext) -> View {
    let abi = Abi { module };
    let mut used_modes = used_class_modes(module);
    used_modes.extend(traits::class_modes(&abi));
    let mut b = Builder {
        abi,
        rust_keeps_python_objects: module.rust_keeps_python_objects(),
        calls: Vec::new(),
        overloads: Vec::new(),
        callbacks: traits::trampolines(&abi),
    };
    let classes: Vec<ClassView> = (0..module.classes.len())
        .map(|i| b.class(i, &used_modes))
        .collect();
    let mut namespaces = namespaces(module);
    for f in &module.functions {
        let stub = names::fn_symbol(module, f);
        let wrapper = names::py_wrapper(&stub);
        b.call(CallSpec {
            display_name: f.python_name.clone(),
            wrapper: wrapper.clone(),
            shape: CallShape::Function,
            params: &f.params,
            receiver: None,
            member_receiver: None,
            stub,
            ret: &f.ret,
            release_gil: f.release_gil,
            wrap_as: None,
            returns_self: false,
            view: None,
            // self is the module object (a submodule's functions' too).
            state: "RSBIND_STATE(self)".to_string(),
        });
        let signature = text_signature(&f.python_name, &f.params, "$module");
        let doc = b.document_last(doc_with_signature(&signature, &f.doc));
        namespaces[f.namespace].methods.push(MethodDef {
            name: f.python_name.clone(),
            wrapper,
            flags: FASTCALL,
            doc,
        });
    }
    let values = module
        .values
        .iter()
        .map(|v| {
            let symbol = names::value_symbol(module, v);
            ReaderView {
                python_name: v.python_name.clone(),
                namespace: v.namespace,
                reader: names::py_wrapper(&symbol),
                symbol,
                out_c_type: abi.c_type(&v.ty, Dir::Out),
                to_py: abi.c_to_py(&v.ty),
            }
        })
        .collect();
    let live: Vec<LiveView> = module
        .live_statics
        .iter()
        .map(|v| live_view(&b, v))
        .collect();
    for (v, view) in module.live_statics.iter().zip(&live) {
        namespaces[v.namespace].live.push(LiveEntry {
            name: v.python_name.clone(),
            getter: view.getter.clone(),
            setter: view.setter.clone(),
        });
    }
    let raisers = classes
        .iter()
        .enumerate()
        .filter(|(i, _)| module.classes[*i].is_exception)
        .map(|(class_index, c)| RaiserView {
            class_index,
            raise: c.names.raise.clone(),
        })
        .collect();
    let defaults = b
        .calls
        .iter()
        .flat_map(|c| c.params.iter().filter_map(|p| p.default.clone()))
        .collect();
    let composites = composites::views(&abi);
    let iterators = iterators(&abi);
    let state_functions = state_functions(&classes, &composites, &iterators);
    let unpicklers = classes
        .iter()
        .filter_map(|c| c.object.as_ref()?.pickle.as_ref())
        .map(|pk| pk.unpickler.clone())
        .collect();
    View {
        source: ctx.source_name.clone(),
        module: module.name.clone(),
        init: names::module_init(module),
        state_functions,
        composites,
        iterators,
        namespaces,
        classes,
        calls: b.calls,
        overloads: b.overloads,
        callbacks: b.callbacks,
        values,
        live,
        raisers,
        defaults,
        traits: traits::views(&abi),
        unpicklers,
    }
}

/// The converters that make objects of the module's classes: they take the
/// module state first (module.c's macros pass `rsbind_st`).
fn state_functions(
    classes: &[ClassView],
    composites: &[composites::CompositeView],
    iterators: &[IteratorView],
) -> Vec<String> {
    let mut out = Vec::new();
    for c in classes {
        if let Some(e) = &c.int_enum {
            out.push(e.to_py.clone());
        }
        if let Some(o) = &c.object {
            out.push(o.to_py.clone());
            if o.viewed {
                out.push(c.names.view.clone());
            }
            if o.seq_viewed {
                out.push(c.names.seq_view.clone());
            }
            if o.static_view {
                out.push(c.names.static_to_py.clone());
            }
            if o.inline {
                out.push(c.names.lent_to_py.clone());
            }
        }
    }
    out.extend(
        composites
            .iter()
            .filter_map(|c| c.stateful_converter().map(str::to_string)),
    );
    for it in iterators {
        out.push(it.to_py.clone());
        out.push(it.keeping.clone());
    }
    out
}

/// The C side of each iterator type the module's functions return.
fn iterators(abi: &Abi) -> Vec<IteratorView> {
    abi.module_iterators()
        .iter()
        .map(|ty| {
            let Ty::Iter(item) = ty else {
                unreachable!("module_iterators gives iterators")
            };
            let stem = abi.iterator_stem(ty);
            let view = abi.module.iter_view_item(ty);
            IteratorView {
                doc: match view {
                    Some((_, true)) => format!("`&{}` (view)", abi.rust_type(item)),
                    Some((_, false)) => format!("`&mut {}` (view)", abi.rust_type(item)),
                    None => format!("`{}`", abi.rust_type(item)),
                },
                next: format!("{stem}_next"),
                drop: format!("{stem}_drop"),
                out_c_type: match view {
                    Some(_) => "void *".to_string(),
                    None => abi.c_type(&Ty::Option(item.clone()), Dir::Out),
                },
                item_to_py: abi.c_to_py(item),
                next_py: format!("{stem}_next_py"),
                to_py: format!("{stem}_to_py"),
                keeping: format!("{stem}_keeping"),
                item_view: abi
                    .module
                    .iter_view_item(ty)
                    .map(|(i, read_only)| IterItemView {
                        maker: names::class_names(abi.module, i).view,
                        read_only: if read_only { "true" } else { "false" },
                    }),
            }
        })
        .collect()
}

impl Backend for CPythonBackend {
    fn name(&self) -> &'static str {
        "cpython"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let renders = vec![Render {
            template: "cpython/module.c.j2",
            path: "module.c".to_string(),
            view: Value::from_serialize(view(module, ctx)),
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

/// How C declares and calls a stub that returns its scalar result itself
/// (`abi::direct_return`): `rsbind_ret_<type> stub(<params>)`.
fn direct_call(c_type: &str, spec: &CallSpec, params: &[ParamView]) -> DirectCallView {
    let receiver = spec
        .receiver
        .as_ref()
        .map(|r| {
            (
                format!("{}rsbind_self", r.c_type),
                "rsbind_self".to_string(),
            )
        })
        .or_else(|| {
            spec.member_receiver
                .as_ref()
                .map(|_| ("int64_t rsbind_self".to_string(), "rsbind_self".to_string()))
        });
    let (mut declared, mut passed): (Vec<String>, Vec<String>) = receiver.into_iter().unzip();
    for p in params {
        declared.push(format!("{} {}", p.c_type, p.c_name));
        passed.push(p.c_name.clone());
    }
    DirectCallView {
        ret_type: format!("rsbind_ret_{c_type}"),
        params: if declared.is_empty() {
            "void".to_string()
        } else {
            declared.join(", ")
        },
        args: passed.join(", "),
    }
}
