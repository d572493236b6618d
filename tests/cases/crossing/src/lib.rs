//! A crate whose API uses the types of another crate, `shapes`.

use shapes::{Kind, Point};

/// The origin.
pub fn origin() -> Point {
    Point::new(0.0, 0.0)
}

/// The farther of two points from the origin.
pub fn farthest(a: Point, b: &Point) -> Point {
    if a.norm() >= b.norm() {
        a
    } else {
        *b
    }
}

/// The name of a kind.
pub fn kind_name(kind: Kind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// A unit circle around `center`.
pub fn circle(center: Point) -> shapes::Shape {
    shapes::Shape::Round { center, radius: 1.0 }
}

/// A point with a label.
#[derive(Clone, Debug)]
pub struct Labeled {
    pub label: String,
    pub at: Point,
}
