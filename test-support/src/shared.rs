//! The third-party data the tests over the real input read: `../shared/`
//! beside the workspace root, never a copy in the repository.
//!
//! A test over it is marked `#[ignore = "reads ../shared"]`, so that plain
//! `cargo test` reports it as ignored (with that reason) instead of passing
//! it without a look at the data; `cargo test -- --ignored` (or
//! `--include-ignored`) runs it, and `scripts/test.sh` does whenever the data
//! is there or `CI=true`. Run without the data, such a test fails in
//! [`require`], naming what is missing.

use std::path::{Path, PathBuf};

/// `../shared/` beside the workspace root.
pub fn dir() -> PathBuf {
    crate::workspace_root().join("../shared")
}

/// The data sets a test may read, as `../shared` holds them.
const PARTS: [&str; 3] = ["madelineproto-docs", "tl-schemas", "telethon"];

/// Where the third-party data lies, once it is known to be there.
#[derive(Debug, Clone)]
pub struct Shared {
    root: PathBuf,
}

/// The data for a test that reads it; fails the test, naming each missing
/// part, when `../shared` does not hold MadelineProto's docs, the TL schemas
/// and Telethon's tables.
pub fn require() -> Shared {
    find().unwrap_or_else(|missing| {
        panic!(
            "this test reads the third-party data in ../shared, and {} missing; \
             without the data, leave it ignored (plain `cargo test`)",
            match missing.as_slice() {
                [one] => format!("{one} is"),
                many => format!("{} are", many.join(", ")),
            }
        )
    })
}

/// The data, or the parts of it that are missing: for a benchmark, which
/// has nothing to measure without it.
pub fn find() -> Result<Shared, Vec<String>> {
    let root = dir();
    let missing: Vec<String> = PARTS
        .iter()
        .map(|part| root.join(part))
        .filter(|path| !path.is_dir())
        .map(|path| path.display().to_string())
        .collect();
    if missing.is_empty() {
        Ok(Shared { root })
    } else {
        Err(missing)
    }
}

impl Shared {
    /// `../shared` itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// MadelineProto's docs, `madelineproto-docs/`.
    pub fn docs_root(&self) -> PathBuf {
        self.root.join("madelineproto-docs")
    }

    /// The docs tree of one layer (`v65`, `v66`, `v223`).
    pub fn docs(&self, layer: &str) -> PathBuf {
        self.docs_root().join(layer)
    }

    /// One file of `tl-schemas/` (`TL_mtproto_v1.tl`), or the directory for `""`.
    pub fn schema(&self, file: &str) -> PathBuf {
        self.root.join("tl-schemas").join(file)
    }

    /// The schema files the docs of one layer were generated from: the API
    /// schema, and for v223 the secret-chat schema beside it.
    pub fn schemas(&self, layer: &str) -> Vec<PathBuf> {
        match layer {
            "v223" => vec![
                self.schema("TL_telegram_v223.tl"),
                self.schema("TL_secret.tl"),
            ],
            other => vec![self.schema(&format!("TL_telegram_{other}.tl"))],
        }
    }

    /// `--docs <docs> --schema <schema>...` for one layer ([`Shared::schemas`]).
    pub fn args(&self, layer: &str) -> Vec<String> {
        let mut args = vec!["--docs".to_owned(), self.docs(layer).display().to_string()];
        args.extend(crate::cli::schema_args(&self.schemas(layer)));
        args
    }

    /// Telethon's error tables (`methods.csv`, `errors.csv`).
    pub fn telethon(&self) -> PathBuf {
        self.root.join("telethon")
    }
}
