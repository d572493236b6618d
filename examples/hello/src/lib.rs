//! hello is a simple package

/// Hello greets someone.
pub fn hello(name: &str) -> String {
    format!("hello {:?} from Rust", name)
}
