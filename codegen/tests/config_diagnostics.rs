//! `tlgen::config::Config` and the merge's diagnostics: warnings pass unless
//! denied, errors always fail, a failed run writes nothing, and the report
//! names the switch of the front end in use.

use std::fs;
use std::path::{Path, PathBuf};

use tlgen::config::{Config, ConfigError};
use tlgen::ir::Severity;
use tlgen_test_support::tree::sample_with_empty_pages;
use tlgen_test_support::{sample_docs as sample, warning_without_secret_schema};

/// The sample docs with only the main schema: the secret-chat pages have no
/// schema entry (one warning naming the missing schema, no errors).
fn config(out: &Path) -> Config {
    let mut config = Config::new();
    config
        .docs(sample())
        .schema(sample().join("schemas/sample.tl"))
        .out_dir(out)
        .cargo_directives(false);
    config
}

/// A copy of the sample docs under `dir` with 12 constructor pages emptied:
/// 12 warnings (one per skipped page), no errors.
fn broken_docs(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    sample_with_empty_pages(&docs, 12);
    docs
}

#[test]
fn warnings_pass_by_default_and_are_returned() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = config(tmp.path()).generate().expect("warnings do not fail");
    let warnings: Vec<String> = generated
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        warnings,
        [warning_without_secret_schema(sample().display())]
    );
    assert!(generated.written > 0);
}

#[test]
fn deny_warnings_fails_lists_the_first_ten_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = broken_docs(tmp.path());
    let out = tmp.path().join("out");
    let err = Config::new()
        .docs(&docs)
        .schema(docs.join("schemas"))
        .out_dir(&out)
        .cargo_directives(false)
        .deny_warnings(true)
        .generate()
        .unwrap_err();
    let ConfigError::Diagnostics { fatal, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(fatal.len(), 12);
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "12 warnings, denied by `Config::deny_warnings(true)`:"
    );
    assert!(
        lines[1].starts_with(&format!("  warning: {}/constructors/", docs.display()))
            && lines[1].contains(".md:1: page skipped: "),
        "{text}"
    );
    assert_eq!(
        lines[11],
        format!(
            "  ... and 2 more; all of them: `tlgen stats --docs {} --schema {}`",
            docs.display(),
            docs.join("schemas").display()
        )
    );
    assert_eq!(lines.len(), 12);
    assert_eq!(
        err.summary(),
        "12 warnings, denied by `Config::deny_warnings(true)`"
    );
    // A build script's `main` prints the error with `Debug`: the same text.
    assert_eq!(format!("{err:?}"), text);
    assert!(!out.exists(), "a failed run writes nothing");
}

#[test]
fn a_front_end_names_its_own_switch() {
    let tmp = tempfile::tempdir().unwrap();
    let loaded = config(tmp.path())
        .deny_warnings_switch("TLGEN_DENY_WARNINGS=1")
        .load()
        .unwrap();
    loaded.check().expect("warnings pass");
    let report = loaded.warnings();
    assert_eq!(report.len(), 3, "{report:?}");
    assert_eq!(report[0], "1 warning in the docs and schemas:");
    assert_eq!(report[2], "`TLGEN_DENY_WARNINGS=1` makes warnings errors");

    let err = config(tmp.path())
        .deny_warnings(true)
        .deny_warnings_switch("TLGEN_DENY_WARNINGS=1")
        .load()
        .unwrap()
        .check()
        .unwrap_err();
    assert_eq!(
        err.summary(),
        "1 warning, denied by `TLGEN_DENY_WARNINGS=1`"
    );
}

#[test]
fn a_schema_directory_is_read_as_its_tl_files() {
    let by_files = Config::new()
        .docs(sample())
        .schema(sample().join("schemas/sample.tl"))
        .schema(sample().join("schemas/sample_secret.tl"))
        .schema(sample().join("schemas/sample_mtproto.tl"))
        .load()
        .unwrap();
    by_files.check().expect("the sample has no error");
    let by_dir = Config::new()
        .docs(sample())
        .schema(sample().join("schemas"))
        .load()
        .unwrap();
    assert_eq!(by_dir.api, by_files.api);
    assert_eq!(by_dir.diagnostics, by_files.diagnostics);
}

#[test]
fn a_truncated_schema_is_an_error_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let cut = tmp.path().join("cut.tl");
    let full = fs::read_to_string(sample().join("schemas/sample.tl")).unwrap();
    // Keep the types, cut every function but one.
    let keep: Vec<&str> = full
        .lines()
        .take_while(|l| !l.starts_with("help.getConfig"))
        .collect();
    fs::write(&cut, keep.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let err = Config::new()
        .docs(sample())
        .schema(&cut)
        .out_dir(&out)
        .cargo_directives(false)
        .generate()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "1 error in the docs and schemas:\n  error: {}: only 1 of the 11 method pages have a schema entry: expected the schema the docs were generated from (is it truncated, or of another layer?)",
            sample().display()
        )),
        "{text}"
    );
    assert!(!out.exists());
}
