"""Enums: fieldless enums as IntEnum, enums with data as a class with one
subclass per variant (with match support), and an error enum."""

import copy
import enum
import math
import unittest

import enums


class TestFieldlessEnum(unittest.TestCase):
    def test_is_int_enum(self):
        self.assertIsInstance(enums.Color, type)
        self.assertTrue(issubclass(enums.Color, enum.IntEnum))
        self.assertEqual(enums.Color.__name__, "Color")
        self.assertEqual(enums.Color.__module__, "enums")

    def test_doc(self):
        self.assertEqual(enums.Color.__doc__, "A primary color.")

    def test_members(self):
        self.assertEqual(list(enums.Color), [enums.Color.Red, enums.Color.Green, enums.Color.Blue])
        self.assertEqual([m.name for m in enums.Color], ["Red", "Green", "Blue"])
        self.assertIsInstance(enums.Color.Red, enums.Color)
        self.assertIsInstance(enums.Color.Red, int)

    def test_discriminants(self):
        self.assertEqual(int(enums.Color.Red), 0)
        self.assertEqual(int(enums.Color.Green), 5)
        self.assertEqual(int(enums.Color.Blue), 6)
        self.assertEqual(enums.Color.Green.value, 5)
        self.assertEqual(enums.Color.Green, 5)

    def test_lookup(self):
        self.assertIs(enums.Color(5), enums.Color.Green)
        self.assertIs(enums.Color(0), enums.Color.Red)
        self.assertIs(enums.Color["Blue"], enums.Color.Blue)
        with self.assertRaises(ValueError):
            enums.Color(7)

    def test_hashable(self):
        d = {enums.Color.Red: "r", enums.Color.Green: "g"}
        self.assertEqual(d[enums.Color.Green], "g")

    def test_function_takes_member(self):
        self.assertEqual(enums.color_name(enums.Color.Red), "red")
        self.assertEqual(enums.color_name(enums.Color.Green), "green")
        self.assertEqual(enums.color_name(c=enums.Color.Blue), "blue")

    def test_function_takes_valid_int(self):
        self.assertEqual(enums.color_name(5), "green")
        self.assertEqual(enums.color_name(0), "red")
        self.assertEqual(enums.color_name(6), "blue")

    def test_function_rejects_invalid(self):
        with self.assertRaises((ValueError, TypeError)):
            enums.color_name(7)
        with self.assertRaises((ValueError, TypeError, OverflowError)):
            enums.color_name(-1)
        with self.assertRaises(TypeError):
            enums.color_name("red")
        with self.assertRaises(TypeError):
            enums.color_name(None)
        with self.assertRaises(TypeError):
            enums.color_name(5.0)

    def test_function_returns_member(self):
        self.assertIs(enums.favorite(), enums.Color.Green)
        self.assertIs(type(enums.favorite()), enums.Color)
        self.assertIs(enums.next_color(enums.Color.Red), enums.Color.Green)
        self.assertIs(enums.next_color(enums.Color.Green), enums.Color.Blue)
        self.assertIs(enums.next_color(enums.Color.Blue), enums.Color.Red)

    def test_members_in_containers(self):
        colors = enums.all_colors()
        self.assertEqual(len(colors), 3)
        self.assertIs(colors[0], enums.Color.Red)
        self.assertIs(colors[1], enums.Color.Green)
        self.assertIs(colors[2], enums.Color.Blue)
        self.assertIs(enums.color_named("blue"), enums.Color.Blue)
        self.assertIsNone(enums.color_named("mauve"))

    def test_negative_discriminant(self):
        self.assertTrue(issubclass(enums.Level, enum.IntEnum))
        self.assertEqual(int(enums.Level.Low), -1)
        self.assertEqual(int(enums.Level.High), 1)
        self.assertIs(enums.Level(-1), enums.Level.Low)
        self.assertIs(enums.level_of(-5), enums.Level.Low)
        self.assertIs(enums.level_of(5), enums.Level.High)
        self.assertTrue(enums.is_high(enums.Level.High))
        self.assertFalse(enums.is_high(enums.Level.Low))
        self.assertTrue(enums.is_high(1))
        self.assertFalse(enums.is_high(-1))
        with self.assertRaises((ValueError, TypeError)):
            enums.is_high(0)

    def test_non_exhaustive(self):
        self.assertTrue(issubclass(enums.Mode, enum.IntEnum))
        self.assertEqual(list(enums.Mode), [enums.Mode.Fast, enums.Mode.Slow])
        self.assertIs(enums.default_mode(), enums.Mode.Fast)
        self.assertEqual(enums.speed(enums.Mode.Fast), 100)
        self.assertEqual(enums.speed(enums.Mode.Slow), 1)


class TestStubValues(unittest.TestCase):
    def test_members_have_their_values_in_the_stub(self):
        # stubtest does not compare enum values: the stub's `Blue = 6` against
        # the run time's, by reading the stub.
        import ast
        import pathlib

        stub = pathlib.Path(enums.__file__).parent / "enums" / "__init__.pyi"
        tree = ast.parse(stub.read_text())
        seen = 0
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            runtime = getattr(enums, cls.name)
            if not issubclass(runtime, enum.IntEnum):
                continue
            stub_values = {
                a.targets[0].id: ast.literal_eval(a.value)
                for a in cls.body
                if isinstance(a, ast.Assign)
            }
            self.assertEqual(stub_values, {m.name: m.value for m in runtime})
            seen += 1
        self.assertEqual(seen, 3)


class TestDataEnumShape(unittest.TestCase):
    def test_class_and_variants(self):
        self.assertIsInstance(enums.Shape, type)
        for variant in (enums.Shape.Circle, enums.Shape.Rect, enums.Shape.Empty):
            with self.subTest(variant=variant):
                self.assertIsInstance(variant, type)
                self.assertTrue(issubclass(variant, enums.Shape))
        self.assertFalse(issubclass(enums.Shape.Circle, enums.Shape.Rect))
        self.assertFalse(issubclass(enums.Shape, enum.Enum))

    def test_struct_variant(self):
        c = enums.Shape.Circle(radius=2.0)
        self.assertIsInstance(c, enums.Shape)
        self.assertIsInstance(c, enums.Shape.Circle)
        self.assertNotIsInstance(c, enums.Shape.Rect)
        self.assertEqual(c.radius, 2.0)
        self.assertEqual(enums.Shape.Circle(3.0).radius, 3.0)
        self.assertIs(type(enums.Shape.Circle(1).radius), float)

    def test_tuple_variant(self):
        r = enums.Shape.Rect(2.0, 3.0)
        self.assertIsInstance(r, enums.Shape)
        self.assertIsInstance(r, enums.Shape.Rect)
        self.assertEqual(r._0, 2.0)
        self.assertEqual(r._1, 3.0)

    def test_unit_variant(self):
        e = enums.Shape.Empty()
        self.assertIsInstance(e, enums.Shape)
        self.assertIsInstance(e, enums.Shape.Empty)

    def test_wrong_arguments(self):
        with self.assertRaisesRegex(TypeError, r"'radius'"):
            enums.Shape.Circle(radius="big")
        with self.assertRaises(TypeError):
            enums.Shape.Circle()
        with self.assertRaises(TypeError):
            enums.Shape.Rect(1.0)
        with self.assertRaises(TypeError):
            enums.Shape.Empty(1)

    def test_match_args(self):
        self.assertEqual(enums.Shape.Circle.__match_args__, ("radius",))
        self.assertEqual(enums.Shape.Rect.__match_args__, ("_0", "_1"))

    @staticmethod
    def classify(s):
        match s:
            case enums.Shape.Circle(radius=r):
                return ("circle", r)
            case enums.Shape.Rect(w, h):
                return ("rect", w, h)
            case enums.Shape.Empty():
                return ("empty",)
            case _:
                return ("other",)

    def test_match_statement(self):
        self.assertEqual(self.classify(enums.Shape.Circle(radius=1.5)), ("circle", 1.5))
        self.assertEqual(self.classify(enums.Shape.Rect(2.0, 3.0)), ("rect", 2.0, 3.0))
        self.assertEqual(self.classify(enums.Shape.Empty()), ("empty",))
        self.assertEqual(self.classify(5), ("other",))

    def test_match_positional_struct_variant(self):
        match enums.circle(4.0):
            case enums.Shape.Circle(r):
                self.assertEqual(r, 4.0)
            case _:
                self.fail("no match")

    def test_match_on_returned_values(self):
        self.assertEqual(
            [self.classify(s) for s in enums.one_of_each()],
            [("circle", 1.0), ("rect", 2.0, 3.0), ("empty",)],
        )

    def test_functions_return_variant_subclasses(self):
        self.assertIs(type(enums.circle(1.0)), enums.Shape.Circle)
        self.assertIs(type(enums.rect(1.0, 2.0)), enums.Shape.Rect)
        self.assertIs(type(enums.empty()), enums.Shape.Empty)
        self.assertEqual(enums.circle(1.5).radius, 1.5)
        r = enums.rect(4.0, 5.0)
        self.assertEqual((r._0, r._1), (4.0, 5.0))
        shapes = enums.one_of_each()
        self.assertEqual(
            [type(s) for s in shapes],
            [enums.Shape.Circle, enums.Shape.Rect, enums.Shape.Empty],
        )

    def test_methods_on_every_variant(self):
        self.assertAlmostEqual(enums.Shape.Circle(radius=1.0).area(), math.pi)
        self.assertEqual(enums.Shape.Rect(2.0, 3.0).area(), 6.0)
        self.assertEqual(enums.Shape.Empty().area(), 0.0)
        self.assertEqual(enums.Shape.Circle(1.0).kind(), "circle")
        self.assertEqual(enums.Shape.Rect(1.0, 1.0).kind(), "rect")
        self.assertEqual(enums.Shape.Empty().kind(), "empty")

    def test_mut_method(self):
        c = enums.Shape.Circle(1.0)
        c.scale(3.0)
        self.assertEqual(c.radius, 3.0)
        r = enums.Shape.Rect(1.0, 2.0)
        r.scale(k=2.0)
        self.assertEqual((r._0, r._1), (2.0, 4.0))
        e = enums.Shape.Empty()
        e.scale(2.0)
        self.assertEqual(e, enums.Shape.Empty())

    def test_static_method(self):
        u = enums.Shape.unit_circle()
        self.assertIs(type(u), enums.Shape.Circle)
        self.assertEqual(u.radius, 1.0)

    def test_passed_to_functions(self):
        self.assertEqual(enums.describe(enums.Shape.Rect(2.0, 3.0)), "2 by 3 rectangle")
        self.assertEqual(enums.describe(enums.Shape.Circle(radius=0.5)), "circle of radius 0.5")
        self.assertEqual(enums.describe(enums.Shape.Empty()), "nothing")
        circle, rect, _ = enums.one_of_each()
        self.assertAlmostEqual(enums.total_area((circle, rect)), math.pi + 6.0)
        self.assertEqual(enums.total_area([enums.Shape.Rect(1.0, 1.0), enums.Shape.Empty()]), 1.0)

    def test_passed_by_mut_reference(self):
        c = enums.Shape.Circle(1.0)
        enums.grow(c)
        self.assertEqual(c.radius, 2.0)
        r = enums.Shape.Rect(1.0, 3.0)
        enums.grow(r)
        self.assertEqual((r._0, r._1), (2.0, 6.0))

    def test_wrong_type_passed(self):
        with self.assertRaises(TypeError):
            enums.describe(5)
        with self.assertRaises(TypeError):
            enums.describe(enums.Color.Red)
        with self.assertRaises(TypeError):
            enums.total_area([enums.Shape.Empty(), "x"])
        with self.assertRaisesRegex(TypeError, r"total_area\(\) argument 'shapes' item 1 must be Shape, not str"):
            enums.total_area((enums.Shape.Empty(), "x"))

    def test_equality(self):
        S = enums.Shape
        self.assertEqual(S.Circle(1.0), S.Circle(radius=1.0))
        self.assertNotEqual(S.Circle(1.0), S.Circle(2.0))
        self.assertNotEqual(S.Circle(1.0), S.Rect(1.0, 1.0))
        self.assertEqual(S.Empty(), S.Empty())
        self.assertEqual(S.Rect(1.0, 2.0), enums.rect(1.0, 2.0))
        self.assertNotEqual(S.Rect(1.0, 2.0), S.Rect(2.0, 1.0))

    def test_equality_with_other_types(self):
        c = enums.Shape.Circle(1.0)
        self.assertFalse(c == "circle")
        self.assertTrue(c != "circle")
        self.assertFalse(c == 1.0)
        self.assertFalse(enums.Shape.Empty() == None)  # noqa: E711 - the operator is under test

    def test_unhashable(self):
        with self.assertRaises(TypeError):
            hash(enums.Shape.Circle(1.0))
        with self.assertRaises(TypeError):
            hash(enums.Shape.Empty())

    def test_debug_repr(self):
        self.assertEqual(repr(enums.Shape.Circle(radius=1.0)), "Circle { radius: 1.0 }")
        self.assertEqual(repr(enums.Shape.Rect(2.0, 3.5)), "Rect(2.0, 3.5)")
        self.assertEqual(repr(enums.Shape.Empty()), "Empty")
        self.assertEqual(str(enums.Shape.Empty()), repr(enums.Shape.Empty()))

    def test_copy_keeps_variant(self):
        c = enums.Shape.Circle(1.0)
        d = copy.copy(c)
        self.assertIs(type(d), enums.Shape.Circle)
        self.assertEqual(d, c)
        d.scale(5.0)
        self.assertEqual(c.radius, 1.0)
        e = copy.deepcopy(enums.Shape.Rect(1.0, 2.0))
        self.assertIs(type(e), enums.Shape.Rect)
        self.assertEqual(e, enums.Shape.Rect(1.0, 2.0))


class TestErrorEnum(unittest.TestCase):
    def test_exception_class_and_variants(self):
        self.assertTrue(issubclass(enums.ParseError, Exception))
        self.assertTrue(issubclass(enums.ParseError.Bad, enums.ParseError))
        self.assertTrue(issubclass(enums.ParseError.Empty, enums.ParseError))
        self.assertTrue(issubclass(enums.ParseError.Bad, Exception))

    def test_ok(self):
        self.assertEqual(enums.parse("42"), 42)
        self.assertEqual(enums.parse("255"), 255)
        self.assertEqual(enums.parse("0"), 0)

    def test_unit_variant_raised(self):
        with self.assertRaises(enums.ParseError) as cm:
            enums.parse("")
        self.assertIsInstance(cm.exception, enums.ParseError.Empty)
        self.assertNotIsInstance(cm.exception, enums.ParseError.Bad)
        self.assertEqual(str(cm.exception), "empty input")

    def test_data_variant_raised(self):
        with self.assertRaises(enums.ParseError) as cm:
            enums.parse("4x")
        e = cm.exception
        self.assertIsInstance(e, enums.ParseError.Bad)
        self.assertEqual(e._0, "x")
        self.assertEqual(str(e), "bad character 'x'")
        self.assertNotIsInstance(e, enums.RustPanic)

    def test_catch_by_variant(self):
        with self.assertRaises(enums.ParseError.Bad) as cm:
            enums.parse("256")
        self.assertEqual(cm.exception._0, "6")

    def test_match_on_exception(self):
        try:
            enums.parse("1é")
        except enums.ParseError as e:
            match e:
                case enums.ParseError.Bad(c):
                    self.assertEqual(c, "é")
                case _:
                    self.fail("wrong variant")
        else:
            self.fail("no exception raised")

    def test_returned_as_value(self):
        e = enums.sample_error()
        self.assertIsInstance(e, enums.ParseError.Bad)
        self.assertIsInstance(e, enums.ParseError)
        self.assertIsInstance(e, Exception)
        self.assertEqual(e._0, "?")
        self.assertEqual(str(e), "bad character '?'")
        empty = enums.empty_error()
        self.assertIsInstance(empty, enums.ParseError.Empty)
        self.assertEqual(str(empty), "empty input")

    def test_value_can_be_raised(self):
        with self.assertRaises(enums.ParseError.Bad) as cm:
            raise enums.sample_error()
        self.assertEqual(cm.exception._0, "?")

    def test_passed_as_value(self):
        self.assertEqual(enums.error_code(enums.sample_error()), 100 + ord("?"))
        self.assertEqual(enums.error_code(enums.empty_error()), 1)
        with self.assertRaises(enums.ParseError) as cm:
            enums.parse("")
        self.assertEqual(enums.error_code(cm.exception), 1)
        with self.assertRaises(enums.ParseError) as cm:
            enums.parse("a")
        self.assertEqual(enums.error_code(e=cm.exception), 100 + ord("a"))
        with self.assertRaises(TypeError):
            enums.error_code(ValueError("x"))

    def test_constructed_in_python(self):
        e = enums.ParseError.Bad("?")
        self.assertIsInstance(e, enums.ParseError)
        self.assertEqual(e, enums.sample_error())
        self.assertNotEqual(e, enums.ParseError.Bad("!"))
        self.assertNotEqual(e, enums.ParseError.Empty())
        self.assertEqual(enums.error_code(enums.ParseError.Empty()), 1)

    def test_debug_repr(self):
        self.assertEqual(repr(enums.sample_error()), "Bad('?')")
        self.assertEqual(repr(enums.empty_error()), "Empty")

    def test_usable_after_errors(self):
        for _ in range(100):
            with self.assertRaises(enums.ParseError):
                enums.parse("x")
        self.assertEqual(enums.parse("7"), 7)


if __name__ == "__main__":
    unittest.main()
