//! Module state: each import of the module (a re-import, a sub-interpreter)
//! has its own classes; objects of one are accepted by the other.

use std::fmt;
use std::ops::Add;

/// A point on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

impl Point {
    /// The origin: a class constant.
    pub const ORIGIN: Point = Point { x: 0, y: 0 };

    /// A point at `x`, `y`.
    pub fn new(x: i64, y: i64) -> Point {
        Point { x, y }
    }

    /// The point moved by `dx`, `dy`: a new object.
    pub fn moved(&self, dx: i64, dy: i64) -> Point {
        Point { x: self.x + dx, y: self.y + dy }
    }

    /// The point's neighbours, left and right.
    pub fn neighbours(&self) -> Vec<Point> {
        vec![self.moved(-1, 0), self.moved(1, 0)]
    }

    /// The point's shape: a data enum object.
    pub fn shape(&self) -> Shape {
        Shape::Dot(*self)
    }

    /// Two points on the diagonal: a static method making objects.
    pub fn diagonal(n: i64) -> (Point, Point) {
        (Point::new(n, n), Point::new(-n, -n))
    }

    /// The x of `"x,y"`: a static method raising.
    pub fn x_of(text: &str) -> Result<i64, GridError> {
        parse(text).map(|p| p.x)
    }

    /// Parses `"x,y"`: a classmethod.
    pub fn from_text(text: &str) -> Result<Point, GridError> {
        parse(text)
    }

    /// Fails when the point is not at the origin.
    pub fn check_origin(&self) -> Result<(), GridError> {
        if self.x == 0 && self.y == 0 {
            Ok(())
        } else {
            Err(GridError::NotOrigin(self.x, self.y))
        }
    }
}

impl Add for Point {
    type Output = Point;
    fn add(self, other: Point) -> Point {
        Point { x: self.x + other.x, y: self.y + other.y }
    }
}

/// A shape on the grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// One point.
    Dot(Point),
    /// A line between two points.
    Line(Point, Point),
}

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
}

impl Color {
    /// The favourite colour (a static method of an IntEnum: it makes a member).
    pub fn favourite() -> Color {
        Color::Green
    }
}

/// Why a grid operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum GridError {
    /// The point was not the origin.
    NotOrigin(i64, i64),
    /// The text was no point.
    BadText(String),
}

impl fmt::Display for GridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GridError::NotOrigin(x, y) => write!(f, "({x}, {y}) is not the origin"),
            GridError::BadText(t) => write!(f, "not a point: {t:?}"),
        }
    }
}

impl std::error::Error for GridError {}

/// The origin.
pub fn origin() -> Point {
    Point::new(0, 0)
}

/// The taxicab length of `p`.
pub fn norm1(p: &Point) -> i64 {
    p.x.abs() + p.y.abs()
}

/// Parses `"x,y"`.
pub fn parse(text: &str) -> Result<Point, GridError> {
    let (x, y) = text.split_once(',').ok_or_else(|| GridError::BadText(text.to_string()))?;
    let n = |s: &str| s.trim().parse::<i64>().map_err(|_| GridError::BadText(text.to_string()));
    Ok(Point::new(n(x)?, n(y)?))
}

/// The points from (0, 0) to (n - 1, 0), lazily.
pub fn walk(n: i64) -> impl Iterator<Item = Point> {
    (0..n).map(|x| Point::new(x, 0))
}

/// A line between two points.
pub fn line(a: Point, b: Point) -> Shape {
    Shape::Line(a, b)
}

/// The colour of a point: red on the diagonal.
pub fn color_of(p: &Point) -> Color {
    if p.x == p.y {
        Color::Red
    } else {
        Color::Green
    }
}

/// The name of a colour.
pub fn color_name(c: Color) -> String {
    format!("{c:?}")
}

/// Calls `f` with the origin and returns what it gives.
pub fn with_origin(f: impl Fn(Point) -> i64) -> i64 {
    f(origin())
}

/// What the callables that [`call_on_thread`] called returned, in order.
static THREAD_RESULTS: std::sync::Mutex<Vec<i64>> = std::sync::Mutex::new(Vec::new());

/// Calls `f` with the origin on a new thread of Rust's own, without waiting:
/// [`thread_results`] shows what it returned once it has run.
pub fn call_on_thread(f: impl Fn(Point) -> i64 + Send + 'static) {
    std::thread::spawn(move || {
        let result = f(origin());
        // Released before the result shows: the caller may then end the
        // interpreter the callable belongs to.
        drop(f);
        THREAD_RESULTS.lock().unwrap().push(result);
    });
}

/// What the callables given to [`call_on_thread`] returned so far.
pub fn thread_results() -> Vec<i64> {
    THREAD_RESULTS.lock().unwrap().clone()
}

/// Panics.
pub fn boom() -> i64 {
    panic!("boom")
}

pub mod geo {
    //! A submodule: its functions read the module state too.

    use super::Point;

    /// The point (1, 1).
    pub fn unit() -> Point {
        Point::new(1, 1)
    }
}
