//! The test harness: one `check_*` function per stage boundary, each going
//! through the same library calls as the `rsbind` CLI. Test cases are data
//! (folders under `tests/cases/`, files under `tests/bad-ron/`), found by globs
//! in `tests/tests/it.rs`.

use rsbind::backend::OutputFile;
use rsbind::driver::{self, BuildOptions};
use rsbind::{check, diag, idl};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The folders of the test cases (`tests/cases/NAME/Cargo.toml`), sorted.
pub fn case_dirs() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/cases"))
        .expect("tests/cases")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    cases.sort();
    cases
}

/// Scratch space for one case, under the workspace's target folder.
pub fn scratch(case: &str) -> PathBuf {
    let dir = root().join("target").join("rsbind-tests").join(case);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Front end: a crate folder to its interface file text, written where `ron`
/// says (so the crate path in it is relative to that place). A file left there
/// by an earlier run is removed first: extracting onto it would keep its
/// content (re-extraction), and the test is of a fresh extraction.
pub fn check_extract(crate_dir: &Path, ron: &Path) -> String {
    let _ = std::fs::remove_file(ron);
    match driver::extract_to_file(crate_dir, ron) {
        Ok((_, report)) => {
            assert!(
                report.warnings.is_empty(),
                "extract warned:\n{}",
                report.render()
            );
            std::fs::read_to_string(ron).expect("the interface file was written")
        }
        Err(f) => panic!("extract failed:\n{}", f.render()),
    }
}

/// Check + lower + backends: an interface file to the generated package's files.
pub fn check_gen(ron: &Path, out_dir: &Path) -> Vec<OutputFile> {
    let loaded = driver::load(ron).unwrap_or_else(|f| panic!("check failed:\n{}", f.render()));
    driver::render(&loaded, out_dir).unwrap_or_else(|f| panic!("gen failed:\n{}", f.render()))
}

/// The Python module name an interface file binds (`NAME_rs` for a crate
/// named after a stdlib module, else the case's name).
pub fn module_of(ron: &Path) -> String {
    let text = std::fs::read_to_string(ron).expect("interface file");
    idl::parse(&text, &ron.display().to_string())
        .unwrap_or_else(|d| panic!("{ron:?} does not parse: {d:?}"))
        .module
}

/// Generated Rust is rustfmt-clean. A toolchain without rustfmt fails the test:
/// a check that cannot run is not a pass.
pub fn check_rustfmt(file: &Path) {
    let out = Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("rustfmt cannot run ({e}): `rustup component add rustfmt` installs it")
        });
    assert!(
        out.status.success(),
        "{} is not formatted as rustfmt would:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The rendered diagnostics of parsing and checking a (bad) interface file.
pub fn check_diagnostics(name: &str, text: &str) -> String {
    let files: diag::Files = [(name.to_string(), text.to_string())].into_iter().collect();
    let diags = match idl::parse(text, name) {
        Err(d) => d,
        Ok(interface) => match check::lower(&interface, name, text) {
            Err(d) => d,
            Ok((_, warnings)) => warnings,
        },
    };
    diag::render(&diags, &files)
}

/// The interpreter the tests use.
pub fn python() -> String {
    driver::python_command(None)
}

/// Build: an interface file to an importable module in `out_dir`, with C
/// warnings as errors and one shared cargo target folder for all cases.
pub fn check_build(ron: &Path, out_dir: &Path) -> PathBuf {
    check_build_for(&python(), ron, out_dir)
}

/// [`check_build`] for the interpreter `python`.
pub fn check_build_for(python: &str, ron: &Path, out_dir: &Path) -> PathBuf {
    let options = BuildOptions {
        python: python.to_string(),
        target_dir: Some(root().join("target").join("rsbind-e2e")),
        werror: true,
        quiet: false,
    };
    driver::build(ron, out_dir, &options)
        .unwrap_or_else(|f| panic!("build failed:\n{}", f.render()))
}

/// Runs a Python test script with `module_dir` on PYTHONPATH; panics with its
/// output when it fails.
pub fn check_python(script: &Path, module_dir: &Path) {
    check_python_with(&python(), script, &[], module_dir);
}

/// [`check_python`] under the interpreter `python`, with arguments.
pub fn check_python_with(python: &str, script: &Path, args: &[&str], module_dir: &Path) {
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .env("PYTHONPATH", module_dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("{python} does not run: {e}"));
    if !out.status.success() {
        panic!(
            "{} failed under {python}:\n{}{}",
            script.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The CPython 3.`minor` interpreter: `python3.MINOR` on PATH, else the newest
/// pyenv build of it (`$PYENV_ROOT`, else `~/.pyenv`). A missing one fails the
/// test that asks: the supported range is tested on every machine.
pub fn cpython(minor: u32) -> String {
    let exe = format!("python3.{minor}");
    let on_path = Command::new(&exe)
        .args(["-c", "pass"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if on_path {
        return exe;
    }
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")))
        .expect("PYENV_ROOT or HOME")
        .join("versions");
    let prefix = format!("3.{minor}.");
    let mut builds: Vec<(u32, PathBuf)> = std::fs::read_dir(&pyenv)
        .map(|d| d.filter_map(Result::ok).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let micro = name.strip_prefix(&prefix)?.parse().ok()?;
            Some((micro, e.path().join("bin").join(&exe)))
        })
        .filter(|(_, p)| p.exists())
        .collect();
    builds.sort();
    let (_, path) = builds.pop().unwrap_or_else(|| {
        panic!(
            "CPython 3.{minor} is not installed (no {exe} on PATH, none in {}): \
             the supported range is tested on every machine",
            pyenv.display()
        )
    });
    path.to_string_lossy().into_owned()
}

/// The source folder of a registry crate that the tests crate depends on.
pub fn registry_crate_dir(name: &str) -> PathBuf {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .and_then(|p| p["manifest_path"].as_str())
        .unwrap_or_else(|| panic!("{name} is not a dependency of the tests crate"));
    Path::new(manifest)
        .parent()
        .expect("a manifest has a folder")
        .to_path_buf()
}

/// Replaces the machine-dependent crate path of an interface file, for snapshots.
pub fn redact_crate_path(ron: &str) -> String {
    let Some(at) = ron.find("crate: CrateRef(") else {
        return ron.to_string();
    };
    let Some(path_at) = ron[at..]
        .find("path: \"")
        .map(|p| at + p + "path: \"".len())
    else {
        return ron.to_string();
    };
    let Some(end) = ron[path_at..].find('"').map(|e| path_at + e) else {
        return ron.to_string();
    };
    format!("{}[registry]{}", &ron[..path_at], &ron[end..])
}

/// The generated file at `path`.
pub fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("gen wrote no {path}"))
        .contents
}

/// The stubs for snapshots: `pyi` for a module's `NAME.pyi`, and
/// `pyi_NAME_geo_init` (...) for each file of a stub package.
pub fn stub_parts(files: &[OutputFile], module: &str) -> Vec<(String, String)> {
    files
        .iter()
        .filter_map(|f| {
            let stem = f.path.strip_suffix(".pyi")?;
            // The root stub: `NAME.pyi`, or `NAME/__init__.pyi` in a package.
            let part = if stem == module || stem == format!("{module}/__init__") {
                "pyi".to_string()
            } else {
                format!("pyi_{}", slug(stem))
            };
            Some((part, f.contents.clone()))
        })
        .collect()
}

/// A name for a snapshot: the letters, digits and `_` of `text`, the rest `_`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out.trim_matches('_').to_string()
}

/// Splits a generated file into named parts for snapshots small enough to
/// review: a new part starts where `key` gives a line a key different from the
/// current part's; parts of one key are numbered in order.
fn split_by(text: &str, key: impl Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    let mut parts: Vec<(String, String)> = vec![("head".to_string(), String::new())];
    for line in text.lines() {
        if let Some(k) = key(line) {
            if parts.last().map(|(name, _)| name != &k).unwrap_or(true) {
                parts.push((k, String::new()));
            }
        }
        if let Some((_, body)) = parts.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    parts
        .into_iter()
        .map(|(name, body)| {
            let n = seen.entry(name.clone()).or_default();
            *n += 1;
            let name = if *n == 1 { name } else { format!("{name}_{n}") };
            (name, body)
        })
        .collect()
}

/// The item a stub or converter is for, from a doc line that names it in
/// backticks as `module.Owner.member` or `module.function`.
fn owner_in(line: &str, module: &str) -> Option<String> {
    let prefix = format!("{module}.");
    line.split('`')
        .skip(1)
        .step_by(2)
        .find_map(|quoted| quoted.strip_prefix(prefix.as_str()))
        .map(|rest| {
            let end = rest.find(['.', '(']).unwrap_or(rest.len());
            if end == rest.len() {
                "functions".to_string()
            } else {
                rest[..end].to_string()
            }
        })
}

/// module.c in parts: one per `/* ---- section ---- */`, the calls section one
/// per class (and one for the module's functions).
pub fn split_module_c(text: &str, module: &str) -> Vec<(String, String)> {
    let section = std::cell::RefCell::new(String::from("head"));
    split_by(text, |line| {
        if let Some(title) = line
            .strip_prefix("/* ---- ")
            .and_then(|l| l.strip_suffix(" ---- */"))
        {
            let title = title.strip_prefix(&format!("{module}.")).unwrap_or(title);
            *section.borrow_mut() = slug(title.split(':').next().unwrap_or(title));
            return Some(section.borrow().clone());
        }
        let current = section.borrow().clone();
        // `/* module.Counter: its objects own a Box ... */`: a class's part of a section.
        if let Some(rest) = line.strip_prefix(&format!("/* {module}.")) {
            if let Some((owner, _)) = rest.split_once(": ") {
                if !owner.contains(' ') {
                    return Some(format!("{current}_{}", slug(owner)));
                }
            }
        }
        if current.starts_with("Calls") {
            let item = line.strip_prefix("/* ")?.strip_suffix(" */")?;
            if item.contains(' ') {
                return None;
            }
            let owner = item.split('.').next().unwrap_or(item);
            let owner = if item.contains('.') {
                owner
            } else {
                "functions"
            };
            return Some(format!("calls_{}", slug(owner)));
        }
        None
    })
}

/// src/lib.rs in parts: the head, then one per class (and one for the module's
/// functions and values), by the item each stub's doc line names.
pub fn split_lib_rs(text: &str, module: &str) -> Vec<(String, String)> {
    split_by(text, |line| {
        line.strip_prefix("/// ")?;
        owner_in(line, module).map(|o| slug(&o))
    })
}

/// The stubs of built modules type-check and match the modules: `mypy
/// --strict` over the stubs and the typed usage files, `mypy.stubtest` over
/// the modules, the usage files run (`tests/typecheck/run_usage.py`), and
/// every callable the stubs declare has a signature at run time
/// (`tests/typecheck/signatures.py`). `modules` is (module, the folder
/// with the module and its stubs); one process of each for all of them.
pub fn check_stubs(modules: &[(String, PathBuf)], usage: &[PathBuf]) {
    let version = Command::new(python())
        .args(["-m", "mypy", "--version"])
        .output()
        .expect("python3 runs");
    assert!(
        version.status.success(),
        "mypy cannot run ({}): `{} -m pip install -r tests/typecheck/requirements.txt` installs it",
        String::from_utf8_lossy(&version.stderr).trim(),
        python()
    );
    let path = std::env::join_paths(modules.iter().map(|(_, dir)| dir))
        .expect("module folders join into a path");
    let names = modules.iter().map(|(name, _)| name.as_str());
    // A cache of its own for each test (they run in parallel).
    let first = modules
        .first()
        .map(|(name, _)| name.as_str())
        .unwrap_or("none");
    let cache = scratch(&format!("mypy-cache-{first}"));
    let run = |what: &str, args: &mut Command| {
        let out = args
            .env("PYTHONPATH", &path)
            .env("MYPYPATH", &path)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let mut mypy = Command::new(python());
    mypy.args(["-m", "mypy", "--strict", "--cache-dir"])
        .arg(&cache);
    // Files, not `-p NAME` (mypy takes one kind): `NAME.pyi` or the stub package.
    for (name, dir) in modules {
        let single = dir.join(format!("{name}.pyi"));
        mypy.arg(if single.exists() {
            single
        } else {
            dir.join(name)
        });
    }
    run("mypy --strict", mypy.args(usage));
    if !usage.is_empty() {
        let mut usage_run = Command::new(python());
        usage_run
            .arg(root().join("tests/typecheck/run_usage.py"))
            .args(usage);
        run("the typed usage files", &mut usage_run);
    }
    let mut stubtest = Command::new(python());
    run(
        "mypy.stubtest",
        stubtest
            .args(["-m", "mypy.stubtest", "--concise"])
            .args(names),
    );
    let mut signatures = Command::new(python());
    signatures.arg(root().join("tests/typecheck/signatures.py"));
    for (name, dir) in modules {
        signatures.arg(dir).arg(name);
    }
    run("the signature check", &mut signatures);
}
