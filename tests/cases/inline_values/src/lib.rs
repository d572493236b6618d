//! Values stored in their Python objects: `Copy` structs (no `Box`), views
//! into them, lending them to callables, pinning them for the program, and
//! the `Copy` structs rustc's layout keeps boxed (zero-sized, over-aligned).

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
