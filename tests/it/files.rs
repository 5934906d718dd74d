//! Files that are what their names say: `-o` by extension (the chart for `.png`/`.svg`, a
//! refusal listing the formats for an extension csplan writes nothing as), and what output
//! files are left behind.

use crate::common;

use common::{csplan, scratch};
use predicates::prelude::*;

#[test]
fn an_image_name_gets_the_chart_and_nothing_on_stdout() {
    let dir = scratch("files-chart");
    for (name, magic) in [
        ("plan.png", &b"\x89PNG\r\n\x1a\n"[..]),
        ("PLAN.SVG", b"<svg"),
    ] {
        let path = dir.join(name);
        csplan()
            .args(["plan", "examples/series-b.toml", "-o"])
            .arg(&path)
            .assert()
            .success()
            .stdout("");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{name} is not its image");
    }
    // The same chart as `--chart` draws.
    let chart = dir.join("chart.svg");
    csplan()
        .args(["plan", "examples/series-b.toml", "--chart"])
        .arg(&chart)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&chart).unwrap(),
        std::fs::read(dir.join("PLAN.SVG")).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_image_name_with_another_output_is_refused_and_writes_nothing() {
    let dir = scratch("files-chart-refused");
    let path = dir.join("plan.png");
    for extra in [
        &["--format", "json"][..],
        &["--simulate", "3"],
        &["--compare-stances"],
    ] {
        csplan()
            .args(["plan", "examples/seed.toml", "-o"])
            .arg(&path)
            .args(extra)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("gets the chart").and(predicate::str::contains(
                    format!("drop {}", extra.join(" ")).trim_end_matches(" 3"),
                )),
            );
        assert!(!path.exists(), "{extra:?}");
    }
    // Commands that draw no chart name the one that does.
    csplan()
        .args(["diff", "examples/seed.toml", "examples/seed.toml", "-o"])
        .arg(dir.join("diff.svg"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("only `csplan plan BASE -o"));
    assert!(!dir.join("diff.svg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_extension_csplan_does_not_write_is_refused_with_the_formats_allowed() {
    let dir = scratch("files-unknown");
    for name in ["plan.pdf", "plan.xls", "plan.html", "Plan.DOCX"] {
        let path = dir.join(name);
        csplan()
            .args(["plan", "examples/seed.toml", "-o"])
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("csplan writes no .")
                    .and(predicate::str::contains(".json, .csv, .md, .xlsx")),
            );
        assert!(!path.exists(), "{name}");
    }
    // No extension, `.txt`, and a device of any name are the table.
    for name in ["plan", "plan.txt"] {
        csplan()
            .args(["plan", "examples/seed.toml", "-o"])
            .arg(dir.join(name))
            .assert()
            .success();
    }
    csplan()
        .args(["plan", "examples/seed.toml", "-o", "/dev/null"])
        .assert()
        .success();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_chart_labels_each_gridline_at_its_step_s_precision() {
    let dir = scratch("files-ticks");
    let path = dir.join("x.svg");
    csplan()
        .args(["plan", "examples/series-b.toml", "--chart"])
        .arg(&path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains(">$12.5M<"), "no $12.5M gridline");
    assert!(!svg.contains(">$13M<"), "$12.5M rounded to $13M");
    std::fs::remove_dir_all(&dir).unwrap();
}
