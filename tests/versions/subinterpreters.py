"""A module imports twice in fresh legacy sub-interpreters (sharing the GIL),
works there with its own classes, and works again in the main interpreter,
after a reload and a re-import too; an isolated sub-interpreter (its own GIL, 3.12+) refuses it
with an ImportError.

Usage: subinterpreters.py MODULE  (MODULE is modules_statics, on PYTHONPATH)."""

import os
import sys
import tempfile

import _testcapi

name = sys.argv[1]
fd, out = tempfile.mkstemp()
os.close(fd)
# What the sub-interpreter sees: a function call, a class, a submodule, a live static.
code = f"""
import sys
sys.path[:0] = {os.environ["PYTHONPATH"].split(os.pathsep)!r}
import {name} as m
import {name}.geo
m.SMALL = 9
e = m.make_exposed(5)
assert isinstance(e, m.Exposed), e
with open({out!r}, "a") as f:
    f.write(repr((m.ANSWER, m.geo.__name__, m.SMALL, e == m.Exposed(5))) + "\\n")
"""
try:
    for _ in range(2):
        rc = _testcapi.run_in_subinterp(code)
        assert rc == 0, f"the sub-interpreter's import failed (rc {rc}; its traceback is above)"
    with open(out) as f:
        lines = f.read().splitlines()
finally:
    os.unlink(out)
assert len(lines) == 2 and lines[0] == lines[1], lines
print("sub-interpreters:", lines[0])

import importlib

m = importlib.import_module(name)
geo = importlib.import_module(name + ".geo")
assert lines[0] == repr((m.ANSWER, geo.__name__, m.SMALL, m.make_exposed(5) == m.Exposed(5))), lines

# A reload keeps the module object and its state (CPython does not run the
# exec slot again); an import after removing it from sys.modules makes a new
# module object with classes of its own, which accept the first's objects.
Exposed = m.Exposed
importlib.reload(m)
assert m.Exposed is Exposed and m.make_exposed(1) == Exposed(1)
del sys.modules[name]
again = importlib.import_module(name)
assert again is not m and again.Exposed is not Exposed and again.SMALL == m.SMALL
assert type(again.make_exposed(1)) is again.Exposed and again.make_exposed(1) == Exposed(1)
assert isinstance(again.geo.shapes.Square, type)

if sys.version_info >= (3, 12):
    try:
        import _interpreters as interpreters  # 3.13
    except ImportError:
        import _xxsubinterpreters as interpreters  # 3.12
    iid = interpreters.create()
    try:
        failure = interpreters.run_string(iid, f"import {name}")
    except Exception as e:  # 3.12 raises RunFailedError
        failure = e
    finally:
        interpreters.destroy(iid)
    text = str(failure)
    assert "ImportError" in text and "does not support loading in subinterpreters" in text, text
    print("isolated sub-interpreter refuses it:", text)
