//! Items that only exist once macros are expanded and cfg is evaluated with the
//! crate's features: `macro_rules!`-made functions, types, impls and constants,
//! `thiserror` errors, and feature-gated functions.

use std::fmt;
use std::num::ParseIntError;

/// Makes `pub fn $name(x: i64) -> i64` that adds `$n`.
macro_rules! make_adder {
    ($name:ident, $n:expr) => {
        #[doc = concat!("Adds ", stringify!($n), " to `x`.")]
        pub fn $name(x: i64) -> i64 {
            x + $n
        }
    };
}

make_adder!(add_two, 2);
make_adder!(add_ten, 10);

/// Makes a length type: a tuple struct of `f64` with methods and a `Display` impl
/// that writes the unit after the number.
macro_rules! length_type {
    ($(#[$meta:meta])* $name:ident, $unit:literal, $per_meter:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        pub struct $name(pub f64);

        impl $name {
            /// The number, without the unit.
            pub fn value(&self) -> f64 {
                self.0
            }

            /// Twice this length.
            pub fn doubled(&self) -> $name {
                $name(self.0 * 2.0)
            }

            /// This length in meters.
            pub fn in_meters(&self) -> Meters {
                Meters(self.0 / $per_meter)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", self.0, $unit)
            }
        }
    };
}

length_type!(
    /// A length in meters.
    Meters,
    "m",
    1.0
);
length_type!(
    /// A length in feet.
    Feet,
    "ft",
    3.28084
);

/// Makes a fieldless enum with a `label` method giving each variant's name.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            /// The variant's name.
            pub fn label(&self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant)),*
                }
            }
        }
    };
}

named_enum!(
    /// A direction on the compass.
    Direction { North, East, South, West }
);

/// Makes constants.
macro_rules! consts {
    ($($name:ident: $ty:ty = $value:expr;)*) => {
        $(
            #[doc = concat!("The constant `", stringify!($name), "`.")]
            pub const $name: $ty = $value;
        )*
    };
}

consts! {
    MAX_VALUE: i64 = 100;
    GREETING: &str = "hello";
}

/// A point, written by hand; a macro adds methods to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Makes an impl block with `describe` and `sum` for a struct with `x` and `y`.
macro_rules! impl_describe {
    ($name:ident) => {
        impl $name {
            /// The struct's name and its coordinates.
            pub fn describe(&self) -> String {
                format!("{}({}, {})", stringify!($name), self.x, self.y)
            }

            /// `x + y`.
            pub fn sum(&self) -> f64 {
                self.x + self.y
            }
        }
    };
}

impl_describe!(Point);

/// What went wrong with a value; the messages come from `#[error]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckError {
    #[error("bad value: {0}")]
    Bad(i64),
    #[error("value {value} is above the limit {limit}")]
    TooBig { value: i64, limit: i64 },
    #[error("empty input")]
    Empty,
    #[error("not a number: {0:?}")]
    NotANumber(String),
}

/// Checks that `value` is between 0 and `MAX_VALUE`.
pub fn check_value(value: i64) -> Result<i64, CheckError> {
    if value < 0 {
        Err(CheckError::Bad(value))
    } else if value > MAX_VALUE {
        Err(CheckError::TooBig {
            value,
            limit: MAX_VALUE,
        })
    } else {
        Ok(value)
    }
}

/// Parses and checks a value.
pub fn parse_value(text: &str) -> Result<i64, CheckError> {
    if text.is_empty() {
        return Err(CheckError::Empty);
    }
    let value = text
        .parse()
        .map_err(|_| CheckError::NotANumber(text.to_string()))?;
    check_value(value)
}

/// A count that did not parse, with the line it was on; a `thiserror` struct whose
/// message includes its source's.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {source}")]
pub struct CountError {
    line: usize,
    #[source]
    source: ParseIntError,
}

impl CountError {
    /// The line the count was on.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// Parses the count on line `line`.
pub fn parse_count(line: usize, text: &str) -> Result<u32, CountError> {
    text.parse().map_err(|source| CountError { line, source })
}

/// Under the default feature `extras`: bound by default.
#[cfg(feature = "extras")]
pub fn extra() -> String {
    "extras are on".to_string()
}

#[cfg(feature = "extras")]
make_adder!(add_hundred, 100);

#[cfg(feature = "extras")]
impl Point {
    /// Under `extras`: the distance from the origin.
    pub fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }
}

/// Under the non-default feature `more`: bound only when extracted with it.
#[cfg(feature = "more")]
pub fn more_fn() -> i64 {
    42
}

#[cfg(feature = "more")]
impl Meters {
    /// Under `more`: this length in feet.
    pub fn to_feet(&self) -> Feet {
        Feet(self.0 * 3.28084)
    }
}

/// Under `more`: a struct.
#[cfg(feature = "more")]
#[derive(Debug, Clone, PartialEq)]
pub struct MoreInfo {
    pub level: u8,
}

/// Only without `extras`: not bound in the default build.
#[cfg(not(feature = "extras"))]
pub fn without_extras() -> bool {
    true
}

/// Never compiled outside tests: never bound.
#[cfg(test)]
pub fn only_in_tests() {}
