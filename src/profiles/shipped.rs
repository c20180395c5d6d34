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

shipped![
    "device-profiles/adeunis/adeunis-comfort-co2-eu868.yaml",
    "device-profiles/browan/browan-tbhh100-eu868.yaml",
    "device-profiles/dragino/dragino-lht65n-eu868.yaml",
    "device-profiles/dragino/dragino-lsn50v2-eu868.yaml",
    "device-profiles/elsys/elsys-ers-co2-eu868.yaml",
    "device-profiles/mclimate/mclimate-vicki-eu868.yaml",
    "device-profiles/milesight/milesight-am319-eu868.yaml",
    "device-profiles/milesight/milesight-em300-th-eu868.yaml",
    "device-profiles/netvox/netvox-r718a-eu868.yaml",
];
