//! Fuzz target `frame`: see `rmacheck::fuzz_targets::frame`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::frame(data));
