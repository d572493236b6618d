//! Values stored in their Python objects: `Clone` structs (no `Box`), views
//! into them, lending them to callables, pinning them for the program, the
//! structs rustc's layout keeps boxed (zero-sized, over-aligned), and values
//! with a `Drop` dropped in place exactly once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A point: `Copy`, so stored in its object.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Pt {
    pub x: i64,
    pub y: i64,
}

impl Pt {
    pub fn new(x: i64, y: i64) -> Pt {
        Pt { x, y }
    }

    /// Moves the point by `dx`.
    pub fn shift(&mut self, dx: i64) {
        self.x += dx;
    }

    /// A copy moved by `dx` (`self` by value: a copy, the object keeps its own).
    pub fn shifted(self, dx: i64) -> Pt {
        Pt { x: self.x + dx, y: self.y }
    }

    /// Where the value lives, to tell a view's value from a copy.
    pub fn address(&self) -> usize {
        self as *const Pt as usize
    }

    /// Calls `f` with x while the point is borrowed exclusively (`f` borrowed
    /// for the call only: the crate keeps no callable, so calls that give
    /// none only check their object's borrow).
    pub fn visit(&mut self, mut f: impl FnMut(i64)) {
        f(self.x);
        self.x += 1;
    }

    /// Calls `f` while the point is borrowed shared.
    pub fn peek(&self, f: &dyn Fn(i64)) {
        f(self.x);
    }
}

impl std::ops::Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt { x: self.x + o.x, y: self.y + o.y }
    }
}

/// Two points and a list of them, all in the object: views point into it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seg {
    pts: [Pt; 3],
}

impl Seg {
    pub fn new(a: Pt, b: Pt) -> Seg {
        Seg { pts: [a, b, Pt { x: 0, y: 0 }] }
    }

    /// The first point, a view into the segment.
    pub fn start(&self) -> &Pt {
        &self.pts[0]
    }

    /// The second point, a mutable view into the segment.
    pub fn end_mut(&mut self) -> &mut Pt {
        &mut self.pts[1]
    }

    /// Every point, a sequence view into the segment.
    pub fn points(&self) -> &[Pt] {
        &self.pts
    }

    /// The sum of the coordinates.
    pub fn total(&self) -> i64 {
        self.pts.iter().map(|p| p.x + p.y).sum()
    }

    /// Where the value lives.
    pub fn address(&self) -> usize {
        self as *const Seg as usize
    }
}

/// The x of `p` by value: a copy of the object's value.
pub fn x_of(p: Pt) -> i64 {
    p.x
}

/// Lets `f` change each point in place (`impl FnMut(&mut Pt)`): the object
/// handed to `f` is Rust's value itself, not a copy.
pub fn edit_all(mut points: Vec<Pt>, mut f: impl FnMut(&mut Pt)) -> Vec<Pt> {
    for p in &mut points {
        f(p);
    }
    points
}

static KEPT: Mutex<Vec<&'static Pt>> = Mutex::new(Vec::new());

/// Keeps `p` for the whole program (`&'static Pt`).
pub fn keep(p: &'static Pt) {
    KEPT.lock().unwrap().push(p);
}

/// The sum of the kept points' x, read now.
pub fn kept_total() -> i64 {
    KEPT.lock().unwrap().iter().map(|p| p.x).sum()
}

/// Zero-sized and `Copy`: stays boxed (nothing to store).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Nothing;

impl Nothing {
    pub fn new() -> Nothing {
        Nothing
    }

    /// A result of a method (C lends room for it; Rust boxes it).
    pub fn again(&self) -> Nothing {
        Nothing
    }

    pub fn name(&self) -> String {
        "nothing".to_string()
    }
}

/// Aligned beyond the allocator's blocks and `Copy`: stays boxed, aligned.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(align(64))]
pub struct Wide {
    pub v: u8,
}

impl Wide {
    pub fn new(v: u8) -> Wide {
        Wide { v }
    }

    /// Whether the value sits at a multiple of 64.
    pub fn aligned(&self) -> bool {
        (self as *const Wide as usize) % 64 == 0
    }

    /// A result of a method (C lends room for it; Rust boxes it, aligned).
    pub fn plus(&self, by: u8) -> Wide {
        Wide { v: self.v + by }
    }
}

/// Stored in its object, but larger than the room a call lends for its
/// results: a method's result comes back in a Box and is moved in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Big {
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
    pub e: u64,
    pub f: u64,
    pub g: u64,
    pub h: u64,
    pub i: u64,
}

impl Big {
    /// Every field `v`.
    pub fn filled(v: u64) -> Big {
        Big {
            a: v,
            b: v,
            c: v,
            d: v,
            e: v,
            f: v,
            g: v,
            h: v,
            i: v,
        }
    }

    pub fn sum(&self) -> u64 {
        self.a + self.b + self.c + self.d + self.e + self.f + self.g + self.h + self.i
    }

    /// Whether the value sits in its Python object (after the slot).
    pub fn address(&self) -> usize {
        self as *const Big as usize
    }
}

static DROPS: AtomicUsize = AtomicUsize::new(0);

/// How many `Tracked` and `Heavy` values were dropped so far.
pub fn drops() -> usize {
    DROPS.load(Ordering::SeqCst)
}

/// `Clone` but not `Copy`, with a `Drop`: stored in its object all the same,
/// and dropped there, in place, once.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracked {
    pub id: i64,
    pub label: String,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
        if self.label == "panic" {
            panic!("dropping a Tracked labelled panic");
        }
    }
}

impl Tracked {
    pub fn new(id: i64, label: &str) -> Tracked {
        Tracked { id, label: label.to_string() }
    }

    /// A new value (a method's result: written into the room C lends).
    pub fn next(&self) -> Tracked {
        Tracked { id: self.id + 1, label: format!("{}+", self.label) }
    }

    pub fn relabel(&mut self, label: &str) {
        self.label = label.to_string();
    }

    /// `self` by value: a clone, the object keeps its own.
    pub fn into_label(self) -> String {
        self.label.clone()
    }

    pub fn address(&self) -> usize {
        self as *const Tracked as usize
    }
}

/// The label of `t` by value (a clone, dropped by the call).
pub fn label_of(t: Tracked) -> String {
    t.label.clone()
}

/// Holds a `Tracked`: views of it point into the holder's object.
#[derive(Clone, Debug, PartialEq)]
pub struct Holder {
    inner: Tracked,
}

impl Holder {
    pub fn new(inner: Tracked) -> Holder {
        Holder { inner }
    }

    pub fn inner_mut(&mut self) -> &mut Tracked {
        &mut self.inner
    }

    pub fn label(&self) -> String {
        self.inner.label.clone()
    }

    pub fn address(&self) -> usize {
        self as *const Holder as usize
    }
}

/// `Clone`, larger than a call's room (112 bytes): results come back boxed
/// and move into their objects.
#[derive(Clone, Debug, PartialEq)]
pub struct Heavy {
    pub words: [u64; 11],
    pub name: String,
}

impl Drop for Heavy {
    fn drop(&mut self) {
        DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

impl Heavy {
    pub fn named(name: &str) -> Heavy {
        Heavy { words: [7; 11], name: name.to_string() }
    }

    pub fn renamed(&self, name: &str) -> Heavy {
        Heavy { words: self.words, name: name.to_string() }
    }

    pub fn total(&self) -> u64 {
        self.words.iter().sum()
    }

    pub fn address(&self) -> usize {
        self as *const Heavy as usize
    }
}

/// Made from its fields (it has no `new`): the value is written into the
/// room C lends the constructor, then into its object.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub name: String,
    pub rank: u32,
}

impl Named {
    pub fn address(&self) -> usize {
        self as *const Named as usize
    }
}

/// Made by `Default` only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    level: u8,
    tags: Vec<String>,
}

impl Settings {
    pub fn level(&self) -> u8 {
        self.level
    }

    pub fn tag(&mut self, tag: &str) -> usize {
        self.tags.push(tag.to_string());
        self.tags.len()
    }

    pub fn address(&self) -> usize {
        self as *const Settings as usize
    }
}
