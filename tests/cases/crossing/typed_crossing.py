"""Typed use of another crate's types in a submodule: `mypy --strict` checks it (tests/tests/it.rs)."""

import crossing
from crossing.shapes import Kind, Point, Shape


def across() -> str:
    a: Point = crossing.origin()
    b = crossing.farthest(a, crossing.origin())
    shape: Shape = crossing.circle(b)
    labeled = crossing.Labeled("here", a)
    labeled.at = b
    return crossing.kind_name(Kind(0)) + labeled.label + str(a.norm()) + type(shape).__name__
