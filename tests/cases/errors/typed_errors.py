"""Typed use of errors as exceptions: `mypy --strict` checks it (tests/tests/it.rs)."""

import pathlib

import errors


def handle() -> str:
    try:
        errors.parse_number("x1")
    except errors.ParseError.BadDigit as e:
        return e._0
    except errors.ParseError as e:
        return str(e)
    except errors.RustPanic:
        return "panic"
    try:
        return errors.read_file(pathlib.Path("/nonexistent"))
    except OSError as e:
        return str(e.errno)


def limit() -> int:
    try:
        return errors.check_limit(5, 3)
    except errors.LimitError as e:
        return len(str(e))
