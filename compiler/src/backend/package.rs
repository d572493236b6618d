//! The `python` backend: the bindings folder as a Python project (PEP 517/621).
//! `pyproject.toml` names setuptools-rust as the build backend, which runs cargo
//! on the package's `Cargo.toml` (whose build.rs compiles the C) and installs the
//! cdylib as the extension module `NAME<EXT_SUFFIX>`; the stubs are the package
//! `NAME/` of `.pyi` files with `py.typed` beside it (mypy reads stubs of an
//! installed module only from a package, PEP 561). The import system prefers the
//! extension module to that folder, which has no `__init__.py`.

use super::{Backend, GenContext, OutputFile, Render};
use crate::ir;
use minijinja::Value;
use serde::Serialize;

/// What the crate's Cargo.toml says about it, for the project's metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectMeta {
    /// The crate's version as Cargo.toml writes it (semver); `None` when it
    /// inherits it from a workspace rsbind did not read.
    pub version: Option<String>,
    pub description: Option<String>,
    /// An SPDX expression (`MIT OR Apache-2.0`; the old `MIT/Apache-2.0` too).
    pub license: Option<String>,
}

/// The oldest CPython the generated C supports (MAPPING.md, *Python versions*).
pub const REQUIRES_PYTHON: &str = ">=3.9";
/// The oldest CPython an abi3 package (`--abi3`) runs on; its wheel's tag.
pub const REQUIRES_PYTHON_ABI3: &str = ">=3.10";
pub const ABI3_TAG: &str = "cp310";

pub struct PackageBackend;

#[derive(Serialize)]
struct View {
    source: String,
    package: String,
    module: String,
    /// TOML strings, quoted.
    name: String,
    version: String,
    description: Option<String>,
    license: Option<String>,
    requires_python: String,
    /// `--abi3`: the wheel's limited-API tag (`cp310`), as a TOML string.
    py_limited_api: Option<String>,
    stub_package: String,
}

/// Where the module's stubs go in the package: `NAME/__init__.pyi`.
pub fn stub_path(module: &str) -> String {
    format!("{module}/__init__.pyi")
}

impl Backend for PackageBackend {
    fn name(&self) -> &'static str {
        "python"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let meta = &ctx.project;
        let view = View {
            source: ctx.source_name.clone(),
            package: module.package.clone(),
            module: module.name.clone(),
            name: toml_string(&module.package),
            version: toml_string(&pep440_version(meta.version.as_deref().unwrap_or("0.0.0"))),
            description: meta
                .description
                .as_deref()
                .map(|d| toml_string(&d.split_whitespace().collect::<Vec<_>>().join(" "))),
            license: meta.license.as_deref().map(|l| toml_string(&spdx(l))),
            requires_python: toml_string(if ctx.abi3 {
                REQUIRES_PYTHON_ABI3
            } else {
                REQUIRES_PYTHON
            }),
            py_limited_api: ctx.abi3.then(|| toml_string(ABI3_TAG)),
            stub_package: toml_string(&module.name),
        };
        let renders = vec![Render {
            template: "python/pyproject.toml.j2",
            path: "pyproject.toml".to_string(),
            view: Value::from_serialize(&view),
        }];
        let copies = vec![OutputFile {
            path: format!("{}/py.typed", module.name),
            contents: String::new(),
        }];
        (renders, copies)
    }
}

/// The stubs of the module's own namespace, `NAME.pyi` as the pyi backend
/// names it, move into the stub package as `NAME/__init__.pyi`.
pub fn place_stubs(module: &ir::Module, files: &mut [OutputFile]) {
    let flat = format!("{}.pyi", module.name);
    for f in files.iter_mut().filter(|f| f.path == flat) {
        f.path = stub_path(&module.name);
    }
}

/// A quoted TOML string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The old `MIT/Apache-2.0` form of Cargo's license field as SPDX.
fn spdx(license: &str) -> String {
    license
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// A semver version as PEP 440 writes it: `1.2.3-alpha.1` is `1.2.3a1`,
/// `-beta.2` `b2`, `-rc.3` `rc3`; another pre-release is a `.dev0` of it, and
/// build metadata (`+...`) is dropped (PyPI refuses local versions).
pub fn pep440_version(version: &str) -> String {
    let version = version.split('+').next().unwrap_or(version);
    let Some((release, pre)) = version.split_once('-') else {
        return version.to_string();
    };
    let (label, number) = match pre.split_once('.') {
        Some((label, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => (label, n),
        None => (pre, "0"),
        Some(_) => ("", ""),
    };
    let short = match label {
        "alpha" | "a" => "a",
        "beta" | "b" => "b",
        "rc" | "pre" => "rc",
        _ => return format!("{release}.dev0"),
    };
    format!("{release}{short}{number}")
}

#[cfg(test)]
mod tests {
    use super::{pep440_version, spdx};

    #[test]
    fn versions_follow_pep_440() {
        assert_eq!(pep440_version("1.2.3"), "1.2.3");
        assert_eq!(pep440_version("1.0.0-alpha.1"), "1.0.0a1");
        assert_eq!(pep440_version("1.0.0-beta"), "1.0.0b0");
        assert_eq!(pep440_version("2.0.0-rc.12+build.5"), "2.0.0rc12");
        assert_eq!(pep440_version("0.3.0-nightly.x"), "0.3.0.dev0");
        assert_eq!(pep440_version("0.1.0+abc"), "0.1.0");
    }

    #[test]
    fn old_license_slashes_are_or() {
        assert_eq!(spdx("MIT/Apache-2.0"), "MIT OR Apache-2.0");
        assert_eq!(spdx("MIT OR Apache-2.0"), "MIT OR Apache-2.0");
    }
}
