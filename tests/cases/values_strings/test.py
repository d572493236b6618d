"""String arguments and returns: &str, String, &String, Box<str>, Cow<str>."""

import resource
import unittest

import values_strings as m

SAMPLES = [
    "",
    "hello",
    "héllo wörld",
    "漢字かなカナ",
    "🦀 rust 🐍 python",
    "a\x00b",
    "\x00",
    "\U0010ffff",
    "tab\tnewline\n",
]

# Every function that takes a string and gives it back unchanged.
ECHOES = ["echo", "echo_string", "echo_box", "echo_string_ref", "echo_cow"]


class MyStr(str):
    pass


class TestRoundTrip(unittest.TestCase):
    def test_echo_functions_round_trip(self):
        for name in ECHOES:
            for s in SAMPLES:
                with self.subTest(function=name, value=s):
                    self.assertEqual(getattr(m, name)(s), s)

    def test_returns_plain_str(self):
        for name in ECHOES:
            with self.subTest(function=name):
                self.assertIs(type(getattr(m, name)("x")), str)

    def test_str_subclass_accepted(self):
        self.assertEqual(m.upper(MyStr("ab")), "AB")
        self.assertIs(type(m.echo(MyStr("ab"))), str)

    def test_embedded_nul(self):
        self.assertEqual(m.echo("a\x00b"), "a\x00b")
        self.assertEqual(m.byte_len("a\x00b"), 3)
        self.assertEqual(m.with_nul(), "a\x00b")

    def test_empty_string(self):
        self.assertEqual(m.echo(""), "")
        self.assertEqual(m.upper(""), "")
        self.assertEqual(m.byte_len(""), 0)
        self.assertEqual(m.empty(), "")

    def test_one_megabyte_string(self):
        s = "ab🦀é漢" * 200_000  # 1,000,000 characters
        self.assertEqual(len(s), 1_000_000)
        self.assertEqual(m.echo(s), s)
        self.assertEqual(m.echo_string(s), s)
        self.assertEqual(m.char_count(s), 1_000_000)
        self.assertEqual(m.byte_len(s), len(s.encode("utf-8")))
        self.assertEqual(m.upper(s), s.upper())

    def test_one_megabyte_string_returned(self):
        s = m.repeat("x", 1 << 20)
        self.assertEqual(len(s), 1 << 20)
        self.assertEqual(s, "x" * (1 << 20))


class TestFunctions(unittest.TestCase):
    def test_upper(self):
        self.assertEqual(m.upper("hello"), "HELLO")
        self.assertEqual(m.upper("héllo"), "HÉLLO")

    def test_upper_full_case_mapping(self):
        self.assertEqual(m.upper("straße"), "STRASSE")

    def test_shout(self):
        self.assertEqual(m.shout("hi"), "HI!")
        self.assertEqual(m.shout("🦀"), "🦀!")

    def test_len_ref_counts_utf8_bytes(self):
        self.assertEqual(m.len_ref("abc"), 3)
        self.assertEqual(m.len_ref("é"), 2)
        self.assertEqual(m.len_ref("漢"), 3)
        self.assertEqual(m.len_ref("🦀"), 4)

    def test_char_count(self):
        self.assertEqual(m.char_count("🦀é"), 2)

    def test_cow(self):
        self.assertEqual(m.cow("x"), "<x>")
        self.assertEqual(m.cow("🦀"), "<🦀>")

    def test_cow_borrowed_static(self):
        self.assertEqual(m.cow(""), "empty")

    def test_trim_cow(self):
        self.assertEqual(m.trim_cow("  padded  "), "padded")
        self.assertEqual(m.trim_cow("   "), "(blank)")

    def test_static_str(self):
        self.assertEqual(m.version(), "1.2.3")

    def test_first_word_borrowed_from_argument(self):
        self.assertEqual(m.first_word("hello world"), "hello")
        self.assertEqual(m.first_word("  héllo wörld"), "héllo")
        self.assertEqual(m.first_word("漢字 かな"), "漢字")
        self.assertEqual(m.first_word(""), "")

    def test_concat(self):
        self.assertEqual(m.concat("🦀", "🐍"), "🦀🐍")
        self.assertEqual(m.concat(a="a", b="b"), "ab")

    def test_reverse(self):
        self.assertEqual(m.reverse("ab🦀"), "🦀ba")

    def test_repeat(self):
        self.assertEqual(m.repeat("ab", 3), "ababab")
        self.assertEqual(m.repeat("ab", 0), "")


class TestRejected(unittest.TestCase):
    def test_lone_surrogate_rejected(self):
        for name in ECHOES + ["upper", "shout", "len_ref", "cow"]:
            with self.subTest(function=name):
                with self.assertRaises(UnicodeEncodeError):
                    getattr(m, name)("\ud800")

    def test_surrogate_inside_string_rejected(self):
        with self.assertRaises(UnicodeEncodeError):
            m.upper("abc\udfffdef")

    def test_surrogate_pair_written_as_two_code_points_rejected(self):
        with self.assertRaises(UnicodeEncodeError):
            m.echo("\ud83e\udd80")

    def test_bytes_rejected(self):
        for name in ECHOES + ["upper", "shout", "len_ref", "cow"]:
            with self.subTest(function=name):
                with self.assertRaises(TypeError):
                    getattr(m, name)(b"abc")

    def test_bytes_message_names_parameter(self):
        with self.assertRaisesRegex(TypeError, r"upper\(\) argument 's' must be str, not bytes"):
            m.upper(b"abc")

    def test_wrong_type_names_the_right_parameter(self):
        with self.assertRaisesRegex(TypeError, r"concat\(\) argument 'b' must be str, not int"):
            m.concat("a", 1)

    def test_none_rejected(self):
        with self.assertRaises(TypeError):
            m.echo(None)

    def test_int_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_box(5)

    def test_usable_after_errors(self):
        with self.assertRaises(UnicodeEncodeError):
            m.upper("\ud800")
        self.assertEqual(m.upper("ok"), "OK")


class TestMemory(unittest.TestCase):
    def test_repeated_calls_do_not_leak(self):
        s = "memory check 🦀 " * 8  # ~130 bytes of UTF-8, so a leak per call shows up
        upper, shout = m.upper, m.shout
        for _ in range(100_000):
            upper(s)
            shout(s)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        for _ in range(1_000_000):
            upper(s)
            shout(s)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.assertLess(after - before, 10 * 1024, f"peak RSS grew by {after - before} KiB")


if __name__ == "__main__":
    unittest.main()
