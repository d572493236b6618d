"""Pickling and copying: a type with serde's `Serialize` and `Deserialize`
pickles over every protocol (its serde data as MessagePack, read back by the
module's unpickler class `_rsbind_Class`) and deep-copies even without
`Clone`; a `Clone` type copies; the others raise `TypeError` naming the type."""

import copy
import importlib
import pickle
import unittest

import pickling
from pickling import (
    Color,
    Drawing,
    Fussy,
    Handle,
    Job,
    Loose,
    Meters,
    Point,
    Report,
    Shape,
    Token,
)
from pickling.geo import Angle

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def drawing():
    d = Drawing("plan")
    d.origin = Point(1.0, 2.0)
    d.add(Shape.Circle(radius=2.5))
    d.add(Shape.Rect(Point(0.0, 0.0), Point(3.0, 4.0)))
    d.add(Shape.Empty())
    d.color = Color.Blue
    d.layers = {1: "ground", 7: "roof"}
    d.note = "draft"
    return d


class RoundTrip(unittest.TestCase):
    def assert_round_trips(self, value):
        for proto in PROTOCOLS:
            with self.subTest(value=repr(value), protocol=proto):
                back = pickle.loads(pickle.dumps(value, proto))
                self.assertIsNot(back, value)
                self.assertIs(type(back), type(value))
                self.assertEqual(back, value)

    def test_struct(self):
        self.assert_round_trips(Point(1.5, -2.0))

    def test_tuple_struct(self):
        self.assert_round_trips(Meters(3.25))

    def test_data_enum_variants(self):
        for value in (
            Shape.Circle(radius=1.0),
            Shape.Rect(Point(0.0, 1.0), Point(2.0, 3.0)),
            Shape.Empty(),
        ):
            self.assert_round_trips(value)

    def test_nested_fields_collections_and_private_state(self):
        d = drawing()
        self.assert_round_trips(d)
        back = pickle.loads(pickle.dumps(d))
        self.assertEqual(back.strokes(), 3)  # a private field
        self.assertEqual(back.layers, {1: "ground", 7: "roof"})  # integer keys
        self.assertIsInstance(back.shapes[1], Shape.Rect)

    def test_skipped_field_reads_back(self):
        # `tags` is left out of the data when empty (skip_serializing_if).
        d = drawing()
        self.assert_round_trips(d)
        d.tags = ["a", "b"]
        self.assert_round_trips(d)

    def test_untagged_enum_uses_deserialize_any(self):
        for value in (Loose.Number(7), Loose.Text("x"), Loose.Pair(a=1, b="z")):
            self.assert_round_trips(value)

    def test_class_of_a_submodule(self):
        self.assert_round_trips(Angle(30.0))

    def test_data_enum_without_clone(self):
        self.assert_round_trips(Job.Queued(ticket=4))
        self.assert_round_trips(Job.Done("ok"))

    def test_int_enum_pickles_by_value(self):
        for proto in PROTOCOLS:
            self.assertIs(pickle.loads(pickle.dumps(Color.Green, proto)), Color.Green)

    def test_in_containers(self):
        value = {"points": [Point(1.0, 2.0), Point(3.0, 4.0)], "shape": Shape.Empty()}
        self.assertEqual(pickle.loads(pickle.dumps(value)), value)

    def test_reduce_names_the_unpickler_class(self):
        fn, args = Point(1.0, 2.0).__reduce__()
        # A class of the module (pickle saves it by name without making a
        # str), whose call makes a Point.
        self.assertIsInstance(fn, type)
        self.assertEqual(fn.__name__, "_rsbind_Point")
        self.assertEqual(fn.__module__, "pickling")
        self.assertIs(fn, pickling._rsbind_Point)
        self.assertIsInstance(args[0], bytes)
        self.assertEqual(fn(*args), Point(1.0, 2.0))
        self.assertIs(type(fn(*args)), Point)
        self.assertEqual(fn(data=args[0]), Point(1.0, 2.0))
        # The same for every protocol: __reduce_ex__ is what pickle and copy call.
        for proto in PROTOCOLS:
            self.assertEqual(Point(1.0, 2.0).__reduce_ex__(proto), (fn, args))
        # A variant is read back through its enum's class.
        fn, _ = Shape.Empty().__reduce__()
        self.assertIs(fn, pickling._rsbind_Shape)
        # A class of a submodule, through the submodule's.
        fn, _ = Angle(30.0).__reduce__()
        self.assertIs(fn, pickling.geo._rsbind_Angle)
        self.assertEqual(fn.__module__, "pickling.geo")
        # The classmethod of earlier builds' pickles still reads them.
        self.assertEqual(Point._rsbind_from_pickle(args[0]), Point(1.0, 2.0))

    def test_unpickler_arguments(self):
        data = Point(1.0, 2.0).__reduce__()[1][0]
        # Any bytes-like object, as the classmethod takes.
        for form in (bytearray(data), memoryview(data)):
            self.assertEqual(pickling._rsbind_Point(form), Point(1.0, 2.0))
        with self.assertRaisesRegex(TypeError, "missing required argument 'data'"):
            pickling._rsbind_Point()
        with self.assertRaises(TypeError):
            pickling._rsbind_Point(data, data)
        with self.assertRaises(TypeError):
            pickling._rsbind_Point(data, extra=1)
        with self.assertRaisesRegex(TypeError, "must be a bytes-like object, not str"):
            pickling._rsbind_Point("text")
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'pickling.Point' object: "):
            pickling._rsbind_Point(b"\xc1")

    def test_pickles_of_earlier_builds_still_load(self):
        # Earlier builds named the unpickler `_rsbind_unpickle_Point`: an alias.
        self.assertIs(pickling._rsbind_unpickle_Point, pickling._rsbind_Point)
        self.assertIs(pickling._rsbind_unpickle_Shape, pickling._rsbind_Shape)
        for proto in (0, 1, 2, 3):
            data = pickle.dumps(Point(1.0, 2.0), proto)
            # Protocols 0 to 3 name a global as text lines.
            self.assertIn(b"pickling\n_rsbind_Point\n", data)
            earlier = data.replace(b"\n_rsbind_Point\n", b"\n_rsbind_unpickle_Point\n")
            self.assertEqual(pickle.loads(earlier), Point(1.0, 2.0))

    def test_large_values_spill_off_the_stack(self):
        # The data is written into a 512-byte buffer on the C stack while it
        # fits; past that, into a Vec.
        for n in (10, 40, 1000):
            d = drawing()
            d.tags = [f"tag number {i}" for i in range(n)]
            data = d.__reduce__()[1][0]
            self.assertEqual(len(data) > 512, n > 10)
            self.assert_round_trips(d)
            c = copy.deepcopy(d)  # not Clone: through the data, on the Rust stack
            self.assertEqual(c, d)
            self.assertEqual(c.tags, d.tags)

    def test_data_is_compact(self):
        # MessagePack with field names: far smaller than the text pickle of the fields.
        data = Point(1.0, 2.0).__reduce__()[1][0]
        self.assertEqual(data[:1], b"\x82")  # a map of two entries
        self.assertLess(len(data), 32)


class Copies(unittest.TestCase):
    def test_deepcopy_without_clone_goes_through_serde(self):
        d = drawing()
        c = copy.deepcopy(d)
        self.assertIsNot(c, d)
        self.assertEqual(c, d)
        self.assertEqual(c.strokes(), 3)
        c.add(Shape.Empty())
        self.assertEqual(d.strokes(), 3)
        self.assertNotEqual(c, d)

    def test_deepcopy_of_a_variant_without_clone(self):
        j = Job.Done("ok")
        c = copy.deepcopy(j)
        self.assertIsNot(c, j)
        self.assertIsInstance(c, Job.Done)
        self.assertEqual(c, j)

    def test_copy_without_clone_goes_through_pickle(self):
        d = drawing()
        c = copy.copy(d)
        self.assertIsNot(c, d)
        self.assertEqual(c, d)
        self.assertIs(type(copy.copy(Job.Done("ok"))), Job.Done)

    def test_clone_types_copy(self):
        for value in (Point(1.0, 2.0), Shape.Circle(radius=1.0), Token("t")):
            for fn in (copy.copy, copy.deepcopy):
                with self.subTest(value=repr(value), fn=fn.__name__):
                    c = fn(value)
                    self.assertIsNot(c, value)
                    self.assertIs(type(c), type(value))
                    self.assertEqual(c, value)

    def test_deepcopy_in_containers(self):
        value = [drawing(), Point(1.0, 2.0)]
        self.assertEqual(copy.deepcopy(value), value)


class Refusals(unittest.TestCase):
    def test_types_without_serde_raise_type_error_naming_the_type(self):
        # CPython's own refusal: it names the type by its full name (protocols
        # 2 and up) or its bare name (0 and 1, through copyreg).
        # Neither serde nor Clone; Serialize only; Clone only.
        for value, name in ((Handle(1), "Handle"), (Report(2), "Report"), (Token("t"), "Token")):
            for proto in PROTOCOLS:
                with self.subTest(name=name, protocol=proto):
                    full = proto >= 2
                    expected = f"cannot pickle '{'pickling.' if full else ''}{name}' object"
                    with self.assertRaisesRegex(TypeError, expected):
                        pickle.dumps(value, proto)

    def test_copy_without_clone_or_serde_raises_type_error(self):
        for fn in (copy.copy, copy.deepcopy):
            with self.subTest(fn=fn.__name__):
                with self.assertRaisesRegex(TypeError, "'pickling.Handle'"):
                    fn(Handle(1))

    def test_serialize_error_is_value_error(self):
        self.assertEqual(pickle.loads(pickle.dumps(Fussy(5))), Fussy(5))
        with self.assertRaisesRegex(
            ValueError, "cannot pickle 'pickling.Fussy' object: negative values are not written"
        ):
            pickle.dumps(Fussy(-1))
        with self.assertRaisesRegex(ValueError, "negative values"):
            copy.deepcopy(Fussy(-1))

    def test_bad_data_is_value_error_naming_the_type(self):
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'pickling.Point' object: "):
            Point._rsbind_from_pickle(b"\xc1")
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'pickling.Point' object: "):
            Point._rsbind_from_pickle(b"")
        # Another class's data.
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'pickling.Point' object: "):
            Point._rsbind_from_pickle(Meters(1.0).__reduce__()[1][0])
        with self.assertRaisesRegex(
            TypeError, r"Point._rsbind_from_pickle\(\) argument 'data' must be a bytes-like object, not str"
        ):
            Point._rsbind_from_pickle("text")

    def test_corrupted_data_raises_value_error_never_crashes(self):
        d = drawing()
        data = pickle.dumps(d)
        payload = d.__reduce__()[1][0]
        start = data.index(payload)
        for i in range(start, start + len(payload)):
            for flip in (0x01, 0x80, 0xFF):
                corrupted = data[:i] + bytes([data[i] ^ flip]) + data[i + 1 :]
                try:
                    back = pickle.loads(corrupted)
                except ValueError as e:
                    self.assertIn("'pickling.Drawing'", str(e))
                else:
                    self.assertIsInstance(back, Drawing)

    def test_truncated_pickles_raise(self):
        data = pickle.dumps(drawing())
        for cut in range(len(data)):
            with self.assertRaises((pickle.UnpicklingError, EOFError, ValueError)):
                pickle.loads(data[:cut])

    def test_corrupted_field_value(self):
        data = pickle.dumps(Point(1.0, 2.0))
        with self.assertRaisesRegex(ValueError, "cannot unpickle 'pickling.Point' object: .*`x`"):
            pickle.loads(data.replace(b"\xa1x", b"\xa1z"))


class Module(unittest.TestCase):
    def test_pickled_classes_are_found_by_name(self):
        self.assertIs(pickling.Point, Point)
        self.assertIs(pickle.loads(pickle.dumps(Point)), Point)
        self.assertIs(pickle.loads(pickle.dumps(Angle)), Angle)

    def test_a_fresh_import(self):
        # Pickles name the module and the unpickler: a pickle made before the
        # module is imported afresh loads into the fresh module's classes.
        # Each module object's objects go through its own unpickler, so an
        # object of the replaced module object no longer pickles, as with any
        # class whose module was replaced.
        import sys

        before = pickle.dumps([Point(1.0, 2.0), Angle(30.0), Shape.Empty()])
        saved = {name: sys.modules.pop(name) for name in ("pickling", "pickling.geo")}
        try:
            fresh = importlib.import_module("pickling")
            self.assertIsNot(fresh, pickling)
            back = pickle.loads(before)
            self.assertEqual([type(v) for v in back], [fresh.Point, fresh.geo.Angle, fresh.Shape.Empty])
            self.assertEqual(back[0], fresh.Point(1.0, 2.0))
            p = fresh.Point(3.0, 4.0)
            self.assertIs(p.__reduce__()[0], fresh._rsbind_Point)
            self.assertIs(type(pickle.loads(pickle.dumps(p))), fresh.Point)
            self.assertIs(Point(1.0, 2.0).__reduce__()[0], pickling._rsbind_Point)
            with self.assertRaisesRegex(pickle.PicklingError, "not the same object"):
                pickle.dumps(Point(1.0, 2.0))
        finally:
            sys.modules.update(saved)
        self.assertEqual(pickle.loads(pickle.dumps(Point(1.0, 2.0))), Point(1.0, 2.0))


if __name__ == "__main__":
    unittest.main()
