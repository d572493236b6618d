"""Typed use of borrowed results copied into Python values: `mypy --strict` checks it (tests/tests/it.rs)."""

import borrowed_values as bv


def borrowed() -> int:
    unit = bv.Unit.metre()
    label = bv.Label.sized(3)
    aliases: list[str] | None = label.aliases
    raw: bytes = label.raw
    return (
        len(unit.symbol)
        + len(label.text)
        + len(aliases or [])
        + len(raw)
        + len(bv.words("a b"))
        + (bv.largest([3, 1]) or 0)
        + len(bv.prefix(b"abc", 2))
    )
