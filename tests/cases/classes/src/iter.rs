//! `Iterator` for `Countdown`, away from the type.

use crate::Countdown;

impl Iterator for Countdown {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.remaining == 0 {
            None
        } else {
            let current = self.remaining;
            self.remaining -= 1;
            Some(current)
        }
    }
}
