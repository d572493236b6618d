//! The Rust side of the crate's traits as Python objects (MAPPING: Callbacks
//! and traits): per trait some parameter passes, `rsbind_Py<Trait>` holds a
//! Python object and implements the trait by calling the object's methods
//! through trampolines of module.c; a default method runs the trait's own
//! body (through a wrapper that lacks that one method) when the object lacks
//! it; and each way of passing (`&dyn`, `&mut dyn`, `Box<dyn>`, `Arc<dyn>`)
//! has a `FromAbi` that takes a bound object's value or wraps the object.
//! Trait objects Rust hands to Python (returned, or a callable's arguments)
//! become objects of the trait's `Dyn<Trait>` class: boxed in
//! `rsbind_Dyn<Trait>`, an `Arc` kept in `rsbind_DynArc<Trait>`, a lent
//! `&dyn`/`&mut dyn` pointed to by `rsbind_DynLent<Trait>`.

use crate::backend::abi::{Abi, Dir};
use crate::backend::names;
use crate::ir::{self, DynForm, Ty};
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct TraitView {
    path: String,
    /// Some parameter passes it: Python objects are held as the trait.
    python: bool,
    py: String,
    /// The C strings of the methods with a default (`c"name"`), in order.
    provided: Vec<String>,
    methods: Vec<MethodView>,
    /// Per method with a default: the wrapper whose impl lacks it.
    defaults: Vec<DefaultsView>,
    uses: Vec<UseView>,
    /// The holders `impl Trait` parameters and returned trait objects get: a
    /// box implementing the trait.
    holders: Vec<HolderView>,
    /// The returned trait object types with their pointer
    /// (`boxed dyn ::lib::Shape + Send`, `arc dyn ::lib::Shape`), which cross
    /// as the holder's class.
    returned: Vec<String>,
    /// The holder of returned trait objects.
    object_holder: String,
    /// When an `Arc<dyn Trait>` is returned: the type that keeps the `Arc`
    /// itself inside the holder's box (`rsbind_DynArc<Trait>`).
    shared_holder: Option<String>,
    /// When a `&dyn Trait` or `&mut dyn Trait` is lent to a Python
    /// callable: the type that points to it inside the holder's box
    /// (`rsbind_DynLent<Trait>`), which C ends when the callable returns.
    lent_holder: Option<String>,
}

#[derive(Serialize)]
struct HolderView {
    name: String,
    dyn_type: String,
}

#[derive(Serialize, Clone)]
struct MethodView {
    rust: String,
    receiver: &'static str,
    /// `, rsbind_a0: f64`
    params: String,
    /// `rsbind_a0`
    args: String,
    /// ` -> f64`, or nothing.
    ret: String,
    inherent: String,
    symbol: String,
    /// `rsbind_a0: f64 => f64` for `rsbind_rt::py_method!`.
    macro_args: String,
    macro_ret: String,
    out_abi: String,
    /// `, err SYMBOL` for a method returning `Result`, else empty.
    err: String,
    /// For a method with a default: its index in `provided` and the call
    /// of the trait's default body through its wrapper.
    has_index: Option<usize>,
    default_call: Option<String>,
    /// The trait object a shared holder calls it on: the `Arc`'s, or for a
    /// `&mut self` method the `Arc`'s only if no one else holds it.
    shared_target: String,
    /// The trait object a lent holder calls it on (through its pointer).
    lent_target: String,
}

#[derive(Serialize)]
struct DefaultsView {
    name: String,
    methods: Vec<MethodView>,
}

#[derive(Serialize)]
struct UseView {
    /// What `rsbind_rt::dyn_from_abi!` takes before the Python holder: the
    /// form and the trait object type (`boxed dyn ::lib::Shape + Send`), and
    /// for `any` the holder.
    spec: String,
    /// `0 => ::lib::Circle, 1 => ::lib::Square`
    arms: String,
}

/// The trait objects of the traits that some parameter passes.
pub(super) fn traits(abi: &Abi) -> Vec<TraitView> {
    let uses = abi.module.trait_uses();
    (0..abi.module.traits.len())
        .filter(|t| uses.iter().any(|(u, _)| u == t) || !abi.module.traits[*t].returned.is_empty())
        .map(|t| {
            let mine: Vec<ir::DynUse> = uses
                .iter()
                .filter(|(u, _)| *u == t)
                .map(|(_, u)| *u)
                .collect();
            trait_view(abi, t, &mine)
        })
        .collect()
}

fn trait_view(abi: &Abi, t: usize, uses: &[ir::DynUse]) -> TraitView {
    let tr = &abi.module.traits[t];
    let ident = abi.trait_ident(t);
    let py = format!("rsbind_Py{ident}");
    let path = abi.trait_rust_path(t);
    let mut provided = Vec::new();
    let methods: Vec<MethodView> = tr
        .methods
        .iter()
        .map(|m| {
            let names_: Vec<String> = (0..m.sig.params.len())
                .map(|i| format!("rsbind_a{i}"))
                .collect();
            let params: String = m
                .sig
                .params
                .iter()
                .zip(&names_)
                .map(|(ty, n)| format!(", {n}: {}", abi.rust_type_as_passed(ty)))
                .collect();
            let args = names_.join(", ");
            let (has_index, default_call) = if m.provided {
                provided.push(format!("c\"{}\"", m.python_name));
                let wrapper = format!("rsbind_PyDefault{ident}_{}", m.rust_name);
                let recv = if m.mutable { "&mut " } else { "&" };
                let rest = if args.is_empty() {
                    String::new()
                } else {
                    format!(", {args}")
                };
                (
                    Some(provided.len() - 1),
                    Some(format!(
                        "{path}::{}({recv}{wrapper}(self){rest})",
                        m.rust_name
                    )),
                )
            } else {
                (None, None)
            };
            MethodView {
                rust: m.rust_name.clone(),
                receiver: if m.mutable { "&mut self" } else { "&self" },
                ret: match (&m.sig.ret, m.sig.error) {
                    (Ty::Unit, None) => String::new(),
                    _ => format!(" -> {}", abi.callable_ret(&m.sig)),
                },
                err: super::err_arg(&m.sig, &names::trait_method_symbol(&ident, &m.rust_name)),
                inherent: format!("rsbind_{}", m.rust_name),
                symbol: names::trait_method_symbol(&ident, &m.rust_name),
                macro_args: m
                    .sig
                    .params
                    .iter()
                    .zip(&names_)
                    .map(|(ty, n)| {
                        format!(
                            "{n}: {} => {}",
                            abi.rust_type_as_passed(ty),
                            abi.rust_abi_type(ty, Dir::Out)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                macro_ret: abi.callable_ret(&m.sig),
                out_abi: match &m.sig.ret {
                    Ty::Unit => "rsbind_rt::RsbindUnit".to_string(),
                    r => abi.rust_abi_type(r, Dir::In),
                },
                lent_target: if m.mutable {
                    format!(
                        "rsbind_rt::lent_mut(self.0, self.1, \"{}.{}\")",
                        tr.python_name, m.python_name
                    )
                } else {
                    "(*self.0)".to_string()
                },
                shared_target: if m.mutable {
                    format!(
                        "rsbind_rt::shared_mut(&mut self.0, \"{}.{}\")",
                        tr.python_name, m.python_name
                    )
                } else {
                    "self.0".to_string()
                },
                params,
                args,
                has_index,
                default_call,
            }
        })
        .collect();
    let defaults = methods
        .iter()
        .filter(|m| m.has_index.is_some())
        .map(|d| DefaultsView {
            name: format!("rsbind_PyDefault{ident}_{}", d.rust),
            methods: methods
                .iter()
                .filter(|m| m.rust != d.rust)
                .cloned()
                .collect(),
        })
        .collect();
    let arms = |u: ir::DynUse| {
        abi.dyn_implementors(t, u)
            .iter()
            .enumerate()
            .map(|(k, i)| format!("{k} => {}", abi.class_rust_path(*i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Returned trait objects live in the plain holder.
    let plain = ir::DynUse {
        form: DynForm::Impl,
        send: false,
        sync: false,
    };
    let holder_uses: Vec<ir::DynUse> = uses
        .iter()
        .filter(|u| u.form == DynForm::Impl)
        .copied()
        .collect();
    let object_holder = format!("rsbind_Dyn{ident}");
    let mut holders: Vec<HolderView> = holder_uses
        .iter()
        .map(|u| HolderView {
            name: abi.dyn_holder(t, *u),
            dyn_type: abi.dyn_type(t, *u),
        })
        .collect();
    if !tr.returned.is_empty() {
        holders.push(HolderView {
            name: object_holder.clone(),
            dyn_type: abi.dyn_type(t, plain),
        });
    }
    let returned = tr
        .returned
        .iter()
        .map(|u| {
            let d = abi.dyn_type(t, *u);
            match u.form {
                DynForm::Arc => format!("arc {d}, {object_holder}, rsbind_DynArc{ident}"),
                DynForm::Ref => format!("lent {path}, {d}, {object_holder}, rsbind_DynLent{ident}"),
                DynForm::RefMut => {
                    format!("lent_mut {path}, {d}, {object_holder}, rsbind_DynLent{ident}")
                }
                _ => format!("boxed {d}, {object_holder}"),
            }
        })
        .collect();
    let lent_holder = tr
        .returned
        .iter()
        .any(|u| matches!(u.form, DynForm::Ref | DynForm::RefMut))
        .then(|| format!("rsbind_DynLent{ident}"));
    let shared_holder = tr
        .returned
        .iter()
        .any(|u| u.form == DynForm::Arc)
        .then(|| format!("rsbind_DynArc{ident}"));
    let uses: Vec<UseView> = uses
        .iter()
        .map(|u| {
            let d = abi.dyn_type(t, *u);
            UseView {
                spec: match u.form {
                    DynForm::Ref => format!("ref {d}"),
                    DynForm::RefMut => format!("mut {d}"),
                    DynForm::Boxed => format!("boxed {d}"),
                    DynForm::Arc => format!("arc {d}"),
                    DynForm::Impl => format!("any {d}, {}", abi.dyn_holder(t, *u)),
                },
                arms: arms(*u),
            }
        })
        .collect();
    TraitView {
        path,
        python: !uses.is_empty(),
        returned,
        object_holder,
        shared_holder,
        lent_holder,
        py,
        provided,
        methods,
        defaults,
        uses,
        holders,
    }
}
