"""Typed use of sequence views: `mypy --strict` checks it (tests/tests/it.rs)."""

from typing import Iterator, Sequence

from view_sequences import Legend, Point, Shape


def sequence_views() -> int:
    shape = Shape()
    shape.push(1, 2)
    shape.push(3, 4)
    points: Sequence[Point] = shape.points()
    total = sum(p.x for p in points) + points[-1].y + len(points)
    del points
    writable = shape.points_mut()
    writable[0].shift(1, 1)
    del writable
    it: Iterator[Point] = shape.iter()
    total += next(it).x
    del it
    tags = shape.tags()
    total += 0 if tags is None else len(tags)
    first: Point = shape.first_or(Legend("legend"))
    return total + first.x
