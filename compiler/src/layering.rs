//! The layers, checked: each stage imports only the layers below it (a scan of
//! the sources for `crate::` paths outside comments). A stage that reaches
//! sideways or up fails this test, so the layering in ARCHITECTURE.md stays true.
//!
//! ```text
//! driver, main, rustdoc_json      IO: reads and writes files, runs processes
//! extract  check  curate  backend  the stages, each a pure function
//! idl      types                   the interface model; supported types and their lowering
//! ir  diag  docstring  idl::ty     the shared ground (the front end reads
//!                                  only `ir::operators`: which Python names are operators)
//! ```

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    /// (module, the crate modules it may use).
    const ALLOWED: &[(&str, &[&str])] = &[
        (
            "extract",
            &["diag", "docstring", "idl", "ir::operators", "types"],
        ),
        ("check", &["diag", "docstring", "idl", "ir", "types"]),
        ("curate", &["diag", "idl"]),
        ("backend", &["diag", "ir"]),
        ("idl", &["diag"]),
        ("ir", &[]),
        ("types", &["diag", "idl::ty", "ir"]),
        ("diag", &[]),
        ("docstring", &[]),
    ];

    /// Inside the backend: names and the runtime's layout table at the bottom,
    /// then the ABI, then the backends.
    const BACKEND: &[(&str, &[&str])] = &[
        ("names", &[]),
        ("runtime_layout", &[]),
        ("abi", &["names", "runtime_layout"]),
    ];

    fn sources(module: &str) -> Vec<(String, String)> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            out.push((module.to_string(), std::fs::read_to_string(&file).unwrap()));
        }
        let mut folders = vec![src.join(module)];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    let name = e.file_name().to_string_lossy().into_owned();
                    out.push((name, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out
    }

    /// The `prefix...` paths used on code lines (comments and doc comments skipped,
    /// and a file's test module: tests may build their input with any stage).
    fn uses(text: &str, prefix: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let code_end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
        for line in text[..code_end].lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let mut rest = code;
            while let Some(at) = rest.find(prefix) {
                // Inside a string literal (an odd number of quotes before it): text.
                let in_string = rest[..at].matches('"').count() % 2 == 1;
                let after = &rest[at + prefix.len()..];
                rest = after;
                if in_string {
                    continue;
                }
                let names: Vec<String> = match after.strip_prefix('{') {
                    // `crate::{a, b::c}`
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .map(|n| n.trim().to_string())
                        .collect(),
                    None => vec![after
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                        .collect()],
                };
                for name in names {
                    out.insert(name.trim_end_matches(':').to_string());
                }
            }
        }
        out
    }

    #[test]
    fn stages_use_only_the_layers_below() {
        let mut wrong = Vec::new();
        for (module, allowed) in ALLOWED {
            let files = sources(module);
            assert!(!files.is_empty(), "no sources for {module}");
            for (file, text) in files {
                for used in uses(&text, "crate::") {
                    let top = used.split("::").next().unwrap_or_default();
                    let fine = top == *module
                        || allowed.iter().any(|a| {
                            used == *a || used.starts_with(&format!("{a}::")) || *a == top
                        });
                    // `types` may use the type syntax of `idl`, nothing else of it.
                    let fine = fine
                        && !(*module == "types" && top == "idl" && !used.starts_with("idl::ty"));
                    if !fine {
                        wrong.push(format!("{module}/{file} uses crate::{used}"));
                    }
                }
            }
        }
        for (module, allowed) in BACKEND {
            for (file, text) in sources("backend") {
                if file != format!("{module}.rs") {
                    continue;
                }
                for used in uses(&text, "super::") {
                    let top = used.split("::").next().unwrap_or_default().to_string();
                    // `super::*` and `super::super` in a test module, and the
                    // backend's shared consts (`RUNTIME_RS`) are fine.
                    let shared = top.chars().next().is_some_and(|c| c.is_ascii_uppercase());
                    let test_module = top.is_empty() || top == "*" || top == "super";
                    if !allowed.contains(&top.as_str()) && !shared && !test_module {
                        wrong.push(format!("backend/{file} uses super::{used}"));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
    }

    #[test]
    fn a_reach_upwards_is_caught() {
        let text = "use crate::driver::Failure;\n// crate::check in a comment\nuse crate::{curate, ir::Ty};\nfn f() { crate::idl::ty::parse_type(\"crate::backend\"); }";
        let found = uses(text, "crate::");
        assert!(found.contains("driver::Failure"), "{found:?}");
        assert!(found.contains("idl::ty::parse_type"), "{found:?}");
        assert!(
            found.contains("curate") && found.contains("ir::Ty"),
            "{found:?}"
        );
        assert!(!found.iter().any(|u| u.starts_with("check")), "{found:?}");
        assert!(!found.iter().any(|u| u.starts_with("backend")), "{found:?}");
    }
}
