//! The view of the composite values (options, tuples, collections) that
//! module.c declares and converts (template `cpython/composite.c.j2`).

use crate::backend::abi::{Abi, Composite, CompositeField};
use serde::Serialize;

/// One composite converter, and the declaration of its C struct on first use.
/// Exactly one of the `*_from_py` / `*_to_py` shapes is set.
#[derive(Serialize)]
pub struct CompositeView {
    c_type: String,
    converter: String,
    /// Its converter to Python takes the module state (`rsbind_st`) first.
    stateful: bool,
    /// The members of the C struct, when this use declares it: `bool is_some`.
    members: Option<Vec<String>>,
    /// After the declaration: `_Static_assert`s of its size and member offsets,
    /// the numbers lib.rs asserts of its Rust mirror.
    layout_asserts: Vec<String>,
    /// Bytes and bulk numbers from Python: the runtime call that converts them.
    bulk_from_py: Option<String>,
    /// Bulk numbers to Python: the runtime's item kind (`RSBIND_ITEM_F64`).
    numbers_to_py: Option<&'static str>,
    /// An option: the converter of its value.
    option_from_py: Option<String>,
    option_to_py: Option<String>,
    /// A tuple: its fields.
    tuple_from_py: Option<Vec<CompositeField>>,
    tuple_to_py: Option<Vec<CompositeField>>,
    /// A sequence, set or mapping from Python.
    items_from_py: Option<ItemsFromPy>,
    /// A list, set or dict to Python.
    items_to_py: Option<ItemsToPy>,
}

#[derive(Serialize)]
pub struct ItemsFromPy {
    /// The runtime call collecting the items into `source`, `memory`, `n`.
    gather: String,
    /// The macro reading item `i` of `source`.
    get_item: &'static str,
    /// A pointer to an item (`double *`).
    item_ptr: String,
    item_converter: String,
}

#[derive(Serialize)]
pub struct ItemsToPy {
    /// The expression creating the empty result.
    new_result: &'static str,
    item_c_type: String,
    item_converter: String,
    /// A list (else a set, unless `dict_entry`).
    into_list: bool,
    /// A dict: the converters of each entry's key and value.
    dict_entry: Option<DictEntry>,
}

#[derive(Serialize)]
pub struct DictEntry {
    key_converter: String,
    value_converter: String,
}

/// Every composite the module uses, inner ones first.
impl CompositeView {
    /// Its converter, when it converts to Python taking the module state.
    pub fn stateful_converter(&self) -> Option<&str> {
        self.stateful.then_some(self.converter.as_str())
    }
}

pub fn views(abi: &Abi) -> Vec<CompositeView> {
    let composites = abi.module_composites();
    let layouts = super::super::abi::composite_layouts(&composites);
    composites
        .iter()
        .map(|c| {
            let mut v = view(c);
            if c.declare {
                if let Some(l) = layouts.iter().find(|l| l.c_type == c.c_type) {
                    v.layout_asserts = l.c_asserts();
                }
            }
            v
        })
        .collect()
}

fn view(c: &Composite) -> CompositeView {
    let from_py = c.direction == "from_py";
    let first = c.fields.first();
    let mut v = CompositeView {
        c_type: c.c_type.clone(),
        converter: c.converter.clone(),
        stateful: c.stateful,
        members: c.declare.then(|| members(c)),
        layout_asserts: Vec::new(),
        bulk_from_py: None,
        numbers_to_py: None,
        option_from_py: None,
        option_to_py: None,
        tuple_from_py: None,
        tuple_to_py: None,
        items_from_py: None,
        items_to_py: None,
    };
    // `abi` names the shapes with strings; this is the one place they are read.
    match (c.kind, from_py, first) {
        ("bytes", true, _) => {
            v.bulk_from_py = Some(format!(
                "rsbind_bytes_from_py(obj, {}, out, scope, loc)",
                c.expected_len
            ))
        }
        ("numbers_mut", true, _) => {
            v.bulk_from_py = Some(format!(
                "rsbind_numbers_mut_from_py(obj, {}, out, scope, loc)",
                c.item_kind
            ))
        }
        ("numbers", true, _) => {
            v.bulk_from_py = Some(format!(
                "rsbind_numbers_from_py(obj, {}, {}, out, scope, loc)",
                c.item_kind, c.expected_len
            ))
        }
        ("bytes" | "numbers_mut" | "numbers", false, _) => v.numbers_to_py = Some(c.item_kind),
        ("option", true, Some(f)) => v.option_from_py = Some(f.converter.clone()),
        ("option", false, Some(f)) => v.option_to_py = Some(f.converter.clone()),
        ("tuple", true, _) => v.tuple_from_py = Some(c.fields.clone()),
        ("tuple", false, _) => v.tuple_to_py = Some(c.fields.clone()),
        (kind, true, Some(item)) => v.items_from_py = Some(items_from_py(c, kind, item)),
        (kind, false, Some(item)) => v.items_to_py = Some(items_to_py(c, kind, item)),
        (_, _, None) => {}
    }
    v
}

fn members(c: &Composite) -> Vec<String> {
    c.members()
        .into_iter()
        .map(|(ty, name)| match ty.strip_suffix('*') {
            // `const double *ptr`: the star stays with the type, no space after it.
            Some(_) => format!("{ty}{name}"),
            None => format!("{ty} {name}"),
        })
        .collect()
}

fn items_from_py(c: &Composite, kind: &str, item: &CompositeField) -> ItemsFromPy {
    let size = format!("sizeof({})", item.c_type);
    let rest = "&source, &memory, &n, scope, loc";
    let (gather, get_item) = match kind {
        "seq" => (
            format!(
                "rsbind_seq_from_py(obj, {}, {size}, {rest})",
                c.expected_len
            ),
            "PySequence_Fast_GET_ITEM",
        ),
        "set_in" => (
            format!("rsbind_iterable_from_py(obj, {size}, {rest})"),
            "PyList_GET_ITEM",
        ),
        _ => (
            format!("rsbind_map_from_py(obj, {size}, {rest})"),
            "PyList_GET_ITEM",
        ),
    };
    ItemsFromPy {
        gather,
        get_item,
        item_ptr: item.c_ptr.clone(),
        item_converter: item.converter.clone(),
    }
}

fn items_to_py(c: &Composite, kind: &str, item: &CompositeField) -> ItemsToPy {
    let dict_entry = match (kind, c.fields.get(1), c.fields.get(2)) {
        ("dict", Some(k), Some(v)) => Some(DictEntry {
            key_converter: k.converter.clone(),
            value_converter: v.converter.clone(),
        }),
        _ => None,
    };
    ItemsToPy {
        new_result: match kind {
            "list" => "PyList_New((Py_ssize_t)v.len)",
            "set" => "PySet_New(NULL)",
            _ => "PyDict_New()",
        },
        item_c_type: item.c_type.clone(),
        item_converter: item.converter.clone(),
        into_list: kind == "list",
        dict_entry,
    }
}
