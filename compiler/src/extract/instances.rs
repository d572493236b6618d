//! Instantiations of generic structs as classes: `Stack<i32>` from the
//! generic `Stack<T>` with its inherent impls and protocol traits that apply,
//! and the bounds checked where rsbind knows the answer. Used for the
//! instantiations an interface file lists and for those the front end finds
//! in the crate's own signatures.

use super::classes::{Cand, PROTOCOL_TRAITS};
use super::known::{arg_ident, implements};
use super::sig::HIDDEN;
use super::types::{Subst, TypeCx};
use super::walk::PublicItem;
use crate::idl::ty::{parse_type, GenericArg, SegmentArgs, TypeExpr};
use rustdoc_types::{
    GenericBound, GenericParamDefKind, Generics, Impl, ItemEnum, TraitBoundModifier, Type,
    WherePredicate,
};
use std::collections::{BTreeMap, BTreeSet};

/// The standard traits whose implementations rsbind knows for the types it binds.
pub(crate) const KNOWN_TRAITS: &[&str] = &[
    "Copy",
    "Clone",
    "Debug",
    "Display",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Default",
    "Send",
    "Sync",
    "Sized",
];

pub(crate) fn count_error(path: &str, params: &[String], given: usize) -> String {
    let names: Vec<String> = params.iter().map(|p| format!("`{p}`")).collect();
    format!(
        "`{path}` takes {} type argument{}{}, but {given} {} given",
        params.len(),
        if params.len() == 1 { "" } else { "s" },
        if names.is_empty() {
            String::new()
        } else {
            format!(" ({})", names.join(", "))
        },
        if given == 1 { "is" } else { "are" }
    )
}

/// The generic struct at the public `path` with `type_args`, as a class
/// candidate (its `path` is the type string, `Stack<i32>`), and the bounds
/// rsbind could not check. `traits`: the protocol traits of the classes, for
/// the bounds.
pub(crate) fn instance<'k>(
    cx: &TypeCx<'k>,
    path: &str,
    type_args: &[String],
    traits: &BTreeMap<String, Vec<String>>,
) -> Result<(Cand<'k>, Vec<String>), String> {
    let not_struct = || format!("`{path}` is not a public struct of the crate");
    let p: &PublicItem = cx
        .surface
        .items
        .iter()
        .find(|p| p.joined() == path)
        .ok_or_else(not_struct)?;
    let s = match cx.krate.index.get(&p.id).map(|i| &i.inner) {
        Some(ItemEnum::Struct(s)) => s,
        Some(ItemEnum::Enum(_)) => {
            return Err(format!(
                "`{path}` is an enum; only generic structs can be instantiated as classes"
            ))
        }
        _ => return Err(not_struct()),
    };
    if p.hidden {
        return Err(format!("`{path}` is {HIDDEN}"));
    }
    let kinds = |f: fn(&GenericParamDefKind) -> bool| {
        s.generics.params.iter().filter(|g| f(&g.kind)).count()
    };
    if kinds(|k| matches!(k, GenericParamDefKind::Lifetime { .. })) > 0 {
        return Err(format!(
            "`{path}` has lifetime and type parameters; such structs cannot be instantiated as classes yet"
        ));
    }
    if kinds(|k| matches!(k, GenericParamDefKind::Const { .. })) > 0 {
        return Err(format!(
            "`{path}` has const parameters; structs with const parameters cannot be instantiated as classes yet"
        ));
    }
    let params: Vec<String> = s.generics.params.iter().map(|g| g.name.clone()).collect();
    if params.is_empty() {
        return Err(format!(
            "`{path}` is not generic; it is bound as a class without type arguments"
        ));
    }
    if params.len() != type_args.len() {
        return Err(count_error(path, &params, type_args.len()));
    }
    let mut given = Vec::new();
    for (name, arg) in params.iter().zip(type_args) {
        let ty = parse_type(arg).map_err(|e| {
            format!("the type argument `{arg}` for `{name}` of `{path}` does not parse: {e:?}")
        })?;
        given.push((name.clone(), ty));
    }
    let args: Vec<TypeExpr> = given.iter().map(|(_, t)| t.clone()).collect();
    let mut self_ty = TypeExpr::path(&path.split("::").collect::<Vec<_>>());
    if let TypeExpr::Path(tp) = &mut self_ty {
        if let Some(last) = tp.segments.last_mut() {
            last.args = SegmentArgs::Angle(args.iter().cloned().map(GenericArg::Type).collect());
        }
    }
    let type_string = self_ty.to_string();
    let mut warnings = check_bounds(cx, &s.generics, &given, &format!("`{path}`"), traits)?;

    // The struct as a candidate of its own, with the arguments bound.
    let mut subst: Subst = given.iter().cloned().collect();
    subst.insert("Self".to_string(), self_ty.clone());
    let mut generic_free = p.clone();
    generic_free.hidden = false;
    let mut c = match candidate_instance(cx, &generic_free, &self_ty, &subst) {
        Some(c) => c,
        None => return Err(not_struct()),
    };
    let last = p.segments.last().map(String::as_str).unwrap_or_default();
    let name = crate::idl::python_name(&format!(
        "{last}{}",
        args.iter().map(arg_ident).collect::<String>()
    ));
    c.instance = Some((
        name,
        type_args.iter().map(|a| a.trim().to_string()).collect(),
    ));

    warnings.extend(apply_impls(cx, s, &mut c, &args, &self_ty, traits)?);
    c.path = type_string;
    Ok((c, warnings))
}

/// The impls of the struct `s` that apply to this instantiation (`args`): the
/// inherent ones and the protocol traits whose bounds hold, added to `c`; the
/// bounds rsbind could not check, as warnings. An inherent impl whose bound the
/// arguments do not meet fails the instantiation.
fn apply_impls<'k>(
    cx: &TypeCx<'k>,
    s: &'k rustdoc_types::Struct,
    c: &mut Cand<'k>,
    args: &[TypeExpr],
    self_ty: &TypeExpr,
    traits: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let type_string = self_ty.to_string();
    let mut warnings = Vec::new();
    let mut names = BTreeSet::new();
    for id in &s.impls {
        let Some(ItemEnum::Impl(imp)) = cx.krate.index.get(id).map(|i| &i.inner) else {
            continue;
        };
        if imp.is_synthetic || imp.blanket_impl.is_some() || imp.is_negative {
            continue;
        }
        let Some(mut isubst) = impl_subst(cx, imp, args) else {
            continue;
        };
        isubst.insert("Self".to_string(), self_ty.clone());
        let impl_given: Vec<(String, TypeExpr)> = imp
            .generics
            .params
            .iter()
            .filter_map(|g| Some((g.name.clone(), isubst.get(&g.name)?.clone())))
            .collect();
        let whose = format!("the impl for `{type_string}`");
        let checked = check_bounds(cx, &imp.generics, &impl_given, &whose, traits);
        match (&imp.trait_, checked) {
            (None, checked) => {
                warnings.extend(checked?);
                c.inherent.push((imp, isubst));
            }
            (Some(tr), Ok(w)) => {
                if let Some(name) = PROTOCOL_TRAITS
                    .iter()
                    .copied()
                    .find(|t| tr.path.rsplit("::").next() == Some(*t))
                {
                    warnings.extend(w);
                    names.insert(name);
                    c.trait_impls.push((name, imp, isubst));
                }
            }
            (Some(tr), Err(reason)) => {
                let last = tr.path.rsplit("::").next().unwrap_or_default();
                if PROTOCOL_TRAITS.contains(&last) {
                    warnings.push(format!("`{last}` of `{type_string}` not bound: {reason}"));
                }
            }
        }
    }
    c.traits = PROTOCOL_TRAITS
        .iter()
        .copied()
        .filter(|t| names.contains(t))
        .collect();
    Ok(warnings)
}

/// The trait bounds a generics list puts on each named parameter.
/// Whether the trait of a bound is std's (or core's, alloc's).
pub(crate) fn is_std_trait(cx: &TypeCx, trait_: &rustdoc_types::Path) -> bool {
    cx.krate
        .paths
        .get(&trait_.id)
        .and_then(|s| s.path.first())
        .is_some_and(|r| matches!(r.as_str(), "std" | "core" | "alloc"))
}

pub(crate) fn bounds_of(generics: &Generics) -> BTreeMap<String, Vec<&GenericBound>> {
    let mut out: BTreeMap<String, Vec<&GenericBound>> = BTreeMap::new();
    for p in &generics.params {
        if let GenericParamDefKind::Type { bounds, .. } = &p.kind {
            out.entry(p.name.clone()).or_default().extend(bounds.iter());
        }
    }
    for pred in &generics.where_predicates {
        if let WherePredicate::BoundPredicate {
            type_: Type::Generic(name),
            bounds,
            ..
        } = pred
        {
            out.entry(name.clone()).or_default().extend(bounds.iter());
        }
    }
    out
}

/// Checks the bounds `generics` puts on the parameters in `given` (name,
/// argument), `whose` naming the item in messages. `Ok`: the bounds rsbind
/// cannot check, as warnings; `Err`: a known bound the argument does not meet.
pub(crate) fn check_bounds(
    cx: &TypeCx,
    generics: &Generics,
    given: &[(String, TypeExpr)],
    whose: &str,
    traits: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut warnings = Vec::new();
    let bounds = bounds_of(generics);
    for (name, ty) in given {
        let list = bounds.get(name).map(Vec::as_slice).unwrap_or_default();
        let fail = |tr: &str| {
            format!("`{ty}` does not implement `{tr}`, which `{name}` of {whose} requires")
        };
        let maybe_sized = list.iter().any(|b| {
            matches!(
                b,
                GenericBound::TraitBound {
                    modifier: TraitBoundModifier::Maybe,
                    ..
                }
            )
        });
        if !maybe_sized && implements(ty, "Sized", traits) == Some(false) {
            return Err(fail("Sized"));
        }
        for b in list {
            let GenericBound::TraitBound {
                trait_, modifier, ..
            } = b
            else {
                continue;
            };
            if !matches!(modifier, TraitBoundModifier::None) {
                continue;
            }
            let shown = cx
                .trait_path(trait_, &Subst::new(), 0)
                .map(|p| p.to_string())
                .unwrap_or_else(|_| trait_.path.clone());
            let cannot = || format!("cannot check that `{name} = {ty}` implements `{shown}`");
            let is_std = is_std_trait(cx, trait_);
            let last = trait_.path.rsplit("::").next().unwrap_or_default();
            let known = KNOWN_TRAITS.iter().find(|t| **t == last).filter(|_| is_std);
            match known.and_then(|tr| implements(ty, tr, traits).map(|r| (tr, r))) {
                Some((_, true)) => {}
                Some((tr, false)) => return Err(fail(tr)),
                None => warnings.push(cannot()),
            }
        }
    }
    Ok(warnings)
}

/// The candidate of a generic struct with its parameters bound by `subst`.
fn candidate_instance<'k>(
    cx: &TypeCx<'k>,
    p: &PublicItem,
    self_ty: &TypeExpr,
    subst: &Subst,
) -> Option<super::classes::Cand<'k>> {
    let item = cx.krate.index.get(&p.id)?;
    let ItemEnum::Struct(s) = &item.inner else {
        return None;
    };
    let (shape, fields, all_pub) = super::classes::struct_fields(cx, &s.kind, subst);
    let layout = super::classes::Layout {
        shape,
        fields,
        all_pub,
        variants: Vec::new(),
    };
    let path = p.joined();
    Some(Cand::new(cx, 0, p, item, path, self_ty.clone(), layout))
}

/// The parameters of an impl bound so that its self type is the struct with
/// the arguments `args`; `None` when the impl is for another instantiation.
fn impl_subst(cx: &TypeCx, imp: &Impl, args: &[TypeExpr]) -> Option<Subst> {
    let Type::ResolvedPath(p) = &imp.for_ else {
        return None;
    };
    let written: Vec<&Type> = match p.args.as_deref() {
        Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) => args
            .iter()
            .filter_map(|a| match a {
                rustdoc_types::GenericArg::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if written.len() != args.len() {
        return None;
    }
    let own: BTreeSet<&str> = imp
        .generics
        .params
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    let mut subst = Subst::new();
    for (w, a) in written.iter().zip(args) {
        match w {
            Type::Generic(name) if own.contains(name.as_str()) => match subst.get(name) {
                Some(prev) if prev != a => return None,
                _ => {
                    subst.insert(name.clone(), a.clone());
                }
            },
            other => match cx.convert(other, &subst) {
                Ok(t) if &t == a => {}
                _ => return None,
            },
        }
    }
    Some(subst)
}
