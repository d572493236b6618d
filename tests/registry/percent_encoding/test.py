"""The real percent-encoding 2.3.2 crate from crates.io, bound unmodified: its
documented everyday use (the crate's README: `utf8_percent_encode(s,
FRAGMENT).to_string()`, `percent_decode_str(s).decode_utf8()`).

- `utf8_percent_encode(input: &'a str, ascii_set: &'static AsciiSet) ->
  PercentEncode<'a>` returns a value that borrows `input`: its object keeps the
  `str`; `str()` of it is its `Display`, and it iterates its pieces.
- `&'static AsciiSet`: the crate's consts (`NON_ALPHANUMERIC`, `CONTROLS`) are
  read-only views of static memory; an `AsciiSet` made in Python
  (`CONTROLS.add(..)`) is pinned when first lent for good (as Rust's constant
  promotion does: it then lives for the whole program).
- `percent_decode_str(&'a str) -> PercentDecode<'a>`; `decode_utf8` gives a
  `str` or raises `Utf8Error`.
"""

import gc
import unittest

import percent_encoding as pe


def fresh(text):
    return "".join(list(text))


# The crate's README: the fragment set of the URL spec.
FRAGMENT = pe.CONTROLS.add(ord(" ")).add(ord('"')).add(ord("<")).add(ord(">")).add(ord("`"))


class TestEncode(unittest.TestCase):
    def test_readme_example(self):
        self.assertEqual(str(pe.utf8_percent_encode("foo <bar>", FRAGMENT)), "foo%20%3Cbar%3E")

    def test_non_alphanumeric(self):
        encoded = pe.utf8_percent_encode("foo bar?", pe.NON_ALPHANUMERIC)
        self.assertIsInstance(encoded, pe.PercentEncode)
        self.assertEqual(str(encoded), "foo%20bar%3F")
        self.assertEqual(list(pe.utf8_percent_encode("a b", pe.NON_ALPHANUMERIC)), ["a", "%20", "b"])
        self.assertEqual(str(pe.percent_encode(b"foo bar", pe.NON_ALPHANUMERIC)), "foo%20bar")
        self.assertEqual(pe.percent_encode_byte(ord(" ")), "%20")

    def test_the_encoder_keeps_its_input(self):
        encoded = pe.utf8_percent_encode(fresh("x y"), FRAGMENT)
        gc.collect()
        self.assertEqual(str(encoded), "x%20y")

    def test_sets_are_values(self):
        self.assertEqual(pe.NON_ALPHANUMERIC, pe.NON_ALPHANUMERIC)
        self.assertNotEqual(pe.CONTROLS, FRAGMENT)
        # Pinned sets still work by reference: `add` takes `&self`.
        self.assertNotEqual(FRAGMENT.add(ord("#")), FRAGMENT)

    def test_not_a_set(self):
        with self.assertRaisesRegex(TypeError, "ascii_set"):
            pe.utf8_percent_encode("x", "not a set")


class TestDecode(unittest.TestCase):
    def test_decode_utf8(self):
        self.assertEqual(pe.percent_decode_str("foo%20bar%3F").decode_utf8(), "foo bar?")
        self.assertEqual(pe.percent_decode(b"caf%C3%A9").decode_utf8_lossy(), "café")

    def test_invalid_utf8_raises(self):
        with self.assertRaises(Exception):
            pe.percent_decode_str("%FF").decode_utf8()


if __name__ == "__main__":
    unittest.main()
