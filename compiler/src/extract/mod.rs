//! The front end: reads a crate's source (already in memory) and writes the
//! interface model, [`crate::idl::Interface`].
//!
//! Three passes, each over the previous one's output:
//! 1. [`modules`]: parses every file reachable from the root through `mod`, with
//!    `#[cfg]` applied, and records items (structs and enums with their fields and
//!    variants), `use`s, modules and `impl` blocks (inherent and trait impls, also
//!    those written inside function bodies).
//! 2. [`resolve`]: the names each module sees (imports resolved to a fixpoint) and
//!    the public path of every item reachable from the root.
//! 3. [`bind`]: decides the classes (bindable pub structs and enums), converts
//!    signatures ([`types`]), asks the checker what it supports against those
//!    classes, and writes bound items, module by module, and skipped entries with
//!    their reasons.
//!
//! It does no IO, never fails as a whole and never panics: a file that does not
//! parse or a `mod` without its file becomes a diagnostic and the rest goes on.

mod bind;
mod cfg;
mod docs;
mod modules;
mod resolve;
mod types;

#[cfg(test)]
mod tests;

use crate::diag::Diagnostic;
use crate::idl::{CrateRef, Interface, FORMAT_VERSION};
use std::collections::BTreeMap;

/// The crate's source as the CLI read it: pure input, no file IO in the front end.
#[derive(Clone, Debug, Default)]
pub struct SourceSet {
    /// `[package] name`.
    pub package: String,
    /// The library's Rust name (package name with `-` → `_`, or `[lib] name`).
    pub lib: String,
    /// Path of the lib root file relative to the crate dir, e.g. `src/lib.rs`.
    pub root: String,
    /// Every `.rs` file under the crate dir: relative path (`src/a/mod.rs`, `/`
    /// separators) → text.
    pub files: BTreeMap<String, String>,
    /// What to write into [`CrateRef::path`].
    pub crate_path: String,
}

/// The interface the front end found, and the problems it met on the way.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub interface: Interface,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the crate and writes its interface. Deterministic: same input, same output.
pub fn extract(source: &SourceSet) -> Extraction {
    let mut diagnostics = Vec::new();
    let krate = modules::load(source, &mut diagnostics);
    let scopes = resolve::Scopes::build(&krate);
    let public = resolve::public_paths(&scopes);
    let cx = types::TypeCx {
        source,
        krate: &krate,
        scopes: &scopes,
        public: &public,
        nodes: std::cell::Cell::new(0),
    };
    let (items, skipped) = bind::bind(&cx);
    Extraction {
        interface: Interface {
            format: FORMAT_VERSION,
            module: source.lib.clone(),
            krate: CrateRef {
                package: source.package.clone(),
                lib: source.lib.clone(),
                path: source.crate_path.clone(),
                dependencies: Vec::new(),
            },
            doc: krate.doc.clone(),
            items,
            skipped,
        },
        diagnostics,
    }
}
