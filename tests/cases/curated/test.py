"""The curation of interface.ron reaches Python: renames, defaults, a replaced
docstring, a released GIL, instantiations, a skipped function."""

import inspect
import threading
import time
import unittest

import curated


class TestRenamesAndDefaults(unittest.TestCase):
    def test_renamed_function_and_parameter(self):
        self.assertFalse(hasattr(curated, "greet"))
        self.assertEqual(curated.salute("Ada", "Hi", count=2), "Hi, Ada! Hi, Ada!")

    def test_defaults(self):
        self.assertEqual(curated.salute("Ada"), "Hello, Ada!")
        self.assertEqual(curated.salute("Ada", count=3), "Hello, Ada! Hello, Ada! Hello, Ada!")
        self.assertEqual(curated.scale(3.0), 6.0)
        self.assertEqual(curated.scale(3.0, 0.5), 1.5)

    def test_signature_shows_defaults(self):
        self.assertEqual(str(inspect.signature(curated.salute)), "(name, greeting='Hello', count=1)")
        self.assertEqual(str(inspect.signature(curated.scale)), "(x, factor=2.0)")

    def test_the_old_keyword_is_gone(self):
        with self.assertRaisesRegex(TypeError, "times"):
            curated.salute("Ada", times=2)

    def test_doc_names_the_renamed_function(self):
        # The file's doc links to `greet`, which the file binds as `salute`.
        self.assertEqual(
            curated.flag.__doc__, "Whether the flag is up: `set_flag` raises it, and then `salute` greets."
        )

    def test_doc_override(self):
        self.assertEqual(curated.scale.__doc__, "Scales `x`; `factor` defaults to 2.")


class TestInstantiations(unittest.TestCase):
    def test_each_instantiation_is_a_function(self):
        self.assertEqual(curated.largest_i64([3, 9, 2]), 9)
        self.assertEqual(curated.largest_f64([0.5, -1.0, 2.5]), 2.5)
        self.assertFalse(hasattr(curated, "largest"))

    def test_types_follow_the_instantiation(self):
        with self.assertRaisesRegex(TypeError, "largest_i64.*'xs' item 0 must be int"):
            curated.largest_i64([1.5])


class TestGenericStructs(unittest.TestCase):
    def test_each_instantiation_is_a_class(self):
        ints = curated.StackI32()
        ints.push(3)
        ints.push(4)
        self.assertEqual(ints.peek(), 4)
        self.assertEqual(ints.size(), 2)
        words = curated.StackString()
        self.assertIsNone(words.peek())
        words.push("top")
        self.assertEqual(words.peek(), "top")
        self.assertFalse(hasattr(curated, "Stack"))

    def test_types_follow_the_instantiation(self):
        with self.assertRaisesRegex(TypeError, "push\\(\\) argument 'item' must be int, not str"):
            curated.StackI32().push("x")
        with self.assertRaisesRegex(TypeError, "must be str, not int"):
            curated.StackString().push(1)

    def test_protocols_of_the_instantiation(self):
        s = curated.StackI32()
        s.push(1)
        self.assertEqual(repr(s), "Stack { items: [1] }")


class TestSkipped(unittest.TestCase):
    def test_skipped_by_hand(self):
        self.assertFalse(hasattr(curated, "internal_only"))


class TestGil(unittest.TestCase):
    """A function marked `release_gil` lets other Python threads run while it
    works: a second thread sees the call running and raises the flag the call
    waits for. Without the mark no other thread runs during the call, so the
    flag stays down and the call times out."""

    def run_with_setter(self, wait):
        curated.reset_flag()

        def setter():
            deadline = time.monotonic() + 3.0
            while time.monotonic() < deadline:
                if curated.in_call():
                    curated.set_flag()
                    return

        thread = threading.Thread(target=setter)
        thread.start()
        saw_flag = wait(1500)
        thread.join()
        return saw_flag

    def test_released_gil_lets_other_threads_run(self):
        self.assertTrue(self.run_with_setter(curated.wait_for_flag))

    def test_held_gil_blocks_other_threads(self):
        self.assertFalse(self.run_with_setter(curated.wait_for_flag_holding))


if __name__ == "__main__":
    unittest.main()
