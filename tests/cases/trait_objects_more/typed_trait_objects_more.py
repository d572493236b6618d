"""Typed use of the stubs of trait_objects_more: `mypy --strict` checks it (tests/tests/it.rs)."""

from trait_objects_more import (
    BadInput,
    Circle,
    DynShape,
    Gallery,
    Point,
    Shape,
    area_or,
    hand_over,
    maybe_grow,
    maybe_shared,
    measure,
    move_all,
    reshape,
    shared_circle,
    sort_out,
    try_sum,
)


class Odd:
    def check(self, x: int) -> int:
        if x % 2:
            raise BadInput(x)
        return x


def shapes() -> float:
    s: DynShape = shared_circle(1.0)
    g = Gallery()
    kept: DynShape = g.add_circle(2.0)
    maybe = maybe_shared(1.0)
    extra = maybe.area() if maybe is not None else 0.0
    grown: bool = maybe_grow(Circle(1.0), 2.0)
    return s.area() + kept.area() + area_or(None) + area_or(s) + extra + float(grown)


def handed() -> float:
    def area(shape: Shape) -> float:
        return shape.area()

    def scale(shape: Shape) -> None:
        shape.scale(2.0)

    got: list[Shape] = []
    hand_over([1.0], got.append)
    return measure(1.0, area) + reshape(1.0, scale) + len(got)


def results() -> int:
    def double(x: int) -> int:
        if x < 0:
            raise BadInput(x)
        return x * 2

    def nudge(p: Point) -> None:
        p.x += 1

    ok, codes = sort_out([1, 2], Odd())
    return try_sum([1, 2], double) + len(ok) + len(codes) + len(move_all([Point(1, 2)], nudge))
