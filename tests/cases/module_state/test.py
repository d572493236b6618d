"""Module state: every import of the module has its own classes, exception
classes and enum classes (a re-import after `del sys.modules[...]`, each legacy
sub-interpreter); objects of one import are accepted by the other's functions;
objects and errors a call makes are the calling import's; an import nothing
refers to any more is freed."""

import gc
import importlib
import os
import sys
import tempfile
import unittest
import weakref

import _testcapi

import module_state as a

del sys.modules["module_state"]
del sys.modules["module_state.geo"]
b = importlib.import_module("module_state")


class TestTwoImports(unittest.TestCase):
    def test_distinct_classes(self):
        self.assertIsNot(a, b)
        for name in ["Point", "Shape", "Color", "GridError", "RustPanic"]:
            self.assertIsNot(getattr(a, name), getattr(b, name), name)
        self.assertIsNot(a.Shape.Dot, b.Shape.Dot)
        self.assertEqual(a.Point.__qualname__, b.Point.__qualname__)

    def test_both_work(self):
        for m in (a, b):
            p = m.Point(1, 2)
            self.assertIs(type(p), m.Point)
            self.assertEqual((p.x, p.y), (1, 2))
            self.assertIs(type(m.origin()), m.Point)
            self.assertIs(type(m.geo.unit()), m.Point)
            self.assertIs(type(m.parse("3, 4")), m.Point)
            # A callable gets objects of the import that received it.
            self.assertEqual(m.with_origin(lambda q: type(q) is m.Point), 1)
            self.assertIs(m.Color.favourite(), m.Color.Green)

    def test_objects_cross(self):
        pa, pb = a.Point(1, -2), b.Point(1, -2)
        self.assertEqual(a.norm1(pb), 3)
        self.assertEqual(b.norm1(pa), 3)
        self.assertEqual(pa, pb)
        self.assertEqual(hash(pa), hash(pb))
        self.assertEqual(b.color_name(a.Color.Red), "Red")
        self.assertEqual(a.color_name(b.Color.Green), "Green")
        with self.assertRaises(TypeError):
            a.norm1(b.Color.Red)

    def test_made_objects_are_the_callers(self):
        pa, pb = a.Point(1, 2), b.Point(1, 2)
        self.assertIs(type(pa.moved(1, 1)), a.Point)
        self.assertIs(type(pb.moved(1, 1)), b.Point)
        self.assertIs(type(pa + pb), a.Point)
        self.assertIs(type(pb + pa), b.Point)
        self.assertEqual([type(n) for n in pa.neighbours()], [a.Point, a.Point])
        self.assertIs(type(pb.shape()), b.Shape.Dot)
        self.assertIs(type(a.line(pb, pb)), a.Shape.Line)
        self.assertIs(type(b.line(pa, pa)), b.Shape.Line)
        self.assertEqual([type(p) for p in b.walk(2)], [b.Point, b.Point])
        self.assertEqual([type(p) for p in a.walk(2)], [a.Point, a.Point])
        self.assertEqual([type(p) for p in b.Point.diagonal(2)], [b.Point, b.Point])
        self.assertEqual([type(p) for p in a.Point.diagonal(2)], [a.Point, a.Point])
        self.assertIs(type(b.Point.from_text("1,2")), b.Point)
        self.assertIs(type(b.Point.ORIGIN), b.Point)
        self.assertIs(type(a.Point.ORIGIN), a.Point)
        self.assertIs(type(b.Point(1, 1).ORIGIN), b.Point)
        self.assertIs(type(a.Point.from_text("1,2")), a.Point)
        self.assertIs(b.color_of(a.Point(3, 3)), b.Color.Red)
        self.assertIs(a.color_of(b.Point(3, 4)), a.Color.Green)
        self.assertEqual(a.with_origin(lambda p: p.x + 7), 7)
        self.assertEqual(b.with_origin(lambda p: p.y + 8), 8)

    def test_errors_are_the_callers(self):
        for m, other in ((a, b), (b, a)):
            with self.assertRaises(m.GridError) as caught:
                m.parse("nope")
            self.assertNotIsInstance(caught.exception, other.GridError)
            self.assertIs(type(caught.exception), m.GridError.BadText)
            with self.assertRaises(m.GridError.NotOrigin):
                m.Point(1, 1).check_origin()
            with self.assertRaises(m.RustPanic):
                m.boom()
            with self.assertRaises(m.GridError.BadText):
                m.Point.x_of("nope")
            with self.assertRaises(m.GridError.BadText):
                m.Point.from_text("nope")
        # A method of one import's object raises that import's classes.
        with self.assertRaises(b.GridError):
            b.Point(2, 0).check_origin()

    def test_object_outlives_its_module_name(self):
        p = b.Point(5, 5)
        # The object's class keeps its module object (and state) alive.
        self.assertIs(type(p.moved(0, 0)), type(p))


class TestFreed(unittest.TestCase):
    def test_a_third_import_is_freed(self):
        saved = sys.modules.pop("module_state"), sys.modules.pop("module_state.geo")
        try:
            c = importlib.import_module("module_state")
            p = c.Point(1, 1)
            self.assertIs(type(p.moved(1, 1)), c.Point)
            ref = weakref.ref(c)
            kinds = weakref.ref(c.Point)
        finally:
            sys.modules["module_state"], sys.modules["module_state.geo"] = saved
        del c, p
        gc.collect()
        self.assertIsNone(ref())
        self.assertIsNone(kinds())


class TestSubinterpreter(unittest.TestCase):
    def test_legacy_subinterpreter(self):
        fd, out = tempfile.mkstemp()
        os.close(fd)
        code = f"""
import sys
sys.path[:0] = {sys.path!r}
import module_state as m
p = m.Point(1, 2)
assert type(p.moved(1, 1)) is m.Point and type(m.origin()) is m.Point
assert [type(q) for q in m.walk(2)] == [m.Point, m.Point]
assert type(p.shape()) is m.Shape.Dot and m.color_of(m.Point(3, 3)) is m.Color.Red
assert m.color_name(m.Color.Green) == "Green" and m.with_origin(lambda q: q.x + 1) == 1
# A callable gets objects of this import's classes, and runs in this interpreter
# (its imports see this interpreter's modules), called during the call or from a
# thread of Rust's own.
assert m.with_origin(lambda q: type(q) is m.Point) == 1
def in_here(q):
    return int(type(q) is m.Point and __import__("sys").modules["module_state"] is m)
assert m.with_origin(in_here) == 1
before = len(m.thread_results())
m.call_on_thread(in_here)
import time
for _ in range(1000):
    if len(m.thread_results()) > before:
        break
    time.sleep(0.005)
assert list(m.thread_results())[before:] == [1], list(m.thread_results())
# An IntEnum's static method makes a member of this import's class.
assert m.Color.favourite() is m.Color.Green
assert type(m.Point.ORIGIN) is m.Point and type(m.Point.diagonal(1)[0]) is m.Point
try:
    m.parse("nope")
except m.GridError.BadText as e:
    error = str(e)
try:
    m.boom()
except m.RustPanic:
    panicked = True
with open({out!r}, "a") as f:
    f.write(repr((p.x, p.y, m.norm1(p), error, panicked)) + "\\n")
"""
        try:
            for _ in range(2):
                self.assertEqual(_testcapi.run_in_subinterp(code), 0)
            with open(out) as f:
                lines = f.read().splitlines()
        finally:
            os.unlink(out)
        self.assertEqual(lines, ["(1, 2, 3, 'not a point: \"nope\"', True)"] * 2)
        # The main interpreter's imports still work after the sub-interpreters ended.
        self.assertIs(type(a.origin()), a.Point)
        self.assertIs(type(b.Point(1, 1).moved(1, 1)), b.Point)


if __name__ == "__main__":
    unittest.main()
