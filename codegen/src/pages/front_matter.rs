//! Tolerant, line-wise front matter reader (docs/FORMATS-NOTES.md, "Pages": why not YAML).
//!
//! Many blocks are not valid YAML (multi-line descriptions, unquoted `: `,
//! `title: !X`, `\_` inside double quotes), so no YAML loader is used: a line
//! `key: value` whose key is `[a-z][a-z0-9_]*` starts an entry, any other line
//! continues the previous value. Values are returned as raw slices with one
//! pair of surrounding double or single quotes removed; escapes such as `\_`
//! are kept literally.

/// The front matter of a page (all values borrowed from the page text).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// `title:` (v223 secret-chat `_N` pages carry the unsuffixed name).
    pub title: Option<&'a str>,
    /// `description:`, including continuation lines of invalid-YAML blocks.
    pub description: Option<&'a str>,
    /// The byte offset where the body starts (0 without front matter).
    pub body_offset: usize,
    /// The 1-based line number of the first body line.
    pub body_line: u32,
}

/// Splits a page into front matter and body. A page without a leading `---`
/// line has no front matter; an unterminated block is treated as no front
/// matter (the body parser then reports the missing heading).
pub fn split(text: &str) -> FrontMatter<'_> {
    let mut fm = FrontMatter {
        body_line: 1,
        ..FrontMatter::default()
    };
    let Some(first_end) = line_end(text, 0) else {
        return fm;
    };
    if text[..first_end].trim_end() != "---" {
        return fm;
    }
    // (key, value start, value end) of the entry being read.
    let mut current: Option<(&str, usize, usize)> = None;
    let mut pos = next_line(text, first_end);
    let mut line = 2;
    while pos < text.len() {
        let end = line_end(text, pos).unwrap_or(text.len());
        let raw = &text[pos..end];
        if raw.trim_end() == "---" {
            if let Some(entry) = current.take() {
                fm.store(text, entry);
            }
            fm.body_offset = next_line(text, end);
            fm.body_line = line + 1;
            return fm;
        }
        match key_value(raw) {
            Some((key, value_at)) => {
                if let Some(entry) = current.take() {
                    fm.store(text, entry);
                }
                current = Some((key, pos + value_at, end));
            }
            None => {
                if let Some(entry) = current.as_mut() {
                    entry.2 = end;
                }
            }
        }
        pos = next_line(text, end);
        line += 1;
    }
    FrontMatter {
        body_line: 1,
        ..FrontMatter::default()
    }
}

impl<'a> FrontMatter<'a> {
    fn store(&mut self, text: &'a str, (key, start, end): (&str, usize, usize)) {
        let value = strip_quotes(text[start..end].trim());
        match key {
            "title" => self.title = Some(value),
            "description" => self.description = Some(value),
            _ => {}
        }
    }
}

/// `key: value` with a lowercase key; returns the key and the byte offset of
/// the value within the line.
fn key_value(line: &str) -> Option<(&str, usize)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let mut bytes = key.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase());
    if !first_ok || !bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return None;
    }
    let rest = &line[colon + 1..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some((key, colon + 1))
}

fn strip_quotes(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// The end of the line starting at `pos` (index of `\n`, or of `\r\n`), or
/// `None` at the end of the text.
fn line_end(text: &str, pos: usize) -> Option<usize> {
    if pos >= text.len() {
        return None;
    }
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    Some(if end > pos && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    })
}

fn next_line(text: &str, end: usize) -> usize {
    match text.as_bytes().get(end) {
        Some(b'\r') => (end + 2).min(text.len()),
        Some(b'\n') => end + 1,
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_unquoted_block() {
        let text = "---\ntitle: messages.getAll\ndescription: Get all: of them\nimage: x.png\n---\n# Method: x\n";
        let fm = split(text);
        assert_eq!(fm.title, Some("messages.getAll"));
        assert_eq!(fm.description, Some("Get all: of them"));
        assert_eq!(&text[fm.body_offset..], "# Method: x\n");
        assert_eq!(fm.body_line, 6);
    }

    #[test]
    fn quoted_values_keep_escapes() {
        let fm = split("---\ntitle: \"a\\_b\"\ndescription: \"Uses `c\\_d`\"\n---\nbody");
        assert_eq!(fm.title, Some(r"a\_b"));
        assert_eq!(fm.description, Some(r"Uses `c\_d`"));
    }

    #[test]
    fn invalid_yaml_is_read_line_wise() {
        let text = "---\ntitle: !X\ndescription: Position of a mask\n\nThe `n` position:\n\n- 0 => Relative to the forehead\n**Note**: extra\nimage: y\n---\n";
        let fm = split(text);
        assert_eq!(fm.title, Some("!X"));
        assert_eq!(
            fm.description,
            Some("Position of a mask\n\nThe `n` position:\n\n- 0 => Relative to the forehead\n**Note**: extra")
        );
        assert_eq!(fm.body_line, 11);
    }

    #[test]
    fn no_or_unterminated_front_matter() {
        assert_eq!(
            split("# Method: x\n"),
            FrontMatter {
                body_line: 1,
                ..Default::default()
            }
        );
        assert_eq!(
            split("---\ntitle: x\n"),
            FrontMatter {
                body_line: 1,
                ..Default::default()
            }
        );
        assert_eq!(
            split(""),
            FrontMatter {
                body_line: 1,
                ..Default::default()
            }
        );
    }
}
