//! The `rust` backend: the cargo package around the stubs (Cargo.toml, build.rs)
//! and `src/lib.rs`, one `#[no_mangle] extern "C"` stub per bound item.

use super::abi::{self, Dir};
use super::{Backend, GenContext, OutputFile, Render, RUNTIME_RS};
use crate::ir::{self, ErrorConv};
use minijinja::Value;
use serde::Serialize;

pub struct RustBackend;

#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    package: String,
    lib: String,
    crate_dir: String,
    /// `type NAME = rsbind_rt::...;` lines, one per composite ABI type.
    aliases: Vec<String>,
    functions: Vec<FnView>,
    values: Vec<ValueView>,
}

#[derive(Serialize)]
struct FnView {
    python_name: String,
    symbol: String,
    params: Vec<ParamView>,
    /// The call of the Rust function, formatted as rustfmt would at 8 spaces of
    /// indent: `let rsbind_ret = CALL;` or `match CALL {`.
    call_statement: String,
    out_abi_type: String,
    /// The `RsbindError` built from the error `e`, when the function returns a Result.
    error: Option<String>,
}

#[derive(Serialize)]
struct ParamView {
    name: String,
    abi_type: String,
    /// For `&String`/`&PathBuf`: the owned value the call borrows.
    owned_name: Option<String>,
    owned_type: Option<String>,
}

#[derive(Serialize)]
struct ValueView {
    python_name: String,
    symbol: String,
    /// `let rsbind_value = Clone::clone(&PATH);`, formatted.
    read_statement: String,
    out_abi_type: String,
}

/// The symbol of a function's stub; module.c declares the same.
pub fn fn_symbol(f: &ir::Function) -> String {
    format!("rsbind_fn_{}", f.python_name)
}

pub fn value_symbol(v: &ir::Value) -> String {
    format!("rsbind_value_{}", v.python_name)
}

/// The Rust name of a stub parameter: prefixed, so it can be neither a Rust
/// keyword nor a name of the bound crate.
pub fn arg_name(p: &ir::Param) -> String {
    format!("rsbind_arg_{}", p.python_name)
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Rust's keywords (strict, reserved and 2018+), which a path must write raw.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// The absolute Rust path of an item, keywords written as raw identifiers.
fn rust_path(module: &ir::Module, path: &str) -> String {
    let segments: Vec<String> = path
        .split("::")
        .map(|seg| {
            let bare = seg.strip_prefix("r#").unwrap_or(seg);
            if RUST_KEYWORDS.contains(&bare) {
                format!("r#{bare}")
            } else {
                bare.to_string()
            }
        })
        .collect();
    format!("::{}::{}", module.lib, segments.join("::"))
}

fn error_expr(e: &ErrorConv) -> String {
    match e {
        ErrorConv::Exception(i) => format!("rsbind_rt::RsbindError::exception({i}, &e)"),
        ErrorConv::Io => "rsbind_rt::RsbindError::io(&e)".to_string(),
        ErrorConv::Display => "rsbind_rt::RsbindError::display(&e)".to_string(),
    }
}

fn fn_view(module: &ir::Module, f: &ir::Function) -> FnView {
    let mut params = Vec::new();
    let mut args = Vec::new();
    for p in &f.params {
        let name = arg_name(p);
        let owned = abi::owned_for_borrow(&p.ty);
        let owned_name = owned.map(|_| format!("rsbind_owned_{}", p.python_name));
        args.push(match &owned_name {
            Some(o) => format!("&{o}"),
            None => format!("rsbind_rt::lift(&{name})"),
        });
        params.push(ParamView {
            abi_type: abi::rust_abi_type(&p.ty, Dir::In),
            owned_name,
            owned_type: owned.map(str::to_string),
            name,
        });
    }
    let call = rust_path(module, &f.rust_path);
    let error = f.ret.error.as_ref().map(error_expr);
    let (prefix, suffix) = if error.is_some() {
        ("let rsbind_ret = match ", " {")
    } else {
        ("let rsbind_ret = ", ";")
    };
    FnView {
        python_name: f.python_name.clone(),
        symbol: fn_symbol(f),
        call_statement: format_call(prefix, &call, &args, suffix, 8),
        params,
        out_abi_type: abi::rust_abi_type(&f.ret.ty, Dir::Out),
        error,
    }
}

/// `type NAME = TYPE;` broken past 100 columns as rustfmt does: after the `=`,
/// then between the generic arguments.
fn type_alias(name: &str, ty: &str) -> String {
    let line = format!("type {name} = {ty};");
    if line.len() <= 100 {
        return line;
    }
    if ty.len() + 5 <= 100 {
        return format!("type {name} =\n    {ty};");
    }
    let Some(open) = ty.find('<') else {
        return line;
    };
    let args = &ty[open + 1..ty.len() - 1];
    let mut out = format!("type {name} = {}<\n", &ty[..open]);
    for arg in split_top_level(args) {
        out.push_str(&format!("    {arg},\n"));
    }
    out.push_str(">;");
    out
}

/// Splits `A, B<C, D>, E` at its top-level commas.
fn split_top_level(args: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in args.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

/// `prefix call(args)suffix` on one line when it fits rustfmt's 100 columns,
/// else with one argument per line, as rustfmt writes it.
fn format_call(prefix: &str, call: &str, args: &[String], suffix: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let one_line = format!("{pad}{prefix}{call}({}){suffix}", args.join(", "));
    if one_line.len() <= 100 || args.is_empty() {
        return one_line.trim_start().to_string();
    }
    let mut out = format!("{prefix}{call}(\n");
    for a in args {
        out.push_str(&format!("{pad}    {a},\n"));
    }
    out.push_str(&format!("{pad}){suffix}"));
    out
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            package: module.package.clone(),
            lib: module.lib.clone(),
            crate_dir: toml_string(&ctx.crate_dir_from_output),
            aliases: abi::module_composites(module)
                .iter()
                .filter(|c| c.declare)
                .map(|c| type_alias(&c.c_type, &c.rust_type))
                .collect(),
            functions: module
                .functions
                .iter()
                .map(|f| fn_view(module, f))
                .collect(),
            values: module
                .values
                .iter()
                .map(|v| ValueView {
                    python_name: v.python_name.clone(),
                    symbol: value_symbol(v),
                    read_statement: format_call(
                        "let rsbind_value = ",
                        "Clone::clone",
                        &[format!("&{}", rust_path(module, &v.rust_path))],
                        ";",
                        8,
                    ),
                    out_abi_type: abi::rust_abi_type(&v.ty, Dir::Out),
                })
                .collect(),
        };
        let view = Value::from_serialize(&view);
        let renders = vec![
            Render {
                template: "rust/lib.rs.j2",
                path: "src/lib.rs".to_string(),
                view: view.clone(),
            },
            Render {
                template: "rust/Cargo.toml.j2",
                path: "Cargo.toml".to_string(),
                view: view.clone(),
            },
            Render {
                template: "rust/build.rs.j2",
                path: "build.rs".to_string(),
                view,
            },
        ];
        let copies = vec![OutputFile {
            path: "src/rsbind_rt.rs".to_string(),
            contents: format!(
                "// generated by rsbind from {} — do not edit: rsbind's Rust runtime, the same in every package\n{RUNTIME_RS}",
                ctx.source_name
            ),
        }];
        (renders, copies)
    }
}
