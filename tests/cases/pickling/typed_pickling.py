"""Typed use of pickling and copies: `mypy --strict` checks it (tests/tests/it.rs)."""

import copy
import pickle

from pickling import Drawing, Point, Shape


def round_trip() -> bool:
    p = Point(1.0, 2.0)
    again: Point = pickle.loads(pickle.dumps(p))
    drawing = Drawing("d")
    drawing.add(Shape.Circle(radius=1.0))
    drawing.layers = {1: "base"}
    clone = copy.deepcopy(drawing)
    shapes: list[Shape] = clone.shapes
    return again == p and clone == drawing and len(shapes) == 1
