//! The names that the Rust stubs export and module.c calls: one function per
//! kind of symbol, so the two backends can never disagree.

use crate::ir;

/// The path of namespace `ns` below the module, as an identifier prefix:
/// `""` for the module itself, `"geo__"` for `module.geo`.
pub fn ns_prefix(module: &ir::Module, ns: usize) -> String {
    let mut parts = Vec::new();
    let mut at = ns;
    while let Some(parent) = module.namespaces[at].parent {
        parts.push(module.namespaces[at].attr_name.clone());
        at = parent;
    }
    parts.reverse();
    parts.iter().map(|p| format!("{p}__")).collect()
}

pub fn fn_symbol(module: &ir::Module, f: &ir::Function) -> String {
    format!(
        "rsbind_fn_{}{}",
        ns_prefix(module, f.namespace),
        f.python_name
    )
}

pub fn value_symbol(module: &ir::Module, v: &ir::Value) -> String {
    format!(
        "rsbind_value_{}{}",
        ns_prefix(module, v.namespace),
        v.python_name
    )
}

/// A static's getter (`get`) or setter (`set`).
pub fn live_symbol(module: &ir::Module, v: &ir::LiveStatic, what: &str) -> String {
    format!(
        "rsbind_static_{}{}_{what}",
        ns_prefix(module, v.namespace),
        v.python_name
    )
}

/// The name of class `i` in generated identifiers: its Python path below the
/// module, dots as `__` (`Counter`, `geo__Point`).
pub fn class_ident(module: &ir::Module, i: usize) -> String {
    let class = &module.classes[i];
    let mut parts = vec![class.python_name.clone()];
    let mut ns = class.namespace;
    while let Some(parent) = module.namespaces[ns].parent {
        parts.push(module.namespaces[ns].attr_name.clone());
        ns = parent;
    }
    parts.reverse();
    parts.join("__")
}

/// A class's stub or C helper: `rsbind_class_Counter_drop`.
pub fn class_symbol(module: &ir::Module, class: usize, what: &str) -> String {
    format!("rsbind_class_{}_{what}", class_ident(module, class))
}

/// The Rust name of a stub parameter: prefixed, so it can be neither a Rust
/// keyword nor a name of the bound crate.
pub fn arg_name(p: &ir::Param) -> String {
    format!("rsbind_arg_{}", p.python_name)
}
