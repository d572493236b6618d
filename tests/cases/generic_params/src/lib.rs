//! Generic parameters bound without curation: the bounds of MAPPING's table.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::path::{Path, PathBuf};

/// A 2D point.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

impl From<(i64, i64)> for Point {
    fn from((x, y): (i64, i64)) -> Point {
        Point { x, y }
    }
}

/// Greets `name` (`impl AsRef<str>`).
pub fn greet(name: impl AsRef<str>) -> String {
    format!("hello {}", name.as_ref())
}

/// Shouts `s` (a named `S: AsRef<str>`).
pub fn shout<S: AsRef<str>>(s: S) -> String {
    s.as_ref().to_uppercase()
}

/// Owns `s` (`impl Into<String>`).
pub fn own(s: impl Into<String>) -> String {
    let mut s: String = s.into();
    s.push('!');
    s
}

/// Labels `v` (`impl ToString`).
pub fn label(v: impl ToString) -> String {
    format!("<{}>", v.to_string())
}

/// Shows `v` (a `where` clause: `T: Display`).
pub fn show<T>(v: T) -> String
where
    T: Display,
{
    format!("[{v}]")
}

/// The length of a `?Sized` string parameter behind a reference.
pub fn str_len<S: AsRef<str> + ?Sized>(s: &S) -> usize {
    s.as_ref().len()
}

/// Sums bytes (`impl AsRef<[u8]>`).
pub fn byte_sum(data: impl AsRef<[u8]>) -> u64 {
    data.as_ref().iter().map(|b| *b as u64).sum()
}

/// Reverses bytes (`impl Into<Vec<u8>>`).
pub fn reversed(data: impl Into<Vec<u8>>) -> Vec<u8> {
    let mut v: Vec<u8> = data.into();
    v.reverse();
    v
}

/// The file name of a path (`impl AsRef<Path>`).
pub fn file_name(p: impl AsRef<Path>) -> Option<String> {
    p.as_ref()
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
}

/// Joins `base` and `rest` (`impl Into<PathBuf>`, named `P: AsRef<Path>`).
pub fn join<P: AsRef<Path>>(base: impl Into<PathBuf>, rest: P) -> PathBuf {
    base.into().join(rest)
}

/// Sums numbers (`impl IntoIterator<Item = u32>`).
pub fn total(xs: impl IntoIterator<Item = u32>) -> u32 {
    xs.into_iter().sum()
}

/// Counts the bytes of many patterns (nested: `I: IntoIterator<Item = P>, P: AsRef<[u8]>`).
pub fn pattern_bytes<I, P>(patterns: I) -> usize
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    patterns.into_iter().map(|p| p.as_ref().len()).sum()
}

/// Joins words (`I: IntoIterator<Item = S>, S: Into<String>`).
pub fn words<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

/// The norm of a point given as anything that converts (`impl Into<Point>`).
pub fn norm1(p: impl Into<Point>) -> i64 {
    let p = p.into();
    p.x.abs() + p.y.abs()
}

/// Sums points (`impl IntoIterator<Item = Point>`).
pub fn sum_points(points: impl IntoIterator<Item = Point>) -> Point {
    points.into_iter().fold(Point { x: 0, y: 0 }, |a, b| Point {
        x: a.x + b.x,
        y: a.y + b.y,
    })
}

/// A borrowed view that is not a class, made from `&[u8]` or `&str`.
pub struct Haystack<'h> {
    bytes: &'h [u8],
}

impl<'h, H: ?Sized + AsRef<[u8]>> From<&'h H> for Haystack<'h> {
    fn from(h: &'h H) -> Haystack<'h> {
        Haystack { bytes: h.as_ref() }
    }
}

/// Counts `b'a'` in a haystack (`I: Into<Haystack<'h>>`: the crate converts from `&H`).
pub fn count_a<'h, I: Into<Haystack<'h>>>(input: I) -> usize {
    input.into().bytes.iter().filter(|b| **b == b'a').count()
}

/// A bag of words.
#[derive(Clone, Debug, Default)]
pub struct Bag {
    words: BTreeMap<String, u32>,
}

impl Bag {
    /// A bag of these words (a constructor taking `impl IntoIterator<Item = impl Into<String>>`
    /// spelled with named parameters).
    pub fn new<I, S>(words: I) -> Bag
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut bag = Bag::default();
        for w in words {
            *bag.words.entry(w.into()).or_default() += 1;
        }
        bag
    }

    /// Adds a word (`impl AsRef<str>` on a method).
    pub fn add(&mut self, word: impl AsRef<str>) {
        *self.words.entry(word.as_ref().to_string()).or_default() += 1;
    }

    /// How often `word` is in the bag (named `S: AsRef<str>`).
    pub fn count<S: AsRef<str>>(&self, word: S) -> u32 {
        self.words.get(word.as_ref()).copied().unwrap_or(0)
    }

    /// Adds every word (`impl IntoIterator<Item = T>`, `T: Display`).
    pub fn extend<T: Display>(&mut self, items: impl IntoIterator<Item = T>) {
        for i in items {
            self.add(i.to_string());
        }
    }

    /// The number of distinct words whose bytes appear in `data` (`impl AsRef<[u8]>`).
    pub fn found_in(&self, data: impl AsRef<[u8]>) -> usize {
        let data = data.as_ref();
        self.words
            .keys()
            .filter(|w| data.windows(w.len().max(1)).any(|x| x == w.as_bytes()))
            .count()
    }

    /// Saves under a directory (`impl AsRef<Path>`): returns the file path.
    pub fn path_in(&self, dir: impl AsRef<Path>) -> PathBuf {
        dir.as_ref().join("bag.txt")
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the bag is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Moves the bag by a point (`impl Into<Point>` on a method).
    pub fn weight(&self, p: impl Into<Point>) -> i64 {
        let p = p.into();
        (p.x + p.y) * self.words.len() as i64
    }
}

/// A generic struct used with concrete arguments in the crate's own signatures.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged<T> {
    pub value: T,
}

impl<T: Clone> Tagged<T> {
    /// The value.
    pub fn get(&self) -> T {
        self.value.clone()
    }
}

/// A `Tagged<i64>` (the `DateTime<Utc>`-like case).
pub fn tagged(value: i64) -> Tagged<i64> {
    Tagged { value }
}

/// A callable (`impl Fn`): any Python callable (the callbacks case has the rest).
pub fn apply(f: impl Fn(i64) -> i64, x: i64) -> i64 {
    f(x)
}

/// A crate trait: Python objects implement it (the trait_objects case has the rest).
pub trait Shape {
    fn area(&self) -> f64;
}

/// A crate trait's bound: any object with its methods.
pub fn area_of(s: impl Shape) -> f64 {
    s.area()
}

/// Not in the table: two bounds asking for different types.
pub fn both<T: AsRef<str> + Into<Vec<u8>> + Copy>(t: T) -> usize {
    t.as_ref().len()
}

/// A `Tagged<PathBuf>`: a second instantiation, with a std type outside the prelude.
pub fn tagged_path(value: PathBuf) -> Tagged<PathBuf> {
    Tagged { value }
}

/// A key into a [`Row`]: a position or a column name. A trait of the crate,
/// implemented for `usize`, `str`, `String` and `&T` (the shape of
/// serde_json's `Index`).
pub trait Key {
    #[doc(hidden)]
    fn find(&self, row: &Row) -> Option<i64>;
}

impl Key for usize {
    fn find(&self, row: &Row) -> Option<i64> {
        row.values.get(*self).copied()
    }
}

impl Key for str {
    fn find(&self, row: &Row) -> Option<i64> {
        let at = row.names.iter().position(|n| n == self)?;
        row.values.get(at).copied()
    }
}

impl Key for String {
    fn find(&self, row: &Row) -> Option<i64> {
        Key::find(self.as_str(), row)
    }
}

impl<T: Key + ?Sized> Key for &T {
    fn find(&self, row: &Row) -> Option<i64> {
        (**self).find(row)
    }
}

/// Numbers with column names.
pub struct Row {
    names: Vec<String>,
    values: Vec<i64>,
}

impl Row {
    /// A row of `names` and their `values`.
    pub fn new(names: Vec<String>, values: Vec<i64>) -> Row {
        Row { names, values }
    }

    /// The value at a position or under a column name (`K: Key`, a trait of
    /// the crate: one overload per implementor).
    pub fn get<K: Key>(&self, key: K) -> Option<i64> {
        key.find(self)
    }
}

/// `row[key]`: a generic impl whose parameter is bounded by a trait of the
/// crate, bound once per implementor (`usize`, `String`).
impl<K: Key> std::ops::Index<K> for Row {
    type Output = i64;

    fn index(&self, key: K) -> &i64 {
        let at = match key.find(self) {
            Some(_) => self.values.iter().position(|v| Some(*v) == key.find(self)),
            None => None,
        };
        &self.values[at.expect("no such key")]
    }
}
