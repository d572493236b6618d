//! What a result that borrows keeps (MAPPING: Borrowed results): a value of a
//! class with lifetime parameters (`Match<'h>`) points into the memory of what
//! it was made from, so its Python object references those objects and holds a
//! borrow of the one bound object whose value it may point into.
//!
//! The lifetimes of the signature say where a result may point; where they are
//! elided or not declared by the signature (a lifetime the front end cannot
//! trace, such as one of a parameter whose natural type it chose), the result is
//! taken to borrow from everything it could, by Rust's elision rules and more:
//! keeping too much is safe, keeping too little is not.

use super::{unsupported, TypeEnv, Unsupported};
use crate::idl::ty::{GenericArg, SegmentArgs, TypeExpr};
use crate::ir::{
    BorrowOf, Borrowed, ClassMode, IntKind, Keeps, KeptParam, Receiver, SeqForm, StrForm, Ty,
};
use std::collections::BTreeSet;

/// The receiver of a method, for [`result_keeps`].
pub struct ReceiverOf<'a> {
    pub receiver: Receiver,
    /// The lifetime of `&'a self` (as the interface file records it): a
    /// result naming it borrows `self`.
    pub lifetime: Option<&'a str>,
    /// The lifetime parameters of the method's class (`'h` of `Match<'h>`):
    /// a result borrowing through them borrows what the object borrows.
    pub class_lifetimes: &'a [String],
}

/// A parameter, for [`result_keeps`]: its name, its type as written, lowered.
pub struct ParamOf<'a> {
    pub name: &'a str,
    pub written: &'a TypeExpr,
    pub ty: &'a Ty,
}

/// The lifetimes a type names, and whether it elides one.
#[derive(Default)]
struct Lifetimes {
    named: BTreeSet<String>,
    elided: bool,
}

/// Whether `ty` names the lifetime `l` (`'h` in `Match<'h>`).
pub fn names_lifetime(ty: &TypeExpr, l: &str, env: &TypeEnv) -> bool {
    lifetimes_of(ty, env).named.contains(l)
}

fn lifetimes_of(ty: &TypeExpr, env: &TypeEnv) -> Lifetimes {
    let mut out = Lifetimes::default();
    collect(ty, env, &mut out);
    out
}

fn note(lifetime: Option<&str>, out: &mut Lifetimes) {
    match lifetime {
        None | Some("'_") => out.elided = true,
        Some("'static") => {}
        Some(l) => {
            out.named.insert(l.to_string());
        }
    }
}

fn collect(ty: &TypeExpr, env: &TypeEnv, out: &mut Lifetimes) {
    match ty {
        TypeExpr::Ref {
            lifetime, inner, ..
        } => {
            note(lifetime.as_deref(), out);
            collect(inner, env, out);
        }
        TypeExpr::Path(p) => {
            let mut lifetimes = 0;
            for seg in &p.segments {
                if let SegmentArgs::Angle(args) = &seg.args {
                    for a in args {
                        match a {
                            GenericArg::Lifetime(l) => {
                                lifetimes += 1;
                                note(Some(l), out);
                            }
                            GenericArg::Type(t) | GenericArg::AssocType(_, t) => {
                                collect(t, env, out)
                            }
                        }
                    }
                }
            }
            // `Match` for `Match<'_>`: rustdoc leaves elided ones out.
            if lifetimes == 0 && env.is_borrowing_path(p) {
                out.elided = true;
            }
        }
        TypeExpr::RawPtr { inner, .. } | TypeExpr::Slice(inner) | TypeExpr::Array(inner, _) => {
            collect(inner, env, out)
        }
        TypeExpr::Tuple(items) => items.iter().for_each(|t| collect(t, env, out)),
        TypeExpr::Never
        | TypeExpr::DynTrait(_)
        | TypeExpr::ImplTrait(_)
        | TypeExpr::FnPtr { .. } => {}
    }
}

/// Whether a lowered result is (an `Option` of) an object of a class with
/// lifetime parameters; `Err` when such objects sit in a collection or tuple.
fn object_result(ty: &Ty, env: &TypeEnv, written: &TypeExpr) -> Result<bool, Unsupported> {
    match ty {
        // Its items are converted one by one, after the call: it may point
        // into anything the call could lend it.
        Ty::Iter(item) => nested(std::iter::once(&**item), env, written).map(|_| true),
        Ty::Class(i, ClassMode::Value | ClassMode::Boxed) => Ok(env.is_borrowing(*i)),
        Ty::Option(inner) => object_result(inner, env, written),
        Ty::Tuple(items) => nested(items.iter(), env, written),
        Ty::Seq(item, _) | Ty::Set(item, _) => nested(std::iter::once(&**item), env, written),
        Ty::Map(k, v, _) => nested([&**k, &**v].into_iter(), env, written),
        _ => Ok(false),
    }
}

fn nested<'t>(
    mut items: impl Iterator<Item = &'t Ty>,
    env: &TypeEnv,
    written: &TypeExpr,
) -> Result<bool, Unsupported> {
    if items.any(|t| holds_borrowing(t, env)) {
        return unsupported(format!(
            "`{written}`: values that borrow are returned one at a time (or as an `Option` of one), not inside a collection or tuple"
        ));
    }
    Ok(false)
}

pub(crate) fn holds_borrowing(ty: &Ty, env: &TypeEnv) -> bool {
    match ty {
        Ty::Class(i, _) => env.is_borrowing(*i),
        Ty::Option(t) | Ty::Seq(t, _) | Ty::Set(t, _) => holds_borrowing(t, env),
        Ty::Map(k, v, _) => holds_borrowing(k, env) || holds_borrowing(v, env),
        Ty::Tuple(items) => items.iter().any(|t| holds_borrowing(t, env)),
        _ => false,
    }
}

/// What the object a function or method returns must keep, or `None` when
/// its result borrows nothing (or is copied into Python values).
pub fn result_keeps(
    ret_written: &TypeExpr,
    ret: &Ty,
    receiver: Option<&ReceiverOf>,
    params: &[ParamOf],
    env: &TypeEnv,
) -> Result<Option<Box<Keeps>>, Unsupported> {
    if receiver.is_some_and(|r| matches!(r.receiver, Receiver::Ref | Receiver::RefMut))
        && is_view(ret)
    {
        return view_keeps(ret_written, params, env);
    }
    if matches!(ret_written, TypeExpr::ImplTrait(_)) && matches!(ret, Ty::Trait(..)) {
        return boxed_impl_keeps(receiver, params, env);
    }
    if !object_result(ret, env, ret_written)? {
        return Ok(None);
    }
    let result = lifetimes_of(ret_written, env);
    let param_lifetimes: Vec<Lifetimes> = params
        .iter()
        .map(|p| lifetimes_of(p.written, env))
        .collect();
    // An associated function has no object to borrow through.
    let receiver = receiver.filter(|r| r.receiver != Receiver::None);
    let class_lifetimes: &[String] = receiver.map(|r| r.class_lifetimes).unwrap_or_default();
    let receiver_lifetime = receiver.and_then(|r| r.lifetime.map(str::to_string));
    let traced: BTreeSet<&String> = param_lifetimes
        .iter()
        .flat_map(|l| &l.named)
        .chain(class_lifetimes)
        .chain(&receiver_lifetime)
        .collect();
    // Elided, or named by nothing the front end saw (the method's own
    // `&'a self`, or a parameter whose written type lost it): it may be any.
    // An iterator (`impl Iterator` captures lifetimes it does not name) too.
    let vague = result.elided
        || result.named.iter().any(|l| !traced.contains(l))
        || matches!(ret, Ty::Iter(_));

    let mut keeps = Keeps::default();
    let mut borrow = Vec::new();
    if let Some(r) = receiver {
        let through_class = vague || class_lifetimes.iter().any(|l| result.named.contains(l));
        if !class_lifetimes.is_empty() && through_class {
            keeps.keeps_self = true;
        }
        if vague && matches!(r.receiver, Receiver::Ref | Receiver::RefMut) {
            keeps.keeps_self = true;
            borrow.push(Borrowed {
                of: BorrowOf::SelfObject,
                exclusive: r.receiver == Receiver::RefMut,
            });
        }
    }
    for (index, (p, lt)) in params.iter().zip(&param_lifetimes).enumerate() {
        let shares = lt.named.iter().any(|l| result.named.contains(l));
        // `impl Iterator` captures lifetimes its bounds name (`Item = &'a
        // T`), which the result's type string does not show: any of them.
        let captured = matches!(ret, Ty::Iter(_)) && !lt.named.is_empty();
        if !(shares || captured || (vague && lt.elided)) {
            continue;
        }
        match p.ty {
            Ty::Str(StrForm::Borrowed) => keeps.params.push(KeptParam {
                index,
                as_bytes: false,
            }),
            Ty::Seq(item, SeqForm::Slice) if **item == Ty::Int(IntKind::U8) => {
                keeps.params.push(KeptParam {
                    index,
                    as_bytes: true,
                })
            }
            Ty::Class(_, mode @ (ClassMode::Ref | ClassMode::RefMut)) => {
                keeps.params.push(KeptParam {
                    index,
                    as_bytes: false,
                });
                borrow.push(Borrowed {
                    of: BorrowOf::Param(index),
                    exclusive: *mode == ClassMode::RefMut,
                });
            }
            Ty::Class(i, ClassMode::Value | ClassMode::Boxed) if env.is_borrowing(*i) => {
                keeps.params.push(KeptParam {
                    index,
                    as_bytes: false,
                })
            }
            _ => {
                return unsupported(format!(
                    "the result may borrow from parameter `{}` (`{}`), whose memory Python does not hold still: results are bound that borrow from `&str`, `&[u8]` and objects",
                    p.name, p.written
                ))
            }
        }
    }
    // `fn caption<'a>(&'a self, legend: &'a Legend) -> Caption<'a>`: a
    // method's lifetime that an object parameter shares may be `self`'s too
    // (the interface file records `&'a self` only where the result names
    // it): it borrows `self` as well. (With only a `&'h str` sharing it,
    // `self` stays free unless `&'h self` is recorded.)
    let shared_with_object = params.iter().zip(&param_lifetimes).any(|(p, lt)| {
        matches!(p.ty, Ty::Class(_, ClassMode::Ref | ClassMode::RefMut))
            && lt
                .named
                .iter()
                .any(|l| result.named.contains(l) && !class_lifetimes.contains(l))
    });
    let self_borrowed = borrow.iter().any(|b| b.of == BorrowOf::SelfObject);
    // `fn find<'h>(&'h self, text: &'h str) -> Match<'h>`: through `&'h self`.
    let through_self = receiver_lifetime
        .as_ref()
        .is_some_and(|l| result.named.contains(l));
    if let Some(r) = receiver.filter(|r| matches!(r.receiver, Receiver::Ref | Receiver::RefMut)) {
        if (shared_with_object || through_self) && !self_borrowed {
            keeps.keeps_self = true;
            borrow.insert(
                0,
                Borrowed {
                    of: BorrowOf::SelfObject,
                    exclusive: r.receiver == Receiver::RefMut,
                },
            );
        }
    }
    // Two objects or more: the first borrowed by the object itself, the
    // others by guards in what it keeps.
    let mut borrow = borrow.into_iter();
    keeps.borrow = borrow.next();
    keeps.also_borrow = borrow.collect();
    iter_view_items_borrow(ret, ret_written, keeps.borrow.as_ref())?;
    // Named lifetimes that no parameter has: the caller chooses them.
    Ok((keeps.keeps_self || !keeps.params.is_empty()).then(|| Box::new(keeps)))
}

/// An iterator whose items are views (`Item = &T`/`&mut T` of a class,
/// `types::iterator_view_item`): they point into the bound object it borrows,
/// so it must borrow one (a `&mut T` item exclusively: the items share that
/// borrow, and `IterMut`-like iterators never hand out one item twice).
fn iter_view_items_borrow(
    ret: &Ty,
    written: &TypeExpr,
    borrow: Option<&Borrowed>,
) -> Result<(), Unsupported> {
    let Ty::Iter(item) = ret else {
        return Ok(());
    };
    let mutable = match **item {
        Ty::Class(_, ClassMode::Ref) => false,
        Ty::Class(_, ClassMode::RefMut) => true,
        _ => return Ok(()),
    };
    match borrow {
        None => unsupported(format!(
            "the items of `{written}` are views, and it borrows no object passed by reference that they could point into"
        )),
        Some(b) if mutable && !b.exclusive => unsupported(format!(
            "the items of `{written}` are mutable views, which need the object they point into borrowed by `&mut`"
        )),
        Some(_) => Ok(()),
    }
}

/// Whether a method's result is a view of `self` as `types::lower_method_return`
/// lowers one: `&T`/`&mut T` or a sequence view of a class (or an `Option`).
fn is_view(ret: &Ty) -> bool {
    let ty = match ret {
        Ty::Option(inner) => &**inner,
        ty => ty,
    };
    let ty = match ty {
        Ty::Seq(item, SeqForm::View | SeqForm::IterView) => &**item,
        ty => ty,
    };
    matches!(ty, Ty::Class(_, ClassMode::Ref | ClassMode::RefMut))
}

/// A view of `self` borrows `self` (its owner). By Rust's elision rules an
/// elided lifetime of the result is `self`'s; a named one that a parameter's
/// object shares (`fn pick<'a>(&'a self, other: &'a Bag) -> &'a Point`) means
/// the view may point into that object too: it borrows and keeps it as well.
fn view_keeps(
    ret_written: &TypeExpr,
    params: &[ParamOf],
    env: &TypeEnv,
) -> Result<Option<Box<Keeps>>, Unsupported> {
    let result = lifetimes_of(ret_written, env);
    let mut also_borrow = Vec::new();
    for (index, p) in params.iter().enumerate() {
        let shares = lifetimes_of(p.written, env)
            .named
            .iter()
            .any(|l| result.named.contains(l));
        match p.ty {
            _ if !shares => {}
            Ty::Class(_, mode @ (ClassMode::Ref | ClassMode::RefMut)) => {
                also_borrow.push(Borrowed {
                    of: BorrowOf::Param(index),
                    exclusive: *mode == ClassMode::RefMut,
                })
            }
            // No value of a class lives in a str's or bytes' memory.
            Ty::Str(StrForm::Borrowed) => {}
            Ty::Seq(item, SeqForm::Slice) if **item == Ty::Int(IntKind::U8) => {}
            _ => {
                return unsupported(format!(
                    "the view may point into parameter `{}` (`{}`), which is converted for the call only: views are bound that point into `self` and objects passed by reference",
                    p.name, p.written
                ))
            }
        }
    }
    Ok((!also_borrow.is_empty()).then(|| {
        Box::new(Keeps {
            also_borrow,
            ..Keeps::default()
        })
    }))
}

/// A returned `impl Trait` is boxed as `Box<dyn Trait>`, which borrows
/// nothing (`'static`): bound only where the signature lends nothing it could
/// capture (no borrowed `self`, no parameter with a lifetime).
fn boxed_impl_keeps(
    receiver: Option<&ReceiverOf>,
    params: &[ParamOf],
    env: &TypeEnv,
) -> Result<Option<Box<Keeps>>, Unsupported> {
    let self_lends = receiver.is_some_and(|r| {
        matches!(r.receiver, Receiver::Ref | Receiver::RefMut) || !r.class_lifetimes.is_empty()
    });
    let lending = params.iter().find(|p| {
        let l = lifetimes_of(p.written, env);
        l.elided || !l.named.is_empty()
    });
    let what = match (self_lends, lending) {
        (true, _) => "`self`".to_string(),
        (false, Some(p)) => format!("parameter `{}` (`{}`)", p.name, p.written),
        (false, None) => return Ok(None),
    };
    unsupported(format!(
        "a returned `impl Trait` is boxed as `Box<dyn Trait>`, which must borrow nothing, and it may borrow {what}"
    ))
}

/// What the front end knows of `self`, for [`result_binds`].
pub struct SelfOf<'a> {
    /// `None` for no `self`, else whether `self` is borrowed and whether mutably.
    pub receiver: Option<(bool, bool)>,
    /// The lifetime parameters of its type.
    pub lifetimes: &'a [String],
    /// The lifetime of `&'a self`.
    pub receiver_lifetime: Option<&'a str>,
}

/// The front end's question (it does not read the IR): whether a function's
/// result binds as [`result_keeps`] decides.
pub fn result_binds(
    ret: &TypeExpr,
    self_of: &SelfOf,
    params: &[(&str, &TypeExpr)],
    env: &TypeEnv,
) -> Result<(), Unsupported> {
    let (receiver, self_lifetimes) = (self_of.receiver, self_of.lifetimes);
    let borrows = receiver.and_then(|(by_ref, mutable)| by_ref.then_some(mutable));
    let ret_ty = super::lower_method_return(ret, borrows, env)?.ty;
    let lowered: Vec<Ty> = params
        .iter()
        .map(|(_, t)| super::lower_param(t, env))
        .collect::<Result<_, _>>()?;
    let params: Vec<ParamOf> = params
        .iter()
        .zip(&lowered)
        .map(|((name, written), ty)| ParamOf { name, written, ty })
        .collect();
    // As the interface file records it: where the result names it.
    let lifetime = self_of
        .receiver_lifetime
        .filter(|l| names_lifetime(ret, l, env));
    let receiver = receiver.map(|(by_ref, mutable)| ReceiverOf {
        receiver: match (by_ref, mutable) {
            (true, true) => Receiver::RefMut,
            (true, false) => Receiver::Ref,
            (false, _) => Receiver::Value,
        },
        lifetime,
        class_lifetimes: self_lifetimes,
    });
    result_keeps(ret, &ret_ty, receiver.as_ref(), &params, env)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idl::ty::parse_type;

    /// What a method of `Shape` (`&self`) returning `ret` from `params` keeps.
    fn keeps_of(ret: &str, params: &[&str]) -> Result<Option<Box<Keeps>>, String> {
        let classes = [
            "Shape".to_string(),
            "Legend".to_string(),
            "Caption".to_string(),
        ];
        let borrowing = ["Caption".to_string()];
        let env = TypeEnv {
            classes: &classes,
            not_clone: &[],
            borrowing: &borrowing,
            traits: &[],
        };
        let ret_written = parse_type(ret).unwrap();
        let ret_ty = super::super::lower_method_return(&ret_written, Some(false), &env)
            .map_err(|u| u.reason)?
            .ty;
        let written: Vec<TypeExpr> = params.iter().map(|p| parse_type(p).unwrap()).collect();
        let lowered: Vec<Ty> = written
            .iter()
            .map(|t| super::super::lower_param(t, &env).unwrap())
            .collect();
        let params: Vec<ParamOf> = written
            .iter()
            .zip(&lowered)
            .map(|(written, ty)| ParamOf {
                name: "p",
                written,
                ty,
            })
            .collect();
        let receiver = ReceiverOf {
            receiver: Receiver::Ref,
            lifetime: None,
            class_lifetimes: &[],
        };
        result_keeps(&ret_written, &ret_ty, Some(&receiver), &params, &env).map_err(|u| u.reason)
    }

    fn shared(of: BorrowOf) -> Borrowed {
        Borrowed {
            of,
            exclusive: false,
        }
    }

    #[test]
    fn a_view_that_may_point_into_an_argument_borrows_it_too() {
        let k = keeps_of("&'a Legend", &["&'a Legend"]).unwrap().unwrap();
        assert!(k.only_also());
        assert_eq!(k.also_borrow, vec![shared(BorrowOf::Param(0))]);
        let k = keeps_of("&'a [Legend]", &["&'a Legend"]).unwrap().unwrap();
        assert_eq!(k.also_borrow, vec![shared(BorrowOf::Param(0))]);
        // Elided: `self`'s lifetime (Rust's rule), nothing more.
        assert_eq!(keeps_of("&Legend", &["&Legend"]), Ok(None));
        // A `&'a str` holds no class value.
        assert_eq!(keeps_of("&'a Legend", &["&'a str"]), Ok(None));
        // An argument converted for the call only.
        assert!(keeps_of("&'a Legend", &["&'a [Legend]"]).is_err());
    }

    #[test]
    fn a_value_tied_to_two_objects_borrows_both() {
        // `'a` on an object argument may be `&'a self`'s too.
        let k = keeps_of("Caption<'a>", &["&'a Legend"]).unwrap().unwrap();
        assert!(k.keeps_self);
        assert_eq!(k.borrow, Some(shared(BorrowOf::SelfObject)));
        assert_eq!(k.also_borrow, vec![shared(BorrowOf::Param(0))]);
        // Elided: `self` and every object argument it could be.
        let k = keeps_of("Caption<'_>", &["&Legend", "&Shape"])
            .unwrap()
            .unwrap();
        assert_eq!(k.borrow, Some(shared(BorrowOf::SelfObject)));
        assert_eq!(
            k.also_borrow,
            vec![shared(BorrowOf::Param(0)), shared(BorrowOf::Param(1))]
        );
        // Only a `&'h str` shares it: `self` stays free.
        let k = keeps_of("Caption<'h>", &["&'h str"]).unwrap().unwrap();
        assert_eq!((k.borrow, k.keeps_self), (None, false));
    }
}
