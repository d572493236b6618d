//! The `pyi` backend: `NAME.pyi`, the module's type stubs.

use super::abi::{self, Dir};
use super::{python_string, Backend, GenContext, OutputFile, Render};
use crate::ir;
use minijinja::Value;
use serde::Serialize;

pub struct PyiBackend;

#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    doc: Option<String>,
    exceptions: Vec<Named>,
    values: Vec<Typed>,
    functions: Vec<FnView>,
}

#[derive(Serialize)]
struct Named {
    name: String,
    doc: Option<String>,
}

#[derive(Serialize)]
struct Typed {
    name: String,
    ty: String,
}

#[derive(Serialize)]
struct FnView {
    name: String,
    params: Vec<String>,
    ret: String,
    doc: Option<String>,
}

/// A docstring literal for a stub: triple-quoted when it reads cleanly so, else escaped.
fn docstring(doc: &str) -> Option<String> {
    if doc.is_empty() {
        None
    } else if !doc.contains("\"\"\"") && !doc.contains('\\') && !doc.ends_with('"') {
        Some(format!("\"\"\"{doc}\"\"\""))
    } else {
        Some(python_string(doc))
    }
}

impl Backend for PyiBackend {
    fn name(&self) -> &'static str {
        "pyi"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            doc: docstring(&module.doc),
            exceptions: module
                .exceptions
                .iter()
                .map(|e| Named {
                    name: e.python_name.clone(),
                    doc: docstring(&e.doc),
                })
                .collect(),
            values: module
                .values
                .iter()
                .map(|v| Typed {
                    name: v.python_name.clone(),
                    ty: abi::py_type(&v.ty, Dir::Out),
                })
                .collect(),
            functions: module
                .functions
                .iter()
                .map(|f| FnView {
                    name: f.python_name.clone(),
                    params: f
                        .params
                        .iter()
                        .map(|p| {
                            let ty = abi::py_type(&p.ty, Dir::In);
                            if p.defaults_to_none {
                                format!("{}: {ty} = None", p.python_name)
                            } else {
                                format!("{}: {ty}", p.python_name)
                            }
                        })
                        .collect(),
                    ret: abi::py_type(&f.ret.ty, Dir::Out),
                    doc: docstring(&f.doc),
                })
                .collect(),
        };
        let renders = vec![Render {
            template: "pyi/module.pyi.j2",
            path: format!("{}.pyi", module.name),
            view: Value::from_serialize(&view),
        }];
        (renders, Vec::new())
    }
}
