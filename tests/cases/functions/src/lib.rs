//! Functions is a test crate for rsbind.
//!
//! It checks module shape, signatures
//! and calling conventions.

mod a;
mod b;
#[path = "other_name.rs"]
mod pathed;

pub mod geo;

mod inline {
    /// First function of the inline module.
    pub fn inl_one() -> i32 {
        1
    }

    /// Second function of the inline module.
    pub fn inl_two() -> i32 {
        2
    }
}

pub use a::helper;
pub use b::c::deep as renamed;
pub use inline::*;
// `inl_one` is now re-exported twice: by the glob above and by name here.
pub use inline::inl_one;
pub use pathed::from_pathed;

// ---- documented functions and calling conventions ----

/// Adds two numbers.
///
/// Wraps around on overflow.
/// Second line of the second paragraph.
pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Subtracts `b` from `a`.
pub fn sub(a: i64, b: i64) -> i64 {
    a.wrapping_sub(b)
}

pub fn undocumented(x: i32) -> i32 {
    x
}

/// Example:
///
///     let x = 1;
///
/// The line above is indented.
pub fn indented_doc() {}

/// Three parameters of different types.
pub fn describe(name: &str, count: u32, ratio: f64) -> String {
    format!("{}:{}:{}", name, count, ratio)
}

/// Takes no arguments.
pub fn no_args() -> i32 {
    SECRET
}

// ---- functions returning nothing ----

/// Does nothing.
pub fn nothing() {}

/// Takes a message and returns nothing.
pub fn log(msg: &str) {
    let _ = msg;
}

// ---- Python keywords ----

/// `not` is a Python keyword but not a Rust one.
pub fn not(x: bool) -> bool {
    !x
}

/// `lambda` is a Python keyword but not a Rust one.
pub fn lambda(x: i32) -> i32 {
    x + 1
}

/// `class` is a Python keyword but not a Rust one.
pub fn class() -> &'static str {
    "class"
}

/// Parameters named after Python keywords.
pub fn keywords(lambda: i32, pass: i32) -> i32 {
    lambda * 10 + pass
}

/// `from` is a Python keyword but not a Rust one.
pub fn span(from: i32, to: i32) -> i32 {
    to - from
}

/// A raw identifier: `try` is reserved in Rust and a keyword in Python.
pub fn r#try(r#in: i32) -> i32 {
    r#in * 2
}

/// A raw identifier whose name (`match`) is a soft keyword in Python, so it keeps its name.
pub fn r#match(x: i32) -> i32 {
    x * 3
}

// ---- type aliases ----

/// A length in meters.
pub type Meters = f64;

/// A const of an alias type.
pub const TALL: Meters = 2.5;

/// Twice the given height.
pub fn double_height(h: Meters) -> Meters {
    h * 2.0
}

// ---- consts and statics ----

pub const ANSWER: i64 = 42;
pub const NAME: &str = "rsbind";
pub const PI2: f64 = 2.0 * std::f64::consts::PI;
pub const FLAG: bool = true;
pub const LETTER: char = 'λ';
pub const PAIR: (i32, &str) = (7, "seven");
pub const MAYBE: Option<u8> = Some(3);
pub const NOTHING: Option<u8> = None;
pub const BIG: u128 = u128::MAX;
pub const NEGATIVE: i32 = -17;
pub static GREETING: &str = "hi";
pub static COUNT: u32 = 7;

const SECRET: i32 = 99;

#[doc(hidden)]
pub const HIDDEN_CONST: i32 = 1;

// ---- items that are not bound ----

/// Hidden from the docs, so not bound.
#[doc(hidden)]
pub fn hidden() {}

/// Only compiled for tests, so not bound.
#[cfg(test)]
pub fn test_only() {}

/// Only visible inside the crate.
pub(crate) fn internal() -> i32 {
    private()
}

fn private() -> i32 {
    1
}

/// Uses `internal` so it is not dead code.
pub fn uses_internal() -> i32 {
    internal() + 1
}

/// # Safety
/// Always safe; it is `unsafe` only to check that unsafe functions are skipped.
pub unsafe fn raw() -> i32 {
    0
}

/// The larger of two values.
pub fn largest<T: PartialOrd>(a: T, b: T) -> T {
    if a >= b {
        a
    } else {
        b
    }
}

/// A plain struct that is not an error type.
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A trait.
pub trait Shape {
    fn area(&self) -> f64;
}

/// Doubles an expression.
#[macro_export]
macro_rules! twice {
    ($e:expr) => {
        2 * $e
    };
}
