//! The timeline rows, totals and benchmarks, from the projected state and the staffing.

use super::staffing::Staffing;
use super::state::BaseState;
use crate::format::{fte_up, round_money, round_to};
use crate::model::{Base, Role, Tier};
use crate::month::Calendar;
use crate::plan::{Benchmark, ByRole, Row, SegmentRow, Totals};
use crate::rules::cost_lines::{self, PnlLine};
use crate::rules::{accounts_per_csm, churn_alarm, from_usd, max_load, roi, spend_cap};

/// Trailing window for retention and churn rates, in months.
const TRAILING: usize = 12;

/// Gross and net revenue retention of one series (the base's or a segment's): trailing twelve
/// months, chain-linked from monthly rates (`1 − churned / ARR` and
/// `1 − churned / ARR + expanded / ARR` of the month before). Before month 12 the months so far
/// are annualised; months without ARR count as 1. The monthly factors are computed once, so
/// each month's window only multiplies: a plan asks for every month of every segment.
struct Retention {
    /// `max(0, 1 − churned / ARR before)` per month; 1 for a month that starts without ARR.
    gross: Vec<f64>,
    /// `max(0, 1 − churned / ARR before + expanded / ARR before)`; likewise.
    net: Vec<f64>,
}

impl Retention {
    fn new(arr: &[f64], churned: &[f64], expanded: &[f64]) -> Self {
        let mut gross = vec![1.0; arr.len()];
        let mut net = vec![1.0; arr.len()];
        for k in 1..arr.len() {
            let before = arr[k - 1];
            if before > 0.0 {
                gross[k] = (1.0 - churned[k] / before).max(0.0);
                net[k] = (1.0 - churned[k] / before + expanded[k] / before).max(0.0);
            }
        }
        Self { gross, net }
    }

    /// GRR and NRR over the twelve months to `t`.
    fn trailing(&self, t: usize) -> (f64, f64) {
        let first = t.saturating_sub(TRAILING - 1).max(1);
        let (mut gross, mut net) = (1.0, 1.0);
        for k in first..=t {
            gross *= self.gross[k];
            net *= self.net[k];
        }
        let window = (t + 1 - first) as f64;
        if window < TRAILING as f64 {
            let power = TRAILING as f64 / window;
            (gross.powf(power), net.powf(power))
        } else {
            (gross, net)
        }
    }
}

/// Logos lost per month over the twelve months to `t`: `Σ churned / Σ logos at the start of
/// each month`.
fn trailing_logo_churn(customers: &[f64], churned: &[f64], t: usize) -> f64 {
    let first = t.saturating_sub(TRAILING - 1).max(1);
    let lost: f64 = churned[first..=t].iter().sum();
    let exposed: f64 = customers[first - 1..t].iter().sum();
    if exposed > 0.0 { lost / exposed } else { 0.0 }
}

/// Sums of every segment's flows, per month.
struct Flows {
    churned_arr: Vec<f64>,
    expanded_arr: Vec<f64>,
    new_arr: Vec<f64>,
    churned_logos: Vec<f64>,
}

impl Flows {
    fn new(state: &BaseState) -> Self {
        let len = state.months as usize + 1;
        let mut f = Flows {
            churned_arr: vec![0.0; len],
            expanded_arr: vec![0.0; len],
            new_arr: vec![0.0; len],
            churned_logos: vec![0.0; len],
        };
        for s in &state.segments {
            let p = &s.projection;
            for t in 0..len {
                f.churned_arr[t] += p.churned_arr[t];
                f.expanded_arr[t] += p.expanded_arr[t];
                f.new_arr[t] += p.new_arr[t];
                f.churned_logos[t] += p.churned_logos[t];
            }
        }
        f
    }
}

/// One row per month 1..=horizon; with `segments`, each with a row per segment.
pub fn monthly_rows(
    base: &Base,
    state: &BaseState,
    staffing: &Staffing,
    horizon: u32,
    calendar: Calendar,
    segments: bool,
) -> Vec<Row> {
    let flows = Flows::new(state);
    let company = &base.company;
    let salaries = &base.salaries;
    let base_retention = Retention::new(&state.arr, &flows.churned_arr, &flows.expanded_arr);
    let mut rows: Vec<Row> = (1..=horizon as usize)
        .map(|t| {
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
            let (grr, nrr) = base_retention.trailing(t);
            let logo_churn = trailing_logo_churn(&state.customers, &flows.churned_logos, t);
            let revenue_churn = churn_alarm::revenue_churn(flows.churned_arr[t], state.arr[t - 1]);
            // People starting in a role this month, a promotion into the lead role included.
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
                understaffed: max_load::understaffed(
                    f64::from(staff.csm) - staffing.ramping_csm[t],
                    if staffing.rules_csm[t] > 0 {
                        state.csm_need[t]
                    } else {
                        0.0
                    },
                    state.max_load,
                ) || staff.csm < staffing.rules_csm[t],
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
                segments: Vec::with_capacity(if segments { state.segments.len() } else { 0 }),
            }
        })
        .collect();
    if !segments {
        return rows;
    }
    // Segment by segment, so that each one's series are read once, in order.
    for s in &state.segments {
        let p = &s.projection;
        let retention = Retention::new(&p.arr, &p.churned_arr, &p.expanded_arr);
        // One shared name per segment, not one string per row.
        let name: std::sync::Arc<str> = s.segment.name.as_str().into();
        for (row, t) in rows.iter_mut().zip(1..) {
            let (grr, nrr) = retention.trailing(t);
            row.segments.push(SegmentRow {
                name: name.clone(),
                customers: round_to(p.customers[t], 2),
                arr: round_money(p.arr[t]),
                csm_need_fte: fte_up(s.csm_need[t]),
                churned_arr: round_money(p.churned_arr[t]),
                expanded_arr: round_money(p.expanded_arr[t]),
                new_arr: round_money(p.new_arr[t]),
                grr: round_to(grr, 4),
                nrr: round_to(nrr, 4),
            });
        }
    }
    rows
}

/// Cost of each role in month `t` (a twelfth of its yearly loaded cost), unrounded.
fn monthly_cost(base: &Base, staffing: &Staffing, t: usize) -> ByRole<f64> {
    ByRole::from_fn(|role| staffing.yearly_cost(base, role, t) / 12.0)
}

/// Sums over the horizon of unrounded monthly figures, each rounded once, and the end state.
pub fn totals(base: &Base, state: &BaseState, staffing: &Staffing, rows: &[Row]) -> Totals {
    let flows = Flows::new(state);
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
) -> Vec<Benchmark> {
    let t = horizon as usize;
    let csms = f64::from(staffing.staff.csm[t]);
    let usd_rate = base.company.usd_rate;
    let served: Vec<_> = state
        .segments
        .iter()
        .filter(|s| s.accounts_per_csm.is_some())
        .collect();
    let total_need: f64 = served.iter().map(|s| s.csm_need[t]).sum();
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
        }
    };
    let mut out: Vec<Benchmark> = [Tier::Enterprise, Tier::MidMarket, Tier::Smb]
        .iter()
        .filter_map(|&tier| {
            let in_tier: Vec<_> = served.iter().filter(|s| s.tier == tier).collect();
            if in_tier.is_empty() {
                return None;
            }
            let need: f64 = in_tier.iter().map(|s| s.csm_need[t]).sum();
            let fte = if total_need > 0.0 {
                csms * need / total_need
            } else {
                0.0
            };
            let customers = in_tier.iter().map(|s| s.projection.customers[t]).sum();
            let arr = in_tier.iter().map(|s| s.projection.arr[t]).sum();
            Some(line(Some(tier), fte, customers, arr))
        })
        .collect();
    let customers = served.iter().map(|s| s.projection.customers[t]).sum();
    let arr = served.iter().map(|s| s.projection.arr[t]).sum();
    out.push(line(None, csms, customers, arr));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_over_a_full_year_is_the_product_of_months() {
        // ARR 100 every month, 1 churned and 2 expanded each month: GRR = 0.99^12,
        // NRR = 1.01^12.
        let arr = vec![100.0; 13];
        let churned = vec![1.0; 13];
        let expanded = vec![2.0; 13];
        let retention = Retention::new(&arr, &churned, &expanded);
        let (g, n) = retention.trailing(12);
        assert!((g - 0.99f64.powi(12)).abs() < 1e-12);
        assert!((n - 1.01f64.powi(12)).abs() < 1e-12);
        // After three months, annualised: (0.99^3)^(12/3) = 0.99^12.
        let (g3, _) = retention.trailing(3);
        assert!((g3 - 0.99f64.powi(12)).abs() < 1e-12);
    }

    #[test]
    fn trailing_logo_churn_is_lost_over_exposed() {
        let customers = vec![100.0, 98.0, 96.0];
        let churned = vec![0.0, 2.0, 2.0];
        // (2 + 2) / (100 + 98)
        assert!((trailing_logo_churn(&customers, &churned, 2) - 4.0 / 198.0).abs() < 1e-12);
    }
}
