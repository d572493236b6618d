"""Functions and module shape: docs, signatures, calling conventions, names,
re-exports, skipped items, consts and statics."""

import inspect
import math
import unittest

import functions

MODULE_DOC = "Functions is a test crate for rsbind.\n\nIt checks module shape, signatures\nand calling conventions."


class TestModule(unittest.TestCase):
    def test_module_name(self):
        self.assertEqual(functions.__name__, "functions")

    def test_module_doc(self):
        self.assertEqual(functions.__doc__, MODULE_DOC)


class TestDocs(unittest.TestCase):
    def test_multi_paragraph_doc(self):
        self.assertEqual(
            functions.add.__doc__,
            "Adds two numbers.\n\nWraps around on overflow.\nSecond line of the second paragraph.",
        )

    def test_one_line_doc(self):
        self.assertEqual(functions.sub.__doc__, "Subtracts `b` from `a`.")

    def test_doc_keeps_indentation_after_prefix(self):
        # An indented block is a Rust example in rustdoc; the docstring says so.
        self.assertEqual(
            functions.indented_doc.__doc__,
            "Example:\n\nExample (Rust):\n    let x = 1;\n\nThe line above is indented.",
        )

    def test_undocumented_has_no_doc(self):
        self.assertIn(functions.undocumented.__doc__, (None, ""))

    def test_doc_of_renamed_function(self):
        self.assertEqual(functions.not_.__doc__, "`not` is a Python keyword but not a Rust one.")

    def test_doc_of_reexported_function(self):
        self.assertEqual(functions.helper.__doc__, "Lives in the private module `a`; re-exported at the root.")


class TestSignatures(unittest.TestCase):
    def sig(self, f):
        return str(inspect.signature(f))

    def test_two_parameters(self):
        self.assertEqual(self.sig(functions.add), "(a, b)")

    def test_three_parameters(self):
        self.assertEqual(self.sig(functions.describe), "(name, count, ratio)")

    def test_no_parameters(self):
        self.assertEqual(self.sig(functions.no_args), "()")
        self.assertEqual(self.sig(functions.nothing), "()")

    def test_parameters_are_positional_or_keyword(self):
        params = inspect.signature(functions.add).parameters
        self.assertEqual(list(params), ["a", "b"])
        for p in params.values():
            with self.subTest(param=p.name):
                self.assertEqual(p.kind, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                self.assertIs(p.default, inspect.Parameter.empty)

    def test_undocumented_still_has_signature(self):
        self.assertEqual(self.sig(functions.undocumented), "(x)")

    def test_keyword_parameter_names(self):
        self.assertEqual(self.sig(functions.keywords), "(lambda_, pass_)")
        self.assertEqual(self.sig(functions.span), "(from_, to)")
        self.assertEqual(self.sig(functions.try_), "(in_)")

    def test_type_alias_parameter(self):
        self.assertEqual(self.sig(functions.double_height), "(h)")


class TestFunctionObjects(unittest.TestCase):
    def test_name(self):
        self.assertEqual(functions.add.__name__, "add")

    def test_module(self):
        self.assertEqual(functions.add.__module__, "functions")

    def test_renamed_keyword_function_name(self):
        self.assertEqual(functions.not_.__name__, "not_")

    def test_reexport_as_name(self):
        self.assertEqual(functions.renamed.__name__, "renamed")

    def test_callable(self):
        self.assertTrue(callable(functions.add))


class TestCalls(unittest.TestCase):
    def test_positional(self):
        self.assertEqual(functions.add(1, 2), 3)

    def test_keywords(self):
        self.assertEqual(functions.add(a=1, b=2), 3)

    def test_keywords_any_order(self):
        self.assertEqual(functions.sub(b=1, a=10), 9)

    def test_mixed(self):
        self.assertEqual(functions.sub(10, b=1), 9)

    def test_star_args(self):
        self.assertEqual(functions.sub(*[10, 4]), 6)
        self.assertEqual(functions.sub(**{"a": 10, "b": 4}), 6)

    def test_wrapping(self):
        self.assertEqual(functions.add(2**63 - 1, 1), -(2**63))

    def test_three_types(self):
        self.assertEqual(functions.describe("n", 3, 0.5), "n:3:0.5")
        self.assertEqual(functions.describe(ratio=1.5, name="m", count=0), "m:0:1.5")

    def test_no_args(self):
        self.assertEqual(functions.no_args(), 99)

    def test_internal_function_runs(self):
        self.assertEqual(functions.uses_internal(), 2)


class TestCallErrors(unittest.TestCase):
    def test_missing_argument(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'b'"):
            functions.add(1)

    def test_missing_all_arguments(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'a'"):
            functions.add()

    def test_missing_first_argument_given_second_by_keyword(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'a'"):
            functions.add(b=1)

    def test_too_many_arguments(self):
        with self.assertRaisesRegex(TypeError, r"add\(\)"):
            functions.add(1, 2, 3)

    def test_arguments_to_function_without_parameters(self):
        with self.assertRaisesRegex(TypeError, r"no_args\(\)"):
            functions.no_args(1)

    def test_unknown_keyword(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'c'"):
            functions.add(1, 2, c=3)

    def test_unknown_keyword_to_function_without_parameters(self):
        with self.assertRaisesRegex(TypeError, r"no_args\(\)"):
            functions.no_args(x=1)

    def test_wrong_type(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'b'"):
            functions.add(1, "2")

    def test_wrong_type_message(self):
        with self.assertRaisesRegex(TypeError, r"add\(\) argument 'b' must be int, not str"):
            functions.add(1, "2")

    def test_wrong_type_by_keyword(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'a'"):
            functions.add(a=None, b=1)

    def test_wrong_type_middle_parameter(self):
        with self.assertRaisesRegex(TypeError, r"describe\(\).*'count'"):
            functions.describe("n", "3", 0.5)

    def test_argument_given_twice(self):
        with self.assertRaisesRegex(TypeError, r"add\(\).*'a'"):
            functions.add(1, a=1)

    def test_usable_after_errors(self):
        with self.assertRaises(TypeError):
            functions.add(1)
        self.assertEqual(functions.add(1, 1), 2)


class TestPythonKeywords(unittest.TestCase):
    def test_not(self):
        self.assertIs(functions.not_(True), False)
        self.assertIs(functions.not_(x=False), True)

    def test_lambda(self):
        self.assertEqual(functions.lambda_(1), 2)

    def test_class(self):
        self.assertEqual(functions.class_(), "class")

    def test_raw_identifier_try(self):
        self.assertEqual(functions.try_(4), 8)

    def test_raw_identifier_parameter(self):
        self.assertEqual(functions.try_(in_=5), 10)

    def test_soft_keyword_keeps_its_name(self):
        self.assertEqual(getattr(functions, "match")(2), 6)
        self.assertFalse(hasattr(functions, "match_"))

    def test_keyword_names_are_not_attributes(self):
        for name in ("not", "lambda", "class", "try"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(functions, name))

    def test_keyword_parameters_by_keyword(self):
        self.assertEqual(functions.keywords(lambda_=1, pass_=2), 12)
        self.assertEqual(functions.keywords(3, pass_=4), 34)

    def test_keyword_parameters_positional(self):
        self.assertEqual(functions.keywords(5, 6), 56)

    def test_original_keyword_parameter_name_rejected(self):
        with self.assertRaisesRegex(TypeError, r"keywords\(\).*'lambda'"):
            functions.keywords(**{"lambda": 1, "pass_": 2})

    def test_from_parameter(self):
        self.assertEqual(functions.span(from_=2, to=7), 5)
        self.assertEqual(functions.span(1, to=4), 3)


class TestModules(unittest.TestCase):
    def test_reexport_from_private_module(self):
        self.assertEqual(functions.helper(), "a::helper")

    def test_reexport_from_nested_module_under_new_name(self):
        self.assertEqual(functions.renamed(), "b::c::deep")

    def test_original_name_of_renamed_reexport_not_bound(self):
        self.assertFalse(hasattr(functions, "deep"))

    def test_glob_reexport(self):
        self.assertEqual(functions.inl_one(), 1)
        self.assertEqual(functions.inl_two(), 2)

    def test_reexported_twice_appears_once(self):
        self.assertEqual(dir(functions).count("inl_one"), 1)
        self.assertEqual(functions.inl_one(), 1)

    def test_path_attribute_module(self):
        self.assertEqual(functions.from_pathed(), "pathed")

    def test_private_modules_are_not_attributes(self):
        for name in ("a", "b", "c", "inline", "pathed", "other_name"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(functions, name))

    def test_unexported_items_of_private_modules_not_bound(self):
        for name in ("a_only", "b_only"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(functions, name))


class TestSkippedItems(unittest.TestCase):
    def test_doc_hidden_not_bound(self):
        self.assertFalse(hasattr(functions, "hidden"))
        self.assertFalse(hasattr(functions, "HIDDEN_CONST"))

    def test_cfg_test_not_bound(self):
        self.assertFalse(hasattr(functions, "test_only"))

    def test_pub_crate_not_bound(self):
        self.assertFalse(hasattr(functions, "internal"))

    def test_private_not_bound(self):
        self.assertFalse(hasattr(functions, "private"))
        self.assertFalse(hasattr(functions, "SECRET"))

    def test_unsafe_not_bound(self):
        self.assertFalse(hasattr(functions, "raw"))

    def test_generic_not_bound(self):
        self.assertFalse(hasattr(functions, "largest"))

    def test_trait_is_a_protocol_class(self):
        # An object-safe trait is a class that Python objects may implement.
        self.assertIsInstance(functions.Shape, type)
        self.assertIn("area", functions.Shape.__abstractmethods__)

    def test_macro_not_bound(self):
        self.assertFalse(hasattr(functions, "twice"))


class TestConstsAndStatics(unittest.TestCase):
    def test_int(self):
        self.assertEqual(functions.ANSWER, 42)
        self.assertIs(type(functions.ANSWER), int)

    def test_negative_int(self):
        self.assertEqual(functions.NEGATIVE, -17)

    def test_str(self):
        self.assertEqual(functions.NAME, "rsbind")

    def test_float_from_const_expression(self):
        self.assertEqual(functions.PI2, math.tau)
        self.assertIs(type(functions.PI2), float)

    def test_bool(self):
        self.assertIs(functions.FLAG, True)

    def test_char(self):
        self.assertEqual(functions.LETTER, "λ")

    def test_tuple(self):
        self.assertEqual(functions.PAIR, (7, "seven"))
        self.assertIs(type(functions.PAIR), tuple)

    def test_option_some(self):
        self.assertEqual(functions.MAYBE, 3)

    def test_option_none(self):
        self.assertTrue(hasattr(functions, "NOTHING"))
        self.assertIsNone(functions.NOTHING)

    def test_u128_max(self):
        self.assertEqual(functions.BIG, 2**128 - 1)

    def test_static_str(self):
        self.assertEqual(functions.GREETING, "hi")

    def test_static_int(self):
        self.assertEqual(functions.COUNT, 7)

    def test_const_of_type_alias(self):
        self.assertEqual(functions.TALL, 2.5)

    def test_function_with_type_alias(self):
        self.assertEqual(functions.double_height(1.25), 2.5)
        self.assertEqual(functions.double_height(functions.TALL), 5.0)


class TestUnitReturns(unittest.TestCase):
    def test_no_arguments(self):
        self.assertIsNone(functions.nothing())

    def test_with_argument(self):
        self.assertIsNone(functions.log("message"))
        self.assertIsNone(functions.log(msg="message"))

    def test_documented(self):
        self.assertIsNone(functions.indented_doc())


if __name__ == "__main__":
    unittest.main()
