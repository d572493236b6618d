"""rust_decimal from crates.io, bound unedited: its documented everyday use."""

import unittest

import rust_decimal

Decimal = rust_decimal.Decimal


class TestDecimal(unittest.TestCase):
    def test_construct_and_display(self):
        d = Decimal(125, 2)
        self.assertEqual(str(d), "1.25")
        self.assertEqual(d.scale(), 2)
        self.assertEqual(d.mantissa(), 125)
        self.assertEqual(str(Decimal.from_i128_with_scale(-5, 1)), "-0.5")

    def test_parse(self):
        self.assertEqual(Decimal.from_str_exact("3.1400"), Decimal(31400, 4))
        self.assertEqual(str(Decimal.from_scientific("9.7e-7")), "0.00000097")
        self.assertEqual(Decimal.from_str_radix("ff", 16), Decimal(255, 0))

    def test_errors_raise_the_crate_error(self):
        with self.assertRaises(rust_decimal.Error) as cm:
            Decimal.from_str_exact("not a number")
        self.assertTrue(str(cm.exception))
        with self.assertRaises(rust_decimal.Error):
            Decimal.try_new(1, 99)

    def test_rounding(self):
        d = Decimal.from_str_exact("1.2345")
        self.assertEqual(str(d.round_dp(2)), "1.23")
        self.assertEqual(
            str(d.round_dp_with_strategy(3, rust_decimal.RoundingStrategy.AwayFromZero)), "1.235"
        )
        self.assertEqual(str(d.trunc()), "1")
        self.assertEqual(str(d.fract()), "0.2345")
        self.assertEqual(str(Decimal.from_str_exact("1.500").normalize()), "1.5")

    def test_sign_and_comparisons(self):
        neg = Decimal(-1, 0)
        self.assertTrue(neg.is_sign_negative())
        self.assertEqual(neg.abs(), Decimal(1, 0))
        self.assertLess(neg, Decimal(0, 0))
        self.assertEqual(Decimal(1, 0).max(Decimal(2, 0)), Decimal(2, 0))
        self.assertEqual(hash(Decimal(10, 1)), hash(Decimal(10, 1)))
        self.assertTrue(Decimal(0, 0).is_zero())

    def test_in_place_and_consts(self):
        d = Decimal(12345, 2)
        d.rescale(1)
        self.assertEqual(str(d), "123.5")
        self.assertEqual(str(Decimal.ONE), "1")
        self.assertGreater(Decimal.MAX, Decimal.MIN)


if __name__ == "__main__":
    unittest.main()
