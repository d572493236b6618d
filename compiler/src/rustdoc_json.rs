//! Runs rustdoc's JSON output for a crate and reads it (driver layer: IO).
//!
//! `cargo rustdoc --lib -- -Z unstable-options --output-format json`, with
//! `RUSTC_BOOTSTRAP=1` for that command only (as cargo-semver-checks does on a
//! stable toolchain). The build goes to a target folder of rsbind's own per
//! crate folder (under the system's temporary folder), never into the crate's
//! folder. The output is cached there, keyed by the crate's sources (every
//! file of its folder but `target/`), the package asked for, the features and
//! the toolchain (`rustc -vV`): documenting an unchanged crate again reads the
//! cached JSON without running cargo. A `Cargo.lock` that cargo writes while
//! resolving is removed again, so reading a crate leaves its folder as it was.

use crate::diag::Diagnostic;
use crate::driver::Failure;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Which features the crate is documented (and later built) with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeatureSelection {
    pub features: Vec<String>,
    pub all_features: bool,
    pub no_default_features: bool,
}

/// The package to document: the crate at `crate_dir` itself, or one of its
/// dependencies.
pub enum Package<'a> {
    /// The crate whose folder is given; `lib` is its library's name.
    Own { lib: &'a str },
    /// A dependency, by package name, exact version (`=1.2.3`) if it is from a
    /// registry, and library name.
    Dependency {
        package: &'a str,
        version: Option<&'a str>,
        lib: &'a str,
        /// A path dependency's folder: its files are part of the cache key.
        dir: Option<&'a Path>,
    },
}

/// The part of rustdoc's output read before the rest: its format.
#[derive(serde::Deserialize)]
struct FormatProbe {
    format_version: u32,
}

/// The format check: an output of another format than `rustdoc-types` reads
/// gets a message that says what to do.
pub fn check_format(json: &str) -> Result<(), String> {
    let probe: FormatProbe = serde_json::from_str(json)
        .map_err(|e| format!("rustdoc's JSON output does not read: {e}"))?;
    let wanted = rustdoc_types::FORMAT_VERSION;
    if probe.format_version != wanted {
        return Err(format!(
            "rustdoc wrote its JSON in format {found}, but this rsbind reads format {wanted} \
             (the format of Rust 1.95): install that toolchain with `rustup toolchain install 1.95` \
             and run rsbind with it (`RUSTUP_TOOLCHAIN=1.95 rsbind extract ...`), or use an rsbind \
             built for format {found}",
            found = probe.format_version
        ));
    }
    Ok(())
}

/// Runs rustdoc JSON for `package` in the dependency graph of the crate at
/// `crate_dir`, and reads the result. `features` apply to the crate itself.
pub fn document(
    crate_dir: &Path,
    package: Package,
    features: &FeatureSelection,
) -> Result<rustdoc_types::Crate, Failure> {
    let target_dir = target_dir(crate_dir);
    let cached = cache_key(crate_dir, &package, features).map(|key| {
        target_dir
            .join("rsbind-cache")
            .join(format!("{key:016x}.json"))
    });
    if let Some(text) = cached
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
    {
        if let Ok(krate) = parse(&text, "the cached crate") {
            return Ok(krate);
        }
    }
    let krate_text = run_rustdoc(crate_dir, &target_dir, &package, features)?;
    let krate = parse(&krate_text, &package_name(&package))?;
    if let Some(file) = cached {
        // A cache that cannot be written costs time on the next run, nothing else.
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&file, &krate_text);
    }
    Ok(krate)
}

fn package_name(package: &Package) -> String {
    match package {
        Package::Own { lib } => lib.to_string(),
        Package::Dependency { package, .. } => package.to_string(),
    }
}

/// The stack the JSON is read on: rustdoc nests a crate's types as deep as the
/// crate writes them (diesel's go past serde_json's default limit of 128), so the
/// limit is off and the reading gets a stack of its own that such depths fit in.
const PARSE_STACK: usize = 512 << 20;

fn parse(text: &str, shown: &str) -> Result<rustdoc_types::Crate, Failure> {
    check_format(text).map_err(Failure::message)?;
    let read = |text: &str| {
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        let krate: rustdoc_types::Crate = serde::Deserialize::deserialize(&mut de)?;
        de.end().map(|()| krate)
    };
    let result = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(PARSE_STACK)
            .spawn_scoped(scope, || read(text))
            .map(|handle| handle.join())
    });
    match result {
        Ok(Ok(Ok(krate))) => Ok(krate),
        Ok(Ok(Err(e))) => Err(Failure::message(format!(
            "rustdoc's JSON output for `{shown}` does not read: {e}"
        ))),
        Ok(Err(_)) | Err(_) => Err(Failure::message(format!(
            "rustdoc's JSON output for `{shown}` could not be read (out of memory or stack)"
        ))),
    }
}

/// FNV-1a, 64 bits: the cache key's hash (stable across runs and platforms).
fn fnv(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

/// The cache key: `None` when the toolchain cannot be asked (then nothing is cached).
fn cache_key(crate_dir: &Path, package: &Package, features: &FeatureSelection) -> Option<u64> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = Command::new(rustc).arg("-vV").output().ok()?;
    let mut h = fnv(0xcbf29ce484222325, &version.stdout);
    h = fnv(h, rustdoc_types::FORMAT_VERSION.to_string().as_bytes());
    h = fnv(h, format!("{features:?}").as_bytes());
    h = match package {
        Package::Own { lib } => fnv(h, format!("own {lib}").as_bytes()),
        Package::Dependency {
            package,
            version,
            lib,
            ..
        } => fnv(h, format!("dep {package} {version:?} {lib}").as_bytes()),
    };
    let mut files = Vec::new();
    source_files(crate_dir, &mut files, 0);
    if let Package::Dependency { dir: Some(dir), .. } = package {
        source_files(dir, &mut files, 0);
    }
    files.sort();
    for f in files {
        h = fnv(h, f.to_string_lossy().as_bytes());
        h = fnv(h, &std::fs::read(&f).ok()?);
    }
    Some(h)
}

/// Every file under `dir` but `target/` and hidden ones (`.git`).
fn source_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    const MAX_DEPTH: usize = 32;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "Cargo.lock" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            if depth < MAX_DEPTH {
                source_files(&path, out, depth + 1);
            }
        } else {
            out.push(path);
        }
    }
}

/// Runs cargo rustdoc; the JSON text.
fn run_rustdoc(
    crate_dir: &Path,
    target_dir: &Path,
    package: &Package,
    features: &FeatureSelection,
) -> Result<String, Failure> {
    let lock = crate_dir.join("Cargo.lock");
    let had_lock = lock.is_file();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.args(["rustdoc", "--lib"])
        .arg("--manifest-path")
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .env("RUSTC_BOOTSTRAP", "1");
    let (shown, lib) = match &package {
        Package::Own { lib } => {
            if !features.features.is_empty() {
                cmd.arg("--features").arg(features.features.join(","));
            }
            if features.all_features {
                cmd.arg("--all-features");
            }
            if features.no_default_features {
                cmd.arg("--no-default-features");
            }
            (lib.to_string(), *lib)
        }
        Package::Dependency {
            package,
            version,
            lib,
            ..
        } => {
            let spec = match version {
                Some(v) => format!("{package}@{}", v.trim_start_matches('=')),
                None => package.to_string(),
            };
            cmd.arg("-p").arg(&spec);
            (package.to_string(), *lib)
        }
    };
    cmd.args([
        "--",
        "-Z",
        "unstable-options",
        "--output-format",
        "json",
        "--document-hidden-items",
        "--cap-lints",
        "allow",
    ]);
    let out = run_showing_progress(&mut cmd, &shown);
    if !had_lock && lock.is_file() {
        let _ = std::fs::remove_file(&lock);
    }
    let (status, stderr) = out.map_err(|e| Failure::message(format!("cannot run cargo: {e}")))?;
    if !status.success() {
        return Err(Failure::from(vec![Diagnostic::error(format!(
            "rustdoc could not document the crate `{shown}`: it does not compile as it is, or \
             cargo cannot resolve its dependencies (cargo's and rustc's messages follow)"
        ))
        .note(first_lines(stderr.trim_end(), MAX_MESSAGE_LINES))]));
    }
    let file = target_dir.join("doc").join(format!("{lib}.json"));
    std::fs::read_to_string(&file)
        .map_err(|e| Failure::message(format!("cannot read {}: {e}", file.display())))
}

/// Whether cargo's progress is kept off stderr (`--quiet`). Progress is shown
/// by default, as by `rsbind build`.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--quiet`: documenting a crate shows no progress on stderr.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Runs cargo rustdoc with its stderr read line by line: its status lines
/// (`Compiling serde v1.0.228`, `Documenting name`) go to our stderr as they
/// come, unless quiet; the rest (rustc's messages) is kept for a failure's
/// message. The exit status and that text.
fn run_showing_progress(
    cmd: &mut Command,
    shown: &str,
) -> std::io::Result<(std::process::ExitStatus, String)> {
    use std::io::{BufRead, Write};
    let quiet = QUIET.load(std::sync::atomic::Ordering::Relaxed);
    if !quiet {
        let _ = writeln!(
            std::io::stderr(),
            "documenting `{shown}` with cargo rustdoc (its dependencies compile the first time)"
        );
    }
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let mut all = String::new();
    if let Some(err) = child.stderr.take() {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            if !is_status_line(&line) {
                all.push_str(&line);
                all.push('\n');
            } else if !quiet {
                let _ = writeln!(std::io::stderr(), "{line}");
            }
        }
    }
    Ok((child.wait()?, all))
}

/// A cargo status line: a capitalized word right-aligned in twelve columns
/// (`   Compiling x v1.0.0`), not a compiler message.
fn is_status_line(line: &str) -> bool {
    let word = line.trim_start().split(' ').next().unwrap_or("");
    line.starts_with(' ')
        && line.len() > 12
        && line.get(..12).is_some_and(|head| head.trim_start() == word)
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
}

/// How much of cargo's and rustc's output a failure quotes: the first errors
/// say what is wrong; a build script's whole log would bury them.
const MAX_MESSAGE_LINES: usize = 60;

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= n {
        return text.to_string();
    }
    format!(
        "{}\n... ({} more lines)",
        lines[..n].join("\n"),
        lines.len() - n
    )
}

/// rsbind's own target folder for the crate at `crate_dir`: one per crate folder,
/// so that documenting it again reuses cargo's work.
fn target_dir(crate_dir: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(crate_dir).unwrap_or_else(|_| crate_dir.to_path_buf());
    let text = abs.to_string_lossy();
    let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::env::temp_dir()
        .join("rsbind-rustdoc")
        .join(format!("{name}-{hash:016x}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_status_lines_are_told_from_rustc_messages() {
        assert!(is_status_line("   Compiling serde v1.0.228"));
        assert!(is_status_line(" Documenting hello v0.1.0 (/x)"));
        assert!(is_status_line(
            "    Finished `dev` profile [unoptimized] target(s) in 1.2s"
        ));
        assert!(!is_status_line(
            "error[E0412]: cannot find type `X` in this scope"
        ));
        assert!(!is_status_line(" --> src/lib.rs:1:13"));
        assert!(!is_status_line("  |"));
        assert!(!is_status_line("    = note: see issue #1"));
        assert!(!is_status_line("warning: unused manifest key"));
    }

    #[test]
    fn another_format_says_what_to_do() {
        let e = check_format(r#"{"format_version": 12, "root": 0}"#).unwrap_err();
        assert!(e.contains("format 12"), "{e}");
        assert!(
            e.contains(&format!("format {}", rustdoc_types::FORMAT_VERSION)),
            "{e}"
        );
        assert!(e.contains("rustup toolchain install"), "{e}");
        assert!(check_format("not json")
            .unwrap_err()
            .contains("does not read"));
        let ok = format!(r#"{{"format_version": {}}}"#, rustdoc_types::FORMAT_VERSION);
        assert_eq!(check_format(&ok), Ok(()));
    }
}
