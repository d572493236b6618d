//! Geometry helpers.

use std::sync::atomic::{AtomicU32, Ordering};

pub mod shapes;

/// How many times `area` has run.
pub static CALLS: AtomicU32 = AtomicU32::new(0);

/// The unit length.
pub static UNIT: f64 = 1.0;

/// A point in the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// The distance to `other`.
    pub fn dist(&self, other: &Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// Area of a `w` by `h` rectangle; counts its calls.
pub fn area(w: f64, h: f64) -> f64 {
    CALLS.fetch_add(1, Ordering::SeqCst);
    w * h
}

/// The origin.
pub fn origin() -> Point {
    Point { x: 0.0, y: 0.0 }
}

/// How many times `area` has run.
pub fn calls() -> u32 {
    CALLS.load(Ordering::SeqCst)
}
