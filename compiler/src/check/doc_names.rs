//! Docstrings name items as they are called now. Extraction writes an
//! intra-doc link as the Python name the item had then (`` `greet` ``,
//! `` `Stack.push` ``); a person may rename the item in the interface file
//! since. Here every such reference to a renamed item (or to a member of a
//! renamed class, or to a class's constructor `new`, which Python calls as
//! the class) is rewritten to the name it has, in every docstring of the module.

use crate::docstring::rename_references;
use crate::idl::python_name;
use crate::ir;
use std::collections::BTreeMap;

/// The default Python name of the Rust item at `path` (its last segment).
fn default_name(path: &str) -> String {
    python_name(path.rsplit("::").next().unwrap_or(path))
}

/// (name as extraction wrote it, name now) of every renamed item and member.
fn renames(module: &ir::Module) -> BTreeMap<String, String> {
    // A namespace's items are linked as `geo.Point`: the path below the root.
    let prefix = |ns: usize| -> String {
        let qualified = &module.namespaces[ns].qualified_name;
        qualified
            .strip_prefix(&format!("{}.", module.name))
            .map(|below| format!("{below}."))
            .unwrap_or_default()
    };
    let mut out = BTreeMap::new();
    let mut add = |from: String, to: String| {
        if from != to {
            out.insert(from, to);
        }
    };
    for f in module
        .functions
        .iter()
        .filter(|f| f.self_type.is_none() && f.type_args.is_empty())
    {
        let p = prefix(f.namespace);
        add(
            format!("{p}{}", default_name(&f.rust_path)),
            format!("{p}{}", f.python_name),
        );
    }
    for v in &module.values {
        let p = prefix(v.namespace);
        add(
            format!("{p}{}", default_name(&v.rust_path)),
            format!("{p}{}", v.python_name),
        );
    }
    for c in module
        .classes
        .iter()
        .filter(|c| c.type_args.is_empty() && c.from_crate.is_none())
    {
        let p = prefix(c.namespace);
        let (was, is) = (
            format!("{p}{}", default_name(&c.rust_path)),
            format!("{p}{}", c.python_name),
        );
        let members = c
            .methods
            .iter()
            .filter(|m| m.type_args.is_empty())
            .map(|m| (python_name(&m.rust_name), m.python_name.clone()))
            .chain(
                c.variants
                    .iter()
                    .map(|v| (python_name(&v.rust_name), v.python_name.clone())),
            )
            .chain(
                c.consts
                    .iter()
                    .map(|v| (default_name(&v.rust_path), v.python_name.clone())),
            );
        for (member_was, member_is) in members {
            add(format!("{was}.{member_was}"), format!("{is}.{member_is}"));
        }
        if let Some(ir::Constructor::Method(m)) = &c.constructor {
            add(format!("{was}.{}", python_name(&m.rust_name)), is.clone());
        }
        add(was, is);
    }
    out
}

/// Rewrites the module's docstrings to the names items have now.
pub fn follow_renames(module: &mut ir::Module) {
    let renames = renames(module);
    if renames.is_empty() {
        return;
    }
    let fix = |doc: &mut String| *doc = rename_references(doc, &renames);
    fix(&mut module.doc);
    for n in &mut module.namespaces {
        fix(&mut n.doc);
    }
    for f in &mut module.functions {
        fix(&mut f.doc);
    }
    for v in &mut module.values {
        fix(&mut v.doc);
    }
    for v in &mut module.live_statics {
        fix(&mut v.doc);
    }
    for c in &mut module.classes {
        fix(&mut c.doc);
        for m in &mut c.methods {
            fix(&mut m.doc);
        }
        if let Some(ir::Constructor::Method(m)) = &mut c.constructor {
            fix(&mut m.doc);
        }
        for f in &mut c.fields {
            fix(&mut f.doc);
        }
        for v in &mut c.variants {
            fix(&mut v.doc);
            for f in &mut v.fields {
                fix(&mut f.doc);
            }
        }
        for v in &mut c.consts {
            fix(&mut v.doc);
        }
    }
}
