//! The line parser: one `name[#id] [{X:Type}] param:type ... = Result;` per line.
//!
//! Plain byte/str scanning, no regex. Every malformed line is an
//! [`Error::Parse`] naming the file, the line and what was
//! expected; no input makes it panic.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::ir::{Flag, TlType};

use super::crc::normalize_into;
use super::{Category, Definition, Schema, SchemaParam};

/// The shape every entry line must have, quoted in errors.
const SHAPE: &str = "expected `name[#id] [{X:Type}] param:type ... = Result;`";

/// What a `---...---` line may say, quoted in errors.
const SECTIONS: &str = "expected `---functions---` or `---types---`";

/// Parses the text of one schema file. `path` is only used in errors and
/// diagnostics.
pub fn parse_schema(path: &Path, text: &str) -> Result<Schema> {
    let mut parser = Parser {
        category: Category::Type,
        layer: None,
        tokens: Vec::with_capacity(64),
        crc_buf: Vec::with_capacity(256),
        seen: HashMap::new(),
        generic_names: HashMap::new(),
    };
    // A rough estimate: most lines are entries.
    let mut definitions = Vec::with_capacity(text.len() / 64);
    for (index, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        match parser.line(line, line_no) {
            Ok(Some(def)) => definitions.push(def),
            Ok(None) => {}
            Err(_) if definitions.is_empty() && reads_as_markdown(path, text) => {
                return Err(Error::parse(
                    path,
                    line_no,
                    "not a TL schema: it reads as Markdown (a docs page?); a schema is the \
                     `.tl` file the docs were made from, one `name#id param:type ... = Type;` \
                     per line",
                ));
            }
            Err(message) => return Err(Error::parse(path, line_no, message)),
        }
    }
    Ok(Schema {
        path: path.display().to_string(),
        definitions,
        layer: super::declared_layer(text),
    })
}

/// Whether a file that failed before its first definition is Markdown (a
/// docs page given as a schema): by its name, or by a first line no TL file
/// has (YAML front matter, a heading, a table row).
fn reads_as_markdown(path: &Path, text: &str) -> bool {
    let by_name = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"));
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    by_name || first.is_some_and(|l| l == "---" || l.starts_with("# ") || l.starts_with('|'))
}

/// State carried from line to line, and buffers reused across lines.
struct Parser<'a> {
    /// The current `---types---` / `---functions---` section.
    category: Category,
    /// The current `===N===` section.
    layer: Option<u32>,
    /// The whitespace-separated tokens of the current entry.
    tokens: Vec<&'a str>,
    /// The normalized text hashed into the ID.
    crc_buf: Vec<u8>,
    /// The params of the current entry so far: name -> whether it can carry
    /// flags (`#`, or `int` in old layers). A map, not a scan of the params,
    /// so that a line with n params costs O(n), not O(n²).
    seen: HashMap<&'a str, bool>,
    /// The `{X:Type}` generics of the current entry (name -> bound).
    generic_names: HashMap<&'a str, &'a str>,
}

impl<'a> Parser<'a> {
    /// Parses one line: `Ok(None)` for blank lines, comments and section
    /// markers; `Err(message)` for a malformed line.
    fn line(&mut self, line: &'a str, line_no: u32) -> Result<Option<Definition>, String> {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            return Ok(None);
        }
        if line.starts_with("---") || line.starts_with("===") {
            return self.marker(line);
        }
        self.entry(line, line_no).map(Some)
    }

    /// Parses a `---functions---`/`---types---` or `===N===` line (a trailing
    /// `// comment` allowed).
    fn marker(&mut self, line: &str) -> Result<Option<Definition>, String> {
        let line = match line.find("//") {
            Some(comment) => line[..comment].trim_end(),
            None => line,
        };
        if let Some(marker) = line.strip_prefix("---") {
            self.category = match marker {
                "functions---" => Category::Function,
                "types---" => Category::Type,
                _ => return Err(format!("unknown section marker `{line}`: {SECTIONS}")),
            };
            return Ok(None);
        }
        if let Some(marker) = line.strip_prefix("===") {
            let layer = marker
                .strip_suffix("===")
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse::<u32>().ok())
                .ok_or_else(|| {
                    format!("malformed layer marker `{line}`: expected `===N===` with a decimal layer N")
                })?;
            self.layer = Some(layer);
            return Ok(None);
        }
        unreachable_marker(line)
    }

    /// Parses a definition line (trimmed, not blank, not a comment).
    fn entry(&mut self, line: &'a str, line_no: u32) -> Result<Definition, String> {
        let Some((entry, rest)) = line.split_once(';') else {
            return Err(format!("missing `;` at the end of the definition: {SHAPE}"));
        };
        let rest = rest.trim_start();
        if !rest.is_empty() && !rest.starts_with("//") {
            return Err(format!(
                "unexpected text `{}` after `;`: expected the end of the line or a `// comment`",
                clip(rest)
            ));
        }

        self.tokens.clear();
        self.tokens.extend(entry.split_ascii_whitespace());
        let Some(&head) = self.tokens.first() else {
            return Err(format!("empty definition before `;`: {SHAPE}"));
        };
        let (name, declared_id) = parse_head(head)?;
        // Checked first so that `a x:int A;` says what is really missing.
        let Some(equals) = self.tokens.iter().position(|&t| t == "=") else {
            return Err(format!("missing ` = ` before the result type: {SHAPE}"));
        };

        let mut generics: Vec<(String, String)> = Vec::new();
        self.seen.clear();
        self.generic_names.clear();
        let mut params: Vec<SchemaParam> = Vec::with_capacity(equals.saturating_sub(1));
        let mut tokens = self.tokens.iter().copied().skip(1);
        let mut saw_equals = false;
        // Inside the built-in `# [ t ]` repetition of `vector`.
        let mut in_brackets = false;
        let mut after_hash = false;
        for token in tokens.by_ref() {
            if in_brackets {
                if token == "]" {
                    in_brackets = false;
                } else if token == "[" {
                    return Err("nested `[` in a repetition: expected `]`".to_string());
                }
                continue;
            }
            if after_hash {
                if token != "[" {
                    return Err(format!(
                        "anonymous `#` followed by `{}`: expected `[` (as in `# [ t ]`)",
                        clip(token)
                    ));
                }
                after_hash = false;
                in_brackets = true;
                continue;
            }
            match token {
                "=" => {
                    saw_equals = true;
                    break;
                }
                "#" => after_hash = true,
                "[" | "]" => {
                    return Err(format!(
                        "unexpected `{token}`: expected `# [ t ]` or a `name:type` param"
                    ))
                }
                _ if token.starts_with('{') => {
                    if !params.is_empty() {
                        return Err(format!(
                            "generic `{}` after the params: expected `{{X:Type}}` right after the name",
                            clip(token)
                        ));
                    }
                    let (name, bound) = parse_generic(token)?;
                    if self.generic_names.insert(name, bound).is_some() {
                        return Err(format!(
                            "duplicate generic `{name}`: expected unique `{{X:Type}}` names"
                        ));
                    }
                    generics.push((name.to_string(), bound.to_string()));
                }
                _ => {
                    let param = parse_param(token, &mut self.seen, &self.generic_names)?;
                    params.push(param);
                }
            }
        }
        if in_brackets || after_hash {
            return Err("unclosed `# [ ... ]` repetition: expected `]`".to_string());
        }
        if !saw_equals {
            // Only when the `=` sits inside `# [ ... ]`.
            return Err(format!("missing ` = ` before the result type: {SHAPE}"));
        }

        let mut result = String::new();
        for token in tokens {
            check_result_token(token)?;
            if !result.is_empty() {
                result.push(' ');
            }
            result.push_str(token);
        }
        if result.is_empty() {
            return Err(format!("missing result type after `=`: {SHAPE}"));
        }

        normalize_into(self.tokens.iter().copied(), &mut self.crc_buf);
        let computed_id = crate::crc32::hash(&self.crc_buf);

        Ok(Definition {
            name,
            declared_id,
            computed_id,
            generics,
            params,
            result: TlType::parse(&result),
            category: self.category,
            layer: self.layer,
            line: line_no,
        })
    }
}

/// Parses `name` or `name#hexid`.
fn parse_head(head: &str) -> Result<(String, Option<u32>), String> {
    let (name, id) = match split_once_byte(head, b'#') {
        Some((name, id)) => (name, Some(id)),
        None => (head, None),
    };
    if name.is_empty() {
        return Err(format!("empty name in `{}`: {SHAPE}", clip(head)));
    }
    check_name(name)?;
    let declared_id = match id {
        None => None,
        Some(hex) => {
            if hex.is_empty() || hex.len() > 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "bad constructor ID `#{}` of `{name}`: expected 1 to 8 hex digits",
                    clip(hex)
                ));
            }
            // Cannot fail after the check above.
            Some(
                u32::from_str_radix(hex, 16)
                    .map_err(|e| format!("bad constructor ID `#{hex}`: {e}"))?,
            )
        }
    };
    Ok((name.to_string(), declared_id))
}

/// A TL name: identifier segments separated by single dots (`messages.sendMessage`).
fn check_name(name: &str) -> Result<(), String> {
    let ok = name.split('.').all(|seg| {
        seg.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid name `{}`: expected letters, digits and `_`, with `.` between namespace and name",
            clip(name)
        ))
    }
}

/// Whether `s` is a plain identifier (`flags`, `srp_B`, `M1`).
fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Parses `{X:Type}`.
fn parse_generic(token: &str) -> Result<(&str, &str), String> {
    let inner = token
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .and_then(|t| split_once_byte(t, b':'))
        .filter(|(name, bound)| is_ident(name) && is_ident(bound));
    match inner {
        Some((name, bound)) => Ok((name, bound)),
        None => Err(format!(
            "malformed generic `{}`: expected `{{X:Type}}`",
            clip(token)
        )),
    }
}

/// Parses `name:type` or `name:field.N?type`; `seen` holds the params before
/// it (name -> whether it is a flags field) and gets this one.
fn parse_param<'a>(
    token: &'a str,
    seen: &mut HashMap<&'a str, bool>,
    generics: &HashMap<&str, &str>,
) -> Result<SchemaParam, String> {
    let Some((name, ty)) = split_once_byte(token, b':') else {
        return Err(format!(
            "param `{}` without `:`: expected `name:type`",
            clip(token)
        ));
    };
    if !is_ident(name) {
        return Err(format!(
            "invalid param name `{}` in `{}`: expected letters, digits and `_`",
            clip(name),
            clip(token)
        ));
    }
    if seen.contains_key(name) {
        return Err(format!(
            "duplicate param `{name}`: expected unique param names"
        ));
    }
    let (flag, ty) = match split_once_byte(ty, b'?') {
        None => (None, ty),
        Some((cond, ty)) => (Some(parse_flag(name, cond, seen)?), ty),
    };
    if ty == "#" {
        if flag.is_some() {
            return Err(format!(
                "conditional flags field `{name}`: a `#` param cannot be conditional"
            ));
        }
    } else {
        check_type(ty, generics).map_err(|what| format!("param `{name}`: {what}"))?;
    }
    // `int` is tolerated as a flags field: v65/v66 `auth.importBotAuthorization`
    // declares `flags:int a:flags.0?true ...` (payload-less `true` params,
    // outside the ID).
    seen.insert(name, ty == "#" || ty == "int");
    Ok(SchemaParam {
        name: name.to_string(),
        ty: TlType::parse(ty),
        flag,
    })
}

/// Parses the `field.N` of `name:field.N?type`.
fn parse_flag(name: &str, cond: &str, seen: &HashMap<&str, bool>) -> Result<Flag, String> {
    let Some((field, bit)) = split_once_byte(cond, b'.') else {
        return Err(format!(
            "param `{name}`: malformed condition `{}?`: expected `flags.N?type`",
            clip(cond)
        ));
    };
    if seen.get(field) != Some(&true) {
        return Err(format!(
            "param `{name}`: flag `{}` references `{}`, which is not a preceding `#` param",
            clip(cond),
            clip(field)
        ));
    }
    if bit.is_empty() || !bit.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "param `{name}`: flag bit `{}` is not a number: expected 0..=31",
            clip(bit)
        ));
    }
    match bit.parse::<u8>() {
        Ok(bit) if bit <= 31 => Ok(Flag {
            field: field.to_string(),
            bit,
        }),
        _ => Err(format!(
            "param `{name}`: flag bit {} out of range: expected 0..=31",
            clip(bit)
        )),
    }
}

/// Checks a param type: `int`, `Vector<T>`, `vector<%T>`, `!X`, `messages.Messages`, ...
fn check_type(ty: &str, generics: &HashMap<&str, &str>) -> Result<(), String> {
    if ty.is_empty() {
        return Err("empty type: expected `name:type`".to_string());
    }
    if let Some(generic) = ty.strip_prefix('!') {
        if generics.contains_key(generic) {
            return Ok(());
        }
        return Err(format!(
            "`{}` does not name a `{{X:Type}}` generic of this definition",
            clip(ty)
        ));
    }
    check_type_expr(ty).map_err(|what| format!("malformed type `{}`: {what}", clip(ty)))
}

/// How deeply type arguments may nest (`Vector<Vector<T>>` is 2). Real
/// schemas need 2; the limit keeps the recursive consumers of type
/// expressions (`ir::TlType::parse`, the emitter) far from the stack's end on
/// hostile input.
pub const MAX_TYPE_DEPTH: usize = 32;

/// Checks `Name`, `ns.Name`, `%Name`, `Name<...>` with balanced angle brackets
/// nested at most [`MAX_TYPE_DEPTH`] deep.
fn check_type_expr(ty: &str) -> Result<(), String> {
    let mut depth = 0usize;
    // Whether the current segment (since the start or a `<`) has a name byte.
    let mut segment_has_name = false;
    let mut segment_closed = false;
    for b in ty.bytes() {
        match b {
            b'<' => {
                if !segment_has_name || segment_closed {
                    return Err("`<` without a type name before it".to_string());
                }
                depth += 1;
                if depth > MAX_TYPE_DEPTH {
                    return Err(format!(
                        "type arguments nested more than {MAX_TYPE_DEPTH} deep"
                    ));
                }
                segment_has_name = false;
            }
            b'>' => {
                if depth == 0 {
                    return Err("unbalanced `>`".to_string());
                }
                if !segment_has_name {
                    return Err("empty `<>`".to_string());
                }
                depth -= 1;
                segment_closed = true;
            }
            b'%' if !segment_has_name => {}
            _ if segment_closed => return Err("text after `>`".to_string()),
            b'.' if segment_has_name => {}
            _ if b.is_ascii_alphanumeric() || b == b'_' => segment_has_name = true,
            _ => {
                return Err(format!(
                    "unexpected character `{}`",
                    char::from(b).escape_default()
                ))
            }
        }
    }
    if depth != 0 {
        return Err("unclosed `<`".to_string());
    }
    if !segment_has_name {
        return Err("missing type name".to_string());
    }
    Ok(())
}

/// Checks one token of the result type (`Updates`, `Vector<User>`, `Vector t`, `X`).
fn check_result_token(token: &str) -> Result<(), String> {
    check_type_expr(token)
        .map_err(|what| format!("malformed result type `{}`: {what}", clip(token)))
}

/// Only called for lines starting with `---` or `===`; kept as an error, not a
/// panic, should the caller change.
fn unreachable_marker(line: &str) -> Result<Option<Definition>, String> {
    Err(format!(
        "malformed section marker `{}`: {SECTIONS}",
        clip(line)
    ))
}

/// `s.split_once(byte)` for an ASCII byte: a plain loop, faster than the
/// generic char search on the short tokens of a schema line.
pub(crate) fn split_once_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let at = s.as_bytes().iter().position(|&b| b == byte)?;
    // An ASCII byte always sits at a char boundary.
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// Shortens text quoted in an error message (at a char boundary).
fn clip(s: &str) -> &str {
    const MAX: usize = 60;
    if s.len() <= MAX {
        return s;
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
