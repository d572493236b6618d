//! Plane shapes, a crate of its own.

/// A point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// A point at `x`, `y`.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Distance from the origin.
    pub fn norm(&self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }
}

/// What a shape is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Circle,
    Square,
}

/// A shape of a kind, somewhere.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Round { center: Point, radius: f64 },
    Boxy(Point, Point),
}

/// Not reached from `crossing`'s API: not bound.
pub struct Unused;
