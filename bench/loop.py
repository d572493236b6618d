#!/usr/bin/env python3
"""Runs one benchmark operation of one binding N times, for profilers:

    python3 bench/loop.py rsbind add 1000000
    valgrind --tool=callgrind --callgrind-out-file=add.out python3 bench/loop.py rsbind add 200000
    perf record -g python3 bench/loop.py C noop 20000000

The extensions come from a previous `python3 bench/run.py` (--out, default
bench/target). Operations are run.py's ids: noop add greet sum_list sum_array
sum_numpy make_vec_small make_vec_big mv_small mv_big counter_new method field
error operator parse.
"""

import argparse
import array
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

FOLDERS = {"C": "handwritten", "rsbind": "rsbind", "PyO3": "pyo3", "ctypes": "ctypes"}
MODULES = {"C": "bench_c", "rsbind": "benchlib", "PyO3": "bench_pyo3", "ctypes": "bench_ctypes"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binding", choices=run.BINDINGS)
    parser.add_argument("op")
    parser.add_argument("n", type=int)
    parser.add_argument("--out", type=Path, default=run.BENCH / "target")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--big", type=int, default=1000000)
    args = parser.parse_args()
    sys.path.insert(0, str(args.out.resolve() / FOLDERS[args.binding]))
    module = importlib.import_module(MODULES[args.binding])
    numpy = None
    if args.op == "sum_numpy":  # numpy's import would dwarf a profile of the others
        import numpy
    ops = {op_id: (stmt, setups) for op_id, _label, stmt, setups in
           run.operations(args.small, args.big, args.op == "sum_numpy")}
    if args.op not in ops or ops[args.op][1] is None:
        parser.error(f"unknown or unavailable operation {args.op!r}: {', '.join(ops)}")
    stmt, setups = ops[args.op]
    data = {"L": [float(i) for i in range(args.small)]}
    data["A"] = array.array("d", data["L"])
    if numpy is not None:
        data["NP"] = numpy.arange(args.big, dtype=numpy.float64)
    namespace = dict(data, m=module)
    body = "\n".join("        " + line for line in stmt.splitlines())
    source = (f"def loop(n):\n    {setups[args.binding]}\n    for _ in range(n):\n{body}\n")
    exec(compile(source, "<loop>", "exec"), namespace)
    start = time.perf_counter()
    namespace["loop"](args.n)
    elapsed = time.perf_counter() - start
    print(f"{args.binding} {args.op}: {elapsed / args.n * 1e9:.1f} ns per iteration", file=sys.stderr)


if __name__ == "__main__":
    main()
