/* rsbind C runtime: the item kinds of numeric vectors and buffers (i8 to
 * f64 and bool). Promises: one table says each kind's size, alignment, buffer
 * format and names; a single item converts exactly as a scalar argument of
 * its type does; a buffer format matches a kind only when class and size are
 * the kind's, so Rust never reads items of another type. */

#include "rsbind_internal.h"

/* isize and usize are exported as the fixed-size code of the same C type,
 * 'l'/'L' where long is pointer-sized (LP64, 32-bit) and 'q'/'Q' elsewhere
 * (64-bit Windows), not as 'n'/'N': numpy before 2.0 rejects 'n' and 'N' in
 * a buffer's format. Input accepts all of them. */
#define RSBIND_ISIZE_FORMAT {sizeof(long) == sizeof(intptr_t) ? 'l' : 'q', '\0'}
#define RSBIND_USIZE_FORMAT {sizeof(long) == sizeof(size_t) ? 'L' : 'Q', '\0'}

const rsbind_kind_info rsbind_kinds[RSBIND_ITEM_KINDS] = {
    {"VecI8", "rsbind.VecI8", "i8", "int", "b", 'i',
     sizeof(int8_t), RSBIND_ALIGNOF(int8_t)},
    {"VecI16", "rsbind.VecI16", "i16", "int", "h", 'i',
     sizeof(int16_t), RSBIND_ALIGNOF(int16_t)},
    {"VecI32", "rsbind.VecI32", "i32", "int", "i", 'i',
     sizeof(int32_t), RSBIND_ALIGNOF(int32_t)},
    {"VecI64", "rsbind.VecI64", "i64", "int", "q", 'i',
     sizeof(int64_t), RSBIND_ALIGNOF(int64_t)},
    {"VecIsize", "rsbind.VecIsize", "isize", "int", RSBIND_ISIZE_FORMAT, 'i',
     sizeof(intptr_t), RSBIND_ALIGNOF(intptr_t)},
    {"VecU8", "rsbind.VecU8", "u8", "int", "B", 'u',
     sizeof(uint8_t), RSBIND_ALIGNOF(uint8_t)},
    {"VecU16", "rsbind.VecU16", "u16", "int", "H", 'u',
     sizeof(uint16_t), RSBIND_ALIGNOF(uint16_t)},
    {"VecU32", "rsbind.VecU32", "u32", "int", "I", 'u',
     sizeof(uint32_t), RSBIND_ALIGNOF(uint32_t)},
    {"VecU64", "rsbind.VecU64", "u64", "int", "Q", 'u',
     sizeof(uint64_t), RSBIND_ALIGNOF(uint64_t)},
    {"VecUsize", "rsbind.VecUsize", "usize", "int", RSBIND_USIZE_FORMAT, 'u',
     sizeof(size_t), RSBIND_ALIGNOF(size_t)},
    {"VecF32", "rsbind.VecF32", "f32", "float", "f", 'f',
     sizeof(float), RSBIND_ALIGNOF(float)},
    {"VecF64", "rsbind.VecF64", "f64", "float", "d", 'f',
     sizeof(double), RSBIND_ALIGNOF(double)},
    {"VecBool", "rsbind.VecBool", "bool", "bool", "?", 'b',
     sizeof(bool), RSBIND_ALIGNOF(bool)},
};

rsbind_any_item rsbind_empty_items;

int
rsbind_check_kind(rsbind_item_kind kind)
{
    if ((unsigned int)kind >= (unsigned int)RSBIND_ITEM_KINDS) {
        PyErr_Format(PyExc_SystemError, "rsbind: unknown item kind %d",
                     (int)kind);
        return -1;
    }
    return 0;
}

/* One item of kind from Python into dst (aligned for kind), checked exactly
 * as a scalar argument of that type. */
int
rsbind_item_from_py(rsbind_item_kind kind, PyObject *obj, void *dst,
             rsbind_scope *scope, const rsbind_loc *loc)
{
    switch (kind) {
    case RSBIND_ITEM_I8:
        return rsbind_i8_from_py(obj, (int8_t *)dst, scope, loc);
    case RSBIND_ITEM_I16:
        return rsbind_i16_from_py(obj, (int16_t *)dst, scope, loc);
    case RSBIND_ITEM_I32:
        return rsbind_i32_from_py(obj, (int32_t *)dst, scope, loc);
    case RSBIND_ITEM_I64:
        return rsbind_i64_from_py(obj, (int64_t *)dst, scope, loc);
    case RSBIND_ITEM_ISIZE:
        return rsbind_isize_from_py(obj, (intptr_t *)dst, scope, loc);
    case RSBIND_ITEM_U8:
        return rsbind_u8_from_py(obj, (uint8_t *)dst, scope, loc);
    case RSBIND_ITEM_U16:
        return rsbind_u16_from_py(obj, (uint16_t *)dst, scope, loc);
    case RSBIND_ITEM_U32:
        return rsbind_u32_from_py(obj, (uint32_t *)dst, scope, loc);
    case RSBIND_ITEM_U64:
        return rsbind_u64_from_py(obj, (uint64_t *)dst, scope, loc);
    case RSBIND_ITEM_USIZE:
        return rsbind_usize_from_py(obj, (size_t *)dst, scope, loc);
    case RSBIND_ITEM_F32:
        return rsbind_f32_from_py(obj, (float *)dst, scope, loc);
    case RSBIND_ITEM_F64:
        return rsbind_f64_from_py(obj, (double *)dst, scope, loc);
    case RSBIND_ITEM_BOOL:
        return rsbind_bool_from_py(obj, (bool *)dst, scope, loc);
    default:
        return rsbind_check_kind(kind);
    }
}

/* One item of kind at src (aligned) as a Python object. */
PyObject *
rsbind_item_to_py(rsbind_item_kind kind, const void *src)
{
    switch (kind) {
    case RSBIND_ITEM_I8:
        return rsbind_i8_to_py(*(const int8_t *)src);
    case RSBIND_ITEM_I16:
        return rsbind_i16_to_py(*(const int16_t *)src);
    case RSBIND_ITEM_I32:
        return rsbind_i32_to_py(*(const int32_t *)src);
    case RSBIND_ITEM_I64:
        return rsbind_i64_to_py(*(const int64_t *)src);
    case RSBIND_ITEM_ISIZE:
        return rsbind_isize_to_py(*(const intptr_t *)src);
    case RSBIND_ITEM_U8:
        return rsbind_u8_to_py(*(const uint8_t *)src);
    case RSBIND_ITEM_U16:
        return rsbind_u16_to_py(*(const uint16_t *)src);
    case RSBIND_ITEM_U32:
        return rsbind_u32_to_py(*(const uint32_t *)src);
    case RSBIND_ITEM_U64:
        return rsbind_u64_to_py(*(const uint64_t *)src);
    case RSBIND_ITEM_USIZE:
        return rsbind_usize_to_py(*(const size_t *)src);
    case RSBIND_ITEM_F32:
        return rsbind_f32_to_py(*(const float *)src);
    case RSBIND_ITEM_F64:
        return rsbind_f64_to_py(*(const double *)src);
    case RSBIND_ITEM_BOOL:
        /* Read as a byte: a buffer consumer (numpy) may have stored a value
         * other than 0 or 1, and reading that as a C bool is undefined. */
        return rsbind_bool_to_py(*(const uint8_t *)src != 0);
    default:
        rsbind_check_kind(kind);
        return NULL;
    }
}

/* Whether a buffer's format string describes exactly one item of kind: an
 * optional byte-order prefix ('@', '=', or the host's own '<'/'>'/'!'), then
 * one struct code whose class (signed, unsigned, float, bool) and size are
 * the kind's. 'l' and 'q' are thus both i64 on LP64, '<l' is i32, and 'e'
 * (half) matches nothing. itemsize must agree too. */
int
rsbind_format_matches(const char *format, Py_ssize_t itemsize, rsbind_item_kind kind)
{
    const rsbind_kind_info *info = &rsbind_kinds[kind];
    int native = 1;
    size_t size;
    char cls;

    if (format == NULL) {
        format = "B"; /* what the buffer protocol says NULL means */
    }
    switch (format[0]) {
    case '@':
        format++;
        break;
    case '=':
        native = 0;
        format++;
        break;
    case '<':
#if PY_LITTLE_ENDIAN
        native = 0;
        format++;
        break;
#else
        return 0;
#endif
    case '>':
    case '!':
#if PY_LITTLE_ENDIAN
        return 0;
#else
        native = 0;
        format++;
        break;
#endif
    default:
        break;
    }
    if (format[0] == '\0' || format[1] != '\0') {
        return 0;
    }
    switch (format[0]) {
    case 'b': cls = 'i'; size = 1; break;
    case 'B': cls = 'u'; size = 1; break;
    case 'h': cls = 'i'; size = native ? sizeof(short) : 2; break;
    case 'H': cls = 'u'; size = native ? sizeof(short) : 2; break;
    case 'i': cls = 'i'; size = native ? sizeof(int) : 4; break;
    case 'I': cls = 'u'; size = native ? sizeof(int) : 4; break;
    case 'l': cls = 'i'; size = native ? sizeof(long) : 4; break;
    case 'L': cls = 'u'; size = native ? sizeof(long) : 4; break;
    case 'q': cls = 'i'; size = native ? sizeof(long long) : 8; break;
    case 'Q': cls = 'u'; size = native ? sizeof(long long) : 8; break;
    case 'n':
    case 'N':
        /* Only native in the struct module. */
        if (!native) {
            return 0;
        }
        cls = format[0] == 'n' ? 'i' : 'u';
        size = sizeof(Py_ssize_t);
        break;
    case 'f': cls = 'f'; size = 4; break;
    case 'd': cls = 'f'; size = 8; break;
    case '?': cls = 'b'; size = native ? sizeof(bool) : 1; break;
    default:
        return 0;
    }
    return cls == info->cls && size == info->size
           && itemsize == (Py_ssize_t)info->size;
}
