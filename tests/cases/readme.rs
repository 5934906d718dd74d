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
