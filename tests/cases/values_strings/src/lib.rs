//! String conversions: every common Rust string type in and out.

use std::borrow::Cow;

/// Upper-cases `s` (full Unicode case mapping).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Upper-cases `s` and appends `!`.
pub fn shout(s: String) -> Box<str> {
    let mut out = s.to_uppercase();
    out.push('!');
    out.into_boxed_str()
}

/// Length of `s` in UTF-8 bytes.
pub fn len_ref(s: &String) -> usize {
    s.len()
}

/// Length of `s` in UTF-8 bytes.
pub fn byte_len(s: &str) -> usize {
    s.len()
}

/// Number of Unicode scalar values in `s`.
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Wraps `s` in angle brackets; an empty input gives the static text `empty`.
pub fn cow(s: Cow<str>) -> Cow<'static, str> {
    if s.is_empty() {
        Cow::Borrowed("empty")
    } else {
        Cow::Owned(format!("<{}>", s))
    }
}

/// Trims surrounding whitespace, borrowing from the argument when possible.
pub fn trim_cow(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    if t.is_empty() {
        Cow::Owned(String::from("(blank)"))
    } else {
        Cow::Borrowed(t)
    }
}

/// A static string.
pub fn version() -> &'static str {
    "1.2.3"
}

/// The first whitespace-separated word of `s`, borrowed from it.
pub fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// Returns `s` unchanged.
pub fn echo(s: &str) -> &str {
    s
}

/// Returns `s` unchanged.
pub fn echo_string(s: String) -> String {
    s
}

/// Returns `s` unchanged.
pub fn echo_box(s: Box<str>) -> Box<str> {
    s
}

/// Returns a copy of `s`.
pub fn echo_string_ref(s: &String) -> String {
    s.clone()
}

/// Returns `s` unchanged.
pub fn echo_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    s
}

/// Joins the two arguments.
pub fn concat(a: &str, b: String) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    out.push_str(a);
    out.push_str(&b);
    out
}

/// `s` repeated `n` times.
pub fn repeat(s: &str, n: usize) -> String {
    s.repeat(n)
}

/// `s` reversed by Unicode scalar values.
pub fn reverse(s: Box<str>) -> String {
    s.chars().rev().collect()
}

/// The empty string.
pub fn empty() -> String {
    String::new()
}

/// A string with an embedded NUL.
pub fn with_nul() -> &'static str {
    "a\0b"
}
