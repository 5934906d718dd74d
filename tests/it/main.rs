//! The integration tests, one crate built and linked once: each module is one area of csplan
//! (formats, the review, hostile input, …). The file-made cases (the fixture corpora and the
//! README's output blocks) are the other test target, `tests/cases/`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../pipeline/mod.rs"]
mod pipeline;

mod actuals;
mod budget_fit;
mod ci;
mod cli;
mod coverage;
mod diff;
mod dist;
mod extensions;
mod files;
mod formats;
mod fuzz_seeds;
mod health;
mod hostile;
mod invariants;
mod keys;
mod layers;
mod messages;
mod mutations;
mod organisation;
mod output_safety;
mod periods;
mod review;
mod roundtrip;
mod rules_v2;
mod safety;
mod scaffold;
mod schemas;
mod simulate;
mod sources;
mod v3_rule_files;
mod versions;
mod widths;
mod work;
mod workforce;
mod xlsx;
