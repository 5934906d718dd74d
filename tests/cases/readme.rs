//! The README's example outputs are the real outputs: each block after an
//! `<!-- output: ARGS -->` marker must equal what `csplan ARGS` prints (after
//! `<!-- stderr: ARGS -->`, what it prints on stderr). Each block is its own test, named by
//! the marker's line, so one stale block does not hide the others.
//! `CSPLAN_BLESS_README=1 cargo test --test cases` rewrites the blocks.

use crate::common;

use libtest_mimic::{Failed, Trial};

/// One output block: where its marker is, what it runs and what the README shows.
struct Block {
    /// The marker's line in the README, from 1.
    line: usize,
    args: String,
    stream: &'static str,
    shown: String,
}

/// The README split into the text around the blocks and the blocks: `text[i]` comes before
/// `blocks[i]`, and the last piece of text after the last block.
fn split(readme: &str) -> (Vec<String>, Vec<Block>) {
    let mut text = Vec::new();
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some((at, len, stream)) = next_marker(rest) {
        let marker_end = at + len;
        let (args, after) = rest[marker_end..].split_once(" -->\n").unwrap();
        let block = after
            .strip_prefix("```text\n")
            .expect("a ```text block follows the marker");
        let (shown, after_block) = block.split_once("```\n").unwrap();
        let line = readme[..readme.len() - rest.len() + at].lines().count() + 1;
        text.push(format!("{}{args} -->\n```text\n", &rest[..marker_end]));
        blocks.push(Block {
            line,
            args: args.to_string(),
            stream,
            shown: shown.to_string(),
        });
        rest = after_block;
    }
    text.push(rest.to_string());
    (text, blocks)
}

/// The next `<!-- output: ` or `<!-- stderr: ` marker at the start of a line (one quoted
/// inside a sentence or a table is not a marker): its offset, length and stream.
fn next_marker(text: &str) -> Option<(usize, usize, &'static str)> {
    ["output", "stderr"]
        .into_iter()
        .filter_map(|stream| {
            let marker = format!("<!-- {stream}: ");
            text.match_indices(&marker)
                .map(|(at, _)| at)
                .find(|&at| at == 0 || text[..at].ends_with('\n'))
                .map(|at| (at, marker.len(), stream))
        })
        .min()
}

fn csplan_output(args: &str, stream: &str) -> String {
    let out = common::csplan()
        .args(args.split_whitespace())
        .output()
        .unwrap();
    String::from_utf8(if stream == "stderr" {
        out.stderr
    } else {
        out.stdout
    })
    .unwrap()
}

/// Every block rewritten with what csplan prints now.
fn bless(readme: &str) {
    let (text, blocks) = split(readme);
    let mut rewritten = String::new();
    for (before, block) in text.iter().zip(&blocks) {
        rewritten.push_str(before);
        rewritten.push_str(&csplan_output(&block.args, block.stream));
        rewritten.push_str("```\n");
    }
    rewritten.push_str(text.last().unwrap());
    std::fs::write("README.md", rewritten).unwrap();
}

/// One trial per output block (after rewriting them all under `CSPLAN_BLESS_README`).
pub fn trials() -> Vec<Trial> {
    if std::env::var_os("CSPLAN_BLESS_README").is_some() {
        bless(&std::fs::read_to_string("README.md").unwrap());
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    let (_, blocks) = split(&readme);
    assert!(!blocks.is_empty(), "README has no output blocks");
    blocks
        .into_iter()
        .map(|block| {
            let name = format!(
                "readme/line-{}: csplan {}{}",
                block.line,
                block.args,
                if block.stream == "stderr" {
                    " (stderr)"
                } else {
                    ""
                }
            );
            Trial::test(name, move || {
                let actual = csplan_output(&block.args, block.stream);
                if actual == block.shown {
                    return Ok(());
                }
                Err(Failed::from(format!(
                    "README block at line {} is stale (`CSPLAN_BLESS_README=1 cargo test --test cases` rewrites it): {}",
                    block.line,
                    common::first_difference(&block.shown, &actual)
                )))
            })
        })
        .collect()
}

/// The figures quoted in a stretch of prose: amounts (`$162,700`, `-$37,300`), percents
/// (`18.6%`), factors and other decimals (`0.9585`), months, quarters and fiscal years
/// (`2027-06`, `2027-Q1`, `FY2027`), and changes written `11 → 10`.
fn quoted_figures(prose: &str) -> Vec<String> {
    let words: Vec<String> = prose
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| "()[],;:.`*'\"".contains(c))
                .trim_start_matches('×')
                .to_string()
        })
        .collect();
    let is_period = |w: &str| {
        let b = w.as_bytes();
        (b.len() == 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-')
            && (b[5..].iter().all(u8::is_ascii_digit) || b[5] == b'Q')
            || (w.starts_with("FY") && w.len() == 6 && w[2..].bytes().all(|c| c.is_ascii_digit()))
    };
    let is_decimal = |w: &str| {
        w.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.trim_start_matches(['-', '+'])
                    .bytes()
                    .all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    };
    let mut figures = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.contains('$') || (w.ends_with('%') && w.len() > 1) || is_period(w) || is_decimal(w) {
            figures.push(w.clone());
        }
        if w == "→" && i > 0 && i + 1 < words.len() {
            figures.push(format!("{} → {}", words[i - 1], words[i + 1]));
        }
    }
    figures
}

/// The README's walk through the example review quotes only figures the review prints: the
/// prose between `<!-- figures: … -->` and `<!-- end of figures -->` after the review's block.
pub fn review_prose_trial() -> Trial {
    Trial::test(
        "readme/review-prose: every figure quoted is in the printed review",
        || {
            let readme = std::fs::read_to_string("README.md").unwrap();
            let (_, blocks) = split(&readme);
            let marker = "review examples/growth.toml examples/growth-actuals.csv --period quarter";
            let block = blocks
                .iter()
                .find(|b| b.args == marker)
                .ok_or("README has no block of the example review")?;
            let after = &readme[readme.find(&format!("<!-- output: {marker} -->")).unwrap()..];
            let start = after
                .find("<!-- figures: ")
                .ok_or("no `<!-- figures: ` marker after the review's block")?;
            let end = after
                .find("<!-- end of figures -->")
                .ok_or("no `<!-- end of figures -->` marker")?;
            let prose = &after[start..end];
            let figures = quoted_figures(prose);
            if figures.len() < 40 {
                return Err(format!(
                    "only {} figures found in the prose: {figures:?}",
                    figures.len()
                )
                .into());
            }
            let missing: Vec<&String> = figures
                .iter()
                .filter(|f| !block.shown.contains(f.as_str()))
                .collect();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(format!("figures the README's review prose quotes but the review does not print: {missing:?}").into())
            }
        },
    )
}
