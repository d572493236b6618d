//! The methods that traits give a class: every trait the type implements,
//! the crate's own, std's or a dependency's, beyond the traits that are
//! Python protocols of their own (`classes::PROTOCOL_TRAITS`). A std operator
//! trait's method takes the operator's Python name (`Add::add` is `__add__`),
//! `FromStr::from_str` is `parse`; every other method keeps its name. Names
//! that clash are told apart (see [`unclash`]): the type's own member keeps a
//! name; two traits' methods are `traitname_method`; two impls of one generic
//! trait (`From<u32>`, `From<f64>`) are `from_u32`, `from_f64`.

use super::auto::snake_case;
use super::classes::Cand;
use super::sig::{check_method_sig, params_of, sig_of, Classes, HIDDEN};
use super::skips::Skips;
use super::types::{assoc_key, Subst, TypeCx};
use super::walk::{is_hidden, unraw};
use crate::idl::python_name;
use crate::idl::ty::TypeExpr;
use crate::idl::{Method, Receiver};
use crate::ir::operators::{Operator, BINARY_OPS};
use crate::types::TypeEnv;
use rustdoc_types::{GenericParamDefKind, Id, Impl, ItemEnum, Type};
use std::collections::{BTreeMap, BTreeSet};

/// An impl of a trait whose methods the class gets.
pub(crate) struct TraitImpl<'k> {
    pub imp: &'k Impl,
    /// `Self`, the impl's associated types (`Self::Output`), a blanket impl's parameter.
    pub subst: Subst,
    /// The trait as the interface file writes it: `std::ops::Add<Money>`.
    pub shown: String,
    /// Its last name: `Add`.
    pub name: String,
    /// A trait of std (`core`, `alloc`): operators and `FromStr` are read by name.
    pub std: bool,
    /// The trait's own item, when the crate defines it: its provided methods.
    pub local_trait: Option<Id>,
}

/// Std traits whose methods no one calls: `Drop::drop` cannot be called, the
/// others are markers or how the compiler lowers syntax.
const UNCALLABLE_STD_TRAITS: &[&str] = &["Drop", "Termination", "Unpin", "Freeze"];

/// Why an impl gives no methods, or `None` when it does. Impls for a
/// reference (`impl Add<&Money> for &Money`) are left to the impl for the
/// type itself; a generic impl would need instantiations.
pub(crate) fn impl_problem(imp: &Impl, std: bool, name: &str) -> Option<String> {
    if std && UNCALLABLE_STD_TRAITS.contains(&name) {
        return Some(format!("`{name}` has no methods Python can call"));
    }
    if matches!(imp.for_, Type::BorrowedRef { .. }) {
        return Some(
            "impls for a reference to the type are not bound; the impls for the type itself are"
                .to_string(),
        );
    }
    let generic = imp.generics.params.iter().any(|p| {
        matches!(
            p.kind,
            GenericParamDefKind::Type { .. } | GenericParamDefKind::Const { .. }
        )
    });
    if generic && imp.blanket_impl.is_none() {
        return Some(
            "a generic impl needs instantiations listed in the interface file".to_string(),
        );
    }
    None
}

/// The substitution inside a trait impl: `Self`, a blanket impl's parameter
/// (`impl<T: Display> Describe for T`: `T` is the type) and the impl's
/// associated types.
pub(crate) fn impl_subst(cx: &TypeCx, imp: &Impl, base: &Subst, self_ty: &TypeExpr) -> Subst {
    let mut subst = base.clone();
    if let Some(Type::Generic(t)) = &imp.blanket_impl {
        subst.insert(t.clone(), self_ty.clone());
    }
    for id in &imp.items {
        let Some(item) = cx.krate.index.get(id) else {
            continue;
        };
        if let ItemEnum::AssocType {
            type_: Some(ty), ..
        } = &item.inner
        {
            if let (Some(name), Ok(t)) = (&item.name, cx.convert(ty, &subst)) {
                subst.insert(assoc_key(name), t);
            }
        }
    }
    subst
}

/// A trait's method before names are told apart.
struct Candidate {
    method: Method,
    /// The trait's last name, for `traitname_method`.
    trait_name: String,
    /// The trait's type arguments as a name (`u32` of `From<u32>`), for `from_u32`.
    args_name: String,
}

/// The Python name a trait's method takes before clashes: operators and
/// `parse` for std's traits, the method's name otherwise.
fn method_name(t: &TraitImpl, rust: &str) -> String {
    if t.std {
        if t.name == "FromStr" && rust == "from_str" {
            return "parse".to_string();
        }
        if t.name == "ExactSizeIterator" && rust == "len" {
            return "__length_hint__".to_string();
        }
        let op = match (t.name.as_str(), rust) {
            ("Neg", "neg") => Some(Operator::Negative),
            ("Not", "not") => Some(Operator::Invert),
            ("Index", "index") => Some(Operator::GetItem),
            (name, method) => BINARY_OPS.iter().find_map(|(op, _, tr, m)| {
                if name == *tr && method == *m {
                    Some(Operator::Binary(*op))
                } else if name.strip_suffix("Assign") == Some(tr)
                    && method.strip_suffix("_assign") == Some(m)
                {
                    Some(Operator::InPlace(*op))
                } else {
                    None
                }
            }),
        };
        if let Some(op) = op {
            return op.python_name();
        }
    }
    python_name(rust)
}

/// The methods the class's trait impls give it (named so that they clash
/// with nothing in `taken`); the ones that cannot be bound become skips.
pub(crate) fn bind_trait_methods(
    cx: &TypeCx,
    c: &Cand,
    classes: &Classes,
    env: &TypeEnv,
    taken: &BTreeSet<String>,
    skips: &mut Skips,
) -> Vec<Method> {
    let mut found = Vec::new();
    for t in &c.trait_methods {
        let owner = format!("<{} as {}>", c.path, t.shown);
        let provided = provided_methods(cx, t);
        // An impl's method without a doc of its own has the trait's.
        let doc = |item: &rustdoc_types::Item| {
            let own = cx.doc(item);
            match provided.iter().find(|(i, _)| i.name == item.name) {
                Some((declared, _)) if own.is_empty() => cx.doc(declared),
                _ => own,
            }
        };
        let mut convert =
            |rust: String, item: &rustdoc_types::Item, f: &rustdoc_types::Function| {
                let mpath = format!("{owner}::{rust}");
                if is_hidden(item) {
                    skips.add(&mpath, "method", HIDDEN);
                    return None;
                }
                let checked = sig_of(cx, f, true, &t.subst, false)
                    .and_then(|s| check_method_sig(&s, &c.self_ty, classes, env).map(|()| s));
                match checked {
                    Ok(s) => Some(Candidate {
                        method: Method {
                            doc_override: None,
                            type_args: Vec::new(),
                            name: method_name(t, &rust),
                            rust,
                            doc: doc(item),
                            receiver: s.receiver,
                            receiver_lifetime: s.written_receiver_lifetime(env),
                            ret: s.ret.to_string(),
                            params: params_of(s.params),
                            trait_: Some(t.shown.clone()),
                            release_gil: false,
                        },
                        trait_name: t.name.clone(),
                        args_name: args_name(&t.shown),
                    }),
                    Err(reason) => {
                        skips.add(&mpath, "method", &reason);
                        None
                    }
                }
            };
        let mut defined = BTreeSet::new();
        for (item, f) in functions(cx, &t.imp.items) {
            let rust = unraw(item.name.as_deref().unwrap_or_default());
            defined.insert(rust.clone());
            found.extend(convert(rust, item, f));
        }
        // Provided methods: their signatures are in the trait, when the crate has it.
        let mut unread = Vec::new();
        for name in &t.imp.provided_trait_methods {
            if defined.contains(name) {
                continue;
            }
            match provided
                .iter()
                .find(|(i, _)| i.name.as_deref() == Some(name.as_str()))
            {
                Some((item, f)) => found.extend(convert(unraw(name), item, f)),
                None if t.std && t.name == "ExactSizeIterator" && name == "len" => {
                    found.push(length_hint(t))
                }
                // The signatures of std's provided methods are std's own.
                None if t.std => {}
                None => unread.push(name),
            }
        }
        for name in unread {
            skips.add(
                &format!("{owner}::{name}"),
                "method",
                "a provided method of another crate's trait: its signature is not read",
            );
        }
    }
    let (bound, dropped) = unclash(found, taken);
    for (m, reason) in dropped {
        skips.add(&m.path_in(&c.path), "method", &reason);
    }
    bound
}

/// The functions among `ids`.
fn functions<'k>(
    cx: &TypeCx<'k>,
    ids: &'k [Id],
) -> Vec<(&'k rustdoc_types::Item, &'k rustdoc_types::Function)> {
    ids.iter()
        .filter_map(|id| cx.krate.index.get(id))
        .filter_map(|item| match &item.inner {
            ItemEnum::Function(f) => Some((item, f)),
            _ => None,
        })
        .collect()
}

/// The methods the crate's own trait declares (its provided ones have bodies there).
fn provided_methods<'k>(
    cx: &TypeCx<'k>,
    t: &TraitImpl,
) -> Vec<(&'k rustdoc_types::Item, &'k rustdoc_types::Function)> {
    match t.local_trait.and_then(|id| cx.krate.index.get(&id)) {
        Some(rustdoc_types::Item {
            inner: ItemEnum::Trait(tr),
            ..
        }) => functions(cx, &tr.items),
        _ => Vec::new(),
    }
}

/// `ExactSizeIterator::len` (provided by std) as `__length_hint__`, which
/// `operator.length_hint` and `list()` read.
fn length_hint(t: &TraitImpl) -> Candidate {
    Candidate {
        method: Method {
            name: "__length_hint__".to_string(),
            rust: "len".to_string(),
            doc: "How many items are left (Rust's `ExactSizeIterator::len`).".to_string(),
            receiver: Receiver::Ref,
            receiver_lifetime: None,
            params: Vec::new(),
            ret: "usize".to_string(),
            trait_: Some(t.shown.clone()),
            release_gil: false,
            type_args: Vec::new(),
            doc_override: None,
        },
        trait_name: t.name.clone(),
        args_name: String::new(),
    }
}

/// `From<u32>` → `u32`; `Add<Money>` → `money`; no arguments: empty.
fn args_name(shown: &str) -> String {
    let Some((_, args)) = shown.split_once('<') else {
        return String::new();
    };
    let cleaned: String = args
        .trim_end_matches('>')
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '_' })
        .collect();
    let words: Vec<String> = cleaned
        .split('_')
        .filter(|w| !w.is_empty())
        .map(snake_case)
        .collect();
    words.join("_")
}

/// Gives each method a name no other member has. Operators share their
/// names (one method per right-hand type). A name the type's own members
/// have stays theirs, as in Rust's method calls: the trait's method is not
/// bound. A name that two traits give becomes `traitname_method` for both;
/// one generic trait's impls (`From<u32>`, `From<f64>`) add their type
/// arguments (`from_u32`). A name that still clashes drops the method.
fn unclash(
    found: Vec<Candidate>,
    taken: &BTreeSet<String>,
) -> (Vec<Method>, Vec<(Method, String)>) {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        by_name.entry(f.method.name.clone()).or_default().push(i);
    }
    let mut names: Vec<String> = found.iter().map(|f| f.method.name.clone()).collect();
    for (name, group) in &by_name {
        let shared = Operator::from_python_name(name).is_some_and(|op| op.takes_operand());
        if shared || group.len() == 1 || taken.contains(name) {
            continue;
        }
        let traits: BTreeSet<&str> = group
            .iter()
            .map(|i| found[*i].trait_name.as_str())
            .collect();
        for i in group {
            let f = &found[*i];
            names[*i] = if traits.len() == group.len() {
                python_name(&format!("{}_{}", snake_case(&f.trait_name), f.method.rust))
            } else {
                python_name(&format!("{}_{}", f.method.rust, f.args_name))
            };
        }
    }
    let mut seen = taken.clone();
    let mut bound = Vec::new();
    let mut dropped = Vec::new();
    for (f, name) in found.into_iter().zip(names) {
        let shared = Operator::from_python_name(&name).is_some_and(|op| op.takes_operand());
        let method = Method { name, ..f.method };
        if taken.contains(&method.name) && !shared {
            let reason = format!(
                "the type has a member of its own named `{}`, which Rust's method calls prefer",
                method.name
            );
            dropped.push((method, reason));
        } else if seen.insert(method.name.clone()) || shared {
            bound.push(method);
        } else {
            let reason = format!(
                "its Python name `{}` is already used by another member",
                method.name
            );
            dropped.push((method, reason));
        }
    }
    (bound, dropped)
}
