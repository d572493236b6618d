"""Released-GIL calls on buffers (MAPPING.md, Threads): while the GIL is off,
another Python thread may write any buffer that Python code can write, so Rust
works on a copy made at call time (for `&mut [T]`, written back once the GIL
is held again); memory no Python code can write (`bytes`) is still borrowed,
and so is every buffer when the GIL is held."""

import array
import sys
import threading
import unittest

import numpy as np

import threads

TRIALS = 400
# Below numpy's threshold (500 items) for releasing the GIL in its own loops,
# so the writer's `a[:] = k` is one step under the GIL.
N = 200


class Writer:
    """A thread that overwrites `fill(k)` with k = 1, 2, 3, ... until the block ends."""

    def __init__(self, fill):
        self.fill = fill
        self.stop = False
        self.writes = 0
        self.thread = threading.Thread(target=self.run)

    def run(self):
        k = 0
        while not self.stop:
            k += 1
            self.fill(k)
            self.writes += 1

    def __enter__(self):
        self.old_interval = sys.getswitchinterval()
        sys.setswitchinterval(1e-4)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop = True
        self.thread.join()
        sys.setswitchinterval(self.old_interval)


def address_of(buf):
    """Where a buffer's memory starts (numpy reads it without a copy)."""
    return np.frombuffer(buf, dtype=np.uint8).ctypes.data


class TestRacingWriter(unittest.TestCase):
    """One thread calls a released-GIL function on an array while another
    overwrites the whole array again and again: every result is the one a
    copy at call time gives (a constant array: least == greatest, and a second
    read sees the same), over hundreds of trials."""

    def check_reads(self, call, buf, fill, expect):
        with Writer(fill) as writer:
            for trial in range(TRIALS):
                result = call(buf)
                self.assertEqual(result, expect(result), f"trial {trial}")
        # The writer did run while the calls ran (else nothing was tested).
        self.assertGreater(writer.writes, TRIALS)

    def test_f64_slice_of_numpy_array(self):
        a = np.zeros(N)
        self.check_reads(threads.read_slowly, a, lambda k: a.fill(k),
                         lambda r: (r[0], r[0], True))

    def test_read_only_view_of_writable_array(self):
        a = np.zeros(N)
        view = a.view()
        view.flags.writeable = False
        self.check_reads(threads.read_slowly, view, lambda k: a.fill(k),
                         lambda r: (r[0], r[0], True))
        self.check_reads(threads.read_slowly, memoryview(a).toreadonly(),
                         lambda k: a.fill(k), lambda r: (r[0], r[0], True))

    def test_array_array(self):
        a = array.array("d", [0.0] * N)

        def fill(k):
            a[:] = array.array("d", [float(k)]) * N

        self.check_reads(threads.read_slowly, a, fill,
                         lambda r: (r[0], r[0], True))

    def test_u8_slice_of_bytearray(self):
        b = bytearray(N)

        def fill(k):
            b[:] = bytes([k % 256]) * N

        self.check_reads(threads.read_bytes_slowly, b, fill,
                         lambda r: (r[0], r[0], True))

    def test_owned_vec(self):
        a = np.zeros(N)
        self.check_reads(threads.sum_vec, a, lambda k: a.fill(k),
                         lambda r: N * round(r / N))

    def test_mut_slice_of_numpy_array(self):
        a = np.zeros(N)
        # Rust reads one constant and finds its own writes unchanged.
        self.check_reads(threads.bump_slowly, a, lambda k: a.fill(k),
                         lambda r: (r[0], r[0], True))

    def test_holding_the_gil_borrows_and_no_thread_writes(self):
        a = np.zeros(N)
        self.check_reads(threads.read_slowly_holding, a, lambda k: a.fill(k),
                         lambda r: (r[0], r[0], True))


class TestCopyOrBorrow(unittest.TestCase):
    """Which buffers are copied: exactly the ones Python code could write,
    and only while the GIL is released."""

    def test_writable_array_is_copied_without_the_gil(self):
        a = np.arange(8.0)
        self.assertNotEqual(threads.address(a), a.ctypes.data)
        self.assertNotEqual(threads.address_mut(a), a.ctypes.data)

    def test_writable_array_is_borrowed_with_the_gil(self):
        a = np.arange(8.0)
        self.assertEqual(threads.address_holding(a), a.ctypes.data)
        self.assertEqual(threads.address_mut_holding(a), a.ctypes.data)

    def test_unsafe_no_copy_borrows_without_the_gil(self):
        # The interface file opts these parameters out of the copy.
        a = np.arange(8.0)
        self.assertEqual(threads.address_unsafe(a), a.ctypes.data)
        self.assertEqual(threads.address_mut_unsafe(a), a.ctypes.data)
        # Only that parameter: the other functions still copy.
        self.assertNotEqual(threads.address(a), a.ctypes.data)

    def test_read_only_view_of_writable_memory_is_copied(self):
        a = np.arange(8.0)
        view = a.view()
        view.flags.writeable = False
        self.assertNotEqual(threads.address(view), a.ctypes.data)
        mv = memoryview(a).toreadonly()
        self.assertNotEqual(threads.address(mv), a.ctypes.data)
        b = bytearray(8)
        self.assertNotEqual(threads.address_bytes(memoryview(b).toreadonly()),
                            address_of(b))

    def test_bytes_are_borrowed(self):
        b = bytes(range(64))
        self.assertEqual(threads.address_bytes(b), address_of(b))
        # A memoryview of bytes, even sliced or cast, is bytes' memory.
        self.assertEqual(threads.address_bytes(memoryview(b)[3:]),
                         address_of(b) + 3)
        self.assertEqual(threads.address(memoryview(b).cast("d")),
                         address_of(b))
        self.assertEqual(threads.address(memoryview(memoryview(b)).cast("d")),
                         address_of(b))

    def test_bytearray_is_copied(self):
        b = bytearray(64)
        self.assertNotEqual(threads.address_bytes(b), address_of(b))

    def test_results_are_those_of_the_array(self):
        a = np.arange(6.0)
        self.assertEqual(threads.read_slowly(a), (0.0, 5.0, True))
        self.assertEqual(threads.read_slowly(a[::2]), (0.0, 4.0, True))
        self.assertEqual(threads.read_slowly([2.0, 1.0]), (1.0, 2.0, True))
        self.assertEqual(threads.read_slowly(np.zeros(0)),
                         (float("inf"), float("-inf"), True))
        self.assertEqual(threads.sum_vec(a), 15.0)
        self.assertEqual(threads.read_bytes_slowly(bytearray(b"\x03\x01")),
                         (1, 3, True))


class TestWriteBack(unittest.TestCase):
    """A `&mut [T]` works on a private copy while the GIL is off, and what
    Rust wrote is in the buffer when the call returns."""

    def test_numpy(self):
        a = np.arange(5.0)
        self.assertEqual(threads.bump_slowly(a), (0.0, 4.0, True))
        self.assertEqual(a.tolist(), [1.0, 2.0, 3.0, 4.0, 5.0])

    def test_array_and_bytearray(self):
        a = array.array("d", [1.0, 2.0])
        threads.bump_slowly(a)
        self.assertEqual(a.tolist(), [2.0, 3.0])
        b = bytearray(b"\x00\x01\xff")
        threads.bump_bytes(b)
        self.assertEqual(b, bytearray(b"\x01\x02\x00"))

    def test_a_slice_of_an_array(self):
        a = np.zeros(6)
        threads.bump_slowly(a[2:4])
        self.assertEqual(a.tolist(), [0.0, 0.0, 1.0, 1.0, 0.0, 0.0])

    def test_written_back_when_the_call_fails(self):
        # As with the array's own memory: what Rust wrote stays written.
        a = np.zeros(4)
        with self.assertRaisesRegex(RuntimeError, "filled 4 items, then failed"):
            threads.fill_then_fail(a, 7.0)
        self.assertEqual(a.tolist(), [7.0] * 4)

    def test_not_written_when_conversion_fails(self):
        a = np.zeros(4)
        with self.assertRaises(TypeError):
            threads.fill_then_fail(a, "x")
        self.assertEqual(a.tolist(), [0.0] * 4)

    def test_panic_without_the_gil_prints_nothing(self):
        # Counted as a stub call (the panic hook cannot ask the GIL), so the
        # message is in the exception only, not also on stderr.
        import subprocess

        script = ("import threads\ntry:\n    threads.panic_released(3)\n"
                  "except threads.RustPanic as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("released panic 3", out.stdout)
        self.assertEqual(out.stderr, "")
        self.assertEqual(threads.panic_released(0), 0)

    def test_aliasing_is_still_refused(self):
        a = np.arange(4.0)
        with self.assertRaisesRegex(RuntimeError, "already borrowed"):
            threads.copy_into(a, a)
        b = np.zeros(4)
        threads.copy_into(a, b)
        self.assertEqual(b.tolist(), a.tolist())

    def test_read_only_is_refused(self):
        ro = np.zeros(2)
        ro.flags.writeable = False
        with self.assertRaisesRegex(TypeError, "writable buffer"):
            threads.bump_slowly(ro)
        with self.assertRaises(TypeError):
            threads.bump_bytes(b"ab")

    def test_empty(self):
        a = np.zeros(0)
        self.assertEqual(threads.bump_slowly(a), (float("inf"), float("-inf"), True))


if __name__ == "__main__":
    unittest.main()
