/* rsbind C runtime: integers, floats, bool and char. Promises: a Python
 * value converts to a Rust scalar only when it fits exactly (OverflowError
 * "<loc> out of range for u8" otherwise; ints through __index__, no silent
 * truncation, no truthiness for bool), and every Rust scalar converts back
 * losslessly, 128-bit integers included. Fast paths are inline in rsbind.h. */

#include "rsbind_internal.h"

#include <float.h>
#include <limits.h>
#include <math.h>

/* ---- Integers ---- */

/* obj as an exact-or-subclass int (new reference): ints as they are, other
 * objects through __index__. Floats and str have no __index__ and get our
 * TypeError rather than CPython's "cannot be interpreted as an integer". */
PyObject *
rsbind_as_int(PyObject *obj, const rsbind_loc *loc)
{
    if (PyLong_Check(obj)) {
        Py_INCREF(obj);
        return obj;
    }
    if (PyIndex_Check(obj)) {
        return PyNumber_Index(obj);
    }
    rsbind_type_error(loc, "int", obj);
    return NULL;
}

static int
signed_from_py(PyObject *obj, long long min, long long max,
               const char *rust_type, const rsbind_loc *loc, long long *out)
{
    int overflow;
    long long v = 0;
    PyObject *num = rsbind_as_int(obj, loc);

    if (num == NULL) {
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (overflow != 0 || v < min || v > max) {
        return rsbind_out_of_range(loc, rust_type);
    }
    *out = v;
    return 0;
}

static int
unsigned_from_py(PyObject *obj, unsigned long long max,
                 const char *rust_type, const rsbind_loc *loc,
                 unsigned long long *out)
{
    int overflow;
    long long v = 0;
    unsigned long long u;
    PyObject *num = rsbind_as_int(obj, loc);

    if (num == NULL) {
        return -1;
    }
    /* The signed conversion tells the sign without raising, so negative
     * values never reach PyLong_AsUnsignedLongLong's generic message. */
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow < 0 || (overflow == 0 && v < 0)) {
        Py_DECREF(num);
        return rsbind_out_of_range(loc, rust_type);
    }
    if (overflow == 0) {
        u = (unsigned long long)v;
    }
    else {
        u = PyLong_AsUnsignedLongLong(num);
        if (u == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(num);
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                return rsbind_out_of_range(loc, rust_type);
            }
            return -1;
        }
    }
    Py_DECREF(num);
    if (u > max) {
        return rsbind_out_of_range(loc, rust_type);
    }
    *out = u;
    return 0;
}

/* The fixed-width converters differ only in type and range. */
#define RSBIND_SIGNED_FROM_PY(name, ctype, min, max)                        \
    int                                                                     \
    rsbind_##name##_from_py_slow(PyObject *obj, ctype *out, rsbind_scope *scope, \
                            const rsbind_loc *loc)                          \
    {                                                                       \
        long long v = 0;                                                    \
        (void)scope;                                                        \
        if (signed_from_py(obj, min, max, #name, loc, &v) < 0) {            \
            return -1;                                                      \
        }                                                                   \
        *out = (ctype)v;                                                    \
        return 0;                                                           \
    }

#define RSBIND_UNSIGNED_FROM_PY(name, ctype, max)                           \
    int                                                                     \
    rsbind_##name##_from_py_slow(PyObject *obj, ctype *out, rsbind_scope *scope, \
                            const rsbind_loc *loc)                          \
    {                                                                       \
        unsigned long long v = 0;                                           \
        (void)scope;                                                        \
        if (unsigned_from_py(obj, max, #name, loc, &v) < 0) {               \
            return -1;                                                      \
        }                                                                   \
        *out = (ctype)v;                                                    \
        return 0;                                                           \
    }

RSBIND_SIGNED_FROM_PY(i8, int8_t, INT8_MIN, INT8_MAX)
RSBIND_SIGNED_FROM_PY(i16, int16_t, INT16_MIN, INT16_MAX)
RSBIND_SIGNED_FROM_PY(i32, int32_t, INT32_MIN, INT32_MAX)
RSBIND_SIGNED_FROM_PY(i64, int64_t, INT64_MIN, INT64_MAX)
RSBIND_SIGNED_FROM_PY(isize, intptr_t, INTPTR_MIN, INTPTR_MAX)
RSBIND_UNSIGNED_FROM_PY(u8, uint8_t, UINT8_MAX)
RSBIND_UNSIGNED_FROM_PY(u16, uint16_t, UINT16_MAX)
RSBIND_UNSIGNED_FROM_PY(u32, uint32_t, UINT32_MAX)
RSBIND_UNSIGNED_FROM_PY(u64, uint64_t, UINT64_MAX)
RSBIND_UNSIGNED_FROM_PY(usize, size_t, SIZE_MAX)

/* The low 16 bytes of num in little-endian two's complement (or unsigned).
 * Returns 0, 1 when num does not fit, or -1 with an exception set. Callers
 * have already rejected negative values for the unsigned case. */
static int
int_to_bytes16(PyObject *num, unsigned char bytes[16], int is_signed)
{
#if RSBIND_NATIVE_BYTES
    int flags = Py_ASNATIVEBYTES_LITTLE_ENDIAN;
    Py_ssize_t needed;

    if (!is_signed) {
        flags |= Py_ASNATIVEBYTES_UNSIGNED_BUFFER;
    }
    needed = PyLong_AsNativeBytes(num, bytes, 16, flags);
    if (needed < 0) {
        return -1;
    }
    return needed > 16 ? 1 : 0;
#else
    /* Private before 3.13, when PyLong_AsNativeBytes replaced it. */
    if (_PyLong_AsByteArray((PyLongObject *)num, bytes, 16, 1,
                            is_signed) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            return 1;
        }
        return -1;
    }
    return 0;
#endif
}

static PyObject *
int_from_bytes16(const unsigned char bytes[16], int is_signed)
{
#if RSBIND_NATIVE_BYTES
    if (is_signed) {
        return PyLong_FromNativeBytes(bytes, 16,
                                      Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    }
    return PyLong_FromUnsignedNativeBytes(bytes, 16,
                                          Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#else
    return _PyLong_FromByteArray(bytes, 16, 1, is_signed);
#endif
}

/* Byte order by arithmetic, so the host's endianness never matters. */
static void
halves_from_bytes(const unsigned char bytes[16], uint64_t *lo, uint64_t *hi)
{
    int i;

    *lo = 0;
    *hi = 0;
    for (i = 7; i >= 0; i--) {
        *lo = (*lo << 8) | bytes[i];
        *hi = (*hi << 8) | bytes[8 + i];
    }
}

static void
halves_to_bytes(uint64_t lo, uint64_t hi, unsigned char bytes[16])
{
    int i;

    for (i = 0; i < 8; i++) {
        bytes[i] = (unsigned char)(lo >> (8 * i));
        bytes[8 + i] = (unsigned char)(hi >> (8 * i));
    }
}

int
rsbind_i128_from_py(PyObject *obj, rsbind_i128 *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    int overflow, status;
    long long v = 0;
    unsigned char bytes[16];
    uint64_t lo, hi;
    PyObject *num;

    (void)scope;
    num = rsbind_as_int(obj, loc);
    if (num == NULL) {
        return -1;
    }
    /* Most values fit 64 bits: no byte array needed. */
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow == 0) {
        Py_DECREF(num);
        out->lo = (uint64_t)v;
        out->hi = v < 0 ? -1 : 0;
        return 0;
    }
    status = int_to_bytes16(num, bytes, 1);
    Py_DECREF(num);
    if (status < 0) {
        return -1;
    }
    if (status > 0) {
        return rsbind_out_of_range(loc, "i128");
    }
    halves_from_bytes(bytes, &lo, &hi);
    out->lo = lo;
    out->hi = (int64_t)hi;
    return 0;
}

int
rsbind_u128_from_py(PyObject *obj, rsbind_u128 *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    int overflow, status;
    long long v = 0;
    unsigned char bytes[16];
    PyObject *num;

    (void)scope;
    num = rsbind_as_int(obj, loc);
    if (num == NULL) {
        return -1;
    }
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(num);
        return -1;
    }
    if (overflow < 0 || (overflow == 0 && v < 0)) {
        Py_DECREF(num);
        return rsbind_out_of_range(loc, "u128");
    }
    if (overflow == 0) {
        Py_DECREF(num);
        out->lo = (uint64_t)v;
        out->hi = 0;
        return 0;
    }
    status = int_to_bytes16(num, bytes, 0);
    Py_DECREF(num);
    if (status < 0) {
        return -1;
    }
    if (status > 0) {
        return rsbind_out_of_range(loc, "u128");
    }
    halves_from_bytes(bytes, &out->lo, &out->hi);
    return 0;
}

/* ---- Floats ---- */

int
rsbind_f64_from_py_slow(PyObject *obj, double *out, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    double v;

    (void)scope;
    if (PyFloat_Check(obj)) {
        *out = PyFloat_AS_DOUBLE(obj);
        return 0;
    }
    if (PyLong_Check(obj)) {
        v = PyLong_AsDouble(obj);
        if (v == -1.0 && PyErr_Occurred()) {
            if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
                PyErr_Clear();
                return rsbind_out_of_range(loc, "f64");
            }
            return -1;
        }
        *out = v;
        return 0;
    }
    /* Only number-like objects reach PyFloat_AsDouble, so str and bytes get
     * "must be float" rather than its "must be real number" message. */
    if (!RSBIND_HAS_NB_FLOAT(Py_TYPE(obj))
        && !RSBIND_HAS_NB_INDEX(Py_TYPE(obj))) {
        return rsbind_type_error(loc, "float", obj);
    }
    v = PyFloat_AsDouble(obj);
    if (v == -1.0 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

int
rsbind_f32_from_py(PyObject *obj, float *out, rsbind_scope *scope,
                   const rsbind_loc *loc)
{
    double v;
    float f;

    if (rsbind_f64_from_py(obj, &v, scope, loc) < 0) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError) && PyLong_Check(obj)) {
            /* Name the type the caller asked for, not the f64 step. */
            PyErr_Clear();
            return rsbind_out_of_range(loc, "f32");
        }
        return -1;
    }
    /* Rounds to nearest like struct.pack('f'): values just above FLT_MAX
     * round down to it, and only a finite value that becomes infinite is out
     * of range. NaN and the infinities pass through. IEEE 754 (Annex F) makes
     * the narrowing conversion round rather than be undefined. */
    f = (float)v;
    if (isinf(f) && !isinf(v)) {
        return rsbind_out_of_range(loc, "f32");
    }
    *out = f;
    return 0;
}

/* ---- bool and char ---- */

int
rsbind_bool_from_py_slow(PyObject *obj, bool *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    (void)scope;
    /* Only True and False: accepting any truthy object would hide mistakes
     * such as passing a list where a flag was meant. */
    if (!PyBool_Check(obj)) {
        return rsbind_type_error(loc, "bool", obj);
    }
    *out = obj == Py_True;
    return 0;
}

int
rsbind_char_from_py(PyObject *obj, uint32_t *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    Py_ssize_t len;
    Py_UCS4 ch;

    (void)scope;
    if (!PyUnicode_Check(obj)) {
        return rsbind_type_error(loc, "str", obj);
    }
    len = PyUnicode_GetLength(obj);
    if (len < 0) {
        return -1;
    }
    if (len != 1) {
        char message[96];

        snprintf(message, sizeof(message),
                 "must be a single character, not a str of length %zd", len);
        return rsbind_loc_error(PyExc_ValueError, loc, message);
    }
    ch = PyUnicode_ReadChar(obj, 0);
    if (ch == (Py_UCS4)-1 && PyErr_Occurred()) {
        return -1;
    }
    if (ch >= 0xD800 && ch <= 0xDFFF) {
        /* A Rust char is a Unicode scalar value. Encoding the str raises the
         * same UnicodeEncodeError a str parameter gives for a surrogate. */
        if (PyUnicode_AsUTF8AndSize(obj, NULL) == NULL) {
            return -1;
        }
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must not be a surrogate code point");
    }
    *out = (uint32_t)ch;
    return 0;
}

/* ---- ABI -> Python ---- */

PyObject *
rsbind_i128_to_py(rsbind_i128 v)
{
    unsigned char bytes[16];

    /* hi is only the sign extension of lo when the value fits 64 bits. */
    if ((v.hi == 0 && v.lo <= (uint64_t)INT64_MAX)
        || (v.hi == -1 && v.lo > (uint64_t)INT64_MAX)) {
        return PyLong_FromLongLong((long long)(int64_t)v.lo);
    }
    halves_to_bytes(v.lo, (uint64_t)v.hi, bytes);
    return int_from_bytes16(bytes, 1);
}

PyObject *
rsbind_u128_to_py(rsbind_u128 v)
{
    unsigned char bytes[16];

    if (v.hi == 0) {
        return PyLong_FromUnsignedLongLong(v.lo);
    }
    halves_to_bytes(v.lo, v.hi, bytes);
    return int_from_bytes16(bytes, 0);
}

PyObject *
rsbind_f32_to_py(float v)
{
    return PyFloat_FromDouble((double)v);
}

PyObject *
rsbind_char_to_py(uint32_t v)
{
    /* A Rust char is at most 0x10FFFF; anything else is a broken stub and
     * PyUnicode_FromOrdinal's ValueError says so. */
    return PyUnicode_FromOrdinal(v > 0x10FFFF ? -1 : (int)v);
}
