"""Views: a `&T`/`&mut T` (or `Option` of one) returned by a `&self`/`&mut self`
method is an object of T's class that reads and writes the owner's value in
place, keeps the owner alive and holds a borrow on it (MAPPING: Borrowed
results)."""

import gc
import resource
import sys
import unittest

import views


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def polyline(*points):
    p = views.Polyline()
    for x, y in points:
        p.push(x, y)
    return p


class TestSharedViews(unittest.TestCase):
    def test_view_is_of_the_class_and_works(self):
        p = polyline((1, 2), (-3, 4))
        v = p.get(1)
        self.assertIsInstance(v, views.Point)
        self.assertEqual((v.x, v.y), (-3, 4))
        self.assertEqual(v.norm1(), 7)
        self.assertEqual(repr(v), "Point { x: -3, y: 4 }")
        self.assertEqual(v, views.Point(-3, 4))
        self.assertIsNone(p.get(5))
        self.assertIsInstance(p.first(), views.Point)

    def test_result_of_a_reference_is_a_view(self):
        p = polyline((1, 2))
        v = p.at(0)
        self.assertEqual(v.y, 2)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.push(0, 0)
        del v
        with self.assertRaisesRegex(Exception, "no point 3 of 1"):
            p.at(3)
        p.push(0, 0)  # a failed call leaves no borrow behind

    def test_view_reads_the_owner_in_place(self):
        p = polyline((1, 2))
        v = p.get(0)
        w = p.first()
        self.assertEqual(w.x, 1)
        # Another view's change is seen: there is no copy.
        del v, w
        m = p.get_mut(0)
        m.x = 41
        r = m  # the same object
        del m
        del r
        v = p.get(0)
        self.assertEqual(v.x, 41)

    def test_shared_view_blocks_mut_and_moves_of_owner(self):
        p = polyline((1, 2))
        v = p.get(0)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.push(3, 4)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.get_mut(0)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.into_len()
        d = views.Drawing()
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            d.add(p)
        # `&self` calls work, and more shared views.
        self.assertEqual(p.len(), 1)
        self.assertEqual(p.first().x, 1)
        del v
        p.push(3, 4)
        self.assertEqual(p.len(), 2)
        self.assertEqual(p.into_len(), 2)

    def test_shared_view_is_read_only(self):
        p = polyline((1, 2))
        v = p.get(0)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            v.x = 5
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            v.shift(1, 1)
        self.assertEqual(p.get(0).x, 1)

    def test_view_keeps_owner_alive(self):
        p = polyline((7, 8))
        v = p.get(0)
        del p
        gc.collect()
        self.assertEqual((v.x, v.y), (7, 8))

    def test_del_view_frees_owner(self):
        p = polyline((1, 1))
        before = sys.getrefcount(p)
        v = p.get(0)
        self.assertEqual(sys.getrefcount(p), before + 1)
        del v
        self.assertEqual(sys.getrefcount(p), before)


class TestExclusiveViews(unittest.TestCase):
    def test_writes_change_the_owner(self):
        p = polyline((1, 2), (3, 4))
        m = p.get_mut(1)
        m.x = 30
        m.shift(1, 1)
        del m
        self.assertEqual((p.get(1).x, p.get(1).y), (31, 5))
        self.assertEqual(p.total_x(), 32)

    def test_exclusive_view_blocks_every_other_use(self):
        p = polyline((1, 2), (3, 4))
        m = p.get_mut(0)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.get_mut(1)  # two exclusive views cannot coexist
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.get(1)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.len()
        del m
        self.assertEqual(p.len(), 2)

    def test_shared_result_of_mut_self_locks_the_owner(self):
        p = polyline((5, 0), (1, 0))
        first = p.sort_and_first()
        self.assertEqual(first.x, 1)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            first.x = 3
        # As in Rust, `&mut self` is borrowed while its result lives.
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            p.len()
        del first
        self.assertEqual(p.len(), 2)

    def test_not_clone_items(self):
        p = views.Polyline()
        p.tag("a")
        t = p.tag_mut(0)
        self.assertIsInstance(t, views.Tag)
        t.rename("b")
        t.name = t.name + "c"
        self.assertEqual(t.shout(), "BC")
        del t
        self.assertEqual(p.tag_at(0).name, "bc")
        self.assertIsNone(p.tag_at(3))

    def test_view_is_never_moved_out_of_owner(self):
        p = views.Polyline()
        p.tag("keep")
        t = p.tag_at(0)
        with self.assertRaisesRegex(RuntimeError, "Tag object is a view into another object and cannot be moved"):
            t.into_name()
        with self.assertRaisesRegex(RuntimeError, "Tag object is a view into another object and cannot be moved"):
            views.take_tag(t)
        self.assertEqual(t.name, "keep")
        # A Clone view is copied where a value is taken.
        del t
        p.push(4, 5)
        v = p.get(0)
        self.assertEqual(v.into_tuple(), (4, 5))
        self.assertEqual(views.x_of(v), 4)
        self.assertEqual((v.x, v.y), (4, 5))


class TestViewOfView(unittest.TestCase):
    def test_view_of_a_view(self):
        d = views.Drawing()
        d.add(polyline((1, 2), (3, 4)))
        line = d.line(0)
        self.assertIsInstance(line, views.Polyline)
        point = line.get(1)
        del line, d
        gc.collect()
        self.assertEqual((point.x, point.y), (3, 4))

    def test_exclusive_view_of_exclusive_view(self):
        d = views.Drawing()
        d.add(polyline((1, 2)))
        line = d.line_mut(0)
        line.push(5, 6)
        point = line.get_mut(1)
        point.shift(1, 1)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            line.len()
        del point
        self.assertEqual(line.total_x(), 7)
        with self.assertRaisesRegex(RuntimeError, "Drawing object is borrowed by a live view"):
            d.line(0)
        del line
        self.assertEqual(d.line(0).len(), 2)

    def test_shared_view_cannot_be_changed_through_its_views(self):
        d = views.Drawing()
        d.add(polyline((1, 2)))
        line = d.line(0)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            line.get_mut(0)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            line.push(1, 1)


class TestContextManager(unittest.TestCase):
    def test_with_releases_the_borrow(self):
        p = polyline((1, 2))
        with p.get_mut(0) as item:
            self.assertIsInstance(item, views.Point)
            item.x = 10
            with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
                p.len()
        # The borrow ended at the end of the block, though `item` is alive.
        self.assertEqual(p.get(0).x, 10)
        p.push(3, 4)
        with self.assertRaisesRegex(RuntimeError, "Point object is a view whose borrow has ended"):
            item.x
        with self.assertRaisesRegex(RuntimeError, "Point object is a view whose borrow has ended"):
            item.shift(1, 1)
        del item

    def test_exit_drops_the_owner_reference(self):
        p = polyline((1, 2))
        before = sys.getrefcount(p)
        with p.get(0) as item:
            self.assertEqual(sys.getrefcount(p), before + 1)
            self.assertEqual(item.y, 2)
        self.assertEqual(sys.getrefcount(p), before)

    def test_exit_while_the_view_is_viewed_raises(self):
        d = views.Drawing()
        d.add(polyline((1, 2)))
        line = d.line(0)
        point = line.get(0)
        with self.assertRaisesRegex(RuntimeError, "Polyline object is borrowed by a live view"):
            line.__exit__(None, None, None)
        del point
        line.__exit__(None, None, None)
        d.add(polyline())

    def test_with_on_an_owned_object_does_nothing(self):
        with views.Point(1, 2) as q:
            q.x = 3
        self.assertEqual(q.x, 3)


class TestFreeFunctionsCopy(unittest.TestCase):
    def test_free_function_result_is_a_copy(self):
        p = views.Point(1, 2)
        c = views.origin_of(p)
        c.x = 9
        self.assertEqual(p.x, 1)


class TestMemory(unittest.TestCase):
    @staticmethod
    def churn(n):
        p = polyline((1, 2), (3, 4))
        p.tag("t")
        for _ in range(n):
            v = p.get(1)
            v.x
            del v
            m = p.tag_mut(0)
            m.name
            del m
        return p

    def test_million_views_do_not_grow(self):
        # Two views per round: 1,000,000 views.
        self.churn(30_000)
        gc.collect()
        before = max_rss_kib()
        p = self.churn(500_000)
        gc.collect()
        grown = max_rss_kib() - before
        self.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")
        # Every borrow was released.
        p.push(0, 0)
        self.assertEqual(p.len(), 3)


if __name__ == "__main__":
    unittest.main()
