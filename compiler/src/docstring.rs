//! Rustdoc Markdown to Python docstrings, readable as plain text in `help()`.
//!
//! A docstring is read by people in `help()`, a pager or an editor tooltip, not rendered: the
//! result is plain text that keeps the document's structure visible, close to what Python's own
//! modules and numpydoc write. The rules:
//!
//! - **Summary line.** A document that starts with a paragraph has it as one line (its source
//!   lines joined by spaces): PEP 257's summary line, which pydoc shows as the synopsis.
//! - **Paragraphs** after it keep the author's line breaks (a line of Markdown source is a line of the
//!   docstring; nothing is re-wrapped). Markdown escapes and entities are decoded (`\*` is `*`,
//!   `&lt;` is `<`), since a docstring is not Markdown.
//! - **Layout.** Blocks are separated by one blank line; no line ends in whitespace; there is no
//!   blank line at the start or end, and no trailing newline.
//! - **Intra-doc links** (`` [`Foo`] ``, `[Foo]`, `[text][Foo]`, `[text](Foo::bar)`, and reference
//!   definitions `[Foo]: crate::Foo`) are looked up by their destination as written, the key of
//!   rustdoc's `links` map. Bound, a link becomes the Python name in backticks (`` `Foo.bar` ``)
//!   when its text is just the item's name (`` [`bar`](Foo::bar) `` included), and otherwise
//!   `` text (`Foo.bar`) ``. Not bound, the link text alone stays, without brackets, with a rustdoc
//!   disambiguator dropped as rustdoc shows it (`` [`struct@Foo`] `` is `` `Foo` ``). A bracketed
//!   text that is not a path (`[1, 2]`, `[0]`) is not a link and keeps its brackets.
//! - **URL links** `[text](https://...)` become `text <https://...>`; an autolink or a link whose
//!   text is its URL is the URL alone. Links to rustdoc pages (`struct.Foo.html`, `#errors`)
//!   keep their text only. Images become their alt text.
//! - **Inline code** keeps its backticks. **Emphasis** keeps its markers, written `*x*` and
//!   `**x**` whatever the source used (`_x_` is `*x*`), as in reST; `~~x~~` likewise.
//! - **Rust code blocks** are what rustdoc tests as Rust: fenced with no language, `rust`, or
//!   only rustdoc's attributes (`ignore`, `no_run`, `should_panic`, `compile_fail`,
//!   `edition2021`, `E0123`...), and indented code blocks. They are kept as examples: a line
//!   `Example (Rust):` then the code indented by 4 spaces, with rustdoc's hidden lines (`# ...`
//!   and a lone `#`) removed and `##` shown as `#`, as rustdoc shows them. A block that is
//!   hidden lines only is left out.
//! - **Other code blocks** are indented by 4 spaces; a language is named by a label
//!   `Example (toml):` (the first word of the info string, as written), except plain text
//!   (`text`, `txt`, `plain`, `plaintext`, `output`), which gets no label.
//! - **Headings** are their text underlined to its length in characters, reST-style, so `# Errors` is
//!   `Errors` over `------`. The shallowest heading level of the document is underlined with `-`
//!   (numpydoc's sections), the next ones with `~`, `^`, `"`, `'`, `` ` ``, so an item's
//!   `# Examples` and `## Examples` read the same.
//! - **Lists** keep `- ` bullets (`*` and `+` become `-`) and `1. ` numbers (counted from the
//!   list's first number); an item's following lines and nested lists are indented to its text
//!   (2 spaces under `- `, 3 under `1. `). Tight lists stay tight, loose ones keep a blank line
//!   between items. Task items keep `[ ]`/`[x]`.
//! - **Block quotes** are prefixed with `> ` (`>` on a blank line), nested ones with `> > `.
//! - **Tables** are rebuilt from their cells, columns padded to their widest cell, with the
//!   `| --- |` alignment row, so links in cells are resolved and a table inside a list or quote
//!   stays aligned.
//! - **Footnotes**: a reference `[^1]` is `[1]`; a definition is a paragraph starting `[1] `.
//! - **Rules** (`---`) are `----`. **HTML** is kept as written, except HTML comments, which are
//!   left out.
//!
//! Conversion never fails and never panics: any text is Markdown, and nesting depth costs
//! memory, not stack.

use pulldown_cmark::{
    Alignment, BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser,
    Tag, TagEnd,
};

/// Converts an item's rustdoc Markdown to a Python docstring. `link` maps an intra-doc link's
/// destination as written (the key of rustdoc's `links` map: e.g. "Foo", "`Foo`", "Foo::bar",
/// "crate::geo::Point", "Self::new") to the Python name of what it resolves to (e.g. "Foo",
/// "Foo.bar", "geo.Point"), or None when it is not bound.
pub fn docstring(markdown: &str, link: &dyn Fn(&str) -> Option<String>) -> String {
    // The Markdown extensions rustdoc enables, less smart punctuation (a docstring keeps ASCII).
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let events: Vec<Event<'_>> =
        Parser::new_with_broken_link_callback(markdown, options, Some(intra_doc_link)).collect();
    let mut renderer = Renderer {
        link,
        underlines: heading_underlines(&events),
        out: Out::default(),
        captures: Vec::new(),
        blocks: Vec::new(),
        table: None,
        in_summary: false,
    };
    for event in events {
        renderer.event(event);
    }
    renderer.finish()
}

/// A docstring whose references to bound items, `` `Name` `` in backticks as links become, name
/// them as they are now called: each reference that `renames` has (a Python name as extraction
/// wrote it, `Stack.push`) becomes the name it maps to (`StackI32.append`). Backticked text that
/// is no key stays as it is.
pub fn rename_references(
    doc: &str,
    renames: &std::collections::BTreeMap<String, String>,
) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut parts = doc.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    // Odd pieces are inside backticks; a last unclosed one is text.
    for (k, piece) in rest.iter().enumerate() {
        out.push('`');
        let quoted = k % 2 == 0 && k + 1 < rest.len();
        match renames.get(*piece) {
            Some(name) if quoted => out.push_str(name),
            _ => out.push_str(piece),
        }
    }
    out
}

/// `[Foo]` with no reference definition is an intra-doc link for rustdoc: it stays a link, its
/// destination the text between the brackets, when that text can be a path.
fn intra_doc_link(broken: BrokenLink<'_>) -> Option<(CowStr<'_>, CowStr<'_>)> {
    if looks_like_path(&broken.reference) {
        Some((broken.reference, CowStr::Borrowed("")))
    } else {
        None
    }
}

/// Walks the events once, writing text into `out`. Inline text of an element whose rendering
/// depends on all of its text (a link, a heading, a table cell, a code block) is captured first.
struct Renderer<'a> {
    link: &'a dyn Fn(&str) -> Option<String>,
    /// The underline character of each heading level, H1 first.
    underlines: [char; 6],
    out: Out,
    captures: Vec<Capture>,
    /// Open lists, items, quotes and footnotes, innermost last.
    blocks: Vec<Block>,
    table: Option<Table>,
    /// Inside the first paragraph, the summary line: line breaks are spaces.
    in_summary: bool,
}

struct Capture {
    kind: CaptureKind,
    text: String,
}

enum CaptureKind {
    Link {
        dest: String,
        is_url: bool,
    },
    Image,
    Heading(HeadingLevel),
    TableCell,
    /// `info` is the fenced block's info string; None for an indented block.
    CodeBlock {
        info: Option<String>,
    },
    HtmlBlock,
}

enum Block {
    List {
        next_number: Option<u64>,
    },
    /// `loose` once the item holds a paragraph: its list separates items by a blank line.
    Item {
        loose: bool,
    },
    Quote,
    Footnote,
}

struct Table {
    alignments: Vec<Alignment>,
    /// The header row first.
    rows: Vec<Vec<String>>,
}

impl Renderer<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.inline(&text),
            Event::Code(code) => self.inline(&code_span(&code)),
            Event::InlineMath(math) => self.inline(&format!("${math}$")),
            Event::DisplayMath(math) => self.inline(&format!("$${math}$$")),
            Event::FootnoteReference(label) => self.inline(&format!("[{label}]")),
            Event::SoftBreak if self.in_summary => self.inline(" "),
            Event::SoftBreak | Event::HardBreak => self.inline("\n"),
            Event::Rule => {
                self.out.start_block();
                self.out.write("----");
                self.out.end_block();
            }
            Event::TaskListMarker(done) => self.inline(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.in_summary = self.out.text.trim().is_empty() && self.blocks.is_empty();
                self.out.start_block();
                if let Some(Block::Item { loose }) = self.blocks.last_mut() {
                    *loose = true;
                }
            }
            Tag::Heading { level, .. } => {
                self.out.start_block();
                self.capture(CaptureKind::Heading(level));
            }
            Tag::BlockQuote(_) => self.open_container(Block::Quote, "> ".to_string(), "> "),
            Tag::CodeBlock(kind) => self.capture(CaptureKind::CodeBlock {
                info: match kind {
                    CodeBlockKind::Indented => None,
                    CodeBlockKind::Fenced(info) => Some(info.to_string()),
                },
            }),
            Tag::HtmlBlock | Tag::MetadataBlock(_) => self.capture(CaptureKind::HtmlBlock),
            Tag::List(first_number) => {
                self.out.start_block();
                self.blocks.push(Block::List {
                    next_number: first_number,
                });
            }
            Tag::Item => {
                let marker = match self.blocks.last_mut() {
                    Some(Block::List {
                        next_number: Some(number),
                    }) => {
                        let marker = format!("{number}. ");
                        *number = number.saturating_add(1);
                        marker
                    }
                    _ => "- ".to_string(),
                };
                let indent = " ".repeat(marker.len());
                self.open_container(Block::Item { loose: false }, marker, &indent);
            }
            Tag::FootnoteDefinition(label) => {
                let marker = format!("[{label}] ");
                let indent = " ".repeat(marker.chars().count());
                self.open_container(Block::Footnote, marker, &indent);
            }
            Tag::Table(alignments) => {
                self.table = Some(Table {
                    alignments,
                    rows: Vec::new(),
                })
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.capture(CaptureKind::TableCell),
            Tag::Emphasis => self.inline("*"),
            Tag::Strong => self.inline("**"),
            Tag::Strikethrough => self.inline("~~"),
            Tag::Superscript => self.inline("^"),
            Tag::Subscript => self.inline("~"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.capture(CaptureKind::Link {
                is_url: matches!(link_type, LinkType::Autolink | LinkType::Email)
                    || is_url(&dest_url),
                dest: dest_url.to_string(),
            }),
            Tag::Image { .. } => self.capture(CaptureKind::Image),
            Tag::DefinitionList => self.out.start_block(),
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => self.out.start_line(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::List(_) | TagEnd::DefinitionList => {
                self.in_summary = false;
                self.out.end_block();
                if matches!(tag, TagEnd::List(_)) {
                    self.blocks.pop();
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.blocks.pop();
                self.out.pop_prefix();
                self.out.end_block();
            }
            TagEnd::Item => {
                let loose = matches!(self.blocks.pop(), Some(Block::Item { loose: true }));
                self.out.pop_prefix();
                // An item's own blocks owe a blank line; only a loose list keeps it between items.
                self.out.blank_owed = loose;
            }
            TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::TableCell
            | TagEnd::Link
            | TagEnd::Image => {
                if let Some(capture) = self.captures.pop() {
                    self.finish_capture(capture);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.write_table(table);
                }
            }
            TagEnd::Emphasis => self.inline("*"),
            TagEnd::Strong => self.inline("**"),
            TagEnd::Strikethrough => self.inline("~~"),
            TagEnd::Superscript => self.inline("^"),
            TagEnd::Subscript => self.inline("~"),
            TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    fn open_container(&mut self, block: Block, first_line: String, other_lines: &str) {
        self.out.start_block();
        self.out.push_prefix(first_line, other_lines.to_string());
        self.blocks.push(block);
    }

    fn capture(&mut self, kind: CaptureKind) {
        self.captures.push(Capture {
            kind,
            text: String::new(),
        });
    }

    /// Text inside a paragraph, heading, cell or code block: into the innermost capture, if any.
    fn inline(&mut self, text: &str) {
        match self.captures.last_mut() {
            Some(capture) => capture.text.push_str(text),
            None => self.out.write(text),
        }
    }

    fn finish_capture(&mut self, capture: Capture) {
        let text = capture.text;
        match capture.kind {
            CaptureKind::Link { dest, is_url } => {
                let rendered = self.link_text(&dest, is_url, &text);
                self.inline(&rendered);
            }
            CaptureKind::Image => self.inline(&text),
            CaptureKind::Heading(level) => self.write_heading(level, &text),
            CaptureKind::TableCell => {
                let cell = text.replace('|', "\\|").replace('\n', " ");
                if let Some(row) = self.table.as_mut().and_then(|table| table.rows.last_mut()) {
                    row.push(cell);
                }
            }
            CaptureKind::CodeBlock { info } => self.write_code_block(info.as_deref(), &text),
            CaptureKind::HtmlBlock => {
                let html = text.trim_end();
                let is_comment = html.starts_with("<!--") && html.ends_with("-->");
                if !html.is_empty() && !is_comment {
                    self.out.start_block();
                    self.out.write(html);
                    self.out.end_block();
                }
            }
        }
    }

    /// What a link becomes: see the module documentation.
    fn link_text(&self, dest: &str, is_url: bool, text: &str) -> String {
        if is_url {
            let is_url_alone =
                text.is_empty() || text == dest || dest.strip_prefix("mailto:") == Some(text);
            return if is_url_alone {
                dest.to_string()
            } else {
                format!("{text} <{dest}>")
            };
        }
        match (self.link)(dest) {
            Some(name) if names_target(text, dest, &name) => format!("`{name}`"),
            Some(name) => format!("{text} (`{name}`)"),
            None => without_disambiguator(text),
        }
    }

    fn write_heading(&mut self, level: HeadingLevel, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let width = text
            .lines()
            .map(|line| line.trim_end().chars().count())
            .max()
            .unwrap_or(0);
        let underline = self.underlines[level as usize - 1]
            .to_string()
            .repeat(width);
        self.out.write(text);
        self.out.start_line();
        self.out.write(&underline);
        self.out.end_block();
    }

    fn write_code_block(&mut self, info: Option<&str>, code: &str) {
        let language = CodeLanguage::of(info);
        let lines: Vec<String> = match language {
            CodeLanguage::Rust => code.lines().filter_map(rustdoc_shown_line).collect(),
            _ => code.lines().map(str::to_string).collect(),
        };
        let is_blank = |line: &String| line.trim().is_empty();
        let Some(first) = lines.iter().position(|line| !is_blank(line)) else {
            return;
        };
        let last = lines
            .iter()
            .rposition(|line| !is_blank(line))
            .unwrap_or(first);
        let label = match language {
            CodeLanguage::Rust => Some("Example (Rust):".to_string()),
            CodeLanguage::Named(name) => Some(format!("Example ({name}):")),
            CodeLanguage::PlainText => None,
        };
        let code = lines[first..=last].iter().map(|line| {
            if is_blank(line) {
                String::new()
            } else {
                format!("    {line}")
            }
        });
        let block: Vec<String> = label.into_iter().chain(code).collect();
        self.out.start_block();
        self.out.write(&block.join("\n"));
        self.out.end_block();
    }

    fn write_table(&mut self, table: Table) {
        let columns = table
            .rows
            .iter()
            .map(Vec::len)
            .chain([table.alignments.len()])
            .max();
        let columns = columns.unwrap_or(0);
        if columns == 0 || table.rows.is_empty() {
            return;
        }
        let cell = |row: &[String], column: usize| row.get(column).cloned().unwrap_or_default();
        let alignment = |column: usize| table.alignments.get(column).copied();
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                let widest = table
                    .rows
                    .iter()
                    .map(|row| cell(row, column).chars().count())
                    .max();
                widest.unwrap_or(0).max(3)
            })
            .collect();
        let row_line = |row: &[String]| {
            let cells = (0..columns).map(|column| {
                pad(
                    &cell(row, column),
                    widths[column],
                    alignment(column).unwrap_or(Alignment::None),
                )
            });
            format!("| {} |", cells.collect::<Vec<_>>().join(" | "))
        };
        let separator = (0..columns).map(|column| {
            let width = widths[column];
            match alignment(column).unwrap_or(Alignment::None) {
                Alignment::None => "-".repeat(width),
                Alignment::Left => format!(":{}", "-".repeat(width - 1)),
                Alignment::Right => format!("{}:", "-".repeat(width - 1)),
                Alignment::Center => format!(":{}:", "-".repeat(width - 2)),
            }
        });
        let mut lines = vec![row_line(&table.rows[0])];
        lines.push(format!("| {} |", separator.collect::<Vec<_>>().join(" | ")));
        lines.extend(table.rows[1..].iter().map(|row| row_line(row)));
        self.out.start_block();
        self.out.write(&lines.join("\n"));
        self.out.end_block();
    }

    fn finish(mut self) -> String {
        // pulldown-cmark balances its tags; should a capture still be open, its text stays.
        while let Some(capture) = self.captures.pop() {
            self.inline(&capture.text);
        }
        let lines: Vec<&str> = self.out.text.lines().map(str::trim_end).collect();
        let first = lines
            .iter()
            .position(|line| !line.is_empty())
            .unwrap_or(lines.len());
        let last = lines
            .iter()
            .rposition(|line| !line.is_empty())
            .map_or(first, |last| last + 1);
        lines[first..last].join("\n")
    }
}

/// The output text, line by line, under the prefixes of the open containers.
#[derive(Default)]
struct Out {
    text: String,
    /// One per open quote, list item or footnote, outermost first.
    prefixes: Vec<Prefix>,
    /// The current line has its prefixes written.
    line_open: bool,
    /// A block ended: the next line written gets a blank line before it.
    blank_owed: bool,
}

struct Prefix {
    /// Written on the container's first line (a list marker), then `other_lines`.
    first_line: String,
    other_lines: String,
    first_line_written: bool,
}

impl Out {
    fn write(&mut self, text: &str) {
        for (index, piece) in text.split('\n').enumerate() {
            if index > 0 {
                self.end_line();
            }
            if !piece.is_empty() {
                self.open_line();
                self.text.push_str(piece);
            }
        }
    }

    /// Starts a new line unless the current one is still empty.
    fn start_line(&mut self) {
        if self.line_open {
            self.end_line();
        }
    }

    /// A block starts on a line of its own; the blank line owed before it comes with its first
    /// text, so a block that writes nothing leaves no second blank line.
    fn start_block(&mut self) {
        self.start_line();
    }

    fn end_block(&mut self) {
        self.start_line();
        self.blank_owed = true;
    }

    fn open_line(&mut self) {
        if self.line_open {
            return;
        }
        if self.blank_owed {
            self.blank_owed = false;
            self.write_prefixes();
            self.text.push('\n');
        }
        self.write_prefixes();
        self.line_open = true;
    }

    fn write_prefixes(&mut self) {
        for prefix in &mut self.prefixes {
            let written = if prefix.first_line_written {
                &prefix.other_lines
            } else {
                &prefix.first_line
            };
            self.text.push_str(written);
            prefix.first_line_written = true;
        }
    }

    fn end_line(&mut self) {
        self.open_line();
        self.text.push('\n');
        self.line_open = false;
    }

    fn push_prefix(&mut self, first_line: String, other_lines: String) {
        if self.blank_owed {
            // The blank line before the container belongs to the enclosing one.
            self.blank_owed = false;
            self.write_prefixes();
            self.text.push('\n');
        }
        self.prefixes.push(Prefix {
            first_line,
            other_lines,
            first_line_written: false,
        });
    }

    fn pop_prefix(&mut self) {
        if self
            .prefixes
            .last()
            .is_some_and(|prefix| !prefix.first_line_written)
        {
            // An empty container still shows its marker.
            self.open_line();
        }
        self.start_line();
        self.prefixes.pop();
        self.blank_owed = false;
    }
}

enum CodeLanguage {
    Rust,
    Named(String),
    PlainText,
}

impl CodeLanguage {
    /// Rustdoc's reading of an info string: Rust unless a word names another language.
    fn of(info: Option<&str>) -> CodeLanguage {
        let Some(info) = info else {
            return CodeLanguage::Rust;
        };
        let words = info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty());
        let mut seen_rust = false;
        let mut other = None;
        for word in words {
            if word == "rust" {
                seen_rust = true;
            } else if !is_rustdoc_attribute(word) && other.is_none() {
                other = Some(word);
            }
        }
        match other {
            _ if seen_rust => CodeLanguage::Rust,
            None => CodeLanguage::Rust,
            Some("text" | "txt" | "plain" | "plaintext" | "output") => CodeLanguage::PlainText,
            Some(name) => CodeLanguage::Named(name.to_string()),
        }
    }
}

/// A code block attribute rustdoc reads, or a class (`{.class}`, `class=x`) that is no language.
fn is_rustdoc_attribute(word: &str) -> bool {
    let is_error_code =
        word.len() == 5 && word.starts_with('E') && word[1..].chars().all(|c| c.is_ascii_digit());
    matches!(
        word,
        "ignore" | "no_run" | "should_panic" | "compile_fail" | "test_harness" | "standalone_crate"
    ) || word.starts_with("ignore-")
        || word.starts_with("edition")
        || is_error_code
        || word.starts_with('{')
        || word.ends_with('}')
        || word.starts_with('.')
        || word.contains('=')
}

/// A line of a Rust code block as rustdoc shows it: None for a hidden line (`# ...`, `#`),
/// `##...` as `#...`.
fn rustdoc_shown_line(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if trimmed.starts_with("##") {
        Some(line.replacen("##", "#", 1))
    } else if trimmed.starts_with("# ") || trimmed == "#" {
        None
    } else {
        Some(line.to_string())
    }
}

/// The heading underline of each level: `-` for the shallowest level the document uses, then
/// `~`, `^`, `"`, `'` and `` ` `` for the deeper ones it uses.
fn heading_underlines(events: &[Event<'_>]) -> [char; 6] {
    let mut used = [false; 6];
    for event in events {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            used[*level as usize - 1] = true;
        }
    }
    let characters = ['-', '~', '^', '"', '\'', '`'];
    let mut underlines = ['-'; 6];
    let mut rank = 0;
    for (level, is_used) in used.iter().enumerate() {
        underlines[level] = characters[rank];
        if *is_used {
            rank += 1;
        }
    }
    underlines
}

/// Inline code in backticks, more of them than any run the code holds.
fn code_span(code: &str) -> String {
    let mut longest_run = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest_run = longest_run.max(run);
    }
    let fence = "`".repeat(longest_run + 1);
    let space = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{space}{code}{space}{fence}")
}

fn is_url(dest: &str) -> bool {
    dest.contains("://") || dest.starts_with("mailto:")
}

/// Whether `[text]` with no reference definition can be an intra-doc link: a path, maybe in
/// backticks, with generics, a disambiguator (`struct@`), `()` or `!`. Prose in brackets
/// (`[1, 2]`, `[0]`, `[see below]`) is not.
fn looks_like_path(reference: &str) -> bool {
    let path = reference.trim().trim_matches('`');
    path.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '<')
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "_:<>@!()&*[];,'".contains(c))
}

/// Whether a link's text just names its target, so the Python name alone can replace it.
fn names_target(text: &str, dest: &str, python_name: &str) -> bool {
    let shown = bare_name(text);
    let target = bare_name(dest);
    shown.is_empty()
        || target == shown
        || target.ends_with(&format!("::{shown}"))
        || python_name == shown
        || python_name.ends_with(&format!(".{shown}"))
}

/// A link text or destination with its backticks, disambiguator, `()` and `!` taken off.
fn bare_name(text: &str) -> &str {
    let name = text.trim().trim_matches('`');
    let name = strip_disambiguator(name).unwrap_or(name);
    let name = name.strip_suffix("()").unwrap_or(name);
    name.strip_suffix('!').unwrap_or(name)
}

/// The link text as rustdoc shows it: `` `struct@Foo` `` is `` `Foo` ``.
fn without_disambiguator(text: &str) -> String {
    let inner = text.trim_matches('`');
    let open = text.len() - text.trim_start_matches('`').len();
    match strip_disambiguator(inner) {
        Some(name) if inner.len() < text.len() => {
            format!("{}{name}{}", &text[..open], &text[open + inner.len()..])
        }
        Some(name) => name.to_string(),
        None => text.to_string(),
    }
}

fn strip_disambiguator(name: &str) -> Option<&str> {
    let (kind, rest) = name.split_once('@')?;
    let is_kind = matches!(
        kind,
        "struct"
            | "enum"
            | "trait"
            | "union"
            | "mod"
            | "module"
            | "const"
            | "constant"
            | "fn"
            | "function"
            | "method"
            | "derive"
            | "type"
            | "value"
            | "macro"
            | "prim"
            | "primitive"
            | "field"
            | "variant"
            | "tyalias"
            | "static"
            | "attr"
    );
    is_kind.then_some(rest)
}

/// `text` padded with spaces to `width` characters, placed as the column's alignment says.
fn pad(text: &str, width: usize, alignment: Alignment) -> String {
    let room = width.saturating_sub(text.chars().count());
    let (left, right) = match alignment {
        Alignment::Right => (room, 0),
        Alignment::Center => (room / 2, room - room / 2),
        Alignment::Left | Alignment::None => (0, room),
    };
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

#[cfg(test)]
mod tests {
    use super::{docstring, rename_references};

    /// The Python names the test crate binds, by rustdoc link key.
    fn bound(dest: &str) -> Option<String> {
        let name = match dest {
            "Foo" | "`Foo`" => "Foo",
            "Foo::bar" | "`Foo::bar`" => "Foo.bar",
            "crate::geo::Point" => "geo.Point",
            "`Self::new`" => "Point.new",
            "crate::Value" | "`Value`" | "Value" => "Value",
            "`Value::Null`" => "Value.Null",
            "`from_reader`" | "crate::from_reader" => "from_reader",
            "crate::de::Deserializer" => "de.Deserializer",
            _ => return None,
        };
        Some(name.to_string())
    }

    /// serde_json 1.0.154's doc comment of `from_str`, as rustdoc's `docs` field has it.
    const SERDE_JSON_FROM_STR: &str = r##"Deserialize an instance of type `T` from a string of JSON text.

# Example

```
use serde::Deserialize;

#[derive(Deserialize, Debug)]
struct User {
    fingerprint: String,
    location: String,
}

fn main() {
    // The type of `j` is `&str`
    let j = "
        {
            \"fingerprint\": \"0xF9BA143B95FF6D82\",
            \"location\": \"Menlo Park, CA\"
        }";

    let u: User = serde_json::from_str(j).unwrap();
    println!("{:#?}", u);
}
```

# Errors

This conversion can fail if the structure of the input does not match the
structure expected by `T`, for example if `T` is a struct type but the input
contains something other than a JSON map. It can also fail if the structure
is correct but `T`'s implementation of `Deserialize` decides that something
is wrong with the data, for example required struct fields are missing from
the JSON map or some number is too big to fit in the expected primitive
type."##;

    const SERDE_JSON_FROM_STR_DOCSTRING: &str = r##"Deserialize an instance of type `T` from a string of JSON text.

Example
-------

Example (Rust):
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct User {
        fingerprint: String,
        location: String,
    }

    fn main() {
        // The type of `j` is `&str`
        let j = "
            {
                \"fingerprint\": \"0xF9BA143B95FF6D82\",
                \"location\": \"Menlo Park, CA\"
            }";

        let u: User = serde_json::from_str(j).unwrap();
        println!("{:#?}", u);
    }

Errors
------

This conversion can fail if the structure of the input does not match the
structure expected by `T`, for example if `T` is a struct type but the input
contains something other than a JSON map. It can also fail if the structure
is correct but `T`'s implementation of `Deserialize` decides that something
is wrong with the data, for example required struct fields are missing from
the JSON map or some number is too big to fit in the expected primitive
type."##;

    /// serde_json's `Value::get` docs, with intra-doc links added (one bound, one not) and
    /// rustdoc's hidden lines in the example.
    const SERDE_JSON_VALUE_GET: &str = r##"Index into a JSON array or map. A string index can be used to access a value in a map, and a usize index can be used to access an element of an array.

Returns `None` if the type of `self` does not match the type of the
index, for example if the index is a string and `self` is an array or a
number. Also returns `None` if the given key does not exist in the map
or the given index is not within the bounds of the array.

```
# use serde_json::json;
#
let object = json!({ "A": 65, "B": 66, "C": 67 });
assert_eq!(*object.get("A").unwrap(), json!(65));
```

Square brackets can also be used to index into a value in a more concise
way. This returns [`Value::Null`] in cases where `get` would have returned
`None`, see [`Index`]."##;

    const SERDE_JSON_VALUE_GET_DOCSTRING: &str = r##"Index into a JSON array or map. A string index can be used to access a value in a map, and a usize index can be used to access an element of an array.

Returns `None` if the type of `self` does not match the type of the
index, for example if the index is a string and `self` is an array or a
number. Also returns `None` if the given key does not exist in the map
or the given index is not within the bounds of the array.

Example (Rust):
    let object = json!({ "A": 65, "B": 66, "C": 67 });
    assert_eq!(*object.get("A").unwrap(), json!(65));

Square brackets can also be used to index into a value in a more concise
way. This returns `Value.Null` in cases where `get` would have returned
`None`, see `Index`."##;

    /// (what the case shows, rustdoc Markdown, Python docstring)
    const CASES: &[(&str, &str, &str)] = &[
        ("empty", "", ""),
        ("blank lines only", "\n  \n\t\n", ""),
        (
            "paragraphs keep their line breaks",
            "Summary.\n\nFirst line\nsecond line.\n\n\n\nSecond paragraph.  ",
            "Summary.\n\nFirst line\nsecond line.\n\nSecond paragraph.",
        ),
        (
            "the first paragraph is the summary line",
            "A summary over\ntwo lines.\n\nThe rest\nas written.",
            "A summary over two lines.\n\nThe rest\nas written.",
        ),
        (
            "a document that starts otherwise has no summary line",
            "# Examples\n\nOne\ntwo.",
            "Examples\n--------\n\nOne\ntwo.",
        ),
        ("hard breaks are line breaks", "one  \ntwo\\\nthree", "one\ntwo\nthree"),
        ("escapes and entities are decoded", r"a \*star\* &lt;T&gt; &amp;", "a *star* <T> &"),
        (
            "inline code keeps its backticks",
            "Returns `None` when ``a`b`` is empty.",
            "Returns `None` when ``a`b`` is empty.",
        ),
        ("emphasis keeps normalized markers", "*a* _b_ **c** __d__ ~~e~~", "*a* *b* **c** **d** ~~e~~"),
        (
            "intra-doc links become Python names",
            "See [`Foo`], [Foo], [the bar][Foo::bar] and [`bar`](Foo::bar).",
            "See `Foo`, `Foo`, the bar (`Foo.bar`) and `Foo.bar`.",
        ),
        (
            "crate paths and Self",
            "A [`Point`](crate::geo::Point) made by [`Self::new`].",
            "A `geo.Point` made by `Point.new`.",
        ),
        (
            "a link text that is the item's last path segment is the Python name",
            "Use a [`Deserializer`](crate::de::Deserializer) or [`from_reader`].",
            "Use a `de.Deserializer` or `from_reader`.",
        ),
        (
            "unbound intra-doc links keep their text only",
            "Uses [`Private`], [Hidden], [a helper](crate::private::helper) and [`struct@Private`].",
            "Uses `Private`, Hidden, a helper and `Private`.",
        ),
        (
            "bracketed prose is no link",
            "Indexes [0], [1, 2] and [see below], or [`Foo`] [^x].",
            "Indexes [0], [1, 2] and [see below], or `Foo` [^x].",
        ),
        (
            "reference definitions",
            "Parses a [`Value`] [here][v].\n\n[`Value`]: crate::Value\n[v]: https://json.org",
            "Parses a `Value` here <https://json.org>.",
        ),
        (
            "URL links",
            "Read [the spec](https://json.org), <https://example.com> or <a@b.org>.",
            "Read the spec <https://json.org>, https://example.com or a@b.org.",
        ),
        (
            "links to rustdoc pages keep their text",
            "See [`Foo`](struct.Foo.html) and [the errors](#errors).",
            "See `Foo` and the errors.",
        ),
        (
            "images are their alt text",
            "![logo](logo.png)\n[![crates.io](https://img.shields.io/x.svg)](https://crates.io/crates/x)",
            "logo crates.io <https://crates.io/crates/x>",
        ),
        (
            "a heading is underlined",
            "# Errors\n\nFails when empty.",
            "Errors\n------\n\nFails when empty.",
        ),
        (
            "the shallowest heading level is underlined with -",
            "## Panics\nWhen empty.\n#### Note",
            "Panics\n------\n\nWhen empty.\n\nNote\n~~~~",
        ),
        ("setext headings", "Title\n=====\nSub\n---\ntext", "Title\n-----\n\nSub\n~~~\n\ntext"),
        (
            "heading levels rank",
            "# Examples\n\n## Basic *use*\n\n#### Deep\n\nText.",
            "Examples\n--------\n\nBasic *use*\n~~~~~~~~~~~\n\nDeep\n^^^^\n\nText.",
        ),
        (
            "tight lists, nested under their text",
            "* one\n* two\n  + nested\n    - deeper\n* three",
            "- one\n- two\n  - nested\n    - deeper\n- three",
        ),
        (
            "ordered lists count from their first number",
            "9. nine\n10. ten\n    continued\n11. eleven",
            "9. nine\n10. ten\n    continued\n11. eleven",
        ),
        (
            "loose lists keep their blank lines",
            "- first\n\n- second\n\n  more\n- third",
            "- first\n\n- second\n\n  more\n\n- third",
        ),
        ("empty items show their marker", "-\n- b\n1.", "-\n- b\n\n1."),
        (
            "a heading in a tight item",
            "- # Heading [`Foo`]\n  text\n- next",
            "- Heading `Foo`\n  -------------\n\n  text\n- next",
        ),
        ("task lists", "- [x] done\n- [ ] todo", "- [x] done\n- [ ] todo"),
        (
            "block quotes",
            "> quoted\nlazy line\n>\n> > nested\n\nafter",
            "> quoted\n> lazy line\n>\n> > nested\n\nafter",
        ),
        (
            "a list in a quote",
            "> - a\n>   1. b\n> - c\n\n> - loose\n>   1. b\n>\n>   c",
            "> - a\n>   1. b\n> - c\n\n> - loose\n>\n>   1. b\n>\n>   c",
        ),
        (
            "Rust examples lose rustdoc's hidden lines",
            "```\n# use serde_json::json;\n#\n    # fn indented_hidden() {}\nlet v = json!(1);\n## not hidden\n#[derive(Debug)]\n#![allow(x)]\n```",
            "Example (Rust):\n    let v = json!(1);\n    # not hidden\n    #[derive(Debug)]\n    #![allow(x)]",
        ),
        (
            "rustdoc attributes keep a block Rust",
            "```rust,ignore\na();\n```\n```no_run\nb();\n```\n``` compile_fail,E0382 edition2021 {.class}\nc();\n```\n```should_panic\n# x\nd();\n```",
            "Example (Rust):\n    a();\n\nExample (Rust):\n    b();\n\nExample (Rust):\n    c();\n\nExample (Rust):\n    d();",
        ),
        (
            "indented code blocks are Rust to rustdoc",
            "Text:\n\n    # let hidden = 0;\n    let x = 1;\n\n\n    let y = 2;\n",
            "Text:\n\nExample (Rust):\n    let x = 1;\n\n\n    let y = 2;",
        ),
        (
            "a Rust block of hidden lines only is left out",
            "Before.\n\n```\n# fn main() {}\n```\n\nAfter.",
            "Before.\n\nAfter.",
        ),
        (
            "plain text blocks are indented without a label",
            "Prints:\n```text\nplain output\n  indented\n```",
            "Prints:\n\n    plain output\n      indented",
        ),
        (
            "other languages are labelled",
            "~~~toml\n[dependencies]\nserde = \"1\"\n~~~\n```python,ignore\n# a comment\n```",
            "Example (toml):\n    [dependencies]\n    serde = \"1\"\n\nExample (python):\n    # a comment",
        ),
        (
            "code in a list item",
            "- Call it:\n\n  ```\n  f();\n  ```\n- Done.",
            "- Call it:\n\n  Example (Rust):\n      f();\n\n- Done.",
        ),
        (
            "tables are rebuilt aligned",
            "| a | long header | n |\n|---|:---:|--:|\n| [`Foo`] | x | 10 |\n| a \\| b | | 2 |",
            "| a      | long header |   n |\n| ------ | :---------: | --: |\n| `Foo`  |      x      |  10 |\n| a \\| b |             |   2 |",
        ),
        ("footnotes", "Text[^1].\n\n[^1]: The\nnote.", "Text[1].\n\n[1] The\n    note."),
        ("rules", "a\n\n---\n\nb\n***", "a\n\n----\n\nb\n\n----"),
        ("HTML comments are left out", "A\n\n<!-- hidden -->\n\nB", "A\n\nB"),
        ("HTML is kept", "<details>\n\nB <b>bold</b>", "<details>\n\nB <b>bold</b>"),
        ("serde_json from_str", SERDE_JSON_FROM_STR, SERDE_JSON_FROM_STR_DOCSTRING),
        ("serde_json Value::get", SERDE_JSON_VALUE_GET, SERDE_JSON_VALUE_GET_DOCSTRING),
    ];

    /// Every output line is free of trailing whitespace and the output has no trailing newline.
    fn assert_layout(output: &str) {
        assert!(!output.ends_with('\n'), "trailing newline in {output:?}");
        for line in output.lines() {
            assert_eq!(line, line.trim_end(), "trailing whitespace in {output:?}");
        }
    }

    #[test]
    fn references_follow_renames() {
        let renames: std::collections::BTreeMap<String, String> =
            [("greet", "salute"), ("Stack.push", "StackI32.append")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        assert_eq!(
            rename_references(
                "Calls `greet`, then `Stack.push`; `greet(x)` and greet stay, as does `greet",
                &renames
            ),
            "Calls `salute`, then `StackI32.append`; `greet(x)` and greet stay, as does `greet"
        );
    }

    #[test]
    fn cases() {
        let mut failures = Vec::new();
        for (what, markdown, want) in CASES {
            let got = docstring(markdown, &bound);
            assert_layout(&got);
            if got != *want {
                failures.push(format!("{what}:\n--- want\n{want}\n--- got\n{got}\n"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn garbage_and_deep_nesting_neither_panic_nor_overflow() {
        let deep_quote = format!("{}x", "> ".repeat(5000));
        let got = docstring(&deep_quote, &bound);
        assert_eq!(got, format!("{}x", "> ".repeat(5000)));

        let deep_list = format!("{}x", "- ".repeat(3000));
        let got = docstring(&deep_list, &bound);
        assert_eq!(got, format!("{}x", "- ".repeat(3000)));

        let deep_indented_list: String = (0..1000)
            .map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth)))
            .collect();
        let got = docstring(&deep_indented_list, &bound);
        assert_eq!(got, deep_indented_list.trim_end());

        let garbage = [
            "[".repeat(5000),
            "]".repeat(5000),
            "*_".repeat(5000),
            "`".repeat(3001),
            "1. ".repeat(2000),
            "> - 1. ".repeat(1500),
            "[a](".repeat(3000),
            "![".repeat(3000),
            "<".repeat(3000),
            "|".repeat(3000) + "\n" + &"|-".repeat(1500),
            "[^".repeat(3000),
            "```\n# \n##\n#\n".repeat(1000),
            "# \n#\n##### ###\n======\n---\n- \n> \n1.\n[]\n[]()\n[`]`\n`[`]`\n\u{0}\r\n\r\t\u{feff}é[ü]".to_string(),
            "| a |\n|:-:|\n".to_string(),
            "- [ ]\n- [x]\n[^1]:\n[x]: <>\n[x]\n".to_string(),
            "<!--\n\n-->\n<div>\n\n</div>\n<".to_string(),
            "[struct@]`` ` `` [`@`] [`` ` ``] [<>] [_] [a::] [::a]".to_string(),
        ];
        for markdown in &garbage {
            assert_layout(&docstring(markdown, &bound));
            assert_layout(&docstring(markdown, &|_| Some("x".to_string())));
        }
    }
}
