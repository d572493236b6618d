"""Python objects as Rust trait objects (MAPPING: Callbacks and traits):
`&dyn Shape`, `&mut dyn Shape`, `Box<dyn Shape [+ Send + Sync]>`,
`Arc<dyn Shape>`, `Option` and `Vec` of them take a bound class's object
(the Rust impl, no Python round trip) or any Python object with the trait's
methods; defaults, missing methods, exceptions, threads, memory."""

import gc
import os
import threading
import time
import unittest
import weakref

import trait_objects as t


def rss_kib():
    """The resident set now (not the peak)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def wait_for(read):
    """Polls `read` until it gives something other than None (10 s at most)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        value = read()
        if value is not None:
            return value
        time.sleep(0.005)
    raise AssertionError("the Rust thread never finished")


class Rect:
    """A shape by duck typing: no base class, no `name` (the default runs)."""

    def __init__(self, w, h):
        self.w, self.h = w, h
        self.calls = 0

    def area(self):
        self.calls += 1
        return self.w * self.h

    def scale(self, k):
        self.w *= k
        self.h *= k


class Named(Rect):
    def name(self):
        return "named"


class Tri(t.Shape):
    """A subclass of the trait's class."""

    def area(self):
        return 6.0

    def scale(self, k):
        pass

    def describe(self):
        return "a triangle"


class TestRustAndPythonShapes(unittest.TestCase):
    def test_bound_objects_call_the_rust_impl(self):
        c = t.Circle(2.0)
        self.assertEqual(t.area_of(c), 12.0)
        # Circle overrides `name`; `describe` is the trait's default, in Rust.
        self.assertEqual(t.describe(c), "circle of area 12.0")
        self.assertEqual(t.area_of(t.Square(3.0)), 9.0)

    def test_python_objects(self):
        r = Rect(2.0, 5.0)
        self.assertEqual(t.area_of(r), 10.0)
        self.assertEqual(r.calls, 1)
        # Neither `name` nor `describe`: both defaults run, and the default
        # `describe` calls back into the object's `area`.
        self.assertEqual(t.describe(r), "shape of area 10.0")
        self.assertEqual(r.calls, 2)
        # `name` overridden in Python, `describe` still the default: the
        # default calls the Python `name`.
        self.assertEqual(t.describe(Named(1.0, 1.0)), "named of area 1.0")
        self.assertEqual(t.describe(Tri()), "a triangle")

    def test_mut_dyn_writes_in_place(self):
        c = t.Circle(1.0)
        self.assertEqual(t.grow(c, 2.0), 12.0)
        self.assertEqual(c.r, 2.0)
        r = Rect(1.0, 2.0)
        self.assertEqual(t.grow(r, 3.0), 18.0)
        self.assertEqual((r.w, r.h), (3.0, 6.0))

    def test_mixed_in_one_vec(self):
        c = t.Circle(1.0)
        shapes = [c, Rect(2.0, 2.0), t.Square(3.0), Tri()]
        self.assertEqual(t.total_area(shapes), 3.0 + 4.0 + 9.0 + 6.0)
        self.assertEqual(c.r, 1.0)  # Clone: the object keeps its value
        self.assertEqual(t.names([c, Named(1, 1), Rect(1, 1)]), ["circle", "named", "shape"])

    def test_boxed_moves_a_non_clone_object(self):
        s = t.Square(2.0)
        self.assertEqual(t.boxed_area(s), 4.0)
        with self.assertRaisesRegex(ValueError, "moved"):
            s.side
        c = t.Circle(1.0)
        self.assertEqual(t.boxed_area(c), 3.0)
        self.assertEqual(c.r, 1.0)

    def test_arc_and_option(self):
        self.assertEqual(t.shared_area(Rect(1.0, 7.0)), 7.0)
        self.assertEqual(t.shared_area(t.Circle(1.0)), 3.0)
        self.assertEqual(t.maybe_area(None), 0.0)
        self.assertEqual(t.maybe_area(Rect(2.0, 2.0)), 4.0)

    def test_impl_trait_and_generic_parameters(self):
        self.assertEqual(t.impl_area(Rect(2.0, 1.0)), 2.0)
        self.assertEqual(t.impl_area(t.Circle(1.0)), 3.0)
        # `T: Shape + Send`, given by value: scaled in its own copy.
        r = Rect(1.0, 1.0)
        self.assertEqual(t.scaled(r, 2.0), "shape of area 4.0")
        self.assertEqual((r.w, r.h), (2.0, 2.0))  # the object's own method wrote it
        c = t.Circle(1.0)
        self.assertEqual(t.scaled(c, 2.0), "circle of area 12.0")
        self.assertEqual(c.r, 1.0)  # a clone was scaled
        s = t.Square(2.0)
        self.assertEqual(t.larger(s, Rect(1.0, 3.0)), 4.0)
        with self.assertRaisesRegex(ValueError, "moved"):
            s.side

    def test_a_method_returning_a_trait_object(self):
        class Circles:
            def make(self, size):
                return t.Circle(size)

        class Rects:
            def make(self, size):
                return Rect(size, 1.0)

        self.assertEqual(t.area_made(Circles(), 2.0), 12.0)
        self.assertEqual(t.area_made(Rects(), 5.0), 5.0)

        class Bad:
            def make(self, size):
                return 3

        with self.assertRaises(TypeError) as e:
            t.area_made(Bad(), 1.0)
        self.assertIn("result of Factory2.make() lacks the method 'area'", str(e.exception))

    def test_visitor_gets_several_kinds_of_arguments(self):
        class Collect:
            def __init__(self):
                self.seen = []

            def visit(self, word, index):
                self.seen.append((word, index))

            def keep_going(self):
                return len(self.seen) < 2

        v = Collect()
        self.assertEqual(t.walk("a b c d", v), 2)
        self.assertEqual(v.seen, [("a", 0), ("b", 1)])


class TestReturnedTraitObjects(unittest.TestCase):
    def test_returned_box_dyn_has_the_trait_methods(self):
        s = t.make_shape(True, 2.0)
        self.assertIsInstance(s, t.DynShape)
        self.assertIsInstance(s, t.Shape)
        self.assertEqual((s.area(), s.name(), s.describe()), (12.0, "circle", "circle of area 12.0"))
        s.scale(2.0)  # `&mut self`: the Rust value changes
        self.assertEqual(s.area(), 48.0)
        q = t.make_shape(False, 3.0)
        self.assertEqual(q.describe(), "shape of area 9.0")
        with self.assertRaises(TypeError):
            t.DynShape()

    def test_returned_objects_pass_back_as_themselves(self):
        s = t.make_shape(True, 1.0)
        self.assertEqual(t.area_of(s), 3.0)
        self.assertEqual(t.grow(s, 2.0), 12.0)
        self.assertEqual(s.area(), 12.0)
        # Box<dyn Shape>: not Clone, the value moves out of the object.
        self.assertEqual(t.total_area([s, Rect(1.0, 1.0)]), 13.0)
        with self.assertRaisesRegex(ValueError, "moved"):
            s.area()

    def test_returned_in_a_vec(self):
        shapes = t.with_unit_square([t.Circle(1.0), Rect(2.0, 2.0), t.make_shape(False, 2.0)])
        self.assertTrue(all(isinstance(x, t.DynShape) for x in shapes))
        self.assertEqual([x.area() for x in shapes], [3.0, 4.0, 4.0, 1.0])
        self.assertEqual(shapes[1].name(), "shape")


class TestErrors(unittest.TestCase):
    def test_missing_required_method(self):
        class OnlyArea:
            def area(self):
                return 1.0

        with self.assertRaises(TypeError) as e:
            t.area_of(OnlyArea())
        self.assertEqual(
            str(e.exception),
            "area_of() argument 'shape' lacks the method 'scale' of the trait Shape",
        )
        with self.assertRaises(TypeError) as e:
            t.total_area([Rect(1, 1), 3])
        self.assertIn("argument 'shapes' item 1 lacks the method 'area'", str(e.exception))

    def test_abstract_base_class(self):
        class Half(t.Shape):
            def area(self):
                return 1.0

        with self.assertRaises(TypeError):
            Half()
        self.assertTrue(issubclass(Tri, t.Shape))
        # Runtime-checkable: any object with the required methods is one.
        self.assertIsInstance(Rect(1, 1), t.Shape)
        self.assertIsInstance(t.Circle(1.0), t.Shape)
        self.assertNotIsInstance(3, t.Shape)
        self.assertEqual(t.Shape.__module__, "trait_objects")

    def test_exception_propagates_unchanged(self):
        raised = ValueError("boom")

        class Boom(Rect):
            def area(self):
                raise raised

        try:
            t.total_area([t.Circle(1.0), Boom(1, 1)])
        except ValueError as e:
            caught = e
        self.assertIs(caught, raised)
        # The traceback still reaches into the method.
        tb = caught.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        self.assertIn("area", names)

    def test_wrong_result_type(self):
        class Wrong(Rect):
            def area(self):
                return "big"

        with self.assertRaises(TypeError) as e:
            t.area_of(Wrong(1, 1))
        self.assertIn("result of Shape.area() must be float", str(e.exception))


class TestKeptAndThreads(unittest.TestCase):
    def test_kept_shapes_called_later_from_a_rust_thread(self):
        d = t.Drawing()
        r = Rect(2.0, 3.0)
        gone = weakref.ref(r)
        d.add(r)
        d.add(t.Circle(1.0))
        d.add(Tri())
        del r
        gc.collect()
        self.assertIsNotNone(gone())  # Rust keeps it alive
        self.assertEqual(d.len(), 3)
        self.assertEqual(d.total(), 15.0)
        # A Python thread runs meanwhile: the Rust thread takes the GIL.
        ticks = []
        stop = threading.Event()
        thread = threading.Thread(target=lambda: [ticks.append(1) or time.sleep(0.001) for _ in iter(stop.is_set, True)])
        thread.start()
        d.measure_in_background()
        self.assertEqual(wait_for(d.background_result), 15.0)
        stop.set()
        thread.join()
        # The Rust thread dropped the shapes without holding the GIL.
        gc.collect()
        self.assertIsNone(gone())
        self.assertEqual(d.len(), 0)


class TestSendSync(unittest.TestCase):
    def test_send_sync_supertraits_and_threads(self):
        class Ticker:
            def __init__(self):
                self.n = 0
                self.threads = set()

            def now(self):
                self.threads.add(threading.get_ident())
                self.n += 7
                return self.n

        c = Ticker()
        # Called on this thread and on a Rust thread the call waits for: the
        # call runs without the GIL, so the Rust thread can take it.
        self.assertEqual(t.ticks_apart(c), 7)
        self.assertEqual(len(c.threads), 2)
        self.assertEqual(t.shared_now(Ticker()), 7)
        self.assertIsInstance(Ticker(), t.Clock)


class TestFlatMemory(unittest.TestCase):
    def test_python_trait_objects_do_not_leak(self):
        area_of, total_area = t.area_of, t.total_area

        def body(n):
            for _ in range(n):
                area_of(Rect(1.0, 2.0))
                total_area([Rect(1.0, 1.0), Named(2.0, 2.0)])

        body(10_000)
        gc.collect()
        before = rss_kib()
        body(100_000)
        gc.collect()
        grown = rss_kib() - before
        self.assertLess(grown, 2 * 1024, f"RSS grew by {grown} KiB")

    def test_kept_trait_objects_are_released(self):
        d = t.Drawing()

        def rounds(n):
            for _ in range(n):
                for _ in range(5_000):
                    d.add(Rect(1.0, 1.0))
                d.measure_in_background()
                wait_for(d.background_result)

        rounds(5)  # warm-up: the allocator's and threads' own memory
        gc.collect()
        before = rss_kib()
        rounds(20)
        gc.collect()
        grown = rss_kib() - before
        self.assertLess(grown, 2 * 1024, f"RSS grew by {grown} KiB")


if __name__ == "__main__":
    unittest.main()
