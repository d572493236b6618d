//! Diagnostics: every stage collects its problems here instead of stopping at the
//! first, and the CLI renders them like rustc does (file:line:col, the line, a caret).

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{Ansi, NoColor, WriteColor},
};
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The file's name as it is shown (and the key into [`Files`]).
    pub file: String,
    /// Byte range in the file.
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub label: Option<Label>,
    /// Extra lines: `= note: ...` / `= help: ...`, written with their prefix.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            label: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(
        mut self,
        file: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.label = Some(Label {
            file: file.into(),
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Diagnostic {
        self.notes.push(format!("help: {}", text.into()));
        self
    }

    pub fn note(mut self, text: impl Into<String>) -> Diagnostic {
        self.notes.push(format!("note: {}", text.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The text of every file a diagnostic may point into, by shown name.
pub type Files = BTreeMap<String, String>;

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Renders diagnostics as plain text, rustc style.
pub fn render(diags: &[Diagnostic], files: &Files) -> String {
    let mut out = NoColor::new(Vec::new());
    render_into(&mut out, diags, files);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// [`render`], with the terminal colours of rustc's messages when `color`.
pub fn render_styled(diags: &[Diagnostic], files: &Files, color: bool) -> String {
    if !color {
        return render(diags, files);
    }
    let mut out = Ansi::new(Vec::new());
    render_into(&mut out, diags, files);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

fn render_into(out: &mut dyn WriteColor, diags: &[Diagnostic], files: &Files) {
    let mut simple = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    for (name, text) in files {
        ids.insert(name.clone(), simple.add(name.clone(), text.clone()));
    }
    let config = term::Config::default();
    for d in diags {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_message(&d.message)
        .with_notes(d.notes.clone());
        let mut plain_location = None;
        if let Some(label) = &d.label {
            match ids.get(&label.file) {
                Some(&id) => {
                    let len = files[&label.file].len();
                    let span = label.span.start.min(len)
                        ..label.span.end.min(len).max(label.span.start.min(len));
                    cs = cs
                        .with_labels(vec![CsLabel::primary(id, span).with_message(&label.message)]);
                }
                None => plain_location = Some(format!("  --> {}: {}\n", label.file, label.message)),
            }
        }
        if term::emit(out, &config, &simple, &cs).is_err() {
            let _ = writeln!(out, "{}: {}", severity_word(d.severity), d.message);
        }
        if let Some(loc) = plain_location {
            let _ = out.write_all(loc.as_bytes());
        }
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The candidate a misspelt `name` most likely meant, as rustc chooses: the same
/// name in other case, else the nearest by edit distance (a swap of two
/// neighbours is one edit) within a third of the
/// name's length (at least one edit). `None` when nothing is that close.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = name.chars().count().max(3) / 3;
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let distance = if c.eq_ignore_ascii_case(name) {
            0
        } else {
            strsim::osa_distance(name, c)
        };
        if distance <= limit && best.is_none_or(|(d, b)| (distance, c) < (d, b)) {
            best = Some((distance, c));
        }
    }
    best.map(|(_, c)| c)
}

/// 1-based line and column of a byte offset (columns count characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Byte offset of a 1-based line and 0-based character column (what
/// proc-macro2's span locations give).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(column)
                    .map(|(b, _)| b)
                    .unwrap_or(l.len());
        }
        offset += l.len();
    }
    text.len()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    #[test]
    fn did_you_mean_picks_the_nearest_close_name() {
        let names = ["Widget", "Gadget", "width", "Point"];
        assert_eq!(super::did_you_mean("Widgt", names), Some("Widget"));
        assert_eq!(super::did_you_mean("widget", names), Some("Widget"));
        assert_eq!(super::did_you_mean("Pont", names), Some("Point"));
        assert_eq!(super::did_you_mean("f46", ["f64", "f32"]), Some("f64"));
        assert_eq!(super::did_you_mean("Sprocket", names), None);
        assert_eq!(super::did_you_mean("Point", ["Point"]), None);
    }
}
