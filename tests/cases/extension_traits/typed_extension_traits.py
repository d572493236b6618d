"""Typed use of extension-trait functions: `mypy --strict` checks it (tests/tests/it.rs)."""

import extension_traits as et


def extensions() -> int:
    loud: str = et.shout_times("hi", 2)
    return len(loud) + et.word_count("a b") + et.checksum_bytes(b"ab") + et.digit_sum_i64(123)
