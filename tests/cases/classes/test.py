"""Classes: constructors, fields, methods, trait protocols, moves and borrows,
reference counts and memory."""

import copy
import gc
import math
import resource
import sys
import unittest

import classes


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


class TestClassShape(unittest.TestCase):
    NAMES = [
        "Counter",
        "Point",
        "Celsius",
        "Marker",
        "Pair",
        "Release",
        "Percent",
        "Settings",
        "Handle",
        "Line",
        "Countdown",
        "Named",
    ]

    def test_classes_exist(self):
        for name in self.NAMES:
            with self.subTest(name=name):
                cls = getattr(classes, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)
                self.assertEqual(cls.__module__, "classes")

    def test_class_doc(self):
        self.assertEqual(classes.Counter.__doc__, "A counter that steps by a fixed amount.")
        self.assertEqual(classes.Point.__doc__, "A point in the plane.")

    def test_method_doc(self):
        self.assertEqual(classes.Counter.incr.__doc__, "Adds `by` steps and returns the new count.")
        self.assertEqual(classes.Point.norm.__doc__, "Distance from the origin.")

    def test_field_doc(self):
        self.assertEqual(classes.Counter.count.__doc__, "The current count.")
        self.assertEqual(classes.Point.x.__doc__, "The horizontal coordinate.")
        self.assertEqual(classes.Point.y.__doc__, "The vertical coordinate.")
        self.assertEqual(classes.Line.start.__doc__, "Where the line starts.")
        self.assertEqual(classes.Settings.level.__doc__, "How much detail to show.")

    def test_error_types_are_exception_classes(self):
        self.assertTrue(issubclass(classes.ReleaseError, Exception))
        self.assertTrue(issubclass(classes.PercentError, Exception))

    def test_rust_panic_class(self):
        self.assertTrue(issubclass(classes.RustPanic, RuntimeError))


class TestCounter(unittest.TestCase):
    def test_construct_positional(self):
        c = classes.Counter(5)
        self.assertIsInstance(c, classes.Counter)
        self.assertIs(type(c), classes.Counter)
        self.assertEqual(c.get(), 5)

    def test_construct_keyword(self):
        self.assertEqual(classes.Counter(start=3).get(), 3)

    def test_construct_wrong_type_names_parameter(self):
        with self.assertRaisesRegex(TypeError, r"'start'"):
            classes.Counter("x")
        with self.assertRaisesRegex(TypeError, r"'start'"):
            classes.Counter(start="x")
        with self.assertRaisesRegex(TypeError, r"'start'"):
            classes.Counter(1.5)

    def test_construct_wrong_arguments(self):
        with self.assertRaises(TypeError):
            classes.Counter()
        with self.assertRaises(TypeError):
            classes.Counter(1, 2)
        with self.assertRaises(TypeError):
            classes.Counter(begin=1)
        with self.assertRaises(TypeError):
            classes.Counter(1, start=1)

    def test_construct_out_of_range(self):
        with self.assertRaises(OverflowError):
            classes.Counter(2**63)

    def test_methods(self):
        c = classes.Counter(5)
        self.assertEqual(c.incr(2), 7)
        self.assertEqual(c.get(), 7)
        self.assertEqual(c.incr(by=3), 10)
        self.assertEqual(c.get(), 10)
        self.assertEqual(c.step_size(), 1)

    def test_method_wrong_argument(self):
        c = classes.Counter(0)
        with self.assertRaisesRegex(TypeError, r"'by'"):
            c.incr("x")
        with self.assertRaises(TypeError):
            c.incr()
        self.assertEqual(c.get(), 0)

    def test_method_called_on_wrong_class(self):
        with self.assertRaises(TypeError):
            classes.Counter.get(classes.Point(1.0, 2.0))
        with self.assertRaises(TypeError):
            classes.Counter.get(5)

    def test_private_state_through_methods(self):
        c = classes.Counter.with_step(10, 5)
        self.assertEqual(c.step_size(), 5)
        self.assertEqual(c.incr(2), 20)
        c2 = classes.Counter.with_step(start=1, step=-1)
        self.assertEqual(c2.incr(3), -2)

    def test_static_method(self):
        z = classes.Counter.zero()
        self.assertIs(type(z), classes.Counter)
        self.assertEqual(z.get(), 0)

    def test_associated_const(self):
        self.assertEqual(classes.Counter.MAX, 1_000_000)
        self.assertIs(type(classes.Counter.MAX), int)
        self.assertEqual(classes.Counter(1).MAX, 1_000_000)

    def test_field_read(self):
        c = classes.Counter(5)
        self.assertEqual(c.count, 5)
        self.assertIs(type(c.count), int)

    def test_field_write(self):
        c = classes.Counter(5)
        c.count = 42
        self.assertEqual(c.count, 42)
        self.assertEqual(c.get(), 42)
        self.assertEqual(c.incr(1), 43)

    def test_field_write_wrong_type(self):
        c = classes.Counter(5)
        with self.assertRaisesRegex(TypeError, r"count"):
            c.count = "x"
        with self.assertRaisesRegex(TypeError, r"count"):
            c.count = 1.5
        with self.assertRaises(TypeError):
            c.count = None
        self.assertEqual(c.count, 5)

    def test_field_write_out_of_range(self):
        c = classes.Counter(5)
        with self.assertRaises(OverflowError):
            c.count = 2**63
        self.assertEqual(c.count, 5)

    def test_field_delete(self):
        c = classes.Counter(5)
        with self.assertRaises((TypeError, AttributeError)):
            del c.count
        self.assertEqual(c.count, 5)

    def test_private_field_not_attribute(self):
        c = classes.Counter(5)
        self.assertFalse(hasattr(c, "step"))
        self.assertFalse(hasattr(classes.Counter, "step"))

    def test_display_is_str(self):
        self.assertEqual(str(classes.Counter(5)), "5 (step 1)")
        self.assertEqual(str(classes.Counter.with_step(-2, 3)), "-2 (step 3)")

    def test_debug_is_repr(self):
        self.assertEqual(repr(classes.Counter(5)), "Counter { count: 5, step: 1 }")

    def test_no_partial_eq_means_identity(self):
        a = classes.Counter(1)
        self.assertTrue(a == a)
        self.assertFalse(a == classes.Counter(1))
        self.assertTrue(a != classes.Counter(1))

    def test_panic_in_method(self):
        c = classes.Counter(5)
        with self.assertRaises(classes.RustPanic) as cm:
            c.explode()
        self.assertIn("counter exploded at 5", str(cm.exception))
        # The object is still usable after the panic.
        self.assertEqual(c.get(), 5)
        self.assertEqual(c.incr(1), 6)


class TestMoves(unittest.TestCase):
    def test_self_by_value_consumes(self):
        c = classes.Counter(5)
        self.assertEqual(c.into_total(), 5)
        with self.assertRaisesRegex(ValueError, "moved"):
            c.get()
        with self.assertRaisesRegex(ValueError, "moved"):
            c.count
        with self.assertRaisesRegex(ValueError, "moved"):
            c.incr(1)
        with self.assertRaisesRegex(ValueError, "moved"):
            c.into_total()
        # repr says what happened instead of raising.
        self.assertEqual(repr(c), "<Counter object (moved)>")

    def test_consuming_methods_say_so(self):
        self.assertIn("Consumes the object", classes.Counter.into_total.__doc__)
        self.assertNotIn("Consumes the object", classes.Counter.get.__doc__)

    def test_consuming_methods_say_so_in_the_stub(self):
        # The stub's docstring is the run time's, note included.
        import ast
        import inspect
        import pathlib

        stub = pathlib.Path(classes.__file__).parent / "classes" / "__init__.pyi"
        tree = ast.parse(stub.read_text())
        counter = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Counter")
        docs = {
            n.name: ast.get_docstring(n)
            for n in counter.body
            if isinstance(n, ast.FunctionDef)
        }
        self.assertIn("Consumes the object", docs["into_total"])
        self.assertEqual(docs["into_total"], inspect.getdoc(classes.Counter.into_total))
        self.assertNotIn("Consumes the object", docs["get"])

    def test_field_docs_show_in_help(self):
        import pydoc

        self.assertEqual(classes.Point.x.__doc__, "The horizontal coordinate.")
        self.assertIn("The horizontal coordinate.", pydoc.render_doc(classes.Point))

    def test_field_write_after_move(self):
        c = classes.Counter(5)
        c.into_total()
        with self.assertRaisesRegex(ValueError, "moved"):
            c.count = 1

    def test_pass_by_value_moves(self):
        c = classes.Counter(7)
        self.assertEqual(classes.consume(c), 7)
        with self.assertRaisesRegex(ValueError, "moved"):
            c.get()
        with self.assertRaisesRegex(ValueError, "moved"):
            c.count
        with self.assertRaisesRegex(ValueError, "moved"):
            classes.consume(c)
        with self.assertRaisesRegex(ValueError, "moved"):
            classes.same(c, classes.Counter(7))

    def test_moved_object_can_be_dropped(self):
        c = classes.Counter(1)
        classes.consume(c)
        del c
        gc.collect()

    def test_wrong_class_by_value(self):
        with self.assertRaises(TypeError):
            classes.consume(classes.Point(1.0, 2.0))

    def test_failed_call_does_not_move(self):
        c = classes.Counter(1)
        with self.assertRaisesRegex(TypeError, r"'extra'"):
            classes.consume_with(c, "x")
        self.assertEqual(c.get(), 1)
        self.assertEqual(classes.consume_with(c, 2), 3)
        with self.assertRaisesRegex(ValueError, "moved"):
            c.get()

    def test_move_while_borrowed_is_refused(self):
        a = classes.Counter(1)
        self.assertTrue(classes.take_and_compare(classes.Counter(1), a))
        self.assertEqual(a.get(), 1)
        b = classes.Counter(2)
        with self.assertRaises((RuntimeError, ValueError)):
            classes.take_and_compare(b, b)

    def test_clone_type_self_by_value_lives_on(self):
        p = classes.Point(1.0, 2.0)
        self.assertEqual(p.into_tuple(), (1.0, 2.0))
        self.assertEqual(p.x, 1.0)
        self.assertEqual(p.into_tuple(), (1.0, 2.0))

    def test_clone_type_by_value_lives_on(self):
        p = classes.Point(1.0, 2.0)
        self.assertEqual(classes.take_point(p), 3.0)
        self.assertEqual(classes.take_point(p=p), 3.0)
        self.assertEqual(p.x, 1.0)
        self.assertEqual(p.norm(), math.hypot(1.0, 2.0))


class TestBorrows(unittest.TestCase):
    def test_swap(self):
        a = classes.Counter(1)
        b = classes.Counter.with_step(2, 10)
        self.assertIsNone(classes.swap(a, b))
        self.assertEqual(a.get(), 2)
        self.assertEqual(a.step_size(), 10)
        self.assertEqual(b.get(), 1)
        self.assertEqual(b.step_size(), 1)

    def test_swap_same_object_raises(self):
        a = classes.Counter(1)
        with self.assertRaises(RuntimeError):
            classes.swap(a, a)
        # The failed borrow leaves the object usable.
        self.assertEqual(a.get(), 1)
        self.assertEqual(a.incr(1), 2)
        b = classes.Counter(9)
        classes.swap(a, b)
        self.assertEqual(a.get(), 9)

    def test_shared_borrow_twice_is_fine(self):
        a = classes.Counter(3)
        self.assertTrue(classes.same(a, a))
        self.assertTrue(classes.same(a, classes.Counter(3)))
        self.assertFalse(classes.same(a, classes.Counter(4)))
        self.assertTrue(classes.same(a=a, b=a))

    def test_mut_borrow_changes_object(self):
        c = classes.Counter(3)
        classes.bump(c)
        classes.bump(c)
        self.assertEqual(c.get(), 5)

    def test_wrong_class_raises_type_error(self):
        c = classes.Counter(1)
        with self.assertRaises(TypeError):
            classes.same(c, classes.Point(1.0, 2.0))
        with self.assertRaises(TypeError):
            classes.swap(c, "x")
        with self.assertRaises(TypeError):
            classes.bump(None)
        with self.assertRaises(TypeError):
            classes.take_point(c)
        self.assertEqual(c.get(), 1)

    def test_shared_borrow_of_copy_type(self):
        p = classes.Point(0.0, 0.0)
        q = classes.Point(2.0, 4.0)
        self.assertEqual(classes.midpoint(p, q), classes.Point(1.0, 2.0))
        self.assertEqual(classes.midpoint(q, q), q)


class TestPoint(unittest.TestCase):
    def test_construct_from_fields(self):
        p = classes.Point(1.0, 2.0)
        self.assertEqual((p.x, p.y), (1.0, 2.0))
        p = classes.Point(x=3.0, y=4.0)
        self.assertEqual((p.x, p.y), (3.0, 4.0))
        p = classes.Point(5.0, y=6.0)
        self.assertEqual((p.x, p.y), (5.0, 6.0))

    def test_ints_convert_to_float_fields(self):
        p = classes.Point(1, 2)
        self.assertIs(type(p.x), float)
        self.assertEqual(p.x, 1.0)

    def test_construct_wrong_type(self):
        with self.assertRaisesRegex(TypeError, r"'x'"):
            classes.Point("a", 1.0)
        with self.assertRaisesRegex(TypeError, r"'y'"):
            classes.Point(x=1.0, y="b")

    def test_field_write(self):
        p = classes.Point(1.0, 2.0)
        p.x = 5
        self.assertEqual(p.x, 5.0)
        self.assertIs(type(p.x), float)
        with self.assertRaisesRegex(TypeError, r"\bx\b"):
            p.x = "a"
        self.assertEqual(p.x, 5.0)

    def test_methods(self):
        p = classes.Point(3.0, 4.0)
        self.assertEqual(p.norm(), 5.0)
        q = p.scaled(2.0)
        self.assertIs(type(q), classes.Point)
        self.assertEqual((q.x, q.y), (6.0, 8.0))
        self.assertEqual((p.x, p.y), (3.0, 4.0))
        self.assertIsNone(p.translate(1.0, -1.0))
        self.assertEqual((p.x, p.y), (4.0, 3.0))
        p.translate(dx=1, dy=1)
        self.assertEqual((p.x, p.y), (5.0, 4.0))

    def test_debug_repr_and_str_fallback(self):
        p = classes.Point(1.0, 2.5)
        self.assertEqual(repr(p), "Point { x: 1.0, y: 2.5 }")
        self.assertEqual(str(p), repr(p))

    def test_equality(self):
        self.assertTrue(classes.Point(1.0, 2.0) == classes.Point(1.0, 2.0))
        self.assertFalse(classes.Point(1.0, 2.0) != classes.Point(1.0, 2.0))
        self.assertTrue(classes.Point(1.0, 2.0) != classes.Point(1.0, 3.0))
        self.assertFalse(classes.Point(1.0, 2.0) == classes.Point(1.0, 3.0))

    def test_equality_nan_follows_rust(self):
        nan = float("nan")
        self.assertFalse(classes.Point(nan, 0.0) == classes.Point(nan, 0.0))
        self.assertTrue(classes.Point(nan, 0.0) != classes.Point(nan, 0.0))

    def test_equality_with_other_types(self):
        p = classes.Point(1.0, 2.0)
        self.assertFalse(p == "x")
        self.assertTrue(p != "x")
        self.assertFalse(p == None)  # noqa: E711 - the operator is under test
        self.assertFalse(p == (1.0, 2.0))
        self.assertFalse(p == classes.Celsius(1.0))
        self.assertTrue(p != classes.Celsius(1.0))

    def test_ordering(self):
        P = classes.Point
        self.assertTrue(P(1.0, 2.0) < P(1.0, 3.0))
        self.assertTrue(P(2.0, 0.0) > P(1.0, 5.0))
        self.assertTrue(P(1.0, 2.0) <= P(1.0, 2.0))
        self.assertTrue(P(1.0, 2.0) >= P(1.0, 2.0))
        self.assertFalse(P(1.0, 2.0) < P(1.0, 2.0))
        self.assertEqual(
            sorted([P(2.0, 1.0), P(1.0, 5.0), P(1.0, 2.0)]),
            [P(1.0, 2.0), P(1.0, 5.0), P(2.0, 1.0)],
        )

    def test_ordering_nan_is_unordered(self):
        nan = float("nan")
        a = classes.Point(nan, 0.0)
        b = classes.Point(1.0, 0.0)
        self.assertFalse(a < b)
        self.assertFalse(a > b)
        self.assertFalse(a <= b)
        self.assertFalse(a >= b)

    def test_ordering_with_other_type_raises(self):
        p = classes.Point(1.0, 2.0)
        with self.assertRaises(TypeError):
            p < 5
        with self.assertRaises(TypeError):
            p >= "x"
        with self.assertRaises(TypeError):
            p < classes.Celsius(1.0)

    def test_unhashable(self):
        with self.assertRaises(TypeError):
            hash(classes.Point(1.0, 2.0))
        with self.assertRaises(TypeError):
            {classes.Point(1.0, 2.0)}

    def test_copy(self):
        p = classes.Point(1.0, 2.0)
        q = copy.copy(p)
        self.assertIs(type(q), classes.Point)
        self.assertIsNot(q, p)
        self.assertEqual(q, p)
        q.x = 10.0
        self.assertEqual(p.x, 1.0)
        q.translate(1.0, 1.0)
        self.assertEqual(p, classes.Point(1.0, 2.0))

    def test_deepcopy(self):
        p = classes.Point(1.0, 2.0)
        q = copy.deepcopy(p)
        self.assertIsNot(q, p)
        self.assertEqual(q, p)
        q.y = -1.0
        self.assertEqual(p.y, 2.0)


class TestTupleAndUnitStructs(unittest.TestCase):
    def test_tuple_struct(self):
        c = classes.Celsius(21.5)
        self.assertEqual(c._0, 21.5)
        self.assertEqual(classes.Celsius(100.0).to_fahrenheit(), 212.0)
        self.assertEqual(classes.Celsius(100).to_fahrenheit(), 212.0)

    def test_tuple_struct_field_write(self):
        c = classes.Celsius(21.5)
        c._0 = 0
        self.assertEqual(c._0, 0.0)
        self.assertEqual(c.to_fahrenheit(), 32.0)
        with self.assertRaises(TypeError):
            c._0 = "warm"

    def test_tuple_struct_wrong_arguments(self):
        with self.assertRaises(TypeError):
            classes.Celsius()
        with self.assertRaises(TypeError):
            classes.Celsius("x")
        with self.assertRaises(TypeError):
            classes.Celsius(1.0, 2.0)

    def test_tuple_struct_protocols(self):
        self.assertEqual(repr(classes.Celsius(21.5)), "Celsius(21.5)")
        self.assertEqual(classes.Celsius(1.0), classes.Celsius(1.0))
        self.assertTrue(classes.Celsius(1.0) < classes.Celsius(2.0))
        with self.assertRaises(TypeError):
            hash(classes.Celsius(1.0))

    def test_two_field_tuple_struct(self):
        p = classes.Pair(1, 2)
        self.assertEqual((p._0, p._1), (1, 2))
        self.assertEqual(p.sum(), 3)
        self.assertEqual(repr(p), "Pair(1, 2)")

    def test_partial_eq_without_hash_is_unhashable(self):
        self.assertEqual(classes.Pair(1, 2), classes.Pair(1, 2))
        self.assertNotEqual(classes.Pair(1, 2), classes.Pair(2, 1))
        with self.assertRaises(TypeError):
            hash(classes.Pair(1, 2))
        with self.assertRaises(TypeError):
            {classes.Pair(1, 2): "x"}

    def test_equality_without_order_offers_no_order(self):
        # CPython gives every type with tp_richcompare all six wrappers; a type
        # with `PartialEq` but no `PartialOrd` has only `__eq__`/`__ne__`, in
        # its dict and in help().
        import pydoc

        P = classes.Pair
        for name in ("__lt__", "__le__", "__gt__", "__ge__"):
            with self.subTest(name=name):
                self.assertNotIn(name, P.__dict__)
                self.assertIn(name, classes.Point.__dict__)
        self.assertIn("__eq__", P.__dict__)
        self.assertIn("__ne__", P.__dict__)
        text = pydoc.render_doc(P, renderer=pydoc.plaintext)
        self.assertIn("__eq__", text)
        self.assertNotIn("__lt__", text)
        self.assertNotIn("__ge__", text)
        with self.assertRaises(TypeError):
            P(1, 2) < P(1, 3)
        with self.assertRaises(TypeError):
            P(1, 2) >= P(1, 3)
        self.assertEqual(P(1, 2), P(1, 2))

    def test_unit_struct(self):
        m = classes.Marker()
        self.assertIsInstance(m, classes.Marker)
        self.assertEqual(m.name(), "marker")
        self.assertEqual(repr(m), "Marker")
        self.assertEqual(m, classes.Marker())
        self.assertEqual(hash(m), hash(classes.Marker()))
        self.assertEqual(len({classes.Marker(), classes.Marker()}), 1)

    def test_unit_struct_takes_no_arguments(self):
        with self.assertRaises(TypeError):
            classes.Marker(1)


class TestRelease(unittest.TestCase):
    def test_construct(self):
        r = classes.Release(1, 2, 3)
        self.assertEqual((r.major, r.minor, r.patch), (1, 2, 3))
        r = classes.Release(major=4, minor=5, patch=6)
        self.assertEqual((r.major, r.minor, r.patch), (4, 5, 6))

    def test_construct_out_of_range(self):
        with self.assertRaises(OverflowError):
            classes.Release(-1, 0, 0)
        with self.assertRaises(OverflowError):
            classes.Release(0, 2**32, 0)

    def test_display_from_other_module(self):
        self.assertEqual(str(classes.Release(1, 2, 3)), "v1.2.3")

    def test_debug(self):
        self.assertEqual(repr(classes.Release(1, 2, 3)), "Release { major: 1, minor: 2, patch: 3 }")

    def test_static_method_returning_result(self):
        self.assertEqual(classes.Release.parse("1.2.3"), classes.Release(1, 2, 3))
        self.assertIs(type(classes.Release.parse("0.1.0")), classes.Release)

    def test_static_method_error(self):
        with self.assertRaises(classes.ReleaseError) as cm:
            classes.Release.parse("1.x.3")
        self.assertEqual(str(cm.exception), "invalid release: 1.x.3")
        self.assertEqual(cm.exception.input, "1.x.3")
        with self.assertRaises(classes.ReleaseError):
            classes.Release.parse("")

    def test_methods(self):
        r = classes.Release(1, 2, 3)
        self.assertEqual(r.bump_minor(), classes.Release(1, 3, 0))
        self.assertTrue(r.is_stable())
        self.assertFalse(classes.Release(0, 9, 0).is_stable())

    def test_ordering(self):
        R = classes.Release
        self.assertTrue(R(1, 2, 3) < R(1, 10, 0))
        self.assertTrue(R(2, 0, 0) > R(1, 99, 99))
        self.assertTrue(R(1, 2, 3) <= R(1, 2, 3))
        self.assertTrue(R(1, 2, 3) >= R(1, 2, 3))
        versions = [R(1, 10, 0), R(0, 1, 0), R(1, 2, 3), R(1, 2, 0)]
        self.assertEqual(sorted(versions), [R(0, 1, 0), R(1, 2, 0), R(1, 2, 3), R(1, 10, 0)])
        self.assertEqual(max(versions), R(1, 10, 0))

    def test_hash(self):
        R = classes.Release
        self.assertEqual(hash(R(1, 2, 3)), hash(R(1, 2, 3)))
        self.assertIs(type(hash(R(1, 2, 3))), int)
        self.assertEqual(len({R(1, 2, 3), R(1, 2, 3), R(2, 0, 0)}), 2)
        d = {R(1, 2, 3): "a"}
        self.assertEqual(d[R(1, 2, 3)], "a")
        self.assertIn(R.parse("1.2.3"), d)

    def test_equality_with_other_types(self):
        r = classes.Release(1, 2, 3)
        self.assertFalse(r == "v1.2.3")
        self.assertTrue(r != (1, 2, 3))
        with self.assertRaises(TypeError):
            r < (1, 2, 3)

    def test_copy(self):
        r = classes.Release(1, 2, 3)
        c = copy.copy(r)
        self.assertEqual(c, r)
        self.assertEqual(hash(c), hash(r))
        c.major = 9
        self.assertEqual(r.major, 1)
        d = copy.deepcopy(r)
        d.patch = 0
        self.assertEqual(r.patch, 3)


class TestFallibleConstructor(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(classes.Percent(50).value(), 50)
        self.assertEqual(classes.Percent(value=100).value(), 100)

    def test_error(self):
        with self.assertRaises(classes.PercentError) as cm:
            classes.Percent(150)
        self.assertEqual(str(cm.exception), "150 is over 100 percent")
        self.assertEqual(cm.exception.value, 150)

    def test_out_of_range(self):
        with self.assertRaises(OverflowError):
            classes.Percent(256)


class TestDefaultOnly(unittest.TestCase):
    def test_construct_with_no_arguments(self):
        s = classes.Settings()
        self.assertIsInstance(s, classes.Settings)
        self.assertEqual(s.level, 0)
        self.assertFalse(s.is_verbose())

    def test_arguments_rejected(self):
        with self.assertRaises(TypeError):
            classes.Settings(1)

    def test_private_field_hidden(self):
        s = classes.Settings()
        self.assertFalse(hasattr(s, "verbose"))

    def test_mutation(self):
        s = classes.Settings()
        s.set_verbose(True)
        s.level = 3
        self.assertTrue(s.is_verbose())
        self.assertEqual(s.level, 3)
        with self.assertRaises(OverflowError):
            s.level = 256
        with self.assertRaisesRegex(TypeError, r"level"):
            s.level = "high"
        self.assertEqual(s.level, 3)

    def test_copy_is_independent(self):
        s = classes.Settings()
        s.set_verbose(True)
        t = copy.copy(s)
        self.assertTrue(t.is_verbose())
        t.set_verbose(False)
        self.assertTrue(s.is_verbose())


class TestNoConstructor(unittest.TestCase):
    def test_cannot_construct(self):
        with self.assertRaises(TypeError):
            classes.Handle()
        with self.assertRaises(TypeError):
            classes.Handle(1)
        with self.assertRaises(TypeError):
            classes.Handle(id=1)

    def test_made_by_rust(self):
        h = classes.open_handle(7)
        self.assertIs(type(h), classes.Handle)
        self.assertEqual(h.id(), 7)


class TestClassFields(unittest.TestCase):
    def test_returned_from_function(self):
        line = classes.make_line()
        self.assertIs(type(line), classes.Line)
        self.assertIs(type(line.start), classes.Point)
        self.assertEqual(line.start, classes.Point(0.0, 0.0))
        self.assertEqual(line.end, classes.Point(3.0, 4.0))
        self.assertEqual(line.length(), 5.0)

    def test_construct_from_fields(self):
        line = classes.Line(classes.Point(0.0, 0.0), classes.Point(0.0, 2.0))
        self.assertEqual(line.length(), 2.0)
        line = classes.Line(start=classes.Point(1.0, 1.0), end=classes.Point(4.0, 5.0))
        self.assertEqual(line.length(), 5.0)

    def test_construct_wrong_types(self):
        with self.assertRaisesRegex(TypeError, r"'start'"):
            classes.Line(1, classes.Point(0.0, 0.0))
        with self.assertRaisesRegex(TypeError, r"'end'"):
            classes.Line(classes.Point(0.0, 0.0), classes.Celsius(1.0))
        with self.assertRaises(TypeError):
            classes.Line(classes.Point(0.0, 0.0))

    def test_field_read_is_a_copy(self):
        line = classes.make_line()
        start = line.start
        start.x = 10.0
        self.assertEqual(line.start.x, 0.0)
        line.start.translate(1.0, 1.0)
        self.assertEqual(line.start, classes.Point(0.0, 0.0))
        self.assertEqual(line.length(), 5.0)

    def test_field_reads_are_distinct_objects(self):
        line = classes.make_line()
        a = line.end
        b = line.end
        a.y = 100.0
        self.assertEqual(b.y, 4.0)

    def test_reference_return_is_a_read_only_view(self):
        line = classes.make_line()
        first = line.first()
        self.assertIs(type(first), classes.Point)
        self.assertEqual(first, classes.Point(0.0, 0.0))
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            first.x = 9.0
        with self.assertRaisesRegex(RuntimeError, "Line object is borrowed by a live view"):
            line.start = classes.Point(1.0, 1.0)
        del first
        line.start = classes.Point(1.0, 1.0)
        self.assertEqual(line.first().x, 1.0)

    def test_field_write(self):
        line = classes.make_line()
        line.start = classes.Point(3.0, 0.0)
        self.assertEqual(line.start, classes.Point(3.0, 0.0))
        self.assertEqual(line.length(), 4.0)

    def test_field_write_copies(self):
        line = classes.make_line()
        p = classes.Point(1.0, 1.0)
        line.end = p
        p.x = 100.0
        self.assertEqual(line.end, classes.Point(1.0, 1.0))
        self.assertEqual(p.x, 100.0)

    def test_field_write_wrong_type(self):
        line = classes.make_line()
        with self.assertRaisesRegex(TypeError, r"start"):
            line.start = 5
        with self.assertRaisesRegex(TypeError, r"end"):
            line.end = classes.Celsius(1.0)
        self.assertEqual(line, classes.make_line())

    def test_protocols(self):
        line = classes.make_line()
        self.assertEqual(line, classes.make_line())
        self.assertEqual(
            repr(line),
            "Line { start: Point { x: 0.0, y: 0.0 }, end: Point { x: 3.0, y: 4.0 } }",
        )
        other = copy.deepcopy(line)
        self.assertEqual(other, line)
        other.start = classes.Point(1.0, 1.0)
        self.assertEqual(line.start, classes.Point(0.0, 0.0))
        with self.assertRaises(TypeError):
            hash(line)


class TestIterator(unittest.TestCase):
    def test_iter_is_self(self):
        cd = classes.Countdown(3)
        self.assertIs(iter(cd), cd)

    def test_next(self):
        cd = classes.Countdown(2)
        self.assertEqual(next(cd), 2)
        self.assertEqual(next(cd), 1)
        with self.assertRaises(StopIteration):
            next(cd)
        with self.assertRaises(StopIteration):
            next(cd)

    def test_list(self):
        self.assertEqual(list(classes.Countdown(5)), [5, 4, 3, 2, 1])
        self.assertEqual(list(classes.Countdown(0)), [])

    def test_partly_consumed(self):
        cd = classes.Countdown(4)
        next(cd)
        self.assertEqual(list(cd), [3, 2, 1])
        self.assertEqual(list(cd), [])

    def test_for_loop(self):
        seen = []
        for n in classes.Countdown(3):
            seen.append(n)
        self.assertEqual(seen, [3, 2, 1])
        self.assertEqual(sum(classes.Countdown(100)), 5050)

    def test_builtins_consume_it(self):
        self.assertEqual(sorted(classes.Countdown(3)), [1, 2, 3])
        self.assertEqual(dict(enumerate(classes.Countdown(2))), {0: 2, 1: 1})


class TestNamed(unittest.TestCase):
    def test_string_field(self):
        n = classes.Named("ferris")
        self.assertEqual(n.name, "ferris")
        self.assertEqual(n.shout(), "FERRIS")
        n.name = "é🦀"
        self.assertEqual(n.name, "é🦀")
        self.assertEqual(n.shout(), "É🦀")
        self.assertEqual(classes.Named(name="x").name, "x")

    def test_string_field_wrong_type(self):
        n = classes.Named("a")
        with self.assertRaisesRegex(TypeError, r"name"):
            n.name = b"bytes"
        self.assertEqual(n.name, "a")

    def test_hashable(self):
        self.assertEqual(hash(classes.Named("a")), hash(classes.Named("a")))
        self.assertEqual(len({classes.Named("a"), classes.Named("a"), classes.Named("b")}), 2)


class TestReferenceCounts(unittest.TestCase):
    N = 10_000

    def test_class_refcount_stable_over_constructions(self):
        cls = classes.Counter
        for _ in range(100):
            classes.Counter(1)
        gc.collect()
        before = sys.getrefcount(cls)
        for i in range(self.N):
            c = classes.Counter(i)
            c.incr(1)
            c.get()
            c.count
            c.count = 3
            str(c)
            repr(c)
            classes.Counter.zero()
            classes.Counter.MAX
        del c
        gc.collect()
        self.assertEqual(sys.getrefcount(cls), before)

    def test_instance_refcount_stable_over_calls(self):
        c = classes.Counter(0)
        before = sys.getrefcount(c)
        for _ in range(self.N):
            c.incr(1)
            c.get()
            c.count
            c.count = 1
            classes.same(c, c)
            classes.bump(c)
            str(c)
            c.step_size()
        self.assertEqual(sys.getrefcount(c), before)

    def test_point_refcounts_stable(self):
        cls = classes.Point
        p = classes.Point(1.0, 2.0)
        line = classes.make_line()
        for _ in range(100):
            p.scaled(2.0)
        gc.collect()
        before_cls = sys.getrefcount(cls)
        before_p = sys.getrefcount(p)
        before_line = sys.getrefcount(line)
        for _ in range(self.N):
            p.scaled(2.0)
            p.x
            p.norm()
            p == p
            p < p
            classes.take_point(p)
            classes.midpoint(p, p)
            copy.copy(p)
            line.start
            line.first()
            line.end = p
            p.into_tuple()
        gc.collect()
        self.assertEqual(sys.getrefcount(cls), before_cls)
        self.assertEqual(sys.getrefcount(p), before_p)
        self.assertEqual(sys.getrefcount(line), before_line)

    def test_iterator_refcount_stable(self):
        cd = classes.Countdown(self.N)
        before = sys.getrefcount(cd)
        for _ in range(self.N):
            iter(cd)
        for _ in cd:
            pass
        self.assertEqual(sys.getrefcount(cd), before)

    def test_error_class_refcount_stable(self):
        cls = classes.ReleaseError
        for _ in range(100):
            try:
                classes.Release.parse("bad")
            except classes.ReleaseError:
                pass
        gc.collect()
        before = sys.getrefcount(cls)
        for _ in range(self.N):
            try:
                classes.Release.parse("bad")
            except classes.ReleaseError:
                pass
        gc.collect()
        self.assertEqual(sys.getrefcount(cls), before)

    def test_moved_instance_refcounts(self):
        cls = classes.Counter
        for _ in range(100):
            classes.consume(classes.Counter(1))
        gc.collect()
        before = sys.getrefcount(cls)
        for i in range(self.N):
            classes.consume(classes.Counter(i))
            classes.Counter(i).into_total()
        gc.collect()
        self.assertEqual(sys.getrefcount(cls), before)


class TestMemory(unittest.TestCase):
    PAD = "x" * 100

    def churn(self, n):
        line = classes.make_line()
        for i in range(n):
            obj = classes.Named(self.PAD + str(i))
            obj.name
            obj.shout()
            line.start
            c = classes.Counter(i)
            c.into_total()
        del obj, c

    def test_create_and_drop_does_not_grow(self):
        self.churn(30_000)
        gc.collect()
        before = max_rss_kib()
        self.churn(300_000)
        gc.collect()
        grown = max_rss_kib() - before
        self.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")


class TestNotCloneValues(unittest.TestCase):
    """A field of a type that is not Clone cannot be copied out, so it is not
    bound; a returned reference is a view; the value can still move out."""

    def test_uncopyable_field_is_not_bound_and_reference_is_a_view(self):
        h = classes.Holder("box")
        self.assertEqual(h.label, "box")
        self.assertFalse(hasattr(h, "counter"))
        c = h.counter_ref()
        self.assertIsInstance(c, classes.Counter)
        self.assertEqual(c.get(), 0)
        with self.assertRaisesRegex(RuntimeError, "Holder object is borrowed by a live view"):
            h.into_counter()
        del c
        self.assertEqual(h.into_counter().get(), 0)

    def test_value_moves_out(self):
        h = classes.Holder("box")
        c = h.into_counter()
        self.assertIsInstance(c, classes.Counter)
        self.assertEqual(c.get(), 0)
        with self.assertRaisesRegex(ValueError, "moved"):
            h.label


if __name__ == "__main__":
    unittest.main()
