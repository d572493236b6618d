"""The real aho-corasick 1.1.5 crate from crates.io, bound unmodified: its
documented everyday use through generic parameters that extraction instantiates
by itself (MAPPING.md, "Generic parameters without curation").

- `AhoCorasick::new<I, P>(patterns: I) where I: IntoIterator<Item = P>,
  P: AsRef<[u8]>` is the constructor: `AhoCorasick(patterns)` takes any iterable
  of bytes-like patterns (`AsRef<[u8]>` is bytes-like in the mapping).
- `is_match`/`find<'h, I: Into<Input<'h>>>`: `Input` borrows (no class), so the
  haystack is the `X` of the crate's `impl From<&'h H> for Input<'h>` with
  `H: ?Sized + AsRef<[u8]>`: `&[u8]`, a bytes-like object.
- `replace_all<B: AsRef<str>>(&self, haystack: &str, replace_with: &[B])` takes
  a list of str; `replace_all_bytes` the bytes version.

`find_iter<'a, 'h, I: Into<Input<'h>>>(&'a self, input: I) -> FindIter<'a, 'h>`
and `find_overlapping_iter` return iterators that borrow the automaton and the
haystack (MAPPING: Borrowed results): the iterator object keeps both (a
`bytes` haystack by reference, another buffer as a `bytes` copy) and holds a
shared borrow of the automaton; its items are `Match` values (copies, since
`Match` borrows nothing). `AhoCorasickBuilder`'s steps (`&mut self -> &mut
Self`) give the builder back, so they chain. The stream searches take
`std::io::Read`, and `replace_all_with` a callback: outside the table, skipped.
"""

import unittest

import aho_corasick as ac

HAYSTACK = b"Nobody likes maple in their apple flavored Snapple."


class TestConstruction(unittest.TestCase):
    def test_from_a_list_of_bytes(self):
        a = ac.AhoCorasick([b"apple", b"maple", b"Snapple"])
        self.assertEqual(a.patterns_len(), 3)
        self.assertEqual(a.min_pattern_len(), 5)
        self.assertEqual(a.max_pattern_len(), 7)

    def test_from_any_iterable(self):
        a = ac.AhoCorasick(p.encode() for p in ["apple", "maple"])
        self.assertEqual(a.patterns_len(), 2)
        self.assertEqual(ac.AhoCorasick((b"x", bytearray(b"y"))).patterns_len(), 2)

    def test_patterns_are_bytes_like(self):
        with self.assertRaises(TypeError):
            ac.AhoCorasick(["apple"])


class TestSearch(unittest.TestCase):
    def setUp(self):
        self.a = ac.AhoCorasick([b"apple", b"maple", b"Snapple"])

    def test_is_match(self):
        self.assertTrue(self.a.is_match(HAYSTACK))
        self.assertFalse(self.a.is_match(b"nothing here"))
        self.assertTrue(self.a.is_match(memoryview(b"an apple")))

    def test_find(self):
        m = self.a.find(HAYSTACK)
        self.assertIsInstance(m, ac.Match)
        self.assertEqual((m.start(), m.end()), (13, 18))
        self.assertEqual(m.pattern().as_usize(), 1)
        self.assertEqual(HAYSTACK[m.start():m.end()], b"maple")
        self.assertEqual(m.len(), 5)
        span = m.span()
        self.assertEqual((span.start, span.end), (13, 18))

    def test_find_nothing(self):
        self.assertIsNone(self.a.find(b"zzz"))

    def test_match_kind(self):
        self.assertEqual(self.a.match_kind(), ac.MatchKind.Standard)


class TestReplace(unittest.TestCase):
    def test_replace_all(self):
        a = ac.AhoCorasick([b"fox", b"brown", b"quick"])
        self.assertEqual(
            a.replace_all("The quick brown fox.", ["sloth", "grey", "slow"]),
            "The slow grey sloth.",
        )

    def test_replace_all_bytes(self):
        a = ac.AhoCorasick([b"fox", b"brown", b"quick"])
        self.assertEqual(
            a.replace_all_bytes(b"The quick brown fox.", [b"sloth", b"grey", b"slow"]),
            b"The slow grey sloth.",
        )

    def test_try_replace_all(self):
        a = ac.AhoCorasick([b"a"])
        self.assertEqual(a.try_replace_all("banana", ["o"]), "bonono")


class TestBorrowingIterators(unittest.TestCase):
    """The crate's README example: `for mat in ac.find_iter(haystack)`."""

    def test_find_iter_reports_every_match(self):
        patterns = [b"apple", b"maple", b"Snapple"]
        a = ac.AhoCorasick(patterns)
        matches = [(m.pattern().as_usize(), m.start(), m.end()) for m in a.find_iter(HAYSTACK)]
        self.assertEqual(matches, [(1, 13, 18), (0, 28, 33), (2, 43, 50)])

    def test_the_iterator_keeps_its_haystack_and_automaton(self):
        a = ac.AhoCorasick([b"ab"])
        hay = bytearray(b"ab ab")
        it = a.find_iter(hay)
        del a
        hay[:] = b""  # the iterator searches the copy made at the call
        self.assertEqual([m.start() for m in it], [0, 3])

    def test_find_overlapping_iter(self):
        a = ac.AhoCorasick([b"append", b"appendage", b"app"])
        found = [(m.pattern().as_usize(), m.end()) for m in a.find_overlapping_iter(b"append the app to the appendage")]
        self.assertEqual(found, [(2, 3), (0, 6), (2, 14), (2, 25), (0, 28), (1, 31)])


class TestBuilder(unittest.TestCase):
    def test_steps_chain_and_build(self):
        b = ac.AhoCorasickBuilder()
        self.assertIs(b.ascii_case_insensitive(True), b)
        a = b.match_kind(ac.MatchKind.LeftmostFirst).build([b"apple", b"maple"])
        m = a.find(b"Nobody likes MAPLE syrup")
        self.assertEqual((m.start(), m.end(), m.pattern().as_usize()), (13, 18, 1))


if __name__ == "__main__":
    unittest.main()
