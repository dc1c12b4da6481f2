//! The README's ways of using tlgen from another crate, followed as a new
//! user would, with the files taken verbatim from the README text (so the two
//! cannot drift), built offline beside a checkout named `tlgen`:
//!
//! * "In your own build script": `Cargo.toml`, `build.rs` and `src/lib.rs`.
//!   It must build with zero warnings, and its build graph must not contain
//!   what only tlgen's CLI needs.
//! * "As a dependency": `tlgen-api` by path, with no input (the build must
//!   fail and say how to set one), with a relative `TLGEN_DOCS` (it must fail
//!   naming the absolute path it would have used), and with the README's
//!   `.cargo/config.toml` (it must build and say what it generated).
//!
//! The crate lives outside this workspace (a temp dir: cargo would otherwise
//! take it for an unlisted workspace member) at a path stable per checkout,
//! and builds into `target/readme-crate/`, so repeated runs only rebuild
//! what changed.

use std::path::{Path, PathBuf};
use std::process::Command;

const BUILD_SCRIPT: &str = "### 2. In your own build script";
const DEPENDENCY: &str = "### 3. As a dependency: `tlgen-api`";

/// The fenced code blocks of one README section, as (info string, text).
fn blocks(readme: &str, heading: &str) -> Vec<(String, String)> {
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
fn file<'a>(blocks: &'a [(String, String)], lang: &str, first: &str) -> &'a str {
    blocks
        .iter()
        .find(|(info, text)| info == lang && text.lines().next() == Some(first))
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("the README section has a ```{lang} block starting `{first}`"))
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> std::process::Output {
    cargo_command(dir, target, args)
        .output()
        .expect("run cargo")
}

fn cargo_command(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // A user's shell has none of this workspace's build settings.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("TLGEN_DOCS")
        .env_remove("TLGEN_SCHEMAS")
        .env_remove("TLGEN_SELECT");
    command
}

/// `<tmp>/tlgen-readme-<checkout hash>/`, holding `tlgen` (a link to this
/// checkout) and the scratch crates; stable per checkout so that reruns
/// rebuild only what changed.
fn scratch_base(root: &Path) -> PathBuf {
    let hash = crc32(root.to_string_lossy().as_bytes());
    let base = std::env::temp_dir().join(format!("tlgen-readme-{hash:08x}"));
    std::fs::create_dir_all(&base).expect("scratch dir");
    let checkout = base.join("tlgen");
    if std::fs::read_link(&checkout).ok().as_deref() != Some(root) {
        // The tests of this file run in parallel and share the link: each makes
        // its own under a unique name and renames it into place, which replaces
        // atomically whatever another test put there.
        let fresh = base.join(format!(
            "tlgen.{}.{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_file(&fresh);
        link_dir(root, &fresh);
        std::fs::rename(&fresh, &checkout).expect("move the checkout link into place");
    }
    base
}

/// Writes `text` to `path` unless it is already there (keeps mtimes stable).
fn put(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("scratch crate dir");
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("scratch crate file");
    }
}

#[test]
fn readme_build_script_crate_builds_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let blocks = blocks(&readme, BUILD_SCRIPT);
    let manifest = file(&blocks, "toml", "# Cargo.toml");
    let build = file(&blocks, "rust", "// build.rs");
    let lib = file(&blocks, "rust", "// src/lib.rs");

    let krate = scratch_base(root).join("my-api");
    put(&krate.join("Cargo.toml"), manifest);
    put(&krate.join("build.rs"), build);
    put(&krate.join("src/lib.rs"), lib);
    let target: PathBuf = root.join("target/readme-crate");

    let built = cargo(&krate, &target, &["build"]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        built.status.success(),
        "the README crate failed to build:\n{stderr}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.to_ascii_lowercase().contains("warning"))
        .collect();
    assert!(
        warnings.is_empty(),
        "the README crate built with warnings:\n{stderr}"
    );
    let out_dirs: Vec<PathBuf> = std::fs::read_dir(target.join("debug/build"))
        .expect("build dir")
        .flatten()
        .map(|e| e.path().join("out/mod.rs"))
        .filter(|p| {
            p.to_string_lossy().contains("my-api-")
                && std::fs::read_to_string(p).is_ok_and(|t| t.starts_with("// @generated by tlgen"))
        })
        .collect();
    assert!(
        !out_dirs.is_empty(),
        "no generated mod.rs in the README crate's OUT_DIR"
    );

    // The lean build: exactly the crates generating needs. Nothing of the
    // CLI, prettyplease or the diff/tool back ends, no thread pool, no
    // proc-macro crate, and proc-macro2 without its `proc-macro` feature
    // (which only a proc macro needs): every crate here is compiled before
    // the generator can run (PERFORMANCE.md, "Where a debug whole build
    // goes"), so a new one should be a decision, made here.
    let tree = cargo(
        &krate,
        &target,
        &[
            "tree",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p} [{f}]",
        ],
    );
    assert!(
        tree.status.success(),
        "{}",
        String::from_utf8_lossy(&tree.stderr)
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    let packages: std::collections::BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split(' ').next())
        .filter(|name| !name.is_empty())
        .collect();
    let expected: std::collections::BTreeSet<&str> = [
        // the README crate and what it depends on
        "my-api",
        "tlgen-runtime",
        "miniz_oxide",
        "adler2",
        // its build dependency, tlgen, and tlgen's
        "tlgen",
        "proc-macro2",
        "unicode-ident",
        "quote",
        "pulldown-cmark",
        "bitflags",
        "memchr",
        "unicase",
    ]
    .into_iter()
    .collect();
    assert_eq!(
        packages, expected,
        "the README crate's build graph changed:\n{tree}"
    );
    for line in tree.lines().filter(|l| l.starts_with("proc-macro2 ")) {
        assert!(
            line.contains(" []"),
            "proc-macro2 is built with features ({line}):\n{tree}"
        );
    }
}

#[test]
fn readme_dependency_crate_needs_an_explicit_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let blocks = blocks(&readme, DEPENDENCY);
    let dependencies = file(&blocks, "toml", "# Cargo.toml");
    let config = file(
        &blocks,
        "toml",
        "# .cargo/config.toml (in your crate; here the docs and schemas are vendored under tl/)",
    );

    let krate = scratch_base(root).join("my-bot");
    // The README shows the parts of Cargo.toml that matter; the package header
    // is `cargo new`'s.
    put(
        &krate.join("Cargo.toml"),
        &format!("[package]\nname = \"my-bot\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{dependencies}"),
    );
    put(
        &krate.join("src/lib.rs"),
        "const _: () = assert!(!tlgen_api::SAMPLE && tlgen_api::LAYER == 1);\n",
    );
    // The docs and schemas "vendored under tl/": the sample's.
    let tl = krate.join("tl");
    std::fs::create_dir_all(&tl).expect("tl dir");
    for (link, to) in [("docs", "docs-input"), ("schemas", "docs-input/schemas")] {
        if !tl.join(link).exists() {
            link_dir(&root.join(to), &tl.join(link));
        }
    }
    let target = root.join("target/readme-crate");
    let config_path = krate.join(".cargo/config.toml");
    let _ = std::fs::remove_file(&config_path);

    // 1. Nothing chosen: the build fails and says how to choose.
    let built = cargo(&krate, &target, &["build"]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        !built.status.success(),
        "tlgen-api built without any input:\n{stderr}"
    );
    assert!(
        stderr.contains("TLGEN_DOCS is not set") && stderr.contains("relative = true"),
        "{stderr}"
    );

    // 2. A relative path: rejected, naming where it would have resolved.
    let built = cargo_command(&krate, &target, &["build"])
        .env("TLGEN_DOCS", "../shared/madelineproto-docs/v223")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        !built.status.success(),
        "a relative TLGEN_DOCS was accepted:\n{stderr}"
    );
    let resolved = stderr
        .split("would resolve to ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("the error does not say where the path resolves:\n{stderr}"));
    assert!(
        Path::new(resolved).is_absolute()
            && resolved.ends_with("shared/madelineproto-docs/v223")
            && !resolved.contains(".."),
        "not the resolved absolute path: {resolved}\n{stderr}"
    );

    // 3. The README's .cargo/config.toml: builds, and says what it built.
    put(&config_path, config);
    let built = cargo(&krate, &target, &["build"]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        built.status.success(),
        "the README's dependency setup failed:\n{stderr}"
    );
    let said = stderr
        .lines()
        .find(|l| l.contains("tlgen-api: generated"))
        .unwrap_or_else(|| panic!("no warning about what was generated:\n{stderr}"));
    let docs = tl.join("docs").display().to_string();
    assert!(
        said.contains("layer 1:") && said.contains("11 methods") && said.contains(&docs),
        "{said}"
    );
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xedb8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(unix)]
fn link_dir(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("link the checkout as `tlgen`");
}

#[cfg(windows)]
fn link_dir(target: &Path, link: &Path) {
    std::os::windows::fs::symlink_dir(target, link).expect("link the checkout as `tlgen`");
}
