//! Results that borrow but are plain values: copied into Python values.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A static greeting.
pub fn greeting() -> &'static str {
    "hello"
}

/// The bytes of a static string.
pub fn magic() -> &'static [u8] {
    b"\x00rsbind\xff"
}

/// The first word of `s`, borrowed from it.
pub fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// The first word of `s`, if there is one.
pub fn maybe_first_word(s: &str) -> Option<&str> {
    s.split_whitespace().next()
}

/// The words of `s`.
pub fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The first `n` bytes of `data`.
pub fn prefix(data: &[u8], n: usize) -> &[u8] {
    &data[..n.min(data.len())]
}

/// The bytes after the first zero byte.
pub fn after_nul(data: &[u8]) -> Option<&[u8]> {
    data.iter().position(|b| *b == 0).map(|i| &data[i + 1..])
}

/// The largest number of `xs`.
pub fn largest(xs: &[i64]) -> Option<&i64> {
    xs.iter().max()
}

/// The numbers of `xs` from `start` on.
pub fn tail(xs: &[f64], start: usize) -> &[f64] {
    &xs[start.min(xs.len())..]
}

/// The file name of `p`.
pub fn file_name_of(p: &Path) -> Option<&std::ffi::OsStr> {
    p.file_name()
}

/// The parent folder of `p`.
pub fn parent_of(p: &Path) -> Option<&Path> {
    p.parent()
}

/// A fixed list of names.
pub fn names() -> &'static [&'static str] {
    &["ann", "bob"]
}

/// A unit of measure: its names are static strings.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The symbol, such as `m`.
    pub symbol: &'static str,
    /// How many base units it is.
    pub factor: f64,
}

impl Unit {
    /// The metre.
    pub fn metre() -> Unit {
        Unit { symbol: "m", factor: 1.0 }
    }

    /// The symbol, borrowed.
    pub fn short(&self) -> &'static str {
        self.symbol
    }
}

/// A label: built empty, its text only read.
#[derive(Clone, Debug, Default)]
pub struct Label {
    /// The text, static.
    pub text: &'static str,
    /// Static bytes.
    pub raw: &'static [u8],
    /// Static names, if any.
    pub aliases: Option<&'static [&'static str]>,
    /// The size, which Python may set.
    pub size: u32,
}

impl Label {
    /// The label for `size`.
    pub fn sized(size: u32) -> Label {
        Label { text: if size > 10 { "big" } else { "small" }, raw: b"\x01\x02", aliases: Some(&["x", "y"]), size }
    }
}

/// A record that hands out borrows of its data.
#[derive(Clone, Debug, Default)]
pub struct Record {
    name: String,
    tags: Vec<String>,
    data: Vec<u8>,
    scores: Vec<i64>,
    weights: Vec<f64>,
    flag: bool,
    letter: char,
    home: PathBuf,
    note: Option<String>,
    pair: (i64, String),
    corners: [i32; 3],
    code: Box<str>,
    chunks: Vec<Vec<u8>>,
    counts: HashMap<String, i64>,
}

impl Record {
    /// A new record.
    pub fn new(name: &str) -> Record {
        Record {
            name: name.to_string(),
            tags: vec!["a".into(), "bc".into()],
            data: vec![1, 2, 3],
            scores: vec![10, 20, 30],
            weights: vec![0.5, 1.5],
            flag: true,
            letter: 'é',
            home: PathBuf::from("/tmp/home"),
            note: None,
            pair: (7, "seven".into()),
            corners: [1, 2, 3],
            code: "X1".into(),
            chunks: vec![vec![1, 2], vec![]],
            counts: [("k".to_string(), 5)].into_iter().collect(),
        }
    }

    /// The name, as `&str`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name, as `&String`.
    pub fn name_string(&self) -> &String {
        &self.name
    }

    /// The note, if set.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The note, as `Option<&String>`.
    pub fn note_string(&self) -> Option<&String> {
        self.note.as_ref()
    }

    /// Sets the note.
    pub fn set_note(&mut self, note: &str) {
        self.note = Some(note.to_string());
    }

    /// The tags, borrowed.
    pub fn tags(&self) -> Vec<&str> {
        self.tags.iter().map(String::as_str).collect()
    }

    /// The tags, as `&[String]`.
    pub fn tag_slice(&self) -> &[String] {
        &self.tags
    }

    /// The tags, as `&Vec<String>`.
    pub fn tag_vec(&self) -> &Vec<String> {
        &self.tags
    }

    /// The tag at `i`, if there is one.
    pub fn tag(&self, i: usize) -> Option<&String> {
        self.tags.get(i)
    }

    /// The tag at `i`, as `Option<&str>`.
    pub fn tag_str(&self, i: usize) -> Option<&str> {
        self.tags.get(i).map(String::as_str)
    }

    /// The data, as bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The data, as `&Vec<u8>`.
    pub fn data_vec(&self) -> &Vec<u8> {
        &self.data
    }

    /// The scores.
    pub fn scores(&self) -> &[i64] {
        &self.scores
    }

    /// The scores, as `&Vec<i64>`.
    pub fn scores_vec(&self) -> &Vec<i64> {
        &self.scores
    }

    /// The weights.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The score at `i`.
    pub fn score(&self, i: usize) -> Option<&i64> {
        self.scores.get(i)
    }

    /// The first score.
    pub fn first_score(&self) -> &i64 {
        &self.scores[0]
    }

    /// The weight at `i`.
    pub fn weight(&self, i: usize) -> Option<&f64> {
        self.weights.get(i)
    }

    /// The flag.
    pub fn flag(&self) -> &bool {
        &self.flag
    }

    /// The letter.
    pub fn letter(&self) -> &char {
        &self.letter
    }

    /// The home folder, as `&Path`.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The home folder, as `&PathBuf`.
    pub fn home_buf(&self) -> &PathBuf {
        &self.home
    }

    /// The name and its first tag.
    pub fn pair(&self) -> (&str, Option<&str>) {
        (&self.name, self.tags.first().map(String::as_str))
    }

    /// The note, as `&Option<String>`.
    pub fn note_ref(&self) -> &Option<String> {
        &self.note
    }

    /// A stored pair, as `&(i64, String)`.
    pub fn stored_pair(&self) -> &(i64, String) {
        &self.pair
    }

    /// The corners, as `&[i32; 3]`.
    pub fn corners(&self) -> &[i32; 3] {
        &self.corners
    }

    /// The code, as `&Box<str>`.
    pub fn code(&self) -> &Box<str> {
        &self.code
    }

    /// The scores, if any, as `Option<&[i64]>`.
    pub fn some_scores(&self) -> Option<&[i64]> {
        Some(&self.scores).filter(|s| !s.is_empty()).map(Vec::as_slice)
    }

    /// The scores, as `Option<&Vec<i64>>`.
    pub fn some_scores_vec(&self) -> Option<&Vec<i64>> {
        Some(&self.scores)
    }

    /// The chunks of data, as `Vec<&[u8]>`.
    pub fn chunks(&self) -> Vec<&[u8]> {
        self.chunks.iter().map(Vec::as_slice).collect()
    }

    /// The scores, as `Vec<&i64>`.
    pub fn score_refs(&self) -> Vec<&i64> {
        self.scores.iter().collect()
    }

    /// The tags, as `Vec<&String>`.
    pub fn tag_refs(&self) -> Vec<&String> {
        self.tags.iter().collect()
    }

    /// The home folder, as `Option<&PathBuf>`.
    pub fn some_home(&self) -> Option<&PathBuf> {
        Some(&self.home)
    }

    /// The folders, as `Vec<&Path>`.
    pub fn folders(&self) -> Vec<&Path> {
        self.home.ancestors().collect()
    }

    /// The counts, as `HashMap<&str, &i64>`.
    pub fn counts(&self) -> HashMap<&str, &i64> {
        self.counts.iter().map(|(k, v)| (k.as_str(), v)).collect()
    }

    /// Appends a tag.
    pub fn push_tag(&mut self, tag: &str) {
        self.tags.push(tag.to_string());
    }
}

/// A handle that cannot be copied (not `Clone`).
#[derive(Debug)]
pub struct Handle {
    /// Its number.
    pub id: u32,
}

/// Holds a handle that cannot be copied out.
#[derive(Debug, Default)]
pub struct Holder {
    handle: Option<Handle>,
}

impl Holder {
    /// A holder with a handle.
    pub fn new(id: u32) -> Holder {
        Holder { handle: Some(Handle { id }) }
    }

    /// The handle: not bound, a borrow of a value that is not `Clone` needs a view.
    pub fn handle(&self) -> &Option<Handle> {
        &self.handle
    }

    /// The handle's number, if there is a handle.
    pub fn id(&self) -> Option<&u32> {
        self.handle.as_ref().map(|h| &h.id)
    }
}
