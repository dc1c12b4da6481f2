//! The README's command line section, followed as a new user would (its
//! blocks verbatim, beside a checkout named `tlgen`; the machinery is
//! `tlgen_test_support::readme`, shared with `tests/readme_crate.rs`):
//!
//! * `generate` into a new crate's `src/tl`, that crate's `Cargo.toml` and
//!   `src/lib.rs`: it builds with zero warnings, declaring nothing;
//! * the same with `--serde feature:json`: `generate` prints the lines the
//!   README shows, and with them appended the crate builds without a warning
//!   with and without the feature;
//! * the `encode` and `decode` examples print exactly what the README shows,
//!   and nothing on stderr.

use std::path::Path;

use tlgen_test_support::readme::{
    self, blocks, cargo, commands, file, put, scratch_base, tlgen_args, warnings,
};
use tlgen_test_support::{tlgen, workspace_root as checkout};

const CLI: &str = "### 1. The command line";
/// The README's section on the MTProto service schema.
const MTPROTO: &str = "### The MTProto service layer";

/// The README's `cargo run -p tlgen -- <args>`, with this build's binary,
/// run in `dir`.
fn run_tlgen(dir: &Path, command: &str, stdin: Option<&str>) -> std::process::Output {
    let run = tlgen!().args(tlgen_args(command)).current_dir(dir);
    match stdin {
        Some(text) => run.stdin(text).output(),
        None => run.output(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn readme_cli_crate_builds_without_warnings() {
    let readme = std::fs::read_to_string(checkout().join("README.md")).expect("README.md");
    let blocks = blocks(&readme, CLI);
    let sh: Vec<&str> = blocks
        .iter()
        .filter(|(info, _)| info == "sh")
        .map(|(_, text)| text.as_str())
        .collect();
    let first = commands(sh[0]);
    assert_eq!(first[0], "cargo new --lib ../my-app", "{first:?}");
    let generate = &first[1];
    let generate_json = &commands(sh[1])[0];
    assert!(
        generate_json.ends_with("--serde feature:json"),
        "{generate_json}"
    );
    let manifest = file(&blocks, "toml", "# Cargo.toml");
    let lib = file(&blocks, "rust", "// src/lib.rs");
    let printed = blocks
        .iter()
        .find(|(info, text)| info == "text" && text.contains("[features]"))
        .map(|(_, text)| text.as_str())
        .expect("the README shows the lines `generate` prints");

    let base = scratch_base(checkout());
    let from = base.join("tlgen");
    let krate = base.join("my-app");
    // What `cargo new --lib` leaves, with the README's files in it.
    put(&krate.join("Cargo.toml"), manifest);
    put(&krate.join("src/lib.rs"), lib);

    // The defaults: nothing but the runtime, no warning.
    let out = run_tlgen(&from, generate, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let (note, stderr) = without_undocumented_note(&stderr);
    assert!(
        note,
        "the README says the MTProto schema has no pages: {stderr}"
    );
    assert!(
        stderr.starts_with("wrote ") && stderr.ends_with(" to ../my-app/src/tl\n"),
        "only what was written: {stderr}"
    );
    for args in [&["build"][..], &["build", "--features", "json"]] {
        if args.len() > 1 {
            // serde behind `json`: the lines `generate` prints, as the README
            // shows them, appended to Cargo.toml.
            let out = run_tlgen(&from, generate_json, None);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            let stderr = text(&out.stderr);
            let (_, stderr) = without_undocumented_note(&stderr);
            let said = stderr
                .split_once('\n')
                .map(|(_, rest)| rest)
                .unwrap_or_default();
            assert_eq!(said, printed, "what generate printed");
            let lines = said.split_once('\n').map(|(_, l)| l).unwrap_or_default();
            put(&krate.join("Cargo.toml"), &format!("{manifest}\n{lines}"));
        }
        for build in [args, &["build"]] {
            let built = cargo(&krate, build);
            let stderr = text(&built.stderr);
            assert!(built.status.success(), "cargo {build:?}:\n{stderr}");
            assert!(
                warnings(&stderr).is_empty(),
                "cargo {build:?} warned:\n{stderr}"
            );
        }
    }
}

/// `stderr` without its first line when that is the note that the sample's
/// MTProto schema has no pages (which the README mentions), and whether it
/// was.
fn without_undocumented_note(stderr: &str) -> (bool, &str) {
    match stderr.split_once('\n') {
        Some((first, rest))
            if first.starts_with(
                "note: docs-input/schemas/sample_mtproto.tl: no entry of this schema file is \
                 documented by these docs",
            ) =>
        {
            (true, rest)
        }
        _ => (false, stderr),
    }
}

#[test]
fn readme_encode_examples_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string(checkout().join("README.md")).expect("README.md");
    let mut blocks = blocks(&readme, CLI);
    blocks.extend(self::blocks(&readme, MTPROTO));
    let examples: Vec<&str> = blocks
        .iter()
        .filter(|(info, text)| info == "sh" && text.contains(" encode "))
        .map(|(_, text)| text.as_str())
        .collect();
    // The API calls and the MTProto container.
    assert_eq!(examples.len(), 2, "{examples:#?}");
    let mut decoded = false;
    for block in examples {
        // Each command is followed by its output, shown as a comment.
        let shown: Vec<&str> = block.lines().filter_map(|l| l.strip_prefix("# ")).collect();
        let commands = commands(block);
        assert_eq!(
            commands.len(),
            shown.len(),
            "one output per command: {block}"
        );
        decoded |= commands.iter().any(|c| c.contains(" decode "));
        for (command, shown) in commands.iter().zip(shown) {
            let (out, json) = match command.split_once(" | ") {
                Some((echo, tlgen)) => {
                    let json = readme::words(echo)[1].clone();
                    let out = run_tlgen(checkout(), tlgen, Some(&format!("{json}\n")));
                    (out, Some((tlgen, json)))
                }
                None => (run_tlgen(checkout(), command, None), None),
            };
            assert_eq!(
                out.status.code(),
                Some(0),
                "{command}: {}",
                text(&out.stderr)
            );
            assert_eq!(text(&out.stdout), format!("{shown}\n"), "{command}");
            assert_eq!(
                text(&out.stderr),
                "",
                "{command}: the README shows no warnings"
            );
            // An encoded value decodes back to the JSON the README shows.
            if let Some((tlgen, json)) = json.filter(|(t, _)| t.contains(" encode ")) {
                let decode = tlgen.replacen(" encode ", " decode ", 1);
                let out = run_tlgen(checkout(), &decode, Some(&format!("{shown}\n")));
                assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
                assert_eq!(text(&out.stdout), format!("{json}\n"), "{decode}");
            }
        }
    }
    assert!(decoded, "the README shows decode too");
}
