/* rsbind C runtime: the one place that chooses between CPython's full C API
 * and the limited API (PEP 384, the stable ABI of `rsbind build --abi3`).
 *
 * A version-specific build (no Py_LIMITED_API) keeps CPython's macros and
 * direct struct access: everything below is the identity there. An abi3 build
 * (build.rs defines Py_LIMITED_API=0x030A0000, CPython 3.10 and later) gets:
 * - RSBIND_TP_*: a type's slots through PyType_GetSlot (static types too,
 *   which 3.10 allows) instead of reading the PyTypeObject;
 * - the item and size macros the runtime uses (PyTuple_GET_ITEM, ...) as
 *   their checked function forms, under the same names (the limited headers
 *   leave them undefined), so the runtime's call sites are the same text;
 * - datetime's C API (not limited at all) as calls of the cached classes;
 * - 128-bit integers through int.to_bytes/int.from_bytes;
 * - exception objects with a fixed header (RSBIND_EXC_HEADER_SIZE) instead of
 *   PyBaseExceptionObject, whose size is not part of the stable ABI: the
 *   class's slot lies after it, and rsbind_limited_check checks at import
 *   that BaseException fits;
 * - constructors through tp_new (no limited tp_vectorcall before 3.14);
 * - the buffer protocol as the 3.11 limited API declares it (Py_buffer and
 *   its functions). 3.11 froze into the stable ABI exactly what 3.10 already
 *   exported (the struct's layout is unchanged since 3.3, the functions are
 *   exported by 3.10's libpython), so an abi3 module borrows buffers on 3.10
 *   as on later versions: declared here rather than copied through a sequence.
 *
 * Included by rsbind.h right after Python.h; nothing else includes it. */
#ifndef RSBIND_LIMITED_H
#define RSBIND_LIMITED_H

#ifdef Py_LIMITED_API
#define RSBIND_LIMITED 1
/* The newest API the code may use: the limited API's version, not the
 * headers' (a module built with 3.13's headers still runs on 3.10). */
#define RSBIND_API_VERSION (Py_LIMITED_API + 0)
#if Py_LIMITED_API + 0 < 0x030A0000
#error "rsbind's abi3 build needs Py_LIMITED_API 0x030A0000 (CPython 3.10) or newer"
#endif
#else
#define RSBIND_LIMITED 0
#define RSBIND_API_VERSION PY_VERSION_HEX
#endif

#if !RSBIND_LIMITED

/* ---- The version-specific build: CPython's own forms ---- */
#define RSBIND_TP_ALLOC(type) ((type)->tp_alloc)
#define RSBIND_TP_FREE(type) ((type)->tp_free)
#define RSBIND_TP_NEW(type) ((type)->tp_new)
#define RSBIND_TP_DEALLOC(type) ((type)->tp_dealloc)
#define RSBIND_TP_GETATTRO(type) ((type)->tp_getattro)
#define RSBIND_TP_NAME(type) ((type)->tp_name)
#define RSBIND_HAS_TP_ITER(type) ((type)->tp_iter != NULL)
#define RSBIND_HAS_NB_FLOAT(type) \
    ((type)->tp_as_number != NULL && (type)->tp_as_number->nb_float != NULL)
#define RSBIND_HAS_NB_INDEX(type) \
    ((type)->tp_as_number != NULL && (type)->tp_as_number->nb_index != NULL)
/* Constructors are called through vectorcall, not tp_new's tuple and dict. */
#define RSBIND_SET_VECTORCALL(type, function) \
    (((PyTypeObject *)(type))->tp_vectorcall = (function))
/* PyLong_AsNativeBytes (3.13+) rather than the private _PyLong_AsByteArray. */
#define RSBIND_NATIVE_BYTES (RSBIND_API_VERSION >= 0x030D0000)
typedef PyBaseExceptionObject rsbind_exc_header;
/* A tuple's items as a vectorcall stack: its own array. */
#define RSBIND_TUPLE_ITEMS(tuple, buffer, capacity) \
    ((void)(buffer), (void)(capacity), ((PyTupleObject *)(tuple))->ob_item)
#define rsbind_limited_check() 0
/* The module says how it stands with sub-interpreters (3.12+). */
#define RSBIND_MULTIPLE_INTERPRETERS_SLOT (RSBIND_API_VERSION >= 0x030C0000)
/* A module file runs on the interpreter it was built for. */
#define RSBIND_RUNS_ON(major, minor) \
    ((major) == PY_MAJOR_VERSION && (minor) == PY_MINOR_VERSION)
/* An exact int of one digit (|v| < 2**30) read in place, as CPython's own
 * fast paths do, instead of a call of PyLong_AsLongLongAndOverflow: the
 * common small argument costs a few loads. Nonzero when it was one. */
#if RSBIND_API_VERSION >= 0x030C0000
static inline int
rsbind_compact_long(PyObject *obj, long long *v)
{
    if (RSBIND_LIKELY(PyUnstable_Long_IsCompact((PyLongObject *)obj))) {
        *v = (long long)PyUnstable_Long_CompactValue((PyLongObject *)obj);
        return 1;
    }
    return 0;
}
#else
#if RSBIND_API_VERSION < 0x030B0000
#include <longintrepr.h>
#endif
static inline int
rsbind_compact_long(PyObject *obj, long long *v)
{
    Py_ssize_t size = Py_SIZE(obj);

    if (RSBIND_LIKELY(size >= -1 && size <= 1)) {
        /* A zero may have no digit allocated: not read. */
        *v = RSBIND_LIKELY(size != 0) ? (long long)size * (long long)((PyLongObject *)obj)->ob_digit[0] : 0;
        return 1;
    }
    return 0;
}
#endif

/* A str's UTF-8 read in place when CPython keeps it in the object (a compact
 * ASCII str's characters are its UTF-8): no call of PyUnicode_AsUTF8AndSize
 * for the common argument. Nonzero when it was one. */
static inline int
rsbind_ascii_utf8(PyObject *obj, const char **utf8, Py_ssize_t *len)
{
    if (PyUnicode_IS_COMPACT_ASCII(obj)) {
        *utf8 = (const char *)PyUnicode_DATA(obj);
        *len = PyUnicode_GET_LENGTH(obj);
        return 1;
    }
    return 0;
}

#else /* RSBIND_LIMITED */

/* ---- The abi3 build: the limited API's forms ---- */
#define RSBIND_TP_ALLOC(type) ((allocfunc)PyType_GetSlot((type), Py_tp_alloc))
#define RSBIND_TP_FREE(type) ((freefunc)PyType_GetSlot((type), Py_tp_free))
#define RSBIND_TP_NEW(type) ((newfunc)PyType_GetSlot((type), Py_tp_new))
#define RSBIND_TP_DEALLOC(type) \
    ((destructor)PyType_GetSlot((type), Py_tp_dealloc))
#define RSBIND_TP_GETATTRO(type) \
    ((getattrofunc)PyType_GetSlot((type), Py_tp_getattro))
#define RSBIND_HAS_TP_ITER(type) (PyType_GetSlot((type), Py_tp_iter) != NULL)
#define RSBIND_HAS_NB_FLOAT(type) (PyType_GetSlot((type), Py_nb_float) != NULL)
#define RSBIND_HAS_NB_INDEX(type) (PyType_GetSlot((type), Py_nb_index) != NULL)
/* The vectorcall function stays referenced (so unused-function warnings stay
 * quiet) but is never installed: construction goes through tp_new. */
#define RSBIND_SET_VECTORCALL(type, function) ((void)(type), (void)(function))
#define RSBIND_NATIVE_BYTES 0
/* No Py_mod_multiple_interpreters slot below 3.12's limited API (3.10 and
 * 3.11 refuse a slot they do not know): 3.12+ then default to
 * Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED, which, like the version-specific
 * build's slot, lets legacy sub-interpreters import the module and refuses
 * isolated ones (own GIL). */
#define RSBIND_MULTIPLE_INTERPRETERS_SLOT (RSBIND_API_VERSION >= 0x030C0000)
/* An abi3 module file runs on 3.10 and every later CPython. */
#define RSBIND_RUNS_ON(major, minor) ((major) == 3 && (minor) >= 10)
/* An int's digits are not part of the stable ABI: always the call. */
#define rsbind_compact_long(obj, v) ((void)(obj), (void)(v), 0)
/* A str's representation is not part of the stable ABI: always the call. */
#define rsbind_ascii_utf8(obj, utf8, len) ((void)(obj), (void)(utf8), (void)(len), 0)
/* A tuple's items are no array in the limited API: copied (borrowed
 * references) into `buffer` when they fit, else NULL. */
static inline PyObject **
rsbind_limited_tuple_items(PyObject *tuple, PyObject **buffer,
                           Py_ssize_t capacity)
{
    Py_ssize_t n = PyTuple_Size(tuple);

    if (n > capacity) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        buffer[i] = PyTuple_GetItem(tuple, i);
    }
    return buffer;
}
#define RSBIND_TUPLE_ITEMS(tuple, buffer, capacity) \
    rsbind_limited_tuple_items((tuple), (buffer), (capacity))

/* "module.Name" as tp_name says it (builtins without the module), in one of
 * two buffers that live until the next-but-one call: enough for one message
 * that names two types. Runs with the GIL held; an exception already set (a
 * message's __context__ to be) is kept as it was. */
static inline const char *
rsbind_limited_type_name(PyTypeObject *type)
{
    static char names[2][200];
    static int which;
    char *out = names[which];
    PyObject *module, *qualname, *type_, *value, *traceback;
    const char *m = NULL, *q = NULL;

    which ^= 1;
    PyErr_Fetch(&type_, &value, &traceback);
    module = PyObject_GetAttrString((PyObject *)type, "__module__");
    qualname = PyObject_GetAttrString((PyObject *)type, "__qualname__");
    if (module != NULL && PyUnicode_Check(module)) {
        m = PyUnicode_AsUTF8AndSize(module, NULL);
    }
    if (qualname != NULL && PyUnicode_Check(qualname)) {
        q = PyUnicode_AsUTF8AndSize(qualname, NULL);
    }
    if (q == NULL) {
        q = "?";
    }
    if (m == NULL || strcmp(m, "builtins") == 0) {
        snprintf(out, sizeof(names[0]), "%s", q);
    }
    else {
        snprintf(out, sizeof(names[0]), "%s.%s", m, q);
    }
    Py_XDECREF(module);
    Py_XDECREF(qualname);
    /* A name that could not be read is "?": only a message suffers. */
    PyErr_Clear();
    PyErr_Restore(type_, value, traceback);
    return out;
}
#define RSBIND_TP_NAME(type) rsbind_limited_type_name((PyTypeObject *)(type))

/* The macros the runtime uses, as functions with the same results on the
 * values it applies them to (items it knows are there). */
#define PyTuple_GET_ITEM(t, i) PyTuple_GetItem((t), (i))
#define PyTuple_SET_ITEM(t, i, v) ((void)PyTuple_SetItem((t), (i), (v)))
#define PyTuple_GET_SIZE(t) PyTuple_Size(t)
#define PyList_GET_ITEM(l, i) PyList_GetItem((l), (i))
#define PyList_SET_ITEM(l, i, v) ((void)PyList_SetItem((l), (i), (v)))
#define PyList_GET_SIZE(l) PyList_Size(l)
#define PyDict_GET_SIZE(d) PyDict_Size(d)
#define PyBytes_AS_STRING(b) PyBytes_AsString(b)
#define PyBytes_GET_SIZE(b) PyBytes_Size(b)
#define PyFloat_AS_DOUBLE(f) PyFloat_AsDouble(f)
/* A "fast" sequence is always a tuple here (a list copied, as the runtime
 * already does for general sequences): one item access is PyTuple_GetItem,
 * with no list-or-tuple test (a PyType_GetFlags call in the limited API). */
#undef PySequence_Fast_GET_SIZE
#undef PySequence_Fast_GET_ITEM
#define PySequence_Fast(o, message) PySequence_Tuple(o)
#define PySequence_Fast_GET_SIZE(s) PyTuple_Size(s)
#define PySequence_Fast_GET_ITEM(s, i) PyTuple_GetItem((s), (i))
#define PyObject_CallOneArg(f, a) PyObject_CallFunctionObjArgs((f), (a), NULL)
#ifndef PY_VECTORCALL_ARGUMENTS_OFFSET
#define PY_VECTORCALL_ARGUMENTS_OFFSET \
    ((size_t)1 << (8 * sizeof(size_t) - 1))
#endif
#if Py_LIMITED_API + 0 < 0x030C0000
#define PyVectorcall_NARGS(n) \
    ((Py_ssize_t)((n) & ~PY_VECTORCALL_ARGUMENTS_OFFSET))
#endif

/* module.name(function): the Python forms of the method wrappers. */
static inline PyObject *
rsbind_limited_wrap(const char *module, const char *name, PyObject *function)
{
    PyObject *from = PyImport_ImportModule(module);
    PyObject *made = NULL;

    if (from != NULL) {
        made = PyObject_CallMethod(from, name, "O", function);
        Py_DECREF(from);
    }
    return made;
}
#define PyStaticMethod_New(f) rsbind_limited_wrap("builtins", "staticmethod", (f))
/* A function that binds as a method: partialmethod(f).__get__(obj) is
 * partial(f, obj), which calls f(obj, ...) as an instancemethod would. */
#define PyInstanceMethod_New(f) \
    rsbind_limited_wrap("functools", "partialmethod", (f))

/* Exceptions: BaseException's fields fit in this header on every CPython so
 * far (72 bytes on 3.13, 64-bit); rsbind_limited_check refuses one where they
 * would not. */
#define RSBIND_EXC_HEADER_SIZE 160
typedef struct rsbind_exc_header {
    PyObject ob_base;
    void *rsbind_fields[(RSBIND_EXC_HEADER_SIZE - sizeof(PyObject))
                        / sizeof(void *)];
} rsbind_exc_header;

static inline int
rsbind_limited_check(void)
{
    PyObject *size = PyObject_GetAttrString(PyExc_BaseException,
                                            "__basicsize__");
    long basicsize = size == NULL ? -1 : PyLong_AsLong(size);

    Py_XDECREF(size);
    if (basicsize < 0) {
        return -1;
    }
    if ((size_t)basicsize > sizeof(rsbind_exc_header)) {
        PyErr_Format(PyExc_ImportError,
                     "this abi3 module has room for %d bytes of BaseException "
                     "and this interpreter's take %ld: rebuild it for this "
                     "version without --abi3",
                     (int)sizeof(rsbind_exc_header), basicsize);
        return -1;
    }
    return 0;
}

/* ---- 128-bit integers: int.to_bytes(16, "little", signed=...) ---- */

static inline int
rsbind_limited_as_bytes16(PyObject *num, unsigned char *bytes, int is_signed)
{
    PyObject *method = PyObject_GetAttrString(num, "to_bytes");
    PyObject *args = method == NULL ? NULL : Py_BuildValue("(is)", 16, "little");
    PyObject *kwargs = args == NULL ? NULL
        : Py_BuildValue("{s:O}", "signed", is_signed ? Py_True : Py_False);
    PyObject *made = kwargs == NULL ? NULL : PyObject_Call(method, args, kwargs);
    int result = -1;

    if (made != NULL) {
        char *data;
        Py_ssize_t len;

        if (PyBytes_AsStringAndSize(made, &data, &len) == 0 && len == 16) {
            memcpy(bytes, data, 16);
            result = 0;
        }
    }
    Py_XDECREF(made);
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(method);
    return result;
}
#define _PyLong_AsByteArray(v, bytes, n, little, is_signed) \
    rsbind_limited_as_bytes16((PyObject *)(v), (bytes), (is_signed))

static inline PyObject *
rsbind_limited_from_bytes16(const unsigned char *bytes, int is_signed)
{
    PyObject *data = PyBytes_FromStringAndSize((const char *)bytes, 16);
    PyObject *args = data == NULL ? NULL : Py_BuildValue("(Os)", data, "little");
    PyObject *kwargs = args == NULL ? NULL
        : Py_BuildValue("{s:O}", "signed", is_signed ? Py_True : Py_False);
    PyObject *from = kwargs == NULL ? NULL
        : PyObject_GetAttrString((PyObject *)&PyLong_Type, "from_bytes");
    PyObject *made = from == NULL ? NULL : PyObject_Call(from, args, kwargs);

    Py_XDECREF(from);
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(data);
    return made;
}
#define _PyLong_FromByteArray(bytes, n, little, is_signed) \
    rsbind_limited_from_bytes16((bytes), (is_signed))

/* ---- datetime: the classes, called ---- */

typedef struct rsbind_limited_datetime_api {
    PyObject *DateTimeType;
    PyObject *DeltaType;
    PyObject *TimeZone_UTC;
    PyObject *(*DateTime_FromDateAndTime)(int, int, int, int, int, int, int,
                                          PyObject *, PyObject *);
} rsbind_limited_datetime_api;

static inline PyObject *
rsbind_limited_datetime_new(int y, int mo, int d, int h, int mi, int s, int us,
                            PyObject *tz, PyObject *type)
{
    PyObject *args = Py_BuildValue("(iiiiiii)", y, mo, d, h, mi, s, us);
    PyObject *kwargs = args == NULL ? NULL
        : Py_BuildValue("{s:O}", "tzinfo", tz);
    PyObject *made = kwargs == NULL ? NULL : PyObject_Call(type, args, kwargs);

    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    return made;
}

/* Per translation unit, as datetime.h's own PyDateTimeAPI is. */
#if defined(__GNUC__) || defined(__clang__)
#define RSBIND_LIMITED_UNUSED __attribute__((unused))
#else
#define RSBIND_LIMITED_UNUSED
#endif
RSBIND_LIMITED_UNUSED static rsbind_limited_datetime_api rsbind_limited_datetime;
RSBIND_LIMITED_UNUSED static rsbind_limited_datetime_api *rsbind_limited_datetime_ready;

static inline void
rsbind_limited_datetime_import(void)
{
    PyObject *module = PyImport_ImportModule("datetime");
    PyObject *timezone;

    if (module == NULL) {
        return;
    }
    rsbind_limited_datetime.DateTimeType =
        PyObject_GetAttrString(module, "datetime");
    rsbind_limited_datetime.DeltaType =
        PyObject_GetAttrString(module, "timedelta");
    timezone = PyObject_GetAttrString(module, "timezone");
    rsbind_limited_datetime.TimeZone_UTC =
        timezone == NULL ? NULL : PyObject_GetAttrString(timezone, "utc");
    rsbind_limited_datetime.DateTime_FromDateAndTime =
        rsbind_limited_datetime_new;
    Py_XDECREF(timezone);
    Py_DECREF(module);
    if (rsbind_limited_datetime.DateTimeType != NULL
        && rsbind_limited_datetime.DeltaType != NULL
        && rsbind_limited_datetime.TimeZone_UTC != NULL) {
        rsbind_limited_datetime_ready = &rsbind_limited_datetime;
    }
}

static inline int
rsbind_limited_delta_field(PyObject *delta, const char *name)
{
    PyObject *value = PyObject_GetAttrString(delta, name);
    long v = value == NULL ? -1 : PyLong_AsLong(value);

    Py_XDECREF(value);
    return (int)v;
}

#define PyDateTimeAPI rsbind_limited_datetime_ready
#define PyDateTime_IMPORT rsbind_limited_datetime_import()
#define PyDateTime_TimeZone_UTC (rsbind_limited_datetime.TimeZone_UTC)
#define PyDelta_Check(o) \
    PyObject_TypeCheck((o), (PyTypeObject *)rsbind_limited_datetime.DeltaType)
#define PyDateTime_Check(o) \
    PyObject_TypeCheck((o), (PyTypeObject *)rsbind_limited_datetime.DateTimeType)
#define PyDateTime_DELTA_GET_DAYS(o) rsbind_limited_delta_field((o), "days")
#define PyDateTime_DELTA_GET_SECONDS(o) rsbind_limited_delta_field((o), "seconds")
#define PyDateTime_DELTA_GET_MICROSECONDS(o) \
    rsbind_limited_delta_field((o), "microseconds")
#define PyDelta_FromDSU(d, s, us) \
    PyObject_CallFunction(rsbind_limited_datetime.DeltaType, "iii", (d), (s), (us))

/* ---- The buffer protocol, as the 3.11 limited API declares it ---- */
#if Py_LIMITED_API + 0 < 0x030B0000
typedef struct bufferinfo {
    void *buf;
    PyObject *obj;
    Py_ssize_t len;
    Py_ssize_t itemsize;
    int readonly;
    int ndim;
    char *format;
    Py_ssize_t *shape;
    Py_ssize_t *strides;
    Py_ssize_t *suboffsets;
    void *internal;
} Py_buffer;
typedef int (*getbufferproc)(PyObject *, Py_buffer *, int);
typedef void (*releasebufferproc)(PyObject *, Py_buffer *);
PyAPI_FUNC(int) PyObject_CheckBuffer(PyObject *obj);
PyAPI_FUNC(int) PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags);
PyAPI_FUNC(void) PyBuffer_Release(Py_buffer *view);
PyAPI_FUNC(int) PyBuffer_IsContiguous(const Py_buffer *view, char fort);
PyAPI_FUNC(int) PyBuffer_ToContiguous(void *buf, const Py_buffer *view,
                                      Py_ssize_t len, char order);
#define PyBUF_SIMPLE 0
/* typeslots.h's numbers, in PyType_FromSpec since 3.9. */
#ifndef Py_bf_getbuffer
#define Py_bf_getbuffer 1
#define Py_bf_releasebuffer 2
#endif
#define PyBUF_WRITABLE 0x0001
#define PyBUF_FORMAT 0x0004
#define PyBUF_ND 0x0008
#define PyBUF_STRIDES (0x0010 | PyBUF_ND)
#define PyBUF_C_CONTIGUOUS (0x0020 | PyBUF_STRIDES)
#define PyBUF_READ 0x100
#define PyBUF_WRITE 0x200
#endif

#endif /* RSBIND_LIMITED */

#endif /* RSBIND_LIMITED_H */
