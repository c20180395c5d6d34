//! Integration tests: one binary (faster to link on small CI machines).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod frame;
mod report;
mod support;
