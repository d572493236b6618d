"""Sequence views: a `&[T]`/`&Vec<T>` (or `&mut`, or an `Option` of one) of a
bound class returned by a `&self`/`&mut self` method is a sequence view of the
owner's items, read (and for `&mut`, written) in place; it keeps the owner
alive and holds a borrow on it (MAPPING: Borrowed results)."""

import gc
import resource
import sys
import unittest

import view_sequences as vs


def max_rss_kib():
    """Peak resident set size of this process, in KiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        rss //= 1024
    return rss


def shape(*points):
    s = vs.Shape()
    for x, y in points:
        s.push(x, y)
    return s


class TestSharedSequenceViews(unittest.TestCase):
    def test_len_index_iteration(self):
        s = shape((1, 2), (3, 4), (5, 6))
        pts = s.points()
        self.assertEqual(type(pts).__name__, "SequenceView")
        self.assertEqual(len(pts), 3)
        self.assertEqual((pts[0].x, pts[0].y), (1, 2))
        self.assertEqual(pts[-1].x, 5)
        self.assertEqual(pts[-3].x, 1)
        self.assertEqual([p.x for p in pts], [1, 3, 5])
        self.assertEqual([p.y for p in reversed(pts)], [6, 4, 2])
        self.assertIn(vs.Point(3, 4), pts)
        self.assertEqual(list(s.point_slice()), [vs.Point(1, 2), vs.Point(3, 4), vs.Point(5, 6)])
        self.assertEqual(repr(pts), "SequenceView([Point { x: 1, y: 2 }, Point { x: 3, y: 4 }, Point { x: 5, y: 6 }])")
        self.assertEqual(len(vs.Shape().points()), 0)
        self.assertEqual(list(vs.Shape().points()), [])

    def test_index_errors(self):
        pts = shape((1, 2)).points()
        with self.assertRaises(IndexError):
            pts[1]
        with self.assertRaises(IndexError):
            pts[-2]
        with self.assertRaises(TypeError):
            pts["a"]

    def test_items_are_views_in_place(self):
        s = shape((1, 2))
        pts = s.points()
        p = pts[0]
        self.assertIsInstance(p, vs.Point)
        # A `&T` item is read-only, like a view of one item.
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            p.shift(1, 1)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            p.x = 7
        del p, pts
        s.points_mut()[0].shift(10, 0)
        # A new sequence view reads the owner's memory, changed in place.
        self.assertEqual(s.points()[0].x, 11)

    def test_option_none_and_some(self):
        s = shape()
        self.assertIsNone(s.tags())
        s.tag("a")
        s.tag("b")
        tags = s.tags()
        self.assertEqual([t.name for t in tags], ["a", "b"])

    def test_result(self):
        with self.assertRaisesRegex(RuntimeError, "no points"):
            shape().nonempty_points()
        self.assertEqual(len(shape((1, 1)).nonempty_points()), 1)

    def test_owner_is_borrowed_while_the_view_lives(self):
        s = shape((1, 2))
        pts = s.points()
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.push(3, 4)
        # `&self` methods still work.
        self.assertEqual(s.total_x(), 1)
        del pts
        s.push(3, 4)
        self.assertEqual(s.len(), 2)

    def test_an_item_view_keeps_the_owner_borrowed(self):
        s = shape((1, 2))
        p = s.points()[0]
        gc.collect()
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            s.push(3, 4)
        self.assertEqual(p.x, 1)
        del p
        s.push(3, 4)

    def test_view_keeps_the_owner_alive(self):
        s = shape((1, 2), (3, 4))
        pts = s.points()
        del s
        gc.collect()
        self.assertEqual([p.x for p in pts], [1, 3])
        p = pts[1]
        del pts
        gc.collect()
        self.assertEqual(p.y, 4)

    def test_view_of_a_view(self):
        part = shape((7, 8))
        part.tag("inner")
        whole = vs.Shape()
        whole.add_part(part)
        parts = whole.parts()
        inner = parts[0]
        self.assertIsInstance(inner, vs.Shape)
        # A sequence view of an item view.
        pts = inner.points()
        self.assertEqual(pts[0].x, 7)
        self.assertEqual(inner.tags()[0].name, "inner")
        del whole, parts, inner
        gc.collect()
        self.assertEqual(pts[0].y, 8)

    def test_with_ends_the_borrow(self):
        s = shape((1, 2))
        with s.points() as pts:
            self.assertEqual(pts[0].x, 1)
        s.push(3, 4)
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            len(pts)
        with self.assertRaisesRegex(RuntimeError, "borrow has ended"):
            pts[0]
        # Not while an item view points into the owner.
        pts = s.points()
        p = pts[0]
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            pts.__exit__(None, None, None)
        del p
        pts.__exit__(None, None, None)
        s.push(5, 6)


class TestExclusiveSequenceViews(unittest.TestCase):
    def test_writes_through_items_are_the_owners(self):
        s = shape((1, 2), (3, 4))
        pts = s.points_mut()
        for p in pts:
            p.shift(1, 0)
        pts[0].y = 20
        del p
        self.assertEqual(len(pts), 2)
        del pts
        self.assertEqual(s.total_x(), 6)
        self.assertEqual(s.points()[0].y, 20)

    def test_not_clone_items(self):
        s = vs.Shape()
        s.tag("a")
        s.tag("b")
        tags = s.tags_mut()
        tags[1].rename("z")
        tags[0].name = "y"
        del tags
        self.assertEqual(s.tag_names(), "y,z")

    def test_owner_is_exclusively_borrowed(self):
        s = shape((1, 2))
        pts = s.points_mut()
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.total_x()
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.points()
        del pts
        self.assertEqual(s.total_x(), 1)

    def test_one_item_view_at_a_time_per_item(self):
        s = shape((1, 2), (3, 4))
        pts = s.points_mut()
        a = pts[0]
        b = pts[1]  # another item: fine
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            pts[0]
        a.shift(1, 1)
        b.shift(1, 1)
        del a
        c = pts[-2]
        self.assertEqual(c.x, 2)
        del b, c, pts
        self.assertEqual(s.total_x(), 6)

    def test_item_view_keeps_owner_alive_and_borrowed(self):
        s = shape((1, 2))
        p = s.points_mut()[0]
        gc.collect()
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            s.total_x()
        p.shift(5, 0)
        del p
        self.assertEqual(s.total_x(), 6)
        p = s.points_mut()[0]
        del s
        gc.collect()
        p.shift(1, 0)
        self.assertEqual(p.x, 7)


class TestIntEnumItems(unittest.TestCase):
    def test_members_are_copied_into_a_list(self):
        m = vs.Marks()
        both = [vs.Mark.Dot, vs.Mark.Cross]
        self.assertEqual(m.all(), both)
        self.assertIsInstance(m.all(), list)
        self.assertEqual(m.all_mut(), both)
        self.assertEqual(list(m.iter()), both)


class TestBorrowingIterators(unittest.TestCase):
    def test_items_are_views(self):
        s = shape((1, 2), (3, 4))
        it = s.iter()
        self.assertIs(iter(it), it)
        first = next(it)
        self.assertIsInstance(first, vs.Point)
        with self.assertRaisesRegex(RuntimeError, "read-only view"):
            first.shift(1, 1)
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.push(5, 6)
        self.assertEqual([p.x for p in it], [3])
        # Exhausted: only the item still borrows the shape.
        with self.assertRaisesRegex(RuntimeError, "borrowed by a live view"):
            s.push(5, 6)
        del first
        s.push(5, 6)
        self.assertEqual([p.y for p in s.iter()], [2, 4, 6])

    def test_iter_mut_writes_in_place(self):
        s = vs.Shape()
        s.tag("a")
        s.tag("b")
        for t in s.tags_iter_mut():
            t.rename(t.name.upper())
        del t
        self.assertEqual(s.tag_names(), "A,B")

    def test_iterator_keeps_the_owner_alive(self):
        it = shape((7, 8)).iter()
        gc.collect()
        self.assertEqual(next(it).y, 8)
        with self.assertRaises(StopIteration):
            next(it)


class TestResultsBorrowingTwoObjects(unittest.TestCase):
    def test_view_that_may_point_into_an_argument(self):
        s = vs.Shape()
        legend = vs.Legend("L")
        p = s.first_or(legend)  # the legend's fallback point, in place
        self.assertEqual((p.x, p.y), (0, 0))
        # Both objects are borrowed while the view lives.
        with self.assertRaisesRegex(RuntimeError, "Legend object is borrowed by a live view"):
            legend.retitle("M")
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.push(1, 1)
        # And kept alive.
        del legend
        gc.collect()
        self.assertEqual(p.y, 0)
        del p
        s.push(1, 2)
        self.assertEqual(s.first_or(vs.Legend("M")).y, 2)

    def test_sequence_view_of_either(self):
        legend = vs.Legend("L")
        pts = vs.Shape().points_or(legend)
        self.assertEqual(list(pts), [vs.Point(0, 0)])
        with self.assertRaisesRegex(RuntimeError, "Legend object is borrowed by a live view"):
            legend.retitle("M")
        del pts
        legend.retitle("M")

    def test_value_with_one_lifetime_of_two_objects(self):
        s = shape((1, 2))
        legend = vs.Legend("L")
        c = s.caption(legend)
        self.assertEqual(c.text(), "L (1 points)")
        with self.assertRaisesRegex(RuntimeError, "Legend object is borrowed by a live view"):
            legend.retitle("M")
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.push(3, 4)
        del s, legend
        gc.collect()
        self.assertEqual(c.text(), "L (1 points)")

    def test_free_function_borrowing_both_arguments(self):
        s = shape()
        legend = vs.Legend("L")
        c = vs.caption_of(s, legend)
        with self.assertRaisesRegex(RuntimeError, "Legend object is borrowed by a live view"):
            legend.retitle("M")
        with self.assertRaisesRegex(RuntimeError, "Shape object is borrowed by a live view"):
            s.push(3, 4)
        del c
        legend.retitle("M")
        s.push(3, 4)
        self.assertEqual(vs.caption_of(s, legend).text(), "M (1 points)")


class TestMemory(unittest.TestCase):
    @staticmethod
    def churn(n):
        s = shape((1, 2), (3, 4))
        s.tag("t")
        legend = vs.Legend("L")
        for _ in range(n):
            pts = s.points()
            pts[1].x
            del pts
            m = s.tags_mut()
            m[0].name
            del m
            c = vs.caption_of(s, legend)
            del c
        return s, legend

    def test_million_sequence_views_do_not_grow(self):
        # Two sequence views (and an item view each) per round: 1,000,000.
        self.churn(30_000)
        gc.collect()
        before = max_rss_kib()
        s, legend = self.churn(500_000)
        gc.collect()
        grown = max_rss_kib() - before
        self.assertLess(grown, 10 * 1024, f"peak RSS grew by {grown} KiB")
        # Every borrow was released.
        s.push(0, 0)
        legend.retitle("M")
        self.assertEqual(s.len(), 3)


if __name__ == "__main__":
    unittest.main()
