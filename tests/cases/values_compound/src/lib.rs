//! Compound conversions: paths, durations, times, options and tuples.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

// ---- paths ----

/// The path as a string.
pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}

/// `base` joined with `name`.
pub fn path_join(base: &Path, name: &str) -> PathBuf {
    base.join(name)
}

/// Returns `p` unchanged.
pub fn path_echo(p: PathBuf) -> PathBuf {
    p
}

/// Returns a copy of `p`.
pub fn path_ref(p: &PathBuf) -> PathBuf {
    p.clone()
}

/// The last component of `p`, if any.
pub fn file_name(p: &Path) -> Option<String> {
    p.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The parent of `p`, if any, borrowed from it.
pub fn parent(p: &Path) -> Option<&Path> {
    p.parent()
}

/// A fixed path.
pub fn config_path() -> PathBuf {
    PathBuf::from("/etc/rsbind/config.toml")
}

/// The path and whether it is absolute.
pub fn path_flag(p: &Path) -> (PathBuf, bool) {
    (p.to_path_buf(), p.is_absolute())
}

/// Describes a `(path, flag)` pair.
pub fn describe(t: (PathBuf, bool)) -> String {
    format!("{}:{}", t.0.display(), t.1)
}

/// The path as a string, or `none`.
pub fn opt_path(p: Option<&Path>) -> String {
    match p {
        Some(p) => p.display().to_string(),
        None => String::from("none"),
    }
}

// ---- durations ----

/// The duration in seconds.
pub fn dur_secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Returns `d` unchanged.
pub fn dur_echo(d: Duration) -> Duration {
    d
}

/// Twice `d`.
pub fn dur_double(d: Duration) -> Duration {
    d * 2
}

/// A duration of `ms` milliseconds.
pub fn dur_from_millis(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// The total of both durations.
pub fn dur_add(a: Duration, b: Duration) -> Duration {
    a + b
}

/// A duration of `secs` seconds, when given.
pub fn opt_dur(secs: Option<u64>) -> Option<Duration> {
    secs.map(Duration::from_secs)
}

/// The duration in seconds, or -1.0 for none.
pub fn opt_dur_secs(d: Option<Duration>) -> f64 {
    match d {
        Some(d) => d.as_secs_f64(),
        None => -1.0,
    }
}

// ---- system times ----

/// Returns `t` unchanged.
pub fn time_echo(t: SystemTime) -> SystemTime {
    t
}

/// Seconds since the Unix epoch (negative before 1970).
pub fn unix_secs(t: SystemTime) -> f64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

/// The Unix epoch.
pub fn epoch() -> SystemTime {
    UNIX_EPOCH
}

/// The time `secs` seconds after (or, negative, before) the Unix epoch.
pub fn from_unix(secs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs as u64)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    }
}

/// `t` moved forward by `d`.
pub fn time_add(t: SystemTime, d: Duration) -> SystemTime {
    t + d
}

/// The current time.
pub fn now() -> SystemTime {
    SystemTime::now()
}

// ---- options ----

/// Twice `x`, when given.
pub fn opt_double(x: Option<i32>) -> Option<i32> {
    x.map(|v| v * 2)
}

/// The length of `s` in bytes, or 0.
pub fn opt_len(s: Option<&str>) -> usize {
    s.map_or(0, str::len)
}

/// A name, if asked for.
pub fn maybe_name(give: bool) -> Option<String> {
    if give {
        Some(String::from("Ferris"))
    } else {
        None
    }
}

/// Greets `name`, `times` times (default once), with `greeting` (default `Hello`).
pub fn greet(name: &str, greeting: Option<&str>, times: Option<u32>) -> String {
    let one = format!("{}, {}!", greeting.unwrap_or("Hello"), name);
    vec![one; times.unwrap_or(1) as usize].join(" ")
}

/// An `Option` that is not trailing stays required.
pub fn middle(a: Option<i32>, b: i32) -> i32 {
    a.unwrap_or(100) + b
}

/// `None` for negative `x`, `Some(None)` for zero, else `Some(Some(x))`.
pub fn opt_opt(x: i32) -> Option<Option<i32>> {
    if x < 0 {
        None
    } else if x == 0 {
        Some(None)
    } else {
        Some(Some(x))
    }
}

// ---- tuples ----

/// Swaps the pair.
pub fn swap(p: (i32, String)) -> (String, i32) {
    (p.1, p.0)
}

/// The sum of the triple.
pub fn sum3(t: (u8, i64, f64)) -> f64 {
    t.0 as f64 + t.1 as f64 + t.2
}

/// A fixed pair.
pub fn pair_out() -> (i32, &'static str) {
    (7, "seven")
}

/// A one-element tuple, incremented.
pub fn single(t: (i32,)) -> (i32,) {
    (t.0 + 1,)
}

/// Sums the two tuples element-wise.
pub fn add_points(a: (i64, i64), b: (i64, i64)) -> (i64, i64) {
    (a.0 + b.0, a.1 + b.1)
}

/// A tuple nested in a tuple.
pub fn nest(a: i32, b: i32, c: i32) -> (i32, (i32, i32)) {
    (a, (b, c))
}

/// Flattens a nested tuple.
pub fn flatten(t: (i32, (i32, i32))) -> (i32, i32, i32) {
    (t.0, (t.1).0, (t.1).1)
}

// ---- nested combinations ----

/// Increments the number and appends `!` to the text, when given.
pub fn opt_pair(x: Option<(i32, String)>) -> Option<(i32, String)> {
    x.map(|(n, s)| (n + 1, s + "!"))
}

/// Keeps the text, increments the byte (wrapping) and doubles the float.
pub fn nested(t: (Option<&str>, (u8, f64))) -> (Option<&str>, (u8, f64)) {
    (t.0, ((t.1).0.wrapping_add(1), (t.1).1 * 2.0))
}
