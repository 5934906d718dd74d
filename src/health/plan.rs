//! Rule `health-churn` in the plan: `plan --accounts` replaces each matching segment's typed
//! churn with the churn its colour mix implies, plans again, and marks every hire that moved
//! against the plan from the typed churn.

use std::collections::BTreeMap;

use super::report::HealthReport;
use crate::format::{percent, round_to};
use crate::model::{Base, Role};
use crate::plan::health::{
    ByColour, ChurnSource, HireChange, HireMove, PlanHealth, PlanHealthSegment,
};
use crate::plan::{Hire, Plan, Warning, WarningKind};
use crate::projection::monthly_from_annual;
use crate::rules::RuleId;
use crate::{PlanError, PlanOptions};

/// Plans `base` with each segment's churn implied by its accounts in `report` (segments match
/// by name, case-insensitively); a segment without accounts keeps its typed churn, with a
/// warning. Hires are compared with the plan from the typed churn and marked where they moved.
pub fn plan_with_accounts(
    base: &Base,
    options: &PlanOptions,
    report: &HealthReport,
) -> Result<Plan, PlanError> {
    let typed = crate::plan(base, options)?;
    let mut adjusted = base.clone();
    let mut segments = Vec::with_capacity(base.segments.len());
    for segment in &mut adjusted.segments {
        let typed_annual_churn = round_to(segment.annual_churn(), 4);
        let found = report
            .segments
            .iter()
            .find(|h| super::accounts::same_name(&h.name, &segment.name));
        if let Some(h) = found {
            segment.monthly_churn = monthly_from_annual(h.rollup.implied_annual_churn);
        }
        let r = found.map(|h| &h.rollup);
        segments.push(PlanHealthSegment {
            name: segment.name.clone(),
            source: if found.is_some() {
                ChurnSource::Accounts
            } else {
                ChurnSource::Typed
            },
            accounts: r.map_or(0, |r| r.accounts),
            accounts_arr: r.map_or(0, |r| r.arr),
            colours: ByColour {
                green: r.map_or(0, |r| r.colours.green.accounts),
                yellow: r.map_or(0, |r| r.colours.yellow.accounts),
                red: r.map_or(0, |r| r.colours.red.accounts),
            },
            arr_at_risk: r.map_or(0, |r| r.arr_at_risk),
            typed_annual_churn,
            implied_annual_churn: r.map(|r| r.implied_annual_churn),
        });
    }
    let coverage = coverage(&adjusted, options, report, &typed)?;
    let (mut plan, _) = crate::planner::plan_with_coverage(&adjusted, options, Some(&coverage))?;
    for (assumption, health) in plan.assumptions.segments.iter_mut().zip(&segments) {
        assumption.typed_annual_churn = Some(health.typed_annual_churn);
        assumption.churn_source = Some(health.source);
    }
    for s in segments.iter().filter(|s| s.source == ChurnSource::Typed) {
        plan.warnings.push(Warning {
            rule: RuleId::HealthChurn,
            kind: WarningKind::Assumption,
            period: None,
            message: format!(
                "segment \"{}\" has no accounts in the accounts file: it keeps its typed churn of {} a year",
                s.name,
                percent(s.typed_annual_churn)
            ),
        });
    }
    name_concentrated_accounts(base, report, &mut plan);
    let hires_removed = mark_moved_hires(&typed.hires, &mut plan.hires);
    let count = |m: fn(HireMove) -> bool| {
        plan.hires
            .iter()
            .filter(|h| h.health.as_ref().is_some_and(|c| m(c.change)))
            .count() as u32
    };
    let health = PlanHealth {
        as_of: report.as_of.clone(),
        churn_by_colour: report.settings.churn,
        segments,
        hires_moved: count(|m| m != HireMove::Added),
        hires_added: count(|m| m == HireMove::Added),
        hires_removed,
    };
    plan.health = Some(health);
    Ok(plan)
}

/// Rule `concentration` with an accounts file: the accounts of the segments the file covers are
/// named with their own ARR, in place of their segment's ARPA; a segment the file does not
/// cover keeps its logos at its ARPA. One warning, as without the file.
fn name_concentrated_accounts(base: &Base, report: &HealthReport, plan: &mut Plan) {
    use crate::rules::concentration::{self, Holder};
    let covered = |name: &str| {
        report
            .segments
            .iter()
            .any(|h| super::accounts::same_name(&h.name, name))
    };
    let last = plan.timeline.last();
    let end_arr = last.map_or(0.0, |r| r.arr as f64);
    let mut holders: Vec<Holder> = report
        .accounts
        .iter()
        .map(|a| Holder {
            name: a.account.clone(),
            account: true,
            logos: 1,
            arr_each: a.arr as f64,
            share_at_end: None,
        })
        .collect();
    for s in base.segments.iter().filter(|s| !covered(&s.name)) {
        let at_end = last.and_then(|r| r.segments.iter().find(|x| *x.name == *s.name));
        holders.push(Holder {
            name: s.name.clone(),
            account: false,
            logos: if s.customers >= 1.0 {
                s.customers.floor().min(f64::from(u32::MAX)) as u32
            } else {
                0
            },
            arr_each: s.arpa,
            share_at_end: at_end
                .filter(|x| x.customers >= 1.0)
                .map(|x| concentration::share(x.arr as f64 / x.customers, end_arr)),
        });
    }
    let total: f64 = holders
        .iter()
        .map(|h| h.arr_each * f64::from(h.logos))
        .sum::<f64>()
        .max(plan.totals.start_arr as f64);
    let end_label = last.map_or(String::new(), |r| r.period.clone());
    let found = concentration::above(&holders, total);
    let message = (!found.is_empty())
        .then(|| concentration::message(&found, total, &plan.currency, &end_label));
    let at = plan
        .warnings
        .iter()
        .position(|w| w.rule == RuleId::Concentration);
    let period = plan.timeline.first().map(|r| r.period.clone());
    match (at, message) {
        (Some(i), Some(message)) => plan.warnings[i].message = message,
        (Some(i), None) => {
            plan.warnings.remove(i);
        }
        (None, Some(message)) => plan.warnings.push(Warning {
            rule: RuleId::Concentration,
            kind: WarningKind::Concentration,
            period,
            message,
        }),
        (None, None) => {}
    }
}

/// Account health adds CSM coverage and never removes it. Red accounts churn more, which
/// lowers ARR and logos; but a red account renewing within the horizon needs the escalation
/// playbook, a CSM-led save plan: it takes [`super::playbook::ESCALATION_LOAD`] healthy
/// accounts' share of a CSM's book over the renewal window before its renewal. And the CSM
/// team the rules call for never falls below that of the same base with its red accounts
/// counted green.
fn coverage(
    adjusted: &Base,
    options: &PlanOptions,
    report: &HealthReport,
    typed: &Plan,
) -> Result<crate::planner::Coverage, PlanError> {
    use super::config::Colour;
    // The same base with every red account green: its segments' churn from that mix.
    let churn = report.settings.churn;
    let mut green = adjusted.clone();
    for segment in &mut green.segments {
        let found = report
            .segments
            .iter()
            .find(|h| super::accounts::same_name(&h.name, &segment.name));
        if let Some(h) = found {
            let c = &h.rollup.colours;
            let n = f64::from(h.rollup.accounts.max(1));
            let implied = (f64::from(c.green.accounts + c.red.accounts) * churn.green
                + f64::from(c.yellow.accounts) * churn.yellow)
                / n;
            segment.monthly_churn = monthly_from_annual(implied);
        }
    }
    let floor = crate::planner::required_csm(&green, options)?;
    let months = floor.len();
    // Escalation work, per tier, over the renewal window before each red account's renewal.
    const DAYS_PER_MONTH: f64 = 365.25 / 12.0;
    let window = (f64::from(report.settings.renewal_window_days) / DAYS_PER_MONTH)
        .ceil()
        .max(1.0) as usize;
    let mut extra: Vec<(crate::model::Tier, Vec<f64>)> = Vec::new();
    for account in report.accounts.iter().filter(|a| a.colour == Colour::Red) {
        let Some(days) = account.days_to_renewal else {
            continue;
        };
        let Some(segment) = typed
            .assumptions
            .segments
            .iter()
            .find(|s| super::accounts::same_name(&s.name, &account.segment))
        else {
            continue;
        };
        let Some(book) = segment.accounts_per_csm.filter(|&b| b > 0.0) else {
            continue;
        };
        // Month 1 holds days 0..30 from the as-of date; an overdue renewal is due now.
        let renewal = (days.max(0) as f64 / DAYS_PER_MONTH).floor() as usize + 1;
        if renewal >= months {
            continue;
        }
        let slot = match extra.iter().position(|(tier, _)| *tier == segment.tier) {
            Some(i) => i,
            None => {
                extra.push((segment.tier, vec![0.0; months]));
                extra.len() - 1
            }
        };
        let first = renewal.saturating_sub(window - 1).max(1);
        for t in first..=renewal {
            extra[slot].1[t] += super::playbook::ESCALATION_LOAD / book;
        }
    }
    Ok(crate::planner::Coverage { extra, floor })
}

/// Pairs each hire with the same-rank hire of the same role serving the same segments in the
/// typed plan (the second support hire with the second support hire), marks the ones whose
/// requisition opens in another month or that have no pair, and returns the typed hires left
/// without a pair.
fn mark_moved_hires(typed: &[Hire], planned: &mut [Hire]) -> Vec<Hire> {
    type Key = (Role, Option<String>);
    let group = |hires: &[Hire]| {
        let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for (i, h) in hires.iter().enumerate() {
            groups
                .entry((h.role, h.segment.clone()))
                .or_default()
                .push(i);
        }
        for members in groups.values_mut() {
            members.sort_by_key(|&i| (hires[i].open_month, i));
        }
        groups
    };
    let typed_groups = group(typed);
    let planned_groups = group(planned);
    for (key, members) in &planned_groups {
        let pairs = typed_groups.get(key).map_or(&[][..], Vec::as_slice);
        for (rank, &i) in members.iter().enumerate() {
            let h = &mut planned[i];
            h.health = match pairs.get(rank).map(|&t| &typed[t]) {
                None => Some(HireChange {
                    change: HireMove::Added,
                    typed_open: None,
                    months: None,
                }),
                Some(t) if t.open_month == h.open_month => None,
                Some(t) => Some(HireChange {
                    change: if h.open_month < t.open_month {
                        HireMove::Earlier
                    } else {
                        HireMove::Later
                    },
                    typed_open: Some(t.open.clone()),
                    months: Some(h.open_month as i32 - t.open_month as i32),
                }),
            };
        }
    }
    let mut removed: Vec<usize> = typed_groups
        .iter()
        .flat_map(|(key, members)| {
            let kept = planned_groups.get(key).map_or(0, Vec::len);
            members.iter().skip(kept).copied()
        })
        .collect();
    removed.sort_unstable();
    removed.into_iter().map(|i| typed[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::{AssessOptions, HealthConfig, assess};

    const BASE: &str = r#"
        [company]
        name = "Acme"
        start = "2027-01"
        horizon_months = 12
        hire_lead_months = 0

        [[segment]]
        name = "SMB"
        customers = 300
        arpa = 4000
        annual_churn = 0.10

        [[segment]]
        name = "Enterprise"
        customers = 10
        arpa = 80000
        annual_churn = 0.05
    "#;

    #[test]
    fn the_colour_mix_replaces_the_typed_churn_of_its_segment_only() {
        let base = crate::input::parse(BASE).unwrap();
        // Four SMB accounts: two green (usage 0.9 → 90), one yellow (0.5 → 50), one red
        // (0.1 → 10). Implied churn = (2 × 5% + 20% + 50%) / 4 = 80% / 4 = 20%.
        let csv = "account,segment,arr,usage\na,SMB,4000,0.9\nb,smb,4000,0.9\nc,SMB,4000,0.5\nd,SMB,4000,0.1\n";
        let names: Vec<String> = base.segments.iter().map(|s| s.name.clone()).collect();
        let options = AssessOptions {
            segments: Some(&names),
            ..AssessOptions::default()
        };
        let report = assess(csv, &HealthConfig::default(), &options).unwrap();
        let plan = plan_with_accounts(&base, &PlanOptions::default(), &report).unwrap();
        let smb = &plan.assumptions.segments[0];
        assert_eq!(smb.annual_churn, 0.2);
        assert_eq!(smb.typed_annual_churn, Some(0.1));
        assert_eq!(smb.churn_source, Some(ChurnSource::Accounts));
        let enterprise = &plan.assumptions.segments[1];
        assert_eq!(enterprise.annual_churn, 0.05);
        assert_eq!(enterprise.churn_source, Some(ChurnSource::Typed));
        let health = plan.health.as_ref().unwrap();
        assert_eq!(
            health.segments[0].colours,
            ByColour {
                green: 2,
                yellow: 1,
                red: 1
            }
        );
        assert!(
            plan.warnings
                .iter()
                .any(|w| w.rule == RuleId::HealthChurn && w.message.contains("\"Enterprise\""))
        );
        // The typed plan is the plan without accounts, untouched.
        let typed = crate::plan(&base, &PlanOptions::default()).unwrap();
        assert!(typed.health.is_none());
        assert!(typed.assumptions.segments[0].typed_annual_churn.is_none());
    }

    fn hire(role: Role, open_month: u32) -> Hire {
        Hire {
            role,
            open: format!("M{open_month}"),
            start: format!("M{}", open_month + 3),
            open_month,
            start_month: open_month + 3,
            segment: Some("shared".into()),
            tier: None,
            kind: crate::plan::HireKind::Growth,
            rule: RuleId::HireAhead,
            reason: String::new(),
            sized_by: None,
            health: None,
        }
    }

    #[test]
    fn hires_pair_by_role_segment_and_rank() {
        let typed = [
            hire(Role::Csm, 2),
            hire(Role::Csm, 10),
            hire(Role::Support, 5),
        ];
        let mut planned = [hire(Role::Csm, 2), hire(Role::Csm, 6), hire(Role::Csm, 11)];
        let removed = mark_moved_hires(&typed, &mut planned);
        // First CSM unchanged; the second opens in M6 instead of M10 (4 months earlier); the
        // third is new; the support hire is gone.
        assert_eq!(planned[0].health, None);
        assert_eq!(
            planned[1].health,
            Some(HireChange {
                change: HireMove::Earlier,
                typed_open: Some("M10".into()),
                months: Some(-4)
            })
        );
        assert_eq!(planned[2].health.as_ref().unwrap().change, HireMove::Added);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].role, Role::Support);
    }
}
