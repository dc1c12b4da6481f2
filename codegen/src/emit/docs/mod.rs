//! Doc comments from MadelineProto descriptions.
//!
//! The descriptions are Markdown mixed with HTML, written for the MadelineProto
//! website: relative links to other pages (`../types/X.md`,
//! `/API_docs/methods/x.html`), `<br>`, entities, HTML comments, stray
//! pseudo-tags (`<bot_username>`), bare URLs and code fences. [`render_docs`]
//! parses them with pulldown-cmark (the options rustdoc uses) and writes the
//! event stream back as Markdown that `cargo doc -D warnings` accepts:
//!
//! * links to API pages become intra-doc links through a caller-supplied
//!   resolver, or plain text when it cannot resolve them;
//! * every code block becomes a ```` ```text ```` fence, so rustdoc runs no doctests;
//! * `<br>` becomes a Markdown hard break, comments disappear, balanced
//!   formatting tags (`<del>…</del>`) stay, every other tag is escaped;
//! * literal `[`, `]`, `*`, `` ` ``, `<`, … in text are backslash-escaped, so
//!   nothing reads as a broken intra-doc link or unclosed tag;
//! * bare `http(s)://` URLs become autolinks.
//!
//! Rendering is idempotent: rendering the output again yields it unchanged.
//!
//! The parts: `links` classifies link destinations, `html` decides which
//! inline HTML stays, `escape` escapes text, code and URLs, and `writer`
//! writes the blocks back out. None of it reads the IR; `super::docs_link`
//! resolves API links to generated items.

use std::collections::HashSet;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

mod escape;
mod html;
mod links;
#[cfg(test)]
mod tests;
mod writer;

use escape::*;
use html::*;
use links::*;
use writer::*;

pub use links::{link_target, LinkKind, LinkTarget, MADELINE_SITE};

/// Renders a MadelineProto description as rustdoc-safe Markdown.
///
/// `resolve` maps a link to an API page to a Rust path (`crate::types::InputPeer`);
/// returning `None` drops the link and keeps its text. The result has no
/// trailing newline; the caller splits it into `#[doc]` lines.
pub fn render_docs(markdown: &str, resolve: &dyn Fn(&LinkTarget) -> Option<String>) -> String {
    let source = quote_spaced_destinations(markdown);
    let events = merge_text(Parser::new_ext(&source, parse_options()));
    let keep_html = balanced_html_tags(&events);
    let mut writer = Writer::new(resolve);
    for (index, event) in events.into_iter().enumerate() {
        writer.event(event, keep_html.contains(&index));
    }
    writer.finish()
}

/// Joins adjacent text events (pulldown-cmark splits text at escapes and
/// delimiter runs), so escaping and URL detection see whole runs.
pub(super) fn merge_text<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for event in events {
        if let (Event::Text(text), Some(Event::Text(last))) = (&event, out.last_mut()) {
            let mut joined = last.to_string();
            joined.push_str(text);
            *last = joined.into();
            continue;
        }
        out.push(event);
    }
    out
}

/// The options rustdoc parses doc comments with, minus the extensions whose
/// syntax MadelineProto never uses on purpose (footnotes, task lists, smart
/// punctuation): text that would trigger them is escaped instead.
pub(super) fn parse_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}
