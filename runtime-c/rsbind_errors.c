/* rsbind C runtime: errors. Promises: every message about a value names
 * where it came from (rsbind_loc) the way CPython's own argument errors do
 * ("f() argument 'a' item 1 must be int, not str"), and a failed Rust call
 * (panic, crate error, io::Error, ...) becomes exactly one Python exception
 * with the Rust message freed (rsbind_raise). */

#include "rsbind_internal.h"

/* ---- Locations and error messages ---- */

void
rsbind_loc_describe(const rsbind_loc *loc, char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        return;
    }
    buf[0] = '\0';
    if (loc == NULL) {
        snprintf(buf, size, "argument");
        return;
    }
    if (loc->parent != NULL) {
        rsbind_loc_describe(loc->parent, buf, size);
        if (loc->index >= 0) {
            size_t used = strlen(buf);
            if (used + 1 < size) {
                snprintf(buf + used, size - used, " item %zd", loc->index);
            }
        }
        return;
    }
    if (loc->index == RSBIND_LOC_NAME) {
        snprintf(buf, size, "%.200s", loc->func != NULL ? loc->func : "?");
        return;
    }
    if (loc->param == NULL) {
        snprintf(buf, size, "%.200s() argument",
                 loc->func != NULL ? loc->func : "?");
        return;
    }
    if (loc->index == RSBIND_LOC_ATTRIBUTE) {
        snprintf(buf, size, "%.200s.%.200s",
                 loc->func != NULL ? loc->func : "?", loc->param);
        return;
    }
    snprintf(buf, size, "%.200s() argument '%.200s'",
             loc->func != NULL ? loc->func : "?", loc->param);
}

/* type(obj).__name__ as a new str reference, or NULL with an exception set.
 * tp_name is "module.Name" for static types, so it is not used directly. */
static PyObject *
type_name(PyObject *obj)
{
    PyObject *type = (PyObject *)Py_TYPE(obj);
    PyObject *name = PyObject_GetAttrString(type, "__name__");
    if (name != NULL && PyUnicode_Check(name)) {
        return name;
    }
    /* A metaclass that hides __name__: fall back to what C knows. */
    Py_XDECREF(name);
    PyErr_Clear();
    return PyUnicode_FromString(RSBIND_TP_NAME(Py_TYPE(obj)));
}

int
rsbind_type_error(const rsbind_loc *loc, const char *expected, PyObject *obj)
{
    char where[RSBIND_LOC_SIZE];
    PyObject *name;

    rsbind_loc_describe(loc, where, sizeof(where));
    name = type_name(obj);
    if (name == NULL) {
        return -1;
    }
    PyErr_Format(PyExc_TypeError, "%s must be %s, not %U", where, expected,
                 name);
    Py_DECREF(name);
    return -1;
}

int
rsbind_loc_error(PyObject *exc, const rsbind_loc *loc, const char *message)
{
    char where[RSBIND_LOC_SIZE];

    rsbind_loc_describe(loc, where, sizeof(where));
    PyErr_Format(exc, "%s %s", where, message);
    return -1;
}

/* OverflowError "<loc> out of range for <rust_type>". */
int
rsbind_out_of_range(const rsbind_loc *loc, const char *rust_type)
{
    char message[64];

    snprintf(message, sizeof(message), "out of range for %s", rust_type);
    return rsbind_loc_error(PyExc_OverflowError, loc, message);
}

/* ValueError "<loc> must have N items, not M". */
int
rsbind_length_error(const rsbind_loc *loc, Py_ssize_t expected, Py_ssize_t got)
{
    char message[96];

    snprintf(message, sizeof(message), "must have %zd item%s, not %zd",
             expected, expected == 1 ? "" : "s", got);
    return rsbind_loc_error(PyExc_ValueError, loc, message);
}

/* Rust allocations never exceed isize::MAX bytes, but the ABI says size_t. */
int
rsbind_buffer_too_large(void)
{
    PyErr_SetString(PyExc_OverflowError, "Rust string too large for Python");
    return -1;
}

/* ---- Errors of a Rust call ---- */

/* Rust's io::Error Display for an OS error is "<strerror> (os error N)";
 * OSError prints "[Errno N] <strerror>" itself, so the suffix would say the
 * number twice. Returns the length without it. */
static size_t
strip_os_error_suffix(const char *message, size_t len, int32_t os_errno)
{
    char suffix[32];
    int n = snprintf(suffix, sizeof(suffix), " (os error %ld)",
                     (long)os_errno);

    if (n > 0 && (size_t)n < len
        && memcmp(message + len - (size_t)n, suffix, (size_t)n) == 0) {
        return len - (size_t)n;
    }
    return len;
}

PyObject *
rsbind_raise(rsbind_error *err, PyObject *const *crate_classes,
             PyObject *rust_panic)
{
    rsbind_string owned = err->message;
    /* An empty Rust String's pointer is dangling: never read through it. */
    const char *text = owned.len != 0 ? owned.ptr : "";
    size_t len = owned.len;
    PyObject *msg = NULL, *exc_type, *exc;

    if (err->kind == RSBIND_ERR_PYTHON) {
        /* A callable's own exception: raised again as it was. */
        rsbind_string_free(owned);
        err->message.ptr = NULL;
        err->message.len = 0;
        err->message.cap = 0;
        rsbind_exc_restore((PyObject *)err->value);
        err->value = NULL;
        return NULL;
    }
    if (err->kind == RSBIND_ERR_IO && err->os_errno != 0) {
        len = strip_os_error_suffix(text, len, err->os_errno);
    }
    if (rsbind_check_buffer_len(len) == 0) {
        /* "replace": a Display impl is UTF-8, but the message must not turn
         * into a UnicodeDecodeError that hides the real error. */
        msg = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "replace");
    }
    /* The message is ours to free whatever happens next; clearing it keeps a
     * second rsbind_raise on the same err from freeing it twice. */
    rsbind_string_free(owned);
    err->message.ptr = NULL;
    err->message.len = 0;
    err->message.cap = 0;
    if (msg == NULL) {
        return NULL;
    }

    switch (err->kind) {
    case RSBIND_ERR_PANIC:
        exc_type = rust_panic != NULL ? rust_panic : PyExc_RuntimeError;
        break;
    case RSBIND_ERR_CRATE:
        exc_type = crate_classes != NULL ? crate_classes[err->class_index]
                                         : NULL;
        if (exc_type == NULL) {
            exc_type = PyExc_RuntimeError;
        }
        break;
    case RSBIND_ERR_RUNTIME:
        exc_type = PyExc_RuntimeError;
        break;
    case RSBIND_ERR_IO:
        if (err->os_errno != 0) {
            /* OSError(errno, strerror) picks the subclass itself
             * (FileNotFoundError for ENOENT, ...) and sets .errno. */
            exc = PyObject_CallFunction(PyExc_OSError, "iO",
                                        (int)err->os_errno, msg);
            Py_DECREF(msg);
            if (exc == NULL) {
                return NULL;
            }
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
            return NULL;
        }
        exc_type = PyExc_OSError;
        break;
    case RSBIND_ERR_OVERFLOW:
        exc_type = PyExc_OverflowError;
        break;
    case RSBIND_ERR_VALUE:
        exc_type = PyExc_ValueError;
        break;
    default:
        PyErr_Format(PyExc_SystemError,
                     "rsbind_raise: unknown error kind %u (message: %U)",
                     (unsigned int)err->kind, msg);
        Py_DECREF(msg);
        return NULL;
    }
    PyErr_SetObject(exc_type, msg);
    Py_DECREF(msg);
    return NULL;
}

/* The running interpreter's minor version (3.x), set by rsbind_check_interpreter. */
static unsigned long rsbind_running_minor;

int
rsbind_check_subinterpreter_callbacks(const char *module)
{
    /* The limited API cannot tell whether this thread holds the GIL, and
     * before 3.12 PyGILState_Ensure in a sub-interpreter waits for the GIL
     * this very thread holds. */
    if (RSBIND_LIMITED && rsbind_running_minor < 12
        && PyInterpreterState_GetID(PyInterpreterState_Get()) != 0) {
        PyErr_Format(PyExc_ImportError,
                     "%s's abi3 build calls Python from Rust (callables, trait "
                     "objects), which in a sub-interpreter needs CPython 3.12 or "
                     "later; this interpreter is 3.%lu (import it in the main "
                     "interpreter, or build it for this version without --abi3)",
                     module, rsbind_running_minor);
        return -1;
    }
    return 0;
}

int
rsbind_check_interpreter(const char *module)
{
    /* Py_GetVersion() starts with "MAJOR.MINOR.MICRO"; Py_Version is 3.11+. */
    const char *running = Py_GetVersion();
    unsigned long major = 0, minor = 0;
    const char *p = running;
    while (*p >= '0' && *p <= '9') {
        major = major * 10 + (unsigned long)(*p++ - '0');
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            minor = minor * 10 + (unsigned long)(*p++ - '0');
        }
    }
    rsbind_running_minor = minor;
    if (RSBIND_RUNS_ON(major, minor)) {
        return rsbind_limited_check();
    }
    /* PyErr_Format has no %.*s: the version number alone, copied. */
    char version[32];
    size_t len = strcspn(running, " ");
    if (len >= sizeof(version)) {
        len = sizeof(version) - 1;
    }
    memcpy(version, running, len);
    version[len] = '\0';
    if (RSBIND_LIMITED) {
        PyErr_Format(PyExc_ImportError,
                     "%s was built on the stable ABI (abi3) for CPython 3.10 "
                     "and later; this interpreter is %s", module, version);
        return -1;
    }
    PyErr_Format(PyExc_ImportError,
                 "%s was built for CPython %d.%d and needs that version "
                 "(rsbind supports %s to 3.13; rebuild it with --python); "
                 "this interpreter is %s",
                 module, PY_MAJOR_VERSION, PY_MINOR_VERSION,
                 RSBIND_MIN_PYTHON, version);
    return -1;
}
