//! The type paths the bound items name: which dependency classes the API reaches.

use crate::idl::ty::{Bound as TraitBound, GenericArg, SegmentArgs, TypeExpr, TypePath};
use crate::idl::{Class, Constructor, Item, Method};
use std::collections::BTreeSet;

/// The paths every type string of the items names.
pub(crate) fn items_mentions(items: &[Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            Item::Function(f) => {
                for p in &f.params {
                    type_mentions(&p.ty, out);
                }
                type_mentions(&f.ret, out);
            }
            Item::Const(v) | Item::Static(v) => type_mentions(&v.ty, out),
            Item::LiveStatic(v) => type_mentions(&v.ty, out),
            Item::Class(c) => class_mentions(c, out),
            Item::Module(m) => items_mentions(&m.items, out),
            Item::Trait(t) => {
                for m in &t.methods {
                    for p in &m.params {
                        type_mentions(&p.ty, out);
                    }
                    type_mentions(&m.ret, out);
                }
            }
        }
    }
}

/// The paths the type strings of a class's bound members name.
pub(crate) fn class_mentions(c: &Class, out: &mut BTreeSet<String>) {
    let method = |m: &Method, out: &mut BTreeSet<String>| {
        for p in &m.params {
            type_mentions(&p.ty, out);
        }
        type_mentions(&m.ret, out);
    };
    for f in c
        .fields
        .iter()
        .chain(c.variants.iter().flat_map(|v| &v.fields))
    {
        type_mentions(&f.ty, out);
    }
    for m in &c.methods {
        method(m, out);
    }
    if let Constructor::Method(m) = &c.constructor {
        method(m, out);
    }
    for k in &c.consts {
        type_mentions(&k.ty, out);
    }
    if let Some(t) = &c.iterator_item {
        type_mentions(t, out);
    }
}

fn type_mentions(text: &str, out: &mut BTreeSet<String>) {
    if let Ok(ty) = crate::idl::ty::parse_type(text) {
        type_expr_mentions(&ty, out);
    }
}

fn type_expr_mentions(ty: &TypeExpr, out: &mut BTreeSet<String>) {
    let path = |p: &TypePath, out: &mut BTreeSet<String>| {
        out.insert(p.names());
        for s in &p.segments {
            match &s.args {
                SegmentArgs::None => {}
                SegmentArgs::Angle(args) => {
                    for a in args {
                        match a {
                            GenericArg::Type(t) | GenericArg::AssocType(_, t) => {
                                type_expr_mentions(t, out)
                            }
                            GenericArg::Lifetime(_) => {}
                        }
                    }
                }
                SegmentArgs::Paren { inputs, output } => {
                    for t in inputs.iter().chain(output.as_deref()) {
                        type_expr_mentions(t, out);
                    }
                }
            }
        }
    };
    match ty {
        TypeExpr::Path(p) => path(p, out),
        TypeExpr::Ref { inner, .. }
        | TypeExpr::RawPtr { inner, .. }
        | TypeExpr::Slice(inner)
        | TypeExpr::Array(inner, _) => type_expr_mentions(inner, out),
        TypeExpr::Tuple(items) => {
            for t in items {
                type_expr_mentions(t, out);
            }
        }
        TypeExpr::FnPtr { inputs, output } => {
            for t in inputs.iter().chain(output.as_deref()) {
                type_expr_mentions(t, out);
            }
        }
        TypeExpr::DynTrait(bounds) | TypeExpr::ImplTrait(bounds) => {
            for b in bounds {
                if let TraitBound::Trait(p) = b {
                    path(p, out);
                }
            }
        }
        TypeExpr::Never => {}
    }
}
