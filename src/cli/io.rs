//! Files in and out: read a base (or stdin) with a size limit; write output atomically.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use csplan::input::MAX_INPUT_BYTES;

/// The name an input is shown under in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads a whole input file (or stdin for `-`) as UTF-8, refusing more than the input limit.
pub fn read_input(path: &Path) -> Result<String> {
    read_limited(path, MAX_INPUT_BYTES, "bases up to 8 MiB")
}

/// Reads a whole file (or stdin for `-`) as UTF-8, refusing more than `max` bytes; `what`
/// says what csplan reads ("bases up to 8 MiB").
pub fn read_limited(path: &Path, max: usize, what: &str) -> Result<String> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let limit = max as u64 + 1;
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("could not read stdin")?;
    } else {
        let file = fs::File::open(path).with_context(|| format!("could not read {name}"))?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("could not read {name}"))?;
    }
    if bytes.len() > max {
        bail!("{name} is larger than {max} bytes: csplan reads {what}");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Where results go.
pub enum Sink {
    /// Standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

impl Sink {
    /// `-o FILE`, refusing to overwrite any of `inputs`.
    pub fn new(output: Option<&Path>, inputs: &[&Path]) -> Result<Self> {
        let Some(path) = output else {
            return Ok(Sink::Stdout);
        };
        for input in inputs {
            if *input != Path::new("-") && same_file(input, path) {
                bail!(
                    "refusing to write the output over the input {}: choose another -o file",
                    display_name(input)
                );
            }
        }
        Ok(Sink::File(path.to_path_buf()))
    }

    /// Writes `text`. A broken pipe on stdout is not an error (`csplan plan x.toml | head`).
    pub fn write(&self, text: &str) -> Result<()> {
        match self {
            Sink::Stdout => {
                let mut out = io::stdout().lock();
                match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                    Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                        Err(e).context("could not write to stdout")
                    }
                    _ => Ok(()),
                }
            }
            Sink::File(path) => write_atomically(path, text.as_bytes()),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// sees the old file or the whole new one, never a part.
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
    let temp = dir.join(format!(".{file_name}.csplan-{}.tmp", std::process::id()));
    let result = (|| -> io::Result<()> {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("could not write {name}"));
    }
    Ok(())
}
