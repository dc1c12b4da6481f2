//! `--errors-from` with Telethon's tables, as a user runs it: `tlgen ir`
//! and `tlgen generate` on the sample (`docs-input/telethon`) and on the
//! real v223 docs with `../shared/telethon`; a broken table fails the run
//! with its file and line and leaves `--out` as it was.

use std::fs;
use std::path::Path;
use std::process::Output;

use tlgen_test_support::cli::{sample_args, stderr};
use tlgen_test_support::rust::Parsed;
use tlgen_test_support::{sample_docs as sample, shared, tlgen};

/// `command` on the sample docs and schemas, then `extra`.
fn on_sample(command: &str, extra: &[&Path]) -> Output {
    tlgen!().args(sample_args(command)).args(extra).output()
}

fn method<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn ir_takes_telethon_s_directory_or_its_files() {
    let dir = sample().join("telethon");
    let (methods, errors) = (dir.join("methods.csv"), dir.join("errors.csv"));
    for given in [vec![dir.as_path()], vec![&errors, &methods]] {
        let mut extra = Vec::new();
        for source in &given {
            extra.extend([Path::new("--errors-from"), source]);
        }
        let out = on_sample("ir", &extra);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let send = method(&json, "messages.sendMessage");
        assert_eq!(send["errors"][1]["name"], "CHAT_WRITE_FORBIDDEN");
        assert_eq!(send["errors"][1]["code"], 403);
        assert_eq!(
            send["errors_source"],
            format!("{}:5", methods.display()),
            "{given:?}"
        );
        // Who may call, where the page does not say: `reqPq` is `req_pq`.
        assert_eq!(method(&json, "req_pq")["users"], true);
    }
}

#[test]
fn a_broken_table_fails_with_its_line_and_leaves_out_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let tables = tmp.path().join("telethon");
    fs::create_dir_all(&tables).unwrap();
    fs::copy(
        sample().join("telethon/methods.csv"),
        tables.join("methods.csv"),
    )
    .unwrap();
    let errors = fs::read_to_string(sample().join("telethon/errors.csv")).unwrap();
    fs::write(
        tables.join("errors.csv"),
        errors.replace(
            "ABOUT_TOO_LONG,400,The bio is longer than the server accepts",
            "ABOUT_TOO_LONG,400,The bio, as written, is too long",
        ),
    )
    .unwrap();
    let out_dir = tmp.path().join("out");
    let out = on_sample(
        "generate",
        &[
            Path::new("--errors-from"),
            &tables,
            Path::new("--out"),
            &out_dir,
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: {}:2: 5 fields: expected 3 (name,codes,description); a field holding a comma \
             must be quoted",
            tables.join("errors.csv").display()
        )
    );
    assert!(!out_dir.exists());

    // A path that is neither a docs tree nor a table.
    let schema = sample().join("schemas/sample.tl");
    let out = on_sample("ir", &[Path::new("--errors-from"), &schema]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.starts_with(&format!("error: {}:1: `", schema.display()))
            && text.contains("expected an old-format docs tree"),
        "{text}"
    );
}

#[test]
#[ignore = "reads ../shared"]
fn v223_with_telethon_s_tables() {
    let shared = shared::require();
    let mut input = shared.args("v223");
    input.extend([
        "--errors-from".into(),
        shared.telethon().display().to_string(),
    ]);

    let out = tlgen!().arg("ir").args(&input).output();
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let delete = method(&json, "account.deleteAccount");
    assert_eq!(delete["errors"][0]["name"], "2FA_CONFIRM_WAIT_X");
    assert_eq!(delete["errors"][0]["code"], 420);
    assert!(delete["errors"][0]["description"]
        .as_str()
        .unwrap()
        .ends_with("reset in {seconds}"));

    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out = tlgen!()
        .arg("generate")
        .args(&input)
        .args(["--select", "channels.joinChannel", "--out"])
        .arg(&out_dir)
        .output();
    assert!(out.status.success(), "{}", stderr(&out));
    let errors = fs::read_to_string(out_dir.join("errors/channels.rs")).unwrap();
    let errors = Parsed::new([("errors/channels.rs", errors)]);
    assert!(errors.has_pub_enum("JoinChannelError"));
    let variants = errors.unit_variants("JoinChannelError");
    for variant in ["ChannelPrivate", "ChannelsTooMuch", "InviteRequestSent"] {
        assert!(
            variants.iter().any(|v| v == variant),
            "{variant}: {variants:?}"
        );
    }
}
