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

// ---- output files: FIFOs, signals, leftovers, files the caller may not write ------------

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

fn is_root() -> bool {
    let out = Process::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// csplan as a plain process (as `nobody` when root, so that file permissions apply).
fn as_caller() -> Process {
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    let mut cmd = if is_root() {
        let mut cmd = Process::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(exe);
        cmd
    } else {
        Process::new(exe)
    };
    cmd.env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// The base in `examples/`, by an absolute path any user may read.
fn seed() -> PathBuf {
    std::env::current_dir().unwrap().join("examples/seed.toml")
}

#[test]
fn a_fifo_nobody_reads_is_an_error_not_a_wait() {
    let dir = scratch("files-fifo");
    let fifo = dir.join("fifo");
    assert!(
        Process::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "it is a FIFO and nothing is reading it",
        ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_output_in_a_missing_folder_names_the_folder() {
    let dir = scratch("files-missing");
    let out = dir.join("no/such/plan.txt");
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "the folder {} does not exist",
            dir.join("no/such").display()
        )));
    std::fs::write(dir.join("file"), "").unwrap();
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(dir.join("file/plan.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a folder"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `dir` and its parents up to the scratch folder open to every user.
fn open_to_all(dir: &Path, mode: u32) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_file_the_caller_could_not_write_is_not_replaced() {
    let dir = scratch("files-unwritable");
    open_to_all(&dir, 0o777);
    // Read-only to its owner, the caller.
    let read_only = dir.join("read-only.txt");
    std::fs::write(&read_only, "old\n").unwrap();
    if is_root() {
        std::os::unix::fs::chown(&read_only, Some(65534), Some(65534)).unwrap();
    }
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Another user's file in a shared folder (sticky, writable by all, as /tmp).
    let shared = dir.join("shared");
    std::fs::create_dir(&shared).unwrap();
    open_to_all(&shared, 0o1777);
    let theirs = shared.join("theirs.txt");
    std::fs::write(&theirs, "old\n").unwrap();
    let others: Vec<&Path> = if is_root() { vec![&theirs] } else { vec![] };
    for out in std::iter::once(read_only.as_path()).chain(others) {
        let output = as_caller()
            .arg("plan")
            .arg(seed())
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty());
        assert!(stderr.contains("refusing to replace"), "{stderr}");
        assert!(stderr.contains("would fail too"), "{stderr}");
        assert_eq!(std::fs::read(out).unwrap(), b"old\n");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The names in `dir` that are csplan's temporary files.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".csplan-"))
        .collect()
}

#[test]
fn a_signal_mid_write_leaves_no_temporary_file() {
    let dir = scratch("files-signal");
    // A plan large enough to be caught writing: 1,000 segments over ten years, as JSON.
    let mut base = String::from(
        "[company]\nname = \"Big\"\nstart = \"2027-01\"\nhorizon_months = 120\nregion = \"us\"\n\n[team]\n\n",
    );
    for i in 0..1000 {
        base.push_str(&format!(
            "[[segment]]\nname = \"S{i}\"\ncustomers = 200\narpa = 12000\nannual_churn = 0.1\n\n"
        ));
    }
    let base_path = dir.join("big.toml");
    std::fs::write(&base_path, base).unwrap();
    let out = dir.join("plan.json");
    std::fs::write(&out, "old\n").unwrap();
    for signal in ["INT", "TERM", "HUP"] {
        let mut child = Process::new(assert_cmd::cargo::cargo_bin("csplan"))
            .arg("plan")
            .arg(&base_path)
            .arg("-o")
            .arg(&out)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut caught = false;
        for _ in 0..6000 {
            if !temporaries(&dir).is_empty() {
                caught = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            caught,
            "SIG{signal}: the write ended before it could be stopped"
        );
        let status = Process::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{signal}");
        assert_eq!(temporaries(&dir), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(std::fs::read(&out).unwrap(), b"old\n", "SIG{signal}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn temporary_files_of_a_run_that_is_gone_are_removed_beside_their_target() {
    let dir = scratch("files-stale");
    // A process that has ended, for a temporary file `kill -9` left behind.
    let mut gone = Process::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let stale = format!(".plan.txt.csplan-{gone_pid}-0.tmp");
    // One of a running csplan (this test's process stands in), and one for another target.
    let running = format!(".plan.txt.csplan-{}-0.tmp", std::process::id());
    let other = format!(".other.txt.csplan-{gone_pid}-0.tmp");
    // A gone process's file written just now (perhaps by a process in another PID
    // namespace, still writing) is kept; an hour old, it is a leftover.
    let fresh = format!(".plan.txt.csplan-{gone_pid}-1.tmp");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [&stale, &running, &other, &fresh] {
        let file = std::fs::File::create(dir.join(name)).unwrap();
        if *name != fresh {
            file.set_modified(an_hour_ago).unwrap();
        }
    }
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(dir.join("plan.txt"))
        .assert()
        .success();
    let mut left = temporaries(&dir);
    left.sort();
    let mut want = vec![other.clone(), running.clone(), fresh.clone()];
    want.sort();
    assert_eq!(left, want);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn init_and_schema_write_only_files_named_for_what_they_write() {
    let dir = scratch("files-init-schema");
    for (args, name, want) in [
        (&["init"][..], "base.json", "a TOML base"),
        (&["schema", "plan"], "plan.toml", "a JSON Schema"),
        (&["schema", "input"], "input.txt", "a JSON Schema"),
    ] {
        csplan()
            .args(args)
            .arg("-o")
            .arg(dir.join(name))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("writes {want}, not a .")));
        assert!(!dir.join(name).exists());
    }
    for (args, name) in [
        (&["init"][..], "base.toml"),
        (&["schema", "plan"], "plan.schema.json"),
    ] {
        csplan()
            .args(args)
            .arg("-o")
            .arg(dir.join(name))
            .assert()
            .success();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
