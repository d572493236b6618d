//! Property tests: the type grammar and the interface-file reader, with the checker
//! and the generator behind it, never panic, whatever the input. Bounded to a few
//! seconds under `cargo test` (a fixed number of cases, no saved failures); raise
//! `RSBIND_FUZZ_CASES` for a longer run.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rsbind::idl::ty::parse_type;
use rsbind::{backend, check, diag, idl, types};

fn config(cases: u32) -> Config {
    let cases = std::env::var("RSBIND_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces of type syntax, so random strings are mostly almost types.
const TYPE_TOKENS: &[&str] = &[
    "Vec", "Option", "Result", "Box", "u8", "str", "String", "crate", "std", "<", ">", "(", ")",
    "[", "]", ";", "4", "N", ",", "&", "'a", "'static", "mut", "*const", "*mut", "dyn", "impl",
    "fn", "Fn", "->", "+", "::", "=", "Item", "!", " ", "extern", "\"C\"", "unsafe", "r#type", "_",
    "é", "\u{0}", "\n",
];

fn type_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TYPE_TOKENS), 0..24).prop_map(|t| t.concat())
}

/// Lowers a type every way the checker does, with one class in scope.
fn lower_every_way(ty: &idl::ty::TypeExpr) {
    let classes = ["Point".to_string()];
    let env = types::TypeEnv {
        classes: &classes,
        not_clone: &[],
        borrowing: &[],
        traits: &[],
    };
    let _ = types::lower_param(ty, &env);
    let _ = types::lower_return(ty, &env);
    let _ = types::lower_value(ty, &env);
}

proptest! {
    #![proptest_config(config(2000))]

    /// Token soup: parses or says why; what parses prints to a string that parses
    /// back to the same tree, and lowers without a panic.
    #[test]
    fn type_strings_parse_print_and_lower(text in type_text()) {
        if let Ok(ty) = parse_type(&text) {
            let printed = ty.to_string();
            let again = parse_type(&printed);
            prop_assert_eq!(again, Ok(ty.clone()), "printed as {:?}", printed);
            lower_every_way(&ty);
        }
    }

    /// Any characters at all.
    #[test]
    fn type_strings_of_any_chars(chars in prop::collection::vec(any::<char>(), 0..40)) {
        let text: String = chars.into_iter().collect();
        if let Ok(ty) = parse_type(&text) {
            lower_every_way(&ty);
        }
    }
}

/// Whole interface files to start from: the curated case and the documented
/// example.
fn seeds() -> Vec<String> {
    let readme = include_str!("../../idl-spec/README.md");
    let start = readme.find("```ron\n").expect("a ron example") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("the example ends");
    vec![
        include_str!("../../tests/cases/curated/interface.ron").to_string(),
        readme[start..end].to_string(),
    ]
}

/// What a mutation inserts: RON syntax, schema words, type strings, odd text.
const FILE_TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "r#\"",
    "\"#",
    "Some(",
    "None",
    "//",
    "/*",
    "*/",
    "\n",
    "Vec<",
    ">",
    "&",
    "'a",
    "-1",
    "300",
    "99999999999999999999999999999999999999999",
    "1e999",
    "true",
    "\\",
    "é",
    "\u{0}",
    "\u{feff}",
    "name: \"x\", ",
    "ty: \"Vec<Vec<u8>>\", ",
    "Function(name: \"x\", path: \"x\"),",
    "Class(name: \"C\", path: \"C\", shape: Struct),",
    "Skipped(path: \"x\", kind: \"fn\", reason: \"r\"),",
    "Param(name: \"p\", ty: \"u8\", default: Some(\"7\")),",
    "Module(name: \"m\", path: \"m\", items: []),",
    "format: 8,",
    "default: Some(\"1.5\")",
];

#[derive(Clone, Debug)]
enum Edit {
    Delete {
        at: prop::sample::Index,
        len: usize,
    },
    Insert {
        at: prop::sample::Index,
        token: &'static str,
    },
    Copy {
        from: prop::sample::Index,
        len: usize,
        to: prop::sample::Index,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(FILE_TOKENS)
        )
            .prop_map(|(at, token)| Edit::Insert { at, token }),
        (
            any::<prop::sample::Index>(),
            1usize..200,
            any::<prop::sample::Index>()
        )
            .prop_map(|(from, len, to)| Edit::Copy { from, len, to }),
    ]
}

/// The char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, e: &Edit) {
    let at = |ix: &prop::sample::Index, t: &str| boundary(t, ix.index(t.len() + 1));
    match e {
        Edit::Delete { at: ix, len } => {
            let s = at(ix, text);
            let end = boundary(text, s + len);
            text.replace_range(s..end, "");
        }
        Edit::Insert { at: ix, token } => {
            let s = at(ix, text);
            text.insert_str(s, token);
        }
        Edit::Copy { from, len, to } => {
            let s = at(from, text);
            let end = boundary(text, s + len);
            let piece = text[s..end].to_string();
            let t = at(to, text);
            text.insert_str(t, &piece);
        }
    }
}

/// Everything `rsbind check` and `rsbind gen` do without the crate: read, check,
/// render the diagnostics, generate, print the file again.
fn every_stage(text: &str) {
    let name = "fuzz.ron";
    let files: diag::Files = [(name.to_string(), text.to_string())].into_iter().collect();
    match idl::parse(text, name) {
        Err(d) => {
            let _ = diag::render(&d, &files);
        }
        Ok(interface) => {
            let _ = idl::print(&interface);
            match check::lower(&interface, name, text) {
                Err(d) => {
                    let _ = diag::render(&d, &files);
                }
                Ok((module, warnings)) => {
                    let _ = diag::render(&warnings, &files);
                    let ctx = backend::GenContext {
                        source_name: name.to_string(),
                        crate_dir_from_output: "..".to_string(),
                        dependency_dirs_from_output: Default::default(),
                        template_overrides: Default::default(),
                        abi3: false,
                        project: Default::default(),
                    };
                    let _ = backend::generate(&module, &ctx);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(150))]

    /// A valid file with a few random edits: every stage answers with a result or
    /// diagnostics, never a panic.
    #[test]
    fn edited_interface_files_never_panic(
        seed in prop::sample::select(seeds()),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut text = seed;
        for e in &edits {
            apply(&mut text, e);
        }
        every_stage(&text);
    }
}

/// The seeds themselves go through every stage (so the mutations start from
/// files that check).
#[test]
fn seeds_check() {
    for seed in seeds() {
        let interface = idl::parse(&seed, "seed.ron").expect("seed parses");
        assert!(check::lower(&interface, "seed.ron", &seed).is_ok());
        every_stage(&seed);
    }
}
