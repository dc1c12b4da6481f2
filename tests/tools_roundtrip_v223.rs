//! Every constructor and method of the real v223 docs + schemas: sample
//! values (no flags, all flags, random variants) encode and decode back to
//! themselves. These samples are also the oracle the generated crate is
//! compared against.

use std::time::Instant;

use tlgen::tools::{decode_bytes, encode_json, sample_value, to_hex, ApiIndex};
use tlgen_test_support::{ir, shared};

#[test]
#[ignore = "reads ../shared"]
fn every_v223_entry_round_trips() {
    let shared = shared::require();
    let merged = ir::build(&shared.docs("v223"), &shared.schemas("v223"));
    let api = &merged.api;
    let start = Instant::now();
    let index = ApiIndex::new(api);
    let names: Vec<String> = index.names().map(str::to_string).collect();
    assert!(
        names.len() >= api.methods.len() + api.constructors.len(),
        "every IR entry is indexed"
    );
    assert!(api.methods.len() > 700 && api.constructors.len() > 1500);

    let mut failures = Vec::new();
    let mut values = 0usize;
    let mut bytes_total = 0usize;
    for name in &names {
        if name == "gzip_packed" {
            continue; // decoding unwraps it by design
        }
        for seed in [0, 1, 2, 3, 4, 5] {
            let value = match sample_value(&index, name, seed) {
                Ok(value) => value,
                Err(e) => {
                    failures.push(format!("{name}/{seed}: no sample: {e}"));
                    continue;
                }
            };
            let bytes = match encode_json(&index, &value) {
                Ok(bytes) => bytes,
                Err(e) => {
                    failures.push(format!("{name}/{seed}: encode: {e}"));
                    continue;
                }
            };
            values += 1;
            bytes_total += bytes.len();
            match decode_bytes(&index, &bytes) {
                Ok(back) if back == value => {}
                Ok(back) => failures.push(format!("{name}/{seed}: {value} -> {back}")),
                Err(e) => failures.push(format!("{name}/{seed}: decode {}: {e}", to_hex(&bytes))),
            }
        }
    }
    eprintln!(
        "v223 round trip: {} entries, {values} values, {bytes_total} bytes in {:?}",
        names.len(),
        start.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );

    // The "all flags" variant really sets flags: some entry with conditional
    // params gets a non-zero flags word.
    let send = sample_value(&index, "messages.sendMessage", 1).unwrap();
    assert_eq!(send["silent"], true);
    assert!(send.get("reply_to").is_some());
    let none = sample_value(&index, "messages.sendMessage", 0).unwrap();
    assert!(none.get("silent").is_none() && none.get("peer").is_some());
}
