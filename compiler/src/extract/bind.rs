//! Pass 3: decides, for every public item, whether it is bound and how, or why
//! not. Supportedness is the checker's ([`crate::check::types`]), so the front
//! end and `rsbind check` agree on what can be bound.
//!
//! First the classes: every public struct and enum that can be bound at all
//! (not generic, not hidden), less the enums whose variants hold a type that does
//! not lower, to a fixpoint. Every signature is then checked against that set of
//! classes, and the bound items are laid out module by module.

use super::deps::Origin;
use super::modules::{Def, FieldDef, Generics, ImplInfo, ItemId, ItemInfo, TypeDef, VariantDef};
use super::resolve::{PublicPath, Target};
use super::types::{path_names, Subst, TypeCx};
use crate::check::python_name;
use crate::check::types::{lower_param, lower_return, lower_value, TypeEnv};
use crate::idl::ty::{Bound as TraitBound, GenericArg, SegmentArgs, TypeExpr, TypePath};
use crate::idl::{
    Cell, Class, Constructor, Field, Function, Item, LiveStatic, Method, Module, Param, Receiver,
    Shape, Skipped, Value, Variant,
};
use std::collections::{BTreeMap, BTreeSet};
use syn::{FnArg, Pat};

pub(crate) const HIDDEN: &str = "hidden with `#[doc(hidden)]`";
pub(crate) const UNSAFE: &str = "unsafe functions cannot be called safely from Python";
pub(crate) const ASYNC: &str = "async functions are not bound";
pub(crate) const GENERIC: &str =
    "generic functions need instantiations listed in the interface file";
pub(crate) const GENERIC_TYPE: &str =
    "generic types need instantiations listed in the interface file";
pub(crate) const LIFETIME_TYPE: &str =
    "types with lifetime parameters borrow data that Python cannot keep alive";
pub(crate) const VARIADIC: &str = "variadic functions cannot be called from Python";
pub(crate) const METHOD: &str = "methods are bound with their type";
pub(crate) const STATIC_MUT: &str = "mutable statics cannot be read safely";
pub(crate) const UNION: &str = "unions are not bound";
pub(crate) const TRAIT: &str = "traits are bound from the callbacks issue on";
pub(crate) const MACRO: &str = "macros cannot be bound";
pub(crate) const FOREIGN: &str = "foreign items (of an `extern` block) are not bound";

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
];

/// Standard modules a trait path may start with when written relative to an
/// import rsbind could not follow (`fmt::Display` after a `use` in a function body).
const STD_TRAIT_MODULES: &[&str] = &["fmt", "hash", "cmp", "clone", "default", "iter", "marker"];

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

/// How deep submodules nest in the interface file; deeper ones are left out.
const MAX_MODULE_DEPTH: usize = 128;

/// The skipped entries, collected as they are found and sorted at the end.
#[derive(Default)]
struct Skips(Vec<Skipped>);

impl Skips {
    fn add(&mut self, path: &str, kind: &str, reason: &str) {
        self.0.push(Skipped {
            path: path.to_string(),
            kind: kind.to_string(),
            reason: reason.to_string(),
        });
    }
}

/// A converted parameter: (Rust name for messages, Python name, type).
pub(crate) type Params = Vec<(String, String, TypeExpr)>;

/// A function or method signature, converted.
pub(crate) struct Sig {
    pub receiver: Receiver,
    pub params: Params,
    pub ret: TypeExpr,
}

/// A field of a struct or a variant, converted.
struct FieldCand<'a> {
    def: &'a FieldDef,
    /// The Python name: the field's name, or `_0`, `_1`, ... by position.
    name: String,
    ty: Result<TypeExpr, String>,
}

struct VariantCand<'a> {
    def: &'a VariantDef,
    fields: Vec<FieldCand<'a>>,
}

/// A struct or enum that may become a class.
struct ClassCand<'a> {
    /// Which crate: 0 the bound one, `i + 1` the dependency `deps[i]`.
    unit: usize,
    id: ItemId,
    /// The dependency it comes from (its name in paths).
    from_crate: Option<String>,
    /// Its public path within its crate.
    rust_path: String,
    item: &'a ItemInfo,
    def: &'a TypeDef,
    pp: &'a PublicPath,
    /// The class's name in type strings: the public path, `lib::`-prefixed for
    /// a dependency's.
    path: String,
    /// `path` as a type, what `Self` means in its impls.
    self_ty: TypeExpr,
    /// Its inherent impls, in source order, each with the impl's generic
    /// parameters bound (for an instantiation of a generic struct).
    inherent: Vec<(&'a ImplInfo, Option<Subst>)>,
    /// Its impls of protocol traits, likewise.
    trait_impls: Vec<(&'static str, &'a ImplInfo, Option<Subst>)>,
    /// Its protocol traits, derived or implemented, in [`PROTOCOL_TRAITS`] order.
    traits: Vec<&'static str>,
    /// A struct's `pub` fields.
    fields: Vec<FieldCand<'a>>,
    variants: Vec<VariantCand<'a>>,
    /// Still a class: not yet dropped by the fixpoint.
    alive: bool,
    /// Why the fixpoint dropped it, in the round it did.
    dropped: Option<String>,
    /// For an instantiation of a generic struct: its Python name and type arguments.
    instance: Option<(String, Vec<String>)>,
}

/// The bound items of one module, by kind, each with its source order.
#[derive(Default)]
struct ModItems {
    classes: Vec<(usize, Item)>,
    values: Vec<(usize, Item)>,
    functions: Vec<(usize, Item)>,
}

/// What checking a signature needs to know about the classes.
pub(crate) struct Classes {
    /// The class paths; the index is the class index of [`TypeEnv`].
    pub paths: Vec<String>,
    /// Class paths whose type has no `Display`: they cannot be raised.
    pub no_display: BTreeSet<String>,
}

/// The live candidates that are not Clone.
fn not_clone(cands: &[ClassCand]) -> Vec<String> {
    cands
        .iter()
        .filter(|c| c.alive && !c.traits.contains(&"Clone"))
        .map(|c| c.path.clone())
        .collect()
}

/// A dependency whose types the bound crate's API reaches: its converter and
/// the structs and enums met so far, which are its class candidates.
pub(crate) struct DepUnit<'a> {
    pub lib: &'a str,
    pub cx: TypeCx<'a>,
    pub wanted: BTreeSet<ItemId>,
}

/// What pass 3 found.
pub(crate) struct Bound {
    /// The crate's items, then a submodule per dependency whose classes are bound.
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// The dependencies whose classes are bound.
    pub used_deps: Vec<String>,
}

/// A bound class of a dependency, kept only when the API reaches it.
struct DepClass {
    lib: String,
    id: ItemId,
    order: usize,
    class: Class,
    /// Its members that are not bound.
    skips: Vec<Skipped>,
}

pub(crate) fn bind(cx: &TypeCx, deps: &[DepUnit]) -> Bound {
    let krate = cx.krate;
    let recorder = &cx.deps.recorder;
    let units: Vec<&TypeCx> = std::iter::once(cx)
        .chain(deps.iter().map(|d| &d.cx))
        .collect();
    let mut skips = Skips::default();
    // Skipped structs and enums of dependencies, kept only when the API reaches them.
    let mut dep_type_skips: Vec<((String, ItemId), Skipped)> = Vec::new();

    let mut public: Vec<(ItemId, &ItemInfo, &PublicPath)> = cx
        .public
        .items
        .iter()
        .filter_map(|(id, p)| krate.items.get(*id).map(|item| (*id, item, p)))
        .collect();
    public.sort_by_key(|(id, item, _)| (item.order, *id));

    // Classes: the candidates, their impls and traits, their fields converted.
    let mut cands: Vec<ClassCand> = Vec::new();
    for (u, ucx) in units.iter().enumerate() {
        let lib = u.checked_sub(1).and_then(|i| deps.get(i)).map(|d| d.lib);
        let list: Vec<(ItemId, &ItemInfo, &PublicPath)> =
            match u.checked_sub(1).and_then(|i| deps.get(i)) {
                None => public.clone(),
                Some(d) => {
                    let mut list: Vec<_> = d
                        .wanted
                        .iter()
                        .filter_map(|id| {
                            Some((*id, ucx.krate.items.get(*id)?, ucx.public.items.get(id)?))
                        })
                        .collect();
                    list.sort_by_key(|(id, item, _)| (item.order, *id));
                    list
                }
            };
        for (id, item, pp) in list {
            let def = match &item.def {
                Def::Struct(d) | Def::Enum(d) => &**d,
                _ => continue,
            };
            let rust_path = pp.joined();
            let path = match lib {
                Some(lib) => format!("{lib}::{rust_path}"),
                None => rust_path.clone(),
            };
            let kind = item.def.kind();
            let reason = if pp.hidden {
                Some(HIDDEN)
            } else {
                match def.generics {
                    Generics::Types => Some(GENERIC_TYPE),
                    Generics::Lifetimes => Some(LIFETIME_TYPE),
                    Generics::None => None,
                }
            };
            if let Some(reason) = reason {
                match lib {
                    None => skips.add(&path, kind, reason),
                    Some(lib) => dep_type_skips.push((
                        (lib.to_string(), id),
                        Skipped {
                            path,
                            kind: kind.to_string(),
                            reason: reason.to_string(),
                        },
                    )),
                }
                continue;
            }
            let self_ty = TypeExpr::Path(TypePath {
                leading_colons: false,
                segments: path
                    .split("::")
                    .map(|s| crate::idl::ty::Segment {
                        name: s.to_string(),
                        args: SegmentArgs::None,
                    })
                    .collect(),
            });
            let origin = match lib {
                Some(lib) => Origin::Class(lib.to_string(), id),
                None => Origin::Root,
            };
            let (fields, variants) = recorder.within(origin, || {
                let fields = convert_fields(ucx, item.module, &def.fields, true, &self_ty, None);
                let variants: Vec<VariantCand> = def
                    .variants
                    .iter()
                    .map(|v| VariantCand {
                        def: v,
                        fields: convert_fields(ucx, item.module, &v.fields, false, &self_ty, None),
                    })
                    .collect();
                (fields, variants)
            });
            cands.push(ClassCand {
                unit: u,
                id,
                from_crate: lib.map(str::to_string),
                rust_path,
                item,
                def,
                pp,
                path,
                self_ty: self_ty.clone(),
                inherent: Vec::new(),
                trait_impls: Vec::new(),
                traits: Vec::new(),
                fields,
                variants,
                alive: true,
                dropped: None,
                instance: None,
            });
        }
    }
    let by_path: BTreeMap<(usize, String), usize> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.unit, c.path.clone()), i))
        .collect();
    // Impls count in the crate that defines the type only: the bound crate cannot
    // implement a standard trait for a dependency's type.
    recorder.within(Origin::Ignore, || {
        for (u, ucx) in units.iter().enumerate() {
            let mut impls: Vec<&ImplInfo> = ucx.krate.impls.iter().collect();
            impls.sort_by_key(|imp| imp.order);
            for imp in impls {
                let Some(&ci) = impl_class(ucx, imp).and_then(|p| by_path.get(&(u, p))) else {
                    continue;
                };
                let Some(c) = cands.get_mut(ci) else { continue };
                match &imp.trait_path {
                    None => c.inherent.push((imp, None)),
                    Some(tp) => {
                        if let Some(name) = protocol_trait(ucx, imp, tp, &c.self_ty, None) {
                            c.trait_impls.push((name, imp, None));
                        }
                    }
                }
            }
        }
    });
    for c in &mut cands {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for d in &c.def.derives {
            if let Some(t) = PROTOCOL_TRAITS.iter().find(|t| **t == d.as_str()) {
                names.insert(t);
            }
        }
        if c.def.derives_display {
            names.insert("Display");
        }
        for (t, _, _) in &c.trait_impls {
            names.insert(t);
        }
        c.traits = PROTOCOL_TRAITS
            .iter()
            .copied()
            .filter(|t| names.contains(t))
            .collect();
    }

    // The fixpoint: an enum whose variant holds a type that does not lower is
    // no class, which may make another enum's variant fail in turn.
    loop {
        let paths: Vec<String> = cands
            .iter()
            .filter(|c| c.alive)
            .map(|c| c.path.clone())
            .collect();
        let not_clone = not_clone(&cands);
        let env = TypeEnv {
            classes: &paths,
            not_clone: &not_clone,
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
            break;
        }
    }
    let classes = Classes {
        paths: cands
            .iter()
            .filter(|c| c.alive)
            .map(|c| c.path.clone())
            .collect(),
        no_display: cands
            .iter()
            .filter(|c| c.alive && !c.traits.contains(&"Display"))
            .map(|c| c.path.clone())
            .collect(),
    };
    let not_clone = not_clone(&cands);
    let env = TypeEnv {
        classes: &classes.paths,
        not_clone: &not_clone,
    };

    let mut modules: BTreeMap<Vec<String>, ModItems> = BTreeMap::new();
    let mut dep_classes: Vec<DepClass> = Vec::new();
    let prefix = |pp: &PublicPath| -> Vec<String> {
        pp.segments[..pp.segments.len().saturating_sub(1)].to_vec()
    };
    for c in &cands {
        let ucx = units.get(c.unit).copied().unwrap_or(cx);
        match &c.from_crate {
            None => {
                if !c.alive {
                    let reason = c.dropped.as_deref().unwrap_or_default();
                    skips.add(&c.path, c.item.def.kind(), reason);
                    continue;
                }
                let class = bind_class(ucx, c, &classes, &env, &mut skips);
                modules
                    .entry(prefix(c.pp))
                    .or_default()
                    .classes
                    .push((c.item.order, Item::Class(class)));
            }
            Some(lib) => {
                if !c.alive {
                    dep_type_skips.push((
                        (lib.clone(), c.id),
                        Skipped {
                            path: c.path.clone(),
                            kind: c.item.def.kind().to_string(),
                            reason: c.dropped.clone().unwrap_or_default(),
                        },
                    ));
                    continue;
                }
                let mut member_skips = Skips::default();
                let class = recorder.within(Origin::Class(lib.clone(), c.id), || {
                    bind_class(ucx, c, &classes, &env, &mut member_skips)
                });
                dep_classes.push(DepClass {
                    lib: lib.clone(),
                    id: c.id,
                    order: c.item.order,
                    class,
                    skips: member_skips.0,
                });
            }
        }
    }

    // Everything else.
    for &(_, item, pp) in &public {
        let path = pp.joined();
        let kind = item.def.kind();
        match &item.def {
            Def::Struct(_) | Def::Enum(_) => continue,
            // Aliases are expanded where they are used.
            Def::TypeAlias { .. } => continue,
            _ => {}
        }
        if pp.hidden {
            skips.add(&path, kind, HIDDEN);
            continue;
        }
        let name = python_name(pp.segments.last().map(String::as_str).unwrap_or_default());
        let (bucket, bound) = match &item.def {
            Def::Fn(sig) => {
                let checked = sig_of(cx, item.module, sig, None, None)
                    .and_then(|sig| check_sig(&sig, &classes, &env).map(|()| sig));
                match checked {
                    Ok(sig) => (
                        2,
                        Item::Function(Function {
                            doc_override: None,
                            type_args: Vec::new(),
                            name,
                            path: path.clone(),
                            doc: item.doc.clone(),
                            params: params_of(sig.params),
                            ret: sig.ret.to_string(),
                            release_gil: false,
                        }),
                    ),
                    Err(reason) => {
                        skips.add(&path, kind, &reason);
                        continue;
                    }
                }
            }
            Def::Const(ty) => match cx
                .convert(item.module, ty)
                .and_then(|ty| lower_value(&ty, &env).map(|_| ty).map_err(|u| u.reason))
            {
                Ok(ty) => (1, Item::Const(value(name, path.clone(), &ty, item))),
                Err(reason) => {
                    skips.add(&path, kind, &reason);
                    continue;
                }
            },
            Def::Static { mutable: true, .. } => {
                skips.add(&path, kind, STATIC_MUT);
                continue;
            }
            Def::Static { ty, .. } => match bind_static(cx, item, ty, &env, name, &path) {
                Ok(bound) => (1, bound),
                Err(reason) => {
                    skips.add(&path, kind, &reason);
                    continue;
                }
            },
            Def::Union => {
                skips.add(&path, kind, UNION);
                continue;
            }
            Def::Trait => {
                skips.add(&path, kind, TRAIT);
                continue;
            }
            Def::Macro => {
                skips.add(&path, kind, MACRO);
                continue;
            }
            Def::Foreign(_) => {
                skips.add(&path, kind, FOREIGN);
                continue;
            }
            Def::Struct(_) | Def::Enum(_) | Def::TypeAlias { .. } => continue,
        };
        let m = modules.entry(prefix(pp)).or_default();
        let list = if bucket == 1 {
            &mut m.values
        } else {
            &mut m.functions
        };
        list.push((item.order, bound));
    }

    // Re-exports of other crates' items. A re-exported struct or enum of a
    // dependency is part of the API: it is bound with the dependency's types.
    let mut reexported: Vec<(String, Skipped)> = Vec::new();
    for (segments, external, hidden) in &cx.public.externals {
        let path = segments.join("::");
        if *hidden {
            skips.add(&path, "use", HIDDEN);
            continue;
        }
        let skipped = Skipped {
            path,
            kind: "use".to_string(),
            reason: format!("re-exports `{}` of another crate", external.join("::")),
        };
        match cx.dep_type_name(external) {
            Some(name) => reexported.push((name, skipped)),
            None => skips.0.push(skipped),
        }
    }

    // `pub use`s that name nothing the front end found.
    for (module, name, written) in &cx.scopes.unresolved {
        if let Some(mp) = cx.public.modules.get(module) {
            let mut segments = mp.segments.clone();
            segments.push(name.clone());
            skips.add(
                &segments.join("::"),
                "use",
                &format!(
                    "the re-exported path `{written}` is not found in the crate (items made by macros are not seen)"
                ),
            );
        }
    }

    // Public items a `#[cfg]` leaves out, unless an enabled item of the same path exists.
    let public_paths: BTreeSet<String> = public.iter().map(|(_, _, pp)| pp.joined()).collect();
    for out in &krate.cfg_out {
        let Some(mp) = cx.public.modules.get(&out.module) else {
            continue;
        };
        let mut segments = mp.segments.clone();
        segments.push(out.name.clone());
        let path = segments.join("::");
        if !public_paths.contains(&path) {
            skips.add(&path, out.kind, &format!("behind `#[cfg({})]`", out.cfg));
        }
    }

    let mut items = layout(cx, modules);

    // The dependencies' classes that the bound API reaches, and only those.
    let by_name: BTreeMap<String, usize> = dep_classes
        .iter()
        .enumerate()
        .map(|(i, d)| (dep_class_name(&d.class), i))
        .collect();
    let mut mentioned = BTreeSet::new();
    items_mentions(&items, &mut mentioned);
    mentioned.extend(reexported.iter().map(|(name, _)| name.clone()));
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut queue: Vec<usize> = mentioned
        .iter()
        .filter_map(|n| by_name.get(n).copied())
        .collect();
    while let Some(i) = queue.pop() {
        if !used.insert(i) {
            continue;
        }
        if let Some(d) = dep_classes.get(i) {
            let mut more = BTreeSet::new();
            class_mentions(&d.class, &mut more);
            queue.extend(more.iter().filter_map(|n| by_name.get(n).copied()));
        }
    }
    let used_keys: BTreeSet<(String, ItemId)> = used
        .iter()
        .filter_map(|i| dep_classes.get(*i))
        .map(|d| (d.lib.clone(), d.id))
        .collect();
    let found = recorder.found();
    for (key, skipped) in dep_type_skips {
        let reached = found.get(&key).is_some_and(|origins| {
            origins.iter().any(|o| match o {
                Origin::Root => true,
                Origin::Class(lib, id) => used_keys.contains(&(lib.clone(), *id)),
                Origin::Ignore => false,
            })
        });
        if reached {
            skips.0.push(skipped);
        }
    }
    let used_names: BTreeSet<String> = used
        .iter()
        .filter_map(|i| dep_classes.get(*i))
        .map(|d| dep_class_name(&d.class))
        .collect();
    for (name, skipped) in reexported {
        if !used_names.contains(&name) {
            skips.0.push(skipped);
        }
    }
    let mut per_lib: BTreeMap<String, Vec<DepClass>> = BTreeMap::new();
    for (i, d) in dep_classes.into_iter().enumerate() {
        if used.contains(&i) {
            per_lib.entry(d.lib.clone()).or_default().push(d);
        }
    }
    let used_deps: Vec<String> = per_lib.keys().cloned().collect();
    let mut taken: BTreeSet<String> = items.iter().map(|i| i.name().to_string()).collect();
    for (lib, mut list) in per_lib {
        list.sort_by_key(|d| (d.order, d.id));
        let mut names = BTreeSet::new();
        let mut classes = Vec::new();
        for mut d in list {
            skips.0.append(&mut d.skips);
            // Types of one name in two modules of the dependency: the later one
            // is named by its whole path.
            if !names.insert(d.class.name.clone()) {
                d.class.name = python_name(&d.class.path.replace("::", "_"));
                names.insert(d.class.name.clone());
            }
            classes.push(Item::Class(d.class));
        }
        let mut name = python_name(&lib);
        while taken.contains(&name) {
            name.push_str("_types");
        }
        taken.insert(name.clone());
        let doc = deps
            .iter()
            .find(|d| d.lib == lib)
            .map(|d| d.cx.krate.doc.clone())
            .unwrap_or_default();
        items.push(Item::Module(Module {
            doc_override: None,
            name,
            path: lib,
            doc,
            items: classes,
        }));
    }

    let mut skipped = skips.0;
    skipped.sort_by(|a, b| (&a.path, &a.kind, &a.reason).cmp(&(&b.path, &b.kind, &b.reason)));
    skipped.dedup_by(|a, b| a.path == b.path && a.kind == b.kind);
    Bound {
        items,
        skipped,
        used_deps,
    }
}

/// The fields of a struct (`only_pub`) or a variant, converted.
fn convert_fields<'f>(
    cx: &TypeCx,
    module: usize,
    fields: &'f [FieldDef],
    only_pub: bool,
    self_ty: &TypeExpr,
    subst: Option<&Subst>,
) -> Vec<FieldCand<'f>> {
    fields
        .iter()
        .filter(|f| f.public || !only_pub)
        .map(|f| FieldCand {
            def: f,
            name: if f.positional {
                format!("_{}", f.rust)
            } else {
                python_name(&f.rust)
            },
            ty: cx.convert_with(module, &f.ty, Some(self_ty), subst),
        })
        .collect()
}

/// How type strings name a class: its path, or `lib::path` for a dependency's.
pub(crate) fn dep_class_name(c: &Class) -> String {
    match &c.from_crate {
        Some(lib) => format!("{lib}::{}", c.path),
        None => c.path.clone(),
    }
}

/// The paths every type string of the items names.
fn items_mentions(items: &[Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            Item::Function(f) => {
                for p in &f.params {
                    type_mentions(&p.ty, out);
                }
                type_mentions(&f.ret, out);
            }
            Item::Const(v) | Item::Static(v) => type_mentions(&v.ty, out),
            Item::LiveStatic(v) => type_mentions(&v.ty, out),
            Item::Class(c) => class_mentions(c, out),
            Item::Module(m) => items_mentions(&m.items, out),
        }
    }
}

/// The paths the type strings of a class's bound members name.
fn class_mentions(c: &Class, out: &mut BTreeSet<String>) {
    let method = |m: &Method, out: &mut BTreeSet<String>| {
        for p in &m.params {
            type_mentions(&p.ty, out);
        }
        type_mentions(&m.ret, out);
    };
    for f in c
        .fields
        .iter()
        .chain(c.variants.iter().flat_map(|v| &v.fields))
    {
        type_mentions(&f.ty, out);
    }
    for m in &c.methods {
        method(m, out);
    }
    if let Constructor::Method(m) = &c.constructor {
        method(m, out);
    }
    for k in &c.consts {
        type_mentions(&k.ty, out);
    }
    if let Some(t) = &c.iterator_item {
        type_mentions(t, out);
    }
}

fn type_mentions(text: &str, out: &mut BTreeSet<String>) {
    if let Ok(ty) = crate::idl::ty::parse_type(text) {
        type_expr_mentions(&ty, out);
    }
}

fn type_expr_mentions(ty: &TypeExpr, out: &mut BTreeSet<String>) {
    let path = |p: &TypePath, out: &mut BTreeSet<String>| {
        out.insert(p.names());
        for s in &p.segments {
            match &s.args {
                SegmentArgs::None => {}
                SegmentArgs::Angle(args) => {
                    for a in args {
                        match a {
                            GenericArg::Type(t) | GenericArg::AssocType(_, t) => {
                                type_expr_mentions(t, out)
                            }
                            GenericArg::Lifetime(_) => {}
                        }
                    }
                }
                SegmentArgs::Paren { inputs, output } => {
                    for t in inputs.iter().chain(output.as_deref()) {
                        type_expr_mentions(t, out);
                    }
                }
            }
        }
    };
    match ty {
        TypeExpr::Path(p) => path(p, out),
        TypeExpr::Ref { inner, .. }
        | TypeExpr::RawPtr { inner, .. }
        | TypeExpr::Slice(inner)
        | TypeExpr::Array(inner, _) => type_expr_mentions(inner, out),
        TypeExpr::Tuple(items) => {
            for t in items {
                type_expr_mentions(t, out);
            }
        }
        TypeExpr::FnPtr { inputs, output } => {
            for t in inputs.iter().chain(output.as_deref()) {
                type_expr_mentions(t, out);
            }
        }
        TypeExpr::DynTrait(bounds) | TypeExpr::ImplTrait(bounds) => {
            for b in bounds {
                if let TraitBound::Trait(p) = b {
                    path(p, out);
                }
            }
        }
        TypeExpr::Never => {}
    }
}

fn value(name: String, path: String, ty: &TypeExpr, item: &ItemInfo) -> Value {
    Value {
        doc_override: None,
        name,
        path,
        ty: ty.to_string(),
        doc: item.doc.clone(),
    }
}

pub(crate) fn params_of(params: Params) -> Vec<Param> {
    params
        .into_iter()
        .map(|(_, py, ty)| Param {
            default: None,
            name: py,
            ty: ty.to_string(),
        })
        .collect()
}

/// A non-`mut` static: a live static for atomics and locks, a plain one otherwise.
fn bind_static(
    cx: &TypeCx,
    item: &ItemInfo,
    ty: &syn::Type,
    env: &TypeEnv,
    name: String,
    path: &str,
) -> Result<Item, String> {
    let ty = cx.convert(item.module, ty)?;
    if let TypeExpr::Path(p) = &ty {
        let names = p.names();
        let (root, rest) = names.split_once("::").unwrap_or(("", ""));
        let std_root = matches!(root, "std" | "core");
        if let (true, Some(atomic)) = (std_root, rest.strip_prefix("sync::atomic::")) {
            if let Some((_, held)) = ATOMICS.iter().find(|(a, _)| *a == atomic) {
                if matches!(p.last().args, SegmentArgs::None) {
                    return Ok(Item::LiveStatic(LiveStatic {
                        doc_override: None,
                        name,
                        path: path.to_string(),
                        ty: held.to_string(),
                        cell: Cell::Atomic,
                        doc: item.doc.clone(),
                    }));
                }
            }
        }
        let lock = match (root, rest) {
            ("std", "sync::Mutex") => Some((Cell::Mutex, "Mutex")),
            ("std", "sync::RwLock") => Some((Cell::RwLock, "RwLock")),
            _ => None,
        };
        if let Some((cell, lock_name)) = lock {
            let args = p.type_args();
            let [inner] = args.as_slice() else {
                return Err(format!("`{ty}` needs one type argument"));
            };
            let inner = (*inner).clone();
            if let Some(u) = lower_param(&inner, env)
                .err()
                .or_else(|| lower_value(&inner, env).err())
            {
                return Err(format!("the value inside the `{lock_name}`: {}", u.reason));
            }
            return Ok(Item::LiveStatic(LiveStatic {
                doc_override: None,
                name,
                path: path.to_string(),
                ty: inner.to_string(),
                cell,
                doc: item.doc.clone(),
            }));
        }
    }
    lower_value(&ty, env).map_err(|u| u.reason)?;
    Ok(Item::Static(value(name, path.to_string(), &ty, item)))
}

/// Why a field cannot be bound: its type does not convert, or does not lower
/// both as a parameter (assignment) and a value (reading).
fn field_problem(f: &FieldCand, env: &TypeEnv) -> Option<String> {
    match &f.ty {
        Err(reason) => Some(reason.clone()),
        Ok(ty) => lower_param(ty, env)
            .err()
            .or_else(|| lower_value(ty, env).err())
            .map(|u| u.reason),
    }
}

/// Why an enum cannot be a class: the first variant field that does not lower.
fn variant_problem(c: &ClassCand, env: &TypeEnv) -> Option<String> {
    c.variants.iter().find_map(|v| {
        v.fields.iter().find_map(|f| {
            field_problem(f, env).map(|reason| {
                format!(
                    "the field `{}` of the variant `{}`: {reason}",
                    f.def.rust, v.def.name
                )
            })
        })
    })
}

/// The class path an impl is for, when its self type is a plain crate type.
pub(crate) fn impl_class(cx: &TypeCx, imp: &ImplInfo) -> Option<String> {
    match cx.convert(imp.module, &imp.self_ty) {
        Ok(TypeExpr::Path(p))
            if !p.leading_colons
                && p.segments
                    .iter()
                    .all(|s| matches!(s.args, SegmentArgs::None)) =>
        {
            Some(p.names())
        }
        _ => None,
    }
}

/// The protocol trait a trait impl implements for `self_ty`, if any: a standard
/// trait of [`PROTOCOL_TRAITS`], whose type arguments (`PartialEq<Rhs>`) are the
/// type itself.
pub(crate) fn protocol_trait(
    cx: &TypeCx,
    imp: &ImplInfo,
    trait_path: &syn::Path,
    self_ty: &TypeExpr,
    subst: Option<&Subst>,
) -> Option<&'static str> {
    let names = path_names(trait_path);
    let last = names.last()?;
    let name = PROTOCOL_TRAITS.iter().find(|t| **t == last.as_str())?;
    let leading = trait_path.leading_colon.is_some();
    let is_std = match cx.scopes.resolve_type_path(imp.module, leading, &names) {
        Some(Target::External(p)) => {
            p.len() == 1
                || p.first().is_some_and(|r| {
                    matches!(r.as_str(), "std" | "core" | "alloc")
                        || STD_TRAIT_MODULES.contains(&r.as_str())
                })
        }
        // A prelude name: `Clone`, `Iterator`, ...
        None => names.len() == 1,
        _ => false,
    };
    if !is_std {
        return None;
    }
    if let syn::PathArguments::AngleBracketed(args) = &trait_path.segments.last()?.arguments {
        for arg in &args.args {
            match arg {
                syn::GenericArgument::Lifetime(_) => {}
                syn::GenericArgument::Type(t) => {
                    match cx.convert_with(imp.module, t, Some(self_ty), subst) {
                        Ok(t) if &t == self_ty => {}
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }
    Some(name)
}

/// Converts a signature. `self_ty` is the class for a method (`None` for a free
/// function, which may not take `self`). A generic one is converted only with
/// its parameters bound (`subst`, for an instantiation).
pub(crate) fn sig_of(
    cx: &TypeCx,
    module: usize,
    sig: &syn::Signature,
    self_ty: Option<&TypeExpr>,
    subst: Option<&Subst>,
) -> Result<Sig, String> {
    if sig.unsafety.is_some() {
        return Err(UNSAFE.to_string());
    }
    if sig.asyncness.is_some() {
        return Err(ASYNC.to_string());
    }
    if subst.is_none()
        && (sig.generics.type_params().next().is_some()
            || sig.generics.const_params().next().is_some())
    {
        return Err(GENERIC.to_string());
    }
    if sig.variadic.is_some() {
        return Err(VARIADIC.to_string());
    }
    let mut receiver = Receiver::None;
    let mut params = Vec::new();
    for (i, input) in sig.inputs.iter().enumerate() {
        let pt = match input {
            FnArg::Receiver(r) => {
                let Some(class) = self_ty else {
                    return Err(METHOD.to_string());
                };
                receiver = receiver_of(cx, module, r, class)?;
                continue;
            }
            FnArg::Typed(pt) => pt,
        };
        let rust = pat_name(&pt.pat).unwrap_or_else(|| format!("arg{i}"));
        let ty = cx
            .convert_with(module, &pt.ty, self_ty, subst)
            .map_err(|r| format!("parameter `{rust}`: {r}"))?;
        if contains_impl_trait(&ty) {
            return Err(format!(
                "parameter `{rust}`: `impl Trait` parameters (`{ty}`) make the function generic; they are not bound yet"
            ));
        }
        let py = python_name(&rust);
        params.push((rust, py, ty));
    }
    let ret = cx
        .convert_return_with(module, &sig.output, self_ty, subst)
        .map_err(|r| format!("return type: {r}"))?;
    Ok(Sig {
        receiver,
        params,
        ret,
    })
}

/// `self`, `&self`, `&mut self`, also written with their type (`self: &Self`);
/// any other receiver type (`self: Box<Self>`) is not bound.
fn receiver_of(
    cx: &TypeCx,
    module: usize,
    r: &syn::Receiver,
    class: &TypeExpr,
) -> Result<Receiver, String> {
    if r.colon_token.is_none() {
        return Ok(match (&r.reference, &r.mutability) {
            (Some(_), Some(_)) => Receiver::RefMut,
            (Some(_), None) => Receiver::Ref,
            (None, _) => Receiver::Value,
        });
    }
    let unsupported = || {
        format!(
            "the receiver `self: {}` is not supported; methods take `self`, `&self` or `&mut self`",
            cx.text(module, &*r.ty)
        )
    };
    match cx.convert_in(module, &r.ty, Some(class)) {
        Ok(t) if &t == class => Ok(Receiver::Value),
        Ok(TypeExpr::Ref { mutable, inner, .. }) if &*inner == class => Ok(if mutable {
            Receiver::RefMut
        } else {
            Receiver::Ref
        }),
        _ => Err(unsupported()),
    }
}

/// Checks a converted signature against the classes: every parameter and the
/// return type lower, and a crate error type can be raised (has `Display`).
pub(crate) fn check_sig(sig: &Sig, classes: &Classes, env: &TypeEnv) -> Result<(), String> {
    if let Some(reason) = sig.params.iter().find_map(|(rust, _, ty)| {
        lower_param(ty, env)
            .err()
            .map(|u| format!("parameter `{rust}`: {}", u.reason))
    }) {
        return Err(reason);
    }
    if let Err(u) = lower_return(&sig.ret, env) {
        return Err(format!("return type: {}", u.reason));
    }
    if let Some(TypeExpr::Path(err)) = result_error(&sig.ret) {
        let err_path = err.names();
        let err_path = err_path.strip_prefix("crate::").unwrap_or(&err_path);
        if classes.no_display.contains(err_path) {
            return Err(format!(
                "return type: the error type `{err_path}` does not implement `Display`"
            ));
        }
    }
    Ok(())
}

/// Whether a return type is the class itself or `Result<class, E>`.
fn returns_self(ret: &TypeExpr, class: &TypeExpr) -> bool {
    if ret == class {
        return true;
    }
    match ret {
        TypeExpr::Path(p) if p.segments.len() == 1 && p.last().name == "Result" => {
            matches!(p.type_args().as_slice(), [ok, _] if *ok == class)
        }
        _ => false,
    }
}

fn bind_class(
    cx: &TypeCx,
    c: &ClassCand,
    classes: &Classes,
    env: &TypeEnv,
    skips: &mut Skips,
) -> Class {
    let item = c.item;
    let def = c.def;
    let name = match &c.instance {
        Some((name, _)) => name.clone(),
        None => python_name(c.pp.segments.last().map(String::as_str).unwrap_or_default()),
    };

    // Fields.
    let mut fields = Vec::new();
    let mut all_bound = true;
    for f in &c.fields {
        let fpath = format!("{}.{}", c.path, f.def.rust);
        let problem = if f.def.hidden {
            Some(HIDDEN.to_string())
        } else {
            field_problem(f, env)
        };
        match (problem, &f.ty) {
            (None, Ok(ty)) => fields.push(Field {
                doc_override: None,
                name: f.name.clone(),
                rust: f.def.rust.clone(),
                ty: ty.to_string(),
                doc: f.def.doc.clone(),
            }),
            (problem, _) => {
                all_bound = false;
                let reason = problem.unwrap_or_default();
                skips.add(&fpath, "field", &reason);
            }
        }
    }
    let all_pub = def.fields.iter().all(|f| f.public);

    // Variants (their fields all lower: the fixpoint kept only such enums).
    let variants: Vec<Variant> = c
        .variants
        .iter()
        .map(|v| Variant {
            doc_override: None,
            name: python_name(&v.def.name),
            rust: v.def.name.clone(),
            shape: v.def.shape,
            fields: v
                .fields
                .iter()
                .filter_map(|f| {
                    f.ty.as_ref().ok().map(|ty| Field {
                        doc_override: None,
                        name: f.name.clone(),
                        rust: f.def.rust.clone(),
                        ty: ty.to_string(),
                        doc: f.def.doc.clone(),
                    })
                })
                .collect(),
            discriminant: v.def.discriminant.clone(),
            doc: v.def.doc.clone(),
        })
        .collect();

    // Traits; `Iterator` only with an `Item` that lowers as a return value.
    let mut traits = c.traits.clone();
    let mut iterator_item = None;
    if traits.contains(&"Iterator") {
        let item_ty = c
            .trait_impls
            .iter()
            .filter(|(t, _, _)| *t == "Iterator")
            .find_map(|(_, imp, subst)| {
                imp.types.iter().find(|(n, _)| n == "Item").map(|(_, ty)| {
                    cx.convert_with(imp.module, ty, Some(&c.self_ty), subst.as_ref())
                })
            });
        match item_ty {
            Some(Ok(ty)) if crate::check::types::lower_iterator_item(&ty, env).is_ok() => {
                iterator_item = Some(ty.to_string())
            }
            _ => traits.retain(|t| *t != "Iterator"),
        }
    }

    // Methods and consts of the inherent impls.
    let mut methods: Vec<Method> = Vec::new();
    let mut consts: Vec<Value> = Vec::new();
    let mut enabled: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (imp, subst) in &c.inherent {
        for f in imp.fns.iter().filter(|f| f.public) {
            enabled.insert(("method", &f.name));
            let mpath = format!("{}::{}", c.path, f.name);
            if imp.hidden || f.hidden {
                skips.add(&mpath, "method", HIDDEN);
                continue;
            }
            let own_generic = subst.is_some()
                && (f.sig.generics.type_params().next().is_some()
                    || f.sig.generics.const_params().next().is_some());
            if own_generic {
                skips.add(&mpath, "method", GENERIC);
                continue;
            }
            let checked = sig_of(cx, imp.module, &f.sig, Some(&c.self_ty), subst.as_ref())
                .and_then(|sig| check_sig(&sig, classes, env).map(|()| sig));
            match checked {
                Ok(sig) => methods.push(Method {
                    doc_override: None,
                    type_args: Vec::new(),
                    name: python_name(&f.name),
                    rust: f.name.clone(),
                    doc: f.doc.clone(),
                    receiver: sig.receiver,
                    ret: sig.ret.to_string(),
                    params: params_of(sig.params),
                    release_gil: false,
                }),
                Err(reason) => skips.add(&mpath, "method", &reason),
            }
        }
        for k in imp.consts.iter().filter(|k| k.public) {
            enabled.insert(("const", &k.name));
            let kpath = format!("{}::{}", c.path, k.name);
            if imp.hidden || k.hidden {
                skips.add(&kpath, "const", HIDDEN);
                continue;
            }
            let ty = cx
                .convert_with(imp.module, &k.ty, Some(&c.self_ty), subst.as_ref())
                .and_then(|ty| lower_value(&ty, env).map(|_| ty).map_err(|u| u.reason));
            match ty {
                Ok(ty) => consts.push(Value {
                    doc_override: None,
                    name: python_name(&k.name),
                    // Relative to the class's own crate, like the class's path.
                    path: format!("{}::{}", c.rust_path, k.name),
                    ty: ty.to_string(),
                    doc: k.doc.clone(),
                }),
                Err(reason) => skips.add(&kpath, "const", &reason),
            }
        }
    }
    for (imp, _) in &c.inherent {
        for (n, kind, pred) in &imp.cfg_out {
            if !enabled.contains(&(*kind, n.as_str())) {
                skips.add(
                    &format!("{}::{n}", c.path),
                    kind,
                    &format!("behind `#[cfg({pred})]`"),
                );
            }
        }
    }

    // The constructor.
    let is_enum = def.shape == Shape::Enum;
    let new_at = methods.iter().position(|m| {
        m.rust == "new"
            && m.receiver == Receiver::None
            && crate::idl::ty::parse_type(&m.ret).is_ok_and(|r| returns_self(&r, &c.self_ty))
    });
    let constructor = if is_enum {
        Constructor::None
    } else if let Some(i) = new_at {
        Constructor::Method(methods.remove(i))
    } else if !def.non_exhaustive && all_pub && all_bound {
        Constructor::Fields
    } else if traits.contains(&"Default") {
        Constructor::Default
    } else {
        Constructor::None
    };

    // One Python name per member: fields and variants first, then methods, then consts.
    let mut taken: BTreeSet<String> = fields
        .iter()
        .map(|f| f.name.clone())
        .chain(variants.iter().map(|v| v.name.clone()))
        .collect();
    let mut kept_methods = Vec::new();
    for m in methods {
        if taken.insert(m.name.clone()) {
            kept_methods.push(m);
        } else {
            skips.add(
                &format!("{}::{}", c.path, m.rust),
                "method",
                &format!(
                    "its Python name `{}` is already used by another member of `{name}`",
                    m.name
                ),
            );
        }
    }
    let mut kept_consts = Vec::new();
    for v in consts {
        if taken.insert(v.name.clone()) {
            kept_consts.push(v);
        } else {
            skips.add(
                &format!(
                    "{}::{}",
                    c.path,
                    v.path.rsplit("::").next().unwrap_or_default()
                ),
                "const",
                &format!(
                    "its Python name `{}` is already used by another member of `{name}`",
                    v.name
                ),
            );
        }
    }

    Class {
        type_args: c
            .instance
            .as_ref()
            .map(|(_, args)| args.clone())
            .unwrap_or_default(),
        doc_override: None,
        from_crate: c.from_crate.clone(),
        name,
        path: c.rust_path.clone(),
        doc: item.doc.clone(),
        shape: def.shape,
        fields,
        variants,
        traits: traits.iter().map(|t| t.to_string()).collect(),
        iterator_item,
        constructor,
        methods: kept_methods,
        consts: kept_consts,
        non_exhaustive: def.non_exhaustive,
    }
}

/// An instantiation of a generic struct of the bound crate, to bind as a class.
pub(crate) struct Instance<'a> {
    pub id: ItemId,
    pub item: &'a ItemInfo,
    pub def: &'a TypeDef,
    pub pp: &'a PublicPath,
    /// The Python name.
    pub name: String,
    pub type_args: Vec<String>,
    /// The instantiated type (`Stack<i32>`): what `Self` means.
    pub self_ty: TypeExpr,
    /// The struct's parameters bound to the arguments.
    pub subst: Subst,
    /// The inherent impls that apply, with their parameters bound, in source order.
    pub inherent: Vec<(&'a ImplInfo, Subst)>,
    /// The protocol trait impls that apply, likewise.
    pub trait_impls: Vec<(&'static str, &'a ImplInfo, Subst)>,
    /// Its protocol traits, in [`PROTOCOL_TRAITS`] order.
    pub traits: Vec<&'static str>,
}

/// Binds an instantiation of a generic struct the way [`bind_class`] binds a
/// struct: the class, and its members that are not bound.
pub(crate) fn bind_instance(
    cx: &TypeCx,
    inst: Instance,
    classes: &Classes,
    env: &TypeEnv,
) -> (Class, Vec<Skipped>) {
    let rust_path = inst.pp.joined();
    let fields = convert_fields(
        cx,
        inst.item.module,
        &inst.def.fields,
        true,
        &inst.self_ty,
        Some(&inst.subst),
    );
    let c = ClassCand {
        unit: 0,
        id: inst.id,
        from_crate: None,
        rust_path: rust_path.clone(),
        item: inst.item,
        def: inst.def,
        pp: inst.pp,
        path: rust_path,
        self_ty: inst.self_ty,
        inherent: inst
            .inherent
            .into_iter()
            .map(|(imp, s)| (imp, Some(s)))
            .collect(),
        trait_impls: inst
            .trait_impls
            .into_iter()
            .map(|(t, imp, s)| (t, imp, Some(s)))
            .collect(),
        traits: inst.traits,
        fields,
        variants: Vec::new(),
        alive: true,
        dropped: None,
        instance: Some((inst.name, inst.type_args)),
    };
    let mut skips = Skips::default();
    let class = bind_class(cx, &c, classes, env, &mut skips);
    (class, skips.0)
}

/// The items of every module, nested: each module's classes, then its consts and
/// statics, then its functions, then its submodules that bind something.
fn layout(cx: &TypeCx, mut modules: BTreeMap<Vec<String>, ModItems>) -> Vec<Item> {
    // Every public module, by its public path: (source order, docs).
    let mut known: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
    for (id, pp) in &cx.public.modules {
        if pp.hidden {
            continue;
        }
        let (order, doc) = cx
            .krate
            .modules
            .get(*id)
            .map(|m| (m.order, m.doc.clone()))
            .unwrap_or_default();
        known.insert(pp.segments.clone(), (order, doc));
    }
    // A module path of a bound item is always known; make sure of it anyway.
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

/// The name a parameter pattern binds, when it is a plain identifier.
fn pat_name(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(pi) if pi.subpat.is_none() => {
            use syn::ext::IdentExt;
            Some(pi.ident.unraw().to_string())
        }
        _ => None,
    }
}

fn contains_impl_trait(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::ImplTrait(_) => true,
        TypeExpr::Ref { inner, .. }
        | TypeExpr::RawPtr { inner, .. }
        | TypeExpr::Slice(inner)
        | TypeExpr::Array(inner, _) => contains_impl_trait(inner),
        TypeExpr::Tuple(items) => items.iter().any(contains_impl_trait),
        TypeExpr::Path(p) => p.segments.iter().any(|s| match &s.args {
            SegmentArgs::Angle(args) => args.iter().any(|a| match a {
                GenericArg::Type(t) | GenericArg::AssocType(_, t) => contains_impl_trait(t),
                GenericArg::Lifetime(_) => false,
            }),
            SegmentArgs::Paren { inputs, output } => {
                inputs.iter().any(contains_impl_trait)
                    || output.as_deref().is_some_and(contains_impl_trait)
            }
            SegmentArgs::None => false,
        }),
        TypeExpr::FnPtr { inputs, output } => {
            inputs.iter().any(contains_impl_trait)
                || output.as_deref().is_some_and(contains_impl_trait)
        }
        TypeExpr::Never | TypeExpr::DynTrait(_) => false,
    }
}

/// The `E` of a `Result<T, E>` return type.
fn result_error(ret: &TypeExpr) -> Option<&TypeExpr> {
    let TypeExpr::Path(p) = ret else { return None };
    if p.segments.len() != 1 || p.last().name != "Result" {
        return None;
    }
    match p.type_args().as_slice() {
        [_, err] => Some(err),
        _ => None,
    }
}
