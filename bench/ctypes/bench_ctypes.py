"""benchlib through ctypes: the path UniFFI's Python bindings take (a cdylib of
``extern "C"`` functions, Python wrappers that lower the arguments and lift the
results). These wrappers are lean and hand-written, so they are a lower bound
for generated ones (UniFFI's also check every argument and pass a call status).

The library ``libbench_ctypes.so`` (bench/ctypes, built by bench/run.py) is
loaded from this file's folder, or from ``$BENCH_CTYPES_LIB``.
"""

import ctypes
import os
import sys
from ctypes import POINTER, byref, c_char_p, c_double, c_int64, c_size_t, c_uint32, c_void_p

_SUFFIX = {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")
_PATH = os.environ.get("BENCH_CTYPES_LIB") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "libbench_ctypes" + _SUFFIX
)
_lib = ctypes.CDLL(_PATH)


class _RustBuffer(ctypes.Structure):
    _fields_ = [("ptr", c_void_p), ("len", c_size_t), ("cap", c_size_t)]


def _fn(name, argtypes, restype):
    f = getattr(_lib, name)
    f.argtypes = argtypes
    f.restype = restype
    return f


_noop = _fn("bench_noop", [], None)
_add = _fn("bench_add", [c_int64, c_int64], c_int64)
_greet = _fn("bench_greet", [c_char_p, c_size_t], _RustBuffer)
_string_free = _fn("bench_string_free", [_RustBuffer], None)
_sum = _fn("bench_sum", [c_void_p, c_size_t], c_double)
_make_vec = _fn("bench_make_vec", [c_size_t], _RustBuffer)
_vec_free = _fn("bench_vec_f64_free", [_RustBuffer], None)
_counter_new = _fn("bench_counter_new", [c_int64], c_void_p)
_counter_free = _fn("bench_counter_free", [c_void_p], None)
_counter_incr = _fn("bench_counter_incr", [c_void_p, c_int64], c_int64)
_counter_count = _fn("bench_counter_count", [c_void_p], c_int64)
_counter_set_count = _fn("bench_counter_set_count", [c_void_p, c_int64], None)
_money_add = _fn("bench_money_add", [c_void_p, c_void_p], c_void_p)
_money_parse = _fn("bench_money_parse", [c_char_p, c_size_t, POINTER(_RustBuffer)], c_void_p)
_money_free = _fn("bench_money_free", [c_void_p], None)
_checked_div = _fn(
    "bench_checked_div", [c_int64, c_int64, POINTER(c_int64), POINTER(_RustBuffer)], c_uint32
)

# Functions whose arguments and result ctypes converts on its own are the
# foreign functions themselves: no Python frame in between.
noop = _noop
add = _add


def greet(name):
    """Greets by name."""
    data = name.encode()
    buf = _greet(data, len(data))
    try:
        return ctypes.string_at(buf.ptr, buf.len).decode()
    finally:
        _string_free(buf)


def sum(xs):  # noqa: A001 - the Rust name
    """The sum of the numbers: a list or tuple is copied, a buffer of doubles borrowed."""
    if isinstance(xs, (list, tuple)):
        n = len(xs)
        return _sum((c_double * n)(*xs), n)
    view = memoryview(xs)
    if view.format not in ("d", "<d", "=d", "@d") or not view.c_contiguous:
        raise TypeError("sum() argument 'xs' must be a contiguous buffer of doubles")
    n = view.nbytes // 8
    array_type = c_double * n
    data = array_type.from_buffer_copy(view) if view.readonly else array_type.from_buffer(view)
    return _sum(data, n)


def make_vec(n):
    """``[0.0, 1.0, ..., n - 1]`` as a list (copied out of Rust, then freed)."""
    buf = _make_vec(n)
    try:
        return (c_double * buf.len).from_address(buf.ptr)[:] if buf.len else []
    finally:
        _vec_free(buf)


class _VecOwner:
    __slots__ = ("buf",)

    def __init__(self, buf):
        self.buf = buf

    def __del__(self):
        _vec_free(self.buf)


def make_vec_buffer(n):
    """The same numbers left in Rust memory: a ctypes array (a buffer) that frees them."""
    buf = _make_vec(n)
    data = (c_double * buf.len).from_address(buf.ptr)
    data._owner = _VecOwner(buf)
    return data


class Counter:
    """A counter with a public field."""

    __slots__ = ("_ptr",)

    def __init__(self, start):
        self._ptr = _counter_new(start)

    def __del__(self):
        _counter_free(self._ptr)

    def incr(self, by):
        """Adds `by` and returns the new count."""
        return _counter_incr(self._ptr, by)

    @property
    def count(self):
        """The current count."""
        return _counter_count(self._ptr)

    @count.setter
    def count(self, value):
        _counter_set_count(self._ptr, value)


class DivError(Exception):
    """Why a division failed."""


class _DivideByZero(DivError):
    """The divisor was zero."""


class _Overflow(DivError):
    """`i64::MIN / -1`."""


_DivideByZero.__name__ = _DivideByZero.__qualname__ = "DivideByZero"
_Overflow.__name__ = _Overflow.__qualname__ = "Overflow"
DivError.DivideByZero = _DivideByZero
DivError.Overflow = _Overflow
_ERRORS = {1: _DivideByZero, 2: _Overflow}


def checked_div(a, b):
    """`a / b`, or the reason it has no value."""
    out = c_int64()
    message = _RustBuffer()
    code = _checked_div(a, b, byref(out), byref(message))
    if code == 0:
        return out.value
    try:
        text = ctypes.string_at(message.ptr, message.len).decode()
    finally:
        _string_free(message)
    raise _ERRORS[code](text)


class Money:
    """An amount of cents: `+` and `parse`."""

    __slots__ = ("_ptr",)

    def __del__(self):
        _money_free(self._ptr)

    @classmethod
    def _wrap(cls, ptr):
        self = object.__new__(cls)
        self._ptr = ptr
        return self

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return Money._wrap(_money_add(self._ptr, other._ptr))

    @classmethod
    def parse(cls, s):
        """Reads `12.34` or `-0.50`."""
        data = s.encode()
        message = _RustBuffer()
        ptr = _money_parse(data, len(data), byref(message))
        if ptr:
            return cls._wrap(ptr)
        try:
            text = ctypes.string_at(message.ptr, message.len).decode()
        finally:
            _string_free(message)
        raise ValueError(text)
