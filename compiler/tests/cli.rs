//! The CLI as other tools drive it: exit codes, where output goes, and that bad
//! input gives a message, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rsbind(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rsbind"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("rsbind runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_no_panic(o: &Output) {
    assert!(
        !stderr(o).contains("panicked"),
        "rsbind panicked:\n{}",
        stderr(o)
    );
}

fn hello_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hello")
}

#[test]
fn extract_check_gen_and_gen_check() {
    let dir = scratch("cli-flow");
    let o = rsbind(
        &["extract", hello_dir().to_str().unwrap(), "-o", "hello.ron"],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ron = std::fs::read_to_string(dir.join("hello.ron")).unwrap();
    assert!(ron.contains("name: \"hello\""), "{ron}");

    let o = rsbind(&["check", "hello.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));

    // A folder that was never generated is stale.
    let o = rsbind(&["gen", "hello.ron", "-o", "bindings", "--check"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("+++ bindings/module.c"));

    let o = rsbind(&["gen", "hello.ron", "-o", "bindings"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = rsbind(&["gen", "hello.ron", "-o", "bindings", "--check"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));

    // Gen twice gives byte-identical files.
    let first = std::fs::read_to_string(dir.join("bindings/module.c")).unwrap();
    rsbind(&["gen", "hello.ron", "-o", "bindings"], &dir);
    assert_eq!(
        first,
        std::fs::read_to_string(dir.join("bindings/module.c")).unwrap()
    );

    // A hand edit of generated code makes it stale, with a diff.
    std::fs::write(
        dir.join("bindings/module.c"),
        first.replace("Hello greets", "Hi greets"),
    )
    .unwrap();
    let o = rsbind(&["gen", "hello.ron", "-o", "bindings", "--check"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(
        diff.contains("-    \"Hi greets someone.\");")
            && diff.contains("+    \"Hello greets someone.\");"),
        "{diff}"
    );
    assert!(stderr(&o).contains("not up to date"), "{}", stderr(&o));
}

#[test]
fn check_reports_errors_with_line_and_column() {
    let dir = scratch("cli-bad");
    std::fs::write(
        dir.join("bad.ron"),
        "Interface(\n    format: 8,\n    module: \"m\",\n    crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"),\n    items: [Function(name: \"f\", path: \"f\", ret: \"Widget\")],\n)\n",
    )
    .unwrap();
    let o = rsbind(&["check", "bad.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    let err = stderr(&o);
    assert!(err.contains("bad.ron:5:49"), "{err}");
    assert!(
        err.contains("the return type of function `f` cannot be bound"),
        "{err}"
    );
}

#[test]
fn bad_paths_and_input_give_messages() {
    let dir = scratch("cli-missing");
    let o = rsbind(&["check", "nope.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    assert!(
        stderr(&o).contains("cannot read nope.ron"),
        "{}",
        stderr(&o)
    );

    let o = rsbind(&["extract", "no-such-crate", "-o", "x.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    assert!(stderr(&o).contains("no-such-crate"), "{}", stderr(&o));

    std::fs::write(dir.join("binary.ron"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let o = rsbind(&["check", "binary.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
}

/// `check` compares the file with its crate (exit 1 on drift, with both
/// versions); `extract` onto the file keeps its edits and prints what changed.
#[test]
fn check_reports_drift_and_extract_prints_what_changed() {
    let dir = scratch("cli-drift");
    let krate = dir.join("krate");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        "[package]\nname = \"krate\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    let lib = krate.join("src/lib.rs");
    std::fs::write(&lib, "/// F.\npub fn f(a: i32) -> i32 { a }\n").unwrap();
    let o = rsbind(&["extract", "krate", "-o", "krate.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let ron = std::fs::read_to_string(dir.join("krate.ron")).unwrap();
    std::fs::write(
        dir.join("krate.ron"),
        ron.replace("name: \"f\",", "// Mine.\n            name: \"eff\","),
    )
    .unwrap();
    let o = rsbind(&["check", "krate.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));

    std::fs::write(&lib, "/// F.\npub fn f(a: i64) -> i64 { a }\n").unwrap();
    let o = rsbind(&["check", "krate.ron"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_no_panic(&o);
    let err = stderr(&o);
    assert!(
        err.contains(
            "error: fn `f` changed in the crate: the crate now has `fn f(a: i64) -> i64`, the file says `fn f(a: i32) -> i32`"
        ),
        "{err}"
    );
    assert!(err.contains("┌─ krate.ron:"), "{err}");
    assert!(
        err.contains(
            "run `rsbind extract krate -o krate.ron` to update the file (your edits are kept)"
        ),
        "{err}"
    );

    let o = rsbind(&["extract", "krate", "-o", "krate.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "changed: fn f: (a: i32) -> i32  =>  (a: i64) -> i64\n"
    );
    let ron = std::fs::read_to_string(dir.join("krate.ron")).unwrap();
    assert!(
        ron.contains("// Mine.\n            name: \"eff\","),
        "{ron}"
    );
    let o = rsbind(&["check", "krate.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));

    // Without its crate, the check fails and names the folder.
    std::fs::remove_dir_all(&krate).unwrap();
    let o = rsbind(&["check", "krate.ron"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: the crate folder krate does not exist"),
        "{}",
        stderr(&o)
    );
}

/// Writes a crate into `dir/name` from (path, text) pairs.
fn write_crate(dir: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = dir.join(name);
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    root
}

/// A crate that does not compile shows rustc's own message; a proc-macro crate
/// and a folder without a crate are refused with a sentence saying why; the
/// crate's folder is left as it was (no Cargo.lock, no target/).
#[test]
fn crates_that_cannot_be_read_say_why() {
    let dir = scratch("cli-bad-crates");
    let broken = write_crate(
        &dir,
        "broken",
        &[
            ("Cargo.toml", "[package]\nname = \"broken\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[workspace]\n"),
            // rustdoc checks signatures, not bodies: an unknown type is an error.
            ("src/lib.rs", "pub fn f(x: NoSuchType) -> u8 { 0 }\n"),
        ],
    );
    let o = rsbind(&["extract", broken.to_str().unwrap(), "-o", "b.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    let err = stderr(&o);
    assert!(err.contains("does not compile"), "{err}");
    assert!(err.contains("E0425") && err.contains("NoSuchType"), "{err}");
    assert!(
        !broken.join("Cargo.lock").exists(),
        "extract left a Cargo.lock"
    );
    assert!(
        !broken.join("target").exists(),
        "extract left a target folder"
    );
    // `bind` of it leaves no empty `LIB-bindings/` behind, nor does `extract -o
    // new/b.ron` leave `new/`.
    let o = rsbind(&["bind", broken.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !dir.join("broken-bindings").exists(),
        "bind left its folder"
    );
    let o = rsbind(
        &["extract", broken.to_str().unwrap(), "-o", "new/b.ron"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("new").exists(), "extract left its folder");

    let proc_macro = write_crate(
        &dir,
        "pm",
        &[
            ("Cargo.toml", "[package]\nname = \"pm\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[lib]\nproc-macro = true\n[workspace]\n"),
            ("src/lib.rs", "\n"),
        ],
    );
    let o = rsbind(
        &["extract", proc_macro.to_str().unwrap(), "-o", "p.ron"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("procedural-macro crate"),
        "{}",
        stderr(&o)
    );

    let o = rsbind(&["extract", dir.to_str().unwrap(), "-o", "n.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    assert!(stderr(&o).contains("Cargo.toml"), "{}", stderr(&o));

    let binary = write_crate(
        &dir,
        "tool",
        &[
            ("Cargo.toml", "[package]\nname = \"tool\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[workspace]\n"),
            ("src/main.rs", "fn main() {}\n"),
        ],
    );
    let o = rsbind(&["extract", binary.to_str().unwrap(), "-o", "t.ron"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    assert!(
        stderr(&o).contains("error: `tool` is a binary-only crate (a program, no library)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("t.ron").exists() && !dir.join("p.ron").exists());
}

/// Hostile interface files: every command that reads one exits 1 with a message,
/// never 101 (a panic) or a signal (a stack overflow). The bad-ron cases (their
/// messages are snapshots, tests/tests/it.rs) and files made to hurt: types and
/// RON nested far past the limits, a file that is not text, a missing crate.
#[test]
fn hostile_interface_files_exit_1() {
    let dir = scratch("cli-hostile");
    let head = "Interface(\n    format: 8,\n    module: \"m\",\n    crate: CrateRef(package: \"m\", lib: \"m\", path: \"no-such-crate\"),\n";
    let function = |ty: &str| {
        format!("{head}    items: [Function(name: \"f\", path: \"f\", params: [Param(name: \"a\", ty: \"{ty}\")])],\n)\n")
    };
    let n = 100_000;
    let mut files: Vec<(String, Vec<u8>, &str)> = vec![
        (
            "deep_type.ron".into(),
            function(&format!("{}u8{}", "Vec<".repeat(n), ">".repeat(n))).into_bytes(),
            "the type is nested more than 128 levels deep",
        ),
        (
            "deep_refs.ron".into(),
            function(&format!("{}u8", "&".repeat(n))).into_bytes(),
            "the type is nested more than 128 levels deep",
        ),
        (
            "deep_fn.ron".into(),
            function(&format!("{}u8", "fn() -> ".repeat(n))).into_bytes(),
            "the type is nested more than 128 levels deep",
        ),
        (
            "deep_ron.ron".into(),
            format!("{head}    items: [{}{}],\n)\n", "[".repeat(n), "]".repeat(n)).into_bytes(),
            "the interface file is not valid",
        ),
        (
            "deep_unclosed.ron".into(),
            format!("{head}    items: [{}", "Some(".repeat(n)).into_bytes(),
            "the interface file is not valid",
        ),
        (
            "out_of_range.ron".into(),
            format!("{head}    items: [Function(name: \"f\", path: \"f\", params: [Param(name: \"a\", ty: \"u8\", default: Some(\"300\"))])],\n)\n").into_bytes(),
            "`300` is out of range for `u8` (0 to 255)",
        ),
        ("not_text.ron".into(), vec![0xff, 0xfe, 0x00, 0x41, 0x80], "error"),
        (
            "missing_crate.ron".into(),
            format!("{head}    items: [],\n)\n").into_bytes(),
            "error: the crate folder no-such-crate does not exist",
        ),
    ];
    let bad_ron = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-ron");
    for entry in std::fs::read_dir(&bad_ron).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push((name, std::fs::read(&path).unwrap(), "error"));
    }
    for (name, bytes, message) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
        let commands: [&[&str]; 3] = [
            &["check", name],
            &["gen", name, "-o", "out"],
            &["dump", "--stage", "ir", name],
        ];
        for args in commands {
            // `missing_crate.ron` is fine but for its crate, which only `check` reads.
            if args[0] != "check" && name.starts_with("missing") {
                continue;
            }
            let o = rsbind(args, &dir);
            assert_eq!(o.status.code(), Some(1), "{args:?}:\n{}", stderr(&o));
            assert_no_panic(&o);
            assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        }
    }
}

/// `rsbind dump` prints each stage's data; a bad stage name is refused.
#[test]
fn dump_prints_each_stage() {
    let dir = scratch("cli-dump");
    let o = rsbind(
        &["extract", hello_dir().to_str().unwrap(), "-o", "hello.ron"],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for (stage, needle) in [
        ("idl", "Interface {"),
        ("ir", "Module {"),
        ("view", "// rust/lib.rs.j2 -> src/lib.rs"),
    ] {
        let o = rsbind(&["dump", "--stage", stage, "hello.ron"], &dir);
        assert!(o.status.success(), "{stage}: {}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(needle), "{stage}: {out}");
        assert!(out.contains("hello"), "{stage}: {out}");
    }
    let o = rsbind(&["dump", "--stage", "nope", "hello.ron"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert_no_panic(&o);
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every command's `--help` shows an example; `check` says its verdict on
/// stdout; `--quiet` keeps stderr empty; colours only when asked or on a terminal.
#[test]
fn the_cli_tells_what_happened() {
    let dir = scratch("cli-tells");
    for command in ["extract", "check", "gen", "build", "dump", "bind"] {
        let o = rsbind(&[command, "--help"], &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("Example"), "{command}: {}", stdout(&o));
    }
    let o = rsbind(
        &["extract", hello_dir().to_str().unwrap(), "-o", "hello.ron"],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wrote hello.ron: 1 items bound, 0 skipped"),
        "{}",
        stderr(&o)
    );
    let o = rsbind(&["check", "hello.ron"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "hello.ron: ok\n");
    let o = rsbind(&["check", "--skipped", "hello.ron"], &dir);
    assert_eq!(stdout(&o), "0 skipped\n");
    let o = rsbind(&["--quiet", "gen", "hello.ron", "-o", "bindings"], &dir);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    for file in ["pyproject.toml", "hello/__init__.pyi", "hello/py.typed"] {
        assert!(dir.join("bindings").join(file).is_file(), "{file}");
    }
    // An error: plain without a terminal, coloured with --color always, not with NO_COLOR.
    let o = rsbind(&["check", "nope.ron"], &dir);
    assert!(!stderr(&o).contains('\x1b'), "{}", stderr(&o));
    let o = rsbind(&["--color", "always", "check", "nope.ron"], &dir);
    assert!(stderr(&o).contains('\x1b'), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_rsbind"))
        .args(["check", "nope.ron"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&o).contains('\x1b'), "{}", stderr(&o));
}

/// A crate whose signatures nest a thousand levels deep (rustc takes it):
/// extract lists those functions as skipped and binds the rest, and the file
/// checks, where reading the source once overflowed the stack.
#[test]
fn deeply_nested_crate_types_are_skipped() {
    let dir = scratch("cli-deep-crate");
    let n = 1000;
    let lib = format!(
        "pub fn refs(x: {}u8) -> u8 {{ 0 }}\npub fn tuples(x: {}u8{}) {{}}\npub fn fns(x: {}u8) {{}}\npub fn fine(a: u8) -> u8 {{ a }}\n",
        "&".repeat(n),
        "(".repeat(n),
        ",)".repeat(n),
        "fn() -> ".repeat(n / 2),
    );
    write_crate(
        &dir,
        "deep",
        &[
            ("Cargo.toml", "[package]\nname = \"deep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[workspace]\n"),
            ("src/lib.rs", &lib),
        ],
    );
    let o = rsbind(&["extract", "deep", "-o", "deep.ron"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ron = std::fs::read_to_string(dir.join("deep.ron")).unwrap();
    for f in ["refs", "tuples", "fns"] {
        assert!(
            ron.contains(&format!(
                "Skipped(path: \"{f}\", kind: \"fn\", reason: \"parameter `x`: the type nests too deeply\")"
            )),
            "{ron}"
        );
    }
    assert!(ron.contains("name: \"fine\""), "{ron}");
    let o = rsbind(&["check", "deep.ron"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Documenting a crate shows cargo's progress on stderr as it comes (a crate not
/// documented before: its lib.rs is new); `--quiet` shows none, and a crate read
/// from the cache needs none.
#[test]
fn extract_shows_progress_while_documenting() {
    let dir = scratch("cli-progress");
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    for (name, quiet) in [("progress_shown", false), ("progress_quiet", true)] {
        let krate = write_crate(
            &dir,
            name,
            &[
                (
                    "Cargo.toml",
                    &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[workspace]\n"),
                ),
                ("src/lib.rs", &format!("// {nonce}\n/// F.\npub fn f(a: u8) -> u8 {{ a }}\n")),
            ],
        );
        let mut args = vec!["extract", krate.to_str().unwrap(), "-o", "x.ron"];
        if quiet {
            args.insert(0, "--quiet");
        }
        let _ = std::fs::remove_file(dir.join("x.ron"));
        let o = rsbind(&args, &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        if quiet {
            assert_eq!(err, "");
        } else {
            assert!(
                err.contains(&format!("documenting `{name}` with cargo rustdoc")),
                "{err}"
            );
            assert!(
                err.contains(&format!(" Documenting {name} v0.1.0")),
                "{err}"
            );
            // Shown before the summary, as it happened.
            let progress = err.find("Documenting").unwrap();
            assert!(progress < err.find("items bound").unwrap(), "{err}");
            // Read again unchanged: from the cache, no cargo.
            let _ = std::fs::remove_file(dir.join("x.ron"));
            let o = rsbind(&args, &dir);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(!stderr(&o).contains("Documenting"), "{}", stderr(&o));
        }
    }
}
