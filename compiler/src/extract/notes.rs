//! What extraction says in the interface file beside an item, as comments: why a
//! trait's method has a name other than its own (two traits, or two impls of
//! one generic trait, give the class a method of one name).

use crate::idl::comments::{item_key, method_key, Comments};
use crate::idl::{python_name, Class, Item, Method};
use crate::ir::operators::Operator;

/// The comments to write before the methods that a clash renamed.
pub fn rename_notes(items: &[Item]) -> Comments {
    let mut notes = Comments::default();
    add_notes(items, &mut notes);
    notes
}

fn add_notes(items: &[Item], notes: &mut Comments) {
    for item in items {
        match item {
            Item::Class(c) => {
                let key = item_key(item);
                for m in c.methods.iter().filter(|m| renamed(m)) {
                    notes
                        .before
                        .insert(method_key(&key, m), vec![format!("// {}", why(c, m))]);
                }
            }
            Item::Module(m) => add_notes(&m.items, notes),
            _ => {}
        }
    }
}

/// A trait's method whose name is neither its own nor an operator's (or `parse`).
fn renamed(m: &Method) -> bool {
    m.trait_.is_some()
        && m.name != python_name(&m.rust)
        && Operator::from_python_name(&m.name).is_none()
        && !matches!(m.name.as_str(), "parse" | "__length_hint__")
}

fn why(c: &Class, m: &Method) -> String {
    let others: Vec<String> = c
        .methods
        .iter()
        .filter(|o| o.rust == m.rust && !o.same_member(m))
        .map(|o| match &o.trait_ {
            Some(t) => format!("`{t}`"),
            None => format!("`{}` itself", c.name),
        })
        .collect();
    let trait_ = m.trait_.as_deref().unwrap_or_default();
    let verb = if others.len() == 1 { "gives" } else { "give" };
    format!(
        "`{}` of `{trait_}` is `{}` here: {} also {verb} `{}` a `{}`",
        m.rust,
        m.name,
        others.join(", "),
        c.name,
        m.rust
    )
}
