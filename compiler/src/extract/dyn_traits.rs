//! The crate's pub traits that Python objects may implement (MAPPING: Callbacks
//! and traits): object safe, not generic, no associated types or consts, no
//! supertraits but `Send` and `Sync`, every method `&self` or `&mut self` with types that cross as a
//! callable's do. Any other trait stays a `skipped` entry with its reason.

use super::sig::{params_of, sig_of};
use super::types::{Subst, TypeCx};
use crate::idl::{python_name, Method, Receiver, Trait};
use crate::types::{lower_trait_method, TypeEnv};
use rustdoc_types::{GenericBound, GenericParamDefKind, ItemEnum};

/// The trait as the interface file writes it, or why it cannot be bound.
pub(crate) fn bind_trait(
    cx: &TypeCx,
    item: &rustdoc_types::Item,
    name: String,
    path: &str,
    env: &TypeEnv,
) -> Result<Trait, String> {
    let ItemEnum::Trait(t) = &item.inner else {
        return Err("trait aliases are not bound".to_string());
    };
    if t.is_unsafe {
        return Err(
            "an unsafe trait's impls make promises that Python objects cannot check".to_string(),
        );
    }
    if t.is_auto {
        return Err("auto traits are not bound as Python objects".to_string());
    }
    if !t.is_dyn_compatible {
        return Err(
            "not object safe (dyn compatible): Python objects implement only traits Rust can call through `dyn`"
                .to_string(),
        );
    }
    let generic = t
        .generics
        .params
        .iter()
        .any(|p| !matches!(p.kind, GenericParamDefKind::Lifetime { .. }));
    if generic {
        return Err("generic traits are not bound as Python objects".to_string());
    }
    // `Send`, `Sync` and lifetimes are fine: the Python object's holder is
    // `Send + Sync` (every use takes the GIL) and owns what it holds.
    let other_bounds = t.bounds.iter().any(|b| match b {
        GenericBound::TraitBound { trait_, .. } => {
            let last = trait_.path.rsplit("::").next().unwrap_or_default();
            !matches!(last, "Send" | "Sync")
        }
        _ => false,
    });
    if other_bounds {
        return Err(
            "a trait with supertraits is not bound as Python objects (a Python object would need their impls too)"
                .to_string(),
        );
    }
    let mut methods = Vec::new();
    let mut provided = Vec::new();
    for id in &t.items {
        let Some(m) = cx.krate.index.get(id) else {
            continue;
        };
        let rust = m.name.clone().unwrap_or_default();
        let f = match &m.inner {
            ItemEnum::Function(f) => f,
            ItemEnum::AssocType { .. } => {
                return Err(format!(
                    "associated type `{rust}`: traits with associated types are not bound as Python objects"
                ))
            }
            _ => {
                return Err(format!(
                    "associated const `{rust}`: traits with associated consts are not bound as Python objects"
                ))
            }
        };
        let sig = sig_of(cx, f, true, &Subst::new(), false)
            .map_err(|r| format!("method `{rust}`: {r}"))?;
        if !sig.instantiates.is_empty() {
            return Err(format!(
                "method `{rust}`: generic methods cannot be called through `dyn`"
            ));
        }
        let mutable = match sig.receiver {
            Receiver::Ref => false,
            Receiver::RefMut => true,
            _ => {
                return Err(format!(
                "method `{rust}`: only `&self` and `&mut self` methods can be forwarded to Python"
            ))
            }
        };
        let inputs: Vec<_> = sig.params.iter().map(|(_, _, t)| t.clone()).collect();
        lower_trait_method(&rust, &inputs, &sig.ret, mutable, env)
            .map_err(|u| format!("method `{rust}`: {}", u.reason))?;
        if f.has_body {
            provided.push(rust.clone());
        }
        methods.push(Method {
            name: python_name(&rust),
            rust,
            doc: cx.doc(m),
            receiver: sig.receiver,
            receiver_lifetime: None,
            ret: sig.ret.to_string(),
            params: params_of(sig.params),
            trait_: None,
            release_gil: false,
            type_args: Vec::new(),
            doc_override: None,
        });
    }
    Ok(Trait {
        name,
        path: path.to_string(),
        doc: cx.doc(item),
        doc_override: None,
        methods,
        provided,
    })
}
