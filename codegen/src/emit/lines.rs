//! [`Formatting::Lines`](super::Formatting::Lines): readable Rust text
//! straight from the token trees, without parsing.
//!
//! `syn` + `prettyplease` take most of the generator's time, which in a
//! build script (compiled without optimizations) is paid again on every
//! clean build of the generated crate (PERFORMANCE.md, "No prettyplease in
//! the build script", has the figures). This printer walks the tokens once:
//! one line per statement, field, variant, match arm and attribute,
//! indentation by brace depth, `#[doc]` attributes back as `///` comments. It never changes a token, only the whitespace between
//! them, so the result is the code `prettyplease` would print, laid out less
//! carefully: the tests parse both layouts (the sample tree, and all of v223
//! in `tests/layout_v223.rs`) and require the same [`canonical`] form.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;

use proc_macro2::{Delimiter, Ident, Literal, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;

/// Prints `tokens` as lines of Rust.
pub fn print(tokens: TokenStream) -> String {
    print_file(tokens).text
}

/// A file printed by [`print_file`].
pub struct Printed {
    /// The Rust text.
    pub text: String,
    /// Whether the code (docs aside) names an item of the runtime's
    /// `alloc_prelude`, which `std`'s prelude has and `core`'s lacks:
    /// [`ALLOC_NAMES`].
    pub names_alloc: bool,
}

/// Identifiers that need the runtime's `alloc_prelude` without `std`: its
/// items, and the methods of its traits.
pub const ALLOC_NAMES: &[&str] = &[
    "Vec",
    "String",
    "Box",
    "ToOwned",
    "ToString",
    "to_owned",
    "to_string",
];

/// Prints `tokens` as lines of Rust, noting on the way whether they name
/// anything of [`ALLOC_NAMES`] (the printer sees every identifier anyway;
/// a second walk over the tokens would copy every shared stream).
pub fn print_file(tokens: TokenStream) -> Printed {
    print_file_with(tokens, &[])
}

/// [`print_file`] for tokens whose doc attributes may hold indexes into
/// `docs`, the table of [`DocLines`]: `#[doc = N]` with an integer `N`
/// prints as the `///` line of `docs[N]`.
pub(crate) fn print_file_with(tokens: TokenStream, docs: &[String]) -> Printed {
    let mut p = Printer {
        docs,
        out: String::new(),
        depth: 0,
        at_line_start: true,
        glue: true,
        prev: Prev::None,
        after_keyword: false,
        names_alloc: false,
    };
    p.seq(&tree(tokens), Breaks::Block);
    p.newline();
    Printed {
        text: p.out,
        names_alloc: p.names_alloc,
    }
}

/// Groups of more tokens than this (counting into nested groups) are
/// printed one argument per line.
const LONG_GROUP: usize = 32;

/// A block-level sum (`12 + a + b + ...`) breaks before the next `+` once its
/// line is this long.
const BLOCK_LINE: usize = 80;

/// A token tree taken apart once, moving the tokens out of their streams
/// (a `TokenStream` iterated while shared would copy them), with each
/// group's size measured on the way.
enum Tok {
    Group(Delimiter, Vec<Tok>, usize),
    Ident(Ident),
    Punct(Punct),
    Literal(Literal),
}

impl Tok {
    fn size(&self) -> usize {
        match self {
            Tok::Group(_, _, size) => *size,
            _ => 1,
        }
    }

    fn is_punct(&self, c: char) -> bool {
        matches!(self, Tok::Punct(p) if p.as_char() == c)
    }
}

fn tree(tokens: TokenStream) -> Vec<Tok> {
    let tokens = tokens.into_iter();
    // A plain loop: the unoptimized build script pays for every iterator
    // adapter layer a token moves through.
    let mut out = Vec::with_capacity(tokens.size_hint().0);
    for t in tokens {
        out.push(match t {
            TokenTree::Group(g) => {
                let delimiter = g.delimiter();
                let stream = g.stream();
                // The group held the other reference to its stream.
                drop(g);
                let items = tree(stream);
                let mut size = 2;
                for item in &items {
                    size += item.size();
                }
                Tok::Group(delimiter, items, size)
            }
            TokenTree::Ident(i) => Tok::Ident(i),
            TokenTree::Punct(p) => Tok::Punct(p),
            TokenTree::Literal(l) => Tok::Literal(l),
        });
    }
    out
}

/// Where a token sequence breaks lines.
#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    /// Inside `{}` (or the file): after `;` and `,`, around attributes and
    /// after blocks.
    Block,
    /// A long `()`/`[]` group: after `,` and before binary `|` and `+`.
    Long,
    /// A short group: one line.
    None,
}

/// What the last printed token was, for the spacing rules.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    None,
    Ident,
    /// A punctuation character, and whether it was the second `:` of `::`.
    Punct(char, bool),
    Other,
}

struct Printer<'a> {
    /// The doc lines `#[doc = N]` attributes stand for.
    docs: &'a [String],
    out: String,
    /// Brace nesting: the indentation level.
    depth: usize,
    at_line_start: bool,
    /// No space before the next token (after a joint punctuation, an opening
    /// delimiter, `::`, `.`).
    glue: bool,
    prev: Prev,
    /// The last identifier was a keyword (`if !x` is not a macro call).
    after_keyword: bool,
    /// An identifier of [`ALLOC_NAMES`] was printed.
    names_alloc: bool,
}

impl Printer<'_> {
    /// Bytes on the line being written.
    fn line_len(&self) -> usize {
        self.out.len() - self.out.rfind('\n').map_or(0, |i| i + 1)
    }

    fn newline(&mut self) {
        if !self.at_line_start {
            self.out.push('\n');
            self.at_line_start = true;
            self.glue = true;
        }
    }

    /// Writes what must come before the next token: the indentation at the
    /// start of a line, else a space unless glued or `tight_before`.
    fn space(&mut self, tight_before: bool) {
        if self.at_line_start {
            for _ in 0..self.depth {
                self.out.push_str("    ");
            }
            self.at_line_start = false;
        } else if !(self.glue || tight_before) {
            self.out.push(' ');
        }
        self.glue = false;
    }

    fn word(&mut self, text: &str, tight_before: bool) {
        self.space(tight_before);
        self.out.push_str(text);
    }

    /// A token sequence, with the line breaks of its context.
    fn seq(&mut self, tokens: &[Tok], breaks: Breaks) {
        let block = breaks == Breaks::Block;
        // Generic arguments (`put::<4, 8>`) are no group: their commas must
        // not break the line. Track `<`...`>` opened after a name or `::`.
        let mut angles = 0usize;
        let mut i = 0;
        while i < tokens.len() {
            let next = tokens.get(i + 1);
            match &tokens[i] {
                Tok::Punct(p) => {
                    let c = p.as_char();
                    match c {
                        '<' if matches!(self.prev, Prev::Ident | Prev::Punct(':', true)) => {
                            angles += 1
                        }
                        '>' if angles > 0 && !matches!(self.prev, Prev::Punct('-' | '=', _)) => {
                            angles -= 1
                        }
                        _ => {}
                    }
                    if block && c == '#' {
                        if let Some(Tok::Group(Delimiter::Bracket, attr, _)) = next {
                            self.newline();
                            self.attribute(attr);
                            self.newline();
                            i += 2;
                            continue;
                        }
                    }
                    // In a long group every `|`/`+` operand gets a line; in
                    // a block (a sum of sizes as a body's value) a `+` once
                    // the line has grown long.
                    let breaks_here = match breaks {
                        Breaks::Long => matches!(c, '|' | '+'),
                        Breaks::Block => c == '+' && self.line_len() > BLOCK_LINE,
                        Breaks::None => false,
                    };
                    let binary_operand = breaks_here
                        && angles == 0
                        && p.spacing() == Spacing::Alone
                        && matches!(self.prev, Prev::Ident | Prev::Other);
                    if binary_operand {
                        self.newline();
                    }
                    self.punct(p, next);
                    if breaks != Breaks::None && angles == 0 && matches!(c, ';' | ',') {
                        self.newline();
                    }
                }
                Tok::Group(Delimiter::Brace, items, _) if block => {
                    self.brace(items);
                    // A block that ends an item, an arm or a statement ends
                    // the line, unless the expression goes on after it.
                    let continues = match next {
                        Some(Tok::Ident(id)) => id == "else",
                        Some(t) => [';', ',', '.', '?'].iter().any(|&c| t.is_punct(c)),
                        None => false,
                    };
                    if !continues {
                        self.newline();
                    }
                }
                other => self.token(other),
            }
            i += 1;
        }
    }

    /// `#[...]`: a doc string as a `///` line, anything else as written.
    fn attribute(&mut self, attr: &[Tok]) {
        if let Some(text) = doc_text(attr, self.docs) {
            self.word("///", false);
            self.out.push_str(&text);
            self.prev = Prev::Other;
            return;
        }
        self.word("#", false);
        self.glue = true;
        self.prev = Prev::Punct('#', false);
        self.group(Delimiter::Bracket, attr, 0);
    }

    fn brace(&mut self, items: &[Tok]) {
        if items.is_empty() {
            self.word("{}", false);
            self.prev = Prev::Other;
            return;
        }
        self.word("{", false);
        self.prev = Prev::None;
        self.depth += 1;
        self.newline();
        self.seq(items, Breaks::Block);
        self.depth -= 1;
        self.newline();
        self.word("}", false);
        self.prev = Prev::Other;
    }

    /// A `()` or `[]` group: on one line, except for blocks inside it; a
    /// long one (a macro's list, a long flags expression) gets one line per
    /// argument, and per operand of `|`/`+`.
    fn group(&mut self, delimiter: Delimiter, items: &[Tok], size: usize) {
        let (open, close) = match delimiter {
            Delimiter::Parenthesis => ("(", ")"),
            Delimiter::Bracket => ("[", "]"),
            Delimiter::Brace => return self.brace(items),
            Delimiter::None => ("", ""),
        };
        // A call, an index or a macro's arguments: no space before `(`/`[`.
        let tight = matches!(self.prev, Prev::Ident | Prev::Punct('!' | '>', _));
        self.word(open, tight);
        self.glue = true;
        self.prev = Prev::None;
        if size > LONG_GROUP {
            self.depth += 1;
            self.newline();
            self.seq(items, Breaks::Long);
            self.depth -= 1;
            self.newline();
        } else {
            self.seq(items, Breaks::None);
        }
        self.word(close, true);
        self.prev = Prev::Other;
    }

    fn token(&mut self, t: &Tok) {
        match t {
            Tok::Group(delimiter, items, size) => self.group(*delimiter, items, *size),
            Tok::Ident(id) => {
                self.space(false);
                let start = self.out.len();
                let _ = write!(self.out, "{id}");
                // One `match` on the printed text: comparing the `Ident`
                // with each name would take a dozen calls per identifier.
                let word = &self.out[start..];
                // Keywords that an expression may follow (`if !x`,
                // `return !x`, `in &v`).
                self.after_keyword = matches!(
                    word,
                    "as" | "break"
                        | "else"
                        | "for"
                        | "if"
                        | "in"
                        | "let"
                        | "match"
                        | "move"
                        | "mut"
                        | "return"
                        | "while"
                );
                if !self.names_alloc && ALLOC_NAMES.contains(&word) {
                    self.names_alloc = true;
                }
                self.prev = Prev::Ident;
            }
            Tok::Literal(l) => {
                self.space(false);
                let _ = write!(self.out, "{l}");
                self.prev = Prev::Other;
            }
            Tok::Punct(p) => self.punct(p, None),
        }
    }

    /// Spacing for punctuation. Whatever the choice, the tokens stay the same
    /// (joint punctuation is never split, nothing is glued into a new token:
    /// the round-trip tests check both); these rules only make it read like
    /// ordinary Rust: `a::b`, `x: T`, `f(a, b);`, `Vec<T>`, `&mut x`, `m!(..)`.
    fn punct(&mut self, p: &Punct, next: Option<&Tok>) {
        let c = p.as_char();
        let joint = p.spacing() == Spacing::Joint;
        let after_value = matches!(self.prev, Prev::Ident | Prev::Other);
        let path_sep = c == ':' && matches!(self.prev, Prev::Punct(':', false)) && self.glue;
        let macro_bang = c == '!'
            && matches!(self.prev, Prev::Ident)
            && !self.after_keyword
            && matches!(next, Some(Tok::Group(..)));
        let tight = matches!(c, ',' | ';' | '.' | '?')
            || (c == ':' && (after_value || matches!(self.prev, Prev::Punct('>', _))))
            || (c == '<' && matches!(self.prev, Prev::Ident | Prev::Punct(':', true)))
            || (c == '>' && (after_value || matches!(self.prev, Prev::Punct('>', _))))
            || macro_bang;
        let unary = !after_value && !matches!(self.prev, Prev::Punct('&', _));
        self.space(tight);
        self.out.push(c);
        self.glue = joint
            || c == '.'
            || path_sep
            || (c == '<' && (tight || !after_value))
            || (c == '&' && unary)
            || c == '#'
            || c == '\'';
        self.prev = Prev::Punct(c, path_sep);
    }
}

/// The text of `doc = "..."` when it can be a `///` line that lexes back to
/// the same attribute ([`is_line_safe`]), or of `doc = N` (an entry of
/// `docs`, the table of [`DocLines`]).
fn doc_text<'d>(attr: &[Tok], docs: &'d [String]) -> Option<Cow<'d, str>> {
    match attr {
        [Tok::Ident(id), Tok::Punct(eq), Tok::Literal(lit)]
            if id == "doc" && eq.as_char() == '=' =>
        {
            let repr = lit.to_string();
            if let Ok(index) = repr.parse::<usize>() {
                return docs.get(index).map(|line| Cow::Borrowed(line.as_str()));
            }
            let text = unescape_str(&repr)?;
            is_line_safe(&text).then_some(Cow::Owned(text))
        }
        _ => None,
    }
}

/// Whether a doc line can be a `///` comment that lexes back to the same
/// attribute: no control characters (a line break among them), and not
/// starting with `/` (`////` is an ordinary comment).
pub(crate) fn is_line_safe(text: &str) -> bool {
    // Bytes, not chars: this runs over every doc line in an unoptimized
    // build script. The control characters are C0, DEL and C1 (U+0080 to
    // U+009F, which UTF-8 writes as 0xC2 followed by 0x80 to 0x9F; 0xC2
    // only ever leads a character).
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b'/') {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x20 || b == 0x7f || (b == 0xc2 && matches!(bytes.get(i + 1), Some(0x80..=0x9f))) {
            return false;
        }
        i += 1;
    }
    true
}

/// Doc lines kept out of the token stream for [`print_file_with`]: escaping every
/// character of a doc line into a string literal, and back when printing it,
/// took a tenth of a build script's run. [`DocLines::attrs`] gives the
/// `#[doc]` attributes of a text; lines the printer writes as `///`
/// comments ([`is_line_safe`]) hold an index into [`DocLines::take_table`]
/// instead of the text. Only for the token printer: any other reader of
/// the tokens needs the real literals ([`DocLines::literals`]).
pub(crate) struct DocLines {
    /// `None`: every line a string literal.
    table: Option<RefCell<Vec<String>>>,
}

impl DocLines {
    /// A table of lines, for tokens [`print_file_with`] prints.
    pub(crate) fn table() -> Self {
        DocLines {
            table: Some(RefCell::new(Vec::new())),
        }
    }

    /// No table: string literals, for tokens anything else reads.
    pub(crate) fn literals() -> Self {
        DocLines { table: None }
    }

    /// `#[doc = ...]` attributes for the lines of `text` (trailing
    /// whitespace trimmed), each line after a space.
    pub(crate) fn attrs(&self, text: &str) -> TokenStream {
        let text = text.trim_end();
        let mut out = TokenStream::new();
        if text.is_empty() {
            return out;
        }
        for line in text.lines() {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            let value = match &self.table {
                Some(table) if is_line_safe(&line) => {
                    let mut table = table.borrow_mut();
                    table.push(line);
                    Literal::usize_unsuffixed(table.len() - 1)
                }
                _ => Literal::string(&line),
            };
            out.extend(quote!(#[doc = #value]));
        }
        out
    }

    /// The lines the attributes made so far stand for, by index; the table
    /// starts again empty.
    pub(crate) fn take_table(&self) -> Vec<String> {
        self.table.as_ref().map(RefCell::take).unwrap_or_default()
    }
}

/// The value of a plain string literal (`"..."`), or `None` for anything
/// else or an escape this printer does not know (the attribute then stays).
fn unescape_str(repr: &str) -> Option<String> {
    let body = repr.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.to_owned());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'u' => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest.strip_prefix('{')?;
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Rust source as `syn` parses it and `prettyplease` prints it: two texts
/// with the same canonical form are the same code, whatever their layout (a
/// `///` line and `#[doc = "..."]` included). For the round-trip tests.
///
/// # Panics
///
/// If `source` is not a Rust file.
#[cfg(feature = "prettyplease")]
pub fn canonical(source: &str) -> String {
    prettyplease::unparse(&syn::parse_file(source).expect("valid Rust"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The printed text lexes back to exactly the tokens it was made from.
    fn assert_same_tokens(tokens: TokenStream) -> String {
        let text = print(tokens.clone());
        assert_eq!(
            canonical(&text),
            canonical(&tokens.to_string()),
            "printed:\n{text}"
        );
        text
    }

    #[test]
    fn items_statements_and_arms_get_their_own_lines() {
        let text = assert_same_tokens(quote! {
            #[doc = " A thing"]
            #[doc = ""]
            #[derive(Debug, Clone)]
            pub struct A { pub x: i32, pub y: Option<Vec<super::B>> }
            impl tlgen_runtime::Serialize for A {
                fn f(&self, out: &mut Vec<u8>) -> usize {
                    let v = match self.y { Some(_) => 4, None => 0 };
                    tlgen_runtime::wire::put::<4, 8>(&mut b, 0, self.x.to_le_bytes());
                    if x { 1 } else { 2 }
                }
            }
        });
        assert_eq!(
            text,
            "/// A thing\n///\n#[derive(Debug, Clone)]\npub struct A {\n    pub x: i32,\n    \
             pub y: Option<Vec<super::B>>\n}\nimpl tlgen_runtime::Serialize for A {\n    \
             fn f(&self, out: &mut Vec<u8>) -> usize {\n        let v = match self.y {\n            \
             Some(_) => 4,\n            None => 0\n        };\n        \
             tlgen_runtime::wire::put::<4, 8>(&mut b, 0, self.x.to_le_bytes());\n        \
             if x {\n            1\n        } else {\n            2\n        }\n    }\n}\n"
        );
    }

    /// The two forms of [`DocLines`] print the same text, and the table
    /// form lexes back to the literal form (what every other reader sees).
    #[test]
    fn doc_lines_print_the_same_from_the_table_as_from_literals() {
        let text = "Sets [`x`](Self::x).\n\nTwo\tcolumns\n/// not a comment\nlast line   ";
        let literals = DocLines::literals();
        let table = DocLines::table();
        let item = |docs: &DocLines| {
            let attrs = docs.attrs(text);
            quote! { #attrs pub struct S; }
        };
        let from_literals = item(&literals);
        let from_table = item(&table);
        let lines = table.take_table();
        // The tab keeps its string literal (a `///` line cannot hold it).
        assert_eq!(
            lines,
            [
                " Sets [`x`](Self::x).",
                "",
                " /// not a comment",
                " last line"
            ]
        );
        assert!(table.take_table().is_empty());
        assert!(literals.take_table().is_empty());
        let printed = print_file_with(from_table.clone(), &lines).text;
        assert_eq!(printed, print(from_literals.clone()));
        assert_eq!(canonical(&printed), canonical(&from_literals.to_string()));
        assert_eq!(
            printed,
            "/// Sets [`x`](Self::x).\n///\n#[doc = \" Two\\tcolumns\"]\n\
             /// /// not a comment\n/// last line\npub struct S;\n"
        );
        assert!(from_table.to_string().contains("doc = 0"));
    }

    #[test]
    fn line_safety_by_bytes_matches_the_char_rule() {
        let by_chars = |t: &str| !t.chars().any(char::is_control) && !t.starts_with('/');
        let pieces = [
            "",
            "a",
            "/",
            "//",
            " /",
            "\t",
            "\n",
            "\r",
            "\u{7f}",
            "\u{80}",
            "\u{9f}",
            "\u{a0}",
            "\u{bf}",
            "é",
            "\u{200b}",
            "\u{2028}",
            "x y",
            "\u{1f600}",
            "\u{c2}",
        ];
        for a in pieces {
            for b in pieces {
                for c in ["", "z", "\u{85}"] {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(is_line_safe(&t), by_chars(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn alloc_names_are_noted_in_code_but_not_in_docs_or_as_raw_parts() {
        let uses = |tokens: TokenStream| print_file(tokens).names_alloc;
        assert!(uses(quote! { fn f() -> Vec<u8> { todo!() } }));
        assert!(uses(quote! { fn f(x: &str) -> X { x.to_owned().into() } }));
        assert!(!uses(quote! {
            /// Returns a Vec of String.
            fn f(v: &[u8]) -> usize { v.len() }
        }));
        assert!(!uses(quote! { struct Vector; fn vec() {} }));
    }

    #[test]
    fn docs_that_cannot_be_line_comments_stay_attributes() {
        for doc in [
            "/ starts with a slash",
            "tab\there",
            "two\nlines",
            "quote \" and \\ backslash",
        ] {
            let text = assert_same_tokens(quote!(#[doc = #doc] struct S;));
            let as_line = !doc.starts_with('/') && !doc.chars().any(char::is_control);
            assert_eq!(text.starts_with("///"), as_line, "{text}");
        }
    }

    #[test]
    fn joint_punctuation_and_lifetimes_survive() {
        assert_same_tokens(quote! {
            fn f<'a>(r: &mut tlgen_runtime::Reader<'a>) -> Result<Vec<Vec<u8>>, E> {
                let x = a >> 2 | b << 3; let y = x >= 1 && !z; let w = |r| r.read_u32();
                r#type::<'static>(); let r = ..=3; let q = a..b; -1i32; x as u32;
                if !(a && b) { return !x; } let v: Vec<u8>= vec![1]; <T as X>::f(&&y, &mut &z);
            }
        });
    }
}
