//! Each merge rule, comment placement and drift kind, on small in-memory files.

use super::*;
use crate::diag::{self, Files};
use crate::idl::{self, Function, Interface, Item, Param, FORMAT_VERSION};

/// A whole file around `items` and `skipped` (RON text).
fn file(items: &str, skipped: &str) -> String {
    format!(
        "Interface(format: {FORMAT_VERSION}, module: \"m\", crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"), \
         items: [{items}], skipped: [{skipped}])"
    )
}

fn parse(text: &str) -> Interface {
    idl::parse(text, "m.ron").unwrap_or_else(|d| panic!("{d:?}\n{text}"))
}

/// Merges the file `old` with the crate's `fresh` (both texts).
fn merged(old: &str, fresh: &str) -> Merged {
    merge(&parse(old), old, &parse(fresh))
}

fn function<'i>(i: &'i Interface, path: &str) -> &'i Function {
    fn find<'i>(items: &'i [Item], path: &str) -> Option<&'i Function> {
        items.iter().find_map(|item| match item {
            Item::Function(f) if f.path == path => Some(f),
            Item::Module(m) => find(&m.items, path),
            _ => None,
        })
    }
    find(&i.items, path).unwrap_or_else(|| panic!("no fn {path} in {i:#?}"))
}

fn names(items: &[Item]) -> Vec<&str> {
    items.iter().map(Item::name).collect()
}

const ADD: &str = r#"Function(name: "add", path: "add", doc: "Adds.", params: [Param(name: "a", ty: "i64"), Param(name: "b", ty: "i64")], ret: "i64")"#;

// ---- merge: what is kept ----

#[test]
fn keeps_every_curation_of_an_unchanged_item() {
    let old = file(
        r#"Function(name: "plus", path: "add", doc: "Old doc.", doc_override: Some("Mine."), release_gil: true,
            params: [Param(name: "left", ty: "i64", default: Some("1")), Param(name: "b", ty: "i64", default: Some("2"))], ret: "i64")"#,
        "",
    );
    let m = merged(&old, &file(ADD, ""));
    let f = function(&m.interface, "add");
    assert_eq!(f.name, "plus");
    assert_eq!(f.doc, "Adds.", "the crate's doc is refreshed");
    assert_eq!(f.doc_override.as_deref(), Some("Mine."));
    assert!(f.release_gil);
    assert_eq!(
        f.params,
        vec![
            Param {
                name: "left".into(),
                ty: "i64".into(),
                default: Some("1".into()),
                instantiates: None,
                unsafe_no_copy: None,
            },
            Param {
                name: "b".into(),
                ty: "i64".into(),
                default: Some("2".into()),
                instantiates: None,
                unsafe_no_copy: None,
            },
        ]
    );
    assert!(m.summary.is_empty(), "{}", m.summary.render());
}

#[test]
fn keeps_an_unsafe_no_copy_also_when_the_signature_changes() {
    const SUM: &str = r#"Function(name: "sum", path: "sum", params: [Param(name: "xs", ty: "&[f64]")], ret: "f64")"#;
    let old = file(
        r#"Function(name: "sum", path: "sum", release_gil: true,
            params: [Param(name: "xs", ty: "&[f64]", unsafe_no_copy: Some("callers own the array"))], ret: "f64")"#,
        "",
    );
    let kept = |m: &Merged| {
        function(&m.interface, "sum").params[0]
            .unsafe_no_copy
            .clone()
    };
    let same = merged(&old, &file(SUM, ""));
    assert_eq!(kept(&same).as_deref(), Some("callers own the array"));
    // The return type changed: the parameter is matched by name.
    let changed = merged(
        &old,
        &file(&SUM.replace(r#"ret: "f64""#, r#"ret: "f32""#), ""),
    );
    assert_eq!(kept(&changed).as_deref(), Some("callers own the array"));
    // Printed back as it was written.
    assert!(
        idl::print(&same.interface).contains(r#"unsafe_no_copy: Some("callers own the array")"#)
    );
}

#[test]
fn keeps_a_traits_names_and_reports_its_changed_methods() {
    let trait_ = |method_name: &str, ret: &str| {
        format!(
            r#"Trait(name: "Shape", path: "Shape", methods: [Method(name: "{method_name}", rust: "area", receiver: Ref, ret: "{ret}")])"#
        )
    };
    let old = file(
        &trait_("surface", "f64").replace("\"Shape\", path", "\"Form\", path"),
        "",
    );
    let m = merged(&old, &file(&trait_("area", "f64"), ""));
    let Item::Trait(t) = &m.interface.items[0] else {
        panic!("{:#?}", m.interface.items)
    };
    assert_eq!(
        (t.name.as_str(), t.methods[0].name.as_str()),
        ("Form", "surface")
    );
    assert!(m.summary.changed.is_empty(), "{:?}", m.summary.changed);
    let m = merged(&old, &file(&trait_("area", "f32"), ""));
    assert_eq!(m.summary.changed.len(), 1, "{:?}", m.summary.changed);
}

#[test]
fn merging_a_file_with_its_own_crate_changes_nothing() {
    let text = idl::print(&parse(&file(
        &format!(
            r#"{ADD}, Module(name: "geo", path: "geo", items: [Function(name: "area", path: "geo::area", params: [Param(name: "w", ty: "f64")], ret: "f64")]),
            Class(name: "P", path: "P", shape: Struct, traits: ["Clone"], constructor: Fields, fields: [Field(name: "x", rust: "x", ty: "f64")])"#
        ),
        r#"Skipped(path: "largest", kind: "fn", reason: "generic")"#,
    )));
    let m = merge(&parse(&text), &text, &parse(&text));
    assert!(m.summary.is_empty(), "{}", m.summary.render());
    assert_eq!(idl::print_with_comments(&m.interface, &m.comments), text);
}

#[test]
fn keeps_the_file_order_and_adds_new_items_after_those_of_their_module() {
    let fresh = file(
        r#"Function(name: "a", path: "a"), Function(name: "b", path: "b"), Function(name: "c", path: "c"),
           Module(name: "geo", path: "geo", items: [Function(name: "x", path: "geo::x"), Function(name: "y", path: "geo::y")]),
           Function(name: "d", path: "d")"#,
        "",
    );
    // The person put `b` first and `geo` last.
    let old = file(
        r#"Function(name: "b", path: "b"), Function(name: "a", path: "a"),
           Module(name: "geo", path: "geo", items: [Function(name: "y", path: "geo::y")])"#,
        "",
    );
    let m = merged(&old, &fresh);
    assert_eq!(names(&m.interface.items), ["b", "a", "geo", "c", "d"]);
    let Item::Module(geo) = &m.interface.items[2] else {
        panic!("geo is a module")
    };
    assert_eq!(names(&geo.items), ["y", "x"]);
    assert_eq!(m.summary.added, ["fn c", "fn geo::x", "fn d"]);
    assert!(m.summary.removed.is_empty());
}

#[test]
fn a_new_module_comes_with_its_items() {
    let fresh = file(
        r#"Function(name: "a", path: "a"), Module(name: "geo", path: "geo", items: [Function(name: "x", path: "geo::x")])"#,
        "",
    );
    let m = merged(&file(r#"Function(name: "a", path: "a")"#, ""), &fresh);
    assert_eq!(m.interface.items, parse(&fresh).items);
    assert_eq!(m.summary.added, ["module geo", "fn geo::x"]);
}

#[test]
fn an_item_the_person_skipped_stays_skipped() {
    let fresh = file(
        &format!(r#"{ADD}, Function(name: "secret", path: "secret", ret: "i32")"#),
        r#"Skipped(path: "zeta", kind: "fn", reason: "unsafe")"#,
    );
    let old = file(
        ADD,
        r#"Skipped(path: "secret", kind: "fn", reason: "not for Python")"#,
    );
    let m = merged(&old, &fresh);
    assert_eq!(names(&m.interface.items), ["add"]);
    let skipped: Vec<_> = m
        .interface
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [("secret", "not for Python"), ("zeta", "unsafe")],
        "the person's entry, among the crate's, sorted"
    );
    assert_eq!(m.summary.kept_skipped, ["fn secret"]);
    assert!(m.summary.added.is_empty());
    assert!(m.summary.render().contains(
        "kept skipped: fn secret (the crate binds it; delete its `skipped` entry to bind it)"
    ));
}

#[test]
fn a_skipped_method_field_or_const_stays_skipped() {
    let fresh = file(
        r#"Class(name: "P", path: "P", shape: Struct, constructor: None,
            fields: [Field(name: "x", rust: "x", ty: "f64"), Field(name: "y", rust: "y", ty: "f64")],
            methods: [Method(name: "norm", rust: "norm", receiver: Ref, ret: "f64"), Method(name: "raw", rust: "raw", receiver: Ref, ret: "u64")],
            consts: [Value(name: "ZERO", path: "P::ZERO", ty: "P"), Value(name: "ONE", path: "P::ONE", ty: "P")])"#,
        "",
    );
    let old = file(
        r#"Class(name: "P", path: "P", shape: Struct, constructor: None,
            fields: [Field(name: "x", rust: "x", ty: "f64")],
            methods: [Method(name: "norm", rust: "norm", receiver: Ref, ret: "f64")],
            consts: [Value(name: "ZERO", path: "P::ZERO", ty: "P")])"#,
        r#"Skipped(path: "P.y", kind: "field", reason: "private"), Skipped(path: "P::raw", kind: "method", reason: "unsafe in spirit"),
           Skipped(path: "P::ONE", kind: "const", reason: "no")"#,
    );
    let m = merged(&old, &fresh);
    assert_eq!(m.interface.items, parse(&old).items);
    assert_eq!(
        m.summary.kept_skipped,
        ["field P.y", "method P::raw", "const P::ONE"]
    );
    assert_eq!(m.interface.skipped.len(), 3);
}

// ---- merge: what changes ----

#[test]
fn a_vanished_item_is_removed_and_its_curation_reported() {
    let old = file(
        &format!(
            r#"{ADD}, Function(name: "vanishing", path: "gone", doc_override: Some("Mine."), release_gil: true,
                params: [Param(name: "x", ty: "i32", default: Some("3"))], ret: "i32")"#
        ),
        "",
    );
    let m = merged(&old, &file(ADD, ""));
    assert_eq!(names(&m.interface.items), ["add"]);
    assert_eq!(m.summary.removed, ["fn gone"]);
    assert_eq!(
        m.summary.dropped_curation,
        [
            "curation dropped because its item vanished: rename of fn `gone` to `vanishing`",
            "curation dropped because its item vanished: doc override of fn `gone`",
            "curation dropped because its item vanished: release_gil of fn `gone`",
            "curation dropped because its item vanished: default `3` of parameter `x` of fn `gone`",
        ]
    );
}

#[test]
fn a_changed_signature_takes_the_crates_and_keeps_names_and_defaults() {
    let old = file(
        r#"Function(name: "scale", path: "scale", release_gil: true,
            params: [Param(name: "value", ty: "f64"), Param(name: "by", ty: "i32", default: Some("2"))], ret: "f64")"#,
        "",
    );
    let fresh = file(
        r#"Function(name: "scale", path: "scale", params: [Param(name: "x", ty: "f64"), Param(name: "factor", ty: "f64")], ret: "f64")"#,
        "",
    );
    let m = merged(&old, &fresh);
    let f = function(&m.interface, "scale");
    assert_eq!(
        f.params,
        vec![
            Param {
                name: "value".into(),
                ty: "f64".into(),
                default: None,
                instantiates: None,
                unsafe_no_copy: None,
            },
            Param {
                name: "by".into(),
                ty: "f64".into(),
                default: Some("2".into()),
                instantiates: None,
                unsafe_no_copy: None,
            },
        ],
        "same number of parameters: matched by position"
    );
    assert!(f.release_gil);
    assert_eq!(
        m.summary.render(),
        "changed: fn scale: (value: f64, by: i32) -> f64  =>  (value: f64, by: f64) -> f64\n"
    );
}

#[test]
fn a_default_whose_parameter_vanished_is_dropped() {
    let old = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "a", ty: "i32"), Param(name: "b", ty: "i32", default: Some("0")),
            Param(name: "c", ty: "i32", default: Some("1"))])"#,
        "",
    );
    // `b` is gone: the parameters are matched by name.
    let fresh = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "a", ty: "i32"), Param(name: "c", ty: "i32")], ret: "i32")"#,
        "",
    );
    let m = merged(&old, &fresh);
    let f = function(&m.interface, "f");
    assert_eq!(f.params[1].name, "c");
    assert_eq!(f.params[1].default.as_deref(), Some("1"));
    assert_eq!(f.params[0].default, None);
    assert_eq!(
        m.summary.render(),
        "changed: fn f: (a: i32, b: i32, c: i32)  =>  (a: i32, c: i32) -> i32\n\
         curation dropped: default `0` of parameter `b` of fn `f`: the parameter is gone\n"
    );
}

#[test]
fn a_renamed_parameter_keeps_its_name_while_the_parameters_keep_their_types() {
    let old = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "text", ty: "&str"), Param(name: "n", ty: "u32")], ret: "String")"#,
        "",
    );
    // Only the return type changed.
    let fresh = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "word", ty: "&str"), Param(name: "n", ty: "u32")], ret: "Vec<String>")"#,
        "",
    );
    let m = merged(&old, &fresh);
    assert_eq!(function(&m.interface, "f").params[0].name, "text");
    assert_eq!(
        m.summary.changed,
        [(
            "fn f".to_string(),
            "(text: &str, n: u32) -> String".to_string(),
            "(text: &str, n: u32) -> Vec<String>".to_string()
        )]
    );
}

#[test]
fn spacing_in_types_is_no_change() {
    let old = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "a", ty: "Vec< u8 >")], ret: "Option<(i32,i32)>")"#,
        "",
    );
    let fresh = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "a", ty: "Vec<u8>")], ret: "Option<(i32, i32)>")"#,
        "",
    );
    let m = merged(&old, &fresh);
    assert!(m.summary.is_empty(), "{}", m.summary.render());
    assert_eq!(function(&m.interface, "f").params[0].ty, "Vec<u8>");
}

#[test]
fn classes_keep_member_curation_and_report_member_changes() {
    let old = file(
        r#"Class(name: "Pt", path: "Point", doc_override: Some("A point."), shape: Struct, traits: ["Clone"], constructor: Fields,
            fields: [Field(name: "across", rust: "x", ty: "f64"), Field(name: "z", rust: "z", ty: "f64", doc_override: Some("Z."))],
            methods: [
                Method(name: "length", rust: "norm", receiver: Ref, ret: "f64", release_gil: true),
                Method(name: "old", rust: "old", receiver: Ref),
            ]),
           Class(name: "Shape", path: "Shape", shape: Enum, variants: [
                Variant(name: "Round", rust: "Circle", shape: Tuple, fields: [Field(name: "_0", rust: "0", ty: "f64")]),
                Variant(name: "Empty", rust: "Empty", shape: Unit),
           ])"#,
        "",
    );
    let fresh = file(
        r#"Class(name: "Point", path: "Point", doc: "Doc.", shape: Struct, traits: ["Clone", "Debug"], constructor: Fields,
            fields: [Field(name: "x", rust: "x", ty: "f32"), Field(name: "y", rust: "y", ty: "f32")],
            methods: [
                Method(name: "scale", rust: "scale", receiver: RefMut, params: [Param(name: "k", ty: "f32")]),
                Method(name: "norm", rust: "norm", receiver: Ref, ret: "f64"),
            ]),
           Class(name: "Shape", path: "Shape", shape: Enum, variants: [
                Variant(name: "Circle", rust: "Circle", shape: Tuple, fields: [Field(name: "_0", rust: "0", ty: "f32")]),
                Variant(name: "Square", rust: "Square", shape: Unit),
           ])"#,
        "",
    );
    let m = merged(&old, &fresh);
    let Item::Class(p) = &m.interface.items[0] else {
        panic!()
    };
    assert_eq!(p.name, "Pt");
    assert_eq!(p.doc, "Doc.");
    assert_eq!(p.doc_override.as_deref(), Some("A point."));
    assert_eq!(p.traits, ["Clone", "Debug"]);
    let fields: Vec<_> = p
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("across", "f32"), ("y", "f32")],
        "the crate's order"
    );
    let methods: Vec<_> = p
        .methods
        .iter()
        .map(|m| (m.name.as_str(), m.release_gil))
        .collect();
    assert_eq!(
        methods,
        [("length", true), ("scale", false)],
        "the file's order, new ones after"
    );
    let Item::Class(s) = &m.interface.items[1] else {
        panic!()
    };
    let variants: Vec<_> = s.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(variants, ["Round", "Square"]);
    assert_eq!(
        m.summary.render(),
        "added: field Point.y\n\
         added: method Point::scale\n\
         added: variant Shape::Square\n\
         removed: field Point.z\n\
         removed: method Point::old\n\
         removed: variant Shape::Empty\n\
         changed: traits of class Point: [Clone]  =>  [Clone, Debug]\n\
         changed: field Point.x: f64  =>  f32\n\
         changed: variant Shape::Circle: Circle(f64)  =>  Circle(f32)\n\
         changed: field Shape::Circle.0: f64  =>  f32\n\
         curation dropped because its item vanished: doc override of field `Point.z`\n"
    );
}

#[test]
fn a_constructor_keeps_its_curation() {
    let old = file(
        r#"Class(name: "C", path: "C", shape: Struct, constructor: Method(name: "new", rust: "new", receiver: None,
            params: [Param(name: "start", ty: "u32", default: Some("0"))], ret: "C", release_gil: true))"#,
        "",
    );
    let fresh = file(
        r#"Class(name: "C", path: "C", doc: "New doc.", shape: Struct, constructor: Method(name: "new", rust: "new", receiver: None,
            params: [Param(name: "start", ty: "u32")], ret: "C"))"#,
        "",
    );
    let m = merged(&old, &fresh);
    assert_eq!(m.interface.items, {
        let mut items = parse(&old).items;
        if let Item::Class(c) = &mut items[0] {
            c.doc = "New doc.".into();
        }
        items
    });
    assert!(m.summary.is_empty());
}

#[test]
fn a_static_that_became_live_is_a_change() {
    let old = file(
        r#"Static(name: "count", path: "COUNT", ty: "u64", doc_override: Some("Calls."))"#,
        "",
    );
    let fresh = file(
        r#"LiveStatic(name: "COUNT", path: "COUNT", ty: "u64", cell: Atomic)"#,
        "",
    );
    let m = merged(&old, &fresh);
    let Item::LiveStatic(v) = &m.interface.items[0] else {
        panic!()
    };
    assert_eq!(
        (v.name.as_str(), v.doc_override.as_deref()),
        ("count", Some("Calls."))
    );
    assert_eq!(
        m.summary.render(),
        "changed: static COUNT: u64  =>  u64 (atomic)\n"
    );
}

#[test]
fn the_module_name_is_the_persons_and_the_crate_ref_the_crates() {
    let old = file(ADD, "").replace("module: \"m\"", "module: \"mine\"");
    let fresh = file(ADD, "").replace("path: \".\"", "path: \"../m\"");
    let m = merged(&old, &fresh);
    assert_eq!(m.interface.module, "mine");
    assert_eq!(m.interface.krate.path, "../m");
}

// ---- merge: instantiations ----

const LARGEST: &str = r#"Function(name: "largest_i64", path: "largest", type_args: ["i64"], params: [Param(name: "xs", ty: "&[i64]")], ret: "i64")"#;
const GENERIC: &str = r#"Skipped(path: "largest", kind: "fn", reason: "generic functions need instantiations listed in the interface file")"#;

#[test]
fn an_instantiation_stays_while_its_generic_function_exists() {
    let old = file(&format!("{ADD}, {LARGEST}"), GENERIC);
    let m = merged(&old, &file(ADD, GENERIC));
    assert_eq!(m.interface.items, parse(&old).items);
    assert!(m.summary.is_empty(), "{}", m.summary.render());
}

#[test]
fn an_instantiation_of_a_vanished_generic_function_is_dropped() {
    let old = file(&format!("{ADD}, {LARGEST}"), GENERIC);
    let m = merged(&old, &file(ADD, ""));
    assert_eq!(names(&m.interface.items), ["add"]);
    assert_eq!(
        m.summary.render(),
        "curation dropped because its item vanished: instantiation `largest::<i64>` as `largest_i64`\n"
    );
}

#[test]
fn an_instantiation_is_refreshed_by_instantiate() {
    let old = file(LARGEST, GENERIC);
    let refresh = |path: &str, args: &[String]| {
        assert_eq!((path, args), ("largest", &["i64".to_string()][..]));
        Some(Ok(Instantiation {
            params: vec![Param {
                name: "items".into(),
                ty: "Vec<i64>".into(),
                default: None,
                instantiates: None,
                unsafe_no_copy: None,
            }],
            ret: "i64".into(),
            warnings: vec!["the bound `MyTrait` is not checked".into()],
        }))
    };
    let m = merge_with(&parse(&old), &old, &parse(&file("", GENERIC)), &refresh);
    let f = function(&m.interface, "largest");
    assert_eq!(f.params[0].ty, "Vec<i64>");
    assert_eq!(
        f.params[0].name, "xs",
        "the person's name, same number of parameters"
    );
    assert_eq!(
        m.summary.render(),
        "changed: fn largest::<i64>: (xs: &[i64]) -> i64  =>  (xs: Vec<i64>) -> i64\n"
    );
    assert_eq!(
        m.warnings,
        ["fn `largest::<i64>`: the bound `MyTrait` is not checked"]
    );
}

#[test]
fn an_instantiation_that_no_longer_instantiates_is_dropped() {
    let old = file(LARGEST, GENERIC);
    let refresh = |_: &str, _: &[String]| Some(Err("`i64` does not implement `Shape`".to_string()));
    let m = merge_with(&parse(&old), &old, &parse(&file("", GENERIC)), &refresh);
    assert!(m.interface.items.is_empty());
    assert_eq!(
        m.summary.dropped_curation,
        ["curation dropped: instantiation `largest::<i64>` as `largest_i64`: `i64` does not implement `Shape`"]
    );
}

#[test]
fn a_method_instantiation_follows_its_generic_method() {
    let class = |methods: &str| {
        format!(
            r#"Class(name: "Stack", path: "Stack", shape: Struct, constructor: None, methods: [{methods}])"#
        )
    };
    let inst = r#"Method(name: "push_i32", rust: "push", receiver: RefMut, type_args: ["i32"], params: [Param(name: "x", ty: "i32")])"#;
    let old = file(
        &class(inst),
        r#"Skipped(path: "Stack::push", kind: "method", reason: "generic")"#,
    );
    let kept = merged(
        &old,
        &file(
            &class(""),
            r#"Skipped(path: "Stack::push", kind: "method", reason: "generic")"#,
        ),
    );
    assert_eq!(kept.interface.items, parse(&old).items);
    let gone = merged(&old, &file(&class(""), ""));
    assert_eq!(
        gone.summary.render(),
        "curation dropped because its item vanished: instantiation `Stack::push::<i32>` as `push_i32`\n"
    );
}

/// A dependency's class (`from_crate`): its generic method's skipped entry has
/// the crate in front (`mio::Ready::insert`), and an instantiation extract wrote
/// neither drifts nor is dropped on re-extraction.
#[test]
fn a_dependency_class_method_instantiation_follows_its_generic() {
    let class = r#"Class(name: "Ready", path: "Ready", from_crate: Some("mio"), shape: Struct, constructor: None, methods: [
        Method(name: "insert", rust: "insert", receiver: RefMut, type_args: ["mio::Ready"], params: [Param(name: "other", ty: "mio::Ready")])])"#;
    let skip = r#"Skipped(path: "mio::Ready::insert", kind: "method", reason: "generic")"#;
    let text = file(class, skip);
    let (d, shown) = drifts(&text, &text);
    assert!(d.is_empty(), "{shown}");
    let kept = merged(&text, &text);
    assert_eq!(kept.interface.items, parse(&text).items);
    assert!(kept.summary.is_empty(), "{}", kept.summary.render());
}

// ---- comments ----

/// A file a person wrote comments into, in every place they can go.
const COMMENTED: &str = r#"// rsbind interface file for the crate `m`: written by `rsbind extract`, curated by hand.
// Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md.
// Owned by the geometry team.

// Review with the crate's changelog.
Interface(
    format: 8,
    module: "m", // the import name
    crate: CrateRef(package: "m", lib: "m", path: "."),
    doc: "",
    items: [
        // The one everybody calls.
        Function(
            name: "plus",
            path: "add",
            doc: "Adds.",
            params: [
                Param(name: "a", ty: "i64"),
                // Was `b` in Rust.
                Param(name: "other", ty: "i64"), // why: clearer
            ],
            ret: "i64",
            /* CPU-bound:
               the GIL goes. */
            release_gil: true,
        ),
        Function(name: "gone", path: "gone"), // going away
        Class(
            name: "P",
            path: "P",
            doc: "",
            shape: Struct,
            traits: [],
            constructor: Fields,
            fields: [
                // Across.
                Field(name: "x", rust: "x", ty: "f64", doc: ""),
            ],
        ),
        // More to come.
    ],
    skipped: [
        // Not for Python.
        Skipped(path: "secret", kind: "fn", reason: "mine"),
    ],
)
// The end.
"#;

#[test]
fn comments_are_collected_by_what_they_stand_before() {
    let (comments, _) = collect_comments(&parse(COMMENTED), COMMENTED);
    let got: Vec<(&str, Vec<&str>)> = comments
        .before
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("class:P/field:x", vec!["// Across."]),
            ("function:add", vec!["// The one everybody calls."]),
            (
                "function:add/.release_gil",
                vec!["/* CPU-bound:", "   the GIL goes. */"]
            ),
            (
                "function:add/param:1",
                vec!["// Was `b` in Rust.", "// why: clearer"]
            ),
            ("function:gone", vec!["// going away"]),
            (
                "interface",
                vec![
                    "// Owned by the geometry team.",
                    "",
                    "// Review with the crate's changelog."
                ]
            ),
            ("interface/.items/end", vec!["// More to come."]),
            ("interface/.module", vec!["// the import name"]),
            ("skipped:secret", vec!["// Not for Python."]),
            ("trailer", vec!["// The end."]),
        ]
    );
}

#[test]
fn comments_survive_a_re_extraction() {
    let old = parse(COMMENTED);
    let fresh = file(
        &format!(
            r#"{ADD}, Class(name: "P", path: "P", shape: Struct, constructor: Fields, fields: [Field(name: "x", rust: "x", ty: "f64")]),
            Function(name: "secret", path: "secret")"#
        ),
        "",
    );
    let m = merge(&old, COMMENTED, &parse(&fresh));
    let text = idl::print_with_comments(&m.interface, &m.comments);
    let expected = r#"// rsbind interface file for the crate `m`: written by `rsbind extract`, curated by hand.
// Edit it, then run `rsbind gen`. The schema is documented in rsbind's idl-spec/README.md.
// Owned by the geometry team.

// Review with the crate's changelog.
Interface(
    format: 8,
    // the import name
    module: "m",
    crate: CrateRef(package: "m", lib: "m", path: "."),
    doc: "",
    items: [
        // The one everybody calls.
        Function(
            name: "plus",
            path: "add",
            doc: "Adds.",
            params: [
                Param(name: "a", ty: "i64"),
                // Was `b` in Rust.
                // why: clearer
                Param(name: "other", ty: "i64"),
            ],
            ret: "i64",
            /* CPU-bound:
               the GIL goes. */
            release_gil: true,
        ),
        Class(
            name: "P",
            path: "P",
            doc: "",
            shape: Struct,
            traits: [],
            constructor: Fields,
            fields: [
                // Across.
                Field(name: "x", rust: "x", ty: "f64", doc: ""),
            ],
        ),
        // More to come.
    ],
    skipped: [
        // Not for Python.
        Skipped(path: "secret", kind: "fn", reason: "mine"),
    ],
)
// The end.
"#;
    assert_eq!(text, expected);
    assert_eq!(m.summary.removed, ["fn gone"]);
    assert_eq!(
        m.summary.dropped_curation,
        ["curation dropped because its item vanished: comment on fn `gone`: `// going away`"]
    );
    // Printing is a fixed point: merging the result with the same crate again
    // changes nothing (the person's skip is still reported).
    let again = merge(&parse(&text), &text, &parse(&fresh));
    assert_eq!(
        idl::print_with_comments(&again.interface, &again.comments),
        text
    );
    assert_eq!(
        again.summary,
        Summary {
            kept_skipped: vec!["fn secret".to_string()],
            ..Summary::default()
        }
    );
}

#[test]
fn comments_follow_their_item_when_it_moves_and_stay_when_a_field_line_goes() {
    let old = r#"Interface(format: 8, module: "m", crate: CrateRef(package: "m", lib: "m", path: "."), items: [
    // About b.
    Function(name: "b", path: "b",
        // No GIL needed any more?
        release_gil: true),
    // About a.
    Function(name: "a", path: "a"),
])"#;
    let m = merged(
        old,
        &file(
            r#"Function(name: "a", path: "a"), Function(name: "b", path: "b")"#,
            "",
        ),
    );
    let mut edited = m.clone();
    // The person took the GIL flag off: its comment stays with the item.
    if let Item::Function(f) = &mut edited.interface.items[0] {
        f.release_gil = false;
    }
    let text = idl::print_with_comments(&edited.interface, &edited.comments);
    assert!(
        text.contains(
            "    items: [\n        // About b.\n        Function(\n            name: \"b\",\n            path: \"b\",\n            doc: \"\",\n            params: [],\n            ret: \"()\",\n            // No GIL needed any more?\n        ),\n        // About a.\n        Function(\n"
        ),
        "{text}"
    );
    assert!(idl::unprinted_comments(&edited.interface, &edited.comments).is_empty());
}

#[test]
fn comment_syntax_inside_strings_is_not_a_comment() {
    let text = file(
        r##"Function(name: "f", path: "f", doc: "see http://x // not a comment /* nor this */", params: [Param(name: "a", ty: "i32", default: Some(r#""//""#))])"##,
        "",
    );
    let (comments, _) = collect_comments(&parse(&text), &text);
    assert!(comments.is_empty(), "{comments:?}");
}

#[test]
fn a_broken_layout_never_panics() {
    // Odd but valid RON: everything on one line, comments in odd places.
    let text = "/*a*/Interface(/*b*/format: 8, module: \"m\", crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"), items: [Function(name: \"f\", path: \"f\" /* c */), /* d */], /* e */)/*f*/";
    let old = parse(text);
    let m = merge(&old, text, &old);
    let printed = idl::print_with_comments(&m.interface, &m.comments);
    for c in ["/*a*/", "/*b*/", "/* c */", "/* d */", "/* e */", "/*f*/"] {
        assert!(printed.contains(c), "{c} is lost:\n{printed}");
    }
    assert_eq!(parse(&printed).items, old.items);
}

// ---- drift ----

fn drifts(file_text: &str, fresh: &str) -> (Vec<Drift>, String) {
    let d = drift(&parse(file_text), &parse(fresh));
    let diags = drift_diagnostics(&d, file_text, "m.ron", "rsbind extract crate -o m.ron");
    let files: Files = [("m.ron".to_string(), file_text.to_string())]
        .into_iter()
        .collect();
    (d, diag::render(&diags, &files))
}

#[test]
fn no_drift_when_only_the_persons_side_differs() {
    let old = file(
        &format!(
            r#"Function(name: "plus", path: "add", doc_override: Some("Mine."), release_gil: true,
                params: [Param(name: "x", ty: "i64", default: Some("1")), Param(name: "b", ty: "i64")], ret: "i64"), {LARGEST}"#
        ),
        r#"Skipped(path: "secret", kind: "fn", reason: "mine")"#,
    );
    let fresh = file(
        &format!(r#"{ADD}, Function(name: "secret", path: "secret")"#),
        GENERIC,
    );
    let (d, text) = drifts(&old, &fresh);
    assert!(d.is_empty(), "{text}");
}

#[test]
fn a_changed_signature_is_an_error_with_both_versions() {
    let old = "Interface(format: 8, module: \"m\", crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"), items: [\n    Function(name: \"f\", path: \"f\", params: [Param(name: \"a\", ty: \"i32\")], ret: \"i32\"),\n])\n";
    let fresh = file(
        r#"Function(name: "f", path: "f", params: [Param(name: "a", ty: "i64")], ret: "i64")"#,
        "",
    );
    let (d, text) = drifts(old, &fresh);
    assert_eq!(d.len(), 1);
    assert!(d[0].is_error());
    assert_eq!(
        text,
        "error: fn `f` changed in the crate: the crate now has `fn f(a: i64) -> i64`, the file says `fn f(a: i32) -> i32`\n  \
         ┌─ m.ron:2:31\n  │\n2 │     Function(name: \"f\", path: \"f\", params: [Param(name: \"a\", ty: \"i32\")], ret: \"i32\"),\n  \
         │                               ^^^ the file's version\n  │\n  \
         = help: run `rsbind extract crate -o m.ron` to update the file (your edits are kept)\n\n"
    );
}

#[test]
fn vanished_items_are_errors_and_new_ones_warnings() {
    let old = file(
        &format!(r#"{ADD}, Function(name: "gone", path: "gone"), Function(name: "u", path: "u")"#),
        "",
    );
    let fresh = file(
        &format!(r#"{ADD}, Function(name: "new_one", path: "new_one")"#),
        r#"Skipped(path: "u", kind: "fn", reason: "unsafe functions cannot be called safely from Python")"#,
    );
    let (d, text) = drifts(&old, &fresh);
    let kinds: Vec<_> = d
        .iter()
        .map(|d| (d.what.to_string(), d.is_error()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("fn gone".to_string(), true),
            ("fn u".to_string(), true),
            ("fn new_one".to_string(), false)
        ]
    );
    assert!(
        text.contains("error: fn `gone` is not in the crate"),
        "{text}"
    );
    assert!(
        text.contains("error: fn `u` can no longer be bound: unsafe functions cannot be called safely from Python"),
        "{text}"
    );
    assert!(
        text.contains("warning: fn `new_one` is in the crate but not in the interface file yet"),
        "{text}"
    );
}

/// A `path` or `rust:` name the crate never had (a typo) is "not in the crate",
/// with the crate's nearest name of the same kind.
#[test]
fn misspelt_rust_names_get_a_did_you_mean() {
    let old = file(
        r#"Function(name: "add", path: "ad", params: [Param(name: "a", ty: "i64"), Param(name: "b", ty: "i64")], ret: "i64"),
           Class(name: "P", path: "P", shape: Struct, constructor: None,
            fields: [Field(name: "x", rust: "xx", ty: "f64")],
            methods: [Method(name: "norm", rust: "nrom", receiver: Ref, ret: "f64")])"#,
        "",
    );
    let fresh = file(
        &format!(
            r#"{ADD}, Class(name: "P", path: "P", shape: Struct, constructor: None,
            fields: [Field(name: "x", rust: "x", ty: "f64")],
            methods: [Method(name: "norm", rust: "norm", receiver: Ref, ret: "f64")])"#
        ),
        "",
    );
    let old = old.replace(
        "skipped: [",
        r#"skipped: [Skipped(path: "P::nrm", kind: "method", reason: "mine"), Skipped(path: "zzz", kind: "fn", reason: "mine")"#,
    );
    let (_, text) = drifts(&old, &fresh);
    assert!(
        text.contains("warning: skipped entry `P::nrm` names nothing in the crate")
            && text.contains("= help: did you mean `P::norm`?")
            && text.contains("warning: skipped entry `zzz` names nothing in the crate"),
        "{text}"
    );
    for (what, meant) in [
        ("fn `ad`", "add"),
        ("field `P.xx`", "x"),
        ("method `P::nrom`", "norm"),
    ] {
        let at = text
            .find(&format!("error: {what} is not in the crate"))
            .unwrap_or_else(|| panic!("{what}: {text}"));
        let next = text[at + 1..]
            .find("error:")
            .map_or(text.len(), |n| at + 1 + n);
        assert!(
            text[at..next].contains(&format!("= help: did you mean `{meant}`?")),
            "{what}: {text}"
        );
    }
}

#[test]
fn class_drift_field_variant_method_const_shape() {
    let old = file(
        r#"Class(name: "P", path: "P", shape: Struct, traits: ["Clone", "Hash"], constructor: Fields,
            fields: [Field(name: "x", rust: "x", ty: "f64"), Field(name: "gone", rust: "gone", ty: "u8")],
            methods: [Method(name: "norm", rust: "norm", receiver: Ref, ret: "f64")],
            consts: [Value(name: "ZERO", path: "P::ZERO", ty: "P")]),
           Class(name: "E", path: "E", shape: Enum, variants: [Variant(name: "A", rust: "A", shape: Unit)]),
           Class(name: "S", path: "S", shape: Struct, constructor: None)"#,
        "",
    );
    let fresh = file(
        r#"Class(name: "P", path: "P", shape: Struct, traits: ["Clone"], constructor: Fields,
            fields: [Field(name: "x", rust: "x", ty: "f32"), Field(name: "y", rust: "y", ty: "f32")],
            methods: [Method(name: "norm", rust: "norm", receiver: RefMut, ret: "f64"), Method(name: "more", rust: "more", receiver: Ref)],
            consts: [Value(name: "ZERO", path: "P::ZERO", ty: "i32")]),
           Class(name: "E", path: "E", shape: Enum, variants: [Variant(name: "A", rust: "A", shape: Tuple, fields: [Field(name: "_0", rust: "0", ty: "u8")]),
                Variant(name: "B", rust: "B", shape: Unit)]),
           Class(name: "S", path: "S", shape: Enum)"#,
        "",
    );
    let (d, text) = drifts(&old, &fresh);
    let got: Vec<String> = d
        .iter()
        .map(|d| match &d.kind {
            DriftKind::Changed { file, krate } => format!("changed {}: {file} => {krate}", d.what),
            DriftKind::Vanished { .. } => format!("vanished {}", d.what),
            DriftKind::Invalid { reason } => format!("invalid {}: {reason}", d.what),
            DriftKind::New { needed } => format!("new {} (needed: {needed})", d.what),
            DriftKind::UnknownSkip { .. } => format!("unknown skip {}", d.what),
        })
        .collect();
    assert_eq!(
        got,
        [
            "changed traits of class P: P: Clone + Hash => P: Clone",
            "changed field P.x: P.x: f64 => P.x: f32",
            "vanished field P.gone",
            "new field P.y (needed: true)",
            "changed method P::norm: fn P::norm(&self) -> f64 => fn P::norm(&mut self) -> f64",
            "new method P::more (needed: false)",
            "changed const P::ZERO: const P::ZERO: P => const P::ZERO: i32",
            "changed variant E::A: E::A => E::A(u8)",
            "new variant E::B (needed: true)",
            "changed class S: struct S => enum S",
        ]
    );
    assert_eq!(diag::render(&[], &Files::new()), "");
    assert!(text.contains(
        "= help: run `rsbind extract crate -o m.ron` to update the file (your edits are kept)"
    ));
}

#[test]
fn instantiation_drift() {
    let old = file(LARGEST, "");
    let (d, _) = drifts(&old, &file("", ""));
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].kind,
        DriftKind::Vanished {
            reason: None,
            meant: None
        }
    );
    let refresh = |_: &str, _: &[String]| {
        Some(Ok(Instantiation {
            params: vec![Param {
                name: "xs".into(),
                ty: "&[i32]".into(),
                default: None,
                instantiates: None,
                unsafe_no_copy: None,
            }],
            ret: "i32".into(),
            warnings: vec![],
        }))
    };
    let d = drift_with(&parse(&old), &parse(&file("", GENERIC)), &refresh);
    assert_eq!(
        d[0].kind,
        DriftKind::Changed {
            file: "fn largest::<i64>(xs: &[i64]) -> i64".into(),
            krate: "fn largest::<i64>(xs: &[i32]) -> i32".into()
        }
    );
    let invalid = |_: &str, _: &[String]| Some(Err("no".to_string()));
    let d = drift_with(&parse(&old), &parse(&file("", GENERIC)), &invalid);
    assert_eq!(
        d[0].kind,
        DriftKind::Invalid {
            reason: "no".into()
        }
    );
}

#[test]
fn static_and_module_drift() {
    let old = file(
        r#"Static(name: "S", path: "S", ty: "u8"), Const(name: "C", path: "C", ty: "u8"),
           Module(name: "geo", path: "geo", items: [Function(name: "f", path: "geo::f")]), Module(name: "old", path: "old")"#,
        "",
    );
    let fresh = file(
        r#"LiveStatic(name: "S", path: "S", ty: "u8", cell: Mutex), Const(name: "C", path: "C", ty: "u16"),
           Module(name: "geo", path: "geo", items: [Function(name: "f", path: "geo::f"), Function(name: "g", path: "geo::g")])"#,
        "",
    );
    let (d, text) = drifts(&old, &fresh);
    let got: Vec<(String, bool)> = d
        .iter()
        .map(|d| (d.what.to_string(), d.is_error()))
        .collect();
    assert_eq!(
        got,
        [
            ("static S".to_string(), true),
            ("const C".to_string(), true),
            ("module old".to_string(), true),
            ("fn geo::g".to_string(), false),
        ]
    );
    assert!(
        text.contains("the crate now has `static S: u8 (Mutex)`, the file says `static S: u8`"),
        "{text}"
    );
}

#[test]
fn a_comment_anywhere_is_kept_and_the_output_reads() {
    // Every place a comment can go in a file: the comment is written again
    // exactly once, and the file still reads as the same interface.
    let base = COMMENTED;
    let interface = parse(base);
    let mut tried = 0;
    let existing = super::comments::scan(base);
    for (at, _) in base.char_indices() {
        if existing
            .iter()
            .any(|c| c.range.start < at && at <= c.range.end)
        {
            continue; // inside a comment: not a new one
        }
        for comment in [" /* c */ ", "// c\n"] {
            let text = format!("{}{comment}{}", &base[..at], &base[at..]);
            let Ok(old) = idl::parse(&text, "m.ron") else {
                continue;
            };
            tried += 1;
            let m = merge(&old, &text, &old);
            let printed = idl::print_with_comments(&m.interface, &m.comments);
            let again = idl::parse(&printed, "m.ron")
                .unwrap_or_else(|d| panic!("{d:?}\nfrom:\n{text}\nprinted:\n{printed}"));
            assert_eq!(again, m.interface, "from:\n{text}");
            if old != interface {
                continue; // inside a string: a value, not a comment
            }
            let mark = comment.trim();
            assert_eq!(
                printed.matches(mark).count(),
                1,
                "from:\n{text}\nprinted:\n{printed}"
            );
            assert!(m.summary.dropped_curation.is_empty(), "{:?}", m.summary);
            assert_eq!(m.interface.items, interface.items);
        }
    }
    assert!(tried > 100, "only {tried} placements read");
}

#[test]
fn a_class_from_a_dependency_is_not_the_crates_own() {
    let fresh = file(
        r#"Class(name: "Point", path: "Point", shape: Unit, constructor: None),
           Module(name: "shapes", path: "shapes", items: [Class(name: "Point", path: "Point", from_crate: Some("shapes"), shape: Unit, constructor: None)])"#,
        "",
    );
    let old = fresh
        .replacen("name: \"Point\"", "name: \"OwnPoint\"", 1)
        .replacen("name: \"Point\"", "name: \"ShapesPoint\"", 1);
    let m = merged(&old, &fresh);
    assert_eq!(m.interface, parse(&old));
    assert!(m.summary.is_empty(), "{}", m.summary.render());
    let text = idl::print(&m.interface);
    let (comments, _) = collect_comments(&m.interface, &text);
    assert!(comments.is_empty());
    assert!(drift(&parse(&old), &parse(&fresh)).is_empty());
}

#[test]
fn an_impl_trait_parameters_concrete_type_is_the_persons() {
    let param = |ty: &str| {
        format!(
            r#"Function(name: "greet", path: "greet", params: [Param(name: "name", ty: "{ty}", instantiates: Some("impl AsRef<str>"))], ret: "String")"#
        )
    };
    let old = file(&param("&str"), "");
    let fresh = file(&param("String"), "");
    let m = merged(&old, &fresh);
    assert!(m.summary.is_empty(), "{}", m.summary.render());
    let f = function(&m.interface, "greet");
    assert_eq!(f.params[0].ty, "&str");
    assert_eq!(f.params[0].instantiates.as_deref(), Some("impl AsRef<str>"));
    let (d, text) = drifts(&old, &fresh);
    assert!(d.is_empty(), "{text}");
    // A parameter that no longer instantiates the trait is a change.
    let plain = file(
        r#"Function(name: "greet", path: "greet", params: [Param(name: "name", ty: "String")], ret: "String")"#,
        "",
    );
    let (d, _) = drifts(&old, &plain);
    assert_eq!(d.len(), 1);
}

// ---- extension traits: one method of one trait for two types ----

const CHECKSUMS: &str = r#"Function(name: "checksum_str", path: "<str as Checksum>::checksum", params: [Param(name: "value", ty: "&str")], ret: "u32"),
    Function(name: "checksum_bytes", path: "<[u8] as Checksum>::checksum", params: [Param(name: "value", ty: "&[u8]")], ret: "u32")"#;

#[test]
fn extension_functions_of_one_method_are_told_apart_by_their_impl() {
    // The person renamed one; the crate changed the other's return type.
    let old = file(
        &CHECKSUMS.replace(r#"name: "checksum_bytes""#, r#"name: "sum_bytes""#),
        "",
    );
    let fresh = file(
        &CHECKSUMS.replace(
            r#"ty: "&[u8]")], ret: "u32")"#,
            r#"ty: "&[u8]")], ret: "u64")"#,
        ),
        "",
    );
    let m = merged(&old, &fresh);
    let bytes = function(&m.interface, "<[u8] as Checksum>::checksum");
    assert_eq!(bytes.name, "sum_bytes");
    assert_eq!(bytes.ret, "u64");
    let text = function(&m.interface, "<str as Checksum>::checksum");
    assert_eq!(
        (text.name.as_str(), text.ret.as_str()),
        ("checksum_str", "u32")
    );
    assert!(m.summary.added.is_empty() && m.summary.removed.is_empty());
    assert_eq!(
        m.summary.render(),
        "changed: fn <[u8] as Checksum>::checksum: (value: &[u8]) -> u32  =>  (value: &[u8]) -> u64\n"
    );
    let (d, text) = drifts(&old, &fresh);
    assert_eq!(d.len(), 1, "{text}");
    assert_eq!(d[0].what.path, "<[u8] as Checksum>::checksum");
}

#[test]
fn an_extension_impl_that_vanished_is_removed() {
    let old = file(CHECKSUMS, "");
    let fresh = file(
        r#"Function(name: "checksum", path: "<str as Checksum>::checksum", params: [Param(name: "value", ty: "&str")], ret: "u32")"#,
        "",
    );
    let m = merged(&old, &fresh);
    assert_eq!(names(&m.interface.items), vec!["checksum_str"]);
    assert_eq!(m.summary.removed, vec!["fn <[u8] as Checksum>::checksum"]);
    assert!(
        m.summary.dropped_curation.is_empty(),
        "a name extraction gave is no curation: {}",
        m.summary.render()
    );
    let (d, _) = drifts(&old, &fresh);
    assert!(matches!(d[0].kind, DriftKind::Vanished { .. }));
}
