//! Generates the bindings into `OUT_DIR` from the input the building crate
//! chose. There is no default: without `TLGEN_DOCS` or `TLGEN_SCHEMAS` the
//! build fails and says how to set them, because a silently generated
//! sample API (invented constructor IDs) would compile and then be rejected
//! by Telegram.
//!
//! * `TLGEN_DOCS`: the MadelineProto docs root (holding `methods/`,
//!   `constructors/`, `types/`) as an absolute path, or `sample` for the
//!   small hand-written sample API shipped in `sample/` (tests, trying it
//!   out; its schemas include a sample MTProto service schema). Without it,
//!   the schemas alone give every item its exact wire shape, without docs.
//! * `TLGEN_SCHEMAS`: the TL schema files the docs were made from, absolute,
//!   separated like `PATH`; an entry that is a directory stands for every
//!   `*.tl` file in it. `TLGEN_SCHEMAS_2` to `TLGEN_SCHEMAS_9` add more, in
//!   that order: cargo's `[env]` `relative = true` makes only the first entry
//!   of a list absolute, so a `.cargo/config.toml` gives each file its own
//!   variable. Required with a docs path, not allowed with `sample`.
//! * `TLGEN_ERROR_DOCS` (and `_2` to `_9`): error sources: older,
//!   old-format docs trees with `### Errors` tables, or Telethon's data (a
//!   directory holding `methods.csv` and `errors.csv`, or those files)
//!   (`tlgen::config::Config::error_docs`).
//! * `TLGEN_SELECT`: comma-separated method patterns (`messages.*,help.getConfig`);
//!   only those methods and the types they need are generated.
//! * `TLGEN_DENY_WARNINGS=1`: the merge's warnings fail the build
//!   (`Config::deny_warnings`).
//! * `TLGEN_MIXED_LAYERS=1`: API schemas, or the docs and the schema, of
//!   different layers are a warning instead of an error
//!   (`Config::mixed_layers`).
//!
//! Build scripts run in this package's directory, so a relative path would
//! silently mean something else for a path, git or registry dependency:
//! relative paths are rejected. `.cargo/config.toml` `[env]` entries with
//! `relative = true` are made absolute by cargo.
//!
//! Everything goes through `tlgen::config::Config`, as a user's build script
//! would: the same pipeline and the same report as `tlgen` itself. What was
//! built (layer, counts, input) is a cargo warning when it needs attention
//! (the sample API, warnings in the input); otherwise it is in the build
//! script's output (`cargo build -vv`), since cargo shows a path
//! dependency's build-script warnings again on every build. It is also
//! exported as `tlgen_api::SAMPLE` (the generated root has `LAYER`) and the
//! `TLGEN_API_DOCS`/`TLGEN_API_SCHEMAS` compile-time environment (for tests
//! that reread the same input).

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::exit;

use tlgen::emit::{Formatting, Gate};
use tlgen::ir::Severity;

const HOW: &str = "set TLGEN_DOCS to an absolute docs root and TLGEN_SCHEMAS to the \
absolute schema file(s), or TLGEN_DOCS=sample for the bundled sample API; from \
`.cargo/config.toml`: [env] TLGEN_DOCS = { value = \"path/to/docs\", relative = true } \
(see the tlgen README, \"As a dependency\")";

/// The highest numbered companion of a list variable (`TLGEN_SCHEMAS_9`).
const LAST_COMPANION: u32 = 9;

/// How the build reports name its switch for denying warnings.
const DENY_SWITCH: &str = "TLGEN_DENY_WARNINGS=1";

fn main() {
    let mut watched = vec!["TLGEN_DOCS".to_owned(), "TLGEN_SELECT".to_owned()];
    watched.push("TLGEN_DENY_WARNINGS".to_owned());
    watched.push("TLGEN_MIXED_LAYERS".to_owned());
    watched.extend(list_names("TLGEN_SCHEMAS"));
    watched.extend(list_names("TLGEN_ERROR_DOCS"));
    for var in watched {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    // Tests written against the sample are compiled only for it, those of
    // the MTProto service items only where the tree has them.
    println!("cargo:rustc-check-cfg=cfg(tlgen_sample)");
    println!("cargo:rustc-check-cfg=cfg(tlgen_mtproto)");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let input = Input::from_env(&manifest).unwrap_or_else(|message| fail(&message));
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
    let mut config = tlgen::config::Config::new();
    if let Some(docs) = &input.docs {
        config.docs(docs);
    }
    config
        .schemas(&input.schemas)
        .mixed_layers(switch("TLGEN_MIXED_LAYERS").unwrap_or_else(|message| fail(&message)))
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
        .formatting(Formatting::Lines)
        .deny_warnings(switch("TLGEN_DENY_WARNINGS").unwrap_or_else(|message| fail(&message)))
        .deny_warnings_switch(DENY_SWITCH);
    let error_docs = absolute_list("TLGEN_ERROR_DOCS", &manifest).unwrap_or_else(|m| fail(&m));
    for dir in error_docs {
        config.error_docs(dir);
    }
    for pattern in &select {
        config.select(pattern);
    }
    let generated = match config.generate() {
        Ok(generated) => generated,
        Err(e) => fail(&format!("{e}\n(input: {})", input.describe())),
    };

    if generated.output.files.contains_key("types/mtproto.rs") {
        println!("cargo:rustc-cfg=tlgen_mtproto");
    }

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    write(&out.join("tlgen_sample.rs"), &input.sample.to_string());
    let docs = input.docs.as_deref().map(Path::display);
    println!(
        "cargo:rustc-env=TLGEN_API_DOCS={}",
        docs.map(|d| d.to_string()).unwrap_or_default()
    );
    let schemas = env::join_paths(&input.schemas).unwrap_or_else(|e| fail(&e.to_string()));
    println!(
        "cargo:rustc-env=TLGEN_API_SCHEMAS={}",
        schemas.to_string_lossy()
    );

    let counts = &generated.counts;
    let what = if input.sample {
        "the bundled SAMPLE API (invented constructor IDs, not Telegram's)".to_owned()
    } else {
        match generated.layer {
            Some(n) => format!("layer {n}"),
            None => "an API without a `// LAYER` line in its schema".to_owned(),
        }
    };
    let selected = if select.is_empty() {
        String::new()
    } else {
        format!(", TLGEN_SELECT={}", select.join(","))
    };
    let summary = format!(
        "tlgen-api: generated {what}: {} methods, {} constructors, {} types{selected}; from {}",
        counts.methods,
        counts.constructors,
        counts.types,
        input.describe()
    );
    let warned = generated
        .diagnostics
        .iter()
        .any(|d| d.severity >= Severity::Warning);
    if input.sample || warned {
        println!("cargo:warning={summary}");
    } else {
        println!("{summary}");
    }
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

/// A yes/no setting (`TLGEN_DENY_WARNINGS`, `TLGEN_MIXED_LAYERS`): unset
/// or `0` is off, `1` on.
fn switch(var: &str) -> Result<bool, String> {
    match env::var(var).as_deref() {
        Err(_) | Ok("" | "0" | "false" | "no") => Ok(false),
        Ok("1" | "true" | "yes") => Ok(true),
        Ok(other) => Err(format!("{var}={other}: expected 1 (on) or 0 (off)")),
    }
}

/// The docs and schemas to generate from, absolute.
struct Input {
    /// `None`: the schemas alone.
    docs: Option<PathBuf>,
    /// Files and directories, as given.
    schemas: Vec<PathBuf>,
    sample: bool,
}

impl Input {
    fn from_env(manifest: &Path) -> Result<Input, String> {
        let docs = env::var_os("TLGEN_DOCS").filter(|v| !v.is_empty());
        let schemas = absolute_list("TLGEN_SCHEMAS", manifest)?;
        let Some(docs) = docs else {
            if schemas.is_empty() {
                return Err(format!(
                    "tlgen-api has no input: TLGEN_DOCS is not set; {HOW}"
                ));
            }
            // The schemas alone: every item's wire shape, without docs.
            check_exist(&schemas)?;
            return Ok(Input {
                docs: None,
                schemas,
                sample: false,
            });
        };
        if docs == "sample" {
            if !schemas.is_empty() {
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
                    root.join("schemas/sample_mtproto.tl"),
                ],
                docs: Some(root),
                sample: true,
            });
        }
        let docs = PathBuf::from(docs);
        if docs.is_relative() {
            return Err(relative_error(
                "TLGEN_DOCS",
                &[Entry::of("TLGEN_DOCS", &docs)],
                manifest,
            ));
        }
        if !docs.is_dir() {
            return Err(format!(
                "TLGEN_DOCS: {} is not a directory; {HOW}",
                docs.display()
            ));
        }
        if schemas.is_empty() {
            return Err(format!(
                "TLGEN_DOCS={} is set but TLGEN_SCHEMAS is not: the schema gives the \
                 constructor IDs; set it to the absolute path(s) of the .tl file(s) the \
                 docs were made from, separated like PATH",
                docs.display()
            ));
        }
        check_exist(&schemas)?;
        Ok(Input {
            docs: Some(docs),
            schemas,
            sample: false,
        })
    }

    fn describe(&self) -> String {
        let schemas: Vec<String> = self
            .schemas
            .iter()
            .map(|s| s.display().to_string())
            .collect();
        match &self.docs {
            Some(docs) => format!("docs {}, schemas {}", docs.display(), schemas.join(", ")),
            None => format!("no docs, schemas {}", schemas.join(", ")),
        }
    }
}

/// Fails naming the first schema path that does not exist.
fn check_exist(schemas: &[PathBuf]) -> Result<(), String> {
    match schemas.iter().find(|path| !path.exists()) {
        Some(path) => Err(format!(
            "TLGEN_SCHEMAS: {} does not exist; {HOW}",
            path.display()
        )),
        None => Ok(()),
    }
}

/// `var` and its numbered companions, in the order their entries are read:
/// `TLGEN_SCHEMAS`, `TLGEN_SCHEMAS_2`, ..., `TLGEN_SCHEMAS_9`.
fn list_names(var: &str) -> Vec<String> {
    std::iter::once(var.to_owned())
        .chain((2..=LAST_COMPANION).map(|n| format!("{var}_{n}")))
        .collect()
}

/// One entry of a list variable.
struct Entry {
    /// The variable it is in.
    var: String,
    path: PathBuf,
    /// Its 1-based place in that variable's list.
    index: usize,
    /// How many entries that list has.
    of: usize,
}

impl Entry {
    fn of(var: &str, path: &Path) -> Entry {
        Entry {
            var: var.to_owned(),
            path: path.to_path_buf(),
            index: 1,
            of: 1,
        }
    }
}

/// Every entry of `var` and its numbered companions, in order; each must be
/// absolute.
fn absolute_list(var: &str, manifest: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries = Vec::new();
    for name in list_names(var) {
        let Some(value) = env::var_os(&name).filter(|v| !v.is_empty()) else {
            continue;
        };
        let paths: Vec<PathBuf> = split(&value);
        let of = paths.len();
        entries.extend(paths.into_iter().enumerate().map(|(i, path)| Entry {
            var: name.clone(),
            path,
            index: i + 1,
            of,
        }));
    }
    if entries.iter().any(|e| e.path.is_relative()) {
        return Err(relative_error(var, &entries, manifest));
    }
    Ok(entries.into_iter().map(|e| e.path).collect())
}

fn split(value: &OsString) -> Vec<PathBuf> {
    env::split_paths(value)
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}

/// The error for relative `entries` of `var` (and its companions): where
/// they would have resolved, and a `.cargo/config.toml` that keeps every
/// entry, one variable each.
fn relative_error(var: &str, entries: &[Entry], manifest: &Path) -> String {
    let relative: Vec<&Entry> = entries.iter().filter(|e| e.path.is_relative()).collect();
    let shown = |e: &&Entry| format!("`{}`", e.path.display());
    // A list whose first entry is absolute and a later one relative is what
    // cargo makes of `{ value = "a:b", relative = true }`.
    let cargo_list = relative.iter().find(|e| {
        e.index > 1
            && entries
                .iter()
                .any(|f| f.var == e.var && f.index == 1 && f.path.is_absolute())
    });
    let mut message = match cargo_list {
        Some(e) => format!(
            "{}: entry {} of {}, {}, is relative: in `.cargo/config.toml`, `relative = true` \
             makes only the first entry of a list absolute. Give every entry its own \
             variable ({var}, {var}_2, ... {var}_{LAST_COMPANION}):",
            e.var,
            e.index,
            e.of,
            shown(e)
        ),
        None => {
            let names: Vec<String> = relative.iter().map(shown).collect();
            let resolved: Vec<String> = relative
                .iter()
                .map(|e| lexical(&manifest.join(&e.path)).display().to_string())
                .collect();
            let (is, it) = if relative.len() == 1 {
                ("is", "it")
            } else {
                ("are", "them")
            };
            let per_entry = if entries.len() > 1 {
                ", one variable per entry"
            } else {
                ""
            };
            format!(
                "{var}: {} {is} relative; build scripts run in the tlgen-api package, so \
                 {it} would resolve to {}, which depends on where tlgen-api lives. Use \
                 absolute paths (e.g. {var}=\"$PWD/{}\") or set {it} in \
                 `.cargo/config.toml`{per_entry}, where `relative = true` resolves {it} \
                 against the directory holding `.cargo/`:",
                names.join(" and "),
                resolved.join(", "),
                relative[0].path.display()
            )
        }
    };
    message.push_str("\n  [env]");
    let names = list_names(var);
    for (entry, name) in entries.iter().zip(&names) {
        let relative = if entry.path.is_relative() {
            ", relative = true"
        } else {
            ""
        };
        message.push_str(&format!(
            "\n  {name} = {{ value = \"{}\"{relative} }}",
            entry.path.display()
        ));
    }
    if entries.len() > names.len() {
        message.push_str(&format!(
            "\n  (more than {LAST_COMPANION} entries: put them in one directory and name that)"
        ));
    }
    message
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
