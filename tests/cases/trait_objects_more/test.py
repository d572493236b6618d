"""Trait objects, continued (MAPPING: Callbacks and traits): returned
`Arc<dyn Shape>` and `Option`s of returned trait objects, `Option<&dyn
Shape>` parameters, trait objects handed to Python callables (views valid
during the call), callables returning `Result`, callables taking `&mut` of a
bound class."""

import gc
import os
import unittest

import trait_objects_more as t


def rss_kib():
    """The resident set now (not the peak)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class Rect:
    """A shape by duck typing."""

    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def scale(self, k):
        self.w *= k
        self.h *= k


class TestReturnedShared(unittest.TestCase):
    def test_arc_is_an_object_with_the_methods(self):
        s = t.shared_circle(2.0)
        self.assertIsInstance(s, t.DynShape)
        self.assertEqual(s.area(), 12.0)
        self.assertEqual(s.name(), "circle")
        # The only holder: `&mut self` methods work.
        s.scale(2.0)
        self.assertEqual(s.area(), 48.0)

    def test_arc_stays_shared_with_rust(self):
        g = t.Gallery()
        s = g.add_circle(1.0)
        self.assertEqual(g.holders(0), 2)  # the gallery and `s`: one Arc
        s2 = g.add_circle(2.0)
        self.assertEqual(s.area() + s2.area(), g.total())
        # Rust shares it: a `&mut self` method cannot have it to itself.
        with self.assertRaisesRegex(RuntimeError, r"Shape\.scale needs the object to itself"):
            s.scale(3.0)
        self.assertEqual(s.area(), 3.0)  # unchanged
        del s2
        gc.collect()
        self.assertEqual(g.holders(1), 1)  # dropping the object drops its Arc
        g.clear()
        s.scale(3.0)  # now the only holder
        self.assertEqual(s.area(), 27.0)

    def test_returned_impl_trait_is_an_object_with_the_methods(self):
        s = t.square(3.0)
        self.assertIsInstance(s, t.DynShape)
        self.assertIsInstance(s, t.Shape)
        self.assertEqual(s.area(), 9.0)
        self.assertEqual(s.name(), "shape")  # the trait's default method
        s.scale(2.0)  # boxed: Python's object is the only holder
        self.assertEqual(s.area(), 36.0)
        self.assertEqual(t.area_or(s), 36.0)  # passed back as `&dyn Shape`
        self.assertEqual(t.checked_square(2.0).area(), 4.0)
        with self.assertRaises(t.BadInput):
            t.checked_square(-1.0)
        # `fn shape_named(kind: &str) -> impl Shape` may borrow `kind`: skipped.
        self.assertFalse(hasattr(t, "shape_named"))

    def test_options_of_returned_trait_objects(self):
        self.assertIsNone(t.maybe_circle(0.0))
        self.assertEqual(t.maybe_circle(1.0).area(), 3.0)
        self.assertIsNone(t.maybe_shared(-1.0))
        s = t.maybe_shared(1.0)
        self.assertIsInstance(s, t.DynShape)
        self.assertEqual(s.name(), "circle")

    def test_passed_back_moves(self):
        s = t.shared_circle(1.0)
        self.assertEqual(t.shared_area(s), 3.0)
        with self.assertRaisesRegex(ValueError, "moved"):
            s.area()


class TestOptionalBorrowedTraitObjects(unittest.TestCase):
    def test_option_ref(self):
        self.assertEqual(t.area_or(None), -1.0)
        self.assertEqual(t.area_or(), -1.0)
        self.assertEqual(t.area_or(t.Circle(1.0)), 3.0)
        self.assertEqual(t.area_or(Rect(2.0, 3.0)), 6.0)
        self.assertEqual(t.area_or(t.shared_circle(1.0)), 3.0)
        with self.assertRaisesRegex(TypeError, "area_or\\(\\) argument 'shape' lacks the method 'area'"):
            t.area_or(object())

    def test_option_mut_writes_in_place(self):
        self.assertFalse(t.maybe_grow(None, 2.0))
        c = t.Circle(1.0)
        self.assertTrue(t.maybe_grow(c, 2.0))
        self.assertEqual(c.r, 2.0)
        r = Rect(1.0, 2.0)
        self.assertTrue(t.maybe_grow(r, 3.0))
        self.assertEqual((r.w, r.h), (3.0, 6.0))


class TestTraitObjectsHandedToPython(unittest.TestCase):
    def test_ref_is_a_view_during_the_call(self):
        kept = []

        def f(shape):
            kept.append(shape)
            self.assertIsInstance(shape, t.DynShape)
            self.assertEqual(shape.name(), "circle")
            return shape.area()

        self.assertEqual(t.measure(2.0, f), 12.0)
        # After the callable returned, the view is ended: never a dangling use.
        with self.assertRaisesRegex(RuntimeError, "DynShape object is a view whose borrow has ended"):
            kept[0].area()
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[0].scale(2.0)

    def test_ref_is_read_only(self):
        seen = []

        def f(shape):
            with self.assertRaisesRegex(RuntimeError, "read-only view"):
                shape.scale(2.0)
            seen.append(shape.area())
            return 0.0

        t.measure(1.0, f)
        self.assertEqual(seen, [3.0])

    def test_view_passes_to_rust_borrowed_but_never_moves(self):
        self.assertEqual(t.measure(1.0, lambda s: t.area_or(s)), 3.0)
        with self.assertRaisesRegex(RuntimeError, "is a view into another object and cannot be moved"):
            t.measure(1.0, lambda s: t.shared_area(s))

    def test_mut_view_writes_in_place(self):
        kept = []

        def f(shape):
            shape.scale(3.0)
            kept.append(shape)

        self.assertEqual(t.reshape(1.0, f), 3.0)
        self.assertEqual(t.reshape(1.0, lambda s: t.maybe_grow(s, 2.0) and None), 2.0)
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[0].scale(1.0)

    def test_lent_from_a_rust_thread(self):
        import threading

        kept = []

        def f(shape):
            kept.append((threading.get_ident(), shape))
            return shape.area()

        self.assertEqual(t.measure_elsewhere(1.0, f), 3.0)
        self.assertNotEqual(kept[0][0], threading.get_ident())
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[0][1].area()

    def test_boxed_is_given(self):
        got = []
        t.hand_over([1.0, 2.0], got.append)
        # Owned by Python: usable after the call.
        self.assertEqual([s.area() for s in got], [3.0, 12.0])
        self.assertEqual(t.shared_area(got[0]), 3.0)

    def test_owned_ones_inside_other_types_are_given(self):
        got = []

        def f(shapes, extra):
            got.append((shapes, extra))
            return len(shapes)

        self.assertEqual(t.hand_all(3, f), 3)
        shapes, extra = got[0]
        self.assertEqual([s.area() for s in shapes], [3.0, 12.0, 27.0])
        self.assertEqual(extra.area(), 0.75)
        self.assertEqual(t.hand_all(1, f), 1)
        self.assertIsNone(got[1][1])
        self.assertFalse(hasattr(t, "lend_all"))  # `&[&dyn Shape]`: skipped

    def test_exception_in_the_callable_still_ends_the_view(self):
        kept = []

        def f(shape):
            kept.append(shape)
            raise KeyError("no")

        with self.assertRaises(KeyError):
            t.measure(1.0, f)
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[0].area()

    def test_trait_method_implemented_in_python_gets_a_view(self):
        kept = []

        class Judge:
            def score(self, shape):
                kept.append(shape)
                return shape.area() * 10

        self.assertEqual(t.judge_circle(Judge(), 1.0), 30.0)
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[0].name()

    def test_a_trait_method_taking_the_trait(self):
        seen = []

        class Big:
            def size(self):
                return 20.0

            def touches(self, other):
                seen.append((type(other).__name__, other.size()))
                return other.size() > 1

        self.assertFalse(t.touching(t.Ball(1.0), t.Ball(2.0)))  # Rust both ways
        self.assertTrue(t.touching(t.Ball(1.0), Big()))  # Rust calls Big.size
        # Python's `touches` gets a view of a Rust ball, or of a Python body.
        self.assertTrue(t.touching(Big(), t.Ball(2.0)))
        self.assertTrue(t.touching(Big(), Big()))
        self.assertEqual(seen, [("DynBody", 2.0), ("DynBody", 20.0)])
        self.assertTrue(t.Ball(3.0).touches(Big()))

    def test_the_end_waits_for_another_threads_call(self):
        import threading
        import time

        inside = threading.Event()
        results, threads = [], []

        class Slow:
            def size(self):
                inside.set()
                time.sleep(0.05)  # releases the GIL inside the view's call
                return 5.0

            def touches(self, other):
                return False

        class Host:
            def size(self):
                return 1.0

            def touches(self, other):
                def use():
                    try:
                        results.append(other.size())
                    except RuntimeError:
                        results.append("ended")

                threads.append(threading.Thread(target=use))
                threads[0].start()
                inside.wait(10)  # the other thread is inside `other.size()`
                return True

        # The view of Slow ends only once the other thread's call is done.
        self.assertTrue(t.touching(Host(), Slow()))
        threads[0].join(10)
        self.assertEqual(results, [5.0])

    def test_views_and_given_objects_are_freed(self):
        def body(n):
            for _ in range(n):
                t.measure(1.0, lambda s: s.area())
                t.reshape(1.0, lambda s: s.scale(2.0))
                t.hand_over([1.0], lambda s: None)

        body(10_000)
        gc.collect()
        before = rss_kib()
        body(100_000)
        gc.collect()
        grown = rss_kib() - before
        self.assertLess(grown, 2 * 1024, f"RSS grew by {grown} KiB")


class TestCallablesTakingMut(unittest.TestCase):
    def test_mut_class_is_a_view_that_writes_in_place(self):
        kept = []

        def f(p):
            p.x += 10
            kept.append(p)

        moved = t.move_all([t.Point(1, 2), t.Point(3, 4)], f)
        self.assertEqual(moved, [t.Point(11, 2), t.Point(13, 4)])
        with self.assertRaisesRegex(RuntimeError, "Point object is a view whose borrow has ended"):
            kept[0].x
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            kept[1].y = 0

    def test_view_never_moves_into_rust_but_copies(self):
        # Point is Clone: passed by value, the view's value is copied.
        self.assertEqual(t.move_all([t.Point(1, 2)], lambda p: t.move_all([p], lambda q: None) and None),
                         [t.Point(1, 2)])

    def test_nothing_outlives_a_lent_value(self):
        def f(seg):
            seg.b = t.Point(9, 9)  # written in place
            self.assertEqual(seg.a, t.Point(1, 2))  # a field reads as a copy
            # A view into it would outlive the end: refused.
            with self.assertRaisesRegex(RuntimeError, "lent to a callable only while it runs"):
                seg.start()

        edited = t.edit_segments([t.Segment(t.Point(1, 2), t.Point(3, 4))], f)
        self.assertEqual(edited, [t.Segment(t.Point(1, 2), t.Point(9, 9))])

        def g(p):
            with self.assertRaisesRegex(RuntimeError, "cannot be lent for the whole program"):
                t.pin_x(p)

        t.move_all([t.Point(1, 2)], g)
        self.assertEqual(t.pin_x(t.Point(5, 5)), 5)

    def test_int_enum_arrives_as_its_value(self):
        seen = []
        self.assertEqual(t.show_heading(seen.append), t.Heading.South)
        self.assertEqual(seen, [t.Heading.South])


class TestCallablesReturningResult(unittest.TestCase):
    @staticmethod
    def doubled(x):
        if x < 0:
            raise t.BadInput(x)
        return x * 2

    def test_a_value_is_ok(self):
        self.assertEqual(t.try_sum([1, 2, 3], self.doubled), 12)

    def test_a_generic_callable(self):
        self.assertEqual(t.first_ok([-1, -2, 3, 4], self.doubled), 6)
        self.assertIsNone(t.first_ok([-1], self.doubled))

    def test_the_error_class_is_err(self):
        # Rust sees `Err(BadInput { code: -5 })` and returns it: raised again.
        with self.assertRaises(t.BadInput) as caught:
            t.try_sum([1, -5, 3], self.doubled)
        self.assertEqual(caught.exception.code, -5)
        # Rust handles the `Err`s itself: nothing is raised.
        ok, codes = t.count_ok([1, -2, 3, -4], self.doubled)
        self.assertEqual((ok, list(codes)), (2, [-2, -4]))

    def test_other_exceptions_propagate_unchanged(self):
        error = KeyError("other")

        def f(x):
            raise error

        with self.assertRaises(KeyError) as caught:
            t.count_ok([1], f)
        self.assertIs(caught.exception, error)
        with self.assertRaisesRegex(TypeError, "must be int"):
            t.count_ok([1], lambda x: "no")

    def test_trait_method_returning_result(self):
        class Odd:
            def check(self, x):
                if x % 2:
                    raise t.BadInput(x)
                return x

        ok, codes = t.sort_out([1, 2, 3, 4], Odd())
        self.assertEqual((list(ok), list(codes)), ([2, 4], [1, 3]))

    def test_a_non_clone_error_moves_out_of_the_exception(self):
        def f(x):
            if x > 1:
                raise t.Refused(f"{x} too big")

        self.assertEqual(t.refusals([1, 2, 3], f), ["2 too big", "3 too big"])
        kept = t.Refused("kept")

        def g(x):
            raise kept

        self.assertEqual(t.refusals([1], g), ["kept"])
        with self.assertRaisesRegex(ValueError, "moved"):
            kept.why


if __name__ == "__main__":
    unittest.main()
