//! Classes: structs with fields, constructors, methods, trait protocols,
//! ownership and borrowing across the boundary.

use std::fmt;

mod display;
mod iter;

// ---- a class with a constructor, methods and a private field ----

/// A counter that steps by a fixed amount.
#[derive(Debug)]
pub struct Counter {
    /// The current count.
    pub count: i64,
    step: i64,
}

impl Counter {
    /// The largest count a counter is meant to hold.
    pub const MAX: i64 = 1_000_000;

    /// Makes a counter that starts at `start` and steps by one.
    pub fn new(start: i64) -> Self {
        Counter {
            count: start,
            step: 1,
        }
    }

    /// A counter at zero.
    pub fn zero() -> Counter {
        Counter::new(0)
    }

    /// A counter that starts at `start` and steps by `step`.
    pub fn with_step(start: i64, step: i64) -> Counter {
        Counter { count: start, step }
    }

    /// Adds `by` steps and returns the new count.
    pub fn incr(&mut self, by: i64) -> i64 {
        self.count += by * self.step;
        self.count
    }

    /// The current count.
    pub fn get(&self) -> i64 {
        self.count
    }

    /// The step size.
    pub fn step_size(&self) -> i64 {
        self.step
    }

    /// Consumes the counter and returns its count.
    pub fn into_total(self) -> i64 {
        self.count
    }

    /// Always panics.
    pub fn explode(&self) -> i64 {
        panic!("counter exploded at {}", self.count)
    }
}

impl fmt::Display for Counter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (step {})", self.count, self.step)
    }
}

// ---- a plain data class: all fields pub, Copy, no `new` ----

/// A point in the plane.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default)]
pub struct Point {
    /// The horizontal coordinate.
    pub x: f64,
    /// The vertical coordinate.
    pub y: f64,
}

impl Point {
    /// Distance from the origin.
    pub fn norm(&self) -> f64 {
        self.x.hypot(self.y)
    }

    /// This point with both coordinates multiplied by `k`.
    pub fn scaled(&self, k: f64) -> Point {
        Point {
            x: self.x * k,
            y: self.y * k,
        }
    }

    /// Moves the point by `dx`, `dy`.
    pub fn translate(&mut self, dx: f64, dy: f64) {
        self.x += dx;
        self.y += dy;
    }

    /// Consumes the point (a copy of it, since `Point` is `Clone`).
    pub fn into_tuple(self) -> (f64, f64) {
        (self.x, self.y)
    }
}

// ---- tuple struct and unit struct ----

/// A temperature in degrees Celsius.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Celsius(pub f64);

impl Celsius {
    /// The same temperature in degrees Fahrenheit.
    pub fn to_fahrenheit(&self) -> f64 {
        self.0 * 9.0 / 5.0 + 32.0
    }
}

/// A struct without fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Marker;

impl Marker {
    /// The marker's name.
    pub fn name(&self) -> &'static str {
        "marker"
    }
}

/// Two numbers; comparable but not hashable.
#[derive(Debug, PartialEq)]
pub struct Pair(pub i32, pub i32);

impl Pair {
    /// The sum of both numbers.
    pub fn sum(&self) -> i32 {
        self.0 + self.1
    }
}

// ---- ordered, hashable; `Display` lives in display.rs ----

/// A release number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

/// A release number that could not be parsed.
#[derive(Debug)]
pub struct ReleaseError {
    /// The text that was given.
    pub input: String,
}

impl fmt::Display for ReleaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid release: {}", self.input)
    }
}

impl std::error::Error for ReleaseError {}

impl Release {
    /// Makes a release number.
    pub fn new(major: u32, minor: u32, patch: u32) -> Self {
        Release {
            major,
            minor,
            patch,
        }
    }

    /// Parses `major.minor.patch`.
    pub fn parse(text: &str) -> Result<Release, ReleaseError> {
        let err = || ReleaseError {
            input: text.to_string(),
        };
        let parts: Vec<&str> = text.split('.').collect();
        if parts.len() != 3 {
            return Err(err());
        }
        let mut nums = [0u32; 3];
        for (n, part) in nums.iter_mut().zip(&parts) {
            *n = part.parse().map_err(|_| err())?;
        }
        Ok(Release::new(nums[0], nums[1], nums[2]))
    }

    /// The next minor release.
    pub fn bump_minor(&self) -> Release {
        Release::new(self.major, self.minor + 1, 0)
    }

    /// Whether this is 1.0.0 or later.
    pub fn is_stable(&self) -> bool {
        self.major >= 1
    }
}

// ---- a fallible constructor ----

/// A whole percentage, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Percent {
    value: u8,
}

/// A percentage over 100.
#[derive(Debug)]
pub struct PercentError {
    pub value: u8,
}

impl fmt::Display for PercentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is over 100 percent", self.value)
    }
}

impl std::error::Error for PercentError {}

impl Percent {
    /// Makes a percentage; fails over 100.
    pub fn new(value: u8) -> Result<Self, PercentError> {
        if value > 100 {
            Err(PercentError { value })
        } else {
            Ok(Percent { value })
        }
    }

    /// The percentage.
    pub fn value(&self) -> u8 {
        self.value
    }
}

// ---- Default only ----

/// Settings that start from their defaults.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    verbose: bool,
    /// How much detail to show.
    pub level: u8,
}

impl Settings {
    /// Whether verbose output is on.
    pub fn is_verbose(&self) -> bool {
        self.verbose
    }

    /// Turns verbose output on or off.
    pub fn set_verbose(&mut self, on: bool) {
        self.verbose = on;
    }
}

// ---- no constructor at all ----

/// A handle that only Rust can make.
#[derive(Debug)]
pub struct Handle {
    id: u32,
}

impl Handle {
    /// The handle's id.
    pub fn id(&self) -> u32 {
        self.id
    }
}

/// Opens the handle `id`.
pub fn open_handle(id: u32) -> Handle {
    Handle { id }
}

// ---- class-typed fields ----

/// A line segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Where the line starts.
    pub start: Point,
    /// Where the line ends.
    pub end: Point,
}

impl Line {
    /// The length of the line.
    pub fn length(&self) -> f64 {
        (self.end.x - self.start.x).hypot(self.end.y - self.start.y)
    }

    /// A reference to the start point.
    pub fn first(&self) -> &Point {
        &self.start
    }
}

/// The line from (0, 0) to (3, 4).
pub fn make_line() -> Line {
    Line {
        start: Point { x: 0.0, y: 0.0 },
        end: Point { x: 3.0, y: 4.0 },
    }
}

// ---- an iterator; `Iterator` is implemented in iter.rs ----

/// Counts down from a number to one.
#[derive(Debug)]
pub struct Countdown {
    remaining: u32,
}

impl Countdown {
    /// Counts down from `start`.
    pub fn new(start: u32) -> Self {
        Countdown { remaining: start }
    }
}

// ---- a class holding a String, for memory checks ----

/// A name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Named {
    pub name: String,
}

impl Named {
    /// The name in capitals.
    pub fn shout(&self) -> String {
        self.name.to_uppercase()
    }
}

// ---- free functions taking and returning instances ----

/// Swaps two counters.
pub fn swap(a: &mut Counter, b: &mut Counter) {
    std::mem::swap(a, b);
}

/// Whether two counters have the same count.
pub fn same(a: &Counter, b: &Counter) -> bool {
    a.count == b.count
}

/// Adds one step to a counter.
pub fn bump(c: &mut Counter) {
    c.incr(1);
}

/// Takes a counter and returns its count.
pub fn consume(c: Counter) -> i64 {
    c.count
}

/// Takes a counter and returns its count plus `extra`.
pub fn consume_with(c: Counter, extra: i64) -> i64 {
    c.count + extra
}

/// Takes one counter and compares it with another.
pub fn take_and_compare(c: Counter, other: &Counter) -> bool {
    c.count == other.count
}

/// Takes a point by value and returns `x + y`.
pub fn take_point(p: Point) -> f64 {
    p.x + p.y
}

/// The midpoint of two points.
pub fn midpoint(a: &Point, b: &Point) -> Point {
    Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    }
}

/// Holds a `Counter`, which is not Clone: its `counter` field cannot be copied
/// out, so it is not bound; the reference `counter_ref` returns is a view.
pub struct Holder {
    pub counter: Counter,
    pub label: String,
}

impl Holder {
    /// A holder of a fresh counter.
    pub fn new(label: &str) -> Holder {
        Holder {
            counter: Counter::new(0),
            label: label.to_string(),
        }
    }

    /// A view of the counter inside the holder (not a copy).
    pub fn counter_ref(&self) -> &Counter {
        &self.counter
    }

    /// Gives up the counter: the holder is consumed, the counter moves out.
    pub fn into_counter(self) -> Counter {
        self.counter
    }
}
