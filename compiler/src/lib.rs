//! rsbind: turns an unmodified Rust crate into a CPython extension module.
//!
//! The stages are pure functions over in-memory values; only [`driver`] and the
//! CLI touch the file system. See ARCHITECTURE.md for the map.

pub mod backend;
pub mod check;
pub mod curate;
pub mod diag;
pub mod docstring;
pub mod driver;
pub mod extract;
pub mod idl;
pub mod ir;
mod layering;
pub mod rustdoc_json;
pub mod types;
