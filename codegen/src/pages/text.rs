//! Small text helpers shared by the page parser: Markdown backslash escapes and
//! byte offset -> line number conversion.

use std::borrow::Cow;

/// Removes Markdown backslash escapes (`\_` -> `_`, `\|` -> `|`): a backslash
/// followed by ASCII punctuation stands for that character. Other backslashes
/// are kept. Borrows when there is nothing to unescape.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Replaces only the table-level escape `\|` by `|` (used for description
/// cells, whose other Markdown escapes are kept for rustdoc).
pub fn unescape_pipes(s: &str) -> Cow<'_, str> {
    if s.contains("\\|") {
        Cow::Owned(s.replace("\\|", "|"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Converts byte offsets into 1-based line numbers, counting newlines
/// incrementally (offsets usually arrive in increasing order).
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    /// A counter over `text`, positioned at line 1.
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte offset `offset` (clamped to the text length).
    pub fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        let newlines = self.text[self.pos..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u32;
        self.pos = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_removes_punctuation_escapes_only() {
        assert_eq!(unescape(r"req\_DH\_params"), "req_DH_params");
        assert_eq!(unescape(r"long\|string"), "long|string");
        assert_eq!(unescape(r"a\b"), r"a\b");
        assert_eq!(unescape("trailing\\"), "trailing\\");
        assert!(matches!(unescape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn unescape_pipes_keeps_other_escapes() {
        assert_eq!(unescape_pipes(r"a \| b \_c"), r"a | b \_c");
    }

    #[test]
    fn line_counter_counts_forward_and_backward() {
        let text = "a\nb\n\nc\n";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(5), 4);
        assert_eq!(lines.line_at(1), 1);
        assert_eq!(lines.line_at(100), 5);
    }
}
