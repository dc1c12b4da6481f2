//! `UpperCamelCase` and `snake_case` of TL names, by the word rules of the
//! heck crate, which tlgen used before (so no generated name changed; a test
//! checks both against heck on every short name over the characters the
//! rules tell apart). Written out here because a build script on tlgen
//! compiles this in place of one more crate.
//!
//! Words are split at every character that is not alphanumeric (`_`), after
//! a lowercase letter followed by an uppercase one (`send|Message`), and
//! before the last letter of an uppercase run that a lowercase letter
//! follows (`RES|Pq` in `RESPq`). Digits and other uncased characters belong
//! to the word they are in and keep its case run going (`decrypted|Message73`,
//! `srp|B`). TL names are ASCII; other letters are cased with `char`'s
//! Unicode mappings.

/// `resPQ` -> `ResPq`, `decryptedMessage_73` -> `DecryptedMessage73`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for_each_word(name, |word| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    });
    out
}

/// `srp_B` -> `srp_b`, `sendMessage` -> `send_message`.
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for_each_word(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    });
    out
}

/// Calls `word` with each word of `name`, in order; no word is empty.
fn for_each_word(name: &str, mut word: impl FnMut(&str)) {
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let mut start = 0;
        // Whether the last cased letter since `start` was uppercase; `None`
        // before the first one.
        let mut upper_run: Option<bool> = None;
        let mut chars = part.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let Some(&(next_at, next)) = chars.peek() else {
                word(&part[start..]);
                break;
            };
            let case = if c.is_lowercase() {
                Some(false)
            } else if c.is_uppercase() {
                Some(true)
            } else {
                upper_run
            };
            if case == Some(false) && next.is_uppercase() {
                // `send|Message`: the word ends after `c`.
                word(&part[start..next_at]);
                start = next_at;
                upper_run = None;
            } else if upper_run == Some(true) && c.is_uppercase() && next.is_lowercase() {
                // `RES|Pq`: `c` starts the next word.
                word(&part[start..at]);
                start = at;
                upper_run = None;
            } else {
                upper_run = case;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::{ToSnakeCase, ToUpperCamelCase};

    #[test]
    fn tl_names_convert_as_documented() {
        let cases = [
            ("resPQ", "ResPq", "res_pq"),
            (
                "decryptedMessage_73",
                "DecryptedMessage73",
                "decrypted_message_73",
            ),
            ("srp_B", "SrpB", "srp_b"),
            ("sendMessage", "SendMessage", "send_message"),
            ("inputPeerUser", "InputPeerUser", "input_peer_user"),
            ("RESPq", "ResPq", "res_pq"),
            ("p2p_allowed", "P2pAllowed", "p2p_allowed"),
            ("g_a_hash", "GAHash", "g_a_hash"),
            ("a", "A", "a"),
            ("", "", ""),
            ("__", "", ""),
            ("X", "X", "x"),
            ("ABC", "Abc", "abc"),
            ("ABCdef", "AbCdef", "ab_cdef"),
            ("sha256Hash", "Sha256Hash", "sha256_hash"),
            ("web_page_2", "WebPage2", "web_page_2"),
        ];
        for (name, camel, snake_case) in cases {
            assert_eq!(upper_camel(name), camel, "upper_camel({name:?})");
            assert_eq!(snake(name), snake_case, "snake({name:?})");
        }
    }

    /// heck, which tlgen used before, as the oracle: every ASCII name of up
    /// to five characters over an alphabet with each class the rules tell
    /// apart (lower, upper, digit, separators).
    #[test]
    fn conversions_match_heck_on_every_short_ascii_name() {
        let alphabet = ['a', 'b', 'A', 'B', '7', '_', '.'];
        let mut names = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in alphabet {
                    let mut name = prefix.clone();
                    name.push(c);
                    next.push(name);
                }
            }
            names.extend(next.iter().cloned());
            frontier = next;
        }
        assert_eq!(names.len(), 1 + 7 + 49 + 343 + 2401 + 16807);
        for name in &names {
            assert_eq!(upper_camel(name), name.to_upper_camel_case(), "{name:?}");
            assert_eq!(snake(name), name.to_snake_case(), "{name:?}");
        }
    }
}
