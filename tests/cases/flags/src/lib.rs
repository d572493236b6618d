//! Types made by `bitflags!`: the struct, its constants and all its methods come
//! from the macro (bitflags 2), and the crate's functions and a struct use them.

use std::fmt;

bitflags::bitflags! {
    /// What may be done with a file.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Permissions: u32 {
        /// May be read.
        const READ = 0b001;
        /// May be written.
        const WRITE = 0b010;
        /// May be run.
        const EXECUTE = 0b100;
        /// May be read and written.
        const READ_WRITE = Self::READ.bits() | Self::WRITE.bits();
    }
}

bitflags::bitflags! {
    /// Text styles, in a byte.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Style: u8 {
        const BOLD = 1 << 0;
        const ITALIC = 1 << 1;
        const UNDERLINE = 1 << 2;
    }
}

impl fmt::Display for Permissions {
    /// The flags' names joined by ` | `, as bitflags writes them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        bitflags::parser::to_writer(self, f)
    }
}

/// Read and write: what a new file gets.
pub fn default_permissions() -> Permissions {
    Permissions::READ_WRITE
}

/// Whether `p` allows writing.
pub fn can_write(p: Permissions) -> bool {
    p.contains(Permissions::WRITE)
}

/// `p` as `ls -l` writes it: `rwx`, with `-` for what is missing.
pub fn mode_string(p: Permissions) -> String {
    [
        (Permissions::READ, 'r'),
        (Permissions::WRITE, 'w'),
        (Permissions::EXECUTE, 'x'),
    ]
    .iter()
    .map(|(flag, c)| if p.contains(*flag) { *c } else { '-' })
    .collect()
}

/// Parses what `mode_string` writes; `None` for anything else.
pub fn parse_mode(text: &str) -> Option<Permissions> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 3 {
        return None;
    }
    let mut p = Permissions::empty();
    for (c, (letter, flag)) in chars.iter().zip([
        ('r', Permissions::READ),
        ('w', Permissions::WRITE),
        ('x', Permissions::EXECUTE),
    ]) {
        match *c {
            c if c == letter => p.insert(flag),
            '-' => {}
            _ => return None,
        }
    }
    Some(p)
}

/// The styles of a markdown-like marker: `*` italic, `**` bold, `_` underline.
pub fn style_of(marker: &str) -> Style {
    match marker {
        "*" => Style::ITALIC,
        "**" => Style::BOLD,
        "***" => Style::BOLD | Style::ITALIC,
        "_" => Style::UNDERLINE,
        _ => Style::empty(),
    }
}

/// A file with permissions.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub name: String,
    pub permissions: Permissions,
}

impl File {
    /// A file with the default permissions.
    pub fn new(name: &str) -> File {
        File {
            name: name.to_string(),
            permissions: default_permissions(),
        }
    }

    /// Adds `extra` to the file's permissions.
    pub fn grant(&mut self, extra: Permissions) {
        self.permissions.insert(extra);
    }

    /// Takes `taken` away from the file's permissions.
    pub fn revoke(&mut self, taken: Permissions) {
        self.permissions.remove(taken);
    }

    /// Whether the file may be run.
    pub fn is_executable(&self) -> bool {
        self.permissions.contains(Permissions::EXECUTE)
    }
}
