//! What rsbind knows of which std traits the types it binds implement, for the
//! bounds of instantiations.

use crate::idl::ty::{SegmentArgs, TypeExpr, TypePath};
use std::collections::BTreeMap;

/// An integer, `true`/`false` or a char literal.
pub(crate) fn is_const_literal(v: &str) -> bool {
    if v == "true" || v == "false" {
        return true;
    }
    if v.len() >= 3 && v.starts_with('\'') && v.ends_with('\'') {
        return true;
    }
    let digits = v.strip_prefix('-').unwrap_or(v);
    const SUFFIXES: &[&str] = &[
        "i128", "u128", "isize", "usize", "i16", "i32", "i64", "u16", "u32", "u64", "i8", "u8",
    ];
    let body = SUFFIXES
        .iter()
        .find_map(|s| digits.strip_suffix(s))
        .unwrap_or(digits);
    let (body, hex) = match ["0x", "0o", "0b"].iter().find_map(|p| body.strip_prefix(p)) {
        Some(rest) => (rest, true),
        None => (body, false),
    };
    let digit = |c: char| {
        if hex {
            c.is_ascii_hexdigit()
        } else {
            c.is_ascii_digit()
        }
    };
    body.chars().next().is_some_and(digit) && body.chars().all(|c| digit(c) || c == '_')
}

/// Whether `ty` implements the standard trait `tr`: `None` when rsbind does
/// not know. Over 100 lines because it is one table, a row per kind of type;
/// split, the rows would only be harder to compare.
pub(crate) fn implements(
    ty: &TypeExpr,
    tr: &str,
    classes: &BTreeMap<String, Vec<String>>,
) -> Option<bool> {
    let all = |items: &[&TypeExpr], tr: &str| -> Option<bool> {
        let mut out = Some(true);
        for t in items {
            match implements(t, tr, classes) {
                Some(true) => {}
                Some(false) => return Some(false),
                None => out = None,
            }
        }
        out
    };
    match ty {
        TypeExpr::Never => None,
        TypeExpr::Tuple(items) => {
            let items: Vec<&TypeExpr> = items.iter().collect();
            match tr {
                "Display" => Some(false),
                _ => all(&items, tr),
            }
        }
        TypeExpr::Array(inner, _) => match tr {
            "Display" => Some(false),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::Slice(inner) => match tr {
            "Sized" | "Copy" | "Clone" | "Default" | "Display" => Some(false),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::Ref { mutable, inner, .. } => match tr {
            "Sized" => Some(true),
            "Copy" | "Clone" => Some(!mutable),
            "Default" => match &**inner {
                TypeExpr::Slice(_) => Some(true),
                TypeExpr::Path(p) if std_key(p) == Some("str") => Some(true),
                _ => Some(false),
            },
            "Send" if !mutable => implements(inner, "Sync", classes),
            _ => implements(inner, tr, classes),
        },
        TypeExpr::RawPtr { .. } => match tr {
            "Sized" | "Copy" | "Clone" | "Debug" | "PartialEq" | "Eq" | "PartialOrd" | "Ord"
            | "Hash" => Some(true),
            _ => Some(false),
        },
        TypeExpr::FnPtr { .. } => match tr {
            "Display" | "Default" => Some(false),
            _ => Some(true),
        },
        TypeExpr::DynTrait(_) => match tr {
            "Sized" | "Copy" | "Clone" | "Default" => Some(false),
            _ => None,
        },
        TypeExpr::ImplTrait(_) => None,
        TypeExpr::Path(p) => {
            if let Some(traits) = classes.get(&p.names()) {
                if !matches!(p.last().args, SegmentArgs::None) {
                    return None;
                }
                return match tr {
                    "Sized" => Some(true),
                    "Send" | "Sync" => None,
                    _ => Some(traits.iter().any(|t| t == tr)),
                };
            }
            let key = std_key(p)?;
            let args = p.type_args();
            let yes = |no: &[&str]| Some(!no.contains(&tr));
            match key {
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                | "u128" | "usize" | "bool" | "char" => Some(true),
                "f32" | "f64" => yes(&["Eq", "Ord", "Hash"]),
                "str" => yes(&["Sized", "Copy", "Clone", "Default"]),
                "Path" => yes(&["Sized", "Copy", "Clone", "Default", "Display"]),
                "String" => yes(&["Copy"]),
                "PathBuf" => yes(&["Copy", "Display"]),
                "Duration" => yes(&["Display"]),
                "SystemTime" => yes(&["Display", "Default"]),
                "io::Error" => yes(&[
                    "Copy",
                    "Clone",
                    "PartialEq",
                    "Eq",
                    "PartialOrd",
                    "Ord",
                    "Hash",
                    "Default",
                ]),
                "Cow" => match args.as_slice() {
                    [TypeExpr::Path(inner)] if std_key(inner) == Some("str") => yes(&["Copy"]),
                    _ => None,
                },
                "Box" => match tr {
                    "Sized" => Some(true),
                    "Copy" => Some(false),
                    _ => match args.as_slice() {
                        [TypeExpr::Path(inner)]
                            if std_key(inner) == Some("str")
                                && matches!(tr, "Clone" | "Default") =>
                        {
                            Some(true)
                        }
                        [inner] => implements(inner, tr, classes),
                        _ => None,
                    },
                },
                "Option" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" => Some(false),
                    _ => all(&args, tr),
                },
                "Result" => match tr {
                    "Sized" => Some(true),
                    "Display" | "Default" => Some(false),
                    _ => all(&args, tr),
                },
                "Vec" | "BTreeMap" | "BTreeSet" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" | "Copy" => Some(false),
                    _ => all(&args, tr),
                },
                "HashMap" | "HashSet" => match tr {
                    "Default" | "Sized" => Some(true),
                    "Display" | "Copy" | "PartialOrd" | "Ord" | "Hash" => Some(false),
                    _ => all(&args, tr),
                },
                "Rc" => match tr {
                    "Sized" | "Clone" => Some(true),
                    "Copy" | "Send" | "Sync" => Some(false),
                    _ => all(&args, tr),
                },
                "Arc" => match tr {
                    "Sized" | "Clone" => Some(true),
                    "Copy" => Some(false),
                    "Send" | "Sync" => {
                        let a = all(&args, "Send");
                        let b = all(&args, "Sync");
                        match (a, b) {
                            (Some(false), _) | (_, Some(false)) => Some(false),
                            (Some(true), Some(true)) => Some(true),
                            _ => None,
                        }
                    }
                    _ => all(&args, tr),
                },
                _ => None,
            }
        }
    }
}

/// The checker's name for a standard type, for the table above.
fn std_key(p: &TypePath) -> Option<&'static str> {
    crate::types::std_name(p)
}

/// A type argument's part of a default Python class name: the last segment of
/// each path, capitalized, with its own arguments (`Vec<geo::Point>` → `VecPoint`).
pub(crate) fn arg_ident(ty: &TypeExpr) -> String {
    fn cap(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
    match ty {
        TypeExpr::Path(p) => {
            let last = p.last();
            let mut out = cap(&last.name);
            match &last.args {
                SegmentArgs::Angle(items) => {
                    for a in items {
                        match a {
                            crate::idl::ty::GenericArg::Type(t)
                            | crate::idl::ty::GenericArg::AssocType(_, t) => {
                                out.push_str(&arg_ident(t))
                            }
                            crate::idl::ty::GenericArg::Lifetime(_) => {}
                        }
                    }
                }
                SegmentArgs::Paren { inputs, output } => {
                    for t in inputs.iter().chain(output.as_deref()) {
                        out.push_str(&arg_ident(t));
                    }
                }
                SegmentArgs::None => {}
            }
            out
        }
        TypeExpr::Ref { inner, .. } | TypeExpr::RawPtr { inner, .. } | TypeExpr::Slice(inner) => {
            arg_ident(inner)
        }
        TypeExpr::Array(inner, n) => format!(
            "{}{}",
            arg_ident(inner),
            n.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        ),
        TypeExpr::Tuple(items) if items.is_empty() => "Unit".to_string(),
        TypeExpr::Tuple(items) => items.iter().map(arg_ident).collect(),
        TypeExpr::FnPtr { .. } => "Fn".to_string(),
        TypeExpr::DynTrait(_) | TypeExpr::ImplTrait(_) => "Dyn".to_string(),
        TypeExpr::Never => "Never".to_string(),
    }
}
