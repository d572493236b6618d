#!/bin/sh
# Builds msb.c for python3 into a temporary folder and times the three lookups.
set -e
dir=$(mktemp -d)
inc=$(python3 -c "import sysconfig; print(sysconfig.get_paths()['include'])")
ext=$(python3 -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
cc -O2 -shared -fPIC -I"$inc" "$(dirname "$0")/msb.c" -o "$dir/msb$ext"
PYTHONPATH="$dir" python3 - <<'PY'
import statistics, timeit, msb
class Sub(msb.Obj): pass
class Deep(Sub): pass
g = {"f": msb.via_global, "g": msb.via_module, "h": msb.via_type, "t": msb.via_own_type,
     "o": msb.Obj(), "d": Deep()}
rows = [("C global", "f(o)"), ("module state via self", "g(o)"),
        ("PyType_GetModuleState, own type", "t(o)"),
        ("PyType_GetModuleByDef, own type", "h(o)"), ("PyType_GetModuleByDef, 2 subclasses down", "h(d)")]
ns = {name: [] for name, _ in rows}
for _ in range(21):
    for name, stmt in rows:
        ns[name].append(timeit.Timer(stmt, globals=g).timeit(500_000) / 500_000 * 1e9)
for name, _ in rows:
    print(f"{name:42s} median {statistics.median(ns[name]):5.1f} ns, min {min(ns[name]):5.1f} ns")
PY
rm -rf "$dir"
