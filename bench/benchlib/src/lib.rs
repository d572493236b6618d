//! Benchmark functions: the same API is bound by rsbind, by hand in C, by PyO3
//! and through ctypes, and `bench/run.py` times each call.

use std::fmt;

/// Does nothing: the cost of a call alone.
pub fn noop() {}

/// Adds two integers (wrapping).
pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Calls `f` on `0..n` and sums the results (wrapping): the cost of a
/// callback, Rust calling Python.
pub fn call_back(n: u32, mut f: impl FnMut(i64) -> i64) -> i64 {
    (0..i64::from(n)).map(&mut f).fold(0, i64::wrapping_add)
}

/// Greets by name.
pub fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}

/// The sum of the numbers.
pub fn sum(xs: &[f64]) -> f64 {
    xs.iter().sum()
}

/// `0.0, 1.0, ..., (n - 1) as f64`.
pub fn make_vec(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64).collect()
}

/// A counter with a public field.
#[derive(Clone, Debug, PartialEq)]
pub struct Counter {
    /// The current count.
    pub count: i64,
}

impl Counter {
    /// A counter starting at `start`.
    pub fn new(start: i64) -> Counter {
        Counter { count: start }
    }

    /// Adds `by` and returns the new count.
    pub fn incr(&mut self, by: i64) -> i64 {
        self.count = self.count.wrapping_add(by);
        self.count
    }
}

/// Why a division failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivError {
    /// The divisor was zero.
    DivideByZero,
    /// `i64::MIN / -1`.
    Overflow,
}

impl fmt::Display for DivError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DivError::DivideByZero => f.write_str("division by zero"),
            DivError::Overflow => f.write_str("division overflows"),
        }
    }
}

impl std::error::Error for DivError {}

/// `a / b`, or the reason it has no value.
pub fn checked_div(a: i64, b: i64) -> Result<i64, DivError> {
    if b == 0 {
        Err(DivError::DivideByZero)
    } else {
        a.checked_div(b).ok_or(DivError::Overflow)
    }
}

/// An amount of cents: an operator (`Add`) and a parser (`FromStr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    /// The amount in cents.
    pub cents: i64,
}

impl std::ops::Add for Money {
    type Output = Money;
    /// The sum of two amounts (wrapping).
    fn add(self, other: Money) -> Money {
        Money {
            cents: self.cents.wrapping_add(other.cents),
        }
    }
}

/// Why a text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseMoneyError;

impl fmt::Display for ParseMoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an amount like 12.34")
    }
}

impl std::error::Error for ParseMoneyError {}

impl std::str::FromStr for Money {
    type Err = ParseMoneyError;
    /// Reads `12.34` or `-0.50`: units, a dot, two digits of cents.
    fn from_str(s: &str) -> Result<Money, ParseMoneyError> {
        let (neg, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (units, cents) = rest.split_once('.').ok_or(ParseMoneyError)?;
        if cents.len() != 2 || !cents.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseMoneyError);
        }
        let units: i64 = units.parse().map_err(|_| ParseMoneyError)?;
        let cents: i64 = cents.parse().map_err(|_| ParseMoneyError)?;
        let total = units
            .checked_mul(100)
            .and_then(|u| u.checked_add(cents))
            .ok_or(ParseMoneyError)?;
        Ok(Money {
            cents: if neg { -total } else { total },
        })
    }
}

/// A word to look for: its matches borrow the text searched (views).
#[derive(Clone, Debug)]
pub struct Word {
    word: String,
}

impl Word {
    pub fn new(word: &str) -> Word {
        Word {
            word: word.to_string(),
        }
    }

    /// The first match in `haystack`, which it borrows.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Found<'h>> {
        let start = haystack.find(self.word.as_str())?;
        Some(Found {
            haystack,
            start,
            end: start + self.word.len(),
        })
    }

    /// Every match in `haystack`: the iterator borrows the word and the text.
    pub fn find_iter<'w, 'h>(&'w self, haystack: &'h str) -> FoundIter<'w, 'h> {
        FoundIter {
            word: &self.word,
            haystack,
            pos: 0,
        }
    }
}

/// Where a word is in a text, borrowing the text (like `regex::Match<'h>`).
#[derive(Clone, Copy, Debug)]
pub struct Found<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    /// Where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The matches of a [`Word`] in a text.
pub struct FoundIter<'w, 'h> {
    word: &'w str,
    haystack: &'h str,
    pos: usize,
}

impl<'w, 'h> Iterator for FoundIter<'w, 'h> {
    type Item = Found<'h>;

    fn next(&mut self) -> Option<Found<'h>> {
        if self.word.is_empty() || self.pos > self.haystack.len() {
            return None;
        }
        let start = self.haystack[self.pos..].find(self.word)? + self.pos;
        self.pos = start + self.word.len();
        Some(Found {
            haystack: self.haystack,
            start,
            end: self.pos,
        })
    }
}
