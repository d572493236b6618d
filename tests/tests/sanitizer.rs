//! The memory sanitizer run: a subset of the case crates built with
//! AddressSanitizer on both sides of the ABI (the generated C and the C runtime
//! with `-fsanitize=address`, the Rust stubs, the Rust runtime and the crate
//! with `-Zsanitizer=address`), each case's `test.py` run with the C
//! compiler's libasan preloaded into the (uninstrumented) interpreter and
//! `PYTHONMALLOC=malloc`, so every Python object is a malloc block that ASan
//! guards. Any out-of-bounds access, use after free or double free in generated
//! code or the runtimes aborts the interpreter and fails the case. CPython
//! itself is not instrumented, so its own accesses are not checked: nothing of
//! its needs suppressing. Leaks are the business of `tests/cases/leaks` (RSS
//! flat over a million calls of every kind): LeakSanitizer would report the
//! interpreter's own allocations alive at exit.
//!
//! The subset exercises every file of `runtime-c/` (and `runtime-rs/`, which
//! every module links) in depth; the whole suite would double CI's time. This
//! binary holds this one test, so setting the build's environment is safe.

use rsbind_tests::*;
use std::path::Path;
use std::process::Command;

/// Buffers, vectors and items; collections; class objects, borrows and live
/// statics; errors; the released-GIL copies; views, sequence views, iterators
/// of views and results borrowing two objects; live module statics; trait
/// objects (Python objects held by Rust, dropped on Rust's threads; views lent
/// to callables and ended, `Arc`s, errors moved out of exceptions); module
/// state (two imports, sub-interpreters, a callable called from a thread of
/// Rust's own); values stored in their objects (views into them, lent, pinned).
const CASES: &[&str] = &[
    "collections_numeric",
    "collections_general",
    "classes",
    "errors",
    "threads",
    "views",
    "view_sequences",
    "iterator_views",
    "modules_statics",
    "trait_objects",
    "trait_objects_more",
    "module_state",
    "inline_values",
];

/// The C compiler's ASan runtime, for LD_PRELOAD.
fn libasan() -> String {
    let out = Command::new("cc")
        .arg("-print-file-name=libasan.so")
        .output()
        .expect("cc runs");
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        Path::new(&path).is_absolute() && Path::new(&path).exists(),
        "the C compiler has no libasan.so (got {path:?}); install gcc's libasan"
    );
    path
}

/// The interpreter itself, not a launcher script (pyenv's shims are shell scripts).
fn interpreter() -> String {
    let out = Command::new(python())
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .expect("python3 runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn cases_under_address_sanitizer() {
    // The interface files first, with the environment as it is (rustdoc's
    // builds are cached in rsbind's own target folder).
    let cases: Vec<_> = CASES
        .iter()
        .map(|case| {
            let crate_dir = root().join("tests/cases").join(case);
            let dir = scratch(&format!("asan-{case}"));
            let ron = if crate_dir.join("interface.ron").exists() {
                crate_dir.join("interface.ron")
            } else {
                let ron = dir.join(format!("{case}.ron"));
                check_extract(&crate_dir, &ron);
                ron
            };
            (case, crate_dir, dir, ron)
        })
        .collect();
    // The generated package's build reads these: cc takes CFLAGS, cargo
    // RUSTFLAGS (rsbind adds --cap-lints), and -Z needs RUSTC_BOOTSTRAP.
    std::env::set_var(
        "CFLAGS",
        "-fsanitize=address -fno-omit-frame-pointer -g -O1",
    );
    std::env::set_var("RUSTFLAGS", "-Zsanitizer=address");
    std::env::set_var("RUSTC_BOOTSTRAP", "1");
    let mut options = rsbind::driver::BuildOptions::new(python());
    options.target_dir = Some(root().join("target").join("rsbind-asan"));
    options.werror = true;
    let libasan = libasan();
    let interpreter = interpreter();
    let mut failures = Vec::new();
    for (case, crate_dir, dir, ron) in cases {
        if let Err(f) = rsbind::driver::build(&ron, &dir, &options) {
            eprintln!("{case}: the ASan build failed:\n{}", f.render());
            failures.push(case);
            continue;
        }
        let out = Command::new(&interpreter)
            .arg(crate_dir.join("test.py"))
            .env("PYTHONPATH", &dir)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONMALLOC", "malloc")
            .env("LD_PRELOAD", &libasan)
            // A small quarantine: freed memory is reused soon, so the cases'
            // own RSS checks hold; recent frees are still caught.
            .env(
                "ASAN_OPTIONS",
                "detect_leaks=0:quarantine_size_mb=1:thread_local_quarantine_size_kb=64:\
                 abort_on_error=1:print_summary=1",
            )
            .output()
            .expect("python runs");
        if !out.status.success() {
            eprintln!(
                "{case} under AddressSanitizer failed ({}):\n{}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            failures.push(case);
        }
    }
    assert!(
        failures.is_empty(),
        "cases that failed under AddressSanitizer (their output is above): {failures:?}"
    );
}
