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

use std::collections::HashSet;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Where MadelineProto's site-relative links (`/docs/UPDATES.html`) point.
pub const MADELINE_SITE: &str = "https://docs.madelineproto.xyz";

/// The kind of API page a MadelineProto link points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKind {
    /// `methods/<name>`.
    Method,
    /// `constructors/<name>`.
    Constructor,
    /// `types/<name>`.
    Type,
}

/// An API entity a MadelineProto link points to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkTarget {
    /// Which folder the page is in.
    pub kind: LinkKind,
    /// The page name, unescaped (`messages.sendMessage`, `decryptedMessage_17`, `InputPeer`).
    pub name: String,
}

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

/// Classifies a link destination as an API page (the first candidate when the
/// kind is ambiguous), as rendered descriptions would.
///
/// Accepts `../types/X.md`, `../methods/x.html`, `/API_docs/constructors/x.html`,
/// `https://docs.madelineproto.xyz/API_docs/...`, with `#anchor`/`?query`
/// suffixes, and bare `X.md` (kind guessed from the case of the name).
pub fn link_target(dest: &str) -> Option<LinkTarget> {
    match classify(dest) {
        Dest::Entity(mut candidates) => Some(candidates.swap_remove(0)),
        _ => None,
    }
}

/// Joins adjacent text events (pulldown-cmark splits text at escapes and
/// delimiter runs), so escaping and URL detection see whole runs.
fn merge_text<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
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
fn parse_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// v223 links `[Vector t](/API_docs/types/Vector t.html)`: a space is not
/// allowed in a bare destination, so wrap such API destinations in `<…>`.
fn quote_spaced_destinations(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains(".html)") && !markdown.contains(".md)") {
        return markdown.into();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        let (head, tail) = rest.split_at(at + 2);
        out.push_str(head);
        let dest_end = tail.find(['\n', ')']).unwrap_or(tail.len());
        let dest = &tail[..dest_end];
        let is_api = dest.starts_with("../") || dest.starts_with("/API_docs/");
        if is_api
            && dest.contains(' ')
            && !dest.contains(['<', '>', '"'])
            && (dest.ends_with(".html") || dest.ends_with(".md"))
            && tail[dest_end..].starts_with(')')
        {
            out.push('<');
            out.push_str(dest);
            out.push('>');
            rest = &tail[dest_end..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out.into()
}

/// What a link destination means for rustdoc.
#[derive(Debug, PartialEq)]
enum Dest {
    /// An API page; candidates in the order to try.
    Entity(Vec<LinkTarget>),
    /// Already an intra-doc link (`crate::…`, `` `…` ``): keep verbatim.
    IntraDoc(String),
    /// A URL rustdoc can link to.
    External(String),
    /// Nothing rustdoc could link to (index pages, bare anchors): keep the text only.
    Drop,
}

fn classify(dest: &str) -> Dest {
    let dest = dest.trim();
    if dest.is_empty() {
        return Dest::Drop;
    }
    if ["crate::", "self::", "super::"]
        .iter()
        .any(|p| dest.starts_with(p))
        || (dest.len() > 2 && dest.starts_with('`') && dest.ends_with('`'))
    {
        return Dest::IntraDoc(dest.to_owned());
    }
    let mut path = dest;
    let mut site_relative = false;
    for host in [
        "https://docs.madelineproto.xyz",
        "http://docs.madelineproto.xyz",
    ] {
        if let Some(rest) = dest.strip_prefix(host) {
            if rest.is_empty() || rest.starts_with(['/', '#', '?']) {
                path = rest;
                site_relative = true;
            }
        }
    }
    if !site_relative && has_scheme(dest) {
        return Dest::External(dest.to_owned());
    }
    site_relative |= path.starts_with('/');
    let bare = path.split(['#', '?']).next().unwrap_or_default();
    if bare.is_empty() {
        return if site_relative {
            Dest::External(format!("{MADELINE_SITE}/{}", path.trim_start_matches('/')))
        } else {
            Dest::Drop
        };
    }
    let bare = percent_decode(bare).replace("\\_", "_");
    let mut segments = bare.rsplit('/');
    let file = segments.next().unwrap_or_default();
    let folder = segments.next();
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".html"))
        .filter(|stem| !stem.is_empty());
    if let Some(stem) = stem {
        let is_index = matches!(stem, "index" | "README" | "api_index" | "api_README");
        let kind = match folder {
            Some("methods") => Some(LinkKind::Method),
            Some("constructors") => Some(LinkKind::Constructor),
            Some("types") => Some(LinkKind::Type),
            _ => None,
        };
        let api_path = match folder {
            // `../types/X.md`, `/API_docs/types/X.html`, `types/X.md`
            Some(_) => {
                let parent: Vec<&str> = segments.collect();
                parent.is_empty()
                    || parent == [".."]
                    || parent == ["API_docs", ""]
                    || parent == ["API_docs"]
            }
            None => true,
        };
        if !is_index && api_path {
            if let Some(kind) = kind {
                return Dest::Entity(vec![LinkTarget {
                    kind,
                    name: stem.to_owned(),
                }]);
            }
            if folder.is_none() {
                return Dest::Entity(guess_kinds(stem));
            }
        }
    }
    if site_relative {
        Dest::External(format!("{MADELINE_SITE}/{}", path.trim_start_matches('/')))
    } else {
        Dest::Drop
    }
}

/// A link to `X.md` from a page in the same folder: guess the folder from
/// the case of the last dotted segment (`messages.Messages` is a type).
fn guess_kinds(name: &str) -> Vec<LinkTarget> {
    let last = name.rsplit('.').next().unwrap_or(name);
    let kinds: &[LinkKind] = if last.starts_with(|c: char| c.is_ascii_lowercase()) {
        &[LinkKind::Constructor, LinkKind::Method]
    } else {
        &[LinkKind::Type]
    };
    kinds
        .iter()
        .map(|&kind| LinkTarget {
            kind,
            name: name.to_owned(),
        })
        .collect()
}

fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Encodes the characters a Markdown link destination cannot hold bare.
fn encode_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// An inline HTML tag: (lower-case name, is closing, is self-closing).
fn parse_tag(html: &str) -> Option<(String, bool, bool)> {
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

fn is_comment(html: &str) -> bool {
    html.trim_start().starts_with("<!--")
}

fn is_br(html: &str) -> bool {
    matches!(parse_tag(html), Some((name, false, _)) if name == "br")
}

/// Inline formatting tags kept as HTML when opened and closed in one block.
const KEPT_TAGS: &[&str] = &[
    "b", "strong", "i", "em", "u", "s", "del", "strike", "ins", "sub", "sup", "kbd", "mark",
    "small",
];

/// Indices of inline HTML events that are matched open/close pairs of
/// [`KEPT_TAGS`] inside one block; every other tag gets escaped.
fn balanced_html_tags(events: &[Event<'_>]) -> HashSet<usize> {
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

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// A block container being written.
#[derive(Debug)]
enum Kind {
    Root,
    BlockQuote,
    List {
        start: Option<u64>,
        items: Vec<String>,
        loose: bool,
    },
    Item {
        has_paragraph: bool,
    },
    Paragraph,
    Heading(usize),
    CodeBlock(String),
    HtmlBlock(String),
    Table {
        aligns: Vec<Alignment>,
        rows: Vec<Vec<String>>,
    },
    TableRow(Vec<String>),
    TableCell,
    /// Anything else (definition lists, ...): contents flattened.
    Other,
}

#[derive(Debug)]
struct Frame {
    kind: Kind,
    /// Finished child blocks.
    blocks: Vec<String>,
    /// Inline content in progress (paragraph, heading, cell, tight item).
    inline: String,
    /// The marker of the list block just written here, so that a following
    /// list gets another marker and does not merge with it.
    last_list_marker: Option<char>,
}

impl Frame {
    fn new(kind: Kind) -> Self {
        Frame {
            kind,
            blocks: Vec::new(),
            inline: String::new(),
            last_list_marker: None,
        }
    }
}

/// An open link or image.
#[derive(Debug)]
struct OpenLink {
    /// `Some(destination)` when written as a Markdown link; `None` when only its text stays.
    dest: Option<String>,
    title: String,
    autolink: bool,
    /// Where the link text starts in the frame's inline buffer.
    text_start: usize,
    /// Text and code pieces of the label, for the redundant-link check.
    pieces: Vec<String>,
    /// Whether the label holds anything but text and code.
    nested: bool,
    /// The entity name, for an empty label.
    fallback: String,
    /// Whether `dest` is an intra-doc path (resolved or already one).
    intra_doc: bool,
}

struct Writer<'r> {
    resolve: &'r dyn Fn(&LinkTarget) -> Option<String>,
    stack: Vec<Frame>,
    links: Vec<OpenLink>,
    line_start: bool,
    pending_break: bool,
}

impl<'r> Writer<'r> {
    fn new(resolve: &'r dyn Fn(&LinkTarget) -> Option<String>) -> Self {
        Writer {
            resolve,
            stack: vec![Frame::new(Kind::Root)],
            links: Vec::new(),
            line_start: true,
            pending_break: false,
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack.last_mut().expect("root frame")
    }

    fn in_table_cell(&self) -> bool {
        matches!(self.stack.last().map(|f| &f.kind), Some(Kind::TableCell))
    }

    fn in_heading(&self) -> bool {
        matches!(self.stack.last().map(|f| &f.kind), Some(Kind::Heading(_)))
    }

    fn in_kept_link(&self) -> bool {
        self.links.iter().any(|l| l.dest.is_some())
    }

    fn autolink_open(&self) -> bool {
        self.links.iter().any(|l| l.autolink)
    }

    fn event(&mut self, event: Event<'_>, keep_html: bool) {
        // Raw collectors first.
        match (&mut self.top().kind, &event) {
            (Kind::CodeBlock(buf), Event::Text(text)) => {
                buf.push_str(text);
                return;
            }
            (Kind::HtmlBlock(buf), Event::Html(text) | Event::Text(text)) => {
                buf.push_str(text);
                return;
            }
            _ => {}
        }
        if self.autolink_open() && !matches!(event, Event::End(TagEnd::Link)) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.flush_break();
                let in_cell = self.in_table_cell();
                if let Some(link) = self.links.last_mut() {
                    link.pieces.push(code.to_string());
                }
                let span = code_span(&code, in_cell);
                self.push_inline(&span);
            }
            Event::InlineHtml(html) | Event::Html(html) => self.inline_html(&html, keep_html),
            Event::SoftBreak => self.soft_break(),
            Event::HardBreak => self.pending_break = true,
            Event::Rule => self.push_block("***".to_owned()),
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open_block(Kind::Paragraph),
            Tag::Heading { level, .. } => self.open_block(Kind::Heading(level as usize)),
            Tag::BlockQuote(_) => self.open_block(Kind::BlockQuote),
            Tag::CodeBlock(_) => self.open_block(Kind::CodeBlock(String::new())),
            Tag::HtmlBlock => self.open_block(Kind::HtmlBlock(String::new())),
            Tag::List(start) => self.open_block(Kind::List {
                start,
                items: Vec::new(),
                loose: false,
            }),
            Tag::Item => self.open_block(Kind::Item {
                has_paragraph: false,
            }),
            Tag::Table(aligns) => self.open_block(Kind::Table {
                aligns,
                rows: Vec::new(),
            }),
            Tag::TableHead | Tag::TableRow => {
                self.stack.push(Frame::new(Kind::TableRow(Vec::new())))
            }
            Tag::TableCell => {
                self.stack.push(Frame::new(Kind::TableCell));
                self.line_start = true;
            }
            Tag::Emphasis => self.push_inline("*"),
            Tag::Strong => self.push_inline("**"),
            Tag::Strikethrough => self.push_inline("~~"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.open_link(link_type, &dest_url, &title, false),
            Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            } => self.open_link(link_type, &dest_url, &title, true),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.open_block(Kind::Other),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis => self.push_inline_raw("*"),
            TagEnd::Strong => self.push_inline_raw("**"),
            TagEnd::Strikethrough => self.push_inline_raw("~~"),
            TagEnd::Link | TagEnd::Image => self.close_link(),
            TagEnd::TableHead | TagEnd::TableRow => {
                let frame = self.stack.pop().expect("row frame");
                if let (
                    Kind::TableRow(cells),
                    Some(Frame {
                        kind: Kind::Table { rows, .. },
                        ..
                    }),
                ) = (frame.kind, self.stack.last_mut())
                {
                    rows.push(cells);
                }
            }
            TagEnd::TableCell => {
                self.pending_break = false;
                let frame = self.stack.pop().expect("cell frame");
                let cell = frame.inline.trim().to_owned();
                if let Some(Frame {
                    kind: Kind::TableRow(cells),
                    ..
                }) = self.stack.last_mut()
                {
                    cells.push(cell);
                }
            }
            _ => self.close_block(),
        }
    }

    fn open_block(&mut self, kind: Kind) {
        self.flush_inline_block();
        self.pending_break = false;
        self.line_start = true;
        self.stack.push(Frame::new(kind));
    }

    /// Tight list items hold inline content directly; before a child block
    /// starts, that content becomes a block of its own.
    fn flush_inline_block(&mut self) {
        self.pending_break = false;
        let top = self.top();
        if !top.inline.trim().is_empty() {
            let text = std::mem::take(&mut top.inline).trim_end().to_owned();
            top.blocks.push(text);
            top.last_list_marker = None;
        } else {
            top.inline.clear();
        }
    }

    fn close_block(&mut self) {
        self.flush_inline_block();
        let frame = self.stack.pop().expect("block frame");
        let Frame {
            kind,
            blocks,
            inline,
            ..
        } = frame;
        let rendered = match kind {
            Kind::Root => unreachable!("root is never closed"),
            Kind::Paragraph => {
                if let Some(Frame {
                    kind: Kind::Item { has_paragraph },
                    ..
                }) = self.stack.last_mut()
                {
                    *has_paragraph = true;
                }
                Some(blocks.join("\n"))
            }
            Kind::Heading(level) => {
                let text = blocks.join(" ");
                Some(
                    format!("{} {}", "#".repeat(level), text)
                        .trim_end()
                        .to_owned(),
                )
            }
            Kind::BlockQuote => Some(prefix_lines(&blocks.join("\n\n"), "> ", ">")),
            Kind::CodeBlock(code) => Some(code_block(&code)),
            Kind::HtmlBlock(html) => {
                let text = html_block_text(&html);
                if text.trim().is_empty() {
                    None
                } else {
                    // No `<` is left, so this cannot recurse again.
                    let inner = render_docs(&text, self.resolve);
                    (!inner.is_empty()).then_some(inner)
                }
            }
            Kind::Item { has_paragraph } => {
                let sep = if has_paragraph { "\n\n" } else { "\n" };
                let item = blocks.join(sep);
                if let Some(Frame {
                    kind: Kind::List { items, loose, .. },
                    ..
                }) = self.stack.last_mut()
                {
                    items.push(item);
                    *loose |= has_paragraph;
                }
                None
            }
            Kind::List {
                start,
                items,
                loose,
            } => {
                let parent = self.top();
                let marker = match (start, parent.last_list_marker) {
                    (Some(_), Some('.')) => ')',
                    (Some(_), _) => '.',
                    (None, Some('-')) => '*',
                    (None, _) => '-',
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let bullet = match start {
                        Some(n) => format!("{}{marker} ", n + i as u64),
                        None => format!("{marker} "),
                    };
                    out.push(list_item(&bullet, item));
                }
                let text = out.join(if loose { "\n\n" } else { "\n" });
                parent.blocks.push(text);
                parent.last_list_marker = Some(marker);
                return;
            }
            Kind::Table { aligns, rows } => Some(table(&aligns, &rows)),
            Kind::TableRow(_) | Kind::TableCell => None,
            Kind::Other => Some(blocks.join("\n\n")),
        };
        debug_assert!(inline.is_empty());
        if let Some(block) = rendered {
            self.push_block(block);
        }
    }

    fn push_block(&mut self, block: String) {
        self.flush_inline_block();
        if block.trim().is_empty() {
            return;
        }
        let top = self.top();
        top.blocks.push(block);
        top.last_list_marker = None;
        self.line_start = true;
    }

    fn flush_break(&mut self) {
        if !std::mem::take(&mut self.pending_break) {
            return;
        }
        if self.top().inline.trim().is_empty() {
            return;
        }
        if self.in_table_cell() {
            self.push_inline_raw("<br>");
        } else if self.in_heading() {
            self.push_inline_raw(" ");
        } else {
            trim_trailing_spaces(&mut self.top().inline);
            self.push_inline_raw("\\\n");
            self.line_start = true;
        }
    }

    fn soft_break(&mut self) {
        if self.in_table_cell() || self.in_heading() {
            self.pending_break = false;
            self.push_inline_raw(" ");
            return;
        }
        if self.pending_break {
            self.flush_break();
            return;
        }
        trim_trailing_spaces(&mut self.top().inline);
        self.push_inline_raw("\n");
        self.line_start = true;
    }

    fn push_inline(&mut self, text: &str) {
        self.flush_break();
        self.push_inline_raw(text);
    }

    fn push_inline_raw(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.top().inline.push_str(text);
        self.line_start = text.ends_with('\n');
    }

    fn text(&mut self, text: &str) {
        if text.trim().is_empty() && (self.line_start || self.pending_break) {
            return;
        }
        self.flush_break();
        let text = if self.line_start {
            text.trim_start()
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        if let Some(link) = self.links.last_mut() {
            link.pieces.push(text.to_owned());
        }
        let wrap_urls = !self.in_kept_link();
        let mut out = String::with_capacity(text.len() + 8);
        let mut at_line_start = self.line_start;
        for (piece, is_url) in split_urls(text) {
            if is_url && wrap_urls {
                out.push('<');
                out.push_str(piece);
                out.push('>');
            } else {
                out.push_str(&escape_text(piece, at_line_start));
            }
            at_line_start = false;
        }
        self.push_inline_raw(&out);
    }

    fn inline_html(&mut self, html: &str, keep: bool) {
        if is_comment(html) {
            return;
        }
        if is_br(html) {
            if self.top().inline.trim().is_empty() && !self.in_table_cell() {
                return;
            }
            self.pending_break = true;
            return;
        }
        if keep {
            self.push_inline(html);
            return;
        }
        if matches!(parse_tag(html), Some((name, _, _)) if name == "a") {
            // `<a name="x"></a>` anchors and `<a href>` wrappers: keep the text only.
            return;
        }
        // Anything else (`<username>`, unbalanced tags): literal text.
        let text = html.replace('\n', " ");
        self.text(&text);
    }

    fn open_link(&mut self, link_type: LinkType, dest: &str, title: &str, image: bool) {
        self.flush_break();
        let text_start = self.top().inline.len();
        let mut link = OpenLink {
            dest: None,
            title: title.to_owned(),
            autolink: false,
            text_start,
            pieces: Vec::new(),
            nested: false,
            fallback: String::new(),
            intra_doc: false,
        };
        if let Some(outer) = self.links.last_mut() {
            outer.nested = true;
        }
        if matches!(link_type, LinkType::Autolink | LinkType::Email)
            && !dest.contains(['<', '>', ' '])
        {
            self.push_inline_raw(&format!("<{dest}>"));
            link.autolink = true;
            self.links.push(link);
            return;
        }
        match classify(dest) {
            Dest::Entity(candidates) if !image => {
                link.fallback = candidates[0].name.clone();
                link.dest = candidates
                    .iter()
                    .find_map(|target| (self.resolve)(target))
                    .and_then(|path| {
                        let path = path.trim().to_owned();
                        (!path.is_empty() && !path.contains(['`', ' ', '(', ')', '<', '>']))
                            .then_some(path)
                    });
                link.intra_doc = link.dest.is_some();
            }
            Dest::IntraDoc(path) if !image => {
                link.dest = Some(path);
                link.intra_doc = true;
            }
            Dest::External(url) => link.dest = Some(encode_destination(&url)),
            _ => {}
        }
        if link.dest.is_some() {
            self.push_inline_raw(if image { "![" } else { "[" });
            link.text_start = self.top().inline.len();
        }
        self.links.push(link);
    }

    fn close_link(&mut self) {
        let Some(link) = self.links.pop() else {
            return;
        };
        self.pending_break = false;
        if link.autolink {
            return;
        }
        let Some(dest) = link.dest else {
            return;
        };
        if self.top().inline.len() == link.text_start {
            // `[](…)`: give the link a visible label.
            let label = if link.fallback.is_empty() {
                dest.clone()
            } else {
                link.fallback.clone()
            };
            let span = code_span(&label, false);
            self.push_inline_raw(&span);
        }
        let dest = if link.intra_doc && !link.nested && redundant(&dest, &link.pieces) {
            // rustdoc's `redundant_explicit_links` fires when the label alone
            // would resolve to the same item; a backticked destination
            // resolves the same but is not a suffix match.
            format!("`{}`", dest.trim_matches('`'))
        } else {
            dest
        };
        let mut tail = format!("]({dest}");
        if !link.title.is_empty() {
            tail.push_str(" \"");
            tail.push_str(
                &link
                    .title
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', " "),
            );
            tail.push('"');
        }
        tail.push(')');
        self.push_inline_raw(&tail);
    }

    fn finish(mut self) -> String {
        while self.stack.len() > 1 {
            self.close_block();
        }
        self.flush_inline_block();
        let root = self.stack.pop().expect("root frame");
        let text = root.blocks.join("\n\n");
        text.lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
            .trim_matches('\n')
            .to_owned()
    }
}

fn redundant(dest: &str, pieces: &[String]) -> bool {
    let dest = dest.trim_matches('`');
    let whole: String = pieces.concat();
    [
        whole.as_str(),
        pieces.last().map(String::as_str).unwrap_or_default(),
    ]
    .iter()
    .map(|label| label.trim())
    .any(|label| !label.is_empty() && (dest.ends_with(label) || label.ends_with(dest)))
}

fn trim_trailing_spaces(text: &mut String) {
    while text.ends_with([' ', '\t']) {
        text.pop();
    }
}

/// Splits text into (piece, is_url) runs, URLs being `http(s)://…` runs that
/// rustdoc's `bare_urls` lint would flag.
fn split_urls(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let found = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(start) = found else {
            break;
        };
        // Only at a word boundary (`xhttp://` is not a URL start).
        if start > 0 && rest[..start].ends_with(|c: char| c.is_alphanumeric()) {
            out.push((&rest[..start + 4], false));
            rest = &rest[start + 4..];
            continue;
        }
        let tail = &rest[start..];
        let mut end = tail
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '<' | '>' | '"' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^'
                    )
            })
            .unwrap_or(tail.len());
        // Trailing punctuation belongs to the sentence; a `)` only when unbalanced.
        loop {
            let url = &tail[..end];
            let Some(last) = url.chars().last() else {
                break;
            };
            let strip = match last {
                '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
                ')' => url.matches(')').count() > url.matches('(').count(),
                _ => false,
            };
            if !strip {
                break;
            }
            end -= last.len_utf8();
        }
        let url = &tail[..end];
        let scheme_len = if url.starts_with("https://") { 8 } else { 7 };
        if url.len() <= scheme_len {
            out.push((&rest[..start + scheme_len], false));
            rest = &rest[start + scheme_len..];
            continue;
        }
        if start > 0 {
            out.push((&rest[..start], false));
        }
        out.push((url, true));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    // Merge adjacent plain runs.
    let mut merged: Vec<(&str, bool)> = Vec::with_capacity(out.len());
    let base = text.as_ptr() as usize;
    for (piece, is_url) in out {
        if let Some(last) = merged.last_mut() {
            if !last.1 && !is_url {
                let start = last.0.as_ptr() as usize - base;
                let end = piece.as_ptr() as usize - base + piece.len();
                last.0 = &text[start..end];
                continue;
            }
        }
        merged.push((piece, is_url));
    }
    merged
}

/// Backslash-escapes what would otherwise read as Markdown or HTML.
fn escape_text(text: &str, line_start: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => looks_like_entity(&chars[i + 1..]),
            '#' | '>' | '-' | '+' | '=' => line_start && i == 0,
            '.' | ')' => {
                line_start && i > 0 && i <= 9 && chars[..i].iter().all(char::is_ascii_digit)
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let body: String = rest.iter().take(33).collect();
    let Some(end) = body.find(';') else {
        return false;
    };
    let name = &body[..end];
    if let Some(num) = name.strip_prefix('#') {
        let digits = num.strip_prefix(['x', 'X']).unwrap_or(num);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit())
    } else {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    }
}

/// An inline code span whose fence cannot clash with the content.
fn code_span(code: &str, in_table: bool) -> String {
    let code = if in_table {
        code.replace('|', "\\|")
    } else {
        code.to_owned()
    };
    let code = code.replace('\n', " ");
    let fence = "`".repeat(longest_run(&code, '`') + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
    if code.is_empty() {
        return "` `".to_owned();
    }
    if pad {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// A fenced `text` block: rustdoc never runs it as a doctest.
fn code_block(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    let mut body = code.to_owned();
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    format!("{fence}text\n{body}{fence}")
}

/// The text of an HTML block, as Markdown without any `<`: comments dropped,
/// `<br>` turned into paragraph breaks, other tags kept as escaped text.
fn html_block_text(html: &str) -> String {
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

fn prefix_lines(text: &str, prefix: &str, blank: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                blank.to_owned()
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn list_item(bullet: &str, item: &str) -> String {
    if item.is_empty() {
        return bullet.trim_end().to_owned();
    }
    let indent = " ".repeat(bullet.len());
    let mut out = String::with_capacity(item.len() + bullet.len());
    for (i, line) in item.lines().enumerate() {
        if i == 0 {
            out.push_str(bullet);
            out.push_str(line);
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indent);
                out.push_str(line);
            }
        }
    }
    out
}

fn table(aligns: &[Alignment], rows: &[Vec<String>]) -> String {
    let columns = aligns
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let row = |cells: &[String]| {
        let mut line = String::from("|");
        for i in 0..columns {
            line.push(' ');
            line.push_str(cells.get(i).map(String::as_str).unwrap_or_default());
            line.push_str(" |");
        }
        line
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    let header = rows.first().cloned().unwrap_or_default();
    lines.push(row(&header));
    let mut delimiter = String::from("|");
    for i in 0..columns {
        delimiter.push_str(match aligns.get(i) {
            Some(Alignment::Left) => " :-- |",
            Some(Alignment::Right) => " --: |",
            Some(Alignment::Center) => " :-: |",
            _ => " --- |",
        });
    }
    lines.push(delimiter);
    for cells in rows.iter().skip(1) {
        lines.push(row(cells));
    }
    lines.join("\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn all(target: &LinkTarget) -> Option<String> {
        let module = match target.kind {
            LinkKind::Method => "functions",
            LinkKind::Constructor => "constructors",
            LinkKind::Type => "types",
        };
        let name: String = target
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        Some(format!("crate::{module}::{name}"))
    }

    fn none(_: &LinkTarget) -> Option<String> {
        None
    }

    #[test]
    fn relative_links_become_intra_doc_links() {
        let out = render_docs("See [InputPeer](../types/InputPeer.md) and [x](../constructors/decryptedMessage\\_17.md).", &all);
        assert_eq!(out, "See [InputPeer](`crate::types::InputPeer`) and [x](crate::constructors::decryptedMessage_17).");
        let out = render_docs(
            "[messages.sendMessage](/API_docs/methods/messages.sendMessage.html#x) »",
            &all,
        );
        assert_eq!(
            out,
            "[messages.sendMessage](crate::functions::messages_sendMessage) »"
        );
        let out = render_docs("[upd](../constructors/updateUserPhoto.md?layer=2)", &all);
        assert_eq!(out, "[upd](crate::constructors::updateUserPhoto)");
    }

    #[test]
    fn unresolved_links_keep_their_text() {
        let out = render_docs("Use [`Foo\\_bar`](../types/Foo_bar.md) or [index](index.md) or [here](#anchor) or [l2](?layer=2).", &none);
        assert_eq!(out, "Use `Foo\\_bar` or index or here or l2.");
    }

    #[test]
    fn external_links_and_autolinks_are_kept() {
        let out = render_docs(
            "[docs](https://core.telegram.org/api/x) <https://google.com> and https://t.me/x.",
            &none,
        );
        assert_eq!(
            out,
            "[docs](https://core.telegram.org/api/x) <https://google.com> and <https://t.me/x>."
        );
        let out = render_docs("[events](/docs/UPDATES.html#async)", &none);
        assert_eq!(
            out,
            "[events](https://docs.madelineproto.xyz/docs/UPDATES.html#async)"
        );
        assert_eq!(
            render_docs("(see https://a.b/c_(d)).", &none),
            "(see <https://a.b/c_(d)>)."
        );
        assert_eq!(
            render_docs("an <email@example.com>.", &none),
            "an <email@example.com>."
        );
    }

    #[test]
    fn html_is_sanitized() {
        assert_eq!(render_docs("a<br>b <br/>c<br>", &none), "a\\\nb\\\nc");
        assert_eq!(
            render_docs("x <!-- start type --><br>- `app`<br>- `doc`", &none),
            "x\\\n\\- `app`\\\n\\- `doc`"
        );
        assert_eq!(
            render_docs(
                "must end in `_by_<bot_username>`, <bot_username> or <username>",
                &none
            ),
            "must end in `_by_<bot_username>`, \\<bot_username> or \\<username>"
        );
        assert_eq!(
            render_docs("<del>Strike</del> text, <b>open", &none),
            "<del>Strike</del> text, \\<b>open"
        );
        assert_eq!(
            render_docs(
                "1 &gt; 0 &amp;&amp; a &lt; b, set&amp;true &amp;amp;",
                &none
            ),
            "1 > 0 && a \\< b, set&true \\&amp;"
        );
        assert_eq!(render_docs("<a name=\"x\"></a>Anchor", &none), "Anchor");
    }

    #[test]
    fn brackets_and_markup_are_escaped() {
        assert_eq!(
            render_docs("[x] and [Vector t] and \\[y\\] a_b _c * d", &none),
            "\\[x\\] and \\[Vector t\\] and \\[y\\] a_b \\_c \\* d"
        );
        assert_eq!(
            render_docs("**bold** *it* __b__ ~~s~~", &none),
            "**bold** *it* **b** ~~s~~"
        );
        assert_eq!(
            render_docs("x\n\\- 0 =&gt; a\n\\# b\n1\\. c", &none),
            "x\n\\- 0 => a\n\\# b\n1\\. c"
        );
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        let out = render_docs(
            "Do:\n\n```php\n$x = 1;\n```\n\n    indented();\n\n```\nbare\n```",
            &none,
        );
        assert_eq!(
            out,
            "Do:\n\n```text\n$x = 1;\n```\n\n```text\nindented();\n```\n\n```text\nbare\n```"
        );
        let out = render_docs("````\n```\n````", &none);
        assert_eq!(out, "````text\n```\n````");
    }

    #[test]
    fn lists_quotes_headings_tables() {
        let src = "# Warning: x\n**Warning**\n\n- 0 =&gt; a\n- 1 [b](../types/B.md)\n\n> quoted\n\n| a | b |\n|---|:-:|\n| `x\\|y` | c<br>d |";
        let out = render_docs(src, &none);
        assert_eq!(out, "# Warning: x\n\n**Warning**\n\n- 0 => a\n- 1 b\n\n> quoted\n\n| a | b |\n| --- | :-: |\n| `x\\|y` | c<br>d |");
    }

    #[test]
    fn spaced_api_destinations() {
        let out = render_docs("[Vector t](/API_docs/types/Vector t.html)", &all);
        assert_eq!(out, "[Vector t](crate::types::Vector_t)");
    }

    #[test]
    fn classify_destinations() {
        let t = |kind, name: &str| LinkTarget {
            kind,
            name: name.to_owned(),
        };
        assert_eq!(
            link_target("../types/InputPeer.md"),
            Some(t(LinkKind::Type, "InputPeer"))
        );
        assert_eq!(
            link_target("/API_docs/types/long|string.html"),
            Some(t(LinkKind::Type, "long|string"))
        );
        assert_eq!(
            link_target("https://docs.madelineproto.xyz/API_docs/methods/a.b.html"),
            Some(t(LinkKind::Method, "a.b"))
        );
        assert_eq!(link_target("Update.md"), Some(t(LinkKind::Type, "Update")));
        assert_eq!(
            link_target("messages.BotCallbackAnswer.md"),
            Some(t(LinkKind::Type, "messages.BotCallbackAnswer"))
        );
        assert_eq!(
            link_target("keyboardButton.html"),
            Some(t(LinkKind::Constructor, "keyboardButton"))
        );
        assert_eq!(link_target("../../docs/FILES.md"), None);
        assert_eq!(link_target("https://core.telegram.org/api"), None);
    }

    #[test]
    fn idempotent_on_samples() {
        for src in [
            "a<br><br>b\n\n- x\n  - y\n- z\n\n1. one\n2. two",
            "**Warning: this, **which can lead to !!! BANS !!!**, please**",
            "`` a`b `` and ``` `` ``` x\n\n> - q\n>   more",
            "- a\n\n  b\n- c",
            "- a\n\n* b",
        ] {
            let once = render_docs(src, &all);
            assert_eq!(render_docs(&once, &all), once, "source: {src:?}");
        }
    }

    /// `../shared/madelineproto-docs` (or `$TLGEN_SHARED_DIR/madelineproto-docs`);
    /// `None` when absent, which fails under `CI=true`.
    pub(crate) fn shared_docs(test: &str) -> Option<std::path::PathBuf> {
        let root = std::env::var_os("TLGEN_SHARED_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared").into());
        let docs = root.join("madelineproto-docs");
        if docs.is_dir() {
            return Some(docs);
        }
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: {} is missing and CI=true",
            docs.display()
        );
        eprintln!("NOTICE: {test} skipped: {} is missing", docs.display());
        None
    }

    /// Every description in the shared docs: the prose under each page's back
    /// link and every table cell, roughly cut out.
    fn shared_descriptions(docs: &std::path::Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for layer in ["v65", "v66", "v223"] {
            for folder in ["methods", "constructors", "types"] {
                let Ok(entries) = std::fs::read_dir(docs.join(layer).join(folder)) else {
                    continue;
                };
                let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                for path in paths {
                    let stem = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default();
                    if matches!(stem, "index" | "README" | "api_index" | "api_README") {
                        continue;
                    }
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    let origin = path.display().to_string();
                    let mut prose = Vec::new();
                    let mut state = 0;
                    for line in text.lines() {
                        match state {
                            0 if line.starts_with("[Back to") => state = 1,
                            1 if line.starts_with("### ") || line.starts_with("## ") => state = 2,
                            1 => prose.push(line),
                            _ => {}
                        }
                        if line.starts_with('|') && !line.starts_with("|--") {
                            let mut cell = String::new();
                            let mut prev = ' ';
                            for c in line[1..].chars() {
                                if c == '|' && prev != '\\' {
                                    out.push((
                                        origin.clone(),
                                        std::mem::take(&mut cell).trim().to_owned(),
                                    ));
                                } else {
                                    cell.push(c);
                                }
                                prev = c;
                            }
                        }
                    }
                    out.push((origin, prose.join("\n")));
                }
            }
        }
        out.retain(|(_, text)| !text.trim().is_empty());
        out
    }

    /// Checks what rustdoc would see in rendered docs.
    fn check_rendered(origin: &str, source: &str, out: &str) {
        let ctx = format!("{origin}\nsource: {source:?}\noutput: {out:?}");
        assert!(
            !out.contains("](../") && !out.contains(".md)") && !out.contains("](/API_docs"),
            "{ctx}"
        );
        for line in out.lines() {
            assert!(line.starts_with('|') || !line.contains("<br>"), "{ctx}");
        }
        let mut broken = Vec::new();
        let mut callback = |link: pulldown_cmark::BrokenLink<'_>| {
            broken.push(link.reference.to_string());
            None
        };
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_SMART_PUNCTUATION;
        let events: Vec<Event<'_>> =
            Parser::new_with_broken_link_callback(out, options, Some(&mut callback)).collect();
        let kept = balanced_html_tags(&events);
        let mut in_link = 0;
        let mut in_code = false;
        for (i, event) in events.iter().enumerate() {
            match event {
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    let info = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                        pulldown_cmark::CodeBlockKind::Indented => "<indented>".to_owned(),
                    };
                    assert_eq!(info, "text", "{ctx}");
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    in_link += 1;
                    let ok = matches!(link_type, LinkType::Autolink | LinkType::Email)
                        || dest_url.starts_with("crate::")
                        || dest_url.starts_with("`crate::")
                        || has_scheme(dest_url);
                    assert!(ok, "bad link {dest_url}: {ctx}");
                }
                Event::End(TagEnd::Link) => in_link -= 1,
                Event::Html(html) | Event::InlineHtml(html) => {
                    assert!(kept.contains(&i) || is_br(html), "html {html}: {ctx}");
                }
                Event::Text(text) if in_link == 0 && !in_code => {
                    assert!(
                        !text.contains("http://") && !text.contains("https://"),
                        "bare url: {ctx}"
                    );
                }
                Event::FootnoteReference(_) | Event::TaskListMarker(_) => panic!("{ctx}"),
                _ => {}
            }
        }
        assert!(broken.is_empty(), "broken links {broken:?}: {ctx}");
    }

    #[test]
    fn shared_descriptions_render_cleanly() {
        let Some(docs) = shared_docs("shared_descriptions_render_cleanly") else {
            return;
        };
        let descriptions = shared_descriptions(&docs);
        assert!(
            descriptions.len() > 40_000,
            "found only {} descriptions",
            descriptions.len()
        );
        type Resolve<'a> = &'a dyn Fn(&LinkTarget) -> Option<String>;
        let resolvers: [Resolve<'_>; 2] = [&all, &none];
        for (origin, source) in &descriptions {
            for resolve in resolvers {
                let out = render_docs(source, resolve);
                check_rendered(origin, source, &out);
                assert_eq!(
                    render_docs(&out, resolve),
                    out,
                    "not idempotent: {origin}\n{source:?}"
                );
            }
        }
    }

    /// Renders every shared description into the docs of a scratch crate
    /// (links resolved to stub items in the same module, so that rustdoc's
    /// `redundant_explicit_links` would fire if the renderer let it) and runs
    /// `cargo doc` with `-D warnings` and `cargo test --doc` on it.
    #[test]
    fn shared_descriptions_pass_rustdoc() {
        let Some(docs) = shared_docs("shared_descriptions_pass_rustdoc") else {
            return;
        };
        let mut sources: Vec<String> = shared_descriptions(&docs)
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        sources.sort();
        sources.dedup();
        let stubs = std::cell::RefCell::new(std::collections::BTreeSet::new());
        let resolve = |target: &LinkTarget| {
            let ident: String = target
                .name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let ident = match target.kind {
                LinkKind::Method => format!("M_{ident}"),
                LinkKind::Constructor => format!("C_{ident}"),
                LinkKind::Type => ident,
            };
            // Every third name stays unresolved.
            if ident.len() % 3 == 0 {
                return None;
            }
            stubs.borrow_mut().insert(ident.clone());
            Some(format!("crate::items::{ident}"))
        };
        let rendered: Vec<String> = sources.iter().map(|s| render_docs(s, &resolve)).collect();
        let mut lib = String::from(
            "//! Rendered descriptions.\n#![allow(non_camel_case_types)]\n\npub mod items {\n",
        );
        for stub in stubs.borrow().iter() {
            lib.push_str(&format!("    /// Stub.\n    pub struct {stub};\n"));
        }
        for (i, chunk) in rendered.chunks(250).enumerate() {
            // `///` lines, as prettyplease prints generated docs: rustdoc
            // maps lints to sugared doc comments only.
            for line in chunk.join("\n\n***\n\n").lines() {
                lib.push_str(&format!(
                    "    ///{}{line}\n",
                    if line.is_empty() { "" } else { " " }
                ));
            }
            lib.push_str(&format!("    pub struct Docs{i};\n"));
        }
        lib.push_str("}\n");
        let scratch = crate::emit::ScratchCrate::new(
            "[package]\nname = \"tlgen-docs-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
            &[("src/lib.rs", &lib)],
        );
        for args in [&["doc", "--no-deps"][..], &["test", "--doc"][..]] {
            let output = scratch.cargo(args);
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let head: String = stderr.chars().take(6000).collect();
            assert!(output.status.success(), "cargo {args:?} failed:\n{head}");
            if args[0] == "test" {
                assert!(
                    stdout.contains("running 0 tests"),
                    "doctests ran:\n{stdout}"
                );
            }
        }
    }
}
