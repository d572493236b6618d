"""Typed use of floats, bools, chars, unit and addresses: `mypy --strict` checks it (tests/tests/it.rs)."""

import ipaddress

import values_scalars as vs


def scalars() -> float:
    ip: ipaddress.IPv4Address = vs.next_ip("10.0.0.1")
    private: bool | None = vs.is_private(ip)
    vs.nothing()
    return vs.add_f64(1.0, 2) + vs.code_point(vs.next_char("a")) + float(vs.both(True, private or False))
