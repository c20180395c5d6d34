//! The `rmacheck` binary: parse arguments, run the command, map failures to exit codes.

use std::process::ExitCode;

use clap::Parser;
use rmacheck::cli::{self, Cli};

/// mimalloc: many small allocations made on the decoding threads and freed on the tracking
/// thread cost glibc's allocator far more.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_abandoned_reclaim_on_free` in mimalloc v2's `mimalloc.h` (libmimalloc-sys names
/// its options only up to 21; the crate is pinned to the version whose header this is).
const ABANDONED_RECLAIM_ON_FREE: libmimalloc_sys::mi_option_t = 26;

/// Lets a thread that frees memory of a thread that has ended take that memory over and reuse
/// it. A capture's device states are allocated on its ingesting thread, which ends when the
/// capture is read; `fleet` then frees them on the diagnosing threads as it makes each
/// device's record. Without this, what they free stays aside while the records take new memory
/// (some 20 MB more at the peak of a 100,000-device fleet).
#[allow(unsafe_code)]
fn tune_allocator() {
    // SAFETY: sets one of mimalloc's options by number, before any other thread exists; no
    // pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(ABANDONED_RECLAIM_ON_FREE, 1) }
}

fn main() -> ExitCode {
    tune_allocator();
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
