"""Typed use of a curated interface (renames, defaults, instantiations): `mypy --strict` checks it (tests/tests/it.rs)."""

import curated
from curated import StackI32, StackString


def use() -> str:
    ints = StackI32()
    ints.push(1)
    strings = StackString()
    strings.push("a")
    top: int | None = ints.peek()
    return curated.salute("Ada", count=2) + (strings.peek() or "") + str(top) + str(curated.scale(2.0))
