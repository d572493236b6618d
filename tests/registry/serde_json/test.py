"""The real serde_json 1.0.154 crate from crates.io, bound unmodified, with its
default features (`std`).

Expected values (JSON text from `Display`, `Debug` text, key order) are the
crate's own, checked against it. The crate's everyday API that is not generic:
the `Value` enum with its variants and `is_*`/`as_*`/`pointer`/`take` methods,
`Number` (`from_f64`, `from_i128`, `from_u128`, `as_*`, `is_*`), `Map<String, Value>`
(the only instantiation the crate gives an impl: `new`, `insert`, `len`, ...),
`Error` with `error.Category`. `Value`, `Number` and `Map` pickle through their
serde impls (`Value`'s `Deserialize` uses `deserialize_any`, which MessagePack,
a self-describing format, supports).

Generic functions whose type parameter is bounded by serde's traits are bound
for each of the crate's classes that implements them, without curation:
`from_str_value`, `from_slice_value`, `to_string_value`, `to_string_pretty_value`,
`to_vec_value` (and `_number`). `Value.get`/`get_mut` (`I: Index`, a trait
of the crate implemented for `usize`, `str`, `String` and `&T`) are bound once
per concrete implementor that binds (`usize`, `String`), as one Python method
taking an `int` or a `str`; so is the generic `impl<I: Index> ops::Index<I>
for Value` (`value["a"]`, `value[0]`), and `IndexMut` as `index_mut_string`
and `index_mut_usize`. Skipped, as generic in other ways:
`from_reader`, `from_value`, `to_value`, `to_writer`, `to_writer_pretty`,
`Deserializer`/`Serializer`/`StreamDeserializer` (generic structs),
`Map.get`/`contains_key`/`remove`/`entry` (`Q: Borrow`), and the
`json!` macro.

Not tested here (they depend on the traits issue, not on this one):
- `FromStr` for `Value` (`Value.parse('{"a": 1}')`, raising `serde_json.Error`)
  and for `Number`; the only non-generic way to parse JSON text;
- `PartialEq<str>`/`PartialEq<i64>`/... for `Value`;
- the many `From<...>` conversions into `Value` and `Number`;
- `IntoIterator`/`Extend`/`FromIterator` for `Map`.
"""

import copy
import enum
import pickle
import unittest

import serde_json
from serde_json import Map, Number, Value


def num(i):
    return Value.Number(Number.from_i128(i))


class TestModuleShape(unittest.TestCase):
    def test_classes(self):
        for name in ("Value", "Number", "Map", "Error"):
            with self.subTest(name=name):
                cls = getattr(serde_json, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)

    def test_value_variants(self):
        for name in ("Null", "Bool", "Number", "String", "Array", "Object"):
            with self.subTest(name=name):
                variant = getattr(Value, name)
                self.assertIsInstance(variant, type)
                self.assertTrue(issubclass(variant, Value))

    def test_category(self):
        # `Category` is public only in the public module `error` (not re-exported).
        Category = serde_json.error.Category
        self.assertTrue(issubclass(Category, enum.IntEnum))
        self.assertEqual([m.name for m in Category], ["Io", "Syntax", "Data", "Eof"])

    def test_result_alias_not_bound(self):
        self.assertFalse(hasattr(serde_json, "Result"))

    def test_non_default_features_not_bound(self):
        # `raw_value`, `arbitrary_precision` and `preserve_order` are off by default.
        self.assertFalse(hasattr(serde_json, "RawValue"))
        self.assertFalse(hasattr(serde_json, "to_raw_value"))
        self.assertFalse(hasattr(Number, "from_string_unchecked"))
        self.assertFalse(hasattr(Number, "as_str"))
        for name in ("shift_insert", "shift_remove", "swap_remove"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(Map, name))

    def test_hidden_items_not_bound(self):
        # `Error::io` is `#[doc(hidden)]`, `__private` is hidden.
        self.assertFalse(hasattr(serde_json.Error, "io"))
        self.assertFalse(hasattr(serde_json, "__private"))


class TestValueConstruct(unittest.TestCase):
    def test_scalars(self):
        self.assertIsInstance(Value.Null(), Value)
        self.assertIsInstance(Value.Bool(True), Value.Bool)
        self.assertEqual(Value.Bool(True)._0, True)
        s = Value.String("x")
        self.assertIsInstance(s, Value)
        self.assertEqual(s._0, "x")

    def test_number(self):
        v = Value.Number(Number.from_f64(2.5))
        self.assertIsInstance(v._0, Number)
        self.assertEqual(v.as_f64(), 2.5)

    def test_array(self):
        v = Value.Array([Value.Bool(True), Value.Null()])
        self.assertEqual(len(v._0), 2)
        self.assertIsInstance(v._0[0], Value.Bool)

    def test_object(self):
        m = Map()
        m.insert("a", num(1))
        v = Value.Object(m)
        self.assertTrue(v.is_object())

    def test_retain_with_a_python_predicate(self):
        # `Map::retain(f: impl FnMut(&String, &mut Value) -> bool)`: each value
        # is lent to the callable as a view that writes in place, ended when
        # the callable returns.
        m = Map()
        m.insert("a", num(1))
        m.insert("b", Value.Bool(False))
        m.insert("c", num(3))
        lent = []

        def keep(key, value):
            lent.append(value)
            if key == "c":
                value.take()  # `&mut self`: leaves null in the map
            return key != "b"

        m.retain(keep)
        self.assertEqual(str(Value.Object(m)), '{"a":1,"c":null}')
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            lent[0].is_number()

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            Value.Bool(1)
        with self.assertRaises(TypeError):
            Value.String(1)
        with self.assertRaises(TypeError):
            Value.Array([1, 2])


class TestValueDisplay(unittest.TestCase):
    def test_json_text(self):
        self.assertEqual(str(Value.String("x")), '"x"')
        self.assertEqual(str(Value.Null()), "null")
        self.assertEqual(str(Value.Bool(True)), "true")
        self.assertEqual(str(Value.Number(Number.from_f64(2.5))), "2.5")
        self.assertEqual(
            str(Value.Array([Value.Bool(True), Value.Null(), Value.String('a"b')])),
            '[true,null,"a\\"b"]',
        )

    def test_object_keys_sorted(self):
        # Without `preserve_order`, Map is a BTreeMap: keys come out sorted.
        m = Map()
        m.insert("b", Value.Bool(False))
        m.insert("a", num(2))
        self.assertEqual(str(Value.Object(m)), '{"a":2,"b":false}')

    def test_non_ascii(self):
        self.assertEqual(str(Value.String("é🦀")), '"é🦀"')

    def test_debug(self):
        self.assertEqual(repr(Value.String("x")), 'String("x")')
        self.assertEqual(repr(Value.Null()), "Null")
        self.assertEqual(repr(Value.Bool(True)), "Bool(true)")
        self.assertEqual(repr(num(5)), "Number(5)")
        self.assertEqual(repr(Value.Array([Value.Bool(True), Value.Null()])), "Array [Bool(true), Null]")


class TestValueAccess(unittest.TestCase):
    def test_string(self):
        v = Value.String("x")
        self.assertTrue(v.is_string())
        self.assertEqual(v.as_str(), "x")
        self.assertFalse(v.is_number())
        self.assertIsNone(v.as_i64())
        self.assertIsNone(Value.Null().as_str())

    def test_numbers(self):
        self.assertTrue(num(-3).is_i64())
        self.assertFalse(num(-3).is_u64())
        self.assertEqual(num(-3).as_i64(), -3)
        self.assertEqual(num(7).as_u64(), 7)
        self.assertEqual(num(7).as_f64(), 7.0)
        f = Value.Number(Number.from_f64(0.5))
        self.assertTrue(f.is_f64())
        self.assertIsNone(f.as_i64())
        self.assertIsInstance(num(1).as_number(), Number)

    def test_bool_and_null(self):
        self.assertTrue(Value.Bool(False).is_boolean())
        self.assertIs(Value.Bool(False).as_bool(), False)
        self.assertIsNone(num(1).as_bool())
        self.assertTrue(Value.Null().is_null())
        self.assertFalse(Value.Bool(False).is_null())

    def test_array(self):
        v = Value.Array([num(1), Value.String("two")])
        self.assertTrue(v.is_array())
        items = v.as_array()
        self.assertEqual(len(items), 2)
        self.assertEqual(items[1].as_str(), "two")
        self.assertIsNone(Value.Null().as_array())
        # `Option<&Vec<Value>>` is a sequence view of the vector inside `v`:
        # its items are read-only views in place, and `v` is borrowed meanwhile.
        self.assertEqual(v.as_array()[0].as_i64(), 1)
        self.assertEqual(v.as_array()[-1].as_str(), "two")
        self.assertEqual([x.is_string() for x in items], [False, True])
        with self.assertRaises(IndexError):
            items[2]
        with self.assertRaisesRegex(RuntimeError, "Value object is borrowed by a live view"):
            v.take()
        del items
        # `as_array_mut` (`Option<&mut Vec<Value>>`): items written in place.
        with v.as_array_mut() as items:
            with items[0] as first:
                first.take()
            self.assertTrue(items[0].is_null())
        self.assertEqual(str(v), '[null,"two"]')
        self.assertEqual(v.take().as_array()[1].as_str(), "two")
        self.assertTrue(v.is_null())

    def test_object(self):
        m = Map()
        m.insert("k", Value.String("v"))
        v = Value.Object(m)
        obj = v.as_object()
        self.assertIsInstance(obj, Map)
        self.assertEqual(obj.len(), 1)
        self.assertIsNone(Value.Null().as_object())
        # `Option<&Map<String, Value>>` is a read-only view of the map inside `v`.
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            obj.insert("z", Value.Null())
        with self.assertRaisesRegex(RuntimeError, "Value object is borrowed by a live view"):
            v.take()
        del obj
        # `as_object_mut` is a writable view: the change is `v`'s.
        with v.as_object_mut() as obj:
            obj.insert("z", Value.Null())
        self.assertEqual(v.as_object().len(), 2)
        self.assertEqual(str(v), '{"k":"v","z":null}')

    def test_pointer_mut(self):
        m = Map()
        m.insert("a", num(2))
        v = Value.Array([Value.Object(m)])
        slot = v.pointer_mut("/0/a")
        self.assertEqual(slot.take(), num(2))
        del slot
        self.assertEqual(str(v), '[{"a":null}]')
        self.assertIsNone(v.pointer_mut("/9"))

    def test_pointer(self):
        m = Map()
        m.insert("a", num(2))
        v = Value.Array([Value.Bool(True), Value.Object(m)])
        self.assertEqual(v.pointer("/1/a").as_i64(), 2)
        self.assertIs(v.pointer("/0").as_bool(), True)
        self.assertIsNone(v.pointer("/5"))
        self.assertIsNone(v.pointer("/1/b"))
        self.assertEqual(str(v.pointer("")), '[true,{"a":2}]')

    def test_take(self):
        v = Value.String("x")
        taken = v.take()
        self.assertEqual(taken, Value.String("x"))
        self.assertTrue(v.is_null())

    def test_sort_all_objects(self):
        m = Map()
        m.insert("b", num(1))
        m.insert("a", num(2))
        v = Value.Object(m)
        self.assertIsNone(v.sort_all_objects())
        self.assertEqual(str(v), '{"a":2,"b":1}')


class TestValueCompare(unittest.TestCase):
    def test_equality(self):
        self.assertEqual(Value.String("x"), Value.String("x"))
        self.assertNotEqual(Value.String("x"), Value.String("y"))
        self.assertNotEqual(Value.Null(), Value.Bool(False))
        self.assertEqual(Value.Array([num(1)]), Value.Array([num(1)]))

    def test_hash(self):
        self.assertEqual(hash(Value.String("x")), hash(Value.String("x")))
        self.assertEqual(len({Value.String("x"), Value.String("x"), Value.Null()}), 2)

    def test_unordered(self):
        with self.assertRaises(TypeError):
            Value.Null() < Value.Null()


class TestNumber(unittest.TestCase):
    def test_from_f64(self):
        n = Number.from_f64(2.5)
        self.assertIs(type(n), Number)
        self.assertEqual(str(n), "2.5")
        self.assertEqual(repr(n), "Number(2.5)")
        self.assertEqual(str(Number.from_f64(1.0)), "1.0")
        self.assertIsNone(Number.from_f64(float("nan")))
        self.assertIsNone(Number.from_f64(float("inf")))

    def test_from_integers(self):
        self.assertEqual(str(Number.from_i128(-7)), "-7")
        self.assertEqual(Number.from_u128(2**64 - 1).as_u64(), 2**64 - 1)
        # Without `arbitrary_precision`, a Number holds at most a u64 or i64.
        self.assertIsNone(Number.from_i128(2**64))
        self.assertEqual(Number.from_i128(-(2**63)).as_i64(), -(2**63))
        with self.assertRaises(OverflowError):
            Number.from_i128(2**127)

    def test_predicates_and_conversions(self):
        n = Number.from_i128(5)
        self.assertTrue(n.is_i64())
        self.assertTrue(n.is_u64())
        self.assertFalse(n.is_f64())
        self.assertEqual(n.as_i64(), 5)
        self.assertEqual(n.as_f64(), 5.0)
        self.assertEqual(n.as_i128(), 5)
        self.assertEqual(n.as_u128(), 5)
        self.assertIsNone(Number.from_i128(-1).as_u64())
        self.assertIsNone(Number.from_f64(0.5).as_i128())

    def test_equality_and_hash(self):
        self.assertEqual(Number.from_i128(3), Number.from_u128(3))
        self.assertEqual(hash(Number.from_f64(0.5)), hash(Number.from_f64(0.5)))


class TestMap(unittest.TestCase):
    def test_new_insert_len(self):
        m = Map()
        self.assertTrue(m.is_empty())
        self.assertIsNone(m.insert("b", Value.Bool(True)))
        old = m.insert("b", Value.Bool(False))
        self.assertEqual(old, Value.Bool(True))
        self.assertEqual(m.len(), 1)
        self.assertFalse(m.is_empty())

    def test_with_capacity_and_clear(self):
        m = Map.with_capacity(4)
        m.insert("a", Value.Null())
        m.clear()
        self.assertEqual(m.len(), 0)

    def test_append_moves_entries(self):
        a = Map()
        a.insert("x", num(1))
        b = Map()
        b.insert("y", num(2))
        a.append(b)
        self.assertEqual(a.len(), 2)
        self.assertEqual(b.len(), 0)
        self.assertEqual(str(Value.Object(a)), '{"x":1,"y":2}')

    def test_debug_and_equality(self):
        m = Map()
        m.insert("a", num(2))
        self.assertEqual(repr(m), '{"a": Number(2)}')
        n = Map()
        n.insert("a", num(2))
        self.assertEqual(m, n)

    def test_values_are_views(self):
        # `Map::values` gives `map::Values<'a>`, an iterator of `&'a Value`:
        # its items are views into the map, not copies.
        m = Map()
        m.insert("a", num(1))
        m.insert("b", serde_json.from_str_value("[2, 3]"))
        self.assertEqual([str(x) for x in reversed(m.values())], ["[2,3]", "1"])
        items = list(m.values())
        self.assertEqual([str(x) for x in items], ["1", "[2,3]"])
        self.assertEqual(items[1].as_array()[1], num(3))
        with self.assertRaisesRegex(RuntimeError, "Map object is borrowed by a live view"):
            m.clear()
        del items
        m.clear()
        self.assertTrue(m.is_empty())

    def test_values_mut_write_the_map_in_place(self):
        # `Map::values_mut` gives `map::ValuesMut<'a>`, an iterator of
        # `&'a mut Value`: its items are writable views into the map.
        m = Map()
        m.insert("a", num(1))
        m.insert("b", serde_json.from_str_value("[2, 3]"))
        it = m.values_mut()
        first = next(it)
        with self.assertRaisesRegex(RuntimeError, "Map object is borrowed by a live view"):
            m.len()
        taken = [first.take()] + [x.take() for x in it]
        self.assertEqual([str(x) for x in taken], ["1", "[2,3]"])
        del it
        # The item still points into the map, which it keeps borrowed.
        with self.assertRaisesRegex(RuntimeError, "Map object is borrowed by a live view"):
            m.len()
        self.assertEqual(str(first), "null")
        del first
        self.assertEqual(str(Value.Object(m)), '{"a":null,"b":null}')

    def test_values_of_a_view_hold_the_whole_chain(self):
        v = serde_json.from_str_value('{"a": 1, "b": [2, 3]}')
        obj = v.as_object()
        first = next(obj.values())
        del obj
        # The item keeps the map view, which keeps `v` borrowed.
        with self.assertRaisesRegex(RuntimeError, "Value object is borrowed by a live view"):
            v.take()
        self.assertEqual(first, num(1))
        del first
        self.assertEqual(str(v.take()), '{"a":1,"b":[2,3]}')

    def test_wrong_types(self):
        m = Map()
        with self.assertRaises(TypeError):
            m.insert(1, Value.Null())
        with self.assertRaises(TypeError):
            m.insert("a", 1)


class TestParseAndWrite(unittest.TestCase):
    """serde_json's everyday use: JSON text to a Value and back."""

    def test_from_str(self):
        v = serde_json.from_str_value('{"a": [1, 2.5, "x", null, true]}')
        self.assertIsInstance(v, Value)
        self.assertTrue(v.is_object())
        self.assertEqual(str(v), '{"a":[1,2.5,"x",null,true]}')
        self.assertEqual(v.pointer("/a/2").as_str(), "x")
        self.assertEqual(serde_json.from_slice_value(b"[1,2]"), Value.Array([num(1), num(2)]))

    def test_bad_json_raises_the_crate_error(self):
        with self.assertRaises(serde_json.Error) as cm:
            serde_json.from_str_value('{"a": }')
        self.assertIn("expected value", str(cm.exception))
        self.assertIn("line 1", str(cm.exception))

    def test_to_string(self):
        v = Value.Array([num(1), Value.String("é"), Value.Null()])
        self.assertEqual(serde_json.to_string_value(v), '[1,"é",null]')
        self.assertEqual(serde_json.to_string_pretty_value(Value.Array([num(1)])), "[\n  1\n]")
        self.assertEqual(serde_json.to_vec_value(v), '[1,"é",null]'.encode())

    def test_round_trip(self):
        # Keys come out sorted: without `preserve_order`, a Map is a BTreeMap.
        text = '{"k":{"f":0.5,"l":[false],"n":-3,"s":"t"}}'
        self.assertEqual(serde_json.to_string_value(serde_json.from_str_value(text)), text)

    def test_number(self):
        self.assertEqual(serde_json.from_str_number("12").as_i64(), 12)
        self.assertEqual(serde_json.to_string_number(Number.from_f64(1.5)), "1.5")


class TestEverydayUse(unittest.TestCase):
    """The crate's documented everyday use: parse text into a `Value`, index
    into it with `get` (a key or a position), read the leaves, write it back."""

    TEXT = '{"name": "John Doe", "age": 43, "phones": ["+44 1234567", "+44 2345678"], "spouse": null}'

    def test_parse_index_and_read(self):
        v = serde_json.from_str_value(self.TEXT)
        self.assertEqual(v.get("name").as_str(), "John Doe")
        self.assertEqual(v.get("age").as_i64(), 43)
        self.assertTrue(v.get("spouse").is_null())
        phones = v.get("phones")
        self.assertTrue(phones.is_array())
        self.assertEqual(phones.get(0).as_str(), "+44 1234567")
        self.assertEqual(phones.get(1).as_str(), "+44 2345678")
        self.assertEqual(serde_json.to_string_value(v.get("age")), "43")
        self.assertEqual(str(phones), '["+44 1234567","+44 2345678"]')

    def test_get_misses_are_none(self):
        # The crate's documented misses: a key of an array, a position of an
        # object, an absent key, a position past the end.
        v = serde_json.from_str_value(self.TEXT)
        phones = v.get("phones")
        self.assertIsNone(phones.get("name"))
        self.assertIsNone(v.get(0))
        self.assertIsNone(v.get("nope"))
        self.assertIsNone(phones.get(2))
        self.assertIsNone(v.get("age").get(0))

    def test_get_takes_int_or_str(self):
        v = serde_json.from_str_value("[10, 20]")
        self.assertEqual(v.get(index=1).as_i64(), 20)
        with self.assertRaises(TypeError) as cm:
            v.get(1.5)
        self.assertIn("must be str, not float", str(cm.exception))
        self.assertIn("must be int, not float", str(cm.exception))
        with self.assertRaises(OverflowError):
            v.get(-1)

    def test_get_is_a_view_of_the_value(self):
        # `Option<&Value>`: a view reading the value in place, holding a shared
        # borrow of its owner while it lives (MAPPING: Borrowed results).
        v = serde_json.from_str_value(self.TEXT)
        age = v.get("age")
        self.assertIsInstance(age, Value.Number)
        self.assertEqual(age, num(43))
        with self.assertRaisesRegex(RuntimeError, "Value object is borrowed by a live view"):
            v.take()
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            age.take()
        del age
        # A view keeps its owner alive.
        phones = serde_json.from_str_value(self.TEXT).get("phones")
        self.assertEqual(phones.get(1).as_str(), "+44 2345678")

    def test_get_mut_writes_in_place(self):
        v = serde_json.from_str_value(self.TEXT)
        with v.get_mut("phones") as phones:
            with phones.get_mut(0) as first:
                first.take()
        self.assertEqual(
            serde_json.to_string_value(v),
            '{"age":43,"name":"John Doe","phones":[null,"+44 2345678"],"spouse":null}',
        )
        self.assertIsNone(v.get_mut("nope"))

    def test_square_brackets(self):
        # `impl<I: Index> ops::Index<I> for Value`: a miss is `Null`, as in Rust.
        v = serde_json.from_str_value(self.TEXT)
        self.assertEqual(v["name"].as_str(), "John Doe")
        self.assertEqual(v["phones"][1].as_str(), "+44 2345678")
        self.assertTrue(v["nope"].is_null())
        self.assertTrue(v["phones"][7].is_null())
        self.assertTrue(v[0]["x"].is_null())
        with self.assertRaises(TypeError):
            v[1.5]
        # `IndexMut` writes in place; a new key is inserted, as in Rust.
        with v.index_mut_string("spouse") as spouse:
            self.assertTrue(spouse.is_null())
        with v.index_mut_string("pets") as pets:
            self.assertTrue(pets.is_null())
        self.assertTrue(v.get("pets").is_null())

    def test_as_array_of_a_parsed_value(self):
        v = serde_json.from_str_value('{"xs": [1, "a", null]}')
        xs = v.get("xs").as_array()
        self.assertEqual([x.is_null() for x in xs], [False, False, True])
        self.assertEqual(xs[0].as_i64(), 1)
        self.assertEqual(xs[1].as_str(), "a")
        self.assertIsNone(v.as_array())


class TestPickle(unittest.TestCase):
    def test_value_round_trips(self):
        v = serde_json.from_str_value(
            '{"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "big": 18446744073709551615}'
        )
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            with self.subTest(protocol=proto):
                back = pickle.loads(pickle.dumps(v, proto))
                self.assertIsInstance(back, Value.Object)
                self.assertEqual(back, v)
                self.assertEqual(str(back), str(v))

    def test_number_and_map(self):
        n = Number.from_f64(2.5)
        self.assertEqual(pickle.loads(pickle.dumps(n)), n)
        m = Map()
        m.insert("k", Value.Array([num(1), Value.Null()]))
        self.assertEqual(pickle.loads(pickle.dumps(m)), m)
        self.assertEqual(copy.deepcopy(m), m)

    def test_error_pickles_as_an_exception(self):
        # No serde: an exception pickles as Python's do, by its type and message.
        try:
            serde_json.from_str_value("{")
        except serde_json.Error as e:
            err = e
        back = pickle.loads(pickle.dumps(err))
        self.assertIs(type(back), serde_json.Error)
        self.assertEqual(str(back), str(err))


if __name__ == "__main__":
    unittest.main()
