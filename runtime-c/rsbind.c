/* rsbind C runtime: argument parsing, value converters and exception
 * helpers shared by every generated bindings module. See rsbind.h for the ABI
 * and the project's mapping contract (MAPPING.md) for the Python behaviour
 * these functions implement.
 *
 * Everything here runs with the GIL held. The only state is set up once by
 * rsbind_runtime_init (the datetime C API, pathlib.Path and the UTC epoch). */

#include "rsbind.h"

/* datetime.h declares a static PyDateTimeAPI per translation unit, so all use
 * of the datetime C API lives in this file. */
#include <datetime.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Room for "f() argument 'a' item 0 item 1": names are cut to 200 bytes, as
 * CPython does in its own argument messages. */
#define RSBIND_LOC_SIZE 512

/* Days from the Unix epoch to datetime.min (0001-01-01) and to the last day
 * datetime.max falls on (9999-12-31). A SystemTime inside this range always
 * converts; checking it first keeps the error message ours. */
#define RSBIND_MIN_EPOCH_DAYS (-719162LL)
#define RSBIND_MAX_EPOCH_DAYS 2932896LL

/* timedelta.max.days */
#define RSBIND_MAX_DELTA_DAYS 999999999ULL

/* pathlib.Path */
static PyObject *rsbind_path_type;
/* datetime(1970, 1, 1, tzinfo=timezone.utc) */
static PyObject *rsbind_epoch_utc;

/* ---- Locations and error messages ---- */

void
rsbind_loc_describe(const rsbind_loc *loc, char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        return;
    }
    buf[0] = '\0';
    if (loc == NULL) {
        snprintf(buf, size, "argument");
        return;
    }
    if (loc->parent != NULL) {
        rsbind_loc_describe(loc->parent, buf, size);
        if (loc->index >= 0) {
            size_t used = strlen(buf);
            if (used + 1 < size) {
                snprintf(buf + used, size - used, " item %zd", loc->index);
            }
        }
        return;
    }
    if (loc->param == NULL) {
        snprintf(buf, size, "%.200s() argument",
                 loc->func != NULL ? loc->func : "?");
        return;
    }
    if (loc->index == RSBIND_LOC_ATTRIBUTE) {
        snprintf(buf, size, "%.200s.%.200s",
                 loc->func != NULL ? loc->func : "?", loc->param);
        return;
    }
    snprintf(buf, size, "%.200s() argument '%.200s'",
             loc->func != NULL ? loc->func : "?", loc->param);
}

/* type(obj).__name__ as a new str reference, or NULL with an exception set.
 * tp_name is "module.Name" for static types, so it is not used directly. */
static PyObject *
type_name(PyObject *obj)
{
    PyObject *type = (PyObject *)Py_TYPE(obj);
    PyObject *name = PyObject_GetAttrString(type, "__name__");
    if (name != NULL && PyUnicode_Check(name)) {
        return name;
    }
    /* A metaclass that hides __name__: fall back to what C knows. */
    Py_XDECREF(name);
    PyErr_Clear();
    return PyUnicode_FromString(Py_TYPE(obj)->tp_name);
}

int
rsbind_type_error(const rsbind_loc *loc, const char *expected, PyObject *obj)
{
    char where[RSBIND_LOC_SIZE];
    PyObject *name;

    rsbind_loc_describe(loc, where, sizeof(where));
    name = type_name(obj);
    if (name == NULL) {
        return -1;
    }
    PyErr_Format(PyExc_TypeError, "%s must be %s, not %U", where, expected,
                 name);
    Py_DECREF(name);
    return -1;
}

int
rsbind_loc_error(PyObject *exc, const rsbind_loc *loc, const char *message)
{
    char where[RSBIND_LOC_SIZE];

    rsbind_loc_describe(loc, where, sizeof(where));
    PyErr_Format(exc, "%s %s", where, message);
    return -1;
}

/* OverflowError "<loc> out of range for <rust_type>". */
static int
out_of_range(const rsbind_loc *loc, const char *rust_type)
{
    char message[64];

    snprintf(message, sizeof(message), "out of range for %s", rust_type);
    return rsbind_loc_error(PyExc_OverflowError, loc, message);
}

/* ---- Per-call scope ---- */

void
rsbind_scope_init(rsbind_scope *scope)
{
    scope->refs = scope->inline_refs;
    scope->len = 0;
    scope->cap = (Py_ssize_t)(sizeof(scope->inline_refs)
                              / sizeof(scope->inline_refs[0]));
    scope->borrows = scope->inline_borrows;
    scope->nborrows = 0;
    scope->borrows_cap = (Py_ssize_t)(sizeof(scope->inline_borrows)
                                      / sizeof(scope->inline_borrows[0]));
    scope->takes = scope->inline_takes;
    scope->ntakes = 0;
    scope->takes_cap = (Py_ssize_t)(sizeof(scope->inline_takes)
                                    / sizeof(scope->inline_takes[0]));
}

int
rsbind_scope_keep(rsbind_scope *scope, PyObject *obj)
{
    /* NULL is the failed result of the call that produced obj: its
     * exception is already set, so callers may pass a constructor's result
     * straight in. */
    if (obj == NULL) {
        return -1;
    }
    if (scope->len == scope->cap) {
        Py_ssize_t cap = scope->cap * 2;
        PyObject **refs;

        if (cap > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(PyObject *)) {
            Py_DECREF(obj);
            PyErr_NoMemory();
            return -1;
        }
        if (scope->refs == scope->inline_refs) {
            refs = PyMem_Malloc((size_t)cap * sizeof(PyObject *));
            if (refs != NULL) {
                memcpy(refs, scope->inline_refs,
                       (size_t)scope->len * sizeof(PyObject *));
            }
        }
        else {
            refs = PyMem_Realloc(scope->refs,
                                 (size_t)cap * sizeof(PyObject *));
        }
        if (refs == NULL) {
            Py_DECREF(obj);
            PyErr_NoMemory();
            return -1;
        }
        scope->refs = refs;
        scope->cap = cap;
    }
    scope->refs[scope->len++] = obj;
    return 0;
}

/* Room for one more entry in a scope array that starts out inline: returns
 * the array to use from now on (items itself while there is room), or NULL
 * with MemoryError set and the array unchanged. */
static void *
scope_grow(void *items, const void *inline_items, Py_ssize_t len,
           Py_ssize_t *cap, size_t item_size)
{
    Py_ssize_t new_cap;
    void *grown;

    if (len < *cap) {
        return items;
    }
    if (*cap > PY_SSIZE_T_MAX / 2 / (Py_ssize_t)item_size) {
        PyErr_NoMemory();
        return NULL;
    }
    new_cap = *cap * 2;
    if (items == inline_items) {
        grown = PyMem_Malloc((size_t)new_cap * item_size);
        if (grown != NULL) {
            memcpy(grown, inline_items, (size_t)len * item_size);
        }
    }
    else {
        grown = PyMem_Realloc(items, (size_t)new_cap * item_size);
    }
    if (grown == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *cap = new_cap;
    return grown;
}

/* Raises exc with "<loc> <type_name> object <what>", or, for a method's own
 * `self` (loc NULL), "<type_name> object <what>". Returns -1. */
static int
slot_error(PyObject *exc, const rsbind_loc *loc, const char *type_name,
           const char *what)
{
    char where[RSBIND_LOC_SIZE];

    if (loc == NULL) {
        PyErr_Format(exc, "%.200s object %s", type_name, what);
        return -1;
    }
    rsbind_loc_describe(loc, where, sizeof(where));
    PyErr_Format(exc, "%s %.200s object %s", where, type_name, what);
    return -1;
}

int
rsbind_scope_borrow(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot,
                    bool exclusive, const char *type_name,
                    const rsbind_loc *loc)
{
    rsbind_scope_borrow_entry *borrows, *entry;

    if (slot->rust == NULL) {
        return slot_error(PyExc_ValueError, loc, type_name,
                          "has been moved");
    }
    /* RefCell's rules: any number of shared borrows, or one exclusive. */
    if (slot->borrow < 0) {
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          "is already mutably borrowed");
    }
    if (exclusive && slot->borrow != 0) {
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          "is already borrowed");
    }
    if (!exclusive && slot->borrow == PY_SSIZE_T_MAX) {
        /* Unreachable in practice: every borrow has a scope entry. */
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          "has too many borrows");
    }
    /* Make room first, so a MemoryError leaves the slot untouched. */
    borrows = scope_grow(scope->borrows, scope->inline_borrows,
                         scope->nborrows, &scope->borrows_cap,
                         sizeof(*borrows));
    if (borrows == NULL) {
        return -1;
    }
    scope->borrows = borrows;
    entry = &borrows[scope->nborrows++];
    Py_XINCREF(owner);
    entry->owner = owner;
    entry->slot = slot;
    entry->exclusive = exclusive;
    if (exclusive) {
        slot->borrow = -1;
    }
    else {
        slot->borrow++;
    }
    return 0;
}

int
rsbind_scope_take(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot,
                  const char *type_name, const rsbind_loc *loc, void **out)
{
    rsbind_scope_take_entry *takes, *entry;

    if (slot->rust == NULL) {
        return slot_error(PyExc_ValueError, loc, type_name,
                          "has been moved");
    }
    /* Borrows (by this call or a running one) are checked by commit, once
     * every argument is known. */
    takes = scope_grow(scope->takes, scope->inline_takes, scope->ntakes,
                       &scope->takes_cap, sizeof(*takes));
    if (takes == NULL) {
        return -1;
    }
    scope->takes = takes;
    entry = &takes[scope->ntakes++];
    Py_XINCREF(owner);
    entry->owner = owner;
    entry->slot = slot;
    entry->type_name = type_name;
    *out = slot->rust;
    return 0;
}

int
rsbind_scope_commit(rsbind_scope *scope)
{
    Py_ssize_t i, j;

    /* Check everything before moving anything: a failure leaves every object
     * as it was. */
    for (i = 0; i < scope->ntakes; i++) {
        const rsbind_scope_take_entry *take = &scope->takes[i];

        for (j = 0; j < i; j++) {
            if (scope->takes[j].slot == take->slot) {
                PyErr_Format(PyExc_RuntimeError,
                             "%.200s object is passed by value twice",
                             take->type_name);
                return -1;
            }
        }
        if (take->slot->rust == NULL) {
            /* Python code run by a later argument's conversion (__index__,
             * __fspath__, ...) moved it out since rsbind_scope_take. */
            PyErr_Format(PyExc_ValueError, "%.200s object has been moved",
                         take->type_name);
            return -1;
        }
        if (take->slot->borrow != 0) {
            PyErr_Format(PyExc_RuntimeError,
                         "%.200s object is borrowed and cannot be moved",
                         take->type_name);
            return -1;
        }
    }
    for (i = 0; i < scope->ntakes; i++) {
        scope->takes[i].slot->rust = NULL;
    }
    return 0;
}

void
rsbind_scope_release(rsbind_scope *scope)
{
    /* Each entry is popped before its owner is released: a release can run
     * arbitrary code (__del__), and the counts must never name a released
     * entry. A slot is updated while its owner is still alive. */
    while (scope->nborrows > 0) {
        rsbind_scope_borrow_entry entry = scope->borrows[--scope->nborrows];

        if (entry.exclusive) {
            entry.slot->borrow = 0;
        }
        else {
            entry.slot->borrow--;
        }
        Py_XDECREF(entry.owner);
    }
    while (scope->ntakes > 0) {
        PyObject *owner = scope->takes[--scope->ntakes].owner;

        Py_XDECREF(owner);
    }
    /* Release in reverse order of acquisition, like nested with-blocks. */
    while (scope->len > 0) {
        PyObject *obj = scope->refs[--scope->len];
        Py_DECREF(obj);
    }
    if (scope->refs != scope->inline_refs) {
        PyMem_Free(scope->refs);
    }
    if (scope->borrows != scope->inline_borrows) {
        PyMem_Free(scope->borrows);
    }
    if (scope->takes != scope->inline_takes) {
        PyMem_Free(scope->takes);
    }
    /* Leaves the scope usable again, so a second release is harmless. */
    rsbind_scope_init(scope);
}

/* ---- Argument parsing ---- */

/* Index of the parameter that the keyword key names, or -1. */
static Py_ssize_t
find_keyword(const rsbind_sig *sig, PyObject *key)
{
    Py_ssize_t key_len, i;
    const char *key_utf8 = PyUnicode_AsUTF8AndSize(key, &key_len);

    if (key_utf8 == NULL) {
        /* A keyword with a lone surrogate cannot name a Rust parameter; the
         * caller reports it as unexpected. */
        PyErr_Clear();
        return -1;
    }
    for (i = 0; i < sig->nparams; i++) {
        const char *name = sig->names[i];
        size_t name_len = strlen(name);

        if (name_len == (size_t)key_len
            && memcmp(name, key_utf8, name_len) == 0) {
            return i;
        }
    }
    return -1;
}

int
rsbind_parse_args(const rsbind_sig *sig, PyObject *const *args,
                  Py_ssize_t nargs, PyObject *kwnames, PyObject **out)
{
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t i;

    if (nkw == 0 && nargs == sig->nparams) {
        for (i = 0; i < nargs; i++) {
            out[i] = args[i];
        }
        return 0;
    }
    if (nargs > sig->nparams) {
        /* Counts keywords too, as CPython's own "(M given)" does. */
        if (sig->nparams == 0) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() takes no arguments (%zd given)",
                         sig->func, nargs + nkw);
        }
        else {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() takes %s %zd argument%s (%zd given)",
                         sig->func,
                         sig->nrequired == sig->nparams ? "exactly"
                                                        : "at most",
                         sig->nparams, sig->nparams == 1 ? "" : "s",
                         nargs + nkw);
        }
        return -1;
    }
    for (i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (i = nargs; i < sig->nparams; i++) {
        out[i] = NULL;
    }
    for (i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        Py_ssize_t param = find_keyword(sig, key);

        if (param < 0) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() got an unexpected keyword argument '%S'",
                         sig->func, key);
            return -1;
        }
        if (out[param] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() got multiple values for argument '%s'",
                         sig->func, sig->names[param]);
            return -1;
        }
        out[param] = args[nargs + i];
    }
    for (i = 0; i < sig->nrequired; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() missing required argument '%s' (pos %zd)",
                         sig->func, sig->names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

/* Stacks up to this many arguments live on the C stack. */
#define RSBIND_SMALL_STACK 16

int
rsbind_parse_tuple_args(const rsbind_sig *sig, PyObject *args,
                        PyObject *kwargs, PyObject **out,
                        rsbind_scope *scope)
{
    PyObject *small[RSBIND_SMALL_STACK];
    PyObject **stack, *kwnames, *key, *value;
    Py_ssize_t nargs, nkw, i, pos;
    int result;

    if (!PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs))) {
        PyErr_BadInternalCall();
        return -1;
    }
    nargs = PyTuple_GET_SIZE(args);
    nkw = kwargs != NULL ? PyDict_GET_SIZE(kwargs) : 0;
    if (nkw == 0) {
        /* A tuple's items already are a vectorcall stack. */
        return rsbind_parse_args(sig, ((PyTupleObject *)args)->ob_item,
                                 nargs, NULL, out);
    }
    if (nargs + nkw <= RSBIND_SMALL_STACK) {
        stack = small;
    }
    else {
        if (nargs + nkw > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(PyObject *)) {
            PyErr_NoMemory();
            return -1;
        }
        stack = PyMem_Malloc((size_t)(nargs + nkw) * sizeof(PyObject *));
        if (stack == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    kwnames = PyTuple_New(nkw);
    if (kwnames == NULL) {
        result = -1;
        goto done;
    }
    /* The scope owns kwnames from here, also when keep fails. */
    if (rsbind_scope_keep(scope, kwnames) < 0) {
        result = -1;
        goto done;
    }
    for (i = 0; i < nargs; i++) {
        stack[i] = PyTuple_GET_ITEM(args, i);
    }
    /* Nothing below runs Python code, so the dict cannot change under
     * PyDict_Next. */
    i = 0;
    pos = 0;
    while (i < nkw && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "%.200s() keywords must be strings",
                         sig->func);
            result = -1;
            goto done;
        }
        Py_INCREF(key);
        PyTuple_SET_ITEM(kwnames, i, key);
        stack[nargs + i] = value;
        i++;
    }
    result = rsbind_parse_args(sig, stack, nargs, kwnames, out);
done:
    if (stack != small) {
        PyMem_Free(stack);
    }
    return result;
}

/* ---- Integers ---- */

/* obj as an exact-or-subclass int (new reference): ints as they are, other
 * objects through __index__. Floats and str have no __index__ and get our
 * TypeError rather than CPython's "cannot be interpreted as an integer". */
static PyObject *
as_int(PyObject *obj, const rsbind_loc *loc)
{
    if (PyLong_Check(obj)) {
        Py_INCREF(obj);
        return obj;
    }
    if (PyIndex_Check(obj)) {
        return PyNumber_Index(obj);
    }
    rsbind_type_error(loc, "int", obj);
    return NULL;
}

static int
signed_from_py(PyObject *obj, long long min, long long max,
               const char *rust_type, const rsbind_loc *loc, long long *out)
{
    int overflow;
    long long v = 0;
    PyObject *num = as_int(obj, loc);

    if (num == NULL) {
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow != 0 || v < min || v > max) {
        return out_of_range(loc, rust_type);
    }
    *out = v;
    return 0;
}

static int
unsigned_from_py(PyObject *obj, unsigned long long max,
                 const char *rust_type, const rsbind_loc *loc,
                 unsigned long long *out)
{
    int overflow;
    long long v = 0;
    unsigned long long u;
    PyObject *num = as_int(obj, loc);

    if (num == NULL) {
        return -1;
    }
    /* The signed conversion tells the sign without raising, so negative
     * values never reach PyLong_AsUnsignedLongLong's generic message. */
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow < 0 || (overflow == 0 && v < 0)) {
        Py_DECREF(num);
        return out_of_range(loc, rust_type);
    }
    if (overflow == 0) {
        u = (unsigned long long)v;
    }
    else {
        u = PyLong_AsUnsignedLongLong(num);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(num);
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                return out_of_range(loc, rust_type);
            }
            return -1;
        }
    }
    Py_DECREF(num);
    if (u > max) {
        return out_of_range(loc, rust_type);
    }
    *out = u;
    return 0;
}

/* The fixed-width converters differ only in type and range. */
#define RSBIND_SIGNED_FROM_PY(name, ctype, min, max)                        \
    int                                                                     \
    rsbind_##name##_from_py(PyObject *obj, ctype *out, rsbind_scope *scope, \
                            const rsbind_loc *loc)                          \
    {                                                                       \
        long long v = 0;                                                    \
        (void)scope;                                                        \
        if (signed_from_py(obj, min, max, #name, loc, &v) < 0) {            \
            return -1;                                                      \
        }                                                                   \
        *out = (ctype)v;                                                    \
        return 0;                                                           \
    }

#define RSBIND_UNSIGNED_FROM_PY(name, ctype, max)                           \
    int                                                                     \
    rsbind_##name##_from_py(PyObject *obj, ctype *out, rsbind_scope *scope, \
                            const rsbind_loc *loc)                          \
    {                                                                       \
        unsigned long long v = 0;                                           \
        (void)scope;                                                        \
        if (unsigned_from_py(obj, max, #name, loc, &v) < 0) {               \
            return -1;                                                      \
        }                                                                   \
        *out = (ctype)v;                                                    \
        return 0;                                                           \
    }

RSBIND_SIGNED_FROM_PY(i8, int8_t, INT8_MIN, INT8_MAX)
RSBIND_SIGNED_FROM_PY(i16, int16_t, INT16_MIN, INT16_MAX)
RSBIND_SIGNED_FROM_PY(i32, int32_t, INT32_MIN, INT32_MAX)
RSBIND_SIGNED_FROM_PY(i64, int64_t, INT64_MIN, INT64_MAX)
RSBIND_SIGNED_FROM_PY(isize, intptr_t, INTPTR_MIN, INTPTR_MAX)
RSBIND_UNSIGNED_FROM_PY(u8, uint8_t, UINT8_MAX)
RSBIND_UNSIGNED_FROM_PY(u16, uint16_t, UINT16_MAX)
RSBIND_UNSIGNED_FROM_PY(u32, uint32_t, UINT32_MAX)
RSBIND_UNSIGNED_FROM_PY(u64, uint64_t, UINT64_MAX)
RSBIND_UNSIGNED_FROM_PY(usize, size_t, SIZE_MAX)

/* The low 16 bytes of num in little-endian two's complement (or unsigned).
 * Returns 0, 1 when num does not fit, or -1 with an exception set. Callers
 * have already rejected negative values for the unsigned case. */
static int
int_to_bytes16(PyObject *num, unsigned char bytes[16], int is_signed)
{
#if PY_VERSION_HEX >= 0x030D0000
    int flags = Py_ASNATIVEBYTES_LITTLE_ENDIAN;
    Py_ssize_t needed;

    if (!is_signed) {
        flags |= Py_ASNATIVEBYTES_UNSIGNED_BUFFER;
    }
    needed = PyLong_AsNativeBytes(num, bytes, 16, flags);
    if (needed < 0) {
        return -1;
    }
    return needed > 16 ? 1 : 0;
#else
    /* Private before 3.13, when PyLong_AsNativeBytes replaced it. */
    if (_PyLong_AsByteArray((PyLongObject *)num, bytes, 16, 1,
                            is_signed) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            return 1;
        }
        return -1;
    }
    return 0;
#endif
}

static PyObject *
int_from_bytes16(const unsigned char bytes[16], int is_signed)
{
#if PY_VERSION_HEX >= 0x030D0000
    if (is_signed) {
        return PyLong_FromNativeBytes(bytes, 16,
                                      Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    }
    return PyLong_FromUnsignedNativeBytes(bytes, 16,
                                          Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#else
    return _PyLong_FromByteArray(bytes, 16, 1, is_signed);
#endif
}

/* Byte order by arithmetic, so the host's endianness never matters. */
static void
halves_from_bytes(const unsigned char bytes[16], uint64_t *lo, uint64_t *hi)
{
    int i;

    *lo = 0;
    *hi = 0;
    for (i = 7; i >= 0; i--) {
        *lo = (*lo << 8) | bytes[i];
        *hi = (*hi << 8) | bytes[8 + i];
    }
}

static void
halves_to_bytes(uint64_t lo, uint64_t hi, unsigned char bytes[16])
{
    int i;

    for (i = 0; i < 8; i++) {
        bytes[i] = (unsigned char)(lo >> (8 * i));
        bytes[8 + i] = (unsigned char)(hi >> (8 * i));
    }
}

int
rsbind_i128_from_py(PyObject *obj, rsbind_i128 *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    int overflow, status;
    long long v = 0;
    unsigned char bytes[16];
    uint64_t lo, hi;
    PyObject *num;

    (void)scope;
    num = as_int(obj, loc);
    if (num == NULL) {
        return -1;
    }
    /* Most values fit 64 bits: no byte array needed. */
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow == 0) {
        Py_DECREF(num);
        out->lo = (uint64_t)v;
        out->hi = v < 0 ? -1 : 0;
        return 0;
    }
    status = int_to_bytes16(num, bytes, 1);
    Py_DECREF(num);
    if (status < 0) {
        return -1;
    }
    if (status > 0) {
        return out_of_range(loc, "i128");
    }
    halves_from_bytes(bytes, &lo, &hi);
    out->lo = lo;
    out->hi = (int64_t)hi;
    return 0;
}

int
rsbind_u128_from_py(PyObject *obj, rsbind_u128 *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    int overflow, status;
    long long v = 0;
    unsigned char bytes[16];
    PyObject *num;

    (void)scope;
    num = as_int(obj, loc);
    if (num == NULL) {
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow < 0 || (overflow == 0 && v < 0)) {
        Py_DECREF(num);
        return out_of_range(loc, "u128");
    }
    if (overflow == 0) {
        Py_DECREF(num);
        out->lo = (uint64_t)v;
        out->hi = 0;
        return 0;
    }
    status = int_to_bytes16(num, bytes, 0);
    Py_DECREF(num);
    if (status < 0) {
        return -1;
    }
    if (status > 0) {
        return out_of_range(loc, "u128");
    }
    halves_from_bytes(bytes, &out->lo, &out->hi);
    return 0;
}

/* ---- Floats ---- */

int
rsbind_f64_from_py(PyObject *obj, double *out, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    double v;
    PyNumberMethods *nb;

    (void)scope;
    if (PyFloat_Check(obj)) {
        *out = PyFloat_AS_DOUBLE(obj);
        return 0;
    }
    if (PyLong_Check(obj)) {
        v = PyLong_AsDouble(obj);
        if (v == -1.0 && PyErr_Occurred()) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                return out_of_range(loc, "f64");
            }
            return -1;
        }
        *out = v;
        return 0;
    }
    /* Only number-like objects reach PyFloat_AsDouble, so str and bytes get
     * "must be float" rather than its "must be real number" message. */
    nb = Py_TYPE(obj)->tp_as_number;
    if (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL)) {
        return rsbind_type_error(loc, "float", obj);
    }
    v = PyFloat_AsDouble(obj);
    if (v == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

int
rsbind_f32_from_py(PyObject *obj, float *out, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    double v;
    float f;

    if (rsbind_f64_from_py(obj, &v, scope, loc) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError) && PyLong_Check(obj)) {
            /* Name the type the caller asked for, not the f64 step. */
            PyErr_Clear();
            return out_of_range(loc, "f32");
        }
        return -1;
    }
    /* Rounds to nearest like struct.pack('f'): values just above FLT_MAX
     * round down to it, and only a finite value that becomes infinite is out
     * of range. NaN and the infinities pass through. IEEE 754 (Annex F) makes
     * the narrowing conversion round rather than be undefined. */
    f = (float)v;
    if (isinf(f) && !isinf(v)) {
        return out_of_range(loc, "f32");
    }
    *out = f;
    return 0;
}

/* ---- bool, char, str, path ---- */

int
rsbind_bool_from_py(PyObject *obj, bool *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    (void)scope;
    /* Only True and False: accepting any truthy object would hide mistakes
     * such as passing a list where a flag was meant. */
    if (!PyBool_Check(obj)) {
        return rsbind_type_error(loc, "bool", obj);
    }
    *out = obj == Py_True;
    return 0;
}

int
rsbind_char_from_py(PyObject *obj, uint32_t *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    Py_ssize_t len;
    Py_UCS4 ch;

    (void)scope;
    if (!PyUnicode_Check(obj)) {
        return rsbind_type_error(loc, "str", obj);
    }
    len = PyUnicode_GetLength(obj);
    if (len < 0) {
        return -1;
    }
    if (len != 1) {
        char message[96];

        snprintf(message, sizeof(message),
                 "must be a single character, not a str of length %zd", len);
        return rsbind_loc_error(PyExc_ValueError, loc, message);
    }
    ch = PyUnicode_ReadChar(obj, 0);
    if (ch == (Py_UCS4)-1 && PyErr_Occurred()) {
        return -1;
    }
    if (ch >= 0xD800 && ch <= 0xDFFF) {
        /* A Rust char is a Unicode scalar value. Encoding the str raises the
         * same UnicodeEncodeError a str parameter gives for a surrogate. */
        if (PyUnicode_AsUTF8AndSize(obj, NULL) == NULL) {
            return -1;
        }
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must not be a surrogate code point");
    }
    *out = (uint32_t)ch;
    return 0;
}

int
rsbind_str_from_py(PyObject *obj, rsbind_str *out, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    Py_ssize_t len;
    const char *utf8;

    (void)scope;
    if (!PyUnicode_Check(obj)) {
        return rsbind_type_error(loc, "str", obj);
    }
    /* Cached on the str object, so it lives as long as obj does; lone
     * surrogates raise UnicodeEncodeError, which is the contract. */
    utf8 = PyUnicode_AsUTF8AndSize(obj, &len);
    if (utf8 == NULL) {
        return -1;
    }
    out->ptr = utf8;
    out->len = (size_t)len;
    return 0;
}

/* Whether obj's type implements os.PathLike. Looked up on the type, as
 * PyOS_FSPath looks up special methods. */
static int
is_path_like(PyObject *obj)
{
    return PyObject_HasAttrString((PyObject *)Py_TYPE(obj), "__fspath__");
}

int
rsbind_path_from_py(PyObject *obj, rsbind_str *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    PyObject *fspath, *bytes;

    if (!PyUnicode_Check(obj) && !PyBytes_Check(obj) && !is_path_like(obj)) {
        return rsbind_type_error(loc, "str or os.PathLike", obj);
    }
    fspath = PyOS_FSPath(obj);
    if (fspath == NULL) {
        return -1;
    }
    if (PyUnicode_Check(fspath)) {
        /* The file-system encoding with surrogateescape, as os.fsencode
         * does: a path that came from os.listdir round-trips unchanged. */
        bytes = PyUnicode_EncodeFSDefault(fspath);
        Py_DECREF(fspath);
        if (bytes == NULL) {
            return -1;
        }
    }
    else {
        /* PyOS_FSPath only returns str or bytes. */
        bytes = fspath;
    }
    if (rsbind_scope_keep(scope, bytes) < 0) {
        return -1;
    }
    out->ptr = PyBytes_AS_STRING(bytes);
    out->len = (size_t)PyBytes_GET_SIZE(bytes);
    return 0;
}

/* ---- Durations and times ---- */

/* The datetime C API and the cached objects exist only after
 * rsbind_runtime_init; a module that skipped it gets an exception rather than
 * a NULL dereference. */
static int
check_runtime(void)
{
    if (PyDateTimeAPI == NULL || rsbind_epoch_utc == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
        return -1;
    }
    return 0;
}

static int
duration_from_seconds_float(double v, rsbind_duration *out,
                            const rsbind_loc *loc)
{
    double whole, nanos;

    if (isnan(v)) {
        return rsbind_loc_error(PyExc_ValueError, loc, "must not be NaN");
    }
    if (v < 0.0) {
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must not be negative");
    }
    /* 2**64: the largest double below it is an integer, so adding a carried
     * second below can not overflow u64. Infinity lands here too. */
    if (v >= 18446744073709551616.0) {
        return out_of_range(loc, "Duration");
    }
    whole = floor(v);
    /* v - whole is exact; rounding to the nearest nanosecond can reach a
     * whole second, which is carried. */
    nanos = round((v - whole) * 1e9);
    out->secs = (uint64_t)whole;
    if (nanos >= 1e9) {
        out->secs += 1;
        out->nanos = 0;
    }
    else {
        out->nanos = (uint32_t)nanos;
    }
    return 0;
}

int
rsbind_duration_from_py(PyObject *obj, rsbind_duration *out,
                        rsbind_scope *scope, const rsbind_loc *loc)
{
    PyNumberMethods *nb;

    (void)scope;
    if (check_runtime() < 0) {
        return -1;
    }
    if (PyDelta_Check(obj)) {
        /* timedelta is normalised: only days can be negative. */
        int days = PyDateTime_DELTA_GET_DAYS(obj);
        int seconds = PyDateTime_DELTA_GET_SECONDS(obj);
        int micros = PyDateTime_DELTA_GET_MICROSECONDS(obj);

        if (days < 0) {
            return rsbind_loc_error(PyExc_ValueError, loc,
                                    "must not be negative");
        }
        out->secs = (uint64_t)days * 86400u + (uint64_t)seconds;
        out->nanos = (uint32_t)micros * 1000u;
        return 0;
    }
    if (PyFloat_Check(obj)) {
        return duration_from_seconds_float(PyFloat_AS_DOUBLE(obj), out, loc);
    }
    if (PyLong_Check(obj) || PyIndex_Check(obj)) {
        /* Whole seconds stay exact, beyond 2**53 too. */
        int overflow;
        long long v;
        unsigned long long u;
        PyObject *num = as_int(obj, loc);

        if (num == NULL) {
            return -1;
        }
        v = PyLong_AsLongLongAndOverflow(num, &overflow);
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(num);
            return -1;
        }
        if (overflow < 0 || (overflow == 0 && v < 0)) {
            Py_DECREF(num);
            return rsbind_loc_error(PyExc_ValueError, loc,
                                    "must not be negative");
        }
        if (overflow == 0) {
            u = (unsigned long long)v;
        }
        else {
            u = PyLong_AsUnsignedLongLong(num);
            if (u == (unsigned long long)-1 && PyErr_Occurred()) {
                Py_DECREF(num);
                if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                    PyErr_Clear();
                    return out_of_range(loc, "Duration");
                }
                return -1;
            }
        }
        Py_DECREF(num);
        out->secs = (uint64_t)u;
        out->nanos = 0;
        return 0;
    }
    nb = Py_TYPE(obj)->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL) {
        /* Decimal, Fraction and other real numbers: seconds as a float. */
        double v = PyFloat_AsDouble(obj);

        if (v == -1.0 && PyErr_Occurred()) {
            return -1;
        }
        return duration_from_seconds_float(v, out, loc);
    }
    return rsbind_type_error(loc, "datetime.timedelta or float", obj);
}

int
rsbind_time_from_py(PyObject *obj, rsbind_time *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    PyObject *offset, *delta;
    long long days, seconds, micros;

    (void)scope;
    if (check_runtime() < 0) {
        return -1;
    }
    if (!PyDateTime_Check(obj)) {
        return rsbind_type_error(loc, "datetime.datetime", obj);
    }
    /* Aware means utcoffset() is not None (the datetime docs' definition):
     * a tzinfo whose utcoffset returns None still leaves it naive. */
    offset = PyObject_CallMethod(obj, "utcoffset", NULL);
    if (offset == NULL) {
        return -1;
    }
    if (offset == Py_None) {
        Py_DECREF(offset);
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must be a timezone-aware datetime");
    }
    Py_DECREF(offset);
    /* Let datetime do the calendar and offset arithmetic. The difference of
     * any two datetimes fits a timedelta, so this cannot overflow. */
    delta = PyNumber_Subtract(obj, rsbind_epoch_utc);
    if (delta == NULL) {
        return -1;
    }
    if (!PyDelta_Check(delta)) {
        /* Only a datetime subclass overriding __sub__ gets here. */
        PyErr_Format(PyExc_TypeError,
                     "datetime subtraction returned %.200s, not "
                     "datetime.timedelta", Py_TYPE(delta)->tp_name);
        Py_DECREF(delta);
        return -1;
    }
    /* Normalised: days carries the sign, seconds and micros are positive,
     * which is exactly SystemTime's (secs, nanos) shape. */
    days = PyDateTime_DELTA_GET_DAYS(delta);
    seconds = PyDateTime_DELTA_GET_SECONDS(delta);
    micros = PyDateTime_DELTA_GET_MICROSECONDS(delta);
    Py_DECREF(delta);
    out->secs = (int64_t)(days * 86400 + seconds);
    out->nanos = (uint32_t)(micros * 1000);
    return 0;
}

/* ---- Tuples ---- */

int
rsbind_tuple_items_from_py(PyObject *obj, Py_ssize_t n, PyObject **fast,
                           rsbind_scope *scope, const rsbind_loc *loc)
{
    PyObject *seq;
    Py_ssize_t len;

    /* str, bytes and bytearray are sequences, but taking one apart into a
     * tuple's fields is almost always a mistake. */
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)
        || !PySequence_Check(obj)) {
        return rsbind_type_error(loc, "tuple", obj);
    }
    seq = PySequence_Fast(obj, "expected a sequence");
    if (seq == NULL) {
        return -1;
    }
    len = PySequence_Fast_GET_SIZE(seq);
    if (len != n) {
        char message[96];

        Py_DECREF(seq);
        snprintf(message, sizeof(message), "must have %zd item%s, not %zd",
                 n, n == 1 ? "" : "s", len);
        return rsbind_loc_error(PyExc_ValueError, loc, message);
    }
    if (rsbind_scope_keep(scope, seq) < 0) {
        return -1;
    }
    *fast = seq;
    return 0;
}

/* ---- Class instances ---- */

int
rsbind_check_instance(PyObject *obj, PyTypeObject *type,
                      const rsbind_loc *loc)
{
    const char *name, *dot;

    if (PyObject_TypeCheck(obj, type)) {
        return 0;
    }
    /* A static type's tp_name is "module.Name"; a heap type's has no dot. */
    name = type->tp_name;
    dot = strrchr(name, '.');
    if (dot != NULL) {
        name = dot + 1;
    }
    return rsbind_type_error(loc, name, obj);
}

/* ---- Live module attributes ----
 * The module's dict holds its table in a capsule under RSBIND_LIVE_KEY, and
 * its class is rsbind_live_type, a ModuleType subclass that adds nothing to
 * the instance layout (so __class__ assignment between the two is allowed)
 * and only overrides attribute access. */

#define RSBIND_LIVE_KEY "_rsbind_live"
#define RSBIND_LIVE_CAPSULE "rsbind._live"

typedef struct rsbind_live_table {
    const rsbind_live_attr *attrs;
    Py_ssize_t nattrs;
} rsbind_live_table;

/* rsbind.LiveModule, created on first use and never freed. */
static PyObject *rsbind_live_type;
/* The interned key RSBIND_LIVE_KEY. */
static PyObject *rsbind_live_key;

static void
live_capsule_free(PyObject *capsule)
{
    void *table = PyCapsule_GetPointer(capsule, RSBIND_LIVE_CAPSULE);

    if (table == NULL) {
        PyErr_Clear();
        return;
    }
    PyMem_Free(table);
}

/* The table entry that name names in module: 1 (and *found set), 0 when there
 * is none, -1 with an exception set. */
static int
live_find(PyObject *module, PyObject *name, const rsbind_live_attr **found)
{
    PyObject *dict, *capsule;
    const rsbind_live_table *table;
    const char *utf8;
    Py_ssize_t len, i;

    dict = PyModule_GetDict(module);
    if (dict == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    capsule = PyDict_GetItemWithError(dict, rsbind_live_key);
    if (capsule == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    /* Someone replaced or removed the table: no live attributes then. */
    if (!PyCapsule_IsValid(capsule, RSBIND_LIVE_CAPSULE)) {
        return 0;
    }
    table = PyCapsule_GetPointer(capsule, RSBIND_LIVE_CAPSULE);
    if (!PyUnicode_Check(name)) {
        return 0;
    }
    utf8 = PyUnicode_AsUTF8AndSize(name, &len);
    if (utf8 == NULL) {
        /* A name with a lone surrogate names no Rust static. */
        PyErr_Clear();
        return 0;
    }
    for (i = 0; i < table->nattrs; i++) {
        const char *attr_name = table->attrs[i].name;
        size_t attr_len = strlen(attr_name);

        if (attr_len == (size_t)len && memcmp(attr_name, utf8, attr_len) == 0) {
            /* An entry of the static array: it outlives the capsule, which
             * the getter or setter may well replace. */
            *found = &table->attrs[i];
            return 1;
        }
    }
    return 0;
}

/* Normal attributes first, so functions, classes and constants cost nothing
 * extra; then the live table; then ModuleType's own lookup again, for PEP 562
 * __getattr__ and its "module 'm' has no attribute 'x'" message. A live name
 * is thus found before a module __getattr__ is consulted, as a global of the
 * same name would be. */
static PyObject *
live_getattro(PyObject *self, PyObject *name)
{
    const rsbind_live_attr *attr = NULL;
    PyObject *result = PyObject_GenericGetAttr(self, name);
    int found;

    if (result != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return result;
    }
    PyErr_Clear();
    found = live_find(self, name, &attr);
    if (found < 0) {
        return NULL;
    }
    if (found) {
        return attr->get();
    }
    return PyModule_Type.tp_getattro(self, name);
}

static int
live_setattro(PyObject *self, PyObject *name, PyObject *value)
{
    const rsbind_live_attr *attr = NULL;
    int found = live_find(self, name, &attr);

    if (found < 0) {
        return -1;
    }
    if (found) {
        if (value == NULL) {
            PyErr_Format(PyExc_TypeError, "cannot delete %U", name);
            return -1;
        }
        return attr->set(value);
    }
    return PyObject_GenericSetAttr(self, name, value);
}

/* ModuleType.__dir__ lists the module's dict (or calls its PEP 562
 * __dir__); the live names are added to that. */
static PyObject *
live_dir(PyObject *self, PyObject *unused)
{
    PyObject *base_dir, *names, *list, *dict, *capsule;
    const rsbind_live_table *table;
    Py_ssize_t i;

    (void)unused;
    base_dir = PyObject_GetAttrString((PyObject *)&PyModule_Type, "__dir__");
    if (base_dir == NULL) {
        return NULL;
    }
    names = PyObject_CallFunctionObjArgs(base_dir, self, NULL);
    Py_DECREF(base_dir);
    if (names == NULL) {
        return NULL;
    }
    list = PySequence_List(names);
    Py_DECREF(names);
    if (list == NULL) {
        return NULL;
    }
    dict = PyModule_GetDict(self);
    if (dict == NULL) {
        if (PyErr_Occurred()) {
            goto fail;
        }
        return list;
    }
    capsule = PyDict_GetItemWithError(dict, rsbind_live_key);
    if (capsule == NULL) {
        if (PyErr_Occurred()) {
            goto fail;
        }
        return list;
    }
    if (!PyCapsule_IsValid(capsule, RSBIND_LIVE_CAPSULE)) {
        return list;
    }
    Py_INCREF(capsule);
    table = PyCapsule_GetPointer(capsule, RSBIND_LIVE_CAPSULE);
    for (i = 0; i < table->nattrs; i++) {
        PyObject *name = PyUnicode_FromString(table->attrs[i].name);
        int present;

        if (name == NULL) {
            Py_DECREF(capsule);
            goto fail;
        }
        present = PySequence_Contains(list, name);
        if (present < 0 || (present == 0 && PyList_Append(list, name) < 0)) {
            Py_DECREF(name);
            Py_DECREF(capsule);
            goto fail;
        }
        Py_DECREF(name);
    }
    Py_DECREF(capsule);
    return list;
fail:
    Py_DECREF(list);
    return NULL;
}

static PyMethodDef rsbind_live_methods[] = {
    {"__dir__", live_dir, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyType_Slot rsbind_live_slots[] = {
    {Py_tp_getattro, live_getattro},
    {Py_tp_setattro, live_setattro},
    {Py_tp_methods, rsbind_live_methods},
    {0, NULL}
};

/* Size 0 inherits ModuleType's layout, and no flag but the defaults: GC
 * (with ModuleType's traverse and clear) and the deallocator are inherited
 * too. __class__ assignment requires both to be the base's. */
static PyType_Spec rsbind_live_spec = {
    "rsbind.LiveModule",
    0,
    0,
#ifdef Py_TPFLAGS_IMMUTABLETYPE
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
#else
    Py_TPFLAGS_DEFAULT,
#endif
    rsbind_live_slots
};

int
rsbind_module_set_live(PyObject *module, const rsbind_live_attr *attrs,
                       Py_ssize_t nattrs)
{
    rsbind_live_table *table;
    PyObject *capsule, *dict;
    int result;

    if (!PyModule_Check(module) || nattrs < 0
        || (attrs == NULL && nattrs > 0)) {
        PyErr_BadInternalCall();
        return -1;
    }
    if (rsbind_live_key == NULL) {
        rsbind_live_key = PyUnicode_InternFromString(RSBIND_LIVE_KEY);
        if (rsbind_live_key == NULL) {
            return -1;
        }
    }
    if (rsbind_live_type == NULL) {
        rsbind_live_type = PyType_FromSpecWithBases(
            &rsbind_live_spec, (PyObject *)&PyModule_Type);
        if (rsbind_live_type == NULL) {
            return -1;
        }
    }
    dict = PyModule_GetDict(module);
    if (dict == NULL) {
        return -1;
    }
    table = PyMem_Malloc(sizeof(*table));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    table->attrs = attrs;
    table->nattrs = nattrs;
    capsule = PyCapsule_New(table, RSBIND_LIVE_CAPSULE, live_capsule_free);
    if (capsule == NULL) {
        PyMem_Free(table);
        return -1;
    }
    result = PyDict_SetItem(dict, rsbind_live_key, capsule);
    Py_DECREF(capsule);
    if (result < 0) {
        return -1;
    }
    if (Py_TYPE(module) == (PyTypeObject *)rsbind_live_type) {
        return 0;
    }
    return PyObject_SetAttrString(module, "__class__", rsbind_live_type);
}

/* ---- ABI -> Python ---- */

PyObject *
rsbind_bool_to_py(bool v)
{
    return PyBool_FromLong(v);
}

PyObject *
rsbind_i8_to_py(int8_t v)
{
    return PyLong_FromLong(v);
}

PyObject *
rsbind_i16_to_py(int16_t v)
{
    return PyLong_FromLong(v);
}

PyObject *
rsbind_i32_to_py(int32_t v)
{
    return PyLong_FromLong(v);
}

PyObject *
rsbind_i64_to_py(int64_t v)
{
    return PyLong_FromLongLong(v);
}

PyObject *
rsbind_isize_to_py(intptr_t v)
{
    return PyLong_FromLongLong((long long)v);
}

PyObject *
rsbind_u8_to_py(uint8_t v)
{
    return PyLong_FromUnsignedLong(v);
}

PyObject *
rsbind_u16_to_py(uint16_t v)
{
    return PyLong_FromUnsignedLong(v);
}

PyObject *
rsbind_u32_to_py(uint32_t v)
{
    return PyLong_FromUnsignedLong(v);
}

PyObject *
rsbind_u64_to_py(uint64_t v)
{
    return PyLong_FromUnsignedLongLong(v);
}

PyObject *
rsbind_usize_to_py(size_t v)
{
    return PyLong_FromSize_t(v);
}

PyObject *
rsbind_i128_to_py(rsbind_i128 v)
{
    unsigned char bytes[16];

    /* hi is only the sign extension of lo when the value fits 64 bits. */
    if ((v.hi == 0 && v.lo <= (uint64_t)INT64_MAX)
        || (v.hi == -1 && v.lo > (uint64_t)INT64_MAX)) {
        return PyLong_FromLongLong((long long)(int64_t)v.lo);
    }
    halves_to_bytes(v.lo, (uint64_t)v.hi, bytes);
    return int_from_bytes16(bytes, 1);
}

PyObject *
rsbind_u128_to_py(rsbind_u128 v)
{
    unsigned char bytes[16];

    if (v.hi == 0) {
        return PyLong_FromUnsignedLongLong(v.lo);
    }
    halves_to_bytes(v.lo, v.hi, bytes);
    return int_from_bytes16(bytes, 0);
}

PyObject *
rsbind_f32_to_py(float v)
{
    return PyFloat_FromDouble((double)v);
}

PyObject *
rsbind_f64_to_py(double v)
{
    return PyFloat_FromDouble(v);
}

PyObject *
rsbind_char_to_py(uint32_t v)
{
    /* A Rust char is at most 0x10FFFF; anything else is a broken stub and
     * PyUnicode_FromOrdinal's ValueError says so. */
    return PyUnicode_FromOrdinal(v > 0x10FFFF ? -1 : (int)v);
}

PyObject *
rsbind_unit_to_py(uint8_t v)
{
    (void)v;
    Py_RETURN_NONE;
}

/* Rust allocations never exceed isize::MAX bytes, but the ABI says size_t. */
static int
check_buffer_len(size_t len)
{
    if (len > (size_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError,
                        "Rust string too large for Python");
        return -1;
    }
    return 0;
}

PyObject *
rsbind_string_to_py(rsbind_string v)
{
    PyObject *result = NULL;

    if (check_buffer_len(v.len) == 0) {
        /* An empty Rust String may carry a NULL (or dangling) pointer. */
        result = PyUnicode_DecodeUTF8(v.len == 0 ? "" : v.ptr,
                                      (Py_ssize_t)v.len, "strict");
    }
    rsbind_string_free(v);
    return result;
}

PyObject *
rsbind_pathbuf_to_py(rsbind_string v)
{
    PyObject *str = NULL, *result = NULL;

    if (rsbind_path_type == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
    }
    else if (check_buffer_len(v.len) == 0) {
        /* The inverse of PyUnicode_EncodeFSDefault in rsbind_path_from_py:
         * undecodable bytes become lone surrogates, as os.fsdecode gives. */
        str = PyUnicode_DecodeFSDefaultAndSize(v.len == 0 ? "" : v.ptr,
                                               (Py_ssize_t)v.len);
    }
    rsbind_string_free(v);
    if (str == NULL) {
        return NULL;
    }
    result = PyObject_CallFunctionObjArgs(rsbind_path_type, str, NULL);
    Py_DECREF(str);
    return result;
}

PyObject *
rsbind_duration_to_py(rsbind_duration v)
{
    uint64_t days = v.secs / 86400u;

    if (check_runtime() < 0) {
        return NULL;
    }
    if (days > RSBIND_MAX_DELTA_DAYS) {
        PyErr_SetString(PyExc_OverflowError,
                        "Duration too large for datetime.timedelta");
        return NULL;
    }
    /* timedelta has microseconds: the nanoseconds below them are dropped. */
    return PyDelta_FromDSU((int)days, (int)(v.secs % 86400u),
                           (int)(v.nanos / 1000u));
}

PyObject *
rsbind_time_to_py(rsbind_time v)
{
    int64_t days, seconds;
    PyObject *delta, *result;

    if (check_runtime() < 0) {
        return NULL;
    }
    /* Floor division: secs is negative before 1970, seconds stays in
     * [0, 86400). */
    days = v.secs / 86400;
    seconds = v.secs % 86400;
    if (seconds < 0) {
        seconds += 86400;
        days -= 1;
    }
    if (days < RSBIND_MIN_EPOCH_DAYS || days > RSBIND_MAX_EPOCH_DAYS) {
        PyErr_SetString(PyExc_OverflowError,
                        "SystemTime out of range for datetime.datetime "
                        "(years 1 to 9999)");
        return NULL;
    }
    delta = PyDelta_FromDSU((int)days, (int)seconds, (int)(v.nanos / 1000u));
    if (delta == NULL) {
        return NULL;
    }
    /* The epoch is in UTC, so the sum is too. */
    result = PyNumber_Add(rsbind_epoch_utc, delta);
    Py_DECREF(delta);
    return result;
}

/* ---- Errors ---- */

int
rsbind_runtime_init(void)
{
    PyObject *pathlib;

    if (rsbind_epoch_utc != NULL) {
        return 0;
    }
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL) {
        return -1;
    }
    if (rsbind_path_type == NULL) {
        pathlib = PyImport_ImportModule("pathlib");
        if (pathlib == NULL) {
            return -1;
        }
        rsbind_path_type = PyObject_GetAttrString(pathlib, "Path");
        Py_DECREF(pathlib);
        if (rsbind_path_type == NULL) {
            return -1;
        }
    }
    /* Set last: it is the flag that the whole runtime is ready. */
    rsbind_epoch_utc = PyDateTimeAPI->DateTime_FromDateAndTime(
        1970, 1, 1, 0, 0, 0, 0, PyDateTime_TimeZone_UTC,
        PyDateTimeAPI->DateTimeType);
    if (rsbind_epoch_utc == NULL) {
        return -1;
    }
    return 0;
}

/* Rust's io::Error Display for an OS error is "<strerror> (os error N)";
 * OSError prints "[Errno N] <strerror>" itself, so the suffix would say the
 * number twice. Returns the length without it. */
static size_t
strip_os_error_suffix(const char *message, size_t len, int32_t os_errno)
{
    char suffix[32];
    int n = snprintf(suffix, sizeof(suffix), " (os error %ld)",
                     (long)os_errno);

    if (n > 0 && (size_t)n < len
        && memcmp(message + len - (size_t)n, suffix, (size_t)n) == 0) {
        return len - (size_t)n;
    }
    return len;
}

PyObject *
rsbind_raise(rsbind_error *err, PyObject *const *crate_classes,
             PyObject *rust_panic)
{
    rsbind_string owned = err->message;
    /* An empty Rust String's pointer is dangling: never read through it. */
    const char *text = owned.len != 0 ? owned.ptr : "";
    size_t len = owned.len;
    PyObject *msg = NULL, *exc_type, *exc;

    if (err->kind == RSBIND_ERR_IO && err->os_errno != 0) {
        len = strip_os_error_suffix(text, len, err->os_errno);
    }
    if (check_buffer_len(len) == 0) {
        /* "replace": a Display impl is UTF-8, but the message must not turn
         * into a UnicodeDecodeError that hides the real error. */
        msg = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "replace");
    }
    /* The message is ours to free whatever happens next; clearing it keeps a
     * second rsbind_raise on the same err from freeing it twice. */
    rsbind_string_free(owned);
    err->message.ptr = NULL;
    err->message.len = 0;
    err->message.cap = 0;
    if (msg == NULL) {
        return NULL;
    }

    switch (err->kind) {
    case RSBIND_ERR_PANIC:
        exc_type = rust_panic != NULL ? rust_panic : PyExc_RuntimeError;
        break;
    case RSBIND_ERR_CRATE:
        exc_type = crate_classes != NULL ? crate_classes[err->class_index]
                                         : NULL;
        if (exc_type == NULL) {
            exc_type = PyExc_RuntimeError;
        }
        break;
    case RSBIND_ERR_RUNTIME:
        exc_type = PyExc_RuntimeError;
        break;
    case RSBIND_ERR_IO:
        if (err->os_errno != 0) {
            /* OSError(errno, strerror) picks the subclass itself
             * (FileNotFoundError for ENOENT, ...) and sets .errno. */
            exc = PyObject_CallFunction(PyExc_OSError, "iO",
                                        (int)err->os_errno, msg);
            Py_DECREF(msg);
            if (exc == NULL) {
                return NULL;
            }
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
            return NULL;
        }
        exc_type = PyExc_OSError;
        break;
    case RSBIND_ERR_OVERFLOW:
        exc_type = PyExc_OverflowError;
        break;
    case RSBIND_ERR_VALUE:
        exc_type = PyExc_ValueError;
        break;
    default:
        PyErr_Format(PyExc_SystemError,
                     "rsbind_raise: unknown error kind %u (message: %U)",
                     (unsigned int)err->kind, msg);
        Py_DECREF(msg);
        return NULL;
    }
    PyErr_SetObject(exc_type, msg);
    Py_DECREF(msg);
    return NULL;
}
