"""Values stored in their Python objects (`Clone` structs): no `Box`, and
every path that reads or writes the value, views into it included, sees the
object's own bytes; a value with a `Drop` is dropped there exactly once."""

import copy
import gc
import sys
import unittest

import inline_values as t

WORD = 8 if sys.maxsize > 2**32 else 4


def inside(obj, address):
    """Whether address lies within obj's own memory (id is its address)."""
    return id(obj) <= address < id(obj) + sys.getsizeof(obj)


class StoredInTheObject(unittest.TestCase):
    def test_the_value_is_in_the_object(self):
        p = t.Pt(1, 2)
        self.assertTrue(inside(p, p.address()))
        s = t.Seg(t.Pt(1, 2), t.Pt(3, 4))
        self.assertTrue(inside(s, s.address()))
        if WORD == 8:
            # Header and slot (two words each), then the value: 16 bytes of Pt,
            # 48 of Seg.
            self.assertEqual(s.address() - id(s), 32)
            self.assertEqual(sys.getsizeof(s), 32 + 48)
            self.assertEqual(sys.getsizeof(p), 32 + 16)

    def test_results_are_stored_in_their_objects(self):
        a, b = t.Pt(1, 2), t.Pt(10, 20)
        for r in (a + b, a.shifted(1), copy.copy(a), copy.deepcopy(a)):
            self.assertTrue(inside(r, r.address()))
        self.assertEqual(a + b, t.Pt(11, 22))
        self.assertEqual(t.edit_all([a, b], lambda p: None), [a, b])

    def test_methods_and_fields_change_the_objects_value(self):
        p = t.Pt(1, 2)
        p.shift(4)
        p.y = 7
        self.assertEqual((p.x, p.y), (5, 7))

    def test_by_value_uses_copy(self):
        p = t.Pt(1, 2)
        self.assertEqual(t.x_of(p), 1)
        self.assertEqual(p.shifted(5), t.Pt(6, 2))
        self.assertEqual(p, t.Pt(1, 2))
        q = copy.copy(p)
        q.shift(1)
        self.assertEqual((p.x, q.x), (1, 2))

    def test_many_objects_come_and_go(self):
        # The free list hands objects back with their slot cleared; views
        # of Pt (larger objects of the same class) come and go between them.
        views = []
        for i in range(200):
            views.append(t.Seg(t.Pt(i, 0), t.Pt(0, 0)).start())
            p = t.Pt(i, -i)
            self.assertEqual((p.x, p.y), (i, -i))
            del p
        gc.collect()
        self.assertEqual([v.x for v in views], list(range(200)))


class Views(unittest.TestCase):
    def test_a_view_points_into_the_owner_object(self):
        s = t.Seg(t.Pt(1, 2), t.Pt(3, 4))
        v = s.start()
        self.assertEqual(v.address(), s.address())
        self.assertTrue(inside(s, v.address()))
        self.assertEqual(v, t.Pt(1, 2))

    def test_a_mutable_view_writes_the_owners_value(self):
        s = t.Seg(t.Pt(1, 2), t.Pt(3, 4))
        with s.end_mut() as e:
            e.shift(10)
            e.y = 40
            with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
                s.total()
        self.assertEqual(s.total(), 1 + 2 + 13 + 40)

    def test_a_view_keeps_its_owner_object(self):
        v = t.Seg(t.Pt(7, 8), t.Pt(0, 0)).start()
        gc.collect()
        junk = [t.Seg(t.Pt(i, i), t.Pt(i, i)) for i in range(100)]
        self.assertEqual((v.x, v.y), (7, 8))
        del junk

    def test_a_sequence_view_points_into_the_owner_object(self):
        s = t.Seg(t.Pt(1, 2), t.Pt(3, 4))
        pts = s.points()
        self.assertEqual([(p.x, p.y) for p in pts], [(1, 2), (3, 4), (0, 0)])
        self.assertEqual(pts[0].address(), s.address())
        self.assertEqual(pts[2].address(), s.address() + 2 * (pts[1].address() - pts[0].address()))
        first = pts[0]
        del s, pts
        gc.collect()
        self.assertEqual(first.x, 1)

    def test_a_copy_of_a_view_is_stored_in_its_own_object(self):
        s = t.Seg(t.Pt(1, 2), t.Pt(3, 4))
        c = copy.copy(s.start())
        self.assertTrue(inside(c, c.address()))
        c.shift(1)
        self.assertEqual(s.start().x, 1)


class Lent(unittest.TestCase):
    def test_a_lent_value_is_rusts_own(self):
        seen = []

        def f(p):
            seen.append(p)
            self.assertFalse(inside(p, p.address()))  # Rust's Vec item, not a copy
            p.shift(100)

        self.assertEqual(t.edit_all([t.Pt(1, 2), t.Pt(3, 4)], f), [t.Pt(101, 2), t.Pt(103, 4)])
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            seen[0].x


class Pinned(unittest.TestCase):
    def test_a_pinned_value_lives_with_the_program(self):
        before = t.kept_total()
        p = t.Pt(5, 0)
        t.keep(p)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            p.shift(1)
        del p
        gc.collect()
        junk = [t.Pt(i, i) for i in range(1000)]
        self.assertEqual(t.kept_total(), before + 5)
        del junk


class Boxed(unittest.TestCase):
    def test_zero_sized(self):
        n = t.Nothing()
        self.assertEqual(n.name(), "nothing")
        self.assertEqual(n.again().name(), "nothing")
        self.assertEqual(copy.copy(n), t.Nothing())
        if WORD == 8:
            self.assertEqual(sys.getsizeof(n), 32)

    def test_over_aligned(self):
        w = t.Wide(3)
        self.assertTrue(w.aligned())
        self.assertEqual(w.v, 3)
        self.assertTrue(copy.copy(w).aligned())
        more = w.plus(4)
        self.assertEqual(more.v, 7)
        self.assertTrue(more.aligned())
        if WORD == 8:
            self.assertEqual(sys.getsizeof(w), 32)  # header and slot: the value is boxed


class LargerThanTheRoom(unittest.TestCase):
    def test_result_moves_in_from_its_box(self):
        b = t.Big.filled(3)
        self.assertEqual(b.sum(), 27)
        self.assertEqual(b.i, 3)
        # Stored in the object, after the header and the slot.
        self.assertTrue(inside(b, b.address()))
        self.assertEqual([t.Big.filled(k).sum() for k in range(100)], [9 * k for k in range(100)])


class NotCopy(unittest.TestCase):
    """`Clone` values that are not `Copy` (a `String` inside, a `Drop`)."""

    def setUp(self):
        gc.collect()
        self.before = t.drops()

    def dropped(self):
        gc.collect()
        return t.drops() - self.before

    def test_stored_in_the_object(self):
        a = t.Tracked(1, "a")
        self.assertTrue(inside(a, a.address()))
        b = a.next()
        self.assertTrue(inside(b, b.address()))
        self.assertEqual((b.id, b.label), (2, "a+"))
        h = t.Heavy.named("h")
        self.assertTrue(inside(h, h.address()))
        r = h.renamed("r")
        self.assertTrue(inside(r, r.address()))
        self.assertEqual((r.name, r.total()), ("r", 77))
        self.assertEqual(h.name, "h")

    def test_each_value_is_dropped_once(self):
        objs = [t.Tracked(i, "x" * i) for i in range(50)]
        objs += [o.next() for o in objs]
        self.assertEqual(self.dropped(), 0)
        self.assertEqual([o.label for o in objs[50:53]], ["+", "x+", "xx+"])
        del objs
        self.assertEqual(self.dropped(), 100)

    def test_heavy_values_are_dropped_once(self):
        h = t.Heavy.named("h")
        rs = [h.renamed(str(i)) for i in range(20)]
        self.assertEqual([r.name for r in rs[:3]], ["0", "1", "2"])
        del h, rs
        self.assertEqual(self.dropped(), 21)

    def test_many_objects_come_and_go(self):
        # The free list hands the same objects back again and again.
        for i in range(500):
            self.assertEqual(t.Tracked(i, str(i)).next().label, f"{i}+")
        self.assertEqual(self.dropped(), 1000)

    def test_by_value_is_a_clone(self):
        a = t.Tracked(1, "mine")
        self.assertEqual(t.label_of(a), "mine")
        self.assertEqual(a.into_label(), "mine")
        self.assertEqual(self.dropped(), 2)  # the two clones, in Rust
        a.relabel("still mine")
        self.assertEqual(a.label, "still mine")
        c = copy.copy(a)
        c.relabel("copy")
        self.assertEqual((a.label, c.label), ("still mine", "copy"))
        del a, c
        self.assertEqual(self.dropped(), 4)

    def test_fields_are_read_and_written_in_place(self):
        a = t.Tracked(1, "a")
        a.label = "b" * 100
        a.id = 7
        self.assertEqual((a.id, a.label), (7, "b" * 100))
        del a
        self.assertEqual(self.dropped(), 1)

    def test_a_view_points_into_its_holders_object(self):
        inner = t.Tracked(5, "in")
        h = t.Holder(inner)
        self.assertEqual(self.dropped(), 0)  # a clone moved into the holder
        v = h.inner_mut()
        self.assertTrue(inside(h, v.address()))
        v.relabel("changed")
        del v
        self.assertEqual((h.label(), inner.label), ("changed", "in"))
        v = t.Holder(t.Tracked(1, "kept")).inner_mut()
        junk = [t.Tracked(i, "junk") for i in range(100)]
        self.assertEqual(v.label, "kept")
        del junk
        dropped = self.dropped()
        del v
        self.assertEqual(self.dropped(), dropped + 1)  # the holder's value, once

    def test_a_panicking_drop_is_contained(self):
        a = t.Tracked(1, "panic")
        del a
        self.assertEqual(self.dropped(), 1)
        self.assertEqual(t.Tracked(2, "fine").next().id, 3)


class CheckedBorrows(unittest.TestCase):
    """Calls that run no Python code only check their object's borrow; those
    that pass a callable take it, and the checks see it."""

    def test_a_check_sees_an_exclusive_borrow(self):
        p = t.Pt(1, 2)
        with self.assertRaisesRegex(RuntimeError, "borrow"):
            p.visit(lambda x: p.shift(1))
        with self.assertRaisesRegex(RuntimeError, "borrow"):
            p.visit(lambda x: p.x)
        self.assertEqual(p.x, 1)  # visit did not finish either time
        seen = []
        p.visit(seen.append)
        self.assertEqual((seen, p.x), ([1], 2))

    def test_a_check_sees_a_shared_borrow(self):
        p = t.Pt(1, 2)
        seen = []
        p.peek(lambda x: seen.append((x, p.x, p.address() != 0)))
        self.assertEqual(seen, [(1, 1, True)])
        with self.assertRaisesRegex(RuntimeError, "borrow"):
            p.peek(lambda x: p.shift(1))
        p.shift(1)
        self.assertEqual(p.x, 2)


class Constructors(unittest.TestCase):
    def test_each_kind_of_constructor_stores_the_value_in_the_object(self):
        n = t.Named("x", 3)
        self.assertTrue(inside(n, n.address()))
        self.assertEqual((n.name, n.rank), ("x", 3))
        s = t.Settings()
        self.assertTrue(inside(s, s.address()))
        self.assertEqual((s.level(), s.tag("a"), s.tag("b")), (0, 1, 2))
        tr = t.Tracked(4, "t")
        self.assertTrue(inside(tr, tr.address()))
        named = [t.Named(str(i), i) for i in range(300)]
        self.assertEqual([(x.name, x.rank) for x in named[::100]], [("0", 0), ("100", 100), ("200", 200)])


if __name__ == "__main__":
    unittest.main()
