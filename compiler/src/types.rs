//! Which Rust types rsbind binds, and how: lowering a type string's syntax tree
//! to the IR's [`Ty`]. The front end calls the same functions to decide what to
//! skip, so "supported" has one definition.

pub mod borrows;

use crate::idl::ty::{Bound, SegmentArgs, TypeExpr, TypePath};
use crate::ir::{
    Callable, CallableForm, ClassMode, Collection, DynForm, DynUse, ErrorConv, FloatKind, FnKind,
    IntKind, Leaf, PathForm, Ret, SeqForm, StrForm, Ty,
};

/// What lowering needs to know about the crate.
pub struct TypeEnv<'a> {
    /// Rust paths of the crate's bound classes (structs and enums), as type
    /// strings name them; the index is the class index.
    pub classes: &'a [String],
    /// The paths of the classes that are not `Clone`: their values can be moved
    /// out of Rust but not copied, so fields, consts and `&T` results of them
    /// cannot be read.
    pub not_clone: &'a [String],
    /// The paths of the classes with lifetime parameters (`Match<'h>`): their
    /// objects keep what they borrow from ([`borrows`]).
    pub borrowing: &'a [String],
    /// Rust paths of the crate's bound traits (object safe); the index is the
    /// trait index.
    pub traits: &'a [String],
}

impl TypeEnv<'_> {
    fn is_clone(&self, i: usize) -> bool {
        !self.not_clone.contains(&self.classes[i])
    }

    /// Whether class `i` has lifetime parameters.
    pub fn is_borrowing(&self, i: usize) -> bool {
        self.borrowing.contains(&self.classes[i])
    }

    /// Whether `p` names a class with lifetime parameters.
    pub fn is_borrowing_path(&self, p: &TypePath) -> bool {
        self.class(p).is_some_and(|i| self.is_borrowing(i))
    }

    fn class(&self, p: &TypePath) -> Option<usize> {
        // With arguments, only an instantiation listed as a class (`Stack<i32>`).
        // Lifetimes aside: `Match<'h>` is the class `Match`.
        let written = p.lifetimes_erased().to_string();
        let written = written.strip_prefix("crate::").unwrap_or(&written);
        self.classes.iter().position(|c| c == written)
    }
}

/// Why a type cannot be bound, in words for the interface file and diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub reason: String,
    /// For a path that names no type: the class or std type it was likely
    /// meant to be (a typo), for a "did you mean".
    pub did_you_mean: Option<String>,
}

fn unsupported<T>(reason: impl Into<String>) -> Result<T, Unsupported> {
    Err(Unsupported {
        reason: reason.into(),
        did_you_mean: None,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// A whole parameter.
    Param,
    /// Inside a parameter (a tuple item, an option's value).
    ParamNested,
    /// A return value, a const or a static, or part of one.
    Out,
}

/// Lowers the type of a parameter.
pub fn lower_param(ty: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    if ty.is_unit() {
        return unsupported("a `()` parameter carries nothing to pass");
    }
    if let Some(callable) = lower_callable(ty, env) {
        return callable;
    }
    if let Some(t) = lower_trait_object(ty, env, true) {
        return Ok(t);
    }
    if let TypeExpr::Path(p) = ty {
        if let (Some("Option"), [inner]) = (std_name(p), p.type_args().as_slice()) {
            if let Some(callable) = lower_callable(inner, env) {
                return Ok(Ty::Option(Box::new(callable?)));
            }
            // `Option<&dyn Trait>`, `Option<&mut dyn Trait>` (the boxed
            // forms lower as any value's `Option` does).
            if let TypeExpr::Ref { .. } = inner {
                if let Some(t) = lower_trait_object(inner, env, true) {
                    return Ok(Ty::Option(Box::new(t)));
                }
            }
        }
    }
    let lowered = lower(ty, Pos::Param, env)?;
    // Only an object can lend its value for good (it is pinned).
    if borrows_for_static(ty) && !matches!(lowered, Ty::Class(_, ClassMode::StaticRef)) {
        return unsupported(format!(
            "`{ty}` must be borrowed for the whole program (`'static`), which a Python object cannot promise"
        ));
    }
    Ok(lowered)
}

/// Lowers the type of a const or static: a reference in one is `'static`
/// (`const CONTROLS: &AsciiSet`), so a non-`Clone` class behind one is read as
/// a view of static memory.
pub fn lower_static_value(ty: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    match ty {
        TypeExpr::Ref {
            lifetime: None,
            mutable: false,
            inner,
        } => lower_value(
            &TypeExpr::Ref {
                lifetime: Some("'static".to_string()),
                mutable: false,
                inner: inner.clone(),
            },
            env,
        ),
        _ => lower_value(ty, env),
    }
}

/// A trait object of one of the crate's bound traits: `&dyn Trait`, `&mut dyn
/// Trait`, `Box<dyn Trait + Send + Sync + 'a>`, `Arc<dyn Trait>` (the
/// references only where `by_ref`: a parameter or an `Option` of one).
fn lower_trait_object(ty: &TypeExpr, env: &TypeEnv, by_ref: bool) -> Option<Ty> {
    let (form, bounds) = match ty {
        TypeExpr::Ref { mutable, inner, .. } if by_ref => match &**inner {
            TypeExpr::DynTrait(b) if *mutable => (DynForm::RefMut, b),
            TypeExpr::DynTrait(b) => (DynForm::Ref, b),
            _ => return None,
        },
        TypeExpr::ImplTrait(b) if by_ref => (DynForm::Impl, b),
        TypeExpr::Path(p) => match (std_name(p), p.type_args().as_slice()) {
            (Some("Box"), [TypeExpr::DynTrait(b)]) => (DynForm::Boxed, b),
            (Some("Arc"), [TypeExpr::DynTrait(b)]) => (DynForm::Arc, b),
            _ => return None,
        },
        _ => return None,
    };
    let (send, sync, rest) = auto_traits(bounds);
    let [p] = rest.as_slice() else { return None };
    let names = p.names();
    let written = names.strip_prefix("crate::").unwrap_or(&names);
    let found = env.traits.iter().position(|t| t == written)?;
    Some(Ty::Trait(found, DynUse { form, send, sync }))
}

/// Whether bounds ask for `Send` and `Sync`, and their other traits.
fn auto_traits(bounds: &[Bound]) -> (bool, bool, Vec<&TypePath>) {
    let (mut send, mut sync, mut rest) = (false, false, Vec::new());
    for b in bounds {
        let Bound::Trait(p) = b else { continue };
        if is_std_marker(p, "Send") {
            send = true;
        } else if is_std_marker(p, "Sync") {
            sync = true;
        } else {
            rest.push(p);
        }
    }
    (send, sync, rest)
}

/// Whether `p` names the auto trait `name` (`Send`, `std::marker::Send`).
fn is_std_marker(p: &TypePath, name: &str) -> bool {
    let names = p.names();
    names == name
        || names == format!("std::marker::{name}")
        || names == format!("core::marker::{name}")
}

/// Whether a parameter's type is a callable rsbind passes a closure for.
pub fn is_callable(ty: &TypeExpr) -> bool {
    callable_shape(ty).is_some()
}

/// A callable parameter's parts, as written.
struct CallableShape<'t> {
    form: CallableForm,
    kind: FnKind,
    inputs: &'t [TypeExpr],
    output: Option<&'t TypeExpr>,
    send: bool,
    sync: bool,
}

/// The parts of `impl Fn(A) -> R`, `&dyn Fn(..)`, `&mut dyn FnMut(..)`,
/// `Box<dyn Fn(..) + Send>` (other bounds than `Send`, `Sync` and lifetimes:
/// not a callable).
fn callable_shape(ty: &TypeExpr) -> Option<CallableShape<'_>> {
    let (form, bounds) = match ty {
        TypeExpr::ImplTrait(b) => (CallableForm::Value, b),
        TypeExpr::Ref { mutable, inner, .. } => match &**inner {
            TypeExpr::DynTrait(b) | TypeExpr::ImplTrait(b) if *mutable => (CallableForm::RefMut, b),
            TypeExpr::DynTrait(b) | TypeExpr::ImplTrait(b) => (CallableForm::Ref, b),
            _ => return None,
        },
        TypeExpr::Path(p) if std_name(p) == Some("Box") => match p.type_args().as_slice() {
            [TypeExpr::DynTrait(b)] => (CallableForm::Boxed, b),
            _ => return None,
        },
        _ => return None,
    };
    let (send, sync, rest) = auto_traits(bounds);
    let [p] = rest.as_slice() else { return None };
    let last = p.last();
    let (kind, inputs, output) = match (&last.args, last.name.as_str()) {
        (SegmentArgs::Paren { inputs, output }, "Fn" | "FnMut" | "FnOnce") => {
            let kind = match last.name.as_str() {
                "Fn" => FnKind::Fn,
                "FnMut" => FnKind::FnMut,
                _ => FnKind::FnOnce,
            };
            (kind, inputs, output)
        }
        _ => return None,
    };
    Some(CallableShape {
        form,
        kind,
        inputs,
        output: output.as_deref(),
        send,
        sync,
    })
}

/// The callable a parameter's type asks for (`impl Fn(A) -> R`, `&dyn Fn(..)`,
/// `&mut dyn FnMut(..)`, `Box<dyn Fn(..) + Send>`), or `None` when the type
/// is not one. Rust's arguments go to Python as results do, and Python's
/// result comes back as an argument does, into a value Rust owns.
fn lower_callable(ty: &TypeExpr, env: &TypeEnv) -> Option<Result<Ty, Unsupported>> {
    let shape = callable_shape(ty)?;
    let CallableShape {
        form,
        kind,
        inputs,
        output,
        send,
        sync,
    } = shape;
    Some(
        callable_sig(&ty.to_string(), inputs, output, env).map(|(params, ret, error)| {
            Ty::Callable(Box::new(Callable {
                kind,
                form,
                send,
                sync,
                params,
                ret,
                error,
            }))
        }),
    )
}

/// A callable's parameters (converted to Python as results are), its
/// result (converted back as an argument is, into a value Rust owns) and,
/// for a `Result`, its error's class; `what` names the callable in reasons.
fn callable_sig(
    what: &str,
    inputs: &[TypeExpr],
    output: Option<&TypeExpr>,
    env: &TypeEnv,
) -> Result<(Vec<Ty>, Ty, Option<usize>), Unsupported> {
    let params = inputs
        .iter()
        .map(|t| match lent_trait_object(t, env) {
            Some(lent) => Ok(lent),
            None => callable_param(what, t, env),
        })
        .collect::<Result<Vec<_>, _>>()?;
    // `Result<T, E>`: Python returns `T`, or raises `E`'s exception class.
    let (output, error) = match output {
        Some(TypeExpr::Path(p)) if std_name(p) == Some("Result") => match p.type_args().as_slice() {
            [ok, err] => match lower_error(err, env) {
                Ok(ErrorConv::Class(i)) => (Some(*ok), Some(i)),
                _ => {
                    return unsupported(format!(
                        "`{what}`: the error of a `Result` that Python returns must be a crate type (Python raises its exception class), not `{err}`"
                    ))
                }
            },
            _ => return unsupported(format!("`{what}`: `Result` needs two type arguments")),
        },
        other => (other, None),
    };
    let ret = match output {
        None => Ty::Unit,
        Some(t) if t.is_unit() => Ty::Unit,
        Some(t) => {
            let r = lower(t, Pos::ParamNested, env)?;
            if !owned_in(&r) {
                return unsupported(format!(
                    "`{what}`: a callable's result must be a value Rust owns, not `{t}`"
                ));
            }
            r
        }
    };
    Ok((params, ret, error))
}

/// A trait object that Rust hands to a Python callable as its whole argument
/// (`&dyn Trait`, `&mut dyn Trait`: lent for the call; `Box<dyn Trait>`,
/// `Arc<dyn Trait>`: given): an object of the trait's returned-objects class.
fn lent_trait_object(ty: &TypeExpr, env: &TypeEnv) -> Option<Ty> {
    lower_trait_object(ty, env, true)
        .filter(|t| !matches!(t, Ty::Trait(_, u) if u.form == DynForm::Impl))
}

/// One parameter of a callable (converted to Python as a result is).
fn callable_param(what: &str, t: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    match t {
            // A bound class's value lent mutably: a view that writes in place,
            // ended when the callable returns.
            TypeExpr::Ref { mutable: true, lifetime: None, inner }
                if matches!(&**inner, TypeExpr::Path(p) if env.class(p).is_some_and(|i| !env.is_borrowing(i))) =>
            {
                let TypeExpr::Path(p) = &**inner else {
                    return unsupported(format!("`{t}` is not a class"));
                };
                match env.class(p) {
                    Some(i) => Ok(Ty::Class(i, ClassMode::RefMut)),
                    None => unsupported(format!("`{t}` is not a class")),
                }
            }
            TypeExpr::Ref { mutable: true, .. } => unsupported(format!(
                "`{what}`: a callable taking `{t}`: only a bound class's value or a trait object can be lent mutably to Python (as a view ended when it returns); Python's scalars and strings cannot change in place"
            )),
            // Owned trait objects inside (`Vec<Box<dyn Trait>>`) are given
            // as returned ones are; borrowed ones do not lower here.
            t => lower(t, Pos::Out, env).map_err(|u| {
                let text = t.to_string();
                if text.contains("&dyn ") || text.contains("&mut dyn ") {
                    Unsupported {
                        reason: format!(
                            "{}; a trait object is lent to Python only as a whole argument (`&dyn Trait`, a view while the callable runs)",
                            u.reason
                        ),
                        ..u
                    }
                } else {
                    u
                }
            }),
    }
}

/// Whether a type has a trait object in it.
fn mentions_trait(ty: &Ty) -> bool {
    match ty {
        Ty::Trait(..) => true,
        Ty::Option(t) | Ty::Seq(t, _) | Ty::Set(t, _) | Ty::Iter(t) => mentions_trait(t),
        Ty::Map(k, v, _) => mentions_trait(k) || mentions_trait(v),
        Ty::Tuple(items) => items.iter().any(mentions_trait),
        _ => false,
    }
}

/// A trait method's signature as Rust calls a Python object's method: a
/// callable's (`Fn` for `&self`, `FnMut` for `&mut self`).
pub fn lower_trait_method(
    what: &str,
    inputs: &[TypeExpr],
    output: &TypeExpr,
    mutable: bool,
    env: &TypeEnv,
) -> Result<Callable, Unsupported> {
    let (params, ret, error) = callable_sig(what, inputs, Some(output), env)?;
    Ok(Callable {
        error,
        kind: if mutable { FnKind::FnMut } else { FnKind::Fn },
        form: CallableForm::Ref,
        send: false,
        sync: false,
        params,
        ret,
    })
}

/// Whether a value converted from Python owns everything in it (no borrow
/// of the Python object it came from).
fn owned_in(ty: &Ty) -> bool {
    match ty {
        Ty::Str(StrForm::Borrowed | StrForm::RefOwned)
        | Ty::Path(PathForm::Borrowed | PathForm::RefOwned)
        | Ty::Class(_, ClassMode::Ref | ClassMode::RefMut)
        | Ty::Seq(_, SeqForm::Slice | SeqForm::SliceMut | SeqForm::RefVec)
        | Ty::Callable(_) => false,
        Ty::Trait(_, u) => matches!(u.form, DynForm::Boxed | DynForm::Arc | DynForm::Impl),
        Ty::Map(_, _, c) | Ty::Set(_, c) if c.by_ref => false,
        Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => owned_in(inner),
        Ty::Map(k, v, _) => owned_in(k) && owned_in(v),
        Ty::Tuple(items) => items.iter().all(owned_in),
        _ => true,
    }
}

/// Lowers a return type, splitting off a `Result`'s error.
pub fn lower_return(ty: &TypeExpr, env: &TypeEnv) -> Result<Ret, Unsupported> {
    let (value, error) = match ty {
        TypeExpr::Path(p) if std_name(p) == Some("Result") => {
            let args = p.type_args();
            let [ok, err] = args.as_slice() else {
                return unsupported(format!("`{ty}` needs two type arguments"));
            };
            ((*ok).clone(), Some(lower_error(err, env)?))
        }
        _ => (ty.clone(), None),
    };
    let (ty, boxed_impl) = match boxed_impl(&value, env) {
        Some(Ty::Trait(t, u)) => (Ty::Trait(t, u), Some((t, u))),
        _ => (lower_result_value(&value, env)?, None),
    };
    Ok(Ret {
        ty,
        error,
        boxed_impl,
        keeps: None,
    })
}

/// A returned `impl Trait` of a bound trait: the stub boxes it as `Box<dyn
/// Trait>` (rustc knows the concrete type the front end does not see), an
/// object of the trait's returned-objects class.
fn boxed_impl(ty: &TypeExpr, env: &TypeEnv) -> Option<Ty> {
    let TypeExpr::ImplTrait(_) = ty else {
        return None;
    };
    match lower_trait_object(ty, env, true)? {
        Ty::Trait(t, u) => Some(Ty::Trait(
            t,
            DynUse {
                form: DynForm::Boxed,
                ..u
            },
        )),
        _ => None,
    }
}

/// A function's result (a `Result`'s value): an iterator it returns is a
/// Python iterator of its items ([`iterator_item`]); anything else lowers as
/// a value.
fn lower_result_value(ty: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    match iterator_item(ty) {
        Some(item) => {
            if let Some(view) = iterator_view_item(&item, env) {
                return Ok(Ty::Iter(Box::new(view)));
            }
            let item = lower(&item, Pos::Out, env).map_err(|u| Unsupported {
                reason: format!("the items of `{ty}`: {}", u.reason),
                did_you_mean: u.did_you_mean,
            })?;
            Ok(Ty::Iter(Box::new(item)))
        }
        None => lower(ty, Pos::Out, env),
    }
}

/// An iterator's `&T`/`&mut T` item of a bound class (`Clone` or not) that
/// does not borrow, with a lifetime other than `'static`: each item is a view
/// of `T` borrowing what the iterator borrows (`ir::Module::iter_view_item`),
/// never a copy. `types::borrows` checks that the iterator borrows an object,
/// exclusively for `&mut T`.
fn iterator_view_item(item: &TypeExpr, env: &TypeEnv) -> Option<Ty> {
    let TypeExpr::Ref {
        lifetime,
        mutable,
        inner,
    } = item
    else {
        return None;
    };
    let TypeExpr::Path(p) = &**inner else {
        return None;
    };
    if lifetime.as_deref() == Some("'static") {
        return None;
    }
    let i = env.class(p).filter(|&i| !env.is_borrowing(i))?;
    let mode = if *mutable {
        ClassMode::RefMut
    } else {
        ClassMode::Ref
    };
    Some(Ty::Class(i, mode))
}

/// Std's iterator types that functions return, by path, and their items
/// (`T`, `K` and `V` their type arguments; `&T` a borrow of one).
const STD_ITERATORS: &[(&str, &str)] = &[
    ("slice::Iter", "&T"),
    ("vec::IntoIter", "T"),
    ("vec::Drain", "T"),
    ("str::Chars", "char"),
    ("str::CharIndices", "(usize, char)"),
    ("str::Bytes", "u8"),
    ("str::Lines", "&str"),
    ("str::SplitWhitespace", "&str"),
    ("str::SplitAsciiWhitespace", "&str"),
    ("collections::hash_map::Keys", "&K"),
    ("collections::hash_map::Values", "&V"),
    ("collections::hash_map::Iter", "(&K, &V)"),
    ("collections::btree_map::Keys", "&K"),
    ("collections::btree_map::Values", "&V"),
    ("collections::btree_map::Iter", "(&K, &V)"),
    ("collections::hash_set::Iter", "&T"),
    ("collections::btree_set::Iter", "&T"),
];

/// Traits an `impl Iterator<Item = T> + ...` may add without changing what
/// Python sees.
const ITERATOR_MARKERS: &[&str] = &[
    "Iterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "FusedIterator",
    "Send",
    "Sync",
    "Clone",
    "Debug",
];

/// The item type of an iterator a function returns: `impl Iterator<Item = T>`
/// (with markers and lifetimes), `Box<dyn Iterator<Item = T>>`, or one of
/// [`STD_ITERATORS`].
pub fn iterator_item(ty: &TypeExpr) -> Option<TypeExpr> {
    let from_bounds = |bounds: &[Bound]| -> Option<TypeExpr> {
        let mut item = None;
        for b in bounds {
            let Bound::Trait(p) = b else { continue };
            let name = p.last().name.as_str();
            if !ITERATOR_MARKERS.contains(&name) {
                return None;
            }
            if let SegmentArgs::Angle(args) = &p.last().args {
                for a in args {
                    if let crate::idl::ty::GenericArg::AssocType(n, t) = a {
                        if n == "Item" {
                            item = Some(t.clone());
                        }
                    }
                }
            }
        }
        item
    };
    match ty {
        TypeExpr::ImplTrait(bounds) => from_bounds(bounds),
        TypeExpr::Path(p) if std_name(p) == Some("Box") => match p.type_args().as_slice() {
            [TypeExpr::DynTrait(bounds)] => from_bounds(bounds),
            _ => None,
        },
        TypeExpr::Path(p) if is_std_path(p) => {
            let names = p.names();
            let path = names.split_once("::")?.1;
            let (_, item) = STD_ITERATORS.iter().find(|(k, _)| *k == path)?;
            let args = p.type_args();
            let arg = |i: usize| args.get(i).map(|t| t.to_string());
            let text = match *item {
                "&T" | "&K" => format!("&{}", arg(0)?),
                "T" => arg(0)?,
                "&V" => format!("&{}", arg(1)?),
                "(&K, &V)" => format!("(&{}, &{})", arg(0)?, arg(1)?),
                other => other.to_string(),
            };
            crate::idl::ty::parse_type(&text).ok()
        }
        _ => None,
    }
}

/// Lowers the return type of a method. With a `&self`/`&mut self` receiver, a
/// `&T`/`&mut T` of a bound class (bare, in an `Option`, or as a `Result`'s
/// value) is a view of `self` (`ir::Module::method_view`): any class, `Clone`
/// or not. `&mut T` needs `&mut self`. So is a `&[T]`/`&Vec<T>` (or `&mut`) of
/// a class: a sequence view (`SeqForm::View`). Everything else lowers as
/// `lower_return`. `receiver_borrows`: for `&self`/`&mut self`, whether it is `&mut self`.
pub fn lower_method_return(
    ty: &TypeExpr,
    receiver_borrows: Option<bool>,
    env: &TypeEnv,
) -> Result<Ret, Unsupported> {
    let Some(self_mut) = receiver_borrows else {
        return lower_return(ty, env);
    };
    // `std::slice::Iter<'_, T>` of a class: the iterator of a sequence view.
    if let Some((i, mutable)) = slice_iter_of(ty, env) {
        if mutable && !self_mut {
            return unsupported(format!(
                "`{ty}` from `&self`: a mutable view needs `&mut self`"
            ));
        }
        let mode = if mutable {
            ClassMode::RefMut
        } else {
            ClassMode::Ref
        };
        return Ok(Ret {
            ty: Ty::Seq(Box::new(Ty::Class(i, mode)), SeqForm::IterView),
            error: None,
            boxed_impl: None,
            keeps: None,
        });
    }
    let view = |t: &TypeExpr| -> Option<Result<Ty, Unsupported>> {
        let (t, optional) = match t {
            TypeExpr::Path(p) if std_name(p) == Some("Option") => match p.type_args().as_slice() {
                [inner] => ((*inner).clone(), true),
                _ => return None,
            },
            t => (t.clone(), false),
        };
        let TypeExpr::Ref { mutable, inner, .. } = &t else {
            return None;
        };
        // `&[T]`, `&Vec<T>` (and `&mut`) of a class: a sequence view.
        let (p, seq) = match &**inner {
            TypeExpr::Slice(item) => (item_path(item)?, true),
            TypeExpr::Path(p) if std_name(p) == Some("Vec") => match p.type_args().as_slice() {
                [item] => (item_path(item)?, true),
                _ => return None,
            },
            TypeExpr::Path(p) => (p, false),
            _ => return None,
        };
        let i = env.class(p)?;
        if seq && env.is_borrowing(i) {
            return None;
        }
        if *mutable && !self_mut {
            return Some(unsupported(format!(
                "`{t}` from `&self`: a mutable view needs `&mut self`"
            )));
        }
        let mode = if *mutable {
            ClassMode::RefMut
        } else {
            ClassMode::Ref
        };
        let class = if seq {
            Ty::Seq(Box::new(Ty::Class(i, mode)), SeqForm::View)
        } else {
            Ty::Class(i, mode)
        };
        Some(Ok(if optional {
            Ty::Option(Box::new(class))
        } else {
            class
        }))
    };
    if let TypeExpr::Path(p) = ty {
        if std_name(p) == Some("Result") {
            if let [ok, err] = p.type_args().as_slice() {
                if let Some(v) = view(ok) {
                    return Ok(Ret {
                        ty: v?,
                        error: Some(lower_error(err, env)?),
                        boxed_impl: None,
                        keeps: None,
                    });
                }
            }
        }
    }
    match view(ty) {
        Some(v) => Ok(Ret {
            ty: v?,
            error: None,
            boxed_impl: None,
            keeps: None,
        }),
        None => lower_return(ty, env),
    }
}

/// `std::slice::Iter<'_, T>` (or `IterMut`) of a class that does not borrow:
/// the class and whether it is `IterMut`.
fn slice_iter_of(ty: &TypeExpr, env: &TypeEnv) -> Option<(usize, bool)> {
    let TypeExpr::Path(p) = ty else {
        return None;
    };
    if !is_std_path(p) {
        return None;
    }
    let names = p.names();
    let mutable = match names.split_once("::")?.1 {
        "slice::Iter" => false,
        "slice::IterMut" => true,
        _ => return None,
    };
    let [TypeExpr::Path(item)] = p.type_args().as_slice() else {
        return None;
    };
    let i = env.class(item).filter(|&i| !env.is_borrowing(i))?;
    Some((i, mutable))
}

/// The path of a sequence view's item type (`T` of `&[T]`), when it is one.
fn item_path(item: &TypeExpr) -> Option<&TypePath> {
    match item {
        TypeExpr::Path(p) => Some(p),
        _ => None,
    }
}

/// Lowers what an iterator's `next` hands out: a value moved out of Rust, like a
/// return value; an item that is a `Result` raises its error at that step. An
/// iterator class with lifetime parameters (`borrowing`) whose item is `&'a T`
/// or `&'a mut T` of a class hands out views of `T`
/// (`ir::Module::next_view_item`), `Clone` or not, into what the iterator's
/// object borrows.
pub fn lower_iterator_item(
    ty: &TypeExpr,
    borrowing: bool,
    env: &TypeEnv,
) -> Result<Ret, Unsupported> {
    if borrowing {
        if let Some(view @ Ty::Class(_, ClassMode::Ref | ClassMode::RefMut)) =
            iterator_view_item(ty, env)
        {
            return Ok(Ret {
                ty: view,
                error: None,
                boxed_impl: None,
                keeps: None,
            });
        }
    }
    lower_return(ty, env)
}

/// Lowers the type of a value that is read by copying it: a const, a static, a
/// field.
pub fn lower_value(ty: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    if let TypeExpr::Path(p) = ty {
        if std_name(p) == Some("Result") {
            return unsupported("a `Result` const has no single Python value");
        }
    }
    lower_copied(ty, env, |class| {
        format!("`{class}` is not Clone, so a value of it cannot be copied out to Python")
    })
}

/// Lowers a value that is read out by cloning it; `why` says why not when a
/// class in it is not Clone.
fn lower_copied(
    ty: &TypeExpr,
    env: &TypeEnv,
    why: impl FnOnce(&str) -> String,
) -> Result<Ty, Unsupported> {
    let lowered = lower(ty, Pos::Out, env)?;
    if mentions_trait(&lowered) {
        return unsupported(format!(
            "`{ty}`: a trait object is not Clone, so it cannot be copied out to Python"
        ));
    }
    match uncloneable(&lowered, env) {
        Some(i) => unsupported(why(&env.classes[i])),
        None => Ok(lowered),
    }
}

/// A returned borrow of a collection is read by cloning its items: every
/// class in it must be `Clone` (a method's `&[T]` of a class is a view instead).
fn not_copied_out(lowered: &Ty, whole: &TypeExpr, env: &TypeEnv) -> Result<(), Unsupported> {
    match uncloneable(lowered, env) {
        Some(i) => unsupported(format!(
            "`{whole}`: the reference cannot outlive the call, and `{}` is not Clone, so it cannot be copied",
            env.classes[i]
        )),
        None => Ok(()),
    }
}

/// The first class in `ty` that is not Clone.
fn uncloneable(ty: &Ty, env: &TypeEnv) -> Option<usize> {
    match ty {
        Ty::Class(i, mode) if *mode != ClassMode::StaticRef && !env.is_clone(*i) => Some(*i),
        Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => uncloneable(inner, env),
        Ty::Map(k, v, _) => uncloneable(k, env).or_else(|| uncloneable(v, env)),
        Ty::Tuple(items) => items.iter().find_map(|t| uncloneable(t, env)),
        _ => None,
    }
}

fn lower_error(ty: &TypeExpr, env: &TypeEnv) -> Result<ErrorConv, Unsupported> {
    match ty {
        TypeExpr::Path(p) => {
            if let Some(i) = env.class(p) {
                return Ok(ErrorConv::Class(i));
            }
            match std_name(p) {
                Some("io::Error") => Ok(ErrorConv::Io),
                Some("String") => Ok(ErrorConv::Display),
                Some("Box") => match p.type_args().as_slice() {
                    [TypeExpr::DynTrait(bounds)] if is_dyn_error(bounds) => Ok(ErrorConv::Display),
                    [TypeExpr::Path(inner)] if std_name(inner) == Some("str") => Ok(ErrorConv::Display),
                    _ => unsupported(format!(
                        "the error type `{ty}` is not a crate type, `std::io::Error`, `String` or `Box<dyn Error>`"
                    )),
                },
                _ if is_std_path(p) => Ok(ErrorConv::Display),
                _ => unsupported(format!(
                    "the error type `{ty}` is neither an exception of this crate nor a standard error type"
                )),
            }
        }
        TypeExpr::Ref {
            mutable: false,
            inner,
            ..
        } if matches!(&**inner, TypeExpr::Path(p) if std_name(p) == Some("str")) => {
            Ok(ErrorConv::Display)
        }
        _ => unsupported(format!(
            "the error type `{ty}` cannot be raised as a Python exception"
        )),
    }
}

fn is_dyn_error(bounds: &[Bound]) -> bool {
    bounds
        .iter()
        .any(|b| matches!(b, Bound::Trait(p) if std_name(p) == Some("error::Error")))
        && bounds.iter().all(|b| match b {
            Bound::Trait(p) => matches!(std_name(p), Some("error::Error" | "Send" | "Sync")),
            Bound::Lifetime(_) => true,
        })
}

/// Whether a field's type borrows (`&'h str`, `&'static [u8]`, `Cow<'a, str>`):
/// such a field is read-only, since nothing Python assigns lives as long.
pub fn field_borrows(ty: &TypeExpr) -> bool {
    let text = ty.to_string();
    text.contains('\'') || text.contains('&')
}

/// Whether a field's type holds a value of a class with lifetime parameters,
/// whose object would have to keep the field's owner (not bound).
pub fn field_holds_borrowing(ty: &TypeExpr, env: &TypeEnv) -> Option<String> {
    let lowered = lower_value(ty, env).ok()?;
    borrows::holds_borrowing(&lowered, env).then(|| {
        format!("`{ty}`: a field holding a value that borrows is not bound; the type's methods are")
    })
}

/// Whether a type holds a `'static` borrow (`&'static [u8]`, `Cow<'static, str>`).
pub fn borrows_for_static(ty: &TypeExpr) -> bool {
    use crate::idl::ty::{GenericArg, SegmentArgs};
    match ty {
        TypeExpr::Ref {
            lifetime, inner, ..
        } => lifetime.as_deref() == Some("'static") || borrows_for_static(inner),
        TypeExpr::Path(p) => p.segments.iter().any(|s| match &s.args {
            SegmentArgs::Angle(args) => args.iter().any(|a| match a {
                GenericArg::Lifetime(l) => l == "'static",
                GenericArg::Type(t) | GenericArg::AssocType(_, t) => borrows_for_static(t),
            }),
            _ => false,
        }),
        TypeExpr::Slice(t) | TypeExpr::Array(t, _) => borrows_for_static(t),
        TypeExpr::Tuple(items) => items.iter().any(borrows_for_static),
        _ => false,
    }
}

/// A type to the IR, where it stands (`pos`). Over 100 lines because it is one
/// `match` with a row per Rust type rsbind binds: the table of what is supported.
fn lower(ty: &TypeExpr, pos: Pos, env: &TypeEnv) -> Result<Ty, Unsupported> {
    let nested = if pos == Pos::Out {
        Pos::Out
    } else {
        Pos::ParamNested
    };
    if let Some(t) = lower_trait_object(ty, env, false) {
        // A returned trait object is boxed or shared: an object with the
        // trait's methods.
        if pos != Pos::Out
            || matches!(t, Ty::Trait(_, u) if matches!(u.form, DynForm::Boxed | DynForm::Arc))
        {
            return Ok(t);
        }
    }
    match ty {
        TypeExpr::Tuple(items) if items.is_empty() => {
            if pos == Pos::Out {
                Ok(Ty::Unit)
            } else {
                unsupported("`()` cannot be passed")
            }
        }
        TypeExpr::Tuple(items) => Ok(Ty::Tuple(
            items
                .iter()
                .map(|t| lower(t, nested, env))
                .collect::<Result<_, _>>()?,
        )),
        TypeExpr::Ref { mutable, inner, .. } if matches!(&**inner, TypeExpr::Slice(_)) => {
            let TypeExpr::Slice(item) = &**inner else {
                return unsupported(format!("`{ty}` is not a slice"));
            };
            if pos == Pos::ParamNested {
                return unsupported(format!(
                    "`{ty}` inside another type is not supported; use `Vec`"
                ));
            }
            let item = lower_item(item, pos, env)?;
            if pos == Pos::Out {
                not_copied_out(&item, ty, env)?;
            }
            match (mutable, pos) {
                (false, _) => Ok(Ty::Seq(Box::new(item), SeqForm::Slice)),
                (true, Pos::Param) if item.is_bulk_number() && item != Ty::Bool => {
                    Ok(Ty::Seq(Box::new(item), SeqForm::SliceMut))
                }
                (true, Pos::Param) => unsupported(format!(
                    "`{ty}`: only slices of numbers can be passed mutably (through a writable buffer)"
                )),
                (true, _) => unsupported(format!("`{ty}`: a mutable reference cannot be returned to Python safely")),
            }
        }
        TypeExpr::Ref {
            mutable: false,
            inner,
            ..
        } if is_collection(inner) => {
            if pos == Pos::ParamNested {
                return unsupported(format!(
                    "`{ty}` inside another type is not supported; pass the collection itself"
                ));
            }
            let lowered = lower(inner, pos, env)?;
            if pos == Pos::Out {
                not_copied_out(&lowered, ty, env)?;
            }
            match lowered {
                Ty::Seq(item, SeqForm::Vec) => Ok(Ty::Seq(item, SeqForm::RefVec)),
                Ty::Map(k, v, c) => Ok(Ty::Map(k, v, Collection { by_ref: true, ..c })),
                Ty::Set(t, c) => Ok(Ty::Set(t, Collection { by_ref: true, ..c })),
                _ => unsupported(format!("`{ty}`: references to this type are not supported")),
            }
        }
        TypeExpr::Ref {
            lifetime,
            mutable,
            inner,
        } => {
            let for_good = lifetime.as_deref() == Some("'static");
            if let TypeExpr::Path(p) = &**inner {
                if let Some(i) = env.class(p) {
                    return match (pos, mutable) {
                        // Lent for the whole program: the object's value is
                        // pinned for good; read back, a view of static memory.
                        (Pos::Param, false) if for_good => Ok(Ty::Class(i, ClassMode::StaticRef)),
                        (Pos::Out, false) if for_good && !env.is_clone(i) => {
                            Ok(Ty::Class(i, ClassMode::StaticRef))
                        }
                        (Pos::ParamNested, _) => unsupported(format!(
                            "`{ty}` inside another type is not supported; pass the object itself"
                        )),
                        (Pos::Out, true) => unsupported(format!(
                            "`{ty}`: a mutable reference cannot be returned to Python safely"
                        )),
                        (Pos::Out, false) if env.is_borrowing(i) => unsupported(format!(
                            "`{ty}`: a reference to a value that borrows is returned only as a view of the method's object"
                        )),
                        (Pos::Out, false) if !env.is_clone(i) => unsupported(format!(
                            "`{ty}`: the reference cannot outlive the call, and `{}` is not Clone, so it cannot be copied",
                            env.classes[i]
                        )),
                        (_, true) => Ok(Ty::Class(i, ClassMode::RefMut)),
                        (_, false) => Ok(Ty::Class(i, ClassMode::Ref)),
                    };
                }
            }
            if *mutable {
                return unsupported(format!(
                    "`{ty}`: mutable references are not supported for this type"
                ));
            }
            if pos == Pos::Out && copies_out(inner) {
                return lower_ref_copy(inner, ty, env);
            }
            lower_ref(inner, ty, pos).map_err(|mut u| {
                if let TypeExpr::Path(p) = &**inner {
                    if std_name(p).is_none() {
                        u.did_you_mean = type_meant(p, env);
                    }
                }
                u
            })
        }
        TypeExpr::Path(p) => lower_path(p, ty, nested, env),
        TypeExpr::Never => unsupported("`!` never returns a value"),
        TypeExpr::RawPtr { .. } => {
            unsupported(format!("`{ty}`: raw pointers cannot be passed safely"))
        }
        TypeExpr::Slice(_) => unsupported(format!("`{ty}` is unsized; use `&{ty}`")),
        TypeExpr::Array(item, len) => {
            let n: usize = len.parse().map_err(|_| Unsupported {
                did_you_mean: None,
                reason: format!("`{ty}`: the length of an array must be a number"),
            })?;
            Ok(Ty::Seq(
                Box::new(lower_item(item, pos, env)?),
                SeqForm::Array(n),
            ))
        }
        TypeExpr::FnPtr { .. } => unsupported(format!(
            "`{ty}`: function pointers are not bound (a parameter written `impl Fn(..)` takes any Python callable)"
        )),
        TypeExpr::DynTrait(_) | TypeExpr::ImplTrait(_) => unsupported(format!(
            "`{ty}`: trait objects and `impl Trait` are not bound here (a callable, `impl Fn(..)`, only as a parameter or an `Option` parameter)"
        )),
    }
}

/// Whether a returned `&T` is read by cloning the `T` it points to, which
/// lowers as the `T` itself: `&Option<T>`, `&(A, B)`, `&[T; N]`, `&Box<str>`.
fn copies_out(inner: &TypeExpr) -> bool {
    match inner {
        TypeExpr::Tuple(items) => !items.is_empty(),
        TypeExpr::Array(..) => true,
        TypeExpr::Path(p) => match std_name(p) {
            Some("Option") => true,
            Some("Box") => {
                matches!(p.type_args().as_slice(), [TypeExpr::Path(t)] if std_name(t) == Some("str"))
            }
            _ => false,
        },
        _ => false,
    }
}

/// A returned `&T` that [`copies_out`]: a clone of the `T`, so every class in
/// it must be `Clone`.
fn lower_ref_copy(inner: &TypeExpr, whole: &TypeExpr, env: &TypeEnv) -> Result<Ty, Unsupported> {
    lower_copied(inner, env, |class| {
        format!("`{whole}`: the reference cannot outlive the call, and `{class}` is not Clone, so it cannot be copied")
    })
}

fn lower_ref(inner: &TypeExpr, whole: &TypeExpr, pos: Pos) -> Result<Ty, Unsupported> {
    let TypeExpr::Path(p) = inner else {
        return unsupported(format!(
            "`{whole}`: references to this type are not supported"
        ));
    };
    // A borrowed number, bool or char returned (`Index::index` gives `&f64`)
    // is read by copy.
    let scalar = |name: &str| match name {
        "f32" => Some(Ty::Float(FloatKind::F32)),
        "f64" => Some(Ty::Float(FloatKind::F64)),
        "bool" => Some(Ty::Bool),
        "char" => Some(Ty::Char),
        _ => IntKind::ALL
            .iter()
            .find(|k| k.rust_name() == name && !matches!(k, IntKind::I128 | IntKind::U128))
            .map(|k| Ty::Int(*k)),
    };
    if let Some(ty) = std_name(p).filter(|_| pos == Pos::Out).and_then(scalar) {
        return Ok(ty);
    }
    match std_name(p) {
        Some("str") => Ok(Ty::Str(StrForm::Borrowed)),
        Some("Path") => Ok(Ty::Path(PathForm::Borrowed)),
        Some("String") if pos != Pos::ParamNested => Ok(Ty::Str(StrForm::RefOwned)),
        Some("PathBuf") if pos != Pos::ParamNested => Ok(Ty::Path(PathForm::RefOwned)),
        Some("String") => unsupported(format!(
            "`{whole}` inside another type is not supported; use `&str`"
        )),
        Some("PathBuf") => unsupported(format!(
            "`{whole}` inside another type is not supported; use `&Path`"
        )),
        _ => unsupported(format!(
            "`{whole}`: references to this type are not supported"
        )),
    }
}

/// The class or std type a path that names none was likely meant to be.
fn type_meant(p: &TypePath, env: &TypeEnv) -> Option<String> {
    let written = p.names();
    let std_names = STD_TYPES.iter().flat_map(|(_, spellings)| spellings.iter());
    let leaf_names = Leaf::ALL.iter().flat_map(|l| l.def().spellings.iter());
    let candidates = env
        .classes
        .iter()
        .map(String::as_str)
        .chain(PRIMITIVES.iter().copied())
        .chain(std_names.chain(leaf_names).copied());
    crate::diag::did_you_mean(&written, candidates).map(str::to_string)
}

fn lower_path(
    p: &TypePath,
    whole: &TypeExpr,
    nested: Pos,
    env: &TypeEnv,
) -> Result<Ty, Unsupported> {
    if let Some(i) = env.class(p) {
        return Ok(Ty::Class(i, ClassMode::Value));
    }
    let Some(name) = std_name(p) else {
        return Err(Unsupported {
            reason: format!("`{whole}` is not a type rsbind can bind"),
            did_you_mean: type_meant(p, env),
        });
    };
    let args = p.type_args();
    let no_args = |ty: Ty| -> Result<Ty, Unsupported> {
        if matches!(p.last().args, SegmentArgs::None) {
            Ok(ty)
        } else {
            unsupported(format!("`{whole}` takes no type arguments"))
        }
    };
    if let Some(kind) = IntKind::ALL.iter().find(|k| k.rust_name() == name) {
        return no_args(Ty::Int(*kind));
    }
    if let Some(leaf) = Leaf::named(name) {
        return no_args(Ty::Leaf(leaf));
    }
    match name {
        "f32" => no_args(Ty::Float(FloatKind::F32)),
        "f64" => no_args(Ty::Float(FloatKind::F64)),
        "bool" => no_args(Ty::Bool),
        "char" => no_args(Ty::Char),
        "String" => no_args(Ty::Str(StrForm::Owned)),
        "PathBuf" => no_args(Ty::Path(PathForm::Owned)),
        "str" | "Path" => unsupported(format!("`{whole}` is unsized; use `&{whole}`")),
        "Option" => match args.as_slice() {
            [inner] => Ok(Ty::Option(Box::new(lower(inner, nested, env)?))),
            _ => unsupported(format!("`{whole}` needs one type argument")),
        },
        "Box" => match args.as_slice() {
            [TypeExpr::Path(inner)] if std_name(inner) == Some("str") => {
                Ok(Ty::Str(StrForm::Boxed))
            }
            _ => unsupported(format!(
                "`{whole}`: a `Box` binds when it holds a `str`, a bound class, or (as a parameter, or an `Option` of one) a callable or a trait object"
            )),
        },
        "Cow" => match args.as_slice() {
            [TypeExpr::Path(inner)] if std_name(inner) == Some("str") => Ok(Ty::Str(StrForm::Cow)),
            _ => unsupported(format!("`{whole}`: only `Cow<str>` is supported")),
        },
        "Result" => unsupported(format!(
            "`{whole}`: a `Result` is only supported as the whole return type"
        )),
        "Vec" => match args.as_slice() {
            [item] => Ok(Ty::Seq(
                Box::new(lower_item(item, nested, env)?),
                SeqForm::Vec,
            )),
            _ => unsupported(format!("`{whole}` needs one type argument")),
        },
        "HashSet" | "BTreeSet" => match args.as_slice() {
            [item] => Ok(Ty::Set(
                Box::new(lower_key(item, nested, env)?),
                Collection {
                    ordered: name == "BTreeSet",
                    by_ref: false,
                },
            )),
            _ => unsupported(format!("`{whole}` needs one type argument")),
        },
        "HashMap" | "BTreeMap" => match args.as_slice() {
            [k, v] => Ok(Ty::Map(
                Box::new(lower_key(k, nested, env)?),
                Box::new(lower_item(v, nested, env)?),
                Collection {
                    ordered: name == "BTreeMap",
                    by_ref: false,
                },
            )),
            _ => unsupported(format!("`{whole}` needs two type arguments")),
        },
        "Rc" | "Arc" => unsupported(format!("`{whole}`: shared pointers are not bound yet")),
        _ => unsupported(format!("`{whole}` is not a type rsbind can bind yet")),
    }
}

/// Lowers the item type of a collection.
fn lower_item(item: &TypeExpr, pos: Pos, env: &TypeEnv) -> Result<Ty, Unsupported> {
    let nested = if pos == Pos::Out {
        Pos::Out
    } else {
        Pos::ParamNested
    };
    let t = lower(item, nested, env)?;
    if t == Ty::Unit {
        return unsupported("a collection of `()` carries nothing");
    }
    Ok(t)
}

/// Lowers the key of a map or the item of a set: a value Python can hash.
fn lower_key(item: &TypeExpr, pos: Pos, env: &TypeEnv) -> Result<Ty, Unsupported> {
    let t = lower_item(item, pos, env)?;
    if hashable(&t) {
        Ok(t)
    } else {
        unsupported(format!(
            "`{item}` cannot be a key of a dict or an item of a set in Python"
        ))
    }
}

fn hashable(t: &Ty) -> bool {
    match t {
        Ty::Float(_) | Ty::Seq(..) | Ty::Map(..) | Ty::Set(..) | Ty::Class(..) => false,
        Ty::Option(inner) => hashable(inner),
        Ty::Tuple(items) => items.iter().all(hashable),
        _ => true,
    }
}

fn is_collection(t: &TypeExpr) -> bool {
    matches!(t, TypeExpr::Path(p) if matches!(std_name(p), Some("Vec" | "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet")))
}

/// The spellings by which each standard type may be written; the key is the name
/// the rest of the checker uses.
const STD_TYPES: &[(&str, &[&str])] = &[
    (
        "String",
        &["String", "std::string::String", "alloc::string::String"],
    ),
    (
        "str",
        &["str", "std::primitive::str", "core::primitive::str"],
    ),
    (
        "Option",
        &["Option", "std::option::Option", "core::option::Option"],
    ),
    (
        "Result",
        &["Result", "std::result::Result", "core::result::Result"],
    ),
    ("Box", &["Box", "std::boxed::Box", "alloc::boxed::Box"]),
    ("Cow", &["Cow", "std::borrow::Cow", "alloc::borrow::Cow"]),
    ("Path", &["Path", "std::path::Path"]),
    ("PathBuf", &["PathBuf", "std::path::PathBuf"]),
    ("io::Error", &["std::io::Error"]),
    ("Vec", &["Vec", "std::vec::Vec", "alloc::vec::Vec"]),
    (
        "HashMap",
        &[
            "HashMap",
            "std::collections::HashMap",
            "std::collections::hash_map::HashMap",
        ],
    ),
    (
        "BTreeMap",
        &[
            "BTreeMap",
            "std::collections::BTreeMap",
            "alloc::collections::BTreeMap",
        ],
    ),
    (
        "HashSet",
        &[
            "HashSet",
            "std::collections::HashSet",
            "std::collections::hash_set::HashSet",
        ],
    ),
    (
        "BTreeSet",
        &[
            "BTreeSet",
            "std::collections::BTreeSet",
            "alloc::collections::BTreeSet",
        ],
    ),
    ("Rc", &["Rc", "std::rc::Rc", "alloc::rc::Rc"]),
    ("Arc", &["Arc", "std::sync::Arc", "alloc::sync::Arc"]),
    (
        "error::Error",
        &["std::error::Error", "core::error::Error", "Error"],
    ),
    ("Send", &["Send", "std::marker::Send", "core::marker::Send"]),
    ("Sync", &["Sync", "std::marker::Sync", "core::marker::Sync"]),
];

const PRIMITIVES: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char",
];

/// The checker's name for a standard type written as `p`, or `None` when `p` is
/// not one rsbind knows.
pub fn std_name(p: &TypePath) -> Option<&'static str> {
    let names = p.names();
    if p.segments.len() == 1 {
        if let Some(prim) = PRIMITIVES.iter().find(|n| **n == names) {
            return Some(prim);
        }
    }
    STD_TYPES
        .iter()
        .find(|(_, spellings)| spellings.contains(&names.as_str()))
        .map(|(key, _)| *key)
        .or_else(|| Leaf::named(&names).map(|l| l.def().spellings[0]))
}

/// A std type's path from `std` (`std::path::PathBuf`), for the ones the table
/// spells so.
fn std_full_path(key: &str) -> Option<&'static str> {
    let spellings: &[&'static str] = match STD_TYPES.iter().find(|(k, _)| *k == key) {
        Some((_, s)) => s,
        None => Leaf::named(key)?.def().spellings,
    };
    spellings.iter().copied().find(|s| s.starts_with("std::"))
}

fn is_std_path(p: &TypePath) -> bool {
    p.segments.len() > 1 && matches!(p.segments[0].name.as_str(), "std" | "core" | "alloc")
}

/// A type of the interface file as the generated Rust writes it: the crate's
/// own types by their absolute path (`::lib::Value`), a dependency's
/// `::dep::Type`, std's as written. Used for type arguments, which the stubs
/// spell out (`::lib::Map<String, ::lib::Value>`), so no name of the crate can
/// shadow another.
pub fn rust_spelling(ty: &TypeExpr, lib: &str, deps: &[String], classes: &[String]) -> TypeExpr {
    use crate::idl::ty::GenericArg;
    let spell = |t: &TypeExpr| rust_spelling(t, lib, deps, classes);
    match ty {
        // An inferred type argument (a closure's).
        TypeExpr::Path(p) if p.names() == "_" => ty.clone(),
        TypeExpr::Path(p) => {
            let mut p = p.clone();
            for seg in &mut p.segments {
                if let SegmentArgs::Angle(args) = &mut seg.args {
                    for a in args.iter_mut() {
                        match a {
                            GenericArg::Type(t) | GenericArg::AssocType(_, t) => *t = spell(t),
                            GenericArg::Lifetime(_) => {}
                        }
                    }
                }
            }
            let first = p
                .segments
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            // A bare name that is a class is the class (syn's `Path`), not std's.
            let is_class = classes.iter().any(|c| *c == p.names());
            let is_std =
                !is_class && (std_name(&p).is_some() || is_std_path(&p) || p.leading_colons);
            // A bare std name outside the prelude (`PathBuf`) by its full path.
            let prelude = matches!(
                std_name(&p),
                Some("Vec" | "String" | "Option" | "Result" | "Box" | "str")
            );
            if is_std && !prelude && p.segments.len() == 1 {
                if let Some(full) = std_name(&p).and_then(std_full_path) {
                    let args = p.segments[0].args.clone();
                    p = TypePath::simple(&full.split("::").collect::<Vec<_>>());
                    p.leading_colons = true;
                    if let Some(last) = p.segments.last_mut() {
                        last.args = args;
                    }
                }
            }
            if !is_std {
                if first == "crate" {
                    p.segments[0].name = lib.to_string();
                } else if !deps.contains(&first) {
                    p.segments.insert(
                        0,
                        crate::idl::ty::Segment {
                            name: lib.to_string(),
                            args: SegmentArgs::None,
                        },
                    );
                }
                p.leading_colons = true;
            }
            TypeExpr::Path(p)
        }
        TypeExpr::Ref {
            lifetime,
            mutable,
            inner,
        } => TypeExpr::Ref {
            lifetime: lifetime.clone(),
            mutable: *mutable,
            inner: Box::new(spell(inner)),
        },
        TypeExpr::Slice(inner) => TypeExpr::Slice(Box::new(spell(inner))),
        TypeExpr::Array(inner, n) => TypeExpr::Array(Box::new(spell(inner)), n.clone()),
        TypeExpr::Tuple(items) => TypeExpr::Tuple(items.iter().map(spell).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trait_objects_lower_where_they_can_cross() {
        let classes = ["Circle".to_string()];
        let traits = ["Shape".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &[],
            borrowing: &[],
            traits: &traits,
        };
        let param = |s: &str| lower_param(&parse_type(s).unwrap(), &env);
        let form = |s: &str| match param(s) {
            Ok(Ty::Trait(0, u)) => Some((u.form, u.send, u.sync)),
            Ok(Ty::Seq(t, _)) | Ok(Ty::Option(t)) => match *t {
                Ty::Trait(0, u) => Some((u.form, u.send, u.sync)),
                _ => None,
            },
            _ => None,
        };
        assert_eq!(form("&dyn Shape"), Some((DynForm::Ref, false, false)));
        assert_eq!(
            form("&mut dyn Shape"),
            Some((DynForm::RefMut, false, false))
        );
        assert_eq!(
            form("Box<dyn Shape + Send + Sync + 'static>"),
            Some((DynForm::Boxed, true, true))
        );
        assert_eq!(
            form("std::sync::Arc<dyn crate::Shape>"),
            Some((DynForm::Arc, false, false))
        );
        assert_eq!(
            form("impl Shape + Send"),
            Some((DynForm::Impl, true, false))
        );
        assert_eq!(
            form("Vec<Box<dyn Shape>>"),
            Some((DynForm::Boxed, false, false))
        );
        assert_eq!(
            form("Option<Box<dyn Shape>>"),
            Some((DynForm::Boxed, false, false))
        );
        assert_eq!(
            form("Option<&mut dyn Shape>"),
            Some((DynForm::RefMut, false, false))
        );
        // A reference inside another type (but an `Option`), an unknown
        // trait, two traits: no.
        assert!(param("Vec<&dyn Shape>").is_err());
        assert!(param("Option<Option<&dyn Shape>>").is_err());
        assert!(param("&dyn Other").is_err());
        assert!(param("&(dyn Shape + Other)").is_err());
        // Returned: boxed or shared.
        let ret = |s: &str| lower_return(&parse_type(s).unwrap(), &env).map(|r| r.ty);
        assert!(matches!(ret("Box<dyn Shape>"), Ok(Ty::Trait(0, _))));
        assert!(matches!(ret("Arc<dyn Shape>"), Ok(Ty::Trait(0, u)) if u.form == DynForm::Arc));
        assert!(ret("&dyn Shape").is_err());
        // A returned `impl Shape` is boxed by the stub; another trait's is not bound.
        let boxed = |s: &str| lower_return(&parse_type(s).unwrap(), &env).map(|r| r.boxed_impl);
        assert!(
            matches!(boxed("impl Shape + Send"), Ok(Some((0, u))) if u.form == DynForm::Boxed && u.send)
        );
        assert!(matches!(
            boxed("Result<impl Shape, String>"),
            Ok(Some((0, _)))
        ));
        assert!(matches!(boxed("Box<dyn Shape>"), Ok(None)));
        assert!(boxed("impl Other").is_err());
    }
    use crate::idl::ty::parse_type;

    fn param(s: &str) -> String {
        let env = TypeEnv {
            classes: &["ParseError".to_string()],
            not_clone: &[],
            borrowing: &[],
            traits: &[],
        };
        match lower_param(&parse_type(s).unwrap(), &env) {
            Ok(t) => format!("{t:?}"),
            Err(u) => format!("unsupported: {}", u.reason),
        }
    }

    fn ret(s: &str) -> String {
        let env = TypeEnv {
            classes: &["ParseError".to_string()],
            not_clone: &[],
            borrowing: &[],
            traits: &[],
        };
        match lower_return(&parse_type(s).unwrap(), &env) {
            Ok(r) => format!("{:?} / {:?}", r.ty, r.error),
            Err(u) => format!("unsupported: {}", u.reason),
        }
    }

    #[test]
    fn callables() {
        let ok = |s: &str| {
            let got = param(s);
            assert!(
                got.starts_with("Callable(") || got.starts_with("Option(Callable("),
                "{s}: {got}"
            );
            got
        };
        assert!(ok("impl Fn(i64) -> i64").contains("form: Value"));
        assert!(ok("&dyn std::ops::Fn(&str) -> bool").contains("form: Ref"));
        assert!(ok("&mut dyn FnMut(&ParseError)").contains("form: RefMut"));
        let boxed = ok("Box<dyn Fn() -> String + Send + Sync + 'static>");
        assert!(boxed.contains("form: Boxed") && boxed.contains("send: true, sync: true"));
        assert!(ok("Option<&dyn Fn(i64)>").contains("ret: Unit"));
        // A class lent mutably: a view; a scalar: no mapping.
        assert!(ok("&dyn Fn(&mut ParseError)").contains("Class(0, RefMut)"));
        assert!(param("&dyn Fn(&mut i64)").contains("cannot change in place"));
        assert!(ok("&dyn Fn() -> Result<i64, ParseError>").contains("error: Some(0)"));
        assert!(param("&dyn Fn() -> Result<i64, String>").contains("must be a crate type"));
        assert!(param("impl Fn() -> &'static str").contains("must be a value Rust owns"));
        assert!(param("Vec<Box<dyn Fn()>>").starts_with("unsupported"));
        // Other bounds make it another trait object, not a callable.
        assert!(param("&dyn Fn() + std::fmt::Debug").starts_with("unsupported"));
        assert!(is_callable(&parse_type("impl FnOnce()").unwrap()));
        assert!(!is_callable(
            &parse_type("impl Iterator<Item = u8>").unwrap()
        ));
    }

    #[test]
    fn params() {
        assert_eq!(param("&'a str"), "Str(Borrowed)");
        assert_eq!(param("std::string::String"), "Str(Owned)");
        assert_eq!(param("&String"), "Str(RefOwned)");
        assert_eq!(
            param("Option<(i32, &str)>"),
            "Option(Tuple([Int(I32), Str(Borrowed)]))"
        );
        assert_eq!(
            param("(&String, u8)"),
            "unsupported: `&String` inside another type is not supported; use `&str`"
        );
        assert_eq!(
            param("&mut i32"),
            "unsupported: `&mut i32`: mutable references are not supported for this type"
        );
        assert_eq!(param("Vec<u8>"), "Seq(Int(U8), Vec)");
        assert_eq!(
            param("Foo"),
            "unsupported: `Foo` is not a type rsbind can bind"
        );
    }

    #[test]
    fn methods_borrowing_self_return_views_of_any_class() {
        let classes = ["Token".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &classes,
            borrowing: &[],
            traits: &[],
        };
        let ret = |s: &str, receiver: Option<bool>| {
            lower_method_return(&parse_type(s).unwrap(), receiver, &env)
                .map(|r| r.ty)
                .map_err(|u| u.reason)
        };
        let class = |mode| Ty::Class(0, mode);
        assert_eq!(ret("&Token", Some(false)), Ok(class(ClassMode::Ref)));
        assert_eq!(ret("&mut Token", Some(true)), Ok(class(ClassMode::RefMut)));
        assert_eq!(
            ret("Option<&mut Token>", Some(true)),
            Ok(Ty::Option(Box::new(class(ClassMode::RefMut))))
        );
        assert_eq!(
            ret("Result<&Token, String>", Some(false)),
            Ok(class(ClassMode::Ref))
        );
        assert_eq!(
            ret("&mut Token", Some(false)),
            Err("`&mut Token` from `&self`: a mutable view needs `&mut self`".to_string())
        );
        // No borrowed receiver: as `lower_return` (a copy, so `Clone` only).
        assert!(ret("&Token", None).is_err());
        assert!(ret("Vec<&Token>", Some(false)).is_err());
    }

    #[test]
    fn borrowed_iterator_items_of_a_class_are_views() {
        let classes = ["Token".to_string(), "Tokens".to_string()];
        let borrowing = ["Tokens".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &classes[..1],
            borrowing: &borrowing,
            traits: &[],
        };
        let ret = |s: &str, receiver: Option<bool>| {
            lower_method_return(&parse_type(s).unwrap(), receiver, &env)
                .map(|r| r.ty)
                .map_err(|u| u.reason)
        };
        let iter = |mode| Ok(Ty::Iter(Box::new(Ty::Class(0, mode))));
        // Not Clone: views, never copies.
        assert_eq!(
            ret("impl Iterator<Item = &Token>", Some(false)),
            iter(ClassMode::Ref)
        );
        assert_eq!(
            ret("impl Iterator<Item = &'a mut Token> + 'a", Some(true)),
            iter(ClassMode::RefMut)
        );
        assert_eq!(
            ret("impl Iterator<Item = &Token>", None),
            iter(ClassMode::Ref)
        );
        // `'static` items point into no owner: as before (not Clone: a `&'static` view).
        assert_eq!(
            ret("impl Iterator<Item = &'static Token>", Some(false)),
            Ok(Ty::Iter(Box::new(Ty::Class(0, ClassMode::StaticRef))))
        );
        // An iterator struct with lifetimes hands out views of `&'a T`.
        let item = |s: &str, borrowing| {
            lower_iterator_item(&parse_type(s).unwrap(), borrowing, &env)
                .map(|r| r.ty)
                .map_err(|u| u.reason)
        };
        assert_eq!(item("&'a Token", true), Ok(Ty::Class(0, ClassMode::Ref)));
        assert!(item("&'a Token", false).is_err());
        assert_eq!(
            item("&'a mut Token", true),
            Ok(Ty::Class(0, ClassMode::RefMut))
        );
        assert!(item("&'a mut Token", false).is_err());
    }

    #[test]
    fn borrowed_sequences_of_a_class_are_sequence_views() {
        let classes = ["Token".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &classes,
            borrowing: &[],
            traits: &[],
        };
        let ret = |s: &str, receiver: Option<bool>| {
            lower_method_return(&parse_type(s).unwrap(), receiver, &env)
                .map(|r| r.ty)
                .map_err(|u| u.reason)
        };
        let seq = |mode, form| Ty::Seq(Box::new(Ty::Class(0, mode)), form);
        let shared = seq(ClassMode::Ref, SeqForm::View);
        assert_eq!(ret("&Vec<Token>", Some(false)), Ok(shared.clone()));
        assert_eq!(ret("&[Token]", Some(false)), Ok(shared.clone()));
        assert_eq!(
            ret("Option<&Vec<Token>>", Some(false)),
            Ok(Ty::Option(Box::new(shared.clone())))
        );
        assert_eq!(ret("Result<&[Token], String>", Some(false)), Ok(shared));
        assert_eq!(
            ret("&mut Vec<Token>", Some(true)),
            Ok(seq(ClassMode::RefMut, SeqForm::View))
        );
        assert_eq!(
            ret("std::slice::Iter<'_, Token>", Some(false)),
            Ok(seq(ClassMode::Ref, SeqForm::IterView))
        );
        assert_eq!(
            ret("std::slice::IterMut<'_, Token>", Some(true)),
            Ok(seq(ClassMode::RefMut, SeqForm::IterView))
        );
        assert_eq!(
            ret("&mut [Token]", Some(false)),
            Err("`&mut [Token]` from `&self`: a mutable view needs `&mut self`".to_string())
        );
        // A free function has no owner to view: a list of copies, so of a
        // `Clone` class only.
        assert_eq!(
            ret("&Vec<Token>", None),
            Err("`&Vec<Token>`: the reference cannot outlive the call, and `Token` is not Clone, so it cannot be copied".to_string())
        );
    }

    #[test]
    fn values_of_types_that_are_not_clone_cannot_be_copied_out() {
        let classes = ["Token".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &classes,
            borrowing: &[],
            traits: &[],
        };
        let value = |s: &str| lower_value(&parse_type(s).unwrap(), &env).map_err(|u| u.reason);
        let ret = |s: &str| {
            lower_return(&parse_type(s).unwrap(), &env)
                .map(|r| r.ty)
                .map_err(|u| u.reason)
        };
        assert_eq!(ret("Token"), Ok(Ty::Class(0, ClassMode::Value)));
        assert_eq!(
            value("Option<Token>"),
            Err(
                "`Token` is not Clone, so a value of it cannot be copied out to Python".to_string()
            )
        );
        assert_eq!(
            ret("&Token"),
            Err("`&Token`: the reference cannot outlive the call, and `Token` is not Clone, so it cannot be copied".to_string())
        );
    }

    #[test]
    fn returns() {
        assert_eq!(ret("Result<u8, ParseError>"), "Int(U8) / Some(Class(0))");
        assert_eq!(ret("Result<(), std::io::Error>"), "Unit / Some(Io)");
        assert_eq!(ret("Result<i32, &'static str>"), "Int(I32) / Some(Display)");
        assert_eq!(
            ret("Result<String, Box<dyn std::error::Error + Send + Sync>>"),
            "Str(Owned) / Some(Display)"
        );
        assert_eq!(
            ret("Result<u8, std::num::ParseIntError>"),
            "Int(U8) / Some(Display)"
        );
        assert_eq!(
            ret("Result<u8, Other>"),
            "unsupported: the error type `Other` is neither an exception of this crate nor a standard error type"
        );
        assert_eq!(ret("()"), "Unit / None");
    }

    #[test]
    fn borrowed_returns_are_copies() {
        assert_eq!(ret("Option<&str>"), "Option(Str(Borrowed)) / None");
        assert_eq!(ret("&[u8]"), "Seq(Int(U8), Slice) / None");
        assert_eq!(ret("Option<&i64>"), "Option(Int(I64)) / None");
        assert_eq!(ret("Vec<&str>"), "Seq(Str(Borrowed), Vec) / None");
        assert_eq!(ret("&Option<String>"), "Option(Str(Owned)) / None");
        assert_eq!(
            ret("&(i64, String)"),
            "Tuple([Int(I64), Str(Owned)]) / None"
        );
        assert_eq!(ret("&[i32; 3]"), "Seq(Int(I32), Array(3)) / None");
        assert_eq!(ret("&Box<str>"), "Str(Boxed) / None");
        // Only returned: a parameter `&Option<String>` is not taken.
        assert_eq!(
            param("&Option<String>"),
            "unsupported: `&Option<String>`: references to this type are not supported"
        );
    }

    #[test]
    fn static_borrows() {
        let is_static = |s: &str| borrows_for_static(&parse_type(s).unwrap());
        assert!(is_static("&'static str"));
        assert!(is_static("Option<&'static [&'static str]>"));
        assert!(is_static("Cow<'static, str>"));
        assert!(!is_static("&'a str"));
        assert!(!is_static("String"));
    }
}
