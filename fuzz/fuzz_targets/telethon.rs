//! Feeds arbitrary text to the reader of Telethon's tables, as `methods.csv`
//! and as `errors.csv` (each beside the sample's other table), then adds what
//! it read to an API. A panic, a hang or an error without a line is a
//! finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../test-support/src/front_end.rs"]
#[allow(dead_code)] // each target uses one of the entry points
mod front_end;

fuzz_target!(|data: &[u8]| {
    front_end::telethon(data);
});
