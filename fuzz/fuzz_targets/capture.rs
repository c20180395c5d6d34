//! Fuzz target `capture`: see `rmacheck::fuzz_targets::capture`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::capture(data));
