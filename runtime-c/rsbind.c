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
    if (loc->index == RSBIND_LOC_NAME) {
        snprintf(buf, size, "%.200s", loc->func != NULL ? loc->func : "?");
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
rsbind_scope_release_slow(rsbind_scope *scope)
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
rsbind_parse_args_slow(const rsbind_sig *sig, PyObject *const *args,
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
    rsbind_##name##_from_py_slow(PyObject *obj, ctype *out, rsbind_scope *scope, \
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
    rsbind_##name##_from_py_slow(PyObject *obj, ctype *out, rsbind_scope *scope, \
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
rsbind_f64_from_py_slow(PyObject *obj, double *out, rsbind_scope *scope,
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
rsbind_bool_from_py_slow(PyObject *obj, bool *out, rsbind_scope *scope,
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
rsbind_char_to_py(uint32_t v)
{
    /* A Rust char is at most 0x10FFFF; anything else is a broken stub and
     * PyUnicode_FromOrdinal's ValueError says so. */
    return PyUnicode_FromOrdinal(v > 0x10FFFF ? -1 : (int)v);
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

/* ---- Numeric vectors and buffers ----
 * Three ways numbers cross:
 * - in, borrowed: a buffer of exactly the item type is handed to Rust as it
 *   is; a Py_buffer in a capsule kept by the scope holds the exporter until
 *   the call ends. The capsules also remember whether the borrow is `&mut`,
 *   so two arguments that share memory cannot become an aliasing `&`/`&mut`
 *   pair in Rust.
 * - in, copied: any other sequence (or a strided or misaligned buffer) is
 *   converted into a PyMem array that the scope frees.
 * - out: a Rust Vec stays where it is, inside a vector object (VecF64, ...)
 *   that frees it with rsbind_vec_free when the last reference, and so the
 *   last buffer view (view->obj holds one), is gone. */

#if defined(_MSC_VER) && !defined(__clang__)
#define RSBIND_ALIGNOF(t) __alignof(t)
#else
#define RSBIND_ALIGNOF(t) _Alignof(t)
#endif

/* What each item kind is, for the buffer protocol and for messages. cls is
 * 'i' (signed), 'u' (unsigned), 'f' (float) or 'b' (bool). */
typedef struct rsbind_kind_info {
    const char *vec_name;  /* "VecF64" */
    const char *spec_name; /* "rsbind.VecF64": __module__ is "rsbind" */
    const char *rust_name; /* "f64" */
    const char *py_name;   /* "float" */
    char format[2];        /* "d": the struct module's native code */
    char cls;
    size_t size;
    size_t align;
} rsbind_kind_info;

/* isize and usize are exported as the fixed-size code of the same C type,
 * 'l'/'L' where long is pointer-sized (LP64, 32-bit) and 'q'/'Q' elsewhere
 * (64-bit Windows), not as 'n'/'N': numpy before 2.0 rejects 'n' and 'N' in
 * a buffer's format. Input accepts all of them. */
#define RSBIND_ISIZE_FORMAT {sizeof(long) == sizeof(intptr_t) ? 'l' : 'q', '\0'}
#define RSBIND_USIZE_FORMAT {sizeof(long) == sizeof(size_t) ? 'L' : 'Q', '\0'}

static const rsbind_kind_info rsbind_kinds[RSBIND_ITEM_KINDS] = {
    {"VecI8", "rsbind.VecI8", "i8", "int", "b", 'i',
     sizeof(int8_t), RSBIND_ALIGNOF(int8_t)},
    {"VecI16", "rsbind.VecI16", "i16", "int", "h", 'i',
     sizeof(int16_t), RSBIND_ALIGNOF(int16_t)},
    {"VecI32", "rsbind.VecI32", "i32", "int", "i", 'i',
     sizeof(int32_t), RSBIND_ALIGNOF(int32_t)},
    {"VecI64", "rsbind.VecI64", "i64", "int", "q", 'i',
     sizeof(int64_t), RSBIND_ALIGNOF(int64_t)},
    {"VecIsize", "rsbind.VecIsize", "isize", "int", RSBIND_ISIZE_FORMAT, 'i',
     sizeof(intptr_t), RSBIND_ALIGNOF(intptr_t)},
    {"VecU8", "rsbind.VecU8", "u8", "int", "B", 'u',
     sizeof(uint8_t), RSBIND_ALIGNOF(uint8_t)},
    {"VecU16", "rsbind.VecU16", "u16", "int", "H", 'u',
     sizeof(uint16_t), RSBIND_ALIGNOF(uint16_t)},
    {"VecU32", "rsbind.VecU32", "u32", "int", "I", 'u',
     sizeof(uint32_t), RSBIND_ALIGNOF(uint32_t)},
    {"VecU64", "rsbind.VecU64", "u64", "int", "Q", 'u',
     sizeof(uint64_t), RSBIND_ALIGNOF(uint64_t)},
    {"VecUsize", "rsbind.VecUsize", "usize", "int", RSBIND_USIZE_FORMAT, 'u',
     sizeof(size_t), RSBIND_ALIGNOF(size_t)},
    {"VecF32", "rsbind.VecF32", "f32", "float", "f", 'f',
     sizeof(float), RSBIND_ALIGNOF(float)},
    {"VecF64", "rsbind.VecF64", "f64", "float", "d", 'f',
     sizeof(double), RSBIND_ALIGNOF(double)},
    {"VecBool", "rsbind.VecBool", "bool", "bool", "?", 'b',
     sizeof(bool), RSBIND_ALIGNOF(bool)},
};

/* Where an empty run of items points: Rust wants a non-NULL, aligned pointer
 * even for zero items, and a buffer's buf should not be NULL either. Nothing
 * is ever read from or written to it. */
static union {
    long double ld;
    double d;
    uint64_t u;
    void *p;
    unsigned char bytes[16];
} rsbind_empty_items;

#define RSBIND_EMPTY_ITEMS ((void *)&rsbind_empty_items)

static int
check_kind(rsbind_item_kind kind)
{
    if ((unsigned int)kind >= (unsigned int)RSBIND_ITEM_KINDS) {
        PyErr_Format(PyExc_SystemError, "rsbind: unknown item kind %d",
                     (int)kind);
        return -1;
    }
    return 0;
}

/* One item of kind from Python into dst (aligned for kind), checked exactly
 * as a scalar argument of that type. */
static int
item_from_py(rsbind_item_kind kind, PyObject *obj, void *dst,
             rsbind_scope *scope, const rsbind_loc *loc)
{
    switch (kind) {
    case RSBIND_ITEM_I8:
        return rsbind_i8_from_py(obj, (int8_t *)dst, scope, loc);
    case RSBIND_ITEM_I16:
        return rsbind_i16_from_py(obj, (int16_t *)dst, scope, loc);
    case RSBIND_ITEM_I32:
        return rsbind_i32_from_py(obj, (int32_t *)dst, scope, loc);
    case RSBIND_ITEM_I64:
        return rsbind_i64_from_py(obj, (int64_t *)dst, scope, loc);
    case RSBIND_ITEM_ISIZE:
        return rsbind_isize_from_py(obj, (intptr_t *)dst, scope, loc);
    case RSBIND_ITEM_U8:
        return rsbind_u8_from_py(obj, (uint8_t *)dst, scope, loc);
    case RSBIND_ITEM_U16:
        return rsbind_u16_from_py(obj, (uint16_t *)dst, scope, loc);
    case RSBIND_ITEM_U32:
        return rsbind_u32_from_py(obj, (uint32_t *)dst, scope, loc);
    case RSBIND_ITEM_U64:
        return rsbind_u64_from_py(obj, (uint64_t *)dst, scope, loc);
    case RSBIND_ITEM_USIZE:
        return rsbind_usize_from_py(obj, (size_t *)dst, scope, loc);
    case RSBIND_ITEM_F32:
        return rsbind_f32_from_py(obj, (float *)dst, scope, loc);
    case RSBIND_ITEM_F64:
        return rsbind_f64_from_py(obj, (double *)dst, scope, loc);
    case RSBIND_ITEM_BOOL:
        return rsbind_bool_from_py(obj, (bool *)dst, scope, loc);
    default:
        return check_kind(kind);
    }
}

/* One item of kind at src (aligned) as a Python object. */
static PyObject *
item_to_py(rsbind_item_kind kind, const void *src)
{
    switch (kind) {
    case RSBIND_ITEM_I8:
        return rsbind_i8_to_py(*(const int8_t *)src);
    case RSBIND_ITEM_I16:
        return rsbind_i16_to_py(*(const int16_t *)src);
    case RSBIND_ITEM_I32:
        return rsbind_i32_to_py(*(const int32_t *)src);
    case RSBIND_ITEM_I64:
        return rsbind_i64_to_py(*(const int64_t *)src);
    case RSBIND_ITEM_ISIZE:
        return rsbind_isize_to_py(*(const intptr_t *)src);
    case RSBIND_ITEM_U8:
        return rsbind_u8_to_py(*(const uint8_t *)src);
    case RSBIND_ITEM_U16:
        return rsbind_u16_to_py(*(const uint16_t *)src);
    case RSBIND_ITEM_U32:
        return rsbind_u32_to_py(*(const uint32_t *)src);
    case RSBIND_ITEM_U64:
        return rsbind_u64_to_py(*(const uint64_t *)src);
    case RSBIND_ITEM_USIZE:
        return rsbind_usize_to_py(*(const size_t *)src);
    case RSBIND_ITEM_F32:
        return rsbind_f32_to_py(*(const float *)src);
    case RSBIND_ITEM_F64:
        return rsbind_f64_to_py(*(const double *)src);
    case RSBIND_ITEM_BOOL:
        /* Read as a byte: a buffer consumer (numpy) may have stored a value
         * other than 0 or 1, and reading that as a C bool is undefined. */
        return rsbind_bool_to_py(*(const uint8_t *)src != 0);
    default:
        check_kind(kind);
        return NULL;
    }
}

/* Whether a buffer's format string describes exactly one item of kind: an
 * optional byte-order prefix ('@', '=', or the host's own '<'/'>'/'!'), then
 * one struct code whose class (signed, unsigned, float, bool) and size are
 * the kind's. 'l' and 'q' are thus both i64 on LP64, '<l' is i32, and 'e'
 * (half) matches nothing. itemsize must agree too. */
static int
format_matches(const char *format, Py_ssize_t itemsize, rsbind_item_kind kind)
{
    const rsbind_kind_info *info = &rsbind_kinds[kind];
    int native = 1;
    size_t size;
    char cls;

    if (format == NULL) {
        format = "B"; /* what the buffer protocol says NULL means */
    }
    switch (format[0]) {
    case '@':
        format++;
        break;
    case '=':
        native = 0;
        format++;
        break;
    case '<':
#if PY_LITTLE_ENDIAN
        native = 0;
        format++;
        break;
#else
        return 0;
#endif
    case '>':
    case '!':
#if PY_LITTLE_ENDIAN
        return 0;
#else
        native = 0;
        format++;
        break;
#endif
    default:
        break;
    }
    if (format[0] == '\0' || format[1] != '\0') {
        return 0;
    }
    switch (format[0]) {
    case 'b': cls = 'i'; size = 1; break;
    case 'B': cls = 'u'; size = 1; break;
    case 'h': cls = 'i'; size = native ? sizeof(short) : 2; break;
    case 'H': cls = 'u'; size = native ? sizeof(short) : 2; break;
    case 'i': cls = 'i'; size = native ? sizeof(int) : 4; break;
    case 'I': cls = 'u'; size = native ? sizeof(int) : 4; break;
    case 'l': cls = 'i'; size = native ? sizeof(long) : 4; break;
    case 'L': cls = 'u'; size = native ? sizeof(long) : 4; break;
    case 'q': cls = 'i'; size = native ? sizeof(long long) : 8; break;
    case 'Q': cls = 'u'; size = native ? sizeof(long long) : 8; break;
    case 'n':
    case 'N':
        /* Only native in the struct module. */
        if (!native) {
            return 0;
        }
        cls = format[0] == 'n' ? 'i' : 'u';
        size = sizeof(Py_ssize_t);
        break;
    case 'f': cls = 'f'; size = 4; break;
    case 'd': cls = 'f'; size = 8; break;
    case '?': cls = 'b'; size = native ? sizeof(bool) : 1; break;
    default:
        return 0;
    }
    return cls == info->cls && size == info->size
           && itemsize == (Py_ssize_t)info->size;
}

/* ValueError "<loc> must have N items, not M". */
static int
length_error(const rsbind_loc *loc, Py_ssize_t expected, Py_ssize_t got)
{
    char message[96];

    snprintf(message, sizeof(message), "must have %zd item%s, not %zd",
             expected, expected == 1 ? "" : "s", got);
    return rsbind_loc_error(PyExc_ValueError, loc, message);
}

/* Raises TypeError "<loc> must be <expected>, not <type>" with the exception
 * that is pending (why a buffer request failed: read-only, not contiguous)
 * as its __context__, so the traceback says both. Returns -1. */
static int
type_error_with_context(const rsbind_loc *loc, const char *expected,
                        PyObject *obj)
{
    PyObject *type, *value, *tb, *type2, *value2, *tb2;

    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb != NULL && value != NULL) {
        PyException_SetTraceback(value, tb);
    }
    rsbind_type_error(loc, expected, obj);
    PyErr_Fetch(&type2, &value2, &tb2);
    PyErr_NormalizeException(&type2, &value2, &tb2);
    if (value2 != NULL && value != NULL) {
        PyException_SetContext(value2, value); /* steals value */
        value = NULL;
    }
    PyErr_Restore(type2, value2, tb2);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return -1;
}

/* A failed PyObject_GetBuffer that only says "not this kind of buffer", as
 * opposed to MemoryError, KeyboardInterrupt and the like, which propagate. */
static int
buffer_refused(void)
{
    return PyErr_ExceptionMatches(PyExc_BufferError)
           || PyErr_ExceptionMatches(PyExc_ValueError)
           || PyErr_ExceptionMatches(PyExc_TypeError);
}

/* A buffer borrowed for one call, owned by a capsule that the scope keeps. */
typedef struct rsbind_buffer_borrow {
    Py_buffer view;
    bool exclusive; /* borrowed as `&mut [T]` */
} rsbind_buffer_borrow;

static const char rsbind_buffer_capsule[] = "rsbind.buffer";
static const char rsbind_mem_capsule[] = "rsbind.mem";

static void
buffer_capsule_free(PyObject *capsule)
{
    rsbind_buffer_borrow *borrow =
        PyCapsule_GetPointer(capsule, rsbind_buffer_capsule);

    if (borrow == NULL) {
        PyErr_Clear();
        return;
    }
    PyBuffer_Release(&borrow->view);
    PyMem_Free(borrow);
}

static void
mem_capsule_free(PyObject *capsule)
{
    void *mem = PyCapsule_GetPointer(capsule, rsbind_mem_capsule);

    if (mem == NULL) {
        PyErr_Clear();
        return;
    }
    PyMem_Free(mem);
}

/* Drops a borrow that never reached the scope. */
static void
borrow_free(rsbind_buffer_borrow *borrow)
{
    PyBuffer_Release(&borrow->view);
    PyMem_Free(borrow);
}

/* Hands borrow (its view acquired) to the scope. On failure the view is
 * released and the block freed. */
static int
scope_keep_borrow(rsbind_scope *scope, rsbind_buffer_borrow *borrow)
{
    PyObject *capsule =
        PyCapsule_New(borrow, rsbind_buffer_capsule, buffer_capsule_free);

    if (capsule == NULL) {
        borrow_free(borrow);
        return -1;
    }
    /* From here the capsule owns borrow, also when keep fails. */
    return rsbind_scope_keep(scope, capsule);
}

int
rsbind_scope_keep_mem(rsbind_scope *scope, void *mem)
{
    PyObject *capsule;

    /* NULL is a failed allocation, as NULL is a failed constructor for
     * rsbind_scope_keep. */
    if (mem == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        return -1;
    }
    capsule = PyCapsule_New(mem, rsbind_mem_capsule, mem_capsule_free);
    if (capsule == NULL) {
        PyMem_Free(mem);
        return -1;
    }
    return rsbind_scope_keep(scope, capsule);
}

/* Rust must never see a `&mut [T]` that overlaps another slice of the same
 * call: two arguments may be views of one array (f(a, a), f(a[:5], a[2:])).
 * Shared borrows may overlap each other; an exclusive one may overlap
 * nothing. The borrows of this call are the buffer capsules in the scope. */
static int
check_aliasing(rsbind_scope *scope, const void *buf, Py_ssize_t len,
               bool exclusive, const rsbind_loc *loc)
{
    uintptr_t start = (uintptr_t)buf, end = start + (uintptr_t)len;
    Py_ssize_t i;

    if (len == 0) {
        return 0;
    }
    for (i = 0; i < scope->len; i++) {
        PyObject *obj = scope->refs[i];
        const rsbind_buffer_borrow *other;
        uintptr_t other_start, other_end;

        if (!PyCapsule_CheckExact(obj)
            || PyCapsule_GetName(obj) != rsbind_buffer_capsule) {
            continue;
        }
        other = PyCapsule_GetPointer(obj, rsbind_buffer_capsule);
        if (other == NULL) {
            return -1;
        }
        if (!exclusive && !other->exclusive) {
            continue;
        }
        other_start = (uintptr_t)other->view.buf;
        other_end = other_start + (uintptr_t)other->view.len;
        if (start < other_end && other_start < end) {
            return rsbind_loc_error(
                PyExc_RuntimeError, loc,
                other->exclusive
                    ? "is already mutably borrowed (it shares memory with "
                      "another argument)"
                    : "is already borrowed (it shares memory with another "
                      "argument)");
        }
    }
    return 0;
}

/* Whether every byte of a bool buffer is 0 or 1, as a Rust bool must be. */
static bool
bools_valid(const void *buf, Py_ssize_t len)
{
    const uint8_t *bytes = buf;
    for (Py_ssize_t i = 0; i < len; i++) {
        if (bytes[i] > 1) {
            return false;
        }
    }
    return true;
}

/* Every nonzero byte becomes 1. */
static void
normalize_bools(void *buf, Py_ssize_t len)
{
    uint8_t *bytes = buf;
    for (Py_ssize_t i = 0; i < len; i++) {
        bytes[i] = bytes[i] != 0;
    }
}

/* Every byte of a bool buffer must be 0 or 1: anything else is undefined
 * behaviour as a Rust bool. */
static int
check_bools(const void *buf, Py_ssize_t len, const rsbind_loc *loc)
{
    const uint8_t *bytes = buf;
    Py_ssize_t i;

    for (i = 0; i < len; i++) {
        if (bytes[i] > 1) {
            rsbind_loc item = {NULL, NULL, loc, i};
            char message[64];

            snprintf(message, sizeof(message),
                     "is not a valid bool (byte value %u)",
                     (unsigned int)bytes[i]);
            return rsbind_loc_error(PyExc_ValueError, &item, message);
        }
    }
    return 0;
}

/* "a buffer of f64 (format 'd') or a sequence of float" */
static void
describe_numbers(rsbind_item_kind kind, bool writable, char *buf, size_t size)
{
    const rsbind_kind_info *info = &rsbind_kinds[kind];

    if (writable) {
        snprintf(buf, size, "a writable buffer of %s (format '%s')",
                 info->rust_name, info->format);
    }
    else {
        snprintf(buf, size, "a buffer of %s (format '%s') or a sequence of %s",
                 info->rust_name, info->format, info->py_name);
    }
}

static int
numbers_type_error(const rsbind_loc *loc, rsbind_item_kind kind,
                   bool writable, PyObject *obj, bool with_context)
{
    char expected[128];

    describe_numbers(kind, writable, expected, sizeof(expected));
    if (with_context) {
        return type_error_with_context(loc, expected, obj);
    }
    return rsbind_type_error(loc, expected, obj);
}

/* The buffer path of rsbind_numbers_from_py. Returns 0 (out set), -1 (an
 * exception), or 1: obj offers no buffer of this kind; try it as a sequence. */
static int
numbers_from_buffer(PyObject *obj, rsbind_item_kind kind,
                    Py_ssize_t expected_len, rsbind_slice *out,
                    rsbind_scope *scope, const rsbind_loc *loc)
{
    const rsbind_kind_info *info = &rsbind_kinds[kind];
    rsbind_buffer_borrow *borrow;
    Py_buffer *view;
    Py_ssize_t len;
    void *copy;

    borrow = PyMem_Malloc(sizeof(*borrow));
    if (borrow == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    /* Strides rather than C_CONTIGUOUS: a strided 1-D buffer (a numpy
     * column, memoryview[::2]) of the right type is copied below in one
     * pass instead of failing over to item-by-item conversion. */
    if (PyObject_GetBuffer(obj, &borrow->view,
                           PyBUF_FORMAT | PyBUF_STRIDES) < 0) {
        PyMem_Free(borrow);
        if (buffer_refused()) {
            PyErr_Clear();
            return 1;
        }
        return -1;
    }
    view = &borrow->view;
    if (view->ndim > 1 || !format_matches(view->format, view->itemsize, kind)) {
        borrow_free(borrow);
        return 1;
    }
    len = view->len / view->itemsize;
    if (expected_len >= 0 && len != expected_len) {
        borrow_free(borrow);
        return length_error(loc, expected_len, len);
    }
    if (len == 0) {
        borrow_free(borrow);
        out->ptr = RSBIND_EMPTY_ITEMS;
        out->len = 0;
        return 0;
    }
    if (!PyBuffer_IsContiguous(view, 'C')
        || (uintptr_t)view->buf % info->align != 0
        || (kind == RSBIND_ITEM_BOOL && !bools_valid(view->buf, len))) {
        /* Rust needs contiguous, aligned items: copy (a misaligned buffer is
         * e.g. memoryview(b)[1:].cast('d')). A bool buffer with bytes other
         * than 0 and 1 is copied too, each byte read as truthy, as struct and
         * memoryview read it: any other byte is no Rust bool. */
        copy = PyMem_Malloc((size_t)view->len);
        if (copy == NULL) {
            borrow_free(borrow);
            PyErr_NoMemory();
            return -1;
        }
        if (PyBuffer_ToContiguous(copy, view, view->len, 'C') < 0) {
            PyMem_Free(copy);
            borrow_free(borrow);
            return -1;
        }
        borrow_free(borrow);
        if (kind == RSBIND_ITEM_BOOL) {
            normalize_bools(copy, len);
        }
        if (rsbind_scope_keep_mem(scope, copy) < 0) {
            return -1;
        }
        out->ptr = copy;
        out->len = (size_t)len;
        return 0;
    }
    if (check_aliasing(scope, view->buf, view->len, false, loc) < 0) {
        borrow_free(borrow);
        return -1;
    }
    borrow->exclusive = false;
    out->ptr = view->buf;
    out->len = (size_t)len;
    return scope_keep_borrow(scope, borrow);
}

/* Sequences whose items a numbers or general sequence argument converts:
 * str, bytes and bytearray are sequences too, but taking one apart item by
 * item is almost always a mistake. */
static int
is_item_sequence(PyObject *obj)
{
    return !PyUnicode_Check(obj) && !PyBytes_Check(obj)
           && !PyByteArray_Check(obj) && PySequence_Check(obj);
}

/* The sequence path of rsbind_numbers_from_py: every item converted into a
 * PyMem array that the scope frees. */
static int
numbers_from_sequence(PyObject *obj, rsbind_item_kind kind,
                      Py_ssize_t expected_len, rsbind_slice *out,
                      rsbind_scope *scope, const rsbind_loc *loc)
{
    size_t size = rsbind_kinds[kind].size;
    PyObject *fast;
    Py_ssize_t n, i;
    char *items;

    fast = PySequence_Fast(obj, "expected a sequence");
    if (fast == NULL) {
        return -1;
    }
    n = PySequence_Fast_GET_SIZE(fast);
    if (expected_len >= 0 && n != expected_len) {
        Py_DECREF(fast);
        return length_error(loc, expected_len, n);
    }
    if (n == 0) {
        Py_DECREF(fast);
        out->ptr = RSBIND_EMPTY_ITEMS;
        out->len = 0;
        return 0;
    }
    if ((size_t)n > (size_t)PY_SSIZE_T_MAX / size) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    items = PyMem_Malloc((size_t)n * size);
    if (items == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++) {
        rsbind_loc item_loc = {NULL, NULL, loc, i};
        PyObject *item;
        int status;

        /* PySequence_Fast hands back a list itself, and converting an item
         * can run Python code (__index__, __float__) that changes it. */
        if (PySequence_Fast_GET_SIZE(fast) != n) {
            rsbind_loc_error(PyExc_RuntimeError, loc,
                             "changed size during conversion");
            goto fail;
        }
        item = PySequence_Fast_GET_ITEM(fast, i);
        /* The common case, a list of floats: no Python code can run. */
        if (kind == RSBIND_ITEM_F64 && PyFloat_CheckExact(item)) {
            ((double *)(void *)items)[i] = PyFloat_AS_DOUBLE(item);
            continue;
        }
        Py_INCREF(item);
        status = item_from_py(kind, item, items + (size_t)i * size, scope,
                              &item_loc);
        Py_DECREF(item);
        if (status < 0) {
            goto fail;
        }
    }
    Py_DECREF(fast);
    if (rsbind_scope_keep_mem(scope, items) < 0) {
        return -1;
    }
    out->ptr = items;
    out->len = (size_t)n;
    return 0;
fail:
    Py_DECREF(fast);
    PyMem_Free(items);
    return -1;
}

int
rsbind_numbers_from_py(PyObject *obj, rsbind_item_kind kind,
                       Py_ssize_t expected_len, rsbind_slice *out,
                       rsbind_scope *scope, const rsbind_loc *loc)
{
    if (check_kind(kind) < 0) {
        return -1;
    }
    /* bool buffers ('?', numpy bool arrays) are borrowed too, once every
     * byte is checked to be 0 or 1. */
    if (PyObject_CheckBuffer(obj)) {
        int status = numbers_from_buffer(obj, kind, expected_len, out, scope,
                                         loc);
        if (status <= 0) {
            return status;
        }
    }
    if (is_item_sequence(obj)) {
        return numbers_from_sequence(obj, kind, expected_len, out, scope,
                                     loc);
    }
    return numbers_type_error(loc, kind, false, obj, false);
}

int
rsbind_numbers_mut_from_py(PyObject *obj, rsbind_item_kind kind,
                           rsbind_slice_mut *out, rsbind_scope *scope,
                           const rsbind_loc *loc)
{
    rsbind_buffer_borrow *borrow;
    Py_buffer *view;
    Py_ssize_t len;

    if (check_kind(kind) < 0) {
        return -1;
    }
    if (!PyObject_CheckBuffer(obj)) {
        return numbers_type_error(loc, kind, true, obj, false);
    }
    borrow = PyMem_Malloc(sizeof(*borrow));
    if (borrow == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PyObject_GetBuffer(obj, &borrow->view,
                           PyBUF_WRITABLE | PyBUF_FORMAT
                               | PyBUF_C_CONTIGUOUS) < 0) {
        PyMem_Free(borrow);
        if (buffer_refused()) {
            /* Read-only (bytes, a read-only array) or not contiguous: the
             * exporter's reason becomes the TypeError's __context__. */
            return numbers_type_error(loc, kind, true, obj, true);
        }
        return -1;
    }
    view = &borrow->view;
    if (view->readonly || view->ndim > 1
        || !format_matches(view->format, view->itemsize, kind)) {
        borrow_free(borrow);
        return numbers_type_error(loc, kind, true, obj, false);
    }
    len = view->len / view->itemsize;
    if (len == 0) {
        borrow_free(borrow);
        out->ptr = RSBIND_EMPTY_ITEMS;
        out->len = 0;
        return 0;
    }
    if ((uintptr_t)view->buf % rsbind_kinds[kind].align != 0) {
        char message[64];

        borrow_free(borrow);
        snprintf(message, sizeof(message), "buffer is not aligned for %s",
                 rsbind_kinds[kind].rust_name);
        return rsbind_loc_error(PyExc_ValueError, loc, message);
    }
    if ((kind == RSBIND_ITEM_BOOL && check_bools(view->buf, len, loc) < 0)
        || check_aliasing(scope, view->buf, view->len, true, loc) < 0) {
        borrow_free(borrow);
        return -1;
    }
    borrow->exclusive = true;
    out->ptr = view->buf;
    out->len = (size_t)len;
    return scope_keep_borrow(scope, borrow);
}

int
rsbind_bytes_from_py(PyObject *obj, Py_ssize_t expected_len,
                     rsbind_slice *out, rsbind_scope *scope,
                     const rsbind_loc *loc)
{
    rsbind_buffer_borrow *borrow;
    Py_buffer *view;
    void *copy;

    if (!PyObject_CheckBuffer(obj)) {
        return rsbind_type_error(loc, "a bytes-like object", obj);
    }
    borrow = PyMem_Malloc(sizeof(*borrow));
    if (borrow == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    /* Strides, so a strided buffer is copied rather than refused. */
    if (PyObject_GetBuffer(obj, &borrow->view, PyBUF_STRIDES) < 0) {
        PyMem_Free(borrow);
        if (buffer_refused()) {
            return type_error_with_context(loc, "a bytes-like object", obj);
        }
        return -1;
    }
    view = &borrow->view;
    if (expected_len >= 0 && view->len != expected_len) {
        Py_ssize_t len = view->len;

        borrow_free(borrow);
        return length_error(loc, expected_len, len);
    }
    if (view->len == 0) {
        borrow_free(borrow);
        out->ptr = RSBIND_EMPTY_ITEMS;
        out->len = 0;
        return 0;
    }
    if (!PyBuffer_IsContiguous(view, 'C')) {
        copy = PyMem_Malloc((size_t)view->len);
        if (copy == NULL) {
            borrow_free(borrow);
            PyErr_NoMemory();
            return -1;
        }
        if (PyBuffer_ToContiguous(copy, view, view->len, 'C') < 0) {
            PyMem_Free(copy);
            borrow_free(borrow);
            return -1;
        }
        out->len = (size_t)view->len;
        borrow_free(borrow);
        if (rsbind_scope_keep_mem(scope, copy) < 0) {
            return -1;
        }
        out->ptr = copy;
        return 0;
    }
    if (check_aliasing(scope, view->buf, view->len, false, loc) < 0) {
        borrow_free(borrow);
        return -1;
    }
    borrow->exclusive = false;
    out->ptr = view->buf;
    out->len = (size_t)view->len;
    return scope_keep_borrow(scope, borrow);
}

/* ---- Vector objects ----
 * VecF64 and its siblings: a fixed-length run of items in memory the object
 * owns (a Rust Vec's buffer, or PyMem for vectors made here), freed by
 * free_fn in dealloc. A buffer view holds a reference to the object
 * (view->obj), so dealloc, and the free, come only after the last view is
 * released; exports counts the views for inspection, not for lifetime. */

typedef void (*rsbind_vec_free_fn)(void *ptr, size_t cap, size_t size,
                                   size_t align);

typedef struct rsbind_vector {
    PyObject_HEAD
    void *ptr;        /* NULL or dangling (never read) when len == 0 */
    Py_ssize_t len;
    size_t cap;
    rsbind_item_kind kind;
    Py_ssize_t exports;
    Py_ssize_t stride; /* the item size, pointed to by views' strides */
    rsbind_vec_free_fn free_fn;
} rsbind_vector;

static PyTypeObject *rsbind_vector_types[RSBIND_ITEM_KINDS];

PyTypeObject *
rsbind_vector_type(rsbind_item_kind kind)
{
    if (check_kind(kind) < 0) {
        return NULL;
    }
    if (rsbind_vector_types[kind] == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
    }
    return rsbind_vector_types[kind];
}

/* free_fn of vectors made in C (slices, the constructor). */
static void
pymem_vec_free(void *ptr, size_t cap, size_t size, size_t align)
{
    (void)cap;
    (void)size;
    (void)align;
    PyMem_Free(ptr);
}

static void
vector_release_memory(rsbind_vec_free_fn free_fn, void *ptr, size_t cap,
                      rsbind_item_kind kind)
{
    free_fn(ptr, cap, rsbind_kinds[kind].size, rsbind_kinds[kind].align);
}

/* A new vector owning ptr (freed with free_fn); on failure ptr is freed.
 * kind is valid. */
static PyObject *
vector_new_owning(rsbind_item_kind kind, void *ptr, size_t len, size_t cap,
                  rsbind_vec_free_fn free_fn)
{
    PyTypeObject *type = rsbind_vector_type(kind);
    rsbind_vector *self;

    if (type == NULL) {
        vector_release_memory(free_fn, ptr, cap, kind);
        return NULL;
    }
    if (len > (size_t)PY_SSIZE_T_MAX / rsbind_kinds[kind].size) {
        vector_release_memory(free_fn, ptr, cap, kind);
        PyErr_SetString(PyExc_OverflowError, "Rust Vec too large for Python");
        return NULL;
    }
    self = (rsbind_vector *)type->tp_alloc(type, 0);
    if (self == NULL) {
        vector_release_memory(free_fn, ptr, cap, kind);
        return NULL;
    }
    self->ptr = ptr;
    self->len = (Py_ssize_t)len;
    self->cap = cap;
    self->kind = kind;
    self->exports = 0;
    self->stride = (Py_ssize_t)rsbind_kinds[kind].size;
    self->free_fn = free_fn;
    return (PyObject *)self;
}

/* A new vector holding a copy of n items at src. */
static PyObject *
vector_new_copy(rsbind_item_kind kind, const void *src, Py_ssize_t n)
{
    size_t size = rsbind_kinds[kind].size;
    void *mem = NULL;

    if (n > 0) {
        if ((size_t)n > (size_t)PY_SSIZE_T_MAX / size) {
            return PyErr_NoMemory();
        }
        mem = PyMem_Malloc((size_t)n * size);
        if (mem == NULL) {
            return PyErr_NoMemory();
        }
        memcpy(mem, src, (size_t)n * size);
    }
    return vector_new_owning(kind, mem, (size_t)n, (size_t)n, pymem_vec_free);
}

PyObject *
rsbind_numbers_to_py(rsbind_vec v, rsbind_item_kind kind)
{
    if (check_kind(kind) < 0) {
        /* The item size is unknown, so Rust cannot be told how to free the
         * buffer: it leaks. Only a broken stub gets here. */
        return NULL;
    }
    return vector_new_owning(kind, v.ptr, v.len, v.cap, rsbind_vec_free);
}

PyObject *
rsbind_bytes_to_py(rsbind_vec v)
{
    PyObject *result = NULL;

    if (check_buffer_len(v.len) == 0) {
        /* An empty Vec's pointer is dangling. */
        result = PyBytes_FromStringAndSize(v.len == 0 ? "" : (const char *)v.ptr,
                                           (Py_ssize_t)v.len);
    }
    rsbind_vec_free(v.ptr, v.cap, 1, 1);
    return result;
}

static void
vector_dealloc(PyObject *op)
{
    rsbind_vector *self = (rsbind_vector *)op;
    PyTypeObject *type = Py_TYPE(op);

    /* exports is 0 here: every view holds a reference to op. */
    vector_release_memory(self->free_fn, self->ptr, self->cap, self->kind);
    self->ptr = NULL;
    self->len = 0;
    type->tp_free(op);
    Py_DECREF(type);
}

static const char *
vector_name(PyObject *op)
{
    return rsbind_kinds[((rsbind_vector *)op)->kind].vec_name;
}

static char *
vector_at(rsbind_vector *self, Py_ssize_t i)
{
    return (char *)self->ptr + (size_t)i * rsbind_kinds[self->kind].size;
}

static Py_ssize_t
vector_length(PyObject *op)
{
    return ((rsbind_vector *)op)->len;
}

static PyObject *
vector_item(PyObject *op, Py_ssize_t i)
{
    rsbind_vector *self = (rsbind_vector *)op;

    if (i < 0 || i >= self->len) {
        PyErr_Format(PyExc_IndexError, "%s index out of range",
                     vector_name(op));
        return NULL;
    }
    return item_to_py(self->kind, vector_at(self, i));
}

/* Converts value into item i (already in range): the item is written only
 * once the conversion has succeeded. */
static int
vector_store(rsbind_vector *self, Py_ssize_t i, PyObject *value)
{
    rsbind_loc loc = {rsbind_kinds[self->kind].vec_name, NULL, NULL,
                      RSBIND_LOC_NAME};
    union {
        uint64_t u;
        double d;
        unsigned char bytes[16];
    } tmp;
    rsbind_scope scope;
    char label[48];
    int status;

    snprintf(label, sizeof(label), "%s item", rsbind_kinds[self->kind].vec_name);
    loc.func = label;
    rsbind_scope_init(&scope);
    status = item_from_py(self->kind, value, &tmp, &scope, &loc);
    rsbind_scope_release(&scope);
    if (status < 0) {
        return -1;
    }
    /* A __index__ cannot resize a vector, so i is still in range. */
    memcpy(vector_at(self, i), &tmp, rsbind_kinds[self->kind].size);
    return 0;
}

static int
vector_ass_item(PyObject *op, Py_ssize_t i, PyObject *value)
{
    rsbind_vector *self = (rsbind_vector *)op;

    if (value == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'%s' object doesn't support item deletion",
                     vector_name(op));
        return -1;
    }
    if (i < 0 || i >= self->len) {
        PyErr_Format(PyExc_IndexError, "%s assignment index out of range",
                     vector_name(op));
        return -1;
    }
    return vector_store(self, i, value);
}

/* Slicing returns a new vector holding a copy, like list and array.array
 * do, not a view: a view would share the Rust buffer, which this type then
 * could not free independently, and memoryview(v)[a:b] or numpy give views
 * when a view is wanted. */
static PyObject *
vector_subscript(PyObject *op, PyObject *key)
{
    rsbind_vector *self = (rsbind_vector *)op;

    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);

        if (i == -1 && PyErr_Occurred()) {
            return NULL;
        }
        if (i < 0) {
            i += self->len;
        }
        return vector_item(op, i);
    }
    if (PySlice_Check(key)) {
        size_t size = rsbind_kinds[self->kind].size;
        Py_ssize_t start, stop, step, n, k;
        char *dst;

        if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
            return NULL;
        }
        n = PySlice_AdjustIndices(self->len, &start, &stop, step);
        if (n == 0) {
            return vector_new_copy(self->kind, NULL, 0);
        }
        if (step == 1) {
            return vector_new_copy(self->kind, vector_at(self, start), n);
        }
        dst = PyMem_Malloc((size_t)n * size);
        if (dst == NULL) {
            return PyErr_NoMemory();
        }
        for (k = 0; k < n; k++) {
            memcpy(dst + (size_t)k * size, vector_at(self, start + k * step),
                   size);
        }
        return vector_new_owning(self->kind, dst, (size_t)n, (size_t)n,
                                 pymem_vec_free);
    }
    PyErr_Format(PyExc_TypeError,
                 "%s indices must be integers or slices, not %.200s",
                 vector_name(op), Py_TYPE(key)->tp_name);
    return NULL;
}

/* The length is fixed (it is a Rust Vec's, and views may be out), so slice
 * assignment takes exactly as many items as the slice has, from any sequence
 * or buffer that a `&[T]` argument would take; other lengths: ValueError. */
static int
vector_ass_slice(rsbind_vector *self, PyObject *key, PyObject *value)
{
    size_t size = rsbind_kinds[self->kind].size;
    Py_ssize_t start, stop, step, n, k;
    char label[48];
    rsbind_loc loc = {label, NULL, NULL, RSBIND_LOC_NAME};
    rsbind_scope scope;
    rsbind_slice src;
    const char *from, *mine;
    void *tmp = NULL;

    if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
        return -1;
    }
    n = PySlice_AdjustIndices(self->len, &start, &stop, step);
    snprintf(label, sizeof(label), "%s slice",
             rsbind_kinds[self->kind].vec_name);
    rsbind_scope_init(&scope);
    if (rsbind_numbers_from_py(value, self->kind, n, &src, &scope, &loc) < 0) {
        rsbind_scope_release(&scope);
        return -1;
    }
    if (n == 0) {
        rsbind_scope_release(&scope);
        return 0;
    }
    /* v[1:] = v[:-1] and v[::2] = memoryview(v)[1::2] read the memory they
     * write: copy the source first when the two overlap. */
    from = src.ptr;
    mine = self->ptr;
    if (from < mine + (size_t)self->len * size && mine < from + (size_t)n * size) {
        tmp = PyMem_Malloc((size_t)n * size);
        if (tmp == NULL) {
            rsbind_scope_release(&scope);
            PyErr_NoMemory();
            return -1;
        }
        memcpy(tmp, from, (size_t)n * size);
        from = tmp;
    }
    if (step == 1) {
        memcpy(vector_at(self, start), from, (size_t)n * size);
    }
    else {
        for (k = 0; k < n; k++) {
            memcpy(vector_at(self, start + k * step), from + (size_t)k * size,
                   size);
        }
    }
    PyMem_Free(tmp);
    rsbind_scope_release(&scope);
    return 0;
}

static int
vector_ass_subscript(PyObject *op, PyObject *key, PyObject *value)
{
    rsbind_vector *self = (rsbind_vector *)op;

    if (value == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "'%s' object doesn't support item deletion",
                     vector_name(op));
        return -1;
    }
    if (PyIndex_Check(key)) {
        Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);

        if (i == -1 && PyErr_Occurred()) {
            return -1;
        }
        if (i < 0) {
            i += self->len;
        }
        return vector_ass_item(op, i, value);
    }
    if (PySlice_Check(key)) {
        return vector_ass_slice(self, key, value);
    }
    PyErr_Format(PyExc_TypeError,
                 "%s indices must be integers or slices, not %.200s",
                 vector_name(op), Py_TYPE(key)->tp_name);
    return -1;
}

/* `x in v` means what it means for list(v): any x equal to an item. Exact
 * ints in integer vectors, floats in float vectors and bools in VecBool are
 * compared in C; anything else (1.0 in VecI32, numpy scalars, Fraction)
 * item by item with ==. An int that does not fit the item type is simply
 * not in. */
static int
vector_contains(PyObject *op, PyObject *value)
{
    rsbind_vector *self = (rsbind_vector *)op;
    const rsbind_kind_info *info = &rsbind_kinds[self->kind];
    Py_ssize_t i;

    if (info->cls == 'f' && PyFloat_CheckExact(value)) {
        double x = PyFloat_AS_DOUBLE(value);

        for (i = 0; i < self->len; i++) {
            double item = self->kind == RSBIND_ITEM_F32
                              ? (double)((const float *)self->ptr)[i]
                              : ((const double *)self->ptr)[i];
            if (item == x) {
                return 1;
            }
        }
        return 0;
    }
    if ((info->cls == 'i' || info->cls == 'u') && PyLong_CheckExact(value)) {
        union {
            uint64_t u;
            double d;
            unsigned char bytes[16];
        } tmp;
        rsbind_loc loc = {info->vec_name, NULL, NULL, RSBIND_LOC_NAME};

        if (item_from_py(self->kind, value, &tmp, NULL, &loc) < 0) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                return 0;
            }
            return -1;
        }
        for (i = 0; i < self->len; i++) {
            if (memcmp(vector_at(self, i), &tmp, info->size) == 0) {
                return 1;
            }
        }
        return 0;
    }
    if (info->cls == 'b' && PyBool_Check(value)) {
        uint8_t x = value == Py_True;

        for (i = 0; i < self->len; i++) {
            if ((((const uint8_t *)self->ptr)[i] != 0) == x) {
                return 1;
            }
        }
        return 0;
    }
    for (i = 0; i < self->len; i++) {
        PyObject *item = item_to_py(self->kind, vector_at(self, i));
        int equal;

        if (item == NULL) {
            return -1;
        }
        equal = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (equal != 0) {
            return equal;
        }
    }
    return 0;
}

/* The items as a new list. */
static PyObject *
vector_to_list(rsbind_vector *self)
{
    PyObject *list = PyList_New(self->len);
    Py_ssize_t i;

    if (list == NULL) {
        return NULL;
    }
    for (i = 0; i < self->len; i++) {
        PyObject *item = item_to_py(self->kind, vector_at(self, i));

        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

static PyObject *
vector_repr(PyObject *op)
{
    PyObject *list = vector_to_list((rsbind_vector *)op), *result;

    if (list == NULL) {
        return NULL;
    }
    result = PyUnicode_FromFormat("%s(%R)", vector_name(op), list);
    Py_DECREF(list);
    return result;
}

/* == and != with a vector of the same class, item by item (so NaN != NaN
 * and 0.0 == -0.0 as in Python); anything else is NotImplemented, which
 * makes == fall back to identity, as a list compared with a tuple does. */
static PyObject *
vector_richcompare(PyObject *a, PyObject *b, int op)
{
    rsbind_vector *x = (rsbind_vector *)a, *y;
    int equal = 1;
    Py_ssize_t i;

    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    y = (rsbind_vector *)b;
    if (x->len != y->len) {
        equal = 0;
    }
    else if (x->len == 0) {
        equal = 1;
    }
    else if (x->kind == RSBIND_ITEM_F64) {
        for (i = 0; i < x->len && equal; i++) {
            equal = ((const double *)x->ptr)[i] == ((const double *)y->ptr)[i];
        }
    }
    else if (x->kind == RSBIND_ITEM_F32) {
        for (i = 0; i < x->len && equal; i++) {
            equal = ((const float *)x->ptr)[i] == ((const float *)y->ptr)[i];
        }
    }
    else if (x->kind == RSBIND_ITEM_BOOL) {
        for (i = 0; i < x->len && equal; i++) {
            equal = (((const uint8_t *)x->ptr)[i] != 0)
                    == (((const uint8_t *)y->ptr)[i] != 0);
        }
    }
    else {
        equal = memcmp(x->ptr, y->ptr,
                       (size_t)x->len * rsbind_kinds[x->kind].size) == 0;
    }
    if (op == Py_NE) {
        equal = !equal;
    }
    return PyBool_FromLong(equal);
}

/* Always writable, one dimension, C-contiguous: any request can be met. */
static int
vector_getbuffer(PyObject *op, Py_buffer *view, int flags)
{
    rsbind_vector *self = (rsbind_vector *)op;
    const rsbind_kind_info *info = &rsbind_kinds[self->kind];

    view->buf = self->len > 0 ? self->ptr : RSBIND_EMPTY_ITEMS;
    view->obj = op;
    Py_INCREF(op);
    view->len = self->len * (Py_ssize_t)info->size;
    view->readonly = 0;
    view->itemsize = (Py_ssize_t)info->size;
    /* Cast away const: the buffer protocol's format is char *, never
     * written through. */
    view->format = (flags & PyBUF_FORMAT) ? (char *)info->format : NULL;
    view->ndim = 1;
    /* Pointers into the object, not into view: consumers may copy the
     * Py_buffer struct. The length never changes. */
    view->shape = (flags & PyBUF_ND) ? &self->len : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &self->stride
                                                             : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    self->exports++;
    return 0;
}

static void
vector_releasebuffer(PyObject *op, Py_buffer *view)
{
    (void)view;
    ((rsbind_vector *)op)->exports--;
}

/* VecF64(items=()): a new vector holding a copy of any sequence or buffer
 * that a `&[f64]` argument takes. */
static PyObject *
vector_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static const char *const names[] = {"items"};
    rsbind_item_kind kind;
    rsbind_scope scope;
    rsbind_slice items;
    PyObject *arg = NULL, *result;
    rsbind_sig sig;
    rsbind_loc loc;

    for (kind = 0; kind < RSBIND_ITEM_KINDS; kind++) {
        if (rsbind_vector_types[kind] != NULL
            && PyType_IsSubtype(type, rsbind_vector_types[kind])) {
            break;
        }
    }
    if (kind == RSBIND_ITEM_KINDS) {
        PyErr_BadInternalCall();
        return NULL;
    }
    sig.func = rsbind_kinds[kind].vec_name;
    sig.names = names;
    sig.nparams = 1;
    sig.nrequired = 0;
    loc.func = sig.func;
    loc.param = "items";
    loc.parent = NULL;
    loc.index = 0;
    rsbind_scope_init(&scope);
    if (rsbind_parse_tuple_args(&sig, args, kwargs, &arg, &scope) < 0) {
        rsbind_scope_release(&scope);
        return NULL;
    }
    if (arg == NULL) {
        rsbind_scope_release(&scope);
        return vector_new_copy(kind, NULL, 0);
    }
    if (rsbind_numbers_from_py(arg, kind, -1, &items, &scope, &loc) < 0) {
        rsbind_scope_release(&scope);
        return NULL;
    }
    result = vector_new_copy(kind, items.ptr, (Py_ssize_t)items.len);
    rsbind_scope_release(&scope);
    return result;
}

static int
vector_types_init(void)
{
    int kind;

    for (kind = 0; kind < RSBIND_ITEM_KINDS; kind++) {
        const rsbind_kind_info *info = &rsbind_kinds[kind];
        char doc[512];
        PyType_Slot slots[] = {
            {Py_tp_dealloc, (void *)vector_dealloc},
            {Py_tp_repr, (void *)vector_repr},
            {Py_tp_hash, (void *)PyObject_HashNotImplemented},
            {Py_tp_richcompare, (void *)vector_richcompare},
            {Py_tp_new, (void *)vector_new},
            {Py_tp_doc, doc},
            {Py_sq_length, (void *)vector_length},
            {Py_sq_item, (void *)vector_item},
            {Py_sq_ass_item, (void *)vector_ass_item},
            {Py_sq_contains, (void *)vector_contains},
            {Py_mp_length, (void *)vector_length},
            {Py_mp_subscript, (void *)vector_subscript},
            {Py_mp_ass_subscript, (void *)vector_ass_subscript},
#ifdef Py_bf_getbuffer
            {Py_bf_getbuffer, (void *)vector_getbuffer},
            {Py_bf_releasebuffer, (void *)vector_releasebuffer},
#endif
            {0, NULL}
        };
        PyType_Spec spec;

        if (rsbind_vector_types[kind] != NULL) {
            continue;
        }
        /* The first line is the text signature (inspect.signature). */
        snprintf(doc, sizeof(doc),
                 "%s(items=())\n--\n\n"
                 "A fixed-length vector of Rust %s values, as a Rust Vec<%s> "
                 "returns them: a sequence with item assignment, and a "
                 "writable buffer of format '%s' (memoryview, numpy.asarray) "
                 "that shares its memory. Slices are copies.",
                 info->vec_name, info->rust_name, info->rust_name,
                 info->format);
        spec.name = info->spec_name;
        spec.basicsize = (int)sizeof(rsbind_vector);
        spec.itemsize = 0;
        spec.flags = Py_TPFLAGS_DEFAULT
#ifdef Py_TPFLAGS_IMMUTABLETYPE
                     | Py_TPFLAGS_IMMUTABLETYPE
#endif
#ifdef Py_TPFLAGS_SEQUENCE
                     | Py_TPFLAGS_SEQUENCE
#endif
            ;
        spec.slots = slots;
        rsbind_vector_types[kind] = (PyTypeObject *)PyType_FromSpec(&spec);
        if (rsbind_vector_types[kind] == NULL) {
            return -1;
        }
#ifndef Py_bf_getbuffer
        /* Before 3.9 PyType_FromSpec takes no buffer slots; a heap type's
         * tp_as_buffer points into the type object itself. */
        rsbind_vector_types[kind]->tp_as_buffer->bf_getbuffer =
            vector_getbuffer;
        rsbind_vector_types[kind]->tp_as_buffer->bf_releasebuffer =
            vector_releasebuffer;
#endif
    }
    return 0;
}

/* ---- General sequences, mappings and sets ---- */

/* A zeroed PyMem array of n items of item_size (at least one byte), kept by
 * scope. */
static void *
scope_items(rsbind_scope *scope, Py_ssize_t n, size_t item_size)
{
    void *mem = PyMem_Calloc(n > 0 ? (size_t)n : 1,
                             item_size > 0 ? item_size : 1);

    if (mem == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (rsbind_scope_keep_mem(scope, mem) < 0) {
        return NULL;
    }
    return mem;
}

int
rsbind_seq_from_py(PyObject *obj, Py_ssize_t expected_len, size_t item_size,
                   PyObject **fast, void **items, Py_ssize_t *n,
                   rsbind_scope *scope, const rsbind_loc *loc)
{
    PyObject *seq;
    Py_ssize_t len;
    void *mem;

    if (!is_item_sequence(obj)) {
        return rsbind_type_error(loc, "list", obj);
    }
    /* A tuple, copied from a list: the caller's conversions can run Python
     * code (__index__, __fspath__) that would otherwise change the list and
     * free items that are already borrowed (a str's UTF-8). A tuple is a
     * PySequence_Fast object too. */
    seq = PySequence_Tuple(obj);
    if (seq == NULL) {
        return -1;
    }
    len = PyTuple_GET_SIZE(seq);
    if (expected_len >= 0 && len != expected_len) {
        Py_DECREF(seq);
        return length_error(loc, expected_len, len);
    }
    if (rsbind_scope_keep(scope, seq) < 0) {
        return -1;
    }
    mem = scope_items(scope, len, item_size);
    if (mem == NULL) {
        return -1;
    }
    *fast = seq;
    *items = mem;
    *n = len;
    return 0;
}

int
rsbind_map_from_py(PyObject *obj, size_t item_size, PyObject **items_list,
                   void **items, Py_ssize_t *n, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    PyObject *list;
    Py_ssize_t len, i;
    void *mem;

    /* PyMapping_Check alone is true for list and str (they have
     * __getitem__); a mapping also has items(). */
    if (!PyDict_Check(obj)
        && (!PyMapping_Check(obj) || !PyObject_HasAttrString(obj, "items"))) {
        return rsbind_type_error(loc, "dict", obj);
    }
    /* A new list that nothing else references. */
    list = PyMapping_Items(obj);
    if (list == NULL) {
        return -1;
    }
    if (rsbind_scope_keep(scope, list) < 0) {
        return -1;
    }
    len = PyList_GET_SIZE(list);
    /* A dict gives 2-tuples; another mapping's items() may give any pairs:
     * make them 2-tuples, so callers can use PyTuple_GET_ITEM. */
    for (i = 0; i < len; i++) {
        PyObject *pair = PyList_GET_ITEM(list, i), *tuple;

        if (PyTuple_CheckExact(pair) && PyTuple_GET_SIZE(pair) == 2) {
            continue;
        }
        tuple = is_item_sequence(pair) ? PySequence_Tuple(pair) : NULL;
        if (tuple == NULL && PyErr_Occurred()
            && !PyErr_ExceptionMatches(PyExc_TypeError)) {
            return -1;
        }
        PyErr_Clear();
        if (tuple == NULL || PyTuple_GET_SIZE(tuple) != 2) {
            Py_XDECREF(tuple);
            return rsbind_type_error(loc, "a mapping whose items() are (key, value) pairs",
                                     obj);
        }
        PyList_SetItem(list, i, tuple); /* steals tuple, releases pair */
    }
    mem = scope_items(scope, len, item_size);
    if (mem == NULL) {
        return -1;
    }
    *items_list = list;
    *items = mem;
    *n = len;
    return 0;
}

int
rsbind_iterable_from_py(PyObject *obj, size_t item_size, PyObject **list,
                        void **items, Py_ssize_t *n, rsbind_scope *scope,
                        const rsbind_loc *loc)
{
    PyObject *copy;
    void *mem;

    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyByteArray_Check(obj)
        || (Py_TYPE(obj)->tp_iter == NULL && !PySequence_Check(obj))) {
        return rsbind_type_error(loc, "set", obj);
    }
    copy = PySequence_List(obj);
    if (copy == NULL) {
        return -1;
    }
    if (rsbind_scope_keep(scope, copy) < 0) {
        return -1;
    }
    mem = scope_items(scope, PyList_GET_SIZE(copy), item_size);
    if (mem == NULL) {
        return -1;
    }
    *list = copy;
    *items = mem;
    *n = PyList_GET_SIZE(copy);
    return 0;
}

/* ---- Errors ---- */

int
rsbind_runtime_init(void)
{
    PyObject *pathlib;

    if (rsbind_epoch_utc != NULL) {
        return 0;
    }
    if (vector_types_init() < 0) {
        return -1;
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
