"""Typed use of bitflags types: `mypy --strict` checks it (tests/tests/it.rs)."""

import flags
from flags import Permissions


def permissions() -> str:
    p = Permissions.READ | Permissions.WRITE
    p &= ~Permissions.EXECUTE
    p.insert(Permissions.EXECUTE)
    parsed: Permissions | None = flags.parse_mode("rw-")
    writable: bool = flags.can_write(p) and p.contains(Permissions.READ)
    return flags.mode_string(parsed or Permissions.empty()) + str(writable) + str(p.bits())
