//! What a release archive carries beside the binary: `dist` packs `share/` (dist-workspace.toml's
//! `include`), the completions and man pages csplan writes itself. They are committed, so they
//! must be what this csplan writes; when a command, a flag or the version changes, write them
//! again with `csplan completions SHELL` and `csplan man --dir share/man/man1` (the messages
//! below give the command).

use crate::common::{csplan, scratch, stdout_of};

const COMPLETIONS: [(&str, &str); 5] = [
    ("bash", "csplan.bash"),
    ("zsh", "_csplan"),
    ("fish", "csplan.fish"),
    ("powershell", "_csplan.ps1"),
    ("elvish", "csplan.elv"),
];

#[test]
fn the_archived_completions_are_what_csplan_writes() {
    for (shell, file) in COMPLETIONS {
        let path = format!("share/completions/{file}");
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == stdout_of(&["completions", shell]),
            "{path} is stale: csplan completions {shell} > {path}"
        );
    }
}

#[test]
fn the_archived_man_pages_are_what_csplan_writes() {
    let dir = scratch("dist-man");
    csplan()
        .args(["man", "--dir"])
        .arg(dir.path(""))
        .assert()
        .success();
    let written = dir.files();
    let mut kept: Vec<String> = std::fs::read_dir("share/man/man1")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    let stale = "share/man/man1 is stale: rm share/man/man1/* && csplan man --dir share/man/man1";
    assert_eq!(kept, written, "{stale}");
    for page in written {
        let kept = std::fs::read_to_string(format!("share/man/man1/{page}")).unwrap();
        let written = std::fs::read_to_string(dir.path(&page)).unwrap();
        assert!(kept == written, "{page}: {stale}");
    }
}

#[test]
fn the_release_carries_every_platform_with_its_checksum_and_both_installers() {
    let config = std::fs::read_to_string("dist-workspace.toml").unwrap();
    for target in [
        "aarch64-apple-darwin",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "x86_64-unknown-linux-musl",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(config.contains(&format!("\"{target}\"")), "{target}");
    }
    for line in [
        "installers = [\"shell\", \"powershell\"]",
        "checksum = \"sha256\"",
        "unix-archive = \".tar.gz\"",
        "include = [\"share/\"]",
    ] {
        assert!(config.contains(line), "{line}");
    }
    // The archive names scripts/install.sh fetches.
    let install = std::fs::read_to_string("scripts/install.sh").unwrap();
    assert!(install.contains("archive=csplan-$target.tar.gz"));
    assert!(install.contains("archive=csplan-$target.zip"));
}
