//! The profiles shipped in `device-profiles/`, embedded at build time by `build.rs`: every
//! `*.yaml` file under `device-profiles/`, sorted by path.

/// `(path relative to the repository root, file text)` of every shipped profile.
pub const SHIPPED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped_profiles.rs"));
