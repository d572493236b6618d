//! Items made by macros, a thiserror error and feature-gated functions.

macro_rules! make_adder {
    ($name:ident, $n:expr) => {
        /// Adds a constant, made by `make_adder!`.
        pub fn $name(x: i64) -> i64 {
            x + $n
        }
    };
}

make_adder!(add_two, 2);
make_adder!(add_ten, 10);

macro_rules! unit_type {
    ($name:ident, $suffix:literal) => {
        /// A length, made by `unit_type!`.
        #[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
        pub struct $name(pub f64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}{}", self.0, $suffix)
            }
        }

        impl $name {
            /// Twice as long.
            pub fn doubled(&self) -> $name {
                $name(self.0 * 2.0)
            }
        }
    };
}

unit_type!(Meters, "m");
unit_type!(Feet, "ft");

/// Meters as feet.
pub fn to_feet(m: Meters) -> Feet {
    Feet(m.0 * 3.28084)
}

/// What can go wrong, with messages from thiserror.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    #[error("bad value: {0}")]
    BadValue(String),
    #[error("negative length {0}")]
    Negative(f64),
}

/// Reads a length in meters.
pub fn measure(s: &str) -> Result<Meters, MeasureError> {
    let v: f64 = s.parse().map_err(|_| MeasureError::BadValue(s.to_string()))?;
    if v < 0.0 {
        return Err(MeasureError::Negative(v));
    }
    Ok(Meters(v))
}

/// Only with the default feature `extras`.
#[cfg(feature = "extras")]
pub fn extra() -> &'static str {
    "extras are on"
}

/// Only with the feature `more`, which is not a default one.
#[cfg(feature = "more")]
pub fn more_fn() -> i32 {
    42
}

/// Only without `extras`.
#[cfg(not(feature = "extras"))]
pub fn without_extras() -> i32 {
    0
}
