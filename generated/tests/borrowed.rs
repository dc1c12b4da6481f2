//! The borrowed decoders (`tlgen_api::borrowed`) against the owned ones, on
//! the bytes of whatever layer tlgen-api was built from:
//!
//! * a sample value of every constructor of every type with a borrowed form
//!   (four seeds), its wire form and damaged copies of it (every prefix,
//!   bytes changed): the borrowed decode, copied into the owned form, equals
//!   the owned decode, value for value and error for error;
//! * every Telethon golden line of such a constructor
//!   (`tests/golden/telethon_v223.jsonl`), when tlgen-api was built for v223,
//!   and of the MTProto service schema's (`telethon_mtproto_v1.jsonl`) when
//!   it was built with that schema too.
//!
//! Run: `cargo test -p tlgen-api --features borrowed,sample-values`.
#![cfg(all(feature = "borrowed", feature = "sample-values"))]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

use tlgen_api::borrowed::visit_samples;
use tlgen_runtime::sample::BorrowedVisitor;
use tlgen_runtime::{DecodeError, Deserialize, Serialize};

/// Compares the two decoders on one input; returns whether it decoded.
fn same_outcome<T: Deserialize + Debug + PartialEq>(
    name: &str,
    bytes: &[u8],
    borrowed: &dyn Fn(&[u8]) -> Result<T, DecodeError>,
    failures: &mut Vec<String>,
) -> bool {
    let owned = T::from_bytes(bytes);
    let ours = borrowed(bytes);
    if ours != owned {
        failures.push(format!(
            "{name}: borrowed {ours:?} != owned {owned:?} for {bytes:02x?}"
        ));
    }
    owned.is_ok()
}

#[derive(Default)]
struct AgainstOwned {
    values: usize,
    inputs: usize,
    decoded: usize,
    failures: Vec<String>,
}

impl BorrowedVisitor for AgainstOwned {
    fn visit<T>(
        &mut self,
        name: &str,
        value: T,
        decode_borrowed: &dyn Fn(&[u8]) -> Result<T, DecodeError>,
    ) where
        T: Serialize + Deserialize + Debug + PartialEq,
    {
        self.values += 1;
        let bytes = value.to_bytes();
        match decode_borrowed(&bytes) {
            Ok(back) if back == value => {}
            other => self
                .failures
                .push(format!("{name}: borrowed decode {other:?} != {value:?}")),
        }
        // Damaged copies: every prefix (at most 64, evenly spread), and the
        // value with one byte changed at every fourth position (IDs, counts,
        // flags and lengths all sit at multiples of 4 or just after one).
        let step = (bytes.len() / 64).max(1);
        let mut damaged: Vec<Vec<u8>> = (0..bytes.len())
            .step_by(step)
            .map(|k| bytes[..k].to_vec())
            .collect();
        for at in (0..bytes.len()).step_by(4) {
            for byte in [0x00, 0xff, bytes[at] ^ 0x80] {
                let mut copy = bytes.clone();
                copy[at] = byte;
                damaged.push(copy);
            }
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[1, 2, 3, 4]);
        damaged.push(longer);
        for input in &damaged {
            self.inputs += 1;
            if same_outcome(name, input, decode_borrowed, &mut self.failures) {
                self.decoded += 1;
            }
        }
    }
}

#[test]
fn borrowed_decode_equals_owned_decode_on_every_sample() {
    let mut check = AgainstOwned::default();
    for seed in 0..4 {
        visit_samples(&mut check, seed);
    }
    assert!(check.values > 0, "no borrowed type visited");
    // The damaged inputs reached past the first check: many still decode.
    assert!(
        check.decoded > check.inputs / 20,
        "{} of {}",
        check.decoded,
        check.inputs
    );
    let shown: Vec<&String> = check.failures.iter().take(20).collect();
    assert!(
        check.failures.is_empty(),
        "{} failures:\n{shown:#?}",
        check.failures.len()
    );
    eprintln!(
        "{} sample values and {} damaged inputs ({} still decoding): borrowed == owned",
        check.values, check.inputs, check.decoded
    );
}

/// Telethon's bytes of each constructor name, and which fixture they
/// came from.
struct AgainstTelethon {
    golden: BTreeMap<String, Vec<(Fixture, Vec<u8>)>>,
    checked: BTreeMap<Fixture, usize>,
    failures: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fixture {
    Api,
    Mtproto,
}

impl BorrowedVisitor for AgainstTelethon {
    fn visit<T>(
        &mut self,
        name: &str,
        _sample: T,
        decode_borrowed: &dyn Fn(&[u8]) -> Result<T, DecodeError>,
    ) where
        T: Serialize + Deserialize + Debug + PartialEq,
    {
        let name = name.rsplit('/').next().unwrap_or(name);
        let Some(lines) = self.golden.remove(name) else {
            return;
        };
        for (fixture, bytes) in lines {
            *self.checked.entry(fixture).or_default() += 1;
            if !same_outcome(name, &bytes, decode_borrowed, &mut self.failures) {
                self.failures
                    .push(format!("{name}: Telethon's bytes do not decode"));
            }
        }
    }
}

/// The absolute docs input the build script resolved.
fn layer_docs() -> PathBuf {
    PathBuf::from(env!("TLGEN_API_DOCS"))
}

/// Whether tlgen-api was built with the MTProto service schema (its
/// schemas, read as the build script read them).
fn has_mtproto() -> bool {
    let schemas: Vec<PathBuf> = std::env::split_paths(env!("TLGEN_API_SCHEMAS")).collect();
    let loaded = tlgen::config::Config::new()
        .schemas(schemas)
        .load()
        .expect("the schemas tlgen-api was built from");
    loaded
        .api
        .types
        .iter()
        .any(|t| t.space == tlgen::ir::Space::Mtproto)
}

#[test]
fn borrowed_decode_equals_owned_decode_on_telethon_golden_bytes() {
    let docs = layer_docs();
    if !docs.ends_with("v223") {
        eprintln!(
            "NOTICE: tlgen-api was not built for v223 ({}); golden bytes not compared",
            docs.display()
        );
        return;
    }
    let mut fixtures = vec![(Fixture::Api, "telethon_v223.jsonl")];
    if has_mtproto() {
        fixtures.push((Fixture::Mtproto, "telethon_mtproto_v1.jsonl"));
    }
    let mut golden: BTreeMap<String, Vec<(Fixture, Vec<u8>)>> = BTreeMap::new();
    for &(fixture, file) in &fixtures {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/golden")
            .join(file);
        let text = std::fs::read_to_string(&path).expect("a Telethon fixture");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let json: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let name = json["name"].as_str().expect("name").to_string();
            let hex = json["hex"].as_str().expect("hex");
            golden
                .entry(name)
                .or_default()
                .push((fixture, hex_bytes(hex)));
        }
    }
    let mut check = AgainstTelethon {
        golden,
        checked: BTreeMap::new(),
        failures: Vec::new(),
    };
    visit_samples(&mut check, 0);
    let shown: Vec<&String> = check.failures.iter().take(20).collect();
    assert!(
        check.failures.is_empty(),
        "{} failures:\n{shown:#?}",
        check.failures.len()
    );
    // Of the fixtures' objects, those of constructors whose type holds a
    // string, bytes or an `Object` somewhere (the rest have no borrowed
    // form): 1266 API objects, 43 MTProto ones.
    let api = check.checked.get(&Fixture::Api).copied().unwrap_or(0);
    assert!(api >= 400, "only {api} API golden lines compared");
    let mtproto = check.checked.get(&Fixture::Mtproto).copied().unwrap_or(0);
    if fixtures.len() > 1 {
        assert!(
            mtproto >= 10,
            "only {mtproto} MTProto golden lines compared"
        );
    }
    eprintln!("{api} API and {mtproto} MTProto golden objects: borrowed decode == owned decode");
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    tlgen::tools::parse_hex(hex).expect("fixture hex")
}

/// The README's example, on Telethon's `message` objects: the text borrows
/// from the input, and the owned copy equals the owned decode.
#[cfg(not(tlgen_sample))]
#[test]
fn the_readme_example_borrows_the_text_from_the_input() {
    use tlgen_api::borrowed::enums::Message;
    use tlgen_runtime::{DeserializeBorrowed, ToOwnedValue};

    if !layer_docs().ends_with("v223") {
        eprintln!("NOTICE: tlgen-api was not built for v223; the README example not run");
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/telethon_v223.jsonl");
    let text = std::fs::read_to_string(&fixture).expect("the Telethon fixture");
    let mut texts = 0;
    for line in text.lines().filter(|l| l.contains(r#""name":"message""#)) {
        let json: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let bytes = hex_bytes(json["hex"].as_str().expect("hex"));
        let message = Message::from_bytes_borrowed(&bytes).expect("Telethon's message decodes");
        if let Message::Message(m) = &message {
            println!("{}: {}", m.id, m.message); // `m.message` is a &str into `bytes`
            let range = bytes.as_ptr_range();
            assert!(range.contains(&m.message.as_ptr()) || m.message.is_empty());
            texts += 1;
        }
        let owned: tlgen_api::enums::Message = message.to_owned_value();
        assert_eq!(Ok(owned), tlgen_api::enums::Message::from_bytes(&bytes));
    }
    assert!(texts > 0, "no `message` object in the fixture");
}

/// The README's service-layer example: an `rpc_result` decoded borrowed
/// views its result in the input, and `decode_borrowed` decodes that
/// result borrowing from the input, or from the lent buffer when it was
/// `gzip_packed`; both equal the owned decode.
#[cfg(tlgen_mtproto)]
#[test]
fn an_rpc_results_object_decodes_borrowing_from_the_input_or_the_buffer() {
    use tlgen_api::borrowed::enums::mtproto::RpcResult as RpcResultRef;
    use tlgen_api::borrowed::enums::MessageEntity as EntityRef;
    use tlgen_api::enums::mtproto::RpcResult;
    use tlgen_api::enums::MessageEntity;
    use tlgen_api::types::mtproto::RpcResult as RpcResultStruct;
    use tlgen_api::types::MessageEntityTextUrl;
    use tlgen_runtime::{DeserializeBorrowed, Object, ToOwnedValue};

    let entity = MessageEntity::from(MessageEntityTextUrl {
        offset: 1,
        length: 2,
        url: "https://core.telegram.org".into(),
    });
    let mut packed = Vec::new();
    tlgen_runtime::gzip::write_gzip_packed(&mut packed, &entity.to_bytes());
    for (body, is_packed) in [(entity.to_bytes(), false), (packed, true)] {
        let owned = RpcResult::from(RpcResultStruct {
            req_msg_id: 7,
            result: Object::from_bytes(body).expect("a boxed value"),
        });
        let bytes = owned.to_bytes();
        let input = bytes.as_ptr_range();
        let borrowed = RpcResultRef::from_bytes_borrowed(&bytes).expect("decodes");
        assert_eq!(borrowed.to_owned_value(), owned);
        let RpcResultRef::RpcResult(result) = &borrowed else {
            panic!("one constructor: {borrowed:?}");
        };
        assert!(input.contains(&result.result.as_bytes().as_ptr()));
        let mut scratch = Vec::new();
        let decoded: EntityRef<'_> = result
            .result
            .decode_borrowed(&mut scratch)
            .expect("the result decodes");
        let EntityRef::TextUrl(url) = &decoded else {
            panic!("a text URL: {decoded:?}");
        };
        assert_eq!(url.url, "https://core.telegram.org");
        assert_eq!(
            input.contains(&url.url.as_ptr()),
            !is_packed,
            "the URL borrows from the input unless packed"
        );
        assert_eq!(decoded.to_owned_value(), entity);
        assert_eq!(Ok(entity.clone()), result.result.decode::<MessageEntity>());
    }
}
