//! `tlgen ir` and `tlgen stats` as a user runs them: JSON on stdout, counts and
//! diagnostics, and a clear `file:line` error with a non-zero exit on bad input.

use std::path::{Path, PathBuf};
use std::process::Output;

use tlgen_test_support::cli::{sample_args, stderr};
use tlgen_test_support::{assert_contains, tlgen, workspace_root as root};

fn tlgen(args: &[&str]) -> Output {
    tlgen!().args(args).output()
}

fn run(args: &[String]) -> Output {
    tlgen!().args(args).output()
}

/// The item of the JSON array `items` whose `name` is `name`.
fn named<'a>(items: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["name"] == name)
        .unwrap()
}

/// `tlgen stats` over `docs` with the one schema file `schema`.
fn stats(docs: &Path, schema: &Path) -> Output {
    tlgen(&[
        "stats",
        "--docs",
        &docs.display().to_string(),
        "--schema",
        &schema.display().to_string(),
    ])
}

/// A schema file `name` holding `text`, written into `dir`.
fn schema_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ir_prints_the_documented_json_shape() {
    let out = run(&sample_args("ir"));
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["constructors", "layer", "methods", "types"]);
    assert_eq!(json["layer"], 1, "the sample schema's `// LAYER 1`");
    let m = named(&json["methods"], "messages.importChatInvite");
    assert_eq!(m["id"], "6c50051c");
    assert_eq!(m["returns"], "Updates");
    assert_eq!(m["bots"], false);
    assert!(m["users"].is_null());
    assert_eq!(m["errors"][2]["name"], "SLOWMODE_WAIT_X");
    assert_eq!(m["errors"][3]["code"], -503);
    assert_eq!(m["params"][0]["name"], "hash");
    assert_eq!(m["params"][0]["type"], "string");
    assert!(m["params"][0]["flag"].is_null());
    assert_eq!(m["params"][0]["docs_only"], false);
    assert_eq!(m["params"][0]["hidden"], false);
    let c = named(&json["constructors"], "user");
    assert_eq!(c["type"], "User");
    let bot = named(&c["params"], "bot");
    assert_eq!(
        bot["flag"],
        serde_json::json!({"field": "flags", "bit": 14})
    );
}

#[test]
fn ir_is_deterministic() {
    let first = run(&sample_args("ir"));
    let second = run(&sample_args("ir"));
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn stats_prints_counts_and_diagnostics() {
    let mut args = sample_args("stats");
    args.push("--notes".into());
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("methods: 11 (11 with a page, 11 with an ID)\n"),
        "{text}"
    );
    // Every sample schema entry has a page: only notes remain.
    assert_contains(
        &text,
        &[
            "\nconstructors: 39 (39 with a page, 39 with an ID)\n",
            " (0 warnings, ",
            "\nnote: ",
            "messages.sendMessage: wire param random_id:long",
        ],
    );
}

/// Counts say `1 warning`, `2 warnings`; errors get their own count.
#[test]
fn stats_counts_in_the_singular_and_plural() {
    let docs = root().join("docs-input");
    let sample = root().join("docs-input/schemas/sample.tl");
    // Without the secret-chat schema: one warning for it.
    let out = stats(&docs, &sample);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\nerrors: 11 rows in 5 methods\ndiagnostics: 30 (1 warning, 29 notes)\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\n29 notes on MadelineProto's documented conventions not listed; --notes lists them\n"
        ),
        "{text}"
    );

    // A schema that covers almost nothing of the docs: errors, counted apart.
    let dir = tempfile::tempdir().unwrap();
    let one = schema_file(
        dir.path(),
        "one.tl",
        "boolTrue#997275b5 = Bool;\n---functions---\nhelp.getConfig#c4f9186b = Config;\n",
    );
    let out = stats(&docs, &one);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "\nerrors: 0 rows in 0 methods\ndiagnostics: 72 (2 errors, 64 warnings, 6 notes)\n"
        ),
        "{text}"
    );
}

#[test]
fn a_missing_docs_directory_is_a_clear_error() {
    let out = tlgen(&["ir", "--docs", "/nonexistent/docs"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("/nonexistent/docs"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_malformed_schema_line_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema_file(
        dir.path(),
        "broken.tl",
        "boolTrue#997275b5 = Bool;\nbroken#zz12 x:int = Bool;\n",
    );
    let out = stats(&root().join("docs-input"), &schema);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", schema.display())), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_malformed_page_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["methods", "constructors", "types"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    let broken = root().join("docs-input/malformed/row_without_pipe.md");
    let page = dir.path().join("methods/messages.importChatInvite.md");
    std::fs::copy(broken, &page).unwrap();
    let out = tlgen(&["ir", "--docs", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("messages.importChatInvite.md:"), "{err}");
    assert!(err.contains("expected"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "no partial IR on failure");
}
