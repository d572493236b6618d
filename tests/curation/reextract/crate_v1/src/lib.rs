//! A crate whose interface file is curated by hand, then re-extracted after the
//! crate changed (`crate_v2` is the next version).

/// Adds two numbers.
pub fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// Repeats a word.
pub fn repeat(word: &str, times: u32) -> String {
    word.repeat(times as usize)
}

/// Greets someone.
pub fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}

/// Sums the squares below `n`: CPU-bound.
pub fn busy(n: u64) -> u64 {
    (0..n).fold(0u64, |acc, i| acc.wrapping_add(i.wrapping_mul(i)))
}

/// Nothing Python should see.
pub fn secret() -> i32 {
    42
}

/// Goes away in the next version.
pub fn gone(x: i32) -> i32 {
    x
}

/// Scales a value.
pub fn scale(x: f64, factor: i32) -> f64 {
    x * factor as f64
}

/// The largest item (the first of equals).
pub fn largest<T: PartialOrd + Copy>(items: &[T]) -> T {
    let mut best = items[0];
    for &item in items {
        if item > best {
            best = item;
        }
    }
    best
}

/// A counter.
pub struct Counter {
    pub count: u32,
}

impl Counter {
    /// A counter that starts at `start`.
    pub fn new(start: u32) -> Counter {
        Counter { count: start }
    }

    /// Counts one more; the new count.
    pub fn bump(&mut self) -> u32 {
        self.count += 1;
        self.count
    }
}
