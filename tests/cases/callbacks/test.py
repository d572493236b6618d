"""Python callables as Rust closures (MAPPING: Callbacks and traits): `impl Fn`,
`F: Fn` (where-clauses too), `impl FnMut`/`FnOnce`, `&dyn Fn`, `&mut dyn FnMut`,
`Box<dyn Fn + Send>`, `Option` of one; exceptions, wrong results, threads."""

import gc
import resource
import sys
import threading
import time
import unittest

import callbacks as cb


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def wait_for(read):
    """Polls `read` until it gives something other than None (10 s at most)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        value = read()
        if value is not None:
            return value
        time.sleep(0.005)
    raise AssertionError("the Rust thread never finished")


class TestCallables(unittest.TestCase):
    def test_every_form_takes_any_callable(self):
        self.assertEqual(cb.apply(lambda x: x * 2, 21), 42)
        self.assertEqual(cb.twice(lambda x: x + 1, 1), 3)
        self.assertEqual(cb.fold([1, 2, 3], 10, lambda a, b: a + b), 16)
        self.assertEqual(cb.fold([1, 2, 3], 1, int.__mul__), 6)
        self.assertEqual(cb.once(lambda: "hi"), "hi")
        self.assertEqual(cb.filter_words(["a", "bb", "ccc"], lambda w: len(w) > 1), ["bb", "ccc"])
        self.assertEqual(cb.sort_by_key(["b", "A", "c"], str.lower), ["A", "b", "c"])
        self.assertEqual(cb.pair(lambda s, f: (s * 2, f * 2)), ("aa", 3.0))

        class Doubler:
            def __call__(self, x):
                return 2 * x

        self.assertEqual(cb.apply(Doubler(), 4), 8)

    def test_fnmut_state_lives_in_python(self):
        seen = []
        cb.repeat(4, seen.append)
        self.assertEqual(seen, [0, 1, 2, 3])
        total = 0

        def add(i):
            nonlocal total
            total += i

        cb.repeat(5, add)
        self.assertEqual(total, 10)

    def test_classes_cross_both_ways(self):
        points = []
        n = cb.visit([cb.Point(1, 2), cb.Point(3, 4)], points.append)
        self.assertEqual(n, 2)
        # `&Point` arrives as a copy.
        self.assertEqual(points, [cb.Point(1, 2), cb.Point(3, 4)])
        swapped = cb.map_points([cb.Point(1, 2)], lambda p: cb.Point(p.y, p.x))
        self.assertEqual(swapped, [cb.Point(2, 1)])

    def test_optional_callable(self):
        self.assertEqual(cb.describe(5, None), "5")
        self.assertEqual(cb.describe(5, lambda x: f"<{x}>"), "<5>")
        self.assertEqual(cb.describe(5, f=str), "5")
        self.assertIsNone(cb.maybe(lambda: None))
        self.assertEqual(cb.maybe(lambda: 2), 2.0)

    def test_optional_forms(self):
        self.assertEqual(cb.maybe_boxed(None, 3), 3)
        self.assertEqual(cb.maybe_boxed(lambda x: -x, 3), -3)
        fed = []
        self.assertTrue(cb.maybe_feed(fed.append))
        self.assertEqual(fed, [1, 2, 3])
        self.assertFalse(cb.maybe_feed(None))
        self.assertEqual(cb.maybe_apply(None, 4), 4)
        self.assertEqual(cb.maybe_apply(lambda x: x * x, 4), 16)

    def test_constructor_keeps_a_callable(self):
        f = cb.Filter(lambda x: x % 2 == 0)
        self.assertEqual(list(f.apply([1, 2, 3, 4])), [2, 4])
        with self.assertRaisesRegex(TypeError, r"Filter\(\) argument 'pred' must be callable"):
            cb.Filter(3)
        with self.assertRaisesRegex(TypeError, r"result of Filter\(\) argument 'pred' must be bool"):
            cb.Filter(lambda x: 1).apply([1])

    def test_not_callable(self):
        with self.assertRaisesRegex(TypeError, r"^apply\(\) argument 'f' must be callable, not int$"):
            cb.apply(5, 1)
        with self.assertRaisesRegex(TypeError, r"describe\(\) argument 'f' must be callable, not str"):
            cb.describe(1, "x")

    def test_wrong_result_type_names_the_parameter(self):
        with self.assertRaisesRegex(
            TypeError, r"^result of apply\(\) argument 'f' must be int, not str$"
        ):
            cb.apply(lambda x: "no", 1)
        with self.assertRaisesRegex(TypeError, r"result of sort_by_key\(\) argument 'key'"):
            cb.sort_by_key(["a", "b"], lambda w: 1)
        with self.assertRaisesRegex(TypeError, r"result of map_points\(\) argument 'f'"):
            cb.map_points([cb.Point(1, 2)], lambda p: (1, 2))

    def test_exception_propagates_unchanged(self):
        err = ValueError("boom")

        def bad(x):
            raise err

        try:
            cb.apply(bad, 1)
        except ValueError as e:
            caught = e
        self.assertIs(caught, err)
        # The traceback still reaches into the callable.
        tb = caught.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        self.assertIn("bad", names)
        # The first failure stops the Rust loop: no later call happens.
        calls = []

        def stop_at_2(i):
            calls.append(i)
            if i == 2:
                raise KeyError(i)

        with self.assertRaises(KeyError):
            cb.repeat(10, stop_at_2)
        self.assertEqual(calls, [0, 1, 2])
        # The module stays usable.
        self.assertEqual(cb.apply(abs, -3), 3)

    def test_base_exceptions_pass_too(self):
        def interrupt(x):
            raise KeyboardInterrupt

        with self.assertRaises(KeyboardInterrupt):
            cb.apply(interrupt, 1)


class TestThreads(unittest.TestCase):
    def test_sync_callable_runs_without_the_gil(self):
        # `&(dyn Fn + Sync)` is called from four Rust threads while the call
        # waits: the call releases the GIL and each call takes it, while
        # another Python thread keeps running.
        ticks = 0
        stop = threading.Event()

        def ticker():
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                time.sleep(0.0005)

        t = threading.Thread(target=ticker)
        t.start()
        try:
            before = ticks

            def slow_check(i):
                time.sleep(0.001)
                return i % 3 == 0

            self.assertEqual(cb.count_parallel(200, slow_check), 67)
            self.assertGreater(ticks, before)
        finally:
            stop.set()
            t.join()

    def test_exception_on_the_calls_own_threads_propagates(self):
        # Four scoped Rust threads call it; the first exception waits for the
        # call's end and is raised, although the crate panics in turn
        # (`std::thread::scope`). The others are unraisable.
        err = ValueError("from a Rust thread")
        also = []
        old = sys.unraisablehook
        sys.unraisablehook = lambda u: also.append(u.exc_value)
        try:
            def bad(i):
                raise err

            with self.assertRaises(ValueError) as got:
                cb.count_parallel(8, bad)
        finally:
            sys.unraisablehook = old
        self.assertIs(got.exception, err)
        self.assertTrue(all(e is err for e in also))
        self.assertEqual(cb.count_parallel(8, lambda i: True), 8)

    def test_kept_callable_raises_through_a_later_call(self):
        e = cb.Emitter()
        err = LookupError("handler")

        def handler(s):
            raise err

        e.on_event(handler)
        with self.assertRaises(LookupError) as got:
            e.fire("x")
        self.assertIs(got.exception, err)

    def test_stored_callback_called_later_from_a_rust_thread(self):
        e = cb.Emitter()
        e.on_event(len)
        e.on_event(lambda s: 100)
        self.assertEqual(e.len(), 2)
        self.assertEqual(e.fire("abc"), 103)
        e.fire_in_background("abcd")
        self.assertEqual(wait_for(e.background_result), 104)

    def test_stored_callback_keeps_its_object_alive_and_drops_on_a_rust_thread(self):
        import weakref

        class Triple:
            def __call__(self, x):
                return 3 * x

        f = Triple()
        ref = weakref.ref(f)
        cb.park(f)
        del f
        gc.collect()
        self.assertIsNotNone(ref(), "Rust holds a reference")
        cb.run_parked(5)
        self.assertEqual(wait_for(cb.parked_result), 15)
        # Dropped on the Rust thread, which took the GIL for it.
        for _ in range(200):
            if ref() is None:
                break
            time.sleep(0.005)
        self.assertIsNone(ref())

    def test_exception_on_a_rust_thread_is_unraisable(self):
        got = []
        old = sys.unraisablehook
        sys.unraisablehook = lambda u: got.append(u.exc_value)
        try:
            err = RuntimeError("late")

            def bad(x):
                raise err

            cb.park(bad)
            cb.run_parked(1)
            deadline = time.monotonic() + 10
            while not got and time.monotonic() < deadline:
                time.sleep(0.005)
        finally:
            sys.unraisablehook = old
        self.assertEqual(got, [err])


class TestLeaks(unittest.TestCase):
    def test_a_million_calls_do_not_grow_memory(self):
        f = lambda x: x  # noqa: E731
        cb.sum_calls(10_000, f)
        gc.collect()
        before = max_rss_kib()
        self.assertEqual(cb.sum_calls(1_000_000, f), 499_999_500_000)
        for _ in range(20_000):
            cb.sort_by_key(["b", "a"], str.upper)
        gc.collect()
        grown = max_rss_kib() - before
        self.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")
        self.assertEqual(sys.getrefcount(f), 2)


if __name__ == "__main__":
    unittest.main()
