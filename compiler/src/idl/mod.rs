//! The interface file: serde types of the RON schema, and reading and writing it.
//!
//! This is the contract with the person who curates the file; any change to a
//! type here bumps [`FORMAT_VERSION`] (a test in `tests/` enforces it).

pub mod comments;
pub mod spans;
pub mod ty;

use crate::diag::Diagnostic;
use comments::Comments;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ops::Range;

/// Version of the interface-file schema. Bump it with every change to the types below.
pub const FORMAT_VERSION: u32 = 8;

// schema:begin — the types below are the file format. Changing them means
// bumping FORMAT_VERSION and re-approving (see `schema_is_approved`).

/// A whole interface file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interface {
    /// Schema version the file was written for.
    pub format: u32,
    /// The Python module name (`import NAME`).
    pub module: String,
    /// The Rust crate that is bound.
    #[serde(rename = "crate")]
    pub krate: CrateRef,
    /// The module docstring (the crate's `//!` docs).
    #[serde(default)]
    pub doc: String,
    /// Everything that is bound, in the order it appears in Python.
    #[serde(default)]
    pub items: Vec<Item>,
    /// Public items the front end found but does not bind, with the reason.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateRef {
    /// The package name from Cargo.toml (`[package] name`).
    pub package: String,
    /// The library's Rust name, as the stubs write it in paths (`use LIB::...`).
    pub lib: String,
    /// The crate's folder, relative to the interface file.
    pub path: String,
    /// Crates whose types the bound API uses, bound with it (see `Class::from_crate`);
    /// the bindings package depends on exactly these versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    /// The cargo features the crate is compiled with, besides its default ones
    /// (unless `default_features` is false); extraction saw the crate with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// Whether the crate's default features are on (`--no-default-features` turns them off).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub default_features: bool,
}

/// A dependency of the bound crate whose types are bound too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// Its package name.
    pub package: String,
    /// Its library's Rust name.
    pub lib: String,
    /// A registry version (`"=1.0.27"`), or
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// its folder, relative to the interface file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

// An interface holds tens or hundreds of items: their size does not matter,
// and boxing classes would only make the code that builds them noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Item {
    Function(Function),
    Const(Value),
    Static(Value),
    /// A `static` of an atomic, `Mutex<T>` or `RwLock<T>`: a module attribute that
    /// reads the current value and stores on assignment.
    LiveStatic(LiveStatic),
    /// A struct or enum; one used as the error of a `Result` is also an exception class.
    Class(Class),
    /// A `pub mod` with bound items: a submodule (`import crate.geo`).
    Module(Module),
    /// A pub object-safe trait of the crate: a Python base class (a `Protocol`
    /// in the stubs); parameters of `&dyn Trait`, `Box<dyn Trait>`, ... accept
    /// an object of a bound class implementing it or any Python object with its
    /// methods.
    Trait(Trait),
}

/// A pub object-safe trait: what a Python object must have to be passed as one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trait {
    /// The Python class name.
    pub name: String,
    /// The public Rust path; type strings name it by this path (`&dyn Shape`).
    pub path: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
    /// Its methods (receivers `&self` or `&mut self`): Rust calls the Python
    /// object's method of the same `name`.
    #[serde(default)]
    pub methods: Vec<Method>,
    /// The Rust names of the methods with a default body: a Python object may
    /// lack them, and the trait's default runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provided: Vec<String>,
}

/// A public module of the crate, bound as a submodule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// The Python name (`geo` in `mycrate.geo`).
    pub name: String,
    /// The Rust path from the crate root.
    pub path: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// How a live static holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    /// `AtomicBool`, `AtomicI32`, ...: `load`/`store` with `SeqCst`.
    Atomic,
    /// `Mutex<T>`: `lock()`; a poisoned lock is still read.
    Mutex,
    /// `RwLock<T>`: `read()`/`write()`.
    RwLock,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveStatic {
    pub name: String,
    pub path: String,
    /// The value's type as Python sees it: `i64` for `AtomicI64`, `T` for `Mutex<T>`.
    pub ty: String,
    pub cell: Cell,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

/// A struct or enum of the crate, bound as a Python class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// The Python class name.
    pub name: String,
    /// The public Rust path; type strings name the type by this path.
    pub path: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
    pub shape: Shape,
    /// Pub fields of a struct (a tuple struct's are named `_0`, `_1`, ... with `rust: "0"`).
    #[serde(default)]
    pub fields: Vec<Field>,
    /// The variants of an enum.
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// The traits the type implements (derived or written by hand) that map to
    /// Python protocols: `Clone`, `Copy`, `Debug`, `Display`, `PartialEq`, `Eq`,
    /// `PartialOrd`, `Ord`, `Hash`, `Default`, `Iterator`.
    #[serde(default)]
    pub traits: Vec<String>,
    /// With `Iterator`: its `Item` type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterator_item: Option<String>,
    /// How `Class(..)` constructs.
    #[serde(default)]
    pub constructor: Constructor,
    /// Methods and associated functions (static methods).
    #[serde(default)]
    pub methods: Vec<Method>,
    /// Associated consts: class attributes.
    #[serde(default)]
    pub consts: Vec<Value>,
    /// `#[non_exhaustive]`: Python cannot build it from its fields.
    #[serde(default, skip_serializing_if = "is_false")]
    pub non_exhaustive: bool,
    /// The library of the dependency the type comes from, when it is not the
    /// bound crate's own (`path` is then relative to that crate's root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_crate: Option<String>,
    /// An instantiation of a generic struct: its type arguments (`Stack<i32>` is
    /// `path: "Stack", type_args: ["i32"]`); type strings name it `Stack<i32>`.
    /// A type with lifetime parameters lists them (`Match<'h>` is
    /// `type_args: ["'h"]`): its objects keep what they borrow from, and type
    /// strings name it with any lifetimes or none (`Match<'h>`, `Match`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_args: Vec<String>,
}

impl Class {
    /// Its lifetime parameters (`'h` of `Match<'h>`), from `type_args`.
    pub fn lifetimes(&self) -> Vec<String> {
        self.type_args
            .iter()
            .filter(|a| a.starts_with('\''))
            .cloned()
            .collect()
    }

    /// Whether it instantiates a generic struct (`Stack<i32>`): its type
    /// arguments are types, not lifetime parameters.
    pub fn is_instance(&self) -> bool {
        !self.type_args.is_empty() && !self.is_borrowing()
    }

    /// Whether its values borrow (it has lifetime parameters).
    pub fn is_borrowing(&self) -> bool {
        self.type_args.iter().any(|a| a.starts_with('\''))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// `struct S { a: T }`
    Struct,
    /// `struct S(T);`
    Tuple,
    /// `struct S;`
    Unit,
    /// `enum E { .. }`
    Enum,
}

// One per class of a file: the size of a `Method` in place costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Constructor {
    /// `Class(..)` raises `TypeError`.
    #[default]
    None,
    /// An associated function (`new`, receiver `None`) returning `Self` or
    /// `Result<Self, E>`; it is not listed in `methods` as well.
    Method(Method),
    /// From all the (pub) fields, by position or keyword.
    Fields,
    /// From `Default::default()`, with no arguments.
    Default,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The Python attribute name.
    pub name: String,
    /// The Rust field: its name, or its index in a tuple struct.
    pub rust: String,
    pub ty: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The Python name.
    pub name: String,
    /// The Rust variant name.
    pub rust: String,
    /// `Unit`, `Tuple` or `Struct` (never `Enum`).
    pub shape: Shape,
    #[serde(default)]
    pub fields: Vec<Field>,
    /// The explicit discriminant, as written (`3`, `-1`, `0x10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminant: Option<String>,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Receiver {
    /// An associated function: a static method.
    None,
    /// `&self`
    Ref,
    /// `&mut self`
    RefMut,
    /// `self`
    Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// The Python name.
    pub name: String,
    /// The Rust name.
    pub rust: String,
    #[serde(default)]
    pub doc: String,
    pub receiver: Receiver,
    /// The lifetime of `&'a self` (`'a`), where the result names it: the
    /// result borrows `self` through it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "plain_some"
    )]
    pub receiver_lifetime: Option<String>,
    #[serde(default)]
    pub params: Vec<Param>,
    #[serde(default = "unit_type")]
    pub ret: String,
    /// A method of a trait the type implements: the trait, written like a type
    /// (`std::ops::Add<Decimal>`, `Shape`, `dep::Trait`); the call is
    /// `<Type as Trait>::rust(..)`.
    #[serde(
        rename = "trait",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "plain_some"
    )]
    pub trait_: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub release_gil: bool,
    /// An instantiation of a generic method: its type arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_args: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

/// An optional string the file writes plainly (`trait: "Add"`, not `Some("Add")`).
fn plain_some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

impl Method {
    /// Whether two entries are the same Rust method: one name, one trait
    /// (a type may have `from` of `From<u32>` and of `From<f64>`).
    pub fn same_member(&self, other: &Method) -> bool {
        self.rust == other.rust && self.trait_ == other.trait_
    }

    /// Its path in messages: `Money::round`, or `<Money as Add<Money>>::add`.
    pub fn path_in(&self, class_path: &str) -> String {
        match &self.trait_ {
            Some(t) => format!("<{class_path} as {t}>::{}", self.rust),
            None => format!("{class_path}::{}", self.rust),
        }
    }
}

/// A free function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// The Python name.
    pub name: String,
    /// The public Rust path from the crate root, by which the stub calls it.
    pub path: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub params: Vec<Param>,
    /// The Rust return type; `()` when it returns nothing.
    #[serde(default = "unit_type")]
    pub ret: String,
    /// Release the GIL while the Rust function runs.
    #[serde(default, skip_serializing_if = "is_false")]
    pub release_gil: bool,
    /// An instantiation of a generic function: its type arguments
    /// (`largest::<i64>` is `path: "largest", type_args: ["i64"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_args: Vec<String>,
    /// A docstring that replaces `doc` (which re-extraction refreshes from the crate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// The Python name (also the keyword).
    pub name: String,
    /// The Rust type.
    pub ty: String,
    /// A Python default value: a literal (`0`, `2.5`, `"text"`, `True`, `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// For a parameter whose type is a generic one: what `ty` instantiates, as
    /// declared (`impl AsRef<str>`, `I: IntoIterator<Item = P>`). An `impl
    /// Trait` parameter cannot be named in a call: `ty` is the concrete type
    /// the stub passes and the compiler infers the parameter from; a named
    /// one's type is its `type_args` entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instantiates: Option<String>,
    /// In a function that releases the GIL: lend this `&[T]`/`&mut [T]`
    /// buffer to Rust without the copy MAPPING *Threads* asks for, for the
    /// reason written here. An explicit unsafe choice: a Python thread that
    /// writes the buffer during the call is then a data race in Rust.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsafe_no_copy: Option<String>,
}

/// A `pub const` or a `pub static`: a module attribute read at import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub name: String,
    pub path: String,
    pub ty: String,
    #[serde(default)]
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_override: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// The Rust path of the item (from the crate root, or its file when it has none).
    pub path: String,
    /// What it is: `fn`, `struct`, `enum`, `trait`, `macro`, ...
    pub kind: String,
    pub reason: String,
}

// schema:end

impl Method {
    /// Whether `self` and `e` (of one class) are instantiations of one generic
    /// method with other type arguments: they may share a Python name, as
    /// overloads that Python tries in the file's order.
    pub fn is_overload_of(&self, e: &Method) -> bool {
        self.rust == e.rust
            && self.trait_ == e.trait_
            && self.receiver == e.receiver
            && self.params.len() == e.params.len()
            && !self.type_args.is_empty()
            && !e.type_args.is_empty()
            && self.type_args != e.type_args
    }
}

fn unit_type() -> String {
    "()".to_string()
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Function(f) => &f.name,
            Item::Const(v) | Item::Static(v) => &v.name,
            Item::LiveStatic(v) => &v.name,
            Item::Class(c) => &c.name,
            Item::Module(m) => &m.name,
            Item::Trait(t) => &t.name,
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Item::Function(f) => &f.path,
            Item::Const(v) | Item::Static(v) => &v.path,
            Item::LiveStatic(v) => &v.path,
            Item::Class(c) => &c.path,
            Item::Module(m) => &m.path,
            Item::Trait(t) => &t.path,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Item::Function(_) => "function",
            Item::Const(_) => "const",
            Item::Static(_) | Item::LiveStatic(_) => "static",
            Item::Class(_) => "class",
            Item::Module(_) => "module",
            Item::Trait(_) => "trait",
        }
    }
}

/// Python's hard keywords: a name that is one of them cannot be an attribute,
/// and a Rust name that is one gets a trailing underscore.
pub const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The Python spelling of a Rust name: keywords get a trailing underscore.
pub fn python_name(rust_name: &str) -> String {
    let bare = rust_name.strip_prefix("r#").unwrap_or(rust_name);
    if PYTHON_KEYWORDS.contains(&bare) {
        format!("{bare}_")
    } else {
        bare.to_string()
    }
}

/// Writes the interface in its canonical layout, headed by a comment that says what
/// the file is. Same input, byte-identical output. The layout is rsbind's own
/// (a short struct on one line, the fields of an item one per line) because it is
/// read and edited by people; [`parse`] reads it back as plain RON.
pub fn print(interface: &Interface) -> String {
    print_with_comments(interface, &Comments::default())
}

/// Like [`print`], and writes each of `comments` again before the value its key
/// names (see [`comments`]): a comment before an item, a parameter, a field or a
/// line of an item stays there; a comment inside a value written on one line
/// (`Param(..)`, `Field(..)`) is written above that line. Comments whose value is
/// not in `interface` are left out ([`unprinted_comments`] lists them).
pub fn print_with_comments(interface: &Interface, comments: &Comments) -> String {
    print_impl(interface, comments).0
}

/// The keys of `comments` that [`print_with_comments`] has no place for in
/// `interface`, in key order.
pub fn unprinted_comments(interface: &Interface, comments: &Comments) -> Vec<String> {
    let used = print_impl(interface, comments).1;
    comments
        .before
        .keys()
        .filter(|k| !used.contains(*k))
        .cloned()
        .collect()
}

fn print_impl(interface: &Interface, comments: &Comments) -> (String, BTreeSet<String>) {
    use self::comments::{end, skipped_key, sub, ROOT, TRAILER};
    let mut w = Writer::new(comments);
    // A line comment ends at a line break: none in the name, however odd.
    w.line(&format!(
        "// rsbind interface file for the crate `{}`: written by `rsbind extract`, curated by hand.",
        interface.krate.package.replace(|c: char| c.is_control(), " ")
    ));
    w.line("// Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md.");
    w.comment(ROOT);
    w.open("Interface(");
    w.field(ROOT, "format", &format!("format: {},", interface.format));
    w.field(
        ROOT,
        "module",
        &format!("module: {},", ron_string(&interface.module)),
    );
    let k = &interface.krate;
    let crate_key = sub(ROOT, "crate");
    if k.dependencies.is_empty() && k.features.is_empty() && k.default_features {
        w.comment_all(&crate_key);
        w.line(&format!(
            "crate: CrateRef(package: {}, lib: {}, path: {}),",
            ron_string(&k.package),
            ron_string(&k.lib),
            ron_string(&k.path)
        ));
    } else {
        w.comment(&crate_key);
        w.open("crate: CrateRef(");
        w.line(&format!("package: {},", ron_string(&k.package)));
        w.line(&format!("lib: {},", ron_string(&k.lib)));
        w.line(&format!("path: {},", ron_string(&k.path)));
        if !k.features.is_empty() {
            let quoted: Vec<String> = k.features.iter().map(|f| ron_string(f)).collect();
            w.line(&format!("features: [{}],", quoted.join(", ")));
        }
        if !k.default_features {
            w.line("default_features: false,");
        }
        if !k.dependencies.is_empty() {
            w.list(
                "dependencies",
                k.dependencies
                    .iter()
                    .map(|d| {
                        let mut line = format!(
                            "Dependency(package: {}, lib: {}",
                            ron_string(&d.package),
                            ron_string(&d.lib)
                        );
                        if let Some(v) = &d.version {
                            line.push_str(&format!(", version: Some({})", ron_string(v)));
                        }
                        if let Some(p) = &d.path {
                            line.push_str(&format!(", path: Some({})", ron_string(p)));
                        }
                        line.push(')');
                        line
                    })
                    .collect(),
            );
        }
        w.leftovers(&crate_key);
        w.close("),");
    }
    w.field(
        ROOT,
        "doc",
        &format!("doc: {},", ron_string(&interface.doc)),
    );
    print_items(&mut w, &sub(ROOT, "items"), &interface.items);
    let skipped_list = sub(ROOT, "skipped");
    w.comment(&skipped_list);
    w.open("skipped: [");
    for s in &interface.skipped {
        let key = w.dedup.key(skipped_key(s));
        w.comment_all(&key);
        w.line(&format!(
            "Skipped(path: {}, kind: {}, reason: {}),",
            ron_string(&s.path),
            ron_string(&s.kind),
            ron_string(&s.reason)
        ));
    }
    w.comment(&end(&skipped_list));
    w.close("],");
    w.leftovers(ROOT);
    w.close(")");
    w.comment(TRAILER);
    (w.out, w.used)
}

/// Lines at an indentation level, and the comments to write before them.
struct Writer<'c> {
    out: String,
    depth: usize,
    comments: &'c Comments,
    /// The comment keys written so far: each is written once.
    used: BTreeSet<String>,
    dedup: comments::Dedup,
}

impl<'c> Writer<'c> {
    fn new(comments: &'c Comments) -> Writer<'c> {
        Writer {
            out: String::new(),
            depth: 0,
            comments,
            used: BTreeSet::new(),
            dedup: comments::Dedup::default(),
        }
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn open(&mut self, text: &str) {
        self.line(text);
        self.depth += 1;
    }

    fn close(&mut self, text: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(text);
    }

    /// The comments of `key`, once, at the current indentation.
    fn comment(&mut self, key: &str) {
        if self.used.contains(key) {
            return;
        }
        let comments = self.comments;
        if let Some(lines) = comments.before.get(key) {
            self.used.insert(key.to_string());
            for l in lines {
                if l.is_empty() {
                    self.out.push('\n');
                } else {
                    self.line(l);
                }
            }
        }
    }

    /// The comments of `key` and of everything inside its value: for a value
    /// written on one line.
    fn comment_all(&mut self, key: &str) {
        self.comment(key);
        self.comments_under(&format!("{key}/"));
    }

    /// Before the closing line of `key`'s value: the comments of its fields that
    /// had no line of their own (`release_gil` when it is false now), then those
    /// that were before its closing bracket.
    fn leftovers(&mut self, key: &str) {
        self.comments_under(&format!("{key}/."));
        self.comment(&comments::end(key));
    }

    fn comments_under(&mut self, prefix: &str) {
        let comments = self.comments;
        let keys: Vec<&String> = comments
            .before
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, _)| k)
            .collect();
        for k in keys {
            self.comment(k);
        }
    }

    /// One line for the field `name` of the value `key`, after its comments.
    fn field(&mut self, key: &str, name: &str, text: &str) {
        self.comment(&comments::sub(key, name));
        self.line(text);
    }

    /// `name: [` ... `],` with one line per entry, or `name: [],`.
    fn list(&mut self, name: &str, entries: Vec<String>) {
        if entries.is_empty() {
            self.line(&format!("{name}: [],"));
        } else {
            self.open(&format!("{name}: ["));
            for e in entries {
                self.line(&format!("{e},"));
            }
            self.close("],");
        }
    }

    /// Like [`Writer::list`] for the field `name` of `owner`, with each entry's
    /// comments (entries are `(key, line)`).
    fn keyed_list(&mut self, owner: &str, name: &str, entries: Vec<(String, String)>) {
        let list_key = comments::sub(owner, name);
        let end_key = comments::end(&list_key);
        self.comment(&list_key);
        let has_end = !self.used.contains(&end_key) && self.comments.before.contains_key(&end_key);
        if entries.is_empty() && !has_end {
            self.line(&format!("{name}: [],"));
            return;
        }
        self.open(&format!("{name}: ["));
        for (key, e) in entries {
            self.comment_all(&key);
            self.line(&format!("{e},"));
        }
        self.comment(&end_key);
        self.close("],");
    }
}

fn print_items(w: &mut Writer, list_key: &str, items: &[Item]) {
    w.comment(list_key);
    w.open("items: [");
    for item in items {
        print_item(w, item);
    }
    w.comment(&comments::end(list_key));
    w.close("],");
}

fn param_line(p: &Param) -> String {
    let mut out = format!(
        "Param(name: {}, ty: {}",
        ron_string(&p.name),
        ron_string(&p.ty)
    );
    if let Some(d) = &p.default {
        out.push_str(&format!(", default: Some({})", ron_string(d)));
    }
    if let Some(i) = &p.instantiates {
        out.push_str(&format!(", instantiates: Some({})", ron_string(i)));
    }
    if let Some(why) = &p.unsafe_no_copy {
        out.push_str(&format!(", unsafe_no_copy: Some({})", ron_string(why)));
    }
    out.push(')');
    out
}

/// The params of the function or method `owner`, with their keys.
fn param_entries(owner: &str, params: &[Param]) -> Vec<(String, String)> {
    params
        .iter()
        .enumerate()
        .map(|(i, p)| (comments::param_key(owner, i), param_line(p)))
        .collect()
}

/// `, doc_override: Some("..")` when there is one.
fn doc_override_part(d: &Option<String>) -> String {
    d.as_ref()
        .map(|d| format!(", doc_override: Some({})", ron_string(d)))
        .unwrap_or_default()
}

fn type_args_line(args: &[String]) -> String {
    string_list_line("type_args", args)
}

/// `key: ["a", "b"],`
fn string_list_line(key: &str, items: &[String]) -> String {
    format!(
        "{key}: [{}],",
        items
            .iter()
            .map(|a| ron_string(a))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn value_line(kind: &str, v: &Value) -> String {
    format!(
        "{kind}(name: {}, path: {}, ty: {}, doc: {}{})",
        ron_string(&v.name),
        ron_string(&v.path),
        ron_string(&v.ty),
        ron_string(&v.doc),
        doc_override_part(&v.doc_override)
    )
}

fn field_line(f: &Field) -> String {
    format!(
        "Field(name: {}, rust: {}, ty: {}, doc: {}{})",
        ron_string(&f.name),
        ron_string(&f.rust),
        ron_string(&f.ty),
        ron_string(&f.doc),
        doc_override_part(&f.doc_override)
    )
}

/// The fields of the class or variant `owner`, with their keys.
fn field_entries(w: &mut Writer, owner: &str, fields: &[Field]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|f| (w.dedup.key(comments::field_key(owner, f)), field_line(f)))
        .collect()
}

/// `doc_override: Some(..),` on a line of its own, when there is one.
fn doc_override_lines(w: &mut Writer, key: &str, d: &Option<String>) {
    if let Some(d) = d {
        w.field(
            key,
            "doc_override",
            &format!("doc_override: Some({}),", ron_string(d)),
        );
    }
}

/// A method written from `opening` (`Method(` or `constructor: Method(`), whose
/// comments are under `key`.
fn print_method(w: &mut Writer, opening: &str, key: &str, m: &Method) {
    w.comment(key);
    w.open(opening);
    w.field(key, "name", &format!("name: {},", ron_string(&m.name)));
    w.field(key, "rust", &format!("rust: {},", ron_string(&m.rust)));
    if let Some(t) = &m.trait_ {
        w.field(key, "trait", &format!("trait: {},", ron_string(t)));
    }
    w.field(key, "doc", &format!("doc: {},", ron_string(&m.doc)));
    doc_override_lines(w, key, &m.doc_override);
    w.field(key, "receiver", &format!("receiver: {:?},", m.receiver));
    if let Some(l) = &m.receiver_lifetime {
        w.field(
            key,
            "receiver_lifetime",
            &format!("receiver_lifetime: {},", ron_string(l)),
        );
    }
    if !m.type_args.is_empty() {
        w.field(key, "type_args", &type_args_line(&m.type_args));
    }
    w.keyed_list(key, "params", param_entries(key, &m.params));
    w.field(key, "ret", &format!("ret: {},", ron_string(&m.ret)));
    if m.release_gil {
        w.field(key, "release_gil", "release_gil: true,");
    }
    w.leftovers(key);
    w.close("),");
}

fn print_item(w: &mut Writer, item: &Item) {
    let k = w.dedup.key(comments::item_key(item));
    let k = k.as_str();
    match item {
        Item::Function(f) => {
            w.comment(k);
            w.open("Function(");
            w.field(k, "name", &format!("name: {},", ron_string(&f.name)));
            w.field(k, "path", &format!("path: {},", ron_string(&f.path)));
            w.field(k, "doc", &format!("doc: {},", ron_string(&f.doc)));
            doc_override_lines(w, k, &f.doc_override);
            if !f.type_args.is_empty() {
                w.field(k, "type_args", &type_args_line(&f.type_args));
            }
            w.keyed_list(k, "params", param_entries(k, &f.params));
            w.field(k, "ret", &format!("ret: {},", ron_string(&f.ret)));
            if f.release_gil {
                w.field(k, "release_gil", "release_gil: true,");
            }
            w.leftovers(k);
            w.close("),");
        }
        Item::Const(v) => {
            w.comment_all(k);
            w.line(&format!("{},", value_line("Const", v)));
        }
        Item::Static(v) => {
            w.comment_all(k);
            w.line(&format!("{},", value_line("Static", v)));
        }
        Item::LiveStatic(v) => {
            w.comment_all(k);
            w.line(&format!(
                "LiveStatic(name: {}, path: {}, ty: {}, cell: {:?}, doc: {}{}),",
                ron_string(&v.name),
                ron_string(&v.path),
                ron_string(&v.ty),
                v.cell,
                ron_string(&v.doc),
                doc_override_part(&v.doc_override)
            ));
        }
        Item::Module(m) => {
            w.comment(k);
            w.open("Module(");
            w.field(k, "name", &format!("name: {},", ron_string(&m.name)));
            w.field(k, "path", &format!("path: {},", ron_string(&m.path)));
            w.field(k, "doc", &format!("doc: {},", ron_string(&m.doc)));
            doc_override_lines(w, k, &m.doc_override);
            print_items(w, &comments::sub(k, "items"), &m.items);
            w.leftovers(k);
            w.close("),");
        }
        Item::Class(c) => print_class(w, k, c),
        Item::Trait(t) => print_trait(w, k, t),
    }
}

/// Writes a trait: its names, doc, methods, and which of them have defaults.
fn print_trait(w: &mut Writer, k: &str, t: &Trait) {
    use self::comments::{end, method_key, sub};
    w.comment(k);
    w.open("Trait(");
    w.field(k, "name", &format!("name: {},", ron_string(&t.name)));
    w.field(k, "path", &format!("path: {},", ron_string(&t.path)));
    w.field(k, "doc", &format!("doc: {},", ron_string(&t.doc)));
    doc_override_lines(w, k, &t.doc_override);
    let list_key = sub(k, "methods");
    w.comment(&list_key);
    w.open("methods: [");
    for m in &t.methods {
        let mk = w.dedup.key(method_key(k, m));
        print_method(w, "Method(", &mk, m);
    }
    w.comment(&end(&list_key));
    w.close("],");
    if !t.provided.is_empty() {
        w.field(k, "provided", &string_list_line("provided", &t.provided));
    }
    w.leftovers(k);
    w.close("),");
}

/// Writes a class, one field of it per line in the file's order. Over 100 lines
/// because it follows the `Class` fields one by one, as the file shows them.
fn print_class(w: &mut Writer, k: &str, c: &Class) {
    use self::comments::{const_key, end, method_key, sub, variant_key};
    w.comment(k);
    w.open("Class(");
    w.field(k, "name", &format!("name: {},", ron_string(&c.name)));
    w.field(k, "path", &format!("path: {},", ron_string(&c.path)));
    w.field(k, "doc", &format!("doc: {},", ron_string(&c.doc)));
    doc_override_lines(w, k, &c.doc_override);
    if let Some(from) = &c.from_crate {
        w.field(
            k,
            "from_crate",
            &format!("from_crate: Some({}),", ron_string(from)),
        );
    }
    if !c.type_args.is_empty() {
        w.field(k, "type_args", &type_args_line(&c.type_args));
    }
    w.field(k, "shape", &format!("shape: {:?},", c.shape));
    if c.non_exhaustive {
        w.field(k, "non_exhaustive", "non_exhaustive: true,");
    }
    w.field(
        k,
        "traits",
        &format!(
            "traits: [{}],",
            c.traits
                .iter()
                .map(|t| ron_string(t))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if let Some(item) = &c.iterator_item {
        w.field(
            k,
            "iterator_item",
            &format!("iterator_item: Some({}),", ron_string(item)),
        );
    }
    match &c.constructor {
        Constructor::Method(m) => {
            print_method(w, "constructor: Method(", &sub(k, "constructor"), m)
        }
        other => w.field(k, "constructor", &format!("constructor: {other:?},")),
    }
    if c.shape != Shape::Enum || !c.fields.is_empty() {
        let entries = field_entries(w, k, &c.fields);
        w.keyed_list(k, "fields", entries);
    }
    if c.shape == Shape::Enum {
        let list_key = sub(k, "variants");
        w.comment(&list_key);
        w.open("variants: [");
        for v in &c.variants {
            let vk = w.dedup.key(variant_key(k, v));
            let vk = vk.as_str();
            let disc = v
                .discriminant
                .as_ref()
                .map(|d| format!(", discriminant: Some({})", ron_string(d)))
                .unwrap_or_default();
            if v.fields.is_empty() {
                w.comment_all(vk);
                w.line(&format!(
                    "Variant(name: {}, rust: {}, shape: {:?}{disc}, doc: {}{}),",
                    ron_string(&v.name),
                    ron_string(&v.rust),
                    v.shape,
                    ron_string(&v.doc),
                    doc_override_part(&v.doc_override)
                ));
            } else {
                w.comment(vk);
                w.open("Variant(");
                w.line(&format!("name: {},", ron_string(&v.name)));
                w.line(&format!("rust: {},", ron_string(&v.rust)));
                w.line(&format!("shape: {:?},", v.shape));
                if let Some(d) = &v.discriminant {
                    w.line(&format!("discriminant: Some({}),", ron_string(d)));
                }
                w.line(&format!("doc: {},", ron_string(&v.doc)));
                if let Some(d) = &v.doc_override {
                    w.line(&format!("doc_override: Some({}),", ron_string(d)));
                }
                let entries = field_entries(w, vk, &v.fields);
                w.keyed_list(vk, "fields", entries);
                w.leftovers(vk);
                w.close("),");
            }
        }
        w.comment(&end(&list_key));
        w.close("],");
    }
    if !c.methods.is_empty() {
        let list_key = sub(k, "methods");
        w.comment(&list_key);
        w.open("methods: [");
        for m in &c.methods {
            let mk = w.dedup.key(method_key(k, m));
            print_method(w, "Method(", &mk, m);
        }
        w.comment(&end(&list_key));
        w.close("],");
    }
    if !c.consts.is_empty() {
        let entries = c
            .consts
            .iter()
            .map(|v| (w.dedup.key(const_key(k, v)), value_line("Value", v)))
            .collect();
        w.keyed_list(k, "consts", entries);
    }
    w.leftovers(k);
    w.close("),");
}

/// A RON string literal: UTF-8 as is, with `"`, `\\` and control characters escaped.
/// Text of several lines (docs) is written as a raw string, so it reads as it is.
fn ron_string(text: &str) -> String {
    if text.contains('\n')
        && !text.contains("\"#")
        && !text.chars().any(|c| c.is_control() && c != '\n')
    {
        return format!("r#\"{text}\"#");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads an interface file. `file` is the name diagnostics show.
pub fn parse(text: &str, file: &str) -> Result<Interface, Vec<Diagnostic>> {
    // `Function(name: ..)` rather than `Function((name: ..))`: always on, so hand-written
    // files need no `#![enable(..)]` line.
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    // The version decides how to read the rest, so it is checked on its own first.
    match options.from_str::<FormatProbeLenient>(text) {
        Ok(FormatProbeLenient { format: Some(v) }) if v != FORMAT_VERSION => {
            let span = spans::SpanIndex::new(text).span(&[spans::Step::Field("format")]);
            return Err(vec![Diagnostic::error(format!(
                "this interface file has format version {v}, but this rsbind reads version {FORMAT_VERSION}"
            ))
            .at(file, span, format!("format {v}"))
            .help(format!(
                "re-extract the crate with this rsbind (`rsbind extract CRATE -o {file}`) to write the file in format {FORMAT_VERSION}"
            ))]);
        }
        _ => {}
    }
    options
        .from_str::<Interface>(text)
        .map_err(|first| syntax_errors(text, file, &options, first))
}

/// Every syntax (or schema) error of a file that does not read, each with its
/// place. RON's reader stops at the first, so the rest come from reading each
/// entry of `items` and `skipped` on its own, and the file with those lists
/// blanked. One error per entry at most (the first in it); and only when every
/// bracket of the file is closed by its own kind, for otherwise where an entry
/// ends is a guess: then only the first error is reported.
fn syntax_errors(
    text: &str,
    file: &str,
    options: &ron::Options,
    first: ron::error::SpannedError,
) -> Vec<Diagnostic> {
    let at = |e: &ron::error::SpannedError, within: &str, start: usize| {
        start + crate::diag::offset_of(within, e.position.line, e.position.col.saturating_sub(1))
    };
    let mut found = vec![(at(&first, text, 0), first.code.to_string())];
    if spans::balanced(text) {
        let index = spans::SpanIndex::new(text);
        let mut blanked = text.to_string();
        let mut check_entries =
            |list: &'static str, read: &dyn Fn(&str) -> Option<ron::error::SpannedError>| {
                let entries = index.entries(&[spans::Step::Field(list)]);
                if entries.is_empty() {
                    return;
                }
                for span in entries {
                    let entry = &text[span.clone()];
                    if let Some(e) = read(entry) {
                        found.push((at(&e, entry, span.start), e.code.to_string()));
                    }
                }
                // The list's inside as spaces: every other offset, and line, stays.
                let list_span = index.span(&[spans::Step::Field(list)]);
                let inside =
                    list_span.start + 1..list_span.end.saturating_sub(1).max(list_span.start + 1);
                let spaces: String = text[inside.clone()]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                blanked.replace_range(inside, &spaces);
            };
        check_entries("items", &|t| options.from_str::<Item>(t).err());
        check_entries("skipped", &|t| options.from_str::<Skipped>(t).err());
        if let Err(e) = options.from_str::<Interface>(&blanked) {
            found.push((at(&e, &blanked, 0), e.code.to_string()));
        }
    }
    // One error per entry: the first error's entry keeps only the first.
    let index = spans::SpanIndex::new(text);
    let entries: Vec<Range<usize>> = ["items", "skipped"]
        .iter()
        .flat_map(|l| index.entries(&[spans::Step::Field(l)]))
        .collect();
    let entry_of = |o: usize| entries.iter().position(|r| r.contains(&o));
    let mut seen_entries = Vec::new();
    let mut seen_offsets = Vec::new();
    let mut out = Vec::new();
    for (offset, message) in found {
        let entry = entry_of(offset);
        if seen_offsets.contains(&offset) || entry.is_some_and(|e| seen_entries.contains(&e)) {
            continue;
        }
        seen_offsets.push(offset);
        seen_entries.extend(entry);
        out.push((offset, message));
    }
    out.sort_by_key(|(o, _)| *o);
    out.into_iter()
        .map(|(offset, message)| {
            let end = (offset + 1).min(text.len()).max(offset);
            Diagnostic::error(format!("the interface file is not valid: {message}"))
                .at(file, offset..end, "here")
                .help("the schema is documented in rsbind's idl-spec/README.md")
        })
        .collect()
}

/// Like [`FormatProbe`] but tolerant: any other field, or none.
#[derive(Deserialize)]
#[serde(rename = "Interface")]
struct FormatProbeLenient {
    #[serde(default)]
    format: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a: a hash that is the same on every machine and Rust version.
    fn fnv1a(text: &str) -> u64 {
        text.bytes().fold(0xcbf29ce484222325, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100000001b3)
        })
    }

    /// Fails when the schema types change without a new FORMAT_VERSION: the
    /// approval file records the version and the hash of the schema's source.
    #[test]
    fn schema_is_approved() {
        let source = include_str!("mod.rs");
        let begin = source.find("// schema:begin").expect("schema:begin marker");
        let end = source.find("// schema:end").expect("schema:end marker");
        let schema: String = source[begin..end]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let actual = format!("{FORMAT_VERSION} {:016x}", fnv1a(&schema));
        let approved = include_str!("../../../idl-spec/schema-approval.txt").trim();
        assert_eq!(
            approved, actual,
            "the interface-file schema changed: bump idl::FORMAT_VERSION, note it in idl-spec/CHANGES.md, \
             and write `{actual}` into idl-spec/schema-approval.txt"
        );
    }

    #[test]
    fn print_then_parse_round_trips() {
        let interface = Interface {
            format: FORMAT_VERSION,
            module: "m".to_string(),
            krate: CrateRef {
                package: "m".to_string(),
                lib: "m".to_string(),
                path: "../m".to_string(),
                dependencies: vec![Dependency {
                    package: "dep-x".to_string(),
                    lib: "dep_x".to_string(),
                    version: Some("=1.0.0".to_string()),
                    path: None,
                }],
                features: vec!["std".to_string(), "serde".to_string()],
                default_features: false,
            },
            doc: "Line one.\n\n\"Quoted\" line.".to_string(),
            items: vec![Item::Function(Function {
                name: "f".to_string(),
                path: "a::f".to_string(),
                doc: String::new(),
                params: vec![Param {
                    name: "x".to_string(),
                    ty: "Option<&str>".to_string(),
                    default: Some("\"a \\\" quote\"".to_string()),
                    instantiates: None,
                    unsafe_no_copy: None,
                }],
                ret: "()".to_string(),
                release_gil: true,
                type_args: vec!["i64".to_string()],
                doc_override: Some("Mine.\n\nTwo lines.".to_string()),
            })],
            skipped: vec![],
        };
        let text = print(&interface);
        assert_eq!(parse(&text, "m.ron"), Ok(interface));
    }
}
