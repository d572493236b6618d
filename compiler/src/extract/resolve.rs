//! Pass 2: the names each module sees (its items, child modules and resolved
//! `use`s, globs included), path resolution over them, and the public path of
//! every item reachable from the crate root through `pub` items.

use super::modules::{Crate, Def, ItemId, ModId, RawVis, UseLeaf};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Rust's namespaces: a name may mean a type and a value at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ns {
    Type,
    Value,
    Macro,
}

const ALL_NS: [Ns; 3] = [Ns::Type, Ns::Value, Ns::Macro];

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    Module(ModId),
    Item(ItemId),
    /// Something of another crate, by its full path (`std::io::Error`).
    External(Vec<String>),
    /// An enum variant; not bound by itself.
    Variant,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vis {
    Pub,
    Crate,
    /// Visible in this module and its descendants.
    In(ModId),
}

#[derive(Clone, Debug)]
pub(crate) struct Binding {
    pub target: Target,
    pub vis: Vis,
    pub hidden: bool,
    /// Source position of the item or `use` that made it.
    pub order: usize,
    /// Made by a glob import: explicit names shadow it.
    pub glob: bool,
}

/// The names of every module, after all imports are resolved.
pub(crate) struct Scopes {
    pub scopes: Vec<BTreeMap<(String, Ns), Binding>>,
    /// Glob imports of other crates' modules (`use std::collections::*`), per module.
    pub ext_globs: Vec<Vec<Vec<String>>>,
    /// `pub use`s that name nothing found in the crate: (module, order, written path, name).
    pub unresolved: Vec<(ModId, String, String)>,
    parents: Vec<Option<ModId>>,
}

pub(crate) fn item_ns(def: &Def) -> Ns {
    match def {
        Def::Fn(_) | Def::Const(_) | Def::Static { .. } => Ns::Value,
        Def::Foreign(kind) if *kind != "type" => Ns::Value,
        Def::Macro => Ns::Macro,
        _ => Ns::Type,
    }
}

impl Scopes {
    pub(crate) fn build(krate: &Crate) -> Scopes {
        let n = krate.modules.len();
        let parents: Vec<Option<ModId>> = krate.modules.iter().map(|m| m.parent).collect();
        let mut scopes = Scopes {
            scopes: vec![BTreeMap::new(); n],
            ext_globs: vec![Vec::new(); n],
            unresolved: Vec::new(),
            parents,
        };
        for (id, m) in krate.modules.iter().enumerate() {
            if let Some(p) = m.parent {
                let vis = scopes.vis_of(krate, p, &m.vis);
                scopes.define(
                    p,
                    &m.name,
                    Ns::Type,
                    Target::Module(id),
                    vis,
                    m.hidden,
                    m.order,
                );
            }
        }
        for (id, item) in krate.items.iter().enumerate() {
            // An exported macro lives at the crate root whatever module defines it.
            let (module, vis) = match item.def {
                Def::Macro => (0, Vis::Pub),
                _ => (item.module, scopes.vis_of(krate, item.module, &item.vis)),
            };
            scopes.define(
                module,
                &item.name,
                item_ns(&item.def),
                Target::Item(id),
                vis,
                item.hidden,
                item.order,
            );
        }
        scopes.resolve_imports(krate);
        scopes
    }

    #[allow(clippy::too_many_arguments)]
    fn define(
        &mut self,
        module: ModId,
        name: &str,
        ns: Ns,
        target: Target,
        vis: Vis,
        hidden: bool,
        order: usize,
    ) {
        if let Some(scope) = self.scopes.get_mut(module) {
            let key = (name.to_string(), ns);
            match scope.get(&key) {
                Some(existing) if !existing.glob => {}
                _ => {
                    scope.insert(
                        key,
                        Binding {
                            target,
                            vis,
                            hidden,
                            order,
                            glob: false,
                        },
                    );
                }
            }
        }
    }

    pub(crate) fn parent(&self, m: ModId) -> Option<ModId> {
        self.parents.get(m).copied().flatten()
    }

    /// Whether `anc` is `m` or one of its ancestors.
    fn is_ancestor(&self, anc: ModId, m: ModId) -> bool {
        let mut cur = Some(m);
        let mut steps = 0;
        while let Some(c) = cur {
            if c == anc {
                return true;
            }
            steps += 1;
            if steps > self.parents.len() {
                return false;
            }
            cur = self.parent(c);
        }
        false
    }

    fn visible_from(&self, vis: Vis, from: ModId) -> bool {
        match vis {
            Vis::Pub | Vis::Crate => true,
            Vis::In(m) => self.is_ancestor(m, from),
        }
    }

    fn min_vis(&self, a: Vis, b: Vis) -> Vis {
        match (a, b) {
            (Vis::Pub, x) | (x, Vis::Pub) => x,
            (Vis::Crate, x) | (x, Vis::Crate) => x,
            (Vis::In(x), Vis::In(y)) => {
                if self.is_ancestor(x, y) {
                    Vis::In(y)
                } else {
                    Vis::In(x)
                }
            }
        }
    }

    fn vis_of(&self, krate: &Crate, module: ModId, raw: &RawVis) -> Vis {
        match raw {
            RawVis::Pub => Vis::Pub,
            RawVis::Crate => Vis::Crate,
            RawVis::Private => Vis::In(module),
            RawVis::Super => Vis::In(self.parent(module).unwrap_or(0)),
            RawVis::In(segs) => {
                // `pub(in path)` names an ancestor module by a path of modules only.
                let mut cur = module;
                for (i, seg) in segs.iter().enumerate() {
                    cur = match seg.as_str() {
                        "crate" if i == 0 => 0,
                        "self" if i == 0 => module,
                        "super" => self.parent(cur).unwrap_or(0),
                        name => match krate.modules.get(cur).and_then(|m| m.children.get(name)) {
                            Some(&c) => c,
                            None => return Vis::Crate,
                        },
                    };
                }
                Vis::In(cur)
            }
        }
    }

    pub(crate) fn lookup(&self, module: ModId, name: &str, ns: Ns) -> Option<&Binding> {
        self.scopes.get(module)?.get(&(name.to_string(), ns))
    }

    /// Resolves every `use` to a fixpoint: imports may name each other in any order.
    /// A first segment found nowhere is taken for another crate only once nothing
    /// else makes progress.
    fn resolve_imports(&mut self, krate: &Crate) {
        let mut done = vec![false; krate.uses.len()];
        let mut extern_fallback = false;
        let mut rounds = 0;
        loop {
            rounds += 1;
            let mut changed = false;
            for (i, u) in krate.uses.iter().enumerate() {
                let vis = self.vis_of(krate, u.module, &u.vis);
                match &u.leaf {
                    UseLeaf::ExternCrate(name) => {
                        if done[i] {
                            continue;
                        }
                        done[i] = true;
                        changed = true;
                        let target = match u.path.first().map(String::as_str) {
                            Some("self") => Target::Module(0),
                            _ => Target::External(u.path.clone()),
                        };
                        for ns in [Ns::Type, Ns::Macro] {
                            self.define(u.module, name, ns, target.clone(), vis, u.hidden, u.order);
                        }
                    }
                    UseLeaf::Named(name) => {
                        if done[i] {
                            continue;
                        }
                        let Some(found) = self.resolve_use_path(
                            u.module,
                            u.leading_colon,
                            &u.path,
                            extern_fallback,
                        ) else {
                            continue;
                        };
                        done[i] = true;
                        changed = true;
                        for (ns, target) in found {
                            if target != Target::Variant {
                                self.define(u.module, name, ns, target, vis, u.hidden, u.order);
                            }
                        }
                    }
                    UseLeaf::Glob => {
                        let start = self.resolve_use_prefix(
                            u.module,
                            u.leading_colon,
                            &u.path,
                            extern_fallback,
                        );
                        match start {
                            Some(Target::Module(src)) => {
                                done[i] = true;
                                if src == u.module {
                                    continue;
                                }
                                let imported: Vec<((String, Ns), Binding)> = self
                                    .scopes
                                    .get(src)
                                    .map(|s| {
                                        s.iter()
                                            .filter(|(_, b)| self.visible_from(b.vis, u.module))
                                            .map(|(k, b)| (k.clone(), b.clone()))
                                            .collect()
                                    })
                                    .unwrap_or_default();
                                for (key, b) in imported {
                                    let vis = self.min_vis(vis, b.vis);
                                    let Some(scope) = self.scopes.get_mut(u.module) else {
                                        continue;
                                    };
                                    if scope.contains_key(&key) {
                                        continue;
                                    }
                                    scope.insert(
                                        key,
                                        Binding {
                                            target: b.target,
                                            vis,
                                            hidden: u.hidden || b.hidden,
                                            order: u.order,
                                            glob: true,
                                        },
                                    );
                                    changed = true;
                                }
                            }
                            Some(Target::External(path)) if !done[i] => {
                                done[i] = true;
                                changed = true;
                                if let Some(g) = self.ext_globs.get_mut(u.module) {
                                    g.push(path);
                                }
                            }
                            Some(_) => done[i] = true,
                            None => {}
                        }
                    }
                }
            }
            if rounds > 10_000 {
                break;
            }
            if !changed {
                if extern_fallback {
                    break;
                }
                extern_fallback = true;
            }
        }
        for (i, u) in krate.uses.iter().enumerate() {
            if !done[i] && matches!(u.vis, RawVis::Pub) {
                let written = u.path.join("::");
                let name = match &u.leaf {
                    UseLeaf::Named(n) => n.clone(),
                    _ => continue,
                };
                self.unresolved.push((u.module, name, written));
            }
        }
    }

    /// The first segment of a path in `module`.
    fn resolve_start(
        &self,
        module: ModId,
        seg: &str,
        leading_colon: bool,
        extern_fallback: bool,
    ) -> Option<Target> {
        if leading_colon {
            return Some(Target::External(vec![seg.to_string()]));
        }
        match seg {
            "crate" => Some(Target::Module(0)),
            "self" => Some(Target::Module(module)),
            "super" => self.parent(module).map(Target::Module),
            "Self" => None,
            _ => match self.lookup(module, seg, Ns::Type) {
                Some(b) => Some(b.target.clone()),
                None if extern_fallback || matches!(seg, "std" | "core" | "alloc") => {
                    Some(Target::External(vec![seg.to_string()]))
                }
                None => None,
            },
        }
    }

    /// Everything but the last segment of a `use` path, as a target; for a
    /// glob, the whole path.
    fn resolve_use_prefix(
        &self,
        module: ModId,
        leading: bool,
        path: &[String],
        fallback: bool,
    ) -> Option<Target> {
        let (first, rest) = path.split_first()?;
        let mut cur = self.resolve_start(module, first, leading, fallback)?;
        for seg in rest {
            cur = self.step(&cur, seg)?;
        }
        Some(cur)
    }

    /// One step into `cur` by a path segment in the type namespace.
    fn step(&self, cur: &Target, seg: &str) -> Option<Target> {
        match cur {
            Target::Module(m) => match seg {
                "super" => self.parent(*m).map(Target::Module),
                _ => self.lookup(*m, seg, Ns::Type).map(|b| b.target.clone()),
            },
            Target::External(p) => {
                let mut p = p.clone();
                p.push(seg.to_string());
                Some(Target::External(p))
            }
            // Inside an item: enum variants (`use Enum::*`) and associated items.
            Target::Item(_) | Target::Variant => Some(Target::Variant),
        }
    }

    /// What a `use` path names, in each namespace where it names something.
    fn resolve_use_path(
        &self,
        module: ModId,
        leading: bool,
        path: &[String],
        fallback: bool,
    ) -> Option<Vec<(Ns, Target)>> {
        let (last, prefix) = path.split_last()?;
        if prefix.is_empty() {
            // `use name;` / `use name as other;`: a name in scope (every namespace
            // it has), a crate, or a path keyword.
            if !leading && !matches!(last.as_str(), "crate" | "self" | "super") {
                let found: Vec<(Ns, Target)> = ALL_NS
                    .iter()
                    .filter_map(|ns| {
                        self.lookup(module, last, *ns)
                            .map(|b| (*ns, b.target.clone()))
                    })
                    .collect();
                if !found.is_empty() {
                    return Some(found);
                }
            }
            return match self.resolve_start(module, last, leading, fallback)? {
                t @ Target::External(_) => Some(ALL_NS.iter().map(|ns| (*ns, t.clone())).collect()),
                t @ Target::Module(_) => Some(vec![(Ns::Type, t)]),
                _ => None,
            };
        }
        let cur = self.resolve_use_prefix(module, leading, prefix, fallback)?;
        match cur {
            Target::Module(m) => {
                if last == "super" {
                    return self.parent(m).map(|p| vec![(Ns::Type, Target::Module(p))]);
                }
                let found: Vec<(Ns, Target)> = ALL_NS
                    .iter()
                    .filter_map(|ns| self.lookup(m, last, *ns).map(|b| (*ns, b.target.clone())))
                    .collect();
                (!found.is_empty()).then_some(found)
            }
            Target::External(mut p) => {
                p.push(last.clone());
                Some(
                    ALL_NS
                        .iter()
                        .map(|ns| (*ns, Target::External(p.clone())))
                        .collect(),
                )
            }
            Target::Item(_) | Target::Variant => Some(vec![(Ns::Value, Target::Variant)]),
        }
    }

    /// Resolves a path written in `module` in the type namespace (a type, a trait,
    /// a module). `None` when its first segment is a single name found nowhere.
    pub(crate) fn resolve_type_path(
        &self,
        module: ModId,
        leading: bool,
        segs: &[String],
    ) -> Option<Target> {
        let (first, rest) = segs.split_first()?;
        let mut cur =
            if !leading && rest.is_empty() && !matches!(first.as_str(), "crate" | "self" | "super")
            {
                match self.lookup(module, first, Ns::Type) {
                    Some(b) => b.target.clone(),
                    None => return self.ext_glob_member(module, first).map(Target::External),
                }
            } else {
                self.resolve_start(module, first, leading, true)?
            };
        for seg in rest {
            cur = self.step(&cur, seg)?;
        }
        Some(cur)
    }

    /// What a path from the crate root names for another crate, through `pub`
    /// names only (the crate's public API), in the type namespace.
    pub(crate) fn resolve_public(&self, segs: &[String]) -> Option<Target> {
        let mut cur = Target::Module(0);
        for seg in segs {
            cur = match cur {
                Target::Module(m) => {
                    let b = self.lookup(m, seg, Ns::Type)?;
                    if b.vis != Vis::Pub {
                        return None;
                    }
                    b.target.clone()
                }
                Target::External(mut p) => {
                    p.push(seg.clone());
                    Target::External(p)
                }
                Target::Item(_) | Target::Variant => return None,
            };
        }
        Some(cur)
    }

    /// A name brought in by `use std::x::*` for the std modules whose types rsbind
    /// knows by name.
    fn ext_glob_member(&self, module: ModId, name: &str) -> Option<Vec<String>> {
        const MEMBERS: &[(&str, &[&str])] = &[
            (
                "collections",
                &[
                    "HashMap",
                    "BTreeMap",
                    "HashSet",
                    "BTreeSet",
                    "VecDeque",
                    "BinaryHeap",
                    "LinkedList",
                ],
            ),
            ("time", &["Duration", "SystemTime", "Instant"]),
            ("path", &["Path", "PathBuf"]),
            ("borrow", &["Cow", "Borrow", "ToOwned"]),
            ("rc", &["Rc", "Weak"]),
            ("sync", &["Arc", "Mutex", "RwLock", "Weak"]),
            (
                "io",
                &["Error", "ErrorKind", "Result", "Read", "Write", "BufRead"],
            ),
            (
                "fmt",
                &["Error", "Result", "Display", "Debug", "Formatter", "Write"],
            ),
            ("error", &["Error"]),
            (
                "sync::atomic",
                &[
                    "AtomicBool",
                    "AtomicI8",
                    "AtomicI16",
                    "AtomicI32",
                    "AtomicI64",
                    "AtomicIsize",
                    "AtomicU8",
                    "AtomicU16",
                    "AtomicU32",
                    "AtomicU64",
                    "AtomicUsize",
                    "AtomicPtr",
                    "Ordering",
                ],
            ),
            (
                "num",
                &[
                    "ParseIntError",
                    "ParseFloatError",
                    "NonZeroU32",
                    "NonZeroU64",
                    "NonZeroUsize",
                ],
            ),
        ];
        for glob in self.ext_globs.get(module)? {
            let Some((root, m)) = glob.split_first() else {
                continue;
            };
            if !matches!(root.as_str(), "std" | "core" | "alloc") {
                continue;
            }
            let m = m.join("::");
            if MEMBERS
                .iter()
                .any(|(gm, names)| *gm == m && names.contains(&name))
            {
                let mut p = glob.clone();
                p.push(name.to_string());
                return Some(p);
            }
        }
        None
    }
}

/// Where the public items are: the path by which each item can be named from
/// outside the crate, found breadth-first from the root (shortest first, source
/// order among equals).
#[derive(Default)]
pub(crate) struct PublicPaths {
    pub items: BTreeMap<ItemId, PublicPath>,
    pub modules: BTreeMap<ModId, PublicPath>,
    /// Public names that re-export another crate's item: (public path, external path, hidden).
    pub externals: Vec<(Vec<String>, Vec<String>, bool)>,
}

#[derive(Clone, Debug)]
pub(crate) struct PublicPath {
    pub segments: Vec<String>,
    /// `#[doc(hidden)]` on the item or on a `mod`/`use` on the way.
    pub hidden: bool,
}

impl PublicPath {
    pub(crate) fn joined(&self) -> String {
        self.segments.join("::")
    }
}

pub(crate) fn public_paths(scopes: &Scopes) -> PublicPaths {
    let mut out = PublicPaths::default();
    let mut queue = VecDeque::new();
    let mut seen_ext = BTreeSet::new();
    out.modules.insert(
        0,
        PublicPath {
            segments: Vec::new(),
            hidden: false,
        },
    );
    queue.push_back((0usize, Vec::<String>::new(), false));
    while let Some((module, prefix, hidden)) = queue.pop_front() {
        let Some(scope) = scopes.scopes.get(module) else {
            continue;
        };
        let mut bindings: Vec<(&(String, Ns), &Binding)> =
            scope.iter().filter(|(_, b)| b.vis == Vis::Pub).collect();
        bindings.sort_by(|a, b| (a.1.order, a.0).cmp(&(b.1.order, b.0)));
        for ((name, _), b) in bindings {
            let mut segments = prefix.clone();
            segments.push(name.clone());
            let hidden = hidden || b.hidden;
            match &b.target {
                Target::Module(m) => {
                    if !out.modules.contains_key(m) {
                        out.modules.insert(
                            *m,
                            PublicPath {
                                segments: segments.clone(),
                                hidden,
                            },
                        );
                        queue.push_back((*m, segments, hidden));
                    }
                }
                Target::Item(id) => {
                    // The first path found wins, unless it is hidden and this one is not.
                    match out.items.get(id) {
                        Some(found) if !found.hidden || hidden => {}
                        _ => {
                            out.items.insert(*id, PublicPath { segments, hidden });
                        }
                    }
                }
                Target::External(p) => {
                    if seen_ext.insert(segments.clone()) {
                        out.externals.push((segments, p.clone(), hidden));
                    }
                }
                Target::Variant => {}
            }
        }
    }
    out
}
