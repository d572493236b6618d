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

// schema:end

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
/// the file is. Same input, byte-identical output. The layout is rsbind's own
/// (one short struct per line, the fields of an item one per line) because it is
/// read and edited by people; [`parse`] reads it back as plain RON.
pub fn print(interface: &Interface) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "// rsbind interface file for the crate `{}`: written by `rsbind extract`, curated by hand.\n\
         // Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md.\n",
        interface.krate.package
    ));
    out.push_str("Interface(\n");
    out.push_str(&format!("    format: {},\n", interface.format));
    out.push_str(&format!("    module: {},\n", ron_string(&interface.module)));
    let k = &interface.krate;
    out.push_str(&format!(
        "    crate: CrateRef(package: {}, lib: {}, path: {}),\n",
        ron_string(&k.package),
        ron_string(&k.lib),
        ron_string(&k.path)
    ));
    out.push_str(&format!("    doc: {},\n", ron_string(&interface.doc)));
    out.push_str("    items: [\n");
    for item in &interface.items {
        match item {
            Item::Function(f) => {
                out.push_str("        Function(\n");
                out.push_str(&format!("            name: {},\n", ron_string(&f.name)));
                out.push_str(&format!("            path: {},\n", ron_string(&f.path)));
                out.push_str(&format!("            doc: {},\n", ron_string(&f.doc)));
                if f.params.is_empty() {
                    out.push_str("            params: [],\n");
                } else {
                    out.push_str("            params: [\n");
                    for p in &f.params {
                        out.push_str(&format!(
                            "                Param(name: {}, ty: {}),\n",
                            ron_string(&p.name),
                            ron_string(&p.ty)
                        ));
                    }
                    out.push_str("            ],\n");
                }
                out.push_str(&format!("            ret: {},\n", ron_string(&f.ret)));
                if f.release_gil {
                    out.push_str("            release_gil: true,\n");
                }
                out.push_str("        ),\n");
            }
            Item::Const(v) | Item::Static(v) => {
                let kind = if matches!(item, Item::Const(_)) {
                    "Const"
                } else {
                    "Static"
                };
                out.push_str(&format!(
                    "        {kind}(name: {}, path: {}, ty: {}, doc: {}),\n",
                    ron_string(&v.name),
                    ron_string(&v.path),
                    ron_string(&v.ty),
                    ron_string(&v.doc)
                ));
            }
            Item::Exception(e) => {
                out.push_str(&format!(
                    "        Exception(name: {}, path: {}, doc: {}),\n",
                    ron_string(&e.name),
                    ron_string(&e.path),
                    ron_string(&e.doc)
                ));
            }
        }
    }
    out.push_str("    ],\n");
    out.push_str("    skipped: [\n");
    for s in &interface.skipped {
        out.push_str(&format!(
            "        Skipped(path: {}, kind: {}, reason: {}),\n",
            ron_string(&s.path),
            ron_string(&s.kind),
            ron_string(&s.reason)
        ));
    }
    out.push_str("    ],\n)\n");
    out
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
    options.from_str::<Interface>(text).map_err(|e| {
        let offset =
            crate::diag::offset_of(text, e.position.line, e.position.col.saturating_sub(1));
        let end = (offset + 1).min(text.len()).max(offset);
        vec![
            Diagnostic::error(format!("the interface file is not valid: {}", e.code))
                .at(file, offset..end, "here")
                .help("the schema is documented in rsbind's idl-spec/README.md"),
        ]
    })
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
            },
            doc: "Line one.\n\n\"Quoted\" line.".to_string(),
            items: vec![Item::Function(Function {
                name: "f".to_string(),
                path: "a::f".to_string(),
                doc: String::new(),
                params: vec![Param {
                    name: "x".to_string(),
                    ty: "Option<&str>".to_string(),
                }],
                ret: "()".to_string(),
                release_gil: true,
            })],
            skipped: vec![],
        };
        let text = print(&interface);
        assert_eq!(parse(&text, "m.ron"), Ok(interface));
    }
}
