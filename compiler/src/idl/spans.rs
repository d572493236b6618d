//! Where each value of an interface file sits in its text.
//!
//! serde forgets positions once a RON file is deserialized, but a diagnostic
//! about `items[3].params[1].ty` must point at that type string. This module
//! reads the file's structure once (a small tolerant scanner of RON's syntax:
//! strings, raw strings, comments, brackets, `field:` keys) and answers span
//! queries by value path. It never fails: on text it cannot follow it keeps what
//! it has read.

use std::ops::Range;

/// One step of a value path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

#[derive(Debug, Default)]
struct Node {
    span: Range<usize>,
    /// `field: value` pairs of a struct.
    fields: Vec<(String, Node)>,
    /// Items of a list, a tuple, or a tuple-like struct (`Some(x)`).
    items: Vec<Node>,
}

/// The structure of one interface file's text.
#[derive(Debug)]
pub struct SpanIndex {
    root: Node,
    len: usize,
}

/// How deep the scanner follows nested brackets; deeper groups are one value
/// (read without recursion), so no text can run it off the end of the stack.
const MAX_DEPTH: usize = 256;

impl SpanIndex {
    pub fn new(text: &str) -> SpanIndex {
        let mut tokens = tokenize(text);
        tokens.retain(|(t, _)| *t != Tok::Comment);
        let mut parser = Scanner {
            tokens: &tokens,
            pos: 0,
            depth: 0,
        };
        let root = parser.value().unwrap_or_default();
        SpanIndex {
            root,
            len: text.len(),
        }
    }

    /// The span of the value at `path`, or of its nearest ancestor found in the text.
    pub fn span(&self, path: &[Step]) -> Range<usize> {
        let mut node = &self.root;
        for step in path {
            // `Some(x)` and newtype wrappers are transparent.
            while node.fields.is_empty() && node.items.len() == 1 && !matches!(step, Step::Index(_))
            {
                node = &node.items[0];
            }
            let next = match step {
                Step::Field(name) => node.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
                Step::Index(i) => node.items.get(*i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        if node.span.is_empty() && self.len == 0 {
            0..0
        } else {
            node.span.clone()
        }
    }

    /// The spans of the entries of the list at `path` (empty when there is none).
    pub fn entries(&self, path: &[Step]) -> Vec<Range<usize>> {
        let mut node = &self.root;
        for step in path {
            let next = match step {
                Step::Field(name) => node.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
                Step::Index(i) => node.items.get(*i),
            };
            match next {
                Some(n) => node = n,
                None => return Vec::new(),
            }
        }
        node.items.iter().map(|n| n.span.clone()).collect()
    }
}

/// Whether every bracket of the RON text (outside strings and comments) is closed
/// by its own kind, in order: only then does [`SpanIndex`] read the file's
/// structure as RON does.
pub fn balanced(text: &str) -> bool {
    let mut open = Vec::new();
    for (tok, _) in tokenize(text) {
        match tok {
            Tok::Open(c) => open.push(c),
            Tok::Close(c) => {
                let want = match open.pop() {
                    Some('(') => ')',
                    Some('[') => ']',
                    Some(_) => '}',
                    None => return false,
                };
                if c != want {
                    return false;
                }
            }
            _ => {}
        }
    }
    open.is_empty()
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Ident(String),
    /// Strings, numbers, chars: anything that is one value.
    Atom,
    /// `// ..` (without its line end) or `/* .. */`.
    Comment,
}

/// Where the comments of a RON text are: the one lexer of the interface file,
/// so comments and values never disagree about what is inside a string.
pub fn comment_ranges(text: &str) -> Vec<Range<usize>> {
    tokenize(text)
        .into_iter()
        .filter(|(t, _)| *t == Tok::Comment)
        .map(|(_, r)| r)
        .collect()
}

/// The RON text's tokens with their byte ranges. Over 100 lines because it is
/// the lexer's one loop, a branch per token kind, read top to bottom.
fn tokenize(text: &str) -> Vec<(Tok, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                let end = if i > start && bytes[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                out.push((Tok::Comment, start..end));
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push((Tok::Comment, start..i.min(bytes.len())));
            }
            b'#' if bytes.get(i + 1) == Some(&b'!') => {
                // `#![enable(...)]` extension attributes: skip to the closing `]`.
                while i < bytes.len() && bytes[i] != b']' {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                out.push((Tok::Open(c as char), start..i + 1));
                i += 1;
            }
            b')' | b']' | b'}' => {
                out.push((Tok::Close(c as char), start..i + 1));
                i += 1;
            }
            b',' => {
                out.push((Tok::Comma, start..i + 1));
                i += 1;
            }
            b':' => {
                out.push((Tok::Colon, start..i + 1));
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push((Tok::Atom, start..i));
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                let mut hashes = 0;
                i += 1;
                while bytes.get(i) == Some(&b'#') {
                    hashes += 1;
                    i += 1;
                }
                i += 1;
                let closing: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while i < bytes.len() && !bytes[i..].starts_with(&closing) {
                    i += 1;
                }
                i = (i + closing.len()).min(bytes.len());
                out.push((Tok::Atom, start..i));
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push((Tok::Atom, start..i));
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((Tok::Ident(text[start..i].to_string()), start..i));
            }
            _ => {
                // Numbers and anything unexpected: one atom up to a delimiter.
                i += 1;
                let comment_starts =
                    |i: usize| bytes[i] == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
                while i < bytes.len()
                    && !b" \t\r\n,:()[]{}\"".contains(&bytes[i])
                    && !comment_starts(i)
                {
                    i += 1;
                }
                out.push((Tok::Atom, start..i));
            }
        }
    }
    out
}

struct Scanner<'t> {
    tokens: &'t [(Tok, Range<usize>)],
    pos: usize,
    /// Groups open around `pos`.
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + ahead).map(|(t, _)| t)
    }

    fn value(&mut self) -> Option<Node> {
        let (tok, span) = self.tokens.get(self.pos)?.clone();
        match tok {
            Tok::Ident(_) => {
                self.pos += 1;
                if let Some(Tok::Open('(')) = self.peek(0) {
                    let mut node = self.group(')')?;
                    node.span.start = span.start;
                    Some(node)
                } else {
                    Some(Node {
                        span,
                        ..Node::default()
                    })
                }
            }
            Tok::Open(c) => {
                let close = match c {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                self.group(close)
            }
            Tok::Atom => {
                self.pos += 1;
                Some(Node {
                    span,
                    ..Node::default()
                })
            }
            _ => None,
        }
    }

    /// Reads `( ... )` / `[ ... ]` / `{ ... }` starting at the opening token.
    fn group(&mut self, close: char) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return self.skip_group();
        }
        self.depth += 1;
        let node = self.group_inner(close);
        self.depth -= 1;
        node
    }

    /// A group too deep to follow: one value spanning it, read with a counter.
    fn skip_group(&mut self) -> Option<Node> {
        let start = self.tokens.get(self.pos)?.1.start;
        let mut open = 0usize;
        while let Some((tok, span)) = self.tokens.get(self.pos) {
            self.pos += 1;
            match tok {
                Tok::Open(_) => open += 1,
                Tok::Close(_) => {
                    open -= 1;
                    if open == 0 {
                        return Some(Node {
                            span: start..span.end,
                            ..Node::default()
                        });
                    }
                }
                _ => {}
            }
        }
        let end = self.tokens.last().map(|t| t.1.end).unwrap_or(start);
        Some(Node {
            span: start..end,
            ..Node::default()
        })
    }

    fn group_inner(&mut self, close: char) -> Option<Node> {
        let start = self.tokens.get(self.pos)?.1.start;
        self.pos += 1;
        let mut node = Node::default();
        loop {
            match self.peek(0) {
                None => {
                    node.span = start..self.tokens.last().map(|t| t.1.end).unwrap_or(start);
                    return Some(node);
                }
                Some(Tok::Close(_)) => {
                    let end = self.tokens[self.pos].1.end;
                    self.pos += 1;
                    node.span = start..end;
                    let _ = close;
                    return Some(node);
                }
                Some(Tok::Comma) => self.pos += 1,
                Some(Tok::Ident(name)) if self.peek(1) == Some(&Tok::Colon) && close != '}' => {
                    let name = name.clone();
                    self.pos += 2;
                    let value = self.value().unwrap_or_default();
                    node.fields.push((name, value));
                }
                Some(_) => {
                    let before = self.pos;
                    match self.value() {
                        Some(v) => {
                            // Map entries `key: value` keep the value.
                            if self.peek(0) == Some(&Tok::Colon) {
                                self.pos += 1;
                                let v2 = self.value().unwrap_or_default();
                                node.items.push(v2);
                            } else {
                                node.items.push(v);
                            }
                        }
                        None => {
                            if self.pos == before {
                                self.pos += 1;
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_text_is_read_without_overflow() {
        let deep = format!(
            "Interface(x: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let index = SpanIndex::new(&deep);
        assert_eq!(index.span(&[Step::Field("x")]).start, 13);
        assert!(balanced(&deep));
        assert!(!balanced("Interface(x: [)]"));
        assert_eq!(
            SpanIndex::new("A(items: [B(), C(x: 1)])").entries(&[Step::Field("items")]),
            vec![10..13, 15..22]
        );
    }

    #[test]
    fn finds_nested_values() {
        let text = r##"// a comment (with brackets]
Interface(
    format: 1,
    items: [
        Function(name: "f", params: [Param(name: "a", ty: "i32"), Param(name: "b", ty: "Vec<u8>")]),
        Const(name: "X", ty: r#"u8"#, doc: Some("x")),
    ],
)"##;
        let idx = SpanIndex::new(text);
        let at = |path: &[Step]| &text[idx.span(path)];
        assert_eq!(at(&[Step::Field("format")]), "1");
        assert_eq!(
            at(&[
                Step::Field("items"),
                Step::Index(0),
                Step::Field("params"),
                Step::Index(1),
                Step::Field("ty")
            ]),
            "\"Vec<u8>\""
        );
        assert_eq!(
            at(&[Step::Field("items"), Step::Index(1), Step::Field("ty")]),
            "r#\"u8\"#"
        );
        assert_eq!(
            at(&[Step::Field("items"), Step::Index(1), Step::Field("doc")]),
            "Some(\"x\")"
        );
        assert!(at(&[Step::Field("items"), Step::Index(1)]).starts_with("Const("));
        // A missing step falls back to the nearest ancestor.
        assert!(
            at(&[Step::Field("items"), Step::Index(1), Step::Field("nope")]).starts_with("Const(")
        );
    }
}
