//! `--chart FILE.svg|FILE.png`: the plan as a picture for a deck. Three panels share the period
//! axis:
//!
//! - **ARR** at the end of each period;
//! - **the team**: people in post by role as stacked bars, with a marker over each period in
//!   which requisitions open (and how many);
//! - **cost a month**: the CSMs' cost as bars against the **spend cap** in money
//!   (`csm_spend_cap × ARR / 12`), which applies to CSM cost only, and the cost of the whole
//!   CS team as a line above them; periods over the cap are shaded. A CSM bar above the cap
//!   line is a period over the cap, and only then.
//!
//! The SVG names DejaVu Sans; the PNG is drawn from it by resvg with that font bundled.

mod png;
mod svg;

use crate::format::{money, money_tick, percent};
use crate::plan::{PeriodKind, Plan, Row};
use svg::{Anchor, Font, Svg, text_width};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 940;
/// The plot area's left and right edges (axis labels sit left of it).
const LEFT: f64 = 104.0;
const RIGHT: f64 = 1168.0;

const INK: &str = "#282C34";
const MUTED: &str = "#5C6370";
const GRID: &str = "#E1E4E8";
const ARR: &str = "#2C3E50";
const CAP: &str = "#C0392B";
const OVER_CAP: &str = "#FAE2DE";
const CS_COST: &str = "#282C34";
const OPENS: &str = "#D35400";

/// A role in the team panel: its legend name, colour and headcount in a row; bottom to top.
struct RoleBar {
    name: &'static str,
    colour: &'static str,
    count: fn(&Row) -> u32,
}

const ROLES: [RoleBar; 5] = [
    RoleBar {
        name: "CSMs",
        colour: "#1F5F99",
        count: |r| r.csm,
    },
    RoleBar {
        name: "Support",
        colour: "#56A06F",
        count: |r| r.support,
    },
    RoleBar {
        name: "Onboarding",
        colour: "#E6A53C",
        count: |r| r.onboarding,
    },
    RoleBar {
        name: "Head of CS",
        colour: "#8A5FB0",
        count: |r| r.lead,
    },
    RoleBar {
        name: "Managers",
        colour: "#B8607A",
        count: |r| r.managers,
    },
];

/// The plan as an SVG document.
pub fn render_chart(plan: &Plan) -> String {
    draw(plan).finish()
}

/// The plan as a PNG image (the SVG drawn at twice its size).
pub fn render_chart_png(plan: &Plan) -> Vec<u8> {
    png::rasterise(&render_chart(plan))
}

/// The period axis: where period `i` is drawn, and which periods are labelled.
struct Axis {
    periods: usize,
    step: usize,
}

impl Axis {
    fn new(plan: &Plan) -> Self {
        let periods = plan.timeline.len().max(1);
        // At most a dozen labels, on a step that reads as a calendar: every 1, 2, 3, 6 or 12
        // months (every 1, 2 or 4 quarters, ...).
        let steps: &[usize] = match plan.period {
            PeriodKind::Month => &[1, 2, 3, 6, 12, 24, 60],
            PeriodKind::Quarter => &[1, 2, 4, 8, 20],
            PeriodKind::Year => &[1, 2, 5],
        };
        let step = steps
            .iter()
            .copied()
            .find(|s| periods.div_ceil(*s) <= 12)
            .unwrap_or(periods);
        Self { periods, step }
    }

    fn band(&self) -> f64 {
        (RIGHT - LEFT) / self.periods as f64
    }

    fn centre(&self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * self.band()
    }
}

/// A panel: a title and a plot area between `top` and `bottom`, with a value axis up to `max`.
struct Panel {
    top: f64,
    bottom: f64,
    max: f64,
}

impl Panel {
    fn y(&self, value: f64) -> f64 {
        let share = if self.max > 0.0 {
            value / self.max
        } else {
            0.0
        };
        self.bottom - share.clamp(0.0, 1.0) * (self.bottom - self.top)
    }
}

fn font(size: f64, colour: &'static str) -> Font {
    Font {
        size,
        bold: false,
        colour,
    }
}

fn draw(plan: &Plan) -> Svg {
    let mut svg = Svg::new(WIDTH, HEIGHT);
    let rows = &plan.timeline;
    let axis = Axis::new(plan);
    title(plan, &mut svg);

    // ARR.
    let arr_max = rows.iter().map(|r| r.arr).max().unwrap_or(0) as f64;
    let arr = frame(
        &mut svg,
        plan,
        &axis,
        "ARR at the end of each period",
        (132.0, 302.0),
        arr_max,
        &|v, step, top| money_tick(v, step, top, &plan.currency),
    );
    let points: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (axis.centre(i), arr.y(r.arr as f64)))
        .collect();
    svg.polyline(&points, ARR, 3.0, None);
    // Dots mark each period where they can be told apart (and a one-period plan is visible).
    if rows.len() <= 36 {
        for point in &points {
            svg.circle(*point, 4.0, ARR);
        }
    }

    // The team by role, and the requisitions opened.
    let peak_team = rows.iter().map(team).max().unwrap_or(0);
    let team_panel = frame(
        &mut svg,
        plan,
        &axis,
        "People in post by role · ▼ requisitions opened in the period",
        (376.0, 566.0),
        // Room above the tallest bar for the markers.
        f64::from(peak_team) * 1.1 + 1.0,
        &|v, _, _| format!("{v:.0}"),
    );
    let bar = axis.band() * 0.72;
    for (i, row) in rows.iter().enumerate() {
        let mut below = 0;
        for role in &ROLES {
            let count = (role.count)(row);
            let (low, high) = (team_panel.y(f64::from(below)), {
                below += count;
                team_panel.y(f64::from(below))
            });
            svg.rect(
                axis.centre(i) - bar / 2.0,
                high,
                bar,
                low - high,
                role.colour,
            );
        }
    }
    for (i, opened) in requisitions_opened(plan).into_iter().enumerate() {
        if opened == 0 {
            continue;
        }
        let (x, y) = (axis.centre(i), team_panel.top + 4.0);
        let half = (axis.band() * 0.4).clamp(3.0, 7.0);
        svg.polygon(&[(x - half, y), (x + half, y), (x, y + 1.6 * half)], OPENS);
        if opened > 1 && axis.band() >= 14.0 {
            svg.text(
                (x, y + 1.6 * half + 13.0),
                &opened.to_string(),
                Font {
                    size: 11.0,
                    bold: true,
                    colour: OPENS,
                },
                Anchor::Middle,
            );
        }
    }

    // Cost a month of the team in post at each period's end (for a month, the month's cost; a
    // quarter's bar and line then agree with its end-of-quarter headcount): the CSMs' against
    // the cap, and the whole team's.
    let cap = plan.assumptions.csm_spend_cap;
    let salaries = &plan.assumptions.salaries;
    let csm_cost = salaries.csm as f64;
    let cs_cost: Vec<f64> = rows
        .iter()
        .map(|r| {
            let yearly = f64::from(r.csm) * salaries.csm as f64
                + f64::from(r.support) * salaries.support as f64
                + f64::from(r.onboarding) * salaries.onboarding as f64
                + f64::from(r.lead) * salaries.lead as f64;
            yearly / 12.0
        })
        .collect();
    let csm: Vec<f64> = rows
        .iter()
        .map(|r| f64::from(r.csm) * csm_cost / 12.0)
        .collect();
    let cap_line: Vec<f64> = rows.iter().map(|r| cap * r.arr as f64 / 12.0).collect();
    let peak_cost = cs_cost.iter().chain(&csm).copied().fold(0.0, f64::max);
    let peak_cap = cap_line.iter().copied().fold(0.0, f64::max);
    // The cap can dwarf a small team; past three times its cost the line leaves the panel.
    let cost_max = if peak_cost > 0.0 {
        peak_cost.max(peak_cap.min(peak_cost * 3.0))
    } else {
        peak_cap
    } * 1.1;
    let over_cap: Vec<bool> = rows.iter().map(|r| r.over_cap).collect();
    let cost_panel = Panel {
        top: 640.0,
        bottom: 830.0,
        max: nice_max(cost_max),
    };
    shade(&mut svg, &axis, &cost_panel, &over_cap);
    let cost_panel = frame(
        &mut svg,
        plan,
        &axis,
        "Cost a month: CSMs against the spend cap, and the whole CS team",
        (cost_panel.top, cost_panel.bottom),
        cost_max,
        &|v, step, top| money_tick(v, step, top, &plan.currency),
    );
    for (i, value) in csm.iter().enumerate() {
        let top = cost_panel.y(*value);
        svg.rect(
            axis.centre(i) - bar / 2.0,
            top,
            bar,
            cost_panel.bottom - top,
            ROLES[0].colour,
        );
    }
    let line = |values: &[f64]| -> Vec<(f64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (axis.centre(i), cost_panel.y(*v)))
            .collect()
    };
    for run in within(&cap_line, cost_panel.max) {
        let points = widen(&line(&cap_line)[run.clone()], axis.band());
        svg.polyline(&points, CAP, 3.0, Some("10 6"));
    }
    let points = widen(&line(&cs_cost), axis.band());
    svg.polyline(&points, CS_COST, 2.5, None);

    legend(plan, &mut svg, over_cap.contains(&true));
    svg
}

/// The title and, under it, the plan in one line: ARR, hires, cost and the cap.
fn title(plan: &Plan, svg: &mut Svg) {
    let cur = plan.currency.as_str();
    let rows = &plan.timeline;
    let first = rows.first().map_or("", |r| r.period.as_str());
    let last = rows.last().map_or("", |r| r.period.as_str());
    svg.text(
        (32.0, 40.0),
        &format!(
            "{} · CS hiring plan · {} stance · {first} to {last}",
            plan.company, plan.stance
        ),
        Font {
            size: 24.0,
            bold: true,
            colour: INK,
        },
        Anchor::Start,
    );
    let t = &plan.totals;
    // One way to count: people joining, every role, the same figure as the table's.
    let hires: u32 = plan.timeline.iter().map(|r| r.new_hires).sum();
    let cap = percent(plan.assumptions.csm_spend_cap);
    let over = match t.periods_over_cap {
        0 => format!("CSM spend within the {cap} cap throughout"),
        1 => format!("1 period over the {cap} CSM spend cap"),
        k => format!("{k} periods over the {cap} CSM spend cap"),
    };
    let months = plan.assumptions.horizon_months;
    svg.text(
        (32.0, 70.0),
        &format!(
            "ARR {} → {} · {hires} hire{} · CS cost {} over {months} month{} · {over}",
            money(t.start_arr as f64, cur),
            money(t.end_arr as f64, cur),
            plural(hires),
            money(t.cs_cost as f64, cur),
            plural(months),
        ),
        font(16.0, INK),
        Anchor::Start,
    );
}

fn plural(count: u32) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A panel's title, grid lines with their values, the baseline and the period labels; returns
/// the panel with its value axis rounded up to a whole step.
fn frame(
    svg: &mut Svg,
    plan: &Plan,
    axis: &Axis,
    caption: &str,
    (top, bottom): (f64, f64),
    max: f64,
    label: &dyn Fn(f64, f64, f64) -> String,
) -> Panel {
    let step = nice_step(max);
    let panel = Panel {
        top,
        bottom,
        max: nice_max(max),
    };
    svg.text(
        (LEFT, top - 14.0),
        caption,
        Font {
            size: 17.0,
            bold: true,
            colour: INK,
        },
        Anchor::Start,
    );
    let ticks = (panel.max / step).round() as usize;
    for k in 0..=ticks {
        let value = k as f64 * step;
        let y = panel.y(value);
        if k > 0 {
            svg.line((LEFT, y), (RIGHT, y), GRID, 1.0);
        }
        svg.text(
            (LEFT - 10.0, y + 5.0),
            &label(value, step, panel.max),
            font(13.0, MUTED),
            Anchor::End,
        );
    }
    svg.line((LEFT, bottom), (RIGHT, bottom), INK, 1.5);
    for (i, row) in plan.timeline.iter().enumerate() {
        if i % axis.step == 0 {
            let x = axis.centre(i);
            svg.line((x, bottom), (x, bottom + 5.0), INK, 1.0);
            svg.text(
                (x, bottom + 21.0),
                &row.period,
                font(13.0, INK),
                Anchor::Middle,
            );
        }
    }
    panel
}

/// The periods over the cap, shaded across a panel: one band per run of periods, so that no
/// seam shows between neighbours.
fn shade(svg: &mut Svg, axis: &Axis, panel: &Panel, over: &[bool]) {
    let values: Vec<f64> = over.iter().map(|&o| if o { 0.0 } else { 1.0 }).collect();
    for run in within(&values, 0.0) {
        let left = axis.centre(run.start) - axis.band() / 2.0;
        svg.rect(
            left,
            panel.top,
            axis.band() * run.len() as f64,
            panel.bottom - panel.top,
            OVER_CAP,
        );
    }
}

/// A step for about five grid lines up to `max`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    // Whole people, whole currency units: no step of 2.5 below 10.
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .filter(|s| *s >= 1.0 && s.fract() == 0.0)
        .find(|s| *s >= raw)
        .unwrap_or_else(|| (10.0 * power).max(1.0))
}

/// `max` rounded up to a whole step (at least one step).
fn nice_max(max: f64) -> f64 {
    let step = nice_step(max);
    let max = if max.is_finite() { max } else { 0.0 };
    ((max / step).ceil()).max(1.0) * step
}

fn team(row: &Row) -> u32 {
    ROLES.iter().map(|role| (role.count)(row)).sum()
}

/// Requisitions opening in each row's months.
fn requisitions_opened(plan: &Plan) -> Vec<u32> {
    let mut before = 0;
    plan.timeline
        .iter()
        .map(|r| {
            let (from, to) = (before, r.month);
            before = r.month;
            plan.hires
                .iter()
                .filter(|h| h.open_month > from && h.open_month <= to)
                .count() as u32
        })
        .collect()
}

/// The runs of consecutive values that fit under `max`: a line is broken where it leaves the
/// panel.
fn within(values: &[f64], max: f64) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (start, *v <= max) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..values.len());
    }
    runs
}

/// A line drawn as steps across each period's band, so that a value reads as holding for its
/// whole period (and a lone point is a visible segment).
fn widen(points: &[(f64, f64)], band: f64) -> Vec<(f64, f64)> {
    points
        .iter()
        .flat_map(|(x, y)| [(x - band / 2.0, *y), (x + band / 2.0, *y)])
        .collect()
}

/// How a legend entry is drawn.
enum Mark {
    Box(&'static str),
    Line(&'static str),
    Dashed(&'static str),
    Marker(&'static str),
}

/// The legend under the panels, left to right, wrapping to a second row.
fn legend(plan: &Plan, svg: &mut Svg, over_cap: bool) {
    let cap = percent(plan.assumptions.csm_spend_cap);
    // The roles the plan has, always the CSMs (their cost is the blue bars).
    let mut entries: Vec<(Mark, String)> = ROLES
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || plan.timeline.iter().any(|row| (r.count)(row) > 0))
        .map(|(_, r)| (Mark::Box(r.colour), r.name.to_string()))
        .collect();
    if !plan.hires.is_empty() {
        entries.push((Mark::Marker(OPENS), "requisitions opened".to_string()));
    }
    entries.push((
        Mark::Line(CS_COST),
        "CS cost a month, all roles".to_string(),
    ));
    entries.push((
        Mark::Dashed(CAP),
        format!("spend cap: {cap} × ARR / 12, against CSM cost (blue)"),
    ));
    if over_cap {
        entries.push((Mark::Box(OVER_CAP), "period over the cap".to_string()));
    }
    const SIZE: f64 = 14.0;
    let (mut x, mut y) = (LEFT, 888.0);
    for (mark, text) in &entries {
        let width = 28.0 + text_width(text, SIZE);
        if x > LEFT && x + width > RIGHT {
            x = LEFT;
            y += 26.0;
        }
        match mark {
            Mark::Box(colour) => svg.rect(x, y - 11.0, 18.0, 14.0, colour),
            Mark::Line(colour) => svg.line((x, y - 4.0), (x + 20.0, y - 4.0), colour, 2.5),
            Mark::Dashed(colour) => {
                svg.line((x, y - 4.0), (x + 8.0, y - 4.0), colour, 3.0);
                svg.line((x + 12.0, y - 4.0), (x + 20.0, y - 4.0), colour, 3.0);
            }
            Mark::Marker(colour) => svg.polygon(
                &[
                    (x + 3.0, y - 11.0),
                    (x + 17.0, y - 11.0),
                    (x + 10.0, y + 1.0),
                ],
                colour,
            ),
        }
        svg.text((x + 28.0, y), text, font(SIZE, INK), Anchor::Start);
        x += width + 26.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(cap: f64) -> Plan {
        let base = crate::input::parse(&format!(
            "[company]\nname = \"A & B <Co>\"\nstart = \"2027-01\"\nhorizon_months = 12\n\
             csm_spend_cap = {cap}\n\
             [[segment]]\nname = \"S\"\ncustomers = 150\narpa = 9000\nannual_churn = 0.1\n\
             new_per_month = 4\n"
        ))
        .unwrap();
        crate::plan(&base, &Default::default()).unwrap()
    }

    #[test]
    fn an_svg_document_with_its_labels_escaped() {
        let svg = render_chart(&plan(0.1));
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(
            svg.contains("A &amp; B &lt;Co&gt;"),
            "company name not escaped"
        );
        assert!(svg.contains("2027-01"));
        assert!(svg.contains("spend cap: 10.0% × ARR / 12"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn over_cap_periods_are_shaded_only_when_there_are_some() {
        let shade = format!("fill=\"{OVER_CAP}\"");
        let tight = plan(0.01);
        let over = tight.timeline.iter().filter(|r| r.over_cap).count();
        assert!(over > 0);
        // One band per run of periods over the cap, and the legend's sample.
        let runs = (0..tight.timeline.len())
            .filter(|&i| tight.timeline[i].over_cap && (i == 0 || !tight.timeline[i - 1].over_cap))
            .count();
        assert!(runs >= 1 && runs <= over);
        assert_eq!(render_chart(&tight).matches(&shade).count(), runs + 1);
        let loose = plan(1.0);
        assert!(loose.timeline.iter().all(|r| !r.over_cap));
        assert!(!render_chart(&loose).contains(&shade));
    }

    #[test]
    fn the_cap_line_crosses_the_csm_bars_exactly_where_the_plan_is_over_cap() {
        for cap in [0.01, 0.05, 0.08, 0.1, 0.2] {
            let plan = plan(cap);
            let salary = plan.assumptions.salaries.csm as f64;
            for row in &plan.timeline {
                let csm_cost = f64::from(row.csm) * salary / 12.0;
                let cap_line = cap * row.arr as f64 / 12.0;
                assert_eq!(csm_cost > cap_line, row.over_cap, "{cap} {}", row.period);
            }
        }
    }

    #[test]
    fn markers_count_the_requisitions_of_each_period() {
        let plan = plan(0.1);
        let opened = requisitions_opened(&plan);
        assert_eq!(opened.iter().sum::<u32>() as usize, plan.hires.len());
        let quarterly = plan.by_quarter();
        assert_eq!(
            requisitions_opened(&quarterly).iter().sum::<u32>() as usize,
            plan.hires.len()
        );
    }

    #[test]
    fn a_one_month_plan_still_shows_its_arr_and_cap() {
        let mut one = plan(0.1);
        one.timeline.truncate(1);
        let svg = render_chart(&one);
        assert_eq!(svg.matches("<circle").count(), 1, "the ARR point");
        assert!(svg.contains(&format!(
            "stroke=\"{CAP}\" stroke-width=\"3\" stroke-linejoin"
        )));
    }

    #[test]
    fn a_month_s_cost_line_is_the_month_s_cs_cost() {
        let plan = plan(0.1);
        let svg = render_chart(&plan);
        let a = &plan.assumptions.salaries;
        for row in &plan.timeline {
            let run_rate = (f64::from(row.csm) * a.csm as f64
                + f64::from(row.support) * a.support as f64
                + f64::from(row.onboarding) * a.onboarding as f64
                + f64::from(row.lead) * a.lead as f64)
                / 12.0;
            assert!(
                (run_rate - row.cs_cost as f64).abs() <= 1.0,
                "{}",
                row.period
            );
        }
        assert!(svg.contains(&format!("stroke=\"{CS_COST}\" stroke-width=\"2.5\"")));
    }

    #[test]
    fn axes_round_up_to_whole_steps() {
        assert_eq!(nice_step(10.0), 2.0);
        assert_eq!(nice_max(10.0), 10.0);
        assert_eq!(nice_max(11.0), 15.0);
        assert_eq!(nice_max(3.0), 3.0);
        assert_eq!(nice_max(1_234_567.0), 1_250_000.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
    }

    #[test]
    fn gridlines_are_labelled_at_the_precision_of_their_step() {
        let labels: Vec<String> = (0..=6)
            .map(|k| money_tick(f64::from(k) * 2.5e6, 2.5e6, 15e6, "USD"))
            .collect();
        assert_eq!(
            labels,
            [
                "$0", "$2.5M", "$5.0M", "$7.5M", "$10.0M", "$12.5M", "$15.0M"
            ]
        );
        assert_eq!(money_tick(4e5, 2e5, 1e6, "USD"), "$0.4M");
        assert_eq!(money_tick(40_000.0, 20_000.0, 100_000.0, "USD"), "$40k");
        assert_eq!(money_tick(250.0, 250.0, 1000.0, "EUR"), "€0.25k");
        assert_eq!(money_tick(20.0, 10.0, 50.0, "USD"), "$20");
    }

    #[test]
    fn the_same_plan_draws_the_same_bytes_and_a_png() {
        assert_eq!(render_chart(&plan(0.1)), render_chart(&plan(0.1)));
        let png = render_chart_png(&plan(0.1));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(png, render_chart_png(&plan(0.1)));
    }
}
