//! Feeds arbitrary bytes to every tlgen-runtime decoder (primitives, vectors,
//! `rpc_error`/`rpc_result`, `gzip_packed`, a recursive test type, `Object`
//! and the MTProto envelope), owned and borrowed (`DeserializeBorrowed`, which must agree with the owned decoder of
//! the same shape, value for value and error for error). A panic, a malformed
//! error, a disagreement or a stack overflow is a finding.
//!
//! The decoders and checks are the ones the deterministic test
//! `runtime/tests/hostile.rs` runs on a million inputs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../runtime/tests/common/harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::decode_all(data);
});
