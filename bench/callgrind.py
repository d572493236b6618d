#!/usr/bin/env python3
"""Instructions per call, by function, of one benchmark operation (valgrind):

    python3 bench/callgrind.py add                 # C, rsbind and PyO3 side by side
    python3 bench/callgrind.py counter_new --bindings C rsbind -n 50000

Runs bench/loop.py under callgrind with N and 2N iterations and divides the
difference by N, so the interpreter's start-up cancels out and what is left is
exactly one iteration: the timeit-style loop, the call, the conversions, the
Rust function. Needs the extensions of a previous `python3 bench/run.py`.
"""

import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LINE = re.compile(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(.*?)\s*(?:\[(.*)\])?$")


def self_costs(binding, op, n, out, tmp):
    """{function: self Ir} for n iterations."""
    path = Path(tmp) / f"cg.{binding}.{op}.{n}"
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={path}", sys.executable,
         str(BENCH / "loop.py"), "--out", str(out), binding, op, str(n)],
        check=True, capture_output=True)
    text = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", str(path)],
                          check=True, capture_output=True, text=True).stdout
    costs = collections.Counter()
    body = text.split("file:function", 1)[-1]
    for line in body.splitlines():
        m = LINE.match(line)
        if not m or not m.group(2):
            continue
        name = m.group(2).split(":", 1)[-1]  # drop the source file
        lib = Path(m.group(3)).name if m.group(3) else ""
        name = re.sub(r"'\d+$", "", name)  # recursion levels are one function
        costs[f"{name} [{lib}]"] += int(m.group(1).replace(",", ""))
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("op")
    parser.add_argument("--bindings", nargs="+", default=["C", "rsbind", "PyO3"])
    parser.add_argument("-n", type=int, default=100000)
    parser.add_argument("--out", type=Path, default=BENCH / "target")
    parser.add_argument("--min", type=float, default=0.5, help="hide functions below this Ir/call")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        per_call = {}
        for b in args.bindings:
            one = self_costs(b, args.op, args.n, args.out, tmp)
            two = self_costs(b, args.op, 2 * args.n, args.out, tmp)
            per_call[b] = {f: (two[f] - one.get(f, 0)) / args.n for f in two}
    for b in args.bindings:
        rows = sorted(((v, f) for f, v in per_call[b].items() if v >= args.min), reverse=True)
        total = sum(v for v in per_call[b].values())
        print(f"== {b} {args.op}: {total:,.0f} instructions per iteration")
        for v, f in rows:
            print(f"  {v:8.1f}  {f}")
        print()


if __name__ == "__main__":
    main()
