//! Default subscriptions and topic-filter validation.
//!
//! Without `--topic`, `watch` subscribes to everything the adapters understand:
//!
//! - ChirpStack v4 gateway topics, with a region prefix (`eu868/gateway/…`) and without
//!   (`gateway/…`, also ChirpStack v3): `event/+`, `command/down`, `state/conn`. Gateway topics
//!   name gateways, not devices, so they cannot be narrowed to the watched DevEUIs; the tracker
//!   attributes frames to devices.
//! - ChirpStack application topics of each watched DevEUI (lowercase hex, as ChirpStack writes
//!   it): v4 and v3 ≥ 3.11 `application/+/device/{eui}/event/+`, and the pre-3.11 v3 form
//!   `application/+/device/{eui}/+`.
//! - The Things Stack: `v3/+/devices/+/{up,join,down/+}`. TTS device IDs are not DevEUIs, so
//!   these cannot be narrowed either; TTS rewrites `v3/+/…` to the application of the login.
//!
//! A broker refuses the filters it does not allow (TTS refuses the ChirpStack ones); the
//! agent reports how many were refused and carries on with the rest.

use crate::model::DevEui;

use super::TransportError;

/// Gateway filters (ChirpStack v4 with and without region prefix; ChirpStack v3).
pub const GATEWAY_FILTERS: [&str; 6] = [
    "+/gateway/+/event/+",
    "gateway/+/event/+",
    "+/gateway/+/command/down",
    "gateway/+/command/down",
    "+/gateway/+/state/conn",
    "gateway/+/state/conn",
];

/// The Things Stack application-server filters.
pub const TTS_FILTERS: [&str; 3] =
    ["v3/+/devices/+/up", "v3/+/devices/+/join", "v3/+/devices/+/down/+"];

/// The default filters for the watched devices, in subscription order, without duplicates.
#[must_use]
pub fn default_filters(devices: &[DevEui]) -> Vec<String> {
    let mut out: Vec<String> = GATEWAY_FILTERS.iter().map(|s| (*s).to_string()).collect();
    for eui in devices {
        for f in
            [format!("application/+/device/{eui}/event/+"), format!("application/+/device/{eui}/+")]
        {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out.extend(TTS_FILTERS.iter().map(|s| (*s).to_string()));
    out
}

/// Checks user-supplied filters (`--topic`) and removes exact duplicates.
///
/// # Errors
/// [`TransportError::Filter`] naming the first invalid filter.
pub fn validate_filters(filters: &[String]) -> Result<Vec<String>, TransportError> {
    let mut out: Vec<String> = Vec::with_capacity(filters.len());
    for f in filters {
        let reason = if f.is_empty() {
            Some("it is empty")
        } else if f.len() > 65_535 {
            Some("it is longer than 65535 bytes")
        } else if f.contains('\0') {
            Some("it contains a NUL character")
        } else if !rumqttc::valid_filter(f) {
            Some("a wildcard must fill a whole level")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(TransportError::Filter { filter: f.clone(), reason: reason.into() });
        }
        if !out.contains(f) {
            out.push(f.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eui(s: &str) -> DevEui {
        s.parse().unwrap()
    }

    fn matched_by(filters: &[String], topic: &str) -> usize {
        filters.iter().filter(|f| rumqttc::matches(topic, f)).count()
    }

    #[test]
    fn the_defaults_match_every_known_topic_exactly_once() {
        let filters = default_filters(&[eui("70B3D57ED0000001")]);
        let topics = [
            "eu868/gateway/0016c001f153a14c/event/up",
            "gateway/0016c001f153a14c/event/up",
            "us915_0/gateway/0016c001f153a14c/event/ack",
            "eu868/gateway/0016c001f153a14c/command/down",
            "gateway/0016c001f153a14c/command/down",
            "eu868/gateway/0016c001f153a14c/state/conn",
            "gateway/0016c001f153a14c/state/conn",
            "application/7f3a0c1e-1d3b-4c5e-9f00-0123456789ab/device/70b3d57ed0000001/event/up",
            "application/123/device/70b3d57ed0000001/event/join",
            "application/123/device/70b3d57ed0000001/rx",
            "v3/my-app@ttn/devices/eui-70b3d57ed0000001/up",
            "v3/my-app/devices/sensor-1/join",
            "v3/my-app@ttn/devices/sensor-1/down/sent",
        ];
        for t in topics {
            assert_eq!(matched_by(&filters, t), 1, "{t}");
        }
    }

    #[test]
    fn the_defaults_leave_out_other_devices_and_downlink_commands_of_applications() {
        let filters = default_filters(&[eui("70b3d57ed0000001")]);
        let topics = [
            "application/123/device/70b3d57ed0000002/event/up",
            "application/123/device/70b3d57ed0000001/command/down",
            "eu868/gateway/0016c001f153a14c/command/config",
            "v3/my-app@ttn/devices/sensor-1/location/solved",
        ];
        for t in topics {
            assert_eq!(matched_by(&filters, t), 0, "{t}");
        }
    }

    #[test]
    fn every_watched_device_gets_its_application_filters_once() {
        let filters = default_filters(&[
            eui("0203040502030405"),
            eui("70b3d57ed0000001"),
            eui("02-03-04-05-02-03-04-05"),
        ]);
        assert_eq!(filters.len(), 6 + 2 * 2 + 3);
        assert!(filters.contains(&"application/+/device/0203040502030405/event/+".to_string()));
        assert!(filters.contains(&"application/+/device/70b3d57ed0000001/+".to_string()));
        assert!(filters.iter().all(|f| rumqttc::valid_filter(f)), "{filters:?}");
    }

    #[test]
    fn user_filters_are_checked_and_deduplicated() {
        let good = vec!["#".to_string(), "eu868/gateway/+/event/up".into(), "#".into()];
        assert_eq!(validate_filters(&good).unwrap(), vec!["#", "eu868/gateway/+/event/up"]);
        for bad in ["", "gateway/#/up", "gateway/a+/event", "v3/+/devices/+#"] {
            let err = validate_filters(&[bad.to_string()]).err().map(|e| e.to_string());
            assert!(err.unwrap_or_default().contains("invalid topic filter"), "{bad}");
        }
    }
}
