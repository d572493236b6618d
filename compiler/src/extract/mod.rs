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
//! Types from the crate's dependencies ([`deps`]): a path into a dependency
//! (`semver::Version`, also through `use` or a glob import) is looked up in
//! that crate's public API, which passes 1 and 2 read on first use, and named
//! `lib::public::path`. Each struct or enum met so is a class candidate of pass
//! 3, whose members are converted the same way; pass 3 runs again until a round
//! meets no new type. Only the dependency classes that the bound API reaches
//! (through bound items, transitively) are kept, in a submodule per dependency,
//! with `from_crate` set.
//!
//! [`instantiate`] gives the signature of a generic function or method for
//! given type arguments, its bounds checked where rsbind knows the answer.
//!
//! It does no IO, never fails as a whole and never panics: a file that does not
//! parse or a `mod` without its file becomes a diagnostic and the rest goes on.

mod bind;
mod cfg;
mod deps;
mod docs;
mod instantiate;
mod modules;
mod resolve;
mod types;

#[cfg(test)]
mod tests;

pub use instantiate::{instantiate, instantiate_class, ClassInstantiation, Instantiation};

use crate::diag::Diagnostic;
use crate::idl::{CrateRef, Dependency, Interface, FORMAT_VERSION};
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
    /// The crate's direct normal dependencies (not dev or build ones), keyed by
    /// the name the crate writes in paths (`semver` in `semver::Version`; a
    /// Cargo.toml rename's new name). Types of these that the crate's API uses
    /// are bound with it. Only the bound crate's own set is read: a
    /// dependency's `dependencies` are left empty.
    pub dependencies: BTreeMap<String, DependencySource>,
}

/// A dependency of the bound crate and its source.
#[derive(Clone, Debug, Default)]
pub struct DependencySource {
    /// Its package name.
    pub package: String,
    /// The name the bound crate writes in paths (the key of
    /// [`SourceSet::dependencies`]); the stubs use it too.
    pub lib: String,
    /// A registry dependency's exact version: `"=1.0.27"`.
    pub version: Option<String>,
    /// A path (or git) dependency's folder, relative to the **bound crate's
    /// folder** (`../dep`); extract writes it into [`Dependency::path`]
    /// relative to the interface file by joining it to [`SourceSet::crate_path`].
    pub path: Option<String>,
    /// Its files, root and names. When its root is not among `files` (it could
    /// not be read), the dependency is unavailable: items that use its types
    /// are skipped with the reason.
    pub source: SourceSet,
}

/// The interface the front end found, and the problems it met on the way.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub interface: Interface,
    pub diagnostics: Vec<Diagnostic>,
}

/// A crate read and resolved: passes 1 and 2, and the dependencies it may need.
struct Analysis<'s> {
    source: &'s SourceSet,
    krate: modules::Crate,
    scopes: resolve::Scopes,
    public: resolve::PublicPaths,
    deps: deps::Deps<'s>,
    diagnostics: Vec<Diagnostic>,
}

impl<'s> Analysis<'s> {
    fn new(source: &'s SourceSet) -> Analysis<'s> {
        let mut diagnostics = Vec::new();
        let krate = modules::load(source, &mut diagnostics);
        let scopes = resolve::Scopes::build(&krate);
        let public = resolve::public_paths(&scopes);
        Analysis {
            source,
            krate,
            scopes,
            public,
            deps: deps::Deps::new(&source.dependencies),
            diagnostics,
        }
    }

    fn cx(&self) -> types::TypeCx<'_> {
        types::TypeCx {
            source: self.source,
            krate: &self.krate,
            scopes: &self.scopes,
            public: &self.public,
            nodes: std::cell::Cell::new(0),
            lib: None,
            deps: &self.deps,
        }
    }

    /// Pass 3 over the crate and the dependency types its API reaches: binds
    /// with the dependency types found so far as class candidates, until a
    /// round finds no new one.
    fn bind(&self) -> bind::Bound {
        const MAX_ROUNDS: usize = 256;
        let cx = self.cx();
        let mut wanted: BTreeMap<String, std::collections::BTreeSet<modules::ItemId>> =
            BTreeMap::new();
        let mut rounds = 0;
        loop {
            rounds += 1;
            self.deps.recorder.clear();
            let units: Vec<bind::DepUnit> = wanted
                .iter()
                .filter_map(|(lib, ids)| {
                    Some(bind::DepUnit {
                        lib: lib.as_str(),
                        cx: self.deps.cx(lib)?,
                        wanted: ids.clone(),
                    })
                })
                .collect();
            let bound = bind::bind(&cx, &units);
            let mut grew = false;
            for (lib, id) in self.deps.recorder.found().into_keys() {
                grew |= wanted.entry(lib).or_default().insert(id);
            }
            if !grew || rounds >= MAX_ROUNDS {
                return bound;
            }
        }
    }
}

/// Reads the crate and writes its interface. Deterministic: same input, same output.
pub fn extract(source: &SourceSet) -> Extraction {
    let analysis = Analysis::new(source);
    let bound = analysis.bind();
    let mut diagnostics = analysis.diagnostics.clone();
    diagnostics.extend(analysis.deps.diagnostics());
    let dependencies = bound
        .used_deps
        .iter()
        .filter_map(|lib| source.dependencies.get(lib))
        .map(|d| Dependency {
            package: d.package.clone(),
            lib: d.lib.clone(),
            version: d.version.clone(),
            path: d
                .path
                .as_ref()
                .map(|p| modules::join_paths(&source.crate_path, p)),
        })
        .collect();
    Extraction {
        interface: Interface {
            format: FORMAT_VERSION,
            module: source.lib.clone(),
            krate: CrateRef {
                package: source.package.clone(),
                lib: source.lib.clone(),
                path: source.crate_path.clone(),
                dependencies,
            },
            doc: analysis.krate.doc.clone(),
            items: bound.items,
            skipped: bound.skipped,
        },
        diagnostics,
    }
}
