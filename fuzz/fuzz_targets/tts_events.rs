//! Fuzz target `tts_events`: see `rmacheck::fuzz_targets::tts_events`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rmacheck::fuzz_targets::tts_events(data));
