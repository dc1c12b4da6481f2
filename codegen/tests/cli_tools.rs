//! `tlgen encode`, `tlgen decode` and `tlgen diff` as a user (or CI) runs
//! them: one output line per input line, exit statuses (2 when a line could
//! not be converted; 1 for `--fail-on breaking` finding one).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use tlgen_test_support::cli::{stderr, stdout};
use tlgen_test_support::{assert_contains, shared, tl_oracle, tlgen, workspace_root as root};

fn tlgen(args: &[String], stdin: &str) -> Output {
    tlgen_bytes(args, stdin.as_bytes())
}

fn tlgen_bytes(args: &[String], stdin: &[u8]) -> Output {
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

/// The layer-223 API with the MTProto and secret-chat schemas, as a user
/// passes them (no docs: the schemas alone give every wire shape).
fn full_layer(command: &str) -> Vec<String> {
    let shared = shared::require();
    let mut args = vec![command.to_string()];
    for file in ["TL_telegram_v223.tl", "TL_mtproto_v1.tl", "TL_secret.tl"] {
        args.push("--schema".into());
        args.push(shared.schema(file).display().to_string());
    }
    args
}

#[test]
fn encode_suggests_the_nearest_names() {
    let out = tlgen(
        &sample("encode"),
        "{\"_\":\"messages.importChatInvit\",\"hash\":\"abc\"}\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "error: unknown constructor or method \"messages.importChatInvit\" (did you mean messages.importChatInvite?)\n"
    );
}

#[test]
#[ignore = "reads ../shared"]
fn encode_suggests_the_nearest_names_of_the_full_layer() {
    let input = [
        r#"{"_":"messages.sendMesage"}"#,
        r#"{"_":"getConfig"}"#,
        r#"{"_":"channel.getMessages"}"#,
        r#"{"_":"decryptedMessage"}"#,
        r#"{"_":"pnig"}"#,
        r#"{"_":"messages.sendMessage","peer":{"_":"inputPeerUsr"}}"#,
        r#"{"_":"xyzzy"}"#,
        r#"{"_":"messages.sendMessage","peer":{"_":"inputPeerSelf"},"mesage":"hi","random_id":1}"#,
    ]
    .join("\n");
    let out = tlgen(&full_layer("encode"), &input);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            r#"error: unknown constructor or method "messages.sendMesage" (did you mean messages.sendMessage?)"#,
            r#"error: unknown constructor or method "getConfig" (did you mean help.getConfig?)"#,
            r#"error: unknown constructor or method "channel.getMessages" (did you mean channels.getMessages or messages.getMessages?)"#,
            r#"error: unknown constructor or method "decryptedMessage" (did you mean decryptedMessage_17, decryptedMessage_45, decryptedMessage_73 or decryptedMessage_8?)"#,
            r#"error: unknown constructor or method "pnig" (did you mean ping?)"#,
            r#"error: unknown constructor or method "inputPeerUsr" (did you mean inputPeerUser?)"#,
            r#"error: unknown constructor or method "xyzzy""#,
            r#"error: unknown field "mesage" of messages.sendMessage (did you mean message?)"#,
        ],
        "{text}"
    );
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

/// `0x` makes hex a number; the wire carries an ID little-endian. Both
/// readings are named, and an unknown ID says how it was read.
#[test]
fn decode_explains_byte_order() {
    let out = tlgen(&with(sample("decode"), &["--hex", "0xc4f9186b"]), "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "error: invalid hex: \"0xc4f9186b\" is a number, but wire bytes are read in the order \
         they are sent; a constructor ID is sent little-endian: help.getConfig#c4f9186b is the \
         bytes 6b18f9c4. Give the bytes without \"0x\"\n"
    );
    let out = tlgen(&sample("decode"), "0x6b18f9c4\n6b18f9c4\nc4f9186b\n");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            "error: invalid hex: \"0x6b18f9c4\" is a number, but wire bytes are read in the \
             order they are sent; a constructor ID is sent little-endian: the ID #6b18f9c4 is the \
             bytes c4f9186b, and the bytes 6b18f9c4 are help.getConfig#c4f9186b. Give the bytes \
             without \"0x\"",
            r#"{"_":"help.getConfig"}"#,
            "error: unknown constructor ID #6b18f9c4 (wire bytes c4f9186b, read little-endian) at \
             offset 0; help.getConfig#c4f9186b is the wire bytes 6b18f9c4: was the ID written in \
             the schema's byte order?",
        ]
    );
}

/// `--binary` reads one value's raw bytes, from stdin or `--input FILE`
/// (offsets are the file's); `--input` alone reads hex lines from a file.
#[test]
fn decode_reads_raw_bytes_from_stdin_or_a_file() {
    let value = r#"{"_":"messages.importChatInvite","hash":"abc"}"#;
    let wire: &[u8] = &[0x1c, 0x05, 0x50, 0x6c, 0x03, b'a', b'b', b'c'];
    let out = tlgen_bytes(&with(sample("decode"), &["--binary"]), wire);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{value}\n"));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("value.bin");
    std::fs::write(&file, wire).unwrap();
    let path = file.display().to_string();
    let out = tlgen(&with(sample("decode"), &["--binary", "--input", &path]), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{value}\n"));

    // One value per input: bytes after it are an error, as on a hex line.
    let mut longer = wire.to_vec();
    longer.extend_from_slice(&[0x6b, 0x18, 0xf9, 0xc4]);
    let out = tlgen_bytes(&with(sample("decode"), &["--binary"]), &longer);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "error: 4 trailing bytes after the value\n");
    let out = tlgen_bytes(&with(sample("decode"), &["--binary"]), &wire[..6]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "error: length 3 at offset 4 exceeds the 1 bytes left\n"
    );

    // Hex text given as raw bytes, and raw bytes given as hex lines: each
    // error says which flag reads the input as it is.
    let out = tlgen_bytes(
        &with(sample("decode"), &["--binary"]),
        b"1c05506c03616263\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "error: unknown constructor ID #35306331 (wire bytes 31633035, read little-endian) at \
         offset 0 (the input is hex text: without --binary it is read as hex lines)\n"
    );
    let out = tlgen(&with(sample("decode"), &["--input", &path]), "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "error: invalid hex: character '\\u{1c}' at position 0 is not a hex digit; raw wire bytes \
         are read with --binary\n"
    );
    std::fs::write(dir.path().join("high.bin"), [0x15, 0xc4, 0xb5, 0xff]).unwrap();
    let high = dir.path().join("high.bin").display().to_string();
    let out = tlgen(&with(sample("decode"), &["--input", &high]), "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).starts_with("error: the line is not UTF-8 (")
            && stdout(&out).ends_with("); raw wire bytes are read with --binary\n"),
        "{}",
        stdout(&out)
    );
    // An ordinary typo in hex gets no such hint.
    let out = tlgen(&with(sample("decode"), &["--hex", "6b18f9cg"]), "");
    assert_eq!(
        stdout(&out),
        "error: invalid hex: character 'g' at position 7 is not a hex digit\n"
    );
    let hex_file = dir.path().join("values.hex");
    std::fs::write(&hex_file, "1c05506c03616263\n6b18f9c4\n").unwrap();
    let out = tlgen(
        &with(
            sample("decode"),
            &["--input", &hex_file.display().to_string()],
        ),
        "ignored",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("{value}\n{{\"_\":\"help.getConfig\"}}\n")
    );

    // A file that is not there fails the run, naming it; --hex takes no input.
    let missing = dir.path().join("missing.bin").display().to_string();
    let out = tlgen(
        &with(sample("decode"), &["--binary", "--input", &missing]),
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!("error: {missing}: No such file or directory (os error 2)\n")
    );
    let out = tlgen(&with(sample("decode"), &["--hex", "00", "--binary"]), "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("'--hex <HEX>' cannot be used with '--binary'"),
        "{}",
        stderr(&out)
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

/// A `long` beyond 2^53 as JavaScript must send it, a decimal string,
/// encodes as the number does.
#[test]
fn encode_takes_integers_as_decimal_strings() {
    let value = |hash: &str| {
        format!(
            r#"{{"_":"messages.sendMessage","peer":{{"_":"inputPeerUser","user_id":"7","access_hash":{hash}}},"message":"","random_id":"-9007199254740993"}}"#
        )
    };
    let input = format!(
        "{}\n{}\n{}\n",
        value("9007199254740993"),
        value("\"9007199254740993\""),
        value("\"9007199254740993.0\"")
    );
    let out = tlgen(&sample("encode"), &input);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // ID, flags, inputPeerUser, user_id 7, access_hash 2^53 + 1, "",
    // random_id -(2^53 + 1): every integer little-endian.
    let expected =
        "e8689f0f 00000000 4ca5e8dd 0700000000000000 0100000000002000 00000000 ffffffffffffdfff";
    assert_eq!(lines[0], expected.replace(' ', ""));
    assert_eq!(lines[1], lines[0]);
    assert_eq!(
        lines[2],
        r#"error: field "access_hash" of inputPeerUser: expected long (an integer or a decimal string), got string "9007199254740993.0""#
    );
}

/// `encode --input FILE` reads the JSON lines from a file, as `decode
/// --input` reads hex lines.
#[test]
fn encode_reads_lines_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("values.jsonl");
    std::fs::write(
        &file,
        "{\"_\":\"help.getConfig\"}\n{\"_\":\"help.getConfg\"}\n",
    )
    .unwrap();
    let path = file.display().to_string();
    let out = tlgen(&with(sample("encode"), &["--input", &path]), "ignored");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "6b18f9c4\nerror: unknown constructor or method \"help.getConfg\" (did you mean help.getConfig?)\n"
    );
    let missing = dir.path().join("missing.jsonl").display().to_string();
    let out = tlgen(&with(sample("encode"), &["--input", &missing]), "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!("error: {missing}: No such file or directory (os error 2)\n")
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

/// The warnings of the docs and schemas name `--deny-warnings`, which
/// `encode`, `decode` and `diff` take: with it, a warning fails the run
/// before anything is converted or compared.
#[test]
fn deny_warnings_is_a_switch_of_the_tools() {
    // The sample docs document secret-chat entries; this schema lacks them.
    let json = ["--json", r#"{"_":"help.getConfig"}"#];
    let out = tlgen(&with(sample("encode"), &json), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "6b18f9c4\n");
    let warned = stderr(&out);
    assert!(
        warned.starts_with("1 warning in the docs and schemas:\n")
            && warned.ends_with("\n`--deny-warnings` makes warnings errors\n"),
        "{warned}"
    );
    let schema = root().join("docs-input/schemas/sample.tl");
    for args in [
        with(
            sample("encode"),
            &[&json[..], &["--deny-warnings"]].concat(),
        ),
        with(sample("decode"), &["--hex", "6b18f9c4", "--deny-warnings"]),
        diff_args(&schema, &schema, &["--deny-warnings"]),
    ] {
        let out = tlgen(&args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(
            stderr(&out).starts_with("error: 1 warning, denied by `--deny-warnings`:\n"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// `encode --help`, `decode --help` and `diff --help` say that a schema
/// may be a directory, and one is taken as they say.
#[test]
fn a_schema_may_be_a_directory() {
    for command in ["encode", "decode"] {
        let out = tlgen(&[command.to_string(), "--help".into()], "");
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        assert!(
            help.contains("A TL schema file, or a directory standing for every `*.tl` file in it"),
            "{help}"
        );
        assert!(
            help.contains("\n(a --schema directory stands for every *.tl file in it)\n")
                && help.contains(&format!("tlgen {command} --schema schemas/")),
            "{help}"
        );
    }
    let out = tlgen(&["diff".to_string(), "--help".into()], "");
    assert!(
        stdout(&out).contains(
            "--new-schema <FILE|DIR>\n          A new TL schema file, or a directory standing for \
             every `*.tl` file in it"
        ),
        "{}",
        stdout(&out)
    );
    let schemas = root().join("docs-input/schemas");
    let out = tlgen(&diff_args(&schemas, &schemas, &["--fail-on", "any"]), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "tlgen diff: 0 changes, 0 breaking\n");
    let dir = schemas.display().to_string();
    let out = tlgen(
        &[
            "decode".to_string(),
            "--schema".into(),
            dir,
            "--hex".into(),
            "6b18f9c4".into(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "{\"_\":\"help.getConfig\"}\n");
    assert_eq!(stderr(&out), "");
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
            "breaking": true, "details": [{"kind": "id_changed", "field": null, "old": "6c50051c",
            "new": "6c50051d", "breaking": true, "text": "ID changed: 6c50051c -> 6c50051d (breaking)"}]})
    );
    assert_eq!(changes[1]["name"], "replyKeyboardForceReply");
    assert_eq!(changes[1]["change"], "added");
    assert_eq!(changes[1]["breaking"], false);
    assert_eq!(changes[2]["name"], "ReplyMarkup");
    assert_eq!(changes[2]["breaking"], false);
    assert_eq!(
        changes[2]["details"],
        serde_json::json!([{"kind": "constructor_added", "field": "replyKeyboardForceReply",
            "old": null, "new": null, "breaking": false,
            "text": "constructor added: replyKeyboardForceReply"}])
    );

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
                    if d["kind"] == "id_changed" {
                        let id = |v: &serde_json::Value| v.as_str().unwrap_or("none").to_owned();
                        got.insert((
                            k.into(),
                            name.into(),
                            format!("ID changed: {} -> {}", id(&d["old"]), id(&d["new"])),
                        ));
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
