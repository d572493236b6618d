//! A private module: only what is re-exported is reachable.

/// Not reachable from outside the crate.
pub struct Secret {
    pub value: i32,
}

/// Makes a `Secret`; not reachable either.
pub fn secret() -> Secret {
    Secret { value: 3 }
}

/// Defined in a private module, re-exported at the crate root.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposed {
    pub value: i32,
}

impl Exposed {
    /// Twice the value.
    pub fn doubled(&self) -> i32 {
        self.value * 2
    }
}
