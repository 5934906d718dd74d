#![allow(dead_code)] // each benchmark uses part of the generator

//! A seeded generator of large customer bases, shared by the benchmarks.
//!
//! It writes TOML and parses it, so the bases are whatever `csplan plan` would read and stay
//! valid as the input grows new keys.

use std::fmt::Write as _;

use csplan::model::Base;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// A base of `segments` segments planned over `months` months, the same for the same `seed`:
/// a mix of tiers (ARPA from $500 to $150k, log-uniform), contract terms (monthly to
/// three-year), complexities, churn (3–30% a year), expansion and growth rates,
/// with ticket and onboarding-hour inputs on some segments so the demand models run too.
pub fn base_toml(segments: usize, months: u32, seed: u64) -> String {
    generate(segments, months, seed, false)
}

/// [`base_toml`] with churn, expansion and new logos given as ranges around the same values:
/// churn triangular from 0.7× to 1.5× its most likely value, expansion triangular from 0 to
/// twice it, new logos uniform from half to one and a half times it.
pub fn ranged_base_toml(segments: usize, months: u32, seed: u64) -> String {
    generate(segments, months, seed, true)
}

fn generate(segments: usize, months: u32, seed: u64, ranged: bool) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = format!(
        "[company]\nname = \"Synthetic {segments}\"\nstart = \"2027-01\"\n\
         horizon_months = {months}\nhire_lead_months = 3\n\n[team]\ncsm = 2\n"
    );
    for i in 0..segments {
        // Log-uniform ARPA: as many tech-touch and SMB segments as enterprise ones.
        let arpa = (500f64.ln() + rng.random::<f64>() * (150_000f64 / 500.0).ln()).exp();
        // About $150k of ARR a segment: 10,000 segments make a ~$1.5B ARR company planned
        // per product line × region × tier.
        let customers = (250_000.0 / arpa * rng.random_range(0.2..1.0))
            .round()
            .max(1.0);
        let term = [1, 1, 12, 12, 24, 36][rng.random_range(0..6)];
        let complexity = ["simple", "moderate", "complex"][rng.random_range(0..3)];
        let churn: f64 = rng.random_range(0.03..0.30);
        let expansion: f64 = rng.random_range(0.0..0.20);
        let new = customers / 60.0 * rng.random_range(0.0..1.0);
        let (churn, expansion, new) = if ranged {
            (
                format!(
                    "{{ low = {:.3}, high = {:.3}, mode = {churn:.3} }}",
                    churn * 0.7,
                    (churn * 1.5).min(1.0)
                ),
                format!(
                    "{{ low = 0, high = {:.3}, mode = {expansion:.3} }}",
                    (expansion * 2.0).min(1.0)
                ),
                format!("{{ low = {:.2}, high = {:.2} }}", new * 0.5, new * 1.5),
            )
        } else {
            (
                format!("{churn:.3}"),
                format!("{expansion:.3}"),
                format!("{new:.2}"),
            )
        };
        let _ = write!(
            out,
            "\n[[segment]]\nname = \"Segment {i}\"\ncustomers = {customers}\narpa = {arpa:.0}\n\
             annual_churn = {churn}\nannual_expansion = {expansion}\nnew_per_month = {new}\n\
             new_growth = {:.2}\nterm_months = {term}\ncomplexity = \"{complexity}\"\n",
            rng.random_range(0.0..0.30),
        );
        if i % 3 == 0 {
            let _ = writeln!(
                out,
                "tickets_per_account_month = {:.2}",
                rng.random_range(0.1..2.0)
            );
        }
        if i % 4 == 0 {
            let _ = writeln!(out, "onboarding_hours = {:.0}", rng.random_range(2.0..60.0));
        }
    }
    out
}

/// [`base_toml`], parsed.
pub fn base(segments: usize, months: u32, seed: u64) -> Base {
    parse(&base_toml(segments, months, seed))
}

/// [`ranged_base_toml`], parsed.
pub fn ranged_base(segments: usize, months: u32, seed: u64) -> Base {
    parse(&ranged_base_toml(segments, months, seed))
}

fn parse(text: &str) -> Base {
    csplan::input::parse(text).expect("the generator writes valid bases")
}
