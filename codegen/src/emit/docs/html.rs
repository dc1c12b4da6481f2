//! Inline HTML in descriptions: which tags are balanced and kept, which
//! are comments or line breaks, and the text of HTML blocks.

use super::*;

/// An inline HTML tag: (lower-case name, is closing, is self-closing).
pub(super) fn parse_tag(html: &str) -> Option<(String, bool, bool)> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((
        name.to_ascii_lowercase(),
        closing,
        inner.trim_end().ends_with('/'),
    ))
}

pub(super) fn is_comment(html: &str) -> bool {
    html.trim_start().starts_with("<!--")
}

pub(super) fn is_br(html: &str) -> bool {
    matches!(parse_tag(html), Some((name, false, _)) if name == "br")
}

/// Inline formatting tags kept as HTML when opened and closed in one block.
pub(super) const KEPT_TAGS: &[&str] = &[
    "b", "strong", "i", "em", "u", "s", "del", "strike", "ins", "sub", "sup", "kbd", "mark",
    "small",
];

/// Indices of inline HTML events that are matched open/close pairs of
/// [`KEPT_TAGS`] inside one block; every other tag gets escaped.
pub(super) fn balanced_html_tags(events: &[Event<'_>]) -> HashSet<usize> {
    let mut kept = HashSet::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::InlineHtml(html) => {
                let Some((name, closing, self_closing)) = parse_tag(html) else {
                    continue;
                };
                if self_closing || !KEPT_TAGS.contains(&name.as_str()) {
                    continue;
                }
                if !closing {
                    open.push((name, index));
                } else if open.last().is_some_and(|(top, _)| *top == name) {
                    let (_, start) = open.pop().unwrap_or_default();
                    kept.insert(start);
                    kept.insert(index);
                } else {
                    open.clear();
                }
            }
            Event::Start(tag) if !is_inline_tag(tag) => open.clear(),
            Event::End(tag) if !is_inline_end(tag) => open.clear(),
            _ => {}
        }
    }
    kept
}

/// The text of an HTML block, as Markdown without any `<`: comments dropped,
/// `<br>` turned into paragraph breaks, other tags kept as escaped text.
pub(super) fn html_block_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(body) = tail.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => rest = &body[end + 3..],
                None => rest = "",
            }
            continue;
        }
        let tag_end = tail.find('>').map(|i| i + 1);
        match tag_end {
            Some(end) if is_br(&tail[..end]) => {
                out.push_str("\n\n");
                rest = &tail[end..];
            }
            _ => {
                out.push_str("&lt;");
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
