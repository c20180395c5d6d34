//! Tracker tests.
