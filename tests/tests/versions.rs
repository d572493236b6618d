//! The supported interpreters (CPython 3.9 to 3.13, MAPPING: Python versions):
//! one small case built for each and its Python checks run under it, with the
//! module imported in sub-interpreters too; and the refusals around that range.

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
