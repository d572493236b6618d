//! A crate whose interface file (`interface.ron` beside it) is curated by hand:
//! renames, defaults, a replaced docstring, a released GIL, instantiations of a
//! generic function and a skipped function.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static FLAG: AtomicBool = AtomicBool::new(false);
static IN_CALL: AtomicBool = AtomicBool::new(false);

/// Spins until `set_flag` is called or `timeout_ms` pass; whether it saw the flag.
/// The interface file releases the GIL while it runs.
pub fn wait_for_flag(timeout_ms: u64) -> bool {
    IN_CALL.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + Duration::from_millis(timeout_ms);
    let mut seen = false;
    while Instant::now() < deadline {
        if FLAG.load(Ordering::SeqCst) {
            seen = true;
            break;
        }
        std::hint::spin_loop();
    }
    IN_CALL.store(false, Ordering::SeqCst);
    seen
}

/// Whether a `wait_for_flag` call is running.
pub fn in_call() -> bool {
    IN_CALL.load(Ordering::SeqCst)
}

/// The same, but the interface file keeps the GIL.
pub fn wait_for_flag_holding(timeout_ms: u64) -> bool {
    wait_for_flag(timeout_ms)
}

/// Raises the flag.
pub fn set_flag() {
    FLAG.store(true, Ordering::SeqCst);
}

/// Lowers the flag.
pub fn reset_flag() {
    FLAG.store(false, Ordering::SeqCst);
}

/// Whether the flag is up: [`set_flag`] raises it, and then [`greet`] greets.
pub fn flag() -> bool {
    FLAG.load(Ordering::SeqCst)
}

/// The largest item.
pub fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut best = xs[0];
    for &x in xs {
        if x > best {
            best = x;
        }
    }
    best
}

/// Greets someone, several times.
pub fn greet(name: &str, greeting: &str, times: u32) -> String {
    vec![format!("{greeting}, {name}!"); times as usize].join(" ")
}

/// Multiplies.
pub fn scale(x: f64, factor: f64) -> f64 {
    x * factor
}

/// Not for Python: the interface file skips it.
pub fn internal_only() -> u8 {
    7
}

/// A stack of items; the interface file binds `Stack<i32>` and `Stack<String>`.
#[derive(Clone, Debug, Default)]
pub struct Stack<T> {
    items: Vec<T>,
}

impl<T: Clone> Stack<T> {
    /// An empty stack.
    pub fn new() -> Self {
        Stack { items: Vec::new() }
    }

    /// Pushes an item.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// The top item, if any.
    pub fn peek(&self) -> Option<T> {
        self.items.last().cloned()
    }

    /// How many items it holds.
    pub fn size(&self) -> usize {
        self.items.len()
    }
}
