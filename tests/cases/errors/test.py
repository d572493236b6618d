"""Errors: Result with crate errors, foreign errors, io errors, and panics."""

import errno
import os
import pathlib
import tempfile
import unittest

import errors


class TestCrateErrorClasses(unittest.TestCase):
    def test_parse_error_is_exception_class(self):
        self.assertIsInstance(errors.ParseError, type)
        self.assertTrue(issubclass(errors.ParseError, Exception))

    def test_limit_error_is_exception_class(self):
        self.assertIsInstance(errors.LimitError, type)
        self.assertTrue(issubclass(errors.LimitError, Exception))

    def test_classes_are_distinct(self):
        self.assertIsNot(errors.ParseError, errors.LimitError)
        self.assertFalse(issubclass(errors.ParseError, errors.LimitError))
        self.assertFalse(issubclass(errors.LimitError, errors.ParseError))

    def test_class_names(self):
        self.assertEqual(errors.ParseError.__name__, "ParseError")
        self.assertEqual(errors.LimitError.__name__, "LimitError")
        self.assertEqual(errors.ParseError.__module__, "errors")
        self.assertEqual(errors.LimitError.__module__, "errors")

    def test_type_alias_not_bound(self):
        self.assertFalse(hasattr(errors, "Res"))


class TestCrateErrors(unittest.TestCase):
    def test_ok_value_returned(self):
        self.assertEqual(errors.parse_digit("7"), 7)
        self.assertEqual(errors.parse_digit("0"), 0)

    def test_enum_unit_variant_raised(self):
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_digit("")
        self.assertEqual(str(cm.exception), "empty input")

    def test_enum_data_variant_raised(self):
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_digit("x")
        self.assertEqual(str(cm.exception), "bad digit: 'x'")

    def test_display_with_non_ascii(self):
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_digit("é")
        self.assertEqual(str(cm.exception), "bad digit: 'é'")

    def test_caught_as_exception(self):
        try:
            errors.parse_digit("12")
        except Exception as e:  # noqa: BLE001 - the point is that it is an Exception
            self.assertIsInstance(e, errors.ParseError)
            self.assertEqual(str(e), "bad digit: '2'")
        else:
            self.fail("no exception raised")

    def test_crate_error_is_not_a_panic(self):
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_digit("")
        self.assertNotIsInstance(cm.exception, errors.RustPanic)

    def test_type_alias_result(self):
        self.assertEqual(errors.parse_number("1234"), 1234)
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_number("12a4")
        self.assertEqual(str(cm.exception), "bad digit: 'a'")
        with self.assertRaises(errors.ParseError) as cm:
            errors.parse_number("")
        self.assertEqual(str(cm.exception), "empty input")

    def test_struct_error(self):
        self.assertEqual(errors.check_limit(5, 10), 5)
        with self.assertRaises(errors.LimitError) as cm:
            errors.check_limit(11, 10)
        self.assertEqual(str(cm.exception), "limit of 10 exceeded")

    def test_struct_error_is_not_parse_error(self):
        with self.assertRaises(errors.LimitError) as cm:
            errors.check_limit(2, 1)
        self.assertNotIsInstance(cm.exception, errors.ParseError)

    def test_error_class_raised_from_python(self):
        with self.assertRaises(errors.ParseError) as cm:
            raise errors.ParseError("from python")
        self.assertEqual(str(cm.exception), "from python")

    def test_raised_again_after_error(self):
        for _ in range(3):
            with self.assertRaises(errors.ParseError):
                errors.parse_digit("")
        self.assertEqual(errors.parse_digit("3"), 3)


class TestForeignErrors(unittest.TestCase):
    def test_string_error(self):
        self.assertIsNone(errors.must_be_positive(1))
        with self.assertRaises(RuntimeError) as cm:
            errors.must_be_positive(-1)
        self.assertEqual(str(cm.exception), "-1 is not positive")
        self.assertNotIsInstance(cm.exception, errors.RustPanic)

    def test_static_str_error(self):
        self.assertEqual(errors.nonzero(5), 5)
        with self.assertRaises(RuntimeError) as cm:
            errors.nonzero(0)
        self.assertEqual(str(cm.exception), "zero is not allowed")
        self.assertNotIsInstance(cm.exception, errors.RustPanic)

    def test_box_dyn_error(self):
        self.assertEqual(errors.reformat("42"), "+42")
        with self.assertRaises(RuntimeError) as cm:
            errors.reformat("4x2")
        self.assertEqual(str(cm.exception), "invalid digit found in string")

    def test_box_dyn_error_send_sync(self):
        self.assertEqual(errors.non_empty("abc"), "abc")
        with self.assertRaises(RuntimeError) as cm:
            errors.non_empty("")
        self.assertEqual(str(cm.exception), "empty string")


class TestIoErrors(unittest.TestCase):
    def test_read_file_ok(self):
        with tempfile.TemporaryDirectory() as d:
            p = pathlib.Path(d) / "f.txt"
            p.write_text("héllo 🦀\n", encoding="utf-8")
            self.assertEqual(errors.read_file(p), "héllo 🦀\n")
            self.assertEqual(errors.read_file(str(p)), "héllo 🦀\n")

    def test_missing_file_raises_file_not_found(self):
        with tempfile.TemporaryDirectory() as d:
            missing = os.path.join(d, "does-not-exist.txt")
            with self.assertRaises(FileNotFoundError) as cm:
                errors.read_file(missing)
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.errno, errno.ENOENT)

    def test_directory_raises_is_a_directory(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(IsADirectoryError) as cm:
                errors.read_file(d)
        self.assertEqual(cm.exception.errno, errno.EISDIR)

    def test_invalid_utf8_raises_oserror(self):
        with tempfile.TemporaryDirectory() as d:
            p = pathlib.Path(d) / "bin"
            p.write_bytes(b"\xff\xfe\x00")
            with self.assertRaises(OSError):
                errors.read_file(p)

    def test_raw_os_error_13_is_permission_error(self):
        with self.assertRaises(PermissionError) as cm:
            errors.denied()
        self.assertEqual(cm.exception.errno, 13)
        self.assertEqual(cm.exception.errno, errno.EACCES)

    def test_raw_os_error_maps_to_oserror_subclass(self):
        cases = {
            errno.ENOENT: FileNotFoundError,
            errno.EEXIST: FileExistsError,
            errno.ECONNREFUSED: ConnectionRefusedError,
        }
        for code, cls in cases.items():
            with self.subTest(errno=code):
                with self.assertRaises(cls) as cm:
                    errors.os_error(code)
                self.assertEqual(cm.exception.errno, code)

    def test_custom_io_error(self):
        with self.assertRaises(OSError) as cm:
            errors.custom_io()
        self.assertIn("custom", str(cm.exception))
        self.assertNotIsInstance(cm.exception, errors.RustPanic)


class TestPanics(unittest.TestCase):
    def test_rust_panic_class(self):
        self.assertIsInstance(errors.RustPanic, type)
        self.assertTrue(issubclass(errors.RustPanic, RuntimeError))
        self.assertEqual(errors.RustPanic.__name__, "RustPanic")

    def test_panic_raises_rust_panic(self):
        with self.assertRaises(errors.RustPanic) as cm:
            errors.boom("x")
        self.assertIn("boom: x", str(cm.exception))

    def test_caught_panic_prints_nothing(self):
        # The message is in the exception, not also on stderr (Rust's panic hook).
        import subprocess
        import sys

        script = "import errors\ntry:\n    errors.boom('quiet')\nexcept errors.RustPanic as e:\n    print(e)\n"
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("boom: quiet", out.stdout)
        self.assertEqual(out.stderr, "")

    def test_panic_is_runtime_error(self):
        with self.assertRaises(RuntimeError):
            errors.boom("y")

    def test_panic_message_non_ascii(self):
        with self.assertRaises(errors.RustPanic) as cm:
            errors.boom("é🦀")
        self.assertIn("boom: é🦀", str(cm.exception))

    def test_module_usable_after_panic(self):
        with self.assertRaises(errors.RustPanic):
            errors.boom("first")
        with self.assertRaises(errors.RustPanic) as cm:
            errors.boom("second")
        self.assertIn("boom: second", str(cm.exception))
        self.assertEqual(errors.parse_digit("4"), 4)

    def test_arithmetic_panic(self):
        self.assertEqual(errors.divide(7, 2), 3)
        with self.assertRaises(errors.RustPanic) as cm:
            errors.divide(1, 0)
        self.assertIn("attempt to divide by zero", str(cm.exception))

    def test_non_string_payload(self):
        with self.assertRaises(errors.RustPanic):
            errors.panic_with_number()
        self.assertEqual(errors.parse_digit("1"), 1)

    def test_panic_in_result_function(self):
        self.assertEqual(errors.maybe_panic(False), 1)
        with self.assertRaises(errors.RustPanic) as cm:
            errors.maybe_panic(True)
        self.assertIn("asked to panic", str(cm.exception))
        self.assertNotIsInstance(cm.exception, errors.ParseError)

    def test_many_panics(self):
        for i in range(1000):
            with self.assertRaises(errors.RustPanic):
                errors.boom(str(i))
        self.assertEqual(errors.parse_digit("9"), 9)
        with self.assertRaises(errors.RustPanic) as cm:
            errors.boom("last")
        self.assertIn("boom: last", str(cm.exception))


if __name__ == "__main__":
    unittest.main()
