//! `tlgen encode`, `tlgen decode` and `tlgen diff` as a user (or CI) runs
//! them: one output line per input line, exit statuses (2 when a line could
//! not be converted; 1 for `--fail-on breaking` finding one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use tlgen_test_support::cli::{stderr, stdout};
use tlgen_test_support::{assert_contains, shared, tl_oracle, tlgen, workspace_root as root};

fn tlgen(args: &[String], stdin: &str) -> Output {
    tlgen!().args(args).stdin(stdin).output()
}

fn sample(command: &str) -> Vec<String> {
    let docs = root().join("docs-input");
    vec![
        command.into(),
        "--docs".into(),
        docs.display().to_string(),
        "--schema".into(),
        docs.join("schemas/sample.tl").display().to_string(),
    ]
}

fn with(mut args: Vec<String>, extra: &[&str]) -> Vec<String> {
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

#[test]
fn encode_writes_one_line_per_input_line() {
    let input = [
        r#"{"_":"messages.importChatInvite","hash":"abc"}"#,
        "",
        r#"{"_":"messages.importChatInvite","hash":5}"#,
        "not json",
        r#"{"_":"messages.sendMessage","peer":{"_":"inputPeerSelf"},"message":"hi","random_id":5,"silent":true}"#,
        r#"{"_":"nope"}"#,
    ]
    .join("\n");
    let out = tlgen(&sample("encode"), &(input + "\n"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(lines[0], "1c05506c03616263");
    assert_eq!(lines[1], "error: invalid JSON: empty input");
    assert_eq!(
        lines[2],
        r#"error: field "hash" of messages.importChatInvite: expected string, got number 5"#
    );
    assert!(
        lines[3].starts_with("error: invalid JSON: "),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "e8689f0f20000000c97ea07d026869000500000000000000");
    assert_eq!(lines[5], r#"error: unknown constructor or method "nope""#);

    // All lines fine: exit 0. No trailing newline on the last line: still read.
    let out = tlgen(&sample("encode"), r#"{"_":"help.getConfig"}"#);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "6b18f9c4\n");
    // No input at all: no output, success.
    let out = tlgen(&sample("encode"), "");
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
}

#[test]
fn decode_writes_one_line_per_input_line() {
    let input = "1c05506c03616263\n\nzz\n1c05506c0361626300000000\n19ca4421a40100000c464c4f4f445f574149545f33000000\n";
    let out = tlgen(&sample("decode"), input);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"_":"messages.importChatInvite","hash":"abc"}"#,
            "error: truncated input: 4 more bytes needed at offset 0",
            "error: invalid hex: character 'z' at position 0 is not a hex digit",
            "error: 4 trailing bytes after the value",
            r#"{"_":"rpc_error","error_code":420,"error_message":"FLOOD_WAIT_3"}"#,
        ]
    );
}

#[test]
fn a_line_that_is_not_utf8_is_one_error_line() {
    let out = tlgen!()
        .args(sample("decode"))
        .stdin(b"6b18f9c4\r\n\xff\xfe\n6b18f9c4")
        .output();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(lines[0], r#"{"_":"help.getConfig"}"#);
    assert!(
        lines[1].starts_with("error: the line is not UTF-8"),
        "{text}"
    );
    assert_eq!(lines[2], r#"{"_":"help.getConfig"}"#);
}

#[test]
fn single_values_and_a_round_trip_through_both_commands() {
    let value = r#"{"_":"messages.sendMessage","no_webpage":true,"peer":{"_":"inputPeerUser","user_id":-1,"access_hash":9223372036854775807},"message":"héllo","random_id":-9223372036854775808,"entities":[{"_":"messageEntityBold","offset":0,"length":5}],"schedule_date":7}"#;
    let out = tlgen(&with(sample("encode"), &["--json", value]), "ignored");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hex = stdout(&out);
    let out = tlgen(&with(sample("decode"), &["--hex", hex.trim()]), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{value}\n"));

    let out = tlgen(&with(sample("decode"), &["--hex", "00"]), "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "error: truncated input: 4 more bytes needed at offset 0\n"
    );
}

#[test]
fn the_ir_json_can_replace_the_docs() {
    let out = tlgen(&sample("ir"), "");
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let ir = dir.path().join("ir.json");
    std::fs::write(&ir, &out.stdout).unwrap();
    let args = vec![
        "encode".to_string(),
        "--ir".into(),
        ir.display().to_string(),
    ];
    let out = tlgen(&with(args, &["--json", r#"{"_":"help.getConfig"}"#]), "");
    assert_eq!(
        (out.status.code(), stdout(&out)),
        (Some(0), "6b18f9c4\n".to_string())
    );
}

#[test]
fn without_a_schema_there_are_no_ids() {
    let args = vec![
        "encode".to_string(),
        "--docs".into(),
        root().join("docs-input").display().to_string(),
    ];
    let out = tlgen(&with(args, &["--json", r#"{"_":"help.getConfig"}"#]), "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "error: no constructor ID for help.getConfig: pass --schema\n"
    );
}

#[test]
fn a_bad_source_is_a_fatal_error() {
    let out = tlgen(
        &[
            "decode".to_string(),
            "--docs".into(),
            "/nonexistent/docs".into(),
        ],
        "00\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/docs"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

fn diff_args(old_schema: &Path, new_schema: &Path, extra: &[&str]) -> Vec<String> {
    let docs = root().join("docs-input").display().to_string();
    let mut args: Vec<String> = vec![
        "diff".into(),
        "--old-docs".into(),
        docs.clone(),
        "--old-schema".into(),
        old_schema.display().to_string(),
        "--new-docs".into(),
        docs,
        "--new-schema".into(),
        new_schema.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

#[test]
fn diff_fail_on_breaking_exits_1() {
    let schema = root().join("docs-input/schemas/sample.tl");
    // Same input: no changes, success even with --fail-on breaking.
    let out = tlgen(&diff_args(&schema, &schema, &["--fail-on", "breaking"]), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "tlgen diff: 0 changes, 0 breaking\n");

    // A changed ID and an added constructor.
    let text = std::fs::read_to_string(&schema).unwrap();
    let changed = text
        .replace(
            "messages.importChatInvite#6c50051c",
            "messages.importChatInvite#6c50051d",
        )
        .replace(
            "selective:flags.2?true = ReplyMarkup;",
            "selective:flags.2?true = ReplyMarkup;\nreplyKeyboardForceReply flags:# single_use:flags.1?true = ReplyMarkup;",
        );
    assert_ne!(changed, text);
    let dir = tempfile::tempdir().unwrap();
    let new_schema = dir.path().join("sample.tl");
    std::fs::write(&new_schema, changed).unwrap();

    let out = tlgen(
        &diff_args(&schema, &new_schema, &["--fail-on", "breaking"]),
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_contains(
        &stdout(&out),
        &[
            "  BREAKING changed messages.importChatInvite\n",
            "ID changed: 6c50051c -> 6c50051d (breaking)",
            "added   replyKeyboardForceReply",
        ],
    );

    // Without --fail-on the report is informational: exit 0.
    let out = tlgen(&diff_args(&schema, &new_schema, &["--format", "json"]), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3, "{json}");
    assert_eq!(
        changes[0],
        serde_json::json!({"kind": "method", "name": "messages.importChatInvite", "change": "changed",
            "breaking": true, "details": ["ID changed: 6c50051c -> 6c50051d (breaking)"]})
    );
    assert_eq!(changes[1]["name"], "replyKeyboardForceReply");
    assert_eq!(changes[1]["change"], "added");
    assert_eq!(changes[1]["breaking"], false);
    assert_eq!(changes[2]["name"], "ReplyMarkup");
    assert_eq!(changes[2]["breaking"], false);

    // --fail-on any: a non-breaking change also fails.
    let only_added = text_with_an_added_constructor(&schema, dir.path());
    let out = tlgen(
        &diff_args(&schema, &only_added, &["--fail-on", "breaking"]),
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = tlgen(&diff_args(&schema, &only_added, &["--fail-on", "any"]), "");
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

fn text_with_an_added_constructor(schema: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(schema).unwrap().replace(
        "selective:flags.2?true = ReplyMarkup;",
        "selective:flags.2?true = ReplyMarkup;\nreplyKeyboardForceReply flags:# single_use:flags.1?true = ReplyMarkup;",
    );
    let path = dir.join("added.tl");
    std::fs::write(&path, text).unwrap();
    path
}

/// `(is_function, name)` -> ID, read straight from a `.tl` file by the
/// tests' TL oracle.
fn read_ids(path: &Path) -> BTreeMap<(bool, String), Option<String>> {
    tl_oracle::by_kind(path)
        .into_iter()
        .map(|(key, e)| (key, e.declared_id.map(|id| format!("{id:08x}"))))
        .collect()
}

#[test]
#[ignore = "reads ../shared"]
fn diff_v65_v66_json_matches_the_schema_files() {
    let shared = shared::require();
    let docs = |v: &str| shared.docs(v).display().to_string();
    let schema = |v: &str| shared.schema(&format!("TL_telegram_{v}.tl"));
    let args: Vec<String> = [
        "diff",
        "--old-docs",
        &docs("v65"),
        "--old-schema",
        &schema("v65").display().to_string(),
        "--new-docs",
        &docs("v66"),
        "--new-schema",
        &schema("v66").display().to_string(),
        "--format",
        "json",
        "--fail-on",
        "breaking",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = tlgen(&args, "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let (old, new) = (read_ids(&schema("v65")), read_ids(&schema("v66")));
    let kind = |f: bool| if f { "method" } else { "constructor" };
    let mut expected: BTreeSet<(String, String, String)> = BTreeSet::new();
    for (key @ (f, name), id) in &old {
        match new.get(key) {
            None => expected.insert((kind(*f).into(), name.clone(), "removed".into())),
            Some(new_id) if new_id != id => expected.insert((
                kind(*f).into(),
                name.clone(),
                format!(
                    "ID changed: {} -> {}",
                    id.clone().unwrap_or("none".into()),
                    new_id.clone().unwrap_or("none".into())
                ),
            )),
            Some(_) => false,
        };
    }
    for key @ (f, name) in new.keys() {
        if !old.contains_key(key) {
            expected.insert((kind(*f).into(), name.clone(), "added".into()));
        }
    }
    let mut got: BTreeSet<(String, String, String)> = BTreeSet::new();
    for c in json["changes"].as_array().unwrap() {
        let (k, name) = (c["kind"].as_str().unwrap(), c["name"].as_str().unwrap());
        if k == "type" {
            continue;
        }
        match c["change"].as_str().unwrap() {
            "changed" => {
                for d in c["details"].as_array().unwrap() {
                    if let Some(id) = d.as_str().unwrap().strip_prefix("ID changed: ") {
                        let id = id.trim_end_matches(" (breaking)");
                        got.insert((k.into(), name.into(), format!("ID changed: {id}")));
                    }
                }
            }
            other => {
                got.insert((k.into(), name.into(), other.into()));
            }
        }
    }
    assert_eq!(got, expected);
}
