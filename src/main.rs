//! The `csplan` command: reads files, calls the library, prints, and sets the exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
