//! Integration tests: one binary (faster to link on small CI machines).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod adapters;
mod demo;
mod diagnosis;
mod diagnosis_cli;
mod doc_examples;
mod examples;
mod fleet_cli;
mod frame;
mod fuzz_props;
mod inspect_cli;
mod reliability;
mod replay;
mod replay_equivalence;
mod report;
mod secret_files;
mod sim;
mod support;
mod tracker;
mod tts;
mod verdicts;
mod verdicts_cli;
mod watch;
