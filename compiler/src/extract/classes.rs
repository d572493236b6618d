//! Structs and enums: the candidates for classes (their fields, variants and
//! impls, as rustdoc lists them), and a candidate bound as a class.

use super::natural::{
    has_type_params, implementor_sigs, implementors_reason, listed_reason, natural_sig,
};
use super::sig::{check_method_sig, returns_self, sig_of, sig_params, Classes, HIDDEN};
use super::skips::Skips;
use super::types::{Subst, TypeCx};
use super::walk::{is_hidden, unraw};
use crate::idl::python_name;
use crate::idl::ty::TypeExpr;
use crate::idl::{Class, Constructor, Field, Method, Receiver, Shape, Value, Variant};
use crate::types::{
    borrows_for_static, field_borrows, field_holds_borrowing, lower_iterator_item, lower_param,
    lower_static_value, lower_value, TypeEnv,
};
use rustdoc_types::{Attribute, Id, Impl, Item, ItemEnum, StructKind, VariantKind};
use std::collections::BTreeSet;

pub(crate) const GENERIC_TYPE: &str =
    "generic types need instantiations listed in the interface file";

/// The traits that map to Python protocols, in the order the interface file lists them.
pub(crate) const PROTOCOL_TRAITS: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "Display",
    "Default",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Iterator",
    "DoubleEndedIterator",
    "IntoIterator",
    "Serialize",
    "Deserialize",
];

/// Protocol traits found by more than their name: `DoubleEndedIterator`
/// (`__reversed__`; its `next_back` is a method too) and `IntoIterator` for
/// `&T` (`__iter__`).
const ITERATION_TRAITS: &[&str] = &["DoubleEndedIterator", "IntoIterator"];

/// serde's traits, defined in `serde` (before 1.0.220) or `serde_core` (since;
/// `serde` re-exports them): `Serialize` and `Deserialize` together make a class pickle.
const SERDE_CRATES: &[&str] = &["serde", "serde_core"];
const SERDE_TRAITS: &[&str] = &["Serialize", "Deserialize"];

/// Std traits whose impls are no API of the crate: markers the compiler or a
/// derive adds.
const UNLISTED_TRAITS: &[&str] = &["StructuralPartialEq", "StructuralEq", "TrivialClone"];

pub(crate) struct FieldCand {
    pub name: String,
    pub rust: String,
    pub ty: Result<TypeExpr, String>,
    pub doc: String,
    pub hidden: bool,
}

pub(crate) struct VariantCand {
    pub name: String,
    pub shape: Shape,
    pub fields: Vec<FieldCand>,
    pub discriminant: Option<String>,
    pub doc: String,
}

/// A struct or enum that may become a class.
pub(crate) struct Cand<'k> {
    /// 0 for the bound crate, `i + 1` for its `i`th dependency unit.
    pub unit: usize,
    pub id: Id,
    pub item: &'k Item,
    /// As type strings name it (`lib::path` for a dependency's).
    pub path: String,
    /// The public path in its own crate.
    pub rust_path: String,
    /// The public path of the module it is bound in.
    pub module: Vec<String>,
    pub order: usize,
    pub from_crate: Option<String>,
    pub self_ty: TypeExpr,
    pub shape: Shape,
    pub fields: Vec<FieldCand>,
    /// Every field of a struct is pub (none stripped).
    pub all_pub: bool,
    pub variants: Vec<VariantCand>,
    pub non_exhaustive: bool,
    /// Inherent impls, with the substitution that applies.
    pub inherent: Vec<(&'k Impl, Subst)>,
    /// Protocol trait impls.
    pub trait_impls: Vec<(&'static str, &'k Impl, Subst)>,
    /// The other trait impls, whose methods the class gets.
    pub trait_methods: Vec<super::traits::TraitImpl<'k>>,
    /// Trait impls that give no methods: `<Type as Trait>`, and why.
    pub other_traits: Vec<(String, String)>,
    /// Every trait the type implements (protocol or not), by rustdoc id: what a
    /// generic function's bound asks of it.
    pub trait_ids: BTreeSet<Id>,
    pub traits: Vec<&'static str>,
    pub alive: bool,
    pub dropped: Option<String>,
    /// An instantiation of a generic struct: its Python name and type arguments.
    pub instance: Option<(String, Vec<String>)>,
    /// Its lifetime parameters (`'h` of `Match<'h>`): its objects keep what
    /// they borrow from.
    pub lifetimes: Vec<String>,
}

/// What a struct or enum is made of: its shape, fields and variants.
pub(crate) struct Layout {
    pub shape: Shape,
    pub fields: Vec<FieldCand>,
    /// Every field of a struct is pub (none stripped).
    pub all_pub: bool,
    pub variants: Vec<VariantCand>,
}

impl<'k> Cand<'k> {
    /// A live candidate with no impls sorted yet; `path` is how type strings name
    /// it, `p` where it is public in its own crate.
    pub fn new(
        cx: &TypeCx<'k>,
        unit: usize,
        p: &super::walk::PublicItem,
        item: &'k Item,
        path: String,
        self_ty: TypeExpr,
        layout: Layout,
    ) -> Cand<'k> {
        Cand {
            unit,
            id: p.id,
            item,
            path,
            rust_path: p.joined(),
            module: p.module().to_vec(),
            order: p.order,
            from_crate: cx.lib.map(str::to_string),
            self_ty,
            shape: layout.shape,
            fields: layout.fields,
            all_pub: layout.all_pub,
            variants: layout.variants,
            non_exhaustive: non_exhaustive(item),
            inherent: Vec::new(),
            trait_impls: Vec::new(),
            trait_methods: Vec::new(),
            other_traits: Vec::new(),
            trait_ids: BTreeSet::new(),
            traits: Vec::new(),
            alive: true,
            dropped: None,
            instance: None,
            lifetimes: Vec::new(),
        }
    }
}

pub(crate) const UNSIZED: &str =
    "unsized types (ending in a slice, `str` or a trait object) cannot be held by value";
pub(crate) const NO_VARIANTS: &str = "an enum without variants has no values";

/// Whether rustdoc says the type is not `Sized` (it lists `impl !Sized`).
pub(crate) fn is_unsized(cx: &TypeCx, impls: &[Id]) -> bool {
    impls
        .iter()
        .any(|id| match cx.krate.index.get(id).map(|i| &i.inner) {
            Some(ItemEnum::Impl(imp)) => {
                imp.is_negative
                    && imp
                        .trait_
                        .as_ref()
                        .is_some_and(|t| t.path.rsplit("::").next() == Some("Sized"))
            }
            _ => false,
        })
}

/// Why a struct or enum is not a class candidate at all. Lifetime parameters
/// are none: such a class's objects keep what they borrow from (MAPPING:
/// Borrowed results).
pub(crate) fn generics_problem(generics: &rustdoc_types::Generics) -> Option<&'static str> {
    use rustdoc_types::GenericParamDefKind as K;
    generics
        .params
        .iter()
        .any(|p| matches!(p.kind, K::Type { .. } | K::Const { .. }))
        .then_some(GENERIC_TYPE)
}

/// The lifetime parameters of a struct or enum (`'h` of `Match<'h>`).
pub(crate) fn lifetime_params(generics: &rustdoc_types::Generics) -> Vec<String> {
    use rustdoc_types::GenericParamDefKind as K;
    generics
        .params
        .iter()
        .filter(|p| matches!(p.kind, K::Lifetime { .. }))
        .map(|p| p.name.clone())
        .collect()
}

fn convert_field(
    cx: &TypeCx,
    id: &Id,
    positional: Option<usize>,
    subst: &Subst,
) -> Option<FieldCand> {
    let item = cx.krate.index.get(id)?;
    let ItemEnum::StructField(ty) = &item.inner else {
        return None;
    };
    let rust = match positional {
        Some(i) => i.to_string(),
        None => unraw(item.name.as_deref().unwrap_or_default()),
    };
    Some(FieldCand {
        name: match positional {
            Some(i) => format!("_{i}"),
            None => python_name(&rust),
        },
        rust,
        ty: cx.convert(ty, subst),
        doc: cx.doc(item),
        hidden: is_hidden(item),
    })
}

/// The fields of a struct kind or variant kind: (fields, every one listed).
fn fields_of(
    cx: &TypeCx,
    ids: &[Option<Id>],
    named: bool,
    subst: &Subst,
) -> (Vec<FieldCand>, bool) {
    let mut out = Vec::new();
    let mut all = true;
    for (i, id) in ids.iter().enumerate() {
        match id {
            Some(id) => out.extend(convert_field(cx, id, (!named).then_some(i), subst)),
            None => all = false,
        }
    }
    (out, all)
}

/// The shape and fields of a struct.
pub(crate) fn struct_fields(
    cx: &TypeCx,
    kind: &StructKind,
    subst: &Subst,
) -> (Shape, Vec<FieldCand>, bool) {
    match kind {
        StructKind::Unit => (Shape::Unit, Vec::new(), true),
        StructKind::Tuple(ids) => {
            let (f, all) = fields_of(cx, ids, false, subst);
            (Shape::Tuple, f, all)
        }
        StructKind::Plain {
            fields,
            has_stripped_fields,
        } => {
            let ids: Vec<Option<Id>> = fields.iter().map(|f| Some(*f)).collect();
            let (f, all) = fields_of(cx, &ids, true, subst);
            (Shape::Struct, f, all && !has_stripped_fields)
        }
    }
}

pub(crate) fn variants_of(cx: &TypeCx, ids: &[Id], subst: &Subst) -> Vec<VariantCand> {
    let mut out = Vec::new();
    for id in ids {
        let Some(item) = cx.krate.index.get(id) else {
            continue;
        };
        let ItemEnum::Variant(v) = &item.inner else {
            continue;
        };
        let (shape, fields) = match &v.kind {
            VariantKind::Plain => (Shape::Unit, Vec::new()),
            VariantKind::Tuple(ids) => (Shape::Tuple, fields_of(cx, ids, false, subst).0),
            VariantKind::Struct { fields, .. } => {
                let ids: Vec<Option<Id>> = fields.iter().map(|f| Some(*f)).collect();
                (Shape::Struct, fields_of(cx, &ids, true, subst).0)
            }
        };
        let rust = unraw(item.name.as_deref().unwrap_or_default());
        out.push(VariantCand {
            name: rust,
            shape,
            fields,
            discriminant: v.discriminant.as_ref().map(|d| d.expr.clone()),
            doc: cx.doc(item),
        });
    }
    out
}

/// `#[repr(packed)]`: its fields may be unaligned, so they cannot be borrowed.
pub(crate) fn packed(item: &Item) -> bool {
    item.attrs
        .iter()
        .any(|a| matches!(a, Attribute::Repr(r) if r.packed.is_some()))
}

pub(crate) const PACKED: &str =
    "a field of a `#[repr(packed)]` struct may be unaligned, so it cannot be borrowed to read or write it";

pub(crate) fn non_exhaustive(item: &Item) -> bool {
    item.attrs
        .iter()
        .any(|a| matches!(a, Attribute::NonExhaustive))
}

/// Sorts a type's impls into inherent ones, protocol traits and other traits.
/// Auto traits and std's blanket impls (`From<T> for T`, `Any`, ...) are left out.
pub(crate) fn sort_impls<'k>(cx: &TypeCx<'k>, c: &mut Cand<'k>, impls: &[Id]) {
    let mut subst = Subst::new();
    subst.insert("Self".to_string(), c.self_ty.clone());
    for id in impls {
        let Some(ItemEnum::Impl(imp)) = cx.krate.index.get(id).map(|i| &i.inner) else {
            continue;
        };
        if imp.is_synthetic || imp.is_negative {
            continue;
        }
        let Some(tr) = &imp.trait_ else {
            c.inherent.push((imp, subst.clone()));
            continue;
        };
        let from_std = trait_is_std(cx, tr);
        // A blanket impl of another crate's trait (`impl<T: Display> ToString for T`)
        // is that crate's API, not this one's.
        let local_trait = cx.krate.index.get(&tr.id).is_some_and(|i| i.crate_id == 0);
        if imp.blanket_impl.is_some() && !local_trait {
            continue;
        }
        let last = tr.path.rsplit("::").next().unwrap_or_default();
        if from_std && UNLISTED_TRAITS.contains(&last) {
            continue;
        }
        // rustdoc lists impls that name the type anywhere (`impl TryFrom<Money>
        // for i64`): those are the other type's.
        if let Some(other) = impl_for_other(cx, imp, &c.self_ty, &subst) {
            // A type of this crate lists the impl among its own (bound, or
            // skipped with its reason there): no second entry here.
            if for_local_type(cx, imp) {
                continue;
            }
            let shown = cx
                .trait_path(tr, &subst, 0)
                .map(|p| p.without_lifetimes().to_string())
                .unwrap_or_else(|_| tr.path.clone());
            c.other_traits.push((
                format!("<{other} as {shown}>"),
                format!("an impl for `{other}`, not for `{}`: conversions into other types are not bound", c.path),
            ));
            continue;
        }
        c.trait_ids.insert(tr.id);
        if let Some(name) = serde_trait(cx, tr) {
            c.trait_impls.push((name, imp, subst.clone()));
            continue;
        }
        if from_std {
            if let Some(name) = protocol_trait(cx, tr, &c.self_ty, &subst) {
                c.trait_impls.push((name, imp, subst.clone()));
                continue;
            }
        }
        let isubst = super::traits::impl_subst(cx, imp, &subst, &c.self_ty);
        let shared_ref = matches!(
            imp.for_,
            rustdoc_types::Type::BorrowedRef {
                is_mutable: false,
                ..
            }
        );
        match (from_std, last) {
            (true, "IntoIterator") if shared_ref => {
                c.trait_impls.push(("IntoIterator", imp, isubst));
                continue;
            }
            (true, "DoubleEndedIterator") => {
                c.trait_impls
                    .push(("DoubleEndedIterator", imp, isubst.clone()))
            }
            _ => {}
        }
        // A generic impl whose parameter is bounded by a trait of the crate
        // (`impl<I: Index> ops::Index<I> for Value`): one per implementor.
        if imp.blanket_impl.is_none()
            && !matches!(imp.for_, rustdoc_types::Type::BorrowedRef { .. })
        {
            if let Ok(found) = super::natural::implementors(cx, &imp.generics, &subst) {
                let mut args = Vec::new();
                for ty in &found.types {
                    let mut with = subst.clone();
                    with.insert(found.param.clone(), ty.clone());
                    let isubst = super::traits::impl_subst(cx, imp, &with, &c.self_ty);
                    if let Ok(p) = cx.trait_path(tr, &isubst, 0) {
                        args.push(ty.to_string());
                        c.trait_methods.push(super::traits::TraitImpl {
                            imp,
                            subst: isubst,
                            shown: p.without_lifetimes().to_string(),
                            name: last.to_string(),
                            std: from_std,
                            local_trait: local_trait.then_some(tr.id),
                        });
                    }
                }
                c.other_traits.push((
                    format!("<{} as {}>", c.path, tr.path),
                    super::natural::implementors_reason(&args, &found.trait_path),
                ));
                continue;
            }
        }
        let (shown, problem) = match cx.trait_path(tr, &isubst, 0) {
            Ok(p) => (p.without_lifetimes().to_string(), None),
            Err(reason) => (tr.path.clone(), Some(reason)),
        };
        let problem = problem.or_else(|| super::traits::impl_problem(imp, from_std, last));
        match problem {
            Some(reason) => {
                let for_ = match &imp.for_ {
                    rustdoc_types::Type::BorrowedRef {
                        is_mutable: true, ..
                    } => "&mut ",
                    rustdoc_types::Type::BorrowedRef { .. } => "&",
                    _ => "",
                };
                c.other_traits
                    .push((format!("<{for_}{} as {shown}>", c.path), reason))
            }
            None => c.trait_methods.push(super::traits::TraitImpl {
                imp,
                subst: isubst,
                shown,
                name: last.to_string(),
                std: from_std,
                local_trait: local_trait.then_some(tr.id),
            }),
        }
    }
    // `Self::Item` in a subtrait of `Iterator` (`DoubleEndedIterator::next_back`)
    // is the `Iterator` impl's.
    if let Some(Ok(item)) = assoc_item(cx, c, "Iterator") {
        for t in &mut c.trait_methods {
            t.subst
                .entry(super::types::assoc_key("Item"))
                .or_insert_with(|| item.clone());
        }
    }
}

/// The type an impl is for, when it is neither the candidate, a reference to
/// it, nor a blanket impl's parameter.
fn impl_for_other(cx: &TypeCx, imp: &Impl, self_ty: &TypeExpr, subst: &Subst) -> Option<String> {
    use rustdoc_types::Type;
    let for_ = match &imp.for_ {
        Type::Generic(_) => return None,
        Type::BorrowedRef { type_, .. } => &**type_,
        other => other,
    };
    match cx.convert(for_, subst) {
        Ok(t) if t.without_lifetimes() == self_ty.without_lifetimes() => None,
        Ok(t) => Some(t.to_string()),
        Err(_) => Some(match for_ {
            Type::ResolvedPath(p) => p.path.clone(),
            Type::Primitive(name) => name.clone(),
            _ => "another type".to_string(),
        }),
    }
}

/// Whether an impl is for a type (or a reference to one) that this crate defines.
fn for_local_type(cx: &TypeCx, imp: &Impl) -> bool {
    use rustdoc_types::Type;
    let for_ = match &imp.for_ {
        Type::BorrowedRef { type_, .. } => &**type_,
        other => other,
    };
    matches!(for_, Type::ResolvedPath(p) if cx.krate.index.get(&p.id).is_some_and(|i| i.crate_id == 0))
}

fn trait_is_std(cx: &TypeCx, tr: &rustdoc_types::Path) -> bool {
    cx.krate
        .paths
        .get(&tr.id)
        .and_then(|s| s.path.first())
        .is_some_and(|root| matches!(root.as_str(), "std" | "core" | "alloc"))
}

/// serde's `Serialize` or `Deserialize<'de>` (for every `'de`, not only
/// `'static`), if `tr` is one of them.
fn serde_trait(cx: &TypeCx, tr: &rustdoc_types::Path) -> Option<&'static str> {
    let path = &cx.krate.paths.get(&tr.id)?.path;
    let (root, last) = (path.first()?, path.last()?);
    if !SERDE_CRATES.contains(&root.as_str()) {
        return None;
    }
    let name = SERDE_TRAITS.iter().find(|n| *n == last)?;
    if let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() {
        let for_all = args
            .iter()
            .all(|a| matches!(a, rustdoc_types::GenericArg::Lifetime(l) if l != "'static"));
        if !for_all {
            return None;
        }
    }
    Some(name)
}

/// The protocol trait a std trait impl implements for `self_ty`, if any: one of
/// [`PROTOCOL_TRAITS`] whose type arguments (`PartialEq<Rhs>`) are the type itself.
fn protocol_trait(
    cx: &TypeCx,
    tr: &rustdoc_types::Path,
    self_ty: &TypeExpr,
    subst: &Subst,
) -> Option<&'static str> {
    let last = tr.path.rsplit("::").next()?;
    let name = PROTOCOL_TRAITS
        .iter()
        .filter(|t| !ITERATION_TRAITS.contains(t))
        .find(|t| **t == last)?;
    if let Some(rustdoc_types::GenericArgs::AngleBracketed { args, .. }) = tr.args.as_deref() {
        for a in args {
            match a {
                rustdoc_types::GenericArg::Lifetime(_) => {}
                rustdoc_types::GenericArg::Type(t) => match cx.convert(t, subst) {
                    Ok(t) if t.without_lifetimes() == self_ty.without_lifetimes() => {}
                    _ => return None,
                },
                _ => return None,
            }
        }
    }
    Some(name)
}

/// The protocol traits a candidate has, in [`PROTOCOL_TRAITS`] order.
pub(crate) fn protocol_traits(c: &Cand) -> Vec<&'static str> {
    PROTOCOL_TRAITS
        .iter()
        .copied()
        .filter(|t| c.trait_impls.iter().any(|(n, _, _)| n == t))
        .collect()
}

/// Why a field cannot be bound: its type does not convert, or does not lower
/// both as a parameter (assignment) and a value (reading). A field holding a
/// `'static` borrow (`&'static str`) is read-only, so it need only read.
pub(crate) fn field_problem(f: &FieldCand, env: &TypeEnv) -> Option<String> {
    match &f.ty {
        Err(reason) => Some(reason.clone()),
        Ok(ty) if field_holds_borrowing(ty, env).is_some() => field_holds_borrowing(ty, env),
        Ok(ty) if field_borrows(ty) => lower_value(ty, env).err().map(|u| u.reason),
        Ok(ty) => lower_param(ty, env)
            .err()
            .or_else(|| lower_value(ty, env).err())
            .map(|u| u.reason),
    }
}

/// Why a variant's field cannot be bound: a variant is built from its fields,
/// so each must be assignable from Python.
fn variant_field_problem(f: &FieldCand, env: &TypeEnv) -> Option<String> {
    match &f.ty {
        // Constructing it would need a borrow that outlives every Python object.
        Ok(ty) if borrows_for_static(ty) => Some(format!(
            "`{ty}` must be borrowed for the whole program (`'static`), which a value from Python cannot be"
        )),
        Ok(ty) if field_borrows(ty) => Some(format!(
            "`{ty}` is a borrow, which a value from Python cannot lend"
        )),
        _ => field_problem(f, env),
    }
}

/// Why an enum cannot be a class: the first variant field that does not lower.
pub(crate) fn variant_problem(c: &Cand, env: &TypeEnv) -> Option<String> {
    c.variants.iter().find_map(|v| {
        v.fields.iter().find_map(|f| {
            variant_field_problem(f, env).map(|reason| {
                format!(
                    "the field `{}` of the variant `{}`: {reason}",
                    f.rust, v.name
                )
            })
        })
    })
}

/// A class member list and the skipped entries of its members.
struct Members {
    methods: Vec<Method>,
    consts: Vec<Value>,
}

/// Binds a candidate as a class; its members that are not bound become skips.
pub(crate) fn bind_class(
    cx: &TypeCx,
    c: &Cand,
    classes: &Classes,
    env: &TypeEnv,
    skips: &mut Skips,
) -> Class {
    let name = match &c.instance {
        Some((name, _)) => name.clone(),
        None => python_name(c.rust_path.rsplit("::").next().unwrap_or_default()),
    };
    let (fields, all_bound) = bind_fields(c, env, skips);
    let variants = bind_variants(c);
    let (traits, iterator_item) = bind_traits(cx, c, env);
    for (path, reason) in &c.other_traits {
        skips.add(path, "impl", reason);
    }
    let mut members = bind_members(cx, c, classes, env, skips);
    let taken: BTreeSet<String> = fields
        .iter()
        .map(|f| f.name.clone())
        .chain(variants.iter().map(|v| v.name.clone()))
        .chain(members.methods.iter().map(|m| m.name.clone()))
        .chain(members.consts.iter().map(|v| v.name.clone()))
        .collect();
    let trait_methods = super::traits::bind_trait_methods(cx, c, classes, env, &taken, skips);
    let parse = trait_methods
        .iter()
        .find(|m| m.name == "parse" && m.receiver == Receiver::None)
        .cloned();
    members.methods.extend(trait_methods);
    let new_at = members.methods.iter().position(|m| {
        m.rust == "new"
            && m.receiver == Receiver::None
            && crate::idl::ty::parse_type(&m.ret).is_ok_and(|r| returns_self(&r, &c.self_ty))
    });
    let constructor = if c.shape == Shape::Enum {
        Constructor::None
    } else if let Some(i) = new_at {
        Constructor::Method(members.methods.remove(i))
    } else if !c.non_exhaustive && c.all_pub && all_bound {
        Constructor::Fields
    } else if traits.contains(&"Default") {
        Constructor::Default
    } else if let Some(parse) = parse {
        // `FromStr` and no other way to make one: `T("...")`.
        Constructor::Method(parse)
    } else {
        Constructor::None
    };
    let (methods, consts) = unclash(c, &name, &fields, &variants, members, skips);
    Class {
        type_args: c
            .instance
            .as_ref()
            .map(|(_, args)| args.clone())
            .unwrap_or_else(|| c.lifetimes.clone()),
        doc_override: None,
        from_crate: c.from_crate.clone(),
        name,
        path: c.rust_path.clone(),
        doc: cx.doc(c.item),
        shape: c.shape,
        fields,
        variants,
        traits: traits.iter().map(|t| t.to_string()).collect(),
        iterator_item,
        constructor,
        methods,
        consts,
        non_exhaustive: c.non_exhaustive,
    }
}

fn bind_fields(c: &Cand, env: &TypeEnv, skips: &mut Skips) -> (Vec<Field>, bool) {
    let mut fields = Vec::new();
    let mut all_bound = true;
    let packed = packed(c.item);
    for f in &c.fields {
        let problem = if f.hidden {
            Some(HIDDEN.to_string())
        } else if packed {
            Some(PACKED.to_string())
        } else {
            field_problem(f, env)
        };
        match (problem, &f.ty) {
            (None, Ok(ty)) => {
                // A read-only field (`&'static str`) cannot be a parameter of
                // the constructor from fields.
                all_bound &= !field_borrows(ty);
                fields.push(Field {
                    doc_override: None,
                    name: f.name.clone(),
                    rust: f.rust.clone(),
                    ty: ty.to_string(),
                    doc: f.doc.clone(),
                });
            }
            (problem, _) => {
                all_bound = false;
                skips.add(
                    &format!("{}.{}", c.path, f.rust),
                    "field",
                    &problem.unwrap_or_default(),
                );
            }
        }
    }
    (fields, all_bound)
}

/// The variants (their fields all lower: the fixpoint kept only such enums).
fn bind_variants(c: &Cand) -> Vec<Variant> {
    c.variants
        .iter()
        .map(|v| Variant {
            doc_override: None,
            name: python_name(&v.name),
            rust: v.name.clone(),
            shape: v.shape,
            fields: v
                .fields
                .iter()
                .filter_map(|f| {
                    f.ty.as_ref().ok().map(|ty| Field {
                        doc_override: None,
                        name: f.name.clone(),
                        rust: f.rust.clone(),
                        ty: ty.to_string(),
                        doc: f.doc.clone(),
                    })
                })
                .collect(),
            discriminant: v.discriminant.clone(),
            doc: v.doc.clone(),
        })
        .collect()
}

/// The protocol traits; `Iterator` only with an `Item` that lowers as a return
/// value (`DoubleEndedIterator` only with it), `IntoIterator` for `&T` only
/// with an `Item` that is `&U` of a `U` that copies out (and without `Iterator`).
fn bind_traits(cx: &TypeCx, c: &Cand, env: &TypeEnv) -> (Vec<&'static str>, Option<String>) {
    let mut traits = c.traits.clone();
    let mut iterator_item = None;
    if traits.contains(&"Iterator") {
        match assoc_item(cx, c, "Iterator") {
            Some(Ok(ty))
                if lower_iterator_item(&ty, env.borrowing.contains(&c.path), env).is_ok() =>
            {
                iterator_item = Some(ty.to_string())
            }
            _ => traits.retain(|t| *t != "Iterator"),
        }
    }
    if iterator_item.is_none() {
        traits.retain(|t| *t != "DoubleEndedIterator");
    }
    if traits.contains(&"IntoIterator") {
        let borrowed = match assoc_item(cx, c, "IntoIterator") {
            Some(Ok(TypeExpr::Ref {
                mutable: false,
                inner,
                ..
            })) if iterator_item.is_none() && lower_value(&inner, env).is_ok() => Some(*inner),
            _ => None,
        };
        match borrowed {
            Some(ty) => iterator_item = Some(ty.to_string()),
            None => traits.retain(|t| *t != "IntoIterator"),
        }
    }
    (traits, iterator_item)
}

/// The `Item` of the candidate's impl of the protocol trait `name`.
fn assoc_item(cx: &TypeCx, c: &Cand, name: &str) -> Option<Result<TypeExpr, String>> {
    c.trait_impls
        .iter()
        .filter(|(t, _, _)| *t == name)
        .find_map(|(_, imp, subst)| {
            imp.items.iter().find_map(|id| {
                let item = cx.krate.index.get(id)?;
                match &item.inner {
                    ItemEnum::AssocType {
                        type_: Some(ty), ..
                    } if item.name.as_deref() == Some("Item") => Some(cx.convert(ty, subst)),
                    _ => None,
                }
            })
        })
}

/// The methods and consts of the inherent impls.
fn bind_members(
    cx: &TypeCx,
    c: &Cand,
    classes: &Classes,
    env: &TypeEnv,
    skips: &mut Skips,
) -> Members {
    let mut methods = Vec::new();
    let mut consts = Vec::new();
    for (imp, subst) in &c.inherent {
        let impl_hidden = false;
        for id in &imp.items {
            let Some(item) = cx.krate.index.get(id) else {
                continue;
            };
            if !matches!(item.visibility, rustdoc_types::Visibility::Public) {
                continue;
            }
            let rust = unraw(item.name.as_deref().unwrap_or_default());
            let hidden = impl_hidden || is_hidden(item);
            match &item.inner {
                ItemEnum::Function(f) => {
                    let mpath = format!("{}::{rust}", c.path);
                    if hidden {
                        skips.add(&mpath, "method", HIDDEN);
                        continue;
                    }
                    // Generic parameters of MAPPING's table are bound by themselves.
                    let checked = if has_type_params(f) {
                        natural_sig(cx, f, true, subst, classes, env)
                    } else {
                        sig_of(cx, f, true, subst, false)
                            .and_then(|s| {
                                check_method_sig(&s, &c.self_ty, classes, env).map(|()| s)
                            })
                            .map(|s| (s, Vec::new()))
                    };
                    // Else a parameter bounded by a trait of the crate: one
                    // overload per implementor (`Value::get` for `usize`, `String`).
                    let checked = match checked {
                        Err(reason) if has_type_params(f) => {
                            match implementor_sigs(cx, f, true, subst, classes, env) {
                                Ok(found) => {
                                    let args: Vec<String> =
                                        found.sigs.iter().flat_map(|(_, a)| a.clone()).collect();
                                    skips.add(
                                        &mpath,
                                        "method",
                                        &implementors_reason(&args, &found.trait_path),
                                    );
                                    Ok(found.sigs)
                                }
                                Err(_) => Err(reason),
                            }
                        }
                        Ok((s, type_args)) => {
                            if !type_args.is_empty() {
                                skips.add(&mpath, "method", &listed_reason(&type_args));
                            }
                            Ok(vec![(s, type_args)])
                        }
                        Err(reason) => Err(reason),
                    };
                    match checked {
                        Ok(sigs) => {
                            for (s, type_args) in sigs {
                                methods.push(Method {
                                    doc_override: None,
                                    type_args,
                                    name: python_name(&rust),
                                    rust: rust.clone(),
                                    doc: cx.doc(item),
                                    receiver: s.receiver,
                                    receiver_lifetime: s.written_receiver_lifetime(env),
                                    ret: s.ret.to_string(),
                                    params: sig_params(s),
                                    trait_: None,
                                    release_gil: false,
                                })
                            }
                        }
                        Err(reason) => skips.add(&mpath, "method", &reason),
                    }
                }
                ItemEnum::AssocConst { type_, .. } => {
                    let kpath = format!("{}::{rust}", c.path);
                    if hidden {
                        skips.add(&kpath, "const", HIDDEN);
                        continue;
                    }
                    let ty = cx.convert(type_, subst).and_then(|ty| {
                        lower_static_value(&ty, env)
                            .map(|_| ty)
                            .map_err(|u| u.reason)
                    });
                    match ty {
                        Ok(ty) => consts.push(Value {
                            doc_override: None,
                            name: python_name(&rust),
                            // Relative to the class's own crate, like the class's path.
                            path: format!("{}::{rust}", c.rust_path),
                            ty: ty.to_string(),
                            doc: cx.doc(item),
                        }),
                        Err(reason) => skips.add(&kpath, "const", &reason),
                    }
                }
                _ => {}
            }
        }
    }
    Members { methods, consts }
}

/// One Python name per member: fields and variants first, then methods, then consts.
fn unclash(
    c: &Cand,
    class_name: &str,
    fields: &[Field],
    variants: &[Variant],
    members: Members,
    skips: &mut Skips,
) -> (Vec<Method>, Vec<Value>) {
    let mut taken: BTreeSet<String> = fields
        .iter()
        .map(|f| f.name.clone())
        .chain(variants.iter().map(|v| v.name.clone()))
        .collect();
    let clash = |name: &str| {
        format!("its Python name `{name}` is already used by another member of `{class_name}`")
    };
    let mut methods = Vec::new();
    for m in members.methods {
        // An operator's methods share its name, one per right-hand type.
        let operator = crate::ir::operators::Operator::from_python_name(&m.name)
            .is_some_and(|op| op.takes_operand())
            && methods.iter().any(|e: &Method| e.name == m.name);
        // The instantiations of one generic method are overloads of one name.
        let mut earlier = methods
            .iter()
            .filter(|e: &&Method| e.name == m.name)
            .peekable();
        let overload = earlier.peek().is_some() && earlier.all(|e| m.is_overload_of(e));
        if operator || overload || taken.insert(m.name.clone()) {
            methods.push(m);
        } else {
            skips.add(&m.path_in(&c.path), "method", &clash(&m.name));
        }
    }
    let mut consts = Vec::new();
    for v in members.consts {
        if taken.insert(v.name.clone()) {
            consts.push(v);
        } else {
            let rust = v.path.rsplit("::").next().unwrap_or_default();
            skips.add(&format!("{}::{rust}", c.path), "const", &clash(&v.name));
        }
    }
    (methods, consts)
}
