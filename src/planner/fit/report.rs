//! What a fitted plan gave up against the rules' plan (rule `budget-fit`): the report for the
//! plan's `budget_fit`, its cuts in the rule's order, and its warnings.

use super::*;

/// CSM FTE serving each CSM-covered segment per month 1..=horizon: the team in post spread over
/// the tiers as its hires were placed (the starting team and shared CSMs by need), and within a
/// tier by need.
fn segment_shares(cx: &Context, detail: &Detail, staffing: &Staffing) -> Vec<Vec<f64>> {
    let state = cx.state;
    let horizon = cx.horizon as usize;
    let tiers = [Tier::Enterprise, Tier::MidMarket, Tier::Smb];
    let index = |tier: Tier| tiers.iter().position(|&k| k == tier);
    // Dedicated CSMs started per tier and month, and shared ones.
    let mut started = vec![[0.0f64; 4]; horizon + 1];
    for h in staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Csm && h.start_month as usize <= horizon)
    {
        let slot = h.tier.and_then(index).unwrap_or(3);
        started[h.start_month as usize][slot] += 1.0;
    }
    let mut counts = [0.0, 0.0, 0.0, f64::from(cx.base.team.csm)];
    let served: Vec<usize> = (0..state.segments.len())
        .filter(|&i| state.segments[i].accounts_per_csm.is_some())
        .collect();
    let mut out = vec![vec![0.0; horizon + 1]; state.segments.len()];
    for t in 1..=horizon {
        for (c, s) in counts.iter_mut().zip(started[t]) {
            *c += s;
        }
        let mut need = [0.0f64; 3];
        for &i in &served {
            if let Some(k) = index(state.segments[i].tier) {
                need[k] += detail.segments[i].as_ref().map_or(0.0, |d| d.need[t]);
            }
        }
        let total_need: f64 = need.iter().sum();
        let tracked: f64 = counts.iter().sum();
        let scale = if tracked > 0.0 {
            f64::from(staffing.staff.csm[t]) / tracked
        } else {
            0.0
        };
        let per_tier: Vec<f64> = (0..3)
            .map(|k| {
                let shared = if total_need > 0.0 {
                    counts[3] * need[k] / total_need
                } else {
                    0.0
                };
                (counts[k] + shared) * scale
            })
            .collect();
        for &i in &served {
            let s = &state.segments[i];
            if let Some(k) = index(s.tier).filter(|&k| need[k] > 0.0) {
                let own = detail.segments[i].as_ref().map_or(0.0, |d| d.need[t]);
                out[i][t] = per_tier[k] * own / need[k];
            }
        }
    }
    out
}

pub(super) fn report(
    cx: &Context,
    detail: &Detail,
    rules: &Staffing,
    fitted: &Staffing,
) -> BudgetFit {
    let base = cx.base;
    let state = cx.state;
    let company = &base.company;
    let horizon = cx.horizon as usize;
    let csm_loaded = base.salaries.of(Role::Csm);
    let months = 1..=horizon;

    let cap_to_staff_rules = months
        .clone()
        .map(|t| csm_spend_ratio(rules.staff.csm[t], csm_loaded, state.arr[t]))
        .try_fold(0.0f64, |most, r| r.map(|r| most.max(r)))
        .map(|r| (r * 10_000.0 - 1e-6).ceil() / 10_000.0);
    // Per fiscal year, sums of unrounded monthly costs, rounded once (SPEC §5).
    let mut budget_to_staff_rules = 0.0f64;
    let fiscal_years: Vec<FiscalYearFit> = year_months(cx)
        .into_iter()
        .map(|y| {
            let cost = |s: &Staffing| -> f64 {
                y.months
                    .iter()
                    .map(|&t| monthly_cost(cx, s, &Role::ALL, t))
                    .sum()
            };
            let (fitted_cost, rules_cost) = (cost(fitted), cost(rules));
            let n = y.months.len() as u32;
            // A year the horizon ends inside is no year's evidence: its cost is not scaled up.
            if !y.ends_inside {
                budget_to_staff_rules = budget_to_staff_rules.max(rules_cost * 12.0 / f64::from(n));
            }
            let last = y.months.last().copied().unwrap_or(horizon);
            FiscalYearFit {
                period: y.label,
                months: n,
                budget: y.budget.map(round_money),
                cs_cost: round_money(fitted_cost),
                rules_cs_cost: round_money(rules_cost),
                ends_inside: y.ends_inside,
                year_budget: y.yearly.map(round_money),
                run_rate: round_money(monthly_cost(cx, fitted, &Role::ALL, last) * 12.0),
                overrun: match y.budget {
                    Some(b) if round_money(fitted_cost) > round_money(b) => {
                        overrun(cx, fitted, &y.months)
                    }
                    _ => Vec::new(),
                },
            }
        })
        .collect();

    let fitted_shares = segment_shares(cx, detail, fitted);
    let rules_shares = segment_shares(cx, detail, rules);
    let segments = state
        .segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.accounts_per_csm.is_some())
        .map(|(i, s)| {
            let short = |t: usize| rules_shares[i][t] - fitted_shares[i][t];
            let months_short = months.clone().filter(|&t| short(t) >= 0.005).count() as u32;
            let worst = months
                .clone()
                .filter(|&t| short(t) >= 0.005)
                .max_by(|&a, &b| {
                    let rel = |t: usize| short(t) / rules_shares[i][t].max(1e-9);
                    rel(a).total_cmp(&rel(b)).then(b.cmp(&a))
                })
                .unwrap_or(horizon);
            let per = |amount: f64, fte: f64| (fte >= 0.005).then_some(amount / fte);
            let series = detail.segments[i].as_ref();
            let customers = series.map_or(0.0, |d| d.customers[worst]);
            let arr = series.map_or(0.0, |d| d.arr[worst]);
            let (fitted_fte, rules_fte) = (fitted_shares[i][worst], rules_shares[i][worst]);
            SegmentFit {
                name: s.segment.name.clone(),
                tier: s.tier,
                period: cx.calendar.month_label(worst as u32),
                months_short,
                csm_fte: round_to(fitted_fte, 2),
                rules_csm_fte: round_to(rules_fte, 2),
                accounts_per_csm: per(customers, fitted_fte).map(|v| round_to(v, 2)),
                rules_accounts_per_csm: per(customers, rules_fte).map(|v| round_to(v, 2)),
                keybanc_accounts_per_csm: accounts_per_csm::keybanc_accounts_per_csm(s.tier),
                arr_per_csm: per(arr, fitted_fte).map(round_money),
                rules_arr_per_csm: per(arr, rules_fte).map(round_money),
                keybanc_arr_per_csm: round_money(from_usd(
                    accounts_per_csm::keybanc_arr_per_csm_usd(Some(s.tier)),
                    company.usd_rate,
                )),
            }
        })
        .collect();

    let started = |s: &Staffing| {
        s.hires
            .iter()
            .filter(|h| h.role == Role::Csm && h.start_month as usize <= horizon)
            .count() as u32
    };
    let months_over_cap = months
        .clone()
        .filter(|&t| {
            crate::rules::spend_cap::over_cap(
                csm_spend_ratio(fitted.staff.csm[t], csm_loaded, state.arr[t]),
                company.csm_spend_cap,
            )
        })
        .count() as u32;
    let over_budget = fiscal_years
        .iter()
        .any(|y| y.budget.is_some_and(|b| y.cs_cost > b));
    BudgetFit {
        met: months_over_cap == 0 && !over_budget,
        months_over_cap,
        csm_spend_cap: company.csm_spend_cap,
        cs_budget_per_year: company.cs_budget_per_year.map(round_money),
        rules_csm: rules.staff.csm[horizon],
        csm: fitted.staff.csm[horizon],
        // One way to count: the months the fitted plan's own rows flag short.
        months_short: months
            .clone()
            .filter(|&t| crate::planner::rows::understaffed(state, fitted, t))
            .count() as u32,
        deferred_hires: fitted
            .hires
            .iter()
            .filter(|h| h.rule == RuleId::BudgetFit)
            .count() as u32,
        unfunded_hires: started(rules).saturating_sub(started(fitted)),
        cap_to_staff_rules,
        // A full year's rate: a partial year's cost scaled to twelve months.
        budget_to_staff_rules: round_money(budget_to_staff_rules),
        fiscal_years,
        segments,
        cuts: cuts(cx, detail, rules, fitted, &rules_shares, &fitted_shares),
    }
}

/// The cost of each role in `months`, split into the people in post at the start and the hires
/// kept: what a fiscal year over its budget is made of.
fn overrun(cx: &Context, staffing: &Staffing, months: &[usize]) -> Vec<OverrunCause> {
    Role::ALL
        .iter()
        .filter_map(|&role| {
            let starting = f64::from(cx.base.team.of(role));
            let (mut in_post, mut kept) = (0.0, 0.0);
            for &t in months {
                let cost = staffing.yearly_cost(cx.base, role, t) / 12.0;
                let staff = f64::from(staffing.staff.get_ref(role)[t]);
                if staff > 0.0 {
                    let share = starting.min(staff) / staff;
                    in_post += cost * share;
                    kept += cost * (1.0 - share);
                }
            }
            (in_post + kept >= 0.5).then(|| OverrunCause {
                role,
                in_post_at_start: round_money(in_post),
                hires_kept: round_money(kept),
            })
        })
        .collect()
}

/// What the fitted plan gives up against the rules' plan, in rule budget-fit's order: the
/// external head deferred (1), CSM books lowest return first (3), managers following the
/// funded team (4). Support is funded to its demand and never appears.
fn cuts(
    cx: &Context,
    detail: &Detail,
    rules: &Staffing,
    fitted: &Staffing,
    rules_shares: &[Vec<f64>],
    fitted_shares: &[Vec<f64>],
) -> Vec<BudgetCut> {
    let base = cx.base;
    let horizon = cx.horizon as usize;
    let months = 1..=horizon;
    let label = |t: usize| cx.calendar.month_label(t as u32);
    let cost_of = |s: &Staffing, role: Role, t: usize| s.yearly_cost(base, role, t) / 12.0;
    let mut out = Vec::new();

    // 1. The external head of CS: months the rules' plan has a hired head in post and the
    // fitted plan does not (a promotion may stand in; its cost is netted off).
    let hired = |s: &Staffing, t: usize| s.staff.lead[t].saturating_sub(s.directors[t]);
    let head_months: Vec<usize> = months
        .clone()
        .filter(|&t| hired(rules, t) > hired(fitted, t))
        .collect();
    if let Some(&first) = head_months.first() {
        let saved: f64 = months
            .clone()
            .map(|t| cost_of(rules, Role::Lead, t) - cost_of(fitted, Role::Lead, t))
            .sum();
        let stand_in = fitted
            .hires
            .iter()
            .find(|h| h.kind == HireKind::Promotion && h.role == Role::Lead)
            .map(|h| h.start.clone());
        out.push(BudgetCut {
            stand_in,
            step: budget_fit::STEP_HEAD,
            role: Role::Lead,
            segment: None,
            period: label(first),
            months: head_months.len() as u32,
            fte: 1.0,
            amount: round_money(saved.max(0.0)),
            churned_arr_at_risk: None,
            at_risk_period: None,
            hours_unserved: None,
        });
    }

    // A role the fitted plan holds below the rules' plan: the months it has fewer, the most it
    // has fewer by, and what that saves (steps 2 and 4).
    let role_cut = |role: Role, step| -> Option<(BudgetCut, Vec<usize>)> {
        let (of_rules, of_fitted) = (rules.staff.get_ref(role), fitted.staff.get_ref(role));
        let fewer = |t: usize| of_rules[t].saturating_sub(of_fitted[t]);
        let fewer_months: Vec<usize> = months.clone().filter(|&t| fewer(t) > 0).collect();
        let &first = fewer_months.first()?;
        let saved: f64 = months
            .clone()
            .map(|t| cost_of(rules, role, t) - cost_of(fitted, role, t))
            .sum();
        let cut = BudgetCut {
            step,
            role,
            segment: None,
            period: label(first),
            months: fewer_months.len() as u32,
            fte: f64::from(fewer_months.iter().map(|&t| fewer(t)).max().unwrap_or(0)),
            amount: round_money(saved.max(0.0)),
            churned_arr_at_risk: None,
            at_risk_period: None,
            stand_in: None,
            hours_unserved: None,
        };
        Some((cut, fewer_months))
    };

    // 2. Onboarding above its demand rounded down: the months the fitted team is smaller, and
    // the most hours a month left unserved.
    if let Some((mut cut, onboarding_months)) =
        role_cut(Role::Onboarding, budget_fit::STEP_ONBOARDING)
    {
        let hours = base.onboarding.billable_hours_per_month;
        let unserved = fitted.onboarding_need.as_ref().map(|need| {
            onboarding_months
                .iter()
                .map(|&t| {
                    let capacity =
                        f64::from(fitted.staff.onboarding[t]) * onboarding_demand::MAX_UTILISATION;
                    (need.get(t).copied().unwrap_or(0.0) - capacity).max(0.0) * hours
                })
                .fold(0.0, f64::max)
        });
        cut.hours_unserved = unserved.map(|h| round_to(h, 0));
        out.push(cut);
    }

    // 3. CSM books, lowest return first.
    let csm_loaded = base.salaries.of(Role::Csm);
    let max_load = base.company.max_load;
    let mut books: Vec<(f64, BudgetCut)> = Vec::new();
    for (i, s) in cx.state.segments.iter().enumerate() {
        let Some(series) = detail.segments[i].as_ref() else {
            continue;
        };
        let short = |t: usize| rules_shares[i][t] - fitted_shares[i][t];
        let short_months: Vec<usize> = months.clone().filter(|&t| short(t) >= 0.005).collect();
        let Some(&first) = short_months.first() else {
            continue;
        };
        let at_risk = |t: usize| {
            let need = series.need[t];
            let cover = |fte: f64| crate::rules::coverage_response::coverage(fte, need, max_load);
            series.arr[t]
                * s.annual_churn
                * (cover(rules_shares[i][t]) - cover(fitted_shares[i][t]))
        };
        let worst = short_months
            .iter()
            .copied()
            .max_by(|&a, &b| at_risk(a).total_cmp(&at_risk(b)).then(b.cmp(&a)))
            .unwrap_or(first);
        let fte = short_months.iter().map(|&t| short(t)).fold(0.0, f64::max);
        let amount: f64 = short_months
            .iter()
            .map(|&t| short(t) * csm_loaded / 12.0)
            .sum();
        let ret = budget_fit::book_return(
            series.arr[first] * s.annual_churn,
            series.need[first],
            csm_loaded,
        );
        books.push((
            ret,
            BudgetCut {
                step: budget_fit::STEP_BOOKS,
                role: Role::Csm,
                segment: Some(s.segment.name.clone()),
                period: label(first),
                months: short_months.len() as u32,
                fte: round_to(fte, 2),
                amount: round_money(amount),
                churned_arr_at_risk: Some(round_money(at_risk(worst).max(0.0))),
                at_risk_period: Some(label(worst)),
                stand_in: None,
                hours_unserved: None,
            },
        ));
    }
    books.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.extend(books.into_iter().map(|(_, cut)| cut));

    // 4. Managers follow the funded team's span.
    if let Some((cut, _)) = role_cut(Role::Manager, budget_fit::STEP_MANAGERS) {
        out.push(cut);
    }
    out
}

pub(super) fn warnings(cx: &Context, fit: &BudgetFit) -> Vec<Warning> {
    let currency = cx.base.company.currency.as_str();
    let mut out = Vec::new();
    for year in &fit.fiscal_years {
        let Some(over) = year
            .budget
            .map(|b| (year.cs_cost - b) as f64)
            .filter(|&over| over >= 1.0)
        else {
            continue;
        };
        out.push(Warning {
            rule: RuleId::BudgetFit,
            kind: WarningKind::Assumption,
            period: Some(year.period.clone()),
            message: format!(
                "CS cost {}, {} over the budget of {} for the year: {}; support is funded to its demand \
                 first (first-cs-org: never too few support resources) and csplan plans no one letting go",
                money_compact(year.cs_cost as f64, currency),
                money_compact(over, currency),
                money_compact(year.budget.unwrap_or(0) as f64, currency),
                budget_fit::overrun_words(
                    &year
                        .overrun
                        .iter()
                        .map(|c| (c.role, c.in_post_at_start, c.hires_kept))
                        .collect::<Vec<_>>(),
                    |amount| money_compact(amount as f64, currency),
                ),
            ),
        });
    }
    for year in &fit.fiscal_years {
        let Some(yearly) = year
            .year_budget
            .filter(|&b| year.ends_inside && year.budget.is_none() && year.run_rate > b)
        else {
            continue;
        };
        out.push(Warning {
            rule: RuleId::BudgetFit,
            kind: WarningKind::Assumption,
            period: Some(year.period.clone()),
            message: budget_fit::tail_year_note(
                &year.period,
                year.months,
                &money_compact(year.run_rate as f64, currency),
                &money_compact(yearly as f64, currency),
            ),
        });
    }
    if fit.months_short == 0 && fit.unfunded_hires == 0 {
        return out;
    }
    let limits = match fit.cs_budget_per_year {
        Some(b) => format!(
            "the {} cap and a budget of {} a year",
            percent(fit.csm_spend_cap),
            money_compact(b as f64, currency)
        ),
        None if fit.fiscal_years.iter().any(|y| y.budget.is_some()) => format!(
            "the {} cap and the budgets [budget] names",
            percent(fit.csm_spend_cap)
        ),
        None => format!("the {} cap", percent(fit.csm_spend_cap)),
    };
    let needs = fit.needs(|amount| money_compact(amount as f64, currency));
    let first_short = (1..=cx.horizon).find(|&t| {
        fit.segments
            .iter()
            .any(|s| s.months_short > 0 && s.period == cx.calendar.month_label(t))
    });
    out.push(Warning {
        rule: RuleId::BudgetFit,
        kind: WarningKind::Understaffed,
        period: first_short.map(|t| cx.calendar.month_label(t)),
        message: format!(
            "within {limits}: {} CSM hire{} later than the rules' plan and {} {} not funded in the horizon, \
             {} month{} short of the need ({} CSMs against the rules' {} at the end); staffing the rules needs \
             {needs} (first-cs-org: spending much more than 10% means looking again at product fit for the \
             segments served)",
            fit.deferred_hires,
            if fit.deferred_hires == 1 { " starts" } else { "s start" },
            fit.unfunded_hires,
            if fit.unfunded_hires == 1 { "is" } else { "are" },
            fit.months_short,
            if fit.months_short == 1 { "" } else { "s" },
            fit.csm,
            fit.rules_csm,
        ),
    });
    out
}
