//! Integer conversions: every Rust integer type in and out.

/// Returns `x` unchanged.
pub fn echo_i8(x: i8) -> i8 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_i8(a: i8, b: i8) -> i8 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_i16(x: i16) -> i16 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_i16(a: i16, b: i16) -> i16 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_i32(x: i32) -> i32 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_i32(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_i64(x: i64) -> i64 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_i64(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_i128(x: i128) -> i128 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_i128(a: i128, b: i128) -> i128 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_isize(x: isize) -> isize {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_isize(a: isize, b: isize) -> isize {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_u8(x: u8) -> u8 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_u8(a: u8, b: u8) -> u8 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_u16(x: u16) -> u16 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_u16(a: u16, b: u16) -> u16 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_u32(x: u32) -> u32 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_u32(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_u64(x: u64) -> u64 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_u64(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_u128(x: u128) -> u128 {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_u128(a: u128, b: u128) -> u128 {
    a.wrapping_add(b)
}

/// Returns `x` unchanged.
pub fn echo_usize(x: usize) -> usize {
    x
}

/// Adds `a` and `b`, wrapping around on overflow.
pub fn add_usize(a: usize, b: usize) -> usize {
    a.wrapping_add(b)
}

pub const I8_MIN: i8 = i8::MIN;
pub const I8_MAX: i8 = i8::MAX;
pub const I16_MIN: i16 = i16::MIN;
pub const I16_MAX: i16 = i16::MAX;
pub const I32_MIN: i32 = i32::MIN;
pub const I32_MAX: i32 = i32::MAX;
pub const I64_MIN: i64 = i64::MIN;
pub const I64_MAX: i64 = i64::MAX;
pub const I128_MIN: i128 = i128::MIN;
pub const I128_MAX: i128 = i128::MAX;
pub const ISIZE_MIN: isize = isize::MIN;
pub const ISIZE_MAX: isize = isize::MAX;
pub const U8_MIN: u8 = u8::MIN;
pub const U8_MAX: u8 = u8::MAX;
pub const U16_MIN: u16 = u16::MIN;
pub const U16_MAX: u16 = u16::MAX;
pub const U32_MIN: u32 = u32::MIN;
pub const U32_MAX: u32 = u32::MAX;
pub const U64_MIN: u64 = u64::MIN;
pub const U64_MAX: u64 = u64::MAX;
pub const U128_MIN: u128 = u128::MIN;
pub const U128_MAX: u128 = u128::MAX;
pub const USIZE_MIN: usize = usize::MIN;
pub const USIZE_MAX: usize = usize::MAX;

/// Sums integers of mixed widths into an `i128`.
pub fn widen(a: u8, b: i16, c: u32, d: i64) -> i128 {
    a as i128 + b as i128 + c as i128 + d as i128
}

/// Negates `x`, wrapping around on overflow (`-i64::MIN` is `i64::MIN`).
pub fn negate(x: i64) -> i64 {
    x.wrapping_neg()
}

/// Splits a `u128` into its high and low 64-bit halves.
pub fn split_u128(x: u128) -> (u64, u64) {
    ((x >> 64) as u64, x as u64)
}
