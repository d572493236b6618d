#!/usr/bin/env python3
"""Memory of one binding, measured in a fresh process (run.py runs it once per
binding and measurement):

    python3 bench/memory.py rsbind object      # bytes per Counter(0)
    python3 bench/memory.py rsbind copy_object # bytes per Money (a Copy struct)
    python3 bench/memory.py PyO3 make_vec_peak # extra peak of make_vec(10,000,000)

Prints one JSON object. Bytes per object are the growth of the process's
resident memory over many live objects (the Python object and what the Rust
side allocated for it), divided by their number, less the list slot holding
each; peaks are the growth of the process's peak resident memory over one
call, after everything else was set up.
"""

import argparse
import importlib
import json
import resource
import sys
from pathlib import Path

FOLDERS = {"C": "handwritten", "rsbind": "rsbind", "PyO3": "pyo3", "ctypes": "ctypes"}
MODULES = {"C": "bench_c", "rsbind": "benchlib", "PyO3": "bench_pyo3", "ctypes": "bench_ctypes"}
# The slice object: what `make_vec` returns where that is a buffer object.
SLICE_MAKERS = {"C": "make_vec", "rsbind": "make_vec", "PyO3": "make_vec_buffer",
                "ctypes": "make_vec_buffer"}
OBJECTS = 200_000
BIG_VEC = 10_000_000
NUMPY_BYTES = 100 * 1000 * 1000


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak_bytes():
    # VmHWM, the peak of this process's own memory: ru_maxrss would start at
    # the parent's peak (Linux carries it across fork and exec).
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def per_object(make):
    keep = [None] * OBJECTS  # the list exists before the first measurement
    sample = make()
    before = rss_bytes()
    for i in range(OBJECTS):
        keep[i] = make()
    grown = rss_bytes() - before
    return {"bytes": grown / OBJECTS, "getsizeof": sys.getsizeof(sample)}


def extra_peak(call):
    before = peak_bytes()
    result = call()
    return {"bytes": peak_bytes() - before, "kept": result is not None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binding", choices=sorted(FOLDERS))
    parser.add_argument("what", choices=["object", "copy_object", "slice", "make_vec_peak", "numpy_peak"])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "target")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the sizes (smoke test)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.out.resolve() / FOLDERS[args.binding]))
    m = importlib.import_module(MODULES[args.binding])
    global OBJECTS
    OBJECTS = max(1000, int(OBJECTS * args.scale))
    if args.what == "object":
        result = per_object(lambda: m.Counter(0))
    elif args.what == "copy_object":
        # A Copy struct (rsbind stores its value in the object): the sum
        # made by `__add__`.
        a = m.Money.parse("1.00")
        result = per_object(lambda: a + a)
    elif args.what == "slice":
        make = getattr(m, SLICE_MAKERS[args.binding])
        result = per_object(lambda: make(1))
    elif args.what == "make_vec_peak":
        n = int(BIG_VEC * args.scale)
        result = extra_peak(lambda: m.make_vec(n))
        result["data"] = n * 8
    else:
        import numpy
        xs = numpy.ones(int(NUMPY_BYTES * args.scale) // 8, dtype=numpy.float64)
        f = m.sum_buffer if args.binding == "PyO3" else m.sum
        f(xs[:10])  # first-call costs out of the measurement
        result = extra_peak(lambda: f(xs))
        result["data"] = xs.nbytes
    print(json.dumps(result))


if __name__ == "__main__":
    main()
