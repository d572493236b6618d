//! Names of the crate's own that shadow std's: `Duration`, `Instant`, `Path`, `Error`
//! and a `Result<T>` alias, used side by side with `std::time::Duration`,
//! `std::path::Path` and `std::result::Result`.

use std::fmt;
use std::time::Duration as StdDuration;

/// The crate's own span of time: whole seconds and milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration {
    /// Whole seconds.
    pub secs: u64,
    /// Milliseconds past `secs`, below 1000.
    pub millis: u32,
}

impl Duration {
    /// A duration of `secs` seconds and `millis` milliseconds; millis of 1000 or more
    /// carry into the seconds.
    pub fn new(secs: u64, millis: u32) -> Duration {
        Duration {
            secs: secs + u64::from(millis / 1000),
            millis: millis % 1000,
        }
    }

    /// The whole duration in milliseconds.
    pub fn total_millis(&self) -> u64 {
        self.secs * 1000 + u64::from(self.millis)
    }

    /// The same span as std's `Duration`.
    pub fn to_std(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.total_millis())
    }

    /// std's `Duration`, cut to whole milliseconds.
    pub fn from_std(d: std::time::Duration) -> Duration {
        Duration::new(d.as_secs(), d.subsec_millis())
    }

    /// This duration plus std's.
    pub fn plus_std(&self, other: StdDuration) -> Duration {
        Duration::from_std(self.to_std() + other)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}s", self.secs, self.millis)
    }
}

/// The crate's own error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text was empty.
    Empty,
    /// The text was not a number of seconds.
    NotANumber(String),
    /// The duration is longer than allowed.
    TooLong { secs: u64, limit: u64 },
    /// A path had an empty name in it.
    BadPath(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "empty duration"),
            Error::NotANumber(text) => write!(f, "not a number of seconds: {text:?}"),
            Error::TooLong { secs, limit } => {
                write!(f, "{secs}s is longer than the limit of {limit}s")
            }
            Error::BadPath(text) => write!(f, "empty name in path {text:?}"),
        }
    }
}

impl std::error::Error for Error {}

/// The crate's `Result`, with its own `Error`.
pub type Result<T> = std::result::Result<T, Error>;

/// The longest duration `parse_secs` accepts, in seconds.
pub const MAX_SECS: u64 = 86_400;

/// The crate's `Duration` as std's.
pub fn to_std(d: &Duration) -> std::time::Duration {
    d.to_std()
}

/// std's `Duration` as the crate's.
pub fn from_std(d: std::time::Duration) -> Duration {
    Duration::from_std(d)
}

/// std's `Duration`, named through a renaming `use`, as the crate's.
pub fn from_std_renamed(d: StdDuration) -> Duration {
    Duration::from_std(d)
}

/// Parses seconds with an optional fraction ("1.5") into the crate's `Duration`.
pub fn parse_secs(s: &str) -> Result<Duration> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Error::Empty);
    }
    let value: f64 = s.parse().map_err(|_| Error::NotANumber(s.to_string()))?;
    if !value.is_finite() || value < 0.0 {
        return Err(Error::NotANumber(s.to_string()));
    }
    let d = StdDuration::from_secs_f64(value);
    if d.as_secs() > MAX_SECS {
        return Err(Error::TooLong {
            secs: d.as_secs(),
            limit: MAX_SECS,
        });
    }
    Ok(Duration::from_std(d))
}

/// Parses seconds into std's `Duration`, with the crate's `Result` and `Error`.
pub fn parse_std_secs(s: &str) -> Result<std::time::Duration> {
    parse_secs(s).map(|d| d.to_std())
}

/// The same check as `parse_secs`, written with std's `Result` in full.
pub fn check_secs(secs: u64) -> std::result::Result<u64, Error> {
    if secs > MAX_SECS {
        Err(Error::TooLong {
            secs,
            limit: MAX_SECS,
        })
    } else {
        Ok(secs)
    }
}

/// The crate's `Result` with nothing in it.
pub fn ensure_short(d: &Duration) -> Result<()> {
    check_secs(d.secs).map(|_| ())
}

/// The longer of a std `Duration` and the crate's, as std's.
pub fn longest(a: std::time::Duration, b: &Duration) -> std::time::Duration {
    a.max(b.to_std())
}

/// The crate's own instant: ticks of a clock that starts at zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    /// Milliseconds since the clock started.
    pub ticks: u64,
}

impl Instant {
    /// The instant `ticks` milliseconds after the start.
    pub fn new(ticks: u64) -> Instant {
        Instant { ticks }
    }

    /// The time from `earlier` to this instant, zero if `earlier` is later.
    pub fn duration_since(&self, earlier: &Instant) -> Duration {
        let millis = self.ticks.saturating_sub(earlier.ticks);
        Duration::new(millis / 1000, (millis % 1000) as u32)
    }

    /// The instant `d` after this one.
    pub fn add(&self, d: &Duration) -> Instant {
        Instant::new(self.ticks + d.total_millis())
    }

    /// The instant std's `d` after this one.
    pub fn add_std(&self, d: std::time::Duration) -> Instant {
        Instant::new(self.ticks + d.as_millis() as u64)
    }
}

/// The crate's own path: a list of names, written with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path {
    parts: Vec<String>,
}

impl Path {
    /// Parses "a/b/c"; an empty part is an error.
    pub fn parse(text: &str) -> Result<Path> {
        if text.is_empty() {
            return Err(Error::Empty);
        }
        let parts: Vec<String> = text.split('/').map(str::to_string).collect();
        if parts.iter().any(String::is_empty) {
            return Err(Error::BadPath(text.to_string()));
        }
        Ok(Path { parts })
    }

    /// How many names the path has.
    pub fn depth(&self) -> usize {
        self.parts.len()
    }

    /// The path with `name` added at the end.
    pub fn join(&self, name: &str) -> Path {
        let mut parts = self.parts.clone();
        parts.push(name.to_string());
        Path { parts }
    }

    /// The path as std's `PathBuf`.
    pub fn to_std(&self) -> std::path::PathBuf {
        self.parts.iter().collect()
    }

    /// std's path as the crate's; `None` if a component is not UTF-8 or is not a name.
    pub fn from_std(path: &std::path::Path) -> Option<Path> {
        let parts: Option<Vec<String>> = path
            .components()
            .map(|c| match c {
                std::path::Component::Normal(name) => name.to_str().map(str::to_string),
                _ => None,
            })
            .collect();
        parts.filter(|p| !p.is_empty()).map(|parts| Path { parts })
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.parts.join("/"))
    }
}

/// How many components std's path has.
pub fn std_depth(path: &std::path::Path) -> usize {
    path.components().count()
}

/// Parses whole seconds into a [`Duration`]; fails with [`Error::Empty`] on
/// empty input, see [`to_std`] for std's type and [Rust](https://www.rust-lang.org).
///
/// # Examples
///
/// ```
/// # use shadowing::documented;
/// let d = documented("5").unwrap();
/// ```
pub fn documented(s: &str) -> Result<Duration> {
    parse_secs(s)
}
