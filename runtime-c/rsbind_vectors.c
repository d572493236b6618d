/* rsbind C runtime: vector objects (VecF64, ...), for numbers out. Promises:
 * a returned Vec of numbers stays in Rust's memory inside a fixed-length
 * sequence that is also a writable buffer (memoryview, numpy), and Rust frees
 * it only after the object and every view of it are gone; a Vec<u8> becomes
 * bytes. */

#include "rsbind_internal.h"

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
    if (rsbind_check_kind(kind) < 0) {
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
    self = (rsbind_vector *)RSBIND_TP_ALLOC(type)(type, 0);
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
    if (rsbind_check_kind(kind) < 0) {
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

    if (rsbind_check_buffer_len(v.len) == 0) {
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
    RSBIND_TP_FREE(type)(op);
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
    return rsbind_item_to_py(self->kind, vector_at(self, i));
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
    status = rsbind_item_from_py(self->kind, value, &tmp, &scope, &loc);
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
                 vector_name(op), RSBIND_TP_NAME(Py_TYPE(key)));
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
                 vector_name(op), RSBIND_TP_NAME(Py_TYPE(key)));
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

        if (rsbind_item_from_py(self->kind, value, &tmp, NULL, &loc) < 0) {
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
        PyObject *item = rsbind_item_to_py(self->kind, vector_at(self, i));
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
        PyObject *item = rsbind_item_to_py(self->kind, vector_at(self, i));

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

int
rsbind_vector_types_init(void)
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
