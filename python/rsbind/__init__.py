"""rsbind from Python: ``rsbind.load(path)`` binds a Rust crate, builds it once
and imports it, like gopy's ``gopy.load``::

    import rsbind
    hello = rsbind.load("examples/hello")      # a crate folder, or an interface file
    print(hello.hello("x"))

The build is cached (``$RSBIND_CACHE_DIR``, else ``$XDG_CACHE_HOME/rsbind``, else
``~/.cache/rsbind``) under a key of the crate's files (or the interface file and
its crate's files), the options, the ``rsbind`` command, the Python interpreter
and ``rustc -vV``: a second ``load`` with nothing changed imports the module
built before. Build progress goes to stderr; a failure raises :class:`BindError`
with rsbind's diagnostics.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType
from typing import Iterable, Optional, Sequence, Union

__all__ = ["load", "BindError", "executable", "cache_dir"]

# A change here makes every cached build stale.
_CACHE_FORMAT = "1"


class BindError(Exception):
    """rsbind could not bind, build or import a crate. ``str(e)`` (and
    ``e.diagnostics``) is what rsbind printed: rustc-style diagnostics."""

    def __init__(self, message: str, diagnostics: str = "") -> None:
        super().__init__(message + ("\n" + diagnostics if diagnostics else ""))
        self.diagnostics = diagnostics


def executable() -> str:
    """The ``rsbind`` command: the one installed with this package, else the
    one on PATH."""
    name = "rsbind.exe" if os.name == "nt" else "rsbind"
    beside = os.path.join(sysconfig.get_path("scripts"), name)
    if os.path.isfile(beside):
        return beside
    found = shutil.which("rsbind")
    if found:
        return found
    raise BindError(
        "the rsbind command is not installed: `pip install .` in rsbind's "
        "repository, or `cargo install --path compiler`"
    )


def cache_dir() -> Path:
    """Where :func:`load` keeps its builds."""
    if os.environ.get("RSBIND_CACHE_DIR"):
        return Path(os.environ["RSBIND_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "rsbind"


def load(
    path: Union[str, "os.PathLike[str]"],
    *,
    features: Sequence[str] = (),
    all_features: bool = False,
    no_default_features: bool = False,
    quiet: bool = False,
    rebuild: bool = False,
) -> ModuleType:
    """Binds, builds and imports the crate at ``path`` (its folder) or the
    interface file ``path`` (a ``.ron``), and returns the module.

    ``features``, ``all_features`` and ``no_default_features`` choose the
    crate's cargo features (for a crate folder). ``quiet`` keeps the build's
    progress off stderr; ``rebuild`` ignores the cache.
    """
    source = Path(path).resolve()
    is_ron = source.is_file() and source.suffix == ".ron"
    if not is_ron and not (source / "Cargo.toml").is_file():
        raise BindError(f"{path} is neither a crate folder (with Cargo.toml) nor an interface file (.ron)")
    rsbind = executable()
    options = []
    if features:
        options += ["--features", ",".join(features)]
    if all_features:
        options.append("--all-features")
    if no_default_features:
        options.append("--no-default-features")
    if is_ron and options:
        raise BindError("features are chosen by the interface file: pass them to `rsbind extract`")
    key = _key(source, is_ron, rsbind, options)
    root = cache_dir()
    out = root / f"{_stem(source)}-{key[:16]}"
    done = out / ".rsbind-built"
    if rebuild or not done.is_file():
        shutil.rmtree(out, ignore_errors=True)
        if is_ron:
            command = [rsbind, "build", str(source), "-o", str(out)]
        else:
            command = [rsbind, "bind", str(source), "-o", str(out)] + options
        command += ["--python", sys.executable, "--color", "never"]
        env = dict(os.environ)
        env.setdefault("CARGO_TARGET_DIR", str(root / "target"))
        if not quiet:
            print(f"rsbind: building {path} (cached in {out})", file=sys.stderr)
        _run(command, env, quiet, out)
        module_file = _module_file(out)
        done.write_text(module_file.name)
    module_file = out / done.read_text().strip()
    return _import(module_file)


def _run(command: "list[str]", env: "dict[str, str]", quiet: bool, out: Path) -> None:
    """Runs rsbind, its output forwarded to stderr as it comes and kept for
    the exception."""
    try:
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    except OSError as e:
        raise BindError(f"cannot run {command[0]}: {e}") from None
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if not quiet:
            sys.stderr.write(line)
            sys.stderr.flush()
    if proc.wait() != 0:
        shutil.rmtree(out, ignore_errors=True)
        raise BindError(f"rsbind failed ({' '.join(command[1:3])})", "".join(lines).rstrip())


def _module_file(out: Path) -> Path:
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    found = sorted(p for p in out.iterdir() if p.name.endswith(suffix))
    if len(found) != 1:
        raise BindError(f"rsbind built {len(found)} modules in {out} where one was expected")
    return found[0]


def _import(module_file: Path) -> ModuleType:
    name = module_file.name.split(".")[0]
    spec = importlib.util.spec_from_file_location(name, module_file)
    if spec is None or spec.loader is None:
        raise BindError(f"cannot import {module_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _stem(source: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", source.stem if source.is_file() else source.name)


def _key(source: Path, is_ron: bool, rsbind: str, options: "list[str]") -> str:
    h = hashlib.sha256()

    def put(*parts: Union[str, bytes]) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)

    stat = os.stat(rsbind)
    put(_CACHE_FORMAT, rsbind, str(stat.st_size), str(stat.st_mtime_ns))
    put(sys.executable, sys.version, sysconfig.get_config_var("EXT_SUFFIX") or "")
    put(_rustc_version(), *options)
    if is_ron:
        text = source.read_text(encoding="utf-8")
        put(str(source), text)
        crate = re.search(r'crate:\s*CrateRef\([^)]*?path:\s*"([^"]*)"', text)
        crate_dir = (source.parent / crate.group(1)).resolve() if crate else source.parent
    else:
        crate_dir = source
    put(str(crate_dir))
    for file in _crate_files(crate_dir):
        put(str(file.relative_to(crate_dir)), file.read_bytes())
    return h.hexdigest()


def _crate_files(crate_dir: Path) -> Iterable[Path]:
    """The crate's sources and manifests (not target/, not hidden folders)."""
    for folder, dirs, files in os.walk(crate_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "target")
        for name in sorted(files):
            if name.endswith(".rs") or name in ("Cargo.toml", "Cargo.lock", "build.rs"):
                yield Path(folder) / name


def _rustc_version() -> str:
    rustc = os.environ.get("RUSTC", "rustc")
    try:
        return subprocess.run([rustc, "-vV"], capture_output=True, text=True).stdout
    except OSError:
        return ""
