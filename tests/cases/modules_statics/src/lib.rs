//! Modules and statics: submodules, private modules, re-exports, and
//! statics that stay live between Rust and Python.

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU8, Ordering};
use std::sync::{Mutex, RwLock};

pub mod geo;
mod hidden;

pub use hidden::Exposed;

// ---- live statics ----

/// How many hits so far.
pub static HITS: AtomicI64 = AtomicI64::new(0);

/// Whether the feature is on.
pub static ENABLED: AtomicBool = AtomicBool::new(false);

/// A small unsigned number.
pub static SMALL: AtomicU32 = AtomicU32::new(7);

/// A byte.
pub static TINY: AtomicU8 = AtomicU8::new(1);

/// A name behind a mutex.
pub static NAME: Mutex<String> = Mutex::new(String::new());

/// A limit behind a read-write lock.
pub static LIMIT: RwLock<i32> = RwLock::new(10);

// ---- plain statics and consts ----

/// A greeting, fixed at build time.
pub static GREETING: &str = "hello";

/// The answer.
pub static ANSWER: u32 = 42;

/// The version of this crate's API.
pub const VERSION: &str = "1.0";

// ---- functions that read and change the live statics ----

/// Adds one hit and returns the new count.
pub fn hit() -> i64 {
    HITS.fetch_add(1, Ordering::SeqCst) + 1
}

/// The number of hits.
pub fn hits() -> i64 {
    HITS.load(Ordering::SeqCst)
}

/// Sets the number of hits.
pub fn set_hits(n: i64) {
    HITS.store(n, Ordering::SeqCst);
}

/// Whether the feature is on.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::SeqCst)
}

/// Flips the feature and returns the new state.
pub fn toggle() -> bool {
    !ENABLED.fetch_xor(true, Ordering::SeqCst)
}

/// The small number.
pub fn small() -> u32 {
    SMALL.load(Ordering::SeqCst)
}

/// Sets the small number.
pub fn set_small(n: u32) {
    SMALL.store(n, Ordering::SeqCst);
}

/// The byte.
pub fn tiny() -> u8 {
    TINY.load(Ordering::SeqCst)
}

/// The current name.
pub fn name() -> String {
    NAME.lock().unwrap().clone()
}

/// Replaces the name.
pub fn set_name(s: &str) {
    *NAME.lock().unwrap() = s.to_string();
}

/// Appends to the name.
pub fn append_name(s: &str) {
    NAME.lock().unwrap().push_str(s);
}

/// The current limit.
pub fn limit() -> i32 {
    *LIMIT.read().unwrap()
}

/// Sets the limit.
pub fn set_limit(n: i32) {
    *LIMIT.write().unwrap() = n;
}

// ---- root items that meet the submodules ----

/// Area of a square with sides `side` (not `geo::area`).
pub fn area(side: f64) -> f64 {
    side * side
}

/// The diagonal of a square from the nested submodule.
pub fn diagonal(s: &geo::shapes::Square) -> f64 {
    s.side * std::f64::consts::SQRT_2
}

/// A value computed from a type that Python never sees.
pub fn secret_value() -> i32 {
    hidden::secret().value
}

/// Makes an `Exposed`.
pub fn make_exposed(value: i32) -> Exposed {
    Exposed { value }
}
