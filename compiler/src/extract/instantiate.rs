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
    let mut warnings = Vec::new();
    let mut bounds: BTreeMap<String, Vec<&TypeParamBound>> = BTreeMap::new();
    for p in sig.generics.type_params() {
        bounds
            .entry(p.ident.to_string())
            .or_default()
            .extend(p.bounds.iter());
    }
    if let Some(wc) = &sig.generics.where_clause {
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
    for (name, ty) in &given {
        let list = bounds.get(name).map(Vec::as_slice).unwrap_or_default();
        let maybe_sized = list.iter().any(|b| {
            matches!(b, TypeParamBound::Trait(tb) if matches!(tb.modifier, TraitBoundModifier::Maybe(_)))
        });
        let fail = |tr: &str| {
            format!("`{ty}` does not implement `{tr}`, which `{name}` of `{path}` requires")
        };
        if !maybe_sized && implements(ty, "Sized", &traits) == Some(false) {
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
            match known_trait(&cx, module, &tb.path) {
                Some(tr) => match implements(ty, tr, &traits) {
                    Some(true) => {}
                    Some(false) => return Err(fail(tr)),
                    None => warnings.push(cannot()),
                },
                None => warnings.push(cannot()),
            }
        }
    }

    let sig = bind::sig_of(&cx, module, sig, self_ty.as_ref(), Some(&subst))?;
    bind::check_sig(&sig, &checked, &env)?;
    Ok(Instantiation {
        ret: sig.ret.to_string(),
        params: bind::params_of(sig.params),
        warnings,
    })
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
