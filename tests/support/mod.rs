//! Shared helpers for the integration tests over `../shared/`.
#![allow(dead_code)]

/// The one TL oracle of the tests, kept beside tlgen's own tests.
#[path = "../../codegen/tests/support/tl_oracle.rs"]
pub mod tl_oracle;

use std::path::PathBuf;

/// `../shared/` beside the project root.
pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"))
}

/// Whether the third-party data is present. In CI (`CI=true`) missing data is
/// a failure, never a silent skip; elsewhere the test prints a notice.
pub fn shared_data_present(test: &str) -> bool {
    let root = shared();
    let present = root.join("madelineproto-docs").is_dir() && root.join("tl-schemas").is_dir();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: {} is missing, and CI=true forbids skipping",
            root.display()
        );
        eprintln!("NOTICE: {test} skipped: {} is missing", root.display());
    }
    present
}

/// The docs tree of one layer (`v65`, `v66`, `v223`).
pub fn docs(layer: &str) -> PathBuf {
    shared().join("madelineproto-docs").join(layer)
}

/// The schema files the docs of one layer were generated from.
pub fn schemas(layer: &str) -> Vec<PathBuf> {
    let dir = shared().join("tl-schemas");
    match layer {
        "v223" => vec![dir.join("TL_telegram_v223.tl"), dir.join("TL_secret.tl")],
        other => vec![dir.join(format!("TL_telegram_{other}.tl"))],
    }
}

/// Telethon's error tables (`methods.csv`, `errors.csv`).
pub fn telethon() -> PathBuf {
    shared().join("telethon")
}

/// [`shared_data_present`], Telethon's tables included.
pub fn shared_data_with_telethon_present(test: &str) -> bool {
    if !shared_data_present(test) {
        return false;
    }
    let present =
        telethon().join("methods.csv").is_file() && telethon().join("errors.csv").is_file();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: {} is missing, and CI=true forbids skipping",
            telethon().display()
        );
        eprintln!(
            "NOTICE: {test} skipped: {} is missing",
            telethon().display()
        );
    }
    present
}
