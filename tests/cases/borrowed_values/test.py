"""Results that borrow but are plain values: each is copied into a Python value
before the call returns (`&str`, `&[u8]`, `&i64`, `Option<&str>`, `Vec<&str>`,
`&String`, `&Vec<T>`, `&Path`), and `&'static` fields read as read-only
attributes."""

import pathlib
import unittest

import borrowed_values as m


class TestFreeFunctions(unittest.TestCase):
    def test_static_str_and_bytes(self):
        self.assertEqual(m.greeting(), "hello")
        self.assertEqual(m.magic(), b"\x00rsbind\xff")
        self.assertIsInstance(m.magic(), bytes)

    def test_str_borrowed_from_an_argument(self):
        s = "héllo wörld"
        w = m.first_word(s)
        self.assertEqual(w, "héllo")
        self.assertIsInstance(w, str)
        self.assertEqual(m.first_word("   "), "")

    def test_option_str(self):
        self.assertEqual(m.maybe_first_word("  a b"), "a")
        self.assertIsNone(m.maybe_first_word("   "))

    def test_vec_of_str(self):
        self.assertEqual(m.words(" one  two 🦀 "), ["one", "two", "🦀"])
        self.assertEqual(m.words(""), [])
        self.assertEqual(m.names(), ["ann", "bob"])

    def test_bytes_borrowed_from_an_argument(self):
        data = bytearray(b"abcdef")
        p = m.prefix(data, 3)
        self.assertEqual(p, b"abc")
        self.assertIsInstance(p, bytes)
        # A copy: changing the argument afterwards does not change the result.
        data[0] = ord("z")
        self.assertEqual(p, b"abc")
        self.assertEqual(m.prefix(b"ab", 10), b"ab")

    def test_option_bytes(self):
        self.assertEqual(m.after_nul(b"key\x00value"), b"value")
        self.assertEqual(m.after_nul(b"\x00"), b"")
        self.assertIsNone(m.after_nul(b"none"))

    def test_option_ref_int(self):
        self.assertEqual(m.largest([3, 9, -2]), 9)
        self.assertIsNone(m.largest([]))

    def test_slice_of_numbers_is_a_copy_in_a_vector(self):
        xs = [1.0, 2.0, 3.0]
        t = m.tail(xs, 1)
        self.assertEqual(list(t), [2.0, 3.0])
        self.assertEqual(type(t).__name__, "VecF64")
        t[0] = 10.0
        self.assertEqual(xs, [1.0, 2.0, 3.0])
        self.assertEqual(list(m.tail(xs, 5)), [])

    def test_option_path(self):
        p = m.parent_of("/a/b/c.txt")
        self.assertIsInstance(p, pathlib.Path)
        self.assertEqual(p, pathlib.Path("/a/b"))
        self.assertIsNone(m.parent_of("/"))

    def test_os_str_is_skipped(self):
        self.assertFalse(hasattr(m, "file_name_of"))


class TestMethodsBorrowingSelf(unittest.TestCase):
    def setUp(self):
        self.r = m.Record("joe")

    def test_str_and_string(self):
        self.assertEqual(self.r.name(), "joe")
        self.assertEqual(self.r.name_string(), "joe")

    def test_option_str_and_option_string(self):
        self.assertIsNone(self.r.note())
        self.assertIsNone(self.r.note_string())
        self.r.set_note("hi")
        self.assertEqual(self.r.note(), "hi")
        self.assertEqual(self.r.note_string(), "hi")

    def test_vec_and_slices_of_strings(self):
        self.assertEqual(self.r.tags(), ["a", "bc"])
        self.assertEqual(self.r.tag_slice(), ["a", "bc"])
        self.assertEqual(self.r.tag_vec(), ["a", "bc"])
        self.assertEqual(self.r.tag(1), "bc")
        self.assertIsNone(self.r.tag(2))
        self.assertEqual(self.r.tag_str(0), "a")
        self.assertIsNone(self.r.tag_str(9))

    def test_results_are_copies_not_views(self):
        tags = self.r.tags()
        tag_vec = self.r.tag_vec()
        scores = self.r.scores()
        # The owner can change while the copies live, and they keep their value.
        self.r.push_tag("new")
        self.assertEqual(tags, ["a", "bc"])
        self.assertEqual(tag_vec, ["a", "bc"])
        self.assertEqual(self.r.tags(), ["a", "bc", "new"])
        scores[0] = 99
        self.assertEqual(list(self.r.scores()), [10, 20, 30])
        # And outlive it.
        del self.r
        self.assertEqual(list(scores), [99, 20, 30])

    def test_bytes(self):
        self.assertEqual(self.r.data(), b"\x01\x02\x03")
        self.assertEqual(self.r.data_vec(), b"\x01\x02\x03")
        self.assertIsInstance(self.r.data_vec(), bytes)

    def test_numbers_in_vector_objects(self):
        self.assertEqual(list(self.r.scores()), [10, 20, 30])
        self.assertEqual(type(self.r.scores()).__name__, "VecI64")
        self.assertEqual(list(self.r.scores_vec()), [10, 20, 30])
        self.assertEqual(list(self.r.weights()), [0.5, 1.5])

    def test_ref_scalars(self):
        self.assertEqual(self.r.first_score(), 10)
        self.assertEqual(self.r.score(2), 30)
        self.assertIsNone(self.r.score(3))
        self.assertEqual(self.r.weight(1), 1.5)
        self.assertIsNone(self.r.weight(2))
        self.assertIs(self.r.flag(), True)
        self.assertEqual(self.r.letter(), "é")

    def test_paths(self):
        self.assertEqual(self.r.home(), pathlib.Path("/tmp/home"))
        self.assertIsInstance(self.r.home(), pathlib.Path)
        self.assertEqual(self.r.home_buf(), pathlib.Path("/tmp/home"))

    def test_tuple_of_borrows(self):
        self.assertEqual(self.r.pair(), ("joe", "a"))

    def test_refs_of_owned_values_are_clones(self):
        self.assertIsNone(self.r.note_ref())
        self.r.set_note("n")
        self.assertEqual(self.r.note_ref(), "n")
        self.assertEqual(self.r.stored_pair(), (7, "seven"))
        self.assertEqual(list(self.r.corners()), [1, 2, 3])
        self.assertEqual(self.r.code(), "X1")

    def test_options_of_borrowed_collections(self):
        self.assertEqual(list(self.r.some_scores()), [10, 20, 30])
        self.assertEqual(type(self.r.some_scores()).__name__, "VecI64")
        self.assertEqual(list(self.r.some_scores_vec()), [10, 20, 30])
        self.assertEqual(self.r.some_home(), pathlib.Path("/tmp/home"))

    def test_collections_of_borrows(self):
        self.assertEqual(self.r.chunks(), [b"\x01\x02", b""])
        self.assertEqual(list(self.r.score_refs()), [10, 20, 30])
        self.assertEqual(self.r.tag_refs(), ["a", "bc"])
        self.assertEqual(
            self.r.folders(),
            [pathlib.Path("/tmp/home"), pathlib.Path("/tmp"), pathlib.Path("/")],
        )
        self.assertEqual(self.r.counts(), {"k": 5})


class TestBorrowsOfValuesThatCannotBeCopied(unittest.TestCase):
    def test_left_for_views(self):
        h = m.Holder(4)
        self.assertEqual(h.id(), 4)
        # `&Option<Handle>` of a type that is not `Clone` needs a view.
        self.assertFalse(hasattr(h, "handle"))


class TestStaticFields(unittest.TestCase):
    def test_static_str_field_reads_as_str(self):
        u = m.Unit.metre()
        self.assertEqual(u.symbol, "m")
        self.assertIsInstance(u.symbol, str)
        self.assertEqual(u.short(), "m")
        self.assertEqual(u.factor, 1.0)

    def test_static_field_is_read_only(self):
        u = m.Unit.metre()
        with self.assertRaises(AttributeError):
            u.symbol = "km"
        self.assertEqual(u.symbol, "m")
        # The other fields stay writable.
        u.factor = 1000.0
        self.assertEqual(u.factor, 1000.0)

    def test_static_fields_of_other_shapes(self):
        l = m.Label.sized(20)
        self.assertEqual(l.text, "big")
        self.assertEqual(l.raw, b"\x01\x02")
        self.assertEqual(l.aliases, ["x", "y"])
        with self.assertRaises(AttributeError):
            l.text = "x"
        with self.assertRaises(AttributeError):
            l.aliases = None

    def test_not_built_from_fields(self):
        # A read-only field cannot be a constructor argument: Label has
        # `Default`, so `Label()` builds it.
        l = m.Label()
        self.assertEqual((l.text, l.raw, l.aliases, l.size), ("", b"", None, 0))
        l.size = 5
        self.assertEqual(l.size, 5)
        with self.assertRaises(TypeError):
            m.Label(text="a")
        # Unit has neither all-writable fields nor `new` nor `Default`.
        with self.assertRaises(TypeError):
            m.Unit()

    def test_copies_keep_the_static_field(self):
        import copy

        u = copy.copy(m.Unit.metre())
        self.assertEqual(u.symbol, "m")


if __name__ == "__main__":
    unittest.main()
