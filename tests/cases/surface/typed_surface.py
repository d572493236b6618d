"""Typed use of a crate named like a stdlib module (json_rs) and its submodules: `mypy --strict` checks it (tests/tests/it.rs)."""

import json_rs
from json_rs import inner


def surface() -> str:
    total = json_rs.sum_fixed([1, 2, 3]) + json_rs.LEN + json_rs.config_mod.value()
    return inner.inner_fn() + json_rs.shadow.which() + str(total)
