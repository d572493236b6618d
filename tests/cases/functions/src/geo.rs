//! Geometry helpers (a public submodule).

/// Area of a `w` by `h` rectangle.
pub fn area(w: f64, h: f64) -> f64 {
    w * h
}
