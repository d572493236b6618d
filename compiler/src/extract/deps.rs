//! The bound crate's dependencies: each read (passes 1 and 2) only when a path
//! of the crate first names it, and a record of which of their types the
//! conversions met, and from where.

use super::modules::{self, Crate, ItemId};
use super::resolve::{self, PublicPaths, Scopes};
use super::types::TypeCx;
use super::{DependencySource, SourceSet};
use crate::diag::{Diagnostic, Severity};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

/// A dependency read and resolved.
pub(crate) struct Loaded {
    pub krate: Crate,
    pub scopes: Scopes,
    pub public: PublicPaths,
    /// Its problems, as warnings that name the dependency.
    pub diagnostics: Vec<Diagnostic>,
}

struct Entry<'s> {
    source: &'s DependencySource,
    /// `None` inside: the source is not available.
    loaded: OnceCell<Option<Loaded>>,
}

/// Who converted a type: the bound crate's API, a dependency class's members,
/// or something that does not make a type part of the API (an impl's self type).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    Root,
    /// A class candidate of a dependency: (lib, item).
    Class(String, ItemId),
    Ignore,
}

/// The dependency structs and enums the conversions met: (lib, item) → who met them.
pub(crate) struct Recorder {
    origin: RefCell<Origin>,
    found: RefCell<BTreeMap<(String, ItemId), BTreeSet<Origin>>>,
}

impl Recorder {
    pub(crate) fn clear(&self) {
        self.found.borrow_mut().clear();
        *self.origin.borrow_mut() = Origin::Root;
    }

    pub(crate) fn record(&self, lib: &str, id: ItemId) {
        let origin = self.origin.borrow().clone();
        if origin == Origin::Ignore {
            return;
        }
        self.found
            .borrow_mut()
            .entry((lib.to_string(), id))
            .or_default()
            .insert(origin);
    }

    pub(crate) fn found(&self) -> BTreeMap<(String, ItemId), BTreeSet<Origin>> {
        self.found.borrow().clone()
    }

    /// Runs `f` with conversions recorded as made by `origin`.
    pub(crate) fn within<T>(&self, origin: Origin, f: impl FnOnce() -> T) -> T {
        let before = self.origin.replace(origin);
        let out = f();
        *self.origin.borrow_mut() = before;
        out
    }
}

/// The dependencies of the bound crate.
pub(crate) struct Deps<'s> {
    entries: BTreeMap<String, Entry<'s>>,
    pub recorder: Recorder,
}

impl<'s> Deps<'s> {
    pub(crate) fn new(sources: &'s BTreeMap<String, DependencySource>) -> Deps<'s> {
        Deps {
            entries: sources
                .iter()
                .map(|(lib, source)| {
                    (
                        lib.clone(),
                        Entry {
                            source,
                            loaded: OnceCell::new(),
                        },
                    )
                })
                .collect(),
            recorder: Recorder {
                origin: RefCell::new(Origin::Root),
                found: RefCell::new(BTreeMap::new()),
            },
        }
    }

    /// Whether `lib` names a dependency (available or not).
    pub(crate) fn has(&self, lib: &str) -> bool {
        self.entries.contains_key(lib)
    }

    /// The dependency, read on first use; `None` when it is not one or its
    /// source is not available.
    pub(crate) fn loaded(&self, lib: &str) -> Option<(&SourceSet, &Loaded)> {
        let entry = self.entries.get(lib)?;
        let loaded = entry
            .loaded
            .get_or_init(|| load(lib, &entry.source.source))
            .as_ref()?;
        Some((&entry.source.source, loaded))
    }

    /// A type converter for the dependency's own source, naming its types
    /// `lib::path`.
    pub(crate) fn cx<'a>(&'a self, lib: &'a str) -> Option<TypeCx<'a>> {
        let (source, loaded) = self.loaded(lib)?;
        Some(TypeCx {
            source,
            krate: &loaded.krate,
            scopes: &loaded.scopes,
            public: &loaded.public,
            nodes: Cell::new(0),
            lib: Some(lib),
            deps: self,
        })
    }

    /// The problems met reading the dependencies that were read.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.entries
            .values()
            .filter_map(|e| e.loaded.get())
            .flatten()
            .flat_map(|l| l.diagnostics.iter().cloned())
            .collect()
    }
}

fn load(lib: &str, source: &SourceSet) -> Option<Loaded> {
    if !source.files.contains_key(&source.root)
        && !source.files.contains_key(&modules::normalize(&source.root))
    {
        return None;
    }
    let mut diags = Vec::new();
    let krate = modules::load(source, &mut diags);
    let scopes = Scopes::build(&krate);
    let public = resolve::public_paths(&scopes);
    // A dependency's problems never stop the extraction: only its types are affected.
    let diagnostics = diags
        .into_iter()
        .map(|mut d| {
            d.severity = Severity::Warning;
            d.message = format!("in the dependency `{lib}`: {}", d.message);
            if let Some(label) = &mut d.label {
                label.file = format!("{lib}/{}", label.file);
            }
            d
        })
        .collect();
    Some(Loaded {
        krate,
        scopes,
        public,
        diagnostics,
    })
}
