"""Typed use of views: `mypy --strict` checks it (tests/tests/it.rs)."""

from views import Point, Polyline


def views() -> int:
    line = Polyline()
    line.push(1, 2)
    line.push(3, 4)
    first: Point | None = line.get(0)
    n = first.norm1() if first is not None else 0
    del first
    with line.at(1) as p:
        x = p.norm1()
    item = line.get_mut(0)
    if item is not None:
        with item:
            item.shift(1, 1)
    return n + x + line.total_x()
