//! The one place that touches the file system and runs processes: reading a
//! crate, reading and writing interface files and bindings, running cargo and
//! Python. The CLI (main.rs) and the end-to-end tests both go through here; the
//! stages it calls are pure.

use crate::backend::{self, GenContext, OutputFile};
use crate::diag::{self, Diagnostic, Files};
use crate::extract;
use crate::rustdoc_json;
pub use crate::rustdoc_json::FeatureSelection;
use crate::{check, curate, idl, ir};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// A failed command: diagnostics to render, with the files they point into.
#[derive(Debug, Default)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Files,
}

impl Failure {
    pub fn message(text: impl Into<String>) -> Failure {
        Failure {
            diagnostics: vec![Diagnostic::error(text)],
            files: Files::new(),
        }
    }

    pub fn render(&self) -> String {
        diag::render(&self.diagnostics, &self.files)
    }

    /// [`Failure::render`], coloured for a terminal when `color`.
    pub fn render_styled(&self, color: bool) -> String {
        diag::render_styled(&self.diagnostics, &self.files, color)
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            diagnostics,
            files: Files::new(),
        }
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Failure {
    Failure::message(format!("cannot {what} {}: {e}", path.display()))
}

/// What a successful command has to tell besides its result: warnings, and
/// what a re-extraction changed.
#[derive(Debug, Default)]
pub struct Report {
    pub warnings: Vec<Diagnostic>,
    pub files: Files,
    /// `extract` onto an existing file: what it added, removed, changed, dropped.
    pub summary: Option<curate::Summary>,
}

impl Report {
    pub fn render(&self) -> String {
        diag::render(&self.warnings, &self.files)
    }

    /// [`Report::render`], coloured for a terminal when `color`.
    pub fn render_styled(&self, color: bool) -> String {
        diag::render_styled(&self.warnings, &self.files, color)
    }
}

/// Reads and parses an interface file (not checked): for `rsbind check --skipped`.
pub fn read_interface(ron: &Path) -> Result<idl::Interface, Failure> {
    let text = fs::read_to_string(ron).map_err(|e| io_error("read", ron, e))?;
    let shown = ron.display().to_string();
    idl::parse(&text, &shown).map_err(|diagnostics| Failure {
        diagnostics,
        files: [(shown.clone(), text.clone())].into_iter().collect(),
    })
}

/// A crate's package and library names, from its Cargo.toml.
struct Manifest {
    package: String,
    lib: String,
    /// Its `[features]`, but `default`.
    features: Vec<String>,
    value: toml::Value,
}

fn read_manifest(dir: &Path) -> Result<Manifest, Failure> {
    let manifest_path = dir.join("Cargo.toml");
    if !dir.is_dir() {
        return Err(Failure::message(format!(
            "the crate folder {} does not exist",
            dir.display()
        )));
    }
    let manifest_text =
        fs::read_to_string(&manifest_path).map_err(|e| io_error("read", &manifest_path, e))?;
    let manifest: toml::Value = toml::from_str(&manifest_text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let name = manifest_path.display().to_string();
        Failure {
            diagnostics: vec![Diagnostic::error(format!(
                "Cargo.toml does not parse: {}",
                e.message()
            ))
            .at(name.clone(), span, "here")],
            files: [(name, manifest_text.clone())].into_iter().collect(),
        }
    })?;
    let package = manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .ok_or_else(|| {
            Failure::message(format!("{} has no [package] name", manifest_path.display()))
        })?
        .to_string();
    let lib_table = manifest.get("lib");
    let flag = |key: &str| lib_table.and_then(|l| l.get(key)).and_then(|v| v.as_bool());
    // `proc_macro` is cargo's older spelling.
    if flag("proc-macro") == Some(true) || flag("proc_macro") == Some(true) {
        return Err(Failure::message(format!(
            "`{package}` is a procedural-macro crate: its API runs inside the compiler, so there is nothing to call from Python"
        )));
    }
    let lib = lib_table
        .and_then(|l| l.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| package.replace('-', "_"));
    let root = lib_table
        .and_then(|l| l.get("path"))
        .and_then(|n| n.as_str())
        .unwrap_or("src/lib.rs");
    if !dir.join(root).is_file() {
        let binary = manifest.get("bin").is_some() || dir.join("src/main.rs").is_file();
        return Err(Failure::message(if binary {
            format!(
                "`{package}` is a binary-only crate (a program, no library): rsbind binds a library's API, so there is nothing to call from Python"
            )
        } else {
            format!(
                "{} has no library root {root}: rsbind binds library crates",
                dir.display()
            )
        }));
    }
    let features = manifest
        .get("features")
        .and_then(|f| f.as_table())
        .map(|t| t.keys().filter(|k| *k != "default").cloned().collect())
        .unwrap_or_default();
    Ok(Manifest {
        package,
        lib,
        features,
        value: manifest,
    })
}

/// The package and library name of the crate in `dir`.
pub fn crate_names(dir: &Path) -> Result<(String, String), Failure> {
    read_manifest(dir).map(|m| (m.package, m.lib))
}

/// Reads the crate in `dir` as rustc compiles it with `features`: its rustdoc
/// JSON, and that of each direct dependency whose types rustdoc says the
/// crate's items name. `crate_path` is what the interface file writes for `dir`.
pub fn read_crate(
    dir: &Path,
    crate_path: &str,
    features: &FeatureSelection,
) -> Result<extract::Input, Failure> {
    let manifest = read_manifest(dir)?;
    let krate = rustdoc_json::document(
        dir,
        rustdoc_json::Package::Own { lib: &manifest.lib },
        features,
    )?;
    let mut dependencies = read_dependencies(dir, &manifest.value);
    // Only the dependencies whose structs, enums or aliases the crate mentions.
    let mentioned: std::collections::BTreeSet<&str> = krate
        .paths
        .values()
        .filter(|s| s.crate_id != 0)
        .filter(|s| {
            matches!(
                s.kind,
                rustdoc_types::ItemKind::Struct
                    | rustdoc_types::ItemKind::Enum
                    | rustdoc_types::ItemKind::TypeAlias
            )
        })
        .filter_map(|s| s.path.first().map(String::as_str))
        .collect();
    for (name, dep) in dependencies.iter_mut() {
        if mentioned.contains(name.as_str()) {
            // A dependency that cannot be documented binds without its types;
            // the front end says which items that costs.
            let lib = dep.package.replace('-', "_");
            let dep_dir = dep.path.as_ref().map(|p| dir.join(p));
            let package = rustdoc_json::Package::Dependency {
                package: &dep.package,
                version: dep.version.as_deref(),
                lib: &lib,
                dir: dep_dir.as_deref(),
            };
            match rustdoc_json::document(dir, package, &FeatureSelection::default()) {
                Ok(krate) => dep.krate = Some(krate),
                Err(f) => {
                    dep.unread = f.diagnostics.first().map(|d| d.message.clone());
                }
            }
        }
        if let Some(p) = &dep.path {
            dep.path = Some(join_paths(crate_path, p));
        }
    }
    let root = manifest
        .value
        .get("lib")
        .and_then(|l| l.get("path"))
        .and_then(|p| p.as_str())
        .unwrap_or("src/lib.rs")
        .replace('\\', "/");
    let mut sources = BTreeMap::new();
    collect_rs_files(dir, dir, &mut sources, 0);
    let mut chosen = if features.all_features {
        manifest.features.clone()
    } else {
        features.features.clone()
    };
    chosen.sort();
    chosen.dedup();
    Ok(extract::Input {
        krate,
        package: manifest.package,
        lib: manifest.lib,
        crate_path: crate_path.to_string(),
        features: chosen,
        default_features: !features.no_default_features,
        sources,
        root,
        dependencies,
    })
}

/// Every `.rs` file under `dir` (not `target/`, not hidden folders), by its path
/// relative to `base`; unreadable ones are left out (rustc reported them).
fn collect_rs_files(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>, depth: usize) {
    const MAX_DEPTH: usize = 32;
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            if depth < MAX_DEPTH {
                collect_rs_files(base, &path, out, depth + 1);
            }
        } else if name.ends_with(".rs") {
            if let Ok(text) = fs::read_to_string(&path) {
                let rel = path.strip_prefix(base).unwrap_or(&path);
                out.insert(slash_path(rel), text);
            }
        }
    }
}

/// `base/rel` with `..` folded where it can be (`../a` + `../b` is `../a/../b` → `../b`).
fn join_paths(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    for part in rel.split('/').filter(|p| !p.is_empty() && *p != ".") {
        match part {
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// The crate's direct normal dependencies, by the name the crate writes in
/// paths, as `cargo metadata` (run in `dir`, offline first) resolves them. A
/// dependency cargo cannot resolve is still listed, by what Cargo.toml says.
/// Nothing is run for a crate without dependencies.
fn read_dependencies(
    dir: &Path,
    manifest: &toml::Value,
) -> BTreeMap<String, extract::DependencyInput> {
    let mut out = BTreeMap::new();
    let mut tables: Vec<&toml::Value> = manifest.get("dependencies").into_iter().collect();
    if let Some(targets) = manifest.get("target").and_then(|t| t.as_table()) {
        tables.extend(targets.values().filter_map(|t| t.get("dependencies")));
    }
    for table in tables.iter().filter_map(|t| t.as_table()) {
        for (key, spec) in table {
            if spec.get("optional").and_then(|o| o.as_bool()) == Some(true) {
                continue;
            }
            let package = spec
                .get("package")
                .and_then(|p| p.as_str())
                .unwrap_or(key)
                .to_string();
            let lib = key.replace('-', "_");
            out.insert(
                lib.clone(),
                extract::DependencyInput {
                    package,
                    lib,
                    version: None,
                    path: None,
                    krate: None,
                    unread: None,
                },
            );
        }
    }
    if out.is_empty() {
        return out;
    }
    let Some(meta) = cargo_metadata(dir) else {
        return out;
    };
    resolve_dependencies(dir, &meta, &mut out);
    out
}

/// Fills in each dependency's version or folder from `cargo metadata`.
fn resolve_dependencies(
    dir: &Path,
    meta: &serde_json::Value,
    out: &mut BTreeMap<String, extract::DependencyInput>,
) {
    let packages: Vec<&serde_json::Value> = meta
        .get("packages")
        .and_then(|p| p.as_array())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let own_manifest = canonical(&dir.join("Cargo.toml"));
    let Some(own_id) = packages
        .iter()
        .find(|p| {
            p.get("manifest_path")
                .and_then(|m| m.as_str())
                .is_some_and(|m| canonical(Path::new(m)) == own_manifest)
        })
        .and_then(|p| p.get("id"))
        .and_then(|i| i.as_str())
    else {
        return;
    };
    let nodes = meta
        .get("resolve")
        .and_then(|r| r.get("nodes"))
        .and_then(|n| n.as_array());
    let Some(node) = nodes.and_then(|ns| {
        ns.iter()
            .find(|n| n.get("id").and_then(|i| i.as_str()) == Some(own_id))
    }) else {
        return;
    };
    for dep in node
        .get("deps")
        .and_then(|d| d.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let normal = dep
            .get("dep_kinds")
            .and_then(|k| k.as_array())
            .is_some_and(|kinds| {
                kinds
                    .iter()
                    .any(|k| k.get("kind").is_some_and(|v| v.is_null()))
            });
        let (Some(name), Some(pkg_id)) = (
            dep.get("name").and_then(|n| n.as_str()),
            dep.get("pkg").and_then(|p| p.as_str()),
        ) else {
            continue;
        };
        if !normal {
            continue;
        }
        let Some(pkg) = packages
            .iter()
            .find(|p| p.get("id").and_then(|i| i.as_str()) == Some(pkg_id))
        else {
            continue;
        };
        let str_of = |key: &str| pkg.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        let is_proc_macro = pkg
            .get("targets")
            .and_then(|t| t.as_array())
            .is_some_and(|ts| {
                ts.iter().any(|t| {
                    t.get("kind")
                        .and_then(|k| k.as_array())
                        .is_some_and(|ks| ks.iter().any(|k| k.as_str() == Some("proc-macro")))
                })
            });
        if is_proc_macro {
            out.remove(name);
            continue;
        }
        let manifest_path = PathBuf::from(str_of("manifest_path"));
        let pkg_dir = parent_dir(&manifest_path);
        let source_kind = str_of("source");
        let (version, path) =
            if source_kind.starts_with("registry+") || source_kind.starts_with("sparse+") {
                (Some(format!("={}", str_of("version"))), None)
            } else {
                (None, Some(relative_path(dir, &pkg_dir)))
            };
        out.insert(
            name.to_string(),
            extract::DependencyInput {
                package: str_of("name").to_string(),
                lib: name.to_string(),
                version,
                path,
                krate: None,
                unread: None,
            },
        );
    }
}

/// `cargo metadata` of the crate in `dir` (with its dependencies resolved),
/// offline first; `None` when cargo fails. A `Cargo.lock` that cargo writes
/// while resolving is removed again: reading a crate leaves its folder as it was.
fn cargo_metadata(dir: &Path) -> Option<serde_json::Value> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let abs = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let locks_before: Vec<PathBuf> = abs
        .ancestors()
        .map(|a| a.join("Cargo.lock"))
        .filter(|l| l.is_file())
        .collect();
    let mut meta = None;
    for offline in [true, false] {
        let mut cmd = Command::new(&cargo);
        cmd.args(["metadata", "--format-version", "1"])
            .current_dir(dir);
        if offline {
            cmd.arg("--offline");
        }
        let Ok(out) = cmd.output() else {
            break;
        };
        if out.status.success() {
            meta = serde_json::from_slice::<serde_json::Value>(&out.stdout).ok();
            break;
        }
    }
    let written = meta
        .as_ref()
        .and_then(|m| m.get("workspace_root"))
        .and_then(|r| r.as_str())
        .map(|r| Path::new(r).join("Cargo.lock"))
        .unwrap_or_else(|| abs.join("Cargo.lock"));
    if written.is_file() && !locks_before.contains(&written) {
        let _ = fs::remove_file(&written);
    }
    meta
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `to` relative to the folder `from`; both made absolute first.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| {
        fs::canonicalize(p).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or(p.to_path_buf())
        })
    };
    let (from, to) = (abs(from), abs(to));
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return slash_path(&to.iter().collect::<PathBuf>());
    }
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), from.len() - common).collect();
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

fn parent_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `rsbind extract`: reads the crate and writes the interface file. Onto an
/// existing file it re-extracts: the person's edits and comments are kept (see
/// [`curate::merge_with`]) and the report has the summary of what changed.
/// The features are those of the existing file, or the defaults.
pub fn extract_to_file(crate_dir: &Path, ron: &Path) -> Result<(idl::Interface, Report), Failure> {
    extract_to_file_with(crate_dir, ron, None)
}

/// The feature selection an interface file records.
pub fn features_of(krate: &idl::CrateRef) -> FeatureSelection {
    FeatureSelection {
        features: krate.features.clone(),
        all_features: false,
        no_default_features: !krate.default_features,
    }
}

/// [`extract_to_file`] with the features to compile the crate with (`None`:
/// the existing file's, or the defaults).
pub fn extract_to_file_with(
    crate_dir: &Path,
    ron: &Path,
    features: Option<FeatureSelection>,
) -> Result<(idl::Interface, Report), Failure> {
    let existing = read_existing(ron)?;
    let ron_dir = parent_dir(ron);
    let created = !ron_dir.exists();
    if created {
        fs::create_dir_all(&ron_dir).map_err(|e| io_error("create", &ron_dir, e))?;
    }
    // A failure leaves no empty folder behind (`rsbind bind` of a crate that
    // does not compile): the one made here is removed while it is empty.
    let unmake = || {
        if created {
            let _ = fs::remove_dir(&ron_dir);
        }
    };
    let features = features
        .or_else(|| existing.as_ref().map(|(old, _)| features_of(&old.krate)))
        .unwrap_or_default();
    let input = read_crate(crate_dir, &relative_path(&ron_dir, crate_dir), &features)
        .inspect_err(|_| unmake())?;
    let extraction = extract::extract(&input);
    let files = Files::new();
    if diag::has_errors(&extraction.diagnostics) {
        unmake();
        return Err(Failure {
            diagnostics: extraction.diagnostics,
            files,
        });
    }
    let mut warnings = extraction.diagnostics;
    let (interface, text, summary) = match existing {
        None => {
            let text = idl::print_with_comments(&extraction.interface, &extraction.notes);
            (extraction.interface, text, None)
        }
        Some((old, old_text)) => {
            if old.krate.package != extraction.interface.krate.package {
                let shown = ron.display().to_string();
                return Err(Failure::from(vec![Diagnostic::error(format!(
                    "{shown} is the interface file of the crate `{}`, not of `{}`",
                    old.krate.package, extraction.interface.krate.package
                ))
                .help(format!(
                    "write the interface file somewhere else, or move {shown} away to extract a new one; \
                     if the crate was renamed, write its new name into the file's `crate: CrateRef(package: ..)` first"
                ))]));
            }
            let instantiate = instantiator(&input);
            let class_warnings = std::cell::RefCell::new(Vec::new());
            let instantiate_class = |path: &str, type_args: &[String]| {
                Some(
                    extract::instantiate_class(&input, path, type_args).map(|i| {
                        class_warnings.borrow_mut().extend(i.warnings);
                        i.class
                    }),
                )
            };
            let merged = curate::merge_with_classes(
                &old,
                &old_text,
                &extraction.interface,
                &instantiate,
                Some(&instantiate_class),
            );
            warnings.extend(
                class_warnings
                    .into_inner()
                    .into_iter()
                    .map(Diagnostic::warning),
            );
            warnings.extend(merged.warnings.iter().map(Diagnostic::warning));
            // Extraction's own notes where the file has no comment of its own.
            let mut comments = merged.comments.clone();
            for (key, note) in &extraction.notes.before {
                comments
                    .before
                    .entry(key.clone())
                    .or_insert_with(|| note.clone());
            }
            let text = idl::print_with_comments(&merged.interface, &comments);
            (merged.interface, text, Some(merged.summary))
        }
    };
    fs::write(ron, text).map_err(|e| io_error("write", ron, e))?;
    Ok((
        interface,
        Report {
            warnings,
            files,
            summary,
        },
    ))
}

/// The interface file `extract` is about to overwrite, with its text, if there
/// is one. It must read: its curation is what re-extraction keeps.
fn read_existing(ron: &Path) -> Result<Option<(idl::Interface, String)>, Failure> {
    if !ron.exists() {
        return Ok(None);
    }
    let text = fs::read_to_string(ron).map_err(|e| io_error("read", ron, e))?;
    let shown = ron.display().to_string();
    match idl::parse(&text, &shown) {
        Ok(interface) => Ok(Some((interface, text))),
        Err(mut diagnostics) => {
            let hint = format!(
                "`rsbind extract` keeps the edits of the existing {shown}, so it must read it: fix it, \
                 or move it away (`mv {shown} {shown}.old`) to extract a new one"
            );
            match diagnostics.first_mut() {
                Some(d) => d.notes.push(format!("help: {hint}")),
                None => diagnostics.push(Diagnostic::error(hint)),
            }
            Err(Failure {
                diagnostics,
                files: [(shown, text)].into_iter().collect(),
            })
        }
    }
}

/// `curate`'s access to the front end's instantiation of a generic function or
/// method (`largest`, `Stack::push`) with type arguments, to refresh and check the
/// instantiations an interface file lists.
fn instantiator(
    input: &extract::Input,
) -> impl Fn(&str, &[String]) -> Option<Result<curate::Instantiation, String>> + '_ {
    move |path, type_args| {
        Some(
            extract::instantiate(input, path, type_args).map(|i| curate::Instantiation {
                params: i.params,
                ret: i.ret,
                warnings: i.warnings,
            }),
        )
    }
}

/// The drift check of `rsbind check`: compares the interface file with its
/// crate's current source. Errors (a signature that changed, an item that
/// vanished) are a failure; items new in the crate are warnings. A crate that
/// cannot be read (its folder is missing, it does not compile) is a failure too.
pub fn check_drift(ron: &Path) -> Result<Report, Failure> {
    let text = fs::read_to_string(ron).map_err(|e| io_error("read", ron, e))?;
    let shown = ron.display().to_string();
    let files: Files = [(shown.clone(), text.clone())].into_iter().collect();
    let interface = idl::parse(&text, &shown).map_err(|diagnostics| Failure {
        diagnostics,
        files: files.clone(),
    })?;
    let ron_dir = parent_dir(ron);
    let crate_dir = if ron_dir == Path::new(".") {
        PathBuf::from(&interface.krate.path)
    } else {
        ron_dir.join(&interface.krate.path)
    };
    // A check that cannot compare the file with its crate does not pass: the
    // crate's folder is missing, or the crate does not compile as it is.
    let cannot_compare = |diagnostic: Diagnostic, causes: Vec<Diagnostic>| {
        let span = idl::spans::SpanIndex::new(&text).span(&[
            idl::spans::Step::Field("crate"),
            idl::spans::Step::Field("path"),
        ]);
        let mut diagnostics = vec![diagnostic
            .at(
                shown.clone(),
                span,
                "the crate's folder, relative to this file",
            )
            .note(
                "without the crate, `rsbind check` cannot tell whether the file still matches it",
            )];
        diagnostics.extend(causes);
        Failure {
            diagnostics,
            files: files.clone(),
        }
    };
    if !crate_dir.is_dir() {
        return Err(cannot_compare(
            Diagnostic::error(format!(
                "the crate folder {} does not exist",
                crate_dir.display()
            ))
            .help(format!(
                "correct `path` in `crate: CrateRef(..)`, or extract the file again from the crate's folder (`rsbind extract CRATE -o {shown}`)"
            )),
            Vec::new(),
        ));
    }
    let input = read_crate(
        &crate_dir,
        &interface.krate.path,
        &features_of(&interface.krate),
    )
    .map_err(|f| {
        cannot_compare(
            Diagnostic::error(format!("cannot read the crate at {}", crate_dir.display())),
            f.diagnostics,
        )
    })?;
    let extraction = extract::extract(&input);
    if diag::has_errors(&extraction.diagnostics) {
        return Err(cannot_compare(
            Diagnostic::error(format!(
                "the crate at {} has errors (`rsbind extract` shows them)",
                crate_dir.display()
            )),
            Vec::new(),
        ));
    }
    let instantiate = instantiator(&input);
    let drifts = curate::drift_with(&interface, &extraction.interface, &instantiate);
    let update = format!("rsbind extract {} -o {shown}", crate_dir.display());
    let diagnostics = curate::drift_diagnostics(&drifts, &text, &shown, &update);
    if diag::has_errors(&diagnostics) {
        Err(Failure { diagnostics, files })
    } else {
        Ok(Report {
            warnings: diagnostics,
            files,
            summary: None,
        })
    }
}

/// A checked interface file: its IR and where its crate is.
pub struct Loaded {
    pub module: ir::Module,
    pub crate_dir: PathBuf,
    /// The interface file's folder: paths in it are relative to this.
    pub ron_dir: PathBuf,
    pub source_name: String,
    pub report: Report,
}

/// A stage whose data `rsbind dump` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The interface model, as read from the file.
    Idl,
    /// The checked IR the backends read.
    Ir,
    /// Each backend's view models: what its templates print.
    View,
}

/// `rsbind dump --stage STAGE FILE.ron`: a stage's data as text, for debugging
/// and bug reports (`Debug` of the model and IR, JSON of the views).
pub fn dump(ron: &Path, stage: Stage) -> Result<String, Failure> {
    match stage {
        Stage::Idl => {
            let text = fs::read_to_string(ron).map_err(|e| io_error("read", ron, e))?;
            let shown = ron.display().to_string();
            let interface = idl::parse(&text, &shown).map_err(|diagnostics| Failure {
                diagnostics,
                files: [(shown.clone(), text.clone())].into_iter().collect(),
            })?;
            Ok(format!("{interface:#?}\n"))
        }
        Stage::Ir => Ok(format!("{:#?}\n", load(ron)?.module)),
        Stage::View => {
            let loaded = load(ron)?;
            let ctx = gen_context(&loaded, &loaded.ron_dir.join("bindings"));
            let mut out = String::new();
            for (template, path, view) in backend::views(&loaded.module, &ctx) {
                let json = serde_json::to_string_pretty(&view).map_err(|e| {
                    Failure::message(format!("the view of {template} does not print: {e}"))
                })?;
                out.push_str(&format!("// {template} -> {path}\n{json}\n"));
            }
            Ok(out)
        }
    }
}

/// `$RUSTFLAGS` with `--cap-lints=warn` added.
fn capped_rustflags() -> String {
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    if !flags.contains("--cap-lints") {
        if !flags.is_empty() {
            flags.push(' ');
        }
        flags.push_str("--cap-lints=warn");
    }
    flags
}

/// `rsbind check`: reads and checks an interface file.
pub fn load(ron: &Path) -> Result<Loaded, Failure> {
    let text = fs::read_to_string(ron).map_err(|e| io_error("read", ron, e))?;
    let shown = ron.display().to_string();
    let files: Files = [(shown.clone(), text.clone())].into_iter().collect();
    let fail = |diagnostics| Failure {
        diagnostics,
        files: files.clone(),
    };
    let interface = idl::parse(&text, &shown).map_err(fail)?;
    let (module, warnings) = check::lower(&interface, &shown, &text).map_err(fail)?;
    let crate_dir = parent_dir(ron).join(&interface.krate.path);
    let source_name = ron
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    Ok(Loaded {
        module,
        crate_dir,
        ron_dir: parent_dir(ron),
        source_name,
        report: Report {
            warnings,
            files,
            summary: None,
        },
    })
}

/// How `gen` renders, besides the interface file.
#[derive(Clone, Debug, Default)]
pub struct GenOptions {
    /// `--templates DIR`: templates replacing the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// `--abi3`: a package on the limited API (see [`backend::GenContext::abi3`]).
    pub abi3: bool,
}

/// Every `*.j2` file below `dir`, by its path relative to `dir` with `/`
/// between folders (`cpython/function.c.j2`), the name of the template it replaces.
pub fn read_templates(dir: &Path) -> Result<BTreeMap<String, String>, Failure> {
    let mut templates = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).map_err(|e| io_error("read", &folder, e))?;
        for entry in entries {
            let path = entry.map_err(|e| io_error("read", &folder, e))?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "j2") {
                let text = fs::read_to_string(&path).map_err(|e| io_error("read", &path, e))?;
                let relative = path.strip_prefix(dir).unwrap_or(&path);
                let name: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                templates.insert(name.join("/"), text);
            }
        }
    }
    Ok(templates)
}

/// Renders the bindings package for a loaded interface, to be written in `out_dir`.
pub fn render(loaded: &Loaded, out_dir: &Path) -> Result<Vec<OutputFile>, Failure> {
    render_with(loaded, out_dir, &GenOptions::default())
}

/// [`render`], with the templates `options` gives.
pub fn render_with(
    loaded: &Loaded,
    out_dir: &Path,
    options: &GenOptions,
) -> Result<Vec<OutputFile>, Failure> {
    let mut ctx = gen_context(loaded, out_dir);
    ctx.abi3 = options.abi3;
    if let Some(dir) = &options.templates {
        ctx.template_overrides = read_templates(dir)?;
    }
    let mut files = backend::generate(&loaded.module, &ctx).map_err(Failure::from)?;
    for f in files.iter_mut().filter(|f| f.path.ends_with(".rs")) {
        if let Some(formatted) = rustfmt(&f.contents) {
            f.contents = formatted;
        }
    }
    Ok(files)
}

/// `text` as rustfmt lays it out. The templates already print rustfmt's
/// layout; what only rustfmt knows is where a line too long for its width
/// breaks (a registry crate's long paths). None when rustfmt cannot run or
/// fails (a toolchain without it): the templates' text is kept.
fn rustfmt(text: &str) -> Option<String> {
    use std::io::Write;
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    // Written from a thread of its own: rustfmt may fill its stdout pipe
    // before it has read all of its input.
    let mut stdin = child.stdin.take()?;
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    (out.status.success())
        .then(|| String::from_utf8(out.stdout).ok())
        .flatten()
}

/// What the backends know besides the IR, for a package written to `out_dir`.
fn gen_context(loaded: &Loaded, out_dir: &Path) -> GenContext {
    GenContext {
        project: project_meta(&loaded.crate_dir),
        template_overrides: BTreeMap::new(),
        abi3: false,
        source_name: loaded.source_name.clone(),
        crate_dir_from_output: relative_path(out_dir, &loaded.crate_dir),
        dependency_dirs_from_output: loaded
            .module
            .dependencies
            .iter()
            .filter_map(|d| {
                let dir = loaded.ron_dir.join(d.path.as_ref()?);
                Some((d.lib.clone(), relative_path(out_dir, &dir)))
            })
            .collect(),
    }
}

/// The crate's version, description and license from its Cargo.toml, for the
/// bindings' `pyproject.toml`; what cannot be read is left out.
fn project_meta(crate_dir: &Path) -> backend::package::ProjectMeta {
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml"))
        .ok()
        .and_then(|text| toml::from_str::<toml::Value>(&text).ok());
    let field = |key: &str| {
        manifest
            .as_ref()
            .and_then(|m| m.get("package")?.get(key)?.as_str().map(str::to_string))
    };
    backend::package::ProjectMeta {
        version: field("version"),
        description: field("description"),
        license: field("license"),
    }
}

/// How `gen --check` found the folder.
pub enum Staleness {
    UpToDate,
    /// A unified diff of what `gen` would change.
    Stale(String),
}

/// `rsbind gen`: writes the bindings package into `out_dir`.
pub fn gen(ron: &Path, out_dir: &Path, options: &GenOptions) -> Result<Loaded, Failure> {
    let loaded = load(ron)?;
    let same = |a: &Path, b: &Path| match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(out_dir, &loaded.crate_dir) {
        return Err(Failure::message(format!(
            "{} is the crate's own folder: the bindings package would replace its Cargo.toml; write it elsewhere (`-o bindings/`)",
            out_dir.display()
        )));
    }
    fs::create_dir_all(out_dir).map_err(|e| io_error("create", out_dir, e))?;
    let files = render_with(&loaded, out_dir, options)?;
    for f in &files {
        let path = out_dir.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_error("create", parent, e))?;
        }
        // Unchanged files keep their timestamps, so cargo does not rebuild them.
        if fs::read_to_string(&path).ok().as_deref() != Some(f.contents.as_str()) {
            fs::write(&path, &f.contents).map_err(|e| io_error("write", &path, e))?;
        }
    }
    // A module that gained or lost submodules: the other layout's root stub goes.
    let name = &loaded.module.name;
    let stale = if files.iter().any(|f| f.path == format!("{name}.pyi")) {
        out_dir.join(name).join("__init__.pyi")
    } else {
        out_dir.join(format!("{name}.pyi"))
    };
    let _ = fs::remove_file(stale);
    Ok(loaded)
}

/// `rsbind gen --check`: compares `out_dir` with what `gen` would write.
pub fn gen_check(ron: &Path, out_dir: &Path, options: &GenOptions) -> Result<Staleness, Failure> {
    let loaded = load(ron)?;
    let files = render_with(&loaded, out_dir, options)?;
    let mut diff = String::new();
    for f in &files {
        let path = out_dir.join(&f.path);
        let old = fs::read_to_string(&path).unwrap_or_default();
        if old != f.contents {
            let shown = path.display().to_string();
            let text_diff = similar::TextDiff::from_lines(&old, &f.contents);
            diff.push_str(
                &text_diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&shown, &shown)
                    .to_string(),
            );
        }
    }
    Ok(if diff.is_empty() {
        Staleness::UpToDate
    } else {
        Staleness::Stale(diff)
    })
}

/// The interpreter to build for: `--python`, else `$PYTHON`, else `python3`.
pub fn python_command(explicit: Option<&str>) -> String {
    explicit
        .map(str::to_string)
        .or_else(|| std::env::var("PYTHON").ok().filter(|p| !p.is_empty()))
        .unwrap_or_else(|| "python3".to_string())
}

/// The oldest CPython that generated modules support (MAPPING: Python versions);
/// `runtime-c/rsbind.h` refuses older headers with the same words.
pub const MIN_PYTHON: (u32, u32) = (3, 9);

/// The oldest CPython of `--abi3` modules: its limited API has METH_FASTCALL.
pub const MIN_PYTHON_ABI3: (u32, u32) = (3, 10);

/// The stable ABI's module suffix where `ext_suffix` is this platform's
/// version-specific one: `.abi3.so` (Windows: `.pyd`, which has no abi3 tag).
fn abi3_suffix(ext_suffix: &str) -> String {
    if ext_suffix.ends_with(".pyd") {
        ".pyd".to_string()
    } else {
        ".abi3.so".to_string()
    }
}

/// The extension suffix of `python`, after checking that it is a CPython that
/// rsbind builds for (3.9 or newer): an older one is refused here, naming the
/// version required, rather than by the C compiler. With `abi3`, 3.10 or newer
/// (the limited API's headers), and the suffix is the stable ABI's.
fn python_ext_suffix(python: &str, abi3: bool) -> Result<String, Failure> {
    let out = Command::new(python)
        .args([
            "-c",
            "import sys, sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX')); \
             print(sys.implementation.name, *sys.version_info[:3])",
        ])
        .output()
        .map_err(|e| {
            Failure::message(format!("cannot run the Python interpreter `{python}`: {e}"))
        })?;
    if !out.status.success() {
        return Err(Failure::message(format!(
            "`{python}` failed to tell its extension suffix: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let suffix = lines.next().unwrap_or("").trim().to_string();
    let version: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    let number = |i: usize| version.get(i).and_then(|v| v.parse::<u32>().ok());
    match (version.first(), number(1), number(2)) {
        (Some(&"cpython"), Some(major), Some(minor)) if abi3 && (major, minor) < MIN_PYTHON_ABI3 => {
            Err(Failure::message(format!(
                "`{python}` is CPython {major}.{minor}: --abi3 builds on the limited API of CPython {}.{}; \
                 pass --python an interpreter of 3.{} or newer",
                MIN_PYTHON_ABI3.0, MIN_PYTHON_ABI3.1, MIN_PYTHON_ABI3.1
            )))
        }
        (Some(&"cpython"), Some(_), Some(_)) if abi3 => Ok(abi3_suffix(&suffix)),
        (Some(&"cpython"), Some(major), Some(minor)) if (major, minor) >= MIN_PYTHON => Ok(suffix),
        (Some(&"cpython"), Some(major), Some(minor)) => Err(Failure::message(format!(
            "`{python}` is CPython {major}.{minor}.{}: rsbind builds for CPython {}.{} or newer; \
             pass --python an interpreter of 3.{} to 3.13",
            version.get(3).unwrap_or(&"?"),
            MIN_PYTHON.0,
            MIN_PYTHON.1,
            MIN_PYTHON.1
        ))),
        _ => Err(Failure::message(format!(
            "`{python}` is not CPython ({}): rsbind builds modules for CPython's C API",
            text.lines().nth(1).unwrap_or("no version").trim()
        ))),
    }
}

/// How `build` compiles.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The interpreter whose headers and extension suffix are used.
    pub python: String,
    /// Cargo's target folder; by default the package's own `target/`.
    pub target_dir: Option<PathBuf>,
    /// Turn C compiler warnings, and warnings of the generated Rust, into
    /// errors (rsbind's own tests do).
    pub werror: bool,
    /// No progress output from cargo or pip (`--quiet`).
    pub quiet: bool,
}

impl BuildOptions {
    pub fn new(python: String) -> BuildOptions {
        BuildOptions {
            python,
            target_dir: None,
            werror: false,
            quiet: false,
        }
    }
}

/// `rsbind build`: gen the bindings package into `out_dir` (as `rsbind gen`
/// does, so `gen --check` on it passes), compile it with cargo, and leave the
/// module `NAME<EXT_SUFFIX>` in it (beside the stubs `NAME/__init__.pyi`), so
/// `PYTHONPATH=out_dir` imports it. Returns the module's path.
pub fn build(ron: &Path, out_dir: &Path, options: &BuildOptions) -> Result<PathBuf, Failure> {
    build_with(ron, out_dir, options, &GenOptions::default())
}

/// [`build`], rendering with the templates `gen_options` gives.
pub fn build_with(
    ron: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    gen_options: &GenOptions,
) -> Result<PathBuf, Failure> {
    let python = options.python.as_str();
    let probe = load(ron)?;
    // A file that no longer matches its crate would generate stubs that do not
    // compile against it: refuse it with the drift check's words instead.
    check_drift(ron)?;
    let ext_suffix = python_ext_suffix(python, gen_options.abi3)?;
    let name = probe.module.name.clone();
    gen(ron, out_dir, gen_options)?;
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    cargo
        .args([
            "build",
            "--release",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(out_dir)
        .env("PYTHON", python)
        // The bound crate is a path dependency of the package, so cargo would
        // not cap its lints: a crate with `#![deny(warnings)]` would fail on a
        // newer toolchain's lints. Warnings stay warnings.
        .env("RUSTFLAGS", capped_rustflags());
    if let Some(dir) = &options.target_dir {
        cargo.env("CARGO_TARGET_DIR", dir);
    }
    if options.werror {
        cargo.env("RSBIND_WERROR", "1");
    }
    let (status, stdout, warned) = run_cargo(&mut cargo, options.quiet)?;
    if let Err(why) = status {
        return Err(Failure::message(format!(
            "cargo failed to build the bindings package in {}{why}",
            out_dir.display()
        )));
    }
    if options.werror && warned {
        return Err(Failure::message(format!(
            "the generated Rust of {name} compiled with warnings, which rsbind's own tests refuse (`cargo build --release` in {} shows them)",
            out_dir.display()
        )));
    }
    let artifact = cdylib_artifact(&stdout, &format!("rsbind_{name}")).ok_or_else(|| {
        Failure::message("cargo built the bindings package but reported no library file")
    })?;
    let module_file = out_dir.join(format!("{name}{ext_suffix}"));
    // Replace, not overwrite in place: a running interpreter may have the old file mapped.
    let _ = fs::remove_file(&module_file);
    fs::copy(&artifact, &module_file)
        .map_err(|e| io_error("copy the module to", &module_file, e))?;
    Ok(module_file)
}

/// Runs cargo with its JSON messages on stdout (returned) and its progress on
/// our stderr (none when `quiet`). A build script that fails with a line
/// `rsbind-error: ...` (build.rs's missing `Python.h`) is shown as that line
/// alone, not cargo's page of the script's output: `Err(": the line")`.
fn run_cargo(
    cargo: &mut Command,
    quiet: bool,
) -> Result<(Result<(), String>, String, bool), Failure> {
    use std::io::{BufRead, Read, Write};
    let mut child = cargo
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| Failure::message(format!("cannot run cargo: {e}")))?;
    let stderr = child.stderr.take().expect("piped stderr");
    let forward = std::thread::spawn(move || {
        // cargo prints a failed build script's output at the end, after this line.
        let mut held: Option<Vec<String>> = None;
        let mut warned = false;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            // "warning: `rsbind-NAME` (lib) generated 1 warning": the
            // generated crate's own (the bound crate's are its author's).
            warned |= line.starts_with("warning: `rsbind-") && line.contains(" generated ");
            if line.contains("failed to run custom build command") {
                held = Some(Vec::new());
            }
            match held.as_mut() {
                Some(lines) => lines.push(line),
                None if !quiet => {
                    let _ = writeln!(std::io::stderr(), "{line}");
                }
                None => {}
            }
        }
        (held.unwrap_or_default(), warned)
    });
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    let status = child
        .wait()
        .map_err(|e| Failure::message(format!("cannot run cargo: {e}")))?;
    let (held, warned) = forward.join().unwrap_or_default();
    let marked = held
        .iter()
        .find_map(|l| l.trim().strip_prefix("rsbind-error: "))
        .map(|l| format!(": {l}"));
    if marked.is_none() {
        for line in &held {
            eprintln!("{line}");
        }
    }
    let result = if status.success() {
        Ok(())
    } else {
        Err(marked.unwrap_or_default())
    };
    Ok((result, stdout, warned))
}

/// `rsbind build --wheel`: gen the package into `package_dir`, and have pip
/// build it into one wheel in `wheel_dir` with the project's own build backend
/// (setuptools-rust, fetched by pip from PyPI into an isolated build
/// environment). Returns the wheel's path.
pub fn build_wheel(
    ron: &Path,
    package_dir: &Path,
    wheel_dir: &Path,
    options: &BuildOptions,
    gen_options: &GenOptions,
) -> Result<PathBuf, Failure> {
    let probe = load(ron)?;
    check_drift(ron)?;
    gen(ron, package_dir, gen_options)?;
    // pip writes into a fresh folder, from which the one wheel is moved.
    let staging = package_dir.join("target").join("rsbind-wheel");
    let _ = fs::remove_dir_all(&staging);
    let mut pip = Command::new(&options.python);
    pip.args([
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
    ])
    .arg("--wheel-dir")
    .arg(&staging)
    // pip reads a bare folder name (`NAME-bindings`) as a requirement: a path.
    .arg(fs::canonicalize(package_dir).unwrap_or_else(|_| package_dir.to_path_buf()))
    .env("RUSTFLAGS", capped_rustflags())
    .stdout(std::process::Stdio::null());
    if options.quiet {
        pip.arg("--quiet");
    }
    if let Some(dir) = &options.target_dir {
        pip.env("CARGO_TARGET_DIR", dir);
    }
    let status = pip
        .status()
        .map_err(|e| Failure::message(format!("cannot run `{} -m pip`: {e}", options.python)))?;
    if !status.success() {
        return Err(Failure::message(format!(
            "pip failed to build a wheel of {} (`{} -m pip` needs pip, and PyPI or a local index for setuptools-rust)",
            package_dir.display(),
            options.python
        )));
    }
    let built: Vec<PathBuf> = fs::read_dir(&staging)
        .map_err(|e| io_error("read", &staging, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "whl"))
        .collect();
    let [wheel] = built.as_slice() else {
        return Err(Failure::message(format!(
            "pip built {} wheels of `{}` where one was expected",
            built.len(),
            probe.module.name
        )));
    };
    fs::create_dir_all(wheel_dir).map_err(|e| io_error("create", wheel_dir, e))?;
    let target = wheel_dir.join(wheel.file_name().unwrap_or_default());
    fs::rename(wheel, &target)
        .or_else(|_| fs::copy(wheel, &target).map(|_| ()))
        .map_err(|e| io_error("write", &target, e))?;
    let _ = fs::remove_dir_all(&staging);
    Ok(target)
}

/// The cdylib file of the target `target_name` in cargo's JSON messages.
fn cdylib_artifact(messages: &str, target_name: &str) -> Option<PathBuf> {
    messages.lines().rev().find_map(|line| {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        if v.get("reason")?.as_str()? != "compiler-artifact"
            || v.get("target")?.get("name")?.as_str()? != target_name
        {
            return None;
        }
        v.get("filenames")?
            .as_array()?
            .iter()
            .filter_map(|f| f.as_str())
            .find(|f| f.ends_with(".so") || f.ends_with(".dylib") || f.ends_with(".dll"))
            .map(PathBuf::from)
    })
}
