"""Typed use of the string forms: `mypy --strict` checks it (tests/tests/it.rs)."""

import values_strings as vs


def strings() -> str:
    return vs.concat(vs.upper("a"), vs.repeat(vs.reverse("bc"), 2)) + vs.echo_cow(vs.version())
