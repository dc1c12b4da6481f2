//! Generates the bindings into `OUT_DIR`.
//!
//! * `TLGEN_DOCS`: the MadelineProto docs root (default: the repo's `docs-input/`).
//! * `TLGEN_SCHEMAS`: TL schema files, separated like `PATH` (default: the
//!   sample schemas in `docs-input/schemas/`).
//! * `TLGEN_ERROR_DOCS`: older, old-format docs trees (separated like
//!   `PATH`) whose `### Errors` tables fill in methods without one
//!   (`tlgen::config::Config::error_docs`).
//! * `TLGEN_SELECT`: comma-separated method patterns (`messages.*,help.getConfig`);
//!   only those methods and the types they need are generated.
//! * `TLGEN_FORMAT=prettyplease`: check and print the files with syn +
//!   prettyplease, as `tlgen generate` does. By default they are laid out by
//!   the token printer (`tlgen::emit::Formatting::Lines`): the same code, one
//!   line per statement/field/attribute, generated about 3x faster. In a debug
//!   build the generator runs unoptimized, and for a full layer prettyplease
//!   would add 1.7 s of wall time (3.4 s of CPU) to every clean build.

use std::env;
use std::path::PathBuf;

use tlgen::emit::Formatting;

fn main() {
    for var in [
        "TLGEN_DOCS",
        "TLGEN_SCHEMAS",
        "TLGEN_ERROR_DOCS",
        "TLGEN_SELECT",
        "TLGEN_FORMAT",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let sample = manifest.join("../docs-input");
    let docs = env::var_os("TLGEN_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| sample.clone());
    let schemas: Vec<PathBuf> = match env::var_os("TLGEN_SCHEMAS") {
        Some(list) => env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
        None => vec![
            sample.join("schemas/sample.tl"),
            sample.join("schemas/sample_secret.tl"),
        ],
    };
    // The bundled sample: tests written against it are compiled only then.
    println!("cargo:rustc-check-cfg=cfg(tlgen_sample)");
    let select = env::var("TLGEN_SELECT").unwrap_or_default();
    if env::var_os("TLGEN_DOCS").is_none()
        && env::var_os("TLGEN_SCHEMAS").is_none()
        && select.trim().is_empty()
    {
        println!("cargo:rustc-cfg=tlgen_sample");
    }
    let mut config = tlgen::config::Config::new();
    // The samples module only with the `sample-values` feature.
    let samples = env::var_os("CARGO_FEATURE_SAMPLE_VALUES").is_some();
    let formatting = match env::var("TLGEN_FORMAT").as_deref() {
        Ok("prettyplease") => Formatting::Prettyplease,
        Ok("lines") | Err(_) => Formatting::Lines,
        Ok(other) => {
            eprintln!("error: TLGEN_FORMAT={other}: expected `prettyplease` or `lines`");
            std::process::exit(1);
        }
    };
    config
        .docs(docs)
        .schemas(schemas)
        .root_path("crate")
        .sample_values(samples)
        .formatting(formatting);
    if let Some(list) = env::var_os("TLGEN_ERROR_DOCS") {
        for dir in env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()) {
            config.error_docs(dir);
        }
    }
    for pattern in select.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        config.select(pattern);
    }
    if let Err(e) = config.generate() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
