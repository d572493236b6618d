//! Pickling: types with serde's `Serialize` and `Deserialize` pickle and
//! deep-copy (even without `Clone`); the others refuse with a `TypeError`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A point in the plane: serde and `Clone`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A tuple struct: serde and `Clone`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meters(pub f64);

/// A shape: a data enum with serde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Shape {
    /// A circle around the origin.
    Circle { radius: f64 },
    /// A rectangle from its corners.
    Rect(Point, Point),
    /// No shape at all.
    Empty,
}

/// A field-less enum: an IntEnum, which pickles by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Color {
    Red,
    Green,
    Blue,
}

/// A drawing: nested class fields, collections, a map with integer keys; serde
/// but not `Clone`, so `copy.deepcopy` goes through serde.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Drawing {
    pub name: String,
    pub origin: Point,
    pub shapes: Vec<Shape>,
    pub color: Color,
    pub layers: BTreeMap<u32, String>,
    pub note: Option<String>,
    /// Left out of the data when empty: the format keeps field names.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub tags: Vec<String>,
    strokes: u32,
}

impl Drawing {
    /// An empty drawing.
    pub fn new(name: &str) -> Drawing {
        Drawing {
            name: name.to_string(),
            origin: Point { x: 0.0, y: 0.0 },
            shapes: Vec::new(),
            color: Color::Red,
            layers: BTreeMap::new(),
            note: None,
            tags: Vec::new(),
            strokes: 0,
        }
    }

    /// Adds a shape, counting the stroke.
    pub fn add(&mut self, shape: Shape) {
        self.shapes.push(shape);
        self.strokes += 1;
    }

    /// The strokes so far (a private field, kept by pickling).
    pub fn strokes(&self) -> u32 {
        self.strokes
    }
}

/// A job: a data enum with serde but not `Clone`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Waiting, with its ticket.
    Queued { ticket: u32 },
    /// Finished, with its output.
    Done(String),
}

/// Untagged: serde reads it with `deserialize_any`, which a self-describing
/// format supports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Loose {
    Number(i64),
    Text(String),
    Pair { a: i64, b: String },
}

/// A handle that is neither serde nor `Clone`: pickling and copying raise
/// `TypeError`.
#[derive(Debug, PartialEq)]
pub struct Handle {
    pub id: u64,
}

/// Only `Serialize`: it cannot be read back, so it does not pickle.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub total: i64,
}

/// `Clone` without serde: copies, but does not pickle.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub value: String,
}

/// A value that refuses to be written: serializing fails with a message.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(from = "i64")]
pub struct Fussy {
    pub value: i64,
}

impl Serialize for Fussy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.value < 0 {
            return Err(serde::ser::Error::custom("negative values are not written"));
        }
        s.serialize_i64(self.value)
    }
}

impl From<i64> for Fussy {
    fn from(value: i64) -> Fussy {
        Fussy { value }
    }
}

/// Geometry in a submodule: pickling finds the class by its module path.
pub mod geo {
    use serde::{Deserialize, Serialize};

    /// An angle in degrees.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct Angle {
        pub degrees: f64,
    }
}
