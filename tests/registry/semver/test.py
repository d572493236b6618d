"""The real semver 1.0.27 crate from crates.io, bound unmodified.

Expected values (messages, orderings, Display and Debug text) are the crate's own,
checked against its source: Version, VersionReq, Comparator, Op, Prerelease,
BuildMetadata, and its one error type `Error` (re-exported from a private module).

`Version`, `VersionReq` and `Comparator` implement `FromStr` and have an inherent
`parse` of their own: Rust's method calls prefer the inherent one, and so does the
binding (`<Version as FromStr>::from_str` is listed as skipped for that reason).
`FromIterator<Comparator> for VersionReq` is generic (no instantiation listed).
`Version::cmp_precedence` returns `std::cmp::Ordering`, an int (-1, 0, 1) in
Python, so `functools.cmp_to_key(Version.cmp_precedence)` sorts by precedence.
"""

import copy
import functools
import enum
import unittest

import semver

V = semver.Version


class TestModuleShape(unittest.TestCase):
    def test_classes(self):
        for name in ("Version", "VersionReq", "Comparator", "Prerelease", "BuildMetadata", "Error"):
            with self.subTest(name=name):
                cls = getattr(semver, name)
                self.assertIsInstance(cls, type)
                self.assertEqual(cls.__name__, name)

    def test_module_doc(self):
        self.assertIn("Semantic Versioning", semver.__doc__)

    def test_error_is_exception_class(self):
        self.assertTrue(issubclass(semver.Error, Exception))
        self.assertFalse(issubclass(semver.Error, semver.RustPanic))

    def test_private_items_not_bound(self):
        for name in ("Identifier", "ErrorKind", "Position", "parse", "identifier", "error", "impls"):
            with self.subTest(name=name):
                self.assertFalse(hasattr(semver, name))


class TestVersionParse(unittest.TestCase):
    def test_fields(self):
        v = V.parse("1.2.3-alpha")
        self.assertIs(type(v), V)
        self.assertEqual(v.major, 1)
        self.assertEqual(v.minor, 2)
        self.assertEqual(v.patch, 3)
        self.assertIs(type(v.major), int)

    def test_keyword_argument(self):
        self.assertEqual(V.parse(text="4.5.6").minor, 5)

    def test_prerelease_field(self):
        v = V.parse("1.2.3-alpha")
        self.assertIsInstance(v.pre, semver.Prerelease)
        self.assertEqual(str(v.pre), "alpha")
        self.assertEqual(v.pre.as_str(), "alpha")
        self.assertFalse(v.pre.is_empty())
        self.assertTrue(v.build.is_empty())

    def test_build_field(self):
        v = V.parse("1.2.3+build.5")
        self.assertIsInstance(v.build, semver.BuildMetadata)
        self.assertEqual(str(v.build), "build.5")
        self.assertEqual(v.build.as_str(), "build.5")
        self.assertTrue(v.pre.is_empty())
        self.assertEqual(str(v.pre), "")

    def test_display(self):
        self.assertEqual(str(V.parse("1.2.3-alpha")), "1.2.3-alpha")
        self.assertEqual(str(V.parse("1.2.3")), "1.2.3")
        self.assertEqual(str(V.parse("0.0.0-rc.1+build.5")), "0.0.0-rc.1+build.5")

    def test_debug(self):
        self.assertEqual(repr(V.parse("1.2.3")), "Version { major: 1, minor: 2, patch: 3 }")
        self.assertEqual(
            repr(V.parse("1.2.3-alpha+b.5")),
            'Version { major: 1, minor: 2, patch: 3, pre: Prerelease("alpha"), build: BuildMetadata("b.5") }',
        )

    def test_error(self):
        with self.assertRaises(semver.Error) as cm:
            V.parse("nope")
        self.assertTrue(str(cm.exception))
        self.assertEqual(str(cm.exception), "unexpected character 'n' while parsing major version number")
        self.assertIsInstance(cm.exception, Exception)

    def test_error_messages(self):
        cases = {
            "": "empty string, expected a semver version",
            "1.2": "unexpected end of input while parsing minor version number",
            "18446744073709551616.0.0": "value of major version number exceeds u64::MAX",
            "1.2.3-01": "invalid leading zero in pre-release identifier",
        }
        for text, message in cases.items():
            with self.subTest(text=text):
                with self.assertRaises(semver.Error) as cm:
                    V.parse(text)
                self.assertEqual(str(cm.exception), message)

    def test_wrong_argument_type(self):
        with self.assertRaises(TypeError):
            V.parse(123)
        with self.assertRaises(TypeError):
            V.parse(None)

    def test_usable_after_errors(self):
        for _ in range(100):
            with self.assertRaises(semver.Error):
                V.parse("x.y.z")
        self.assertEqual(str(V.parse("1.0.0")), "1.0.0")


class TestVersionNew(unittest.TestCase):
    def test_positional(self):
        v = V(1, 2, 3)
        self.assertIs(type(v), V)
        self.assertEqual((v.major, v.minor, v.patch), (1, 2, 3))
        self.assertEqual(str(v), "1.2.3")
        self.assertTrue(v.pre.is_empty())
        self.assertTrue(v.build.is_empty())

    def test_keywords(self):
        self.assertEqual(V(major=1, minor=2, patch=3), V(1, 2, 3))

    def test_equals_parsed(self):
        self.assertEqual(V(1, 2, 3), V.parse("1.2.3"))

    def test_empty_consts(self):
        v = V(1, 2, 3)
        self.assertEqual(v.pre, semver.Prerelease.EMPTY)
        self.assertEqual(v.build, semver.BuildMetadata.EMPTY)

    def test_u64_range(self):
        self.assertEqual(V(2**64 - 1, 0, 0).major, 2**64 - 1)
        self.assertEqual(str(V(2**64 - 1, 0, 0)), "18446744073709551615.0.0")
        with self.assertRaises(OverflowError):
            V(-1, 0, 0)
        with self.assertRaises(OverflowError):
            V(0, 2**64, 0)

    def test_wrong_types(self):
        with self.assertRaisesRegex(TypeError, r"'major'"):
            V("1", 2, 3)
        with self.assertRaisesRegex(TypeError, r"'patch'"):
            V(1, 2, 3.0)
        with self.assertRaises(TypeError):
            V(1, 2)

    def test_fields_assignable(self):
        v = V(1, 2, 3)
        v.major = 5
        self.assertEqual(str(v), "5.2.3")
        v.pre = semver.Prerelease("beta.2")
        self.assertEqual(str(v), "5.2.3-beta.2")
        v.build = semver.BuildMetadata("abc")
        self.assertEqual(str(v), "5.2.3-beta.2+abc")
        with self.assertRaises(OverflowError):
            v.minor = -1
        with self.assertRaisesRegex(TypeError, r"pre"):
            v.pre = "beta"
        self.assertEqual(str(v), "5.2.3-beta.2+abc")

    def test_field_read_is_a_copy(self):
        v = V.parse("1.2.3-alpha")
        pre = v.pre
        v.pre = semver.Prerelease("rc.1")
        self.assertEqual(str(pre), "alpha")
        self.assertEqual(str(v.pre), "rc.1")


class TestVersionCompare(unittest.TestCase):
    def test_prerelease_is_lower(self):
        self.assertTrue(V.parse("1.2.3") > V.parse("1.2.3-alpha"))
        self.assertTrue(V.parse("1.2.3-alpha") < V.parse("1.2.3"))
        self.assertTrue(V.parse("1.2.3-alpha") < V.parse("1.2.3-beta"))
        self.assertTrue(V.parse("1.2.3-alpha.2") < V.parse("1.2.3-alpha.11"))

    def test_numeric_order(self):
        self.assertTrue(V.parse("1.10.0") > V.parse("1.9.0"))
        self.assertTrue(V(2, 0, 0) >= V(1, 99, 99))
        self.assertTrue(V(1, 2, 3) <= V(1, 2, 3))

    def test_equality(self):
        self.assertEqual(V.parse("1.2.3-alpha"), V.parse("1.2.3-alpha"))
        self.assertNotEqual(V.parse("1.2.3-alpha"), V.parse("1.2.3"))
        # Build metadata takes part in equality and order (the derived impls).
        self.assertNotEqual(V.parse("1.2.3+b"), V.parse("1.2.3"))
        self.assertTrue(V.parse("1.2.3+b") > V.parse("1.2.3"))

    def test_sorting(self):
        texts = ["1.10.0", "1.2.3", "1.2.3-alpha", "0.9.0", "1.2.3-alpha.1", "2.0.0-rc.1"]
        ordered = sorted(V.parse(t) for t in texts)
        self.assertEqual(
            [str(v) for v in ordered],
            ["0.9.0", "1.2.3-alpha", "1.2.3-alpha.1", "1.2.3", "1.10.0", "2.0.0-rc.1"],
        )
        self.assertEqual(str(max(V.parse(t) for t in texts)), "2.0.0-rc.1")

    def test_other_types(self):
        v = V(1, 2, 3)
        self.assertFalse(v == "1.2.3")
        self.assertTrue(v != (1, 2, 3))
        with self.assertRaises(TypeError):
            v < "1.2.3"
        with self.assertRaises(TypeError):
            v > semver.Prerelease("alpha")

    def test_hash(self):
        self.assertEqual(hash(V.parse("1.2.3-alpha")), hash(V.parse("1.2.3-alpha")))
        self.assertEqual(hash(V(1, 2, 3)), hash(V.parse("1.2.3")))
        versions = {V.parse("1.2.3"), V(1, 2, 3), V.parse("1.2.3-alpha")}
        self.assertEqual(len(versions), 2)
        d = {V(1, 0, 0): "one"}
        self.assertEqual(d[V.parse("1.0.0")], "one")

    def test_copy(self):
        v = V.parse("1.2.3-alpha")
        c = copy.copy(v)
        self.assertEqual(c, v)
        self.assertIsNot(c, v)
        c.patch = 9
        self.assertEqual(v.patch, 3)
        d = copy.deepcopy(v)
        self.assertEqual(d, v)
        d.pre = semver.Prerelease.EMPTY
        self.assertEqual(str(v), "1.2.3-alpha")


class TestVersionReq(unittest.TestCase):
    def test_matches(self):
        req = semver.VersionReq.parse(">=1.2")
        self.assertIs(type(req), semver.VersionReq)
        self.assertIs(req.matches(V.parse("1.3.0")), True)
        self.assertIs(req.matches(V.parse("1.1.0")), False)
        self.assertTrue(req.matches(version=V(1, 2, 0)))

    def test_caret_and_tilde(self):
        caret = semver.VersionReq.parse("^1.2.3")
        self.assertTrue(caret.matches(V.parse("1.9.0")))
        self.assertFalse(caret.matches(V.parse("2.0.0")))
        tilde = semver.VersionReq.parse("~1.2.3")
        self.assertTrue(tilde.matches(V.parse("1.2.9")))
        self.assertFalse(tilde.matches(V.parse("1.3.0")))

    def test_prerelease_rules(self):
        self.assertFalse(semver.VersionReq.parse(">=1.0").matches(V.parse("1.5.0-alpha")))
        self.assertTrue(semver.VersionReq.parse(">=1.2.3-alpha").matches(V.parse("1.2.3-beta")))

    def test_display(self):
        self.assertEqual(str(semver.VersionReq.parse(">=1.2, <2")), ">=1.2, <2")
        self.assertEqual(str(semver.VersionReq.parse("1.2.3")), "^1.2.3")
        self.assertEqual(str(semver.VersionReq.parse("=1.2.3")), "=1.2.3")

    def test_star(self):
        star = semver.VersionReq.STAR
        self.assertIs(type(star), semver.VersionReq)
        self.assertEqual(str(star), "*")
        self.assertTrue(star.matches(V(5, 0, 0)))
        self.assertFalse(star.matches(V.parse("1.0.0-alpha")))
        self.assertEqual(star, semver.VersionReq.parse("*"))

    def test_errors(self):
        with self.assertRaises(semver.Error) as cm:
            semver.VersionReq.parse(">=1.2 <2")
        self.assertEqual(str(cm.exception), "expected comma after minor version number, found '<'")
        with self.assertRaises(semver.Error) as cm:
            semver.VersionReq.parse("nope")
        self.assertTrue(str(cm.exception))

    def test_matches_wrong_type(self):
        req = semver.VersionReq.parse(">=1.2")
        with self.assertRaises(TypeError):
            req.matches("1.3.0")
        with self.assertRaises(TypeError):
            req.matches(semver.Prerelease("alpha"))

    def test_comparators(self):
        req = semver.VersionReq.parse(">=1.2, <2")
        comps = req.comparators
        self.assertIsInstance(comps, list)
        self.assertEqual(len(comps), 2)
        first, second = comps
        self.assertIs(type(first), semver.Comparator)
        self.assertIs(first.op, semver.Op.GreaterEq)
        self.assertEqual(first.major, 1)
        self.assertEqual(first.minor, 2)
        self.assertIsNone(first.patch)
        self.assertTrue(first.pre.is_empty())
        self.assertIs(second.op, semver.Op.Less)
        self.assertEqual(second.major, 2)
        self.assertIsNone(second.minor)

    def test_comparators_list_is_a_copy(self):
        req = semver.VersionReq.parse(">=1.2, <2")
        req.comparators.clear()
        self.assertEqual(len(req.comparators), 2)

    def test_built_from_comparators(self):
        req = semver.VersionReq.parse(">=1.2, <2")
        again = semver.VersionReq(req.comparators)
        self.assertEqual(again, req)
        self.assertTrue(again.matches(semver.Version.parse("1.5.0")))

    def test_hash_and_equality(self):
        a = semver.VersionReq.parse(">=1.2, <2")
        b = semver.VersionReq.parse(">=1.2, <2")
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        self.assertNotEqual(a, semver.VersionReq.parse(">=1.2"))


class TestComparator(unittest.TestCase):
    def test_parse(self):
        c = semver.Comparator.parse("^1.2")
        self.assertIs(c.op, semver.Op.Caret)
        self.assertEqual(str(c), "^1.2")
        self.assertTrue(c.matches(V(1, 9, 0)))
        self.assertFalse(c.matches(V(2, 0, 0)))

    def test_construct_from_fields(self):
        c = semver.Comparator(semver.Op.Exact, 1, 2, 3, semver.Prerelease.EMPTY)
        self.assertEqual(str(c), "=1.2.3")
        self.assertTrue(c.matches(V(1, 2, 3)))
        self.assertFalse(c.matches(V(1, 2, 4)))
        d = semver.Comparator(op=semver.Op.Greater, major=1, minor=None, patch=None, pre=semver.Prerelease.EMPTY)
        self.assertEqual(str(d), ">1")
        self.assertEqual(d, semver.Comparator.parse(">1"))

    def test_parse_error(self):
        with self.assertRaises(semver.Error):
            semver.Comparator.parse(">=1.2, <2")


class TestOp(unittest.TestCase):
    def test_int_enum(self):
        self.assertTrue(issubclass(semver.Op, enum.IntEnum))
        self.assertEqual(
            [m.name for m in semver.Op],
            ["Exact", "Greater", "GreaterEq", "Less", "LessEq", "Tilde", "Caret", "Wildcard"],
        )
        self.assertEqual(int(semver.Op.Exact), 0)
        self.assertEqual(int(semver.Op.Wildcard), 7)

    def test_field_takes_member(self):
        c = semver.Comparator.parse(">=1.2")
        c.op = semver.Op.Less
        self.assertEqual(str(c), "<1.2")


class TestPrerelease(unittest.TestCase):
    def test_construct(self):
        p = semver.Prerelease("alpha.1")
        self.assertIs(type(p), semver.Prerelease)
        self.assertEqual(str(p), "alpha.1")
        self.assertEqual(p.as_str(), "alpha.1")
        self.assertFalse(p.is_empty())
        self.assertEqual(semver.Prerelease(text="rc").as_str(), "rc")

    def test_empty(self):
        self.assertTrue(semver.Prerelease("").is_empty())
        self.assertEqual(semver.Prerelease(""), semver.Prerelease.EMPTY)
        self.assertTrue(semver.Prerelease.EMPTY.is_empty())
        self.assertEqual(str(semver.Prerelease.EMPTY), "")

    def test_errors(self):
        with self.assertRaises(semver.Error) as cm:
            semver.Prerelease("01")
        self.assertEqual(str(cm.exception), "invalid leading zero in pre-release identifier")
        with self.assertRaises(semver.Error) as cm:
            semver.Prerelease("alpha!")
        self.assertEqual(str(cm.exception), "unexpected character in pre-release identifier")

    def test_order(self):
        P = semver.Prerelease
        self.assertTrue(P("alpha") < P("beta"))
        self.assertTrue(P("alpha") < P("alpha.1"))
        self.assertTrue(P("alpha.2") < P("alpha.11"))
        self.assertEqual(sorted([P("beta"), P("alpha.11"), P("alpha.2")]), [P("alpha.2"), P("alpha.11"), P("beta")])

    def test_hash(self):
        self.assertEqual(hash(semver.Prerelease("alpha")), hash(semver.Prerelease("alpha")))
        self.assertEqual(len({semver.Prerelease("a"), semver.Prerelease("a"), semver.Prerelease("b")}), 2)

    def test_debug(self):
        self.assertEqual(repr(semver.Prerelease("alpha.1")), 'Prerelease("alpha.1")')


class TestBuildMetadata(unittest.TestCase):
    def test_construct(self):
        b = semver.BuildMetadata("build.5")
        self.assertEqual(str(b), "build.5")
        self.assertEqual(b.as_str(), "build.5")
        self.assertFalse(b.is_empty())
        # Leading zeros are allowed in build metadata.
        self.assertEqual(semver.BuildMetadata("001").as_str(), "001")

    def test_empty(self):
        self.assertTrue(semver.BuildMetadata.EMPTY.is_empty())
        self.assertEqual(semver.BuildMetadata(""), semver.BuildMetadata.EMPTY)

    def test_error(self):
        with self.assertRaises(semver.Error) as cm:
            semver.BuildMetadata("a..b")
        self.assertEqual(str(cm.exception), "empty identifier segment in build metadata")

    def test_order_and_debug(self):
        self.assertTrue(semver.BuildMetadata("a") < semver.BuildMetadata("b"))
        self.assertEqual(repr(semver.BuildMetadata("b.5")), 'BuildMetadata("b.5")')


class TestParseIsInherent(unittest.TestCase):
    """The inherent `parse` is bound; FromStr's, which would share the name, is not."""

    def test_inherent_docs(self):
        self.assertTrue(V.parse.__doc__.startswith("Create `Version` by parsing from string representation."))
        self.assertTrue(
            semver.VersionReq.parse.__doc__.startswith("Create `VersionReq` by parsing from string representation.")
        )

    def test_constructor_is_not_parse(self):
        # `Version::new(major, minor, patch)` is the constructor.
        with self.assertRaises(TypeError):
            V("1.2.3")

    def test_parse_then_compare_and_match(self):
        req = semver.VersionReq.parse(">=1.2.3, <1.8.0")
        versions = [V.parse(t) for t in ("1.8.0", "1.2.3", "1.7.9-rc.1", "1.7.9", "1.2.2")]
        self.assertEqual([str(v) for v in versions if req.matches(v)], ["1.2.3", "1.7.9"])
        self.assertEqual(str(max(v for v in versions if req.matches(v))), "1.7.9")
        self.assertTrue(V.parse("1.2.3") == V(1, 2, 3) < V.parse("1.2.4"))



class TestPrecedence(unittest.TestCase):
    def test_cmp_precedence_is_an_ordering(self):
        self.assertEqual(V.parse("1.0.0").cmp_precedence(V.parse("1.0.1")), -1)
        self.assertEqual(V.parse("1.0.0+a").cmp_precedence(V.parse("1.0.0+b")), 0)
        self.assertEqual(V.parse("2.0.0").cmp_precedence(V.parse("1.0.0")), 1)

    def test_sort_by_precedence(self):
        # The crate's own example: build metadata does not reorder.
        texts = ["1.20.0+c144a98", "1.20.0", "1.0.0", "1.0.0-alpha", "1.20.0+bc17664"]
        versions = sorted((V.parse(t) for t in texts), key=functools.cmp_to_key(V.cmp_precedence))
        self.assertEqual(
            [str(v) for v in versions],
            ["1.0.0-alpha", "1.0.0", "1.20.0+c144a98", "1.20.0", "1.20.0+bc17664"],
        )


if __name__ == "__main__":
    unittest.main()
