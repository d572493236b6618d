//! Extension traits: the crate's public traits implemented for std types
//! (`impl ToSnakeCase for str`, `impl Ext for [u8]`, `impl<T: AsRef<str>> Ext
//! for T`). Each method of such an impl, the trait's provided ones included,
//! becomes a module function of the trait's module that takes the std value
//! first. Its `path` is the qualified path `<str as ToSnakeCase>::to_snake_case`,
//! which names the impl as well as the method and is how the stub calls it.
//!
//! Names (idl-spec/README.md, "Extension traits"): the method's own; a method
//! name that two traits of one module give is `traitname_method` for both; one
//! trait implemented for several std types suffixes the type (`checksum_str`,
//! `checksum_bytes`); a name another item of the module has gives way the same
//! way, and a number ends any clash left.

use super::auto::snake_case;
use super::known::{arg_ident, implements};
use super::sig::{check_sig, params_of, sig_of, Classes, HIDDEN};
use super::skips::Skips;
use super::types::{Subst, TypeCx, STD_CRATES};
use super::walk::{is_hidden, unraw, PublicItem};
use crate::idl::python_name;
use crate::idl::ty::TypeExpr;
use crate::idl::{Function, Param, Receiver};
use crate::types::TypeEnv;
use rustdoc_types::{
    GenericBound, GenericParamDefKind, Id, Impl, ItemEnum, TraitBoundModifier, Type, WherePredicate,
};
use std::collections::{BTreeMap, BTreeSet};

/// The Python name of the std value's parameter (`self_value` when the method
/// has a parameter of that name already).
const VALUE: &str = "value";

/// A function found, before it is named.
struct Found {
    module: Vec<String>,
    order: usize,
    /// The trait's name, for `traitname_method`.
    trait_name: String,
    /// The trait's public path.
    trait_path: String,
    /// What the impl is for, for the type suffix.
    self_ty: TypeExpr,
    /// The method's Python name.
    method: String,
    function: Function,
}

/// The extension functions of the crate: (module, walk order, function) in
/// walk order, named. `taken` holds each module's other Python names.
pub(crate) fn extension_functions(
    cx: &TypeCx,
    list: &[PublicItem],
    classes: &Classes,
    env: &TypeEnv,
    taken: &BTreeMap<Vec<String>, BTreeSet<String>>,
    skips: &mut Skips,
) -> Vec<(Vec<String>, usize, Function)> {
    let mut found = Vec::new();
    for p in list.iter().filter(|p| !p.hidden) {
        let Some(ItemEnum::Trait(t)) = cx.krate.index.get(&p.id).map(|i| &i.inner) else {
            continue;
        };
        for imp in &t.implementations {
            let Some(ItemEnum::Impl(imp)) = cx.krate.index.get(imp).map(|i| &i.inner) else {
                continue;
            };
            if imp.is_negative || imp.is_synthetic {
                continue;
            }
            let scope = TraitScope {
                cx,
                trait_: p,
                trait_items: &t.items,
                classes,
                env,
            };
            scope.impl_functions(imp, skips, &mut found);
        }
    }
    name(&mut found, taken);
    explain(&found, skips);
    found
        .into_iter()
        .map(|f| (f.module, f.order, f.function))
        .collect()
}

/// The skipped entry of a trait whose methods are functions says so, and
/// names the functions renamed for a clash: the interface file tells why
/// `width` is `char_info_width`.
fn explain(found: &[Found], skips: &mut Skips) {
    let mut per_trait: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in found {
        let renames = per_trait.entry(&f.trait_path).or_default();
        if f.function.name != f.method {
            renames.push(format!("`{}` as `{}`", f.function.path, f.function.name));
        }
    }
    for s in skips.0.iter_mut().filter(|s| s.kind == "trait") {
        let Some(renames) = per_trait.get(s.path.as_str()) else {
            continue;
        };
        s.reason = format!(
            "{}; its methods for std types are module functions of their names",
            s.reason
        );
        if !renames.is_empty() {
            s.reason = format!(
                "{}, renamed where names clash: {}",
                s.reason,
                renames.join(", ")
            );
        }
    }
}

/// A trait of the crate, for its impls.
struct TraitScope<'a, 'k> {
    cx: &'a TypeCx<'k>,
    trait_: &'a PublicItem,
    trait_items: &'a [Id],
    classes: &'a Classes,
    env: &'a TypeEnv<'a>,
}

impl TraitScope<'_, '_> {
    /// The functions of one impl of the trait, if it is for a std type.
    fn impl_functions(&self, imp: &Impl, skips: &mut Skips, out: &mut Vec<Found>) {
        let cx = self.cx;
        let trait_path = self.trait_.joined();
        let mut subst = Subst::new();
        let self_ty = match self_kind(cx, &imp.for_) {
            SelfKind::Own => return,
            SelfKind::Other(written) => {
                skips.add(
                    &format!("<{written} as {trait_path}>"),
                    "impl",
                    "implemented for a type of another crate: not bound",
                );
                return;
            }
            SelfKind::Generic(param) => match blanket_type(cx, imp, &param).and_then(|ty| {
                // `impl<T: ..> Ext for &T` is for `&String`.
                subst.insert(param.clone(), ty);
                cx.convert(&imp.for_, &subst).map(|t| t.without_lifetimes())
            }) {
                Ok(ty) => ty,
                Err(reason) => {
                    let written = written_type(&imp.for_);
                    skips.add(&format!("<{written} as {trait_path}>"), "impl", &reason);
                    return;
                }
            },
            SelfKind::Std => match cx.convert(&imp.for_, &subst) {
                Ok(ty) => ty.without_lifetimes(),
                Err(reason) => {
                    let written = written_type(&imp.for_);
                    let reason = format!("a generic impl ({reason}) is not bound");
                    skips.add(&format!("<{written} as {trait_path}>"), "impl", &reason);
                    return;
                }
            },
        };
        let qualified = format!("<{self_ty} as {trait_path}>");
        if let Some(reason) = trait_generics(imp) {
            let written = imp
                .trait_
                .as_ref()
                .and_then(|t| cx.trait_path(t, &subst, 0).ok())
                .map(|t| format!("<{self_ty} as {t}>"))
                .unwrap_or(qualified);
            skips.add(&written, "impl", reason);
            return;
        }
        subst.insert("Self".to_string(), self_ty.clone());
        let own: BTreeMap<String, &rustdoc_types::Item> = imp
            .items
            .iter()
            .filter_map(|id| cx.krate.index.get(id))
            .filter_map(|i| Some((i.name.clone()?, i)))
            .collect();
        // In the trait's order: the impl's own methods and the provided ones.
        for id in self.trait_items {
            let Some(declared) = cx.krate.index.get(id) else {
                continue;
            };
            let ItemEnum::Function(decl) = &declared.inner else {
                continue;
            };
            let Some(rust) = declared.name.clone() else {
                continue;
            };
            let item = match own.get(&rust) {
                Some(item) => *item,
                None if decl.has_body => declared,
                None => continue,
            };
            let ItemEnum::Function(f) = &item.inner else {
                continue;
            };
            let rust = unraw(&rust);
            let path = format!("{qualified}::{rust}");
            if is_hidden(declared) || is_hidden(item) {
                skips.add(&path, "fn", HIDDEN);
                continue;
            }
            let doc = match cx.doc(item) {
                d if d.is_empty() => cx.doc(declared),
                d => d,
            };
            match self.function(f, &self_ty, &subst) {
                Ok((params, ret)) => out.push(Found {
                    module: self.trait_.module().to_vec(),
                    order: self.trait_.order,
                    trait_name: self.trait_.segments.last().cloned().unwrap_or_default(),
                    trait_path: trait_path.clone(),
                    self_ty: self_ty.clone(),
                    method: python_name(&rust),
                    function: Function {
                        name: String::new(),
                        path,
                        doc,
                        params,
                        ret,
                        release_gil: false,
                        type_args: Vec::new(),
                        doc_override: None,
                    },
                }),
                Err(reason) => skips.add(&path, "fn", &reason),
            }
        }
    }

    /// A method's parameters (the std value first, for a method with `self`)
    /// and return type, or why it is not bound.
    fn function(
        &self,
        f: &rustdoc_types::Function,
        self_ty: &TypeExpr,
        subst: &Subst,
    ) -> Result<(Vec<Param>, String), String> {
        let mut sig = sig_of(self.cx, f, true, subst, false)?;
        let unsized_self = implements(self_ty, "Sized", &BTreeMap::new()) == Some(false);
        if unsized_self && needs_sized(f) {
            return Err(format!("it needs `Self: Sized`, which `{self_ty}` is not"));
        }
        let value_ty = match sig.receiver {
            Receiver::None => None,
            Receiver::Value if unsized_self => {
                return Err(format!(
                    "it takes `self` by value, which `{self_ty}` cannot be passed as"
                ))
            }
            Receiver::Value => Some(self_ty.clone()),
            Receiver::Ref | Receiver::RefMut => Some(TypeExpr::Ref {
                lifetime: None,
                mutable: sig.receiver == Receiver::RefMut,
                inner: Box::new(self_ty.clone()),
            }),
        };
        if let Some(ty) = value_ty {
            let taken = sig.params.iter().any(|(_, py, _)| py == VALUE);
            let name = if taken { "self_value" } else { VALUE };
            sig.params
                .insert(0, ("self".to_string(), name.to_string(), ty));
            sig.receiver = Receiver::None;
        }
        check_sig(&sig, self.classes, self.env)?;
        Ok((params_of(sig.params), sig.ret.to_string()))
    }
}

/// What an impl is for.
enum SelfKind {
    /// A primitive, slice, array, tuple or std type (or a reference to one).
    Std,
    /// A type of the crate: its class gets the trait's methods.
    Own,
    /// A type of another crate, as written.
    Other(String),
    /// A generic parameter of the impl: a blanket impl.
    Generic(String),
}

fn self_kind(cx: &TypeCx, ty: &Type) -> SelfKind {
    match ty {
        Type::Primitive(_) | Type::Slice(_) | Type::Array { .. } | Type::Tuple(_) => SelfKind::Std,
        Type::BorrowedRef { type_, .. } => self_kind(cx, type_),
        Type::Generic(name) => SelfKind::Generic(name.clone()),
        Type::ResolvedPath(p) => {
            let summary = cx.krate.paths.get(&p.id);
            let local = cx.krate.index.get(&p.id).is_some_and(|i| i.crate_id == 0)
                || summary.is_some_and(|s| s.crate_id == 0);
            let std = summary
                .and_then(|s| s.path.first())
                .is_some_and(|c| STD_CRATES.contains(&c.as_str()));
            if local {
                SelfKind::Own
            } else if std {
                SelfKind::Std
            } else {
                SelfKind::Other(p.path.clone())
            }
        }
        other => SelfKind::Other(written_type(other)),
    }
}

/// A type as rustdoc writes it, roughly: for the path of a skipped impl.
fn written_type(ty: &Type) -> String {
    match ty {
        Type::Primitive(p) | Type::Generic(p) => p.clone(),
        Type::ResolvedPath(p) => p.path.clone(),
        Type::Slice(t) => format!("[{}]", written_type(t)),
        Type::BorrowedRef {
            is_mutable, type_, ..
        } => {
            let mutability = if *is_mutable { "mut " } else { "" };
            format!("&{mutability}{}", written_type(type_))
        }
        _ => "_".to_string(),
    }
}

/// Why an impl of a generic trait (`impl Scale<i32> for f64`) is not bound.
fn trait_generics(imp: &Impl) -> Option<&'static str> {
    let args = imp.trait_.as_ref()?.args.as_deref()?;
    match args {
        rustdoc_types::GenericArgs::AngleBracketed { args, constraints }
            if args.is_empty() && constraints.is_empty() =>
        {
            None
        }
        _ => Some("the trait is generic: its impls are not bound as functions"),
    }
}

/// Whether a method is only there for sized types (`where Self: Sized`).
fn needs_sized(f: &rustdoc_types::Function) -> bool {
    f.generics.where_predicates.iter().any(|w| match w {
        WherePredicate::BoundPredicate {
            type_: Type::Generic(g),
            bounds,
            ..
        } if g == "Self" => bounds.iter().any(|b| {
            matches!(b, GenericBound::TraitBound { trait_, modifier: TraitBoundModifier::None, .. }
                if trait_.path.rsplit("::").next() == Some("Sized"))
        }),
        _ => false,
    })
}

/// The std types a blanket impl is bound for, most natural first: text, then bytes.
const NATURAL: &[&str] = &["str", "String", "[u8]", "Vec<u8>"];

/// The std type a blanket impl (`impl<T: AsRef<str>> Ext for T`) is bound for:
/// the first of [`NATURAL`] that meets every bound of `T` (bytes first when a
/// bound names bytes), or why none does.
fn blanket_type(cx: &TypeCx, imp: &Impl, param: &str) -> Result<TypeExpr, String> {
    if imp
        .generics
        .params
        .iter()
        .any(|p| p.name != param && !matches!(p.kind, GenericParamDefKind::Lifetime { .. }))
    {
        return Err("a blanket impl with more than one type parameter is not bound".to_string());
    }
    let mut bounds: Vec<&GenericBound> = Vec::new();
    for p in &imp.generics.params {
        if let GenericParamDefKind::Type { bounds: b, .. } = &p.kind {
            if p.name == param {
                bounds.extend(b);
            }
        }
    }
    for w in &imp.generics.where_predicates {
        if let WherePredicate::BoundPredicate {
            type_: Type::Generic(g),
            bounds: b,
            ..
        } = w
        {
            if g == param {
                bounds.extend(b);
            }
        }
    }
    let mut maybe_unsized = false;
    let mut wanted: Vec<Wanted> = Vec::new();
    for b in bounds {
        let GenericBound::TraitBound {
            trait_, modifier, ..
        } = b
        else {
            continue;
        };
        let summary = cx.krate.paths.get(&trait_.id);
        let std = summary.is_some_and(|s| {
            s.path
                .first()
                .is_some_and(|c| STD_CRATES.contains(&c.as_str()))
        });
        let name = match summary {
            Some(s) if std => s.path.last().cloned().unwrap_or_default(),
            _ => trait_.path.clone(),
        };
        if matches!(modifier, TraitBoundModifier::Maybe) {
            maybe_unsized |= name == "Sized";
            continue;
        }
        let arg = match trait_.args.as_deref() {
            Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) => match args.first() {
                Some(rustdoc_types::GenericArg::Type(t)) => {
                    Some(cx.convert(t, &Subst::new())?.to_string())
                }
                _ => None,
            },
            _ => None,
        };
        let shown = match &arg {
            Some(a) => format!("{name}<{a}>"),
            None => name.clone(),
        };
        let meets = if std {
            Meets::Std(name, arg)
        } else {
            Meets::Types(implemented_for(cx, trait_.id))
        };
        wanted.push(Wanted { shown, meets });
    }
    if wanted.is_empty() {
        return Err(format!(
            "a blanket impl for every type `{param}`: no std type is the natural one"
        ));
    }
    let bytes_first = wanted
        .iter()
        .any(|w| matches!(&w.meets, Meets::Std(_, Some(a)) if a == "[u8]" || a == "Vec<u8>"));
    let mut order: Vec<&str> = NATURAL.to_vec();
    if bytes_first {
        order.rotate_left(2);
    }
    let meets = |ty: &TypeExpr| {
        let sized = implements(ty, "Sized", &BTreeMap::new()) == Some(true);
        (sized || maybe_unsized)
            && wanted.iter().all(|w| match &w.meets {
                Meets::Std(name, arg) => std_implements(ty, name, arg.as_deref()),
                Meets::Types(types) => types.contains(&ty.to_string()),
            })
    };
    order
        .iter()
        .filter_map(|t| crate::idl::ty::parse_type(t).ok())
        .find(|t| meets(t))
        .ok_or_else(|| {
            let shown: Vec<&str> = wanted.iter().map(|w| w.shown.as_str()).collect();
            format!(
                "a blanket impl over `{param}: {}`: none of `str`, `String`, `[u8]`, `Vec<u8>` is known to meet it",
                shown.join(" + ")
            )
        })
}

/// A bound of a blanket impl's parameter, as written, and how a type meets it.
struct Wanted {
    shown: String,
    meets: Meets,
}

enum Meets {
    /// A std trait and its first type argument: see [`std_implements`].
    Std(String, Option<String>),
    /// A trait of the crate: the types its (non-blanket) impls are for.
    Types(BTreeSet<String>),
}

/// The types the crate's trait `id` is implemented for, as type strings.
fn implemented_for(cx: &TypeCx, id: Id) -> BTreeSet<String> {
    let Some(ItemEnum::Trait(t)) = cx.krate.index.get(&id).map(|i| &i.inner) else {
        return BTreeSet::new();
    };
    t.implementations
        .iter()
        .filter_map(|i| match cx.krate.index.get(i).map(|i| &i.inner) {
            Some(ItemEnum::Impl(imp)) if !imp.is_negative => cx
                .convert(&imp.for_, &Subst::new())
                .ok()
                .map(|ty| ty.without_lifetimes().to_string()),
            _ => None,
        })
        .collect()
}

/// Whether one of [`NATURAL`] implements the std trait `name<arg>`.
fn std_implements(ty: &TypeExpr, name: &str, arg: Option<&str>) -> bool {
    let shown = ty.to_string();
    let text = matches!(shown.as_str(), "str" | "String");
    let owned = matches!(shown.as_str(), "String" | "Vec<u8>");
    match (name, arg) {
        ("AsRef", Some("str" | "Path" | "OsStr")) | ("Borrow", Some("str")) => text,
        ("AsRef", Some("[u8]")) => true,
        ("Borrow", Some("[u8]")) => !text,
        ("Into", Some(into)) => owned && into == shown,
        ("ToString", None) => text,
        (_, None) if KNOWN_TRAITS.contains(&name) => {
            implements(ty, name, &BTreeMap::new()) == Some(true)
        }
        _ => false,
    }
}

/// The std traits without arguments whose impls for [`NATURAL`] `implements` knows.
const KNOWN_TRAITS: &[&str] = &[
    "Clone",
    "Debug",
    "Default",
    "Display",
    "Eq",
    "Hash",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Send",
    "Sized",
    "Sync",
    "Copy",
];

/// The suffix that tells apart one trait's functions for several types.
fn type_suffix(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Slice(item) if item.to_string() == "u8" => "bytes".to_string(),
        TypeExpr::Slice(item) => format!("{}_slice", snake_case(&arg_ident(item))),
        TypeExpr::Ref { inner, .. } => format!("ref_{}", type_suffix(inner)),
        other => snake_case(&arg_ident(other)),
    }
}

/// Names the functions (see the module doc).
fn name(found: &mut [Found], taken: &BTreeMap<Vec<String>, BTreeSet<String>>) {
    // Per (module, method): the traits that give it, and the types per trait.
    let mut traits: BTreeMap<(&[String], &str), BTreeSet<&str>> = BTreeMap::new();
    let mut types: BTreeMap<(&[String], &str, &str), usize> = BTreeMap::new();
    for f in found.iter() {
        traits
            .entry((&f.module, &f.method))
            .or_default()
            .insert(&f.trait_path);
        *types
            .entry((&f.module, &f.method, &f.trait_path))
            .or_default() += 1;
    }
    let none = BTreeSet::new();
    let mut names: Vec<String> = Vec::new();
    let mut used: BTreeSet<(Vec<String>, String)> = BTreeSet::new();
    for f in found.iter() {
        let others = taken.get(&f.module).unwrap_or(&none);
        let key = (f.module.as_slice(), f.method.as_str());
        let two_traits = traits.get(&key).is_some_and(|t| t.len() > 1);
        let two_types = types
            .get(&(
                f.module.as_slice(),
                f.method.as_str(),
                f.trait_path.as_str(),
            ))
            .is_some_and(|n| *n > 1);
        let prefixed = format!("{}_{}", snake_case(&f.trait_name), f.method);
        let suffix = type_suffix(&f.self_ty);
        let both = format!("{prefixed}_{suffix}");
        // The clashes among the trait functions decide where the ladder starts;
        // another item of the module with the name moves it on.
        let ladder = match (two_traits, two_types) {
            (false, false) => vec![f.method.clone(), prefixed, both],
            (true, false) => vec![prefixed, both],
            (false, true) => vec![format!("{}_{suffix}", f.method), both],
            (true, true) => vec![both],
        };
        let free =
            |n: &String| !others.contains(n) && !used.contains(&(f.module.clone(), n.clone()));
        let name = match ladder.iter().find(|n| free(n)) {
            Some(n) => n.clone(),
            None => {
                let base = ladder.last().cloned().unwrap_or_default();
                let mut n = 2;
                while !free(&format!("{base}_{n}")) {
                    n += 1;
                }
                format!("{base}_{n}")
            }
        };
        used.insert((f.module.clone(), name.clone()));
        names.push(name);
    }
    for (f, name) in found.iter_mut().zip(names) {
        f.function.name = name;
    }
}
