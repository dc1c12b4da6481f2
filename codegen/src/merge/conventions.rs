//! MadelineProto-specific prose, left out of the IR's descriptions.
//!
//! MadelineProto generates its docs for its PHP client, and some of the text
//! is true only there: type pages that show PHP shorthands
//! (`$InputPeer = '@username';`) or helper calls
//! (`$MadelineProto->extractUpdates($Updates)`), and method pages saying "You
//! cannot use this method directly, use the phoneLogin method instead" (a
//! MadelineProto wrapper; the TL method itself is callable). Copied into Rust
//! docs these would mislead, so each is dropped and reported as a note.
//!
//! The unit is a Markdown block (a paragraph, a list, a fenced code block):
//! * a fenced block in PHP (` ```php `, or any block whose code assigns or
//!   calls through a `$variable`) is dropped;
//! * a paragraph or list that names MadelineProto (its name or its docs site)
//!   or links to a page of that site outside the API pages (`[updates event
//!   handler](/docs/UPDATES.html)`: the client warnings that open
//!   `messages.getHistory`, `messages.getMessages` and
//!   `channels.getMessages`) is dropped;
//! * a paragraph ending in `:` or a heading that introduces a dropped block,
//!   and a list that a dropped paragraph introduces, go with it.
//!
//! Text that merely contains a `$` (`**$cashtag**`, `«$text»` in a
//! description of Telegram's own behaviour) is kept.
//!
//! # Telethon's error descriptions
//!
//! Telethon's `errors.csv` ([`crate::telethon`]) describes errors for its
//! Python client, and a few descriptions give advice that holds only there:
//! its request classes (`Use InviteToChannelRequest instead`), Python
//! values (`try using None`), the library's own bugs or packages (`pip
//! install pillow`). [`clean_telethon`] drops each sentence or
//! parenthesis that says any of it ([`TELETHON_MARKERS`]); the rest of the
//! description stays, and an emptied one is filled by the next error source
//! that describes the error. Each error that lost text is reported as a
//! note on its line of `errors.csv`.

use crate::ir::{Api, Diagnostic, DiagnosticKind, Severity};

/// Strips MadelineProto-specific text from every description in `api`; one
/// note per item whose description or parameter descriptions lost any.
pub fn strip(api: &mut Api) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let mut note = |what: &str, name: &str, source: &Option<String>, parts: Vec<String>| {
        if !parts.is_empty() {
            notes.push(Diagnostic {
                severity: Severity::Note,
                kind: DiagnosticKind::ClientSpecificText,
                file: source.clone().unwrap_or_else(|| name.to_owned()),
                line: None,
                message: format!(
                    "{what} `{name}`: left out MadelineProto-specific text (PHP usage) from {}",
                    parts.join(", ")
                ),
            });
        }
    };
    for m in &mut api.methods {
        let parts = strip_item(&mut m.description, &mut m.params);
        note("method", &m.name, &m.source, parts);
    }
    for c in &mut api.constructors {
        let parts = strip_item(&mut c.description, &mut c.params);
        note("constructor", &c.name, &c.source, parts);
    }
    for t in &mut api.types {
        let parts = strip_item(&mut t.description, &mut []);
        note("type", &t.name, &t.source, parts);
    }
    notes
}

/// Cleans one item's description and its params'; names what changed.
fn strip_item(description: &mut String, params: &mut [crate::ir::Param]) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(clean) = clean(description) {
        *description = clean;
        parts.push("the description".to_owned());
    }
    for p in params {
        if let Some(clean) = clean(&p.description) {
            p.description = clean;
            parts.push(format!("`{}`", p.name));
        }
    }
    parts
}

/// The text without its MadelineProto-specific blocks, or `None` when there
/// are none.
pub fn clean(text: &str) -> Option<String> {
    if !text.contains("MadelineProto")
        && !text.contains("madelineproto")
        && !text.contains('$')
        && !text.contains(CANNOT_USE_DIRECTLY)
        && !links_to_client_site(text)
    {
        return None;
    }
    let blocks = blocks(text);
    let mut drop: Vec<bool> = blocks.iter().map(|b| is_client_specific(b)).collect();
    if !drop.contains(&true) {
        return None;
    }
    // Intros (and headings) go with what they introduce, and lists with
    // their intro. Backwards, so that a heading over an intro goes too.
    for i in (0..blocks.len()).rev() {
        let text = blocks[i].text.trim();
        let intro =
            blocks[i].kind == BlockKind::Paragraph && (text.ends_with(':') || is_heading(text));
        if intro && drop.get(i + 1) == Some(&true) {
            drop[i] = true;
        }
        if intro && drop[i] && blocks.get(i + 1).is_some_and(|b| b.kind == BlockKind::List) {
            drop[i + 1] = true;
        }
    }
    let kept: Vec<&str> = blocks
        .iter()
        .zip(&drop)
        .filter(|(_, &d)| !d)
        .map(|(b, _)| b.text.trim_end())
        .collect();
    Some(kept.join("\n\n"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    List,
    Code { php: bool },
}

#[derive(Debug)]
struct Block<'a> {
    kind: BlockKind,
    text: &'a str,
}

/// How MadelineProto marks a method its client wraps; some pages say no more.
const CANNOT_USE_DIRECTLY: &str = "You cannot use this method directly";

fn is_client_specific(block: &Block<'_>) -> bool {
    match block.kind {
        BlockKind::Code { php } => php || php_statements(block.text),
        BlockKind::Paragraph | BlockKind::List => {
            block.text.contains("MadelineProto")
                || block.text.contains("docs.madelineproto.xyz")
                || block.text.trim_start().starts_with(CANNOT_USE_DIRECTLY)
                || links_to_client_site(block.text)
        }
    }
}

/// Whether a block is one ATX heading line (`# Warning: flood wait`; not a
/// `#hashtag`).
fn is_heading(text: &str) -> bool {
    let level = text.len() - text.trim_start_matches('#').len();
    (1..=6).contains(&level) && text[level..].starts_with(' ') && !text.contains('\n')
}

/// Whether `text` has a Markdown link to a page of MadelineProto's site
/// other than an API page: a site-relative destination (`](/docs/...)`)
/// outside `/API_docs/`. The API pages are the only site-relative links
/// that describe Telegram's API; the others document the PHP client.
fn links_to_client_site(text: &str) -> bool {
    text.match_indices("](/").any(|(at, _)| {
        let dest = &text[at + 2..];
        !dest.starts_with("/API_docs/")
    })
}

/// Whether code lines read as PHP: `$name = ...` or `$name->call(...)`.
fn php_statements(code: &str) -> bool {
    code.lines().any(|line| {
        let line = line.trim_start();
        line.strip_prefix('$').is_some_and(|rest| {
            let name_end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let after = rest[name_end..].trim_start();
            name_end > 0 && (after.starts_with('=') || after.starts_with("->"))
        })
    })
}

/// Splits Markdown into blocks: fenced code blocks whole, everything else at
/// blank lines. Each block's text is a slice of `text`.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut fence: Option<(usize, bool)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if let Some((fence_start, php)) = fence {
            if trimmed.starts_with("```") {
                out.push(Block {
                    kind: BlockKind::Code { php },
                    text: &text[fence_start..offset],
                });
                fence = None;
            }
            continue;
        }
        if let Some(info) = trimmed.strip_prefix("```") {
            if let Some(s) = start.take() {
                out.push(paragraph(&text[s..line_start]));
            }
            fence = Some((line_start, info.trim().eq_ignore_ascii_case("php")));
            continue;
        }
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(paragraph(&text[s..line_start]));
            }
        } else if start.is_none() {
            start = Some(line_start);
        }
    }
    if let Some((fence_start, php)) = fence {
        // An unclosed fence runs to the end, as CommonMark reads it.
        out.push(Block {
            kind: BlockKind::Code { php },
            text: &text[fence_start..],
        });
    } else if let Some(s) = start {
        out.push(paragraph(&text[s..]));
    }
    out
}

fn paragraph(text: &str) -> Block<'_> {
    let list = text.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        let l = l.trim_start();
        l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ ")
    });
    Block {
        kind: if list {
            BlockKind::List
        } else {
            BlockKind::Paragraph
        },
        text,
    }
}

/// What marks a sentence of Telethon's error descriptions as advice for
/// its Python client: a request class (`InviteToChannelRequest`, matched
/// as any CamelCase word ending in `Request`, see `names_request_class`),
/// or one of these.
pub const TELETHON_MARKERS: &[&str] = &["using None", "Telethon", "the library", "pip install"];

/// A Telethon error description without its client-specific sentences and
/// parentheses (see the module docs), or `None` when it has none. The
/// result may be empty.
pub fn clean_telethon(text: &str) -> Option<String> {
    if !telethon_specific(text) {
        return None;
    }
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let line = without_parentheses(line);
            let kept: Vec<&str> = sentences(&line)
                .into_iter()
                .filter(|s| !telethon_specific(s))
                .collect();
            kept.join(" ").trim().to_owned()
        })
        .filter(|line| !line.is_empty())
        .collect();
    Some(lines.join("\n"))
}

/// Whether `text` says something true only of Telethon's client.
fn telethon_specific(text: &str) -> bool {
    names_request_class(text)
        || TELETHON_MARKERS.iter().any(|marker| {
            text.match_indices(marker).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + marker.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
}

/// Whether `text` names a Telethon request class: a word of ASCII letters
/// and digits, starting with a capital, ending in `Request` after at least
/// one more capital (`InvokeWithLayerRequest`; not `Request` alone).
fn names_request_class(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            word.strip_suffix("Request").is_some_and(|head| {
                head.starts_with(|c: char| c.is_ascii_uppercase())
                    && head.chars().any(|c| c.is_ascii_lowercase())
            })
        })
}

/// `line` without the parenthesized parts that are Telethon-specific (one
/// level: Telethon's descriptions do not nest them), and the space before
/// each.
fn without_parentheses(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let group = &rest[open..open + len + 1];
        out.push_str(&rest[..open]);
        if telethon_specific(group) {
            out.truncate(out.trim_end().len());
        } else {
            out.push_str(group);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The sentences of one line: split after each `. `.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in line.match_indices(". ") {
        out.push(line[start..=at].trim());
        start = at + 2;
    }
    out.push(line[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::{clean, clean_telethon};

    #[test]
    fn php_shorthands_and_their_intros_go() {
        let text = "You can directly provide the [Update](Update.html) object here, \
MadelineProto will automatically extract the destination chat id.\n\n\
The following syntaxes can also be used:\n\n```php\n$InputPeer = '@username'; // Username\n```\n\n\
You can also provide one of the following objects, instead, MadelineProto will handle \
conversion automatically:  \n\n- [Chat](Chat.html)\n- [User](User.html)\n\n\
The peer to talk to.";
        assert_eq!(clean(text).as_deref(), Some("The peer to talk to."));
    }

    #[test]
    fn helper_calls_in_unlabelled_fences_go() {
        let text = "You can use the following methods to extract information from this \
constructor:\n\n```\n$message = $MadelineProto->extractMessage($Updates);\n```";
        assert_eq!(clean(text).as_deref(), Some(""));
    }

    #[test]
    fn a_bare_cannot_use_directly_goes() {
        assert_eq!(
            clean("You cannot use this method directly").as_deref(),
            Some("")
        );
    }

    #[test]
    fn cannot_use_directly_goes() {
        let text = "You cannot use this method directly, use the phoneLogin method instead \
(see https://docs.madelineproto.xyz for more info)";
        assert_eq!(clean(text).as_deref(), Some(""));
    }

    #[test]
    fn telegram_prose_with_dollars_stays() {
        assert_eq!(clean("Message entity representing a **$cashtag**."), None);
        let text = "Clients should display `Data from the «$text» button`.\n\n```\nlet x = 1;\n```";
        assert_eq!(clean(text), None);
        assert_eq!(clean("Sends a message."), None);
    }

    #[test]
    fn client_warnings_linking_the_site_go_with_their_headings() {
        // As `messages.getHistory` opens in layer 223.
        let text = "# Warning: flood wait\n**Warning: this method is prone to rate limiting \
with flood waits, please use the [updates event handler, instead \
&raquo;](/docs/UPDATES.html#async-event-driven)**\n\n# Warning: this is probably NOT what \
you need\n\nYou probably need to use the [updates event handler, instead \
&raquo;](/docs/UPDATES.html#async-event-driven) :)\n\nReturns the conversation history \
with one interlocutor / within a chat";
        assert_eq!(
            clean(text).as_deref(),
            Some("Returns the conversation history with one interlocutor / within a chat")
        );
        // API pages are linked site-relative too: those stay.
        let text = "See [Message](/API_docs/types/Message.html).";
        assert_eq!(clean(text), None);
        // A heading over kept text stays.
        assert_eq!(clean("# Usage\n\nSends a message."), None);
    }

    #[test]
    fn telethon_advice_goes_sentence_by_sentence() {
        let cases = [
            (
                "Invalid object ID for a chat. Make sure to pass the right types\nAn example \
                 working with a megagroup and AddChatUserRequest, it will fail because megagroups \
                 are channels. Use InviteToChannelRequest instead",
                "Invalid object ID for a chat. Make sure to pass the right types",
            ),
            (
                "The very first request must always be InvokeWithLayerRequest",
                "",
            ),
            (
                "The input request was too long. This may be a bug in the library as it can \
                 occur when serializing more bytes than it should (like appending the vector)",
                "The input request was too long.",
            ),
            (
                "That date cannot be specified in this request (try using None)",
                "That date cannot be specified in this request",
            ),
            (
                "The photo dimensions are invalid (hint: `pip install pillow` for `send_file` \
                 to resize images)",
                "The photo dimensions are invalid",
            ),
        ];
        for (text, cleaned) in cases {
            assert_eq!(clean_telethon(text).as_deref(), Some(cleaned), "{text}");
        }
        for kept in [
            "A wait of {seconds} seconds is required",
            "The request cannot be used in broadcast channels",
            "None of the peers (not found) can be used",
            "Invalid `RequestId` given",
            "The chat is invalid for this request",
        ] {
            assert_eq!(clean_telethon(kept), None, "{kept}");
        }
    }
}
