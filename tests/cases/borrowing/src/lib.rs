//! Results that borrow from their arguments and from `self`: types with
//! lifetime parameters (`Match<'h>`, `FindIter<'h, 'a>`), which Python keeps
//! alive through the objects they borrow from.

use std::fmt;

/// Finds a needle in haystacks, like `memchr::memmem::Finder`: it borrows
/// its needle.
#[derive(Clone, Debug)]
pub struct Finder<'n> {
    needle: &'n [u8],
}

impl<'n> Finder<'n> {
    /// A finder of `needle`, which it borrows.
    pub fn new(needle: &'n [u8]) -> Finder<'n> {
        Finder { needle }
    }

    /// The needle, as given.
    pub fn needle(&self) -> &[u8] {
        self.needle
    }

    /// The first position of the needle in `haystack`.
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        find_from(self.needle, haystack, 0)
    }

    /// Every position of the needle in `haystack`, without overlaps.
    pub fn find_iter<'a, 'h>(&'a self, haystack: &'h [u8]) -> FindIter<'h, 'a> {
        FindIter {
            finder: self,
            haystack,
            pos: 0,
        }
    }
}

fn find_from(needle: &[u8], haystack: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The positions of a [`Finder`]'s needle in a haystack.
pub struct FindIter<'h, 'a> {
    finder: &'a Finder<'a>,
    haystack: &'h [u8],
    pos: usize,
}

impl<'h, 'a> FindIter<'h, 'a> {
    /// The haystack being searched.
    pub fn haystack(&self) -> &'h [u8] {
        self.haystack
    }
}

impl Iterator for FindIter<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let at = find_from(self.finder.needle, self.haystack, self.pos)?;
        self.pos = at + self.finder.needle.len();
        Some(at)
    }
}

/// Where a word was found in a text, like `regex::Match<'h>`: it borrows the
/// text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset where the match ends.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }

    /// The whole text the match is in.
    pub fn haystack(&self) -> &'h str {
        self.haystack
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for Match<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word to look for, like a `regex::Regex`.
#[derive(Debug)]
pub struct Pattern {
    word: String,
}

impl Pattern {
    pub fn new(word: &str) -> Pattern {
        Pattern {
            word: word.to_string(),
        }
    }

    /// Looks for another word from now on.
    pub fn set_word(&mut self, word: &str) {
        self.word = word.to_string();
    }

    /// The first match in `haystack`: it borrows `haystack`, not the pattern.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let start = haystack.find(self.word.as_str())?;
        Some(Match {
            haystack,
            start,
            end: start + self.word.len(),
        })
    }

    /// Every match in `haystack`: the iterator borrows both.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        Matches {
            pattern: self,
            haystack,
            pos: 0,
        }
    }
}

/// The matches of a [`Pattern`] in a text.
pub struct Matches<'r, 'h> {
    pattern: &'r Pattern,
    haystack: &'h str,
    pos: usize,
}

impl<'r, 'h> Iterator for Matches<'r, 'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        let word = self.pattern.word.as_str();
        if word.is_empty() || self.pos > self.haystack.len() {
            return None;
        }
        let start = self.haystack[self.pos..].find(word)? + self.pos;
        self.pos = start + word.len();
        Some(Match {
            haystack: self.haystack,
            start,
            end: self.pos,
        })
    }
}

/// A text that hands out matches into itself.
pub struct Document {
    text: String,
}

impl Document {
    pub fn new(text: String) -> Document {
        Document { text }
    }

    /// Appends to the text.
    pub fn push_str(&mut self, more: &str) {
        self.text.push_str(more);
    }

    /// The shorter of the document's text and `other`, whole: `&'h self`
    /// and `&'h str` share the result's lifetime, so it borrows both.
    pub fn shorter<'h>(&'h self, other: &'h str) -> Match<'h> {
        let haystack: &'h str = if self.text.len() <= other.len() {
            &self.text
        } else {
            other
        };
        Match {
            haystack,
            start: 0,
            end: haystack.len(),
        }
    }

    /// The first word: it borrows the document.
    pub fn first_word(&self) -> Option<Match<'_>> {
        let text = self.text.trim_start();
        let start = self.text.len() - text.len();
        let len = text.find(' ').unwrap_or(text.len());
        (len > 0).then(|| Match {
            haystack: &self.text,
            start,
            end: start + len,
        })
    }
}

/// All of `text` as a match: the result borrows the argument.
pub fn whole(text: &str) -> Match<'_> {
    Match {
        haystack: text,
        start: 0,
        end: text.len(),
    }
}

/// A finder of `needle` (a free function's borrowing result).
pub fn finder(needle: &[u8]) -> Finder<'_> {
    Finder::new(needle)
}

/// The length of a match (a borrowing class as an argument).
pub fn match_len(m: &Match<'_>) -> usize {
    m.end - m.start
}

/// A bag of words: iterators over it borrow it (std's iterator types and
/// `impl Iterator`).
#[derive(Debug, Default)]
pub struct Bag {
    words: Vec<String>,
}

impl Bag {
    pub fn new(words: Vec<String>) -> Bag {
        Bag { words }
    }

    /// Adds a word.
    pub fn push(&mut self, word: String) {
        self.words.push(word);
    }

    /// The words, in order (`std::slice::Iter`).
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.words.iter()
    }

    /// Each word's length (`impl Iterator + '_`).
    pub fn lengths(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().map(|w| w.len())
    }

    /// The characters of the first word (`std::str::Chars`).
    pub fn first_chars(&self) -> std::str::Chars<'_> {
        self.words.first().map_or("", |w| w.as_str()).chars()
    }

    /// Takes every word out (`std::vec::Drain`: the bag is borrowed
    /// exclusively while it runs).
    pub fn drain(&mut self) -> std::vec::Drain<'_, String> {
        self.words.drain(..)
    }
}

/// The words of `text` (an iterator borrowing its argument).
pub fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

/// `0..n` (an iterator that borrows nothing).
pub fn count_up(n: u32) -> impl Iterator<Item = u32> {
    0..n
}

/// A set of bytes that is not `Clone`, like percent-encoding's `AsciiSet`:
/// functions take it as `&'static ByteSet`.
#[derive(Debug, PartialEq, Eq)]
pub struct ByteSet {
    bits: [u64; 4],
}

/// The ASCII vowels.
pub const VOWELS: &ByteSet = &ByteSet::EMPTY
    .add(b'a')
    .add(b'e')
    .add(b'i')
    .add(b'o')
    .add(b'u');

impl ByteSet {
    const EMPTY: ByteSet = ByteSet { bits: [0; 4] };

    /// This set and `byte`.
    pub const fn add(&self, byte: u8) -> ByteSet {
        let mut bits = self.bits;
        bits[(byte / 64) as usize] |= 1 << (byte % 64);
        ByteSet { bits }
    }

    /// Adds `byte` to this set.
    pub fn insert(&mut self, byte: u8) {
        self.bits[(byte / 64) as usize] |= 1 << (byte % 64);
    }

    pub fn contains(&self, byte: u8) -> bool {
        self.bits[(byte / 64) as usize] & (1 << (byte % 64)) != 0
    }
}

static REMEMBERED: std::sync::Mutex<Vec<&'static ByteSet>> = std::sync::Mutex::new(Vec::new());

/// How many bytes of `text` are in `set`.
pub fn count_in(text: &str, set: &'static ByteSet) -> usize {
    text.bytes().filter(|b| set.contains(*b)).count()
}

/// Keeps `set` for good (Rust may: it is `'static`).
pub fn remember(set: &'static ByteSet) {
    REMEMBERED.lock().unwrap().push(set);
}

/// Whether some remembered set contains `byte`.
pub fn remembered_contains(byte: u8) -> bool {
    REMEMBERED.lock().unwrap().iter().any(|s| s.contains(byte))
}
