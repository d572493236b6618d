//! The names that the Rust stubs export and module.c calls: one function per
//! kind of symbol, so the two backends can never disagree.

use crate::ir;
use serde::Serialize;

/// The path of namespace `ns` below the module, as an identifier prefix:
/// `""` for the module itself, `"geo__"` for `module.geo`.
pub fn ns_prefix(module: &ir::Module, ns: usize) -> String {
    let mut parts = Vec::new();
    let mut at = ns;
    while let Some(parent) = module.namespaces[at].parent {
        parts.push(module.namespaces[at].attr_name.clone());
        at = parent;
    }
    parts.reverse();
    parts.iter().map(|p| format!("{p}__")).collect()
}

pub fn fn_symbol(module: &ir::Module, f: &ir::Function) -> String {
    format!(
        "rsbind_fn_{}{}",
        ns_prefix(module, f.namespace),
        f.python_name
    )
}

pub fn value_symbol(module: &ir::Module, v: &ir::Value) -> String {
    format!(
        "rsbind_value_{}{}",
        ns_prefix(module, v.namespace),
        v.python_name
    )
}

/// A static's getter (`get`) or setter (`set`).
pub fn live_symbol(module: &ir::Module, v: &ir::LiveStatic, what: &str) -> String {
    format!(
        "rsbind_static_{}{}_{what}",
        ns_prefix(module, v.namespace),
        v.python_name
    )
}

/// The name of class `i` in generated identifiers: its Python path below the
/// module, dots as `__` (`Counter`, `geo__Point`).
pub fn class_ident(module: &ir::Module, i: usize) -> String {
    let class = &module.classes[i];
    let mut parts = vec![class.python_name.clone()];
    let mut ns = class.namespace;
    while let Some(parent) = module.namespaces[ns].parent {
        parts.push(module.namespaces[ns].attr_name.clone());
        ns = parent;
    }
    parts.reverse();
    parts.join("__")
}

/// A class's stub or C helper: `rsbind_class_Counter_drop`.
pub fn class_symbol(module: &ir::Module, class: usize, what: &str) -> String {
    format!("rsbind_class_{}_{what}", class_ident(module, class))
}

/// The Rust name of a stub parameter: prefixed, so it can be neither a Rust
/// keyword nor a name of the bound crate.
pub fn arg_name(p: &ir::Param) -> String {
    format!("rsbind_arg_{}", p.python_name)
}

/// The C trampoline through which a stub's closure calls the Python callable
/// of parameter `param`: `rsbind_cb_fn_apply_f` for `rsbind_fn_apply`.
pub fn callback_symbol(stub: &str, param: &ir::Param) -> String {
    let stub = stub.strip_prefix("rsbind_").unwrap_or(stub);
    format!("rsbind_cb_{stub}_{}", param.python_name)
}

/// The C function that gives a trampoline's exception to Rust as the
/// callable's `Err`: `rsbind_cb_fn_apply_f_err`.
pub fn callback_err_symbol(trampoline: &str) -> String {
    format!("{trampoline}_err")
}

/// The trampoline that calls method `method` of a Python object passed as
/// the trait whose symbol name is `trait_ident`.
pub fn trait_method_symbol(trait_ident: &str, method: &str) -> String {
    format!("rsbind_trait_{trait_ident}_{method}")
}

/// The Rust function making the closure of that parameter.
pub fn callback_maker(stub: &str, param: &ir::Param) -> String {
    let stub = stub.strip_prefix("rsbind_").unwrap_or(stub);
    format!("rsbind_make_{stub}_{}", param.python_name)
}

/// The stub of the class's `index`th method: `rsbind_class_Counter_m_incr`.
/// An operator's methods share one Python name (one per right-hand type): the
/// second and later get its count, `rsbind_class_Money_m___add___1`.
pub fn method_symbol(module: &ir::Module, class: usize, index: usize) -> String {
    let methods = &module.classes[class].methods;
    let name = &methods[index].python_name;
    let earlier = methods[..index]
        .iter()
        .filter(|m| m.python_name == *name)
        .count();
    match earlier {
        0 => class_symbol(module, class, &format!("m_{name}")),
        k => class_symbol(module, class, &format!("m_{name}_{k}")),
    }
}

/// A field's getter (`get`) or setter (`set`) stub; `variant` names the variant
/// of a data enum whose field it is: `rsbind_class_Shape_Circle_get_radius`.
pub fn field_symbol(
    module: &ir::Module,
    class: usize,
    variant: Option<&str>,
    what: &str,
    field: &str,
) -> String {
    let variant = variant.map(|v| format!("{v}_")).unwrap_or_default();
    class_symbol(module, class, &format!("{variant}{what}_{field}"))
}

/// A constant of a class: `rsbind_class_Color_const_RED`.
pub fn class_const_symbol(module: &ir::Module, class: usize, name: &str) -> String {
    class_symbol(module, class, &format!("const_{name}"))
}

/// A data enum variant's stub or C helper: `rsbind_class_Shape_Circle_new`.
pub fn variant_symbol(module: &ir::Module, class: usize, variant: &str, what: &str) -> String {
    class_symbol(module, class, &format!("{variant}_{what}"))
}

/// The C function Python calls for a stub: the stub's name and `_py`
/// (`rsbind_class_Counter_m_incr_py`); module functions read `rsbind_py_`
/// where their stub reads `rsbind_fn_`.
pub fn py_wrapper(stub: &str) -> String {
    match stub.strip_prefix("rsbind_fn_") {
        Some(rest) => format!("rsbind_py_{rest}"),
        None => format!("{stub}_py"),
    }
}

/// The names module.c gives to the parts of one call wrapper.
#[derive(Clone, Debug)]
pub struct CallNames {
    stem: String,
}

impl CallNames {
    pub fn new(wrapper: &str) -> CallNames {
        CallNames {
            stem: wrapper.trim_start_matches("rsbind_").to_string(),
        }
    }

    /// The `rsbind_sig` describing its parameters.
    pub fn sig(&self) -> String {
        format!("rsbind_sig_{}", self.stem)
    }

    /// The array of its parameters' names that the `rsbind_sig` points to.
    pub fn sig_names(&self) -> String {
        format!("rsbind_sig_{}_names", self.stem)
    }

    /// The `rsbind_loc` of a parameter, for error messages.
    pub fn loc(&self, param: &str) -> String {
        format!("rsbind_loc_{}_{param}", self.stem)
    }

    /// The table of the classmethods that make a parameter's class (`impl Into<T>`).
    pub fn made_by(&self, param: &str) -> String {
        format!("rsbind_made_by_{}_{param}", self.stem)
    }

    /// The static variable holding a parameter's default value.
    pub fn default(&self, param: &str) -> String {
        format!("rsbind_default_{}_{param}", self.stem)
    }

    /// Its docstring variable.
    pub fn doc(&self) -> String {
        format!("rsbind_{}_doc", self.stem.trim_end_matches("_py"))
    }
}

/// The type object variable of a class (`rsbind_class_Counter_type`).
pub fn class_type_var(module: &ir::Module, class: usize) -> String {
    class_symbol(module, class, "type")
}

/// The C helpers module.c defines for one class, besides its calls.
#[derive(Clone, Debug, Serialize)]
pub struct ClassNames {
    /// The type object variable.
    pub type_var: String,
    pub slot: String,
    pub dealloc: String,
    pub drop: String,
    pub wrap_as: String,
    /// A new object holding a Rust pointer (no drop on failure), and a view
    /// of an owner (MAPPING: Borrowed results) with its `__exit__`.
    pub new_object: String,
    /// The objects of the class kept for reuse (`rsbind_freelist`).
    pub freelist: String,
    /// The module state of an object's type, and its one-entry cache (the
    /// last type of the class seen, and its state).
    pub state_of: String,
    pub state_type: String,
    pub state_cache: String,
    /// The table of its static methods, set on the class at import.
    pub static_methods: String,
    pub view: String,
    pub view_exit_py: String,
    /// A sequence view of an owner's `&[T]` (the runtime's `rsbind_seqview`).
    pub seq_view: String,
    /// A sequence view's item maker (`rsbind_view_fn`, the state first).
    pub seq_item: String,
    /// A new object of a value that borrows, keeping what it borrows from.
    pub keeping: String,
    /// A read-only view of a `&'static T` (the `_static` converter to Python).
    pub static_to_py: String,
    /// A value stored in its object (`ir::Class::stored_inline`): the stub
    /// giving its size there (0: boxed) and whether it needs a drop, the C
    /// statics holding them, the stub moving a Box's value into an object,
    /// the stub dropping a value in place, and the
    /// converter of Rust's own value lent to a callable (`&mut T`, never
    /// copied).
    pub inline_size: String,
    pub inline_bytes: String,
    pub inline_drops: String,
    pub unbox: String,
    pub drop_inline: String,
    /// The converter of a call's result written into the caller's room
    /// (`abi::Abi::result_in_room`), and a constructor's (into an object of
    /// the type called).
    pub from_room: String,
    pub from_room_as: String,
    pub lent_to_py: String,
    /// A data enum's stub telling the variant of a value.
    pub variant: String,
    /// The stubs and wrappers of its protocols.
    pub str: String,
    pub str_py: String,
    pub repr: String,
    pub repr_py: String,
    pub eq: String,
    pub cmp: String,
    pub richcompare_py: String,
    pub hash: String,
    pub hash_py: String,
    pub clone: String,
    pub copy_py: String,
    pub next: String,
    pub next_py: String,
    pub reversed: String,
    pub reversed_py: String,
    pub iter: String,
    pub iter_py: String,
    /// Type construction: the tables, the spec, the constructor or its refusal.
    pub methods: String,
    pub getset: String,
    pub slots: String,
    pub spec: String,
    pub new_py: String,
    pub vectorcall_py: String,
    pub no_new: String,
    /// An exception class: raises a crate error as an instance.
    pub raise: String,
    /// A fieldless enum: the stub giving each member's value, and the
    /// function building the `enum.IntEnum` at import.
    pub discriminant: String,
    pub create: String,
}

pub fn class_names(module: &ir::Module, class: usize) -> ClassNames {
    let sym = |what: &str| class_symbol(module, class, what);
    ClassNames {
        type_var: class_type_var(module, class),
        slot: sym("slot"),
        dealloc: sym("dealloc"),
        drop: sym("drop"),
        wrap_as: sym("wrap_as"),
        new_object: sym("new_object"),
        freelist: sym("freelist"),
        state_of: sym("state_of"),
        state_type: sym("state_type"),
        state_cache: sym("state_cache"),
        static_methods: sym("static_methods"),
        view: sym("view"),
        view_exit_py: py_wrapper(&sym("view_exit")),
        seq_view: sym("seq_view"),
        seq_item: sym("seq_item"),
        keeping: sym("keeping"),
        static_to_py: format!("rsbind_cls_{}_static_to_py", class_ident(module, class)),
        inline_size: sym("inline_size"),
        inline_bytes: sym("inline_bytes"),
        inline_drops: sym("inline_drops"),
        unbox: sym("unbox"),
        drop_inline: sym("drop_inline"),
        from_room: sym("from_room"),
        from_room_as: sym("from_room_as"),
        lent_to_py: format!("rsbind_cls_{}_lent_to_py", class_ident(module, class)),
        variant: sym("variant"),
        str: sym("str"),
        str_py: py_wrapper(&sym("str")),
        repr: sym("repr"),
        repr_py: py_wrapper(&sym("repr")),
        eq: sym("eq"),
        cmp: sym("cmp"),
        richcompare_py: sym("richcompare_py"),
        hash: sym("hash"),
        hash_py: py_wrapper(&sym("hash")),
        clone: sym("clone"),
        copy_py: sym("copy_py"),
        next: sym("next"),
        next_py: py_wrapper(&sym("next")),
        reversed: sym("reversed"),
        reversed_py: py_wrapper(&sym("reversed")),
        iter: sym("iter"),
        iter_py: py_wrapper(&sym("iter")),
        methods: sym("methods"),
        getset: sym("getset"),
        slots: sym("slots"),
        spec: sym("spec"),
        new_py: py_wrapper(&sym("new")),
        vectorcall_py: sym("vectorcall_py"),
        no_new: sym("no_new"),
        raise: sym("raise"),
        discriminant: sym("discriminant"),
        create: sym("create"),
    }
}

/// The type object variable of a data enum's variant, and its tables.
#[derive(Clone, Debug, Serialize)]
pub struct VariantNames {
    pub type_var: String,
    pub getset: String,
    pub slots: String,
    pub spec: String,
    pub new: String,
    pub new_py: String,
    pub vectorcall_py: String,
}

pub fn variant_names(module: &ir::Module, class: usize, variant: &str) -> VariantNames {
    let sym = |what: &str| variant_symbol(module, class, variant, what);
    let type_var = sym("type");
    VariantNames {
        getset: format!("{type_var}_getset"),
        slots: format!("{type_var}_slots"),
        spec: format!("{type_var}_spec"),
        type_var,
        new: sym("new"),
        new_py: py_wrapper(&sym("new")),
        vectorcall_py: sym("vectorcall_py"),
    }
}

/// A namespace's `PyMethodDef` table and its table of live statics.
pub fn ns_methods(index: usize) -> String {
    format!("rsbind_ns{index}_methods")
}

pub fn ns_live(index: usize) -> String {
    format!("rsbind_ns{index}_live")
}

/// The function the Rust `PyInit_` calls to create the module.
pub fn module_init(module: &ir::Module) -> String {
    format!("rsbind_init_{}", module.name)
}
