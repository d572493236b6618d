"""Typed use of the enums stubs: `mypy --strict` checks it (tests/tests/it.rs)."""

import typing

import enums
from enums import Color, Shape


def area_of(s: Shape) -> float:
    match s:
        case Shape.Circle(radius):
            return 3.14159 * radius * radius
        case Shape.Rect(w, h):
            return w * h
        case _:
            return 0.0


def names() -> list[str]:
    return [enums.color_name(c) for c in Color] + [enums.color_name(Color.Red)]


def shapes() -> float:
    circle = Shape.Circle(radius=1.0)
    radius: float = circle.radius
    total = enums.total_area((circle, Shape.Rect(1.0, 2.0)))
    first, *_ = enums.one_of_each()
    maybe: Color | None = enums.color_named("red")
    level_is_int: int = enums.level_of(3) + 1
    return radius + total + area_of(first) + float(maybe or 0) + level_is_int


def errors() -> int:
    try:
        return enums.parse("x")
    except enums.ParseError as e:
        if isinstance(e, enums.ParseError.Bad):
            return len(e._0)
        return enums.error_code(e)


def member_values() -> int:
    # The stub gives each member its discriminant, so checkers know the values.
    blue: typing.Literal[6] = Color.Blue.value
    low: typing.Literal[-1] = enums.Level.Low.value
    return blue + low
