//! The public surface as rustdoc sees it: re-exports, globs (a cycle of them),
//! renames, hidden items, named array lengths, items rsbind cannot bind, and a
//! crate named like a Python standard-library module.

mod private {
    /// Reached only through a re-export.
    pub fn reached() -> i32 {
        1
    }

    /// Exported under another name.
    pub fn original() -> i32 {
        2
    }

    pub mod deep {
        /// Two levels down, re-exported at the root.
        pub fn deep_fn() -> i32 {
            3
        }
    }

    /// A glob of the crate root from inside: a cycle of globs.
    #[allow(unused_imports)]
    pub use crate::*;
}

pub use private::deep::*;
pub use private::original as renamed;
pub use private::reached;

#[doc(hidden)]
pub use private::original as hidden_alias;

pub mod inner;

/// A module and a function of one name: the module gives way in Python.
pub fn config() -> &'static str {
    "function"
}

pub mod config {
    /// Inside the `config` module.
    pub fn value() -> i32 {
        4
    }
}

/// A length written as a named constant.
pub const LEN: usize = 3;

/// Sums an array whose length is the constant `LEN`.
pub fn sum_fixed(xs: [i32; LEN]) -> i32 {
    xs.iter().sum()
}

/// A C-like union.
#[repr(C)]
pub union Bits {
    pub int: u32,
    pub float: f32,
}

pub static mut COUNTER: u32 = 0;

extern "C" {
    pub fn abs(x: i32) -> i32;
}

/// A trait of the crate.
pub trait Shape {
    fn area(&self) -> f64;
}

/// Raw identifiers as names.
pub fn r#match(r#type: i32) -> i32 {
    r#type + 1
}

/// `(a, b)` patterns as parameters.
pub fn add_pair((a, b): (i32, i32)) -> i32 {
    a + b
}

/// An enum without variants: a type with no values (like byteorder's `BigEndian`).
pub enum Never {}

/// An unsized type: a slice inside (like bytes' `UninitSlice`).
pub struct Unsized([u8]);

/// Takes the unsized type by reference.
pub fn unsized_len(u: &Unsized) -> usize {
    u.0.len()
}

/// A struct with a `&'static str` field (like icu_provider's `DataError`).
#[derive(Clone, Debug)]
pub struct Label {
    pub name: &'static str,
    pub n: u32,
}

/// A label for `n`.
pub fn make_label(n: u32) -> Label {
    Label { name: "label", n }
}

/// Takes a borrow for the whole program (like bytes' `Bytes::from_static`).
pub fn static_len(b: &'static [u8]) -> usize {
    b.len()
}

/// The crate's own `shadow` module: a glob import of another `shadow` gives way to it.
pub mod shadow {
    /// Which module this is.
    pub fn which() -> &'static str {
        "own"
    }
}

mod other {
    pub mod shadow {
        /// Shadowed by the crate root's own `shadow`.
        pub fn which() -> &'static str {
            "glob"
        }
    }

    /// Reached through the glob.
    pub fn from_glob() -> i32 {
        5
    }
}

pub use other::*;

/// A packed struct (like libc's): its fields may be unaligned.
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct Packed {
    pub a: u8,
    pub b: u32,
}

impl Packed {
    /// A packed value.
    pub fn new(a: u8, b: u32) -> Packed {
        Packed { a, b }
    }

    /// Its sum, read by value.
    pub fn sum(&self) -> u64 {
        let (a, b) = (self.a, self.b);
        a as u64 + b as u64
    }
}

/// A value that lives for the whole program (like encoding_rs's `Encoding`).
pub struct Static {
    name: &'static str,
}

/// The one `Static`.
pub static THE_STATIC: Static = Static { name: "static" };

impl Static {
    /// Needs `&'static self`.
    pub fn name(&'static self) -> &'static str {
        self.name
    }
}
