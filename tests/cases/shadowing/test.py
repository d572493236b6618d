"""Shadowing: the crate's own Duration, Instant, Path, Error and Result<T> next to
std's Duration, Path and Result. Each name means the crate's item where the crate
means it and std's where the crate writes std's, with no edit of the interface file."""

import datetime
import pathlib
import unittest

import shadowing
from shadowing import Duration, Error, Instant, Path

td = datetime.timedelta


class TestModuleShape(unittest.TestCase):
    def test_own_classes(self):
        for name in ("Duration", "Instant", "Path"):
            with self.subTest(name=name):
                cls = getattr(shadowing, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)
                self.assertEqual(cls.__module__, "shadowing")
                self.assertFalse(issubclass(cls, BaseException))

    def test_own_duration_is_not_timedelta(self):
        self.assertIsNot(Duration, datetime.timedelta)
        self.assertFalse(issubclass(Duration, datetime.timedelta))
        self.assertNotIsInstance(Duration(1, 0), datetime.timedelta)

    def test_error_is_exception_class(self):
        self.assertIsInstance(Error, type)
        self.assertTrue(issubclass(Error, Exception))
        self.assertFalse(issubclass(Error, shadowing.RustPanic))
        self.assertEqual(Error.__module__, "shadowing")
        for variant in (Error.Empty, Error.NotANumber, Error.TooLong, Error.BadPath):
            with self.subTest(variant=variant):
                self.assertTrue(issubclass(variant, Error))

    def test_result_alias_not_bound(self):
        self.assertFalse(hasattr(shadowing, "Result"))

    def test_const(self):
        self.assertEqual(shadowing.MAX_SECS, 86_400)


class TestOwnDuration(unittest.TestCase):
    def test_constructor(self):
        d = Duration(1, 500)
        self.assertEqual((d.secs, d.millis), (1, 500))
        self.assertEqual(Duration(secs=3, millis=7).total_millis(), 3007)

    def test_millis_carry(self):
        d = Duration(1, 1500)
        self.assertEqual((d.secs, d.millis), (2, 500))

    def test_display_and_debug(self):
        self.assertEqual(str(Duration(2, 5)), "2.005s")
        self.assertEqual(repr(Duration(1, 500)), "Duration { secs: 1, millis: 500 }")

    def test_compare_and_hash(self):
        self.assertEqual(Duration(1, 500), Duration(0, 1500))
        self.assertTrue(Duration(1, 0) < Duration(1, 1))
        self.assertEqual(len({Duration(1, 0), Duration(0, 1000), Duration(2, 0)}), 2)

    def test_wrong_type(self):
        with self.assertRaises(TypeError):
            Duration(td(seconds=1), 0)


class TestStdDurationSideBySide(unittest.TestCase):
    def test_to_std_function(self):
        out = shadowing.to_std(Duration(1, 500))
        self.assertIs(type(out), datetime.timedelta)
        self.assertEqual(out, td(seconds=1, milliseconds=500))

    def test_to_std_method(self):
        self.assertEqual(Duration(0, 250).to_std(), td(milliseconds=250))

    def test_from_std_function(self):
        d = shadowing.from_std(td(seconds=2, milliseconds=250))
        self.assertIs(type(d), Duration)
        self.assertEqual(d, Duration(2, 250))

    def test_from_std_takes_float_seconds(self):
        self.assertEqual(shadowing.from_std(1.5), Duration(1, 500))

    def test_from_std_cuts_to_millis(self):
        self.assertEqual(shadowing.from_std(td(microseconds=1999)), Duration(0, 1))

    def test_from_std_static_method(self):
        self.assertEqual(Duration.from_std(td(seconds=3)), Duration(3, 0))

    def test_renamed_std_import(self):
        # `use std::time::Duration as StdDuration;` in the crate: still std's Duration.
        self.assertEqual(shadowing.from_std_renamed(td(milliseconds=4500)), Duration(4, 500))

    def test_method_mixing_both(self):
        self.assertEqual(Duration(1, 500).plus_std(td(milliseconds=600)), Duration(2, 100))

    def test_function_mixing_both(self):
        self.assertEqual(shadowing.longest(td(seconds=3), Duration(2, 0)), td(seconds=3))
        self.assertEqual(shadowing.longest(td(seconds=1), Duration(2, 500)), td(seconds=2.5))

    def test_kinds_are_not_interchangeable(self):
        with self.assertRaises(TypeError):
            shadowing.to_std(td(seconds=1))
        with self.assertRaises(TypeError):
            shadowing.from_std(Duration(1, 0))
        with self.assertRaises(TypeError):
            shadowing.longest(Duration(1, 0), Duration(2, 0))


class TestOwnResultAndError(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(shadowing.parse_secs("1.5"), Duration(1, 500))
        self.assertEqual(shadowing.parse_secs(" 0.25 "), Duration(0, 250))

    def test_empty(self):
        with self.assertRaises(Error) as cm:
            shadowing.parse_secs("  ")
        self.assertIsInstance(cm.exception, Error.Empty)
        self.assertEqual(str(cm.exception), "empty duration")

    def test_not_a_number(self):
        with self.assertRaises(Error) as cm:
            shadowing.parse_secs("abc")
        self.assertIsInstance(cm.exception, Error.NotANumber)
        self.assertEqual(cm.exception._0, "abc")
        self.assertEqual(str(cm.exception), 'not a number of seconds: "abc"')
        with self.assertRaises(Error.NotANumber):
            shadowing.parse_secs("-1")

    def test_too_long(self):
        with self.assertRaises(Error) as cm:
            shadowing.parse_secs("90000")
        e = cm.exception
        self.assertIsInstance(e, Error.TooLong)
        self.assertEqual((e.secs, e.limit), (90000, 86400))
        self.assertEqual(str(e), "90000s is longer than the limit of 86400s")

    def test_own_result_of_std_duration(self):
        out = shadowing.parse_std_secs("2.5")
        self.assertIs(type(out), datetime.timedelta)
        self.assertEqual(out, td(seconds=2.5))
        with self.assertRaises(Error.Empty):
            shadowing.parse_std_secs("")

    def test_std_result_with_own_error(self):
        self.assertEqual(shadowing.check_secs(10), 10)
        with self.assertRaises(Error.TooLong) as cm:
            shadowing.check_secs(86_401)
        self.assertEqual(str(cm.exception), "86401s is longer than the limit of 86400s")

    def test_unit_result(self):
        self.assertIsNone(shadowing.ensure_short(Duration(5, 0)))
        with self.assertRaises(Error.TooLong):
            shadowing.ensure_short(Duration(100_000, 0))

    def test_error_is_not_a_panic(self):
        with self.assertRaises(Error) as cm:
            shadowing.parse_secs("")
        self.assertNotIsInstance(cm.exception, shadowing.RustPanic)


class TestOwnInstant(unittest.TestCase):
    def test_duration_since(self):
        d = Instant(1000).duration_since(Instant(250))
        self.assertIs(type(d), Duration)
        self.assertEqual(d, Duration(0, 750))
        self.assertEqual(Instant(0).duration_since(Instant(5)), Duration(0, 0))

    def test_add_own_and_std(self):
        self.assertEqual(Instant(1000).add(Duration(1, 0)), Instant(2000))
        self.assertEqual(Instant(1000).add_std(td(milliseconds=500)), Instant(1500))
        with self.assertRaises(TypeError):
            Instant(0).add(td(seconds=1))

    def test_fields_and_order(self):
        self.assertEqual(Instant(7).ticks, 7)
        self.assertTrue(Instant(1) < Instant(2))


class TestOwnPath(unittest.TestCase):
    def test_parse_and_display(self):
        p = Path.parse("a/b/c")
        self.assertIs(type(p), Path)
        self.assertEqual(p.depth(), 3)
        self.assertEqual(str(p), "a/b/c")
        self.assertEqual(str(p.join("d")), "a/b/c/d")

    def test_errors(self):
        with self.assertRaises(Error.Empty):
            Path.parse("")
        with self.assertRaises(Error.BadPath) as cm:
            Path.parse("a//b")
        self.assertEqual(str(cm.exception), 'empty name in path "a//b"')

    def test_to_std_is_pathlib(self):
        out = Path.parse("a/b/c").to_std()
        self.assertIsInstance(out, pathlib.Path)
        self.assertEqual(out, pathlib.Path("a/b/c"))

    def test_from_std(self):
        p = Path.from_std(pathlib.Path("x/y"))
        self.assertIsInstance(p, Path)
        self.assertEqual(str(p), "x/y")
        self.assertEqual(str(Path.from_std("x/y/z")), "x/y/z")
        self.assertIsNone(Path.from_std("/abs"))

    def test_std_path_function(self):
        self.assertEqual(shadowing.std_depth("a/b"), 2)
        self.assertEqual(shadowing.std_depth(pathlib.Path("a/b/c")), 3)
        with self.assertRaises(TypeError):
            shadowing.std_depth(Path.parse("a/b"))

    def test_equality_and_hash(self):
        self.assertEqual(Path.parse("a/b"), Path.parse("a").join("b"))
        self.assertEqual(len({Path.parse("a/b"), Path.parse("a/b"), Path.parse("a")}), 2)

    def test_no_public_constructor(self):
        with self.assertRaises(TypeError):
            Path("a/b")



class TestDocstrings(unittest.TestCase):
    def test_markdown_becomes_a_docstring(self):
        self.assertEqual(
            shadowing.documented.__doc__,
            "Parses whole seconds into a `Duration`; fails with `Error.Empty` on "
            "empty input, see `to_std` for std's type and Rust <https://www.rust-lang.org>.\n"
            "\n"
            "Examples\n"
            "--------\n"
            "\n"
            "Example (Rust):\n"
            "    let d = documented(\"5\").unwrap();",
        )

if __name__ == "__main__":
    unittest.main()
