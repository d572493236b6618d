//! The `cpython` backend: `module.c`, the C-API side of the module (one
//! `METH_FASTCALL | METH_KEYWORDS` function per Rust function, converters for
//! composite values, module init), plus the C runtime copied beside it.

use super::abi::{self, Composite, Dir};
use super::rust::{arg_name, fn_symbol, value_symbol};
use super::{c_string_literal, Backend, GenContext, OutputFile, Render, RUNTIME_C, RUNTIME_C_H};
use crate::ir;
use minijinja::Value;
use serde::Serialize;

pub struct CPythonBackend;

#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    doc: String,
    composites: Vec<Composite>,
    functions: Vec<FnView>,
    values: Vec<ValueView>,
    exceptions: Vec<ExceptionView>,
    /// At least 1: C has no empty arrays.
    exception_slots: usize,
}

#[derive(Serialize)]
struct FnView {
    python_name: String,
    /// The Rust stub it calls.
    symbol: String,
    wrapper: String,
    sig: String,
    doc_name: String,
    /// `"name($module, /, a, b=None)\n--\n\ndoc"` as a C literal.
    doc: String,
    params: Vec<ParamView>,
    nrequired: usize,
    out_c_type: String,
    to_py: String,
    release_gil: bool,
}

#[derive(Serialize)]
struct ParamView {
    python_name: String,
    c_name: String,
    c_type: String,
    converter: String,
    loc: String,
}

#[derive(Serialize)]
struct ValueView {
    python_name: String,
    symbol: String,
    out_c_type: String,
    to_py: String,
}

#[derive(Serialize)]
struct ExceptionView {
    python_name: String,
    qualified: String,
    doc: Option<String>,
}

fn text_signature(f: &ir::Function) -> String {
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| {
            if p.defaults_to_none {
                format!("{}=None", p.python_name)
            } else {
                p.python_name.clone()
            }
        })
        .collect();
    if params.is_empty() {
        format!("{}($module, /)", f.python_name)
    } else {
        format!("{}($module, /, {})", f.python_name, params.join(", "))
    }
}

fn fn_view(f: &ir::Function) -> FnView {
    let name = &f.python_name;
    let doc = format!("{}\n--\n\n{}", text_signature(f), f.doc);
    FnView {
        python_name: name.clone(),
        symbol: fn_symbol(f),
        wrapper: format!("rsbind_py_{name}"),
        sig: format!("rsbind_sig_{name}"),
        doc_name: format!("rsbind_doc_{name}"),
        doc: c_string_literal(&doc, "    "),
        params: f
            .params
            .iter()
            .map(|p| ParamView {
                python_name: p.python_name.clone(),
                c_name: arg_name(p),
                c_type: abi::c_type(&p.ty, Dir::In),
                converter: abi::c_from_py(&p.ty),
                loc: format!("rsbind_loc_{name}_{}", p.python_name),
            })
            .collect(),
        nrequired: f.params.iter().filter(|p| !p.defaults_to_none).count(),
        out_c_type: abi::c_type(&f.ret.ty, Dir::Out),
        to_py: abi::c_to_py(&f.ret.ty),
        release_gil: f.release_gil,
    }
}

impl Backend for CPythonBackend {
    fn name(&self) -> &'static str {
        "cpython"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let mut composites = Vec::new();
        for f in &module.functions {
            for p in &f.params {
                abi::collect_composites(&p.ty, Dir::In, &mut composites);
            }
            abi::collect_composites(&f.ret.ty, Dir::Out, &mut composites);
        }
        for v in &module.values {
            abi::collect_composites(&v.ty, Dir::Out, &mut composites);
        }
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            doc: c_string_literal(&module.doc, "    "),
            composites,
            functions: module.functions.iter().map(fn_view).collect(),
            values: module
                .values
                .iter()
                .map(|v| ValueView {
                    python_name: v.python_name.clone(),
                    symbol: value_symbol(v),
                    out_c_type: abi::c_type(&v.ty, Dir::Out),
                    to_py: abi::c_to_py(&v.ty),
                })
                .collect(),
            exceptions: module
                .exceptions
                .iter()
                .map(|e| ExceptionView {
                    python_name: e.python_name.clone(),
                    qualified: format!("{}.{}", module.name, e.python_name),
                    doc: (!e.doc.is_empty()).then(|| c_string_literal(&e.doc, "        ")),
                })
                .collect(),
            exception_slots: module.exceptions.len().max(1),
        };
        let renders = vec![Render {
            template: "cpython/module.c.j2",
            path: "module.c".to_string(),
            view: Value::from_serialize(&view),
        }];
        let copies = vec![
            OutputFile {
                path: "runtime-c/rsbind.h".to_string(),
                contents: RUNTIME_C_H.to_string(),
            },
            OutputFile {
                path: "runtime-c/rsbind.c".to_string(),
                contents: RUNTIME_C.to_string(),
            },
        ];
        (renders, copies)
    }
}
