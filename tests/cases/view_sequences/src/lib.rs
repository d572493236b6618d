//! Borrowed sequences of bound values: views of the owner's items, read and
//! written in place (MAPPING: Borrowed results).

/// A point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

impl Point {
    pub fn new(x: i64, y: i64) -> Point {
        Point { x, y }
    }

    /// Moves the point by (dx, dy).
    pub fn shift(&mut self, dx: i64, dy: i64) {
        self.x += dx;
        self.y += dy;
    }
}

/// A label that is not Clone.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
}

impl Tag {
    pub fn rename(&mut self, name: String) {
        self.name = name;
    }
}

/// A shape (not Clone) owning its points and tags.
#[derive(Debug, Default)]
pub struct Shape {
    points: Vec<Point>,
    tags: Vec<Tag>,
    parts: Vec<Shape>,
}

impl Shape {
    pub fn new() -> Shape {
        Shape::default()
    }

    pub fn push(&mut self, x: i64, y: i64) {
        self.points.push(Point { x, y });
    }

    pub fn tag(&mut self, name: String) {
        self.tags.push(Tag { name });
    }

    pub fn add_part(&mut self, part: Shape) {
        self.parts.push(part);
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The points: `&Vec<T>`.
    pub fn points(&self) -> &Vec<Point> {
        &self.points
    }

    /// The points as a slice: `&[T]`.
    pub fn point_slice(&self) -> &[Point] {
        &self.points
    }

    /// The tags (not Clone), or `None` when there are none.
    pub fn tags(&self) -> Option<&Vec<Tag>> {
        if self.tags.is_empty() {
            None
        } else {
            Some(&self.tags)
        }
    }

    /// The points, writable: `&mut Vec<T>`.
    pub fn points_mut(&mut self) -> &mut Vec<Point> {
        &mut self.points
    }

    /// The tags, writable: `&mut [T]`.
    pub fn tags_mut(&mut self) -> &mut [Tag] {
        &mut self.tags
    }

    /// The shapes it is made of: items that have sequences of their own.
    pub fn parts(&self) -> &[Shape] {
        &self.parts
    }

    /// The points, or an error when there are none (`Result<&[T], E>`).
    pub fn nonempty_points(&self) -> Result<&[Point], String> {
        if self.points.is_empty() {
            Err("no points".to_string())
        } else {
            Ok(&self.points)
        }
    }

    /// The sum of the points' x.
    pub fn total_x(&self) -> i64 {
        self.points.iter().map(|p| p.x).sum()
    }

    /// The tags' names, joined by commas.
    pub fn tag_names(&self) -> String {
        self.tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A label kept by a shape, for results that borrow from two objects.
#[derive(Debug)]
pub struct Legend {
    pub title: String,
    pub fallback: Point,
}

impl Legend {
    pub fn new(title: String) -> Legend {
        Legend {
            title,
            fallback: Point { x: 0, y: 0 },
        }
    }

    pub fn retitle(&mut self, title: String) {
        self.title = title;
    }
}

/// Two labels read together: a value with one lifetime tied to two objects.
#[derive(Debug)]
pub struct Caption<'a> {
    shape: &'a Shape,
    legend: &'a Legend,
}

impl<'a> Caption<'a> {
    pub fn text(&self) -> String {
        format!("{} ({} points)", self.legend.title, self.shape.points.len())
    }
}

impl Shape {
    /// The first point, or the legend's fallback point: a view that may
    /// point into `self` or into `legend`.
    pub fn first_or<'a>(&'a self, legend: &'a Legend) -> &'a Point {
        self.points.first().unwrap_or(&legend.fallback)
    }

    /// The points, or the legend's fallback alone: a sequence view of either.
    pub fn points_or<'a>(&'a self, legend: &'a Legend) -> &'a [Point] {
        if self.points.is_empty() {
            std::slice::from_ref(&legend.fallback)
        } else {
            &self.points
        }
    }

    /// A caption of this shape and a legend (elided: it may borrow both).
    pub fn caption<'a>(&'a self, legend: &'a Legend) -> Caption<'a> {
        Caption {
            shape: self,
            legend,
        }
    }
}

/// A caption of a shape and a legend: a free function's result that borrows
/// from both arguments.
pub fn caption_of<'a>(shape: &'a Shape, legend: &'a Legend) -> Caption<'a> {
    Caption { shape, legend }
}

impl Shape {
    /// The points one by one (`std::slice::Iter`): views in place.
    pub fn iter(&self) -> std::slice::Iter<'_, Point> {
        self.points.iter()
    }

    /// The tags one by one, writable (`std::slice::IterMut`).
    pub fn tags_iter_mut(&mut self) -> std::slice::IterMut<'_, Tag> {
        self.tags.iter_mut()
    }
}

/// A fieldless enum (an IntEnum): its members are ints, so a borrowed
/// sequence of them is a list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Dot,
    Cross,
}

/// Marks, borrowed as sequences.
#[derive(Debug)]
pub struct Marks {
    marks: Vec<Mark>,
}

impl Marks {
    pub fn new() -> Marks {
        Marks {
            marks: vec![Mark::Dot, Mark::Cross],
        }
    }

    pub fn all(&self) -> &[Mark] {
        &self.marks
    }

    pub fn all_mut(&mut self) -> &mut Vec<Mark> {
        &mut self.marks
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Mark> {
        self.marks.iter()
    }
}

impl Default for Marks {
    fn default() -> Marks {
        Marks::new()
    }
}
