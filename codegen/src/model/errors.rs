//! The error plan: which methods get an error enum of their own, the
//! variants of every error enum, their Rust names and how each is matched.
//! Decided here once; the emitter writes it and [`crate::diff`] compares
//! two plans.
//!
//! # Which enums
//!
//! A method that documents any error (old-format pages' `### Errors`
//! tables, or another error source) gets its own enum,
//! `errors::<ns>::<Method>Error`, unless it is generic (`invokeWith*`: its
//! errors are its query's). When any method documents errors, the API gets
//! one more enum, [`API_ERROR`], over every documented name: the error type
//! of the methods that document none. Without any documented error, a
//! method's error type is the runtime's `Option<CommonError>`.
//!
//! # Variants
//!
//! One variant per documented error *name* (a name listed under several
//! codes is one variant, its codes united; the description is the
//! method's own, else the first one given for the name anywhere in the
//! API), sorted by name. The errors any method can raise ([`COMMON_ERRORS`]:
//! flood waits, migrations, session errors) are never a variant of their
//! own, whatever a table lists: they are the enum's `Common` variant.
//!
//! # Naming
//!
//! [`error_variant`]: words are the runs of ASCII letters and digits,
//! each `Capitalized` when it was all caps; the [placeholder](placeholder)
//! `X` is dropped and becomes a `u64` field (`seconds` after `…_WAIT`,
//! `…_DELAY`, `…_FRESH`; `dc` after `…_MIGRATE`; else `value`); leading
//! digits are spelled out. Clashes within one enum ([`error_variants`]):
//! names without a placeholder keep their identifier, a name with one gets
//! an `X` suffix (`EMAIL_UNCONFIRMED` -> `EmailUnconfirmed`,
//! `EMAIL_UNCONFIRMED_X` -> `EmailUnconfirmedX { value }`), further clashes
//! `2`, `3`, ... in name order.
//!
//! # Matching
//!
//! The runtime's `RpcError` carries the server's message verbatim and the
//! name with a trailing numeric segment replaced by `X` ([`normalize`], the
//! runtime's rule). A variant is matched ([`Matcher`]), never on the code
//! (the docs list `CHANNEL_PRIVATE` as 400, the server may send 403):
//! by the normalized name for UPPER_SNAKE names that normalization leaves
//! unchanged; by the message verbatim for other names without a
//! placeholder; by `prefix <digits> suffix` against the message for names
//! with a placeholder anywhere but at the end of an UPPER_SNAKE name.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, ErrorEntry, Method};

use super::paths::{ItemPath, Kind};

/// The API-wide error enum in `errors` (every documented error name); the
/// error type of methods that document none, when the API documents any.
pub const API_ERROR: &str = "ApiError";

/// The names of `tlgen_runtime::CommonError`, the errors any method can
/// raise: written out here so that a build script's generator does not
/// compile the runtime (and its gzip decoder) before it can start; a test
/// checks the list against the runtime's `CommonError::NAMES`.
pub const COMMON_ERRORS: &[&str] = &[
    "FLOOD_WAIT_X",
    "FLOOD_PREMIUM_WAIT_X",
    "FILE_MIGRATE_X",
    "PHONE_MIGRATE_X",
    "NETWORK_MIGRATE_X",
    "USER_MIGRATE_X",
    "STATS_MIGRATE_X",
    "AUTH_KEY_UNREGISTERED",
    "AUTH_KEY_INVALID",
    "AUTH_KEY_PERM_EMPTY",
    "AUTH_KEY_DUPLICATED",
    "SESSION_REVOKED",
    "SESSION_EXPIRED",
    "SESSION_PASSWORD_NEEDED",
    "USER_DEACTIVATED",
    "USER_DEACTIVATED_BAN",
    "Timeout",
];

/// Whether `name` (as documented, trimmed) is one of the errors any method
/// can raise (`tlgen_runtime::CommonError`).
pub fn is_common(name: &str) -> bool {
    COMMON_ERRORS.contains(&name)
}

/// Whether the method documents any error: it then gets its own enum
/// (unless it is generic).
pub fn has_documented_errors(method: &Method) -> bool {
    documented(&method.errors).next().is_some()
}

/// The documented entries of a table: those with a name (trimmed).
fn documented(errors: &[ErrorEntry]) -> impl Iterator<Item = (&str, &ErrorEntry)> {
    errors
        .iter()
        .map(|e| (e.name.trim(), e))
        .filter(|(name, _)| !name.is_empty())
}

/// What `RpcError` turns a server message into, the runtime's rule: a
/// trailing `_<digits>` segment (that fits in a `u64`) becomes `_X`.
pub fn normalize(name: &str) -> String {
    match name.rsplit_once('_') {
        Some((head, tail))
            if !tail.is_empty()
                && tail.bytes().all(|b| b.is_ascii_digit())
                && tail.parse::<u64>().is_ok() =>
        {
            format!("{head}_X")
        }
        _ => name.to_owned(),
    }
}

/// The placeholder of a documented error name: the byte offset of its last
/// standalone `X` (an `X` with no letter or digit on either side), the
/// one rule behind both the variant's field and its matcher.
pub fn placeholder(name: &str) -> Option<usize> {
    let bytes = name.as_bytes();
    (0..bytes.len()).rev().find(|&i| {
        bytes[i] == b'X'
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && (i + 1 == bytes.len() || !bytes[i + 1].is_ascii_alphanumeric())
    })
}

/// How the generated `ErrorKind::classify` recognizes a variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Matcher {
    /// `RpcError::name` equals this (normalized) name.
    Name(String),
    /// `RpcError::message` equals this.
    Message(String),
    /// `RpcError::message` is `prefix` + digits + `suffix`.
    Pattern {
        /// What comes before the number.
        prefix: String,
        /// What comes after it.
        suffix: String,
    },
}

impl Matcher {
    /// The matcher of a documented error name (see "Matching").
    pub fn of(name: &str) -> Matcher {
        let upper_snake = name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        let bytes = name.as_bytes();
        match placeholder(name) {
            Some(at) if upper_snake && at + 1 == name.len() && at > 0 && bytes[at - 1] == b'_' => {
                Matcher::Name(name.to_owned())
            }
            Some(at) => Matcher::Pattern {
                prefix: name[..at].to_owned(),
                suffix: name[at + 1..].to_owned(),
            },
            None if upper_snake && normalize(name) == name => Matcher::Name(name.to_owned()),
            None => Matcher::Message(name.to_owned()),
        }
    }
}

/// One variant of an error enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The documented name, trimmed (`SLOWMODE_WAIT_X`).
    pub name: String,
    /// The variant's identifier (`SlowmodeWait`).
    pub ident: String,
    /// The `u64` field holding the placeholder's number (`seconds`).
    pub field: Option<String>,
    /// Every code the name is documented with.
    pub codes: BTreeSet<i32>,
    /// The description (Markdown; may hold `{name}` placeholders as
    /// Telethon writes them).
    pub description: String,
    /// How it is recognized.
    pub matcher: Matcher,
}

/// Whose errors an enum holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorOwner {
    /// One method's (an index into the model's methods).
    Method(super::FuncId),
    /// Every method's: [`API_ERROR`].
    Api,
}

/// One error enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    /// Where it lives.
    pub path: ItemPath,
    /// Whose errors it holds.
    pub owner: ErrorOwner,
    /// Its variants, sorted by name, common errors left out.
    pub variants: Vec<ErrorVariant>,
}

impl ErrorEnum {
    /// The variant for the documented name `name`, if it has one.
    pub fn variant(&self, name: &str) -> Option<&ErrorVariant> {
        self.variants.iter().find(|v| v.name == name.trim())
    }
}

/// Every error enum of an API and each method's choice among them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorPlan {
    /// Per-method enums in method order, then the API-wide one.
    pub enums: Vec<ErrorEnum>,
    /// Per method (by index): the enum its `Error` type names.
    by_func: Vec<Option<usize>>,
}

impl ErrorPlan {
    /// Plans the error enums of `api`. `generic[i]` says whether method
    /// `i` is generic, `emitted[i]` whether it is generated at all.
    pub(super) fn new(api: &Api, generic: &[bool], emitted: &[bool]) -> ErrorPlan {
        let mut first_description: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, e) in api.methods.iter().flat_map(|m| documented(&m.errors)) {
            let description = e.description.trim();
            if !description.is_empty() {
                first_description.entry(name).or_insert(description);
            }
        }
        let mut plan = ErrorPlan {
            enums: Vec::new(),
            by_func: vec![None; api.methods.len()],
        };
        let any = api.methods.iter().any(has_documented_errors);
        let mut takes_api_enum = Vec::new();
        for (i, m) in api.methods.iter().enumerate() {
            if generic[i] || !emitted[i] {
                continue;
            }
            if !has_documented_errors(m) {
                if any {
                    takes_api_enum.push(i);
                }
                continue;
            }
            let mut path = ItemPath::of(Kind::Errors, m.space, &m.name);
            path.ident.push_str("Error");
            plan.by_func[i] = Some(plan.enums.len());
            plan.enums.push(ErrorEnum {
                path,
                owner: ErrorOwner::Method(super::FuncId(i)),
                variants: variants(documented(&m.errors), &first_description),
            });
        }
        if any {
            for i in takes_api_enum {
                plan.by_func[i] = Some(plan.enums.len());
            }
            let all = api.methods.iter().flat_map(|m| documented(&m.errors));
            plan.enums.push(ErrorEnum {
                path: ItemPath {
                    kind: Kind::Errors,
                    ns: None,
                    ident: API_ERROR.to_owned(),
                },
                owner: ErrorOwner::Api,
                variants: variants(all, &first_description),
            });
        }
        plan
    }

    /// The enum method `f`'s `Error` type names, if any.
    pub fn of_func(&self, f: super::FuncId) -> Option<&ErrorEnum> {
        self.by_func
            .get(f.0)
            .copied()
            .flatten()
            .map(|e| &self.enums[e])
    }

    /// The method's own enum, if it has one.
    pub fn own(&self, f: super::FuncId) -> Option<&ErrorEnum> {
        self.of_func(f).filter(|e| e.owner == ErrorOwner::Method(f))
    }

    /// The API-wide enum, when the API documents any error.
    pub fn api_enum(&self) -> Option<&ErrorEnum> {
        self.enums.last().filter(|e| e.owner == ErrorOwner::Api)
    }
}

/// The variants for `entries` (name, entry): grouped by name in name order,
/// codes united, the first non-empty description (else the API's first for
/// the name), common errors left out, identifiers given.
fn variants<'a>(
    entries: impl Iterator<Item = (&'a str, &'a ErrorEntry)>,
    fallback: &BTreeMap<&str, &str>,
) -> Vec<ErrorVariant> {
    let mut by_name: BTreeMap<&str, (BTreeSet<i32>, &str)> = BTreeMap::new();
    for (name, entry) in entries {
        let (codes, description) = by_name.entry(name).or_insert((BTreeSet::new(), ""));
        codes.insert(entry.code);
        if description.is_empty() {
            *description = entry.description.trim();
        }
    }
    let kept: Vec<(&str, BTreeSet<i32>, &str)> = by_name
        .into_iter()
        .filter(|(name, _)| !is_common(name))
        .map(|(name, (codes, description))| {
            let description = if description.is_empty() {
                fallback.get(name).copied().unwrap_or_default()
            } else {
                description
            };
            (name, codes, description)
        })
        .collect();
    let idents = error_variants(kept.iter().map(|(name, _, _)| *name));
    kept.into_iter()
        .zip(idents)
        .map(
            |((name, codes, description), (ident, field))| ErrorVariant {
                name: name.to_owned(),
                ident,
                field,
                codes,
                description: description.to_owned(),
                matcher: Matcher::of(name),
            },
        )
        .collect()
}

/// The variant identifier for a documented error name, and the name of the
/// `u64` field holding its numeric placeholder, if it has one (see
/// "Naming").
pub fn error_variant(error_name: &str) -> (String, Option<String>) {
    let at = placeholder(error_name);
    let mut ident = String::new();
    let mut before: Option<&str> = None;
    for word in error_name.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // Where the word starts in the name (separators may be multi-byte).
        let offset = word.as_ptr() as usize - error_name.as_ptr() as usize;
        if Some(offset) == at {
            continue;
        }
        if at.is_some_and(|at| offset < at) {
            before = Some(word);
        }
        let all_caps = !word.chars().any(|c| c.is_ascii_lowercase());
        let mut rest = word;
        if ident.is_empty() {
            // Spell out leading digits: identifiers cannot start with one.
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            for d in word[..digits].bytes() {
                ident.push_str(DIGITS[usize::from(d - b'0')]);
            }
            rest = &word[digits..];
        }
        let mut chars = rest.chars();
        if let Some(first) = chars.next() {
            ident.push(first.to_ascii_uppercase());
            let tail = chars.as_str();
            if all_caps {
                ident.push_str(&tail.to_ascii_lowercase());
            } else {
                ident.push_str(tail);
            }
        }
    }
    if ident.is_empty() {
        ident.push_str("Unnamed");
    }
    if ident == "Self" || ident == "Other" {
        ident.push_str("Error");
    }
    let field = at.map(|_| {
        match before.map(str::to_ascii_uppercase).as_deref() {
            Some("WAIT" | "DELAY" | "FRESH") => "seconds",
            Some("MIGRATE") => "dc",
            _ => "value",
        }
        .to_owned()
    });
    (ident, field)
}

/// What the number in a variant's field is, by the field's name
/// ([`error_variant`] names it): `None` for `value`, whose meaning only the
/// error's description says.
pub fn field_meaning(field: &str) -> Option<&'static str> {
    match field {
        "seconds" => Some("how many seconds to wait"),
        "dc" => Some("the ID of the data center to use"),
        _ => None,
    }
}

const DIGITS: [&str; 10] = [
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
];

/// Identifiers for the error names of one enum, in the given (sorted)
/// order, each with its placeholder field ([`error_variant`]); clashes as
/// "Naming" says.
pub fn error_variants<'a>(
    error_names: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, Option<String>)> {
    let named: Vec<(String, Option<String>)> = error_names.into_iter().map(error_variant).collect();
    let mut idents: Vec<Option<String>> = vec![None; named.len()];
    let mut taken = BTreeSet::new();
    for pass_placeholders in [false, true] {
        for (i, (base, field)) in named.iter().enumerate() {
            if field.is_some() != pass_placeholders {
                continue;
            }
            let mut chosen = Some(base.clone()).filter(|c| !taken.contains(c));
            if chosen.is_none() && field.is_some() {
                chosen = Some(format!("{base}X")).filter(|c| !taken.contains(c));
            }
            let mut n = 2;
            while chosen.is_none() {
                chosen = Some(format!("{base}{n}")).filter(|c| !taken.contains(c));
                n += 1;
            }
            let chosen = chosen.unwrap_or_default();
            taken.insert(chosen.clone());
            idents[i] = Some(chosen);
        }
    }
    named
        .into_iter()
        .zip(idents)
        .map(|((_, field), ident)| (ident.unwrap_or_default(), field))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_are_the_runtimes() {
        assert_eq!(COMMON_ERRORS, tlgen_runtime::CommonError::NAMES);
    }

    /// The generator decides matchers by what the runtime's `RpcError`
    /// makes of a message: the two normalizations must agree.
    #[test]
    fn normalization_is_the_runtimes() {
        for name in [
            "FLOOD_WAIT_30",
            "FLOOD_WAIT_X",
            "2FA_CONFIRM_WAIT_X",
            "AUTH_BYTES_INVALID_2",
            "A_",
            "_5",
            "5",
            "NO_DIGITS_HERE",
            "INPUT_METHOD_INVALID_1615239032_X",
            "FOO_99999999999999999999999",
            "FOO_18446744073709551615",
            "FOO_18446744073709551616",
            "FOO_1x",
            "No workers running",
            "",
        ] {
            assert_eq!(
                normalize(name),
                tlgen_runtime::RpcError::parse(0, name).name,
                "{name:?}"
            );
        }
    }

    #[test]
    fn placeholders_are_standalone_xs() {
        assert_eq!(placeholder("SLOWMODE_WAIT_X"), Some(14));
        assert_eq!(placeholder("XML_INVALID"), None);
        assert_eq!(placeholder("FOO_X_BAR"), Some(4));
        assert_eq!(placeholder("X"), Some(0));
        assert_eq!(placeholder("A = X"), Some(4));
        assert_eq!(placeholder("X_X"), Some(2));
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("SLOWMODE_WAIT_X", "SlowmodeWait", Some("seconds")),
            ("FLOOD_WAIT_X", "FloodWait", Some("seconds")),
            ("EMAIL_UNCONFIRMED_X", "EmailUnconfirmed", Some("value")),
            (
                "INPUT_METHOD_INVALID_1615239032_X",
                "InputMethodInvalid1615239032",
                Some("value"),
            ),
            ("2FA_CONFIRM_WAIT_X", "TwoFaConfirmWait", Some("seconds")),
            ("PHONE_MIGRATE_X", "PhoneMigrate", Some("dc")),
            ("TAKEOUT_INIT_DELAY_X", "TakeoutInitDelay", Some("seconds")),
            ("PASSWORD_TOO_FRESH_X", "PasswordTooFresh", Some("seconds")),
            ("Timeout", "Timeout", None),
            (
                "All workers are busy. Active_queries = X",
                "AllWorkersAreBusyActiveQueries",
                Some("value"),
            ),
            ("No workers running", "NoWorkersRunning", None),
            ("memory limit exit", "MemoryLimitExit", None),
            ("PEER_ID_INVALID", "PeerIdInvalid", None),
            ("OTHER", "OtherError", None),
            ("SELF", "SelfError", None),
            ("404_NOT_FOUND", "FourZeroFourNotFound", None),
            ("___", "Unnamed", None),
            ("XML_INVALID", "XmlInvalid", None),
            ("X_X", "X", Some("value")),
            ("FOO_X_BAR", "FooBar", Some("value")),
            ("ÉTAT_X", "Tat", Some("value")),
            ("WAIT — X", "Wait", Some("seconds")),
        ];
        for (name, ident, field) in cases {
            let (got, got_field) = error_variant(name);
            assert_eq!(
                (got.as_str(), got_field.as_deref()),
                (ident, field),
                "{name}"
            );
        }
    }

    #[test]
    fn matchers() {
        let name = |n: &str| Matcher::Name(n.into());
        assert_eq!(Matcher::of("SLOWMODE_WAIT_X"), name("SLOWMODE_WAIT_X"));
        assert_eq!(
            Matcher::of("2FA_CONFIRM_WAIT_X"),
            name("2FA_CONFIRM_WAIT_X")
        );
        assert_eq!(Matcher::of("PEER_ID_INVALID"), name("PEER_ID_INVALID"));
        assert_eq!(Matcher::of("Timeout"), Matcher::Message("Timeout".into()));
        assert_eq!(
            Matcher::of("AUTH_BYTES_INVALID_2"),
            Matcher::Message("AUTH_BYTES_INVALID_2".into())
        );
        assert_eq!(
            Matcher::of("All workers are busy. Active_queries = X"),
            Matcher::Pattern {
                prefix: "All workers are busy. Active_queries = ".into(),
                suffix: String::new()
            }
        );
        assert_eq!(
            Matcher::of("FOO_X_BAR"),
            Matcher::Pattern {
                prefix: "FOO_".into(),
                suffix: "_BAR".into()
            }
        );
    }

    #[test]
    fn clashes_keep_the_plain_name() {
        let got = error_variants([
            "EMAIL_UNCONFIRMED",
            "EMAIL_UNCONFIRMED_X",
            "FOO BAR",
            "FOO_BAR",
        ]);
        let idents: Vec<&str> = got.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(
            idents,
            ["EmailUnconfirmed", "EmailUnconfirmedX", "FooBar", "FooBar2"]
        );
    }
}
