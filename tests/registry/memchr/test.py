"""The real memchr 2.8.3 crate from crates.io, bound unmodified: its documented
everyday use, through results that borrow (MAPPING: Borrowed results).

- `memchr_iter(needle, haystack) -> Memchr<'h>` and `memmem::find_iter(haystack,
  needle) -> FindIter<'h, 'n>` are iterators that borrow their arguments: the
  iterator object keeps the haystack (a `bytes` by reference; another buffer
  as a `bytes` copy made at the call, since Python could change it).
- `memmem::Finder::new(needle) -> Finder<'n>` borrows its needle (kept the
  same way); `Finder::find_iter(&'a self, haystack: &'h [u8]) -> FindIter<'h,
  'a>` borrows the finder too: while the iterator lives, the finder is borrowed.
- `Finder::into_owned(self) -> Finder<'static>` owns its needle: it keeps
  nothing.
- A custom byte-frequency heuristic (MAPPING: Callbacks and traits): the trait
  `arch::all::packedpair::HeuristicFrequencyRank` is a Protocol class, and
  `FinderBuilder::build_forward_with_ranker<R: HeuristicFrequencyRank>` and
  `Pair::with_ranker` take any Python object with a `rank(byte) -> int`.
"""

import gc
import sys
import unittest

import memchr as mc


def fresh(data):
    """A bytes object no other reference holds."""
    return b"".join([bytes([b]) for b in data])


class TestSingleBytes(unittest.TestCase):
    def test_memchr_family(self):
        self.assertEqual(mc.memchr(ord("k"), b"xyzaxqk"), 6)
        self.assertIsNone(mc.memchr(ord("k"), b"xyz"))
        self.assertEqual(mc.memrchr(ord("a"), b"abcabc"), 3)
        self.assertEqual(mc.memchr2(ord("a"), ord("z"), b"xxzxa"), 2)
        self.assertEqual(mc.memchr3(ord("q"), ord("r"), ord("c"), b"abcd"), 2)

    def test_memchr_iter_borrows_its_haystack(self):
        hay = fresh(b"abcabca")
        before = sys.getrefcount(hay)
        it = mc.memchr_iter(ord("a"), hay)
        self.assertEqual(sys.getrefcount(hay), before + 1)  # kept, not copied
        del hay
        gc.collect()
        self.assertEqual(list(it), [0, 3, 6])
        self.assertEqual(list(mc.memchr3_iter(97, 98, 99, b"abcd")), [0, 1, 2])

    def test_a_mutable_haystack_is_searched_as_it_was_at_the_call(self):
        hay = bytearray(b"a-a-a")
        it = mc.memchr_iter(ord("a"), hay)
        hay[:] = b"no match here, and longer than before"
        self.assertEqual(list(it), [0, 2, 4])


class TestMemmem(unittest.TestCase):
    def test_find_and_find_iter(self):
        self.assertEqual(mc.memmem.find(b"foo bar baz", b"bar"), 4)
        self.assertEqual(mc.memmem.rfind(b"foo bar baz", b"ba"), 8)
        self.assertEqual(list(mc.memmem.find_iter(b"foo bar baz", b"ba")), [4, 8])

    def test_finder_reused_across_haystacks(self):
        finder = mc.memmem.Finder(b"ba")
        self.assertEqual(finder.needle(), b"ba")
        self.assertEqual(finder.find(b"foo bar baz"), 4)
        self.assertEqual(list(finder.find_iter(b"foo bar baz")), [4, 8])
        self.assertEqual(list(finder.find_iter(b"nothing")), [])

    def test_finder_keeps_its_needle(self):
        needle = fresh(b"needle")
        finder = mc.memmem.Finder(needle)
        del needle
        gc.collect()
        self.assertEqual(finder.find(b"a needle in a haystack"), 2)

    def test_the_iterator_keeps_the_finder(self):
        it = mc.memmem.Finder(b"x").find_iter(b"axbx")
        gc.collect()
        self.assertEqual(list(it), [1, 3])

    def test_into_owned_and_reverse(self):
        owned = mc.memmem.Finder(fresh(b"ab")).into_owned()
        self.assertEqual(owned.find(b"xxab"), 2)
        rev = mc.memmem.FinderRev(b"ba")
        self.assertEqual(rev.rfind(b"foo bar baz"), 8)
        self.assertEqual(list(rev.rfind_iter(b"foo bar baz")), [8, 4])


class Ranker:
    """Says every byte is common but `z` (rank 0: the rarest)."""

    def __init__(self):
        self.asked = []

    def rank(self, byte):
        self.asked.append(byte)
        return 0 if byte == ord("z") else 255


class TestCustomHeuristic(unittest.TestCase):
    def test_finder_with_a_python_ranker(self):
        from memchr.arch.all.packedpair import HeuristicFrequencyRank

        ranker = Ranker()
        self.assertIsInstance(ranker, HeuristicFrequencyRank)
        finder = mc.memmem.FinderBuilder().build_forward_with_ranker(ranker, b"fizzbuzz")
        self.assertEqual(finder.find(b"a fizzbuzz here"), 2)
        self.assertIsNone(finder.find(b"fizz buzz"))
        # The builder asked Python about the needle's bytes.
        self.assertTrue(set(ranker.asked) <= set(b"fizzbuzz"))
        self.assertIn(ord("z"), ranker.asked)

    def test_pair_picks_the_bytes_the_ranker_calls_rare(self):
        from memchr.arch.all.packedpair import Pair

        pair = Pair.with_ranker(b"abzcd", Ranker())
        self.assertEqual(b"abzcd"[pair.index1()], ord("z"))

    def test_an_exception_in_the_ranker_propagates(self):
        class Broken:
            def rank(self, byte):
                raise KeyError(byte)

        with self.assertRaises(KeyError):
            mc.memmem.FinderBuilder().build_forward_with_ranker(Broken(), b"needle")
        with self.assertRaises(TypeError):
            mc.memmem.FinderBuilder().build_forward_with_ranker(object(), b"needle")


if __name__ == "__main__":
    unittest.main()
