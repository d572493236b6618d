/* rsbind C runtime: Python callables called from Rust (MAPPING: Callbacks
 * and traits). Promises: every function here that Rust calls takes the GIL
 * itself (PyGILState_Ensure), so Rust may call it from any thread, with or
 * without the GIL, during a call or long after; a Python exception raised by
 * a callable is taken out whole (the same object, its traceback set) and
 * handed to Rust, which carries it out of the Rust call to rsbind_raise, or,
 * when no Rust call of this module is there to receive it, reports it with
 * PyErr_WriteUnraisable. */

#include "rsbind_internal.h"

int
rsbind_callable_from_py(PyObject *obj, void **out, rsbind_scope *scope,
                        const rsbind_loc *loc)
{
    (void)scope;
    if (!PyCallable_Check(obj)) {
        return rsbind_type_error(loc, "callable", obj);
    }
    /* Borrowed: the caller's argument lives for the call, and Rust takes
     * its own reference (rsbind_py_incref) before it keeps the callable. */
    *out = obj;
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

/* The GIL is taken only when this thread does not hold it: in a legacy
 * sub-interpreter, PyGILState_Ensure would wait for the GIL this thread
 * holds under the sub-interpreter's thread state. */
void
rsbind_py_incref(void *obj)
{
    rsbind_gil gil = rsbind_gil_ensure();
    Py_INCREF((PyObject *)obj);
    rsbind_gil_release(gil);
}

void
rsbind_py_decref(void *obj)
{
    rsbind_gil gil = rsbind_gil_ensure();
    Py_DECREF((PyObject *)obj);
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
    PyGILState_STATE gil = PyGILState_Ensure();
    rsbind_exc_restore((PyObject *)exc);
    PyErr_WriteUnraisable(NULL);
    PyGILState_Release(gil);
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
rsbind_callback_frame_new(PyObject *result)
{
    rsbind_callback_frame *frame = PyMem_Malloc(sizeof(rsbind_callback_frame));

    if (frame == NULL) {
        Py_DECREF(result);
        PyErr_NoMemory();
        return NULL;
    }
    rsbind_scope_init(&frame->scope);
    frame->result = result;
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
    PyGILState_STATE gil = PyGILState_Ensure();
    rsbind_callback_frame_free((rsbind_callback_frame *)frame);
    PyGILState_Release(gil);
}

int
rsbind_trait_from_py(PyObject *obj, rsbind_dyn *out, const char *trait,
                     const char *const *required, size_t n,
                     const rsbind_loc *loc)
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
    /* Borrowed: Rust takes its own reference before it keeps the object. */
    out->kind = RSBIND_DYN_PYTHON;
    out->ptr = obj;
    return 0;
}

bool
rsbind_py_hasattr(void *obj, const char *name)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *attr = PyObject_GetAttrString((PyObject *)obj, name);
    bool has = attr != NULL;
    if (attr == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(attr);
    PyGILState_Release(gil);
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
rsbind_callback_err_done(void *exc, int how)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    if (how == 1) {
        ((rsbind_exc_object *)exc)->slot.borrow--;
    }
    Py_DECREF((PyObject *)exc);
    PyGILState_Release(gil);
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
