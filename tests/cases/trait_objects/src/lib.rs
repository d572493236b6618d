//! Python objects as Rust trait objects (MAPPING: Callbacks and traits).

use std::sync::{Arc, Mutex};

/// A shape: Rust's circles and squares, or any Python object with `area`
/// and `scale` (and, if it likes, `name`).
pub trait Shape {
    /// Its area.
    fn area(&self) -> f64;
    /// Scales it by `k` in place.
    fn scale(&mut self, k: f64);
    /// Its name (by default "shape").
    fn name(&self) -> String {
        "shape".to_string()
    }
    /// A line describing it (a default that calls the other methods).
    fn describe(&self) -> String {
        format!("{} of area {:.1}", self.name(), self.area())
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

/// A square (not `Clone`: passed by value, it moves).
#[derive(Debug)]
pub struct Square {
    pub side: f64,
}

impl Square {
    pub fn new(side: f64) -> Square {
        Square { side }
    }
}

impl Shape for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
    fn scale(&mut self, k: f64) {
        self.side *= k;
    }
}

/// The area of any shape (`&dyn Shape`).
pub fn area_of(shape: &dyn Shape) -> f64 {
    shape.area()
}

/// Its description (default methods run when the object lacks them).
pub fn describe(shape: &dyn Shape) -> String {
    shape.describe()
}

/// Scales it and returns the new area (`&mut dyn Shape`: a bound object
/// changes in place).
pub fn grow(shape: &mut dyn Shape, k: f64) -> f64 {
    shape.scale(k);
    shape.area()
}

/// The sum of the areas (`Vec<Box<dyn Shape>>`: Rust and Python shapes mixed).
pub fn total_area(shapes: Vec<Box<dyn Shape>>) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}

/// The names, in order.
pub fn names(shapes: Vec<Box<dyn Shape>>) -> Vec<String> {
    shapes.iter().map(|s| s.name()).collect()
}

/// The area of a boxed shape (`Box<dyn Shape + Send + Sync + 'static>`).
pub fn boxed_area(shape: Box<dyn Shape + Send + Sync + 'static>) -> f64 {
    shape.area()
}

/// The area of a shared shape (`Arc<dyn Shape>`).
pub fn shared_area(shape: Arc<dyn Shape>) -> f64 {
    shape.area()
}

/// The area of a shape if given (`Option<Box<dyn Shape>>`).
pub fn maybe_area(shape: Option<Box<dyn Shape>>) -> f64 {
    shape.map_or(0.0, |s| s.area())
}

/// The area of any shape (`impl Shape`).
pub fn impl_area(shape: impl Shape) -> f64 {
    shape.area()
}

/// Scales a shape it owns, then describes it (a generic `T: Shape + Send`).
pub fn scaled<T: Shape + Send>(mut shape: T, k: f64) -> String {
    shape.scale(k);
    shape.describe()
}

/// The larger area of two shapes (a `where` clause).
pub fn larger<A, B>(a: A, b: B) -> f64
where
    A: Shape,
    B: Shape,
{
    a.area().max(b.area())
}

/// A shape made in Rust (`Box<dyn Shape>` returned): a circle or a square.
pub fn make_shape(round: bool, size: f64) -> Box<dyn Shape> {
    if round {
        Box::new(Circle { r: size })
    } else {
        Box::new(Square { side: size })
    }
}

/// Several shapes, as `Box<dyn Shape + Send>` (Rust's and those passed in).
pub fn with_unit_square(mut shapes: Vec<Box<dyn Shape + Send>>) -> Vec<Box<dyn Shape + Send>> {
    shapes.push(Box::new(Square { side: 1.0 }));
    shapes
}

type Kept = Box<dyn Shape + Send>;

/// Keeps shapes to measure later on a Rust thread of its own.
#[derive(Default)]
pub struct Drawing {
    shapes: Arc<Mutex<Vec<Kept>>>,
    result: Arc<Mutex<Option<f64>>>,
}

impl Drawing {
    pub fn new() -> Drawing {
        Drawing::default()
    }

    /// Keeps `shape` (`Box<dyn Shape + Send>`).
    pub fn add(&mut self, shape: Box<dyn Shape + Send>) {
        self.shapes.lock().unwrap().push(shape);
    }

    /// The total area, now.
    pub fn total(&self) -> f64 {
        self.shapes.lock().unwrap().iter().map(|s| s.area()).sum()
    }

    /// Measures every shape on a new Rust thread, which then drops them
    /// (it never held the GIL); returns at once.
    pub fn measure_in_background(&self) {
        let shapes = std::mem::take(&mut *self.shapes.lock().unwrap());
        let result = Arc::clone(&self.result);
        std::thread::spawn(move || {
            let total = shapes.iter().map(|s| s.area()).sum();
            drop(shapes);
            *result.lock().unwrap() = Some(total);
        });
    }

    /// The background total, once it is there.
    pub fn background_result(&self) -> Option<f64> {
        self.result.lock().unwrap().take()
    }

    /// How many shapes it keeps.
    pub fn len(&self) -> usize {
        self.shapes.lock().unwrap().len()
    }

    /// Whether it keeps none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Makes shapes: a method that returns a trait object (Python's result is
/// converted as a `Box<dyn Shape>` argument is).
pub trait Factory2 {
    /// A shape of the given size.
    fn make(&self, size: f64) -> Box<dyn Shape>;
}

/// The area of what `factory` makes.
pub fn area_made(factory: &dyn Factory2, size: f64) -> f64 {
    factory.make(size).area()
}

/// A visitor over words: arguments of several kinds go to Python.
pub trait Visitor {
    /// Sees one word at its index.
    fn visit(&mut self, word: &str, index: u32);
    /// Whether to go on (by default, always).
    fn keep_going(&self) -> bool {
        true
    }
}

/// Visits the words of `text` until the visitor says stop; how many it saw.
pub fn walk(text: &str, visitor: &mut dyn Visitor) -> u32 {
    let mut n = 0;
    for (i, w) in text.split_whitespace().enumerate() {
        if !visitor.keep_going() {
            break;
        }
        visitor.visit(w, i as u32);
        n += 1;
    }
    n
}

/// A trait with `Send + Sync` supertraits: any object may be one (its
/// holder takes the GIL for each call).
pub trait Clock: Send + Sync {
    /// The time now, in ticks.
    fn now(&self) -> u64;
}

/// Reads `clock` on this thread, then on another Rust thread while this one
/// waits (`&(dyn Clock + Sync)`: the call runs without the GIL).
pub fn ticks_apart(clock: &(dyn Clock + Sync)) -> u64 {
    let first = clock.now();
    let second = std::thread::scope(|s| s.spawn(|| clock.now()).join().unwrap_or(0));
    second.saturating_sub(first)
}

/// The time of a shared clock (`Arc<dyn Clock>`).
pub fn shared_now(clock: Arc<dyn Clock>) -> u64 {
    clock.now()
}

/// Not object safe: skipped.
pub trait Factory {
    fn make() -> Self;
}

/// Generic: skipped.
pub trait Convert<T> {
    fn convert(&self) -> T;
}

/// With an associated type: skipped.
pub trait Container {
    type Item;
    fn first(&self) -> Option<Self::Item>;
}

/// A generic method: skipped.
pub trait Sink {
    fn put<T: ToString>(&self, value: T);
}
