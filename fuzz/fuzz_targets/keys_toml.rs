//! Fuzz target `keys_toml`: see `rmacheck::fuzz_targets::keys_toml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::keys_toml(data));
