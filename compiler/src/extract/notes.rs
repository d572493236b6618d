//! What extraction says in the interface file beside an item, as comments: why a
//! trait's method has a name other than its own (two traits, or two impls of
//! one generic trait, give the class a method of one name), and why an
//! extension function of a trait bound as a `Trait` item was renamed (a trait
//! that is skipped says so in its `skipped` entry).

use crate::idl::comments::{item_key, method_key, Comments};
use crate::idl::{python_name, Class, Item, Method};
use crate::ir::operators::Operator;

/// The comments to write before the methods that a clash renamed.
pub fn rename_notes(items: &[Item]) -> Comments {
    let mut notes = Comments::default();
    let mut traits = Vec::new();
    bound_traits(items, &mut traits);
    add_notes(items, &traits, &mut notes);
    notes
}

fn bound_traits<'i>(items: &'i [Item], out: &mut Vec<&'i str>) {
    for item in items {
        match item {
            Item::Trait(t) => out.push(&t.path),
            Item::Module(m) => bound_traits(&m.items, out),
            _ => {}
        }
    }
}

/// `(type, trait, method)` of an extension function's `<TYPE as TRAIT>::METHOD`.
fn qualified(path: &str) -> Option<(&str, &str, &str)> {
    let (inside, method) = path.strip_prefix('<')?.rsplit_once(">::")?;
    let (ty, trait_) = inside.rsplit_once(" as ")?;
    Some((ty, trait_, method))
}

fn add_notes(items: &[Item], traits: &[&str], notes: &mut Comments) {
    for item in items {
        match item {
            Item::Function(f) => {
                let Some((ty, trait_, method)) = qualified(&f.path) else {
                    continue;
                };
                if traits.contains(&trait_) && f.name != python_name(method) {
                    notes.before.insert(
                        item_key(item),
                        vec![format!(
                            "// `{method}` of `{trait_}` for `{ty}` is `{}` here: the module has another `{method}`",
                            f.name
                        )],
                    );
                }
            }
            Item::Class(c) => {
                let key = item_key(item);
                for m in c.methods.iter().filter(|m| renamed(m)) {
                    notes
                        .before
                        .insert(method_key(&key, m), vec![format!("// {}", why(c, m))]);
                }
            }
            Item::Module(m) => add_notes(&m.items, traits, notes),
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
