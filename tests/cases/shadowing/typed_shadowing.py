"""Typed use of a crate's own Duration, Path and Error beside std's: `mypy --strict` checks it (tests/tests/it.rs)."""

import datetime

import shadowing
from shadowing import Duration


def shadowed() -> float:
    mine: Duration = shadowing.from_std(datetime.timedelta(seconds=2))
    std: datetime.timedelta = shadowing.to_std(mine)
    try:
        shadowing.parse_secs("")
    except shadowing.Error:
        pass
    longest = shadowing.longest(1.5, mine.plus_std(0.5))
    return std.total_seconds() + longest.total_seconds() + mine.total_millis()
