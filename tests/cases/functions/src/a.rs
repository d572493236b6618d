/// Lives in the private module `a`; re-exported at the root.
pub fn helper() -> &'static str {
    "a::helper"
}

/// Lives in the private module `a` and is not re-exported.
#[allow(dead_code)]
pub fn a_only() -> i32 {
    1
}
