"""Modules and statics: live atomics, Mutex and RwLock statics, plain statics,
submodules (nested), private modules and re-exports."""

import importlib
import math
import sys
import types
import unittest

import modules_statics as ms

# Read before any test changes them (tests may run in any order).
INITIAL = {
    name: getattr(ms, name)
    for name in ("HITS", "ENABLED", "SMALL", "TINY", "NAME", "LIMIT")
}
INITIAL_CALLS = ms.geo.CALLS


class TestInitialValues(unittest.TestCase):
    def test_live_statics_start_at_rust_values(self):
        self.assertEqual(
            INITIAL,
            {"HITS": 0, "ENABLED": False, "SMALL": 7, "TINY": 1, "NAME": "", "LIMIT": 10},
        )
        self.assertIs(INITIAL["ENABLED"], False)
        self.assertEqual(INITIAL_CALLS, 0)

    def test_plain_statics_and_consts(self):
        self.assertEqual(ms.GREETING, "hello")
        self.assertEqual(ms.ANSWER, 42)
        self.assertIs(type(ms.ANSWER), int)
        self.assertEqual(ms.VERSION, "1.0")
        self.assertEqual(ms.geo.UNIT, 1.0)


class TestAtomicI64(unittest.TestCase):
    def test_read_is_live(self):
        ms.set_hits(0)
        self.assertEqual(ms.HITS, 0)
        self.assertEqual(ms.hit(), 1)
        self.assertEqual(ms.hit(), 2)
        self.assertEqual(ms.HITS, 2)
        self.assertIs(type(ms.HITS), int)
        self.assertEqual(getattr(ms, "HITS"), 2)

    def test_write_is_seen_by_rust(self):
        ms.HITS = 41
        self.assertEqual(ms.hits(), 41)
        self.assertEqual(ms.hit(), 42)
        self.assertEqual(ms.HITS, 42)
        setattr(ms, "HITS", -5)
        self.assertEqual(ms.hits(), -5)

    def test_extremes(self):
        ms.HITS = -(2**63)
        self.assertEqual(ms.hits(), -(2**63))
        ms.HITS = 2**63 - 1
        self.assertEqual(ms.HITS, 2**63 - 1)

    def test_wrong_type(self):
        ms.set_hits(3)
        with self.assertRaises(TypeError):
            ms.HITS = "x"
        with self.assertRaises(TypeError):
            ms.HITS = 1.5
        with self.assertRaises(TypeError):
            ms.HITS = None
        self.assertEqual(ms.hits(), 3)
        self.assertEqual(ms.HITS, 3)

    def test_out_of_range(self):
        ms.set_hits(3)
        with self.assertRaises(OverflowError):
            ms.HITS = 2**63
        with self.assertRaises(OverflowError):
            ms.HITS = -(2**63) - 1
        self.assertEqual(ms.hits(), 3)

    def test_many_updates(self):
        ms.HITS = 0
        for _ in range(1000):
            ms.hit()
        self.assertEqual(ms.HITS, 1000)
        for i in range(1000):
            ms.HITS = i
        self.assertEqual(ms.hits(), 999)


class TestAtomicBool(unittest.TestCase):
    def test_read_and_write(self):
        ms.ENABLED = False
        self.assertIs(ms.ENABLED, False)
        self.assertFalse(ms.enabled())
        ms.ENABLED = True
        self.assertIs(ms.ENABLED, True)
        self.assertTrue(ms.enabled())

    def test_rust_change_is_visible(self):
        ms.ENABLED = False
        self.assertTrue(ms.toggle())
        self.assertIs(ms.ENABLED, True)
        self.assertFalse(ms.toggle())
        self.assertIs(ms.ENABLED, False)

    def test_wrong_type(self):
        ms.ENABLED = False
        with self.assertRaises(TypeError):
            ms.ENABLED = 1
        with self.assertRaises(TypeError):
            ms.ENABLED = "yes"
        self.assertIs(ms.ENABLED, False)


class TestAtomicUnsigned(unittest.TestCase):
    def test_u32(self):
        ms.SMALL = 9
        self.assertEqual(ms.small(), 9)
        ms.set_small(11)
        self.assertEqual(ms.SMALL, 11)
        ms.SMALL = 2**32 - 1
        self.assertEqual(ms.small(), 2**32 - 1)

    def test_u32_out_of_range(self):
        ms.SMALL = 5
        with self.assertRaises(OverflowError):
            ms.SMALL = 2**32
        with self.assertRaises(OverflowError):
            ms.SMALL = -1
        self.assertEqual(ms.small(), 5)

    def test_u8(self):
        ms.TINY = 255
        self.assertEqual(ms.tiny(), 255)
        self.assertEqual(ms.TINY, 255)
        with self.assertRaises(OverflowError):
            ms.TINY = 256
        with self.assertRaises(OverflowError):
            ms.TINY = -1
        with self.assertRaises(TypeError):
            ms.TINY = "1"
        self.assertEqual(ms.tiny(), 255)


class TestMutexString(unittest.TestCase):
    def test_write_is_seen_by_rust(self):
        ms.NAME = "é🦀"
        self.assertEqual(ms.name(), "é🦀")
        self.assertEqual(ms.NAME, "é🦀")
        self.assertIs(type(ms.NAME), str)

    def test_rust_change_is_visible(self):
        ms.set_name("abc")
        self.assertEqual(ms.NAME, "abc")
        ms.append_name("def")
        self.assertEqual(ms.NAME, "abcdef")
        ms.NAME = ""
        ms.append_name("x")
        self.assertEqual(ms.NAME, "x")

    def test_wrong_type(self):
        ms.set_name("kept")
        with self.assertRaises(TypeError):
            ms.NAME = 5
        with self.assertRaises(TypeError):
            ms.NAME = None
        with self.assertRaises(TypeError):
            ms.NAME = b"bytes"
        self.assertEqual(ms.name(), "kept")


class TestRwLock(unittest.TestCase):
    def test_write_is_seen_by_rust(self):
        ms.LIMIT = -3
        self.assertEqual(ms.limit(), -3)
        self.assertEqual(ms.LIMIT, -3)

    def test_rust_change_is_visible(self):
        ms.set_limit(7)
        self.assertEqual(ms.LIMIT, 7)

    def test_wrong_type_and_range(self):
        ms.set_limit(1)
        with self.assertRaises(TypeError):
            ms.LIMIT = "x"
        with self.assertRaises(OverflowError):
            ms.LIMIT = 2**31
        with self.assertRaises(OverflowError):
            ms.LIMIT = -(2**31) - 1
        self.assertEqual(ms.limit(), 1)


class TestSubmodules(unittest.TestCase):
    def test_attribute_after_import(self):
        self.assertIsInstance(ms.geo, types.ModuleType)
        self.assertIsInstance(ms.geo.shapes, types.ModuleType)

    def test_names(self):
        self.assertEqual(ms.__name__, "modules_statics")
        self.assertEqual(ms.geo.__name__, "modules_statics.geo")
        self.assertEqual(ms.geo.shapes.__name__, "modules_statics.geo.shapes")

    def test_docs(self):
        self.assertEqual(ms.geo.__doc__, "Geometry helpers.")
        self.assertEqual(ms.geo.shapes.__doc__, "Shapes on the plane.")

    def test_import_statement(self):
        import modules_statics.geo

        self.assertIs(modules_statics.geo, ms.geo)
        self.assertIs(sys.modules["modules_statics.geo"], ms.geo)

    def test_import_nested(self):
        import modules_statics.geo.shapes as sh

        self.assertIs(sh, ms.geo.shapes)
        self.assertIs(sys.modules["modules_statics.geo.shapes"], ms.geo.shapes)

    def test_import_module(self):
        self.assertIs(importlib.import_module("modules_statics.geo"), ms.geo)
        self.assertIs(importlib.import_module("modules_statics.geo.shapes"), ms.geo.shapes)

    def test_from_import(self):
        from modules_statics.geo import Point, area, origin
        from modules_statics.geo.shapes import Square, unit_square

        self.assertIs(Point, ms.geo.Point)
        self.assertEqual(area(2.0, 3.0), 6.0)
        self.assertEqual(origin(), Point(0.0, 0.0))
        self.assertIs(Square, ms.geo.shapes.Square)
        self.assertEqual(unit_square().side, 1.0)

    def test_missing_submodule(self):
        with self.assertRaises(ImportError):
            importlib.import_module("modules_statics.nope")
        with self.assertRaises(ImportError):
            importlib.import_module("modules_statics.hidden")

    def test_functions(self):
        self.assertEqual(ms.geo.area(2.0, 3.0), 6.0)
        self.assertEqual(ms.geo.area(w=4.0, h=0.5), 2.0)

    def test_same_name_at_root_and_in_submodule(self):
        self.assertEqual(ms.area(3.0), 9.0)
        self.assertEqual(ms.geo.area(3.0, 2.0), 6.0)
        self.assertIsNot(ms.area, ms.geo.area)

    def test_class_in_submodule(self):
        P = ms.geo.Point
        self.assertIsInstance(P, type)
        self.assertEqual(P.__name__, "Point")
        self.assertEqual(P.__module__, "modules_statics.geo")
        p = P(3.0, 4.0)
        self.assertEqual(p.dist(ms.geo.origin()), 5.0)
        self.assertIs(type(ms.geo.origin()), P)

    def test_submodule_items_stay_in_submodule(self):
        self.assertFalse(hasattr(ms, "Point"))
        self.assertFalse(hasattr(ms, "Square"))
        self.assertFalse(hasattr(ms, "origin"))
        self.assertFalse(hasattr(ms, "shapes"))
        self.assertFalse(hasattr(ms.geo, "Square"))
        self.assertFalse(hasattr(ms.geo, "unit_square"))
        self.assertFalse(hasattr(ms.geo.shapes, "area"))
        # A private `use super::Point` is not a re-export.
        self.assertFalse(hasattr(ms.geo.shapes, "Point"))

    def test_nested_submodule_class(self):
        S = ms.geo.shapes.Square
        self.assertEqual(S.__module__, "modules_statics.geo.shapes")
        sq = S(2.0)
        self.assertEqual(sq.side, 2.0)
        self.assertEqual(sq.area(), 4.0)
        self.assertIs(type(sq.corner), ms.geo.Point)
        self.assertEqual(sq.corner, ms.geo.Point(0.0, 0.0))
        far = sq.far_corner()
        self.assertIs(type(far), ms.geo.Point)
        self.assertEqual((far.x, far.y), (2.0, 2.0))
        sq.corner = ms.geo.Point(1.0, 1.0)
        self.assertEqual(sq.far_corner(), ms.geo.Point(3.0, 3.0))
        self.assertEqual(S.corner.__doc__, "The lower left corner.")

    def test_nested_class_across_modules(self):
        sq = ms.geo.shapes.unit_square()
        self.assertIs(type(sq), ms.geo.shapes.Square)
        self.assertAlmostEqual(ms.diagonal(sq), math.sqrt(2.0))
        self.assertAlmostEqual(ms.diagonal(ms.geo.shapes.Square(side=3.0)), 3.0 * math.sqrt(2.0))
        with self.assertRaises(TypeError):
            ms.diagonal(ms.geo.Point(1.0, 1.0))

    def test_live_static_in_submodule(self):
        ms.geo.CALLS = 0
        self.assertEqual(ms.geo.calls(), 0)
        ms.geo.area(1.0, 1.0)
        self.assertEqual(ms.geo.CALLS, 1)
        ms.geo.shapes.Square(2.0).area()
        self.assertEqual(ms.geo.CALLS, 2)
        ms.geo.CALLS = 100
        self.assertEqual(ms.geo.calls(), 100)
        with self.assertRaises(OverflowError):
            ms.geo.CALLS = -1
        self.assertEqual(ms.geo.calls(), 100)

    def test_submodule_static_is_not_at_root(self):
        self.assertFalse(hasattr(ms, "CALLS"))
        self.assertFalse(hasattr(ms, "UNIT"))


class TestPrivateModules(unittest.TestCase):
    def test_private_module_not_reachable(self):
        self.assertFalse(hasattr(ms, "hidden"))

    def test_unexported_items_not_reachable(self):
        for mod in (ms, ms.geo, ms.geo.shapes):
            with self.subTest(module=mod.__name__):
                self.assertFalse(hasattr(mod, "Secret"))
                self.assertFalse(hasattr(mod, "secret"))

    def test_private_type_used_inside_rust(self):
        self.assertEqual(ms.secret_value(), 3)

    def test_reexport_at_root(self):
        E = ms.Exposed
        self.assertIsInstance(E, type)
        self.assertEqual(E.__name__, "Exposed")
        self.assertEqual(E.__module__, "modules_statics")
        e = E(5)
        self.assertEqual(e.value, 5)
        self.assertEqual(e.doubled(), 10)
        self.assertEqual(E(value=2).doubled(), 4)

    def test_reexport_returned_from_function(self):
        e = ms.make_exposed(4)
        self.assertIs(type(e), ms.Exposed)
        self.assertEqual(e, ms.Exposed(4))

    def test_reexport_appears_once(self):
        self.assertFalse(hasattr(ms.geo, "Exposed"))
        self.assertFalse(hasattr(ms.geo.shapes, "Exposed"))


if __name__ == "__main__":
    unittest.main()
