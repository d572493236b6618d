//! The `pyi` backend: `NAME.pyi`, the type stubs of the module's own namespace.

use super::abi::{Abi, Dir};
use super::{python_string, Backend, GenContext, OutputFile, Render};
use crate::ir::{self, ClassKind};
use minijinja::Value;
use serde::Serialize;

pub struct PyiBackend;

/// The stub's imports: what every stub uses, and the modules the value types
/// of the leaf table are annotated with.
fn imports() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = vec!["enum", "os", "pathlib", "typing"];
    out.extend(ir::Leaf::ALL.iter().map(|l| l.def().py_import));
    out.sort();
    out.dedup();
    out
}

#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    doc: Option<String>,
    /// The modules the stub's annotations name, sorted.
    imports: Vec<&'static str>,
    submodules: Vec<String>,
    classes: Vec<ClassView>,
    values: Vec<Typed>,
    functions: Vec<FnView>,
}

#[derive(Serialize)]
struct ClassView {
    name: String,
    base: String,
    doc: Option<String>,
    /// `name: type` lines for attributes and class constants.
    attributes: Vec<String>,
    methods: Vec<FnView>,
    /// Variant subclasses of a data enum, or members of an IntEnum.
    variants: Vec<ClassView>,
    members: Vec<String>,
}

#[derive(Serialize)]
struct Typed {
    name: String,
    ty: String,
}

#[derive(Serialize)]
struct FnView {
    decorator: Option<String>,
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

fn params(abi: &Abi, receiver: Option<&str>, params: &[ir::Param]) -> Vec<String> {
    receiver
        .map(str::to_string)
        .into_iter()
        .chain(params.iter().map(|p| {
            let ty = abi.py_type(&p.ty, Dir::In);
            // Bound from `IntoIterator`: any iterable, not only a sequence.
            let ty = if p.from_iterable {
                ty.replacen("typing.Sequence[", "typing.Iterable[", 1)
            } else {
                ty
            };
            if let Some(d) = &p.default {
                format!("{}: {ty} = {}", p.python_name, d.python())
            } else if p.defaults_to_none {
                format!("{}: {ty} = None", p.python_name)
            } else {
                format!("{}: {ty}", p.python_name)
            }
        }))
        .collect()
}

fn class_view(abi: &Abi, i: usize) -> ClassView {
    let c = &abi.module.classes[i];
    let field_line = |f: &ir::Field| format!("{}: {}", f.python_name, abi.py_type(&f.ty, Dir::Out));
    let mut attributes: Vec<String> = c.fields.iter().map(field_line).collect();
    attributes.extend(c.consts.iter().map(|v| {
        format!(
            "{}: typing.ClassVar[{}]",
            v.python_name,
            abi.py_type(&v.ty, Dir::Out)
        )
    }));
    let mut methods = Vec::new();
    let ctor_params = match &c.constructor {
        Some(ir::Constructor::Method(m)) => Some(m.params.clone()),
        Some(ir::Constructor::Fields(_)) => Some(ir::fields_as_params(&c.fields)),
        Some(ir::Constructor::Default) => Some(Vec::new()),
        None => None,
    };
    if let (Some(ps), ClassKind::Struct) = (ctor_params, c.kind) {
        methods.push(FnView {
            decorator: None,
            name: "__init__".to_string(),
            params: params(abi, Some("self"), &ps),
            ret: "None".to_string(),
            doc: None,
        });
    }
    for m in &c.methods {
        let (decorator, receiver) = match m.receiver {
            ir::Receiver::None => (Some("@staticmethod".to_string()), None),
            _ => (None, Some("self")),
        };
        methods.push(FnView {
            decorator,
            name: m.python_name.clone(),
            params: params(abi, receiver, &m.params),
            ret: abi.py_type(&m.ret.ty, Dir::Out),
            doc: docstring(&m.doc),
        });
    }
    if c.pickles() {
        methods.extend(pickle_methods(&c.python_name, !c.traits.clone));
    }
    let variants = if c.kind == ClassKind::DataEnum {
        c.variants
            .iter()
            .map(|v| ClassView {
                name: v.python_name.clone(),
                base: c.python_name.clone(),
                doc: docstring(&v.doc),
                attributes: v.fields.iter().map(field_line).collect(),
                methods: vec![FnView {
                    decorator: None,
                    name: "__init__".to_string(),
                    params: params(abi, Some("self"), &ir::fields_as_params(&v.fields)),
                    ret: "None".to_string(),
                    doc: None,
                }],
                variants: Vec::new(),
                members: Vec::new(),
            })
            .collect()
    } else {
        Vec::new()
    };
    ClassView {
        name: c.python_name.clone(),
        base: match (c.kind, c.is_exception) {
            (ClassKind::IntEnum, _) => "enum.IntEnum".to_string(),
            (_, true) => "Exception".to_string(),
            _ => "object".to_string(),
        },
        doc: docstring(&c.doc),
        attributes,
        methods,
        variants,
        members: if c.kind == ClassKind::IntEnum {
            c.variants
                .iter()
                .map(|v| format!("{} = ...", v.python_name))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A serde class's pickling: `__reduce__`, the classmethod it names, and,
/// without `Clone`, `__deepcopy__` through the data.
fn pickle_methods(class: &str, deepcopy: bool) -> Vec<FnView> {
    let method = |decorator: Option<&str>, name: &str, params: &[&str], ret: String| FnView {
        decorator: decorator.map(str::to_string),
        name: name.to_string(),
        params: params.iter().map(|p| p.to_string()).collect(),
        ret,
        doc: None,
    };
    let mut methods = vec![
        method(
            None,
            "__reduce__",
            &["self"],
            format!("tuple[typing.Callable[[bytes], {class}], tuple[bytes]]"),
        ),
        method(
            Some("@classmethod"),
            "_rsbind_from_pickle",
            &["cls", "data: bytes"],
            class.to_string(),
        ),
    ];
    if deepcopy {
        methods.push(method(
            None,
            "__deepcopy__",
            &["self", "memo: dict[int, typing.Any]"],
            class.to_string(),
        ));
    }
    methods
}

impl Backend for PyiBackend {
    fn name(&self) -> &'static str {
        "pyi"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let abi = Abi { module };
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            doc: docstring(&module.doc),
            imports: imports(),
            submodules: module
                .namespaces
                .iter()
                .filter(|n| n.parent == Some(0))
                .map(|n| n.attr_name.clone())
                .collect(),
            classes: (0..module.classes.len())
                .filter(|i| module.classes[*i].namespace == 0)
                .map(|i| class_view(&abi, i))
                .collect(),
            values: module
                .values
                .iter()
                .filter(|v| v.namespace == 0)
                .map(|v| Typed {
                    name: v.python_name.clone(),
                    ty: abi.py_type(&v.ty, Dir::Out),
                })
                .chain(
                    module
                        .live_statics
                        .iter()
                        .filter(|v| v.namespace == 0)
                        .map(|v| Typed {
                            name: v.python_name.clone(),
                            ty: abi.py_type(&v.ty, Dir::Out),
                        }),
                )
                .collect(),
            functions: module
                .functions
                .iter()
                .filter(|f| f.namespace == 0)
                .map(|f| FnView {
                    decorator: None,
                    name: f.python_name.clone(),
                    params: params(&abi, None, &f.params),
                    ret: abi.py_type(&f.ret.ty, Dir::Out),
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
