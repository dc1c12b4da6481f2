//! Following the README as a new user would: its code blocks, taken verbatim
//! (so that the two cannot drift), in crates beside a checkout named
//! `tlgen`, built offline.
//!
//! The crates live outside this workspace (a temp dir: cargo would otherwise
//! take them for unlisted workspace members) at a path stable per checkout,
//! next to `tlgen/`, a directory of links to the checkout's top-level entries
//! (so that `../my-app` seen from it is the scratch crate, not a directory
//! beside the real checkout). They build into `readme-crate/` under cargo's
//! scratch space in the target directory the tests were built in, so
//! repeated runs only rebuild what changed and nothing lands elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fenced code blocks of one README section, as (info string, text).
pub fn blocks(readme: &str, heading: &str) -> Vec<(String, String)> {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("the README has the section {heading}"));
    let rest = &readme[start + heading.len()..];
    let section = &rest[..rest.find("\n### ").unwrap_or(rest.len())];
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut text = String::new();
        for body in lines.by_ref() {
            if body.starts_with("```") {
                break;
            }
            text.push_str(body);
            text.push('\n');
        }
        out.push((info.trim().to_owned(), text));
    }
    out
}

/// The block whose first line is `first` (`# Cargo.toml`, `// build.rs`).
pub fn file<'a>(blocks: &'a [(String, String)], lang: &str, first: &str) -> &'a str {
    blocks
        .iter()
        .find(|(info, text)| info == lang && text.lines().next() == Some(first))
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("the README section has a ```{lang} block starting `{first}`"))
}

/// The shell commands of a ```sh block, one per command: continuation lines
/// joined, comments and blank lines dropped.
pub fn commands(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        let line = line.trim();
        if current.is_empty() && (line.is_empty() || line.starts_with('#')) {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => current.push_str(start),
            None => {
                current.push_str(line);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// The words of a command as a POSIX shell splits them, for the forms the
/// README uses: plain words, single quotes, a trailing `# comment`.
pub fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    w.push(q);
                }
            }
            '#' if word.is_none() => break,
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The arguments a README command passes to tlgen: the words after
/// `cargo run [-q] -p tlgen --`.
pub fn tlgen_args(command: &str) -> Vec<String> {
    let words = words(command);
    let dashes = words
        .iter()
        .position(|w| w == "--")
        .unwrap_or_else(|| panic!("not a `cargo run -p tlgen --` command: {command}"));
    assert!(
        words[..dashes].join(" ").starts_with("cargo run")
            && words[..dashes].contains(&"tlgen".into()),
        "not a `cargo run -p tlgen --` command: {command}"
    );
    words[dashes + 1..].to_vec()
}

/// Where the README crates build: `readme-crate/` in cargo's scratch space
/// of the target directory these tests were built in.
pub fn target() -> PathBuf {
    crate::scratch::target_tmp().join("readme-crate")
}

pub fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    cargo_command(dir, args).output().expect("run cargo")
}

/// `cargo <args> --offline` in `dir`, as a user's shell would run it: none
/// of this workspace's build settings or tlgen-api's input variables.
pub fn cargo_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target())
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    for (var, _) in std::env::vars_os() {
        if var.to_string_lossy().starts_with("TLGEN_") {
            command.env_remove(var);
        }
    }
    command
}

/// The lines of cargo's output that are warnings (cargo's own or rustc's).
pub fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("warning"))
        .collect()
}

/// `<tmp>/tlgen-readme-<checkout hash>/`, holding `tlgen/` (links to the
/// checkout's top-level entries) and the scratch crates; stable per
/// checkout so that reruns rebuild only what changed.
pub fn scratch_base(root: &Path) -> PathBuf {
    let root = &root.canonicalize().expect("the checkout");
    let hash = crate::tl_oracle::crc32(root.to_string_lossy().as_bytes());
    let base = std::env::temp_dir().join(format!("tlgen-readme-{hash:08x}"));
    let checkout = base.join("tlgen");
    // An earlier layout linked the whole checkout here.
    if std::fs::symlink_metadata(&checkout).is_ok_and(|m| m.file_type().is_symlink()) {
        let _ = std::fs::remove_file(&checkout);
    }
    std::fs::create_dir_all(&checkout).expect("scratch dir");
    for entry in std::fs::read_dir(root).expect("the checkout").flatten() {
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let link = checkout.join(&name);
        if std::fs::symlink_metadata(&link).is_err() {
            // The tests run in parallel: another may have made it meanwhile.
            if let Err(e) = link_dir(&entry.path(), &link) {
                assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists, "{e}");
            }
        }
    }
    base
}

/// Writes `text` to `path` unless it is already there (keeps mtimes stable).
pub fn put(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("scratch crate dir");
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("scratch crate file");
    }
}

#[cfg(unix)]
pub fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
pub fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(target, link)
    } else {
        std::os::windows::fs::symlink_file(target, link)
    }
}
