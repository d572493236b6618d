//! The crate's public surface as rustdoc sees it: every item reachable from
//! the root through public modules and re-exports (`pub use`, globs, renames),
//! each at its public path, and the re-exports of other crates' items.

use rustdoc_types::{Crate, Id, Item, ItemEnum};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How deep modules and re-exports nest; deeper ones are cut off (a cycle of
/// glob re-exports would otherwise never end).
const MAX_DEPTH: usize = 64;

/// An item of the crate at its public path.
#[derive(Clone, Debug)]
pub(crate) struct PublicItem {
    pub id: Id,
    /// The path from the crate root, the item's own (exported) name last.
    pub segments: Vec<String>,
    /// Behind `#[doc(hidden)]`: on the item, a module on the way, or the `use`.
    pub hidden: bool,
    /// Position in the walk (source order, depth first).
    pub order: usize,
}

impl PublicItem {
    pub fn joined(&self) -> String {
        self.segments.join("::")
    }

    /// The public path of the module the item is in.
    pub fn module(&self) -> &[String] {
        &self.segments[..self.segments.len().saturating_sub(1)]
    }
}

/// A re-export of another crate's item (`pub use semver::Version`).
#[derive(Clone, Debug)]
pub(crate) struct External {
    pub segments: Vec<String>,
    /// The path as the `use` wrote it.
    pub source: String,
    pub hidden: bool,
}

/// What the walk found.
#[derive(Default)]
pub(crate) struct Surface {
    /// Every public item once, at its best public path (not hidden before
    /// hidden, then the shortest, then the first met), in walk order.
    pub items: Vec<PublicItem>,
    /// Public modules by public path: (order, id, hidden).
    pub modules: BTreeMap<Vec<String>, (usize, Id, bool)>,
    pub externals: Vec<External>,
    /// `pub use`s whose target rustdoc does not know.
    pub unresolved: Vec<(Vec<String>, String)>,
    /// The chosen public path of each item.
    pub path_of: HashMap<Id, Vec<String>>,
    /// Other paths of items, behind `#[doc(hidden)]` (`#[doc(hidden)] pub use a::f as g`):
    /// listed as skipped, never bound.
    pub hidden_aliases: Vec<PublicItem>,
}

pub(crate) fn is_hidden(item: &Item) -> bool {
    item.attrs.iter().any(|a| match a {
        rustdoc_types::Attribute::Other(text) => {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            compact.contains("doc(hidden)")
        }
        _ => false,
    })
}

struct Walker<'k> {
    krate: &'k Crate,
    order: usize,
    found: Vec<PublicItem>,
    surface: Surface,
    /// Modules entered, with the path they were entered at (a glob cycle stops here).
    entered: BTreeSet<(u32, Vec<String>)>,
}

/// Walks the crate from its root module.
pub(crate) fn walk(krate: &Crate) -> Surface {
    let mut w = Walker {
        krate,
        order: 0,
        found: Vec::new(),
        surface: Surface::default(),
        entered: BTreeSet::new(),
    };
    w.surface.modules.insert(Vec::new(), (0, krate.root, false));
    w.module(krate.root, &[], false, 0, &BTreeSet::new());
    let mut best: HashMap<Id, usize> = HashMap::new();
    for (i, p) in w.found.iter().enumerate() {
        let better = match best.get(&p.id) {
            None => true,
            Some(&j) => {
                let q = &w.found[j];
                (p.hidden, p.segments.len()) < (q.hidden, q.segments.len())
            }
        };
        if better {
            best.insert(p.id, i);
        }
    }
    let mut chosen: Vec<usize> = best.into_values().collect();
    chosen.sort();
    let mut surface = w.surface;
    for (i, p) in w.found.iter().enumerate() {
        if p.hidden && !chosen.contains(&i) {
            surface.hidden_aliases.push(p.clone());
        }
    }
    for i in chosen {
        let p = w.found[i].clone();
        surface.path_of.insert(p.id, p.segments.clone());
        surface.items.push(p);
    }
    surface
}

impl Walker<'_> {
    fn next_order(&mut self) -> usize {
        self.order += 1;
        self.order
    }

    /// A module's items at `prefix`; those named in `shadowed` are left out (a
    /// glob import gives way to the importing module's own items of that name).
    fn module(
        &mut self,
        id: Id,
        prefix: &[String],
        hidden: bool,
        depth: usize,
        shadowed: &BTreeSet<String>,
    ) {
        if depth > MAX_DEPTH || !self.entered.insert((id.0, prefix.to_vec())) {
            return;
        }
        let Some(ItemEnum::Module(m)) = self.krate.index.get(&id).map(|i| &i.inner) else {
            return;
        };
        let mut own: BTreeSet<String> = m
            .items
            .iter()
            .filter_map(|c| self.explicit_name(*c))
            .collect();
        own.extend(shadowed.iter().cloned());
        for child in &m.items {
            if let Some(name) = self.explicit_name(*child) {
                if shadowed.contains(&name) {
                    continue;
                }
            }
            self.member(*child, prefix, hidden, depth, &own);
        }
    }

    /// The name an item or a non-glob `use` defines in its module.
    fn explicit_name(&self, id: Id) -> Option<String> {
        let item = self.krate.index.get(&id)?;
        match &item.inner {
            ItemEnum::Use(u) if u.is_glob => None,
            ItemEnum::Use(u) => Some(unraw(&u.name)),
            _ => item.name.as_deref().map(unraw),
        }
    }

    /// One item listed in a module: an item of its own, or a `use`.
    fn member(
        &mut self,
        id: Id,
        prefix: &[String],
        hidden: bool,
        depth: usize,
        own: &BTreeSet<String>,
    ) {
        let Some(item) = self.krate.index.get(&id) else {
            return;
        };
        let hidden = hidden || is_hidden(item);
        match &item.inner {
            ItemEnum::Use(u) => self.reexport(u, prefix, hidden, depth, own),
            _ => {
                let Some(name) = item.name.clone() else {
                    return;
                };
                self.place(id, item, name, prefix, hidden, depth);
            }
        }
    }

    /// An item placed at `prefix::name`; a module is entered.
    fn place(
        &mut self,
        id: Id,
        item: &Item,
        name: String,
        prefix: &[String],
        hidden: bool,
        depth: usize,
    ) {
        let mut segments = prefix.to_vec();
        segments.push(unraw(&name));
        let order = self.next_order();
        if let ItemEnum::Module(_) = item.inner {
            self.surface
                .modules
                .entry(segments.clone())
                .or_insert((order, id, hidden));
            self.module(id, &segments, hidden, depth + 1, &BTreeSet::new());
            return;
        }
        self.found.push(PublicItem {
            id,
            segments,
            hidden,
            order,
        });
    }

    fn reexport(
        &mut self,
        u: &rustdoc_types::Use,
        prefix: &[String],
        hidden: bool,
        depth: usize,
        own: &BTreeSet<String>,
    ) {
        let target = u.id.and_then(|t| self.krate.index.get(&t).map(|i| (t, i)));
        match (target, u.is_glob) {
            // A glob of an enum's variants is not followed: they are reached
            // through the enum.
            (Some((t, item)), true) => {
                if let ItemEnum::Module(_) = &item.inner {
                    self.module(t, prefix, hidden, depth + 1, own)
                }
            }
            (Some((t, item)), false) => self.place(t, item, u.name.clone(), prefix, hidden, depth),
            (None, _) => {
                let mut segments = prefix.to_vec();
                if !u.is_glob {
                    segments.push(unraw(&u.name));
                }
                let known = u.id.filter(|t| self.krate.paths.contains_key(t));
                match known {
                    Some(_) => self.surface.externals.push(External {
                        segments,
                        source: u.source.clone(),
                        hidden,
                    }),
                    None => self.surface.unresolved.push((segments, u.source.clone())),
                }
            }
        }
    }
}

/// A name without its raw-identifier prefix (`r#try` is `try`).
pub(crate) fn unraw(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_string()
}
