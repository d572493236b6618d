//! The front end: the crate as rustc compiles it, from rustdoc's JSON output
//! (already read and parsed by the driver), to the interface model,
//! [`crate::idl::Interface`].
//!
//! 1. [`walk`]: the public surface: every item reachable from the root through
//!    public modules and re-exports, at its public path.
//! 2. [`types`]: rustdoc's resolved types to the interface file's type syntax,
//!    with the naming rule that makes every type string denote one type.
//! 3. [`bind`] (with [`classes`] and [`sig`]): decides the classes, checks every
//!    signature against them with the checker's own rules, and writes bound
//!    items module by module and skipped entries with their reasons.
//!
//! Types from the crate's dependencies: a dependency type a converted signature
//! names is recorded; when the driver gave that dependency's rustdoc output,
//! its structs and enums so met are class candidates too, in a submodule per
//! dependency. Binding runs again until a round meets no new type.
//!
//! [`instantiate`] gives the signature of a generic function or method, or the
//! class of a generic struct, for given type arguments.
//!
//! It does no IO and never panics.

mod auto;
mod bind;
mod cfg_out;
mod classes;
mod dyn_traits;
mod ext;
mod instances;
mod instantiate;
mod int_enums;
mod known;
mod mentions;
mod natural;
mod notes;
mod sig;
mod skips;
mod traits;
mod types;
mod walk;

pub use instantiate::{instantiate, instantiate_class, ClassInstantiation, Instantiation};

use crate::diag::Diagnostic;
use crate::idl::{CrateRef, Dependency, Interface, FORMAT_VERSION};
use std::collections::BTreeMap;
use types::{DepView, Deps, TypeCx};
use walk::PublicItem;

/// The crate as rustdoc documented it, and what the interface file says of it.
pub struct Input {
    pub krate: rustdoc_types::Crate,
    /// `[package] name`.
    pub package: String,
    /// The library's Rust name.
    pub lib: String,
    /// What to write into [`CrateRef::path`].
    pub crate_path: String,
    /// The features the crate was documented with (besides the defaults, unless
    /// `default_features` is false).
    pub features: Vec<String>,
    pub default_features: bool,
    /// The crate's `.rs` files (path relative to its folder, `/`-separated →
    /// text) and its lib root's path among them: read only to list the public
    /// items a `#[cfg]` leaves out, which rustdoc cannot show.
    pub sources: BTreeMap<String, String>,
    pub root: String,
    /// The crate's direct normal dependencies, by the name rustdoc gives their
    /// crate (their lib name).
    pub dependencies: BTreeMap<String, DependencyInput>,
}

/// A dependency of the bound crate, and its rustdoc output where the driver
/// could make it.
pub struct DependencyInput {
    pub package: String,
    pub lib: String,
    /// A registry dependency's exact version: `"=1.0.27"`.
    pub version: Option<String>,
    /// A path dependency's folder, relative to the interface file.
    pub path: Option<String>,
    pub krate: Option<rustdoc_types::Crate>,
    /// Why its rustdoc output could not be made, when the crate's API names its
    /// types but `krate` is missing: its types are then not bound.
    pub unread: Option<String>,
}

/// The interface the front end found, and the problems it met on the way.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub interface: Interface,
    pub diagnostics: Vec<Diagnostic>,
    /// Comments extraction writes beside items (why a method has the name it has).
    pub notes: crate::idl::comments::Comments,
}

/// Python's standard-library modules (`sys.stdlib_module_names`, 3.13): a crate
/// whose lib has one of these names is bound as `NAME_rs`, so it never shadows it.
const STDLIB_MODULES: &[&str] = &[
    "__future__",
    "_abc",
    "_ast",
    "_thread",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// The Python module name for a crate's lib name.
pub fn module_name(lib: &str) -> String {
    if STDLIB_MODULES.contains(&lib) {
        format!("{lib}_rs")
    } else {
        lib.to_string()
    }
}

/// The crate read: its surface and the dependencies' views.
struct Analysis<'k> {
    input: &'k Input,
    surface: walk::Surface,
    deps: Deps<'k>,
}

impl<'k> Analysis<'k> {
    fn new(input: &'k Input) -> Analysis<'k> {
        let mut deps = Deps::default();
        for (name, d) in &input.dependencies {
            if let Some(krate) = &d.krate {
                deps.views.insert(name.clone(), DepView::new(krate));
            }
        }
        Analysis {
            input,
            surface: walk::walk(&input.krate),
            deps,
        }
    }

    fn cx(&self) -> TypeCx<'_> {
        TypeCx::new(&self.input.krate, &self.surface, None, &self.deps)
    }

    /// Every path rustdoc documents: items, modules, and the members of the
    /// inherent impls of structs and enums (`Type::member`).
    fn documented_paths(&self) -> std::collections::BTreeSet<String> {
        use rustdoc_types::ItemEnum;
        let index = &self.input.krate.index;
        let mut out: std::collections::BTreeSet<String> =
            self.surface.modules.keys().map(|m| m.join("::")).collect();
        for p in &self.surface.items {
            let path = p.joined();
            let impls = match index.get(&p.id).map(|i| &i.inner) {
                Some(ItemEnum::Struct(s)) => s.impls.as_slice(),
                Some(ItemEnum::Enum(e)) => e.impls.as_slice(),
                _ => &[],
            };
            for imp in impls {
                let Some(ItemEnum::Impl(imp)) = index.get(imp).map(|i| &i.inner) else {
                    continue;
                };
                for member in &imp.items {
                    if let Some(name) = index.get(member).and_then(|i| i.name.as_deref()) {
                        out.insert(format!("{path}::{}", walk::unraw(name)));
                    }
                }
            }
            out.insert(path);
        }
        out
    }

    /// Binds the crate with the dependency types met so far as class
    /// candidates, until a round meets no new one.
    fn bind(&self) -> bind::Bound {
        const MAX_ROUNDS: usize = 64;
        let mut rounds = 0;
        loop {
            rounds += 1;
            let before = self.deps.met.borrow().clone();
            let mut units: Vec<(TypeCx, Vec<PublicItem>)> =
                vec![(self.cx(), self.surface.items.clone())];
            for (lib, view) in &self.deps.views {
                let wanted: Vec<PublicItem> = view
                    .surface
                    .items
                    .iter()
                    .filter(|p| before.contains(&(lib.clone(), p.id)))
                    .cloned()
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                units.push((
                    TypeCx::new(view.krate, &view.surface, Some(lib.as_str()), &self.deps),
                    wanted,
                ));
            }
            let bound = bind::bind(&units);
            let grew = *self.deps.met.borrow() != before;
            if !grew || rounds >= MAX_ROUNDS {
                return bound;
            }
        }
    }
}

/// The first segments of the traits that methods name (`bitflags` of `bitflags::Flags`).
fn trait_crates(items: &[crate::idl::Item]) -> Vec<&str> {
    let mut out = Vec::new();
    for item in items {
        match item {
            crate::idl::Item::Class(c) => {
                let ctor = match &c.constructor {
                    crate::idl::Constructor::Method(m) => Some(m),
                    _ => None,
                };
                for m in c.methods.iter().chain(ctor) {
                    if let Some(t) = &m.trait_ {
                        out.extend(t.split("::").next());
                    }
                }
            }
            crate::idl::Item::Module(m) => out.extend(trait_crates(&m.items)),
            _ => {}
        }
    }
    out
}

/// Reads the crate and writes its interface. Deterministic: same input, same output.
pub fn extract(input: &Input) -> Extraction {
    let analysis = Analysis::new(input);
    let mut bound = analysis.bind();
    let mut diagnostics = Vec::new();
    let documented = analysis.documented_paths();
    for out in cfg_out::scan(&input.sources, &input.root) {
        let path = out.segments.join("::");
        if !documented.contains(&path) {
            bound.skipped.push(crate::idl::Skipped {
                path,
                kind: out.kind.to_string(),
                reason: format!("behind `#[cfg({})]`", out.predicate),
            });
        }
    }
    bound
        .skipped
        .sort_by(|a, b| (&a.path, &a.kind).cmp(&(&b.path, &b.kind)));
    // The generated package names a dependency's trait (`<T as dep::Trait>::m`)
    // as well as its types: it depends on both.
    let mut used: std::collections::BTreeSet<&str> =
        bound.used_deps.iter().map(String::as_str).collect();
    used.extend(trait_crates(&bound.items));
    let dependencies = used
        .into_iter()
        .filter_map(|lib| input.dependencies.get(lib))
        .map(|d| Dependency {
            package: d.package.clone(),
            lib: d.lib.clone(),
            version: d.version.clone(),
            path: d.path.clone(),
        })
        .collect();
    for (lib, d) in &input.dependencies {
        if let Some(why) = &d.unread {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "the API of the dependency `{lib}` could not be read, so its types are not bound"
                ))
                .note(why.clone()),
            );
        }
    }
    let root_doc = analysis.cx().doc_of_id(&input.krate.root);
    int_enums::skip_int_enum_methods(&mut bound.items, &mut bound.skipped);
    let notes = notes::rename_notes(&bound.items);
    Extraction {
        interface: Interface {
            format: FORMAT_VERSION,
            module: module_name(&input.lib),
            krate: CrateRef {
                package: input.package.clone(),
                lib: input.lib.clone(),
                path: input.crate_path.clone(),
                dependencies,
                features: input.features.clone(),
                default_features: input.default_features,
            },
            doc: root_doc,
            items: bound.items,
            skipped: bound.skipped,
        },
        diagnostics,
        notes,
    }
}
