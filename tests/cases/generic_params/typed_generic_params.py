"""Typed use of functions bound through generic parameters: `mypy --strict` checks it (tests/tests/it.rs)."""

import pathlib

import generic_params as gp


def generics() -> int:
    bag = gp.Bag(["x"])
    bag.add("a")
    bag.extend(w for w in ["b", "c"])
    weight = bag.weight((1, 2)) + bag.weight(gp.Point.from_((3, 4)))
    joined: pathlib.Path = gp.join("base", pathlib.Path("rest"))
    return weight + gp.byte_sum(bytearray(b"ab")) + len(gp.reversed(b"ab")) + len(str(joined)) + bag.len()


def overloads() -> int:
    row = gp.Row(["a"], [1])
    by_name: int | None = row.get("a")
    by_position: int | None = row.get(0)
    return (by_name or 0) + (by_position or 0) + row["a"] + row[0]
