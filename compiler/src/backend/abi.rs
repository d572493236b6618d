//! How each IR type crosses the C boundary: its C type, its `#[repr(C)]` Rust
//! mirror and the names of its converters. Both the `rust` and the `cpython`
//! backends read this, so the two sides of the ABI are derived from one place.

use super::names;
use crate::ir::{self, ClassKind, ClassMode, FloatKind, IntKind, PathForm, SeqForm, StrForm, Ty};
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

/// Rust's keywords (strict, reserved and 2018+), which a path must write raw.
/// The bytes of C's room for a result written in place
/// (`Abi::result_in_room`); a larger value comes back in a `Box`.
pub const RESULT_ROOM: usize = 64;

const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// A name as Rust must write it: keywords raw (`r#type`), tuple indices as they are.
pub fn raw_ident(name: &str) -> String {
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// The absolute Rust path of an item, keywords written as raw identifiers;
/// `lib` `crate` is the bindings package itself (a type lib.rs defines).
pub fn absolute_path(lib: &str, path: &str) -> String {
    let segments: Vec<String> = path
        .split("::")
        .map(|seg| raw_ident(seg.strip_prefix("r#").unwrap_or(seg)))
        .collect();
    if lib == "crate" {
        return format!("crate::{}", segments.join("::"));
    }
    format!("::{lib}::{}", segments.join("::"))
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
        Ty::Leaf(l) => (l.def().stem, l.def().c_type),
        // A borrowed `PyObject *`; Rust takes its own reference.
        Ty::Callable(_) => ("callable", "void *"),
        Ty::Trait(..) => ("dyn", "rsbind_dyn"),
        Ty::Option(_)
        | Ty::Tuple(_)
        | Ty::Class(..)
        | Ty::Seq(..)
        | Ty::Map(..)
        | Ty::Set(..)
        | Ty::Iter(_) => return None,
    })
}

/// How a sequence crosses: in bulk as bytes or numbers, or item by item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqAbi {
    /// `u8` items: any byte buffer in, `bytes` out.
    Bytes,
    /// Numbers and bools: buffers borrowed in, vector objects out.
    Numbers,
    /// Anything else: a C array of converted items in, a list out.
    Items,
}

pub fn seq_abi(item: &Ty, form: SeqForm) -> SeqAbi {
    if *item == Ty::Int(IntKind::U8) && form != SeqForm::SliceMut {
        SeqAbi::Bytes
    } else if item.is_bulk_number() {
        SeqAbi::Numbers
    } else {
        SeqAbi::Items
    }
}

/// The runtime's item kind constant of a bulk number type.
pub fn item_kind(item: &Ty) -> &'static str {
    match item {
        Ty::Int(IntKind::I8) => "RSBIND_ITEM_I8",
        Ty::Int(IntKind::I16) => "RSBIND_ITEM_I16",
        Ty::Int(IntKind::I32) => "RSBIND_ITEM_I32",
        Ty::Int(IntKind::I64) => "RSBIND_ITEM_I64",
        Ty::Int(IntKind::Isize) => "RSBIND_ITEM_ISIZE",
        Ty::Int(IntKind::U8) => "RSBIND_ITEM_U8",
        Ty::Int(IntKind::U16) => "RSBIND_ITEM_U16",
        Ty::Int(IntKind::U32) => "RSBIND_ITEM_U32",
        Ty::Int(IntKind::U64) => "RSBIND_ITEM_U64",
        Ty::Int(IntKind::Usize) => "RSBIND_ITEM_USIZE",
        Ty::Float(FloatKind::F32) => "RSBIND_ITEM_F32",
        Ty::Float(FloatKind::F64) => "RSBIND_ITEM_F64",
        _ => "RSBIND_ITEM_BOOL",
    }
}

fn array_suffix(form: SeqForm) -> String {
    match form {
        SeqForm::Array(n) => format!("_n{n}"),
        _ => String::new(),
    }
}

fn expected_len(form: SeqForm) -> i64 {
    match form {
        SeqForm::Array(n) => n as i64,
        _ => -1,
    }
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
        ClassMode::StaticRef => "static",
        ClassMode::RefMut => "mut",
        ClassMode::Value | ClassMode::Boxed => "val",
    }
}

impl Abi<'_> {
    pub fn class(&self, i: usize) -> &ir::Class {
        &self.module.classes[i]
    }

    pub fn class_ident(&self, i: usize) -> String {
        names::class_ident(self.module, i)
    }

    pub fn is_int_enum(&self, i: usize) -> bool {
        self.class(i).kind == ClassKind::IntEnum
    }

    /// The Rust path of class `i` in the stubs (`::lib::Counter`).
    pub fn class_rust_path(&self, i: usize) -> String {
        let class = self.class(i);
        let lib = class.from_crate.as_deref().unwrap_or(&self.module.lib);
        let path = absolute_path(lib, &class.rust_path);
        if class.type_args.is_empty() {
            path
        } else {
            format!("{path}<{}>", class.type_args.join(", "))
        }
    }

    /// Class `i` where an expression names it (`Path::f`): generic arguments
    /// need the qualified form, `<::lib::Stack<i32>>::f`.
    pub fn class_expr_path(&self, i: usize) -> String {
        let path = self.class_rust_path(i);
        if self.class(i).type_args.is_empty() {
            path
        } else {
            format!("<{path}>")
        }
    }

    /// Class `i` in a struct literal: `::lib::Stack::<i32> { .. }`.
    pub fn class_literal_path(&self, i: usize) -> String {
        let class = self.class(i);
        if class.type_args.is_empty() {
            return self.class_rust_path(i);
        }
        let lib = class.from_crate.as_deref().unwrap_or(&self.module.lib);
        let path = absolute_path(lib, &class.rust_path);
        format!("{path}::<{}>", class.type_args.join(", "))
    }

    /// A leaf's converter stem and C type (classes included).
    fn leaf(&self, ty: &Ty, dir: Dir) -> Option<(String, String)> {
        if let Ty::Iter(item) = ty {
            // The boxed Rust iterator (`rsbind_rt::RsbindIter`); one of views
            // hands out addresses, never values of the class.
            let items = match self.module.iter_view_item(ty) {
                Some((i, true)) => format!("view_{}", self.class_ident(i)),
                Some((i, false)) => format!("viewmut_{}", self.class_ident(i)),
                None => self.mangle(item, Dir::Out),
            };
            return Some((format!("iter_{items}"), "void *".to_string()));
        }
        if let Ty::Class(i, mode) = ty {
            let ident = self.class_ident(*i);
            if self.is_int_enum(*i) {
                return Some((format!("cls_{ident}"), "int64_t".to_string()));
            }
            return Some(match (dir, mode) {
                (Dir::Out, ClassMode::StaticRef) => {
                    (format!("cls_{ident}_static"), "void *".to_string())
                }
                // Rust's own value lent to a callable: the object points to
                // it, where an owned value would be copied into the object.
                (Dir::Out, ClassMode::RefMut) if self.class(*i).stored_inline() => {
                    (format!("cls_{ident}_lent"), "void *".to_string())
                }
                (Dir::Out, _) => (format!("cls_{ident}"), "void *".to_string()),
                (Dir::In, ClassMode::Ref | ClassMode::StaticRef) => (
                    format!("cls_{ident}_{}", mode_suffix(*mode)),
                    "const void *".to_string(),
                ),
                (Dir::In, m) => (
                    format!("cls_{ident}_{}", mode_suffix(*m)),
                    "void *".to_string(),
                ),
            });
        }
        if let Ty::Trait(t, u) = ty {
            // Handed to Python (a callable's argument): an object of the
            // trait's returned-objects class.
            if let (Dir::Out, Some(c)) = (dir, self.module.traits[*t].object_class) {
                return Some((format!("cls_{}", self.class_ident(c)), "void *".to_string()));
            }
            return Some((self.dyn_stem(*t, *u), "rsbind_dyn".to_string()));
        }
        scalar_leaf(ty, dir).map(|(s, c)| (s.to_string(), c.to_string()))
    }

    /// Trait `t`'s name in symbols: its Rust path, `::` as `__`.
    pub fn trait_ident(&self, t: usize) -> String {
        self.module.traits[t].rust_path.replace("::", "__")
    }

    /// The Rust path of trait `t` in the stubs (`::lib::Shape`).
    pub fn trait_rust_path(&self, t: usize) -> String {
        absolute_path(&self.module.lib, &self.module.traits[t].rust_path)
    }

    /// The converter stem of a trait object: one C converter per trait and
    /// way of passing (the auto traits matter only to Rust).
    pub fn dyn_stem(&self, t: usize, u: ir::DynUse) -> String {
        let form = match u.form {
            ir::DynForm::Ref => "ref",
            ir::DynForm::RefMut => "mut",
            ir::DynForm::Boxed | ir::DynForm::Arc | ir::DynForm::Impl => "val",
        };
        let send = if u.send { "_send" } else { "" };
        let sync = if u.sync { "_sync" } else { "" };
        format!("dyn_{}_{form}{send}{sync}", self.trait_ident(t))
    }

    /// The trait object type a use names: `dyn ::lib::Shape + Send`.
    pub fn dyn_type(&self, t: usize, u: ir::DynUse) -> String {
        let mut out = format!("dyn {}", self.trait_rust_path(t));
        if u.send {
            out.push_str(" + Send");
        }
        if u.sync {
            out.push_str(" + Sync");
        }
        out
    }

    /// The type that an `impl Trait` parameter gets (lib.rs defines it): a
    /// box of the trait object, implementing the trait.
    pub fn dyn_holder(&self, t: usize, u: ir::DynUse) -> String {
        let mut out = format!("rsbind_Any{}", self.trait_ident(t));
        if u.send {
            out.push_str("_Send");
        }
        if u.sync {
            out.push_str("_Sync");
        }
        out
    }

    /// The class implementing trait `t` whose objects pass as themselves for
    /// use `u` (not int enums, not views: their values live in a box of their
    /// own; not the class of returned trait objects where `Send` or `Sync` is
    /// asked: its value is not, and its objects pass as Python objects there).
    pub fn dyn_implementors(&self, t: usize, u: ir::DynUse) -> Vec<usize> {
        let tr = &self.module.traits[t];
        tr.implementors
            .iter()
            .copied()
            .filter(|i| {
                let c = self.class(*i);
                c.kind != ClassKind::IntEnum
                    && !c.borrowing
                    && !(Some(*i) == tr.object_class && (u.send || u.sync))
            })
            .collect()
    }

    /// A name for a type that is unique per ABI shape and conversion.
    pub fn mangle(&self, ty: &Ty, dir: Dir) -> String {
        match ty {
            Ty::Seq(item, form) => {
                let m = self.mangle(item, dir);
                match (seq_abi(item, *form), dir) {
                    (SeqAbi::Bytes, Dir::In) => format!("bytes{}", array_suffix(*form)),
                    (SeqAbi::Bytes, Dir::Out) => "bytes".to_string(),
                    (SeqAbi::Numbers, Dir::In) if *form == SeqForm::SliceMut => {
                        format!("nums_mut_{m}")
                    }
                    (SeqAbi::Numbers, Dir::In) => format!("nums_{m}{}", array_suffix(*form)),
                    (SeqAbi::Numbers, Dir::Out) => format!("nums_{m}"),
                    (SeqAbi::Items, Dir::In) => format!("seq_{m}{}", array_suffix(*form)),
                    (SeqAbi::Items, Dir::Out) => format!("list_{m}"),
                }
            }
            Ty::Map(k, v, _) => {
                let pair = format!("{}_{}", self.mangle(k, dir), self.mangle(v, dir));
                match dir {
                    Dir::In => format!("map_{pair}"),
                    Dir::Out => format!("dict_{pair}"),
                }
            }
            Ty::Set(item, _) => match dir {
                Dir::In => format!("set_{}", self.mangle(item, dir)),
                Dir::Out => format!("pyset_{}", self.mangle(item, dir)),
            },
            Ty::Option(inner) => format!("opt_{}", self.mangle(inner, dir)),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.mangle(t, dir)).collect();
                format!("tup{}_{}", items.len(), parts.join("_"))
            }
            _ => self.leaf(ty, dir).map(|(stem, _)| stem).unwrap_or_default(),
        }
    }

    /// A call's result that the stub writes into room on C's stack
    /// ([`RESULT_ROOM`] bytes, 16-aligned) instead of a `Box`, when rustc's layout lets it be
    /// stored in its object (`rsbind_rt::give_in_room`): a value of a class
    /// stored inline (`Class::stored_inline`) that keeps nothing. C then
    /// moves its bytes into the new object: no allocation of Rust's, no
    /// atomic operation on the class's spare block. The class. Only a
    /// by-value result qualifies, so never a view (a reference) nor a
    /// builder step (whose stub returns `()`): both backends ask this of
    /// every call, constructors included (C moves their value into an object
    /// of the type called).
    pub fn result_in_room(&self, ret: &ir::Ret) -> Option<usize> {
        match ret.ty {
            Ty::Class(i, ClassMode::Value)
                if self.module.classes[i].stored_inline() && ret.keeps.is_none() =>
            {
                Some(i)
            }
            _ => None,
        }
    }

    /// The C type of the value a call's stub returns itself, when it does
    /// (`RsbindReturn`: the value and an ok flag, in registers; a failure's
    /// error kept on the thread for `rsbind_error_take`) instead of writing
    /// it through `rsbind_out` beside an error record: a scalar result of a
    /// call whose parameters hold no callable or trait object (those calls
    /// collect Python exceptions into the record as they fail). Both
    /// backends ask this of the same function or method.
    pub fn direct_return(&self, ret: &Ty, params: &[ir::Param]) -> Option<String> {
        let scalar = match ret {
            Ty::Int(IntKind::I128 | IntKind::U128) => false,
            Ty::Unit | Ty::Bool | Ty::Int(_) | Ty::Float(_) => true,
            _ => false,
        };
        let behaviour = params.iter().any(|p| p.ty.holds_behaviour());
        (scalar && !behaviour).then(|| self.c_type(ret, Dir::Out))
    }

    /// The C type of the ABI value.
    pub fn c_type(&self, ty: &Ty, dir: Dir) -> String {
        if self.is_seq_view(ty) {
            return "rsbind_seq_parts".to_string();
        }
        if let Ty::Seq(item, form) = ty {
            match (seq_abi(item, *form), dir) {
                (SeqAbi::Items, _) => {}
                (_, Dir::Out) => return "rsbind_vec".to_string(),
                (_, Dir::In) if *form == SeqForm::SliceMut => {
                    return "rsbind_slice_mut".to_string()
                }
                (_, Dir::In) => return "rsbind_slice".to_string(),
            }
        }
        match self.leaf(ty, dir) {
            Some((_, c)) => c,
            None => format!("rsbind_{}", self.mangle(ty, dir)),
        }
    }

    /// Whether `ty` is a sequence view (`SeqForm::View`) of a class that is
    /// not an IntEnum (whose items are copied, as a list).
    pub fn is_seq_view(&self, ty: &Ty) -> bool {
        matches!(ty, Ty::Seq(item, SeqForm::View | SeqForm::IterView) if matches!(**item, Ty::Class(i, _) if !self.is_int_enum(i)))
    }

    /// The pair (a 2-tuple) that a map's entries cross as.
    pub fn map_entry(k: &Ty, v: &Ty) -> Ty {
        Ty::Tuple(vec![k.clone(), v.clone()])
    }

    /// The C function converting a Python object into the ABI value.
    pub fn c_from_py(&self, ty: &Ty) -> String {
        match self.leaf(ty, Dir::In) {
            Some((stem, _)) => format!("rsbind_{stem}_from_py"),
            None => format!("rsbind_from_py_{}", self.mangle(ty, Dir::In)),
        }
    }

    /// Whether converting the ABI value to Python makes an object of a class
    /// of the module (a class object, an IntEnum member, an iterator, or a
    /// composite holding one): its C converter then takes the module state.
    pub fn to_py_needs_state(&self, ty: &Ty) -> bool {
        match ty {
            // A trait object handed to Python is an object of its `Dyn` class.
            Ty::Class(..) | Ty::Iter(_) | Ty::Trait(..) => true,
            Ty::Option(inner) | Ty::Seq(inner, _) | Ty::Set(inner, _) => {
                self.to_py_needs_state(inner)
            }
            Ty::Tuple(items) => items.iter().any(|t| self.to_py_needs_state(t)),
            Ty::Map(k, v, _) => self.to_py_needs_state(k) || self.to_py_needs_state(v),
            _ => false,
        }
    }

    /// The C function converting the ABI value into a new Python object.
    pub fn c_to_py(&self, ty: &Ty) -> String {
        if let Ty::Seq(item, form) = ty {
            if seq_abi(item, *form) == SeqAbi::Bytes {
                return "rsbind_bytes_to_py".to_string();
            }
        }
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
            Ty::Leaf(l) => l.def().rust_abi.to_string(),
            Ty::Class(i, _) if self.is_int_enum(*i) => "i64".to_string(),
            Ty::Class(_, ClassMode::Ref | ClassMode::StaticRef) if dir == Dir::In => {
                "rsbind_rt::RsbindConstPtr".to_string()
            }
            Ty::Class(..) | Ty::Iter(_) | Ty::Callable(_) => "rsbind_rt::RsbindPtr".to_string(),
            Ty::Seq(..) if self.is_seq_view(ty) => "rsbind_rt::RsbindSeqParts".to_string(),
            Ty::Trait(..) if dir == Dir::Out => "rsbind_rt::RsbindPtr".to_string(),
            Ty::Trait(..) => "rsbind_rt::RsbindDyn".to_string(),
            Ty::Seq(item, form) if seq_abi(item, *form) != SeqAbi::Items => {
                let item = self.rust_abi_type(item, dir);
                match dir {
                    Dir::Out => format!("rsbind_rt::RsbindVec<{item}>"),
                    Dir::In if *form == SeqForm::SliceMut => {
                        format!("rsbind_rt::RsbindSliceMut<{item}>")
                    }
                    Dir::In => format!("rsbind_rt::RsbindSlice<{item}>"),
                }
            }
            Ty::Option(_) | Ty::Tuple(_) | Ty::Seq(..) | Ty::Map(..) | Ty::Set(..) => {
                self.c_type(ty, dir)
            }
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
            Ty::Seq(item, _) | Ty::Set(item, _) => {
                self.rust_run(&self.rust_abi_type(item, dir), dir)
            }
            Ty::Map(k, v, _) => {
                self.rust_run(&self.rust_abi_type(&Self::map_entry(k, v), dir), dir)
            }
            _ => self.rust_abi_type(ty, dir),
        }
    }

    /// A run of items: borrowed in, an owned Vec out.
    fn rust_run(&self, item: &str, dir: Dir) -> String {
        match dir {
            Dir::In => format!("rsbind_rt::RsbindSlice<{item}>"),
            Dir::Out => format!("rsbind_rt::RsbindVec<{item}>"),
        }
    }

    /// Whether an argument of this type needs an owned value that the call then
    /// borrows (`&String`, `&PathBuf`, `&IntEnum`): the Rust type of that value.
    pub fn owned_for_borrow(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Str(StrForm::RefOwned) => Some("String".to_string()),
            Ty::Path(PathForm::RefOwned) => Some("std::path::PathBuf".to_string()),
            Ty::Class(i, ClassMode::Ref | ClassMode::RefMut | ClassMode::StaticRef)
                if self.is_int_enum(*i) =>
            {
                Some(self.class_rust_path(*i))
            }
            // A slice of items that are not numbers is built as a Vec first.
            Ty::Seq(item, SeqForm::Slice) if seq_abi(item, SeqForm::Slice) == SeqAbi::Items => {
                Some(format!("Vec<{}>", self.rust_type(item)))
            }
            Ty::Seq(item, SeqForm::RefVec) => Some(format!("Vec<{}>", self.rust_type(item))),
            Ty::Map(k, v, c) if c.by_ref => Some(format!(
                "std::collections::{}<{}, {}>",
                if c.ordered { "BTreeMap" } else { "HashMap" },
                self.rust_type(k),
                self.rust_type(v)
            )),
            Ty::Set(t, c) if c.by_ref => Some(format!(
                "std::collections::{}<{}>",
                if c.ordered { "BTreeSet" } else { "HashSet" },
                self.rust_type(t)
            )),
            Ty::Trait(_, u)
                if matches!(
                    u.form,
                    ir::DynForm::Ref | ir::DynForm::RefMut | ir::DynForm::Impl
                ) =>
            {
                Some(self.rust_type(ty))
            }
            Ty::Option(inner) if borrowed_dyn(inner).is_some() => Some(self.rust_type(ty)),
            _ => None,
        }
    }

    /// The Rust type of a value (as the stubs name it, lifetimes elided).
    pub fn rust_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Unit => "()".to_string(),
            Ty::Bool => "bool".to_string(),
            Ty::Int(k) => k.rust_name().to_string(),
            Ty::Float(k) => k.rust_name().to_string(),
            Ty::Char => "char".to_string(),
            Ty::Str(StrForm::Borrowed) => "&str".to_string(),
            Ty::Str(StrForm::Boxed) => "Box<str>".to_string(),
            Ty::Str(StrForm::Cow) => "std::borrow::Cow<'_, str>".to_string(),
            Ty::Str(_) => "String".to_string(),
            Ty::Path(PathForm::Borrowed) => "&std::path::Path".to_string(),
            Ty::Path(_) => "std::path::PathBuf".to_string(),
            Ty::Leaf(l) => l.def().rust_type.to_string(),
            Ty::Option(inner) => format!("Option<{}>", self.rust_type(inner)),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.rust_type(t)).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Ty::Class(i, ClassMode::Boxed) => format!("Box<{}>", self.class_rust_path(*i)),
            Ty::Class(i, _) => self.class_rust_path(*i),
            Ty::Seq(item, SeqForm::Array(n)) => format!("[{}; {n}]", self.rust_type(item)),
            Ty::Seq(item, _) => format!("Vec<{}>", self.rust_type(item)),
            Ty::Map(k, v, c) => format!(
                "std::collections::{}<{}, {}>",
                if c.ordered { "BTreeMap" } else { "HashMap" },
                self.rust_type(k),
                self.rust_type(v)
            ),
            Ty::Set(t, c) => format!(
                "std::collections::{}<{}>",
                if c.ordered { "BTreeSet" } else { "HashSet" },
                self.rust_type(t)
            ),
            Ty::Iter(item) => format!("rsbind_rt::RsbindIter<{}>", self.iter_next_abi_type(item)),
            Ty::Callable(c) => format!("Box<{}>", self.callable_dyn(c)),
            Ty::Trait(t, u) => {
                let d = self.dyn_type(*t, *u);
                match u.form {
                    ir::DynForm::Ref => format!("rsbind_rt::RsbindDynRef<'_, {d}>"),
                    ir::DynForm::RefMut => format!("rsbind_rt::RsbindDynMut<'_, {d}>"),
                    ir::DynForm::Boxed => format!("Box<{d}>"),
                    ir::DynForm::Arc => format!("std::sync::Arc<{d}>"),
                    ir::DynForm::Impl => self.dyn_holder(*t, *u),
                }
            }
        }
    }

    /// A value as Rust writes its type where it may be borrowed (a callable's
    /// parameter `&str`, `&::lib::Point`), lifetimes elided.
    pub fn rust_type_as_passed(&self, ty: &Ty) -> String {
        match ty {
            Ty::Str(StrForm::RefOwned) => "&String".to_string(),
            Ty::Path(PathForm::RefOwned) => "&std::path::PathBuf".to_string(),
            Ty::Class(i, ClassMode::Ref) => format!("&{}", self.class_rust_path(*i)),
            Ty::Class(i, ClassMode::RefMut) => format!("&mut {}", self.class_rust_path(*i)),
            Ty::Trait(t, u) if matches!(u.form, ir::DynForm::Ref | ir::DynForm::RefMut) => {
                let d = self.dyn_type(*t, *u);
                let d = if u.send || u.sync {
                    format!("({d})")
                } else {
                    d
                };
                match u.form {
                    ir::DynForm::Ref => format!("&{d}"),
                    _ => format!("&mut {d}"),
                }
            }
            Ty::Seq(item, SeqForm::Slice) => format!("&[{}]", self.rust_type_as_passed(item)),
            Ty::Seq(item, SeqForm::RefVec) => format!("&Vec<{}>", self.rust_type(item)),
            Ty::Map(_, _, c) | Ty::Set(_, c) if c.by_ref => format!(
                "&{}",
                self.rust_type(&match ty {
                    Ty::Map(k, v, c) => Ty::Map(
                        k.clone(),
                        v.clone(),
                        ir::Collection {
                            by_ref: false,
                            ..*c
                        }
                    ),
                    Ty::Set(t, c) => Ty::Set(
                        t.clone(),
                        ir::Collection {
                            by_ref: false,
                            ..*c
                        }
                    ),
                    other => other.clone(),
                })
            ),
            Ty::Option(inner) => format!("Option<{}>", self.rust_type_as_passed(inner)),
            Ty::Tuple(items) if !items.is_empty() => {
                let parts: Vec<String> =
                    items.iter().map(|t| self.rust_type_as_passed(t)).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            _ => self.rust_type(ty),
        }
    }

    /// A callable's trait as Rust writes it: `Fn(&str, i64) -> bool`.
    pub fn callable_sig(&self, c: &ir::Callable) -> String {
        let params: Vec<String> = c
            .params
            .iter()
            .map(|t| self.rust_type_as_passed(t))
            .collect();
        let ret = match (&c.ret, c.error) {
            (Ty::Unit, None) => String::new(),
            _ => format!(" -> {}", self.callable_ret(c)),
        };
        format!("{}({}){ret}", c.kind.rust_name(), params.join(", "))
    }

    /// What a callable returns to Rust: `i64`, `Result<i64, ::lib::Error>`.
    pub fn callable_ret(&self, c: &ir::Callable) -> String {
        match c.error {
            Some(e) => format!(
                "Result<{}, {}>",
                self.rust_type(&c.ret),
                self.class_rust_path(e)
            ),
            None => self.rust_type(&c.ret),
        }
    }

    /// The trait object a callable parameter names: `dyn Fn(i64) -> i64 + Send`.
    pub fn callable_dyn(&self, c: &ir::Callable) -> String {
        let mut out = format!("dyn {}", self.callable_sig(c));
        if c.send {
            out.push_str(" + Send");
        }
        if c.sync {
            out.push_str(" + Sync");
        }
        out
    }

    /// Adds `ty`'s composites (inner ones first) to `out`, once each. Over 100
    /// lines because it is one `match`, a row per composite shape.
    pub fn collect_composites(&self, ty: &Ty, dir: Dir, out: &mut Vec<Composite>) {
        if self.module.iter_view_item(ty).is_some() {
            return; // its `next` hands C an address (NULL at the end)
        }
        if let Ty::Iter(item) = ty {
            // Its `next` hands C an `Option` of the item.
            return self.collect_composites(&Ty::Option(item.clone()), Dir::Out, out);
        }
        // A callable's arguments go to Python, its result comes from it.
        if let Ty::Callable(c) = ty {
            for p in &c.params {
                self.collect_composites(p, Dir::Out, out);
            }
            self.collect_composites(&c.ret, Dir::In, out);
            return;
        }
        let seq_view = |t: &Ty| self.is_seq_view(t);
        if seq_view(ty) || matches!(ty, Ty::Option(inner) if seq_view(inner)) {
            return; // the runtime's sequence views (`rsbind_seq_parts`)
        }
        let children: Vec<Ty> = match ty {
            Ty::Option(inner) => vec![(**inner).clone()],
            Ty::Tuple(items) => items.clone(),
            Ty::Seq(item, _) | Ty::Set(item, _) => vec![(**item).clone()],
            Ty::Map(k, v, _) => vec![Self::map_entry(k, v)],
            _ => return,
        };
        for c in &children {
            self.collect_composites(c, dir, out);
        }
        if let Ty::Seq(item, form) = ty {
            let abi = seq_abi(item, *form);
            if abi == SeqAbi::Bytes && dir == Dir::Out {
                return; // the runtime's rsbind_bytes_to_py
            }
        }
        let c_type = self.c_type(ty, dir);
        let converter = match dir {
            Dir::In => self.c_from_py(ty),
            Dir::Out => self.c_to_py(ty),
        };
        let direction = match dir {
            Dir::In => "from_py",
            Dir::Out => "to_py",
        };
        if out.iter().any(|c| c.converter == converter) {
            return;
        }
        let conv = |t: &Ty| match dir {
            Dir::In => self.c_from_py(t),
            Dir::Out => self.c_to_py(t),
        };
        let field = |name: &str, t: &Ty, index: usize| CompositeField {
            name: name.to_string(),
            c_ptr: pointer_to(&self.c_type(t, dir), false),
            c_const_ptr: pointer_to(&self.c_type(t, dir), true),
            c_type: self.c_type(t, dir),
            converter: conv(t),
            index,
        };
        let (kind, fields, declare) = match ty {
            Ty::Option(inner) => ("option", vec![field("value", inner, 0)], true),
            Ty::Tuple(items) => (
                "tuple",
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| field(&format!("f{i}"), t, i))
                    .collect(),
                true,
            ),
            Ty::Seq(item, form) => match seq_abi(item, *form) {
                SeqAbi::Bytes => ("bytes", Vec::new(), false),
                SeqAbi::Numbers if *form == SeqForm::SliceMut => ("numbers_mut", Vec::new(), false),
                SeqAbi::Numbers => ("numbers", Vec::new(), false),
                SeqAbi::Items => (
                    match dir {
                        Dir::In => "seq",
                        Dir::Out => "list",
                    },
                    vec![field("item", item, 0)],
                    true,
                ),
            },
            Ty::Set(item, _) => (
                match dir {
                    Dir::In => "set_in",
                    Dir::Out => "set",
                },
                vec![field("item", item, 0)],
                true,
            ),
            Ty::Map(k, v, _) => {
                let entry = Self::map_entry(k, v);
                let mut fields = vec![field("item", &entry, 0)];
                if dir == Dir::Out {
                    fields.push(field("key", k, 1));
                    fields.push(field("value", v, 2));
                }
                (
                    match dir {
                        Dir::In => "map",
                        Dir::Out => "dict",
                    },
                    fields,
                    true,
                )
            }
            _ => return,
        };
        let (item_kind, expected_len) = match ty {
            Ty::Seq(item, form) => (item_kind(item), expected_len(*form)),
            _ => ("", -1),
        };
        let declare = declare && !out.iter().any(|c| c.c_type == c_type);
        out.push(Composite {
            stateful: dir == Dir::Out && self.to_py_needs_state(ty),
            declare,
            rust_type: self.rust_composite_type(ty, dir),
            converter,
            c_type,
            direction,
            kind,
            fields,
            item_kind,
            expected_len,
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
            // A view item's `next` hands out an address (NULL at the end).
            if let Some(item) = c.next_item().filter(|_| m.next_view_item(c).is_none()) {
                let next = Ty::Option(Box::new(item.ty.clone()));
                self.collect_composites(&next, Dir::Out, &mut out);
            }
            // `__reversed__` and `__iter__` of `IntoIterator for &T` hand out a `Vec`.
            let reversed = c.reversed_items().filter(|_| m.next_view_item(c).is_none());
            for all in reversed.into_iter().chain(c.borrowed_items()) {
                self.collect_composites(&all, Dir::Out, &mut out);
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

    /// The stem of the symbols of an iterator type the module's functions
    /// return (`rsbind_iter_str`): its `_next`/`_drop` stubs, and `_next_py`,
    /// `_to_py` and `_keeping` in C (its ABI stem, so converters find it).
    /// The Rust ABI of what an iterator's `next` stub writes: that of
    /// `Option<Item>`, or for view items (`ir::Module::iter_view_item`) the
    /// item's address, null at the end.
    pub fn iter_next_abi_type(&self, item: &Ty) -> String {
        if self
            .module
            .iter_view_item(&Ty::Iter(Box::new(item.clone())))
            .is_some()
        {
            return "rsbind_rt::RsbindPtr".to_string();
        }
        self.rust_abi_type(&Ty::Option(Box::new(item.clone())), Dir::Out)
    }

    pub fn iterator_stem(&self, ty: &Ty) -> String {
        format!("rsbind_{}", self.mangle(ty, Dir::Out))
    }

    /// The iterators the module's functions and methods return, once per ABI
    /// of their items: each has a `next` and a `drop` stub.
    pub fn module_iterators(&self) -> Vec<Ty> {
        let m = self.module;
        let rets = m
            .functions
            .iter()
            .map(|f| &f.ret)
            .chain(m.classes.iter().flat_map(|c| {
                let ctor = match &c.constructor {
                    Some(ir::Constructor::Method(meth)) => Some(&meth.ret),
                    _ => None,
                };
                c.methods.iter().map(|meth| &meth.ret).chain(ctor)
            }));
        // Items that cross alike (`&str`, `String`) share their stubs.
        let mut out: Vec<Ty> = Vec::new();
        for ret in rets {
            if let Ty::Iter(_) = &ret.ty {
                let stem = self.iterator_stem(&ret.ty);
                if !out.iter().any(|t| self.iterator_stem(t) == stem) {
                    out.push(ret.ty.clone());
                }
            }
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
            Ty::Leaf(l) => match dir {
                Dir::In => l.def().py_in.to_string(),
                Dir::Out => l.def().py_out.to_string(),
            },
            Ty::Option(inner) => format!("{} | None", self.py_type(inner, dir)),
            Ty::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|t| self.py_type(t, dir)).collect();
                format!("tuple[{}]", parts.join(", "))
            }
            Ty::Class(i, _) => self.class_ident(*i).replace("__", "."),
            Ty::Seq(item, form) => match (seq_abi(item, *form), dir) {
                (SeqAbi::Bytes, Dir::In) => "bytes | bytearray | memoryview".to_string(),
                (SeqAbi::Bytes, Dir::Out) => "bytes".to_string(),
                (SeqAbi::Numbers, Dir::In) => {
                    format!("typing.Sequence[{}] | memoryview", self.py_type(item, dir))
                }
                (SeqAbi::Numbers, Dir::Out) => {
                    format!("typing.MutableSequence[{}]", self.py_type(item, dir))
                }
                (SeqAbi::Items, Dir::In) => format!("typing.Sequence[{}]", self.py_type(item, dir)),
                (SeqAbi::Items, Dir::Out) => format!("list[{}]", self.py_type(item, dir)),
            },
            Ty::Map(k, v, _) => match dir {
                Dir::In => format!(
                    "typing.Mapping[{}, {}]",
                    self.py_type(k, dir),
                    self.py_type(v, dir)
                ),
                Dir::Out => format!("dict[{}, {}]", self.py_type(k, dir), self.py_type(v, dir)),
            },
            Ty::Set(item, _) => match dir {
                Dir::In => format!("typing.Iterable[{}]", self.py_type(item, dir)),
                Dir::Out => format!("set[{}]", self.py_type(item, dir)),
            },
            Ty::Iter(item) => format!("typing.Iterator[{}]", self.py_type(item, dir)),
            Ty::Trait(t, _) => self.module.traits[*t].python_name.clone(),
            Ty::Callable(c) => {
                let params: Vec<String> =
                    c.params.iter().map(|t| self.py_type(t, Dir::Out)).collect();
                let ret = match &c.ret {
                    // Whatever it returns is ignored.
                    Ty::Unit => "object".to_string(),
                    t => self.py_type(t, Dir::In),
                };
                format!("typing.Callable[[{}], {ret}]", params.join(", "))
            }
        }
    }
}

/// A composite ABI type (an option, a tuple, a collection) that the C side must
/// declare and convert; leaves are declared in rsbind.h or per class.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Composite {
    /// The C struct name, `rsbind_opt_str`.
    pub c_type: String,
    /// `from_py` or `to_py`
    pub direction: &'static str,
    /// The converter's name.
    pub converter: String,
    /// A converter to Python that takes the module state (`to_py_needs_state`).
    pub stateful: bool,
    /// `option` or `tuple`
    pub kind: &'static str,
    /// Option: one field `value`; tuple: `f0`, `f1`, ...
    pub fields: Vec<CompositeField>,
    /// The first use of this C struct declares it (a type converted both ways
    /// has two converters but one declaration).
    pub declare: bool,
    /// The `#[repr(C)]` Rust type with the same layout.
    pub rust_type: String,
    /// Bulk numbers: the runtime's item kind (`RSBIND_ITEM_F64`).
    pub item_kind: &'static str,
    /// Arrays `[T; N]`: N; else -1.
    pub expected_len: i64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CompositeField {
    pub name: String,
    pub c_type: String,
    /// A pointer to it, and a pointer to it as const: `double *`, `const double *`
    /// (`void **`, `void *const *` for a pointer type).
    pub c_ptr: String,
    pub c_const_ptr: String,
    pub converter: String,
    pub index: usize,
}

impl Composite {
    /// The C struct's members, (C type, name), when this composite is a struct:
    /// an option, a tuple, or a slice or vector's parts.
    pub fn members(&self) -> Vec<(String, String)> {
        let first = self.fields.first();
        let member = |ty: &str, name: &str| (ty.to_string(), name.to_string());
        match (self.kind, first) {
            ("option", Some(f)) => vec![member("bool", "is_some"), member(&f.c_type, "value")],
            ("tuple", _) => self
                .fields
                .iter()
                .map(|f| member(&f.c_type, &f.name))
                .collect(),
            (_, Some(f)) if self.direction == "from_py" => {
                vec![member(&f.c_const_ptr, "ptr"), member("size_t", "len")]
            }
            (_, Some(f)) => vec![
                member(&f.c_ptr, "ptr"),
                member("size_t", "len"),
                member("size_t", "cap"),
            ],
            (_, None) => Vec::new(),
        }
    }
}

/// The layout of the composites a module declares on 64-bit targets: size and
/// member offsets by C's rules, the same numbers both sides assert (the C
/// struct in module.c, its Rust mirror in lib.rs), so a mismatch fails the
/// build. Composites holding a type whose layout the table does not know are
/// left out.
pub fn composite_layouts(composites: &[Composite]) -> Vec<CompositeLayout> {
    const WORD: usize = 8;
    let mut known: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut out = Vec::new();
    for c in composites.iter().filter(|c| c.declare) {
        let mut offset = 0usize;
        let mut align = 1usize;
        let mut offsets = Vec::new();
        let mut complete = true;
        for (ty, name) in c.members() {
            let layout = known
                .get(&ty)
                .copied()
                .or_else(|| super::runtime_layout::c_type_layout(&ty, WORD));
            let Some((size, field_align)) = layout else {
                complete = false;
                break;
            };
            offset = offset.next_multiple_of(field_align);
            offsets.push((name, offset));
            offset += size;
            align = align.max(field_align);
        }
        if !complete || offsets.is_empty() {
            continue;
        }
        let size = offset.next_multiple_of(align);
        known.insert(c.c_type.clone(), (size, align));
        out.push(CompositeLayout {
            c_type: c.c_type.clone(),
            size,
            offsets,
        });
    }
    out
}

/// A composite's size and member offsets on 64-bit targets.
#[derive(Clone, Debug, PartialEq)]
pub struct CompositeLayout {
    pub c_type: String,
    pub size: usize,
    pub offsets: Vec<(String, usize)>,
}

impl CompositeLayout {
    /// The C assertions, for module.c.
    pub fn c_asserts(&self) -> Vec<String> {
        let t = &self.c_type;
        let mut out = vec!["#if UINTPTR_MAX == UINT64_MAX".to_string()];
        out.push(format!(
            "_Static_assert(sizeof({t}) == {}, \"{t}: size differs from its Rust mirror\");",
            self.size
        ));
        for (name, offset) in &self.offsets {
            out.push(format!(
                "_Static_assert(offsetof({t}, {name}) == {offset}, \"{t}.{name}: offset differs from its Rust mirror\");"
            ));
        }
        out.push("#endif".to_string());
        out
    }

    /// The Rust assertions, for lib.rs (the alias has the C struct's name).
    pub fn rust_asserts(&self) -> Vec<String> {
        let t = &self.c_type;
        let mut out = vec![format!(
            "assert!(core::mem::size_of::<{t}>() == {});",
            self.size
        )];
        for (name, offset) in &self.offsets {
            out.push(format!(
                "assert!(core::mem::offset_of!({t}, {name}) == {offset});"
            ));
        }
        out
    }
}

/// A C pointer type to `c_type`, optionally to const.
fn pointer_to(c_type: &str, constant: bool) -> String {
    match (c_type.strip_suffix(" *"), constant) {
        (Some(_), false) => format!("{c_type}*"),
        (Some(_), true) => format!("{c_type}const *"),
        (None, false) => format!("{c_type} *"),
        (None, true) => format!("const {c_type} *"),
    }
}

/// Whether a type is a borrowed trait object (`&dyn Trait`: `Some(false)`,
/// `&mut dyn Trait`: `Some(true)`), which an argument reaches through its
/// holder's `Deref`.
pub fn borrowed_dyn(ty: &Ty) -> Option<bool> {
    match ty {
        Ty::Trait(_, u) if u.form == ir::DynForm::Ref => Some(false),
        Ty::Trait(_, u) if u.form == ir::DynForm::RefMut => Some(true),
        _ => None,
    }
}
