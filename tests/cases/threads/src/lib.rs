//! Released-GIL calls on buffers that Python can write (its interface file,
//! `interface.ron` beside it, releases the GIL for all but the `_holding` ones): another
//! thread may write the array while Rust runs, so Rust must get a copy, and
//! a `&mut [T]` a private copy written back after the call. Each function
//! reads its slice slowly (volatile reads, a spin between items), so a
//! borrowed array that another thread overwrites shows up as a torn read.

use std::ptr;

fn pause() {
    for i in 0..2000 {
        std::hint::black_box(i);
    }
}

/// Every item of `xs`, read one by one with a pause between, and whether a
/// second read saw the same items.
fn read_twice<T: Copy + PartialEq>(xs: &[T]) -> (Vec<T>, bool) {
    let mut seen = Vec::with_capacity(xs.len());
    for x in xs {
        // SAFETY: x is a valid reference.
        seen.push(unsafe { ptr::read_volatile(x) });
        pause();
    }
    let same = xs
        .iter()
        .zip(&seen)
        .all(|(x, s)| unsafe { ptr::read_volatile(x) } == *s);
    (seen, same)
}

/// Reads `xs` slowly, twice: the least and the greatest item of the first
/// read, and whether the second read saw the same items.
pub fn read_slowly(xs: &[f64]) -> (f64, f64, bool) {
    let (seen, same) = read_twice(xs);
    let lo = seen.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = seen.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo, hi, same)
}

/// The same for bytes.
pub fn read_bytes_slowly(xs: &[u8]) -> (u8, u8, bool) {
    let (seen, same) = read_twice(xs);
    let lo = seen.iter().copied().min().unwrap_or(0);
    let hi = seen.iter().copied().max().unwrap_or(0);
    (lo, hi, same)
}

/// Adds one to every item, slowly: the least and the greatest item it read,
/// and whether every item still held what it wrote when it looked again
/// (a `&mut [T]` is Rust's alone while the call runs).
pub fn bump_slowly(xs: &mut [f64]) -> (f64, f64, bool) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for x in xs.iter_mut() {
        // SAFETY: x is a valid, exclusive reference.
        let v = unsafe { ptr::read_volatile(x) };
        lo = lo.min(v);
        hi = hi.max(v);
        unsafe { ptr::write_volatile(x, v + 1.0) };
        pause();
    }
    let kept = xs
        .iter()
        .all(|x| unsafe { ptr::read_volatile(x) } >= lo + 1.0 && unsafe { ptr::read_volatile(x) } <= hi + 1.0);
    (lo, hi, kept)
}

/// Adds one to every byte (wrapping).
pub fn bump_bytes(xs: &mut [u8]) {
    for x in xs {
        *x = x.wrapping_add(1);
    }
}

/// Sets every item to `value`, then fails: what it wrote stays written.
pub fn fill_then_fail(xs: &mut [f64], value: f64) -> Result<(), String> {
    xs.fill(value);
    Err(format!("filled {} items, then failed", xs.len()))
}

/// Panics with `n` in the message, without the GIL.
pub fn panic_released(n: u32) -> u32 {
    if n > 0 {
        panic!("released panic {n}");
    }
    n
}

/// Copies `src` into `dst` (same length).
pub fn copy_into(src: &[f64], dst: &mut [f64]) {
    dst.copy_from_slice(src);
}

/// The sum of an owned vector, slowly (so that other threads run meanwhile).
pub fn sum_vec(xs: Vec<f64>) -> f64 {
    xs.iter()
        .map(|x| {
            pause();
            x
        })
        .sum()
}

/// Where the slice Rust got starts: the buffer's own memory, or a copy's.
pub fn address(xs: &[f64]) -> usize {
    xs.as_ptr() as usize
}

/// The same for bytes.
pub fn address_bytes(xs: &[u8]) -> usize {
    xs.as_ptr() as usize
}

/// The same for a `&mut [f64]`.
pub fn address_mut(xs: &mut [f64]) -> usize {
    xs.as_ptr() as usize
}
