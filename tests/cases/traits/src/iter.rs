//! Iterators: double-ended, exact size, and items that are `Result`s.

/// Counts down from `n` to 1.
#[derive(Debug)]
pub struct Countdown {
    low: u32,
    high: u32,
}

impl Countdown {
    pub fn new(n: u32) -> Countdown {
        Countdown { low: 0, high: n }
    }
}

impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.high > self.low {
            self.high -= 1;
            Some(self.high + 1)
        } else {
            None
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.high - self.low) as usize;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Countdown {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.high > self.low {
            self.low += 1;
            Some(self.low)
        } else {
            None
        }
    }
}

impl ExactSizeIterator for Countdown {}

/// A number that did not parse.
#[derive(Debug, Clone)]
pub struct BadNumber {
    pub text: String,
}

impl std::fmt::Display for BadNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad number {:?}", self.text)
    }
}

/// Parses the words of a text one by one.
#[derive(Debug)]
pub struct Numbers {
    words: Vec<String>,
}

impl Numbers {
    pub fn new(text: &str) -> Numbers {
        Numbers {
            words: text.split_whitespace().rev().map(str::to_string).collect(),
        }
    }
}

impl Iterator for Numbers {
    type Item = Result<i64, BadNumber>;
    fn next(&mut self) -> Option<Self::Item> {
        let w = self.words.pop()?;
        Some(w.parse().map_err(|_| BadNumber { text: w }))
    }
}

/// A stack iterated by reference: `for x in stack` sees copies, the stack stays.
#[derive(Clone, Debug, Default)]
pub struct Stack {
    items: Vec<i64>,
}

impl Stack {
    pub fn new() -> Stack {
        Stack::default()
    }
    pub fn push(&mut self, x: i64) {
        self.items.push(x);
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl<'a> IntoIterator for &'a Stack {
    type Item = &'a i64;
    type IntoIter = std::slice::Iter<'a, i64>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
