//! The Type cell grammar (docs/FORMATS-NOTES.md, "Type cells"): `[Array of ]"["LABEL"]("TARGET")"`.
//!
//! The cell is parsed from the raw source text, not from pulldown-cmark link
//! events: targets may contain spaces (`/API_docs/types/Vector t.html`) or
//! `\|`, which CommonMark does not accept as a link destination.

use super::text::unescape;
use super::TypeCell;

/// Parses a Type cell (or the text after `### Return type:` / `### Type:`).
///
/// Leading/trailing whitespace is ignored. On failure returns a message of the
/// form `expected ..., found ...` for the caller to wrap in a parse error.
pub fn parse_type_cell(raw: &str) -> Result<TypeCell, String> {
    let cell = raw.trim();
    let (array, link) = match cell.strip_prefix("Array of ") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, cell),
    };
    let fail = || format!("expected a type link `[Array of ][Type](target)`, found `{cell}`");
    let inner = link.strip_prefix('[').ok_or_else(fail)?;
    let label_end = find_label_end(inner).ok_or_else(fail)?;
    let label_raw = &inner[..label_end];
    let target = inner[label_end + 2..].strip_suffix(')').ok_or_else(fail)?;
    if label_raw.trim().is_empty() || target.trim().is_empty() {
        return Err(fail());
    }
    let label = unescape(label_raw.trim()).into_owned();
    let mapped = map_label(&label, array);
    Ok(TypeCell {
        label,
        array,
        target: target.to_owned(),
        mapped,
    })
}

/// The byte index of the `]` that closes the label and is followed by `(`,
/// skipping backslash escapes.
fn find_label_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => return None,
            b']' => return (bytes.get(i + 1) == Some(&b'(')).then_some(i),
            _ => i += 1,
        }
    }
    None
}

/// The TL type a label maps to: `Vector_of_T` -> `Vector<T>`, an alias
/// (`Username, chat ID, Update, Message or InputPeer`) -> its last word,
/// anything else unchanged; wrapped in `Vector<..>` for `Array of`.
pub fn map_label(label: &str, array: bool) -> String {
    let base = if let Some(elem) = label.strip_prefix("Vector_of_") {
        format!("Vector<{elem}>")
    } else if let Some((_, last)) = label.rsplit_once(" or ") {
        last.trim().to_owned()
    } else {
        label.to_owned()
    };
    if array {
        format!("Vector<{base}>")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(raw: &str) -> TypeCell {
        parse_type_cell(raw).unwrap()
    }

    #[test]
    fn plain_old_and_new_links() {
        let c = cell("[string](../types/string.md) ");
        assert_eq!(
            c,
            TypeCell {
                label: "string".into(),
                array: false,
                target: "../types/string.md".into(),
                mapped: "string".into()
            }
        );
        let c = cell(" [messages.Messages](/API_docs/types/messages.Messages.html)");
        assert_eq!(c.mapped, "messages.Messages");
        assert_eq!(c.target, "/API_docs/types/messages.Messages.html");
    }

    #[test]
    fn aliases_map_to_last_word() {
        let c = cell(
            "[Username, chat ID, Update, Message or InputPeer](/API_docs/types/InputPeer.html)",
        );
        assert_eq!(c.label, "Username, chat ID, Update, Message or InputPeer");
        assert_eq!(c.mapped, "InputPeer");
        assert!(!c.array);
        let c = cell(
            "Array of [MessageMedia, Message, Update or InputDocument](../types/InputDocument.md)",
        );
        assert!(c.array);
        assert_eq!(c.mapped, "Vector<InputDocument>");
    }

    #[test]
    fn vectors_and_pseudo_types() {
        let c = cell(r"[Vector\_of\_int](../types/int.md)");
        assert_eq!(
            (c.label.as_str(), c.mapped.as_str()),
            ("Vector_of_int", "Vector<int>")
        );
        let c = cell(r"Array of [long\|string](/API_docs/types/long\|string.html)");
        assert_eq!(c.label, "long|string");
        assert_eq!(c.target, r"/API_docs/types/long\|string.html");
        assert_eq!(c.mapped, "Vector<long|string>");
        let c = cell(r"Array of [future\_salt](../constructors/future_salt.md)");
        assert_eq!(c.mapped, "Vector<future_salt>");
        let c = cell("[Vector t](/API_docs/types/Vector t.html)");
        assert_eq!(
            (c.label.as_str(), c.target.as_str()),
            ("Vector t", "/API_docs/types/Vector t.html")
        );
        assert_eq!(cell("[!X](../types/!X.md)").mapped, "!X");
        assert_eq!(
            cell("[strlong](/API_docs/constructors/strlong.html)").mapped,
            "strlong"
        );
    }

    #[test]
    fn rejects_non_links() {
        for bad in [
            "string",
            "[string]",
            "[string](",
            "Array of string",
            "[](x)",
            "[a](b) tail",
            "[a]()",
        ] {
            let err = parse_type_cell(bad).unwrap_err();
            assert!(err.starts_with("expected a type link"), "{bad}: {err}");
        }
    }
}
