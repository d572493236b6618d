//! How each IR type crosses the C boundary: its C type, its `#[repr(C)]` Rust
//! mirror and the names of its converters. Both the `rust` and the `cpython`
//! backends read this, so the two sides of the ABI are derived from one place.

use crate::ir::{self, ClassKind, ClassMode, FloatKind, IntKind, PathForm, StrForm, Ty};
use serde::Serialize;

/// Which way a value travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Python to Rust (an argument).
    In,
    /// Rust to Python (a return value, a const).
    Out,
}

/// The ABI of one module: types may name its classes.
#[derive(Clone, Copy)]
pub struct Abi<'m> {
    pub module: &'m ir::Module,
}

/// The name of class `i` in generated identifiers: its Python path below the
/// module, dots as `__` (`Counter`, `geo__Point`).
pub fn class_ident(module: &ir::Module, i: usize) -> String {
    let class = &module.classes[i];
    let mut parts = vec![class.python_name.clone()];
    let mut ns = class.namespace;
    while let Some(parent) = module.namespaces[ns].parent {
        parts.push(module.namespaces[ns].attr_name.clone());
        ns = parent;
    }
    parts.reverse();
    parts.join("__")
}

/// The C stem and C type of a scalar or string leaf.
fn scalar_leaf(ty: &Ty, dir: Dir) -> Option<(&'static str, &'static str)> {
    Some(match ty {
        Ty::Unit => ("unit", "uint8_t"),
        Ty::Bool => ("bool", "bool"),
        Ty::Int(k) => int_leaf(*k),
        Ty::Float(FloatKind::F32) => ("f32", "float"),
        Ty::Float(FloatKind::F64) => ("f64", "double"),
        Ty::Char => ("char", "uint32_t"),
        Ty::Str(_) => match dir {
            Dir::In => ("str", "rsbind_str"),
            Dir::Out => ("string", "rsbind_string"),
        },
        Ty::Path(_) => match dir {
            Dir::In => ("path", "rsbind_str"),
            Dir::Out => ("pathbuf", "rsbind_string"),
        },
        Ty::Duration => ("duration", "rsbind_duration"),
        Ty::SystemTime => ("time", "rsbind_time"),
        Ty::Option(_) | Ty::Tuple(_) | Ty::Class(..) => return None,
    })
}

fn int_leaf(k: IntKind) -> (&'static str, &'static str) {
    match k {
        IntKind::I8 => ("i8", "int8_t"),
        IntKind::I16 => ("i16", "int16_t"),
        IntKind::I32 => ("i32", "int32_t"),
        IntKind::I64 => ("i64", "int64_t"),
        IntKind::I128 => ("i128", "rsbind_i128"),
        IntKind::Isize => ("isize", "intptr_t"),
        IntKind::U8 => ("u8", "uint8_t"),
        IntKind::U16 => ("u16", "uint16_t"),
        IntKind::U32 => ("u32", "uint32_t"),
        IntKind::U64 => ("u64", "uint64_t"),
        IntKind::U128 => ("u128", "rsbind_u128"),
        IntKind::Usize => ("usize", "size_t"),
    }
}

/// The suffix of a class converter for how the value is passed.
pub fn mode_suffix(mode: ClassMode) -> &'static str {
    match mode {
        ClassMode::Ref => "ref",
        ClassMode::RefMut => "mut",
        ClassMode::Value | ClassMode::Boxed => "val",
    }
}

impl Abi<'_> {
    pub fn class(&self, i: usize) -> &ir::Class {
        &self.module.classes[i]
    }

    pub fn class_ident(&self, i: usize) -> String {
        class_ident(self.module, i)
    }

    pub fn is_int_enum(&self, i: usize) -> bool {
        self.class(i).kind == ClassKind::IntEnum
    }

    /// The Rust path of class `i` in the stubs (`::lib::Counter`).
    pub fn class_rust_path(&self, i: usize) -> String {
        super::rust::absolute_path(&self.module.lib, &self.class(i).rust_path)
    }

    /// A leaf's converter stem and C type (classes included).
    fn leaf(&self, ty: &Ty, dir: Dir) -> Option<(String, String)> {
        if let Ty::Class(i, mode) = ty {
            let ident = self.class_ident(*i);
            if self.is_int_enum(*i) {
                return Some((format!("cls_{ident}"), "int64_t".to_string()));
            }
            return Some(match (dir, mode) {
                (Dir::Out, _) => (format!("cls_{ident}"), "void *".to_string()),
                (Dir::In, ClassMode::Ref) => {
                    (format!("cls_{ident}_ref"), "const void *".to_string())
                }
                (Dir::In, m) => (
                    format!("cls_{ident}_{}", mode_suffix(*m)),
                    "void *".to_string(),
                ),
            });
        }
        scalar_leaf(ty, dir).map(|(s, c)| (s.to_string(), c.to_string()))
    }

    /// A name for a type that is unique per ABI shape and conversion.
    pub fn mangle(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Option(inner) => format!("opt_{}", self.mangle(inner, dir)),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.mangle(t, dir)).collect();
                format!("tup{}_{}", items.len(), parts.join("_"))
            }
            _ => self.leaf(ty, dir).map(|(stem, _)| stem).unwrap_or_default(),
        }
    }

    /// The C type of the ABI value.
    pub fn c_type(&self, ty: &Ty, dir: Dir) -> String {
        match self.leaf(ty, dir) {
            Some((_, c)) => c,
            None => format!("rsbind_{}", self.mangle(ty, dir)),
        }
    }

    /// The C function converting a Python object into the ABI value.
    pub fn c_from_py(&self, ty: &Ty) -> String {
        match self.leaf(ty, Dir::In) {
            Some((stem, _)) => format!("rsbind_{stem}_from_py"),
            None => format!("rsbind_from_py_{}", self.mangle(ty, Dir::In)),
        }
    }

    /// The C function converting the ABI value into a new Python object.
    pub fn c_to_py(&self, ty: &Ty) -> String {
        match self.leaf(ty, Dir::Out) {
            Some((stem, _)) => format!("rsbind_{stem}_to_py"),
            None => format!("rsbind_to_py_{}", self.mangle(ty, Dir::Out)),
        }
    }

    /// The Rust spelling of the ABI value: a type of rsbind_rt.rs for leaves, and
    /// for composites the alias that lib.rs declares under the C struct's name.
    pub fn rust_abi_type(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Unit => "rsbind_rt::RsbindUnit".to_string(),
            Ty::Bool => "bool".to_string(),
            Ty::Int(IntKind::I128) => "rsbind_rt::RsbindI128".to_string(),
            Ty::Int(IntKind::U128) => "rsbind_rt::RsbindU128".to_string(),
            Ty::Int(k) => k.rust_name().to_string(),
            Ty::Float(k) => k.rust_name().to_string(),
            Ty::Char => "u32".to_string(),
            Ty::Str(_) | Ty::Path(_) => match dir {
                Dir::In => "rsbind_rt::RsbindStr".to_string(),
                Dir::Out => "rsbind_rt::RsbindString".to_string(),
            },
            Ty::Duration => "rsbind_rt::RsbindDuration".to_string(),
            Ty::SystemTime => "rsbind_rt::RsbindTime".to_string(),
            Ty::Class(i, _) if self.is_int_enum(*i) => "i64".to_string(),
            Ty::Class(_, ClassMode::Ref) if dir == Dir::In => {
                "rsbind_rt::RsbindConstPtr".to_string()
            }
            Ty::Class(..) => "rsbind_rt::RsbindPtr".to_string(),
            Ty::Option(_) | Ty::Tuple(_) => self.c_type(ty, dir),
        }
    }

    /// The generic rsbind_rt.rs type that a composite's alias stands for.
    fn rust_composite_type(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Option(inner) => format!(
                "rsbind_rt::RsbindOption<{}>",
                self.rust_abi_type(inner, dir)
            ),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.rust_abi_type(t, dir)).collect();
                format!(
                    "rsbind_rt::RsbindTuple{}<{}>",
                    items.len(),
                    parts.join(", ")
                )
            }
            _ => self.rust_abi_type(ty, dir),
        }
    }

    /// Whether an argument of this type needs an owned value that the call then
    /// borrows (`&String`, `&PathBuf`, `&IntEnum`): the Rust type of that value.
    pub fn owned_for_borrow(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Str(StrForm::RefOwned) => Some("String".to_string()),
            Ty::Path(PathForm::RefOwned) => Some("std::path::PathBuf".to_string()),
            Ty::Class(i, ClassMode::Ref | ClassMode::RefMut) if self.is_int_enum(*i) => {
                Some(self.class_rust_path(*i))
            }
            _ => None,
        }
    }

    /// Adds `ty`'s composites (inner ones first) to `out`, once each.
    pub fn collect_composites(&self, ty: &Ty, dir: Dir, out: &mut Vec<Composite>) {
        let children: Vec<&Ty> = match ty {
            Ty::Option(inner) => vec![inner],
            Ty::Tuple(items) => items.iter().collect(),
            _ => return,
        };
        for c in &children {
            self.collect_composites(c, dir, out);
        }
        let c_type = self.c_type(ty, dir);
        let direction = match dir {
            Dir::In => "from_py",
            Dir::Out => "to_py",
        };
        if out
            .iter()
            .any(|c| c.c_type == c_type && c.direction == direction)
        {
            return;
        }
        let conv = |t: &Ty| match dir {
            Dir::In => self.c_from_py(t),
            Dir::Out => self.c_to_py(t),
        };
        let fields = match ty {
            Ty::Option(inner) => vec![CompositeField {
                name: "value".to_string(),
                c_type: self.c_type(inner, dir),
                converter: conv(inner),
                index: 0,
            }],
            _ => children
                .iter()
                .enumerate()
                .map(|(i, t)| CompositeField {
                    name: format!("f{i}"),
                    c_type: self.c_type(t, dir),
                    converter: conv(t),
                    index: i,
                })
                .collect(),
        };
        let declare = !out.iter().any(|c| c.c_type == c_type);
        out.push(Composite {
            declare,
            rust_type: self.rust_composite_type(ty, dir),
            converter: conv(ty),
            c_type,
            direction,
            kind: if matches!(ty, Ty::Option(_)) {
                "option"
            } else {
                "tuple"
            },
            fields,
        });
    }

    /// Every composite the module's items use, inner ones first.
    pub fn module_composites(&self) -> Vec<Composite> {
        let m = self.module;
        let mut out = Vec::new();
        let method = |params: &[ir::Param], ret: &ir::Ret, out: &mut Vec<Composite>| {
            for p in params {
                self.collect_composites(&p.ty, Dir::In, out);
            }
            self.collect_composites(&ret.ty, Dir::Out, out);
        };
        for f in &m.functions {
            method(&f.params, &f.ret, &mut out);
        }
        for c in &m.classes {
            for meth in &c.methods {
                method(&meth.params, &meth.ret, &mut out);
            }
            if let Some(ir::Constructor::Method(meth)) = &c.constructor {
                method(&meth.params, &meth.ret, &mut out);
            }
            let fields = c
                .fields
                .iter()
                .chain(c.variants.iter().flat_map(|v| v.fields.iter()));
            for f in fields {
                self.collect_composites(&f.ty, Dir::In, &mut out);
                self.collect_composites(&f.ty, Dir::Out, &mut out);
            }
            if let Some(item) = &c.iterator_item {
                self.collect_composites(&Ty::Option(Box::new(item.clone())), Dir::Out, &mut out);
            }
            for v in &c.consts {
                self.collect_composites(&v.ty, Dir::Out, &mut out);
            }
        }
        for v in &m.values {
            self.collect_composites(&v.ty, Dir::Out, &mut out);
        }
        for v in &m.live_statics {
            self.collect_composites(&v.ty, Dir::In, &mut out);
            self.collect_composites(&v.ty, Dir::Out, &mut out);
        }
        out
    }

    /// The Python type of a value for stubs (`.pyi`).
    pub fn py_type(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Unit => "None".to_string(),
            Ty::Bool => "bool".to_string(),
            Ty::Int(_) => "int".to_string(),
            Ty::Float(_) => "float".to_string(),
            Ty::Char | Ty::Str(_) => "str".to_string(),
            Ty::Path(_) => match dir {
                Dir::In => "str | os.PathLike[str]".to_string(),
                Dir::Out => "pathlib.Path".to_string(),
            },
            Ty::Duration => match dir {
                Dir::In => "datetime.timedelta | float".to_string(),
                Dir::Out => "datetime.timedelta".to_string(),
            },
            Ty::SystemTime => "datetime.datetime".to_string(),
            Ty::Option(inner) => format!("{} | None", self.py_type(inner, dir)),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.py_type(t, dir)).collect();
                format!("tuple[{}]", parts.join(", "))
            }
            Ty::Class(i, _) => self.class_ident(*i).replace("__", "."),
        }
    }
}

/// A composite ABI type (an option or a tuple) that the C side must declare and
/// convert; leaves are declared in rsbind.h or per class.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Composite {
    /// The C struct name, `rsbind_opt_str`.
    pub c_type: String,
    /// `from_py` or `to_py`
    pub direction: &'static str,
    /// The converter's name.
    pub converter: String,
    /// `option` or `tuple`
    pub kind: &'static str,
    /// Option: one field `value`; tuple: `f0`, `f1`, ...
    pub fields: Vec<CompositeField>,
    /// The first use of this C struct declares it (a type converted both ways
    /// has two converters but one declaration).
    pub declare: bool,
    /// The `#[repr(C)]` Rust type with the same layout.
    pub rust_type: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CompositeField {
    pub name: String,
    pub c_type: String,
    pub converter: String,
    pub index: usize,
}
