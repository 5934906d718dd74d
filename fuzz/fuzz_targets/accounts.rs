//! bytes → an accounts CSV as `csplan health` and `plan --accounts` read it → scored, rendered
//! and planned with `examples/growth.toml`, with the checks of `tests/pipeline/mod.rs`.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/pipeline/mod.rs"]
mod pipeline;

/// The base the accounts are planned with, read once.
fn base() -> &'static csplan::model::Base {
    static BASE: OnceLock<csplan::model::Base> = OnceLock::new();
    BASE.get_or_init(|| {
        csplan::input::parse(include_str!("../../examples/growth.toml")).expect("the example")
    })
}

fuzz_target!(|bytes: &[u8]| {
    pipeline::run_accounts(bytes, base());
});
