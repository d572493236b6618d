//! Python callables as Rust closures (MAPPING: Callbacks and traits).

use std::sync::{Arc, Mutex};

/// A point, passed to callbacks by reference and by value.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

/// Applies `f` to `x` (`impl Fn`).
pub fn apply(f: impl Fn(i64) -> i64, x: i64) -> i64 {
    f(x)
}

/// Applies `f` twice (a named `F: Fn`).
pub fn twice<F: Fn(i64) -> i64>(f: F, x: i64) -> i64 {
    f(f(x))
}

/// Folds with `f` (a `where` clause).
pub fn fold<F>(xs: Vec<i64>, init: i64, f: F) -> i64
where
    F: Fn(i64, i64) -> i64,
{
    xs.into_iter().fold(init, f)
}

/// Calls `f` `n` times with 0..n (`impl FnMut`): Python's state changes.
pub fn repeat(n: u32, mut f: impl FnMut(u32)) {
    for i in 0..n {
        f(i)
    }
}

/// Calls `f` once (`impl FnOnce`).
pub fn once(f: impl FnOnce() -> String) -> String {
    f()
}

/// Keeps the words for which `keep` says true (`&dyn Fn(&str) -> bool`).
pub fn filter_words(words: Vec<String>, keep: &dyn Fn(&str) -> bool) -> Vec<String> {
    words.into_iter().filter(|w| keep(w)).collect()
}

/// Visits each point with a `&mut dyn FnMut(&Point)`.
pub fn visit(points: Vec<Point>, visitor: &mut dyn FnMut(&Point)) -> usize {
    for p in &points {
        visitor(p);
    }
    points.len()
}

/// Maps points with a boxed callable returning a class by value.
pub fn map_points(points: Vec<Point>, f: Box<dyn Fn(Point) -> Point>) -> Vec<Point> {
    points.into_iter().map(f).collect()
}

/// Sorts by a key function returning a string.
pub fn sort_by_key(mut words: Vec<String>, key: impl Fn(&str) -> String) -> Vec<String> {
    words.sort_by_key(|w| key(w));
    words
}

/// Formats with `f` if given (`Option<impl Fn>`).
pub fn describe(x: i64, f: Option<&dyn Fn(i64) -> String>) -> String {
    match f {
        Some(f) => f(x),
        None => x.to_string(),
    }
}

/// Returns whatever the callable gives, as an optional float.
pub fn maybe(f: impl Fn() -> Option<f64>) -> Option<f64> {
    f()
}

/// Sums `f(i)` for i in 0..n: the callback-heavy loop of the benchmark.
pub fn sum_calls(n: u32, f: impl Fn(i64) -> i64) -> i64 {
    (0..n as i64).map(&f).sum()
}

/// Calls `f` with two arguments of different kinds (a tuple result).
pub fn pair(f: &dyn Fn(String, f64) -> (String, f64)) -> (String, f64) {
    f("a".to_string(), 1.5)
}

/// Counts `f(i)` over 0..n on a few Rust threads at once (`Send + Sync`).
pub fn count_parallel(n: u32, f: &(dyn Fn(u32) -> bool + Sync)) -> usize {
    let hits = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for t in 0..4 {
            let hits = &hits;
            s.spawn(move || {
                for i in (t..n).step_by(4) {
                    if f(i) {
                        hits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                }
            });
        }
    });
    hits.into_inner()
}

type Handler = Box<dyn Fn(&str) -> i64 + Send + Sync + 'static>;

/// Stored callbacks: `on_event` keeps them, `fire` calls them, and
/// `fire_in_background` calls them later on a Rust thread of its own.
#[derive(Default)]
pub struct Emitter {
    handlers: Arc<Mutex<Vec<Handler>>>,
    result: Arc<Mutex<Option<i64>>>,
}

impl Emitter {
    pub fn new() -> Emitter {
        Emitter::default()
    }

    /// Keeps `f` to call later.
    pub fn on_event(&mut self, f: Box<dyn Fn(&str) -> i64 + Send + Sync + 'static>) {
        self.handlers.lock().unwrap().push(f);
    }

    /// Calls every handler with `event` and sums their results.
    pub fn fire(&self, event: &str) -> i64 {
        self.handlers.lock().unwrap().iter().map(|h| h(event)).sum()
    }

    /// Calls every handler with `event` on a new Rust thread and returns at
    /// once; `background_result` gives the sum once it is there.
    pub fn fire_in_background(&self, event: &str) {
        let handlers = Arc::clone(&self.handlers);
        let result = Arc::clone(&self.result);
        let event = event.to_string();
        std::thread::spawn(move || {
            let sum = handlers.lock().unwrap().iter().map(|h| h(&event)).sum();
            *result.lock().unwrap() = Some(sum);
        });
    }

    /// The sum of the last background call, once (None until it is done).
    pub fn background_result(&self) -> Option<i64> {
        self.result.lock().unwrap().take()
    }

    /// How many handlers it holds.
    pub fn len(&self) -> usize {
        self.handlers.lock().unwrap().len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every handler.
    pub fn clear(&mut self) {
        self.handlers.lock().unwrap().clear();
    }
}

type Parked = Box<dyn Fn(i64) -> i64 + Send + 'static>;

static PARKED: Mutex<Vec<Parked>> = Mutex::new(Vec::new());
static PARKED_RESULT: Mutex<Option<i64>> = Mutex::new(None);

/// Parks `f` in a static, to be called (and dropped) later from a Rust thread.
pub fn park(f: Box<dyn Fn(i64) -> i64 + Send + 'static>) {
    PARKED.lock().unwrap().push(f);
}

/// Moves every parked callback to a new Rust thread, which calls each with
/// `x` and then drops them there (a thread that never held the GIL); returns
/// at once. `parked_result` gives the sum once it is there.
pub fn run_parked(x: i64) {
    let parked: Vec<Parked> = std::mem::take(&mut *PARKED.lock().unwrap());
    std::thread::spawn(move || {
        let total = parked.iter().map(|f| f(x)).sum();
        drop(parked);
        *PARKED_RESULT.lock().unwrap() = Some(total);
    });
}

/// The sum of the last `run_parked`, once.
pub fn parked_result() -> Option<i64> {
    PARKED_RESULT.lock().unwrap().take()
}

/// Calls `f` if given (`Option<Box<dyn Fn>>`).
pub fn maybe_boxed(f: Option<Box<dyn Fn(i64) -> i64>>, x: i64) -> i64 {
    f.map_or(x, |f| f(x))
}

/// Feeds 1, 2, 3 to `sink` if given (`Option<&mut dyn FnMut>`).
pub fn maybe_feed(sink: Option<&mut dyn FnMut(i64)>) -> bool {
    match sink {
        Some(sink) => {
            (1..=3).for_each(sink);
            true
        }
        None => false,
    }
}

/// Applies `f` if given (a generic `Option<F>`).
pub fn maybe_apply<F: Fn(i64) -> i64>(f: Option<F>, x: i64) -> i64 {
    f.map_or(x, |f| f(x))
}

/// A predicate kept by its constructor.
pub struct Filter {
    pred: Box<dyn Fn(i64) -> bool + Send + Sync>,
}

impl Filter {
    /// Keeps `pred` (a callable constructor argument).
    pub fn new(pred: Box<dyn Fn(i64) -> bool + Send + Sync>) -> Filter {
        Filter { pred }
    }

    /// The items the predicate keeps.
    pub fn apply(&self, xs: Vec<i64>) -> Vec<i64> {
        xs.into_iter().filter(|x| (self.pred)(*x)).collect()
    }
}
