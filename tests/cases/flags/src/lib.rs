//! A type made by the `bitflags!` macro of the bitflags crate.

bitflags::bitflags! {
    /// File permissions.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct Permissions: u32 {
        const READ = 0b001;
        const WRITE = 0b010;
        const EXECUTE = 0b100;
    }
}

/// Read and write.
pub fn read_write() -> Permissions {
    Permissions::READ | Permissions::WRITE
}

/// Whether `p` allows writing.
pub fn can_write(p: Permissions) -> bool {
    p.contains(Permissions::WRITE)
}
