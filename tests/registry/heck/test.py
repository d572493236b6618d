"""The real heck 0.5.0 crate from crates.io, bound unmodified.

heck's whole API is extension traits on `str` (`ToSnakeCase`, `ToKebabCase`, ...),
each with one method, several typed `-> Self::Owned` (`String` for `str`): every
one is a module function taking the text. Expected values are the crate's
documented examples.
"""

import inspect
import unittest

import heck


class TestCases(unittest.TestCase):
    def test_snake_case(self):
        self.assertEqual(heck.to_snake_case("CamelCase"), "camel_case")
        self.assertEqual(heck.to_snake_case("We carry a new world here, in our hearts."),
                         "we_carry_a_new_world_here_in_our_hearts")

    def test_kebab_case(self):
        self.assertEqual(heck.to_kebab_case("We are going to inherit the earth."),
                         "we-are-going-to-inherit-the-earth")

    def test_camel_cases(self):
        self.assertEqual(heck.to_upper_camel_case("We are not in the least afraid of ruins."),
                         "WeAreNotInTheLeastAfraidOfRuins")
        self.assertEqual(heck.to_pascal_case("hello_world"), "HelloWorld")
        self.assertEqual(heck.to_lower_camel_case("It is we who built these palaces and cities."),
                         "itIsWeWhoBuiltThesePalacesAndCities")

    def test_shouty_cases(self):
        self.assertEqual(heck.to_shouty_snake_case("That world is growing in this minute."),
                         "THAT_WORLD_IS_GROWING_IN_THIS_MINUTE")
        self.assertEqual(heck.to_shouty_kebab_case("I am a kebab."), "I-AM-A-KEBAB")
        # The method is named in capitals in Rust; so is the function.
        self.assertEqual(heck.TO_SHOUTY_SNEK_CASE("helloWorld"), "HELLO_WORLD")

    def test_title_and_train_case(self):
        self.assertEqual(heck.to_title_case("We have always lived in slums and holes in the wall."),
                         "We Have Always Lived In Slums And Holes In The Wall")
        self.assertEqual(heck.to_train_case("We are going to inherit the earth."),
                         "We-Are-Going-To-Inherit-The-Earth")

    def test_unicode_and_empty(self):
        self.assertEqual(heck.to_snake_case(""), "")
        self.assertEqual(heck.to_snake_case("ÀbcDéf"), "àbc_déf")

    def test_signature_and_doc(self):
        self.assertEqual(str(inspect.signature(heck.to_snake_case)), "(value)")
        self.assertIn("snake case", heck.to_snake_case.__doc__)

    def test_wrong_type(self):
        with self.assertRaises(TypeError):
            heck.to_snake_case(1)


if __name__ == "__main__":
    unittest.main()
