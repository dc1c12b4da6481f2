//! `tlgen::tools::decode_bytes` over the real v223 API on 100 000 mutated
//! and random inputs (deterministic seed): no panic, bounded time, and
//! whatever decodes encodes again.

use std::time::{Duration, Instant};

use tlgen::tools::{decode_bytes, encode_json, sample_value, to_hex, ApiIndex};
use tlgen_test_support::{ir, shared, Rng};

#[test]
#[ignore = "reads ../shared"]
fn mutated_v223_inputs_never_panic() {
    let shared = shared::require();
    let merged = ir::build(&shared.docs("v223"), &shared.schemas("v223"));
    let index = ApiIndex::new(&merged.api);
    let names: Vec<String> = index.names().map(str::to_string).collect();

    // A corpus of valid encodings, and the IDs that occur in the API.
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let seed = [1, 2, 3][i % 3];
        if let Ok(bytes) = sample_value(&index, name, seed).and_then(|v| encode_json(&index, &v)) {
            corpus.push(bytes);
        }
    }
    let ids: Vec<u32> = merged
        .api
        .methods
        .iter()
        .filter_map(|m| m.id)
        .chain(merged.api.constructors.iter().filter_map(|c| c.id))
        .chain([
            0x1cb5_c415,
            0x3072_cfa1,
            0xf35c_6d01,
            0x2144_ca19,
            0x9972_75b5,
            0xbc79_9737,
        ])
        .collect();

    let mut rng = Rng::new(0x7167_656e);
    let mut decoded = 0;
    let mut slowest = Duration::ZERO;
    let start = Instant::now();
    for round in 0..100_000u32 {
        let mut input = corpus[rng.below(corpus.len())].clone();
        let mutations = 1 + rng.below(3);
        for _ in 0..mutations {
            match (round as usize + rng.below(7)) % 7 {
                0 => input = (0..rng.below(256)).map(|_| rng.next() as u8).collect(),
                1 => {
                    if !input.is_empty() {
                        let at = rng.below(input.len());
                        input[at] ^= 1 << rng.below(8);
                    }
                }
                2 => input.truncate(rng.below(input.len() + 1)),
                3 | 4 => {
                    // Overwrite or insert a word: an API ID, a big count, or noise.
                    let word = match rng.below(3) {
                        0 => ids[rng.below(ids.len())],
                        1 => u32::MAX - rng.below(16) as u32,
                        _ => rng.next() as u32,
                    };
                    let at = rng.below(input.len() / 4 + 1) * 4;
                    let end = if round % 2 == 0 {
                        (at + 4).min(input.len())
                    } else {
                        at
                    };
                    input.splice(at..end, word.to_le_bytes());
                }
                5 => {
                    // Splice two valid encodings together.
                    let other = &corpus[rng.below(corpus.len())];
                    let at = rng.below(input.len() + 1);
                    let from = rng.below(other.len() + 1);
                    input.splice(at..at, other[from..].iter().copied());
                }
                _ => {
                    let byte = [0u8, 0xfe, 0xff, 0x7f][rng.below(4)];
                    let at = rng.below(input.len() + 1);
                    input.insert(at, byte);
                }
            }
        }
        let t = Instant::now();
        let result = decode_bytes(&index, &input);
        slowest = slowest.max(t.elapsed());
        if let Ok(value) = result {
            decoded += 1;
            encode_json(&index, &value)
                .unwrap_or_else(|e| panic!("{}: decoded but does not encode: {e}", to_hex(&input)));
        }
    }
    eprintln!(
        "100000 hostile v223 inputs in {:?}, {decoded} decoded, slowest {:?}",
        start.elapsed(),
        slowest
    );
    assert!(
        decoded > 100,
        "only {decoded} inputs decoded: mutations too destructive"
    );
    assert!(
        slowest < Duration::from_secs(2),
        "one input took {slowest:?}"
    );
}
