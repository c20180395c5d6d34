//! Fuzz target `sshsig`: see `rmacheck::fuzz_targets::sshsig`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::sshsig(data));
