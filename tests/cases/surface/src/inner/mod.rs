//! A submodule in its own folder.

/// In `json_rs.inner`.
pub fn inner_fn() -> &'static str {
    "inner"
}
