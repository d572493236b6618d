//! Traits that become Python: operators, parsing, the crate's own traits and
//! std's, builders and iterators.

pub mod money;
pub mod shapes;
pub mod flags;
pub mod builder;
pub mod iter;

pub use iter::{Countdown, Stack};
pub use money::{Money, ParseMoneyError};
