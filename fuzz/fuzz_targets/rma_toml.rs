//! Fuzz target `rma_toml`: see `rmacheck::fuzz_targets::rma_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::rma_toml(data));
