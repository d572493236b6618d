//! Curation over time: re-extraction that keeps a person's edits ([`merge`]),
//! the comments people write in the file ([`collect_comments`]), and the check
//! that a file still matches its crate ([`drift`]).
//!
//! Pure functions over in-memory interfaces and texts; [`crate::driver`] reads
//! the files and the crate. Items are identified by their Rust identity, never
//! by their Python name (which is the person's): an item by its kind and `path`
//! (an instantiation also by its `type_args`), a method by its `rust` name (and
//! `type_args`) in its class, a field or a variant by its `rust` name, a
//! parameter by its position.

mod comments;
mod drift;
mod merge;
mod sig;

#[cfg(test)]
mod tests;

pub use comments::collect_comments;
pub use drift::{drift, drift_diagnostics, drift_with, Drift, DriftKind};
pub use merge::{merge, merge_with, merge_with_classes, Merged};

use crate::idl::{Interface, Item, Param};
use std::fmt;

/// What [`merge`] did, for the person to read: each list in the order met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items and members new in the crate, now in the file (`fn geo::area`).
    pub added: Vec<String>,
    /// Items and members that vanished from the crate, removed from the file.
    pub removed: Vec<String>,
    /// `(what, the file's signature, the crate's)`: the file now has the crate's.
    pub changed: Vec<(String, String, String)>,
    /// Whole lines: `curation dropped because its item vanished: rename of fn
    /// `x` to `y``, or `curation dropped: <what>: <why>`.
    pub dropped_curation: Vec<String>,
    /// Items the crate binds that the file lists in `skipped`: they stay skipped.
    pub kept_skipped: Vec<String>,
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.dropped_curation.is_empty()
            && self.kept_skipped.is_empty()
    }

    /// One line per entry: `added: fn geo::area`, `removed: fn old_name`,
    /// `changed: fn f: (a: i32) -> i32  =>  (a: i64) -> i64`, `curation dropped
    /// ...`, `kept skipped: fn secret (...)`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for a in &self.added {
            out.push_str(&format!("added: {a}\n"));
        }
        for r in &self.removed {
            out.push_str(&format!("removed: {r}\n"));
        }
        for (what, old, new) in &self.changed {
            out.push_str(&format!("changed: {what}: {old}  =>  {new}\n"));
        }
        for d in &self.dropped_curation {
            out.push_str(d);
            out.push('\n');
        }
        for k in &self.kept_skipped {
            out.push_str(&format!(
                "kept skipped: {k} (the crate binds it; delete its `skipped` entry to bind it)\n"
            ));
        }
        out
    }
}

/// A generic function instantiated with type arguments: what its signature is then.
#[derive(Clone, Debug, PartialEq)]
pub struct Instantiation {
    pub params: Vec<Param>,
    pub ret: String,
    /// What the person should know (a bound the front end could not check).
    pub warnings: Vec<String>,
}

/// Instantiates the generic function or method at `path` (`largest`,
/// `Stack::push`) with `type_args`. `None`: it cannot tell (the instantiation is
/// kept as the file writes it); `Some(Err(why))`: the instantiation is invalid.
pub type Instantiate<'a> = &'a dyn Fn(&str, &[String]) -> Option<Result<Instantiation, String>>;

/// Instantiates the generic struct at `path` with `type_args`: the class as
/// extraction makes it. `None`: it cannot tell; `Some(Err(why))`: invalid.
pub type InstantiateClass<'a> =
    &'a dyn Fn(&str, &[String]) -> Option<Result<crate::idl::Class, String>>;

/// What a summary or a diagnostic calls a value: `fn geo::area`, `method
/// Point::norm`, `field Point.x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct What {
    pub kind: &'static str,
    pub path: String,
}

impl What {
    pub fn new(kind: &'static str, path: impl Into<String>) -> What {
        What {
            kind,
            path: path.into(),
        }
    }

    /// `fn `geo::area``, for sentences.
    pub fn quoted(&self) -> String {
        format!("{} `{}`", self.kind, self.path)
    }

    pub fn of_item(item: &Item) -> What {
        let kind = match item {
            Item::Function(_) => "fn",
            Item::Const(_) => "const",
            Item::Static(_) | Item::LiveStatic(_) => "static",
            Item::Class(_) => "class",
            Item::Module(_) => "module",
            Item::Trait(_) => "trait",
        };
        let path = match item {
            Item::Function(f) => format!("{}{}", f.path, type_args_suffix(&f.type_args)),
            Item::Class(c) => match &c.from_crate {
                Some(from) => format!("{from}::{}", c.path),
                None => c.path.clone(),
            },
            other => other.path().to_string(),
        };
        What::new(kind, path)
    }
}

/// What identifies an item across extractions: its kind and its Rust path, with
/// the type arguments of an instantiation and the crate of a class from a
/// dependency (`Version@semver`).
/// `instantiate`, but "cannot tell" (`None`) for a generic of a dependency's class
/// (`mio::Ready::insert`): the instantiator reads only the bound crate's items, so
/// such an instantiation is kept as the file has it while its generic exists.
pub(crate) fn only_own<'a>(
    fresh: &'a Interface,
    instantiate: Instantiate<'a>,
) -> impl Fn(&str, &[String]) -> Option<Result<Instantiation, String>> + 'a {
    move |path: &str, type_args: &[String]| {
        let of_dependency = fresh.krate.dependencies.iter().any(|d| {
            path.strip_prefix(d.lib.as_str())
                .is_some_and(|rest| rest.starts_with("::"))
        });
        if of_dependency {
            None
        } else {
            instantiate(path, type_args)
        }
    }
}

/// The path of a class's generic method as the crate's `skipped` entry writes it:
/// a dependency's class (`from_crate`) with its crate in front (`mio::Ready::insert`).
pub(crate) fn generic_method_path(class: &crate::idl::Class, rust: &str) -> String {
    match &class.from_crate {
        Some(from) => format!("{from}::{}::{rust}", class.path),
        None => format!("{}::{rust}", class.path),
    }
}

pub(crate) fn identity(item: &Item) -> (&'static str, String) {
    let id = match item {
        Item::Function(f) => format!("{}{}", f.path, type_args_suffix(&f.type_args)),
        Item::Class(c) => match &c.from_crate {
            Some(from) => format!("{}@{from}", c.path),
            None => c.path.clone(),
        },
        other => other.path().to_string(),
    };
    (item.kind(), id)
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.path)
    }
}

/// `::<i64, String>` for an instantiation, empty otherwise.
pub(crate) fn type_args_suffix(args: &[String]) -> String {
    if args.is_empty() {
        String::new()
    } else {
        format!("::<{}>", args.join(", "))
    }
}

/// The Python name extract gives a Rust name: a field `0` is `_0`, a Python
/// keyword gets a trailing `_`.
pub(crate) fn default_name(rust: &str) -> String {
    if rust.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("_{rust}")
    } else {
        crate::idl::python_name(rust)
    }
}

/// The last segment of a Rust path.
pub(crate) fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}
