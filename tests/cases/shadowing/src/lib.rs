//! A crate whose own `Duration`, `Result` and `Error` shadow std's names,
//! used side by side with `std::time::Duration`.

use std::fmt;

/// A duration in whole ticks: the crate's own type, not std's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    pub ticks: u64,
}

/// The crate's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    Empty,
    NotANumber(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "empty input"),
            Error::NotANumber(s) => write!(f, "not a number: {s}"),
        }
    }
}

impl std::error::Error for Error {}

/// The crate's result: `std::result::Result` with its own error.
pub type Result<T> = std::result::Result<T, Error>;

/// Parses whole ticks into a [`Duration`]; fails with [`Error::Empty`] on
/// empty input, see [`to_std`] for the unit and [Rust](https://www.rust-lang.org).
///
/// # Examples
///
/// ```
/// # use shadowing::parse_ticks;
/// let d = parse_ticks("5").unwrap();
/// assert_eq!(d.ticks, 5);
/// ```
pub fn parse_ticks(s: &str) -> Result<Duration> {
    if s.is_empty() {
        return Err(Error::Empty);
    }
    s.trim()
        .parse()
        .map(|ticks| Duration { ticks })
        .map_err(|_| Error::NotANumber(s.to_string()))
}

/// Ticks are milliseconds: the crate's duration as std's.
pub fn to_std(d: &Duration) -> std::time::Duration {
    std::time::Duration::from_millis(d.ticks)
}

/// Std's duration as ticks.
pub fn from_std(d: std::time::Duration) -> Duration {
    Duration {
        ticks: d.as_millis() as u64,
    }
}

/// Both kinds at once.
pub fn longer(a: Duration, b: std::time::Duration) -> bool {
    std::time::Duration::from_millis(a.ticks) > b
}

/// std's `Result` written in full, with a std error.
pub fn checked(x: i64) -> std::result::Result<i64, String> {
    if x < 0 {
        Err(format!("{x} is negative"))
    } else {
        Ok(x)
    }
}
