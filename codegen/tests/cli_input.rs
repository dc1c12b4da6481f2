//! What the command line makes of its input when a user gets it slightly
//! wrong or pipes it somewhere: a schema directory is read like
//! `TLGEN_SCHEMAS` reads one, the parent of several docs trees and a
//! Markdown file given as a schema get messages that say what they are, and
//! a reader that goes away early costs no panic. Each with its exact message
//! and exit status.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitStatus, Output, Stdio};

use tlgen_test_support::cli::{stderr, COPIED_SAMPLE_ARGS};
use tlgen_test_support::tree::copy_tree;
use tlgen_test_support::{sample_docs as sample, tlgen};

fn tlgen(dir: &Path, args: &[&str]) -> Output {
    tlgen!().args(args).current_dir(dir).output()
}

/// The sample docs and schemas copied into `dir/docs`, for runs whose
/// messages name relative paths.
fn copy_sample(dir: &Path) {
    copy_tree(&sample(), &dir.join("docs"));
}

/// `generate` over the copied docs with `schema`, into `out`.
fn generate_args<'a>(schema: &'a str, out: &'a str) -> [&'a str; 7] {
    [
        "generate", "--docs", "docs", "--schema", schema, "--out", out,
    ]
}

/// The status of tlgen run in `dir` with `args` when both its output pipes
/// are closed before it has read its input.
fn status_with_closed_pipes(dir: &Path, args: &[&str]) -> ExitStatus {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tlgen runs");
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().expect("tlgen ends")
}

#[test]
fn a_schema_directory_stands_for_its_tl_files() {
    let tmp = tempfile::tempdir().unwrap();
    copy_sample(tmp.path());
    let by_dir = tlgen(tmp.path(), &generate_args("docs/schemas", "a"));
    assert_eq!(by_dir.status.code(), Some(0), "{}", stderr(&by_dir));
    // No warnings, and all three schemas were read: the MTProto one is
    // named as generated without docs.
    let lines: Vec<String> = stderr(&by_dir).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "note: docs/schemas/sample_mtproto.tl: no entry of this schema file is documented"
        ),
        "{lines:#?}"
    );
    assert!(lines[1].starts_with("wrote 26 files ("), "{lines:#?}");
    // The same tree as from the two files named one by one.
    let by_files = tlgen!()
        .arg("generate")
        .args(COPIED_SAMPLE_ARGS)
        .args(["--schema", "docs/schemas/sample_mtproto.tl"])
        .args(["--out", "a", "--check"])
        .current_dir(tmp.path())
        .output();
    assert_eq!(by_files.status.code(), Some(0), "{}", stderr(&by_files));

    fs::create_dir(tmp.path().join("empty")).unwrap();
    let out = tlgen(
        tmp.path(),
        &["stats", "--docs", "docs", "--schema", "empty"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: empty: a schema directory without `.tl` files\n"
    );
}

#[test]
fn the_parent_of_docs_trees_names_them() {
    let tmp = tempfile::tempdir().unwrap();
    let parent = tmp.path().join("madelineproto-docs");
    for tree in ["v65", "v223"] {
        fs::create_dir_all(parent.join(tree).join("methods")).unwrap();
    }
    let schema = sample().join("schemas/sample.tl");
    let out = tlgen(
        tmp.path(),
        &[
            "stats",
            "--docs",
            "madelineproto-docs",
            "--schema",
            schema.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: madelineproto-docs: not a docs tree (no `methods/` directory), but it holds \
         madelineproto-docs/v223, madelineproto-docs/v65: pass one of them\n"
    );
}

#[test]
fn a_markdown_file_given_as_a_schema_is_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    copy_sample(tmp.path());
    let out = tlgen(
        tmp.path(),
        &generate_args("docs/methods/help.getConfig.md", "tl"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: docs/methods/help.getConfig.md:1: not a TL schema: it reads as Markdown (a docs \
         page?); a schema is the `.tl` file the docs were made from, one \
         `name#id param:type ... = Type;` per line\n"
    );
    assert!(!tmp.path().join("tl").exists());
}

/// `tlgen generate ... 2>&1 | head -1`: the reader is gone before tlgen
/// writes its first line. No panic: the run goes on, writes the tree and
/// ends with the status it would have had.
#[test]
fn a_closed_pipe_ends_nothing_badly() {
    let tmp = tempfile::tempdir().unwrap();
    copy_sample(tmp.path());
    // Only the main schema: a warning to print on the closed pipe.
    let status =
        status_with_closed_pipes(tmp.path(), &generate_args("docs/schemas/sample.tl", "tl"));
    assert_eq!(status.code(), Some(0), "no panic (101), no failure");
    assert!(
        tmp.path().join("tl/mod.rs").is_file(),
        "the tree is written"
    );

    // The same for a failed run: still its own status, 2.
    let status = status_with_closed_pipes(tmp.path(), &["stats", "--docs", "missing"]);
    assert_eq!(status.code(), Some(2));
}
