//! The `rust` backend: the cargo package around the stubs (Cargo.toml, build.rs)
//! and `src/lib.rs`, one `#[no_mangle] extern "C"` stub per bound item.
//!
//! It builds a [`View`] in which every name, Rust type, path, conversion call,
//! doc comment and line break is decided; the templates under `templates/rust/`
//! only print it. `lib.rs.j2` includes one template per item kind, and
//! `macros.rs.j2` holds the shapes they share (a stub's signature and panic
//! guard around its body, a typed `let`, a call laid out as rustfmt lays it).
//! Line breaks follow rustfmt, so the widths measured here are those of the
//! text the templates print around the view's pieces.

mod traits;

use super::abi::{self, absolute_path, raw_ident, Abi, Dir};
use super::{
    names, Backend, GenContext, OutputFile, Render, LIMITED_API, RUNTIME_C_FILES, RUNTIME_RS,
};
use crate::ir::{self, ErrorConv};
use minijinja::Value;
use serde::Serialize;

pub struct RustBackend;

/// rustfmt's line width, which the generated code keeps to.
const MAX_WIDTH: usize = 100;
/// The indent of a statement in a stub's body.
const BODY_INDENT: usize = 8;
/// The first parameter of a method stub: the object's value.
const SELF_ARG: &str = "rsbind_self";
/// The owned value made for a `self` that the method borrows.
const OWNED_SELF: &str = "rsbind_owned_self";

/// What the templates under `templates/rust/` print.
#[derive(Serialize)]
struct View {
    source: String,
    module: String,
    package: String,
    lib: String,
    /// The bound crate's folder, as a TOML string.
    crate_dir: String,
    /// `, features = [..]` and `, default-features = false` for the crate, as the
    /// interface file chose them ("" for the defaults).
    crate_features: String,
    /// The C runtime's files (`runtime-c/...`), which build.rs compiles.
    runtime_c_files: Vec<&'static str>,
    /// `--abi3`: the `Py_LIMITED_API` value build.rs defines for the C.
    limited_api: Option<&'static str>,
    /// `--abi3`, for the stubs: C can't tell there whether a thread holds
    /// the GIL, so calls count themselves (`rsbind_rt::call`): Rust's `true`
    /// or `false`.
    on_limited_api: &'static str,
    dependencies: Vec<DependencyView>,
    /// Some class pickles: the serde helpers (`rsbind_pickle`, ...) are defined.
    pickles: bool,
    /// Some class that pickles is not Clone: `rsbind_serde_copy` (its
    /// `copy.deepcopy`) is defined too.
    serde_copies: bool,
    /// The composite values that cross the boundary, named as module.c names them.
    aliases: Vec<AliasView>,
    /// The iterators functions return, one per item type.
    iterators: Vec<IteratorView>,
    classes: Vec<ClassView>,
    functions: Vec<CallStubView>,
    values: Vec<ReadStubView>,
    live_statics: Vec<LiveStaticView>,
    /// The crate's traits that parameters pass as trait objects.
    traits: Vec<traits::TraitView>,
}

/// A dependency whose types are bound, keyed by the name the stubs write in
/// paths (which a Cargo.toml rename may make differ from the package's).
#[derive(Serialize)]
struct DependencyView {
    lib: String,
    /// TOML strings: the package's name; its folder when it is a local one,
    /// else its version requirement.
    package: String,
    path: Option<String>,
    version: String,
}

/// `type NAME = TYPE;` for a composite ABI value.
#[derive(Serialize)]
struct AliasView {
    name: String,
    rust_type: String,
    /// Past 100 columns, rustfmt breaks after the `=` (`after_eq`), else
    /// between the generic arguments (`generic`).
    one_line: bool,
    after_eq: bool,
    generic: Option<GenericView>,
    /// On 64-bit targets: its size and field offsets, the numbers module.c
    /// asserts of the C struct.
    layout_asserts: Vec<String>,
}

/// A generic type split into its head and its top-level arguments.
#[derive(Serialize)]
struct GenericView {
    head: String,
    args: Vec<String>,
}

/// A stub's signature: doc comment, exported name, C parameters and the type
/// it writes to `rsbind_out`; and the owned values it makes first for the
/// parameters that the call borrows (a `String` for a `&String`).
#[derive(Serialize)]
struct StubView {
    doc: String,
    symbol: String,
    params: Vec<ParamView>,
    owned: Vec<LetView>,
    out_abi_type: String,
    /// What the result is wrapped in to cross: `rsbind_rt::RsbindView` for a
    /// view of `self` (`ir::Module::method_view`: its address crosses),
    /// `rsbind_rt::RsbindIter::new` for an iterator (boxed with its items'
    /// conversion).
    wrap_result: Option<&'static str>,
    /// The closures of its callable parameters (`rsbind_rt::callback!`).
    callbacks: Vec<CallbackView>,
    /// What runs the body (the template prints its path).
    runner: Runner,
    /// The stub returns `rsbind_rt::RsbindReturn<out_abi_type>` itself (no
    /// `rsbind_out`, no `rsbind_err`).
    direct: Option<DirectView>,
    /// A returned `impl Trait`, boxed as the trait object its class holds.
    boxes_impl: Option<LetView>,
    /// The result goes into C's room when it fits (`abi::Abi::result_in_room`):
    /// the room's bytes.
    in_room: Option<usize>,
}

/// A stub returning its scalar result itself (`abi::direct_return`).
#[derive(Serialize)]
struct DirectView {
    /// From `pub unsafe` to the body's `{`, laid out as rustfmt does.
    signature: String,
}

/// The runtime function that runs a stub's body.
#[derive(Clone, Copy, PartialEq, Eq, Serialize)]
enum Runner {
    /// `rsbind_rt::call`: C calls it with the GIL held.
    #[serde(rename = "rsbind_rt::call")]
    Call,
    /// `rsbind_rt::call_released`: C calls it without the GIL.
    #[serde(rename = "rsbind_rt::call_released")]
    Released,
    /// `rsbind_rt::call_with_callables`: its callables' (and Python trait
    /// objects') exceptions are collected.
    #[serde(rename = "rsbind_rt::call_with_callables")]
    WithCallables,
    /// `rsbind_rt::call_direct`: [`Runner::Call`] of a stub that returns its
    /// scalar result itself (`abi::direct_return`).
    #[serde(rename = "rsbind_rt::call_direct")]
    CallDirect,
    /// `rsbind_rt::call_released_direct`: [`Runner::Released`] of one.
    #[serde(rename = "rsbind_rt::call_released_direct")]
    ReleasedDirect,
}

/// `, err SYMBOL` of `callback!`/`py_method!` for a callable returning
/// `Result` (its trampoline's `SYMBOL_err`), else nothing.
pub(super) fn err_arg(c: &ir::Callable, trampoline: &str) -> String {
    match c.error {
        Some(_) => format!(", err {}", names::callback_err_symbol(trampoline)),
        None => String::new(),
    }
}

impl StubView {
    /// The stub returns its scalar result itself (`abi::direct_return`).
    fn returns_directly(&mut self) {
        self.runner = Runner::CallDirect;
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{}: {}", p.name, p.abi_type))
            .collect();
        let head = format!("pub unsafe extern \"C\" fn {}", self.symbol);
        let ret = format!("-> rsbind_rt::RsbindReturn<{}> {{", self.out_abi_type);
        let line = format!("{head}({}) {ret}", params.join(", "));
        // As rustfmt lays it out: on one line when it fits in 100 columns;
        // else, without parameters, the brace on a line of its own while
        // that fits (rustfmt allows 3 columns over), then an empty
        // parameter list broken open; else one parameter per line.
        let signature = if line.len() <= 100 {
            line
        } else if params.is_empty() && line.len() <= 103 {
            format!("{}\n{{", line.trim_end_matches(" {"))
        } else {
            let lines: String = params.iter().map(|p| format!("    {p},\n")).collect();
            format!("{head}(\n{lines}) {ret}")
        };
        self.direct = Some(DirectView { signature });
    }

    /// A stub that C calls without the GIL counts itself as a call (the
    /// panic hook can't ask the GIL whether a panic is caught).
    fn run_without_gil(&mut self, released: bool) {
        if released {
            self.runner = match self.runner {
                Runner::Call => Runner::Released,
                Runner::CallDirect => Runner::ReleasedDirect,
                other => other,
            };
        }
    }
}

/// A callable parameter: the maker of its closure and its trampoline's
/// signature, as `rsbind_rt::callback!` takes them.
#[derive(Serialize)]
struct CallbackView {
    /// `opt ` for an `Option` of a callable (the maker gives an `Option`),
    /// `boxed ` for a `Box` of one (the maker gives a `Box`), else empty.
    form: &'static str,
    maker: String,
    symbol: String,
    /// The closure's trait: `Fn(&str) -> bool`.
    sig: String,
    args: Vec<CallbackArgView>,
    ret: String,
    out_abi_type: String,
    /// `, err SYMBOL` for a callable returning `Result` (the C function that
    /// gives its exception as `Err`), else empty.
    err: String,
}

#[derive(Serialize)]
struct CallbackArgView {
    name: String,
    rust_type: String,
    abi_type: String,
}

#[derive(Serialize)]
struct ParamView {
    name: String,
    abi_type: String,
}

/// `let [mut] NAME: TYPE = VALUE;`, broken after the `=` (`wrap`) past 100 columns.
#[derive(Serialize)]
struct LetView {
    name: String,
    mutable: bool,
    rust_type: String,
    /// `: TYPE`, or nothing when the type is left to inference (a closure's).
    annotation: String,
    value: String,
    wrap: bool,
    /// Past 100 columns up to the `=`, rustfmt breaks the type between its
    /// generic arguments.
    generic: Option<GenericView>,
}

/// A call `callee(args)` between text that the template writes: on one line,
/// on a line of its own after a `let`'s `=` (`after_eq`), with its one argument
/// overflowing (`overflow`), or with one argument per line, as rustfmt lays it out.
#[derive(Serialize)]
struct CallView {
    callee: String,
    args: Vec<String>,
    one_line: bool,
    after_eq: bool,
    /// With `after_eq`: the first line (`let rsbind_ret =`) and what the
    /// next starts with before the callee (`match ` of `let rsbind_ret =
    /// match callee(..) {`); else empty.
    eq_head: String,
    eq_lead: String,
    /// The one argument is itself a call whose head fits on the first line:
    /// rustfmt lets it overflow (`f(lift(` / `&x,` / `))`).
    overflow: Option<OverflowView>,
}

/// The call that is a call's one argument, split for an overflowing layout.
#[derive(Serialize)]
struct OverflowView {
    callee: String,
    arg: String,
}

impl OverflowView {
    /// `path(arg)` with one argument; `None` for anything else.
    fn of(arg: &str) -> Option<OverflowView> {
        let (callee, rest) = arg.split_once('(')?;
        let inner = rest.strip_suffix(')')?;
        let is_path = !callee.is_empty()
            && callee
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
        let one_arg = !inner.is_empty() && !inner.contains([',', '(', ')']);
        (is_path && one_arg).then(|| OverflowView {
            callee: callee.to_string(),
            arg: inner.to_string(),
        })
    }
}

/// A stub that calls the bound function or method; `error` converts the `Err`
/// of a `Result` into the stub's error.
#[derive(Serialize)]
struct CallStubView {
    stub: StubView,
    call: CallView,
    error: Option<String>,
    /// A builder step: the call's result (`&mut Self`) is dropped; C hands
    /// Python the object itself.
    discards_result: bool,
}

/// A stub reading a value once at import: `Clone::clone(&PATH)`.
#[derive(Serialize)]
struct ReadStubView {
    stub: StubView,
    call: CallView,
}

/// A stub building a struct or a variant from its fields.
#[derive(Serialize)]
struct LiteralStubView {
    stub: StubView,
    path: String,
    inits: Vec<FieldInitView>,
}

/// `field: value` in a struct literal.
#[derive(Serialize)]
struct FieldInitView {
    field: String,
    value: String,
}

/// A stub over a path: dropping a box of it, or making its default.
#[derive(Serialize)]
struct PathStubView {
    stub: StubView,
    path: String,
}

/// A stub that matches on the variants, one arm per variant.
#[derive(Serialize)]
struct ArmsStubView {
    stub: StubView,
    arms: Vec<ArmView>,
}

/// An int enum's discriminants, by the variant index that `index_arg` passes.
#[derive(Serialize)]
struct DiscriminantsView {
    stub: StubView,
    index_arg: String,
    arms: Vec<ArmView>,
}

#[derive(Serialize)]
struct ArmView {
    index: usize,
    path: String,
}

/// A class: how it crosses the boundary and its stubs, in the order lib.rs has them.
#[derive(Serialize)]
struct ClassView {
    path: String,
    /// Crossing as a discriminant (`int_enum!`, with `variant_names`), else
    /// boxed: cloned out of a borrowed object (`by_clone`) or moved.
    int_enum: bool,
    by_clone: bool,
    variant_names: Vec<String>,
    /// `int_enum!`'s variants one per line, as rustfmt lays out a struct-literal-like
    /// macro argument whose fields exceed its `struct_lit_width` (18).
    variants_on_lines: bool,
    /// `rsbind_this` (self borrowed, shared or mutably) and `rsbind_other`.
    this_ref: LetView,
    this_mut: LetView,
    other: LetView,
    /// An int enum's discriminants, by variant index; int enums have no other stub.
    discriminants: Option<DiscriminantsView>,
    drop: Option<PathStubView>,
    /// A value stored in its object (`ir::Class::stored_inline`).
    inline: Option<InlineStubsView>,
    new_by_call: Option<CallStubView>,
    new_by_default: Option<PathStubView>,
    new_by_fields: Option<LiteralStubView>,
    /// A data enum's variant index.
    variant_of: Option<ArmsStubView>,
    variants: Vec<VariantView>,
    fields: Vec<FieldView>,
    methods: Vec<CallStubView>,
    protocols: ProtocolsView,
    consts: Vec<ReadStubView>,
}

/// The stubs of a value stored in its object: its size there (and whether it
/// needs a drop), moving a Box's value into an object, dropping it in place.
#[derive(Serialize)]
struct InlineStubsView {
    size: String,
    unbox: String,
    drop: String,
}

/// A data enum's variant: its constructor and its fields' getters.
#[derive(Serialize)]
struct VariantView {
    new: LiteralStubView,
    fields: Vec<VariantFieldView>,
}

#[derive(Serialize)]
struct VariantFieldView {
    stub: StubView,
    variant_path: String,
    field: String,
}

/// A field's getter and setter (none when read-only); `value` is the setter's
/// argument, converted.
#[derive(Serialize)]
struct FieldView {
    get: StubView,
    set: Option<StubView>,
    field: String,
    value: String,
}

/// The Python protocols a class's traits give it.
#[derive(Serialize, Default)]
struct ProtocolsView {
    str: Option<StubView>,
    repr: Option<StubView>,
    eq: Option<StubView>,
    cmp: Option<StubView>,
    hash: Option<StubView>,
    clone: Option<StubView>,
    next: Option<StubView>,
    /// An iterator of `Result`s: converts the `Err` of an item.
    next_error: Option<String>,
    /// `DoubleEndedIterator`: the items left, taken from the back.
    reversed: Option<StubView>,
    /// Items that are views (`ir::Module::next_view_item`): `reversed`
    /// takes one item from the back (its address), which C calls until the
    /// end.
    reversed_one: bool,
    /// `IntoIterator` for `&T`: copies of the items it borrows.
    iter_by_ref: Option<StubView>,
    pickle: Option<PickleView>,
}

/// serde's `Serialize` + `Deserialize`: the value's data as MessagePack
/// (`pickle`, into C's buffer `buf` while it fits), the value read back (`unpickle`, from `data`) and, without
/// `Clone`, the deep copy through the data.
#[derive(Serialize)]
struct PickleView {
    pickle: StubView,
    buf: LetView,
    pickle_call: CallView,
    unpickle: StubView,
    data: LetView,
    unpickle_call: CallView,
    deepcopy: Option<ReadStubView>,
}

/// A static read and written live; `value` is the setter's argument, converted.
#[derive(Serialize)]
struct LiveStaticView {
    get: StubView,
    set: StubView,
    path: String,
    value: String,
    atomic: Option<AtomicView>,
    guarded: Option<GuardView>,
}

/// An atomic's `store` call.
#[derive(Serialize)]
struct AtomicView {
    store: CallView,
}

/// The runtime's functions that take a lock's guard for reading and writing.
#[derive(Serialize)]
struct GuardView {
    read: &'static str,
    write: &'static str,
}

/// A TOML basic string.
/// The crate dependency's feature keys for the package's Cargo.toml.
fn crate_features(module: &ir::Module) -> String {
    let mut out = String::new();
    if !module.features.is_empty() {
        let quoted: Vec<String> = module.features.iter().map(|f| toml_string(f)).collect();
        out.push_str(&format!(", features = [{}]", quoted.join(", ")));
    }
    if !module.default_features {
        out.push_str(", default-features = false");
    }
    out
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The conversion of a stub's C argument into the Rust value the call takes.
fn lift(arg: &str) -> String {
    format!("rsbind_rt::lift(&{arg})")
}

/// What a result of type `ty` is wrapped in to cross (`StubView::wrap_result`).
fn wrap_result(ty: &ir::Ty) -> Option<&'static str> {
    use ir::{ClassMode, Ty};
    match ty {
        Ty::Iter(_) => Some("rsbind_rt::RsbindIter::new"),
        Ty::Class(_, ClassMode::StaticRef) => Some("rsbind_rt::RsbindView"),
        Ty::Option(inner) if matches!(**inner, Ty::Class(_, ClassMode::StaticRef)) => {
            Some("rsbind_rt::RsbindView")
        }
        // A sequence view of IntEnum members (not a view: `Module::method_view`)
        // is a list of them.
        Ty::Seq(_, ir::SeqForm::View | ir::SeqForm::IterView) => Some("rsbind_rt::RsbindCopied"),
        Ty::Option(inner)
            if matches!(
                **inner,
                Ty::Seq(_, ir::SeqForm::View | ir::SeqForm::IterView)
            ) =>
        {
            Some("rsbind_rt::RsbindCopied")
        }
        _ => None,
    }
}

/// An argument a result that borrows may point into: the C side keeps the
/// memory alive as long as the result's object, not only for the call
/// (`rsbind_rt::lift_kept`).
fn lift_kept(arg: &str) -> String {
    format!("rsbind_rt::lift_kept(&{arg})")
}

fn error_expr(e: &ErrorConv) -> String {
    match e {
        ErrorConv::Class(i) => format!("rsbind_rt::RsbindError::class({i}, e)"),
        ErrorConv::Io => "rsbind_rt::RsbindError::io(&e)".to_string(),
        ErrorConv::Display => "rsbind_rt::RsbindError::display(&e)".to_string(),
    }
}

/// How a stub names the function it calls: its path, or for a method of an
/// extension trait `<str as ::lib::Trait>::method`.
fn fn_callee(lib: &str, f: &ir::Function) -> String {
    match (&f.self_type, f.rust_path.rsplit_once("::")) {
        (Some(ty), Some((tr, method))) => format!(
            "<{ty} as {}>::{}",
            absolute_path(lib, tr),
            raw_ident(method)
        ),
        _ => absolute_path(lib, &f.rust_path),
    }
}

/// How a stub names a method: `<::lib::Money>::units`, a trait's
/// `<::lib::Money as ::std::ops::Add<i64>>::add`.
fn method_callee(names: &ClassNames, m: &ir::Method) -> String {
    let owner = match &m.trait_path {
        Some(t) => format!("<{} as {t}>", names.path),
        None => names.expr.clone(),
    };
    format!(
        "{owner}::{}{}",
        raw_ident(&m.rust_name),
        turbofish(&m.type_args)
    )
}

/// `::<A, B>` for an instantiation of a generic item; nothing otherwise.
fn turbofish(type_args: &[String]) -> String {
    if type_args.is_empty() {
        String::new()
    } else {
        format!("::<{}>", type_args.join(", "))
    }
}

/// The width of `pieces` written one after the other.
fn width(pieces: &[&str]) -> usize {
    pieces.iter().map(|p| p.len()).sum()
}

impl LetView {
    fn new(name: &str, mutable: bool, rust_type: String, value: String) -> LetView {
        let mutability = if mutable { "mut " } else { "" };
        let annotation = if rust_type.is_empty() {
            String::new()
        } else {
            format!(": {rust_type}")
        };
        let line = width(&["let ", mutability, name, &annotation, " = ", &value, ";"]);
        let head = width(&["let ", mutability, name, &annotation, " ="]);
        let generic = match rust_type.find('<') {
            Some(open) if BODY_INDENT + head > MAX_WIDTH => Some(GenericView {
                head: rust_type[..open].to_string(),
                args: split_top_level(&rust_type[open + 1..rust_type.len() - 1]),
            }),
            _ => None,
        };
        LetView {
            name: name.to_string(),
            mutable,
            annotation,
            wrap: BODY_INDENT + line > MAX_WIDTH,
            rust_type,
            value,
            generic,
        }
    }
}

impl CallView {
    /// `head callee(args)tail` in a stub's body, `head` and `tail` being the
    /// text that the template writes around the call.
    fn new(head: &str, callee: String, args: Vec<String>, tail: &str) -> CallView {
        let args_width = width(&args.iter().map(String::as_str).collect::<Vec<_>>())
            + ", ".len() * args.len().saturating_sub(1);
        let call_width = callee.len() + "()".len() + args_width + tail.len();
        let one_line = BODY_INDENT + head.len() + call_width <= MAX_WIDTH || args.is_empty();
        // rustfmt first tries the right-hand side of a `let` on a line of its
        // own, when the arguments are short enough (its `fn_call_width`); a
        // `match` on the call goes there whole.
        let (eq_head, eq_lead) = head.rsplit_once(" = ").unwrap_or((head, ""));
        // The `let`'s `;` is reserved on every line of its right-hand side
        // (a `match`'s closes it after its arms).
        let semicolon = if tail.ends_with(';') { 0 } else { 1 };
        let after_eq = !one_line
            && head.starts_with("let ")
            && head.contains(" = ")
            && BODY_INDENT + 4 + eq_lead.len() + call_width + semicolon <= MAX_WIDTH
            && args_width <= 60;
        // Else a call as the one argument overflows when `callee(inner(` fits
        // with a column to spare, two before a `;`.
        let overflow = match args.as_slice() {
            [arg] if !one_line && !after_eq => OverflowView::of(arg).filter(|o| {
                let spare = if tail.ends_with(';') { 2 } else { 1 };
                BODY_INDENT + width(&[head, &callee, "(", &o.callee, "("]) + spare <= MAX_WIDTH
            }),
            _ => None,
        };
        CallView {
            callee,
            args,
            one_line,
            after_eq,
            eq_head: if after_eq {
                format!("{eq_head} =")
            } else {
                String::new()
            },
            eq_lead: if after_eq {
                eq_lead.to_string()
            } else {
                String::new()
            },
            overflow,
        }
    }
}

/// The composite values that cross the boundary, each with its layout asserted.
/// The stubs of one iterator type the module's functions return.
#[derive(Serialize)]
struct IteratorView {
    doc: String,
    next: String,
    drop: String,
    /// The ABI of `Option<Item>`, what `next` writes.
    out_abi_type: String,
}

fn iterators(abi: &Abi) -> Vec<IteratorView> {
    abi.module_iterators()
        .iter()
        .map(|ty| {
            let ir::Ty::Iter(item) = ty else {
                unreachable!("module_iterators gives iterators")
            };
            let stem = abi.iterator_stem(ty);
            IteratorView {
                doc: format!(
                    "An iterator of `{}` items (and of others crossing alike)",
                    abi.rust_type(item)
                ),
                next: format!("{stem}_next"),
                drop: format!("{stem}_drop"),
                out_abi_type: abi.iter_next_abi_type(item),
            }
        })
        .collect()
}

fn aliases(abi: &Abi) -> Vec<AliasView> {
    let composites = abi.module_composites();
    let layouts = super::abi::composite_layouts(&composites);
    composites
        .iter()
        .filter(|c| c.declare)
        .map(|c| {
            let asserts = layouts
                .iter()
                .find(|l| l.c_type == c.c_type)
                .map(|l| l.rust_asserts())
                .unwrap_or_default();
            AliasView::with_layout(&c.c_type, &c.rust_type, asserts)
        })
        .collect()
}

impl AliasView {
    #[cfg(test)]
    fn new(name: &str, rust_type: &str) -> AliasView {
        Self::with_layout(name, rust_type, Vec::new())
    }

    /// With the assertions of its layout (`assert!(..);` lines).
    fn with_layout(name: &str, rust_type: &str, layout_asserts: Vec<String>) -> AliasView {
        let fits = width(&["type ", name, " = ", rust_type, ";"]) <= MAX_WIDTH;
        let after_eq = !fits && width(&["    ", rust_type, ";"]) <= MAX_WIDTH;
        let generic = match rust_type.find('<') {
            Some(open) if !fits && !after_eq => Some(GenericView {
                head: rust_type[..open].to_string(),
                args: split_top_level(&rust_type[open + 1..rust_type.len() - 1]),
            }),
            _ => None,
        };
        AliasView {
            name: name.to_string(),
            rust_type: rust_type.to_string(),
            one_line: !after_eq && generic.is_none(),
            after_eq,
            generic,
            layout_asserts,
        }
    }
}

/// Splits `A, B<C, D>, E` at its top-level commas.
fn split_top_level(args: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in args.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

/// The paths and names under which a class's stubs know it.
struct ClassNames {
    index: usize,
    /// `::lib::Counter`, `::lib::Stack<i32>`
    path: String,
    /// Where an expression names the class (a call, a const): `<::lib::Stack<i32>>`.
    expr: String,
    /// Where a struct literal builds it: `::lib::Stack::<i32>`.
    literal: String,
    /// For doc comments: `module.geo.Point`.
    qualified: String,
}

/// Builds the views of the stubs with the module's ABI at hand.
struct Views<'m> {
    abi: Abi<'m>,
}

impl<'m> Views<'m> {
    fn module(&self) -> &'m ir::Module {
        self.abi.module
    }

    /// A stub's signature over `self` (when it has one) and `params`, and the
    /// argument expressions that pass them to the bound call.
    fn stub(
        &self,
        doc: String,
        symbol: String,
        self_ty: Option<&ir::Ty>,
        params: &[ir::Param],
        out: &ir::Ty,
    ) -> (StubView, Vec<String>) {
        let mut views = Vec::new();
        let mut args = Vec::new();
        let mut owned = Vec::new();
        let receiver = self_ty.map(|t| (SELF_ARG.to_string(), "self", t));
        let rest = params
            .iter()
            .map(|p| (names::arg_name(p), p.python_name.as_str(), &p.ty));
        let inferred: Vec<Option<&String>> = self_ty
            .map(|_| None)
            .into_iter()
            .chain(params.iter().map(|p| p.inferred.as_ref()))
            .collect();
        let mut callbacks = Vec::new();
        let params_by_name: Vec<Option<&ir::Param>> = self_ty
            .map(|_| None)
            .into_iter()
            .chain(params.iter().map(Some))
            .collect();
        for (((name, python_name, ty), inferred), param) in receiver
            .into_iter()
            .chain(rest)
            .zip(inferred)
            .zip(params_by_name)
        {
            if let Some((cb, arg)) =
                param.and_then(|p| self.callback(&symbol, p, &name, &mut owned))
            {
                callbacks.push(cb);
                args.push(arg);
                views.push(ParamView {
                    abi_type: self.abi.rust_abi_type(ty, Dir::In),
                    name,
                });
                continue;
            }
            match self.abi.owned_for_borrow(ty) {
                Some(owned_ty) => {
                    let owned_name = format!("rsbind_owned_{python_name}");
                    let mutable = matches!(ty, ir::Ty::Class(_, ir::ClassMode::RefMut))
                        || matches!(ty, ir::Ty::Trait(_, u) if u.form == ir::DynForm::RefMut);
                    // A trait object is reached through its holder's `Deref`;
                    // an `impl Trait` parameter takes the holder itself.
                    let deref = if matches!(ty, ir::Ty::Trait(..)) {
                        "*"
                    } else {
                        ""
                    };
                    let by_value = matches!(ty, ir::Ty::Trait(_, u) if u.form == ir::DynForm::Impl);
                    // `Option<&dyn Trait>`: the holder's `Deref`, inside.
                    let opt_dyn = match ty {
                        ir::Ty::Option(inner) => abi::borrowed_dyn(inner),
                        _ => None,
                    };
                    let mutable = mutable || opt_dyn == Some(true);
                    args.push(if let Some(m) = opt_dyn {
                        // `&mut` is invariant: the closure's result shortens
                        // the trait object's lifetime, which `Option` would not.
                        if m {
                            format!("rsbind_rt::opt_mut(&mut {owned_name}, |rsbind_d| rsbind_d)")
                        } else {
                            format!("{owned_name}.as_deref()")
                        }
                    } else if by_value {
                        owned_name.clone()
                    } else if mutable {
                        format!("&mut {deref}{owned_name}")
                    } else {
                        format!("&{deref}{owned_name}")
                    });
                    owned.push(LetView::new(&owned_name, mutable, owned_ty, lift(&name)));
                }
                // The compiler infers an `impl Trait` parameter from the
                // argument, a value of the type the interface file gives.
                None => match inferred {
                    Some(rust) => {
                        let owned_name = format!("rsbind_owned_{python_name}");
                        args.push(owned_name.clone());
                        owned.push(LetView::new(&owned_name, false, rust.clone(), lift(&name)));
                    }
                    // Lent for good: the C side has pinned the object's value.
                    None if matches!(ty, ir::Ty::Class(_, ir::ClassMode::StaticRef)) => {
                        args.push(lift_kept(&name))
                    }
                    None => args.push(lift(&name)),
                },
            }
            views.push(ParamView {
                abi_type: self.abi.rust_abi_type(ty, Dir::In),
                name,
            });
        }
        let stub = StubView {
            doc,
            symbol,
            params: views,
            owned,
            out_abi_type: self.abi.rust_abi_type(out, Dir::Out),
            wrap_result: None,
            // A Python object passed as a trait object forwards its methods
            // through callables of this call too.
            runner: if callbacks.is_empty() && !params.iter().any(|p| p.ty.holds_behaviour()) {
                Runner::Call
            } else {
                Runner::WithCallables
            },
            callbacks,
            direct: None,
            boxes_impl: None,
            in_room: None,
        };
        (stub, args)
    }

    /// A callable parameter's closure (`rsbind_rt::callback!`) and the
    /// argument that passes it as the parameter's form asks.
    fn callback(
        &self,
        stub: &str,
        p: &ir::Param,
        arg: &str,
        owned: &mut Vec<LetView>,
    ) -> Option<(CallbackView, String)> {
        let (c, opt) = match &p.ty {
            ir::Ty::Callable(c) => (c, false),
            ir::Ty::Option(inner) => match &**inner {
                ir::Ty::Callable(c) => (c, true),
                _ => return None,
            },
            _ => return None,
        };
        let maker = names::callback_maker(stub, p);
        let made = format!("{maker}(&{arg})");
        // An optional one is made first (its closure's type left to
        // inference), so that the call's argument stays a short chain.
        let local = format!("rsbind_f{}", owned.len());
        if opt && c.form != ir::CallableForm::Value {
            let mutable = c.form == ir::CallableForm::RefMut;
            owned.push(LetView::new(&local, mutable, String::new(), made.clone()));
        }
        let arg = match (c.form, opt) {
            (ir::CallableForm::Value | ir::CallableForm::Boxed, false) => made,
            (ir::CallableForm::Value, true) => made,
            (ir::CallableForm::Ref, false) => format!("&{made}"),
            (ir::CallableForm::RefMut, false) => format!("&mut {made}"),
            (ir::CallableForm::Ref, true) => format!("{local}.as_ref().map(|f| f as _)"),
            (ir::CallableForm::RefMut, true) => format!("{local}.as_mut().map(|f| f as _)"),
            (ir::CallableForm::Boxed, true) => format!("{local}.map(|f| Box::new(f) as _)"),
        };
        let view = CallbackView {
            form: match (opt, c.form) {
                (true, _) => "opt ",
                (false, ir::CallableForm::Boxed) => "boxed ",
                (false, _) => "",
            },
            symbol: names::callback_symbol(stub, p),
            maker,
            sig: self.abi.callable_sig(c),
            args: c
                .params
                .iter()
                .enumerate()
                .map(|(i, t)| CallbackArgView {
                    name: format!("rsbind_a{i}"),
                    rust_type: self.abi.rust_type_as_passed(t),
                    abi_type: self.abi.rust_abi_type(t, Dir::Out),
                })
                .collect(),
            ret: self.abi.callable_ret(c),
            out_abi_type: match &c.ret {
                ir::Ty::Unit => "rsbind_rt::RsbindUnit".to_string(),
                t => self.abi.rust_abi_type(t, Dir::In),
            },
            err: err_arg(c, &names::callback_symbol(stub, p)),
        };
        Some((view, arg))
    }

    /// A stub whose body the template writes; it reads `self` itself (as
    /// `rsbind_this`), so no owned value is made for it.
    fn body_stub(
        &self,
        doc: String,
        symbol: String,
        self_ty: Option<&ir::Ty>,
        params: &[ir::Param],
        out: &ir::Ty,
    ) -> StubView {
        let (mut stub, _) = self.stub(doc, symbol, self_ty, params, out);
        stub.owned.retain(|l| l.name != OWNED_SELF);
        stub
    }

    /// A field's getter: a scalar comes back directly, as a call's does.
    fn getter_stub(&self, doc: String, symbol: String, self_ty: &ir::Ty, ty: &ir::Ty) -> StubView {
        let mut stub = self.body_stub(doc, symbol, Some(self_ty), &[], ty);
        if self.abi.direct_return(ty, &[]).is_some() {
            stub.returns_directly();
        }
        stub
    }

    /// A stub calling `callee` with the error handling of `ret`.
    fn call_stub(
        &self,
        doc: String,
        symbol: String,
        callee: String,
        self_ty: Option<&ir::Ty>,
        params: &[ir::Param],
        ret: &ir::Ret,
    ) -> CallStubView {
        let (mut stub, mut args) = self.stub(doc, symbol, self_ty, params, &ret.ty);
        stub.wrap_result = match self.abi.module.iter_view_item(&ret.ty) {
            // Its items cross as addresses (views), never as copies.
            Some(_) => Some("rsbind_rt::RsbindIter::views"),
            None => wrap_result(&ret.ty),
        };
        if let Some((t, u)) = ret.boxed_impl {
            let boxed = format!("Box<{}>", self.abi.dyn_type(t, u));
            let value = "Box::new(rsbind_ret)".to_string();
            stub.boxes_impl = Some(LetView::new("rsbind_ret", false, boxed, value));
        }
        if self.abi.direct_return(&ret.ty, params).is_some() && stub.runner == Runner::Call {
            stub.returns_directly();
        }
        if ret.keeps.is_some() {
            // The result's lifetimes are erased ('static): so are its sources'.
            for a in &mut args {
                if let Some(name) = a
                    .strip_prefix("rsbind_rt::lift(&")
                    .and_then(|r| r.strip_suffix(')'))
                {
                    *a = lift_kept(name);
                }
            }
        }
        let error = ret.error.as_ref().map(error_expr);
        // As function.rs.j2 writes the call.
        let call = match error {
            Some(_) => CallView::new("let rsbind_ret = match ", callee, args, " {"),
            None => CallView::new("let rsbind_ret = ", callee, args, ";"),
        };
        CallStubView {
            stub,
            call,
            error,
            discards_result: false,
        }
    }

    /// A stub reading the value at `path` once, at import.
    fn read_stub(&self, doc: String, symbol: String, path: &str, ty: &ir::Ty) -> ReadStubView {
        let mut stub = self.body_stub(doc, symbol, None, &[], ty);
        stub.wrap_result = wrap_result(ty);
        let call = CallView::new(
            "let rsbind_ret = ",
            "Clone::clone".to_string(),
            vec![format!("&{path}")],
            ";",
        );
        ReadStubView { stub, call }
    }

    /// A stub building `path { fields }` from the fields as parameters.
    fn literal_stub(
        &self,
        doc: String,
        symbol: String,
        path: String,
        fields: &[ir::Field],
        out: &ir::Ty,
    ) -> LiteralStubView {
        let params = ir::fields_as_params(fields);
        let inits = fields
            .iter()
            .zip(&params)
            .map(|(f, p)| FieldInitView {
                field: raw_ident(&f.rust_name),
                value: lift(&names::arg_name(p)),
            })
            .collect();
        LiteralStubView {
            stub: self.body_stub(doc, symbol, None, &params, out),
            path,
            inits,
        }
    }

    fn class(&self, index: usize) -> ClassView {
        let module = self.module();
        let c = &module.classes[index];
        let names = ClassNames {
            index,
            path: self.abi.class_rust_path(index),
            expr: self.abi.class_expr_path(index),
            literal: self.abi.class_literal_path(index),
            qualified: format!(
                "{}.{}",
                module.namespaces[c.namespace].qualified_name, c.python_name
            ),
        };
        let path = &names.path;
        let int_enum = c.kind == ir::ClassKind::IntEnum;
        let other = ir::Param::required("other", ir::Ty::Class(index, ir::ClassMode::Ref));
        let mut view = ClassView {
            path: path.clone(),
            int_enum,
            by_clone: c.traits.clone,
            variant_names: Vec::new(),
            variants_on_lines: false,
            this_ref: LetView::new("rsbind_this", false, format!("&{path}"), lift(SELF_ARG)),
            this_mut: LetView::new("rsbind_this", false, format!("&mut {path}"), lift(SELF_ARG)),
            other: LetView::new(
                "rsbind_other",
                false,
                format!("&{path}"),
                lift(&names::arg_name(&other)),
            ),
            discriminants: None,
            drop: None,
            inline: None,
            new_by_call: None,
            new_by_default: None,
            new_by_fields: None,
            variant_of: None,
            variants: Vec::new(),
            fields: Vec::new(),
            methods: Vec::new(),
            protocols: ProtocolsView::default(),
            consts: Vec::new(),
        };
        if int_enum {
            view.variant_names = c.variants.iter().map(|v| raw_ident(&v.rust_name)).collect();
            view.variants_on_lines = view.variant_names.join(", ").len() > 18;
            view.discriminants = Some(self.discriminants(&names));
            // A member crosses as its discriminant: `str()` reads a value made from it.
            view.this_ref = LetView::new(
                "rsbind_this",
                false,
                format!("&{path}"),
                format!("&{}", lift(SELF_ARG)),
            );
            view.protocols = ProtocolsView {
                str: self.protocols(&names).str,
                ..ProtocolsView::default()
            };
            view.methods = (0..c.methods.len())
                .map(|k| self.method(&names, k))
                .collect();
            return view;
        }
        view.drop = Some(PathStubView {
            stub: StubView {
                doc: format!("Drops the value of a `{}` object.", names.qualified),
                symbol: self.class_symbol(&names, "drop"),
                params: vec![ParamView {
                    name: SELF_ARG.to_string(),
                    abi_type: "rsbind_rt::RsbindPtr".to_string(),
                }],
                owned: Vec::new(),
                callbacks: Vec::new(),
                runner: Runner::Call,
                out_abi_type: "rsbind_rt::RsbindUnit".to_string(),
                wrap_result: None,
                direct: None,
                boxes_impl: None,
                in_room: None,
            },
            path: path.clone(),
        });
        if c.stored_inline() {
            view.inline = Some(InlineStubsView {
                size: self.class_symbol(&names, "inline_size"),
                unbox: self.class_symbol(&names, "unbox"),
                drop: self.class_symbol(&names, "drop_inline"),
            });
        }
        self.constructor(&names, &mut view);
        if c.kind == ir::ClassKind::DataEnum {
            self.data_enum(&names, &mut view);
        }
        view.fields = c.fields.iter().map(|f| self.field(&names, f)).collect();
        view.methods = (0..c.methods.len())
            .map(|k| self.method(&names, k))
            .collect();
        view.protocols = self.protocols(&names);
        view.consts = c
            .consts
            .iter()
            .map(|v| {
                let rust_name = v.rust_path.rsplit("::").next().unwrap_or_default();
                self.read_stub(
                    format!(
                        "`{}.{}`, read once at import.",
                        names.qualified, v.python_name
                    ),
                    self.class_symbol(&names, &format!("const_{}", v.python_name)),
                    &format!("{}::{}", names.expr, raw_ident(rust_name)),
                    &v.ty,
                )
            })
            .collect();
        view
    }

    fn class_symbol(&self, names: &ClassNames, what: &str) -> String {
        names::class_symbol(self.module(), names.index, what)
    }

    fn value_ty(names: &ClassNames) -> ir::Ty {
        ir::Ty::Class(names.index, ir::ClassMode::Value)
    }

    /// The variants' arms of a match: `path::Variant` by variant index.
    fn arms(&self, names: &ClassNames) -> Vec<ArmView> {
        self.module().classes[names.index]
            .variants
            .iter()
            .enumerate()
            .map(|(index, v)| ArmView {
                index,
                path: format!("{}::{}", names.path, raw_ident(&v.rust_name)),
            })
            .collect()
    }

    /// The discriminant of each member, read at import to build the IntEnum.
    fn discriminants(&self, names: &ClassNames) -> DiscriminantsView {
        let index = ir::Param::required("index", ir::Ty::Int(ir::IntKind::U32));
        DiscriminantsView {
            stub: self.body_stub(
                format!(
                    "The discriminants of `{}`, by variant index.",
                    names.qualified
                ),
                self.class_symbol(names, "discriminant"),
                None,
                std::slice::from_ref(&index),
                &ir::Ty::Int(ir::IntKind::I64),
            ),
            index_arg: names::arg_name(&index),
            arms: self.arms(names),
        }
    }

    fn constructor(&self, names: &ClassNames, view: &mut ClassView) {
        let c = &self.module().classes[names.index];
        let q = &names.qualified;
        let symbol = self.class_symbol(names, "new");
        let value_in_room = self.result_in_room(&ir::Ret {
            ty: Self::value_ty(names),
            error: None,
            boxed_impl: None,
            keeps: None,
        });
        match &c.constructor {
            Some(ir::Constructor::Method(m)) => {
                let mut stub = self.call_stub(
                    format!("`{q}(..)`"),
                    symbol,
                    method_callee(names, m),
                    None,
                    &m.params,
                    &m.ret,
                );
                stub.stub.in_room = self.result_in_room(&m.ret);
                view.new_by_call = Some(stub);
            }
            Some(ir::Constructor::Default) => {
                let mut stub = self.body_stub(
                    format!("`{q}()`, from `Default`."),
                    symbol,
                    None,
                    &[],
                    &Self::value_ty(names),
                );
                stub.in_room = value_in_room;
                view.new_by_default = Some(PathStubView {
                    stub,
                    path: names.path.clone(),
                });
            }
            Some(ir::Constructor::Fields(_)) => {
                let mut stub = self.literal_stub(
                    format!("`{q}(..)`, from its fields."),
                    symbol,
                    names.literal.clone(),
                    &c.fields,
                    &Self::value_ty(names),
                );
                stub.stub.in_room = value_in_room;
                view.new_by_fields = Some(stub);
            }
            None => {}
        }
    }

    /// Which variant a data enum holds, each variant's constructor and the
    /// getters of its fields.
    fn data_enum(&self, names: &ClassNames, view: &mut ClassView) {
        let c = &self.module().classes[names.index];
        let q = &names.qualified;
        let by_ref = ir::Ty::Class(names.index, ir::ClassMode::Ref);
        view.variant_of = Some(ArmsStubView {
            stub: self.body_stub(
                format!("Which variant a `{q}` holds."),
                self.class_symbol(names, "variant"),
                Some(&by_ref),
                &[],
                &ir::Ty::Int(ir::IntKind::U32),
            ),
            arms: self.arms(names),
        });
        for (v, arm) in c.variants.iter().zip(self.arms(names)) {
            let fields = v
                .fields
                .iter()
                .map(|f| VariantFieldView {
                    stub: self.getter_stub(
                        format!("Reads `{q}.{}.{}`.", v.python_name, f.python_name),
                        self.class_symbol(
                            names,
                            &format!("{}_get_{}", v.python_name, f.python_name),
                        ),
                        &by_ref,
                        &f.ty,
                    ),
                    variant_path: arm.path.clone(),
                    field: raw_ident(&f.rust_name),
                })
                .collect();
            let new = self.literal_stub(
                format!("`{q}.{}(..)`", v.python_name),
                self.class_symbol(names, &format!("{}_new", v.python_name)),
                arm.path,
                &v.fields,
                &Self::value_ty(names),
            );
            view.variants.push(VariantView { new, fields });
        }
    }

    fn field(&self, names: &ClassNames, f: &ir::Field) -> FieldView {
        let q = &names.qualified;
        let value = ir::Param::required("value", f.ty.clone());
        FieldView {
            get: self.getter_stub(
                format!("Reads `{q}.{}`.", f.python_name),
                self.class_symbol(names, &format!("get_{}", f.python_name)),
                &ir::Ty::Class(names.index, ir::ClassMode::Ref),
                &f.ty,
            ),
            set: (!f.readonly).then(|| {
                self.body_stub(
                    format!("Writes `{q}.{}`.", f.python_name),
                    self.class_symbol(names, &format!("set_{}", f.python_name)),
                    Some(&ir::Ty::Class(names.index, ir::ClassMode::RefMut)),
                    std::slice::from_ref(&value),
                    &ir::Ty::Unit,
                )
            }),
            field: raw_ident(&f.rust_name),
            value: lift(&names::arg_name(&value)),
        }
    }

    fn method(&self, names: &ClassNames, index: usize) -> CallStubView {
        let module = self.module();
        let m = &module.classes[names.index].methods[index];
        let mode = match m.receiver {
            ir::Receiver::None => None,
            ir::Receiver::Ref => Some(ir::ClassMode::Ref),
            ir::Receiver::RefMut => Some(ir::ClassMode::RefMut),
            ir::Receiver::Value => Some(ir::ClassMode::Value),
        };
        let self_ty = mode.map(|mode| ir::Ty::Class(names.index, mode));
        let doc = format!("`{}.{}`", names.qualified, m.python_name);
        let symbol = names::method_symbol(module, names.index, index);
        let callee = method_callee(names, m);
        if !m.returns_receiver {
            let mut view = self.call_stub(doc, symbol, callee, self_ty.as_ref(), &m.params, &m.ret);
            match module.method_view(m) {
                Some(v) if v.seq => {
                    view.stub.wrap_result = Some("rsbind_rt::RsbindSeqView");
                    view.stub.out_abi_type = "rsbind_rt::RsbindSeqParts".to_string();
                }
                Some(_) => {
                    view.stub.wrap_result = Some("rsbind_rt::RsbindView");
                    view.stub.out_abi_type = "rsbind_rt::RsbindPtr".to_string();
                }
                None => view.stub.in_room = self.result_in_room(&m.ret),
            }
            view.stub.run_without_gil(m.release_gil);
            return view;
        }
        let (mut stub, args) = self.stub(doc, symbol, self_ty.as_ref(), &m.params, &ir::Ty::Unit);
        stub.run_without_gil(m.release_gil);
        CallStubView {
            stub,
            // As function.rs.j2 writes a builder step's call.
            call: CallView::new("", callee, args, ";"),
            error: None,
            discards_result: true,
        }
    }

    /// The stubs of the Python protocols that the class's traits give it.
    fn protocols(&self, names: &ClassNames) -> ProtocolsView {
        let c = &self.module().classes[names.index];
        let t = &c.traits;
        let by_ref = ir::Ty::Class(names.index, ir::ClassMode::Ref);
        let by_mut = ir::Ty::Class(names.index, ir::ClassMode::RefMut);
        let other = [ir::Param::required("other", by_ref.clone())];
        let string = ir::Ty::Str(ir::StrForm::Owned);
        let protocol = |given: bool,
                        what: &str,
                        doc: &str,
                        self_ty: &ir::Ty,
                        params: &[ir::Param],
                        out: &ir::Ty| {
            given.then(|| {
                self.body_stub(
                    format!("{doc} of a `{}`.", names.qualified),
                    self.class_symbol(names, what),
                    Some(self_ty),
                    params,
                    out,
                )
            })
        };
        let i8 = ir::Ty::Int(ir::IntKind::I8);
        let u64 = ir::Ty::Int(ir::IntKind::U64);
        let next = c
            .next_item()
            .map(|item| ir::Ty::Option(Box::new(item.ty.clone())));
        let reversed = c.reversed_items();
        let iter_by_ref = c.borrowed_items();
        ProtocolsView {
            str: protocol(t.display, "str", "`str()`", &by_ref, &[], &string),
            repr: protocol(t.debug, "repr", "`repr()`", &by_ref, &[], &string),
            eq: protocol(t.partial_eq, "eq", "`==`", &by_ref, &other, &ir::Ty::Bool),
            cmp: protocol(t.partial_ord, "cmp", "The order", &by_ref, &other, &i8),
            hash: protocol(t.hash, "hash", "`hash()`", &by_ref, &[], &u64),
            clone: protocol(
                t.clone,
                "clone",
                "`copy.copy()`",
                &by_ref,
                &[],
                &Self::value_ty(names),
            ),
            next: match self.module().next_view_item(c) {
                // A view's address crosses (`RsbindView`, null at the end).
                Some((i, _)) => {
                    let out = ir::Ty::Class(i, ir::ClassMode::Ref);
                    protocol(true, "next", "`next()`", &by_mut, &[], &out).map(|mut s| {
                        s.wrap_result = Some("rsbind_rt::RsbindView");
                        s
                    })
                }
                None => next.and_then(|out| protocol(true, "next", "`next()`", &by_mut, &[], &out)),
            },
            reversed: match (reversed, self.module().next_view_item(c)) {
                (Some(_), Some((i, _))) => {
                    let out = ir::Ty::Class(i, ir::ClassMode::Ref);
                    let doc = "`reversed()`: the next item from the back,";
                    protocol(true, "reversed", doc, &by_mut, &[], &out).map(|mut s| {
                        s.wrap_result = Some("rsbind_rt::RsbindView");
                        s
                    })
                }
                (reversed, _) => reversed.and_then(|out| {
                    protocol(
                        true,
                        "reversed",
                        "`reversed()`: the items left, from the back,",
                        &by_mut,
                        &[],
                        &out,
                    )
                }),
            },
            reversed_one: self.module().next_view_item(c).is_some(),
            iter_by_ref: iter_by_ref.and_then(|out| {
                protocol(
                    true,
                    "iter",
                    "`iter()`: copies of the items",
                    &by_ref,
                    &[],
                    &out,
                )
            }),
            next_error: c
                .iterator_item
                .as_ref()
                .and_then(|item| item.error.as_ref())
                .map(error_expr),
            pickle: c.pickles().then(|| self.pickle(names)),
        }
    }

    /// The stubs that pickle a serde type (the helpers they call are in lib.rs.j2).
    fn pickle(&self, names: &ClassNames) -> PickleView {
        let q = &names.qualified;
        let by_ref = ir::Ty::Class(names.index, ir::ClassMode::Ref);
        let byte = || Box::new(ir::Ty::Int(ir::IntKind::U8));
        let data = ir::Param::required("data", ir::Ty::Seq(byte(), ir::SeqForm::Slice));
        // C's stack buffer, which the data fills while it fits.
        let buf = ir::Param::required("buf", ir::Ty::Seq(byte(), ir::SeqForm::SliceMut));
        // The name in error messages, as a Rust string literal.
        let name = format!("{q:?}");
        let this_and_name = vec!["rsbind_this".to_string(), name.clone()];
        let deepcopy = !self.module().classes[names.index].traits.clone;
        PickleView {
            pickle: self.body_stub(
                format!("`pickle.dumps()` of a `{q}`: its serde data, as MessagePack."),
                self.class_symbol(names, "pickle"),
                Some(&by_ref),
                std::slice::from_ref(&buf),
                &ir::Ty::Seq(byte(), ir::SeqForm::Vec),
            ),
            buf: LetView::new(
                "rsbind_buf",
                false,
                "&mut [u8]".to_string(),
                lift(&names::arg_name(&buf)),
            ),
            pickle_call: CallView::new(
                "let rsbind_ret = ",
                "rsbind_pickle".to_string(),
                vec![
                    "rsbind_this".to_string(),
                    "rsbind_buf".to_string(),
                    name.clone(),
                ],
                "?;",
            ),
            unpickle: self.body_stub(
                format!("`pickle.loads()` of a `{q}`: the value its serde data makes."),
                self.class_symbol(names, "unpickle"),
                None,
                std::slice::from_ref(&data),
                &Self::value_ty(names),
            ),
            data: LetView::new(
                "rsbind_data",
                false,
                "&[u8]".to_string(),
                lift(&names::arg_name(&data)),
            ),
            unpickle_call: CallView::new(
                "let rsbind_ret = ",
                format!("rsbind_unpickle::<{}>", names.path),
                vec!["rsbind_data".to_string(), name],
                "?;",
            ),
            deepcopy: deepcopy.then(|| ReadStubView {
                stub: self.body_stub(
                    format!("`copy.deepcopy()` of a `{q}` (not Clone): through its serde data."),
                    self.class_symbol(names, "serde_copy"),
                    Some(&by_ref),
                    &[],
                    &Self::value_ty(names),
                ),
                call: CallView::new(
                    "let rsbind_ret = ",
                    "rsbind_serde_copy".to_string(),
                    this_and_name,
                    "?;",
                ),
            }),
        }
    }

    fn function(&self, f: &ir::Function) -> CallStubView {
        let module = self.module();
        let mut view = self.call_stub(
            format!(
                "`{}.{}`",
                module.namespaces[f.namespace].qualified_name, f.python_name
            ),
            names::fn_symbol(module, f),
            format!("{}{}", fn_callee(&module.lib, f), turbofish(&f.type_args)),
            None,
            &f.params,
            &f.ret,
        );
        view.stub.in_room = self.result_in_room(&f.ret);
        view.stub.run_without_gil(f.release_gil);
        view
    }

    /// The room C lends for `ret` (`abi::Abi::result_in_room`).
    fn result_in_room(&self, ret: &ir::Ret) -> Option<usize> {
        self.abi.result_in_room(ret).map(|_| abi::RESULT_ROOM)
    }

    fn value(&self, v: &ir::Value) -> ReadStubView {
        let module = self.module();
        self.read_stub(
            format!(
                "`{}.{}`, read once at import.",
                module.namespaces[v.namespace].qualified_name, v.python_name
            ),
            names::value_symbol(module, v),
            &absolute_path(&module.lib, &v.rust_path),
            &v.ty,
        )
    }

    fn live_static(&self, v: &ir::LiveStatic) -> LiveStaticView {
        let module = self.module();
        let path = absolute_path(&module.lib, &v.rust_path);
        let qualified = format!(
            "{}.{}",
            module.namespaces[v.namespace].qualified_name, v.python_name
        );
        let value_param = ir::Param::required("value", v.ty.clone());
        let value = lift(&names::arg_name(&value_param));
        let (atomic, guarded) = match v.cell {
            ir::Cell::Atomic => {
                let store = CallView::new(
                    "",
                    format!("{path}.store"),
                    vec![
                        value.clone(),
                        "std::sync::atomic::Ordering::SeqCst".to_string(),
                    ],
                    ";",
                );
                (Some(AtomicView { store }), None)
            }
            ir::Cell::Mutex => (
                None,
                Some(GuardView {
                    read: "rsbind_rt::lock",
                    write: "rsbind_rt::lock",
                }),
            ),
            ir::Cell::RwLock => (
                None,
                Some(GuardView {
                    read: "rsbind_rt::read",
                    write: "rsbind_rt::write",
                }),
            ),
        };
        LiveStaticView {
            get: self.body_stub(
                format!("Reads `{qualified}`."),
                names::live_symbol(module, v, "get"),
                None,
                &[],
                &v.ty,
            ),
            set: self.body_stub(
                format!("Writes `{qualified}`."),
                names::live_symbol(module, v, "set"),
                None,
                std::slice::from_ref(&value_param),
                &ir::Ty::Unit,
            ),
            path,
            value,
            atomic,
            guarded,
        }
    }
}

/// The crates that pickling needs (renamed, as generated names are): serde
/// (its traits, which the crate's own serde 1 unifies with) and the format,
/// MessagePack, pinned so that a package pickles the same bytes every build.
const PICKLE_DEPENDENCIES: &[(&str, &str, &str)] = &[
    ("rsbind_serde", "serde", "1"),
    ("rsbind_rmp_serde", "rmp-serde", "=1.3.1"),
];

fn pickles(module: &ir::Module) -> bool {
    module.classes.iter().any(ir::Class::pickles)
}

fn dependencies(module: &ir::Module, ctx: &GenContext) -> Vec<DependencyView> {
    let pickle =
        PICKLE_DEPENDENCIES
            .iter()
            .filter(|_| pickles(module))
            .map(|(lib, package, version)| DependencyView {
                lib: lib.to_string(),
                package: toml_string(package),
                path: None,
                version: toml_string(version),
            });
    module
        .dependencies
        .iter()
        .map(|d| DependencyView {
            lib: d.lib.clone(),
            package: toml_string(&d.package),
            path: ctx
                .dependency_dirs_from_output
                .get(&d.lib)
                .map(|dir| toml_string(dir)),
            version: toml_string(d.version.as_deref().unwrap_or("*")),
        })
        .chain(pickle)
        .collect()
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn plan(&self, module: &ir::Module, ctx: &GenContext) -> (Vec<Render>, Vec<OutputFile>) {
        let abi = Abi { module };
        let views = Views { abi };
        let view = View {
            source: ctx.source_name.clone(),
            module: module.name.clone(),
            package: module.package.clone(),
            lib: module.lib.clone(),
            crate_dir: toml_string(&ctx.crate_dir_from_output),
            crate_features: crate_features(module),
            runtime_c_files: RUNTIME_C_FILES.iter().map(|(path, _)| *path).collect(),
            limited_api: ctx.abi3.then_some(LIMITED_API),
            on_limited_api: if ctx.abi3 { "true" } else { "false" },
            dependencies: dependencies(module, ctx),
            pickles: pickles(module),
            serde_copies: module
                .classes
                .iter()
                .any(|c| c.pickles() && !c.traits.clone),
            aliases: aliases(&abi),
            iterators: iterators(&abi),
            classes: (0..module.classes.len()).map(|i| views.class(i)).collect(),
            functions: module.functions.iter().map(|f| views.function(f)).collect(),
            values: module.values.iter().map(|v| views.value(v)).collect(),
            live_statics: module
                .live_statics
                .iter()
                .map(|v| views.live_static(v))
                .collect(),
            traits: traits::traits(&abi),
        };
        let view = Value::from_serialize(&view);
        let renders = vec![
            Render {
                template: "rust/lib.rs.j2",
                path: "src/lib.rs".to_string(),
                view: view.clone(),
            },
            Render {
                template: "rust/Cargo.toml.j2",
                path: "Cargo.toml".to_string(),
                view: view.clone(),
            },
            Render {
                template: "rust/build.rs.j2",
                path: "build.rs".to_string(),
                view,
            },
        ];
        let copies = vec![OutputFile {
            path: "src/rsbind_rt.rs".to_string(),
            contents: format!(
                "// generated by rsbind from {} — do not edit: rsbind's Rust runtime, the same in every package\n{RUNTIME_RS}",
                ctx.source_name
            ),
        }];
        (renders, copies)
    }
}

/// The layouts that no test case's crate happens to need, rendered through
/// the templates as the snapshots render the others.
#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, ctx: minijinja::Value) -> String {
        let env = super::super::environment(&Default::default()).expect("the built-in templates");
        let template = env.template_from_str(source).expect("test template");
        template.render(ctx).expect("renders")
    }

    #[test]
    fn a_long_generic_alias_breaks_between_its_arguments() {
        let ty = "rsbind_rt::RsbindTuple3<rsbind_rt::RsbindString, \
                  rsbind_rt::RsbindVec<rsbind_rt::RsbindString>, rsbind_rt::RsbindOption<i64>>";
        let aliases = vec![
            AliasView::new("rsbind_tup3_string_list_string_opt_i64", ty),
            AliasView::new("rsbind_opt_u32", "rsbind_rt::RsbindOption<u32>"),
        ];
        let text = render(
            r#"{% include "rust/aliases.rs.j2" %}"#,
            minijinja::context! { aliases },
        );
        assert_eq!(
            text,
            "type rsbind_tup3_string_list_string_opt_i64 = rsbind_rt::RsbindTuple3<
    rsbind_rt::RsbindString,
    rsbind_rt::RsbindVec<rsbind_rt::RsbindString>,
    rsbind_rt::RsbindOption<i64>,
>;
type rsbind_opt_u32 = rsbind_rt::RsbindOption<u32>;
"
        );
    }

    #[test]
    fn calls_break_as_rustfmt_breaks_them() {
        let store = CallView::new(
            "",
            "::lib::FLAG.store".to_string(),
            vec![
                lift("rsbind_arg_value"),
                "std::sync::atomic::Ordering::SeqCst".to_string(),
            ],
            ";",
        );
        let long_path = "&::a_rather_long_crate_name::some_module::another_module::A_LONG_CONSTANT";
        let read = CallView::new(
            "let rsbind_ret = ",
            "Clone::clone".to_string(),
            vec![long_path.to_string()],
            ";",
        );
        let text = render(
            r#"{% import "rust/macros.rs.j2" as m %}{{ m.call("", store, ";") }}
{{ m.call("let rsbind_ret = ", read, ";") }}"#,
            minijinja::context! { store, read },
        );
        assert_eq!(
            text,
            "        ::lib::FLAG.store(rsbind_rt::lift(&rsbind_arg_value), std::sync::atomic::Ordering::SeqCst);
        let rsbind_ret = Clone::clone(
            &::a_rather_long_crate_name::some_module::another_module::A_LONG_CONSTANT,
        );"
        );
    }

    #[test]
    fn a_call_as_the_one_argument_overflows_while_its_head_fits() {
        let call = |callee: &str| {
            CallView::new(
                "let rsbind_ret = ",
                callee.to_string(),
                vec![lift("rsbind_arg_value")],
                ";",
            )
        };
        // 98 columns up to `lift(`: overflows; 99: one argument per line.
        let calls = [
            call("<str as ::extension_traits::text::Reverse>::reversed_upp"),
            call("<str as ::extension_traits::text::Reverse>::reversed_uppe"),
        ];
        let text = render(
            r#"{% import "rust/macros.rs.j2" as m %}{{ m.call("let rsbind_ret = ", calls[0], ";") }}
{{ m.call("let rsbind_ret = ", calls[1], ";") }}"#,
            minijinja::context! { calls },
        );
        assert_eq!(
            text,
            "        let rsbind_ret = <str as ::extension_traits::text::Reverse>::reversed_upp(rsbind_rt::lift(
            &rsbind_arg_value,
        ));
        let rsbind_ret = <str as ::extension_traits::text::Reverse>::reversed_uppe(
            rsbind_rt::lift(&rsbind_arg_value),
        );"
        );
    }

    #[test]
    fn a_mutable_owned_value_breaks_after_its_type() {
        let owned = [
            LetView::new(
                OWNED_SELF,
                true,
                "::a_rather_long_crate_name::some_module::Direction".to_string(),
                lift(SELF_ARG),
            ),
            LetView::new(
                OWNED_SELF,
                true,
                "::lib::Direction".to_string(),
                lift(SELF_ARG),
            ),
        ];
        let text = render(
            r#"{% import "rust/macros.rs.j2" as m %}{{ m.let_typed(owned[0]) }}
{{ m.let_typed(owned[1]) }}"#,
            minijinja::context! { owned },
        );
        assert_eq!(
            text,
            "        let mut rsbind_owned_self: ::a_rather_long_crate_name::some_module::Direction =
            rsbind_rt::lift(&rsbind_self);
        let mut rsbind_owned_self: ::lib::Direction = rsbind_rt::lift(&rsbind_self);"
        );
    }
}
