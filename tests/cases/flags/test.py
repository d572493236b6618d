"""Flags: a `bitflags!`-made type, its macro-made methods and consts."""

import unittest

import flags

P = flags.Permissions


class TestBitflags(unittest.TestCase):
    def test_consts_and_bits(self):
        self.assertEqual(P.READ.bits(), 1)
        self.assertEqual(P.EXECUTE.bits(), 4)
        self.assertEqual(flags.read_write().bits(), 3)

    def test_macro_made_methods(self):
        rw = flags.read_write()
        self.assertTrue(rw.contains(P.READ))
        self.assertFalse(rw.contains(P.EXECUTE))
        self.assertEqual(rw.union(P.EXECUTE), P.all())
        self.assertEqual(rw.difference(P.WRITE), P.READ)
        self.assertTrue(P.empty().is_empty())
        self.assertEqual(P.from_bits(5), P.READ.union(P.EXECUTE))
        self.assertIsNone(P.from_bits(8))
        self.assertEqual(P.from_bits_truncate(9), P.READ)
        self.assertEqual(P.from_name("WRITE"), P.WRITE)

    def test_in_place_methods(self):
        p = P.empty()
        p.insert(P.WRITE)
        self.assertTrue(flags.can_write(p))
        p.remove(P.WRITE)
        self.assertFalse(flags.can_write(p))

    def test_derived_protocols(self):
        self.assertEqual(hash(P.READ), hash(P.from_bits(1)))
        self.assertIn("READ", repr(P.READ))


if __name__ == "__main__":
    unittest.main()
