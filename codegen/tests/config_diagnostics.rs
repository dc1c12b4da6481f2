//! `tlgen::config::Config` and the merge's diagnostics: warnings pass unless
//! denied, errors always fail, and a failed run writes nothing.

use std::path::{Path, PathBuf};

use tlgen::config::{Config, ConfigError};
use tlgen::ir::Severity;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// The sample docs with only the main schema: the secret-chat pages have no
/// schema entry (warnings, no errors).
fn config(out: &Path) -> Config {
    let mut config = Config::new();
    config
        .docs(sample())
        .schema(sample().join("schemas/sample.tl"))
        .out_dir(out)
        .cargo_directives(false);
    config
}

#[test]
fn warnings_pass_by_default_and_are_returned() {
    let tmp = tempfile::tempdir().unwrap();
    let generated = config(tmp.path()).generate().expect("warnings do not fail");
    let warnings = generated
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    assert_eq!(warnings, 9);
    assert!(generated.written > 0);
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let err = config(&out).deny_warnings(true).generate().unwrap_err();
    let ConfigError::Diagnostics { fatal, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(fatal.len(), 9);
    let text = err.to_string();
    let root = sample();
    let first = format!(
        "tlgen: 9 warning(s), denied by deny_warnings(true)\n  warning: {}/constructors/decryptedMessageActionSetMessageTTL_8.md:7: the page documents constructor decryptedMessageActionSetMessageTTL_8, which no schema file defines\n",
        root.display()
    );
    assert!(text.starts_with(&first), "{text}");
    assert!(
        text.ends_with(&format!(
            "\n  ... and 4 more; all of them: tlgen stats --docs {} --schema {}",
            root.display(),
            root.join("schemas/sample.tl").display()
        )),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + 5 + 1);
    assert!(!out.exists(), "a failed run writes nothing");
}

#[test]
fn a_truncated_schema_is_an_error_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let cut = tmp.path().join("cut.tl");
    let full = std::fs::read_to_string(sample().join("schemas/sample.tl")).unwrap();
    // Keep the types, cut every function but one.
    let keep: Vec<&str> = full
        .lines()
        .take_while(|l| !l.starts_with("help.getConfig"))
        .collect();
    std::fs::write(&cut, keep.join("\n")).unwrap();
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
            "tlgen: 1 error(s) in the docs and schemas\n  error: {}: only 1 of the 11 method pages have a schema entry: expected the schema the docs were generated from (is it truncated, or of another layer?)",
            sample().display()
        )),
        "{text}"
    );
    assert!(!out.exists());
}
