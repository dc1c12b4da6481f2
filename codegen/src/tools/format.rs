//! Hex in, hex out, and JSON printed with keys in wire order.

use serde_json::Value;

use super::{ApiIndex, ToolError};

/// Lowercase hex of `bytes`, no separators.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 15)] as char);
    }
    out
}

/// Parses hex digits (either case), the bytes in order; ASCII whitespace
/// between digits is ignored. A leading `0x` is refused
/// ([`ToolError::HexNumber`]): it marks a number, whose bytes a reader
/// would expect reversed for a little-endian ID, not the bytes as sent.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, ToolError> {
    let text = text.trim();
    let number = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"));
    if let Some(digits) = number {
        let mut digits: String = digits
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            // Neither a number nor bytes: the digit error says where.
            return parse_digits(text);
        }
        if digits.len() > 24 {
            digits = digits.chars().take(24).collect::<String>() + "...";
        }
        return Err(ToolError::HexNumber {
            digits,
            as_id: None,
            as_bytes: None,
        });
    }
    parse_digits(text)
}

/// Hex digits, whitespace between them ignored, into bytes.
fn parse_digits(text: &str) -> Result<Vec<u8>, ToolError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut high: Option<u8> = None;
    for (at, c) in text.char_indices() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let Some(digit) = c.to_digit(16) else {
            return Err(ToolError::InvalidHex(format!(
                "character {c:?} at position {at} is not a hex digit"
            )));
        };
        let digit = digit as u8;
        match high.take() {
            None => high = Some(digit),
            Some(h) => out.push(h << 4 | digit),
        }
    }
    if high.is_some() {
        return Err(ToolError::InvalidHex("odd number of hex digits".into()));
    }
    Ok(out)
}

/// One line of JSON for a value produced by [`super::decode_bytes`]: in
/// every object naming a known entry in `"_"`, `"_"` comes first and the
/// fields follow in wire order (any other keys after them, sorted).
pub fn to_json_string(index: &ApiIndex<'_>, value: &Value) -> String {
    let mut out = String::new();
    write_value(index, value, &mut out);
    out
}

fn write_value(index: &ApiIndex<'_>, value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(index, item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&str> = Vec::with_capacity(map.len());
            if map.contains_key("_") {
                keys.push("_");
            }
            let entry = map
                .get("_")
                .and_then(Value::as_str)
                .and_then(|name| index.named(name));
            if let Some(at) = entry {
                keys.extend(
                    index
                        .entry(at)
                        .fields()
                        .iter()
                        .filter(|f| f.on_wire())
                        .map(|f| f.tl_name())
                        .filter(|name| *name != "_" && map.contains_key(*name)),
                );
            }
            for key in map.keys() {
                if !keys.contains(&key.as_str()) {
                    keys.push(key);
                }
            }
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).to_string()).to_string());
                out.push(':');
                write_value(index, &map[*key], out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The entry whose constructor ID is `id`, as the schema writes it
/// (`help.getConfig#c4f9186b`).
pub(crate) fn entry_with_id(index: &ApiIndex<'_>, id: u32) -> Option<String> {
    index
        .by_id(id)
        .map(|at| format!("{}#{id:08x}", index.json_name(at)))
}

/// TL `bytes` in the JSON form: `{"_": "bytes", "bytes": "<standard base64>"}`.
pub(crate) fn bytes_json(data: &[u8]) -> serde_json::Value {
    use base64::Engine as _;
    serde_json::json!({
        "_": "bytes",
        "bytes": base64::engine::general_purpose::STANDARD.encode(data),
    })
}
