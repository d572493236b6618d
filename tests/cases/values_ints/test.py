"""Integer arguments and returns: every Rust integer type, at and past its bounds."""

import sys
import unittest

import values_ints as m

# Rust type -> (min, max). isize/usize are pointer-sized: 64-bit on the test platforms.
BITS_PTR = sys.maxsize.bit_length() + 1
RANGES = {
    "i8": (-(2**7), 2**7 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "i128": (-(2**127), 2**127 - 1),
    "isize": (-(2 ** (BITS_PTR - 1)), 2 ** (BITS_PTR - 1) - 1),
    "u8": (0, 2**8 - 1),
    "u16": (0, 2**16 - 1),
    "u32": (0, 2**32 - 1),
    "u64": (0, 2**64 - 1),
    "u128": (0, 2**128 - 1),
    "usize": (0, 2**BITS_PTR - 1),
}
SIGNED = [t for t in RANGES if t.startswith("i")]
UNSIGNED = [t for t in RANGES if t.startswith("u")]


def echo(t):
    return getattr(m, "echo_" + t)


def add(t):
    return getattr(m, "add_" + t)


class MyInt(int):
    """An int subclass."""


class Indexable:
    """Not an int, but usable as one through __index__."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class BadIndex:
    def __index__(self):
        raise ZeroDivisionError("no index for you")


class IntOnly:
    """Has __int__ but no __index__: like float, not an integer."""

    def __int__(self):
        return 3


class TestRoundTrip(unittest.TestCase):
    def test_pointer_width_matches_sys_maxsize(self):
        self.assertEqual(RANGES["isize"][1], sys.maxsize)

    def test_small_values_round_trip(self):
        for t in RANGES:
            for v in (0, 1, 42, 100):
                with self.subTest(type=t, value=v):
                    self.assertEqual(echo(t)(v), v)

    def test_negative_values_round_trip_for_signed(self):
        for t in SIGNED:
            for v in (-1, -42, -100):
                with self.subTest(type=t, value=v):
                    self.assertEqual(echo(t)(v), v)

    def test_values_at_one_digit_boundaries_round_trip(self):
        # Ints of one 30-bit digit are read in place, longer ones by a call:
        # both sides of the boundary, both signs, and in a list.
        for t, (lo, hi) in RANGES.items():
            for v in (2**30 - 1, 2**30, 2**30 + 1, -(2**30) + 1, -(2**30), -(2**30) - 1):
                if lo <= v <= hi:
                    with self.subTest(type=t, value=v):
                        self.assertEqual(echo(t)(v), v)
                else:
                    with self.subTest(type=t, value=v), self.assertRaises(OverflowError):
                        echo(t)(v)

    def test_min_round_trips(self):
        for t, (lo, _) in RANGES.items():
            with self.subTest(type=t):
                self.assertEqual(echo(t)(lo), lo)

    def test_max_round_trips(self):
        for t, (_, hi) in RANGES.items():
            with self.subTest(type=t):
                self.assertEqual(echo(t)(hi), hi)

    def test_i128_bounds(self):
        self.assertEqual(m.echo_i128(-(2**127)), -170141183460469231731687303715884105728)
        self.assertEqual(m.echo_i128(2**127 - 1), 170141183460469231731687303715884105727)

    def test_u128_max(self):
        self.assertEqual(m.echo_u128(2**128 - 1), 340282366920938463463374607431768211455)

    def test_u64_max(self):
        self.assertEqual(m.echo_u64(18446744073709551615), 2**64 - 1)

    def test_values_just_above_64_bits(self):
        self.assertEqual(m.echo_u128(2**64), 2**64)
        self.assertEqual(m.echo_u128(2**64 + 1), 2**64 + 1)
        self.assertEqual(m.echo_i128(-(2**64) - 1), -(2**64) - 1)
        self.assertEqual(m.echo_i128(2**100 + 12345), 2**100 + 12345)

    def test_returns_plain_int(self):
        for t in RANGES:
            with self.subTest(type=t):
                self.assertIs(type(echo(t)(5)), int)

    def test_keyword_argument(self):
        self.assertEqual(m.echo_i32(x=-7), -7)
        self.assertEqual(m.add_u128(a=1, b=2), 3)


class TestArithmetic(unittest.TestCase):
    def test_add(self):
        for t in RANGES:
            with self.subTest(type=t):
                self.assertEqual(add(t)(40, 2), 42)

    def test_add_wraps_at_max(self):
        for t, (lo, hi) in RANGES.items():
            with self.subTest(type=t):
                self.assertEqual(add(t)(hi, 1), lo)

    def test_add_wraps_at_min(self):
        for t in SIGNED:
            lo, hi = RANGES[t]
            with self.subTest(type=t):
                self.assertEqual(add(t)(lo, -1), hi)

    def test_add_u128_wraps_to_zero(self):
        self.assertEqual(m.add_u128(2**128 - 1, 1), 0)

    def test_add_i128_large(self):
        self.assertEqual(m.add_i128(2**100, 2**100), 2**101)
        self.assertEqual(m.add_i128(-(2**126), -(2**126)), -(2**127))

    def test_negate(self):
        self.assertEqual(m.negate(5), -5)
        self.assertEqual(m.negate(-(2**63)), -(2**63))

    def test_widen_mixed_types(self):
        self.assertEqual(m.widen(255, -32768, 2**32 - 1, 2**63 - 1), 255 - 32768 + 2**32 - 1 + 2**63 - 1)

    def test_split_u128(self):
        self.assertEqual(m.split_u128(2**128 - 1), (2**64 - 1, 2**64 - 1))
        self.assertEqual(m.split_u128((5 << 64) | 7), (5, 7))


class TestOverflow(unittest.TestCase):
    def test_one_past_max_overflows(self):
        for t, (_, hi) in RANGES.items():
            with self.subTest(type=t):
                with self.assertRaises(OverflowError):
                    echo(t)(hi + 1)

    def test_one_below_min_overflows(self):
        for t, (lo, _) in RANGES.items():
            with self.subTest(type=t):
                with self.assertRaises(OverflowError):
                    echo(t)(lo - 1)

    def test_negative_to_unsigned_overflows(self):
        for t in UNSIGNED:
            with self.subTest(type=t):
                with self.assertRaises(OverflowError):
                    echo(t)(-1)

    def test_huge_int_overflows(self):
        for t in RANGES:
            with self.subTest(type=t):
                with self.assertRaises(OverflowError):
                    echo(t)(2**1000)
                with self.assertRaises(OverflowError):
                    echo(t)(-(2**1000))

    def test_overflow_message_names_parameter(self):
        for t, (_, hi) in RANGES.items():
            with self.subTest(type=t):
                with self.assertRaisesRegex(OverflowError, r"\bx\b"):
                    echo(t)(hi + 1)

    def test_negative_to_unsigned_message_names_parameter(self):
        for t in UNSIGNED:
            with self.subTest(type=t):
                with self.assertRaisesRegex(OverflowError, r"\bx\b"):
                    echo(t)(-1)

    def test_overflow_names_the_right_parameter(self):
        with self.assertRaisesRegex(OverflowError, r"\bb\b"):
            m.add_u8(1, 256)
        with self.assertRaisesRegex(OverflowError, r"\bc\b"):
            m.widen(1, 2, -1, 4)
        with self.assertRaisesRegex(OverflowError, r"\bb\b"):
            m.widen(0, 40000, 0, 0)

    def test_overflow_from_index_object(self):
        with self.assertRaises(OverflowError):
            m.echo_u8(Indexable(256))
        with self.assertRaises(OverflowError):
            m.echo_u32(Indexable(-1))

    def test_module_usable_after_overflow(self):
        with self.assertRaises(OverflowError):
            m.echo_i8(128)
        self.assertEqual(m.echo_i8(127), 127)


class TestAcceptedTypes(unittest.TestCase):
    def test_int_subclass_accepted(self):
        for t in RANGES:
            with self.subTest(type=t):
                self.assertEqual(echo(t)(MyInt(7)), 7)

    def test_int_subclass_returns_plain_int(self):
        self.assertIs(type(m.echo_i64(MyInt(7))), int)

    def test_index_object_accepted(self):
        for t in RANGES:
            with self.subTest(type=t):
                self.assertEqual(echo(t)(Indexable(9)), 9)

    def test_index_object_large_values(self):
        self.assertEqual(m.echo_u128(Indexable(2**128 - 1)), 2**128 - 1)
        self.assertEqual(m.echo_i128(Indexable(-(2**127))), -(2**127))

    def test_index_exception_propagates(self):
        with self.assertRaises(ZeroDivisionError):
            m.echo_i32(BadIndex())

    def test_bool_accepted(self):
        for t in RANGES:
            with self.subTest(type=t):
                self.assertEqual(echo(t)(True), 1)
                self.assertEqual(echo(t)(False), 0)

    def test_bool_returns_int_not_bool(self):
        self.assertIs(type(m.echo_u8(True)), int)

    def test_add_with_bools(self):
        self.assertEqual(m.add_i32(True, True), 2)


class TestRejectedTypes(unittest.TestCase):
    def test_float_rejected(self):
        for t in RANGES:
            with self.subTest(type=t):
                with self.assertRaises(TypeError):
                    echo(t)(1.0)

    def test_float_message_names_parameter_and_int(self):
        with self.assertRaisesRegex(TypeError, r"'x'") as cm:
            m.echo_i32(1.5)
        self.assertIn("int", str(cm.exception))

    def test_float_message_format(self):
        with self.assertRaisesRegex(TypeError, r"^echo_i32\(\) argument 'x' must be int, not float$"):
            m.echo_i32(1.5)

    def test_integral_float_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_u64(2.0**40)

    def test_str_rejected(self):
        with self.assertRaisesRegex(TypeError, r"echo_u8\(\) argument 'x' must be int, not str"):
            m.echo_u8("5")

    def test_none_rejected(self):
        with self.assertRaisesRegex(TypeError, r"echo_i64\(\).*'x'"):
            m.echo_i64(None)

    def test_int_dunder_without_index_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_i32(IntOnly())

    def test_complex_rejected(self):
        with self.assertRaises(TypeError):
            m.echo_i16(1 + 0j)

    def test_wrong_type_names_the_right_parameter(self):
        with self.assertRaisesRegex(TypeError, r"add_i64\(\) argument 'b' must be int, not float"):
            m.add_i64(1, 2.5)


class TestConstants(unittest.TestCase):
    def test_min_constants(self):
        for t, (lo, _) in RANGES.items():
            with self.subTest(type=t):
                self.assertEqual(getattr(m, t.upper() + "_MIN"), lo)

    def test_max_constants(self):
        for t, (_, hi) in RANGES.items():
            with self.subTest(type=t):
                self.assertEqual(getattr(m, t.upper() + "_MAX"), hi)

    def test_constants_are_plain_ints(self):
        self.assertIs(type(m.U128_MAX), int)
        self.assertIs(type(m.I8_MIN), int)

    def test_big_constants(self):
        self.assertEqual(m.I128_MIN, -(2**127))
        self.assertEqual(m.I128_MAX, 2**127 - 1)
        self.assertEqual(m.U128_MAX, 2**128 - 1)
        self.assertEqual(m.U64_MAX, 2**64 - 1)

    def test_constants_round_trip(self):
        self.assertEqual(m.echo_i128(m.I128_MIN), m.I128_MIN)
        self.assertEqual(m.echo_u128(m.U128_MAX), m.U128_MAX)


if __name__ == "__main__":
    unittest.main()
