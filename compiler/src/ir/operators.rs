//! Python's operator protocols that a method becomes by its Python name: a
//! method named `__add__` is `+`, whatever Rust trait (or inherent method) it
//! calls. Several methods may share an operator's name: one per right-hand
//! type (`impl Add<Money>` and `impl Add<i64>`), tried in the file's order.

/// A binary operator: `a OP b`, and with `InPlace` `a OP= b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    Mod,
    And,
    Or,
    Xor,
    LShift,
    RShift,
}

/// The operator protocol a method implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Operator {
    /// `a + b`: a new value; `NotImplemented` for a right operand no method takes.
    Binary(BinaryOp),
    /// `a += b`: changes `a` in place (`&mut self`, returning nothing).
    InPlace(BinaryOp),
    /// `-a`
    Negative,
    /// `~a`
    Invert,
    /// `a[key]`
    GetItem,
}

/// Each binary operator: its Python stem (`__add__`, `__iadd__`), the Rust
/// trait and method (`Add::add`), and the assigning trait's method (`AddAssign::add_assign`).
pub const BINARY_OPS: &[(BinaryOp, &str, &str, &str)] = &[
    (BinaryOp::Add, "add", "Add", "add"),
    (BinaryOp::Sub, "sub", "Sub", "sub"),
    (BinaryOp::Mul, "mul", "Mul", "mul"),
    (BinaryOp::TrueDiv, "truediv", "Div", "div"),
    (BinaryOp::Mod, "mod", "Rem", "rem"),
    (BinaryOp::And, "and", "BitAnd", "bitand"),
    (BinaryOp::Or, "or", "BitOr", "bitor"),
    (BinaryOp::Xor, "xor", "BitXor", "bitxor"),
    (BinaryOp::LShift, "lshift", "Shl", "shl"),
    (BinaryOp::RShift, "rshift", "Shr", "shr"),
];

impl BinaryOp {
    fn stem(self) -> &'static str {
        BINARY_OPS
            .iter()
            .find(|(op, ..)| *op == self)
            .map(|(_, stem, ..)| *stem)
            .unwrap_or_default()
    }
}

/// What an operator's method must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorShape {
    /// `self` or `&self`, one parameter, a result.
    Binary,
    /// `&mut self`, one parameter, no result.
    InPlace,
    /// `self` or `&self`, no parameter, a result.
    Unary,
}

impl Operator {
    /// The operator a method of this Python name implements.
    pub fn from_python_name(name: &str) -> Option<Operator> {
        let stem = name.strip_prefix("__")?.strip_suffix("__")?;
        match stem {
            "neg" => return Some(Operator::Negative),
            "invert" => return Some(Operator::Invert),
            "getitem" => return Some(Operator::GetItem),
            _ => {}
        }
        BINARY_OPS.iter().find_map(|(op, s, ..)| {
            if stem == *s {
                Some(Operator::Binary(*op))
            } else if stem.strip_prefix('i') == Some(s) {
                Some(Operator::InPlace(*op))
            } else {
                None
            }
        })
    }

    /// Its Python method name: `__add__`, `__iadd__`, `__neg__`, ...
    pub fn python_name(self) -> String {
        match self {
            Operator::Binary(op) => format!("__{}__", op.stem()),
            Operator::InPlace(op) => format!("__i{}__", op.stem()),
            Operator::Negative => "__neg__".to_string(),
            Operator::Invert => "__invert__".to_string(),
            Operator::GetItem => "__getitem__".to_string(),
        }
    }

    /// It takes an operand, so several methods (one per operand type) may share it.
    pub fn takes_operand(self) -> bool {
        self.shape() != OperatorShape::Unary
    }

    pub fn shape(self) -> OperatorShape {
        match self {
            Operator::Binary(_) | Operator::GetItem => OperatorShape::Binary,
            Operator::InPlace(_) => OperatorShape::InPlace,
            Operator::Negative | Operator::Invert => OperatorShape::Unary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_names_round_trip() {
        for (op, ..) in BINARY_OPS {
            for o in [Operator::Binary(*op), Operator::InPlace(*op)] {
                assert_eq!(Operator::from_python_name(&o.python_name()), Some(o));
            }
        }
        for o in [Operator::Negative, Operator::Invert, Operator::GetItem] {
            assert_eq!(Operator::from_python_name(&o.python_name()), Some(o));
        }
        assert_eq!(Operator::from_python_name("__init__"), None);
        assert_eq!(Operator::from_python_name("add"), None);
    }
}
