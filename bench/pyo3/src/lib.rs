//! `benchlib` bound with PyO3 the way its guide shows: `#[pyfunction]`s, a
//! `#[pyclass]` wrapping the foreign struct, `create_exception!` for the error.
//! `sum` takes a `Vec<f64>` (what PyO3 users write); `sum_buffer` takes a
//! `PyBuffer<f64>` and borrows it; `make_vec` returns a `Vec<f64>` (a list) and
//! `make_vec_buffer` a class that exports its Rust memory with `__getbuffer__`.

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::{PyBufferError, PyException, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::ffi::{c_int, c_void};

pyo3::create_exception!(bench_pyo3, DivError, PyException, "Why a division failed.");

/// Does nothing: the cost of a call alone.
#[pyfunction]
fn noop() {
    benchlib::noop()
}

/// Adds two integers (wrapping).
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    benchlib::add(a, b)
}

/// Calls `f` on `0..n` through `Bound<PyAny>::call1` and sums the results;
/// the first Python error stops the calls and is raised.
#[pyfunction]
fn call_back(n: u32, f: &Bound<'_, PyAny>) -> PyResult<i64> {
    let mut failed = None;
    let total = benchlib::call_back(n, |x| {
        if failed.is_some() {
            return 0;
        }
        match f.call1((x,)).and_then(|r| r.extract::<i64>()) {
            Ok(v) => v,
            Err(e) => {
                failed = Some(e);
                0
            }
        }
    });
    failed.map_or(Ok(total), Err)
}

/// Greets by name.
#[pyfunction]
fn greet(name: &str) -> String {
    benchlib::greet(name)
}

/// The sum of the numbers (any sequence of floats, copied into a Vec).
#[pyfunction]
fn sum(xs: Vec<f64>) -> f64 {
    benchlib::sum(&xs)
}

/// The sum of the numbers of a buffer of doubles, borrowed without a copy.
#[pyfunction]
fn sum_buffer(xs: PyBuffer<f64>) -> PyResult<f64> {
    let slice = xs
        .as_slice_ptr()
        .ok_or_else(|| PyBufferError::new_err("the buffer is not C-contiguous"))?;
    // SAFETY: the buffer stays exported while `xs` lives, and we hold the GIL.
    Ok(benchlib::sum(unsafe { slice.as_ref() }))
}

/// `0.0, 1.0, ..., (n - 1) as f64`, as a list.
#[pyfunction]
fn make_vec(n: usize) -> Vec<f64> {
    benchlib::make_vec(n)
}

/// `0.0, 1.0, ..., (n - 1) as f64`, kept in Rust memory and exported as a buffer.
#[pyfunction]
fn make_vec_buffer(n: usize) -> VecF64 {
    let data = benchlib::make_vec(n);
    let shape = data.len() as ffi::Py_ssize_t;
    VecF64 { data, shape }
}

/// A Rust `Vec<f64>` that `memoryview()` and numpy see without a copy.
#[pyclass(frozen)]
struct VecF64 {
    data: Vec<f64>,
    shape: ffi::Py_ssize_t,
}

static ITEMSIZE: ffi::Py_ssize_t = std::mem::size_of::<f64>() as ffi::Py_ssize_t;

#[pymethods]
impl VecF64 {
    fn __len__(&self) -> usize {
        self.data.len()
    }

    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        if (flags & ffi::PyBUF_WRITABLE) == ffi::PyBUF_WRITABLE {
            return Err(PyBufferError::new_err("VecF64 is read-only"));
        }
        let this = slf.get();
        unsafe {
            (*view).buf = this.data.as_ptr() as *mut c_void;
            (*view).len = this.shape * ITEMSIZE;
            (*view).readonly = 1;
            (*view).itemsize = ITEMSIZE;
            (*view).format = if (flags & ffi::PyBUF_FORMAT) == ffi::PyBUF_FORMAT {
                c"d".as_ptr() as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).ndim = 1;
            (*view).shape = if (flags & ffi::PyBUF_ND) == ffi::PyBUF_ND {
                &this.shape as *const _ as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).strides = if (flags & ffi::PyBUF_STRIDES) == ffi::PyBUF_STRIDES {
                &ITEMSIZE as *const _ as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).suboffsets = std::ptr::null_mut();
            (*view).internal = std::ptr::null_mut();
            (*view).obj = slf.into_any().into_ptr();
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(&self, _view: *mut ffi::Py_buffer) {}
}

/// A counter with a public field.
#[pyclass(name = "Counter")]
struct Counter(benchlib::Counter);

#[pymethods]
impl Counter {
    #[new]
    fn new(start: i64) -> Self {
        Counter(benchlib::Counter::new(start))
    }

    /// Adds `by` and returns the new count.
    fn incr(&mut self, by: i64) -> i64 {
        self.0.incr(by)
    }

    /// The current count.
    #[getter]
    fn count(&self) -> i64 {
        self.0.count
    }

    #[setter]
    fn set_count(&mut self, value: i64) {
        self.0.count = value;
    }
}

/// An amount of cents: `+` and `parse`.
#[pyclass(name = "Money", module = "bench_pyo3")]
struct Money(benchlib::Money);

#[pymethods]
impl Money {
    /// The sum of two amounts.
    fn __add__(&self, other: &Self) -> Self {
        Money(self.0 + other.0)
    }

    /// An amount of cents, for unpickling.
    #[new]
    fn new(cents: i64) -> Self {
        Money(benchlib::Money { cents })
    }

    /// Pickles as `Money(cents)`, as PyO3 users write it.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (i64,)) {
        (slf.get_type(), (slf.borrow().0.cents,))
    }

    /// Reads `12.34` or `-0.50`.
    #[classmethod]
    fn parse(_cls: &Bound<'_, PyType>, s: &str) -> PyResult<Self> {
        s.parse()
            .map(Money)
            .map_err(|e: benchlib::ParseMoneyError| PyValueError::new_err(e.to_string()))
    }
}

/// A word to look for. PyO3 cannot hand out a `Found<'h>` that borrows the
/// Python `str`, so its results copy what they need (idiomatic PyO3).
#[pyclass(name = "Word")]
struct Word(benchlib::Word);

/// A match, copied out of the borrowed `Found<'_>`.
#[pyclass(name = "Found")]
struct Found {
    start: usize,
    text: String,
}

#[pymethods]
impl Found {
    fn start(&self) -> usize {
        self.start
    }

    fn as_str(&self) -> &str {
        &self.text
    }
}

/// The matches in a copy of the text.
#[pyclass(name = "FoundIter")]
struct FoundIter {
    word: benchlib::Word,
    haystack: String,
    pos: usize,
}

#[pymethods]
impl FoundIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self) -> Option<Found> {
        let rest = self.haystack.get(self.pos..)?;
        let m = self.word.find(rest)?;
        let start = self.pos + m.start();
        let text = m.as_str().to_string();
        self.pos = start + text.len();
        Some(Found { start, text })
    }
}

#[pymethods]
impl Word {
    #[new]
    fn new(word: &str) -> Self {
        Word(benchlib::Word::new(word))
    }

    fn find(&self, haystack: &str) -> Option<Found> {
        self.0.find(haystack).map(|m| Found {
            start: m.start(),
            text: m.as_str().to_string(),
        })
    }

    fn find_iter(&self, haystack: &str) -> FoundIter {
        FoundIter {
            word: self.0.clone(),
            haystack: haystack.to_string(),
            pos: 0,
        }
    }
}

/// `a / b`, or the reason it has no value.
#[pyfunction]
fn checked_div(a: i64, b: i64) -> PyResult<i64> {
    benchlib::checked_div(a, b).map_err(|e| DivError::new_err(e.to_string()))
}

/// benchlib bound with PyO3.
#[pymodule]
fn bench_pyo3(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(noop, m)?)?;
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(call_back, m)?)?;
    m.add_function(wrap_pyfunction!(greet, m)?)?;
    m.add_function(wrap_pyfunction!(sum, m)?)?;
    m.add_function(wrap_pyfunction!(sum_buffer, m)?)?;
    m.add_function(wrap_pyfunction!(make_vec, m)?)?;
    m.add_function(wrap_pyfunction!(make_vec_buffer, m)?)?;
    m.add_function(wrap_pyfunction!(checked_div, m)?)?;
    m.add_class::<Counter>()?;
    m.add_class::<VecF64>()?;
    m.add_class::<Money>()?;
    m.add_class::<Word>()?;
    m.add_class::<Found>()?;
    m.add_class::<FoundIter>()?;
    m.add("DivError", m.py().get_type::<DivError>())?;
    Ok(())
}
