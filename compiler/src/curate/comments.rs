//! Collects the comments of an interface file's text, keyed by what they stand
//! before (the keys of [`crate::idl::comments`]).
//!
//! - Comment lines directly above a value (blank lines between comments are
//!   kept) belong to that value: an item, a member, a parameter, a skipped entry,
//!   or a field of an item written on its own line (`release_gil: true,`).
//! - The comments at the top of the file belong to the file, except the two lines
//!   rsbind writes there itself.
//! - Comment lines before a closing bracket belong to the end of that list or item.
//! - A comment after code on its line (`name: "x", // why`) belongs to the value
//!   that ends last before it on that line, else to the innermost value around it;
//!   it is written above that value.

use crate::idl::comments::{
    const_key, end, field_key, item_key, method_key, param_key, skipped_key, sub, variant_key,
    Comments, Dedup, ROOT, TRAILER,
};
use crate::idl::spans::{SpanIndex, Step};
use crate::idl::{Class, Constructor, Interface, Item, Method, Shape};
use std::collections::BTreeMap;
use std::ops::Range;

/// The comments of `text`, which `interface` was read from, and for each key a
/// description of its value for messages (`fn `area``, `parameter 2 of fn `area``).
pub fn collect_comments(interface: &Interface, text: &str) -> (Comments, BTreeMap<String, String>) {
    let index = SpanIndex::new(text);
    let mut walk = Walk {
        text,
        index: &index,
        nodes: Vec::new(),
        dedup: Dedup::default(),
    };
    walk.interface(interface);
    let nodes = walk.nodes;
    let descriptions: BTreeMap<String, String> = nodes
        .iter()
        .map(|n| (n.key.clone(), n.what.clone()))
        .collect();
    let root_start = nodes.first().map(|n| n.span.start).unwrap_or(0);
    let starts: BTreeMap<usize, usize> = nodes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, n)| (n.span.start, i))
        .collect();
    let lines = LineIndex::new(text);
    let raw = scan(text);

    // (key, position, lines), sorted by position at the end.
    let mut found: Vec<(String, usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let c = &raw[i];
        if !c.own_line {
            let key = trailing_owner(&nodes, &lines, c.range.start)
                .unwrap_or_else(|| outside(root_start, c.range.start));
            found.push((key, c.range.start, comment_lines(text, &c.range)));
            i += 1;
            continue;
        }
        // A block: own-line comments with only white space between them.
        let mut block: Vec<String> = comment_lines(text, &c.range);
        let start = c.range.start;
        let mut last_end = c.range.end;
        i += 1;
        while i < raw.len()
            && raw[i].own_line
            && text[last_end..raw[i].range.start].trim().is_empty()
        {
            if text[last_end..raw[i].range.start].matches('\n').count() > 1 {
                block.push(String::new());
            }
            block.extend(comment_lines(text, &raw[i].range));
            last_end = raw[i].range.end;
            i += 1;
        }
        let anchor = last_end + (text[last_end..].len() - text[last_end..].trim_start().len());
        let key = if anchor >= text.len() {
            TRAILER.to_string()
        } else if let Some(&n) = starts.get(&anchor) {
            nodes[n].key.clone()
        } else {
            match innermost(&nodes, start) {
                Some(n) => end(&nodes[n].key),
                None => outside(root_start, start),
            }
        };
        if key == ROOT {
            block.retain(|l| !is_generated_header(l));
        }
        while block.first().is_some_and(String::is_empty) {
            block.remove(0);
        }
        while block.last().is_some_and(String::is_empty) {
            block.pop();
        }
        if !block.is_empty() {
            found.push((key, start, block));
        }
    }
    found.sort_by_key(|(_, pos, _)| *pos);
    let mut comments = Comments::default();
    for (key, _, lines) in found {
        comments.before.entry(key).or_default().extend(lines);
    }
    (comments, descriptions)
}

/// The lines rsbind writes at the top of every file (see [`crate::idl::print`]).
fn is_generated_header(line: &str) -> bool {
    (line.starts_with("// rsbind interface file for the crate `")
        && line.ends_with("curated by hand."))
        || line
            == "// Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md."
}

fn outside(root_start: usize, pos: usize) -> String {
    if pos < root_start {
        ROOT.to_string()
    } else {
        TRAILER.to_string()
    }
}

/// A value of the file that comments can belong to.
struct Node {
    key: String,
    /// From its first character (a field's name, for a field of an item) to its end.
    span: Range<usize>,
    what: String,
}

/// The innermost value whose span holds `pos`.
fn innermost(nodes: &[Node], pos: usize) -> Option<usize> {
    nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.span.start <= pos && pos < n.span.end)
        .max_by_key(|(i, n)| (n.span.start, std::cmp::Reverse(n.span.end), *i))
        .map(|(i, _)| i)
}

/// The owner of a comment after code on its line: the value that ends last before
/// it on that line (the outermost of those ending there), else the innermost
/// value around it.
fn trailing_owner(nodes: &[Node], lines: &LineIndex, pos: usize) -> Option<String> {
    let line = lines.line_of(pos);
    nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            n.span.end <= pos && n.span.end > n.span.start && lines.line_of(n.span.end - 1) == line
        })
        .max_by_key(|(i, n)| {
            (
                n.span.end,
                std::cmp::Reverse(n.span.start),
                std::cmp::Reverse(*i),
            )
        })
        .map(|(_, n)| n.key.clone())
        .or_else(|| innermost(nodes, pos).map(|i| nodes[i].key.clone()))
}

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }
}

/// One comment of the text.
pub(super) struct RawComment {
    pub(super) range: Range<usize>,
    /// Only white space before it on its line.
    own_line: bool,
}

/// The comment's lines: `// text`, or the lines of a `/* */` comment with the
/// indentation of its first line taken off the others.
fn comment_lines(text: &str, range: &Range<usize>) -> Vec<String> {
    let body = &text[range.clone()];
    let line_start = text[..range.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let indent = text[line_start..range.start].chars().count();
    body.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end();
            if i == 0 {
                return l.to_string();
            }
            let mut rest = l;
            for _ in 0..indent {
                match rest.strip_prefix([' ', '\t']) {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            rest.to_string()
        })
        .collect()
}

/// Every comment of a RON text, as the interface file's lexer finds them.
pub(super) fn scan(text: &str) -> Vec<RawComment> {
    let own_line = |start: usize| {
        let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        text[line_start..start].trim().is_empty()
    };
    crate::idl::spans::comment_ranges(text)
        .into_iter()
        .map(|range| RawComment {
            own_line: own_line(range.start),
            range,
        })
        .collect()
}

/// Walks an interface in the printer's order, recording where each keyed value
/// sits in the text.
struct Walk<'a> {
    text: &'a str,
    index: &'a SpanIndex,
    nodes: Vec<Node>,
    dedup: Dedup,
}

type Path = Vec<Step<'static>>;

fn with(path: &Path, steps: &[Step<'static>]) -> Path {
    let mut p = path.clone();
    p.extend_from_slice(steps);
    p
}

impl Walk<'_> {
    /// The span of the value at `path`, if the text has it (not only an ancestor).
    fn found(&self, path: &Path) -> Option<Range<usize>> {
        let span = self.index.span(path);
        if path.is_empty() {
            return (!span.is_empty()).then_some(span);
        }
        let parent = self.index.span(&path[..path.len() - 1]);
        (span != parent && !span.is_empty()).then_some(span)
    }

    fn node(&mut self, key: String, path: &Path, what: String) {
        if let Some(span) = self.found(path) {
            self.nodes.push(Node { key, span, what });
        }
    }

    /// A field of a struct value: from its name to the end of its value.
    fn field(&mut self, owner: &str, path: &Path, name: &'static str, what: &str) {
        let fpath = with(path, &[Step::Field(name)]);
        let Some(span) = self.found(&fpath) else {
            return;
        };
        let start = field_name_start(self.text, span.start, name).unwrap_or(span.start);
        self.nodes.push(Node {
            key: sub(owner, name),
            span: start..span.end,
            what: what.to_string(),
        });
    }

    fn fields(&mut self, owner: &str, path: &Path, names: &[&'static str], what: &str) {
        for name in names {
            self.field(owner, path, name, what);
        }
    }

    fn interface(&mut self, interface: &Interface) {
        let root: Path = Vec::new();
        self.node(ROOT.to_string(), &root, "the file".to_string());
        self.fields(
            ROOT,
            &root,
            &["format", "module", "crate", "doc", "items", "skipped"],
            "the file",
        );
        self.items(&interface.items, &with(&root, &[Step::Field("items")]));
        for (i, s) in interface.skipped.iter().enumerate() {
            let key = self.dedup.key(skipped_key(s));
            self.node(
                key,
                &with(&root, &[Step::Field("skipped"), Step::Index(i)]),
                format!("the skipped entry of `{}`", s.path),
            );
        }
    }

    fn items(&mut self, items: &[Item], list: &Path) {
        for (i, item) in items.iter().enumerate() {
            let path = with(list, &[Step::Index(i)]);
            let key = self.dedup.key(item_key(item));
            let what = super::What::of_item(item).quoted();
            self.node(key.clone(), &path, what.clone());
            match item {
                Item::Function(f) => {
                    self.fields(
                        &key,
                        &path,
                        &[
                            "name",
                            "path",
                            "doc",
                            "doc_override",
                            "type_args",
                            "params",
                            "ret",
                            "release_gil",
                        ],
                        &what,
                    );
                    self.params(&key, &path, f.params.len(), &what);
                }
                Item::Module(m) => {
                    self.fields(
                        &key,
                        &path,
                        &["name", "path", "doc", "doc_override", "items"],
                        &what,
                    );
                    self.items(&m.items, &with(&path, &[Step::Field("items")]));
                }
                Item::Class(c) => self.class(&key, &path, c, &what),
                Item::Trait(_) => self.fields(
                    &key,
                    &path,
                    &["name", "path", "doc", "doc_override", "methods", "provided"],
                    &what,
                ),
                Item::Const(_) | Item::Static(_) | Item::LiveStatic(_) => {}
            }
        }
    }

    fn params(&mut self, owner: &str, path: &Path, count: usize, what: &str) {
        for i in 0..count {
            self.node(
                param_key(owner, i),
                &with(path, &[Step::Field("params"), Step::Index(i)]),
                format!("parameter {} of {what}", i + 1),
            );
        }
    }

    /// The fields of a method written at `path`, whose key is `key`.
    fn method(&mut self, key: &str, path: &Path, m: &Method, what: &str) {
        self.fields(
            key,
            path,
            &[
                "name",
                "rust",
                "doc",
                "doc_override",
                "receiver",
                "type_args",
                "params",
                "ret",
                "release_gil",
            ],
            what,
        );
        self.params(key, path, m.params.len(), what);
    }

    fn class(&mut self, key: &str, path: &Path, c: &Class, what: &str) {
        self.fields(
            key,
            path,
            &[
                "name",
                "path",
                "doc",
                "doc_override",
                "from_crate",
                "shape",
                "non_exhaustive",
                "traits",
                "iterator_item",
                "constructor",
                "fields",
                "variants",
                "methods",
                "consts",
            ],
            what,
        );
        if let Constructor::Method(m) = &c.constructor {
            let cwhat = format!("constructor `{}::{}`", c.path, m.rust);
            self.method(
                &sub(key, "constructor"),
                &with(path, &[Step::Field("constructor")]),
                m,
                &cwhat,
            );
        }
        for (i, f) in c.fields.iter().enumerate() {
            let fk = self.dedup.key(field_key(key, f));
            self.node(
                fk,
                &with(path, &[Step::Field("fields"), Step::Index(i)]),
                format!("field `{}.{}`", c.path, f.rust),
            );
        }
        // The printer writes variants of enums only.
        let variants = if c.shape == Shape::Enum {
            &c.variants[..]
        } else {
            &[]
        };
        for (i, v) in variants.iter().enumerate() {
            let vk = self.dedup.key(variant_key(key, v));
            let vpath = with(path, &[Step::Field("variants"), Step::Index(i)]);
            let vwhat = format!("variant `{}::{}`", c.path, v.rust);
            self.node(vk.clone(), &vpath, vwhat.clone());
            self.field(&vk, &vpath, "fields", &vwhat);
            for (j, f) in v.fields.iter().enumerate() {
                let fk = self.dedup.key(field_key(&vk, f));
                self.node(
                    fk,
                    &with(&vpath, &[Step::Field("fields"), Step::Index(j)]),
                    format!("field `{}::{}.{}`", c.path, v.rust, f.rust),
                );
            }
        }
        for (i, m) in c.methods.iter().enumerate() {
            let mk = self.dedup.key(method_key(key, m));
            let mpath = with(path, &[Step::Field("methods"), Step::Index(i)]);
            let mwhat = format!(
                "method `{}::{}{}`",
                c.path,
                m.rust,
                super::type_args_suffix(&m.type_args)
            );
            self.node(mk.clone(), &mpath, mwhat.clone());
            self.method(&mk, &mpath, m, &mwhat);
        }
        for (i, v) in c.consts.iter().enumerate() {
            let ck = self.dedup.key(const_key(key, v));
            self.node(
                ck,
                &with(path, &[Step::Field("consts"), Step::Index(i)]),
                format!("const `{}`", v.path),
            );
        }
    }
}

/// Where the name of the field whose value starts at `value_start` starts
/// (`release_gil` in `release_gil: true`), when the text has it right there.
fn field_name_start(text: &str, value_start: usize, name: &str) -> Option<usize> {
    let before = text.get(..value_start)?.trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let start = before.len().checked_sub(name.len())?;
    if before.get(start..)? != name {
        return None;
    }
    if start > 0 && is_ident_byte(before.as_bytes()[start - 1]) {
        return None;
    }
    Some(start)
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
