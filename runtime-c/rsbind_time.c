/* rsbind C runtime: durations and times, and the module-wide setup.
 * Promises: a timedelta or a number of seconds becomes a Duration (negative:
 * ValueError) and a timezone-aware datetime a SystemTime (naive: ValueError),
 * to the nanosecond Python can express; the way back gives timedelta and a
 * UTC datetime, or OverflowError outside their range.
 *
 * rsbind_runtime_init lives here because datetime.h declares a static
 * PyDateTimeAPI per translation unit: every use of the datetime C API, its
 * import included, must be in this file. Everything in the runtime runs with
 * the GIL held; the only state is what rsbind_runtime_init sets up once. */

#include "rsbind_internal.h"

#include <datetime.h>
#include <math.h>

/* Days from the Unix epoch to datetime.min (0001-01-01) and to the last day
 * datetime.max falls on (9999-12-31). A SystemTime inside this range always
 * converts; checking it first keeps the error message ours. */
#define RSBIND_MIN_EPOCH_DAYS (-719162LL)
#define RSBIND_MAX_EPOCH_DAYS 2932896LL

/* timedelta.max.days */
#define RSBIND_MAX_DELTA_DAYS 999999999ULL

/* datetime(1970, 1, 1, tzinfo=timezone.utc) */
static PyObject *rsbind_epoch_utc;

/* The datetime C API and the cached objects exist only after
 * rsbind_runtime_init; a module that skipped it gets an exception rather than
 * a NULL dereference. */
static int
check_runtime(void)
{
    if (PyDateTimeAPI == NULL || rsbind_epoch_utc == NULL) {
        PyErr_SetString(PyExc_SystemError,
                        "rsbind runtime used before rsbind_runtime_init");
        return -1;
    }
    return 0;
}

static int
duration_from_seconds_float(double v, rsbind_duration *out,
                            const rsbind_loc *loc)
{
    double whole, nanos;

    if (isnan(v)) {
        return rsbind_loc_error(PyExc_ValueError, loc, "must not be NaN");
    }
    if (v < 0.0) {
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must not be negative");
    }
    /* 2**64: the largest double below it is an integer, so adding a carried
     * second below can not overflow u64. Infinity lands here too. */
    if (v >= 18446744073709551616.0) {
        return rsbind_out_of_range(loc, "Duration");
    }
    whole = floor(v);
    /* v - whole is exact; rounding to the nearest nanosecond can reach a
     * whole second, which is carried. */
    nanos = round((v - whole) * 1e9);
    out->secs = (uint64_t)whole;
    if (nanos >= 1e9) {
        out->secs += 1;
        out->nanos = 0;
    }
    else {
        out->nanos = (uint32_t)nanos;
    }
    return 0;
}

int
rsbind_duration_from_py(PyObject *obj, rsbind_duration *out,
                        rsbind_scope *scope, const rsbind_loc *loc)
{

    (void)scope;
    if (check_runtime() < 0) {
        return -1;
    }
    if (PyDelta_Check(obj)) {
        /* timedelta is normalised: only days can be negative. */
        int days = PyDateTime_DELTA_GET_DAYS(obj);
        int seconds = PyDateTime_DELTA_GET_SECONDS(obj);
        int micros = PyDateTime_DELTA_GET_MICROSECONDS(obj);

        if (days < 0) {
            return rsbind_loc_error(PyExc_ValueError, loc,
                                    "must not be negative");
        }
        out->secs = (uint64_t)days * 86400u + (uint64_t)seconds;
        out->nanos = (uint32_t)micros * 1000u;
        return 0;
    }
    if (PyFloat_Check(obj)) {
        return duration_from_seconds_float(PyFloat_AS_DOUBLE(obj), out, loc);
    }
    if (PyLong_Check(obj) || PyIndex_Check(obj)) {
        /* Whole seconds stay exact, beyond 2**53 too. */
        int overflow;
        long long v;
        unsigned long long u;
        PyObject *num = rsbind_as_int(obj, loc);

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
            return rsbind_loc_error(PyExc_ValueError, loc,
                                    "must not be negative");
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
                    return rsbind_out_of_range(loc, "Duration");
                }
                return -1;
            }
        }
        Py_DECREF(num);
        out->secs = (uint64_t)u;
        out->nanos = 0;
        return 0;
    }
    if (RSBIND_HAS_NB_FLOAT(Py_TYPE(obj))) {
        /* Decimal, Fraction and other real numbers: seconds as a float. */
        double v = PyFloat_AsDouble(obj);

        if (v == -1.0 && PyErr_Occurred()) {
            return -1;
        }
        return duration_from_seconds_float(v, out, loc);
    }
    return rsbind_type_error(loc, "datetime.timedelta or float", obj);
}

int
rsbind_time_from_py(PyObject *obj, rsbind_time *out, rsbind_scope *scope,
                    const rsbind_loc *loc)
{
    PyObject *offset, *delta;
    long long days, seconds, micros;

    (void)scope;
    if (check_runtime() < 0) {
        return -1;
    }
    if (!PyDateTime_Check(obj)) {
        return rsbind_type_error(loc, "datetime.datetime", obj);
    }
    /* Aware means utcoffset() is not None (the datetime docs' definition):
     * a tzinfo whose utcoffset returns None still leaves it naive. */
    offset = PyObject_CallMethod(obj, "utcoffset", NULL);
    if (offset == NULL) {
        return -1;
    }
    if (offset == Py_None) {
        Py_DECREF(offset);
        return rsbind_loc_error(PyExc_ValueError, loc,
                                "must be a timezone-aware datetime");
    }
    Py_DECREF(offset);
    /* Let datetime do the calendar and offset arithmetic. The difference of
     * any two datetimes fits a timedelta, so this cannot overflow. */
    delta = PyNumber_Subtract(obj, rsbind_epoch_utc);
    if (delta == NULL) {
        return -1;
    }
    if (!PyDelta_Check(delta)) {
        /* Only a datetime subclass overriding __sub__ gets here. */
        PyErr_Format(PyExc_TypeError,
                     "datetime subtraction returned %.200s, not "
                     "datetime.timedelta", RSBIND_TP_NAME(Py_TYPE(delta)));
        Py_DECREF(delta);
        return -1;
    }
    /* Normalised: days carries the sign, seconds and micros are positive,
     * which is exactly SystemTime's (secs, nanos) shape. */
    days = PyDateTime_DELTA_GET_DAYS(delta);
    seconds = PyDateTime_DELTA_GET_SECONDS(delta);
    micros = PyDateTime_DELTA_GET_MICROSECONDS(delta);
    Py_DECREF(delta);
    out->secs = (int64_t)(days * 86400 + seconds);
    out->nanos = (uint32_t)(micros * 1000);
    return 0;
}

/* ---- ABI -> Python ---- */

PyObject *
rsbind_duration_to_py(rsbind_duration v)
{
    uint64_t days = v.secs / 86400u;

    if (check_runtime() < 0) {
        return NULL;
    }
    if (days > RSBIND_MAX_DELTA_DAYS) {
        PyErr_SetString(PyExc_OverflowError,
                        "Duration too large for datetime.timedelta");
        return NULL;
    }
    /* timedelta has microseconds: the nanoseconds below them are dropped. */
    return PyDelta_FromDSU((int)days, (int)(v.secs % 86400u),
                           (int)(v.nanos / 1000u));
}

PyObject *
rsbind_time_to_py(rsbind_time v)
{
    int64_t days, seconds;
    PyObject *delta, *result;

    if (check_runtime() < 0) {
        return NULL;
    }
    /* Floor division: secs is negative before 1970, seconds stays in
     * [0, 86400). */
    days = v.secs / 86400;
    seconds = v.secs % 86400;
    if (seconds < 0) {
        seconds += 86400;
        days -= 1;
    }
    if (days < RSBIND_MIN_EPOCH_DAYS || days > RSBIND_MAX_EPOCH_DAYS) {
        PyErr_SetString(PyExc_OverflowError,
                        "SystemTime out of range for datetime.datetime "
                        "(years 1 to 9999)");
        return NULL;
    }
    delta = PyDelta_FromDSU((int)days, (int)seconds, (int)(v.nanos / 1000u));
    if (delta == NULL) {
        return NULL;
    }
    /* The epoch is in UTC, so the sum is too. */
    result = PyNumber_Add(rsbind_epoch_utc, delta);
    Py_DECREF(delta);
    return result;
}

/* ---- Module-wide setup ---- */

int
rsbind_runtime_init(void)
{
    if (rsbind_epoch_utc != NULL) {
        return 0;
    }
    rsbind_rt_init();
    if (rsbind_iterator_type_init() < 0 || rsbind_handle_type_init() < 0) {
        return -1;
    }
    if (rsbind_seqview_type_init() < 0) {
        return -1;
    }
    if (rsbind_vector_types_init() < 0) {
        return -1;
    }
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL) {
        return -1;
    }
    if (rsbind_path_type_init() < 0) {
        return -1;
    }
    /* Set last: it is the flag that the whole runtime is ready. */
    rsbind_epoch_utc = PyDateTimeAPI->DateTime_FromDateAndTime(
        1970, 1, 1, 0, 0, 0, 0, PyDateTime_TimeZone_UTC,
        PyDateTimeAPI->DateTimeType);
    if (rsbind_epoch_utc == NULL) {
        return -1;
    }
    return 0;
}
