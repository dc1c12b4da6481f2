//! Typed decoding errors.

use core::fmt;

/// Why a byte string could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ended early: `needed` more bytes were required at `offset`.
    UnexpectedEof {
        /// Offset of the read that failed.
        offset: usize,
        /// Bytes the read needed.
        needed: usize,
    },
    /// A constructor ID that no constructor of the expected type has.
    UnknownConstructor {
        /// The ID read from the wire.
        id: u32,
        /// The TL type that was expected.
        expected: &'static str,
        /// The TL name of the constructor or method with that ID, when the
        /// decoding layer knows one (generated type enums fill it in from
        /// their layer's `name_for_id`): a constructor of another type, or
        /// an answer to another request.
        found: Option<&'static str>,
    },
    /// A `Bool` that is neither `boolTrue` nor `boolFalse`.
    InvalidBool {
        /// The ID read from the wire.
        id: u32,
    },
    /// A TL `string` that is not valid UTF-8.
    InvalidUtf8 {
        /// Offset of the string's length prefix.
        offset: usize,
    },
    /// A length or element count larger than the remaining input can hold.
    LengthTooLarge {
        /// Offset of the length or count.
        offset: usize,
        /// The declared length or count.
        declared: usize,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// Objects nested deeper than the reader's limit.
    DepthLimitExceeded {
        /// The limit in force.
        limit: u32,
    },
    /// Bytes were left after the value ended.
    TrailingBytes {
        /// How many bytes were left.
        count: usize,
    },
    /// A `gzip_packed` payload that is corrupt or inflates past the limit.
    Gzip {
        /// What went wrong.
        reason: &'static str,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnexpectedEof { offset, needed } => {
                write!(
                    f,
                    "truncated input: {needed} more bytes needed at offset {offset}"
                )
            }
            Self::UnknownConstructor {
                id,
                expected,
                found: Some(found),
            } => write!(f, "expected {expected}, got {found}#{id:08x}"),
            Self::UnknownConstructor {
                id,
                expected,
                found: None,
            } => write!(f, "expected {expected}, got unknown constructor #{id:08x}"),
            Self::InvalidBool { id } => write!(f, "invalid Bool constructor ID {id:08x}"),
            Self::InvalidUtf8 { offset } => write!(f, "string at offset {offset} is not UTF-8"),
            Self::LengthTooLarge {
                offset,
                declared,
                remaining,
            } => write!(
                f,
                "length {declared} at offset {offset} exceeds the {remaining} bytes left"
            ),
            Self::DepthLimitExceeded { limit } => {
                write!(f, "objects nested deeper than the limit of {limit}")
            }
            Self::TrailingBytes { count } => write!(f, "{count} trailing bytes after the value"),
            Self::Gzip { reason } => write!(f, "gzip_packed: {reason}"),
        }
    }
}

impl core::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::DecodeError;
    use alloc::string::ToString;

    #[test]
    fn unknown_constructor_names_what_it_found() {
        let known = DecodeError::UnknownConstructor {
            id: 0xb45c_69d1,
            expected: "Updates",
            found: Some("messages.affectedHistory"),
        };
        assert_eq!(
            known.to_string(),
            "expected Updates, got messages.affectedHistory#b45c69d1"
        );
        let unknown = DecodeError::UnknownConstructor {
            id: 0x0403_0201,
            expected: "Updates",
            found: None,
        };
        assert_eq!(
            unknown.to_string(),
            "expected Updates, got unknown constructor #04030201"
        );
    }
}
