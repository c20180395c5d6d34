//! Broker URLs: `mqtt://host[:port]` (plain TCP, default port 1883) and `mqtts://host[:port]`
//! (TLS, default port 8883).
//!
//! Anything else — another scheme, a path, a query, or credentials inside the URL — is rejected
//! with a message that says what to write instead. Passwords never travel in a URL (they would
//! show up in the process list and in shell history).

use std::fmt;
use std::str::FromStr;

use super::TransportError;

/// A parsed broker address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerUrl {
    /// `true` for `mqtts://`.
    pub tls: bool,
    /// Host name or IP address (IPv6 literals keep their brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl BrokerUrl {
    /// Default port of plain MQTT.
    pub const MQTT_PORT: u16 = 1883;
    /// Default port of MQTT over TLS.
    pub const MQTTS_PORT: u16 = 8883;

    /// A plain `mqtt://` address.
    #[must_use]
    pub fn plain(host: &str, port: u16) -> Self {
        Self { tls: false, host: host.to_string(), port }
    }

    /// `host:port`, as used in connection error messages.
    #[must_use]
    pub fn authority(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

impl fmt::Display for BrokerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.tls { "mqtts" } else { "mqtt" };
        write!(f, "{scheme}://{}:{}", self.host, self.port)
    }
}

fn bad(input: &str, reason: impl Into<String>) -> TransportError {
    TransportError::Url { input: redact_userinfo(input.trim()), reason: reason.into() }
}

/// `scheme://user:pass@host` → `scheme://***@host`, so that errors never echo a password.
fn redact_userinfo(input: &str) -> String {
    let Some((scheme, rest)) = input.split_once("://") else { return input.to_string() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***{}", &rest[at..]),
        None => input.to_string(),
    }
}

impl FromStr for BrokerUrl {
    type Err = TransportError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let Some((scheme, _)) = text.split_once("://") else {
            return Err(bad(
                input,
                "it has no scheme; write mqtt://host:port (plain) or mqtts://host:port (TLS)",
            ));
        };
        let tls = match scheme.to_ascii_lowercase().as_str() {
            "mqtt" => false,
            "mqtts" => true,
            "tcp" => return Err(bad(input, "use mqtt:// instead of tcp://")),
            "ssl" | "tls" => return Err(bad(input, "use mqtts:// for MQTT over TLS")),
            "ws" | "wss" => {
                return Err(bad(
                    input,
                    "MQTT over WebSockets is not supported; use the broker's TCP listener \
                     with mqtt:// or mqtts://",
                ));
            }
            other => {
                return Err(bad(
                    input,
                    format!("unknown scheme '{other}'; use mqtt:// (plain) or mqtts:// (TLS)"),
                ));
            }
        };
        let url = url::Url::parse(text).map_err(|e| bad(input, format!("{e}")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad(
                input,
                "credentials do not belong in the URL; use --username and --password-file \
                 (or RMACHECK_MQTT_PASSWORD)",
            ));
        }
        if !(url.path().is_empty() || url.path() == "/") {
            return Err(bad(input, "a broker URL has no path; write mqtt://host:port"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad(
                input,
                "a broker URL has no query or fragment; write mqtt://host:port",
            ));
        }
        let host = match url.host_str() {
            Some(h) if !h.is_empty() => h.to_ascii_lowercase(),
            _ => return Err(bad(input, "it names no host; write mqtt://host:port")),
        };
        if tls && host.starts_with('[') {
            return Err(bad(
                input,
                "mqtts:// cannot use an IPv6 address; use the broker's host name (the one its \
                 certificate lists)",
            ));
        }
        let port = url.port().unwrap_or(if tls { Self::MQTTS_PORT } else { Self::MQTT_PORT });
        if port == 0 {
            return Err(bad(input, "port 0 is not a valid broker port"));
        }
        Ok(Self { tls, host, port })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_urls_parse_with_default_ports() {
        let cases = [
            ("mqtt://127.0.0.1:1883", false, "127.0.0.1", 1883),
            ("mqtt://localhost", false, "localhost", 1883),
            ("mqtts://eu1.cloud.thethings.network", true, "eu1.cloud.thethings.network", 8883),
            ("mqtts://broker.example.org:8884/", true, "broker.example.org", 8884),
            ("MQTT://Broker.Example.org:1884", false, "broker.example.org", 1884),
            ("mqtt://[::1]:1883", false, "[::1]", 1883),
            ("  mqtt://10.0.0.5:11883  ", false, "10.0.0.5", 11883),
        ];
        for (input, tls, host, port) in cases {
            let url: BrokerUrl = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((url.tls, url.host.as_str(), url.port), (tls, host, port), "{input}");
        }
    }

    #[test]
    fn a_url_displays_with_scheme_host_and_port() {
        let url: BrokerUrl = "mqtts://broker.example.org".parse().unwrap();
        assert_eq!(url.to_string(), "mqtts://broker.example.org:8883");
        assert_eq!(url.authority(), "broker.example.org:8883");
    }

    #[test]
    fn bad_urls_are_rejected_with_a_hint() {
        let cases = [
            ("127.0.0.1:1883", "no scheme"),
            ("http://127.0.0.1", "unknown scheme 'http'"),
            ("tcp://127.0.0.1:1883", "use mqtt://"),
            ("ssl://127.0.0.1:8883", "use mqtts://"),
            ("wss://127.0.0.1/mqtt", "WebSockets"),
            ("mqtt://user:secret@127.0.0.1", "--password-file"),
            ("mqtt://127.0.0.1:1883/topic", "no path"),
            ("mqtt://127.0.0.1:1883?client_id=x", "no query"),
            ("mqtt://:1883", "mqtt://"),
            ("mqtt://127.0.0.1:99999", "mqtt://"),
            ("mqtt://127.0.0.1:0", "port 0"),
            ("mqtts://[::1]:8883", "cannot use an IPv6 address"),
        ];
        for (input, needle) in cases {
            let err = input.parse::<BrokerUrl>().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(needle), "{input}: expected '{needle}' in '{err}'");
        }
    }

    #[test]
    fn a_rejected_url_never_echoes_a_password() {
        let err = "mqtt://user:hunter2@127.0.0.1".parse::<BrokerUrl>().err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(!msg.contains("hunter2"), "{msg}");
    }
}
