//! Curation over time, end to end: extract a crate, curate its interface file
//! by hand, change the crate, check for drift, re-extract, and use the module.
//! The crates are in `tests/curation/<case>/` (not `tests/cases/`, whose crates
//! are bound as they are).

use rsbind::driver;
use rsbind_tests::*;
use std::fs;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Puts the crate folder `version` of the case at `crate_dir`, replacing what is there.
fn use_crate(case: &Path, version: &str, crate_dir: &Path) {
    let _ = fs::remove_dir_all(crate_dir);
    copy_dir(&case.join(version), crate_dir);
}

/// `text` with `from` replaced by `to`; `from` must be there exactly once.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the interface file should have exactly one\n{from}\nin\n{text}"
    );
    text.replacen(from, to, 1)
}

/// The lines of the function item `name` as extract writes it.
fn function_block<'t>(text: &'t str, name: &str) -> &'t str {
    let start = text
        .find(&format!("        Function(\n            name: \"{name}\","))
        .unwrap_or_else(|| panic!("no function {name} in\n{text}"));
    let end =
        start + text[start..].find("\n        ),\n").expect("its end") + "\n        ),\n".len();
    &text[start..end]
}

/// What a person does to the extracted file: every kind of curation, and comments.
fn curate(text: &str) -> String {
    let mut t = text.to_string();
    // A comment at the top of the file.
    t = edit(
        &t,
        "Interface(\n",
        "// Curated for the Python team; re-extract with `rsbind extract`.\nInterface(\n",
    );
    // Rename a function.
    t = edit(&t, "name: \"add\",", "name: \"plus\",");
    // Rename a parameter and give another a default, with comments before the
    // item and the parameter.
    t = edit(
        &t,
        "        Function(\n            name: \"repeat\",",
        "        // Python callers mostly want a double.\n        Function(\n            name: \"repeat\",",
    );
    t = edit(
        &t,
        "                Param(name: \"word\", ty: \"&str\"),\n                Param(name: \"times\", ty: \"u32\"),",
        "                Param(name: \"text\", ty: \"&str\"),\n                // Twice unless told.\n                Param(name: \"times\", ty: \"u32\", default: Some(\"2\")),",
    );
    // Replace a docstring.
    t = edit(
        &t,
        "            doc: \"Greets someone.\",\n",
        "            doc: \"Greets someone.\",\n            doc_override: Some(\"Says hello.\"),\n",
    );
    // Release the GIL, with a comment after it on its line.
    t = edit(
        &t,
        "            ret: \"u64\",\n        ),",
        "            ret: \"u64\",\n            release_gil: true, // CPU-bound\n        ),",
    );
    // Skip a function: out of `items`, into `skipped`.
    let secret = function_block(&t, "secret").to_string();
    t = edit(&t, &secret, "");
    t = edit(
        &t,
        "    skipped: [\n",
        "    skipped: [\n        Skipped(path: \"secret\", kind: \"fn\", reason: \"not for Python\"),\n",
    );
    // Rename the function that the next version removes, with a comment.
    t = edit(
        &t,
        "        Function(\n            name: \"gone\",",
        "        // Will go.\n        Function(\n            name: \"vanishing\",",
    );
    // Rename a method.
    t = edit(&t, "name: \"bump\",", "name: \"increment\",");
    // An instantiation of the generic function.
    t = edit(
        &t,
        "    ],\n    skipped: [",
        "        Function(\n            name: \"largest_i64\",\n            path: \"largest\",\n            type_args: [\"i64\"],\n            \
         params: [Param(name: \"items\", ty: \"&[i64]\")],\n            ret: \"i64\",\n        ),\n    ],\n    skipped: [",
    );
    t
}

/// `rsbind check`: the normal checks, then the drift check.
fn check(ron: &Path) -> Result<driver::Report, driver::Failure> {
    let loaded = driver::load(ron)?;
    assert!(
        loaded.report.warnings.is_empty(),
        "{}",
        loaded.report.render()
    );
    driver::check_drift(ron)
}

#[test]
fn reextract_keeps_edits() {
    let case = root().join("tests/curation/reextract");
    let dir = scratch("curation-reextract");
    let crate_dir = dir.join("crate");
    let ron = dir.join("reextract.ron");
    let _ = fs::remove_file(&ron);
    use_crate(&case, "crate_v1", &crate_dir);

    // Extract and curate.
    let extracted = check_extract(&crate_dir, &ron);
    let curated = curate(&extracted);
    fs::write(&ron, &curated).expect("write the curated file");
    let report =
        check(&ron).unwrap_or_else(|f| panic!("the curated file does not check:\n{}", f.render()));
    assert!(report.warnings.is_empty(), "{}", report.render());

    // The crate changes: `rsbind check` reports the drift, with both versions.
    use_crate(&case, "crate_v2", &crate_dir);
    let failure = check(&ron).expect_err("the file drifted from the crate");
    let shown = failure.render();
    assert!(
        shown.contains(
            "error: fn `scale` changed in the crate: the crate now has `fn scale(x: f64, factor: f64) -> f64`, \
             the file says `fn scale(x: f64, factor: i32) -> f64`"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("error: fn `gone` is not in the crate"),
        "{shown}"
    );
    assert!(
        shown.contains("warning: fn `triple` is in the crate but not in the interface file yet"),
        "{shown}"
    );
    assert!(
        shown.contains("to update the file (your edits are kept)"),
        "{shown}"
    );
    assert_eq!(
        failure.diagnostics.iter().filter(|d| d.is_error()).count(),
        2,
        "{shown}"
    );
    let lines = shown
        .lines()
        .filter(|l| l.contains("reextract.ron:"))
        .count();
    assert_eq!(lines, 3, "each drift is located in the file:\n{shown}");

    // Re-extract: the summary says what changed.
    let (_, report) = driver::extract_to_file(&crate_dir, &ron)
        .unwrap_or_else(|f| panic!("re-extraction failed:\n{}", f.render()));
    assert!(report.warnings.is_empty(), "{}", report.render());
    let summary = report.summary.expect("a summary of the re-extraction");
    assert_eq!(summary.added, ["fn triple"]);
    assert_eq!(summary.removed, ["fn gone"]);
    assert_eq!(
        summary.changed,
        [(
            "fn scale".to_string(),
            "(x: f64, factor: i32) -> f64".to_string(),
            "(x: f64, factor: f64) -> f64".to_string()
        )]
    );
    assert_eq!(
        summary.dropped_curation,
        [
            "curation dropped because its item vanished: rename of fn `gone` to `vanishing`",
            "curation dropped because its item vanished: comment on fn `gone`: `// Will go.`",
        ]
    );
    assert_eq!(summary.kept_skipped, ["fn secret"]);

    // The edits and comments survived.
    let after = fs::read_to_string(&ron).expect("the re-extracted file");
    for kept in [
        "// Curated for the Python team; re-extract with `rsbind extract`.\nInterface(\n",
        "name: \"plus\",\n            path: \"add\",",
        "        // Python callers mostly want a double.\n        Function(\n            name: \"repeat\",",
        "                Param(name: \"text\", ty: \"&str\"),\n                // Twice unless told.\n                Param(name: \"times\", ty: \"u32\", default: Some(\"2\")),",
        "doc_override: Some(\"Says hello.\"),",
        "            // CPU-bound\n            release_gil: true,\n",
        "Skipped(path: \"secret\", kind: \"fn\", reason: \"not for Python\"),",
        "name: \"increment\",\n                    rust: \"bump\",",
        "name: \"largest_i64\",\n            path: \"largest\",",
        "Param(name: \"factor\", ty: \"f64\")",
        "name: \"triple\",",
    ] {
        assert!(after.contains(kept), "lost:\n{kept}\nin:\n{after}");
    }
    for gone in ["vanishing", "// Will go.", "name: \"secret\""] {
        assert!(!after.contains(gone), "still there: {gone}\nin:\n{after}");
    }
    // New items come after the existing ones.
    assert!(after.find("name: \"triple\"") > after.find("name: \"largest_i64\""));

    // The file checks again, without drift; re-extracting once more changes nothing.
    let report = check(&ron).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(report.warnings.is_empty(), "{}", report.render());
    let (_, again) = driver::extract_to_file(&crate_dir, &ron).expect("re-extract");
    assert_eq!(fs::read_to_string(&ron).expect("the file"), after);
    let again = again.summary.expect("a summary");
    assert!(again.added.is_empty() && again.removed.is_empty() && again.changed.is_empty());

    // The module works from Python, with every curation.
    check_build(&ron, &dir);
    check_python(&case.join("test.py"), &dir);
}

/// A file that does not read is not overwritten: extract says why and how to
/// start over.
#[test]
fn reextract_refuses_a_file_it_cannot_read() {
    let case = root().join("tests/curation/reextract");
    let dir = scratch("curation-unreadable");
    let crate_dir = dir.join("crate");
    use_crate(&case, "crate_v1", &crate_dir);
    let ron = dir.join("reextract.ron");
    fs::write(&ron, "Interface(format: 8, module: \"m\",, )").expect("write");
    let failure = driver::extract_to_file(&crate_dir, &ron).expect_err("refused");
    let shown = failure.render();
    assert!(shown.contains("reextract.ron:1:"), "{shown}");
    assert!(shown.contains("or move it away (`mv "), "{shown}");
    assert_eq!(
        fs::read_to_string(&ron).expect("the file"),
        "Interface(format: 8, module: \"m\",, )"
    );
}

/// A crate that cannot be read skips the drift check with a warning.
#[test]
fn drift_check_without_the_crate_is_an_error() {
    let case = root().join("tests/curation/reextract");
    let dir = scratch("curation-no-crate");
    let crate_dir = dir.join("crate");
    let ron = dir.join("reextract.ron");
    let _ = fs::remove_file(&ron);
    use_crate(&case, "crate_v1", &crate_dir);
    check_extract(&crate_dir, &ron);
    fs::remove_dir_all(&crate_dir).expect("remove the crate");
    let failure = driver::check_drift(&ron).expect_err("no crate");
    let shown = failure.render();
    assert!(
        shown.contains("error: the crate folder ")
            && shown.contains("crate does not exist")
            && shown.contains("path: \"crate\""),
        "{shown}"
    );
}

/// An instantiation listed with its type arguments only gets its signature from
/// the crate on re-extraction; one the crate's bounds refuse is a drift error,
/// and re-extraction drops it, saying why.
#[test]
fn instantiations_are_filled_in_and_checked() {
    let case = root().join("tests/curation/reextract");
    let dir = scratch("curation-instantiations");
    let crate_dir = dir.join("crate");
    let ron = dir.join("reextract.ron");
    let _ = fs::remove_file(&ron);
    use_crate(&case, "crate_v1", &crate_dir);
    let text = check_extract(&crate_dir, &ron);
    let text = edit(
        &text,
        "    ],\n    skipped: [",
        "        Function(name: \"largest_f64\", path: \"largest\", type_args: [\"f64\"]),\n        \
         Function(name: \"largest_counter\", path: \"largest\", type_args: [\"Counter\"], params: [Param(name: \"items\", ty: \"&[Counter]\")], ret: \"Counter\"),\n    \
         ],\n    skipped: [",
    );
    fs::write(&ron, text).expect("write");

    let failure = driver::check_drift(&ron).expect_err("drift");
    let shown = failure.render();
    assert!(
        shown.contains(
            "error: fn `largest::<f64>` changed in the crate: the crate now has `fn largest::<f64>(items: &[f64]) -> f64`, \
             the file says `fn largest::<f64>()`"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("error: fn `largest::<Counter>` is not a valid instantiation: `Counter` does not implement `PartialOrd`"),
        "{shown}"
    );

    let (_, report) =
        driver::extract_to_file(&crate_dir, &ron).unwrap_or_else(|f| panic!("{}", f.render()));
    let summary = report.summary.expect("a summary");
    assert_eq!(
        summary.changed,
        [(
            "fn largest::<f64>".to_string(),
            "()".to_string(),
            "(items: &[f64]) -> f64".to_string()
        )]
    );
    assert_eq!(summary.dropped_curation.len(), 1);
    assert!(
        summary.dropped_curation[0].starts_with(
            "curation dropped: instantiation `largest::<Counter>` as `largest_counter`: `Counter` does not implement `PartialOrd`"
        ),
        "{summary:?}"
    );
    let after = fs::read_to_string(&ron).expect("the file");
    assert!(
        after.contains(
            "            name: \"largest_f64\",\n            path: \"largest\",\n            doc: \"\",\n            type_args: [\"f64\"],\n            \
             params: [\n                Param(name: \"items\", ty: \"&[f64]\"),\n            ],\n            ret: \"f64\",\n"
        ),
        "{after}"
    );
    assert!(!after.contains("largest_counter"), "{after}");
    check_drift_passes(&ron);
}

fn check_drift_passes(ron: &Path) {
    let report = driver::check_drift(ron).unwrap_or_else(|f| panic!("{}", f.render()));
    assert!(report.warnings.is_empty(), "{}", report.render());
}
