pub mod c;

/// Lives in the private module `b` and is not re-exported.
#[allow(dead_code)]
pub fn b_only() -> i32 {
    2
}
