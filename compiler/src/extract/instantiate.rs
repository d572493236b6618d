//! Instantiations of generic functions, methods and structs: the signature (or
//! class) with the generic parameters bound to concrete types, checked like any
//! other, and the bounds checked where rsbind knows the answer.

use super::bind::class_name;
use super::classes::bind_class;
use super::instances::{check_bounds, count_error, instance};
use super::known::is_const_literal;
use super::natural::{bind_anonymous, Scope};
use super::sig::{check_sig, generic_params, sig_of, sig_params, Classes};
use super::skips::Skips;
use super::types::{Subst, TypeCx};
use super::{Analysis, Input};
use crate::idl::ty::{parse_type, TypeExpr};
use crate::idl::{Class, Param};
use crate::types::TypeEnv;
use rustdoc_types::{Function, GenericParamDefKind, ItemEnum};
use std::collections::{BTreeMap, BTreeSet};

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

/// An instantiation of a generic struct, bound as a class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassInstantiation {
    /// The class: `path` is the generic struct's public path, `type_args` the
    /// arguments, and type strings name it (and `Self`) `Stack<i32>`.
    pub class: Class,
    /// Bounds rsbind could not check, and members that are not bound (with why).
    pub warnings: Vec<String>,
}

/// What the bound classes say, for bounds and the checker.
struct ClassFacts {
    paths: Vec<String>,
    not_clone: Vec<String>,
    borrowing: Vec<String>,
    no_display: BTreeSet<String>,
    traits: BTreeMap<String, Vec<String>>,
}

impl ClassFacts {
    fn of(classes: &[Class]) -> ClassFacts {
        let lacking = |t: &str| -> Vec<String> {
            classes
                .iter()
                .filter(|c| !c.traits.iter().any(|x| x == t))
                .map(class_name)
                .collect()
        };
        ClassFacts {
            paths: classes.iter().map(class_name).collect(),
            not_clone: lacking("Clone"),
            borrowing: classes
                .iter()
                .filter(|c| c.is_borrowing())
                .map(class_name)
                .collect(),
            no_display: lacking("Display").into_iter().collect(),
            traits: classes
                .iter()
                .map(|c| (class_name(c), c.traits.clone()))
                .collect(),
        }
    }
}

/// The signature of the generic free function (`largest`, `geo::largest`) or
/// method (`Point::scale`) at `path`, with its type and const parameters bound
/// to `type_args` in order (type strings as the interface file writes them; a
/// const parameter's argument is its value, `4`). `Err` says why it cannot be
/// bound.
pub fn instantiate(
    input: &Input,
    path: &str,
    type_args: &[String],
) -> Result<Instantiation, String> {
    let analysis = Analysis::new(input);
    let bound = analysis.bind();
    let cx = analysis.cx();
    let facts = ClassFacts::of(&bound.classes);
    let shown = path.trim();
    let path = shown.strip_prefix("crate::").unwrap_or(shown);
    let (f, self_ty) = find_function(&cx, path)?;
    let params = generic_params(f);
    if params.len() != type_args.len() {
        return Err(count_error(path, &params, type_args.len()));
    }
    let mut subst = Subst::new();
    if let Some(t) = &self_ty {
        subst.insert("Self".to_string(), t.clone());
    }
    let mut given = Vec::new();
    let mut inferred = Vec::new();
    for (name, arg) in params.iter().zip(type_args) {
        let is_const = f
            .generics
            .params
            .iter()
            .any(|p| &p.name == name && matches!(p.kind, GenericParamDefKind::Const { .. }));
        let arg = arg.trim();
        if is_const {
            if !is_const_literal(arg) {
                return Err(format!(
                    "the argument `{arg}` of the const parameter `{name}` of `{path}` must be a literal (`4`, `true`, `'a'`)"
                ));
            }
            subst.insert(name.clone(), TypeExpr::path(&[arg]));
            continue;
        }
        if arg == "_" {
            // A closure's type, which the compiler infers: a callable parameter.
            inferred.push(name.clone());
            continue;
        }
        let ty = parse_type(arg).map_err(|e| {
            format!("the type argument `{arg}` for `{name}` of `{path}` does not parse: {e:?}")
        })?;
        subst.insert(name.clone(), ty.clone());
        given.push((name.clone(), ty));
    }
    let warnings = check_bounds(
        &cx,
        &f.generics,
        &given,
        &format!("`{path}`"),
        &facts.traits,
    )?;
    let classes = Classes {
        paths: facts.paths.clone(),
        no_display: facts.no_display.clone(),
    };
    let env = TypeEnv {
        classes: &facts.paths,
        not_clone: &facts.not_clone,
        borrowing: &facts.borrowing,
        traits: &bound.traits,
    };
    // `impl Trait` parameters, which no type argument names, take MAPPING's types.
    let scope = Scope {
        classes: &facts.paths,
        env: &env,
    };
    for name in inferred {
        let ty = super::natural::inferred_callable(&cx, &f.generics, &name, &subst, &scope)
            .map_err(|e| format!("`_` for `{name}` of `{path}`: {e}"))?;
        subst.insert(name, ty);
    }
    bind_anonymous(&cx, f, &mut subst, &scope)?;
    let sig = sig_of(&cx, f, self_ty.is_some(), &subst, true)?;
    check_sig(&sig, &classes, &env)?;
    Ok(Instantiation {
        ret: sig.ret.to_string(),
        params: sig_params(sig),
        warnings,
    })
}

/// The function at a public path, or the method `Type::name` of a public
/// struct or enum's inherent impls (with the type as `Self`).
fn find_function<'k>(
    cx: &TypeCx<'k>,
    path: &str,
) -> Result<(&'k Function, Option<TypeExpr>), String> {
    for p in &cx.surface.items {
        if p.joined() == path {
            if let Some(ItemEnum::Function(f)) = cx.krate.index.get(&p.id).map(|i| &i.inner) {
                return Ok((f, None));
            }
        }
    }
    let not_found = || format!("`{path}` is not a public function or method of the crate");
    let (owner, method) = path.rsplit_once("::").ok_or_else(not_found)?;
    let p = cx
        .surface
        .items
        .iter()
        .find(|p| p.joined() == owner)
        .ok_or_else(not_found)?;
    let impls = match cx.krate.index.get(&p.id).map(|i| &i.inner) {
        Some(ItemEnum::Struct(s)) => &s.impls,
        Some(ItemEnum::Enum(e)) => &e.impls,
        _ => return Err(not_found()),
    };
    for id in impls {
        let Some(ItemEnum::Impl(imp)) = cx.krate.index.get(id).map(|i| &i.inner) else {
            continue;
        };
        if imp.trait_.is_some() {
            continue;
        }
        for m in &imp.items {
            let Some(item) = cx.krate.index.get(m) else {
                continue;
            };
            if let (Some(name), ItemEnum::Function(f)) = (&item.name, &item.inner) {
                if super::walk::unraw(name) == method {
                    let names: Vec<&str> = owner.split("::").collect();
                    return Ok((f, Some(TypeExpr::path(&names))));
                }
            }
        }
    }
    Err(not_found())
}

/// The generic pub struct at `path` with its type parameters bound to
/// `type_args` in order, bound the way extraction binds a struct: its pub
/// fields, the methods and consts of the inherent impls that apply, its
/// constructor and its protocol traits (when the impl's bounds hold).
pub fn instantiate_class(
    input: &Input,
    path: &str,
    type_args: &[String],
) -> Result<ClassInstantiation, String> {
    let analysis = Analysis::new(input);
    let bound = analysis.bind();
    let cx = analysis.cx();
    let shown = path.trim();
    let path = shown.strip_prefix("crate::").unwrap_or(shown);
    let facts = ClassFacts::of(&bound.classes);
    let (c, mut warnings) = instance(&cx, path, type_args, &facts.traits)?;
    let type_string = c.path.clone();
    let mut facts = facts;

    facts.paths.push(type_string.clone());
    if !c.traits.contains(&"Clone") {
        facts.not_clone.push(type_string.clone());
    }
    if !c.traits.contains(&"Display") {
        facts.no_display.insert(type_string.clone());
    }
    let classes = Classes {
        paths: facts.paths.clone(),
        no_display: facts.no_display.clone(),
    };
    let env = TypeEnv {
        classes: &facts.paths,
        not_clone: &facts.not_clone,
        borrowing: &facts.borrowing,
        traits: &bound.traits,
    };
    let mut skips = Skips::default();
    let class = bind_class(&cx, &c, &classes, &env, &mut skips);
    warnings.extend(
        skips
            .0
            .into_iter()
            .map(|s| format!("{} `{}` not bound: {}", s.kind, s.path, s.reason)),
    );
    Ok(ClassInstantiation { class, warnings })
}
