//! The integration tests, one crate built and linked once: each module is one area of csplan
//! (formats, the review, hostile input, …). The file-made cases (the fixture corpora and the
//! README's output blocks) are the other test target, `tests/cases/`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../pipeline/mod.rs"]
mod pipeline;

mod budget_fit;
mod ci;
mod cli;
mod diff;
mod dist;
mod extensions;
mod formats;
mod health;
mod hostile;
mod invariants;
mod keys;
mod layers;
mod mutations;
mod organisation;
mod output_safety;
mod periods;
mod review;
mod roundtrip;
mod rules_v2;
mod safety;
mod scaffold;
mod simulate;
mod sources;
mod versions;
mod workforce;
mod xlsx;
