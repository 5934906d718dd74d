//! What csplan writes to is never damaged: a device or FIFO is written into (never replaced), a
//! symbolic link is followed, a file keeps its permissions, a failed write names the file and
//! the reason and leaves the old file whole; an output is never an input or another output;
//! CSV cells a spreadsheet would run are made inert; a closed or full stdout is an error; file
//! names in messages are escaped.
//!
//! Device nodes are made with `mknod` in a scratch folder (never the real `/dev`), so those
//! tests run as root only and say so when skipped.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use predicates::prelude::*;

use crate::common;

use common::{csplan, scratch};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The binary as a plain process, for redirections `assert_cmd` does not offer.
fn raw() -> Process {
    let mut cmd = Process::new(assert_cmd::cargo::cargo_bin("csplan"));
    cmd.env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("NO_COLOR", "1");
    cmd
}

fn is_root() -> bool {
    let out = Process::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// A character device with the numbers of `/dev/null` (1, 3) or `/dev/full` (1, 7), or `None`
/// (with a note) when not root.
fn device(path: &Path, minor: u32) -> Option<PathBuf> {
    if !is_root() {
        eprintln!("note: not root, so no device node: skipping the device checks");
        return None;
    }
    let status = Process::new("mknod")
        .arg(path)
        .args(["c", "1", &minor.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "mknod {}", path.display());
    Some(path.to_path_buf())
}

/// Every way csplan writes a file, each with `out` as the file written.
fn writers(out: &Path) -> Vec<Vec<OsString>> {
    let with = |args: &[&str], flag: &str| {
        let mut v: Vec<OsString> = args.iter().map(OsString::from).collect();
        v.push(flag.into());
        v.push(out.into());
        v
    };
    let mut writers = vec![
        with(&["plan", "examples/seed.toml"], "-o"),
        with(&["init", "--force"], "-o"),
        with(&["schema", "plan"], "-o"),
    ];
    // A chart file is named as one (a device or FIFO may have any name).
    let chart_named = matches!(
        out.extension().and_then(|e| e.to_str()),
        Some("svg" | "png")
    ) || fs::metadata(out).is_ok_and(|m| !m.is_file());
    if chart_named {
        writers.push(with(&["plan", "examples/seed.toml"], "--chart"));
    }
    // A regular file named as an image (`-o plan.svg`) is for the chart alone.
    if !chart_named || fs::metadata(out).is_ok_and(|m| !m.is_file()) {
        writers.extend(others(&with));
    }
    writers
}

/// The writers that write text or a workbook to `-o`, each with `out` as the file written.
fn others(with: &dyn Fn(&[&str], &str) -> Vec<OsString>) -> Vec<Vec<OsString>> {
    vec![
        with(&["plan", "examples/seed.toml", "--format", "csv"], "-o"),
        with(&["plan", "examples/seed.toml", "--compare-stances"], "-o"),
        with(
            &["plan", "examples/growth-ranges.toml", "--simulate", "5"],
            "-o",
        ),
        with(
            &[
                "health",
                "examples/growth-accounts.csv",
                "--base",
                "examples/growth.toml",
            ],
            "-o",
        ),
        with(
            &[
                "diff",
                "examples/growth.toml",
                "examples/growth-revised.toml",
            ],
            "-o",
        ),
    ]
}

/// What `args` write into a regular file (the reference a device or FIFO must receive).
fn reference(args: &[OsString], out: &Path, regular: &Path) -> Vec<u8> {
    // A regular file takes its format from its name: an image's for the chart.
    let chart = regular.with_extension("svg");
    let regular = if args.iter().any(|a| a == "--chart") {
        chart.as_path()
    } else {
        regular
    };
    let _ = fs::remove_file(regular);
    let args: Vec<OsString> = args
        .iter()
        .map(|a| if a == out { regular.into() } else { a.clone() })
        .collect();
    csplan().args(&args).assert().success();
    fs::read(regular).unwrap()
}

/// `args` exit 2, nothing on stdout, saying they could not write `path` for `reason`.
fn fails_to_write(args: &[OsString], path: &Path, reason: &str) {
    csplan()
        .args(args)
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "could not write {}: {reason}",
            path.display()
        )));
}

#[test]
fn a_device_is_written_into_never_replaced() {
    let dir = scratch("out-devices");
    let (Some(null), Some(full)) = (
        device(&dir.join("null.svg"), 3),
        device(&dir.join("full.svg"), 7),
    ) else {
        return;
    };
    for args in writers(&null) {
        csplan().args(&args).timeout(TIMEOUT).assert().success();
        let meta = fs::symlink_metadata(&null).unwrap();
        assert!(meta.file_type().is_char_device(), "{args:?} replaced it");
    }
    for args in writers(&full) {
        fails_to_write(&args, &full, "No space left on device");
        let meta = fs::symlink_metadata(&full).unwrap();
        assert!(meta.file_type().is_char_device(), "{args:?} replaced it");
    }
    // A device may have any name, also as the chart; two outputs into one `/dev/null` lose
    // nothing.
    let bare = device(&dir.join("devnull"), 3).unwrap();
    for args in [
        &["--chart", "BARE"][..],
        &["--chart", "BARE", "-o", "BARE"][..],
        &["-o", "BARE", "--chart", "NULL"][..],
    ] {
        csplan()
            .args(["plan", "examples/seed.toml"])
            .args(args.iter().map(|a| match *a {
                "BARE" => bare.as_os_str(),
                "NULL" => null.as_os_str(),
                a => a.as_ref(),
            }))
            .assert()
            .success();
        assert!(
            fs::symlink_metadata(&bare)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    // `init` asks for --force before replacing a file, not before writing into a device.
    csplan().args(["init", "-o"]).arg(&bare).assert().success();
    assert!(
        fs::symlink_metadata(&bare)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // Nothing but the devices in the folder: no temporary file left.
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["devnull", "full.svg", "null.svg"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// Reads the FIFO at `path` on a thread: the bytes arrive on the receiver once the writer
/// closes it. The thread may wait forever if nobody writes; the test never waits on it longer
/// than [`TIMEOUT`].
fn read_fifo(path: &Path) -> mpsc::Receiver<Vec<u8>> {
    let (send, receive) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(bytes) = fs::read(&path) {
            let _ = send.send(bytes);
        }
    });
    receive
}

#[test]
fn a_fifo_is_written_into_and_its_reader_gets_the_output() {
    let dir = scratch("out-fifo");
    let fifo = dir.join("fifo.svg");
    let status = Process::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let regular = dir.join("regular");
    for args in writers(&fifo) {
        let expected = reference(&args, &fifo, &regular);
        let received = read_fifo(&fifo);
        csplan().args(&args).timeout(TIMEOUT).assert().success();
        let bytes = received
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|_| panic!("{args:?}: the FIFO's reader got nothing"));
        assert_eq!(bytes, expected, "{args:?}");
        let meta = fs::symlink_metadata(&fifo).unwrap();
        assert!(meta.file_type().is_fifo(), "{args:?} replaced the FIFO");
    }
    // Two outputs into one FIFO: the second would wait for a reader that has gone.
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&fifo)
        .arg("--chart")
        .arg(&fifo)
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give each output its own file"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_link_is_followed_and_its_target_replaced() {
    let dir = scratch("out-links");
    fs::create_dir(dir.join("real")).unwrap();
    let regular = dir.join("regular");
    let target = dir.join("real/target");
    // A relative link, a link to that link, and a link whose target does not exist yet.
    let link = dir.join("link");
    std::os::unix::fs::symlink("real/target", &link).unwrap();
    let chain = dir.join("chain");
    std::os::unix::fs::symlink(&link, &chain).unwrap();
    let dangling = dir.join("dangling");
    let later = dir.join("real/later");
    std::os::unix::fs::symlink(&later, &dangling).unwrap();
    for args in writers(&link) {
        let expected = reference(&args, &link, &regular);
        fs::write(&target, "old\n").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        for path in [&link, &chain] {
            let args: Vec<OsString> = args
                .iter()
                .map(|a| {
                    if a == link.as_os_str() {
                        path.into()
                    } else {
                        a.clone()
                    }
                })
                .collect();
            csplan().args(&args).assert().success();
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert!(
                fs::symlink_metadata(&chain)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read(&target).unwrap(), expected, "{args:?}");
            let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{args:?}");
        }
    }
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&dangling)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&later).unwrap().contains("Lumen Forms"));
    // A loop of links is an error naming the file, never a hang or a replaced link.
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&a)
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "could not write {}: Too many levels of symbolic links",
            a.display()
        )));
    assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
    // No temporary file beside the targets.
    let mut names: Vec<_> = fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["later", "target"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// `-o /dev/stdout`-style names (a link to `/proc/self/fd/1`) write into what the shell gave
/// csplan as stdout: appending as `>>` asked, and never replacing the link.
#[test]
fn a_link_to_stdout_writes_into_stdout() {
    let dir = scratch("out-proc");
    let link = dir.join("stdout.txt");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let expected = csplan()
        .args(["plan", "examples/seed.toml"])
        .output()
        .unwrap()
        .stdout;
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&link)
        .assert()
        .success()
        .stdout(String::from_utf8(expected.clone()).unwrap());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Appended to a file opened with `>>`.
    let log = dir.join("log.txt");
    fs::write(&log, "before\n").unwrap();
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    let status = Process::new("sh")
        .arg("-c")
        .arg("\"$0\" plan examples/seed.toml -o \"$1\" >> \"$2\"")
        .arg(&exe)
        .arg(&link)
        .arg(&log)
        .status()
        .unwrap();
    assert!(status.success());
    let mut want = b"before\n".to_vec();
    want.extend(&expected);
    assert_eq!(fs::read(&log).unwrap(), want);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn permissions_are_kept_and_new_files_follow_the_umask() {
    let dir = scratch("out-modes");
    let out = dir.join("plan");
    for args in writers(&out) {
        // A 0444 file is replaced only by root, who may write it with `>` too.
        let read_only: &[u32] = if is_root() { &[0o444] } else { &[] };
        for &mode in [0o600, 0o640, 0o664].iter().chain(read_only) {
            fs::write(&out, "old\n").unwrap();
            fs::set_permissions(&out, fs::Permissions::from_mode(mode)).unwrap();
            csplan().args(&args).assert().success();
            let now = fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
            assert_eq!(now, mode, "{args:?}");
            assert_ne!(fs::read(&out).unwrap(), b"old\n");
            fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
            fs::remove_file(&out).unwrap();
        }
    }
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let status = Process::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" plan examples/seed.toml -o \"$1\""
            ))
            .arg(&exe)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        let now = fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(now, mode, "umask {umask}");
        fs::remove_file(&out).unwrap();
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_read_only_folder_is_an_error_naming_the_file_and_the_reason() {
    let dir = scratch("out-readonly");
    let locked = dir.join("locked");
    fs::create_dir(&locked).unwrap();
    let out = locked.join("plan");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    // Root writes anywhere: run csplan as nobody to meet the folder's permissions.
    let (program, prefix): (PathBuf, Vec<OsString>) = if is_root() {
        (
            "setpriv".into(),
            ["--reuid=65534", "--regid=65534", "--clear-groups"]
                .map(OsString::from)
                .into_iter()
                .chain([exe.into_os_string()])
                .collect(),
        )
    } else {
        (exe, Vec::new())
    };
    for args in writers(&out) {
        let output = Process::new(&program)
            .args(&prefix)
            .args(&args)
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "could not write {}: Permission denied",
                out.display()
            )),
            "{args:?}: {stderr}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old\n", "{args:?}");
        assert_eq!(names_in(&locked), ["plan"], "{args:?}");
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_name_too_long_for_the_temporary_file_is_an_error_and_the_old_file_stays() {
    let dir = scratch("out-long");
    // 250 bytes is a legal name; with the temporary file's prefix and suffix it is not.
    let long = dir.join("x".repeat(250));
    fs::write(&long, "old\n").unwrap();
    let longer = dir.join("y".repeat(304));
    for args in writers(&long) {
        fails_to_write(&args, &long, "File name too long");
        assert_eq!(fs::read(&long).unwrap(), b"old\n");
    }
    for args in writers(&longer) {
        csplan()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("File name too long"));
    }
    assert_eq!(names_in(&dir).len(), 1);
    fs::remove_dir_all(&dir).unwrap();
}

/// A write that fails halfway (here the file-size limit, with its signal ignored, so the write
/// itself returns "File too large", as a full disk would return its error) leaves the old
/// file whole and no temporary file.
#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_whole() {
    let dir = scratch("out-halfway");
    let out = dir.join("out");
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    for args in writers(&out) {
        fs::write(&out, "old\n").unwrap();
        let output = Process::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"")
            .arg(&exe)
            .args(&args)
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "could not write {}: File too large",
                out.display()
            )),
            "{args:?}: {stderr}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old\n", "{args:?}");
        assert_eq!(names_in(&dir), ["out"], "{args:?}");
    }
    fs::remove_dir_all(&dir).unwrap();
}

// ---- outputs and inputs that are one file -------------------------------------------------

#[test]
fn two_outputs_that_are_one_file_are_refused_before_either_exists() {
    let dir = scratch("same-outputs");
    let out = dir.join("out.svg");
    let dotted = dir.join(".").join("out.svg");
    let via = dir.join("sub/../out.svg");
    fs::create_dir(dir.join("sub")).unwrap();
    let link = dir.join("link.svg");
    std::os::unix::fs::symlink("out.svg", &link).unwrap();
    for (o, chart) in [
        (&out, &dotted),
        (&dotted, &out),
        (&out, &via),
        (&link, &out),
        (&out, &out),
    ] {
        csplan()
            .args(["plan", "examples/seed.toml", "-o"])
            .arg(o)
            .arg("--chart")
            .arg(chart)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("give each output its own file"));
        assert!(!out.exists());
    }
    // Relative names from the working folder.
    csplan()
        .current_dir(&dir)
        .args(["plan"])
        .arg(std::env::current_dir().unwrap().join("examples/seed.toml"))
        .args(["-o", "out.svg", "--chart", "./out.svg"])
        .assert()
        .code(2)
        .stdout("");
    assert!(!out.exists());
    // The chart where stdout already goes (`> out.svg`).
    fs::write(&out, "").unwrap();
    let stdout = fs::OpenOptions::new().append(true).open(&out).unwrap();
    let status = Process::new(assert_cmd::cargo::cargo_bin("csplan"))
        .args(["plan", "examples/seed.toml", "--chart"])
        .arg(&out)
        .stdout(stdout)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(fs::read(&out).unwrap(), b"");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_output_over_any_input_is_refused() {
    let dir = scratch("same-input");
    let accounts = dir.join("a.svg");
    fs::copy("examples/growth-accounts.csv", &accounts).unwrap();
    let base = dir.join("base.toml");
    fs::copy("examples/growth.toml", &base).unwrap();
    let link = dir.join("link.toml");
    std::os::unix::fs::symlink("base.toml", &link).unwrap();
    let hard = dir.join("hard.toml");
    fs::hard_link(&base, &hard).unwrap();
    let chart_link = dir.join("base-link.svg");
    std::os::unix::fs::symlink("base.toml", &chart_link).unwrap();
    let refused = |args: Vec<OsString>, stdin: Option<&Path>| {
        let mut cmd = raw();
        cmd.args(&args);
        if let Some(path) = stdin {
            // A redirect (`< base.toml`), not a pipe: stdin is the file itself.
            cmd.stdin(fs::File::open(path).unwrap());
        }
        // Not assert_cmd: it would put a pipe on stdin.
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains("refusing to write the output over the input"),
            "{args:?}: {stderr}"
        );
    };
    let args = |list: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<OsString> {
        list.iter().map(|a| a.as_ref().to_os_string()).collect()
    };
    refused(
        args(&[
            &"plan",
            &base,
            &"--accounts",
            &accounts,
            &"--chart",
            &accounts,
        ]),
        None,
    );
    refused(
        args(&[&"plan", &base, &"--accounts", &accounts, &"-o", &accounts]),
        None,
    );
    for output in [&base, &link, &hard] {
        refused(args(&[&"plan", &"-", &"-o", output]), Some(&base));
        refused(args(&[&"plan", &base, &"-o", output]), None);
        refused(
            args(&[&"plan", &"-", &"--chart", &chart_link]),
            Some(output),
        );
        refused(
            args(&[&"diff", &"-", &"examples/seed.toml", &"-o", output]),
            Some(&base),
        );
        refused(
            args(&[
                &"health",
                &"examples/growth-accounts.csv",
                &"--base",
                &base,
                &"-o",
                output,
            ]),
            None,
        );
        refused(
            args(&[&"plan", &"-", &"--simulate", &"3", &"-o", output]),
            Some(&base),
        );
    }
    refused(args(&[&"health", &"-", &"-o", &accounts]), Some(&accounts));
    assert_eq!(
        fs::read(&base).unwrap(),
        fs::read("examples/growth.toml").unwrap()
    );
    assert_eq!(
        fs::read(&accounts).unwrap(),
        fs::read("examples/growth-accounts.csv").unwrap()
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    fs::remove_dir_all(&dir).unwrap();
}

// ---- CSV cells a spreadsheet would run ------------------------------------------------------

/// Every cell of `csv` is inert: none starts as a formula does, unless it is a plain number.
fn assert_inert(csv: &str, context: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
                && !cell.starts_with('+')
                && cell
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"-.eE+".contains(&b));
            let runs = cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']);
            assert!(!runs || number, "{context}: cell {cell:?} would run");
        }
    }
    assert!(cells > 0, "{context}: no cells");
    cells
}

const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=2+2",
    "\r=3+3",
];

#[test]
fn health_csv_names_are_inert_and_numbers_stay_numbers() {
    let mut accounts = String::from("account,segment,arr,usage,renewal_date\n");
    for (i, name) in HOSTILE.iter().enumerate() {
        let quoted = name.replace('"', "\"\"");
        accounts.push_str(&format!(
            "\"{quoted}\",SMB,{},0.5,2026-12-{:02}\n",
            1000 + i,
            i + 1
        ));
    }
    let out = csplan()
        .args(["health", "-", "--format", "csv", "--as-of", "2027-01-01"])
        .write_stdin(accounts)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_inert(&csv, "health");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut names: Vec<&str> = rows.iter().map(|r| &r[at("account")]).collect();
    names.sort_unstable();
    // The accounts reader trims a name's blanks; what is left is made inert.
    let mut want: Vec<String> = HOSTILE.iter().map(|n| format!("'{}", n.trim())).collect();
    want.sort();
    assert_eq!(names, want);
    // A renewal already past is a negative number of days: still a number.
    assert!(
        rows.iter()
            .all(|r| r[at("days_to_renewal")].parse::<i64>().unwrap() < 0)
    );
}

/// A base whose segments carry the hostile names.
fn hostile_base() -> String {
    let mut base =
        String::from("[company]\nname = \"=1+1\"\nstart = \"2027-01\"\nhorizon_months = 6\n");
    for name in HOSTILE {
        base.push_str(&format!(
            "[[segment]]\nname = {name:?}\ncustomers = 40\narpa = 12000\nannual_churn = \
             {{ low = 0.05, high = 0.2 }}\n"
        ));
    }
    base
}

#[test]
fn every_command_s_csv_is_inert() {
    let base = hostile_base();
    let dir = scratch("csv-inert");
    let path = dir.join("base.toml");
    fs::write(&path, &base).unwrap();
    let saved = dir.join("saved.json");
    csplan()
        .arg("plan")
        .arg(&path)
        .args(["--format", "json", "-o"])
        .arg(&saved)
        .assert()
        .success();
    for args in [
        vec!["plan", "BASE", "--format", "csv"],
        vec!["plan", "BASE", "--format", "csv", "--period", "quarter"],
        vec!["plan", "BASE", "--format", "csv", "--compare-stances"],
        vec!["plan", "BASE", "--format", "csv", "--simulate", "5"],
        vec!["diff", "SAVED", "BASE", "--format", "csv"],
    ] {
        let args: Vec<OsString> = args
            .iter()
            .map(|a| match *a {
                "BASE" => path.clone().into_os_string(),
                "SAVED" => saved.clone().into_os_string(),
                a => a.into(),
            })
            .collect();
        let out = csplan().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_inert(
            &String::from_utf8(out.stdout).unwrap(),
            &format!("{args:?}"),
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// A saved plan's period labels are text from a file: the diff's CSV makes them inert too.
#[test]
fn diff_csv_of_saved_plans_is_inert() {
    let dir = scratch("csv-diff");
    let json = csplan()
        .args(["plan", "examples/seed.toml", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    let json = String::from_utf8(json)
        .unwrap()
        .replace("\"2027-01\"", "\"=HYPERLINK(1)\"")
        .replace("\"2027-02\"", "\"@SUM(1)\"");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    fs::write(&old, &json).unwrap();
    fs::write(&new, &json).unwrap();
    let out = csplan()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    if out.status.success() {
        let csv = String::from_utf8(out.stdout).unwrap();
        assert_inert(&csv, "diff");
        assert!(
            csv.contains("'=HYPERLINK(1)") || csv.contains("'@SUM(1)"),
            "{csv}"
        );
    } else {
        // A saved plan with such labels may be refused as not csplan's: then nothing is written.
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
    }
    fs::remove_dir_all(&dir).unwrap();
}

// ---- stdout ---------------------------------------------------------------------------------

/// `sh -c` running csplan with `redirect` applied to it.
fn shell(redirect: &str, args: &[&str]) -> std::process::Output {
    Process::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(assert_cmd::cargo::cargo_bin("csplan"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

#[test]
fn an_open_stdout_is_never_refused() {
    for args in [
        &["plan", "examples/seed.toml"][..],
        &["plan", "examples/seed.toml", "--format", "json"][..],
        &["check", "examples/seed.toml"][..],
        &["explain"][..],
        &["--help"][..],
        &["--version"][..],
    ] {
        // `Stdio::null()` opens `/dev/null` for reading and writing, as Python's
        // `subprocess.DEVNULL` and Node's `stdio: 'ignore'` do: the caller discards the output.
        let out = Process::new(assert_cmd::cargo::cargo_bin("csplan"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {:?}", out.stderr);
        // A stdout closed before csplan starts is that same `/dev/null` once the runtime
        // has filled the gap, and `> /dev/null` opens it for writing only: both are fine.
        for redirect in [">&-", "> /dev/null"] {
            let out = shell(redirect, args);
            assert_eq!(out.status.code(), Some(0), "{args:?} {redirect}");
            assert!(out.stderr.is_empty(), "{args:?} {redirect}");
        }
    }
    // With -o, stdout is not needed.
    let dir = scratch("closed-stdout");
    let out = shell(
        ">&-",
        &[
            "plan",
            "examples/seed.toml",
            "-o",
            dir.join("p.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("p.txt").is_file());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_full_stdout_is_an_error() {
    let dir = scratch("full-stdout");
    let Some(full) = device(&dir.join("full"), 7) else {
        return;
    };
    for args in [
        &["--help"][..],
        &["plan", "--help"][..],
        &["--version"][..],
        &["plan", "examples/seed.toml"][..],
        &["explain"][..],
        &["schema", "plan"][..],
        &["completions", "bash"][..],
    ] {
        let out = raw()
            .args(args)
            .stdout(fs::OpenOptions::new().write(true).open(&full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: could not write to stdout: No space left on device\n",
            "{args:?}"
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// `csplan --help | head -1` and the like: the reader leaving is not an error.
#[test]
fn help_into_a_closed_pipe_ends_quietly() {
    for args in [&["--help"][..], &["man"][..], &["schema", "input"][..]] {
        let out = shell("| head -c 1 > /dev/null; exit 0", args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

// ---- file names in messages -----------------------------------------------------------------

#[test]
fn file_names_in_messages_are_escaped() {
    let dir = scratch("names");
    for name in [
        "esc\u{1b}[31mred.toml",
        "bell\u{7}.toml",
        "new\nline.toml",
        "rlo\u{202e}lmot.toml",
        "zero\u{200b}width.toml",
        "c1\u{9b}31m.toml",
    ] {
        let path = dir.join(name);
        // Missing, then present but not a base.
        for present in [false, true] {
            if present {
                fs::write(&path, "not toml =").unwrap();
            }
            let out = csplan().arg("check").arg(&path).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{name:?}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '\u{9b}'] {
                assert!(!stderr.contains(bad), "{name:?}: {stderr:?}");
            }
            assert!(
                !stderr.trim_end().contains("new\nline"),
                "{name:?}: {stderr:?}"
            );
            assert!(
                stderr.contains("\\u{") || stderr.contains("\\n"),
                "{stderr:?}"
            );
        }
        // An output name too.
        let out = csplan()
            .args(["plan", "examples/seed.toml", "-o"])
            .arg(dir.join("missing").join(name))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
            "{stderr:?}"
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// Arguments clap refuses are echoed in its message: never with a raw escape or bidi control.
#[test]
fn refused_arguments_are_echoed_escaped() {
    for args in [
        &["\u{1b}[2Jplan\u{202e}"][..],
        &["plan", "--months", "9\r\u{1b}[31m"][..],
        &[
            "plan",
            "examples/seed.toml",
            "--format",
            "\u{1b}]0;title\u{7}",
        ][..],
    ] {
        let out = csplan().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("error: "), "{stderr:?}");
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\r'] {
            assert!(!stderr.contains(bad), "{args:?}: {stderr:?}");
        }
    }
}

/// A full stderr loses the message but never turns a gate's exit 1 into a panic's 101.
#[test]
fn a_full_stderr_keeps_the_exit_code() {
    let dir = scratch("full-stderr");
    let Some(full) = device(&dir.join("full"), 7) else {
        return;
    };
    let out = raw()
        .args([
            "diff",
            "examples/growth.toml",
            "examples/growth-revised.toml",
            "--fail-if-increase",
            "0",
        ])
        .stderr(fs::OpenOptions::new().write(true).open(&full).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    fs::remove_dir_all(&dir).unwrap();
}
