//! `--errors-from` with Telethon's tables, as a user runs it: `tlgen ir`
//! and `tlgen generate` on the sample (`docs-input/telethon`) and on the
//! real v223 docs with `../shared/telethon`; a broken table fails the run
//! with its file and line and leaves `--out` as it was.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sample() -> PathBuf {
    root().join("docs-input")
}

fn tlgen(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlgen"))
        .args(args)
        .output()
        .expect("tlgen runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `command` on the sample docs and schemas, then `extra`.
fn on_sample(command: &str, extra: &[&Path]) -> Output {
    let (docs, schema, secret) = (
        sample(),
        sample().join("schemas/sample.tl"),
        sample().join("schemas/sample_secret.tl"),
    );
    let mut args: Vec<&Path> = vec![
        Path::new(command),
        Path::new("--docs"),
        &docs,
        Path::new("--schema"),
        &schema,
        Path::new("--schema"),
        &secret,
    ];
    args.extend_from_slice(extra);
    tlgen(&args)
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

/// Whether `../shared` (with Telethon's tables) is there; with `CI=true`
/// its absence is a failure.
fn shared_data_present(test: &str) -> bool {
    let shared = root().join("../shared");
    let present = shared.join("madelineproto-docs/v223").is_dir()
        && shared.join("tl-schemas/TL_telegram_v223.tl").is_file()
        && shared.join("telethon/methods.csv").is_file();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: ../shared is missing and CI=true"
        );
        eprintln!("NOTICE: {test} skipped: ../shared is missing");
    }
    present
}

#[test]
fn v223_with_telethon_s_tables() {
    if !shared_data_present("v223_with_telethon_s_tables") {
        return;
    }
    let shared = root().join("../shared");
    let docs = shared.join("madelineproto-docs/v223");
    let telegram = shared.join("tl-schemas/TL_telegram_v223.tl");
    let secret = shared.join("tl-schemas/TL_secret.tl");
    let telethon = shared.join("telethon");
    let input: Vec<&Path> = vec![
        Path::new("--docs"),
        &docs,
        Path::new("--schema"),
        &telegram,
        Path::new("--schema"),
        &secret,
        Path::new("--errors-from"),
        &telethon,
    ];

    let out = tlgen(&[&[Path::new("ir")], &input[..]].concat());
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
    let select: Vec<&Path> = vec![
        Path::new("--select"),
        Path::new("channels.joinChannel"),
        Path::new("--out"),
        &out_dir,
    ];
    let out = tlgen(&[&[Path::new("generate")], &input[..], &select[..]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let errors = fs::read_to_string(out_dir.join("errors/channels.rs")).unwrap();
    assert!(errors.contains("pub enum JoinChannelError"), "{errors}");
    for variant in ["ChannelPrivate", "ChannelsTooMuch", "InviteRequestSent"] {
        assert!(
            errors.contains(&format!("    {variant},")),
            "{variant}: {errors}"
        );
    }
}
