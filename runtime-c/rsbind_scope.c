/* rsbind C runtime: the per-call scope and class objects' borrow flags.
 * Promises: whatever a call's conversions keep alive (references, PyMem
 * arrays) lives until rsbind_scope_release and no longer; a class object's
 * Rust value is borrowed by RefCell's rules (many shared or one exclusive,
 * else RuntimeError) and moved out only in rsbind_scope_commit, right before
 * the Rust call, so a failed conversion leaves every object as it was. */

#include "rsbind_internal.h"

/* ---- References and borrows ---- */

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

/* Whether slot can be borrowed (shared, or exclusive): RefCell's rules.
 * Raises and returns -1 when not; a borrow held by a live view says so. */
static int
slot_check(const rsbind_slot *slot, bool exclusive, const char *type_name,
           const rsbind_loc *loc)
{
    if (slot->rust == NULL) {
        if (slot->is_view) {
            return slot_error(PyExc_RuntimeError, loc, type_name,
                              "is a view whose borrow has ended (by __exit__, or the callable it was lent to returned)");
        }
        return slot_error(PyExc_ValueError, loc, type_name,
                          "has been moved");
    }
    /* RefCell's rules: any number of shared borrows, or one exclusive. */
    if (slot->borrow < 0 || (exclusive && slot->borrow != 0)) {
        if (exclusive && slot->is_view && slot->view_read_only) {
            return slot_error(PyExc_RuntimeError, loc, type_name,
                              "is a read-only view (a `&` reference into its owner) and cannot be changed");
        }
        if (slot->views > 0) {
            return slot_error(PyExc_RuntimeError, loc, type_name,
                              "is borrowed by a live view");
        }
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          slot->borrow < 0 ? "is already mutably borrowed"
                                           : "is already borrowed");
    }
    return 0;
}

int
rsbind_scope_borrow_slow(rsbind_scope *scope, PyObject *owner, rsbind_slot *slot,
                         bool exclusive, const char *type_name,
                         const rsbind_loc *loc)
{
    rsbind_scope_borrow_entry *borrows, *entry;

    if (slot_check(slot, exclusive, type_name, loc) < 0) {
        return -1;
    }
    if (!exclusive && slot->borrow >= RSBIND_BORROW_MAX) {
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

    if (slot->is_view) {
        /* Its value belongs to the owner: moving it would leave a hole there. */
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          "is a view into another object and cannot be moved out of it");
    }
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
                         take->slot->views > 0
                             ? "%.200s object is borrowed by a live view and cannot be moved"
                             : "%.200s object is borrowed and cannot be moved",
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
    rsbind_buffers_release(scope);
    while (scope->nmems > 0) {
        PyMem_Free(scope->mems[--scope->nmems]);
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

/* ---- Class instances ---- */

/* A type's base (NULL for object). */
static PyTypeObject *
type_base(PyTypeObject *type)
{
#ifdef Py_LIMITED_API
    return (PyTypeObject *)PyType_GetSlot(type, Py_tp_base);
#else
    return type->tp_base;
#endif
}

bool
rsbind_is_class_slow(PyObject *obj, destructor dealloc)
{
    /* A Python subclass: its dealloc is CPython's; one of its bases is ours. */
    for (PyTypeObject *t = type_base(Py_TYPE(obj)); t != NULL; t = type_base(t)) {
        if (RSBIND_TP_DEALLOC(t) == dealloc) {
            return true;
        }
    }
    return false;
}

void *rsbind_primary_state;

/* The module of `def` that made `type` (from a spec), or NULL; no exception. */
static PyObject *
type_module(PyTypeObject *type, PyModuleDef *def)
{
    PyObject *module;

    if (!(PyType_GetFlags(type) & Py_TPFLAGS_HEAPTYPE)) {
        return NULL;
    }
#ifdef Py_LIMITED_API
    PyObject *type_, *value, *tb;
    PyErr_Fetch(&type_, &value, &tb);
    module = PyType_GetModule(type);
    PyErr_Restore(type_, value, tb);
#else
    module = ((PyHeapTypeObject *)type)->ht_module;
#endif
    return module != NULL && PyModule_GetDef(module) == def ? module : NULL;
}

void *
rsbind_type_state_slow(PyTypeObject *type, PyModuleDef *def)
{
    for (PyTypeObject *t = type; t != NULL; t = type_base(t)) {
        PyObject *module = type_module(t, def);
        if (module != NULL) {
            return PyModule_GetState(module);
        }
    }
    /* An IntEnum class (made by Python code) names its module object. */
    PyObject *type_, *value, *tb;
    void *state = rsbind_primary_state;
    PyErr_Fetch(&type_, &value, &tb);
    PyObject *module = PyObject_GetAttrString((PyObject *)type, "_rsbind_module");
    if (module != NULL && PyModule_Check(module) && PyModule_GetDef(module) == def) {
        state = PyModule_GetState(module);
    }
    Py_XDECREF(module);
    PyErr_Restore(type_, value, tb);
    return state;
}

void *
rsbind_state_any(PyObject *obj, PyModuleDef *def)
{
    if (obj == NULL) {
        return rsbind_primary_state;
    }
    if (PyModule_Check(obj) && PyModule_GetDef(obj) == def) {
        return PyModule_GetState(obj);
    }
    return rsbind_type_state(PyType_Check(obj) ? (PyTypeObject *)obj : Py_TYPE(obj), def);
}

PyObject *
rsbind_type_from_module_spec(PyObject *module, PyType_Spec *spec, PyObject *base)
{
    if (base == NULL) {
        return PyType_FromModuleAndSpec(module, spec, NULL);
    }
    PyObject *bases = PyTuple_Pack(1, base);
    if (bases == NULL) {
        return NULL;
    }
    PyObject *type = PyType_FromModuleAndSpec(module, spec, bases);
    Py_DECREF(bases);
    return type;
}

int
rsbind_add_functions(PyObject *ns, PyMethodDef *defs, PyObject *module)
{
    PyObject *name = PyModule_GetNameObject(ns);
    if (name == NULL) {
        return -1;
    }
    for (PyMethodDef *def = defs; def->ml_name != NULL; def++) {
        PyObject *function = PyCFunction_NewEx(def, module, name);
        int rc = function == NULL ? -1 : PyObject_SetAttrString(ns, def->ml_name, function);
        Py_XDECREF(function);
        if (rc < 0) {
            Py_DECREF(name);
            return -1;
        }
    }
    Py_DECREF(name);
    return 0;
}

/* ---- Views ---- */

/* A type's name for messages: a heap type's tp_name has no module part. */
static const char *
short_type_name(PyObject *obj)
{
    const char *name = RSBIND_TP_NAME(Py_TYPE(obj));
    const char *dot = strrchr(name, '.');

    return dot != NULL ? dot + 1 : name;
}

int
rsbind_keeps_hold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive)
{
    if (slot_check(owner_slot, exclusive, short_type_name(owner), NULL) < 0) {
        return -1;
    }
    if (owner_slot->is_view && !owner_slot->has_owner && owner_slot->view_exclusive) {
        /* Lent to a callable (rsbind_lend): its end could not reach them. */
        PyErr_Format(PyExc_RuntimeError,
                     "%.200s object is lent to a callable only while it runs: no view or iterator of it can be made",
                     short_type_name(owner));
        return -1;
    }
    if (!exclusive && owner_slot->borrow >= RSBIND_BORROW_MAX) {
        PyErr_Format(PyExc_RuntimeError, "%.200s object has too many borrows",
                     short_type_name(owner));
        return -1;
    }
    owner_slot->borrow = exclusive ? -1 : owner_slot->borrow + 1;
    owner_slot->views++;
    return 0;
}

void
rsbind_keeps_unhold(rsbind_slot *owner_slot, bool exclusive)
{
    owner_slot->borrow = exclusive ? 0 : owner_slot->borrow - 1;
    owner_slot->views--;
}

int
rsbind_view_hold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive)
{
    /* Without owner_slot the owner holds the borrow for the view (an
     * iterator object, for its `&'a mut` items): a reference is enough. */
    if (owner_slot != NULL && rsbind_keeps_hold(owner, owner_slot, exclusive) < 0) {
        return -1;
    }
    Py_INCREF(owner);
    return 0;
}

void
rsbind_view_attach(rsbind_slot *slot, PyObject *owner, rsbind_slot *owner_slot,
                   bool exclusive, bool read_only)
{
    /* A read-only view holds one shared borrow of itself for as long as it is
     * a view: writing through a `&T` is refused like any conflicting borrow. */
    slot->borrow = read_only ? 1 : 0;
    slot->is_view = true;
    slot->view_exclusive = exclusive;
    slot->view_read_only = read_only;
    /* Without an owner (a `&'static` view) the object may have no
     * rsbind_owner: it is not written. */
    if (owner != NULL) {
        RSBIND_SLOT_OWNER(slot)->owner = owner;
        RSBIND_SLOT_OWNER(slot)->owner_slot = owner_slot;
        slot->has_owner = true;
    }
}

void
rsbind_keeps_attach(rsbind_slot *slot, PyObject *keeps, rsbind_slot *owner_slot,
                    bool exclusive)
{
    slot->view_exclusive = exclusive;
    RSBIND_SLOT_OWNER(slot)->owner = keeps;
    RSBIND_SLOT_OWNER(slot)->owner_slot = owner_slot;
    slot->has_owner = true;
}

void
rsbind_view_detach(rsbind_slot *slot)
{
    if (!slot->has_owner) {
        return;
    }
    PyObject *owner = RSBIND_SLOT_OWNER(slot)->owner;
    rsbind_slot *owner_slot = RSBIND_SLOT_OWNER(slot)->owner_slot;
    slot->has_owner = false;
    RSBIND_SLOT_OWNER(slot)->owner = NULL;
    RSBIND_SLOT_OWNER(slot)->owner_slot = NULL;
    if (slot->is_view) {
        slot->rust = NULL;
        slot->borrow = 0;
        rsbind_view_unhold(owner, owner_slot, slot->view_exclusive);
        return;
    }
    /* An object that keeps what its value borrows from: its value is
     * dropped already; the tuple holds the objects, one maybe borrowed. */
    if (owner_slot != NULL) {
        rsbind_keeps_unhold(owner_slot, slot->view_exclusive);
    }
    Py_DECREF(owner);
}

void
rsbind_view_unhold(PyObject *owner, rsbind_slot *owner_slot, bool exclusive)
{
    /* The owner is alive until the reference below is dropped, so its slot is. */
    if (owner_slot != NULL) {
        rsbind_keeps_unhold(owner_slot, exclusive);
    }
    Py_DECREF(owner);
}

int
rsbind_pin_static(PyObject *obj, rsbind_slot *slot, const char *type_name,
                  const rsbind_loc *loc, const void **out)
{
    /* Not a value lent to a callable (rsbind_lend: is_view and view_exclusive without
     * an owner), which lives only while the callable runs. */
    if (slot->is_view && !slot->has_owner && slot->rust != NULL && !slot->view_exclusive) {
        /* A const's view, or an object pinned before. */
        *out = slot->rust;
        return 0;
    }
    if (slot->is_view) {
        return slot_error(PyExc_RuntimeError, loc, type_name,
                          "is a view into another object, so it cannot be lent for the whole program (`&'static`)");
    }
    if (slot_check(slot, false, type_name, loc) < 0) {
        return -1;
    }
    /* Rust may keep a `&'static` for good: the value is never dropped, moved
     * or changed again (a read-only view of itself, with no owner). */
    slot->is_view = true;
    slot->view_read_only = true;
    slot->view_exclusive = false;
    /* An object keeping what its value borrows keeps it for good: the
     * tuple's reference is left to the program, as the value is. */
    slot->has_owner = false;
    slot->borrow++;
    if (slot->inline_value) {
        /* The value is in the object: the object is the program's too. */
        Py_INCREF(obj);
    }
    *out = slot->rust;
    return 0;
}

int
rsbind_kept_bytes_arg(PyObject **arg, rsbind_scope *scope, const rsbind_loc *loc)
{
    PyObject *copy;

    if (PyBytes_CheckExact(*arg)) {
        return 0;
    }
    if (!PyObject_CheckBuffer(*arg)) {
        return rsbind_type_error(loc, "bytes", *arg);
    }
    /* Python may change other buffers while the result lives: it keeps a copy. */
    copy = PyBytes_FromObject(*arg);
    if (rsbind_scope_keep(scope, copy) < 0) {
        return -1;
    }
    *arg = copy;
    return 0;
}

PyObject *
rsbind_view_enter(PyObject *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self);
    return self;
}

PyObject *
rsbind_view_exit(PyObject *self, rsbind_slot *slot, const char *type_name)
{
    (void)self;
    if (slot->has_owner) {
        if (slot->borrow != (slot->view_read_only ? 1 : 0)) {
            /* A call running on it, or a view of this view, uses its memory. */
            slot_error(PyExc_RuntimeError, NULL, type_name,
                       slot->views > 0
                           ? "is borrowed by a live view, so its own borrow cannot end"
                           : "is borrowed, so its view's borrow cannot end");
            return NULL;
        }
        rsbind_view_detach(slot);
    }
    Py_RETURN_FALSE;
}

/* ---- Memory kept by the scope ---- */

static const char rsbind_mem_capsule[] = "rsbind.mem";

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
    if (scope->nmems < (int)(sizeof(scope->mems) / sizeof(scope->mems[0]))) {
        /* No object for the common case: a call converting one or two lists. */
        scope->mems[scope->nmems++] = mem;
        return 0;
    }
    capsule = PyCapsule_New(mem, rsbind_mem_capsule, mem_capsule_free);
    if (capsule == NULL) {
        PyMem_Free(mem);
        return -1;
    }
    return rsbind_scope_keep(scope, capsule);
}

PyObject *
rsbind_type_from_spec(PyType_Spec *spec, PyObject *base)
{
    PyObject *bases = PyTuple_Pack(1, base);
    if (bases == NULL) {
        return NULL;
    }
    PyObject *type = PyType_FromSpecWithBases(spec, bases);
    Py_DECREF(bases);
    return type;
}

int
rsbind_type_hide_order(PyObject *type)
{
#ifdef Py_LIMITED_API
    /* The limited API has no way to the type's own dict (deleting the attribute
     * would make CPython swap tp_richcompare for its generic slot): the
     * wrappers stay, and still raise TypeError through NotImplemented. */
    (void)type;
    return 0;
#else
    static const char *const names[] = {"__lt__", "__le__", "__gt__", "__ge__"};
    PyObject *dict = ((PyTypeObject *)type)->tp_dict;

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        /* Removed from the dict directly, not through type_setattro, so the
         * slot is kept as it is. */
        if (PyDict_GetItemString(dict, names[i]) != NULL && PyDict_DelItemString(dict, names[i]) < 0) {
            return -1;
        }
    }
    PyType_Modified((PyTypeObject *)type);
    return 0;
#endif
}

int
rsbind_borrow_slow(PyObject *obj, rsbind_slot *slot, bool exclusive, const char *type_name,
                   const rsbind_loc *loc)
{
    rsbind_scope scope;
    int rc;

    /* The scope's borrow raises every error; when it succeeds, the borrow is
     * taken for the caller instead, who ends it with rsbind_self_release. */
    rsbind_scope_init(&scope);
    rc = rsbind_scope_borrow_slow(&scope, obj, slot, exclusive, type_name, loc);
    rsbind_scope_release(&scope);
    if (rc < 0) {
        return -1;
    }
    slot->borrow = exclusive ? -1 : slot->borrow + 1;
    return 0;
}
