"""Typed use of functions, keywords and constants: `mypy --strict` checks it (tests/tests/it.rs)."""

import functions
from functions import geo


def calls() -> str:
    total = functions.add(1, b=2) + functions.keywords(lambda_=1, pass_=2) + functions.span(from_=1, to=3)
    flag: bool = functions.not_(functions.FLAG)
    maybe: int | None = functions.MAYBE
    pair: tuple[int, str] = functions.PAIR
    return functions.describe(name=functions.NAME, count=total + pair[0] + (maybe or 0), ratio=float(flag) + geo.area(1.0, 2.0))
