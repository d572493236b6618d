//! Bit operators, and a type whose `Drop` gives no method.

use std::ops::{BitAnd, BitOr, BitOrAssign, BitXor, Not, Shl, Shr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flags(pub u8);

impl BitAnd for Flags {
    type Output = Flags;
    fn bitand(self, o: Flags) -> Flags {
        Flags(self.0 & o.0)
    }
}
impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, o: Flags) -> Flags {
        Flags(self.0 | o.0)
    }
}
impl BitXor for Flags {
    type Output = Flags;
    fn bitxor(self, o: Flags) -> Flags {
        Flags(self.0 ^ o.0)
    }
}
impl Not for Flags {
    type Output = Flags;
    fn not(self) -> Flags {
        Flags(!self.0)
    }
}
impl Shl<u32> for Flags {
    type Output = Flags;
    fn shl(self, n: u32) -> Flags {
        Flags(self.0.wrapping_shl(n))
    }
}
impl Shr<u32> for Flags {
    type Output = Flags;
    fn shr(self, n: u32) -> Flags {
        Flags(self.0.wrapping_shr(n))
    }
}
impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, o: Flags) {
        self.0 |= o.0;
    }
}

/// Counts its drops: `Drop` is no method.
pub struct Guard {
    pub id: u32,
}

impl Drop for Guard {
    fn drop(&mut self) {}
}
