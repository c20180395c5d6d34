//! Adapters: pure functions from one MQTT message to normalized events.
//!
//! - One file per producer; [`decode`] picks the adapter from the topic (and, for gateway
//!   topics, sniffs JSON vs Protobuf from the payload, as ChirpStack does; for application
//!   topics, tells ChirpStack v4 from v3 by the payload's keys).
//! - Unknown topics, and event kinds rmacheck does not use, are [`Decoded::Ignored`];
//!   payloads that do not parse or lack required fields are [`Decoded::Malformed`], counted
//!   per source by the caller, never a panic.
//! - No clock is read and nothing is guessed: fields a producer omits stay `None` unless the
//!   producer's format defines absence as zero (proto3 JSON).
//!
//! Topic routing (segments matched from the end for ChirpStack, so any prefix works):
//!
//! | topic | adapter | source |
//! |---|---|---|
//! | `…/gateway/{id}/event/{up,ack,stats}`, `…/command/down`, `…/state/conn` | `chirpstack_gw` (+ `_proto`) | [`Source::ChirpstackGateway`] |
//! | `…application/{id}/device/{eui}/event/{kind}` with `deviceInfo` | `chirpstack_app` | [`Source::ChirpstackApplication`] |
//! | same, with `applicationID`/`devEUI`, or `…/device/{eui}/{kind}` (pre-3.11) | `chirpstack_v3` | [`Source::ChirpstackV3Application`] |
//! | `v3/{app}[@{tenant}]/devices/{id}/{up,join,down/…}` | `tts` | [`Source::TheThingsStack`] |
//! | `tts/events/{event name}` (event files, `watch --tts`) | `tts_events` | [`Source::TheThingsStackEvents`] |
//!
//! Shared: `chirpstack_radio` reads the `rxInfo` / `txInfo` radio metadata that the ChirpStack
//! gateway and application messages embed; `common` holds the lenient field types and the ID,
//! base64, time and coding-rate helpers. [`chirpstack_gw_proto`] is public so that tests,
//! benchmarks and the simulator can encode gateway Protobuf messages.

use chrono::{DateTime, Utc};

use crate::catalog::{self, Message, args};
use crate::model::{EventBody, Lang, Source};

mod chirpstack_app;
mod chirpstack_events;
mod chirpstack_gw;
pub mod chirpstack_gw_proto;
mod chirpstack_radio;
mod chirpstack_v3;
mod common;
mod tts;
pub mod tts_events;
pub mod wire;

/// Test helpers shared by the application adapters' tests.
#[cfg(test)]
mod testkit {
    use super::AdapterResult;
    use crate::model::{AppUplink, DevEui, DownlinkOutcome, EventBody};

    /// `one(kind, json)` and `up(json)` for the adapter's `decode`, with `topic` as the topic's
    /// device.
    macro_rules! decoders {
        ($topic:expr) => {
            fn one(kind: &str, json: &str) -> EventBody {
                crate::adapters::testkit::one(decode, kind, $topic, json)
            }

            fn up(json: &str) -> AppUplink {
                crate::adapters::testkit::up(decode, $topic, json)
            }
        };
    }
    pub(super) use decoders;

    /// The one event `decode` makes of `json` as event `kind` (the test fails otherwise).
    pub(super) fn one(
        decode: fn(&str, &str, &[u8]) -> AdapterResult,
        kind: &str,
        topic: &str,
        json: &str,
    ) -> EventBody {
        match decode(kind, topic, json.as_bytes()) {
            Ok(Some(mut v)) if v.len() == 1 => v.remove(0),
            other => panic!("{kind} {json}: {other:?}"),
        }
    }

    /// A downlink outcome without error, as the acknowledgement events make them.
    pub(super) fn down(dev_eui: DevEui, outcome: DownlinkOutcome, f_cnt_down: u32) -> EventBody {
        EventBody::AppDownlink { dev_eui, outcome, f_cnt_down: Some(f_cnt_down), error: None }
    }

    /// The uplink `decode` makes of `json` as an `up` event.
    pub(super) fn up(
        decode: fn(&str, &str, &[u8]) -> AdapterResult,
        topic: &str,
        json: &str,
    ) -> AppUplink {
        match one(decode, "up", topic, json) {
            EventBody::AppUplink(u) => u,
            other => panic!("{other:?}"),
        }
    }
}

/// Which gateway message a topic carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GwKind {
    /// `event/up`: `gw.UplinkFrame`.
    Up,
    /// `event/ack`: `gw.DownlinkTxAck`.
    Ack,
    /// `event/stats`: `gw.GatewayStats`.
    Stats,
    /// `command/down`: `gw.DownlinkFrame`.
    Down,
    /// `state/conn`: `gw.ConnState`.
    Conn,
}

impl GwKind {
    /// The topic suffix, for messages.
    pub(crate) const fn topic(self) -> &'static str {
        match self {
            GwKind::Up => "event/up",
            GwKind::Ack => "event/ack",
            GwKind::Stats => "event/stats",
            GwKind::Down => "command/down",
            GwKind::Conn => "state/conn",
        }
    }
}

/// Why a payload could not be decoded. The message names the field and what is wrong with it;
/// it is a catalog message ([`AdapterError::message`]), so that reports show it in their
/// language, and its English text is the error's `Display` (the `reason` in JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum AdapterError {
    /// The payload is not UTF-8 text.
    NotText {
        /// The message, e.g. `application event/up` (catalog `malformed-what-*`).
        what: Message,
        /// The decoder's reason.
        reason: String,
        /// What to do about it (catalog id `malformed-hint-*`).
        hint: &'static str,
    },
    /// The JSON does not have the expected shape.
    Json {
        /// The message, e.g. `application event/up` (catalog `malformed-what-*`).
        what: Message,
        /// serde_json's reason (with line and column).
        reason: String,
        /// What to do about it (catalog id `malformed-hint-*`).
        hint: &'static str,
    },
    /// A field is not valid base64.
    Base64 {
        /// The field.
        field: String,
        /// The decoder's reason.
        reason: String,
        /// The value (shortened).
        value: String,
    },
    /// A field's value is not what its format allows.
    BadValue {
        /// The field.
        field: String,
        /// The value (shortened).
        value: String,
        /// What it should be, e.g. `not an RFC 3339 timestamp (…)` (catalog
        /// `malformed-expected-*`).
        expected: Message,
    },
    /// An FPort above 255.
    PortOutOfRange {
        /// The field.
        field: String,
        /// The port.
        port: u32,
    },
    /// Anything else the producer's format does not allow, said in one sentence (catalog
    /// `malformed-*`).
    Invalid(Message),
}

impl AdapterError {
    /// [`AdapterError::Invalid`] with catalog message `id` and its arguments.
    pub(crate) fn invalid(id: &str, args: catalog::Args) -> Self {
        AdapterError::Invalid(Message::new(id, args))
    }

    /// The reason as a catalog message (id and named arguments), to render in any language.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            AdapterError::NotText { what, reason, hint } => Message::new(
                "malformed-not-text",
                args! { "what" => what.clone(), "reason" => reason.as_str(), "hint" => Message::plain(hint) },
            ),
            AdapterError::Json { what, reason, hint } => Message::new(
                "malformed-json",
                args! { "what" => what.clone(), "reason" => reason.as_str(), "hint" => Message::plain(hint) },
            ),
            AdapterError::Base64 { field, reason, value } => Message::new(
                "malformed-base64",
                args! { "field" => field.as_str(), "reason" => reason.as_str(), "value" => value.as_str() },
            ),
            AdapterError::BadValue { field, value, expected } => Message::new(
                "malformed-bad-value",
                args! { "field" => field.as_str(), "value" => value.as_str(), "expected" => expected.clone() },
            ),
            AdapterError::PortOutOfRange { field, port } => Message::new(
                "malformed-port",
                args! { "field" => field.as_str(), "port" => port.to_string() },
            ),
            AdapterError::Invalid(m) => m.clone(),
        }
    }
}

impl std::fmt::Display for AdapterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(Lang::En))
    }
}

impl std::error::Error for AdapterError {}

/// The outcome of decoding one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// Not a topic rmacheck understands (or an event kind it does not use).
    Ignored,
    /// Decoded events (possibly none, e.g. a `location` event).
    Events {
        /// The producer.
        source: Source,
        /// Normalized events.
        events: Vec<EventBody>,
    },
    /// The topic was recognised but the payload is malformed.
    Malformed {
        /// The producer the topic belongs to.
        source: Source,
        /// What is wrong.
        error: AdapterError,
    },
}

/// What an adapter made of a payload: `None` = a kind of event rmacheck does not use.
type AdapterResult = Result<Option<Vec<EventBody>>, AdapterError>;

/// Where a topic routes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'t> {
    Gateway { id: &'t str, kind: GwKind },
    Application { app_id: &'t str, dev_eui: &'t str, kind: &'t str, pre_3_11: bool },
    TheThingsStack { device_id: &'t str, kind: &'t str },
    TheThingsStackEvent { name: &'t str },
}

fn route(topic: &str) -> Option<Route<'_>> {
    if let Some(name) = topic.strip_prefix(tts_events::TOPIC_PREFIX) {
        return (!name.is_empty()).then_some(Route::TheThingsStackEvent { name });
    }
    // The last six segments, last first (a byte loop: cheaper than `rsplit` for short topics).
    let mut s: [&str; 6] = [""; 6];
    let (mut n, mut end) = (0, topic.len());
    for (i, b) in topic.bytes().enumerate().rev() {
        if b == b'/' {
            s[n] = topic.get(i + 1..end).unwrap_or("");
            n += 1;
            end = i;
            if n == s.len() {
                break;
            }
        }
    }
    if n < s.len() {
        s[n] = topic.get(..end).unwrap_or("");
    }
    // …/gateway/{id}/{event|command|state}/{kind}
    if s[3] == "gateway" && !s[2].is_empty() {
        let kind = match (s[1], s[0]) {
            ("event", "up") => GwKind::Up,
            ("event", "ack") => GwKind::Ack,
            ("event", "stats") => GwKind::Stats,
            ("command", "down") => GwKind::Down,
            ("state", "conn") => GwKind::Conn,
            _ => return None,
        };
        return Some(Route::Gateway { id: s[2], kind });
    }
    // …application/{id}/device/{eui}/event/{kind}
    if s[5] == "application" && s[3] == "device" && s[1] == "event" {
        return Some(Route::Application {
            app_id: s[4],
            dev_eui: s[2],
            kind: s[0],
            pre_3_11: false,
        });
    }
    // …application/{id}/device/{eui}/{kind} (ChirpStack Application Server before 3.11)
    if s[4] == "application" && s[2] == "device" {
        return Some(Route::Application {
            app_id: s[3],
            dev_eui: s[1],
            kind: s[0],
            pre_3_11: true,
        });
    }
    // [prefix/]v3/{app}[@{tenant}]/devices/{device-id}/{kind…}
    let start = if topic.starts_with("v3/") { 0 } else { topic.find("/v3/")? + 1 };
    let mut parts = topic[start + 3..].splitn(4, '/');
    let (_app, devices, device_id, kind) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    (devices == "devices" && !device_id.is_empty())
        .then_some(Route::TheThingsStack { device_id, kind })
}

/// Decodes one message by topic. `received_at` is not used by the current formats (events
/// carry only the times their producer states); it is part of the signature so that adapters
/// stay pure functions of the whole message.
#[must_use]
pub fn decode(topic: &str, payload: &[u8], received_at: DateTime<Utc>) -> Decoded {
    decode_stamped(topic, payload, received_at).0
}

/// What an adapter read of a message's own once-per-event stamp, for offline
/// de-duplication ([`crate::capture::dedup`]): `Some(id)` when the payload was read whole as
/// a ChirpStack v4 application event (`id`: its `deduplicationId` as given, `None` without
/// one); `None` when no adapter read it so.
pub type Stamp = Option<Option<String>>;

/// [`decode`], also giving the message's [`Stamp`] (so the de-duplication need not read the
/// payload a second time).
#[must_use]
pub fn decode_stamped(topic: &str, payload: &[u8], received_at: DateTime<Utc>) -> (Decoded, Stamp) {
    let _ = received_at;
    let mut stamp = None;
    let Some(route) = route(topic) else {
        return (Decoded::Ignored, stamp);
    };
    let source = match route {
        Route::Gateway { .. } => Source::ChirpstackGateway,
        Route::Application { app_id, kind, pre_3_11, .. } => {
            application_source(app_id, kind, pre_3_11, payload)
        }
        Route::TheThingsStack { .. } => Source::TheThingsStack,
        Route::TheThingsStackEvent { .. } => Source::TheThingsStackEvents,
    };
    if payload.iter().all(u8::is_ascii_whitespace) {
        let error = AdapterError::invalid("malformed-empty", args! { "topic" => topic });
        return (Decoded::Malformed { source, error }, stamp);
    }
    let result: AdapterResult = match route {
        Route::Gateway { id, kind } => chirpstack_gw::decode(kind, id, payload).map(Some),
        Route::Application { dev_eui, kind, .. } => match source {
            Source::ChirpstackV3Application => chirpstack_v3::decode(kind, dev_eui, payload),
            _ => chirpstack_app::decode_stamped(kind, dev_eui, payload, &mut stamp),
        },
        Route::TheThingsStack { device_id, kind } => tts::decode(kind, device_id, payload),
        Route::TheThingsStackEvent { name } => tts_events::decode(name, payload),
    };
    let decoded = match result {
        Ok(None) => Decoded::Ignored,
        Ok(Some(events)) => Decoded::Events { source, events },
        Err(error) => Decoded::Malformed { source, error },
    };
    (decoded, stamp)
}

/// ChirpStack v4 or v3 application server: by the payload's keys (`deviceInfo` is v4,
/// `applicationID` / `devEUI` are v3), else by the topic (pre-3.11 form, `error` events and
/// numeric application IDs are v3; UUIDs are v4).
fn application_source(app_id: &str, kind: &str, pre_3_11: bool, payload: &[u8]) -> Source {
    if let Some(source) = sniff_application_keys(payload) {
        return source;
    }
    let numeric = !app_id.is_empty() && app_id.bytes().all(|b| b.is_ascii_digit());
    if pre_3_11 || kind == "error" || numeric {
        Source::ChirpstackV3Application
    } else {
        Source::ChirpstackApplication
    }
}

/// The first of the keys `"deviceInfo"` (v4), `"applicationID"` or `"devEUI"` (v3) in the
/// payload. One pass over the bytes that stops at the first match (these keys come early in
/// both producers' key order); quoted text inside string values (`\"devEUI\"`) never matches.
fn sniff_application_keys(payload: &[u8]) -> Option<Source> {
    let mut rest = payload;
    while let Some(q) = rest.iter().position(|b| *b == b'"') {
        rest = rest.get(q + 1..)?;
        if rest.starts_with(b"deviceInfo\"") {
            return Some(Source::ChirpstackApplication);
        }
        if rest.starts_with(b"applicationID\"") || rest.starts_with(b"devEUI\"") {
            return Some(Source::ChirpstackV3Application);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_messages_say_what_is_wrong_in_whole_sentences() {
        let decode_err = |topic: &str, payload: &[u8]| match decode(topic, payload, Utc::now()) {
            Decoded::Malformed { error, .. } => error.to_string(),
            other => format!("{other:?}"),
        };
        let app = "application/a/device/0101010101010101/event";
        let cases = [
            (
                format!("{app}/up"),
                b" \n".to_vec(),
                format!(
                    "empty payload on '{app}/up': nothing to decode (an empty retained message only \
                     clears the broker's copy; check the producer if this repeats)"
                ),
            ),
            (
                format!("{app}/up"),
                b"\x08\x01".to_vec(),
                "application event/up is not JSON: rmacheck reads the ChirpStack MQTT integration \
                 with json=true (set it in the [integration.mqtt] section of chirpstack.toml)"
                    .to_string(),
            ),
            (
                "application/a/device/nope/event/up".to_string(),
                br#"{"deviceInfo":{}}"#.to_vec(),
                "the DevEUI in the topic 'nope' is neither 16 hex digits nor the base64 form of 8 \
                 bytes, and the payload has no deviceInfo.devEui"
                    .to_string(),
            ),
            (
                "application/1/device/0101010101010101/event/up".to_string(),
                b"\x08\x01".to_vec(),
                "ChirpStack v3 application event up is not JSON: rmacheck reads the \"json\" and \
                 \"json_v3\" marshalers, not \"protobuf\" (change it in the integration settings)"
                    .to_string(),
            ),
            (
                format!("{app}/up"),
                br#"{"deviceInfo":{},"rxInfo":[{"rssi":-1}]}"#.to_vec(),
                "rxInfo[0] has no gatewayId: a reception needs its gateway".to_string(),
            ),
            (
                "eu868/gateway/00aa/command/down".to_string(),
                br#"{"downlinkId":1,"items":[{"phyPayload":""}]}"#.to_vec(),
                "command/down item 0 has no phyPayload".to_string(),
            ),
        ];
        for (topic, payload, want) in cases {
            assert_eq!(decode_err(&topic, &payload), want, "{topic}");
        }
    }

    #[test]
    fn topics_route_to_the_right_adapter() {
        let gw = |id, kind| Some(Route::Gateway { id, kind });
        let app = |app_id, dev_eui, kind, pre_3_11| {
            Some(Route::Application { app_id, dev_eui, kind, pre_3_11 })
        };
        let tts = |device_id, kind| Some(Route::TheThingsStack { device_id, kind });
        let cases = [
            ("eu868/gateway/0016c001f153a14c/event/up", gw("0016c001f153a14c", GwKind::Up)),
            ("gateway/0016c001f153a14c/event/up", gw("0016c001f153a14c", GwKind::Up)),
            ("a/b/c/gateway/00aa/event/ack", gw("00aa", GwKind::Ack)),
            ("eu868/gateway/00aa/event/stats", gw("00aa", GwKind::Stats)),
            ("eu868/gateway/00aa/command/down", gw("00aa", GwKind::Down)),
            ("gateway/00aa/state/conn", gw("00aa", GwKind::Conn)),
            ("eu868/gateway/00aa/event/exec", None),
            ("eu868/gateway/00aa/command/config", None),
            ("eu868/gateway//event/up", None),
            (
                "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/0101010101010101/event/up",
                app("17c82e96-be03-4f38-aef3-f83d48582d97", "0101010101010101", "up", false),
            ),
            (
                "application/123/device/0202020202020202/event/error",
                app("123", "0202020202020202", "error", false),
            ),
            (
                "application/123/device/0202020202020202/rx",
                app("123", "0202020202020202", "rx", true),
            ),
            (
                "site/application/1/device/0202020202020202/event/join",
                app("1", "0202020202020202", "join", false),
            ),
            ("v3/app1/devices/dev1/up", tts("dev1", "up")),
            ("v3/app1@ttn/devices/eui-0004a30b001c0530/join", tts("eui-0004a30b001c0530", "join")),
            ("v3/app1@ttn/devices/dev1/down/queued", tts("dev1", "down/queued")),
            ("bridge/v3/app1/devices/dev1/up", tts("dev1", "up")),
            (
                "tts/events/ns.up.join.receive",
                Some(Route::TheThingsStackEvent { name: "ns.up.join.receive" }),
            ),
            ("tts/events/", None),
            ("v3/app1/devices/dev1", None),
            ("v3/app1/gateways/gw1/up", None),
            ("", None),
            ("/", None),
            ("////////", None),
            ("some/other/topic", None),
        ];
        for (topic, want) in cases {
            assert_eq!(route(topic), want, "topic {topic}");
        }
    }

    #[test]
    fn application_payloads_are_attributed_by_their_keys_before_the_topic() {
        let cases: [(&str, &str, bool, &[u8], Source); 9] = [
            (
                "123",
                "up",
                false,
                br#"{"time":"t","deviceInfo":{},"object":{"devEUI":"x"}}"#,
                Source::ChirpstackApplication,
            ),
            (
                "uuid",
                "up",
                false,
                br#"{"objectJSON":"{\"deviceInfo\":1}","devEUI":"AgICAgICAgI="}"#,
                Source::ChirpstackV3Application,
            ),
            (
                "uuid",
                "up",
                false,
                "{\"é\":\"\u{fffd}\",\"applicationID\":\"1\"}".as_bytes(),
                Source::ChirpstackV3Application,
            ),
            ("123", "up", false, br#"{"deviceInfo":{}}"#, Source::ChirpstackApplication),
            (
                "uuid-like",
                "up",
                false,
                br#"{"devEUI":"AgICAgICAgI="}"#,
                Source::ChirpstackV3Application,
            ),
            ("uuid-like", "up", false, b"garbage", Source::ChirpstackApplication),
            ("123", "up", false, b"garbage", Source::ChirpstackV3Application),
            ("x", "error", false, b"", Source::ChirpstackV3Application),
            ("x", "rx", true, b"{}", Source::ChirpstackV3Application),
        ];
        for (app_id, kind, pre, payload, want) in cases {
            assert_eq!(application_source(app_id, kind, pre, payload), want, "{app_id} {kind}");
        }
    }
}

#[cfg(test)]
mod malformed_reason_tests {
    use super::*;

    fn reason(topic: &str, payload: &[u8]) -> AdapterError {
        match decode(topic, payload, DateTime::<Utc>::default()) {
            Decoded::Malformed { error, .. } => error,
            other => panic!("{topic}: not malformed: {other:?}"),
        }
    }

    #[test]
    fn malformed_reasons_keep_their_english_text_and_render_in_every_language() {
        let cases: [(&str, &[u8], &str); 6] = [
            (
                "eu868/gateway/0016c001f153a14c/event/up",
                b" ",
                "empty payload on 'eu868/gateway/0016c001f153a14c/event/up': nothing to decode (an \
                 empty retained message only clears the broker's copy; check the producer if this \
                 repeats)",
            ),
            (
                "eu868/gateway/0016c001f153a14c/event/up",
                br#"{"rxInfo":{}}"#,
                "gateway event/up has no phyPayload: an uplink frame without its bytes cannot be used",
            ),
            (
                "application/1/device/70b3d57ed0000001/event/up",
                b"\x0a\x02",
                "ChirpStack v3 application event up is not JSON: rmacheck reads the \"json\" and \
                 \"json_v3\" marshalers, not \"protobuf\" (change it in the integration settings)",
            ),
            (
                "eu868/gateway/0016c001f153a14c/state/conn",
                br#"{"state":"SLEEPING"}"#,
                "gateway state/conn has state 'SLEEPING': expected ONLINE or OFFLINE",
            ),
            (
                "eu868/gateway/0016c001f153a14c/event/up",
                br#"{"phyPayload":"!!"}"#,
                "phyPayload is not valid base64",
            ),
            (
                "eu868/gateway/0016c001f153a14c/event/up",
                br#"{"phyPayload": 5}"#,
                "gateway event/up JSON does not parse as expected: invalid type: integer `5`, \
                 expected a string at line 1 column 16; expected a ChirpStack Gateway Bridge / \
                 MQTT Forwarder payload (JSON or Protobuf)",
            ),
        ];
        for (topic, payload, english) in cases {
            let e = reason(topic, payload);
            let m = e.message();
            assert!(e.to_string().starts_with(english), "{topic}: {e}");
            assert_eq!(m.render(Lang::En), e.to_string());
            assert!(crate::catalog::has(&m.id), "{}", m.id);
            for lang in [Lang::De, Lang::Fr, Lang::Ro] {
                let other = m.render(lang);
                assert_ne!(other, e.to_string(), "{lang:?}: {other}");
                assert!(!other.contains(&m.id), "{lang:?}: {other}");
            }
        }
    }
}
