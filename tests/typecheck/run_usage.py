"""Runs the typed usage files (`tests/cases/CASE/typed_CASE.py`) that mypy
checks against the stubs: every function each defines without parameters is called (the others are
helpers that those call), so what
the type checker accepts is also what the module does.

Usage: run_usage.py FILE..."""

import importlib.util
import inspect
import pathlib
import sys


def main():
    calls = 0
    for path in map(pathlib.Path, sys.argv[1:]):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            takes = inspect.signature(function).parameters
            if function.__module__ == module.__name__ and not takes:
                function()
                calls += 1
    print(f"{calls} functions of {len(sys.argv) - 1} usage files ran")


main()
