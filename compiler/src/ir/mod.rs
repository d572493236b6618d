//! The typed IR that the backends read: every name resolved, every value knowing
//! its conversion. It knows nothing of RON, of C or of templates.

/// A whole bound module.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The Python module name.
    pub name: String,
    /// The bound crate's package name and its library's Rust name.
    pub package: String,
    pub lib: String,
    /// The crate's folder as written in the interface file (relative to it).
    pub crate_path: String,
    pub doc: String,
    pub exceptions: Vec<Exception>,
    pub functions: Vec<Function>,
    /// Consts and statics: module attributes computed at import.
    pub values: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    pub python_name: String,
    /// Path from the crate root, `::`-separated.
    pub rust_path: String,
    pub doc: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub python_name: String,
    pub rust_path: String,
    pub doc: String,
    pub params: Vec<Param>,
    pub ret: Ret,
    pub release_gil: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub python_name: String,
    pub ty: Ty,
    /// Omitted from Python, it passes `None` (a trailing run of `Option`s).
    pub defaults_to_none: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub python_name: String,
    pub rust_path: String,
    pub doc: String,
    pub ty: Ty,
    pub kind: ValueKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Const,
    Static,
}

/// What a function gives back: its success type and how its error is raised.
#[derive(Clone, Debug, PartialEq)]
pub struct Ret {
    pub ty: Ty,
    pub error: Option<ErrorConv>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorConv {
    /// A crate type: raised as the module's exception class with this index.
    Exception(usize),
    /// `std::io::Error`: `OSError` with errno.
    Io,
    /// Anything else with `Display`: `RuntimeError`.
    Display,
}

/// A value type and its conversion. One variant per row of MAPPING.md's *Values*.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    Unit,
    Bool,
    Int(IntKind),
    Float(FloatKind),
    Char,
    Str(StrForm),
    Path(PathForm),
    Duration,
    SystemTime,
    Option(Box<Ty>),
    Tuple(Vec<Ty>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntKind {
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

/// The Rust spelling of a string value; all are `str` in Python.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StrForm {
    /// `&str`
    Borrowed,
    /// `String`
    Owned,
    /// `&String`
    RefOwned,
    /// `Box<str>`
    Boxed,
    /// `Cow<str>`
    Cow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathForm {
    /// `&Path`
    Borrowed,
    /// `PathBuf`
    Owned,
    /// `&PathBuf`
    RefOwned,
}

impl IntKind {
    pub const ALL: [IntKind; 12] = [
        IntKind::I8,
        IntKind::I16,
        IntKind::I32,
        IntKind::I64,
        IntKind::I128,
        IntKind::Isize,
        IntKind::U8,
        IntKind::U16,
        IntKind::U32,
        IntKind::U64,
        IntKind::U128,
        IntKind::Usize,
    ];

    pub fn rust_name(self) -> &'static str {
        match self {
            IntKind::I8 => "i8",
            IntKind::I16 => "i16",
            IntKind::I32 => "i32",
            IntKind::I64 => "i64",
            IntKind::I128 => "i128",
            IntKind::Isize => "isize",
            IntKind::U8 => "u8",
            IntKind::U16 => "u16",
            IntKind::U32 => "u32",
            IntKind::U64 => "u64",
            IntKind::U128 => "u128",
            IntKind::Usize => "usize",
        }
    }
}

impl FloatKind {
    pub fn rust_name(self) -> &'static str {
        match self {
            FloatKind::F32 => "f32",
            FloatKind::F64 => "f64",
        }
    }
}
