//! The watch's state shown on every refresh, shared by the text ([`super::lines`]) and the
//! views ([`super::live`]).

use std::time::Duration;

/// The state shown on every refresh.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Status {
    pub(crate) connected: bool,
    pub(crate) filters: usize,
    pub(crate) since_last_message: Option<Duration>,
    pub(crate) waiting_for: Duration,
    pub(crate) left: Option<Duration>,
}
