//! The parts of an item's doc comment that do not come from the docs' prose:
//! the link to Telegram's page for it, the search aliases, the TL definition
//! wrapped to the page width, and a useful sentence where the docs have none.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Space, TlType};

/// What Telegram's own documentation calls an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlKind {
    /// `core.telegram.org/method/<name>`.
    Method,
    /// `core.telegram.org/constructor/<name>`.
    Constructor,
    /// `core.telegram.org/type/<name>`.
    Type,
}

/// The item's page on core.telegram.org; the URL follows from the TL name
/// (the wire name: secret-chat constructors without their layer suffix).
/// The MTProto service schema's items, which no docs tree covers, link to
/// the protocol's pages instead.
pub fn telegram_link(kind: TlKind, space: Space, tl_name: &str) -> String {
    if space == Space::Mtproto {
        return "part of MTProto's service schema: see [service \
                messages](https://core.telegram.org/mtproto/service_messages) and [creating an \
                authorization key](https://core.telegram.org/mtproto/auth_key)"
            .to_owned();
    }
    let section = match kind {
        TlKind::Method => "method",
        TlKind::Constructor => "constructor",
        TlKind::Type => "type",
    };
    format!("[Telegram's page](https://core.telegram.org/{section}/{tl_name})")
}

/// `#[doc(alias = ..)]` for the names a user knows the item by: its TL name
/// as the docs write it (`messages.sendMessage`, `decryptedMessage_73`) and
/// the local part (`sendMessage`). rustdoc's search is case-insensitive, so
/// the aliases matter only where the Rust name `ident` drops characters
/// (`_`, `.`): one that differs from it only in case is left out (rustdoc
/// rejects an alias equal to the name).
pub fn aliases(ident: &str, names: &[&str]) -> TokenStream {
    let mut seen: Vec<&str> = Vec::new();
    for &name in names {
        for alias in [name, name.rsplit('.').next().unwrap_or(name)] {
            if !alias.is_empty() && !seen.contains(&alias) && !alias.eq_ignore_ascii_case(ident) {
                seen.push(alias);
            }
        }
    }
    quote!(#(#[doc(alias = #seen)])*)
}

/// The TL definition as a `text` block, one parameter per line once the
/// whole does not fit in [`DEFINITION_WIDTH`] columns.
pub fn definition_block(definition: &str) -> String {
    format!("```text\n{}\n```", wrap_definition(definition))
}

/// Lines of a definition block are kept within this many columns.
pub const DEFINITION_WIDTH: usize = 80;

fn wrap_definition(definition: &str) -> String {
    if definition.len() <= DEFINITION_WIDTH {
        return definition.to_owned();
    }
    // `name#id {X:Type} a:int b:string = Result`: the head on the first
    // line, each parameter indented under it, the result last.
    let (lhs, result) = definition.rsplit_once(" = ").unwrap_or((definition, ""));
    let mut parts = lhs.split(' ');
    let mut out = String::from(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str("\n    ");
        out.push_str(part);
    }
    if !result.is_empty() {
        out.push_str("\n  = ");
        out.push_str(result);
    }
    out
}

/// The sentence for a type whose page says nothing: the constructors it is
/// one of.
pub fn type_fallback(tl_name: &str, constructors: &[&str]) -> String {
    const SHOWN: usize = 12;
    let listed: Vec<String> = constructors
        .iter()
        .take(SHOWN)
        .map(|c| format!("`{c}`"))
        .collect();
    let more = constructors.len().saturating_sub(SHOWN);
    let list = if more > 0 {
        format!("{}, and {more} more", listed.join(", "))
    } else {
        listed.join(", ")
    };
    match constructors.len() {
        0 => format!("The TL type `{tl_name}`, which has no constructors in this layer."),
        1 => format!("The TL type `{tl_name}`, built by its one constructor {list}."),
        n => format!("The TL type `{tl_name}`: one of {n} constructors ({list})."),
    }
}

/// What a field the docs leave out is for (`hidden`: on the wire, not in
/// the docs' parameter table; MadelineProto's client fills these in), by
/// its TL name and type, on a struct of `owner` (a method's or a
/// constructor's); `None` for one this table does not know. The API's
/// hidden fields are few, and each kind gets a sentence saying what it is
/// for rather than its TL type alone.
pub fn hidden_field(name: &str, ty: &TlType, owner: TlKind) -> Option<String> {
    let text = match (name, ty, owner) {
        ("random_id", TlType::Vector { .. }, _) => {
            "One random number per message, chosen by the client and different for every \
             message: the server recognizes a resent copy by it and sends each message once."
        }
        ("random_id", _, TlKind::Method) => {
            "Chosen at random by the client, different for every request: the server \
             recognizes a resent copy of the request by it and carries it out once."
        }
        ("random_id", _, _) => {
            "A random number chosen by the client that sent the message or request, \
             different for every one: it tells a resent copy from a new one and matches an \
             answer to its request."
        }
        ("key", TlType::Bytes, _) => {
            "The AES-256 key the media file is encrypted with: secret-chat media is uploaded \
             encrypted, and the recipient decrypts it with this key and `iv`."
        }
        ("iv", TlType::Bytes, _) => {
            "The AES-256 initialization vector the media file is encrypted with, used with \
             `key`."
        }
        ("random_bytes", TlType::Bytes, _) => {
            "Random bytes (at least 15), so that the encrypted form of a short message cannot \
             be recognized."
        }
        ("bytes", TlType::Bytes, TlKind::Constructor) => {
            "The encrypted message: a serialized `DecryptedMessage`, encrypted with the secret \
             chat's key."
        }
        ("flags", TlType::Int, _) => "Reserved: no field depends on it in this layer; send 0.",
        _ => return None,
    };
    Some(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_follow_the_tl_name() {
        assert_eq!(
            telegram_link(TlKind::Method, Space::Api, "messages.sendMessage"),
            "[Telegram's page](https://core.telegram.org/method/messages.sendMessage)"
        );
        assert_eq!(
            telegram_link(TlKind::Type, Space::Api, "InputPeer"),
            "[Telegram's page](https://core.telegram.org/type/InputPeer)"
        );
    }

    #[test]
    fn aliases_are_the_full_and_local_names_once() {
        let text = aliases("SendMessage", &["messages.sendMessage"]).to_string();
        assert_eq!(text, "# [doc (alias = \"messages.sendMessage\")]");
        let text = aliases(
            "DecryptedMessage73",
            &["decryptedMessage_73", "decryptedMessage"],
        );
        assert_eq!(
            text.to_string(),
            "# [doc (alias = \"decryptedMessage_73\")] # [doc (alias = \"decryptedMessage\")]"
        );
        assert!(aliases("InputPeer", &["InputPeer"]).is_empty());
    }

    #[test]
    fn long_definitions_wrap_one_param_per_line() {
        assert_eq!(wrap_definition("a#1 x:int = A"), "a#1 x:int = A");
        let long = "messages.sendMessage#545cd15a flags:# no_webpage:flags.1?true \
                    silent:flags.5?true peer:InputPeer message:string = Updates";
        assert_eq!(
            wrap_definition(long),
            "messages.sendMessage#545cd15a\n    flags:#\n    no_webpage:flags.1?true\n    \
             silent:flags.5?true\n    peer:InputPeer\n    message:string\n  = Updates"
        );
        assert!(wrap_definition(long)
            .lines()
            .all(|l| l.len() <= DEFINITION_WIDTH));
    }

    #[test]
    fn hidden_fields_say_what_they_are_for() {
        let long = TlType::Long;
        let method = hidden_field("random_id", &long, TlKind::Method).unwrap();
        assert!(method.contains("resent copy of the request"), "{method}");
        let vector = TlType::Vector {
            boxed: true,
            inner: Box::new(TlType::Long),
        };
        let per_message = hidden_field("random_id", &vector, TlKind::Method).unwrap();
        assert!(per_message.starts_with("One random number per message"));
        let ctor = hidden_field("random_id", &long, TlKind::Constructor).unwrap();
        assert!(ctor.contains("matches an answer to its request"), "{ctor}");
        assert!(hidden_field("key", &TlType::Bytes, TlKind::Constructor).is_some());
        assert!(hidden_field("flags", &TlType::Int, TlKind::Method).is_some());
        // Names it does not know, or known names of another type.
        assert_eq!(hidden_field("hash", &long, TlKind::Method), None);
        assert_eq!(hidden_field("key", &TlType::String, TlKind::Method), None);
        assert_eq!(hidden_field("bytes", &TlType::Bytes, TlKind::Method), None);
    }

    #[test]
    fn type_fallback_lists_constructors() {
        assert_eq!(
            type_fallback("InputPeer", &["inputPeerEmpty", "inputPeerSelf"]),
            "The TL type `InputPeer`: one of 2 constructors (`inputPeerEmpty`, `inputPeerSelf`)."
        );
        assert_eq!(
            type_fallback("Config", &["config"]),
            "The TL type `Config`, built by its one constructor `config`."
        );
        let many: Vec<String> = (0..14).map(|i| format!("c{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(type_fallback("T", &many).ends_with("`c11`, and 2 more)."));
    }
}
