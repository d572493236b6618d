/// Lives in a module loaded with `#[path]`.
pub fn from_pathed() -> &'static str {
    "pathed"
}
