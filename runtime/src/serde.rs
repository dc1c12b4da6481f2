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

/// A TL value's JSON form, the one its plain helper module writes and
/// reads; the `option_`, `vec_` and `option_vec_` helpers apply it to each
/// element ([`element_helpers!`]).
trait Form {
    /// The Rust type of one value.
    type Value;

    /// Writes `value` in this form.
    fn write<S: Serializer>(value: &Self::Value, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads a value in this form.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self::Value, D::Error>;
}

/// One value in the form `F`, for use inside `Option`/`Vec`.
struct InForm<'a, F: Form>(&'a F::Value);

impl<F: Form> ::serde::Serialize for InForm<'_, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::write(self.0, serializer)
    }
}

/// An owned value read in the form `F`.
struct ReadInForm<F: Form>(F::Value);

impl<'de, F: Form> ::serde::Deserialize<'de> for ReadInForm<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        F::read(deserializer).map(ReadInForm)
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
    ($($size:literal, $tl:literal, $plain:ident;)*) => {$(
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
    )*};
}

hex_modules! {
    16, "int128", int128;
    32, "int256", int256;
}

/// For each form (its plain module, the Rust type of a value, its TL name):
/// the [`Form`] the plain module makes, and its `Option`, `Vec` and
/// `Option<Vec>` helpers (`null` for `None`, an array for a vector).
macro_rules! element_helpers {
    ($($plain:ident: $value:ty, $tl:literal, $form:ident => $option:ident, $vec:ident, $option_vec:ident;)*) => {$(
        #[doc = concat!("The [`", stringify!($plain), "`] form.")]
        struct $form;

        impl Form for $form {
            type Value = $value;

            fn write<S: Serializer>(value: &$value, serializer: S) -> Result<S::Ok, S::Error> {
                $plain::serialize(value, serializer)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$value, D::Error> {
                $plain::deserialize(deserializer)
            }
        }

        #[doc = concat!("`flags.N?", $tl, "` (`Option<", stringify!($value), ">`): the [`", stringify!($plain), "`] form, or `null`.")]
        pub mod $option {
            use super::*;

            #[doc = concat!("Writes the [`", stringify!($plain), "`] form, or `null` for `None`.")]
            pub fn serialize<S: Serializer>(
                value: &Option<$value>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match value {
                    Some(value) => serializer.serialize_some(&InForm::<$form>(value)),
                    None => serializer.serialize_none(),
                }
            }

            #[doc = concat!("Reads the [`", stringify!($plain), "`] form, or `null` as `None`.")]
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<$value>, D::Error> {
                let value: Option<ReadInForm<$form>> = ::serde::Deserialize::deserialize(deserializer)?;
                Ok(value.map(|v| v.0))
            }
        }

        #[doc = concat!("`Vector<", $tl, ">` (`Vec<", stringify!($value), ">`): an array of the [`", stringify!($plain), "`] form.")]
        pub mod $vec {
            use super::*;

            #[doc = concat!("Writes an array of the [`", stringify!($plain), "`] form.")]
            pub fn serialize<S: Serializer>(
                items: &[$value],
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&InForm::<$form>(item))?;
                }
                seq.end()
            }

            #[doc = concat!("Reads an array of the [`", stringify!($plain), "`] form.")]
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Vec<$value>, D::Error> {
                let items: Vec<ReadInForm<$form>> = ::serde::Deserialize::deserialize(deserializer)?;
                Ok(items.into_iter().map(|v| v.0).collect())
            }
        }

        #[doc = concat!("`flags.N?Vector<", $tl, ">` (`Option<Vec<", stringify!($value), ">>`): an array of the [`", stringify!($plain), "`] form, or `null`.")]
        pub mod $option_vec {
            use super::*;

            #[doc = concat!("Writes an array of the [`", stringify!($plain), "`] form, or `null` for `None`.")]
            pub fn serialize<S: Serializer>(
                items: &Option<Vec<$value>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match items {
                    Some(items) => $vec::serialize(items, serializer),
                    None => serializer.serialize_none(),
                }
            }

            #[doc = concat!("Reads an array of the [`", stringify!($plain), "`] form, or `null` as `None`.")]
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Vec<$value>>, D::Error> {
                let items: Option<Vec<ReadInForm<$form>>> =
                    ::serde::Deserialize::deserialize(deserializer)?;
                Ok(items.map(|items| items.into_iter().map(|v| v.0).collect()))
            }
        }
    )*};
}

element_helpers! {
    bytes: Vec<u8>, "bytes", BytesForm => option_bytes, vec_bytes, option_vec_bytes;
    string_bytes: Vec<u8>, "string", StringBytesForm
        => option_string_bytes, vec_string_bytes, option_vec_string_bytes;
    int128: [u8; 16], "int128", Int128Form => option_int128, vec_int128, option_vec_int128;
    int256: [u8; 32], "int256", Int256Form => option_int256, vec_int256, option_vec_int256;
}
