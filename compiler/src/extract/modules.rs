//! Pass 1: parses the crate's files and walks the module tree from the root,
//! recording every item, `use`, module and trait impl with only local knowledge.
//! Nothing here resolves a path; that is [`super::resolve`]'s job.

use super::{cfg, docs, SourceSet};
use crate::diag::{offset_of, Diagnostic};
use crate::idl::Shape;
use proc_macro2::Span;
use std::collections::BTreeMap;
use std::ops::Range;
use syn::ext::IdentExt;
use syn::{Attribute, Expr, ExprLit, Ident, Item, Lit, Meta, UseTree, Visibility};

pub(crate) type ModId = usize;
pub(crate) type ItemId = usize;

/// Nesting limit for modules and `cfg_attr`s; deeper input is cut off, not recursed into.
const MAX_DEPTH: usize = 64;

/// Everything pass 1 found in the crate.
#[derive(Default)]
pub(crate) struct Crate {
    /// Index 0 is the crate root.
    pub modules: Vec<Module>,
    pub items: Vec<ItemInfo>,
    pub uses: Vec<UseDecl>,
    pub impls: Vec<ImplInfo>,
    /// Public items left out by a `#[cfg]` the default build does not enable.
    pub cfg_out: Vec<CfgOut>,
    /// The root file's inner docs.
    pub doc: String,
}

pub(crate) struct Module {
    /// The Rust name (raw identifiers unescaped); empty for the root.
    pub name: String,
    pub parent: Option<ModId>,
    /// The file that holds the module's items.
    pub file: String,
    pub vis: RawVis,
    /// `#[doc(hidden)] mod m` or `#![doc(hidden)]` inside it.
    pub hidden: bool,
    /// Position of the `mod` item in the depth-first walk.
    pub order: usize,
    pub children: BTreeMap<String, ModId>,
    /// The `///` docs on the `mod` item, then its inner `//!` docs.
    pub doc: String,
}

/// A visibility as written; resolved against the module tree in pass 2.
#[derive(Clone, Debug)]
pub(crate) enum RawVis {
    Pub,
    Crate,
    /// Private, `pub(self)`.
    Private,
    Super,
    /// `pub(in a::b)`: the path's segments.
    In(Vec<String>),
}

impl RawVis {
    fn of(vis: &Visibility) -> RawVis {
        match vis {
            Visibility::Public(_) => RawVis::Pub,
            Visibility::Inherited => RawVis::Private,
            Visibility::Restricted(r) => {
                let segs: Vec<String> = r
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.unraw().to_string())
                    .collect();
                match segs
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    ["crate"] => RawVis::Crate,
                    ["self"] => RawVis::Private,
                    ["super"] => RawVis::Super,
                    _ => RawVis::In(segs),
                }
            }
        }
    }
}

pub(crate) struct ItemInfo {
    pub module: ModId,
    /// The Rust name (raw identifiers unescaped).
    pub name: String,
    pub vis: RawVis,
    pub hidden: bool,
    pub doc: String,
    /// Position in the depth-first walk of the module tree (source order).
    pub order: usize,
    pub def: Def,
}

/// The parts of an item that later passes read.
pub(crate) enum Def {
    Fn(Box<syn::Signature>),
    Const(Box<syn::Type>),
    Static {
        ty: Box<syn::Type>,
        mutable: bool,
    },
    TypeAlias {
        generics: syn::Generics,
        ty: Box<syn::Type>,
    },
    Struct(Box<TypeDef>),
    Enum(Box<TypeDef>),
    Union,
    Trait,
    /// A `#[macro_export] macro_rules!`; it lives at the crate root.
    Macro,
    /// An item of an `extern { }` block: `fn` or `static`.
    Foreign(&'static str),
}

impl Def {
    /// The `kind` written into skipped entries.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Def::Fn(_) => "fn",
            Def::Const(_) => "const",
            Def::Static { .. } => "static",
            Def::TypeAlias { .. } => "type",
            Def::Struct(_) => "struct",
            Def::Enum(_) => "enum",
            Def::Union => "union",
            Def::Trait => "trait",
            Def::Macro => "macro",
            Def::Foreign(kind) => kind,
        }
    }
}

/// Which generic parameters a struct or enum has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Generics {
    None,
    /// Lifetimes only.
    Lifetimes,
    /// Type or const parameters.
    Types,
}

/// The parts of a struct or enum that the binder reads.
pub(crate) struct TypeDef {
    pub generics: Generics,
    /// The generic parameters as written, with their bounds and `where` clause.
    pub params: syn::Generics,
    /// `Struct`, `Tuple`, `Unit` or `Enum`.
    pub shape: Shape,
    /// A struct's fields, with `#[cfg]` applied.
    pub fields: Vec<FieldDef>,
    /// An enum's variants, with `#[cfg]` applied.
    pub variants: Vec<VariantDef>,
    pub non_exhaustive: bool,
    /// The last segment of every path in `#[derive(..)]`.
    pub derives: Vec<String>,
    /// A derive that provides `Display` (see [`derives_display`]).
    pub derives_display: bool,
}

pub(crate) struct FieldDef {
    /// The Rust name, or the index in a tuple struct or variant.
    pub rust: String,
    /// Whether `rust` is an index.
    pub positional: bool,
    /// Written `pub` (not `pub(crate)` or narrower).
    pub public: bool,
    pub hidden: bool,
    pub ty: syn::Type,
    pub doc: String,
}

pub(crate) struct VariantDef {
    pub name: String,
    pub shape: Shape,
    pub fields: Vec<FieldDef>,
    /// The explicit discriminant, as written (whitespace collapsed).
    pub discriminant: Option<String>,
    pub doc: String,
}

/// One leaf of a `use` tree (`use a::{b, c as d, e::*}` gives three) or an
/// `extern crate`.
pub(crate) struct UseDecl {
    pub module: ModId,
    pub vis: RawVis,
    pub hidden: bool,
    pub order: usize,
    pub leading_colon: bool,
    /// The path up to the leaf; for `use a::b as c` it is `[a, b]`.
    pub path: Vec<String>,
    pub leaf: UseLeaf,
}

pub(crate) enum UseLeaf {
    /// Imports the path's last segment under this name.
    Named(String),
    /// `*` of the whole path.
    Glob,
    /// `extern crate path[0] as name`.
    ExternCrate(String),
}

/// An `impl` block (negative impls are left out).
pub(crate) struct ImplInfo {
    pub module: ModId,
    /// `None` for an inherent impl.
    pub trait_path: Option<syn::Path>,
    pub self_ty: Box<syn::Type>,
    /// The impl's generic parameters, with their bounds and `where` clause.
    pub generics: syn::Generics,
    /// Position in the depth-first walk (source order).
    pub order: usize,
    /// `#[doc(hidden)]` on the impl block.
    pub hidden: bool,
    pub fns: Vec<ImplFn>,
    pub consts: Vec<ImplConst>,
    /// Associated types: `type Item = T;`.
    pub types: Vec<(String, syn::Type)>,
    /// `pub fn`s and `pub const`s left out by a `#[cfg]`: (name, kind, predicate).
    pub cfg_out: Vec<(String, &'static str, cfg::Cfg)>,
}

/// A function of an impl block.
pub(crate) struct ImplFn {
    pub name: String,
    /// Written `pub` (not `pub(crate)` or narrower).
    pub public: bool,
    pub hidden: bool,
    pub doc: String,
    pub sig: syn::Signature,
}

/// An associated const of an impl block.
pub(crate) struct ImplConst {
    pub name: String,
    pub public: bool,
    pub hidden: bool,
    pub doc: String,
    pub ty: syn::Type,
}

pub(crate) struct CfgOut {
    pub module: ModId,
    pub name: String,
    pub kind: &'static str,
    pub cfg: cfg::Cfg,
}

/// Where `mod x;` looks for files, mirroring rustc: the directory, and for a
/// non-`mod.rs` file `src/a.rs` the extra component `a`.
#[derive(Clone)]
struct ModDir {
    dir: String,
    relative: Option<String>,
}

/// Byte range of a span in `text` (the file it was parsed from).
pub(crate) fn span_range(text: &str, span: Span) -> Range<usize> {
    let (s, e) = (span.start(), span.end());
    let start = offset_of(text, s.line, s.column);
    let end = offset_of(text, e.line, e.column);
    start..end.max(start)
}

/// The `mod` item without its attributes: `pub mod name;`.
fn mod_range(text: &str, m: &syn::ItemMod) -> Range<usize> {
    let start = match &m.vis {
        Visibility::Inherited => m.mod_token.span,
        vis => syn::spanned::Spanned::span(vis),
    };
    let end = m.semi.map(|s| s.span).unwrap_or(m.ident.span());
    span_range(text, start).start..span_range(text, end).end
}

/// Reads the crate from the root through every `mod`.
pub(crate) fn load(source: &SourceSet, diags: &mut Vec<Diagnostic>) -> Crate {
    let mut loader = Loader {
        source,
        krate: Crate::default(),
        diags,
        order: 0,
        stack: Vec::new(),
    };
    loader.krate.modules.push(Module {
        name: String::new(),
        parent: None,
        file: source.root.clone(),
        vis: RawVis::Pub,
        hidden: false,
        order: 0,
        children: BTreeMap::new(),
        doc: String::new(),
    });
    let root = normalize(&source.root);
    match source
        .files
        .get(&source.root)
        .or_else(|| source.files.get(&root))
    {
        None => loader.diags.push(
            Diagnostic::error(format!(
                "the crate root `{}` is not among the crate's files",
                source.root
            ))
            .help("check the `[lib] path` of Cargo.toml"),
        ),
        Some(text) => {
            if let Some(file) = loader.parse(&source.root, text) {
                let attrs = cfg::expand(&file.attrs);
                loader.krate.doc = docs::inner(&attrs);
                if let Some(m) = loader.krate.modules.get_mut(0) {
                    m.doc = loader.krate.doc.clone();
                }
                let dir = ModDir {
                    dir: parent_dir(&root),
                    relative: None,
                };
                loader.stack.push(root);
                loader.walk(0, &file.items, &source.root, text, &dir, 0);
            }
        }
    }
    loader.krate
}

struct Loader<'a> {
    source: &'a SourceSet,
    krate: Crate,
    diags: &'a mut Vec<Diagnostic>,
    order: usize,
    /// Files being walked, to stop a `#[path]` cycle.
    stack: Vec<String>,
}

impl Loader<'_> {
    fn next_order(&mut self) -> usize {
        self.order += 1;
        self.order
    }

    fn parse(&mut self, name: &str, text: &str) -> Option<syn::File> {
        match syn::parse_file(text) {
            Ok(file) => Some(file),
            Err(err) => {
                let span = span_range(text, err.span());
                self.diags.push(
                    Diagnostic::error(format!("cannot parse `{name}`: {err}"))
                        .at(name, span, err.to_string())
                        .note("the items of this file are left out of the interface"),
                );
                None
            }
        }
    }

    fn walk(
        &mut self,
        module: ModId,
        items: &[Item],
        file: &str,
        text: &str,
        dir: &ModDir,
        depth: usize,
    ) {
        for item in items {
            let Some(attrs) = item_attrs(item) else {
                continue;
            };
            let attrs = cfg::expand(attrs);
            if let Some(pred) = cfg::disabled_by(&attrs) {
                self.record_cfg_out(module, item, &attrs, pred);
                continue;
            }
            let order = self.next_order();
            let hidden = docs::is_hidden(&attrs);
            let doc = docs::outer(&attrs);
            let add = |this: &mut Self, ident: &Ident, vis: &Visibility, def: Def| {
                this.krate.items.push(ItemInfo {
                    module,
                    name: ident.unraw().to_string(),
                    vis: RawVis::of(vis),
                    hidden,
                    doc: doc.clone(),
                    order,
                    def,
                });
            };
            match item {
                Item::Fn(f) => {
                    add(self, &f.sig.ident, &f.vis, Def::Fn(Box::new(f.sig.clone())));
                    // Trait impls written inside the body still count.
                    self.local_impls(module, &f.block.stmts, hidden, 0);
                }
                Item::Const(c) => {
                    if c.ident == "_" {
                        // `const _: () = { impl .. };`
                        if let Expr::Block(b) = &*c.expr {
                            self.local_impls(module, &b.block.stmts, hidden, 0);
                        }
                    } else {
                        add(self, &c.ident, &c.vis, Def::Const(c.ty.clone()))
                    }
                }
                Item::Static(s) => add(
                    self,
                    &s.ident,
                    &s.vis,
                    Def::Static {
                        ty: s.ty.clone(),
                        mutable: matches!(s.mutability, syn::StaticMutability::Mut(_)),
                    },
                ),
                Item::Type(t) => add(
                    self,
                    &t.ident,
                    &t.vis,
                    Def::TypeAlias {
                        generics: t.generics.clone(),
                        ty: t.ty.clone(),
                    },
                ),
                Item::Struct(s) => {
                    let def = struct_def(s, &attrs);
                    add(self, &s.ident, &s.vis, Def::Struct(Box::new(def)))
                }
                Item::Enum(e) => {
                    let def = enum_def(e, &attrs, text);
                    add(self, &e.ident, &e.vis, Def::Enum(Box::new(def)))
                }
                Item::Union(u) => add(self, &u.ident, &u.vis, Def::Union),
                Item::Trait(t) => add(self, &t.ident, &t.vis, Def::Trait),
                Item::TraitAlias(t) => add(self, &t.ident, &t.vis, Def::Trait),
                Item::Macro(m) => {
                    if let Some(ident) = &m.ident {
                        if attrs.iter().any(|a| a.path().is_ident("macro_export")) {
                            add(
                                self,
                                ident,
                                &Visibility::Public(Default::default()),
                                Def::Macro,
                            );
                        }
                    }
                }
                Item::ForeignMod(fm) => {
                    for fi in &fm.items {
                        let (ident, vis, kind, fattrs) = match fi {
                            syn::ForeignItem::Fn(f) => (&f.sig.ident, &f.vis, "fn", &f.attrs),
                            syn::ForeignItem::Static(s) => (&s.ident, &s.vis, "static", &s.attrs),
                            syn::ForeignItem::Type(t) => (&t.ident, &t.vis, "type", &t.attrs),
                            _ => continue,
                        };
                        let fattrs = cfg::expand(fattrs);
                        if cfg::disabled_by(&fattrs).is_some() {
                            continue;
                        }
                        let order = self.next_order();
                        self.krate.items.push(ItemInfo {
                            module,
                            name: ident.unraw().to_string(),
                            vis: RawVis::of(vis),
                            hidden: hidden || docs::is_hidden(&fattrs),
                            doc: docs::outer(&fattrs),
                            order,
                            def: Def::Foreign(kind),
                        });
                    }
                }
                Item::Use(u) => {
                    let mut prefix = Vec::new();
                    self.flatten_use(
                        module,
                        &RawVis::of(&u.vis),
                        hidden,
                        order,
                        u.leading_colon.is_some(),
                        &u.tree,
                        &mut prefix,
                    );
                }
                Item::ExternCrate(ec) => {
                    let name = ec
                        .rename
                        .as_ref()
                        .map(|(_, i)| i)
                        .unwrap_or(&ec.ident)
                        .unraw()
                        .to_string();
                    if name != "_" {
                        self.krate.uses.push(UseDecl {
                            module,
                            vis: RawVis::of(&ec.vis),
                            hidden,
                            order,
                            leading_colon: false,
                            path: vec![ec.ident.unraw().to_string()],
                            leaf: UseLeaf::ExternCrate(name),
                        });
                    }
                }
                Item::Impl(imp) => self.add_impl(module, imp, hidden, order),
                Item::Mod(m) => {
                    self.walk_mod(module, m, &attrs, hidden, order, file, text, dir, depth)
                }
                _ => {}
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn flatten_use(
        &mut self,
        module: ModId,
        vis: &RawVis,
        hidden: bool,
        order: usize,
        leading_colon: bool,
        tree: &UseTree,
        prefix: &mut Vec<String>,
    ) {
        let push = |this: &mut Self, path: Vec<String>, leaf: UseLeaf| {
            this.krate.uses.push(UseDecl {
                module,
                vis: vis.clone(),
                hidden,
                order,
                leading_colon,
                path,
                leaf,
            });
        };
        match tree {
            UseTree::Path(p) => {
                prefix.push(p.ident.unraw().to_string());
                self.flatten_use(module, vis, hidden, order, leading_colon, &p.tree, prefix);
                prefix.pop();
            }
            UseTree::Name(n) => {
                let name = n.ident.unraw().to_string();
                if name == "self" {
                    // `use a::{self}` imports `a`.
                    if let Some(last) = prefix.last().cloned() {
                        push(self, prefix.clone(), UseLeaf::Named(last));
                    }
                } else {
                    let mut path = prefix.clone();
                    path.push(name.clone());
                    push(self, path, UseLeaf::Named(name));
                }
            }
            UseTree::Rename(r) => {
                let alias = r.rename.unraw().to_string();
                if alias == "_" {
                    return;
                }
                let name = r.ident.unraw().to_string();
                let mut path = prefix.clone();
                if name != "self" {
                    path.push(name);
                }
                if !path.is_empty() {
                    push(self, path, UseLeaf::Named(alias));
                }
            }
            UseTree::Glob(_) => push(self, prefix.clone(), UseLeaf::Glob),
            UseTree::Group(g) => {
                for t in &g.items {
                    self.flatten_use(module, vis, hidden, order, leading_colon, t, prefix);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn walk_mod(
        &mut self,
        parent: ModId,
        m: &syn::ItemMod,
        attrs: &[Attribute],
        hidden: bool,
        order: usize,
        file: &str,
        text: &str,
        dir: &ModDir,
        depth: usize,
    ) {
        let name = m.ident.unraw().to_string();
        if depth >= MAX_DEPTH {
            self.diags.push(
                Diagnostic::warning(format!(
                    "module `{name}` is nested too deeply; it is left out"
                ))
                .at(file, span_range(text, m.ident.span()), "here"),
            );
            return;
        }
        let path_attr = path_attr(attrs);
        let id = self.krate.modules.len();
        let mut module = Module {
            name: name.clone(),
            parent: Some(parent),
            file: file.to_string(),
            vis: RawVis::of(&m.vis),
            hidden,
            order,
            children: BTreeMap::new(),
            // An inline module's inner attributes are among `attrs`.
            doc: join_docs(&docs::outer(attrs), &docs::inner(attrs)),
        };
        if let Some((_, items)) = &m.content {
            // Inline: `#[path]` names the directory of its children.
            let base = join(&dir.dir, dir.relative.as_deref().unwrap_or(""));
            let child_dir = match &path_attr {
                Some(p) => ModDir {
                    dir: join(&dir.dir, p),
                    relative: None,
                },
                None => ModDir {
                    dir: join(&base, &name),
                    relative: None,
                },
            };
            // `attrs` holds the inline module's inner attributes too: `hidden` has them.
            self.add_module(parent, id, module);
            self.walk(id, items, file, text, &child_dir, depth + 1);
            return;
        }
        let candidates: Vec<String> = match &path_attr {
            Some(p) => vec![join(&dir.dir, p)],
            None => {
                let base = join(&dir.dir, dir.relative.as_deref().unwrap_or(""));
                vec![
                    join(&base, &format!("{name}.rs")),
                    join(&base, &format!("{name}/mod.rs")),
                ]
            }
        };
        let Some(found) = candidates
            .iter()
            .find(|c| self.source.files.contains_key(c.as_str()))
            .cloned()
        else {
            self.diags.push(
                Diagnostic::warning(format!(
                    "file not found for module `{name}`; its items are left out"
                ))
                .at(file, mod_range(text, m), "declared here")
                .help(format!(
                    "looked for {}",
                    candidates
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )),
            );
            return;
        };
        if self.stack.contains(&found) {
            self.diags.push(
                Diagnostic::warning(format!(
                    "module `{name}` loads `{found}`, which is already being read; it is left out"
                ))
                .at(file, mod_range(text, m), "declared here"),
            );
            return;
        }
        let child_dir = ModDir {
            dir: parent_dir(&found),
            relative: (path_attr.is_none() && !found.ends_with("/mod.rs")).then(|| name.clone()),
        };
        let source = self.source;
        let Some(child_text) = source.files.get(&found) else {
            return;
        };
        let Some(parsed) = self.parse(&found, child_text) else {
            // The module exists (paths into it resolve to nothing) but is empty.
            module.file = found;
            self.add_module(parent, id, module);
            return;
        };
        let inner_attrs = cfg::expand(&parsed.attrs);
        if let Some(pred) = cfg::disabled_by(&inner_attrs) {
            if matches!(m.vis, Visibility::Public(_)) {
                self.krate.cfg_out.push(CfgOut {
                    module: parent,
                    name,
                    kind: "mod",
                    cfg: pred,
                });
            }
            return;
        }
        module.hidden |= docs::is_hidden(&inner_attrs);
        module.doc = join_docs(&module.doc, &docs::inner(&inner_attrs));
        module.file = found.clone();
        self.add_module(parent, id, module);
        self.stack.push(found.clone());
        self.walk(id, &parsed.items, &found, child_text, &child_dir, depth + 1);
        self.stack.pop();
    }

    /// Records an `impl` block with its functions, consts and associated types.
    fn add_impl(&mut self, module: ModId, imp: &syn::ItemImpl, hidden: bool, order: usize) {
        let trait_path = match &imp.trait_ {
            None => None,
            Some((None, path, _)) => Some(path.clone()),
            // `impl !Trait for T`
            Some((Some(_), _, _)) => return,
        };
        let mut info = ImplInfo {
            module,
            trait_path,
            self_ty: imp.self_ty.clone(),
            generics: imp.generics.clone(),
            order,
            hidden,
            fns: Vec::new(),
            consts: Vec::new(),
            types: Vec::new(),
            cfg_out: Vec::new(),
        };
        for item in &imp.items {
            let attrs = match item {
                syn::ImplItem::Fn(f) => &f.attrs,
                syn::ImplItem::Const(c) => &c.attrs,
                syn::ImplItem::Type(t) => &t.attrs,
                _ => continue,
            };
            let attrs = cfg::expand(attrs);
            if let Some(pred) = cfg::disabled_by(&attrs) {
                match item {
                    syn::ImplItem::Fn(f) if is_pub(&f.vis) => {
                        info.cfg_out
                            .push((f.sig.ident.unraw().to_string(), "method", pred))
                    }
                    syn::ImplItem::Const(c) if is_pub(&c.vis) => {
                        info.cfg_out
                            .push((c.ident.unraw().to_string(), "const", pred))
                    }
                    _ => {}
                }
                continue;
            }
            let hidden = docs::is_hidden(&attrs);
            let doc = docs::outer(&attrs);
            match item {
                syn::ImplItem::Fn(f) => info.fns.push(ImplFn {
                    name: f.sig.ident.unraw().to_string(),
                    public: is_pub(&f.vis),
                    hidden,
                    doc,
                    sig: f.sig.clone(),
                }),
                syn::ImplItem::Const(c) => info.consts.push(ImplConst {
                    name: c.ident.unraw().to_string(),
                    public: is_pub(&c.vis),
                    hidden,
                    doc,
                    ty: c.ty.clone(),
                }),
                syn::ImplItem::Type(t) if t.generics.params.is_empty() => {
                    info.types.push((t.ident.unraw().to_string(), t.ty.clone()))
                }
                _ => {}
            }
        }
        self.krate.impls.push(info);
    }

    /// The `impl` blocks among a function body's (or a `const _` block's)
    /// statements, and in the blocks of its nested functions.
    fn local_impls(&mut self, module: ModId, stmts: &[syn::Stmt], hidden: bool, depth: usize) {
        if depth >= MAX_DEPTH {
            return;
        }
        for stmt in stmts {
            let syn::Stmt::Item(item) = stmt else {
                continue;
            };
            let Some(attrs) = item_attrs(item) else {
                continue;
            };
            let attrs = cfg::expand(attrs);
            if cfg::disabled_by(&attrs).is_some() {
                continue;
            }
            let hidden = hidden || docs::is_hidden(&attrs);
            match item {
                Item::Impl(imp) => {
                    let order = self.next_order();
                    self.add_impl(module, imp, hidden, order);
                }
                Item::Fn(f) => self.local_impls(module, &f.block.stmts, hidden, depth + 1),
                Item::Const(c) => {
                    if let Expr::Block(b) = &*c.expr {
                        self.local_impls(module, &b.block.stmts, hidden, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn add_module(&mut self, parent: ModId, id: ModId, module: Module) {
        let name = module.name.clone();
        self.krate.modules.push(module);
        if let Some(p) = self.krate.modules.get_mut(parent) {
            p.children.entry(name).or_insert(id);
        }
    }

    fn record_cfg_out(&mut self, module: ModId, item: &Item, attrs: &[Attribute], pred: cfg::Cfg) {
        let public = |vis: &Visibility| matches!(vis, Visibility::Public(_));
        let (ident, kind, module) = match item {
            Item::Fn(f) if public(&f.vis) => (&f.sig.ident, "fn", module),
            Item::Const(c) if public(&c.vis) => (&c.ident, "const", module),
            Item::Static(s) if public(&s.vis) => (&s.ident, "static", module),
            Item::Struct(s) if public(&s.vis) => (&s.ident, "struct", module),
            Item::Enum(e) if public(&e.vis) => (&e.ident, "enum", module),
            Item::Union(u) if public(&u.vis) => (&u.ident, "union", module),
            Item::Trait(t) if public(&t.vis) => (&t.ident, "trait", module),
            Item::Mod(m) if public(&m.vis) => (&m.ident, "mod", module),
            Item::Macro(m) if attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
                match &m.ident {
                    Some(ident) => (ident, "macro", 0),
                    None => return,
                }
            }
            _ => return,
        };
        self.krate.cfg_out.push(CfgOut {
            module,
            name: ident.unraw().to_string(),
            kind,
            cfg: pred,
        });
    }
}

fn item_attrs(item: &Item) -> Option<&Vec<Attribute>> {
    Some(match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => return None,
    })
}

fn generics_of(generics: &syn::Generics) -> Generics {
    if generics.type_params().next().is_some() || generics.const_params().next().is_some() {
        Generics::Types
    } else if generics.lifetimes().next().is_some() {
        Generics::Lifetimes
    } else {
        Generics::None
    }
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// Two doc texts, one after the other.
fn join_docs(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        (false, false) => format!("{a}\n{b}"),
    }
}

/// The last segment of every path in the `#[derive(..)]`s.
fn derive_names(attrs: &[Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        if let Ok(paths) = a.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) {
            for p in paths {
                if let Some(seg) = p.segments.last() {
                    out.push(seg.ident.unraw().to_string());
                }
            }
        }
    }
    out
}

fn is_non_exhaustive(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The fields of a struct or variant that the default build compiles.
fn field_defs(fields: &syn::Fields) -> (Shape, Vec<FieldDef>) {
    let shape = match fields {
        syn::Fields::Named(_) => Shape::Struct,
        syn::Fields::Unnamed(_) => Shape::Tuple,
        syn::Fields::Unit => Shape::Unit,
    };
    let mut out = Vec::new();
    // A tuple field's index counts only the fields that are compiled.
    let mut index = 0usize;
    for f in fields.iter() {
        let attrs = cfg::expand(&f.attrs);
        if cfg::disabled_by(&attrs).is_some() {
            continue;
        }
        let (rust, positional) = match &f.ident {
            Some(ident) => (ident.unraw().to_string(), false),
            None => (index.to_string(), true),
        };
        index += 1;
        out.push(FieldDef {
            rust,
            positional,
            public: is_pub(&f.vis),
            hidden: docs::is_hidden(&attrs),
            ty: f.ty.clone(),
            doc: docs::outer(&attrs),
        });
    }
    (shape, out)
}

fn struct_def(s: &syn::ItemStruct, attrs: &[Attribute]) -> TypeDef {
    let (shape, fields) = field_defs(&s.fields);
    TypeDef {
        generics: generics_of(&s.generics),
        params: s.generics.clone(),
        shape,
        fields,
        variants: Vec::new(),
        non_exhaustive: is_non_exhaustive(attrs),
        derives: derive_names(attrs),
        derives_display: derives_display(attrs, false),
    }
}

fn enum_def(e: &syn::ItemEnum, attrs: &[Attribute], text: &str) -> TypeDef {
    let variant_error = e
        .variants
        .iter()
        .any(|v| v.attrs.iter().any(|a| a.path().is_ident("error")));
    let mut variants = Vec::new();
    for v in &e.variants {
        let vattrs = cfg::expand(&v.attrs);
        if cfg::disabled_by(&vattrs).is_some() {
            continue;
        }
        let (shape, fields) = field_defs(&v.fields);
        variants.push(VariantDef {
            name: v.ident.unraw().to_string(),
            shape,
            fields,
            discriminant: v
                .discriminant
                .as_ref()
                .map(|(_, expr)| expr_text(text, expr)),
            doc: docs::outer(&vattrs),
        });
    }
    TypeDef {
        generics: generics_of(&e.generics),
        params: e.generics.clone(),
        shape: Shape::Enum,
        fields: Vec::new(),
        variants,
        non_exhaustive: is_non_exhaustive(attrs),
        derives: derive_names(attrs),
        derives_display: derives_display(attrs, variant_error),
    }
}

/// An expression as written in `text`, whitespace collapsed.
fn expr_text(text: &str, expr: &Expr) -> String {
    let range = span_range(text, syn::spanned::Spanned::span(expr));
    match text.get(range) {
        Some(s) if !s.trim().is_empty() => s.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Int(i), ..
            }) => i.to_string(),
            _ => String::new(),
        },
    }
}

/// Whether a derive provides `Display`: `derive_more::Display`, `displaydoc::Display`,
/// or thiserror's `Error` with `#[error(..)]` on the type or its variants.
fn derives_display(attrs: &[Attribute], variant_error_attr: bool) -> bool {
    let error_attr = variant_error_attr || attrs.iter().any(|a| a.path().is_ident("error"));
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .map(|paths| {
                paths.iter().any(|p| match p.segments.last() {
                    Some(seg) if seg.ident == "Display" => true,
                    Some(seg) if seg.ident == "Error" => error_attr,
                    _ => false,
                })
            })
            .unwrap_or(false)
        })
}

/// The value of `#[path = ".."]`.
fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Some(s.value().replace('\\', "/")),
            _ => None,
        },
        _ => None,
    })
}

fn parent_dir(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => path[..i].to_string(),
        None => String::new(),
    }
}

/// `dir/rel`, normalized (`.` and `..` applied, no empty components).
fn join(dir: &str, rel: &str) -> String {
    if rel.starts_with('/') || dir.is_empty() {
        return normalize(rel);
    }
    normalize(&format!("{dir}/{rel}"))
}

/// `dir/rel` for paths that are shown (an interface file's folder paths): `.`
/// rather than nothing.
pub(crate) fn join_paths(dir: &str, rel: &str) -> String {
    match join(dir, rel) {
        j if j.is_empty() => ".".to_string(),
        j => j,
    }
}

pub(crate) fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(join("src", "a.rs"), "src/a.rs");
        assert_eq!(join("src/x", "../y/./z.rs"), "src/y/z.rs");
        assert_eq!(join("", "a.rs"), "a.rs");
        assert_eq!(parent_dir("src/lib.rs"), "src");
        assert_eq!(parent_dir("lib.rs"), "");
    }
}
