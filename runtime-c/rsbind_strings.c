/* rsbind C runtime: str and paths. Promises: a str crosses as its UTF-8,
 * borrowed for the call (lone surrogates: UnicodeEncodeError); a path crosses
 * as the file-system encoding's bytes, so os.listdir's names round-trip; a
 * Rust String or PathBuf comes back as str or pathlib.Path and its buffer is
 * freed by Rust's allocator. */

#include "rsbind_internal.h"

/* pathlib.Path */
static PyObject *rsbind_path_type;

int
rsbind_path_type_init(void)
{
    PyObject *pathlib;

    if (rsbind_path_type != NULL) {
        return 0;
    }
    pathlib = PyImport_ImportModule("pathlib");
    if (pathlib == NULL) {
        return -1;
    }
    rsbind_path_type = PyObject_GetAttrString(pathlib, "Path");
    Py_DECREF(pathlib);
    if (rsbind_path_type == NULL) {
        return -1;
    }
    return 0;
}

/* ---- Python -> ABI ---- */

int
rsbind_str_from_py_slow(PyObject *obj, rsbind_str *out, rsbind_scope *scope,
                        const rsbind_loc *loc)
{
    Py_ssize_t len;
    const char *utf8;

    (void)scope;
    if (!PyUnicode_Check(obj)) {
        return rsbind_type_error(loc, "str", obj);
    }
    /* Cached on the str object, so it lives as long as obj does; lone
     * surrogates raise UnicodeEncodeError, which is the contract. */
    utf8 = PyUnicode_AsUTF8AndSize(obj, &len);
    if (utf8 == NULL) {
        return -1;
    }
    out->ptr = utf8;
    out->len = (size_t)len;
    return 0;
}

/* Whether obj's type implements os.PathLike. Looked up on the type, as
 * PyOS_FSPath looks up special methods. */
static int
is_path_like(PyObject *obj)
{
    return PyObject_HasAttrString((PyObject *)Py_TYPE(obj), "__fspath__");
}

int
rsbind_path_from_py(PyObject *obj, rsbind_str *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    PyObject *fspath, *bytes;

    if (!PyUnicode_Check(obj) && !PyBytes_Check(obj) && !is_path_like(obj)) {
        return rsbind_type_error(loc, "str or os.PathLike", obj);
    }
    fspath = PyOS_FSPath(obj);
    if (fspath == NULL) {
        return -1;
    }
    if (PyUnicode_Check(fspath)) {
        /* The file-system encoding with surrogateescape, as os.fsencode
         * does: a path that came from os.listdir round-trips unchanged. */
        bytes = PyUnicode_EncodeFSDefault(fspath);
        Py_DECREF(fspath);
        if (bytes == NULL) {
            return -1;
        }
    }
    else {
        /* PyOS_FSPath only returns str or bytes. */
        bytes = fspath;
    }
    if (rsbind_scope_keep(scope, bytes) < 0) {
        return -1;
    }
    out->ptr = PyBytes_AS_STRING(bytes);
    out->len = (size_t)PyBytes_GET_SIZE(bytes);
    return 0;
}

/* ---- ABI -> Python ---- */


PyObject *
rsbind_pathbuf_to_py(rsbind_string v)
{
    PyObject *str = NULL, *result = NULL;

    if (rsbind_path_type == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
    }
    else if (rsbind_check_buffer_len(v.len) == 0) {
        /* The inverse of PyUnicode_EncodeFSDefault in rsbind_path_from_py:
         * undecodable bytes become lone surrogates, as os.fsdecode gives. */
        str = PyUnicode_DecodeFSDefaultAndSize(v.len == 0 ? "" : v.ptr,
                                               (Py_ssize_t)v.len);
    }
    rsbind_string_free(v);
    if (str == NULL) {
        return NULL;
    }
    result = PyObject_CallFunctionObjArgs(rsbind_path_type, str, NULL);
    Py_DECREF(str);
    return result;
}

/* ---- std::net::Ipv4Addr <-> ipaddress.IPv4Address, crossing as its u32 ---- */

static PyObject *rsbind_ipv4_type;

/* ipaddress.IPv4Address, imported on first use. */
static PyObject *
rsbind_ipv4_class(void)
{
    PyObject *ipaddress;

    if (rsbind_ipv4_type == NULL) {
        ipaddress = PyImport_ImportModule("ipaddress");
        if (ipaddress == NULL) {
            return NULL;
        }
        rsbind_ipv4_type = PyObject_GetAttrString(ipaddress, "IPv4Address");
        Py_DECREF(ipaddress);
    }
    return rsbind_ipv4_type;
}

int
rsbind_ipv4_from_py(PyObject *obj, uint32_t *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    PyObject *cls = rsbind_ipv4_class();
    PyObject *addr;
    PyObject *number;
    unsigned long value;

    (void)scope;
    if (cls == NULL) {
        return -1;
    }
    if (PyObject_TypeCheck(obj, (PyTypeObject *)cls)) {
        Py_INCREF(obj);
        addr = obj;
    } else if (PyUnicode_Check(obj)) {
        /* A str that parses: ipaddress's own ValueError says why not. */
        addr = PyObject_CallOneArg(cls, obj);
        if (addr == NULL) {
            return -1;
        }
    } else {
        return rsbind_type_error(loc, "ipaddress.IPv4Address or str", obj);
    }
    number = PyNumber_Long(addr);
    Py_DECREF(addr);
    if (number == NULL) {
        return -1;
    }
    value = PyLong_AsUnsignedLong(number);
    Py_DECREF(number);
    if (value == (unsigned long)-1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (uint32_t)value;
    return 0;
}

PyObject *
rsbind_ipv4_to_py(uint32_t v)
{
    PyObject *cls = rsbind_ipv4_class();
    PyObject *number;
    PyObject *addr;

    if (cls == NULL) {
        return NULL;
    }
    number = PyLong_FromUnsignedLong(v);
    if (number == NULL) {
        return NULL;
    }
    addr = PyObject_CallOneArg(cls, number);
    Py_DECREF(number);
    return addr;
}

/* ---- std::cmp::Ordering <-> -1, 0, 1 (as Python's cmp functions give it) ---- */

int
rsbind_ordering_from_py(PyObject *obj, int8_t *out, rsbind_scope *scope, const rsbind_loc *loc)
{
    (void)scope;
    if (!PyLong_Check(obj) || PyBool_Check(obj)) {
        return rsbind_type_error(loc, "int (-1, 0 or 1)", obj);
    }
    int overflow = 0;
    long value = PyLong_AsLongAndOverflow(obj, &overflow);
    if (value == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow != 0 || value < -1 || value > 1) {
        return rsbind_loc_error(PyExc_ValueError, loc, "must be -1, 0 or 1 (an ordering)");
    }
    *out = (int8_t)value;
    return 0;
}

PyObject *
rsbind_ordering_to_py(int8_t v)
{
    return PyLong_FromLong(v);
}
