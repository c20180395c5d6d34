//! Fuzz target `bundle`: see `rmacheck::fuzz_targets::bundle`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::bundle(data));
