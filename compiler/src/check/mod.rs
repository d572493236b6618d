//! Checking an interface file and lowering it to the IR. Every problem is
//! collected (all of them, in one run) with the place in the file it concerns.

pub mod types;

use crate::diag::Diagnostic;
use crate::idl::spans::{SpanIndex, Step};
use crate::idl::ty::{parse_type, TypeExpr};
use crate::idl::{self, Interface, Item};
use crate::ir;
use std::collections::BTreeMap;
use types::{lower_param, lower_return, lower_value, TypeEnv};

/// Python's hard keywords: a name that is one of them cannot be an attribute.
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

    let exception_paths: Vec<String> = interface
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Exception(e) => Some(e.path.clone()),
            _ => None,
        })
        .collect();
    let env = TypeEnv {
        exceptions: &exception_paths,
    };

    let mut module = ir::Module {
        name: interface.module.clone(),
        package: interface.krate.package.clone(),
        lib: interface.krate.lib.clone(),
        crate_path: interface.krate.path.clone(),
        doc: interface.doc.clone(),
        exceptions: Vec::new(),
        functions: Vec::new(),
        values: Vec::new(),
    };
    // Python names in the module namespace, and where each was first defined.
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    // The module's own panic class; usize::MAX marks it as no item's.
    taken.insert("RustPanic".to_string(), usize::MAX);

    for (index, item) in interface.items.iter().enumerate() {
        let at =
            |field: &'static str| [Step::Field("items"), Step::Index(index), Step::Field(field)];
        let what = format!("{} `{}`", item.kind(), item.name());
        ck.check_name(&at("name"), item.name(), &format!("a {}", item.kind()));
        if let Some(first) = taken.get(item.name()) {
            let d = ck.error(
                &at("name"),
                format!(
                    "the Python name `{}` is defined twice in module `{}`",
                    item.name(),
                    interface.module
                ),
                "defined again here",
            );
            if *first == usize::MAX {
                d.notes.push(format!(
                    "note: `{}` is the module's own panic exception class",
                    item.name()
                ));
            } else {
                d.notes.push(format!(
                    "note: first defined by {} `{}` (item {})",
                    interface.items[*first].kind(),
                    interface.items[*first].path(),
                    first + 1
                ));
            }
            d.notes
                .push("help: rename one of them with its `name` field".to_string());
        } else {
            taken.insert(item.name().to_string(), index);
        }
        if !is_rust_path(item.path()) {
            ck.error(
                &at("path"),
                format!("the path `{}` of {what} is not a Rust path", item.path()),
                "not a path like `module::item`",
            );
        }
        match item {
            Item::Exception(e) => {
                if module.exceptions.iter().any(|x| x.rust_path == e.path) {
                    ck.error(
                        &at("path"),
                        format!("the exception type `{}` is listed twice", e.path),
                        "listed again here",
                    );
                }
                module.exceptions.push(ir::Exception {
                    python_name: e.name.clone(),
                    rust_path: e.path.clone(),
                    doc: e.doc.clone(),
                });
            }
            Item::Const(v) | Item::Static(v) => {
                if let Some(t) = ck.parse_ty(&at("ty"), &v.ty, &what) {
                    match lower_value(&t, &env) {
                        Ok(ty) => module.values.push(ir::Value {
                            python_name: v.name.clone(),
                            rust_path: v.path.clone(),
                            doc: v.doc.clone(),
                            ty,
                            kind: if matches!(item, Item::Const(_)) {
                                ir::ValueKind::Const
                            } else {
                                ir::ValueKind::Static
                            },
                        }),
                        Err(u) => {
                            ck.error(
                                &at("ty"),
                                format!("{what} has a type rsbind cannot bind"),
                                &u.reason,
                            )
                            .notes
                            .push(
                                "help: move the item into `skipped`, or change its type"
                                    .to_string(),
                            );
                        }
                    }
                }
            }
            Item::Function(f) => {
                if let Some(func) = lower_function(&mut ck, f, index, &env) {
                    module.functions.push(func);
                }
            }
        }
    }

    if crate::diag::has_errors(&ck.diags) {
        Err(ck.diags)
    } else {
        Ok((module, ck.diags))
    }
}

fn lower_function(
    ck: &mut Checker,
    f: &idl::Function,
    index: usize,
    env: &TypeEnv,
) -> Option<ir::Function> {
    let what = format!("function `{}`", f.name);
    let mut params = Vec::new();
    let mut ok = true;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (pi, p) in f.params.iter().enumerate() {
        let at = |field: &'static str| {
            [
                Step::Field("items"),
                Step::Index(index),
                Step::Field("params"),
                Step::Index(pi),
                Step::Field(field),
            ]
        };
        let pwhat = format!("parameter `{}` of {what}", p.name);
        ck.check_name(
            &at("name"),
            &p.name,
            &format!("parameter {} of {what}", pi + 1),
        );
        if p.name.starts_with("rsbind_") {
            ck.error(
                &at("name"),
                format!("{pwhat} uses the reserved prefix `rsbind_`"),
                "reserved name",
            );
        }
        if let Some(first) = seen.insert(&p.name, pi) {
            ck.error(
                &at("name"),
                format!("{what} has two parameters named `{}`", p.name),
                "named again here",
            )
            .notes
            .push(format!("note: parameter {} has the same name", first + 1));
        }
        match ck.parse_ty(&at("ty"), &p.ty, &pwhat) {
            Some(t) => {
                match lower_param(&t, env) {
                    Ok(ty) => params.push(ir::Param {
                        python_name: p.name.clone(),
                        ty,
                        defaults_to_none: false,
                    }),
                    Err(u) => {
                        ok = false;
                        ck.error(&at("ty"), format!("{pwhat} has a type rsbind cannot bind"), &u.reason)
                        .notes
                        .push("help: move the function into `skipped`, or change the parameter's type".to_string());
                    }
                }
            }
            None => ok = false,
        }
    }
    let ret_at = [Step::Field("items"), Step::Index(index), Step::Field("ret")];
    let ret = match ck.parse_ty(&ret_at, &f.ret, &format!("the return value of {what}")) {
        Some(t) => match lower_return(&t, env) {
            Ok(r) => Some(r),
            Err(u) => {
                ck.error(
                    &ret_at,
                    format!("the return type of {what} cannot be bound"),
                    &u.reason,
                )
                .notes
                .push(
                    "help: move the function into `skipped`, or change its return type".to_string(),
                );
                None
            }
        },
        None => None,
    };
    let ret = ret?;
    if !ok {
        return None;
    }
    // A trailing run of `Option` parameters may be omitted (MAPPING.md, Functions).
    for p in params.iter_mut().rev() {
        if matches!(p.ty, ir::Ty::Option(_)) {
            p.defaults_to_none = true;
        } else {
            break;
        }
    }
    Some(ir::Function {
        python_name: f.name.clone(),
        rust_path: f.path.clone(),
        doc: f.doc.clone(),
        params,
        ret,
        release_gil: f.release_gil,
    })
}
