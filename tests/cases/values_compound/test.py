"""Compound arguments and returns: paths, Duration, SystemTime, Option, tuples."""

import inspect
import os
import pathlib
import unittest
from datetime import datetime, timedelta, timezone

import values_compound as m

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FsPath:
    """A minimal os.PathLike that is not a pathlib.Path."""

    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


class TestPaths(unittest.TestCase):
    def test_str_accepted(self):
        self.assertEqual(m.path_str("/tmp/a b/c.txt"), "/tmp/a b/c.txt")

    def test_pathlib_accepted(self):
        self.assertEqual(m.path_str(pathlib.Path("/tmp/x")), "/tmp/x")
        self.assertEqual(m.path_str(pathlib.PurePosixPath("rel/y")), "rel/y")

    def test_pathlike_accepted(self):
        self.assertTrue(isinstance(FsPath("/x"), os.PathLike))
        self.assertEqual(m.path_str(FsPath("/opt/z")), "/opt/z")

    def test_unicode_path(self):
        self.assertEqual(m.path_str("/tmp/héllo/🦀"), "/tmp/héllo/🦀")

    def test_returns_pathlib_path(self):
        out = m.path_echo("/tmp/x")
        self.assertIsInstance(out, pathlib.Path)
        self.assertEqual(out, pathlib.Path("/tmp/x"))

    def test_pathbuf_round_trip(self):
        for p in ("/a/b/c", "relative/path", ".", "/", "with space/é"):
            with self.subTest(path=p):
                self.assertEqual(m.path_echo(pathlib.Path(p)), pathlib.Path(p))

    def test_pathbuf_ref(self):
        out = m.path_ref(pathlib.Path("/a/b"))
        self.assertIsInstance(out, pathlib.Path)
        self.assertEqual(out, pathlib.Path("/a/b"))

    def test_join(self):
        self.assertEqual(m.path_join("/usr", "lib"), pathlib.Path("/usr/lib"))
        self.assertEqual(m.path_join(pathlib.Path("/usr"), name="share"), pathlib.Path("/usr/share"))

    def test_config_path(self):
        self.assertEqual(m.config_path(), pathlib.Path("/etc/rsbind/config.toml"))

    def test_file_name(self):
        self.assertEqual(m.file_name("/a/b.txt"), "b.txt")
        self.assertIsNone(m.file_name("/"))

    def test_parent_borrowed_path_out(self):
        out = m.parent("/a/b")
        self.assertIsInstance(out, pathlib.Path)
        self.assertEqual(out, pathlib.Path("/a"))
        self.assertIsNone(m.parent("/"))

    def test_optional_path(self):
        self.assertEqual(m.opt_path("/q"), "/q")
        self.assertEqual(m.opt_path(pathlib.Path("/q")), "/q")
        self.assertEqual(m.opt_path(None), "none")
        self.assertEqual(m.opt_path(), "none")

    def test_int_rejected(self):
        with self.assertRaisesRegex(TypeError, r"path_str\(\).*'p'"):
            m.path_str(5)

    def test_none_rejected(self):
        with self.assertRaises(TypeError):
            m.path_echo(None)

    def test_lone_surrogate_rejected(self):
        with self.assertRaises(UnicodeEncodeError):
            m.path_str("/tmp/\ud800")


class TestDuration(unittest.TestCase):
    def test_timedelta_accepted(self):
        self.assertEqual(m.dur_secs(timedelta(seconds=1, milliseconds=500)), 1.5)

    def test_float_seconds_accepted(self):
        self.assertEqual(m.dur_secs(0.25), 0.25)

    def test_int_seconds_accepted(self):
        self.assertEqual(m.dur_secs(2), 2.0)

    def test_zero(self):
        self.assertEqual(m.dur_secs(0), 0.0)
        self.assertEqual(m.dur_echo(timedelta(0)), timedelta(0))

    def test_returns_timedelta(self):
        out = m.dur_from_millis(1500)
        self.assertIsInstance(out, timedelta)
        self.assertEqual(out, timedelta(seconds=1.5))

    def test_round_trip_exact(self):
        for td in (
            timedelta(days=3, seconds=5, microseconds=7),
            timedelta(microseconds=1),
            timedelta(days=10_000),
            timedelta(hours=25, minutes=61, seconds=59, microseconds=999_999),
        ):
            with self.subTest(td=td):
                self.assertEqual(m.dur_echo(td), td)

    def test_float_to_timedelta(self):
        self.assertEqual(m.dur_echo(1.5), timedelta(seconds=1.5))

    def test_double(self):
        self.assertEqual(m.dur_double(timedelta(minutes=1)), timedelta(minutes=2))

    def test_add(self):
        self.assertEqual(m.dur_add(timedelta(seconds=1), 0.5), timedelta(seconds=1.5))

    def test_negative_timedelta_rejected(self):
        with self.assertRaises(ValueError):
            m.dur_secs(timedelta(seconds=-1))
        with self.assertRaises(ValueError):
            m.dur_secs(timedelta(microseconds=-1))

    def test_negative_seconds_rejected(self):
        with self.assertRaises(ValueError):
            m.dur_secs(-0.5)
        with self.assertRaises(ValueError):
            m.dur_secs(-1)

    def test_nan_rejected(self):
        with self.assertRaises(ValueError):
            m.dur_secs(float("nan"))

    def test_wrong_type_rejected(self):
        with self.assertRaisesRegex(TypeError, r"dur_secs\(\).*'d'"):
            m.dur_secs("1s")

    def test_optional_duration_out(self):
        self.assertIsNone(m.opt_dur(None))
        self.assertIsNone(m.opt_dur())
        self.assertEqual(m.opt_dur(90), timedelta(seconds=90))

    def test_optional_duration_in(self):
        self.assertEqual(m.opt_dur_secs(timedelta(seconds=2)), 2.0)
        self.assertEqual(m.opt_dur_secs(0.5), 0.5)
        self.assertEqual(m.opt_dur_secs(None), -1.0)
        self.assertEqual(m.opt_dur_secs(), -1.0)


class TestSystemTime(unittest.TestCase):
    def assertUtc(self, dt):
        self.assertIsInstance(dt, datetime)
        self.assertIsNotNone(dt.tzinfo)
        self.assertEqual(dt.utcoffset(), timedelta(0))

    def test_utc_round_trip(self):
        dt = datetime(2024, 2, 29, 13, 14, 15, 123456, tzinfo=UTC)
        out = m.time_echo(dt)
        self.assertUtc(out)
        self.assertEqual(out, dt)
        self.assertEqual(out.microsecond, 123456)

    def test_other_timezone_converted_to_utc(self):
        tz = timezone(timedelta(hours=5, minutes=30))
        dt = datetime(2021, 6, 1, 8, 0, 0, 654321, tzinfo=tz)
        out = m.time_echo(dt)
        self.assertUtc(out)
        self.assertEqual(out, dt)
        self.assertEqual((out.hour, out.minute, out.microsecond), (2, 30, 654321))

    def test_before_1970(self):
        dt = datetime(1960, 1, 1, 12, 0, 0, 250000, tzinfo=UTC)
        out = m.time_echo(dt)
        self.assertUtc(out)
        self.assertEqual(out, dt)

    def test_just_before_epoch(self):
        dt = datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
        self.assertEqual(m.time_echo(dt), dt)
        self.assertAlmostEqual(m.unix_secs(dt), -0.000001, places=9)

    def test_far_dates(self):
        for dt in (
            datetime(1000, 1, 1, tzinfo=UTC),
            datetime(3000, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        ):
            with self.subTest(dt=dt):
                self.assertEqual(m.time_echo(dt), dt)

    def test_unix_secs(self):
        self.assertEqual(m.unix_secs(EPOCH), 0.0)
        self.assertEqual(m.unix_secs(datetime(1970, 1, 2, tzinfo=UTC)), 86400.0)
        self.assertEqual(m.unix_secs(datetime(1969, 12, 31, tzinfo=UTC)), -86400.0)
        dt = datetime(2000, 1, 1, 0, 0, 0, 500000, tzinfo=UTC)
        self.assertEqual(m.unix_secs(dt), (dt - EPOCH).total_seconds())

    def test_epoch(self):
        out = m.epoch()
        self.assertUtc(out)
        self.assertEqual(out, EPOCH)

    def test_from_unix(self):
        self.assertEqual(m.from_unix(0), EPOCH)
        self.assertEqual(m.from_unix(1_700_000_000), datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC))
        self.assertEqual(m.from_unix(-86400), datetime(1969, 12, 31, tzinfo=UTC))

    def test_from_unix_before_1970_is_utc(self):
        self.assertUtc(m.from_unix(-1))

    def test_time_add(self):
        dt = datetime(2020, 1, 1, tzinfo=UTC)
        self.assertEqual(m.time_add(dt, timedelta(seconds=1.5)), dt + timedelta(seconds=1.5))
        self.assertEqual(m.time_add(dt, 60), dt + timedelta(minutes=1))

    def test_now(self):
        before = datetime.now(UTC) - timedelta(seconds=5)
        out = m.now()
        after = datetime.now(UTC) + timedelta(seconds=5)
        self.assertUtc(out)
        self.assertTrue(before <= out <= after)

    def test_naive_rejected(self):
        with self.assertRaises(ValueError):
            m.time_echo(datetime(2024, 1, 1))

    def test_naive_message_names_parameter(self):
        with self.assertRaisesRegex(ValueError, r"time_echo\(\).*'t'"):
            m.time_echo(datetime(2024, 1, 1))

    def test_wrong_type_rejected(self):
        for v in (0, 1.5, "2024-01-01", None):
            with self.subTest(value=v):
                with self.assertRaises(TypeError):
                    m.time_echo(v)


class TestOption(unittest.TestCase):
    def test_value_and_none_in_and_out(self):
        self.assertEqual(m.opt_double(4), 8)
        self.assertIsNone(m.opt_double(None))

    def test_trailing_option_defaults_to_none(self):
        self.assertIsNone(m.opt_double())
        self.assertEqual(m.opt_len(), 0)

    def test_option_str(self):
        self.assertEqual(m.opt_len("héllo"), 6)
        self.assertEqual(m.opt_len(None), 0)

    def test_option_wrong_type_rejected(self):
        with self.assertRaisesRegex(TypeError, r"opt_double\(\).*'x'"):
            m.opt_double("4")

    def test_option_overflow(self):
        with self.assertRaises(OverflowError):
            m.opt_double(2**31)

    def test_option_out(self):
        self.assertEqual(m.maybe_name(True), "Ferris")
        self.assertIsNone(m.maybe_name(False))

    def test_greet_defaults(self):
        self.assertEqual(m.greet("a"), "Hello, a!")

    def test_greet_keyword_skips_middle_default(self):
        self.assertEqual(m.greet("a", times=2), "Hello, a! Hello, a!")

    def test_greet_positional(self):
        self.assertEqual(m.greet("a", "Hi"), "Hi, a!")
        self.assertEqual(m.greet("a", "Hi", 2), "Hi, a! Hi, a!")
        self.assertEqual(m.greet("a", None, 3), "Hello, a! Hello, a! Hello, a!")

    def test_greet_keywords(self):
        self.assertEqual(m.greet(name="b", greeting="Yo", times=1), "Yo, b!")
        self.assertEqual(m.greet(times=1, name="c"), "Hello, c!")

    def test_greet_name_required(self):
        with self.assertRaisesRegex(TypeError, r"greet\(\).*'name'"):
            m.greet()
        with self.assertRaisesRegex(TypeError, r"greet\(\).*'name'"):
            m.greet(greeting="Hi")

    def test_greet_signature(self):
        self.assertEqual(str(inspect.signature(m.greet)), "(name, greeting=None, times=None)")

    def test_greet_signature_defaults_are_none(self):
        params = inspect.signature(m.greet).parameters
        self.assertIs(params["name"].default, inspect.Parameter.empty)
        self.assertIsNone(params["greeting"].default)
        self.assertIsNone(params["times"].default)

    def test_opt_double_signature(self):
        self.assertEqual(str(inspect.signature(m.opt_double)), "(x=None)")

    def test_non_trailing_option_is_required(self):
        self.assertEqual(m.middle(None, 2), 102)
        self.assertEqual(m.middle(1, 2), 3)
        self.assertEqual(m.middle(a=None, b=2), 102)
        with self.assertRaisesRegex(TypeError, r"middle\(\).*'a'"):
            m.middle(b=2)

    def test_non_trailing_option_signature(self):
        self.assertEqual(str(inspect.signature(m.middle)), "(a, b)")

    def test_option_option_out(self):
        self.assertIsNone(m.opt_opt(-1))
        self.assertEqual(m.opt_opt(5), 5)


class TestTuples(unittest.TestCase):
    def test_tuple_in_tuple_out(self):
        out = m.swap((1, "a"))
        self.assertIs(type(out), tuple)
        self.assertEqual(out, ("a", 1))

    def test_list_accepted(self):
        self.assertEqual(m.swap([1, "a"]), ("a", 1))

    def test_other_sequences_accepted(self):
        self.assertEqual(m.add_points(range(2), (3, 4)), (3, 5))

    def test_sum3(self):
        self.assertEqual(m.sum3((1, -2, 0.5)), -0.5)
        self.assertEqual(m.sum3([255, 2**62, 0.0]), 255 + 2.0**62)

    def test_pair_out(self):
        self.assertEqual(m.pair_out(), (7, "seven"))

    def test_single_element_tuple(self):
        out = m.single((5,))
        self.assertIs(type(out), tuple)
        self.assertEqual(out, (6,))
        self.assertEqual(m.single([1]), (2,))

    def test_nested_tuple_out(self):
        self.assertEqual(m.nest(1, 2, 3), (1, (2, 3)))

    def test_nested_tuple_in(self):
        self.assertEqual(m.flatten((1, (2, 3))), (1, 2, 3))
        self.assertEqual(m.flatten([1, [2, 3]]), (1, 2, 3))

    def test_too_short_rejected(self):
        with self.assertRaises(ValueError):
            m.swap((1,))

    def test_too_long_rejected(self):
        with self.assertRaises(ValueError):
            m.swap((1, "a", 3))

    def test_empty_rejected(self):
        with self.assertRaises(ValueError):
            m.single(())

    def test_wrong_length_message_names_parameter(self):
        with self.assertRaisesRegex(ValueError, r"swap\(\).*'p'"):
            m.swap([1, "a", 3])

    def test_inner_wrong_length_rejected(self):
        with self.assertRaises(ValueError):
            m.flatten((1, (2, 3, 4)))

    def test_non_sequence_rejected(self):
        for v in (5, None, 1.5):
            with self.subTest(value=v):
                with self.assertRaises(TypeError):
                    m.swap(v)

    def test_non_sequence_message_names_parameter(self):
        with self.assertRaisesRegex(TypeError, r"swap\(\).*'p'"):
            m.swap(5)

    def test_element_wrong_type_rejected(self):
        with self.assertRaises(TypeError):
            m.swap(("a", 1))

    def test_element_overflow(self):
        with self.assertRaises(OverflowError):
            m.sum3((256, 0, 0.0))


class TestNested(unittest.TestCase):
    def test_optional_tuple(self):
        self.assertIsNone(m.opt_pair(None))
        self.assertIsNone(m.opt_pair())
        self.assertEqual(m.opt_pair((1, "a")), (2, "a!"))
        self.assertEqual(m.opt_pair([1, "🦀"]), (2, "🦀!"))

    def test_tuple_with_option_and_inner_tuple(self):
        self.assertEqual(m.nested(("hi", (255, 1.5))), ("hi", (0, 3.0)))
        self.assertEqual(m.nested((None, [1, 2])), (None, (2, 4.0)))

    def test_path_and_bool_out(self):
        out = m.path_flag("/x/y")
        self.assertEqual(out, (pathlib.Path("/x/y"), True))
        self.assertIsInstance(out[0], pathlib.Path)
        self.assertEqual(m.path_flag("rel"), (pathlib.Path("rel"), False))

    def test_path_and_bool_in(self):
        self.assertEqual(m.describe((pathlib.Path("/x"), True)), "/x:true")
        self.assertEqual(m.describe(["rel", False]), "rel:false")

    def test_path_and_bool_rejects_int_for_bool(self):
        with self.assertRaises(TypeError):
            m.describe(("/x", 1))


if __name__ == "__main__":
    unittest.main()
