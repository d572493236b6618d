/* rsbind C runtime: the ABI shared with the generated Rust stubs, argument
 * parsing, value converters and exception helpers. Copied verbatim into every
 * generated bindings package; every symbol starts with rsbind_ so it can never
 * clash with the bound crate's names. Everything runs with the GIL held. The
 * project's mapping contract (MAPPING.md) is the Python behaviour they implement.
 *
 * This header is what module.c may use. The runtime's parts, one file each
 * (rsbind_internal.h is what they share among themselves):
 * - rsbind_scope.c: the per-call scope keeps what conversions need alive
 *   until the call ends; class objects are borrowed by RefCell's rules and
 *   moved out only right before the Rust call, so a failed conversion leaves
 *   every object as it was.
 * - rsbind_args.c: arguments land in parameter order, with CPython's own
 *   TypeErrors for wrong counts, unknown keywords and duplicates.
 * - rsbind_scalars.c: integers, floats, bool and char convert only when the
 *   value fits exactly (else OverflowError or TypeError), and back losslessly.
 * - rsbind_strings.c: str crosses as borrowed UTF-8, paths as file-system
 *   bytes; Rust strings come back as str or pathlib.Path.
 * - rsbind_time.c: timedelta/seconds <-> Duration, aware datetime <->
 *   SystemTime; and rsbind_runtime_init (the datetime C API is per file).
 * - rsbind_items.c: the item kinds of numeric buffers and their formats.
 * - rsbind_buffers.c: `&[T]`/`&mut [T]`/bytes borrow a matching buffer without
 *   a copy, and no `&mut` slice overlaps another slice of the same call.
 * - rsbind_vectors.c: a returned Vec of numbers stays in Rust's memory inside
 *   a vector object (sequence and writable buffer) that frees it last.
 * - rsbind_collections.c: tuples, lists, dicts and sets are copied before
 *   their items convert, so Python code cannot change them under the caller.
 * - rsbind_errors.c: messages name where a value came from, as CPython's do,
 *   and a failed Rust call raises exactly one exception (rsbind_raise).
 * - rsbind_callbacks.c: Python callables called from Rust, on any thread:
 *   the GIL is taken for them, and their exceptions reach the caller whole.
 * - rsbind_live.c: module attributes of Rust statics read and write the
 *   static every time; class constants are read anew at every access.
 * The structs exchanged with Rust carry layout assertions (end of this file)
 * that rsbind_rt.rs repeats with the same numbers. */
#ifndef RSBIND_H
#define RSBIND_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The fast path of a call's conversions: laid out straight, its slow path
 * out of the way (the compiler otherwise may jump around the common case). */
#if defined(__GNUC__) || defined(__clang__)
#define RSBIND_LIKELY(cond) __builtin_expect(!!(cond), 1)
#else
#define RSBIND_LIKELY(cond) (cond)
#endif

/* A failure path of a call's: compiled apart, so the fast path keeps no
 * stack frame or registers for it. */
#if defined(__GNUC__) || defined(__clang__)
#define RSBIND_COLD __attribute__((cold, noinline))
#else
#define RSBIND_COLD
#endif

#include "rsbind_limited.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Supported interpreters ----
 * CPython 3.9 to 3.13. Headers of an older Python stop the build here, with
 * the version required; rsbind_check_interpreter (called first thing at
 * import) refuses an interpreter other than the one the module was built for
 * with an ImportError that names the version. */
#define RSBIND_MIN_PYTHON "3.9"
#if PY_VERSION_HEX < 0x03090000
#error "rsbind modules need CPython 3.9 or newer: these are the headers of an older Python (build with --python naming a CPython 3.9+ interpreter)"
#endif

/* The Rust stubs live in the same shared object as module.c: declaring them
 * hidden makes each call a direct call rather than one through the PLT. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(_WIN32) && !defined(__APPLE__)
#define RSBIND_STUB extern __attribute__((visibility("hidden")))
#else
#define RSBIND_STUB extern
#endif

/* Converters a module may or may not use, depending on its signatures. */
#if defined(__GNUC__) || defined(__clang__)
#define RSBIND_MAYBE_UNUSED __attribute__((unused))
#else
#define RSBIND_MAYBE_UNUSED
#endif

/* A small function on a call's path that the compiler should not leave as
 * a call of its own (a class's wrapping of results). */
#if defined(__GNUC__) || defined(__clang__)
#define RSBIND_ALWAYS_INLINE __attribute__((always_inline)) inline
#elif defined(_MSC_VER)
#define RSBIND_ALWAYS_INLINE __forceinline
#else
#define RSBIND_ALWAYS_INLINE inline
#endif

#if defined(_MSC_VER) && !defined(__clang__)
#define RSBIND_ALIGNOF(t) __alignof(t)
#else
#define RSBIND_ALIGNOF(t) _Alignof(t)
#endif

/* ---- ABI values (mirrored by #[repr(C)] structs in rsbind_rt.rs) ---- */

/* Borrowed UTF-8 (or OS path bytes) handed from C to Rust for one call. */
typedef struct rsbind_str {
    const char *ptr;
    size_t len;
} rsbind_str;

/* A Rust-owned byte buffer (String or OsString bytes) handed to C; C gives it
 * back to Rust with rsbind_string_free once it has made a Python object. */
typedef struct rsbind_string {
    char *ptr;
    size_t len;
    size_t cap;
} rsbind_string;

/* 128-bit integers travel as two halves, so no compiler's __int128 ABI matters. */
typedef struct rsbind_u128 {
    uint64_t lo;
    uint64_t hi;
} rsbind_u128;

typedef struct rsbind_i128 {
    uint64_t lo;
    int64_t hi;
} rsbind_i128;

/* std::time::Duration: never negative. */
typedef struct rsbind_duration {
    uint64_t secs;
    uint32_t nanos;
} rsbind_duration;

/* std::time::SystemTime as an offset from the Unix epoch: secs may be
 * negative, nanos is always in [0, 1e9). */
typedef struct rsbind_time {
    int64_t secs;
    uint32_t nanos;
} rsbind_time;

/* Outcome of a Rust stub call, written through the stub's last parameter. */
enum rsbind_error_kind {
    RSBIND_OK = 0,
    RSBIND_ERR_PANIC = 1,    /* a panic: module.RustPanic */
    RSBIND_ERR_CRATE = 2,    /* a crate error type: classes[class_index] */
    RSBIND_ERR_RUNTIME = 3,  /* any other Display error: RuntimeError */
    RSBIND_ERR_IO = 4,       /* std::io::Error: OSError (errno when os_errno != 0) */
    RSBIND_ERR_OVERFLOW = 5, /* a value does not fit its Rust type: OverflowError */
    RSBIND_ERR_VALUE = 6,    /* a value Rust rejects: ValueError */
    RSBIND_ERR_PYTHON = 7    /* a callable's Python exception: value is it, owned; raised as it is */
};

typedef struct rsbind_error {
    uint32_t kind;
    uint32_t class_index;
    int32_t os_errno;
    rsbind_string message; /* Rust-owned UTF-8; empty when kind == RSBIND_OK */
    void *value;           /* RSBIND_ERR_CRATE: the boxed error value (Box<E>), owned */
} rsbind_error;

/* Defined by the generated Rust stubs (rsbind_rt.rs): frees a buffer that
 * Rust handed over. Safe on an empty (NULL) buffer. */
extern void rsbind_string_free(rsbind_string s);

/* A scalar result that a stub returns itself, with its ok flag (rsbind_rt's
 * RsbindReturn<T>): both come back in registers, with no error record on
 * the caller's stack. When ok is false, the error waits on the thread for
 * rsbind_error_take (defined by the Rust stubs, callable without the GIL),
 * which the caller calls at once. */
#define RSBIND_RET(ctype)  \
    typedef struct {       \
        ctype value;       \
        bool ok;           \
    } rsbind_ret_##ctype
RSBIND_RET(uint8_t);
RSBIND_RET(uint16_t);
RSBIND_RET(uint32_t);
RSBIND_RET(uint64_t);
RSBIND_RET(int8_t);
RSBIND_RET(int16_t);
RSBIND_RET(int32_t);
RSBIND_RET(int64_t);
RSBIND_RET(intptr_t);
RSBIND_RET(size_t);
RSBIND_RET(bool);
RSBIND_RET(float);
RSBIND_RET(double);
extern void rsbind_error_take(rsbind_error *out);

/* ---- Where a value comes from, for error messages ----
 * A top-level argument has func and param set and parent NULL; an element of
 * a tuple (and later of a sequence) has parent set and index >= 0. Messages read
 * like CPython's: "f() argument 'a' item 1 must be int, not str". */
typedef struct rsbind_loc {
    const char *func;
    const char *param;
    const struct rsbind_loc *parent;
    Py_ssize_t index;
} rsbind_loc;

/* index of a top-level loc that is an attribute assignment: "Counter.count",
 * func the owner's name and param the attribute's. */
#define RSBIND_LOC_ATTRIBUTE (-2)
/* index of a top-level loc whose func alone names the value, for values that
 * are not arguments: "VecI32 item" (param unused). */
#define RSBIND_LOC_NAME (-3)

/* Writes "f() argument 'a' item 1" (or "Counter.count") into buf. */
void rsbind_loc_describe(const rsbind_loc *loc, char *buf, size_t size);
/* Raise TypeError "<loc> must be <expected>, not <type(obj).__name__>"; returns -1. */
int rsbind_type_error(const rsbind_loc *loc, const char *expected, PyObject *obj);
/* Raise exc with "<loc> <message>"; returns -1. */
int rsbind_loc_error(PyObject *exc, const rsbind_loc *loc, const char *message);

/* ---- Class instances ----
 * Every bound class's instance holds its Rust value as a Box<T> pointer plus a
 * borrow flag, in an rsbind_slot: rust == NULL once the value has been moved out
 * (by a `self` method or a by-value argument); borrow counts shared borrows
 * (> 0) or marks the exclusive one (-1). The flags make aliasing a `&mut`
 * a RuntimeError instead of undefined behaviour. The slot is two words, so
 * a plain object is PyObject_HEAD and 16 bytes: what only views and
 * objects that keep what they borrow need (the owner) is an rsbind_owner
 * right after the slot, in those classes' objects alone
 * (rsbind_owned_object); the counts and flags share the second word. */
#define RSBIND_BORROW_MAX ((1 << 27) - 1)
typedef struct rsbind_slot {
    void *rust;
    /* Shared borrows (> 0, at most RSBIND_BORROW_MAX) or -1. */
    int32_t borrow;
    /* How many live views hold a borrow of this slot (for the messages):
     * never more than borrow's shared count, or 1 for an exclusive one. */
    unsigned int views : 27;
    /* A view (MAPPING: Borrowed results): rust points into the value of its
     * rsbind_owner's `owner` (a strong reference), whose owner_slot the view
     * borrows (exclusively when view_exclusive) until it is deallocated or
     * its __exit__ runs; then has_owner is 0 and rust is NULL. A view's
     * value is never dropped or moved: it belongs to the owner. A read-only
     * view (of a `&T`) holds a shared borrow of its own slot meanwhile, so
     * nothing writes through it. A view without an owner is a `&'static`
     * one (a const's, or pinned), or lent to a callable (view_exclusive). */
    unsigned int is_view : 1;
    unsigned int view_exclusive : 1;
    unsigned int view_read_only : 1;
    /* The rsbind_owner after the slot is set: a view's owner, or the tuple
     * an object whose value borrows keeps (rsbind_keeps_attach). */
    unsigned int has_owner : 1;
    /* The Rust value is stored inline in the object (rust points there):
     * the dealloc frees no Box for it. */
    unsigned int inline_value : 1;
} rsbind_slot;

/* Follows the slot in objects that may have an owner (RSBIND_SLOT_OWNER). */
typedef struct rsbind_owner {
    PyObject *owner;
    rsbind_slot *owner_slot;
} rsbind_owner;
#define RSBIND_SLOT_OWNER(slot) ((rsbind_owner *)((slot) + 1))
/* Whether the objects of struct `type` have room for an rsbind_owner after
 * their slot: asserted where a class's views or borrowing values are made,
 * so a class made so without room (ObjectView::object_type) fails to build. */
#define RSBIND_OWNER_ROOM(type) (sizeof(type) >= offsetof(type, slot) + sizeof(rsbind_slot) + sizeof(rsbind_owner))

typedef struct rsbind_object {
    PyObject_HEAD
    rsbind_slot slot;
} rsbind_object;

/* The objects of a class that has views or whose values borrow. */
typedef struct rsbind_owned_object {
    PyObject_HEAD
    rsbind_slot slot;
    rsbind_owner owner;
} rsbind_owned_object;

/* A value stored in its object (a `Clone` struct whose alignment the
 * allocator's blocks have: 16 bytes, 8 on 32-bit; rsbind_rt::inline_size)
 * begins here, after the slot; the class's basicsize is set at import to
 * this and the value's size. slot.rust points to it, so every path that
 * reads the value is the same as for a Box; CPython never moves an object,
 * so a view into it stays valid while the view holds the object. */
#define RSBIND_INLINE_OFFSET ((sizeof(rsbind_object) + 15) & ~(size_t)15)

/* The size of an object of a class whose objects are object_size bytes
 * without a value stored in them, with `bytes` of value (0: boxed), its room
 * rounded up to 16 bytes (as the allocator's blocks are) so that
 * rsbind_inline_copy may move whole 16-byte words. A view of such a class
 * keeps its owner where a value would be (rust points into the owner's), so
 * the larger of the two. */
static inline size_t
rsbind_inline_basicsize(size_t object_size, size_t bytes)
{
    size_t size = RSBIND_INLINE_OFFSET + ((bytes + 15) & ~(size_t)15);
    return size > object_size ? size : object_size;
}

/* Copies a value of `bytes` that a stub wrote into a call's room (16-aligned,
 * a multiple of 16 bytes: abi::RESULT_ROOM) into its object's room (as
 * rsbind_inline_basicsize makes it): in 16-byte words, which the compiler
 * inlines, where a memcpy of a size known only at run time is a call (it
 * had cost `a + b` 3.5 ns of 30). */
static inline void
rsbind_inline_copy(void *into, const void *room, size_t bytes)
{
    for (size_t i = 0; i < bytes; i += 16) {
        memcpy((char *)into + i, (const char *)room + i, 16);
    }
}

/* Objects of one class kept for reuse after deallocation: making one then
 * costs no PyObject_Malloc/PyObject_Free. Only objects of the class itself
 * (not of a Python subclass) are kept, at most RSBIND_FREELIST_SIZE; the
 * GIL guards the list (a free-threaded build needs one per thread). */
#define RSBIND_FREELIST_SIZE 16
typedef struct rsbind_freelist {
    int len;
    PyObject *objects[RSBIND_FREELIST_SIZE];
} rsbind_freelist;

/* A new object of `type`, its body after the header zeroed: from `list`
 * when `exact` (`type` is the class itself, of any module object: the
 * caller compares its tp_dealloc) and the list has one, else tp_alloc.
 * Every module object's type of one class has the same size and flags,
 * and PyObject_Init sets the requested type. */
static inline PyObject *
rsbind_object_alloc(PyTypeObject *type, bool exact, rsbind_freelist *list, size_t size)
{
    if (exact && list->len > 0) {
        PyObject *obj = list->objects[--list->len];
        memset((char *)obj + sizeof(PyObject), 0, size - sizeof(PyObject));
        /* Sets the type (a new reference to it) and the reference count. */
        return PyObject_Init(obj, type);
    }
    return RSBIND_TP_ALLOC(type)(type, 0);
}

/* At the end of a deallocation, instead of tp_free: keeps the object in
 * `list` when `exact` (it is of the class itself) and there is room. True
 * when kept. */
static inline bool
rsbind_object_recycle(PyObject *self, bool exact, rsbind_freelist *list)
{
    if (exact && list->len < RSBIND_FREELIST_SIZE) {
        list->objects[list->len++] = self;
        return true;
    }
    return false;
}

/* Classes of crate error types derive from Exception, so their instances begin
 * with BaseException's layout. */
typedef struct rsbind_exc_object {
    rsbind_exc_header exc;
    rsbind_slot slot;
    rsbind_owner owner;
} rsbind_exc_object;

/* ---- Per-call scope: what to undo after the Rust call ----
 * References to release, borrows to end, and values to move out of their
 * objects (moves happen only in rsbind_scope_commit, right before the call, so a
 * failed conversion of a later argument leaves every object as it was).
 * The entry types are named *_entry: C has one namespace for typedefs and
 * functions, so they cannot share the functions' names. */
typedef struct rsbind_scope_borrow_entry {
    PyObject *owner; /* a strong reference, released with the borrow */
    rsbind_slot *slot;
    bool exclusive;
} rsbind_scope_borrow_entry;

typedef struct rsbind_scope_take_entry {
    PyObject *owner; /* strong reference */
    rsbind_slot *slot;
    const char *type_name;
} rsbind_scope_take_entry;

typedef struct rsbind_scope {
    PyObject *inline_refs[8];
    PyObject **refs;
    Py_ssize_t len;
    Py_ssize_t cap;
    rsbind_scope_borrow_entry inline_borrows[4];
    rsbind_scope_borrow_entry *borrows;
    Py_ssize_t nborrows;
    Py_ssize_t borrows_cap;
    rsbind_scope_take_entry inline_takes[4];
    rsbind_scope_take_entry *takes;
    Py_ssize_t ntakes;
    Py_ssize_t takes_cap;
    /* Memory the call's arguments were converted into (PyMem_Malloc'd, a
     * list's floats): freed at release. Past two blocks, a capsule in refs
     * holds each (rsbind_scope_keep_mem). */
    void *mems[2];
    int nmems;
    /* The call runs without the GIL: buffers that Python code could write
     * are copied, not borrowed (see rsbind_numbers_from_py). */
    bool gil_released;
    /* The buffers this call borrowed, a list (rsbind_buffers.c), released
     * first by rsbind_scope_release_slow. */
    struct rsbind_buffer_borrow *buffers;
    /* The state of the module object whose call this is, set only by calls
     * that convert callables or trait objects (rsbind_scope_set_state):
     * Rust calls them back with it. A state begins with its module object. */
    void *state;
} rsbind_scope;

/* rsbind_scope_init and rsbind_scope_release are inline, below. */
/* Takes ownership of a new reference; returns -1 (MemoryError set, obj decref'd) on failure. */
int rsbind_scope_keep(rsbind_scope *scope, PyObject *obj);
/* Borrows slot (of owner) for the call: shared, or exclusive when `exclusive`.
 * Moved value: ValueError "<loc> <type_name> object has been moved" (loc may be
 * NULL for `self`: then "<type_name> object has been moved"). Conflicts: RuntimeError
 * "<loc> <type_name> object is already borrowed" / "... already mutably borrowed".
 * Ends with rsbind_scope_release. Returns 0 or -1. rsbind_scope_borrow (inline,
 * below) does the common case itself and calls this one for the rest. */
int rsbind_scope_borrow_slow(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot, bool exclusive,
                             const char *type_name, const rsbind_loc *loc);
/* Plans to move the value out of slot (a by-value argument of a type that is
 * not Clone): checks it is not moved (ValueError as above) and records it;
 * *out receives the pointer now, but the slot is emptied only by commit. */
int rsbind_scope_take(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot, const char *type_name,
                      const rsbind_loc *loc, void **out);
/* Right before the Rust call: empties every planned slot. RuntimeError when a
 * slot is planned twice or is borrowed (also by this call). Returns 0 or -1;
 * on -1 nothing was moved. */
int rsbind_scope_commit(rsbind_scope *scope);
/* After the call (or on failure): ends borrows, releases references.
 * Idempotent. rsbind_scope_release (inline, below) calls it only when the scope
 * holds something. */
void rsbind_scope_release_slow(rsbind_scope *scope);
/* Releases (and frees) the buffer borrows of scope; rsbind_scope_release_slow
 * calls it. */
void rsbind_buffers_release(rsbind_scope *scope);

/* Views, in two steps so that no Python code runs between the call and the
 * borrow: rsbind_view_hold borrows owner_slot for a view (shared, or
 * exclusive: after a `&mut self` method, whose borrow lasts as long as its
 * result), counts the view on it and takes a reference to owner; on a
 * conflict RuntimeError "<owner type> object is already borrowed" / "...
 * borrowed by a live view", returns 0 or -1. rsbind_view_attach then makes
 * the new object whose slot is `slot` (rust already set) the view holding
 * them, read-only for a `&T`; rsbind_view_unhold gives them back when no object was made.
 * A NULL owner_slot borrows nothing: the owner holds the borrow the view
 * needs for as long as it lives (an iterator object, for its `&'a mut`
 * items), and the view's reference to it is all it takes. */
int rsbind_view_hold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive);
void rsbind_view_attach(rsbind_slot *slot, PyObject *owner, rsbind_slot *owner_slot, bool exclusive,
                        bool read_only);
void rsbind_view_unhold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive);
/* ---- Sequence views (rsbind_seqviews.c) ----
 * A method's `&[T]`/`&Vec<T>` (or `&mut`) of a bound class T, as the stub
 * hands it over: the address of the first item, the count, and the distance
 * between items (size_of::<T>()); ptr NULL is an Option's None. */
typedef struct rsbind_seq_parts {
    void *ptr;
    size_t len;
    size_t stride;
} rsbind_seq_parts;
/* A class's view constructor for sequence items (module.c's
 * rsbind_class_T_seq_item): `state` is the module state the sequence view was
 * made with, whose class objects the items are. */
typedef PyObject *(*rsbind_view_fn)(void *state, void *rust, PyObject *owner,
                                    rsbind_slot *owner_slot, bool exclusive, bool read_only);
/* A sequence view of owner's items (one Python type for all classes,
 * rsbind.SequenceView): it holds a reference to owner and a borrow of
 * owner_slot as a view of one item does (rsbind_view_hold: exclusively after a
 * `&mut self` method), supports len(), indexing (negative indexes; IndexError)
 * and iteration, and makes each item a view of T with `item` that keeps the
 * sequence view: read-only items borrow the sequence view shared; the items of
 * a `&mut [T]` (read_only false) each borrow their own flag exclusively, so
 * two views of one item cannot coexist while views of two items can.
 * `with` ends its borrow early, as a view's. None for ptr NULL. */
PyObject *rsbind_seqview_new(rsbind_seq_parts parts, rsbind_view_fn item, void *state,
                             const char *item_name, PyObject *owner, rsbind_slot *owner_slot,
                             bool exclusive, bool read_only);
/* The iterator of a sequence view (a `slice::Iter` a method returns), which
 * keeps the view until it is exhausted; steals seqview; NULL and None pass
 * through. */
PyObject *rsbind_seqview_iter(PyObject *seqview);
/* A result that borrows from more bound objects than the one its slot
 * borrows (MAPPING: Borrowed results): rsbind_keeps_guard borrows owner_slot
 * (shared or exclusive, counted as a view's) and returns a new tuple of
 * keeps' items and a guard object that holds that borrow and a reference to
 * owner until it is deallocated, with what keeps is. keeps is stolen; NULL in
 * gives NULL out (an error already set), and a conflict gives RuntimeError
 * and NULL. */
PyObject *rsbind_keeps_guard(PyObject *keeps, PyObject *owner, rsbind_slot *owner_slot, bool exclusive);
/* An object whose value borrows (MAPPING: Borrowed results; a class with
 * lifetime parameters) owns its value but references, in the tuple `keeps`
 * (its slot's owner), every object that value may point into, and holds a
 * borrow of at most one bound object among them, owner_slot (NULL for none).
 * rsbind_keeps_hold takes that borrow (without a reference: the tuple holds
 * one) before the new object is made, returning 0 or -1 as rsbind_view_hold;
 * rsbind_keeps_unhold gives it back when no object was made;
 * rsbind_keeps_attach hands the new object's slot both. rsbind_view_detach
 * gives them back when the object's value has been dropped. */
int rsbind_keeps_hold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive);
void rsbind_keeps_unhold(rsbind_slot *owner_slot, bool exclusive);
void rsbind_keeps_attach(rsbind_slot *slot, PyObject *keeps, rsbind_slot *owner_slot, bool exclusive);
/* ---- Iterators that Rust returns ----
 * rsbind_iterator_new wraps a boxed Rust iterator (its module's `next`
 * converts one item: a new reference, or NULL without an exception at the
 * end; `drop` frees it): a Python iterator that keeps `keeps` (stolen; NULL
 * for none) and holds a borrow of owner_slot (when owner is not NULL) until it
 * is exhausted or deallocated, and a reference to `module` (the module
 * object whose state `next` reads: its classes). NULL `rust` gives None. On
 * failure it drops `rust` and `keeps` and returns NULL. `next` gets what an
 * item that is a view (`Item = &T`/`&mut T` of a class) borrows, shared, and
 * references: the owner's slot and `keeps` under a shared borrow (NULL when
 * it borrows nothing); under an exclusive one, the iterator's own slot of
 * lent items and the iterator, which keeps its borrow of the owner until
 * the last item view is gone. */
typedef PyObject *(*rsbind_iter_next_fn)(void *rust, PyObject *module, PyObject *owner,
                                         rsbind_slot *owner_slot);
typedef void (*rsbind_iter_drop_fn)(void *rust);
PyObject *rsbind_iterator_new(void *rust, rsbind_iter_next_fn next, rsbind_iter_drop_fn drop,
                              PyObject *keeps, PyObject *owner, rsbind_slot *owner_slot, bool exclusive,
                              PyObject *module);
/* A `&'static T` argument (MAPPING: Borrowed results): the object's value is
 * the program's from then on: it becomes a read-only view of itself with no
 * owner (never dropped, moved or changed again; a const's view already is).
 * A moved or mutably borrowed object, or a view into another object, raises
 * at loc. Returns 0 (the value in *out) or -1. */
int rsbind_pin_static(PyObject *obj, rsbind_slot *slot, const char *type_name, const rsbind_loc *loc,
                      const void **out);
/* A `&[u8]` argument that a result keeps: a buffer other than `bytes` (which
 * Python may change or resize while the result lives) is replaced in *arg by a
 * `bytes` copy that the scope holds. A non-buffer raises TypeError at loc. */
int rsbind_kept_bytes_arg(PyObject **arg, rsbind_scope *scope, const rsbind_loc *loc);
/* Ends a view's borrow and drops its reference to the owner (idempotent);
 * called by a class's dealloc and by __exit__. */
void rsbind_view_detach(rsbind_slot *slot);
/* `with view as v:`: __enter__ returns the object, __exit__ ends a view's
 * borrow early (RuntimeError while the view itself is borrowed, e.g. by a view
 * of it); on an object that is not a view both do nothing. */
PyObject *rsbind_view_enter(PyObject *self, PyObject *unused);
PyObject *rsbind_view_exit(PyObject *self, rsbind_slot *slot, const char *type_name);

/* A heap type from spec deriving from base (a tuple of it: Python 3.9 takes
 * no single class there). New reference or NULL. */
PyObject *rsbind_type_from_spec(PyType_Spec *spec, PyObject *base);

/* Removes the `__lt__`/`__le__`/`__gt__`/`__ge__` wrappers CPython adds to a
 * type with tp_richcompare, for a type with equality but no order (tp_richcompare
 * stays, and answers NotImplemented to them). Returns 0 or -1. */
int rsbind_type_hide_order(PyObject *type);

/* Whether obj is an instance of type (exact or subclass); else TypeError
 * "<loc> must be <type name>, not <type(obj).__name__>". Returns 0 or -1. */
/* ---- Class identity and module state ----
 * A class is one type object per module object (per import, per
 * sub-interpreter), all sharing the class's C functions: an object is of the
 * class when its type's tp_dealloc is the class's own (a variant's type has
 * the class's too), whichever module object made it; a Python subclass's
 * type is found through its bases. No module state is read. */
bool rsbind_is_class_slow(PyObject *obj, destructor dealloc);
static inline bool
rsbind_is_class(PyObject *obj, destructor dealloc)
{
    return RSBIND_TP_DEALLOC(Py_TYPE(obj)) == dealloc || rsbind_is_class_slow(obj, dealloc);
}

/* 0 when obj is of the class with `dealloc`; else TypeError naming `name`
 * (expected at loc) and -1. */
static inline int
rsbind_check_instance(PyObject *obj, destructor dealloc, const char *name, const rsbind_loc *loc)
{
    return rsbind_is_class(obj, dealloc) ? 0 : rsbind_type_error(loc, name, obj);
}

/* The state of the module object (of definition `def`) that made `type` or
 * its nearest base made from a spec; the fast case (the class's own type)
 * inline. Never NULL once a module object exists: rsbind_state_any's last
 * resort is the process's first module object's (rsbind_primary_state). */
void *rsbind_type_state_slow(PyTypeObject *type, PyModuleDef *def);
static inline void *
rsbind_type_state(PyTypeObject *type, PyModuleDef *def)
{
#ifndef Py_LIMITED_API
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        PyObject *module = ((PyHeapTypeObject *)type)->ht_module;
        if (module != NULL && PyModule_GetDef(module) == def) {
            return PyModule_GetState(module);
        }
    }
#endif
    return rsbind_type_state_slow(type, def);
}

/* The module state for `obj`: obj itself when it is the module, else the
 * state of obj's class (obj a type, or an object), an IntEnum class's through
 * its `_rsbind_module` attribute; the primary state when none is found
 * (an object the module did not make). */
void *rsbind_state_any(PyObject *obj, PyModuleDef *def);

/* The state of the first module object exec'd in the process, which is kept
 * for its lifetime: the last resort of rsbind_state_any, which no call path
 * of a generated module reaches (each has its module object at hand). */
extern void *rsbind_primary_state;

/* PyType_FromModuleAndSpec with one base (NULL: object); 3.9 wants a tuple. */
PyObject *rsbind_type_from_module_spec(PyObject *module, PyType_Spec *spec, PyObject *base);

/* Adds `defs` to `ns` (a submodule) as functions whose self is `module` (the
 * root module object, whose state they read). 0 or -1. */
int rsbind_add_functions(PyObject *ns, PyMethodDef *defs, PyObject *module);

/* ---- Live module attributes (statics of atomics, Mutex, RwLock) ----
 * A module whose class is rsbind's module subtype reads and writes these
 * attributes through the getter and setter. */
typedef struct rsbind_live_attr {
    const char *name;
    /* Given the root module object (whose state they use): */
    PyObject *(*get)(PyObject *root);               /* new reference or NULL */
    int (*set)(PyObject *root, PyObject *value);    /* 0 or -1 */
} rsbind_live_attr;

/* Makes `module` (the root module object `root`, or a submodule of it) read
 * and write `attrs` (nattrs of them, a static array that outlives the module)
 * live: swaps the module's __class__ for a ModuleType subclass whose
 * attribute access consults the table first. Returns 0 or -1. */
int rsbind_module_set_live(PyObject *module, const rsbind_live_attr *attrs, Py_ssize_t nattrs,
                           PyObject *root);

/* ---- Class constants ----
 * A descriptor for a class attribute that calls `read` (new reference or NULL)
 * on every access, from the class or an instance: each read is a new object,
 * as each use of a Rust const is a new value, so changing it in place (`+=`,
 * a `&mut self` method) never changes the constant; `read` gets the class
 * (or the object's class) it is read from. New reference or NULL. */
PyObject *rsbind_const_attr(PyObject *(*read)(PyObject *owner));

/* ---- Argument parsing (METH_FASTCALL | METH_KEYWORDS) ---- */
typedef struct rsbind_sig {
    const char *func;            /* Python name, for messages */
    const char *const *names;    /* Python parameter names, nparams of them */
    Py_ssize_t nparams;
    Py_ssize_t nrequired;        /* parameters [nrequired, nparams) may be omitted */
} rsbind_sig;

/* Fills out[0..nparams) with borrowed references (NULL for an omitted optional
 * parameter). Raises TypeError like CPython for too many / missing arguments,
 * unknown keywords and duplicates. Returns 0 or -1. */
int rsbind_parse_args_slow(const rsbind_sig *sig, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames, PyObject **out);

/* Like rsbind_parse_args for a tp_new/tp_init style call (args tuple, kwargs
 * dict or NULL). Keyword names are kept alive by scope. */
int rsbind_parse_tuple_args(const rsbind_sig *sig, PyObject *args, PyObject *kwargs, PyObject **out,
                            rsbind_scope *scope);

/* A METH_FASTCALL | METH_KEYWORDS function: a method's C function. */
typedef PyObject *(*rsbind_fastcall)(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                     PyObject *kwnames);

/* An argument bound from `impl Into<T>`: one that is not a T is made one by
 * the first of T's `From` classmethods (`makers`, called with `type` as their
 * class) that takes it (an object of T, `dealloc` its class's, of any module
 * object is kept as it is); the new object is kept by scope and *arg points to it.
 * When none takes it, *arg is left for the converter to report. Returns 0, or
 * -1 when a maker raised something other than a TypeError. */
int rsbind_made_arg(PyObject **arg, PyTypeObject *type, destructor dealloc, const rsbind_fastcall *makers,
                    size_t n, rsbind_scope *scope);

/* Sets each of `defs` on a class made by Python code (an enum.IntEnum, whose
 * type has no method table): instance methods and classmethods as method
 * descriptors of the class, METH_STATIC ones as staticmethods whose self is
 * `module` (whose state they read). Returns 0 or -1. */
int rsbind_add_methods(PyObject *cls, PyMethodDef *defs, PyObject *module);

/* Sets each of `defs` (METH_FASTCALL functions, without METH_STATIC) on a
 * class's type before it is frozen, as staticmethods whose self is `module`
 * (CPython calls a METH_STATIC function with none), so they find its state
 * as module functions do. Returns 0 or -1. */
int rsbind_add_static_methods(PyObject *cls, PyMethodDef *defs, PyObject *module);

/* Makes a class rsbind created immutable, as built-in types are, once its
 * attributes are set: Python code can't reassign them, and CPython 3.11+
 * then calls the class's vectorcall directly from the interpreter loop.
 * (Under the limited API the flag can't be set after creation: no-op.) */
void rsbind_type_freeze(PyObject *type);

/* An operator's method failed: true (and the error cleared) when it was a
 * TypeError, which converting its operand raises for an operand it does not
 * take, so the next method (or NotImplemented) is tried. */
bool rsbind_operand_mismatch(void);

/* One overload of a method failed: true (the error cleared, its message added
 * to *why, "; "-separated; *why a new reference or NULL) when it was a
 * TypeError, which converting the arguments raises for arguments it does not
 * take, so the next overload is tried; false (the error kept) otherwise. */
bool rsbind_overload_mismatch(PyObject **why);

/* No overload of `name` took the arguments: raises TypeError with each one's
 * reason, takes (decrefs) why. Returns NULL. */
PyObject *rsbind_no_overload(const char *name, PyObject *why);

/* ---- Converters: Python -> ABI (return 0, or -1 with an exception set) ---- */
int rsbind_bool_from_py_slow(PyObject *obj, bool *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_i8_from_py_slow(PyObject *obj, int8_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_i16_from_py_slow(PyObject *obj, int16_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_i32_from_py_slow(PyObject *obj, int32_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_i64_from_py_slow(PyObject *obj, int64_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_isize_from_py_slow(PyObject *obj, intptr_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_u8_from_py_slow(PyObject *obj, uint8_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_u16_from_py_slow(PyObject *obj, uint16_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_u32_from_py_slow(PyObject *obj, uint32_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_u64_from_py_slow(PyObject *obj, uint64_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_usize_from_py_slow(PyObject *obj, size_t *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_i128_from_py(PyObject *obj, rsbind_i128 *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_u128_from_py(PyObject *obj, rsbind_u128 *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_f32_from_py(PyObject *obj, float *out, rsbind_scope *scope, const rsbind_loc *loc);
int rsbind_f64_from_py_slow(PyObject *obj, double *out, rsbind_scope *scope, const rsbind_loc *loc);
/* A str of length 1 -> its code point (lone surrogates: UnicodeEncodeError). */
int rsbind_char_from_py(PyObject *obj, uint32_t *out, rsbind_scope *scope, const rsbind_loc *loc);
/* A str -> its UTF-8, borrowed from obj (valid while obj lives; the caller
 * keeps it): inline for an exact ASCII str, the rest in the runtime. */
int rsbind_str_from_py_slow(PyObject *obj, rsbind_str *out, rsbind_scope *scope, const rsbind_loc *loc);
/* A str or os.PathLike -> the file-system encoding of the path, kept alive by scope. */
int rsbind_path_from_py(PyObject *obj, rsbind_str *out, rsbind_scope *scope, const rsbind_loc *loc);
/* datetime.timedelta or seconds (int/float) -> Duration; negative: ValueError. */
int rsbind_duration_from_py(PyObject *obj, rsbind_duration *out, rsbind_scope *scope, const rsbind_loc *loc);
/* A timezone-aware datetime.datetime -> SystemTime; naive: ValueError. */
int rsbind_time_from_py(PyObject *obj, rsbind_time *out, rsbind_scope *scope, const rsbind_loc *loc);
/* Any sequence of exactly n items -> a PySequence_Fast object kept by scope; items
 * are then read with PySequence_Fast_GET_ITEM. Wrong length: ValueError. */
int rsbind_tuple_items_from_py(PyObject *obj, Py_ssize_t n, PyObject **fast, rsbind_scope *scope,
                               const rsbind_loc *loc);

/* ---- Converters: ABI -> Python (new reference, or NULL with an exception set).
 * Converters of owned values consume their input even when they fail. ---- */
PyObject *rsbind_i128_to_py(rsbind_i128 v);
PyObject *rsbind_u128_to_py(rsbind_u128 v);
PyObject *rsbind_f32_to_py(float v);
PyObject *rsbind_char_to_py(uint32_t v);

/* Rust OsString bytes -> pathlib.Path; frees the buffer. */
PyObject *rsbind_pathbuf_to_py(rsbind_string v);
PyObject *rsbind_duration_to_py(rsbind_duration v);
/* ipaddress.IPv4Address, or a str that parses, <-> std::net::Ipv4Addr as its u32. */
int rsbind_ipv4_from_py(PyObject *obj, uint32_t *out, rsbind_scope *scope, const rsbind_loc *loc);
PyObject *rsbind_ipv4_to_py(uint32_t v);
/* std::cmp::Ordering: -1, 0 or 1 (any other int: ValueError). */
int rsbind_ordering_from_py(PyObject *obj, int8_t *out, rsbind_scope *scope, const rsbind_loc *loc);
PyObject *rsbind_ordering_to_py(int8_t v);
PyObject *rsbind_time_to_py(rsbind_time v);

/* ---- Numeric vectors and buffers ----
 * Numbers and bools cross in bulk: an argument `&[f64]` borrows the memory of
 * any C-contiguous buffer of exactly that item type (numpy arrays,
 * array.array, memoryview, rsbind's own vectors) and falls back to converting
 * any sequence into a temporary array; a returned `Vec<f64>` stays in Rust's
 * memory inside a vector object (VecF64) that implements the sequence and buffer
 * protocols. One item kind per Rust type: */
typedef enum rsbind_item_kind {
    RSBIND_ITEM_I8, RSBIND_ITEM_I16, RSBIND_ITEM_I32, RSBIND_ITEM_I64, RSBIND_ITEM_ISIZE,
    RSBIND_ITEM_U8, RSBIND_ITEM_U16, RSBIND_ITEM_U32, RSBIND_ITEM_U64, RSBIND_ITEM_USIZE,
    RSBIND_ITEM_F32, RSBIND_ITEM_F64, RSBIND_ITEM_BOOL,
    RSBIND_ITEM_KINDS
} rsbind_item_kind;

/* A borrowed run of items handed to Rust for one call (`&[T]`, `Vec<T>` in). */
typedef struct rsbind_slice {
    const void *ptr;
    size_t len;
} rsbind_slice;

/* A writable borrowed run of items (`&mut [T]`). */
typedef struct rsbind_slice_mut {
    void *ptr;
    size_t len;
} rsbind_slice_mut;

/* A Rust Vec's parts (ptr, len, capacity in items), handed to C. */
typedef struct rsbind_vec {
    void *ptr;
    size_t len;
    size_t cap;
} rsbind_vec;

/* Defined by the Rust stubs (rsbind_rt.rs): frees a Vec's buffer of `cap` items
 * of `size` bytes aligned to `align`. Safe on ptr NULL or cap 0. */
extern void rsbind_vec_free(void *ptr, size_t cap, size_t size, size_t align);

/* Numbers in: a C-contiguous, aligned 1-D buffer whose format is exactly
 * `kind` (by kind and size: 'l' and 'q' are both i64 on LP64; the host's byte
 * order only) is borrowed, kept alive by scope; such a buffer that is strided
 * or misaligned is copied in one pass. A '?' buffer (numpy bool) is borrowed
 * too once every byte is checked to be 0 or 1 (else ValueError "<loc> item N
 * is not a valid bool (byte value 2)"). Else any sequence (not str/bytes) is
 * converted item by item into a PyMem array freed by scope (items are checked
 * like scalar arguments, errors name "item N"). Anything else: TypeError
 * "<loc> must be a buffer of f64 (format 'd') or a sequence of float, not int".
 * `expected_len` >= 0 demands that length ([T; N]): ValueError "<loc> must
 * have N items, not M". An empty run gets a non-NULL aligned dummy pointer.
 * A borrowed buffer that overlaps a `&mut` borrow of the same call (or, for
 * rsbind_numbers_mut_from_py, any borrow) is a RuntimeError "<loc> is already
 * mutably borrowed (it shares memory with another argument)".
 * Threads (all three converters): when scope->gil_released, a buffer that
 * Python code could write (anything but the memory of a `bytes` object, also
 * when the view offered is read-only) is copied at conversion instead of
 * borrowed, so no other thread can change what Rust holds; a `&mut [T]` gets a
 * private copy that rsbind_buffers_write_back copies into the buffer after the
 * call. The buffer stays acquired for the call either way (aliasing is checked
 * on its own memory, and a bytearray cannot be resized meanwhile). */
int rsbind_numbers_from_py(PyObject *obj, rsbind_item_kind kind, Py_ssize_t expected_len, rsbind_slice *out,
                           rsbind_scope *scope, const rsbind_loc *loc);
/* `&mut [T]`: a writable C-contiguous buffer of exactly `kind`; anything else is
 * a TypeError "<loc> must be a writable buffer of f64 (format 'd'), not list"
 * (when the exporter refused, e.g. read-only or strided, its exception is the
 * TypeError's __context__). A misaligned one: ValueError "<loc> buffer is not
 * aligned for f64". */
int rsbind_numbers_mut_from_py(PyObject *obj, rsbind_item_kind kind, rsbind_slice_mut *out, rsbind_scope *scope,
                               const rsbind_loc *loc);
/* Bytes in (`&[u8]`, `Vec<u8>`, `[u8; N]`): any buffer, as its raw bytes in C
 * order (bytes, bytearray, memoryview, array, ...), borrowed when contiguous,
 * else copied. Not a buffer: TypeError "<loc> must be a bytes-like object, not
 * str". `expected_len` as above. */
int rsbind_bytes_from_py(PyObject *obj, Py_ssize_t expected_len, rsbind_slice *out, rsbind_scope *scope,
                         const rsbind_loc *loc);
/* After a call without the GIL, once it is held again: copies every private
 * copy of a `&mut [T]` argument into its buffer (also when the call failed:
 * what Rust wrote is written, as into a borrowed buffer). Not after a failed
 * conversion, where no call was made. */
void rsbind_buffers_write_back(rsbind_scope *scope);
/* Numbers out: a new vector object (VecF64, ...) that owns the Rust Vec and
 * frees it with rsbind_vec_free when the object and every buffer view of it are
 * gone. Consumes v even on failure. Buffer format: the struct code of T
 * ('b' 'h' 'i' 'q' 'B' 'H' 'I' 'Q' 'f' 'd' '?'; isize/usize as 'l'/'L' where
 * long is pointer-sized, else 'q'/'Q', since numpy < 2 rejects 'n'/'N').
 * Python can also make one: VecF64(items=()) copies any `&[f64]` argument. */
PyObject *rsbind_numbers_to_py(rsbind_vec v, rsbind_item_kind kind);
/* Bytes out: a new `bytes`; frees the Rust Vec. */
PyObject *rsbind_bytes_to_py(rsbind_vec v);

/* Pickling (serde types). A pickle stub writes the value's data into the
 * buffer C lends (RSBIND_PICKLE_BUFFER bytes on the stack) while it fits and
 * returns {NULL, its length, 0}; data that does not fit comes back as a
 * Rust Vec. rsbind_pickle_data makes the `bytes` of either (freeing the Vec).
 * New reference or NULL. */
#define RSBIND_PICKLE_BUFFER 512
PyObject *rsbind_pickle_data(rsbind_vec out, const uint8_t *buffer);

/* A pickled value's `__reduce_ex__` result: (unpickler, (data,)), where
 * unpickler is the class of its module state whose call makes a value from
 * its data; pickle saves it by module and name, as it saves any class.
 * Steals data (NULL: returns NULL). New reference or NULL. */
PyObject *rsbind_pickle_reduce(PyObject *unpickler, PyObject *data);

/* An unpickler class of `module` from spec: called (through `vectorcall`,
 * or its tp_new under the limited API) it returns a value of the class it
 * unpickles; immutable. New reference or NULL. */
typedef PyObject *(*rsbind_vectorcall)(PyObject *callable, PyObject *const *args, size_t nargsf,
                                       PyObject *kwnames);
PyObject *rsbind_unpickler_type(PyObject *module, PyType_Spec *spec, rsbind_vectorcall vectorcall);

/* An exact bytes object's own memory (nothing to release): the data that
 * unpickling passes. Nonzero when obj was one. */
static inline int
rsbind_bytes_exact(PyObject *obj, rsbind_slice *out)
{
    if (!PyBytes_CheckExact(obj)) {
        return 0;
    }
    out->ptr = PyBytes_AS_STRING(obj);
    out->len = (size_t)PyBytes_GET_SIZE(obj);
    return 1;
}
/* The vector class of `kind` (VecF64, ...), created by rsbind_runtime_init. */
PyTypeObject *rsbind_vector_type(rsbind_item_kind kind);

/* General sequences in: obj must be a sequence (not str/bytes/bytearray) -> a
 * tuple (a PySequence_Fast object; copied from a list, so conversions that run
 * Python code cannot change it under the caller) kept by scope, whose items the
 * caller converts, and a zeroed PyMem array of n * item_size bytes (at least
 * one) freed by scope. Non-sequence: TypeError "<loc> must be list, not int".
 * `expected_len` as above. */
int rsbind_seq_from_py(PyObject *obj, Py_ssize_t expected_len, size_t item_size, PyObject **fast, void **items,
                       Py_ssize_t *n, rsbind_scope *scope, const rsbind_loc *loc);
/* Mappings in: a dict, or any mapping with items() -> a new list of (key, value)
 * 2-tuples kept by scope, and a PyMem array as above. Not a mapping: TypeError
 * "<loc> must be dict, not list". */
int rsbind_map_from_py(PyObject *obj, size_t item_size, PyObject **items_list, void **items, Py_ssize_t *n,
                       rsbind_scope *scope, const rsbind_loc *loc);
/* An argument bound from `impl IntoIterator`: any iterable. One that is not a
 * list, tuple, str or buffer is read into a new list kept by scope, and *obj
 * then points to it; the converter reports anything else. Returns 0 or -1. */
int rsbind_iterable_arg(PyObject **obj, rsbind_scope *scope);
/* Sets in: any iterable (not str/bytes/bytearray) -> a new list kept by scope,
 * and a PyMem array. Else TypeError "<loc> must be set, not int". */
int rsbind_iterable_from_py(PyObject *obj, size_t item_size, PyObject **list, void **items, Py_ssize_t *n,
                            rsbind_scope *scope, const rsbind_loc *loc);
/* Keeps a PyMem buffer until the scope is released. Returns 0, or -1 (freed,
 * MemoryError). mem NULL is taken as a failed allocation: -1 (MemoryError set
 * unless an exception already is). */
int rsbind_scope_keep_mem(rsbind_scope *scope, void *mem);

/* ---- Callables called from Rust (rsbind_callbacks.c) ----
 * A callable argument crosses as an rsbind_handle, kept by the call's scope;
 * the Rust closure made for it holds its own reference. Each callable
 * parameter has a trampoline in module.c that Rust calls with the arguments'
 * ABI values: it takes the GIL in the handle's interpreter, converts them
 * (class objects of the handle's module object), calls the callable and
 * converts its result. The functions Rust calls (marked "Rust:") take the
 * GIL themselves. */

/* A Python callable, or a Python object used as a trait object, as Rust
 * holds it: with the module object whose call received it (a strong
 * reference; its state makes the objects handed to the callable) and that
 * call's interpreter (a sub-interpreter's callable runs in it, whichever
 * thread Rust calls from). */
typedef struct rsbind_handle {
    PyObject_HEAD
    PyObject *object;
    PyObject *module;
    void *state;
    PyInterpreterState *interp;
} rsbind_handle;

#define RSBIND_HANDLE_OBJECT(handle) (((rsbind_handle *)(handle))->object)
#define RSBIND_HANDLE_STATE(handle) (((rsbind_handle *)(handle))->state)

/* Not callable: TypeError "<loc> must be callable, not int". Else *out is a
 * new handle of obj, which scope keeps for the call. */
int rsbind_callable_from_py(PyObject *obj, void **out, rsbind_scope *scope, const rsbind_loc *loc);
/* Rust: 1 when this thread holds the GIL, 0 when not, -1 when the C API
 * can't tell (the limited API): the panic hook's test of whether a panic
 * happened inside a stub call (rsbind_rt.rs, quiet_caught_panics). */
int rsbind_gil_held(void);

/* Whether this thread holds the GIL; false when the limited API can't tell.
 * The thread state holding the GIL (global before 3.12, this thread's after)
 * belongs to this thread: no TSS lookup, where PyGILState_Ensure/Release
 * make two and PyGILState_Check answers yes for every thread once a
 * sub-interpreter was made (3.11 and older). */
static inline bool
rsbind_gil_held_here(void)
{
#ifdef Py_LIMITED_API
    return false;
#else
    PyThreadState *holder = _PyThreadState_UncheckedGet();
    return holder != NULL && holder->thread_id == PyThread_get_thread_ident();
#endif
}

/* The GIL for a callable's call from Rust: taken only when this thread does
 * not hold it already (a callable called during the call that received it,
 * the common case, then costs no PyGILState_Ensure), in the interpreter
 * `interp` (NULL: the thread's own, else the main one): this thread's
 * thread state of it when it has one (PyGILState_Ensure), else a new one
 * made for the call (a sub-interpreter's callable on a thread of Rust's). */
typedef struct rsbind_gil {
    bool taken;
    PyGILState_STATE state;
    PyThreadState *own;
} rsbind_gil;

rsbind_gil rsbind_gil_take(PyInterpreterState *interp);
void rsbind_gil_drop(rsbind_gil gil);

static inline rsbind_gil
rsbind_gil_ensure(PyInterpreterState *interp)
{
    rsbind_gil gil = {false, PyGILState_UNLOCKED, NULL};
    if (!rsbind_gil_held_here()) {
        gil = rsbind_gil_take(interp);
    }
    return gil;
}

static inline void
rsbind_gil_release(rsbind_gil gil)
{
    if (gil.taken) {
        rsbind_gil_drop(gil);
    }
}
/* The Rust runtime's init (its panic hook), run by rsbind_runtime_init. */
RSBIND_STUB void rsbind_rt_init(void);
/* Rust: a reference more / one less to a handle, from any thread. */
void rsbind_py_incref(void *handle);
void rsbind_py_decref(void *handle);
/* The exception being raised, taken out whole (new reference, traceback
 * set; a SystemError when none is set): the error indicator is cleared. */
PyObject *rsbind_exc_take(void);
/* Raises exc again, the same object with its traceback; steals exc. */
void rsbind_exc_restore(PyObject *exc);
/* Rust: an exception no Rust call of this module receives (a callback
 * failed on a thread of Rust's own): PyErr_WriteUnraisable; steals exc. */
void rsbind_exc_unraisable(void *exc);
/* After a failed conversion: *exc takes the exception when it has none yet,
 * else the new one is cleared (the first failure wins). */
void rsbind_exc_collect(PyObject **exc);
/* Calls callable with args[0..n) (new references, NULL where a conversion
 * failed, which then set *exc), and releases them. New reference, or NULL
 * with *exc set and no exception raised. */
PyObject *rsbind_callback_call_slow(PyObject *callable, PyObject **args, size_t n, PyObject **exc);
/* rsbind_callback_call_slow's common case inline: every argument converted,
 * and vectorcall there (not the limited API before 3.12). */
static inline PyObject *
rsbind_callback_call(PyObject *callable, PyObject **args, size_t n, PyObject **exc)
{
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000
    if (*exc == NULL) {
        PyObject *result = PyObject_Vectorcall(callable, args, n, NULL);
        for (size_t i = 0; i < n; i++) {
            Py_DECREF(args[i]);
        }
        if (result == NULL) {
            *exc = rsbind_exc_take();
        }
        return result;
    }
#endif
    return rsbind_callback_call_slow(callable, args, n, exc);
}

/* A callable's result whose converted value borrows from it (a str's UTF-8,
 * a list's items): kept, with the conversion's scope, until Rust has made
 * its own value and calls rsbind_callback_release. */
typedef struct rsbind_callback_frame {
    rsbind_scope scope;
    PyObject *result;
    PyInterpreterState *interp;
} rsbind_callback_frame;

/* Steals result; NULL (MemoryError, result released) when out of memory.
 * The frame's scope converts for `handle`'s module object. */
rsbind_callback_frame *rsbind_callback_frame_new(PyObject *result, void *handle);
void rsbind_callback_frame_free(rsbind_callback_frame *frame);
/* Rust: rsbind_callback_frame_free with the GIL taken. */
void rsbind_callback_release(void *frame);

/* ---- Trait objects (rsbind_callbacks.c) ----
 * A trait object argument (`&dyn Shape`, `Box<dyn Shape>`, ...) crosses as
 * an rsbind_dyn: an object of a bound class implementing the trait passes
 * its value (kind: the class's index in the trait's list of implementors,
 * converted by the class's own converter: borrowed, cloned or moved); any
 * other object passes itself, borrowed (kind -1), and Rust holds its own
 * reference in a generated type whose methods call the object's methods
 * through trampolines of module.c, as callables are called. */
typedef struct rsbind_dyn {
    int32_t kind;
    void *ptr;
} rsbind_dyn;

#define RSBIND_DYN_PYTHON (-1)

/* A Python object as a trait object: TypeError "<loc> lacks the method
 * 'area' of the trait Shape" when it lacks one of required[0..n) (the methods
 * without a default), else out->ptr is a new handle of obj (kept by scope),
 * out->kind RSBIND_DYN_PYTHON. */
int rsbind_trait_from_py(PyObject *obj, rsbind_dyn *out, const char *trait, const char *const *required,
                         size_t n, rsbind_scope *scope, const rsbind_loc *loc);
/* Rust: whether handle's object has the attribute name, with the GIL taken
 * (a default method of the trait runs when the object lacks it). */
bool rsbind_py_hasattr(void *handle, const char *name);
/* rsbind_callback_call of obj's attribute name (looked up at each call). */
PyObject *rsbind_method_call(PyObject *obj, const char *name, PyObject **args, size_t n, PyObject **exc);
/* A value lent to a Python callable (`&dyn Trait`, `&mut dyn Trait`, `&mut
 * T` of a bound class): obj, an object of the trait's class of returned
 * trait objects whose value (a box) points to Rust's, or of the class
 * whose value is Rust's own (drop NULL: nothing is dropped; both plain
 * rsbind_objects), becomes a view valid
 * while the callable runs: never moved into Rust, read-only for a `&dyn`
 * (it holds a shared borrow of itself). Returns a new reference to obj (NULL
 * for NULL), which rsbind_lent_end takes once the callable has returned: it
 * waits (the GIL released) until no other thread is inside a method of obj,
 * drops obj's value with the class's `drop` stub and leaves obj empty, so
 * that using it raises RuntimeError ("... is a view whose borrow has ended"). */
/* A callable returning `Result<T, E>` raised exc: when exc is an instance
 * of E's class `type` (an exception class of the crate) holding a value,
 * *value is that value for Rust's `Err`: borrowed (shared) when `clone`
 * (returns 1: Rust clones it), else moved out of exc (returns 2); any other
 * exception returns 0 (it propagates). rsbind_callback_err_done(handle, exc,
 * how) (Rust calls it, it takes the GIL of the callable's interpreter) ends
 * the borrow and releases exc. */
int rsbind_callback_err_value(PyObject *exc, PyTypeObject *type, bool clone, void **value);
void rsbind_callback_err_done(void *handle, void *exc, int how);
/* A lent object refuses views, iterators and `&'static` borrows of it
 * (RuntimeError): they would outlive its end. */
typedef bool (*rsbind_drop_fn)(void *rust, uint8_t *out, rsbind_error *err);
PyObject *rsbind_lend(PyObject *obj, bool read_only);
void rsbind_lent_end(PyObject *obj, rsbind_drop_fn drop, bool read_only);
/* The trait's Python class, made at import by running source (Python code
 * defining it, in a namespace whose __name__ is module): new reference. */
PyObject *rsbind_trait_class(const char *module, const char *source, const char *name);

/* ---- Errors ---- */
/* Import-time guard: 0 when the running interpreter is the version the module
 * was compiled for (same major.minor), else -1 with an ImportError naming the
 * version required and the one running. Call first in PyInit. */
int rsbind_check_interpreter(const char *module);
/* In a module that calls Python from Rust: an ImportError in a
 * sub-interpreter where the abi3 build cannot take the GIL soundly (before
 * 3.12). Call from the exec slot. */
int rsbind_check_subinterpreter_callbacks(const char *module);
/* Module-wide setup: imports datetime's C API and pathlib.Path, and creates the
 * vector classes (rsbind_vector_type). Call from PyInit. */
int rsbind_runtime_init(void);
/* Raises the Python exception for a failed stub call and frees err's message.
 * crate_classes[i] is the exception class of the crate error with class_index i;
 * rust_panic is the module's RustPanic class. Always returns NULL. */
PyObject *rsbind_raise(rsbind_error *err, PyObject *const *crate_classes, PyObject *rust_panic);

/* ---- Fast paths, inlined into each call of module.c ----
 * The common case of every call (positional arguments, exact ints and floats,
 * nothing to release) costs no function call into this runtime. */

static inline void
rsbind_scope_init(rsbind_scope *scope)
{
    scope->refs = scope->inline_refs;
    scope->len = 0;
    scope->cap = (Py_ssize_t)(sizeof(scope->inline_refs) / sizeof(scope->inline_refs[0]));
    scope->borrows = scope->inline_borrows;
    scope->nborrows = 0;
    scope->borrows_cap = (Py_ssize_t)(sizeof(scope->inline_borrows) / sizeof(scope->inline_borrows[0]));
    scope->takes = scope->inline_takes;
    scope->ntakes = 0;
    scope->takes_cap = (Py_ssize_t)(sizeof(scope->inline_takes) / sizeof(scope->inline_takes[0]));
    scope->nmems = 0;
    scope->gil_released = false;
    scope->buffers = NULL;
    scope->state = NULL;
}

/* The calls that convert callables or trait objects name their module state. */
static inline void
rsbind_scope_set_state(rsbind_scope *scope, void *state)
{
    scope->state = state;
}

static inline void
rsbind_scope_release(rsbind_scope *scope)
{
    if (scope->len == 0 && scope->ntakes == 0 && scope->nmems == 0 && scope->buffers == NULL
        && scope->refs == scope->inline_refs
        && scope->borrows == scope->inline_borrows && scope->takes == scope->inline_takes) {
        /* Nothing, or only borrows in the inline array (a class argument):
         * ended here as rsbind_scope_release_slow ends them, each entry popped
         * before its owner is released. */
        while (scope->nborrows > 0) {
            rsbind_scope_borrow_entry entry = scope->borrows[--scope->nborrows];
            entry.slot->borrow = entry.exclusive ? 0 : entry.slot->borrow - 1;
            Py_XDECREF(entry.owner);
        }
        return;
    }
    rsbind_scope_release_slow(scope);
}

/* The common case of rsbind_scope_borrow_slow (declared above): a live value,
 * no conflicting borrow, room in the scope's array. */
static inline int
rsbind_scope_borrow(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot, bool exclusive,
                    const char *type_name, const rsbind_loc *loc)
{
    if (slot->rust != NULL && (exclusive ? slot->borrow == 0 : (slot->borrow >= 0 && slot->borrow < RSBIND_BORROW_MAX))
        && scope->nborrows < scope->borrows_cap) {
        rsbind_scope_borrow_entry *entry = &scope->borrows[scope->nborrows++];
        Py_XINCREF(owner);
        entry->owner = owner;
        entry->slot = slot;
        entry->exclusive = exclusive;
        slot->borrow = exclusive ? -1 : slot->borrow + 1;
        return 0;
    }
    return rsbind_scope_borrow_slow(scope, owner, slot, exclusive, type_name, loc);
}

/* The arguments in parameter order without a copy when they came
 * positionally and in full: `args` itself (only read on that path: every
 * argument is there, so no default is filled in); else `buffer`, filled by
 * the slow path. NULL with an exception set. (Copying two pointers into a
 * local array makes compilers store them as one 16-byte vector, whose halves
 * then load through a stalled store forward: ~6 ns a call.) */
static inline PyObject **
rsbind_args_in_place(const rsbind_sig *sig, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                     PyObject **buffer)
{
    if (RSBIND_LIKELY(kwnames == NULL && nargs == sig->nparams)) {
        return (PyObject **)args;
    }
    return rsbind_parse_args_slow(sig, args, nargs, kwnames, buffer) < 0 ? NULL : buffer;
}

static inline int
rsbind_parse_args(const rsbind_sig *sig, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                  PyObject **out)
{
    if (RSBIND_LIKELY(kwnames == NULL && nargs == sig->nparams)) {
        for (Py_ssize_t i = 0; i < nargs; i++) {
            out[i] = args[i];
        }
        return 0;
    }
    return rsbind_parse_args_slow(sig, args, nargs, kwnames, out);
}

/* An exact int within range converts here; anything else (subclasses,
 * __index__, errors) takes the runtime's path. */
#define RSBIND_INT_FAST(name, ctype, in_range)                                                \
    static inline int rsbind_##name##_from_py(PyObject *obj, ctype *out, rsbind_scope *scope, \
                                              const rsbind_loc *loc)                          \
    {                                                                                         \
        if (RSBIND_LIKELY(PyLong_CheckExact(obj))) {                                          \
            long long v;                                                                      \
            if (!RSBIND_LIKELY(rsbind_compact_long(obj, &v))) {                               \
                int overflow;                                                                 \
                v = PyLong_AsLongLongAndOverflow(obj, &overflow);                             \
                /* -1 may be an error: the slow path tells. */                                \
                if (overflow != 0 || v == -1) {                                               \
                    return rsbind_##name##_from_py_slow(obj, out, scope, loc);                \
                }                                                                             \
            }                                                                                 \
            if (RSBIND_LIKELY(in_range)) {                                                    \
                *out = (ctype)v;                                                              \
                return 0;                                                                     \
            }                                                                                 \
        }                                                                                     \
        return rsbind_##name##_from_py_slow(obj, out, scope, loc);                            \
    }

RSBIND_INT_FAST(i8, int8_t, v >= INT8_MIN && v <= INT8_MAX)
RSBIND_INT_FAST(i16, int16_t, v >= INT16_MIN && v <= INT16_MAX)
RSBIND_INT_FAST(i32, int32_t, v >= INT32_MIN && v <= INT32_MAX)
RSBIND_INT_FAST(i64, int64_t, 1)
RSBIND_INT_FAST(isize, intptr_t, v >= INTPTR_MIN && v <= INTPTR_MAX)
RSBIND_INT_FAST(u8, uint8_t, v >= 0 && v <= UINT8_MAX)
RSBIND_INT_FAST(u16, uint16_t, v >= 0 && v <= UINT16_MAX)
RSBIND_INT_FAST(u32, uint32_t, v >= 0 && v <= (long long)UINT32_MAX)
RSBIND_INT_FAST(u64, uint64_t, v >= 0)
RSBIND_INT_FAST(usize, size_t, v >= 0 && (unsigned long long)v <= SIZE_MAX)

static inline int
rsbind_f64_from_py(PyObject *obj, double *out, rsbind_scope *scope, const rsbind_loc *loc)
{
    if (PyFloat_CheckExact(obj)) {
        *out = PyFloat_AS_DOUBLE(obj);
        return 0;
    }
    return rsbind_f64_from_py_slow(obj, out, scope, loc);
}

static inline int
rsbind_bool_from_py(PyObject *obj, bool *out, rsbind_scope *scope, const rsbind_loc *loc)
{
    if (obj == Py_True || obj == Py_False) {
        *out = obj == Py_True;
        return 0;
    }
    return rsbind_bool_from_py_slow(obj, out, scope, loc);
}

static inline int
rsbind_str_from_py(PyObject *obj, rsbind_str *out, rsbind_scope *scope, const rsbind_loc *loc)
{
    const char *utf8;
    Py_ssize_t len;

    if (PyUnicode_CheckExact(obj) && rsbind_ascii_utf8(obj, &utf8, &len)) {
        out->ptr = utf8;
        out->len = (size_t)len;
        return 0;
    }
    return rsbind_str_from_py_slow(obj, out, scope, loc);
}

/* OverflowError for a Rust buffer too large for Python (Rust allocations
 * never exceed isize::MAX bytes, but the ABI says size_t). Returns -1. */
int rsbind_buffer_too_large(void);

/* Rust String (valid UTF-8) -> str; frees the buffer. Inline: every returned
 * string takes it. */
static inline PyObject *
rsbind_string_to_py(rsbind_string v)
{
    PyObject *result = NULL;

    if (v.len > (size_t)PY_SSIZE_T_MAX) {
        rsbind_buffer_too_large();
    }
    else {
        /* An empty Rust String may carry a NULL (or dangling) pointer. */
        result = PyUnicode_DecodeUTF8(v.len == 0 ? "" : v.ptr, (Py_ssize_t)v.len, "strict");
    }
    rsbind_string_free(v);
    return result;
}

static inline PyObject *rsbind_bool_to_py(bool v) { return PyBool_FromLong(v); }
static inline PyObject *rsbind_i8_to_py(int8_t v) { return PyLong_FromLong(v); }
static inline PyObject *rsbind_i16_to_py(int16_t v) { return PyLong_FromLong(v); }
static inline PyObject *rsbind_i32_to_py(int32_t v) { return PyLong_FromLong(v); }
static inline PyObject *rsbind_i64_to_py(int64_t v) { return PyLong_FromLongLong(v); }
static inline PyObject *rsbind_isize_to_py(intptr_t v) { return PyLong_FromSsize_t((Py_ssize_t)v); }
static inline PyObject *rsbind_u8_to_py(uint8_t v) { return PyLong_FromLong(v); }
static inline PyObject *rsbind_u16_to_py(uint16_t v) { return PyLong_FromLong(v); }
static inline PyObject *rsbind_u32_to_py(uint32_t v) { return PyLong_FromUnsignedLong(v); }
static inline PyObject *rsbind_u64_to_py(uint64_t v) { return PyLong_FromUnsignedLongLong(v); }
static inline PyObject *rsbind_usize_to_py(size_t v) { return PyLong_FromSize_t(v); }
static inline PyObject *rsbind_f64_to_py(double v) { return PyFloat_FromDouble(v); }
/* Borrows an object's own value (`self`) for one call. No reference is kept:
 * the caller holds one for the whole call. The common case is inline; a moved
 * value or a conflicting borrow raises the runtime's errors. Returns 0 or -1. */
/* The rest of rsbind_self_borrow and rsbind_arg_borrow: the borrow, or the
 * error (a moved value, a conflicting borrow, a count at its limit; loc names
 * the argument, NULL for self). Returns 0 or -1. */
int rsbind_borrow_slow(PyObject *obj, rsbind_slot *slot, bool exclusive, const char *type_name,
                       const rsbind_loc *loc);

static inline int
rsbind_self_borrow(PyObject *self, rsbind_slot *slot, bool exclusive, const char *type_name)
{
    if (slot->rust != NULL && (exclusive ? slot->borrow == 0 : (slot->borrow >= 0 && slot->borrow < RSBIND_BORROW_MAX))) {
        slot->borrow = exclusive ? -1 : slot->borrow + 1;
        return 0;
    }
    return rsbind_borrow_slow(self, slot, exclusive, type_name, NULL);
}

/* rsbind_self_borrow for an argument (loc names it in errors), in a call
 * without a scope: the caller's reference keeps obj, and the call ends the
 * borrow with rsbind_self_release. */
static inline int
rsbind_arg_borrow(PyObject *obj, rsbind_slot *slot, bool exclusive, const char *type_name,
                  const rsbind_loc *loc)
{
    if (slot->rust != NULL && (exclusive ? slot->borrow == 0 : (slot->borrow >= 0 && slot->borrow < RSBIND_BORROW_MAX))) {
        slot->borrow = exclusive ? -1 : slot->borrow + 1;
        return 0;
    }
    return rsbind_borrow_slow(obj, slot, exclusive, type_name, loc);
}

/* rsbind_self_borrow for a call during which no Python code runs (see
 * CallView's self_check): whether the borrow could be taken; it is not. */
static inline int
rsbind_self_check(PyObject *self, rsbind_slot *slot, bool exclusive, const char *type_name)
{
    if (RSBIND_LIKELY(slot->rust != NULL && (exclusive ? slot->borrow == 0 : slot->borrow >= 0))) {
        return 0;
    }
    if (rsbind_borrow_slow(self, slot, exclusive, type_name, NULL) < 0) {
        return -1;
    }
    slot->borrow = exclusive ? 0 : slot->borrow - 1;
    return 0;
}

/* Ends a borrow of rsbind_self_borrow. */
static inline void
rsbind_self_release(rsbind_slot *slot, bool exclusive)
{
    slot->borrow = exclusive ? 0 : slot->borrow - 1;
}

/* v is always 0: () as a C byte. */
static inline PyObject *rsbind_unit_to_py(uint8_t v)
{
    (void)v;
    Py_RETURN_NONE;
}

/* rsbind layout table: begin (generated from compiler/src/backend/runtime_layout.rs) ----
 * Every struct exchanged with the Rust runtime, whose rsbind_rt.rs asserts the
 * same numbers: a struct that changes on one side only fails the build. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(rsbind_str) == 16, "rsbind_str: size differs from RsbindStr");
_Static_assert(RSBIND_ALIGNOF(rsbind_str) == 8, "rsbind_str: alignment differs from RsbindStr");
_Static_assert(offsetof(rsbind_str, ptr) == 0, "rsbind_str.ptr: offset differs from RsbindStr");
_Static_assert(offsetof(rsbind_str, len) == 8, "rsbind_str.len: offset differs from RsbindStr");
_Static_assert(sizeof(rsbind_string) == 24, "rsbind_string: size differs from RsbindString");
_Static_assert(RSBIND_ALIGNOF(rsbind_string) == 8, "rsbind_string: alignment differs from RsbindString");
_Static_assert(offsetof(rsbind_string, ptr) == 0, "rsbind_string.ptr: offset differs from RsbindString");
_Static_assert(offsetof(rsbind_string, len) == 8, "rsbind_string.len: offset differs from RsbindString");
_Static_assert(offsetof(rsbind_string, cap) == 16, "rsbind_string.cap: offset differs from RsbindString");
_Static_assert(sizeof(rsbind_seq_parts) == 24, "rsbind_seq_parts: size differs from RsbindSeqParts");
_Static_assert(RSBIND_ALIGNOF(rsbind_seq_parts) == 8, "rsbind_seq_parts: alignment differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, ptr) == 0, "rsbind_seq_parts.ptr: offset differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, len) == 8, "rsbind_seq_parts.len: offset differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, stride) == 16, "rsbind_seq_parts.stride: offset differs from RsbindSeqParts");
_Static_assert(sizeof(rsbind_u128) == 16, "rsbind_u128: size differs from RsbindU128");
_Static_assert(RSBIND_ALIGNOF(rsbind_u128) == 8, "rsbind_u128: alignment differs from RsbindU128");
_Static_assert(offsetof(rsbind_u128, lo) == 0, "rsbind_u128.lo: offset differs from RsbindU128");
_Static_assert(offsetof(rsbind_u128, hi) == 8, "rsbind_u128.hi: offset differs from RsbindU128");
_Static_assert(sizeof(rsbind_i128) == 16, "rsbind_i128: size differs from RsbindI128");
_Static_assert(RSBIND_ALIGNOF(rsbind_i128) == 8, "rsbind_i128: alignment differs from RsbindI128");
_Static_assert(offsetof(rsbind_i128, lo) == 0, "rsbind_i128.lo: offset differs from RsbindI128");
_Static_assert(offsetof(rsbind_i128, hi) == 8, "rsbind_i128.hi: offset differs from RsbindI128");
_Static_assert(sizeof(rsbind_duration) == 16, "rsbind_duration: size differs from RsbindDuration");
_Static_assert(RSBIND_ALIGNOF(rsbind_duration) == 8, "rsbind_duration: alignment differs from RsbindDuration");
_Static_assert(offsetof(rsbind_duration, secs) == 0, "rsbind_duration.secs: offset differs from RsbindDuration");
_Static_assert(offsetof(rsbind_duration, nanos) == 8, "rsbind_duration.nanos: offset differs from RsbindDuration");
_Static_assert(sizeof(rsbind_time) == 16, "rsbind_time: size differs from RsbindTime");
_Static_assert(RSBIND_ALIGNOF(rsbind_time) == 8, "rsbind_time: alignment differs from RsbindTime");
_Static_assert(offsetof(rsbind_time, secs) == 0, "rsbind_time.secs: offset differs from RsbindTime");
_Static_assert(offsetof(rsbind_time, nanos) == 8, "rsbind_time.nanos: offset differs from RsbindTime");
_Static_assert(sizeof(rsbind_error) == 48, "rsbind_error: size differs from RsbindError");
_Static_assert(RSBIND_ALIGNOF(rsbind_error) == 8, "rsbind_error: alignment differs from RsbindError");
_Static_assert(offsetof(rsbind_error, kind) == 0, "rsbind_error.kind: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, class_index) == 4, "rsbind_error.class_index: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, os_errno) == 8, "rsbind_error.os_errno: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, message) == 16, "rsbind_error.message: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, value) == 40, "rsbind_error.value: offset differs from RsbindError");
_Static_assert(sizeof(rsbind_slice) == 16, "rsbind_slice: size differs from RsbindSlice<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_slice) == 8, "rsbind_slice: alignment differs from RsbindSlice<u8>");
_Static_assert(offsetof(rsbind_slice, ptr) == 0, "rsbind_slice.ptr: offset differs from RsbindSlice<u8>");
_Static_assert(offsetof(rsbind_slice, len) == 8, "rsbind_slice.len: offset differs from RsbindSlice<u8>");
_Static_assert(sizeof(rsbind_slice_mut) == 16, "rsbind_slice_mut: size differs from RsbindSliceMut<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_slice_mut) == 8, "rsbind_slice_mut: alignment differs from RsbindSliceMut<u8>");
_Static_assert(offsetof(rsbind_slice_mut, ptr) == 0, "rsbind_slice_mut.ptr: offset differs from RsbindSliceMut<u8>");
_Static_assert(offsetof(rsbind_slice_mut, len) == 8, "rsbind_slice_mut.len: offset differs from RsbindSliceMut<u8>");
_Static_assert(sizeof(rsbind_vec) == 24, "rsbind_vec: size differs from RsbindVec<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_vec) == 8, "rsbind_vec: alignment differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, ptr) == 0, "rsbind_vec.ptr: offset differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, len) == 8, "rsbind_vec.len: offset differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, cap) == 16, "rsbind_vec.cap: offset differs from RsbindVec<u8>");
#elif UINTPTR_MAX == UINT32_MAX
_Static_assert(sizeof(rsbind_str) == 8, "rsbind_str: size differs from RsbindStr");
_Static_assert(RSBIND_ALIGNOF(rsbind_str) == 4, "rsbind_str: alignment differs from RsbindStr");
_Static_assert(offsetof(rsbind_str, ptr) == 0, "rsbind_str.ptr: offset differs from RsbindStr");
_Static_assert(offsetof(rsbind_str, len) == 4, "rsbind_str.len: offset differs from RsbindStr");
_Static_assert(sizeof(rsbind_string) == 12, "rsbind_string: size differs from RsbindString");
_Static_assert(RSBIND_ALIGNOF(rsbind_string) == 4, "rsbind_string: alignment differs from RsbindString");
_Static_assert(offsetof(rsbind_string, ptr) == 0, "rsbind_string.ptr: offset differs from RsbindString");
_Static_assert(offsetof(rsbind_string, len) == 4, "rsbind_string.len: offset differs from RsbindString");
_Static_assert(offsetof(rsbind_string, cap) == 8, "rsbind_string.cap: offset differs from RsbindString");
_Static_assert(sizeof(rsbind_seq_parts) == 12, "rsbind_seq_parts: size differs from RsbindSeqParts");
_Static_assert(RSBIND_ALIGNOF(rsbind_seq_parts) == 4, "rsbind_seq_parts: alignment differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, ptr) == 0, "rsbind_seq_parts.ptr: offset differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, len) == 4, "rsbind_seq_parts.len: offset differs from RsbindSeqParts");
_Static_assert(offsetof(rsbind_seq_parts, stride) == 8, "rsbind_seq_parts.stride: offset differs from RsbindSeqParts");
_Static_assert(sizeof(rsbind_error) == 28, "rsbind_error: size differs from RsbindError");
_Static_assert(RSBIND_ALIGNOF(rsbind_error) == 4, "rsbind_error: alignment differs from RsbindError");
_Static_assert(offsetof(rsbind_error, kind) == 0, "rsbind_error.kind: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, class_index) == 4, "rsbind_error.class_index: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, os_errno) == 8, "rsbind_error.os_errno: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, message) == 12, "rsbind_error.message: offset differs from RsbindError");
_Static_assert(offsetof(rsbind_error, value) == 24, "rsbind_error.value: offset differs from RsbindError");
_Static_assert(sizeof(rsbind_slice) == 8, "rsbind_slice: size differs from RsbindSlice<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_slice) == 4, "rsbind_slice: alignment differs from RsbindSlice<u8>");
_Static_assert(offsetof(rsbind_slice, ptr) == 0, "rsbind_slice.ptr: offset differs from RsbindSlice<u8>");
_Static_assert(offsetof(rsbind_slice, len) == 4, "rsbind_slice.len: offset differs from RsbindSlice<u8>");
_Static_assert(sizeof(rsbind_slice_mut) == 8, "rsbind_slice_mut: size differs from RsbindSliceMut<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_slice_mut) == 4, "rsbind_slice_mut: alignment differs from RsbindSliceMut<u8>");
_Static_assert(offsetof(rsbind_slice_mut, ptr) == 0, "rsbind_slice_mut.ptr: offset differs from RsbindSliceMut<u8>");
_Static_assert(offsetof(rsbind_slice_mut, len) == 4, "rsbind_slice_mut.len: offset differs from RsbindSliceMut<u8>");
_Static_assert(sizeof(rsbind_vec) == 12, "rsbind_vec: size differs from RsbindVec<u8>");
_Static_assert(RSBIND_ALIGNOF(rsbind_vec) == 4, "rsbind_vec: alignment differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, ptr) == 0, "rsbind_vec.ptr: offset differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, len) == 4, "rsbind_vec.len: offset differs from RsbindVec<u8>");
_Static_assert(offsetof(rsbind_vec, cap) == 8, "rsbind_vec.cap: offset differs from RsbindVec<u8>");
#endif
_Static_assert(RSBIND_ERR_PANIC == 1, "RSBIND_ERR_PANIC differs from KIND_PANIC");
_Static_assert(RSBIND_ERR_CRATE == 2, "RSBIND_ERR_CRATE differs from KIND_CRATE");
_Static_assert(RSBIND_ERR_RUNTIME == 3, "RSBIND_ERR_RUNTIME differs from KIND_RUNTIME");
_Static_assert(RSBIND_ERR_IO == 4, "RSBIND_ERR_IO differs from KIND_IO");
_Static_assert(RSBIND_ERR_VALUE == 6, "RSBIND_ERR_VALUE differs from KIND_VALUE");
_Static_assert(RSBIND_ERR_PYTHON == 7, "RSBIND_ERR_PYTHON differs from KIND_PYTHON");
/* rsbind layout table: end */

#endif /* RSBIND_H */
