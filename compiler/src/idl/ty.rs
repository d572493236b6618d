//! Rust type strings of the interface file: their syntax tree, the pest parser
//! that reads them and the printer that writes them back in one canonical form.

use pest::Parser as _;
use std::fmt;

/// A Rust type as written in a signature.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    Path(TypePath),
    Ref {
        lifetime: Option<String>,
        mutable: bool,
        inner: Box<TypeExpr>,
    },
    RawPtr {
        mutable: bool,
        inner: Box<TypeExpr>,
    },
    Never,
    /// `()` is the empty tuple.
    Tuple(Vec<TypeExpr>),
    Slice(Box<TypeExpr>),
    /// `[T; N]`; the length is kept as written (a literal or a const path).
    Array(Box<TypeExpr>, String),
    DynTrait(Vec<Bound>),
    ImplTrait(Vec<Bound>),
    FnPtr {
        inputs: Vec<TypeExpr>,
        output: Option<Box<TypeExpr>>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypePath {
    pub leading_colons: bool,
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    pub name: String,
    pub args: SegmentArgs,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SegmentArgs {
    None,
    /// `<T, 'a, Item = U>`
    Angle(Vec<GenericArg>),
    /// `Fn(A, B) -> R`
    Paren {
        inputs: Vec<TypeExpr>,
        output: Option<Box<TypeExpr>>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GenericArg {
    Type(TypeExpr),
    Lifetime(String),
    AssocType(String, TypeExpr),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    Trait(TypePath),
    Lifetime(String),
}

impl TypeExpr {
    /// The type with its named lifetimes left to inference, `'static` kept:
    /// `&'a T` is `&T`, `Cow<'a, str>` is `Cow<str>`, as an expression's path
    /// writes a type (a stub names no lifetime of the bound crate's items).
    pub fn without_lifetimes(&self) -> TypeExpr {
        let keep = |l: &Option<String>| l.clone().filter(|l| l == "'static");
        match self {
            TypeExpr::Path(p) => TypeExpr::Path(p.without_lifetimes()),
            TypeExpr::Ref {
                lifetime,
                mutable,
                inner,
            } => TypeExpr::Ref {
                lifetime: keep(lifetime),
                mutable: *mutable,
                inner: Box::new(inner.without_lifetimes()),
            },
            TypeExpr::RawPtr { mutable, inner } => TypeExpr::RawPtr {
                mutable: *mutable,
                inner: Box::new(inner.without_lifetimes()),
            },
            TypeExpr::Tuple(items) => {
                TypeExpr::Tuple(items.iter().map(TypeExpr::without_lifetimes).collect())
            }
            TypeExpr::Slice(item) => TypeExpr::Slice(Box::new(item.without_lifetimes())),
            TypeExpr::Array(item, n) => {
                TypeExpr::Array(Box::new(item.without_lifetimes()), n.clone())
            }
            other => other.clone(),
        }
    }
}

impl TypePath {
    /// The path without its named lifetime arguments (`'static` kept).
    pub fn without_lifetimes(&self) -> TypePath {
        let mut p = self.clone();
        for seg in &mut p.segments {
            if let SegmentArgs::Angle(args) = &mut seg.args {
                args.retain(|a| !matches!(a, GenericArg::Lifetime(l) if l != "'static"));
                for a in args.iter_mut() {
                    if let GenericArg::Type(t) | GenericArg::AssocType(_, t) = a {
                        *t = t.without_lifetimes();
                    }
                }
                if args.is_empty() {
                    seg.args = SegmentArgs::None;
                }
            }
        }
        p
    }

    /// The path with no lifetime arguments at all (`'static` too), as a
    /// class is looked up: `Match<'h>`, `Match<'static>` and `Match` are one class.
    pub fn lifetimes_erased(&self) -> TypePath {
        let mut p = self.without_lifetimes();
        for seg in &mut p.segments {
            if let SegmentArgs::Angle(args) = &mut seg.args {
                args.retain(|a| !matches!(a, GenericArg::Lifetime(_)));
                if args.is_empty() {
                    seg.args = SegmentArgs::None;
                }
            }
        }
        p
    }

    /// The lifetime arguments of the last segment (`'h` of `Match<'h>`).
    pub fn lifetime_args(&self) -> Vec<&str> {
        match &self.last().args {
            SegmentArgs::Angle(args) => args
                .iter()
                .filter_map(|a| match a {
                    GenericArg::Lifetime(l) => Some(l.as_str()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn simple(names: &[&str]) -> TypePath {
        TypePath {
            leading_colons: false,
            segments: names
                .iter()
                .map(|n| Segment {
                    name: n.to_string(),
                    args: SegmentArgs::None,
                })
                .collect(),
        }
    }

    /// The segment names joined with `::`, without generic arguments.
    pub fn names(&self) -> String {
        self.segments
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("::")
    }

    pub fn last(&self) -> &Segment {
        // A parsed or front-end-built path always has at least one segment.
        self.segments.last().expect("a path has a segment")
    }

    /// The type arguments of the last segment (lifetimes dropped).
    pub fn type_args(&self) -> Vec<&TypeExpr> {
        match &self.last().args {
            SegmentArgs::Angle(args) => args
                .iter()
                .filter_map(|a| match a {
                    GenericArg::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl TypeExpr {
    pub fn unit() -> TypeExpr {
        TypeExpr::Tuple(Vec::new())
    }

    pub fn is_unit(&self) -> bool {
        matches!(self, TypeExpr::Tuple(v) if v.is_empty())
    }

    pub fn path(names: &[&str]) -> TypeExpr {
        TypeExpr::Path(TypePath::simple(names))
    }
}

/// A syntax error in a type string: the message and the byte offset in the string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeSyntaxError {
    pub offset: usize,
    pub message: String,
}

#[derive(pest_derive::Parser)]
#[grammar = "../../idl-spec/types.pest"]
struct TypeGrammar;

type Pair<'a> = pest::iterators::Pair<'a, Rule>;

/// How deep a type string may nest (`Vec<Vec<..>>`, `&&..`, `fn() -> fn() -> ..`):
/// as Rust's default `recursion_limit`. The parser, the printer and every pass over a
/// [`TypeExpr`] recurse once per level, so a bound here keeps them all off the end
/// of the stack; no real signature comes near it.
pub const MAX_TYPE_DEPTH: usize = 128;

/// Parses a type string such as `Result<Vec<u8>, std::io::Error>`.
pub fn parse_type(text: &str) -> Result<TypeExpr, TypeSyntaxError> {
    if let Some(offset) = too_deep(text) {
        return Err(TypeSyntaxError {
            offset,
            message: format!("the type is nested more than {MAX_TYPE_DEPTH} levels deep"),
        });
    }
    let mut pairs = TypeGrammar::parse(Rule::type_string, text).map_err(|e| {
        let offset = match e.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        let message = match &e.variant {
            pest::error::ErrorVariant::ParsingError { .. } => {
                if offset >= text.trim_end().len() {
                    "the type ends too early".to_string()
                } else {
                    format!(
                        "unexpected `{}` in a type",
                        &text[offset..].chars().next().unwrap_or(' ')
                    )
                }
            }
            pest::error::ErrorVariant::CustomError { message } => message.clone(),
        };
        TypeSyntaxError { offset, message }
    })?;
    let top = pairs.next().and_then(|p| p.into_inner().next());
    match top {
        Some(pair) => Ok(build_type(pair)),
        None => Err(TypeSyntaxError {
            offset: 0,
            message: "the type is empty".to_string(),
        }),
    }
}

/// Where the type string first nests deeper than [`MAX_TYPE_DEPTH`], read without
/// recursion before the grammar runs: each bracket (`<`, `(`, `[`) opens a level,
/// and each `&`, `*` or `->` in one place of a list nests what follows it one level
/// more (`&&u8` is three levels, `(&u8, &u8)` two). It never counts less than the
/// syntax tree's depth.
fn too_deep(text: &str) -> Option<usize> {
    // Per open bracket: the depth outside it (its base and prefixes).
    let mut frames: Vec<(usize, usize)> = Vec::new();
    let (mut base, mut prefixes) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' | b'(' | b'[' => {
                frames.push((base, prefixes));
                base += prefixes + 1;
                prefixes = 0;
            }
            b'>' | b')' | b']' => {
                if let Some((b, p)) = frames.pop() {
                    (base, prefixes) = (b, p);
                }
            }
            b',' | b';' | b'=' => prefixes = 0,
            b'&' | b'*' => prefixes += 1,
            b'-' if bytes.get(i + 1) == Some(&b'>') => {
                prefixes += 1;
                i += 1;
            }
            _ => {}
        }
        if base + prefixes > MAX_TYPE_DEPTH {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn build_type(pair: Pair) -> TypeExpr {
    match pair.as_rule() {
        Rule::reference => {
            let mut lifetime = None;
            let mut mutable = false;
            let mut inner = None;
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::lifetime => lifetime = Some(p.as_str().to_string()),
                    Rule::mut_kw => mutable = true,
                    _ => inner = Some(build_type(p)),
                }
            }
            TypeExpr::Ref {
                lifetime,
                mutable,
                inner: Box::new(inner.unwrap_or_else(TypeExpr::unit)),
            }
        }
        Rule::raw_pointer => {
            let mut mutable = false;
            let mut inner = None;
            for p in pair.into_inner() {
                match p.as_rule() {
                    Rule::mut_kw => mutable = true,
                    Rule::const_kw => mutable = false,
                    _ => inner = Some(build_type(p)),
                }
            }
            TypeExpr::RawPtr {
                mutable,
                inner: Box::new(inner.unwrap_or_else(TypeExpr::unit)),
            }
        }
        Rule::never => TypeExpr::Never,
        Rule::tuple => TypeExpr::Tuple(pair.into_inner().map(build_type).collect()),
        Rule::slice_or_array => {
            let mut inner = pair.into_inner();
            let elem = inner.next().map(build_type).unwrap_or_else(TypeExpr::unit);
            match inner.next() {
                Some(len) => TypeExpr::Array(Box::new(elem), len.as_str().trim().to_string()),
                None => TypeExpr::Slice(Box::new(elem)),
            }
        }
        Rule::dyn_trait => TypeExpr::DynTrait(build_bounds(pair)),
        Rule::impl_trait => TypeExpr::ImplTrait(build_bounds(pair)),
        Rule::fn_pointer => {
            let (inputs, output) = build_fn_args(pair.into_inner().filter(|p| {
                !matches!(
                    p.as_rule(),
                    Rule::unsafe_kw | Rule::kw_extern | Rule::string_lit
                )
            }));
            TypeExpr::FnPtr { inputs, output }
        }
        Rule::path_type => TypeExpr::Path(build_path(pair.into_inner().next().expect("path"))),
        _ => TypeExpr::unit(),
    }
}

/// The inputs and optional output of `fn(A, B) -> R` / `Fn(A, B) -> R`. The grammar
/// does not mark the output, so it is the pair after the `->` token: pest drops
/// literal tokens, hence we compare spans with the text.
fn build_fn_args<'a>(
    pairs: impl Iterator<Item = Pair<'a>>,
) -> (Vec<TypeExpr>, Option<Box<TypeExpr>>) {
    let pairs: Vec<Pair> = pairs.collect();
    let mut inputs = Vec::new();
    let mut output = None;
    for p in &pairs {
        // The output follows `->` (also after `()`: `Fn() -> R`).
        let is_output = p.get_input()[..p.as_span().start()]
            .trim_end()
            .ends_with("->");
        if is_output {
            output = Some(Box::new(build_type(p.clone())));
        } else {
            inputs.push(build_type(p.clone()));
        }
    }
    (inputs, output)
}

fn build_bounds(pair: Pair) -> Vec<Bound> {
    let mut out = Vec::new();
    for bounds in pair.into_inner() {
        for b in bounds.into_inner() {
            match b.as_rule() {
                Rule::lifetime => out.push(Bound::Lifetime(b.as_str().to_string())),
                Rule::path => out.push(Bound::Trait(build_path(b))),
                _ => {}
            }
        }
    }
    out
}

fn build_path(pair: Pair) -> TypePath {
    let mut leading_colons = false;
    let mut segments = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::leading_colons => leading_colons = true,
            Rule::segment => {
                let mut inner = p.into_inner();
                let name = inner
                    .next()
                    .map(|i| i.as_str().to_string())
                    .unwrap_or_default();
                let args = match inner.next() {
                    None => SegmentArgs::None,
                    Some(a) if a.as_rule() == Rule::angle_args => SegmentArgs::Angle(
                        a.into_inner()
                            .map(|g| match g.as_rule() {
                                Rule::lifetime => GenericArg::Lifetime(g.as_str().to_string()),
                                Rule::assoc_type => {
                                    let mut it = g.into_inner();
                                    let name = it
                                        .next()
                                        .map(|i| i.as_str().to_string())
                                        .unwrap_or_default();
                                    let ty =
                                        it.next().map(build_type).unwrap_or_else(TypeExpr::unit);
                                    GenericArg::AssocType(name, ty)
                                }
                                _ => GenericArg::Type(build_type(g)),
                            })
                            .collect(),
                    ),
                    Some(a) => {
                        let (inputs, output) = build_fn_args(a.into_inner());
                        SegmentArgs::Paren { inputs, output }
                    }
                };
                segments.push(Segment { name, args });
            }
            _ => {}
        }
    }
    TypePath {
        leading_colons,
        segments,
    }
}

fn write_list<T: fmt::Display>(f: &mut fmt::Formatter, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

fn write_fn_sig(
    f: &mut fmt::Formatter,
    inputs: &[TypeExpr],
    output: &Option<Box<TypeExpr>>,
) -> fmt::Result {
    f.write_str("(")?;
    write_list(f, inputs)?;
    f.write_str(")")?;
    if let Some(out) = output {
        write!(f, " -> {out}")?;
    }
    Ok(())
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Path(p) => write!(f, "{p}"),
            TypeExpr::Ref {
                lifetime,
                mutable,
                inner,
            } => {
                f.write_str("&")?;
                if let Some(l) = lifetime {
                    write!(f, "{l} ")?;
                }
                if *mutable {
                    f.write_str("mut ")?;
                }
                write!(f, "{inner}")
            }
            TypeExpr::RawPtr { mutable, inner } => {
                write!(f, "*{} {inner}", if *mutable { "mut" } else { "const" })
            }
            TypeExpr::Never => f.write_str("!"),
            TypeExpr::Tuple(items) => {
                f.write_str("(")?;
                write_list(f, items)?;
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            TypeExpr::Slice(t) => write!(f, "[{t}]"),
            TypeExpr::Array(t, n) => write!(f, "[{t}; {n}]"),
            TypeExpr::DynTrait(b) => {
                f.write_str("dyn ")?;
                write_bounds(f, b)
            }
            TypeExpr::ImplTrait(b) => {
                f.write_str("impl ")?;
                write_bounds(f, b)
            }
            TypeExpr::FnPtr { inputs, output } => {
                f.write_str("fn")?;
                write_fn_sig(f, inputs, output)
            }
        }
    }
}

fn write_bounds(f: &mut fmt::Formatter, bounds: &[Bound]) -> fmt::Result {
    for (i, b) in bounds.iter().enumerate() {
        if i > 0 {
            f.write_str(" + ")?;
        }
        match b {
            Bound::Trait(p) => write!(f, "{p}")?,
            Bound::Lifetime(l) => f.write_str(l)?,
        }
    }
    Ok(())
}

impl fmt::Display for TypePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.leading_colons {
            f.write_str("::")?;
        }
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str("::")?;
            }
            f.write_str(&seg.name)?;
            match &seg.args {
                SegmentArgs::None => {}
                SegmentArgs::Angle(args) => {
                    f.write_str("<")?;
                    write_list(f, args)?;
                    f.write_str(">")?;
                }
                SegmentArgs::Paren { inputs, output } => write_fn_sig(f, inputs, output)?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for GenericArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenericArg::Type(t) => write!(f, "{t}"),
            GenericArg::Lifetime(l) => f.write_str(l),
            GenericArg::AssocType(n, t) => write!(f, "{n} = {t}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) -> String {
        parse_type(s)
            .map(|t| t.to_string())
            .unwrap_or_else(|e| format!("error at {}: {}", e.offset, e.message))
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("i32", "i32"),
            ("&'a str", "&'a str"),
            ("&mut  Vec<u8>", "&mut Vec<u8>"),
            (
                "Result<Vec<u8>,std::io::Error>",
                "Result<Vec<u8>, std::io::Error>",
            ),
            ("Box<dyn Error+Send+Sync>", "Box<dyn Error + Send + Sync>"),
            ("Cow<'static, str>", "Cow<'static, str>"),
            ("(i32,)", "(i32,)"),
            ("()", "()"),
            ("[u8; 4]", "[u8; 4]"),
            ("&[f64]", "&[f64]"),
            ("impl Fn(i32) -> i32", "impl Fn(i32) -> i32"),
            ("fn(u8)->bool", "fn(u8) -> bool"),
            ("impl FnOnce() -> String", "impl FnOnce() -> String"),
            ("fn() -> u8", "fn() -> u8"),
            ("&dyn FnMut(&str)", "&dyn FnMut(&str)"),
            ("*const u8", "*const u8"),
            (
                "Box<dyn Iterator<Item = u8>>",
                "Box<dyn Iterator<Item = u8>>",
            ),
            ("::std::path::PathBuf", "::std::path::PathBuf"),
            ("dynamo::Thing", "dynamo::Thing"),
            ("!", "!"),
        ];
        for (input, want) in cases {
            assert_eq!(roundtrip(input), want, "input {input:?}");
        }
    }

    #[test]
    fn syntax_errors_have_offsets() {
        assert_eq!(roundtrip("Vec<u8"), "error at 6: the type ends too early");
        assert_eq!(
            roundtrip("Vec<u8>>"),
            "error at 7: unexpected `>` in a type"
        );
        assert_eq!(roundtrip(""), "error at 0: the type ends too early");
        assert_eq!(roundtrip("i32 i64"), "error at 4: unexpected `i` in a type");
    }

    /// Every shape of nesting, just inside and just past the limit, parsed on a
    /// test thread's small stack: inside it parses, prints and drops; past it is
    /// an error that says so, never a stack overflow.
    #[test]
    fn nesting_is_bounded() {
        // (opening, closing, levels each counts)
        let shapes: [(&str, &str, usize); 9] = [
            ("Vec<", ">", 1),
            ("(", ",)", 1),
            ("[", "]", 1),
            ("[", "; 4]", 1),
            ("&", "", 1),
            ("*const ", "", 1),
            ("fn() -> ", "", 2),
            ("Box<dyn Fn(", ")>", 2),
            ("impl Iterator<Item = ", ">", 1),
        ];
        for (open, close, levels) in shapes {
            let at = |n: usize| format!("{}u8{}", open.repeat(n), close.repeat(n));
            let ok = parse_type(&at(MAX_TYPE_DEPTH / levels - 1));
            assert!(ok.is_ok(), "{open}: {ok:?}");
            assert!(parse_type(&ok.unwrap().to_string()).is_ok());
            for n in [MAX_TYPE_DEPTH + 1, 100_000] {
                let err = parse_type(&at(n)).expect_err(open);
                assert_eq!(
                    err.message, "the type is nested more than 128 levels deep",
                    "{open}"
                );
            }
        }
        // Wide is not deep.
        let wide = format!("({})", vec!["&u8"; 1000].join(", "));
        assert!(parse_type(&wide).is_ok());
    }
}
