//! Escaping text for rustdoc Markdown: special characters, code spans and
//! blocks, and bare URLs turned into autolinks.

/// Splits text into (piece, is_url) runs, URLs being `http(s)://…` runs that
/// rustdoc's `bare_urls` lint would flag.
pub(super) fn split_urls(text: &str) -> Vec<(&str, bool)> {
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
pub(super) fn escape_text(text: &str, line_start: bool) -> String {
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

pub(super) fn looks_like_entity(rest: &[char]) -> bool {
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
pub(super) fn code_span(code: &str, in_table: bool) -> String {
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

pub(super) fn longest_run(text: &str, c: char) -> usize {
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
pub(super) fn code_block(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    let mut body = code.to_owned();
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    format!("{fence}text\n{body}{fence}")
}
