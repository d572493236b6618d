"""Typed use of the abi3 case: `mypy --strict` checks it (tests/tests/it.rs)."""

import array
import datetime

import stable_abi


def use() -> float:
    p = stable_abi.Point(3.0, 4.0)
    p.shift(1.0, 1.0)
    x, y = p.into_pair()
    color: stable_abi.Color = stable_abi.next_color(stable_abi.Color.Red)
    shape: stable_abi.Shape = stable_abi.Shape.Square(2.0)
    try:
        n = stable_abi.parse_number("12")
    except stable_abi.ParseError.BadDigit as e:
        return float(len(e._0))
    values = array.array("d", [1.0, 2.0])
    stable_abi.double_all(values)
    ramp = stable_abi.ramp(3)
    counts: dict[str, int] = stable_abi.word_counts(["a"])
    big: int | None = stable_abi.largest([1, 2])
    later: datetime.datetime = stable_abi.a_second_later(datetime.datetime.now(datetime.timezone.utc))
    twice: datetime.timedelta = stable_abi.twice(datetime.timedelta(seconds=1))
    del counts, big, later, twice, color
    return x + y + shape.area() + n + stable_abi.total(values) + ramp[0]


if __name__ == "__main__":
    assert use() == 4.0 + 5.0 + 4.0 + 12 + 6.0 + 0.0
