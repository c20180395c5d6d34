//! Helpers shared by the adapters: lenient serde field types, identifier and byte decoding,
//! enum-name normalisation and time parsing.
//!
//! - Strings are borrowed from the payload whenever JSON allows it ([`Text`]); escaped strings
//!   fall back to an owned copy.
//! - Every helper returns an [`AdapterError`] naming the field and the problem; nothing here
//!   panics on any input.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use chrono::{DateTime, Datelike, Utc};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

use super::AdapterError;
use crate::catalog::Message;
use crate::model::{DevAddr, Eui64, GatewayId};

/// Standard base64, padding optional (Go and Rust producers pad, hand-made payloads may not).
const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
/// URL-safe base64, tried only when the standard alphabet fails.
const B64_URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// A JSON string, borrowed from the payload when it contains no escapes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(PhantomData))
    }
}

/// A protobuf enum in JSON: its name (what protojson emits) or its number (what it accepts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue<'a> {
    /// `"CRC_OK"`.
    Name(Cow<'a, str>),
    /// `2`.
    Number(i64),
}

impl EnumValue<'_> {
    /// The enum name, using `names` (indexed by number) for numeric values.
    pub(super) fn name<'s>(&'s self, names: &[&'static str]) -> Cow<'s, str> {
        match self {
            EnumValue::Name(n) => Cow::Borrowed(n),
            EnumValue::Number(i) => usize::try_from(*i)
                .ok()
                .and_then(|i| names.get(i))
                .map_or_else(|| Cow::Owned(i.to_string()), |n| Cow::Borrowed(*n)),
        }
    }
}

impl Serialize for EnumValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            EnumValue::Name(n) => s.serialize_str(n),
            EnumValue::Number(i) => s.serialize_i64(*i),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for EnumValue<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = EnumValue<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an enum name or number")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(EnumValue::Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(EnumValue::Name(Cow::Owned(v.to_owned())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(EnumValue::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(EnumValue::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A field that is an object in one producer version and a bare name in another
/// (ChirpStack v4 `modulation: {"lora": …}` vs v3 `modulation: "LORA"`).
#[derive(Debug, Clone, PartialEq)]
pub enum ObjOrName<T> {
    /// The object form.
    Obj(T),
    /// The name form (the name itself is not needed).
    Name,
}

impl<T> ObjOrName<T> {
    /// The object, when that is what was sent.
    pub(super) fn obj(&self) -> Option<&T> {
        match self {
            ObjOrName::Obj(t) => Some(t),
            ObjOrName::Name => None,
        }
    }
}

/// Writes the object form; the name form, whose name is not kept, is written as `null`.
impl<T: Serialize> Serialize for ObjOrName<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ObjOrName::Obj(t) => t.serialize(s),
            ObjOrName::Name => s.serialize_unit(),
        }
    }
}

/// Writes a number that holds a protobuf integer (`rssi`) as JSON writes an integer.
#[allow(clippy::ref_option, clippy::cast_possible_truncation)]
pub(super) fn whole<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => s.serialize_i64(*f as i64),
        Some(f) => s.serialize_f64(*f),
        None => s.serialize_none(),
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjOrName<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = ObjOrName<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or a name")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(ObjOrName::Obj)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(ObjOrName::Name)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ObjOrName::Name)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ObjOrName::Name)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A number that JSON producers send either as a JSON number or as a decimal string.
pub(super) trait LenientNumber: std::str::FromStr + Sized {
    /// What the field holds, for error messages.
    const EXPECTING: &'static str;
    /// The value of a JSON integer; `None` when out of range.
    fn from_u64(v: u64) -> Option<Self>;
    /// The value of a negative JSON integer; `None` when out of range.
    fn from_i64(v: i64) -> Option<Self>;
    /// The value of a JSON float; `None` where only integral floats are read as integers.
    fn from_f64(v: f64) -> Option<Self>;
}

macro_rules! lenient_integer {
    ($($t:ty),+) => {$(
        impl LenientNumber for $t {
            const EXPECTING: &'static str = "an integer or a string holding one";
            fn from_u64(v: u64) -> Option<Self> {
                Self::try_from(v).ok()
            }
            fn from_i64(v: i64) -> Option<Self> {
                Self::try_from(v).ok()
            }
            fn from_f64(_: f64) -> Option<Self> {
                None
            }
        }
    )+};
}
lenient_integer!(i32, u32, u64);

#[allow(clippy::cast_precision_loss)]
impl LenientNumber for f64 {
    const EXPECTING: &'static str = "a number or a string holding one";
    fn from_u64(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
}

/// Deserialises an optional number sent either as a JSON number or as a decimal string
/// (The Things Stack writes 64-bit integers as strings: `"frequency":"868300000"`).
/// Integers also accept integral floats (`5.0`).
pub(super) fn num_or_str<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: LenientNumber,
{
    struct V<T>(PhantomData<T>);
    impl<'de, T: LenientNumber> Visitor<'de> for V<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            T::from_u64(v).map(Some).ok_or_else(|| E::custom(format!("{v} is out of range")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            T::from_i64(v).map(Some).ok_or_else(|| E::custom(format!("{v} is out of range")))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            if let Some(t) = T::from_f64(v) {
                return Ok(Some(t));
            }
            if v.fract() == 0.0 && v.abs() < 9.0e15 {
                #[allow(clippy::cast_possible_truncation)]
                return self.visit_i64(v as i64);
            }
            Err(E::invalid_type(de::Unexpected::Float(v), &self))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.trim()
                .parse::<T>()
                .map(Some)
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_option(V(PhantomData))
}

/// A field whose value is not what its format allows (the value shortened).
fn bad_value(field: &str, value: &str, expected: Message) -> AdapterError {
    AdapterError::BadValue { field: field.to_string(), value: shorten(value).to_string(), expected }
}

/// The DevEUI in the topic does not read as one, and the payload has no `field` to give it.
pub(super) fn topic_dev_eui_error(value: &str, field: &str) -> AdapterError {
    AdapterError::invalid(
        "malformed-topic-dev-eui",
        crate::catalog::args! { "value" => shorten(value).into_owned(), "field" => field },
    )
}

/// Decodes base64 (standard, else URL-safe; padding optional).
pub(super) fn b64(field: &str, s: &str) -> Result<Vec<u8>, AdapterError> {
    B64.decode(s).or_else(|_| B64_URL.decode(s)).map_err(|e| AdapterError::Base64 {
        field: field.to_string(),
        reason: e.to_string(),
        value: shorten(s).to_string(),
    })
}

/// Validates base64 and returns the decoded length, without keeping the bytes.
pub(super) fn b64_len(field: &str, s: &str) -> Result<usize, AdapterError> {
    let mut buf = [0u8; 768];
    if s.len() <= 1024 {
        if let Ok(n) = B64.decode_slice(s, &mut buf) {
            return Ok(n);
        }
    }
    b64(field, s).map(|v| v.len())
}

/// Checks an FPort from JSON: LoRaWAN ports are 0-255. With `zero_is_absent`, port 0 with an
/// empty payload means "no FPort" (ChirpStack emits `fPort: 0` for frames without one).
pub(super) fn f_port(
    field: &str,
    port: Option<u32>,
    payload_len: usize,
    zero_is_absent: bool,
) -> Result<Option<u8>, AdapterError> {
    match port {
        None => Ok(None),
        Some(0) if zero_is_absent && payload_len == 0 => Ok(None),
        Some(p) => u8::try_from(p)
            .map(Some)
            .map_err(|_| AdapterError::PortOutOfRange { field: field.to_string(), port: p }),
    }
}

/// Reads an EUI-64 written as hex (any case) or as base64 of its 8 bytes (ChirpStack v3 `json`).
pub(super) fn eui(field: &str, s: &str) -> Result<Eui64, AdapterError> {
    if let Ok(e) = s.parse::<Eui64>() {
        return Ok(e);
    }
    if let Ok(bytes) = B64.decode(s) {
        if let Ok(b) = <[u8; 8]>::try_from(bytes.as_slice()) {
            return Ok(Eui64::from_be_bytes(b));
        }
    }
    Err(bad_value(field, s, Message::plain("malformed-expected-eui")))
}

/// Reads a DevAddr written as 8 hex digits or as base64 of its 4 bytes (big-endian).
pub(super) fn dev_addr(field: &str, s: &str) -> Result<DevAddr, AdapterError> {
    if let Ok(a) = s.parse::<DevAddr>() {
        return Ok(a);
    }
    if let Ok(bytes) = B64.decode(s) {
        if let Ok(b) = <[u8; 4]>::try_from(bytes.as_slice()) {
            return Ok(DevAddr(u32::from_be_bytes(b)));
        }
    }
    Err(bad_value(field, s, Message::plain("malformed-expected-dev-addr")))
}

/// Reads a ChirpStack gateway ID: 16 hex digits (v4), or padded base64 of 8 bytes
/// (v3 `gatewayID`); any other text is kept as written (lowercased).
pub(super) fn chirpstack_gateway(s: &str) -> GatewayId {
    if s.len() == 12 && s.ends_with('=') {
        if let Ok(bytes) = B64.decode(s) {
            if let Ok(b) = <[u8; 8]>::try_from(bytes.as_slice()) {
                return GatewayId::from_eui(Eui64::from_be_bytes(b));
            }
        }
    }
    GatewayId::new(s)
}

/// Parses an RFC 3339 timestamp (`Z` or `+00:00`, up to nanoseconds). The Go zero time
/// (`0001-01-01T00:00:00Z`, "unset") reads as `None`.
pub(super) fn time(field: &str, s: &str) -> Result<Option<DateTime<Utc>>, AdapterError> {
    let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
        let expected = Message::new(
            "malformed-expected-time",
            crate::catalog::args! { "reason" => e.to_string() },
        );
        bad_value(field, s, expected)
    })?;
    let t = t.with_timezone(&Utc);
    Ok(if t.year() <= 1 { None } else { Some(t) })
}

/// Parses an optional timestamp field.
pub(super) fn opt_time(
    field: &str,
    s: Option<&Text<'_>>,
) -> Result<Option<DateTime<Utc>>, AdapterError> {
    match s {
        Some(s) if !s.is_empty() => time(field, s),
        _ => Ok(None),
    }
}

/// Parses a protobuf JSON duration (`"5s"`, `"1.5s"`, `"-0.25s"`) into seconds.
pub(super) fn duration(field: &str, s: &str) -> Result<f64, AdapterError> {
    let t = s.trim();
    let n = t.strip_suffix('s').unwrap_or(t);
    n.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| bad_value(field, s, Message::plain("malformed-expected-duration")))
}

/// `gw.CodeRate` names, indexed by enum number.
pub(super) const CODE_RATE_NAMES: [&str; 13] = [
    "CR_UNDEFINED",
    "CR_4_5",
    "CR_4_6",
    "CR_4_7",
    "CR_4_8",
    "CR_3_8",
    "CR_2_6",
    "CR_1_4",
    "CR_1_6",
    "CR_5_6",
    "CR_LI_4_5",
    "CR_LI_4_6",
    "CR_LI_4_8",
];

/// Normalises a coding rate to the `4/5` form: `CR_4_5` → `4/5`, `CR_LI_4_5` → `4/5LI`
/// (LoRa 2.4 GHz long interleaving); `4/5` stays; empty and `CR_UNDEFINED` are `None`.
pub(super) fn code_rate(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s == "CR_UNDEFINED" {
        return None;
    }
    if let Some(rest) = s.strip_prefix("CR_LI_") {
        return Some(format!("{}LI", rest.replacen('_', "/", 1)));
    }
    if let Some(rest) = s.strip_prefix("CR_") {
        return Some(rest.replacen('_', "/", 1));
    }
    Some(s.to_string())
}

/// LoRa bandwidth in Hz; ChirpStack v3 wrote kHz (`125`), v4 and TTS write Hz (`125000`).
pub(super) fn bandwidth_hz(v: u32) -> Option<u32> {
    match v {
        0 => None,
        1..=1000 => v.checked_mul(1000),
        _ => Some(v),
    }
}

/// A spreading factor as `u8`; 0 (proto3 "unset") and out-of-range values are `None`.
pub(super) fn spreading_factor(v: u32) -> Option<u8> {
    u8::try_from(v).ok().filter(|v| *v != 0)
}

/// The DevEUI in a TTS-style device ID `eui-<16 hex digits>`.
pub(super) fn eui_from_device_id(id: &str) -> Option<Eui64> {
    let hex = id.strip_prefix("eui-")?;
    if hex.len() == 16 { hex.parse().ok() } else { None }
}

/// Parses a JSON payload. The text is validated as UTF-8 once, so string fields are then
/// borrowed without re-validation. `what` names the message for errors (built only on error).
pub(super) fn parse_json<'a, T: Deserialize<'a>>(
    payload: &'a [u8],
    what: impl Fn() -> Message,
    hint: &'static str,
) -> Result<T, AdapterError> {
    let text = crate::model::utf8(payload).map_err(|e| AdapterError::NotText {
        what: what(),
        reason: e.to_string(),
        hint,
    })?;
    serde_json::from_str(text).map_err(|e| AdapterError::Json {
        what: what(),
        reason: e.to_string(),
        hint,
    })
}

/// An application event's JSON: `not_json` (catalog id, with the event `kind`) when the payload
/// is not JSON (an integration set to Protobuf), else parsed, `what` (catalog id, with `kind`)
/// naming the event in errors.
pub(super) fn app_json<'a, T: Deserialize<'a>>(
    payload: &'a [u8],
    kind: &str,
    (not_json, what): (&str, &str),
    hint: &'static str,
) -> Result<T, AdapterError> {
    if !looks_like_json(payload) {
        return Err(AdapterError::invalid(not_json, crate::catalog::args! { "kind" => kind }));
    }
    parse_json(payload, || Message::new(what, crate::catalog::args! { "kind" => kind }), hint)
}

/// The first non-whitespace byte is `{`: a JSON object (otherwise Protobuf is assumed).
pub(super) fn looks_like_json(payload: &[u8]) -> bool {
    payload.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'{')
}

/// At most 40 characters of `s`, for error messages.
pub(super) fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(40) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests;
