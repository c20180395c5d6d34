//! Writes the benchmark's generated site capture (see `benches/support/mix.rs`).
//!
//! `cargo run --release --example gen_capture -- OUT.jsonl [MESSAGES]` (default 1,000,000
//! messages; 100,000 devices, 50 gateways). Used to measure `rmacheck fleet`'s peak memory
//! per device (CONTRIBUTING.md, "Benchmark").

#[path = "../benches/support/mix.rs"]
mod mix;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: gen_capture OUT.jsonl [MESSAGES]");
        return ExitCode::from(2);
    };
    let n = match args.next().map(|a| a.parse::<usize>()) {
        None => 1_000_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("MESSAGES must be a number: {e}");
            return ExitCode::from(2);
        }
    };
    let written = std::fs::File::create(&out).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        mix::write_capture(mix::Mix::new(), n, &mut w)?;
        w.flush()
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {out}: {e}");
            ExitCode::from(1)
        }
    }
}
