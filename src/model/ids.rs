//! Identifier newtypes: EUI-64s, DevAddr, gateway IDs and AES keys.
//!
//! - Parsed once at the boundary: any case, with or without `-`, `:` or spaces as separators.
//! - Displayed and serialised as lowercase hex (the contract's output form).
//! - [`AesKey`] never prints its bytes: `Debug` and `Display` are redacted.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why an identifier could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The text is not hexadecimal after removing separators.
    #[error(
        "'{input}' is not hexadecimal: use only 0-9 and a-f (separators '-' and ':' are allowed)"
    )]
    NotHex {
        /// The text as given (never used for keys).
        input: String,
    },
    /// Wrong number of bytes.
    #[error("{what} needs {expected} hex digits, '{input}' has {found}")]
    Length {
        /// What was being parsed.
        what: &'static str,
        /// Expected hex digits.
        expected: usize,
        /// Hex digits found.
        found: usize,
        /// The text as given (redacted for keys).
        input: String,
    },
}

fn parse_hex<const N: usize>(
    what: &'static str,
    s: &str,
    redact: bool,
) -> Result<[u8; N], IdError> {
    let cleaned: String =
        s.trim().chars().filter(|c| !matches!(c, '-' | ':' | ' ' | '_')).collect();
    let shown = if redact { "<redacted>".to_string() } else { s.to_string() };
    if cleaned.len() != N * 2 {
        return Err(IdError::Length { what, expected: N * 2, found: cleaned.len(), input: shown });
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(&cleaned, &mut out).map_err(|_| IdError::NotHex { input: shown })?;
    Ok(out)
}

/// An EUI-64 (DevEUI, JoinEUI, gateway EUI) in the byte order it is written (big-endian).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Eui64([u8; 8]);

/// A device's DevEUI.
pub type DevEui = Eui64;
/// A JoinEUI (AppEUI before LoRaWAN 1.0.4).
pub type JoinEui = Eui64;

impl Eui64 {
    /// From bytes in display (big-endian) order.
    #[must_use]
    pub const fn from_be_bytes(b: [u8; 8]) -> Self {
        Self(b)
    }
    /// From bytes in LoRaWAN wire (little-endian) order.
    #[must_use]
    pub fn from_wire_bytes(mut b: [u8; 8]) -> Self {
        b.reverse();
        Self(b)
    }
    /// Bytes in display (big-endian) order.
    #[must_use]
    pub const fn to_be_bytes(self) -> [u8; 8] {
        self.0
    }
    /// Bytes in LoRaWAN wire (little-endian) order.
    #[must_use]
    pub fn to_wire_bytes(self) -> [u8; 8] {
        let mut b = self.0;
        b.reverse();
        b
    }
    /// The value as an integer (big-endian reading).
    #[must_use]
    pub const fn to_u64(self) -> u64 {
        u64::from_be_bytes(self.0)
    }
    /// From an integer (big-endian reading).
    #[must_use]
    pub const fn from_u64(v: u64) -> Self {
        Self(v.to_be_bytes())
    }
}

impl FromStr for Eui64 {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<8>("an EUI-64", s, false).map(Self)
    }
}

impl fmt::Display for Eui64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for Eui64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Eui64({self})")
    }
}

/// A 32-bit device address, displayed as 8 lowercase hex digits (big-endian).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DevAddr(pub u32);

impl DevAddr {
    /// From the 4 bytes as they appear in a frame (little-endian).
    #[must_use]
    pub const fn from_wire_bytes(b: [u8; 4]) -> Self {
        Self(u32::from_le_bytes(b))
    }
    /// The 4 bytes as they appear in a frame (little-endian).
    #[must_use]
    pub const fn to_wire_bytes(self) -> [u8; 4] {
        self.0.to_le_bytes()
    }
}

impl FromStr for DevAddr {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<4>("a DevAddr", s, false).map(|b| Self(u32::from_be_bytes(b)))
    }
}

impl fmt::Display for DevAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

impl fmt::Debug for DevAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DevAddr({self})")
    }
}

/// A gateway identifier as the network server names it, normalised to lowercase.
///
/// ChirpStack uses 16 hex digits; The Things Stack uses a free-form ID (`eui-…`) with an
/// optional EUI — adapters prefer the EUI when there is one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct GatewayId(String);

impl GatewayId {
    /// Normalises (trims, lowercases) a gateway ID.
    #[must_use]
    pub fn new(s: &str) -> Self {
        Self(s.trim().to_ascii_lowercase())
    }
    /// From EUI bytes in display order.
    #[must_use]
    pub fn from_eui(e: Eui64) -> Self {
        Self(e.to_string())
    }
    /// The normalised text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GatewayId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for GatewayId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GatewayId({})", self.0)
    }
}

/// A 128-bit AES key (AppKey, NwkSKey, AppSKey). Its bytes never appear in any output.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AesKey(pub [u8; 16]);

impl FromStr for AesKey {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_hex::<16>("an AES-128 key", s, true).map(Self)
    }
}

impl fmt::Debug for AesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AesKey(<redacted>)")
    }
}

impl fmt::Display for AesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

macro_rules! serde_via_str {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_via_str!(Eui64);
serde_via_str!(DevAddr);

impl Serialize for GatewayId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de> Deserialize<'de> for GatewayId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::new(&String::deserialize(d)?))
    }
}
impl<'de> Deserialize<'de> for AesKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euis_are_accepted_in_any_case_and_with_separators() {
        let cases = [
            "70b3d57ed0000001",
            "70B3D57ED0000001",
            "70-b3-d5-7e-d0-00-00-01",
            "70:B3:D5:7E:D0:00:00:01",
        ];
        for c in cases {
            let e: Eui64 = c.parse().unwrap_or_default();
            assert_eq!(e.to_string(), "70b3d57ed0000001", "input {c}");
        }
    }

    #[test]
    fn a_short_eui_is_rejected_with_the_digit_count() {
        let err = "70b3d5".parse::<Eui64>().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("16 hex digits"), "{err}");
    }

    #[test]
    fn a_key_never_shows_its_bytes_even_in_errors() {
        let key: Result<AesKey, _> = "2b7e151628aed2a6abf7158809cf4f3c".parse();
        assert_eq!(format!("{:?}", key), "Ok(AesKey(<redacted>))");
        let bad = "2b7e151628aed2a6abf7158809cf4fzz".parse::<AesKey>().err();
        let msg = bad.map(|e| e.to_string()).unwrap_or_default();
        assert!(!msg.contains("2b7e"), "{msg}");
    }

    #[test]
    fn dev_addr_reads_wire_bytes_little_endian() {
        assert_eq!(DevAddr::from_wire_bytes([0xf1, 0x7d, 0xbe, 0x49]).to_string(), "49be7df1");
    }
}
