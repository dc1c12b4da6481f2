//! A docs tree with one broken page among good ones, as a real layer has (an
//! empty, 0-byte method page): `ir`, `stats`, `generate`, `encode` and `diff`
//! each skip it with a warning naming the file and still produce their output
//! (exit 0); the first three fail with exit 2 under `--deny-warnings`. The tree is the sample docs copied
//! into a temp dir by the test.

use std::fs;
use std::path::Path;
use std::process::Output;

use tlgen_test_support::cli::{failure, stderr, stdout, Run, COPIED_SAMPLE_ARGS};
use tlgen_test_support::rust::Parsed;
use tlgen_test_support::tree::copy_tree;
use tlgen_test_support::{assert_contains, sample_docs, tlgen};

/// A temp dir holding `docs/`: the sample docs and schemas, with
/// `methods/help.getConfig.md` emptied.
fn tree_with_an_empty_page() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&sample_docs(), &tmp.path().join("docs"));
    fs::write(tmp.path().join("docs/methods/help.getConfig.md"), "").unwrap();
    tmp
}

/// `tlgen <command> --docs docs --schema ... <extra>` in `dir`, run to the end.
fn tlgen(dir: &Path, command: &str, extra: &[&str]) -> Output {
    tlgen_command(dir, command, extra).output()
}

/// The run [`tlgen`] makes, for a caller that feeds it stdin.
fn tlgen_command(dir: &Path, command: &str, extra: &[&str]) -> Run {
    tlgen!()
        .arg(command)
        .args(COPIED_SAMPLE_ARGS)
        .args(extra)
        .current_dir(dir)
}

/// The one warning: the skipped page, which names the schema entry it
/// documented, now generated from the schema alone (no second warning that
/// the entry has no page).
const WARNING: &str = "\
warning: docs/methods/help.getConfig.md:1: page skipped: expected a `# Method: <name>` heading, \
found the end of the page; schema method help.getConfig (docs/schemas/sample.tl:42) is generated \
from the schema alone, without docs";

/// What a run that goes on prints about it on stderr.
fn reported() -> String {
    format!(
        "1 warning in the docs and schemas:\n  {WARNING}\n`--deny-warnings` makes warnings errors\n"
    )
}

/// What a run that it fails prints.
fn denied() -> String {
    format!("error: 1 warning, denied by `--deny-warnings`:\n  {WARNING}\n")
}

#[test]
fn ir_warns_about_the_skipped_page_and_prints_the_ir() {
    let tmp = tree_with_an_empty_page();
    let out = tlgen(tmp.path(), "ir", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), reported());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the IR as JSON");
    let methods = json["methods"].as_array().expect("methods");
    let get_config = methods
        .iter()
        .find(|m| m["name"] == "help.getConfig")
        .expect("help.getConfig is still in the IR, from the schema");
    assert_eq!(get_config["source"], serde_json::Value::Null);
    assert_eq!(methods.len(), 11);

    let out = tlgen(tmp.path(), "ir", &["--deny-warnings"]);
    assert_eq!(failure(&out), denied());
    assert_eq!(stdout(&out), "", "no IR when warnings are denied");
}

#[test]
fn stats_lists_the_skipped_page() {
    let tmp = tree_with_an_empty_page();
    let out = tlgen(tmp.path(), "stats", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(
        text.starts_with("methods: 11 (10 with a page, 11 with an ID)\n"),
        "{text}"
    );
    assert_contains(
        &text,
        &[
            "\ndiagnostics: 37 (1 warning, 36 notes)\n",
            &format!("\n{WARNING}\n"),
        ],
    );

    // Every diagnostic is on stdout: the error only says why the run failed.
    let out = tlgen(tmp.path(), "stats", &["--deny-warnings"]);
    assert_eq!(
        failure(&out),
        "error: 1 warning, denied by `--deny-warnings`\n"
    );
    assert!(stdout(&out).contains(&format!("\n{WARNING}\n")));
}

#[test]
fn generate_warns_about_the_skipped_page_and_writes_the_tree() {
    let tmp = tree_with_an_empty_page();
    let out = tlgen(tmp.path(), "generate", &["--out", "tl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let wrote = err
        .strip_prefix(&reported())
        .unwrap_or_else(|| panic!("the warnings first: {err}"));
    assert!(
        wrote.starts_with("wrote 23 files (") && wrote.ends_with(" to tl with 1 warning\n"),
        "{wrote}"
    );
    // The method of the skipped page is generated from the schema alone.
    let help = fs::read_to_string(tmp.path().join("tl/functions/help.rs")).unwrap();
    assert!(Parsed::new([("functions/help.rs", help)]).has_pub_struct("GetConfig"));

    let out = tlgen(
        tmp.path(),
        "generate",
        &["--out", "denied", "--deny-warnings"],
    );
    assert_eq!(failure(&out), denied());
    assert!(!tmp.path().join("denied").exists(), "nothing written");
}

#[test]
fn encode_warns_about_the_skipped_page_and_encodes() {
    let tmp = tree_with_an_empty_page();
    let out = tlgen_command(tmp.path(), "encode", &[])
        .stdin("{\"_\":\"messages.importChatInvite\",\"hash\":\"AbCd\"}\n")
        .output();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), reported());
    assert_eq!(stdout(&out), "1c05506c0441624364000000\n");
}

#[test]
fn diff_warns_about_the_skipped_page_of_either_side() {
    let tmp = tree_with_an_empty_page();
    let sample = sample_docs();
    let out = tlgen!()
        .arg("diff")
        .arg("--old-docs")
        .arg(&sample)
        .arg("--old-schema")
        .arg(sample.join("schemas/sample.tl"))
        .arg("--old-schema")
        .arg(sample.join("schemas/sample_secret.tl"))
        .args([
            "--new-docs",
            "docs",
            "--new-schema",
            "docs/schemas/sample.tl",
            "--new-schema",
            "docs/schemas/sample_secret.tl",
        ])
        .current_dir(tmp.path())
        .output();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), reported());
    // The wire shape comes from the schema, so nothing changed there; the
    // warning is what says the new side lost a page.
    assert_eq!(stdout(&out), "tlgen diff: 0 changes, 0 breaking\n");
}
