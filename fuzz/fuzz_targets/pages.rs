//! Feeds arbitrary text to the page reader as a method, constructor and type
//! page, then merges what it read without a schema. A panic, a hang or an
//! error without a line is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../test-support/src/front_end.rs"]
#[allow(dead_code)] // each target uses one of the entry points
mod front_end;

fuzz_target!(|data: &[u8]| {
    front_end::page(data);
});
