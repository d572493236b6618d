"""Typed use of paths, durations, times, options and tuples: `mypy --strict` checks it (tests/tests/it.rs)."""

import datetime
import pathlib

import values_compound as vc


def values() -> float:
    joined: pathlib.Path = vc.path_join(pathlib.Path("/tmp"), "x")
    name = vc.file_name("a/b.txt") or ""
    later = vc.time_add(vc.epoch(), datetime.timedelta(seconds=2))
    doubled: datetime.timedelta = vc.dur_double(1.5)
    text, number = vc.swap((1, "a"))
    nested: tuple[int, tuple[int, int]] = vc.nest(1, 2, 3)
    return (
        len(str(joined))
        + len(name)
        + vc.unix_secs(later)
        + doubled.total_seconds()
        + len(text)
        + number
        + sum(vc.flatten(nested))
        + (vc.opt_opt(1) or 0)
        + len(vc.greet("Ada", times=2))
    )
