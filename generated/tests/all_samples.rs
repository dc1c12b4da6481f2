//! decode(encode(x)) == x for a sample value of every constructor and method
//! of whatever layer tlgen-api was generated from (and the JSON form with
//! `serde`). Run: `cargo test -p tlgen-api --features sample-values[,serde]`.
#![cfg(feature = "sample-values")]

use std::fmt::Debug;

use tlgen_api::samples::{visit_all, Json, Visitor};
use tlgen_runtime::{Deserialize, Serialize};

#[derive(Default)]
struct RoundTrip {
    count: usize,
    failures: Vec<String>,
}

impl Visitor for RoundTrip {
    fn visit<T>(&mut self, name: &str, value: T)
    where
        T: Serialize + Deserialize + Debug + PartialEq + Json,
    {
        self.count += 1;
        let bytes = value.to_bytes();
        if bytes.len() != value.serialized_len() {
            self.failures.push(format!(
                "{name}: serialized_len {} != {} bytes written",
                value.serialized_len(),
                bytes.len()
            ));
        }
        match T::from_bytes(&bytes) {
            Ok(back) if back == value => {}
            Ok(back) => self
                .failures
                .push(format!("{name}: decoded {back:?} != {value:?}")),
            Err(e) => self
                .failures
                .push(format!("{name}: {e} decoding {value:?}")),
        }
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&value).expect("to JSON");
            match serde_json::from_str::<T>(&json) {
                Ok(back) if back == value => {}
                Ok(back) => self
                    .failures
                    .push(format!("{name}: JSON {json} -> {back:?}")),
                Err(e) => self.failures.push(format!("{name}: JSON {json}: {e}")),
            }
        }
    }
}

#[test]
fn every_item_round_trips() {
    let mut rt = RoundTrip::default();
    for seed in 0..4 {
        visit_all(&mut rt, seed);
    }
    assert!(rt.count > 0);
    let shown: Vec<&String> = rt.failures.iter().take(20).collect();
    assert!(
        rt.failures.is_empty(),
        "{} of {} failed:\n{shown:#?}",
        rt.failures.len(),
        rt.count
    );
}
