//! Generates the bindings into `OUT_DIR` from the input the building crate
//! chose. There is no default: without `TLGEN_DOCS` the build fails and says
//! how to set it, because a silently generated sample API (invented
//! constructor IDs) would compile and then be rejected by Telegram.
//!
//! * `TLGEN_DOCS`: the MadelineProto docs root (holding `methods/`,
//!   `constructors/`, `types/`) as an absolute path, or `sample` for the
//!   small hand-written sample API shipped in `sample/` (tests, trying it out).
//! * `TLGEN_SCHEMAS`: the TL schema files the docs were made from, absolute,
//!   separated like `PATH`; an entry that is a directory stands for every
//!   `*.tl` file in it. Required with a docs path, not allowed with `sample`.
//! * `TLGEN_ERROR_DOCS`: older, old-format docs trees (absolute, separated
//!   like `PATH`) whose `### Errors` tables fill in methods without one
//!   (`tlgen::config::Config::error_docs`).
//! * `TLGEN_SELECT`: comma-separated method patterns (`messages.*,help.getConfig`);
//!   only those methods and the types they need are generated.
//! * `TLGEN_FORMAT=prettyplease`: check and print the files with syn +
//!   prettyplease (needs tlgen's `prettyplease` feature, which this crate does
//!   not enable). By default the token printer (`Formatting::Lines`) lays
//!   out the same tokens without parsing them.
//!
//! Build scripts run in this package's directory, so a relative path would
//! silently mean something else for a path, git or registry dependency:
//! relative paths are rejected. `.cargo/config.toml` `[env]` entries with
//! `relative = true` are made absolute by cargo.
//!
//! What was built (layer, counts, input) is printed as a `cargo:warning`, and
//! exported as `tlgen_api::SAMPLE` (the generated root also has `LAYER`) and the
//! `TLGEN_API_DOCS`/`TLGEN_API_SCHEMAS` compile-time environment (for tests that
//! reread the same input).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::exit;

use tlgen::emit::{Formatting, Gate};

const HOW: &str = "set TLGEN_DOCS to an absolute docs root and TLGEN_SCHEMAS to the \
absolute schema file(s), or TLGEN_DOCS=sample for the bundled sample API; from \
`.cargo/config.toml`: [env] TLGEN_DOCS = { value = \"path/to/docs\", relative = true } \
(see the tlgen README, \"As a dependency\")";

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
    // Tests written against the sample are compiled only for it.
    println!("cargo:rustc-check-cfg=cfg(tlgen_sample)");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let input = match Input::from_env(&manifest) {
        Ok(input) => input,
        Err(message) => fail(&message),
    };
    let select: Vec<String> = env::var("TLGEN_SELECT")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    if input.sample && select.is_empty() {
        println!("cargo:rustc-cfg=tlgen_sample");
    }
    let formatting = match env::var("TLGEN_FORMAT").as_deref() {
        Ok("prettyplease") => Formatting::Prettyplease,
        Ok("lines") | Err(_) => Formatting::Lines,
        Ok(other) => fail(&format!(
            "TLGEN_FORMAT={other}: expected `prettyplease` or `lines`"
        )),
    };
    let mut config = tlgen::config::Config::new();
    config
        .docs(&input.docs)
        .schemas(&input.schemas)
        .root_path("crate")
        // This crate's features (Cargo.toml) gate what the generated code
        // has; `sample-values` enables `deserializable-functions`, which the
        // samples need. Cargo runs this script once per feature set, so a
        // feature that is off leaves its code out of the tree altogether
        // and one that is on needs no `cfg`: the compiler need not read
        // thousands of `cfg_attr`s (PERFORMANCE.md, "Features decided when
        // generating").
        .serde(feature_gate("serde"))
        .deserializable_functions(feature_gate("deserializable-functions"))
        .hash(feature_gate("hash"))
        .sample_values(feature_gate("sample-values"))
        .borrowed(feature_gate("borrowed"))
        .formatting(formatting);
    if let Some(list) = env::var_os("TLGEN_ERROR_DOCS") {
        for dir in env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()) {
            match absolute("TLGEN_ERROR_DOCS", &dir, &manifest) {
                Ok(dir) => config.error_docs(dir),
                Err(message) => fail(&message),
            };
        }
    }
    for pattern in &select {
        config.select(pattern);
    }
    let generated = match config.generate() {
        Ok(generated) => generated,
        Err(e) => fail(&format!("{e}\n(input: {})", input.describe())),
    };

    let layer = input.layer();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    write(&out.join("tlgen_sample.rs"), &input.sample.to_string());
    println!("cargo:rustc-env=TLGEN_API_DOCS={}", input.docs.display());
    let schemas = env::join_paths(&input.schemas).unwrap_or_else(|e| fail(&e.to_string()));
    println!(
        "cargo:rustc-env=TLGEN_API_SCHEMAS={}",
        schemas.to_string_lossy()
    );

    let counts = &generated.counts;
    let what = if input.sample {
        "the bundled SAMPLE API (invented constructor IDs, not Telegram's)".to_owned()
    } else {
        match layer {
            Some(n) => format!("layer {n}"),
            None => "an API without a `// LAYER` line in its schema".to_owned(),
        }
    };
    let selected = if select.is_empty() {
        String::new()
    } else {
        format!(", TLGEN_SELECT={}", select.join(","))
    };
    println!(
        "cargo:warning=tlgen-api: generated {what}: {} methods, {} constructors, {} types{selected}; from {}",
        counts.methods,
        counts.constructors,
        counts.types,
        input.describe()
    );
}

/// `feature` of this crate as the generated code's gate: [`Gate::On`] when
/// the build enables it, else [`Gate::Off`]. Either way the tree tests no
/// feature: cargo runs this script again when the features change.
fn feature_gate(feature: &str) -> Gate {
    let var = format!(
        "CARGO_FEATURE_{}",
        feature.to_ascii_uppercase().replace('-', "_")
    );
    if env::var_os(var).is_some() {
        Gate::On
    } else {
        Gate::Off
    }
}

/// The docs and schemas to generate from, absolute.
struct Input {
    docs: PathBuf,
    schemas: Vec<PathBuf>,
    sample: bool,
}

impl Input {
    fn from_env(manifest: &Path) -> Result<Input, String> {
        let docs = env::var_os("TLGEN_DOCS").filter(|v| !v.is_empty());
        let schemas = env::var_os("TLGEN_SCHEMAS").filter(|v| !v.is_empty());
        let Some(docs) = docs else {
            return Err(match schemas {
                Some(_) => format!("TLGEN_SCHEMAS is set but TLGEN_DOCS is not; {HOW}"),
                None => format!("tlgen-api has no input: TLGEN_DOCS is not set; {HOW}"),
            });
        };
        if docs == "sample" {
            if schemas.is_some() {
                return Err(
                    "TLGEN_DOCS=sample uses the sample's own schemas; unset TLGEN_SCHEMAS \
                     or set TLGEN_DOCS to the docs those schemas belong to"
                        .to_owned(),
                );
            }
            let root = manifest.join("sample");
            return Ok(Input {
                schemas: vec![
                    root.join("schemas/sample.tl"),
                    root.join("schemas/sample_secret.tl"),
                ],
                docs: root,
                sample: true,
            });
        }
        let docs = absolute("TLGEN_DOCS", Path::new(&docs), manifest)?;
        if !docs.is_dir() {
            return Err(format!(
                "TLGEN_DOCS: {} is not a directory; {HOW}",
                docs.display()
            ));
        }
        if !["methods", "constructors", "types"]
            .iter()
            .any(|d| docs.join(d).is_dir())
        {
            return Err(format!(
                "TLGEN_DOCS: {} has no methods/, constructors/ or types/ directory; \
                 point it at the root of a MadelineProto docs tree",
                docs.display()
            ));
        }
        let Some(list) = schemas else {
            return Err(format!(
                "TLGEN_DOCS={} is set but TLGEN_SCHEMAS is not: the schema gives the \
                 constructor IDs; set it to the absolute path(s) of the .tl file(s) the \
                 docs were made from, separated like PATH",
                docs.display()
            ));
        };
        let mut files = Vec::new();
        for entry in env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()) {
            let path = absolute("TLGEN_SCHEMAS", &entry, manifest)?;
            if path.is_dir() {
                println!("cargo:rerun-if-changed={}", path.display());
                let mut tl: Vec<PathBuf> = fs::read_dir(&path)
                    .map_err(|e| format!("TLGEN_SCHEMAS: {}: {e}", path.display()))?
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "tl"))
                    .collect();
                if tl.is_empty() {
                    return Err(format!(
                        "TLGEN_SCHEMAS: the directory {} has no .tl files",
                        path.display()
                    ));
                }
                tl.sort();
                files.extend(tl);
            } else if path.is_file() {
                files.push(path);
            } else {
                return Err(format!(
                    "TLGEN_SCHEMAS: {} does not exist; {HOW}",
                    path.display()
                ));
            }
        }
        Ok(Input {
            docs,
            schemas: files,
            sample: false,
        })
    }

    /// The layer from the first schema with a `// LAYER N` line.
    fn layer(&self) -> Option<u32> {
        self.schemas.iter().find_map(|s| {
            let text = fs::read_to_string(s).ok()?;
            text.lines()
                .find_map(|l| l.trim().strip_prefix("// LAYER ")?.trim().parse().ok())
        })
    }

    fn describe(&self) -> String {
        let schemas: Vec<String> = self
            .schemas
            .iter()
            .map(|s| s.display().to_string())
            .collect();
        format!(
            "docs {}, schemas {}",
            self.docs.display(),
            schemas.join(", ")
        )
    }
}

/// `path` if it is absolute; otherwise an error naming where the build
/// script would have looked.
fn absolute(var: &str, path: &Path, manifest: &Path) -> Result<PathBuf, String> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Err(format!(
        "{var}: `{}` is relative; build scripts run in the tlgen-api package, so it would \
         resolve to {}, which depends on where tlgen-api lives. Use an absolute path \
         (e.g. {var}=\"$PWD/{}\") or set it in `.cargo/config.toml` as \
         [env] {var} = {{ value = \"{}\", relative = true }}",
        path.display(),
        lexical(&manifest.join(path)).display(),
        path.display(),
        path.display(),
    ))
}

/// `path` with `.` and `..` components folded away, without touching the
/// file system (the path may not exist).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn write(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1);
}
