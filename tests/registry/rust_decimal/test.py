"""The real rust_decimal 1.43.0 crate from crates.io, bound unmodified, with its
default features (`serde`, `std`).

Expected values are the crate's own, checked against it: `Decimal`,
`RoundingStrategy` and its error enum `Error` (whose
`Display` is `str(exc)`). The checked and saturating arithmetic methods
(`checked_add`, `saturating_add`, ...) are made by the crate's own
`macro_rules!` inside `impl Decimal`. `Decimal` pickles (and copies) through
its serde `Serialize`/`Deserialize` (the default `serde` feature): its data is
the decimal's text, so the scale survives.

Not tested here (they depend on the traits issue, not on this one):
- operators from `Add`/`Sub`/`Mul`/`Div`/`Rem`/`Neg` and their `*Assign` forms,
  all made by the crate's macros (`d + e`, `-d`, `d += e`);
- `FromStr` (`Decimal.parse("1.25")`, `Decimal("1.25")`), `From<i64>`/`TryFrom<f64>`
  conversions, `Sum`/`Product`;
- num-traits' `ToPrimitive`/`FromPrimitive`/`Zero`/`One`/`Signed` methods
  (`to_f64`, `from_f64`, `is_zero` of `Zero`, `signum`, ...);
- `array_string` (returns `impl AsRef<str>`).
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


if __name__ == "__main__":
    unittest.main()
