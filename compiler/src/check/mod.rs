//! Checking an interface file and lowering it to the IR. Every problem is
//! collected (all of them, in one run) with the place in the file it concerns.

mod doc_names;

use crate::diag::Diagnostic;
use crate::idl::spans::{SpanIndex, Step};
use crate::idl::ty::{parse_type, TypeExpr};
use crate::idl::{self, Interface, Item};
use crate::ir;
use crate::types::{self, borrows, lower_method_return, lower_param, lower_value, TypeEnv};
use std::collections::BTreeMap;

pub use crate::idl::{python_name, PYTHON_KEYWORDS};

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn is_rust_path(path: &str) -> bool {
    !path.is_empty()
        && path
            .split("::")
            .all(|seg| is_identifier(seg.strip_prefix("r#").unwrap_or(seg)))
}

/// A qualified path `<TYPE as TRAIT>::method` (a method of an extension trait):
/// its type string, trait path and method, or `None` when `path` is not one.
fn split_qualified(path: &str) -> Option<(&str, &str, &str)> {
    let inner = path.strip_prefix('<')?;
    let (close, _) = inner
        .char_indices()
        .scan(0i32, |depth, (i, c)| {
            match c {
                '<' | '[' | '(' => *depth += 1,
                '>' | ']' | ')' => *depth -= 1,
                _ => {}
            }
            Some((i, *depth))
        })
        .find(|(_, depth)| *depth < 0)?;
    let (ty, tr) = inner[..close].rsplit_once(" as ")?;
    let method = inner[close + 1..].strip_prefix("::")?;
    Some((ty.trim(), tr.trim(), method))
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    spans: SpanIndex,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &[Step], message: String, label: &str) -> &mut Diagnostic {
        let span = self.spans.span(path);
        self.diags
            .push(Diagnostic::error(message).at(self.file, span, label));
        self.diags.last_mut().expect("just pushed")
    }

    /// Parses a type string, reporting a syntax error at its place inside the string.
    fn parse_ty(&mut self, path: &[Step], text: &str, what: &str) -> Option<TypeExpr> {
        match parse_type(text) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = self.spans.span(path);
                // Point into the string literal when it is written plainly.
                let literal = &self.text[span.clone()];
                let at = if literal.starts_with('"') && literal[1..].starts_with(text) {
                    let o = span.start + 1 + e.offset;
                    o..(o + 1).min(span.end - 1).max(o)
                } else {
                    span
                };
                self.diags.push(
                    Diagnostic::error(format!("the type of {what} does not parse: {}", e.message))
                        .at(self.file, at, e.message.clone())
                        .help("types are written as in Rust, for example `Option<&str>` or `Result<u32, MyError>`"),
                );
                None
            }
        }
    }

    /// An item whose type rsbind cannot bind: the error, the reason at the type,
    /// and what to do.
    fn unbindable(
        &mut self,
        path: &[Step],
        message: String,
        why: &crate::types::Unsupported,
        help: &str,
    ) {
        let notes = &mut self.error(path, message, &why.reason).notes;
        if let Some(meant) = &why.did_you_mean {
            notes.push(format!("help: did you mean `{meant}`?"));
        }
        notes.push(help.to_string());
    }

    fn check_name(&mut self, path: &[Step], name: &str, what: &str) {
        if !is_identifier(name) {
            self.error(
                path,
                format!("the name `{name}` of {what} is not a valid Python identifier"),
                "not an identifier",
            )
            .notes
            .push("help: names are letters, digits and `_`, not starting with a digit".to_string());
        } else if PYTHON_KEYWORDS.contains(&name) {
            self.error(
                path,
                format!("the name `{name}` of {what} is a Python keyword"),
                "a keyword in Python",
            )
            .notes
            .push(format!("help: rename it, for example to `{name}_`"));
        }
    }
}

/// Checks an interface file and lowers it to the IR. `file` and `text` are the
/// file's shown name and its text, for diagnostics. On success the returned
/// diagnostics hold only warnings.
pub fn lower(
    interface: &Interface,
    file: &str,
    text: &str,
) -> Result<(ir::Module, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut ck = Checker {
        file,
        text,
        spans: SpanIndex::new(text),
        diags: Vec::new(),
    };
    check_header(&mut ck, interface, file);

    // Classes first: every signature may name any of them.
    let mut class_items = Vec::new();
    collect_classes(&interface.items, &mut Vec::new(), &mut class_items);
    let class_paths: Vec<String> = class_items
        .iter()
        .map(|(_, c)| class_type_path(c))
        .collect();
    for (i, (at, c)) in class_items.iter().enumerate() {
        if class_paths[..i].contains(&class_paths[i]) {
            let mut at = at.clone();
            at.push(Step::Field("path"));
            ck.error(
                &at,
                format!("the class `{}` is listed twice", c.path),
                "listed again here",
            );
        }
    }
    let not_clone: Vec<String> = class_items
        .iter()
        .filter(|(_, c)| !c.traits.iter().any(|t| t == "Clone"))
        .map(|(_, c)| class_type_path(c))
        .collect();
    let borrowing: Vec<String> = class_items
        .iter()
        .filter(|(_, c)| c.is_borrowing())
        .map(|(_, c)| class_type_path(c))
        .collect();
    let mut trait_items = Vec::new();
    collect_traits(&interface.items, &mut trait_items);
    let trait_paths: Vec<String> = trait_items
        .iter()
        .map(|t| {
            t.path
                .strip_prefix("crate::")
                .unwrap_or(&t.path)
                .to_string()
        })
        .collect();
    let env = TypeEnv {
        classes: &class_paths,
        not_clone: &not_clone,
        borrowing: &borrowing,
        traits: &trait_paths,
    };

    let mut module = empty_module(interface);
    let mut lowering = Lowering {
        ck: &mut ck,
        env: &env,
        module: &mut module,
        classes: class_items.iter().map(|(_, c)| *c).collect(),
    };
    lowering.items(&interface.items, &[Step::Field("items")], 0);
    implementors(&mut module, &class_items, &trait_paths);
    returned_trait_objects(&mut module);
    mark_exceptions(&mut module);
    doc_names::follow_renames(&mut module);
    note_skipped_uses(&mut ck.diags, interface);

    if crate::diag::has_errors(&ck.diags) {
        Err(ck.diags)
    } else {
        Ok((module, ck.diags))
    }
}

/// The file's format, module name and library name.
fn check_header(ck: &mut Checker, interface: &Interface, file: &str) {
    if interface.format != idl::FORMAT_VERSION {
        ck.error(
            &[Step::Field("format")],
            format!(
                "this interface file has format version {}, but this rsbind reads version {}",
                interface.format,
                idl::FORMAT_VERSION
            ),
            "unsupported version",
        )
        .notes
        .push(format!(
            "help: re-extract the crate with this rsbind (`rsbind extract CRATE -o {file}`) to write the file in format {}",
            idl::FORMAT_VERSION
        ));
    }
    ck.check_name(&[Step::Field("module")], &interface.module, "the module");
    if !is_rust_path(&interface.krate.lib) {
        ck.error(
            &[Step::Field("crate"), Step::Field("lib")],
            format!(
                "the crate's library name `{}` is not a Rust identifier",
                interface.krate.lib
            ),
            "not an identifier",
        );
    }
}

/// The IR module before its items: names, docs, the crate and how it is built.
fn empty_module(interface: &Interface) -> ir::Module {
    ir::Module {
        name: interface.module.clone(),
        package: interface.krate.package.clone(),
        lib: interface.krate.lib.clone(),
        crate_path: interface.krate.path.clone(),
        doc: interface.doc.clone(),
        namespaces: vec![ir::Namespace {
            qualified_name: interface.module.clone(),
            attr_name: interface.module.clone(),
            parent: None,
            doc: interface.doc.clone(),
        }],
        classes: Vec::new(),
        functions: Vec::new(),
        traits: Vec::new(),
        values: Vec::new(),
        live_statics: Vec::new(),
        dependencies: interface
            .krate
            .dependencies
            .iter()
            .map(|d| ir::Dependency {
                package: d.package.clone(),
                lib: d.lib.clone(),
                version: d.version.clone(),
                path: d.path.clone(),
            })
            .collect(),
        features: interface.krate.features.clone(),
        default_features: interface.krate.default_features,
    }
}

/// A class raised as the error of a `Result` (a call's, an iterator item's) is an exception class.
fn mark_exceptions(module: &mut ir::Module) {
    let mut raised = Vec::new();
    let mut note_error = |ret: &ir::Ret| {
        if let Some(ir::ErrorConv::Class(i)) = ret.error {
            raised.push(i);
        }
    };
    for f in &module.functions {
        note_error(&f.ret);
    }
    for c in &module.classes {
        for m in &c.methods {
            note_error(&m.ret);
        }
        if let Some(ir::Constructor::Method(m)) = &c.constructor {
            note_error(&m.ret);
        }
        if let Some(item) = &c.iterator_item {
            note_error(item);
        }
    }
    // Raised by Python for a callable's `Err`.
    raised.extend(callables(module).filter_map(|c| c.error));
    for i in raised {
        if let Some(c) = module.classes.get_mut(i) {
            c.is_exception = true;
            if c.kind == ir::ClassKind::IntEnum {
                c.kind = ir::ClassKind::DataEnum;
            }
        }
    }
}

/// A type that is skipped but still used: say so at each use.
fn note_skipped_uses(diags: &mut [Diagnostic], interface: &Interface) {
    for d in diags.iter_mut().filter(|d| d.is_error()) {
        let Some(label) = &d.label else { continue };
        for skipped in &interface.skipped {
            if mentions_path(&label.message, &skipped.path) {
                d.notes.push(format!(
                    "note: `{}` is listed in `skipped` ({}), but this item uses it",
                    skipped.path, skipped.reason
                ));
                d.notes.push(format!(
                    "help: bind `{}` again (move it back into `items`), or skip this item too",
                    skipped.path
                ));
            }
        }
    }
}

/// Whether `text` names the Rust path `path` as a whole (`&Point`, `Vec<Point>`,
/// but not `Points` or `geo::Point` for `Point`).
fn mentions_path(text: &str, path: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    text.match_indices(path).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + path.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The docstring: the person's override, else the crate's.
fn doc_of(doc: &str, doc_override: &Option<String>) -> String {
    doc_override.clone().unwrap_or_else(|| doc.to_string())
}

/// A builder step: `&mut self` returning `&mut Self` (the file writes the
/// class, `&mut Builder`), which gives Python the same object back.
/// `IndexMut::index_mut` is none: it gives a part of a recursive type
/// (serde_json's `Value`), a view.
fn builder_step(m: &idl::Method, owner: &str) -> bool {
    let index_mut = m
        .trait_
        .as_deref()
        .is_some_and(|t| t.starts_with("std::ops::IndexMut<") || t == "std::ops::IndexMut");
    m.receiver == idl::Receiver::RefMut
        && !index_mut
        && matches!(
            parse_type(&m.ret),
            Ok(TypeExpr::Ref { mutable: true, inner, .. })
                if inner.to_string() == owner || inner.to_string() == "Self"
        )
}

/// How type strings name a class: its path, prefixed by its crate when it comes
/// from a dependency (`semver::Version`).
fn class_type_path(c: &idl::Class) -> String {
    let path = match &c.from_crate {
        Some(k) => format!("{k}::{}", c.path),
        None => c.path.clone(),
    };
    if c.type_args.is_empty() || c.is_borrowing() {
        return path;
    }
    // An instantiation: `Stack<i32>`, written canonically.
    let written = format!("{path}<{}>", c.type_args.join(", "));
    parse_type(&written)
        .map(|t| t.to_string())
        .unwrap_or(written)
}

/// Every class in the item tree, with its value path, in the order lowering meets them.
/// The file's traits, in the order the items list them (the trait index).
fn collect_traits<'i>(items: &'i [Item], out: &mut Vec<&'i idl::Trait>) {
    for item in items {
        match item {
            Item::Trait(t) => out.push(t),
            Item::Module(m) => collect_traits(&m.items, out),
            _ => {}
        }
    }
}

/// A trait's method as a method of the class of returned trait objects:
/// Python passes its arguments, Rust's result comes back (none when some
/// type cannot go that way).
fn trait_method_as_method(
    m: &idl::Method,
    inputs: &[TypeExpr],
    ret: &TypeExpr,
    trait_path: String,
    env: &TypeEnv,
) -> Option<ir::Method> {
    let params = m
        .params
        .iter()
        .zip(inputs)
        .map(|(p, ty)| {
            types::lower_param(ty, env)
                .ok()
                .map(|ty| ir::Param::required(&p.name, ty))
        })
        .collect::<Option<Vec<_>>>()?;
    let ret = types::lower_return(ret, env).ok()?;
    if ret.keeps.is_some() || contains_trait(&ret.ty) {
        return None;
    }
    Some(ir::Method {
        python_name: m.name.clone(),
        rust_name: m.rust.clone(),
        type_args: Vec::new(),
        doc: doc_of(&m.doc, &m.doc_override),
        receiver: match m.receiver {
            idl::Receiver::RefMut => ir::Receiver::RefMut,
            _ => ir::Receiver::Ref,
        },
        release_gil: params.iter().any(|p| p.ty.called_from_threads()),
        params,
        ret,
        trait_path: Some(trait_path),
        returns_receiver: false,
        operator: None,
    })
}

fn contains_trait(ty: &ir::Ty) -> bool {
    match ty {
        ir::Ty::Trait(..) => true,
        ir::Ty::Option(t) | ir::Ty::Seq(t, _) | ir::Ty::Set(t, _) | ir::Ty::Iter(t) => {
            contains_trait(t)
        }
        ir::Ty::Map(k, v, _) => contains_trait(k) || contains_trait(v),
        ir::Ty::Tuple(items) => items.iter().any(contains_trait),
        _ => false,
    }
}

/// Returned trait objects (`Box<dyn Trait>` in results) become objects of a
/// class made for the trait (`Dyn<Trait>`, whose value is a box of the trait
/// object, `rsbind_Dyn<Trait>` of lib.rs, in the trait's namespace): its methods are the
/// trait's, called through the holder's impl.
fn returned_trait_objects(module: &mut ir::Module) {
    fn replace(ty: &mut ir::Ty, found: &mut Vec<(usize, ir::DynUse)>, classes: &[Option<usize>]) {
        match ty {
            ir::Ty::Trait(t, u) => {
                if !found.contains(&(*t, *u)) {
                    found.push((*t, *u));
                }
                if let Some(c) = classes.get(*t).copied().flatten() {
                    *ty = ir::Ty::Class(c, ir::ClassMode::Value);
                }
            }
            ir::Ty::Option(t) | ir::Ty::Seq(t, _) | ir::Ty::Set(t, _) | ir::Ty::Iter(t) => {
                replace(t, found, classes)
            }
            ir::Ty::Map(k, v, _) => {
                replace(k, found, classes);
                replace(v, found, classes);
            }
            ir::Ty::Tuple(items) => items.iter_mut().for_each(|t| replace(t, found, classes)),
            _ => {}
        }
    }
    let rets = |m: &mut ir::Module, f: &mut dyn FnMut(&mut ir::Ty)| {
        for func in &mut m.functions {
            f(&mut func.ret.ty);
        }
        for c in &mut m.classes {
            for method in &mut c.methods {
                f(&mut method.ret.ty);
            }
        }
    };
    // First which traits are returned (or handed to Python callables), then
    // a class for each, then the types.
    let mut found = Vec::new();
    rets(module, &mut |ty| replace(ty, &mut found, &[]));
    for mut ty in callable_params(module) {
        // Only noted: the closure's signature names the trait object types.
        replace(&mut ty, &mut found, &[]);
    }
    let mut classes = vec![None; module.traits.len()];
    for (t, _) in &found {
        if classes[*t].is_some() {
            continue;
        }
        let tr = &module.traits[*t];
        let class = ir::Class {
            python_name: format!("Dyn{}", tr.python_name),
            rust_path: format!("rsbind_Dyn{}", tr.rust_path.replace("::", "__")),
            from_crate: Some("crate".to_string()),
            type_args: Vec::new(),
            doc: format!(
                "A `{}` that Rust returned: an object with the trait's methods.",
                tr.python_name
            ),
            namespace: tr.namespace,
            kind: ir::ClassKind::Struct,
            fields: Vec::new(),
            variants: Vec::new(),
            traits: ir::Traits::default(),
            iterator_item: None,
            constructor: None,
            methods: tr
                .methods
                .iter()
                .filter_map(|m| m.as_method.clone())
                .collect(),
            consts: Vec::new(),
            is_exception: false,
            borrowing: false,
        };
        module.classes.push(class);
        classes[*t] = Some(module.classes.len() - 1);
    }
    let mut again = Vec::new();
    rets(module, &mut |ty| replace(ty, &mut again, &classes));
    for (t, u) in found {
        let tr = &mut module.traits[t];
        tr.returned.push(u);
        if let Some(c) = classes[t] {
            tr.object_class = Some(c);
            if !tr.implementors.contains(&c) {
                tr.implementors.push(c);
            }
        }
    }
}

/// The parameters of every callable that Rust calls (callable parameters,
/// the traits' methods): a trait object among them goes to Python as an
/// object of the trait's returned-objects class, and keeps its type (the
/// closure's signature names it).
fn callable_params(module: &ir::Module) -> Vec<ir::Ty> {
    callables(module)
        .flat_map(|c| c.params.iter().cloned())
        .collect()
}

/// Every callable that Rust calls: callable parameters (of functions,
/// methods, constructors) and the traits' methods.
fn callables(module: &ir::Module) -> impl Iterator<Item = &ir::Callable> {
    let params = module.functions.iter().flat_map(|f| f.params.iter()).chain(
        module.classes.iter().flat_map(|c| {
            let ctor = match &c.constructor {
                Some(ir::Constructor::Method(m)) => m.params.as_slice(),
                _ => &[],
            };
            c.methods.iter().flat_map(|m| m.params.iter()).chain(ctor)
        }),
    );
    params
        .filter_map(|p| match &p.ty {
            ir::Ty::Callable(c) => Some(&**c),
            ir::Ty::Option(inner) => match &**inner {
                ir::Ty::Callable(c) => Some(&**c),
                _ => None,
            },
            _ => None,
        })
        .chain(
            module
                .traits
                .iter()
                .flat_map(|t| t.methods.iter().map(|m| &m.sig)),
        )
}

/// Which classes implement each trait: those with a method of it.
fn implementors(
    module: &mut ir::Module,
    classes: &[(Vec<Step<'static>>, &idl::Class)],
    trait_paths: &[String],
) {
    for (t, path) in module.traits.iter_mut().zip(trait_paths) {
        t.implementors = classes
            .iter()
            .enumerate()
            .filter(|(_, (_, c))| {
                c.methods.iter().any(|m| {
                    m.trait_
                        .as_deref()
                        .is_some_and(|tr| tr.strip_prefix("crate::").unwrap_or(tr) == path)
                })
            })
            .map(|(i, _)| i)
            .collect();
    }
}

fn collect_classes<'i>(
    items: &'i [Item],
    at: &mut Vec<Step<'static>>,
    out: &mut Vec<(Vec<Step<'static>>, &'i idl::Class)>,
) {
    let base = at.len();
    at.push(Step::Field("items"));
    for (i, item) in items.iter().enumerate() {
        at.push(Step::Index(i));
        match item {
            Item::Class(c) => out.push((at.clone(), c)),
            Item::Module(m) => collect_classes(&m.items, at, out),
            _ => {}
        }
        at.pop();
    }
    at.truncate(base);
}

fn with(at: &[Step<'static>], more: &[Step<'static>]) -> Vec<Step<'static>> {
    let mut v = at.to_vec();
    v.extend_from_slice(more);
    v
}

struct Lowering<'c, 'a, 'e> {
    ck: &'c mut Checker<'a>,
    env: &'e TypeEnv<'e>,
    module: &'c mut ir::Module,
    /// The file's classes, by class index.
    classes: Vec<&'e idl::Class>,
}

impl Lowering<'_, '_, '_> {
    /// A type argument as the stubs write it (see [`types::rust_spelling`]).
    fn rust_spelling(&self, ty: &TypeExpr) -> String {
        let deps: Vec<String> = self
            .module
            .dependencies
            .iter()
            .map(|d| d.lib.clone())
            .collect();
        types::rust_spelling(ty, &self.module.lib, &deps, self.env.classes).to_string()
    }

    /// A Python name an earlier item of the namespace took (`first`, or the
    /// module's panic class for `usize::MAX`).
    fn defined_twice(
        &mut self,
        items: &[Item],
        (item, first): (&Item, usize),
        name_at: &[Step<'static>],
        ns: usize,
    ) {
        let qualified = &self.module.namespaces[ns].qualified_name;
        let d = self.ck.error(
            name_at,
            format!(
                "the Python name `{}` is defined twice in module `{qualified}`",
                item.name()
            ),
            "defined again here",
        );
        if first == usize::MAX {
            d.notes.push(format!(
                "note: `{}` is the module's own panic exception class",
                item.name()
            ));
        } else {
            d.notes.push(format!(
                "note: first defined by {} `{}` (item {})",
                items[first].kind(),
                items[first].path(),
                first + 1
            ));
        }
        d.notes
            .push("help: rename one of them with its `name` field".to_string());
    }

    /// Lowers the items of namespace `ns`; `at` is the path of the `items` list.
    fn items(&mut self, items: &[Item], at: &[Step<'static>], ns: usize) {
        // Python names in this namespace, and where each was first defined.
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        if ns == 0 {
            // The module's own panic class; usize::MAX marks it as no item's.
            taken.insert("RustPanic".to_string(), usize::MAX);
        }
        for (index, item) in items.iter().enumerate() {
            let item_at = with(at, &[Step::Index(index)]);
            let name_at = with(&item_at, &[Step::Field("name")]);
            let what = format!("{} `{}`", item.kind(), item.name());
            self.ck
                .check_name(&name_at, item.name(), &format!("a {}", item.kind()));
            if let Some(first) = taken.get(item.name()).copied() {
                self.defined_twice(items, (item, first), &name_at, ns);
            } else {
                taken.insert(item.name().to_string(), index);
            }
            let qualified = match item {
                Item::Function(f) => split_qualified(&f.path),
                _ => None,
            };
            let path_ok = match qualified {
                Some((_, tr, method)) => {
                    is_rust_path(tr) && is_rust_path(method) && !method.contains("::")
                }
                None => is_rust_path(item.path()),
            };
            if !path_ok {
                self.ck.error(
                    &with(&item_at, &[Step::Field("path")]),
                    format!("the path `{}` of {what} is not a Rust path", item.path()),
                    "not a path like `module::item` or `<Type as Trait>::method`",
                );
            }
            match item {
                Item::Const(v) | Item::Static(v) => {
                    let kind = if matches!(item, Item::Const(_)) {
                        ir::ValueKind::Const
                    } else {
                        ir::ValueKind::Static
                    };
                    if let Some(value) = self.value(v, &item_at, ns, kind) {
                        self.module.values.push(value);
                    }
                }
                Item::LiveStatic(v) => self.live_static(v, &item_at, ns),
                Item::Function(f) => {
                    let m = idl::Method {
                        doc_override: f.doc_override.clone(),
                        type_args: f.type_args.clone(),
                        name: f.name.clone(),
                        rust: f.path.clone(),
                        doc: f.doc.clone(),
                        receiver: idl::Receiver::None,
                        receiver_lifetime: None,
                        params: f.params.clone(),
                        ret: f.ret.clone(),
                        trait_: None,
                        release_gil: f.release_gil,
                    };
                    let what = format!("function `{}`", f.name);
                    let (rust_path, self_type) = match qualified {
                        Some((ty, tr, method)) => {
                            let path_at = with(&item_at, &[Step::Field("path")]);
                            let ty = self.ck.parse_ty(
                                &path_at,
                                ty,
                                &format!("the qualified path of {what}"),
                            );
                            let Some(ty) = ty else { continue };
                            (format!("{tr}::{method}"), Some(self.rust_spelling(&ty)))
                        }
                        None => (f.path.clone(), None),
                    };
                    if let Some(m) = self.method(&m, &item_at, &what) {
                        self.module.functions.push(ir::Function {
                            self_type,
                            python_name: m.python_name,
                            namespace: ns,
                            type_args: m.type_args,
                            rust_path,
                            doc: m.doc,
                            params: m.params,
                            ret: m.ret,
                            release_gil: m.release_gil,
                        });
                    }
                }
                Item::Class(c) => self.class(c, &item_at, ns),
                Item::Trait(t) => self.trait_(t, &item_at, ns),
                Item::Module(m) => {
                    let parent = &self.module.namespaces[ns];
                    let child = ir::Namespace {
                        qualified_name: format!("{}.{}", parent.qualified_name, m.name),
                        attr_name: m.name.clone(),
                        parent: Some(ns),
                        doc: doc_of(&m.doc, &m.doc_override),
                    };
                    self.module.namespaces.push(child);
                    let child_ns = self.module.namespaces.len() - 1;
                    self.items(&m.items, &with(&item_at, &[Step::Field("items")]), child_ns);
                }
            }
        }
    }

    fn value(
        &mut self,
        v: &idl::Value,
        at: &[Step<'static>],
        ns: usize,
        kind: ir::ValueKind,
    ) -> Option<ir::Value> {
        let what = format!("`{}`", v.name);
        let ty_at = with(at, &[Step::Field("ty")]);
        let t = self.ck.parse_ty(&ty_at, &v.ty, &what)?;
        match types::lower_static_value(&t, self.env) {
            Ok(ty) => Some(ir::Value {
                python_name: v.name.clone(),
                namespace: ns,
                rust_path: v.path.clone(),
                doc: doc_of(&v.doc, &v.doc_override),
                ty,
                kind,
            }),
            Err(u) => {
                self.ck.unbindable(
                    &ty_at,
                    format!("{what} has a type rsbind cannot bind"),
                    &u,
                    "help: move the item into `skipped`, or change its type",
                );
                None
            }
        }
    }

    /// A trait: its methods lowered as the callables Rust calls them with.
    fn trait_(&mut self, t: &idl::Trait, at: &[Step<'static>], ns: usize) {
        let mut methods = Vec::new();
        for (i, m) in t.methods.iter().enumerate() {
            let m_at = with(at, &[Step::Field("methods"), Step::Index(i)]);
            let what = format!("method `{}` of trait `{}`", m.name, t.name);
            self.ck
                .check_name(&with(&m_at, &[Step::Field("name")]), &m.name, &what);
            let mutable = match m.receiver {
                idl::Receiver::Ref => false,
                idl::Receiver::RefMut => true,
                _ => {
                    self.ck.error(
                        &with(&m_at, &[Step::Field("receiver")]),
                        format!("{what} must take `&self` or `&mut self`"),
                        "a trait object's method needs a receiver",
                    );
                    continue;
                }
            };
            let mut inputs = Vec::new();
            for (j, p) in m.params.iter().enumerate() {
                let p_at = with(
                    &m_at,
                    &[Step::Field("params"), Step::Index(j), Step::Field("ty")],
                );
                if let Some(ty) = self.ck.parse_ty(&p_at, &p.ty, &what) {
                    inputs.push(ty);
                }
            }
            let ret_at = with(&m_at, &[Step::Field("ret")]);
            let Some(ret) = self.ck.parse_ty(&ret_at, &m.ret, &what) else {
                continue;
            };
            if inputs.len() != m.params.len() {
                continue;
            }
            let trait_path = self.rust_spelling(&TypeExpr::path(&[t
                .path
                .strip_prefix("crate::")
                .unwrap_or(&t.path)]));
            let as_method = trait_method_as_method(m, &inputs, &ret, trait_path, self.env);
            match types::lower_trait_method(&m.rust, &inputs, &ret, mutable, self.env) {
                Ok(sig) => methods.push(ir::TraitMethod {
                    python_name: m.name.clone(),
                    rust_name: m.rust.clone(),
                    mutable,
                    param_names: m.params.iter().map(|p| p.name.clone()).collect(),
                    sig,
                    provided: t.provided.contains(&m.rust),
                    as_method,
                }),
                Err(u) => self.ck.unbindable(
                    &m_at,
                    format!("{what} has a type rsbind cannot bind"),
                    &u,
                    "help: move the trait into `skipped`",
                ),
            }
        }
        self.module.traits.push(ir::Trait {
            python_name: t.name.clone(),
            rust_path: t
                .path
                .strip_prefix("crate::")
                .unwrap_or(&t.path)
                .to_string(),
            doc: doc_of(&t.doc, &t.doc_override),
            namespace: ns,
            methods,
            implementors: Vec::new(),
            returned: Vec::new(),
            object_class: None,
        });
    }

    fn live_static(&mut self, v: &idl::LiveStatic, at: &[Step<'static>], ns: usize) {
        let what = format!("static `{}`", v.name);
        let ty_at = with(at, &[Step::Field("ty")]);
        let Some(t) = self.ck.parse_ty(&ty_at, &v.ty, &what) else {
            return;
        };
        let lowered =
            lower_param(&t, self.env).and_then(|p| lower_value(&t, self.env).map(|o| (p, o)));
        match lowered {
            Ok((ty, _))
                if v.cell != idl::Cell::Atomic || matches!(ty, ir::Ty::Bool | ir::Ty::Int(_)) =>
            {
                self.module.live_statics.push(ir::LiveStatic {
                    python_name: v.name.clone(),
                    rust_path: v.path.clone(),
                    doc: doc_of(&v.doc, &v.doc_override),
                    namespace: ns,
                    ty,
                    cell: match v.cell {
                        idl::Cell::Atomic => ir::Cell::Atomic,
                        idl::Cell::Mutex => ir::Cell::Mutex,
                        idl::Cell::RwLock => ir::Cell::RwLock,
                    },
                })
            }
            Ok(_) => {
                self.ck.error(
                    &ty_at,
                    format!("{what} is atomic, but its type is not a bool or an integer"),
                    "not an atomic's type",
                );
            }
            Err(u) => {
                self.ck.unbindable(
                    &ty_at,
                    format!("{what} has a type rsbind cannot bind"),
                    &u,
                    "help: move the item into `skipped`, or change its type",
                );
            }
        }
    }

    /// Lowers a function or method; `at` is the item's (or method's) value path.
    fn method(&mut self, m: &idl::Method, at: &[Step<'static>], what: &str) -> Option<ir::Method> {
        self.method_of(m, at, what, None)
    }

    /// Lowers a method of the class that type strings name `owner`.
    fn method_of(
        &mut self,
        m: &idl::Method,
        at: &[Step<'static>],
        what: &str,
        owner: Option<&str>,
    ) -> Option<ir::Method> {
        let params = self.method_params(m, at, what);
        let returns_receiver = owner.is_some_and(|o| builder_step(m, o));
        let ret = if returns_receiver {
            ir::Ret {
                ty: ir::Ty::Unit,
                error: None,
                boxed_impl: None,
                keeps: None,
            }
        } else {
            self.method_ret(m, at, what)?
        };
        let mut params = params?;
        let mut ret = ret;
        ret.keeps = self.result_keeps(m, &params, &ret, owner, at, what)?;
        self.trailing_defaults(&mut params, at, what);
        let type_args = self.method_type_args(m, at, what);
        let trait_path = m.trait_.as_ref().and_then(|t| {
            let t_at = with(at, &[Step::Field("trait")]);
            self.ck
                .parse_ty(&t_at, t, &format!("the trait of {what}"))
                .map(|t| self.rust_spelling(&t.without_lifetimes()))
        });
        let operator = ir::operators::Operator::from_python_name(&m.name);
        if let Some(op) = operator {
            self.operator_shape(op, m, &params, &ret, returns_receiver, at, what)?;
        }
        // A `Sync` callable may be called from the call's own threads while
        // the call waits for them: it runs without the GIL, or they never get it.
        let release_gil = m.release_gil || params.iter().any(|p| p.ty.called_from_threads());
        Some(ir::Method {
            trait_path,
            returns_receiver,
            operator,
            python_name: m.name.clone(),
            rust_name: m.rust.clone(),
            doc: doc_of(&m.doc, &m.doc_override),
            type_args,
            receiver: match m.receiver {
                idl::Receiver::None => ir::Receiver::None,
                idl::Receiver::Ref => ir::Receiver::Ref,
                idl::Receiver::RefMut => ir::Receiver::RefMut,
                idl::Receiver::Value => ir::Receiver::Value,
            },
            params,
            ret,
            release_gil,
        })
    }

    /// What the object a method returns keeps when it borrows
    /// (`types::borrows`); `None` (an error said) when that cannot be bound.
    fn result_keeps(
        &mut self,
        m: &idl::Method,
        params: &[ir::Param],
        ret: &ir::Ret,
        owner: Option<&str>,
        at: &[Step<'static>],
        what: &str,
    ) -> Option<Option<Box<ir::Keeps>>> {
        let (Ok(ret_written), Ok(written)) = (
            parse_type(&m.ret),
            m.params
                .iter()
                .map(|p| parse_type(&p.ty))
                .collect::<Result<Vec<_>, _>>(),
        ) else {
            return Some(None);
        };
        let class_lifetimes = owner
            .and_then(|o| self.classes.iter().find(|c| class_type_path(c) == o))
            .map(|c| c.lifetimes())
            .unwrap_or_default();
        let receiver = match m.receiver {
            idl::Receiver::None => ir::Receiver::None,
            idl::Receiver::Ref => ir::Receiver::Ref,
            idl::Receiver::RefMut => ir::Receiver::RefMut,
            idl::Receiver::Value => ir::Receiver::Value,
        };
        let receiver = owner.map(|_| borrows::ReceiverOf {
            receiver,
            lifetime: m.receiver_lifetime.as_deref(),
            class_lifetimes: &class_lifetimes,
        });
        let params: Vec<borrows::ParamOf> = params
            .iter()
            .zip(&written)
            .map(|(p, w)| borrows::ParamOf {
                name: &p.python_name,
                written: w,
                ty: &p.ty,
            })
            .collect();
        match borrows::result_keeps(&ret_written, &ret.ty, receiver.as_ref(), &params, self.env) {
            Ok(keeps) => Some(keeps),
            Err(u) => {
                self.ck.unbindable(
                    &with(at, &[Step::Field("ret")]),
                    format!("the result of {what} borrows in a way rsbind cannot bind"),
                    &u,
                    "help: move it into `skipped`",
                );
                None
            }
        }
    }

    /// The classmethods that make the class from another value (its `From`
    /// impls, bound as `from_x`): an `impl Into<T>` parameter takes what they take.
    fn makers_of(&self, class: usize) -> Vec<usize> {
        let c = self.classes[class];
        let own = class_type_path(c);
        c.methods
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.receiver == idl::Receiver::None
                    && m.params.len() == 1
                    && (m.ret == own || m.ret == "Self")
                    && m.trait_.as_deref().is_some_and(|t| {
                        parse_type(t).is_ok_and(|t| {
                            matches!(&t, TypeExpr::Path(p) if matches!(p.names().as_str(), "std::convert::From" | "From"))
                        })
                    })
            })
            .map(|(k, _)| k)
            .collect()
    }

    /// An operator's method has the operator's shape (`__add__`: `self` and one
    /// operand; `__iadd__`: `&mut self` and one operand, no result; `__neg__`:
    /// `self` alone).
    #[allow(clippy::too_many_arguments)]
    fn operator_shape(
        &mut self,
        op: ir::operators::Operator,
        m: &idl::Method,
        params: &[ir::Param],
        ret: &ir::Ret,
        returns_receiver: bool,
        at: &[Step<'static>],
        what: &str,
    ) -> Option<()> {
        use ir::operators::OperatorShape as S;
        let shape = op.shape();
        let (receivers, arity, wants_result): (&[idl::Receiver], usize, bool) = match shape {
            S::Binary => (&[idl::Receiver::Ref, idl::Receiver::Value], 1, true),
            S::InPlace => (&[idl::Receiver::RefMut], 1, false),
            S::Unary => (&[idl::Receiver::Ref, idl::Receiver::Value], 0, true),
        };
        let has_result = ret.ty != ir::Ty::Unit || returns_receiver;
        let problem = if !receivers.contains(&m.receiver) {
            Some(match shape {
                S::InPlace => "it must take `&mut self`",
                _ => "it must take `self` or `&self`",
            })
        } else if params.len() != arity {
            Some(if arity == 0 {
                "it must take no parameter besides `self`"
            } else {
                "it must take exactly one parameter besides `self`"
            })
        } else if wants_result != has_result && !(shape == S::InPlace && returns_receiver) {
            Some(if wants_result {
                "it must return a value"
            } else {
                "it must return nothing: it changes `self`"
            })
        } else {
            None
        };
        match problem {
            Some(p) => {
                self.ck
                    .error(
                        &with(at, &[Step::Field("name")]),
                        format!("{what} is the operator `{}`, but {p}", op.python_name()),
                        "operator name",
                    )
                    .notes
                    .push(
                        "help: give the method another `name` to bind it as a plain method"
                            .to_string(),
                    );
                None
            }
            None => Some(()),
        }
    }

    /// A parameter's `unsafe_no_copy`, checked: only a `&[T]`/`&mut [T]` of a
    /// function that releases the GIL is copied, and the reason is written.
    fn no_copy(
        &mut self,
        m: &idl::Method,
        p: &idl::Param,
        p_at: &[Step<'static>],
        pwhat: &str,
        ty: &ir::Ty,
    ) -> Option<String> {
        let why = p.unsafe_no_copy.as_ref()?;
        let at = with(p_at, &[Step::Field("unsafe_no_copy")]);
        let slice = matches!(
            ty,
            ir::Ty::Seq(_, ir::SeqForm::Slice | ir::SeqForm::SliceMut)
        );
        let problem = if !m.release_gil {
            Some("it keeps the GIL, so its buffers are lent without a copy already")
        } else if !slice {
            Some("only a `&[T]` or `&mut [T]` parameter is copied")
        } else if why.trim().is_empty() {
            Some("the reason is empty")
        } else {
            None
        };
        match problem {
            Some(problem) => {
                self.ck
                    .error(
                        &at,
                        format!("{pwhat} cannot opt out of the copy: {problem}"),
                        "unsafe_no_copy",
                    )
                    .notes
                    .push(
                        "help: `unsafe_no_copy: Some(\"why no Python thread writes it during the call\")` \
                         goes on a `&[T]`/`&mut [T]` parameter of a function with `release_gil: true`"
                            .to_string(),
                    );
                None
            }
            None => Some(why.clone()),
        }
    }

    /// The parameters, each checked and lowered; `None` when one does not lower.
    fn method_params(
        &mut self,
        m: &idl::Method,
        at: &[Step<'static>],
        what: &str,
    ) -> Option<Vec<ir::Param>> {
        let mut params = Vec::new();
        let mut ok = true;
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (pi, p) in m.params.iter().enumerate() {
            let p_at = with(at, &[Step::Field("params"), Step::Index(pi)]);
            let name_at = with(&p_at, &[Step::Field("name")]);
            let ty_at = with(&p_at, &[Step::Field("ty")]);
            let pwhat = format!("parameter `{}` of {what}", p.name);
            self.ck.check_name(
                &name_at,
                &p.name,
                &format!("parameter {} of {what}", pi + 1),
            );
            if p.name.starts_with("rsbind_") {
                self.ck.error(
                    &name_at,
                    format!("{pwhat} uses the reserved prefix `rsbind_`"),
                    "reserved name",
                );
            }
            if let Some(first) = seen.insert(&p.name, pi) {
                self.ck
                    .error(
                        &name_at,
                        format!("{what} has two parameters named `{}`", p.name),
                        "named again here",
                    )
                    .notes
                    .push(format!("note: parameter {} has the same name", first + 1));
            }
            match self.ck.parse_ty(&ty_at, &p.ty, &pwhat) {
                Some(t) => match lower_param(&t, self.env) {
                    Ok(ty) => {
                        let default = p.default.as_ref().and_then(|text| {
                            let default_at = with(&p_at, &[Step::Field("default")]);
                            match parse_default(text, &ty) {
                                Ok(d) => Some(d),
                                Err(why) => {
                                    self.ck
                                        .error(&default_at, format!("the default of {pwhat} is not usable: {why}"), &why)
                                        .notes
                                        .push("help: a default is a Python literal of the parameter's type: `0`, `2.5`, `\"text\"`, `True`, `None`".to_string());
                                    None
                                }
                            }
                        });
                        let made_by = match (&ty, p.instantiates.as_deref()) {
                            (ir::Ty::Class(i, ir::ClassMode::Value), Some(bound))
                                if bound.contains("Into<") =>
                            {
                                self.makers_of(*i)
                            }
                            _ => Vec::new(),
                        };
                        // A callable is a closure the stub makes: nothing to infer.
                        let callable = matches!(ty, ir::Ty::Callable(_) | ir::Ty::Trait(..));
                        let unsafe_no_copy = self.no_copy(m, p, &p_at, &pwhat, &ty);
                        let written = [p.ty.as_str(), p.instantiates.as_deref().unwrap_or("")];
                        let kept_by_rust = ty.kept_past_the_call(&written);
                        params.push(ir::Param {
                            python_name: p.name.clone(),
                            ty,
                            defaults_to_none: false,
                            default,
                            inferred: p
                                .instantiates
                                .as_deref()
                                .filter(|i| i.starts_with("impl ") && !callable)
                                .and_then(|_| parse_type(&p.ty).ok())
                                .map(|t| self.rust_spelling(&t)),
                            from_iterable: p
                                .instantiates
                                .as_deref()
                                .is_some_and(|i| i.contains("IntoIterator<")),
                            made_by,
                            unsafe_no_copy,
                            kept_by_rust,
                        })
                    }
                    Err(u) => {
                        ok = false;
                        self.ck.unbindable(
                            &ty_at,
                            format!("{pwhat} has a type rsbind cannot bind"),
                            &u,
                            "help: move it into `skipped`, or change the parameter's type",
                        );
                    }
                },
                None => ok = false,
            }
        }
        ok.then_some(params)
    }

    fn method_ret(&mut self, m: &idl::Method, at: &[Step<'static>], what: &str) -> Option<ir::Ret> {
        let ret_at = with(at, &[Step::Field("ret")]);
        let borrows = matches!(m.receiver, idl::Receiver::Ref | idl::Receiver::RefMut)
            .then_some(m.receiver == idl::Receiver::RefMut);
        let ret = match self
            .ck
            .parse_ty(&ret_at, &m.ret, &format!("the return value of {what}"))
        {
            Some(t) => match lower_method_return(&t, borrows, self.env) {
                Ok(r) => Some(r),
                Err(u) => {
                    self.ck.unbindable(
                        &ret_at,
                        format!("the return type of {what} cannot be bound"),
                        &u,
                        "help: move it into `skipped`, or change its return type",
                    );
                    None
                }
            },
            None => None,
        };
        ret
    }

    /// Which parameters may be omitted: a trailing run of `Option`s and
    /// defaults; a default followed by a parameter without one is an error.
    fn trailing_defaults(&mut self, params: &mut [ir::Param], at: &[Step<'static>], what: &str) {
        // A trailing run of `Option` parameters may be omitted (MAPPING.md, Functions).
        for p in params.iter_mut().rev() {
            if matches!(p.ty, ir::Ty::Option(_)) || p.default.is_some() {
                p.defaults_to_none = p.default.is_none();
            } else {
                break;
            }
        }
        // As in Python, a parameter with a default is followed only by others.
        if let Some(first) = params.iter().position(|p| p.default.is_some()) {
            if let Some(later) = params[first..]
                .iter()
                .position(|p| p.default.is_none() && !p.defaults_to_none)
            {
                let bad = first + later;
                self.ck
                    .error(
                        &with(at, &[Step::Field("params"), Step::Index(bad)]),
                        format!(
                            "parameter `{}` of {what} has no default, but parameter `{}` before it has one",
                            params[bad].python_name, params[first].python_name
                        ),
                        "needs a default",
                    )
                    .notes
                    .push("help: give it a default too, or remove the earlier one (Python requires this order)".to_string());
            }
        }
    }

    /// An instantiation's type arguments, as the stubs spell them.
    fn method_type_args(
        &mut self,
        m: &idl::Method,
        at: &[Step<'static>],
        what: &str,
    ) -> Vec<String> {
        let mut type_args = Vec::new();
        for (ti, arg) in m.type_args.iter().enumerate() {
            let arg_at = with(at, &[Step::Field("type_args"), Step::Index(ti)]);
            if let Some(t) =
                self.ck
                    .parse_ty(&arg_at, arg, &format!("type argument {} of {what}", ti + 1))
            {
                type_args.push(self.rust_spelling(&t));
            }
        }
        type_args
    }

    /// The fields of a class or variant; `built_from_fields` when its
    /// constructor takes every field, so none may be read-only.
    fn fields(
        &mut self,
        fields: &[idl::Field],
        at: &[Step<'static>],
        owner: &str,
        built_from_fields: bool,
    ) -> Vec<ir::Field> {
        let mut out = Vec::new();
        let mut seen = BTreeMap::new();
        for (fi, f) in fields.iter().enumerate() {
            let f_at = with(at, &[Step::Field("fields"), Step::Index(fi)]);
            let name_at = with(&f_at, &[Step::Field("name")]);
            let ty_at = with(&f_at, &[Step::Field("ty")]);
            let what = format!("field `{}` of {owner}", f.name);
            self.ck
                .check_name(&name_at, &f.name, &format!("field {} of {owner}", fi + 1));
            if seen.insert(f.name.clone(), fi).is_some() {
                self.ck.error(
                    &name_at,
                    format!("{owner} has two fields named `{}`", f.name),
                    "named again here",
                );
            }
            let Some(t) = self.ck.parse_ty(&ty_at, &f.ty, &what) else {
                continue;
            };
            // A borrow is only read: Python cannot lend one.
            let readonly = types::field_borrows(&t);
            if let Some(reason) = types::field_holds_borrowing(&t, self.env) {
                self.ck.unbindable(
                    &ty_at,
                    format!("{what} cannot be bound"),
                    &types::Unsupported {
                        reason,
                        did_you_mean: None,
                    },
                    "help: move it into `skipped`",
                );
                continue;
            }
            if readonly && built_from_fields {
                self.ck
                    .error(
                        &ty_at,
                        format!("{what} holds a borrow, which no value from Python can lend, but {owner} is built from its fields"),
                        "read-only field",
                    )
                    .notes
                    .push("help: a class with a read-only field needs another constructor (`Default`, `None` or a method); a variant cannot hold one".to_string());
                continue;
            }
            let lowered = if readonly {
                lower_value(&t, self.env)
            } else {
                lower_param(&t, self.env).and_then(|ty| lower_value(&t, self.env).map(|_| ty))
            };
            match lowered {
                Ok(ty) => out.push(ir::Field {
                    python_name: f.name.clone(),
                    rust_name: f.rust.clone(),
                    ty,
                    doc: doc_of(&f.doc, &f.doc_override),
                    readonly,
                }),
                Err(u) => {
                    self.ck.unbindable(
                        &ty_at,
                        format!("{what} has a type rsbind cannot bind"),
                        &u,
                        "help: move the field into `skipped`, or change its type",
                    );
                }
            }
        }
        out
    }

    /// Two members of a class (fields, variants, methods, consts) with one
    /// Python name would hide each other: each later one is an error.
    fn member_clashes(&mut self, c: &idl::Class, at: &[Step<'static>], what: &str) {
        let mut seen: BTreeMap<&str, String> = BTreeMap::new();
        let members = c
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (&f.name, "fields", i, "field"))
            .chain(
                c.variants
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (&v.name, "variants", i, "variant")),
            )
            .chain(
                c.methods
                    .iter()
                    .enumerate()
                    // An operator's methods share its name: one per right-hand type;
                    // so do the instantiations of one generic method (overloads).
                    .filter(|(i, m)| {
                        let operator = ir::operators::Operator::from_python_name(&m.name)
                            .is_some_and(|op| op.takes_operand());
                        let mut earlier = c.methods[..*i]
                            .iter()
                            .filter(|e| e.name == m.name)
                            .peekable();
                        match earlier.peek() {
                            None => true,
                            Some(_) if operator => false,
                            Some(_) => !earlier.all(|e| m.is_overload_of(e)),
                        }
                    })
                    .map(|(i, m)| (&m.name, "methods", i, "method")),
            )
            .chain(
                c.consts
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (&v.name, "consts", i, "const")),
            );
        for (name, list, index, kind) in members {
            let here = format!("{kind} `{name}`");
            match seen.get(name.as_str()) {
                Some(first) => {
                    self.ck
                        .error(
                            &with(
                                at,
                                &[Step::Field(list), Step::Index(index), Step::Field("name")],
                            ),
                            format!("{what} has two members named `{name}`: {first} and {here}"),
                            "named again here",
                        )
                        .notes
                        .push("help: rename one of them with its `name` field".to_string());
                }
                None => {
                    seen.insert(name, here);
                }
            }
        }
    }

    fn class(&mut self, c: &idl::Class, at: &[Step<'static>], ns: usize) {
        let what = format!("class `{}`", c.name);
        let (traits, iterator_item) = self.class_traits(c, at, &what);
        let from_fields = matches!(c.constructor, idl::Constructor::Fields);
        let fields = self.fields(&c.fields, at, &what, from_fields);
        let variants = self.class_variants(c, at, &what);
        let kind = match c.shape {
            idl::Shape::Enum if variants.iter().all(|v| v.shape == ir::VariantShape::Unit) => {
                ir::ClassKind::IntEnum
            }
            idl::Shape::Enum => ir::ClassKind::DataEnum,
            _ => ir::ClassKind::Struct,
        };
        let mut methods = self.class_methods(c, at, &what);
        let constructor = self.class_constructor(c, at, &what);
        if kind == ir::ClassKind::IntEnum {
            // Members of an IntEnum are ints: nothing can change one, and
            // operators would need slots of the int type.
            let (kept, dropped): (Vec<_>, Vec<_>) = methods
                .into_iter()
                .partition(|m| m.receiver != ir::Receiver::RefMut && m.operator.is_none());
            for m in dropped {
                self.ck.diags.push(Diagnostic::warning(format!(
                    "the method `{}.{}` is not bound: `{}` is an IntEnum, whose members cannot change and take no operators",
                    c.name, m.python_name, c.name
                )));
            }
            methods = kept;
        }
        let consts = c
            .consts
            .iter()
            .enumerate()
            .filter_map(|(ci, v)| {
                let v_at = with(at, &[Step::Field("consts"), Step::Index(ci)]);
                self.value(v, &v_at, ns, ir::ValueKind::Const)
            })
            .collect();
        self.member_clashes(c, at, &what);
        if c.is_instance() && c.shape == idl::Shape::Enum {
            self.ck
                .error(
                    &with(at, &[Step::Field("type_args")]),
                    format!("{what} instantiates a generic enum: only generic structs and functions take instantiations"),
                    "generic enum",
                )
                .notes
                .push(
                    "help: list instantiations of generic structs and functions only".to_string(),
                );
        }
        self.module.classes.push(ir::Class {
            python_name: c.name.clone(),
            rust_path: c.path.clone(),
            from_crate: c.from_crate.clone(),
            // A borrowing class's objects hold it with its lifetimes erased:
            // they keep what it borrows from instead (MAPPING: Borrowed results).
            type_args: c
                .type_args
                .iter()
                .map(|a| match parse_type(a) {
                    _ if a.starts_with('\'') => "'static".to_string(),
                    Ok(t) => self.rust_spelling(&t),
                    Err(_) => a.clone(),
                })
                .collect(),
            doc: doc_of(&c.doc, &c.doc_override),
            namespace: ns,
            kind,
            fields,
            variants,
            traits,
            iterator_item,
            constructor,
            methods,
            consts,
            is_exception: false,
            borrowing: c.is_borrowing(),
        });
    }

    /// The protocol traits a class lists, and its iterator item.
    fn class_traits(
        &mut self,
        c: &idl::Class,
        at: &[Step<'static>],
        what: &str,
    ) -> (ir::Traits, Option<ir::Ret>) {
        let mut traits = ir::Traits::default();
        for (ti, t) in c.traits.iter().enumerate() {
            let flag = match t.as_str() {
                "Clone" => &mut traits.clone,
                "Copy" => &mut traits.copy,
                "Debug" => &mut traits.debug,
                "Display" => &mut traits.display,
                "Default" => &mut traits.default,
                "PartialEq" => &mut traits.partial_eq,
                "Eq" => &mut traits.eq,
                "PartialOrd" => &mut traits.partial_ord,
                "Ord" => &mut traits.ord,
                "Hash" => &mut traits.hash,
                "Iterator" => &mut traits.iterator,
                "DoubleEndedIterator" => &mut traits.double_ended,
                "IntoIterator" => &mut traits.iter_by_ref,
                "Serialize" => &mut traits.serialize,
                "Deserialize" => &mut traits.deserialize,
                other => {
                    self.ck
                        .error(
                            &with(at, &[Step::Field("traits"), Step::Index(ti)]),
                            format!("{what} lists the trait `{other}`, which rsbind does not map to Python"),
                            "unknown trait",
                        )
                        .notes
                        .push("help: the traits are Clone, Copy, Debug, Display, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Iterator, DoubleEndedIterator, IntoIterator, Serialize and Deserialize".to_string());
                    continue;
                }
            };
            *flag = true;
        }
        let iterates = traits.iterator || traits.iter_by_ref;
        let iterator_item = match (&c.iterator_item, iterates) {
            (Some(item), true) => {
                let item_at = with(at, &[Step::Field("iterator_item")]);
                // `IntoIterator` for `&T` hands out copies of what it borrows.
                let lifetimes = c.lifetimes();
                let lowered = |t: &TypeExpr| match traits.iterator {
                    true => {
                        let mut ret =
                            types::lower_iterator_item(t, !lifetimes.is_empty(), self.env)?;
                        // An item that borrows through the iterator's lifetimes keeps it.
                        let receiver = borrows::ReceiverOf {
                            receiver: ir::Receiver::RefMut,
                            lifetime: None,
                            class_lifetimes: &lifetimes,
                        };
                        ret.keeps =
                            borrows::result_keeps(t, &ret.ty, Some(&receiver), &[], self.env)?;
                        Ok(ret)
                    }
                    false => types::lower_value(t, self.env).map(|ty| ir::Ret {
                        ty,
                        error: None,
                        boxed_impl: None,
                        keeps: None,
                    }),
                };
                self.ck
                    .parse_ty(&item_at, item, &format!("the iterator item of {what}"))
                    .and_then(|t| match lowered(&t) {
                        Ok(ty) => Some(ty),
                        Err(u) => {
                            self.ck.error(
                                &item_at,
                                format!("the iterator item of {what} cannot be bound"),
                                &u.reason,
                            );
                            None
                        }
                    })
            }
            (None, true) => {
                self.ck.error(
                    &with(at, &[Step::Field("traits")]),
                    format!("{what} is an Iterator (or IntoIterator) but has no `iterator_item`"),
                    "Iterator without its Item",
                );
                None
            }
            _ => None,
        };
        (traits, iterator_item)
    }

    fn class_variants(
        &mut self,
        c: &idl::Class,
        at: &[Step<'static>],
        what: &str,
    ) -> Vec<ir::Variant> {
        let mut variants = Vec::new();
        // Rust's rule: the first is 0 unless written, each next one more.
        let mut next: Option<i128> = Some(0);
        for (vi, v) in c.variants.iter().enumerate() {
            let value = match &v.discriminant {
                Some(expr) => discriminant_value(expr),
                None => next,
            };
            next = value.and_then(|n| n.checked_add(1));
            let v_at = with(at, &[Step::Field("variants"), Step::Index(vi)]);
            self.ck.check_name(
                &with(&v_at, &[Step::Field("name")]),
                &v.name,
                &format!("a variant of {what}"),
            );
            let vwhat = format!("variant `{}` of {what}", v.name);
            variants.push(ir::Variant {
                python_name: v.name.clone(),
                rust_name: v.rust.clone(),
                shape: match v.shape {
                    idl::Shape::Tuple => ir::VariantShape::Tuple,
                    idl::Shape::Struct => ir::VariantShape::Struct,
                    _ => ir::VariantShape::Unit,
                },
                fields: self.fields(&v.fields, &v_at, &vwhat, true),
                doc: doc_of(&v.doc, &v.doc_override),
                value,
            });
        }
        variants
    }

    fn class_methods(
        &mut self,
        c: &idl::Class,
        at: &[Step<'static>],
        what: &str,
    ) -> Vec<ir::Method> {
        let mut methods = Vec::new();
        for (mi, m) in c.methods.iter().enumerate() {
            let m_at = with(at, &[Step::Field("methods"), Step::Index(mi)]);
            self.ck.check_name(
                &with(&m_at, &[Step::Field("name")]),
                &m.name,
                &format!("a method of {what}"),
            );
            let mwhat = format!("method `{}.{}`", c.name, m.name);
            if let Some(lowered) = self.method_of(m, &m_at, &mwhat, Some(&class_type_path(c))) {
                methods.push(lowered);
            }
        }
        methods
    }

    fn class_constructor(
        &mut self,
        c: &idl::Class,
        at: &[Step<'static>],
        what: &str,
    ) -> Option<ir::Constructor> {
        match &c.constructor {
            idl::Constructor::None => None,
            idl::Constructor::Default => Some(ir::Constructor::Default),
            idl::Constructor::Fields => Some(ir::Constructor::Fields(match c.shape {
                idl::Shape::Tuple => ir::VariantShape::Tuple,
                idl::Shape::Unit => ir::VariantShape::Unit,
                _ => ir::VariantShape::Struct,
            })),
            idl::Constructor::Method(m) => {
                let m_at = with(at, &[Step::Field("constructor")]);
                self.method(m, &m_at, &format!("the constructor of {what}"))
                    .map(|m| ir::Constructor::Method(Box::new(m)))
            }
        }
    }
}

/// Reads a parameter's default: a Python literal that suits the parameter's type.
fn parse_default(text: &str, ty: &ir::Ty) -> Result<ir::PyLiteral, String> {
    let t = text.trim();
    let inner = match ty {
        ir::Ty::Option(inner) => &**inner,
        other => other,
    };
    let literal = if t == "None" {
        ir::PyLiteral::None
    } else if t == "True" || t == "False" {
        ir::PyLiteral::Bool(t == "True")
    } else if let Some(body) = t
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| t.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
    {
        if body.contains('\\') || body.contains('"') || body.contains('\'') {
            return Err(
                "a string default is written without quotes or backslashes inside".to_string(),
            );
        }
        ir::PyLiteral::Str(body.to_string())
    } else if is_int_literal(t) {
        ir::PyLiteral::Int(t.trim_start_matches('+').to_string())
    } else if t.parse::<f64>().is_ok_and(|f| f.is_finite())
        && t.chars().any(|c| c == '.' || c == 'e' || c == 'E')
    {
        ir::PyLiteral::Float(t.to_string())
    } else {
        return Err(format!("`{t}` is not a Python literal rsbind understands"));
    };
    let fits = match (&literal, inner) {
        (ir::PyLiteral::None, _) => matches!(ty, ir::Ty::Option(_)),
        (ir::PyLiteral::Bool(_), ir::Ty::Bool) => true,
        (ir::PyLiteral::Int(_), ir::Ty::Int(_) | ir::Ty::Float(_)) => true,
        (ir::PyLiteral::Float(_), ir::Ty::Float(_)) => true,
        (ir::PyLiteral::Str(s), ir::Ty::Char) => s.chars().count() == 1,
        (ir::PyLiteral::Str(_), ir::Ty::Str(_) | ir::Ty::Path(_)) => true,
        _ => false,
    };
    if !fits {
        return Err(format!("`{t}` does not fit the parameter's type"));
    }
    match (&literal, inner) {
        (ir::PyLiteral::Int(digits), ir::Ty::Int(kind)) => int_in_range(digits, *kind)?,
        (ir::PyLiteral::Int(v) | ir::PyLiteral::Float(v), ir::Ty::Float(ir::FloatKind::F32))
            if v.parse::<f32>().is_ok_and(f32::is_infinite) =>
        {
            return Err(format!("`{t}` is out of range for `f32`"));
        }
        _ => {}
    }
    Ok(literal)
}

/// `42`, `-7`, `+3`: the integers a default may be (its range is checked later).
fn is_int_literal(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An integer default must fit its Rust type, or the call would fail (or wrap) at
/// every use. `isize`/`usize` are checked as 64-bit, the width of the targets
/// rsbind builds for.
fn int_in_range(digits: &str, kind: ir::IntKind) -> Result<(), String> {
    use ir::IntKind::*;
    let (name, min, max): (&str, i128, u128) = match kind {
        I8 => ("i8", i8::MIN.into(), i8::MAX as u128),
        I16 => ("i16", i16::MIN.into(), i16::MAX as u128),
        I32 => ("i32", i32::MIN.into(), i32::MAX as u128),
        I64 | Isize => (
            if kind == I64 { "i64" } else { "isize" },
            i64::MIN.into(),
            i64::MAX as u128,
        ),
        I128 => ("i128", i128::MIN, i128::MAX as u128),
        U8 => ("u8", 0, u8::MAX.into()),
        U16 => ("u16", 0, u16::MAX.into()),
        U32 => ("u32", 0, u32::MAX.into()),
        U64 | Usize => (
            if kind == U64 { "u64" } else { "usize" },
            0,
            u64::MAX.into(),
        ),
        U128 => ("u128", 0, u128::MAX),
    };
    let fits = match digits.parse::<i128>() {
        Ok(v) => v >= min && (v < 0 || v as u128 <= max),
        Err(_) => digits.parse::<u128>().is_ok_and(|v| v <= max),
    };
    if fits {
        Ok(())
    } else {
        Err(format!(
            "`{digits}` is out of range for `{name}` ({min} to {max})"
        ))
    }
}

/// The value of a discriminant written as an integer literal (`3`, `-1`,
/// `0x10`, `1_000u16`); `None` for other expressions (`A::B as isize`, `1 << 3`).
fn discriminant_value(expr: &str) -> Option<i128> {
    let expr = expr.trim();
    let (negative, digits) = match expr.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, expr),
    };
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, digits),
    };
    let digits = digits.replace('_', "");
    // A type suffix (`u8`, `isize`): hex digits stop before it too.
    let digits = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ]
    .iter()
    .find_map(|s| digits.strip_suffix(s))
    .unwrap_or(&digits);
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    if negative {
        magnitude.checked_neg()
    } else {
        Some(magnitude)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn discriminant_literals_have_values() {
        use super::discriminant_value as v;
        assert_eq!(v("3"), Some(3));
        assert_eq!(v("-1"), Some(-1));
        assert_eq!(v("0x10"), Some(16));
        assert_eq!(v("0b101"), Some(5));
        assert_eq!(v("1_000u16"), Some(1000));
        assert_eq!(v("-0x80i8"), Some(-128));
        assert_eq!(v("1 << 3"), None);
        assert_eq!(v("A::B as isize"), None);
    }

    /// A callable or trait object Rust may keep past the call makes every
    /// call of the module one that may run Python code; one the call only
    /// borrows does not.
    #[test]
    fn callables_kept_past_the_call() {
        let function = |name: &str, ty: &str, instantiates: Option<&str>| {
            let inst = instantiates
                .map(|i| format!(", instantiates: Some(\"{i}\")"))
                .unwrap_or_default();
            format!(
                "Function(name: \"{name}\", path: \"{name}\", doc: \"\", params: [Param(name: \"f\", ty: \"{ty}\"{inst})], ret: \"()\"),"
            )
        };
        let cases = [
            ("now", "impl Fn() -> i64", Some("impl Fn() -> i64"), false),
            ("by_ref", "&dyn Fn() -> i64", None, false),
            ("by_mut", "&mut dyn FnMut(i64)", None, false),
            ("maybe", "Option<&dyn Fn() -> i64>", None, false),
            (
                "keep",
                "impl Fn() -> i64",
                Some("impl Fn() -> i64 + 'static"),
                true,
            ),
            (
                "keep_generic",
                "impl Fn() -> i64",
                Some("F: 'static + Fn() -> i64"),
                true,
            ),
            ("tied", "&'a dyn Fn() -> i64", None, true),
            ("boxed", "Box<dyn Fn() -> i64>", None, true),
            ("maybe_boxed", "Option<Box<dyn Fn() -> i64>>", None, true),
        ];
        let module = |items: &[String]| {
            let text = format!(
                "Interface(format: 8, module: \"m\", crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"), doc: \"\", items: [{}])",
                items.join("\n")
            );
            let interface = crate::idl::parse(&text, "m.ron").expect("parses");
            super::lower(&interface, "m.ron", &text)
                .unwrap_or_else(|d| panic!("{d:?}"))
                .0
        };
        let all: Vec<String> = cases
            .iter()
            .map(|(n, t, i, _)| function(n, t, *i))
            .collect();
        let ir = module(&all);
        for ((name, _, _, kept), f) in cases.iter().zip(&ir.functions) {
            assert_eq!(&f.python_name, name);
            assert_eq!(f.params[0].kept_by_rust, *kept, "{name}");
        }
        assert!(ir.rust_keeps_python_objects());
        let borrowed: Vec<String> = cases
            .iter()
            .filter(|c| !c.3)
            .map(|(n, t, i, _)| function(n, t, *i))
            .collect();
        assert!(!module(&borrowed).rust_keeps_python_objects());
    }

    /// The complete example of idl-spec/README.md reads and checks clean, so the
    /// documentation stays true to the schema.
    #[test]
    fn the_documented_example_checks() {
        let readme = include_str!("../../../idl-spec/README.md");
        let start = readme.find("```ron\n").expect("a ron example") + "```ron\n".len();
        let end = start + readme[start..].find("```").expect("the example ends");
        let text = &readme[start..end];
        let interface = crate::idl::parse(text, "README.md").unwrap_or_else(|d| {
            panic!(
                "{}",
                crate::diag::render(
                    &d,
                    &[("README.md".to_string(), text.to_string())]
                        .into_iter()
                        .collect()
                )
            )
        });
        if let Err(d) = super::lower(&interface, "README.md", text) {
            panic!(
                "{}",
                crate::diag::render(
                    &d,
                    &[("README.md".to_string(), text.to_string())]
                        .into_iter()
                        .collect()
                )
            );
        }
    }
}
