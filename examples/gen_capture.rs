//! Writes the benchmark's generated site capture (see `benches/support/mix.rs`).
//!
//! `cargo run --release --example gen_capture -- OUT.jsonl [MESSAGES [DEVICES]]` (default
//! 1,000,000 messages; 100,000 devices, 50 gateways). Used to measure `rmacheck fleet`'s peak
//! memory per device and `rmacheck report`'s peak memory (CONTRIBUTING.md, "Benchmark"):
//! `DEVICES` 1 makes every message one device's (DevEUI 70b3d57ed0000000).

#[path = "../benches/support/mix.rs"]
mod mix;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: gen_capture OUT.jsonl [MESSAGES [DEVICES]]");
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
    let devices = match args.next().map(|a| a.parse::<u32>()) {
        None => mix::DEVICES,
        Some(Ok(d)) if d > 0 => d,
        Some(_) => {
            eprintln!("DEVICES must be a number from 1 to {}", u32::MAX);
            return ExitCode::from(2);
        }
    };
    let written = std::fs::File::create(&out).and_then(|f| {
        let mut w = std::io::BufWriter::new(f);
        mix::write_capture(mix::Mix::site(devices, mix::GATEWAYS), n, &mut w)?;
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
