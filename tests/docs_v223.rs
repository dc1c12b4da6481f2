//! What the v223 bindings' docs say, over the whole layer: none of
//! MadelineProto's PHP-client text survives into them (docs/FORMATS-NOTES.md,
//! "Text written for MadelineProto's PHP client"), nor a link to its site,
//! nor Telethon's advice for its Python client in the error docs; no item or
//! field has a sentence that only repeats its name, the fields the docs
//! hide say what they are for, and every item links to its page on
//! core.telegram.org.

use tlgen::emit::{generate, Formatting, Options, Output};
use tlgen_test_support::{ir, shared};

/// The doc-comment text of every generated file, one entry per `///` line.
fn doc_lines(files: &std::collections::BTreeMap<String, String>) -> Vec<(&str, &str)> {
    files
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .filter_map(|l| l.trim_start().strip_prefix("///"))
                .map(move |doc| (path.as_str(), doc.trim()))
        })
        .collect()
}

/// The v223 IR and its bindings.
fn v223(options: &Options) -> (tlgen::merge::Merged, Output) {
    let shared = shared::require();
    let merged = ir::build(&shared.docs("v223"), &shared.schemas("v223"));
    let output = generate(&merged.api, options).expect("v223 bindings");
    (merged, output)
}

#[test]
#[ignore = "reads ../shared"]
fn v223_docs_carry_no_php_and_no_name_only_sentences() {
    let (merged, output) = v223(&Options::default());
    let docs = doc_lines(&output.files);
    assert!(docs.len() > 40_000, "only {} doc lines", docs.len());

    for (path, doc) in &docs {
        for php in [
            "$MadelineProto",
            "<?php",
            "You cannot use this method directly",
        ] {
            assert!(!doc.contains(php), "{path}: PHP-client text in `{doc}`");
        }
        // What the docs said where they had nothing: a type's name alone,
        // a parameter's name alone.
        let only_a_name = |prefix: &str, suffix: &str| {
            doc.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(suffix))
                .is_some_and(|name| !name.contains('`'))
        };
        let name_only = only_a_name("The TL type `", "`.") || only_a_name("The `", "` parameter.");
        assert!(
            !name_only,
            "{path}: a sentence that only repeats a name: `{doc}`"
        );
    }

    // The stripping is reported, one note per item, and did happen: v223 has
    // PHP-only type descriptions and "cannot use this method directly" pages.
    let stripped = merged
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("left out MadelineProto-specific text"))
        .count();
    assert!(
        stripped >= 40,
        "{stripped} items had PHP-client text left out"
    );

    // Every item links to its page: each type, constructor and method (but
    // `Bool` and its two constructors, which are Rust's `bool`).
    let all: String = output.files.values().map(String::as_str).collect();
    let linked = |kind: &str, name: &str| {
        all.contains(&format!("(https://core.telegram.org/{kind}/{name})"))
    };
    let missing: Vec<String> = (merged.api.types.iter())
        .filter(|t| t.name != "Bool")
        .filter(|t| !linked("type", &t.name))
        .map(|t| format!("type {}", t.name))
        .chain(
            (merged.api.constructors.iter())
                .filter(|c| c.type_name != "Bool")
                .filter(|c| !linked("constructor", c.tl_name.as_deref().unwrap_or(&c.name)))
                .map(|c| format!("constructor {}", c.name)),
        )
        .chain(
            (merged.api.methods.iter())
                .filter(|m| !linked("method", &m.name))
                .map(|m| format!("method {}", m.name)),
        )
        .collect();
    assert!(
        missing.is_empty(),
        "no link to core.telegram.org: {missing:?}"
    );
}

/// Which variants are boxed can be read off the docs: every boxed variant
/// says why, and no unboxed one claims to be.
#[test]
#[ignore = "reads ../shared"]
fn v223_boxed_variants_say_why() {
    // One line per attribute, so that a variant's docs are the `///` lines
    // right above it and its attributes.
    let options = Options {
        formatting: Formatting::Lines,
        ..Options::default()
    };
    let (_, output) = v223(&options);
    let (mut by_size, mut by_recursion) = (0, 0);
    for (path, text) in &output.files {
        let mut doc = String::new();
        for line in text.lines().map(str::trim_start) {
            if let Some(d) = line.strip_prefix("///") {
                doc.push_str(d);
                continue;
            }
            if line.starts_with("#[") {
                continue;
            }
            let is_variant = line.ends_with("),") && line.contains('(') && !line.contains(' ');
            if is_variant {
                let boxed = line.contains("(Box<");
                let says = doc.contains(" Boxed: ");
                assert_eq!(boxed, says, "{path}: `{line}` after `{doc}`");
                by_size += usize::from(boxed && doc.contains("-byte limit"));
                by_recursion += usize::from(boxed && doc.contains("holds this type again"));
            }
            doc.clear();
        }
    }
    eprintln!("v223: {by_size} variants boxed for size, {by_recursion} for recursion");
    assert!(
        by_size > 50 && by_recursion > 10,
        "{by_size} / {by_recursion}"
    );
}

/// The whole tree as `tlgen generate` writes it for the test command's v223
/// build (the MTProto and secret-chat schemas, Telethon's tables and layer
/// 65's as error sources): not one link to MadelineProto's site, not one
/// paragraph about its PHP client or Telethon's Python one, anywhere in it
/// (item docs, module docs, error variants); the methods whose pages open
/// with MadelineProto's client warnings start with what they do.
#[test]
#[ignore = "reads ../shared"]
fn v223_tree_names_no_client_and_links_no_client_site() {
    let shared = shared::require();
    let mut schemas = shared.schemas("v223");
    schemas.push(shared.schema("TL_mtproto_v1.tl"));
    let mut merged = ir::build(&shared.docs("v223"), &schemas);
    let sources = [shared.telethon(), shared.docs("v65")];
    tlgen::merge::error_tables::import_from(&mut merged.api, &sources).expect("error sources");
    let output = generate(&merged.api, &Options::default()).expect("v223 bindings");
    assert!(output.files.contains_key("errors/messages.rs"));

    for (path, text) in &output.files {
        for (n, line) in text.lines().enumerate() {
            let lower = line.to_ascii_lowercase();
            for banned in [
                "madelineproto",
                "<?php",
                "event handler",
                "you cannot use this method directly",
                "telethon",
                "pip install",
                "using none",
            ] {
                assert!(
                    !lower.contains(banned),
                    "{path}:{}: `{banned}` in `{line}`",
                    n + 1
                );
            }
            // Telethon's request classes (`InviteToChannelRequest`) in the
            // error docs (TL names elsewhere may end in `Request`).
            if !path.starts_with("errors/") || !line.trim_start().starts_with("///") {
                continue;
            }
            let class = line.split(|c: char| !c.is_ascii_alphanumeric()).find(|w| {
                w.len() > "Request".len()
                    && w.ends_with("Request")
                    && w.starts_with(|c: char| c.is_ascii_uppercase())
            });
            assert!(class.is_none(), "{path}:{}: {class:?} in `{line}`", n + 1);
        }
    }

    // The first doc line of each: what the method does, no warning heading.
    let first_doc = |file: &str, item: &str| -> String {
        let text = &output.files[file];
        let at = text
            .find(&format!("pub struct {item} "))
            .unwrap_or_else(|| panic!("{item} in {file}"));
        // The item's doc block: the `///` lines above its attributes.
        let is_doc = |l: &&str| l.trim_start().starts_with("///");
        let before: Vec<&str> = text[..at].lines().collect();
        let end = before.iter().rposition(is_doc).expect("a doc block");
        let start = before[..end]
            .iter()
            .rposition(|l| !is_doc(l))
            .map_or(0, |i| i + 1);
        before[start]
            .trim_start()
            .trim_start_matches("///")
            .trim()
            .to_owned()
    };
    for (file, item, opening) in [
        (
            "functions/messages.rs",
            "GetHistory",
            "Returns the conversation history",
        ),
        (
            "functions/messages.rs",
            "GetMessages",
            "Returns the list of messages by their IDs",
        ),
        (
            "functions/channels.rs",
            "GetMessages",
            "Get [channel/supergroup]",
        ),
    ] {
        let first = first_doc(file, item);
        assert!(first.starts_with(opening), "{file} {item}: `{first}`");
    }

    // The fields the docs hide say what they are for: no `random_id` of
    // the API is documented by its TL type alone.
    for (path, text) in output.files.iter().filter(|(p, _)| !p.contains("mtproto")) {
        let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
        for (i, line) in lines.iter().enumerate() {
            if line.starts_with("pub random_id:") {
                let doc = lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| l.starts_with("///"))
                    .last()
                    .copied()
                    .unwrap_or_default();
                assert!(
                    !doc.starts_with("/// TL type"),
                    "{path}: `{doc}` over `{line}`"
                );
            }
        }
    }
}
