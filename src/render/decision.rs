//! The answer first: what a CS leader came to decide, before the timeline and the detail —
//! the requisitions to open in the next three months, the cost over the horizon, and where
//! CSM spend stands against the cap. The table and the Markdown both open with it.

use crate::format::{money, percent};
use crate::month::{Calendar, YearMonth};
use crate::plan::{Hire, HireKind, PeriodKind, Plan};

/// Months ahead that the decision looks: a quarter, the span a requisition opened today is
/// decided in.
pub(crate) const AHEAD_MONTHS: u32 = 3;

/// The decision, worded once for both formats.
pub(crate) struct Decision {
    /// `Requisitions to open in the next 3 months (2027-01 to 2027-03)`.
    pub heading: String,
    /// One line per requisition: role, segment, open → start, rule.
    pub requisitions: Vec<Requisition>,
    /// With none to open soon: when the next one opens, if any does.
    pub none_soon: Option<String>,
    /// Promotions decided in the same months (taking effect within a hire lead of them): a
    /// change of role, no requisition.
    pub promotions: Vec<String>,
    /// The CS cost over the horizon, in one line.
    pub cost: String,
    /// CSM spend against the cap, in one line.
    pub cap: String,
    /// With `--within-budget`: what the fit gave up, in one line.
    pub fit: Option<String>,
    /// When any book goes uncovered: for how long, and the ARR at risk at its most.
    pub risk: Option<String>,
}

/// A requisition to open soon.
pub(crate) struct Requisition {
    /// `csm for Mid-market`, `support`.
    pub who: String,
    pub open: String,
    pub start: String,
    pub rule: String,
}

impl Requisition {
    fn of(hire: &Hire) -> Self {
        Self::of_many(1, hire)
    }

    /// `count` requisitions alike (`4 × support`); a promotion or backfill says so.
    fn of_many(count: usize, hire: &Hire) -> Self {
        let label = super::hire_label(count, hire);
        let who = match &hire.segment {
            Some(segment) => format!("{label} for {segment}"),
            None => label,
        };
        Self {
            who,
            open: hire.open.clone(),
            start: hire.start.clone(),
            rule: hire.rule.to_string(),
        }
    }
}

/// What `plan` says to do now.
pub(crate) fn decision(plan: &Plan) -> Decision {
    let calendar = Calendar::new(
        plan.assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok()),
    );
    let ahead = AHEAD_MONTHS.min(plan.assumptions.horizon_months.max(1));
    let window = if ahead == 1 {
        format!("the next month, {}", calendar.month_label(1))
    } else {
        format!(
            "the next {ahead} months, {} to {}",
            calendar.month_label(1),
            calendar.month_label(ahead)
        )
    };
    // Requisitions alike (same months, role, kind, segment and rule) as one line with a count,
    // in the order the first of each opens. Alike requisitions need not be next to each other:
    // a month's hires for two pooled tiers alternate.
    let mut groups: Vec<(usize, &Hire)> = Vec::new();
    let mut index: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    let promotions: Vec<String> = plan
        .hires
        .iter()
        // A promotion is decided when its backfill's requisition opens, a hire lead before.
        .filter(|h| {
            h.kind == HireKind::Promotion
                && h.start_month <= ahead + plan.assumptions.hire_lead_months
        })
        .map(|h| {
            format!(
                "{} from within CS in {}, no requisition [{}]",
                h.role, h.start, h.rule
            )
        })
        .collect();
    for h in plan
        .hires
        .iter()
        .filter(|h| h.open_month <= ahead && h.kind != HireKind::Promotion)
    {
        let key = (&h.open, &h.start, h.role, h.kind, &h.segment, h.rule);
        match index.get(&key) {
            Some(&at) => groups[at].0 += 1,
            None => {
                index.insert(key, groups.len());
                groups.push((1, h));
            }
        }
    }
    let soon: Vec<Requisition> = groups
        .into_iter()
        .map(|(count, h)| Requisition::of_many(count, h))
        .collect();
    let none_soon = soon.is_empty().then(|| {
        match plan
            .hires
            .iter()
            .filter(|h| h.kind != HireKind::Promotion)
            .min_by_key(|h| h.open_month)
        {
            Some(next) => {
                let next = Requisition::of(next);
                format!(
                    "none; the next opens {} ({} starting {}, rule {})",
                    next.open, next.who, next.start, next.rule
                )
            }
            None => "none, and none in the horizon".to_string(),
        }
    });
    Decision {
        heading: format!("Requisitions to open in {window}"),
        requisitions: soon,
        none_soon,
        promotions,
        cost: cost_line(plan),
        cap: cap_line(plan),
        fit: match &plan.budget_fit {
            Some(fit) => Some(super::budget::decision_line(plan, fit)),
            None => over_budget_line(plan),
        },
        risk: risk_line(plan),
    }
}

/// Rule `budget-fit`, in a plan not fitted to its budget: the fiscal years whose CS cost passes
/// their budget (the warnings say by how much), on the first screen beside the cap.
fn over_budget_line(plan: &Plan) -> Option<String> {
    let years: Vec<&str> = plan
        .warnings
        .iter()
        .filter(|w| {
            w.rule == crate::rules::RuleId::BudgetFit
                && w.kind == crate::plan::WarningKind::Assumption
        })
        .filter_map(|w| w.period.as_deref())
        .collect();
    if years.is_empty() {
        return None;
    }
    Some(format!(
        "CS cost over the budget in {} (see the budget-fit warnings); plan --within-budget fits the \
         plan to it and says what that gives up",
        years.join(", ")
    ))
}

/// Rule `coverage-response`: the months any book goes uncovered and the ARR at risk at its most.
fn risk_line(plan: &Plan) -> Option<String> {
    let rows = &plan.timeline;
    let at_risk: Vec<&crate::plan::Row> = rows.iter().filter(|r| r.arr_at_risk > 0).collect();
    let first = at_risk.first()?;
    let most = at_risk
        .iter()
        .copied()
        .reduce(|a, b| if b.arr_at_risk > a.arr_at_risk { b } else { a })?;
    let uncovered = crate::rules::coverage_response::uncovered(
        f64::from(most.csm) - most.ramping_csm_fte,
        most.csm_need_fte,
        plan.assumptions.max_load,
    );
    let mut line = crate::rules::coverage_response::decision_line(
        at_risk.len(),
        rows.len(),
        &first.period,
        uncovered,
        most.csm_need_fte,
        &most.period,
        most.arr_at_risk as f64,
        most.churned_arr_at_risk as f64,
        &plan.currency,
    );
    if let (Some(cost), Some(last)) = (plan.totals.shortfall_arr_cost, rows.last())
        && cost > 0
    {
        let a = &plan.assumptions;
        let claims: Vec<String> = [
            ("cs_churn_reduction", a.cs_churn_reduction),
            ("cs_expansion_share", a.cs_expansion_share),
        ]
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(k, v)| format!("{k} {}", crate::format::short_number(*v)))
        .collect();
        line.push_str("; ");
        line.push_str(&crate::rules::coverage_response::shortfall_words(
            cost as f64,
            &last.period,
            &claims.join(", "),
            &plan.currency,
        ));
    }
    Some(line)
}

fn cost_line(plan: &Plan) -> String {
    let cur = plan.currency.as_str();
    let t = &plan.totals;
    let months = plan.assumptions.horizon_months;
    let starting: u32 = plan.timeline.iter().map(|r| r.new_hires).sum();
    let team = plan.timeline.last().map_or_else(String::new, |last| {
        // One way to count: the team is everyone in CS, managers and the lead included.
        let people = last.csm + last.support + last.onboarding + last.lead + last.managers;
        format!(", a team of {people} at {}", last.period)
    });
    format!(
        "{} over {months} month{}, all CS roles; {starting} {} starting{team}",
        money(t.cs_cost as f64, cur),
        if months == 1 { "" } else { "s" },
        if starting == 1 { "person" } else { "people" },
    )
}

fn cap_line(plan: &Plan) -> String {
    let cap = percent(plan.assumptions.csm_spend_cap);
    let rows = &plan.timeline;
    let unit = match plan.period {
        PeriodKind::Month => ("month", "months"),
        PeriodKind::Quarter => ("quarter", "quarters"),
        PeriodKind::Year => ("year", "years"),
    };
    let over: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].over_cap).collect();
    // The peak, when there is spend to speak of.
    let peak = rows
        .iter()
        .filter_map(|r| r.csm_spend_ratio.map(|ratio| (ratio, r.period.as_str())))
        .filter(|(ratio, _)| *ratio > 0.0)
        .fold(
            None,
            |best: Option<(f64, &str)>, (ratio, period)| match best {
                Some((b, _)) if b >= ratio => best,
                _ => Some((ratio, period)),
            },
        );
    let peak = peak.map_or_else(String::new, |(ratio, period)| {
        format!("; peak {} in {period}", percent(ratio))
    });
    match (over.first(), over.last()) {
        (Some(&first), Some(&last)) => {
            let span = if first == last {
                rows[first].period.clone()
            } else if last - first + 1 == over.len() {
                format!("{} to {}", rows[first].period, rows[last].period)
            } else {
                format!("between {} and {}", rows[first].period, rows[last].period)
            };
            format!(
                "CSM spend above {cap} of ARR in {} of {} {}, {span}{peak}",
                over.len(),
                rows.len(),
                if rows.len() == 1 { unit.0 } else { unit.1 },
            )
        }
        _ => format!("CSM spend within {cap} of ARR in every {}{peak}", unit.0),
    }
}

/// The decision as the table's opening lines (folded by the caller).
pub(crate) fn decision_text(plan: &Plan) -> String {
    let d = decision(plan);
    let mut out = String::new();
    match &d.none_soon {
        Some(none) => out.push_str(&format!("{}: {none}\n", d.heading)),
        None => {
            out.push_str(&format!("{} (opens → starts):\n", d.heading));
            let widest = d.requisitions.iter().map(|r| r.who.chars().count()).max();
            for r in &d.requisitions {
                let pad = widest.unwrap_or(0) - r.who.chars().count();
                out.push_str(&format!(
                    "  {} → {}  {}{}  [{}]\n",
                    r.open,
                    r.start,
                    r.who,
                    " ".repeat(pad),
                    r.rule
                ));
            }
        }
    }
    for p in &d.promotions {
        out.push_str(&format!("Promotion: {p}\n"));
    }
    out.push_str(&format!("Cost: {}\n", d.cost));
    out.push_str(&format!("Cap: {}\n", d.cap));
    if let Some(risk) = &d.risk {
        out.push_str(&format!("At risk: {risk}\n"));
    }
    if let Some(fit) = &d.fit {
        out.push_str(&format!("Budget: {fit}\n"));
    }
    out
}

/// The decision as a Markdown list; `escape` makes names from the base safe.
pub(crate) fn decision_markdown(plan: &Plan, escape: impl Fn(&str) -> String) -> String {
    let d = decision(plan);
    let mut out = String::new();
    match &d.none_soon {
        Some(none) => out.push_str(&format!("- **{}**: {}\n", d.heading, escape(none))),
        None => {
            out.push_str(&format!("- **{}** (opens → starts):\n", d.heading));
            for r in &d.requisitions {
                out.push_str(&format!(
                    "  - {} → {}: {} · `{}`\n",
                    r.open,
                    r.start,
                    escape(&r.who),
                    r.rule
                ));
            }
        }
    }
    for p in &d.promotions {
        out.push_str(&format!("- **Promotion**: {}\n", escape(p)));
    }
    out.push_str(&format!("- **Cost**: {}\n", escape(&d.cost)));
    out.push_str(&format!("- **Cap**: {}\n", escape(&d.cap)));
    if let Some(risk) = &d.risk {
        out.push_str(&format!("- **At risk**: {}\n", escape(risk)));
    }
    if let Some(fit) = &d.fit {
        out.push_str(&format!("- **Budget**: {}\n", escape(fit)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(extra: &str) -> Plan {
        let base = crate::input::parse(&format!(
            "[company]\nname = \"Co\"\nstart = \"2027-01\"\nhorizon_months = 12\n{extra}\n\
             [[segment]]\nname = \"Mid\"\ncustomers = 120\narpa = 20000\nannual_churn = 0.1\n\
             new_per_month = 4\n"
        ))
        .unwrap();
        crate::plan(&base, &Default::default()).unwrap()
    }

    #[test]
    fn lists_exactly_the_requisitions_opening_in_the_first_three_months() {
        let plan = plan("");
        let d = decision(&plan);
        let soon = plan
            .hires
            .iter()
            .filter(|h| h.open_month <= 3 && h.kind != HireKind::Promotion)
            .count();
        assert!(soon > 0, "the example opens requisitions early");
        // Alike requisitions share a line (`2 × csm`): the lines count them all.
        let counted: usize = d
            .requisitions
            .iter()
            .map(|r| {
                r.who
                    .split_once(" × ")
                    .and_then(|(n, _)| n.parse::<usize>().ok())
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(counted, soon);
        let soon = d.requisitions.len();
        assert_eq!(
            d.heading,
            "Requisitions to open in the next 3 months, 2027-01 to 2027-03"
        );
        let text = decision_text(&plan);
        assert!(
            text.lines().count() == soon + 3 + d.promotions.len() + usize::from(d.risk.is_some()),
            "{text}"
        );
        for h in plan
            .hires
            .iter()
            .filter(|h| h.open_month <= 3 && h.kind != HireKind::Promotion)
        {
            assert!(
                text.contains(&format!("{} → {}", h.open, h.start)),
                "{text}"
            );
        }
    }

    #[test]
    fn says_when_the_next_one_opens_and_where_spend_stands() {
        let mut plan = plan("csm_spend_cap = 0.5");
        plan.hires.retain(|h| h.open_month > 3);
        let d = decision(&plan);
        let next = plan.hires.iter().map(|h| h.open_month).min();
        match next {
            Some(_) => assert!(d.none_soon.unwrap().starts_with("none; the next opens ")),
            None => assert_eq!(d.none_soon.unwrap(), "none, and none in the horizon"),
        }
        assert!(
            d.cap
                .starts_with("CSM spend within 50.0% of ARR in every month"),
            "{}",
            d.cap
        );
        let tight = decision(&super::tests::plan("csm_spend_cap = 0.001"));
        assert!(
            tight.cap.starts_with("CSM spend above 0.1% of ARR in "),
            "{}",
            tight.cap
        );
        assert!(tight.cost.starts_with('$'), "{}", tight.cost);
    }

    /// Two tiers hired in the same month alternate in the plan's hires (SMB, mid-market, SMB,
    /// ...): their requisitions are still one line per tier, each with its count.
    #[test]
    fn alike_requisitions_share_one_line_even_when_they_alternate() {
        let base = crate::input::parse(include_str!("../../examples/scale-up.toml")).unwrap();
        let options = crate::PlanOptions {
            stance: Some(crate::model::Stance::Ahead),
            ..Default::default()
        };
        let plan = crate::plan(&base, &options).unwrap();
        let soon: Vec<&Hire> = plan.hires.iter().filter(|h| h.open_month <= 3).collect();
        let alternating = soon.windows(3).any(|w| {
            w[0].segment == w[2].segment && w[0].segment != w[1].segment && w[0].open == w[2].open
        });
        assert!(alternating, "the example's hires alternate between tiers");
        let d = decision(&plan);
        let mut lines: Vec<(String, String, String, String)> = d
            .requisitions
            .iter()
            .map(|r| {
                let who = r.who.split_once(" × ").map_or(r.who.as_str(), |(_, w)| w);
                (
                    r.open.clone(),
                    r.start.clone(),
                    who.to_string(),
                    r.rule.clone(),
                )
            })
            .collect();
        let listed = lines.len();
        lines.sort();
        lines.dedup();
        assert_eq!(lines.len(), listed, "{:?}", decision_text(&plan));
        let smb = d
            .requisitions
            .iter()
            .find(|r| r.who.ends_with("csm for SMB"));
        let counted = soon
            .iter()
            .filter(|h| h.segment.as_deref() == Some("SMB") && h.open_month == 1)
            .count();
        assert_eq!(
            smb.map(|r| r.who.clone()),
            Some(format!("{counted} × csm for SMB"))
        );
    }
}
