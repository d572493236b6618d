//! Pass 3: decides, for every public item, whether it is bound and how, or why
//! not. Supportedness is the checker's ([`crate::check::types`]), so the front
//! end and `rsbind check` agree on what can be bound.

use super::modules::{Def, ItemId, ItemInfo};
use super::resolve::{PublicPath, Target};
use super::types::{path_names, TypeCx};
use crate::check::types::{lower_param, lower_return, lower_value, TypeEnv};
use crate::idl::ty::{GenericArg, SegmentArgs, TypeExpr};
use crate::idl::{Exception, Function, Item, Param, Skipped, Value};
use std::collections::{BTreeMap, BTreeSet};
use syn::{FnArg, Pat};

pub(crate) const HIDDEN: &str = "hidden with `#[doc(hidden)]`";
pub(crate) const UNSAFE: &str = "unsafe functions cannot be called safely from Python";
pub(crate) const ASYNC: &str = "async functions are not bound";
pub(crate) const GENERIC: &str =
    "generic functions need instantiations listed in the interface file";
pub(crate) const VARIADIC: &str = "variadic functions cannot be called from Python";
pub(crate) const METHOD: &str = "methods are bound with their type";
pub(crate) const STATIC_MUT: &str = "mutable statics cannot be read safely";
pub(crate) const LIVE_STATIC: &str = "live statics are bound from the classes issue on";
pub(crate) const STRUCT: &str = "structs are bound from the classes issue on";
pub(crate) const ENUM: &str = "enums are bound from the classes issue on";
pub(crate) const UNION: &str = "unions are not bound";
pub(crate) const TRAIT: &str = "traits are bound from the callbacks issue on";
pub(crate) const MACRO: &str = "macros cannot be bound";
pub(crate) const FOREIGN: &str = "foreign items (of an `extern` block) are not bound";

/// Python's hard keywords: a Rust name equal to one gets a trailing `_`.
const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The Python name for a Rust name (raw identifiers already unescaped).
pub(crate) fn py_name(rust: &str) -> String {
    if PY_KEYWORDS.contains(&rust) {
        format!("{rust}_")
    } else {
        rust.to_string()
    }
}

enum Candidate<'a> {
    Fn {
        item: &'a ItemInfo,
        path: String,
        name: String,
        /// (Rust name for messages, Python name, type)
        params: Vec<(String, String, TypeExpr)>,
        ret: TypeExpr,
    },
    Value {
        item: &'a ItemInfo,
        path: String,
        name: String,
        ty: TypeExpr,
        is_static: bool,
    },
}

pub(crate) fn bind(cx: &TypeCx) -> (Vec<Item>, Vec<Skipped>) {
    let krate = cx.krate;
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut skip = |path: &str, kind: &str, reason: &str| {
        skipped.push(Skipped {
            path: path.to_string(),
            kind: kind.to_string(),
            reason: reason.to_string(),
        })
    };

    let mut public: Vec<(ItemId, &ItemInfo, &PublicPath)> = cx
        .public
        .items
        .iter()
        .filter_map(|(id, p)| krate.items.get(*id).map(|item| (*id, item, p)))
        .collect();
    public.sort_by_key(|(id, item, _)| (item.order, *id));

    let mut candidates = Vec::new();
    let mut types: Vec<(ItemId, &ItemInfo, &PublicPath)> = Vec::new();
    for &(id, item, pp) in &public {
        let path = pp.joined();
        let kind = item.def.kind();
        match &item.def {
            Def::Struct { .. } | Def::Enum { .. } => {
                types.push((id, item, pp));
                continue;
            }
            // Aliases are expanded where they are used.
            Def::TypeAlias { .. } => continue,
            _ => {}
        }
        if let Some(reason) = location_reason(pp) {
            skip(&path, kind, &reason);
            continue;
        }
        let name = py_name(pp.segments.last().map(String::as_str).unwrap_or_default());
        let result = match &item.def {
            Def::Fn(sig) => fn_candidate(cx, item, sig).map(|(params, ret)| Candidate::Fn {
                item,
                path: path.clone(),
                name,
                params,
                ret,
            }),
            Def::Const(ty) => cx.convert(item.module, ty).map(|ty| Candidate::Value {
                item,
                path: path.clone(),
                name,
                ty,
                is_static: false,
            }),
            Def::Static { mutable: true, .. } => Err(STATIC_MUT.to_string()),
            Def::Static { ty, .. } => match cx.convert(item.module, ty) {
                Ok(ty) if is_live(&ty) => Err(LIVE_STATIC.to_string()),
                Ok(ty) => Ok(Candidate::Value {
                    item,
                    path: path.clone(),
                    name,
                    ty,
                    is_static: true,
                }),
                Err(e) => Err(e),
            },
            Def::Union => Err(UNION.to_string()),
            Def::Trait => Err(TRAIT.to_string()),
            Def::Macro => Err(MACRO.to_string()),
            Def::Foreign(_) => Err(FOREIGN.to_string()),
            Def::Struct { .. } | Def::Enum { .. } | Def::TypeAlias { .. } => continue,
        };
        match result {
            Ok(c) => candidates.push(c),
            Err(reason) => skip(&path, kind, &reason),
        }
    }

    // Exceptions: the crate's error types of the candidate functions' `Result`s.
    let display = display_types(cx);
    let type_by_path: BTreeMap<String, (ItemId, &ItemInfo)> = types
        .iter()
        .map(|(id, item, pp)| (pp.joined(), (*id, *item)))
        .collect();
    let mut exception_paths: Vec<String> = Vec::new();
    let mut fn_errors: BTreeMap<String, String> = BTreeMap::new();
    for c in &candidates {
        let Candidate::Fn { path, ret, .. } = c else {
            continue;
        };
        let Some(TypeExpr::Path(err)) = result_error(ret) else {
            continue;
        };
        let err_path = err.names();
        let Some((id, item)) = type_by_path.get(&err_path) else {
            continue;
        };
        let generic = matches!(
            item.def,
            Def::Struct { generic: true, .. } | Def::Enum { generic: true, .. }
        );
        if generic {
            fn_errors.insert(
                path.clone(),
                format!("return type: the error type `{err_path}` is generic"),
            );
        } else if !display.contains(id) {
            fn_errors.insert(
                path.clone(),
                format!("return type: the error type `{err_path}` does not implement `Display`"),
            );
        } else if !exception_paths.contains(&err_path) {
            exception_paths.push(err_path);
        }
    }

    let env = TypeEnv {
        exceptions: &exception_paths,
    };
    let mut used_exceptions: Vec<String> = Vec::new();
    let mut bound: Vec<Item> = Vec::new();
    for c in candidates {
        match c {
            Candidate::Fn {
                item,
                path,
                name,
                params,
                ret,
            } => {
                if let Some(reason) = fn_errors.get(&path) {
                    skip(&path, "fn", reason);
                    continue;
                }
                if let Some(reason) = params.iter().find_map(|(rust, _, ty)| {
                    lower_param(ty, &env)
                        .err()
                        .map(|u| format!("parameter `{rust}`: {}", u.reason))
                }) {
                    skip(&path, "fn", &reason);
                    continue;
                }
                if let Err(u) = lower_return(&ret, &env) {
                    skip(&path, "fn", &format!("return type: {}", u.reason));
                    continue;
                }
                if let Some(TypeExpr::Path(err)) = result_error(&ret) {
                    let err_path = err.names();
                    if exception_paths.contains(&err_path) && !used_exceptions.contains(&err_path) {
                        used_exceptions.push(err_path);
                    }
                }
                bound.push(Item::Function(Function {
                    name,
                    path,
                    doc: item.doc.clone(),
                    params: params
                        .into_iter()
                        .map(|(_, py, ty)| Param {
                            name: py,
                            ty: ty.to_string(),
                        })
                        .collect(),
                    ret: ret.to_string(),
                    release_gil: false,
                }));
            }
            Candidate::Value {
                item,
                path,
                name,
                ty,
                is_static,
            } => {
                let kind = if is_static { "static" } else { "const" };
                if let Err(u) = lower_value(&ty, &env) {
                    skip(&path, kind, &u.reason);
                    continue;
                }
                let value = Value {
                    name,
                    path,
                    ty: ty.to_string(),
                    doc: item.doc.clone(),
                };
                bound.push(if is_static {
                    Item::Static(value)
                } else {
                    Item::Const(value)
                });
            }
        }
    }

    let mut items: Vec<Item> = Vec::new();
    for err_path in &used_exceptions {
        if let Some((_, item)) = type_by_path.get(err_path) {
            let last = err_path.rsplit("::").next().unwrap_or(err_path);
            items.push(Item::Exception(Exception {
                name: py_name(last),
                path: err_path.clone(),
                doc: item.doc.clone(),
            }));
        }
    }
    items.extend(bound);

    for (_, item, pp) in &types {
        let path = pp.joined();
        if used_exceptions.contains(&path) {
            continue;
        }
        let reason = location_reason(pp).unwrap_or_else(|| {
            match item.def {
                Def::Enum { .. } => ENUM,
                _ => STRUCT,
            }
            .to_string()
        });
        skip(&path, item.def.kind(), &reason);
    }

    // Re-exports of other crates' items.
    for (segments, external, hidden) in &cx.public.externals {
        let reason = if *hidden {
            HIDDEN.to_string()
        } else {
            format!("re-exports `{}` of another crate", external.join("::"))
        };
        skip(&segments.join("::"), "use", &reason);
    }

    // `pub use`s that name nothing the front end found.
    for (module, name, written) in &cx.scopes.unresolved {
        if let Some(mp) = cx.public.modules.get(module) {
            let mut segments = mp.segments.clone();
            segments.push(name.clone());
            skip(
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
            skip(&path, out.kind, &format!("behind `#[cfg({})]`", out.cfg));
        }
    }

    skipped.sort_by(|a, b| (&a.path, &a.kind, &a.reason).cmp(&(&b.path, &b.kind, &b.reason)));
    skipped.dedup_by(|a, b| a.path == b.path && a.kind == b.kind);
    (items, skipped)
}

/// Why an item is not bound whatever it is: hidden, or only reachable in a submodule.
fn location_reason(pp: &PublicPath) -> Option<String> {
    if pp.hidden {
        return Some(HIDDEN.to_string());
    }
    if pp.segments.len() > 1 {
        let module = pp.segments[..pp.segments.len() - 1].join("::");
        return Some(format!(
            "in submodule `{module}`: submodules are bound from the classes issue on"
        ));
    }
    None
}

type Params = Vec<(String, String, TypeExpr)>;

fn fn_candidate(
    cx: &TypeCx,
    item: &ItemInfo,
    sig: &syn::Signature,
) -> Result<(Params, TypeExpr), String> {
    if sig.unsafety.is_some() {
        return Err(UNSAFE.to_string());
    }
    if sig.asyncness.is_some() {
        return Err(ASYNC.to_string());
    }
    if sig.generics.type_params().next().is_some() || sig.generics.const_params().next().is_some() {
        return Err(GENERIC.to_string());
    }
    if sig.variadic.is_some() {
        return Err(VARIADIC.to_string());
    }
    let mut params = Vec::new();
    for (i, input) in sig.inputs.iter().enumerate() {
        let FnArg::Typed(pt) = input else {
            return Err(METHOD.to_string());
        };
        let rust = pat_name(&pt.pat).unwrap_or_else(|| format!("arg{i}"));
        let ty = cx
            .convert(item.module, &pt.ty)
            .map_err(|r| format!("parameter `{rust}`: {r}"))?;
        if contains_impl_trait(&ty) {
            return Err(format!(
                "parameter `{rust}`: `impl Trait` parameters (`{ty}`) make the function generic; they are not bound yet"
            ));
        }
        let py = py_name(&rust);
        params.push((rust, py, ty));
    }
    let ret = cx
        .convert_return(item.module, &sig.output)
        .map_err(|r| format!("return type: {r}"))?;
    Ok((params, ret))
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

/// Atomics, mutexes and locks: statics whose value changes at run time.
fn is_live(ty: &TypeExpr) -> bool {
    let TypeExpr::Path(p) = ty else { return false };
    let last = &p.last().name;
    last.starts_with("Atomic") || last == "Mutex" || last == "RwLock"
}

/// The crate's structs and enums that implement `Display`: by an
/// `impl Display for T` anywhere in the crate, or by a derive that provides it.
fn display_types(cx: &TypeCx) -> BTreeSet<ItemId> {
    let mut out = BTreeSet::new();
    for (id, item) in cx.krate.items.iter().enumerate() {
        if matches!(
            item.def,
            Def::Struct {
                derives_display: true,
                ..
            } | Def::Enum {
                derives_display: true,
                ..
            }
        ) {
            out.insert(id);
        }
    }
    for imp in &cx.krate.impls {
        let names = path_names(&imp.trait_path);
        let leading = imp.trait_path.leading_colon.is_some();
        let is_display = match cx.scopes.resolve_type_path(imp.module, leading, &names) {
            Some(Target::External(p)) => {
                p.last().is_some_and(|l| l == "Display") && p.iter().any(|s| s == "fmt")
            }
            None => names.last().is_some_and(|l| l == "Display"),
            _ => false,
        };
        if !is_display {
            continue;
        }
        let mut self_ty = &*imp.self_ty;
        while let syn::Type::Paren(syn::TypeParen { elem, .. })
        | syn::Type::Group(syn::TypeGroup { elem, .. }) = self_ty
        {
            self_ty = elem;
        }
        let syn::Type::Path(tp) = self_ty else {
            continue;
        };
        if tp.qself.is_some() {
            continue;
        }
        let names = path_names(&tp.path);
        if let Some(Target::Item(id)) =
            cx.scopes
                .resolve_type_path(imp.module, tp.path.leading_colon.is_some(), &names)
        {
            out.insert(id);
        }
    }
    out
}
