"""Items of borrowing iterators are views (MAPPING: Borrowed results): an
`impl Iterator<Item = &T>`, an `impl Iterator<Item = &mut T>` and an iterator
struct of the crate with `Item = &'a T` hand out objects of T's class that
read (and for `&mut T` write) the owner's value in place, keep the owner alive
and hold its borrow. `Entry` is not Clone: no copy could be made."""

import gc
import resource
import sys
import unittest

import iterator_views as iv


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def registry(**entries):
    r = iv.Registry()
    for key, value in entries.items():
        r.insert(key, value)
    return r


class TestSharedItems(unittest.TestCase):
    def test_items_are_views_that_read_in_place(self):
        r = registry(a=1, b=2, c=3)
        items = list(r.values())
        self.assertEqual([type(e) for e in items], [iv.Entry] * 3)
        self.assertEqual([(e.key, e.value) for e in items], [("a", 1), ("b", 2), ("c", 3)])
        self.assertEqual([e.describe() for e in items], ["a=1", "b=2", "c=3"])
        self.assertEqual(items[1], iv.Entry("b", 2))

    def test_filtered_iterator(self):
        r = registry(a=1, b=5, c=3)
        self.assertEqual([e.key for e in r.at_least(3)], ["b", "c"])

    def test_owner_refuses_mutation_while_an_item_lives(self):
        r = registry(a=1, b=2)
        items = list(r.values())
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.insert("c", 3)
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.into_total()
        self.assertEqual(r.total(), 3)  # `&self` calls still work
        first = items[0]
        del items
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.insert("c", 3)
        del first
        r.insert("c", 3)
        self.assertEqual(r.total(), 6)

    def test_exhausted_iterator_frees_the_owner_unless_items_live(self):
        r = registry(a=1)
        it = r.values()
        self.assertEqual([e.key for e in it], ["a"])
        # The loop's last item is gone with the list comprehension's scope.
        r.insert("b", 2)
        self.assertEqual(r.len(), 2)

    def test_item_is_read_only(self):
        r = registry(a=1)
        e = next(r.values())
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            e.bump(1)

    def test_item_keeps_owner_alive(self):
        r = registry(a=1, b=2)
        e = next(r.values())
        del r
        gc.collect()
        self.assertEqual(e.describe(), "a=1")

    def test_item_cannot_be_moved_out(self):
        r = registry(a=1)
        for make in (r.values, r.iter_mut, r.iter):
            it = make()
            e = next(it)
            with self.assertRaisesRegex(RuntimeError, "Entry object is a view into another object and cannot be moved"):
                e.into_key()
            self.assertEqual(e.key, "a")
            del e, it

    def test_function_iterator_borrows_its_parameter(self):
        r = registry(xa=1, b=2, xc=3)
        self.assertEqual([e.key for e in iv.with_prefix(r, "x")], ["xa", "xc"])
        e = next(iv.with_prefix(r, "x"))
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.insert("q", 1)
        del r
        gc.collect()
        self.assertEqual(e.key, "xa")


class TestMutableItems(unittest.TestCase):
    def test_writes_are_visible_in_the_owner(self):
        r = registry(a=1, b=2, c=3)
        for e in r.iter_mut():
            e.bump(10)
        del e
        self.assertEqual(r.total(), 36)

    def test_distinct_items_coexist_and_hold_the_owner(self):
        r = registry(a=1, b=2)
        it = r.iter_mut()
        a = next(it)
        b = next(it)
        a.bump(100)
        b.bump(200)
        del it
        # The iterator is gone, but its exclusive borrow lives on in the items.
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.total()
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.values()
        # No second `&mut` view of an item can be made meanwhile.
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.iter_mut()
        del a
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            r.total()
        del b
        self.assertEqual(r.total(), 303)

    def test_collected_items(self):
        r = registry(a=1, b=2)
        items = list(r.iter_mut())
        self.assertEqual([e.describe() for e in items], ["a=1", "b=2"])
        items[1].bump(5)
        del items
        self.assertEqual(r.total(), 8)

    def test_one_iter_mut_at_a_time(self):
        r = registry(a=1)
        it = r.iter_mut()
        with self.assertRaisesRegex(RuntimeError, "Registry object is"):
            r.iter_mut()
        del it
        r.iter_mut()

    def test_item_keeps_owner_alive(self):
        r = registry(a=1)
        e = next(r.iter_mut())
        del r
        gc.collect()
        e.bump(2)
        self.assertEqual(e.value, 3)

    def test_with_ends_an_items_borrow(self):
        r = registry(a=1, b=2)
        it = r.iter_mut()
        with next(it) as a:
            a.bump(1)
        del it
        self.assertEqual(r.total(), 4)
        del a


class TestIteratorStructOfMutItems(unittest.TestCase):
    def test_items_write_the_owner_in_place(self):
        r = registry(a=1, b=2)
        it = r.entries_mut()
        self.assertIsInstance(it, iv.EntryIterMut)
        for e in it:
            self.assertIsInstance(e, iv.Entry)
            e.bump(10)
        del e, it
        self.assertEqual(r.total(), 23)

    def test_two_items_live_together(self):
        r = registry(a=1, b=2)
        a, b = r.entries_mut()
        a.bump(1)
        b.bump(2)
        self.assertEqual((a.describe(), b.describe()), ("a=2", "b=4"))

    def test_owner_stays_borrowed_until_the_iterator_and_its_items_are_gone(self):
        r = registry(a=1, b=2)
        it = r.entries_mut()
        e = next(it)
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.total()
        list(it)  # exhausted: the items still point into the registry
        del it
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.insert("c", 3)
        e.bump(5)
        del e
        self.assertEqual(r.total(), 8)
        r.insert("c", 3)

    def test_item_outlives_its_owner_reference(self):
        r = registry(a=1)
        e = next(r.entries_mut())
        del r
        gc.collect()
        e.bump(1)
        self.assertEqual(e.describe(), "a=2")

    def test_item_cannot_be_moved_out(self):
        r = registry(a=1)
        e = next(r.entries_mut())
        with self.assertRaisesRegex(RuntimeError, "Entry object is a view into another object"):
            e.into_key()
        del e
        self.assertEqual(r.total(), 1)

    def test_iterator_moved_into_a_call_keeps_its_items_valid(self):
        r = registry(a=1, b=2, c=3)
        it = r.entries_mut()
        first = next(it)
        self.assertEqual(iv.count_left(it), 2)
        with self.assertRaisesRegex(ValueError, "moved"):
            next(it)
        del it
        # The Rust iterator is gone; its `&'a mut` item still borrows the registry.
        first.bump(100)
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.total()
        del first
        self.assertEqual(r.total(), 106)

    def test_reversed_items_write_in_place(self):
        r = registry(a=1, b=2, c=3)
        it = r.entries_mut()
        next(it).bump(1)
        for e in reversed(it):
            e.bump(10)
        del e, it
        self.assertEqual(r.total(), 2 + 12 + 13)

    def test_loops_of_items_release_every_borrow(self):
        r = registry(**{f"k{i}": i for i in range(10)})
        for _ in range(2000):
            for e in r.entries_mut():
                e.bump(1)
            # The loop's variable keeps the last item, and with it the borrow.
            del e
        self.assertEqual(r.total(), sum(range(10)) + 20000)


class TestIteratorStruct(unittest.TestCase):
    def test_items_are_views(self):
        r = registry(a=1, b=2)
        it = r.iter()
        self.assertIsInstance(it, iv.EntryIter)
        items = list(it)
        self.assertEqual([e.describe() for e in items], ["a=1", "b=2"])
        self.assertEqual([type(e) for e in items], [iv.Entry] * 2)

    def test_owner_refuses_mutation_while_an_item_lives(self):
        r = registry(a=1)
        e = next(r.iter())
        # The iterator object is gone; the item holds the owner's borrow itself.
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.insert("b", 2)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            e.bump(1)
        del e
        r.insert("b", 2)
        self.assertEqual(r.total(), 3)

    def test_reversed_items_are_views(self):
        r = registry(a=1, b=2, c=3)
        it = r.iter()
        self.assertEqual(next(it).key, "a")
        back = list(reversed(it))
        self.assertEqual([e.key for e in back], ["c", "b"])
        self.assertEqual(list(it), [])
        del it
        with self.assertRaisesRegex(RuntimeError, "Registry object is borrowed by a live view"):
            r.insert("d", 4)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            back[0].bump(1)
        del back
        r.insert("d", 4)

    def test_item_keeps_owner_alive(self):
        r = registry(a=7)
        e = next(r.iter())
        del r
        gc.collect()
        self.assertEqual(e.value, 7)


class TestMany(unittest.TestCase):
    def test_many_items_leave_no_borrow(self):
        r = registry(**{f"k{i}": i for i in range(50)})
        for _ in range(200):
            self.assertEqual(sum(e.value for e in r.values()), 1225)
            for e in r.iter_mut():
                e.bump(0)
            del e
            self.assertEqual(sum(e.value for e in r.iter()), 1225)
        r.insert("z", 1)
        self.assertEqual(r.total(), 1226)

    def test_a_million_item_views_do_not_grow_memory(self):
        r = registry(**{f"k{i}": i for i in range(100)})

        def churn(rounds):
            for _ in range(rounds):
                for make in (r.values, r.iter_mut, r.iter):
                    for e in make():
                        pass
                    del e  # the last item holds the borrow until then

        churn(300)
        gc.collect()
        before = max_rss_kib()
        churn(3_400)  # 100 items x 3 iterators a round: over 1,000,000 views
        gc.collect()
        grown = max_rss_kib() - before
        self.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")
        r.insert("z", 0)  # every borrow was released
        self.assertEqual(r.len(), 101)


if __name__ == "__main__":
    unittest.main()
