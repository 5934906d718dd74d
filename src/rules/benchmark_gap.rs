//! Rule `benchmark-gap` (2m-per-csm): where a tier's accounts or ARR per CSM differ from
//! KeyBanc's by more than half, the coverage table says why in one line.

use super::{RuleId, RuleInfo, complexity};
use crate::format::{money, percent};
use crate::model::{Complexity, Stance, Tier};

/// Below this multiple of KeyBanc's figure the plan's coverage is said to differ.
pub const LOW: f64 = 0.5;
/// Above this multiple.
pub const HIGH: f64 = 2.0;
/// A cause beside the largest is named only when it moves the figure by at least this
/// multiple (or its inverse): a line says what matters, not every rounding.
pub const NAMED_CAUSE: f64 = 1.25;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::BenchmarkGap,
    id: "benchmark-gap",
    source: "2m-per-csm",
    figures: || {
        format!(
            "a tier's accounts or ARR per CSM below {LOW}× or above {HIGH}× KeyBanc 2023's (2m-per-csm: \
             enterprise {}, mid-market {}, smb {} accounts; see accounts-per-csm)",
            super::accounts_per_csm::ENTERPRISE,
            super::accounts_per_csm::MID_MARKET,
            super::accounts_per_csm::SMB_FLOOR
        )
    },
    summary: || {
        "Where a tier's coverage at the horizon's end is under half or over twice KeyBanc's, one line under \
              the coverage table says why: complexity, deal size, the stance, max_load, a shortfall, or a \
              surplus of people on staff.".to_string()
    },
    kpis: None,
};

/// One segment's book as the rules sized it, at the horizon's end.
#[derive(Debug, Clone, Copy)]
pub struct Book {
    /// Logos.
    pub customers: f64,
    /// ARR.
    pub arr: f64,
    /// Accounts one CSM carries, as the rules sized it.
    pub accounts_per_csm: f64,
    /// The rule that sized it (a segment's own `accounts_per_csm`, the tier, complexity, the
    /// 50-account ceiling).
    pub from: RuleId,
    /// Product complexity.
    pub complexity: Complexity,
}

/// A tier's coverage at the horizon's end beside KeyBanc's, with what sized it.
#[derive(Debug, Clone)]
pub struct TierCoverage {
    /// The tier.
    pub tier: Tier,
    /// CSMs serving it (its share of the team by need).
    pub csm_fte: f64,
    /// Its CSM need in FTE.
    pub need_fte: f64,
    /// KeyBanc's accounts per CSM for the tier.
    pub keybanc_accounts: Option<f64>,
    /// KeyBanc's ARR per CSM for the tier, in the plan currency.
    pub keybanc_arr: f64,
    /// Its segments' books.
    pub books: Vec<Book>,
    /// ARR one CSM covers by rule `arr-per-csm` in this stance, in the plan currency.
    pub arr_per_csm: f64,
    /// The stance planned.
    pub stance: Stance,
    /// `max_load`.
    pub max_load: f64,
}

/// What moved the coverage, and by how much (a multiple of KeyBanc's figure).
struct Cause {
    factor: f64,
    words: String,
}

fn off(ratio: f64) -> Option<&'static str> {
    if ratio < LOW {
        Some("under half")
    } else if ratio > HIGH {
        Some("over twice")
    } else {
        None
    }
}

/// The line the coverage table prints for the tier, when its accounts or ARR per CSM differ
/// from KeyBanc's by more than half; `None` when both are within.
pub fn why(c: &TierCoverage, currency: &str) -> Option<String> {
    if c.csm_fte < 0.005 || c.need_fte <= 0.0 {
        return None;
    }
    let customers: f64 = c.books.iter().map(|b| b.customers).sum();
    let arr: f64 = c.books.iter().map(|b| b.arr).sum();
    let accounts = customers / c.csm_fte;
    let arr_each = arr / c.csm_fte;
    let mut said = Vec::new();
    let mut given: Vec<String> = Vec::new();
    if let Some(k) = c.keybanc_accounts.filter(|&k| k > 0.0)
        && let Some(way) = off(accounts / k)
    {
        let found = causes(c, accounts / k, true, currency);
        let causes = said_once(found.clone(), &given);
        given.extend(found);
        let shown = if accounts >= 100.0 {
            crate::format::grouped(accounts.round() as i64)
        } else {
            format!("{accounts:.1}")
        };
        said.push(format!(
            "{shown} accounts per CSM, {way} KeyBanc's {k:.0}: {causes}"
        ));
    }
    if c.keybanc_arr > 0.0
        && let Some(way) = off(arr_each / c.keybanc_arr)
    {
        let causes = said_once(causes(c, arr_each / c.keybanc_arr, false, currency), &given);
        said.push(format!(
            "{} ARR per CSM, {way} KeyBanc's {}: {causes}",
            money(arr_each, currency),
            money(c.keybanc_arr, currency)
        ));
    }
    (!said.is_empty()).then(|| format!("{}: {}", c.tier, said.join("; ")))
}

/// The causes that move `ratio` away from 1, largest first. The plan's figure is the rules'
/// book per FTE of need (sized by complexity, deal size, the stance) times the load each CSM
/// carries (need / CSMs: max_load, a shortfall, or whole people above the need).
fn causes(c: &TierCoverage, ratio: f64, accounts: bool, currency: &str) -> Vec<String> {
    let high = ratio > 1.0;
    let mut found: Vec<Cause> = Vec::new();
    let load = c.need_fte / c.csm_fte;
    if high && load > 1.0 + 1e-6 {
        let words = if c.csm_fte * c.max_load + 1e-6 < c.need_fte {
            format!(
                "a shortfall ({:.2} CSMs for a need of {:.2} FTE)",
                c.csm_fte, c.need_fte
            )
        } else {
            format!(
                "max_load (a CSM carries up to {} of the rules' book)",
                percent(c.max_load)
            )
        };
        found.push(Cause {
            factor: load,
            words,
        });
    } else if !high && load < 1.0 - 1e-6 {
        found.push(Cause {
            factor: load,
            words: format!(
                "a surplus ({:.2} CSMs for a need of {:.2} FTE: {}, none let go)",
                c.csm_fte,
                c.need_fte,
                if c.csm_fte - c.need_fte >= 1.0 {
                    "more people on staff than the need"
                } else {
                    "whole people"
                }
            ),
        });
    }
    let customers: f64 = c.books.iter().map(|b| b.customers).sum();
    let arr: f64 = c.books.iter().map(|b| b.arr).sum();
    let arr_need: f64 = arr / c.arr_per_csm;
    let account_need: f64 = c
        .books
        .iter()
        .map(|b| b.customers / b.accounts_per_csm)
        .sum();
    let arpa = if customers > 0.0 {
        arr / customers
    } else {
        0.0
    };
    let stance = |words: &str| {
        if c.stance == Stance::Ahead {
            format!(
                "{words} (the ahead stance covers {} per CSM)",
                money(c.arr_per_csm, currency)
            )
        } else {
            words.to_string()
        }
    };
    // The book per FTE of need, against KeyBanc's.
    let book = ratio / load;
    let moves = |f: f64| (high && f > 1.0 + 1e-6) || (!high && f < 1.0 - 1e-6);
    if moves(book) {
        let words = if arr_need >= account_need {
            if accounts {
                stance(&format!(
                    "deal size ({} ARPA: the ARR rule fills a CSM at {:.0} accounts)",
                    money(arpa, currency),
                    c.arr_per_csm / arpa.max(1.0)
                ))
            } else if c.stance == Stance::Ahead {
                format!(
                    "the ahead stance ({} ARR per CSM, arr-per-csm)",
                    money(c.arr_per_csm, currency)
                )
            } else {
                format!(
                    "the stance ({} ARR per CSM, arr-per-csm)",
                    money(c.arr_per_csm, currency)
                )
            }
        } else {
            let book_size = customers / account_need;
            let mut words = Vec::new();
            // The largest book that rule `complexity` scaled.
            let scaled = c
                .books
                .iter()
                .filter(|b| b.from == RuleId::Complexity)
                .max_by(|a, b| a.customers.total_cmp(&b.customers));
            if let Some(b) = scaled {
                words.push(format!(
                    "complexity (a {} product: the book ×{})",
                    b.complexity,
                    complexity::factor(b.complexity)
                ));
            }
            if c.tier == Tier::Smb && accounts && book_size > super::accounts_per_csm::SMB_FLOOR {
                words.push(format!(
                    "deal size ({} ARPA pools {book_size:.0} accounts per CSM)",
                    money(arpa, currency)
                ));
            } else if !accounts {
                let keybanc_arpa = c
                    .keybanc_accounts
                    .filter(|&k| k > 0.0)
                    .map(|k| {
                        format!(
                            ", KeyBanc's book averages {}",
                            money(c.keybanc_arr / k, currency)
                        )
                    })
                    .unwrap_or_default();
                words.push(format!(
                    "deal size ({book_size:.1} accounts at {} ARPA{keybanc_arpa})",
                    money(arpa, currency)
                ));
            }
            if words.is_empty() {
                words.push(format!("the rules' book of {book_size:.1} accounts"));
            }
            words.join(" and ")
        };
        found.push(Cause {
            factor: book,
            words,
        });
    }
    found.sort_by(|a, b| b.factor.ln().abs().total_cmp(&a.factor.ln().abs()));
    let named = NAMED_CAUSE.ln();
    let mut first = true;
    found.retain(|c| std::mem::take(&mut first) || c.factor.ln().abs() + 1e-9 >= named);
    if found.is_empty() {
        vec!["the rules' sizing".to_string()]
    } else {
        found.into_iter().map(|c| c.words).collect()
    }
}

/// The causes as words; one the line has already given in full is named again short ("the same
/// surplus").
fn said_once(causes: Vec<String>, before: &[String]) -> String {
    causes
        .into_iter()
        .map(|c| {
            if before.contains(&c) {
                let head = c.split(" (").next().unwrap_or(&c);
                format!("the same {}", head.trim_start_matches("a "))
            } else {
                c
            }
        })
        .collect::<Vec<_>>()
        .join(", and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(tier: Tier, fte: f64, need: f64, books: Vec<Book>, stance: Stance) -> TierCoverage {
        TierCoverage {
            tier,
            csm_fte: fte,
            need_fte: need,
            keybanc_accounts: super::super::accounts_per_csm::keybanc_accounts_per_csm(tier),
            keybanc_arr: super::super::accounts_per_csm::keybanc_arr_per_csm_usd(Some(tier)),
            books,
            arr_per_csm: if stance == Stance::Ahead {
                1_000_000.0
            } else {
                2_000_000.0
            },
            stance,
            max_load: 1.2,
        }
    }

    /// 20 complex enterprise logos at $100k: a book of 14 × 0.6 = 8.4, need 2.38 FTE, 2 CSMs:
    /// 10 accounts per CSM (0.71× KeyBanc's 14, within), $1M ARR per CSM (0.38× $2.6M: under
    /// half). Why: deal size, $100k against KeyBanc's $186k, at 10 accounts.
    #[test]
    fn a_gap_is_said_with_its_cause() {
        let books = vec![Book {
            customers: 20.0,
            arr: 2_000_000.0,
            accounts_per_csm: 8.4,
            from: RuleId::Complexity,
            complexity: Complexity::Complex,
        }];
        let c = tier(
            Tier::Enterprise,
            2.0,
            20.0 / 8.4,
            books.clone(),
            Stance::Balanced,
        );
        let line = why(&c, "USD").unwrap();
        assert!(
            line.starts_with("enterprise: $1,000,000 ARR per CSM, under half KeyBanc's $2,600,000"),
            "{line}"
        );
        assert!(
            line.contains("complexity (a complex product: the book ×0.6)"),
            "{line}"
        );
        assert!(!line.contains("accounts per CSM,"), "{line}");
        // Within half: no line.
        let mid = vec![Book {
            customers: 80.0,
            arr: 1_600_000.0,
            accounts_per_csm: 40.0,
            from: RuleId::AccountsPerCsm,
            complexity: Complexity::Moderate,
        }];
        assert_eq!(
            why(
                &tier(Tier::MidMarket, 2.0, 2.0, mid, Stance::Balanced),
                "USD"
            ),
            None
        );
        // One CSM for a need of 0.3 FTE: 12 accounts (0.3× 40) — a surplus of whole people.
        let small = vec![Book {
            customers: 12.0,
            arr: 240_000.0,
            accounts_per_csm: 40.0,
            from: RuleId::AccountsPerCsm,
            complexity: Complexity::Moderate,
        }];
        let line = why(
            &tier(Tier::MidMarket, 1.0, 0.3, small, Stance::Balanced),
            "USD",
        )
        .unwrap();
        assert!(line.contains("12.0 accounts per CSM, under half KeyBanc's 40: a surplus (1.00 CSMs for a need of 0.30 FTE"), "{line}");
    }
}
