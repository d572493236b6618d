//! The value types that cross as one runtime converter pair each, in one table.
//!
//! Adding such a type (`std::net::Ipv4Addr` ↔ `ipaddress.IPv4Address`) is three
//! places: a row here (how the interface file writes it, how it crosses, how
//! Python sees it), its two converters in the C runtime
//! (`rsbind_{stem}_from_py`/`_to_py`, declared in `rsbind.h`), and its
//! `FromAbi`/`IntoAbi` in the Rust runtime. Lowering, the ABI, the stubs and the
//! `.pyi` read the row; no template changes.

/// A value type of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leaf {
    Duration,
    SystemTime,
    Ipv4Addr,
    Ordering,
}

/// Everything the stages need to know of a [`Leaf`].
pub struct LeafDef {
    /// How the interface file may write it; the first is the checker's name.
    pub spellings: &'static [&'static str],
    /// The converters' stem: `rsbind_{stem}_from_py`, `rsbind_{stem}_to_py`.
    pub stem: &'static str,
    /// The C type it crosses as.
    pub c_type: &'static str,
    /// The Rust mirror of that C type.
    pub rust_abi: &'static str,
    /// The Rust type, as the stubs write it.
    pub rust_type: &'static str,
    /// What a stub (`.pyi`) says Python passes in and gets out.
    pub py_in: &'static str,
    pub py_out: &'static str,
    /// The module the `.pyi` imports for it.
    pub py_import: &'static str,
}

const DURATION: LeafDef = LeafDef {
    spellings: &["Duration", "std::time::Duration", "core::time::Duration"],
    stem: "duration",
    c_type: "rsbind_duration",
    rust_abi: "rsbind_rt::RsbindDuration",
    rust_type: "std::time::Duration",
    py_in: "datetime.timedelta | float",
    py_out: "datetime.timedelta",
    py_import: "datetime",
};

const SYSTEM_TIME: LeafDef = LeafDef {
    spellings: &["SystemTime", "std::time::SystemTime"],
    stem: "time",
    c_type: "rsbind_time",
    rust_abi: "rsbind_rt::RsbindTime",
    rust_type: "std::time::SystemTime",
    py_in: "datetime.datetime",
    py_out: "datetime.datetime",
    py_import: "datetime",
};

const IPV4_ADDR: LeafDef = LeafDef {
    spellings: &["Ipv4Addr", "std::net::Ipv4Addr", "core::net::Ipv4Addr"],
    stem: "ipv4",
    c_type: "uint32_t",
    rust_abi: "u32",
    rust_type: "std::net::Ipv4Addr",
    py_in: "ipaddress.IPv4Address | str",
    py_out: "ipaddress.IPv4Address",
    py_import: "ipaddress",
};

/// `cmp()`'s result as Python's comparison functions give it (`functools.cmp_to_key`
/// takes such functions): `-1`, `0`, `1`.
const ORDERING: LeafDef = LeafDef {
    spellings: &["Ordering", "std::cmp::Ordering", "core::cmp::Ordering"],
    stem: "ordering",
    c_type: "int8_t",
    rust_abi: "i8",
    rust_type: "std::cmp::Ordering",
    py_in: "int",
    py_out: "int",
    py_import: "typing",
};

impl Leaf {
    pub const ALL: &'static [Leaf] = &[
        Leaf::Duration,
        Leaf::SystemTime,
        Leaf::Ipv4Addr,
        Leaf::Ordering,
    ];

    pub fn def(self) -> &'static LeafDef {
        match self {
            Leaf::Duration => &DURATION,
            Leaf::SystemTime => &SYSTEM_TIME,
            Leaf::Ipv4Addr => &IPV4_ADDR,
            Leaf::Ordering => &ORDERING,
        }
    }

    /// The leaf the interface file names with `written` (a path without arguments).
    pub fn named(written: &str) -> Option<Leaf> {
        Leaf::ALL
            .iter()
            .copied()
            .find(|l| l.def().spellings.contains(&written))
    }
}
