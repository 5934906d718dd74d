//! How long `csplan health` takes to read and score a large accounts file.
//!
//! `cargo bench --bench health` scores a generated file of 100,000 accounts (all signal
//! columns, a renewal date, some empty cells) with the default `[health]` settings: reading
//! the CSV, checking every cell, scoring, colouring, playbooks, phases and the per-segment
//! rollups — everything `assess` does. The README quotes the figure.

use csplan::health::{AssessOptions, Date, HealthConfig, assess};

fn main() {
    divan::main();
}

/// A deterministic accounts file of `n` rows over three segments (no randomness: the same
/// bytes on every run).
fn accounts_csv(n: usize) -> String {
    let mut csv = String::with_capacity(n * 96);
    csv.push_str(
        "account,segment,arr,usage,outcome,nps,csat,tickets,time_to_value_days,renewal_date\n",
    );
    let mut state: u64 = 0x2027_0101;
    let mut next = |modulo: u64| {
        // A linear congruential generator: varied but reproducible cells.
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % modulo
    };
    for i in 0..n {
        let segment = ["SMB", "Mid-market", "Enterprise"][next(3) as usize];
        let usage = next(101);
        let missing_nps = next(5) == 0;
        csv.push_str(&format!(
            "ACC-{i:06},{segment},{},{}.{:02},{},{},{}.{},{},{},2027-{:02}-{:02}\n",
            1_000 + next(90_000),
            usage / 100,
            usage % 100,
            if next(2) == 0 { "yes" } else { "no" },
            if missing_nps {
                String::new()
            } else {
                (next(201) as i64 - 100).to_string()
            },
            1 + next(4),
            next(10),
            next(15),
            10 + next(150),
            1 + next(12),
            1 + next(28),
        ));
    }
    csv
}

#[divan::bench(sample_count = 10)]
fn score_100k_accounts(bencher: divan::Bencher) {
    let csv = accounts_csv(100_000);
    let config = HealthConfig {
        as_of: Some(Date::new(2027, 1, 1).unwrap()),
        ..HealthConfig::default()
    };
    bencher.bench(|| {
        let report = assess(divan::black_box(&csv), &config, &AssessOptions::default()).unwrap();
        assert_eq!(report.accounts.len(), 100_000);
        report
    });
}
