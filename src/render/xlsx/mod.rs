//! `--format xlsx`: a workbook a finance partner can work in (SPEC §5).
//!
//! - **Assumptions**: the figures the plan rests on; the loaded cost of each role and the
//!   CSM spend cap are *named cells* (`CSM_Loaded_Cost`, `Support_Loaded_Cost`,
//!   `Onboarding_Loaded_Cost`, `Lead_Loaded_Cost`, `Manager_Loaded_Cost`, `CSM_Spend_Cap`,
//!   also `ARR_Per_CSM` and `Hire_Lead_Months`), then one row per segment.
//! - **Timeline**: one row per month. ARR, logos, need and headcounts (the head of CS
//!   promoted from within among them) are the plan's figures; the cost of each role, the CS
//!   cost, the CSM spend ratio and the over-cap flag are live formulas over the headcounts and
//!   the named cells, so changing a salary on Assumptions moves every cost, ratio and flag. A
//!   promoted head of CS costs the higher of `Manager_Loaded_Cost` and the loaded cost of the
//!   role they left, as the plan costs them (rule head-of-cs). Each formula carries its cached
//!   result, so a reader that does not recalculate shows the same numbers as the JSON.
//! - **Hires**: one row per requisition or promotion, its annual loaded cost a formula over
//!   the named cells.
//! - **Fiscal years** (and **Quarters** with `--period quarter`): sums over the Timeline
//!   (`SUMIF` on its fiscal-year or fiscal-quarter column), so they follow it too; a period
//!   the plan starts or ends inside is marked partial with the months it holds.
//!
//! Text cells are always strings, never formulas; the file holds no timestamp, so the same
//! plan gives the same bytes.

mod cells;
mod csv_sheet;
mod promotion;
mod review;

pub use cells::WorkbookError;
pub use csv_sheet::csv_workbook;
pub use review::review_workbook;

use cells::{Cached, Cells, Styles, check_rows, column};
use promotion::Promoted;
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::model::Role;
use crate::month::{Calendar, YearMonth};
use crate::plan::{HireKind, PeriodKind, Plan};

/// The named cell of each role's loaded annual cost.
fn cost_name(role: Role) -> &'static str {
    match role {
        Role::Csm => "CSM_Loaded_Cost",
        Role::Support => "Support_Loaded_Cost",
        Role::Onboarding => "Onboarding_Loaded_Cost",
        Role::Lead => "Lead_Loaded_Cost",
        Role::Manager => "Manager_Loaded_Cost",
    }
}

/// How a role is titled in the sheets.
fn role_title(role: Role) -> &'static str {
    match role {
        Role::Csm => "CSM",
        Role::Support => "Support",
        Role::Onboarding => "Onboarding",
        Role::Lead => "Head of CS",
        Role::Manager => "Team manager",
    }
}

/// How many roles the Timeline has a headcount and a cost column for.
const ROLES: u16 = Role::ALL.len() as u16;

/// The workbook of a monthly `plan`; with `period` quarter, a Quarters sheet beside the
/// Fiscal years. A plan already in quarters or years is written with its own rows.
pub fn plan_workbook(plan: &Plan, period: PeriodKind) -> Result<Vec<u8>, WorkbookError> {
    check_rows("Timeline", plan.timeline.len())?;
    check_rows("Hires", plan.hires.len())?;
    let mut workbook = cells::workbook(&format!("{}: CS hiring plan", plan.company));
    let styles = Styles::new(&plan.currency);
    let names = assumptions(&mut workbook, plan, &styles)?;
    for (name, cell) in names {
        workbook.define_name(name, &format!("=Assumptions!{cell}"))?;
    }
    let promoted = Promoted::of(plan);
    let timeline = timeline(&mut workbook, plan, &promoted, &styles)?;
    hires(&mut workbook, plan, &promoted, &styles)?;
    if period == PeriodKind::Quarter {
        periods(&mut workbook, plan, &timeline, PeriodKind::Quarter, &styles)?;
    }
    periods(&mut workbook, plan, &timeline, PeriodKind::Year, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

/// Writes the Assumptions sheet; returns each defined name with its absolute cell.
fn assumptions(
    workbook: &mut Workbook,
    plan: &Plan,
    styles: &Styles,
) -> Result<Vec<(&'static str, String)>, XlsxError> {
    let a = &plan.assumptions;
    let mut cells = cells::sheet(workbook, "Assumptions")?;
    cells.header(
        &[
            ("Assumption", 36.0),
            ("Value", 16.0),
            ("Name", 26.0),
            ("Note", 60.0),
        ],
        0,
        &styles.header,
    )?;
    let mut row = 1;
    let mut text_row = |cells: &mut Cells, label: &str, value: &str| -> Result<(), XlsxError> {
        cells.text(row, 0, label, &styles.plain)?;
        cells.text(row, 1, value, &styles.plain)?;
        row += 1;
        Ok(())
    };
    text_row(&mut cells, "Company", &plan.company)?;
    text_row(&mut cells, "Currency", &plan.currency)?;
    text_row(&mut cells, "Stance", &plan.stance.to_string())?;
    text_row(
        &mut cells,
        "First month",
        a.start.as_deref().unwrap_or("M1"),
    )?;
    let mut names = Vec::new();
    let mut named = |cells: &mut Cells,
                     label: &str,
                     value: f64,
                     style: &rust_xlsxwriter::Format,
                     name: Option<&'static str>,
                     note: &str|
     -> Result<(), XlsxError> {
        cells.text(row, 0, label, &styles.plain)?;
        cells.number(row, 1, value, style)?;
        if let Some(name) = name {
            cells.text(row, 2, name, &styles.plain)?;
            names.push((name, format!("$B${}", row + 1)));
        }
        cells.text(row, 3, note, &styles.plain)?;
        row += 1;
        Ok(())
    };
    named(
        &mut cells,
        "Months planned",
        f64::from(a.horizon_months),
        &styles.count,
        None,
        "",
    )?;
    named(
        &mut cells,
        "Fiscal year starts (month)",
        f64::from(a.fiscal_year_start),
        &styles.count,
        None,
        "1 = January; fiscal years are named by the calendar year they end in",
    )?;
    for role in Role::ALL {
        named(
            &mut cells,
            &format!("{} loaded cost per year", role_title(role)),
            a.salaries.get(role) as f64,
            &styles.money,
            Some(cost_name(role)),
            "salary with benefits, taxes and tools; the Timeline and Hires costs follow it",
        )?;
    }
    named(
        &mut cells,
        "CSM spend cap (share of ARR)",
        a.csm_spend_cap,
        &styles.percent,
        Some("CSM_Spend_Cap"),
        "rule spend-cap; the Timeline's over-cap column follows it",
    )?;
    named(
        &mut cells,
        "ARR per CSM",
        a.arr_per_csm as f64,
        &styles.money,
        Some("ARR_Per_CSM"),
        "rule arr-per-csm (sizes the need; the headcounts are the plan's)",
    )?;
    named(
        &mut cells,
        "Hire lead (months)",
        f64::from(a.hire_lead_months),
        &styles.count,
        Some("Hire_Lead_Months"),
        "from opening a requisition to the start date",
    )?;
    segments(&mut cells, plan, row + 1, styles)?;
    Ok(names)
}

/// The segments under the assumptions: one row each.
fn segments(cells: &mut Cells, plan: &Plan, top: usize, styles: &Styles) -> Result<(), XlsxError> {
    let titles = [
        "Segment",
        "Tier",
        "Accounts per CSM",
        "Logos at start",
        "ARPA",
        "Annual churn",
        "Annual expansion",
        "New logos per month",
    ];
    for (col, title) in titles.iter().enumerate() {
        cells.text(top, col as u16, title, &styles.header)?;
    }
    // The segment columns past the assumptions' four.
    cells.sheet.set_column_range_width(4, 7, 14.0)?;
    cells.sheet.set_row_height(top as u32, 30)?;
    for (i, s) in plan.assumptions.segments.iter().enumerate() {
        let row = top + 1 + i;
        cells.text(row, 0, &s.name, &styles.plain)?;
        cells.text(row, 1, &s.tier.to_string(), &styles.plain)?;
        match s.accounts_per_csm {
            Some(n) => cells.number(row, 2, n, &styles.count)?,
            None => cells.text(row, 2, "no CSM", &styles.plain)?,
        }
        cells.number(row, 3, s.customers, &styles.count)?;
        cells.number(row, 4, s.arpa as f64, &styles.money)?;
        cells.number(row, 5, s.annual_churn, &styles.percent)?;
        cells.number(row, 6, s.annual_expansion, &styles.percent)?;
        cells.number(row, 7, s.new_per_month, &styles.fte)?;
    }
    Ok(())
}

/// Timeline columns, in order.
const PERIOD: u16 = 0;
const FISCAL_QUARTER: u16 = 1;
const FISCAL_YEAR: u16 = 2;
const LOGOS: u16 = 3;
const ARR: u16 = 4;
const NEW_ARR: u16 = 5;
const CHURNED_ARR: u16 = 6;
const CSM_NEED: u16 = 7;
/// The headcount columns, CSM first, in the order of [`Role::ALL`].
const HEADCOUNT: u16 = 8;
/// Of the heads of CS, the one promoted from within.
const PROMOTED: u16 = HEADCOUNT + ROLES;
const STARTING: u16 = PROMOTED + 1;
/// The cost columns, in the order of [`Role::ALL`].
const COST: u16 = STARTING + 1;
const CS_COST: u16 = COST + ROLES;
const SPEND_RATIO: u16 = CS_COST + 1;
const OVER_CAP: u16 = SPEND_RATIO + 1;
const OTHER_FLAGS: u16 = OVER_CAP + 1;
/// Rule `coverage-response`: the ARR of books no CSM carries, and its churned ARR a year.
const ARR_AT_RISK: u16 = OTHER_FLAGS + 1;
const CHURNED_AT_RISK: u16 = ARR_AT_RISK + 1;

/// What the period sheets read back from the Timeline: each row's period labels and the
/// cached results of its formulas.
struct TimelineCache {
    quarter: Vec<String>,
    year: Vec<String>,
    starting: Vec<f64>,
    csm_cost: Vec<f64>,
    cs_cost: Vec<f64>,
    over_cap: Vec<bool>,
}

fn timeline(
    workbook: &mut Workbook,
    plan: &Plan,
    promoted: &Promoted,
    styles: &Styles,
) -> Result<TimelineCache, XlsxError> {
    let mut cells = cells::sheet(workbook, "Timeline")?;
    let unit = plan.period.noun(1);
    let per = |what: &str| format!("{what} ({unit})");
    let titles = [
        ("Period".to_string(), 10.0),
        ("Fiscal quarter".to_string(), 11.0),
        ("Fiscal year".to_string(), 9.0),
        ("Logos".to_string(), 8.0),
        ("ARR".to_string(), 13.0),
        (per("New ARR"), 12.0),
        (per("Churned ARR"), 12.0),
        ("CSM need (FTE)".to_string(), 9.0),
        ("CSMs".to_string(), 7.0),
        ("Support".to_string(), 10.0),
        ("Onboarding".to_string(), 13.0),
        ("Head of CS".to_string(), 9.0),
        ("Managers".to_string(), 10.0),
        ("Head of CS promoted from within".to_string(), 11.0),
        (per("People starting"), 10.0),
        (per("CSM cost"), 11.0),
        (per("Support cost"), 11.0),
        (per("Onboarding cost"), 12.0),
        (per("Head of CS cost"), 11.0),
        (per("Managers cost"), 11.0),
        (per("CS cost"), 12.0),
        ("Annual CSM spend / ARR".to_string(), 14.0),
        ("Over CSM spend cap".to_string(), 11.0),
        ("Other flags".to_string(), 18.0),
        ("ARR at risk (books uncovered)".to_string(), 13.0),
        ("Of it, churned ARR a year".to_string(), 12.0),
    ];
    let titles: Vec<(&str, f64)> = titles.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    cells.header(&titles, 1, &styles.header)?;
    cells.sheet.set_row_height(0, 60)?;

    let calendar = Calendar::new(
        plan.assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok()),
    )
    .with_fiscal_year_start(plan.assumptions.fiscal_year_start);
    let salaries = &plan.assumptions.salaries;
    let cap = plan.assumptions.csm_spend_cap;
    let months_per_row = f64::from(plan.period.months());
    let mut cache = TimelineCache {
        quarter: Vec::new(),
        year: Vec::new(),
        starting: Vec::new(),
        csm_cost: Vec::new(),
        cs_cost: Vec::new(),
        over_cap: Vec::new(),
    };
    for (i, r) in plan.timeline.iter().enumerate() {
        let row = i + 1;
        let n = row + 1;
        let at = |col: u16| format!("{}{n}", column(col));
        let quarter = calendar.quarter_of(r.month).1;
        let year = calendar.year_of(r.month).1;
        cells.text(row, PERIOD, &r.period, &styles.plain)?;
        cells.text(row, FISCAL_QUARTER, &quarter, &styles.plain)?;
        cells.text(row, FISCAL_YEAR, &year, &styles.plain)?;
        cells.number(row, LOGOS, r.customers, &styles.count)?;
        cells.number(row, ARR, r.arr as f64, &styles.money)?;
        cells.number(row, NEW_ARR, r.new_arr as f64, &styles.money)?;
        cells.number(row, CHURNED_ARR, r.churned_arr as f64, &styles.money)?;
        cells.number(row, CSM_NEED, r.csm_need_fte, &styles.fte)?;
        let staff = [r.csm, r.support, r.onboarding, r.lead, r.managers];
        for (k, people) in staff.iter().enumerate() {
            cells.number(row, HEADCOUNT + k as u16, f64::from(*people), &styles.count)?;
        }
        let promoted_leads = promoted.in_post(r.lead, r.month);
        cells.number(row, PROMOTED, f64::from(promoted_leads), &styles.count)?;
        cells.number(row, STARTING, f64::from(r.new_hires), &styles.count)?;
        // Cost of each role: headcount × loaded annual cost / 12 a month; of the heads of CS,
        // the one promoted from within at the promoted lead's cost, the others at the lead's.
        let months = if plan.period == PeriodKind::Month {
            String::new()
        } else {
            format!("*{}", plan.period.months())
        };
        let mut costs = [0.0; ROLES as usize];
        for (k, role) in Role::ALL.into_iter().enumerate() {
            let people = at(HEADCOUNT + k as u16);
            let (yearly, formula) = if role == Role::Lead {
                (
                    promoted.lead_cost(salaries, r.lead, r.month),
                    format!(
                        "=(({people}-{p})*{}+{p}*{})/12{months}",
                        cost_name(role),
                        promoted.formula(),
                        p = at(PROMOTED)
                    ),
                )
            } else {
                (
                    f64::from(staff[k]) * salaries.get(role) as f64,
                    format!("={people}*{}/12{months}", cost_name(role)),
                )
            };
            costs[k] = yearly / 12.0 * months_per_row;
            cells.formula(
                row,
                COST + k as u16,
                &formula,
                Cached::Number(costs[k]),
                &styles.money,
            )?;
        }
        let cs_cost = costs.iter().sum::<f64>();
        cells.formula(
            row,
            CS_COST,
            &format!("=SUM({}:{})", at(COST), at(COST + ROLES - 1)),
            Cached::Number(cs_cost),
            &styles.money,
        )?;
        // CSM spend ratio: csm × CSM loaded cost / ARR (annualised); "n/a" with CSMs and no
        // ARR (JSON null), 0 with neither.
        let csm_spend = f64::from(r.csm) * salaries.csm as f64;
        let ratio = if r.arr > 0 {
            Some(csm_spend / r.arr as f64)
        } else if r.csm > 0 {
            None
        } else {
            Some(0.0)
        };
        let (csms, arr) = (at(HEADCOUNT), at(ARR));
        cells.formula(
            row,
            SPEND_RATIO,
            &format!("=IF({arr}>0,{csms}*CSM_Loaded_Cost/{arr},IF({csms}>0,\"n/a\",0))"),
            ratio.map_or(Cached::Text("n/a"), Cached::Number),
            &styles.percent,
        )?;
        let over_cap = ratio.is_none_or(|ratio| ratio > cap);
        let ratio_cell = at(SPEND_RATIO);
        cells.formula(
            row,
            OVER_CAP,
            &format!("=IF(ISNUMBER({ratio_cell}),{ratio_cell}>CSM_Spend_Cap,TRUE)"),
            Cached::Bool(over_cap),
            &styles.plain,
        )?;
        let flags: Vec<&str> = [(r.churn_alarm, "churn alarm"), (r.understaffed, "short")]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
        if !flags.is_empty() {
            cells.text(row, OTHER_FLAGS, &flags.join(", "), &styles.plain)?;
        }
        cells.number(row, ARR_AT_RISK, r.arr_at_risk as f64, &styles.money)?;
        cells.number(
            row,
            CHURNED_AT_RISK,
            r.churned_arr_at_risk as f64,
            &styles.money,
        )?;
        cache.quarter.push(quarter);
        cache.year.push(year);
        cache.starting.push(f64::from(r.new_hires));
        cache.csm_cost.push(costs[0]);
        cache.cs_cost.push(cs_cost);
        cache.over_cap.push(over_cap);
    }
    Ok(cache)
}

fn hires(
    workbook: &mut Workbook,
    plan: &Plan,
    promoted: &Promoted,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut cells = cells::sheet(workbook, "Hires")?;
    cells.header(
        &[
            ("Requisition opens", 11.0),
            ("Starts", 9.0),
            ("Role", 11.0),
            ("Segment", 18.0),
            ("Rule", 16.0),
            ("Sized by", 16.0),
            ("Reason", 70.0),
            ("Annual loaded cost", 13.0),
            ("Starts within the plan", 10.0),
            ("Kind", 10.0),
        ],
        0,
        &styles.header,
    )?;
    cells.sheet.set_row_height(0, 30)?;
    let horizon = plan.timeline.last().map_or(0, |r| r.month);
    for (i, h) in plan.hires.iter().enumerate() {
        let row = i + 1;
        cells.text(row, 0, &h.open, &styles.plain)?;
        cells.text(row, 1, &h.start, &styles.plain)?;
        cells.text(row, 2, role_title(h.role), &styles.plain)?;
        cells.text(row, 3, h.segment.as_deref().unwrap_or(""), &styles.plain)?;
        cells.text(row, 4, &h.rule.to_string(), &styles.plain)?;
        let sized_by = h.sized_by.map(|r| r.to_string()).unwrap_or_default();
        cells.text(row, 5, &sized_by, &styles.plain)?;
        cells.text(row, 6, &h.reason, &styles.plain)?;
        // A promotion costs what the plan costs the promoted lead; any other hire its role's.
        let salaries = &plan.assumptions.salaries;
        let (formula, cost) = if h.kind == HireKind::Promotion && h.role == Role::Lead {
            (promoted.formula(), promoted.cost(salaries))
        } else {
            (cost_name(h.role).to_string(), salaries.get(h.role) as f64)
        };
        cells.formula(
            row,
            7,
            &format!("={formula}"),
            Cached::Number(cost),
            &styles.money,
        )?;
        cells.boolean(row, 8, h.start_month <= horizon)?;
        cells.text(row, 9, h.kind.as_str(), &styles.plain)?;
    }
    Ok(())
}

/// The Quarters or Fiscal years sheet: one row per period, its flows summed from the Timeline
/// with SUMIF over the Timeline's fiscal-quarter or fiscal-year column, then a total row.
fn periods(
    workbook: &mut Workbook,
    plan: &Plan,
    timeline: &TimelineCache,
    kind: PeriodKind,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let (name, key_col, labels) = match kind {
        PeriodKind::Year => ("Fiscal years", FISCAL_YEAR, &timeline.year),
        _ => ("Quarters", FISCAL_QUARTER, &timeline.quarter),
    };
    let mut cells = cells::sheet(workbook, name)?;
    cells.header(
        &[
            (
                if kind == PeriodKind::Year {
                    "Fiscal year"
                } else {
                    "Fiscal quarter"
                },
                11.0,
            ),
            ("Months", 8.0),
            ("Partial", 8.0),
            ("People starting", 9.0),
            ("CSM cost", 13.0),
            ("CS cost", 13.0),
            ("Months over the CSM spend cap", 11.0),
            ("ARR at end", 13.0),
            ("CSMs at end", 8.0),
            ("CS people at end", 8.0),
        ],
        1,
        &styles.header,
    )?;
    cells.sheet.set_row_height(0, 45)?;
    let last = plan.timeline.len() + 1;
    let range = |col: u16| format!("Timeline!${0}$2:${0}${last}", column(col));
    let rows = plan.by_period(kind).timeline;
    for (i, r) in rows.iter().enumerate() {
        let row = i + 1;
        let label = format!("$A${}", row + 1);
        cells.text(row, 0, &r.period, &styles.plain)?;
        cells.number(row, 1, f64::from(r.period_months), &styles.count)?;
        cells.boolean(row, 2, r.partial)?;
        let mine = |values: &[f64]| -> f64 {
            labels
                .iter()
                .zip(values)
                .filter(|(l, _)| **l == r.period)
                .map(|(_, v)| v)
                .sum()
        };
        for (col, source, values, style) in [
            (3, STARTING, &timeline.starting, &styles.count),
            (4, COST, &timeline.csm_cost, &styles.money),
            (5, CS_COST, &timeline.cs_cost, &styles.money),
        ] {
            cells.formula(
                row,
                col,
                &format!("=SUMIF({},{label},{})", range(key_col), range(source)),
                Cached::Number(mine(values)),
                style,
            )?;
        }
        let over: Vec<f64> = timeline
            .over_cap
            .iter()
            .map(|&o| f64::from(u8::from(o)))
            .collect();
        cells.formula(
            row,
            6,
            &format!(
                "=COUNTIFS({},{label},{},TRUE)",
                range(key_col),
                range(OVER_CAP)
            ),
            Cached::Number(mine(&over)),
            &styles.count,
        )?;
        cells.number(row, 7, r.arr as f64, &styles.money)?;
        cells.number(row, 8, f64::from(r.csm), &styles.count)?;
        let people = r.csm + r.support + r.onboarding + r.lead + r.managers;
        cells.number(row, 9, f64::from(people), &styles.count)?;
    }
    // The horizon's total of each summed column.
    let total = rows.len() + 1;
    cells.text(total, 0, "Total", &styles.bold)?;
    let months: u32 = rows.iter().map(|r| r.period_months).sum();
    cells.number(total, 1, f64::from(months), &styles.count)?;
    let sums = [
        (3, timeline.starting.iter().sum::<f64>(), &styles.count),
        (4, timeline.csm_cost.iter().sum(), &styles.money),
        (5, timeline.cs_cost.iter().sum(), &styles.money),
        (
            6,
            timeline.over_cap.iter().filter(|&&o| o).count() as f64,
            &styles.count,
        ),
    ];
    for (col, sum, style) in sums {
        let letter = column(col);
        cells.formula(
            total,
            col,
            &format!("=SUM({letter}2:{letter}{total})"),
            Cached::Number(sum),
            style,
        )?;
    }
    Ok(())
}
