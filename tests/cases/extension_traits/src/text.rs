//! Text helpers, in a submodule.

/// Reversal.
pub trait Reverse {
    /// The characters in reverse order.
    fn reversed(&self) -> String;

    /// The characters in reverse order, in capitals (a provided method).
    fn reversed_upper(&self) -> String {
        self.reversed().to_uppercase()
    }
}

impl Reverse for str {
    fn reversed(&self) -> String {
        self.chars().rev().collect()
    }
}

/// A function of the module: the extension functions join it.
pub fn shout_all(words: Vec<String>) -> Vec<String> {
    use crate::Shout;
    words.iter().map(|w| w.shout()).collect()
}
