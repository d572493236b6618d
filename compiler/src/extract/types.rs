//! rustdoc's types to the interface file's type syntax ([`TypeExpr`]), with the
//! naming rule of `idl-spec/README.md`: the crate's own types by their public
//! path in the crate, a dependency's as `lib::path`, std's by their short name
//! unless the crate has a type of that name, then by their full path
//! (`std::time::Duration`). Type aliases are expanded; nothing is resolved here
//! that rustdoc has not resolved already.

use super::walk::Surface;
use crate::idl::ty::{Bound, GenericArg, Segment, SegmentArgs, TypeExpr, TypePath};
use crate::types::std_name;
use rustdoc_types::{Crate, GenericArgs, GenericBound, Id, ItemEnum, ItemKind, Type};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Generic parameters bound to types (an instantiation), and `Self`.
pub(crate) type Subst = HashMap<String, TypeExpr>;

/// Where a [`Subst`] holds the associated type `name` of the impl at hand
/// (`Self::Output`).
pub(crate) fn assoc_key(name: &str) -> String {
    format!("Self::{name}")
}

/// How deep types and aliases nest before conversion gives up: half the depth a
/// type string may have (`idl::ty::MAX_TYPE_DEPTH`), as one level here may print
/// as two there (`Box<dyn Fn(..)>`), so every type written parses again.
const MAX_NESTING: usize = crate::idl::ty::MAX_TYPE_DEPTH / 2;

/// The crates whose items rustdoc calls `core`, `alloc` and `std`.
pub(crate) const STD_CRATES: &[&str] = &["std", "core", "alloc"];

/// A dependency's rustdoc output, read where the bound API uses its types.
pub(crate) struct DepView<'k> {
    pub krate: &'k Crate,
    pub surface: Surface,
    /// Definition path (without the crate name) → id, for the items rustdoc
    /// lists in the dependency's own index.
    pub by_definition: HashMap<Vec<String>, Id>,
}

impl<'k> DepView<'k> {
    pub fn new(krate: &'k Crate) -> DepView<'k> {
        let surface = super::walk::walk(krate);
        let by_definition = krate
            .paths
            .iter()
            .filter(|(_, s)| s.crate_id == 0)
            .map(|(id, s)| (s.path.iter().skip(1).cloned().collect(), *id))
            .collect();
        DepView {
            krate,
            surface,
            by_definition,
        }
    }
}

/// The dependencies by library name, and the dependency types met while converting.
#[derive(Default)]
pub(crate) struct Deps<'k> {
    pub views: BTreeMap<String, DepView<'k>>,
    /// Dependency types (lib, id in its own crate) that converted types named.
    pub met: RefCell<BTreeSet<(String, Id)>>,
}

/// What converting a type needs: the crate it is written in.
pub(crate) struct TypeCx<'k> {
    pub krate: &'k Crate,
    pub surface: &'k Surface,
    /// The names of the crate's own public types: a std type of such a name is
    /// written by its full path.
    pub own_names: BTreeSet<String>,
    /// `Some(lib)` when this crate is a dependency of the bound one: its types
    /// are written `lib::path`.
    pub lib: Option<&'k str>,
    pub deps: &'k Deps<'k>,
    /// The Python name (`geo.Point`, `Point.area`) of each public item, for the
    /// intra-doc links of docstrings.
    pub python_names: HashMap<Id, String>,
}

/// The Python name of every public item, module, variant and inherent member,
/// relative to the bound module.
fn python_names(krate: &Crate, surface: &Surface) -> HashMap<Id, String> {
    use crate::idl::python_name;
    let dotted = |segments: &[String]| -> String {
        segments
            .iter()
            .map(|s| python_name(s))
            .collect::<Vec<_>>()
            .join(".")
    };
    let mut out = HashMap::new();
    for (path, (_, id, _)) in &surface.modules {
        if !path.is_empty() {
            out.insert(*id, dotted(path));
        }
    }
    for p in &surface.items {
        let name = dotted(&p.segments);
        let (impls, variants) = match krate.index.get(&p.id).map(|i| &i.inner) {
            Some(ItemEnum::Struct(s)) => (s.impls.as_slice(), &[][..]),
            Some(ItemEnum::Enum(e)) => (e.impls.as_slice(), e.variants.as_slice()),
            _ => (&[][..], &[][..]),
        };
        let members = impls
            .iter()
            .filter_map(|i| match krate.index.get(i).map(|i| &i.inner) {
                Some(ItemEnum::Impl(imp)) if imp.trait_.is_none() => Some(imp.items.iter()),
                _ => None,
            })
            .flatten()
            .chain(variants.iter());
        for m in members {
            if let Some(n) = krate.index.get(m).and_then(|i| i.name.as_deref()) {
                out.insert(*m, format!("{name}.{}", python_name(n)));
            }
        }
        out.insert(p.id, name);
    }
    out
}

pub(crate) fn own_type_names(krate: &Crate, surface: &Surface) -> BTreeSet<String> {
    surface
        .items
        .iter()
        .filter(|p| {
            matches!(
                krate.index.get(&p.id).map(|i| &i.inner),
                Some(
                    ItemEnum::Struct(_)
                        | ItemEnum::Enum(_)
                        | ItemEnum::Union(_)
                        | ItemEnum::Trait(_)
                )
            )
        })
        .filter_map(|p| p.segments.last().cloned())
        .collect()
}

fn path_of(segments: &[String]) -> TypePath {
    TypePath {
        leading_colons: false,
        segments: segments
            .iter()
            .map(|s| Segment {
                name: s.clone(),
                args: SegmentArgs::None,
            })
            .collect(),
    }
}

/// The public spelling of a std item from its definition path:
/// `core::time::Duration` is `std::time::Duration`, `alloc::collections::btree::map::BTreeMap`
/// is `std::collections::BTreeMap`.
fn std_spelling(definition: &[String]) -> Vec<String> {
    let Some(last) = definition.last() else {
        return Vec::new();
    };
    let mut out = vec!["std".to_string()];
    if definition.iter().any(|s| s == "atomic") {
        out.extend(["sync".to_string(), "atomic".to_string()]);
    } else if definition.len() >= 3 {
        out.push(definition[1].clone());
    }
    out.push(last.clone());
    out
}

impl<'k> TypeCx<'k> {
    pub fn new(
        krate: &'k Crate,
        surface: &'k Surface,
        lib: Option<&'k str>,
        deps: &'k Deps<'k>,
    ) -> TypeCx<'k> {
        TypeCx {
            krate,
            surface,
            own_names: own_type_names(krate, surface),
            lib,
            deps,
            python_names: python_names(krate, surface),
        }
    }

    /// An item's docs as a Python docstring: rustdoc Markdown converted, its
    /// intra-doc links turned into the Python names of what they point to.
    pub fn doc(&self, item: &rustdoc_types::Item) -> String {
        let Some(markdown) = item.docs.as_deref() else {
            return String::new();
        };
        let link = |dest: &str| {
            item.links
                .get(dest)
                .and_then(|id| self.python_names.get(id).cloned())
        };
        crate::docstring::docstring(markdown, &link)
    }

    /// The docstring of the item `id` ("" when rustdoc has none).
    pub fn doc_of_id(&self, id: &Id) -> String {
        self.krate
            .index
            .get(id)
            .map(|i| self.doc(i))
            .unwrap_or_default()
    }

    /// Converts a type; `subst` binds generic parameters (and `Self`).
    pub fn convert(&self, ty: &Type, subst: &Subst) -> Result<TypeExpr, String> {
        self.convert_at(ty, subst, 0)
    }

    fn convert_at(&self, ty: &Type, subst: &Subst, depth: usize) -> Result<TypeExpr, String> {
        if depth > MAX_NESTING {
            return Err("the type nests too deeply".to_string());
        }
        let inner = |t: &Type| self.convert_at(t, subst, depth + 1);
        Ok(match ty {
            Type::Primitive(p) => TypeExpr::path(&[p.as_str()]),
            Type::Generic(name) => match subst.get(name) {
                Some(t) => t.clone(),
                None if name == "Self" => return Err("`Self` outside of a type's impl".to_string()),
                None => return Err(format!("the generic parameter `{name}`")),
            },
            Type::ResolvedPath(p) => self.resolved(p, subst, depth)?,
            Type::BorrowedRef {
                lifetime,
                is_mutable,
                type_,
            } => TypeExpr::Ref {
                lifetime: lifetime.clone().filter(|l| l != "'_"),
                mutable: *is_mutable,
                inner: Box::new(inner(type_)?),
            },
            Type::RawPointer { is_mutable, type_ } => TypeExpr::RawPtr {
                mutable: *is_mutable,
                inner: Box::new(inner(type_)?),
            },
            Type::Slice(t) => TypeExpr::Slice(Box::new(inner(t)?)),
            Type::Array { type_, len } => {
                // A const parameter as the length takes its argument's value.
                let len = match subst.get(len) {
                    Some(value) => value.to_string(),
                    None => len.clone(),
                };
                TypeExpr::Array(Box::new(inner(type_)?), len)
            }
            Type::Tuple(items) => {
                TypeExpr::Tuple(items.iter().map(inner).collect::<Result<_, _>>()?)
            }
            // An anonymous parameter an instantiation binds (`natural.rs`) is
            // in `subst` under its printed form.
            Type::ImplTrait(bounds) => {
                let shown = TypeExpr::ImplTrait(self.bounds(bounds, subst, depth)?);
                match subst.get(&shown.to_string()) {
                    Some(t) => t.clone(),
                    None => shown,
                }
            }
            Type::DynTrait(d) => {
                let mut bounds = Vec::new();
                for t in &d.traits {
                    bounds.push(Bound::Trait(self.trait_path(&t.trait_, subst, depth)?));
                }
                if let Some(l) = &d.lifetime {
                    bounds.push(Bound::Lifetime(l.clone()));
                }
                TypeExpr::DynTrait(bounds)
            }
            Type::FunctionPointer(f) => TypeExpr::FnPtr {
                inputs: f
                    .sig
                    .inputs
                    .iter()
                    .map(|(_, t)| inner(t))
                    .collect::<Result<_, _>>()?,
                output: match &f.sig.output {
                    Some(t) => Some(Box::new(inner(t)?)),
                    None => None,
                },
            },
            // `Self::Output` inside a trait impl: the impl's associated type.
            Type::QualifiedPath {
                name, self_type, ..
            } if matches!(&**self_type, Type::Generic(s) if s == "Self")
                && subst.contains_key(&assoc_key(name)) =>
            {
                subst[&assoc_key(name)].clone()
            }
            Type::QualifiedPath {
                name,
                self_type,
                trait_: Some(trait_),
                ..
            } if name == "Owned" && self.is_std_trait(trait_, "ToOwned") => {
                self.owned(inner(self_type)?).ok_or_else(|| {
                    "the associated type `Owned` of `ToOwned` of this type is not known".to_string()
                })?
            }
            Type::QualifiedPath { name, .. } => {
                return Err(format!(
                    "the associated type `{name}` of a trait (a qualified path) is not bound"
                ))
            }
            Type::Infer => return Err("an inferred type `_`".to_string()),
            Type::Pat { .. } => return Err("a pattern type".to_string()),
        })
    }

    /// An `impl Trait` type as written, with `subst` applied to its arguments:
    /// the key under which an instantiation binds it.
    pub fn impl_key(&self, bounds: &[GenericBound], subst: &Subst) -> Result<String, String> {
        Ok(TypeExpr::ImplTrait(self.bounds(bounds, subst, 0)?).to_string())
    }

    /// Whether `p` is the std trait named `name` (`ToOwned`).
    fn is_std_trait(&self, p: &rustdoc_types::Path, name: &str) -> bool {
        self.krate.paths.get(&p.id).is_some_and(|s| {
            s.path.last().is_some_and(|l| l == name)
                && s.path
                    .first()
                    .is_some_and(|c| STD_CRATES.contains(&c.as_str()))
        })
    }

    /// `<T as ToOwned>::Owned`, which extension traits write as `Self::Owned`:
    /// `String` for `str`, `Vec<T>` for `[T]`, `T` itself for a `Clone` type.
    fn owned(&self, ty: TypeExpr) -> Option<TypeExpr> {
        let std = |def: &[&str]| {
            let def: Vec<String> = def.iter().map(|s| s.to_string()).collect();
            self.std_path(&def)
        };
        match ty {
            TypeExpr::Path(p) if std_name(&p) == Some("str") => {
                Some(TypeExpr::Path(std(&["alloc", "string", "String"])))
            }
            TypeExpr::Slice(item) => {
                let mut vec = std(&["alloc", "vec", "Vec"]);
                if let Some(last) = vec.segments.last_mut() {
                    last.args = SegmentArgs::Angle(vec![GenericArg::Type(*item)]);
                }
                Some(TypeExpr::Path(vec))
            }
            other => (super::known::implements(&other, "Clone", &BTreeMap::new()) == Some(true))
                .then_some(other),
        }
    }

    fn bounds(
        &self,
        bounds: &[GenericBound],
        subst: &Subst,
        depth: usize,
    ) -> Result<Vec<Bound>, String> {
        let mut out = Vec::new();
        for b in bounds {
            match b {
                GenericBound::TraitBound { trait_, .. } => {
                    out.push(Bound::Trait(self.trait_path(trait_, subst, depth)?))
                }
                GenericBound::Outlives(l) => out.push(Bound::Lifetime(l.clone())),
                GenericBound::Use(_) => {}
            }
        }
        Ok(out)
    }

    /// A trait's path, named like a type, with its arguments (`Fn(i32) -> i32`).
    pub fn trait_path(
        &self,
        p: &rustdoc_types::Path,
        subst: &Subst,
        depth: usize,
    ) -> Result<TypePath, String> {
        let mut path = self.name_of(p.id, &p.path)?;
        self.set_args(&mut path, p.args.as_deref(), subst, depth)?;
        Ok(path)
    }

    fn resolved(
        &self,
        p: &rustdoc_types::Path,
        subst: &Subst,
        depth: usize,
    ) -> Result<TypeExpr, String> {
        if let Some(expanded) = self.expand_alias(p, subst, depth)? {
            return Ok(expanded);
        }
        let mut path = self.name_of(p.id, &p.path)?;
        self.set_args(&mut path, p.args.as_deref(), subst, depth)?;
        Ok(TypeExpr::Path(path))
    }

    fn set_args(
        &self,
        path: &mut TypePath,
        args: Option<&GenericArgs>,
        subst: &Subst,
        depth: usize,
    ) -> Result<(), String> {
        let Some(args) = args else { return Ok(()) };
        let converted = match args {
            GenericArgs::AngleBracketed { args, constraints } => {
                let mut out = Vec::new();
                for a in args {
                    match a {
                        rustdoc_types::GenericArg::Lifetime(l) if l == "'_" => {}
                        rustdoc_types::GenericArg::Lifetime(l) => {
                            out.push(GenericArg::Lifetime(l.clone()))
                        }
                        rustdoc_types::GenericArg::Type(t) => {
                            out.push(GenericArg::Type(self.convert_at(t, subst, depth + 1)?))
                        }
                        rustdoc_types::GenericArg::Const(c) => {
                            let value = c.value.clone().unwrap_or_else(|| c.expr.clone());
                            out.push(GenericArg::Type(TypeExpr::path(&[value.as_str()])))
                        }
                        rustdoc_types::GenericArg::Infer => {
                            return Err("an inferred type argument `_`".to_string())
                        }
                    }
                }
                for c in constraints {
                    match &c.binding {
                        rustdoc_types::AssocItemConstraintKind::Equality(
                            rustdoc_types::Term::Type(t),
                        ) => out.push(GenericArg::AssocType(
                            c.name.clone(),
                            self.convert_at(t, subst, depth + 1)?,
                        )),
                        _ => {
                            return Err(format!(
                                "the associated item constraint `{}` is not bound",
                                c.name
                            ))
                        }
                    }
                }
                if out.is_empty() {
                    SegmentArgs::None
                } else {
                    SegmentArgs::Angle(out)
                }
            }
            GenericArgs::Parenthesized { inputs, output } => SegmentArgs::Paren {
                inputs: inputs
                    .iter()
                    .map(|t| self.convert_at(t, subst, depth + 1))
                    .collect::<Result<_, _>>()?,
                output: match output {
                    Some(t) => Some(Box::new(self.convert_at(t, subst, depth + 1)?)),
                    None => None,
                },
            },
            GenericArgs::ReturnTypeNotation => {
                return Err("return type notation is not bound".to_string())
            }
        };
        if let Some(last) = path.segments.last_mut() {
            last.args = converted;
        }
        Ok(())
    }

    /// How the interface file names the item `id` (`written` is the path as the
    /// crate wrote it, for messages).
    pub fn name_of(&self, id: Id, written: &str) -> Result<TypePath, String> {
        let summary = self.krate.paths.get(&id);
        let local = self.krate.index.get(&id).is_some_and(|i| i.crate_id == 0)
            || summary.is_some_and(|s| s.crate_id == 0);
        if local {
            let Some(segments) = self.surface.path_of.get(&id) else {
                return Err(format!(
                    "`{written}` is not public: it cannot be reached from the crate's root"
                ));
            };
            let mut segments = segments.clone();
            if let Some(lib) = self.lib {
                segments.insert(0, lib.to_string());
            }
            return Ok(path_of(&segments));
        }
        let Some(summary) = summary else {
            return Err(format!("rustdoc does not say what `{written}` is"));
        };
        let crate_name = summary.path.first().cloned().unwrap_or_default();
        if STD_CRATES.contains(&crate_name.as_str()) {
            return Ok(self.std_path(&summary.path));
        }
        Ok(path_of(&self.dependency_path(&crate_name, &summary.path)))
    }

    /// A std item by its short name, where that is unambiguous and the checker
    /// knows it so; by its full path otherwise.
    fn std_path(&self, definition: &[String]) -> TypePath {
        let full = path_of(&std_spelling(definition));
        let Some(last) = definition.last() else {
            return full;
        };
        let bare = path_of(std::slice::from_ref(last));
        let same = std_name(&bare).is_some() && std_name(&bare) == std_name(&full);
        if same && !self.own_names.contains(last) {
            bare
        } else {
            full
        }
    }

    /// A dependency's item: `lib::public::path` when its rustdoc output is at
    /// hand (the type is then recorded as met), else its definition path.
    fn dependency_path(&self, crate_name: &str, definition: &[String]) -> Vec<String> {
        let rest: Vec<String> = definition.iter().skip(1).cloned().collect();
        if let Some(view) = self.deps.views.get(crate_name) {
            if let Some(id) = view.by_definition.get(&rest) {
                if let Some(public) = view.surface.path_of.get(id) {
                    self.deps
                        .met
                        .borrow_mut()
                        .insert((crate_name.to_string(), *id));
                    let mut out = vec![crate_name.to_string()];
                    out.extend(public.iter().cloned());
                    return out;
                }
            }
        }
        definition.to_vec()
    }

    /// A type alias, expanded: the crate's own from its definition, std's
    /// `io::Result` and `fmt::Result` by what they stand for, a dependency's
    /// from its rustdoc output.
    fn expand_alias(
        &self,
        p: &rustdoc_types::Path,
        subst: &Subst,
        depth: usize,
    ) -> Result<Option<TypeExpr>, String> {
        if let Some(ItemEnum::TypeAlias(alias)) = self.krate.index.get(&p.id).map(|i| &i.inner) {
            return self.expand_with(self, alias, p, subst, depth).map(Some);
        }
        let Some(summary) = self.krate.paths.get(&p.id) else {
            return Ok(None);
        };
        if summary.kind != ItemKind::TypeAlias {
            return Ok(None);
        }
        let crate_name = summary.path.first().map(String::as_str).unwrap_or_default();
        let args = self.type_args(p, subst, depth)?;
        let joined = summary.path.join("::");
        if STD_CRATES.contains(&crate_name) {
            let result = |ok: TypeExpr, err: TypeExpr| {
                let mut path = path_of(&["Result".to_string()]);
                if self.own_names.contains("Result") {
                    path = path_of(&["std".into(), "result".into(), "Result".into()]);
                }
                if let Some(last) = path.segments.last_mut() {
                    last.args =
                        SegmentArgs::Angle(vec![GenericArg::Type(ok), GenericArg::Type(err)]);
                }
                TypeExpr::Path(path)
            };
            return match (joined.as_str(), args.as_slice()) {
                ("std::io::error::Result", [ok]) => Ok(Some(result(
                    ok.clone(),
                    TypeExpr::path(&["std", "io", "Error"]),
                ))),
                ("core::fmt::Result", []) => Ok(Some(result(
                    TypeExpr::unit(),
                    TypeExpr::path(&["std", "fmt", "Error"]),
                ))),
                _ => Err(format!("the std type alias `{}` is not bound", p.path)),
            };
        }
        let rest: Vec<String> = summary.path.iter().skip(1).cloned().collect();
        let Some(view) = self.deps.views.get(crate_name) else {
            return Err(format!(
                "the type alias `{}` of the crate `{crate_name}`, whose API is not read",
                p.path
            ));
        };
        let Some(ItemEnum::TypeAlias(alias)) = view
            .by_definition
            .get(&rest)
            .and_then(|id| view.krate.index.get(id))
            .map(|i| &i.inner)
        else {
            return Err(format!(
                "the type alias `{}` is not found in `{crate_name}`",
                p.path
            ));
        };
        let dep_cx = TypeCx::new(
            view.krate,
            &view.surface,
            view_lib(&self.deps.views, crate_name),
            self.deps,
        );
        self.expand_with(&dep_cx, alias, p, subst, depth).map(Some)
    }

    /// The type arguments of a path, converted here.
    fn type_args(
        &self,
        p: &rustdoc_types::Path,
        subst: &Subst,
        depth: usize,
    ) -> Result<Vec<TypeExpr>, String> {
        let mut out = Vec::new();
        if let Some(GenericArgs::AngleBracketed { args, .. }) = p.args.as_deref() {
            for a in args {
                if let rustdoc_types::GenericArg::Type(t) = a {
                    out.push(self.convert_at(t, subst, depth + 1)?);
                }
            }
        }
        Ok(out)
    }

    /// Expands `alias` (defined in `home`) with the arguments `p` gives it here.
    fn expand_with(
        &self,
        home: &TypeCx,
        alias: &rustdoc_types::TypeAlias,
        p: &rustdoc_types::Path,
        subst: &Subst,
        depth: usize,
    ) -> Result<TypeExpr, String> {
        let args = self.type_args(p, subst, depth)?;
        let mut inner = Subst::new();
        let mut given = args.into_iter();
        for param in &alias.generics.params {
            if let rustdoc_types::GenericParamDefKind::Type { default, .. } = &param.kind {
                let value = match (given.next(), default) {
                    (Some(t), _) => t,
                    (None, Some(d)) => home.convert_at(d, &inner, depth + 1)?,
                    (None, None) => {
                        return Err(format!(
                            "the type alias `{}` needs an argument for `{}`",
                            p.path, param.name
                        ))
                    }
                };
                inner.insert(param.name.clone(), value);
            }
        }
        home.convert_at(&alias.type_, &inner, depth + 1)
    }
}

/// The library name a dependency view is known by (its key).
fn view_lib<'a>(views: &'a BTreeMap<String, DepView<'_>>, name: &str) -> Option<&'a str> {
    views.get_key_value(name).map(|(k, _)| k.as_str())
}
