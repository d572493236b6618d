"""Typed use of classes and their protocols: `mypy --strict` checks it (tests/tests/it.rs)."""

import copy

from classes import Celsius, Counter, Point, Release


def use() -> float:
    c = Counter(3)
    c.incr(2)
    with Point(1.0, 2.0) as p:
        q = p.scaled(2.0)
    ordered: bool = Celsius(1.0) < Celsius(2.0) and Release.parse("1.2.3") >= Release(1, 0, 0)
    r = copy.deepcopy(Release(1, 2, 3)).bump_minor()
    x, y = q.into_tuple()
    return c.get() + x + y + float(ordered) + r.minor + Counter.zero().get()
