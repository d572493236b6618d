#!/usr/bin/env python3
"""Binds crates of the local cargo registry unedited: extract, check, build.

For each crate (the newest version of each name, or those given), runs the
rsbind binary and sorts the outcome:
  panic        rsbind panicked or crashed (exit 101, or killed by a signal
               such as SIGABRT on a stack overflow): always a bug
  extract      extract refused the crate with a message (proc-macro crate,
               does not compile as it is, ...)
  check        check rejected the file extract wrote (a bug: extract must
               write what check accepts)
  gen          gen failed after check accepted the file (a bug)
  build        build failed after check accepted the file (a bug)
  ok           checked and generated (with --build: built an importable module)
  timeout      took longer than --timeout seconds in one step

Usage: bench/sweep.py [--rsbind target/release/rsbind] [--limit N] [--timeout S]
                      [--build] [CRATE_DIR...]
Writes one line per crate and the counts; exit 1 when a bug class is non-empty.
"""

import argparse
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile


def newest_per_name(root):
    best = {}
    for d in sorted(glob.glob(os.path.join(root, "*"))):
        m = re.match(r"(.+)-(\d+)\.(\d+)\.(\d+)(.*)$", os.path.basename(d))
        if not m or not os.path.isfile(os.path.join(d, "Cargo.toml")):
            continue
        key = (int(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(5) == "")
        if m.group(1) not in best or key > best[m.group(1)][0]:
            best[m.group(1)] = (key, d)
    return [d for _, d in sorted(best.values(), key=lambda kd: kd[1])]


def run_in(cmd, timeout, env=None):
    # In a session of its own, so that a timeout ends cargo and rustc too.
    p = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return None, ""
    return p.returncode, out


def panicked(code, out):
    # rsbind's own panic exits with 101; a crate's build script that panics is
    # reported by rsbind (exit 1) with the script's output quoted. A negative
    # code is a signal (SIGABRT: a stack overflow).
    return code == 101 or code < 0


def sweep_one(rsbind, crate, out_dir, timeout, build):
    ron = os.path.join(out_dir, "x.ron")
    # rsbind's rustdoc target folder goes to the temporary folder, removed after
    # each crate: a sweep of the whole registry would otherwise fill the disk.
    env = dict(os.environ, TMPDIR=out_dir)

    def run(cmd, timeout):
        return run_in(cmd, timeout, env)

    code, out = run([rsbind, "extract", crate, "-o", ron], timeout)
    if code is None:
        return "timeout", "extract"
    if panicked(code, out):
        return "panic", out.strip().splitlines()[-1:]
    if code != 0:
        first = next((l for l in out.splitlines() if l.startswith("error")), out[:120])
        return "extract", first
    code, out = run([rsbind, "check", ron], timeout)
    if code is None:
        return "timeout", "check"
    if panicked(code, out):
        return "panic", out.strip().splitlines()[-1:]
    if code != 0:
        return "check", next((l for l in out.splitlines() if l.startswith("error")), "")
    code, out = run([rsbind, "gen", ron, "-o", os.path.join(out_dir, "pkg")], timeout)
    if code is None:
        return "timeout", "gen"
    if panicked(code, out):
        return "panic", out.strip().splitlines()[-1:]
    if code != 0:
        return "gen", next((l for l in out.splitlines() if l.startswith("error")), "")
    if not build:
        return "ok", "generated"
    code, out = run([rsbind, "build", ron, "-o", out_dir], timeout * 3)
    if code is None:
        return "timeout", "build"
    if panicked(code, out):
        return "panic", out.strip().splitlines()[-1:]
    if code != 0:
        return "build", next((l for l in out.splitlines() if "error" in l), "")
    return "ok", "built"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rsbind", default="target/release/rsbind")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("--build", action="store_true")
    ap.add_argument("crates", nargs="*")
    a = ap.parse_args()
    registry = glob.glob(os.path.expanduser("~/.cargo/registry/src/*"))
    crates = a.crates or (newest_per_name(registry[0]) if registry else [])
    if a.limit:
        crates = crates[: a.limit]
    counts = {}
    for crate in crates:
        lock = os.path.join(crate, "Cargo.lock")
        had_lock = os.path.exists(lock)
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as out_dir:
            kind, detail = sweep_one(a.rsbind, crate, out_dir, a.timeout, a.build)
        # rsbind removes the Cargo.lock cargo writes, unless a timeout killed it.
        if not had_lock and os.path.exists(lock):
            os.remove(lock)
        counts[kind] = counts.get(kind, 0) + 1
        print(f"{kind:8} {os.path.basename(crate)}  {detail}", flush=True)
    print("counts:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    bugs = sum(counts.get(k, 0) for k in ("panic", "check", "gen", "build"))
    sys.exit(1 if bugs else 0)


if __name__ == "__main__":
    main()
