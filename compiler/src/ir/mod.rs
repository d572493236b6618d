//! The typed IR that the backends read: every name resolved, every value knowing
//! its conversion. It knows nothing of RON, of C or of templates.

pub mod leaves;
pub mod operators;

pub use leaves::{Leaf, LeafDef};

/// A whole bound crate: the Python module and its submodules. Items are kept
/// in flat lists; each names the namespace (module) it lives in.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The Python module name.
    pub name: String,
    /// The bound crate's package name and its library's Rust name.
    pub package: String,
    pub lib: String,
    /// The crate's folder as written in the interface file (relative to it).
    pub crate_path: String,
    pub doc: String,
    /// The module (index 0) and its submodules, parents before children.
    pub namespaces: Vec<Namespace>,
    pub classes: Vec<Class>,
    pub functions: Vec<Function>,
    /// Consts and statics: module attributes computed at import.
    pub values: Vec<Value>,
    pub live_statics: Vec<LiveStatic>,
    /// The crate's object-safe traits: Python base classes, and what
    /// `&dyn Trait`, `Box<dyn Trait>`, ... parameters accept.
    pub traits: Vec<Trait>,
    /// Dependencies whose types are bound: the bindings package depends on them.
    pub dependencies: Vec<Dependency>,
    /// The cargo features the crate is compiled with, and whether its default
    /// ones are on: what extraction saw.
    pub features: Vec<String>,
    pub default_features: bool,
}

/// A dependency of the bound crate whose types are bound: the bindings package
/// depends on it by version (registry) or folder (path, relative to the
/// interface file).
#[derive(Clone, Debug, PartialEq)]
pub struct Dependency {
    pub package: String,
    /// The name the stubs write in paths.
    pub lib: String,
    pub version: Option<String>,
    pub path: Option<String>,
}

/// How a live static holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// An atomic: `load`/`store` with `SeqCst`.
    Atomic,
    /// `Mutex<T>`: `lock()`; a poisoned lock is still read.
    Mutex,
    /// `RwLock<T>`: `read()`/`write()`.
    RwLock,
}

/// A method result that is a view of the method's object (MAPPING: Borrowed
/// results): the object of `class` points into `self`'s value and holds a
/// borrow on it as long as Rust's lifetime says: exclusive from `&mut self`
/// (its borrow lasts as long as the result), else shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    pub class: usize,
    /// The borrow of `self` is exclusive (`&mut self`).
    pub exclusive: bool,
    /// The result is `&T`: nothing writes through the view.
    pub read_only: bool,
    /// The result is a sequence of `class` (`&[T]`, `&Vec<T>`): a sequence
    /// view whose items are views of `class`.
    pub seq: bool,
    /// The sequence view is returned as its iterator (`slice::Iter`).
    pub iter: bool,
}

impl Module {
    /// Whether `m`'s result is a view: a `&self`/`&mut self` method returning
    /// `&T`/`&mut T` (or an `Option` of one) of a bound class that is not an
    /// IntEnum (those cross as their discriminant, a copy).
    pub fn method_view(&self, m: &Method) -> Option<View> {
        if !matches!(m.receiver, Receiver::Ref | Receiver::RefMut) {
            return None;
        }
        let ty = match &m.ret.ty {
            Ty::Option(inner) => &**inner,
            ty => ty,
        };
        let (ty, seq, iter) = match ty {
            Ty::Seq(item, SeqForm::View) => (&**item, true, false),
            Ty::Seq(item, SeqForm::IterView) => (&**item, true, true),
            ty => (ty, false, false),
        };
        match ty {
            Ty::Class(i, mode @ (ClassMode::Ref | ClassMode::RefMut))
                if self.classes[*i].kind != ClassKind::IntEnum =>
            {
                Some(View {
                    class: *i,
                    exclusive: m.receiver == Receiver::RefMut,
                    read_only: *mode == ClassMode::Ref,
                    seq,
                    iter,
                })
            }
            _ => None,
        }
    }

    /// Whether some const, static or result is a `&'static T` of class `i`.
    pub fn has_static_views(&self, i: usize) -> bool {
        let is = |ty: &Ty| {
            *ty == Ty::Class(i, ClassMode::StaticRef)
                || *ty == Ty::Option(Box::new(Ty::Class(i, ClassMode::StaticRef)))
        };
        self.values.iter().any(|v| is(&v.ty))
            || self.functions.iter().any(|f| is(&f.ret.ty))
            || self.classes.iter().any(|c| {
                c.methods.iter().any(|m| is(&m.ret.ty)) || c.consts.iter().any(|v| is(&v.ty))
            })
    }

    /// Whether some method returns views of class `i` (it then has
    /// `__enter__`/`__exit__`).
    pub fn is_viewed(&self, i: usize) -> bool {
        let methods = self.classes.iter().flat_map(|c| &c.methods);
        methods
            .clone()
            .any(|m| self.method_view(m).is_some_and(|v| v.class == i))
            || methods
                .map(|m| &m.ret)
                .chain(self.functions.iter().map(|f| &f.ret))
                .any(|r| self.iter_view_item(&r.ty).is_some_and(|(c, _)| c == i))
            || self
                .classes
                .iter()
                .any(|c| self.next_view_item(c).is_some_and(|(v, _)| v == i))
    }

    /// An iterator class with lifetime parameters whose `next` gives `&'a T`
    /// or `&'a mut T` of a class that is not an IntEnum: its items are views
    /// of `T` into what the iterator's object borrows (MAPPING: Borrowed
    /// results). The class `T`, and whether the items are read-only (`&T`).
    pub fn next_view_item(&self, c: &Class) -> Option<(usize, bool)> {
        match c.next_item()?.ty {
            Ty::Class(i, mode @ (ClassMode::Ref | ClassMode::RefMut))
                if c.borrowing && self.classes[i].kind != ClassKind::IntEnum =>
            {
                Some((i, mode == ClassMode::Ref))
            }
            _ => None,
        }
    }

    /// Whether `ty` is an iterator whose items are
    /// views (`Item = &T`/`&mut T` of a class that is not an IntEnum: those
    /// cross as their discriminant, a copy): the class, and whether the
    /// items are read-only (`&T`). Each item borrows what the iterator
    /// borrows (MAPPING: Borrowed results).
    pub fn iter_view_item(&self, ty: &Ty) -> Option<(usize, bool)> {
        let Ty::Iter(item) = ty else {
            return None;
        };
        match **item {
            Ty::Class(i, mode @ (ClassMode::Ref | ClassMode::RefMut))
                if self.classes[i].kind != ClassKind::IntEnum =>
            {
                Some((i, mode == ClassMode::Ref))
            }
            _ => None,
        }
    }

    /// Whether some method returns sequence views of class `i`.
    pub fn is_seq_viewed(&self, i: usize) -> bool {
        self.classes
            .iter()
            .flat_map(|c| &c.methods)
            .any(|m| self.method_view(m).is_some_and(|v| v.class == i && v.seq))
    }
}

impl Module {
    /// Every trait object type some parameter passes (in items of an
    /// `Option`, a `Vec`, ... too), once each, in the order met.
    pub fn trait_uses(&self) -> Vec<(usize, DynUse)> {
        fn walk(ty: &Ty, out: &mut Vec<(usize, DynUse)>) {
            match ty {
                Ty::Trait(t, u) if !out.contains(&(*t, *u)) => out.push((*t, *u)),
                Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => walk(inner, out),
                Ty::Map(k, v, _) => {
                    walk(k, out);
                    walk(v, out);
                }
                Ty::Tuple(items) => items.iter().for_each(|t| walk(t, out)),
                // What Python gives back converts as an argument does.
                Ty::Callable(c) => walk(&c.ret, out),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for m in self.traits.iter().flat_map(|t| &t.methods) {
            walk(&m.sig.ret, &mut out);
        }
        for p in self.call_params() {
            walk(&p.ty, &mut out);
        }
        out
    }

    /// The parameters of every function, method and constructor of the
    /// crate's (not those of methods Python calls on returned trait objects).
    fn call_params(&self) -> impl Iterator<Item = &Param> {
        let methods = self.classes.iter().flat_map(|c| {
            c.methods
                .iter()
                .chain(c.constructor.iter().filter_map(|k| match k {
                    Constructor::Method(m) => Some(&**m),
                    _ => None,
                }))
        });
        self.functions
            .iter()
            .flat_map(|f| &f.params)
            .chain(methods.flat_map(|m| &m.params))
    }

    /// Some argument, field or static of the module hands Rust a Python
    /// callable or object that Rust may keep past the call
    /// ([`Ty::kept_past_the_call`]): then any later call into the crate may
    /// run Python code. Without one, a call that keeps the GIL and passes no
    /// callable runs none, so nothing can reach its receiver's object while
    /// it runs (the C call's `self_check`).
    pub fn rust_keeps_python_objects(&self) -> bool {
        let trait_methods = self
            .traits
            .iter()
            .flat_map(|t| &t.methods)
            .filter_map(|m| m.as_method.as_ref());
        let kept_params = self
            .call_params()
            .chain(trait_methods.flat_map(|m| &m.params))
            .any(|p| p.kept_by_rust);
        // What Python's implementations of the crate's traits return.
        let returned = self
            .traits
            .iter()
            .flat_map(|t| &t.methods)
            .map(|m| &m.sig.ret);
        let fields = self
            .classes
            .iter()
            .flat_map(|c| {
                c.fields
                    .iter()
                    .chain(c.variants.iter().flat_map(|v| &v.fields))
            })
            .map(|f| &f.ty);
        let statics = self.live_statics.iter().map(|s| &s.ty);
        kept_params
            || returned
                .chain(fields)
                .chain(statics)
                .any(Ty::holds_behaviour)
    }
}

impl Ty {
    /// A type that is, or holds, a callable or a trait object (`Vec<Box<dyn
    /// Shape>>`, `Option<impl Fn()>`): its calls run Python code of their own.
    pub fn holds_behaviour(&self) -> bool {
        match self {
            Ty::Trait(..) | Ty::Callable(_) => true,
            Ty::Option(t) | Ty::Seq(t, _) | Ty::Set(t, _) | Ty::Iter(t) => t.holds_behaviour(),
            Ty::Map(k, v, _) => k.holds_behaviour() || v.holds_behaviour(),
            Ty::Tuple(items) => items.iter().any(Ty::holds_behaviour),
            _ => false,
        }
    }

    /// A parameter of this type hands Rust a Python callable or object that
    /// Rust may keep past the call, to call later: anything holding one but
    /// a callable or trait object (or `Option` of one) that the call only
    /// borrows (`&dyn Fn(..)`, `&mut dyn Trait`) or takes as a generic
    /// value (`impl Fn(..)`), with no lifetime in `written` (its type as
    /// written, and the generic parameter it instantiates as declared: `F:
    /// Fn() + 'static` may be kept) and no callable or object in what Python hands
    /// back. A boxed one (`Box<dyn Fn(..)>`, `Arc<dyn Trait>`) may be kept,
    /// and so may an `impl Trait` of the crate's (its trait may have a
    /// `'static` supertrait).
    pub fn kept_past_the_call(&self, written: &[&str]) -> bool {
        fn for_the_call(ty: &Ty) -> bool {
            match ty {
                Ty::Callable(c) => {
                    matches!(
                        c.form,
                        CallableForm::Value | CallableForm::Ref | CallableForm::RefMut
                    ) && !c.ret.holds_behaviour()
                }
                Ty::Trait(_, u) => matches!(u.form, DynForm::Ref | DynForm::RefMut),
                Ty::Option(inner) => for_the_call(inner),
                _ => false,
            }
        }
        let lifetime = written.iter().any(|w| w.contains('\''));
        self.holds_behaviour() && (lifetime || !for_the_call(self))
    }

    /// A callable (or `Option` of one) with `+ Sync` that Rust borrows for the
    /// call: it may be called from other threads while the call runs.
    pub fn called_from_threads(&self) -> bool {
        match self {
            Ty::Callable(c) => c.sync && c.form != CallableForm::Boxed,
            // As a callable: a `&(dyn Trait + Sync)` may be used from threads
            // the call waits for.
            Ty::Trait(_, u) => u.sync && matches!(u.form, DynForm::Ref | DynForm::RefMut),
            Ty::Option(inner) => inner.called_from_threads(),
            _ => false,
        }
    }

    /// Numbers and bools (not 128-bit integers): the item types whose slices
    /// cross as buffers.
    pub fn is_bulk_number(&self) -> bool {
        matches!(self, Ty::Bool | Ty::Float(_))
            || matches!(self, Ty::Int(k) if !matches!(k, IntKind::I128 | IntKind::U128))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Namespace {
    /// `pkg` or `pkg.geo.shapes`
    pub qualified_name: String,
    /// The attribute on the parent (`shapes`); the module name for the root.
    pub attr_name: String,
    pub parent: Option<usize>,
    pub doc: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    pub python_name: String,
    /// Its path in the crate that defines it: the bound crate, or `from_crate`.
    pub rust_path: String,
    /// The library name of the dependency it comes from, if not the bound crate.
    pub from_crate: Option<String>,
    /// An instantiation of a generic struct: its type arguments (Rust types).
    pub type_args: Vec<String>,
    pub doc: String,
    pub namespace: usize,
    pub kind: ClassKind,
    /// A struct's pub fields.
    pub fields: Vec<Field>,
    pub variants: Vec<Variant>,
    pub traits: Traits,
    /// With `Iterator`: what `next` gives (an item that is a `Result` raises its
    /// error); with `IntoIterator` for `&T`: the `U` of its `&U` items.
    pub iterator_item: Option<Ret>,
    pub constructor: Option<Constructor>,
    pub methods: Vec<Method>,
    /// Associated consts: class attributes.
    pub consts: Vec<Value>,
    /// Used as the error of a `Result`: the class derives from `Exception`.
    pub is_exception: bool,
    /// It has lifetime parameters: its objects keep what their values borrow
    /// from (results of it have [`Keeps`]).
    pub borrowing: bool,
}

impl Class {
    /// Its value is stored in its Python object rather than in a `Box`: a
    /// `Clone` struct (every Rust value moves by a copy of its bytes; the
    /// object drops it in place), not an exception (BaseException's object),
    /// not one whose value borrows, and no data enum (its variants'
    /// subclasses and Python's subclasses keep the Box). Not `Clone`, a
    /// by-value argument moves the value out of its object, which hands its
    /// Box over; a `Clone` one is cloned and stays. rustc's layout decides
    /// the rest at import (`rsbind_rt::inline_size`).
    pub fn stored_inline(&self) -> bool {
        self.traits.clone && self.kind == ClassKind::Struct && !self.is_exception && !self.borrowing
    }

    /// Methods that share a Python name and are no operators are overloads (the
    /// instantiations of one generic method, `Value.get` for `usize` and
    /// `String`): Python has one method that tries them in order. For the
    /// method at `k`, the index of the first of its name (`k` itself when it is
    /// the first or alone).
    pub fn first_overload(&self, k: usize) -> usize {
        let m = &self.methods[k];
        if m.operator.is_some() {
            return k;
        }
        self.methods[..k]
            .iter()
            .position(|e| e.python_name == m.python_name && e.operator.is_none())
            .unwrap_or(k)
    }

    /// The indices of the overloads of the method at `k` (see [`Class::first_overload`]).
    pub fn overloads(&self, k: usize) -> Vec<usize> {
        let first = self.first_overload(k);
        let name = &self.methods[first].python_name;
        (first..self.methods.len())
            .filter(|&j| self.methods[j].operator.is_none() && self.methods[j].python_name == *name)
            .collect()
    }

    /// A method's docstring as Python shows it (at run time and in the stub): a
    /// `self` method of a type that is not `Clone` moves the value out of its
    /// object, and says so.
    pub fn method_doc(&self, m: &Method) -> String {
        let consumes =
            m.receiver == Receiver::Value && !self.traits.clone && self.kind != ClassKind::IntEnum;
        if !consumes {
            return m.doc.clone();
        }
        let note = "Consumes the object (Rust's `self`): its value is moved out, and the \
                    object cannot be used afterwards.";
        if m.doc.is_empty() {
            note.to_string()
        } else {
            format!("{}\n\n{note}", m.doc)
        }
    }

    /// Pickles through its serde data: a class object (an IntEnum pickles by
    /// value as Python's enums do) with `Serialize` and `Deserialize`.
    pub fn pickles(&self) -> bool {
        // A value that borrows would be rebuilt pointing into nothing.
        self.kind != ClassKind::IntEnum && self.traits.serde() && !self.borrowing
    }

    /// An `Iterator`: what `next` gives.
    pub fn next_item(&self) -> Option<&Ret> {
        self.iterator_item.as_ref().filter(|_| self.traits.iterator)
    }

    /// A `DoubleEndedIterator`: the `Vec` of the items left that `__reversed__` takes
    /// (items that are views, `Module::next_view_item`, are taken one at a time).
    pub fn reversed_items(&self) -> Option<Ty> {
        self.next_item()
            .filter(|_| self.traits.double_ended)
            .map(|item| Ty::Seq(Box::new(item.ty.clone()), SeqForm::Vec))
    }

    /// `IntoIterator` for `&T` (and no `Iterator`): the `Vec` of copies that `__iter__` takes.
    pub fn borrowed_items(&self) -> Option<Ty> {
        self.iterator_item
            .as_ref()
            .filter(|_| self.traits.iter_by_ref && !self.traits.iterator)
            .map(|item| Ty::Seq(Box::new(item.ty.clone()), SeqForm::Vec))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    /// A struct (named, tuple or unit): `Box<T>` in an object.
    Struct,
    /// An enum whose variants carry no data: an `enum.IntEnum`, passed as its discriminant.
    IntEnum,
    /// An enum with data (or an exception enum): `Box<T>` in an object of the
    /// variant's subclass.
    DataEnum,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Traits {
    pub clone: bool,
    pub copy: bool,
    pub debug: bool,
    pub display: bool,
    pub default: bool,
    pub partial_eq: bool,
    pub eq: bool,
    pub partial_ord: bool,
    pub ord: bool,
    pub hash: bool,
    pub iterator: bool,
    /// `DoubleEndedIterator` (with `Iterator`): `__reversed__`.
    pub double_ended: bool,
    /// `IntoIterator` for `&T`, whose `Item` is `&U`: `__iter__` over copies.
    pub iter_by_ref: bool,
    /// serde's `Serialize`; with `deserialize`, the class pickles.
    pub serialize: bool,
    pub deserialize: bool,
}

impl Traits {
    /// serde's `Serialize` and `Deserialize`: the value pickles (and
    /// deep-copies without `Clone`) through its serde data.
    pub fn serde(&self) -> bool {
        self.serialize && self.deserialize
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub python_name: String,
    /// The field's name, or its index in a tuple struct or variant.
    pub rust_name: String,
    pub ty: Ty,
    pub doc: String,
    /// Read-only: the field holds a `'static` borrow (`&'static str`), which
    /// no value from Python can lend, so it has no setter.
    pub readonly: bool,
}

impl Param {
    /// A required parameter.
    pub fn required(python_name: &str, ty: Ty) -> Param {
        let kept = ty.kept_past_the_call(&[]);
        Param {
            python_name: python_name.to_string(),
            ty,
            defaults_to_none: false,
            default: None,
            inferred: None,
            from_iterable: false,
            made_by: Vec::new(),
            unsafe_no_copy: None,
            kept_by_rust: kept,
        }
    }
}

/// The constructor parameters of a struct or variant built from its fields.
pub fn fields_as_params(fields: &[Field]) -> Vec<Param> {
    fields
        .iter()
        .map(|f| Param::required(&f.python_name, f.ty.clone()))
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariantShape {
    Unit,
    Tuple,
    Struct,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub python_name: String,
    pub rust_name: String,
    pub shape: VariantShape,
    pub fields: Vec<Field>,
    pub doc: String,
    /// A fieldless enum's variant: its discriminant, where the interface file
    /// tells it (integer literals, and the implicit ones after a known one).
    pub value: Option<i128>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Constructor {
    /// An associated function returning `Self` (or `Result<Self, E>`).
    Method(Box<Method>),
    /// From the pub fields, in order (a unit struct: none).
    Fields(VariantShape),
    /// `Default::default()`.
    Default,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    None,
    Ref,
    RefMut,
    Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    pub python_name: String,
    pub rust_name: String,
    /// An instantiation of a generic method: its type arguments (Rust types).
    pub type_args: Vec<String>,
    pub doc: String,
    pub receiver: Receiver,
    pub params: Vec<Param>,
    pub ret: Ret,
    pub release_gil: bool,
    /// A trait's method: the trait as Rust writes it (`::std::ops::Add<::lib::Money>`).
    pub trait_path: Option<String>,
    /// A builder step (`&mut self -> &mut Self`): Python gets the same object back.
    pub returns_receiver: bool,
    /// Its Python name makes it an operator (`__add__` is `+`).
    pub operator: Option<operators::Operator>,
}

/// A static whose value Python reads and writes while the program runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveStatic {
    pub python_name: String,
    pub rust_path: String,
    pub doc: String,
    pub namespace: usize,
    pub ty: Ty,
    pub cell: Cell,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub python_name: String,
    pub namespace: usize,
    /// An instantiation of a generic function: its type arguments (Rust types).
    pub type_args: Vec<String>,
    pub rust_path: String,
    /// A method of an extension trait: the std type the trait is implemented
    /// for, as Rust writes it; `rust_path` is then `Trait::method` and the call
    /// is `<self_type as ::lib::Trait>::method(..)`.
    pub self_type: Option<String>,
    pub doc: String,
    pub params: Vec<Param>,
    pub ret: Ret,
    pub release_gil: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub python_name: String,
    pub ty: Ty,
    /// Omitted from Python, it passes `None` (a trailing run of `Option`s).
    pub defaults_to_none: bool,
    /// A default value the interface file gives it.
    pub default: Option<PyLiteral>,
    /// An `impl Trait` parameter: the call infers it from the argument, so the
    /// stub names the argument's type, this (as the generated Rust spells it).
    pub inferred: Option<String>,
    /// Bound from `IntoIterator`: any iterable converts (read into a list first).
    pub from_iterable: bool,
    /// Bound from `impl Into<T>` of a class `T`: an argument that is not a `T`
    /// is first made one by these classmethods of `T` (its `From` impls, by
    /// method index), tried in order.
    pub made_by: Vec<usize>,
    /// The interface file's `unsafe_no_copy` reason: in a released-GIL call,
    /// this buffer is lent to Rust without a copy.
    pub unsafe_no_copy: Option<String>,
    /// It hands Rust a Python callable or object that Rust may keep past the
    /// call ([`Ty::kept_past_the_call`]).
    pub kept_by_rust: bool,
}

/// A Python literal, the default value of a parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum PyLiteral {
    None,
    Bool(bool),
    /// As written (decimal digits, an optional sign).
    Int(String),
    /// As written.
    Float(String),
    Str(String),
}

impl PyLiteral {
    /// How Python writes it (in signatures and stubs).
    pub fn python(&self) -> String {
        match self {
            PyLiteral::None => "None".to_string(),
            PyLiteral::Bool(true) => "True".to_string(),
            PyLiteral::Bool(false) => "False".to_string(),
            PyLiteral::Int(s) | PyLiteral::Float(s) => s.clone(),
            PyLiteral::Str(s) => format!("{s:?}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub python_name: String,
    pub namespace: usize,
    pub rust_path: String,
    pub doc: String,
    pub ty: Ty,
    pub kind: ValueKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Const,
    Static,
}

/// What a function gives back: its success type and how its error is raised.
#[derive(Clone, Debug, PartialEq)]
pub struct Ret {
    pub ty: Ty,
    pub error: Option<ErrorConv>,
    /// The function returns `impl Trait` of a bound trait, which the stub
    /// boxes as this trait object (`Box<dyn Trait>`; `ty` is its class): the
    /// concrete type is rustc's.
    pub boxed_impl: Option<(usize, DynUse)>,
    /// A result that borrows (an object of a class with lifetime
    /// parameters): what its object keeps.
    pub keeps: Option<Box<Keeps>>,
}

/// What the object of a result that borrows references and borrows (MAPPING:
/// Borrowed results): the objects whose memory its value may point into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keeps {
    /// The parameters whose Python objects it references.
    pub params: Vec<KeptParam>,
    /// It references the method's object.
    pub keeps_self: bool,
    /// The bound object (one of those it references) whose value it may point
    /// into: it holds a borrow of it as long as it lives.
    pub borrow: Option<Borrowed>,
    /// Further bound objects it may point into (a result tied to two
    /// objects): each borrowed, and referenced, by a guard object in what it
    /// keeps. For a view of `self` (`Module::method_view`), the objects other
    /// than `self` that it may point into, and nothing else is set.
    pub also_borrow: Vec<Borrowed>,
}

impl Keeps {
    /// Only the further borrows of a view of `self` are set.
    pub fn only_also(&self) -> bool {
        !self.keeps_self && self.params.is_empty() && self.borrow.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptParam {
    pub index: usize,
    /// A `&[u8]`: given a buffer Python may change (not `bytes`), the call
    /// reads a `bytes` copy of it, which the result keeps.
    pub as_bytes: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Borrowed {
    pub of: BorrowOf,
    pub exclusive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BorrowOf {
    SelfObject,
    Param(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorConv {
    /// A crate type: raised as an instance of its class (an exception class),
    /// by index into [`Module::classes`].
    Class(usize),
    /// `std::io::Error`: `OSError` with errno.
    Io,
    /// Anything else with `Display`: `RuntimeError`.
    Display,
}

/// A value type and its conversion. One variant per row of MAPPING.md's *Values*.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    Unit,
    Bool,
    Int(IntKind),
    Float(FloatKind),
    Char,
    Str(StrForm),
    Path(PathForm),
    /// A value type of the [`leaves`] table (`Duration`, `SystemTime`, `Ipv4Addr`).
    Leaf(Leaf),
    Option(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A bound struct or enum: the index into [`Module::classes`], and how it is passed.
    Class(usize, ClassMode),
    /// `Vec<T>`, `&[T]`, `&mut [T]`, `[T; N]`, `&Vec<T>`.
    Seq(Box<Ty>, SeqForm),
    /// `HashMap<K, V>` / `BTreeMap<K, V>` (or a reference to one).
    Map(Box<Ty>, Box<Ty>, Collection),
    /// `HashSet<T>` / `BTreeSet<T>` (or a reference to one).
    Set(Box<Ty>, Collection),
    /// An iterator a function returns (`impl Iterator<Item = T>`,
    /// `std::slice::Iter<'_, T>`, `std::str::Chars`, ...): a Python iterator
    /// converting each item as it is reached.
    Iter(Box<Ty>),
    /// A parameter that takes behaviour: `impl Fn(A) -> R`, `&dyn Fn(..)`,
    /// `&mut dyn FnMut(..)`, `Box<dyn Fn(..) + Send>`, a generic `F: Fn(..)`
    /// (MAPPING: Callbacks and traits). Python passes any callable.
    Callable(Box<Callable>),
    /// A trait object parameter (`&dyn Trait`, `&mut dyn Trait`,
    /// `Box<dyn Trait + Send>`, `Arc<dyn Trait>`): the index into
    /// [`Module::traits`] and how Rust receives it. Python passes an object of
    /// a class implementing it, or any object with the trait's methods.
    Trait(usize, DynUse),
}

/// How Rust receives a trait object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DynUse {
    pub form: DynForm,
    /// The auto traits the type spells (`+ Send`, `+ Sync`).
    pub send: bool,
    pub sync: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DynForm {
    /// `&dyn Trait`: a bound object is borrowed shared.
    Ref,
    /// `&mut dyn Trait`: a bound object is borrowed exclusively (written in place).
    RefMut,
    /// `Box<dyn Trait>`: a bound object's value is cloned or moved, as by value.
    Boxed,
    /// `Arc<dyn Trait>`: as `Boxed`.
    Arc,
    /// `impl Trait` or a generic `T: Trait`: as `Boxed`, in the trait's
    /// holder (`rsbind_Any<Trait>`, which implements it).
    Impl,
}

/// A pub object-safe trait of the crate.
#[derive(Clone, Debug, PartialEq)]
pub struct Trait {
    pub python_name: String,
    pub rust_path: String,
    pub doc: String,
    pub namespace: usize,
    pub methods: Vec<TraitMethod>,
    /// The bound classes that implement it (their methods name it), in
    /// class order: their objects are passed to Rust as themselves.
    pub implementors: Vec<usize>,
    /// The trait objects functions return (`Box<dyn Trait + Send>`,
    /// `Arc<dyn Trait>`), and the class whose objects they become (its value
    /// is a box of the trait object, `rsbind_Dyn<Trait>`, an `Arc` boxed in
    /// `rsbind_DynArc<Trait>`; the class is among the implementors).
    pub returned: Vec<DynUse>,
    pub object_class: Option<usize>,
}

/// A method of a trait, as Rust calls a Python object's.
#[derive(Clone, Debug, PartialEq)]
pub struct TraitMethod {
    pub python_name: String,
    pub rust_name: String,
    /// `&mut self` (else `&self`).
    pub mutable: bool,
    pub param_names: Vec<String>,
    /// Its parameters and result, as a callable's: Rust's arguments go to
    /// Python as results do, Python's result comes back as an argument.
    pub sig: Callable,
    /// It has a default body, which runs when the Python object lacks it.
    pub provided: bool,
    /// As a method of the class of returned trait objects (Python calls it),
    /// when its types can be passed that way.
    pub as_method: Option<Method>,
}

/// A callable parameter's signature and how Rust receives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Callable {
    pub kind: FnKind,
    pub form: CallableForm,
    /// The auto traits the parameter asks for (`+ Send`, `+ Sync`); the
    /// closure rsbind makes has both, these are only spelled in casts.
    pub send: bool,
    pub sync: bool,
    /// What Rust passes: each converted to Python (as a function's result is).
    pub params: Vec<Ty>,
    /// What Python gives back, converted to Rust (as an argument is); `Unit`
    /// ignores it.
    pub ret: Ty,
    /// A `Result<ret, E>` callable: the class of `E` (an exception class),
    /// an instance of which that the callable raises becomes `Err`.
    pub error: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FnKind {
    Fn,
    FnMut,
    FnOnce,
}

impl FnKind {
    pub fn rust_name(self) -> &'static str {
        match self {
            FnKind::Fn => "Fn",
            FnKind::FnMut => "FnMut",
            FnKind::FnOnce => "FnOnce",
        }
    }
}

/// How Rust receives a callable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallableForm {
    /// `impl Fn(..)` or a generic `F: Fn(..)`: the closure itself.
    Value,
    /// `&dyn Fn(..)` (or `&impl Fn(..)`).
    Ref,
    /// `&mut dyn FnMut(..)`.
    RefMut,
    /// `Box<dyn Fn(..)>`.
    Boxed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SeqForm {
    Vec,
    /// `&[T]`
    Slice,
    /// `&mut [T]` (numbers only: written through a buffer)
    SliceMut,
    /// `[T; N]`
    Array(usize),
    /// `&Vec<T>`
    RefVec,
    /// A method's `&[T]`/`&Vec<T>` (`&mut` too) of a bound class, returned as
    /// a sequence view of `self` (`Module::method_view`); its item is
    /// `Class(i, Ref)` or `Class(i, RefMut)`.
    View,
    /// A method's `std::slice::Iter<'_, T>`/`IterMut` of a bound class: the
    /// iterator of a sequence view (items as `View`'s).
    IterView,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Collection {
    /// `BTreeMap`/`BTreeSet` rather than the hashed ones.
    pub ordered: bool,
    /// Passed by reference (`&HashMap<K, V>`).
    pub by_ref: bool,
}

/// How a class value crosses: by value, by reference, or boxed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClassMode {
    /// `T`: an argument is cloned (`Clone` types) or moved out of its object; a
    /// result becomes a new object.
    Value,
    /// `&T`: borrowed for the call; a result is copied (`Clone` types only),
    /// except a method's view of `self` (`Module::method_view`).
    Ref,
    /// `&mut T`: borrowed exclusively for the call; as a result, only a view.
    RefMut,
    /// `Box<T>`: as `Value`, boxed on the Rust side.
    Boxed,
    /// `&'static T`: as an argument, the object's value is the program's from
    /// then on (never dropped, moved or changed again); as a result (a const
    /// such as `&'static AsciiSet`), a read-only view of memory that lives
    /// for the whole program.
    StaticRef,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntKind {
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

/// The Rust spelling of a string value; all are `str` in Python.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StrForm {
    /// `&str`
    Borrowed,
    /// `String`
    Owned,
    /// `&String`
    RefOwned,
    /// `Box<str>`
    Boxed,
    /// `Cow<str>`
    Cow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathForm {
    /// `&Path`
    Borrowed,
    /// `PathBuf`
    Owned,
    /// `&PathBuf`
    RefOwned,
}

impl IntKind {
    pub const ALL: [IntKind; 12] = [
        IntKind::I8,
        IntKind::I16,
        IntKind::I32,
        IntKind::I64,
        IntKind::I128,
        IntKind::Isize,
        IntKind::U8,
        IntKind::U16,
        IntKind::U32,
        IntKind::U64,
        IntKind::U128,
        IntKind::Usize,
    ];

    pub fn rust_name(self) -> &'static str {
        match self {
            IntKind::I8 => "i8",
            IntKind::I16 => "i16",
            IntKind::I32 => "i32",
            IntKind::I64 => "i64",
            IntKind::I128 => "i128",
            IntKind::Isize => "isize",
            IntKind::U8 => "u8",
            IntKind::U16 => "u16",
            IntKind::U32 => "u32",
            IntKind::U64 => "u64",
            IntKind::U128 => "u128",
            IntKind::Usize => "usize",
        }
    }
}

impl FloatKind {
    pub fn rust_name(self) -> &'static str {
        match self {
            FloatKind::F32 => "f32",
            FloatKind::F64 => "f64",
        }
    }
}
