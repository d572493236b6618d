"""One module file for CPython 3.10 and later (tests/tests/versions.rs builds it
with --abi3 and runs this under 3.10 to 3.13; the case suite runs it against the
version-specific build): classes, enums, errors, buffers, collections."""

import array
import datetime
import sys
import unittest

import stable_abi as m


class TestClasses(unittest.TestCase):
    def test_construct_and_call(self):
        p = m.Point(3.0, 4.0)
        self.assertEqual(p.norm(), 5.0)
        self.assertEqual((p.x, p.y), (3.0, 4.0))
        self.assertEqual(str(p), "(3, 4)")
        self.assertEqual(repr(p), "Point { x: 3.0, y: 4.0 }")

    def test_keywords_and_static(self):
        self.assertEqual(m.Point(y=2.0, x=1.0).y, 2.0)
        self.assertEqual(m.Point.origin().norm(), 0.0)

    def test_mut_self_and_move(self):
        p = m.Point(1.0, 1.0)
        p.shift(1.0, 2.0)
        self.assertEqual((p.x, p.y), (2.0, 3.0))
        # Point is Clone: a self method works on a clone.
        self.assertEqual(p.into_pair(), (2.0, 3.0))
        self.assertEqual(p.x, 2.0)

    def test_equality_and_wrong_type(self):
        self.assertEqual(m.Point(1.0, 2.0), m.Point(1.0, 2.0))
        with self.assertRaisesRegex(TypeError, "must be float, not str"):
            m.Point("a", 1.0)


class TestEnums(unittest.TestCase):
    def test_int_enum(self):
        self.assertEqual(m.next_color(m.Color.Blue), m.Color.Red)
        self.assertEqual(int(m.Color.Green), 1)

    def test_data_enum(self):
        circle = m.Shape.Circle(radius=1.0)
        self.assertIsInstance(circle, m.Shape)
        self.assertAlmostEqual(circle.area(), 3.141592653589793)
        self.assertEqual(m.Shape.Square(2.0).area(), 4.0)
        with self.assertRaisesRegex(
            TypeError,
            r"^stable_abi\.Shape cannot be created directly; create one of its "
            r"variants, like stable_abi\.Shape\.Circle\(\.\.\.\)$",
        ):
            m.Shape()


class TestErrors(unittest.TestCase):
    def test_crate_error(self):
        self.assertEqual(m.parse_number("42"), 42)
        with self.assertRaises(m.ParseError) as caught:
            m.parse_number("4x")
        self.assertEqual(str(caught.exception), "bad digit: 'x'")
        self.assertIsInstance(caught.exception, m.ParseError.BadDigit)
        with self.assertRaises(m.ParseError.Empty):
            m.parse_number("")

    def test_panic(self):
        with self.assertRaisesRegex(m.RustPanic, "boom"):
            m.boom()

    def test_overflow(self):
        with self.assertRaises(OverflowError):
            m.ramp(-1)


class TestBuffersAndCollections(unittest.TestCase):
    def test_slice_from_buffer_and_sequence(self):
        self.assertEqual(m.total(array.array("d", [1.0, 2.0, 3.5])), 6.5)
        self.assertEqual(m.total(memoryview(array.array("d", [2.0]))), 2.0)
        self.assertEqual(m.total([1, 2.5]), 3.5)
        with self.assertRaisesRegex(TypeError, "buffer of f64"):
            m.total("abc")

    def test_mut_slice_writes_through(self):
        values = array.array("d", [1.0, 2.0])
        m.double_all(values)
        self.assertEqual(values.tolist(), [2.0, 4.0])
        with self.assertRaisesRegex(TypeError, "writable buffer of f64 .* not bytes") as caught:
            m.double_all(b"12345678")
        # The exporter's refusal is kept as the context (also in abi3, where
        # naming the type runs Python code).
        self.assertIsInstance(caught.exception.__context__, BufferError)

    def test_vector_object(self):
        ramp = m.ramp(4)
        self.assertEqual(list(ramp), [0.0, 1.0, 2.0, 3.0])
        view = memoryview(ramp)
        self.assertEqual(view.format, "d")
        ramp[1] = 10.0
        self.assertEqual(view.tolist(), [0.0, 10.0, 2.0, 3.0])
        view.release()

    def test_maps_and_big_ints(self):
        self.assertEqual(m.word_counts(["a", "b", "a"]), {"a": 2, "b": 1})
        self.assertEqual(m.largest([1, 2**100, -(2**120)]), 2**100)
        self.assertEqual(m.largest([-(2**127)]), -(2**127))
        self.assertIsNone(m.largest([]))
        with self.assertRaises(OverflowError):
            m.largest([2**127])

    def test_durations_and_times(self):
        self.assertEqual(
            m.twice(datetime.timedelta(seconds=1, microseconds=5)),
            datetime.timedelta(seconds=2, microseconds=10),
        )
        self.assertEqual(m.twice(0.25), datetime.timedelta(seconds=0.5))
        utc = datetime.timezone.utc
        self.assertEqual(
            m.a_second_later(datetime.datetime(2020, 1, 1, tzinfo=utc)),
            datetime.datetime(2020, 1, 1, 0, 0, 1, tzinfo=utc),
        )


if __name__ == "__main__":
    print(sys.version.split()[0], m.__file__)
    unittest.main()
