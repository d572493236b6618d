//! Enums: fieldless enums as `IntEnum`, enums with data as classes with
//! one subclass per variant, and an error enum.

use std::error::Error;
use std::fmt;

// ---- fieldless enums ----

/// A primary color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    Red,
    Green = 5,
    Blue,
}

/// A level with a negative discriminant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Low = -1,
    High = 1,
}

/// The name of a color.
pub fn color_name(c: Color) -> String {
    match c {
        Color::Red => "red",
        Color::Green => "green",
        Color::Blue => "blue",
    }
    .to_string()
}

/// The color after `c`, wrapping around.
pub fn next_color(c: Color) -> Color {
    match c {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// The favorite color.
pub fn favorite() -> Color {
    Color::Green
}

/// Every color, in order.
pub fn all_colors() -> (Color, Color, Color) {
    (Color::Red, Color::Green, Color::Blue)
}

/// The color, if any, with that name.
pub fn color_named(name: &str) -> Option<Color> {
    match name {
        "red" => Some(Color::Red),
        "green" => Some(Color::Green),
        "blue" => Some(Color::Blue),
        _ => None,
    }
}

/// The level of `x`: low when negative.
pub fn level_of(x: i32) -> Level {
    if x < 0 {
        Level::Low
    } else {
        Level::High
    }
}

/// Whether `l` is high.
pub fn is_high(l: Level) -> bool {
    l == Level::High
}

/// A mode that may gain variants.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fast,
    Slow,
}

/// The default mode.
pub fn default_mode() -> Mode {
    Mode::Fast
}

/// Operations per second in mode `m`.
pub fn speed(m: Mode) -> u32 {
    match m {
        Mode::Fast => 100,
        Mode::Slow => 1,
    }
}

// ---- an enum with data ----

/// A plane shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A circle of the given radius.
    Circle { radius: f64 },
    /// A `w` by `h` rectangle.
    Rect(f64, f64),
    /// Nothing at all.
    Empty,
}

impl Shape {
    /// The area of the shape.
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
            Shape::Rect(w, h) => w * h,
            Shape::Empty => 0.0,
        }
    }

    /// The variant's name.
    pub fn kind(&self) -> String {
        match self {
            Shape::Circle { .. } => "circle",
            Shape::Rect(..) => "rect",
            Shape::Empty => "empty",
        }
        .to_string()
    }

    /// Scales the shape by `k`.
    pub fn scale(&mut self, k: f64) {
        match self {
            Shape::Circle { radius } => *radius *= k,
            Shape::Rect(w, h) => {
                *w *= k;
                *h *= k;
            }
            Shape::Empty => {}
        }
    }

    /// A circle of radius 1.
    pub fn unit_circle() -> Shape {
        Shape::Circle { radius: 1.0 }
    }
}

/// A circle.
pub fn circle(radius: f64) -> Shape {
    Shape::Circle { radius }
}

/// A rectangle.
pub fn rect(w: f64, h: f64) -> Shape {
    Shape::Rect(w, h)
}

/// The empty shape.
pub fn empty() -> Shape {
    Shape::Empty
}

/// One shape of each kind.
pub fn one_of_each() -> (Shape, Shape, Shape) {
    (circle(1.0), rect(2.0, 3.0), empty())
}

/// The sum of the areas.
pub fn total_area(shapes: (Shape, Shape)) -> f64 {
    shapes.0.area() + shapes.1.area()
}

/// Describes a shape.
pub fn describe(s: &Shape) -> String {
    match s {
        Shape::Circle { radius } => format!("circle of radius {}", radius),
        Shape::Rect(w, h) => format!("{} by {} rectangle", w, h),
        Shape::Empty => "nothing".to_string(),
    }
}

/// Doubles a shape in place.
pub fn grow(s: &mut Shape) {
    s.scale(2.0);
}

// ---- an error enum ----

/// Why a number could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// The input was empty.
    Empty,
    /// The input held a character that is not a digit.
    Bad(char),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty input"),
            ParseError::Bad(c) => write!(f, "bad character {:?}", c),
        }
    }
}

impl Error for ParseError {}

/// Parses a decimal number up to 255.
pub fn parse(s: &str) -> Result<u8, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut n: u8 = 0;
    for c in s.chars() {
        let d = c.to_digit(10).ok_or(ParseError::Bad(c))? as u8;
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d))
            .ok_or(ParseError::Bad(c))?;
    }
    Ok(n)
}

/// An error, returned as a plain value.
pub fn sample_error() -> ParseError {
    ParseError::Bad('?')
}

/// The empty-input error, returned as a plain value.
pub fn empty_error() -> ParseError {
    ParseError::Empty
}

/// A number for each kind of error.
pub fn error_code(e: &ParseError) -> u32 {
    match e {
        ParseError::Empty => 1,
        ParseError::Bad(c) => 100 + *c as u32,
    }
}
