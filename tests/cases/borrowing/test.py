"""Results that borrow from arguments and from `self` (MAPPING: Borrowed
results): objects of classes with lifetime parameters keep every object their
value may point into, and hold a borrow of the bound one."""

import gc
import resource
import sys
import unittest

import borrowing


def max_rss_kib():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        rss //= 1024
    return rss


def fresh(text):
    """A str object no other reference holds (not interned, not a constant)."""
    return "".join(list(text))


class TestBorrowsAnArgument(unittest.TestCase):
    def test_match_keeps_its_text(self):
        p = borrowing.Pattern("fox")
        text = fresh("the quick fox jumps")
        before = sys.getrefcount(text)
        m = p.find(text)
        self.assertIsInstance(m, borrowing.Match)
        self.assertEqual(sys.getrefcount(text), before + 1)  # referenced, not copied
        del text
        gc.collect()
        self.assertEqual((m.start(), m.end(), m.as_str()), (10, 13, "fox"))
        self.assertEqual(m.haystack(), "the quick fox jumps")
        self.assertEqual(str(m), "fox")
        self.assertIsNone(p.find("no such word"))

    def test_borrowing_only_the_argument_leaves_the_pattern_free(self):
        p = borrowing.Pattern("fox")
        m = p.find(fresh("a fox"))
        p.set_word("dog")  # `find` borrows the haystack, not the pattern
        self.assertEqual(m.as_str(), "fox")

    def test_free_functions_and_borrowing_arguments(self):
        m = borrowing.whole(fresh("abcd"))
        self.assertEqual(m.as_str(), "abcd")
        self.assertEqual(borrowing.match_len(m), 4)
        f = borrowing.finder(bytes(b"zz"))
        self.assertEqual(f.needle(), b"zz")

    def test_a_mutable_buffer_is_copied_once_for_the_result(self):
        needle = bytearray(b"ab")
        f = borrowing.Finder(needle)
        needle[:] = b"xyz"  # neither refused (no buffer is held) nor seen by f
        self.assertEqual(f.needle(), b"ab")
        self.assertEqual(f.find(b"xxab"), 2)
        with self.assertRaisesRegex(TypeError, "needle"):
            borrowing.Finder("ab")

    def test_copies_of_a_borrowing_value_keep_the_same_text(self):
        m = borrowing.whole(fresh("copied"))
        import copy

        c = copy.copy(m)
        del m
        gc.collect()
        self.assertEqual(c.as_str(), "copied")


class TestBorrowsSelf(unittest.TestCase):
    def test_iterator_borrows_the_pattern_and_the_text(self):
        p = borrowing.Pattern("and")
        it = p.find_iter(fresh("and or and"))
        self.assertIsInstance(it, borrowing.Matches)
        with self.assertRaisesRegex(RuntimeError, "Pattern object is borrowed by a live view"):
            p.set_word("or")
        found = [(m.start(), str(m)) for m in it]
        self.assertEqual(found, [(0, "and"), (7, "and")])
        del it
        p.set_word("or")  # free again once the iterator is gone
        self.assertEqual(p.find("and or").start(), 4)

    def test_items_keep_the_iterator_and_what_it_borrows(self):
        p = borrowing.Pattern("ab")
        items = list(p.find_iter(fresh("ab-ab")))
        del p
        gc.collect()
        self.assertEqual([m.as_str() for m in items], ["ab", "ab"])

    def test_finder_iterator_over_a_haystack(self):
        f = borrowing.Finder(b"ab")
        hay = bytearray(b"ab ab ab")
        it = f.find_iter(hay)
        hay[:] = b""  # the iterator reads the copy taken at the call
        self.assertEqual(list(it), [0, 3, 6])
        self.assertEqual(f.find_iter(b"xab").haystack(), b"xab")

    def test_result_borrowing_self_blocks_mutation_and_keeps_it_alive(self):
        d = borrowing.Document("hello world")
        w = d.first_word()
        self.assertEqual(w.as_str(), "hello")
        with self.assertRaisesRegex(RuntimeError, "Document object is borrowed by a live view"):
            d.push_str("!")
        del d
        gc.collect()
        self.assertEqual(w.as_str(), "hello")  # the document lives on in w

    def test_a_result_through_ref_self_and_a_str_borrows_both(self):
        # `fn shorter<'h>(&'h self, other: &'h str) -> Match<'h>`: the
        # interface file records `&'h self`, so the result borrows the
        # document as well as keeping `other`.
        d = borrowing.Document("hi")
        other = "a longer text"
        m = d.shorter(other)
        self.assertEqual(m.as_str(), "hi")
        with self.assertRaisesRegex(RuntimeError, "Document object is borrowed by a live view"):
            d.push_str("!")
        del m
        d.push_str(" there, long enough")
        m = d.shorter("x" * 5)
        self.assertEqual(m.as_str(), "xxxxx")  # points into the str argument
        del d
        gc.collect()
        self.assertEqual(m.as_str(), "xxxxx")

    def test_mutation_is_free_after_the_result_dies(self):
        d = borrowing.Document("hello")
        w = d.first_word()
        del w
        d.push_str(" there")
        self.assertEqual(d.first_word().haystack(), "hello there")


class TestIteratorsThatFunctionsReturn(unittest.TestCase):
    """`std::slice::Iter`, `std::str::Chars`, `std::vec::Drain` and `impl
    Iterator`: Python iterators that keep what they borrow."""

    def test_slice_iter_borrows_the_bag_until_exhausted(self):
        bag = borrowing.Bag(["apple", "kiwi", "fig"])
        it = bag.iter()
        self.assertIs(iter(it), it)
        self.assertEqual(next(it), "apple")
        with self.assertRaisesRegex(RuntimeError, "Bag object is borrowed by a live view"):
            bag.push("plum")
        self.assertEqual(list(it), ["kiwi", "fig"])
        bag.push("plum")  # an exhausted iterator lets go
        self.assertEqual(list(bag.iter()), ["apple", "kiwi", "fig", "plum"])

    def test_the_iterator_keeps_the_bag_alive(self):
        it = borrowing.Bag(["a", "b"]).iter()
        gc.collect()
        self.assertEqual(list(it), ["a", "b"])

    def test_impl_iterator_and_chars(self):
        bag = borrowing.Bag(["apple", "fig"])
        self.assertEqual(list(bag.lengths()), [5, 3])
        self.assertEqual("".join(bag.first_chars()), "apple")
        self.assertEqual(list(borrowing.count_up(4)), [0, 1, 2, 3])

    def test_drain_borrows_exclusively(self):
        bag = borrowing.Bag(["x", "y"])
        d = bag.drain()
        with self.assertRaisesRegex(RuntimeError, "Bag object is borrowed by a live view"):
            bag.iter()
        self.assertEqual(list(d), ["x", "y"])
        self.assertEqual(list(bag.iter()), [])

    def test_an_iterator_over_an_argument_keeps_it(self):
        words = borrowing.split_words(fresh("one two  three"))
        gc.collect()
        self.assertEqual(list(words), ["one", "two", "three"])

    def test_iterators_cannot_be_made_from_python(self):
        it_type = type(borrowing.count_up(1))
        with self.assertRaises(TypeError):
            it_type()


class TestLentForGood(unittest.TestCase):
    """`&'static T`: consts are views of static memory; an object lent as
    `&'static` is pinned: its value is the program's from then on."""

    def test_a_const_reference_is_a_read_only_view(self):
        self.assertTrue(borrowing.VOWELS.contains(ord("e")))
        self.assertEqual(borrowing.count_in("education", borrowing.VOWELS), 5)
        with self.assertRaisesRegex(RuntimeError, "ByteSet object is a read-only view"):
            borrowing.VOWELS.insert(ord("y"))

    def test_an_object_lent_for_good_outlives_its_python_object(self):
        s = borrowing.VOWELS.add(ord("y"))
        s.insert(ord("w"))  # its own value: free to change before it is lent
        borrowing.remember(s)
        with self.assertRaisesRegex(RuntimeError, "ByteSet object is a read-only view"):
            s.insert(ord("z"))
        del s
        gc.collect()
        self.assertTrue(borrowing.remembered_contains(ord("y")))
        self.assertTrue(borrowing.remembered_contains(ord("w")))

    def test_a_pinned_object_is_lent_again_without_a_copy(self):
        s = borrowing.VOWELS.add(ord("x"))
        self.assertEqual(borrowing.count_in("xyz", s), 1)
        self.assertEqual(borrowing.count_in("xx", s), 2)


class TestMemory(unittest.TestCase):
    def test_a_million_borrowing_results_do_not_grow_memory(self):
        p = borrowing.Pattern("b")
        text = fresh("abc")
        before_refs = sys.getrefcount(text)
        for _ in range(100_000):
            p.find(text)
        start = max_rss_kib()
        for _ in range(1_000_000):
            m = p.find(text)
            m.start()
        del m
        self.assertLess(max_rss_kib() - start, 10_000)
        self.assertEqual(sys.getrefcount(text), before_refs)

    def test_a_million_iterator_steps_do_not_grow_memory(self):
        bag = borrowing.Bag(["word"] * 1000)
        for _ in range(100):
            list(bag.iter())
        start = max_rss_kib()
        for _ in range(1000):
            for _ in bag.iter():
                pass
        self.assertLess(max_rss_kib() - start, 10_000)


if __name__ == "__main__":
    unittest.main()
