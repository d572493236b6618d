/// Lives in `b::c`; re-exported at the root as `renamed`.
pub fn deep() -> &'static str {
    "b::c::deep"
}
