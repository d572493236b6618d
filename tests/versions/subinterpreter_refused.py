"""The abi3 build of a module that calls Python from Rust, under 3.10 or 3.11:
importing it in a legacy sub-interpreter raises the ImportError that says why
(the limited API cannot take the GIL soundly there before 3.12), and the main
interpreter's import still works.

Usage: subinterpreter_refused.py MODULE  (MODULE on PYTHONPATH)."""

import os
import sys
import tempfile

import _testcapi

name = sys.argv[1]
fd, out = tempfile.mkstemp()
os.close(fd)
code = f"""
import sys
sys.path[:0] = {os.environ["PYTHONPATH"].split(os.pathsep)!r}
try:
    import {name}
    text = "imported"
except ImportError as e:
    text = str(e)
with open({out!r}, "w") as f:
    f.write(text)
"""
try:
    assert _testcapi.run_in_subinterp(code) == 0
    with open(out) as f:
        text = f.read()
finally:
    os.unlink(out)
expected = (
    f"{name}'s abi3 build calls Python from Rust (callables, trait objects), which in a "
    f"sub-interpreter needs CPython 3.12 or later; this interpreter is 3.{sys.version_info[1]}"
)
assert text.startswith(expected), text
m = __import__(name)
assert m.with_origin(lambda q: type(q) is m.Point) == 1
print("refused in a sub-interpreter:", text)
