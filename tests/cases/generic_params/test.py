"""Generic parameters without curation (MAPPING.md's table): named and `impl
Trait` parameters, `where` clauses, free functions, methods and a constructor,
bound by extraction alone; and a generic struct used with concrete arguments."""

import os
import pathlib
import unittest

import generic_params as g


class TestStr(unittest.TestCase):
    def test_impl_as_ref_str(self):
        self.assertEqual(g.greet("ann"), "hello ann")

    def test_named_as_ref_str(self):
        self.assertEqual(g.shout("hey"), "HEY")

    def test_impl_into_string(self):
        self.assertEqual(g.own("mine"), "mine!")

    def test_impl_to_string(self):
        self.assertEqual(g.label("x"), "<x>")

    def test_where_display(self):
        self.assertEqual(g.show("v"), "[v]")

    def test_unsized_behind_a_reference(self):
        self.assertEqual(g.str_len("héllo"), 6)

    def test_wrong_type_raises(self):
        with self.assertRaises(TypeError):
            g.greet(3)


class TestBytes(unittest.TestCase):
    def test_impl_as_ref_bytes(self):
        self.assertEqual(g.byte_sum(b"\x01\x02\x03"), 6)
        self.assertEqual(g.byte_sum(bytearray(b"\x05")), 5)
        self.assertEqual(g.byte_sum(memoryview(b"\x07")), 7)

    def test_impl_into_vec_u8(self):
        self.assertEqual(g.reversed(b"abc"), b"cba")


class TestPaths(unittest.TestCase):
    def test_impl_as_ref_path(self):
        self.assertEqual(g.file_name("/tmp/a.txt"), "a.txt")
        self.assertEqual(g.file_name(pathlib.Path("/x/b.rs")), "b.rs")

    def test_into_path_buf_and_named_as_ref_path(self):
        joined = g.join("/tmp", pathlib.PurePosixPath("sub"))
        self.assertEqual(os.fspath(joined), "/tmp/sub")


class TestIterables(unittest.TestCase):
    def test_impl_into_iterator(self):
        self.assertEqual(g.total([1, 2, 3]), 6)
        self.assertEqual(g.total((4, 5)), 9)
        self.assertEqual(g.total(range(4)), 6)
        self.assertEqual(g.total(x for x in [10, 20]), 30)

    def test_nested_where_clause(self):
        self.assertEqual(g.pattern_bytes([b"ab", b"cde"]), 5)
        self.assertEqual(g.pattern_bytes(iter([b"x"])), 1)

    def test_iterable_of_into_string(self):
        self.assertEqual(g.words(["a", "b"]), ["a", "b"])

    def test_iterable_of_classes(self):
        p = g.sum_points([g.Point(1, 2), g.Point(3, 4)])
        self.assertEqual((p.x, p.y), (4, 6))


class TestInto(unittest.TestCase):
    def test_into_bound_class(self):
        self.assertEqual(g.norm1(g.Point(-2, 3)), 5)

    def test_into_bound_class_from_what_the_crate_converts(self):
        # `impl From<(i64, i64)> for Point`: a tuple is made a Point first
        # (by `Point.from_`, the classmethod of that impl).
        self.assertEqual(g.norm1((-2, 3)), 5)
        self.assertEqual(g.Point.from_((1, 2)).x, 1)
        self.assertEqual(g.Bag(["a"]).weight((1, 2)), 3)
        with self.assertRaises(TypeError) as cm:
            g.norm1("not a point")
        self.assertIn("norm1() argument 'p'", str(cm.exception))
        with self.assertRaises(OverflowError):
            g.norm1((2**70, 0))

    def test_into_a_type_the_crate_converts_from(self):
        # `I: Into<Haystack<'h>>`: Haystack is no class; the crate converts
        # from `&H` with `H: AsRef<[u8]>`, so it takes bytes.
        self.assertEqual(g.count_a(b"banana"), 3)


class TestMethods(unittest.TestCase):
    def test_constructor_from_iterable(self):
        bag = g.Bag(["a", "b", "a"])
        self.assertEqual(bag.len(), 2)
        self.assertEqual(bag.count("a"), 2)
        self.assertEqual(g.Bag(iter(["z"])).count("z"), 1)
        self.assertEqual(g.Bag(x for x in "ab").len(), 2)

    def test_impl_and_named_methods(self):
        bag = g.Bag([])
        bag.add("x")
        bag.add("x")
        self.assertEqual(bag.count("x"), 2)
        bag.extend(["y", "y"])
        self.assertEqual(bag.count("y"), 2)
        self.assertEqual(bag.found_in(b"..x..y"), 2)
        self.assertEqual(os.fspath(bag.path_in("/data")), "/data/bag.txt")
        self.assertEqual(bag.weight(g.Point(1, 2)), 6)


class TestInstances(unittest.TestCase):
    def test_generic_struct_with_concrete_arguments(self):
        t = g.tagged(7)
        self.assertEqual(t.get(), 7)
        self.assertEqual(t.value, 7)
        p = g.tagged_path("/a/b")
        self.assertEqual(os.fspath(p.get()), "/a/b")
        self.assertNotEqual(type(p), type(t))


class TestImplementorOverloads(unittest.TestCase):
    """`get<K: Key>`, `Key` a trait of the crate implemented for `usize`,
    `str`, `String` and `&T`: one Python method, an overload per implementor
    that binds (`usize` and `String`), chosen by the argument's type."""

    def test_each_overload(self):
        r = g.Row(["a", "b"], [10, 20])
        self.assertEqual(r.get(0), 10)
        self.assertEqual(r.get("b"), 20)
        self.assertEqual(r.get(key="a"), 10)
        self.assertIsNone(r.get("z"))
        self.assertIsNone(r.get(5))

    def test_one_method(self):
        self.assertEqual([n for n in dir(g.Row) if n.startswith("get")], ["get"])
        self.assertIn("one overload per implementor", g.Row.get.__doc__)

    def test_no_overload_takes_it(self):
        r = g.Row(["a"], [1])
        with self.assertRaises(TypeError) as cm:
            r.get(1.5)
        # Each overload's reason.
        self.assertIn("must be str, not float", str(cm.exception))
        self.assertIn("must be int, not float", str(cm.exception))
        # Not a TypeError: the overload that took the type says why.
        with self.assertRaises(OverflowError):
            r.get(-1)
        with self.assertRaises(TypeError):
            r.get()

    def test_generic_impl_per_implementor(self):
        # `impl<K: Key> Index<K> for Row`: `row[key]` for each implementor.
        r = g.Row(["a", "b"], [10, 20])
        self.assertEqual(r["b"], 20)
        self.assertEqual(r[0], 10)
        with self.assertRaisesRegex(g.RustPanic, "no such key"):
            r["zz"]
        with self.assertRaises(TypeError):
            r[1.5]


class TestCallable(unittest.TestCase):
    def test_impl_fn_takes_a_callable(self):
        self.assertEqual(g.apply(lambda x: x + 1, 41), 42)


class TestCrateTrait(unittest.TestCase):
    def test_impl_crate_trait_takes_a_python_object(self):
        class Square:
            def area(self):
                return 4.0

        self.assertEqual(g.area_of(Square()), 4.0)


class TestSkipped(unittest.TestCase):
    def test_outside_the_table_is_not_bound(self):
        for name in ("both",):
            self.assertFalse(hasattr(g, name), name)


if __name__ == "__main__":
    unittest.main()
