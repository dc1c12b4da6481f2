//! The block writer: turns the pulldown-cmark event stream back into
//! Markdown (paragraphs, lists, tables, quotes, links) that rustdoc accepts.

use super::*;

pub(super) fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// A block container being written.
#[derive(Debug)]
pub(super) enum Kind {
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
pub(super) struct Frame {
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
pub(super) struct OpenLink {
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

pub(super) struct Writer<'r> {
    resolve: &'r dyn Fn(&LinkTarget) -> Option<String>,
    stack: Vec<Frame>,
    links: Vec<OpenLink>,
    line_start: bool,
    pending_break: bool,
}

impl<'r> Writer<'r> {
    pub(super) fn new(resolve: &'r dyn Fn(&LinkTarget) -> Option<String>) -> Self {
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

    pub(super) fn event(&mut self, event: Event<'_>, keep_html: bool) {
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

    pub(super) fn finish(mut self) -> String {
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

pub(super) fn redundant(dest: &str, pieces: &[String]) -> bool {
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

pub(super) fn trim_trailing_spaces(text: &mut String) {
    while text.ends_with([' ', '\t']) {
        text.pop();
    }
}

pub(super) fn prefix_lines(text: &str, prefix: &str, blank: &str) -> String {
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

pub(super) fn list_item(bullet: &str, item: &str) -> String {
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

pub(super) fn table(aligns: &[Alignment], rows: &[Vec<String>]) -> String {
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
