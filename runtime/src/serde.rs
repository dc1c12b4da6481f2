//! `#[serde(with = ...)]` helpers for the JSON form of TL values (feature
//! `serde`).
//!
//! | TL field type | Rust | attribute | JSON |
//! |---|---|---|---|
//! | `bytes` | `Vec<u8>` | `#[serde(with = "tlgen_runtime::serde::bytes")]` | `{"_": "bytes", "bytes": "<standard base64, padded>"}` |
//! | `flags.N?bytes` | `Option<Vec<u8>>` | `#[serde(with = "tlgen_runtime::serde::option_bytes")]` | the above, or `null` |
//! | `Vector<bytes>` | `Vec<Vec<u8>>` | `#[serde(with = "tlgen_runtime::serde::vec_bytes")]` | an array of the above |
//! | `int128` | `[u8; 16]` | `#[serde(with = "tlgen_runtime::serde::int128")]` | 32 lowercase hex digits of the wire bytes, in wire order |
//! | `int256` | `[u8; 32]` | `#[serde(with = "tlgen_runtime::serde::int256")]` | 64 lowercase hex digits of the wire bytes, in wire order |
//! | `flags.N?int128` / `flags.N?int256` | `Option<[u8; N]>` | `option_int128` / `option_int256` | the above, or `null` |
//! | `Vector<int128>` / `Vector<int256>` | `Vec<[u8; N]>` | `vec_int128` / `vec_int256` | an array of the above |
//! | `flags.N?Vector<bytes>` / `…<int128>` / `…<int256>` | `Option<Vec<…>>` | `option_vec_bytes` / `option_vec_int128` / `option_vec_int256` | an array as above, or `null` |
//! | MTProto's `string` (byte data) | `Vec<u8>` | `string_bytes` (and `option_`, `vec_`, `option_vec_`) | a string when the bytes are UTF-8, else the `bytes` form |
//! | `Object` | `tlgen_runtime::Object` | (its own impls) | the `bytes` form of its wire bytes |
//!
//! Everything else uses serde's defaults: `long` (`i64`) is a JSON integer,
//! `int` an integer, `double` a number, `string` a string, `Bool` a boolean.
//! A `double` is only as exact as the JSON parser: serde_json's default float
//! parser reads some 17-digit decimals one bit off; enable its
//! `float_roundtrip` feature to get the nearest `f64` (as `tlgen encode` does).
//! Deserializing hex accepts upper case too and requires the exact length;
//! deserializing `bytes` requires the `"_": "bytes"` tag and standard,
//! padded base64.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use ::serde::de::{self, Deserializer, MapAccess, Visitor};
use ::serde::ser::{SerializeMap, SerializeSeq, Serializer};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// A `bytes` value in its JSON object form, for use inside `Option`/`Vec`.
struct BytesRef<'a>(&'a [u8]);

impl ::serde::Serialize for BytesRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        bytes::serialize(self.0, serializer)
    }
}

/// An owned `bytes` value read from its JSON object form.
struct BytesOwned(Vec<u8>);

impl<'de> ::serde::Deserialize<'de> for BytesOwned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        bytes::deserialize(deserializer).map(BytesOwned)
    }
}

/// A `string` of byte data in its JSON form, for use inside `Option`/`Vec`.
struct StringBytesRef<'a>(&'a [u8]);

impl ::serde::Serialize for StringBytesRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        string_bytes::serialize(self.0, serializer)
    }
}

/// An owned `string` of byte data read from its JSON form.
struct StringBytesOwned(Vec<u8>);

impl<'de> ::serde::Deserialize<'de> for StringBytesOwned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_bytes::deserialize(deserializer).map(StringBytesOwned)
    }
}

/// A `string` of the MTProto service schema (`Vec<u8>`: byte data, such as
/// the auth-key exchange's numbers): a JSON string when the bytes are
/// UTF-8, the [`bytes`] form otherwise; either is read.
pub mod string_bytes {
    use super::*;

    /// Writes a JSON string when `data` is UTF-8, else the [`bytes`] form.
    pub fn serialize<S: Serializer>(data: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        match core::str::from_utf8(data) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => bytes::serialize(data, serializer),
        }
    }

    /// Reads a JSON string (its UTF-8 bytes) or the [`bytes`] form.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_any(StringBytesVisitor)
    }

    struct StringBytesVisitor;

    impl<'de> Visitor<'de> for StringBytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"a string or an object {"_": "bytes", "bytes": "<base64>"}"#)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<u8>, E> {
            Ok(text.as_bytes().to_vec())
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<u8>, A::Error> {
            bytes::BytesVisitor.visit_map(map)
        }
    }
}

/// `flags.N?string` of byte data: the [`string_bytes`] form or `null`.
pub mod option_string_bytes {
    use super::*;

    /// Writes the [`string_bytes`] form, or `null` for `None`.
    pub fn serialize<S: Serializer>(
        data: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match data {
            Some(data) => string_bytes::serialize(data, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the [`string_bytes`] form, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        let value: Option<StringBytesOwned> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(value.map(|b| b.0))
    }
}

/// `Vector<string>` of byte data: an array of the [`string_bytes`] form.
pub mod vec_string_bytes {
    use super::*;

    /// Writes an array of the [`string_bytes`] form.
    pub fn serialize<S: Serializer>(items: &[Vec<u8>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&StringBytesRef(item))?;
        }
        seq.end()
    }

    /// Reads an array of the [`string_bytes`] form.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u8>>, D::Error> {
        let items: Vec<StringBytesOwned> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(items.into_iter().map(|b| b.0).collect())
    }
}

/// `flags.N?Vector<string>` of byte data: an array of the [`string_bytes`]
/// form, or `null`.
pub mod option_vec_string_bytes {
    use super::*;

    /// Writes an array of the [`string_bytes`] form, or `null` for `None`.
    pub fn serialize<S: Serializer>(
        items: &Option<Vec<Vec<u8>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match items {
            Some(items) => vec_string_bytes::serialize(items, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an array of the [`string_bytes`] form, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Vec<u8>>>, D::Error> {
        let items: Option<Vec<StringBytesOwned>> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(items.map(|items| items.into_iter().map(|b| b.0).collect()))
    }
}

/// `Object` (any boxed value) in the [`bytes`] form of its wire bytes: the
/// generated code cannot know which constructor it holds (`tlgen decode`
/// shows the decoded value).
impl ::serde::Serialize for crate::Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        bytes::serialize(self.as_bytes(), serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for crate::Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = bytes::deserialize(deserializer)?;
        crate::Object::from_bytes(data).map_err(de::Error::custom)
    }
}

/// TL `bytes` (`Vec<u8>`) as `{"_": "bytes", "bytes": "<base64>"}`.
pub mod bytes {
    use super::*;

    /// Writes `{"_": "bytes", "bytes": "<standard base64>"}`.
    pub fn serialize<S: Serializer>(data: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("_", "bytes")?;
        map.serialize_entry("bytes", &STANDARD.encode(data))?;
        map.end()
    }

    /// Reads `{"_": "bytes", "bytes": "<standard base64>"}` (keys in any order).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_map(BytesVisitor)
    }

    pub(super) struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"an object {"_": "bytes", "bytes": "<base64>"}"#)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<u8>, A::Error> {
            let mut tagged = false;
            let mut data = None;
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "_" => {
                        let tag = map.next_value::<String>()?;
                        if tag != "bytes" {
                            return Err(de::Error::invalid_value(
                                de::Unexpected::Str(&tag),
                                &r#""bytes""#,
                            ));
                        }
                        tagged = true;
                    }
                    "bytes" => {
                        if data.is_some() {
                            return Err(de::Error::duplicate_field("bytes"));
                        }
                        let text = map.next_value::<String>()?;
                        let decoded = STANDARD.decode(text.as_bytes()).map_err(|_| {
                            de::Error::invalid_value(
                                de::Unexpected::Str(&text),
                                &"standard padded base64",
                            )
                        })?;
                        data = Some(decoded);
                    }
                    other => return Err(de::Error::unknown_field(other, &["_", "bytes"])),
                }
            }
            if !tagged {
                return Err(de::Error::missing_field("_"));
            }
            data.ok_or_else(|| de::Error::missing_field("bytes"))
        }
    }
}

/// `flags.N?bytes` (`Option<Vec<u8>>`): the [`bytes`] form or `null`.
pub mod option_bytes {
    use super::*;

    /// Writes the [`bytes`] form, or `null` for `None`.
    pub fn serialize<S: Serializer>(
        data: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match data {
            Some(data) => bytes::serialize(data, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the [`bytes`] form, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        let value: Option<BytesOwned> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(value.map(|b| b.0))
    }
}

/// `Vector<bytes>` (`Vec<Vec<u8>>`): an array of the [`bytes`] form.
pub mod vec_bytes {
    use super::*;

    /// Writes an array of the [`bytes`] form.
    pub fn serialize<S: Serializer>(items: &[Vec<u8>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&BytesRef(item))?;
        }
        seq.end()
    }

    /// Reads an array of the [`bytes`] form.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u8>>, D::Error> {
        let items: Vec<BytesOwned> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(items.into_iter().map(|b| b.0).collect())
    }
}

/// `flags.N?Vector<bytes>` (`Option<Vec<Vec<u8>>>`): an array of the [`bytes`]
/// form, or `null`.
pub mod option_vec_bytes {
    use super::*;

    /// Writes an array of the [`bytes`] form, or `null` for `None`.
    pub fn serialize<S: Serializer>(
        items: &Option<Vec<Vec<u8>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match items {
            Some(items) => vec_bytes::serialize(items, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an array of the [`bytes`] form, or `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Vec<u8>>>, D::Error> {
        let items: Option<Vec<BytesOwned>> = ::serde::Deserialize::deserialize(deserializer)?;
        Ok(items.map(|items| items.into_iter().map(|b| b.0).collect()))
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn to_hex(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 2);
    for &b in data {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.as_bytes();
    if text.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = hex_digit(pair[0])? << 4 | hex_digit(pair[1])?;
    }
    Some(out)
}

/// A fixed-size integer (`int128`/`int256`) as a hex string.
struct Hex<const N: usize>([u8; N]);

impl<const N: usize> ::serde::Serialize for Hex<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&to_hex(&self.0))
    }
}

impl<'de, const N: usize> ::serde::Deserialize<'de> for Hex<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(HexVisitor::<N>).map(Hex)
    }
}

struct HexVisitor<const N: usize>;

impl<const N: usize> Visitor<'_> for HexVisitor<N> {
    type Value = [u8; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string of {} hex digits", N * 2)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<[u8; N], E> {
        from_hex(text).ok_or_else(|| de::Error::invalid_value(de::Unexpected::Str(text), &self))
    }
}

macro_rules! hex_modules {
    ($($size:literal, $tl:literal, $plain:ident, $option:ident, $vec:ident, $option_vec:ident;)*) => {$(
        #[doc = concat!("TL `", $tl, "` (`[u8; ", stringify!($size), "]`) as lowercase hex of the wire bytes.")]
        pub mod $plain {
            use super::*;

            /// Writes the bytes as lowercase hex, in wire order.
            pub fn serialize<S: Serializer>(
                value: &[u8; $size],
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&to_hex(value))
            }

            /// Reads hex digits (either case, exact length) in wire order.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<[u8; $size], D::Error> {
                deserializer.deserialize_str(HexVisitor::<$size>)
            }
        }

        #[doc = concat!("`flags.N?", $tl, "` (`Option<[u8; ", stringify!($size), "]>`): hex or `null`.")]
        pub mod $option {
            use super::*;

            /// Writes hex, or `null` for `None`.
            pub fn serialize<S: Serializer>(
                value: &Option<[u8; $size]>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match value {
                    Some(value) => serializer.serialize_some(&Hex(*value)),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads hex, or `null` as `None`.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<[u8; $size]>, D::Error> {
                let value: Option<Hex<$size>> = ::serde::Deserialize::deserialize(deserializer)?;
                Ok(value.map(|h| h.0))
            }
        }

        #[doc = concat!("`Vector<", $tl, ">` (`Vec<[u8; ", stringify!($size), "]>`): an array of hex strings.")]
        pub mod $vec {
            use super::*;

            /// Writes an array of hex strings.
            pub fn serialize<S: Serializer>(
                items: &[[u8; $size]],
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Hex(*item))?;
                }
                seq.end()
            }

            /// Reads an array of hex strings.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Vec<[u8; $size]>, D::Error> {
                let items: Vec<Hex<$size>> = ::serde::Deserialize::deserialize(deserializer)?;
                Ok(items.into_iter().map(|h| h.0).collect())
            }
        }

        #[doc = concat!("`flags.N?Vector<", $tl, ">` (`Option<Vec<[u8; ", stringify!($size), "]>>`): an array of hex strings, or `null`.")]
        pub mod $option_vec {
            use super::*;

            /// Writes an array of hex strings, or `null` for `None`.
            pub fn serialize<S: Serializer>(
                items: &Option<Vec<[u8; $size]>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match items {
                    Some(items) => $vec::serialize(items, serializer),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads an array of hex strings, or `null` as `None`.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Vec<[u8; $size]>>, D::Error> {
                let items: Option<Vec<Hex<$size>>> = ::serde::Deserialize::deserialize(deserializer)?;
                Ok(items.map(|items| items.into_iter().map(|h| h.0).collect()))
            }
        }
    )*};
}

hex_modules! {
    16, "int128", int128, option_int128, vec_int128, option_vec_int128;
    32, "int256", int256, option_int256, vec_int256, option_vec_int256;
}
