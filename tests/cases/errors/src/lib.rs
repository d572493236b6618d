//! Errors: crate error types, foreign errors, io errors and panics.

use std::error::Error;
use std::fmt;
use std::io::{self, ErrorKind};
use std::path::Path;

/// Why a digit could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// The input was empty.
    Empty,
    /// The input held a character that is not a decimal digit.
    BadDigit(char),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty input"),
            ParseError::BadDigit(c) => write!(f, "bad digit: {:?}", c),
        }
    }
}

impl Error for ParseError {}

/// A value was over its limit.
#[derive(Debug)]
pub struct LimitError {
    pub limit: u32,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "limit of {} exceeded", self.limit)
    }
}

/// Results whose error is a `ParseError`.
pub type Res<T> = Result<T, ParseError>;

/// Parses a single decimal digit.
pub fn parse_digit(s: &str) -> Result<u8, ParseError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Err(ParseError::Empty),
        (Some(c), None) => c
            .to_digit(10)
            .map(|d| d as u8)
            .ok_or(ParseError::BadDigit(c)),
        (Some(_), Some(c)) => Err(ParseError::BadDigit(c)),
    }
}

/// Parses a decimal number made of digits only.
pub fn parse_number(s: &str) -> Res<u32> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        let d = c.to_digit(10).ok_or(ParseError::BadDigit(c))?;
        n = n.wrapping_mul(10).wrapping_add(d);
    }
    Ok(n)
}

/// Returns `value` if it is at most `limit`.
pub fn check_limit(value: u32, limit: u32) -> Result<u32, LimitError> {
    if value > limit {
        Err(LimitError { limit })
    } else {
        Ok(value)
    }
}

/// Fails unless `x` is positive.
pub fn must_be_positive(x: i32) -> Result<(), String> {
    if x > 0 {
        Ok(())
    } else {
        Err(format!("{} is not positive", x))
    }
}

/// Returns `x` unless it is zero.
pub fn nonzero(x: i32) -> Result<i32, &'static str> {
    if x == 0 {
        Err("zero is not allowed")
    } else {
        Ok(x)
    }
}

/// Parses `s` as an `i32` and formats it back with a sign.
pub fn reformat(s: &str) -> Result<String, Box<dyn Error>> {
    let n: i32 = s.parse()?;
    Ok(format!("{:+}", n))
}

/// Returns `s` unless it is empty.
pub fn non_empty(s: &str) -> Result<Box<str>, Box<dyn Error + Send + Sync>> {
    if s.is_empty() {
        Err("empty string".into())
    } else {
        Ok(s.into())
    }
}

/// Reads a whole UTF-8 file.
pub fn read_file(p: &Path) -> io::Result<String> {
    std::fs::read_to_string(p)
}

/// Always fails with the raw OS error 13 (EACCES).
pub fn denied() -> Result<(), io::Error> {
    Err(io::Error::from_raw_os_error(13))
}

/// Fails with the raw OS error `code`.
pub fn os_error(code: i32) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(code))
}

/// Always fails with a custom io error.
#[allow(clippy::io_other_error)]
pub fn custom_io() -> io::Result<i32> {
    Err(io::Error::new(ErrorKind::Other, "custom"))
}

/// Panics with `boom: <msg>`.
pub fn boom(msg: &str) -> i32 {
    panic!("boom: {}", msg)
}

/// Integer division; panics when `b` is zero.
pub fn divide(a: i32, b: i32) -> i32 {
    a / b
}

/// Panics with a payload that is not a string.
pub fn panic_with_number() {
    std::panic::panic_any(42_i32)
}

/// Panics when `fail` is true, else returns `Ok(1)`.
pub fn maybe_panic(fail: bool) -> Result<u8, ParseError> {
    if fail {
        panic!("asked to panic");
    }
    Ok(1)
}
