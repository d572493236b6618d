//! The crate's own traits: required and provided methods, two traits giving
//! one name, a blanket impl.

use std::fmt::Display;

/// Something with an area.
pub trait Shape {
    /// The area.
    fn area(&self) -> f64;
    /// A provided method: a sentence about the area.
    fn describe(&self) -> String {
        format!("a shape of area {:.1}", self.area())
    }
    /// A provided method that takes another shape's area.
    fn bigger_than(&self, area: f64) -> bool {
        self.area() > area
    }
}

pub trait Named {
    fn name(&self) -> String;
}

pub trait Labelled {
    fn name(&self) -> String;
}

/// Every displayable type can shout.
pub trait Shout {
    fn shout(&self) -> String;
}

impl<T: Display> Shout for T {
    fn shout(&self) -> String {
        self.to_string().to_uppercase()
    }
}

#[derive(Clone, Debug)]
pub struct Circle {
    pub radius: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.radius * self.radius
    }
}

#[derive(Clone, Debug)]
pub struct Square {
    pub side: f64,
}

impl Square {
    /// An inherent `describe`: the trait's becomes `shape_describe`.
    pub fn describe(&self) -> String {
        format!("a square of side {}", self.side)
    }
}

impl Shape for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
    fn bigger_than(&self, area: f64) -> bool {
        self.side * self.side > area + 1.0
    }
}

impl Named for Square {
    fn name(&self) -> String {
        "square".to_string()
    }
}

impl Labelled for Square {
    fn name(&self) -> String {
        "label: square".to_string()
    }
}

impl std::fmt::Display for Square {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "square({})", self.side)
    }
}

/// A field-less enum with `Display`: `str()` gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suit {
    Hearts,
    Spades,
}

impl std::fmt::Display for Suit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Suit::Hearts => "♥",
            Suit::Spades => "♠",
        })
    }
}

impl Suit {
    /// Hearts are red.
    pub fn is_red(&self) -> bool {
        matches!(self, Suit::Hearts)
    }
    /// The other suit.
    pub fn other(self) -> Suit {
        match self {
            Suit::Hearts => Suit::Spades,
            Suit::Spades => Suit::Hearts,
        }
    }
    /// Every suit.
    pub fn all() -> Vec<Suit> {
        vec![Suit::Hearts, Suit::Spades]
    }
    /// Changes the suit: an IntEnum member cannot change, so this is not bound.
    pub fn flip(&mut self) {
        *self = self.other();
    }
}

impl std::str::FromStr for Suit {
    type Err = String;
    fn from_str(s: &str) -> Result<Suit, String> {
        match s {
            "hearts" => Ok(Suit::Hearts),
            "spades" => Ok(Suit::Spades),
            _ => Err(format!("no suit {s:?}")),
        }
    }
}
