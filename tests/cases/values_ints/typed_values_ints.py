"""Typed use of integers of every width: `mypy --strict` checks it (tests/tests/it.rs)."""

import values_ints as vi


def ints() -> int:
    high, low = vi.split_u128(2**100 + 5)
    return vi.add_u128(high, low) + vi.negate(vi.echo_usize(3)) + vi.widen(1, 2, 3, 4)
