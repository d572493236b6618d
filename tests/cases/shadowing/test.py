"""Shadowing: the crate's own Duration, Result and Error beside std's."""

import datetime
import unittest

import shadowing


class TestShadowing(unittest.TestCase):
    def test_own_duration_is_a_class(self):
        d = shadowing.Duration(ticks=5)
        self.assertEqual(d.ticks, 5)
        self.assertEqual(type(d).__name__, "Duration")

    def test_own_result_and_error(self):
        self.assertEqual(shadowing.parse_ticks("12").ticks, 12)
        with self.assertRaises(shadowing.Error) as cm:
            shadowing.parse_ticks("x")
        self.assertEqual(str(cm.exception), "not a number: x")
        with self.assertRaises(shadowing.Error) as cm:
            shadowing.parse_ticks("")
        self.assertEqual(str(cm.exception), "empty input")

    def test_docstring_from_markdown(self):
        self.assertEqual(
            shadowing.parse_ticks.__doc__,
            "Parses whole ticks into a `Duration`; fails with `Error.Empty` on\n"
            "empty input, see `to_std` for the unit and Rust <https://www.rust-lang.org>.\n"
            "\n"
            "Examples\n"
            "--------\n"
            "\n"
            "Example (Rust):\n"
            "    let d = parse_ticks(\"5\").unwrap();\n"
            "    assert_eq!(d.ticks, 5);",
        )

    def test_std_duration_is_timedelta(self):
        out = shadowing.to_std(shadowing.Duration(ticks=1500))
        self.assertEqual(out, datetime.timedelta(seconds=1.5))
        self.assertEqual(shadowing.from_std(datetime.timedelta(seconds=2)).ticks, 2000)
        self.assertEqual(shadowing.from_std(0.25).ticks, 250)

    def test_both_at_once(self):
        self.assertTrue(shadowing.longer(shadowing.Duration(ticks=2000), datetime.timedelta(seconds=1)))
        self.assertFalse(shadowing.longer(shadowing.Duration(ticks=10), 1.0))
        with self.assertRaises(TypeError):
            shadowing.longer(datetime.timedelta(seconds=1), datetime.timedelta(seconds=1))

    def test_std_result_written_in_full(self):
        self.assertEqual(shadowing.checked(3), 3)
        with self.assertRaises(RuntimeError) as cm:
            shadowing.checked(-1)
        self.assertEqual(str(cm.exception), "-1 is negative")


if __name__ == "__main__":
    unittest.main()
