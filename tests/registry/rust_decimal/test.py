"""The real rust_decimal 1.43.0 crate from crates.io, bound unmodified, with its
default features (`serde`, `std`).

Expected values are the crate's own, checked against it: `Decimal`,
`RoundingStrategy` and its error enum `Error` (whose
`Display` is `str(exc)`). The checked and saturating arithmetic methods
(`checked_add`, `saturating_add`, ...) are made by the crate's own
`macro_rules!` inside `impl Decimal`. `Decimal` pickles (and copies) through
its serde `Serialize`/`Deserialize` (the default `serde` feature): its data is
the decimal's text, so the scale survives.

Its traits (issue 12): `FromStr` is the classmethod `Decimal.parse` (the
constructor stays `new(num, scale)`, so `Decimal("1.25")` is not a parse); the
operators `+ - * / %` and unary `-` come from the crate's macro-made `Add` ...
`Neg` impls, their `*Assign` forms are the in-place operators (`+=` changes the
object); num-traits' `Zero`/`One`/`Signed`/`ToPrimitive`/`FromPrimitive` give
`zero()`, `one()`, `signum()`, `to_i64()`, `to_f64()`, `from_f64()`, ...; `From<i64>`
and the other integer `From`s are `from_i64` ...; `TryFrom<f64>` is `try_from_f64`.
Class constants (`Decimal.ZERO`) are read anew at each access, so `total =
Decimal.ZERO; total += x` never changes `Decimal.ZERO`.

Still unbound (the interface file lists each with its reason):
- the impls for `&Decimal` and `&mut Decimal` (`&a + &b`): the impls for
  `Decimal` itself are bound, and Python has no references;
- mixed operators with Python numbers (`d + 1`): the crate implements `Add` only
  for `Decimal`, so `d + 1` is a `TypeError`, as the crate's own `d + 1` does not
  compile;
- `Sum`/`Product` (generic over the iterator: no instantiation is listed);
- num-traits' provided methods (`to_i32`, `from_u8`, `is_one`, ...: the
  signature of a provided method of another crate's trait is not read), and those
  whose names the inherent methods take (`checked_add`, `abs`, `is_zero`, ...);
- `LowerExp`/`UpperExp` (`&mut Formatter`), the `TryFrom<Decimal>` impls for
  `f64`, `i64`, ... (conversions into other types), `array_string` (returns
  `impl AsRef<str>`), and `unpack` (its type is not reachable).
Deprecated `min_value`/`max_value` and the `str` submodule's `overflow_128` are
left untested.
"""

import copy
import enum
import pickle
import unittest

import rust_decimal
from rust_decimal import Decimal, Error, RoundingStrategy

D = Decimal


class TestModuleShape(unittest.TestCase):
    def test_classes(self):
        for name in ("Decimal", "Error"):
            with self.subTest(name=name):
                cls = getattr(rust_decimal, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)

    def test_error_is_exception_class(self):
        self.assertTrue(issubclass(Error, Exception))
        self.assertFalse(issubclass(Error, rust_decimal.RustPanic))
        for name in (
            "ErrorString",
            "ExceedsMaximumPossibleValue",
            "LessThanMinimumPossibleValue",
            "Underflow",
            "ScaleExceedsMaximumPrecision",
            "ConversionTo",
        ):
            with self.subTest(variant=name):
                self.assertTrue(issubclass(getattr(Error, name), Error))

    def test_rounding_strategy_is_int_enum(self):
        self.assertTrue(issubclass(RoundingStrategy, enum.IntEnum))
        names = [m.name for m in RoundingStrategy]
        for name in (
            "MidpointNearestEven",
            "MidpointAwayFromZero",
            "MidpointTowardZero",
            "ToZero",
            "AwayFromZero",
            "ToNegativeInfinity",
            "ToPositiveInfinity",
        ):
            with self.subTest(name=name):
                self.assertIn(name, names)

    def test_result_alias_not_bound(self):
        self.assertFalse(hasattr(rust_decimal, "Result"))

    def test_non_default_feature_maths_not_bound(self):
        # `maths` is not a default feature: its trait and its constants are absent.
        self.assertFalse(hasattr(rust_decimal, "MathematicalOps"))
        for name in ("PI", "HALF_PI", "QUARTER_PI", "TWO_PI", "E", "E_INVERSE", "sqrt", "powi", "ln"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(Decimal, name))


class TestConstruct(unittest.TestCase):
    def test_new(self):
        d = D(125, 2)
        self.assertIs(type(d), D)
        self.assertEqual(str(d), "1.25")
        self.assertEqual(str(D(num=-5, scale=1)), "-0.5")
        self.assertEqual(str(D(0, 2)), "0.00")

    def test_new_panics_past_max_scale(self):
        with self.assertRaises(rust_decimal.RustPanic):
            D(1, 29)
        self.assertEqual(str(D(1, 28)), "0.0000000000000000000000000001")

    def test_try_new(self):
        self.assertEqual(D.try_new(125, 2), D(125, 2))
        with self.assertRaises(Error) as cm:
            D.try_new(1, 29)
        self.assertIsInstance(cm.exception, Error.ScaleExceedsMaximumPrecision)
        self.assertEqual(cm.exception._0, 29)
        self.assertEqual(str(cm.exception), "Scale exceeds the maximum precision allowed: 29 > 28")

    def test_from_str_exact(self):
        self.assertEqual(D.from_str_exact("1.25"), D(125, 2))
        self.assertEqual(str(D.from_str_exact("-0.001")), "-0.001")

    def test_from_str_exact_errors(self):
        cases = {
            "1.2.3": "Invalid decimal: two decimal points",
            "abc": "Invalid decimal: unknown character",
            "": "Invalid decimal: empty",
        }
        for text, message in cases.items():
            with self.subTest(text=text):
                with self.assertRaises(Error.ErrorString) as cm:
                    D.from_str_exact(text)
                self.assertEqual(str(cm.exception), message)
        with self.assertRaises(Error.Underflow) as cm:
            D.from_str_exact("0.00000000000000000000000000001")
        self.assertEqual(str(cm.exception), "Number has a high precision that can not be represented.")

    def test_from_scientific(self):
        self.assertEqual(str(D.from_scientific("9.7e-7")), "0.00000097")
        with self.assertRaises(Error) as cm:
            D.from_scientific("1e")
        self.assertEqual(str(cm.exception), "Failed to parse")

    def test_from_str_radix(self):
        self.assertEqual(D.from_str_radix("ff", 16), D(255, 0))

    def test_from_i128_with_scale_and_parts(self):
        self.assertEqual(str(D.from_i128_with_scale(12345, 3)), "12.345")
        self.assertEqual(str(D.from_parts(1, 0, 0, True, 2)), "-0.01")

    def test_from_f64_retain(self):
        self.assertEqual(str(D.from_f64_retain(0.1)), "0.1000000000000000055511151231")
        self.assertIsNone(D.from_f64_retain(float("nan")))

    def test_constants(self):
        self.assertEqual(str(D.ZERO), "0")
        self.assertEqual(str(D.ONE), "1")
        self.assertEqual(str(D.NEGATIVE_ONE), "-1")
        self.assertEqual(str(D.TEN), "10")
        self.assertEqual(str(D.ONE_HUNDRED), "100")
        self.assertEqual(str(D.MAX), "79228162514264337593543950335")
        self.assertEqual(str(D.MIN), "-79228162514264337593543950335")
        self.assertEqual(D.MAX_SCALE, 28)

    def test_wrong_types(self):
        with self.assertRaisesRegex(TypeError, r"'num'"):
            D("1", 2)
        with self.assertRaises(OverflowError):
            D(1, -1)


class TestInspect(unittest.TestCase):
    def test_parts(self):
        d = D(125, 2)
        self.assertEqual(d.scale(), 2)
        self.assertEqual(d.mantissa(), 125)
        self.assertEqual(D(-125, 2).mantissa(), -125)

    def test_unnameable_type_not_bound(self):
        # `UnpackedDecimal` is pub in a private module and not re-exported: code
        # outside the crate cannot name it, so `unpack()` (which returns it) is skipped.
        self.assertFalse(hasattr(rust_decimal, "UnpackedDecimal"))
        self.assertFalse(hasattr(Decimal, "unpack"))

    def test_predicates(self):
        self.assertTrue(D.ZERO.is_zero())
        self.assertFalse(D(1, 2).is_zero())
        self.assertTrue(D(100, 2).is_integer())
        self.assertFalse(D(125, 2).is_integer())
        self.assertTrue(D(-125, 2).is_sign_negative())
        self.assertFalse(D(-125, 2).is_sign_positive())
        self.assertTrue(D(125, 2).is_sign_positive())

    def test_conversions(self):
        self.assertEqual(D(125, 2).as_f64(), 1.25)
        self.assertEqual(D(-199, 2).as_i128(), -1)

    def test_display_and_debug(self):
        self.assertEqual(str(D(1500, 3)), "1.500")
        self.assertEqual(repr(D(125, 2)), "1.25")

    def test_serialize_round_trip(self):
        b = D(125, 2).serialize()
        self.assertIsInstance(b, bytes)
        self.assertEqual(b, bytes([0, 0, 2, 0, 125] + [0] * 11))
        self.assertEqual(D.deserialize(b), D(125, 2))
        with self.assertRaises(ValueError):
            D.deserialize(b"\x00" * 15)


class TestRounding(unittest.TestCase):
    def test_round_dp_is_bankers(self):
        self.assertEqual(str(D(125, 2).round_dp(1)), "1.2")
        self.assertEqual(str(D(135, 2).round_dp(1)), "1.4")
        self.assertEqual(str(D(-125, 2).round_dp(1)), "-1.2")

    def test_round_dp_with_strategy(self):
        self.assertEqual(str(D(125, 2).round_dp_with_strategy(1, RoundingStrategy.MidpointAwayFromZero)), "1.3")
        self.assertEqual(str(D(125, 2).round_dp_with_strategy(1, RoundingStrategy.ToZero)), "1.2")
        self.assertEqual(str(D(121, 2).round_dp_with_strategy(1, RoundingStrategy.ToPositiveInfinity)), "1.3")
        with self.assertRaises(TypeError):
            D(125, 2).round_dp_with_strategy(1, "ToZero")

    def test_round_sf_and_round(self):
        self.assertEqual(str(D(12345, 4).round_sf(2)), "1.2")
        self.assertEqual(str(D(125, 2).round()), "1")

    def test_trunc_fract_abs_floor_ceil(self):
        n = D(-125, 2)
        self.assertEqual(str(n.trunc()), "-1")
        self.assertEqual(str(n.fract()), "-0.25")
        self.assertEqual(str(n.abs()), "1.25")
        self.assertEqual(str(n.floor()), "-2")
        self.assertEqual(str(n.ceil()), "-1")
        self.assertEqual(str(D(12345, 4).trunc_with_scale(2)), "1.23")

    def test_normalize(self):
        self.assertEqual(str(D(1500, 3).normalize()), "1.5")
        d = D(1500, 3)
        d.normalize_assign()
        self.assertEqual(str(d), "1.5")


class TestMutate(unittest.TestCase):
    def test_rescale(self):
        d = D(125, 2)
        self.assertIsNone(d.rescale(3))
        self.assertEqual(str(d), "1.250")

    def test_set_scale(self):
        d = D(125, 2)
        self.assertIsNone(d.set_scale(3))
        self.assertEqual(str(d), "0.125")
        with self.assertRaises(Error.ScaleExceedsMaximumPrecision):
            d.set_scale(29)
        self.assertEqual(str(d), "0.125")

    def test_set_sign(self):
        d = D(125, 2)
        d.set_sign_negative(True)
        self.assertEqual(str(d), "-1.25")
        d.set_sign_positive(True)
        self.assertEqual(str(d), "1.25")


class TestMacroMadeArithmetic(unittest.TestCase):
    def test_checked(self):
        d = D(125, 2)
        self.assertEqual(str(d.checked_add(d)), "2.50")
        self.assertEqual(str(d.checked_sub(D.ONE)), "0.25")
        self.assertEqual(str(d.checked_mul(d)), "1.5625")
        self.assertEqual(str(D.TEN.checked_rem(D(3, 0))), "1")
        self.assertEqual(D.TEN.checked_div(D(4, 0)), D(25, 1))

    def test_checked_overflow_is_none(self):
        self.assertIsNone(D.MAX.checked_add(D.ONE))
        self.assertIsNone(D.MIN.checked_sub(D.ONE))
        self.assertIsNone(D(125, 2).checked_div(D.ZERO))

    def test_saturating(self):
        self.assertEqual(D.MAX.saturating_add(D.ONE), D.MAX)
        self.assertEqual(D.MIN.saturating_sub(D.ONE), D.MIN)
        self.assertEqual(D.MAX.saturating_mul(D.NEGATIVE_ONE.saturating_mul(D.TWO)), D.MIN)

    def test_doc_from_macro(self):
        self.assertIn("Checked addition", D.checked_add.__doc__)

    def test_receiver_lives_on(self):
        # `checked_add(self, ..)` consumes a clone: Decimal is Copy.
        d = D(1, 0)
        d.checked_add(D.ONE)
        self.assertEqual(str(d), "1")

    def test_max_min(self):
        self.assertEqual(D(125, 2).max(D.TWO), D.TWO)
        self.assertEqual(D(125, 2).min(D.TWO), D(125, 2))


class TestCompare(unittest.TestCase):
    def test_equality_is_numeric(self):
        self.assertEqual(D(125, 2), D(1250, 3))
        self.assertNotEqual(D(125, 2), D(126, 2))

    def test_order(self):
        self.assertTrue(D(-1, 0) < D.ZERO < D(1, 28))
        values = [D(125, 2), D(-5, 0), D(1, 0), D(12, 1)]
        self.assertEqual([str(v) for v in sorted(values)], ["-5", "1", "1.2", "1.25"])

    def test_hash_agrees_with_equality(self):
        self.assertEqual(hash(D(125, 2)), hash(D(1250, 3)))
        self.assertEqual(len({D(125, 2), D(1250, 3), D(1, 0)}), 2)

    def test_other_types(self):
        self.assertFalse(D(1, 0) == 1)
        with self.assertRaises(TypeError):
            D(1, 0) < 1


class TestPickle(unittest.TestCase):
    def test_round_trip_every_protocol(self):
        for d in (D(125, 2), D(0, 2), D(-5, 1), D(1, 28), D.MAX, D.MIN):
            for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                with self.subTest(d=str(d), protocol=proto):
                    back = pickle.loads(pickle.dumps(d, proto))
                    self.assertIs(type(back), D)
                    self.assertEqual(back, d)
                    self.assertEqual(str(back), str(d))  # the scale too

    def test_copy(self):
        d = D(125, 2)
        for fn in (copy.copy, copy.deepcopy):
            c = fn(d)
            self.assertIsNot(c, d)
            self.assertEqual(c, d)

    def test_rounding_strategy_pickles_by_value(self):
        s = RoundingStrategy.MidpointNearestEven
        self.assertIs(pickle.loads(pickle.dumps(s)), s)

    def test_bad_data(self):
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'rust_decimal.Decimal' object"):
            D._rsbind_from_pickle(b"\xa4x.25")


class TestTraits(unittest.TestCase):
    """Issue 12: FromStr, operators, num-traits and From impls."""

    def test_parse(self):
        d = D.parse("1.25")
        self.assertIs(type(d), D)
        self.assertEqual(d, D(125, 2))
        self.assertEqual(str(D.parse("-0.001")), "-0.001")
        self.assertEqual(str(D.parse(value="1.500")), "1.500")
        with self.assertRaises(Error.ErrorString) as cm:
            D.parse("abc")
        self.assertEqual(str(cm.exception), "Invalid decimal: unknown character")
        with self.assertRaises(TypeError):
            D.parse(1.25)

    def test_constructor_is_not_parse(self):
        # `new(num, scale)` is the constructor, so a str is not parsed.
        with self.assertRaises(TypeError):
            D("1.25")

    def test_arithmetic_operators(self):
        a, b = D.parse("1.25"), D.parse("0.5")
        self.assertEqual(str(a + b), "1.75")
        self.assertEqual(str(a - b), "0.75")
        self.assertEqual(str(a * b), "0.625")
        self.assertEqual(str(a / b), "2.5")
        self.assertEqual(str(a % b), "0.25")
        self.assertEqual(str(-a), "-1.25")
        self.assertEqual(str(D.parse("1") / D.parse("3")), "0.3333333333333333333333333333")
        # The operands are unchanged.
        self.assertEqual(str(a), "1.25")
        self.assertEqual(str(b), "0.5")

    def test_operator_panics(self):
        with self.assertRaises(rust_decimal.RustPanic) as cm:
            D.MAX + D.ONE
        self.assertIn("Addition overflowed", str(cm.exception))
        with self.assertRaises(rust_decimal.RustPanic) as cm:
            D.ONE / D.ZERO
        self.assertIn("Division by zero", str(cm.exception))

    def test_operators_with_python_numbers(self):
        a = D.parse("1.25")
        for op in (lambda: a + 1, lambda: 1 + a, lambda: a * 2.0, lambda: a / 2):
            with self.assertRaises(TypeError):
                op()

    def test_in_place_operators(self):
        d = D.parse("1")
        alias = d
        d += D.parse("0.5")
        self.assertEqual(str(d), "1.5")
        self.assertIs(alias, d)  # changed in place
        d -= D.ONE
        self.assertEqual(str(d), "0.5")
        d *= D.TEN
        self.assertEqual(str(d), "5.0")
        d /= D.TWO
        self.assertEqual(str(d), "2.5")
        d %= D.TWO
        self.assertEqual(str(d), "0.5")

    def test_in_place_leaves_constants_alone(self):
        total = D.ZERO
        for x in (D.ONE, D.TWO, D.parse("0.25")):
            total += x
        self.assertEqual(str(total), "3.25")
        self.assertEqual(str(D.ZERO), "0")
        two = D.TWO
        two *= D.TEN
        self.assertEqual(str(D.TWO), "2")
        one = D.ONE
        one.set_sign_negative(True)
        self.assertEqual(str(D.ONE), "1")

    def test_comparison(self):
        self.assertTrue(D.parse("1.25") > D.parse("0.5"))
        self.assertTrue(D.parse("-1") < D.ZERO)
        self.assertEqual(D.parse("1.25"), D.parse("1.250"))
        self.assertEqual(max(D.parse("1.2"), D.parse("1.19")), D.parse("1.2"))

    def test_rounding(self):
        self.assertEqual(str(D.parse("2.675").round_dp(2)), "2.68")
        self.assertEqual(str(D.parse("2.665").round_dp(2)), "2.66")  # banker's
        self.assertEqual(
            str(D.parse("2.665").round_dp_with_strategy(2, RoundingStrategy.MidpointAwayFromZero)), "2.67"
        )
        self.assertEqual(str(D.parse("-2.665").round_dp_with_strategy(2, RoundingStrategy.ToZero)), "-2.66")
        self.assertEqual(
            str(D.parse("1.21").round_sf_with_strategy(1, RoundingStrategy.ToPositiveInfinity)), "2"
        )

    def test_str(self):
        self.assertEqual(str(D.parse("1.50")), "1.50")
        self.assertEqual(str(D.parse("-0")), "0")
        self.assertEqual(f"{D.parse('3.14')}", "3.14")

    def test_num_traits(self):
        self.assertEqual(D.zero(), D.ZERO)
        self.assertEqual(D.one(), D.ONE)
        self.assertEqual(D.parse("-3.5").signum(), D.NEGATIVE_ONE)
        self.assertEqual(D.parse("1.99").to_i64(), 1)
        self.assertEqual(D.parse("1.25").to_f64(), 1.25)
        self.assertIsNone(D.MAX.to_i64())
        self.assertEqual(D.from_f64(0.1), D.parse("0.1"))
        self.assertIsNone(D.from_f64(float("nan")))
        self.assertEqual(str(D.parse("4").inv()), "0.25")

    def test_from_impls(self):
        self.assertEqual(D.from_i64(-5), D(-5, 0))
        self.assertEqual(D.from_u8(255), D(255, 0))
        self.assertEqual(str(D.try_from_f64(0.5)), "0.5")
        with self.assertRaises(Error):
            D.try_from_f64(float("inf"))


if __name__ == "__main__":
    unittest.main()
