"""Typed use of a module with submodules: `mypy --strict` checks it (tests/tests/it.rs)."""

import modules_statics
import modules_statics.geo.shapes
from modules_statics.geo import Point, area
from modules_statics.geo.shapes import Square


def geometry() -> float:
    p: Point = modules_statics.geo.origin()
    q = Point(3.0, 4.0)
    square: Square = modules_statics.geo.shapes.unit_square()
    corner: Point = square.far_corner()
    return p.dist(q) + area(2.0, 3.0) + modules_statics.diagonal(square) + corner.x


def statics() -> int:
    modules_statics.set_hits(0)
    hits: int = modules_statics.HITS
    name: str = modules_statics.NAME
    return hits + modules_statics.hit() + len(name) + modules_statics.Exposed(2).doubled()
