//! The C ABI that `bench_ctypes.py` calls through ctypes, shaped like UniFFI's:
//! objects are `Box` pointers (UniFFI uses `Arc`), Rust-owned strings and
//! vectors come back as a buffer struct that Python copies and then frees, and
//! errors come back as a status plus the error's `Display`.

use benchlib::{Counter, Money};
use std::mem::ManuallyDrop;

/// A Rust allocation handed to Python: a `String` or a `Vec<f64>` taken apart.
#[repr(C)]
pub struct RustBuffer {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

impl RustBuffer {
    fn from_string(s: String) -> Self {
        let mut s = ManuallyDrop::new(s);
        RustBuffer {
            ptr: s.as_mut_ptr(),
            len: s.len(),
            cap: s.capacity(),
        }
    }
}

#[no_mangle]
pub extern "C" fn bench_noop() {
    benchlib::noop()
}

#[no_mangle]
pub extern "C" fn bench_add(a: i64, b: i64) -> i64 {
    benchlib::add(a, b)
}

/// # Safety
/// `ptr[..len]` is UTF-8.
#[no_mangle]
pub unsafe extern "C" fn bench_greet(ptr: *const u8, len: usize) -> RustBuffer {
    let name = std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len));
    RustBuffer::from_string(benchlib::greet(name))
}

/// # Safety
/// `buf` came from `bench_greet` or `bench_checked_div`.
#[no_mangle]
pub unsafe extern "C" fn bench_string_free(buf: RustBuffer) {
    drop(String::from_raw_parts(buf.ptr, buf.len, buf.cap));
}

/// # Safety
/// `ptr[..len]` are readable doubles (`ptr` may be null when `len` is 0).
#[no_mangle]
pub unsafe extern "C" fn bench_sum(ptr: *const f64, len: usize) -> f64 {
    let xs = if len == 0 {
        &[][..]
    } else {
        std::slice::from_raw_parts(ptr, len)
    };
    benchlib::sum(xs)
}

/// The vector's `len` counts doubles.
#[no_mangle]
pub extern "C" fn bench_make_vec(n: usize) -> RustBuffer {
    let mut v = ManuallyDrop::new(benchlib::make_vec(n));
    RustBuffer {
        ptr: v.as_mut_ptr().cast(),
        len: v.len(),
        cap: v.capacity(),
    }
}

/// # Safety
/// `buf` came from `bench_make_vec`.
#[no_mangle]
pub unsafe extern "C" fn bench_vec_f64_free(buf: RustBuffer) {
    drop(Vec::from_raw_parts(buf.ptr.cast::<f64>(), buf.len, buf.cap));
}

#[no_mangle]
pub extern "C" fn bench_counter_new(start: i64) -> *mut Counter {
    Box::into_raw(Box::new(Counter::new(start)))
}

/// # Safety
/// `c` came from `bench_counter_new` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_free(c: *mut Counter) {
    drop(Box::from_raw(c));
}

/// # Safety
/// `c` is a live counter.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_incr(c: *mut Counter, by: i64) -> i64 {
    (*c).incr(by)
}

/// # Safety
/// `c` is a live counter.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_count(c: *const Counter) -> i64 {
    (*c).count
}

/// # Safety
/// `c` is a live counter.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_set_count(c: *mut Counter, value: i64) {
    (*c).count = value;
}

/// 0 and `*out` set, or the variant + 1 and `*message` set to the Display.
///
/// # Safety
/// `out` and `message` are writable.
#[no_mangle]
pub unsafe extern "C" fn bench_checked_div(
    a: i64,
    b: i64,
    out: *mut i64,
    message: *mut RustBuffer,
) -> u32 {
    match benchlib::checked_div(a, b) {
        Ok(v) => {
            out.write(v);
            0
        }
        Err(e) => {
            message.write(RustBuffer::from_string(e.to_string()));
            e as u32 + 1
        }
    }
}

/// A new boxed `*a + *b`.
///
/// # Safety
/// `a` and `b` are live Moneys.
#[no_mangle]
pub unsafe extern "C" fn bench_money_add(a: *const Money, b: *const Money) -> *mut Money {
    Box::into_raw(Box::new(*a + *b))
}

/// A new boxed Money, or null and `*message` set to the error's Display.
///
/// # Safety
/// `ptr[..len]` is UTF-8; `message` is writable.
#[no_mangle]
pub unsafe extern "C" fn bench_money_parse(
    ptr: *const u8,
    len: usize,
    message: *mut RustBuffer,
) -> *mut Money {
    let s = std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len));
    match s.parse::<Money>() {
        Ok(m) => Box::into_raw(Box::new(m)),
        Err(e) => {
            message.write(RustBuffer::from_string(e.to_string()));
            std::ptr::null_mut()
        }
    }
}

/// # Safety
/// `m` came from `bench_money_add` or `bench_money_parse` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn bench_money_free(m: *mut Money) {
    drop(Box::from_raw(m));
}
