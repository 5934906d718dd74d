//! Renderers of a [`Simulation`]: a table of bands for a terminal, JSON, and CSV (one row per
//! period, each band as three columns).

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use serde::Serialize;

use crate::format::{grouped, percent, short_money};
use crate::plan::PeriodKind;
use crate::simulate::{Band, SimulatedRange, Simulation};

/// The simulation as a table: what was drawn, then one row of bands per period, `P50 (P10–P90)`.
/// Plain text, the same bytes for the same simulation.
pub fn render_simulation_table(sim: &Simulation) -> String {
    let cur = sim.currency.as_str();
    let mut out = String::new();
    let periods = sim.timeline.len();
    let (unit, units) = match sim.period {
        PeriodKind::Month => ("month", "months"),
        PeriodKind::Quarter => ("quarter", "quarters"),
    };
    let span = match (sim.timeline.first(), sim.timeline.last()) {
        (Some(first), Some(last)) => format!(" · {}–{}", first.period, last.period),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{} · simulated CS hiring plan · {} stance · {periods} {}{span} · {cur}",
        sim.company,
        sim.stance,
        if periods == 1 { unit } else { units },
    );
    let _ = writeln!(
        out,
        "{} runs, seed {}: each range drawn once per run; figures are P50 (P10–P90) over the runs",
        grouped(i64::from(sim.runs)),
        sim.seed
    );
    if sim.ranges.is_empty() {
        let _ = writeln!(
            out,
            "No value is a range, so every run is the same plan: give e.g. annual_churn = {{ low = 0.08, high = 0.15 }}"
        );
    } else {
        let _ = writeln!(out, "Ranges drawn:");
        for r in &sim.ranges {
            let _ = writeln!(out, "  {}", describe_range(r));
        }
    }
    out.push('\n');

    let mut table = Table::new();
    table
        .load_style(TableStyle::new().header_separator(LineStyle::none().fill('-').junction('-')))
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(vec![
            "Period",
            "ARR",
            "CSM need",
            "CSMs",
            "CS headcount",
            "CS cost",
            "Over cap",
        ]);
    for row in &sim.timeline {
        table.add_row(vec![
            row.period.clone(),
            band_text(&row.arr, |v| short_money(v as f64, cur)),
            band_text(&row.csm_need_fte, |v| format!("{v:.2}")),
            band_text(&row.csm, |v| v.to_string()),
            band_text(&row.headcount, |v| v.to_string()),
            band_text(&row.cs_cost, |v| short_money(v as f64, cur)),
            percent(row.p_over_cap),
        ]);
    }
    for index in 1..7 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    for line in table.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');

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
    out
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
pub fn render_simulation_json(sim: &Simulation) -> String {
    let mut out = serde_json::to_string_pretty(sim).expect("a simulation always serializes");
    out.push('\n');
    out
}

/// One CSV line per period: each band as `_p10`, `_p50`, `_p90` columns.
#[derive(Serialize)]
struct CsvRow<'a> {
    period: &'a str,
    month: u32,
    arr_p10: i64,
    arr_p50: i64,
    arr_p90: i64,
    csm_need_fte_p10: f64,
    csm_need_fte_p50: f64,
    csm_need_fte_p90: f64,
    csm_p10: u32,
    csm_p50: u32,
    csm_p90: u32,
    headcount_p10: u32,
    headcount_p50: u32,
    headcount_p90: u32,
    cs_cost_p10: i64,
    cs_cost_p50: i64,
    cs_cost_p90: i64,
    p_over_cap: f64,
}

/// The simulation's timeline as CSV (RFC 4180, a header row, `\n` line ends).
pub fn render_simulation_csv(sim: &Simulation) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in &sim.timeline {
        writer
            .serialize(CsvRow {
                period: &r.period,
                month: r.month,
                arr_p10: r.arr.p10,
                arr_p50: r.arr.p50,
                arr_p90: r.arr.p90,
                csm_need_fte_p10: r.csm_need_fte.p10,
                csm_need_fte_p50: r.csm_need_fte.p50,
                csm_need_fte_p90: r.csm_need_fte.p90,
                csm_p10: r.csm.p10,
                csm_p50: r.csm.p50,
                csm_p90: r.csm.p90,
                headcount_p10: r.headcount.p10,
                headcount_p50: r.headcount.p50,
                headcount_p90: r.headcount.p90,
                cs_cost_p10: r.cs_cost.p10,
                cs_cost_p50: r.cs_cost.p50,
                cs_cost_p90: r.cs_cost.p90,
                p_over_cap: r.p_over_cap,
            })
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("writing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
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
            period: PeriodKind::Month,
        };
        simulate(&base, &Default::default(), &options, &|| {}).unwrap()
    }

    #[test]
    fn short_money_keeps_three_figures() {
        assert_eq!(short_money(2_912_345.0, "USD"), "$2.91M");
        assert_eq!(short_money(35_625.0, "EUR"), "€35.6k");
        assert_eq!(short_money(980.0, "USD"), "$980");
        assert_eq!(short_money(1_250_000_000.0, "CHF"), "1.25B CHF");
        assert_eq!(short_money(999_999.0, "USD"), "$1.00M");
        assert_eq!(short_money(-45_000.0, "USD"), "-$45.0k");
    }

    #[test]
    fn the_table_shows_bands_and_ranges() {
        let text = render_simulation_table(&simulation());
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
        assert!(header.contains("CS headcount"));
        // Six data rows, each with a band for ARR.
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with(" 2027-")).collect();
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
        assert!(lines[0].starts_with("period,month,arr_p10,arr_p50,arr_p90,csm_need_fte_p10,"));
        assert!(lines[0].ends_with(",cs_cost_p90,p_over_cap"));
        let last = sim.timeline.last().unwrap();
        let fields: Vec<&str> = lines[6].split(',').collect();
        assert_eq!(fields[0], "2027-06");
        assert_eq!(fields[3], last.arr.p50.to_string());
        assert_eq!(fields.len(), 18);
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
