//! Integration tests: one binary (faster to link on small CI machines).

mod support;
