"""serde_json from crates.io, bound unedited: its `Value` and `Number` as Python classes.

`serde_json.from_str` and `serde_json.to_string` are generic over serde's
traits; they are listed as skipped until an instantiation names the type
(`from_str::<Value>`), so this checks `Value` built from Python and written
as JSON text through its `Display` (which is `to_string`).
"""

import unittest

import serde_json as sj

V = sj.Value


class TestValue(unittest.TestCase):
    def test_scalars_display_as_json(self):
        self.assertEqual(str(V.String("hi")), '"hi"')
        self.assertEqual(str(V.Bool(True)), "true")
        self.assertEqual(str(V.Null()), "null")
        self.assertEqual(str(V.Number(sj.Number.from_i128(3))), "3")

    def test_nested_values(self):
        a = V.Array([V.Bool(False), V.Null(), V.String("x")])
        self.assertEqual(str(a), '[false,null,"x"]')
        m = sj.MapStringValue()
        m.insert("k", a)
        m.insert("n", V.Number(sj.Number.from_f64(2.5)))
        self.assertEqual(m.len(), 2)
        self.assertEqual(str(V.Object(m)), '{"k":[false,null,"x"],"n":2.5}')

    def test_inspection(self):
        v = V.String("hi")
        self.assertTrue(v.is_string())
        self.assertEqual(v.as_str(), "hi")
        self.assertIsNone(v.as_i64())
        n = V.Number(sj.Number.from_i128(-7))
        self.assertTrue(n.is_i64())
        self.assertEqual(n.as_i64(), -7)
        self.assertEqual(V.Array([]).as_array(), [])
        self.assertTrue(V.Null().is_null())

    def test_match_on_variants(self):
        match V.Bool(True):
            case V.Bool(b):
                self.assertTrue(b)
            case _:
                self.fail("not matched")

    def test_number(self):
        self.assertIsNone(sj.Number.from_f64(float("nan")))
        self.assertEqual(sj.Number.from_f64(0.5).as_f64(), 0.5)
        self.assertTrue(sj.Number.from_i128(1).is_u64())


if __name__ == "__main__":
    unittest.main()
