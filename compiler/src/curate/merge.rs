//! Re-extraction onto an existing file: the crate's current interface with the
//! person's edits carried over.

use super::comments::collect_comments;
use super::{
    default_name, last_segment, sig, type_args_suffix, Instantiate, InstantiateClass, Summary, What,
};
use crate::idl::comments::Comments;
use crate::idl::{
    self, Class, Constructor, Field, Function, Interface, Item, Method, Module, Param, Receiver,
    Value, Variant,
};
use std::collections::{BTreeMap, BTreeSet};

/// The file to write after a re-extraction, and what changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub interface: Interface,
    pub summary: Summary,
    /// The old file's comments that still have a place in `interface`: print it
    /// with [`idl::print_with_comments`].
    pub comments: Comments,
    /// Warnings of the instantiations that were refreshed.
    pub warnings: Vec<String>,
}

/// Merges `fresh` (what extract finds in the crate now) with `old` (the file, read
/// from `old_text`), without refreshing instantiations: they are kept as written
/// while their generic item exists. See [`merge_with`].
pub fn merge(old: &Interface, old_text: &str, fresh: &Interface) -> Merged {
    merge_with(old, old_text, fresh, &|_, _| None)
}

/// Merges `fresh` with `old`:
/// - the crate's signatures, docs, shapes, traits and skipped entries win;
/// - the person's names, `doc_override`s, `release_gil`s, parameter names (while
///   the parameters keep their number and types; else matched by name) and
///   defaults, item order, and skips (an item the crate binds that the file lists
///   in `skipped` stays skipped) are kept;
/// - instantiations are kept while their generic item exists, with the signature
///   `instantiate` gives;
/// - new items go after the existing ones of their module, in the crate's order;
/// - items that vanished are removed, and their curation is reported as dropped.
pub fn merge_with(
    old: &Interface,
    old_text: &str,
    fresh: &Interface,
    instantiate: Instantiate,
) -> Merged {
    merge_with_classes(old, old_text, fresh, instantiate, None)
}

/// [`merge_with`], refreshing the instantiations of generic structs too.
pub fn merge_with_classes(
    old: &Interface,
    old_text: &str,
    fresh: &Interface,
    instantiate: Instantiate,
    instantiate_class: Option<InstantiateClass>,
) -> Merged {
    let instantiate = super::only_own(fresh, instantiate);
    let mut cx = Cx::new(old, fresh, &instantiate);
    cx.instantiate_class = instantiate_class;
    let mut items = cx.merge_items(&old.items);
    let mut new_items = Vec::new();
    cx.collect_new(&fresh.items, "", &mut new_items);
    for (parent, item) in new_items {
        // After the existing items of its module (wherever the person put it).
        match find_module(&mut items, &parent) {
            Some(m) if !parent.is_empty() => m.items.push(item),
            _ => items.push(item),
        }
    }
    let mut skipped = fresh.skipped.clone();
    let fresh_skipped: BTreeSet<&str> = fresh.skipped.iter().map(|s| s.path.as_str()).collect();
    for s in &old.skipped {
        if cx.kept_skips.contains(&s.path) && !fresh_skipped.contains(s.path.as_str()) {
            skipped.push(s.clone());
        }
    }
    skipped.sort_by(|a, b| (&a.path, &a.kind, &a.reason).cmp(&(&b.path, &b.kind, &b.reason)));
    skipped.dedup();
    let interface = Interface {
        format: fresh.format,
        module: old.module.clone(),
        krate: fresh.krate.clone(),
        doc: fresh.doc.clone(),
        items,
        skipped,
    };
    let (mut comments, descriptions) = collect_comments(old, old_text);
    for key in idl::unprinted_comments(&interface, &comments) {
        if let Some(lines) = comments.before.remove(&key) {
            let first = lines
                .iter()
                .find(|l| !l.is_empty())
                .cloned()
                .unwrap_or_default();
            let what = descriptions
                .get(owner_key(&key, &descriptions))
                .cloned()
                .unwrap_or_else(|| format!("`{key}`"));
            cx.summary.dropped_curation.push(format!(
                "curation dropped because its item vanished: comment on {what}: `{first}`"
            ));
        }
    }
    Merged {
        interface,
        summary: cx.summary,
        comments,
        warnings: cx.warnings,
    }
}

/// The key of the value a comment key belongs to: `function:f/.name` → `function:f`.
fn owner_key<'k>(key: &'k str, descriptions: &BTreeMap<String, String>) -> &'k str {
    let mut k = key;
    loop {
        if descriptions.contains_key(k) {
            return k;
        }
        match k.rfind('/') {
            Some(i) => k = &k[..i],
            None => return key,
        }
    }
}

/// An item's identity (see [`super::identity`]).
type Ident = (&'static str, String);

fn ident(item: &Item) -> Ident {
    super::identity(item)
}

struct Cx<'a> {
    /// Every item of the crate (in any module) by identity; the first of equals.
    fresh: BTreeMap<Ident, &'a Item>,
    /// The crate's items met in the file.
    used: BTreeSet<Ident>,
    /// The file's skipped entries, by path.
    old_skips: BTreeSet<&'a str>,
    /// What the crate has but does not bind (generic functions among them): (path, kind).
    fresh_skips: BTreeSet<(&'a str, &'a str)>,
    /// Skipped entries of the file that keep items the crate binds out of Python.
    kept_skips: BTreeSet<String>,
    instantiate: Instantiate<'a>,
    instantiate_class: Option<InstantiateClass<'a>>,
    summary: Summary,
    warnings: Vec<String>,
}

fn index_items<'a>(items: &'a [Item], out: &mut BTreeMap<Ident, &'a Item>) {
    for item in items {
        out.entry(ident(item)).or_insert(item);
        if let Item::Module(m) = item {
            index_items(&m.items, out);
        }
    }
}

impl<'a> Cx<'a> {
    fn new(old: &'a Interface, fresh: &'a Interface, instantiate: Instantiate<'a>) -> Cx<'a> {
        let mut index = BTreeMap::new();
        index_items(&fresh.items, &mut index);
        Cx {
            fresh: index,
            used: BTreeSet::new(),
            old_skips: old.skipped.iter().map(|s| s.path.as_str()).collect(),
            fresh_skips: fresh
                .skipped
                .iter()
                .map(|s| (s.path.as_str(), s.kind.as_str()))
                .collect(),
            kept_skips: BTreeSet::new(),
            instantiate,
            instantiate_class: None,
            summary: Summary::default(),
            warnings: Vec::new(),
        }
    }

    fn changed(&mut self, what: impl ToString, old: String, new: String) {
        self.summary.changed.push((what.to_string(), old, new));
    }

    fn vanished_curation(&mut self, text: String) {
        self.summary.dropped_curation.push(format!(
            "curation dropped because its item vanished: {text}"
        ));
    }

    fn dropped(&mut self, text: String) {
        self.summary
            .dropped_curation
            .push(format!("curation dropped: {text}"));
    }

    /// Whether the crate's skipped entry for `path` is there: a generic function
    /// still exists.
    fn generic_exists(&self, path: &str, kind: &str) -> bool {
        self.fresh_skips.contains(&(path, kind))
    }

    /// A binding the crate offers that the file skips: it stays skipped.
    fn keep_skipped(&mut self, path: &str, what: String) -> bool {
        if self.old_skips.contains(path) {
            self.kept_skips.insert(path.to_string());
            self.summary.kept_skipped.push(what);
            true
        } else {
            false
        }
    }

    // ---- items ----

    fn merge_items(&mut self, old_items: &[Item]) -> Vec<Item> {
        let mut out = Vec::new();
        for item in old_items {
            let id = ident(item);
            match item {
                Item::Function(f) if !f.type_args.is_empty() => {
                    // The crate may list it too (an instantiation extraction wrote).
                    self.used.insert(id);
                    if let Some(f) = self.instantiation_fn(f) {
                        out.push(Item::Function(f));
                    }
                }
                Item::Class(c) if c.is_instance() => {
                    self.used.insert(id);
                    if let Some(c) = self.instantiation_class(c) {
                        out.push(Item::Class(c));
                    }
                }
                Item::Module(m) => match self.fresh.get(&id).copied() {
                    Some(Item::Module(fm)) => {
                        self.used.insert(id);
                        let items = self.merge_items(&m.items);
                        out.push(Item::Module(Module {
                            name: m.name.clone(),
                            path: fm.path.clone(),
                            doc: fm.doc.clone(),
                            doc_override: m.doc_override.clone(),
                            items,
                        }));
                    }
                    _ => self.vanished(item),
                },
                _ => match self.fresh.get(&id).copied() {
                    Some(fi) => {
                        self.used.insert(id);
                        out.push(self.merge_item(item, fi));
                    }
                    None => self.vanished(item),
                },
            }
        }
        out
    }

    /// The crate's items that the file does not have, each with the path of the
    /// module it goes into (`""`: the top), in the crate's order.
    fn collect_new(
        &mut self,
        fresh_items: &'a [Item],
        parent: &str,
        out: &mut Vec<(String, Item)>,
    ) {
        for fi in fresh_items {
            let id = ident(fi);
            if self.used.contains(&id) {
                if let Item::Module(fm) = fi {
                    self.collect_new(&fm.items, &fm.path, out);
                }
                continue;
            }
            self.used.insert(id);
            let what = What::of_item(fi);
            if self.keep_skipped(fi.path(), what.to_string()) {
                continue;
            }
            self.summary.added.push(what.to_string());
            match fi {
                Item::Module(fm) => {
                    let mut inner = Vec::new();
                    self.collect_new(&fm.items, &fm.path, &mut inner);
                    let items = inner.into_iter().map(|(_, item)| item).collect();
                    out.push((
                        parent.to_string(),
                        Item::Module(Module {
                            items,
                            ..fm.clone()
                        }),
                    ));
                }
                other => out.push((parent.to_string(), other.clone())),
            }
        }
    }

    /// An item that vanished from the crate: removed, and its curation reported.
    fn vanished(&mut self, item: &Item) {
        let what = What::of_item(item);
        self.summary.removed.push(what.to_string());
        self.curation_of(item);
        if let Item::Module(m) = item {
            for i in &m.items {
                if let Item::Function(f) = i {
                    if !f.type_args.is_empty() {
                        self.curation_of(i);
                        continue;
                    }
                }
                self.vanished(i);
            }
        }
    }

    /// Reports the curation of a vanished item (not of a module's items).
    fn curation_of(&mut self, item: &Item) {
        let what = What::of_item(item);
        match item {
            Item::Function(f) if !f.type_args.is_empty() => {
                self.vanished_curation(format!("instantiation `{}` as `{}`", what.path, f.name))
            }
            Item::Function(f) => {
                // An extension function's own name may carry its trait and type
                // (`unicode_width_str_width` for `<str as UnicodeWidthStr>::width`).
                let method = last_segment(&f.path);
                let extracted = f.path.starts_with('<') && f.name.contains(method);
                let rust = if extracted { f.name.as_str() } else { method };
                self.name_curation(&what, &f.name, rust);
                self.fn_curation(&what, &f.doc_override, f.release_gil, &f.params);
            }
            Item::Const(v) | Item::Static(v) => self.value_curation(v),
            Item::LiveStatic(v) => {
                self.name_curation(&what, &v.name, last_segment(&v.path));
                self.doc_curation(&what, &v.doc_override);
            }
            Item::Module(m) => {
                self.name_curation(&what, &m.name, last_segment(&m.path));
                self.doc_curation(&what, &m.doc_override);
            }
            Item::Class(c) => self.class_curation(c),
            Item::Trait(t) => {
                self.name_curation(&what, &t.name, last_segment(&t.path));
                self.doc_curation(&what, &t.doc_override);
            }
        }
    }

    fn name_curation(&mut self, what: &What, name: &str, rust: &str) {
        if name != default_name(rust) {
            self.vanished_curation(format!("rename of {} to `{name}`", what.quoted()));
        }
    }

    fn doc_curation(&mut self, what: &What, doc_override: &Option<String>) {
        if doc_override.is_some() {
            self.vanished_curation(format!("doc override of {}", what.quoted()));
        }
    }

    fn fn_curation(
        &mut self,
        what: &What,
        doc_override: &Option<String>,
        release_gil: bool,
        params: &[Param],
    ) {
        self.doc_curation(what, doc_override);
        if release_gil {
            self.vanished_curation(format!("release_gil of {}", what.quoted()));
        }
        for p in params {
            if let Some(d) = &p.default {
                self.vanished_curation(format!(
                    "default `{d}` of parameter `{}` of {}",
                    p.name,
                    what.quoted()
                ));
            }
        }
    }

    fn value_curation(&mut self, v: &Value) {
        let what = What::new("const", v.path.clone());
        self.name_curation(&what, &v.name, last_segment(&v.path));
        self.doc_curation(&what, &v.doc_override);
    }

    fn method_curation(&mut self, class: &Class, m: &Method) {
        let what = method_what(class, m);
        if !m.type_args.is_empty() {
            self.vanished_curation(format!("instantiation `{}` as `{}`", what.path, m.name));
            return;
        }
        self.name_curation(&what, &m.name, &m.rust);
        self.fn_curation(&what, &m.doc_override, m.release_gil, &m.params);
    }

    fn field_curation(&mut self, owner: &str, f: &Field) {
        let what = What::new("field", format!("{owner}.{}", f.rust));
        self.name_curation(&what, &f.name, &f.rust);
        self.doc_curation(&what, &f.doc_override);
    }

    fn variant_curation(&mut self, class: &Class, v: &Variant) {
        let what = What::new("variant", format!("{}::{}", class.path, v.rust));
        self.name_curation(&what, &v.name, &v.rust);
        self.doc_curation(&what, &v.doc_override);
        for f in &v.fields {
            self.field_curation(&what.path, f);
        }
    }

    fn class_curation(&mut self, c: &Class) {
        let what = What::new("class", c.path.clone());
        self.name_curation(&what, &c.name, last_segment(&c.path));
        self.doc_curation(&what, &c.doc_override);
        if let Constructor::Method(m) = &c.constructor {
            self.method_curation(c, m);
        }
        for f in &c.fields {
            self.field_curation(&c.path, f);
        }
        for v in &c.variants {
            self.variant_curation(c, v);
        }
        for m in &c.methods {
            self.method_curation(c, m);
        }
        for k in &c.consts {
            self.value_curation(k);
        }
    }

    /// The same item in the file (`old`) and in the crate (`fresh`).
    fn merge_item(&mut self, old: &Item, fresh: &Item) -> Item {
        let what = What::of_item(old);
        match (old, fresh) {
            (Item::Function(o), Item::Function(n)) => {
                let params = self.merge_sig(
                    &what,
                    (Receiver::None, &o.params, &o.ret),
                    (Receiver::None, &n.params, &n.ret),
                );
                Item::Function(Function {
                    name: o.name.clone(),
                    path: n.path.clone(),
                    doc: n.doc.clone(),
                    params,
                    ret: n.ret.clone(),
                    release_gil: o.release_gil,
                    type_args: Vec::new(),
                    doc_override: o.doc_override.clone(),
                })
            }
            (Item::Const(o), Item::Const(n)) => Item::Const(self.merge_value(&what, o, n)),
            (Item::Static(o), Item::Static(n)) => Item::Static(self.merge_value(&what, o, n)),
            (Item::LiveStatic(o), Item::LiveStatic(n)) => {
                let (old_text, new_text) = (
                    format!("{} ({})", o.ty, sig::cell_word(o.cell)),
                    format!("{} ({})", n.ty, sig::cell_word(n.cell)),
                );
                if !sig::same_ty(&o.ty, &n.ty) || o.cell != n.cell {
                    self.changed(&what, old_text, new_text);
                }
                let mut m = n.clone();
                m.name = o.name.clone();
                m.doc_override = o.doc_override.clone();
                Item::LiveStatic(m)
            }
            (Item::Class(o), Item::Class(n)) => Item::Class(self.merge_class(o, n)),
            // A trait: the crate's methods, the person's names and docs.
            (Item::Trait(o), Item::Trait(n)) => {
                let sigs = |t: &crate::idl::Trait| -> Vec<String> {
                    t.methods
                        .iter()
                        .map(|m| sig::fn_text(&m.rust, m.receiver, &m.params, &m.ret))
                        .collect()
                };
                if sigs(o) != sigs(n) {
                    self.changed(&what, sigs(o).join("; "), sigs(n).join("; "));
                }
                let mut t = n.clone();
                t.name = o.name.clone();
                t.doc_override = o.doc_override.clone();
                for m in &mut t.methods {
                    if let Some(old) = o.methods.iter().find(|x| x.rust == m.rust) {
                        m.name = old.name.clone();
                        m.doc_override = old.doc_override.clone();
                    }
                }
                Item::Trait(t)
            }
            // A static that became live or the other way round.
            (o, n) => {
                self.changed(&what, static_text(o), static_text(n));
                let mut n = n.clone();
                match &mut n {
                    Item::Static(v) | Item::Const(v) => {
                        v.name = o.name().to_string();
                        v.doc_override = doc_override_of(o);
                    }
                    Item::LiveStatic(v) => {
                        v.name = o.name().to_string();
                        v.doc_override = doc_override_of(o);
                    }
                    _ => {}
                }
                n
            }
        }
    }

    fn merge_value(&mut self, what: &What, o: &Value, n: &Value) -> Value {
        if !sig::same_ty(&o.ty, &n.ty) {
            self.changed(what, o.ty.clone(), n.ty.clone());
        }
        Value {
            name: o.name.clone(),
            path: n.path.clone(),
            ty: n.ty.clone(),
            doc: n.doc.clone(),
            doc_override: o.doc_override.clone(),
        }
    }

    /// The parameters to write: the crate's, with the person's names and defaults
    /// carried over; reports a changed signature and dropped defaults.
    fn merge_sig(
        &mut self,
        what: &What,
        old: (Receiver, &[Param], &str),
        new: (Receiver, &[Param], &str),
    ) -> Vec<Param> {
        let (old_recv, old_params, old_ret) = old;
        let (new_recv, new_params, new_ret) = new;
        let same_params = sig::same_params(old_params, new_params);
        let params: Vec<Param> = if same_params {
            new_params
                .iter()
                .zip(old_params)
                .map(|(n, o)| Param {
                    name: o.name.clone(),
                    // An `impl Trait` parameter's concrete type is the person's.
                    ty: if o.instantiates.is_some() && o.instantiates == n.instantiates {
                        o.ty.clone()
                    } else {
                        n.ty.clone()
                    },
                    default: o.default.clone(),
                    instantiates: n.instantiates.clone(),
                    unsafe_no_copy: o.unsafe_no_copy.clone(),
                })
                .collect()
        } else {
            let (params, lost) = transfer_params(old_params, new_params);
            for p in lost {
                if let Some(d) = &p.default {
                    self.dropped(format!(
                        "default `{d}` of parameter `{}` of {}: the parameter is gone",
                        p.name,
                        what.quoted()
                    ));
                }
                if p.unsafe_no_copy.is_some() {
                    self.dropped(format!(
                        "unsafe_no_copy of parameter `{}` of {}: the parameter is gone",
                        p.name,
                        what.quoted()
                    ));
                }
            }
            params
        };
        if !same_params || old_recv != new_recv || !sig::same_ty(old_ret, new_ret) {
            self.changed(
                what,
                sig::params_ret(old_recv, old_params, old_ret),
                sig::params_ret(new_recv, &params, new_ret),
            );
        }
        params
    }

    /// An instantiation of a generic function: kept while the generic function
    /// exists, with the signature `instantiate` gives.
    fn instantiation_fn(&mut self, f: &Function) -> Option<Function> {
        let what = What::new(
            "fn",
            format!("{}{}", f.path, type_args_suffix(&f.type_args)),
        );
        let (params, ret) = self.instantiation(
            &what,
            &f.path,
            "fn",
            &f.type_args,
            &f.name,
            &f.params,
            &f.ret,
        )?;
        Some(Function {
            params,
            ret,
            ..f.clone()
        })
    }

    /// An instantiation of a generic struct: kept while the struct exists, its
    /// members refreshed through `instantiate_class` (the person's name and
    /// docstring kept), or as written when rsbind cannot tell.
    fn instantiation_class(&mut self, c: &Class) -> Option<Class> {
        let what = What::new(
            "class",
            format!("{}{}", c.path, type_args_suffix(&c.type_args)),
        );
        if !self.generic_exists(&c.path, "struct") {
            self.vanished_curation(format!("instantiation `{}` as `{}`", what.path, c.name));
            return None;
        }
        let Some(instantiate_class) = self.instantiate_class else {
            return Some(c.clone());
        };
        match instantiate_class(&c.path, &c.type_args) {
            None => Some(c.clone()),
            Some(Err(reason)) => {
                self.dropped(format!(
                    "instantiation `{}` as `{}`: {reason}",
                    what.path, c.name
                ));
                None
            }
            Some(Ok(fresh)) => Some(Class {
                name: c.name.clone(),
                doc_override: c.doc_override.clone(),
                ..fresh
            }),
        }
    }

    /// The refreshed `(params, ret)` of an instantiation, or `None` when it is dropped.
    #[allow(clippy::too_many_arguments)]
    fn instantiation(
        &mut self,
        what: &What,
        generic: &str,
        kind: &str,
        type_args: &[String],
        name: &str,
        params: &[Param],
        ret: &str,
    ) -> Option<(Vec<Param>, String)> {
        if !self.generic_exists(generic, kind) {
            self.vanished_curation(format!("instantiation `{}` as `{name}`", what.path));
            return None;
        }
        match (self.instantiate)(generic, type_args) {
            None => Some((params.to_vec(), ret.to_string())),
            Some(Err(reason)) => {
                self.dropped(format!(
                    "instantiation `{}` as `{name}`: {reason}",
                    what.path
                ));
                None
            }
            Some(Ok(inst)) => {
                self.warnings.extend(
                    inst.warnings
                        .iter()
                        .map(|w| format!("{}: {w}", what.quoted())),
                );
                let merged = self.merge_sig(
                    what,
                    (Receiver::None, params, ret),
                    (Receiver::None, &inst.params, &inst.ret),
                );
                Some((merged, inst.ret))
            }
        }
    }

    // ---- classes ----

    fn merge_class(&mut self, o: &Class, n: &Class) -> Class {
        let what = What::new("class", n.path.clone());
        if o.shape != n.shape {
            self.changed(
                &what,
                sig::shape_word(o.shape).to_string(),
                sig::shape_word(n.shape).to_string(),
            );
        }
        if o.traits != n.traits {
            self.changed(
                format!("traits of {what}"),
                format!("[{}]", o.traits.join(", ")),
                format!("[{}]", n.traits.join(", ")),
            );
        }
        let fields = self.merge_fields(&n.path, &o.fields, &n.fields, true);
        let variants = self.merge_variants(o, n);
        let constructor = self.merge_constructor(o, n);
        let methods = self.merge_methods(o, n);
        let consts = self.merge_consts(o, n);
        Class {
            name: o.name.clone(),
            doc_override: o.doc_override.clone(),
            fields,
            variants,
            constructor,
            methods,
            consts,
            ..n.clone()
        }
    }

    /// Fields in the crate's order (they are the constructor's parameters).
    /// `skippable`: a class's fields, which a person may skip; a variant's are all bound.
    fn merge_fields(
        &mut self,
        owner: &str,
        old: &[Field],
        new: &[Field],
        skippable: bool,
    ) -> Vec<Field> {
        let mut out = Vec::new();
        for nf in new {
            let what = What::new("field", format!("{owner}.{}", nf.rust));
            match old.iter().find(|f| f.rust == nf.rust) {
                Some(of) => {
                    if !sig::same_ty(&of.ty, &nf.ty) {
                        self.changed(&what, of.ty.clone(), nf.ty.clone());
                    }
                    out.push(Field {
                        name: of.name.clone(),
                        doc_override: of.doc_override.clone(),
                        ..nf.clone()
                    });
                }
                None => {
                    if skippable && self.keep_skipped(&what.path, what.to_string()) {
                        continue;
                    }
                    self.summary.added.push(what.to_string());
                    out.push(nf.clone());
                }
            }
        }
        for of in old {
            if !new.iter().any(|f| f.rust == of.rust) {
                self.summary
                    .removed
                    .push(format!("field {owner}.{}", of.rust));
                self.field_curation(owner, of);
            }
        }
        out
    }

    fn merge_variants(&mut self, o: &Class, n: &Class) -> Vec<Variant> {
        let mut out = Vec::new();
        for nv in &n.variants {
            let what = What::new("variant", format!("{}::{}", n.path, nv.rust));
            match o.variants.iter().find(|v| v.rust == nv.rust) {
                Some(ov) => {
                    if !sig::same_variant(ov, nv) {
                        self.changed(&what, sig::variant_text(ov), sig::variant_text(nv));
                    }
                    let fields = self.merge_fields(&what.path, &ov.fields, &nv.fields, false);
                    out.push(Variant {
                        name: ov.name.clone(),
                        doc_override: ov.doc_override.clone(),
                        fields,
                        ..nv.clone()
                    });
                }
                None => {
                    self.summary.added.push(what.to_string());
                    out.push(nv.clone());
                }
            }
        }
        for ov in &o.variants {
            if !n.variants.iter().any(|v| v.rust == ov.rust) {
                self.summary
                    .removed
                    .push(format!("variant {}::{}", o.path, ov.rust));
                self.variant_curation(o, ov);
            }
        }
        out
    }

    fn merge_constructor(&mut self, o: &Class, n: &Class) -> Constructor {
        match (&o.constructor, &n.constructor) {
            (Constructor::Method(om), Constructor::Method(nm)) if om.same_member(nm) => {
                Constructor::Method(self.merge_method(n, om, nm))
            }
            (oc, nc) => {
                if oc != nc {
                    self.changed(
                        format!("constructor of class {}", n.path),
                        constructor_text(oc),
                        constructor_text(nc),
                    );
                    if let Constructor::Method(om) = oc {
                        self.method_curation(o, om);
                    }
                }
                nc.clone()
            }
        }
    }

    fn merge_method(&mut self, class: &Class, o: &Method, n: &Method) -> Method {
        let what = method_what(class, o);
        let params = self.merge_sig(
            &what,
            (o.receiver, &o.params, &o.ret),
            (n.receiver, &n.params, &n.ret),
        );
        Method {
            name: o.name.clone(),
            doc_override: o.doc_override.clone(),
            release_gil: o.release_gil,
            params,
            ..n.clone()
        }
    }

    /// Methods in the file's order, then the new ones in the crate's.
    fn merge_methods(&mut self, o: &Class, n: &Class) -> Vec<Method> {
        let mut out = Vec::new();
        let mut used = BTreeSet::new();
        for om in &o.methods {
            let what = method_what(o, om);
            if !om.type_args.is_empty() {
                // The crate may list it too (an instantiation extraction wrote).
                used.insert((om.trait_.clone(), om.rust.clone(), om.type_args.clone()));
                let generic = super::generic_method_path(n, &om.rust);
                if let Some((params, ret)) = self.instantiation(
                    &what,
                    &generic,
                    "method",
                    &om.type_args,
                    &om.name,
                    &om.params,
                    &om.ret,
                ) {
                    out.push(Method {
                        params,
                        ret,
                        ..om.clone()
                    });
                }
                continue;
            }
            match n
                .methods
                .iter()
                .find(|m| m.same_member(om) && m.type_args.is_empty())
            {
                Some(nm) => {
                    used.insert((nm.trait_.clone(), nm.rust.clone(), Vec::new()));
                    out.push(self.merge_method(n, om, nm));
                }
                None => {
                    self.summary.removed.push(what.to_string());
                    self.method_curation(o, om);
                }
            }
        }
        for nm in &n.methods {
            if used.contains(&(nm.trait_.clone(), nm.rust.clone(), nm.type_args.clone())) {
                continue;
            }
            let what = method_what(n, nm);
            if self.keep_skipped(&what.path, what.to_string()) {
                continue;
            }
            self.summary.added.push(what.to_string());
            out.push(nm.clone());
        }
        out
    }

    fn merge_consts(&mut self, o: &Class, n: &Class) -> Vec<Value> {
        let mut out = Vec::new();
        let mut used = BTreeSet::new();
        for ov in &o.consts {
            let what = What::new("const", ov.path.clone());
            match n.consts.iter().find(|v| v.path == ov.path) {
                Some(nv) => {
                    used.insert(nv.path.clone());
                    out.push(self.merge_value(&what, ov, nv));
                }
                None => {
                    self.summary.removed.push(what.to_string());
                    self.value_curation(ov);
                }
            }
        }
        for nv in &n.consts {
            if used.contains(&nv.path) {
                continue;
            }
            let what = What::new("const", nv.path.clone());
            if self.keep_skipped(&nv.path, what.to_string()) {
                continue;
            }
            self.summary.added.push(what.to_string());
            out.push(nv.clone());
        }
        out
    }
}

fn method_what(class: &Class, m: &Method) -> What {
    What::new(
        "method",
        format!(
            "{}{}",
            m.path_in(&class.path),
            type_args_suffix(&m.type_args)
        ),
    )
}

fn constructor_text(c: &Constructor) -> String {
    match c {
        Constructor::Method(m) => format!(
            "{}{}",
            m.rust,
            sig::params_ret(m.receiver, &m.params, &m.ret)
        ),
        other => format!("{other:?}"),
    }
}

fn static_text(item: &Item) -> String {
    match item {
        Item::LiveStatic(v) => format!("{} ({})", v.ty, sig::cell_word(v.cell)),
        Item::Static(v) | Item::Const(v) => v.ty.clone(),
        other => other.kind().to_string(),
    }
}

fn doc_override_of(item: &Item) -> Option<String> {
    match item {
        Item::Function(f) => f.doc_override.clone(),
        Item::Const(v) | Item::Static(v) => v.doc_override.clone(),
        Item::LiveStatic(v) => v.doc_override.clone(),
        Item::Class(c) => c.doc_override.clone(),
        Item::Module(m) => m.doc_override.clone(),
        Item::Trait(t) => t.doc_override.clone(),
    }
}

/// The first module with `path` in a tree of items.
fn find_module<'i>(items: &'i mut [Item], path: &str) -> Option<&'i mut Module> {
    for item in items {
        if let Item::Module(m) = item {
            if m.path == path {
                return Some(m);
            }
            if let Some(found) = find_module(&mut m.items, path) {
                return Some(found);
            }
        }
    }
    None
}

/// The crate's parameters with the person's names and defaults, for a changed
/// signature: a parameter keeps its name and default when the crate still has
/// one of that name; when the number of parameters is the same, the others are
/// matched by position. Returns the parameters and the file's parameters that
/// matched none.
fn transfer_params<'p>(old: &'p [Param], new: &[Param]) -> (Vec<Param>, Vec<&'p Param>) {
    let mut out: Vec<Param> = new.to_vec();
    let mut taken = vec![false; new.len()];
    let mut matched = vec![false; old.len()];
    for (j, o) in old.iter().enumerate() {
        if let Some(i) = (0..new.len()).find(|&i| !taken[i] && new[i].name == o.name) {
            taken[i] = true;
            matched[j] = true;
            out[i].default = o.default.clone();
            out[i].unsafe_no_copy = o.unsafe_no_copy.clone();
        }
    }
    if old.len() == new.len() {
        for (j, o) in old.iter().enumerate() {
            if !matched[j] && !taken[j] {
                taken[j] = true;
                matched[j] = true;
                out[j].name = o.name.clone();
                out[j].default = o.default.clone();
                out[j].unsafe_no_copy = o.unsafe_no_copy.clone();
            }
        }
    }
    let lost = old
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(o, _)| o)
        .collect();
    (out, lost)
}
