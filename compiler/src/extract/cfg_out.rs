//! Public items a `#[cfg]` leaves out of the build, which rustdoc cannot show
//! (it documents the crate as compiled). This is the one job the front end
//! still reads source text for, with syn: walk the module files from the lib
//! root, note every `pub` item (and `pub` member of an inherent impl) that
//! carries a `#[cfg(..)]`, and report those rustdoc did not document at that
//! path. No predicate is evaluated here: rustc already did, with the features
//! the extraction chose.

use std::collections::BTreeMap;
use syn::{Attribute, Item, Visibility};

/// How deep `mod` declarations nest before the walk stops.
const MAX_DEPTH: usize = 64;

/// A `pub` item behind a `#[cfg]`, at the public path its module gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CfgItem {
    /// The path from the crate root, the item's name last (`Type::method` for
    /// an impl member).
    pub segments: Vec<String>,
    pub kind: &'static str,
    /// The predicate as written: `feature = "more"`.
    pub predicate: String,
}

/// The `pub` items behind a `#[cfg]` in the crate's files (`files`: path
/// relative to the crate folder → text; `root`: the lib root's path).
pub(crate) fn scan(files: &BTreeMap<String, String>, root: &str) -> Vec<CfgItem> {
    let mut out = Vec::new();
    walk_file(files, root, &dir_of(root, true), &[], &mut out, 0);
    out
}

fn dir_of(file: &str, owns_dir: bool) -> String {
    let (parent, stem) = match file.rsplit_once('/') {
        Some((p, f)) => (p.to_string(), f.trim_end_matches(".rs").to_string()),
        None => (String::new(), file.trim_end_matches(".rs").to_string()),
    };
    if owns_dir || stem == "mod" || stem == "lib" || stem == "main" {
        parent
    } else if parent.is_empty() {
        stem
    } else {
        format!("{parent}/{stem}")
    }
}

fn walk_file(
    files: &BTreeMap<String, String>,
    file: &str,
    dir: &str,
    module: &[String],
    out: &mut Vec<CfgItem>,
    depth: usize,
) {
    let Some(text) = files.get(file) else { return };
    // syn recurses once per level of nesting, and a crate nests types as deep as
    // rustc lets it (thousands of `&`): the file is parsed, walked and dropped on
    // a stack of its own that such depths fit in (reserved, used as needed).
    let found = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(SYN_STACK)
            .spawn_scoped(scope, || {
                // A file that does not parse was reported by rustc already.
                let parsed = syn::parse_file(text).ok()?;
                let mut found = Vec::new();
                walk_items(files, &parsed.items, dir, module, &mut found, depth);
                Some(found)
            })
            .ok()
            .and_then(|handle| handle.join().ok())
            .flatten()
    });
    out.extend(found.unwrap_or_default());
}

/// The stack a source file is read on (see [`walk_file`]).
const SYN_STACK: usize = 256 << 20;

fn walk_items(
    files: &BTreeMap<String, String>,
    items: &[Item],
    dir: &str,
    module: &[String],
    out: &mut Vec<CfgItem>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for item in items {
        let (attrs, vis, name, kind) = match item {
            Item::Fn(i) => (&i.attrs, &i.vis, i.sig.ident.to_string(), "fn"),
            Item::Struct(i) => (&i.attrs, &i.vis, i.ident.to_string(), "struct"),
            Item::Enum(i) => (&i.attrs, &i.vis, i.ident.to_string(), "enum"),
            Item::Const(i) => (&i.attrs, &i.vis, i.ident.to_string(), "const"),
            Item::Static(i) => (&i.attrs, &i.vis, i.ident.to_string(), "static"),
            Item::Trait(i) => (&i.attrs, &i.vis, i.ident.to_string(), "trait"),
            Item::Type(i) => (&i.attrs, &i.vis, i.ident.to_string(), "type"),
            Item::Union(i) => (&i.attrs, &i.vis, i.ident.to_string(), "union"),
            Item::Mod(m) => {
                walk_mod(files, m, dir, module, out, depth);
                continue;
            }
            Item::Impl(imp) => {
                impl_members(imp, module, out);
                continue;
            }
            _ => continue,
        };
        if !matches!(vis, Visibility::Public(_)) {
            continue;
        }
        if let Some(predicate) = cfg_predicate(attrs) {
            let mut segments = module.to_vec();
            segments.push(unraw(&name));
            out.push(CfgItem {
                segments,
                kind,
                predicate,
            });
        }
    }
}

fn walk_mod(
    files: &BTreeMap<String, String>,
    m: &syn::ItemMod,
    dir: &str,
    module: &[String],
    out: &mut Vec<CfgItem>,
    depth: usize,
) {
    let name = unraw(&m.ident.to_string());
    let mut inner = module.to_vec();
    inner.push(name.clone());
    let public = matches!(m.vis, Visibility::Public(_));
    if public {
        if let Some(predicate) = cfg_predicate(&m.attrs) {
            out.push(CfgItem {
                segments: inner,
                kind: "mod",
                predicate,
            });
            return;
        }
    }
    if !public {
        return;
    }
    let sub_dir = join(dir, &name);
    if let Some((_, items)) = &m.content {
        walk_items(files, items, &sub_dir, &inner, out, depth + 1);
        return;
    }
    let explicit = m.attrs.iter().find_map(path_attr);
    let candidates = match explicit {
        Some(p) => vec![join(dir, &p)],
        None => vec![format!("{sub_dir}.rs"), format!("{sub_dir}/mod.rs")],
    };
    for file in candidates {
        let file = file.trim_start_matches('/').to_string();
        if files.contains_key(&file) {
            let owns = file.ends_with("/mod.rs") || explicit_owns(&m.attrs);
            let next_dir = if owns {
                dir_of(&file, true)
            } else {
                sub_dir.clone()
            };
            walk_file(files, &file, &next_dir, &inner, out, depth + 1);
            return;
        }
    }
}

fn explicit_owns(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| path_attr(a).is_some())
}

/// The `pub` members behind a `#[cfg]` of an inherent impl of a plain type name.
fn impl_members(imp: &syn::ItemImpl, module: &[String], out: &mut Vec<CfgItem>) {
    if imp.trait_.is_some() {
        return;
    }
    let syn::Type::Path(tp) = &*imp.self_ty else {
        return;
    };
    let Some(ty) = tp.path.get_ident() else {
        return;
    };
    for member in &imp.items {
        let (attrs, vis, name, kind) = match member {
            syn::ImplItem::Fn(f) => (&f.attrs, &f.vis, f.sig.ident.to_string(), "method"),
            syn::ImplItem::Const(c) => (&c.attrs, &c.vis, c.ident.to_string(), "const"),
            _ => continue,
        };
        if !matches!(vis, Visibility::Public(_)) {
            continue;
        }
        if let Some(predicate) = cfg_predicate(attrs) {
            let mut segments = module.to_vec();
            segments.push(unraw(&ty.to_string()));
            segments.push(unraw(&name));
            out.push(CfgItem {
                segments,
                kind,
                predicate,
            });
        }
    }
}

/// The predicate of an item's `#[cfg(..)]`s, as written (several joined with `, `).
fn cfg_predicate(attrs: &[Attribute]) -> Option<String> {
    let preds: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .filter_map(|a| match &a.meta {
            syn::Meta::List(list) => Some(
                list.tokens
                    .to_string()
                    .replace("not (", "not(")
                    .replace("all (", "all(")
                    .replace("any (", "any(")
                    .replace(" ,", ","),
            ),
            _ => None,
        })
        .collect();
    (!preds.is_empty()).then(|| preds.join(", "))
}

fn path_attr(a: &Attribute) -> Option<String> {
    if !a.path().is_ident("path") {
        return None;
    }
    match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value().replace('\\', "/")),
            _ => None,
        },
        _ => None,
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn unraw(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_string()
}
