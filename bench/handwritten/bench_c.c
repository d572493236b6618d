/* bench_c: benchlib bound by hand, the physical limit for a binding that calls
 * Rust through extern "C" (shims/src/lib.rs). METH_FASTCALL, positional
 * arguments only, one call into Rust per Python call (plus the free of what Rust
 * allocated), no borrow flags. A Counter lives inline in its object (no Box)
 * and its type is called through tp_vectorcall. make_vec returns a VecF64
 * object that owns the Rust Vec and exports it through the buffer protocol.
 * Money is a heap type (PyType_FromSpec, as rsbind's classes are) with its
 * value inline, `+` through nb_add and `parse` a METH_FASTCALL classmethod.
 *
 * Two switches turn off what rsbind does not do yet, to measure what each is
 * worth (bench/run.py builds neither; see README's Performance section):
 *   -DBENCH_NO_VECTORCALL  Counter(..) goes through type_call, tp_new, tp_init
 *   -DBENCH_BOXED          a Counter or Money lives in a Rust Box, not in the object
 *
 * Built by bench/run.py:
 *   cc -O3 -shared -fPIC -I<python include> bench_c.c libbench_shims.a -o bench_c<EXT_SUFFIX>
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the Rust side (shims/src/lib.rs) ---------------------------------- */

typedef struct {
    char *ptr;
    size_t len;
    size_t cap;
} BenchBuf;

#define BENCH_COUNTER_SIZE 8 /* checked by a const assertion in the shims */

extern void bench_noop(void);
extern int64_t bench_add(int64_t a, int64_t b);
extern void bench_greet(const char *ptr, size_t len, BenchBuf *out);
extern void bench_string_free(char *ptr, size_t len, size_t cap);
extern double bench_sum(const double *ptr, size_t len);
extern void bench_make_vec(size_t n, BenchBuf *out);
extern void bench_vec_f64_free(double *ptr, size_t len, size_t cap);
extern void bench_counter_init(void *slot, int64_t start);
extern void bench_counter_drop(void *slot);
extern void *bench_counter_box_new(int64_t start);
extern void bench_counter_box_free(void *counter);
extern int64_t bench_counter_incr(void *slot, int64_t by);
extern int64_t bench_counter_count(const void *slot);
extern void bench_counter_set_count(void *slot, int64_t value);
#define BENCH_MONEY_SIZE 8 /* checked by a const assertion in the shims */
extern void bench_money_add(const void *a, const void *b, void *out);
extern bool bench_money_parse(const char *ptr, size_t len, void *out, BenchBuf *message);
extern void *bench_money_box_add(const void *a, const void *b);
extern void *bench_money_box_parse(const char *ptr, size_t len, BenchBuf *message);
extern void bench_money_box_free(void *m);
extern uint32_t bench_checked_div(int64_t a, int64_t b, int64_t *out, BenchBuf *message);

/* ---- helpers ------------------------------------------------------------ */

static PyObject *DivError, *DivideByZero, *Overflow;

static int
check_nargs(const char *name, Py_ssize_t nargs, Py_ssize_t want)
{
    if (nargs == want) {
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s() takes exactly %zd argument%s (%zd given)", name, want,
                 want == 1 ? "" : "s", nargs);
    return -1;
}

static int
i64_arg(PyObject *o, int64_t *out, const char *fn, const char *param)
{
    if (!PyLong_Check(o) && !PyIndex_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be int, not %.100s", fn, param,
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = (int64_t)v;
    return 0;
}

/* The UTF-8 of a str argument (owned by the str), or NULL with TypeError set. */
static const char *
str_arg(PyObject *o, Py_ssize_t *len, const char *fn, const char *param)
{
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.100s", fn, param,
                     Py_TYPE(o)->tp_name);
        return NULL;
    }
    return PyUnicode_AsUTF8AndSize(o, len);
}

/* The struct-module codes for a native double. */
static int
is_double_format(const char *f)
{
    if (f == NULL) {
        return 0;
    }
    if (f[0] == '@' || f[0] == '=' || f[0] == '<') {
        f++;
    }
    return f[0] == 'd' && f[1] == '\0';
}

/* ---- functions ---------------------------------------------------------- */

static PyObject *
py_noop(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    (void)args;
    if (check_nargs("noop", nargs, 0) < 0) {
        return NULL;
    }
    bench_noop();
    Py_RETURN_NONE;
}

static PyObject *
py_add(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    int64_t a, b;
    if (check_nargs("add", nargs, 2) < 0 || i64_arg(args[0], &a, "add", "a") < 0
        || i64_arg(args[1], &b, "add", "b") < 0) {
        return NULL;
    }
    return PyLong_FromLongLong(bench_add(a, b));
}

static PyObject *
py_greet(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    Py_ssize_t len;
    const char *name;
    if (check_nargs("greet", nargs, 1) < 0 || (name = str_arg(args[0], &len, "greet", "name")) == NULL) {
        return NULL;
    }
    BenchBuf out;
    bench_greet(name, (size_t)len, &out);
    PyObject *result = PyUnicode_DecodeUTF8(out.ptr, (Py_ssize_t)out.len, NULL);
    bench_string_free(out.ptr, out.len, out.cap);
    return result;
}

/* Sum of the floats of a tuple (immutable, so __float__ cannot change it). */
static PyObject *
sum_tuple(PyObject *tuple)
{
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    double *xs = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(double));
    if (xs == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        xs[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, i));
        if (xs[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(xs);
            return NULL;
        }
    }
    double r = bench_sum(xs, (size_t)n);
    PyMem_Free(xs);
    return PyFloat_FromDouble(r);
}

static PyObject *
py_sum(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    if (check_nargs("sum", nargs, 1) < 0) {
        return NULL;
    }
    PyObject *o = args[0];
    if (PyList_CheckExact(o) || PyTuple_CheckExact(o)) {
        /* Fast path: a list or tuple of exact floats, copied without calls back
         * into Python; anything else goes through an immutable tuple. */
        Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        PyObject **items = PySequence_Fast_ITEMS(o);
        double stack[256];
        stack[0] = 0.0; /* n may be 0 */
        double *xs = n <= 256 ? stack : PyMem_Malloc((size_t)n * sizeof(double));
        if (xs == NULL) {
            return PyErr_NoMemory();
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!PyFloat_CheckExact(items[i])) {
                if (xs != stack) {
                    PyMem_Free(xs);
                }
                goto slow;
            }
            xs[i] = PyFloat_AS_DOUBLE(items[i]);
        }
        double r = bench_sum(xs, (size_t)n);
        if (xs != stack) {
            PyMem_Free(xs);
        }
        return PyFloat_FromDouble(r);
    }
    if (PyObject_CheckBuffer(o)) {
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
            return NULL;
        }
        if (view.itemsize != sizeof(double) || !is_double_format(view.format)) {
            PyErr_Format(PyExc_TypeError,
                         "sum() argument 'xs' must be a buffer of doubles (format 'd'), not '%s'",
                         view.format ? view.format : "B");
            PyBuffer_Release(&view);
            return NULL;
        }
        double r = bench_sum(view.buf, (size_t)(view.len / (Py_ssize_t)sizeof(double)));
        PyBuffer_Release(&view);
        return PyFloat_FromDouble(r);
    }
slow:;
    PyObject *tuple = PySequence_Tuple(o);
    if (tuple == NULL) {
        return NULL;
    }
    PyObject *result = sum_tuple(tuple);
    Py_DECREF(tuple);
    return result;
}

/* ---- VecF64: a Rust Vec<f64> seen through the buffer protocol ----------- */

typedef struct {
    PyObject_HEAD
    double *ptr;
    Py_ssize_t len;
    size_t cap;
} VecF64Object;

static Py_ssize_t vec_itemsize = sizeof(double);

static void
VecF64_dealloc(VecF64Object *self)
{
    bench_vec_f64_free(self->ptr, (size_t)self->len, self->cap);
    PyObject_Free(self);
}

static int
VecF64_getbuffer(VecF64Object *self, Py_buffer *view, int flags)
{
    view->obj = Py_NewRef(self);
    view->buf = self->ptr;
    view->len = self->len * (Py_ssize_t)sizeof(double);
    view->readonly = 0;
    view->itemsize = sizeof(double);
    view->format = (flags & PyBUF_FORMAT) ? "d" : NULL;
    view->ndim = 1;
    view->shape = (flags & PyBUF_ND) ? &self->len : NULL;
    view->strides = (flags & PyBUF_STRIDES) ? &vec_itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static Py_ssize_t
VecF64_length(VecF64Object *self)
{
    return self->len;
}

static PyObject *
VecF64_item(VecF64Object *self, Py_ssize_t i)
{
    if (i < 0 || i >= self->len) {
        PyErr_SetString(PyExc_IndexError, "VecF64 index out of range");
        return NULL;
    }
    return PyFloat_FromDouble(self->ptr[i]);
}

static PyBufferProcs VecF64_as_buffer = {
    .bf_getbuffer = (getbufferproc)VecF64_getbuffer,
};

static PySequenceMethods VecF64_as_sequence = {
    .sq_length = (lenfunc)VecF64_length,
    .sq_item = (ssizeargfunc)VecF64_item,
};

static PyTypeObject VecF64_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.VecF64",
    .tp_basicsize = sizeof(VecF64Object),
    .tp_dealloc = (destructor)VecF64_dealloc,
    .tp_as_sequence = &VecF64_as_sequence,
    .tp_as_buffer = &VecF64_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A Rust Vec<f64>: a sequence and a writable buffer of doubles.",
};

static PyObject *
py_make_vec(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    if (check_nargs("make_vec", nargs, 1) < 0) {
        return NULL;
    }
    size_t n = PyLong_AsSize_t(args[0]);
    if (n == (size_t)-1 && PyErr_Occurred()) {
        return NULL;
    }
    VecF64Object *v = PyObject_New(VecF64Object, &VecF64_Type);
    if (v == NULL) {
        return NULL;
    }
    BenchBuf out;
    bench_make_vec(n, &out);
    v->ptr = (double *)(void *)out.ptr;
    v->len = (Py_ssize_t)out.len;
    v->cap = out.cap;
    return (PyObject *)v;
}

/* ---- Counter: the Rust value inline in the object ----------------------- */

typedef struct {
    PyObject_HEAD
#ifdef BENCH_BOXED
    void *boxed;
#else
    alignas(8) unsigned char value[BENCH_COUNTER_SIZE];
#endif
} CounterObject;

#ifdef BENCH_BOXED
#define COUNTER_VALUE(self) ((self)->boxed)
#else
#define COUNTER_VALUE(self) ((void *)(self)->value)
#endif

static PyTypeObject Counter_Type;

static PyObject *
Counter_create(PyTypeObject *type, int64_t start)
{
    CounterObject *self = type == &Counter_Type ? PyObject_New(CounterObject, type)
                                                : (CounterObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
#ifdef BENCH_BOXED
    self->boxed = bench_counter_box_new(start);
#else
    bench_counter_init(self->value, start);
#endif
    return (PyObject *)self;
}

#ifndef BENCH_NO_VECTORCALL
/* Counter(start): what calling the type does (no tp_new + tp_init pair). */
static PyObject *
Counter_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyErr_SetString(PyExc_TypeError, "Counter() takes no keyword arguments");
        return NULL;
    }
    int64_t start;
    if (check_nargs("Counter", nargs, 1) < 0 || i64_arg(args[0], &start, "Counter", "start") < 0) {
        return NULL;
    }
    return Counter_create((PyTypeObject *)type, start);
}
#endif

/* For subclasses and callers that do not use vectorcall. */
static PyObject *
Counter_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    int64_t start1;
    if (kwargs == NULL && PyTuple_GET_SIZE(args) == 1) {
        /* The common case without PyArg_ParseTupleAndKeywords, as rsbind does. */
        if (i64_arg(PyTuple_GET_ITEM(args, 0), &start1, "Counter", "start") < 0) {
            return NULL;
        }
        return Counter_create(type, start1);
    }
    long long start;
    static char *names[] = {"start", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "L:Counter", names, &start)) {
        return NULL;
    }
    return Counter_create(type, (int64_t)start);
}

static void
Counter_dealloc(CounterObject *self)
{
#ifdef BENCH_BOXED
    bench_counter_box_free(self->boxed);
#else
    bench_counter_drop(self->value);
#endif
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Counter_incr(CounterObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    int64_t by;
    if (check_nargs("incr", nargs, 1) < 0 || i64_arg(args[0], &by, "incr", "by") < 0) {
        return NULL;
    }
    return PyLong_FromLongLong(bench_counter_incr(COUNTER_VALUE(self), by));
}

static PyObject *
Counter_get_count(CounterObject *self, void *closure)
{
    (void)closure;
    return PyLong_FromLongLong(bench_counter_count(COUNTER_VALUE(self)));
}

static int
Counter_set_count(CounterObject *self, PyObject *value, void *closure)
{
    (void)closure;
    int64_t v;
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete Counter.count");
        return -1;
    }
    if (i64_arg(value, &v, "Counter.count", "value") < 0) {
        return -1;
    }
    bench_counter_set_count(COUNTER_VALUE(self), v);
    return 0;
}

static PyMethodDef Counter_methods[] = {
    {"incr", (PyCFunction)(void (*)(void))Counter_incr, METH_FASTCALL,
     "incr($self, by, /)\n--\n\nAdds `by` and returns the new count."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Counter_getset[] = {
    {"count", (getter)Counter_get_count, (setter)Counter_set_count, "The current count.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_c.Counter",
    .tp_basicsize = sizeof(CounterObject),
    .tp_dealloc = (destructor)Counter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Counter(start, /)\n--\n\nA counter with a public field.",
    .tp_methods = Counter_methods,
    .tp_getset = Counter_getset,
    .tp_new = Counter_new,
#ifndef BENCH_NO_VECTORCALL
    .tp_vectorcall = Counter_vectorcall,
#endif
};

/* ---- Money: a heap type with nb_add and a parse classmethod -------------- */

typedef struct {
    PyObject_HEAD
#ifdef BENCH_BOXED
    void *boxed;
#else
    alignas(8) unsigned char value[BENCH_MONEY_SIZE];
#endif
} MoneyObject;

static PyTypeObject *Money_Type; /* not subclassable: instances are exactly this type */

static void
Money_dealloc(MoneyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
#ifdef BENCH_BOXED
    bench_money_box_free(self->boxed);
#endif
    PyObject_Free(self); /* inline, a Money is Copy: nothing to drop */
    Py_DECREF(type);
}

/* a + b: NotImplemented unless both are Moneys. */
static PyObject *
Money_add(PyObject *a, PyObject *b)
{
    if (Py_TYPE(a) != Money_Type || Py_TYPE(b) != Money_Type) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    MoneyObject *result = PyObject_New(MoneyObject, Money_Type);
    if (result == NULL) {
        return NULL;
    }
#ifdef BENCH_BOXED
    result->boxed = bench_money_box_add(((MoneyObject *)a)->boxed, ((MoneyObject *)b)->boxed);
#else
    bench_money_add(((MoneyObject *)a)->value, ((MoneyObject *)b)->value, result->value);
#endif
    return (PyObject *)result;
}

static PyObject *
Money_parse(PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs)
{
    (void)cls;
    Py_ssize_t len;
    const char *s;
    if (check_nargs("parse", nargs, 1) < 0 || (s = str_arg(args[0], &len, "parse", "s")) == NULL) {
        return NULL;
    }
    MoneyObject *result = PyObject_New(MoneyObject, Money_Type);
    if (result == NULL) {
        return NULL;
    }
    BenchBuf message;
#ifdef BENCH_BOXED
    result->boxed = bench_money_box_parse(s, (size_t)len, &message);
    if (result->boxed != NULL) {
        return (PyObject *)result;
    }
    PyObject_Free(result); /* no Box to free */
    Py_DECREF(Money_Type);
#else
    if (bench_money_parse(s, (size_t)len, result->value, &message)) {
        return (PyObject *)result;
    }
    Py_DECREF(result);
#endif
    PyObject *text = PyUnicode_DecodeUTF8(message.ptr, (Py_ssize_t)message.len, NULL);
    bench_string_free(message.ptr, message.len, message.cap);
    if (text != NULL) {
        PyErr_SetObject(PyExc_ValueError, text);
        Py_DECREF(text);
    }
    return NULL;
}

static PyMethodDef Money_methods[] = {
    {"parse", (PyCFunction)(void (*)(void))Money_parse, METH_FASTCALL | METH_CLASS,
     "parse($type, s, /)\n--\n\nReads `12.34` or `-0.50`."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Money_slots[] = {
    {Py_tp_dealloc, (void *)Money_dealloc},
    {Py_tp_methods, Money_methods},
    {Py_nb_add, (void *)Money_add},
    {Py_tp_doc, "An amount of cents: `+` and `parse`."},
    {0, NULL},
};

static PyType_Spec Money_spec = {
    .name = "bench_c.Money",
    .basicsize = sizeof(MoneyObject),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = Money_slots,
};

/* ---- errors ------------------------------------------------------------- */

static PyObject *
py_checked_div(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    int64_t a, b, out;
    if (check_nargs("checked_div", nargs, 2) < 0 || i64_arg(args[0], &a, "checked_div", "a") < 0
        || i64_arg(args[1], &b, "checked_div", "b") < 0) {
        return NULL;
    }
    BenchBuf message;
    uint32_t code = bench_checked_div(a, b, &out, &message);
    if (code == 0) {
        return PyLong_FromLongLong(out);
    }
    PyObject *text = PyUnicode_DecodeUTF8(message.ptr, (Py_ssize_t)message.len, NULL);
    bench_string_free(message.ptr, message.len, message.cap);
    if (text != NULL) {
        PyErr_SetObject(code == 1 ? DivideByZero : Overflow, text);
        Py_DECREF(text);
    }
    return NULL;
}

/* ---- the Rust loops alone, timed from C (for the size-independence check) -- */

static double
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* _rust_ns(kind, what, loops): ns per call, without Python, of benchlib::sum
 * over the doubles of the buffer `what` (kind 0: the very memory the sum rows
 * use), of make_vec(what) and its free (kind 1), or of a copy of the buffer
 * `what` into fresh memory (kind 2: malloc, memcpy, free; what a binding that
 * copied would add at least). */
static PyObject *
py_rust_ns(PyObject *m, PyObject *const *args, Py_ssize_t nargs)
{
    (void)m;
    int64_t kind, n = 0, loops;
    if (check_nargs("_rust_ns", nargs, 3) < 0 || i64_arg(args[0], &kind, "_rust_ns", "kind") < 0
        || i64_arg(args[2], &loops, "_rust_ns", "loops") < 0) {
        return NULL;
    }
    if (loops <= 0) {
        PyErr_SetString(PyExc_ValueError, "loops must be > 0");
        return NULL;
    }
    volatile double sink = 0.0;
    double start, stop;
    if (kind == 0 || kind == 2) {
        Py_buffer view;
        if (PyObject_GetBuffer(args[1], &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
            return NULL;
        }
        if (!is_double_format(view.format)) {
            PyBuffer_Release(&view);
            PyErr_SetString(PyExc_TypeError, "_rust_ns(0 or 2, ...) needs a buffer of doubles");
            return NULL;
        }
        size_t len = (size_t)(view.len / (Py_ssize_t)sizeof(double));
        start = now_ns();
        if (kind == 0) {
            for (int64_t i = 0; i < loops; i++) {
                sink += bench_sum(view.buf, len);
            }
        }
        else {
            for (int64_t i = 0; i < loops; i++) {
                double *copy = malloc((len ? len : 1) * sizeof(double));
                if (copy == NULL) {
                    break;
                }
                memcpy(copy, view.buf, len * sizeof(double));
                sink += len ? copy[len - 1] : 0.0;
                free(copy);
            }
        }
        stop = now_ns();
        PyBuffer_Release(&view);
    }
    else {
        if (i64_arg(args[1], &n, "_rust_ns", "what") < 0) {
            return NULL;
        }
        if (n < 0) {
            PyErr_SetString(PyExc_ValueError, "n must be >= 0");
            return NULL;
        }
        start = now_ns();
        for (int64_t i = 0; i < loops; i++) {
            BenchBuf out;
            bench_make_vec((size_t)n, &out);
            sink += out.len ? ((double *)(void *)out.ptr)[out.len - 1] : 0.0;
            bench_vec_f64_free((double *)(void *)out.ptr, out.len, out.cap);
        }
        stop = now_ns();
    }
    (void)sink;
    return PyFloat_FromDouble((stop - start) / (double)loops);
}

/* ---- the module --------------------------------------------------------- */

static PyMethodDef module_methods[] = {
    {"noop", (PyCFunction)(void (*)(void))py_noop, METH_FASTCALL, "noop()\n--\n\nDoes nothing."},
    {"add", (PyCFunction)(void (*)(void))py_add, METH_FASTCALL, "add(a, b, /)\n--\n\nAdds."},
    {"greet", (PyCFunction)(void (*)(void))py_greet, METH_FASTCALL, "greet(name, /)\n--\n\nGreets."},
    {"sum", (PyCFunction)(void (*)(void))py_sum, METH_FASTCALL, "sum(xs, /)\n--\n\nSums."},
    {"make_vec", (PyCFunction)(void (*)(void))py_make_vec, METH_FASTCALL,
     "make_vec(n, /)\n--\n\n0.0 .. n - 1 as a VecF64."},
    {"checked_div", (PyCFunction)(void (*)(void))py_checked_div, METH_FASTCALL,
     "checked_div(a, b, /)\n--\n\na / b, or DivError."},
    {"_rust_ns", (PyCFunction)(void (*)(void))py_rust_ns, METH_FASTCALL,
     "_rust_ns(kind, what, loops, /)\n--\n\nns per call of the Rust function alone."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "bench_c",
    .m_doc = "benchlib bound by hand in C: the physical limit.",
    .m_size = -1,
    .m_methods = module_methods,
};

static int
add_type(PyObject *module, const char *name, PyObject *type)
{
    Py_INCREF(type);
    if (PyModule_AddObject(module, name, type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

PyMODINIT_FUNC
PyInit_bench_c(void)
{
    if (PyType_Ready(&VecF64_Type) < 0 || PyType_Ready(&Counter_Type) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    Money_Type = (PyTypeObject *)PyType_FromSpec(&Money_spec);
    if (Money_Type == NULL || add_type(module, "Money", (PyObject *)Money_Type) < 0) {
        goto fail;
    }
    DivError = PyErr_NewExceptionWithDoc("bench_c.DivError", "Why a division failed.",
                                         PyExc_Exception, NULL);
    if (DivError == NULL) {
        goto fail;
    }
    DivideByZero = PyErr_NewExceptionWithDoc("bench_c.DivError.DivideByZero",
                                             "The divisor was zero.", DivError, NULL);
    Overflow = PyErr_NewExceptionWithDoc("bench_c.DivError.Overflow", "i64::MIN / -1.", DivError,
                                         NULL);
    if (DivideByZero == NULL || Overflow == NULL
        || PyObject_SetAttrString(DivError, "DivideByZero", DivideByZero) < 0
        || PyObject_SetAttrString(DivError, "Overflow", Overflow) < 0
        || add_type(module, "DivError", DivError) < 0
        || add_type(module, "Counter", (PyObject *)&Counter_Type) < 0
        || add_type(module, "VecF64", (PyObject *)&VecF64_Type) < 0) {
        goto fail;
    }
    return module;
fail:
    Py_DECREF(module);
    return NULL;
}
