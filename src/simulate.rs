//! Monte Carlo over a base's ranges (SPEC §6, `csplan plan --simulate N --seed S`): N runs,
//! each a plan of the base with every ranged value drawn once, and per period the P10, P50 and
//! P90 of ARR, CSM need, CSM and total CS headcount and CS cost, with the share of runs that
//! break the CSM spend cap. Each run is planned by the same code as [`crate::plan()`]; only the
//! parts no band reads (per-segment rows, warnings, benchmarks) are left out.
//!
//! With `[workforce] attrition`, each run also draws its leavers (rule `attrition-backfill`):
//! every month each team (CSMs, support, onboarding) loses a binomial draw of its people in
//! post at `attrition / 12` each, in place of the plan's even schedule, and each leaver is
//! backfilled a hiring lead later, the team one short until then ([`draw_leavers`]).
//!
//! Deterministic whatever the number of threads: run `i` draws from its own ChaCha8 stream
//! (seed `S`, stream `i`), runs are collected in order, and percentiles are nearest-rank (an
//! actual run's value, never an interpolation: `7 CSMs`, not `6.6`).
//!
//! ```
//! let base = csplan::input::parse(r#"
//!     [company]
//!     name = "Acme"
//!     [[segment]]
//!     name = "SMB"
//!     customers = 300
//!     arpa = 6000
//!     annual_churn = { low = 0.10, high = 0.25 }
//!     new_per_month = { low = 4, high = 12, mode = 6 }
//! "#).unwrap();
//! let options = csplan::simulate::SimulationOptions { runs: 200, seed: 7, ..Default::default() };
//! let sim = csplan::simulate::simulate(&base, &Default::default(), &options, &|| {}).unwrap();
//! let last = sim.timeline.last().unwrap();
//! assert!(last.csm.p10 <= last.csm.p50 && last.csm.p50 <= last.csm.p90);
//! ```

use rand::SeedableRng;
use rand::distr::Distribution;
use rand::rngs::ChaCha8Rng;
use rand_distr::Binomial;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::format::round_to;
use crate::model::{Base, Role, Stance};
use crate::plan::{Hire, HireKind, PeriodKind, Plan};
use crate::planner::plan_figures;
use crate::rules::{RuleId, spend_cap};
use crate::uncertainty::{Shape, ranged_values, sample_segment};
use crate::{PlanError, PlanOptions, plan};

/// Most runs one simulation makes. Each run keeps about 40 bytes per period until the
/// percentiles are taken: 100,000 runs of a 24-month plan hold about 100 MB.
pub const MAX_RUNS: u32 = 100_000;

/// Most work one simulation does, in units of one segment planned for one month:
/// runs × (segments × months planned + [`HIRE_WORK`] × hires of the plan). Some 20 s of CPU,
/// about ten seconds on two cores; 10,000 runs of a 10-segment, 24-month base are 2.7 million.
pub const MAX_WORK: u64 = 400_000_000;

/// Units of work one hire costs a run: measured on a release build, a hire (with its
/// attrition backfill and the rows it changes) takes about as long as 17 segment-months
/// (0.8 µs against 47 ns).
pub const HIRE_WORK: u64 = 16;

/// Most periods the runs keep together until the percentiles are taken: runs × periods
/// shown. Each kept period takes about 48 bytes, so this is some 200 MB; 100,000 runs of a
/// 120-month plan (12 million, 519 MB) are refused, 100,000 runs of 24 months fit.
pub const MAX_KEPT_PERIODS: u64 = 4_000_000;

/// The layout version of a simulation's JSON; changes only when a field changes meaning or
/// disappears.
pub const SIMULATION_SCHEMA_VERSION: u32 = 1;

/// How to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationOptions {
    /// Number of runs, 1..=[`MAX_RUNS`].
    pub runs: u32,
    /// Seed of the random draws: the same seed gives the same result.
    pub seed: u64,
    /// Bands per month or per quarter (a quarter's state at its end, its cost summed, over
    /// the cap when any of its months is).
    pub period: PeriodKind,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        Self {
            runs: 1_000,
            seed: 0,
            period: PeriodKind::Month,
        }
    }
}

/// Why a simulation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimulationError {
    /// The number of runs is outside 1..=[`MAX_RUNS`].
    #[error("a simulation makes 1 to {MAX_RUNS} runs, not {0}")]
    Runs(u32),
    /// The base, at the central value of each range, cannot be planned.
    #[error("{0}")]
    Base(PlanError),
    /// The runs asked for are more work than [`MAX_WORK`].
    #[error(
        "{runs} runs × ({segments} segments × {months} months + {HIRE_WORK} × {hires} hires) = \
         {work} units of work, more than the {MAX_WORK} a simulation does (about ten seconds): \
         ask for at most {most_runs} runs (--simulate {most_runs}), or plan fewer segments or \
         months"
    )]
    TooMuchWork {
        /// Runs asked for.
        runs: u32,
        /// Segments of the base.
        segments: usize,
        /// Months planned in each run (the horizon and the hiring lead).
        months: u32,
        /// Hires of the plan at the central values.
        hires: usize,
        /// The product.
        work: u64,
        /// The most runs within the budget.
        most_runs: u64,
    },
    /// The runs asked for would keep more periods than [`MAX_KEPT_PERIODS`].
    #[error(
        "{runs} runs × {periods} periods = {kept} periods kept until the percentiles are taken, \
         more than the {MAX_KEPT_PERIODS} a simulation keeps (about 200 MB): ask for at most \
         {most_runs} runs (--simulate {most_runs}), or bands per quarter (--period quarter)"
    )]
    TooMuchMemory {
        /// Runs asked for.
        runs: u32,
        /// Periods each run keeps.
        periods: usize,
        /// The product.
        kept: u64,
        /// The most runs that fit.
        most_runs: u64,
    },
    /// One run's draws gave a base that cannot be planned.
    #[error("run {run} of the simulation (seed {seed}) cannot be planned: {error}")]
    Plan {
        /// The run, 1-based.
        run: u32,
        /// The seed.
        seed: u64,
        /// Why.
        error: PlanError,
    },
}

/// P10, P50 and P90 of one figure over the runs: the values below which 10%, 50% and 90% of
/// the runs fall (nearest rank).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Band<T> {
    /// 10th percentile.
    pub p10: T,
    /// Median.
    pub p50: T,
    /// 90th percentile.
    pub p90: T,
}

/// The result of a simulation: bands per period, and what was drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Simulation {
    /// Always 1 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote it (`csplan --version`).
    pub csplan_version: String,
    /// `[company] name`.
    pub company: String,
    /// Currency label of every amount.
    pub currency: String,
    /// The stance planned in every run.
    pub stance: Stance,
    /// `month` or `quarter`: what one timeline row covers.
    pub period: PeriodKind,
    /// Runs made.
    pub runs: u32,
    /// Seed of the draws.
    pub seed: u64,
    /// The CSM spend cap the `p_over_cap` figures test (fraction of ARR).
    pub csm_spend_cap: f64,
    /// `[workforce] attrition`: the share of each team leaving per year, drawn in every run as
    /// a binomial number of leavers a month (0: nobody leaves).
    #[serde(default)]
    pub attrition: f64,
    /// Every ranged input value, in file order.
    pub ranges: Vec<SimulatedRange>,
    /// One row of bands per period.
    pub timeline: Vec<SimulatedRow>,
    /// Bands of the sums over the horizon.
    pub totals: SimulatedTotals,
}

/// One input value given as a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SimulatedRange {
    /// The segment's name.
    pub segment: String,
    /// The input key: `annual_churn`, `annual_expansion`, `new_per_month`, `churn_trend` or
    /// `arpa_growth`.
    pub key: String,
    /// Lowest value.
    pub low: f64,
    /// Highest value.
    pub high: f64,
    /// `uniform` or `triangular`.
    pub shape: Shape,
    /// Most likely value of a triangular range.
    pub mode: Option<f64>,
    /// The value a plain `csplan plan` uses: the mode, else the midpoint.
    pub planned: f64,
}

/// One period's bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SimulatedRow {
    /// `2027-03`, `2027-Q1`, `FY2028`, `M3`, `Q1` or `Y1`.
    pub period: String,
    /// Plan month of the period's end (1-based).
    pub month: u32,
    /// Plan months the period holds (fewer than a whole quarter or year when partial).
    pub period_months: u32,
    /// The plan starts or ends inside the period.
    pub partial: bool,
    /// Run-rate ARR at the end of the period.
    pub arr: Band<i64>,
    /// CSM need in FTE at the end of the period.
    pub csm_need_fte: Band<f64>,
    /// CSMs in post.
    pub csm: Band<u32>,
    /// All CS roles in post: CSMs, support, onboarding and the head of CS.
    pub headcount: Band<u32>,
    /// Cost of all CS roles during the period.
    pub cs_cost: Band<i64>,
    /// Share of runs in which CSM spend breaks the cap in this period (0..=1).
    pub p_over_cap: f64,
}

/// Bands of the sums over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SimulatedTotals {
    /// Cost of all CS roles over the horizon.
    pub cs_cost: Band<i64>,
    /// People starting within the horizon, all roles.
    pub hires: Band<u32>,
    /// Periods over the CSM spend cap.
    pub periods_over_cap: Band<u32>,
    /// Share of runs that break the cap in at least one period (0..=1).
    pub p_over_cap_any: f64,
}

/// What one run leaves for the percentiles.
#[derive(Debug, Clone)]
struct Outcome {
    periods: Vec<PeriodOutcome>,
    cs_cost: i64,
    hires: u32,
    periods_over_cap: u32,
}

#[derive(Debug, Clone, Copy)]
struct PeriodOutcome {
    arr: i64,
    csm_need_fte: f64,
    csm: u32,
    headcount: u32,
    cs_cost: i64,
    over_cap: bool,
}

impl Outcome {
    fn of(plan: &Plan) -> Self {
        Self {
            periods: plan
                .timeline
                .iter()
                .map(|r| PeriodOutcome {
                    arr: r.arr,
                    csm_need_fte: r.csm_need_fte,
                    csm: r.csm,
                    headcount: r.csm + r.support + r.onboarding + r.lead,
                    cs_cost: r.cs_cost,
                    over_cap: r.over_cap,
                })
                .collect(),
            cs_cost: plan.totals.cs_cost,
            hires: Role::ALL
                .iter()
                .fold(0u32, |t, &r| t.saturating_add(plan.totals.hires.get(r))),
            periods_over_cap: plan.totals.periods_over_cap,
        }
    }
}

/// Simulates `options.runs` plans of `base`, each with its ranged values drawn anew, planned
/// with `plan_options`. `progress` is called once per finished run, from any thread.
///
/// A base without ranges gives every run the same plan; it is planned once.
pub fn simulate(
    base: &Base,
    plan_options: &PlanOptions,
    options: &SimulationOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<Simulation, SimulationError> {
    if !(1..=MAX_RUNS).contains(&options.runs) {
        return Err(SimulationError::Runs(options.runs));
    }
    let seed = options.seed;
    let ranged = ranged_values(base) > 0;
    let leaving = base.workforce.attrition > 0.0;
    let plan_run = |drawn: &Base, run: u32| {
        plan_figures(drawn, plan_options).map_err(|error| SimulationError::Plan {
            run: run + 1,
            seed,
            error,
        })
    };
    // Without ranges every run plans the same base: planned once, the leavers drawn per run
    // (its hires, which no band reads, kept apart so a run copies only its rows).
    let fixed = match (ranged, leaving) {
        (false, true) => {
            let mut plan = plan_run(base, 0)?;
            let hires = std::mem::take(&mut plan.hires);
            Some((plan, hires))
        }
        _ => None,
    };
    let one_run = |run: u32| -> Result<Outcome, SimulationError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(u64::from(run));
        let (mut planned, hires) = match &fixed {
            Some((plan, hires)) => (plan.clone(), std::borrow::Cow::Borrowed(hires)),
            None => {
                let drawn = Base {
                    segments: base
                        .segments
                        .iter()
                        .map(|s| sample_segment(s, &mut rng))
                        .collect(),
                    ..base.clone()
                };
                let mut plan = plan_run(&drawn, run)?;
                let hires = std::mem::take(&mut plan.hires);
                (plan, std::borrow::Cow::Owned(hires))
            }
        };
        // After the ranges, from the same stream: a base without attrition draws as before.
        if leaving {
            draw_leavers(base, &mut planned, &hires, &mut rng);
        }
        let shown = planned.by_period(options.period);
        progress();
        Ok(Outcome::of(&shown))
    };

    // The point plan gives the header fields (and, with neither ranges nor attrition, every
    // run), and the size of a run.
    let point = plan(base, plan_options).map_err(SimulationError::Base)?;
    check_memory(&point, options)?;
    if ranged || leaving {
        check_work(base, plan_options, &point, options.runs)?;
    }
    let outcomes: Vec<Outcome> = if !ranged && !leaving {
        let only = one_run(0)?;
        (1..options.runs).for_each(|_| progress());
        vec![only; options.runs as usize]
    } else {
        let results: Vec<Result<Outcome, SimulationError>> =
            (0..options.runs).into_par_iter().map(one_run).collect();
        // The first failing run by index, whatever order the threads finished in.
        results.into_iter().collect::<Result<_, _>>()?
    };
    Ok(summarise(base, &point, options, &outcomes))
}

/// Rule `attrition-backfill` drawn: replaces the even schedule of leavers in the monthly
/// `plan` (whose `hires` are given apart) by a binomial draw each month for each team (CSMs, support, onboarding): of the `n`
/// people in post at the end of the month before, each leaves with probability
/// `attrition / 12`, the plan's own monthly share, so the draws centre on the plan. Each
/// leaver opens a backfill that starts a hiring lead later, and the team is one short until
/// then, as in the plan.
///
/// The plan's staff before attrition (its headcount with the dips of its own backfills put
/// back) is kept, and only what the bands read follows the draws: each month's headcount by
/// role, cost, CSM spend ratio and cap, leavers, backfills and starts, and the totals of
/// cost, hires and months over the cap. The plan's other decisions stand as planned.
fn draw_leavers(base: &Base, plan: &mut Plan, hires: &[Hire], rng: &mut ChaCha8Rng) {
    let rate = (base.workforce.attrition / 12.0).clamp(0.0, 1.0);
    let lead = base.company.hire_lead_months as usize;
    let months = plan.timeline.len();
    // Index t is plan month t; 0 is the start.
    let in_post_of = |plan: &Plan, role: Role, t: usize| -> u32 {
        if t == 0 {
            plan.assumptions.starting_team.get(role)
        } else {
            team_of(&plan.timeline[t - 1], role)
        }
    };
    let mut leavers_total = vec![0u32; months + 1];
    let mut starts_change = vec![0i64; months + 1];
    let mut delta_cost = vec![0.0f64; months + 1];
    let mut csm_changed = vec![false; months + 1];
    for role in [Role::Csm, Role::Support, Role::Onboarding] {
        let mut hires_change = 0i64;
        // The plan's own leavers: its attrition backfills, each a dip from the month the
        // person leaves (the requisition opens) to the backfill's start.
        let mut dips = vec![0u32; months + 1];
        for h in hires.iter().filter(|h| {
            h.role == role && h.kind == HireKind::Backfill && h.rule == RuleId::AttritionBackfill
        }) {
            let (open, start) = (h.open_month as usize, h.start_month as usize);
            for dip in dips.iter_mut().take(start.min(months + 1)).skip(open) {
                *dip += 1;
            }
            if start >= 1 && start <= months {
                starts_change[start] -= 1;
                hires_change -= 1;
            }
        }
        let seats: Vec<u32> = (0..=months)
            .map(|t| in_post_of(plan, role, t) + if t == 0 { 0 } else { dips[t] })
            .collect();
        let mut drawn = vec![0u32; months + 1];
        let mut in_post = vec![0u32; months + 1];
        in_post[0] = seats[0];
        for t in 1..=months {
            let n = in_post[t - 1];
            drawn[t] = match Binomial::new(u64::from(n), rate) {
                Ok(binomial) => binomial.sample(rng) as u32,
                Err(_) => 0,
            };
            // Away: the leavers of the last `lead` months, their backfills not started yet.
            let away: u32 = ((t + 1).saturating_sub(lead).max(1)..=t)
                .map(|s| drawn[s])
                .sum();
            in_post[t] = seats[t].saturating_sub(away);
            leavers_total[t] += drawn[t];
            let start = t + lead;
            if start <= months {
                starts_change[start] += i64::from(drawn[t]);
                hires_change += i64::from(drawn[t]);
            }
        }
        let hires = plan.totals.hires.get_mut(role);
        *hires = u32::try_from(i64::from(*hires) + hires_change).unwrap_or(0);
        let monthly = base.salaries.of(role) / 12.0;
        for t in 1..=months {
            let row = &mut plan.timeline[t - 1];
            let change = i64::from(in_post[t]) - i64::from(team_of(row, role));
            if change == 0 {
                continue;
            }
            *team_mut(row, role) = in_post[t];
            delta_cost[t] += change as f64 * monthly;
            if let Some(exact) = row.cost_exact.0.as_mut() {
                *exact.get_mut(role) += change as f64 * monthly;
                *row.cost.get_mut(role) = crate::format::round_money(exact.get(role));
            }
            csm_changed[t] |= role == Role::Csm;
        }
    }
    let cap = base.company.csm_spend_cap;
    let mut total_exact = 0.0;
    for t in 1..=months {
        let row = &mut plan.timeline[t - 1];
        row.leavers = leavers_total[t];
        row.backfills = u32::try_from(i64::from(row.backfills) + starts_change[t]).unwrap_or(0);
        row.new_hires = u32::try_from(i64::from(row.new_hires) + starts_change[t]).unwrap_or(0);
        let exact = match row.cost_exact.0 {
            Some(e) => Role::ALL.iter().map(|&r| e.get(r)).sum(),
            None => row.cs_cost as f64 + delta_cost[t],
        };
        row.cs_cost = crate::format::round_money(exact);
        total_exact += exact;
        if csm_changed[t] {
            let ratio =
                spend_cap::csm_spend_ratio(row.csm, base.salaries.of(Role::Csm), row.arr as f64);
            row.csm_spend_ratio = ratio.map(|r| round_to(r, 4));
            row.over_cap = spend_cap::over_cap(ratio, cap);
        }
    }
    plan.totals.cs_cost = crate::format::round_money(total_exact);
    plan.totals.periods_over_cap = plan.timeline.iter().filter(|r| r.over_cap).count() as u32;
}

/// The people of `role` in post in `row` (the roles that leave).
fn team_of(row: &crate::plan::Row, role: Role) -> u32 {
    match role {
        Role::Csm => row.csm,
        Role::Support => row.support,
        _ => row.onboarding,
    }
}

fn team_mut(row: &mut crate::plan::Row, role: Role) -> &mut u32 {
    match role {
        Role::Csm => &mut row.csm,
        Role::Support => &mut row.support,
        _ => &mut row.onboarding,
    }
}

/// Refuses runs past [`MAX_WORK`] before any is made.
fn check_work(
    base: &Base,
    plan_options: &PlanOptions,
    point: &Plan,
    runs: u32,
) -> Result<(), SimulationError> {
    let months =
        plan_options.months.unwrap_or(base.company.horizon_months) + base.company.hire_lead_months;
    let segments = base.segments.len();
    let hires = point.hires.len();
    let per_run = (segments as u64 * u64::from(months) + HIRE_WORK * hires as u64).max(1);
    let work = per_run * u64::from(runs);
    if work <= MAX_WORK {
        return Ok(());
    }
    Err(SimulationError::TooMuchWork {
        runs,
        segments,
        months,
        hires,
        work,
        most_runs: MAX_WORK / per_run,
    })
}

/// Refuses runs that would keep more than [`MAX_KEPT_PERIODS`] periods, before any is made
/// (a base without ranges keeps as many: one outcome per run).
fn check_memory(point: &Plan, options: &SimulationOptions) -> Result<(), SimulationError> {
    let periods = point.by_period(options.period).timeline.len();
    let kept = u64::from(options.runs) * periods as u64;
    if kept <= MAX_KEPT_PERIODS {
        return Ok(());
    }
    Err(SimulationError::TooMuchMemory {
        runs: options.runs,
        periods,
        kept,
        most_runs: MAX_KEPT_PERIODS / periods.max(1) as u64,
    })
}

fn summarise(
    base: &Base,
    point: &Plan,
    options: &SimulationOptions,
    outcomes: &[Outcome],
) -> Simulation {
    let shown = point.by_period(options.period).timeline;
    let runs = outcomes.len() as f64;
    let share = |count: usize| round_to(count as f64 / runs, 4);
    let timeline = shown
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let at = |f: fn(&PeriodOutcome) -> i64| -> Vec<i64> {
                outcomes.iter().map(|o| f(&o.periods[i])).collect()
            };
            let count = |f: fn(&PeriodOutcome) -> u32| -> Vec<u32> {
                outcomes.iter().map(|o| f(&o.periods[i])).collect()
            };
            let need: Vec<f64> = outcomes.iter().map(|o| o.periods[i].csm_need_fte).collect();
            SimulatedRow {
                period: row.period.clone(),
                month: row.month,
                period_months: row.period_months,
                partial: row.partial,
                arr: band(at(|p| p.arr)),
                csm_need_fte: band(need),
                csm: band(count(|p| p.csm)),
                headcount: band(count(|p| p.headcount)),
                cs_cost: band(at(|p| p.cs_cost)),
                p_over_cap: share(outcomes.iter().filter(|o| o.periods[i].over_cap).count()),
            }
        })
        .collect();
    let ranges = base
        .segments
        .iter()
        .flat_map(|s| {
            s.ranges.iter().map(|(key, range)| SimulatedRange {
                segment: s.name.clone(),
                key: key.to_string(),
                low: range.low,
                high: range.high,
                shape: range.shape(),
                mode: range.mode,
                planned: round_to(range.central(), 6),
            })
        })
        .collect();
    Simulation {
        schema_version: SIMULATION_SCHEMA_VERSION,
        csplan_version: crate::CSPLAN_VERSION.to_owned(),
        company: point.company.clone(),
        currency: point.currency.clone(),
        stance: point.stance,
        period: options.period,
        runs: options.runs,
        seed: options.seed,
        csm_spend_cap: point.assumptions.csm_spend_cap,
        attrition: round_to(base.workforce.attrition, 4),
        ranges,
        timeline,
        totals: SimulatedTotals {
            cs_cost: band(outcomes.iter().map(|o| o.cs_cost).collect()),
            hires: band(outcomes.iter().map(|o| o.hires).collect()),
            periods_over_cap: band(outcomes.iter().map(|o| o.periods_over_cap).collect()),
            p_over_cap_any: share(outcomes.iter().filter(|o| o.periods_over_cap > 0).count()),
        },
    }
}

/// The nearest-rank P10, P50 and P90 of `values` (not empty).
fn band<T: Copy + PartialOrd>(mut values: Vec<T>) -> Band<T> {
    // Every value is finite (a plan never holds NaN), so the order is total.
    values.sort_unstable_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Band {
        p10: nearest_rank(&values, 10),
        p50: nearest_rank(&values, 50),
        p90: nearest_rank(&values, 90),
    }
}

/// The smallest value with at least `percent`% of `sorted` at or below it.
fn nearest_rank<T: Copy>(sorted: &[T], percent: usize) -> T {
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_picks_actual_values() {
        let values: Vec<u32> = (1..=10).collect();
        assert_eq!(nearest_rank(&values, 10), 1);
        assert_eq!(nearest_rank(&values, 50), 5);
        assert_eq!(nearest_rank(&values, 90), 9);
        assert_eq!(nearest_rank(&[4], 10), 4);
        assert_eq!(nearest_rank(&[4], 90), 4);
        // 20 values: P10 is the 2nd, P90 the 18th.
        let values: Vec<u32> = (1..=20).collect();
        assert_eq!(
            band(values),
            Band {
                p10: 2,
                p50: 10,
                p90: 18
            }
        );
        assert_eq!(
            band(vec![3.5, 1.25, 2.0]),
            Band {
                p10: 1.25,
                p50: 2.0,
                p90: 3.5
            }
        );
    }
}
