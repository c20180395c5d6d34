//! Fuzz target `allowed_signers`: see `rmacheck::fuzz_targets::allowed_signers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::allowed_signers(data));
