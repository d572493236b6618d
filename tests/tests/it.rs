//! Every test case goes through the stages it names; a new case is a new folder
//! (or file) that the globs below find, with its snapshots beside this file.

use rsbind_tests::*;
use std::path::Path;

fn case_name(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .expect("a case folder")
}

/// Extract and gen for every case crate: the interface file and the generated
/// Rust stubs, C source and stubs file, as snapshots. A case with an
/// `interface.ron` of its own is curated: that file is the input, checked and
/// generated as it is.
#[test]
fn cases_generate() {
    insta::glob!("../cases", "*/Cargo.toml", |manifest| {
        let case = case_name(manifest);
        let crate_dir = manifest.parent().expect("case folder");
        let dir = scratch(&format!("gen-{case}"));
        let ron = match curated_interface(crate_dir) {
            Some(ron) => ron,
            None => {
                let ron = dir.join(format!("{case}.ron"));
                let text = check_extract(crate_dir, &ron);
                insta::assert_snapshot!("interface", text);
                ron
            }
        };
        let files = check_gen(&ron, &dir.join("bindings"));
        let module = module_of(&ron);
        // One snapshot per class (or section), small enough to review.
        for (part, text) in split_lib_rs(file(&files, "src/lib.rs"), &module) {
            insta::assert_snapshot!(format!("lib_rs_{part}"), text);
        }
        for (part, text) in split_module_c(file(&files, "module.c"), &module) {
            insta::assert_snapshot!(format!("module_c_{part}"), text);
        }
        for (part, text) in stub_parts(&files, &module) {
            insta::assert_snapshot!(part, text);
        }
    });
}

/// The hand-curated interface file of a case, if it has one.
fn curated_interface(crate_dir: &Path) -> Option<std::path::PathBuf> {
    let ron = crate_dir.join("interface.ron");
    ron.exists().then_some(ron)
}

/// Extract, build and import every case crate, and run its Python checks; then
/// type-check the stubs of all of them, with each case's typed usage file
/// (`typed_CASE.py`, where there is one). Every case runs; the failures are
/// reported together.
#[test]
fn cases_run_in_python() {
    let mut failures = Vec::new();
    let cases = case_dirs();
    assert!(!cases.is_empty(), "no test cases found");
    let mut built = Vec::new();
    for crate_dir in &cases {
        let case = crate_dir
            .file_name()
            .expect("case name")
            .to_string_lossy()
            .into_owned();
        let outcome = std::panic::catch_unwind(|| {
            let dir = scratch(&format!("run-{case}"));
            let ron = match curated_interface(crate_dir) {
                Some(ron) => ron,
                None => {
                    let ron = dir.join(format!("{case}.ron"));
                    check_extract(crate_dir, &ron);
                    ron
                }
            };
            check_build(&ron, &dir);
            let module = module_of(&ron);
            check_rustfmt(&dir.join("src/lib.rs"));
            check_rustfmt(&dir.join("src/rsbind_rt.rs"));
            check_python(&crate_dir.join("test.py"), &dir);
            (module, dir)
        });
        match outcome {
            Ok(module) => built.push(module),
            Err(_) => failures.push(case),
        }
    }
    // The stubs of every case that built, checked at once (one mypy run).
    let usage: Vec<_> = cases
        .iter()
        .filter_map(|c| Some(c.join(format!("typed_{}.py", c.file_name()?.to_str()?))))
        .filter(|p| p.exists())
        .collect();
    if std::panic::catch_unwind(|| check_stubs(&built, &usage)).is_err() {
        failures.push("the stubs (mypy, stubtest, signatures)".to_string());
    }
    assert!(
        failures.is_empty(),
        "cases that failed (their output is above): {failures:?}"
    );
}

/// The seed's example binds and greets.
#[test]
fn hello_example() {
    let dir = scratch("hello");
    let ron = dir.join("hello.ron");
    check_extract(&root().join("examples/hello"), &ron);
    check_build(&ron, &dir);
    let out = std::process::Command::new(python())
        .args(["-c", "import hello; print(hello.hello('advent-2015')); print(hello.__doc__); print(hello.hello.__doc__)"])
        .env("PYTHONPATH", &dir)
        .output()
        .expect("python runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello \"advent-2015\" from Rust\nhello is a simple package\nHello greets someone.\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `-o` is the package folder for `build` as for `gen`: the folder `build`
    // wrote is what `gen` writes.
    let options = rsbind::driver::GenOptions::default();
    assert!(matches!(
        rsbind::driver::gen_check(&ron, &dir, &options),
        Ok(rsbind::driver::Staleness::UpToDate)
    ));
}

/// A real crate from crates.io binds without editing its interface file, and
/// its Python checks (`tests/registry/NAME/test.py`) pass.
fn check_registry_crate(package: &str) {
    let crate_dir = registry_crate_dir(package);
    // Folders, files and snapshots by the library's name (`aho_corasick`).
    let name = &package.replace('-', "_");
    let dir = scratch(name);
    let ron = dir.join(format!("{name}.ron"));
    let text = check_extract(&crate_dir, &ron);
    insta::assert_snapshot!(format!("{name}_interface"), redact_crate_path(&text));
    check_build(&ron, &dir);
    // Long paths of the crate's items break where rustfmt breaks them.
    check_rustfmt(&dir.join("src/lib.rs"));
    check_python(&root().join(format!("tests/registry/{name}/test.py")), &dir);
    check_stubs(&[(module_of(&ron), dir)], &[]);
}

#[test]
fn registry_strsim() {
    check_registry_crate("strsim");
}

#[test]
fn registry_semver() {
    check_registry_crate("semver");
}

#[test]
fn registry_serde_json() {
    check_registry_crate("serde_json");
}

#[test]
fn registry_rust_decimal() {
    check_registry_crate("rust_decimal");
}

#[test]
fn registry_aho_corasick() {
    check_registry_crate("aho-corasick");
}

#[test]
fn registry_memchr() {
    check_registry_crate("memchr");
}

#[test]
fn registry_percent_encoding() {
    check_registry_crate("percent-encoding");
}

#[test]
fn registry_unicode_width() {
    check_registry_crate("unicode-width");
}

#[test]
fn registry_heck() {
    check_registry_crate("heck");
}

#[test]
fn registry_quadrature() {
    check_registry_crate("quadrature");
}

#[test]
fn registry_time() {
    check_registry_crate("time");
}

/// Bad interface files: each is reported with its place, all problems at once.
#[test]
fn bad_interface_files() {
    insta::glob!("../bad-ron", "*.ron", |path| {
        let text = std::fs::read_to_string(path).expect("case file");
        let name = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(check_diagnostics(&name, &text));
    });
}

/// Features are part of the interface file: extracted with `--features more`,
/// the feature-gated function is bound, the file says so, and the build
/// compiles the crate with that feature.
#[test]
fn features_choose_what_is_bound() {
    let crate_dir = root().join("tests/cases/macros");
    let dir = scratch("features-more");
    let ron = dir.join("macros.ron");
    let _ = std::fs::remove_file(&ron);
    let selection = rsbind::driver::FeatureSelection {
        features: vec!["more".to_string()],
        ..Default::default()
    };
    let (interface, _) = rsbind::driver::extract_to_file_with(&crate_dir, &ron, Some(selection))
        .unwrap_or_else(|f| panic!("extract failed:\n{}", f.render()));
    assert_eq!(interface.krate.features, vec!["more".to_string()]);
    let text = std::fs::read_to_string(&ron).expect("interface file");
    assert!(text.contains("features: [\"more\"]"), "{text}");
    assert!(text.contains("name: \"more_fn\""), "{text}");
    // Re-extraction without flags keeps the file's features.
    let (again, _) = rsbind::driver::extract_to_file(&crate_dir, &ron)
        .unwrap_or_else(|f| panic!("re-extract failed:\n{}", f.render()));
    assert_eq!(again.krate.features, vec!["more".to_string()]);
    // A module name of its own, so that this build and the `macros` case's
    // (run in parallel, into the shared target folder) make different libraries.
    let text = std::fs::read_to_string(&ron).expect("interface file");
    std::fs::write(
        &ron,
        text.replace("module: \"macros\"", "module: \"macros_more\""),
    )
    .expect("interface file written");
    check_build(&ron, &dir);
    let out = std::process::Command::new(python())
        .args([
            "-c",
            "import macros_more as m; print(m.more_fn(), m.extra())",
        ])
        .env("PYTHONPATH", &dir)
        .output()
        .expect("python runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "42 extras are on\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `gen --templates DIR`: a template below DIR replaces the built-in one of the
/// same name (`cpython/function.c.j2`); the rest of the output stays the same.
#[test]
fn gen_with_own_templates() {
    let dir = scratch("own-templates");
    let crate_dir = root().join("tests/cases/functions");
    let ron = dir.join("functions.ron");
    check_extract(&crate_dir, &ron);
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("cpython")).expect("templates folder");
    let built_in = std::fs::read_to_string(root().join("templates/cpython/function.c.j2"))
        .expect("the built-in template");
    let own = format!("{built_in}/* reviewed: {{{{ fn.wrapper }}}} */\n");
    std::fs::write(templates.join("cpython/function.c.j2"), own).expect("own template");
    let options = rsbind::driver::GenOptions {
        templates: Some(templates),
        ..Default::default()
    };
    let out = dir.join("bindings");
    rsbind::driver::gen(&ron, &out, &options)
        .unwrap_or_else(|f| panic!("gen failed:\n{}", f.render()));
    let ours = std::fs::read_to_string(out.join("module.c")).expect("module.c");
    let default = file(&check_gen(&ron, &dir.join("default")), "module.c").to_string();
    assert!(
        ours.contains("/* reviewed: rsbind_py_"),
        "the own template is not used:\n{ours}"
    );
    let without_ours: Vec<&str> = ours
        .lines()
        .filter(|l| !l.starts_with("/* reviewed: "))
        .collect();
    assert_eq!(without_ours.join("\n") + "\n", default);
}
