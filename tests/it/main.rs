//! Integration tests: one binary (faster to link on small CI machines).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod adapters;
mod demo;
mod diagnosis;
mod diagnosis_cli;
mod frame;
mod inspect_cli;
mod report;
mod sim;
mod support;
mod tracker;
mod tts;
mod watch;
