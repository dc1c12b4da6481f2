//! Comma-separated records as RFC 4180 writes them (and Python's `csv`
//! module, which wrote Telethon's tables): fields separated by `,`, records
//! by `\n` or `\r\n`; a field that holds a comma, a quote or a line break is
//! quoted, with `""` for a quote inside. A quoted field may span lines: the
//! record keeps the line it starts on.
//!
//! Stricter than Python's reader where it guesses: a quote inside an
//! unquoted field, text after a closing quote and a quote never closed are
//! errors at their line, not text.

use std::path::Path;

use crate::error::{Error, Result};

/// One record: its fields, unquoted, and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line of its first character.
    pub line: u32,
    /// The fields, quotes removed and `""` read as `"`.
    pub fields: Vec<String>,
}

/// Splits `text` (read from `path`, which errors name) into records. Blank
/// lines are skipped; a leading byte-order mark is ignored.
pub fn records(path: &Path, text: &str) -> Result<Vec<Record>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        path,
        chars: text.chars().peekable(),
        line: 1,
    };
    let mut records = Vec::new();
    while let Some(record) = reader.record()? {
        records.push(record);
    }
    Ok(records)
}

struct Reader<'a, 't> {
    path: &'a Path,
    chars: std::iter::Peekable<std::str::Chars<'t>>,
    /// The line of the next character.
    line: u32,
}

/// What ended a field.
enum End {
    /// A `,`: another field follows.
    Comma,
    /// A line break or the end of the text: the record is complete.
    Record,
}

impl Reader<'_, '_> {
    /// The next non-blank record, or `None` at the end of the text.
    fn record(&mut self) -> Result<Option<Record>> {
        loop {
            match self.chars.peek().copied() {
                None => return Ok(None),
                Some('\n') => {
                    self.chars.next();
                    self.line += 1;
                }
                Some('\r') if self.at_crlf() => {
                    self.chars.next();
                }
                Some(_) => break,
            }
        }
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            let (field, end) = self.field()?;
            fields.push(field);
            if let End::Record = end {
                return Ok(Some(Record { line, fields }));
            }
        }
    }

    /// Whether the next characters are `\r\n`.
    fn at_crlf(&self) -> bool {
        let mut ahead = self.chars.clone();
        ahead.next() == Some('\r') && ahead.next() == Some('\n')
    }

    /// Consumes a line break (`\n` or `\r\n`) if one is next.
    fn line_break(&mut self) -> bool {
        if self.at_crlf() {
            self.chars.next();
        }
        if self.chars.peek() == Some(&'\n') {
            self.chars.next();
            self.line += 1;
            true
        } else {
            false
        }
    }

    fn field(&mut self) -> Result<(String, End)> {
        if self.chars.peek() == Some(&'"') {
            self.chars.next();
            return self.quoted();
        }
        let mut field = String::new();
        loop {
            if self.line_break() {
                return Ok((field, End::Record));
            }
            match self.chars.next() {
                None => return Ok((field, End::Record)),
                Some(',') => return Ok((field, End::Comma)),
                Some('"') => {
                    return Err(Error::parse(
                        self.path,
                        self.line,
                        format!(
                            "a `\"` inside the unquoted field `{field}\"...`: expected the \
                             whole field in quotes, with `\"\"` for each quote inside"
                        ),
                    ))
                }
                Some(c) => field.push(c),
            }
        }
    }

    /// The rest of a quoted field, its opening quote consumed.
    fn quoted(&mut self) -> Result<(String, End)> {
        let opened = self.line;
        let mut field = String::new();
        loop {
            match self.chars.next() {
                None => {
                    return Err(Error::parse(
                        self.path,
                        opened,
                        "a quoted field that is never closed: expected a closing `\"` \
                         (a quote inside a field is written `\"\"`)",
                    ))
                }
                Some('"') if self.chars.peek() == Some(&'"') => {
                    self.chars.next();
                    field.push('"');
                }
                Some('"') => break,
                Some('\n') => {
                    self.line += 1;
                    field.push('\n');
                }
                Some(c) => field.push(c),
            }
        }
        if self.line_break() {
            return Ok((field, End::Record));
        }
        match self.chars.next() {
            None => Ok((field, End::Record)),
            Some(',') => Ok((field, End::Comma)),
            Some(c) => Err(Error::parse(
                self.path,
                self.line,
                format!(
                    "`{c}` after the closing quote of `\"{field}\"`: expected `,` or the end \
                     of the line (a quote inside a field is written `\"\"`)"
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<(u32, Vec<String>)>> {
        Ok(records(Path::new("t.csv"), text)?
            .into_iter()
            .map(|r| (r.line, r.fields))
            .collect())
    }

    fn fields(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_and_quoted_fields() {
        let text = "a,b,c\r\n\nx,\"y, \"\"z\"\"\",\n\"multi\nline\",2,\"\"\nlast,,end";
        assert_eq!(
            parse(text).unwrap(),
            [
                (1, fields(&["a", "b", "c"])),
                (3, fields(&["x", "y, \"z\"", ""])),
                (4, fields(&["multi\nline", "2", ""])),
                (6, fields(&["last", "", "end"])),
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_and_a_trailing_comma() {
        assert_eq!(parse("\u{feff}a,\n").unwrap(), [(1, fields(&["a", ""]))]);
    }

    #[test]
    fn malformed_quoting_names_the_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(
            err("ok,ok\nab\"c,d\n"),
            "t.csv:2: a `\"` inside the unquoted field `ab\"...`: expected the whole field in \
             quotes, with `\"\"` for each quote inside"
        );
        assert_eq!(
            err("ok\n\"one\ntwo\nthree"),
            "t.csv:2: a quoted field that is never closed: expected a closing `\"` (a quote \
             inside a field is written `\"\"`)"
        );
        assert_eq!(
            err("a,\"b\"c\n"),
            "t.csv:1: `c` after the closing quote of `\"b\"`: expected `,` or the end of the \
             line (a quote inside a field is written `\"\"`)"
        );
    }
}
