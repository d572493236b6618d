"""The real time 0.3.55 crate from crates.io, bound unmodified, with its default
features (`std`). Its lib name is a standard-library module, so it is imported as
`time_rs`.

Everyday use, with the crate's own values: build a `Date` from the calendar, add
and subtract durations with operators (`impl Add<SignedDuration> for Date`, and
`Add<std::time::Duration>`, which takes a `datetime.timedelta` or seconds), the
difference of two dates (`Sub for Date`, a `SignedDuration`), comparison and
hashing, `str()` (Display), `weekday()`, `next_day()`, `Time` and
`PlainDateTime`, `OffsetDateTime` from a Unix timestamp, the methods of the
IntEnums `Month` and `Weekday` (`Month.next()`, `Month.length(year)`,
`Weekday.number_from_monday()`, `Month.parse`), `SignedDuration`
arithmetic, and the `NumericalDuration` extension trait on `i64`/`f64` as module
functions of `time_rs.ext`. Errors of the constructors are `error.ComponentRange`,
an exception class.

Not bound, with the reasons the interface file gives:
- `Duration` and `PrimitiveDateTime` are type aliases of `SignedDuration` and
  `PlainDateTime` (the crate's new names); aliases are not bound as second names.
- Formatting and parsing with format descriptions (`Date::format`,
  `Date::parse`) and `serde` (so pickling) are behind the non-default features
  `formatting`, `parsing` and `serde`; `format(&self, &impl Formattable)` would
  further need an instantiation of its generic parameter.
- `powerfmt`'s `SmartDisplay` (`&mut Formatter`, `Metadata<T>`), comparisons
  returning `std::cmp::Ordering`, `Sum` (generic), impls for std types
  (`u8 * SignedDuration`, `SystemTime + SignedDuration`), `DoubleEndedIterator`
  items, and the `#[doc(hidden)]` `Instant`.
"""

import datetime
import unittest

import time_rs
from time_rs import Date, Month, OffsetDateTime, PlainDateTime, SignedDuration, Time, Weekday
from time_rs.error import ComponentRange

D = Date.from_calendar_date


class TestModuleShape(unittest.TestCase):
    def test_classes(self):
        for name in ("Date", "Time", "PlainDateTime", "OffsetDateTime", "UtcOffset", "SignedDuration"):
            with self.subTest(name=name):
                cls = getattr(time_rs, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)

    def test_enums(self):
        self.assertEqual([m.name for m in Month][:3], ["January", "February", "March"])
        self.assertEqual(int(Month.January), 1)
        self.assertEqual(int(Month.December), 12)
        self.assertEqual(len(Weekday), 7)

    def test_enum_methods(self):
        self.assertIs(Month.January.next(), Month.February)
        self.assertIs(Month.December.next(), Month.January)
        self.assertIs(Month.January.previous(), Month.December)
        self.assertEqual(Month.February.length(2024), 29)
        self.assertEqual(Month.February.length(2023), 28)
        self.assertIs(Month.parse("March"), Month.March)
        self.assertEqual(str(Month.March), "March")
        self.assertEqual(Weekday.Monday.number_from_monday(), 1)
        self.assertEqual(Weekday.Sunday.number_days_from_monday(), 6)
        self.assertIs(Weekday.Friday.next(), Weekday.Saturday)

    def test_error_is_exception(self):
        self.assertTrue(issubclass(ComponentRange, Exception))

    def test_aliases_not_bound(self):
        self.assertFalse(hasattr(time_rs, "Duration"))
        self.assertFalse(hasattr(time_rs, "PrimitiveDateTime"))


class TestDate(unittest.TestCase):
    def test_from_calendar_date(self):
        d = D(2024, Month.January, 31)
        self.assertIs(type(d), Date)
        self.assertEqual(str(d), "2024-01-31")
        self.assertEqual(d.year(), 2024)
        self.assertIs(d.month(), Month.January)
        self.assertEqual(d.day(), 31)
        self.assertEqual(d.ordinal(), 31)
        self.assertEqual(d.to_calendar_date(), (2024, Month.January, 31))
        self.assertEqual(D(year=2024, month=Month.March, day=1), D(2024, Month.March, 1))

    def test_invalid_dates_raise(self):
        with self.assertRaises(ComponentRange) as cm:
            D(2023, Month.February, 29)
        self.assertEqual(str(cm.exception), "day was not in range")
        self.assertEqual(str(D(2024, Month.February, 29)), "2024-02-29")
        with self.assertRaises(ValueError):
            D(2024, 13, 1)

    def test_weekday(self):
        self.assertIs(D(2024, Month.January, 31).weekday(), Weekday.Wednesday)
        self.assertEqual(str(D(2024, Month.January, 31).weekday()), "Wednesday")
        self.assertEqual(str(D(2024, Month.January, 31).next_occurrence(Weekday.Monday)), "2024-02-05")

    def test_next_and_previous_day(self):
        self.assertEqual(str(D(2024, Month.January, 31).next_day()), "2024-02-01")
        self.assertEqual(str(D(2024, Month.December, 31).next_day()), "2025-01-01")
        self.assertEqual(str(D(2024, Month.March, 1).previous_day()), "2024-02-29")
        self.assertIsNone(Date.MAX.next_day())

    def test_plus_duration(self):
        d = D(2024, Month.January, 31)
        self.assertEqual(str(d + SignedDuration.days(1)), "2024-02-01")
        self.assertEqual(str(d - SignedDuration.weeks(1)), "2024-01-24")
        self.assertEqual(str(d + SignedDuration.days(-31)), "2023-12-31")
        # `Add<std::time::Duration>`: a timedelta.
        self.assertEqual(str(d + datetime.timedelta(days=1)), "2024-02-01")
        self.assertEqual(str(d - datetime.timedelta(days=3)), "2024-01-28")

    def test_plus_wrong_type(self):
        with self.assertRaises(TypeError):
            D(2024, Month.January, 31) + "1 day"
        with self.assertRaises(TypeError):
            D(2024, Month.January, 31) + D(2024, Month.January, 1)

    def test_overflow_panics_checked_is_none(self):
        with self.assertRaises(time_rs.RustPanic):
            Date.MAX + SignedDuration.days(1)
        self.assertIsNone(Date.MAX.checked_add(SignedDuration.days(1)))
        self.assertEqual(str(D(2024, Month.January, 31).checked_add(SignedDuration.days(1))), "2024-02-01")

    def test_in_place_add_changes_the_object(self):
        d = D(2024, Month.January, 31)
        alias = d
        d += SignedDuration.days(2)
        self.assertEqual(str(d), "2024-02-02")
        self.assertIs(alias, d)
        d -= SignedDuration.days(1)
        self.assertEqual(str(d), "2024-02-01")

    def test_in_place_add_leaves_constants_alone(self):
        d = Date.MIN
        d += SignedDuration.days(1)
        self.assertEqual(Date.MIN.next_day(), d)
        self.assertIsNone(Date.MIN.previous_day())
        z = SignedDuration.ZERO
        z += SignedDuration.DAY
        self.assertTrue(SignedDuration.ZERO.is_zero())

    def test_difference(self):
        diff = D(2024, Month.March, 1) - D(2024, Month.January, 31)
        self.assertIs(type(diff), SignedDuration)
        self.assertEqual(diff.whole_days(), 30)
        self.assertEqual(str(diff), "30d")
        self.assertEqual((D(2024, Month.January, 1) - D(2024, Month.January, 2)).whole_days(), -1)

    def test_compare_and_hash(self):
        a, b = D(2024, Month.January, 31), D(2024, Month.March, 1)
        self.assertTrue(a < b)
        self.assertTrue(b >= a)
        self.assertEqual(a, D(2024, Month.January, 31))
        self.assertNotEqual(a, b)
        self.assertEqual(hash(a), hash(D(2024, Month.January, 31)))
        self.assertEqual(
            [str(x) for x in sorted([b, a, D(2023, Month.May, 5)])],
            ["2023-05-05", "2024-01-31", "2024-03-01"],
        )
        with self.assertRaises(TypeError):
            a < "2024-01-31"

    def test_replace(self):
        d = D(2024, Month.January, 31)
        self.assertEqual(str(d.replace_day(1)), "2024-01-01")
        with self.assertRaises(ComponentRange):
            d.replace_month(Month.February)

    def test_iter_to(self):
        days = list(D(2024, Month.January, 30).iter_to(D(2024, Month.February, 2)))
        self.assertEqual([str(x) for x in days], ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"])


class TestTime(unittest.TestCase):
    def test_from_hms(self):
        t = Time.from_hms(12, 30, 5)
        self.assertEqual(str(t), "12:30:05.0")
        self.assertEqual(t.as_hms(), (12, 30, 5))
        self.assertEqual(t.hour(), 12)
        self.assertEqual(str(Time.from_hms_milli(1, 2, 3, 4)), "1:02:03.004")
        self.assertEqual(str(Time.MIDNIGHT), "0:00:00.0")
        with self.assertRaises(ComponentRange) as cm:
            Time.from_hms(24, 0, 0)
        self.assertEqual(str(cm.exception), "hour was not in range")

    def test_wraps_around(self):
        self.assertEqual(str(Time.from_hms(23, 59, 59) + SignedDuration.seconds(2)), "0:00:01.0")
        self.assertTrue(Time.from_hms(1, 0, 0) < Time.from_hms(2, 0, 0))


class TestPlainDateTime(unittest.TestCase):
    def test_with_time(self):
        dt = D(2024, Month.January, 31).with_hms(10, 0, 0)
        self.assertIs(type(dt), PlainDateTime)
        self.assertEqual(str(dt), "2024-01-31 10:00:00.0")
        self.assertEqual(dt, D(2024, Month.January, 31).with_time(Time.from_hms(10, 0, 0)))
        self.assertEqual(dt.date(), D(2024, Month.January, 31))
        self.assertEqual(dt.time(), Time.from_hms(10, 0, 0))

    def test_arithmetic(self):
        dt = D(2024, Month.January, 31).with_hms(10, 0, 0)
        later = dt + SignedDuration.hours(20)
        self.assertEqual(str(later), "2024-02-01 6:00:00.0")
        self.assertEqual(later - dt, SignedDuration.hours(20))
        self.assertTrue(later > dt)

    def test_assume_utc(self):
        odt = D(2024, Month.January, 31).with_hms(10, 0, 0).assume_utc()
        self.assertIs(type(odt), OffsetDateTime)
        self.assertEqual(odt.unix_timestamp(), 1706695200)
        self.assertEqual(str(odt), "2024-01-31 10:00:00.0 +00:00:00")


class TestOffsetDateTime(unittest.TestCase):
    def test_unix_timestamp(self):
        self.assertEqual(str(OffsetDateTime.UNIX_EPOCH), "1970-01-01 0:00:00.0 +00:00:00")
        odt = OffsetDateTime.from_unix_timestamp(86400)
        self.assertEqual(odt.date(), D(1970, Month.January, 2))
        self.assertEqual(odt - OffsetDateTime.UNIX_EPOCH, SignedDuration.days(1))


class TestSignedDuration(unittest.TestCase):
    def test_constructors_and_display(self):
        self.assertEqual(str(SignedDuration.days(1) + SignedDuration.hours(2)), "1d2h")
        self.assertEqual(str(SignedDuration.seconds_f64(1.5)), "1s500ms")
        self.assertEqual(SignedDuration.hours(1).whole_minutes(), 60)
        self.assertTrue(SignedDuration.ZERO.is_zero())

    def test_operators(self):
        day = SignedDuration.days(1)
        self.assertEqual(str(-day), "-1d")
        self.assertEqual(day * 2, SignedDuration.days(2))
        self.assertEqual(str(SignedDuration.days(3) / 2), "1d12h")
        self.assertEqual(day - SignedDuration.hours(24), SignedDuration.ZERO)

    def test_compare(self):
        self.assertEqual(SignedDuration.days(1), SignedDuration.hours(24))
        self.assertTrue(SignedDuration.days(1) > SignedDuration.hours(23))

    def test_from_std_duration(self):
        self.assertEqual(SignedDuration.try_from(datetime.timedelta(seconds=5)), SignedDuration.seconds(5))


class TestExtensionTraitsAndUtil(unittest.TestCase):
    def test_numerical_duration(self):
        self.assertEqual(time_rs.ext.days_i64(3), SignedDuration.days(3))
        self.assertEqual(str(time_rs.ext.hours_f64(1.5)), "1h30m")
        self.assertEqual(time_rs.ext.std_days_u64(1), datetime.timedelta(days=1))

    def test_days_in_month(self):
        self.assertEqual(time_rs.util.days_in_month(Month.February, 2024), 29)
        self.assertEqual(time_rs.util.days_in_year_month(2023, Month.February), 28)


if __name__ == "__main__":
    unittest.main()
