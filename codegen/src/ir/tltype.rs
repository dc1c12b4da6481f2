//! Parsed TL type expressions (`Vector<MessageEntity>`, `flags.3?true` minus the flag, ...).

use std::fmt;

/// A TL type as used by a parameter or a result.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TlType {
    /// `int` (32-bit signed).
    Int,
    /// `long` (64-bit signed).
    Long,
    /// `double`.
    Double,
    /// `int128`, 16 raw bytes.
    Int128,
    /// `int256`, 32 raw bytes.
    Int256,
    /// `string` (UTF-8 text, TL-length-prefixed).
    String,
    /// `bytes` (TL-length-prefixed).
    Bytes,
    /// Boxed `Bool` (`boolTrue`/`boolFalse`).
    Bool,
    /// `true`: a flag with no payload.
    True,
    /// `#`: a flags word.
    Flags,
    /// `!X`: any serialized method, the generic parameter of `invokeWith*`.
    Generic(String),
    /// `Vector<T>` (boxed, with the vector ID) or `vector<t>` (bare, no ID).
    Vector {
        /// Whether the vector carries its `0x1cb5c415` ID.
        boxed: bool,
        /// The element type.
        inner: Box<TlType>,
    },
    /// A boxed type by name (`InputPeer`, `messages.Messages`, the generic `X`).
    Boxed(String),
    /// A bare constructor type by name, as written (`future_salt`,
    /// `%Message`: the `%` is kept so that the text round-trips;
    /// [`resolve_bare`] resolves either form).
    Bare(String),
}

/// The name a bare reference is looked up by: `%Message` names `Message`
/// (the `%` only says that the reference is bare), `future_salt` itself.
pub fn bare_name(written: &str) -> &str {
    written.strip_prefix('%').unwrap_or(written)
}

/// The bare-reference rule, the one place it is written: a bare type
/// (`future_salt`, `%Message`) names the constructor of that name, else the
/// only constructor of the boxed type of that name (a type with several
/// names none).
///
/// The lookups are the caller's, so that the rule serves both the merge's
/// reference check (over the IR being built, before any registry exists)
/// and the model's field resolution: `constructor` finds a
/// constructor by name, `type_constructors` the constructors of a boxed type.
pub fn resolve_bare<'a, C>(
    written: &str,
    constructor: impl FnOnce(&str) -> Option<&'a C>,
    type_constructors: impl FnOnce(&str) -> Option<&'a [C]>,
) -> Option<&'a C> {
    let name = bare_name(written);
    constructor(name).or_else(|| match type_constructors(name) {
        Some([only]) => Some(only),
        _ => None,
    })
}

impl TlType {
    /// Builds the structure of a TL type expression as the schema writes it.
    /// Never fails: every non-primitive name is a boxed or bare type
    /// reference. The schema parser checks the syntax first (and reports
    /// malformed types with file and line); this only gives it structure.
    pub fn parse(text: &str) -> TlType {
        let text = text.trim();
        match text {
            "int" => return TlType::Int,
            "long" => return TlType::Long,
            "double" => return TlType::Double,
            "int128" => return TlType::Int128,
            "int256" => return TlType::Int256,
            "string" => return TlType::String,
            "bytes" => return TlType::Bytes,
            "Bool" => return TlType::Bool,
            "true" => return TlType::True,
            "#" => return TlType::Flags,
            _ => {}
        }
        if let Some(name) = text.strip_prefix('!') {
            return TlType::Generic(name.to_string());
        }
        for (prefix, boxed) in [("Vector<", true), ("vector<", false)] {
            if let Some(rest) = text.strip_prefix(prefix).and_then(|r| r.strip_suffix('>')) {
                return TlType::Vector {
                    boxed,
                    inner: Box::new(TlType::parse(rest)),
                };
            }
        }
        if text.starts_with('%') {
            return TlType::Bare(text.to_string());
        }
        let local = text.rsplit('.').next().unwrap_or(text);
        if local.starts_with(|c: char| c.is_ascii_lowercase()) {
            TlType::Bare(text.to_string())
        } else {
            TlType::Boxed(text.to_string())
        }
    }
}

/// The JSON form is the schema's text (`"Vector<MessageEntity>"`), as the
/// README documents.
#[cfg(feature = "serde")]
impl serde::Serialize for TlType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TlType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(TlType::parse(&text))
    }
}

/// Parses the schema's text ([`TlType::parse`]).
impl From<&str> for TlType {
    fn from(text: &str) -> Self {
        TlType::parse(text)
    }
}

/// Compares with a type written as the schema writes it (`ty == "Vector<long>"`).
impl PartialEq<&str> for TlType {
    fn eq(&self, other: &&str) -> bool {
        *self == TlType::parse(other)
    }
}

impl fmt::Display for TlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TlType::Int => f.write_str("int"),
            TlType::Long => f.write_str("long"),
            TlType::Double => f.write_str("double"),
            TlType::Int128 => f.write_str("int128"),
            TlType::Int256 => f.write_str("int256"),
            TlType::String => f.write_str("string"),
            TlType::Bytes => f.write_str("bytes"),
            TlType::Bool => f.write_str("Bool"),
            TlType::True => f.write_str("true"),
            TlType::Flags => f.write_str("#"),
            TlType::Generic(name) => write!(f, "!{name}"),
            TlType::Vector { boxed: true, inner } => write!(f, "Vector<{inner}>"),
            TlType::Vector {
                boxed: false,
                inner,
            } => write!(f, "vector<{inner}>"),
            TlType::Boxed(name) | TlType::Bare(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_references_name_a_constructor_or_a_type_with_one() {
        let constructors = ["future_salt", "message"];
        let types: [(&str, &[&str]); 2] = [
            ("FutureSalt", &["future_salt"]),
            ("Message", &["message", "messageEmpty"]),
        ];
        let resolve = |written| {
            resolve_bare(
                written,
                |n| constructors.iter().find(|c| **c == n),
                |n| types.iter().find(|(t, _)| *t == n).map(|(_, cs)| *cs),
            )
            .copied()
        };
        assert_eq!(resolve("future_salt"), Some("future_salt"));
        assert_eq!(resolve("%future_salt"), Some("future_salt"));
        assert_eq!(resolve("%FutureSalt"), Some("future_salt"));
        // A type with several constructors names none of them.
        assert_eq!(resolve("%Message"), None);
        assert_eq!(resolve("%message"), Some("message"));
        assert_eq!(resolve("nothing"), None);
        assert_eq!(bare_name("%Message"), "Message");
    }

    #[test]
    fn parses_and_prints_every_form() {
        for text in [
            "int",
            "long",
            "double",
            "int128",
            "int256",
            "string",
            "bytes",
            "Bool",
            "true",
            "#",
            "!X",
            "Vector<MessageEntity>",
            "vector<future_salt>",
            "Vector<Vector<long>>",
            "InputPeer",
            "messages.Messages",
            "future_salt",
            "X",
        ] {
            assert_eq!(TlType::parse(text).to_string(), text, "{text}");
        }
        assert_eq!(TlType::parse("%Message"), TlType::Bare("%Message".into()));
        assert_eq!(
            TlType::parse("vector<%Message>").to_string(),
            "vector<%Message>"
        );
        assert_eq!(
            TlType::parse("future_salt"),
            TlType::Bare("future_salt".into())
        );
        assert_eq!(
            TlType::parse("storage.FileType"),
            TlType::Boxed("storage.FileType".into())
        );
        assert_eq!(
            TlType::parse("Vector<long>"),
            TlType::Vector {
                boxed: true,
                inner: Box::new(TlType::Long)
            }
        );
    }
}
