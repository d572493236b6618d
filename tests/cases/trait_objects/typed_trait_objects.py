"""Typed use of traits as Python objects: `mypy --strict` checks it (tests/tests/it.rs)."""

from trait_objects import (
    Circle,
    Drawing,
    DynShape,
    Shape,
    Square,
    Visitor,
    area_of,
    describe,
    grow,
    impl_area,
    larger,
    make_shape,
    names,
    scaled,
    total_area,
    walk,
)


class Rect:
    """A shape by duck typing: it matches the Protocol without naming it."""

    def __init__(self, w: float, h: float) -> None:
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def scale(self, k: float) -> None:
        self.w *= k
        self.h *= k


class Tri(Shape):
    """A subclass of the trait's class."""

    def area(self) -> float:
        return 6.0

    def scale(self, k: float) -> None:
        pass


class Count(Visitor):
    def __init__(self) -> None:
        self.n = 0

    def visit(self, word: str, index: int) -> None:
        self.n += len(word) + index


def shapes() -> float:
    mixed: list[Shape] = [Circle(1.0), Rect(2.0, 3.0), Square(2.0), Tri()]
    text: str = describe(Rect(1.0, 1.0))
    drawing = Drawing()
    drawing.add(Rect(1.0, 1.0))
    return total_area(mixed) + area_of(Circle(2.0)) + grow(Rect(1.0, 1.0), 2.0) + len(text) + len(names([Circle(1.0), Tri()])) + drawing.total()


def generic() -> float:
    text: str = scaled(Rect(1.0, 2.0), 2.0)
    return impl_area(Circle(1.0)) + larger(Tri(), Rect(1.0, 1.0)) + len(text)


def returned() -> float:
    s: DynShape = make_shape(True, 1.0)
    s.scale(2.0)
    as_shape: Shape = s
    return s.area() + len(s.describe()) + area_of(as_shape)


def visiting() -> int:
    v = Count()
    return walk("a b", v) + v.n
