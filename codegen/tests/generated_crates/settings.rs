//! The sample generated with each kind of [`Gate`] and with runtime paths
//! other than `tlgen_runtime`, compiled in a scratch crate under
//! `#![deny(warnings)]` that declares only what those settings ask for: no
//! features when every gate is off or on (an undeclared feature test would be
//! an `unexpected_cfgs` warning), serde only where serde is generated. Where
//! the samples are generated, a binary round-trips every one of them through
//! the wire form and, with serde, through JSON.

use tlgen::emit::{generate, Gate, Options, Output};
use tlgen_test_support::rust::Parsed;
use tlgen_test_support::scratch::{self, ScratchCrate};
use tlgen_test_support::{cli, ir};

use super::tree_files;

/// decode(encode(x)) == x, on the wire and (where `//JSON` stands, filled in
/// per case) in JSON, for every sample; prints how many it checked.
const ROUND_TRIP: &str = r#"#![deny(warnings)]
use std::fmt::Debug;

use scratch::tl::samples::{visit_all, Json, Visitor};
use tlgen_runtime::{Deserialize, Serialize};

struct RoundTrip(usize);

impl Visitor for RoundTrip {
    fn visit<T>(&mut self, name: &str, value: T)
    where
        T: Serialize + Deserialize + Debug + PartialEq + Json,
    {
        let bytes = value.to_bytes();
        assert_eq!(bytes.len(), value.serialized_len(), "{name}");
        let back = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, value, "{name}: wire");
        //JSON
        self.0 += 1;
    }
}

fn main() {
    let mut checked = RoundTrip(0);
    for seed in 0..3 {
        visit_all(&mut checked, seed);
    }
    println!("{}", checked.0);
}
"#;

const JSON_ROUND_TRIP: &str = r#"{
            let json = serde_json::to_string(&value).expect("to JSON");
            let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {json}: {e}"));
            assert_eq!(back, value, "{name}: JSON {json}");
        }"#;

/// One way to configure the generator, and the crate that includes its tree.
struct Case {
    what: &'static str,
    options: Options,
    /// `[dependencies]` and anything after them in `Cargo.toml`; `{runtime}`
    /// stands for the runtime crate's path.
    manifest: &'static str,
    /// `src/lib.rs` before `pub mod tl;`.
    lib: &'static str,
    /// What replaces `//JSON` in the round-trip binary; `None`: no binary.
    json: Option<String>,
    /// The feature sets to check the crate with (`--features`; `""`: none).
    features: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "serde, methods' Deserialize, the samples and the borrowed form always, tlgen_runtime",
            options: Options {
                serde: Gate::On,
                deserializable_functions: Gate::On,
                sample_values: Gate::On,
                borrowed: Gate::On,
                ..Options::default()
            },
            manifest: "[dependencies]\n\
                tlgen-runtime = { path = {runtime}, features = [\"serde\"] }\n\
                serde = { version = \"1\", features = [\"derive\"] }\n\
                serde_json = { version = \"1\", features = [\"float_roundtrip\"] }\n",
            lib: "",
            json: Some(JSON_ROUND_TRIP.to_owned()),
            features: &[""],
        },
        Case {
            what: "features the crate names, the runtime through a re-export (crate::runtime)",
            options: Options {
                serde: Gate::feature("json"),
                deserializable_functions: Gate::feature("server"),
                sample_values: Gate::feature("samples"),
                hash: Gate::feature("hashing"),
                borrowed: Gate::feature("zero-copy"),
                runtime_path: "crate::runtime".into(),
                ..Options::default()
            },
            manifest: "[dependencies]\n\
                tlgen-runtime = { path = {runtime} }\n\
                serde = { version = \"1\", features = [\"derive\"], optional = true }\n\
                serde_json = { version = \"1\", features = [\"float_roundtrip\"], optional = true }\n\n\
                [features]\n\
                json = [\"dep:serde\", \"dep:serde_json\", \"tlgen-runtime/serde\"]\n\
                server = []\n\
                samples = [\"server\"]\n\
                hashing = []\n\
                zero-copy = []\n\n\
                [[bin]]\nname = \"scratch\"\nrequired-features = [\"samples\"]\n",
            lib: "pub use tlgen_runtime as runtime;\n",
            json: Some(format!("#[cfg(feature = \"json\")]\n        {JSON_ROUND_TRIP}")),
            features: &["", "json", "server", "samples", "hashing", "zero-copy", "samples,zero-copy"],
        },
        Case {
            what: "every gate off (`Hash` too), the runtime as a renamed dependency (rt)",
            options: Options {
                serde: Gate::Off,
                deserializable_functions: Gate::Off,
                sample_values: Gate::Off,
                hash: Gate::Off,
                runtime_path: "rt".into(),
                ..Options::default()
            },
            manifest: "[dependencies]\n\
                rt = { package = \"tlgen-runtime\", path = {runtime} }\n",
            lib: "",
            json: None,
            features: &[""],
        },
    ]
}

/// The generated tree as it must read for `case`: nothing tests a feature
/// the case did not name, nothing names the runtime by another path.
fn check_tree(case: &Case, output: &Output) {
    let tree = Parsed::new(&output.files);
    let features: Vec<&str> = [
        &case.options.serde,
        &case.options.deserializable_functions,
        &case.options.sample_values,
        &case.options.hash,
        &case.options.borrowed,
    ]
    .into_iter()
    .filter_map(|gate| match gate {
        Gate::Feature(name) => Some(name.as_str()),
        _ => None,
    })
    .collect();
    for name in tree.features() {
        assert!(
            features.contains(&name.as_str()),
            "{}: the tree tests the feature `{name}`",
            case.what
        );
    }
    let idents = tree.idents();
    if case.options.runtime_path != "tlgen_runtime" {
        assert!(
            !idents.contains("tlgen_runtime"),
            "{}: the tree names `tlgen_runtime`",
            case.what
        );
    }
    if case.options.serde == Gate::Off {
        let serde: Vec<&String> = idents.iter().filter(|i| i.contains("serde")).collect();
        assert!(
            serde.is_empty(),
            "{}: the tree has serde: {serde:?}",
            case.what
        );
    }
    // Error kinds are always `Hash` (they are `Copy`, and few); no API item
    // is without the setting.
    if case.options.hash == Gate::Off {
        for derive in tree.derives() {
            let has = |name: &str| derive.traits.iter().any(|t| t == name);
            assert!(
                !has("Hash") || has("Copy"),
                "{}: {} derives Hash",
                case.what,
                derive.item
            );
        }
    }
}

#[test]
fn every_gate_setting_and_runtime_path_builds_without_warnings() {
    let runtime = format!("{:?}", scratch::runtime_dir().display().to_string());
    let api = ir::sample_protocol().api;
    // One crate for every case, rewritten in turn, so that its dependencies
    // are built once.
    let scratch = ScratchCrate::new("", &[]);
    for case in cases() {
        let output = generate(&api, &case.options)
            .unwrap_or_else(|e| panic!("{}: generate: {e}", case.what));
        check_tree(&case, &output);
        let tree = scratch.path().join("src");
        if tree.exists() {
            std::fs::remove_dir_all(&tree).expect("old sources");
        }
        let manifest = scratch::manifest("scratch", &case.manifest.replace("{runtime}", &runtime));
        let mut files = tree_files(&output, case.lib);
        files.push(("Cargo.toml".into(), manifest));
        if let Some(json) = &case.json {
            files.push(("src/main.rs".into(), ROUND_TRIP.replace("//JSON", json)));
        }
        scratch.write_owned(&files);
        // Offline, with the versions this workspace builds with.
        scratch.use_workspace_lock();
        let cargo = |args: &[&str]| {
            let out = scratch.cargo(args);
            let stderr = cli::stderr(&out);
            assert!(
                out.status.success() && !stderr.contains("warning"),
                "{}: cargo {args:?}:\n{stderr}",
                case.what
            );
            cli::stdout(&out)
        };
        for features in case.features {
            let mut args = vec!["check", "--quiet", "--all-targets"];
            if !features.is_empty() {
                args.extend(["--features", features]);
            }
            cargo(&args);
        }
        if case.json.is_some() {
            let checked = cargo(&["run", "--quiet", "--all-features"]);
            let checked: usize = checked.trim().parse().expect("a count");
            // Three seeds, each over every sample `visit_all` visits.
            let samples = Parsed::new([("samples.rs", &output.files["samples.rs"])]);
            let visits = samples.method_calls("v", "visit");
            assert!(visits > 0, "{}: no samples", case.what);
            assert_eq!(checked, 3 * visits, "{}: samples checked", case.what);
        }
    }
}
