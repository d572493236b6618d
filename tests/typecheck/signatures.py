"""Every callable that a module's stubs declare has a signature at run time
that `inspect.signature` reads (from its `__text_signature__`): functions,
static methods, class methods, instance methods, and the constructor (`__new__`
in the stub) of each class that has one, in the module and its submodules.
Dunders that slots give are CPython's wrappers, which have theirs; the
others (`__copy__`, `__reduce__`, ...) are the module's, and checked. stubtest compares the
signatures it can read; this checks that there is one to read.

Usage: signatures.py FOLDER MODULE [FOLDER MODULE]... (each folder holds the
module's stubs)."""

import ast
import importlib
import inspect
import pathlib
import sys


def stub_files(stub_dir, module):
    single = stub_dir / f"{module}.pyi"
    if single.exists():
        yield module, single
        return
    for path in sorted((stub_dir / module).rglob("*.pyi")):
        parts = path.relative_to(stub_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def decorators(node):
    return {ast.unparse(d).rsplit(".", 1)[-1] for d in node.decorator_list}


def declared(node, qualified):
    """(qualified name, attribute path) of the stub's callables."""
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            marks = decorators(item)
            if item.name == "__new__":
                yield qualified, ()
            elif not marks & {"property", "setter", "overload"}:
                yield f"{qualified}.{item.name}", (item.name,)
        elif isinstance(item, ast.ClassDef) and "type_check_only" not in decorators(item):
            for name, path in declared(item, f"{qualified}.{item.name}"):
                yield name, (item.name, *path)


def vars_of(module, attrs):
    obj = module
    for attr in attrs:
        obj = getattr(obj, attr)
    return vars(obj)


def main():
    missing, count = [], 0
    args = sys.argv[1:]
    for folder, root in zip(args[::2], args[1::2]):
        stub_dir = pathlib.Path(folder)
        for module_name, path in stub_files(stub_dir, root):
            module = importlib.import_module(module_name)
            tree = ast.parse(path.read_text(), str(path))
            for qualified, attrs in declared(tree, module_name):
                obj = module
                for attr in attrs:
                    obj = getattr(obj, attr)
                # A slot's wrapper has CPython's signature; an inherited
                # method (object's) is not the module's.
                if type(obj).__name__ in ("wrapper_descriptor", "method-wrapper"):
                    continue
                if attrs and attrs[-1] not in vars_of(module, attrs[:-1]):
                    continue
                count += 1
                try:
                    inspect.signature(obj)
                except (ValueError, TypeError) as e:
                    missing.append(f"{qualified}: {e}")
    if missing:
        print("no signature at run time (set __text_signature__):", *missing, sep="\n  ")
        sys.exit(1)
    print(f"{count} callables have signatures")


main()
