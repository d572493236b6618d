//! The view of `module.c` that the `templates/cpython/` templates print: the
//! documented interface of those templates (`rsbind gen --templates DIR`
//! replaces them). Every C name, C type, converter, flag and docstring literal
//! is computed before a template sees it; the templates decide nothing. Where
//! an item comes in kinds, each kind is an optional part (`ClassView::int_enum`
//! or `ClassView::object`), never a string to compare. The composites' view is
//! in `composites.rs`.

use super::composites::CompositeView;
use crate::backend::names::{ClassNames, VariantNames};
use serde::Serialize;

/// The whole of `module.c` (template `cpython/module.c.j2`).
#[derive(Serialize)]
pub struct View {
    /// The interface file, for the "generated from" header.
    pub source: String,
    pub module: String,
    /// `rsbind_init_NAME`, which the Rust `PyInit_NAME` calls.
    pub init: String,
    /// The converters that take the module state first (`rsbind_st`).
    pub state_functions: Vec<String>,
    /// The C types and converters of options, tuples and collections, inner ones first.
    pub composites: Vec<CompositeView>,
    /// The iterators functions return, one per item type.
    pub iterators: Vec<IteratorView>,
    pub namespaces: Vec<NamespaceView>,
    pub classes: Vec<ClassView>,
    /// Module functions, methods, constructors: every C function Python calls.
    pub calls: Vec<CallView>,
    /// Methods with overloads: one C function each, trying the overloads' calls.
    pub overloads: Vec<OverloadView>,
    /// The trampolines through which Rust calls the Python callables it was given.
    pub callbacks: Vec<CallbackView>,
    /// Module-level constants, read once at import.
    pub values: Vec<ReaderView>,
    pub live: Vec<LiveView>,
    /// The exception classes that `rsbind_fail` raises crate errors as.
    pub raisers: Vec<RaiserView>,
    /// Parameter defaults, made at import.
    pub defaults: Vec<DefaultView>,
    /// The crate's traits: Python classes, and the converters of trait objects.
    pub traits: Vec<super::traits::TraitObjectView>,
    /// The unpickler classes of the pickling classes, in the module state.
    pub unpicklers: Vec<UnpicklerView>,
}

#[derive(Serialize)]
pub struct NamespaceView {
    pub index: usize,
    /// `pkg.geo`
    pub qualified: String,
    /// Its attribute on its parent: `geo`.
    pub attr: String,
    pub parent: Option<usize>,
    /// Its docstring as a C literal.
    pub doc: String,
    /// Its `PyMethodDef` table and the entries of its functions.
    pub methods_table: String,
    pub methods: Vec<MethodDef>,
    /// Its table of live statics (`rsbind_live_attr`) and their entries.
    pub live_table: String,
    pub live: Vec<LiveEntry>,
}

/// A `PyMethodDef` entry.
#[derive(Clone, Serialize)]
pub struct MethodDef {
    pub name: String,
    pub wrapper: String,
    pub flags: &'static str,
    /// The docstring variable.
    pub doc: String,
}

#[derive(Serialize)]
pub struct LiveEntry {
    pub name: String,
    pub getter: String,
    pub setter: String,
}

/// A C function that Python calls with arguments (template
/// `cpython/function.c.j2`): converts them, borrows or moves objects, makes
/// one call into a Rust stub and converts the result.
/// The room a call lends its stub for a result (`CallView::in_room`).
#[derive(Serialize)]
pub struct RoomView {
    pub bytes: usize,
    /// The class's converter of what the stub gave (`from_room`).
    pub to_py: String,
}

#[derive(Serialize)]
pub struct CallView {
    /// The expression giving the module state (`rsbind_st`) from what the
    /// call has: the module, the object's or the called type.
    pub state: String,
    /// The Python-visible name, for messages: `add`, `Counter.incr`, `Counter`.
    pub display_name: String,
    pub wrapper: String,
    /// A `tp_new`: `(type, args, kwargs)`, arguments parsed from a tuple and a dict.
    pub tp_new: bool,
    /// A type's vectorcall: `(callable, args, nargsf, kwnames)`; the type is the callable.
    pub vectorcall: bool,
    /// A function or method that does not use its `self` argument.
    pub self_unused: bool,
    /// The `rsbind_sig` describing the parameters, and the array of their names.
    pub sig: String,
    pub sig_names: String,
    pub params: Vec<ParamView>,
    /// How many leading parameters Python must pass.
    pub nrequired: usize,
    /// The method's own object: how it is borrowed.
    pub receiver: Option<ReceiverView>,
    /// Its borrow is checked after the arguments are converted, not taken:
    /// from there until the call returns no Python code runs (no callable
    /// passed, none the crate keeps: `ir::Module::rust_keeps_python_objects`;
    /// the GIL kept), so nothing else can reach the object meanwhile; nothing
    /// is moved, and the result does not borrow it.
    pub self_check: bool,
    /// A method of an IntEnum: its member, converted to the discriminant.
    pub member_receiver: Option<MemberReceiverView>,
    /// Some argument moves an object: commit the moves before the call.
    pub moves: bool,
    /// The call keeps references, borrows or moves in an `rsbind_scope`;
    /// a call of scalars does without, and its converters get `NULL`.
    pub scoped: bool,
    /// What the converters get: `&scope`, or `NULL` when not `scoped`.
    pub scope_ref: &'static str,
    /// The class arguments it borrows itself (when not `scoped`).
    pub lent: Vec<LentView>,
    pub stub: String,
    /// The stub returns its scalar result itself (no `rsbind_out`/`rsbind_err`).
    pub direct: Option<DirectCallView>,
    /// Its arguments are read where the caller put them (`rsbind_args_in_place`)
    /// when given positionally: no argument is replaced by a converted object
    /// (an iterable's list, a `made_by` object, a kept buffer's `bytes` copy).
    pub args_in_place: bool,
    pub out_c_type: String,
    pub to_py: String,
    /// A result the stub writes into room on the C stack when it fits
    /// (`abi::Abi::result_in_room`).
    pub in_room: Option<RoomView>,
    pub release_gil: bool,
    /// A parameter holds a callable or a trait object: the scope names the
    /// module state, which Rust's calls of them use (`rsbind_scope_set_state`).
    pub converts_behaviour: bool,
    /// For constructors: wraps the result as an instance of the called type.
    pub wrap_as: Option<String>,
    /// A view of `self`: the class's view constructor and the borrow it takes.
    pub view: Option<CallResultView>,
    /// A builder step: the result is the object the method was called on.
    pub returns_self: bool,
    /// A result that borrows: the objects its object keeps.
    pub keeps: Option<KeepsView>,
    /// Functions and methods: the docstring (`name(sig)\n--\n\ndoc`).
    pub doc: Option<DocView>,
}

/// A stub that returns its scalar result itself: `ret_type stub(params)`.
#[derive(Serialize)]
pub struct DirectCallView {
    /// `rsbind_ret_int64_t`: the value and the ok flag (rsbind.h).
    pub ret_type: String,
    /// The C parameters as declared (`void` for none).
    pub params: String,
    /// The arguments of the call.
    pub args: String,
}

/// A result whose value borrows (MAPPING: Borrowed results): its object keeps
/// the Python objects it may point into and borrows one of them.
#[derive(Serialize)]
pub struct KeepsView {
    /// The class's `keeping` function: (type, pointer, keeps, owner, owner's slot, exclusive).
    pub make: String,
    /// The type of the new object, as C writes it.
    pub type_expr: String,
    /// The result's pointer (NULL for `None`), as C writes it.
    pub rust_expr: String,
    /// The C expressions of the objects it keeps (`self`, `argv[0]`).
    pub objects: Vec<String>,
    /// The object it borrows and its slot (`NULL` for none), exclusive or not.
    pub owner: String,
    pub owner_slot: String,
    pub exclusive: &'static str,
    /// Further objects it borrows: a guard for each joins what it keeps.
    pub also: Vec<AlsoBorrowView>,
}

/// A further bound object a result borrows (a result tied to two objects):
/// `rsbind_keeps_guard` borrows it for as long as the result lives.
#[derive(Serialize)]
pub struct AlsoBorrowView {
    pub owner: String,
    pub owner_slot: String,
    pub exclusive: &'static str,
}

/// The C function through which a stub's closure calls the Python callable
/// of one parameter (`cpython/callback.c.j2`): takes the GIL, converts the
/// arguments, calls, converts the result.
#[derive(Serialize)]
pub struct CallbackView {
    pub symbol: String,
    /// For messages: `result of apply() argument 'f'`.
    pub result_name: String,
    pub args: Vec<CallbackArgView>,
    /// How many arguments (the C array has at least one element).
    pub nargs: usize,
    pub array_len: usize,
    /// The result's C type (`uint8_t` for `()`).
    pub out_c_type: String,
    /// The result's converter; none for `()`, whose value is ignored.
    pub from_py: Option<String>,
    /// The converted result borrows from the Python object (a str's UTF-8)
    /// or moves objects: it is kept, with its scope, until Rust has made its
    /// own value (`rsbind_callback_frame`).
    pub keeps_result: bool,
    /// A result that is not kept converts in a scope of its own, but a
    /// scalar, which needs none (its converter gets `NULL`).
    pub result_scoped: bool,
    /// A trait method's trampoline: the method of the object it calls (looked
    /// up at each call); none for a callable, which is called itself.
    pub method: Option<String>,
    /// A callable returning `Result`: how its exception becomes `Err`.
    pub err: Option<CallbackErrView>,
}

/// The C function giving Rust the value of an exception of the error's
/// class (`rsbind_callback_err_value`): its name, the class, and whether
/// the value is cloned by Rust (`true`) or moved out of the exception.
#[derive(Serialize)]
pub struct CallbackErrView {
    pub symbol: String,
    pub type_var: String,
    pub clone: &'static str,
}

#[derive(Serialize)]
pub struct CallbackArgView {
    pub index: usize,
    pub c_type: String,
    pub to_py: String,
    /// A trait object lent to the callable (`&dyn Trait`, `&mut dyn
    /// Trait`): its object is ended when the callable returns.
    pub lent: Option<LentArgView>,
}

/// How a lent value's object is ended: its class's drop stub (a trait
/// object's box; none for a `&mut` of a class, whose value is Rust's), and
/// whether it is read-only (a `&dyn Trait`, `true` as C writes it).
#[derive(Serialize)]
pub struct LentArgView {
    pub drop: Option<String>,
    pub drop_arg: String,
    pub read_only: &'static str,
}

/// A method result that is a view of the method's object.
#[derive(Serialize)]
pub struct CallResultView {
    /// The class's `view` function: (pointer, owner, owner's slot, exclusive, read_only).
    pub make: String,
    /// `true` for `&mut self`, as C writes it.
    pub exclusive: &'static str,
    /// `true` for `&T`.
    pub read_only: &'static str,
    /// Objects other than `self` the view may point into (`fn pick<'a>(&'a
    /// self, other: &'a Bag) -> &'a T`): the view's owner is then a tuple of
    /// `self` and a guard borrowing each.
    pub also: Vec<AlsoBorrowView>,
    /// What the view is handed to before it is returned: its iterator
    /// (`rsbind_seqview_iter`, for `slice::Iter`), or `None`.
    pub finish: Option<&'static str>,
}

#[derive(Serialize)]
pub struct DocView {
    pub var: String,
    /// The text as a C literal.
    pub literal: String,
}

#[derive(Serialize)]
pub struct ReceiverView {
    /// `const void *` or `void *`, as the stub takes it.
    pub c_type: &'static str,
    /// The class's slot accessor.
    pub slot: String,
    /// By value and not Clone: the value moves out of the object.
    pub takes: bool,
    /// `true` for `&mut self`, as C writes it.
    pub exclusive: &'static str,
    pub type_name: String,
}

/// The member an IntEnum's method is called on, read as its discriminant.
#[derive(Serialize)]
pub struct MemberReceiverView {
    pub converter: String,
    /// Its `rsbind_loc`, for error messages.
    pub loc: String,
}

#[derive(Serialize)]
pub struct ParamView {
    pub python_name: String,
    pub c_name: String,
    pub c_type: String,
    pub default: Option<DefaultView>,
    /// Its initializer: the converter fills it, but compilers cannot always see that.
    pub zero: &'static str,
    pub converter: String,
    /// Its `rsbind_loc`, for error messages.
    pub loc: String,
    /// Any iterable converts: one that is no list, tuple or buffer is read into a list first.
    pub from_iterable: bool,
    /// Bound from `impl Into<T>`: the `From` classmethods that make a `T` of
    /// another argument.
    pub made_by: Option<MadeByView>,
    /// A `&[u8]` that the result keeps: another buffer than `bytes` is copied
    /// into one first.
    pub kept_bytes: bool,
    /// The interface file's `unsafe_no_copy` reason (as C comment text): in a
    /// released-GIL call this buffer is lent to Rust without the copy.
    pub no_copy: Option<String>,
    /// A class argument the call borrows: in a call without a scope, the
    /// borrow it ends itself.
    pub lent: Option<LentView>,
}

impl ParamView {
    /// Its conversion replaces its argument with an object it made (an
    /// iterable's list, a `made_by` object, a kept buffer's `bytes` copy):
    /// such a call needs a scope to keep it, and an argument array of its
    /// own (the caller's is read-only). Besides these three, the templates
    /// (`convert_argument`) write `argv[i]` only to fill in a default, which
    /// never happens on the in-place path (every argument is there).
    pub fn replaces_argument(&self) -> bool {
        self.from_iterable || self.made_by.is_some() || self.kept_bytes
    }
}

/// A class argument that a call without a scope borrows itself: the
/// variable holding the borrowed slot (NULL until borrowed), and how it
/// ends the borrow.
#[derive(Clone, Serialize)]
pub struct LentView {
    pub var: String,
    /// The class's slot function, which finds the borrowed slot.
    pub slot: String,
    pub exclusive: &'static str,
}

/// The classmethods that make a parameter's class from other values.
#[derive(Serialize)]
pub struct MadeByView {
    /// The class's type object (a field of the module state).
    pub type_var: String,
    /// The class's dealloc function, which tells its objects.
    pub dealloc: String,
    /// The static table of their C functions.
    pub table: String,
    pub methods: Vec<String>,
}

/// A default value: the static variable holding it, and the C expression that
/// makes it (a new reference) at import.
#[derive(Clone, Serialize)]
pub struct DefaultView {
    pub var: String,
    pub expr: String,
}

/// A value read from Rust once, at import: a module constant or a class's.
#[derive(Serialize)]
pub struct ReaderView {
    pub python_name: String,
    pub namespace: usize,
    pub symbol: String,
    pub reader: String,
    pub out_c_type: String,
    pub to_py: String,
}

/// A static read and written while the program runs (template `cpython/live_static.c.j2`).
#[derive(Serialize)]
pub struct LiveView {
    pub python_name: String,
    /// The namespace it is an attribute of, for messages.
    pub display: String,
    pub get_symbol: String,
    pub set_symbol: String,
    pub getter: String,
    pub setter: String,
    pub in_c_type: String,
    pub in_zero: &'static str,
    pub from_py: String,
    pub out_c_type: String,
    pub to_py: String,
    pub moves: bool,
}

#[derive(Serialize)]
pub struct RaiserView {
    pub class_index: usize,
    pub raise: String,
}

/// A class. Exactly one of `int_enum` and `object` is set.
#[derive(Serialize)]
pub struct ClassView {
    pub python_name: String,
    /// `pkg.geo.Point`
    pub qualified: String,
    pub namespace: usize,
    /// The qualified name of its namespace: its `__module__`.
    pub module_name: String,
    /// The docstring as a C literal; with the constructor's signature when it has one.
    pub doc: String,
    pub names: ClassNames,
    /// The C expression creating its type object at import.
    pub create: String,
    /// `Class(..)` calls the constructor directly: its vectorcall.
    pub vectorcall: Option<String>,
    /// Equality without ordering: the type's `__lt__`/`__le__`/`__gt__`/`__ge__`
    /// wrappers, which CPython adds for any `tp_richcompare`, are removed at import
    /// so that `help()` and `T.__dict__` don't offer an order the type lacks.
    pub hide_order: bool,
    pub consts: Vec<ReaderView>,
    /// A fieldless enum: an `enum.IntEnum` (templates `cpython/int_enum*.c.j2`).
    pub int_enum: Option<IntEnumView>,
    /// A struct or an enum with data: a heap type whose objects own a Box.
    pub object: Option<ObjectView>,
}

#[derive(Serialize)]
pub struct IntEnumView {
    pub from_py: String,
    pub to_py: String,
    /// The process-wide array of its discriminants, filled at the first
    /// import (the same in every module object): `from_py` checks a value
    /// against it, with no module object at hand.
    pub values_var: String,
    pub members: Vec<String>,
    /// Its methods, set on the class after it is made (method descriptors).
    pub methods: Vec<MethodDef>,
    /// `Display`: `__str__` (the class names' `str` stub and `str_py` wrapper).
    pub display: bool,
}

/// A class whose objects own a Box of the Rust value (templates
/// `cpython/class_*.c.j2`).
#[derive(Serialize)]
pub struct ObjectView {
    /// `rsbind_object`, `rsbind_owned_object` for a class with views or whose
    /// values borrow (their slot's owner follows it), or `rsbind_exc_object`
    /// for an exception.
    pub object_type: &'static str,
    /// The value may be stored in the object (`ir::Class::stored_inline`;
    /// rustc's layout decides at import): results are copied in, and
    /// `&mut T` lent to a callable has its own converter (`lent_to_py`).
    pub inline: bool,
    /// Derives from `Exception`.
    pub exception: Option<ExceptionView>,
    /// Has `Display`: the `str` stub exists.
    pub display: bool,
    /// A data enum: it asks Rust for the variant, and wraps a value in the variant's subclass.
    pub data_enum: bool,
    pub to_py: String,
    pub from_py: Vec<ClassFromPyView>,
    /// A data enum's variants, each a subclass.
    pub variants: Vec<VariantTypeView>,
    /// Every field's accessors, the struct's and every variant's.
    pub accessors: Vec<AccessorView>,
    /// The struct's fields (`PyGetSetDef` entries).
    pub getsets: Vec<GetSetEntry>,
    pub methods: Vec<MethodDef>,
    /// Its static methods, set on the class at import (`n.static_methods`).
    pub static_methods: Vec<MethodDef>,
    pub operators: OperatorsView,
    /// Some method returns a view of this class: the view constructor, and
    /// `__enter__`/`__exit__` in the method table.
    pub viewed: bool,
    /// Some method returns a sequence view of this class (`&[T]`): the
    /// function making one, whose items are this class's views.
    pub seq_viewed: bool,
    /// Its values borrow: the keeping constructor, and the keeps released
    /// after the value is dropped.
    pub keeping: bool,
    /// Some const or result is a `&'static T` of it: read-only static views.
    pub static_view: bool,
    /// It has a method table: methods, or `__copy__`.
    pub methods_table: bool,
    /// `__str__` and `__repr__`.
    pub string_protocols: Vec<StringProtocolView>,
    pub hash: bool,
    /// `PartialEq` without `Hash`: unhashable.
    pub unhashable: bool,
    /// `Clone`: `__copy__` and `__deepcopy__`.
    pub clone: bool,
    /// serde's `Serialize` + `Deserialize`: pickling.
    pub pickle: Option<PickleView>,
    pub next: Option<NextView>,
    /// `DoubleEndedIterator`: `__reversed__`, over the items left from the back.
    pub reversed: Option<ItemsView>,
    /// `IntoIterator` for `&T`: `__iter__`, over copies of the items.
    pub iter_by_ref: Option<ItemsView>,
    pub compare: Option<CompareView>,
    /// `tp_new`: the constructor, or the function refusing to construct.
    pub tp_new: Option<String>,
    pub refuse_new: Option<RefuseNewView>,
    pub type_flags: &'static str,
    pub spec_name: String,
}

/// Pickling through serde: `__reduce_ex__` (and `__reduce__`) give the
/// class's unpickler class and the value's data (bytes); without `Clone`,
/// `__deepcopy__` copies through the data.
#[derive(Serialize)]
pub struct PickleView {
    /// The stubs: the value to its data, the data to a value.
    pub pickle: String,
    pub unpickle: String,
    /// `Vec<u8>` out, `&[u8]` in.
    pub bytes_c_type: String,
    pub data_c_type: String,
    pub reduce_py: String,
    /// A value from its data, given the module state; the classmethod
    /// `_rsbind_from_pickle` calls it with its class's.
    pub from_pickle: String,
    pub from_pickle_py: String,
    /// `Class._rsbind_from_pickle`, where its argument errors say.
    pub from_pickle_name: String,
    /// The class's namespace (`module.sub`).
    pub module_name: String,
    pub unpickler: UnpicklerView,
    /// Not `Clone`: the stub and the `__deepcopy__` wrapper.
    pub deepcopy: Option<DeepcopyView>,
}

/// What a pickle calls to unpickle: `module._rsbind_Class`, a class
/// of the class's namespace in the module state (pickle reads a class's name
/// without making a str, unlike a function's), whose call (`vectorcall`, or
/// `new` under the limited API) is `from_pickle_py`; found by name, as pickle
/// finds classes.
#[derive(Serialize, Clone)]
pub struct UnpicklerView {
    pub name: String,
    /// The name pickles of earlier builds call it by (`_rsbind_unpickle_Class`).
    pub alias: Option<String>,
    /// Its field in the module state.
    pub var: String,
    pub spec: String,
    pub sig: String,
    pub vectorcall: String,
    pub new: String,
    /// Its docstring, a C string literal with its signature.
    pub doc: String,
    pub namespace: usize,
}

#[derive(Serialize)]
pub struct DeepcopyView {
    pub stub: String,
    pub wrapper: String,
}

#[derive(Serialize)]
pub struct ExceptionView {
    /// Builds the exception's message from `Display`.
    pub message_from_str: bool,
}

/// The converter of a Python object of this class into the Rust value, for
/// one way of passing it.
#[derive(Serialize)]
pub struct ClassFromPyView {
    pub converter: String,
    /// `void **` or `const void **`.
    pub out_type: &'static str,
    /// By value and not Clone: the value moves out of the object.
    pub takes: bool,
    /// By value and Clone: Rust clones it.
    pub clones: bool,
    /// `&'static T`: the value is pinned for good (`rsbind_pin_static`).
    pub pins: bool,
    pub exclusive: &'static str,
}

#[derive(Serialize)]
pub struct VariantTypeView {
    pub python_name: String,
    pub names: VariantNames,
    pub doc: String,
    pub getsets: Vec<GetSetEntry>,
    pub match_args: Vec<String>,
    pub qualname: String,
    pub spec_name: String,
}

/// A `PyGetSetDef` entry.
#[derive(Serialize)]
pub struct GetSetEntry {
    pub python_name: String,
    pub getter: String,
    /// The setter, or `NULL`.
    pub setter: String,
    pub doc: String,
}

/// A field's getter, and its setter if it has one.
#[derive(Serialize)]
pub struct AccessorView {
    pub python_name: String,
    pub getter: String,
    pub get_symbol: String,
    /// The getter's stub returns a scalar itself: its `rsbind_ret_<type>`.
    pub direct: Option<String>,
    /// Its borrow of the object is checked, not taken: the crate keeps no
    /// Python callable (`ir::Module::rust_keeps_python_objects`), so no
    /// Python code runs while the getter's stub does.
    pub self_check: bool,
    pub out_c_type: String,
    pub to_py: String,
    pub setter: Option<SetterView>,
}

#[derive(Serialize)]
pub struct SetterView {
    pub setter: String,
    pub set_symbol: String,
    pub in_c_type: String,
    pub in_zero: &'static str,
    pub from_py: String,
    pub moves: bool,
}

#[derive(Serialize)]
pub struct StringProtocolView {
    /// `Py_tp_str` or `Py_tp_repr`.
    pub slot: &'static str,
    pub stub: String,
    pub wrapper: String,
    /// Declares its stub here; `str`'s is declared with the class's values.
    pub declare_stub: bool,
    /// `repr` of an object whose value was moved out (a C string literal), for
    /// a class whose values can be moved (not `Clone`); the other protocols raise.
    pub moved_repr: Option<String>,
}

/// The operator slots of a class (template `cpython/class_operators.c.j2`),
/// one list per shape of slot function.
#[derive(Default, Serialize)]
pub struct OperatorsView {
    /// `a + b` and friends: the methods are tried in order; when none takes
    /// the operand, `NotImplemented`.
    pub binary: Vec<OperatorSlotView>,
    /// `a += b`: the method changes `a`, which is the result.
    pub in_place: Vec<OperatorSlotView>,
    /// `-a`, `~a`.
    pub unary: Vec<OperatorSlotView>,
    /// `a[key]`: the methods are tried in order; the last one's `TypeError` stands.
    pub subscript: Vec<OperatorSlotView>,
}

/// One slot: the function CPython calls, and the methods' C functions it calls.
#[derive(Serialize)]
pub struct OperatorSlotView {
    /// `Py_nb_add`
    pub slot: &'static str,
    pub wrapper: String,
    /// The methods' `METH_FASTCALL` functions, one per right-hand type.
    pub methods: Vec<String>,
}

#[derive(Serialize)]
pub struct NextView {
    pub out_c_type: String,
    pub item_to_py: String,
    /// An item that borrows: what its object keeps (the iterator).
    pub keeps: Option<KeepsView>,
    /// An item that is a view (`ir::Module::next_view_item`): how it is
    /// made; `out_c_type` is then `void *` (NULL at the end).
    pub view: Option<ItemViewMaker>,
}

/// How an iterator class's items that are views are made.
#[derive(Serialize)]
pub struct ItemViewMaker {
    /// The view maker of the items' class.
    pub maker: String,
    /// `&'a mut T` items: the iterator's object holds the one exclusive
    /// borrow of what it borrows (until its dealloc), so each item
    /// references that object and borrows nothing itself. `&'a T` items
    /// borrow, shared, what the object borrows.
    pub through_iterator: bool,
}

/// A protocol whose stub hands out all the items at once (a `Vec`), which
/// Python then iterates.
#[derive(Serialize)]
pub struct ItemsView {
    pub out_c_type: String,
    pub items_to_py: String,
    /// Items that are views (`ir::Module::next_view_item`, `__reversed__`
    /// only): the stub gives one item's address (`out_c_type` `void *`,
    /// NULL at the end), which the class's view maker wraps, until the end.
    pub view: Option<ItemsOneByOne>,
}

/// A protocol's items taken one at a time, as views.
#[derive(Serialize)]
pub struct ItemsOneByOne {
    pub item: ItemViewMaker,
    /// The C function taking one item (a view, or NULL at the end).
    pub one: String,
}

/// The one Python method of a method's overloads (template `cpython/overload.c.j2`).
#[derive(Serialize)]
pub struct OverloadView {
    pub wrapper: String,
    /// `Value.get`, for the TypeError when none takes the arguments.
    pub display_name: String,
    /// The overloads' call wrappers, in the order they are tried.
    pub methods: Vec<String>,
}

#[derive(Serialize)]
pub struct CompareView {
    pub eq: bool,
    pub cmp: bool,
}

#[derive(Serialize)]
pub struct RefuseNewView {
    /// A data enum: a variant to suggest instead.
    pub example_variant: Option<String>,
}

/// The iterators of one item type that functions return: the Rust stubs
/// stepping and dropping them, and their C wrappers.
#[derive(Serialize)]
pub struct IteratorView {
    /// The item type, for the comment.
    pub doc: String,
    pub next: String,
    pub drop: String,
    /// The C type of `Option<Item>`, what `next` writes.
    pub out_c_type: String,
    pub item_to_py: String,
    pub next_py: String,
    pub to_py: String,
    pub keeping: String,
    /// Items that are views (`ir::Module::iter_view_item`): `next` writes
    /// the item's address (NULL at the end), which the class's view maker
    /// wraps (`out_c_type` is then `void *`; `item_to_py` is unused).
    pub item_view: Option<IterItemView>,
}

/// How an iterator's item becomes a view of its class.
#[derive(Serialize)]
pub struct IterItemView {
    /// The class's view maker (`rsbind_class_T_view`).
    pub maker: String,
    /// `true` for `&T` items, `false` for `&mut T` (C literals).
    pub read_only: &'static str,
}
