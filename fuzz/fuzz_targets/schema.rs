//! Feeds arbitrary text to the TL schema parser, then checks the IDs and
//! merges the definitions with no pages. A panic, a hang or an error without
//! a line is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../test-support/src/front_end.rs"]
#[allow(dead_code)] // each target uses one of the entry points
mod front_end;

fuzz_target!(|data: &[u8]| {
    front_end::schema(data);
});
