"""The real quadrature 0.1.2 crate from crates.io, bound unmodified.

Picked for the callbacks issue because its whole API takes a closure: three
free functions `integrate<F>(f: F, a, b, target_absolute_error) -> Output
where F: Fn(f64) -> f64` (the crate root's, re-exported from
`double_exponential`, and `clenshaw_curtis::integrate`), each calling `f` up to a
few hundred times; `Output` is a plain struct of pub fields. Expected values are
the crate's documented examples.
"""

import math
import unittest

import quadrature


def integrand(x):
    # As Rust's `x.powf(-1.0 / 3.0)`: infinite at 0, where Python would raise.
    if x == 0.0:
        return math.inf
    return math.exp(-x / 5.0) * x ** (-1.0 / 3.0)


class TestIntegrate(unittest.TestCase):
    def test_documented_example(self):
        o = quadrature.integrate(integrand, 0.0, 10.0, 1e-6)
        self.assertIsInstance(o, quadrature.Output)
        self.assertLessEqual(abs(o.integral - 3.6798142583691758), 1e-6)
        self.assertGreater(o.num_function_evaluations, 0)
        self.assertLessEqual(o.num_function_evaluations, 400)

    def test_clenshaw_curtis_documented_example(self):
        o = quadrature.clenshaw_curtis.integrate(integrand, 0.0, 10.0, 1e-6)
        self.assertLessEqual(abs(o.integral - 3.6798142583691758), o.error_estimate)
        # Polynomials come out exact.
        o = quadrature.clenshaw_curtis.integrate(lambda x: 3 * x * x, 0.0, 2.0, 1e-9)
        self.assertAlmostEqual(o.integral, 8.0, places=12)

    def test_lambdas_builtins_and_keywords(self):
        self.assertAlmostEqual(quadrature.integrate(math.sin, 0.0, math.pi, 1e-9).integral, 2.0)
        o = quadrature.integrate(lambda x: x * x, a=0.0, b=3.0, target_absolute_error=1e-9)
        self.assertAlmostEqual(o.integral, 9.0)

    def test_the_integrand_is_called_from_rust(self):
        calls = []

        def f(x):
            calls.append(x)
            return 1.0

        o = quadrature.integrate(f, 0.0, 2.0, 1e-9)
        self.assertEqual(len(calls), o.num_function_evaluations)
        self.assertTrue(all(0.0 <= x <= 2.0 for x in calls))

    def test_errors(self):
        with self.assertRaisesRegex(TypeError, r"argument 'f' must be callable, not float"):
            quadrature.integrate(1.0, 0.0, 1.0, 1e-6)
        with self.assertRaisesRegex(TypeError, r"result of integrate\(\) argument 'f' must be float, not str"):
            quadrature.integrate(lambda x: "x", 0.0, 1.0, 1e-6)
        err = ZeroDivisionError("in the integrand")

        def bad(x):
            raise err

        try:
            quadrature.integrate(bad, 0.0, 1.0, 1e-6)
        except ZeroDivisionError as e:
            self.assertIs(e, err)
        else:
            self.fail("the integrand's exception did not propagate")


if __name__ == "__main__":
    unittest.main()
