//! One page -> [`Page`]: a single pulldown-cmark pass over the body, looking
//! only at top-level blocks and reading their raw source slices.
//!
//! Layout (docs/FORMATS-NOTES.md, "Pages"): the entity heading (`# Method: x`,
//! `# Constructor: x`, `# Type: x`, pseudo-type `## Type: x`, irregular `# x`),
//! a back link, the description, then `###` sections. Every `##`..`######`
//! heading ends the description; later `#` headings (the v223 `# Warning: ...`
//! blocks) belong to it and are kept, since they are real warnings for users.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use super::front_matter::{self, FrontMatter};
use super::table::{self, Columns};
use super::text::{unescape, LineCounter};
use super::type_cell::parse_type_cell;
use super::{Page, PageKind};
use crate::error::{Error, Result};

/// File names that are indexes, not entity pages.
const INDEX_FILES: [&str; 4] = ["README.md", "index.md", "api_README.md", "api_index.md"];

/// Whether `source` (relative to the docs root) is an index/README page or a
/// root page, which the page parser skips.
pub fn is_index_source(source: &str) -> bool {
    match source.rsplit_once('/') {
        None => true,
        Some((_, file)) => INDEX_FILES.contains(&file),
    }
}

/// The page kind of a folder name (`methods`, `constructors`, `types`).
pub fn kind_of_folder(folder: &str) -> Option<PageKind> {
    match folder {
        "methods" => Some(PageKind::Method),
        "constructors" => Some(PageKind::Constructor),
        "types" => Some(PageKind::Type),
        _ => None,
    }
}

/// Parses one page (see [`crate::pages::parse_page`]).
pub fn parse_page(path: &Path, source: &str, text: &str) -> Result<Option<Page>> {
    if is_index_source(source) {
        return Ok(None);
    }
    let folder = source.split('/').next().unwrap_or("");
    let kind = kind_of_folder(folder).ok_or_else(|| {
        Error::parse(
            path,
            1,
            format!("expected a page under methods/, constructors/ or types/, found `{source}`"),
        )
    })?;
    // A byte-order mark is not part of the page (line numbers are unaffected).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm = front_matter::split(text);
    let mut walker = Walker {
        path,
        kind,
        text,
        body_offset: fm.body_offset,
        lines: LineCounter::new(text),
        section: Section::BeforeHeading,
        desc: None,
        page: Page::blank(kind, source),
    };
    let body = &text[fm.body_offset..];
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let block = match tag {
                        Tag::Heading { level, .. } => Block::Heading(level),
                        Tag::Paragraph => Block::Paragraph,
                        Tag::Table(_) => Block::Table,
                        _ => Block::Other,
                    };
                    walker.block(block, range)?;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => walker.block(Block::Other, range)?,
            _ => {}
        }
    }
    walker.finish(&fm).map(Some)
}

/// A top-level block kind, as far as the page layout cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Heading(HeadingLevel),
    Paragraph,
    Table,
    Other,
}

/// Where the walker is in the page layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Nothing seen yet: the first block must be the entity heading.
    BeforeHeading,
    /// Right after the heading: a back link may follow.
    AfterHeading,
    /// Inside the description.
    Description,
    /// After `### Parameters:` / `### Attributes:`, expecting the table.
    Params,
    /// After `### Errors`, expecting the table.
    Errors,
    /// After `### Possible values (constructors):`.
    Constructors,
    /// Any other section (examples, usage notes, a table already read).
    Other,
}

struct Walker<'a> {
    path: &'a Path,
    kind: PageKind,
    text: &'a str,
    body_offset: usize,
    lines: LineCounter<'a>,
    section: Section,
    /// The description's byte range in `text`.
    desc: Option<Range<usize>>,
    page: Page,
}

impl<'a> Walker<'a> {
    fn err(&self, line: u32, message: impl Into<String>) -> Error {
        Error::parse(self.path, line, message)
    }

    /// The block `raw` at `line` where the page's layout wants `expected`.
    fn unexpected(&self, line: u32, expected: &str, raw: &str) -> Error {
        self.err(
            line,
            format!("expected {expected}, found `{}`", first_line(raw)),
        )
    }

    fn block(&mut self, block: Block, range: Range<usize>) -> Result<()> {
        let range = range.start + self.body_offset..range.end + self.body_offset;
        let raw = &self.text[range.clone()];
        let line = self.lines.line_at(range.start);
        match (self.section, block) {
            (Section::BeforeHeading, Block::Heading(level)) => {
                self.entity_heading(level, raw, line)
            }
            (Section::BeforeHeading, _) => Err(self.unexpected(line, self.expected_heading(), raw)),
            // `# Warning: ...` blocks inside the description (v223).
            (Section::AfterHeading | Section::Description, Block::Heading(HeadingLevel::H1)) => {
                self.extend_description(range);
                Ok(())
            }
            (_, Block::Heading(level)) => self.section_heading(level, raw, line),
            (Section::AfterHeading, Block::Paragraph) if is_back_link(raw) => {
                self.section = Section::Description;
                // Text on the lines after the link belongs to the description.
                if let Some(nl) = raw.find('\n') {
                    if !raw[nl..].trim().is_empty() {
                        self.extend_description(range.start + nl + 1..range.end);
                    }
                }
                Ok(())
            }
            (Section::AfterHeading | Section::Description, _) => {
                self.extend_description(range);
                Ok(())
            }
            (Section::Params, Block::Table) => {
                self.params_table(raw, line)?;
                self.section = Section::Other;
                Ok(())
            }
            (Section::Params, _) => {
                Err(self.unexpected(line, "a parameter table (`| Name | Type | ... |`)", raw))
            }
            (Section::Errors, Block::Table) => {
                self.errors_table(raw, line)?;
                self.section = Section::Other;
                Ok(())
            }
            (Section::Errors, _) => Err(self.unexpected(
                line,
                "an error table (`| Code | Type | Description |`)",
                raw,
            )),
            (Section::Constructors, Block::Paragraph) => self.constructor_links(raw, line),
            (Section::Constructors | Section::Other, _) => Ok(()),
        }
    }

    fn expected_heading(&self) -> &'static str {
        match self.kind {
            PageKind::Method => "a `# Method: <name>` heading",
            PageKind::Constructor => "a `# Constructor: <name>` heading",
            PageKind::Type => "a `# Type: <name>` heading",
        }
    }

    fn entity_heading(&mut self, level: HeadingLevel, raw: &str, line: u32) -> Result<()> {
        let text = heading_text(raw);
        let prefix = match self.kind {
            PageKind::Method => "Method:",
            PageKind::Constructor => "Constructor:",
            PageKind::Type => "Type:",
        };
        let wrong = || self.unexpected(line, self.expected_heading(), raw);
        let name = match (text.strip_prefix(prefix), level) {
            (Some(name), HeadingLevel::H1) => name,
            // Pseudo-type pages: `## Type: int`.
            (Some(name), HeadingLevel::H2) if self.kind == PageKind::Type => {
                self.page.irregular = true;
                name
            }
            // Irregular pages: `# boolTrue`, `# Bool` (a single word, no `Kind:`).
            (None, HeadingLevel::H1)
                if self.kind != PageKind::Method && !text.contains(':') && !text.contains(' ') =>
            {
                self.page.irregular = true;
                text
            }
            _ => return Err(wrong()),
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(self.err(line, format!("expected a name after `{prefix}`")));
        }
        self.page.name = unescape(name).into_owned();
        self.page.line = line;
        self.section = Section::AfterHeading;
        Ok(())
    }

    fn section_heading(&mut self, level: HeadingLevel, raw: &str, line: u32) -> Result<()> {
        let text = heading_text(raw);
        self.section = Section::Other;
        if level != HeadingLevel::H3 {
            return Ok(());
        }
        if text == "Parameters:" || text == "Attributes:" {
            self.section = Section::Params;
        } else if text == "Errors" || text == "Errors:" {
            self.section = Section::Errors;
        } else if text.starts_with("Possible values (constructors)") {
            self.section = Section::Constructors;
        } else if let Some(cell) = result_cell(self.kind, text) {
            let ty = parse_type_cell(cell).map_err(|m| self.err(line, m))?;
            self.page.result = Some(ty);
            self.page.result_line = line;
        } else if let Some(rest) = text.strip_prefix("Can ") {
            let slot = if rest.starts_with("users use this method:") {
                Some(&mut self.page.users)
            } else if rest.starts_with("bots use this method over a business connection") {
                Some(&mut self.page.business)
            } else if rest.starts_with("bots use this method:") {
                Some(&mut self.page.bots)
            } else {
                None
            };
            if let Some(slot) = slot {
                let value = text.rsplit_once(':').map_or("", |(_, v)| v.trim());
                *slot = Some(match value {
                    "**YES**" => true,
                    "**NO**" => false,
                    _ => {
                        return Err(Error::parse(
                            self.path,
                            line,
                            format!(
                                "expected `**YES**` or `**NO**` after `{}`, found `{value}`",
                                text.rsplit_once(':').map_or(text, |(h, _)| h)
                            ),
                        ))
                    }
                });
            }
        }
        Ok(())
    }

    fn extend_description(&mut self, range: Range<usize>) {
        self.section = Section::Description;
        match &mut self.desc {
            Some(desc) => desc.end = range.end,
            None => self.desc = Some(range),
        }
    }

    fn params_table(&mut self, raw: &str, line: u32) -> Result<()> {
        let params = self.table_rows(
            raw,
            line,
            "a parameter table header `| Name | Type | Description | Required |`, \
             `| Name | Type | Required | Description |` or `| Name | Type | Required |`",
            |columns| {
                (columns == Columns::Errors)
                    .then_some("expected a parameter table, found an error table header")
            },
            table::param_row,
        )?;
        self.page.params.extend(params);
        Ok(())
    }

    fn errors_table(&mut self, raw: &str, line: u32) -> Result<()> {
        let errors = self.table_rows(
            raw,
            line,
            "an error table header `| Code | Type | Description |`",
            |columns| {
                (columns != Columns::Errors)
                    .then_some("expected an error table header `| Code | Type | Description |`")
            },
            |cells, _, row_line| table::error_row(cells, row_line),
        )?;
        self.page.errors.extend(errors);
        Ok(())
    }

    /// The rows of the table `raw` at `line`, each read from its cells by
    /// `read_row`, in order: after the header (`expected` names the ones it
    /// may have), which `wrong_kind` may refuse with its message.
    fn table_rows<T>(
        &self,
        raw: &str,
        line: u32,
        expected: &str,
        wrong_kind: impl FnOnce(Columns) -> Option<&'static str>,
        read_row: impl Fn(&table::Cells<'_>, Columns, u32) -> std::result::Result<T, String>,
    ) -> Result<Vec<T>> {
        let mut rows = raw
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let columns = self.table_header(&mut rows, line, expected)?;
        if let Some(message) = wrong_kind(columns) {
            return Err(self.err(line, message));
        }
        rows.map(|(i, row)| {
            let row_line = line + i as u32;
            let cells = table::split_row(row).ok_or_else(|| self.row_error(row_line, row))?;
            read_row(&cells, columns, row_line).map_err(|m| self.err(row_line, m))
        })
        .collect()
    }

    /// Reads the header and separator rows.
    fn table_header<'r>(
        &self,
        rows: &mut impl Iterator<Item = (usize, &'r str)>,
        line: u32,
        expected: &str,
    ) -> Result<Columns> {
        let (_, header) = rows
            .next()
            .ok_or_else(|| self.err(line, format!("expected {expected}")))?;
        let columns = table::split_row(header)
            .and_then(|cells| table::columns(&cells))
            .ok_or_else(|| {
                self.err(
                    line,
                    format!("expected {expected}, found `{}`", header.trim()),
                )
            })?;
        match rows.next() {
            Some((_, sep)) if table::split_row(sep).is_some_and(|c| table::is_separator(&c)) => {
                Ok(columns)
            }
            Some((i, sep)) => Err(self.err(
                line + i as u32,
                format!(
                    "expected a table separator row `|---|`, found `{}`",
                    sep.trim()
                ),
            )),
            None => Err(self.err(line, "expected a table separator row `|---|`")),
        }
    }

    fn row_error(&self, line: u32, row: &str) -> Error {
        self.err(
            line,
            format!(
                "expected a table row starting with `|`, found `{}`",
                row.trim()
            ),
        )
    }

    fn constructor_links(&mut self, raw: &str, line: u32) -> Result<()> {
        for (i, l) in raw.lines().enumerate() {
            let l = l.trim();
            if l.is_empty() {
                continue;
            }
            let label = l
                .strip_prefix('[')
                .and_then(|rest| rest.find("](").map(|end| &rest[..end]))
                .filter(|label| !label.is_empty())
                .ok_or_else(|| {
                    self.err(
                        line + i as u32,
                        format!("expected a `[constructor](link)` line, found `{l}`"),
                    )
                })?;
            self.page.constructors.push(unescape(label).into_owned());
        }
        Ok(())
    }

    fn finish(mut self, fm: &FrontMatter<'_>) -> Result<Page> {
        if self.section == Section::BeforeHeading {
            // The body starts after the front matter; when that ends the
            // file, the error points at its last line, not one past it.
            let last_line = self.lines.line_at(self.text.len());
            let line = fm.body_line.min(last_line);
            return Err(self.err(
                line,
                format!(
                    "expected {}, found the end of the page",
                    self.expected_heading()
                ),
            ));
        }
        if !self.page.irregular && self.page.result.is_none() {
            let expected = match self.kind {
                PageKind::Method => "a `### Return type: [Type](link)` line",
                PageKind::Constructor => "a `### Type: [Type](link)` line",
                PageKind::Type => "",
            };
            if !expected.is_empty() {
                return Err(self.err(
                    self.page.line,
                    format!("expected {expected} in the page of `{}`", self.page.name),
                ));
            }
        }
        let body = self
            .desc
            .as_ref()
            .map_or("", |r| self.text[r.clone()].trim());
        self.page.description = if body.is_empty() {
            fm.description
                .filter(|d| !is_placeholder(d))
                .unwrap_or("")
                .trim()
                .to_owned()
        } else {
            body.to_owned()
        };
        Ok(self.page)
    }
}

/// The text of the `### Return type:` (methods) or `### Type:` (constructors)
/// heading after its prefix.
fn result_cell(kind: PageKind, text: &str) -> Option<&str> {
    match kind {
        PageKind::Method => text.strip_prefix("Return type:"),
        PageKind::Constructor => text.strip_prefix("Type:"),
        PageKind::Type => None,
    }
}

/// The text of an ATX heading (`### Type: x  ` -> `Type: x`); for other
/// headings the first line.
fn heading_text(raw: &str) -> &str {
    let line = first_line(raw);
    let text = line.trim_start_matches('#');
    let text = text.trim();
    // An optional closing sequence (`# Title #`).
    match text.strip_suffix('#') {
        Some(rest) if rest.ends_with(' ') => rest.trim_end_matches('#').trim_end(),
        _ => text,
    }
}

fn first_line(raw: &str) -> &str {
    raw.lines().next().unwrap_or("").trim_end()
}

fn is_back_link(raw: &str) -> bool {
    raw.starts_with("[Back to") || raw.starts_with("[Go back")
}

/// Front-matter descriptions that v223 generates when there is none.
fn is_placeholder(d: &str) -> bool {
    d.is_empty()
        || d.ends_with(" attributes, type and example")
        || d.ends_with(" parameters, return type and example")
        || d.starts_with("constructors and methods of type ")
}
