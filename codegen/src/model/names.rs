//! TL names -> Rust identifiers (docs/FORMATS-NOTES.md, "Names in Rust").
//!
//! * Types, constructors and methods: `UpperCamelCase` of the local part
//!   (`messages.sendMessage` -> `SendMessage` in module `messages`;
//!   `decryptedMessage_73` -> `DecryptedMessage73`; `resPQ` -> `ResPq`).
//! * Fields: `snake_case` (`srp_B` -> `srp_b`); keywords become raw
//!   identifiers (`r#type`), except the ones that cannot be raw: `self` ->
//!   `is_self`, `super` -> `is_super`, `crate` -> `is_crate`, `Self` -> `Self_`;
//!   item names that would shadow the prelude names generated code uses
//!   (`Option`, `Vec`, `String`, `Box`, `Result`, `From`, ...) get a `_` suffix.
//! * Namespaces: `snake_case` module names.
//!
//! * RPC error variants: [`super::errors`] ("Naming").
//!
//! Collisions left after case conversion are resolved by [`dedup`]: items
//! are visited in TL-name order and every later duplicate gets a numeric
//! suffix (`2`, `3`, ...), so the result never depends on hash order.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span};

use super::case;

/// Rust keywords (strict, reserved and edition-2024 reserved) that need `r#`,
/// sorted: [`is_keyword`] binary-searches them (every generated name is
/// checked, in an unoptimized build script).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Prelude names generated code uses unqualified: items get a `_` suffix
/// instead of shadowing them.
const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "From", "TryFrom",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Splits `messages.sendMessage` into (`Some("messages")`, `sendMessage`).
pub fn split_namespace(tl_name: &str) -> (Option<&str>, &str) {
    match tl_name.rsplit_once('.') {
        Some((ns, local)) => (Some(ns), local),
        None => (None, tl_name),
    }
}

/// `UpperCamelCase` of a TL local name, made a legal identifier.
pub fn type_name(local: &str) -> String {
    let mut name = case::upper_camel(local);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    if NOT_RAW.contains(&name.as_str()) || PRELUDE.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `snake_case` of a TL parameter name, with the unrepresentable keywords renamed.
pub fn field_name(tl: &str) -> String {
    let mut name = case::snake(tl);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'f');
    }
    match name.as_str() {
        "self" | "super" | "crate" => format!("is_{name}"),
        "_" => "f_".to_string(),
        _ => name,
    }
}

/// The names every generated file may import from the tree root (the
/// top-level modules, see [`super::Kind`], and `name_for_id`): a
/// namespace module of one of these names would clash with the import.
pub const ROOT_IMPORTS: &[&str] = &["enums", "errors", "functions", "name_for_id", "types"];

/// `snake_case` module name of a TL namespace; suffixed with `_ns` when it
/// would clash with one of the [`ROOT_IMPORTS`].
pub fn module_name(ns: &str) -> String {
    let name = field_name(ns);
    if ROOT_IMPORTS.contains(&name.as_str()) {
        format!("{name}_ns")
    } else {
        name
    }
}

/// The identifier for `name`, raw when it is a keyword.
pub fn ident(name: &str) -> Ident {
    if is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Whether `name` is a Rust keyword that needs `r#`.
fn is_keyword(name: &str) -> bool {
    KEYWORDS.binary_search(&name).is_ok()
}

/// Whether `name` is a TL identifier we can map (letters, digits, `_`, `.`).
pub fn is_tl_ident(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Checks a tree root path given by the user (`crate::tl`, `super::tl`,
/// `::my_crate::tl`, `crate`): `::`-separated identifiers, where `crate` and
/// `self` may only come first and `super` only in the leading run. On error,
/// says what is wrong.
pub fn check_root_path(path: &str) -> Result<(), String> {
    check_path(
        path,
        "expected a Rust path like `crate::tl`, `super::tl` or `::my_crate::tl`",
    )
}

/// Checks the runtime crate's path given by the user: the crate's name
/// (`tlgen_runtime`, `rt` for a renamed dependency) or a path to a re-export
/// of it (`tlgen_api::runtime`, `::tlgen_api::runtime`, `crate::rt`). Every
/// file of the tree names the runtime by it, at different depths, so a path
/// relative to the module (`self::`, `super::`) is refused, and so is
/// `crate` alone (the including crate is not the runtime).
pub fn check_runtime_path(path: &str) -> Result<(), String> {
    const EXPECTED: &str = "expected the runtime crate's name (`tlgen_runtime`, `rt`) or a path \
                            to a re-export of it (`tlgen_api::runtime`, `crate::rt`)";
    check_path(path, EXPECTED)?;
    match path.split("::").next() {
        Some(first @ ("self" | "super")) => Err(format!(
            "`{first}` makes the path depend on the module it is written in, and the tree's \
             files are at different depths; {EXPECTED}"
        )),
        _ if path == "crate" => Err(format!(
            "`crate` is the including crate, not the runtime; {EXPECTED}"
        )),
        _ => Ok(()),
    }
}

/// `path` as `::`-separated identifiers, where `crate` and `self` may only
/// come first and `super` only in the leading run; `expected` ends the
/// message that says what is wrong.
fn check_path(path: &str, expected: &str) -> Result<(), String> {
    let body = path.strip_prefix("::").unwrap_or(path);
    let absolute = body.len() != path.len();
    let mut leading = true;
    for (i, segment) in body.split("::").enumerate() {
        let is_ident = segment.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && segment != "_";
        if !is_ident {
            return Err(match segment {
                "" => format!("an empty segment; {expected}"),
                _ => format!("`{segment}` is not an identifier; {expected}"),
            });
        }
        let placed = match segment {
            "crate" | "self" => i == 0 && !absolute,
            "super" => leading && !absolute,
            "Self" => false,
            _ => !is_keyword(segment),
        };
        if !placed {
            return Err(format!("`{segment}` cannot appear there; {expected}"));
        }
        leading &= matches!(segment, "self" | "super");
    }
    Ok(())
}

/// Makes every name in `names` unique: the first occurrence keeps its name,
/// later ones get the smallest numeric suffix (starting at 2) not in use.
/// Callers pass names in a deterministic order (sorted by TL name).
pub fn dedup(names: &mut [String]) {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let originals: BTreeSet<String> = names.iter().cloned().collect();
    for name in names.iter_mut() {
        if used.insert(name.clone()) {
            continue;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{name}{n}");
            if !used.contains(&candidate) && !originals.contains(&candidate) {
                used.insert(candidate.clone());
                *name = candidate;
                break;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keywords_are_sorted_for_the_binary_search() {
        assert!(super::KEYWORDS.windows(2).all(|w| w[0] < w[1]));
        for k in super::KEYWORDS {
            assert!(super::is_keyword(k), "{k}");
            assert_eq!(super::ident(k).to_string(), format!("r#{k}"));
        }
        for not in ["peer", "types", "a", "zzz", ""] {
            assert!(!super::is_keyword(not), "{not}");
        }
    }

    #[test]
    fn root_paths() {
        for ok in [
            "crate",
            "crate::tl",
            "super::super::tl",
            "self::tl",
            "::my_crate::tl",
            "tl",
        ] {
            assert_eq!(super::check_root_path(ok), Ok(()), "{ok}");
        }
        let err = |p: &str| super::check_root_path(p).unwrap_err();
        assert!(err("crate::x(").starts_with("`x(` is not an identifier; expected"));
        assert!(err("").starts_with("an empty segment"));
        assert!(err("crate::").starts_with("an empty segment"));
        assert!(err("crate::tl::crate").starts_with("`crate` cannot appear there"));
        assert!(err("tl::super").starts_with("`super` cannot appear there"));
        assert!(err("crate::fn").starts_with("`fn` cannot appear there"));
        assert!(err("crate tl").starts_with("`crate tl` is not an identifier"));
    }

    #[test]
    fn runtime_paths() {
        for ok in [
            "tlgen_runtime",
            "rt",
            "tlgen_api::runtime",
            "::tlgen_api::runtime",
            "crate::rt",
        ] {
            assert_eq!(super::check_runtime_path(ok), Ok(()), "{ok}");
        }
        let err = |p: &str| super::check_runtime_path(p).unwrap_err();
        assert!(err("super::rt").starts_with("`super` makes the path depend on the module"));
        assert!(err("self::rt").starts_with("`self` makes the path depend on the module"));
        assert!(err("crate").starts_with("`crate` is the including crate, not the runtime"));
        assert!(err("rt::").starts_with("an empty segment; expected the runtime crate's name"));
        assert!(err("tlgen-runtime").starts_with("`tlgen-runtime` is not an identifier"));
    }

    #[test]
    fn generate_rejects_a_bad_root_path_without_panicking() {
        let options = crate::emit::Options {
            root_path: Some("crate::x(".into()),
            ..Default::default()
        };
        let err = crate::emit::generate(&crate::ir::Api::default(), &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "root path `crate::x(`: `x(` is not an identifier; expected a Rust path like \
             `crate::tl`, `super::tl` or `::my_crate::tl`"
        );
    }

    use super::*;

    #[test]
    fn maps_names() {
        assert_eq!(type_name("inputPeerUser"), "InputPeerUser");
        assert_eq!(type_name("decryptedMessage_73"), "DecryptedMessage73");
        assert_eq!(type_name("true"), "True");
        assert_eq!(type_name("resPQ"), "ResPq");
        assert_eq!(type_name("server_DH_inner_data"), "ServerDhInnerData");
        assert_eq!(field_name("srp_B"), "srp_b");
        assert_eq!(field_name("M1"), "m1");
        assert_eq!(field_name("self"), "is_self");
        assert_eq!(field_name("type"), "type");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("static").to_string(), "r#static");
        assert_eq!(module_name("messages"), "messages");
        assert_eq!(module_name("types"), "types_ns");
        assert_eq!(module_name("nameForId"), "name_for_id_ns");
        assert_eq!(
            split_namespace("messages.sendMessage"),
            (Some("messages"), "sendMessage")
        );
    }

    #[test]
    fn dedups_deterministically() {
        let mut names = vec![
            "A".to_string(),
            "B".into(),
            "A".into(),
            "A2".into(),
            "A".into(),
        ];
        dedup(&mut names);
        assert_eq!(names, ["A", "B", "A3", "A2", "A4"]);
    }
}
