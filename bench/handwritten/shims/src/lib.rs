//! The `extern "C"` functions that `bench_c.c` calls: one call into benchlib per
//! Python call (plus the free of what Rust allocated). No catch_unwind: benchlib
//! does not panic on these inputs, and an unwind out of `extern "C"` aborts.
//! This is the least any binding has to do, which is the point of the module.

use benchlib::{Counter, DivError, Money};
use std::mem::{align_of, size_of, ManuallyDrop};

/// A Rust allocation handed to C: a `String` or `Vec<f64>` taken apart.
#[repr(C)]
pub struct BenchBuf {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

impl BenchBuf {
    fn from_string(s: String) -> Self {
        let mut s = ManuallyDrop::new(s);
        BenchBuf {
            ptr: s.as_mut_ptr(),
            len: s.len(),
            cap: s.capacity(),
        }
    }
}

// bench_c.c stores a Counter inline in its object, in BENCH_COUNTER_SIZE bytes.
const _: () = assert!(size_of::<Counter>() == 8 && align_of::<Counter>() <= 8);
// The same for a Money, in BENCH_MONEY_SIZE bytes.
const _: () = assert!(size_of::<Money>() == 8 && align_of::<Money>() <= 8);

#[no_mangle]
pub extern "C" fn bench_noop() {
    benchlib::noop()
}

#[no_mangle]
pub extern "C" fn bench_add(a: i64, b: i64) -> i64 {
    benchlib::add(a, b)
}

/// # Safety
/// `ptr[..len]` is UTF-8; `out` is writable.
#[no_mangle]
pub unsafe extern "C" fn bench_greet(ptr: *const u8, len: usize, out: *mut BenchBuf) {
    let name = std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len));
    let mut s = ManuallyDrop::new(benchlib::greet(name));
    out.write(BenchBuf {
        ptr: s.as_mut_ptr(),
        len: s.len(),
        cap: s.capacity(),
    });
}

/// # Safety
/// `ptr`, `len`, `cap` come from `bench_greet` or `bench_checked_div`.
#[no_mangle]
pub unsafe extern "C" fn bench_string_free(ptr: *mut u8, len: usize, cap: usize) {
    drop(String::from_raw_parts(ptr, len, cap));
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

/// # Safety
/// `out` is writable.
#[no_mangle]
pub unsafe extern "C" fn bench_make_vec(n: usize, out: *mut BenchBuf) {
    let mut v = ManuallyDrop::new(benchlib::make_vec(n));
    out.write(BenchBuf {
        ptr: v.as_mut_ptr().cast(),
        len: v.len(),
        cap: v.capacity(),
    });
}

/// # Safety
/// `ptr`, `len`, `cap` come from `bench_make_vec`.
#[no_mangle]
pub unsafe extern "C" fn bench_vec_f64_free(ptr: *mut f64, len: usize, cap: usize) {
    drop(Vec::from_raw_parts(ptr, len, cap));
}

/// # Safety
/// `slot` is writable, aligned, and holds no live Counter.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_init(slot: *mut Counter, start: i64) {
    slot.write(Counter::new(start));
}

/// # Safety
/// `slot` holds a live Counter, which is dropped.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_drop(slot: *mut Counter) {
    std::ptr::drop_in_place(slot);
}

/// A Counter in a Box, for bench_c.c built with -DBENCH_BOXED (as rsbind stores it).
#[no_mangle]
pub extern "C" fn bench_counter_box_new(start: i64) -> *mut Counter {
    Box::into_raw(Box::new(Counter::new(start)))
}

/// # Safety
/// `counter` came from `bench_counter_box_new` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_box_free(counter: *mut Counter) {
    drop(Box::from_raw(counter));
}

/// # Safety
/// `slot` holds a live Counter, borrowed by no one else.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_incr(slot: *mut Counter, by: i64) -> i64 {
    (*slot).incr(by)
}

/// # Safety
/// `slot` holds a live Counter.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_count(slot: *const Counter) -> i64 {
    (*slot).count
}

/// # Safety
/// `slot` holds a live Counter, borrowed by no one else.
#[no_mangle]
pub unsafe extern "C" fn bench_counter_set_count(slot: *mut Counter, value: i64) {
    (*slot).count = value;
}

/// 0 and `*out` set: the quotient. Otherwise the variant + 1 (1: DivideByZero,
/// 2: Overflow) and `*message` set to the error's Display.
///
/// # Safety
/// `out` and `message` are writable.
#[no_mangle]
pub unsafe extern "C" fn bench_checked_div(
    a: i64,
    b: i64,
    out: *mut i64,
    message: *mut BenchBuf,
) -> u32 {
    match benchlib::checked_div(a, b) {
        Ok(v) => {
            out.write(v);
            0
        }
        Err(e) => {
            message.write(BenchBuf::from_string(e.to_string()));
            match e {
                DivError::DivideByZero => 1,
                DivError::Overflow => 2,
            }
        }
    }
}

/// `*out = *a + *b`.
///
/// # Safety
/// `a` and `b` hold live Moneys, `out` is writable, aligned and holds none.
#[no_mangle]
pub unsafe extern "C" fn bench_money_add(a: *const Money, b: *const Money, out: *mut Money) {
    out.write(*a + *b);
}

/// true and `*out` set: the amount. Otherwise `*message` set to the error's Display.
///
/// # Safety
/// `ptr[..len]` is UTF-8; `out` (aligned, holding no Money) and `message` are writable.
#[no_mangle]
pub unsafe extern "C" fn bench_money_parse(
    ptr: *const u8,
    len: usize,
    out: *mut Money,
    message: *mut BenchBuf,
) -> bool {
    let s = std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len));
    match s.parse::<Money>() {
        Ok(m) => {
            out.write(m);
            true
        }
        Err(e) => {
            message.write(BenchBuf::from_string(e.to_string()));
            false
        }
    }
}

/// A new boxed `*a + *b`, for bench_c.c built with -DBENCH_BOXED (as rsbind stores it).
///
/// # Safety
/// `a` and `b` are live Moneys.
#[no_mangle]
pub unsafe extern "C" fn bench_money_box_add(a: *const Money, b: *const Money) -> *mut Money {
    Box::into_raw(Box::new(*a + *b))
}

/// A new boxed Money, or null and `*message` set (bench_c.c with -DBENCH_BOXED).
///
/// # Safety
/// `ptr[..len]` is UTF-8; `message` is writable.
#[no_mangle]
pub unsafe extern "C" fn bench_money_box_parse(
    ptr: *const u8,
    len: usize,
    message: *mut BenchBuf,
) -> *mut Money {
    let mut m = std::mem::MaybeUninit::<Money>::uninit();
    if bench_money_parse(ptr, len, m.as_mut_ptr(), message) {
        Box::into_raw(Box::new(m.assume_init()))
    } else {
        std::ptr::null_mut()
    }
}

/// # Safety
/// `m` came from `bench_money_box_add` or `bench_money_box_parse` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn bench_money_box_free(m: *mut Money) {
    drop(Box::from_raw(m));
}
