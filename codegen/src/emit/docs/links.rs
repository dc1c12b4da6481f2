//! Link classification: what a MadelineProto link destination points at
//! (an API page, the MadelineProto site, anything else), and encoding
//! destinations so rustdoc reads them.

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

/// v223 links `[Vector t](/API_docs/types/Vector t.html)`: a space is not
/// allowed in a bare destination, so wrap such API destinations in `<…>`.
pub(super) fn quote_spaced_destinations(markdown: &str) -> std::borrow::Cow<'_, str> {
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
pub(super) enum Dest {
    /// An API page; candidates in the order to try.
    Entity(Vec<LinkTarget>),
    /// Already an intra-doc link (`crate::…`, `` `…` ``): keep verbatim.
    IntraDoc(String),
    /// A URL rustdoc can link to.
    External(String),
    /// Nothing rustdoc could link to (index pages, bare anchors): keep the text only.
    Drop,
}

pub(super) fn classify(dest: &str) -> Dest {
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
pub(super) fn guess_kinds(name: &str) -> Vec<LinkTarget> {
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

pub(super) fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

pub(super) fn percent_decode(text: &str) -> String {
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
pub(super) fn encode_destination(url: &str) -> String {
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
