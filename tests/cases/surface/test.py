"""Surface: re-exports, globs, renames, hidden items, a stdlib-named crate."""

import json
import unittest

import json_rs


class TestSurface(unittest.TestCase):
    def test_module_is_renamed_so_stdlib_json_still_works(self):
        self.assertEqual(json_rs.__name__, "json_rs")
        self.assertEqual(json.dumps([1]), "[1]")

    def test_reexports(self):
        self.assertEqual(json_rs.reached(), 1)
        self.assertEqual(json_rs.renamed(), 2)
        self.assertEqual(json_rs.deep_fn(), 3)
        self.assertFalse(hasattr(json_rs, "original"))
        self.assertFalse(hasattr(json_rs, "hidden_alias"))

    def test_a_glob_gives_way_to_own_items(self):
        self.assertEqual(json_rs.shadow.which(), "own")
        self.assertEqual(json_rs.from_glob(), 5)

    def test_module_gives_way_to_value(self):
        self.assertEqual(json_rs.config(), "function")
        self.assertEqual(json_rs.config_mod.value(), 4)
        self.assertEqual(json_rs.inner.inner_fn(), "inner")

    def test_named_array_length(self):
        self.assertEqual(json_rs.LEN, 3)
        self.assertEqual(json_rs.sum_fixed([1, 2, 3]), 6)
        with self.assertRaises(ValueError):
            json_rs.sum_fixed([1, 2])

    def test_raw_identifiers_and_patterns(self):
        # `match` and `type` are no Python keywords (soft keyword, builtin).
        self.assertEqual(json_rs.match(1), 2)
        self.assertEqual(json_rs.match(type=2), 3)
        self.assertEqual(json_rs.add_pair((2, 3)), 5)

    def test_static_borrows_are_not_taken_from_python(self):
        label = json_rs.make_label(3)
        self.assertEqual(label.n, 3)
        # A `&'static str` field reads as `str` but cannot be assigned.
        self.assertEqual(label.name, "label")
        with self.assertRaises(AttributeError):
            label.name = "other"

    def test_packed_fields_are_not_borrowed(self):
        p = json_rs.Packed(1, 2)
        self.assertEqual(p.sum(), 3)
        self.assertFalse(hasattr(p, "a"))

    def test_unbindable_items_are_absent(self):
        for name in ("Bits", "COUNTER", "abs", "Never", "Unsized", "unsized_len",
                     "static_len"):
            self.assertFalse(hasattr(json_rs, name), name)
        # An object-safe trait is a class that Python objects may implement.
        self.assertIn("area", json_rs.Shape.__abstractmethods__)


if __name__ == "__main__":
    unittest.main()
