//! The `rust` backend: the cargo package around the stubs (Cargo.toml, build.rs)
//! and `src/lib.rs`, one `#[no_mangle] extern "C"` stub per bound item.

use super::abi::{Abi, Dir};
use super::{names, Backend, GenContext, OutputFile, Render, RUNTIME_C_FILES, RUNTIME_RS};
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
    /// `, features = [..]` and `, default-features = false` for the crate, as the
    /// interface file chose them ("" for the defaults).
    crate_features: String,
    /// `name = { ... }` lines for the dependencies whose types are bound.
    dependencies: Vec<String>,
    /// `type NAME = rsbind_rt::...;` lines, one per composite ABI type.
    aliases: Vec<String>,
    /// `rsbind_rt::class_by_clone!(::lib::Point);` lines: each class's conversions.
    class_impls: Vec<String>,
    stubs: Vec<StubView>,
    /// The C runtime's files (`runtime-c/...`), which build.rs compiles.
    runtime_c_files: Vec<&'static str>,
}

/// One `#[no_mangle] extern "C"` function: it converts its parameters, runs
/// `body` (which leaves the result in `rsbind_ret`) and writes the result.
#[derive(Serialize)]
struct StubView {
    /// What it binds, for the doc comment.
    comment: String,
    symbol: String,
    params: Vec<ParamView>,
    /// Statements at 8 spaces of indent; continuation lines carry their own.
    body: Vec<String>,
    out_abi_type: String,
}

#[derive(Serialize)]
struct ParamView {
    name: String,
    abi_type: String,
}

/// A TOML basic string.
/// The crate dependency's feature keys for the package's Cargo.toml.
fn crate_features(module: &ir::Module) -> String {
    let mut out = String::new();
    if !module.features.is_empty() {
        let quoted: Vec<String> = module.features.iter().map(|f| toml_string(f)).collect();
        out.push_str(&format!(", features = [{}]", quoted.join(", ")));
    }
    if !module.default_features {
        out.push_str(", default-features = false");
    }
    out
}

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
pub fn absolute_path(lib: &str, path: &str) -> String {
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
    format!("::{lib}::{}", segments.join("::"))
}

fn error_expr(e: &ErrorConv) -> String {
    match e {
        ErrorConv::Class(i) => format!("rsbind_rt::RsbindError::class({i}, e)"),
        ErrorConv::Io => "rsbind_rt::RsbindError::io(&e)".to_string(),
        ErrorConv::Display => "rsbind_rt::RsbindError::display(&e)".to_string(),
    }
}

/// The first parameter of a method stub: the object's value.
const SELF_ARG: &str = "rsbind_self";

/// Builds stubs with the module's ABI at hand.
struct Stubs<'m> {
    abi: Abi<'m>,
    out: Vec<StubView>,
}

impl Stubs<'_> {
    /// Stub parameters (`self` first, when there is one) and the argument
    /// expressions, plus the statements that make owned values for
    /// `&String`-like parameters.
    fn args(
        &self,
        self_ty: Option<&ir::Ty>,
        params: &[ir::Param],
    ) -> (Vec<ParamView>, Vec<String>, Vec<String>) {
        let mut views = Vec::new();
        let mut args = Vec::new();
        let mut prelude = Vec::new();
        let receiver = self_ty.map(|t| (SELF_ARG.to_string(), "self".to_string(), t));
        let rest = params
            .iter()
            .map(|p| (names::arg_name(p), p.python_name.clone(), &p.ty));
        for (name, python_name, ty) in receiver.into_iter().chain(rest) {
            match self.abi.owned_for_borrow(ty) {
                Some(owned) => {
                    let owned_name = format!("rsbind_owned_{python_name}");
                    let lift = format!("rsbind_rt::lift(&{name})");
                    if matches!(ty, ir::Ty::Class(_, ir::ClassMode::RefMut)) {
                        prelude.push(let_line(&format!("mut {owned_name}"), &owned, &lift));
                        args.push(format!("&mut {owned_name}"));
                    } else {
                        prelude.push(let_line(&owned_name, &owned, &lift));
                        args.push(format!("&{owned_name}"));
                    }
                }
                None => args.push(format!("rsbind_rt::lift(&{name})")),
            }
            views.push(ParamView {
                abi_type: self.abi.rust_abi_type(ty, Dir::In),
                name,
            });
        }
        (views, args, prelude)
    }

    /// A stub calling `call(args)` with the error handling of `ret`.
    fn call_stub(
        &mut self,
        comment: String,
        symbol: String,
        call: &str,
        self_ty: Option<ir::Ty>,
        params: &[ir::Param],
        ret: &ir::Ret,
    ) {
        let (views, args, mut body) = self.args(self_ty.as_ref(), params);
        match &ret.error {
            Some(e) => {
                body.push(format_call("let rsbind_ret = match ", call, &args, " {", 8));
                body.push(format!(
                    "    Ok(v) => v,\n            Err(e) => return Err({}),\n        }};",
                    error_expr(e)
                ));
            }
            None => body.push(format_call("let rsbind_ret = ", call, &args, ";", 8)),
        }
        self.out.push(StubView {
            comment,
            symbol,
            params: views,
            body,
            out_abi_type: self.abi.rust_abi_type(&ret.ty, Dir::Out),
        });
    }

    /// A stub with a hand-made body over `self` (passed as `self_ty`) and params.
    fn body_stub(
        &mut self,
        comment: String,
        symbol: String,
        self_ty: Option<ir::Ty>,
        params: &[ir::Param],
        mut body: Vec<String>,
        out: &ir::Ty,
    ) {
        let (views, _, mut all) = self.args(self_ty.as_ref(), params);
        // The body reads `self` itself, as `rsbind_this`.
        all.retain(|l| !l.contains(" rsbind_owned_self:"));
        all.append(&mut body);
        self.out.push(StubView {
            comment,
            symbol,
            params: views,
            body: all,
            out_abi_type: self.abi.rust_abi_type(out, Dir::Out),
        });
    }

    fn class(&mut self, i: usize) {
        let module = self.abi.module;
        let c = &module.classes[i];
        let path = self.abi.class_rust_path(i);
        // Where an expression names the class (a call, a const) and a literal builds it.
        let expr = self.abi.class_expr_path(i);
        let literal = self.abi.class_literal_path(i);
        let sym = |what: &str| names::class_symbol(module, i, what);
        let qualified = format!(
            "{}.{}",
            module.namespaces[c.namespace].qualified_name, c.python_name
        );
        let by_ref = ir::Ty::Class(i, ir::ClassMode::Ref);
        let by_mut = ir::Ty::Class(i, ir::ClassMode::RefMut);
        let this = |ty: &str| let_line("rsbind_this", ty, &format!("rsbind_rt::lift(&{SELF_ARG})"));
        let this_ref = this(&format!("&{path}"));
        let this_mut = this(&format!("&mut {path}"));
        if c.kind == ir::ClassKind::IntEnum {
            // The discriminant of each member, read at import to build the IntEnum.
            let arms: Vec<String> = c
                .variants
                .iter()
                .enumerate()
                .map(|(vi, v)| {
                    format!(
                        "            {vi} => {path}::{} as i64,",
                        raw_ident(&v.rust_name)
                    )
                })
                .collect();
            self.body_stub(
                format!("The discriminants of `{qualified}`, by variant index."),
                sym("discriminant"),
                None,
                &[ir::Param::required("index", ir::Ty::Int(ir::IntKind::U32))],
                vec![format!(
                    "let rsbind_ret = match rsbind_arg_index {{\n{}\n            _ => 0,\n        }};",
                    arms.join("\n")
                )],
                &ir::Ty::Int(ir::IntKind::I64),
            );
            return;
        }
        // Dropping the box, when Python frees the object.
        self.out.push(StubView {
            comment: format!("Drops the value of a `{qualified}` object."),
            symbol: sym("drop"),
            params: vec![ParamView {
                name: SELF_ARG.to_string(),
                abi_type: "rsbind_rt::RsbindPtr".to_string(),
            }],
            body: vec![
                format!("rsbind_rt::drop_boxed::<{path}>({SELF_ARG});"),
                "let rsbind_ret = ();".to_string(),
            ],
            out_abi_type: "rsbind_rt::RsbindUnit".to_string(),
        });
        let value_ty = ir::Ty::Class(i, ir::ClassMode::Value);
        match &c.constructor {
            Some(ir::Constructor::Method(m)) => {
                let call = format!("{expr}::{}", raw_ident(&m.rust_name));
                self.call_stub(
                    format!("`{qualified}(..)`"),
                    sym("new"),
                    &call,
                    None,
                    &m.params,
                    &m.ret,
                );
            }
            Some(ir::Constructor::Default) => self.body_stub(
                format!("`{qualified}()`, from `Default`."),
                sym("new"),
                None,
                &[],
                vec![format!("let rsbind_ret: {path} = Default::default();")],
                &value_ty,
            ),
            Some(ir::Constructor::Fields(_)) => {
                self.body_stub(
                    format!("`{qualified}(..)`, from its fields."),
                    sym("new"),
                    None,
                    &ir::fields_as_params(&c.fields),
                    vec![struct_literal(
                        "let rsbind_ret = ",
                        &literal,
                        &field_inits(&c.fields),
                        ";",
                    )],
                    &value_ty,
                );
            }
            None => {}
        }
        if c.kind == ir::ClassKind::DataEnum {
            let arms: Vec<String> = c
                .variants
                .iter()
                .enumerate()
                .map(|(vi, v)| {
                    format!(
                        "            {path}::{} {{ .. }} => {vi},",
                        raw_ident(&v.rust_name)
                    )
                })
                .collect();
            self.body_stub(
                format!("Which variant a `{qualified}` holds."),
                sym("variant"),
                Some(by_ref.clone()),
                &[],
                vec![
                    this_ref.clone(),
                    "#[allow(unreachable_patterns)]".to_string(),
                    format!(
                        "let rsbind_ret: u32 = match rsbind_this {{\n{}\n            _ => u32::MAX,\n        }};",
                        arms.join("\n")
                    ),
                ],
                &ir::Ty::Int(ir::IntKind::U32),
            );
            for v in &c.variants {
                let variant_path = format!("{path}::{}", raw_ident(&v.rust_name));
                self.body_stub(
                    format!("`{qualified}.{}(..)`", v.python_name),
                    sym(&format!("{}_new", v.python_name)),
                    None,
                    &ir::fields_as_params(&v.fields),
                    vec![struct_literal(
                        "let rsbind_ret = ",
                        &variant_path,
                        &field_inits(&v.fields),
                        ";",
                    )],
                    &value_ty,
                );
                for f in &v.fields {
                    self.body_stub(
                        format!("Reads `{qualified}.{}.{}`.", v.python_name, f.python_name),
                        sym(&format!("{}_get_{}", v.python_name, f.python_name)),
                        Some(by_ref.clone()),
                        &[],
                        vec![
                            this_ref.clone(),
                            "#[allow(unreachable_patterns)]".to_string(),
                            format!(
                                "let rsbind_ret = match rsbind_this {{\n            {variant_path} {{ {}: v, .. }} => Clone::clone(v),\n            _ => return Err(rsbind_rt::RsbindError::other_variant()),\n        }};",
                                raw_ident(&f.rust_name)
                            ),
                        ],
                        &f.ty,
                    );
                }
            }
        }
        for f in &c.fields {
            self.body_stub(
                format!("Reads `{qualified}.{}`.", f.python_name),
                sym(&format!("get_{}", f.python_name)),
                Some(by_ref.clone()),
                &[],
                vec![
                    this_ref.clone(),
                    format!(
                        "let rsbind_ret = Clone::clone(&rsbind_this.{});",
                        raw_ident(&f.rust_name)
                    ),
                ],
                &f.ty,
            );
            self.body_stub(
                format!("Writes `{qualified}.{}`.", f.python_name),
                sym(&format!("set_{}", f.python_name)),
                Some(by_mut.clone()),
                &[ir::Param::required("value", f.ty.clone())],
                vec![
                    this_mut.clone(),
                    format!(
                        "rsbind_this.{} = rsbind_rt::lift(&rsbind_arg_value);",
                        raw_ident(&f.rust_name)
                    ),
                    "let rsbind_ret = ();".to_string(),
                ],
                &ir::Ty::Unit,
            );
        }
        for m in &c.methods {
            let self_ty = match m.receiver {
                ir::Receiver::None => None,
                ir::Receiver::Ref => Some(by_ref.clone()),
                ir::Receiver::RefMut => Some(by_mut.clone()),
                ir::Receiver::Value => Some(value_ty.clone()),
            };
            let call = format!(
                "{expr}::{}{}",
                raw_ident(&m.rust_name),
                turbofish(&m.type_args)
            );
            self.call_stub(
                format!("`{qualified}.{}`", m.python_name),
                sym(&format!("m_{}", m.python_name)),
                &call,
                self_ty,
                &m.params,
                &m.ret,
            );
        }
        let t = &c.traits;
        let string = ir::Ty::Str(ir::StrForm::Owned);
        let other = [ir::Param::required("other", by_ref.clone())];
        let other_line = let_line(
            "rsbind_other",
            &format!("&{path}"),
            "rsbind_rt::lift(&rsbind_arg_other)",
        );
        let mut protocol = |what: &str,
                            doc: &str,
                            self_ty: &ir::Ty,
                            params: &[ir::Param],
                            body: Vec<String>,
                            out: &ir::Ty| {
            self.body_stub(
                format!("{doc} of a `{qualified}`."),
                sym(what),
                Some(self_ty.clone()),
                params,
                body,
                out,
            );
        };
        if t.display {
            let body = vec![
                this_ref.clone(),
                "let rsbind_ret = rsbind_this.to_string();".to_string(),
            ];
            protocol("str", "`str()`", &by_ref, &[], body, &string);
        }
        if t.debug {
            let body = vec![
                this_ref.clone(),
                "let rsbind_ret = format!(\"{rsbind_this:?}\");".to_string(),
            ];
            protocol("repr", "`repr()`", &by_ref, &[], body, &string);
        }
        if t.partial_eq {
            let body = vec![
                this_ref.clone(),
                other_line.clone(),
                "let rsbind_ret = rsbind_this == rsbind_other;".to_string(),
            ];
            protocol("eq", "`==`", &by_ref, &other, body, &ir::Ty::Bool);
        }
        if t.partial_ord {
            let body = vec![
                this_ref.clone(),
                other_line.clone(),
                "// -1, 0, 1, or 2 when the two are not ordered.".to_string(),
                "let rsbind_ret: i8 = match PartialOrd::partial_cmp(rsbind_this, rsbind_other) {\n            Some(std::cmp::Ordering::Less) => -1,\n            Some(std::cmp::Ordering::Equal) => 0,\n            Some(std::cmp::Ordering::Greater) => 1,\n            None => 2,\n        };".to_string(),
            ];
            protocol(
                "cmp",
                "The order",
                &by_ref,
                &other,
                body,
                &ir::Ty::Int(ir::IntKind::I8),
            );
        }
        if t.hash {
            let body = vec![
                this_ref.clone(),
                "let mut rsbind_hasher = std::collections::hash_map::DefaultHasher::new();"
                    .to_string(),
                "std::hash::Hash::hash(rsbind_this, &mut rsbind_hasher);".to_string(),
                "let rsbind_ret = std::hash::Hasher::finish(&rsbind_hasher);".to_string(),
            ];
            protocol(
                "hash",
                "`hash()`",
                &by_ref,
                &[],
                body,
                &ir::Ty::Int(ir::IntKind::U64),
            );
        }
        if t.clone {
            let body = vec![
                this_ref.clone(),
                "let rsbind_ret = Clone::clone(rsbind_this);".to_string(),
            ];
            protocol("clone", "`copy.copy()`", &by_ref, &[], body, &value_ty);
        }
        if let Some(item) = &c.iterator_item {
            let body = vec![
                this_mut.clone(),
                "let rsbind_ret = Iterator::next(rsbind_this);".to_string(),
            ];
            protocol(
                "next",
                "`next()`",
                &by_mut,
                &[],
                body,
                &ir::Ty::Option(Box::new(item.clone())),
            );
        }
        for v in &c.consts {
            let rust_name = v.rust_path.rsplit("::").next().unwrap_or_default();
            let read = format_call(
                "let rsbind_ret = ",
                "Clone::clone",
                &[format!("&{expr}::{}", raw_ident(rust_name))],
                ";",
                8,
            );
            self.body_stub(
                format!("`{qualified}.{}`, read once at import.", v.python_name),
                sym(&format!("const_{}", v.python_name)),
                None,
                &[],
                vec![read],
                &v.ty,
            );
        }
    }
}

/// `let name: ty = value;` at 8 spaces, broken after the `=` past 100 columns.
fn let_line(name: &str, ty: &str, value: &str) -> String {
    let line = format!("let {name}: {ty} = {value};");
    if line.len() + 8 <= 100 {
        line
    } else {
        format!("let {name}: {ty} =\n            {value};")
    }
}

/// `::<A, B>` for an instantiation of a generic item; nothing otherwise.
fn turbofish(type_args: &[String]) -> String {
    if type_args.is_empty() {
        String::new()
    } else {
        format!("::<{}>", type_args.join(", "))
    }
}

/// A name as Rust must write it: keywords raw (`r#type`), tuple indices as they are.
fn raw_ident(name: &str) -> String {
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// `field: rsbind_rt::lift(&rsbind_arg_field)` for a struct literal.
fn field_inits(fields: &[ir::Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            format!(
                "{}: rsbind_rt::lift(&rsbind_arg_{})",
                raw_ident(&f.rust_name),
                f.python_name
            )
        })
        .collect()
}

/// `prefix Path {` one field per line `}suffix`, as rustfmt writes all but the
/// tiniest struct literals.
fn struct_literal(prefix: &str, path: &str, inits: &[String], suffix: &str) -> String {
    if inits.is_empty() {
        return format!("{prefix}{path} {{}}{suffix}");
    }
    let mut out = format!("{prefix}{path} {{\n");
    for i in inits {
        out.push_str(&format!("            {i},\n"));
    }
    out.push_str(&format!("        }}{suffix}"));
    out
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let abi = Abi { module };
        let mut stubs = Stubs {
            abi,
            out: Vec::new(),
        };
        let mut class_impls = Vec::new();
        for (i, c) in module.classes.iter().enumerate() {
            let path = abi.class_rust_path(i);
            class_impls.push(match c.kind {
                ir::ClassKind::IntEnum => {
                    let variants: Vec<String> =
                        c.variants.iter().map(|v| raw_ident(&v.rust_name)).collect();
                    // rustfmt's layout of a struct-literal-like macro argument: one
                    // line while the fields fit its `struct_lit_width` (18), else one
                    // field per line.
                    let one_line = variants.join(", ");
                    if one_line.len() <= 18 {
                        format!("rsbind_rt::int_enum!({path} {{ {one_line} }});")
                    } else {
                        format!(
                            "rsbind_rt::int_enum!({path} {{\n    {}\n}});",
                            variants.join(",\n    ")
                        )
                    }
                }
                _ if c.traits.clone => format!("rsbind_rt::class_by_clone!({path});"),
                _ => format!("rsbind_rt::class_by_move!({path});"),
            });
            stubs.class(i);
        }
        for f in &module.functions {
            let call = format!(
                "{}{}",
                absolute_path(&module.lib, &f.rust_path),
                turbofish(&f.type_args)
            );
            stubs.call_stub(
                format!(
                    "`{}.{}`",
                    module.namespaces[f.namespace].qualified_name, f.python_name
                ),
                names::fn_symbol(module, f),
                &call,
                None,
                &f.params,
                &f.ret,
            );
        }
        for v in &module.values {
            let read = format_call(
                "let rsbind_ret = ",
                "Clone::clone",
                &[format!("&{}", absolute_path(&module.lib, &v.rust_path))],
                ";",
                8,
            );
            stubs.body_stub(
                format!(
                    "`{}.{}`, read once at import.",
                    module.namespaces[v.namespace].qualified_name, v.python_name
                ),
                names::value_symbol(module, v),
                None,
                &[],
                vec![read],
                &v.ty,
            );
        }
        for v in &module.live_statics {
            let path = absolute_path(&module.lib, &v.rust_path);
            let qualified = format!(
                "{}.{}",
                module.namespaces[v.namespace].qualified_name, v.python_name
            );
            let (read, write) = match v.cell {
                crate::idl::Cell::Atomic => (
                    format!("let rsbind_ret = {path}.load(std::sync::atomic::Ordering::SeqCst);"),
                    format_call(
                        "",
                        &format!("{path}.store"),
                        &[
                            "rsbind_rt::lift(&rsbind_arg_value)".to_string(),
                            "std::sync::atomic::Ordering::SeqCst".to_string(),
                        ],
                        ";",
                        8,
                    ),
                ),
                crate::idl::Cell::Mutex => (
                    format!("let rsbind_guard = rsbind_rt::lock(&{path});\n        let rsbind_ret = Clone::clone(&*rsbind_guard);"),
                    format!("let mut rsbind_guard = rsbind_rt::lock(&{path});\n        *rsbind_guard = rsbind_rt::lift(&rsbind_arg_value);"),
                ),
                crate::idl::Cell::RwLock => (
                    format!("let rsbind_guard = rsbind_rt::read(&{path});\n        let rsbind_ret = Clone::clone(&*rsbind_guard);"),
                    format!("let mut rsbind_guard = rsbind_rt::write(&{path});\n        *rsbind_guard = rsbind_rt::lift(&rsbind_arg_value);"),
                ),
            };
            stubs.body_stub(
                format!("Reads `{qualified}`."),
                names::live_symbol(module, v, "get"),
                None,
                &[],
                vec![read],
                &v.ty,
            );
            stubs.body_stub(
                format!("Writes `{qualified}`."),
                names::live_symbol(module, v, "set"),
                None,
                &[ir::Param::required("value", v.ty.clone())],
                vec![write, "let rsbind_ret = ();".to_string()],
                &ir::Ty::Unit,
            );
        }
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            package: module.package.clone(),
            lib: module.lib.clone(),
            crate_dir: toml_string(&ctx.crate_dir_from_output),
            crate_features: crate_features(module),
            dependencies: module
                .dependencies
                .iter()
                .map(|d| {
                    // Keyed by the name the stubs write in paths, which a
                    // Cargo.toml rename may make differ from the package's.
                    let source = match (&d.version, ctx.dependency_dirs_from_output.get(&d.lib)) {
                        (_, Some(dir)) => format!("path = {}", toml_string(dir)),
                        (Some(v), None) => format!("version = {}", toml_string(v)),
                        (None, None) => "version = \"*\"".to_string(),
                    };
                    format!(
                        "{} = {{ package = {}, {source} }}",
                        d.lib,
                        toml_string(&d.package)
                    )
                })
                .collect(),
            aliases: abi
                .module_composites()
                .iter()
                .filter(|c| c.declare)
                .map(|c| type_alias(&c.c_type, &c.rust_type))
                .collect(),
            class_impls,
            stubs: stubs.out,
            runtime_c_files: RUNTIME_C_FILES.iter().map(|(path, _)| *path).collect(),
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
    // rustfmt first tries the right-hand side of a `let` on a line of its own,
    // when the arguments are short enough (its `fn_call_width`).
    if let Some(lhs) = prefix.strip_suffix(" = ") {
        let rhs = format!("{pad}    {call}({}){suffix}", args.join(", "));
        if rhs.len() <= 100 && args.join(", ").len() <= 60 {
            return format!("{lhs} =\n{rhs}");
        }
    }
    let mut out = format!("{prefix}{call}(\n");
    for a in args {
        out.push_str(&format!("{pad}    {a},\n"));
    }
    out.push_str(&format!("{pad}){suffix}"));
    out
}
