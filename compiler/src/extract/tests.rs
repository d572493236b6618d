//! Front-end tests: a crate from inline strings in, a compact text form of the
//! interface out.

use super::*;
use crate::diag::Severity;
use crate::idl::Item;

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
    }
}

/// One line per item and skipped entry, then one per diagnostic.
fn render(ex: &Extraction) -> String {
    let mut out = String::new();
    for item in &ex.interface.items {
        let line = match item {
            Item::Exception(e) => format!("exception {} = {}", e.name, e.path),
            Item::Const(v) => format!("const {} = {}: {}", v.name, v.path, v.ty),
            Item::Static(v) => format!("static {} = {}: {}", v.name, v.path, v.ty),
            Item::Function(f) => {
                let params: Vec<String> = f
                    .params
                    .iter()
                    .map(|p| format!("{}: {}", p.name, p.ty))
                    .collect();
                format!(
                    "fn {} = {}({}) -> {}",
                    f.name,
                    f.path,
                    params.join(", "),
                    f.ret
                )
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
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

fn doc_of(ex: &Extraction, name: &str) -> String {
    ex.interface
        .items
        .iter()
        .find_map(|i| match i {
            Item::Function(f) if f.name == name => Some(f.doc.clone()),
            Item::Const(v) | Item::Static(v) if v.name == name => Some(v.doc.clone()),
            Item::Exception(e) if e.name == name => Some(e.doc.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no item {name}"))
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
        fn add = add(a: i32, b: i32) -> i32
        const LIMIT = LIMIT: u32
        static NAME = NAME: &str
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
        skip fn api::area: in submodule `api`: submodules are bound from the classes issue on
        ",
    );
}

#[test]
fn a_visible_path_wins_over_a_hidden_one() {
    check_lib(
        "mod a { pub fn f() {} }\n#[doc(hidden)] pub use a::f;\npub mod b { pub use crate::a::f as g; }",
        "skip fn b::g: in submodule `b`: submodules are bound from the classes issue on",
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
        fn not_ = not(x: bool) -> bool
        fn try_ = try(lambda_: i32, in_: i32, arg2: (i32, i32), arg3: u8, async_: u8) -> ()
        fn pass_ = pass() -> ()
        const None_ = None: u8
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
        pub fn vector(v: Vec<u8>) {}
        pub fn returns_vec() -> Vec<u8> { vec![] }
        pub fn mac() -> my_type!() { todo!() }
        pub fn qualified(x: <u8 as Tr>::Out) {}
        pub fn infer() -> [u8; 2] { [0; 2] }
        #[doc(hidden)] pub fn hidden() {}
        extern "C" { pub fn foreign(x: i32); pub static FOREIGN_VAL: i32; }
        "#,
        "
        fn with_lifetime = with_lifetime(s: &'a str) -> &'a str
        fn c_abi = c_abi(x: i32) -> i32
        skip static FOREIGN_VAL: foreign items (of an `extern` block) are not bound
        skip fn callback: parameter `f`: `impl Trait` parameters (`impl Fn(i32) -> i32`) make the function generic; they are not bound yet
        skip fn danger: unsafe functions cannot be called safely from Python
        skip fn foreign: foreign items (of an `extern` block) are not bound
        skip fn hidden: hidden with `#[doc(hidden)]`
        skip fn infer: return type: `[u8; 2]`...
        skip fn largest: generic functions need instantiations listed in the interface file
        skip fn later: async functions are not bound
        skip fn mac: return type: the type `my_type!()` is made by a macro
        skip fn qualified: parameter `x`: the qualified path type `<u8 as Tr>::Out` is not supported
        skip fn returns_vec: return type: `Vec<u8>`...
        skip fn sized: generic functions need instantiations listed in the interface file
        skip fn vector: parameter `v`: `Vec<u8>`...
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
fn exceptions() {
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
                pub fn unsupported_ok() -> Result<Vec<u8>, NeverBound> { todo!() }
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
        exception ParseError = ParseError
        exception LimitError = LimitError
        exception Derived = Derived
        fn parse = parse(s: &str) -> Result<u8, ParseError>
        fn parse_again = parse_again(s: &str) -> Result<i8, ParseError>
        fn limited = limited() -> Result<u8, LimitError>
        fn derived = derived() -> Result<u8, Derived>
        skip struct GenericError: structs are bound from the classes issue on
        skip struct NeverBound: structs are bound from the classes issue on
        skip struct NoDisplay: structs are bound from the classes issue on
        skip struct Unused: structs are bound from the classes issue on
        skip fn generic_err: return type: the error type `GenericError` is generic
        skip fn no_display: return type: the error type `NoDisplay` does not implement `Display`
        skip fn private_err: return type: uses the private type `errors::Hidden`
        skip fn unsupported_ok: return type: `Vec<u8>`...
        ",
    );
    let ex = extract(&source(&[(
        "src/lib.rs",
        "/// Bad.\n///\n/// Really.\npub struct E;\nimpl std::fmt::Display for E { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }\npub fn f() -> Result<(), E> { Ok(()) }",
    )]));
    assert_eq!(doc_of(&ex, "E"), "Bad.\n\nReally.");
}

#[test]
fn exception_only_in_a_submodule() {
    check(
        &[
            ("src/lib.rs", "pub mod errors; pub fn f() -> Result<(), errors::LimitError> { Ok(()) }"),
            (
                "src/errors.rs",
                "#[derive(Debug)] pub struct LimitError; impl core::fmt::Display for LimitError { fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result { Ok(()) } }",
            ),
        ],
        "
        exception LimitError = errors::LimitError
        fn f = f() -> Result<(), errors::LimitError>
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
        pub const VEC: Vec<u8> = Vec::new();
        pub const TEXT: &'static str = "x";
        "#,
        "
        static PLAIN = PLAIN: f64
        const TEXT = TEXT: &'static str
        skip static COUNTER: mutable statics cannot be read safely
        skip static HITS: live statics are bound from the classes issue on
        skip static LEVEL: live statics are bound from the classes issue on
        skip static LOCK: live statics are bound from the classes issue on
        skip const VEC: `Vec<u8>`...
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
        skip union Bits: unions are not bound
        skip enum Color: enums are bound from the classes issue on
        skip use HashMap: re-exports `std::collections::HashMap` of another crate
        skip struct Point: structs are bound from the classes issue on
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
        "struct Hidden; pub struct Shown; pub fn f(h: &Hidden) {} pub fn g() -> Shown { Shown }",
        "
        skip struct Shown: structs are bound from the classes issue on
        skip fn f: parameter `h`: uses the private type `Hidden`
        skip fn g: return type: `Shown` is not a type rsbind can bind
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
        exception Oops = Oops
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
