//! The bindings as Python packages: `pip install ./bindings` and `pip install
//! dist/*.whl` into fresh venvs, then the cases' checks against the installed
//! module; the rsbind repository itself installed with pip, and `rsbind.load`.
//! The build backends (setuptools-rust for the bindings, maturin for rsbind) come
//! from PyPI through pip, as a user's would; one cargo target folder is shared.

use rsbind::driver::{self, BuildOptions, GenOptions};
use rsbind_tests::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A fresh venv in `dir` (which sees the system's numpy, for the buffer case);
/// returns its interpreter.
fn fresh_venv(dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    run(Command::new(python())
        .args(["-m", "venv", "--system-site-packages"])
        .arg(dir));
    dir.join("bin").join("python")
}

/// Runs a command; panics with its output when it fails. Returns stdout.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pip_install(venv_python: &Path, what: &Path, target: &Path, env: &[(&str, &str)]) {
    run(Command::new(venv_python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(what)
        .env("CARGO_TARGET_DIR", target)
        .envs(env.iter().copied()));
}

/// The case's checks against the installed module: run from an empty folder,
/// so nothing but site-packages provides it.
fn run_checks_installed(venv_python: &Path, case: &str, cwd: &Path) {
    std::fs::create_dir_all(cwd).expect("a folder to run in");
    run(Command::new(venv_python)
        .arg(root().join("tests/cases").join(case).join("test.py"))
        .current_dir(cwd)
        .env_remove("PYTHONPATH")
        .env("PYTHONDONTWRITEBYTECODE", "1"));
    // The module is the installed one, with its stubs and py.typed beside it.
    let probe = format!(
        "import {case}, os, sys, sysconfig\n\
         site = sysconfig.get_paths()['platlib']\n\
         assert os.path.dirname({case}.__file__) == site, {case}.__file__\n\
         for f in ('__init__.pyi', 'py.typed'):\n\
         \x20   assert os.path.isfile(os.path.join(site, '{case}', f)), f\n\
         from importlib.metadata import metadata\n\
         assert metadata('{case}')['Version'] == '0.1.0'\n\
         assert metadata('{case}')['Requires-Python'] == '>=3.9'\n"
    );
    run(Command::new(venv_python)
        .args(["-c", &probe])
        .current_dir(cwd)
        .env_remove("PYTHONPATH"));
}

/// A case with submodules, one with enums, one with slices and buffers: each
/// installed from its bindings folder into one fresh venv, and as a wheel
/// (`rsbind build --wheel`) into another, and its checks run against each.
#[test]
fn bindings_install_with_pip_and_as_wheels() {
    let work = scratch("packaging");
    let target = root().join("target").join("rsbind-pip");
    let from_folder = fresh_venv(&work.join("venv-folder"));
    let from_wheel = fresh_venv(&work.join("venv-wheel"));
    for case in ["modules_statics", "enums", "collections_numeric"] {
        let dir = work.join(case);
        let _ = std::fs::remove_dir_all(&dir);
        let ron = dir.join(format!("{case}.ron"));
        check_extract(&root().join("tests/cases").join(case), &ron);

        let bindings = dir.join("bindings");
        driver::gen(&ron, &bindings, &GenOptions::default())
            .unwrap_or_else(|f| panic!("gen failed:\n{}", f.render()));
        pip_install(&from_folder, &bindings, &target, &[]);
        run_checks_installed(&from_folder, case, &dir.join("run-folder"));

        let options = BuildOptions {
            target_dir: Some(target.clone()),
            ..BuildOptions::new(python())
        };
        let dist = dir.join("dist");
        let wheel = driver::build_wheel(
            &ron,
            &dir.join("wheel-package"),
            &dist,
            &options,
            &GenOptions::default(),
        )
        .unwrap_or_else(|f| panic!("build --wheel failed:\n{}", f.render()));
        let wheel_name = wheel.file_name().unwrap().to_string_lossy().into_owned();
        let tag = run(Command::new(python()).args([
            "-c",
            "import sys; print(f'cp{sys.version_info[0]}{sys.version_info[1]}')",
        ]));
        let tag = tag.trim();
        assert!(
            wheel_name.starts_with(&format!("{case}-0.1.0-{tag}-{tag}-")),
            "{wheel_name} is not tagged for this interpreter ({tag})"
        );
        pip_install(&from_wheel, &wheel, &target, &[]);
        run_checks_installed(&from_wheel, case, &dir.join("run-wheel"));
    }
}

/// `pip install .` of rsbind's repository in a fresh venv gives the `rsbind`
/// command and `rsbind.load`, which builds once (a second load, in a new
/// process, is fast) and raises with rsbind's diagnostics for a broken crate.
#[test]
fn rsbind_installs_with_pip_and_loads_crates() {
    let work = scratch("pip-rsbind");
    let venv = fresh_venv(&work.join("venv"));
    // The dev profile and the workspace's target folder: the tests' own build
    // of rsbind's dependencies is reused.
    pip_install(
        &venv,
        &root(),
        &root().join("target"),
        &[("MATURIN_PEP517_ARGS", "--profile dev")],
    );
    let bin = work.join("venv").join("bin").join("rsbind");
    let help = run(Command::new(&bin).arg("--help"));
    assert!(help.contains("extract"), "{help}");

    let cache = work.join("cache");
    let _ = std::fs::remove_dir_all(&cache);
    let load = |script: &str| -> (String, f64) {
        let started = Instant::now();
        let out = run(Command::new(&venv)
            .args(["-c", script])
            .current_dir(root())
            .env("RSBIND_CACHE_DIR", &cache)
            .env("CARGO_TARGET_DIR", root().join("target").join("rsbind-pip"))
            .env_remove("PYTHONPATH"));
        (out, started.elapsed().as_secs_f64())
    };
    let hello = "import rsbind; m = rsbind.load('examples/hello'); print(m.hello('x'))";
    let (first, _) = load(hello);
    assert_eq!(first.trim(), "hello \"x\" from Rust");
    let (second, seconds) = load(hello);
    assert_eq!(second.trim(), "hello \"x\" from Rust");
    assert!(seconds < 1.0, "the second load took {seconds:.2} s");

    // A crate that does not compile: the exception carries rustc's message.
    let broken = work.join("broken");
    std::fs::create_dir_all(broken.join("src")).unwrap();
    std::fs::write(
        broken.join("Cargo.toml"),
        "[package]\nname = \"broken\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        broken.join("src/lib.rs"),
        "pub fn f() -> i32 { \"not an int\" }\n",
    )
    .unwrap();
    let script = format!(
        "import rsbind\n\
         try:\n\
         \x20   rsbind.load({:?}, quiet=True)\n\
         except rsbind.BindError as e:\n\
         \x20   print(e.diagnostics)\n\
         else:\n\
         \x20   raise SystemExit('no exception')\n",
        broken.display().to_string()
    );
    let (diagnostics, _) = load(&script);
    assert!(
        diagnostics.contains("mismatched types") && diagnostics.contains("src/lib.rs"),
        "{diagnostics}"
    );
    assert!(
        std::fs::read_dir(&cache)
            .unwrap()
            .filter_map(Result::ok)
            .all(|e| !e.file_name().to_string_lossy().starts_with("broken")),
        "a failed load left its folder"
    );
}

/// A `python` whose include folder has no `Python.h`: `build` says so in one
/// line with the fix; and a build that fails before writing leaves no folder.
#[test]
fn build_failures_are_short_and_leave_nothing() {
    let work = scratch("build-failures");
    let fake = work.join("python-without-headers");
    let real = python();
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\ncase \"$*\" in *include*) echo {} ;; *) exec {real} \"$@\" ;; esac\n",
            work.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let ron = work.join("hello.ron");
    check_extract(&root().join("examples/hello"), &ron);
    let options = BuildOptions {
        target_dir: Some(root().join("target").join("rsbind-e2e")),
        ..BuildOptions::new(fake.display().to_string())
    };
    let failure =
        driver::build(&ron, &work.join("bindings"), &options).expect_err("no Python.h, no build");
    let text = failure.render();
    assert!(
        text.contains("Python.h is missing") && text.contains("apt install python3-dev"),
        "{text}"
    );
    assert_eq!(text.trim().lines().count(), 1, "{text}");

    std::fs::write(work.join("bad.ron"), "Interface(").unwrap();
    let out = work.join("never-made");
    let _ = std::fs::remove_dir_all(&out);
    assert!(driver::build(&work.join("bad.ron"), &out, &options).is_err());
    assert!(!out.exists(), "a failed build made {}", out.display());
}

/// `rsbind build --wheel --abi3`: one wheel tagged `cp310-abi3` holding
/// `NAME.abi3.so`, built with this interpreter and installed into a venv of
/// another (3.13), where the case's checks pass.
#[test]
fn abi3_wheel_is_tagged_and_installs_under_another_version() {
    let case = "stable_abi";
    let work = scratch("packaging-abi3");
    let ron = work.join(format!("{case}.ron"));
    check_extract(&root().join("tests/cases").join(case), &ron);
    let target = root().join("target").join("rsbind-pip");
    let options = BuildOptions {
        target_dir: Some(target.clone()),
        ..BuildOptions::new(python())
    };
    let gen_options = GenOptions {
        abi3: true,
        ..Default::default()
    };
    let wheel = driver::build_wheel(
        &ron,
        &work.join("wheel-package"),
        &work.join("dist"),
        &options,
        &gen_options,
    )
    .unwrap_or_else(|f| panic!("build --wheel --abi3 failed:\n{}", f.render()));
    let wheel_name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        wheel_name.starts_with(&format!("{case}-0.1.0-cp310-abi3-")),
        "{wheel_name} is not tagged abi3"
    );
    let venv = work.join("venv-3.13");
    let _ = std::fs::remove_dir_all(&venv);
    run(Command::new(cpython(13)).args(["-m", "venv"]).arg(&venv));
    let venv_python = venv.join("bin").join("python");
    pip_install(&venv_python, &wheel, &target, &[]);
    let cwd = work.join("run");
    std::fs::create_dir_all(&cwd).expect("a folder to run in");
    run(Command::new(&venv_python)
        .arg(root().join("tests/cases").join(case).join("test.py"))
        .current_dir(&cwd)
        .env_remove("PYTHONPATH"));
    let probe = format!(
        "import {case}, os\n\
         assert os.path.basename({case}.__file__) == '{case}.abi3.so', {case}.__file__\n\
         from importlib.metadata import metadata\n\
         assert metadata('{case}')['Requires-Python'] == '>=3.10'\n"
    );
    run(Command::new(&venv_python)
        .args(["-c", &probe])
        .current_dir(&cwd)
        .env_remove("PYTHONPATH"));
}
