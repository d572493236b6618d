"""Scalar arguments and returns: f32, f64, bool, char and ()."""

import math
import struct
import unittest

import values_scalars as m


def as_f32(x):
    """The nearest f32 to x, as a Python float."""
    return struct.unpack("f", struct.pack("f", x))[0]


class HasFloat:
    def __init__(self, value):
        self.value = value

    def __float__(self):
        return self.value


class HasIndex:
    def __index__(self):
        return 1


class MyFloat(float):
    pass


class TestF64(unittest.TestCase):
    def test_round_trip(self):
        for v in (0.0, 1.5, -2.25, 0.1, 1e300, -1e-300, 5e-324, math.pi):
            with self.subTest(value=v):
                self.assertEqual(m.echo_f64(v), v)

    def test_returns_float(self):
        self.assertIs(type(m.echo_f64(1.5)), float)

    def test_infinities(self):
        self.assertEqual(m.echo_f64(math.inf), math.inf)
        self.assertEqual(m.echo_f64(-math.inf), -math.inf)

    def test_nan(self):
        self.assertTrue(math.isnan(m.echo_f64(math.nan)))

    def test_negative_zero_keeps_sign(self):
        self.assertEqual(math.copysign(1.0, m.echo_f64(-0.0)), -1.0)

    def test_add(self):
        self.assertEqual(m.add_f64(0.5, 0.25), 0.75)
        self.assertEqual(m.add_f64(a=1.0, b=2.0), 3.0)

    def test_tiny(self):
        self.assertEqual(m.tiny(), 2.2250738585072014e-308)

    def test_int_accepted(self):
        self.assertEqual(m.echo_f64(3), 3.0)
        self.assertIs(type(m.echo_f64(3)), float)

    def test_large_int_accepted(self):
        self.assertEqual(m.echo_f64(2**53), 2.0**53)

    def test_bool_accepted_as_int(self):
        self.assertEqual(m.echo_f64(True), 1.0)

    def test_float_subclass_accepted(self):
        self.assertEqual(m.echo_f64(MyFloat(2.5)), 2.5)
        self.assertIs(type(m.echo_f64(MyFloat(2.5))), float)

    def test_dunder_float_accepted(self):
        self.assertEqual(m.echo_f64(HasFloat(4.5)), 4.5)

    def test_dunder_float_exception_propagates(self):
        class Bad:
            def __float__(self):
                raise ZeroDivisionError("nope")

        with self.assertRaises(ZeroDivisionError):
            m.echo_f64(Bad())

    def test_str_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_f64("1.5")

    def test_str_rejected_message(self):
        with self.assertRaisesRegex(TypeError, r"echo_f64\(\) argument 'x' must be .+, not str"):
            m.echo_f64("1.5")

    def test_wrong_type_names_the_right_parameter(self):
        with self.assertRaisesRegex(TypeError, r"add_f64\(\) argument 'b' must be .+, not str"):
            m.add_f64(1.0, "2")

    def test_none_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_f64(None)

    def test_complex_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_f64(1j)

    def test_is_positive(self):
        self.assertIs(m.is_positive(1.0), True)
        self.assertIs(m.is_positive(-1.0), False)


class TestF32(unittest.TestCase):
    def test_exact_round_trip(self):
        for v in (0.0, 1.5, -2.25, 1024.0, 0.5**20):
            with self.subTest(value=v):
                self.assertEqual(m.echo_f32(v), v)

    def test_rounds_to_nearest_f32(self):
        self.assertEqual(m.echo_f32(0.1), as_f32(0.1))
        self.assertNotEqual(m.echo_f32(0.1), 0.1)

    def test_returns_float(self):
        self.assertIs(type(m.echo_f32(1.5)), float)

    def test_widen(self):
        self.assertEqual(m.widen(0.1), as_f32(0.1))

    def test_mul(self):
        self.assertEqual(m.mul_f32(1.5, 2.0), 3.0)

    def test_infinities_and_nan(self):
        self.assertEqual(m.echo_f32(math.inf), math.inf)
        self.assertEqual(m.echo_f32(-math.inf), -math.inf)
        self.assertTrue(math.isnan(m.echo_f32(math.nan)))

    def test_int_accepted(self):
        self.assertEqual(m.echo_f32(7), 7.0)

    def test_dunder_float_accepted(self):
        self.assertEqual(m.echo_f32(HasFloat(0.25)), 0.25)

    def test_str_rejected(self):
        with self.assertRaisesRegex(TypeError, r"echo_f32\(\).*'x'"):
            m.echo_f32("x")


class TestIpv4(unittest.TestCase):
    def test_ipaddress_objects_in_and_out(self):
        import ipaddress

        out = m.next_ip(ipaddress.IPv4Address("10.0.0.255"))
        self.assertEqual(out, ipaddress.IPv4Address("10.0.1.0"))
        self.assertIsInstance(out, ipaddress.IPv4Address)
        self.assertEqual(m.next_ip("255.255.255.255"), ipaddress.IPv4Address("0.0.0.0"))
        self.assertEqual(m.is_private("192.168.1.1"), True)
        self.assertEqual(m.is_private(ipaddress.IPv4Address("8.8.8.8")), False)
        self.assertIsNone(m.is_private(None))

    def test_bad_addresses(self):
        import ipaddress

        with self.assertRaises(ValueError):
            m.next_ip("300.1.1.1")
        with self.assertRaises(TypeError) as cm:
            m.next_ip(167772160)
        self.assertIn("next_ip() argument 'a'", str(cm.exception))
        with self.assertRaises(TypeError):
            m.next_ip(ipaddress.IPv6Address("::1"))


class TestBool(unittest.TestCase):
    def test_round_trip(self):
        self.assertIs(m.echo_bool(True), True)
        self.assertIs(m.echo_bool(False), False)

    def test_invert(self):
        self.assertIs(m.invert(True), False)
        self.assertIs(m.invert(False), True)

    def test_both(self):
        self.assertIs(m.both(True, True), True)
        self.assertIs(m.both(True, False), False)
        self.assertIs(m.both(a=False, b=True), False)

    def test_int_rejected(self):
        for v in (1, 0):
            with self.subTest(value=v):
                with self.assertRaises(TypeError):
                    m.echo_bool(v)

    def test_int_rejected_message(self):
        with self.assertRaisesRegex(TypeError, r"echo_bool\(\) argument 'b' must be bool, not int"):
            m.echo_bool(1)

    def test_index_object_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_bool(HasIndex())

    def test_truthy_objects_rejected(self):
        for v in (None, "", "yes", [], 1.0):
            with self.subTest(value=v):
                with self.assertRaises(TypeError):
                    m.echo_bool(v)

    def test_wrong_type_names_the_right_parameter(self):
        with self.assertRaisesRegex(TypeError, r"both\(\) argument 'b'"):
            m.both(True, 0)


class TestChar(unittest.TestCase):
    def test_ascii_round_trip(self):
        self.assertEqual(m.echo_char("a"), "a")

    def test_returns_str(self):
        self.assertIs(type(m.echo_char("a")), str)

    def test_non_ascii_round_trip(self):
        for c in ("é", "λ", "漢", "🦀", "\x00", "\U0010ffff", "\ufffd"):
            with self.subTest(char=c):
                self.assertEqual(m.echo_char(c), c)

    def test_code_point(self):
        self.assertEqual(m.code_point("A"), 65)
        self.assertEqual(m.code_point("é"), 0xE9)
        self.assertEqual(m.code_point("🦀"), 0x1F980)

    def test_utf8_len(self):
        self.assertEqual(m.utf8_len("a"), 1)
        self.assertEqual(m.utf8_len("é"), 2)
        self.assertEqual(m.utf8_len("漢"), 3)
        self.assertEqual(m.utf8_len("🦀"), 4)

    def test_next_char(self):
        self.assertEqual(m.next_char("a"), "b")
        self.assertEqual(m.next_char("🦀"), "\U0001f981")

    def test_next_char_skips_nothing_at_end(self):
        self.assertEqual(m.next_char("\U0010ffff"), "\U0010ffff")

    def test_upper_char(self):
        self.assertEqual(m.upper_char("q"), "Q")
        self.assertEqual(m.upper_char("é"), "é")

    def test_two_chars_rejected(self):
        with self.assertRaises(ValueError):
            m.echo_char("ab")

    def test_two_chars_message_names_parameter(self):
        with self.assertRaisesRegex(ValueError, r"echo_char\(\).*'c'"):
            m.echo_char("ab")

    def test_empty_str_rejected(self):
        with self.assertRaises(ValueError):
            m.echo_char("")

    def test_combining_sequence_is_two_chars(self):
        with self.assertRaises(ValueError):
            m.echo_char("e\u0301")

    def test_int_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_char(97)

    def test_int_rejected_message(self):
        with self.assertRaisesRegex(TypeError, r"echo_char\(\) argument 'c' must be str, not int"):
            m.echo_char(97)

    def test_bytes_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_char(b"a")

    def test_lone_surrogate_rejected(self):
        with self.assertRaises(UnicodeEncodeError):
            m.echo_char("\ud800")


class TestUnit(unittest.TestCase):
    def test_nothing_returns_none(self):
        self.assertIsNone(m.nothing())

    def test_explicit_unit_returns_none(self):
        self.assertIsNone(m.explicit_unit())

    def test_consume_returns_none(self):
        self.assertIsNone(m.consume(1, True))

    def test_unit_function_runs(self):
        before = m.touches()
        self.assertIsNone(m.touch())
        self.assertIsNone(m.touch())
        self.assertEqual(m.touches(), before + 2)

    def test_nothing_takes_no_arguments(self):
        with self.assertRaisesRegex(TypeError, r"nothing\(\)"):
            m.nothing(1)

    def test_nothing_takes_no_keywords(self):
        with self.assertRaisesRegex(TypeError, r"nothing\(\)"):
            m.nothing(x=1)


if __name__ == "__main__":
    unittest.main()
