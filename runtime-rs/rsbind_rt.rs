//! rsbind's Rust runtime, copied into every generated bindings package as
//! `src/rsbind_rt.rs`. It holds the `#[repr(C)]` mirror of runtime-c/rsbind.h and
//! the conversions between those ABI values and Rust values. Nothing here touches
//! the Python API.
#![allow(dead_code, unused_imports, unused_macros)]

use std::borrow::Cow;
use std::fmt::Display;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Borrowed bytes from C, valid for one call (`rsbind_str`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindStr {
    ptr: *const u8,
    len: usize,
}

/// Rust-owned bytes handed to C (`rsbind_string`); C returns them through
/// [`rsbind_string_free`].
#[repr(C)]
pub struct RsbindString {
    ptr: *mut u8,
    len: usize,
    cap: usize,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindU128 {
    lo: u64,
    hi: u64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindI128 {
    lo: u64,
    hi: i64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindDuration {
    secs: u64,
    nanos: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindTime {
    secs: i64,
    nanos: u32,
}

#[repr(C)]
pub struct RsbindOption<T> {
    pub(crate) is_some: bool,
    pub(crate) value: T,
}

/// `()` inside a composite value; C sees a byte.
pub type RsbindUnit = u8;

macro_rules! rsbind_tuples {
    ($($name:ident { $($t:ident $f:ident $i:tt),+ })+) => {$(
        #[repr(C)]
        pub struct $name<$($t),+> { $(pub(crate) $f: $t),+ }

        impl<'a, $($t: FromAbi<'a>),+> FromAbi<'a> for ($($t,)+) {
            type Abi = $name<$($t::Abi),+>;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                ($($t::from_abi(&abi.$f),)+)
            }
        }

        impl<$($t: IntoAbi),+> IntoAbi for ($($t,)+) {
            type Abi = $name<$($t::Abi),+>;
            fn into_abi(self) -> Self::Abi {
                $name { $($f: self.$i.into_abi()),+ }
            }
        }

        /// A borrowed tuple returned: a copy, made before the borrow ends.
        impl<$($t: Clone + IntoAbi),+> IntoAbi for &($($t,)+) {
            type Abi = $name<$($t::Abi),+>;
            fn into_abi(self) -> Self::Abi {
                self.clone().into_abi()
            }
        }
    )+};
}

rsbind_tuples! {
    RsbindTuple1 { A f0 0 }
    RsbindTuple2 { A f0 0, B f1 1 }
    RsbindTuple3 { A f0 0, B f1 1, C f2 2 }
    RsbindTuple4 { A f0 0, B f1 1, C f2 2, D f3 3 }
    RsbindTuple5 { A f0 0, B f1 1, C f2 2, D f3 3, E f4 4 }
    RsbindTuple6 { A f0 0, B f1 1, C f2 2, D f3 3, E f4 4, F f5 5 }
    RsbindTuple7 { A f0 0, B f1 1, C f2 2, D f3 3, E f4 4, F f5 5, G f6 6 }
    RsbindTuple8 { A f0 0, B f1 1, C f2 2, D f3 3, E f4 4, F f5 5, G f6 6, H f7 7 }
}

/// How a failed call is reported to C (`rsbind_error`).
#[repr(C)]
pub struct RsbindError {
    kind: u32,
    class_index: u32,
    os_errno: i32,
    message: RsbindString,
    /// With `KIND_CRATE`: the boxed error value.
    value: RsbindPtr,
}

const KIND_PANIC: u32 = 1;
const KIND_CRATE: u32 = 2;
const KIND_RUNTIME: u32 = 3;
const KIND_IO: u32 = 4;
const KIND_VALUE: u32 = 6;
const KIND_PYTHON: u32 = 7;

impl RsbindError {
    fn new(kind: u32, class_index: u32, os_errno: i32, message: String) -> RsbindError {
        RsbindError {
            kind,
            class_index,
            os_errno,
            message: message.into_abi(),
            value: std::ptr::null_mut(),
        }
    }

    /// Any other error: `RuntimeError` with its `Display`.
    pub fn display(e: &dyn Display) -> RsbindError {
        RsbindError::new(KIND_RUNTIME, 0, 0, e.to_string())
    }

    /// A value Rust rejects: `ValueError` with `message`.
    pub fn value(message: String) -> RsbindError {
        RsbindError::new(KIND_VALUE, 0, 0, message)
    }

    /// A variant's field read from an object of another variant.
    pub fn other_variant() -> RsbindError {
        let message = "the object holds another variant".to_string();
        RsbindError::new(KIND_RUNTIME, 0, 0, message)
    }

    /// `std::io::Error`: `OSError`, with errno when the OS gave one.
    pub fn io(e: &std::io::Error) -> RsbindError {
        RsbindError::new(KIND_IO, 0, e.raw_os_error().unwrap_or(0), e.to_string())
    }

    /// A callable's Python exception (an owned reference), raised as it is.
    fn python(exc: RsbindPtr) -> RsbindError {
        let mut e = RsbindError::new(KIND_PYTHON, 0, 0, String::new());
        e.value = exc;
        e
    }

    fn panic(payload: Box<dyn std::any::Any + Send>) -> RsbindError {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "Rust panicked with a value that is not a string".to_string()
        };
        RsbindError::new(KIND_PANIC, 0, 0, message)
    }
}

thread_local! {
    /// How many counted stub calls this thread is inside: their panics are
    /// caught.
    static RSBIND_IN_CALL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether [`call`] counts its calls in `RSBIND_IN_CALL`: only where the C
/// side can't tell whether this thread holds the GIL (the limited API), so
/// the common call touches no thread-local. True until `rsbind_rt_init`.
static COUNT_CALLS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Called once by the C runtime's init: installs the panic hook.
#[no_mangle]
pub extern "C" fn rsbind_rt_init() {
    quiet_caught_panics();
    let gil_known = unsafe { rsbind_gil_held() } >= 0;
    COUNT_CALLS.store(!gil_known, std::sync::atomic::Ordering::Relaxed);
}

/// Installs (once) a panic hook that prints nothing for a panic inside a stub
/// call, which becomes `RustPanic` with the message; other panics go to the
/// hook that was there before. A panic is inside a stub call when its thread
/// holds the GIL (C only calls stubs with the GIL, or else counts the call):
/// Rust code runs with the GIL only inside stubs.
fn quiet_caught_panics() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let counted = RSBIND_IN_CALL.with(|depth| depth.get()) > 0;
            if !counted && unsafe { rsbind_gil_held() } != 1 {
                previous(info);
            }
        }));
    });
}

/// Counts a call on this thread while it runs.
struct CountedCall;

impl CountedCall {
    #[inline(always)]
    fn enter() -> CountedCall {
        RSBIND_IN_CALL.with(|d| d.set(d.get() + 1));
        CountedCall
    }
}

impl Drop for CountedCall {
    #[inline(always)]
    fn drop(&mut self) {
        RSBIND_IN_CALL.with(|d| d.set(d.get() - 1));
    }
}

/// Runs a stub's body, catching panics (without printing them); writes the
/// error and returns `false` when the call failed. C calls it with the GIL
/// held: stubs whose parameters hold no callables use this one.
///
/// # Safety
/// `err` must be valid for writes.
#[inline(always)]
pub unsafe fn call(err: *mut RsbindError, body: impl FnOnce() -> Result<(), RsbindError>) -> bool {
    // A constant test first: a version-specific build never loads the flag.
    let count = crate::RSBIND_LIMITED_API && COUNT_CALLS.load(std::sync::atomic::Ordering::Relaxed);
    let _counted = count.then(CountedCall::enter);
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => true,
        failed => {
            failed_call(err, failed, RsbindPyRaised(std::ptr::null_mut()));
            false
        }
    }
}

/// A scalar result returned by value with its ok flag (the C side's
/// `rsbind_ret_<type>`): both travel in registers. When `ok` is false, the
/// value is zero and the error waits in [`rsbind_error_take`].
#[repr(C)]
pub struct RsbindReturn<T> {
    value: T,
    ok: bool,
}

thread_local! {
    /// The error of this thread's last failed direct call, until C takes it.
    static RSBIND_FAILURE: std::cell::Cell<Option<RsbindError>> = const { std::cell::Cell::new(None) };
}

/// Keeps a failed direct call's error for [`rsbind_error_take`].
#[cold]
#[inline(never)]
fn keep_failure<T: Default>(outcome: CallOutcome) -> RsbindReturn<T> {
    let mut err = std::mem::MaybeUninit::<RsbindError>::uninit();
    // SAFETY: `err` is valid for writes, and a failed outcome always writes it.
    let no_callables = RsbindPyRaised(std::ptr::null_mut());
    let err = unsafe {
        failed_call(err.as_mut_ptr(), outcome, no_callables);
        err.assume_init()
    };
    RSBIND_FAILURE.with(|f| f.set(Some(err)));
    RsbindReturn {
        value: T::default(),
        ok: false,
    }
}

/// Hands C the error of this thread's last failed direct call.
///
/// # Safety
/// `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn rsbind_error_take(out: *mut RsbindError) {
    let kept = RSBIND_FAILURE.with(|f| f.take());
    out.write(kept.unwrap_or_else(|| RsbindError::display(&"the call failed without an error")));
}

/// [`call`] for a stub that returns its scalar result itself.
///
/// # Safety
/// As [`call`].
#[inline(always)]
pub unsafe fn call_direct<T: Default>(
    body: impl FnOnce() -> Result<T, RsbindError>,
) -> RsbindReturn<T> {
    let count = crate::RSBIND_LIMITED_API && COUNT_CALLS.load(std::sync::atomic::Ordering::Relaxed);
    let _counted = count.then(CountedCall::enter);
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => RsbindReturn { value, ok: true },
        Ok(Err(e)) => keep_failure(Ok(Err(e))),
        Err(payload) => keep_failure(Err(payload)),
    }
}

/// [`call_released`] for a stub that returns its scalar result itself.
///
/// # Safety
/// As [`call`].
pub unsafe fn call_released_direct<T: Default>(
    body: impl FnOnce() -> Result<T, RsbindError>,
) -> RsbindReturn<T> {
    quiet_caught_panics();
    let counted = CountedCall::enter();
    let outcome = catch_unwind(AssertUnwindSafe(body));
    drop(counted);
    match outcome {
        Ok(Ok(value)) => RsbindReturn { value, ok: true },
        Ok(Err(e)) => keep_failure(Ok(Err(e))),
        Err(payload) => keep_failure(Err(payload)),
    }
}

/// [`call`] for a stub that C calls without the GIL (`release_gil`).
///
/// # Safety
/// `err` must be valid for writes.
pub unsafe fn call_released(
    err: *mut RsbindError,
    body: impl FnOnce() -> Result<(), RsbindError>,
) -> bool {
    quiet_caught_panics();
    let counted = CountedCall::enter();
    let outcome = catch_unwind(AssertUnwindSafe(body));
    drop(counted);
    match outcome {
        Ok(Ok(())) => true,
        failed => {
            failed_call(err, failed, RsbindPyRaised(std::ptr::null_mut()));
            false
        }
    }
}

/// [`call`] for a stub with callable parameters: the exceptions their
/// closures raised (on any thread) are collected from this call's slots.
///
/// # Safety
/// `err` must be valid for writes.
pub unsafe fn call_with_callables(
    err: *mut RsbindError,
    body: impl FnOnce() -> Result<(), RsbindError>,
) -> bool {
    quiet_caught_panics();
    let depth = CALL_SLOTS.with(|s| s.borrow().len());
    let counted = CountedCall::enter();
    let outcome = catch_unwind(AssertUnwindSafe(body));
    drop(counted);
    // What the callables made in this call raised, on any thread.
    let mut raised = RsbindPyRaised(std::ptr::null_mut());
    if CALL_SLOTS.with(|s| s.borrow().len()) > depth {
        raised = close_call_slots(depth);
    }
    match outcome {
        Ok(Ok(())) => true,
        failed => {
            failed_call(err, failed, raised);
            false
        }
    }
}

type CallOutcome = Result<Result<(), RsbindError>, Box<dyn std::any::Any + Send>>;

/// Writes the error of a failed call: its `Err`, or what its panic carried.
#[cold]
#[inline(never)]
unsafe fn failed_call(err: *mut RsbindError, outcome: CallOutcome, mut raised: RsbindPyRaised) {
    let error = match outcome {
        Ok(Ok(())) => return,
        Ok(Err(e)) => e,
        // Building the message of a panic payload cannot panic again: it only
        // downcasts and copies a string.
        Err(payload) => match payload.downcast::<RsbindPyRaised>() {
            // A callable's Python exception, carried out of the call whole:
            // the payload's own (a callable kept from an earlier call), else
            // the one its call slot holds.
            Ok(mut own) if !own.0.is_null() => RsbindError::python(own.take()),
            Ok(_) if !raised.0.is_null() => RsbindError::python(raised.take()),
            Ok(_) => RsbindError::panic(Box::new("a callable failed without an exception")),
            // A callable that raised on a thread of the crate's own made the
            // crate panic in turn (`std::thread::scope` does): the exception
            // is the cause, raised instead.
            Err(_) if !raised.0.is_null() => RsbindError::python(raised.take()),
            Err(payload) => RsbindError::panic(payload),
        },
    };
    err.write(error);
}

/// Frees a buffer that Rust handed to C.
///
/// # Safety
/// `s` must come from [`IntoAbi`] of a string or path, and be freed once.
#[no_mangle]
pub unsafe extern "C" fn rsbind_string_free(s: RsbindString) {
    if !s.ptr.is_null() {
        drop(Vec::from_raw_parts(s.ptr, s.len, s.cap));
    }
}

/// A Rust value made from the ABI value C passed in.
pub trait FromAbi<'a>: Sized {
    type Abi;
    /// # Safety
    /// `abi` must be a value the C runtime filled for this type.
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self;
}

/// A Rust value turned into the ABI value C reads back.
pub trait IntoAbi {
    type Abi;
    fn into_abi(self) -> Self::Abi;
}

/// Reads an argument: the Rust type is inferred from where the value goes.
///
/// # Safety
/// As [`FromAbi::from_abi`].
pub unsafe fn lift<'a, T: FromAbi<'a>>(abi: &'a T::Abi) -> T {
    T::from_abi(abi)
}

/// [`lift`] for an argument whose memory a result that borrows may point into
/// (MAPPING: Borrowed results): the lifetime is left to the call's result
/// (`'static` once erased), because the C side keeps that memory (a `str`, a
/// `bytes`, an object holding a borrow) as long as the result's object lives.
///
/// # Safety
/// As [`FromAbi::from_abi`], and the caller keeps what `abi` points into alive
/// and unchanged for as long as the result may use it.
pub unsafe fn lift_kept<'k, T: FromAbi<'k>>(abi: &T::Abi) -> T
where
    T::Abi: 'k,
{
    T::from_abi(&*(abi as *const T::Abi))
}

macro_rules! rsbind_plain {
    ($($t:ty),*) => {$(
        impl<'a> FromAbi<'a> for $t {
            type Abi = $t;
            unsafe fn from_abi(abi: &'a $t) -> $t { *abi }
        }
        impl IntoAbi for $t {
            type Abi = $t;
            fn into_abi(self) -> $t { self }
        }
        // A borrowed value returned (`Index::index` gives `&f64`) is copied.
        impl IntoAbi for &$t {
            type Abi = $t;
            fn into_abi(self) -> $t { *self }
        }
    )*};
}

rsbind_plain!(bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl<'a> FromAbi<'a> for i128 {
    type Abi = RsbindI128;
    unsafe fn from_abi(abi: &'a RsbindI128) -> i128 {
        ((abi.hi as i128) << 64) | abi.lo as i128
    }
}

impl IntoAbi for i128 {
    type Abi = RsbindI128;
    fn into_abi(self) -> RsbindI128 {
        RsbindI128 {
            lo: self as u64,
            hi: (self >> 64) as i64,
        }
    }
}

impl<'a> FromAbi<'a> for u128 {
    type Abi = RsbindU128;
    unsafe fn from_abi(abi: &'a RsbindU128) -> u128 {
        ((abi.hi as u128) << 64) | abi.lo as u128
    }
}

impl IntoAbi for u128 {
    type Abi = RsbindU128;
    fn into_abi(self) -> RsbindU128 {
        RsbindU128 {
            lo: self as u64,
            hi: (self >> 64) as u64,
        }
    }
}

impl<'a> FromAbi<'a> for char {
    type Abi = u32;
    unsafe fn from_abi(abi: &'a u32) -> char {
        // The C runtime only passes code points of a Python str that encodes to
        // UTF-8, so this never falls back; the fallback keeps it safe anyway.
        char::from_u32(*abi).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl IntoAbi for char {
    type Abi = u32;
    fn into_abi(self) -> u32 {
        self as u32
    }
}

impl IntoAbi for &char {
    type Abi = u32;
    fn into_abi(self) -> u32 {
        *self as u32
    }
}

impl IntoAbi for () {
    type Abi = RsbindUnit;
    fn into_abi(self) -> RsbindUnit {
        0
    }
}

impl RsbindStr {
    unsafe fn bytes<'a>(&self) -> &'a [u8] {
        if self.len == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(self.ptr, self.len)
        }
    }
}

impl<'a> FromAbi<'a> for &'a str {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> &'a str {
        // CPython's PyUnicode_AsUTF8AndSize gives valid UTF-8 (it rejects lone
        // surrogates before the call).
        std::str::from_utf8_unchecked(abi.bytes())
    }
}

impl<'a> FromAbi<'a> for String {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> String {
        <&str>::from_abi(abi).to_owned()
    }
}

impl<'a> FromAbi<'a> for Box<str> {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> Box<str> {
        Box::from(<&str>::from_abi(abi))
    }
}

impl<'a> FromAbi<'a> for Cow<'a, str> {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> Cow<'a, str> {
        Cow::Borrowed(<&str>::from_abi(abi))
    }
}

#[cfg(unix)]
unsafe fn path_from_bytes<'a>(bytes: &'a [u8]) -> &'a Path {
    use std::os::unix::ffi::OsStrExt;
    Path::new(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
unsafe fn path_from_bytes<'a>(bytes: &'a [u8]) -> &'a Path {
    // Elsewhere the C runtime passes the path as UTF-8.
    Path::new(std::str::from_utf8_unchecked(bytes))
}

impl<'a> FromAbi<'a> for &'a Path {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> &'a Path {
        path_from_bytes(abi.bytes())
    }
}

impl<'a> FromAbi<'a> for PathBuf {
    type Abi = RsbindStr;
    unsafe fn from_abi(abi: &'a RsbindStr) -> PathBuf {
        <&Path>::from_abi(abi).to_path_buf()
    }
}

impl<'a> FromAbi<'a> for std::net::Ipv4Addr {
    type Abi = u32;
    unsafe fn from_abi(abi: &'a u32) -> std::net::Ipv4Addr {
        std::net::Ipv4Addr::from(*abi)
    }
}

impl IntoAbi for std::net::Ipv4Addr {
    type Abi = u32;
    fn into_abi(self) -> u32 {
        u32::from(self)
    }
}

impl<'a> FromAbi<'a> for std::cmp::Ordering {
    type Abi = i8;
    unsafe fn from_abi(abi: &'a i8) -> std::cmp::Ordering {
        // The C runtime passes only -1, 0 and 1.
        (*abi).cmp(&0)
    }
}

impl IntoAbi for std::cmp::Ordering {
    type Abi = i8;
    fn into_abi(self) -> i8 {
        self as i8
    }
}

impl<'a> FromAbi<'a> for Duration {
    type Abi = RsbindDuration;
    unsafe fn from_abi(abi: &'a RsbindDuration) -> Duration {
        Duration::new(abi.secs, abi.nanos)
    }
}

impl IntoAbi for Duration {
    type Abi = RsbindDuration;
    fn into_abi(self) -> RsbindDuration {
        RsbindDuration {
            secs: self.as_secs(),
            nanos: self.subsec_nanos(),
        }
    }
}

impl<'a> FromAbi<'a> for SystemTime {
    type Abi = RsbindTime;
    unsafe fn from_abi(abi: &'a RsbindTime) -> SystemTime {
        // datetime's range (years 1..9999) is far inside SystemTime's on every
        // platform rsbind targets, so the checked operations do not fail there.
        let after = Duration::new(abi.secs.unsigned_abs(), 0);
        let base = if abi.secs >= 0 {
            UNIX_EPOCH.checked_add(after)
        } else {
            UNIX_EPOCH.checked_sub(after)
        };
        base.and_then(|t| t.checked_add(Duration::from_nanos(abi.nanos as u64)))
            .unwrap_or(UNIX_EPOCH)
    }
}

impl IntoAbi for SystemTime {
    type Abi = RsbindTime;
    fn into_abi(self) -> RsbindTime {
        match self.duration_since(UNIX_EPOCH) {
            Ok(d) => RsbindTime {
                secs: d.as_secs() as i64,
                nanos: d.subsec_nanos(),
            },
            Err(e) => {
                // Before the epoch: floor to whole seconds, nanos counted forward.
                let d = e.duration();
                let mut secs = -(d.as_secs() as i64);
                let mut nanos = d.subsec_nanos();
                if nanos > 0 {
                    secs -= 1;
                    nanos = 1_000_000_000 - nanos;
                }
                RsbindTime { secs, nanos }
            }
        }
    }
}

fn owned_bytes(mut v: Vec<u8>) -> RsbindString {
    if v.capacity() == 0 {
        return RsbindString {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        };
    }
    let s = RsbindString {
        ptr: v.as_mut_ptr(),
        len: v.len(),
        cap: v.capacity(),
    };
    std::mem::forget(v);
    s
}

impl IntoAbi for String {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        owned_bytes(self.into_bytes())
    }
}

impl IntoAbi for &str {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.to_owned().into_abi()
    }
}

impl IntoAbi for &String {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.as_str().into_abi()
    }
}

impl IntoAbi for Box<str> {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.into_string().into_abi()
    }
}

impl IntoAbi for &Box<str> {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        (**self).into_abi()
    }
}

impl IntoAbi for Cow<'_, str> {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.into_owned().into_abi()
    }
}

#[cfg(unix)]
fn path_bytes(p: PathBuf) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    p.into_os_string().into_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: PathBuf) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

impl IntoAbi for PathBuf {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        owned_bytes(path_bytes(self))
    }
}

impl IntoAbi for &Path {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.to_path_buf().into_abi()
    }
}

impl IntoAbi for &PathBuf {
    type Abi = RsbindString;
    fn into_abi(self) -> RsbindString {
        self.clone().into_abi()
    }
}

impl<'a, T: FromAbi<'a>> FromAbi<'a> for Option<T> {
    type Abi = RsbindOption<T::Abi>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Option<T> {
        if abi.is_some {
            Some(T::from_abi(&abi.value))
        } else {
            None
        }
    }
}

impl<T: IntoAbi> IntoAbi for Option<T> {
    type Abi = RsbindOption<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        match self {
            Some(v) => RsbindOption {
                is_some: true,
                value: v.into_abi(),
            },
            None => RsbindOption {
                is_some: false,
                // Every ABI type is plain data (integers, floats, bools, null
                // pointers) for which all-zero bytes is a valid, empty value.
                value: unsafe { std::mem::zeroed() },
            },
        }
    }
}

/// A borrowed option returned (`&Option<String>`): a copy.
impl<T: Clone + IntoAbi> IntoAbi for &Option<T> {
    type Abi = RsbindOption<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        self.clone().into_abi()
    }
}

/// A class instance's `Box<T>` as C holds it (`void *`).
pub type RsbindPtr = *mut std::ffi::c_void;

/// A shared borrow of a class instance (`const void *`).
pub type RsbindConstPtr = *const std::ffi::c_void;

/// A method's result that is a view of its `self` (`&T`, `&mut T`, or an
/// `Option` of one): C gets the address inside the owner's value (NULL for
/// `None`), nothing is copied, and C never drops it. The lifetime ends here:
/// C's view object holds a borrow on the owner's slot and a reference to the
/// owner, which keep the address valid instead (ARCHITECTURE.md, Invariants).
pub struct RsbindView<T>(pub T);

impl<T> IntoAbi for RsbindView<&T> {
    type Abi = RsbindPtr;
    fn into_abi(self) -> RsbindPtr {
        (self.0 as *const T).cast_mut().cast()
    }
}

impl<T> IntoAbi for RsbindView<&mut T> {
    type Abi = RsbindPtr;
    fn into_abi(self) -> RsbindPtr {
        (self.0 as *mut T).cast()
    }
}

impl<T> IntoAbi for RsbindView<Option<&T>> {
    type Abi = RsbindPtr;
    fn into_abi(self) -> RsbindPtr {
        self.0
            .map_or(std::ptr::null_mut(), |r| RsbindView(r).into_abi())
    }
}

impl<T> IntoAbi for RsbindView<Option<&mut T>> {
    type Abi = RsbindPtr;
    fn into_abi(self) -> RsbindPtr {
        self.0
            .map_or(std::ptr::null_mut(), |r| RsbindView(r).into_abi())
    }
}

/// A sequence view's parts (`rsbind_seq_parts`): the first item's address, the
/// count and the distance between items; a null `ptr` is an `Option`'s `None`.
#[repr(C)]
pub struct RsbindSeqParts {
    pub(crate) ptr: RsbindPtr,
    pub(crate) len: usize,
    pub(crate) stride: usize,
}

/// A method's `&[T]`/`&Vec<T>` (or `&mut`, or an `Option` of one) of a bound
/// class, handed to C as a sequence view: the items' addresses cross, as
/// [`RsbindView`]'s one address does, and the same borrow keeps them valid.
pub struct RsbindSeqView<T>(pub T);

/// What [`RsbindSeqView`] hands over.
pub trait RsbindSeqOf {
    fn seq_parts(self) -> RsbindSeqParts;
}

impl<T> RsbindSeqOf for &[T] {
    fn seq_parts(self) -> RsbindSeqParts {
        RsbindSeqParts {
            ptr: self.as_ptr().cast_mut().cast(),
            len: self.len(),
            stride: std::mem::size_of::<T>(),
        }
    }
}

impl<T> RsbindSeqOf for &mut [T] {
    fn seq_parts(self) -> RsbindSeqParts {
        RsbindSeqParts {
            ptr: self.as_mut_ptr().cast(),
            len: self.len(),
            stride: std::mem::size_of::<T>(),
        }
    }
}

impl<T> RsbindSeqOf for &Vec<T> {
    fn seq_parts(self) -> RsbindSeqParts {
        self.as_slice().seq_parts()
    }
}

impl<T> RsbindSeqOf for &mut Vec<T> {
    fn seq_parts(self) -> RsbindSeqParts {
        self.as_mut_slice().seq_parts()
    }
}

impl<T> RsbindSeqOf for std::slice::Iter<'_, T> {
    fn seq_parts(self) -> RsbindSeqParts {
        self.as_slice().seq_parts()
    }
}

impl<T> RsbindSeqOf for std::slice::IterMut<'_, T> {
    fn seq_parts(self) -> RsbindSeqParts {
        self.into_slice().seq_parts()
    }
}

impl<S: RsbindSeqOf> RsbindSeqOf for Option<S> {
    fn seq_parts(self) -> RsbindSeqParts {
        match self {
            Some(s) => s.seq_parts(),
            None => RsbindSeqParts {
                ptr: std::ptr::null_mut(),
                len: 0,
                stride: 0,
            },
        }
    }
}

impl<S: RsbindSeqOf> IntoAbi for RsbindSeqView<S> {
    type Abi = RsbindSeqParts;
    fn into_abi(self) -> RsbindSeqParts {
        self.0.seq_parts()
    }
}

/// The items of a sequence view whose items are not objects (IntEnum
/// members, which Python holds as ints), copied into a `Vec` for a list.
pub struct RsbindCopied<T>(pub T);

/// What [`RsbindCopied`] copies.
pub trait RsbindCopiedOf {
    type Out;
    fn copied(self) -> Self::Out;
}

impl<T: Clone> RsbindCopiedOf for &[T] {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.to_vec()
    }
}

impl<T: Clone> RsbindCopiedOf for &mut [T] {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.to_vec()
    }
}

impl<T: Clone> RsbindCopiedOf for &Vec<T> {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.clone()
    }
}

impl<T: Clone> RsbindCopiedOf for &mut Vec<T> {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.clone()
    }
}

impl<T: Clone> RsbindCopiedOf for std::slice::Iter<'_, T> {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.as_slice().to_vec()
    }
}

impl<T: Clone> RsbindCopiedOf for std::slice::IterMut<'_, T> {
    type Out = Vec<T>;
    fn copied(self) -> Vec<T> {
        self.into_slice().to_vec()
    }
}

impl<S: RsbindCopiedOf> RsbindCopiedOf for Option<S> {
    type Out = Option<S::Out>;
    fn copied(self) -> Option<S::Out> {
        self.map(S::copied)
    }
}

impl<S: RsbindCopiedOf> IntoAbi for RsbindCopied<S>
where
    S::Out: IntoAbi,
{
    type Abi = <S::Out as IntoAbi>::Abi;
    fn into_abi(self) -> Self::Abi {
        self.0.copied().into_abi()
    }
}

/// An iterator a function returns (`impl Iterator<Item = T>`, `slice::Iter`,
/// ...): boxed with its items' conversion, so the module's `next` stub of its
/// item type (over `A`, the ABI of `Option<Item>`) steps it without naming
/// the iterator's type. Its lifetimes are erased like a borrowing value's: C's
/// iterator object keeps what it may point into.
pub struct RsbindIter<A>(Box<dyn FnMut() -> A>);

impl<A> RsbindIter<A> {
    pub fn new<I>(mut iter: I) -> RsbindIter<A>
    where
        I: Iterator + 'static,
        Option<I::Item>: IntoAbi<Abi = A>,
    {
        RsbindIter(Box::new(move || iter.next().into_abi()))
    }

    /// The next item, converted.
    ///
    /// # Safety
    /// `it` must come from this type's [`IntoAbi`] with the same `A`, not yet dropped.
    pub unsafe fn next(it: RsbindPtr) -> A {
        (*(it as *mut RsbindIter<A>)).0()
    }

    /// Drops the iterator, containing a panic of its `Drop`.
    ///
    /// # Safety
    /// As [`RsbindIter::next`]; `it` is not used again.
    pub unsafe fn drop(it: RsbindPtr) {
        let _ = catch_unwind(AssertUnwindSafe(|| {
            drop(Box::from_raw(it as *mut RsbindIter<A>));
        }));
    }
}

impl RsbindIter<RsbindPtr> {
    /// An iterator of `&T`/`&mut T` of a bound class whose items are views:
    /// each item's address crosses, as [`RsbindView`]'s does (null at the
    /// end), and C's item object borrows what the iterator borrows, which
    /// keeps the address valid once the lifetime is erased here.
    pub fn views<I>(mut iter: I) -> RsbindIter<RsbindPtr>
    where
        I: Iterator + 'static,
        RsbindView<Option<I::Item>>: IntoAbi<Abi = RsbindPtr>,
    {
        RsbindIter(Box::new(move || RsbindView(iter.next()).into_abi()))
    }
}

impl<A> IntoAbi for RsbindIter<A> {
    type Abi = RsbindPtr;
    fn into_abi(self) -> RsbindPtr {
        Box::into_raw(Box::new(self)).cast()
    }
}

/// Conversions of a bound `Clone` type: a by-value argument is a clone of the
/// object's value, a returned reference is a copy.
macro_rules! class_by_clone {
    ($t:ty) => {
        crate::rsbind_rt::class_refs!($t);
        impl<'a> crate::rsbind_rt::FromAbi<'a> for $t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                (*(*abi as *const $t)).clone()
            }
        }
        impl<'a> crate::rsbind_rt::FromAbi<'a> for Box<$t> {
            type Abi = crate::rsbind_rt::RsbindPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                Box::new((*(*abi as *const $t)).clone())
            }
        }
        impl crate::rsbind_rt::IntoAbi for &$t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> Self::Abi {
                crate::rsbind_rt::boxed(self.clone())
            }
        }
    };
}
pub(crate) use class_by_clone;

/// Conversions of a bound type that is not `Clone`: a by-value argument moves
/// the value out of its object (C has emptied the object's slot).
macro_rules! class_by_move {
    ($t:ty) => {
        crate::rsbind_rt::class_refs!($t);
        impl<'a> crate::rsbind_rt::FromAbi<'a> for $t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                *Box::from_raw(*abi as *mut $t)
            }
        }
        impl<'a> crate::rsbind_rt::FromAbi<'a> for Box<$t> {
            type Abi = crate::rsbind_rt::RsbindPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                Box::from_raw(*abi as *mut $t)
            }
        }
    };
}
pub(crate) use class_by_move;

/// What every boxed class has: borrows, results, and dropping the box.
macro_rules! class_refs {
    ($t:ty) => {
        // Lent to a Python callable: its object is a view of this very
        // value, which the trampoline ends when the callable returns.
        impl crate::rsbind_rt::IntoAbi for &mut $t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> Self::Abi {
                (self as *mut $t).cast()
            }
        }
        impl<'a> crate::rsbind_rt::FromAbi<'a> for &'a $t {
            type Abi = crate::rsbind_rt::RsbindConstPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                &*(*abi as *const $t)
            }
        }
        impl<'a> crate::rsbind_rt::FromAbi<'a> for &'a mut $t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                &mut *(*abi as *mut $t)
            }
        }
        impl crate::rsbind_rt::IntoAbi for $t {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> Self::Abi {
                crate::rsbind_rt::boxed(self)
            }
        }
        unsafe impl crate::rsbind_rt::BoxSpare for $t {
            fn spare() -> &'static std::sync::atomic::AtomicPtr<std::ffi::c_void> {
                static SPARE: std::sync::atomic::AtomicPtr<std::ffi::c_void> =
                    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());
                &SPARE
            }
        }
        impl crate::rsbind_rt::IntoAbi for Box<$t> {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> Self::Abi {
                Box::into_raw(self).cast()
            }
        }
    };
}
pub(crate) use class_refs;

/// Conversions of a fieldless enum, which crosses as its discriminant.
macro_rules! int_enum {
    ($t:ty { $($v:ident),* }) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for $t {
            type Abi = i64;
            unsafe fn from_abi(abi: &'a i64) -> Self {
                $(if *abi == <$t>::$v as i64 {
                    return <$t>::$v;
                })*
                // C passes only values of the enum's members.
                panic!("{} is not a discriminant of {}", abi, stringify!($t))
            }
        }
        impl crate::rsbind_rt::IntoAbi for $t {
            type Abi = i64;
            fn into_abi(self) -> i64 {
                self as i64
            }
        }
        impl crate::rsbind_rt::IntoAbi for &$t {
            type Abi = i64;
            fn into_abi(self) -> i64 {
                $(if matches!(self, <$t>::$v) {
                    return <$t>::$v as i64;
                })*
                // Only a variant added after the bindings were made gets here.
                panic!("{} has a variant unknown to the bindings", stringify!($t))
            }
        }
        // Lent to a Python callable: its value (an IntEnum cannot change in
        // place, so there is nothing to write back).
        impl crate::rsbind_rt::IntoAbi for &mut $t {
            type Abi = i64;
            fn into_abi(self) -> i64 {
                crate::rsbind_rt::IntoAbi::into_abi(&*self)
            }
        }
    };
}
pub(crate) use int_enum;

/// A bound class's spare allocation: the block of the last value Python
/// freed, which the next value made reuses (a `T(...)` then costs no malloc
/// and free). One per class. Any thread may make values, so [`boxed`] takes
/// the block with an atomic swap; only [`drop_boxed`] puts one back, and it
/// runs with the GIL held (C's deallocs and conversions call it), so puts
/// never race one another and need no locked instruction (a `lock cmpxchg`
/// had cost `a + b` 7 ns of 35 on an Intel Xeon). A free-threaded or own-GIL build would
/// have to make the put a compare-exchange again (ARCHITECTURE.md).
///
/// # Safety
/// `spare` must return the same static for every call, used only by
/// [`boxed`] and [`drop_boxed`] of `Self`.
pub unsafe trait BoxSpare: Sized {
    fn spare() -> &'static std::sync::atomic::AtomicPtr<std::ffi::c_void>;
}

/// Boxes a class instance's value for C: in the class's spare block when
/// there is one, else in a new `Box`. Either is a `Box<T>` allocation.
#[inline]
pub fn boxed<T: BoxSpare>(value: T) -> RsbindPtr {
    use std::sync::atomic::Ordering;
    if std::mem::size_of::<T>() != 0 {
        let spare = T::spare().swap(std::ptr::null_mut(), Ordering::Acquire);
        if !spare.is_null() {
            // SAFETY: a block of `Layout::new::<T>()` that nothing else holds.
            unsafe { spare.cast::<T>().write(value) };
            return spare;
        }
    }
    Box::into_raw(Box::new(value)).cast()
}

/// The size a class's value takes stored in its Python object (C puts it at
/// `RSBIND_INLINE_OFFSET`, a multiple of 16, of an object the allocator
/// aligns to 16 bytes, 8 on 32-bit targets), or 0 when it stays boxed:
/// zero-sized, aligned beyond that, or over [`INLINE_MAX`] bytes. Any Rust
/// value moves by a copy of its bytes, so C moves one into its object so;
/// the object drops it in place ([`drop_inline`]) when the value needs it.
pub fn inline_size<T>() -> usize {
    let size = std::mem::size_of::<T>();
    if size == 0 || std::mem::align_of::<T>() > 2 * std::mem::size_of::<usize>() || size > INLINE_MAX {
        0
    } else {
        size
    }
}

/// The largest value stored in its object: past it, moving a result's bytes
/// into the object costs more than keeping its Box.
pub const INLINE_MAX: usize = 256;

/// Moves a boxed value into the room C has for it in its object
/// (`inline_size` bytes) and frees the Box's block as [`drop_boxed`] does,
/// without dropping what moved out of it.
///
/// # Safety
/// `ptr` must be a `Box<T>` made by [`IntoAbi`] (or [`boxed`]), not used
/// again; `into` valid for writing a `T` and aligned for it; the GIL held
/// (as for [`drop_boxed`]).
#[inline]
pub unsafe fn unbox_into<T: BoxSpare>(ptr: RsbindPtr, into: RsbindPtr) {
    into.cast::<T>().write(ptr.cast::<T>().read());
    free_block::<T>(ptr);
}

/// Hands C a call's result of a class stored in its object
/// (`Abi::result_in_room`): into the `ROOM` bytes at `*out` (16-aligned, on
/// C's stack) when rustc's layout lets the value be stored in its object and
/// it fits, else in a Box whose address replaces `*out`. C tells the two
/// apart by the address, and moves the value out of the room (dropping it
/// there with [`drop_inline`] when no object could be made).
///
/// # Safety
/// `out` must be valid for writing a pointer, and `*out` for writing `ROOM`
/// bytes at an alignment of 16.
#[inline]
pub unsafe fn give_in_room<const ROOM: usize, T: BoxSpare>(out: *mut RsbindPtr, value: T) {
    if inline_size::<T>() != 0 && std::mem::size_of::<T>() <= ROOM {
        // inline_size: aligned to at most 16.
        (*out).cast::<T>().write(value);
    } else {
        out.write(boxed(value));
    }
}

/// Drops a value stored in its object (or left in a call's room), in place;
/// a panicking `Drop` is contained. The object's memory is Python's.
///
/// # Safety
/// `ptr` must point to a valid `T`, dropped once and never used again.
pub unsafe fn drop_inline<T>(ptr: RsbindPtr) {
    let _ = catch_unwind(AssertUnwindSafe(|| std::ptr::drop_in_place(ptr.cast::<T>())));
}

/// Drops a class instance's value; a panicking `Drop` is contained. Its
/// block becomes the class's spare when there is none, else is freed.
///
/// # Safety
/// `ptr` must be a `Box<T>` made by [`IntoAbi`] (or [`boxed`]), dropped once;
/// the GIL must be held (see [`BoxSpare`]): no other `drop_boxed` of `T`
/// runs meanwhile. A [`boxed`] on another thread may take the spare between
/// `free_block`'s load and store; it only ever takes, so the block stored is
/// still this one alone.
pub unsafe fn drop_boxed<T: BoxSpare>(ptr: RsbindPtr) {
    drop_inline::<T>(ptr);
    free_block::<T>(ptr);
}

/// Frees the block of a `Box<T>` whose value was dropped or moved out: it
/// becomes the class's spare when there is none.
///
/// # Safety
/// As for [`drop_boxed`], with the value already gone.
unsafe fn free_block<T: BoxSpare>(ptr: RsbindPtr) {
    use std::sync::atomic::Ordering;
    if std::mem::size_of::<T>() == 0 {
        return;
    }
    let spare = T::spare();
    if spare.load(Ordering::Relaxed).is_null() {
        spare.store(ptr, Ordering::Release);
    } else {
        std::alloc::dealloc(ptr.cast(), std::alloc::Layout::new::<T>());
    }
}

/// An error of a crate type: raised as an instance of its class, which owns the value.
impl RsbindError {
    /// No message: the class's raiser makes the exception from the value
    /// (its `Display`, formatted once, there).
    pub fn class<E: IntoAbi<Abi = RsbindPtr>>(class_index: u32, e: E) -> RsbindError {
        let mut err = RsbindError::new(KIND_CRATE, class_index, 0, String::new());
        err.value = e.into_abi();
        err
    }
}

/// Locks a `Mutex` static. A lock poisoned by a panic is still used: the panic
/// was reported to Python already, and the value is plain data.
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Reads an `RwLock` static (poisoning as for [`lock`]).
pub fn read<T>(m: &std::sync::RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

/// Writes an `RwLock` static (poisoning as for [`lock`]).
pub fn write<T>(m: &std::sync::RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|e| e.into_inner())
}

/// A run of items C lends for one call (`rsbind_slice`).
#[repr(C)]
pub struct RsbindSlice<T> {
    pub(crate) ptr: *const T,
    pub(crate) len: usize,
}

/// A writable run of items C lends for one call (`rsbind_slice_mut`).
#[repr(C)]
pub struct RsbindSliceMut<T> {
    pub(crate) ptr: *mut T,
    pub(crate) len: usize,
}

/// A Vec's parts, handed to C (`rsbind_vec`); C gives the buffer back through
/// [`rsbind_vec_free`].
#[repr(C)]
pub struct RsbindVec<T> {
    pub(crate) ptr: *mut T,
    pub(crate) len: usize,
    pub(crate) cap: usize,
}

impl<T> RsbindSlice<T> {
    /// # Safety
    /// The C runtime filled `ptr`/`len` with a live, aligned run of items.
    unsafe fn items<'a>(&self) -> &'a [T] {
        if self.len == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(self.ptr, self.len)
        }
    }
}

/// Frees a Vec buffer that Rust handed to C.
///
/// # Safety
/// The arguments are those of a `Vec<T>` made by [`IntoAbi`] with
/// `size_of::<T>() == size` and `align_of::<T>() == align`, freed once.
#[no_mangle]
pub unsafe extern "C" fn rsbind_vec_free(ptr: *mut u8, cap: usize, size: usize, align: usize) {
    if !ptr.is_null() && cap != 0 && size != 0 {
        let layout = std::alloc::Layout::from_size_align_unchecked(cap * size, align);
        std::alloc::dealloc(ptr, layout);
    }
}

fn vec_parts<T>(v: Vec<T>) -> RsbindVec<T> {
    let mut v = std::mem::ManuallyDrop::new(v);
    RsbindVec {
        ptr: v.as_mut_ptr(),
        len: v.len(),
        cap: v.capacity(),
    }
}

impl<'a, T: FromAbi<'a>> FromAbi<'a> for Vec<T> {
    type Abi = RsbindSlice<T::Abi>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        abi.items().iter().map(|x| T::from_abi(x)).collect()
    }
}

impl<'a, T: FromAbi<'a>, const N: usize> FromAbi<'a> for [T; N] {
    type Abi = RsbindSlice<T::Abi>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        let items: Vec<T> = Vec::from_abi(abi);
        // C checked the length.
        match items.try_into() {
            Ok(array) => array,
            Err(v) => panic!("expected {} items, got {}", N, v.len()),
        }
    }
}

impl<'a, K: FromAbi<'a> + Eq + std::hash::Hash, V: FromAbi<'a>> FromAbi<'a>
    for std::collections::HashMap<K, V>
{
    type Abi = RsbindSlice<RsbindTuple2<K::Abi, V::Abi>>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        abi.items()
            .iter()
            .map(|e| (K::from_abi(&e.f0), V::from_abi(&e.f1)))
            .collect()
    }
}

impl<'a, K: FromAbi<'a> + Ord, V: FromAbi<'a>> FromAbi<'a> for std::collections::BTreeMap<K, V> {
    type Abi = RsbindSlice<RsbindTuple2<K::Abi, V::Abi>>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        abi.items()
            .iter()
            .map(|e| (K::from_abi(&e.f0), V::from_abi(&e.f1)))
            .collect()
    }
}

impl<'a, T: FromAbi<'a> + Eq + std::hash::Hash> FromAbi<'a> for std::collections::HashSet<T> {
    type Abi = RsbindSlice<T::Abi>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        abi.items().iter().map(|x| T::from_abi(x)).collect()
    }
}

impl<'a, T: FromAbi<'a> + Ord> FromAbi<'a> for std::collections::BTreeSet<T> {
    type Abi = RsbindSlice<T::Abi>;
    unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
        abi.items().iter().map(|x| T::from_abi(x)).collect()
    }
}

impl<T: IntoAbi> IntoAbi for Vec<T> {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        // For numbers `into_abi` is the identity, and collecting reuses the buffer.
        vec_parts(self.into_iter().map(IntoAbi::into_abi).collect())
    }
}

impl<T: IntoAbi, const N: usize> IntoAbi for [T; N] {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        Vec::from(self).into_abi()
    }
}

/// A borrowed array returned: a copy.
impl<T: Clone + IntoAbi, const N: usize> IntoAbi for &[T; N] {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        self.as_slice().into_abi()
    }
}

impl<T: Clone + IntoAbi> IntoAbi for &[T] {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        self.to_vec().into_abi()
    }
}

impl<T: Clone + IntoAbi> IntoAbi for &Vec<T> {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        self.as_slice().into_abi()
    }
}

impl<K: IntoAbi, V: IntoAbi> IntoAbi for std::collections::HashMap<K, V> {
    type Abi = RsbindVec<RsbindTuple2<K::Abi, V::Abi>>;
    fn into_abi(self) -> Self::Abi {
        vec_parts(self.into_iter().map(|e| e.into_abi()).collect())
    }
}

impl<K: IntoAbi, V: IntoAbi> IntoAbi for std::collections::BTreeMap<K, V> {
    type Abi = RsbindVec<RsbindTuple2<K::Abi, V::Abi>>;
    fn into_abi(self) -> Self::Abi {
        vec_parts(self.into_iter().map(|e| e.into_abi()).collect())
    }
}

impl<T: IntoAbi> IntoAbi for std::collections::HashSet<T> {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        vec_parts(self.into_iter().map(IntoAbi::into_abi).collect())
    }
}

impl<T: IntoAbi> IntoAbi for std::collections::BTreeSet<T> {
    type Abi = RsbindVec<T::Abi>;
    fn into_abi(self) -> Self::Abi {
        vec_parts(self.into_iter().map(IntoAbi::into_abi).collect())
    }
}

/// Slices of numbers are lent without a copy: C passes the memory of the
/// Python buffer (or of a temporary array it converted) for the call.
macro_rules! number_slices {
    ($($t:ty),*) => {$(
        impl<'a> FromAbi<'a> for &'a [$t] {
            type Abi = RsbindSlice<$t>;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                abi.items()
            }
        }
        impl<'a> FromAbi<'a> for &'a mut [$t] {
            type Abi = RsbindSliceMut<$t>;
            unsafe fn from_abi(abi: &'a Self::Abi) -> Self {
                if abi.len == 0 {
                    &mut []
                } else {
                    std::slice::from_raw_parts_mut(abi.ptr, abi.len)
                }
            }
        }
    )*};
}

number_slices!(bool, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

// ---- Python callables called from Rust (MAPPING: Callbacks and traits) ----
//
// A callable parameter gets a closure that calls its trampoline in module.c
// (which takes the GIL, converts, calls and converts back). A Python
// exception raised inside it stops the Rust call by unwinding with a private
// payload, `RsbindPyRaised`, that `call` catches at the stub's boundary and
// hands to C, which raises the same exception object again. The unwind
// starts in Rust after the trampoline has returned, so it never crosses C,
// and it runs the crate's destructors as any panic from a closure does
// (ARCHITECTURE.md, Callbacks).

extern "C" {
    /// 1 when this thread holds the GIL, 0 when not, -1 when C can't tell.
    fn rsbind_gil_held() -> i32;
    fn rsbind_py_incref(obj: RsbindPtr);
    fn rsbind_py_decref(obj: RsbindPtr);
    fn rsbind_callback_release(frame: RsbindPtr);
    fn rsbind_exc_unraisable(exc: RsbindPtr);
}

/// A Python callable that Rust holds: a strong reference, released (with the
/// GIL taken) when the closure holding it is dropped, on whichever thread;
/// and the slot of the call that made it, where an exception it raises on any
/// thread waits for that call's end (`call`).
pub struct RsbindCallback(RsbindPtr, std::sync::Arc<std::sync::Mutex<CallSlot>>);

/// Where a callable's exception goes while the call that received the
/// callable runs (`open`): the first one waits here for the call's end.
pub struct CallSlot {
    open: bool,
    exc: RsbindPtr,
}

unsafe impl Send for CallSlot {}

impl Drop for CallSlot {
    fn drop(&mut self) {
        if !self.exc.is_null() {
            unsafe { rsbind_exc_unraisable(self.exc) }
        }
    }
}

std::thread_local! {
    /// The slots of the callables made by the calls running on this thread
    /// (a Python callback may call into the module again: calls nest).
    static CALL_SLOTS: std::cell::RefCell<Vec<std::sync::Arc<std::sync::Mutex<CallSlot>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Closes the slots made since `depth`: their first exception (owned; null
/// when none), the others reported as unraisable.
fn close_call_slots(depth: usize) -> RsbindPyRaised {
    let slots: Vec<_> = CALL_SLOTS.with(|s| s.borrow_mut().split_off(depth));
    let mut first = RsbindPyRaised(std::ptr::null_mut());
    for slot in slots {
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.open = false;
        let exc = std::mem::replace(&mut slot.exc, std::ptr::null_mut());
        if first.0.is_null() {
            first.0 = exc;
        } else if !exc.is_null() {
            unsafe { rsbind_exc_unraisable(exc) }
        }
    }
    first
}

// Every use of the object goes through a C function that takes the GIL.
unsafe impl Send for RsbindCallback {}
unsafe impl Sync for RsbindCallback {}

impl RsbindCallback {
    /// The callable C passed (borrowed): Rust takes its own reference.
    ///
    /// # Safety
    /// `abi` must be a callable object C passed for this call.
    pub unsafe fn from_arg(abi: &RsbindPtr) -> RsbindCallback {
        rsbind_py_incref(*abi);
        let slot = std::sync::Arc::new(std::sync::Mutex::new(CallSlot {
            open: true,
            exc: std::ptr::null_mut(),
        }));
        CALL_SLOTS.with(|s| s.borrow_mut().push(std::sync::Arc::clone(&slot)));
        RsbindCallback(*abi, slot)
    }

    /// An optional callable: `None` when Python passed `None`.
    ///
    /// # Safety
    /// As [`RsbindCallback::from_arg`].
    pub unsafe fn from_opt_arg(abi: &RsbindOption<RsbindPtr>) -> Option<RsbindCallback> {
        if abi.is_some {
            Some(RsbindCallback::from_arg(&abi.value))
        } else {
            None
        }
    }

    pub fn as_ptr(&self) -> RsbindPtr {
        self.0
    }

    /// The outcome of a call through the trampoline: on failure `frame` is
    /// the Python exception, and the Rust call stops here (an unwind caught
    /// by [`call`]; `resume_unwind` runs no panic hook, so nothing is
    /// printed). While the call that made this callable runs, the exception
    /// waits in its slot, so it reaches that call from any thread; later (a
    /// kept callable) the unwind carries it.
    #[inline(always)]
    pub fn check(&self, ok: bool, frame: RsbindPtr) -> RsbindCallbackFrame {
        if ok {
            return RsbindCallbackFrame(frame);
        }
        self.raise(frame)
    }

    /// The failure of [`RsbindCallback::check`]: unwinds with the exception.
    #[cold]
    #[inline(never)]
    fn raise(&self, frame: RsbindPtr) -> ! {
        let mut slot = self.1.lock().unwrap_or_else(|e| e.into_inner());
        let carried = if slot.open && slot.exc.is_null() {
            slot.exc = frame;
            std::ptr::null_mut()
        } else {
            frame
        };
        drop(slot);
        std::panic::resume_unwind(Box::new(RsbindPyRaised(carried)));
    }
}

impl Drop for RsbindCallback {
    fn drop(&mut self) {
        unsafe { rsbind_py_decref(self.0) }
    }
}

/// The unwind payload of a Python exception raised by a callable (an owned
/// reference to the exception, or null when it waits in its call's slot).
/// Caught by [`call`]; if something else drops it (a crate that catches
/// panics, a thread of the crate's own), the exception is reported as
/// unraisable.
struct RsbindPyRaised(RsbindPtr);

impl RsbindPyRaised {
    fn take(&mut self) -> RsbindPtr {
        std::mem::replace(&mut self.0, std::ptr::null_mut())
    }
}

unsafe impl Send for RsbindPyRaised {}

impl Drop for RsbindPyRaised {
    fn drop(&mut self) {
        if !self.0.is_null() {
            unsafe { rsbind_exc_unraisable(self.0) }
        }
    }
}

extern "C" {
    fn rsbind_callback_err_done(callable: RsbindPtr, exc: RsbindPtr, how: i32);
}

/// The `Err` of a callable returning `Result<_, E>`: when the exception
/// `exc` that it raised is an instance of `E`'s class, `convert` (module.c)
/// hands over its value, borrowed (1: cloned here) or moved out (2), and the
/// exception is released; else (0) `None`, and the exception goes on.
pub fn callback_err<E>(
    callable: &RsbindCallback,
    exc: RsbindPtr,
    convert: unsafe extern "C" fn(RsbindPtr, RsbindPtr, *mut RsbindPtr) -> i32,
) -> Option<E>
where
    E: for<'a> FromAbi<'a, Abi = RsbindPtr>,
{
    let mut value: RsbindPtr = std::ptr::null_mut();
    // SAFETY: `exc` is the exception the trampoline handed over (owned).
    let how = unsafe { convert(callable.as_ptr(), exc, &mut value) };
    if how == 0 {
        return None;
    }
    // SAFETY: C borrowed the exception's value for this (a shared borrow:
    // nothing writes it meanwhile) or moved it out for Rust to own.
    let e = unsafe { lift::<E>(&value) };
    // SAFETY: ends that borrow and releases the exception (C takes the GIL).
    unsafe { rsbind_callback_err_done(callable.as_ptr(), exc, how) };
    Some(e)
}

/// What a trampoline left for its caller: the result's frame to release once
/// Rust has its own value (null when there is none).
pub struct RsbindCallbackFrame(RsbindPtr);

impl Drop for RsbindCallbackFrame {
    fn drop(&mut self) {
        if !self.0.is_null() {
            unsafe { rsbind_callback_release(self.0) }
        }
    }
}

/// A callable parameter's closure maker and the declaration of the trampoline
/// it calls (module.c defines it): lib.rs invokes it once per callable
/// parameter, `boxed` for a `Box<dyn Fn..>` one, `opt` for an `Option` of one.
/// The maker takes the C argument;
/// the closure it returns holds the callable and is `Send + Sync + 'static`.
macro_rules! callback {
    ($maker:ident, $symbol:ident, [$($sig:tt)*],
     ($($arg:ident: $t:ty => $abi:ty),*) -> $ret:ty => $out:ty $(, err $errfn:ident)?) => {
        crate::rsbind_rt::callback!(@extern $symbol, ($($arg: $abi),*) -> $out $(, err $errfn)?);
        fn $maker(
            abi: &crate::rsbind_rt::RsbindPtr,
        ) -> impl $($sig)* + Send + Sync + 'static {
            // SAFETY: C passed a callable object for this call.
            let callable = unsafe { crate::rsbind_rt::RsbindCallback::from_arg(abi) };
            crate::rsbind_rt::callback!(@closure callable, $symbol, ($($arg: $t),*) -> $ret => $out $(, err $errfn)?)
        }
    };
    (boxed $maker:ident, $symbol:ident, [$($sig:tt)*],
     ($($arg:ident: $t:ty => $abi:ty),*) -> $ret:ty => $out:ty $(, err $errfn:ident)?) => {
        crate::rsbind_rt::callback!(@extern $symbol, ($($arg: $abi),*) -> $out $(, err $errfn)?);
        fn $maker(
            abi: &crate::rsbind_rt::RsbindPtr,
        ) -> Box<impl $($sig)* + Send + Sync + 'static> {
            // SAFETY: C passed a callable object for this call.
            let callable = unsafe { crate::rsbind_rt::RsbindCallback::from_arg(abi) };
            Box::new(crate::rsbind_rt::callback!(
                @closure callable, $symbol, ($($arg: $t),*) -> $ret => $out $(, err $errfn)?
            ))
        }
    };
    (opt $maker:ident, $symbol:ident, [$($sig:tt)*],
     ($($arg:ident: $t:ty => $abi:ty),*) -> $ret:ty => $out:ty $(, err $errfn:ident)?) => {
        crate::rsbind_rt::callback!(@extern $symbol, ($($arg: $abi),*) -> $out $(, err $errfn)?);
        fn $maker(
            abi: &crate::rsbind_rt::RsbindOption<crate::rsbind_rt::RsbindPtr>,
        ) -> Option<impl $($sig)* + Send + Sync + 'static> {
            // SAFETY: C passed a callable object or None for this call.
            match unsafe { crate::rsbind_rt::RsbindCallback::from_opt_arg(abi) } {
                Some(callable) => Some(crate::rsbind_rt::callback!(
                    @closure callable, $symbol, ($($arg: $t),*) -> $ret => $out $(, err $errfn)?
                )),
                None => None,
            }
        }
    };
    (@extern $symbol:ident, ($($arg:ident: $abi:ty),*) -> $out:ty $(, err $errfn:ident)?) => {
        extern "C" {
            fn $symbol(
                callable: crate::rsbind_rt::RsbindPtr,
                $($arg: $abi,)*
                out: *mut $out,
                frame: *mut crate::rsbind_rt::RsbindPtr,
            ) -> bool;
            $(
            // The value for `Err` of the exception the callable raised, when
            // it is of the error's class (see `callback_err`).
            fn $errfn(
                callable: crate::rsbind_rt::RsbindPtr,
                exc: crate::rsbind_rt::RsbindPtr,
                value: *mut crate::rsbind_rt::RsbindPtr,
            ) -> i32;
            )?
        }
    };
    (@closure $callable:ident, $symbol:ident, ($($arg:ident: $t:ty),*) -> $ret:ty => $out:ty $(, err $errfn:ident)?) => {
        move |$($arg: $t),*| -> $ret {
            let mut out = core::mem::MaybeUninit::<$out>::uninit();
            let mut frame: crate::rsbind_rt::RsbindPtr = core::ptr::null_mut();
            // SAFETY: the trampoline takes the GIL itself; the arguments are
            // owned ABI values it consumes; it writes out when it succeeds.
            let ok = unsafe {
                $symbol(
                    $callable.as_ptr(),
                    $(crate::rsbind_rt::IntoAbi::into_abi($arg),)*
                    out.as_mut_ptr(),
                    &mut frame,
                )
            };
            $(
            // An exception of the error's class is the callable's `Err`.
            if !ok {
                if let Some(e) = crate::rsbind_rt::callback_err(&$callable, frame, $errfn) {
                    return Err(e);
                }
            }
            )?
            // Released after the value is made: it may borrow from the result.
            let _frame = $callable.check(ok, frame);
            // SAFETY: written by C's converter of this very type.
            let value = unsafe { crate::rsbind_rt::lift(&out.assume_init()) };
            crate::rsbind_rt::callback!(@ok value $(, $errfn)?)
        }
    };
    (@ok $value:ident) => {
        $value
    };
    (@ok $value:ident, $errfn:ident) => {
        Ok($value)
    };
}
pub(crate) use callback;

// ---- Trait objects (MAPPING: Callbacks and traits) ----
//
// A trait object argument crosses as an `RsbindDyn`: a bound object's value
// (`kind` is its class's index among the trait's implementors) or a Python
// object (`kind` -1), which lib.rs wraps in the trait's generated
// `rsbind_Py<Trait>`: it holds the object as a callable is held
// (`RsbindCallback`) and forwards each method through a trampoline.

/// A trait object argument as C passed it.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RsbindDyn {
    pub kind: i32,
    pub ptr: RsbindPtr,
}

/// `RsbindDyn::kind` of a Python object.
pub const RSBIND_DYN_PYTHON: i32 = -1;

/// A `&dyn Trait` argument: a bound object's value, borrowed, or the
/// wrapped Python object, owned for the call.
pub enum RsbindDynRef<'a, D: ?Sized> {
    Borrowed(&'a D),
    Owned(Box<D>),
}

impl<D: ?Sized> std::ops::Deref for RsbindDynRef<'_, D> {
    type Target = D;
    fn deref(&self) -> &D {
        match self {
            RsbindDynRef::Borrowed(d) => d,
            RsbindDynRef::Owned(d) => d,
        }
    }
}

/// A `&mut dyn Trait` argument: a bound object's value, borrowed
/// exclusively (written in place), or the wrapped Python object.
pub enum RsbindDynMut<'a, D: ?Sized> {
    Borrowed(&'a mut D),
    Owned(Box<D>),
}

impl<D: ?Sized> std::ops::Deref for RsbindDynMut<'_, D> {
    type Target = D;
    fn deref(&self) -> &D {
        match self {
            RsbindDynMut::Borrowed(d) => d,
            RsbindDynMut::Owned(d) => d,
        }
    }
}

impl<D: ?Sized> std::ops::DerefMut for RsbindDynMut<'_, D> {
    fn deref_mut(&mut self) -> &mut D {
        match self {
            RsbindDynMut::Borrowed(d) => d,
            RsbindDynMut::Owned(d) => d,
        }
    }
}

/// An `Option<&mut dyn Trait>` argument from its holder: `coerce` (the
/// identity, written at the call) shortens the trait object's lifetime,
/// which `&mut`'s invariance keeps `Option::as_deref_mut` from doing.
pub fn opt_mut<'a, D: ?Sized, R>(
    owned: &'a mut Option<RsbindDynMut<'_, D>>,
    coerce: fn(&'a mut D) -> R,
) -> Option<R> {
    owned.as_deref_mut().map(coerce)
}

extern "C" {
    fn rsbind_py_hasattr(obj: RsbindPtr, name: *const std::ffi::c_char) -> bool;
}

/// Whether the Python object has the method `name` (takes the GIL).
pub fn py_has_method(obj: &RsbindCallback, name: &std::ffi::CStr) -> bool {
    // SAFETY: the object is alive (the callback holds it); C takes the GIL.
    unsafe { rsbind_py_hasattr(obj.as_ptr(), name.as_ptr()) }
}

/// The type that holds a Python object as trait `$tr`: the object, and
/// whether it has each method with a default (`$provided`, C strings).
macro_rules! py_trait_object {
    ($py:ident, $n:literal, [$($provided:literal),*]) => {
        pub struct $py {
            rsbind_obj: crate::rsbind_rt::RsbindCallback,
            #[allow(dead_code)]
            rsbind_has: [bool; $n],
        }

        impl $py {
            /// # Safety
            /// `obj` is a Python object C passed for this call.
            unsafe fn new(obj: crate::rsbind_rt::RsbindPtr) -> $py {
                let rsbind_obj = crate::rsbind_rt::RsbindCallback::from_arg(&obj);
                let rsbind_has = [$(crate::rsbind_rt::py_has_method(&rsbind_obj, $provided)),*];
                $py { rsbind_obj, rsbind_has }
            }
        }
    };
}
pub(crate) use py_trait_object;

/// The body of a method forwarded to the Python object `$obj` (an
/// `&RsbindCallback`) through its trampoline `$symbol`, as a callable's call.
macro_rules! py_method {
    ($obj:expr, $symbol:ident, ($($arg:ident: $t:ty => $abi:ty),*) -> $ret:ty => $out:ty $(, err $errfn:ident)?) => {{
        crate::rsbind_rt::callback!(@extern $symbol, ($($arg: $abi),*) -> $out $(, err $errfn)?);
        let rsbind_cb: &crate::rsbind_rt::RsbindCallback = $obj;
        let rsbind_f = crate::rsbind_rt::callback!(
            @closure rsbind_cb, $symbol, ($($arg: $t),*) -> $ret => $out $(, err $errfn)?
        );
        rsbind_f($($arg),*)
    }};
}
pub(crate) use py_method;

/// `FromAbi` of a trait object type (`$d`, `dyn Trait + Send`) as a way of
/// passing it asks: a bound object's value (`$k` its index among the
/// implementors, `$c` its class), or the Python object in `$py`.
macro_rules! dyn_from_abi {
    (ref $d:ty, $py:ident, [$($k:literal => $c:ty),*]) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for crate::rsbind_rt::RsbindDynRef<'a, $d> {
            type Abi = crate::rsbind_rt::RsbindDyn;
            unsafe fn from_abi(abi: &'a crate::rsbind_rt::RsbindDyn) -> Self {
                match abi.kind {
                    $($k => crate::rsbind_rt::RsbindDynRef::Borrowed(&*(abi.ptr as *const $c)),)*
                    _ => crate::rsbind_rt::RsbindDynRef::Owned(Box::new($py::new(abi.ptr))),
                }
            }
        }
    };
    (mut $d:ty, $py:ident, [$($k:literal => $c:ty),*]) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for crate::rsbind_rt::RsbindDynMut<'a, $d> {
            type Abi = crate::rsbind_rt::RsbindDyn;
            unsafe fn from_abi(abi: &'a crate::rsbind_rt::RsbindDyn) -> Self {
                match abi.kind {
                    $($k => crate::rsbind_rt::RsbindDynMut::Borrowed(&mut *(abi.ptr as *mut $c)),)*
                    _ => crate::rsbind_rt::RsbindDynMut::Owned(Box::new($py::new(abi.ptr))),
                }
            }
        }
    };
    (boxed $d:ty, $py:ident, [$($k:literal => $c:ty),*]) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for Box<$d> {
            type Abi = crate::rsbind_rt::RsbindDyn;
            unsafe fn from_abi(abi: &'a crate::rsbind_rt::RsbindDyn) -> Self {
                match abi.kind {
                    $($k => crate::rsbind_rt::lift::<Box<$c>>(&abi.ptr) as Self,)*
                    _ => Box::new($py::new(abi.ptr)),
                }
            }
        }
    };
    (any $d:ty, $holder:ident, $py:ident, [$($k:literal => $c:ty),*]) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for $holder {
            type Abi = crate::rsbind_rt::RsbindDyn;
            unsafe fn from_abi(abi: &'a crate::rsbind_rt::RsbindDyn) -> Self {
                $holder(match abi.kind {
                    $($k => crate::rsbind_rt::lift::<Box<$c>>(&abi.ptr) as Box<$d>,)*
                    _ => Box::new($py::new(abi.ptr)),
                })
            }
        }
    };
    (arc $d:ty, $py:ident, [$($k:literal => $c:ty),*]) => {
        impl<'a> crate::rsbind_rt::FromAbi<'a> for std::sync::Arc<$d> {
            type Abi = crate::rsbind_rt::RsbindDyn;
            unsafe fn from_abi(abi: &'a crate::rsbind_rt::RsbindDyn) -> Self {
                match abi.kind {
                    $($k => std::sync::Arc::new(crate::rsbind_rt::lift::<$c>(&abi.ptr)) as Self,)*
                    _ => std::sync::Arc::new($py::new(abi.ptr)),
                }
            }
        }
    };
}
pub(crate) use dyn_from_abi;

/// A returned trait object (`Box<$d>`, `Arc<$d>`) crosses as an object of
/// the class whose value is the trait's holder `$holder`; an `Arc` stays
/// itself (shared) inside `$shared`, boxed.
macro_rules! dyn_into_abi {
    (boxed $d:ty, $holder:ident) => {
        impl crate::rsbind_rt::IntoAbi for Box<$d> {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> crate::rsbind_rt::RsbindPtr {
                crate::rsbind_rt::IntoAbi::into_abi($holder(self))
            }
        }
    };
    (arc $d:ty, $holder:ident, $shared:ident) => {
        impl crate::rsbind_rt::IntoAbi for std::sync::Arc<$d> {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> crate::rsbind_rt::RsbindPtr {
                crate::rsbind_rt::IntoAbi::into_abi($holder(Box::new($shared(self))))
            }
        }
    };
    // A trait object lent to a Python callable (`&$d`, `&mut $d`): only
    // `callback!`'s closures convert one, and the trampoline ends the object
    // (drops this pointer) before the callable's call returns to Rust.
    (lent $tr:path, $d:ty, $holder:ident, $lent:ident) => {
        impl<'a> crate::rsbind_rt::IntoAbi for &'a $d {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> crate::rsbind_rt::RsbindPtr {
                let short: &'a (dyn $tr + 'a) = self;
                let ptr: *const (dyn $tr + 'a) = short;
                // SAFETY: only the lifetime changes (see above).
                let ptr: *mut (dyn $tr + 'static) = unsafe { std::mem::transmute(ptr) };
                crate::rsbind_rt::IntoAbi::into_abi($holder(Box::new($lent(ptr, false))))
            }
        }
    };
    (lent_mut $tr:path, $d:ty, $holder:ident, $lent:ident) => {
        impl<'a> crate::rsbind_rt::IntoAbi for &'a mut $d {
            type Abi = crate::rsbind_rt::RsbindPtr;
            fn into_abi(self) -> crate::rsbind_rt::RsbindPtr {
                let short: &'a mut (dyn $tr + 'a) = self;
                let ptr: *mut (dyn $tr + 'a) = short;
                // SAFETY: only the lifetime changes (see above).
                let ptr: *mut (dyn $tr + 'static) = unsafe { std::mem::transmute(ptr) };
                crate::rsbind_rt::IntoAbi::into_abi($holder(Box::new($lent(ptr, true))))
            }
        }
    };
}

/// The trait object a lent `&mut dyn Trait` points to, for a `&mut self`
/// method (`method`, `Shape.scale`); a `&dyn Trait` (`mutable` false) stops
/// the call with a panic (C refuses it first: a read-only view).
///
/// # Safety
/// `ptr` must point to a live trait object lent for this call.
pub unsafe fn lent_mut<'a, D: ?Sized>(ptr: *mut D, mutable: bool, method: &str) -> &'a mut D {
    if !mutable {
        panic!("{method} needs `&mut`, but the object is a `&` reference lent to Python");
    }
    &mut *ptr
}
pub(crate) use dyn_into_abi;

/// The trait object of a returned `Arc` for a `&mut self` method
/// (`method`, `Shape.scale`): only while no one else holds it (then it is
/// not shared at all); else the call stops with a panic saying so.
pub fn shared_mut<'a, D: ?Sized>(arc: &'a mut std::sync::Arc<D>, method: &str) -> &'a mut D {
    match std::sync::Arc::get_mut(arc) {
        Some(d) => d,
        None => panic!(
            "{method} needs the object to itself, but Rust still shares it (an `Arc` with other holders)"
        ),
    }
}

/// A callable's `()` result: Python's is ignored.
impl<'a> FromAbi<'a> for () {
    type Abi = RsbindUnit;
    unsafe fn from_abi(_: &'a RsbindUnit) {}
}

// rsbind layout table: begin (generated from compiler/src/backend/runtime_layout.rs).
// Every struct exchanged with the C runtime, whose rsbind.h asserts the same
// numbers: a struct that changes on one side only fails the build.
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(core::mem::size_of::<RsbindStr>() == 16);
    assert!(core::mem::align_of::<RsbindStr>() == 8);
    assert!(core::mem::offset_of!(RsbindStr, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindStr, len) == 8);
    assert!(core::mem::size_of::<RsbindString>() == 24);
    assert!(core::mem::align_of::<RsbindString>() == 8);
    assert!(core::mem::offset_of!(RsbindString, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindString, len) == 8);
    assert!(core::mem::offset_of!(RsbindString, cap) == 16);
    assert!(core::mem::size_of::<RsbindSeqParts>() == 24);
    assert!(core::mem::align_of::<RsbindSeqParts>() == 8);
    assert!(core::mem::offset_of!(RsbindSeqParts, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSeqParts, len) == 8);
    assert!(core::mem::offset_of!(RsbindSeqParts, stride) == 16);
    assert!(core::mem::size_of::<RsbindU128>() == 16);
    assert!(core::mem::align_of::<RsbindU128>() == 8);
    assert!(core::mem::offset_of!(RsbindU128, lo) == 0);
    assert!(core::mem::offset_of!(RsbindU128, hi) == 8);
    assert!(core::mem::size_of::<RsbindI128>() == 16);
    assert!(core::mem::align_of::<RsbindI128>() == 8);
    assert!(core::mem::offset_of!(RsbindI128, lo) == 0);
    assert!(core::mem::offset_of!(RsbindI128, hi) == 8);
    assert!(core::mem::size_of::<RsbindDuration>() == 16);
    assert!(core::mem::align_of::<RsbindDuration>() == 8);
    assert!(core::mem::offset_of!(RsbindDuration, secs) == 0);
    assert!(core::mem::offset_of!(RsbindDuration, nanos) == 8);
    assert!(core::mem::size_of::<RsbindTime>() == 16);
    assert!(core::mem::align_of::<RsbindTime>() == 8);
    assert!(core::mem::offset_of!(RsbindTime, secs) == 0);
    assert!(core::mem::offset_of!(RsbindTime, nanos) == 8);
    assert!(core::mem::size_of::<RsbindError>() == 48);
    assert!(core::mem::align_of::<RsbindError>() == 8);
    assert!(core::mem::offset_of!(RsbindError, kind) == 0);
    assert!(core::mem::offset_of!(RsbindError, class_index) == 4);
    assert!(core::mem::offset_of!(RsbindError, os_errno) == 8);
    assert!(core::mem::offset_of!(RsbindError, message) == 16);
    assert!(core::mem::offset_of!(RsbindError, value) == 40);
    assert!(core::mem::size_of::<RsbindSlice<u8>>() == 16);
    assert!(core::mem::align_of::<RsbindSlice<u8>>() == 8);
    assert!(core::mem::offset_of!(RsbindSlice<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSlice<u8>, len) == 8);
    assert!(core::mem::size_of::<RsbindSliceMut<u8>>() == 16);
    assert!(core::mem::align_of::<RsbindSliceMut<u8>>() == 8);
    assert!(core::mem::offset_of!(RsbindSliceMut<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSliceMut<u8>, len) == 8);
    assert!(core::mem::size_of::<RsbindVec<u8>>() == 24);
    assert!(core::mem::align_of::<RsbindVec<u8>>() == 8);
    assert!(core::mem::offset_of!(RsbindVec<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindVec<u8>, len) == 8);
    assert!(core::mem::offset_of!(RsbindVec<u8>, cap) == 16);
};
#[cfg(target_pointer_width = "32")]
const _: () = {
    assert!(core::mem::size_of::<RsbindStr>() == 8);
    assert!(core::mem::align_of::<RsbindStr>() == 4);
    assert!(core::mem::offset_of!(RsbindStr, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindStr, len) == 4);
    assert!(core::mem::size_of::<RsbindString>() == 12);
    assert!(core::mem::align_of::<RsbindString>() == 4);
    assert!(core::mem::offset_of!(RsbindString, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindString, len) == 4);
    assert!(core::mem::offset_of!(RsbindString, cap) == 8);
    assert!(core::mem::size_of::<RsbindSeqParts>() == 12);
    assert!(core::mem::align_of::<RsbindSeqParts>() == 4);
    assert!(core::mem::offset_of!(RsbindSeqParts, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSeqParts, len) == 4);
    assert!(core::mem::offset_of!(RsbindSeqParts, stride) == 8);
    assert!(core::mem::size_of::<RsbindError>() == 28);
    assert!(core::mem::align_of::<RsbindError>() == 4);
    assert!(core::mem::offset_of!(RsbindError, kind) == 0);
    assert!(core::mem::offset_of!(RsbindError, class_index) == 4);
    assert!(core::mem::offset_of!(RsbindError, os_errno) == 8);
    assert!(core::mem::offset_of!(RsbindError, message) == 12);
    assert!(core::mem::offset_of!(RsbindError, value) == 24);
    assert!(core::mem::size_of::<RsbindSlice<u8>>() == 8);
    assert!(core::mem::align_of::<RsbindSlice<u8>>() == 4);
    assert!(core::mem::offset_of!(RsbindSlice<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSlice<u8>, len) == 4);
    assert!(core::mem::size_of::<RsbindSliceMut<u8>>() == 8);
    assert!(core::mem::align_of::<RsbindSliceMut<u8>>() == 4);
    assert!(core::mem::offset_of!(RsbindSliceMut<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindSliceMut<u8>, len) == 4);
    assert!(core::mem::size_of::<RsbindVec<u8>>() == 12);
    assert!(core::mem::align_of::<RsbindVec<u8>>() == 4);
    assert!(core::mem::offset_of!(RsbindVec<u8>, ptr) == 0);
    assert!(core::mem::offset_of!(RsbindVec<u8>, len) == 4);
    assert!(core::mem::offset_of!(RsbindVec<u8>, cap) == 8);
};
const _: () = {
    assert!(KIND_PANIC == 1);
    assert!(KIND_CRATE == 2);
    assert!(KIND_RUNTIME == 3);
    assert!(KIND_IO == 4);
    assert!(KIND_VALUE == 6);
    assert!(KIND_PYTHON == 7);
};
// rsbind layout table: end
