"""The leak test: every kind of call, a million times each, with the
process's resident memory flat (growth under 2 MiB: a leak of even one small
block per call would be tens of MiB)."""

import array
import gc
import os
import unittest

import leaks

CALLS = 1_000_000
WARMUP = 50_000
LIMIT_KIB = 2 * 1024


def rss_kib():
    """The resident set now (not the peak)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class TestFlatMemory(unittest.TestCase):
    def check_flat(self, body, calls=CALLS):
        """body(n) makes n calls of one kind."""
        body(WARMUP)
        gc.collect()
        before = rss_kib()
        body(calls)
        gc.collect()
        grown = rss_kib() - before
        self.assertLess(grown, LIMIT_KIB, f"RSS grew by {grown} KiB over {calls:,} calls")

    def test_functions(self):
        add, greet, split = leaks.add, leaks.greet, leaks.split

        def body(n):
            for _ in range(n):
                add(1, 2)
                greet("world")
                split("key=value")
                split("none")

        self.check_flat(body)

    def test_keyword_arguments_and_conversion_errors(self):
        add = leaks.add

        def body(n):
            for _ in range(n):
                add(a=1, b=2)
                try:
                    add("x", 2)
                except TypeError:
                    pass

        self.check_flat(body)

    def test_collections(self):
        count_words, doubled, scale = leaks.count_words, leaks.doubled, leaks.scale
        words = ["a", "b", "a"]
        buf = array.array("d", [1.0, 2.0, 3.0])

        def body(n):
            for _ in range(n):
                count_words(words)
                doubled(buf)
                doubled([1.0, 2.0])
                scale(buf, 1.0)

        self.check_flat(body)

    def test_constructors(self):
        Bag = leaks.Bag

        def body(n):
            for _ in range(n):
                Bag("x")

        self.check_flat(body)

    def test_methods(self):
        bag = leaks.Bag("x")

        def body(n):
            for _ in range(n):
                bag.push(1)
                bag.len()
                bag.renamed("y")

        self.check_flat(body)

    def test_fields(self):
        bag = leaks.Bag("x")

        def body(n):
            for _ in range(n):
                bag.name
                bag.name = "z"
                bag.items
                bag.items = [1, 2]

        self.check_flat(body)

    def test_errors_raised(self):
        parse, ParseError = leaks.parse, leaks.ParseError

        def body(n):
            for _ in range(n):
                try:
                    parse("x")
                except ParseError:
                    pass
                try:
                    parse("")
                except ParseError:
                    pass

        self.check_flat(body)

    def test_iteration(self):
        countdown = leaks.countdown
        bag = leaks.Bag("x")
        bag.push(1)

        def body(n):
            # n calls of next() in all.
            for _ in range(n // 4):
                for _ in countdown(3):
                    pass
            for _ in range(n // 4):
                for _ in bag.iter():
                    pass

        self.check_flat(body)

    def test_panics(self):
        # Fewer: each panic prints its message (to stderr, silenced here).
        boom, RustPanic = leaks.boom, leaks.RustPanic

        def body(n):
            for _ in range(n):
                try:
                    boom(1)
                except RustPanic:
                    pass

        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        try:
            self.check_flat(body, calls=20_000)
        finally:
            os.dup2(saved, 2)
            os.close(null)
            os.close(saved)


if __name__ == "__main__":
    unittest.main()
