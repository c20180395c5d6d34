//! Fuzz target `adapter`: see `rmacheck::fuzz_targets::adapter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::adapter(data));
