/* rsbind C runtime: tuples, lists, dicts and sets in. Promises: a
 * collection argument is first copied into a tuple or list that the scope
 * keeps, so Python code run by the item conversions cannot change it under
 * the caller, with a zeroed array for the converted items that the scope
 * frees; the generated code converts the items themselves. */

#include "rsbind_internal.h"

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

    if (!rsbind_is_item_sequence(obj)) {
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
        return rsbind_length_error(loc, expected_len, len);
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
rsbind_iterable_arg(PyObject **obj, rsbind_scope *scope)
{
    PyObject *o = *obj;
    PyObject *list;

    if (o == NULL || PyList_Check(o) || PyTuple_Check(o) || PyUnicode_Check(o)
        || PyObject_CheckBuffer(o) || !RSBIND_HAS_TP_ITER(Py_TYPE(o))) {
        return 0;
    }
    list = PySequence_List(o);
    if (list == NULL) {
        return -1;
    }
    if (rsbind_scope_keep(scope, list) < 0) {
        return -1;
    }
    *obj = list;
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
        tuple = rsbind_is_item_sequence(pair) ? PySequence_Tuple(pair) : NULL;
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
        || (!RSBIND_HAS_TP_ITER(Py_TYPE(obj)) && !PySequence_Check(obj))) {
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
