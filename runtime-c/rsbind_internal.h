/* rsbind C runtime, internal: what the runtime's own files share and
 * module.c never uses. Not a promise to generated code; rsbind.h is.
 * Everything here is defined in the file named beside it, and every name
 * starts with rsbind_ like the public ones, since these symbols are no longer
 * file-local. */
#ifndef RSBIND_INTERNAL_H
#define RSBIND_INTERNAL_H

#include "rsbind.h"

#include <stdio.h>
#include <string.h>

/* Room for "f() argument 'a' item 0 item 1": names are cut to 200 bytes, as
 * CPython does in its own argument messages. */
#define RSBIND_LOC_SIZE 512

/* ---- rsbind_errors.c ---- */

/* OverflowError "<loc> out of range for <rust_type>"; returns -1. */
int rsbind_out_of_range(const rsbind_loc *loc, const char *rust_type);
/* ValueError "<loc> must have N items, not M"; returns -1. */
int rsbind_length_error(const rsbind_loc *loc, Py_ssize_t expected, Py_ssize_t got);
/* OverflowError when a Rust buffer of len bytes is too large for Python
 * (rsbind_buffer_too_large). Returns 0 or -1. */
static inline int
rsbind_check_buffer_len(size_t len)
{
    return len > (size_t)PY_SSIZE_T_MAX ? rsbind_buffer_too_large() : 0;
}

/* ---- rsbind_scalars.c ---- */

/* obj as an exact-or-subclass int (new reference): ints as they are, other
 * objects through __index__; anything else: TypeError "<loc> must be int". */
PyObject *rsbind_as_int(PyObject *obj, const rsbind_loc *loc);

/* ---- rsbind_strings.c ---- */

/* Imports pathlib.Path for rsbind_pathbuf_to_py, once. Returns 0 or -1. */
int rsbind_path_type_init(void);

/* ---- rsbind_items.c: the item kinds of numeric vectors and buffers ---- */

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

extern const rsbind_kind_info rsbind_kinds[RSBIND_ITEM_KINDS];

/* Room for one item of any kind, aligned for all of them. */
typedef union rsbind_any_item {
    long double ld;
    double d;
    uint64_t u;
    void *p;
    unsigned char bytes[16];
} rsbind_any_item;

/* Where an empty run of items points: Rust wants a non-NULL, aligned pointer
 * even for zero items, and a buffer's buf should not be NULL either. Nothing
 * is ever read from or written to it. */
extern rsbind_any_item rsbind_empty_items;
#define RSBIND_EMPTY_ITEMS ((void *)&rsbind_empty_items)

/* 0 for a known kind, else -1 with SystemError set. */
int rsbind_check_kind(rsbind_item_kind kind);
/* One item of kind from Python into dst (aligned for kind), checked exactly
 * as a scalar argument of that type. Returns 0 or -1. */
int rsbind_item_from_py(rsbind_item_kind kind, PyObject *obj, void *dst, rsbind_scope *scope,
                        const rsbind_loc *loc);
/* One item of kind at src (aligned) as a new Python object, or NULL. */
PyObject *rsbind_item_to_py(rsbind_item_kind kind, const void *src);
/* Whether a buffer's format string and itemsize describe exactly one item of
 * kind ('l' and 'q' are both i64 on LP64; the host's byte order only). */
int rsbind_format_matches(const char *format, Py_ssize_t itemsize, rsbind_item_kind kind);

/* ---- rsbind_buffers.c ---- */

/* Sequences whose items a numbers or general sequence argument converts:
 * not str, bytes or bytearray. */
int rsbind_is_item_sequence(PyObject *obj);

/* ---- rsbind_vectors.c ---- */

/* Creates the vector classes (VecF64, ...) once. Returns 0 or -1. */
int rsbind_vector_types_init(void);
int rsbind_iterator_type_init(void);
int rsbind_handle_type_init(void);
/* Creates rsbind.SequenceView and rsbind.Borrow once. Returns 0 or -1. */
int rsbind_seqview_type_init(void);
/* Makes *type once (when NULL) from name, size, slots and flags beyond the
 * default: a runtime type that Python cannot instantiate, immutable.
 * Returns 0 or -1. */
int rsbind_runtime_type(PyTypeObject **type, const char *name, int size, unsigned int flags,
                        PyType_Slot *slots);

#endif /* RSBIND_INTERNAL_H */
