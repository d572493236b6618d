//! Collections of other items: lists of strings, tuples, options, classes and
//! nested vectors; maps as dicts and sets as sets.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

// ---- constants ----

/// The names of the two phases.
pub const NAMES: [&str; 2] = ["alpha", "beta"];

// ---- strings ----

/// `words` joined with `sep` between them.
pub fn join(words: &[String], sep: &str) -> String {
    words.join(sep)
}

/// `words` joined with single spaces.
pub fn join_strs(words: Vec<&str>) -> String {
    words.join(" ")
}

/// The whitespace-separated words of `text`.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Each word upper-cased.
pub fn shout(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| w.to_uppercase()).collect()
}

/// The characters of `s`.
pub fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// The characters put together.
pub fn from_chars(cs: Vec<char>) -> String {
    cs.into_iter().collect()
}

/// The longest word, the first of those as long; nothing for no words.
#[allow(clippy::ptr_arg)]
pub fn longest(words: &Vec<String>) -> Option<String> {
    let mut best: Option<&String> = None;
    for w in words {
        if best.is_none_or(|b| w.chars().count() > b.chars().count()) {
            best = Some(w);
        }
    }
    best.cloned()
}

/// `["x", "y"]` when `flag` is set, else nothing.
pub fn opt_list(flag: bool) -> Option<Vec<String>> {
    if flag {
        Some(vec![String::from("x"), String::from("y")])
    } else {
        None
    }
}

/// How many words there are; none counts as zero.
pub fn count_opt(words: Option<Vec<String>>) -> usize {
    words.map_or(0, |w| w.len())
}

// ---- tuples ----

/// Three labelled numbers.
pub fn pairs() -> Vec<(String, u32)> {
    vec![
        (String::from("a"), 1),
        (String::from("b"), 2),
        (String::from("c"), 3),
    ]
}

/// The sum of the numbers of the pairs.
pub fn pair_total(ps: &[(String, u32)]) -> u32 {
    ps.iter().map(|(_, n)| n).sum()
}

/// Labels and their values, side by side.
pub fn labelled() -> (Vec<String>, Vec<f64>) {
    (vec![String::from("a"), String::from("b")], vec![1.0, 2.0])
}

// ---- options ----

/// The sum of the numbers that are there.
pub fn maybe_items(v: Vec<Option<i32>>) -> i32 {
    v.into_iter().flatten().sum()
}

/// `n` slots: the even ones hold their index, the odd ones nothing.
pub fn maybe_list(n: usize) -> Vec<Option<i32>> {
    (0..n as i32)
        .map(|i| if i % 2 == 0 { Some(i) } else { None })
        .collect()
}

// ---- nested ----

/// `n` rows, row `k` counting from 0 to `k`.
pub fn nested(n: usize) -> Vec<Vec<i32>> {
    (1..=n as i32).map(|k| (0..k).collect()).collect()
}

/// The sum of all the numbers of all the rows.
pub fn sum_nested(v: Vec<Vec<i32>>) -> i32 {
    v.iter().flatten().sum()
}

/// Two rows of words.
pub fn word_rows() -> Vec<Vec<String>> {
    vec![
        vec![String::from("a"), String::from("b")],
        vec![String::from("c")],
    ]
}

// ---- maps ----

/// How often each whitespace-separated word occurs in `text`.
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Values to keys; of keys with the same value, the greatest wins.
pub fn invert(m: BTreeMap<String, u32>) -> BTreeMap<u32, String> {
    m.into_iter().map(|(k, v)| (v, k)).collect()
}

/// Numbers grouped under labels.
pub fn grouped() -> HashMap<String, Vec<f64>> {
    let mut m = HashMap::new();
    m.insert(String::from("a"), vec![1.0, 2.0]);
    m.insert(String::from("b"), vec![3.5]);
    m
}

/// The sum of each group.
pub fn totals(m: HashMap<String, Vec<f64>>) -> BTreeMap<String, f64> {
    m.into_iter().map(|(k, v)| (k, v.iter().sum())).collect()
}

/// The words under their first letter.
pub fn index(words: Vec<String>) -> BTreeMap<char, BTreeSet<String>> {
    let mut m: BTreeMap<char, BTreeSet<String>> = BTreeMap::new();
    for w in words {
        if let Some(c) = w.chars().next() {
            m.entry(c).or_default().insert(w);
        }
    }
    m
}

/// The products `i * j` for `i` and `j` below `n`, keyed by `(i, j)`.
pub fn grid(n: i32) -> HashMap<(i32, i32), i32> {
    let mut m = HashMap::new();
    for i in 0..n {
        for j in 0..n {
            m.insert((i, j), i * j);
        }
    }
    m
}

/// Two records of named numbers.
pub fn records() -> Vec<HashMap<String, i32>> {
    (1..=2)
        .map(|i| {
            let mut r = HashMap::new();
            r.insert(String::from("id"), i);
            r.insert(String::from("score"), i * 10);
            r
        })
        .collect()
}

/// The number under `key`, if there is one.
pub fn lookup(m: &HashMap<String, i32>, key: &str) -> Option<i32> {
    m.get(key).copied()
}

// ---- sets ----

/// The distinct words.
pub fn unique(words: Vec<String>) -> HashSet<String> {
    words.into_iter().collect()
}

/// The words in sorted order.
pub fn sorted(words: HashSet<String>) -> Vec<String> {
    let mut v: Vec<String> = words.into_iter().collect();
    v.sort();
    v
}

/// The distinct characters of `s`.
pub fn letters(s: &str) -> BTreeSet<char> {
    s.chars().collect()
}

/// The numbers in both `a` and `b`.
pub fn common(a: HashSet<i32>, b: HashSet<i32>) -> BTreeSet<i32> {
    a.intersection(&b).copied().collect()
}

/// The numbers in increasing order.
pub fn sorted_ints(xs: BTreeSet<i64>) -> Vec<i64> {
    xs.into_iter().collect()
}

// ---- classes ----

/// A point in the plane.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The horizontal coordinate.
    pub x: f64,
    /// The vertical coordinate.
    pub y: f64,
}

/// The mean of the points; the origin for no points.
pub fn centroid(points: &[Point]) -> Point {
    if points.is_empty() {
        return Point { x: 0.0, y: 0.0 };
    }
    let n = points.len() as f64;
    Point {
        x: points.iter().map(|p| p.x).sum::<f64>() / n,
        y: points.iter().map(|p| p.y).sum::<f64>() / n,
    }
}

/// `n` points on the line `y = 2x`, at `x = 0, 1, ...`.
pub fn points(n: usize) -> Vec<Point> {
    (0..n)
        .map(|i| Point {
            x: i as f64,
            y: 2.0 * i as f64,
        })
        .collect()
}

/// The points moved right by `dx`.
pub fn shift_all(points: Vec<Point>, dx: f64) -> Vec<Point> {
    points
        .into_iter()
        .map(|p| Point {
            x: p.x + dx,
            y: p.y,
        })
        .collect()
}

/// The corners of the unit square, by name.
pub fn corners() -> BTreeMap<String, Point> {
    let mut m = BTreeMap::new();
    m.insert(String::from("origin"), Point { x: 0.0, y: 0.0 });
    m.insert(String::from("far"), Point { x: 1.0, y: 1.0 });
    m
}

/// A post with a title, tags and notes.
#[derive(Clone, Debug)]
pub struct Post {
    /// The title.
    pub title: String,
    /// The tags, in the order they were added.
    pub tags: Vec<String>,
    /// Free-form notes by key.
    pub meta: BTreeMap<String, String>,
}

impl Post {
    /// A post without tags or notes.
    pub fn new(title: &str) -> Self {
        Post {
            title: title.to_string(),
            tags: Vec::new(),
            meta: BTreeMap::new(),
        }
    }

    /// Adds a tag at the end.
    pub fn add_tag(&mut self, tag: &str) {
        self.tags.push(tag.to_string());
    }

    /// How many tags there are.
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    /// The tags joined with commas.
    pub fn tag_line(&self) -> String {
        self.tags.join(",")
    }

    /// How many notes there are.
    pub fn note_count(&self) -> usize {
        self.meta.len()
    }
}
