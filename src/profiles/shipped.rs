//! The profiles shipped in `device-profiles/`, embedded at build time.
//!
//! Invariant (tested): every `*.yaml` file under `device-profiles/` is listed here.

macro_rules! shipped {
    ($($path:literal),* $(,)?) => {
        /// `(path relative to the repository root, file text)` of every shipped profile.
        pub const SHIPPED: &[(&str, &str)] = &[
            $(($path, include_str!(concat!("../../", $path)))),*
        ];
    };
}

shipped!["device-profiles/dragino/dragino-lht65n-eu868.yaml",];
