/* Iterators that Rust functions return (`impl Iterator<Item = T>`,
 * `std::slice::Iter<'_, T>`, `std::str::Chars`, ...): one Python type for all,
 * whose objects hold a boxed Rust iterator and the module's functions that
 * step it (converting each item) and drop it. Like a class object whose value
 * borrows, an iterator keeps what it may point into and holds the borrow of
 * one bound object (MAPPING: Borrowed results). */

#include "rsbind_internal.h"

typedef struct rsbind_iterator {
    PyObject_HEAD
    void *rust;
    rsbind_iter_next_fn next;
    rsbind_iter_drop_fn drop;
    /* The module object that made it (a strong reference): its state. */
    PyObject *module;
    /* A tuple of what it borrows from, or NULL; the borrowed one's slot. */
    PyObject *keeps;
    rsbind_slot *owner_slot;
    bool exclusive;
    /* The items that are views (`Item = &T`/`&mut T` of a class) of an
     * iterator borrowing its owner exclusively: each holds a shared borrow
     * of this slot and a reference to the iterator, which keeps its own
     * borrow of the owner and `keeps` until the last of them is gone. */
    rsbind_slot lent;
    /* A step is running: converting an item may run Python code, which must
     * not step the same Rust iterator (that would alias its `&mut`). */
    bool running;
} rsbind_iterator;

static PyTypeObject *rsbind_iterator_type;

static void
iterator_finish(rsbind_iterator *it)
{
    void *rust = it->rust;
    PyObject *keeps = it->keeps;

    it->rust = NULL;
    if (rust != NULL) {
        /* A panicking Drop is contained on the Rust side. Items it handed
         * out outlive it in Rust too (`Item = &'a T`: `'a` is the owner's
         * borrow, not the iterator's). */
        it->drop(rust);
    }
    if (it->lent.borrow != 0) {
        /* Item views still point into the owner through this borrow: it
         * ends in dealloc, after them (each references this object). */
        return;
    }
    it->keeps = NULL;
    /* Then what the iterator borrowed from may go. */
    if (it->owner_slot != NULL) {
        rsbind_keeps_unhold(it->owner_slot, it->exclusive);
        it->owner_slot = NULL;
    }
    Py_XDECREF(keeps);
}

static void
iterator_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);

    iterator_finish((rsbind_iterator *)self);
    Py_CLEAR(((rsbind_iterator *)self)->module);
    RSBIND_TP_FREE(type)(self);
    Py_DECREF(type);
}

static PyObject *
iterator_next(PyObject *self)
{
    rsbind_iterator *it = (rsbind_iterator *)self;
    PyObject *item;

    if (it->rust == NULL) {
        return NULL;
    }
    if (it->running) {
        PyErr_SetString(PyExc_RuntimeError, "the iterator is already running");
        return NULL;
    }
    it->running = true;
    /* Item views borrow the owner: shared ones the owner's slot itself,
     * beside the iterator; under an exclusive borrow (`&mut T` items) they
     * share the iterator's, through `lent`. */
    if (it->exclusive) {
        item = it->next(it->rust, it->module, self, &it->lent);
    }
    else {
        item = it->next(it->rust, it->module, it->keeps, it->owner_slot);
    }
    it->running = false;
    if (item == NULL && !PyErr_Occurred()) {
        /* Exhausted: what it borrowed is free from now on. */
        iterator_finish(it);
    }
    return item;
}

PyObject *
rsbind_iterator_new(void *rust, rsbind_iter_next_fn next, rsbind_iter_drop_fn drop,
                    PyObject *keeps, PyObject *owner, rsbind_slot *owner_slot,
                    bool exclusive, PyObject *module)
{
    rsbind_iterator *it;

    if (rust == NULL) {
        /* An Option's None. */
        Py_XDECREF(keeps);
        Py_RETURN_NONE;
    }
    if (rsbind_iterator_type == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
        drop(rust);
        Py_XDECREF(keeps);
        return NULL;
    }
    if (owner != NULL && rsbind_keeps_hold(owner, owner_slot, exclusive) < 0) {
        drop(rust);
        Py_XDECREF(keeps);
        return NULL;
    }
    it = PyObject_New(rsbind_iterator, rsbind_iterator_type);
    if (it == NULL) {
        drop(rust);
        if (owner != NULL) {
            rsbind_keeps_unhold(owner_slot, exclusive);
        }
        Py_XDECREF(keeps);
        return NULL;
    }
    it->rust = rust;
    it->next = next;
    it->drop = drop;
    Py_INCREF(module);
    it->module = module;
    it->keeps = keeps;
    it->owner_slot = owner != NULL ? owner_slot : NULL;
    it->exclusive = exclusive;
    it->running = false;
    memset(&it->lent, 0, sizeof(it->lent));
    /* Not a value: only its flag is used (non-NULL, so never "moved"). */
    it->lent.rust = it;
    return (PyObject *)it;
}

int
rsbind_iterator_type_init(void)
{
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)iterator_dealloc},
        {Py_tp_iter, (void *)PyObject_SelfIter},
        {Py_tp_iternext, (void *)iterator_next},
        {Py_tp_doc, (void *)"An iterator that a Rust function returned: each item "
                            "is converted as it is reached."},
        {0, NULL}
    };
    return rsbind_runtime_type(&rsbind_iterator_type, "rsbind.Iterator", (int)sizeof(rsbind_iterator), 0,
                               slots);
}
