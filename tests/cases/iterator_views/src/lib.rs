//! Items of borrowing iterators (`impl Iterator<Item = &T>`, `Item = &mut T`,
//! iterator structs of the crate with `Item = &'a T` and `Item = &'a mut T`):
//! each item is a view of `T` in its owner (MAPPING: Borrowed results).

use std::collections::BTreeMap;

/// An entry of a registry: not Clone, so only views of it can be handed out.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: i64,
}

impl Entry {
    pub fn new(key: String, value: i64) -> Entry {
        Entry { key, value }
    }

    /// Adds `by` to the value.
    pub fn bump(&mut self, by: i64) {
        self.value += by;
    }

    pub fn describe(&self) -> String {
        format!("{}={}", self.key, self.value)
    }

    /// Consumes the entry: an item view cannot be moved out of its owner.
    pub fn into_key(self) -> String {
        self.key
    }
}

/// A custom collection: entries by key.
#[derive(Debug, Default)]
pub struct Registry {
    entries: BTreeMap<String, Entry>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    pub fn insert(&mut self, key: String, value: i64) {
        self.entries.insert(key.clone(), Entry { key, value });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn total(&self) -> i64 {
        self.entries.values().map(|e| e.value).sum()
    }

    /// The entries, by key order: views into the registry.
    pub fn values(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// The entries whose value is at least `min`.
    pub fn at_least(&self, min: i64) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.values().filter(move |e| e.value >= min)
    }

    /// The entries, writable in place.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Entry> {
        self.entries.values_mut()
    }

    /// The entries, through the crate's own iterator type.
    pub fn iter(&self) -> EntryIter<'_> {
        EntryIter {
            inner: self.entries.values(),
        }
    }

    /// The entries, writable in place, through the crate's own iterator type.
    pub fn entries_mut(&mut self) -> EntryIterMut<'_> {
        EntryIterMut {
            inner: self.entries.values_mut(),
        }
    }

    /// Consumes the registry.
    pub fn into_total(self) -> i64 {
        self.total()
    }
}

/// The entries of a registry: an iterator struct whose items borrow it.
pub struct EntryIter<'a> {
    inner: std::collections::btree_map::Values<'a, String, Entry>,
}

impl<'a> Iterator for EntryIter<'a> {
    type Item = &'a Entry;

    fn next(&mut self) -> Option<&'a Entry> {
        self.inner.next()
    }
}

impl<'a> DoubleEndedIterator for EntryIter<'a> {
    fn next_back(&mut self) -> Option<&'a Entry> {
        self.inner.next_back()
    }
}

/// The entries of a registry, writable: an iterator struct whose items
/// borrow it exclusively (serde_json's `ValuesMut`).
pub struct EntryIterMut<'a> {
    inner: std::collections::btree_map::ValuesMut<'a, String, Entry>,
}

impl<'a> Iterator for EntryIterMut<'a> {
    type Item = &'a mut Entry;

    fn next(&mut self) -> Option<&'a mut Entry> {
        self.inner.next()
    }
}

impl<'a> DoubleEndedIterator for EntryIterMut<'a> {
    fn next_back(&mut self) -> Option<&'a mut Entry> {
        self.inner.next_back()
    }
}

/// Counts what is left of `entries` (an iterator struct moved into a call).
pub fn count_left(entries: EntryIterMut<'_>) -> usize {
    entries.count()
}

/// The entries of `registry` with a key starting with `prefix` (a function's
/// iterator borrowing a parameter).
pub fn with_prefix<'a>(registry: &'a Registry, prefix: &'a str) -> impl Iterator<Item = &'a Entry> {
    registry
        .entries
        .values()
        .filter(move |e| e.key.starts_with(prefix))
}
