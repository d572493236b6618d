//! Borrowed results of methods: views into their owner (MAPPING: Borrowed results).

/// A point (Clone): its `&Point` results are views, not copies.
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

    pub fn norm1(&self) -> i64 {
        self.x.abs() + self.y.abs()
    }

    /// Consumes a copy (Clone): allowed on a view.
    pub fn into_tuple(self) -> (i64, i64) {
        (self.x, self.y)
    }
}

/// A label that is not Clone.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
}

impl Tag {
    pub fn new(name: String) -> Tag {
        Tag { name }
    }

    pub fn shout(&self) -> String {
        self.name.to_uppercase()
    }

    pub fn rename(&mut self, name: String) {
        self.name = name;
    }

    /// Consumes the tag: a view of one cannot be moved out of its owner.
    pub fn into_name(self) -> String {
        self.name
    }
}

/// A polyline (not Clone) owning its points and tags.
#[derive(Debug, Default)]
pub struct Polyline {
    points: Vec<Point>,
    tags: Vec<Tag>,
}

impl Polyline {
    pub fn new() -> Polyline {
        Polyline::default()
    }

    pub fn push(&mut self, x: i64, y: i64) {
        self.points.push(Point { x, y });
    }

    pub fn tag(&mut self, name: String) {
        self.tags.push(Tag { name });
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Point> {
        self.points.get(i)
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut Point> {
        self.points.get_mut(i)
    }

    /// The point at `i`, or an error naming the length (`Result<&T, E>`).
    pub fn at(&self, i: usize) -> Result<&Point, String> {
        self.points
            .get(i)
            .ok_or_else(|| format!("no point {i} of {}", self.points.len()))
    }

    /// The first point; panics when there is none.
    pub fn first(&self) -> &Point {
        &self.points[0]
    }

    pub fn tag_at(&self, i: usize) -> Option<&Tag> {
        self.tags.get(i)
    }

    pub fn tag_mut(&mut self, i: usize) -> Option<&mut Tag> {
        self.tags.get_mut(i)
    }

    /// Sorts the points by x and gives the first: `&mut self` stays borrowed
    /// as long as the `&Point` lives.
    pub fn sort_and_first(&mut self) -> &Point {
        self.points.sort_by_key(|p| p.x);
        &self.points[0]
    }

    /// The sum of the points' x.
    pub fn total_x(&self) -> i64 {
        self.points.iter().map(|p| p.x).sum()
    }

    /// Consumes the polyline.
    pub fn into_len(self) -> usize {
        self.points.len()
    }
}

/// Polylines, for views of views.
#[derive(Debug, Default)]
pub struct Drawing {
    lines: Vec<Polyline>,
}

impl Drawing {
    pub fn new() -> Drawing {
        Drawing::default()
    }

    pub fn add(&mut self, line: Polyline) {
        self.lines.push(line);
    }

    pub fn line(&self, i: usize) -> Option<&Polyline> {
        self.lines.get(i)
    }

    pub fn line_mut(&mut self, i: usize) -> Option<&mut Polyline> {
        self.lines.get_mut(i)
    }
}

/// A free function returning a borrow keeps copying (no `self` to view).
pub fn origin_of(p: &Point) -> &Point {
    p
}

/// A point's x, by value (a by-value argument of a Clone type).
pub fn x_of(p: Point) -> i64 {
    p.x
}

/// A tag's name, by value (a by-value argument that is not Clone: it moves).
pub fn take_tag(t: Tag) -> String {
    t.name
}
