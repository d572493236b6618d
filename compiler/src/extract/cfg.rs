//! `#[cfg(..)]` and `#[cfg_attr(..)]` as the default build sees them.
//!
//! The front end models one fixed target so that the interface file is the same
//! on every machine: a release build for 64-bit little-endian Linux with no Cargo
//! features on. Predicates it does not know are false.

use std::fmt;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, Lit, Meta, Token};

/// A parsed configuration predicate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Cfg {
    /// `test`, `unix`, ...
    Name(String),
    /// `feature = "serde"`, `target_os = "linux"`, ...
    KeyValue(String, String),
    Not(Box<Cfg>),
    All(Vec<Cfg>),
    Any(Vec<Cfg>),
    /// Something that is not a predicate; false, kept as written for messages.
    Invalid(String),
}

impl Cfg {
    /// Whether the default build enables it.
    pub(crate) fn eval(&self) -> bool {
        match self {
            Cfg::Name(name) => matches!(name.as_str(), "unix"),
            Cfg::KeyValue(key, value) => matches!(
                (key.as_str(), value.as_str()),
                ("target_os", "linux")
                    | ("target_family", "unix")
                    | ("target_pointer_width", "64")
                    | ("target_endian", "little")
                    | ("target_env", "gnu")
                    | ("panic", "unwind")
                    | ("target_has_atomic", "8" | "16" | "32" | "64" | "ptr")
            ),
            Cfg::Not(inner) => !inner.eval(),
            Cfg::All(items) => items.iter().all(Cfg::eval),
            Cfg::Any(items) => items.iter().any(Cfg::eval),
            Cfg::Invalid(_) => false,
        }
    }

    fn from_meta(meta: &Meta) -> Cfg {
        match meta {
            Meta::Path(path) => match path.get_ident() {
                Some(ident) => Cfg::Name(ident.to_string()),
                None => Cfg::Invalid(path_text(path)),
            },
            Meta::NameValue(nv) => {
                let key = match nv.path.get_ident() {
                    Some(ident) => ident.to_string(),
                    None => return Cfg::Invalid(path_text(&nv.path)),
                };
                match &nv.value {
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(s), ..
                    }) => Cfg::KeyValue(key, s.value()),
                    _ => Cfg::Invalid(key),
                }
            }
            Meta::List(list) => {
                let name = list
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let parsed = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated);
                let Ok(args) = parsed else {
                    return Cfg::Invalid(format!("{name}({})", list.tokens));
                };
                let args: Vec<Cfg> = args.iter().map(Cfg::from_meta).collect();
                match name.as_str() {
                    "all" => Cfg::All(args),
                    "any" => Cfg::Any(args),
                    "not" if args.len() == 1 => Cfg::Not(Box::new(
                        args.into_iter().next().unwrap_or(Cfg::All(vec![])),
                    )),
                    _ => Cfg::Invalid(format!("{name}({})", list.tokens)),
                }
            }
        }
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

impl fmt::Display for Cfg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cfg::Name(n) => f.write_str(n),
            Cfg::KeyValue(k, v) => write!(f, "{k} = {v:?}"),
            Cfg::Not(inner) => write!(f, "not({inner})"),
            Cfg::All(items) => write_call(f, "all", items),
            Cfg::Any(items) => write_call(f, "any", items),
            Cfg::Invalid(text) => f.write_str(text),
        }
    }
}

fn write_call(f: &mut fmt::Formatter, name: &str, items: &[Cfg]) -> fmt::Result {
    write!(f, "{name}(")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    f.write_str(")")
}

/// The predicate of a `#[cfg(..)]` attribute, or `None` for other attributes.
fn cfg_of(attr: &Attribute) -> Option<Cfg> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    Some(match attr.parse_args::<Meta>() {
        Ok(meta) => Cfg::from_meta(&meta),
        Err(_) => Cfg::Invalid(match &attr.meta {
            Meta::List(list) => list.tokens.to_string(),
            _ => String::new(),
        }),
    })
}

/// The first `#[cfg(..)]` among `attrs` that the default build does not enable,
/// or `None` when the item is compiled. Expects attributes already expanded with
/// [`expand`].
pub(crate) fn disabled_by(attrs: &[Attribute]) -> Option<Cfg> {
    attrs.iter().filter_map(cfg_of).find(|c| !c.eval())
}

/// The attributes with every `#[cfg_attr(pred, a, b)]` replaced by `a, b` when
/// `pred` holds and dropped when it does not.
pub(crate) fn expand(attrs: &[Attribute]) -> Vec<Attribute> {
    let mut out = Vec::with_capacity(attrs.len());
    expand_into(attrs, &mut out, 0);
    out
}

fn expand_into(attrs: &[Attribute], out: &mut Vec<Attribute>, depth: usize) {
    for attr in attrs {
        if !attr.path().is_ident("cfg_attr") {
            out.push(attr.clone());
            continue;
        }
        if depth > 8 {
            continue;
        }
        let Ok(args) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
            continue;
        };
        let mut args = args.into_iter();
        let Some(pred) = args.next() else { continue };
        if !Cfg::from_meta(&pred).eval() {
            continue;
        }
        let inner: Vec<Attribute> = args
            .map(|meta| Attribute {
                pound_token: attr.pound_token,
                style: attr.style,
                bracket_token: attr.bracket_token,
                meta,
            })
            .collect();
        expand_into(&inner, out, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(src: &str) -> (bool, String) {
        let attr: Vec<Attribute> = syn::parse_str::<syn::ItemFn>(&format!("{src} fn f() {{}}"))
            .map(|f| f.attrs)
            .unwrap_or_default();
        let cfg = attr
            .iter()
            .find_map(cfg_of)
            .unwrap_or(Cfg::Invalid("none".into()));
        (cfg.eval(), cfg.to_string())
    }

    #[test]
    fn predicates() {
        assert_eq!(eval("#[cfg(test)]"), (false, "test".into()));
        assert_eq!(eval("#[cfg(unix)]"), (true, "unix".into()));
        assert_eq!(eval("#[cfg(windows)]"), (false, "windows".into()));
        assert_eq!(eval("#[cfg(not(windows))]"), (true, "not(windows)".into()));
        assert_eq!(
            eval("#[cfg(feature = \"serde\")]"),
            (false, "feature = \"serde\"".into())
        );
        assert_eq!(
            eval("#[cfg(target_os = \"linux\")]"),
            (true, "target_os = \"linux\"".into())
        );
        assert_eq!(
            eval("#[cfg(target_os = \"macos\")]"),
            (false, "target_os = \"macos\"".into())
        );
        assert_eq!(
            eval("#[cfg(debug_assertions)]"),
            (false, "debug_assertions".into())
        );
        assert_eq!(
            eval("#[cfg(all(unix, not(test)))]"),
            (true, "all(unix, not(test))".into())
        );
        assert_eq!(
            eval("#[cfg(any(windows, test))]"),
            (false, "any(windows, test)".into())
        );
        assert_eq!(eval("#[cfg(any())]"), (false, "any()".into()));
        assert_eq!(eval("#[cfg(all())]"), (true, "all()".into()));
        assert!(!eval("#[cfg(not(a, b))]").0);
    }

    #[test]
    fn cfg_attr_expands() {
        let f: syn::ItemFn = syn::parse_str(
            "#[cfg_attr(unix, doc = \"on unix\", cfg_attr(test, doc = \"in tests\"))] #[cfg_attr(test, cfg(test))] fn f() {}",
        )
        .unwrap();
        let attrs = expand(&f.attrs);
        assert_eq!(attrs.len(), 1);
        assert!(attrs[0].path().is_ident("doc"));
        assert_eq!(disabled_by(&attrs), None);
    }
}
