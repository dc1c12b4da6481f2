//! Throwaway crates for tests that compile generated code or rendered docs,
//! built offline with the workspace's locked versions.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Cargo's scratch space of the target directory the running test binary
/// was built in (`<target>/tmp`, three levels up from
/// `<target>/<profile>/deps/`): every build the tests make goes there, never
/// outside the place the user chose for builds.
pub fn target_tmp() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary");
    exe.ancestors()
        .nth(3)
        .expect("the test binary lies in <target>/<profile>/deps")
        .join("tmp")
}

/// The absolute path of this repository's `tlgen-runtime` crate, which
/// scratch crates depend on by path.
pub fn runtime_dir() -> PathBuf {
    let runtime = crate::workspace_root().join("runtime");
    assert!(
        runtime.join("Cargo.toml").is_file(),
        "the runtime crate is part of this repository"
    );
    runtime.canonicalize().expect("runtime path")
}

/// The `Cargo.toml` of a scratch crate named `name`: `body` (its
/// `[dependencies]`, `[features]`, ...) after the package header, and an
/// empty `[workspace]` so that it is nobody's member.
pub fn manifest(name: &str, body: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         {body}\n[workspace]\n"
    )
}

/// A throwaway crate under [`target_tmp`], deleted when dropped.
pub struct ScratchCrate {
    dir: tempfile::TempDir,
}

impl ScratchCrate {
    /// A crate with `manifest` as its `Cargo.toml` and `files` (paths under
    /// its root, e.g. `src/lib.rs`).
    pub fn new(manifest: &str, files: &[(&str, &str)]) -> Self {
        let parent = target_tmp().join("scratch-crates");
        std::fs::create_dir_all(&parent).expect("scratch crates dir");
        let scratch = ScratchCrate {
            dir: tempfile::Builder::new()
                .prefix("scratch-")
                .tempdir_in(&parent)
                .expect("temp dir"),
        };
        scratch.write(&[("Cargo.toml", manifest)]);
        scratch.write(files);
        scratch
    }

    /// Writes `files` (paths under the root), replacing what is there.
    pub fn write(&self, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = self.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("source dir");
            std::fs::write(path, text).expect("source file");
        }
    }

    /// Writes `files` given as owned pairs ([`ScratchCrate::write`]).
    pub fn write_owned(&self, files: &[(String, String)]) {
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        self.write(&files);
    }

    /// Copies this workspace's `Cargo.lock` into the crate (when there is
    /// one), so that offline builds resolve to the versions the workspace
    /// builds with. Called again after a rewrite of `Cargo.toml`.
    pub fn use_workspace_lock(&self) {
        let lock = crate::workspace_root().join("Cargo.lock");
        if lock.is_file() {
            std::fs::copy(lock, self.path().join("Cargo.lock")).expect("lock file");
        }
    }

    /// The crate's root directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `cargo <args> --offline` in the crate, with rustdoc warnings
    /// denied and no outer `RUSTFLAGS`.
    pub fn cargo(&self, args: &[&str]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        Command::new(cargo)
            .args(args)
            .arg("--offline")
            .current_dir(self.path())
            .env("CARGO_TARGET_DIR", self.path().join("target"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo")
    }
}
