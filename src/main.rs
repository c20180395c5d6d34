//! The `rmacheck` binary: parse arguments, run the command, map failures to exit codes.

use std::process::ExitCode;

use clap::Parser;
use rmacheck::cli::{self, Cli};

/// mimalloc: many small allocations made on the decoding threads and freed on the tracking
/// thread cost glibc's allocator far more.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(failure) => {
            let text = format!("{:#}", failure.error());
            eprintln!("error: {}", rmacheck::render::terminal::escape(&text));
            failure.exit_code()
        }
    }
}
