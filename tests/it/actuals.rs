//! The actuals reader of `csplan review`, in process: counts that cannot be real are refused at
//! their cell, and each problem is named at its file, line and column.

use csplan::PlanOptions;
use csplan::plan::Plan;

/// A 120-month plan of one segment.
fn plan() -> Plan {
    let base = csplan::input::parse(
        "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 120\n[team]\ncsm = 1\n\
         [[segment]]\nname = \"Mid\"\ncustomers = 40\narpa = 20000\nannual_churn = 0\n",
    )
    .unwrap();
    csplan::plan(&base, &PlanOptions::default()).unwrap()
}

/// The rendered problems of `source`, or `None` when it reads.
fn problems(source: &str) -> Option<String> {
    csplan::review::read(source, &plan(), None)
        .err()
        .map(|e| e.render("a.csv", source))
}

/// Month `i` (0-based) of the plan from 2027-01.
fn month(i: usize) -> String {
    format!("{}-{:02}", 2027 + i / 12, i % 12 + 1)
}

#[test]
fn a_plan_has_one_head_of_cs_two_while_they_overlap() {
    assert_eq!(
        problems("period,lead\n2027-01,1\n2027-02,2\n2027-03,0\n"),
        None
    );
    let shown = problems("period,lead\n2027-01,3\n").unwrap();
    assert!(shown.contains("a.csv:2:9"), "{shown}");
    assert!(
        shown.contains("0..=2: a plan has one head of CS"),
        "{shown}"
    );
    let shown = problems("period,lead\n2027-01,100000\n").unwrap();
    assert!(shown.contains("is out of range"), "{shown}");
}

#[test]
fn headcounts_that_swing_are_refused_where_the_arrivals_pass_the_limit() {
    // 100,000 and 0 in turn: 100,000 people arrive every other month.
    let mut source = String::from("period,csm\n");
    for i in 0..8 {
        let csm = if i % 2 == 0 { 100_000 } else { 0 };
        source.push_str(&format!("{},{csm}\n", month(i)));
    }
    let shown = problems(&source).unwrap();
    // Rows 2, 4 and 6 bring 300,000: the third swing up, on line 6, passes 200,000.
    assert!(shown.contains("a.csv:6:9"), "{shown}");
    assert!(
        shown.contains(
            "brings the people arriving over the actuals to 300,000, more than the 200,000"
        ),
        "{shown}"
    );
    // A team that grows to 100,000 and stays is real.
    let mut source = String::from("period,csm,support\n");
    for i in 0..120 {
        source.push_str(&format!(
            "{},{},{}\n",
            month(i),
            100_000.min(1_000 * (i + 1)),
            50_000
        ));
    }
    assert_eq!(problems(&source), None);
}

/// The rendered problem of `bytes` as the command line reads them: decoded first.
fn problems_of_bytes(bytes: &[u8]) -> Option<String> {
    match csplan::input::decode(bytes) {
        Err(d) => Some(d.render("a.csv", &String::from_utf8_lossy(bytes))),
        Ok(source) => problems(source),
    }
}

#[test]
fn utf16_is_named_and_a_bad_byte_shown_at_its_line_and_column() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "period,customers\n2027-01,38\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let shown = problems_of_bytes(&utf16).unwrap();
    assert!(
        shown.starts_with("error: a.csv:1:1: the file is UTF-16 text (little-endian"),
        "{shown}"
    );
    let shown = problems_of_bytes(b"period,customers\n2027-01,3\xff8\n").unwrap();
    assert!(
        shown.starts_with("error: a.csv:2:10: the file is not UTF-8 text (byte 0xFF here)"),
        "{shown}"
    );
    // A UTF-8 byte-order mark is fine.
    assert_eq!(
        problems_of_bytes(b"\xef\xbb\xbfperiod,customers\n2027-01,38\n"),
        None
    );
}

#[test]
fn an_unterminated_quote_is_shown_where_it_opens() {
    let shown =
        problems("period,customers,arr,csm\n2027-01,\"38,760000,1\n2027-02,1,1,1\n").unwrap();
    assert!(
        shown
            .starts_with("error: a.csv:2:9: row 2: the quote that opens this cell is never closed"),
        "{shown}"
    );
    // A closed quote, even over two lines, is one cell.
    assert_eq!(
        problems("period,customers\n\"2027-01\",\"3\n8\"\n").map(|s| s.contains("never closed")),
        Some(false)
    );
}

#[test]
fn a_row_of_too_few_cells_is_shown_at_its_line() {
    let shown = problems("period,customers,arr,csm\n2027-01,38,760000,1\n2027-02\n").unwrap();
    assert!(
        shown.starts_with("error: a.csv:3:1: row 3 has 1 cells but the header has 4"),
        "{shown}"
    );
}

#[test]
fn a_semicolon_or_tab_separated_file_is_named() {
    let shown = problems("period;customers;arr\n2027-01;38;760000\n").unwrap();
    assert!(
        shown.starts_with("error: a.csv:1:1: row 1: the cells are separated by `;`, not commas"),
        "{shown}"
    );
    let shown = problems("period\tcustomers\n2027-01\t38\n").unwrap();
    assert!(shown.contains("the cells are separated by tabs"), "{shown}");
}

#[test]
fn an_mrr_column_is_hinted_as_arr_twelve_times_it() {
    let shown = problems("period,customers,mrr\n2027-01,38,63000\n").unwrap();
    assert!(
        shown.starts_with("error: a.csv:1:18: row 1, column C: `mrr` is not a column"),
        "{shown}"
    );
    assert!(shown.contains("give ARR = MRR × 12"), "{shown}");
}

#[test]
fn a_month_s_last_day_is_that_month_and_another_day_is_refused() {
    let actuals = csplan::review::read(
        "period,customers\n2027-01-31,38\n2028-02-29,39\n2027-04-30,40\n",
        &plan(),
        None,
    )
    .unwrap();
    let periods: Vec<&str> = actuals.months.iter().map(|m| m.period.as_str()).collect();
    assert_eq!(periods, ["2027-01", "2027-04", "2028-02"]);
    let shown = problems("period,customers\n2027-02-29,38\n").unwrap();
    assert!(shown.contains("is not one of the plan's months"), "{shown}");
    let shown = problems("period,customers\n2027-03-15,38\n").unwrap();
    assert!(shown.starts_with("error: a.csv:2:1:"), "{shown}");
    assert!(shown.contains("is a day inside 2027-03: each row is a whole month; give 2027-03 or its last day, 2027-03-31"), "{shown}");
    // A month and its last day are one month.
    let shown = problems("period,customers\n2027-01,38\n2027-01-31,38\n").unwrap();
    assert!(shown.contains("appears twice"), "{shown}");
}

#[test]
fn a_reforecast_past_the_arr_limit_is_noted_and_the_review_stands() {
    let base = csplan::input::parse(
        "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 12\ncurrency = \"XYZ\"\nusd_rate = 0.00000001\n[team]\ncsm = 1\n\
         [[segment]]\nname = \"Big\"\ncustomers = 5000000\narpa = 100000000\n\
         annual_churn = 0\nannual_expansion = 0.5\n",
    )
    .unwrap();
    let approved = csplan::plan(&base, &PlanOptions::default()).unwrap();
    let source = "period,customers,arr,cs_cost\n\
                  2027-01,5000000,1000000000000000,1000000000000000\n\
                  2027-02,5000000,1000000000000000,1000000000000000\n";
    let actuals = csplan::review::read(source, &approved, None).unwrap();
    let review = csplan::review::review(
        &approved,
        &actuals,
        csplan::review::ReviewPeriod::Quarter,
        Some(&base),
    )
    .unwrap();
    assert!(review.reforecast.is_none());
    assert!(!review.periods.is_empty());
    let notes = review.notes.join("\n");
    assert!(
        notes.contains("no re-forecast: planned again from the actuals,"),
        "{notes}"
    );
    assert!(
        notes.contains("sums to 2,000,000,000,000,000, past 10^15"),
        "{notes}"
    );
}

#[test]
fn people_arriving_alike_make_one_line_with_a_count() {
    let approved = plan();
    let mut source = String::from("period,csm\n2027-01,1\n2027-02,5001\n");
    source.push_str("2027-03,5001\n");
    let actuals = csplan::review::read(&source, &approved, None).unwrap();
    let review = csplan::review::review(
        &approved,
        &actuals,
        csplan::review::ReviewPeriod::Month,
        None,
    )
    .unwrap();
    assert_eq!(review.hires.len(), 5_000);
    let table = csplan::render::render(&review, csplan::render::Format::Table);
    let rows: Vec<&str> = table.lines().filter(|l| l.contains("2027-02")).collect();
    assert!(
        rows.iter().any(|l| l.contains("5000 × ")),
        "{}",
        &table[..table.len().min(3000)]
    );
    assert!(
        table.lines().count() < 100,
        "{} lines",
        table.lines().count()
    );
}
