//! The interface file: serde types of the RON schema, and reading and writing it.
//!
//! This is the contract with the person who curates the file; any change to a
//! type here bumps [`FORMAT_VERSION`] (a test in `tests/` enforces it).

pub mod spans;
pub mod ty;

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// Version of the interface-file schema. Bump it with every change to the types below.
pub const FORMAT_VERSION: u32 = 1;

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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Item {
    Function(Function),
    Const(Value),
    Static(Value),
    Exception(Exception),
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// The Python name (also the keyword).
    pub name: String,
    /// The Rust type.
    pub ty: String,
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
}

/// A crate type used as the error of a `Result`: a Python exception class whose
/// message is the type's `Display`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The Python class name.
    pub name: String,
    /// The public Rust path; type strings name the type by this path.
    pub path: String,
    #[serde(default)]
    pub doc: String,
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

fn unit_type() -> String {
    "()".to_string()
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Function(f) => &f.name,
            Item::Const(v) | Item::Static(v) => &v.name,
            Item::Exception(e) => &e.name,
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Item::Function(f) => &f.path,
            Item::Const(v) | Item::Static(v) => &v.path,
            Item::Exception(e) => &e.path,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Item::Function(_) => "function",
            Item::Const(_) => "const",
            Item::Static(_) => "static",
            Item::Exception(_) => "exception",
        }
    }
}

/// Writes the interface in its canonical layout, headed by a comment that says what
/// the file is. Same input, byte-identical output.
pub fn print(interface: &Interface) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(true)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .extensions(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    // Serializing these plain types cannot fail.
    let body = ron::ser::to_string_pretty(interface, config).unwrap_or_default();
    format!(
        "// rsbind interface file for the crate `{}`: written by `rsbind extract`, curated by hand.\n\
         // Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md.\n{}\n",
        interface.krate.package, body
    )
}

/// Reads an interface file. `file` is the name diagnostics show.
pub fn parse(text: &str, file: &str) -> Result<Interface, Vec<Diagnostic>> {
    // `Function(name: ..)` rather than `Function((name: ..))`: always on, so hand-written
    // files need no `#![enable(..)]` line.
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    // The version decides how to read the rest, so it is checked on its own first.
    match options.from_str::<FormatProbeLenient>(text) {
        Ok(FormatProbeLenient { format: Some(v) }) if v != FORMAT_VERSION => {
            let span = spans::SpanIndex::new(text).span(&[spans::Step::Field("format")]);
            return Err(vec![Diagnostic::error(format!(
                "this interface file has format version {v}, but this rsbind reads version {FORMAT_VERSION}"
            ))
            .at(file, span, format!("format {v}"))
            .help(format!(
                "re-extract the crate with this rsbind (`rsbind extract CRATE -o {file}`) to rewrite the file in format {FORMAT_VERSION}; the curation in it is kept"
            ))]);
        }
        _ => {}
    }
    options.from_str::<Interface>(text).map_err(|e| {
        let offset = crate::diag::offset_of(text, e.position.line, e.position.col.saturating_sub(1));
        let end = (offset + 1).min(text.len()).max(offset);
        vec![Diagnostic::error(format!("the interface file is not valid: {}", e.code))
            .at(file, offset..end, "here")
            .help("the schema is documented in rsbind's idl-spec/README.md")]
    })
}

/// Like [`FormatProbe`] but tolerant: any other field, or none.
#[derive(Deserialize)]
#[serde(rename = "Interface")]
struct FormatProbeLenient {
    #[serde(default)]
    format: Option<u32>,
}
