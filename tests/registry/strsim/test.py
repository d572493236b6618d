"""The real strsim 0.11.1 crate from crates.io, bound unmodified.

Expected values and tolerances are the ones stated in the crate's own doc examples
(e.g. jaro_winkler is 0.86667, within the documented 0.001 of 0.866 but not within
assertAlmostEqual's places=3, so tolerances are given as delta).
"""

import inspect
import unittest

import strsim


class TestDistances(unittest.TestCase):
    def test_levenshtein(self):
        self.assertEqual(strsim.levenshtein("kitten", "sitting"), 3)

    def test_levenshtein_returns_int(self):
        self.assertIs(type(strsim.levenshtein("kitten", "sitting")), int)

    def test_osa_distance(self):
        self.assertEqual(strsim.osa_distance("ab", "bca"), 3)

    def test_damerau_levenshtein(self):
        self.assertEqual(strsim.damerau_levenshtein("ab", "bca"), 2)

    def test_keyword_arguments(self):
        self.assertEqual(strsim.levenshtein(a="kitten", b="sitting"), 3)


class TestHamming(unittest.TestCase):
    def test_hamming(self):
        self.assertEqual(strsim.hamming("hamming", "hammers"), 3)

    def test_hamming_different_lengths_raises(self):
        with self.assertRaises(strsim.StrSimError) as cm:
            strsim.hamming("hamming", "ham")
        self.assertEqual(str(cm.exception), "Differing length arguments provided")

    def test_error_class(self):
        self.assertIsInstance(strsim.StrSimError, type)
        self.assertTrue(issubclass(strsim.StrSimError, Exception))

    def test_usable_after_error(self):
        with self.assertRaises(strsim.StrSimError):
            strsim.hamming("a", "")
        self.assertEqual(strsim.hamming("hamming", "hammers"), 3)


class TestSimilarities(unittest.TestCase):
    def test_jaro(self):
        self.assertAlmostEqual(strsim.jaro("Friedrich Nietzsche", "Jean-Paul Sartre"), 0.392, delta=0.001)

    def test_jaro_winkler(self):
        self.assertAlmostEqual(strsim.jaro_winkler("cheeseburger", "cheese fries"), 0.866, delta=0.001)

    def test_normalized_levenshtein(self):
        self.assertAlmostEqual(strsim.normalized_levenshtein("kitten", "sitting"), 0.571, places=3)
        self.assertAlmostEqual(strsim.normalized_levenshtein("kitten", "sitting"), 0.57142, delta=0.00001)
        self.assertAlmostEqual(strsim.normalized_levenshtein("", ""), 1.0, delta=0.00001)
        self.assertAlmostEqual(strsim.normalized_levenshtein("", "second"), 0.0, delta=0.00001)

    def test_normalized_damerau_levenshtein_non_ascii(self):
        self.assertAlmostEqual(strsim.normalized_damerau_levenshtein("levenshtein", "löwenbräu"), 0.27272, delta=0.00001)

    def test_sorensen_dice(self):
        self.assertEqual(strsim.sorensen_dice("", ""), 1.0)
        self.assertEqual(strsim.sorensen_dice("", "a"), 0.0)
        self.assertEqual(strsim.sorensen_dice("french", "quebec"), 0.0)
        self.assertEqual(strsim.sorensen_dice("ferris", "ferris"), 1.0)
        self.assertEqual(strsim.sorensen_dice("feris", "ferris"), 0.8888888888888888)

    def test_returns_float(self):
        self.assertIs(type(strsim.sorensen_dice("", "")), float)


class TestShape(unittest.TestCase):
    def test_docstring(self):
        doc = strsim.levenshtein.__doc__
        self.assertTrue(doc)
        self.assertTrue(doc.startswith("Calculates the minimum number of insertions, deletions, and substitutions"))

    def test_signature(self):
        self.assertEqual(str(inspect.signature(strsim.levenshtein)), "(a, b)")

    def test_generic_functions_not_bound(self):
        for name in (
            "generic_levenshtein",
            "generic_hamming",
            "generic_jaro",
            "generic_jaro_winkler",
            "generic_damerau_levenshtein",
        ):
            with self.subTest(name=name):
                self.assertFalse(hasattr(strsim, name))

    def test_wrong_type(self):
        with self.assertRaisesRegex(TypeError, r"levenshtein\(\).*'b'"):
            strsim.levenshtein("a", 1)


if __name__ == "__main__":
    unittest.main()
