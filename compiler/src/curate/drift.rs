//! The drift check: does the file still describe the crate? Each bound item's
//! Rust side (signatures, field types, const types, class shapes) is compared
//! with what extract finds in the crate now; the Python side (names, docs,
//! defaults, skips) is the person's and never drift.

use super::{sig, type_args_suffix, Instantiate, What};
use crate::diag::Diagnostic;
use crate::idl::spans::{SpanIndex, Step};
use crate::idl::{Class, Constructor, Interface, Item, Receiver};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DriftKind {
    /// The crate's Rust side differs: both versions, as Rust (`fn f(a: i32) -> i32`).
    Changed { file: String, krate: String },
    /// The file binds something the crate does not have (any more, or ever: a
    /// typo), or no longer binds (the reason extract gives). `meant`: the crate's
    /// name of the same kind closest to the file's, for a "did you mean".
    Vanished {
        reason: Option<String>,
        meant: Option<String>,
    },
    /// An instantiation the crate no longer allows.
    Invalid { reason: String },
    /// A `skipped` entry of the file names nothing the crate has (a typo, or
    /// gone): harmless, a warning. `meant`: the crate's nearest path.
    UnknownSkip { meant: Option<String> },
    /// The crate has it and the file neither binds nor skips it. `needed`: the
    /// bindings cannot compile without it (a variant of a bound enum, a field of a
    /// class built from its fields), an error; otherwise a warning.
    New { needed: bool },
}

/// One difference between the file and the crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    pub kind: DriftKind,
    pub what: What,
    /// Where in the file: a value path for [`SpanIndex`].
    pub at: Vec<Step<'static>>,
}

impl Drift {
    pub fn is_error(&self) -> bool {
        !matches!(
            self.kind,
            DriftKind::New { needed: false } | DriftKind::UnknownSkip { .. }
        )
    }
}

/// Compares `file` with `fresh` (extract's interface of the crate now); an
/// instantiation is only checked for its generic item. See [`drift_with`].
pub fn drift(file: &Interface, fresh: &Interface) -> Vec<Drift> {
    drift_with(file, fresh, &|_, _| None)
}

/// Compares `file` with `fresh`; instantiations are compared with what
/// `instantiate` gives. In file order: the file's items, then what the crate has
/// that the file does not.
pub fn drift_with(file: &Interface, fresh: &Interface, instantiate: Instantiate) -> Vec<Drift> {
    let instantiate = super::only_own(fresh, instantiate);
    let instantiate: Instantiate = &instantiate;
    let mut fresh_items = BTreeMap::new();
    index(&fresh.items, &mut fresh_items);
    let mut file_items = BTreeMap::new();
    index(&file.items, &mut file_items);
    let mut cx = Cx {
        fresh: fresh_items,
        file_items,
        file_skips: file.skipped.iter().map(|s| s.path.as_str()).collect(),
        fresh_skips: fresh.skipped.iter().fold(BTreeMap::new(), |mut m, s| {
            m.entry(s.path.as_str())
                .or_insert_with(Vec::new)
                .push((s.kind.as_str(), s.reason.as_str()));
            m
        }),
        module_lists: BTreeMap::new(),
        instantiate,
        out: Vec::new(),
    };
    let items_at = vec![Step::Field("items")];
    cx.module_lists.insert(String::new(), items_at.clone());
    cx.items(&file.items, &items_at);
    cx.new_items(&fresh.items, "");
    cx.unknown_skips(file, fresh);
    cx.out
}

/// Every path the crate's interface names: items, class members (as `skipped`
/// entries write them), and its own skipped entries.
fn known_paths(items: &[Item], out: &mut BTreeSet<String>) {
    for item in items {
        out.insert(item.path().to_string());
        match item {
            Item::Module(m) => known_paths(&m.items, out),
            Item::Class(c) => {
                out.extend(c.fields.iter().map(|f| format!("{}.{}", c.path, f.rust)));
                out.extend(c.variants.iter().map(|v| format!("{}::{}", c.path, v.rust)));
                out.extend(c.methods.iter().map(|m| m.path_in(&c.path)));
                if let Constructor::Method(m) = &c.constructor {
                    out.insert(m.path_in(&c.path));
                }
                out.extend(c.consts.iter().map(|k| k.path.clone()));
            }
            _ => {}
        }
    }
}

type Path = Vec<Step<'static>>;
type Ident = (&'static str, String);

fn with(path: &Path, steps: &[Step<'static>]) -> Path {
    let mut p = path.clone();
    p.extend_from_slice(steps);
    p
}

/// Non-instantiations by (kind, path), in any module.
fn index<'a>(items: &'a [Item], out: &mut BTreeMap<Ident, &'a Item>) {
    for item in items {
        let generic = match item {
            Item::Function(f) => !f.type_args.is_empty(),
            Item::Class(c) => c.is_instance(),
            _ => false,
        };
        if !generic {
            out.entry(super::identity(item)).or_insert(item);
        }
        if let Item::Module(m) = item {
            index(&m.items, out);
        }
    }
}

struct Cx<'a> {
    fresh: BTreeMap<Ident, &'a Item>,
    file_items: BTreeMap<Ident, &'a Item>,
    file_skips: BTreeSet<&'a str>,
    /// The crate's skipped entries: path → [(kind, reason)].
    fresh_skips: BTreeMap<&'a str, Vec<(&'a str, &'a str)>>,
    /// Where the file lists each of its modules' items.
    module_lists: BTreeMap<String, Path>,
    instantiate: Instantiate<'a>,
    out: Vec<Drift>,
}

impl<'a> Cx<'a> {
    fn push(&mut self, kind: DriftKind, what: What, at: Path) {
        self.out.push(Drift { kind, what, at });
    }

    fn changed(&mut self, what: What, at: Path, file: String, krate: String) {
        self.push(DriftKind::Changed { file, krate }, what, at);
    }

    /// `name` and `candidates`: the file's name of it and the crate's names of the
    /// same kind, for a "did you mean".
    fn vanished<'c>(
        &mut self,
        what: What,
        at: Path,
        path: &str,
        name: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) {
        let reason = self
            .fresh_skips
            .get(path)
            .and_then(|v| v.first())
            .map(|(_, r)| r.to_string());
        let meant = crate::diag::did_you_mean(name, candidates).map(str::to_string);
        self.push(DriftKind::Vanished { reason, meant }, what, at);
    }

    /// The paths of the crate's skipped entries of one kind (its generic items).
    fn skipped_paths(&self, kind: &str) -> Vec<String> {
        self.fresh_skips
            .iter()
            .filter(|(_, v)| v.iter().any(|(k, _)| *k == kind))
            .map(|(p, _)| p.to_string())
            .collect()
    }

    /// The crate's item paths of one kind.
    fn fresh_paths(&self, kind: &str) -> Vec<String> {
        self.fresh
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, p)| p.clone())
            .collect()
    }

    fn items(&mut self, items: &'a [Item], list: &Path) {
        for (i, item) in items.iter().enumerate() {
            let at = with(list, &[Step::Index(i)]);
            let path_at = with(&at, &[Step::Field("path")]);
            let what = What::of_item(item);
            if let Item::Function(f) = item {
                if !f.type_args.is_empty() {
                    self.instantiation(
                        what,
                        path_at,
                        &f.path,
                        "fn",
                        &f.type_args,
                        (Receiver::None, &f.params, &f.ret),
                    );
                    continue;
                }
            }
            if let Item::Class(c) = item {
                // An instantiation of a generic struct holds while the struct exists;
                // its members are the crate's, read through `instantiate_class`.
                if c.is_instance() {
                    if !self
                        .fresh_skips
                        .get(c.path.as_str())
                        .is_some_and(|k| k.iter().any(|(kind, _)| *kind == "struct"))
                    {
                        let generics = self.skipped_paths("struct");
                        let generics = generics.iter().map(String::as_str);
                        self.vanished(what, path_at, item.path(), &c.path, generics);
                    }
                    continue;
                }
            }
            let Some(&fresh) = self.fresh.get(&super::identity(item)) else {
                let (kind, id) = super::identity(item);
                let paths = self.fresh_paths(kind);
                self.vanished(
                    what,
                    path_at,
                    item.path(),
                    &id,
                    paths.iter().map(String::as_str),
                );
                continue;
            };
            match (item, fresh) {
                (Item::Module(m), _) => {
                    let items_at = with(&at, &[Step::Field("items")]);
                    self.module_lists
                        .entry(m.path.clone())
                        .or_insert(items_at.clone());
                    self.items(&m.items, &items_at);
                }
                (Item::Function(o), Item::Function(n)) => {
                    if !sig::same_params(&o.params, &n.params) || !sig::same_ty(&o.ret, &n.ret) {
                        self.changed(
                            what,
                            path_at,
                            sig::fn_text(&o.path, Receiver::None, &o.params, &o.ret),
                            sig::fn_text(&n.path, Receiver::None, &n.params, &n.ret),
                        );
                    }
                }
                (Item::Const(o), Item::Const(n)) => {
                    if !sig::same_ty(&o.ty, &n.ty) {
                        self.changed(
                            what,
                            with(&at, &[Step::Field("ty")]),
                            format!("const {}: {}", o.path, o.ty),
                            format!("const {}: {}", n.path, n.ty),
                        );
                    }
                }
                (Item::Class(o), Item::Class(n)) => self.class(o, n, &at),
                (Item::Trait(o), Item::Trait(n)) => {
                    let text = |t: &crate::idl::Trait| {
                        let methods: Vec<String> = t
                            .methods
                            .iter()
                            .map(|m| {
                                let default = if t.provided.contains(&m.rust) {
                                    " { .. }"
                                } else {
                                    ";"
                                };
                                let f = sig::fn_text(&m.rust, m.receiver, &m.params, &m.ret);
                                format!("{f}{default}")
                            })
                            .collect();
                        format!("trait {} {{ {} }}", t.path, methods.join(" "))
                    };
                    let same = o.methods.len() == n.methods.len()
                        && o.provided == n.provided
                        && o.methods.iter().zip(&n.methods).all(|(a, b)| {
                            a.rust == b.rust
                                && a.receiver == b.receiver
                                && sig::same_ty(&a.ret, &b.ret)
                                && a.params.len() == b.params.len()
                                && a.params
                                    .iter()
                                    .zip(&b.params)
                                    .all(|(x, y)| sig::same_ty(&x.ty, &y.ty))
                        });
                    if !same {
                        self.changed(what, with(&at, &[Step::Field("methods")]), text(o), text(n));
                    }
                }
                (o, n) => {
                    let text = |i: &Item| match i {
                        Item::Static(v) => format!("static {}: {}", v.path, v.ty),
                        Item::LiveStatic(v) => {
                            format!("static {}: {} ({})", v.path, v.ty, sig::cell_word(v.cell))
                        }
                        other => format!("{} {}", other.kind(), other.path()),
                    };
                    let same = match (o, n) {
                        (Item::Static(a), Item::Static(b)) => sig::same_ty(&a.ty, &b.ty),
                        (Item::LiveStatic(a), Item::LiveStatic(b)) => {
                            sig::same_ty(&a.ty, &b.ty) && a.cell == b.cell
                        }
                        _ => false,
                    };
                    if !same {
                        self.changed(what, with(&at, &[Step::Field("ty")]), text(o), text(n));
                    }
                }
            }
        }
    }

    /// An instantiation: its generic item must still exist; when `instantiate`
    /// can tell, its signature must be the instantiated one.
    fn instantiation(
        &mut self,
        what: What,
        at: Path,
        generic: &str,
        kind: &str,
        type_args: &[String],
        file: (Receiver, &[crate::idl::Param], &str),
    ) {
        let exists = self
            .fresh_skips
            .get(generic)
            .is_some_and(|v| v.iter().any(|(k, _)| *k == kind));
        if !exists {
            let generics = self.skipped_paths(kind);
            let meant = crate::diag::did_you_mean(generic, generics.iter().map(String::as_str))
                .map(str::to_string);
            self.push(
                DriftKind::Vanished {
                    reason: None,
                    meant,
                },
                what,
                at,
            );
            return;
        }
        match (self.instantiate)(generic, type_args) {
            None => {}
            Some(Err(reason)) => self.push(DriftKind::Invalid { reason }, what, at),
            Some(Ok(inst)) => {
                let (recv, params, ret) = file;
                if !sig::same_params(params, &inst.params) || !sig::same_ty(ret, &inst.ret) {
                    let path = what.path.clone();
                    self.changed(
                        what,
                        at,
                        sig::fn_text(&path, recv, params, ret),
                        sig::fn_text(&path, recv, &inst.params, &inst.ret),
                    );
                }
            }
        }
    }

    fn class(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        let what = What::new("class", o.path.clone());
        if o.shape != n.shape {
            self.changed(
                what.clone(),
                with(at, &[Step::Field("shape")]),
                format!("{} {}", sig::shape_word(o.shape), o.path),
                format!("{} {}", sig::shape_word(n.shape), n.path),
            );
        }
        let lost: Vec<&String> = o.traits.iter().filter(|t| !n.traits.contains(t)).collect();
        if !lost.is_empty() {
            self.changed(
                What::new("traits of class", o.path.clone()),
                with(at, &[Step::Field("traits")]),
                format!("{}: {}", o.path, o.traits.join(" + ")),
                format!("{}: {}", n.path, n.traits.join(" + ")),
            );
        }
        self.class_fields(o, n, at);
        self.class_variants(o, n, at);
        self.class_constructor(o, n, at);
        self.class_methods(o, n, at);
        self.class_consts(o, n, at);
    }

    /// The fields: vanished, changed, new (needed when the class is built from its fields).
    fn class_fields(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        for (j, f) in o.fields.iter().enumerate() {
            let fat = with(at, &[Step::Field("fields"), Step::Index(j)]);
            let fwhat = What::new("field", format!("{}.{}", o.path, f.rust));
            match n.fields.iter().find(|x| x.rust == f.rust) {
                None => {
                    let path = fwhat.path.clone();
                    let names = n.fields.iter().map(|x| x.rust.as_str());
                    self.vanished(fwhat, fat, &path, &f.rust, names);
                }
                Some(nf) if !sig::same_ty(&f.ty, &nf.ty) => self.changed(
                    fwhat.clone(),
                    with(&fat, &[Step::Field("ty")]),
                    format!("{}: {}", fwhat.path, f.ty),
                    format!("{}: {}", fwhat.path, nf.ty),
                ),
                Some(_) => {}
            }
        }
        let builds_from_fields = o.constructor == Constructor::Fields;
        for nf in &n.fields {
            let fwhat = What::new("field", format!("{}.{}", o.path, nf.rust));
            if !o.fields.iter().any(|f| f.rust == nf.rust)
                && !self.file_skips.contains(fwhat.path.as_str())
            {
                let at = self.list_anchor(at, "fields");
                self.push(
                    DriftKind::New {
                        needed: builds_from_fields,
                    },
                    fwhat,
                    at,
                );
            }
        }
    }

    /// The variants: vanished, changed, new (a new variant is needed: Python must know it).
    fn class_variants(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        for (j, v) in o.variants.iter().enumerate() {
            let vat = with(at, &[Step::Field("variants"), Step::Index(j)]);
            let vwhat = What::new("variant", format!("{}::{}", o.path, v.rust));
            match n.variants.iter().find(|x| x.rust == v.rust) {
                None => {
                    let path = vwhat.path.clone();
                    let names = n.variants.iter().map(|x| x.rust.as_str());
                    self.vanished(vwhat, vat, &path, &v.rust, names);
                }
                Some(nv) if !sig::same_variant(v, nv) => self.changed(
                    vwhat,
                    vat,
                    format!("{}::{}", o.path, sig::variant_text(v)),
                    format!("{}::{}", o.path, sig::variant_text(nv)),
                ),
                Some(_) => {}
            }
        }
        for nv in &n.variants {
            if !o.variants.iter().any(|v| v.rust == nv.rust) {
                let at = self.list_anchor(at, "variants");
                self.push(
                    DriftKind::New { needed: true },
                    What::new("variant", format!("{}::{}", o.path, nv.rust)),
                    at,
                );
            }
        }
    }

    /// The constructor: its signature, or that it vanished or stopped being one.
    fn class_constructor(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        if let Constructor::Method(om) = &o.constructor {
            let cat = with(at, &[Step::Field("constructor")]);
            let cwhat = What::new("constructor", om.path_in(&o.path));
            match &n.constructor {
                Constructor::Method(nm) if nm.same_member(om) => {
                    self.method_sig(cwhat, cat, &o.path, om, nm);
                }
                _ => {
                    let path = om.path_in(&o.path);
                    match n.methods.iter().find(|m| m.same_member(om)) {
                        // Still there, but no longer a constructor (it stopped
                        // returning `Self`): its signature says how.
                        Some(nm) => self.method_sig(cwhat, cat, &o.path, om, nm),
                        None => {
                            let names = n.methods.iter().map(|x| x.rust.as_str());
                            self.vanished(cwhat, cat, &path, &om.rust, names)
                        }
                    }
                }
            }
        }
    }

    /// The methods, instantiations of generic ones included.
    fn class_methods(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        for (j, m) in o.methods.iter().enumerate() {
            let mat = with(
                at,
                &[Step::Field("methods"), Step::Index(j), Step::Field("rust")],
            );
            let mwhat = What::new(
                "method",
                format!("{}{}", m.path_in(&o.path), type_args_suffix(&m.type_args)),
            );
            if !m.type_args.is_empty() {
                let generic = super::generic_method_path(o, &m.rust);
                self.instantiation(
                    mwhat,
                    mat,
                    &generic,
                    "method",
                    &m.type_args,
                    (m.receiver, &m.params, &m.ret),
                );
                continue;
            }
            let found = n
                .methods
                .iter()
                .find(|x| x.same_member(m))
                .or(match &n.constructor {
                    Constructor::Method(c) if c.same_member(m) => Some(c),
                    _ => None,
                });
            match found {
                None => {
                    let path = m.path_in(&o.path);
                    let names = n.methods.iter().map(|x| x.rust.as_str());
                    self.vanished(mwhat, mat, &path, &m.rust, names);
                }
                Some(nm) => self.method_sig(mwhat, mat, &o.path, m, nm),
            }
        }
        for nm in &n.methods {
            let path = nm.path_in(&o.path);
            let in_file = o
                .methods
                .iter()
                .any(|m| m.same_member(nm) && m.type_args == nm.type_args)
                || matches!(&o.constructor, Constructor::Method(c) if c.same_member(nm));
            if !in_file && !self.file_skips.contains(path.as_str()) {
                let at = self.list_anchor(at, "methods");
                self.push(
                    DriftKind::New { needed: false },
                    What::new("method", path),
                    at,
                );
            }
        }
    }

    /// The associated consts.
    fn class_consts(&mut self, o: &'a Class, n: &'a Class, at: &Path) {
        for (j, k) in o.consts.iter().enumerate() {
            let kat = with(at, &[Step::Field("consts"), Step::Index(j)]);
            let kwhat = What::new("const", k.path.clone());
            match n.consts.iter().find(|x| x.path == k.path) {
                None => {
                    let path = k.path.clone();
                    let paths = n.consts.iter().map(|x| x.path.as_str());
                    self.vanished(kwhat, kat, &path, &k.path, paths);
                }
                Some(nk) if !sig::same_ty(&k.ty, &nk.ty) => self.changed(
                    kwhat,
                    with(&kat, &[Step::Field("ty")]),
                    format!("const {}: {}", k.path, k.ty),
                    format!("const {}: {}", nk.path, nk.ty),
                ),
                Some(_) => {}
            }
        }
        for nk in &n.consts {
            if !o.consts.iter().any(|k| k.path == nk.path)
                && !self.file_skips.contains(nk.path.as_str())
            {
                let at = self.list_anchor(at, "consts");
                self.push(
                    DriftKind::New { needed: false },
                    What::new("const", nk.path.clone()),
                    at,
                );
            }
        }
    }

    fn method_sig(
        &mut self,
        what: What,
        at: Path,
        class: &str,
        o: &crate::idl::Method,
        n: &crate::idl::Method,
    ) {
        if o.receiver != n.receiver
            || !sig::same_params(&o.params, &n.params)
            || !sig::same_ty(&o.ret, &n.ret)
        {
            let path = format!("{class}::{}", o.rust);
            self.changed(
                what,
                at,
                sig::fn_text(&path, o.receiver, &o.params, &o.ret),
                sig::fn_text(&path, n.receiver, &n.params, &n.ret),
            );
        }
    }

    /// Where to point at a member the file lacks: the class's list of them.
    fn list_anchor(&self, class_at: &Path, list: &'static str) -> Path {
        with(class_at, &[Step::Field(list)])
    }

    /// The file's `skipped` entries that name nothing in the crate.
    fn unknown_skips(&mut self, file: &'a Interface, fresh: &'a Interface) {
        let mut known = BTreeSet::new();
        known_paths(&fresh.items, &mut known);
        known.extend(fresh.skipped.iter().map(|s| s.path.clone()));
        for (i, skip) in file.skipped.iter().enumerate() {
            if known.contains(&skip.path) {
                continue;
            }
            let meant = crate::diag::did_you_mean(&skip.path, known.iter().map(String::as_str))
                .map(str::to_string);
            self.push(
                DriftKind::UnknownSkip { meant },
                What::new("skipped entry", skip.path.clone()),
                vec![Step::Field("skipped"), Step::Index(i), Step::Field("path")],
            );
        }
    }

    /// What the crate binds that the file neither binds nor skips.
    fn new_items(&mut self, items: &'a [Item], module: &str) {
        for item in items {
            if matches!(item, Item::Function(f) if !f.type_args.is_empty()) {
                continue;
            }
            let known = self.file_items.contains_key(&super::identity(item));
            if known {
                if let Item::Module(m) = item {
                    self.new_items(&m.items, &m.path);
                }
                continue;
            }
            if self.file_skips.contains(item.path()) {
                continue;
            }
            let at = self
                .module_lists
                .get(module)
                .or_else(|| self.module_lists.get(""))
                .cloned()
                .unwrap_or_default();
            self.push(DriftKind::New { needed: false }, What::of_item(item), at);
        }
    }
}

/// The drifts as diagnostics located in the file's `text` (shown as
/// `file_name`); `update` is the command that updates the file.
pub fn drift_diagnostics(
    drifts: &[Drift],
    text: &str,
    file_name: &str,
    update: &str,
) -> Vec<Diagnostic> {
    let index = SpanIndex::new(text);
    let help = format!("run `{update}` to update the file (your edits are kept)");
    drifts
        .iter()
        .map(|d| {
            let mut span = index.span(&d.at);
            let what = d.what.quoted();
            let (diag, label) = match &d.kind {
                DriftKind::Changed { file, krate } => (
                    Diagnostic::error(format!(
                        "{what} changed in the crate: the crate now has `{krate}`, the file says `{file}`"
                    )),
                    "the file's version".to_string(),
                ),
                // The file cannot tell a name the crate dropped from a typo.
                DriftKind::Vanished { reason: None, meant } => {
                    let diag = Diagnostic::error(format!("{what} is not in the crate"));
                    let diag = match meant {
                        Some(m) => diag.help(format!("did you mean `{m}`?")),
                        None => diag,
                    };
                    (diag, "not in the crate".to_string())
                }
                DriftKind::Vanished {
                    reason: Some(reason),
                    ..
                } => (
                    Diagnostic::error(format!(
                        "{what} can no longer be bound: {reason}"
                    )),
                    "not bindable any more".to_string(),
                ),
                DriftKind::UnknownSkip { meant } => {
                    let diag = Diagnostic::warning(format!("{what} names nothing in the crate"));
                    let diag = match meant {
                        Some(m) => diag.help(format!("did you mean `{m}`?")),
                        None => diag,
                    };
                    (diag, "not in the crate".to_string())
                }
                DriftKind::Invalid { reason } => (
                    Diagnostic::error(format!("{what} is not a valid instantiation: {reason}")),
                    "this instantiation".to_string(),
                ),
                DriftKind::New { needed } => {
                    // Point at the list's opening bracket, not at the whole list.
                    span = span.start..(span.start + 1).min(text.len()).max(span.start);
                    let diag = if *needed {
                        Diagnostic::error(format!(
                            "{what} is in the crate but not in the interface file, and the bindings need it"
                        ))
                    } else {
                        Diagnostic::warning(format!(
                            "{what} is in the crate but not in the interface file yet"
                        ))
                    };
                    (diag, "not listed here".to_string())
                }
            };
            diag.at(file_name, span, label).help(help.clone())
        })
        .collect()
}
