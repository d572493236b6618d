"""Collections of other items: lists of strings, tuples, options, classes and
nested vectors; maps as dicts and sets as sets; errors that name the item;
reference counts and memory."""

import array
import collections.abc
import gc
import resource
import sys
import types
import unittest
from collections import OrderedDict

import collections_general as m


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def check_no_growth(test, round_fn, rounds=200, warmup=20):
    """Runs `round_fn` `warmup` times, then `rounds` times, and checks that the
    peak RSS grew by less than 10 MB over the second run."""
    for _ in range(warmup):
        round_fn()
    gc.collect()
    before = max_rss_kib()
    for _ in range(rounds):
        round_fn()
    gc.collect()
    grown = max_rss_kib() - before
    test.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")


class Words(collections.abc.Sequence):
    """A sequence that is neither a list nor a tuple."""

    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


class Ranks(collections.abc.Mapping):
    """A mapping that is not a dict."""

    def __init__(self, data):
        self.data = dict(data)

    def __getitem__(self, key):
        return self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)


class TestModule(unittest.TestCase):
    def test_names_constant(self):
        self.assertIs(type(m.NAMES), list)
        self.assertEqual(m.NAMES, ["alpha", "beta"])


class TestStrings(unittest.TestCase):
    def test_join(self):
        self.assertEqual(m.join(["a", "b", "c"], "-"), "a-b-c")
        self.assertEqual(m.join([], "-"), "")
        self.assertEqual(m.join(words=["x"], sep=", "), "x")

    def test_join_any_sequence(self):
        self.assertEqual(m.join(("a", "b"), "+"), "a+b")
        self.assertEqual(m.join(Words("p", "q"), ""), "pq")
        self.assertEqual(m.join(["é", "😀"], "|"), "é|😀")

    def test_join_rejects_str(self):
        with self.assertRaisesRegex(TypeError, r"join\(\) argument 'words'"):
            m.join("abc", "-")

    def test_join_rejects_non_sequences(self):
        for bad in (5, None):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"join\(\) argument 'words'"):
                    m.join(bad, "-")

    def test_join_wrong_item_names_item(self):
        with self.assertRaisesRegex(TypeError, r"join\(\) argument 'words' item 1 must be str, not int"):
            m.join(["a", 1], "-")
        with self.assertRaisesRegex(TypeError, r"join\(\) argument 'words' item 2 must be str, not bytes"):
            m.join(["a", "b", b"c"], "-")

    def test_lone_surrogate_item(self):
        with self.assertRaises(UnicodeEncodeError):
            m.join(["a", "\ud800"], "-")

    def test_join_strs(self):
        self.assertEqual(m.join_strs(["hello", "world"]), "hello world")
        self.assertEqual(m.join_strs(("a",)), "a")
        self.assertEqual(m.join_strs([]), "")
        with self.assertRaisesRegex(TypeError, r"join_strs\(\) argument 'words' item 0 must be str, not int"):
            m.join_strs([1])
        with self.assertRaisesRegex(TypeError, r"join_strs\(\) argument 'words'"):
            m.join_strs("ab")

    def test_words_returns_list_of_str(self):
        out = m.words("  the quick\tbrown  fox ")
        self.assertIs(type(out), list)
        self.assertEqual(out, ["the", "quick", "brown", "fox"])
        self.assertTrue(all(type(w) is str for w in out))
        self.assertEqual(m.words(""), [])

    def test_shout(self):
        out = m.shout(["abc", "ß"])
        self.assertIs(type(out), list)
        self.assertEqual(out, ["ABC", "SS"])

    def test_returned_list_is_a_fresh_list(self):
        a = m.shout(["x"])
        a.append("y")
        self.assertEqual(m.shout(["x"]), ["X"])

    def test_chars(self):
        self.assertEqual(m.chars("aé😀"), ["a", "é", "😀"])
        self.assertIs(type(m.chars("ab")), list)

    def test_from_chars(self):
        self.assertEqual(m.from_chars(["a", "b", "😀"]), "ab😀")
        self.assertEqual(m.from_chars(("x",)), "x")

    def test_from_chars_rejects_str(self):
        with self.assertRaisesRegex(TypeError, r"from_chars\(\) argument 'cs'"):
            m.from_chars("ab")

    def test_from_chars_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"from_chars\(\) argument 'cs' item 1"):
            m.from_chars(["a", 5])
        with self.assertRaisesRegex(ValueError, r"from_chars\(\) argument 'cs' item 0"):
            m.from_chars(["ab"])

    def test_longest_takes_vec_by_reference(self):
        self.assertEqual(m.longest(["a", "abc", "xyz", "ab"]), "abc")
        self.assertIsNone(m.longest([]))
        with self.assertRaisesRegex(TypeError, r"longest\(\) argument 'words' item 1"):
            m.longest(["a", None])

    def test_opt_list(self):
        out = m.opt_list(True)
        self.assertIs(type(out), list)
        self.assertEqual(out, ["x", "y"])
        self.assertIsNone(m.opt_list(False))

    def test_count_opt(self):
        self.assertEqual(m.count_opt(), 0)
        self.assertEqual(m.count_opt(None), 0)
        self.assertEqual(m.count_opt(["a", "b"]), 2)
        self.assertEqual(m.count_opt(words=()), 0)
        with self.assertRaisesRegex(TypeError, r"count_opt\(\) argument 'words' item 0"):
            m.count_opt([1])


class TestTuples(unittest.TestCase):
    def test_pairs(self):
        out = m.pairs()
        self.assertIs(type(out), list)
        self.assertEqual(out, [("a", 1), ("b", 2), ("c", 3)])
        self.assertTrue(all(type(p) is tuple for p in out))

    def test_pair_total(self):
        self.assertEqual(m.pair_total([("a", 1), ("b", 2)]), 3)
        self.assertEqual(m.pair_total((["a", 5],)), 5)
        self.assertEqual(m.pair_total(m.pairs()), 6)
        self.assertEqual(m.pair_total([]), 0)

    def test_pair_total_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"pair_total\(\) argument 'ps' item 1"):
            m.pair_total([("a", 1), ("b", "x")])
        with self.assertRaisesRegex(OverflowError, r"pair_total\(\) argument 'ps' item 0"):
            m.pair_total([("a", -1)])
        with self.assertRaisesRegex(ValueError, r"pair_total\(\) argument 'ps' item 0"):
            m.pair_total([("a", 1, 2)])
        with self.assertRaisesRegex(TypeError, r"pair_total\(\) argument 'ps' item 1"):
            m.pair_total([("a", 1), 7])

    def test_labelled_tuple_of_list_and_vector(self):
        out = m.labelled()
        self.assertIs(type(out), tuple)
        names, values = out
        self.assertIs(type(names), list)
        self.assertEqual(names, ["a", "b"])
        self.assertEqual(type(values).__name__, "VecF64")
        self.assertEqual(list(values), [1.0, 2.0])


class TestOptions(unittest.TestCase):
    def test_maybe_items(self):
        self.assertEqual(m.maybe_items([1, None, 3]), 4)
        self.assertEqual(m.maybe_items([None, None]), 0)
        self.assertEqual(m.maybe_items(()), 0)
        self.assertEqual(m.maybe_items((None, 5)), 5)

    def test_maybe_items_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"maybe_items\(\) argument 'v' item 1 must be int, not str"):
            m.maybe_items([1, "x"])
        with self.assertRaisesRegex(OverflowError, r"maybe_items\(\) argument 'v' item 2"):
            m.maybe_items([None, 1, 2**31])

    def test_maybe_list_is_a_plain_list(self):
        out = m.maybe_list(5)
        self.assertIs(type(out), list)
        self.assertEqual(out, [0, None, 2, None, 4])
        self.assertEqual(m.maybe_list(0), [])


class TestNested(unittest.TestCase):
    def test_nested_is_list_of_vectors(self):
        out = m.nested(3)
        self.assertIs(type(out), list)
        self.assertEqual(len(out), 3)
        for row in out:
            self.assertEqual(type(row).__name__, "VecI32")
        self.assertEqual([list(v) for v in out], [[0], [0, 1], [0, 1, 2]])
        self.assertEqual(m.nested(0), [])

    def test_nested_rows_are_independent(self):
        out = m.nested(2)
        out[1][0] = 9
        self.assertEqual(list(out[0]), [0])
        self.assertEqual(list(out[1]), [9, 1])

    def test_sum_nested(self):
        self.assertEqual(m.sum_nested([[1, 2], [3]]), 6)
        self.assertEqual(m.sum_nested(([1], (2, 3), range(4))), 12)
        self.assertEqual(m.sum_nested([]), 0)
        self.assertEqual(m.sum_nested([[], []]), 0)
        self.assertEqual(m.sum_nested([array.array("i", [1, 2]), array.array("q", [3])]), 6)
        self.assertEqual(m.sum_nested(m.nested(3)), 4)

    def test_sum_nested_errors_name_items(self):
        with self.assertRaisesRegex(TypeError, r"sum_nested\(\) argument 'v' item 1\b"):
            m.sum_nested([[1], [2, "x"]])
        with self.assertRaisesRegex(TypeError, r"sum_nested\(\) argument 'v' item 0\b"):
            m.sum_nested([1])
        with self.assertRaisesRegex(TypeError, r"sum_nested\(\) argument 'v' item 0\b"):
            m.sum_nested(["ab"])
        with self.assertRaisesRegex(TypeError, r"sum_nested\(\) argument 'v'"):
            m.sum_nested(5)

    def test_word_rows_are_lists(self):
        out = m.word_rows()
        self.assertEqual(out, [["a", "b"], ["c"]])
        self.assertTrue(all(type(r) is list for r in out))


class TestMaps(unittest.TestCase):
    def test_word_counts(self):
        out = m.word_counts("the cat saw the hat")
        self.assertIs(type(out), dict)
        self.assertEqual(out, {"the": 2, "cat": 1, "saw": 1, "hat": 1})
        self.assertEqual(m.word_counts(""), {})

    def test_word_counts_rejects_list(self):
        with self.assertRaisesRegex(TypeError, r"word_counts\(\) argument 'text'"):
            m.word_counts(["a"])

    def test_invert_keeps_key_order(self):
        out = m.invert({"b": 2, "c": 3, "a": 1})
        self.assertIs(type(out), dict)
        self.assertEqual(out, {1: "a", 2: "b", 3: "c"})
        self.assertEqual(list(out), [1, 2, 3])
        out = m.invert({"x": 30, "y": 10, "z": 20})
        self.assertEqual(list(out.items()), [(10, "y"), (20, "z"), (30, "x")])

    def test_invert_same_values(self):
        self.assertEqual(m.invert({"b": 1, "a": 1}), {1: "b"})
        self.assertEqual(m.invert({}), {})

    def test_invert_any_mapping(self):
        expected = {1: "a", 2: "b"}
        self.assertEqual(m.invert(types.MappingProxyType({"a": 1, "b": 2})), expected)
        self.assertEqual(m.invert(Ranks({"b": 2, "a": 1})), expected)
        self.assertEqual(m.invert(OrderedDict([("b", 2), ("a", 1)])), expected)

        class MyDict(dict):
            pass

        self.assertEqual(m.invert(MyDict(a=1, b=2)), expected)

    def test_invert_rejects_non_mappings(self):
        for bad in ([("a", 1)], "ab", 5, None, {"a", "b"}):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"invert\(\) argument 'm'"):
                    m.invert(bad)

    def test_invert_wrong_keys_and_values(self):
        with self.assertRaisesRegex(TypeError, r"invert\(\) argument 'm'"):
            m.invert({"a": "x"})
        with self.assertRaisesRegex(TypeError, r"invert\(\) argument 'm'"):
            m.invert({1: 1})
        with self.assertRaisesRegex(OverflowError, r"invert\(\) argument 'm'"):
            m.invert({"a": -1})
        with self.assertRaisesRegex(OverflowError, r"invert\(\) argument 'm'"):
            m.invert({"a": 2**32})

    def test_grouped_values_are_vectors(self):
        out = m.grouped()
        self.assertIs(type(out), dict)
        self.assertEqual(sorted(out), ["a", "b"])
        self.assertEqual(type(out["a"]).__name__, "VecF64")
        self.assertEqual(list(out["a"]), [1.0, 2.0])
        self.assertEqual(list(out["b"]), [3.5])

    def test_totals(self):
        out = m.totals({"b": [1, 2], "a": (0.5,), "c": array.array("d", [1.5, 1.5]), "d": []})
        self.assertIs(type(out), dict)
        self.assertEqual(out, {"a": 0.5, "b": 3.0, "c": 3.0, "d": 0.0})
        self.assertEqual(list(out), ["a", "b", "c", "d"])
        self.assertEqual(m.totals(m.grouped()), {"a": 3.0, "b": 3.5})

    def test_totals_wrong_value(self):
        with self.assertRaisesRegex(TypeError, r"totals\(\) argument 'm'"):
            m.totals({"a": [1.0, "x"]})
        with self.assertRaisesRegex(TypeError, r"totals\(\) argument 'm'"):
            m.totals({"a": 1.0})

    def test_index_dict_of_sets(self):
        out = m.index(["apple", "banana", "avocado", "apple", ""])
        self.assertIs(type(out), dict)
        self.assertEqual(out, {"a": {"apple", "avocado"}, "b": {"banana"}})
        self.assertEqual(list(out), ["a", "b"])
        self.assertTrue(all(type(v) is set for v in out.values()))

    def test_grid_tuple_keys(self):
        out = m.grid(2)
        self.assertEqual(out, {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1})
        self.assertTrue(all(type(k) is tuple for k in out))
        self.assertEqual(m.grid(0), {})

    def test_records_list_of_dicts(self):
        out = m.records()
        self.assertEqual(out, [{"id": 1, "score": 10}, {"id": 2, "score": 20}])
        self.assertTrue(all(type(r) is dict for r in out))

    def test_lookup_takes_map_by_reference(self):
        self.assertEqual(m.lookup({"a": 1, "b": 2}, "b"), 2)
        self.assertIsNone(m.lookup({}, "a"))
        self.assertEqual(m.lookup(Ranks({"k": 7}), "k"), 7)
        with self.assertRaisesRegex(TypeError, r"lookup\(\) argument 'm'"):
            m.lookup(["a"], "a")

    def test_returned_dict_is_fresh(self):
        a = m.word_counts("x")
        a["y"] = 1
        self.assertEqual(m.word_counts("x"), {"x": 1})


class TestSets(unittest.TestCase):
    def test_unique(self):
        out = m.unique(["b", "a", "b", "c", "a"])
        self.assertIs(type(out), set)
        self.assertEqual(out, {"a", "b", "c"})
        self.assertEqual(m.unique([]), set())

    def test_unique_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"unique\(\) argument 'words' item 1 must be str, not NoneType"):
            m.unique(["a", None])

    def test_sorted_from_any_iterable(self):
        expected = ["a", "b", "c"]
        self.assertEqual(m.sorted({"c", "a", "b"}), expected)
        self.assertEqual(m.sorted(frozenset({"b", "c", "a"})), expected)
        self.assertEqual(m.sorted(["c", "b", "a", "b"]), expected)
        self.assertEqual(m.sorted(("b", "a", "c")), expected)
        self.assertEqual(m.sorted(w for w in ["c", "a", "b"]), expected)
        self.assertEqual(m.sorted(iter(["b", "c", "a"])), expected)
        self.assertEqual(m.sorted({"a": 1, "c": 2, "b": 3}.keys()), expected)
        self.assertEqual(m.sorted(set()), [])

    def test_sorted_returns_list(self):
        self.assertIs(type(m.sorted({"a"})), list)

    def test_sorted_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"sorted\(\) argument 'words'"):
            m.sorted({"a", 1})
        with self.assertRaisesRegex(TypeError, r"sorted\(\) argument 'words'"):
            m.sorted(5)
        with self.assertRaisesRegex(TypeError, r"sorted\(\) argument 'words'"):
            m.sorted(None)

    def test_iterator_error_propagates(self):
        class Boom(Exception):
            pass

        def gen():
            yield "a"
            raise Boom("from the generator")

        with self.assertRaises(Boom):
            m.sorted(gen())

    def test_letters(self):
        out = m.letters("hello")
        self.assertIs(type(out), set)
        self.assertEqual(out, {"h", "e", "l", "o"})
        self.assertEqual(m.letters(""), set())

    def test_common(self):
        self.assertEqual(m.common({1, 2, 3}, [2, 3, 4, 4]), {2, 3})
        self.assertEqual(m.common(range(10), (i * i for i in range(4))), {0, 1, 4, 9})
        self.assertIs(type(m.common(set(), set())), set)
        with self.assertRaisesRegex(TypeError, r"common\(\) argument 'b'"):
            m.common({1}, {"x"})
        with self.assertRaisesRegex(OverflowError, r"common\(\) argument 'a'"):
            m.common({2**40}, {1})

    def test_sorted_ints_is_a_vector(self):
        out = m.sorted_ints({3, -1, 2})
        self.assertEqual(type(out).__name__, "VecI64")
        self.assertEqual(list(out), [-1, 2, 3])
        self.assertEqual(list(m.sorted_ints([5, 5, 1])), [1, 5])
        self.assertEqual(memoryview(out).format, "q")


class TestPoints(unittest.TestCase):
    def test_points_list_of_instances(self):
        out = m.points(3)
        self.assertIs(type(out), list)
        self.assertEqual(len(out), 3)
        for p in out:
            self.assertIs(type(p), m.Point)
        self.assertEqual([(p.x, p.y) for p in out], [(0.0, 0.0), (1.0, 2.0), (2.0, 4.0)])
        self.assertEqual(out[1], m.Point(1.0, 2.0))
        self.assertEqual(m.points(0), [])

    def test_points_are_independent(self):
        out = m.points(2)
        out[0].x = 10.0
        self.assertEqual(out[1].x, 1.0)
        self.assertEqual(m.points(1)[0].x, 0.0)

    def test_centroid(self):
        c = m.centroid([m.Point(0.0, 0.0), m.Point(2.0, 4.0)])
        self.assertIs(type(c), m.Point)
        self.assertEqual((c.x, c.y), (1.0, 2.0))
        self.assertEqual(m.centroid(m.points(3)), m.Point(1.0, 2.0))
        self.assertEqual(m.centroid((m.Point(x=1.0, y=1.0),)), m.Point(1.0, 1.0))
        self.assertEqual(m.centroid([]), m.Point(0.0, 0.0))

    def test_centroid_leaves_points_usable(self):
        p = m.Point(3.0, 4.0)
        m.centroid([p, p])
        self.assertEqual((p.x, p.y), (3.0, 4.0))
        p.x = 5.0
        self.assertEqual(m.centroid([p]), m.Point(5.0, 4.0))

    def test_centroid_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"centroid\(\) argument 'points' item 1 must be Point, not tuple"):
            m.centroid([m.Point(0.0, 0.0), (1.0, 2.0)])
        with self.assertRaisesRegex(TypeError, r"centroid\(\) argument 'points' item 0 must be Point, not int"):
            m.centroid([5])
        with self.assertRaisesRegex(TypeError, r"centroid\(\) argument 'points'"):
            m.centroid(m.Point(0.0, 0.0))

    def test_shift_all_clones(self):
        ps = [m.Point(1.0, 1.0), m.Point(2.0, 2.0)]
        out = m.shift_all(ps, 10.0)
        self.assertEqual(out, [m.Point(11.0, 1.0), m.Point(12.0, 2.0)])
        self.assertEqual(ps, [m.Point(1.0, 1.0), m.Point(2.0, 2.0)])
        self.assertIsNot(out[0], ps[0])
        ps[0].y = 7.0
        self.assertEqual(out[0].y, 1.0)

    def test_corners_dict_of_instances(self):
        out = m.corners()
        self.assertEqual(list(out), ["far", "origin"])
        self.assertEqual(out["far"], m.Point(1.0, 1.0))
        self.assertIs(type(out["origin"]), m.Point)

    def test_refcounts_of_items_are_kept(self):
        p = m.Point(1.0, 2.0)
        s = "".join(["not", "interned", "word"])
        before_p = sys.getrefcount(p)
        before_s = sys.getrefcount(s)
        for _ in range(1000):
            m.centroid([p, p])
            m.shift_all([p], 1.0)
            m.join([s, s], "-")
            m.unique([s])
        self.assertEqual(sys.getrefcount(p), before_p)
        self.assertEqual(sys.getrefcount(s), before_s)


class TestPost(unittest.TestCase):
    def test_tags_field_reads_a_list(self):
        p = m.Post("hello")
        self.assertEqual(p.tags, [])
        self.assertIs(type(p.tags), list)
        p.add_tag("rust")
        p.add_tag("python")
        self.assertEqual(p.tags, ["rust", "python"])

    def test_tags_read_is_a_copy(self):
        p = m.Post("hello")
        p.add_tag("a")
        tags = p.tags
        tags.append("b")
        self.assertEqual(p.tags, ["a"])
        self.assertEqual(p.tag_count(), 1)

    def test_tags_assign(self):
        p = m.Post("hello")
        p.tags = ["x", "y"]
        self.assertEqual(p.tag_count(), 2)
        self.assertEqual(p.tag_line(), "x,y")
        p.tags = ("z",)
        self.assertEqual(p.tags, ["z"])
        p.tags = []
        self.assertEqual(p.tag_count(), 0)

    def test_tags_assign_wrong(self):
        p = m.Post("hello")
        p.tags = ["keep"]
        for bad in ("ab", ["a", 1], None, 5):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"tags"):
                    p.tags = bad
        self.assertEqual(p.tags, ["keep"])

    def test_meta_field(self):
        p = m.Post("hello")
        self.assertEqual(p.meta, {})
        self.assertIs(type(p.meta), dict)
        p.meta = {"b": "2", "a": "1"}
        self.assertEqual(p.note_count(), 2)
        self.assertEqual(list(p.meta), ["a", "b"])
        meta = p.meta
        meta["c"] = "3"
        self.assertEqual(p.note_count(), 2)
        with self.assertRaisesRegex(TypeError, r"meta"):
            p.meta = {"a": 1}
        with self.assertRaisesRegex(TypeError, r"meta"):
            p.meta = [("a", "1")]
        self.assertEqual(p.meta, {"a": "1", "b": "2"})

    def test_repr_from_debug(self):
        p = m.Post("t")
        p.add_tag("a")
        self.assertEqual(repr(p), 'Post { title: "t", tags: ["a"], meta: {} }')


class TestMemory(unittest.TestCase):
    """Lists, dicts and sets built for returns, and the Rust values built from
    arguments, are freed."""

    def test_returned_lists_are_freed(self):
        def round_fn():
            self.assertEqual(len(m.points(10_000)), 10_000)
            self.assertEqual(len(m.nested(100)), 100)

        check_no_growth(self, round_fn)

    def test_converted_arguments_are_freed(self):
        words = [f"word{i}" for i in range(10_000)]
        ps = m.points(1_000)
        mapping = {w: i for i, w in enumerate(words)}

        def round_fn():
            self.assertEqual(len(m.unique(words)), 10_000)
            m.centroid(ps)
            m.invert(mapping)
            m.sorted(words)

        check_no_growth(self, round_fn)

    def test_maps_are_freed(self):
        text = " ".join(f"w{i % 5000}" for i in range(20_000))

        def round_fn():
            self.assertEqual(len(m.word_counts(text)), 5000)
            self.assertEqual(len(m.grid(30)), 900)

        check_no_growth(self, round_fn)

    def test_errors_do_not_leak(self):
        bad = [f"word{i}" for i in range(10_000)] + [None]

        def round_fn():
            with self.assertRaises(TypeError):
                m.unique(bad)
            with self.assertRaises(TypeError):
                m.sum_nested([[1] * 1000] * 100 + [["x"]])

        check_no_growth(self, round_fn)


if __name__ == "__main__":
    unittest.main()
