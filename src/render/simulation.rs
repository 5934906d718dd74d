//! Renderers of a [`Simulation`]: a table of bands for a terminal, JSON, and CSV (one row per
//! period, each band as three columns).

use std::fmt::Write as _;

use super::grid::{Grid, fold, markdown_cell};
use super::{Render, RenderOptions, pretty_json};
use crate::format::{grouped, percent, short_money};
use crate::simulate::{Band, SimulatedRange, Simulation};

impl Render for Simulation {
    fn table(&self, options: RenderOptions) -> String {
        render_simulation_table(self, options.width)
    }

    fn json(&self) -> String {
        render_simulation_json(self)
    }

    fn csv(&self) -> String {
        render_simulation_csv(self)
    }

    fn markdown(&self) -> String {
        render_simulation_markdown(self)
    }
}

/// The simulation as a table: what was drawn, then one row of bands per period, `P50 (P10–P90)`.
/// Plain text, the same bytes for the same simulation.
fn render_simulation_table(sim: &Simulation, width: usize) -> String {
    let mut header = String::new();
    write_header(sim, &mut header, |line| line.to_string());
    let mut totals = String::new();
    write_totals(sim, &mut totals);
    let mut out = fold(&header, width);
    out.push('\n');
    let grid = bands(sim);
    let table = grid.to_text(width);
    if super::fit::widest(&table) <= width {
        out.push_str(&table);
    } else {
        // The need is what a reader can spare first: the headcount and cost follow from it.
        out.push_str(&grid.without(2).to_text(width));
        out.push_str(&fold(
            &format!("(CSM need left out to fit {width} columns; --format json or csv has it)\n"),
            width,
        ));
    }
    out.push('\n');
    out.push_str(&fold(&totals, width));
    out
}

/// The simulation as Markdown: the same header, bands and totals, the bands as a table.
fn render_simulation_markdown(sim: &Simulation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {}: simulated CS hiring plan\n",
        markdown_cell(&sim.company)
    );
    write_header(sim, &mut out, |line| format!("{}  ", markdown_cell(line)));
    out.push('\n');
    out.push_str(&bands(sim).to_markdown());
    out.push('\n');
    let mut totals = String::new();
    write_totals(sim, &mut totals);
    for line in totals.lines() {
        let _ = writeln!(out, "{}  ", markdown_cell(line));
    }
    out
}

/// What was simulated and what was drawn, one line each (`line` dresses each for its format).
fn write_header(sim: &Simulation, out: &mut String, line: impl Fn(&str) -> String) {
    let cur = sim.currency.as_str();
    let periods = sim.timeline.len();
    let (unit, units) = (sim.period.noun(1), sim.period.noun(2));
    let span = match (sim.timeline.first(), sim.timeline.last()) {
        (Some(first), Some(last)) => format!(" · {}–{}", first.period, last.period),
        _ => String::new(),
    };

    let mut lines = vec![
        format!(
            "{} · simulated CS hiring plan · {} stance · {periods} {}{span} · {cur}",
            sim.company,
            sim.stance,
            if periods == 1 { unit } else { units },
        ),
        format!(
            "{} runs, seed {}: each range drawn once per run; figures are P50 (P10–P90) over the runs",
            grouped(i64::from(sim.runs)),
            sim.seed
        ),
    ];
    lines.extend(super::partial_note(
        sim.period,
        sim.timeline
            .iter()
            .map(|r| (r.period.as_str(), r.partial, r.period_months)),
    ));
    if sim.attrition > 0.0 {
        lines.push(format!(
            "Leavers drawn (attrition-backfill): each month every CSM, support and onboarding \
             person in post leaves with probability {} ({} attrition a year / 12), each \
             backfilled a hiring lead later",
            percent_2(sim.attrition / 12.0),
            percent(sim.attrition)
        ));
    }
    if sim.ranges.is_empty() && sim.attrition > 0.0 {
        lines.push(
            "No value is a range, so runs differ only by their leavers: give e.g. annual_churn = { low = 0.08, high = 0.15 }"
                .to_string(),
        );
    } else if sim.ranges.is_empty() {
        lines.push(
            "No value is a range, so every run is the same plan: give e.g. annual_churn = { low = 0.08, high = 0.15 }"
                .to_string(),
        );
    } else {
        lines.push("Ranges drawn:".to_string());
        lines.extend(
            sim.ranges
                .iter()
                .map(|r| format!("  {}", describe_range(r))),
        );
    }
    for text in lines {
        let _ = writeln!(out, "{}", line(&text));
    }
}

/// A small probability to two decimals of a percent: `2.08%`.
fn percent_2(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

/// One row of bands per period.
fn bands(sim: &Simulation) -> Grid {
    let cur = sim.currency.as_str();
    let mut grid = Grid::new(&[
        ("Period", false),
        ("ARR", true),
        ("CSM need", true),
        ("CSMs", true),
        ("CS people", true),
        ("CS cost", true),
        ("Over cap", true),
    ]);
    for row in &sim.timeline {
        grid.push(vec![
            super::period_cell(&row.period, row.partial),
            money_band(&row.arr, cur),
            band_text(&row.csm_need_fte, |v| format!("{v:.2}")),
            band_text(&row.csm, |v| v.to_string()),
            band_text(&row.headcount, |v| v.to_string()),
            money_band(&row.cs_cost, cur),
            percent(row.p_over_cap),
        ]);
    }
    grid
}

/// The horizon's totals and the chance of breaking the cap.
fn write_totals(sim: &Simulation, out: &mut String) {
    let cur = sim.currency.as_str();
    let periods = sim.timeline.len();
    let (unit, units) = (sim.period.noun(1), sim.period.noun(2));
    let t = &sim.totals;
    let _ = writeln!(
        out,
        "Over the {periods} {}: CS cost {} · people hired {} · {units} over the {} CSM spend cap {}",
        if periods == 1 { unit } else { units },
        band_text(&t.cs_cost, |v| short_money(v as f64, cur)),
        band_text(&t.hires, |v| v.to_string()),
        percent(sim.csm_spend_cap),
        band_text(&t.periods_over_cap, |v| v.to_string()),
    );
    let _ = writeln!(
        out,
        "Chance that CSM spend breaks the cap in at least one {unit}: {}",
        percent(t.p_over_cap_any)
    );
}

/// `$2.96M (2.94M–2.98M)`: the median with its currency, the band without repeating it.
fn money_band(band: &Band<i64>, currency: &str) -> String {
    let bare = |v: i64| {
        let text = short_money(v as f64, currency);
        let symbol_free = text
            .trim_start_matches('-')
            .trim_start_matches(|c: char| !c.is_ascii_digit());
        let sign = if v < 0 { "-" } else { "" };
        match symbol_free.split_once(' ') {
            // A currency written after the number (`1.25B CHF`): keep only the number.
            Some((number, _)) => format!("{sign}{number}"),
            None => format!("{sign}{symbol_free}"),
        }
    };
    if band.p10 == band.p50 && band.p50 == band.p90 {
        short_money(band.p50 as f64, currency)
    } else {
        format!(
            "{} ({}–{})",
            short_money(band.p50 as f64, currency),
            bare(band.p10),
            bare(band.p90)
        )
    }
}

/// `7 (6–9)`, or `7` when every run agrees.
fn band_text<T: Copy + PartialEq>(band: &Band<T>, show: impl Fn(T) -> String) -> String {
    if band.p10 == band.p50 && band.p50 == band.p90 {
        show(band.p50)
    } else {
        format!("{} ({}–{})", show(band.p50), show(band.p10), show(band.p90))
    }
}

fn describe_range(r: &SimulatedRange) -> String {
    let value = |v: f64| {
        if r.key == "new_per_month" {
            format!("{}", crate::format::round_to(v, 2))
        } else {
            percent(v)
        }
    };
    let what = match r.key.as_str() {
        "annual_churn" => "churn a year",
        "annual_expansion" => "expansion a year",
        "churn_trend" => "yearly change of churn",
        "arpa_growth" => "yearly change of new logos' ARPA",
        _ => "new logos a month",
    };
    let shape = match r.mode {
        Some(mode) => format!("triangular, most likely {}", value(mode)),
        None => "uniform".to_string(),
    };
    format!(
        "{}: {what} {}–{} ({shape}; a plain plan uses {})",
        r.segment,
        value(r.low),
        value(r.high),
        value(r.planned)
    )
}

/// The simulation as one pretty-printed JSON object, newline-terminated.
fn render_simulation_json(sim: &Simulation) -> String {
    pretty_json(sim)
}

/// The simulation's timeline as CSV (RFC 4180 like every csplan CSV: a header row, CRLF line
/// ends): one row per period, each band as `_p10`, `_p50`, `_p90` columns.
fn render_simulation_csv(sim: &Simulation) -> String {
    let mut header = vec![
        ("period", false),
        ("month", true),
        ("period_months", true),
        ("partial", false),
    ];
    for name in [
        ["arr_p10", "arr_p50", "arr_p90"],
        ["csm_need_fte_p10", "csm_need_fte_p50", "csm_need_fte_p90"],
        ["csm_p10", "csm_p50", "csm_p90"],
        ["headcount_p10", "headcount_p50", "headcount_p90"],
        ["cs_cost_p10", "cs_cost_p50", "cs_cost_p90"],
    ] {
        header.extend(name.iter().map(|n| (*n, true)));
    }
    header.push(("p_over_cap", true));
    let mut grid = Grid::new(&header);
    let three = |b: &Band<i64>| [b.p10.to_string(), b.p50.to_string(), b.p90.to_string()];
    let three_u = |b: &Band<u32>| [b.p10.to_string(), b.p50.to_string(), b.p90.to_string()];
    for r in &sim.timeline {
        let mut cells = vec![
            r.period.clone(),
            r.month.to_string(),
            r.period_months.to_string(),
            r.partial.to_string(),
        ];
        cells.extend(three(&r.arr));
        cells.extend(
            [
                &r.csm_need_fte.p10,
                &r.csm_need_fte.p50,
                &r.csm_need_fte.p90,
            ]
            .map(|v| v.to_string()),
        );
        cells.extend(three_u(&r.csm));
        cells.extend(three_u(&r.headcount));
        cells.extend(three(&r.cs_cost));
        cells.push(r.p_over_cap.to_string());
        grid.push(cells);
    }
    grid.to_csv()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::{SimulationOptions, simulate};

    fn simulation() -> Simulation {
        let base = crate::input::parse(
            r#"
            [company]
            name = "Acme, Inc."
            start = "2027-01"
            horizon_months = 6
            [team]
            csm = 1
            [[segment]]
            name = "SMB"
            customers = 300
            arpa = 6000
            annual_churn = { low = 0.10, high = 0.30 }
            new_per_month = { low = 4, high = 20, mode = 8 }
            "#,
        )
        .unwrap();
        let options = SimulationOptions {
            runs: 50,
            seed: 3,
            period: crate::plan::PeriodKind::Month,
        };
        simulate(&base, &Default::default(), &options, &|| {}).unwrap()
    }

    #[test]
    fn short_money_keeps_three_figures() {
        assert_eq!(short_money(2_912_345.0, "USD"), "$2.91M");
        assert_eq!(short_money(35_625.0, "EUR"), "€35.6k");
        assert_eq!(short_money(206_250.0, "USD"), "$206k");
        assert_eq!(short_money(99_949.0, "USD"), "$99.9k");
        assert_eq!(short_money(980.0, "USD"), "$980");
        assert_eq!(short_money(1_250_000_000.0, "CHF"), "1.25B CHF");
        assert_eq!(short_money(999_999.0, "USD"), "$1.00M");
        assert_eq!(short_money(-45_000.0, "USD"), "-$45.0k");
    }

    #[test]
    fn the_table_shows_bands_and_ranges() {
        let text = render_simulation_table(&simulation(), crate::render::fit::DEFAULT_WIDTH);
        assert!(text.starts_with("Acme, Inc. · simulated CS hiring plan · balanced stance · 6 months · 2027-01–2027-06 · USD\n"), "{text}");
        assert!(text.contains("50 runs, seed 3"), "{text}");
        assert!(
            text.contains("SMB: churn a year 10.0%–30.0% (uniform; a plain plan uses 20.0%)"),
            "{text}"
        );
        assert!(
            text.contains(
                "SMB: new logos a month 4–20 (triangular, most likely 8; a plain plan uses 8)"
            ),
            "{text}"
        );
        let header = text.lines().find(|l| l.contains("Period")).unwrap();
        assert!(header.contains("CS people"));
        // Six data rows, each with a band for ARR.
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("2027-")).collect();
        assert_eq!(rows.len(), 6, "{text}");
        assert!(
            rows[5].contains("$1.") && rows[5].contains('('),
            "{}",
            rows[5]
        );
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_period() {
        let sim = simulation();
        let csv = render_simulation_csv(&sim);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + sim.timeline.len());
        assert!(lines[0].starts_with(
            "period,month,period_months,partial,arr_p10,arr_p50,arr_p90,csm_need_fte_p10,"
        ));
        assert!(lines[0].ends_with(",cs_cost_p90,p_over_cap"));
        let last = sim.timeline.last().unwrap();
        let fields: Vec<&str> = lines[6].split(',').collect();
        assert_eq!(fields[0], "2027-06");
        assert_eq!(fields[5], last.arr.p50.to_string());
        assert_eq!(fields.len(), 20);
    }

    #[test]
    fn json_round_trips() {
        let sim = simulation();
        let json = render_simulation_json(&sim);
        let back: Simulation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sim);
        assert!(json.contains("\"p50\""));
    }
}
