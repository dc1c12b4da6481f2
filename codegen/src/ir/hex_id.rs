//! Serde adapter: constructor IDs as 8 lowercase hex digits, or null.

use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

/// Writes `Some(0x6c50051c)` as `"6c50051c"` and `None` as `null`.
pub fn serialize<S: Serializer>(id: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
    match id {
        Some(id) => serializer.serialize_str(&format!("{id:08x}")),
        None => serializer.serialize_none(),
    }
}

/// Reads what [`serialize`] writes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) if text.len() == 8 => u32::from_str_radix(&text, 16)
            .map(Some)
            .map_err(|_| D::Error::custom(format!("constructor ID {text:?} is not hex"))),
        Some(text) => Err(D::Error::custom(format!(
            "constructor ID {text:?} is not 8 hex digits"
        ))),
    }
}
