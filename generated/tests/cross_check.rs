//! The generated crate against two encoders it shares no code with:
//!
//! * the IR-driven encoder of `tlgen encode` (`tlgen::tools`), on the sample
//!   value of every constructor and method of whatever layer tlgen-api was built
//!   from: both must write identical bytes, and the tools must decode them
//!   back to the same JSON;
//! * Telethon's serializer (golden bytes in `tests/golden/telethon_v223.jsonl`,
//!   made by `scripts/golden/make_golden.py`), when tlgen-api was built for v223.
//!
//! The layer is read from the input the build script resolved
//! (`TLGEN_API_DOCS`/`TLGEN_API_SCHEMAS`, set at compile time).
//! Run: `cargo test -p tlgen-api --features sample-values,serde`.
#![cfg(all(feature = "sample-values", feature = "serde"))]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

use tlgen::tools::{self, ApiIndex};
use tlgen_api::samples::{visit_all, Json, Visitor};
use tlgen_runtime::{Deserialize, Serialize};
use tlgen_test_support::Failures;

/// The absolute input the build script resolved and generated from.
fn layer_inputs() -> (Option<PathBuf>, Vec<PathBuf>) {
    let docs = Some(PathBuf::from(env!("TLGEN_API_DOCS"))).filter(|d| !d.as_os_str().is_empty());
    let schemas = std::env::split_paths(env!("TLGEN_API_SCHEMAS")).collect();
    (docs, schemas)
}

fn index() -> ApiIndex<'static> {
    static API: std::sync::OnceLock<tlgen::ir::Api> = std::sync::OnceLock::new();
    ApiIndex::new(API.get_or_init(|| {
        let (docs, schemas) = layer_inputs();
        // Through the pipeline the build script used (a directory among the
        // schemas stands for its `.tl` files).
        let mut config = tlgen::config::Config::new();
        if let Some(docs) = docs {
            config.docs(docs);
        }
        let loaded = config
            .schemas(schemas)
            .load()
            .expect("the layer tlgen-api was built from");
        // Not a layer with an error, which tlgen-api's build would refuse.
        loaded.check().expect("the layer tlgen-api was built from");
        loaded.api
    }))
}

struct AgainstTools<'a> {
    index: &'a ApiIndex<'a>,
    count: usize,
    failures: Failures,
}

impl Visitor for AgainstTools<'_> {
    fn visit<T>(&mut self, name: &str, value: T)
    where
        T: Serialize + Deserialize + Debug + PartialEq + Json,
    {
        self.count += 1;
        let ours = value.to_bytes();
        let json: serde_json::Value = serde_json::to_value(&value).expect("to JSON");
        match tools::encode_json(self.index, &json) {
            Ok(theirs) if theirs == ours => {}
            Ok(theirs) => self.failures.push(format!(
                "{name}: generated {} != tools {} for {json}",
                tools::to_hex(&ours),
                tools::to_hex(&theirs)
            )),
            Err(e) => self
                .failures
                .push(format!("{name}: tools cannot encode {json}: {e}")),
        }
        match tools::decode_bytes(self.index, &ours) {
            Ok(back) if back == json => {}
            // An `Object` inside is its bytes in the generated code's JSON
            // and the decoded value in the tools': then the tools' JSON must
            // encode back to the same bytes.
            Ok(back)
                if holds_object(self.index, name)
                    && tools::encode_json(self.index, &back).as_ref() == Ok(&ours) => {}
            Ok(back) => self
                .failures
                .push(format!("{name}: tools decode {back} != {json}")),
            Err(e) => self
                .failures
                .push(format!("{name}: tools cannot decode: {e}")),
        }
    }
}

/// Whether a value of the item `visited` (`Type/constructor` or a method's
/// name, as the samples visit them) holds an `Object` anywhere inside.
fn holds_object(index: &ApiIndex<'_>, visited: &str) -> bool {
    use tlgen::model::{Handle, Ty};
    let name = visited.rsplit('/').next().unwrap_or(visited);
    let Some(at) = index.named(name) else {
        return false;
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut work: Vec<&Ty> = index
        .entry(at)
        .fields()
        .iter()
        .filter_map(|f| f.value_ty())
        .collect();
    while let Some(ty) = work.pop() {
        match ty {
            Ty::Object => return true,
            Ty::Vector { elem, .. } => work.push(elem),
            Ty::Struct(c) if seen.insert(Handle::Ctor(*c)) => {
                work.extend(index.ctor(*c).fields.iter().filter_map(|f| f.value_ty()));
            }
            Ty::Enum(t) => {
                for &c in &index.ty(*t).ctors {
                    if seen.insert(Handle::Ctor(c)) {
                        work.extend(index.ctor(c).fields.iter().filter_map(|f| f.value_ty()));
                    }
                }
            }
            _ => {}
        }
    }
    false
}

#[test]
fn generated_code_and_tlgen_tools_write_identical_bytes() {
    let index = index();
    let mut check = AgainstTools {
        index: &index,
        count: 0,
        failures: Failures::default(),
    };
    for seed in 0..4 {
        visit_all(&mut check, seed);
    }
    check.failures.assert_none(check.count, "values");
    eprintln!("{} values: generated crate == tlgen tools", check.count);
}

/// One line of the Telethon fixture.
struct Golden {
    value: serde_json::Value,
    hex: String,
}

struct AgainstTelethon {
    golden: BTreeMap<String, Vec<Golden>>,
    checked: usize,
    names: usize,
    skipped_non_finite: usize,
    skipped_generic: usize,
    failures: Failures,
}

fn has_non_finite_double(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity"),
        serde_json::Value::Array(items) => items.iter().any(has_non_finite_double),
        serde_json::Value::Object(map) => map.values().any(has_non_finite_double),
        _ => false,
    }
}

impl Visitor for AgainstTelethon {
    fn visit<T>(&mut self, name: &str, sample: T)
    where
        T: Serialize + Deserialize + Debug + PartialEq + Json,
    {
        // Constructors are visited as `Type/constructor`; methods by name.
        let name = name.rsplit('/').next().unwrap_or(name);
        // Each item is visited once per seed; check its golden lines once.
        let Some(lines) = self.golden.remove(name) else {
            return;
        };
        self.names += 1;
        // Generic methods (`invokeWithLayer`, `initConnection`, ... with
        // `query:!X`) are visited as one instantiation; lines wrapping another
        // query type are left to tests/golden_telethon.rs (the tools).
        let sample_query = serde_json::to_value(&sample).expect("to JSON")["query"]["_"].clone();
        for line in lines {
            if line.value["query"]["_"] != sample_query {
                self.skipped_generic += 1;
                continue;
            }
            // JSON has no number for ±Infinity/NaN (the tools write them as
            // strings); serde's f64 cannot read those, so such lines are
            // covered by tests/golden_telethon.rs through the tools only.
            if has_non_finite_double(&line.value) {
                self.skipped_non_finite += 1;
                continue;
            }
            self.checked += 1;
            let value: T = match serde_json::from_value(line.value.clone()) {
                Ok(value) => value,
                Err(e) => {
                    self.failures
                        .push(format!("{name}: JSON {}: {e}", line.value));
                    continue;
                }
            };
            let ours = tools::to_hex(&value.to_bytes());
            if ours != line.hex {
                self.failures
                    .push(format!("{name}: generated {ours} != telethon {}", line.hex));
            }
            let bytes = tools::parse_hex(&line.hex).expect("fixture hex");
            self.failures.check_eq(
                &format!("{name}: decoded telethon bytes"),
                T::from_bytes(&bytes),
                &value,
            );
        }
    }
}

/// Ignored unless asked for: it needs tlgen-api built for layer 223
/// (`scripts/test.sh` runs it so), and fails on any other build.
#[test]
#[ignore = "needs tlgen-api built for v223"]
fn generated_code_matches_telethon_golden_bytes() {
    let (docs, _) = layer_inputs();
    assert!(
        docs.as_ref().is_some_and(|d| d.ends_with("v223")),
        "tlgen-api was built from {docs:?}, not layer 223: set TLGEN_DOCS and TLGEN_SCHEMAS \
         to the v223 docs and schemas (README, \"Tests and the data they read\")"
    );
    // The MTProto service objects too, when tlgen-api has the service
    // schema (the test command builds v223 with it).
    let index = index();
    let with_mtproto = index
        .types
        .iter()
        .any(|t| t.space == tlgen::ir::Space::Mtproto);
    let mut fixtures = vec!["telethon_v223.jsonl"];
    if with_mtproto {
        fixtures.push("telethon_mtproto_v1.jsonl");
    }
    let mut text = String::new();
    for fixture in fixtures {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/golden")
            .join(fixture);
        text.push_str(&std::fs::read_to_string(&path).expect("a Telethon fixture"));
    }
    eprintln!(
        "golden bytes: v223{}",
        if with_mtproto { " and MTProto" } else { "" }
    );
    let mut golden: BTreeMap<String, Vec<Golden>> = BTreeMap::new();
    let mut lines = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let json: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let name = json["name"].as_str().expect("name").to_string();
        let hex = json["hex"].as_str().expect("hex").to_string();
        golden.entry(name).or_default().push(Golden {
            value: json["value"].clone(),
            hex,
        });
        lines += 1;
    }
    let mut check = AgainstTelethon {
        golden,
        checked: 0,
        names: 0,
        skipped_non_finite: 0,
        skipped_generic: 0,
        failures: Failures::default(),
    };
    visit_all(&mut check, 0);
    let unmatched: Vec<&String> = check.golden.keys().take(20).collect();
    assert!(
        check.golden.is_empty(),
        "fixture names tlgen-api does not have: {unmatched:?}"
    );
    check.failures.assert_none(check.checked, "golden objects");
    assert!(
        check.checked >= 1000,
        "only {} of {lines} lines compared",
        check.checked
    );
    assert!(check.names >= 700, "only {} names", check.names);
    eprintln!(
        "{} golden objects over {} names: generated crate == Telethon ({} with non-finite doubles and {} generic calls wrapping another query type left to the tools test)",
        check.checked, check.names, check.skipped_non_finite, check.skipped_generic
    );
}
