"""Numeric collections: vector objects (sequence and buffer protocols), slices
borrowed from buffers without a copy, `&mut` slices written in place,
fixed-size arrays, bytes, and memory."""

import array
import ctypes
import gc
import math
import resource
import struct
import sys
import unittest

import os

try:
    import numpy
except ImportError:
    # A missing numpy fails the run (CI installs it); set RSBIND_WITHOUT_NUMPY=1
    # to run the other checks on a machine that cannot have it.
    if os.environ.get("RSBIND_WITHOUT_NUMPY") != "1":
        raise
    numpy = None

import collections_numeric as m


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def as_f32(x):
    """`x` rounded to the nearest f32."""
    return struct.unpack("f", struct.pack("f", x))[0]


def addr_of(buf, ctype=ctypes.c_double):
    """The address of the first item of a writable buffer."""
    return ctypes.addressof(ctype.from_buffer(buf))


def check_no_growth(test, round_fn, rounds=200, warmup=20):
    """Runs `round_fn` `warmup` times, then `rounds` times, and checks that the
    peak RSS grew by less than 10 MB over the second run."""
    for _ in range(warmup):
        round_fn()
    gc.collect()
    before = max_rss_kib()
    for _ in range(rounds):
        round_fn()
    gc.collect()
    grown = max_rss_kib() - before
    test.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")


class Idx:
    """Not an int, but has `__index__`."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


class Flt:
    """Not a float, but has `__float__`."""

    def __init__(self, value):
        self.value = value

    def __float__(self):
        return self.value


def bits(fmt):
    return 8 * struct.calcsize(fmt)


def signed(fmt):
    return (-(2 ** (bits(fmt) - 1)), 2 ** (bits(fmt) - 1) - 1)


def unsigned(fmt):
    return (0, 2 ** bits(fmt) - 1)


# (Rust item type, class name, struct format, smallest, largest)
INT_TYPES = [
    ("i8", "VecI8", "b") + signed("b"),
    ("i16", "VecI16", "h") + signed("h"),
    ("i32", "VecI32", "i") + signed("i"),
    ("i64", "VecI64", "q") + signed("q"),
    # isize/usize export 'l'/'L' (the C long of LP64 platforms), which numpy
    # reads; 'n'/'N' are accepted as arguments.
    ("isize", "VecIsize", "l") + signed("n"),
    ("u16", "VecU16", "H") + unsigned("H"),
    ("u32", "VecU32", "I") + unsigned("I"),
    ("u64", "VecU64", "Q") + unsigned("Q"),
    ("usize", "VecUsize", "L") + unsigned("N"),
]

# (Rust item type, class name, struct format)
FLOAT_TYPES = [("f32", "VecF32", "f"), ("f64", "VecF64", "d")]

# Every item type whose Vec is a vector object: (Rust type, class name, format, sample values)
ALL_TYPES = [(t, cls, fmt, [lo, 0, 1, hi]) for (t, cls, fmt, lo, hi) in INT_TYPES] + [
    ("f32", "VecF32", "f", [1.5, -2.25, 0.0, 1024.0]),
    ("f64", "VecF64", "d", [1.5, -2.25, 0.1, 1e300]),
    ("bool", "VecBool", "?", [True, False, True]),
]


def echo(t):
    return getattr(m, f"echo_vec_{t}")


class TestVectorClasses(unittest.TestCase):
    def test_class_per_item_type(self):
        for t, cls, fmt, values in ALL_TYPES:
            with self.subTest(type=t):
                v = echo(t)(values)
                self.assertEqual(type(v).__name__, cls)
                self.assertEqual(len(v), len(values))
                self.assertEqual(list(v), values)

    def test_same_item_type_same_class(self):
        self.assertIs(type(m.make_vec_f64(2)), type(m.echo_vec_f64([1.0])))
        self.assertIs(type(m.bools(2)), type(m.echo_vec_bool([True])))
        self.assertIsNot(type(m.echo_vec_f32([1.0])), type(m.echo_vec_f64([1.0])))

    def test_items_are_plain_python_values(self):
        self.assertIs(type(m.echo_vec_i32([1])[0]), int)
        self.assertIs(type(m.echo_vec_u64([1])[0]), int)
        self.assertIs(type(m.echo_vec_f64([1.0])[0]), float)
        self.assertIs(type(m.echo_vec_f32([1.0])[0]), float)
        self.assertIs(type(m.echo_vec_bool([True])[0]), bool)

    def test_make_vec_f64(self):
        v = m.make_vec_f64(4)
        self.assertEqual(type(v).__name__, "VecF64")
        self.assertEqual(list(v), [0.0, 0.5, 1.0, 1.5])

    def test_empty(self):
        v = m.make_vec_f64(0)
        self.assertEqual(type(v).__name__, "VecF64")
        self.assertEqual(len(v), 0)
        self.assertEqual(list(v), [])
        self.assertFalse(v)
        self.assertEqual(repr(v), "VecF64([])")
        mv = memoryview(v)
        self.assertEqual(mv.shape, (0,))
        self.assertEqual(mv.tolist(), [])

    def test_truthiness(self):
        self.assertTrue(m.make_vec_f64(1))
        self.assertFalse(m.echo_vec_i32([]))

    def test_large(self):
        v = m.make_vec_f64(1_000_000)
        self.assertEqual(len(v), 1_000_000)
        self.assertEqual(v[-1], 499_999.5)
        self.assertEqual(m.sum_f64(v), sum(i * 0.5 for i in range(1_000_000)))


class TestIntVectors(unittest.TestCase):
    def test_bounds_round_trip(self):
        for t, cls, fmt, lo, hi in INT_TYPES:
            with self.subTest(type=t):
                self.assertEqual(list(echo(t)([lo, hi])), [lo, hi])

    def test_out_of_range_item_names_item(self):
        for t, cls, fmt, lo, hi in INT_TYPES:
            for bad in (lo - 1, hi + 1):
                with self.subTest(type=t, value=bad):
                    with self.assertRaisesRegex(
                        OverflowError, rf"echo_vec_{t}\(\) argument 'v' item 1\b"
                    ):
                        echo(t)([0, bad])

    def test_float_item_rejected(self):
        for t, cls, fmt, lo, hi in INT_TYPES:
            with self.subTest(type=t):
                with self.assertRaisesRegex(
                    TypeError, rf"echo_vec_{t}\(\) argument 'v' item 2 must be int, not float"
                ):
                    echo(t)([0, 1, 2.5])

    def test_str_item_rejected(self):
        with self.assertRaisesRegex(TypeError, r"echo_vec_i32\(\) argument 'v' item 0 must be int, not str"):
            m.echo_vec_i32(["1"])

    def test_index_items_and_bools_accepted(self):
        self.assertEqual(list(m.echo_vec_i64([Idx(5), True, False])), [5, 1, 0])

    def test_sequences_accepted(self):
        self.assertEqual(list(m.echo_vec_i32((1, 2, 3))), [1, 2, 3])
        self.assertEqual(list(m.echo_vec_i32(range(4))), [0, 1, 2, 3])
        self.assertEqual(list(m.echo_vec_u32(array.array("I", [7, 8]))), [7, 8])
        self.assertEqual(list(m.echo_vec_i64(array.array("q", [-1, 2**40]))), [-1, 2**40])
        # a buffer of another item type converts item by item
        self.assertEqual(list(m.echo_vec_i64(array.array("h", [-3, 4]))), [-3, 4])

    def test_sum_i32(self):
        self.assertEqual(m.sum_i32([1, 2, 3]), 6)
        self.assertEqual(m.sum_i32([2**31 - 1, 2**31 - 1]), 2**32 - 2)
        self.assertEqual(m.sum_i32([]), 0)
        self.assertEqual(m.sum_i32(array.array("i", [5, -6])), -1)
        self.assertEqual(m.sum_i32(m.echo_vec_i32([4, 5])), 9)

    def test_sum_i32_errors_name_item(self):
        with self.assertRaisesRegex(OverflowError, r"sum_i32\(\) argument 'xs' item 1\b"):
            m.sum_i32([1, 2**31])
        with self.assertRaisesRegex(TypeError, r"sum_i32\(\) argument 'xs' item 1 must be int, not float"):
            m.sum_i32([1, 2.5])

    def test_sum_i64(self):
        self.assertEqual(m.sum_i64([2**62, 2**62 - 1]), 2**63 - 1)
        self.assertEqual(m.sum_i64(array.array("q", [1, 2, 3])), 6)
        self.assertEqual(m.sum_i64(array.array("l", [1, 2, 3])), 6)

    def test_split_signs_returns_tuple_of_vectors(self):
        neg, rest = m.split_signs([3, -1, 0, -7, 5])
        self.assertEqual(type(neg).__name__, "VecI32")
        self.assertEqual(type(rest).__name__, "VecI32")
        self.assertEqual(list(neg), [-1, -7])
        self.assertEqual(list(rest), [3, 0, 5])
        self.assertIs(type(m.split_signs([])), tuple)


class TestFloatVectors(unittest.TestCase):
    def test_f32_rounds_items(self):
        self.assertEqual(list(m.echo_vec_f32([0.1, 1.5])), [as_f32(0.1), 1.5])

    def test_ints_and_dunder_float_accepted(self):
        self.assertEqual(list(m.echo_vec_f64([1, Flt(0.25), True])), [1.0, 0.25, 1.0])
        self.assertIs(type(m.echo_vec_f64([1])[0]), float)

    def test_infinities_and_nan(self):
        v = m.echo_vec_f64([math.inf, -math.inf, math.nan])
        self.assertEqual(v[0], math.inf)
        self.assertEqual(v[1], -math.inf)
        self.assertTrue(math.isnan(v[2]))

    def test_three_lists_in_one_call(self):
        # Two converted lists stay in the call's scope, the third past them;
        # a failure at the third frees the first two.
        for _ in range(1000):
            self.assertEqual(m.sum_three([1.0, 2.0], [3.0], [4, 5]), 15.0)
        with self.assertRaisesRegex(TypeError, r"sum_three\(\) argument 'c' item 1\b"):
            m.sum_three([1.0], [2.0], [3, "x"])
        self.assertEqual(m.sum_three([], [], []), 0.0)

    def test_str_item_names_item(self):
        with self.assertRaisesRegex(TypeError, r"sum_f64\(\) argument 'xs' item 2 must be .+, not str"):
            m.sum_f64([1.0, 2.0, "x"])
        with self.assertRaisesRegex(TypeError, r"echo_vec_f32\(\) argument 'v' item 1\b"):
            m.echo_vec_f32([1.0, None])

    def test_non_sequence_rejected(self):
        for bad in (5, 1.5, None):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"sum_f64\(\) argument 'xs'"):
                    m.sum_f64(bad)

    def test_str_rejected(self):
        with self.assertRaises(TypeError):
            m.sum_f64("12")

    def test_nested_list_rejected(self):
        with self.assertRaisesRegex(TypeError, r"sum_f64\(\) argument 'xs' item 0 must be .+, not list"):
            m.sum_f64([[1.0]])

    def test_sum_f64_sequences(self):
        self.assertEqual(m.sum_f64([1.0, 2.5]), 3.5)
        self.assertEqual(m.sum_f64((1, 2, 3)), 6.0)
        self.assertEqual(m.sum_f64(range(5)), 10.0)
        self.assertEqual(m.sum_f64([]), 0.0)
        self.assertEqual(m.sum_f64(()), 0.0)

    def test_sum_f64_buffers(self):
        a = array.array("d", [1.0, 2.0, 3.5])
        self.assertEqual(m.sum_f64(a), 6.5)
        self.assertEqual(m.sum_f64(memoryview(a)), 6.5)
        self.assertEqual(m.sum_f64(memoryview(a)[1:]), 5.5)
        self.assertEqual(m.sum_f64(m.make_vec_f64(4)), 3.0)
        self.assertEqual(m.sum_f64(array.array("d")), 0.0)

    def test_sum_f64_read_only_buffer(self):
        a = array.array("d", [1.0, 2.0])
        self.assertEqual(m.sum_f64(memoryview(a).toreadonly()), 3.0)
        self.assertEqual(m.sum_f64(memoryview(struct.pack("2d", 1.5, 2.0)).cast("d")), 3.5)

    def test_sum_f64_other_item_format_converts(self):
        self.assertEqual(m.sum_f64(array.array("f", [1.5, 2.0])), 3.5)
        self.assertEqual(m.sum_f64(array.array("i", [1, 2])), 3.0)
        self.assertEqual(m.sum_f64(m.echo_vec_i32([1, 2])), 3.0)

    def test_sum_f64_non_contiguous_buffer_converts(self):
        a = array.array("d", [1.0, 10.0, 2.0, 20.0, 3.0])
        self.assertEqual(m.sum_f64(memoryview(a)[::2]), 6.0)
        self.assertEqual(m.sum_f64(memoryview(a)[::-1]), 36.0)

    def test_sum_f32(self):
        self.assertEqual(m.sum_f32(array.array("f", [1.5, 2.25])), 3.75)
        self.assertEqual(m.sum_f32([0.1]), as_f32(0.1))
        self.assertEqual(m.sum_f32(array.array("d", [1.5, 2.0])), 3.5)


class TestBorrowedSlices(unittest.TestCase):
    """`&[T]` borrows a C-contiguous buffer of exactly `T`'s format."""

    def test_array_borrowed(self):
        a = array.array("d", [1.0, 2.0, 3.0])
        self.assertEqual(m.first_addr(a), a.buffer_info()[0])

    def test_memoryview_borrowed(self):
        a = array.array("d", [1.0, 2.0, 3.0])
        self.assertEqual(m.first_addr(memoryview(a)), a.buffer_info()[0])
        self.assertEqual(m.first_addr(memoryview(a)[1:]), a.buffer_info()[0] + 8)

    def test_cast_bytearray_borrowed(self):
        ba = bytearray(struct.pack("3d", 1.0, 2.0, 4.0))
        mv = memoryview(ba).cast("d")
        self.assertEqual(m.sum_f64(mv), 7.0)
        self.assertEqual(m.first_addr(mv), addr_of(ba, ctypes.c_char))

    def test_vector_object_borrowed(self):
        v = m.make_vec_f64(3)
        self.assertEqual(m.first_addr(v), addr_of(v))
        self.assertEqual(m.first_addr(v), m.first_addr(v))

    def test_other_format_is_copied(self):
        a = array.array("f", [1.0, 2.0])
        self.assertNotEqual(m.first_addr(a), a.buffer_info()[0])

    def test_misaligned_buffer_is_never_handed_to_rust(self):
        # a buffer of the right format whose first item is not aligned for f64
        ba = bytearray(1 + 3 * 8)
        ba[1:] = struct.pack("3d", 1.0, 2.0, 4.0)
        mv = memoryview(ba)[1:].cast("d")
        self.assertEqual(mv.tolist(), [1.0, 2.0, 4.0])
        self.assertEqual(m.sum_f64(mv), 7.0)
        self.assertEqual(m.first_addr(mv) % ctypes.alignment(ctypes.c_double), 0)


class TestMutableSlices(unittest.TestCase):
    """`&mut [T]` takes a writable buffer of exactly `T`'s format and writes
    through it."""

    def test_scale_array(self):
        a = array.array("d", [1.0, 2.0, 3.0])
        self.assertIsNone(m.scale(a, 2.0))
        self.assertEqual(a.tolist(), [2.0, 4.0, 6.0])

    def test_scale_keyword(self):
        a = array.array("d", [1.0])
        m.scale(xs=a, k=3)
        self.assertEqual(a.tolist(), [3.0])

    def test_scale_memoryview_slice(self):
        a = array.array("d", [1.0, 2.0, 3.0])
        m.scale(memoryview(a)[1:], 10.0)
        self.assertEqual(a.tolist(), [1.0, 20.0, 30.0])

    def test_scale_cast_bytearray(self):
        ba = bytearray(struct.pack("2d", 1.5, 2.5))
        m.scale(memoryview(ba).cast("d"), 2.0)
        self.assertEqual(struct.unpack("2d", ba), (3.0, 5.0))

    def test_scale_vector_object(self):
        v = m.make_vec_f64(4)
        m.scale(v, 2.0)
        self.assertEqual(list(v), [0.0, 1.0, 2.0, 3.0])

    def test_scale_empty(self):
        a = array.array("d")
        m.scale(a, 2.0)
        self.assertEqual(len(a), 0)

    def test_scale_rejects_non_buffers_and_wrong_formats(self):
        lst = [1.0, 2.0]
        bad_values = [
            lst,
            (1.0, 2.0),
            array.array("f", [1.0, 2.0]),
            array.array("q", [1, 2]),
            m.echo_vec_f32([1.0, 2.0]),
            b"\x00" * 16,
            bytearray(16),
            range(2),
            None,
        ]
        for bad in bad_values:
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'xs'"):
                    m.scale(bad, 2.0)
        self.assertEqual(lst, [1.0, 2.0])

    def test_scale_rejects_read_only_buffer(self):
        a = array.array("d", [1.0, 2.0])
        with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'xs'"):
            m.scale(memoryview(a).toreadonly(), 2.0)
        with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'xs'"):
            m.scale(memoryview(struct.pack("2d", 1.0, 2.0)).cast("d"), 2.0)
        self.assertEqual(a.tolist(), [1.0, 2.0])

    def test_scale_rejects_non_contiguous_buffer(self):
        a = array.array("d", [1.0, 2.0, 3.0, 4.0])
        with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'xs'"):
            m.scale(memoryview(a)[::2], 2.0)
        self.assertEqual(a.tolist(), [1.0, 2.0, 3.0, 4.0])

    def test_scale_bad_factor(self):
        a = array.array("d", [1.0])
        with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'k'"):
            m.scale(a, "x")
        self.assertEqual(a.tolist(), [1.0])

    def test_fill_i32(self):
        a = array.array("i", [1, 2, 3])
        m.fill_i32(a, -7)
        self.assertEqual(a.tolist(), [-7, -7, -7])
        v = m.echo_vec_i32([1, 2])
        m.fill_i32(v, 9)
        self.assertEqual(list(v), [9, 9])
        ba = bytearray(8)
        m.fill_i32(memoryview(ba).cast("i"), 1)
        self.assertEqual(struct.unpack("2i", ba), (1, 1))

    def test_fill_i32_rejects_wrong_formats(self):
        for bad in ([1, 2], array.array("q", [1]), array.array("h", [1]), array.array("d", [1.0]),
                    m.echo_vec_i64([1]), m.echo_vec_u32([1])):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"fill_i32\(\) argument 'xs'"):
                    m.fill_i32(bad, 1)

    def test_fill_i32_value_out_of_range(self):
        a = array.array("i", [1])
        with self.assertRaisesRegex(OverflowError, r"fill_i32\(\) argument 'v'"):
            m.fill_i32(a, 2**31)
        self.assertEqual(a.tolist(), [1])


class TestSequenceProtocol(unittest.TestCase):
    def test_indexing(self):
        v = m.make_vec_f64(4)
        self.assertEqual(v[0], 0.0)
        self.assertEqual(v[3], 1.5)
        self.assertEqual(v[-1], 1.5)
        self.assertEqual(v[-4], 0.0)
        self.assertEqual(v[Idx(2)], 1.0)

    def test_index_out_of_range(self):
        v = m.make_vec_f64(4)
        for i in (4, -5, 2**70, -(2**70)):
            with self.subTest(index=i):
                with self.assertRaises(IndexError):
                    v[i]
        with self.assertRaises(IndexError):
            m.make_vec_f64(0)[0]

    def test_index_wrong_type(self):
        v = m.make_vec_f64(4)
        for i in ("0", 1.0, None):
            with self.subTest(index=i):
                with self.assertRaises(TypeError):
                    v[i]

    def test_slicing_copies_into_same_class(self):
        v = m.make_vec_f64(5)
        s = v[1:3]
        self.assertIs(type(s), type(v))
        self.assertEqual(list(s), [0.5, 1.0])
        s[0] = 100.0
        self.assertEqual(v[1], 0.5)
        v[2] = -1.0
        self.assertEqual(s[1], 1.0)

    def test_extended_slices(self):
        v = m.echo_vec_i32([0, 1, 2, 3, 4, 5])
        self.assertEqual(list(v[::2]), [0, 2, 4])
        self.assertEqual(list(v[::-1]), [5, 4, 3, 2, 1, 0])
        self.assertEqual(list(v[-2:]), [4, 5])
        self.assertEqual(list(v[4:1:-1]), [4, 3, 2])
        self.assertEqual(type(v[::2]).__name__, "VecI32")
        with self.assertRaises(ValueError):
            v[::0]

    def test_empty_slice(self):
        v = m.make_vec_f64(3)
        s = v[2:1]
        self.assertEqual(type(s).__name__, "VecF64")
        self.assertEqual(len(s), 0)
        self.assertEqual(list(v[10:20]), [])

    def test_slice_of_bool_vector(self):
        v = m.bools(5)
        s = v[1:]
        self.assertEqual(type(s).__name__, "VecBool")
        self.assertEqual(list(s), [False, True, False, True])

    def test_item_assignment(self):
        v = m.make_vec_f64(3)
        v[0] = 9.5
        v[-1] = 7
        self.assertEqual(list(v), [9.5, 0.5, 7.0])
        self.assertIs(type(v[2]), float)
        self.assertEqual(m.sum_f64(v), 17.0)

    def test_item_assignment_int_vectors(self):
        for t, cls, fmt, lo, hi in INT_TYPES:
            with self.subTest(type=t):
                v = echo(t)([0, 0])
                v[0] = lo
                v[1] = hi
                self.assertEqual(list(v), [lo, hi])
                v[0] = Idx(1)
                self.assertEqual(v[0], 1)
                with self.assertRaises(OverflowError):
                    v[0] = hi + 1
                with self.assertRaises(OverflowError):
                    v[1] = lo - 1
                with self.assertRaises(TypeError):
                    v[0] = 1.5
                with self.assertRaises(TypeError):
                    v[0] = "1"
                self.assertEqual(list(v), [1, hi])

    def test_item_assignment_float_vectors(self):
        for t, cls, fmt in FLOAT_TYPES:
            with self.subTest(type=t):
                v = echo(t)([0.0])
                v[0] = 2
                self.assertEqual(v[0], 2.0)
                v[0] = Flt(0.5)
                self.assertEqual(v[0], 0.5)
                with self.assertRaises(TypeError):
                    v[0] = "x"
                with self.assertRaises(TypeError):
                    v[0] = None
                self.assertEqual(v[0], 0.5)
        v = m.echo_vec_f32([0.0])
        v[0] = 0.1
        self.assertEqual(v[0], as_f32(0.1))

    def test_item_assignment_bool_vector_takes_only_bool(self):
        v = m.bools(2)
        v[0] = False
        v[1] = True
        self.assertEqual(list(v), [False, True])
        for bad in (1, 0, None, "x", 1.0):
            with self.subTest(value=bad):
                with self.assertRaises(TypeError):
                    v[0] = bad
        self.assertEqual(list(v), [False, True])

    def test_item_assignment_out_of_range(self):
        v = m.make_vec_f64(2)
        with self.assertRaises(IndexError):
            v[2] = 1.0
        with self.assertRaises(IndexError):
            v[-3] = 1.0

    def test_delete_rejected(self):
        v = m.make_vec_f64(3)
        with self.assertRaises(TypeError):
            del v[0]
        with self.assertRaises(TypeError):
            del v[0:1]
        self.assertEqual(len(v), 3)

    def test_iteration(self):
        v = m.echo_vec_i32([3, 1, 2])
        self.assertEqual([x for x in v], [3, 1, 2])
        it = iter(v)
        self.assertEqual(next(it), 3)
        self.assertEqual(list(it), [1, 2])
        self.assertEqual(list(reversed(v)), [2, 1, 3])
        self.assertEqual(sorted(v), [1, 2, 3])
        self.assertEqual(sum(v), 6)

    def test_contains(self):
        v = m.make_vec_f64(3)
        self.assertIn(0.5, v)
        self.assertIn(1, v)
        self.assertNotIn(7.0, v)
        self.assertNotIn("x", v)
        b = m.bools(1)
        self.assertIn(True, b)
        self.assertNotIn(False, b)

    def test_repr(self):
        self.assertEqual(repr(m.echo_vec_f64([1.0, 2.5])), "VecF64([1.0, 2.5])")
        self.assertEqual(repr(m.echo_vec_i32([1, -2, 3])), "VecI32([1, -2, 3])")
        self.assertEqual(repr(m.bools(3)), "VecBool([True, False, True])")
        self.assertEqual(repr(m.echo_vec_u64([2**64 - 1])), f"VecU64([{2**64 - 1}])")
        self.assertEqual(repr(m.arr3([1, 2, 3])), "VecF32([2.0, 4.0, 6.0])")

    def test_equality(self):
        a = m.make_vec_f64(3)
        b = m.echo_vec_f64([0.0, 0.5, 1.0])
        self.assertTrue(a == b)
        self.assertFalse(a != b)
        b[2] = 5.0
        self.assertFalse(a == b)
        self.assertTrue(a != b)
        self.assertNotEqual(a, m.make_vec_f64(2))
        self.assertEqual(m.bools(3), m.echo_vec_bool([True, False, True]))

    def test_unhashable(self):
        v = m.make_vec_f64(2)
        with self.assertRaises(TypeError):
            hash(v)
        with self.assertRaises(TypeError):
            {v}

    def test_passing_by_value_copies(self):
        v = m.echo_vec_i32([1, 2, 3])
        w = m.echo_vec_i32(v)
        self.assertIsNot(w, v)
        self.assertEqual(list(w), [1, 2, 3])
        w[0] = 100
        self.assertEqual(list(v), [1, 2, 3])
        v[1] = 200
        self.assertEqual(list(w), [100, 2, 3])


class TestBufferProtocol(unittest.TestCase):
    def test_format_itemsize_shape(self):
        for t, cls, fmt, values in ALL_TYPES:
            with self.subTest(type=t):
                v = echo(t)(values)
                mv = memoryview(v)
                self.assertEqual(mv.format, fmt)
                self.assertEqual(mv.itemsize, struct.calcsize(fmt))
                self.assertEqual(mv.ndim, 1)
                self.assertEqual(mv.shape, (len(values),))
                self.assertEqual(mv.strides, (struct.calcsize(fmt),))
                self.assertFalse(mv.readonly)
                self.assertTrue(mv.c_contiguous)
                self.assertEqual(mv.nbytes, len(values) * struct.calcsize(fmt))
                expected = values if t != "f32" else [as_f32(x) for x in values]
                self.assertEqual(mv.tolist(), expected)

    def test_bytes_are_native_layout(self):
        v = m.echo_vec_f64([1.0, -2.5])
        self.assertEqual(bytes(memoryview(v)), struct.pack("2d", 1.0, -2.5))
        w = m.echo_vec_i16([1, -2, 300])
        self.assertEqual(bytes(memoryview(w)), struct.pack("3h", 1, -2, 300))

    def test_write_through_memoryview(self):
        v = m.make_vec_f64(3)
        mv = memoryview(v)
        mv[0] = 9.0
        self.assertEqual(v[0], 9.0)
        self.assertEqual(m.sum_f64(v), 10.5)
        self.assertEqual(m.first_addr(v), addr_of(mv))
        v[1] = -1.0
        self.assertEqual(mv[1], -1.0)
        m.scale(v, 2.0)
        self.assertEqual(mv.tolist(), [18.0, -2.0, 2.0])

    def test_write_through_memoryview_int_and_bool(self):
        v = m.echo_vec_u16([1, 2])
        mv = memoryview(v)
        mv[1] = 65535
        self.assertEqual(v[1], 65535)
        b = m.bools(2)
        memoryview(b)[1] = True
        self.assertEqual(list(b), [True, True])
        self.assertEqual(m.count_true(b), 2)

    def test_view_outlives_vector(self):
        v = m.make_vec_f64(1000)
        mv = memoryview(v)
        del v
        gc.collect()
        self.assertEqual(len(mv), 1000)
        self.assertEqual(mv[999], 499.5)
        self.assertEqual(mv.tolist(), [i * 0.5 for i in range(1000)])
        mv[0] = 3.0
        self.assertEqual(mv[0], 3.0)
        self.assertEqual(m.sum_f64(mv), sum(i * 0.5 for i in range(1000)) + 3.0)

    def test_sliced_view_outlives_vector(self):
        mv = memoryview(m.make_vec_f64(10))[2:5]
        gc.collect()
        self.assertEqual(mv.tolist(), [1.0, 1.5, 2.0])

    def test_several_views(self):
        v = m.make_vec_f64(3)
        a = memoryview(v)
        b = memoryview(v)
        a[2] = 8.0
        self.assertEqual(b[2], 8.0)
        a.release()
        self.assertEqual(b.tolist(), [0.0, 0.5, 8.0])
        b.release()
        self.assertEqual(list(v), [0.0, 0.5, 8.0])

    def test_ctypes_view(self):
        v = m.echo_vec_i32([1, 2, 3])
        arr = (ctypes.c_int32 * 3).from_buffer(v)
        arr[1] = 20
        self.assertEqual(list(v), [1, 20, 3])
        del arr

    def test_byte_cast_of_view(self):
        a = array.array("d")
        a.frombytes(memoryview(m.make_vec_f64(3)).cast("B"))
        self.assertEqual(a.tolist(), [0.0, 0.5, 1.0])
        self.assertEqual(m.checksum(memoryview(m.echo_vec_u16([1, 2])).cast("B")), 3)


class TestBools(unittest.TestCase):
    def test_bools(self):
        v = m.bools(5)
        self.assertEqual(type(v).__name__, "VecBool")
        self.assertEqual(list(v), [True, False, True, False, True])

    def test_count_true(self):
        self.assertEqual(m.count_true([True, False, True]), 2)
        self.assertEqual(m.count_true((False,)), 0)
        self.assertEqual(m.count_true([]), 0)
        self.assertEqual(m.count_true(m.bools(5)), 3)

    def test_count_true_items_only_bool(self):
        with self.assertRaisesRegex(TypeError, r"count_true\(\) argument 'b' item 1 must be bool, not int"):
            m.count_true([True, 1])

    def test_count_true_bool_buffer(self):
        mv = memoryview(bytes([1, 0, 1, 1])).cast("?")
        self.assertEqual(m.count_true(mv), 3)

    def test_count_true_bytes_other_than_0_and_1(self):
        # a byte other than 0 or 1 in a '?' buffer is true, as struct and
        # memoryview read it; it must never reach Rust as a bool
        mv = memoryview(bytes([1, 0, 2, 255])).cast("?")
        self.assertEqual(mv.tolist(), [True, False, True, True])
        self.assertEqual(m.count_true(mv), 3)


class TestFixedArrays(unittest.TestCase):
    def test_arr3(self):
        v = m.arr3([1, 2, 3])
        self.assertEqual(type(v).__name__, "VecF32")
        self.assertEqual(list(v), [2.0, 4.0, 6.0])
        self.assertEqual(memoryview(v).format, "f")

    def test_arr3_inputs(self):
        self.assertEqual(list(m.arr3((0.5, 1.5, 2.5))), [1.0, 3.0, 5.0])
        self.assertEqual(list(m.arr3(array.array("f", [1.0, 2.0, 3.0]))), [2.0, 4.0, 6.0])
        self.assertEqual(list(m.arr3(array.array("d", [1.0, 2.0, 3.0]))), [2.0, 4.0, 6.0])
        self.assertEqual(list(m.arr3(range(3))), [0.0, 2.0, 4.0])
        self.assertEqual(list(m.arr3(m.arr3([1, 1, 1]))), [4.0, 4.0, 4.0])
        self.assertEqual(m.arr3([0.1, 0, 0])[0], 2 * as_f32(0.1))

    def test_arr3_wrong_length(self):
        for bad in ([1, 2], [1, 2, 3, 4], [], array.array("f", [1.0, 2.0])):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(ValueError, r"arr3\(\) argument 'a' must have 3 items"):
                    m.arr3(bad)

    def test_arr3_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"arr3\(\) argument 'a' item 2\b"):
            m.arr3([1.0, 2.0, "x"])
        with self.assertRaisesRegex(TypeError, r"arr3\(\) argument 'a'"):
            m.arr3(5)

    def test_sizes_constant(self):
        self.assertEqual(type(m.SIZES).__name__, "VecU16")
        self.assertEqual(list(m.SIZES), [1, 2, 3])
        self.assertEqual(memoryview(m.SIZES).format, "H")
        self.assertEqual(len(m.SIZES), 3)


class TestOptionAndFields(unittest.TestCase):
    def test_maybe_vec(self):
        v = m.maybe_vec(True)
        self.assertEqual(type(v).__name__, "VecF64")
        self.assertEqual(list(v), [1.0, 2.0])
        self.assertIsNone(m.maybe_vec(False))

    def test_series_construct_from_fields(self):
        s = m.Series("temps", [1, 2.5, 3])
        self.assertEqual(s.name, "temps")
        self.assertEqual(s.total(), 6.5)
        self.assertEqual(s.count(), 3)
        s2 = m.Series(name="t", values=array.array("d", [1.0]))
        self.assertEqual(s2.total(), 1.0)

    def test_series_field_read_is_a_copy(self):
        s = m.Series("temps", [1.0, 2.0])
        vals = s.values
        self.assertEqual(type(vals).__name__, "VecF64")
        self.assertEqual(list(vals), [1.0, 2.0])
        vals[0] = 100.0
        self.assertEqual(s.total(), 3.0)
        self.assertEqual(list(s.values), [1.0, 2.0])

    def test_series_field_assign(self):
        s = m.Series("temps", [])
        s.values = [1.0, 2.0, 3.0]
        self.assertEqual(s.count(), 3)
        s.values = array.array("d", [4.0])
        self.assertEqual(s.total(), 4.0)
        s.values = m.make_vec_f64(3)
        self.assertEqual(s.total(), 1.5)

    def test_series_field_assign_wrong(self):
        s = m.Series("temps", [1.0])
        with self.assertRaisesRegex(TypeError, r"values"):
            s.values = [1.0, "x"]
        with self.assertRaisesRegex(TypeError, r"values"):
            s.values = None
        self.assertEqual(s.total(), 1.0)

    def test_series_constructor_wrong_item(self):
        with self.assertRaisesRegex(TypeError, r"'values' item 1\b"):
            m.Series("t", [1.0, "x"])


class TestBytes(unittest.TestCase):
    def test_checksum(self):
        self.assertEqual(m.checksum(b"abc"), 294)
        self.assertEqual(m.checksum(b""), 0)
        self.assertEqual(m.checksum(bytearray(b"abc")), 294)
        self.assertEqual(m.checksum(memoryview(b"xabcx")[1:4]), 294)
        self.assertEqual(m.checksum(array.array("B", [1, 2, 255])), 258)
        self.assertEqual(m.checksum(b"\xff" * 1000), 255_000)

    def test_checksum_non_contiguous_view(self):
        self.assertEqual(m.checksum(memoryview(b"abcdef")[::2]), sum(b"ace"))

    def test_checksum_rejects_str_and_others(self):
        for bad in ("abc", 5, None):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"checksum\(\) argument 'data'"):
                    m.checksum(bad)

    def test_byte_slice_borrowed(self):
        ba = bytearray(b"hello")
        self.assertEqual(m.byte_addr(ba), addr_of(ba, ctypes.c_char))
        self.assertEqual(m.byte_addr(memoryview(ba)[1:]), addr_of(ba, ctypes.c_char) + 1)

    def test_to_upper(self):
        out = m.to_upper(b"Hello, World!")
        self.assertIs(type(out), bytes)
        self.assertEqual(out, b"HELLO, WORLD!")
        self.assertEqual(m.to_upper(bytearray(b"ab\xe9")), b"AB\xe9")
        self.assertEqual(m.to_upper(memoryview(b"xyz")), b"XYZ")
        self.assertEqual(m.to_upper(b""), b"")

    def test_to_upper_rejects_str(self):
        with self.assertRaisesRegex(TypeError, r"to_upper\(\) argument 'data'"):
            m.to_upper("abc")

    def test_echo_vec_u8_is_bytes(self):
        out = m.echo_vec_u8(b"\x00\x01\xff")
        self.assertIs(type(out), bytes)
        self.assertEqual(out, b"\x00\x01\xff")
        self.assertEqual(m.echo_vec_u8(bytearray(b"ab")), b"ab")
        with self.assertRaises(TypeError):
            m.echo_vec_u8("ab")

    def test_fixed4(self):
        out = m.fixed4(b"abcd")
        self.assertIs(type(out), bytes)
        self.assertEqual(out, b"dcba")
        self.assertEqual(m.fixed4(bytearray(b"1234")), b"4321")
        self.assertEqual(m.fixed4(memoryview(b"wxyz")), b"zyxw")

    def test_fixed4_wrong_length(self):
        for bad in (b"abc", b"abcde", b""):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(ValueError, r"fixed4\(\) argument 'b'"):
                    m.fixed4(bad)

    def test_fixed4_rejects_str(self):
        with self.assertRaisesRegex(TypeError, r"fixed4\(\) argument 'b'"):
            m.fixed4("abcd")

    def test_repeat_byte(self):
        self.assertEqual(m.repeat_byte(65, 3), b"AAA")
        self.assertEqual(m.repeat_byte(0, 0), b"")
        self.assertIs(type(m.repeat_byte(1, 1)), bytes)
        self.assertEqual(len(m.repeat_byte(7, 1_000_000)), 1_000_000)

    def test_repeat_byte_out_of_range(self):
        for bad in (256, -1):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(OverflowError, r"repeat_byte\(\) argument 'b'"):
                    m.repeat_byte(bad, 1)

    def test_xor_bytes_in_place(self):
        ba = bytearray(b"\x00\x0f\xff")
        self.assertIsNone(m.xor_bytes(ba, 0xFF))
        self.assertEqual(ba, bytearray(b"\xff\xf0\x00"))
        m.xor_bytes(memoryview(ba)[1:], 0x01)
        self.assertEqual(ba, bytearray(b"\xff\xf1\x01"))
        a = array.array("B", [1, 2])
        m.xor_bytes(a, 3)
        self.assertEqual(a.tolist(), [2, 1])

    def test_xor_bytes_rejects_read_only_and_non_buffers(self):
        for bad in (b"abc", memoryview(bytearray(b"abc")).toreadonly(), [1, 2], "abc",
                    array.array("b", [1, 2])):
            with self.subTest(value=bad):
                with self.assertRaisesRegex(TypeError, r"xor_bytes\(\) argument 'data'"):
                    m.xor_bytes(bad, 1)


class TestMemory(unittest.TestCase):
    """Returned vectors, their views and converted arguments are freed."""

    def check_no_growth(self, round_fn):
        check_no_growth(self, round_fn)

    def test_returned_vectors_are_freed(self):
        def round_fn():
            v = m.make_vec_f64(100_000)
            self.assertEqual(len(v), 100_000)

        self.check_no_growth(round_fn)

    def test_vectors_freed_after_last_view(self):
        def round_fn():
            v = m.make_vec_f64(100_000)
            mv = memoryview(v)
            del v
            self.assertEqual(mv[1], 0.5)
            mv.release()

        self.check_no_growth(round_fn)

    def test_slices_are_freed(self):
        v = m.make_vec_f64(100_000)

        def round_fn():
            s = v[::2]
            self.assertEqual(len(s), 50_000)

        self.check_no_growth(round_fn)

    def test_converted_arguments_are_freed(self):
        xs = [float(i) for i in range(100_000)]
        a = array.array("f", xs)

        def round_fn():
            m.sum_f64(xs)
            m.sum_f64(a)
            m.echo_vec_f64(a)

        self.check_no_growth(round_fn)

    def test_bytes_are_freed(self):
        data = bytes(100_000)

        def round_fn():
            self.assertEqual(len(m.to_upper(data)), 100_000)
            self.assertEqual(len(m.repeat_byte(1, 100_000)), 100_000)

        self.check_no_growth(round_fn)

    def test_borrowed_buffers_are_released(self):
        a = array.array("d", [1.0, 2.0])
        for _ in range(1000):
            m.sum_f64(a)
            m.scale(a, 1.0)
        # an array with exported buffers cannot grow: this fails if an
        # export was leaked
        a.append(3.0)
        self.assertEqual(len(a), 3)
        ba = bytearray(b"abc")
        m.checksum(ba)
        m.xor_bytes(ba, 0)
        ba.extend(b"d")
        self.assertEqual(ba, bytearray(b"abcd"))


@unittest.skipUnless(numpy, "numpy is not installed")
class TestNumpy(unittest.TestCase):
    DTYPES = {
        "i8": "int8",
        "i16": "int16",
        "i32": "int32",
        "i64": "int64",
        "isize": "intp",
        "u16": "uint16",
        "u32": "uint32",
        "u64": "uint64",
        "usize": "uintp",
        "f32": "float32",
        "f64": "float64",
        "bool": "bool",
    }

    def test_asarray_dtypes(self):
        for t, cls, fmt, values in ALL_TYPES:
            with self.subTest(type=t):
                a = numpy.asarray(echo(t)(values))
                self.assertEqual(a.dtype, numpy.dtype(self.DTYPES[t]))
                self.assertEqual(a.shape, (len(values),))
                expected = values if t != "f32" else [as_f32(x) for x in values]
                self.assertEqual(a.tolist(), expected)

    def test_asarray_shares_memory(self):
        v = m.make_vec_f64(4)
        a = numpy.asarray(v)
        self.assertEqual(a.ctypes.data, m.first_addr(v))
        a[0] = 42.0
        self.assertEqual(v[0], 42.0)
        v[1] = -1.0
        self.assertEqual(a[1], -1.0)
        a *= 2
        self.assertEqual(list(v), [84.0, -2.0, 2.0, 3.0])
        self.assertEqual(m.sum_f64(v), 87.0)

    def test_frombuffer(self):
        v = m.make_vec_f64(3)
        a = numpy.frombuffer(v, dtype=numpy.float64)
        self.assertEqual(a.tolist(), [0.0, 0.5, 1.0])
        self.assertEqual(a.ctypes.data, m.first_addr(v))
        b = numpy.frombuffer(m.echo_vec_i32([1, -2]), dtype=numpy.int32)
        self.assertEqual(b.tolist(), [1, -2])

    def test_array_outlives_vector(self):
        a = numpy.asarray(m.make_vec_f64(1000))
        gc.collect()
        self.assertEqual(a[5], 2.5)
        self.assertEqual(a.sum(), sum(i * 0.5 for i in range(1000)))

    def test_sum_f64_borrows(self):
        a = numpy.arange(5.0)
        self.assertEqual(m.sum_f64(a), 10.0)
        self.assertEqual(m.first_addr(a), a.ctypes.data)
        self.assertEqual(m.first_addr(a[1:]), a[1:].ctypes.data)

    def test_other_dtype_converts(self):
        a = numpy.arange(5, dtype=numpy.int32)
        self.assertEqual(m.sum_f64(a), 10.0)
        self.assertEqual(m.sum_f64(numpy.arange(5, dtype=numpy.float32)), 10.0)
        self.assertEqual(m.sum_i32(numpy.arange(5, dtype=numpy.int16)), 10)

    def test_non_contiguous_converts(self):
        a = numpy.arange(10.0)
        self.assertEqual(m.sum_f64(a[::2]), 20.0)
        self.assertEqual(m.sum_f64(a[::-1]), 45.0)

    def test_byte_swapped_converts(self):
        a = numpy.array([1.0, 2.5], dtype=numpy.dtype(">f8" if sys.byteorder == "little" else "<f8"))
        self.assertEqual(m.sum_f64(a), 3.5)

    def test_numpy_scalars_as_items(self):
        self.assertEqual(m.sum_f64([numpy.float64(1.5), numpy.float32(2.0), numpy.int64(1)]), 4.5)
        self.assertEqual(list(m.echo_vec_i32([numpy.int64(3), numpy.int8(-1)])), [3, -1])

    def test_vector_index_with_numpy_int(self):
        v = m.make_vec_f64(3)
        self.assertEqual(v[numpy.int64(2)], 1.0)

    def test_int_arrays(self):
        self.assertEqual(m.sum_i32(numpy.array([1, 2, 3], dtype=numpy.int32)), 6)
        self.assertEqual(m.sum_i64(numpy.array([1, 2, 3], dtype=numpy.int64)), 6)
        self.assertEqual(list(m.echo_vec_i64(numpy.arange(3))), [0, 1, 2])
        self.assertEqual(list(m.echo_vec_u64(numpy.array([2**64 - 1], dtype=numpy.uint64))), [2**64 - 1])

    def test_scale_in_place(self):
        a = numpy.arange(4.0)
        m.scale(a, 3.0)
        self.assertEqual(a.tolist(), [0.0, 3.0, 6.0, 9.0])
        m.scale(a[2:], 0.0)
        self.assertEqual(a.tolist(), [0.0, 3.0, 0.0, 0.0])

    def test_scale_rejects(self):
        ro = numpy.arange(3.0)
        ro.flags.writeable = False
        swapped = numpy.array([1.0], dtype=numpy.dtype(">f8" if sys.byteorder == "little" else "<f8"))
        bad_values = [
            ro,
            numpy.arange(6.0)[::2],
            numpy.arange(3, dtype=numpy.float32),
            numpy.arange(3, dtype=numpy.int64),
            swapped,
        ]
        for bad in bad_values:
            with self.subTest(value=bad):
                before = bad.tolist()
                with self.assertRaisesRegex(TypeError, r"scale\(\) argument 'xs'"):
                    m.scale(bad, 2.0)
                self.assertEqual(bad.tolist(), before)

    def test_fill_i32(self):
        a = numpy.zeros(3, dtype=numpy.int32)
        m.fill_i32(a, 5)
        self.assertEqual(a.tolist(), [5, 5, 5])
        with self.assertRaises(TypeError):
            m.fill_i32(numpy.zeros(3, dtype=numpy.int64), 5)

    def test_bool_array(self):
        a = numpy.array([True, False, True, True])
        self.assertEqual(m.count_true(a), 3)
        self.assertEqual(numpy.asarray(m.bools(3)).tolist(), [True, False, True])

    def test_arr3(self):
        self.assertEqual(list(m.arr3(numpy.array([1, 2, 3], dtype=numpy.float32))), [2.0, 4.0, 6.0])
        with self.assertRaisesRegex(ValueError, r"must have 3 items"):
            m.arr3(numpy.zeros(4, dtype=numpy.float32))

    def test_bytes(self):
        a = numpy.array([1, 2, 3], dtype=numpy.uint8)
        self.assertEqual(m.checksum(a), 6)
        self.assertEqual(m.byte_addr(a), a.ctypes.data)
        self.assertEqual(m.to_upper(numpy.frombuffer(b"abc", dtype=numpy.uint8)), b"ABC")
        m.xor_bytes(a, 1)
        self.assertEqual(a.tolist(), [0, 3, 2])

    def test_series_field_from_array(self):
        s = m.Series("t", numpy.arange(4.0))
        self.assertEqual(s.total(), 6.0)

    def test_asarray_round_trip_memory(self):
        def round_fn():
            a = numpy.asarray(m.make_vec_f64(100_000))
            self.assertEqual(a.shape, (100_000,))

        check_no_growth(self, round_fn)


if __name__ == "__main__":
    unittest.main()
