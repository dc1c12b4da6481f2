//! The IR-driven encoder and decoder (`tlgen::tools`) against golden bytes
//! from an independent TL implementation, Telethon (see
//! `scripts/golden/README.md`).
//!
//! For every fixture line: the IR entry of that name has that ID, encoding
//! `value` gives exactly `hex`, and decoding `hex` gives back `value`.
//! Counts and coverage are asserted so the fixture cannot silently shrink
//! (it has 1266 objects over 836 v223 names; the floors are 1000 and 700).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tlgen::ir::{Api, Param};
use tlgen::tools::{self, ApiIndex};
use tlgen_test_support::ir;
use tlgen_test_support::shared::{self, Shared};

const V223_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/telethon_v223.jsonl"
);
const MTPROTO_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/telethon_mtproto_v1.jsonl"
);

struct Line {
    lineno: usize,
    name: String,
    id: u32,
    value: Value,
    hex: String,
}

fn read_fixture(path: &str) -> Vec<Line> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let mut v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1));
            let field = |k: &str| -> String {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("{path}:{}: no string {k:?}", i + 1))
                    .to_string()
            };
            let name = field("name");
            let id = u32::from_str_radix(&field("id"), 16)
                .unwrap_or_else(|e| panic!("{path}:{}: bad id: {e}", i + 1));
            let hex = field("hex");
            Line {
                lineno: i + 1,
                name,
                id,
                value: v["value"].take(),
                hex,
            }
        })
        .collect()
}

/// One IR method or constructor.
struct Ent<'a> {
    id: Option<u32>,
    params: &'a [Param],
    method: bool,
}

type Entries<'a> = HashMap<&'a str, Ent<'a>>;

/// IR name -> entry, over methods and constructors.
fn entries(api: &Api) -> Entries<'_> {
    let mut map = HashMap::new();
    for m in &api.methods {
        map.entry(m.name.as_str()).or_insert(Ent {
            id: m.id,
            params: &m.params,
            method: true,
        });
    }
    for c in &api.constructors {
        map.entry(c.name.as_str()).or_insert(Ent {
            id: c.id,
            params: &c.params,
            method: false,
        });
    }
    map
}

/// The v223 API (its docs, `schemas`); any error diagnostic fails the test.
fn build(shared: &Shared, schemas: &[PathBuf]) -> Api {
    ir::build(&shared.docs("v223"), schemas).api
}

/// JSON equality where doubles compare by bits (`-0.0` is not `0.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Checks every line; returns the failures (all of them, not just the first).
fn check(path: &str, lines: &[Line], api: &Api) -> Vec<String> {
    let index = ApiIndex::new(api);
    let ir = entries(api);
    let file = Path::new(path).file_name().unwrap().to_string_lossy();
    let mut failures = Vec::new();
    for line in lines {
        let at = format!("{file}:{} {}", line.lineno, line.name);
        match ir.get(line.name.as_str()) {
            None => {
                failures.push(format!("{at}: no IR entry of that name"));
                continue;
            }
            Some(ent) if ent.id != Some(line.id) => {
                failures.push(format!(
                    "{at}: IR ID {:?} != fixture ID {:08x}",
                    ent.id.map(|i| format!("{i:08x}")),
                    line.id
                ));
                continue;
            }
            Some(_) => {}
        }
        match tools::encode_json(&index, &line.value) {
            Ok(bytes) => {
                let ours = tools::to_hex(&bytes);
                if ours != line.hex {
                    failures.push(format!(
                        "{at}: encode mismatch\n  telethon {}\n  tlgen    {ours}",
                        line.hex
                    ));
                }
            }
            Err(e) => failures.push(format!("{at}: encode error: {e}")),
        }
        let bytes = match tools::parse_hex(&line.hex) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{at}: fixture hex: {e}"));
                continue;
            }
        };
        match tools::decode_bytes(&index, &bytes) {
            Ok(decoded) if same(&decoded, &line.value) => {}
            Ok(decoded) => failures.push(format!(
                "{at}: decode mismatch\n  fixture {}\n  tlgen   {}",
                line.value, decoded
            )),
            Err(e) => failures.push(format!("{at}: decode error: {e}")),
        }
    }
    failures
}

/// What the fixture exercises, so it cannot silently lose coverage.
#[derive(Default, Debug)]
struct Coverage {
    flags2_set: usize,
    flags_several_set: usize,
    flags_none_set: usize,
    true_flag: usize,
    shared_bit: usize,
    double: usize,
    double_negative_fractional: usize,
    int128: usize,
    int256: usize,
    long_extreme: usize,
    int_negative: usize,
    non_ascii_string: usize,
    bytes_lens: BTreeSet<usize>,
    vector_of_objects: usize,
    vector_of_longs: usize,
    vector_of_strings: usize,
    vector_of_bytes: usize,
    empty_vector: usize,
    methods: usize,
    constructors: usize,
    max_depth: usize,
}

/// Length of standard base64 data without decoding it.
fn base64_len(s: &str) -> usize {
    let pad = s.bytes().rev().take_while(|&b| b == b'=').count();
    s.len() / 4 * 3 - pad
}

impl Coverage {
    /// Walks one value; returns its object nesting depth.
    fn walk(&mut self, v: &Value, ty: &str, ir: &Entries) -> usize {
        match v {
            Value::Array(items) => {
                let inner = ty
                    .strip_prefix("Vector<")
                    .or_else(|| ty.strip_prefix("vector<"))
                    .and_then(|t| t.strip_suffix('>'))
                    .unwrap_or("");
                if items.is_empty() {
                    self.empty_vector += 1;
                } else {
                    match inner {
                        "long" => self.vector_of_longs += 1,
                        "string" => self.vector_of_strings += 1,
                        "bytes" => self.vector_of_bytes += 1,
                        _ if items[0].get("_").is_some() => self.vector_of_objects += 1,
                        _ => {}
                    }
                }
                items
                    .iter()
                    .map(|x| self.walk(x, inner, ir))
                    .max()
                    .unwrap_or(0)
            }
            Value::Object(obj) if ty == "bytes" => {
                let b64 = obj.get("bytes").and_then(Value::as_str).unwrap_or("");
                self.bytes_lens.insert(base64_len(b64));
                0
            }
            Value::Object(obj) => {
                let name = obj.get("_").and_then(Value::as_str).unwrap_or("");
                let Some(ent) = ir.get(name) else {
                    return 1;
                };
                let mut set: HashMap<&str, usize> = HashMap::new();
                let mut per_bit: HashMap<(&str, u8), usize> = HashMap::new();
                let mut deepest = 0;
                for p in ent.params.iter().filter(|p| !p.docs_only) {
                    if p.ty == "#" {
                        set.entry(p.name.as_str()).or_default();
                        continue;
                    }
                    let Some(field) = obj.get(&p.name) else {
                        continue;
                    };
                    if let Some(flag) = &p.flag {
                        *set.entry(flag.field.as_str()).or_default() += 1;
                        *per_bit.entry((flag.field.as_str(), flag.bit)).or_default() += 1;
                    }
                    match p.ty.to_string().as_str() {
                        "true" => self.true_flag += 1,
                        "double" => {
                            self.double += 1;
                            if let Some(d) = field.as_f64() {
                                if d < 0.0 && d.fract() != 0.0 {
                                    self.double_negative_fractional += 1;
                                }
                            }
                        }
                        "int128" => self.int128 += 1,
                        "int256" => self.int256 += 1,
                        "long" if matches!(field.as_i64(), Some(i64::MIN | i64::MAX)) => {
                            self.long_extreme += 1;
                        }
                        "int" if field.as_i64().is_some_and(|i| i < 0) => {
                            self.int_negative += 1;
                        }
                        "string" if field.as_str().is_some_and(|s| !s.is_ascii()) => {
                            self.non_ascii_string += 1;
                        }
                        _ => {}
                    }
                    deepest = deepest.max(self.walk(field, &p.ty.to_string(), ir));
                }
                for (word, n) in &set {
                    if *n == 0 {
                        self.flags_none_set += 1;
                    } else if *n >= 3 {
                        self.flags_several_set += 1;
                    }
                    if *word == "flags2" && *n > 0 {
                        self.flags2_set += 1;
                    }
                }
                if per_bit.values().any(|&n| n > 1) {
                    self.shared_bit += 1;
                }
                if ent.method {
                    self.methods += 1;
                } else {
                    self.constructors += 1;
                }
                1 + deepest
            }
            _ => 0,
        }
    }
}

fn coverage(lines: &[Line], api: &Api) -> Coverage {
    let ir = entries(api);
    let mut cov = Coverage::default();
    for line in lines {
        let depth = cov.walk(&line.value, "", &ir);
        cov.max_depth = cov.max_depth.max(depth);
    }
    cov
}

fn report(failures: &[String], total: usize) {
    if !failures.is_empty() {
        let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
        panic!(
            "{} of {total} golden checks failed (first {}):\n{}",
            failures.len(),
            shown.len(),
            shown.join("\n")
        );
    }
}

#[test]
#[ignore = "reads ../shared"]
fn telethon_golden_v223() {
    let shared = shared::require();
    let lines = read_fixture(V223_FIXTURE);
    let api = build(&shared, &shared.schemas("v223"));

    let names: BTreeSet<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert!(
        lines.len() >= 1000,
        "only {} objects in the fixture",
        lines.len()
    );
    assert!(names.len() >= 700, "only {} distinct names", names.len());

    let cov = coverage(&lines, &api);
    eprintln!(
        "golden_telethon v223: {} objects, {} names, {cov:?}",
        lines.len(),
        names.len()
    );
    assert!(cov.flags2_set > 0, "no value with flags2 set");
    assert!(
        cov.flags_several_set > 0 && cov.flags_none_set > 0,
        "flags coverage: {cov:?}"
    );
    assert!(
        cov.true_flag > 0 && cov.shared_bit > 0,
        "flag coverage: {cov:?}"
    );
    assert!(
        cov.double > 0 && cov.double_negative_fractional > 0,
        "no doubles: {cov:?}"
    );
    assert!(cov.int256 > 0, "no int256");
    assert!(
        cov.long_extreme > 0 && cov.int_negative > 0,
        "integers: {cov:?}"
    );
    assert!(cov.non_ascii_string > 0, "no non-ASCII string");
    for n in [0, 1, 253, 254, 300] {
        assert!(
            cov.bytes_lens.contains(&n),
            "no bytes of length {n}: {cov:?}"
        );
    }
    assert!(
        cov.vector_of_objects > 0
            && cov.vector_of_longs > 0
            && cov.vector_of_strings > 0
            && cov.vector_of_bytes > 0
            && cov.empty_vector > 0,
        "vector coverage: {cov:?}"
    );
    assert!(cov.methods > 0 && cov.constructors > 0, "{cov:?}");
    assert!(cov.max_depth >= 3, "nesting depth only {}", cov.max_depth);

    report(&check(V223_FIXTURE, &lines, &api), lines.len());
}

/// The MTProto service schema is the only one with `int128`: the same checks
/// over an IR that also includes `TL_mtproto_v1.tl`.
#[test]
#[ignore = "reads ../shared"]
fn telethon_golden_mtproto() {
    let shared = shared::require();
    let lines = read_fixture(MTPROTO_FIXTURE);
    let mut schemas = shared.schemas("v223");
    schemas.push(shared.schema("TL_mtproto_v1.tl"));
    let api = build(&shared, &schemas);
    // What a build script's `Config` loads from the same files is this IR,
    // and it passes: MTProto first, as a directory listing may order it.
    let mut reordered = schemas.clone();
    reordered.rotate_right(1);
    let loaded = tlgen::Config::new()
        .docs(shared.docs("v223"))
        .schemas(&reordered)
        .load()
        .expect("Config loads v223 with the MTProto schema");
    loaded.check().expect("no error diagnostics");
    assert_eq!(loaded.api.layer, Some(223));
    assert_eq!(loaded.api.methods.len(), api.methods.len());
    assert_eq!(loaded.api.constructors.len(), api.constructors.len());

    assert!(
        lines.len() >= 30,
        "only {} objects in the fixture",
        lines.len()
    );
    let cov = coverage(&lines, &api);
    eprintln!("golden_telethon mtproto: {} objects, {cov:?}", lines.len());
    assert!(cov.int128 > 0, "no int128: {cov:?}");
    assert!(cov.int256 > 0, "no int256: {cov:?}");

    report(&check(MTPROTO_FIXTURE, &lines, &api), lines.len());
    report(&check(MTPROTO_FIXTURE, &lines, &loaded.api), lines.len());
}
