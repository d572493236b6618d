"""Types of another crate (`shapes`), used in the bound crate's API, are classes
in the submodule named after that crate."""

import unittest

import crossing
from crossing import shapes


class TestDependencyTypes(unittest.TestCase):
    def test_classes_live_in_the_dependency_submodule(self):
        self.assertIs(crossing.shapes, shapes)
        self.assertEqual(shapes.Point.__module__, "crossing.shapes")
        self.assertFalse(hasattr(crossing, "Point"))
        self.assertFalse(hasattr(shapes, "Unused"))

    def test_functions_take_and_return_them(self):
        o = crossing.origin()
        self.assertIsInstance(o, shapes.Point)
        self.assertEqual((o.x, o.y), (0.0, 0.0))
        far = crossing.farthest(shapes.Point(1.0, 1.0), shapes.Point(3.0, 4.0))
        self.assertEqual(far, shapes.Point(3.0, 4.0))
        self.assertEqual(far.norm(), 5.0)

    def test_enums(self):
        self.assertEqual(crossing.kind_name(shapes.Kind.Circle), "circle")
        c = crossing.circle(shapes.Point(1.0, 2.0))
        self.assertIsInstance(c, shapes.Shape.Round)
        self.assertEqual(c.center, shapes.Point(1.0, 2.0))
        self.assertEqual(c.radius, 1.0)

    def test_fields_of_dependency_types(self):
        p = crossing.Labeled("home", shapes.Point(2.0, 0.0))
        self.assertEqual(p.at.norm(), 2.0)
        self.assertEqual(repr(p.at), "Point { x: 2.0, y: 0.0 }")


if __name__ == "__main__":
    unittest.main()
