//! `--chart FILE.svg`: the plan as a picture for a deck. Two panels share the period axis:
//!
//! - **ARR** at the end of each period;
//! - **the team**: headcount by role as stacked bars (CSMs at the bottom, then support,
//!   onboarding and the head of CS), with the **spend cap** drawn in the same unit, as the
//!   number of CSMs it affords (`csm_spend_cap × ARR / CSM salary`), and the periods over the
//!   cap shaded. Where the CSM bar rises above the cap line, CSM spend breaks the cap.
//!
//! Drawn with plotters' SVG backend, without fonts: text is left to the viewer's sans-serif,
//! so the same plan always gives the same bytes.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::format::{money, money_compact, percent};
use crate::plan::{PeriodKind, Plan};

const WIDTH: u32 = 1100;
const HEIGHT: u32 = 740;
const FONT: &str = "sans-serif";

const INK: RGBColor = RGBColor(40, 44, 52);
const GRID: RGBColor = RGBColor(225, 228, 232);
const ARR: RGBColor = RGBColor(44, 62, 80);
const CAP: RGBColor = RGBColor(192, 57, 43);
const OVER_CAP: RGBColor = RGBColor(250, 226, 222);
/// CSM, support, onboarding, head of CS: bottom to top.
const ROLES: [(&str, RGBColor); 4] = [
    ("CSMs", RGBColor(31, 95, 153)),
    ("Support", RGBColor(86, 160, 111)),
    ("Onboarding", RGBColor(230, 165, 60)),
    ("Head of CS", RGBColor(138, 95, 176)),
];

/// The plan as an SVG document.
pub fn render_chart(plan: &Plan) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // The SVG backend writes into a String; it has no way to fail.
        draw(plan, &root).expect("drawing into a string cannot fail");
        root.present().expect("drawing into a string cannot fail");
    }
    svg.push('\n');
    svg
}

type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(plan: &Plan, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
    let cur = plan.currency.as_str();
    let rows = &plan.timeline;
    let n = rows.len().max(1);
    let x_range = -0.5..(n as f64 - 0.5);
    // At most a dozen period labels, on a step that reads as a calendar: every 1, 2, 3, 6 or
    // 12 months (every 1, 2 or 4 quarters, ...).
    let steps: &[usize] = match plan.period {
        PeriodKind::Month => &[1, 2, 3, 6, 12, 24, 60],
        PeriodKind::Quarter => &[1, 2, 4, 8, 20],
        PeriodKind::Year => &[1, 2, 5],
    };
    let step = steps
        .iter()
        .copied()
        .find(|s| n.div_ceil(*s) <= 12)
        .unwrap_or(n);
    let label = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 || !(i as usize).is_multiple_of(step) {
            return String::new();
        }
        rows.get(i as usize)
            .map(|r| r.period.clone())
            .unwrap_or_default()
    };
    // Ask for a key point at every period; the labeller leaves most of them blank.
    let x_labels = n;

    root.fill(&WHITE)?;
    let first = rows.first().map_or("", |r| r.period.as_str());
    let last = rows.last().map_or("", |r| r.period.as_str());
    root.draw(&Text::new(
        format!(
            "{} · CS hiring plan · {} stance · {first} to {last}",
            plan.company, plan.stance
        ),
        (24, 14),
        (FONT, 24).into_font().style(FontStyle::Bold).color(&INK),
    ))?;
    let t = &plan.totals;
    let hires: u32 = t.hires.csm + t.hires.support + t.hires.onboarding + t.hires.lead;
    let cap = percent(plan.assumptions.csm_spend_cap);
    let over = match t.periods_over_cap {
        0 => format!("CSM spend within the {cap} cap throughout"),
        1 => format!("1 period over the {cap} CSM spend cap"),
        k => format!("{k} periods over the {cap} CSM spend cap"),
    };
    root.draw(&Text::new(
        format!(
            "ARR {} → {} · {hires} hire{} · CS cost {} over {} month{} · {over}",
            money(t.start_arr as f64, cur),
            money(t.end_arr as f64, cur),
            if hires == 1 { "" } else { "s" },
            money(t.cs_cost as f64, cur),
            plan.assumptions.horizon_months,
            if plan.assumptions.horizon_months == 1 {
                ""
            } else {
                "s"
            },
        ),
        (24, 48),
        (FONT, 16).into_font().color(&INK),
    ))?;

    let body = root.margin(80, 0, 10, 24);
    let (plots, legend_strip) = body.split_vertically(HEIGHT - 80 - 56);
    let (top, bottom) = plots.split_vertically(230);
    let mut legend: Vec<(String, LegendMark)> = Vec::new();

    // ARR.
    let arr_max = rows.iter().map(|r| r.arr).max().unwrap_or(0).max(1) as f64;
    let mut arr_chart = ChartBuilder::on(&top)
        .margin_right(16)
        .x_label_area_size(28)
        .y_label_area_size(90)
        .caption(
            "ARR at the end of each period",
            (FONT, 17).into_font().color(&INK),
        )
        .build_cartesian_2d(x_range.clone(), 0.0..arr_max * 1.12)?;
    arr_chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(x_labels)
        .x_label_formatter(&label)
        .y_labels(5)
        .y_label_formatter(&|v| money_compact(*v, cur))
        .label_style((FONT, 13).into_font().color(&INK))
        .draw()?;
    let arr_points = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i as f64, r.arr as f64));
    arr_chart.draw_series(LineSeries::new(arr_points.clone(), ARR.stroke_width(3)))?;
    // Dots mark each period where they can be told apart (and a one-period plan is visible).
    if n <= 36 {
        arr_chart.draw_series(arr_points.map(|p| Circle::new(p, 4, ARR.filled())))?;
    }

    // The team, with the cap in CSMs.
    let salary = plan.assumptions.salaries.csm.max(1) as f64;
    let cap_ratio = plan.assumptions.csm_spend_cap;
    let affordable: Vec<f64> = rows
        .iter()
        .map(|r| cap_ratio * r.arr as f64 / salary)
        .collect();
    let peak_team = rows
        .iter()
        .map(|r| r.csm + r.support + r.onboarding + r.lead)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // The cap line can dwarf a small team; past three times the team it leaves the panel.
    let peak_cap = affordable.iter().copied().fold(0.0, f64::max);
    let y_max = (peak_team.max(peak_cap.min(peak_team * 3.0)) * 1.15)
        .ceil()
        .max(2.0);
    let mut team_chart = ChartBuilder::on(&bottom)
        .margin_right(16)
        .margin_top(16)
        .x_label_area_size(40)
        .y_label_area_size(90)
        .caption(
            "People in post by role, and the CSMs the spend cap affords",
            (FONT, 17).into_font().color(&INK),
        )
        .build_cartesian_2d(x_range, 0.0..y_max)?;
    team_chart
        .configure_mesh()
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(x_labels)
        .x_label_formatter(&label)
        .y_labels((y_max as usize + 1).min(11))
        .y_label_formatter(&|v| {
            if v.fract().abs() < 1e-6 {
                format!("{v:.0}")
            } else {
                String::new()
            }
        })
        .y_desc("people")
        .label_style((FONT, 13).into_font().color(&INK))
        .draw()?;

    let over: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.over_cap.then_some(i))
        .collect();
    if !over.is_empty() {
        team_chart.draw_series(over.iter().map(|&i| {
            Rectangle::new(
                [(i as f64 - 0.5, 0.0), (i as f64 + 0.5, y_max)],
                OVER_CAP.filled(),
            )
        }))?;
    }

    for (level, (name, colour)) in ROLES.iter().enumerate() {
        let bars: Vec<(f64, f64, f64)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let stack = [r.csm, r.support, r.onboarding, r.lead];
                let below: u32 = stack[..level].iter().sum();
                (i as f64, f64::from(below), f64::from(below + stack[level]))
            })
            .filter(|(_, low, high)| high > low)
            .collect();
        if bars.is_empty() {
            continue;
        }
        let colour = *colour;
        team_chart.draw_series(bars.into_iter().map(move |(x, low, high)| {
            Rectangle::new([(x - 0.36, low), (x + 0.36, high)], colour.filled())
        }))?;
        legend.push(((*name).to_string(), LegendMark::Box(colour)));
    }

    // The cap line, broken where it leaves the panel.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, &cap) in affordable.iter().enumerate() {
        if cap <= y_max {
            if let Some(run) = runs.last_mut() {
                run.push((i as f64, cap));
            }
        } else if runs.last().is_some_and(|run| !run.is_empty()) {
            runs.push(Vec::new());
        }
    }
    let cap_label = format!(
        "CSMs the {cap} cap affords ({cap} × ARR / {} a CSM)",
        money_compact(salary, cur)
    );
    for run in runs.into_iter().filter(|run| !run.is_empty()) {
        // A lone point (a one-period plan, or a run cut short by the panel) spans its period.
        let run = match run.as_slice() {
            [(x, y)] => vec![(x - 0.45, *y), (x + 0.45, *y)],
            _ => run,
        };
        team_chart.draw_series(DashedLineSeries::new(run, 10, 6, CAP.stroke_width(3)))?;
    }
    legend.push((cap_label, LegendMark::Line(CAP)));
    if !over.is_empty() {
        legend.push(("period over the cap".to_string(), LegendMark::Box(OVER_CAP)));
    }
    draw_legend(&legend_strip, &legend)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
enum LegendMark {
    Box(RGBColor),
    Line(RGBColor),
}

/// Legend entries under the plots, left to right, wrapping to a second row. Text widths are
/// estimated (SVG leaves the font to the viewer) at 0.55 em a character, a little wider than
/// common sans-serifs set it.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, LegendMark)],
) -> Drawn<DB> {
    const SIZE: i32 = 14;
    const LEFT: i32 = 90;
    let mut y = 12;
    let mut x = LEFT;
    for (text, mark) in entries {
        let width = 26 + (text.chars().count() as f64 * f64::from(SIZE) * 0.55).ceil() as i32;
        if x > LEFT && x + width > WIDTH as i32 - 40 {
            x = LEFT;
            y += 24;
        }
        match mark {
            LegendMark::Box(colour) => {
                area.draw(&Rectangle::new(
                    [(x, y - 7), (x + 16, y + 7)],
                    colour.filled(),
                ))?;
            }
            LegendMark::Line(colour) => {
                area.draw(&PathElement::new(
                    vec![(x, y), (x + 8, y)],
                    colour.stroke_width(3),
                ))?;
                area.draw(&PathElement::new(
                    vec![(x + 12, y), (x + 20, y)],
                    colour.stroke_width(3),
                ))?;
            }
        }
        area.draw(&Text::new(
            text.clone(),
            (x + 26, y),
            (FONT, SIZE)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += width + 24;
    }
    Ok(())
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
        assert!(svg.contains("CSMs the 10.0% cap affords"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn over_cap_periods_are_shaded_only_when_there_are_some() {
        let shade = "period over the cap";
        let tight = plan(0.01);
        assert!(tight.timeline.iter().any(|r| r.over_cap));
        assert!(render_chart(&tight).contains(shade));
        let loose = plan(1.0);
        assert!(loose.timeline.iter().all(|r| !r.over_cap));
        assert!(!render_chart(&loose).contains(shade));
    }

    #[test]
    fn a_one_month_plan_still_shows_its_arr_and_cap() {
        let mut one = plan(0.1);
        one.timeline.truncate(1);
        let svg = render_chart(&one);
        assert_eq!(svg.matches("<circle").count(), 1, "the ARR point");
        // The legend's sample is two strokes; the dashes of the line itself are more.
        let cap_strokes = svg.matches("stroke=\"#C0392B\"").count();
        assert!(
            cap_strokes > 2,
            "the cap line is drawn: {cap_strokes} strokes"
        );
    }

    #[test]
    fn the_same_plan_draws_the_same_bytes() {
        assert_eq!(render_chart(&plan(0.1)), render_chart(&plan(0.1)));
    }
}
