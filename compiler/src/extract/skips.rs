//! The skipped entries, collected as they are found and sorted at the end.

use crate::idl::Skipped;

#[derive(Default)]
pub(crate) struct Skips(pub Vec<Skipped>);

impl Skips {
    pub fn add(&mut self, path: &str, kind: &str, reason: &str) {
        self.0.push(Skipped {
            path: path.to_string(),
            kind: kind.to_string(),
            reason: reason.to_string(),
        });
    }

    /// Sorted by path, one entry per path and kind.
    pub fn finish(mut self) -> Vec<Skipped> {
        self.0
            .sort_by(|a, b| (&a.path, &a.kind, &a.reason).cmp(&(&b.path, &b.kind, &b.reason)));
        self.0.dedup_by(|a, b| a.path == b.path && a.kind == b.kind);
        self.0
    }
}
