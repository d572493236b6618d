"""Typed use of macro-made items: `mypy --strict` checks it (tests/tests/it.rs)."""

import macros
from macros import Direction, Feet, Meters


def made_by_macros() -> float:
    length: Meters = Feet(3.0).in_meters().doubled()
    label: str = Direction.North.label()
    return length.value() + macros.add_ten(macros.add_two(1)) + len(label)
