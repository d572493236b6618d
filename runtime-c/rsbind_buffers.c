/* rsbind C runtime: numbers and bytes in, through the buffer protocol.
 * Promises: a `&[T]` argument borrows a matching buffer's memory without a
 * copy (or copies a strided one, or converts a sequence item by item; in a
 * call without the GIL, copies any memory Python code could write), a
 * `&mut [T]` argument only ever gets a writable buffer of exactly T, and no
 * `&mut` slice handed to Rust overlaps another slice of the same call. */

#include "rsbind_internal.h"

/* ---- Numeric vectors and buffers ----
 * Three ways numbers cross:
 * - in, borrowed: a buffer of exactly the item type is handed to Rust as it
 *   is; a Py_buffer in the scope's list of borrows holds the exporter until
 *   the call ends. The borrows also remember whether they are `&mut`, so two
 *   arguments that share memory cannot become an aliasing `&`/`&mut` pair in
 *   Rust.
 * - in, copied: any other sequence (or a strided or misaligned buffer) is
 *   converted into a PyMem array that the scope frees.
 * - out: a Rust Vec stays where it is, inside a vector object (VecF64, ...)
 *   that frees it with rsbind_vec_free when the last reference, and so the
 *   last buffer view (view->obj holds one), is gone. */

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

/* A buffer borrowed for one call, in its scope's list (scope->buffers). */
typedef struct rsbind_buffer_borrow {
    Py_buffer view;
    bool exclusive; /* borrowed as `&mut [T]` */
    /* NULL, or what Rust got instead of view.buf in a call without the GIL
     * (a PyMem copy of view.len bytes, freed with the borrow; a `&mut`'s is
     * written back by rsbind_buffers_write_back). */
    void *copy;
    struct rsbind_buffer_borrow *next;
} rsbind_buffer_borrow;

/* Drops a borrow: its view released, its copy and block freed. */
static void
borrow_free(rsbind_buffer_borrow *borrow)
{
    PyBuffer_Release(&borrow->view);
    PyMem_Free(borrow->copy);
    PyMem_Free(borrow);
}

/* A new borrow block, its view not yet acquired; NULL with MemoryError. */
static rsbind_buffer_borrow *
borrow_new(void)
{
    rsbind_buffer_borrow *borrow = PyMem_Malloc(sizeof(*borrow));

    if (borrow == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    borrow->exclusive = false;
    borrow->copy = NULL;
    borrow->next = NULL;
    return borrow;
}

/* Whether no Python code can ever write the memory that exporter `obj`
 * exports: a `bytes` object's, or a memoryview's whose memory is (a
 * memoryview's own buffer names what it views). Anything else may change:
 * bytearray, array.array, vector objects, and numpy arrays even when
 * read-only (a read-only view of a writable array changes when the array is
 * written; a read-only flag can be set back). */
static bool
memory_is_immutable(PyObject *obj)
{
    /* A memoryview of a memoryview names the first one's exporter; the
     * bound only guards the loop. */
    for (int depth = 0; depth < 8 && obj != NULL; depth++) {
        if (PyBytes_CheckExact(obj)) {
            return true;
        }
        if (!PyMemoryView_Check(obj)) {
            return false;
        }
#ifdef Py_LIMITED_API
        {
            /* The memoryview keeps its exporter alive. */
            PyObject *base = PyObject_GetAttrString(obj, "obj");

            if (base == NULL) {
                PyErr_Clear();
                return false;
            }
            Py_DECREF(base);
            obj = base;
        }
#else
        obj = PyMemoryView_GET_BUFFER(obj)->obj;
#endif
    }
    return false;
}

/* MAPPING.md, Threads: in a call without the GIL, Rust gets a copy of any
 * memory that another Python thread could write meanwhile. Makes borrow's
 * private copy when the scope's call releases the GIL and the memory is not
 * immutable; returns what Rust gets (view.buf or the copy), or NULL with
 * MemoryError set. */
static void *
borrow_memory_for_call(rsbind_buffer_borrow *borrow, const rsbind_scope *scope)
{
    if (!scope->gil_released || memory_is_immutable(borrow->view.obj)) {
        return borrow->view.buf;
    }
    borrow->copy = PyMem_Malloc((size_t)borrow->view.len);
    if (borrow->copy == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(borrow->copy, borrow->view.buf, (size_t)borrow->view.len);
    return borrow->copy;
}

void
rsbind_buffers_write_back(rsbind_scope *scope)
{
    for (const rsbind_buffer_borrow *borrow = scope->buffers; borrow != NULL;
         borrow = borrow->next) {
        if (borrow->exclusive && borrow->copy != NULL) {
            memcpy(borrow->view.buf, borrow->copy, (size_t)borrow->view.len);
        }
    }
}

void
rsbind_buffers_release(rsbind_scope *scope)
{
    while (scope->buffers != NULL) {
        rsbind_buffer_borrow *borrow = scope->buffers;

        scope->buffers = borrow->next;
        borrow_free(borrow);
    }
}

/* Hands borrow (its view acquired) to the scope, which releases it. */
static int
scope_keep_borrow(rsbind_scope *scope, rsbind_buffer_borrow *borrow)
{
    borrow->next = scope->buffers;
    scope->buffers = borrow;
    return 0;
}

/* Rust must never see a `&mut [T]` that overlaps another slice of the same
 * call: two arguments may be views of one array (f(a, a), f(a[:5], a[2:])).
 * Shared borrows may overlap each other; an exclusive one may overlap
 * nothing. The borrows of this call are the scope's buffers. */
static int
check_aliasing(rsbind_scope *scope, const void *buf, Py_ssize_t len,
               bool exclusive, const rsbind_loc *loc)
{
    uintptr_t start = (uintptr_t)buf, end = start + (uintptr_t)len;

    if (len == 0) {
        return 0;
    }
    for (const rsbind_buffer_borrow *other = scope->buffers; other != NULL;
         other = other->next) {
        uintptr_t other_start, other_end;

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

    borrow = borrow_new();
    if (borrow == NULL) {
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
    if (view->ndim > 1 || !rsbind_format_matches(view->format, view->itemsize, kind)) {
        borrow_free(borrow);
        return 1;
    }
    len = view->len / view->itemsize;
    if (expected_len >= 0 && len != expected_len) {
        borrow_free(borrow);
        return rsbind_length_error(loc, expected_len, len);
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
    out->ptr = borrow_memory_for_call(borrow, scope);
    if (out->ptr == NULL) {
        borrow_free(borrow);
        return -1;
    }
    out->len = (size_t)len;
    return scope_keep_borrow(scope, borrow);
}

/* Sequences whose items a numbers or general sequence argument converts:
 * str, bytes and bytearray are sequences too, but taking one apart item by
 * item is almost always a mistake. */
int
rsbind_is_item_sequence(PyObject *obj)
{
    return !PyUnicode_Check(obj) && !PyBytes_Check(obj)
           && !PyByteArray_Check(obj) && PySequence_Check(obj);
}

/* The common cases of the sequence path, a list or tuple of exact floats
 * (for f64) or of exact ints in range (for i64), in one tight loop: no
 * Python code runs, so the sequence can't change under it. Returns how many
 * leading items it converted; the general loop goes on from there. */
static Py_ssize_t
numbers_from_exact_items(PyObject *fast, rsbind_item_kind kind, Py_ssize_t n, char *items)
{
    Py_ssize_t i = 0;
#ifndef Py_LIMITED_API
    PyObject **src = PySequence_Fast_ITEMS(fast);
    if (kind == RSBIND_ITEM_F64) {
        double *dst = (double *)(void *)items;
        while (i < n && PyFloat_CheckExact(src[i])) {
            dst[i] = PyFloat_AS_DOUBLE(src[i]);
            i++;
        }
    }
    else if (kind == RSBIND_ITEM_I64) {
        int64_t *dst = (int64_t *)(void *)items;
        while (i < n && PyLong_CheckExact(src[i])) {
            long long v;
            if (!rsbind_compact_long(src[i], &v)) {
                int overflow;
                v = PyLong_AsLongLongAndOverflow(src[i], &overflow);
                /* Out of range (or -1, which may be an error): the general
                 * loop converts it again and says what is wrong. */
                if (overflow != 0 || v == -1) {
                    break;
                }
            }
            dst[i] = (int64_t)v;
            i++;
        }
    }
#else
    (void)fast;
    (void)kind;
    (void)n;
    (void)items;
#endif
    return i;
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
        return rsbind_length_error(loc, expected_len, n);
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
    i = numbers_from_exact_items(fast, kind, n, items);
    for (; i < n; i++) {
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
        Py_INCREF(item);
        status = rsbind_item_from_py(kind, item, items + (size_t)i * size, scope,
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
    if (rsbind_check_kind(kind) < 0) {
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
    if (rsbind_is_item_sequence(obj)) {
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
    void *memory;

    if (rsbind_check_kind(kind) < 0) {
        return -1;
    }
    if (!PyObject_CheckBuffer(obj)) {
        return numbers_type_error(loc, kind, true, obj, false);
    }
    borrow = borrow_new();
    if (borrow == NULL) {
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
        || !rsbind_format_matches(view->format, view->itemsize, kind)) {
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
    if (check_aliasing(scope, view->buf, view->len, true, loc) < 0) {
        borrow_free(borrow);
        return -1;
    }
    borrow->exclusive = true;
    /* The bools are checked in what Rust gets. */
    memory = borrow_memory_for_call(borrow, scope);
    if (memory == NULL
        || (kind == RSBIND_ITEM_BOOL && check_bools(memory, len, loc) < 0)) {
        borrow_free(borrow);
        return -1;
    }
    out->ptr = memory;
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
    borrow = borrow_new();
    if (borrow == NULL) {
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
        return rsbind_length_error(loc, expected_len, len);
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
    out->ptr = borrow_memory_for_call(borrow, scope);
    if (out->ptr == NULL) {
        borrow_free(borrow);
        return -1;
    }
    out->len = (size_t)view->len;
    return scope_keep_borrow(scope, borrow);
}
