//! Fieldless enums are Python `IntEnum`s, whose members are ints: nothing can
//! change one, and an int's operators are the int type's. So their `&mut self`
//! methods and operator methods are listed as skipped. A fieldless enum that
//! some `Result` raises is an exception class instead (an object), and keeps them.

use crate::idl::ty::{parse_type, TypeExpr};
use crate::idl::{Class, Item, Method, Receiver, Shape, Skipped};
use crate::ir::operators::Operator;
use std::collections::BTreeSet;

/// Moves the methods an `IntEnum` cannot have from `items` into `skipped`.
pub fn skip_int_enum_methods(items: &mut [Item], skipped: &mut Vec<Skipped>) {
    let mut raised = BTreeSet::new();
    raised_errors(items, &mut raised);
    visit(items, &raised, skipped);
    skipped.sort_by(|a, b| (&a.path, &a.kind).cmp(&(&b.path, &b.kind)));
}

fn visit(items: &mut [Item], raised: &BTreeSet<String>, skipped: &mut Vec<Skipped>) {
    for item in items {
        match item {
            Item::Class(c) if is_int_enum(c) && !raised.contains(&type_path(c)) => {
                let (kept, dropped): (Vec<Method>, Vec<Method>) =
                    c.methods.drain(..).partition(|m| !cannot_have(m));
                c.methods = kept;
                for m in dropped {
                    skipped.push(Skipped {
                        path: m.path_in(&c.path),
                        kind: "method".to_string(),
                        reason: format!(
                            "`{}` is a Python IntEnum: its members are ints, which cannot change and have int's operators",
                            c.name
                        ),
                    });
                }
            }
            Item::Module(m) => visit(&mut m.items, raised, skipped),
            _ => {}
        }
    }
}

fn is_int_enum(c: &Class) -> bool {
    c.shape == Shape::Enum && c.variants.iter().all(|v| v.shape == Shape::Unit)
}

fn cannot_have(m: &Method) -> bool {
    m.receiver == Receiver::RefMut || Operator::from_python_name(&m.name).is_some()
}

/// How type strings name the class (`lib::Path` for a dependency's).
fn type_path(c: &Class) -> String {
    match &c.from_crate {
        Some(lib) => format!("{lib}::{}", c.path),
        None => c.path.clone(),
    }
}

/// The error types of every `Result` the bound functions and methods return.
fn raised_errors(items: &[Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            Item::Function(f) => note_error(&f.ret, out),
            Item::Class(c) => {
                for m in &c.methods {
                    note_error(&m.ret, out);
                }
                if let crate::idl::Constructor::Method(m) = &c.constructor {
                    note_error(&m.ret, out);
                }
                if let Some(item) = &c.iterator_item {
                    note_error(item, out);
                }
            }
            Item::Module(m) => raised_errors(&m.items, out),
            _ => {}
        }
    }
}

/// The error type of a `Result` type string, if it is one.
fn note_error(ret: &str, out: &mut BTreeSet<String>) {
    if let Ok(TypeExpr::Path(p)) = parse_type(ret) {
        if crate::types::std_name(&p) == Some("Result") {
            if let Some(err) = p.type_args().get(1) {
                out.insert(err.to_string());
            }
        }
    }
}
