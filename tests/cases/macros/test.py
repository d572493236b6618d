"""Macros: macro-made functions and types, a thiserror error, features."""

import unittest

import macros


class TestMacroMade(unittest.TestCase):
    def test_functions_from_macro_rules(self):
        self.assertEqual(macros.add_two(1), 3)
        self.assertEqual(macros.add_ten(1), 11)
        self.assertEqual(macros.add_two.__doc__, "Adds a constant, made by `make_adder!`.")

    def test_types_from_macro_rules_with_their_impls(self):
        m = macros.Meters(2.0)
        self.assertEqual(str(m), "2m")
        self.assertEqual(m.doubled(), macros.Meters(4.0))
        self.assertLess(macros.Meters(1.0), macros.Meters(2.0))
        self.assertEqual(str(macros.to_feet(macros.Meters(1.0))), "3.28084ft")


class TestThiserror(unittest.TestCase):
    def test_error_text_is_the_error_attribute(self):
        self.assertEqual(macros.measure("1.5"), macros.Meters(1.5))
        with self.assertRaises(macros.MeasureError) as cm:
            macros.measure("abc")
        self.assertEqual(str(cm.exception), "bad value: abc")
        with self.assertRaises(macros.MeasureError) as cm:
            macros.measure("-2")
        self.assertEqual(str(cm.exception), "negative length -2")


class TestFeatures(unittest.TestCase):
    def test_default_feature_is_bound(self):
        self.assertEqual(macros.extra(), "extras are on")

    def test_non_default_feature_is_not(self):
        self.assertFalse(hasattr(macros, "more_fn"))

    def test_cfg_not_is_not(self):
        self.assertFalse(hasattr(macros, "without_extras"))


if __name__ == "__main__":
    unittest.main()
