//! Scalar conversions: floats, bool, char and the unit type.

use std::sync::atomic::{AtomicU32, Ordering};

static TOUCHES: AtomicU32 = AtomicU32::new(0);

/// Returns `x` unchanged.
pub fn echo_f32(x: f32) -> f32 {
    x
}

/// Returns `x` unchanged.
pub fn echo_f64(x: f64) -> f64 {
    x
}

/// Adds two `f64`s.
pub fn add_f64(a: f64, b: f64) -> f64 {
    a + b
}

/// Multiplies two `f32`s.
pub fn mul_f32(a: f32, b: f32) -> f32 {
    a * b
}

/// Widens an `f32` to an `f64`.
pub fn widen(x: f32) -> f64 {
    x as f64
}

/// The smallest positive normal `f64`.
pub fn tiny() -> f64 {
    f64::MIN_POSITIVE
}

/// Returns `b` unchanged.
pub fn echo_bool(b: bool) -> bool {
    b
}

/// Logical negation.
pub fn invert(b: bool) -> bool {
    !b
}

/// Logical and of both arguments.
pub fn both(a: bool, b: bool) -> bool {
    a && b
}

/// Whether `x` is positive.
pub fn is_positive(x: f64) -> bool {
    x > 0.0
}

/// Returns `c` unchanged.
pub fn echo_char(c: char) -> char {
    c
}

/// The Unicode code point of `c`.
pub fn code_point(c: char) -> u32 {
    c as u32
}

/// The character after `c`, or `c` itself when there is none.
pub fn next_char(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or(c)
}

/// ASCII upper case of `c`; other characters are returned unchanged.
pub fn upper_char(c: char) -> char {
    c.to_ascii_uppercase()
}

/// How many bytes `c` takes in UTF-8.
pub fn utf8_len(c: char) -> usize {
    c.len_utf8()
}

/// Does nothing.
pub fn nothing() {}

/// Does nothing, with an explicit unit return type.
#[allow(clippy::unused_unit)]
pub fn explicit_unit() -> () {}

/// Takes arguments and returns nothing.
pub fn consume(_x: i32, _flag: bool) {}

/// Records one call; see `touches`.
pub fn touch() {
    TOUCHES.fetch_add(1, Ordering::SeqCst);
}

/// How many times `touch` has been called.
pub fn touches() -> u32 {
    TOUCHES.load(Ordering::SeqCst)
}

/// The next IPv4 address (wrapping at the end).
pub fn next_ip(a: std::net::Ipv4Addr) -> std::net::Ipv4Addr {
    std::net::Ipv4Addr::from(u32::from(a).wrapping_add(1))
}

/// Whether an address is private (RFC 1918), if one is given.
pub fn is_private(a: Option<std::net::Ipv4Addr>) -> Option<bool> {
    a.map(|a| a.is_private())
}
