//! The comments people write in an interface file, keyed by what they stand
//! before, so that [`super::print_with_comments`] can write them again after a
//! re-extraction. `curate` collects them from a file's text; this module only
//! names the places (the *keys*) that both sides agree on.
//!
//! A key names a value by its identity, not by its position in the file, so that
//! it still finds its value when items are added, removed or reordered:
//! - the file: [`ROOT`] (the comments at the top of the file), [`TRAILER`] (after
//!   the last `)`), and `interface/.format`, `interface/.items`, ... for its fields;
//! - an item: its kind and Rust path (`function:geo::area`), with the type
//!   arguments of an instantiation (`function:largest::<i64>`) and the crate of a
//!   class from a dependency (`class:Version@semver`);
//! - a member of a class: `<class key>/method:norm` (a trait's: `/method:<Add<Money>>::add`), `/field:x`, `/variant:Circle`,
//!   `/const:Point::ORIGIN`; the constructor is the class's `/.constructor`;
//! - a parameter: `<function or method key>/param:0` (by position);
//! - a field of an item written on its own line: `<key>/.release_gil`;
//! - the comments left at the end of a list or an item, before its closing
//!   bracket: `<key>/end` (`interface/.items/end`);
//! - a skipped entry: `skipped:<path>`.
//!
//! The same key twice in one file (an item bound twice under two names) is told
//! apart by a count: the second is `<key>#2`.

use super::{Field, Item, Method, Skipped, Value, Variant};
use std::collections::BTreeMap;

/// The comments of one file: key → comment lines, in file order, without their
/// indentation (`// text`, or the lines of a `/* */` comment). An empty line
/// stands for the blank lines between two comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub before: BTreeMap<String, Vec<String>>,
}

impl Comments {
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
    }
}

/// The whole file; its comments are those at the top.
pub const ROOT: &str = "interface";
/// The comments after the file's last `)`.
pub const TRAILER: &str = "trailer";

/// `key/.field`: a field of the value `key` names.
pub fn sub(key: &str, field: &str) -> String {
    format!("{key}/.{field}")
}

/// `key/end`: the comments before the closing bracket of `key`'s value.
pub fn end(key: &str) -> String {
    format!("{key}/end")
}

fn type_args_suffix(args: &[String]) -> String {
    if args.is_empty() {
        String::new()
    } else {
        format!("::<{}>", args.join(", "))
    }
}

/// The key of an item, before [`Dedup`] (`function:geo::area`).
pub fn item_key(item: &Item) -> String {
    match item {
        Item::Function(f) => format!("function:{}{}", f.path, type_args_suffix(&f.type_args)),
        Item::Class(c) => match &c.from_crate {
            Some(from) => format!("class:{}@{from}", c.path),
            None => format!("class:{}", c.path),
        },
        other => format!("{}:{}", other.kind(), other.path()),
    }
}

pub fn method_key(class: &str, m: &Method) -> String {
    let of_trait = m
        .trait_
        .as_ref()
        .map(|t| format!("<{t}>::"))
        .unwrap_or_default();
    format!(
        "{class}/method:{of_trait}{}{}",
        m.rust,
        type_args_suffix(&m.type_args)
    )
}

/// A field of a class or of a variant (`owner` is the class's or the variant's key).
pub fn field_key(owner: &str, f: &Field) -> String {
    format!("{owner}/field:{}", f.rust)
}

pub fn variant_key(class: &str, v: &Variant) -> String {
    format!("{class}/variant:{}", v.rust)
}

pub fn const_key(class: &str, v: &Value) -> String {
    format!("{class}/const:{}", v.path)
}

pub fn param_key(owner: &str, index: usize) -> String {
    format!("{owner}/param:{index}")
}

pub fn skipped_key(s: &Skipped) -> String {
    format!("skipped:{}", s.path)
}

/// Makes keys unique in one file, in the order the file lists its values.
#[derive(Debug, Default)]
pub struct Dedup {
    seen: BTreeMap<String, usize>,
}

impl Dedup {
    pub fn key(&mut self, base: String) -> String {
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}#{n}")
        }
    }
}
