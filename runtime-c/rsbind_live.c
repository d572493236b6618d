/* rsbind C runtime: live module attributes, for statics of atomics, Mutex
 * and RwLock. Promises: reading or assigning such a module attribute calls
 * its getter or setter every time, so Python sees the static's current value;
 * every other attribute of the module behaves as on a plain module. A class
 * constant is read anew at every access, so no caller can change it. */

#include "rsbind_internal.h"

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
    /* A submodule's: a weak reference to its root module object, whose state
     * the getters and setters use (a strong one would be a cycle no
     * collector sees); NULL on the root module itself. */
    PyObject *root_ref;
} rsbind_live_table;

/* rsbind.LiveModule, created on first use and never freed. */
static PyObject *rsbind_live_type;
/* The interned key RSBIND_LIVE_KEY. */
static PyObject *rsbind_live_key;

static void
live_capsule_free(PyObject *capsule)
{
    rsbind_live_table *table = PyCapsule_GetPointer(capsule, RSBIND_LIVE_CAPSULE);

    if (table == NULL) {
        PyErr_Clear();
        return;
    }
    Py_XDECREF(table->root_ref);
    PyMem_Free(table);
}

/* *root: a new reference to the root module object of `module` (itself, or
 * its table's weakly referenced one). 1, or -1 (RuntimeError) when the root
 * is gone (a submodule kept after its module was freed). */
static int
live_root(PyObject *module, const rsbind_live_table *table, PyObject **root)
{
    if (table->root_ref == NULL) {
        Py_INCREF(module);
        *root = module;
        return 1;
    }
    PyObject *referent = PyObject_CallNoArgs(table->root_ref);
    if (referent == NULL) {
        return -1;
    }
    if (referent == Py_None) {
        Py_DECREF(referent);
        PyErr_SetString(PyExc_RuntimeError, "the module of this submodule was freed");
        return -1;
    }
    *root = referent;
    return 1;
}

/* The table entry that name names in module: 1 (*found set, and *root to a
 * new reference to the root module object), 0 when there is none, -1 with
 * an exception set. */
static int
live_find(PyObject *module, PyObject *name, const rsbind_live_attr **found, PyObject **root)
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
            return live_root(module, table, root);
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
    PyObject *result = PyObject_GenericGetAttr(self, name), *root = NULL;
    int found;

    if (result != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return result;
    }
    PyErr_Clear();
    found = live_find(self, name, &attr, &root);
    if (found < 0) {
        return NULL;
    }
    if (found) {
        result = attr->get(root);
        Py_DECREF(root);
        return result;
    }
    return RSBIND_TP_GETATTRO(&PyModule_Type)(self, name);
}

static int
live_setattro(PyObject *self, PyObject *name, PyObject *value)
{
    const rsbind_live_attr *attr = NULL;
    PyObject *root = NULL;
    int found = live_find(self, name, &attr, &root);

    if (found < 0) {
        return -1;
    }
    if (found) {
        int result;
        if (value == NULL) {
            PyErr_Format(PyExc_TypeError, "cannot delete %U", name);
            result = -1;
        } else {
            result = attr->set(root, value);
        }
        Py_DECREF(root);
        return result;
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
                       Py_ssize_t nattrs, PyObject *root)
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
        /* A tuple of bases: 3.9 takes no single class here. */
        rsbind_live_type = rsbind_type_from_spec(
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
    table->root_ref = NULL;
    if (root != module && (table->root_ref = PyWeakref_NewRef(root, NULL)) == NULL) {
        PyMem_Free(table);
        return -1;
    }
    capsule = PyCapsule_New(table, RSBIND_LIVE_CAPSULE, live_capsule_free);
    if (capsule == NULL) {
        Py_XDECREF(table->root_ref);
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

/* ---- Class constants ----
 * rsbind.Const: a non-data descriptor holding the constant's reader. */

typedef struct rsbind_const_descr {
    PyObject_HEAD
    PyObject *(*read)(PyObject *owner);
} rsbind_const_descr;

/* rsbind.Const, created on first use and never freed. */
static PyObject *rsbind_const_type;

static PyObject *
const_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
    PyObject *(*read)(PyObject *owner) = ((rsbind_const_descr *)self)->read;

    /* One made from Python (`type(d)()`) reads nothing. */
    if (read == NULL) {
        PyErr_SetString(PyExc_AttributeError, "this constant has no value");
        return NULL;
    }
    /* The class (whose module state has the classes of the value). */
    return read(type != NULL ? type : (PyObject *)Py_TYPE(obj));
}

static PyType_Slot rsbind_const_slots[] = {
    {Py_tp_descr_get, const_descr_get},
    {0, NULL}
};

static PyType_Spec rsbind_const_spec = {
    "rsbind.Const",
    sizeof(rsbind_const_descr),
    0,
#ifdef Py_TPFLAGS_IMMUTABLETYPE
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
#else
    Py_TPFLAGS_DEFAULT,
#endif
    rsbind_const_slots
};

PyObject *
rsbind_const_attr(PyObject *(*read)(PyObject *owner))
{
    PyObject *descr;

    if (read == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    if (rsbind_const_type == NULL) {
        rsbind_const_type = PyType_FromSpec(&rsbind_const_spec);
        if (rsbind_const_type == NULL) {
            return NULL;
        }
    }
    descr = PyType_GenericAlloc((PyTypeObject *)rsbind_const_type, 0);
    if (descr == NULL) {
        return NULL;
    }
    ((rsbind_const_descr *)descr)->read = read;
    return descr;
}
