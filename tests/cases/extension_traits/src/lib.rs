//! Extension traits: traits the crate implements for standard types. Their
//! methods are module functions that take the standard value first.

use std::fmt;

pub mod text;

/// Why a text is not what was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

/// Loud text.
pub trait Shout {
    /// The text in capitals, with a `!`.
    fn shout(&self) -> String;

    /// The text shouted twice: a provided method, which the impl does not write.
    fn shout_twice(&self) -> String {
        format!("{} {}", self.shout(), self.shout())
    }

    /// The text shouted `times` times, separated by spaces.
    fn shout_times(&self, times: usize) -> String {
        vec![self.shout(); times].join(" ")
    }
}

impl Shout for str {
    fn shout(&self) -> String {
        format!("{}!", self.to_uppercase())
    }

    /// Overridden: the text shouted twice, joined by a comma.
    fn shout_times(&self, times: usize) -> String {
        vec![self.shout(); times].join(", ")
    }
}

/// Facts about one character.
pub trait CharInfo {
    /// Whether the character is an ASCII vowel.
    fn is_vowel(self) -> bool;

    /// How many columns the character takes: 2 for CJK ideographs, else 1.
    fn width(self) -> usize;
}

impl CharInfo for char {
    fn is_vowel(self) -> bool {
        "aeiouAEIOU".contains(self)
    }

    fn width(self) -> usize {
        if ('\u{4e00}'..='\u{9fff}').contains(&self) {
            2
        } else {
            1
        }
    }
}

/// Facts about a text.
pub trait StrInfo {
    /// How many columns the text takes (the sum of its characters' widths).
    fn width(&self) -> usize;

    /// How many words, split at whitespace.
    fn word_count(&self) -> usize;

    /// The text as an identifier: letters, digits and `_`, not starting with a digit.
    fn to_identifier(&self) -> Result<String, ParseError>;
}

impl StrInfo for str {
    fn width(&self) -> usize {
        self.chars().map(CharInfo::width).sum()
    }

    fn word_count(&self) -> usize {
        self.split_whitespace().count()
    }

    fn to_identifier(&self) -> Result<String, ParseError> {
        let ok = self.chars().next().is_some_and(|c| !c.is_ascii_digit())
            && self.chars().all(|c| c == '_' || c.is_alphanumeric());
        if ok {
            Ok(self.to_string())
        } else {
            Err(ParseError {
                message: format!("{self:?} is not an identifier"),
            })
        }
    }
}

/// A checksum of bytes, for two standard types: `str` (its UTF-8) and `[u8]`.
pub trait Checksum {
    /// The sum of the bytes, modulo 2**16.
    fn checksum(&self) -> u32;
}

impl Checksum for [u8] {
    fn checksum(&self) -> u32 {
        self.iter().map(|&b| u32::from(b)).sum::<u32>() % 65536
    }
}

impl Checksum for str {
    fn checksum(&self) -> u32 {
        self.as_bytes().checksum()
    }
}

/// Digits of integers, for `i64` and `u32`.
pub trait Digits: Sized {
    /// The sum of the decimal digits (of the absolute value).
    fn digit_sum(self) -> u32;

    /// The number written by a text of digits.
    fn from_digits(text: &str) -> Result<Self, ParseError>;

    /// Whether the last digit is even: `&self` of an integer, which is not bound.
    fn ends_even(&self) -> bool;
}

impl Digits for i64 {
    fn digit_sum(self) -> u32 {
        self.unsigned_abs()
            .to_string()
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .sum()
    }

    fn from_digits(text: &str) -> Result<Self, ParseError> {
        text.parse().map_err(|_| ParseError {
            message: format!("{text:?} is not an i64"),
        })
    }

    fn ends_even(&self) -> bool {
        self % 2 == 0
    }
}

impl Digits for u32 {
    fn digit_sum(self) -> u32 {
        self.to_string().bytes().map(|b| u32::from(b - b'0')).sum()
    }

    fn from_digits(text: &str) -> Result<Self, ParseError> {
        text.parse().map_err(|_| ParseError {
            message: format!("{text:?} is not a u32"),
        })
    }

    fn ends_even(&self) -> bool {
        self % 2 == 0
    }
}

/// Hex for owned byte vectors.
pub trait ToHex {
    /// The bytes as lowercase hex.
    fn to_hex(&self) -> String;
}

impl ToHex for Vec<u8> {
    fn to_hex(&self) -> String {
        self.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Padding for owned strings.
pub trait Pad {
    /// The text padded with `fill` on the left to `width` characters.
    fn pad_left(&self, width: usize, fill: char) -> String;

    /// Appends a `!` in place: `&mut String` cannot be passed from Python.
    fn push_bang(&mut self);

    /// The text with `f` applied to each character: a generic method.
    fn map_chars<F: Fn(char) -> char>(&self, f: F) -> String;
}

impl Pad for String {
    fn pad_left(&self, width: usize, fill: char) -> String {
        let n = width.saturating_sub(self.chars().count());
        let mut out: String = std::iter::repeat(fill).take(n).collect();
        out.push_str(self);
        out
    }

    fn push_bang(&mut self) {
        self.push('!');
    }

    fn map_chars<F: Fn(char) -> char>(&self, f: F) -> String {
        self.chars().map(f).collect()
    }
}

/// Greetings for anything that reads as a str: a blanket impl.
pub trait Greet {
    /// `Hello, <name>!`
    fn greet(&self) -> String;
}

impl<T: AsRef<str>> Greet for T {
    fn greet(&self) -> String {
        format!("Hello, {}!", self.as_ref())
    }
}

/// Lines of borrowed text: an impl for `&'a str` whose methods take `self`.
pub trait Lines {
    /// The first line.
    fn first_line(self) -> String;

    /// Whether the text is blank: a method named like a Python keyword.
    fn not(self) -> bool;
}

impl<'a> Lines for &'a str {
    fn first_line(self) -> String {
        self.lines().next().unwrap_or("").to_string()
    }

    fn not(self) -> bool {
        self.trim().is_empty()
    }
}

/// Always 1: a function of the module, to which the extension function
/// `first_line` gives way.
pub fn first_line() -> u32 {
    1
}

/// Lowercase copies, typed `Self::Owned` as heck's traits are: `String` for
/// `str`, `Vec<u8>` for `[u8]`.
pub trait Lower: ToOwned {
    /// A lowercase copy.
    fn lower(&self) -> Self::Owned;
}

impl Lower for str {
    fn lower(&self) -> Self::Owned {
        self.to_lowercase()
    }
}

impl Lower for [u8] {
    fn lower(&self) -> Self::Owned {
        self.to_ascii_lowercase()
    }
}

/// A blanket impl that no std type of text or bytes meets: not bound.
pub trait Describe {
    /// The value's `Debug` text.
    fn describe(&self) -> String;
}

impl<T: fmt::Debug + Copy> Describe for T {
    fn describe(&self) -> String {
        format!("{self:?}")
    }
}

/// A generic trait: its impls are not bound.
pub trait Scale<T> {
    /// The value times `by`.
    fn scale(self, by: T) -> Self;
}

impl Scale<i32> for f64 {
    fn scale(self, by: i32) -> f64 {
        self * f64::from(by)
    }
}
