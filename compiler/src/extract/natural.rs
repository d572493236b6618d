//! Generic parameters bound without curation (MAPPING.md, "Generic parameters
//! without curation"): a type parameter, named (`S: AsRef<str>`, in a `where`
//! clause too) or anonymous (`impl AsRef<str>`), whose bounds are all in the
//! table gets the concrete type that Python's natural value converts to:
//!
//! | bound | type |
//! |---|---|
//! | `AsRef<str>`, `Into<String>`, `ToString`, `Display` | `String` (`str` when `?Sized`) |
//! | `AsRef<[u8]>`, `Into<Vec<u8>>` | `Vec<u8>` (`[u8]` when `?Sized`) |
//! | `AsRef<Path>`, `Into<PathBuf>` | `PathBuf` (`Path` when `?Sized`) |
//! | `IntoIterator<Item = T>` | `Vec<T>` |
//! | `Into<T>`, `T` a bound class | `T` |
//! | `Into<T>`, `T` not bound | the first `X` of the crate's `impl From<X> for T` that binds |
//!
//! Besides one bound of the table a parameter may have `Sized`, `?Sized`,
//! `Send`, `Sync`, `Clone`, `Debug`, ... when rsbind knows the type has them.
//! An anonymous parameter is bound in the substitution under its printed form
//! (`impl AsRef<str>`), which [`TypeCx::convert`] looks up.

use super::instances::{bounds_of, is_std_trait, KNOWN_TRAITS};
use super::known::implements;
use super::sig::{check_sig, sig_of, Classes, Sig, GENERIC};
use super::types::{Subst, TypeCx};
use crate::idl::ty::{GenericArg, SegmentArgs, TypeExpr, TypePath};
use crate::types::{lower_param, std_name, TypeEnv};
use rustdoc_types::{
    Function, GenericBound, GenericParamDefKind, Generics, ItemEnum, TraitBoundModifier, Type,
    WherePredicate,
};
use std::collections::{BTreeMap, HashSet};

/// What the bound classes are, for `Into<T>` and for converting `From` sources.
pub(crate) struct Scope<'a> {
    pub classes: &'a [String],
    pub env: &'a TypeEnv<'a>,
}

/// The concrete types chosen for a function's generic parameters.
pub(crate) struct Choice {
    /// The named type parameters' arguments, in declaration order (the turbofish).
    pub type_args: Vec<TypeExpr>,
    /// `base` with every named and anonymous (`impl Trait`) parameter bound.
    pub subst: Subst,
}

/// Whether `f` has type parameters of its own or `impl Trait` parameters.
pub(crate) fn has_type_params(f: &Function) -> bool {
    f.generics
        .params
        .iter()
        .any(|p| matches!(p.kind, GenericParamDefKind::Type { .. }))
}

/// The types for the generic parameters of `f` (the substitution `base` holds
/// `Self` and the impl's parameters); `Err` says which parameter is not in the
/// table and why. Const parameters are not in the table.
pub(crate) fn choose(
    cx: &TypeCx,
    f: &Function,
    base: &Subst,
    scope: &Scope,
) -> Result<Choice, String> {
    let mut subst = base.clone();
    let named = bind_generics(cx, &f.generics, &mut subst, scope)?;
    for (_, ty) in &f.sig.inputs {
        bind_impl_traits(cx, ty, &mut subst, scope)?;
    }
    Ok(Choice {
        type_args: named.iter().filter_map(|n| subst.get(n).cloned()).collect(),
        subst,
    })
}

/// Binds only the anonymous `impl Trait` parameters of `f` into `subst` (for an
/// instantiation whose named parameters the interface file gives).
pub(crate) fn bind_anonymous(
    cx: &TypeCx,
    f: &Function,
    subst: &mut Subst,
    scope: &Scope,
) -> Result<(), String> {
    for (_, ty) in &f.sig.inputs {
        bind_impl_traits(cx, ty, subst, scope)?;
    }
    Ok(())
}

/// Binds the named type parameters of `generics` into `subst` (in rounds, so
/// that `I: IntoIterator<Item = P>` waits for `P`); their names in order.
fn bind_generics(
    cx: &TypeCx,
    generics: &Generics,
    subst: &mut Subst,
    scope: &Scope,
) -> Result<Vec<String>, String> {
    let mut order = Vec::new();
    for p in &generics.params {
        match &p.kind {
            GenericParamDefKind::Type {
                is_synthetic: false,
                ..
            } => order.push(p.name.clone()),
            GenericParamDefKind::Const { .. } => {
                return Err(format!(
                    "the const parameter `{}` needs its value listed in the interface file",
                    p.name
                ))
            }
            _ => {}
        }
    }
    let other_where = generics.where_predicates.iter().any(|pred| match pred {
        WherePredicate::BoundPredicate {
            type_: Type::Generic(g),
            ..
        } => !order.contains(g),
        WherePredicate::LifetimePredicate { .. } => false,
        _ => true,
    });
    if other_where {
        return Err(
            "a `where` clause on a type other than a parameter is not in MAPPING's table"
                .to_string(),
        );
    }
    let bounds = bounds_of(generics);
    let mut pending: Vec<&str> = order.iter().map(String::as_str).collect();
    while !pending.is_empty() {
        let mut last_err = String::new();
        let before = pending.len();
        let mut still = Vec::new();
        for name in pending {
            match natural_type(cx, &bounds_named(&bounds, name), subst, scope) {
                Ok(ty) => {
                    subst.insert(name.to_string(), ty);
                }
                Err(e) => {
                    last_err = format!("the parameter `{name}`: {e}");
                    still.push(name);
                }
            }
        }
        if still.len() == before {
            return Err(last_err);
        }
        pending = still;
    }
    Ok(order)
}

/// The type of a named parameter that the interface file leaves to inference
/// (`_`): only a callable's (`F: Fn(i64) -> i64`), whose closure the stub makes.
pub(crate) fn inferred_callable(
    cx: &TypeCx,
    generics: &Generics,
    name: &str,
    subst: &Subst,
    scope: &Scope,
) -> Result<TypeExpr, String> {
    let bounds = bounds_named(&bounds_of(generics), name);
    match natural_type(cx, &bounds, subst, scope)? {
        ty @ TypeExpr::ImplTrait(_) => Ok(ty),
        ty => Err(format!(
            "only a callable parameter's type is inferred; this one is `{ty}`"
        )),
    }
}

/// The bounds of the parameter `name`, from `bounds_of`.
fn bounds_named(bounds: &BTreeMap<String, Vec<&GenericBound>>, name: &str) -> Vec<GenericBound> {
    bounds
        .get(name)
        .into_iter()
        .flatten()
        .map(|b| (*b).clone())
        .collect()
}

/// Binds each `impl Trait` inside `ty` (a parameter's type) under its printed form.
fn bind_impl_traits(
    cx: &TypeCx,
    ty: &Type,
    subst: &mut Subst,
    scope: &Scope,
) -> Result<(), String> {
    match ty {
        Type::ImplTrait(bounds) => {
            let shown = cx.impl_key(bounds, subst)?;
            let chosen = natural_type(cx, bounds, subst, scope)
                .map_err(|e| format!("the parameter `{shown}`: {e}"))?;
            subst.insert(shown, chosen);
            Ok(())
        }
        Type::BorrowedRef { type_, .. } => bind_impl_traits(cx, type_, subst, scope),
        _ => Ok(()),
    }
}

/// The type MAPPING's table gives a parameter with these bounds.
fn natural_type(
    cx: &TypeCx,
    bounds: &[GenericBound],
    subst: &Subst,
    scope: &Scope,
) -> Result<TypeExpr, String> {
    let mut unsized_ok = false;
    let mut chosen: Option<TypeExpr> = None;
    let mut markers = Vec::new();
    for b in bounds {
        let GenericBound::TraitBound {
            trait_, modifier, ..
        } = b
        else {
            continue;
        };
        match modifier {
            TraitBoundModifier::Maybe => {
                unsized_ok = true;
                continue;
            }
            TraitBoundModifier::None => {}
            _ => {
                return Err(format!(
                    "the bound `~const {}` is not in the table",
                    trait_.path
                ))
            }
        }
        let is_std = is_std_trait(cx, trait_);
        let path = cx.trait_path(trait_, subst, 0)?;
        let name = path.last().name.clone();
        if !is_std && scope.env.traits.contains(&path.to_string()) {
            // A trait of the crate that Python objects implement: the stub
            // passes its holder (`rsbind_Any<Trait>`), the turbofish says `_`.
            let ty = TypeExpr::ImplTrait(vec![crate::idl::ty::Bound::Trait(path.clone())]);
            match &chosen {
                Some(c) if *c != ty => {
                    return Err(format!("its bounds ask for both `{c}` and `{ty}`"))
                }
                _ => chosen = Some(ty),
            }
            continue;
        }
        if !is_std {
            return Err(format!("the bound `{path}` is not in MAPPING's table"));
        }
        // `Sized`, `Clone`, `Send`, ...: checked on the chosen type below.
        if name != "Display" && KNOWN_TRAITS.contains(&name.as_str()) {
            markers.push(name);
            continue;
        }
        let ty = match name.as_str() {
            // A callable: the stub passes a closure, whose type the compiler
            // infers (the turbofish says `_`). Send, Sync and 'static it has.
            "Fn" | "FnMut" | "FnOnce" => {
                markers.retain(|m| !matches!(m.as_str(), "Send" | "Sync"));
                TypeExpr::ImplTrait(vec![crate::idl::ty::Bound::Trait(path.clone())])
            }
            _ => from_bound(cx, &path, trait_, scope)?,
        };
        match &chosen {
            Some(c) if *c != ty => return Err(format!("its bounds ask for both `{c}` and `{ty}`")),
            _ => chosen = Some(ty),
        }
    }
    let Some(mut ty) = chosen else {
        return Err(
            "no bound of MAPPING's table (`AsRef<str>`, `Into<T>`, `IntoIterator<Item = T>`, ...)"
                .to_string(),
        );
    };
    if unsized_ok {
        ty = unsized_form(ty);
    }
    if let TypeExpr::ImplTrait(bounds) = &mut ty {
        // A trait object's holder is as `Send`/`Sync` as its bounds ask.
        if !crate::types::is_callable(&TypeExpr::ImplTrait(bounds.clone())) {
            for m in markers
                .iter()
                .filter(|m| matches!(m.as_str(), "Send" | "Sync"))
            {
                bounds.push(crate::idl::ty::Bound::Trait(TypePath::simple(
                    &[m.as_str()],
                )));
            }
        }
        markers.retain(|m| !matches!(m.as_str(), "Send" | "Sync"));
    }
    for m in markers {
        if implements(&ty, &m, &BTreeMap::new()) != Some(true) {
            return Err(format!("rsbind cannot tell that `{ty}` implements `{m}`"));
        }
    }
    Ok(ty)
}

/// `String` → `str`, `Vec<u8>` → `[u8]`, `PathBuf` → `Path`, for a `?Sized` parameter.
fn unsized_form(ty: TypeExpr) -> TypeExpr {
    match ty.to_string().as_str() {
        "String" => TypeExpr::path(&["str"]),
        "Vec<u8>" => TypeExpr::Slice(Box::new(TypeExpr::path(&["u8"]))),
        "PathBuf" => TypeExpr::path(&["Path"]),
        _ => ty,
    }
}

/// The type for one trait bound of the table.
fn from_bound(
    cx: &TypeCx,
    path: &TypePath,
    trait_: &rustdoc_types::Path,
    scope: &Scope,
) -> Result<TypeExpr, String> {
    let name = path.last().name.as_str();
    let args = path.type_args();
    let arg = args.first().map(|t| t.to_string()).unwrap_or_default();
    let std_arg = args.first().and_then(|t| match t {
        TypeExpr::Path(p) => std_name(p),
        _ => None,
    });
    let string = || TypeExpr::path(&["String"]);
    let bytes = || parse("Vec<u8>");
    let path_buf = || TypeExpr::path(&["PathBuf"]);
    let not_in_table = || format!("the bound `{path}` is not in MAPPING's table");
    match name {
        "ToString" | "Display" => Ok(string()),
        "AsRef" => match (std_arg, arg.as_str()) {
            (Some("str"), _) => Ok(string()),
            (Some("Path"), _) => Ok(path_buf()),
            (_, "[u8]") => Ok(bytes()),
            _ => Err(not_in_table()),
        },
        "Into" => match (std_arg, arg.as_str()) {
            (Some("String"), _) => Ok(string()),
            (Some("PathBuf"), _) => Ok(path_buf()),
            (_, "Vec<u8>") => Ok(bytes()),
            _ => into_class(cx, &arg, trait_, scope).ok_or_else(|| {
                format!("`{path}`: `{arg}` is not a bound class and none of the crate's `From` impls for it binds")
            }),
        },
        "IntoIterator" => {
            let item = match &path.last().args {
                SegmentArgs::Angle(items) => items.iter().find_map(|a| match a {
                    GenericArg::AssocType(n, t) if n == "Item" => Some(t.clone()),
                    _ => None,
                }),
                _ => None,
            };
            let item = item.ok_or_else(|| format!("`{path}` does not say its `Item` type"))?;
            Ok(parse(&format!("Vec<{item}>")))
        }
        _ => Err(not_in_table()),
    }
}

fn parse(text: &str) -> TypeExpr {
    crate::idl::ty::parse_type(text).unwrap_or_else(|_| TypeExpr::path(&[text]))
}

/// `Into<T>`: `T` itself when it is a bound class without lifetime parameters,
/// else the first source `X` of the crate's `impl From<X> for T` that binds as
/// a parameter.
fn into_class(
    cx: &TypeCx,
    shown: &str,
    trait_: &rustdoc_types::Path,
    scope: &Scope,
) -> Option<TypeExpr> {
    let written = parse(shown);
    let stripped = written.without_lifetimes();
    // A class with lifetimes (`Input<'h>`) is made from what it borrows: its
    // `From` sources come first.
    if stripped == written && scope.classes.iter().any(|c| *c == stripped.to_string()) {
        return Some(stripped);
    }
    // The target's id, from the bound's own arguments.
    let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = trait_.args.as_deref()
    else {
        return None;
    };
    let Some(rustdoc_types::GenericArg::Type(Type::ResolvedPath(target))) = args.first() else {
        return None;
    };
    let impls = match &cx.krate.index.get(&target.id)?.inner {
        ItemEnum::Struct(s) => &s.impls,
        ItemEnum::Enum(e) => &e.impls,
        _ => return None,
    };
    let mut seen = HashSet::new();
    for id in impls {
        let Some(ItemEnum::Impl(imp)) = cx.krate.index.get(id).map(|i| &i.inner) else {
            continue;
        };
        let Some(tr) = &imp.trait_ else { continue };
        if imp.blanket_impl.is_some() || tr.path.rsplit("::").next() != Some("From") {
            continue;
        }
        let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref()
        else {
            continue;
        };
        let Some(rustdoc_types::GenericArg::Type(source)) = args.first() else {
            continue;
        };
        let mut subst = Subst::new();
        if bind_generics(cx, &imp.generics, &mut subst, scope).is_err() {
            continue;
        }
        let Ok(x) = cx.convert(source, &subst) else {
            continue;
        };
        let x = x.without_lifetimes();
        if seen.insert(x.to_string()) && lower_param(&x, scope.env).is_ok() {
            return Some(x);
        }
    }
    None
}

/// The signature of `f` with its generic parameters bound by [`choose`], checked
/// like any other, and the type arguments of the call (the named parameters').
pub(crate) fn natural_sig(
    cx: &TypeCx,
    f: &Function,
    is_method: bool,
    base: &Subst,
    classes: &Classes,
    env: &TypeEnv,
) -> Result<(Sig, Vec<String>), String> {
    let scope = Scope {
        classes: &classes.paths,
        env,
    };
    let choice = choose(cx, f, base, &scope).map_err(|e| format!("{GENERIC} ({e})"))?;
    let sig = sig_of(cx, f, is_method, &choice.subst, true)?;
    check_sig(&sig, classes, env)?;
    Ok((
        sig,
        choice
            .type_args
            .iter()
            .map(|t| match t {
                // A closure's type has no name: the compiler infers it.
                TypeExpr::ImplTrait(_) => "_".to_string(),
                t => t.to_string(),
            })
            .collect(),
    ))
}

/// A generic function whose one type parameter is bounded by a trait of the
/// crate (`fn get<I: Index>(&self, index: I)`): one signature per implementor
/// the crate gives for a concrete type (`usize`, `String`; not an unsized `str`
/// nor a generic `&T`) that binds, in the order of the type strings, with its
/// type arguments. They become overloads of one Python method. `Err` when the
/// function is not of that shape.
pub(crate) fn implementor_sigs(
    cx: &TypeCx,
    f: &Function,
    is_method: bool,
    base: &Subst,
    classes: &Classes,
    env: &TypeEnv,
) -> Result<Implementors, String> {
    let found = implementors(cx, &f.generics, base)?;
    let (name, implementors) = (found.param.as_str(), found.types);
    let mut sigs = Vec::new();
    for ty in implementors {
        let mut subst = base.clone();
        subst.insert(name.to_string(), ty.clone());
        let Ok(sig) = sig_of(cx, f, is_method, &subst, true) else {
            continue;
        };
        if check_sig(&sig, classes, env).is_ok() {
            sigs.push((sig, vec![ty.to_string()]));
        }
    }
    if sigs.is_empty() {
        return Err("no implementor of its trait binds".to_string());
    }
    Ok(Implementors {
        sigs,
        trait_path: found.trait_path,
    })
}

/// The one type parameter of `generics` (a function's or an impl's) when it is
/// bounded by one trait of the crate, with the concrete types the crate
/// implements that trait for (sorted by their type strings).
pub(crate) struct TraitImplementors {
    pub param: String,
    pub types: Vec<TypeExpr>,
    /// The trait as written (`value::Index`).
    pub trait_path: String,
}

/// [`TraitImplementors`] of `generics`, or why they are not of that shape.
pub(crate) fn implementors(
    cx: &TypeCx,
    generics: &Generics,
    base: &Subst,
) -> Result<TraitImplementors, String> {
    let named: Vec<&str> = generics
        .params
        .iter()
        .filter_map(|p| match p.kind {
            GenericParamDefKind::Type { .. } => Some(p.name.as_str()),
            GenericParamDefKind::Const { .. } => Some(""),
            _ => None,
        })
        .collect();
    let [name] = named.as_slice() else {
        return Err("not one type parameter".to_string());
    };
    let mut traits = bounds_named(&bounds_of(generics), name)
        .into_iter()
        .filter_map(|b| match b {
            GenericBound::TraitBound {
                trait_,
                modifier: TraitBoundModifier::None,
                ..
            } if !is_std_trait(cx, &trait_) => Some(trait_),
            _ => None,
        });
    let (Some(trait_), None) = (traits.next(), traits.next()) else {
        return Err("not one bound of a trait of the crate".to_string());
    };
    let Some(ItemEnum::Trait(t)) = cx.krate.index.get(&trait_.id).map(|i| &i.inner) else {
        return Err("a trait of another crate".to_string());
    };
    let mut types: Vec<TypeExpr> = t
        .implementations
        .iter()
        .filter_map(|id| match &cx.krate.index.get(id)?.inner {
            ItemEnum::Impl(imp) if imp.generics.params.is_empty() && !imp.is_negative => {
                cx.convert(&imp.for_, base).ok()
            }
            _ => None,
        })
        .collect();
    // A value of an unsized type cannot be passed (`impl Index for str`).
    types.retain(|t| match t {
        TypeExpr::Slice(_) | TypeExpr::DynTrait(_) => false,
        TypeExpr::Path(p) => !["str", "Path", "OsStr", "CStr"].contains(&p.to_string().as_str()),
        _ => true,
    });
    types.sort_by_key(|t| t.to_string());
    types.dedup();
    let trait_path = cx
        .trait_path(&trait_, base, 0)
        .map(|p| p.to_string())
        .unwrap_or_else(|_| trait_.path.clone());
    Ok(TraitImplementors {
        param: name.to_string(),
        types,
        trait_path,
    })
}

/// What [`implementor_sigs`] binds: each signature with its type arguments.
pub(crate) struct Implementors {
    pub sigs: Vec<(Sig, Vec<String>)>,
    /// The trait, for the skip reason (`value::Index`).
    pub trait_path: String,
}

/// The skip reason of a generic method bound by [`implementor_sigs`].
pub(crate) fn implementors_reason(type_args: &[String], trait_path: &str) -> String {
    format!(
        "generic: bound for `{}`, the implementors of `{trait_path}` in the crate, as overloads of one Python method; list others in the interface file",
        type_args.join("`, `")
    )
}

/// The skip reason that keeps a generic bound through [`natural_sig`] listed
/// (for re-extraction and the drift check).
pub(crate) fn listed_reason(type_args: &[String]) -> String {
    let closure = if type_args.iter().any(|a| a == "_") {
        " (`_`: a closure or a trait object's holder, whose type the compiler infers)"
    } else {
        ""
    };
    format!(
        "generic: bound for `{}`{closure}, the natural types of its bounds (MAPPING's table); list others in the interface file",
        type_args.join(", ")
    )
}

/// A named type parameter with its bounds as declared (`I: IntoIterator<Item = P>`),
/// from its declaration and the `where` clauses.
pub(crate) fn declared(cx: &TypeCx, f: &Function, name: &str) -> String {
    let names = as_declared(f);
    let bounds = bounds_of(&f.generics);
    let shown: Vec<String> = bounds
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| match b {
            GenericBound::TraitBound {
                trait_, modifier, ..
            } => {
                let p = cx
                    .trait_path(trait_, &names, 0)
                    .map(|p| p.to_string())
                    .unwrap_or_else(|_| trait_.path.clone());
                let maybe = matches!(modifier, TraitBoundModifier::Maybe);
                Some(if maybe { format!("?{p}") } else { p })
            }
            GenericBound::Outlives(l) => Some(l.clone()),
            GenericBound::Use(_) => None,
        })
        .collect();
    if shown.is_empty() {
        name.to_string()
    } else {
        format!("{name}: {}", shown.join(" + "))
    }
}

/// Each generic parameter of `f` (and `Self`) bound to its own name, to print
/// types as declared.
pub(crate) fn as_declared(f: &Function) -> Subst {
    f.generics
        .params
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                GenericParamDefKind::Type {
                    is_synthetic: false,
                    ..
                }
            )
        })
        .map(|p| p.name.as_str())
        .chain(["Self"])
        .map(|n| (n.to_string(), TypeExpr::path(&[n])))
        .collect()
}
