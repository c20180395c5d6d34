//! Receptions reported more than once.
//!
//! The Things Stack reports one gateway's reception of a frame on the gateway's stream
//! (`gs.up.receive`) and again in the Network Server's events (`ns.up.*.receive`,
//! `ns.up.*.process`), each time with the same uplink token; an MQTT redelivery repeats a
//! message as well. The same bytes from the same gateway with the same non-empty context
//! within [`DUP_WINDOW_MS`] are therefore one reception, not a second transmission. (A real
//! retransmission, or a replay, carries another concentrator timestamp and so another
//! context.)

use std::collections::{HashSet, VecDeque};

use rustc_hash::FxBuildHasher;

use chrono::{DateTime, Utc};

use super::DUP_WINDOW_MS;
use crate::model::GatewayId;

/// Receptions remembered at most.
const MAX_KEPT: usize = 4096;

/// Recently seen (bytes, gateway, context) keys.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    order: VecDeque<(DateTime<Utc>, u64)>,
    /// Digests are already uniform (XXH3 bits): a multiply is hash enough.
    keys: HashSet<u64, FxBuildHasher>,
}

impl Repeats {
    /// Whether this reception was already reported within the window; remembers it if not.
    /// Receptions without a context are never taken for repeats.
    pub(crate) fn repeated(
        &mut self,
        at: DateTime<Utc>,
        phy: &[u8],
        gateway: &GatewayId,
        context: &[u8],
    ) -> bool {
        if context.is_empty() {
            return false;
        }
        while let Some((t, k)) = self.order.front().copied() {
            if (at - t).num_milliseconds() <= DUP_WINDOW_MS && self.order.len() < MAX_KEPT {
                break;
            }
            self.order.pop_front();
            self.keys.remove(&k);
        }
        let k = crate::digest::of_parts(&[phy, gateway.as_str().as_bytes(), context]);
        if self.keys.contains(&k) {
            return true;
        }
        self.keys.insert(k);
        self.order.push_back((at, k));
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_800_000_000_000 + ms).unwrap_or_default()
    }

    #[test]
    fn the_same_reception_within_the_window_is_a_repeat_and_anything_else_is_not() {
        let gw = GatewayId::new("gw1");
        let other = GatewayId::new("gw2");
        let mut r = Repeats::default();
        assert!(!r.repeated(t(0), b"frame", &gw, b"token"));
        assert!(r.repeated(t(200), b"frame", &gw, b"token"), "reported again");
        assert!(!r.repeated(t(300), b"frame", &other, b"token"), "another gateway");
        assert!(!r.repeated(t(400), b"frame", &gw, b"other token"), "another reception");
        assert!(!r.repeated(t(500), b"frame", &gw, b""), "no context, no judgement");
        assert!(!r.repeated(t(500), b"frame", &gw, b""));
        assert!(!r.repeated(t(DUP_WINDOW_MS + 1), b"frame", &gw, b"token"), "too late");
    }
}
