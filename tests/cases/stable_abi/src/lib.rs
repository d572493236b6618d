//! One module file for every CPython from 3.10 (`rsbind build --abi3`): a
//! little of each kind of binding, so the limited API's replacements all run.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, SystemTime};

/// A point on the plane.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// A point at `x`, `y`.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// The origin.
    pub fn origin() -> Point {
        Point { x: 0.0, y: 0.0 }
    }

    /// Distance from the origin.
    pub fn norm(&self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }

    /// Moves the point by `dx`, `dy`.
    pub fn shift(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
    }

    /// The point, consumed, as a pair.
    pub fn into_pair(self) -> (f64, f64) {
        (self.x, self.y)
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

/// A fieldless enum: an `IntEnum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Blue,
}

/// The next color around the wheel.
pub fn next_color(c: Color) -> Color {
    match c {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// An enum with data: a class with a subclass per variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Circle { radius: f64 },
    Square(f64),
}

impl Shape {
    /// The shape's area.
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
            Shape::Square(side) => side * side,
        }
    }
}

/// Why a number could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// Nothing to parse.
    Empty,
    /// A character that is no digit.
    BadDigit(char),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty input"),
            ParseError::BadDigit(c) => write!(f, "bad digit: {c:?}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses a decimal number.
pub fn parse_number(s: &str) -> Result<u64, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    s.chars().try_fold(0u64, |n, c| {
        c.to_digit(10)
            .map(|d| n * 10 + u64::from(d))
            .ok_or(ParseError::BadDigit(c))
    })
}

/// Panics, always.
pub fn boom() -> u32 {
    panic!("boom")
}

/// The sum of a buffer or sequence of floats.
pub fn total(values: &[f64]) -> f64 {
    values.iter().sum()
}

/// Doubles every item in place.
pub fn double_all(values: &mut [f64]) {
    for v in values {
        *v *= 2.0;
    }
}

/// `n` evenly spaced values from 0: a vector object.
pub fn ramp(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64).collect()
}

/// Counts the words.
pub fn word_counts(words: Vec<String>) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// The largest of a list of 128-bit integers.
pub fn largest(values: Vec<i128>) -> Option<i128> {
    values.into_iter().max()
}

/// Twice a duration.
pub fn twice(d: Duration) -> Duration {
    d * 2
}

/// A second after `t`.
pub fn a_second_later(t: SystemTime) -> SystemTime {
    t + Duration::from_secs(1)
}
