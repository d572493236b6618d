//! Front-end tests: a crate from inline strings in, a compact text form of the
//! interface out.

use super::*;
use crate::diag::Severity;
use crate::idl::{Constructor, Field, Item, Method, Receiver};

fn source(files: &[(&str, &str)]) -> SourceSet {
    SourceSet {
        package: "demo-crate".to_string(),
        lib: "demo_crate".to_string(),
        root: "src/lib.rs".to_string(),
        files: files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
        crate_path: "..".to_string(),
        dependencies: Default::default(),
    }
}

/// One line per item and skipped entry, then one per diagnostic. A class's
/// members follow it, up to `end class NAME`; a module's items likewise.
fn render(ex: &Extraction) -> String {
    let mut out = String::new();
    render_items(&ex.interface.items, &mut out);
    for s in &ex.interface.skipped {
        out.push_str(&format!("skip {} {}: {}\n", s.kind, s.path, s.reason));
    }
    for d in &ex.diagnostics {
        let sev = if d.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let at = d
            .label
            .as_ref()
            .map(|l| format!(" @{}:{:?}", l.file, l.span))
            .unwrap_or_default();
        out.push_str(&format!("{sev}: {}{at}\n", d.message));
    }
    out
}

fn params_text(params: &[crate::idl::Param]) -> Vec<String> {
    params
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect()
}

fn method_text(m: &Method) -> String {
    let mut params = params_text(&m.params);
    let (prefix, this) = match m.receiver {
        Receiver::None => ("static", None),
        Receiver::Ref => ("method", Some("&self")),
        Receiver::RefMut => ("method", Some("&mut self")),
        Receiver::Value => ("method", Some("self")),
    };
    if let Some(this) = this {
        params.insert(0, this.to_string());
    }
    format!(
        "{prefix} {} = {}({}) -> {}",
        m.name,
        m.rust,
        params.join(", "),
        m.ret
    )
}

fn fields_text(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| format!("{} = {}: {}", f.name, f.rust, f.ty))
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_items(items: &[Item], out: &mut String) {
    for item in items {
        let line = match item {
            Item::Const(v) => format!("const {} = {}: {}", v.name, v.path, v.ty),
            Item::Static(v) => format!("static {} = {}: {}", v.name, v.path, v.ty),
            Item::LiveStatic(v) => {
                format!("live {:?} {} = {}: {}", v.cell, v.name, v.path, v.ty)
            }
            Item::Function(f) => format!(
                "fn {} = {}({}) -> {}",
                f.name,
                f.path,
                params_text(&f.params).join(", "),
                f.ret
            ),
            Item::Module(m) => {
                out.push_str(&format!("mod {} = {}\n", m.name, m.path));
                render_items(&m.items, out);
                format!("end mod {}", m.name)
            }
            Item::Class(c) => {
                let ctor = match &c.constructor {
                    Constructor::None => "none".to_string(),
                    Constructor::Fields => "fields".to_string(),
                    Constructor::Default => "default".to_string(),
                    Constructor::Method(m) => method_text(m),
                };
                out.push_str(&format!(
                    "class {} = {} {:?}{} [{}]{} ctor {}\n",
                    c.name,
                    c.path,
                    c.shape,
                    if c.non_exhaustive {
                        " non_exhaustive"
                    } else {
                        ""
                    },
                    c.traits.join(", "),
                    c.iterator_item
                        .as_ref()
                        .map(|t| format!(" item {t}"))
                        .unwrap_or_default(),
                    ctor
                ));
                for f in &c.fields {
                    out.push_str(&format!("field {}\n", fields_text(std::slice::from_ref(f))));
                }
                for v in &c.variants {
                    out.push_str(&format!(
                        "variant {} = {} {:?}{}{}\n",
                        v.name,
                        v.rust,
                        v.shape,
                        v.discriminant
                            .as_ref()
                            .map(|d| format!(" = {d}"))
                            .unwrap_or_default(),
                        if v.fields.is_empty() {
                            String::new()
                        } else {
                            format!(" {{ {} }}", fields_text(&v.fields))
                        }
                    ));
                }
                for m in &c.methods {
                    out.push_str(&method_text(m));
                    out.push('\n');
                }
                for k in &c.consts {
                    out.push_str(&format!("const {} = {}: {}\n", k.name, k.path, k.ty));
                }
                format!("end class {}", c.name)
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
}

/// Compares line by line; a wanted line ending in `...` matches any line with
/// that start (for reasons whose words are the checker's).
#[track_caller]
fn check(files: &[(&str, &str)], want: &str) {
    let got = render(&extract(&source(files)));
    let want: Vec<&str> = want
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines: Vec<&str> = got.lines().collect();
    let same = lines.len() == want.len()
        && lines
            .iter()
            .zip(&want)
            .all(|(g, w)| match w.strip_suffix("...") {
                Some(prefix) => g.starts_with(prefix),
                None => g == w,
            });
    assert!(
        same,
        "\n--- got ---\n{got}--- want ---\n{}\n",
        want.join("\n")
    );
}

#[track_caller]
fn check_lib(lib: &str, want: &str) {
    check(&[("src/lib.rs", lib)], want);
}

/// The item of this Python name, at any depth of submodules.
fn find<'a>(items: &'a [Item], name: &str) -> Option<&'a Item> {
    items.iter().find_map(|i| match i {
        _ if i.name() == name => Some(i),
        Item::Module(m) => find(&m.items, name),
        _ => None,
    })
}

fn doc_of(ex: &Extraction, name: &str) -> String {
    match find(&ex.interface.items, name) {
        Some(Item::Function(f)) => f.doc.clone(),
        Some(Item::Const(v) | Item::Static(v)) => v.doc.clone(),
        Some(Item::LiveStatic(v)) => v.doc.clone(),
        Some(Item::Class(c)) => c.doc.clone(),
        Some(Item::Module(m)) => m.doc.clone(),
        None => panic!("no item {name}"),
    }
}

fn class_of<'a>(ex: &'a Extraction, name: &str) -> &'a crate::idl::Class {
    match find(&ex.interface.items, name) {
        Some(Item::Class(c)) => c,
        _ => panic!("no class {name}"),
    }
}

#[test]
fn functions_consts_statics_in_source_order() {
    check_lib(
        r#"
        pub fn add(a: i32, b: i32) -> i32 { a + b }
        pub const LIMIT: u32 = 10;
        fn private() {}
        pub(crate) fn crate_only() {}
        pub static NAME: &str = "demo";
        pub fn greet(name: &str, loud: Option<bool>) -> String { String::new() }
        pub fn nothing() {}
        "#,
        "
        const LIMIT = LIMIT: u32
        static NAME = NAME: &str
        fn add = add(a: i32, b: i32) -> i32
        fn greet = greet(name: &str, loud: Option<bool>) -> String
        fn nothing = nothing() -> ()
        ",
    );
}

#[test]
fn interface_header_and_docs() {
    let ex = extract(&source(&[(
        "src/lib.rs",
        "//! The demo crate.\n//!\n//! Second paragraph.\n#![doc = \"More.\"]\n\n\
         /// Adds.\n///\n/// ```\n/// assert_eq!(add(1, 2), 3);\n/// ```\n#[doc = \" Attr line.\"]\npub fn add(a: i32, b: i32) -> i32 { a + b }\n\
         /** Block doc. */\npub const C: u8 = 1;\n",
    )]));
    let i = &ex.interface;
    assert_eq!(i.format, crate::idl::FORMAT_VERSION);
    assert_eq!(i.module, "demo_crate");
    assert_eq!(i.krate.package, "demo-crate");
    assert_eq!(i.krate.lib, "demo_crate");
    assert_eq!(i.krate.path, "..");
    assert_eq!(i.doc, "The demo crate.\n\nSecond paragraph.\nMore.");
    assert_eq!(
        doc_of(&ex, "add"),
        "Adds.\n\n```\nassert_eq!(add(1, 2), 3);\n```\nAttr line."
    );
    assert_eq!(doc_of(&ex, "C"), "Block doc.");
}

#[test]
fn module_files_and_paths() {
    check(
        &[
            ("src/lib.rs", "mod a; mod b; #[path = \"other/c_impl.rs\"] mod c; mod inline { pub mod deep; }\npub use a::fa; pub use b::{fb, nested::fn_nested}; pub use c::fc; pub use inline::deep::fd;"),
            ("src/a.rs", "pub fn fa() {}"),
            ("src/b/mod.rs", "pub fn fb() {} pub mod nested;"),
            ("src/b/nested.rs", "pub fn fn_nested() {}"),
            ("src/other/c_impl.rs", "pub fn fc() {} mod sibling;"),
            ("src/other/sibling.rs", "pub fn in_sibling() {}"),
            ("src/inline/deep.rs", "pub fn fd() {}"),
        ],
        "
        fn fa = fa() -> ()
        fn fb = fb() -> ()
        fn fn_nested = fn_nested() -> ()
        fn fc = fc() -> ()
        fn fd = fd() -> ()
        ",
    );
}

#[test]
fn non_mod_rs_children_live_in_a_folder() {
    check(
        &[
            ("src/lib.rs", "mod x; pub use x::{fx, y::fy, z::fz};"),
            (
                "src/x.rs",
                "pub fn fx() {} pub mod y; pub mod z { #[path = \"zz.rs\"] pub mod inner; pub use self::inner::fz; }",
            ),
            ("src/x/y.rs", "pub fn fy() {}"),
            ("src/x/z/zz.rs", "pub fn fz() {}"),
        ],
        "
        fn fx = fx() -> ()
        fn fy = fy() -> ()
        fn fz = fz() -> ()
        ",
    );
}

#[test]
fn missing_module_file_and_parse_error() {
    check(
        &[
            (
                "src/lib.rs",
                "pub mod gone;\nmod broken;\nmod unbalanced;\npub fn ok() {}",
            ),
            ("src/broken.rs", "pub fn f(x) {}"),
            ("src/unbalanced.rs", "pub fn f( {}"),
        ],
        "
        fn ok = ok() -> ()
        warning: file not found for module `gone`; its items are left out @src/lib.rs:0..13
        error: cannot parse `src/broken.rs`: expected `:` @src/broken.rs:10..11
        error: cannot parse `src/unbalanced.rs`: cannot parse string into token stream @src/unbalanced.rs:8..8
        ",
    );
    // The root itself missing is an error, not a panic.
    let ex = extract(&source(&[("src/main.rs", "fn main() {}")]));
    assert!(ex.interface.items.is_empty());
    assert_eq!(ex.diagnostics.len(), 1);
    assert!(ex.diagnostics[0].is_error());
}

#[test]
fn module_cycle_through_path_is_cut() {
    check(
        &[("src/lib.rs", "#[path = \"lib.rs\"] mod again;\npub fn f() {}")],
        "
        fn f = f() -> ()
        warning: module `again` loads `src/lib.rs`, which is already being read; it is left out @src/lib.rs:19..29
        ",
    );
}

#[test]
fn reexports_and_visibility() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                mod imp;
                pub mod api;
                pub use imp::helper;
                pub use imp::helper as helper_again;
                pub use imp::renamed as nicer;
                pub use self::imp::globbed::*;
                pub use crate::imp::chain;
                pub(crate) use imp::crate_only;
                "#,
            ),
            (
                "src/imp.rs",
                r#"
                pub fn helper() {}
                pub fn renamed() {}
                pub fn crate_only() {}
                pub mod globbed { pub fn g1() {} pub(crate) fn g2() {} fn g3() {} }
                mod deeper { pub fn chained() {} }
                pub use self::deeper::chained as chain;
                pub(super) fn sup() {}
                "#,
            ),
            (
                "src/api.rs",
                "pub fn area() -> f64 { 0.0 } pub use crate::imp::globbed::g1;",
            ),
        ],
        "
        fn helper = helper() -> ()
        fn nicer = nicer() -> ()
        fn g1 = g1() -> ()
        fn chain = chain() -> ()
        mod api = api
        fn area = api::area() -> f64
        end mod api
        ",
    );
}

#[test]
fn a_visible_path_wins_over_a_hidden_one() {
    check_lib(
        "mod a { pub fn f() {} }\n#[doc(hidden)] pub use a::f;\npub mod b { pub use crate::a::f as g; }",
        "
        mod b = b
        fn g = b::g() -> ()
        end mod b
        ",
    );
}

#[test]
fn glob_and_named_reexport_once() {
    check_lib(
        "mod inner { pub fn f() {} pub fn g() {} }\npub use inner::*;\npub use inner::f;\npub mod outer { pub use super::inner::g; }",
        "
        fn f = f() -> ()
        fn g = g() -> ()
        ",
    );
}

#[test]
fn python_keywords_and_raw_identifiers() {
    check_lib(
        r#"
        pub fn not(x: bool) -> bool { !x }
        pub fn r#try(lambda: i32, r#in: i32, (a, b): (i32, i32), _: u8, r#async: u8) {}
        mod m { pub fn r#yield() {} }
        pub use m::r#yield as r#pass;
        pub const None: u8 = 0;
        "#,
        "
        const None_ = None: u8
        fn not_ = not(x: bool) -> bool
        fn try_ = try(lambda_: i32, in_: i32, arg2: (i32, i32), arg3: u8, async_: u8) -> ()
        fn pass_ = pass() -> ()
        ",
    );
}

#[test]
fn cfg_handling() {
    check_lib(
        r#"
        #[cfg(test)] pub fn only_tests() {}
        #[cfg(test)] mod tests { pub fn t() {} }
        #[cfg(feature = "serde")] pub fn with_serde() {}
        #[cfg(windows)] pub fn on_windows() {}
        #[cfg(unix)] pub fn on_unix() {}
        #[cfg(target_os = "linux")] pub fn on_linux() {}
        #[cfg(target_os = "macos")] pub fn on_mac() {}
        #[cfg(not(windows))] pub fn not_windows() {}
        #[cfg(all(unix, not(test)))] pub fn all_unix() {}
        #[cfg(any(windows, debug_assertions))] pub fn any_off() {}
        #[cfg(some_unknown)] pub fn unknown() {}
        #[cfg(windows)] pub fn dual() -> u8 { 1 }
        #[cfg(not(windows))] pub fn dual() -> u8 { 2 }
        #[cfg(feature = "x")] pub mod feat;
        #[cfg(test)] fn private_test() {}
        #[cfg_attr(test, cfg(test))] pub fn cfg_attr_off() {}
        #[cfg_attr(unix, cfg(windows))] pub fn cfg_attr_on() {}
        "#,
        r#"
        fn on_unix = on_unix() -> ()
        fn on_linux = on_linux() -> ()
        fn not_windows = not_windows() -> ()
        fn all_unix = all_unix() -> ()
        fn dual = dual() -> u8
        fn cfg_attr_off = cfg_attr_off() -> ()
        skip fn any_off: behind `#[cfg(any(windows, debug_assertions))]`
        skip fn cfg_attr_on: behind `#[cfg(windows)]`
        skip mod feat: behind `#[cfg(feature = "x")]`
        skip fn on_mac: behind `#[cfg(target_os = "macos")]`
        skip fn on_windows: behind `#[cfg(windows)]`
        skip fn only_tests: behind `#[cfg(test)]`
        skip fn unknown: behind `#[cfg(some_unknown)]`
        skip fn with_serde: behind `#[cfg(feature = "serde")]`
        "#,
    );
}

#[test]
fn skipped_functions() {
    check_lib(
        r#"
        pub unsafe fn danger() {}
        pub async fn later() {}
        pub fn largest<T: PartialOrd>(xs: &[T]) -> &T { &xs[0] }
        pub fn sized<const N: usize>() {}
        pub fn with_lifetime<'a>(s: &'a str) -> &'a str { s }
        pub fn callback(f: impl Fn(i32) -> i32) {}
        pub extern "C" fn c_abi(x: i32) -> i32 { x }
        pub fn vector(v: Rc<u8>) {}
        pub fn returns_vec() -> Rc<u8> { vec![] }
        pub fn mac() -> my_type!() { todo!() }
        pub fn qualified(x: <u8 as Tr>::Out) {}
        pub fn infer() -> [u8; 2] { [0; 2] }
        #[doc(hidden)] pub fn hidden() {}
        extern "C" { pub fn foreign(x: i32); pub static FOREIGN_VAL: i32; }
        "#,
        "
        fn with_lifetime = with_lifetime(s: &'a str) -> &'a str
        fn c_abi = c_abi(x: i32) -> i32
        fn infer = infer() -> [u8; 2]
        skip static FOREIGN_VAL: foreign items (of an `extern` block) are not bound
        skip fn callback: parameter `f`: `impl Trait` parameters (`impl Fn(i32) -> i32`) make the function generic; they are not bound yet
        skip fn danger: unsafe functions cannot be called safely from Python
        skip fn foreign: foreign items (of an `extern` block) are not bound
        skip fn hidden: hidden with `#[doc(hidden)]`
        skip fn largest: generic functions need instantiations listed in the interface file
        skip fn later: async functions are not bound
        skip fn mac: return type: the type `my_type!()` is made by a macro
        skip fn qualified: parameter `x`: the qualified path type `<u8 as Tr>::Out` is not supported
        skip fn returns_vec: return type: `Rc<u8>`...
        skip fn sized: generic functions need instantiations listed in the interface file
        skip fn vector: parameter `v`: `Rc<u8>`...
        ",
    );
}

#[test]
fn type_aliases_and_std_paths() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                use std::io;
                use std::fmt;
                use std::error::Error;
                use std::path::{Path, PathBuf};
                use std::borrow::Cow;
                mod types;
                pub use types::Res;
                pub fn a() -> io::Result<u8> { todo!() }
                pub fn b() -> std::io::Result<()> { todo!() }
                pub fn c() -> fmt::Result { todo!() }
                pub fn d() -> Result<String, Box<dyn Error + Send + Sync>> { todo!() }
                pub fn e(p: &Path) -> PathBuf { todo!() }
                pub fn f(s: Cow<'static, str>) -> std::string::String { todo!() }
                pub fn g(d: core::time::Duration) -> std::time::SystemTime { todo!() }
                pub fn h() -> Res<u8> { todo!() }
                pub fn i() -> types::Pair { todo!() }
                pub fn j(x: types::Num) -> types::Maybe<types::Num> { todo!() }
                pub fn k(s: types::Text<'static>) -> Result<u8, std::num::ParseIntError> { todo!() }
                pub fn l() -> types::DefaultErr { todo!() }
                pub fn m() -> ::std::option::Option<::core::primitive::u8> { todo!() }
                "#,
            ),
            (
                "src/types.rs",
                r#"
                use std::io::{Error as IoError};
                pub type Res<T> = Result<T, IoError>;
                pub(crate) type Pair = (Num, Num);
                pub type Num = i64;
                pub type Maybe<T> = Option<T>;
                pub type Text<'a> = std::borrow::Cow<'a, str>;
                pub type DefaultErr<T = u16, E = String> = Result<T, E>;
                "#,
            ),
        ],
        "
        fn a = a() -> Result<u8, std::io::Error>
        fn b = b() -> Result<(), std::io::Error>
        fn c = c() -> Result<(), std::fmt::Error>
        fn d = d() -> Result<String, Box<dyn std::error::Error + Send + Sync>>
        fn e = e(p: &Path) -> PathBuf
        fn f = f(s: Cow<'static, str>) -> String
        fn g = g(d: Duration) -> SystemTime
        fn h = h() -> Result<u8, std::io::Error>
        fn i = i() -> (i64, i64)
        fn j = j(x: i64) -> Option<i64>
        fn k = k(s: Cow<'static, str>) -> Result<u8, std::num::ParseIntError>
        fn l = l() -> Result<u16, String>
        fn m = m() -> Option<u8>
        ",
    );
}

#[test]
fn alias_cycles_do_not_hang() {
    check_lib(
        "pub type A = B; pub type B = A; pub fn f() -> A { todo!() }",
        "skip fn f: return type: the type alias `A` expands into itself",
    );
    let mut doubling = String::from("pub type A0 = u8;\n");
    for i in 1..30 {
        doubling.push_str(&format!("pub type A{i} = (A{p}, A{p});\n", p = i - 1));
    }
    doubling.push_str("pub fn f(x: A29) {}");
    check_lib(
        &doubling,
        "skip fn f: parameter `x`: the type is too large once its aliases are expanded",
    );
    let mut chain = String::from("pub type A0 = u8;\n");
    for i in 1..40 {
        chain.push_str(&format!("pub type A{i} = A{p};\n", p = i - 1));
    }
    chain.push_str("pub fn f(x: A39) {}");
    check_lib(
        &chain,
        "skip fn f: parameter `x`: the type alias `A7` expands into too many other aliases",
    );
}

#[test]
fn std_glob_imports() {
    check_lib(
        "use std::time::*; use std::io::*; pub fn f(d: Duration) -> Result<()> { todo!() }",
        "fn f = f(d: Duration) -> Result<(), std::io::Error>",
    );
}

#[test]
fn error_types_are_classes() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                use std::fmt;
                mod errors;
                pub use errors::ParseError;
                /// Not an error type of any bound function.
                pub struct Unused;
                pub fn parse(s: &str) -> Result<u8, ParseError> { todo!() }
                pub fn parse_again(s: &str) -> Result<i8, errors::ParseError> { todo!() }
                pub fn limited() -> Result<u8, LimitError> { todo!() }
                pub fn no_display() -> Result<u8, NoDisplay> { todo!() }
                pub fn generic_err() -> Result<u8, GenericError<u8>> { todo!() }
                pub fn private_err() -> Result<u8, errors::Hidden> { todo!() }
                pub fn derived() -> Result<u8, Derived> { todo!() }
                pub fn unsupported_ok() -> Result<Rc<u8>, NeverBound> { todo!() }
                pub struct NoDisplay;
                pub struct GenericError<T>(T);
                impl<T> fmt::Display for GenericError<T> { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }
                pub mod limits { pub use crate::LimitError; }
                /// Limit reached.
                #[derive(Debug)]
                pub enum LimitError { Over }
                impl<'a> std::fmt::Display for LimitError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) } }
                #[derive(Debug, thiserror::Error)]
                #[error("derived")]
                pub struct Derived;
                pub struct NeverBound;
                impl fmt::Display for NeverBound { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }
                "#,
            ),
            (
                "src/errors.rs",
                r#"
                use std::fmt::Display;
                /// Bad input.
                #[derive(Debug)]
                pub struct ParseError { pub at: usize }
                impl Display for ParseError { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }
                pub(crate) struct Hidden;
                "#,
            ),
        ],
        "
        class ParseError = ParseError Struct [Debug, Display] ctor fields
        field at = at: usize
        end class ParseError
        class Unused = Unused Unit [] ctor fields
        end class Unused
        class NoDisplay = NoDisplay Unit [] ctor fields
        end class NoDisplay
        class LimitError = LimitError Enum [Debug, Display] ctor none
        variant Over = Over Unit
        end class LimitError
        class Derived = Derived Unit [Debug, Display] ctor fields
        end class Derived
        class NeverBound = NeverBound Unit [Display] ctor fields
        end class NeverBound
        fn parse = parse(s: &str) -> Result<u8, ParseError>
        fn parse_again = parse_again(s: &str) -> Result<i8, ParseError>
        fn limited = limited() -> Result<u8, LimitError>
        fn derived = derived() -> Result<u8, Derived>
        skip struct GenericError: generic types need instantiations listed in the interface file
        skip fn generic_err: return type: the error type `GenericError<u8>`...
        skip fn no_display: return type: the error type `NoDisplay` does not implement `Display`
        skip fn private_err: return type: uses the private type `errors::Hidden`
        skip fn unsupported_ok: return type: `Rc<u8>`...
        ",
    );
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// Bad.\n///\n/// Really.\npub struct E;\nimpl std::fmt::Display for E { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }\npub fn f() -> Result<(), E> { Ok(()) }",
    )]));
    assert_eq!(doc_of(&ex, "E"), "Bad.\n\nReally.");
}

#[test]
fn error_type_only_in_a_submodule() {
    check(
        &[
            ("src/lib.rs", "pub mod errors; pub fn f() -> Result<(), errors::LimitError> { Ok(()) }"),
            (
                "src/errors.rs",
                "#[derive(Debug)] pub struct LimitError; impl core::fmt::Display for LimitError { fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result { Ok(()) } }",
            ),
        ],
        "
        fn f = f() -> Result<(), errors::LimitError>
        mod errors = errors
        class LimitError = errors::LimitError Unit [Debug, Display] ctor fields
        end class LimitError
        end mod errors
        ",
    );
}

#[test]
fn statics() {
    check_lib(
        r#"
        use std::sync::atomic::AtomicUsize;
        use std::sync::Mutex;
        pub static mut COUNTER: u32 = 0;
        pub static HITS: AtomicUsize = AtomicUsize::new(0);
        pub static LOCK: Mutex<u8> = Mutex::new(0);
        pub static LEVEL: std::sync::RwLock<u8> = std::sync::RwLock::new(0);
        pub static PLAIN: f64 = 1.5;
        pub const VEC: Rc<u8> = Vec::new();
        pub const TEXT: &'static str = "x";
        "#,
        "
        live Atomic HITS = HITS: usize
        live Mutex LOCK = LOCK: u8
        live RwLock LEVEL = LEVEL: u8
        static PLAIN = PLAIN: f64
        const TEXT = TEXT: &'static str
        skip static COUNTER: mutable statics cannot be read safely
        skip const VEC: `Rc<u8>`...
        ",
    );
}

#[test]
fn other_items_are_listed() {
    check_lib(
        r#"
        pub struct Point { pub x: f64 }
        pub enum Color { Red }
        pub union Bits { i: u32, f: f32 }
        pub trait Shape {}
        pub type Alias = u8;
        #[macro_export] macro_rules! my_macro { () => {} }
        macro_rules! local_macro { () => {} }
        pub use std::collections::HashMap;
        pub use Color::Red;
        #[doc(hidden)] pub struct Secret;
        #[doc(hidden)] pub mod internals { pub fn f() {} }
        mod private { pub struct NotReachable; }
        "#,
        "
        class Point = Point Struct [] ctor fields
        field x = x: f64
        end class Point
        class Color = Color Enum [] ctor none
        variant Red = Red Unit
        end class Color
        skip union Bits: unions are not bound
        skip use HashMap: re-exports `std::collections::HashMap` of another crate
        skip struct Secret: hidden with `#[doc(hidden)]`
        skip trait Shape: traits are bound from the callbacks issue on
        skip fn internals::f: hidden with `#[doc(hidden)]`
        skip macro my_macro: macros cannot be bound
        ",
    );
}

#[test]
fn private_types_in_signatures() {
    check_lib(
        "struct Hidden; pub struct Shown; pub struct Gen<T>(T); pub fn f(h: &Hidden) {} pub fn g() -> Shown { Shown } pub fn h(x: Gen<u8>) {}",
        "
        class Shown = Shown Unit [] ctor fields
        end class Shown
        fn g = g() -> Shown
        skip struct Gen: generic types need instantiations listed in the interface file
        skip fn f: parameter `h`: uses the private type `Hidden`
        skip fn h: parameter `x`: `Gen<u8>` is not a type rsbind can bind
        ",
    );
}

#[test]
fn unresolved_reexport_is_listed() {
    check_lib(
        "mod a {} pub use a::made_by_macro;",
        "skip use made_by_macro: the re-exported path `a::made_by_macro` is not found in the crate (items made by macros are not seen)",
    );
}

#[test]
fn deterministic() {
    let files = [
        (
            "src/lib.rs",
            "mod a; pub use a::*; pub fn z() {} pub struct S;",
        ),
        ("src/a.rs", "pub fn y() {} pub fn x() {} pub enum E { A }"),
    ];
    let first = render(&extract(&source(&files)));
    for _ in 0..3 {
        assert_eq!(render(&extract(&source(&files))), first);
    }
}

#[test]
fn does_not_panic_on_odd_input() {
    let odd = [
        "pub fn f(self) {}",
        "pub fn f(...) {}",
        "pub fn f() -> impl Iterator<Item = u8> { 0..1 }",
        "pub fn f(x: dyn Fn()) {}",
        "pub fn f(x: &mut dyn FnMut(u8) -> u8) {}",
        "pub fn f(x: fn(u8) -> u8, y: unsafe extern \"C\" fn()) {}",
        "pub fn f(x: *const u8, y: !) {}",
        "pub fn f<'a>(x: for<'b> fn(&'b u8)) {}",
        "pub use self::*; pub use crate::*;",
        "use a::*; use b::*; pub mod a { pub use super::b::*; } pub mod b { pub use super::a::*; }",
        "pub use super::x;",
        "pub fn f(x: Self) {}",
        "pub fn f(x: crate) {}",
        "pub fn f(x: [u8; N + 1]) {}",
        "pub fn f(x: Foo<3>) {}",
        "pub fn f(x: Box<dyn Iterator<Item: Copy>>) {}",
        "pub fn f(x: Vec::<u8>::Item) {}",
        "pub extern crate std as my_std; pub use my_std::fmt;",
        "pub mod m { pub(in crate::m) fn f() {} pub(in nowhere) fn g() {} }",
        "pub type T<const N: usize> = [u8; N]; pub fn f(x: T<3>) {}",
        "pub type T<U> = U; pub fn f(x: T<u8, u16>) {}",
        "pub type T<U> = U; pub fn f(x: T) {}",
        "\u{feff}#!/usr/bin/env rust\npub fn f() {}",
        "pub struct S; impl S { pub fn f(self: std::rc::Rc<Self>) {} pub fn g(self: &&Self) {} }",
        "pub struct S; impl Self { pub fn f() {} } impl crate { } impl [u8] { } impl<T> Clone for T {}",
        "pub struct S; impl S { pub fn f(&self) -> Self::Out { todo!() } pub const C: Self::X = 0; }",
        "pub struct S; impl Iterator for S { fn next(&mut self) -> Option<u8> { None } }",
        "pub struct S; impl Iterator for S { type Item<'a> = u8; fn next(&mut self) -> Option<u8> { None } }",
        "pub struct S; impl PartialEq<Self, Self> for S {} impl Hash<3> for S {} impl Fn() for S {}",
        "pub enum E { A = m!(), B = { 1 + 2 }, C(Self), D { x: Box<E> } }",
        "pub struct S(Self); pub struct T { pub t: T }",
        "pub struct S; impl S { pub fn new(self) -> Self { self } } impl !Send for S {}",
        "pub mod a { pub use super::b as c; } pub mod b { pub use super::a as d; pub struct S; }",
        "pub struct S; fn f() { fn g() { impl Clone for S { fn clone(&self) -> S { S } } } }",
        "pub static X: std::sync::Mutex = todo!(); pub static Y: std::sync::RwLock<u8, u8> = todo!(); pub static Z: std::sync::atomic::AtomicBool<u8> = todo!();",
        "pub union U { a: u8 } impl U { pub fn f(&self) {} }",
        "pub struct S<'a, T>(&'a T); impl<'a, T> S<'a, T> { pub fn f(&self) {} }",
    ];
    for src in odd {
        let _ = extract(&source(&[("src/lib.rs", src)]));
    }
}

#[test]
fn generic_alias_arguments() {
    check_lib(
        "pub type T<U> = U; pub type L<'a> = &'a str; pub fn f(x: T<u8, u16>) {} pub fn g(x: T) {} pub fn h(x: L<'static>, y: L) {}",
        "
        fn h = h(x: &'static str, y: &str) -> ()
        skip fn f: parameter `x`: `T` is given 2 type arguments but takes 1
        skip fn g: parameter `x`: `T` is missing type arguments
        ",
    );
}

#[test]
fn use_order_does_not_matter() {
    check(
        &[
            ("src/lib.rs", "pub use b::f; mod b { pub use super::c::f; } mod c { pub use crate::d::g as f; } mod d { pub fn g() -> Num { 0 } use crate::e::Num; } mod e { pub type Num = u64; }"),
        ],
        "fn f = f() -> u64",
    );
}

#[test]
fn module_reexports_and_restricted_visibility() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                extern crate self as me;
                mod imp { pub fn f() {} pub(super) fn sup() {} pub(in crate::imp) fn inside() {} }
                pub use imp as api;
                pub use me::imp::f as via_self;
                #[doc(hidden)] pub use imp::f as hidden_alias;
                mod gated;
                "#,
            ),
            (
                "src/gated.rs",
                "#![cfg(feature = \"never\")]\npub fn g() {}",
            ),
        ],
        "
        fn via_self = via_self() -> ()
        ",
    );
}

#[test]
fn display_impl_found_through_glob_imports() {
    check(
        &[
            ("src/lib.rs", "mod err; mod fmt_impls; pub use err::Oops; pub fn f() -> Result<(), Oops> { Ok(()) }"),
            ("src/err.rs", "#[derive(Debug)] pub struct Oops;"),
            (
                "src/fmt_impls.rs",
                "use super::err::*; use std::fmt::*; impl Display for Oops { fn fmt(&self, f: &mut Formatter) -> Result { Ok(()) } }",
            ),
        ],
        "
        class Oops = Oops Unit [Debug, Display] ctor fields
        end class Oops
        fn f = f() -> Result<(), Oops>
        ",
    );
}

#[test]
fn mutable_and_pattern_params() {
    check_lib(
        "pub fn f(mut count: u32, ref name: String, _unused: bool, _: i8) {}",
        "fn f = f(count: u32, name: String, _unused: bool, arg3: i8) -> ()",
    );
}

#[test]
fn single_segment_use_of_a_name_in_scope() {
    check_lib(
        "mod format { pub fn kind() {} }\npub use format::kind;\npub use kind as default_kind;\nmod x { pub fn y() {} }\nuse x::y;\npub use y as z;",
        "
        fn kind = kind() -> ()
        fn z = z() -> ()
        ",
    );
}

#[test]
fn structs_fields_and_shapes() {
    check_lib(
        r#"
        /// A point.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Point {
            /// Across.
            pub x: f64,
            pub y: f64,
        }
        /// Some fields are private.
        pub struct Account { pub owner: String, balance: i64, pub(crate) id: u32 }
        pub struct Celsius(pub f64);
        pub struct Pair(pub i32, String, pub u8);
        #[derive(Default)]
        pub struct Marker;
        pub struct Bad { pub ok: u8, pub list: Rc<u8>, pub r#in: bool, #[doc(hidden)] pub secret: u8 }
        #[derive(Default)]
        pub struct Opaque { pub v: Rc<u8> }
        #[non_exhaustive]
        pub struct Config { pub level: u8 }
        pub struct Node { pub next: Option<Box<Self>>, pub value: i32 }
        "#,
        "
        class Point = Point Struct [Clone, Debug, PartialEq] ctor fields
        field x = x: f64
        field y = y: f64
        end class Point
        class Account = Account Struct [] ctor none
        field owner = owner: String
        end class Account
        class Celsius = Celsius Tuple [] ctor fields
        field _0 = 0: f64
        end class Celsius
        class Pair = Pair Tuple [] ctor none
        field _0 = 0: i32
        field _2 = 2: u8
        end class Pair
        class Marker = Marker Unit [Default] ctor fields
        end class Marker
        class Bad = Bad Struct [] ctor none
        field ok = ok: u8
        field in_ = in: bool
        end class Bad
        class Opaque = Opaque Struct [Default] ctor default
        end class Opaque
        class Config = Config Struct non_exhaustive [] ctor none
        field level = level: u8
        end class Config
        class Node = Node Struct [] ctor none
        field value = value: i32
        end class Node
        skip field Bad.list: `Rc<u8>`...
        skip field Bad.secret: hidden with `#[doc(hidden)]`
        skip field Node.next: `Box<Node>`...
        skip field Opaque.v: `Rc<u8>`...
        ",
    );
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// A point.\npub struct Point {\n    /// Across.\n    pub x: f64,\n}",
    )]));
    let c = class_of(&ex, "Point");
    assert_eq!(c.doc, "A point.");
    assert_eq!(c.fields[0].doc, "Across.");
}

#[test]
fn methods_in_several_impls_and_files() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                mod shapes { pub struct Circle { pub r: f64 } }
                pub use shapes::Circle;
                /// A counter.
                pub struct Counter { count: u64 }
                impl Counter {
                    /// Makes one.
                    pub fn new(start: u64) -> Self { Counter { count: start } }
                    pub fn get(&self) -> u64 { self.count }
                    pub fn bump(&mut self, by: Option<u64>) {}
                    pub fn into_count(self) -> u64 { self.count }
                    pub fn consume(mut self) -> Self { self }
                    pub fn boxed(self: Box<Self>) {}
                    pub fn explicit(self: &Self) -> &Self { self }
                    pub fn explicit_mut(self: &mut Counter) {}
                    pub fn same(&self, other: &Counter) -> bool { true }
                    pub fn generic<T>(&self, t: T) {}
                    pub unsafe fn raw(&self) {}
                    pub async fn later(&self) {}
                    pub fn list(&self) -> Rc<u64> { vec![] }
                    fn private(&self) {}
                    pub(crate) fn crate_only(&self) {}
                    #[doc(hidden)] pub fn hidden(&self) {}
                    pub fn r#in(&self) {}
                    pub fn maybe() -> Option<Self> { None }
                }
                impl Circle {
                    pub fn area(&self) -> f64 { 0.0 }
                }
                mod more;
                "#,
            ),
            (
                "src/more.rs",
                r#"
                use crate::Counter as C;
                impl C {
                    pub fn reset(&mut self) {}
                    pub const START: u64 = 0;
                    pub const ZERO: Self = C { count: 0 };
                    pub const ITEMS: Rc<u8> = Vec::new();
                    pub const get: u8 = 1;
                }
                impl super::shapes::Circle {
                    pub fn unit() -> Result<Self, String> { todo!() }
                }
                "#,
            ),
        ],
        "
        class Circle = Circle Struct [] ctor fields
        field r = r: f64
        method area = area(&self) -> f64
        static unit = unit() -> Result<Circle, String>
        end class Circle
        class Counter = Counter Struct [] ctor static new = new(start: u64) -> Counter
        method get = get(&self) -> u64
        method bump = bump(&mut self, by: Option<u64>) -> ()
        method into_count = into_count(self) -> u64
        method consume = consume(self) -> Counter
        method explicit_mut = explicit_mut(&mut self) -> ()
        method same = same(&self, other: &Counter) -> bool
        method in_ = in(&self) -> ()
        static maybe = maybe() -> Option<Counter>
        method reset = reset(&mut self) -> ()
        const START = Counter::START: u64
        end class Counter
        skip const Counter::ITEMS: `Rc<u8>`...
        skip const Counter::ZERO: `Counter` is not Clone...
        skip method Counter::boxed: the receiver `self: Box<Self>` is not supported; methods take `self`, `&self` or `&mut self`
        skip method Counter::explicit: return type: `&Counter`: the reference cannot outlive the call, and `Counter` is not Clone...
        skip method Counter::generic: generic functions need instantiations listed in the interface file
        skip const Counter::get: its Python name `get` is already used by another member of `Counter`
        skip method Counter::hidden: hidden with `#[doc(hidden)]`
        skip method Counter::later: async functions are not bound
        skip method Counter::list: return type: `Rc<u64>`...
        skip method Counter::raw: unsafe functions cannot be called safely from Python
        ",
    );
}

#[test]
fn constructors() {
    check_lib(
        r#"
        #[derive(Debug)]
        pub struct E;
        impl std::fmt::Display for E { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }
        pub struct ByNew { pub a: u8 }
        impl ByNew { pub fn new(a: u8) -> ByNew { ByNew { a } } }
        pub struct Fallible { v: u8 }
        impl Fallible { pub fn new(v: u8) -> Result<Self, E> { todo!() } }
        pub struct NotSelf { pub a: u8 }
        impl NotSelf { pub fn new() -> Option<Self> { None } }
        pub struct AllPub { pub a: u8, pub b: String }
        pub struct SomePrivate { pub a: u8, b: u8 }
        impl Default for SomePrivate { fn default() -> Self { todo!() } }
        pub struct Nothing { a: u8 }
        pub struct MethodNew { pub a: u8 }
        impl MethodNew { pub fn new(&self) -> Self { todo!() } }
        #[derive(Default)]
        pub enum Mode { #[default] A, B }
        "#,
        "
        class E = E Unit [Debug, Display] ctor fields
        end class E
        class ByNew = ByNew Struct [] ctor static new = new(a: u8) -> ByNew
        field a = a: u8
        end class ByNew
        class Fallible = Fallible Struct [] ctor static new = new(v: u8) -> Result<Fallible, E>
        end class Fallible
        class NotSelf = NotSelf Struct [] ctor fields
        field a = a: u8
        static new = new() -> Option<NotSelf>
        end class NotSelf
        class AllPub = AllPub Struct [] ctor fields
        field a = a: u8
        field b = b: String
        end class AllPub
        class SomePrivate = SomePrivate Struct [Default] ctor default
        field a = a: u8
        end class SomePrivate
        class Nothing = Nothing Struct [] ctor none
        end class Nothing
        class MethodNew = MethodNew Struct [] ctor fields
        field a = a: u8
        method new = new(&self) -> MethodNew
        end class MethodNew
        class Mode = Mode Enum [Default] ctor none
        variant A = A Unit
        variant B = B Unit
        end class Mode
        ",
    );
}

#[test]
fn traits_derived_and_written_by_hand_anywhere() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                mod impls;
                mod display;
                pub mod geo;
                #[derive(Clone, Copy, std::fmt::Debug, core::hash::Hash, serde::Serialize)]
                pub struct Id(pub u32);
                pub struct Name { pub text: String }
                pub struct Other;
                pub struct Local;
                pub struct Hidden;
                const _: () = {
                    impl Clone for Hidden { fn clone(&self) -> Self { Hidden } }
                };
                fn helper() {
                    impl Default for Local { fn default() -> Self { Local } }
                }
                "#,
            ),
            (
                "src/impls.rs",
                r#"
                use std::cmp::Ordering;
                use std::hash::{Hash, Hasher};
                use crate::Name as N;
                use crate::geo;
                impl PartialEq for N { fn eq(&self, o: &Self) -> bool { true } }
                impl Eq for N {}
                impl PartialOrd<N> for N { fn partial_cmp(&self, o: &N) -> Option<Ordering> { None } }
                impl Ord for crate::Name { fn cmp(&self, o: &Self) -> Ordering { Ordering::Equal } }
                impl Hash for super::Name { fn hash<H: Hasher>(&self, h: &mut H) {} }
                impl PartialEq<crate::Other> for N { fn eq(&self, o: &crate::Other) -> bool { true } }
                impl PartialEq<str> for crate::Other { fn eq(&self, o: &str) -> bool { true } }
                impl std::ops::Add for N { type Output = N; fn add(self, o: N) -> N { o } }
                impl Clone for geo::Place { fn clone(&self) -> Self { todo!() } }
                impl crate::geo::Shape for geo::Place {}
                "#,
            ),
            (
                "src/display.rs",
                r#"
                use core::fmt;
                impl fmt::Display for crate::Name { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }
                impl<'a> fmt::Debug for super::Name { fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { Ok(()) } }
                "#,
            ),
            (
                "src/geo.rs",
                r#"
                pub struct Place;
                pub trait Shape {}
                impl Default for Place { fn default() -> Self { Place } }
                "#,
            ),
        ],
        "
        class Id = Id Tuple [Clone, Copy, Debug, Hash] ctor fields
        field _0 = 0: u32
        end class Id
        class Name = Name Struct [Debug, Display, PartialEq, Eq, PartialOrd, Ord, Hash] ctor fields
        field text = text: String
        end class Name
        class Other = Other Unit [] ctor fields
        end class Other
        class Local = Local Unit [Default] ctor fields
        end class Local
        class Hidden = Hidden Unit [Clone] ctor fields
        end class Hidden
        mod geo = geo
        class Place = geo::Place Unit [Clone, Default] ctor fields
        end class Place
        end mod geo
        skip trait geo::Shape: traits are bound from the callbacks issue on
        ",
    );
}

#[test]
fn iterators() {
    check_lib(
        r#"
        pub struct Countdown { pub n: u32 }
        impl Iterator for Countdown {
            type Item = u32;
            fn next(&mut self) -> Option<u32> { None }
        }
        pub struct Pairs;
        type Two = (u8, u8);
        impl std::iter::Iterator for Pairs {
            type Item = Two;
            fn next(&mut self) -> Option<Self::Item> { None }
        }
        pub struct Selves;
        impl Iterator for Selves { type Item = Self; fn next(&mut self) -> Option<Self> { None } }
        pub struct Bytes;
        impl Iterator for Bytes { type Item = Rc<u8>; fn next(&mut self) -> Option<Rc<u8>> { None } }
        "#,
        "
        class Countdown = Countdown Struct [Iterator] item u32 ctor fields
        field n = n: u32
        end class Countdown
        class Pairs = Pairs Unit [Iterator] item (u8, u8) ctor fields
        end class Pairs
        class Selves = Selves Unit [Iterator] item Selves ctor fields
        end class Selves
        class Bytes = Bytes Unit [] ctor fields
        end class Bytes
        ",
    );
}

#[test]
fn enums() {
    check_lib(
        r#"
        /// Colors.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Color {
            /// Warm.
            Red = 1,
            Green = -1,
            Blue = 1 << 2,
            Alpha,
        }
        pub enum Shape {
            Circle { radius: f64 },
            Rect(f64, f64),
            Dot,
            #[cfg(feature = "x")] Gone(u8),
        }
        #[non_exhaustive]
        pub enum Level { Low, High }
        pub enum r#Match { r#None, Some(i32) }
        pub enum Holds { Bytes(Rc<u8>) }
        pub enum Wraps { Inner(Holds), Ok(Color) }
        pub enum Tree { Leaf(i32), Node(Box<Tree>) }
        pub enum Borrowed<'a> { S(&'a str) }
        pub enum Gen<T> { V(T) }
        impl Color {
            pub fn warm(&self) -> bool { true }
            pub const DEFAULT: Color = Color::Red;
        }
        pub fn paint(c: Color, s: &Shape) -> Option<Color> { None }
        pub fn wrap() -> Wraps { todo!() }
        "#,
        "
        class Color = Color Enum [Clone, Copy, Debug, PartialEq, Eq, Hash] ctor none
        variant Red = Red Unit = 1
        variant Green = Green Unit = -1
        variant Blue = Blue Unit = 1 << 2
        variant Alpha = Alpha Unit
        method warm = warm(&self) -> bool
        const DEFAULT = Color::DEFAULT: Color
        end class Color
        class Shape = Shape Enum [] ctor none
        variant Circle = Circle Struct { radius = radius: f64 }
        variant Rect = Rect Tuple { _0 = 0: f64, _1 = 1: f64 }
        variant Dot = Dot Unit
        end class Shape
        class Level = Level Enum non_exhaustive [] ctor none
        variant Low = Low Unit
        variant High = High Unit
        end class Level
        class Match = Match Enum [] ctor none
        variant None_ = None Unit
        variant Some = Some Tuple { _0 = 0: i32 }
        end class Match
        fn paint = paint(c: Color, s: &Shape) -> Option<Color>
        skip enum Borrowed: types with lifetime parameters borrow data that Python cannot keep alive
        skip enum Gen: generic types need instantiations listed in the interface file
        skip enum Holds: the field `0` of the variant `Bytes`: `Rc<u8>`...
        skip enum Tree: the field `0` of the variant `Node`: `Box<Tree>`...
        skip enum Wraps: the field `0` of the variant `Inner`: `Holds` is not Clone...
        skip fn wrap: return type: `Wraps` is not a type rsbind can bind
        ",
    );
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// Colors.\npub enum Color {\n    /// Warm.\n    Red,\n}",
    )]));
    let c = class_of(&ex, "Color");
    assert_eq!(c.doc, "Colors.");
    assert_eq!(c.variants[0].doc, "Warm.");
}

#[test]
fn error_enum_in_a_result() {
    check(
        &[
            (
                "src/lib.rs",
                "mod error;\npub use error::ParseError;\npub fn parse(s: &str) -> Result<u32, ParseError> { todo!() }\npub struct Parser;\nimpl Parser { pub fn run(&self) -> Result<(), error::ParseError> { Ok(()) } pub fn bad(&self) -> Result<(), error::Quiet> { Ok(()) } }",
            ),
            (
                "src/error.rs",
                r#"
                use std::fmt;
                #[derive(Debug, Clone, PartialEq)]
                pub enum ParseError { Empty, TooLong { max: usize }, BadChar(char) }
                impl fmt::Display for ParseError { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }
                impl std::error::Error for ParseError {}
                pub struct Quiet;
                pub use self::Quiet as AlsoQuiet;
                "#,
            ),
        ],
        "
        class ParseError = ParseError Enum [Clone, Debug, Display, PartialEq] ctor none
        variant Empty = Empty Unit
        variant TooLong = TooLong Struct { max = max: usize }
        variant BadChar = BadChar Tuple { _0 = 0: char }
        end class ParseError
        class Parser = Parser Unit [] ctor fields
        method run = run(&self) -> Result<(), ParseError>
        end class Parser
        fn parse = parse(s: &str) -> Result<u32, ParseError>
        skip method Parser::bad: return type: uses the private type `error::Quiet`
        ",
    );
}

#[test]
fn generic_and_lifetime_types() {
    check_lib(
        r#"
        pub struct Wrapper<T> { pub inner: T }
        pub struct Fixed<const N: usize>;
        pub struct View<'a> { pub text: &'a str }
        pub union Bits { pub i: u32, pub f: f32 }
        impl<T> Wrapper<T> { pub fn get(&self) -> &T { &self.inner } }
        pub fn view(v: View<'static>) {}
        "#,
        "
        skip union Bits: unions are not bound
        skip struct Fixed: generic types need instantiations listed in the interface file
        skip struct View: types with lifetime parameters borrow data that Python cannot keep alive
        skip struct Wrapper: generic types need instantiations listed in the interface file
        skip fn view: parameter `v`: `View<'static>` is not a type rsbind can bind
        ",
    );
}

#[test]
fn nested_public_modules() {
    check(
        &[
            (
                "src/lib.rs",
                r#"
                //! The crate.
                /// Geometry.
                pub mod geo;
                mod private;
                pub use private::Shown;
                pub use geo::shapes::Square;
                pub mod empty { fn nothing() {} pub mod deeper {} }
                pub fn top() {}
                "#,
            ),
            (
                "src/geo/mod.rs",
                r#"
                //! Points and shapes.
                pub mod shapes;
                #[derive(Clone)]
                pub struct Point { pub x: f64 }
                impl Point { pub fn norm(&self) -> f64 { 0.0 } }
                pub const ORIGIN_X: f64 = 0.0;
                pub fn distance(a: &Point, b: &Point) -> f64 { 0.0 }
                "#,
            ),
            (
                "src/geo/shapes.rs",
                r#"
                use super::Point;
                pub struct Square { pub corner: Point }
                pub struct Circle { pub center: Point, pub r: f64 }
                pub static SIDES: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(4);
                pub fn unit() -> Circle { todo!() }
                "#,
            ),
            (
                "src/private.rs",
                r#"
                pub struct Shown;
                pub struct Unreachable;
                pub fn not_exported() {}
                impl Unreachable { pub fn f(&self) {} }
                "#,
            ),
        ],
        "
        class Square = Square Struct [] ctor fields
        field corner = corner: geo::Point
        end class Square
        class Shown = Shown Unit [] ctor fields
        end class Shown
        fn top = top() -> ()
        mod geo = geo
        class Point = geo::Point Struct [Clone] ctor fields
        field x = x: f64
        method norm = norm(&self) -> f64
        end class Point
        const ORIGIN_X = geo::ORIGIN_X: f64
        fn distance = geo::distance(a: &geo::Point, b: &geo::Point) -> f64
        mod shapes = geo::shapes
        class Circle = geo::shapes::Circle Struct [] ctor fields
        field center = center: geo::Point
        field r = r: f64
        end class Circle
        live Atomic SIDES = geo::shapes::SIDES: u8
        fn unit = geo::shapes::unit() -> geo::shapes::Circle
        end mod shapes
        end mod geo
        ",
    );
    let ex = extract(&source(&[
        ("src/lib.rs", "/// Geometry.\npub mod geo;\npub mod inline {\n    //! Inline docs.\n    pub fn f() {}\n}"),
        ("src/geo.rs", "//! Points.\npub fn g() {}"),
    ]));
    assert_eq!(doc_of(&ex, "geo"), "Geometry.\nPoints.");
    assert_eq!(doc_of(&ex, "inline"), "Inline docs.");
}

#[test]
fn live_statics() {
    check_lib(
        r#"
        use std::sync::atomic::*;
        use std::sync::{Mutex, RwLock};
        use core::sync::atomic::AtomicI64 as Big;
        /// Whether it runs.
        pub static RUNNING: AtomicBool = AtomicBool::new(false);
        pub static TOTAL: Big = Big::new(0);
        pub static SMALL: std::sync::atomic::AtomicI8 = std::sync::atomic::AtomicI8::new(0);
        pub static NAME: Mutex<String> = Mutex::new(String::new());
        pub static OPT: RwLock<Option<u32>> = RwLock::new(None);
        pub static LIST: Mutex<Rc<u8>> = Mutex::new(Vec::new());
        pub static PTR: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
        pub struct Atomic;
        pub static MINE: Atomic = Atomic;
        "#,
        "
        class Atomic = Atomic Unit [] ctor fields
        end class Atomic
        live Atomic RUNNING = RUNNING: bool
        live Atomic TOTAL = TOTAL: i64
        live Atomic SMALL = SMALL: i8
        live Mutex NAME = NAME: String
        live RwLock OPT = OPT: Option<u32>
        skip static LIST: the value inside the `Mutex`: `Rc<u8>`...
        skip static MINE: `Atomic` is not Clone...
        skip static PTR: `std::sync::atomic::AtomicPtr<u8>`...
        ",
    );
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// Whether it runs.\npub static RUNNING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);",
    )]));
    assert_eq!(doc_of(&ex, "RUNNING"), "Whether it runs.");
}

#[test]
fn cfg_on_members() {
    check_lib(
        r#"
        pub struct S { pub a: u8, #[cfg(feature = "x")] pub b: u8 }
        pub struct T(#[cfg(windows)] pub u16, pub u8);
        impl S {
            #[cfg(feature = "x")] pub fn extra(&self) {}
            #[cfg(unix)] pub fn os(&self) -> u8 { 1 }
            #[cfg(windows)] pub fn os(&self) -> u8 { 2 }
            #[cfg(test)] pub const K: u8 = 1;
        }
        #[cfg(test)]
        impl S { pub fn in_tests(&self) {} }
        "#,
        "
        class S = S Struct [] ctor fields
        field a = a: u8
        method os = os(&self) -> u8
        end class S
        class T = T Tuple [] ctor fields
        field _0 = 0: u8
        end class T
        skip const S::K: behind `#[cfg(test)]`
        skip method S::extra: behind `#[cfg(feature = \"x\")]`
        ",
    );
}

#[test]
fn class_docs_and_methods_in_the_interface_file() {
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// A thing.\npub struct Thing;\nimpl Thing {\n    /// Makes it.\n    pub fn new() -> Self { Thing }\n    /// Runs.\n    pub fn run(&self, times: u8) {}\n    /// Zero.\n    pub const ZERO: u8 = 0;\n}",
    )]));
    let c = class_of(&ex, "Thing");
    assert_eq!(c.doc, "A thing.");
    let Constructor::Method(new) = &c.constructor else {
        panic!("no constructor");
    };
    assert_eq!((new.doc.as_str(), new.ret.as_str()), ("Makes it.", "Thing"));
    assert_eq!(c.methods[0].doc, "Runs.");
    assert_eq!(c.consts[0].doc, "Zero.");
    // The interface file it makes reads back the same.
    let text = crate::idl::print(&ex.interface);
    assert_eq!(crate::idl::parse(&text, "x.ron"), Ok(ex.interface.clone()));
}

/// The real `semver` and `strsim` crates, when cargo's registry has their source.
#[test]
fn real_crates_from_the_registry() {
    let Some(semver) = registry_crate("semver-1.0.27") else {
        eprintln!("semver-1.0.27 is not in cargo's registry; skipped");
        return;
    };
    let ex = extract(&semver);
    let classes = [
        "Version",
        "VersionReq",
        "Comparator",
        "Op",
        "Prerelease",
        "BuildMetadata",
        "Error",
    ];
    for name in classes {
        class_of(&ex, name);
    }
    let version = class_of(&ex, "Version");
    assert!(matches!(&version.constructor, Constructor::Method(m) if m.rust == "new"));
    assert_eq!(
        version.traits,
        [
            "Clone",
            "Debug",
            "Display",
            "PartialEq",
            "Eq",
            "PartialOrd",
            "Ord",
            "Hash"
        ]
    );
    let names: Vec<&str> = version.methods.iter().map(|m| m.rust.as_str()).collect();
    assert_eq!(names, ["parse"]);
    // `Ordering` is not bound yet.
    assert!(ex
        .interface
        .skipped
        .iter()
        .any(|s| s.path == "Version::cmp_precedence" && s.kind == "method"));
    let req = class_of(&ex, "VersionReq");
    // All its fields are public (`comparators: Vec<Comparator>`).
    assert_eq!(req.constructor, Constructor::Fields);
    assert!(req.consts.iter().any(|c| c.path == "VersionReq::STAR"));
    assert!(req
        .fields
        .iter()
        .any(|f| f.name == "comparators" && f.ty == "Vec<Comparator>"));
    let error = class_of(&ex, "Error");
    assert!(error.traits.iter().any(|t| t == "Display"));
    let op = class_of(&ex, "Op");
    assert!(op.non_exhaustive);
    assert_eq!(op.variants.len(), 8);
    let pre = class_of(&ex, "Prerelease");
    assert!(
        matches!(&pre.constructor, Constructor::Method(m) if m.ret == "Result<Prerelease, Error>")
    );

    if let Some(strsim) = registry_crate("strsim-0.11.1") {
        let ex = extract(&strsim);
        assert!(find(&ex.interface.items, "levenshtein").is_some());
        class_of(&ex, "StrSimError");
    }
}

/// Reads a crate's `.rs` files from cargo's registry (tests only).
fn registry_crate(dir_name: &str) -> Option<SourceSet> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")))?;
    let src = home.join("registry").join("src");
    let mut dirs: Vec<_> = std::fs::read_dir(&src).ok()?.flatten().collect();
    dirs.sort_by_key(|d| d.path());
    let root = dirs
        .iter()
        .map(|d| d.path().join(dir_name))
        .find(|p| p.join("src/lib.rs").is_file())?;
    let mut files = BTreeMap::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(&root)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read_to_string(&path).ok()?);
            }
        }
    }
    let package = dir_name
        .rsplit_once('-')
        .map(|(n, _)| n)
        .unwrap_or(dir_name);
    Some(SourceSet {
        package: package.to_string(),
        lib: package.replace('-', "_"),
        root: "src/lib.rs".to_string(),
        files,
        crate_path: "..".to_string(),
        dependencies: Default::default(),
    })
}

// Types from other crates.

/// A dependency named `lib` in paths, from inline files.
fn dependency(lib: &str, package: &str, files: &[(&str, &str)]) -> DependencySource {
    DependencySource {
        package: package.to_string(),
        lib: lib.to_string(),
        version: Some("=1.2.3".to_string()),
        path: None,
        source: SourceSet {
            package: package.to_string(),
            lib: package.replace('-', "_"),
            root: "src/lib.rs".to_string(),
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
            crate_path: String::new(),
            dependencies: Default::default(),
        },
    }
}

const DEP_LIB: &str = r#"
//! The dependency.
pub mod shapes {
    /// An inner value.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Inner { pub x: i32 }
    impl Inner {
        pub fn double(&self) -> i32 { self.x * 2 }
        pub fn kind(&self) -> super::Kind { todo!() }
    }
}
pub use shapes::Inner;
mod private { pub struct Secret; }
pub(crate) use private::Secret;
/// The outer one.
#[derive(Clone)]
pub struct Outer { pub inner: Inner, pub name: String, secret: u8 }
impl Outer {
    pub fn new(name: &str) -> Self { todo!() }
    pub fn pair(&self) -> Result<(Inner, Inner), Error> { todo!() }
    pub fn bytes(&self) -> std::rc::Rc<u8> { todo!() }
}
impl std::fmt::Display for Outer {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) }
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind { A, B }
#[derive(Debug)]
pub struct Error;
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) }
}
/// Not reached from the bound crate's API.
pub struct Unrelated { pub k: Kind }
pub struct Wrapper<T>(pub T);
pub type Res<T> = std::result::Result<T, Error>;
pub fn dep_fn() {}
"#;

fn with_deps(lib: &str, deps: Vec<DependencySource>) -> SourceSet {
    let mut s = source(&[("src/lib.rs", lib)]);
    s.dependencies = deps.into_iter().map(|d| (d.lib.clone(), d)).collect();
    s
}

#[track_caller]
fn check_source(s: &SourceSet, want: &str) {
    let got = render(&extract(s));
    let want: Vec<&str> = want
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        got.lines().collect::<Vec<_>>(),
        want,
        "\n--- got ---\n{got}--- want ---\n{}\n",
        want.join("\n")
    );
}

#[test]
fn dependency_types_are_bound_in_a_submodule() {
    let s = with_deps(
        r#"
        use dep_lib::Outer;
        pub fn make(name: &str) -> Outer { todo!() }
        pub fn x_of(i: &dep_lib::shapes::Inner) -> i32 { 0 }
        pub fn checked() -> dep_lib::Res<u8> { todo!() }
        #[derive(Clone)]
        pub struct Holder { pub outer: ::dep_lib::Outer }
        impl std::fmt::Debug for dep_lib::Unrelated {}
        "#,
        vec![dependency("dep_lib", "dep-lib", &[("src/lib.rs", DEP_LIB)])],
    );
    check_source(
        &s,
        "
        class Holder = Holder Struct [Clone] ctor fields
        field outer = outer: dep_lib::Outer
        end class Holder
        fn make = make(name: &str) -> dep_lib::Outer
        fn x_of = x_of(i: &dep_lib::Inner) -> i32
        fn checked = checked() -> Result<u8, dep_lib::Error>
        mod dep_lib = dep_lib
        class Inner = Inner Struct [Clone, Debug, PartialEq] ctor fields
        field x = x: i32
        method double = double(&self) -> i32
        method kind = kind(&self) -> dep_lib::Kind
        end class Inner
        class Outer = Outer Struct [Clone, Display] ctor static new = new(name: &str) -> dep_lib::Outer
        field inner = inner: dep_lib::Inner
        field name = name: String
        method pair = pair(&self) -> Result<(dep_lib::Inner, dep_lib::Inner), dep_lib::Error>
        end class Outer
        class Kind = Kind Enum [Clone, Copy, Debug, PartialEq, Eq] ctor none
        variant A = A Unit
        variant B = B Unit
        end class Kind
        class Error = Error Unit [Debug, Display] ctor fields
        end class Error
        end mod dep_lib
        skip method dep_lib::Outer::bytes: return type: `Rc<u8>`: shared pointers are not bound yet
        ",
    );
    let ex = extract(&s);
    assert_eq!(
        ex.interface.krate.dependencies,
        vec![crate::idl::Dependency {
            package: "dep-lib".to_string(),
            lib: "dep_lib".to_string(),
            version: Some("=1.2.3".to_string()),
            path: None,
        }]
    );
    let outer = class_of(&ex, "Outer");
    assert_eq!(outer.from_crate.as_deref(), Some("dep_lib"));
    assert_eq!(outer.path, "Outer");
    let Some(Item::Module(m)) = ex.interface.items.last() else {
        panic!("the dependency's module comes last");
    };
    assert_eq!(
        (m.path.as_str(), m.doc.as_str()),
        ("dep_lib", "The dependency.")
    );
    assert!(m
        .items
        .iter()
        .all(|i| matches!(i, Item::Class(c) if c.from_crate.as_deref() == Some("dep_lib"))));
    // Deterministic.
    assert_eq!(render(&extract(&s)), render(&ex));
}

#[test]
fn dependency_types_not_public_or_without_source_are_skipped() {
    let mut gone = dependency("gone", "gone", &[]);
    gone.version = None;
    gone.path = Some("../gone".to_string());
    let s = with_deps(
        r#"
        use dep_lib::*;
        pub fn secret() -> dep_lib::Secret { todo!() }
        pub fn private_path(x: dep_lib::private::Secret) {}
        pub fn missing() -> gone::Thing { todo!() }
        pub fn wrapped(w: dep_lib::Wrapper<u8>) {}
        pub fn globbed(k: Kind) -> Unrelated { todo!() }
        pub fn plain() -> u8 { 0 }
        "#,
        vec![
            dependency("dep_lib", "dep-lib", &[("src/lib.rs", DEP_LIB)]),
            gone,
        ],
    );
    check_source(
        &s,
        "
        fn globbed = globbed(k: dep_lib::Kind) -> dep_lib::Unrelated
        fn plain = plain() -> u8
        mod dep_lib = dep_lib
        class Kind = Kind Enum [Clone, Copy, Debug, PartialEq, Eq] ctor none
        variant A = A Unit
        variant B = B Unit
        end class Kind
        class Unrelated = Unrelated Struct [] ctor fields
        field k = k: dep_lib::Kind
        end class Unrelated
        end mod dep_lib
        skip struct dep_lib::Wrapper: generic types need instantiations listed in the interface file
        skip fn missing: return type: `gone::Thing` comes from the crate `gone`, whose source was not found
        skip fn private_path: parameter `x`: `dep_lib::private::Secret` is not a public type of the crate `dep_lib`
        skip fn secret: return type: `dep_lib::Secret` is not a public type of the crate `dep_lib`
        skip fn wrapped: parameter `w`: `dep_lib::Wrapper<u8>` is not a type rsbind can bind
        ",
    );
    // Only the dependency whose types are bound is listed.
    let ex = extract(&s);
    let libs: Vec<&str> = ex
        .interface
        .krate
        .dependencies
        .iter()
        .map(|d| d.lib.as_str())
        .collect();
    assert_eq!(libs, ["dep_lib"]);
}

#[test]
fn dependency_module_name_and_paths() {
    // A root item of the dependency's name: the module is `<lib>_types`; a
    // path dependency is written relative to the interface file.
    let mut dep = dependency("dep_lib", "dep-lib", &[("src/lib.rs", DEP_LIB)]);
    dep.version = None;
    dep.path = Some("../dep-lib".to_string());
    let mut s = with_deps(
        "pub mod dep_lib { pub fn local() {} }\npub fn kind() -> ::dep_lib::Kind { todo!() }",
        vec![dep],
    );
    s.crate_path = "crates/main".to_string();
    let ex = extract(&s);
    let names: Vec<(&str, &str)> = ex
        .interface
        .items
        .iter()
        .map(|i| (i.name(), i.path()))
        .collect();
    assert_eq!(
        names,
        [
            ("kind", "kind"),
            ("dep_lib", "dep_lib"),
            ("dep_lib_types", "dep_lib")
        ]
    );
    assert_eq!(
        ex.interface.krate.dependencies[0].path.as_deref(),
        Some("crates/dep-lib")
    );
    // No dependency source at all: the generic reason, as before.
    let plain = extract(&source(&[(
        "src/lib.rs",
        "pub fn f() -> other::T { todo!() }",
    )]));
    assert_eq!(
        plain.interface.skipped[0].reason,
        "return type: `other::T` is not a type rsbind can bind"
    );
}

// Instantiations.

const GENERIC_LIB: &str = r#"
use std::fmt::Debug;
pub trait Shape {}
pub fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T { xs[0] }
pub fn sorted<T>(xs: Vec<T>) -> Vec<T> where T: Ord + Debug { xs }
pub fn area<S: Shape + Clone>(s: &S) -> f64 { 0.0 }
pub fn convert<'a, A: Into<i64>, B: ?Sized + Debug>(a: A, b: &'a B) -> i64 { 0 }
pub fn zeros<const N: usize>() -> [u8; N] { [0; N] }
pub fn boxed(x: impl Debug) {}
pub mod geo {
    pub fn first<T: Clone>(xs: &[T]) -> Option<T> { None }
}
#[derive(Clone, Copy, Debug)]
pub struct P { pub x: i32 }
#[derive(Clone, Default)]
pub struct Stack { pub items: Vec<i64> }
impl Stack {
    pub fn push_all<T: Into<i64> + Copy>(&mut self, xs: &[T]) {}
    pub fn pick<T>(&self, x: T) -> T where T: Default + Clone { x }
}
"#;

fn inst(path: &str, args: &[&str]) -> Result<Instantiation, String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    instantiate(&source(&[("src/lib.rs", GENERIC_LIB)]), path, &args)
}

fn sig_text(i: &Instantiation) -> String {
    format!("({}) -> {}", params_text(&i.params).join(", "), i.ret)
}

#[test]
fn instantiate_free_functions() {
    let i = inst("largest", &["i64"]).unwrap();
    assert_eq!(sig_text(&i), "(xs: &[i64]) -> i64");
    assert!(i.warnings.is_empty());
    assert_eq!(
        sig_text(&inst("crate::largest", &["f64"]).unwrap()),
        "(xs: &[f64]) -> f64"
    );
    assert_eq!(
        inst("largest", &["String"]),
        Err("`String` does not implement `Copy`, which `T` of `largest` requires".to_string())
    );
    assert_eq!(
        inst("largest", &["P"]),
        Err("`P` does not implement `PartialOrd`, which `T` of `largest` requires".to_string())
    );
    // `where` bounds count.
    assert_eq!(
        inst("sorted", &["f64"]),
        Err("`f64` does not implement `Ord`, which `T` of `sorted` requires".to_string())
    );
    assert_eq!(
        sig_text(&inst("sorted", &["String"]).unwrap()),
        "(xs: Vec<String>) -> Vec<String>"
    );
    assert_eq!(
        sig_text(&inst("geo::first", &["(i32, String)"]).unwrap()),
        "(xs: &[(i32, String)]) -> Option<(i32, String)>"
    );
    // Const generics take the value.
    assert_eq!(sig_text(&inst("zeros", &["4"]).unwrap()), "() -> [u8; 4]");
    assert!(inst("zeros", &["u8"])
        .unwrap_err()
        .contains("must be a literal"));
}

#[test]
fn instantiate_bounds_it_cannot_check_are_warnings() {
    let i = inst("area", &["P"]).unwrap();
    assert_eq!(sig_text(&i), "(s: &P) -> f64");
    assert_eq!(i.warnings, ["cannot check that `S = P` implements `Shape`"]);
    let i = inst("convert", &["u8", "str"]).unwrap();
    assert_eq!(sig_text(&i), "(a: u8, b: &'a str) -> i64");
    assert_eq!(
        i.warnings,
        ["cannot check that `A = u8` implements `Into<i64>`"]
    );
    // Without `?Sized`, an unsized argument does not do.
    assert_eq!(
        inst("largest", &["str"]),
        Err("`str` does not implement `Sized`, which `T` of `largest` requires".to_string())
    );
}

#[test]
fn instantiate_methods() {
    let i = inst("Stack::push_all", &["i32"]).unwrap();
    assert_eq!(sig_text(&i), "(xs: &[i32]) -> ()");
    assert_eq!(
        i.warnings,
        ["cannot check that `T = i32` implements `Into<i64>`"]
    );
    assert_eq!(
        sig_text(&inst("Stack::pick", &["Stack"]).unwrap()),
        "(x: Stack) -> Stack"
    );
    assert_eq!(
        inst("Stack::pick", &["P"]),
        Err("`P` does not implement `Default`, which `T` of `Stack::pick` requires".to_string())
    );
}

#[test]
fn instantiate_errors() {
    assert_eq!(
        inst("largest", &[]),
        Err("`largest` takes 1 type argument (`T`), but 0 are given".to_string())
    );
    assert_eq!(
        inst("convert", &["u8"]),
        Err("`convert` takes 2 type arguments (`A`, `B`), but 1 is given".to_string())
    );
    assert_eq!(
        inst("nowhere", &["u8"]),
        Err("`nowhere` is not a public function or method of the crate".to_string())
    );
    assert_eq!(
        inst("Stack::nothing", &["u8"]),
        Err("`Stack::nothing` is not a public function or method of the crate".to_string())
    );
    // The instantiated signature must lower.
    assert_eq!(
        inst("largest", &["std::rc::Rc<u8>"]),
        Err(
            "`std::rc::Rc<u8>` does not implement `Copy`, which `T` of `largest` requires"
                .to_string()
        )
    );
    assert!(inst("geo::first", &["std::rc::Rc<u8>"])
        .unwrap_err()
        .starts_with("parameter `xs`: "));
    assert!(inst("boxed", &[])
        .unwrap_err()
        .contains("`impl Trait` parameters"));
    assert!(inst("largest", &["Vec<"])
        .unwrap_err()
        .contains("does not parse"));
}

#[test]
fn semver_from_the_registry_as_a_dependency() {
    let Some(semver) = registry_crate("semver-1.0.27") else {
        return;
    };
    let s = with_deps(
        "use semver::Version;\npub fn parse(s: &str) -> Result<Version, semver::Error> { Version::parse(s) }\npub fn req(r: &semver::VersionReq) -> bool { true }",
        vec![DependencySource {
            package: "semver".to_string(),
            lib: "semver".to_string(),
            version: Some("=1.0.27".to_string()),
            path: None,
            source: semver,
        }],
    );
    let ex = extract(&s);
    let Some(Item::Module(m)) = ex.interface.items.last() else {
        panic!("no dependency module");
    };
    assert_eq!(m.name, "semver");
    let names: Vec<&str> = m.items.iter().map(|i| i.name()).collect();
    // Reached: Version, its fields' types, its error; VersionReq and its
    // field's `Comparator`, whose `op: Op` and `pre` are reached in turn.
    assert_eq!(
        names,
        [
            "Error",
            "Version",
            "VersionReq",
            "Comparator",
            "Op",
            "Prerelease",
            "BuildMetadata"
        ]
    );
    let version = class_of(&ex, "Version");
    assert_eq!(version.from_crate.as_deref(), Some("semver"));
    assert!(version
        .fields
        .iter()
        .any(|f| f.name == "pre" && f.ty == "semver::Prerelease"));
    assert!(find(&ex.interface.items, "parse").is_some_and(
        |f| matches!(f, Item::Function(f) if f.ret == "Result<semver::Version, semver::Error>")
    ));
    assert!(ex
        .interface
        .skipped
        .iter()
        .any(|s| s.path == "semver::Version::cmp_precedence"));
    assert_eq!(ex.interface.krate.dependencies.len(), 1);
}

#[test]
fn odd_dependency_input_does_not_panic() {
    let s = with_deps(
        r#"
        use odd as renamed;
        pub fn crate_itself() -> renamed { todo!() }
        pub fn cycle() -> odd::A { todo!() }
        pub fn transitive() -> odd::Other { todo!() }
        pub fn module() -> odd::m { todo!() }
        pub fn broken() -> broken::T { todo!() }
        pub fn alias() -> odd::Alias<u8> { todo!() }
        pub fn ok() -> odd::m::S { todo!() }
        "#,
        vec![
            dependency(
                "odd",
                "odd",
                &[(
                    "src/lib.rs",
                    "pub type A = B; pub type B = A; pub use other_crate::Other;\npub mod m { #[derive(Clone)] pub struct S(pub Box<S>); }\npub type Alias<T> = (T, T, m::S);",
                )],
            ),
            dependency("broken", "broken", &[("src/lib.rs", "pub struct T { x: }")]),
        ],
    );
    check_source(
        &s,
        "
        fn alias = alias() -> (u8, u8, odd::m::S)
        fn ok = ok() -> odd::m::S
        mod odd = odd
        class S = m::S Tuple [Clone] ctor none
        end class S
        end mod odd
        skip fn broken: return type: `broken::T` is not a public type of the crate `broken`
        skip fn crate_itself: return type: `odd` is a crate, not a type
        skip fn cycle: return type: the type alias `A` expands into itself
        skip fn module: return type: `odd::m` is a module, not a type
        skip field odd::m::S.0: `Box<odd::m::S>`: boxes of this type are bound from the classes issue on
        skip fn transitive: return type: `odd::Other` is `other_crate::Other` of the crate `other_crate`, which the crate `odd` depends on; only the bound crate's own dependencies are read
        warning: in the dependency `broken`: cannot parse `src/lib.rs`: unexpected end of input, expected one of: `for`, parentheses, `fn`, `unsafe`, `extern`, identifier, `::`, `<`, `dyn`, square brackets, `*`, `&`, `!`, `impl`, `_`, lifetime @broken/src/lib.rs:18..19
        ",
    );
}

// Instantiations of generic structs.

const GENERIC_STRUCTS: &str = r#"
use std::fmt;
#[derive(Clone, Debug, Default)]
pub struct Stack<T> { items: Vec<T> }
impl<T: Clone> Stack<T> {
    pub const CAP: usize = 8;
    pub fn new() -> Self { Stack { items: Vec::new() } }
    pub fn push(&mut self, x: T) { self.items.push(x) }
    pub fn peek(&self) -> Option<T> { self.items.last().cloned() }
    pub fn len(&self) -> usize { self.items.len() }
    pub fn merged(&self, other: &Stack<T>) -> Stack<T> { self.clone() }
    pub fn map<U>(&self, f: fn(T) -> U) -> Vec<U> { Vec::new() }
    pub fn raw(&self) -> *const T { std::ptr::null() }
}
impl Stack<i32> {
    pub fn sum(&self) -> i32 { 0 }
}
impl Stack<String> {
    pub fn joined(&self) -> String { String::new() }
}
impl<T: fmt::Display> fmt::Display for Stack<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) }
}
pub mod geo {
    #[derive(Clone, Debug, PartialEq)]
    pub struct Point { pub x: f64, pub y: f64 }
    pub struct Top<T> { pub top: T, pub count: usize }
    #[derive(PartialEq, Eq, Hash)]
    pub struct Pair<A, B> { pub a: A, pub b: B }
}
pub struct Sorted<T: Ord> { pub items: Vec<T> }
pub struct Tagged<T> where T: Tag { pub value: T }
pub trait Tag {}
pub enum Either<L, R> { Left(L), Right(R) }
pub struct Plain { pub x: i32 }
pub struct Borrowed<'a> { pub s: &'a str }
"#;

fn inst_class(path: &str, args: &[&str]) -> Result<ClassInstantiation, String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    instantiate_class(&source(&[("src/lib.rs", GENERIC_STRUCTS)]), path, &args)
}

fn class_text(i: &ClassInstantiation) -> String {
    let mut out = String::new();
    render_items(&[Item::Class(i.class.clone())], &mut out);
    out
}

#[test]
fn instantiate_class_binds_methods_and_traits() {
    let i = inst_class("Stack", &["i32"]).unwrap();
    assert_eq!(i.class.name, "StackI32");
    assert_eq!(i.class.path, "Stack");
    assert_eq!(i.class.type_args, ["i32"]);
    // The derives hold for `i32`, and so does the bound of the `Display` impl.
    assert_eq!(i.class.traits, ["Clone", "Debug", "Display", "Default"]);
    let Constructor::Method(new) = &i.class.constructor else {
        panic!("no constructor: {:?}", i.class.constructor);
    };
    assert_eq!(new.rust, "new");
    assert_eq!(new.ret, "Stack<i32>");
    let methods: Vec<String> = i.class.methods.iter().map(method_text).collect();
    assert_eq!(
        methods,
        [
            "method push = push(&mut self, x: i32) -> ()",
            "method peek = peek(&self) -> Option<i32>",
            "method len = len(&self) -> usize",
            "method merged = merged(&self, other: &Stack<i32>) -> Stack<i32>",
            "method sum = sum(&self) -> i32",
        ]
    );
    assert_eq!(i.class.consts.len(), 1);
    assert_eq!(i.class.consts[0].ty, "usize");
    assert_eq!(
        i.warnings,
        [
            "method `Stack::map` not bound: generic functions need instantiations listed in the interface file",
            "method `Stack::raw` not bound: return type: `*const i32`: raw pointers cannot be passed safely",
        ]
    );
    assert!(class_text(&i).starts_with(
        "class StackI32 = Stack Struct [Clone, Debug, Display, Default] ctor static new = new() -> Stack<i32>\n"
    ));
}

#[test]
fn instantiate_class_traits_follow_bounds() {
    let i = inst_class("Stack", &["String"]).unwrap();
    assert_eq!(i.class.name, "StackString");
    assert_eq!(i.class.traits, ["Clone", "Debug", "Display", "Default"]);
    assert!(i.class.methods.iter().any(|m| m.rust == "joined"));
    assert!(!i.class.methods.iter().any(|m| m.rust == "sum"));
    // A class argument: `Point` is Clone and Debug but not Default or Display.
    let i = inst_class("Stack", &["geo::Point"]).unwrap();
    assert_eq!(i.class.name, "StackPoint");
    assert_eq!(i.class.traits, ["Clone", "Debug"]);
    assert!(i.warnings.iter().any(|w| w.starts_with(
        "`Default` of `Stack<geo::Point>` not bound: `geo::Point` does not implement `Default`"
    )));
    assert!(i.warnings.iter().any(|w| w.starts_with(
        "`Display` of `Stack<geo::Point>` not bound: `geo::Point` does not implement `Display`"
    )));
    let push = i.class.methods.iter().find(|m| m.rust == "push").unwrap();
    assert_eq!(params_text(&push.params), ["x: geo::Point"]);
    // Derives need their bound on every parameter.
    let i = inst_class("geo::Pair", &["String", "f64"]).unwrap();
    assert_eq!(i.class.name, "PairStringF64");
    assert_eq!(i.class.traits, ["PartialEq"]);
    assert_eq!(fields_text(&i.class.fields), "a = a: String, b = b: f64");
    assert_eq!(i.class.constructor, Constructor::Fields);
}

#[test]
fn instantiate_class_fields() {
    let i = inst_class("geo::Top", &["Vec<u8>"]).unwrap();
    assert_eq!(i.class.name, "TopVecU8");
    assert_eq!(i.class.path, "geo::Top");
    assert_eq!(i.class.type_args, ["Vec<u8>"]);
    assert_eq!(
        fields_text(&i.class.fields),
        "top = top: Vec<u8>, count = count: usize"
    );
    assert_eq!(i.class.constructor, Constructor::Fields);
    assert!(i.class.traits.is_empty());
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn instantiate_class_bounds() {
    assert_eq!(
        inst_class("Sorted", &["f64"]),
        Err("`f64` does not implement `Ord`, which `T` of `Sorted` requires".to_string())
    );
    let i = inst_class("Sorted", &["i64"]).unwrap();
    assert_eq!(fields_text(&i.class.fields), "items = items: Vec<i64>");
    // The bounds of an inherent impl count too.
    assert_eq!(
        inst_class("Stack", &["Plain"]),
        Err(
            "`Plain` does not implement `Clone`, which `T` of the impl for `Stack<T>` requires"
                .to_string()
        )
    );
    // A crate trait: a warning.
    let i = inst_class("Tagged", &["i32"]).unwrap();
    assert_eq!(i.warnings, ["cannot check that `T = i32` implements `Tag`"]);
}

#[test]
fn instantiate_class_errors() {
    assert_eq!(
        inst_class("Stack", &[]),
        Err("`Stack` takes 1 type argument (`T`), but 0 are given".to_string())
    );
    assert_eq!(
        inst_class("geo::Pair", &["i32"]),
        Err("`geo::Pair` takes 2 type arguments (`A`, `B`), but 1 is given".to_string())
    );
    assert!(inst_class("Either", &["i32", "i32"])
        .unwrap_err()
        .contains("is an enum"));
    assert!(inst_class("Plain", &["i32"])
        .unwrap_err()
        .contains("is not generic"));
    assert!(inst_class("Borrowed", &["i32"])
        .unwrap_err()
        .contains("lifetime parameters"));
    assert_eq!(
        inst_class("Nowhere", &["i32"]),
        Err("`Nowhere` is not a public struct of the crate".to_string())
    );
    assert!(inst_class("Stack", &["Vec<"])
        .unwrap_err()
        .contains("does not parse"));
}

#[test]
fn instantiate_class_plain_stack() {
    let lib = r#"
#[derive(Clone, Debug, Default)]
pub struct Stack<T> { items: Vec<T> }
impl<T: Clone> Stack<T> {
    pub fn new() -> Self { Stack { items: Vec::new() } }
    pub fn push(&mut self, x: T) { self.items.push(x) }
    pub fn peek(&self) -> Option<T> { self.items.last().cloned() }
    pub fn len(&self) -> usize { self.items.len() }
}
"#;
    let i = instantiate_class(
        &source(&[("src/lib.rs", lib)]),
        "Stack",
        &["i32".to_string()],
    )
    .unwrap();
    assert_eq!(
        class_text(&i),
        "class StackI32 = Stack Struct [Clone, Debug, Default] ctor static new = new() -> Stack<i32>\n\
         method push = push(&mut self, x: i32) -> ()\n\
         method peek = peek(&self) -> Option<i32>\n\
         method len = len(&self) -> usize\n\
         end class StackI32\n"
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn a_module_gives_way_to_a_value_of_its_name() {
    let ex = extract(&source(&[(
        "src/lib.rs",
        "pub mod config { pub fn get() -> u8 { 0 } }\npub fn config() -> u8 { 0 }",
    )]));
    let names: Vec<&str> = ex.interface.items.iter().map(|i| i.name()).collect();
    assert_eq!(names, ["config", "config_mod"]);
}

#[test]
fn iterators_of_results_keep_no_iterator_protocol() {
    let ex = extract(&source(&[(
        "src/lib.rs",
        "pub struct Walk;\nimpl Iterator for Walk { type Item = Result<u8, String>; fn next(&mut self) -> Option<Self::Item> { None } }",
    )]));
    let walk = class_of(&ex, "Walk");
    assert!(!walk.traits.iter().any(|t| t == "Iterator"));
    assert_eq!(walk.iterator_item, None);
}
