//! `syn::Type` → [`TypeExpr`]: every path resolved the way the module that
//! wrote it sees it, the crate's type aliases expanded, crate types named by
//! their public path and standard types by their canonical spelling. A path
//! into a dependency of the bound crate is looked up in that crate's public API
//! and named `lib::public::path`, the way the dependency's own types are named
//! when its classes are bound.

use super::deps::Deps;
use super::modules::{span_range, Crate, Def, ItemId, ModId};
use super::resolve::{PublicPaths, Scopes, Target};
use super::SourceSet;
use crate::idl::ty::{Bound, GenericArg, Segment, SegmentArgs, TypeExpr, TypePath};
use std::cell::Cell;
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, GenericArgument, Lit, PathArguments, ReturnType, Type, TypeParamBound};

/// How deep aliases may expand into aliases.
const MAX_ALIAS_DEPTH: usize = 32;

/// How many type nodes one signature may convert to; aliases that double at
/// every level would otherwise take forever.
const MAX_NODES: usize = 100_000;

/// Standard types written by their short name, keyed by their path below
/// `std`/`core`/`alloc`.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("string::String", "String"),
    ("option::Option", "Option"),
    ("result::Result", "Result"),
    ("boxed::Box", "Box"),
    ("vec::Vec", "Vec"),
    ("borrow::Cow", "Cow"),
    ("path::Path", "Path"),
    ("path::PathBuf", "PathBuf"),
    ("time::Duration", "Duration"),
    ("time::SystemTime", "SystemTime"),
    ("collections::HashMap", "HashMap"),
    ("collections::hash_map::HashMap", "HashMap"),
    ("collections::BTreeMap", "BTreeMap"),
    ("collections::btree_map::BTreeMap", "BTreeMap"),
    ("collections::HashSet", "HashSet"),
    ("collections::hash_set::HashSet", "HashSet"),
    ("collections::BTreeSet", "BTreeSet"),
    ("collections::btree_set::BTreeSet", "BTreeSet"),
    ("rc::Rc", "Rc"),
    ("sync::Arc", "Arc"),
];

const PRIMITIVES: &[&str] = &[
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize", "f32",
    "f64", "bool", "char", "str",
];

/// What type conversion reads.
pub(crate) struct TypeCx<'a> {
    pub source: &'a SourceSet,
    pub krate: &'a Crate,
    pub scopes: &'a Scopes,
    pub public: &'a PublicPaths,
    /// Type nodes converted for the current top-level type.
    pub nodes: Cell<usize>,
    /// For a dependency's source: the name the bound crate gives it, which
    /// prefixes its types' paths. `None` for the bound crate.
    pub lib: Option<&'a str>,
    /// The bound crate's dependencies (whose paths only the bound crate's
    /// source resolves), and the record of their types met.
    pub deps: &'a Deps<'a>,
}

/// Generic parameters bound to concrete arguments, for an instantiation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Subst {
    pub types: BTreeMap<String, TypeExpr>,
    /// Const parameters and their values, as written (`4`).
    pub consts: BTreeMap<String, String>,
}

/// Where a type is written: its module, and while an alias expands, the alias's
/// parameters bound to the arguments it was given.
#[derive(Clone, Default)]
struct Frame {
    module: ModId,
    types: BTreeMap<String, TypeExpr>,
    /// `None`: the lifetime argument was elided.
    lifetimes: BTreeMap<String, Option<String>>,
    /// Const generic parameters bound to their values.
    consts: BTreeMap<String, String>,
    /// The aliases being expanded, outermost first.
    aliases: Vec<ItemId>,
}

/// Why a type cannot be written into the interface file.
pub(crate) type Reason = String;

impl TypeCx<'_> {
    /// Converts a type written in `module`.
    pub(crate) fn convert(&self, module: ModId, ty: &Type) -> Result<TypeExpr, Reason> {
        let frame = Frame {
            module,
            ..Frame::default()
        };
        self.nodes.set(0);
        self.ty(&frame, ty)
    }

    /// Converts a type written in `module` inside an `impl` (or a type
    /// definition) where `Self` means `self_ty`.
    pub(crate) fn convert_in(
        &self,
        module: ModId,
        ty: &Type,
        self_ty: Option<&TypeExpr>,
    ) -> Result<TypeExpr, Reason> {
        self.convert_with(module, ty, self_ty, None)
    }

    /// [`Self::convert_in`] with generic parameters bound to arguments.
    pub(crate) fn convert_with(
        &self,
        module: ModId,
        ty: &Type,
        self_ty: Option<&TypeExpr>,
        subst: Option<&Subst>,
    ) -> Result<TypeExpr, Reason> {
        let mut frame = Frame {
            module,
            ..Frame::default()
        };
        if let Some(subst) = subst {
            frame.types = subst.types.clone();
            frame.consts = subst.consts.clone();
        }
        if let Some(s) = self_ty {
            frame.types.insert("Self".to_string(), s.clone());
        }
        self.nodes.set(0);
        self.ty(&frame, ty)
    }

    /// A function's return type (`()` when it has none), `Self` meaning `self_ty`.
    pub(crate) fn convert_return_with(
        &self,
        module: ModId,
        ret: &ReturnType,
        self_ty: Option<&TypeExpr>,
        subst: Option<&Subst>,
    ) -> Result<TypeExpr, Reason> {
        match ret {
            ReturnType::Default => Ok(TypeExpr::unit()),
            ReturnType::Type(_, ty) => self.convert_with(module, ty, self_ty, subst),
        }
    }

    /// The source text of a node, whitespace collapsed, for messages.
    pub(crate) fn text(&self, module: ModId, node: &impl Spanned) -> String {
        let file = self
            .krate
            .modules
            .get(module)
            .map(|m| m.file.as_str())
            .unwrap_or_default();
        let Some(text) = self.source.files.get(file) else {
            return "..".to_string();
        };
        let range = span_range(text, node.span());
        match text.get(range) {
            Some(s) if !s.is_empty() => s.split_whitespace().collect::<Vec<_>>().join(" "),
            _ => "..".to_string(),
        }
    }

    fn ty(&self, f: &Frame, ty: &Type) -> Result<TypeExpr, Reason> {
        self.nodes.set(self.nodes.get() + 1);
        if self.nodes.get() > MAX_NODES {
            return Err("the type is too large once its aliases are expanded".to_string());
        }
        match ty {
            Type::Array(a) => Ok(TypeExpr::Array(
                Box::new(self.ty(f, &a.elem)?),
                self.array_len(f, &a.len)?,
            )),
            Type::BareFn(b) => {
                if b.unsafety.is_some()
                    || b.abi.is_some()
                    || b.variadic.is_some()
                    || b.lifetimes.is_some()
                {
                    return Err(format!(
                        "the function pointer type `{}` is not supported",
                        self.text(f.module, ty)
                    ));
                }
                let inputs = b
                    .inputs
                    .iter()
                    .map(|a| self.ty(f, &a.ty))
                    .collect::<Result<_, _>>()?;
                let output = match &b.output {
                    ReturnType::Default => None,
                    ReturnType::Type(_, t) => Some(Box::new(self.ty(f, t)?)),
                };
                Ok(TypeExpr::FnPtr { inputs, output })
            }
            Type::Group(g) => self.ty(f, &g.elem),
            Type::Paren(p) => self.ty(f, &p.elem),
            Type::ImplTrait(i) => Ok(TypeExpr::ImplTrait(self.bounds(f, &i.bounds)?)),
            Type::Infer(_) => Err("the placeholder type `_` is not supported".to_string()),
            Type::Macro(_) => Err(format!(
                "the type `{}` is made by a macro",
                self.text(f.module, ty)
            )),
            Type::Never(_) => Ok(TypeExpr::Never),
            Type::Path(p) => {
                if p.qself.is_some() {
                    return Err(format!(
                        "the qualified path type `{}` is not supported",
                        self.text(f.module, ty)
                    ));
                }
                self.path(f, &p.path)
            }
            Type::Ptr(p) => Ok(TypeExpr::RawPtr {
                mutable: p.mutability.is_some(),
                inner: Box::new(self.ty(f, &p.elem)?),
            }),
            Type::Reference(r) => Ok(TypeExpr::Ref {
                lifetime: r.lifetime.as_ref().and_then(|l| self.lifetime(f, l)),
                mutable: r.mutability.is_some(),
                inner: Box::new(self.ty(f, &r.elem)?),
            }),
            Type::Slice(s) => Ok(TypeExpr::Slice(Box::new(self.ty(f, &s.elem)?))),
            Type::TraitObject(t) => {
                if t.dyn_token.is_none() {
                    return Err(format!(
                        "the trait object `{}` is written without `dyn`",
                        self.text(f.module, ty)
                    ));
                }
                Ok(TypeExpr::DynTrait(self.bounds(f, &t.bounds)?))
            }
            Type::Tuple(t) => Ok(TypeExpr::Tuple(
                t.elems
                    .iter()
                    .map(|e| self.ty(f, e))
                    .collect::<Result<_, _>>()?,
            )),
            _ => Err(format!(
                "the type `{}` is not supported",
                self.text(f.module, ty)
            )),
        }
    }

    /// A lifetime as written, or as the alias being expanded was given it.
    fn lifetime(&self, f: &Frame, l: &syn::Lifetime) -> Option<String> {
        let name = format!("'{}", l.ident);
        match f.lifetimes.get(&name) {
            Some(given) => given.clone(),
            None => Some(name),
        }
    }

    fn array_len(&self, f: &Frame, len: &Expr) -> Result<String, Reason> {
        match len {
            Expr::Lit(ExprLit {
                lit: Lit::Int(i), ..
            }) => Ok(i.to_string()),
            Expr::Path(p) if p.qself.is_none() => {
                let names = path_names(&p.path);
                if let [name] = names.as_slice() {
                    if let Some(value) = f.consts.get(name) {
                        return Ok(value.clone());
                    }
                }
                Ok(names.join("::"))
            }
            Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
                syn::Stmt::Expr(e, None) => self.array_len(f, e),
                _ => Err(format!(
                    "the array length `{}` is not a literal or a constant",
                    self.text(f.module, len)
                )),
            },
            _ => Err(format!(
                "the array length `{}` is not a literal or a constant",
                self.text(f.module, len)
            )),
        }
    }

    fn bounds(
        &self,
        f: &Frame,
        bounds: &Punctuated<TypeParamBound, syn::Token![+]>,
    ) -> Result<Vec<Bound>, Reason> {
        let mut out = Vec::new();
        for b in bounds {
            match b {
                TypeParamBound::Trait(tb)
                    if tb.lifetimes.is_none()
                        && matches!(tb.modifier, syn::TraitBoundModifier::None) =>
                {
                    match self.path(f, &tb.path)? {
                        TypeExpr::Path(p) => out.push(Bound::Trait(p)),
                        other => return Err(format!("`{other}` is not a trait")),
                    }
                }
                TypeParamBound::Lifetime(l) => out.push(Bound::Lifetime(
                    self.lifetime(f, l).unwrap_or_else(|| "'_".to_string()),
                )),
                _ => {
                    return Err(format!(
                        "the bound `{}` is not supported",
                        self.text(f.module, b)
                    ))
                }
            }
        }
        Ok(out)
    }

    fn path(&self, f: &Frame, path: &syn::Path) -> Result<TypeExpr, Reason> {
        let names = path_names(path);
        let leading = path.leading_colon.is_some();
        let written = format!("{}{}", if leading { "::" } else { "" }, names.join("::"));
        let Some(last) = path.segments.last() else {
            return Err("an empty path".to_string());
        };
        if !leading && names.len() == 1 {
            if let Some(t) = f.types.get(&names[0]) {
                if !last.arguments.is_none() {
                    return Err(format!("the type parameter `{written}` takes no arguments"));
                }
                return Ok(t.clone());
            }
        }
        if path
            .segments
            .iter()
            .rev()
            .skip(1)
            .any(|s| !s.arguments.is_none())
        {
            return Err(format!(
                "the path `{}` has generic arguments before its last segment",
                self.text(f.module, path)
            ));
        }
        let resolved = if !leading && names.len() == 1 && PRIMITIVES.contains(&names[0].as_str()) {
            // A crate item of a primitive's name shadows it, as in Rust.
            self.scopes
                .resolve_type_path(f.module, false, &names)
                .filter(|t| matches!(t, Target::Item(_)))
        } else {
            match self.scopes.resolve_type_path(f.module, leading, &names) {
                // A name of a glob import of a dependency: `use semver::*;`.
                None if !leading && names.len() == 1 => self
                    .dep_glob_member(f.module, &names[0])
                    .map(Target::External),
                resolved => resolved,
            }
        };
        match resolved {
            None => Ok(TypeExpr::Path(TypePath {
                leading_colons: leading,
                segments: with_args(&names, self.args(f, &last.arguments)?),
            })),
            Some(Target::Item(id)) => self.crate_type(f, id, &written, &last.arguments),
            Some(Target::Module(_)) => Err(format!("`{written}` is a module, not a type")),
            Some(Target::Variant) => Err(format!("`{written}` is not a type")),
            Some(Target::External(p)) => self.external(f, &p, &last.arguments),
        }
    }

    fn crate_type(
        &self,
        f: &Frame,
        id: ItemId,
        written: &str,
        args: &PathArguments,
    ) -> Result<TypeExpr, Reason> {
        let Some(item) = self.krate.items.get(id) else {
            return Err(format!("`{written}` is not a type"));
        };
        match &item.def {
            Def::TypeAlias { generics, ty } => {
                self.expand_alias(f, id, item.module, generics, ty, written, args)
            }
            Def::Struct(_) | Def::Enum(_) | Def::Union | Def::Trait | Def::Foreign("type") => {
                let Some(public) = self.public.items.get(&id) else {
                    return Err(format!("uses the private type `{written}`"));
                };
                let args = self.args(f, args)?;
                Ok(TypeExpr::Path(TypePath {
                    leading_colons: false,
                    segments: with_args(&self.type_path(id, &public.segments), args),
                }))
            }
            _ => Err(format!("`{written}` is not a type")),
        }
    }

    /// The path by which type strings name a struct, enum, union, trait or
    /// foreign type of this crate, given its public path; a dependency's are
    /// prefixed with its name, and its structs and enums recorded as met.
    fn type_path(&self, id: ItemId, public: &[String]) -> Vec<String> {
        match self.lib {
            None => public.to_vec(),
            Some(lib) => {
                if let Some(Def::Struct(_) | Def::Enum(_)) =
                    self.krate.items.get(id).map(|i| &i.def)
                {
                    self.deps.recorder.record(lib, id);
                }
                std::iter::once(lib.to_string())
                    .chain(public.iter().cloned())
                    .collect()
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_alias(
        &self,
        f: &Frame,
        id: ItemId,
        module: ModId,
        generics: &syn::Generics,
        ty: &Type,
        written: &str,
        args: &PathArguments,
    ) -> Result<TypeExpr, Reason> {
        let (type_args, lifetime_args) = self.alias_args(f, written, args)?;
        self.expand_alias_with(
            &f.aliases,
            id,
            module,
            generics,
            ty,
            written,
            type_args,
            lifetime_args,
        )
    }

    /// The arguments given to a type alias, converted where they are written.
    #[allow(clippy::type_complexity)]
    fn alias_args(
        &self,
        f: &Frame,
        written: &str,
        args: &PathArguments,
    ) -> Result<(Vec<TypeExpr>, Vec<Option<String>>), Reason> {
        let mut type_args = Vec::new();
        let mut lifetime_args = Vec::new();
        match args {
            PathArguments::None => {}
            PathArguments::AngleBracketed(a) => {
                for arg in &a.args {
                    match arg {
                        GenericArgument::Type(t) => type_args.push(self.ty(f, t)?),
                        GenericArgument::Lifetime(l) => lifetime_args.push(self.lifetime(f, l)),
                        _ => {
                            return Err(format!(
                                "the argument `{}` of the type alias `{written}` is not supported",
                                self.text(f.module, arg)
                            ))
                        }
                    }
                }
            }
            PathArguments::Parenthesized(_) => {
                return Err(format!("`{written}` takes no parenthesized arguments"))
            }
        }
        Ok((type_args, lifetime_args))
    }

    /// Expands the alias `id` (of this crate, defined in `module`) given its
    /// converted arguments; `outer` are the aliases of this crate being expanded.
    #[allow(clippy::too_many_arguments)]
    fn expand_alias_with(
        &self,
        outer: &[ItemId],
        id: ItemId,
        module: ModId,
        generics: &syn::Generics,
        ty: &Type,
        written: &str,
        type_args: Vec<TypeExpr>,
        lifetime_args: Vec<Option<String>>,
    ) -> Result<TypeExpr, Reason> {
        if outer.contains(&id) {
            return Err(format!("the type alias `{written}` expands into itself"));
        }
        if outer.len() >= MAX_ALIAS_DEPTH {
            return Err(format!(
                "the type alias `{written}` expands into too many other aliases"
            ));
        }
        if generics.const_params().next().is_some() {
            return Err(format!("the type alias `{written}` has const parameters"));
        }
        let params: Vec<&syn::TypeParam> = generics.type_params().collect();
        if type_args.len() > params.len() {
            return Err(format!(
                "`{written}` is given {} type arguments but takes {}",
                type_args.len(),
                params.len()
            ));
        }
        let mut aliases = outer.to_vec();
        aliases.push(id);
        let mut inner = Frame {
            module,
            types: BTreeMap::new(),
            lifetimes: BTreeMap::new(),
            consts: BTreeMap::new(),
            aliases,
        };
        for (i, lp) in generics.lifetimes().enumerate() {
            inner.lifetimes.insert(
                format!("'{}", lp.lifetime.ident),
                lifetime_args.get(i).cloned().flatten(),
            );
        }
        let mut given = type_args.into_iter();
        for p in params {
            let value = match (given.next(), &p.default) {
                (Some(t), _) => t,
                (None, Some(default)) => self.ty(&inner, default)?,
                (None, None) => return Err(format!("`{written}` is missing type arguments")),
            };
            inner.types.insert(p.ident.unraw().to_string(), value);
        }
        self.ty(&inner, ty)
    }

    /// A path of another crate: standard types by their canonical spelling
    /// (`String`, `std::io::Error`), `io::Result`/`fmt::Result` expanded.
    fn external(
        &self,
        f: &Frame,
        path: &[String],
        args: &PathArguments,
    ) -> Result<TypeExpr, Reason> {
        if let Some(root) = path.first() {
            if self.lib.is_none() && self.deps.has(root) {
                return self.dep_type(f, root, path, args);
            }
        }
        let args = self.args(f, args)?;
        let is_std = matches!(
            path.first().map(String::as_str),
            Some("std" | "core" | "alloc")
        );
        if is_std && path.len() >= 2 {
            let below = path[1..].join("::");
            if let Some((_, short)) = SHORT_NAMES.iter().find(|(p, _)| *p == below) {
                return Ok(TypeExpr::Path(TypePath {
                    leading_colons: false,
                    segments: with_args(&[short.to_string()], args),
                }));
            }
            if let Some(prim) = below
                .strip_prefix("primitive::")
                .filter(|p| PRIMITIVES.contains(p))
            {
                return Ok(TypeExpr::path(&[prim]));
            }
            let error = |m: &str| TypeExpr::path(&["std", m, "Error"]);
            match below.as_str() {
                "io::Result" => {
                    let ok = match &args {
                        SegmentArgs::Angle(a) => match a.as_slice() {
                            [GenericArg::Type(t)] => t.clone(),
                            _ => {
                                return Err("`std::io::Result` takes one type argument".to_string())
                            }
                        },
                        SegmentArgs::None => TypeExpr::unit(),
                        SegmentArgs::Paren { .. } => {
                            return Err("`std::io::Result` takes one type argument".to_string())
                        }
                    };
                    return Ok(result(ok, error("io")));
                }
                "fmt::Result" => return Ok(result(TypeExpr::unit(), error("fmt"))),
                _ => {}
            }
        }
        Ok(TypeExpr::Path(TypePath {
            leading_colons: false,
            segments: with_args(path, args),
        }))
    }

    /// A path of the bound crate into its dependency `lib`: the type it names in
    /// the dependency's public API, by its canonical public path.
    fn dep_type(
        &self,
        f: &Frame,
        lib: &str,
        path: &[String],
        args: &PathArguments,
    ) -> Result<TypeExpr, Reason> {
        let written = path.join("::");
        let Some(dcx) = self.deps.cx(lib) else {
            return Err(format!(
                "`{written}` comes from the crate `{lib}`, whose source was not found"
            ));
        };
        let not_public = || format!("`{written}` is not a public type of the crate `{lib}`");
        let rest = path.get(1..).unwrap_or_default();
        if rest.is_empty() {
            return Err(format!("`{written}` is a crate, not a type"));
        }
        match dcx.scopes.resolve_public(rest) {
            None => Err(not_public()),
            Some(Target::Item(id)) => {
                let Some(item) = dcx.krate.items.get(id) else {
                    return Err(not_public());
                };
                match &item.def {
                    Def::TypeAlias { generics, ty } => {
                        let (type_args, lifetime_args) = self.alias_args(f, &written, args)?;
                        dcx.expand_alias_with(
                            &[],
                            id,
                            item.module,
                            generics,
                            ty,
                            &written,
                            type_args,
                            lifetime_args,
                        )
                    }
                    Def::Struct(_)
                    | Def::Enum(_)
                    | Def::Union
                    | Def::Trait
                    | Def::Foreign("type") => {
                        let Some(public) = dcx.public.items.get(&id) else {
                            return Err(not_public());
                        };
                        let args = self.args(f, args)?;
                        Ok(TypeExpr::Path(TypePath {
                            leading_colons: false,
                            segments: with_args(&dcx.type_path(id, &public.segments), args),
                        }))
                    }
                    _ => Err(format!("`{written}` is not a type")),
                }
            }
            Some(Target::External(p)) => {
                if matches!(
                    p.first().map(String::as_str),
                    Some("std" | "core" | "alloc")
                ) {
                    self.external(f, &p, args)
                } else {
                    Err(format!(
                        "`{written}` is `{}` of the crate `{}`, which the crate `{lib}` depends on; only the bound crate's own dependencies are read",
                        p.join("::"),
                        p.first().map(String::as_str).unwrap_or_default()
                    ))
                }
            }
            Some(Target::Module(_)) => Err(format!("`{written}` is a module, not a type")),
            Some(Target::Variant) => Err(format!("`{written}` is not a type")),
        }
    }

    /// For a `pub use dep::path::Type;` of the bound crate: the type string of
    /// the dependency's struct or enum it re-exports (recorded as met), if it
    /// is one.
    pub(crate) fn dep_type_name(&self, external: &[String]) -> Option<String> {
        let (root, rest) = external.split_first()?;
        if self.lib.is_some() || !self.deps.has(root) || rest.is_empty() {
            return None;
        }
        let dcx = self.deps.cx(root)?;
        match dcx.scopes.resolve_public(rest)? {
            Target::Item(id)
                if matches!(
                    dcx.krate.items.get(id).map(|i| &i.def),
                    Some(Def::Struct(_) | Def::Enum(_))
                ) =>
            {
                let public = dcx.public.items.get(&id)?;
                Some(dcx.type_path(id, &public.segments).join("::"))
            }
            _ => None,
        }
    }

    /// A name brought into `module` of the bound crate by a glob import of a
    /// dependency's module (`use semver::*;`), as the path of that crate.
    fn dep_glob_member(&self, module: ModId, name: &str) -> Option<Vec<String>> {
        if self.lib.is_some() {
            return None;
        }
        for glob in self.scopes.ext_globs.get(module)? {
            let Some(root) = glob.first() else { continue };
            if !self.deps.has(root) {
                continue;
            }
            let Some(dcx) = self.deps.cx(root) else {
                continue;
            };
            let mut inner: Vec<String> = glob.get(1..).unwrap_or_default().to_vec();
            inner.push(name.to_string());
            if let Some(Target::Item(_) | Target::External(_)) = dcx.scopes.resolve_public(&inner) {
                let mut p = glob.clone();
                p.push(name.to_string());
                return Some(p);
            }
        }
        None
    }

    fn args(&self, f: &Frame, args: &PathArguments) -> Result<SegmentArgs, Reason> {
        match args {
            PathArguments::None => Ok(SegmentArgs::None),
            PathArguments::AngleBracketed(a) => {
                let mut out = Vec::new();
                for arg in &a.args {
                    out.push(match arg {
                        GenericArgument::Lifetime(l) => GenericArg::Lifetime(
                            self.lifetime(f, l).unwrap_or_else(|| "'_".to_string()),
                        ),
                        GenericArgument::Type(t) => GenericArg::Type(self.ty(f, t)?),
                        GenericArgument::AssocType(at) if at.generics.is_none() => {
                            GenericArg::AssocType(at.ident.unraw().to_string(), self.ty(f, &at.ty)?)
                        }
                        GenericArgument::Const(_) => {
                            return Err(format!(
                                "the const generic argument `{}` is not supported",
                                self.text(f.module, arg)
                            ))
                        }
                        _ => {
                            return Err(format!(
                                "the generic argument `{}` is not supported",
                                self.text(f.module, arg)
                            ))
                        }
                    });
                }
                Ok(SegmentArgs::Angle(out))
            }
            PathArguments::Parenthesized(p) => Ok(SegmentArgs::Paren {
                inputs: p
                    .inputs
                    .iter()
                    .map(|t| self.ty(f, t))
                    .collect::<Result<_, _>>()?,
                output: match &p.output {
                    ReturnType::Default => None,
                    ReturnType::Type(_, t) => Some(Box::new(self.ty(f, t)?)),
                },
            }),
        }
    }
}

/// The segment names of a path, raw identifiers unescaped.
pub(crate) fn path_names(path: &syn::Path) -> Vec<String> {
    path.segments
        .iter()
        .map(|s| s.ident.unraw().to_string())
        .collect()
}

fn with_args(names: &[String], args: SegmentArgs) -> Vec<Segment> {
    let mut segments: Vec<Segment> = names
        .iter()
        .map(|n| Segment {
            name: n.clone(),
            args: SegmentArgs::None,
        })
        .collect();
    if let Some(last) = segments.last_mut() {
        last.args = args;
    }
    segments
}

fn result(ok: TypeExpr, err: TypeExpr) -> TypeExpr {
    TypeExpr::Path(TypePath {
        leading_colons: false,
        segments: vec![Segment {
            name: "Result".to_string(),
            args: SegmentArgs::Angle(vec![GenericArg::Type(ok), GenericArg::Type(err)]),
        }],
    })
}
