//! Generic functions bound without curation where the crate itself says what
//! to instantiate them with: a function whose one type parameter is bounded
//! only by traits (`fn from_str<T: Deserialize>(s: &str) -> Result<T>`) is
//! instantiated for each of the crate's bound classes that implements all of
//! them (`from_str_value` for `Value`), and listed in the interface file as an
//! instantiation a person can rename or remove. With one such class the
//! instantiation keeps the function's name.

use super::sig::{check_sig, generic_params, params_of, sig_of, Classes};
use super::types::{Subst, TypeCx};
use crate::idl::python_name;
use crate::idl::ty::TypeExpr;
use crate::idl::Function;
use crate::types::TypeEnv;
use rustdoc_types::{GenericBound, GenericParamDefKind, Id, Type, WherePredicate};
use std::collections::BTreeSet;

/// A bound class as a generic function's argument: how type strings name it,
/// its Python name, and the traits it implements.
pub(crate) struct ClassArg {
    pub ty: TypeExpr,
    pub python_name: String,
    pub trait_ids: BTreeSet<Id>,
}

/// The generic function: its public path, Rust name and docstring.
pub(crate) struct Target<'a> {
    pub path: &'a str,
    pub name: &'a str,
    pub doc: &'a str,
}

/// The traits the generic parameter `name` must implement (`?Sized` and
/// lifetimes aside); `None` when a bound is not a plain trait.
fn trait_bounds(f: &rustdoc_types::Function, name: &str) -> Option<BTreeSet<Id>> {
    let mut out = BTreeSet::new();
    let mut add = |bounds: &[GenericBound]| -> Option<()> {
        for b in bounds {
            match b {
                GenericBound::TraitBound {
                    trait_, modifier, ..
                } => {
                    if matches!(modifier, rustdoc_types::TraitBoundModifier::None) {
                        out.insert(trait_.id);
                    }
                }
                GenericBound::Outlives(_) | GenericBound::Use(_) => {}
            }
        }
        Some(())
    };
    for p in &f.generics.params {
        if let GenericParamDefKind::Type { bounds, .. } = &p.kind {
            if p.name == name {
                add(bounds)?;
            }
        }
    }
    for pred in &f.generics.where_predicates {
        if let WherePredicate::BoundPredicate {
            type_: Type::Generic(g),
            bounds,
            ..
        } = pred
        {
            if g == name {
                add(bounds)?;
            }
        }
    }
    Some(out)
}

/// The instantiations of the generic free function `f` (`target`) for the
/// classes that meet its bounds; empty when none does or it is not such a
/// function (one type parameter, trait bounds, at least one).
pub(crate) fn instantiations(
    cx: &TypeCx,
    f: &rustdoc_types::Function,
    target: Target,
    args: &[ClassArg],
    classes: &Classes,
    env: &TypeEnv,
) -> Vec<Function> {
    let params = generic_params(f);
    let [param] = params.as_slice() else {
        return Vec::new();
    };
    let is_type = f
        .generics
        .params
        .iter()
        .any(|p| &p.name == param && matches!(p.kind, GenericParamDefKind::Type { .. }));
    let Some(bounds) = trait_bounds(f, param).filter(|b| !b.is_empty() && is_type) else {
        return Vec::new();
    };
    let meeting: Vec<&ClassArg> = args
        .iter()
        .filter(|a| bounds.is_subset(&a.trait_ids))
        .collect();
    let mut out = Vec::new();
    for arg in &meeting {
        let mut subst = Subst::new();
        subst.insert(param.clone(), arg.ty.clone());
        let Ok(sig) = sig_of(cx, f, false, &subst, true) else {
            continue;
        };
        if check_sig(&sig, classes, env).is_err() {
            continue;
        }
        out.push(Function {
            name: String::new(),
            path: target.path.to_string(),
            doc: target.doc.to_string(),
            params: params_of(sig.params),
            ret: sig.ret.to_string(),
            release_gil: false,
            type_args: vec![arg.ty.to_string()],
            doc_override: None,
        });
    }
    // Names: the function's own with one instantiation, else `name_class`; two
    // classes of one name (`Type`, `token::Type`) are told apart by their paths.
    let single = out.len() == 1;
    let short = |ty: &str| {
        args.iter()
            .find(|a| a.ty.to_string() == ty)
            .map(|a| snake_case(&a.python_name))
            .unwrap_or_default()
    };
    let shorts: Vec<String> = out.iter().map(|f| short(&f.type_args[0])).collect();
    for (function, class) in out.iter_mut().zip(&shorts) {
        function.name = if single {
            python_name(target.name)
        } else if shorts.iter().filter(|c| *c == class).count() > 1 {
            let path = function.type_args[0].replace("::", "_");
            python_name(&format!("{}_{}", target.name, snake_case(&path)))
        } else {
            python_name(&format!("{}_{class}", target.name))
        };
    }
    out
}

/// `MapStringValue` → `map_string_value`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}
