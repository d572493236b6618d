//! Instantiations of generic functions and methods: the signature with the
//! generic parameters bound to concrete types, checked like any other, and the
//! bounds checked where rsbind knows the answer.

use super::bind::{self, Classes};
use super::modules::Def;
use super::resolve::Target;
use super::types::{path_names, Subst, TypeCx};
use super::{Analysis, SourceSet};
use crate::check::types::TypeEnv;
use crate::idl::ty::{parse_type, SegmentArgs, TypeExpr, TypePath};
use crate::idl::{Class, Item, Param};
use std::collections::BTreeMap;
use syn::{GenericParam, TraitBoundModifier, TypeParamBound, WherePredicate};

/// A generic function or method with its type arguments: the signature the
/// stubs call, as the interface file writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Instantiation {
    /// The parameters (without the receiver), Python names and type strings.
    pub params: Vec<Param>,
    /// The return type string.
    pub ret: String,
    /// Bounds rsbind could not check (a crate's own trait, `Into<..>`, ...).
    pub warnings: Vec<String>,
}

/// The standard traits whose implementations rsbind knows for the types it binds.
const KNOWN_TRAITS: &[&str] = &[
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

/// Standard modules a trait path may start with (`fmt::Debug`, `cmp::Ord`).
const STD_TRAIT_MODULES: &[&str] = &["fmt", "hash", "cmp", "clone", "default", "marker"];

/// The signature of the generic free function (`largest`, `geo::largest`) or
/// method (`Stack::push`) at `path`, a public path of the crate, with its type
/// and const parameters bound to `type_args` in order (lifetime parameters are
/// not given; a const parameter's argument is its value, `4`). Type arguments
/// are type strings as the interface file writes them (`i64`, `geo::Point`,
/// `semver::Version`). `Err` says why it cannot be bound: no such function, the
/// wrong number of arguments, an argument that does not meet a bound, or a
/// signature that does not lower.
pub fn instantiate(
    source: &SourceSet,
    path: &str,
    type_args: &[String],
) -> Result<Instantiation, String> {
    let analysis = Analysis::new(source);
    let bound = analysis.bind();
    let cx = analysis.cx();

    // The classes, as extraction binds them.
    let mut classes = Vec::new();
    collect_classes(&bound.items, &mut classes);
    let class_paths: Vec<String> = classes.iter().map(|c| bind::dep_class_name(c)).collect();
    let traits: BTreeMap<String, Vec<String>> = classes
        .iter()
        .map(|c| (bind::dep_class_name(c), c.traits.clone()))
        .collect();
    let not_clone: Vec<String> = classes
        .iter()
        .filter(|c| !c.traits.iter().any(|t| t == "Clone"))
        .map(|c| bind::dep_class_name(c))
        .collect();
    let checked = Classes {
        paths: class_paths.clone(),
        no_display: classes
            .iter()
            .filter(|c| !c.traits.iter().any(|t| t == "Display"))
            .map(|c| bind::dep_class_name(c))
            .collect(),
    };
    let env = TypeEnv {
        classes: &class_paths,
        not_clone: &not_clone,
    };

    let shown = path.trim();
    let path = shown.strip_prefix("crate::").unwrap_or(shown);
    let (module, sig, self_ty) = find(&analysis, &cx, path, &class_paths)?;

    // The arguments, one per type or const parameter.
    let params: Vec<&GenericParam> = sig
        .generics
        .params
        .iter()
        .filter(|p| !matches!(p, GenericParam::Lifetime(_)))
        .collect();
    if params.len() != type_args.len() {
        let names: Vec<String> = params
            .iter()
            .map(|p| format!("`{}`", param_name(p)))
            .collect();
        return Err(format!(
            "`{path}` takes {} type argument{}{}, but {} {} given",
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            if names.is_empty() {
                String::new()
            } else {
                format!(" ({})", names.join(", "))
            },
            type_args.len(),
            if type_args.len() == 1 { "is" } else { "are" }
        ));
    }
    let mut subst = Subst::default();
    let mut given: Vec<(String, TypeExpr)> = Vec::new();
    for (p, arg) in params.iter().zip(type_args) {
        let name = param_name(p);
        match p {
            GenericParam::Const(_) => {
                let value = arg.trim();
                if !is_const_literal(value) {
                    return Err(format!(
                        "the argument `{value}` of the const parameter `{name}` of `{path}` must be a literal (`4`, `true`, `'a'`)"
                    ));
                }
                subst.consts.insert(name, value.to_string());
            }
            _ => {
                let ty = parse_type(arg).map_err(|e| {
                    format!(
                        "the type argument `{arg}` for `{name}` of `{path}` does not parse: {e:?}"
                    )
                })?;
                subst.types.insert(name.clone(), ty.clone());
                given.push((name, ty));
            }
        }
    }

    // Bounds.
    let warnings = check_bounds(
        &cx,
        module,
        &sig.generics,
        &given,
        &format!("`{path}`"),
        &traits,
    )?;

    let sig = bind::sig_of(&cx, module, sig, self_ty.as_ref(), Some(&subst))?;
    bind::check_sig(&sig, &checked, &env)?;
    Ok(Instantiation {
        ret: sig.ret.to_string(),
        params: bind::params_of(sig.params),
        warnings,
    })
}

/// Checks the bounds `generics` (a function's, a struct's or an impl's) puts
/// on the parameters in `given` (name, argument), `whose` naming the item in
/// messages. `Ok`: the bounds rsbind cannot check, as warnings; `Err`: a known
/// bound that the argument does not meet.
fn check_bounds(
    cx: &TypeCx,
    module: usize,
    generics: &syn::Generics,
    given: &[(String, TypeExpr)],
    whose: &str,
    traits: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut warnings = Vec::new();
    let mut bounds: BTreeMap<String, Vec<&TypeParamBound>> = BTreeMap::new();
    for (name, _) in given {
        bounds.entry(name.clone()).or_default();
    }
    for p in generics.type_params() {
        use syn::ext::IdentExt;
        bounds
            .entry(p.ident.unraw().to_string())
            .or_default()
            .extend(p.bounds.iter());
    }
    if let Some(wc) = &generics.where_clause {
        for pred in &wc.predicates {
            let WherePredicate::Type(pt) = pred else {
                continue;
            };
            let bounded = match &pt.bounded_ty {
                syn::Type::Path(tp) if tp.qself.is_none() => {
                    tp.path.get_ident().map(|i| i.to_string())
                }
                _ => None,
            };
            match bounded {
                Some(name) if bounds.contains_key(&name) => {
                    if let Some(list) = bounds.get_mut(&name) {
                        list.extend(pt.bounds.iter());
                    }
                }
                Some(name) if name == "Self" => {}
                _ => warnings.push(format!(
                    "cannot check the bound `{}`",
                    cx.text(module, pred)
                )),
            }
        }
    }
    for (name, ty) in given {
        let list = bounds.get(name).map(Vec::as_slice).unwrap_or_default();
        let maybe_sized = list.iter().any(|b| {
            matches!(b, TypeParamBound::Trait(tb) if matches!(tb.modifier, TraitBoundModifier::Maybe(_)))
        });
        let fail = |tr: &str| {
            format!("`{ty}` does not implement `{tr}`, which `{name}` of {whose} requires")
        };
        if !maybe_sized && implements(ty, "Sized", traits) == Some(false) {
            return Err(fail("Sized"));
        }
        for b in list {
            let TypeParamBound::Trait(tb) = b else {
                continue;
            };
            if !matches!(tb.modifier, TraitBoundModifier::None) {
                continue;
            }
            let cannot = || {
                format!(
                    "cannot check that `{name} = {ty}` implements `{}`",
                    cx.text(module, &tb.path)
                )
            };
            match known_trait(cx, module, &tb.path) {
                Some(tr) => match implements(ty, tr, traits) {
                    Some(true) => {}
                    Some(false) => return Err(fail(tr)),
                    None => warnings.push(cannot()),
                },
                None => warnings.push(cannot()),
            }
        }
    }
    Ok(warnings)
}

fn collect_classes<'i>(items: &'i [Item], out: &mut Vec<&'i Class>) {
    for item in items {
        match item {
            Item::Class(c) => out.push(c),
            Item::Module(m) => collect_classes(&m.items, out),
            _ => {}
        }
    }
}

fn param_name(p: &GenericParam) -> String {
    use syn::ext::IdentExt;
    match p {
        GenericParam::Type(t) => t.ident.unraw().to_string(),
        GenericParam::Const(c) => c.ident.unraw().to_string(),
        GenericParam::Lifetime(l) => format!("'{}", l.lifetime.ident),
    }
}

/// An integer, `true`/`false` or a char literal.
fn is_const_literal(v: &str) -> bool {
    if v == "true" || v == "false" {
        return true;
    }
    if v.len() >= 3 && v.starts_with('\'') && v.ends_with('\'') {
        return true;
    }
    let digits = v.strip_prefix('-').unwrap_or(v);
    syn::parse_str::<syn::LitInt>(digits).is_ok()
}

/// The free function or method at `path`: its module, signature, and for a
/// method the class type that `Self` means.
fn find<'a>(
    analysis: &'a Analysis,
    cx: &TypeCx,
    path: &str,
    class_paths: &[String],
) -> Result<(usize, &'a syn::Signature, Option<TypeExpr>), String> {
    let mut public: Vec<_> = analysis
        .public
        .items
        .iter()
        .filter(|(_, pp)| pp.joined() == path)
        .filter_map(|(id, _)| analysis.krate.items.get(*id))
        .collect();
    public.sort_by_key(|item| item.order);
    if let Some((module, sig)) = public.iter().find_map(|item| match &item.def {
        Def::Fn(sig) => Some((item.module, &**sig)),
        _ => None,
    }) {
        return Ok((module, sig, None));
    }
    let not_found = || format!("`{path}` is not a public function or method of the crate");
    let Some((class, method)) = path.rsplit_once("::") else {
        return Err(not_found());
    };
    let is_type = analysis.public.items.iter().any(|(id, pp)| {
        pp.joined() == class
            && analysis
                .krate
                .items
                .get(*id)
                .is_some_and(|i| matches!(i.def, Def::Struct(_) | Def::Enum(_)))
    });
    if !is_type {
        return Err(not_found());
    }
    if !class_paths.iter().any(|c| c == class) {
        return Err(format!(
            "`{class}` is not bound as a class, so its methods cannot be bound"
        ));
    }
    let mut impls: Vec<_> = analysis
        .krate
        .impls
        .iter()
        .filter(|imp| imp.trait_path.is_none())
        .collect();
    impls.sort_by_key(|imp| imp.order);
    for imp in impls {
        if bind::impl_class(cx, imp).as_deref() != Some(class) {
            continue;
        }
        if let Some(f) = imp.fns.iter().find(|f| f.public && f.name == method) {
            let self_ty = TypeExpr::Path(TypePath::simple(&class.split("::").collect::<Vec<_>>()));
            return Ok((imp.module, &f.sig, Some(self_ty)));
        }
    }
    Err(not_found())
}

/// The standard trait a bound names, when rsbind knows its implementations.
fn known_trait(cx: &TypeCx, module: usize, path: &syn::Path) -> Option<&'static str> {
    let names = path_names(path);
    let last = path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    let last_name = names.last()?;
    let name = KNOWN_TRAITS.iter().find(|t| **t == last_name.as_str())?;
    let is_std = match cx
        .scopes
        .resolve_type_path(module, path.leading_colon.is_some(), &names)
    {
        Some(Target::External(p)) => {
            p.len() == 1
                || p.first().is_some_and(|r| {
                    matches!(r.as_str(), "std" | "core" | "alloc")
                        || STD_TRAIT_MODULES.contains(&r.as_str())
                })
        }
        // A prelude name.
        None => names.len() == 1,
        _ => false,
    };
    is_std.then_some(*name)
}

/// Whether `ty` implements the standard trait `tr`: `None` when rsbind does
/// not know.
fn implements(ty: &TypeExpr, tr: &str, classes: &BTreeMap<String, Vec<String>>) -> Option<bool> {
    let all = |items: &[&TypeExpr], tr: &str| -> Option<bool> {
        let mut out = Some(true);
        for t in items {
            match implements(t, tr, classes) {
                Some(true) => {}
                Some(false) => return Some(false),
                None => out = None,
            }
        }
        out
    };
    match ty {
        TypeExpr::Never => None,
        TypeExpr::Tuple(items) => {
            let items: Vec<&TypeExpr> = items.iter().collect();
            match tr {
                "Display" => Some(false),
                _ => all(&items, tr),
            }
        }
        TypeExpr::Array(inner, _) => match tr {
            "Display" => Some(false),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::Slice(inner) => match tr {
            "Sized" | "Copy" | "Clone" | "Default" | "Display" => Some(false),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::Ref { mutable, inner, .. } => match tr {
            "Sized" => Some(true),
            "Copy" | "Clone" => Some(!mutable),
            "Default" => match &**inner {
                TypeExpr::Slice(_) => Some(true),
                TypeExpr::Path(p) if std_key(p) == Some("str") => Some(true),
                _ => Some(false),
            },
            "Send" if !mutable => implements(inner, "Sync", classes),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::RawPtr { .. } => match tr {
            "Sized" | "Copy" | "Clone" | "Debug" | "PartialEq" | "Eq" | "PartialOrd" | "Ord"
            | "Hash" => Some(true),
            _ => Some(false),
        },
        TypeExpr::FnPtr { .. } => match tr {
            "Display" | "Default" => Some(false),
            _ => Some(true),
        },
        TypeExpr::DynTrait(_) => match tr {
            "Sized" | "Copy" | "Clone" | "Default" => Some(false),
            _ => None,
        },
        TypeExpr::ImplTrait(_) => None,
        TypeExpr::Path(p) => {
            if let Some(traits) = classes.get(&p.names()) {
                if !matches!(p.last().args, SegmentArgs::None) {
                    return None;
                }
                return match tr {
                    "Sized" => Some(true),
                    "Send" | "Sync" => None,
                    _ => Some(traits.iter().any(|t| t == tr)),
                };
            }
            let key = std_key(p)?;
            let args = p.type_args();
            let yes = |no: &[&str]| Some(!no.contains(&tr));
            match key {
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                | "u128" | "usize" | "bool" | "char" => Some(true),
                "f32" | "f64" => yes(&["Eq", "Ord", "Hash"]),
                "str" => yes(&["Sized", "Copy", "Clone", "Default"]),
                "Path" => yes(&["Sized", "Copy", "Clone", "Default", "Display"]),
                "String" => yes(&["Copy"]),
                "PathBuf" => yes(&["Copy", "Display"]),
                "Duration" => yes(&["Display"]),
                "SystemTime" => yes(&["Display", "Default"]),
                "io::Error" => yes(&[
                    "Copy",
                    "Clone",
                    "PartialEq",
                    "Eq",
                    "PartialOrd",
                    "Ord",
                    "Hash",
                    "Default",
                ]),
                "Cow" => match args.as_slice() {
                    [TypeExpr::Path(inner)] if std_key(inner) == Some("str") => yes(&["Copy"]),
                    _ => None,
                },
                "Box" => match tr {
                    "Sized" => Some(true),
                    "Copy" => Some(false),
                    _ => match args.as_slice() {
                        [TypeExpr::Path(inner)]
                            if std_key(inner) == Some("str")
                                && matches!(tr, "Clone" | "Default") =>
                        {
                            Some(true)
                        }
                        [inner] => implements(inner, tr, classes),
                        _ => None,
                    },
                },
                "Option" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" => Some(false),
                    _ => all(&args, tr),
                },
                "Result" => match tr {
                    "Sized" => Some(true),
                    "Display" | "Default" => Some(false),
                    _ => all(&args, tr),
                },
                "Vec" | "BTreeMap" | "BTreeSet" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" | "Copy" => Some(false),
                    _ => all(&args, tr),
                },
                "HashMap" | "HashSet" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" | "Copy" | "PartialOrd" | "Ord" | "Hash" => Some(false),
                    _ => all(&args, tr),
                },
                "Rc" => match tr {
                    "Sized" | "Clone" => Some(true),
                    "Copy" | "Send" | "Sync" => Some(false),
                    _ => all(&args, tr),
                },
                "Arc" => match tr {
                    "Sized" | "Clone" => Some(true),
                    "Copy" => Some(false),
                    "Send" | "Sync" => {
                        let a = all(&args, "Send");
                        let b = all(&args, "Sync");
                        match (a, b) {
                            (Some(false), _) | (_, Some(false)) => Some(false),
                            (Some(true), Some(true)) => Some(true),
                            _ => None,
                        }
                    }
                    _ => all(&args, tr),
                },
                _ => None,
            }
        }
    }
}

/// The checker's name for a standard type, for the table above.
fn std_key(p: &TypePath) -> Option<&'static str> {
    crate::check::types::std_name(p)
}

/// An instantiation of a generic struct, bound as a class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassInstantiation {
    /// The class: `path` is the generic struct's public path, `type_args` the
    /// arguments, and type strings name it (and `Self`) `Stack<i32>`.
    pub class: Class,
    /// Bounds rsbind could not check, and members that are not bound (with why).
    pub warnings: Vec<String>,
}

/// The generic pub struct at `path` (a public path of the crate: `Stack`,
/// `geo::Stack`) with its type parameters bound to `type_args` in order (type
/// strings as the interface file writes them), bound the way extraction binds
/// a struct: its `pub` fields, the methods and consts of its inherent impls
/// (`impl<T> Stack<T>`, and `impl Stack<i32>` for these arguments), its
/// constructor and its protocol traits (derived ones when the arguments meet
/// the bounds the derive implies, implemented ones when the impl's bounds
/// hold). `Err` says why it cannot be: no such struct, an enum, a type that is
/// not generic, the wrong number of arguments, or an argument that does not
/// meet a bound of the struct or of one of its inherent impls.
pub fn instantiate_class(
    source: &SourceSet,
    path: &str,
    type_args: &[String],
) -> Result<ClassInstantiation, String> {
    use super::modules::Generics;
    use syn::ext::IdentExt;

    let analysis = Analysis::new(source);
    let bound = analysis.bind();
    let cx = analysis.cx();
    let shown = path.trim();
    let path = shown.strip_prefix("crate::").unwrap_or(shown);

    // The struct.
    let mut found: Vec<_> = analysis
        .public
        .items
        .iter()
        .filter(|(_, pp)| pp.joined() == path)
        .filter_map(|(id, pp)| Some((*id, analysis.krate.items.get(*id)?, pp)))
        .filter(|(_, item, _)| matches!(item.def, Def::Struct(_) | Def::Enum(_)))
        .collect();
    found.sort_by_key(|(id, item, _)| (item.order, *id));
    let Some(&(id, item, pp)) = found.first() else {
        return Err(format!("`{path}` is not a public struct of the crate"));
    };
    let def = match &item.def {
        Def::Struct(d) => &**d,
        Def::Enum(_) => {
            return Err(format!(
                "`{path}` is an enum; only generic structs can be instantiated as classes"
            ))
        }
        _ => return Err(format!("`{path}` is not a public struct of the crate")),
    };
    if pp.hidden {
        return Err(format!("`{path}` is {}", bind::HIDDEN));
    }
    match def.generics {
        Generics::None => {
            return Err(format!(
                "`{path}` is not generic; it is bound as a class without type arguments"
            ))
        }
        Generics::Lifetimes => return Err(format!("`{path}`: {}", bind::LIFETIME_TYPE)),
        Generics::Types => {}
    }
    if def.params.lifetimes().next().is_some() {
        return Err(format!("`{path}`: {}", bind::LIFETIME_TYPE));
    }
    if def.params.const_params().next().is_some() {
        return Err(format!(
            "`{path}` has const parameters; structs with const parameters cannot be instantiated as classes yet"
        ));
    }
    let params: Vec<String> = def
        .params
        .type_params()
        .map(|p| p.ident.unraw().to_string())
        .collect();
    if params.len() != type_args.len() {
        let names: Vec<String> = params.iter().map(|p| format!("`{p}`")).collect();
        return Err(format!(
            "`{path}` takes {} type argument{} ({}), but {} {} given",
            params.len(),
            if params.len() == 1 { "" } else { "s" },
            names.join(", "),
            type_args.len(),
            if type_args.len() == 1 { "is" } else { "are" }
        ));
    }
    let mut given: Vec<(String, TypeExpr)> = Vec::new();
    for (name, arg) in params.iter().zip(type_args) {
        let ty = parse_type(arg).map_err(|e| {
            format!("the type argument `{arg}` for `{name}` of `{path}` does not parse: {e:?}")
        })?;
        given.push((name.clone(), ty));
    }
    let args: Vec<TypeExpr> = given.iter().map(|(_, t)| t.clone()).collect();
    let mut segments: Vec<crate::idl::ty::Segment> = pp
        .segments
        .iter()
        .map(|s| crate::idl::ty::Segment {
            name: s.clone(),
            args: SegmentArgs::None,
        })
        .collect();
    if let Some(last) = segments.last_mut() {
        last.args = SegmentArgs::Angle(
            args.iter()
                .map(|t| crate::idl::ty::GenericArg::Type(t.clone()))
                .collect(),
        );
    }
    let self_ty = TypeExpr::Path(TypePath {
        leading_colons: false,
        segments,
    });
    let type_string = self_ty.to_string();

    // The classes extraction binds, for the bounds and the checker.
    let mut classes = Vec::new();
    collect_classes(&bound.items, &mut classes);
    let traits: BTreeMap<String, Vec<String>> = classes
        .iter()
        .map(|c| (bind::dep_class_name(c), c.traits.clone()))
        .collect();

    // The struct's own bounds.
    let mut warnings = check_bounds(
        &cx,
        item.module,
        &def.params,
        &given,
        &format!("`{path}`"),
        &traits,
    )?;

    // The impls for this instantiation.
    let mut impls: Vec<_> = analysis.krate.impls.iter().collect();
    impls.sort_by_key(|imp| imp.order);
    let mut inherent = Vec::new();
    let mut trait_impls = Vec::new();
    let mut names: std::collections::BTreeSet<&'static str> = std::collections::BTreeSet::new();
    for imp in impls {
        let Some(subst) = impl_subst(&cx, imp, id, &args) else {
            continue;
        };
        let impl_given: Vec<(String, TypeExpr)> = subst
            .types
            .iter()
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let whose = format!("the impl for `{}`", cx.text(imp.module, &*imp.self_ty));
        match &imp.trait_path {
            None => {
                let w = check_bounds(&cx, imp.module, &imp.generics, &impl_given, &whose, &traits)?;
                warnings.extend(w);
                inherent.push((imp, subst));
            }
            Some(tp) => {
                let Some(name) = bind::protocol_trait(&cx, imp, tp, &self_ty, Some(&subst)) else {
                    continue;
                };
                match check_bounds(&cx, imp.module, &imp.generics, &impl_given, &whose, &traits) {
                    Ok(w) => {
                        warnings.extend(w);
                        names.insert(name);
                        trait_impls.push((name, imp, subst));
                    }
                    Err(reason) => {
                        warnings.push(format!("`{name}` of `{type_string}` not bound: {reason}"))
                    }
                }
            }
        }
    }

    // Derived traits: a derive implies the bound `T: Trait` on every parameter.
    let mut derived: Vec<&'static str> = def
        .derives
        .iter()
        .filter_map(|d| {
            bind::PROTOCOL_TRAITS
                .iter()
                .find(|t| **t == d.as_str())
                .copied()
        })
        .collect();
    if def.derives_display {
        derived.push("Display");
    }
    for tr in derived {
        let mut holds = true;
        for (name, ty) in &given {
            match implements(ty, tr, &traits) {
                Some(true) => {}
                Some(false) => {
                    holds = false;
                    warnings.push(format!(
                        "`{tr}` of `{type_string}` not bound: `{ty}` does not implement `{tr}`, which `#[derive({tr})]` requires of `{name}`"
                    ));
                    break;
                }
                None => warnings.push(format!(
                    "cannot check that `{name} = {ty}` implements `{tr}`, which `#[derive({tr})]` requires"
                )),
            }
        }
        if holds {
            names.insert(tr);
        }
    }
    let class_traits: Vec<&'static str> = bind::PROTOCOL_TRAITS
        .iter()
        .copied()
        .filter(|t| names.contains(t))
        .collect();

    // The checker's view: the bound classes and this instantiation.
    let mut class_paths: Vec<String> = classes.iter().map(|c| bind::dep_class_name(c)).collect();
    let mut not_clone: Vec<String> = classes
        .iter()
        .filter(|c| !c.traits.iter().any(|t| t == "Clone"))
        .map(|c| bind::dep_class_name(c))
        .collect();
    let mut no_display: std::collections::BTreeSet<String> = classes
        .iter()
        .filter(|c| !c.traits.iter().any(|t| t == "Display"))
        .map(|c| bind::dep_class_name(c))
        .collect();
    class_paths.push(type_string.clone());
    if !class_traits.contains(&"Clone") {
        not_clone.push(type_string.clone());
    }
    if !class_traits.contains(&"Display") {
        no_display.insert(type_string.clone());
    }
    let checked = Classes {
        paths: class_paths.clone(),
        no_display,
    };
    let env = TypeEnv {
        classes: &class_paths,
        not_clone: &not_clone,
    };

    let last = pp.segments.last().map(String::as_str).unwrap_or_default();
    let name = crate::check::python_name(&format!(
        "{last}{}",
        args.iter().map(arg_ident).collect::<String>()
    ));
    let inst = bind::Instance {
        id,
        item,
        def,
        pp,
        name,
        type_args: type_args.iter().map(|a| a.trim().to_string()).collect(),
        self_ty,
        subst: Subst {
            types: given.into_iter().collect(),
            consts: BTreeMap::new(),
        },
        inherent,
        trait_impls,
        traits: class_traits,
    };
    let (class, skipped) = bind::bind_instance(&cx, inst, &checked, &env);
    warnings.extend(
        skipped
            .into_iter()
            .map(|s| format!("{} `{}` not bound: {}", s.kind, s.path, s.reason)),
    );
    Ok(ClassInstantiation { class, warnings })
}

/// The parameters of an impl bound so that its self type is the struct `id`
/// with the arguments `args`; `None` when the impl is for another type (or
/// another instantiation).
fn impl_subst(
    cx: &TypeCx,
    imp: &super::modules::ImplInfo,
    id: super::modules::ItemId,
    args: &[TypeExpr],
) -> Option<Subst> {
    use syn::ext::IdentExt;
    let syn::Type::Path(tp) = &*imp.self_ty else {
        return None;
    };
    if tp.qself.is_some() {
        return None;
    }
    let names = path_names(&tp.path);
    match cx
        .scopes
        .resolve_type_path(imp.module, tp.path.leading_colon.is_some(), &names)
    {
        Some(Target::Item(found)) if found == id => {}
        _ => return None,
    }
    let written: Vec<&syn::Type> = match &tp.path.segments.last()?.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Lifetime(_) => None,
                syn::GenericArgument::Type(t) => Some(Some(t)),
                _ => Some(None),
            })
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    if written.len() != args.len() {
        return None;
    }
    let own: Vec<String> = imp
        .generics
        .type_params()
        .map(|p| p.ident.unraw().to_string())
        .collect();
    let mut subst = Subst::default();
    for (w, arg) in written.iter().zip(args) {
        let param = match w {
            syn::Type::Path(p) if p.qself.is_none() => p
                .path
                .get_ident()
                .map(|i| i.unraw().to_string())
                .filter(|n| own.contains(n)),
            _ => None,
        };
        match param {
            Some(n) => match subst.types.get(&n) {
                Some(prev) if prev != arg => return None,
                Some(_) => {}
                None => {
                    subst.types.insert(n, arg.clone());
                }
            },
            None => match cx.convert(imp.module, w) {
                Ok(t) if &t == arg => {}
                _ => return None,
            },
        }
    }
    if own.iter().any(|n| !subst.types.contains_key(n))
        || imp.generics.const_params().next().is_some()
    {
        return None;
    }
    Some(subst)
}

/// A type argument's part of a default Python class name: the last segment of
/// each path, capitalized, with its own arguments (`Vec<geo::Point>` → `VecPoint`).
fn arg_ident(ty: &TypeExpr) -> String {
    fn cap(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
    match ty {
        TypeExpr::Path(p) => {
            let last = p.last();
            let mut out = cap(&last.name);
            match &last.args {
                SegmentArgs::Angle(items) => {
                    for a in items {
                        match a {
                            crate::idl::ty::GenericArg::Type(t)
                            | crate::idl::ty::GenericArg::AssocType(_, t) => {
                                out.push_str(&arg_ident(t))
                            }
                            crate::idl::ty::GenericArg::Lifetime(_) => {}
                        }
                    }
                }
                SegmentArgs::Paren { inputs, output } => {
                    for t in inputs.iter().chain(output.as_deref()) {
                        out.push_str(&arg_ident(t));
                    }
                }
                SegmentArgs::None => {}
            }
            out
        }
        TypeExpr::Ref { inner, .. } | TypeExpr::RawPtr { inner, .. } | TypeExpr::Slice(inner) => {
            arg_ident(inner)
        }
        TypeExpr::Array(inner, n) => format!(
            "{}{}",
            arg_ident(inner),
            n.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        ),
        TypeExpr::Tuple(items) if items.is_empty() => "Unit".to_string(),
        TypeExpr::Tuple(items) => items.iter().map(arg_ident).collect(),
        TypeExpr::FnPtr { .. } => "Fn".to_string(),
        TypeExpr::DynTrait(_) | TypeExpr::ImplTrait(_) => "Dyn".to_string(),
        TypeExpr::Never => "Never".to_string(),
    }
}
