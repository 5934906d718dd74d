//! The README's fuzz commands work on a fresh clone: every folder they name is in the
//! repository with at least one seed, every fuzz target has its seeds, and each seed goes
//! through the pipeline its target runs.

use std::path::Path;

use crate::pipeline;

/// The folders each `cargo +nightly fuzz run TARGET DIR…` line of the README names.
fn readme_commands() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("cargo +nightly fuzz run "))
        .map(|rest| {
            let mut words = rest.split_whitespace();
            let target = words.next().unwrap().to_string();
            let dirs = words.take_while(|w| *w != "--").map(String::from).collect();
            (target, dirs)
        })
        .collect()
}

fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_folder_the_fuzz_commands_name_exists_with_seeds() {
    let commands = readme_commands();
    let targets: Vec<String> = files_in(Path::new("fuzz/fuzz_targets"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for target in &targets {
        assert!(
            commands.iter().any(|(t, _)| t == target),
            "the README gives no command for fuzz target {target}"
        );
    }
    for (target, dirs) in &commands {
        assert!(targets.contains(target), "no fuzz target {target}");
        assert!(
            dirs.contains(&format!("fuzz/corpus/{target}")),
            "{target}: its corpus folder is not named"
        );
        for dir in dirs {
            assert!(!files_in(Path::new(dir)).is_empty(), "{dir} has no seed");
        }
    }
}

#[test]
fn each_seed_goes_through_its_target_s_pipeline() {
    let read = |dir: &str| -> Vec<Vec<u8>> {
        files_in(Path::new(dir))
            .iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("seed-")
            })
            .map(|p| std::fs::read(p).unwrap())
            .collect()
    };
    for bytes in read("fuzz/corpus/whole_path") {
        pipeline::run(&bytes);
        csplan::input::read_bytes(&bytes).expect("a seed base is valid");
    }
    for bytes in read("fuzz/corpus/saved_plan") {
        pipeline::run_saved_plan(&bytes);
        serde_json::from_slice::<csplan::plan::Plan>(&bytes).expect("a seed plan parses");
    }
    let base =
        csplan::input::parse(&std::fs::read_to_string("examples/growth.toml").unwrap()).unwrap();
    for bytes in read("fuzz/corpus/accounts") {
        pipeline::run_accounts(&bytes, &base);
    }
}
