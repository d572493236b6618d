//! The supported interpreters (CPython 3.9 to 3.13, MAPPING: Python versions):
//! one small case built for each and its Python checks run under it, with the
//! module imported in sub-interpreters too; the refusals around that range; and
//! one `--abi3` module file run under every version from 3.10.

use rsbind::driver;
use rsbind_tests::*;
use std::path::PathBuf;
use std::process::Command;

/// The case each interpreter builds: live statics, submodules, a class.
const CASE: &str = "modules_statics";

/// Extracts the case and builds it for CPython 3.`minor` in the scratch folder `folder`.
fn build_for(minor: u32, folder: &str) -> (String, PathBuf) {
    let python = cpython(minor);
    let dir = scratch(folder);
    let ron = dir.join(format!("{CASE}.ron"));
    check_extract(&root().join("tests/cases").join(CASE), &ron);
    check_build_for(&python, &ron, &dir);
    (python, dir)
}

fn runs_under(minor: u32) {
    let (python, dir) = build_for(minor, &format!("python3{minor}"));
    let cases = root().join("tests/cases");
    check_python_with(&python, &cases.join(CASE).join("test.py"), &[], &dir);
    let script = root().join("tests/versions/subinterpreters.py");
    check_python_with(&python, &script, &[CASE], &dir);
}

#[test]
fn cpython_3_9() {
    runs_under(9);
}

#[test]
fn cpython_3_10() {
    runs_under(10);
}

#[test]
fn cpython_3_11() {
    runs_under(11);
}

#[test]
fn cpython_3_12() {
    runs_under(12);
}

#[test]
fn cpython_3_13() {
    runs_under(13);
}

/// `rsbind build` refuses an interpreter older than 3.9, naming the version required.
#[test]
fn cpython_3_8_is_refused_at_build() {
    let python = cpython(8);
    let dir = scratch("python38");
    let ron = dir.join(format!("{CASE}.ron"));
    check_extract(&root().join("tests/cases").join(CASE), &ron);
    let options = driver::BuildOptions::new(python.clone());
    let failure = driver::build(&ron, &dir, &options).expect_err("3.8 is refused");
    let text = failure.render();
    assert!(
        text.contains("is CPython 3.8.") && text.contains("rsbind builds for CPython 3.9 or newer"),
        "{text}"
    );
}

/// A module file renamed so that another interpreter finds it (`NAME.so`)
/// raises an ImportError naming the version it was built for.
#[test]
fn another_version_gets_an_import_error() {
    let (_, built) = build_for(9, "python39-for-renaming");
    let module = std::fs::read_dir(&built)
        .expect("build folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(&format!("{CASE}.cpython-39")) && name.ends_with(".so")
        })
        .expect("the 3.9 module");
    let dir = scratch("python39-renamed");
    std::fs::copy(&module, dir.join(format!("{CASE}.so"))).expect("copy the module");
    let out = Command::new(cpython(10))
        .args(["-c", &format!("import {CASE}")])
        .env("PYTHONPATH", &dir)
        .output()
        .expect("python3.10 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && stderr.contains(&format!(
                "ImportError: {CASE} was built for CPython 3.9 and needs that version"
            ))
            && stderr.contains("this interpreter is 3.10."),
        "{stderr}"
    );
}

/// Builds `case` with `--abi3` against the headers of CPython 3.`minor` into
/// the scratch folder `folder`: one `CASE.abi3.so`.
fn build_abi3(case: &str, minor: u32, folder: &str) -> PathBuf {
    let dir = scratch(folder);
    let ron = dir.join(format!("{case}.ron"));
    check_extract(&root().join("tests/cases").join(case), &ron);
    // A target folder of their own: cargo leaves a package's cdylib at one path
    // per package name (`release/librsbind_CASE.so`), so a fresh abi3 build
    // would report the file a version-specific build of the case wrote last.
    let options = driver::BuildOptions {
        target_dir: Some(root().join("target").join("rsbind-abi3")),
        werror: true,
        ..driver::BuildOptions::new(cpython(minor))
    };
    let gen_options = driver::GenOptions {
        abi3: true,
        ..Default::default()
    };
    let module = driver::build_with(&ron, &dir, &options, &gen_options)
        .unwrap_or_else(|f| panic!("abi3 build failed:\n{}", f.render()));
    assert_eq!(
        module.file_name().and_then(|n| n.to_str()),
        Some(format!("{case}.abi3.so").as_str())
    );
    dir
}

/// `rsbind build --abi3` (MAPPING: Python versions): one module file, built
/// once against the newest headers on the limited API of 3.10, runs the
/// case's checks under 3.10, 3.11, 3.12 and 3.13 (classes, enums, errors,
/// buffers, vectors, collections, 128-bit ints, datetime); 3.9 refuses it
/// with an ImportError that names the floor.
#[test]
fn abi3_module_runs_under_every_version_from_3_10() {
    let case = "stable_abi";
    let dir = build_abi3(case, 13, "abi3-stable_abi");
    let script = root().join("tests/cases").join(case).join("test.py");
    for minor in 10..=13 {
        check_python_with(&cpython(minor), &script, &[], &dir);
    }
    let out = Command::new(cpython(9))
        .args(["-c", &format!("import {case}")])
        .env("PYTHONPATH", &dir)
        .output()
        .expect("python3.9 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && stderr.contains(&format!(
                "ImportError: {case} was built on the stable ABI (abi3) for CPython 3.10 and later; this interpreter is 3.9."
            )),
        "{stderr}"
    );
}

/// The abi3 build of the versions case (live statics, submodules): its checks
/// and sub-interpreters under the oldest and the newest version, built with
/// the oldest's headers.
#[test]
fn abi3_module_imports_in_sub_interpreters() {
    let dir = build_abi3(CASE, 10, "abi3-modules_statics");
    let test = root().join("tests/cases").join(CASE).join("test.py");
    let script = root().join("tests/versions/subinterpreters.py");
    for minor in [10, 13] {
        let python = cpython(minor);
        check_python_with(&python, &test, &[], &dir);
        check_python_with(&python, &script, &[CASE], &dir);
    }
}

/// The abi3 build of a module that calls Python from Rust (`module_state`:
/// callables, one called from a thread of Rust's): under 3.13 its checks pass,
/// sub-interpreters included (each callable runs in its own interpreter);
/// under 3.10 a sub-interpreter's import is refused with the reason.
#[test]
fn abi3_callables_in_sub_interpreters() {
    let dir = build_abi3("module_state", 10, "abi3-module_state");
    let test = root().join("tests/cases/module_state/test.py");
    check_python_with(&cpython(13), &test, &[], &dir);
    let script = root().join("tests/versions/subinterpreter_refused.py");
    check_python_with(&cpython(10), &script, &["module_state"], &dir);
}

/// `--abi3` needs the limited API of 3.10: a 3.9 interpreter is refused.
#[test]
fn abi3_refuses_3_9_at_build() {
    let dir = scratch("abi3-python39");
    let ron = dir.join(format!("{CASE}.ron"));
    check_extract(&root().join("tests/cases").join(CASE), &ron);
    let gen_options = driver::GenOptions {
        abi3: true,
        ..Default::default()
    };
    let options = driver::BuildOptions::new(cpython(9));
    let failure = driver::build_with(&ron, &dir, &options, &gen_options)
        .expect_err("3.9 is refused for abi3");
    let text = failure.render();
    assert!(
        text.contains("is CPython 3.9: --abi3 builds on the limited API of CPython 3.10"),
        "{text}"
    );
}

/// Every case's generated C and the runtime compile on the limited API
/// (`gen --abi3`, `Py_LIMITED_API=0x030A0000`, the newest headers) with
/// `-Wall -Wextra -Werror`: a full-API construct anywhere in runtime-c/ or the
/// templates fails here, not only in the cases the abi3 tests build.
#[test]
fn every_case_compiles_on_the_limited_api() {
    let python = cpython(13);
    let query = "import sysconfig; print(sysconfig.get_paths()['include'])";
    let out = Command::new(&python)
        .args(["-c", query])
        .output()
        .expect("python3.13 runs");
    let include = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let compile = |dir: &std::path::Path, file: &str| {
        let out = Command::new(&cc)
            .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
            .arg("-DPy_LIMITED_API=0x030A0000")
            .args(["-I", "runtime-c", "-I", &include, file])
            .current_dir(dir)
            .output()
            .expect("the C compiler runs");
        assert!(
            out.status.success(),
            "{} does not compile on the limited API:\n{}",
            dir.join(file).display(),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let cases = case_dirs();
    let gen_options = driver::GenOptions {
        abi3: true,
        ..Default::default()
    };
    for (i, crate_dir) in cases.iter().enumerate() {
        let case = crate_dir.file_name().expect("case").to_string_lossy();
        let dir = scratch(&format!("abi3-gen-{case}"));
        let ron = match crate_dir.join("interface.ron") {
            curated if curated.exists() => curated,
            _ => {
                let ron = dir.join(format!("{case}.ron"));
                check_extract(crate_dir, &ron);
                ron
            }
        };
        let out = dir.join("bindings");
        driver::gen(&ron, &out, &gen_options)
            .unwrap_or_else(|f| panic!("gen --abi3 of {case} failed:\n{}", f.render()));
        compile(&out, "module.c");
        if i == 0 {
            // The runtime is the same in every package.
            for (path, _) in rsbind::backend::RUNTIME_C_FILES {
                if path.ends_with(".c") {
                    compile(&out, path);
                }
            }
        }
    }
}
