//! bytes → a saved JSON plan as `csplan diff` reads it → checked, compared with itself and
//! rendered, with the checks of `tests/pipeline/mod.rs` (shared with the mutation tests).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/pipeline/mod.rs"]
mod pipeline;

fuzz_target!(|bytes: &[u8]| {
    pipeline::run_saved_plan(bytes);
});
