//! Signatures as text: to compare the file's with the crate's (types only, in a
//! canonical spelling, so that spacing does not count) and to show both.

use crate::idl::ty::parse_type;
use crate::idl::{Cell, Field, Param, Receiver, Shape, Variant};

/// A type string in its canonical spelling (`Vec< u8 >` is `Vec<u8>`); a string
/// that does not parse is compared as written, less its outer spaces.
pub fn norm(ty: &str) -> String {
    match parse_type(ty) {
        Ok(t) => t.to_string(),
        Err(_) => ty.trim().to_string(),
    }
}

pub fn same_ty(a: &str, b: &str) -> bool {
    a == b || norm(a) == norm(b)
}

/// Same number of parameters, each of the same type (names and defaults are the person's).
///
/// Two parameters that say what they instantiate (`instantiates`) match when
/// they instantiate the same: the concrete type is the file's, and the compiler
/// checks that it implements the trait.
pub fn same_params(a: &[Param], b: &[Param]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| match (&x.instantiates, &y.instantiates) {
                (Some(i), Some(j)) => i == j,
                _ => same_ty(&x.ty, &y.ty),
            })
}

fn receiver_text(r: Receiver) -> Option<&'static str> {
    match r {
        Receiver::None => None,
        Receiver::Ref => Some("&self"),
        Receiver::RefMut => Some("&mut self"),
        Receiver::Value => Some("self"),
    }
}

/// `(&self, a: i32) -> i32`; no `-> ()`.
pub fn params_ret(receiver: Receiver, params: &[Param], ret: &str) -> String {
    let mut parts: Vec<String> = receiver_text(receiver)
        .map(str::to_string)
        .into_iter()
        .collect();
    parts.extend(params.iter().map(|p| format!("{}: {}", p.name, p.ty)));
    let ret = ret.trim();
    if ret == "()" || ret.is_empty() {
        format!("({})", parts.join(", "))
    } else {
        format!("({}) -> {ret}", parts.join(", "))
    }
}

/// `fn geo::area(w: f64) -> f64`.
pub fn fn_text(path: &str, receiver: Receiver, params: &[Param], ret: &str) -> String {
    format!("fn {path}{}", params_ret(receiver, params, ret))
}

pub fn shape_word(shape: Shape) -> &'static str {
    match shape {
        Shape::Struct => "struct",
        Shape::Tuple => "tuple struct",
        Shape::Unit => "unit struct",
        Shape::Enum => "enum",
    }
}

/// `Circle(f64)`, `Rect { w: f64, h: f64 }`, `Empty`.
pub fn variant_text(v: &Variant) -> String {
    let fields = |v: &[Field]| v.iter().map(|f| f.ty.clone()).collect::<Vec<_>>();
    match v.shape {
        Shape::Tuple => format!("{}({})", v.rust, fields(&v.fields).join(", ")),
        Shape::Struct => format!(
            "{} {{ {} }}",
            v.rust,
            v.fields
                .iter()
                .map(|f| format!("{}: {}", f.rust, f.ty))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => v.rust.clone(),
    }
}

/// Same shape and field types, field by field.
pub fn same_variant(a: &Variant, b: &Variant) -> bool {
    a.shape == b.shape
        && a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.rust == y.rust && same_ty(&x.ty, &y.ty))
}

pub fn cell_word(cell: Cell) -> &'static str {
    match cell {
        Cell::Atomic => "atomic",
        Cell::Mutex => "Mutex",
        Cell::RwLock => "RwLock",
    }
}
