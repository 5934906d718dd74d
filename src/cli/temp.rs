//! Temporary output files that a stopped run leaves no trace of: each file csplan writes is
//! first written beside its target under a hidden name, then renamed over it. Ctrl-C, SIGTERM
//! or SIGHUP while it is written removes it before csplan ends as the signal asks; a
//! temporary file of csplan's own naming whose process is gone (`kill -9`, a power cut) is
//! removed the next time the same target is written, once it has been left unmodified for ten
//! minutes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// The temporary files being written now.
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The name of the temporary file for target `file_name` of process `pid`, attempt `attempt`.
pub fn name(file_name: &str, pid: u32, attempt: u32) -> String {
    format!(".{file_name}.csplan-{pid}-{attempt}.tmp")
}

/// The process a temporary file for `file_name` was made by, when `entry` is one.
fn maker(entry: &str, file_name: &str) -> Option<u32> {
    let rest = entry
        .strip_prefix('.')?
        .strip_prefix(file_name)?
        .strip_prefix(".csplan-")?
        .strip_suffix(".tmp")?;
    let (pid, attempt) = rest.split_once('-')?;
    attempt.parse::<u32>().ok()?;
    pid.parse().ok()
}

/// Removes the temporary files for `file_name` in `dir` whose process is no longer running:
/// they are what a run stopped by `kill -9` left. One of a running csplan is left alone.
pub fn remove_stale(dir: &Path, file_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let Some(pid) = entry_name.to_str().and_then(|n| maker(n, file_name)) else {
            continue;
        };
        let running = pid == own || Path::new(&format!("/proc/{pid}")).exists();
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if !running && regular && untouched(&entry) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// How long a temporary file of a process that is gone stays unmodified before it is taken
/// for a leftover: a process in another PID namespace (a container sharing the folder) looks
/// gone from here, but the file it is writing changes as it writes.
const LEFT_FOR: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Whether `entry` has not been modified for [`LEFT_FOR`].
fn untouched(entry: &fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| std::time::SystemTime::now().duration_since(modified).ok())
        .is_some_and(|age| age >= LEFT_FOR)
}

/// A temporary file being written: removed if the run is stopped by a signal until this is
/// dropped (after the file is renamed, or removed on failure).
pub struct Writing(PathBuf);

impl Writing {
    pub fn new(path: &Path) -> Self {
        watch_signals();
        lock().push(path.to_path_buf());
        Writing(path.to_path_buf())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        lock().retain(|p| *p != self.0);
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    WRITING.lock().unwrap_or_else(|e| e.into_inner())
}

/// From the first temporary file on, SIGINT, SIGTERM and SIGHUP remove the temporary files
/// being written, then end csplan as the signal would have.
fn watch_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                for path in lock().drain(..) {
                    let _ = fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_csplan_s_own_names_for_the_target_are_recognised() {
        assert_eq!(maker(&name("plan.json", 42, 0), "plan.json"), Some(42));
        assert_eq!(maker(".plan.json.csplan-42-7.tmp", "plan.json"), Some(42));
        assert_eq!(maker(".plan.json.csplan-42-7.tmp", "plan"), None);
        assert_eq!(maker(".other.csplan-42-0.tmp", "plan.json"), None);
        assert_eq!(maker(".plan.json.csplan-x-0.tmp", "plan.json"), None);
        assert_eq!(maker("plan.json.csplan-42-0.tmp", "plan.json"), None);
    }
}
