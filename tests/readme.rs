//! The README's example outputs are the real outputs: each block after an
//! `<!-- output: ARGS -->` marker must equal what `csplan ARGS` prints (after
//! `<!-- stderr: ARGS -->`, what it prints on stderr).
//! `CSPLAN_BLESS_README=1 cargo test --test readme` rewrites the blocks.

use assert_cmd::Command;

fn csplan_output(args: &str, stream: &str) -> String {
    let out = Command::cargo_bin("csplan")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
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

/// The next `<!-- output: ` or `<!-- stderr: ` marker: its offset, length and stream.
fn next_marker(text: &str) -> Option<(usize, usize, &'static str)> {
    ["output", "stderr"]
        .into_iter()
        .filter_map(|stream| {
            let marker = format!("<!-- {stream}: ");
            text.find(&marker).map(|at| (at, marker.len(), stream))
        })
        .min()
}

#[test]
fn readme_outputs_are_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let bless = std::env::var_os("CSPLAN_BLESS_README").is_some();
    let mut rewritten = String::new();
    let mut stale = Vec::new();
    let mut rest = readme.as_str();
    while let Some((at, len, stream)) = next_marker(rest) {
        let marker_end = at + len;
        let (args, after) = rest[marker_end..].split_once(" -->\n").unwrap();
        let block = after
            .strip_prefix("```text\n")
            .expect("a ```text block follows the marker");
        let (shown, after_block) = block.split_once("```\n").unwrap();
        let actual = csplan_output(args, stream);
        if shown != actual {
            stale.push(args.to_string());
        }
        rewritten.push_str(&rest[..marker_end]);
        rewritten.push_str(&format!("{args} -->\n```text\n{actual}```\n"));
        rest = after_block;
    }
    rewritten.push_str(rest);
    assert!(
        rewritten.contains("<!-- output: "),
        "README has no output blocks"
    );
    if bless {
        std::fs::write("README.md", rewritten).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "README blocks are stale for {stale:?}: run `CSPLAN_BLESS_README=1 cargo test --test readme`"
        );
    }
}
