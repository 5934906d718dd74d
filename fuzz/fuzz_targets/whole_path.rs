//! bytes → TOML → plan → every renderer, monthly and quarterly, with the checks of
//! `tests/pipeline/mod.rs` (shared with the stable mutation tests).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/pipeline/mod.rs"]
mod pipeline;

fuzz_target!(|bytes: &[u8]| {
    pipeline::run(bytes);
});
