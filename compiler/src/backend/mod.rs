//! Backends: each turns the IR into files of the generated bindings package by
//! building a view model (every name, C type and docstring computed here, in
//! Rust) and rendering minijinja templates that only print it.

pub mod abi;
pub mod cpython;
pub mod names;
pub mod package;
pub mod pyi;
mod runtime_layout;
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
    /// Templates that replace the built-in ones of the same name
    /// (`cpython/function.c.j2`), from `rsbind gen --templates DIR`: name to source.
    pub template_overrides: std::collections::BTreeMap<String, String>,
    /// The crate's metadata for the Python project (`pyproject.toml`).
    pub project: package::ProjectMeta,
    /// `--abi3`: the C compiles on the limited API of CPython 3.10
    /// (`Py_LIMITED_API`, defined by build.rs) into a module every later
    /// CPython imports, and the wheel is tagged `abi3`.
    pub abi3: bool,
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
        "rust/macros.rs.j2",
        include_str!("../../../templates/rust/macros.rs.j2"),
    ),
    (
        "rust/aliases.rs.j2",
        include_str!("../../../templates/rust/aliases.rs.j2"),
    ),
    (
        "rust/registry.rs.j2",
        include_str!("../../../templates/rust/registry.rs.j2"),
    ),
    (
        "rust/iterator.rs.j2",
        include_str!("../../../templates/rust/iterator.rs.j2"),
    ),
    (
        "cpython/iterator.c.j2",
        include_str!("../../../templates/cpython/iterator.c.j2"),
    ),
    (
        "rust/trait.rs.j2",
        include_str!("../../../templates/rust/trait.rs.j2"),
    ),
    (
        "cpython/trait_object.c.j2",
        include_str!("../../../templates/cpython/trait_object.c.j2"),
    ),
    (
        "rust/class.rs.j2",
        include_str!("../../../templates/rust/class.rs.j2"),
    ),
    (
        "rust/enum.rs.j2",
        include_str!("../../../templates/rust/enum.rs.j2"),
    ),
    (
        "rust/class_drop.rs.j2",
        include_str!("../../../templates/rust/class_drop.rs.j2"),
    ),
    (
        "rust/class_new.rs.j2",
        include_str!("../../../templates/rust/class_new.rs.j2"),
    ),
    (
        "rust/class_variants.rs.j2",
        include_str!("../../../templates/rust/class_variants.rs.j2"),
    ),
    (
        "rust/class_fields.rs.j2",
        include_str!("../../../templates/rust/class_fields.rs.j2"),
    ),
    (
        "rust/class_protocols.rs.j2",
        include_str!("../../../templates/rust/class_protocols.rs.j2"),
    ),
    (
        "rust/function.rs.j2",
        include_str!("../../../templates/rust/function.rs.j2"),
    ),
    (
        "rust/pickle.rs.j2",
        include_str!("../../../templates/rust/pickle.rs.j2"),
    ),
    (
        "rust/value.rs.j2",
        include_str!("../../../templates/rust/value.rs.j2"),
    ),
    (
        "rust/live_static.rs.j2",
        include_str!("../../../templates/rust/live_static.rs.j2"),
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
        "cpython/callback.c.j2",
        include_str!("../../../templates/cpython/callback.c.j2"),
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
        "cpython/class_operators.c.j2",
        include_str!("../../../templates/cpython/class_operators.c.j2"),
    ),
    (
        "cpython/overload.c.j2",
        include_str!("../../../templates/cpython/overload.c.j2"),
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
    (
        "python/pyproject.toml.j2",
        include_str!("../../../templates/python/pyproject.toml.j2"),
    ),
];

/// `(path in the package, contents)` of a file of `runtime-c/`.
macro_rules! runtime_c_file {
    ($name:literal) => {
        (
            concat!("runtime-c/", $name),
            include_str!(concat!("../../../runtime-c/", $name)),
        )
    };
}

/// The C runtime, copied into every package unchanged. The package's build.rs
/// compiles every `.c` of this list, so a new runtime file is one line here.
pub const RUNTIME_C_FILES: &[(&str, &str)] = &[
    runtime_c_file!("rsbind.h"),
    runtime_c_file!("rsbind_limited.h"),
    runtime_c_file!("rsbind_internal.h"),
    runtime_c_file!("rsbind_args.c"),
    runtime_c_file!("rsbind_buffers.c"),
    runtime_c_file!("rsbind_callbacks.c"),
    runtime_c_file!("rsbind_collections.c"),
    runtime_c_file!("rsbind_errors.c"),
    runtime_c_file!("rsbind_items.c"),
    runtime_c_file!("rsbind_iterators.c"),
    runtime_c_file!("rsbind_live.c"),
    runtime_c_file!("rsbind_scalars.c"),
    runtime_c_file!("rsbind_scope.c"),
    runtime_c_file!("rsbind_seqviews.c"),
    runtime_c_file!("rsbind_strings.c"),
    runtime_c_file!("rsbind_time.c"),
    runtime_c_file!("rsbind_vectors.c"),
];
/// The `Py_LIMITED_API` of `--abi3` builds: CPython 3.10, whose limited API
/// has METH_FASTCALL (`runtime-c/rsbind_limited.h` says what else changes).
pub const LIMITED_API: &str = "0x030A0000";
/// The Rust runtime, copied into every package as `src/rsbind_rt.rs`.
pub const RUNTIME_RS: &str = include_str!("../../../runtime-rs/rsbind_rt.rs");

/// The environment holding every template: the built-in ones, each replaced by
/// the override of the same name if there is one.
fn environment(
    overrides: &std::collections::BTreeMap<String, String>,
) -> Result<Environment<'static>, Vec<Diagnostic>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    let mut diags = Vec::new();
    for (name, source) in TEMPLATES {
        let added = match overrides.get(*name) {
            Some(own) => env.add_template_owned(*name, own.clone()),
            None => env.add_template(name, source),
        };
        if let Err(e) = added {
            // The built-in templates are caught by every test that generates code.
            diags.push(Diagnostic::error(format!(
                "the template {name} does not parse: {e:#}"
            )));
        }
    }
    for name in overrides.keys() {
        if !TEMPLATES.iter().any(|(known, _)| known == name) {
            let known: Vec<&str> = TEMPLATES.iter().map(|(known, _)| *known).collect();
            diags.push(Diagnostic::error(format!(
                "the template {name} replaces no built-in template; their names are: {}",
                known.join(", ")
            )));
        }
    }
    if diags.is_empty() {
        Ok(env)
    } else {
        Err(diags)
    }
}

/// The backends that make a bindings package, in the order they run.
pub fn all_backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(rust::RustBackend),
        Box::new(cpython::CPythonBackend),
        Box::new(pyi::PyiBackend),
        Box::new(package::PackageBackend),
    ]
}

/// Renders the whole bindings package for `module`.
pub fn generate(module: &ir::Module, ctx: &GenContext) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let env = environment(&ctx.template_overrides)?;
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
    package::place_stubs(module, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// What each backend hands its templates: (template, file it becomes, view), for
/// `rsbind dump --stage view`. The views are the documented interface of the
/// templates: what a replacement template can print.
pub fn views(module: &ir::Module, ctx: &GenContext) -> Vec<(String, String, Value)> {
    all_backends()
        .iter()
        .flat_map(|b| b.plan(module, ctx).0)
        .map(|r| (r.template.to_string(), r.path, r.view))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::{generate, GenContext, OutputFile};
    use crate::diag::Diagnostic;
    use std::collections::BTreeMap;

    /// The bindings of idl-spec/README.md's example, rendered with `overrides`.
    fn generate_example(overrides: &[(&str, &str)]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let readme = include_str!("../../../idl-spec/README.md");
        let start = readme.find("```ron\n").expect("a ron example") + "```ron\n".len();
        let end = start + readme[start..].find("```").expect("the example ends");
        let text = &readme[start..end];
        let interface = crate::idl::parse(text, "README.md").expect("the example parses");
        let (module, _) =
            crate::check::lower(&interface, "README.md", text).expect("the example checks");
        let ctx = GenContext {
            source_name: "README.md".to_string(),
            crate_dir_from_output: "..".to_string(),
            dependency_dirs_from_output: BTreeMap::new(),
            template_overrides: overrides
                .iter()
                .map(|(name, source)| (name.to_string(), source.to_string()))
                .collect(),
            project: Default::default(),
            abi3: false,
        };
        generate(&module, &ctx)
    }

    fn module_c(files: &[OutputFile]) -> &str {
        let file = files.iter().find(|f| f.path == "module.c");
        &file.expect("module.c is generated").contents
    }

    /// A template of the override folder replaces the built-in one of its name,
    /// and sees the same view; the other templates stay as they are.
    #[test]
    fn an_override_replaces_the_template_of_its_name() {
        let built_in = generate_example(&[]).expect("renders");
        let overridden = generate_example(&[(
            "cpython/function.c.j2",
            "\n/* our own wrapper of {{ fn.display_name }}: {{ fn.wrapper }} */\n",
        )])
        .expect("renders");
        let (before, after) = (module_c(&built_in), module_c(&overridden));
        // A function's stub declaration is function.c.j2's.
        let declares_a_stub = |c: &str| {
            c.lines()
                .any(|l| l.starts_with("RSBIND_STUB ") && l.contains(" rsbind_fn_"))
        };
        assert!(declares_a_stub(before));
        assert!(!declares_a_stub(after));
        assert!(
            after.contains("/* our own wrapper of "),
            "the override is not used:\n{after}"
        );
        // Only module.c changes.
        for (a, b) in built_in.iter().zip(&overridden) {
            assert!(a.path == "module.c" || a == b, "{} changed", a.path);
        }
    }

    /// An override that replaces nothing, or does not parse, is an error with
    /// its name; never a panic.
    #[test]
    fn a_wrong_override_is_reported() {
        let messages = |overrides: &[(&str, &str)]| -> String {
            let diags = generate_example(overrides).expect_err("an error");
            diags
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let unknown = messages(&[("cpython/functon.c.j2", "")]);
        assert!(unknown.contains("cpython/functon.c.j2 replaces no built-in template"));
        assert!(unknown.contains("cpython/function.c.j2"));
        let broken = messages(&[("cpython/function.c.j2", "{% if %}")]);
        assert!(broken.contains("the template cpython/function.c.j2 does not parse"));
    }
}
