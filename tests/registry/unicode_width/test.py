"""The real unicode-width 0.2.3 crate from crates.io, bound unmodified.

Its whole API is two extension traits, `UnicodeWidthStr` for `str` and
`UnicodeWidthChar` for `char`, whose methods share the names `width` and
`width_cjk`: each becomes a module function named after its trait
(`unicode_width_str_width`, `unicode_width_char_width`, ...).
Expected values are the crate's documented ones (its docs and its rules).
"""

import inspect
import unittest

import unicode_width as uw


class TestStrWidth(unittest.TestCase):
    def test_ascii(self):
        self.assertEqual(uw.unicode_width_str_width("Hello"), 5)
        self.assertEqual(uw.unicode_width_str_width(""), 0)

    def test_fullwidth(self):
        self.assertEqual(uw.unicode_width_str_width("ｈｅｌｌｏ"), 10)
        # The crate's own first example.
        self.assertEqual(uw.unicode_width_str_width("Ｈｅｌｌｏ, ｗｏｒｌｄ!"), 23)

    def test_cjk_ideographs(self):
        self.assertEqual(uw.unicode_width_str_width("你好"), 4)
        self.assertEqual(uw.unicode_width_str_width("日本語"), 6)

    def test_rules_for_strings(self):
        # "\r\n" is one column; a combining mark takes none; an emoji ZWJ sequence two.
        self.assertEqual(uw.unicode_width_str_width("\r\n"), 1)
        self.assertEqual(uw.unicode_width_str_width("e\u0301"), 1)
        self.assertEqual(uw.unicode_width_str_width("\U0001F469\u200d\U0001F52C"), 2)

    def test_cjk_variant(self):
        # The crate's documented example: ambiguous quotes are wide in CJK contexts.
        self.assertEqual(uw.unicode_width_str_width("\u201c\U00018000\u201d"), 4)
        self.assertEqual(uw.unicode_width_str_width_cjk("\u201c\U00018000\u201d"), 6)
        self.assertEqual(uw.unicode_width_str_width_cjk("Hello"), 5)

    def test_signature_and_doc(self):
        self.assertEqual(str(inspect.signature(uw.unicode_width_str_width)), "(value)")
        self.assertTrue(
            uw.unicode_width_str_width.__doc__.startswith(
                "Returns the string's displayed width in columns."
            )
        )

    def test_wrong_type(self):
        with self.assertRaises(TypeError):
            uw.unicode_width_str_width(b"bytes")


class TestCharWidth(unittest.TestCase):
    def test_widths(self):
        self.assertEqual(uw.unicode_width_char_width("a"), 1)
        self.assertEqual(uw.unicode_width_char_width("中"), 2)
        self.assertEqual(uw.unicode_width_char_width("ｈ"), 2)
        self.assertEqual(uw.unicode_width_char_width("\u0301"), 0)

    def test_control_characters_have_none(self):
        self.assertIsNone(uw.unicode_width_char_width("\x07"))
        self.assertIsNone(uw.unicode_width_char_width("\x1b"))
        self.assertIsNone(uw.unicode_width_char_width_cjk("\x07"))

    def test_ambiguous_characters(self):
        # Ambiguous width: 1 column outside CJK contexts, 2 in them.
        self.assertEqual(uw.unicode_width_char_width("¡"), 1)
        self.assertEqual(uw.unicode_width_char_width_cjk("¡"), 2)

    def test_one_character_only(self):
        with self.assertRaises((TypeError, ValueError)):
            uw.unicode_width_char_width("ab")


class TestModule(unittest.TestCase):
    def test_unicode_version(self):
        self.assertIsInstance(uw.UNICODE_VERSION, tuple)
        self.assertEqual(len(uw.UNICODE_VERSION), 3)
        self.assertGreaterEqual(uw.UNICODE_VERSION, (15, 0, 0))

    def test_clashing_names_are_not_bound_bare(self):
        self.assertFalse(hasattr(uw, "width"))
        self.assertFalse(hasattr(uw, "width_cjk"))


if __name__ == "__main__":
    unittest.main()
