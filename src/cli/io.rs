//! Files in and out: read a base (or stdin) with a size limit; write output safely (a regular
//! file replaced atomically with its permissions kept, a device or FIFO written into, a link
//! followed); refuse an output that is an input or another output; a closed pipe ends quietly.

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use csplan::input::MAX_INPUT_BYTES;

/// The name a file is shown under in messages (`<stdin>` for `-`), with every character a
/// terminal would act on or hide shown escaped: control characters (ESC, CR, …), bidi
/// controls and zero-width characters become `\u{1b}`, `\u{202e}`, …; a name that is not
/// UTF-8 shows `\xNN` for each byte that is not.
pub fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        escape_name(path)
    }
}

/// `path` as text for a message, escaped as [`display_name`] says.
fn escape_name(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        for ch in chunk.valid().chars() {
            push_escaped(&mut out, ch);
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02x}"));
        }
    }
    out
}

/// A message with what a terminal would act on or hide shown escaped (its line breaks kept):
/// for text csplan echoes that it did not write itself, such as an argument clap refuses.
pub fn escape_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '\n' {
            out.push(ch);
        } else {
            push_escaped(&mut out, ch);
        }
    }
    out
}

/// `ch`, or its escape (`\t`, `\r`, `\n`, else `\u{…}`) when [`shown_escaped`].
fn push_escaped(out: &mut String, ch: char) {
    if matches!(ch, '\t' | '\n' | '\r') {
        out.extend(ch.escape_debug());
    } else if shown_escaped(ch) {
        out.extend(ch.escape_unicode());
    } else {
        out.push(ch);
    }
}

/// Characters never written raw into a message: controls (C0, DEL, C1), bidi embeddings,
/// overrides, isolates and marks, zero-width characters, line and paragraph separators.
fn shown_escaped(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `--quiet`: notes and warnings on stderr are not printed (errors still are).
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets `--quiet` for the run.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Whether `--quiet` was given.
pub fn is_quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Writes a note or warning (a line ending in a newline) to stderr, unless `--quiet`.
pub fn note(message: &str) {
    if !is_quiet() {
        print_error(message);
    }
}

/// `-`: stdin for an input, stdout for `-o`.
fn is_stdio(path: &Path) -> bool {
    path == Path::new("-")
}

/// Reads a whole base (or stdin for `-`), refusing more than the input limit without reading
/// further. The library checks that it is UTF-8, pointing at the first bad byte.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_INPUT_BYTES, "bases up to 8 MiB", "the base")
}

/// Largest saved JSON plan `diff` reads: the largest plan csplan writes (the work model's).
pub use csplan::model::work::MAX_PLAN_BYTES;

/// Reads one side of `diff`: a base (its own limit applies when it is parsed) or a saved JSON
/// plan, up to [`MAX_PLAN_BYTES`].
pub fn read_plan(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_PLAN_BYTES, "saved plans up to 1 GiB", "the plan")
}

/// Reads a whole file (or stdin for `-`), refusing more than `max` bytes without reading
/// further; `what` says what csplan reads.
pub fn read_limited(path: &Path, max: usize, what: &str, noun: &str) -> Result<Vec<u8>> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let limit = max as u64 + 1;
    if is_stdio(path) {
        // Typed at a terminal, the input ends with Ctrl-D: say so rather than wait silently.
        if io::stdin().is_terminal() {
            note(&format!(
                "csplan: reading {noun} from stdin (the terminal); type or paste it, then end \
                 with Ctrl-D\n"
            ));
        }
        io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("could not read stdin")?;
    } else {
        if path.is_dir() {
            bail!("{name} is a folder: give a base file, e.g. {name}/base.toml");
        }
        let file = fs::File::open(path).with_context(|| format!("could not read {name}"))?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("could not read {name}"))?;
    }
    if bytes.len() > max {
        bail!("{name} is larger than {max} bytes: csplan reads {what}");
    }
    Ok(bytes)
}

/// Where results go.
pub enum Sink {
    /// Standard output.
    Stdout,
    /// A file: see [`write_file`].
    File(PathBuf),
}

/// One output of a run and the option that names it (`-o`, `--chart`); `None` or `-` is stdout.
pub type Output<'a> = (&'static str, Option<&'a Path>);

impl Sink {
    /// `-o FILE` (`-o -` is stdout), refusing to write over any of `inputs`.
    pub fn new(output: Option<&Path>, inputs: &[&Path]) -> Result<Self> {
        let mut sinks = Self::all(&[("-o", output)], inputs)?;
        Ok(sinks.remove(0))
    }

    /// Every output of one run, checked before anything is read or written: no output is a
    /// folder, none is the same file as an input (`-` compared by what stdin is) or as another
    /// output (stdout included, when it is a file). Files are compared by device and inode when
    /// they exist, else by their folder and name (after following links), so `out.svg` and
    /// `./out.svg` are one file before either exists.
    pub fn all(outputs: &[Output<'_>], inputs: &[&Path]) -> Result<Vec<Self>> {
        let mut seen: Vec<(String, Identity)> = Vec::new();
        let mut sinks = Vec::new();
        let mut to_stdout = false;
        for &(flag, path) in outputs {
            let Some(path) = path.filter(|p| !is_stdio(p)) else {
                to_stdout = true;
                sinks.push(Sink::Stdout);
                continue;
            };
            let name = display_name(path);
            if path.is_dir() {
                let example = if flag == "--chart" {
                    "plan.svg"
                } else {
                    "plan.txt"
                };
                bail!("{flag} {name} is a folder: give a file name, e.g. {flag} {name}/{example}");
            }
            refuse_missing_folder(flag, path)?;
            if fs::metadata(path).is_ok_and(|m| m.is_file()) && !through_proc(path) {
                refuse_unwritable(path, &name)?;
            }
            let id = Identity::of_output(path);
            for input in inputs {
                let input_id = if is_stdio(input) {
                    Identity::of_stdin()
                } else {
                    Identity::of_existing(input)
                };
                if input_id.is_some_and(|i| i.regular && i == id) {
                    bail!(
                        "refusing to write the output over the input {}: choose another {flag} file",
                        display_name(input)
                    );
                }
            }
            // Two outputs into one terminal or `/dev/null` lose nothing; into one file or FIFO
            // the second would replace or wait behind the first.
            if let Some((other, _)) = seen.iter().find(|(_, seen)| *seen == id && !id.char_device) {
                bail!("{other} and {flag} {name} are the same file: give each output its own file");
            }
            seen.push((format!("{flag} {name}"), id));
            sinks.push(Sink::File(path.to_path_buf()));
        }
        if to_stdout
            && let Some(stdout) = Identity::of_stdout().filter(|s| s.regular)
            && let Some((flag, _)) = seen.iter().find(|(_, id)| *id == stdout)
        {
            bail!("{flag} is also where stdout goes: give it another file");
        }
        Ok(sinks)
    }
}

/// A file to be created in a folder that does not exist is refused before anything is read,
/// naming the folder.
fn refuse_missing_folder(flag: &str, path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok() && fs::metadata(path).is_ok() {
        return Ok(());
    }
    let target = final_target(path).unwrap_or_else(|_| path.to_path_buf());
    let (dir, _) = split(&target);
    let folder = display_name(&dir);
    match fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => bail!(
            "{flag} {}: {folder} is not a folder, so nothing can be written in it",
            display_name(path)
        ),
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "{flag} {}: the folder {folder} does not exist: create it first (mkdir -p {folder})",
            display_name(path)
        ),
        Err(_) => Ok(()),
    }
}

impl Sink {
    /// Writes `text`. A broken pipe on stdout is not an error (`csplan plan x.toml | head`).
    pub fn write(&self, text: &str) -> Result<()> {
        self.write_bytes(text.as_bytes())
    }

    /// Writes `bytes` (text or a workbook), as [`Sink::write`].
    pub fn write_bytes(&self, bytes: &[u8]) -> Result<()> {
        self.write_with(|out| out.write_all(bytes))
    }

    /// Writes what `write` writes into the writer it is given (buffered), as [`Sink::write`]
    /// does: an output too large to build in memory first is written as it is made, with the
    /// same guarantees (a file replaced only once the whole output is written, and left as it
    /// was when `write` fails).
    pub fn write_with(&self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        match self {
            Sink::Stdout => write_stdout_with(write),
            Sink::File(path) => write_file(path, write),
        }
    }
}

/// Writes `bytes` to stdout. A reader that went away (`| head -1`) ends the output quietly, as
/// in other command-line tools; any other failure (`> /dev/full`) is an error. An open stdout
/// is never refused: `/dev/null` opened for reading and writing is how Python's
/// `subprocess.DEVNULL` and Node's `stdio: 'ignore'` discard output, and a stdout closed before
/// csplan started is that same `/dev/null` once the runtime has filled the gap, so the two
/// cannot be told apart; both discard the output as the caller asked.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    write_stdout_with(|out| out.write_all(bytes))
}

/// Writes what `write` writes to stdout, buffered, as [`write_stdout`].
fn write_stdout_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut out = io::BufWriter::with_capacity(BUFFER, io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(anyhow!("could not write to stdout: {}", os_reason(&e)))
        }
        _ => Ok(()),
    }
}

/// Bytes gathered before each write to stdout or a file.
const BUFFER: usize = 64 * 1024;

/// Writes a message to stderr; a closed stderr is not worth a panic (`eprint!` would panic).
pub fn print_error(message: &str) {
    let _ = io::stderr().lock().write_all(message.as_bytes());
}

/// True unless `path` names something that exists and is not a regular file (a device, a FIFO,
/// a folder), through its links: what csplan writes there is a file it will create or replace.
pub fn is_file_or_new(path: &Path) -> bool {
    fs::metadata(path).map_or(true, |m| m.is_file())
}

/// What an open file descriptor is (`fstat`), through a duplicate of it.
fn fd_metadata(fd: std::os::fd::BorrowedFd<'_>) -> io::Result<fs::Metadata> {
    fs::File::from(fd.try_clone_to_owned()?).metadata()
}

/// What makes two paths one file: device and inode for a file that exists, else the
/// (canonical) folder and name it would be created as.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    Inode(u64, u64),
    Name(PathBuf),
}

/// A file's [`Key`], and whether it is (or would be created as) a regular file: reading and
/// writing one device or FIFO loses nothing, so inputs are only compared with regular files.
#[derive(Debug)]
struct Identity {
    key: Key,
    regular: bool,
    char_device: bool,
}

impl PartialEq for Identity {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Identity {
    fn of_meta(meta: &fs::Metadata) -> Self {
        Identity {
            key: Key::Inode(meta.dev(), meta.ino()),
            regular: meta.is_file(),
            char_device: meta.file_type().is_char_device(),
        }
    }

    /// An input file, through its links; `None` when it cannot be read (reading says why).
    fn of_existing(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().map(|m| Self::of_meta(&m))
    }

    /// What stdin is (`csplan plan - < base.toml` reads base.toml).
    fn of_stdin() -> Option<Self> {
        fd_metadata(io::stdin().as_fd())
            .ok()
            .map(|m| Self::of_meta(&m))
    }

    /// What stdout is (`> plan.txt` writes plan.txt).
    fn of_stdout() -> Option<Self> {
        fd_metadata(io::stdout().as_fd())
            .ok()
            .map(|m| Self::of_meta(&m))
    }

    /// An output: the file it names through its links if that exists, else the name it will be
    /// created under.
    fn of_output(path: &Path) -> Self {
        if let Some(id) = Self::of_existing(path) {
            return id;
        }
        let target = final_target(path).unwrap_or_else(|_| path.to_path_buf());
        let (dir, name) = split(&target);
        let dir = fs::canonicalize(&dir).unwrap_or_else(|_| absolute(&dir));
        Identity {
            key: Key::Name(match name {
                Some(name) => dir.join(name),
                None => dir,
            }),
            regular: true,
            char_device: false,
        }
    }
}

/// `path` made absolute without touching the file system.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The folder a path is in (`.` for a bare name) and its last component.
fn split(path: &Path) -> (PathBuf, Option<&std::ffi::OsStr>) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (dir, path.file_name())
}

/// The file a chain of symbolic links ends at (the path itself when it is no link); the last
/// one may not exist yet. More than 40 links in a row is a loop, as for the kernel.
fn final_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = if next.is_absolute() {
                    next
                } else {
                    split(&current).0.join(next)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// True when a chain of links passes through `/proc` (`/dev/stdout`, `/dev/fd/3`): it names a
/// file descriptor csplan was given, which is written into, never replaced.
fn through_proc(path: &Path) -> bool {
    let mut current = absolute(path);
    for _ in 0..40 {
        if current.components().nth(1) == Some(Component::Normal("proc".as_ref())) {
            return true;
        }
        match fs::read_link(&current) {
            Ok(next) if next.is_absolute() => current = next,
            Ok(next) => current = split(&current).0.join(next),
            Err(_) => return false,
        }
    }
    false
}

/// The OS's reason for a failure, without the "(os error N)" the standard library adds.
fn os_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" (os error ") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

/// Writes `bytes` to `path`, whatever `path` is:
/// - a device or a FIFO (`/dev/null`, a named pipe a reader waits on) is opened and written
///   into, never replaced; so is a file descriptor named through `/proc` (`/dev/stdout`),
///   appended to as the shell opened it;
/// - a symbolic link is followed, and the file it ends at is replaced (the link stays);
/// - a regular file (or a new one) is written to a temporary file beside it, synced, then
///   renamed over it, so a reader sees the old file or the whole new one, never a part; a file
///   that exists keeps its permissions (and its owner where csplan may set it), a new one gets
///   the usual mode (0666 less the umask).
///
/// Any failure names the file and the OS's reason, and leaves the old file as it was and no
/// temporary file behind. What is written is what `write` writes into the (buffered) file.
fn write_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let name = display_name(path);
    let fail = |e: io::Error| anyhow!("could not write {name}: {}", os_reason(&e));
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("could not write {name}: it is a folder"),
        Ok(meta) if meta.file_type().is_fifo() => write_fifo(path, write).map_err(|e| {
            if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
                anyhow!(
                    "could not write {name}: it is a FIFO and nothing is reading it; start its \
                     reader first (e.g. `cat {name} &`), then run csplan"
                )
            } else {
                fail(e)
            }
        }),
        Ok(meta) if !meta.is_file() => write_into(path, write, false).map_err(fail),
        Ok(_) if through_proc(path) => write_into(path, write, true).map_err(fail),
        Ok(meta) => {
            refuse_unwritable(path, &name)?;
            replace(
                &final_target(path).map_err(fail)?,
                write,
                Some(&meta),
                &name,
            )
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            replace(&final_target(path).map_err(fail)?, write, None, &name)
        }
        Err(e) => Err(fail(e)),
    }
}

/// A file the caller could not write with `>` (read-only to them, or another user's file in a
/// shared folder) is not replaced either: renaming over it would change a file its owner
/// did not let them change. Root writes any file, as with `>`.
fn refuse_unwritable(path: &Path, name: &str) -> Result<()> {
    // Opened for writing without truncating or writing: nothing about the file changes.
    match fs::OpenOptions::new().write(true).open(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => bail!(
            "refusing to replace {name}: you may not write it (it is read-only to you, or \
             another user's), so `> {name}` would fail too; make it writable, \
             or choose another file"
        ),
        _ => Ok(()),
    }
}

/// How many times (10 ms apart) a FIFO with no reader is opened again before csplan gives up.
const FIFO_TRIES: usize = 200;

/// Writes into a FIFO as [`write_into`] does, but opened without waiting for a reader: with
/// none after two seconds, opening fails (`ENXIO`) instead of blocking forever. Once open,
/// writes wait for the reader as usual.
fn write_fifo(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .custom_flags(OFlags::NONBLOCK.bits() as i32)
            .open(path)
    };
    // A reader started beside csplan (`cat fifo & csplan … -o fifo`) may open its end a moment
    // later: it is given two seconds.
    let no_reader = |r: &io::Result<fs::File>| matches!(r, Err(e) if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()));
    let mut opened = open();
    for _ in 0..FIFO_TRIES {
        if !no_reader(&opened) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        opened = open();
    }
    let file = opened?;
    let flags = fcntl_getfl(&file)?;
    fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
    write_to(file, write)
}

/// Opens what `path` names for writing and writes into it what `write` writes, appending when
/// `append`. A FIFO or pipe whose reader left early ends quietly, as stdout does.
fn write_into(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    append: bool,
) -> io::Result<()> {
    let file = fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)?;
    write_to(file, write)
}

/// Writes what `write` writes into `file`, buffered; a reader that left early ends quietly.
fn write_to(
    file: fs::File,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(BUFFER, file);
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

/// Replaces the regular file `target` (or creates it) atomically with what `write` writes;
/// `old` is what is there now.
fn replace(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    old: Option<&fs::Metadata>,
    name: &str,
) -> Result<()> {
    let (dir, file_name) = split(target);
    let file_name = file_name
        .with_context(|| format!("could not write {name}: it is not a file name"))?
        .to_string_lossy();
    // Created with no more permission than the old file has (the umask may take more away),
    // then given exactly the old file's permissions below.
    let mode = old.map_or(0o666, |m| m.mode() & 0o777);
    super::temp::remove_stale(&dir, &file_name);
    let mut attempt = 0;
    let (temp, file, writing) = loop {
        let temp = dir.join(super::temp::name(&file_name, std::process::id(), attempt));
        // Watched from before it exists, so that a signal never leaves it behind: a file of
        // this name can only be this run's, or a leftover of a gone process with this id.
        let writing = super::temp::Writing::new(&temp);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temp)
        {
            Ok(file) => break (temp, file, writing),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => {
                let reason = os_reason(&e);
                if e.kind() == io::ErrorKind::InvalidFilename {
                    bail!(
                        "could not write {name}: {reason} (for the temporary file {}, which is \
                         written first and renamed over it): choose a shorter name",
                        display_name(&temp)
                    );
                }
                bail!("could not write {name}: {reason}");
            }
        }
    };
    let result = (|| {
        if let Some(old) = old {
            keep_owner(&file, old);
            file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
        }
        let mut out = io::BufWriter::with_capacity(BUFFER, &file);
        write(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        drop(writing);
        bail!("could not write {name}: {}", os_reason(&e));
    }
    drop(writing);
    // The rename is durable once the folder is synced; a folder that cannot be opened or
    // synced (some file systems) does not undo the write.
    if let Ok(folder) = fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Gives the new file the old one's owner and group when they differ (possible as root, or for
/// the group as a member of it); where it is not allowed, the new file is the writer's.
fn keep_owner(file: &fs::File, old: &fs::Metadata) {
    if let Ok(new) = file.metadata()
        && (new.uid() != old.uid() || new.gid() != old.gid())
    {
        use std::os::unix::fs::fchown;
        if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = fchown(file, None, Some(old.gid()));
        }
    }
}
