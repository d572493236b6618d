//! Arithmetic and parsing through std's traits.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Rem, Sub, SubAssign};
use std::str::FromStr;

/// An amount of cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    pub cents: i64,
}

impl Money {
    /// How this amount compares with another (`std::cmp::Ordering`: -1, 0 or 1).
    pub fn compare(&self, other: &Money) -> std::cmp::Ordering {
        self.cents.cmp(&other.cents)
    }
    /// The larger of two amounts, or this one when `order` says so.
    pub fn pick(&self, other: &Money, order: std::cmp::Ordering) -> Money {
        if self.cents.cmp(&other.cents) == order {
            *self
        } else {
            *other
        }
    }
    /// The amount in whole units, rounded down.
    pub fn units(&self) -> i64 {
        self.cents.div_euclid(100)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", self.cents.abs() / 100, self.cents.abs() % 100)
    }
}

/// Ordered by amount: written by hand, not derived.
impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Money {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.cents.cmp(&other.cents)
    }
}

impl Add for Money {
    type Output = Money;
    /// The sum of two amounts.
    fn add(self, other: Money) -> Money {
        Money { cents: self.cents + other.cents }
    }
}

/// Adding a number of cents.
impl Add<i64> for Money {
    type Output = Self;
    fn add(self, cents: i64) -> Self::Output {
        Money { cents: self.cents + cents }
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money { cents: self.cents - other.cents }
    }
}

impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, k: i64) -> Money {
        Money { cents: self.cents * k }
    }
}

impl Div<i64> for Money {
    type Output = Money;
    fn div(self, k: i64) -> Money {
        Money { cents: self.cents / k }
    }
}

impl Rem<i64> for Money {
    type Output = i64;
    fn rem(self, k: i64) -> i64 {
        self.cents % k
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money { cents: -self.cents }
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.cents += other.cents;
    }
}

impl SubAssign<i64> for Money {
    fn sub_assign(&mut self, cents: i64) {
        self.cents -= cents;
    }
}

/// A borrowed sum: left to the impl for `Money` itself.
impl<'a> Add<&'a Money> for &'a Money {
    type Output = Money;
    fn add(self, other: &Money) -> Money {
        Money { cents: self.cents + other.cents }
    }
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseMoneyError {
    pub text: String,
}

impl fmt::Display for ParseMoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an amount: {:?}", self.text)
    }
}

impl std::error::Error for ParseMoneyError {}

impl FromStr for Money {
    type Err = ParseMoneyError;
    /// Reads `12.34` or `-0.50`.
    fn from_str(s: &str) -> Result<Money, ParseMoneyError> {
        let bad = || ParseMoneyError { text: s.to_string() };
        let (neg, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (units, cents) = rest.split_once('.').ok_or_else(bad)?;
        if cents.len() != 2 {
            return Err(bad());
        }
        let units: i64 = units.parse().map_err(|_| bad())?;
        let cents: i64 = cents.parse().map_err(|_| bad())?;
        let total = units * 100 + cents;
        Ok(Money { cents: if neg { -total } else { total } })
    }
}

impl From<i64> for Money {
    /// From a number of cents.
    fn from(cents: i64) -> Money {
        Money { cents }
    }
}

impl From<f64> for Money {
    /// From an amount in units, rounded to cents.
    fn from(units: f64) -> Money {
        Money { cents: (units * 100.0).round() as i64 }
    }
}

/// A version with private parts: made only by parsing it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    major: u32,
    minor: u32,
}

impl Version {
    pub fn major(&self) -> u32 {
        self.major
    }
    pub fn minor(&self) -> u32 {
        self.minor
    }
}

impl FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Version, String> {
        let (a, b) = s.split_once('.').ok_or(format!("no dot in {s:?}"))?;
        Ok(Version {
            major: a.parse().map_err(|e| format!("major: {e}"))?,
            minor: b.parse().map_err(|e| format!("minor: {e}"))?,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// A ledger: a list of amounts, indexed by position or by label.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    amounts: Vec<Money>,
    labels: Vec<String>,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }
    pub fn push(&mut self, label: &str, amount: Money) {
        self.labels.push(label.to_string());
        self.amounts.push(amount);
    }
}

impl std::ops::Index<usize> for Ledger {
    type Output = Money;
    fn index(&self, i: usize) -> &Money {
        &self.amounts[i]
    }
}

impl std::ops::Index<&str> for Ledger {
    type Output = Money;
    fn index(&self, label: &str) -> &Money {
        let i = self.labels.iter().position(|l| l == label).expect("no such label");
        &self.amounts[i]
    }
}

/// Prices indexed by position: `Index<usize>` with `Output = f64`.
#[derive(Clone, Debug, Default)]
pub struct Prices {
    pub values: Vec<f64>,
}

impl std::ops::Index<usize> for Prices {
    type Output = f64;
    fn index(&self, i: usize) -> &f64 {
        &self.values[i]
    }
}
