//! Doc comments (`///`, `//!`, `#[doc = ".."]`) and `#[doc(hidden)]`.

use syn::punctuated::Punctuated;
use syn::{AttrStyle, Attribute, Expr, ExprLit, Lit, Meta, Token};

/// The outer doc text of an item: its `///` lines joined, one leading space
/// stripped from each line, blank lines at either end dropped. Markdown is kept
/// as written.
pub(crate) fn outer(attrs: &[Attribute]) -> String {
    collect(attrs, |style| matches!(style, AttrStyle::Outer))
}

/// The inner doc text (`//!`, `#![doc = ".."]`) of a file or module.
pub(crate) fn inner(attrs: &[Attribute]) -> String {
    collect(attrs, |style| matches!(style, AttrStyle::Inner(_)))
}

fn collect(attrs: &[Attribute], style: impl Fn(&AttrStyle) -> bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| style(&a.style)) {
        if !attr.path().is_ident("doc") {
            continue;
        }
        // `#[doc = include_str!(..)]` and other non-literal docs are left out.
        let Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        let Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) = &nv.value
        else {
            continue;
        };
        for line in s.value().split('\n') {
            let line = line.trim_end();
            lines.push(line.strip_prefix(' ').unwrap_or(line).to_string());
        }
    }
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].join("\n"),
        _ => String::new(),
    }
}

/// Whether the attributes contain `#[doc(hidden)]`.
pub(crate) fn is_hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("doc")
            && matches!(attr.meta, Meta::List(_))
            && attr
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .map(|metas| metas.iter().any(|m| m.path().is_ident("hidden")))
                .unwrap_or(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item_attrs(src: &str) -> Vec<Attribute> {
        syn::parse_str::<syn::ItemFn>(src)
            .map(|f| f.attrs)
            .unwrap_or_default()
    }

    #[test]
    fn joins_and_strips() {
        let attrs = item_attrs(
            "///\n/// First line.\n///   indented\n///\n/// Second *para*.\n///\n#[doc = \"attr\"]\n#[doc = \" \"]\nfn f() {}",
        );
        assert_eq!(
            outer(&attrs),
            "First line.\n  indented\n\nSecond *para*.\n\nattr"
        );
        assert!(!is_hidden(&attrs));
    }

    #[test]
    fn hidden() {
        assert!(is_hidden(&item_attrs("#[doc(hidden)] fn f() {}")));
        assert!(is_hidden(&item_attrs(
            "#[doc(alias = \"x\", hidden)] fn f() {}"
        )));
        assert!(!is_hidden(&item_attrs("#[doc(alias = \"x\")] fn f() {}")));
    }

    #[test]
    fn inner_docs() {
        let file = syn::parse_file(
            "//! Crate docs.\n//!\n//! More.\n#![doc = \"Attr.\"]\n/// not this\nfn f() {}",
        )
        .unwrap();
        assert_eq!(inner(&file.attrs), "Crate docs.\n\nMore.\nAttr.");
    }
}
