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
//!   is dropped;
//! * a paragraph ending in `:` that introduces a dropped block, and a list
//!   that a dropped paragraph introduces, go with it.
//!
//! Text that merely contains a `$` (`**$cashtag**`, `«$text»` in a
//! description of Telegram's own behaviour) is kept.

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
    {
        return None;
    }
    let blocks = blocks(text);
    let mut drop: Vec<bool> = blocks.iter().map(|b| is_client_specific(b)).collect();
    if !drop.contains(&true) {
        return None;
    }
    // Intros go with what they introduce, and lists with their intro.
    for i in 0..blocks.len() {
        let intro =
            blocks[i].kind == BlockKind::Paragraph && blocks[i].text.trim_end().ends_with(':');
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
        }
    }
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

#[cfg(test)]
mod tests {
    use super::clean;

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
}
