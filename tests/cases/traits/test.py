"""Traits: operators (mixed right-hand types, in place, unary, bits, indexing),
`FromStr` as `parse` and as the constructor, `From` impls, the crate's own traits
(required and provided methods, clashes, a blanket impl), builders, iterators
(double-ended, exact size, items that are `Result`s, `IntoIterator` for `&T`),
`Display` of an IntEnum."""

import inspect
import operator
import types
import unittest

import traits
from traits import Countdown, Money, ParseMoneyError, Stack
from traits.builder import Query, Request, RequestBuilder
from traits.flags import Flags, Guard
from traits.iter import BadNumber, Numbers
from traits.money import Ledger, Prices, Version
from traits.shapes import Circle, Square, Suit


class TestArithmetic(unittest.TestCase):
    def test_binary_operators(self):
        a, b = Money(150), Money(25)
        self.assertEqual(a + b, Money(175))
        self.assertEqual(a - b, Money(125))
        self.assertEqual(a * 3, Money(450))
        self.assertEqual(a / 2, Money(75))
        self.assertEqual(a % 7, 150 % 7)
        self.assertEqual(-a, Money(-150))
        # Operands are not consumed: Money is Copy.
        self.assertEqual(a, Money(150))

    def test_mixed_right_hand_types(self):
        # `impl Add<Money>` and `impl Add<i64>`: one `+`, tried in order.
        self.assertEqual(Money(150) + 5, Money(155))
        self.assertEqual(Money(150) + Money(5), Money(155))

    def test_unsupported_operand_is_not_implemented(self):
        with self.assertRaises(TypeError) as cm:
            Money(1) + "x"
        self.assertIn("unsupported operand", str(cm.exception))
        with self.assertRaises(TypeError):
            Money(1) * Money(2)  # no `Mul<Money>`
        with self.assertRaises(TypeError):
            5 + Money(1)  # Rust has no reflected `Add<Money> for i64`
        self.assertIs(Money(1).__add__("x"), NotImplemented)

    def test_operand_out_of_range_raises_its_own_error(self):
        with self.assertRaises(OverflowError):
            Money(1) + 2**70

    def test_in_place_changes_the_object(self):
        a = Money(100)
        alias = a
        a += Money(5)
        self.assertIs(a, alias)
        self.assertEqual(alias, Money(105))
        a -= 5  # `SubAssign<i64>`
        self.assertEqual(a.cents, 100)

    def test_in_place_falls_back_to_binary(self):
        # No `MulAssign`: `*=` makes a new object from `Mul<i64>`.
        a = Money(100)
        alias = a
        a *= 2
        self.assertEqual(a, Money(200))
        self.assertEqual(alias, Money(100))

    def test_hand_written_ord(self):
        self.assertLess(Money(1), Money(2))
        self.assertEqual(sorted([Money(3), Money(1), Money(2)]), [Money(1), Money(2), Money(3)])
        self.assertEqual(max(Money(3), Money(9)), Money(9))

    def test_bit_operators(self):
        self.assertEqual(Flags(3) & Flags(1), Flags(1))
        self.assertEqual(Flags(3) | Flags(4), Flags(7))
        self.assertEqual(Flags(3) ^ Flags(1), Flags(2))
        self.assertEqual(~Flags(1), Flags(254))
        self.assertEqual(Flags(1) << 3, Flags(8))
        self.assertEqual(Flags(8) >> 1, Flags(4))
        f = Flags(1)
        f |= Flags(2)
        self.assertEqual(f, Flags(3))

    def test_index(self):
        ledger = Ledger()
        ledger.push("rent", Money(100))
        ledger.push("food", Money(40))
        # `Index<usize>` and `Index<&str>`: one `[]`.
        self.assertEqual(ledger[1], Money(40))
        self.assertEqual(ledger["rent"], Money(100))
        with self.assertRaises(traits.RustPanic):
            ledger[5]
        with self.assertRaises(TypeError):
            ledger[1.5]
        # `&Money` from `&self`: a view of the item, holding the ledger.
        item = ledger[0]
        with self.assertRaisesRegex(RuntimeError, "Ledger object is borrowed by a live view"):
            ledger.push("tax", Money(1))
        del item
        ledger.push("tax", Money(1))

    def test_index_giving_a_borrowed_number(self):
        # `Index<usize>` with `Output = f64`: `&f64` is read by copy.
        prices = Prices([1.5, 2.5])
        self.assertEqual(prices[1], 2.5)
        self.assertIsInstance(prices[0], float)


class TestParsing(unittest.TestCase):
    def test_parse_classmethod(self):
        self.assertEqual(Money.parse("12.34"), Money(1234))
        self.assertEqual(Money.parse("-0.50"), Money(-50))
        # A classmethod, like `dict.fromkeys`.
        self.assertIsInstance(inspect.getattr_static(Money, "parse"), types.ClassMethodDescriptorType)
        self.assertEqual(str(inspect.signature(Money.parse)), "(s)")

    def test_parse_error_is_the_crates_exception(self):
        with self.assertRaises(ParseMoneyError) as cm:
            Money.parse("12")
        self.assertEqual(str(cm.exception), 'not an amount: "12"')

    def test_parse_is_the_constructor_without_another(self):
        v = Version("1.2")
        self.assertEqual((v.major(), v.minor()), (1, 2))
        self.assertEqual(str(Version.parse("3.10")), "3.10")
        self.assertLess(Version("1.2"), Version("1.10"))
        with self.assertRaises(RuntimeError) as cm:
            Version("x")
        self.assertIn("no dot", str(cm.exception))
        with self.assertRaises(TypeError):
            Version(1.2)

    def test_from_impls_are_told_apart_by_type(self):
        self.assertEqual(Money.from_i64(5), Money(5))
        self.assertEqual(Money.from_f64(1.5), Money(150))

    def test_ordering_is_an_int(self):
        self.assertEqual(Money(1).compare(Money(2)), -1)
        self.assertEqual(Money(2).compare(Money(2)), 0)
        self.assertEqual(Money(3).compare(Money(2)), 1)
        self.assertEqual(Money(3).pick(Money(2), 1), Money(3))
        self.assertEqual(Money(3).pick(Money(2), -1), Money(2))
        with self.assertRaises(ValueError):
            Money(3).pick(Money(2), 2)
        with self.assertRaises(TypeError):
            Money(3).pick(Money(2), True)
        import functools
        ordered = sorted([Money(3), Money(1)], key=functools.cmp_to_key(Money.compare))
        self.assertEqual(ordered, [Money(1), Money(3)])

    def test_display(self):
        self.assertEqual(str(Money(-1234)), "-12.34")


class TestOwnTraits(unittest.TestCase):
    def test_required_and_provided_methods(self):
        c = Circle(1.0)
        self.assertAlmostEqual(c.area(), 3.14159, places=4)
        self.assertEqual(c.describe(), "a shape of area 3.1")
        self.assertTrue(c.bigger_than(3.0))

    def test_overridden_provided_method(self):
        self.assertFalse(Square(2.0).bigger_than(3.5))

    def test_inherent_method_wins_its_name(self):
        # As in Rust's method calls; the trait's `describe` is listed as skipped.
        s = Square(2.0)
        self.assertEqual(s.describe(), "a square of side 2")
        self.assertFalse(hasattr(s, "shape_describe"))

    def test_two_traits_one_name(self):
        s = Square(2.0)
        self.assertEqual(s.named_name(), "square")
        self.assertEqual(s.labelled_name(), "label: square")
        self.assertFalse(hasattr(s, "name"))

    def test_blanket_impl_applies_where_the_bound_holds(self):
        self.assertEqual(Money(150).shout(), "1.50")
        self.assertEqual(Square(2.0).shout(), "SQUARE(2)")
        self.assertFalse(hasattr(Circle(1.0), "shout"))  # no Display

    def test_docstrings(self):
        # An impl's method without a doc of its own has the trait's.
        self.assertIn("The area.", Circle.area.__doc__)
        self.assertIn("A provided method", Circle.describe.__doc__)
        self.assertIn("Reads `12.34`", Money.parse.__doc__)


class TestIntEnum(unittest.TestCase):
    def test_str_is_display(self):
        self.assertEqual(str(Suit.Hearts), "♥")
        self.assertEqual(f"{Suit.Spades}", "♠")
        self.assertEqual(Suit.Spades, 1)

    def test_methods(self):
        self.assertTrue(Suit.Hearts.is_red())
        self.assertFalse(Suit.Spades.is_red())
        self.assertIs(Suit.Hearts.other(), Suit.Spades)
        self.assertEqual(Suit.all(), [Suit.Hearts, Suit.Spades])
        self.assertIs(Suit.parse("spades"), Suit.Spades)
        self.assertEqual(Suit.Hearts.shout(), "♥")  # the blanket `Shout`
        with self.assertRaises(RuntimeError):
            Suit.parse("clubs")
        # `&mut self` cannot change a member: not bound.
        self.assertFalse(hasattr(Suit.Hearts, "flip"))

    def test_method_on_a_foreign_receiver(self):
        with self.assertRaises(TypeError):
            Suit.is_red(5)
        with self.assertRaises(TypeError):
            Suit.is_red("x")


class TestBuilders(unittest.TestCase):
    def test_mut_self_steps_return_the_same_object(self):
        b = RequestBuilder("http://example.com")
        self.assertIs(b.header("a", "1"), b)
        req = b.header("b", "2").timeout(30).build()
        self.assertIsInstance(req, Request)
        self.assertEqual(req.headers, [("a", "1"), ("b", "2")])
        self.assertEqual(req.timeout, 30)

    def test_consuming_steps_chain(self):
        q = Query()
        self.assertEqual(q.filter("a").filter("b").text(), "a AND b")


class TestIterators(unittest.TestCase):
    def test_double_ended_and_exact_size(self):
        cd = Countdown(5)
        self.assertEqual(operator.length_hint(cd), 5)
        self.assertEqual(next(cd), 5)
        self.assertEqual(cd.next_back(), 1)
        self.assertEqual(cd.__length_hint__(), 3)
        self.assertEqual(list(cd), [4, 3, 2])
        self.assertEqual(operator.length_hint(cd), 0)

    def test_reversed_takes_the_items_left_from_the_back(self):
        cd = Countdown(5)
        self.assertEqual(next(cd), 5)
        self.assertEqual(list(reversed(cd)), [1, 2, 3, 4])
        self.assertEqual(list(cd), [])

    def test_into_iterator_for_a_reference_iterates_copies(self):
        s = Stack()
        for x in (1, 2, 3):
            s.push(x)
        self.assertEqual(list(s), [1, 2, 3])
        self.assertEqual([x * 2 for x in s], [2, 4, 6])
        self.assertIn(2, s)
        self.assertEqual(s.len(), 3)  # the stack is still whole
        it = iter(s)
        s.push(4)  # the iterator holds copies: changing the stack is fine
        self.assertEqual(list(it), [1, 2, 3])

    def test_result_items_raise_at_the_failing_step(self):
        it = Numbers("1 2 x 4")
        self.assertEqual(next(it), 1)
        self.assertEqual(next(it), 2)
        with self.assertRaises(BadNumber) as cm:
            next(it)
        self.assertEqual(cm.exception.text, "x")
        self.assertEqual(list(it), [4])

    def test_for_loop_stops_at_the_error(self):
        seen = []
        with self.assertRaises(BadNumber):
            for n in Numbers("7 8 nine"):
                seen.append(n)
        self.assertEqual(seen, [7, 8])


class TestNotBound(unittest.TestCase):
    def test_drop_is_no_method(self):
        self.assertFalse(hasattr(Guard(id=1), "drop"))


if __name__ == "__main__":
    unittest.main()
