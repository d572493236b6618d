//! Signatures: a rustdoc function to the parameters and return type the
//! interface file writes, or the reason it is not bound.

use super::types::{Subst, TypeCx};
use super::walk::unraw;
use crate::idl::python_name;
use crate::idl::ty::TypeExpr;
use crate::idl::{Param, Receiver};
use crate::types::{lower_method_return, lower_param, TypeEnv};
use rustdoc_types::{Function, GenericParamDefKind, Type};
use std::collections::BTreeSet;

pub(crate) const HIDDEN: &str = "hidden with `#[doc(hidden)]`";
pub(crate) const UNSAFE: &str = "unsafe functions cannot be called safely from Python";
pub(crate) const ASYNC: &str = "async functions are not bound";
pub(crate) const GENERIC: &str =
    "generic functions need instantiations listed in the interface file";
/// Why a generic parameter outside MAPPING's table is not bound.
pub(crate) const NOT_NATURAL: &str =
    "its bounds are not in the table rsbind instantiates by itself; list instantiations in the interface file";
pub(crate) const VARIADIC: &str = "variadic functions cannot be called from Python";
pub(crate) const METHOD: &str = "methods are bound with their type";
pub(crate) const FOREIGN: &str = "foreign items (of an `extern` block) are not bound";

/// A converted signature: (Rust name, Python name, type) per parameter.
pub(crate) struct Sig {
    pub receiver: Receiver,
    /// The lifetime `&'a self` names.
    pub receiver_lifetime: Option<String>,
    pub params: Vec<(String, String, TypeExpr)>,
    pub ret: TypeExpr,
    /// Python parameter name → the `impl Trait` its type instantiates.
    pub instantiates: Vec<(String, String)>,
}

impl Sig {
    /// `&'a self`'s lifetime as the interface file writes it: only where the
    /// result names it (the result then borrows `self` through it).
    pub fn written_receiver_lifetime(&self, env: &TypeEnv) -> Option<String> {
        self.receiver_lifetime
            .clone()
            .filter(|l| crate::types::borrows::names_lifetime(&self.ret, l, env))
    }
}

/// The class paths of the bound crate and what the checker needs of them.
pub(crate) struct Classes {
    pub paths: Vec<String>,
    /// Class paths whose type has no `Display`: they cannot be raised.
    pub no_display: BTreeSet<String>,
}

/// Whether a function has type or const parameters of its own (not the
/// synthetic ones of `impl Trait` arguments).
pub(crate) fn is_generic(f: &Function) -> bool {
    f.generics.params.iter().any(|p| match &p.kind {
        GenericParamDefKind::Type { is_synthetic, .. } => !is_synthetic,
        GenericParamDefKind::Const { .. } => true,
        GenericParamDefKind::Lifetime { .. } => false,
    })
}

/// The generic type and const parameters a function declares, in order.
pub(crate) fn generic_params(f: &Function) -> Vec<String> {
    f.generics
        .params
        .iter()
        .filter(|p| match &p.kind {
            GenericParamDefKind::Type { is_synthetic, .. } => !is_synthetic,
            GenericParamDefKind::Const { .. } => true,
            GenericParamDefKind::Lifetime { .. } => false,
        })
        .map(|p| p.name.clone())
        .collect()
}

/// Converts a signature. `self_ty` in `subst` (`"Self"`) makes it a method; a
/// generic function is converted only with its parameters bound (`instantiated`).
pub(crate) fn sig_of(
    cx: &TypeCx,
    f: &Function,
    is_method: bool,
    subst: &Subst,
    instantiated: bool,
) -> Result<Sig, String> {
    if f.header.is_unsafe {
        return Err(UNSAFE.to_string());
    }
    if f.header.is_async {
        return Err(ASYNC.to_string());
    }
    if !instantiated && is_generic(f) {
        return Err(GENERIC.to_string());
    }
    if f.sig.is_c_variadic {
        return Err(VARIADIC.to_string());
    }
    let mut receiver = Receiver::None;
    let mut receiver_lifetime = None;
    let mut params = Vec::new();
    let mut instantiates = Vec::new();
    for (i, (name, ty)) in f.sig.inputs.iter().enumerate() {
        if i == 0 && name == "self" {
            if !is_method {
                return Err(METHOD.to_string());
            }
            receiver = receiver_of(ty)?;
            if let Type::BorrowedRef { lifetime, .. } = ty {
                receiver_lifetime = lifetime.clone();
            }
            continue;
        }
        let rust = param_name(name, i);
        let converted = cx
            .convert(ty, subst)
            .map_err(|r| format!("parameter `{rust}`: {r}"))?;
        let py = python_name(&rust);
        if let Type::ImplTrait(bounds) = ty {
            // Instantiated, an `impl Trait` left is one the natural types
            // chose: a callable's closure or a trait object's holder.
            if matches!(converted, TypeExpr::ImplTrait(_))
                && !instantiated
                && !crate::types::is_callable(&converted)
            {
                return Err(format!(
                    "parameter `{rust}`: `impl Trait` parameters (`{converted}`) make the function generic; {NOT_NATURAL}"
                ));
            }
            // As declared (`impl IntoIterator<Item = T>`).
            let declared = cx.impl_key(bounds, &super::natural::as_declared(f))?;
            instantiates.push((py.clone(), declared));
        } else if let Type::Generic(g) = ty {
            if g != "Self" && generic_params(f).contains(g) {
                instantiates.push((py.clone(), super::natural::declared(cx, f, g)));
            }
        }
        params.push((rust, py, converted));
    }
    let ret = match &f.sig.output {
        None => TypeExpr::unit(),
        Some(t) => cx
            .convert(t, subst)
            .map_err(|r| format!("return type: {r}"))?,
    };
    Ok(Sig {
        receiver,
        receiver_lifetime,
        params,
        ret,
        instantiates,
    })
}

/// A parameter's name: its identifier, or `argN` for a pattern.
fn param_name(name: &str, i: usize) -> String {
    let bare = unraw(name);
    let ident = bare
        .chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_alphabetic())
        && bare.chars().all(|c| c == '_' || c.is_alphanumeric());
    if ident && bare != "_" {
        bare
    } else {
        format!("arg{i}")
    }
}

/// `self`, `&self`, `&mut self`; any other receiver type (`self: Box<Self>`) is
/// not bound.
fn receiver_of(ty: &Type) -> Result<Receiver, String> {
    let is_self = |t: &Type| matches!(t, Type::Generic(n) if n == "Self");
    match ty {
        t if is_self(t) => Ok(Receiver::Value),
        Type::BorrowedRef { lifetime, .. } if lifetime.as_deref() == Some("'static") => Err(
            "the receiver is `&'static self`, a borrow for the whole program that a Python object cannot lend"
                .to_string(),
        ),
        Type::BorrowedRef {
            is_mutable, type_, ..
        } if is_self(type_) => Ok(if *is_mutable {
            Receiver::RefMut
        } else {
            Receiver::Ref
        }),
        _ => Err(
            "the receiver is not supported; methods take `self`, `&self` or `&mut self`"
                .to_string(),
        ),
    }
}

/// Checks a converted signature against the classes: every parameter and the
/// return type lower, and a crate error type can be raised (has `Display`).
pub(crate) fn check_sig(sig: &Sig, classes: &Classes, env: &TypeEnv) -> Result<(), String> {
    check_sig_of(sig, None, classes, env)
}

/// [`check_sig`] for a function or a method of `self_ty`.
fn check_sig_of(
    sig: &Sig,
    self_ty: Option<&TypeExpr>,
    classes: &Classes,
    env: &TypeEnv,
) -> Result<(), String> {
    check_params(sig, env)?;
    lower_method_return(
        &sig.ret,
        matches!(sig.receiver, Receiver::Ref | Receiver::RefMut)
            .then_some(sig.receiver == Receiver::RefMut),
        env,
    )
    .map_err(|u| format!("return type: {}", u.reason))?;
    check_borrows(sig, self_ty, env)?;
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

fn check_params(sig: &Sig, env: &TypeEnv) -> Result<(), String> {
    match sig.params.iter().find_map(|(rust, _, ty)| {
        lower_param(ty, env)
            .err()
            .map(|u| format!("parameter `{rust}`: {}", u.reason))
    }) {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

/// A method's signature, checked as [`check_sig`] does; a builder step
/// (`&mut self` returning `&mut Self`) gives Python the object itself, so
/// only its parameters need to bind.
pub(crate) fn check_method_sig(
    sig: &Sig,
    self_ty: &TypeExpr,
    classes: &Classes,
    env: &TypeEnv,
) -> Result<(), String> {
    if is_builder_step(sig, self_ty) {
        return check_params(sig, env);
    }
    check_sig_of(sig, Some(self_ty), classes, env)
}

/// A result that borrows binds as the checker lowers it (`types::borrows`):
/// what it may point into must be kept.
fn check_borrows(sig: &Sig, self_ty: Option<&TypeExpr>, env: &TypeEnv) -> Result<(), String> {
    let self_lifetimes: Vec<String> = match self_ty {
        Some(TypeExpr::Path(p)) => p.lifetime_args().iter().map(|l| l.to_string()).collect(),
        _ => Vec::new(),
    };
    // An associated function has no `self` to borrow through.
    let receiver = match sig.receiver {
        Receiver::None => None,
        Receiver::Ref => Some((true, false)),
        Receiver::RefMut => Some((true, true)),
        Receiver::Value => Some((false, false)),
    };
    let params: Vec<(&str, &TypeExpr)> = sig
        .params
        .iter()
        .map(|(_, py, ty)| (py.as_str(), ty))
        .collect();
    let self_of = crate::types::borrows::SelfOf {
        receiver,
        lifetimes: &self_lifetimes,
        receiver_lifetime: sig.receiver_lifetime.as_deref(),
    };
    crate::types::borrows::result_binds(&sig.ret, &self_of, &params, env)
        .map_err(|u| format!("return type: {}", u.reason))
}

/// `&mut self` returning `&mut Self`.
pub(crate) fn is_builder_step(sig: &Sig, self_ty: &TypeExpr) -> bool {
    sig.receiver == Receiver::RefMut
        && matches!(&sig.ret, TypeExpr::Ref { mutable: true, inner, .. } if inner.without_lifetimes() == self_ty.without_lifetimes())
}

/// The error type of a `Result` return type.
fn result_error(ret: &TypeExpr) -> Option<&TypeExpr> {
    match ret {
        TypeExpr::Path(p) if crate::types::std_name(p) == Some("Result") => {
            p.type_args().get(1).copied()
        }
        _ => None,
    }
}

pub(crate) fn params_of(params: Vec<(String, String, TypeExpr)>) -> Vec<Param> {
    params
        .into_iter()
        .map(|(_, py, ty)| Param {
            default: None,
            name: py,
            ty: ty.to_string(),
            instantiates: None,
            unsafe_no_copy: None,
        })
        .collect()
}

/// The parameters of a signature, each `impl Trait` one saying what it instantiates.
pub(crate) fn sig_params(sig: Sig) -> Vec<Param> {
    let impls = sig.instantiates;
    let mut params = params_of(sig.params);
    for p in &mut params {
        p.instantiates = impls
            .iter()
            .find(|(n, _)| *n == p.name)
            .map(|(_, i)| i.clone());
    }
    params
}

/// Whether a return type is the class itself or `Result<class, E>`.
pub(crate) fn returns_self(ret: &TypeExpr, class: &TypeExpr) -> bool {
    if ret == class {
        return true;
    }
    match ret {
        TypeExpr::Path(p) if crate::types::std_name(p) == Some("Result") => {
            matches!(p.type_args().as_slice(), [ok, _] if *ok == class)
        }
        _ => false,
    }
}
