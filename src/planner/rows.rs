//! The timeline rows, totals and benchmarks, from the projected state and the staffing.

use std::sync::Arc;

use super::staffing::Staffing;
use super::state::{BaseState, Keep, SegmentDetail, last_year_from};
use crate::format::{fte_up, round_money, round_to};
use crate::model::{Base, Role, Stance, Tier};
use crate::month::Calendar;
use crate::plan::segments::trailing_retention;
use crate::plan::{Benchmark, ByRole, Row, SegmentTable, Segments, Totals};
use crate::rules::cost_lines::{self, PnlLine};
use crate::rules::{
    accounts_per_csm, benchmark_gap, churn_alarm, coverage_response, from_usd, max_load,
    onboarding_demand, roi, spend_cap,
};

/// Trailing window for logo churn, in months.
const TRAILING: usize = 12;

/// Logos lost per month over the twelve months to `t`: `Σ churned / Σ logos at the start of
/// each month`.
fn trailing_logo_churn(customers: &[f64], churned: &[f64], t: usize) -> f64 {
    let first = t.saturating_sub(TRAILING - 1).max(1);
    let lost: f64 = churned[first..=t].iter().sum();
    let exposed: f64 = customers[first - 1..t].iter().sum();
    if exposed > 0.0 { lost / exposed } else { 0.0 }
}

/// Rule `coverage-response`: per month 0..=months, the coverage of the CSM need by the CSMs in
/// post (ramping CSMs at their share, at max_load), and whether any ARR counts as at risk: not
/// before the stance's first-CSM gate is due, when the coverage is the start's.
pub fn coverage(state: &BaseState, staffing: &Staffing) -> Vec<(f64, bool)> {
    let raw = |t: usize| {
        coverage_response::coverage(
            f64::from(staffing.staff.csm[t]) - staffing.ramping_csm[t],
            state.csm_need[t],
            state.max_load,
        )
    };
    let start = raw(0);
    (0..staffing.staff.csm.len())
        .map(|t| {
            if staffing.rules_csm[t] > 0 {
                (raw(t), true)
            } else {
                (start, false)
            }
        })
        .collect()
}

/// "One way to count" (SPEC v3): month `t` is short when the CSMs in post (ramping CSMs at
/// their share) at max_load carry less than the need, or fewer are in post than the rules call
/// for; never before the stance's first-CSM gate is due. The rows' `understaffed`, and every
/// count of months short (the budget fit's among them), read this.
pub fn understaffed(state: &BaseState, staffing: &Staffing, t: usize) -> bool {
    let csm = staffing.staff.csm[t];
    max_load::understaffed(
        f64::from(csm) - staffing.ramping_csm[t],
        if staffing.rules_csm[t] > 0 {
            state.csm_need[t]
        } else {
            0.0
        },
        state.max_load,
    ) || csm < staffing.rules_csm[t]
}

/// One row per month 1..=horizon, without its per-segment rows (see [`segment_table`]).
pub fn monthly_rows(
    base: &Base,
    state: &BaseState,
    staffing: &Staffing,
    horizon: u32,
    calendar: Calendar,
) -> Vec<Row> {
    let flows = &state.flows;
    let company = &base.company;
    let salaries = &base.salaries;
    let covered = coverage(state, staffing);
    let fees = base.segments.iter().any(|s| s.onboarding_fee > 0.0);
    (1..=horizon as usize)
        .map(|t| {
            let (share, due) = covered[t];
            let uncovered = if due { 1.0 - share } else { 0.0 };
            let staff = ByRole::from_fn(|role| staffing.staff.get_ref(role)[t]);
            let exact = monthly_cost(base, staffing, t);
            let cost = ByRole::from_fn(|role| round_money(exact.get(role)));
            let line = |wanted: PnlLine| -> f64 {
                Role::ALL
                    .iter()
                    .filter(|&&r| cost_lines::cost_line(r) == wanted)
                    .map(|&r| exact.get(r))
                    .sum()
            };
            let cs_cost_exact: f64 = Role::ALL.iter().map(|&r| exact.get(r)).sum();
            let arr = state.arr[t];
            let ratio = spend_cap::csm_spend_ratio(staff.csm, salaries.of(Role::Csm), arr);
            let (grr, nrr) =
                trailing_retention(&state.arr, &flows.churned_arr, &flows.expanded_arr, t);
            let logo_churn = trailing_logo_churn(&state.customers, &flows.churned_logos, t);
            let revenue_churn = churn_alarm::revenue_churn(flows.churned_arr[t], state.arr[t - 1]);
            // People joining in a role this month; promotions are counted apart.
            let new_hires: u32 = Role::ALL
                .iter()
                .map(|&r| staffing.starts.get_ref(r)[t])
                .sum();
            let support_cost_exact = exact.support;
            let premium_arr = base.support.premium_attach.map(|p| p * arr);
            let gross_margin = company.hosting_cost_ratio.and_then(|hosting| {
                let revenue = (arr + premium_arr.unwrap_or(0.0)) / 12.0;
                spend_cap::has_arr(arr)
                    .then(|| (revenue - hosting * arr / 12.0 - support_cost_exact) / revenue)
                    .filter(|g| g.abs() <= crate::MAX_ARR)
            });
            Row {
                period: calendar.month_label(t as u32),
                month: t as u32,
                period_months: 1,
                partial: false,
                customers: round_to(state.customers[t], 2),
                arr: round_money(arr),
                churned_arr: round_money(flows.churned_arr[t]),
                expanded_arr: round_money(flows.expanded_arr[t]),
                new_arr: round_money(flows.new_arr[t]),
                csm_need_fte: fte_up(state.csm_need[t]),
                csm: staff.csm,
                support: staff.support,
                onboarding: staff.onboarding,
                lead: staff.lead,
                managers: staff.manager,
                ramping_csm_fte: round_to(staffing.ramping_csm[t], 2),
                leavers: Role::ALL
                    .iter()
                    .map(|&r| staffing.leavers.get_ref(r)[t])
                    .sum(),
                backfills: Role::ALL
                    .iter()
                    .map(|&r| staffing.backfill_starts.get_ref(r)[t])
                    .sum(),
                new_hires,
                promotions: staffing.promotions[t],
                arr_at_risk: round_money(coverage_response::at_risk(
                    state.covered_arr[t],
                    1.0 - uncovered,
                )),
                churned_arr_at_risk: round_money(coverage_response::at_risk(
                    state.covered_churn_per_year[t],
                    1.0 - uncovered,
                )),
                cs_cost: round_money(cs_cost_exact),
                csm_spend_ratio: ratio.map(|r| round_to(r, 4)),
                over_cap: spend_cap::over_cap(ratio, company.csm_spend_cap),
                support_need_fte: staffing.support_need.as_ref().map(|n| fte_up(n[t])),
                onboarding_need_fte: staffing.onboarding_need.as_ref().map(|n| fte_up(n[t])),
                cost,
                cost_exact: crate::plan::Unrounded(Some(exact)),
                cogs: round_money(line(PnlLine::Cogs)),
                sales_marketing: round_money(line(PnlLine::SalesMarketing)),
                cs_cost_ratio: spend_cap::has_arr(arr)
                    .then(|| spend_cap::bounded_ratio(cs_cost_exact * 12.0, arr))
                    .flatten()
                    .map(|r| round_to(r, 4)),
                grr: round_to(grr, 4),
                nrr: round_to(nrr, 4),
                logo_churn_rate: round_to(logo_churn, 4),
                revenue_churn: round_to(revenue_churn, 4),
                churn_alarm: churn_alarm::churn_alarm(revenue_churn),
                understaffed: understaffed(state, staffing, t),
                breakeven_ratio: spend_cap::bounded_ratio(
                    state.churned_arr_per_year[t],
                    cs_cost_exact * 12.0,
                )
                .map(|r| round_to(r, 4)),
                roi: roi::roi(
                    flows.churned_arr[t],
                    flows.expanded_arr[t],
                    company.cs_churn_reduction,
                    company.cs_expansion_share,
                    cs_cost_exact,
                )
                .map(|r| round_to(r, 4)),
                gross_margin: gross_margin.map(|g| round_to(g, 4)),
                premium_support_arr: premium_arr.map(round_money),
                services_revenue: fees.then(|| round_money(state.services_revenue[t])),
                onboarding_margin: fees.then(|| {
                    onboarding_demand::margin(
                        round_money(state.services_revenue[t]),
                        cost.onboarding,
                    )
                }),
                segments: Segments::default(),
            }
        })
        .collect()
}

/// Gives the timeline its per-segment rows from what the state kept of them: the segments'
/// series ([`SegmentTable`], kept once for the whole plan), whole or from the first month the
/// last twelve months' rows read; every row is computed from them when it is read.
pub fn attach_segments(
    state: BaseState,
    timeline: &mut [Row],
    keep: Keep,
    coverage: Vec<(f64, bool)>,
) {
    let first = match keep.segments {
        SegmentDetail::None => return,
        SegmentDetail::Series => 1,
        SegmentDetail::LastYear => last_year_from(keep.horizon),
    };
    let coverage: Arc<[(f64, bool)]> = coverage.into();
    let table: SegmentTable = state
        .segments
        .into_iter()
        .filter_map(|s| s.series)
        .map(|mut s| {
            s.coverage = Some(coverage.clone());
            s
        })
        .collect();
    for row in timeline.iter_mut().filter(|r| r.month >= first) {
        row.segments = Segments::month(table.clone(), row.month as usize);
    }
}

/// Cost of each role in month `t` (a twelfth of its yearly loaded cost), unrounded.
fn monthly_cost(base: &Base, staffing: &Staffing, t: usize) -> ByRole<f64> {
    ByRole::from_fn(|role| staffing.yearly_cost(base, role, t) / 12.0)
}

/// Sums over the horizon of unrounded monthly figures, each rounded once, and the end state.
pub fn totals(base: &Base, state: &BaseState, staffing: &Staffing, rows: &[Row]) -> Totals {
    let flows = &state.flows;
    let horizon = rows.len();
    let months = 1..=horizon;
    let costs: Vec<ByRole<f64>> = months
        .clone()
        .map(|t| monthly_cost(base, staffing, t))
        .collect();
    let by_role = |role: Role| costs.iter().map(|c| c.get(role)).sum::<f64>();
    let line = |wanted: PnlLine| -> f64 {
        Role::ALL
            .iter()
            .filter(|&&r| cost_lines::cost_line(r) == wanted)
            .map(|&r| by_role(r))
            .sum()
    };
    let cs_cost: f64 = Role::ALL.iter().map(|&r| by_role(r)).sum();
    let sum = |series: &[f64]| months.clone().map(|t| series[t]).sum::<f64>();
    let churned_arr = sum(&flows.churned_arr);
    let expanded_arr = sum(&flows.expanded_arr);
    let last = rows.last();
    let company = &base.company;
    Totals {
        cs_cost: round_money(cs_cost),
        cost: ByRole::from_fn(|role| round_money(by_role(role))),
        cogs: round_money(line(PnlLine::Cogs)),
        sales_marketing: round_money(line(PnlLine::SalesMarketing)),
        hires: ByRole::from_fn(|role| staffing.starts.get_ref(role)[1..=horizon].iter().sum()),
        requisitions: staffing.requisitions,
        periods_over_cap: rows.iter().filter(|r| r.over_cap).count() as u32,
        start_arr: round_money(state.arr[0]),
        end_arr: last.map_or(0, |r| r.arr),
        end_customers: last.map_or(0.0, |r| r.customers),
        churned_arr: round_money(churned_arr),
        expanded_arr: round_money(expanded_arr),
        new_arr: round_money(sum(&flows.new_arr)),
        roi: roi::roi(
            churned_arr,
            expanded_arr,
            company.cs_churn_reduction,
            company.cs_expansion_share,
            cs_cost,
        )
        .map(|r| round_to(r, 4)),
        shortfall_arr_cost: None,
    }
}

/// KeyBanc 2023 via 2m-per-csm, as rule `accounts-per-csm` and the coverage figures hold them:
/// accounts (none for the overall line) and ARR in USD one CSM covers.
pub fn keybanc(tier: Option<Tier>) -> (Option<f64>, f64) {
    (
        tier.and_then(accounts_per_csm::keybanc_accounts_per_csm),
        accounts_per_csm::keybanc_arr_per_csm_usd(tier),
    )
}

/// The plan's coverage per tier at the horizon end, beside KeyBanc 2023. A tier's CSMs are
/// its share of the team by need.
pub fn benchmarks(
    base: &Base,
    state: &BaseState,
    staffing: &Staffing,
    horizon: u32,
    stance: Stance,
) -> Vec<Benchmark> {
    let t = horizon as usize;
    let csms = f64::from(staffing.staff.csm[t]);
    let usd_rate = base.company.usd_rate;
    let served: Vec<_> = state
        .segments
        .iter()
        .filter(|s| s.accounts_per_csm.is_some())
        .collect();
    let total_need: f64 = served.iter().map(|s| s.at_horizon.csm_need).sum();
    let line = |tier: Option<Tier>, fte: f64, customers: f64, arr: f64| {
        let (accounts, arr_usd) = keybanc(tier);
        Benchmark {
            tier,
            csm_fte: round_to(fte, 2),
            // Less than 0.005 FTE prints as 0: no one to carry a book.
            accounts_per_csm: (fte >= 0.005).then(|| round_to(customers / fte, 2)),
            keybanc_accounts_per_csm: accounts,
            arr_per_csm: (fte >= 0.005).then(|| round_money(arr / fte)),
            keybanc_arr_per_csm: round_money(from_usd(arr_usd, usd_rate)),
            gap: None,
        }
    };
    let mut out: Vec<Benchmark> = [Tier::Enterprise, Tier::MidMarket, Tier::Smb]
        .iter()
        .filter_map(|&tier| {
            let in_tier: Vec<_> = served.iter().filter(|s| s.tier == tier).collect();
            if in_tier.is_empty() {
                return None;
            }
            let need: f64 = in_tier.iter().map(|s| s.at_horizon.csm_need).sum();
            let fte = if total_need > 0.0 {
                csms * need / total_need
            } else {
                0.0
            };
            let customers = in_tier.iter().map(|s| s.at_horizon.customers).sum();
            let arr = in_tier.iter().map(|s| s.at_horizon.arr).sum();
            let mut b = line(Some(tier), fte, customers, arr);
            let coverage = benchmark_gap::TierCoverage {
                tier,
                csm_fte: fte,
                need_fte: need,
                keybanc_accounts: b.keybanc_accounts_per_csm,
                keybanc_arr: from_usd(keybanc(Some(tier)).1, usd_rate),
                books: in_tier
                    .iter()
                    .filter_map(|s| {
                        let (accounts_per_csm, from) = s.accounts_per_csm?;
                        Some(benchmark_gap::Book {
                            customers: s.at_horizon.customers,
                            arr: s.at_horizon.arr,
                            accounts_per_csm,
                            from,
                            complexity: s.segment.complexity,
                        })
                    })
                    .collect(),
                arr_per_csm: state.arr_per_csm,
                stance,
                max_load: state.max_load,
            };
            b.gap = benchmark_gap::why(&coverage, &base.company.currency);
            Some(b)
        })
        .collect();
    let customers = served.iter().map(|s| s.at_horizon.customers).sum();
    let arr = served.iter().map(|s| s.at_horizon.arr).sum();
    out.push(line(None, csms, customers, arr));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A summary is the plan with the segment rows of its last twelve months only: the same
    /// figures, the same last period of any length, the same table.
    #[test]
    fn a_summary_is_the_plan_with_only_its_last_year_of_segment_rows() {
        let base = crate::input::parse(
            "[company]\nname = \"A\"\nstart = \"2027-02\"\nhorizon_months = 30\n\
             [[segment]]\nname = \"SMB\"\ncustomers = 120\narpa = 9000\nannual_churn = 0.3\n\
             new_per_month = 4\n[[segment]]\nname = \"Big\"\ncustomers = 30\narpa = 60000\n\
             annual_churn = 0.05\nannual_expansion = 0.1\n",
        )
        .unwrap();
        let options = crate::PlanOptions::default();
        let full = crate::plan(&base, &options).unwrap();
        let summary = crate::plan_summary(&base, &options).unwrap();
        assert_eq!(full.timeline.len(), summary.timeline.len());
        for (f, s) in full.timeline.iter().zip(&summary.timeline) {
            if f.month >= 19 {
                assert_eq!(f.segments, s.segments, "month {}", f.month);
                assert_eq!(s.segments.len(), 2);
            } else {
                assert!(s.segments.is_empty(), "month {}", f.month);
            }
        }
        let without_segments = |plan: &crate::plan::Plan| {
            let mut plan = plan.clone();
            plan.timeline.iter_mut().for_each(|r| r.segments.clear());
            plan
        };
        assert_eq!(without_segments(&full), without_segments(&summary));
        for kind in [
            crate::plan::PeriodKind::Quarter,
            crate::plan::PeriodKind::Year,
        ] {
            assert_eq!(
                full.by_period(kind).timeline.last(),
                summary.by_period(kind).timeline.last()
            );
        }
        assert_eq!(
            crate::render::render_table(&full),
            crate::render::render_table(&summary)
        );
    }

    #[test]
    fn trailing_logo_churn_is_lost_over_exposed() {
        let customers = vec![100.0, 98.0, 96.0];
        let churned = vec![0.0, 2.0, 2.0];
        // (2 + 2) / (100 + 98)
        assert!((trailing_logo_churn(&customers, &churned, 2) - 4.0 / 198.0).abs() < 1e-12);
    }
}
