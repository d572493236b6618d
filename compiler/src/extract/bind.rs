//! Decides, for every public item, whether it is bound and how, or why not.
//! Supportedness is the checker's ([`crate::check::types`]), so the front end
//! and `rsbind check` agree on what can be bound.
//!
//! First the classes: every public struct and enum that can be bound at all
//! (not generic, not hidden), less the enums whose variants hold a type that
//! does not lower, to a fixpoint. Every signature is then checked against that
//! set of classes, and the bound items are laid out module by module.

use super::auto::{instantiations, ClassArg, Target};
use super::classes::{
    bind_class, generics_problem, is_unsized, lifetime_params, protocol_traits, sort_impls,
    struct_fields, variant_problem, variants_of, Cand, Layout, NO_VARIANTS, UNSIZED,
};
use super::mentions::{class_mentions, items_mentions};
use super::natural::{has_type_params, listed_reason, natural_sig};
use super::sig::{check_sig, is_generic, params_of, sig_of, sig_params, Classes, FOREIGN, HIDDEN};
use super::skips::Skips;
use super::types::{Subst, TypeCx};
use super::walk::PublicItem;
use crate::idl::python_name;
use crate::idl::ty::{GenericArg, SegmentArgs, TypeExpr, TypePath};
use crate::idl::{Cell, Class, Function, Item, LiveStatic, Module, Shape, Skipped, Value};
use crate::types::{lower_param, lower_static_value, lower_value, TypeEnv};
use rustdoc_types::{Id, ItemEnum};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const STATIC_MUT: &str = "mutable statics cannot be read safely";
pub(crate) const UNION: &str = "unions are not bound";
pub(crate) const TRAIT: &str = "traits are not bound as Python objects";
pub(crate) const MACRO: &str = "macros cannot be bound";
pub(crate) const TYPE_ALIAS: &str =
    "a type alias is not a second name in Python: the interface file writes it expanded where it is used";

/// How deep submodules nest in the interface file; deeper ones are left out.
const MAX_MODULE_DEPTH: usize = 128;

/// `std::sync::atomic` types and the value type each holds.
const ATOMICS: &[(&str, &str)] = &[
    ("AtomicBool", "bool"),
    ("AtomicI8", "i8"),
    ("AtomicI16", "i16"),
    ("AtomicI32", "i32"),
    ("AtomicI64", "i64"),
    ("AtomicIsize", "isize"),
    ("AtomicU8", "u8"),
    ("AtomicU16", "u16"),
    ("AtomicU32", "u32"),
    ("AtomicU64", "u64"),
    ("AtomicUsize", "usize"),
];

/// The items of one module, bucketed by kind, each with its walk order.
#[derive(Default)]
struct ModItems {
    classes: Vec<(usize, Item)>,
    values: Vec<(usize, Item)>,
    functions: Vec<(usize, Item)>,
}

/// What binding found.
pub(crate) struct Bound {
    /// The crate's items, then a submodule per dependency whose classes are bound.
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// The dependencies whose classes are bound.
    pub used_deps: Vec<String>,
    /// The bound classes (with dependency classes named `lib::path`), for instantiations.
    pub classes: Vec<Class>,
    /// The paths of the crate's traits that Python objects may implement.
    pub traits: Vec<String>,
}

fn self_type(path: &str, lifetimes: &[String]) -> TypeExpr {
    let names: Vec<&str> = path.split("::").collect();
    let mut p = TypePath::simple(&names);
    if !lifetimes.is_empty() {
        let last = p.segments.len() - 1;
        p.segments[last].args = SegmentArgs::Angle(
            lifetimes
                .iter()
                .map(|l| GenericArg::Lifetime(l.clone()))
                .collect(),
        );
    }
    TypeExpr::Path(p)
}

/// A class candidate for a public struct or enum, or why it is none.
pub(crate) fn candidate<'k>(
    cx: &TypeCx<'k>,
    unit: usize,
    p: &PublicItem,
) -> Option<Result<Cand<'k>, (String, &'static str, String)>> {
    let item = cx.krate.index.get(&p.id)?;
    let (generics, kind, impls, no_variants) = match &item.inner {
        ItemEnum::Struct(s) => (&s.generics, "struct", &s.impls, false),
        ItemEnum::Enum(e) => (
            &e.generics,
            "enum",
            &e.impls,
            e.variants.is_empty() && !e.has_stripped_variants,
        ),
        _ => return None,
    };
    let rust_path = p.joined();
    let path = match cx.lib {
        Some(lib) => format!("{lib}::{rust_path}"),
        None => rust_path.clone(),
    };
    let reason = if p.hidden {
        Some(HIDDEN)
    } else if no_variants {
        Some(NO_VARIANTS)
    } else if is_unsized(cx, impls) {
        Some(UNSIZED)
    } else {
        generics_problem(generics)
    };
    if let Some(reason) = reason {
        return Some(Err((path, kind, reason.to_string())));
    }
    let lifetimes = lifetime_params(generics);
    let self_ty = self_type(&path, &lifetimes);
    let mut subst = Subst::new();
    subst.insert("Self".to_string(), self_ty.clone());
    let (shape, fields, all_pub, variants) = match &item.inner {
        ItemEnum::Struct(s) => {
            let (shape, fields, all_pub) = struct_fields(cx, &s.kind, &subst);
            (shape, fields, all_pub, Vec::new())
        }
        ItemEnum::Enum(e) => (
            Shape::Enum,
            Vec::new(),
            true,
            variants_of(cx, &e.variants, &subst),
        ),
        _ => return None,
    };
    let layout = Layout {
        shape,
        fields,
        all_pub,
        variants,
    };
    let mut c = Cand::new(cx, unit, p, item, path, self_ty, layout);
    c.lifetimes = lifetimes;
    sort_impls(cx, &mut c, impls);
    c.traits = protocol_traits(&c);
    Some(Ok(c))
}

/// The class set: the candidates left alive by the enum fixpoint.
fn settle(cands: &mut [Cand]) -> (Classes, Vec<String>, Vec<String>) {
    loop {
        let (classes, not_clone, borrowing) = class_set(cands);
        let env = TypeEnv {
            classes: &classes.paths,
            not_clone: &not_clone,
            borrowing: &borrowing,
            traits: &[],
        };
        let mut changed = false;
        for c in cands.iter_mut().filter(|c| c.alive) {
            if let Some(reason) = variant_problem(c, &env) {
                c.alive = false;
                c.dropped = Some(reason);
                changed = true;
            }
        }
        if !changed {
            return (classes, not_clone, borrowing);
        }
    }
}

fn class_set(cands: &[Cand]) -> (Classes, Vec<String>, Vec<String>) {
    let alive = || cands.iter().filter(|c| c.alive);
    let classes = Classes {
        paths: alive().map(|c| c.path.clone()).collect(),
        no_display: alive()
            .filter(|c| !c.traits.contains(&"Display"))
            .map(|c| c.path.clone())
            .collect(),
    };
    let not_clone = alive()
        .filter(|c| !c.traits.contains(&"Clone"))
        .map(|c| c.path.clone())
        .collect();
    let borrowing = alive()
        .filter(|c| !c.lifetimes.is_empty())
        .map(|c| c.path.clone())
        .collect();
    (classes, not_clone, borrowing)
}

/// The class candidates of every unit; the structs and enums that are none
/// become skips (a dependency's kept apart: only those the API reaches count).
fn candidates<'k>(
    units: &[(TypeCx<'k>, Vec<PublicItem>)],
    skips: &mut Skips,
    dep_skips: &mut Vec<((String, Id), Skipped)>,
) -> Vec<Cand<'k>> {
    let mut cands = Vec::new();
    for (u, (cx, list)) in units.iter().enumerate() {
        for p in list {
            match candidate(cx, u, p) {
                Some(Ok(c)) => cands.push(c),
                Some(Err((path, kind, reason))) => match cx.lib {
                    None => skips.add(&path, kind, &reason),
                    Some(lib) => dep_skips.push((
                        (lib.to_string(), p.id),
                        Skipped {
                            path,
                            kind: kind.to_string(),
                            reason,
                        },
                    )),
                },
                None => {}
            }
        }
    }
    cands
}

/// Binds the crate (`units[0]`) and the dependency types met so far
/// (`units[1..]`, each with the ids wanted of it).
pub(crate) fn bind(units: &[(TypeCx, Vec<PublicItem>)]) -> Bound {
    let mut skips = Skips::default();
    let mut dep_skips: Vec<((String, Id), Skipped)> = Vec::new();
    let mut cands = candidates(units, &mut skips, &mut dep_skips);
    if let Some((cx, list)) = units.first() {
        add_instances(cx, list, &mut cands);
    }
    let (classes, not_clone, borrowing) = settle(&mut cands);
    let trait_paths = match units.first() {
        Some((cx, list)) => bindable_traits(cx, list, &classes.paths, &not_clone, &borrowing),
        None => Vec::new(),
    };
    let env = TypeEnv {
        classes: &classes.paths,
        not_clone: &not_clone,
        borrowing: &borrowing,
        traits: &trait_paths,
    };
    let mut modules: BTreeMap<Vec<String>, ModItems> = BTreeMap::new();
    let mut dep_classes: Vec<(Class, Vec<Skipped>, usize)> = Vec::new();
    let mut bound_classes = Vec::new();
    for c in &cands {
        let cx = &units[c.unit].0;
        let kind = if c.shape == Shape::Enum {
            "enum"
        } else {
            "struct"
        };
        if !c.alive {
            let s = Skipped {
                path: c.path.clone(),
                kind: kind.to_string(),
                reason: c.dropped.clone().unwrap_or_default(),
            };
            match &c.from_crate {
                None => skips.0.push(s),
                Some(lib) => dep_skips.push(((lib.clone(), c.id), s)),
            }
            continue;
        }
        let mut own = Skips::default();
        let class = bind_class(cx, c, &classes, &env, &mut own);
        bound_classes.push(class.clone());
        match &c.from_crate {
            None => {
                skips.0.append(&mut own.0);
                modules
                    .entry(c.module.clone())
                    .or_default()
                    .classes
                    .push((c.order, Item::Class(class)));
            }
            Some(_) => dep_classes.push((class, own.0, c.order)),
        }
    }
    if let Some((cx, list)) = units.first() {
        let args: Vec<ClassArg> = cands
            .iter()
            .filter(|c| c.alive && c.from_crate.is_none())
            .map(|c| ClassArg {
                ty: c.self_ty.clone(),
                python_name: c
                    .instance
                    .as_ref()
                    .map(|(n, _)| n.clone())
                    .unwrap_or_else(|| {
                        c.rust_path
                            .rsplit("::")
                            .next()
                            .unwrap_or_default()
                            .to_string()
                    }),
                trait_ids: c.trait_ids.clone(),
            })
            .collect();
        let bound_classes = ClassesInScope {
            classes: &classes,
            env: &env,
            args: &args,
        };
        free_items(cx, list, &bound_classes, &mut modules, &mut skips);
        extension_functions(cx, list, &bound_classes, &mut modules, &mut skips);
        reexports(cx, &mut skips);
    }
    let mut items = match units.first() {
        Some((cx, _)) => layout(cx, modules),
        None => Vec::new(),
    };
    let dep_docs: BTreeMap<String, String> = units
        .iter()
        .filter_map(|(cx, _)| {
            let doc = cx.doc_of_id(&cx.krate.root);
            Some((cx.lib?.to_string(), doc))
        })
        .collect();
    let used_deps =
        add_dependency_modules(&mut items, dep_classes, dep_skips, &dep_docs, &mut skips);
    Bound {
        items,
        skipped: skips.finish(),
        used_deps,
        classes: bound_classes,
        traits: trait_paths,
    }
}

/// How many rounds of instantiations found inside instantiations are followed.
const MAX_INSTANCE_ROUNDS: usize = 16;

/// Instantiations of the crate's generic structs that its own API writes with
/// concrete arguments (a field `Map<String, Value>`, a parameter `Stack<i32>`),
/// added as class candidates: the interface file lists them like any curated
/// instantiation, where a person can rename or remove them.
fn add_instances<'k>(cx: &TypeCx<'k>, list: &[PublicItem], cands: &mut Vec<Cand<'k>>) {
    let generic: BTreeMap<String, &PublicItem> = list
        .iter()
        .filter(|p| !p.hidden)
        .filter(|p| match cx.krate.index.get(&p.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => {
                generics_problem(&s.generics) == Some(super::classes::GENERIC_TYPE)
            }
            _ => false,
        })
        .map(|p| (p.joined(), p))
        .collect();
    if generic.is_empty() {
        return;
    }
    let first_instance = cands.len();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut written: Vec<TypeExpr> = Vec::new();
    for c in cands.iter() {
        written.extend(cand_types(cx, c));
    }
    written.extend(function_types(cx, list));
    for _ in 0..MAX_INSTANCE_ROUNDS {
        let mut wanted: Vec<TypePath> = Vec::new();
        for ty in &written {
            collect_instances(ty, &generic, &mut wanted);
        }
        written.clear();
        let traits: BTreeMap<String, Vec<String>> = cands
            .iter()
            .map(|c| {
                (
                    c.path.clone(),
                    c.traits.iter().map(|t| t.to_string()).collect(),
                )
            })
            .collect();
        let mut grew = false;
        for p in wanted {
            let shown = p.to_string();
            if !done.insert(shown) {
                continue;
            }
            let args: Vec<String> = p.type_args().iter().map(|t| t.to_string()).collect();
            if let Ok((c, _)) = super::instances::instance(cx, &p.names(), &args, &traits) {
                written.extend(cand_types(cx, &c));
                cands.push(c);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    name_single_instances(cands, first_instance);
}

/// A generic struct instantiated once takes its own name (`Map` for the one
/// `Map<String, Value>`); instantiated more than once, each instantiation is
/// named after its arguments too (`StackI32`, `StackString`).
fn name_single_instances(cands: &mut [Cand], first_instance: usize) {
    let Some(instances) = cands.get_mut(first_instance..) else {
        return;
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for c in instances.iter() {
        *count.entry(c.rust_path.clone()).or_default() += 1;
    }
    for c in instances.iter_mut() {
        if count.get(&c.rust_path) == Some(&1) {
            if let Some((name, _)) = &mut c.instance {
                *name = python_name(c.rust_path.rsplit("::").next().unwrap_or_default());
            }
        }
    }
    // Arguments that name alike (`Box<dyn A>`, `Box<dyn B>`: `KeyPairBoxDyn`)
    // are told apart by a number, in the order the crate writes them.
    let mut taken: BTreeSet<(Vec<String>, String)> = BTreeSet::new();
    for c in instances.iter_mut() {
        let module = c.module.clone();
        if let Some((name, _)) = &mut c.instance {
            let base = name.clone();
            let mut n = 1;
            while !taken.insert((module.clone(), name.clone())) {
                n += 1;
                *name = format!("{base}{n}");
            }
        }
    }
}

/// The types a candidate's fields and methods (inherent and traits') write.
fn cand_types(cx: &TypeCx, c: &Cand) -> Vec<TypeExpr> {
    let mut out: Vec<TypeExpr> = c
        .fields
        .iter()
        .chain(c.variants.iter().flat_map(|v| &v.fields))
        .filter_map(|f| f.ty.clone().ok())
        .collect();
    let trait_impls = c.trait_methods.iter().map(|t| (t.imp, &t.subst));
    for (imp, subst) in c.inherent.iter().map(|(i, s)| (*i, s)).chain(trait_impls) {
        for id in &imp.items {
            if let Some(ItemEnum::Function(f)) = cx.krate.index.get(id).map(|i| &i.inner) {
                out.extend(signature_types(cx, f, subst));
            }
        }
    }
    out
}

/// The types the free functions write.
fn function_types(cx: &TypeCx, list: &[PublicItem]) -> Vec<TypeExpr> {
    let mut out = Vec::new();
    for p in list {
        if let Some(ItemEnum::Function(f)) = cx.krate.index.get(&p.id).map(|i| &i.inner) {
            out.extend(signature_types(cx, f, &Subst::new()));
        }
    }
    out
}

fn signature_types(cx: &TypeCx, f: &rustdoc_types::Function, subst: &Subst) -> Vec<TypeExpr> {
    f.sig
        .inputs
        .iter()
        .map(|(_, t)| t)
        .chain(f.sig.output.as_ref())
        .filter_map(|t| cx.convert(t, subst).ok())
        .collect()
}

/// The paths in `ty` that name one of the `generic` structs with type arguments.
fn collect_instances(
    ty: &TypeExpr,
    generic: &BTreeMap<String, &PublicItem>,
    out: &mut Vec<TypePath>,
) {
    match ty {
        TypeExpr::Path(p) => {
            // Only owned arguments: a borrowing one (`SymbolMapName<'data>`) would
            // need its lifetime, which a class cannot have.
            let owned = !ty.to_string().contains('\'') && !ty.to_string().contains('&');
            if generic.contains_key(&p.names()) && !p.type_args().is_empty() && owned {
                out.push(p.clone());
            }
            for t in p.type_args() {
                collect_instances(t, generic, out);
            }
        }
        TypeExpr::Ref { inner, .. } | TypeExpr::Slice(inner) | TypeExpr::Array(inner, _) => {
            collect_instances(inner, generic, out)
        }
        TypeExpr::Tuple(items) => {
            for t in items {
                collect_instances(t, generic, out);
            }
        }
        _ => {}
    }
}

/// Functions, consts and statics, and the skipped entries of everything else.
/// The bound classes, as free items see them.
/// The paths of the crate's traits that bind: to a fixpoint, since a
/// method may name another trait (`-> Box<dyn Shape>`).
fn bindable_traits(
    cx: &TypeCx,
    list: &[PublicItem],
    classes: &[String],
    not_clone: &[String],
    borrowing: &[String],
) -> Vec<String> {
    let items: Vec<(String, &rustdoc_types::Item)> = list
        .iter()
        .filter(|p| !p.hidden)
        .filter_map(|p| {
            let item = cx.krate.index.get(&p.id)?;
            matches!(item.inner, ItemEnum::Trait(_)).then(|| (p.joined(), item))
        })
        .collect();
    let mut paths: Vec<String> = items.iter().map(|(p, _)| p.clone()).collect();
    loop {
        let env = TypeEnv {
            classes,
            not_clone,
            borrowing,
            traits: &paths,
        };
        let kept: Vec<String> = items
            .iter()
            .filter(|(path, item)| {
                paths.contains(path)
                    && super::dyn_traits::bind_trait(cx, item, String::new(), path, &env).is_ok()
            })
            .map(|(p, _)| p.clone())
            .collect();
        if kept == paths {
            return paths;
        }
        paths = kept;
    }
}

struct ClassesInScope<'a> {
    classes: &'a Classes,
    env: &'a TypeEnv<'a>,
    /// The crate's classes as arguments of its generic functions.
    args: &'a [ClassArg],
}

fn free_items(
    cx: &TypeCx,
    list: &[PublicItem],
    bound_classes: &ClassesInScope,
    modules: &mut BTreeMap<Vec<String>, ModItems>,
    skips: &mut Skips,
) {
    let (classes, env) = (bound_classes.classes, bound_classes.env);
    for p in list {
        let Some(item) = cx.krate.index.get(&p.id) else {
            continue;
        };
        let path = p.joined();
        let (kind, reason) = match &item.inner {
            ItemEnum::Struct(_) | ItemEnum::Enum(_) => continue,
            ItemEnum::TypeAlias(_) => ("type", Some(TYPE_ALIAS)),
            ItemEnum::Primitive(_) | ItemEnum::Module(_) | ItemEnum::Use(_) => continue,
            ItemEnum::Function(_) => ("fn", None),
            ItemEnum::Constant { .. } => ("const", None),
            ItemEnum::Static(_) => ("static", None),
            ItemEnum::Union(_) => ("union", Some(UNION)),
            ItemEnum::Trait(_) => ("trait", None),
            ItemEnum::TraitAlias(_) => ("trait", Some(TRAIT)),
            ItemEnum::Macro(_) | ItemEnum::ProcMacro(_) => ("macro", Some(MACRO)),
            ItemEnum::ExternType => ("type", Some(FOREIGN)),
            ItemEnum::ExternCrate { .. } => ("use", Some("re-exports another crate")),
            _ => continue,
        };
        if p.hidden {
            skips.add(&path, kind, HIDDEN);
            continue;
        }
        if let Some(reason) = reason {
            skips.add(&path, kind, reason);
            continue;
        }
        let name = python_name(p.segments.last().map(String::as_str).unwrap_or_default());
        let doc = cx.doc(item);
        let mut natural = None;
        if let ItemEnum::Function(f) = &item.inner {
            if f.has_body && has_type_params(f) {
                natural = Some(natural_sig(cx, f, false, &Subst::new(), classes, env));
            }
            if matches!(natural, Some(Err(_)))
                && bind_instantiations(cx, f, p, &doc, bound_classes, modules, skips)
            {
                continue;
            }
        }
        let bound = match (&item.inner, natural) {
            (ItemEnum::Trait(_), _) => {
                super::dyn_traits::bind_trait(cx, item, name, &path, env).map(Item::Trait)
            }
            (ItemEnum::Function(f), _) if !f.has_body => Err(FOREIGN.to_string()),
            (ItemEnum::Function(_), Some(Ok((s, type_args)))) => {
                if !type_args.is_empty() {
                    skips.add(&path, kind, &listed_reason(&type_args));
                }
                Ok(Item::Function(Function {
                    doc_override: None,
                    type_args,
                    name,
                    path: path.clone(),
                    doc,
                    ret: s.ret.to_string(),
                    params: sig_params(s),
                    release_gil: false,
                }))
            }
            (ItemEnum::Function(_), Some(Err(reason))) => Err(reason),
            (ItemEnum::Function(f), None) => sig_of(cx, f, false, &Subst::new(), false)
                .and_then(|s| check_sig(&s, classes, env).map(|()| s))
                .map(|s| {
                    Item::Function(Function {
                        doc_override: None,
                        type_args: Vec::new(),
                        name,
                        path: path.clone(),
                        doc,
                        params: params_of(s.params),
                        ret: s.ret.to_string(),
                        release_gil: false,
                    })
                }),
            (ItemEnum::Constant { type_, .. }, _) => cx
                .convert(type_, &Subst::new())
                .and_then(|ty| {
                    lower_static_value(&ty, env)
                        .map(|_| ty)
                        .map_err(|u| u.reason)
                })
                .map(|ty| Item::Const(value(name, path.clone(), &ty, doc))),
            (ItemEnum::Static(s), _) if s.is_mutable => Err(STATIC_MUT.to_string()),
            (ItemEnum::Static(s), _) if s.is_unsafe => Err(FOREIGN.to_string()),
            (ItemEnum::Static(s), _) => cx
                .convert(&s.type_, &Subst::new())
                .and_then(|ty| bind_static(&ty, env, name, &path, doc)),
            _ => continue,
        };
        match bound {
            Ok(bound) => {
                let m = modules.entry(p.module().to_vec()).or_default();
                let list = match bound {
                    Item::Function(_) => &mut m.functions,
                    Item::Trait(_) => &mut m.classes,
                    _ => &mut m.values,
                };
                list.push((p.order, bound));
            }
            Err(reason) => skips.add(&path, kind, &reason),
        }
    }
}

/// The methods of the crate's traits for std types, as module functions ([`super::ext`]).
fn extension_functions(
    cx: &TypeCx,
    list: &[PublicItem],
    scope: &ClassesInScope,
    modules: &mut BTreeMap<Vec<String>, ModItems>,
    skips: &mut Skips,
) {
    let taken: BTreeMap<Vec<String>, BTreeSet<String>> = modules
        .iter()
        .map(|(path, m)| {
            let names = [&m.classes, &m.values, &m.functions]
                .into_iter()
                .flatten()
                .map(|(_, item)| item.name().to_string())
                .collect();
            (path.clone(), names)
        })
        .collect();
    let found = super::ext::extension_functions(cx, list, scope.classes, scope.env, &taken, skips);
    for (module, order, f) in found {
        let m = modules.entry(module).or_default();
        m.functions.push((order, Item::Function(f)));
    }
}

/// A generic function bound through its automatic instantiations ([`super::auto`]),
/// the generic itself listed as skipped with them; false when it has none.
fn bind_instantiations(
    cx: &TypeCx,
    f: &rustdoc_types::Function,
    p: &PublicItem,
    doc: &str,
    scope: &ClassesInScope,
    modules: &mut BTreeMap<Vec<String>, ModItems>,
    skips: &mut Skips,
) -> bool {
    if !is_generic(f) || !f.has_body || p.hidden {
        return false;
    }
    let path = p.joined();
    let target = Target {
        path: &path,
        name: p.segments.last().map(String::as_str).unwrap_or_default(),
        doc,
    };
    let found = instantiations(cx, f, target, scope.args, scope.classes, scope.env);
    if found.is_empty() {
        return false;
    }
    // The generic itself stays listed: others can be instantiated by hand, and
    // re-extraction and the drift check find it here.
    let with: Vec<&str> = found.iter().map(|f| f.type_args[0].as_str()).collect();
    skips.add(
        &path,
        "fn",
        &format!(
            "generic: bound as its instantiations for {}, the crate's types that meet its bounds; list others in the interface file",
            with.join(", ")
        ),
    );
    let m = modules.entry(p.module().to_vec()).or_default();
    m.functions
        .extend(found.into_iter().map(|f| (p.order, Item::Function(f))));
    true
}

/// Re-exports of other crates' items, `pub use`s rustdoc could not follow, and
/// hidden second names of items.
fn reexports(cx: &TypeCx, skips: &mut Skips) {
    for p in &cx.surface.hidden_aliases {
        skips.add(&p.joined(), "use", HIDDEN);
    }
    for e in &cx.surface.externals {
        let path = e.segments.join("::");
        if e.hidden {
            skips.add(&path, "use", HIDDEN);
        } else {
            skips.add(
                &path,
                "use",
                &format!("re-exports `{}` of another crate", e.source),
            );
        }
    }
    for (segments, source) in &cx.surface.unresolved {
        skips.add(
            &segments.join("::"),
            "use",
            &format!("the re-exported path `{source}` is not an item rustdoc documents"),
        );
    }
}

fn value(name: String, path: String, ty: &TypeExpr, doc: String) -> Value {
    Value {
        doc_override: None,
        name,
        path,
        ty: ty.to_string(),
        doc,
    }
}

/// A non-`mut` static: a live static for atomics and locks, a plain one otherwise.
fn bind_static(
    ty: &TypeExpr,
    env: &TypeEnv,
    name: String,
    path: &str,
    doc: String,
) -> Result<Item, String> {
    if let TypeExpr::Path(p) = ty {
        let names = p.names();
        let live = |held: String, cell| {
            Item::LiveStatic(LiveStatic {
                doc_override: None,
                name: name.clone(),
                path: path.to_string(),
                ty: held,
                cell,
                doc: doc.clone(),
            })
        };
        if let Some(atomic) = names.strip_prefix("std::sync::atomic::") {
            if let Some((_, held)) = ATOMICS.iter().find(|(a, _)| *a == atomic) {
                if matches!(p.last().args, SegmentArgs::None) {
                    return Ok(live(held.to_string(), Cell::Atomic));
                }
            }
        }
        let lock = match names.as_str() {
            "std::sync::Mutex" => Some((Cell::Mutex, "Mutex")),
            "std::sync::RwLock" => Some((Cell::RwLock, "RwLock")),
            _ => None,
        };
        if let Some((cell, lock_name)) = lock {
            let args = p.type_args();
            let [inner] = args.as_slice() else {
                return Err(format!("`{ty}` needs one type argument"));
            };
            if let Some(u) = lower_param(inner, env)
                .err()
                .or_else(|| lower_value(inner, env).err())
            {
                return Err(format!("the value inside the `{lock_name}`: {}", u.reason));
            }
            return Ok(live(inner.to_string(), cell));
        }
    }
    lower_static_value(ty, env).map_err(|u| u.reason)?;
    Ok(Item::Static(value(name, path.to_string(), ty, doc)))
}

/// The items of every module, nested: each module's classes, then its consts and
/// statics, then its functions, then its submodules that bind something.
fn layout(cx: &TypeCx, mut modules: BTreeMap<Vec<String>, ModItems>) -> Vec<Item> {
    let mut known: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
    for (path, (order, id, hidden)) in &cx.surface.modules {
        if *hidden {
            continue;
        }
        let doc = cx.doc_of_id(id);
        known.insert(path.clone(), (*order, doc));
    }
    let prefixes: Vec<Vec<String>> = modules.keys().cloned().collect();
    for p in prefixes {
        for n in 0..=p.len() {
            known
                .entry(p[..n].to_vec())
                .or_insert((usize::MAX, String::new()));
        }
    }
    let mut children: BTreeMap<Vec<String>, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    for (path, (order, _)) in &known {
        if let Some((_, parent)) = path.split_last() {
            children
                .entry(parent.to_vec())
                .or_default()
                .push((*order, path.clone()));
        }
    }
    for list in children.values_mut() {
        list.sort();
    }
    build_module(&[], &mut modules, &known, &children, 0)
}

fn build_module(
    path: &[String],
    modules: &mut BTreeMap<Vec<String>, ModItems>,
    known: &BTreeMap<Vec<String>, (usize, String)>,
    children: &BTreeMap<Vec<String>, Vec<(usize, Vec<String>)>>,
    depth: usize,
) -> Vec<Item> {
    let mut items = Vec::new();
    if let Some(mut m) = modules.remove(path) {
        for list in [&mut m.classes, &mut m.values, &mut m.functions] {
            list.sort_by_key(|(order, _)| *order);
            items.extend(list.drain(..).map(|(_, item)| item));
        }
    }
    if depth >= MAX_MODULE_DEPTH {
        return items;
    }
    for (_, child) in children.get(path).map(Vec::as_slice).unwrap_or_default() {
        let sub = build_module(child, modules, known, children, depth + 1);
        if sub.is_empty() {
            continue;
        }
        let Some(last) = child.last() else { continue };
        // Rust keeps modules and values apart (`mod config` beside `fn config`);
        // Python has one namespace, so the module gives way.
        let mut name = python_name(last);
        while items.iter().any(|i| i.name() == name) {
            name.push_str("_mod");
        }
        items.push(Item::Module(Module {
            doc_override: None,
            name,
            path: child.join("::"),
            doc: known.get(child).map(|(_, d)| d.clone()).unwrap_or_default(),
            items: sub,
        }));
    }
    items
}

/// How type strings name a class: its path, or `lib::path` for a dependency's.
pub(crate) fn class_name(c: &Class) -> String {
    match &c.from_crate {
        Some(lib) => format!("{lib}::{}", c.path),
        None => c.path.clone(),
    }
}

/// Adds a submodule per dependency with the classes of it that the bound API
/// reaches (through bound items, transitively), and the skips of those.
fn add_dependency_modules(
    items: &mut Vec<Item>,
    dep_classes: Vec<(Class, Vec<Skipped>, usize)>,
    dep_skips: Vec<((String, Id), Skipped)>,
    dep_docs: &BTreeMap<String, String>,
    skips: &mut Skips,
) -> Vec<String> {
    let by_name: BTreeMap<String, usize> = dep_classes
        .iter()
        .enumerate()
        .map(|(i, (c, _, _))| (class_name(c), i))
        .collect();
    let mut mentioned = BTreeSet::new();
    items_mentions(items, &mut mentioned);
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut queue: Vec<usize> = mentioned
        .iter()
        .filter_map(|n| by_name.get(n).copied())
        .collect();
    while let Some(i) = queue.pop() {
        if !used.insert(i) {
            continue;
        }
        let mut more = BTreeSet::new();
        class_mentions(&dep_classes[i].0, &mut more);
        mentioned.extend(more.iter().cloned());
        queue.extend(more.iter().filter_map(|n| by_name.get(n).copied()));
    }
    for (_, s) in dep_skips {
        if mentioned.contains(&s.path) {
            skips.0.push(s);
        }
    }
    let mut per_lib: BTreeMap<String, Vec<(Class, Vec<Skipped>, usize)>> = BTreeMap::new();
    for (i, d) in dep_classes.into_iter().enumerate() {
        if used.contains(&i) {
            let lib = d.0.from_crate.clone().unwrap_or_default();
            per_lib.entry(lib).or_default().push(d);
        }
    }
    let used_deps: Vec<String> = per_lib.keys().cloned().collect();
    let mut taken: BTreeSet<String> = items.iter().map(|i| i.name().to_string()).collect();
    for (lib, mut list) in per_lib {
        list.sort_by_key(|(_, _, order)| *order);
        let mut names = BTreeSet::new();
        let mut classes = Vec::new();
        for (mut class, mut member_skips, _) in list {
            skips.0.append(&mut member_skips);
            // Types of one name in two modules of the dependency: the later one
            // is named by its whole path.
            if !names.insert(class.name.clone()) {
                class.name = python_name(&class.path.replace("::", "_"));
                names.insert(class.name.clone());
            }
            classes.push(Item::Class(class));
        }
        let mut name = python_name(&lib);
        while taken.contains(&name) {
            name.push_str("_types");
        }
        taken.insert(name.clone());
        items.push(Item::Module(Module {
            doc_override: None,
            name,
            doc: dep_docs.get(&lib).cloned().unwrap_or_default(),
            path: lib,
            items: classes,
        }));
    }
    used_deps
}
