//! A million pseudo-random and mutated inputs through every decoder: each must
//! yield a value or a well-formed typed error, never a panic, and each
//! borrowed decoder the same value or error as the owned one. Deterministic
//! (seeded xorshift), no extra dependencies. The same decoders back the
//! cargo-fuzz target in `fuzz/`.

mod common;

use common::harness::{decode_all, seed_corpus};
use tlgen_test_support::Rng;

/// Values that hit boundaries of the format: length prefixes, IDs, counts.
const INTERESTING: &[u8] = &[0, 1, 3, 4, 0x7f, 0x80, 0xfd, 0xfe, 0xff];
const IDS: &[u32] = &[
    0x1cb5_c415, // vector
    0x9972_75b5, // boolTrue
    0xbc79_9737, // boolFalse
    0x2144_ca19, // rpc_error
    0xf35c_6d01, // rpc_result
    0x3072_cfa1, // gzip_packed
    0xda9b_0d0d, // test Nest
    0x0bad_f00d, // test Leaf
    0xffff_ffff,
    0x7fff_ffff,
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        match rng.below(8) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let keep = rng.below(input.len() + 1);
                input.truncate(keep);
            }
            3 => {
                let i = rng.below(input.len() + 1);
                let byte = rng.next() as u8;
                input.insert(i, byte);
            }
            4 if input.len() >= 4 => {
                // Overwrite an aligned word with a known ID or a huge count.
                let i = rng.below(input.len() / 4) * 4;
                input[i..i + 4].copy_from_slice(&IDS[rng.below(IDS.len())].to_le_bytes());
            }
            5 if !input.is_empty() => {
                // Duplicate a chunk (grows vectors, repeats nesting).
                let a = rng.below(input.len());
                let b = a + rng.below(input.len() - a).min(64);
                let chunk = input[a..b].to_vec();
                let at = rng.below(input.len() + 1);
                input.splice(at..at, chunk);
            }
            6 => {
                let i = rng.below(input.len() + 1);
                input.splice(i..i, IDS[rng.below(IDS.len())].to_le_bytes());
            }
            _ => {
                let len = rng.below(8);
                input.extend((0..len).map(|_| rng.next() as u8));
            }
        }
    }
}

#[test]
fn seeds_decode() {
    // Every seed decodes through at least one decoder, so the mutations below
    // start from inputs that reach deep into the decoders.
    for seed in seed_corpus() {
        assert!(decode_all(&seed) > 0, "seed decodes nowhere: {seed:02x?}");
    }
}

#[test]
fn a_million_hostile_inputs() {
    const INPUTS: usize = 1_000_000;
    let seeds = seed_corpus();
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut input = Vec::with_capacity(1024);
    let mut decoded = 0usize;
    for i in 0..INPUTS {
        input.clear();
        if i % 4 == 0 {
            // Pure noise, sometimes led by a known ID.
            if rng.below(2) == 0 {
                input.extend_from_slice(&IDS[rng.below(IDS.len())].to_le_bytes());
            }
            let len = rng.below(48);
            input.extend((0..len).map(|_| rng.next() as u8));
        } else {
            input.extend_from_slice(&seeds[rng.below(seeds.len())]);
            mutate(&mut rng, &mut input);
        }
        decoded += decode_all(&input);
    }
    // Mutated valid inputs must still decode often: the run exercised the
    // success paths, not only the early rejections.
    assert!(decoded > INPUTS / 4, "only {decoded} successful decodes");
}

/// The envelope's hostile shapes, each an error or a bounded decode, never
/// a panic or an allocation the input did not pay for.
#[test]
fn hostile_envelopes() {
    use common::harness::{walk_envelope, Envelope, Message, CONTAINER_ID, COPY_ID, MESSAGE_ID};
    use tlgen_runtime::{DecodeError, Deserialize, Object, Serialize};

    // A container claiming 2^31 messages in 8 bytes.
    let mut claims = CONTAINER_ID.to_le_bytes().to_vec();
    claims.extend_from_slice(&0x8000_0000u32.to_le_bytes());
    claims.extend_from_slice(&[0; 8]);
    let err = Envelope::from_bytes(&claims);
    assert!(
        matches!(
            err,
            Err(DecodeError::LengthTooLarge {
                declared: 0x8000_0000,
                ..
            })
        ),
        "{err:?}"
    );
    // A body longer than what is left.
    let mut long_body = CONTAINER_ID.to_le_bytes().to_vec();
    long_body.extend_from_slice(&1u32.to_le_bytes());
    long_body.extend_from_slice(&[0; 12]);
    long_body.extend_from_slice(&u32::MAX.to_le_bytes());
    long_body.extend_from_slice(&[0; 4]);
    assert!(matches!(
        Envelope::from_bytes(&long_body),
        Err(DecodeError::LengthTooLarge { .. })
    ));
    // Copies of copies, 10,000 deep: a client walking them stops at its
    // own bound; the decoder itself reads one level at a time.
    let mut bytes = Envelope::Container(Vec::new()).to_bytes();
    for level in 0..10_000 {
        let mut copy = COPY_ID.to_le_bytes().to_vec();
        copy.extend_from_slice(&MESSAGE_ID.to_le_bytes());
        Message {
            msg_id: level,
            seqno: 0,
            body: Object::from_bytes(bytes).expect("boxed"),
        }
        .serialize(&mut copy);
        bytes = copy;
    }
    let object = Object::from_bytes(bytes).expect("boxed");
    assert_eq!(walk_envelope(&object, 64), Ok(64));
    // gzip inside gzip inside gzip: unpacked through, within one budget.
    let inner = Envelope::Container(Vec::new()).to_bytes();
    let mut packed = inner.clone();
    for _ in 0..3 {
        let mut gz = Vec::new();
        tlgen_runtime::gzip::write_gzip_packed(&mut gz, &packed);
        packed = gz;
    }
    let object = Object::from_bytes(packed).expect("boxed");
    assert_eq!(object.decode::<Envelope>(), Envelope::from_bytes(&inner));
}
