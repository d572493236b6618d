"""Typed use of operators, iterators and builders: `mypy --strict` checks it (tests/tests/it.rs)."""

from traits import Countdown, Money, Stack
from traits.builder import Request, RequestBuilder


def money() -> int:
    a = Money(150) + Money(50) + 25
    a += 5
    a -= Money(10)
    b: Money = -(a * 2) / 4
    rest: int = a % 7
    ordered: bool = a > b
    return a.cents + b.units() + rest + int(ordered) + Money.parse("1.50").cents


def iteration() -> list[int]:
    stack = Stack()
    stack.push(3)
    total = [x for x in stack]
    for n in Countdown(3):
        total.append(n)
    return total + list(reversed(Countdown(2)))


def builder() -> Request:
    request = RequestBuilder("https://example.com").header("a", "b").timeout(5).build()
    request.headers = [("c", "d")]
    return request
