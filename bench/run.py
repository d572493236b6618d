#!/usr/bin/env python3
"""Benchmarks: benchlib bound by rsbind, by hand in C, by PyO3 and through ctypes.

    python3 bench/run.py            # build everything, measure, write bench/results.md
                                    # and bench/chart.png
    python3 bench/run.py --quick    # tiny sizes and few loops (the smoke test's run)

It builds, in order: the rsbind CLI; benchlib's bindings with `rsbind extract` and
`rsbind build` (the build timed cold, with a fresh cargo target folder); the PyO3
crate (timed cold the same way); the hand-written C extension (a Rust staticlib
of shims linked into bench_c.c); the ctypes cdylib. Then it imports the four
modules into this process and times every operation with timeit: each figure is
the median of several repeats of enough loops, the repeats of the four bindings
interleaved. It prints one table and writes it, with the file sizes, the build
times and the time of `rsbind extract` + `gen` on syn, to results.md.

Only the standard library is needed; numpy (for the numpy row) and matplotlib
(for the chart; otherwise a small built-in PNG writer draws it) are used when
importable. Builds go to --out (default bench/target/, which git ignores).
"""

import argparse
import array
import gc
import glob
import importlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import struct
import subprocess
import sys
import sysconfig
import tempfile
import time
import timeit
import zlib
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")
CARGO = os.environ.get("CARGO", "cargo")
BINDINGS = ["C", "rsbind", "PyO3", "ctypes"]
DLL = {"darwin": ".dylib", "win32": ".dll"}.get(sys.platform, ".so")
DLL_PREFIX = "" if sys.platform == "win32" else "lib"


# ---------------------------------------------------------------- process helpers


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def run(cmd, cwd=None, env=None, quiet=True):
    """Runs a command; on failure prints its output and raises."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0 or not quiet:
        sys.stderr.write(result.stdout)
    if result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}")
    return result.stdout


def timed(cmd, **kwargs):
    start = time.perf_counter()
    output = run(cmd, **kwargs)
    return time.perf_counter() - start, output


def cargo_fetch(manifest):
    """Resolves and downloads before a timed build, so no build time is network time."""
    for extra in ([], ["--offline"]):
        try:
            run([CARGO, "fetch", "--manifest-path", manifest, *extra])
            return
        except RuntimeError:
            continue


def cargo_cdylib(target_dir, lib_name):
    return Path(target_dir) / "release" / f"{DLL_PREFIX}{lib_name}{DLL}"


# ---------------------------------------------------------------------- builds


def build_rsbind_cli(args):
    if args.rsbind:
        return Path(args.rsbind).resolve()
    profile = [] if args.quick else ["--release"]
    log(f"building the rsbind CLI ({'debug' if args.quick else 'release'})")
    run([CARGO, "build", "-q", "-p", "rsbind", *profile], cwd=ROOT)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = target / ("debug" if args.quick else "release") / ("rsbind" + (".exe" if sys.platform == "win32" else ""))
    if not exe.exists():
        raise RuntimeError(f"no rsbind binary at {exe}")
    return exe


def build_rsbind(cli, out, info):
    """extract + build with the real CLI, the build cold (fresh target folder)."""
    dest = out / "rsbind"
    dest.mkdir(parents=True, exist_ok=True)
    ron = dest / "benchlib.ron"
    log("rsbind extract bench/benchlib")
    # A fresh file: extracting onto one from an earlier run would keep its edits.
    ron.unlink(missing_ok=True)
    run([cli, "extract", BENCH / "benchlib", "-o", ron])
    add_released_sum(ron)
    # Gen once and fetch, so the timed build below resolves nothing over the network.
    run([cli, "gen", ron, "-o", dest])
    cargo_fetch(dest / "Cargo.toml")
    target = out / "cold-rsbind"
    shutil.rmtree(target, ignore_errors=True)
    log("rsbind build (cold)")
    seconds, _ = timed(
        [cli, "build", ron, "-o", dest, "--python", sys.executable],
        env={"CARGO_TARGET_DIR": str(target)},
    )
    info["build_s"]["rsbind"] = seconds
    module = dest / f"benchlib{EXT_SUFFIX}"
    info["files"]["rsbind"] = module
    return dest


def build_pyo3(out, info):
    dest = out / "pyo3"
    dest.mkdir(parents=True, exist_ok=True)
    manifest = BENCH / "pyo3" / "Cargo.toml"
    cargo_fetch(manifest)
    target = out / "cold-pyo3"
    shutil.rmtree(target, ignore_errors=True)
    log("PyO3 cargo build --release (cold)")
    seconds, _ = timed(
        [CARGO, "build", "--release", "--manifest-path", manifest],
        env={"CARGO_TARGET_DIR": str(target), "PYO3_PYTHON": sys.executable},
    )
    info["build_s"]["PyO3"] = seconds
    module = dest / f"bench_pyo3{EXT_SUFFIX}"
    replace_file(cargo_cdylib(target, "bench_pyo3"), module)
    info["files"]["PyO3"] = module
    return dest


def build_handwritten(out, info):
    dest = out / "handwritten"
    dest.mkdir(parents=True, exist_ok=True)
    target = out / "shims-target"
    log("hand-written C: shims staticlib + cc")
    run([CARGO, "build", "--release", "--manifest-path", BENCH / "handwritten" / "shims" / "Cargo.toml"],
        env={"CARGO_TARGET_DIR": str(target)})
    staticlib = target / "release" / "libbench_shims.a"
    module = dest / f"bench_c{EXT_SUFFIX}"
    include = sysconfig.get_paths()["include"]
    cc = os.environ.get("CC", "cc").split()
    tmp = dest / f"bench_c.tmp{EXT_SUFFIX}"
    # The libraries Rust's std needs (`--print native-static-libs`); the Rust
    # symbols stay local, std's debug info is dropped as cargo does for cdylibs.
    run([*cc, "-O3", "-shared", "-fPIC", "-std=c11", "-Wall", "-Wextra", f"-I{include}",
         BENCH / "handwritten" / "bench_c.c", staticlib, "-o", tmp,
         "-Wl,--gc-sections", "-Wl,--exclude-libs,ALL", "-Wl,--strip-debug",
         "-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl"])
    replace_file(tmp, module)
    tmp.unlink()
    info["files"]["C"] = module
    return dest


def build_ctypes(out, info):
    dest = out / "ctypes"
    dest.mkdir(parents=True, exist_ok=True)
    target = out / "ctypes-target"
    log("ctypes: cdylib")
    run([CARGO, "build", "--release", "--manifest-path", BENCH / "ctypes" / "Cargo.toml"],
        env={"CARGO_TARGET_DIR": str(target)})
    lib = dest / f"{DLL_PREFIX}bench_ctypes{DLL}"
    replace_file(cargo_cdylib(target, "bench_ctypes"), lib)
    replace_file(BENCH / "ctypes" / "bench_ctypes.py", dest / "bench_ctypes.py")
    info["files"]["ctypes"] = lib
    return dest


def replace_file(src, dst):
    """Copies by replacing: a running interpreter may have the old file mapped."""
    dst = Path(dst)
    if dst.exists():
        dst.unlink()
    shutil.copyfile(src, dst)


def forget_rustdoc_cache(crate_dir):
    """Removes rsbind's rustdoc target folder of a crate, so the next extract is cold."""
    name = Path(crate_dir).resolve().name
    for d in glob.glob(os.path.join(tempfile.gettempdir(), "rsbind-rustdoc", f"{name}-*")):
        shutil.rmtree(d, ignore_errors=True)


def time_extract(cli, crate_dir, dest):
    """`rsbind extract` of a crate: cold (rustdoc runs) and cached (cargo's
    fingerprints say nothing changed; best of 3), and `rsbind gen` after it."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    ron = dest / "x.ron"
    forget_rustdoc_cache(crate_dir)
    cold, message = timed([cli, "extract", crate_dir, "-o", ron])
    warm = []
    for _ in range(3):
        ron.unlink(missing_ok=True)
        seconds, message = timed([cli, "extract", crate_dir, "-o", ron])
        warm.append(seconds)
    start = time.perf_counter()
    gen = subprocess.run([str(cli), "gen", str(ron), "-o", str(dest / "bindings")],
                         capture_output=True, text=True)
    gen_s = time.perf_counter() - start
    gen_error = None
    if gen.returncode != 0:
        errors = len(re.findall(r"^error", gen.stderr, re.M))
        gen_error = f"`rsbind gen` rejects the interface file `rsbind extract` wrote ({errors} errors)"
        log(f"rsbind on {crate_dir}: {gen_error}:\n" + "\n".join(gen.stderr.splitlines()[:12]))
    lines = 0
    for path in Path(crate_dir).rglob("*.rs"):
        with open(path, encoding="utf-8", errors="replace") as f:
            lines += sum(1 for _ in f)
    counts = re.search(r"(\d+) items? bound, (\d+) skipped", message)
    return {
        "name": Path(crate_dir).name,
        "lines": lines,
        "cold_s": cold,
        "extract_s": min(warm),
        "gen_s": gen_s,
        "gen_error": gen_error,
        "bound": int(counts.group(1)) if counts else None,
        "skipped": int(counts.group(2)) if counts else None,
    }


def time_syn(cli, out, info):
    """`rsbind extract` + `gen` on syn 2 from cargo's registry (a large real
    crate) and on benchlib (a small one)."""
    info["extract"] = [time_extract(cli, BENCH / "benchlib", out / "extract-benchlib")]
    cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    candidates = glob.glob(str(cargo_home / "registry" / "src" / "*" / "syn-2.*"))
    if not candidates:
        log("syn 2 is not in cargo's registry: `cargo fetch` in the rsbind workspace puts it there")
        return

    def version(path):
        return tuple(int(x) for x in re.findall(r"\d+", Path(path).name.split("-", 1)[1])[:3])

    syn = Path(max(candidates, key=version))
    info["extract"].append(time_extract(cli, syn, out / "syn"))


# --------------------------------------------------------------- measurements


# The one curation of benchlib's interface file: `sum` once more, without the
# GIL, for the released-GIL table (a numpy array is then copied, MAPPING.md's
# Threads).
RELEASED_SUM = '''        Function(
            name: "sum_released",
            path: "sum",
            doc: "`sum` without the GIL (added by bench/run.py).",
            params: [
                Param(name: "xs", ty: "&[f64]"),
            ],
            ret: "f64",
            release_gil: true,
        ),
'''


def add_released_sum(ron):
    text = ron.read_text()
    if 'name: "sum_released"' in text:
        return  # re-extraction keeps it, as it keeps every curation
    end = "    ],\n    skipped: ["
    if end not in text:
        raise RuntimeError(f"{ron}: no end of the items list to add sum_released to")
    ron.write_text(text.replace(end, RELEASED_SUM + end, 1))


def measure_released(modules, data, args):
    """The copy a released-GIL call makes of a writable buffer: rsbind's `sum`
    with the GIL held (borrowed) and released (copied), on the numpy array (or
    the array('d') without numpy), and a copy of the same bytes timed in C.
    Returns (label, n bytes, {name: ns}) or None."""
    if "rsbind" not in modules or not hasattr(modules["rsbind"], "sum_released"):
        return None
    buf = data.get("NP", data["A"])
    m = modules["rsbind"]
    timers = {"held": lambda loops: timeit.Timer("f(b)", globals={"f": m.sum, "b": buf}).timeit(loops),
              "released": lambda loops: timeit.Timer(
                  "f(b)", globals={"f": m.sum_released, "b": buf}).timeit(loops)}
    if "C" in modules:
        timers["copy"] = rust_timer(modules["C"], 2, buf)
    target = args.target_ms / 1000.0
    loops = {name: calibrate(fn, target) for name, fn in timers.items()}
    samples = {name: [] for name in timers}
    for _ in range(args.repeats):
        for name, fn in timers.items():
            samples[name].append(fn(loops[name]) / loops[name] * 1e9)
    what = "numpy array" if "NP" in data else "array('d')"
    label = f"sum({what} of {len(buf):,})"
    return label, len(buf) * 8, {name: statistics.median(v) for name, v in samples.items()}


MEMORY_ROWS = [
    ("object", "bytes per `Counter(0)` (Python object + Rust side)"),
    ("copy_object", "bytes per `Money` (a `Copy` struct, made by `a + a`)"),
    ("slice", "bytes per slice object (`make_vec(1)` as a buffer object)"),
    ("make_vec_peak", "extra peak memory of `make_vec(10,000,000)` (80 MB of f64)"),
    ("numpy_peak", "extra peak memory of `sum(numpy array of 100 MB)`"),
]


def measure_memory(paths, out, quick, have_numpy):
    """{row: {binding: result dict or Exception}}, each in a fresh process (bench/memory.py)."""
    results = {}
    for what, _label in MEMORY_ROWS:
        results[what] = {}
        if what == "numpy_peak" and not have_numpy:
            continue
        for binding in paths:
            cmd = [sys.executable, str(BENCH / "memory.py"), binding, what, "--out", str(out)]
            if quick:
                cmd += ["--scale", "0.01"]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
                results[what][binding] = json.loads(proc.stdout)
            except (subprocess.CalledProcessError, ValueError) as e:
                results[what][binding] = RuntimeError(getattr(e, "stderr", "") or str(e))
    return results


def report_memory(memory):
    """The memory section of results.md."""
    out = ["## Memory", "",
           "Each figure from a fresh process (bench/memory.py): bytes per object are the growth "
           "of resident memory over 200,000 live objects, divided by their number (the "
           "Python object and the Rust value's allocation; `sys.getsizeof` in brackets); "
           "peaks are the growth of the peak resident memory over one call.", "",
           "| measure | " + " | ".join(BINDINGS) + " |", "|---|" + "--:|" * len(BINDINGS)]
    for what, label in MEMORY_ROWS:
        cells = []
        for b in BINDINGS:
            v = memory.get(what, {}).get(b)
            if v is None:
                cells.append("—")
            elif isinstance(v, Exception):
                cells.append("failed")
            elif "getsizeof" in v:
                cells.append(f"{v['bytes']:,.0f} ({v['getsizeof']})")
            else:
                cells.append(fmt_size(max(v["bytes"], 0)))
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def report_released(released):
    """The released-GIL section of results.md."""
    if released is None:
        return []
    label, nbytes, ns = released
    extra = ns["released"] - ns["held"]
    per_mb = extra / (nbytes / 1e6)
    copy = fmt_ns(ns["copy"]) if "copy" in ns else "—"
    return ["## Released GIL: the copy of a writable buffer", "",
            "A function marked `release_gil` gets a copy of any buffer that Python code could "
            "write (MAPPING.md, Threads), made before the GIL is released; with the GIL held "
            "the buffer is borrowed. `sum_released` is benchlib's `sum` marked `release_gil` "
            "(the one line bench/run.py adds to the interface file).", "",
            "| operation | GIL held (borrowed) | GIL released (copied) | difference | per MB "
            "| a copy of the data (C) |",
            "|---|--:|--:|--:|--:|--:|",
            f"| {label} | {fmt_ns(ns['held'])} | {fmt_ns(ns['released'])} | {fmt_delta(extra)} "
            f"| {per_mb / 1000:+,.1f} µs | {copy} |", ""]


def operations(small, big, have_numpy):
    """(id, label, statement, setup per binding); `m` is the binding's module."""
    buffer_sum = {"C": "m.sum", "rsbind": "m.sum", "PyO3": "m.sum_buffer", "ctypes": "m.sum"}
    buffer_vec = {"C": "m.make_vec", "rsbind": "m.make_vec", "PyO3": "m.make_vec_buffer",
                  "ctypes": "m.make_vec_buffer"}
    same = lambda s: {b: s for b in BINDINGS}  # noqa: E731
    # Results that borrow: rsbind's objects keep the `str` they point into;
    # PyO3 copies what it hands out. C and ctypes have no such rows.
    borrowing = lambda s: {"rsbind": s, "PyO3": s}  # noqa: E731
    ops = [
        ("noop", "noop()", "f()", same("f = m.noop")),
        ("add", "add(1, 2)", "f(1, 2)", same("f = m.add")),
        ("greet", "greet('world')", "f('world')", same("f = m.greet")),
        ("sum_list", f"sum(list of {small:,} floats)", "f(L)", same("f = m.sum")),
        ("sum_array", f"sum(array('d') of {small:,})", "f(A)",
         {b: f"f = {s}" for b, s in buffer_sum.items()}),
        ("sum_numpy", f"sum(numpy array of {big:,})", "f(NP)",
         {b: f"f = {s}" for b, s in buffer_sum.items()} if have_numpy else None),
        ("make_vec_small", f"make_vec({small:,})", f"f({small})", same("f = m.make_vec")),
        ("make_vec_big", f"make_vec({big:,})", f"f({big})", same("f = m.make_vec")),
        ("mv_small", f"memoryview(make_vec({small:,}))", f"mv(f({small}))",
         {b: f"f = {s}; mv = memoryview" for b, s in buffer_vec.items()}),
        ("mv_big", f"memoryview(make_vec({big:,}))", f"mv(f({big}))",
         {b: f"f = {s}; mv = memoryview" for b, s in buffer_vec.items()}),
        ("counter_new", "Counter(0), then dropped", "C(0)", same("C = m.Counter")),
        ("method", "c.incr(1)", "c.incr(1)", same("c = m.Counter(0)")),
        ("field", "c.count", "c.count", same("c = m.Counter(0)")),
        ("error", "checked_div(1, 0) raises, caught", "try:\n    f(1, 0)\nexcept E:\n    pass",
         same("f = m.checked_div; E = m.DivError")),
        ("operator", "a + b (Money, Add)", "a + b",
         same("a = m.Money.parse('12.34'); b = m.Money.parse('0.66')")),
        ("parse", "Money.parse('12.34') (FromStr)", "P('12.34')", same("P = m.Money.parse")),
        ("view_new", "w.find(s): Found<'h> borrowing s", "f(s)",
         borrowing("w = m.Word('fox'); f = w.find; s = 'the quick brown fox'")),
        ("view_method", "found.start() on a borrowing Found", "x.start()",
         borrowing("x = m.Word('fox').find('the quick brown fox')")),
        ("view_iter", "for x in w.find_iter(s): 1,000 matches", "for x in f(H):\n    pass",
         borrowing("f = m.Word('ab').find_iter; H = 'ab ' * 1000")),
        ("callback", "call_back(1000, f): Rust calls f 1,000 times", "f(1000, g)",
         {"rsbind": "f = m.call_back; g = lambda x: x",
          "PyO3": "f = m.call_back; g = lambda x: x"}),
        ("pickle", "pickle.loads(pickle.dumps(a)) (Money)", "L(D(a))",
         {b: "import pickle; L = pickle.loads; D = pickle.dumps; a = m.Money.parse('12.34')"
          for b in ("rsbind", "PyO3")}),
    ]
    return ops


NOTES = """\
- Every figure is ns per call from `timeit` (the median of the repeats; the
  loop's own cost, about {loop:.1f} ns, is included in every figure).
- C: bench/handwritten/bench_c.c, METH_FASTCALL, positional only, one call into
  Rust per Python call, `Counter` stored inline and constructed through
  `tp_vectorcall`, `make_vec` returns a buffer object owning the Rust `Vec`,
  `Money` is a heap type with its value inline, `nb_add` and a METH_FASTCALL
  classmethod `parse`.
- rsbind: benchlib bound with `rsbind extract` + `rsbind build`, no edits
  but one added entry (`sum_released`, used only by the released-GIL table)
  (`sum` takes `&[f64]`: a list is converted, a buffer borrowed; `make_vec`
  returns a `VecF64` buffer object; `impl Add for Money` is `nb_add`,
  `FromStr` the classmethod `parse`).
- PyO3: bench/pyo3 (PyO3 {pyo3}, not abi3). `sum(list)` is `sum(xs: Vec<f64>)`;
  the buffer rows use `sum_buffer(xs: PyBuffer<f64>)`; `make_vec` returns
  `Vec<f64>` (a list, as PyO3 users write it), the `memoryview(...)` rows use
  `make_vec_buffer`, a `#[pyclass]` with `__getbuffer__`. `Money` is a
  `#[pyclass]` with `fn __add__(&self, other: &Self) -> Self` and a
  `#[classmethod]` `parse`.
- Views (`view_*`): `Word::find<'h>(&self, haystack: &'h str) -> Option<Found<'h>>`
  and `find_iter` (`FoundIter<'w, 'h>`, items `Found<'h>`). rsbind's objects
  keep the `str` (and the `Word`) they borrow, nothing is copied; PyO3 cannot
  return a borrowing value, so its `find` copies the match into a `#[pyclass]`
  and `find_iter` copies the text into an iterator `#[pyclass]`. No C or
  ctypes row.
  `#[classmethod]` `parse`. `call_back` calls the Python callable with
  `Bound<PyAny>::call1` and extracts each result, keeping the first error.
- The callback row has no C or ctypes figure: only rsbind and PyO3 call Python
  from Rust there.
- Pickle: benchlib's `Money` derives serde's `Serialize`/`Deserialize`, which
  rsbind pickles through (its serde data, MessagePack); PyO3's `Money` has a
  `__reduce__` returning `(Money, (cents,))` and a `#[new]`. No C or ctypes row.
- ctypes: bench/ctypes (a cdylib of `extern "C"` shims) and bench_ctypes.py,
  lean hand-written wrappers (`noop`/`add` are the ctypes functions themselves);
  UniFFI's generated Python does more per call. `make_vec` copies into a list;
  the `memoryview(...)` rows use `make_vec_buffer`, a ctypes array over the Rust
  memory. `Money` is a Python class over a boxed Rust `Money` (`__add__`,
  a classmethod `parse`).
"""


def make_data(small, big, have_numpy):
    """The arguments of the sum rows: L (a list), A (an array('d')), NP (numpy)."""
    data = {"L": [float(i) for i in range(small)]}
    data["A"] = array.array("d", data["L"])
    if have_numpy:
        import numpy

        data["NP"] = numpy.arange(big, dtype=numpy.float64)
    return data


def measure_all(modules, data, small, big, args, have_numpy):
    """Returns {op id: {binding: ns}} and the empty loop's ns. The rows that
    move a buffer also get "Rust" (the Rust function alone) and "copy" (a copy
    of the data: malloc, memcpy, free), timed in C by bench_c._rust_ns in the
    same interleaved repeats as the bindings."""
    target = args.target_ms / 1000.0
    results = {}
    ops = operations(small, big, have_numpy)
    number = max(1000, int(2e6 * target))
    loop_ns = statistics.median(timeit.Timer("pass").repeat(repeat=args.repeats, number=number))
    loop_ns = loop_ns / number * 1e9
    extra = {}
    if "C" in modules:
        big_buf = data["NP"] if "NP" in data else array.array("d", range(big))
        sizes = {"small": (small, data["A"]), "big": (big, big_buf)}
        for op_id, kind, size in (("sum_array", 0, "small"), ("sum_numpy", 0, "big"),
                                  ("mv_small", 1, "small"), ("mv_big", 1, "big")):
            n, buf = sizes[size]
            extra[op_id] = {"Rust": rust_timer(modules["C"], kind, buf if kind == 0 else n),
                            "copy": rust_timer(modules["C"], 2, buf)}
    for op_id, label, stmt, setups in ops:
        results[op_id] = {}
        if setups is None:
            continue
        timers = {}
        for binding in BINDINGS:
            if binding not in modules or binding not in setups:
                continue
            namespace = dict(data, m=modules[binding])
            try:
                timer = timeit.Timer(stmt, setups[binding], globals=namespace)
                timers[binding] = (timer.timeit, calibrate(timer.timeit, target))
            except Exception as e:  # a binding that cannot do this operation
                results[op_id][binding] = e
        for name, fn in extra.get(op_id, {}).items():
            timers[name] = (fn, calibrate(fn, target))
        samples = {b: [] for b in timers}
        for _ in range(args.repeats):
            for binding, (fn, loops) in timers.items():
                samples[binding].append(fn(loops) / loops * 1e9)
        for binding, values in samples.items():
            results[op_id][binding] = statistics.median(values)
        log(f"{label:40s} " + "  ".join(
            f"{b} {fmt_ns(results[op_id].get(b))}" for b in BINDINGS + list(extra.get(op_id, {}))))
    return ops, results, loop_ns


def rust_timer(c_module, kind, what):
    """A timer (loops -> seconds) of bench_c._rust_ns."""
    return lambda loops: c_module._rust_ns(kind, what, loops) * loops / 1e9


def calibrate(fn, target):
    """Loops for one repeat to take about `target` seconds (warms up too)."""
    loops = 1
    while True:
        seconds = fn(loops)
        if seconds >= target / 10 or loops >= 10**8:
            break
        loops *= 10 if seconds < target / 100 else 2
    return max(1, int(loops * target / max(seconds, 1e-9)))


# --------------------------------------------------------------------- report


def fmt_ns(value):
    if value is None:
        return "—"
    if isinstance(value, Exception):
        return "error"
    if value >= 1e6:
        return f"{value / 1e6:,.2f} ms"
    if value >= 1e4:
        return f"{value / 1e3:,.1f} µs"
    return f"{value:,.1f}"


def fmt_delta(value):
    sign = "+" if value >= 0 else "−"
    return sign + fmt_ns(abs(value))


def fmt_ratio(value, base):
    if not isinstance(value, float) or not isinstance(base, float) or base <= 0:
        return "—"
    return f"{value / base:.2f}×"


def fmt_size(n):
    return f"{n / 1024:,.0f} KiB"


def stripped_size(path):
    strip = shutil.which("strip")
    if strip is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / Path(path).name
        shutil.copyfile(path, copy)
        if subprocess.run([strip, "--strip-all", str(copy)], capture_output=True).returncode != 0:
            return None
        return copy.stat().st_size


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        rustc = "rustc ?"
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{platform.system()} {platform.release()}",
        "rustc": rustc,
        "cc": (subprocess.run([*os.environ.get("CC", "cc").split(), "--version"], capture_output=True,
                              text=True).stdout.splitlines() or ["cc ?"])[0],
    }


def pyo3_version():
    lock = BENCH / "pyo3" / "Cargo.lock"
    if lock.exists():
        m = re.search(r'name = "pyo3"\nversion = "([^"]+)"', lock.read_text())
        if m:
            return m.group(1)
    return "?"


def report(ops, results, loop_ns, info, args, released=None, memory=None):
    lines = []
    header = "| operation | C | rsbind | ×C | PyO3 | ×C | ctypes | ×C |"
    lines.append(header)
    lines.append("|---|--:|--:|--:|--:|--:|--:|--:|")
    for op_id, label, _stmt, setups in ops:
        row = results[op_id]
        c = row.get("C")
        if setups is None:
            cells = ["—", "—", "", "—", "", "—", ""]
            label += " (numpy not installed)"
        else:
            cells = [fmt_ns(c)]
            for b in BINDINGS[1:]:
                cells += [fmt_ns(row.get(b)), fmt_ratio(row.get(b), c)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)

    out = ["## Time per call (ns; ×C = ratio to the hand-written C extension)", "", table, "",
           NOTES.format(loop=loop_ns, pyo3=pyo3_version())]

    # Targets.
    target_lines = ["## Targets", "",
                    "| operation | rsbind ≤ 1.10× C | rsbind faster than PyO3 (rsbind ÷ PyO3) |", "|---|:-:|:-:|"]
    misses = []
    for op_id, label, _stmt, setups in ops:
        if setups is None:
            continue
        row = results[op_id]
        r, c, p = row.get("rsbind"), row.get("C"), row.get("PyO3")
        ok1 = isinstance(r, float) and isinstance(c, float) and r <= 1.10 * c
        # Within 2% is a tie: the rows the Rust loop dominates differ by noise.
        tie = isinstance(r, float) and isinstance(p, float) and abs(r - p) <= 0.02 * p
        ok2 = isinstance(r, float) and isinstance(p, float) and (r < p or tie)
        if isinstance(r, float) and isinstance(c, float):
            a = f"{'yes' if ok1 else 'NO'} ({r / c:.2f}×)"
        else:
            a = "—"
        if isinstance(r, float) and isinstance(p, float):
            b = f"{'tie (within 2%)' if tie else 'yes' if ok2 else 'NO'} ({r / p:.2f}×)"
        else:
            b = "—"
        if (isinstance(r, float) and isinstance(c, float) and not ok1) or (
                isinstance(r, float) and isinstance(p, float) and not ok2):
            misses.append(label)
        target_lines.append(f"| {label} | {a} | {b} |")
    out += target_lines + [""]

    # No copies: the time beyond the Rust function itself, at both sizes.
    nc = ["## No copies: time beyond the Rust function", "",
          "Time per call minus the Rust function alone (`sum`, or `make_vec` and its free, "
          "timed in C in the same interleaved repeats). A binding that copied the data would "
          "add at least the copy column (malloc, memcpy, free of the same bytes).", "",
          "| operation | Rust alone | a copy of the data | " + " | ".join(BINDINGS) + " |",
          "|---|--:|--:|" + "--:|" * len(BINDINGS)]
    for op_id, label, _stmt, setups in ops:
        row = results.get(op_id, {})
        rust_ns, copy_ns = row.get("Rust"), row.get("copy")
        if setups is None or not isinstance(rust_ns, float):
            continue
        cells = [fmt_ns(rust_ns), fmt_ns(copy_ns)]
        for b in BINDINGS:
            v = row.get(b)
            cells.append(fmt_delta(v - rust_ns) if isinstance(v, float) else "—")
        nc.append(f"| {label} | " + " | ".join(cells) + " |")
    nc.append("")
    out += nc
    out += report_released(released)
    if memory:
        out += report_memory(memory)

    # Sizes and build times.
    sz = ["## Extension files and builds", "", "| binding | file | size | stripped |", "|---|---|--:|--:|"]
    for b in BINDINGS:
        path = info["files"].get(b)
        if path and Path(path).exists():
            s = stripped_size(path)
            sz.append(f"| {b} | `{Path(path).name}` | {fmt_size(Path(path).stat().st_size)} | "
                      f"{fmt_size(s) if s else '—'} |")
    sz.append("")
    if info["build_s"]:
        sz.append("Cold release builds (fresh cargo target folder, dependencies already "
                  f"downloaded, {os.cpu_count()} jobs):")
        sz.append("")
        if "rsbind" in info["build_s"]:
            sz.append(f"- rsbind: `rsbind build` (gen + cargo build of the generated package, "
                      f"cc crate and C included): **{info['build_s']['rsbind']:.1f} s**")
        if "PyO3" in info["build_s"]:
            sz.append(f"- PyO3: `cargo build --release` of bench/pyo3: "
                      f"**{info['build_s']['PyO3']:.1f} s**")
        sz.append("")
    timings = info.get("extract") or []
    if timings:
        sz.append("`rsbind extract` (rustdoc JSON, then the front end) and `rsbind gen`, process "
                  "start included; cold: rsbind's rustdoc folder for the crate removed first; "
                  "cached: unchanged crate, same features and toolchain (best of 3):")
        sz.append("")
        sz.append("| crate | lines of Rust | bound / skipped | extract, cold | extract, cached | gen |")
        sz.append("|---|--:|--:|--:|--:|--:|")
        for t in timings:
            sz.append(f"| {t['name']} | {t['lines']:,} | {t['bound']} / {t['skipped']} | "
                      f"{t['cold_s'] * 1000:,.0f} ms | {t['extract_s'] * 1000:,.0f} ms | "
                      f"{t['gen_s'] * 1000:,.0f} ms"
                      + (f" (**failed**: {t['gen_error']})" if t["gen_error"] else "") + " |")
        sz.append("")
    out += sz

    m = machine()
    out += ["## Machine", "",
            f"{m['cpus']} CPUs ({m['cpu']}), {m['os']}, {m['python']}, {m['rustc']}, {m['cc']}."
            + (" Quick run (`--quick`): tiny sizes, few loops." if args.quick else ""), ""]
    return table, "\n".join(out), misses


# ---------------------------------------------------------------------- chart


def chart(ops, results, path):
    labels, series = [], {b: [] for b in BINDINGS[1:]}
    for op_id, label, _stmt, setups in ops:
        row = results[op_id]
        c = row.get("C")
        if setups is None or not isinstance(c, float):
            continue
        labels.append(label)
        for b in series:
            v = row.get(b)
            series[b].append(v / c if isinstance(v, float) else None)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception:
        png_chart(labels, series, path)
        return "built-in PNG writer"
    fig, ax = plt.subplots(figsize=(13, 5.5))
    width = 0.27
    colors = {"rsbind": "#d9480f", "PyO3": "#1971c2", "ctypes": "#868e96"}
    for i, (b, values) in enumerate(series.items()):
        xs = [j + (i - 1) * width for j in range(len(labels))]
        ax.bar(xs, [v if v else 0 for v in values], width, label=b, color=colors[b])
    ax.axhline(1.0, color="black", linewidth=1)
    ax.axhline(1.10, color="black", linewidth=1, linestyle="--")
    ax.text(-0.45, 1.12, "1.10× (target)", ha="left", va="bottom", fontsize=8)
    ax.set_yscale("log")
    ax.set_ylabel("time per call ÷ hand-written C (log scale)")
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
    ax.set_title("benchlib: time per call relative to a hand-written C extension (lower is better)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return "matplotlib"


# A 3x5 pixel font for the built-in PNG writer (used without matplotlib).
FONT = {
    "0": "###|#.#|#.#|#.#|###", "1": ".#.|##.|.#.|.#.|###", "2": "##.|..#|.#.|#..|###",
    "3": "##.|..#|.#.|..#|##.", "4": "#.#|#.#|###|..#|..#", "5": "###|#..|##.|..#|##.",
    "6": ".##|#..|###|#.#|###", "7": "###|..#|.#.|.#.|.#.", "8": "###|#.#|###|#.#|###",
    "9": "###|#.#|###|..#|##.", "A": ".#.|#.#|###|#.#|#.#", "B": "##.|#.#|##.|#.#|##.",
    "C": ".##|#..|#..|#..|.##", "D": "##.|#.#|#.#|#.#|##.", "E": "###|#..|##.|#..|###",
    "F": "###|#..|##.|#..|#..", "G": ".##|#..|#.#|#.#|.##", "H": "#.#|#.#|###|#.#|#.#",
    "I": "###|.#.|.#.|.#.|###", "J": "..#|..#|..#|#.#|.#.", "K": "#.#|#.#|##.|#.#|#.#",
    "L": "#..|#..|#..|#..|###", "M": "#.#|###|###|#.#|#.#", "N": "##.|#.#|#.#|#.#|#.#",
    "O": ".#.|#.#|#.#|#.#|.#.", "P": "##.|#.#|##.|#..|#..", "Q": ".#.|#.#|#.#|##.|.##",
    "R": "##.|#.#|##.|#.#|#.#", "S": ".##|#..|.#.|..#|##.", "T": "###|.#.|.#.|.#.|.#.",
    "U": "#.#|#.#|#.#|#.#|###", "V": "#.#|#.#|#.#|#.#|.#.", "W": "#.#|#.#|###|###|#.#",
    "X": "#.#|#.#|.#.|#.#|#.#", "Y": "#.#|#.#|.#.|.#.|.#.", "Z": "###|..#|.#.|#..|###",
    " ": "...|...|...|...|...", ".": "...|...|...|...|.#.", ",": "...|...|...|.#.|#..",
    "(": ".#.|#..|#..|#..|.#.", ")": ".#.|..#|..#|..#|.#.", "'": ".#.|.#.|...|...|...",
    "_": "...|...|...|...|###", "-": "...|...|###|...|...", "×": "...|#.#|.#.|#.#|...",
    ":": "...|.#.|...|.#.|...", "=": "...|###|...|###|...", "/": "..#|..#|.#.|#..|#..",
    "÷": ".#.|...|###|...|.#.",
}


def png_chart(labels, series, path):
    """A grouped bar chart of ratios (log scale) written with zlib alone."""
    width, height = 1300, 460
    left, right, top, bottom = 70, 20, 50, 70
    img = [[(255, 255, 255)] * width for _ in range(height)]
    colors = {"rsbind": (217, 72, 15), "PyO3": (25, 113, 194), "ctypes": (134, 142, 150)}

    def rect(x0, y0, x1, y1, color):
        for y in range(max(0, int(y0)), min(height, int(y1))):
            row = img[y]
            for x in range(max(0, int(x0)), min(width, int(x1))):
                row[x] = color

    def text(x, y, s, scale=2, color=(0, 0, 0)):
        for ch in s.upper():
            glyph = FONT.get(ch, FONT[" "])
            for gy, bits in enumerate(glyph.split("|")):
                for gx, bit in enumerate(bits):
                    if bit == "#":
                        rect(x + gx * scale, y + gy * scale, x + (gx + 1) * scale,
                             y + (gy + 1) * scale, color)
            x += 4 * scale

    values = [v for vs in series.values() for v in vs if v]
    lo = min([0.5] + values) * 0.8
    hi = max([2.0] + values) * 1.25
    plot_h = height - top - bottom

    def ypos(v):
        return top + plot_h * (1 - (math.log(v) - math.log(lo)) / (math.log(hi) - math.log(lo)))

    text(left, 15, "TIME PER CALL / HAND-WRITTEN C (LOG SCALE, LOWER IS BETTER)")
    rect(left, top, left + 1, height - bottom, (0, 0, 0))
    decade = 10 ** math.floor(math.log10(lo))
    while decade <= hi:
        for k in (1, 2, 5):
            v = decade * k
            if lo <= v <= hi:
                y = ypos(v)
                rect(left, y, width - right, y + 1, (225, 225, 225))
                text(8, y - 5, f"{v:g}")
        decade *= 10
    group = (width - left - right) / max(1, len(labels))
    bar = group / 4
    for j, label in enumerate(labels):
        x0 = left + j * group + bar / 2
        for i, b in enumerate(series):
            v = series[b][j]
            if v:
                y = ypos(v)
                base = ypos(lo)
                rect(x0 + i * bar, min(y, base), x0 + (i + 1) * bar - 1, max(y, base), colors[b])
        fits = max(1, int(group / 4) - 1)
        words = [w[k:k + fits] for w in label.split() for k in range(0, len(w), fits)]
        line, rows = "", []
        for w in words:
            if len(line) + len(w) + 1 > fits and line:
                rows.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        rows.append(line)
        for r, s in enumerate(rows[:6]):
            text(x0, height - bottom + 8 + r * 8, s, scale=1)
    y1 = ypos(1.0)
    rect(left, y1, width - right, y1 + 2, (0, 0, 0))
    y11 = ypos(1.10)
    for x in range(left, width - right, 12):
        rect(x, y11, x + 6, y11 + 1, (0, 0, 0))
    lx = width - right - 330
    for i, b in enumerate(series):
        rect(lx + i * 110, 34, lx + i * 110 + 12, 46, colors[b])
        text(lx + i * 110 + 16, 36, b)
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in img)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    Path(path).write_bytes(png)


# ----------------------------------------------------------------------- main


# ------------------------------------------------------------------------ abi3

# The rows the abi3 section times: calls of every shape, no big data.
ABI3_OPS = ["noop", "add", "greet", "sum_list", "sum_array", "counter_new", "method", "field",
            "error", "operator", "parse", "view_method"]


def build_rsbind_abi3(cli, out):
    """benchlib's interface file as build_rsbind left it, built with `--abi3`
    (in a target folder of its own: the version-specific package has the same
    name, so in a shared one cargo would hand back that build's library; only
    its calls are timed)."""
    dest = out / "rsbind-abi3"
    dest.mkdir(parents=True, exist_ok=True)
    log("rsbind build --abi3")
    run([cli, "build", out / "rsbind" / "benchlib.ron", "-o", dest, "--abi3",
         "--python", sys.executable], env={"CARGO_TARGET_DIR": str(out / "abi3-target")})
    return dest / "benchlib.abi3.so"


def load_abi3(path):
    """The abi3 module beside the version-specific one: same name, not in
    sys.modules (multi-phase init makes a fresh module object from the file)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchlib", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure_abi3(version_specific, abi3, data, small, big, args, have_numpy):
    """[(label, version-specific ns, abi3 ns)] over ABI3_OPS, the two
    modules' repeats interleaved."""
    ops = {op[0]: op for op in operations(small, big, have_numpy)}
    target = args.target_ms / 1000.0
    rows = []
    for op_id in ABI3_OPS:
        _id, label, stmt, setups = ops[op_id]
        timers = {}
        for name, module in (("full", version_specific), ("abi3", abi3)):
            timer = timeit.Timer(stmt, setups["rsbind"], globals=dict(data, m=module))
            timers[name] = (timer.timeit, calibrate(timer.timeit, target))
        samples = {name: [] for name in timers}
        for _ in range(args.repeats):
            for name, (fn, loops) in timers.items():
                samples[name].append(fn(loops) / loops * 1e9)
        rows.append((label, statistics.median(samples["full"]), statistics.median(samples["abi3"])))
        log(f"{label:40s} full {fmt_ns(rows[-1][1])}  abi3 {fmt_ns(rows[-1][2])}")
    return rows


def report_abi3(rows):
    """The abi3 section of results.md."""
    if not rows:
        return []
    lines = ["## abi3: the stable-ABI build against the version-specific one", "",
             "The same interface file built by `rsbind build` (for this interpreter: full C API, "
             "constructors through vectorcall, the tuple and float macros) and by `rsbind build "
             "--abi3` (one `benchlib.abi3.so` for CPython 3.10+: `runtime-c/rsbind_limited.h` "
             "swaps in the limited API's functions, constructors go through `tp_new`).", "",
             "| operation | version-specific | abi3 | difference | abi3 ÷ version-specific |",
             "|---|--:|--:|--:|--:|"]
    for label, full, abi3 in rows:
        lines.append(f"| {label} | {fmt_ns(full)} | {fmt_ns(abi3)} | {fmt_delta(abi3 - full)} "
                     f"| {fmt_ratio(abi3, full)} |")
    return lines + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes and few loops: checks that every code path works")
    parser.add_argument("--out", type=Path, default=None,
                        help="where builds go (default bench/target)")
    parser.add_argument("--report", type=Path, default=None,
                        help="where results.md and chart.png go (default: bench/, or --out "
                             "with --quick or --out)")
    parser.add_argument("--rsbind", help="an rsbind binary to use instead of building one")
    parser.add_argument("--skip-pyo3", action="store_true", help="leave PyO3 out")
    parser.add_argument("--skip-build", action="store_true",
                        help="reuse the extensions already in --out (no build times)")
    parser.add_argument("--png-fallback", action="store_true",
                        help="draw the chart with the built-in PNG writer even with matplotlib")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--target-ms", type=float, default=None,
                        help="length of one timed repeat")
    args = parser.parse_args()
    out = (args.out or BENCH / "target").resolve()
    report_dir = (args.report or (out if (args.quick or args.out) else BENCH)).resolve()
    out.mkdir(parents=True, exist_ok=True)
    report_dir.mkdir(parents=True, exist_ok=True)
    if args.repeats is None:
        # 15: the median of fewer repeats moved by ~3% between runs on a VM
        # whose speed varies, enough to reorder rows where two bindings do
        # the same work (a memory-bound 8 MB fill).
        args.repeats = 3 if args.quick else 15
    if args.target_ms is None:
        args.target_ms = 2.0 if args.quick else 100.0
    small, big = (10, 1000) if args.quick else (1000, 1000000)

    info = {"build_s": {}, "files": {}, "extract": []}
    paths = {}
    errors = []
    cli = build_rsbind_cli(args)
    steps = [("C", build_handwritten), ("ctypes", build_ctypes), ("rsbind", None)]
    if not args.skip_pyo3:
        steps.append(("PyO3", build_pyo3))
    for binding, step in steps:
        try:
            if args.skip_build:
                paths[binding] = out / {"C": "handwritten", "ctypes": "ctypes", "rsbind": "rsbind",
                                        "PyO3": "pyo3"}[binding]
                info["files"][binding] = next(
                    p for p in paths[binding].iterdir()
                    if p.name.endswith((EXT_SUFFIX, DLL)) and ".tmp" not in p.name)
            elif binding == "rsbind":
                paths[binding] = build_rsbind(cli, out, info)
            else:
                paths[binding] = step(out, info)
        except Exception as e:
            errors.append(f"{binding}: build failed: {e}")
            log(errors[-1])
    try:
        time_syn(cli, out, info)
    except Exception as e:
        errors.append(f"rsbind on syn: {e}")
        log(errors[-1])

    names = {"C": "bench_c", "rsbind": "benchlib", "PyO3": "bench_pyo3", "ctypes": "bench_ctypes"}
    modules = {}
    for binding, folder in paths.items():
        sys.path.insert(0, str(folder))
        try:
            modules[binding] = importlib.import_module(names[binding])
        except Exception as e:
            errors.append(f"{binding}: import failed: {e}")
            log(errors[-1])
    try:
        import numpy  # noqa: F401

        have_numpy = True
    except ImportError:
        have_numpy = False
        log("numpy is not installed: the numpy row is left empty (pip install numpy)")

    gc.collect()
    data = make_data(small, big, have_numpy)
    ops, results, loop_ns = measure_all(modules, data, small, big, args, have_numpy)
    released = measure_released(modules, data, args)
    memory = measure_memory(paths, out, args.quick, have_numpy)
    abi3_rows = []
    if "rsbind" in modules:
        try:
            abi3_path = (out / "rsbind-abi3" / "benchlib.abi3.so" if args.skip_build
                         else build_rsbind_abi3(cli, out))
            abi3_rows = measure_abi3(modules["rsbind"], load_abi3(abi3_path), data, small, big,
                                     args, have_numpy)
        except Exception as e:
            errors.append(f"rsbind --abi3: {e}")
            log(errors[-1])
    for op_id, label, _stmt, setups in ops:
        for binding, value in results[op_id].items():
            if isinstance(value, Exception):
                errors.append(f"{binding}: {label}: {type(value).__name__}: {value}")
    for row in memory.values():
        for binding, value in row.items():
            if isinstance(value, Exception):
                errors.append(f"{binding}: memory: {value}")
    table, text, misses = report(ops, results, loop_ns, info, args, released, memory)
    text += "\n" + "\n".join(report_abi3(abi3_rows))

    print(text)
    md = report_dir / "results.md"
    md.write_text("# rsbind benchmarks\n\nMade by `python3 bench/run.py`"
                  + (" --quick" if args.quick else "") + ".\n\n" + text)
    png = report_dir / "chart.png"
    if args.png_fallback:
        sys.modules["matplotlib"] = None  # makes the import fail: the built-in writer draws
    how = chart(ops, results, png)
    log(f"wrote {md} and {png} ({how})")
    if misses:
        log("rsbind misses a target on: " + ", ".join(misses))
    if errors:
        for e in errors:
            log("ERROR " + e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
