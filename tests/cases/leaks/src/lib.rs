//! Every kind of call, for the leak test (test.py): each runs a million times
//! and the process's resident memory must stay flat.

use std::collections::HashMap;
use std::fmt;

/// A free function.
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Strings in and out.
pub fn greet(name: &str) -> String {
    format!("hello {name}")
}

/// Collections in and out: a list, a dict, a buffer.
pub fn count_words(words: Vec<String>) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for w in words {
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
}

/// A numeric buffer in, a vector object out.
pub fn doubled(xs: &[f64]) -> Vec<f64> {
    xs.iter().map(|x| x * 2.0).collect()
}

/// Writes through a `&mut [f64]`.
pub fn scale(xs: &mut [f64], factor: f64) {
    for x in xs {
        *x *= factor;
    }
}

/// An optional value and a tuple.
pub fn split(s: &str) -> Option<(String, String)> {
    s.split_once('=').map(|(a, b)| (a.to_string(), b.to_string()))
}

/// The crate's error.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// Nothing to parse.
    Empty,
    /// Not a number.
    Bad(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "empty"),
            ParseError::Bad(s) => write!(f, "bad number {s:?}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Raises the crate's error for anything but a number.
pub fn parse(s: &str) -> Result<i64, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    s.parse().map_err(|_| ParseError::Bad(s.to_string()))
}

/// Panics: `RustPanic` in Python.
pub fn boom(n: u32) -> u32 {
    if n > 0 {
        panic!("boom {n}");
    }
    n
}

/// A class with a constructor, fields, methods and an iterator.
#[derive(Debug, Clone, PartialEq)]
pub struct Bag {
    /// Its name.
    pub name: String,
    /// Its items.
    pub items: Vec<i64>,
}

impl Bag {
    /// A new bag.
    pub fn new(name: String) -> Bag {
        Bag {
            name,
            items: Vec::new(),
        }
    }

    /// Adds an item.
    pub fn push(&mut self, item: i64) {
        self.items.push(item);
        if self.items.len() > 8 {
            self.items.clear();
        }
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// A copy with another name (consumes nothing: `&self`).
    pub fn renamed(&self, name: &str) -> Bag {
        Bag {
            name: name.to_string(),
            items: self.items.clone(),
        }
    }

    /// Its items, one by one.
    pub fn iter(&self) -> Counter {
        Counter {
            left: self.items.len() as u32,
        }
    }
}

/// Counts down.
#[derive(Debug, Clone)]
pub struct Counter {
    left: u32,
}

impl Iterator for Counter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            None
        } else {
            self.left -= 1;
            Some(self.left)
        }
    }
}

/// Counts down from `n`.
pub fn countdown(n: u32) -> Counter {
    Counter { left: n }
}
