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
            let mut ty = if p.from_iterable {
                ty.replacen("typing.Sequence[", "typing.Iterable[", 1)
            } else {
                ty
            };
            // Bound from `impl Into<T>`: what `T`'s `From` impls take, too.
            if let ir::Ty::Class(i, _) = &p.ty {
                for k in &p.made_by {
                    let from = &abi.module.classes[*i].methods[*k].params[0].ty;
                    ty = format!("{ty} | {}", abi.py_type(from, Dir::In));
                }
            }
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
    let mut attributes: Vec<String> = c
        .fields
        .iter()
        .filter(|f| !f.readonly)
        .map(field_line)
        .collect();
    attributes.extend(c.consts.iter().map(|v| {
        format!(
            "{}: typing.ClassVar[{}]",
            v.python_name,
            abi.py_type(&v.ty, Dir::Out)
        )
    }));
    // `PartialEq` without `Hash` + `Eq`: unhashable, as typeshed writes `list`.
    if c.kind != ClassKind::IntEnum && c.traits.partial_eq && !(c.traits.hash && c.traits.eq) {
        attributes.push("__hash__: typing.ClassVar[None]  # type: ignore[assignment]".to_string());
    }
    // A read-only field (a `'static` borrow) is a property.
    let mut methods: Vec<FnView> = c
        .fields
        .iter()
        .filter(|f| f.readonly)
        .map(|f| FnView {
            decorator: Some("@property".to_string()),
            name: f.python_name.clone(),
            params: vec!["self".to_string()],
            ret: abi.py_type(&f.ty, Dir::Out),
            doc: docstring(&f.doc),
        })
        .collect();
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
    for (k, m) in c.methods.iter().enumerate() {
        if let Some(ir::operators::Operator::InPlace(op)) = m.operator {
            // All of an in-place operator's stubs at its first method.
            if !c.methods[..k].iter().any(|o| o.operator == m.operator) {
                methods.extend(in_place_stubs(abi, i, op));
            }
            continue;
        }
        let makes_self = m.ret.ty == ir::Ty::Class(i, ir::ClassMode::Value);
        // Operators with several right-hand types are overloads.
        let overloaded = m.operator.is_some()
            && c.methods
                .iter()
                .filter(|o| o.python_name == m.python_name)
                .count()
                > 1;
        let (decorator, receiver) = match m.receiver {
            ir::Receiver::None if makes_self => (Some("@classmethod"), Some("cls")),
            ir::Receiver::None => (Some("@staticmethod"), None),
            _ if overloaded => (Some("@typing.overload"), Some("self")),
            _ => (None, Some("self")),
        };
        methods.push(FnView {
            decorator: decorator.map(str::to_string),
            name: m.python_name.clone(),
            params: params(abi, receiver, &m.params),
            // A builder step gives the object back.
            ret: if m.returns_receiver {
                c.python_name.clone()
            } else {
                abi.py_type(&m.ret.ty, Dir::Out)
            },
            doc: docstring(&m.doc),
        });
    }
    methods.extend(protocol_methods(abi, i));
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

/// `a OP= b` for every operand the in-place methods take, each giving `a`
/// back. Where the binary operator exists, Python falls back to it for other
/// operands, and type checkers want the two to take the same: the in-place
/// stubs then take the binary operator's operands, or, when some in-place
/// operand is not among them, are left out (checkers then type `a OP= b` as
/// `a = a OP b`, which takes fewer operands than Rust does but never more).
fn in_place_stubs(abi: &Abi, i: usize, op: ir::operators::BinaryOp) -> Vec<FnView> {
    use ir::operators::Operator;
    let c = &abi.module.classes[i];
    let of = |o: Operator| -> Vec<&ir::Method> {
        c.methods.iter().filter(|m| m.operator == Some(o)).collect()
    };
    let (in_place, binary) = (of(Operator::InPlace(op)), of(Operator::Binary(op)));
    let operand = |m: &ir::Method| m.params.first().map(|p| abi.py_type(&p.ty, Dir::In));
    let taken: Vec<Option<String>> = binary.iter().map(|m| operand(m)).collect();
    let stubbed = if binary.is_empty() {
        in_place
    } else if in_place.iter().all(|m| taken.contains(&operand(m))) {
        binary
    } else {
        return Vec::new();
    };
    let name = Operator::InPlace(op).python_name();
    let overload = stubbed.len() > 1;
    stubbed
        .iter()
        .map(|m| FnView {
            decorator: overload.then(|| "@typing.overload".to_string()),
            name: name.clone(),
            params: params(abi, Some("self"), &m.params),
            ret: c.python_name.clone(),
            doc: None,
        })
        .collect()
}

/// The dunders that the class's protocol traits give it: comparisons,
/// iteration, copies; a class with `PartialEq` but no `Hash` is unhashable.
fn protocol_methods(abi: &Abi, i: usize) -> Vec<FnView> {
    let c = &abi.module.classes[i];
    let t = &c.traits;
    let name = &c.python_name;
    let method = |name: &str, params: &[&str], ret: &str| FnView {
        decorator: None,
        name: name.to_string(),
        params: params.iter().map(|p| p.to_string()).collect(),
        ret: ret.to_string(),
        doc: None,
    };
    let mut out = Vec::new();
    if c.kind == ClassKind::IntEnum {
        return out;
    }
    if t.partial_eq {
        out.push(method("__eq__", &["self", "other: object"], "bool"));
        out.push(method("__ne__", &["self", "other: object"], "bool"));
    }
    if t.partial_ord {
        let other = format!("other: {name}");
        for op in ["__lt__", "__le__", "__gt__", "__ge__"] {
            out.push(method(op, &["self", &other], "bool"));
        }
    }
    if let Some(item) = &c.iterator_item {
        let item = abi.py_type(&item.ty, Dir::Out);
        let iterator = format!("typing.Iterator[{item}]");
        if t.iterator {
            out.push(method("__iter__", &["self"], name));
            out.push(method("__next__", &["self"], &item));
            if t.double_ended {
                out.push(method("__reversed__", &["self"], &iterator));
            }
        } else if t.iter_by_ref {
            out.push(method("__iter__", &["self"], &iterator));
        }
    }
    if t.clone {
        out.push(method("__copy__", &["self"], name));
        out.push(method(
            "__deepcopy__",
            &["self", "memo: dict[int, typing.Any]"],
            name,
        ));
    }
    if abi.module.is_viewed(i) {
        // A view ends its borrow of its owner at the end of a `with` block.
        out.push(method("__enter__", &["self"], name));
        out.push(method("__exit__", &["self", "*args: object"], "bool"));
    }
    out
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
