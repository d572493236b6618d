"""Typed use of vectors and buffers: `mypy --strict` checks it (tests/tests/it.rs)."""

import array

import collections_numeric as cn


def vectors() -> float:
    v = cn.make_vec_f64(4)
    v[0] = 2.5
    v[1:3] = [1.0, 2.0]
    head = v[:2]
    view = memoryview(v)
    numbers: list[float] = list(v)
    return v[0] + sum(v) + len(head) + view.nbytes + numbers[0] + (1.0 in v)


def buffers() -> float:
    data = array.array("d", [1.0, 2.0])
    cn.scale(data, 2.0)
    total = cn.sum_f64(data) + cn.sum_f64([1.0, 2.0]) + cn.sum_f64(cn.make_vec_f64(2))
    upper: bytes = cn.to_upper(bytearray(b"abc"))
    series = cn.Series("s", [1.0, 2.0])
    series.values = data
    return total + len(upper) + series.total() + series.values[0]
