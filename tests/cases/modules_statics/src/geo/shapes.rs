//! Shapes on the plane.

use super::Point;

/// An axis-aligned square.
#[derive(Debug, Clone, PartialEq)]
pub struct Square {
    /// The lower left corner.
    pub corner: Point,
    /// The length of a side.
    pub side: f64,
}

impl Square {
    /// A square with its corner at the origin.
    pub fn new(side: f64) -> Self {
        Square {
            corner: super::origin(),
            side,
        }
    }

    /// The area, through `geo::area`.
    pub fn area(&self) -> f64 {
        super::area(self.side, self.side)
    }

    /// The upper right corner.
    pub fn far_corner(&self) -> Point {
        Point {
            x: self.corner.x + self.side,
            y: self.corner.y + self.side,
        }
    }
}

/// The unit square.
pub fn unit_square() -> Square {
    Square::new(1.0)
}
