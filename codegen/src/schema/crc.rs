//! The constructor-ID rule (docs/FORMATS-NOTES.md, "Schema files") and the declared-vs-computed check.
//!
//! The ID of a definition is the CRC-32 (IEEE, as zlib computes it) of its
//! line, normalized as follows:
//!
//! 1. drop the `;` and the `#hexid` after the name;
//! 2. delete every ` name:flagsF.N?true` param (`flags`, `flags2`, ...);
//! 3. rewrite a whole `bytes` param type to `string` (`:bytes ` and `?bytes `;
//!    `Vector<bytes>` stays);
//! 4. replace `<` with a space, delete `>`, `{` and `}`;
//! 5. collapse runs of spaces and trim.
//!
//! The rule works token by token (a token is a run of non-whitespace), which
//! is equivalent to the textual rule on well-formed lines and never needs a
//! regex.

use crate::ir::{Diagnostic, DiagnosticKind, Severity};

use super::parse::split_once_byte;
use super::Schema;

/// A declared ID that is known not to match the rule, with the reason.
struct KnownException {
    /// The TL name.
    name: &'static str,
    /// The ID written in the file.
    declared_id: u32,
    /// The `===N===` section it sits in (TL_secret.tl), if any.
    layer: Option<u32>,
    /// Why it differs (shown in the note).
    reason: &'static str,
}

/// Declared IDs that the CRC rule does not reproduce. They are
/// reported as notes, every other mismatch as a warning. Matched by name,
/// declared ID and layer section, so a renamed file keeps its exceptions.
const KNOWN_EXCEPTIONS: &[KnownException] = &[
    // TL_mtproto_v1.tl: the ID was computed from `msg_container messages:vector message`,
    // i.e. with `%Message` written as the bare constructor `message`.
    KnownException {
        name: "msg_container",
        declared_id: 0x73f1_f8dc,
        layer: None,
        reason:
            "TL_mtproto_v1.tl: the ID matches if `vector<%Message>` is written `vector message`",
    },
    // TL_secret.tl, section ===143===: no known normalization reproduces this ID.
    KnownException {
        name: "decryptedMessageMediaDocument",
        declared_id: 0x6abd_9782,
        layer: Some(143),
        reason: "TL_secret.tl layer 143: no normalization reproduces the declared ID",
    },
];

/// Computes the constructor ID of one definition, written as in a schema file
/// (`name[#id] params = Result`, with or without the trailing `;` and any
/// trailing `// comment`).
pub fn compute_id(definition: &str) -> u32 {
    crate::crc32::hash(&normalized_bytes(definition))
}

/// The normalized text the ID is the CRC-32 of (for diagnostics and tests).
pub fn normalized_definition(definition: &str) -> String {
    // Only ASCII bytes are removed or inserted, so the text stays UTF-8.
    String::from_utf8_lossy(&normalized_bytes(definition)).into_owned()
}

/// The bytes [`compute_id`] hashes: the definition up to its `;`,
/// normalized by [`normalize_into`].
fn normalized_bytes(definition: &str) -> Vec<u8> {
    let mut buf = Vec::with_capacity(definition.len());
    let entry = match definition.find(';') {
        Some(end) => &definition[..end],
        None => definition,
    };
    normalize_into(entry.split_ascii_whitespace(), &mut buf);
    buf
}

/// Writes the normalized form of the entry tokens (first token = `name[#id]`,
/// no `;`) into `out`, replacing its content.
pub(crate) fn normalize_into<'a>(mut tokens: impl Iterator<Item = &'a str>, out: &mut Vec<u8>) {
    out.clear();
    let mut writer = Collapser {
        out,
        pending_space: false,
    };
    if let Some(head) = tokens.next() {
        // 1. drop the `#hexid` after the name.
        let name = split_once_byte(head, b'#').map_or(head, |(name, _)| name);
        writer.token(name);
    }
    for token in tokens {
        writer.param(token);
    }
}

/// Writes the normalized form of tokens that follow the head of an entry
/// (params, `=`, the result) into `out`, replacing its content.
///
/// Each token is normalized on its own and the non-empty results are joined
/// by one space, so the normalized entry is the normalized pieces of any
/// split of it at spaces (the head through [`normalize_into`]), joined by one
/// space where both sides are non-empty: an ID can be recomputed with one
/// piece changed without rewriting the rest.
pub(crate) fn normalize_tail_into<'a>(tokens: impl Iterator<Item = &'a str>, out: &mut Vec<u8>) {
    out.clear();
    let mut writer = Collapser {
        out,
        pending_space: false,
    };
    for token in tokens {
        writer.param(token);
    }
}

/// Whether `token` is `\w+:flags\d*\.\d+\?true` as a whole.
fn is_flags_true_param(token: &str) -> bool {
    let Some(rest) = token.strip_suffix("?true") else {
        return false;
    };
    let Some((name, cond)) = split_once_byte(rest, b':') else {
        return false;
    };
    let Some(cond) = cond.strip_prefix("flags") else {
        return false;
    };
    let Some((digits, bit)) = split_once_byte(cond, b'.') else {
        return false;
    };
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !bit.is_empty()
        && bit.bytes().all(|b| b.is_ascii_digit())
}

/// Writes tokens separated by single spaces, applying step 4 and collapsing
/// the spaces it creates (step 5).
struct Collapser<'o> {
    out: &'o mut Vec<u8>,
    pending_space: bool,
}

impl Collapser<'_> {
    /// Writes a token after the head, applying steps 2 and 3.
    fn param(&mut self, token: &str) {
        // 2. ` name:flagsF.N?true` params vanish with their leading space.
        if is_flags_true_param(token) {
            return;
        }
        // 3. a whole `bytes` type is hashed as `string`.
        if let Some(prefix) = token.strip_suffix("bytes") {
            if prefix.ends_with(':') || prefix.ends_with('?') {
                self.token(prefix);
                self.raw(b"string");
                return;
            }
        }
        self.token(token);
    }

    /// Starts a new token: a separator is due before its first byte.
    fn token(&mut self, token: &str) {
        let bytes = token.as_bytes();
        if bytes
            .iter()
            .any(|&b| matches!(b, b'<' | b'>' | b'{' | b'}'))
        {
            self.pending_space = true;
            self.raw(bytes);
        } else if !bytes.is_empty() {
            // Fast path: most tokens need no rewrite.
            if !self.out.is_empty() {
                self.out.push(b' ');
            }
            self.pending_space = false;
            self.out.extend_from_slice(bytes);
        }
    }

    /// Appends bytes to the current token with the `<`/`>`/`{`/`}` rewrite.
    fn raw(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'<' => self.pending_space = true,
                b'>' | b'{' | b'}' => {}
                _ => {
                    if self.pending_space && !self.out.is_empty() {
                        self.out.push(b' ');
                    }
                    self.pending_space = false;
                    self.out.push(b);
                }
            }
        }
    }
}

/// Reports every definition whose declared ID differs from the computed one:
/// a [`Severity::Note`] for the known exceptions listed in this module, a
/// [`Severity::Warning`] otherwise. ID-less definitions are never reported.
pub fn check_ids(schema: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for def in &schema.definitions {
        let Some(declared) = def.declared_id else {
            continue;
        };
        if declared == def.computed_id {
            continue;
        }
        let known = KNOWN_EXCEPTIONS
            .iter()
            .find(|e| e.name == def.name && e.declared_id == declared && e.layer == def.layer);
        let (severity, why) = match known {
            Some(e) => (Severity::Note, format!(" (known exception: {})", e.reason)),
            None => (Severity::Warning, String::new()),
        };
        let layer = def
            .layer
            .map(|l| format!(" in layer {l}"))
            .unwrap_or_default();
        out.push(Diagnostic {
            severity,
            kind: DiagnosticKind::IdMismatch,
            file: schema.path.clone(),
            line: Some(def.line),
            message: format!(
                "`{}`{layer}: declared ID #{declared:08x} differs from the computed CRC-32 #{:08x}{why}",
                def.name, def.computed_id
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_ids() {
        assert_eq!(
            compute_id("vector {t:Type} # [ t ] = Vector t;"),
            0x1cb5_c415
        );
        assert_eq!(compute_id("true = True;"), 0x3fed_d339);
        assert_eq!(compute_id("boolFalse = Bool"), 0xbc79_9737);
        assert_eq!(
            compute_id("boolTrue#997275b5 = Bool; // comment"),
            0x9972_75b5
        );
    }

    #[test]
    fn normalization_steps() {
        assert_eq!(
            normalized_definition(
                "a#1 {X:Type} flags:# flags2:# b:flags.0?true c:flags2.31?true d:flags.1?bytes \
                 e:bytes f:Vector<bytes> g:vector<%M> h:!X i:flags.2?Vector<Vector<int>> = Vector<X>;"
            ),
            "a X:Type flags:# flags2:# d:flags.1?string e:string f:Vector bytes g:vector %M h:!X \
             i:flags.2?Vector Vector int = Vector X"
        );
        // `?true` on a field not named `flags\d*` is not dropped by the rule.
        assert_eq!(
            normalized_definition("a m:# b:m.0?true = A"),
            "a m:# b:m.0?true = A"
        );
        // A param named `bytes` keeps its name.
        assert_eq!(
            normalized_definition("a bytes:bytes = A"),
            "a bytes:string = A"
        );
        assert_eq!(normalized_definition("   "), "");
    }

    #[test]
    fn flags_true_matcher() {
        assert!(is_flags_true_param("self:flags.10?true"));
        assert!(is_flags_true_param("x:flags2.0?true"));
        assert!(!is_flags_true_param("x:flags.0?True"));
        assert!(!is_flags_true_param("x:flags.?true"));
        assert!(!is_flags_true_param(":flags.1?true"));
        assert!(!is_flags_true_param("x:mask.1?true"));
    }
}
