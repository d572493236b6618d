//! The layout of every struct the C runtime (`runtime-c/rsbind.h`) and the Rust
//! runtime (`runtime-rs/rsbind_rt.rs`) exchange, in one table. Both files carry
//! the assertions this table renders, between `rsbind layout table` marker
//! lines: size, alignment and every field offset in C (`_Static_assert`) and in
//! Rust (`const _: () = { assert!(..) }`), with the same numbers, so a struct
//! that changes on one side only fails the build of every generated package
//! instead of corrupting memory.
//!
//! The numbers are computed here by C's layout rules for each pointer width.
//! On 32-bit targets the alignment of 64-bit integers differs between
//! platforms (4 on x86, 8 on ARM), so there only the structs without 64-bit
//! integers are asserted.
//!
//! The tests below check that both runtime files carry exactly the rendered
//! assertions (`RSBIND_UPDATE_LAYOUT=1` rewrites them after a change of the
//! table), and that the assertions reject a struct that drifted, with `cc` and
//! `rustc`.

// The renderers of the runtime files' assertions run in the tests, which keep
// those files in step; outside tests only `c_type_layout` is used.
#![cfg_attr(not(test), allow(dead_code))]

/// The type of a field, by how it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldTy {
    U32,
    I32,
    U64,
    I64,
    /// A data pointer, `size_t` or `usize`.
    Word,
    /// Another struct of the table, by its C name.
    Struct(&'static str),
}

/// One exchanged struct: its C name, its Rust spelling, and its fields in
/// order (the names are the same on both sides).
struct StructLayout {
    c_name: &'static str,
    rust_name: &'static str,
    fields: &'static [(&'static str, FieldTy)],
}

use FieldTy::*;

const STRUCTS: &[StructLayout] = &[
    StructLayout {
        c_name: "rsbind_str",
        rust_name: "RsbindStr",
        fields: &[("ptr", Word), ("len", Word)],
    },
    StructLayout {
        c_name: "rsbind_string",
        rust_name: "RsbindString",
        fields: &[("ptr", Word), ("len", Word), ("cap", Word)],
    },
    StructLayout {
        c_name: "rsbind_seq_parts",
        rust_name: "RsbindSeqParts",
        fields: &[("ptr", Word), ("len", Word), ("stride", Word)],
    },
    StructLayout {
        c_name: "rsbind_u128",
        rust_name: "RsbindU128",
        fields: &[("lo", U64), ("hi", U64)],
    },
    StructLayout {
        c_name: "rsbind_i128",
        rust_name: "RsbindI128",
        fields: &[("lo", U64), ("hi", I64)],
    },
    StructLayout {
        c_name: "rsbind_duration",
        rust_name: "RsbindDuration",
        fields: &[("secs", U64), ("nanos", U32)],
    },
    StructLayout {
        c_name: "rsbind_time",
        rust_name: "RsbindTime",
        fields: &[("secs", I64), ("nanos", U32)],
    },
    StructLayout {
        c_name: "rsbind_error",
        rust_name: "RsbindError",
        fields: &[
            ("kind", U32),
            ("class_index", U32),
            ("os_errno", I32),
            ("message", Struct("rsbind_string")),
            ("value", Word),
        ],
    },
    // The slices and vectors are generic in Rust; the layout is the same for
    // every item type, and C sees `void *`.
    StructLayout {
        c_name: "rsbind_slice",
        rust_name: "RsbindSlice<u8>",
        fields: &[("ptr", Word), ("len", Word)],
    },
    StructLayout {
        c_name: "rsbind_slice_mut",
        rust_name: "RsbindSliceMut<u8>",
        fields: &[("ptr", Word), ("len", Word)],
    },
    StructLayout {
        c_name: "rsbind_vec",
        rust_name: "RsbindVec<u8>",
        fields: &[("ptr", Word), ("len", Word), ("cap", Word)],
    },
];

/// Values that cross as plain integers: the error kinds of `rsbind_error`
/// (C name, Rust name, value).
const VALUES: &[(&str, &str, u64)] = &[
    ("RSBIND_ERR_PANIC", "KIND_PANIC", 1),
    ("RSBIND_ERR_CRATE", "KIND_CRATE", 2),
    ("RSBIND_ERR_RUNTIME", "KIND_RUNTIME", 3),
    ("RSBIND_ERR_IO", "KIND_IO", 4),
    ("RSBIND_ERR_VALUE", "KIND_VALUE", 6),
    ("RSBIND_ERR_PYTHON", "KIND_PYTHON", 7),
];

/// A pointer width the assertions cover: how C and Rust tell it.
struct Target {
    word: usize,
    c_condition: &'static str,
    rust_cfg: &'static str,
}

const TARGETS: &[Target] = &[
    Target {
        word: 8,
        c_condition: "UINTPTR_MAX == UINT64_MAX",
        rust_cfg: "target_pointer_width = \"64\"",
    },
    Target {
        word: 4,
        c_condition: "UINTPTR_MAX == UINT32_MAX",
        rust_cfg: "target_pointer_width = \"32\"",
    },
];

/// Size, alignment and field offsets of a struct on a target.
struct Computed {
    size: usize,
    align: usize,
    offsets: Vec<(&'static str, usize)>,
}

fn find(c_name: &str) -> &'static StructLayout {
    STRUCTS
        .iter()
        .find(|s| s.c_name == c_name)
        .unwrap_or_else(|| panic!("{c_name} is not in the layout table"))
}

/// (size, alignment) of a field type; None where the platform decides
/// (64-bit integers on 32-bit targets).
fn field_layout(ty: FieldTy, word: usize) -> Option<(usize, usize)> {
    match ty {
        U32 | I32 => Some((4, 4)),
        U64 | I64 if word == 8 => Some((8, 8)),
        U64 | I64 => None,
        Word => Some((word, word)),
        Struct(name) => compute(find(name), word).map(|c| (c.size, c.align)),
    }
}

/// C's rules: each field at the next multiple of its alignment, the size
/// rounded up to the largest alignment.
fn compute(layout: &StructLayout, word: usize) -> Option<Computed> {
    let mut offset = 0usize;
    let mut align = 1;
    let mut offsets = Vec::new();
    for &(name, ty) in layout.fields {
        let (size, field_align) = field_layout(ty, word)?;
        offset = offset.next_multiple_of(field_align);
        offsets.push((name, offset));
        offset += size;
        align = align.max(field_align);
    }
    Some(Computed {
        size: offset.next_multiple_of(align),
        align,
        offsets,
    })
}

/// (size, alignment) of a C type the generated composites hold, on a target of
/// `word` bytes: the integers, floats and pointers C has, and the runtime's
/// structs of the table. `None` for a type it does not know.
pub(crate) fn c_type_layout(c_type: &str, word: usize) -> Option<(usize, usize)> {
    let c_type = c_type.trim();
    if c_type.ends_with('*') {
        return Some((word, word));
    }
    let fixed = match c_type {
        "bool" | "int8_t" | "uint8_t" | "char" => (1, 1),
        "int16_t" | "uint16_t" => (2, 2),
        "int32_t" | "uint32_t" | "float" => (4, 4),
        "int64_t" | "uint64_t" | "double" if word == 8 => (8, 8),
        "size_t" | "Py_ssize_t" | "intptr_t" | "uintptr_t" => (word, word),
        _ => {
            let layout = STRUCTS.iter().find(|s| s.c_name == c_type)?;
            let computed = compute(layout, word)?;
            (computed.size, computed.align)
        }
    };
    Some(fixed)
}

const C_BEGIN: &str = "/* rsbind layout table: begin";
const C_END: &str = "/* rsbind layout table: end */";
const RUST_BEGIN: &str = "// rsbind layout table: begin";
const RUST_END: &str = "// rsbind layout table: end";

/// The block of `_Static_assert`s that rsbind.h carries.
fn c_assertions() -> String {
    let mut out = format!(
        "{C_BEGIN} (generated from compiler/src/backend/runtime_layout.rs) ----\n \
         * Every struct exchanged with the Rust runtime, whose rsbind_rt.rs asserts the\n \
         * same numbers: a struct that changes on one side only fails the build. */\n"
    );
    for (i, target) in TARGETS.iter().enumerate() {
        let keyword = if i == 0 { "#if" } else { "#elif" };
        out.push_str(&format!("{keyword} {}\n", target.c_condition));
        for layout in STRUCTS {
            let Some(computed) = compute(layout, target.word) else {
                continue;
            };
            let (c, rust) = (layout.c_name, layout.rust_name);
            out.push_str(&format!(
                "_Static_assert(sizeof({c}) == {}, \"{c}: size differs from {rust}\");\n",
                computed.size
            ));
            out.push_str(&format!(
                "_Static_assert(RSBIND_ALIGNOF({c}) == {}, \"{c}: alignment differs from {rust}\");\n",
                computed.align
            ));
            for (field, offset) in &computed.offsets {
                out.push_str(&format!(
                    "_Static_assert(offsetof({c}, {field}) == {offset}, \"{c}.{field}: offset differs from {rust}\");\n"
                ));
            }
        }
    }
    out.push_str("#endif\n");
    for (c, rust, value) in VALUES {
        out.push_str(&format!(
            "_Static_assert({c} == {value}, \"{c} differs from {rust}\");\n"
        ));
    }
    out.push_str(C_END);
    out.push('\n');
    out
}

/// The block of `const _` assertions that rsbind_rt.rs carries.
fn rust_assertions() -> String {
    let mut out = format!(
        "{RUST_BEGIN} (generated from compiler/src/backend/runtime_layout.rs).\n\
         // Every struct exchanged with the C runtime, whose rsbind.h asserts the same\n\
         // numbers: a struct that changes on one side only fails the build.\n"
    );
    for target in TARGETS {
        out.push_str(&format!("#[cfg({})]\nconst _: () = {{\n", target.rust_cfg));
        for layout in STRUCTS {
            let Some(computed) = compute(layout, target.word) else {
                continue;
            };
            let rust = layout.rust_name;
            out.push_str(&format!(
                "    assert!(core::mem::size_of::<{rust}>() == {});\n",
                computed.size
            ));
            out.push_str(&format!(
                "    assert!(core::mem::align_of::<{rust}>() == {});\n",
                computed.align
            ));
            for (field, offset) in &computed.offsets {
                out.push_str(&format!(
                    "    assert!(core::mem::offset_of!({rust}, {field}) == {offset});\n"
                ));
            }
        }
        out.push_str("};\n");
    }
    out.push_str("const _: () = {\n");
    for (_, rust, value) in VALUES {
        out.push_str(&format!("    assert!({rust} == {value});\n"));
    }
    out.push_str("};\n");
    out.push_str(RUST_END);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output};

    fn repo_file(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    }

    /// The text of `file` from the line starting with `begin` to the line
    /// `end`, inclusive (with its newline).
    fn block<'a>(file: &'a str, begin: &str, end: &str) -> Option<&'a str> {
        let start = file.find(begin)?;
        let stop = start + file[start..].find(end)? + end.len() + 1;
        file.get(start..stop)
    }

    fn check_carries(path: &str, expected: &str, begin: &str, end: &str) {
        let path = repo_file(path);
        let text = std::fs::read_to_string(&path).expect("the runtime file is readable");
        let found = block(&text, begin, end)
            .unwrap_or_else(|| panic!("{} has no `{begin}` ... `{end}` block", path.display()));
        if found == expected {
            return;
        }
        if std::env::var_os("RSBIND_UPDATE_LAYOUT").is_some() {
            let updated = text.replacen(found, expected, 1);
            std::fs::write(&path, updated).expect("the runtime file is writable");
            return;
        }
        panic!(
            "{}'s layout assertions are not those of the table; rerun with RSBIND_UPDATE_LAYOUT=1 \
             to rewrite them. Expected:\n{expected}",
            path.display()
        );
    }

    #[test]
    fn runtime_files_carry_the_table() {
        check_carries("runtime-c/rsbind.h", &c_assertions(), C_BEGIN, C_END);
        check_carries(
            "runtime-rs/rsbind_rt.rs",
            &rust_assertions(),
            RUST_BEGIN,
            RUST_END,
        );
    }

    #[test]
    fn layouts_follow_c_rules() {
        let error = compute(find("rsbind_error"), 8).expect("a 64-bit layout");
        assert_eq!((error.size, error.align), (48, 8));
        assert_eq!(
            error.offsets,
            [
                ("kind", 0),
                ("class_index", 4),
                ("os_errno", 8),
                ("message", 16),
                ("value", 40)
            ]
        );
        let error = compute(find("rsbind_error"), 4).expect("a 32-bit layout");
        assert_eq!((error.size, error.align), (28, 4));
        assert!(compute(find("rsbind_duration"), 4).is_none());
        let duration = compute(find("rsbind_duration"), 8).expect("a 64-bit layout");
        assert_eq!((duration.size, duration.align), (16, 8));
    }

    /// A scratch folder for one test, emptied first.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rsbind-layout-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    }

    fn run(cmd: &mut Command, tool: &str) -> Output {
        cmd.output()
            .unwrap_or_else(|e| panic!("cannot run {tool} ({e}); the layout tests need it"))
    }

    /// `text` with `from` replaced once; `from` must occur exactly once.
    fn drift(text: &str, from: &str, to: &str) -> String {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` occurs once in the runtime"
        );
        text.replacen(from, to, 1)
    }

    /// Compiles a C file that includes `header` as rsbind.h: Ok, or the errors.
    fn compile_c(name: &str, header: &str) -> Result<(), String> {
        let dir = scratch(name);
        std::fs::write(dir.join("rsbind.h"), header).expect("rsbind.h written");
        let limited = runtime_file("runtime-c/rsbind_limited.h");
        std::fs::write(dir.join("rsbind_limited.h"), limited).expect("rsbind_limited.h written");
        std::fs::write(dir.join("check.c"), "#include \"rsbind.h\"\n").expect("check.c written");
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
        let query = "import sysconfig; print(sysconfig.get_paths()['include'])";
        let out = run(Command::new(&python).args(["-c", query]), &python);
        assert!(
            out.status.success(),
            "{python} cannot tell its include folder"
        );
        let include = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
        let out = run(
            Command::new(&cc)
                .args(["-std=c11", "-Wall", "-Werror", "-fsyntax-only", "-I"])
                .arg(&dir)
                .arg("-I")
                .arg(include)
                .arg(dir.join("check.c")),
            &cc,
        );
        let _ = std::fs::remove_dir_all(&dir);
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// Type-checks `source` as the crate root of a library: Ok, or the errors.
    fn compile_rust(name: &str, source: &str) -> Result<(), String> {
        let dir = scratch(name);
        // The one item of a package's lib.rs that the runtime reads.
        let root = format!("{source}\nconst RSBIND_LIMITED_API: bool = false;\n");
        std::fs::write(dir.join("rsbind_rt.rs"), root).expect("rsbind_rt.rs written");
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
        let out = run(
            Command::new(&rustc)
                .args([
                    "--edition",
                    "2021",
                    "--crate-type",
                    "lib",
                    "--emit",
                    "metadata",
                    "-o",
                ])
                .arg(dir.join("rsbind_rt.rmeta"))
                .arg(dir.join("rsbind_rt.rs")),
            &rustc,
        );
        let _ = std::fs::remove_dir_all(&dir);
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    fn runtime_file(path: &str) -> &'static str {
        super::super::RUNTIME_C_FILES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, contents)| *contents)
            .unwrap_or_else(|| panic!("{path} is not a runtime file"))
    }

    #[test]
    fn c_rejects_a_struct_that_drifted_from_rust() {
        let header = runtime_file("runtime-c/rsbind.h");
        if let Err(e) = compile_c("c-ok", header) {
            panic!("rsbind.h as it is does not compile:\n{e}");
        }
        // class_index and os_errno swap places in C only.
        let drifted = drift(
            header,
            "    uint32_t class_index;\n    int32_t os_errno;\n",
            "    int32_t os_errno;\n    uint32_t class_index;\n",
        );
        match compile_c("c-drifted", &drifted) {
            Ok(()) => panic!("rsbind.h compiled with rsbind_error's layout changed"),
            Err(e) => assert!(
                e.contains("rsbind_error.class_index: offset differs from RsbindError"),
                "rsbind.h failed for another reason:\n{e}"
            ),
        }
    }

    #[test]
    fn rust_rejects_a_struct_that_drifted_from_c() {
        let source = super::super::RUNTIME_RS;
        if let Err(e) = compile_rust("rust-ok", source) {
            panic!("rsbind_rt.rs as it is does not compile:\n{e}");
        }
        // class_index and os_errno swap places in Rust only.
        let drifted = drift(
            source,
            "    class_index: u32,\n    os_errno: i32,\n",
            "    os_errno: i32,\n    class_index: u32,\n",
        );
        match compile_rust("rust-drifted", &drifted) {
            Ok(()) => panic!("rsbind_rt.rs compiled with RsbindError's layout changed"),
            Err(e) => assert!(
                e.contains("offset_of!(RsbindError, class_index) == 4"),
                "rsbind_rt.rs failed for another reason:\n{e}"
            ),
        }
    }

    /// `Option<String>` as it crosses: the composite both sides declare.
    fn option_of_string() -> crate::backend::abi::CompositeLayout {
        use crate::backend::abi::{composite_layouts, Composite, CompositeField};
        let value = CompositeField {
            name: "value".to_string(),
            c_type: "rsbind_string".to_string(),
            c_ptr: "rsbind_string *".to_string(),
            c_const_ptr: "const rsbind_string *".to_string(),
            converter: "rsbind_string_to_py".to_string(),
            index: 0,
        };
        let composite = Composite {
            c_type: "rsbind_opt_string".to_string(),
            direction: "to_py",
            converter: "rsbind_to_py_opt_string".to_string(),
            stateful: false,
            kind: "option",
            fields: vec![value],
            declare: true,
            rust_type: "crate::RsbindOption<crate::RsbindString>".to_string(),
            item_kind: "",
            expected_len: -1,
        };
        let layouts = composite_layouts(&[composite]);
        assert_eq!(layouts.len(), 1, "the layout of Option<String> is known");
        layouts[0].clone()
    }

    #[test]
    fn a_composite_that_drifted_fails_to_compile_in_c_and_rust() {
        let layout = option_of_string();
        let asserts = layout.c_asserts().join("\n");
        let header = runtime_file("runtime-c/rsbind.h");
        let right = format!(
            "{header}\ntypedef struct rsbind_opt_string {{ bool is_some; rsbind_string value; }} rsbind_opt_string;\n{asserts}\n"
        );
        if let Err(e) = compile_c("composite-ok", &right) {
            panic!("the composite as generated does not compile:\n{e}");
        }
        let wrong = format!(
            "{header}\ntypedef struct rsbind_opt_string {{ rsbind_string value; bool is_some; }} rsbind_opt_string;\n{asserts}\n"
        );
        match compile_c("composite-drifted", &wrong) {
            Ok(()) => panic!("a C composite with its members swapped compiled"),
            Err(e) => assert!(
                e.contains("rsbind_opt_string"),
                "failed for another reason:\n{e}"
            ),
        }

        let runtime = super::super::RUNTIME_RS;
        let body = layout.rust_asserts().join("\n    ");
        let rust = |mirror: &str| {
            format!(
                "{runtime}\ntype rsbind_opt_string = {mirror};\n#[cfg(target_pointer_width = \"64\")]\nconst _: () = {{\n    {body}\n}};\n"
            )
        };
        if let Err(e) = compile_rust("composite-rs-ok", &rust("RsbindOption<RsbindString>")) {
            panic!("the Rust mirror as generated does not compile:\n{e}");
        }
        // The mirror of another type: `&str`'s two words instead of `String`'s three.
        match compile_rust("composite-rs-drifted", &rust("RsbindOption<RsbindStr>")) {
            Ok(()) => panic!("a Rust mirror of another layout compiled"),
            Err(e) => assert!(
                e.contains("evaluation panicked") || e.contains("assertion failed"),
                "failed for another reason:\n{e}"
            ),
        }
    }
}
