/* rsbind C runtime: argument parsing. Promises: a call's positional and
 * keyword arguments land in parameter order, with CPython's own TypeErrors for
 * too many or missing arguments, unknown keywords and duplicates; the common
 * case (all positional, none omitted) is inline in rsbind.h. */

#include "rsbind_internal.h"

/* Index of the parameter that the keyword key names, or -1. */
static Py_ssize_t
find_keyword(const rsbind_sig *sig, PyObject *key)
{
    Py_ssize_t key_len, i;
    const char *key_utf8 = PyUnicode_AsUTF8AndSize(key, &key_len);

    if (key_utf8 == NULL) {
        /* A keyword with a lone surrogate cannot name a Rust parameter; the
         * caller reports it as unexpected. */
        PyErr_Clear();
        return -1;
    }
    for (i = 0; i < sig->nparams; i++) {
        const char *name = sig->names[i];
        size_t name_len = strlen(name);

        if (name_len == (size_t)key_len
            && memcmp(name, key_utf8, name_len) == 0) {
            return i;
        }
    }
    return -1;
}

int
rsbind_parse_args_slow(const rsbind_sig *sig, PyObject *const *args,
                  Py_ssize_t nargs, PyObject *kwnames, PyObject **out)
{
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t i;

    if (nkw == 0 && nargs == sig->nparams) {
        for (i = 0; i < nargs; i++) {
            out[i] = args[i];
        }
        return 0;
    }
    if (nargs > sig->nparams) {
        /* Counts keywords too, as CPython's own "(M given)" does. */
        if (sig->nparams == 0) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() takes no arguments (%zd given)",
                         sig->func, nargs + nkw);
        }
        else {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() takes %s %zd argument%s (%zd given)",
                         sig->func,
                         sig->nrequired == sig->nparams ? "exactly"
                                                        : "at most",
                         sig->nparams, sig->nparams == 1 ? "" : "s",
                         nargs + nkw);
        }
        return -1;
    }
    for (i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (i = nargs; i < sig->nparams; i++) {
        out[i] = NULL;
    }
    for (i = 0; i < nkw; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        Py_ssize_t param = find_keyword(sig, key);

        if (param < 0) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() got an unexpected keyword argument '%S'",
                         sig->func, key);
            return -1;
        }
        if (out[param] != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() got multiple values for argument '%s'",
                         sig->func, sig->names[param]);
            return -1;
        }
        out[param] = args[nargs + i];
    }
    for (i = 0; i < sig->nrequired; i++) {
        if (out[i] == NULL) {
            PyErr_Format(PyExc_TypeError,
                         "%.200s() missing required argument '%s' (pos %zd)",
                         sig->func, sig->names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

/* Stacks up to this many arguments live on the C stack. */
#define RSBIND_SMALL_STACK 16

int
rsbind_parse_tuple_args(const rsbind_sig *sig, PyObject *args,
                        PyObject *kwargs, PyObject **out,
                        rsbind_scope *scope)
{
    PyObject *small[RSBIND_SMALL_STACK];
    PyObject **stack, *kwnames, *key, *value;
    Py_ssize_t nargs, nkw, i, pos;
    int result;

    if (!PyTuple_Check(args) || (kwargs != NULL && !PyDict_Check(kwargs))) {
        PyErr_BadInternalCall();
        return -1;
    }
    nargs = PyTuple_GET_SIZE(args);
    nkw = kwargs != NULL ? PyDict_GET_SIZE(kwargs) : 0;
    if (nkw == 0
        && (stack = RSBIND_TUPLE_ITEMS(args, small, RSBIND_SMALL_STACK)) != NULL) {
        /* A tuple's items already are a vectorcall stack. */
        return rsbind_parse_args(sig, stack, nargs, NULL, out);
    }
    if (nargs + nkw <= RSBIND_SMALL_STACK) {
        stack = small;
    }
    else {
        if (nargs + nkw > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(PyObject *)) {
            PyErr_NoMemory();
            return -1;
        }
        stack = PyMem_Malloc((size_t)(nargs + nkw) * sizeof(PyObject *));
        if (stack == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    kwnames = PyTuple_New(nkw);
    if (kwnames == NULL) {
        result = -1;
        goto done;
    }
    /* The scope owns kwnames from here, also when keep fails. */
    if (rsbind_scope_keep(scope, kwnames) < 0) {
        result = -1;
        goto done;
    }
    for (i = 0; i < nargs; i++) {
        stack[i] = PyTuple_GET_ITEM(args, i);
    }
    /* Nothing below runs Python code, so the dict cannot change under
     * PyDict_Next. */
    i = 0;
    pos = 0;
    while (i < nkw && PyDict_Next(kwargs, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "%.200s() keywords must be strings",
                         sig->func);
            result = -1;
            goto done;
        }
        Py_INCREF(key);
        PyTuple_SET_ITEM(kwnames, i, key);
        stack[nargs + i] = value;
        i++;
    }
    result = rsbind_parse_args(sig, stack, nargs, kwnames, out);
done:
    if (stack != small) {
        PyMem_Free(stack);
    }
    return result;
}

bool
rsbind_operand_mismatch(void)
{
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
        return false;
    }
    PyErr_Clear();
    return true;
}

bool
rsbind_overload_mismatch(PyObject **why)
{
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) {
        return false;
    }
    PyObject *exc = rsbind_exc_take();
    PyObject *text = PyObject_Str(exc);
    Py_DECREF(exc);
    if (text == NULL) {
        PyErr_Clear();
        return true;
    }
    if (*why == NULL) {
        *why = text;
        return true;
    }
    PyObject *joined = PyUnicode_FromFormat("%U; %U", *why, text);
    Py_DECREF(text);
    if (joined == NULL) {
        PyErr_Clear();
        return true;
    }
    Py_DECREF(*why);
    *why = joined;
    return true;
}

PyObject *
rsbind_no_overload(const char *name, PyObject *why)
{
    if (why == NULL) {
        PyErr_Format(PyExc_TypeError, "%s() takes none of these arguments", name);
        return NULL;
    }
    PyErr_Format(PyExc_TypeError, "%s() takes none of these arguments (%U)", name, why);
    Py_DECREF(why);
    return NULL;
}

int
rsbind_made_arg(PyObject **arg, PyTypeObject *type, destructor dealloc, const rsbind_fastcall *makers,
                size_t n, rsbind_scope *scope)
{
    if (*arg == NULL || rsbind_is_class(*arg, dealloc)) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *made = makers[i]((PyObject *)type, arg, 1, NULL);
        if (made != NULL) {
            if (rsbind_scope_keep(scope, made) < 0) {
                return -1;
            }
            *arg = made;
            return 0;
        }
        if (!rsbind_operand_mismatch()) {
            return -1;
        }
    }
    return 0;
}

PyObject *
rsbind_pickle_data(rsbind_vec out, const uint8_t *buffer)
{
    if (out.ptr == NULL) {
        return PyBytes_FromStringAndSize((const char *)buffer, (Py_ssize_t)out.len);
    }
    return rsbind_bytes_to_py(out);
}

PyObject *
rsbind_pickle_reduce(PyObject *unpickler, PyObject *data)
{
    PyObject *args, *result;

    if (data == NULL) {
        return NULL;
    }
    args = PyTuple_New(1);
    if (args == NULL) {
        Py_DECREF(data);
        return NULL;
    }
    PyTuple_SET_ITEM(args, 0, data);
    result = PyTuple_New(2);
    if (result == NULL) {
        Py_DECREF(args);
        return NULL;
    }
    Py_INCREF(unpickler);
    PyTuple_SET_ITEM(result, 0, unpickler);
    PyTuple_SET_ITEM(result, 1, args);
    return result;
}

PyObject *
rsbind_unpickler_type(PyObject *module, PyType_Spec *spec, rsbind_vectorcall vectorcall)
{
    PyObject *type = PyType_FromModuleAndSpec(module, spec, NULL);
    if (type != NULL) {
        RSBIND_SET_VECTORCALL(type, vectorcall);
        rsbind_type_freeze(type);
    }
    return type;
}

void
rsbind_type_freeze(PyObject *type)
{
#if defined(Py_TPFLAGS_IMMUTABLETYPE) && !defined(Py_LIMITED_API)
    ((PyTypeObject *)type)->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
    PyType_Modified((PyTypeObject *)type);
#else
    (void)type;
#endif
}

/* Each of `defs` on `cls`: staticmethods whose self is `module` (all of them
 * when `all_static`, else the METH_STATIC ones: CPython would call such a
 * method descriptor with no self), the others as method descriptors. */
static int
add_methods(PyObject *cls, PyMethodDef *defs, PyObject *module, bool all_static)
{
    for (PyMethodDef *def = defs; def->ml_name != NULL; def++) {
        PyObject *attr;
        if (all_static || (def->ml_flags & METH_STATIC)) {
            PyObject *function = PyCFunction_NewEx(def, module, NULL);
            attr = function == NULL ? NULL : PyStaticMethod_New(function);
            Py_XDECREF(function);
        } else if (def->ml_flags & METH_CLASS) {
            attr = PyDescr_NewClassMethod((PyTypeObject *)cls, def);
        } else {
            attr = PyDescr_NewMethod((PyTypeObject *)cls, def);
        }
        if (attr == NULL) {
            return -1;
        }
        int rc = PyObject_SetAttrString(cls, def->ml_name, attr);
        Py_DECREF(attr);
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

int
rsbind_add_static_methods(PyObject *cls, PyMethodDef *defs, PyObject *module)
{
    return add_methods(cls, defs, module, true);
}

int
rsbind_add_methods(PyObject *cls, PyMethodDef *defs, PyObject *module)
{
    return add_methods(cls, defs, module, false);
}
