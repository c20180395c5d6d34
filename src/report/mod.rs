//! The signed RMA report bundle.
