//! What the planner refuses, and why: a [`Base`] built in code with a value outside the ranges
//! that [`crate::input::parse`] enforces, and a base whose projection or team grows past what
//! csplan plans faithfully (ARR past 10^15, more people in a role than any CS organisation).
//! Each refusal names the key or segment, so the command line can point at its line.

use super::state::BaseState;
use super::{MAX_ARR, PlanError};
use crate::format::grouped;
use crate::model::limits::{
    ACCOUNTS_PER_CSM, ARPA, Allowed, BILLABLE_HOURS, CUSTOMERS, FISCAL_YEAR_START, HEADCOUNT,
    HIRE_LEAD, HORIZON, MAX_SEGMENTS, NEW_GROWTH, NEW_PER_MONTH, ONBOARDING_HOURS, RATE, SALARY,
    SPEND_CAP, TERM, TICKETS_PER_ACCOUNT, TICKETS_PER_AGENT, USD_RATE, Whole,
};
use crate::model::{Base, Role};
use crate::month::Calendar;

/// Checks every value of `base` against its allowed range (SPEC §2).
pub fn check_base(base: &Base, months: Option<u32>) -> Result<(), PlanError> {
    let c = &base.company;
    whole("company.horizon_months", c.horizon_months, HORIZON)?;
    if let Some(m) = months {
        whole("months", m, HORIZON)?;
    }
    whole("company.hire_lead_months", c.hire_lead_months, HIRE_LEAD)?;
    whole(
        "company.fiscal_year_start",
        u32::from(c.fiscal_year_start),
        FISCAL_YEAR_START,
    )?;
    number("company.usd_rate", c.usd_rate, USD_RATE)?;
    number("company.csm_spend_cap", c.csm_spend_cap, SPEND_CAP)?;
    number("company.cs_churn_reduction", c.cs_churn_reduction, RATE)?;
    optional("company.hosting_cost_ratio", c.hosting_cost_ratio, RATE)?;
    text("company.name", &c.name, 200)?;
    text("company.currency", &c.currency, 12)?;
    for role in Role::ALL {
        whole(&format!("team.{role}"), base.team.of(role), HEADCOUNT)?;
        // The base salary is the key a base gives; the loaded cost is it × load_factor.
        number(
            &format!("salaries.{role}"),
            base.salaries.base_of(role),
            SALARY,
        )?;
    }
    number(
        "support.tickets_per_agent_month",
        base.support.tickets_per_agent_month,
        TICKETS_PER_AGENT,
    )?;
    optional("support.premium_attach", base.support.premium_attach, RATE)?;
    number(
        "onboarding.billable_hours_per_month",
        base.onboarding.billable_hours_per_month,
        BILLABLE_HOURS,
    )?;
    let count = base.segments.len();
    if count == 0 || count > MAX_SEGMENTS {
        return Err(PlanError::Invalid {
            key: "segment".into(),
            value: count.to_string(),
            allowed: format!("1..={MAX_SEGMENTS} segments"),
        });
    }
    for (i, s) in base.segments.iter().enumerate() {
        // The key is written only for a refusal: a base may have thousands of segments.
        let check = || -> Result<(), (&'static str, PlanError)> {
            let at = |name: &'static str| move |e: PlanError| (name, e);
            text("", &s.name, 100).map_err(at("name"))?;
            number("", s.customers, CUSTOMERS).map_err(at("customers"))?;
            number("", s.arpa, ARPA).map_err(at("arpa"))?;
            number("", s.monthly_churn, RATE).map_err(at("monthly_churn"))?;
            number("", s.annual_expansion, RATE).map_err(at("annual_expansion"))?;
            number("", s.new_per_month, NEW_PER_MONTH).map_err(at("new_per_month"))?;
            number("", s.new_growth, NEW_GROWTH).map_err(at("new_growth"))?;
            whole("", s.term_months, TERM).map_err(at("term_months"))?;
            optional("", s.accounts_per_csm, ACCOUNTS_PER_CSM).map_err(at("accounts_per_csm"))?;
            optional("", s.tickets_per_account_month, TICKETS_PER_ACCOUNT)
                .map_err(at("tickets_per_account_month"))?;
            optional("", s.onboarding_hours, ONBOARDING_HOURS).map_err(at("onboarding_hours"))?;
            Ok(())
        };
        if let Err((name, mut error)) = check() {
            if let PlanError::Invalid { key, .. } = &mut error {
                *key = format!("segment[{}].{name}", i + 1);
            }
            return Err(error);
        }
    }
    Ok(())
}

fn number(key: &str, value: f64, allowed: Allowed) -> Result<(), PlanError> {
    if allowed.contains(value) {
        Ok(())
    } else {
        Err(PlanError::Invalid {
            key: key.into(),
            value: crate::format::short_number(value),
            allowed: allowed.describe(),
        })
    }
}

fn optional(key: &str, value: Option<f64>, allowed: Allowed) -> Result<(), PlanError> {
    value.map_or(Ok(()), |v| number(key, v, allowed))
}

fn whole(key: &str, value: u32, allowed: Whole) -> Result<(), PlanError> {
    if allowed.contains(i64::from(value)) {
        Ok(())
    } else {
        Err(PlanError::Invalid {
            key: key.into(),
            value: value.to_string(),
            allowed: allowed.describe(),
        })
    }
}

fn text(key: &str, value: &str, max_len: usize) -> Result<(), PlanError> {
    let len = value.chars().count();
    if len == 0 || len > max_len || crate::text::first_unsafe(value).is_some() {
        Err(PlanError::Invalid {
            key: key.into(),
            value: format!(
                "\"{}\"",
                crate::text::escaped(&value.chars().take(40).collect::<String>())
            ),
            allowed: format!(
                "1 to {max_len} printable characters, without bidirectional controls or \
                 invisible characters"
            ),
        })
    } else {
        Ok(())
    }
}

/// Refuses a projection whose ARR leaves the range where whole-unit money is exact, naming
/// the first segment and month it happens in.
pub fn check_arr(state: &BaseState, calendar: Calendar) -> Result<(), PlanError> {
    for (i, s) in state.segments.iter().enumerate() {
        if let Some(t) = s.arr_past_limit {
            return Err(PlanError::TooLarge {
                key: Some(format!("segment[{}]", i + 1)),
                message: format!(
                    "[[segment]] \"{}\" grows past 10^15 ARR {}: csplan plans ARR up to 10^15 \
                     ({}) to the unit; check customers, arpa, annual_expansion, new_per_month and \
                     new_growth",
                    s.segment.name,
                    if t == 0 {
                        "at the start".to_string()
                    } else {
                        format!("by {}", calendar.month_label(t as u32))
                    },
                    grouped(MAX_ARR as i64)
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a plan whose sums over the horizon (churned, expanded or new ARR) pass 10^15, which
/// a saved plan may not hold: a base near the ARR limit with high churn or growth sums past it
/// within a few years. Names the segment with the most ARR at the horizon's end.
pub fn check_totals(totals: &crate::plan::Totals, state: &BaseState) -> Result<(), PlanError> {
    let sums = [
        ("churned ARR", totals.churned_arr),
        ("expansion ARR", totals.expanded_arr),
        ("new-logo ARR", totals.new_arr),
    ];
    let Some((what, sum)) = sums.into_iter().find(|(_, sum)| *sum as f64 > MAX_ARR) else {
        return Ok(());
    };
    let heaviest = (0..state.segments.len()).rev().max_by(|&a, &b| {
        let at = |i: usize| state.segments[i].end_arr;
        at(a).total_cmp(&at(b))
    });
    let name = heaviest.map_or(String::new(), |i| {
        format!(
            ", mostly in [[segment]] \"{}\"",
            state.segments[i].segment.name
        )
    });
    Err(PlanError::TooLarge {
        key: heaviest.map(|i| format!("segment[{}]", i + 1)),
        message: format!(
            "over the horizon {what} sums to {}{name}, past the 10^15 ({}) csplan keeps to the \
             unit; check customers, arpa, annual_churn, annual_expansion, new_per_month and \
             new_growth, or plan fewer months",
            grouped(sum),
            grouped(MAX_ARR as i64)
        ),
    })
}

/// Refuses a role that would pass `limit` people, naming the segment that weighs most in the
/// month it happens.
pub fn check_people(
    role: Role,
    required: &[u32],
    limit: u32,
    calendar: Calendar,
    state: &BaseState,
    base: &Base,
) -> Result<(), PlanError> {
    let Some((t, &count)) = required.iter().enumerate().find(|(_, c)| **c > limit) else {
        return Ok(());
    };
    // Each segment's weight in month `t`, from its projection made again: the state keeps
    // only the sums (and this message is the only one to weigh every segment at one month).
    let weights: Vec<f64> = state
        .segments
        .iter()
        .map(|s| {
            let (p, need) = state.reproject(s);
            match role {
                Role::Support => s.tickets_per_account.0 * p.customers[t],
                Role::Onboarding => s.onboarding_hours.0 * p.new_logos[t],
                _ => need[t],
            }
        })
        .collect();
    // The first of equals: `max_by` keeps the last, so walk backwards.
    let heaviest = (0..state.segments.len())
        .rev()
        .max_by(|&a, &b| weights[a].total_cmp(&weights[b]));
    let staff = match role {
        Role::Csm => "CSM",
        Role::Support => "support",
        Role::Onboarding => "onboarding",
        Role::Lead => "head-of-CS",
        Role::Manager => "team-manager",
    };
    let inputs = match role {
        Role::Support => "tickets_per_account_month, customers, new_per_month and new_growth",
        Role::Onboarding => "onboarding_hours, new_per_month and new_growth",
        _ => "customers, accounts_per_csm, arpa, new_per_month and new_growth",
    };
    let count = if count == u32::MAX {
        format!("more than {}", grouped(i64::from(u32::MAX - 1)))
    } else {
        grouped(i64::from(count))
    };
    let when = if t == 0 {
        "at the start".to_string()
    } else {
        format!("by {}", calendar.month_label(t as u32))
    };
    // An exchange rate far from 1 scales every USD threshold: $2M of ARR per CSM at
    // usd_rate = 1000000 is 2 units of ARR per CSM. When the ARR rule sizes the team, say so.
    let usd_rate = base.company.usd_rate;
    if matches!(role, Role::Csm | Role::Lead)
        && usd_rate > 1.0
        && state.binding_rule(None, t) == crate::rules::RuleId::ArrPerCsm
    {
        let currency = &base.company.currency;
        return Err(PlanError::TooLarge {
            key: Some("company.usd_rate".into()),
            message: format!(
                "the plan would need {count} {staff} staff {when}: at usd_rate = {} (one {currency} \
                 is worth {} USD) the rule of one CSM per $2M of ARR is one per {} of ARR; \
                 csplan plans at most {} people per role: check usd_rate, the USD value of one \
                 unit of currency (e.g. 1.08 for EUR)",
                crate::format::short_number(usd_rate),
                crate::format::short_number(usd_rate),
                crate::format::money(state.arr_per_csm, currency),
                grouped(i64::from(limit))
            ),
        });
    }
    let mostly = heaviest
        .map(|i| {
            format!(
                ", mostly for [[segment]] \"{}\"",
                state.segments[i].segment.name
            )
        })
        .unwrap_or_default();
    Err(PlanError::TooLarge {
        key: heaviest.map(|i| format!("segment[{}]", i + 1)),
        message: format!(
            "the plan would need {count} {staff} staff {when}{mostly}: csplan plans at most {} \
             people per role, more than any CS organisation; check {inputs}",
            grouped(i64::from(limit))
        ),
    })
}

#[cfg(test)]
mod tests {
    use crate::{PlanError, PlanOptions, input, plan};

    /// The plan's refusal, which `check_plan` (what `csplan check` asks) and the summary give
    /// word for word.
    fn refusal(source: &str) -> PlanError {
        let base = input::parse(source).unwrap();
        let options = PlanOptions::default();
        let refused = plan(&base, &options).unwrap_err();
        assert_eq!(crate::check_plan(&base, &options), Err(refused.clone()));
        assert_eq!(crate::plan_summary(&base, &options).unwrap_err(), refused);
        refused
    }

    const SMALL: &str = "[company]\nname = \"A\"\nstart = \"2027-01\"\n\n[[segment]]\nname = \"Small\"\ncustomers = 10\narpa = 1000\nannual_churn = 0.1\n";

    #[test]
    fn arr_past_ten_to_the_fifteen_is_refused_naming_the_segment_and_month() {
        // 10^7 logos at 10^8 is exactly 10^15 at the start; 100% expansion a year passes it in
        // the first month.
        let e = refusal(&format!(
            "{SMALL}\n[[segment]]\nname = \"Giant\"\ncustomers = 1e7\narpa = 1e8\nannual_churn = 0\nannual_expansion = 1\n"
        ));
        assert_eq!(e.key(), Some("segment[2]"));
        assert!(
            e.to_string()
                .starts_with("[[segment]] \"Giant\" grows past 10^15 ARR by 2027-01"),
            "{e}"
        );
    }

    #[test]
    fn more_people_than_the_limit_is_refused_naming_the_heaviest_segment() {
        // 10^7 logos at 50 per CSM: 200,000 FTE (200,000.1 with the small segment's 0.1), at
        // max_load 1.2 ceil(166,666.75) = 166,667 CSMs, over the 100,000 a role may hold.
        let e = refusal(&format!(
            "{SMALL}\n[[segment]]\nname = \"Consumer\"\ncustomers = 1e7\narpa = 10\nannual_churn = 0.3\naccounts_per_csm = 50\n"
        ));
        assert_eq!(e.key(), Some("segment[2]"));
        assert!(
            e.to_string().starts_with(
                "the plan would need 166,667 CSM staff at the start, mostly for [[segment]] \"Consumer\""
            ),
            "{e}"
        );
        // Support by tickets: 10^6 logos × 100 tickets / 300 per agent ≈ 333,334 agents.
        let e = refusal(&format!(
            "{SMALL}tickets_per_account_month = 1\n\n[[segment]]\nname = \"Noisy\"\ncustomers = 1e6\narpa = 10\nannual_churn = 0.3\ntickets_per_account_month = 100\ntier = \"tech-touch\"\n"
        ));
        assert_eq!(e.key(), Some("segment[2]"));
        assert!(e.to_string().contains("support staff"), "{e}");
    }
}
