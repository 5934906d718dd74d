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
