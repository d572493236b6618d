//! Trait objects, continued (MAPPING: Callbacks and traits): returned
//! `Arc<dyn Trait>` and `Option`s of returned ones, `Option<&dyn Trait>`
//! parameters, trait objects handed to Python callables, callables returning
//! `Result` and callables taking `&mut` of a bound class.

use std::sync::Arc;

/// A shape: Rust's circles, or any Python object with `area` and `scale`.
pub trait Shape {
    /// Its area.
    fn area(&self) -> f64;
    /// Scales it by `k` in place.
    fn scale(&mut self, k: f64);
    /// Its name (by default "shape").
    fn name(&self) -> String {
        "shape".to_string()
    }
}

/// A circle.
#[derive(Clone, Debug, PartialEq)]
pub struct Circle {
    pub r: f64,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.r * self.r
    }
    fn scale(&mut self, k: f64) {
        self.r *= k;
    }
    fn name(&self) -> String {
        "circle".to_string()
    }
}

/// A shape shared with Rust (`Arc<dyn Shape>` returned).
pub fn shared_circle(r: f64) -> Arc<dyn Shape> {
    Arc::new(Circle { r })
}

/// A shape if `r` is positive (`Option<Box<dyn Shape>>` returned).
pub fn maybe_circle(r: f64) -> Option<Box<dyn Shape>> {
    (r > 0.0).then(|| Box::new(Circle { r }) as Box<dyn Shape>)
}

/// A shared shape if `r` is positive (`Option<Arc<dyn Shape + Send + Sync>>`).
pub fn maybe_shared(r: f64) -> Option<Arc<dyn Shape + Send + Sync>> {
    (r > 0.0).then(|| Arc::new(Circle { r }) as Arc<dyn Shape + Send + Sync>)
}

/// A square (a private type): `impl Shape` returned, boxed by the stub.
struct Square {
    side: f64,
}

impl Shape for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
    fn scale(&mut self, k: f64) {
        self.side *= k;
    }
}

/// A square of side `side` (`impl Shape` returned: its type is private).
pub fn square(side: f64) -> impl Shape {
    Square { side }
}

/// A square or an error (`Result<impl Shape + Send, BadInput>` returned).
pub fn checked_square(side: f64) -> Result<impl Shape + Send, BadInput> {
    if side < 0.0 {
        return Err(BadInput { code: side as i64 });
    }
    Ok(Square { side })
}

/// A shape named by `kind`: skipped (the `impl Shape` may borrow `kind`).
pub fn shape_named(kind: &str) -> impl Shape {
    Square {
        side: kind.len() as f64,
    }
}

/// The area of a shared shape (`Arc<dyn Shape>` passed back).
pub fn shared_area(shape: Arc<dyn Shape>) -> f64 {
    shape.area()
}

/// Shapes that Rust shares out (`Arc<dyn Shape>`): Python's objects and the
/// gallery hold the same shape.
#[derive(Default)]
pub struct Gallery {
    shapes: Vec<Arc<dyn Shape>>,
}

impl Gallery {
    pub fn new() -> Gallery {
        Gallery::default()
    }

    /// Adds a circle, returns it shared.
    pub fn add_circle(&mut self, r: f64) -> Arc<dyn Shape> {
        let shape: Arc<dyn Shape> = Arc::new(Circle { r });
        self.shapes.push(Arc::clone(&shape));
        shape
    }

    /// How many hold the shape at `i` (the gallery, Python's objects).
    pub fn holders(&self, i: usize) -> usize {
        self.shapes.get(i).map_or(0, Arc::strong_count)
    }

    /// The total area.
    pub fn total(&self) -> f64 {
        self.shapes.iter().map(|s| s.area()).sum()
    }

    /// Forgets every shape.
    pub fn clear(&mut self) {
        self.shapes.clear();
    }
}

/// The area of a shape if given (`Option<&dyn Shape>`), else -1.
pub fn area_or(shape: Option<&dyn Shape>) -> f64 {
    shape.map_or(-1.0, |s| s.area())
}

/// Scales a shape if given (`Option<&mut dyn Shape>`); whether it did.
pub fn maybe_grow(shape: Option<&mut dyn Shape>, k: f64) -> bool {
    match shape {
        Some(s) => {
            s.scale(k);
            true
        }
        None => false,
    }
}

/// Measures a circle with `f` (`impl Fn(&dyn Shape) -> f64`: a view).
pub fn measure(r: f64, f: impl Fn(&dyn Shape) -> f64) -> f64 {
    f(&Circle { r })
}

/// Lets `f` scale a circle in place (`&mut dyn FnMut(&mut dyn Shape)`).
pub fn reshape(r: f64, f: &mut dyn FnMut(&mut dyn Shape)) -> f64 {
    let mut c = Circle { r };
    f(&mut c);
    c.r
}

/// Hands `f` owned shapes (`Box<dyn Fn(Box<dyn Shape>)>`).
pub fn hand_over(sizes: Vec<f64>, f: Box<dyn Fn(Box<dyn Shape>)>) {
    for r in sizes {
        f(Box::new(Circle { r }));
    }
}

/// A point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

/// An error of the crate.
#[derive(Debug, Clone, PartialEq)]
pub struct BadInput {
    pub code: i64,
}

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad input {}", self.code)
    }
}

impl std::error::Error for BadInput {}

/// Sums `f` over `xs`, stopping at the first error
/// (`impl Fn(i64) -> Result<i64, BadInput>`).
pub fn try_sum(xs: Vec<i64>, f: impl Fn(i64) -> Result<i64, BadInput>) -> Result<i64, BadInput> {
    let mut total = 0;
    for x in xs {
        total += f(x)?;
    }
    Ok(total)
}

/// How many of `xs` `f` accepts; its errors are counted, not returned
/// (`impl Fn(i64) -> Result<i64, BadInput>`).
pub fn count_ok(xs: Vec<i64>, f: impl Fn(i64) -> Result<i64, BadInput>) -> (usize, Vec<i64>) {
    let mut codes = Vec::new();
    let mut ok = 0;
    for x in xs {
        match f(x) {
            Ok(_) => ok += 1,
            Err(e) => codes.push(e.code),
        }
    }
    (ok, codes)
}

/// Moves every point with `f` (`impl FnMut(&mut Point)`: in place).
pub fn move_all(mut points: Vec<Point>, mut f: impl FnMut(&mut Point)) -> Vec<Point> {
    for p in &mut points {
        f(p);
    }
    points
}

/// Bumps a counter with `f` (`impl Fn(&mut i64)`: no Python mapping).
pub fn bump(f: impl Fn(&mut i64)) -> i64 {
    let mut n = 0;
    f(&mut n);
    n
}

/// A judge of shapes: a trait method with a `&dyn Shape` argument, which a
/// Python implementation receives as a view.
pub trait Judge {
    /// A score for `shape`.
    fn score(&self, shape: &dyn Shape) -> f64;
}

/// What `judge` thinks of a circle of radius `r`.
pub fn judge_circle(judge: &dyn Judge, r: f64) -> f64 {
    judge.score(&Circle { r })
}

/// A heading (a fieldless enum: an `IntEnum` in Python).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Heading {
    North,
    South,
}

/// Shows `f` the heading (`impl Fn(&mut Heading)`: its value, which
/// Python cannot change in place).
pub fn show_heading(f: impl Fn(&mut Heading)) -> Heading {
    let mut h = Heading::South;
    f(&mut h);
    h
}

/// A checker implemented in Python: a trait method returning `Result`.
pub trait Checker {
    /// `Ok(x)` if `x` passes, else the crate's error.
    fn check(&self, x: i64) -> Result<i64, BadInput>;
}

/// The values of `xs` that `checker` passes, and the codes of its errors.
pub fn sort_out(xs: Vec<i64>, checker: &dyn Checker) -> (Vec<i64>, Vec<i64>) {
    let (mut ok, mut codes) = (Vec::new(), Vec::new());
    for x in xs {
        match checker.check(x) {
            Ok(v) => ok.push(v),
            Err(e) => codes.push(e.code),
        }
    }
    (ok, codes)
}

/// An error that is not `Clone` (it moves out of the exception).
#[derive(Debug)]
pub struct Refused {
    pub why: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: {}", self.why)
    }
}

impl std::error::Error for Refused {}

/// Asks `f` for each value; the reasons of its refusals (`Result<(), Refused>`).
pub fn refusals(xs: Vec<i64>, f: impl Fn(i64) -> Result<(), Refused>) -> Vec<String> {
    xs.into_iter().filter_map(|x| f(x).err()).map(|e| e.why).collect()
}

/// A segment: its `start` is a view into it.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub a: Point,
    pub b: Point,
}

impl Segment {
    /// Its first point (a view of the segment's).
    pub fn start(&self) -> &Point {
        &self.a
    }
}

/// Lets `f` change each segment in place (`impl FnMut(&mut Segment)`).
pub fn edit_segments(mut segments: Vec<Segment>, mut f: impl FnMut(&mut Segment)) -> Vec<Segment> {
    for s in &mut segments {
        f(s);
    }
    segments
}

/// Keeps a point for the whole program (`&'static Point`): its x.
pub fn pin_x(p: &'static Point) -> i64 {
    p.x
}

/// Hands `f` `n` circles at once and maybe one more, owned
/// (`impl Fn(Vec<Box<dyn Shape>>, Option<Box<dyn Shape>>) -> usize`).
pub fn hand_all(n: usize, f: impl Fn(Vec<Box<dyn Shape>>, Option<Box<dyn Shape>>) -> usize) -> usize {
    let shapes = (1..=n).map(|r| Box::new(Circle { r: r as f64 }) as Box<dyn Shape>).collect();
    let extra = (n > 1).then(|| Box::new(Circle { r: 0.5 }) as Box<dyn Shape>);
    f(shapes, extra)
}

/// Would lend `f` several shapes (`impl Fn(&[&dyn Shape])`): skipped.
pub fn lend_all(f: impl Fn(&[&dyn Shape])) {
    f(&[&Circle { r: 1.0 }]);
}

/// A body that meets others: a trait method taking the trait itself.
pub trait Body {
    /// Its size.
    fn size(&self) -> f64;
    /// Whether it touches `other` (lent to a Python implementation as a view).
    fn touches(&self, other: &dyn Body) -> bool;
}

/// A ball.
#[derive(Clone, Debug, PartialEq)]
pub struct Ball {
    pub size: f64,
}

impl Body for Ball {
    fn size(&self) -> f64 {
        self.size
    }
    fn touches(&self, other: &dyn Body) -> bool {
        self.size + other.size() > 10.0
    }
}

/// Whether `a` touches `b`.
pub fn touching(a: &dyn Body, b: &dyn Body) -> bool {
    a.touches(b)
}

/// The first value of `xs` that `f` maps without an error (a generic
/// `F: Fn(i64) -> Result<i64, BadInput>`).
pub fn first_ok<F>(xs: Vec<i64>, f: F) -> Option<i64>
where
    F: Fn(i64) -> Result<i64, BadInput>,
{
    xs.into_iter().find_map(|x| f(x).ok())
}

/// Measures a circle with `f` on a Rust thread of its own while this one
/// waits (`&(dyn Fn(&dyn Shape) -> f64 + Sync)`: the call runs without the GIL).
pub fn measure_elsewhere(r: f64, f: &(dyn Fn(&dyn Shape) -> f64 + Sync)) -> f64 {
    let circle = Circle { r };
    std::thread::scope(|s| s.spawn(|| f(&circle)).join().unwrap_or(-1.0))
}
