//! Numeric collections: vectors of numbers as slice objects with the buffer
//! protocol, slices borrowed from buffers, fixed-size arrays and bytes.

// ---- f64 ----

/// `n` numbers counting up in halves: 0.0, 0.5, 1.0, ...
pub fn make_vec_f64(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64 * 0.5).collect()
}

/// The sum of `xs`.
pub fn sum_f64(xs: &[f64]) -> f64 {
    xs.iter().sum()
}

/// The address of the first number of `xs`, to tell whether it was borrowed.
/// Three lists in one call: each converts into memory the call keeps (the
/// first two in the scope itself, the third past them).
pub fn sum_three(a: &[f64], b: &[f64], c: &[i64]) -> f64 {
    a.iter().sum::<f64>() + b.iter().sum::<f64>() + c.iter().sum::<i64>() as f64
}

pub fn first_addr(xs: &[f64]) -> usize {
    xs.as_ptr() as usize
}

/// Multiplies every number of `xs` by `k`, in place.
pub fn scale(xs: &mut [f64], k: f64) {
    for x in xs.iter_mut() {
        *x *= k;
    }
}

/// `[1.0, 2.0]` when `flag` is set, else nothing.
pub fn maybe_vec(flag: bool) -> Option<Vec<f64>> {
    if flag {
        Some(vec![1.0, 2.0])
    } else {
        None
    }
}

// ---- f32 ----

/// The sum of `xs`, widened.
pub fn sum_f32(xs: &[f32]) -> f64 {
    xs.iter().map(|&x| x as f64).sum()
}

/// Each of the three numbers doubled.
pub fn arr3(a: [f32; 3]) -> [f32; 3] {
    a.map(|x| x * 2.0)
}

// ---- integers ----

/// The sum of `xs`, widened so that it cannot overflow.
pub fn sum_i32(xs: &[i32]) -> i64 {
    xs.iter().map(|&x| x as i64).sum()
}

/// The sum of `xs`, wrapping on overflow.
pub fn sum_i64(xs: &[i64]) -> i64 {
    xs.iter().fold(0i64, |acc, &x| acc.wrapping_add(x))
}

/// Sets every number of `xs` to `v`.
pub fn fill_i32(xs: &mut [i32], v: i32) {
    for x in xs.iter_mut() {
        *x = v;
    }
}

/// The negative numbers of `xs` and the others, each in their order.
pub fn split_signs(xs: &[i32]) -> (Vec<i32>, Vec<i32>) {
    xs.iter().partition(|&&x| x < 0)
}

// ---- echoes, one for each item type ----

/// Returns `v` unchanged.
pub fn echo_vec_i8(v: Vec<i8>) -> Vec<i8> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_i16(v: Vec<i16>) -> Vec<i16> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_i32(v: Vec<i32>) -> Vec<i32> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_i64(v: Vec<i64>) -> Vec<i64> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_isize(v: Vec<isize>) -> Vec<isize> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_u8(v: Vec<u8>) -> Vec<u8> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_u16(v: Vec<u16>) -> Vec<u16> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_u32(v: Vec<u32>) -> Vec<u32> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_u64(v: Vec<u64>) -> Vec<u64> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_usize(v: Vec<usize>) -> Vec<usize> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_f32(v: Vec<f32>) -> Vec<f32> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_f64(v: Vec<f64>) -> Vec<f64> {
    v
}

/// Returns `v` unchanged.
pub fn echo_vec_bool(v: Vec<bool>) -> Vec<bool> {
    v
}

// ---- bool ----

/// `n` flags, alternating, starting with `true`.
pub fn bools(n: usize) -> Vec<bool> {
    (0..n).map(|i| i % 2 == 0).collect()
}

/// How many flags of `b` are set.
pub fn count_true(b: &[bool]) -> usize {
    b.iter().filter(|&&x| x).count()
}

// ---- bytes ----

/// The sum of the bytes of `data`.
pub fn checksum(data: &[u8]) -> u32 {
    data.iter().map(|&b| b as u32).sum()
}

/// The address of the first byte of `data`, to tell whether it was borrowed.
pub fn byte_addr(data: &[u8]) -> usize {
    data.as_ptr() as usize
}

/// `data` with ASCII letters upper-cased.
pub fn to_upper(data: Vec<u8>) -> Vec<u8> {
    data.to_ascii_uppercase()
}

/// The four bytes in reverse order.
pub fn fixed4(b: [u8; 4]) -> [u8; 4] {
    [b[3], b[2], b[1], b[0]]
}

/// `n` copies of the byte `b`.
pub fn repeat_byte(b: u8, n: usize) -> Vec<u8> {
    vec![b; n]
}

/// XORs every byte of `data` with `key`, in place.
pub fn xor_bytes(data: &mut [u8], key: u8) {
    for b in data.iter_mut() {
        *b ^= key;
    }
}

// ---- constants ----

/// The sizes on offer.
pub const SIZES: [u16; 3] = [1, 2, 3];

// ---- a class with a numeric vector field ----

/// A named series of measurements.
#[derive(Clone, Debug)]
pub struct Series {
    /// What was measured.
    pub name: String,
    /// The measurements.
    pub values: Vec<f64>,
}

impl Series {
    /// The sum of the measurements.
    pub fn total(&self) -> f64 {
        self.values.iter().sum()
    }

    /// How many measurements there are.
    pub fn count(&self) -> usize {
        self.values.len()
    }
}
