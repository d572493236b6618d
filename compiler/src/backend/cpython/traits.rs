//! The C side of the crate's traits (MAPPING: Callbacks and traits): each
//! trait's Python class (a `typing.Protocol` whose methods without a default
//! are abstract, made at import from Python source), the converter of each
//! way a parameter passes it (an object of an implementing class as that
//! class's converter passes it, any other object checked for the methods the
//! trait requires), and one trampoline per method, through which Rust calls
//! the Python object's method as it calls a callable.

use super::view::CallbackView;
use crate::backend::abi::{mode_suffix, Abi};
use crate::backend::{c_string_literal, names};
use crate::ir::{self, ClassMode, DynForm, Ty};
use serde::Serialize;

#[derive(Serialize)]
pub struct TraitObjectView {
    pub python_name: String,
    pub namespace: usize,
    /// `pkg.geo`: the class's `__module__`.
    pub qualified: String,
    /// The C global holding the class.
    pub class_var: String,
    /// The Python source that defines the class, as a C literal.
    pub source: String,
    /// The array of the required methods' names, and its C literals.
    pub required_var: String,
    pub required: Vec<String>,
    pub converters: Vec<DynConverterView>,
}

#[derive(Serialize)]
pub struct DynConverterView {
    pub name: String,
    pub arms: Vec<DynArmView>,
}

#[derive(Serialize)]
pub struct DynArmView {
    pub kind: usize,
    /// The implementing class's dealloc function, which tells its objects.
    pub dealloc: String,
    pub class_from_py: String,
    /// The cast of `&out->ptr` to the class converter's out parameter.
    pub out_cast: &'static str,
}

/// How an implementing class's object passes for each way of passing.
fn class_mode(form: DynForm) -> ClassMode {
    match form {
        DynForm::Ref => ClassMode::Ref,
        DynForm::RefMut => ClassMode::RefMut,
        // Cloned or moved, as the class's values pass by value.
        DynForm::Boxed | DynForm::Arc | DynForm::Impl => ClassMode::Value,
    }
}

/// The (class, mode) pairs whose converters the trait converters call.
pub fn class_modes(abi: &Abi) -> Vec<(usize, ClassMode)> {
    let mut out = Vec::new();
    for (t, u) in abi.module.trait_uses() {
        for i in abi.dyn_implementors(t, u) {
            out.push((i, class_mode(u.form)));
        }
    }
    out
}

pub fn views(abi: &Abi) -> Vec<TraitObjectView> {
    let module = abi.module;
    let uses = module.trait_uses();
    module
        .traits
        .iter()
        .enumerate()
        .map(|(t, tr)| {
            let ident = abi.trait_ident(t);
            let mut converters: Vec<DynConverterView> = Vec::new();
            for (_, u) in uses.iter().filter(|(x, _)| *x == t) {
                let name = abi.c_from_py(&Ty::Trait(t, *u));
                if converters.iter().any(|c| c.name == name) {
                    continue;
                }
                let arms = abi
                    .dyn_implementors(t, *u)
                    .into_iter()
                    .enumerate()
                    .map(|(kind, i)| {
                        let mode = class_mode(u.form);
                        DynArmView {
                            kind,
                            dealloc: names::class_names(module, i).dealloc,
                            class_from_py: format!(
                                "rsbind_cls_{}_{}_from_py",
                                abi.class_ident(i),
                                mode_suffix(mode)
                            ),
                            out_cast: if mode == ClassMode::Ref {
                                "(const void **)"
                            } else {
                                ""
                            },
                        }
                    })
                    .collect();
                converters.push(DynConverterView { name, arms });
            }
            let required: Vec<String> = tr
                .methods
                .iter()
                .filter(|m| !m.provided)
                .map(|m| format!("\"{}\"", m.python_name))
                .collect();
            TraitObjectView {
                python_name: tr.python_name.clone(),
                namespace: tr.namespace,
                qualified: module.namespaces[tr.namespace].qualified_name.clone(),
                class_var: format!("rsbind_trait_{ident}_class"),
                source: c_string_literal(&python_source(tr), "    "),
                required_var: format!("rsbind_trait_{ident}_required"),
                required,
                converters,
            }
        })
        .collect()
}

/// The trampolines of the methods of the traits some parameter passes.
pub fn trampolines(abi: &Abi) -> Vec<CallbackView> {
    let uses = abi.module.trait_uses();
    let mut out = Vec::new();
    for (t, tr) in abi.module.traits.iter().enumerate() {
        if !uses.iter().any(|(x, _)| *x == t) {
            continue;
        }
        let ident = abi.trait_ident(t);
        for m in &tr.methods {
            out.push(trampoline(abi, tr, &ident, m));
        }
    }
    out
}

fn trampoline(abi: &Abi, tr: &ir::Trait, ident: &str, m: &ir::TraitMethod) -> CallbackView {
    super::callback_view(
        abi,
        names::trait_method_symbol(ident, &m.rust_name),
        format!("result of {}.{}()", tr.python_name, m.python_name),
        &m.sig,
        Some(m.python_name.clone()),
    )
}

/// A Python string literal of `s`.
fn py_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The class as Python source: a `typing.Protocol` (subclassable, abc-style:
/// its required methods are abstract); the methods with a default are not
/// in it, so that an object lacking them gets the trait's default.
fn python_source(tr: &ir::Trait) -> String {
    let mut src = String::from("import abc\nimport typing\n\n\n");
    src.push_str(&format!(
        "@typing.runtime_checkable\nclass {}(typing.Protocol):\n",
        tr.python_name
    ));
    src.push_str(&format!("    __doc__ = {}\n", py_literal(&tr.doc)));
    for m in tr.methods.iter().filter(|m| !m.provided) {
        let mut params = vec!["self".to_string()];
        params.extend(m.param_names.iter().cloned());
        src.push_str(&format!(
            "\n    @abc.abstractmethod\n    def {}({}, /):\n        raise NotImplementedError\n",
            m.python_name,
            params.join(", ")
        ));
    }
    src
}
