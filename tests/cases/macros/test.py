"""Macros and features: items made by `macro_rules!` invocations (functions, a
tuple struct type with an impl and a Display impl, an enum, constants, an impl
block on a hand-written struct), `thiserror` errors whose `#[error]` text is
`str(exc)`, and cfg/feature-gated items as the default features build them."""

import enum
import unittest

import macros
from macros import CheckError, CountError, Direction, Feet, Meters, Point


class TestMacroMadeFunctions(unittest.TestCase):
    def test_adders(self):
        self.assertEqual(macros.add_two(3), 5)
        self.assertEqual(macros.add_ten(-10), 0)
        self.assertEqual(macros.add_two(x=40), 42)

    def test_doc_from_concat(self):
        self.assertEqual(macros.add_two.__doc__, "Adds 2 to `x`.")
        self.assertEqual(macros.add_ten.__doc__, "Adds 10 to `x`.")

    def test_wrong_type(self):
        with self.assertRaisesRegex(TypeError, r"'x'"):
            macros.add_two("3")

    def test_macros_themselves_not_bound(self):
        for name in ("make_adder", "length_type", "named_enum", "consts", "impl_describe"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(macros, name))


class TestMacroMadeTypes(unittest.TestCase):
    def test_classes(self):
        for cls, name in ((Meters, "Meters"), (Feet, "Feet")):
            with self.subTest(name=name):
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)
                self.assertEqual(cls.__module__, "macros")

    def test_docs(self):
        self.assertEqual(Meters.__doc__, "A length in meters.")
        self.assertEqual(Feet.__doc__, "A length in feet.")

    def test_tuple_struct(self):
        m = Meters(2.5)
        self.assertEqual(m._0, 2.5)
        self.assertEqual(m.value(), 2.5)
        m._0 = 4.0
        self.assertEqual(m.value(), 4.0)

    def test_macro_made_display(self):
        self.assertEqual(str(Meters(2.5)), "2.5 m")
        self.assertEqual(str(Meters(2.0)), "2 m")
        self.assertEqual(str(Feet(3.0)), "3 ft")

    def test_debug(self):
        self.assertEqual(repr(Meters(2.5)), "Meters(2.5)")

    def test_methods(self):
        self.assertEqual(Meters(1.5).doubled(), Meters(3.0))
        self.assertIs(type(Feet(1.0).doubled()), Feet)
        m = Feet(10.0).in_meters()
        self.assertIs(type(m), Meters)
        self.assertAlmostEqual(m.value(), 3.048, places=6)
        self.assertEqual(Meters(7.0).in_meters(), Meters(7.0))

    def test_derives(self):
        self.assertEqual(Meters(1.0), Meters(1.0))
        self.assertNotEqual(Meters(1.0), Meters(2.0))
        self.assertTrue(Meters(1.0) < Meters(2.0))
        self.assertFalse(Meters(1.0) == Feet(1.0))

    def test_enum(self):
        self.assertTrue(issubclass(Direction, enum.IntEnum))
        self.assertEqual([m.name for m in Direction], ["North", "East", "South", "West"])
        self.assertEqual(int(Direction.South), 2)
        self.assertEqual(Direction.__doc__, "A direction on the compass.")
        # The macro's method, on the IntEnum's members.
        self.assertEqual(Direction.South.label(), "South")
        self.assertEqual([d.label() for d in Direction], ["North", "East", "South", "West"])

    def test_constants(self):
        self.assertEqual(macros.MAX_VALUE, 100)
        self.assertEqual(macros.GREETING, "hello")

    def test_impl_block_made_by_macro(self):
        p = Point(1.5, 2.0)
        self.assertEqual(p.describe(), "Point(1.5, 2)")
        self.assertEqual(p.sum(), 3.5)


class TestThiserrorEnum(unittest.TestCase):
    def test_exception_class(self):
        self.assertTrue(issubclass(CheckError, Exception))
        self.assertFalse(issubclass(CheckError, macros.RustPanic))
        for variant in (CheckError.Bad, CheckError.TooBig, CheckError.Empty, CheckError.NotANumber):
            with self.subTest(variant=variant):
                self.assertTrue(issubclass(variant, CheckError))

    def test_ok(self):
        self.assertEqual(macros.check_value(5), 5)
        self.assertEqual(macros.parse_value("42"), 42)

    def test_tuple_variant_message(self):
        with self.assertRaises(CheckError) as cm:
            macros.check_value(-1)
        self.assertIsInstance(cm.exception, CheckError.Bad)
        self.assertEqual(cm.exception._0, -1)
        self.assertEqual(str(cm.exception), "bad value: -1")

    def test_struct_variant_message(self):
        with self.assertRaises(CheckError.TooBig) as cm:
            macros.check_value(101)
        self.assertEqual((cm.exception.value, cm.exception.limit), (101, 100))
        self.assertEqual(str(cm.exception), "value 101 is above the limit 100")

    def test_unit_variant_message(self):
        with self.assertRaises(CheckError.Empty) as cm:
            macros.parse_value("")
        self.assertEqual(str(cm.exception), "empty input")

    def test_debug_format_in_message(self):
        with self.assertRaises(CheckError.NotANumber) as cm:
            macros.parse_value("abc")
        self.assertEqual(str(cm.exception), 'not a number: "abc"')

    def test_message_is_not_debug(self):
        with self.assertRaises(CheckError) as cm:
            macros.check_value(-7)
        self.assertNotIn("Bad(", str(cm.exception))


class TestThiserrorStruct(unittest.TestCase):
    def test_exception_class(self):
        self.assertTrue(issubclass(CountError, Exception))

    def test_ok(self):
        self.assertEqual(macros.parse_count(1, "7"), 7)

    def test_message_includes_source(self):
        with self.assertRaises(CountError) as cm:
            macros.parse_count(3, "x1")
        self.assertEqual(str(cm.exception), "line 3: invalid digit found in string")
        with self.assertRaises(CountError) as cm:
            macros.parse_count(4, "")
        self.assertEqual(str(cm.exception), "line 4: cannot parse integer from empty string")

    def test_method_on_error(self):
        with self.assertRaises(CountError) as cm:
            macros.parse_count(9, "-1")
        self.assertEqual(cm.exception.line(), 9)


class TestDefaultFeatures(unittest.TestCase):
    """The crate's default features are `extras`; `more` is off."""

    def test_default_feature_function_bound(self):
        self.assertEqual(macros.extra(), "extras are on")

    def test_default_feature_macro_made_function_bound(self):
        self.assertEqual(macros.add_hundred(1), 101)

    def test_default_feature_method_bound(self):
        self.assertEqual(Point(3.0, 4.0).norm(), 5.0)

    def test_non_default_feature_not_bound(self):
        self.assertFalse(hasattr(macros, "more_fn"))
        self.assertFalse(hasattr(macros, "MoreInfo"))
        self.assertFalse(hasattr(Meters, "to_feet"))

    def test_cfg_not_default_feature_not_bound(self):
        self.assertFalse(hasattr(macros, "without_extras"))

    def test_cfg_test_not_bound(self):
        self.assertFalse(hasattr(macros, "only_in_tests"))


if __name__ == "__main__":
    unittest.main()
