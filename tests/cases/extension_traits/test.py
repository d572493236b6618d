"""Extension traits: the crate's traits implemented for std types are module
functions that take the std value first."""

import inspect
import unittest

import extension_traits as m
from extension_traits import text


class TestOneTraitOneType(unittest.TestCase):
    def test_required_method(self):
        self.assertEqual(m.shout("hello"), "HELLO!")

    def test_provided_method(self):
        # The impl does not write `shout_twice`: the trait's default is called.
        self.assertEqual(m.shout_twice("hi"), "HI! HI!")

    def test_overridden_provided_method(self):
        # The impl's own `shout_times` (comma-separated), not the trait's default.
        self.assertEqual(m.shout_times("go", 3), "GO!, GO!, GO!")
        self.assertEqual(m.shout_times(value="go", times=2), "GO!, GO!")

    def test_signature_takes_the_value_first(self):
        self.assertEqual(str(inspect.signature(m.shout_times)), "(value, times)")
        self.assertEqual(str(inspect.signature(m.shout)), "(value)")

    def test_docstrings(self):
        self.assertEqual(m.shout.__doc__, "The text in capitals, with a `!`.")
        # An overriding method without docs would take the trait's; this one has its own.
        self.assertTrue(m.shout_times.__doc__.startswith("Overridden"))

    def test_wrong_type(self):
        with self.assertRaises(TypeError):
            m.shout(3)


class TestChar(unittest.TestCase):
    def test_char_by_value(self):
        self.assertTrue(m.is_vowel("a"))
        self.assertFalse(m.is_vowel("z"))

    def test_not_one_char(self):
        with self.assertRaises((TypeError, ValueError)):
            m.is_vowel("ab")


class TestClashBetweenTraits(unittest.TestCase):
    def test_both_prefixed_by_trait(self):
        # `CharInfo::width` and `StrInfo::width` share a name: both get the trait's.
        self.assertEqual(m.char_info_width("中"), 2)
        self.assertEqual(m.char_info_width("a"), 1)
        self.assertEqual(m.str_info_width("a中b"), 4)
        self.assertFalse(hasattr(m, "width"))

    def test_other_methods_keep_their_names(self):
        self.assertEqual(m.word_count("one two  three"), 3)


class TestOneTraitTwoTypes(unittest.TestCase):
    def test_suffixed_by_type(self):
        self.assertEqual(m.checksum_str("ab"), 97 + 98)
        self.assertEqual(m.checksum_bytes(b"ab"), 97 + 98)
        self.assertEqual(m.checksum_bytes(bytearray(b"\xff" * 300)), (255 * 300) % 65536)
        self.assertFalse(hasattr(m, "checksum"))

    def test_integers(self):
        self.assertEqual(m.digit_sum_i64(-1234), 10)
        self.assertEqual(m.digit_sum_u32(999), 27)
        with self.assertRaises(OverflowError):
            m.digit_sum_u32(-1)

    def test_functions_without_self(self):
        # `fn from_digits(text: &str) -> Result<Self, ParseError>`: no value first.
        self.assertEqual(m.from_digits_i64("-42"), -42)
        self.assertEqual(m.from_digits_u32("42"), 42)
        self.assertEqual(str(inspect.signature(m.from_digits_u32)), "(text)")


class TestErrors(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(m.to_identifier("snake_case"), "snake_case")

    def test_crate_error_is_raised(self):
        with self.assertRaises(m.ParseError) as cm:
            m.to_identifier("1abc")
        self.assertEqual(str(cm.exception), '"1abc" is not an identifier')
        with self.assertRaises(m.ParseError) as cm:
            m.from_digits_u32("-1")
        self.assertEqual(str(cm.exception), '"-1" is not a u32')


class TestOwnedStdTypes(unittest.TestCase):
    def test_vec_u8(self):
        self.assertEqual(m.to_hex(b"\x00\xab\xff"), "00abff")
        self.assertEqual(m.to_hex(memoryview(b"\x10")), "10")

    def test_string(self):
        self.assertEqual(m.pad_left("7", 3, "0"), "007")
        self.assertEqual(m.pad_left("1234", 3, "0"), "1234")

    def test_unbindable_methods_are_left_out(self):
        # `&mut self` on a String and a generic method are skipped, with reasons.
        self.assertFalse(hasattr(m, "push_bang"))
        self.assertFalse(hasattr(m, "map_chars"))
        # `&self` of an integer cannot be passed.
        self.assertFalse(hasattr(m, "ends_even_i64"))


class TestBlanketImpl(unittest.TestCase):
    def test_bound_for_string(self):
        # `impl<T: AsRef<str>> Greet for T`: bound for `String`, the natural std type.
        self.assertEqual(m.greet("Ferris"), "Hello, Ferris!")


class TestOwnedAssociatedType(unittest.TestCase):
    def test_self_owned(self):
        # `-> Self::Owned`: `String` for `str`, `Vec<u8>` for `[u8]`.
        self.assertEqual(m.lower_str("ÀB"), "àb")
        self.assertEqual(m.lower_bytes(b"AB\xc3"), b"ab\xc3")


class TestBorrowedSelf(unittest.TestCase):
    def test_impl_for_a_reference(self):
        # `impl<'a> Lines for &'a str`, `self` by value.
        self.assertEqual(m.lines_first_line("one\ntwo"), "one")

    def test_gives_way_to_a_function_of_the_module(self):
        # The module's own `first_line` keeps its name; the trait's is prefixed.
        self.assertEqual(m.first_line(), 1)

    def test_keyword_name(self):
        self.assertTrue(m.not_("  "))
        self.assertFalse(m.not_("x"))


class TestGenericTrait(unittest.TestCase):
    def test_not_bound(self):
        self.assertFalse(hasattr(m, "scale"))


class TestSubmodule(unittest.TestCase):
    def test_functions_live_in_the_traits_module(self):
        self.assertEqual(text.reversed("abc"), "cba")
        self.assertEqual(m.text.reversed_upper("abc"), "CBA")
        self.assertFalse(hasattr(m, "reversed"))

    def test_beside_the_modules_own_functions(self):
        self.assertEqual(text.shout_all(["a", "b"]), ["A!", "B!"])


if __name__ == "__main__":
    unittest.main()
