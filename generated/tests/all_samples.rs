//! decode(encode(x)) == x for a sample value of every constructor and method
//! of whatever layer tlgen-api was generated from (and the JSON form with
//! `serde`). Run: `cargo test -p tlgen-api --features sample-values[,serde]`.
#![cfg(feature = "sample-values")]

use std::fmt::Debug;

use tlgen_api::samples::{visit_all, Json, Visitor};
use tlgen_runtime::{Deserialize, Serialize};
use tlgen_test_support::Failures;

#[derive(Default)]
struct RoundTrip {
    count: usize,
    failures: Failures,
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
        self.failures
            .check_eq(&format!("{name}: decoded"), T::from_bytes(&bytes), &value);
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&value).expect("to JSON");
            let back = serde_json::from_str::<T>(&json);
            self.failures
                .check_eq(&format!("{name}: JSON {json}"), back, &value);
        }
    }
}

#[test]
fn every_item_round_trips() {
    let mut rt = RoundTrip::default();
    for seed in 0..4 {
        visit_all(&mut rt, seed);
    }
    rt.failures.assert_none(rt.count, "round trips");
}
