//! Backends: each turns the IR into files of the generated bindings package by
//! building a view model (every name, C type and docstring computed here, in
//! Rust) and rendering minijinja templates that only print it.

pub mod abi;
pub mod cpython;
pub mod names;
pub mod pyi;
pub mod rust;

use crate::diag::Diagnostic;
use crate::ir;
use minijinja::{Environment, UndefinedBehavior, Value};

/// One file of the generated package, relative to its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// What every backend knows besides the IR.
#[derive(Clone, Debug)]
pub struct GenContext {
    /// The interface file's name as the "generated from" headers show it.
    pub source_name: String,
    /// The bound crate's folder relative to the generated package's folder.
    pub crate_dir_from_output: String,
    /// Path dependencies whose types are bound: their folders relative to the
    /// generated package's folder, by library name.
    pub dependency_dirs_from_output: std::collections::BTreeMap<String, String>,
}

/// A template to render with a view, and the file it becomes.
pub struct Render {
    pub template: &'static str,
    pub path: String,
    pub view: Value,
}

pub trait Backend {
    fn name(&self) -> &'static str;
    /// The files this backend writes: templates to render, and files copied as they are.
    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>);
}

/// The templates, embedded so an installed rsbind works from any folder.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "rust/lib.rs.j2",
        include_str!("../../../templates/rust/lib.rs.j2"),
    ),
    (
        "rust/Cargo.toml.j2",
        include_str!("../../../templates/rust/Cargo.toml.j2"),
    ),
    (
        "rust/build.rs.j2",
        include_str!("../../../templates/rust/build.rs.j2"),
    ),
    (
        "cpython/module.c.j2",
        include_str!("../../../templates/cpython/module.c.j2"),
    ),
    (
        "cpython/macros.c.j2",
        include_str!("../../../templates/cpython/macros.c.j2"),
    ),
    (
        "cpython/int_enum.c.j2",
        include_str!("../../../templates/cpython/int_enum.c.j2"),
    ),
    (
        "cpython/int_enum_create.c.j2",
        include_str!("../../../templates/cpython/int_enum_create.c.j2"),
    ),
    (
        "cpython/class_object.c.j2",
        include_str!("../../../templates/cpython/class_object.c.j2"),
    ),
    (
        "cpython/composite.c.j2",
        include_str!("../../../templates/cpython/composite.c.j2"),
    ),
    (
        "cpython/items_to_py.c.j2",
        include_str!("../../../templates/cpython/items_to_py.c.j2"),
    ),
    (
        "cpython/function.c.j2",
        include_str!("../../../templates/cpython/function.c.j2"),
    ),
    (
        "cpython/class_type.c.j2",
        include_str!("../../../templates/cpython/class_type.c.j2"),
    ),
    (
        "cpython/class_accessors.c.j2",
        include_str!("../../../templates/cpython/class_accessors.c.j2"),
    ),
    (
        "cpython/class_protocols.c.j2",
        include_str!("../../../templates/cpython/class_protocols.c.j2"),
    ),
    (
        "cpython/exception.c.j2",
        include_str!("../../../templates/cpython/exception.c.j2"),
    ),
    (
        "cpython/values.c.j2",
        include_str!("../../../templates/cpython/values.c.j2"),
    ),
    (
        "cpython/live_static.c.j2",
        include_str!("../../../templates/cpython/live_static.c.j2"),
    ),
    (
        "cpython/method_tables.c.j2",
        include_str!("../../../templates/cpython/method_tables.c.j2"),
    ),
    (
        "cpython/module_init.c.j2",
        include_str!("../../../templates/cpython/module_init.c.j2"),
    ),
    (
        "cpython/class_init.c.j2",
        include_str!("../../../templates/cpython/class_init.c.j2"),
    ),
    (
        "pyi/module.pyi.j2",
        include_str!("../../../templates/pyi/module.pyi.j2"),
    ),
];

/// Files copied into every package unchanged.
pub const RUNTIME_C_H: &str = include_str!("../../../runtime-c/rsbind.h");
pub const RUNTIME_C: &str = include_str!("../../../runtime-c/rsbind.c");
pub const RUNTIME_RS: &str = include_str!("../../../runtime-rs/rsbind_rt.rs");

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    for (name, source) in TEMPLATES {
        // The templates are part of rsbind; a syntax error in one is caught by
        // every test that generates code.
        if let Err(e) = env.add_template(name, source) {
            panic!("rsbind's template {name} does not parse: {e:#}");
        }
    }
    env
}

/// The backends that make a bindings package, in the order they run.
pub fn all_backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(rust::RustBackend),
        Box::new(cpython::CPythonBackend),
        Box::new(pyi::PyiBackend),
    ]
}

/// Renders the whole bindings package for `module`.
pub fn generate(module: &ir::Module, ctx: &GenContext) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let env = environment();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for backend in all_backends() {
        let (renders, copies) = backend.plan(module, ctx);
        for r in renders {
            let rendered = env.get_template(r.template).and_then(|t| t.render(&r.view));
            match rendered {
                Ok(contents) => files.push(OutputFile {
                    path: r.path,
                    contents: tidy(&contents),
                }),
                Err(e) => diags.push(Diagnostic::error(format!(
                    "the {} backend failed to render {}: {e:#}",
                    backend.name(),
                    r.template
                ))),
            }
        }
        files.extend(copies);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// Trailing spaces removed, runs of blank lines collapsed to one, one final newline:
/// templates stay readable without fighting whitespace control.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A C string literal for `text`, split after each newline so long docs stay
/// readable; non-ASCII bytes are written as octal escapes.
pub fn c_string_literal(text: &str, indent: &str) -> String {
    let mut pieces = vec![String::new()];
    for b in text.bytes() {
        let piece = pieces.last_mut().expect("one piece");
        match b {
            b'\\' => piece.push_str("\\\\"),
            b'"' => piece.push_str("\\\""),
            b'\n' => {
                piece.push_str("\\n");
                pieces.push(String::new());
            }
            b'\t' => piece.push_str("\\t"),
            b'?' => piece.push_str("\\?"), // no trigraphs
            0x20..=0x7e => piece.push(b as char),
            _ => piece.push_str(&format!("\\{b:03o}")),
        }
    }
    if pieces.len() > 1 && pieces.last().is_some_and(|p| p.is_empty()) {
        pieces.pop();
    }
    pieces
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// A Python string literal (double-quoted, escaped).
pub fn python_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
