"""Typed use of iterator views: `mypy --strict` checks it (tests/tests/it.rs)."""

from typing import Iterator

from iterator_views import Entry, EntryIter, EntryIterMut, Registry, count_left, with_prefix


def iterator_views() -> int:
    r = Registry()
    r.insert("a", 1)
    r.insert("b", 2)
    shared: Iterator[Entry] = r.values()
    keys = [e.key for e in shared]
    for e in r.iter_mut():
        e.bump(1)
    del e
    writable: EntryIterMut = r.entries_mut()
    next(writable).bump(1)
    left: int = count_left(writable)
    del writable
    it: EntryIter = r.iter()
    first: Entry = next(it)
    del it
    n = first.value + len(keys) + sum(e.value for e in with_prefix(r, "a"))
    del first
    return n + left + r.total()
