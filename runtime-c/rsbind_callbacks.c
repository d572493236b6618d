/* rsbind C runtime: Python callables called from Rust (MAPPING: Callbacks
 * and traits). Promises: every function here that Rust calls takes the GIL
 * itself (rsbind_gil_ensure, in the interpreter of the callable it is about),
 * so Rust may call it from any thread, with or
 * without the GIL, during a call or long after; a Python exception raised by
 * a callable is taken out whole (the same object, its traceback set) and
 * handed to Rust, which carries it out of the Rust call to rsbind_raise, or,
 * when no Rust call of this module is there to receive it, reports it with
 * PyErr_WriteUnraisable. */

#include "rsbind_internal.h"

static PyTypeObject *rsbind_handle_type;

static void
handle_dealloc(PyObject *self)
{
    rsbind_handle *handle = (rsbind_handle *)self;
    PyTypeObject *type = Py_TYPE(self);

    Py_CLEAR(handle->object);
    Py_CLEAR(handle->module);
    RSBIND_TP_FREE(type)(self);
    Py_DECREF(type);
}

int
rsbind_handle_type_init(void)
{
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)handle_dealloc},
        {Py_tp_doc, (void *)"A Python object that Rust holds as a callable or a trait object."},
        {0, NULL}
    };
    return rsbind_runtime_type(&rsbind_handle_type, "rsbind.Handle", (int)sizeof(rsbind_handle), 0, slots);
}

/* A new handle of obj for the call of `scope`, which keeps it: its module
 * object's state is the scope's (every call converting a callable or trait
 * object names it; the primary state is the last resort), its interpreter
 * the one running. */
static rsbind_handle *
handle_new(PyObject *obj, rsbind_scope *scope)
{
    void *state = scope != NULL && scope->state != NULL ? scope->state : rsbind_primary_state;
    rsbind_handle *handle;

    if (scope == NULL || state == NULL || rsbind_handle_type == NULL) {
        PyErr_SetString(PyExc_SystemError, "a callable converted outside a call");
        return NULL;
    }
    handle = PyObject_New(rsbind_handle, rsbind_handle_type);
    if (handle == NULL) {
        return NULL;
    }
    Py_INCREF(obj);
    handle->object = obj;
    /* A module state begins with its module object. */
    handle->module = *(PyObject **)state;
    Py_INCREF(handle->module);
    handle->state = state;
    handle->interp = PyInterpreterState_Get();
    if (rsbind_scope_keep(scope, (PyObject *)handle) < 0) {
        return NULL;
    }
    return handle;
}

int
rsbind_callable_from_py(PyObject *obj, void **out, rsbind_scope *scope,
                        const rsbind_loc *loc)
{
    if (!PyCallable_Check(obj)) {
        return rsbind_type_error(loc, "callable", obj);
    }
    /* The scope keeps the handle for the call, and Rust takes its own
     * reference (rsbind_py_incref) before it keeps the callable. */
    rsbind_handle *handle = handle_new(obj, scope);
    if (handle == NULL) {
        return -1;
    }
    *out = handle;
    return 0;
}

int
rsbind_gil_held(void)
{
#ifdef Py_LIMITED_API
    return -1;
#else
    return rsbind_gil_held_here() ? 1 : 0;
#endif
}

rsbind_gil
rsbind_gil_take(PyInterpreterState *interp)
{
    rsbind_gil gil = {true, PyGILState_UNLOCKED, NULL};
    /* This thread's thread state for PyGILState_Ensure: the main
     * interpreter's, or (3.12+) the one it ran last. */
    PyThreadState *mine = PyGILState_GetThisThreadState();
    PyInterpreterState *mine_interp = mine != NULL ? PyThreadState_GetInterpreter(mine) : NULL;
    bool main = interp == NULL || PyInterpreterState_GetID(interp) == 0;

    if ((mine != NULL && mine_interp == interp) || (mine == NULL && main)
        || (mine != NULL && RSBIND_LIMITED) || (mine != NULL && interp == NULL)) {
        /* Its own thread state (or, on the limited API, which cannot tell
         * whether `mine` holds the GIL, whatever PyGILState_Ensure picks). */
        gil.state = PyGILState_Ensure();
        return gil;
    }
    /* A thread with no thread state of `interp` (it does not hold the GIL:
     * rsbind_gil_held_here said so): one made for this call. */
    gil.own = PyThreadState_New(interp);
    if (gil.own == NULL) {
        /* Out of memory: the main interpreter's, as before sub-interpreters. */
        gil.state = PyGILState_Ensure();
        return gil;
    }
    PyEval_RestoreThread(gil.own);
    return gil;
}

void
rsbind_gil_drop(rsbind_gil gil)
{
    if (gil.own == NULL) {
        PyGILState_Release(gil.state);
        return;
    }
    PyThreadState_Clear(gil.own);
    PyEval_ReleaseThread(gil.own);
    PyThreadState_Delete(gil.own);
}

/* The GIL is taken only when this thread does not hold it: in a legacy
 * sub-interpreter, PyGILState_Ensure would wait for the GIL this thread
 * holds under the sub-interpreter's thread state (3.11 and older). */
void
rsbind_py_incref(void *handle)
{
    rsbind_gil gil = rsbind_gil_ensure(((rsbind_handle *)handle)->interp);
    Py_INCREF((PyObject *)handle);
    rsbind_gil_release(gil);
}

void
rsbind_py_decref(void *handle)
{
    rsbind_gil gil = rsbind_gil_ensure(((rsbind_handle *)handle)->interp);
    Py_DECREF((PyObject *)handle);
    rsbind_gil_release(gil);
}

PyObject *
rsbind_exc_take(void)
{
#if RSBIND_API_VERSION >= 0x030C0000
    PyObject *exc = PyErr_GetRaisedException();
#else
    PyObject *type, *value, *tb;

    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && tb != NULL) {
        PyException_SetTraceback(value, tb);
    }
    Py_XDECREF(type);
    Py_XDECREF(tb);
    PyObject *exc = value;
#endif
    if (exc == NULL) {
        /* A failure that set nothing: never hand Rust a NULL exception. */
        exc = PyObject_CallFunction(PyExc_SystemError, "s",
                                    "a callable failed without an exception");
    }
    return exc;
}

void
rsbind_exc_restore(PyObject *exc)
{
#if RSBIND_API_VERSION >= 0x030C0000
    PyErr_SetRaisedException(exc);
#else
    PyObject *tb = PyException_GetTraceback(exc);
    PyErr_Restore((PyObject *)Py_TYPE(exc), exc, tb);
    Py_INCREF((PyObject *)Py_TYPE(exc));
#endif
}

void
rsbind_exc_unraisable(void *exc)
{
    /* No handle at hand: this thread's interpreter if it holds the GIL,
     * else the main one's. */
    rsbind_gil gil = rsbind_gil_ensure(NULL);
    rsbind_exc_restore((PyObject *)exc);
    PyErr_WriteUnraisable(NULL);
    rsbind_gil_release(gil);
}

void
rsbind_exc_collect(PyObject **exc)
{
    if (*exc == NULL) {
        *exc = rsbind_exc_take();
    }
    else {
        PyErr_Clear();
    }
}

PyObject *
rsbind_callback_call_slow(PyObject *callable, PyObject **args, size_t n,
                          PyObject **exc)
{
    PyObject *result = NULL;
    size_t i;

    if (*exc == NULL) {
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000
        result = PyObject_Vectorcall(callable, args, n, NULL);
#else
        PyObject *tuple = PyTuple_New((Py_ssize_t)n);
        if (tuple != NULL) {
            for (i = 0; i < n; i++) {
                Py_INCREF(args[i]);
                PyTuple_SetItem(tuple, (Py_ssize_t)i, args[i]);
            }
            result = PyObject_Call(callable, tuple, NULL);
            Py_DECREF(tuple);
        }
#endif
        if (result == NULL) {
            *exc = rsbind_exc_take();
        }
    }
    for (i = 0; i < n; i++) {
        Py_XDECREF(args[i]);
    }
    return result;
}

rsbind_callback_frame *
rsbind_callback_frame_new(PyObject *result, void *handle)
{
    rsbind_callback_frame *frame = PyMem_Malloc(sizeof(rsbind_callback_frame));

    if (frame == NULL) {
        Py_DECREF(result);
        PyErr_NoMemory();
        return NULL;
    }
    rsbind_scope_init(&frame->scope);
    rsbind_scope_set_state(&frame->scope, ((rsbind_handle *)handle)->state);
    frame->result = result;
    frame->interp = ((rsbind_handle *)handle)->interp;
    return frame;
}

void
rsbind_callback_frame_free(rsbind_callback_frame *frame)
{
    rsbind_scope_release(&frame->scope);
    Py_DECREF(frame->result);
    PyMem_Free(frame);
}

void
rsbind_callback_release(void *frame)
{
    rsbind_gil gil = rsbind_gil_ensure(((rsbind_callback_frame *)frame)->interp);
    rsbind_callback_frame_free((rsbind_callback_frame *)frame);
    rsbind_gil_release(gil);
}

int
rsbind_trait_from_py(PyObject *obj, rsbind_dyn *out, const char *trait,
                     const char *const *required, size_t n,
                     rsbind_scope *scope, const rsbind_loc *loc)
{
    size_t i;

    for (i = 0; i < n; i++) {
        PyObject *attr = PyObject_GetAttrString(obj, required[i]);
        if (attr == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
                return -1;
            }
            PyErr_Clear();
            char message[200];
            PyOS_snprintf(message, sizeof(message),
                          "lacks the method '%s' of the trait %s", required[i], trait);
            return rsbind_loc_error(PyExc_TypeError, loc, message);
        }
        Py_DECREF(attr);
    }
    /* Kept by the scope: Rust takes its own reference before it keeps it. */
    rsbind_handle *handle = handle_new(obj, scope);
    if (handle == NULL) {
        return -1;
    }
    out->kind = RSBIND_DYN_PYTHON;
    out->ptr = handle;
    return 0;
}

bool
rsbind_py_hasattr(void *handle, const char *name)
{
    rsbind_gil gil = rsbind_gil_ensure(((rsbind_handle *)handle)->interp);
    PyObject *attr = PyObject_GetAttrString(RSBIND_HANDLE_OBJECT(handle), name);
    bool has = attr != NULL;
    if (attr == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(attr);
    rsbind_gil_release(gil);
    return has;
}

PyObject *
rsbind_method_call(PyObject *obj, const char *name, PyObject **args,
                   size_t n, PyObject **exc)
{
    PyObject *method = NULL;

    if (*exc == NULL) {
        method = PyObject_GetAttrString(obj, name);
        if (method == NULL) {
            *exc = rsbind_exc_take();
        }
    }
    if (method == NULL) {
        /* Releases the arguments. */
        return rsbind_callback_call(NULL, args, n, exc);
    }
    PyObject *result = rsbind_callback_call(method, args, n, exc);
    Py_DECREF(method);
    return result;
}

int
rsbind_callback_err_value(PyObject *exc, PyTypeObject *type, bool clone, void **value)
{
    if (!PyObject_TypeCheck(exc, type)) {
        return 0;
    }
    rsbind_slot *slot = &((rsbind_exc_object *)exc)->slot;
    if (slot->rust == NULL || slot->borrow < 0 || (!clone && (slot->borrow != 0 || slot->is_view))) {
        /* Moved out, or in use elsewhere: raised as it is. */
        return 0;
    }
    *value = slot->rust;
    if (clone) {
        slot->borrow++;
        return 1;
    }
    slot->rust = NULL;
    return 2;
}

void
rsbind_callback_err_done(void *handle, void *exc, int how)
{
    rsbind_gil gil = rsbind_gil_ensure(((rsbind_handle *)handle)->interp);
    if (how == 1) {
        ((rsbind_exc_object *)exc)->slot.borrow--;
    }
    Py_DECREF((PyObject *)exc);
    rsbind_gil_release(gil);
}

PyObject *
rsbind_lend(PyObject *obj, bool read_only)
{
    if (obj == NULL) {
        return NULL;
    }
    rsbind_slot *slot = &((rsbind_object *)obj)->slot;
    /* A view of Rust's value, with no owner object: never moved out, never
     * dropped by the deallocation (rsbind_lent_end drops it). view_exclusive,
     * meaningless without an owner, marks it lent: no view, iterator or
     * `&'static` of it can be made (they would outlive the end). */
    slot->is_view = true;
    slot->view_exclusive = true;
    slot->view_read_only = read_only;
    if (read_only) {
        slot->borrow = 1;
    }
    Py_INCREF(obj);
    return obj;
}

void
rsbind_lent_end(PyObject *obj, rsbind_drop_fn drop, bool read_only)
{
    if (obj == NULL) {
        return;
    }
    rsbind_slot *slot = &((rsbind_object *)obj)->slot;
    Py_ssize_t idle = read_only ? 1 : 0;
    /* Only another thread can be inside a method of it now (this thread's
     * calls of it ended with the callable); Rust's referent must outlive
     * that call, so wait for it. */
    while (slot->borrow != idle) {
        Py_BEGIN_ALLOW_THREADS
        Py_END_ALLOW_THREADS
    }
    void *rust = slot->rust;
    slot->rust = NULL;
    slot->borrow = 0;
    if (rust != NULL && drop != NULL) {
        uint8_t unit;
        rsbind_error err;
        /* A panicking Drop is contained on the Rust side. */
        (void)drop(rust, &unit, &err);
    }
    Py_DECREF(obj);
}

PyObject *
rsbind_trait_class(const char *module, const char *source, const char *name)
{
    PyObject *globals = PyDict_New();
    PyObject *cls = NULL;

    if (globals == NULL) {
        return NULL;
    }
    PyObject *module_name = PyUnicode_FromString(module);
    if (module_name == NULL
        || PyDict_SetItemString(globals, "__name__", module_name) < 0
        || PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) < 0) {
        Py_XDECREF(module_name);
        Py_DECREF(globals);
        return NULL;
    }
    Py_DECREF(module_name);
    PyObject *code = Py_CompileString(source, "<rsbind traits>", Py_file_input);
    if (code != NULL) {
        PyObject *done = PyEval_EvalCode(code, globals, globals);
        Py_DECREF(code);
        if (done != NULL) {
            Py_DECREF(done);
            cls = PyDict_GetItemString(globals, name);
            Py_XINCREF(cls);
            if (cls == NULL) {
                PyErr_Format(PyExc_SystemError, "rsbind: trait class %s not made", name);
            }
        }
    }
    Py_DECREF(globals);
    return cls;
}
