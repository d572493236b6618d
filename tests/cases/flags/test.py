"""Flags: types made by the `bitflags!` macro (bitflags 2.13.2). The struct, its
constants and its methods (`empty`, `all`, `bits`, `from_bits`, `contains`,
`insert`, `union`, ...) exist only in the macro's expansion; the crate's
functions and struct use them.

Not tested here (they depend on the traits issue, not on this one):
- operators from bitflags' `BitOr`/`BitAnd`/`BitXor`/`Sub`/`Not` impls and their
  `*Assign` forms: `READ | WRITE`, `p & q`, `p ^ q`, `p - q`, `~p`, `p |= q`;
- `iter()`/`iter_names()` (they return bitflags' generic `Iter<Self>` types) and
  `IntoIterator`/`Extend`/`FromIterator`;
- the methods of the `bitflags::Flags` trait impl that are not also inherent;
- `Binary`/`Octal`/`LowerHex`/`UpperHex` formatting.
Class attributes (`Permissions.READ`) are never changed in place here: the tests
mutate only values they made.
"""

import copy
import unittest

import flags
from flags import File, Permissions, Style

P = Permissions


class TestShape(unittest.TestCase):
    def test_classes(self):
        for cls, name in ((Permissions, "Permissions"), (Style, "Style"), (File, "File")):
            with self.subTest(name=name):
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)
                self.assertEqual(cls.__module__, "flags")

    def test_doc(self):
        self.assertEqual(Permissions.__doc__, "What may be done with a file.")

    def test_macro_internals_not_bound(self):
        # bitflags' hidden internal type and private modules are not the crate's API.
        for name in ("InternalBitFlags", "__private", "bitflags"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(flags, name))


class TestConstants(unittest.TestCase):
    def test_flag_constants(self):
        for name, bits in (("READ", 1), ("WRITE", 2), ("EXECUTE", 4), ("READ_WRITE", 3)):
            with self.subTest(name=name):
                value = getattr(Permissions, name)
                self.assertIs(type(value), Permissions)
                self.assertEqual(value.bits(), bits)

    def test_u8_flags(self):
        self.assertEqual(Style.BOLD.bits(), 1)
        self.assertEqual(Style.UNDERLINE.bits(), 4)
        self.assertIs(type(Style.ITALIC.bits()), int)


class TestMacroMadeMethods(unittest.TestCase):
    def test_empty_and_all(self):
        self.assertEqual(P.empty().bits(), 0)
        self.assertTrue(P.empty().is_empty())
        self.assertEqual(P.all().bits(), 7)
        self.assertTrue(P.all().is_all())
        self.assertFalse(P.READ.is_all())

    def test_from_bits(self):
        self.assertEqual(P.from_bits(3), P.READ_WRITE)
        self.assertIsNone(P.from_bits(8))
        self.assertEqual(P.from_bits_truncate(15), P.all())
        self.assertEqual(P.from_bits_retain(9).bits(), 9)
        with self.assertRaises(OverflowError):
            P.from_bits(-1)
        with self.assertRaises(OverflowError):
            Style.from_bits(256)

    def test_from_name(self):
        self.assertEqual(P.from_name("WRITE"), P.WRITE)
        self.assertEqual(P.from_name("READ_WRITE"), P.READ_WRITE)
        self.assertIsNone(P.from_name("write"))
        self.assertIsNone(P.from_name(""))

    def test_contains_and_intersects(self):
        rw = P.READ_WRITE
        self.assertTrue(rw.contains(P.READ))
        self.assertFalse(rw.contains(P.EXECUTE))
        self.assertFalse(P.READ.contains(rw))
        self.assertTrue(rw.intersects(P.from_bits_retain(5)))
        self.assertFalse(P.READ.intersects(P.WRITE))

    def test_set_operations_by_value(self):
        self.assertEqual(P.READ.union(P.WRITE), P.READ_WRITE)
        self.assertEqual(P.READ_WRITE.intersection(P.from_bits_retain(6)), P.WRITE)
        self.assertEqual(P.all().difference(P.READ), P.from_bits_retain(6))
        self.assertEqual(P.READ_WRITE.symmetric_difference(P.from_bits_retain(6)), P.from_bits_retain(5))
        self.assertEqual(P.READ.complement(), P.from_bits_retain(6))

    def test_by_value_methods_leave_the_object_usable(self):
        # Permissions is Copy: a consumed receiver or argument is a clone.
        p = P.from_bits_retain(1)
        q = P.from_bits_retain(2)
        self.assertEqual(p.union(q).bits(), 3)
        self.assertEqual(p.bits(), 1)
        self.assertEqual(q.bits(), 2)

    def test_mutating_methods(self):
        p = P.empty()
        self.assertIsNone(p.insert(P.READ))
        self.assertEqual(p, P.READ)
        p.insert(P.EXECUTE)
        self.assertEqual(p.bits(), 5)
        p.remove(P.READ)
        self.assertEqual(p, P.EXECUTE)
        p.toggle(P.from_bits_retain(6))
        self.assertEqual(p, P.WRITE)
        p.set(P.READ, True)
        self.assertEqual(p, P.READ_WRITE)
        p.set(P.WRITE, False)
        self.assertEqual(p, P.READ)
        self.assertEqual(P.READ.bits(), 1)

    def test_wrong_types(self):
        with self.assertRaises(TypeError):
            P.READ.contains(1)
        with self.assertRaises(TypeError):
            P.READ.contains(Style.BOLD)


class TestDerivesAndDisplay(unittest.TestCase):
    def test_debug(self):
        self.assertEqual(repr(P.READ_WRITE), "Permissions(READ | WRITE)")
        self.assertEqual(repr(P.empty()), "Permissions(0x0)")
        self.assertEqual(repr(P.from_bits_retain(9)), "Permissions(READ | 0x8)")
        self.assertEqual(repr(Style.BOLD.union(Style.ITALIC)), "Style(BOLD | ITALIC)")

    def test_display_written_by_hand(self):
        self.assertEqual(str(P.READ_WRITE), "READ | WRITE")
        self.assertEqual(str(P.all()), "READ | WRITE | EXECUTE")
        self.assertEqual(str(P.empty()), "")

    def test_equality_order_hash(self):
        self.assertEqual(P.from_bits_retain(3), P.READ_WRITE)
        self.assertNotEqual(P.READ, P.WRITE)
        self.assertTrue(P.READ < P.WRITE)
        self.assertEqual(sorted([P.EXECUTE, P.READ, P.WRITE]), [P.READ, P.WRITE, P.EXECUTE])
        self.assertEqual(len({P.READ, P.from_bits_retain(1), P.WRITE}), 2)
        self.assertEqual(hash(Style.BOLD), hash(Style.from_bits_retain(1)))

    def test_unordered_type(self):
        # Style derives no PartialOrd.
        with self.assertRaises(TypeError):
            Style.BOLD < Style.ITALIC

    def test_copy(self):
        p = P.from_bits_retain(1)
        c = copy.copy(p)
        c.insert(P.WRITE)
        self.assertEqual(p, P.READ)
        self.assertEqual(c, P.READ_WRITE)


class TestCrateFunctions(unittest.TestCase):
    def test_default_permissions(self):
        self.assertEqual(flags.default_permissions(), P.READ_WRITE)

    def test_can_write(self):
        self.assertTrue(flags.can_write(P.READ_WRITE))
        self.assertFalse(flags.can_write(P.READ))
        self.assertFalse(flags.can_write(p=P.empty()))

    def test_mode_string(self):
        self.assertEqual(flags.mode_string(P.all()), "rwx")
        self.assertEqual(flags.mode_string(P.READ), "r--")
        self.assertEqual(flags.mode_string(P.empty()), "---")

    def test_parse_mode(self):
        self.assertEqual(flags.parse_mode("rw-"), P.READ_WRITE)
        self.assertEqual(flags.parse_mode("--x"), P.EXECUTE)
        self.assertEqual(flags.parse_mode("---"), P.empty())
        self.assertIsNone(flags.parse_mode("rwz"))
        self.assertIsNone(flags.parse_mode("rw"))

    def test_style_of(self):
        self.assertEqual(flags.style_of("***"), Style.BOLD.union(Style.ITALIC))
        self.assertEqual(flags.style_of("_"), Style.UNDERLINE)
        self.assertTrue(flags.style_of("?").is_empty())


class TestFile(unittest.TestCase):
    def test_new(self):
        f = File("notes.txt")
        self.assertEqual(f.name, "notes.txt")
        self.assertEqual(f.permissions, P.READ_WRITE)
        self.assertFalse(f.is_executable())

    def test_grant_and_revoke(self):
        f = File("run.sh")
        f.grant(P.EXECUTE)
        self.assertTrue(f.is_executable())
        self.assertEqual(f.permissions, P.all())
        f.revoke(P.WRITE)
        self.assertEqual(flags.mode_string(f.permissions), "r-x")

    def test_field_assignment(self):
        f = File("a")
        f.permissions = P.EXECUTE
        self.assertTrue(f.is_executable())
        with self.assertRaises(TypeError):
            f.permissions = 4

    def test_debug(self):
        self.assertEqual(repr(File("a")), 'File { name: "a", permissions: Permissions(READ | WRITE) }')


if __name__ == "__main__":
    unittest.main()
