/* Sequence views (MAPPING: Borrowed results): a method's `&[T]`/`&Vec<T>`
 * (or `&mut`) of a bound class T read in place. One Python type for all
 * classes: the object holds the items' address, count and stride, and the
 * class's view constructor, which makes each item a view of T. And the
 * guards of results that borrow from more than one bound object. */

#include "rsbind_internal.h"

typedef struct rsbind_seqview {
    PyObject_HEAD
    /* A view of the owner (rsbind_view_attach): rust is the first item. */
    rsbind_slot slot;
    rsbind_owner owner; /* RSBIND_SLOT_OWNER(&slot) */
    Py_ssize_t len;
    size_t stride;
    rsbind_view_fn item;
    /* The module state `item` makes objects of (the owner's type keeps its
     * module alive, and this object keeps the owner). */
    void *state;
    const char *item_name;
    /* The items of a `&mut [T]`: one borrow flag each, made at first use. */
    rsbind_slot *items;
} rsbind_seqview;

static PyTypeObject *rsbind_seqview_type;

/* A further borrow of a result that borrows from two objects or more. */
typedef struct rsbind_guard {
    PyObject_HEAD
    PyObject *owner;
    rsbind_slot *owner_slot;
    bool exclusive;
} rsbind_guard;

static PyTypeObject *rsbind_guard_type;

static void
seqview_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    rsbind_seqview *v = (rsbind_seqview *)self;

    /* No item view is alive (each keeps this object). */
    rsbind_view_detach(&v->slot);
    PyMem_Free(v->items);
    v->items = NULL;
    RSBIND_TP_FREE(type)(self);
    Py_DECREF(type);
}

/* The view's borrow is still on (not ended by __exit__); else RuntimeError. */
static int
seqview_live(rsbind_seqview *v)
{
    if (v->slot.rust == NULL) {
        PyErr_Format(PyExc_RuntimeError,
                     "SequenceView of %.200s is a view whose borrow has ended (by __exit__)",
                     v->item_name);
        return -1;
    }
    return 0;
}

static Py_ssize_t
seqview_len(PyObject *self)
{
    rsbind_seqview *v = (rsbind_seqview *)self;

    return seqview_live(v) < 0 ? -1 : v->len;
}

static PyObject *
seqview_item(PyObject *self, Py_ssize_t i)
{
    rsbind_seqview *v = (rsbind_seqview *)self;
    void *at;

    if (seqview_live(v) < 0) {
        return NULL;
    }
    if (i < 0 || i >= v->len) {
        PyErr_SetString(PyExc_IndexError, "SequenceView index out of range");
        return NULL;
    }
    at = (char *)v->slot.rust + (size_t)i * v->stride;
    if (v->slot.view_read_only) {
        /* `&T` items: shared borrows of this view. */
        return v->item(v->state, at, self, &v->slot, false, true);
    }
    if (v->items == NULL) {
        v->items = PyMem_Calloc((size_t)(v->len > 0 ? v->len : 1), sizeof(rsbind_slot));
        if (v->items == NULL) {
            return PyErr_NoMemory();
        }
        for (Py_ssize_t k = 0; k < v->len; k++) {
            v->items[k].rust = (char *)v->slot.rust + (size_t)k * v->stride;
        }
    }
    /* `&mut T` items: each the one exclusive borrow of its item's flag. */
    return v->item(v->state, at, self, &v->items[i], true, false);
}

static PyObject *
seqview_repr(PyObject *self)
{
    rsbind_seqview *v = (rsbind_seqview *)self;
    PyObject *items, *text;

    if (v->slot.rust == NULL) {
        return PyUnicode_FromFormat("<SequenceView of %s, ended>", v->item_name);
    }
    items = PySequence_List(self);
    if (items == NULL) {
        return NULL;
    }
    text = PyUnicode_FromFormat("SequenceView(%R)", items);
    Py_DECREF(items);
    return text;
}

static PyObject *
seqview_exit(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    rsbind_seqview *v = (rsbind_seqview *)self;
    bool busy;

    (void)args;
    (void)nargs;
    if (!v->slot.has_owner) {
        Py_RETURN_FALSE;
    }
    busy = v->slot.borrow != (v->slot.view_read_only ? 1 : 0);
    for (Py_ssize_t k = 0; !busy && v->items != NULL && k < v->len; k++) {
        busy = v->items[k].borrow != 0;
    }
    if (busy) {
        /* An item view still points into the owner. */
        PyErr_Format(PyExc_RuntimeError,
                     "SequenceView of %.200s is borrowed by a live view, so its own borrow cannot end",
                     v->item_name);
        return NULL;
    }
    rsbind_view_detach(&v->slot);
    Py_RETURN_FALSE;
}

PyObject *
rsbind_seqview_new(rsbind_seq_parts parts, rsbind_view_fn item, void *state,
                   const char *item_name, PyObject *owner, rsbind_slot *owner_slot,
                   bool exclusive, bool read_only)
{
    rsbind_seqview *v;

    if (parts.ptr == NULL) {
        Py_RETURN_NONE;
    }
    if (rsbind_seqview_type == NULL) {
        PyErr_SetString(PyExc_SystemError, "rsbind runtime used before rsbind_runtime_init");
        return NULL;
    }
    if (parts.len > (size_t)PY_SSIZE_T_MAX) {
        PyErr_SetString(PyExc_OverflowError, "sequence too long for Python");
        return NULL;
    }
    /* Borrow first: the allocation may run Python code (a collection). */
    if (rsbind_view_hold(owner, owner_slot, exclusive) < 0) {
        return NULL;
    }
    v = PyObject_New(rsbind_seqview, rsbind_seqview_type);
    if (v == NULL) {
        rsbind_view_unhold(owner, owner_slot, exclusive);
        return NULL;
    }
    memset(&v->slot, 0, sizeof(v->slot));
    v->slot.rust = parts.ptr;
    v->len = (Py_ssize_t)parts.len;
    v->stride = parts.stride;
    v->item = item;
    v->state = state;
    v->item_name = item_name;
    v->items = NULL;
    rsbind_view_attach(&v->slot, owner, owner_slot, exclusive, read_only);
    return (PyObject *)v;
}

PyObject *
rsbind_seqview_iter(PyObject *seqview)
{
    PyObject *it;

    if (seqview == NULL || seqview == Py_None) {
        return seqview;
    }
    it = PyObject_GetIter(seqview);
    Py_DECREF(seqview);
    return it;
}

static void
guard_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    rsbind_guard *g = (rsbind_guard *)self;

    /* The owner is alive until the reference below is dropped. */
    rsbind_view_unhold(g->owner, g->owner_slot, g->exclusive);
    RSBIND_TP_FREE(type)(self);
    Py_DECREF(type);
}

PyObject *
rsbind_keeps_guard(PyObject *keeps, PyObject *owner, rsbind_slot *owner_slot, bool exclusive)
{
    rsbind_guard *g;
    PyObject *out;
    Py_ssize_t n;

    if (keeps == NULL) {
        return NULL;
    }
    if (rsbind_guard_type == NULL) {
        PyErr_SetString(PyExc_SystemError, "rsbind runtime used before rsbind_runtime_init");
        Py_DECREF(keeps);
        return NULL;
    }
    if (rsbind_view_hold(owner, owner_slot, exclusive) < 0) {
        Py_DECREF(keeps);
        return NULL;
    }
    g = PyObject_New(rsbind_guard, rsbind_guard_type);
    if (g == NULL) {
        rsbind_view_unhold(owner, owner_slot, exclusive);
        Py_DECREF(keeps);
        return NULL;
    }
    g->owner = owner;
    g->owner_slot = owner_slot;
    g->exclusive = exclusive;
    n = PyTuple_Size(keeps);
    out = n < 0 ? NULL : PyTuple_New(n + 1);
    if (out == NULL) {
        Py_DECREF(g);
        Py_DECREF(keeps);
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *item = PyTuple_GetItem(keeps, k);
        Py_INCREF(item);
        PyTuple_SetItem(out, k, item);
    }
    PyTuple_SetItem(out, n, (PyObject *)g);
    Py_DECREF(keeps);
    return out;
}

/* A runtime type made once: not instantiable from Python, immutable. */
int
rsbind_runtime_type(PyTypeObject **type, const char *name, int size, unsigned int flags,
                    PyType_Slot *slots)
{
    PyType_Spec spec = {
        name, size, 0,
        Py_TPFLAGS_DEFAULT | flags
#ifdef Py_TPFLAGS_IMMUTABLETYPE
            | Py_TPFLAGS_IMMUTABLETYPE
#endif
#ifdef Py_TPFLAGS_DISALLOW_INSTANTIATION
            | Py_TPFLAGS_DISALLOW_INSTANTIATION
#endif
        ,
        slots
    };

    if (*type != NULL) {
        return 0;
    }
    *type = (PyTypeObject *)PyType_FromSpec(&spec);
    return *type == NULL ? -1 : 0;
}

static int
guard_type_init(void)
{
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)guard_dealloc},
        {Py_tp_doc, (void *)"A borrow of an object that a result of Rust may point into."},
        {0, NULL}
    };

    return rsbind_runtime_type(&rsbind_guard_type, "rsbind.Borrow", (int)sizeof(rsbind_guard), 0, slots);
}

int
rsbind_seqview_type_init(void)
{
    static PyMethodDef methods[] = {
        {"__enter__", rsbind_view_enter, METH_NOARGS, "__enter__($self, /)\n--\n\nReturns the view itself."},
        {"__exit__", (PyCFunction)(void (*)(void))seqview_exit, METH_FASTCALL,
         "__exit__($self, *args)\n--\n\nEnds the view's borrow of its owner now."},
        {NULL, NULL, 0, NULL}
    };
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)seqview_dealloc},
        {Py_tp_repr, (void *)seqview_repr},
        {Py_tp_methods, (void *)methods},
        {Py_sq_length, (void *)seqview_len},
        {Py_sq_item, (void *)seqview_item},
        {Py_tp_doc, (void *)"A view of a Rust slice of bound objects, read in place: "
                            "its items are views into the object that returned it."},
        {0, NULL}
    };
    if (guard_type_init() < 0) {
        return -1;
    }
    return rsbind_runtime_type(&rsbind_seqview_type, "rsbind.SequenceView", (int)sizeof(rsbind_seqview),
#ifdef Py_TPFLAGS_SEQUENCE
                               Py_TPFLAGS_SEQUENCE,
#else
                               0,
#endif
                               slots);
}
