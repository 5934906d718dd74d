//! Files in and out: read a base (or stdin) with a size limit; write output atomically; a
//! closed pipe ends quietly.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use csplan::input::MAX_INPUT_BYTES;

/// The name an input is shown under in messages.
pub fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// `-`: stdin for an input, stdout for `-o`.
fn is_stdio(path: &Path) -> bool {
    path == Path::new("-")
}

/// Reads a whole base (or stdin for `-`), refusing more than the input limit without reading
/// further. The library checks that it is UTF-8, pointing at the first bad byte.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_INPUT_BYTES, "bases up to 8 MiB")
}

/// Largest saved JSON plan `diff` reads: a plan of many segments over many months is large.
pub const MAX_PLAN_BYTES: usize = 256 * 1024 * 1024;

/// Reads one side of `diff`: a base (its own limit applies when it is parsed) or a saved JSON
/// plan, up to [`MAX_PLAN_BYTES`].
pub fn read_plan(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_PLAN_BYTES, "saved plans up to 256 MiB")
}

/// Reads a whole text file (or stdin for `-`) as UTF-8, refusing more than `max` bytes; `what`
/// says what csplan reads ("accounts files up to 64 MiB").
pub fn read_text(path: &Path, max: usize, what: &str) -> Result<String> {
    let bytes = read_limited(path, max, what)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            display_name(path),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads a whole file (or stdin for `-`), refusing more than `max` bytes without reading
/// further; `what` says what csplan reads.
fn read_limited(path: &Path, max: usize, what: &str) -> Result<Vec<u8>> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let limit = max as u64 + 1;
    if is_stdio(path) {
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
    /// A file, written atomically.
    File(PathBuf),
}

impl Sink {
    /// `-o FILE` (`-o -` is stdout), refusing to overwrite any of `inputs`.
    pub fn new(output: Option<&Path>, inputs: &[&Path]) -> Result<Self> {
        let Some(path) = output.filter(|p| !is_stdio(p)) else {
            return Ok(Sink::Stdout);
        };
        for input in inputs {
            if !is_stdio(input) && same_file(input, path) {
                bail!(
                    "refusing to write the output over the input {}: choose another -o file",
                    display_name(input)
                );
            }
        }
        if path.is_dir() {
            bail!(
                "-o {} is a folder: give a file name, e.g. -o {}/plan.txt",
                path.display(),
                path.display()
            );
        }
        Ok(Sink::File(path.to_path_buf()))
    }

    /// Writes `text`. A broken pipe on stdout is not an error (`csplan plan x.toml | head`).
    pub fn write(&self, text: &str) -> Result<()> {
        self.write_bytes(text.as_bytes())
    }

    /// Writes `bytes` (a PNG, say) as [`Sink::write`] writes text.
    pub fn write_bytes(&self, bytes: &[u8]) -> Result<()> {
        match self {
            Sink::Stdout => {
                let mut out = io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                        Err(e).context("could not write to stdout")
                    }
                    _ => Ok(()),
                }
            }
            Sink::File(path) => write_atomically(path, bytes),
        }
    }
}

/// Writes a message to stderr; a closed stderr is not worth a panic (`eprint!` would panic).
pub fn print_error(message: &str) {
    let _ = io::stderr().lock().write_all(message.as_bytes());
}

/// True when `a` and `b` name the same file (also through links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to a new temporary file beside `path`, then renames it over `path`: a reader
/// sees the old file or the whole new one, never a part. The temporary file is created new
/// (never following a link someone left there) and removed on any failure.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.display();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("{name} is not a file name"))?
        .to_string_lossy();
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = dir.join(format!(
            ".{file_name}.csplan-{}-{attempt}.tmp",
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e).with_context(|| format!("could not write {name}")),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, path)
        });
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("could not write {name}"));
    }
    Ok(())
}
