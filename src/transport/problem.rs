//! Connection problems: rumqttc errors turned into messages that say what to check, and
//! sorted into transient (retry with back-off) and permanent (give up: bad credentials, a TLS
//! certificate the broker or we refuse).

use std::io;

use rumqttc::{ConnectReturnCode, ConnectionError, StateError};

use super::BrokerUrl;

/// Why the connection failed, in words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionProblem {
    /// What happened and what to check.
    pub message: String,
    /// Retrying cannot help (bad credentials, refused TLS certificate, …).
    pub permanent: bool,
    /// The broker refused the credentials or the client's rights.
    pub auth: bool,
}

fn io_problem(e: &io::Error, url: &BrokerUrl, ever_connected: bool) -> ConnectionProblem {
    // rustls reports handshake failures (and TLS 1.3 client-certificate refusals, which arrive
    // with the first read) as I/O errors wrapping a rustls::Error.
    if let Some(r) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return tls_problem(r, url);
    }
    let at = url.authority();
    let message = match e.kind() {
        io::ErrorKind::ConnectionRefused => format!(
            "cannot connect to {at}: connection refused — is the broker running? check --broker"
        ),
        io::ErrorKind::TimedOut => {
            format!("cannot connect to {at}: timed out — check --broker and any firewall")
        }
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof
            if ever_connected =>
        {
            format!("connection to {at} lost: {e}")
        }
        io::ErrorKind::ConnectionReset | io::ErrorKind::UnexpectedEof => handshake_closed(&at),
        _ if e.to_string().contains("lookup") || e.to_string().contains("resolve") => {
            format!("cannot resolve the host name in {url}: {e} — check --broker and the DNS")
        }
        _ => format!("cannot connect to {at}: {e} — check --broker"),
    };
    ConnectionProblem { message, permanent: false, auth: false }
}

fn handshake_closed(at: &str) -> String {
    format!(
        "{at} closed the connection during the MQTT handshake — check the username and \
         password (some brokers close instead of refusing) and that this is an MQTT port \
         (a TLS port needs mqtts://)"
    )
}

const CA_HINT: &str = "check that --ca-file holds the CA that signed the broker's certificate \
                       and that the host in --broker is a name the certificate lists";

fn tls_problem(r: &rustls::Error, url: &BrokerUrl) -> ConnectionProblem {
    use rustls::AlertDescription as A;
    let hint = match r {
        rustls::Error::AlertReceived(
            A::CertificateRequired | A::BadCertificate | A::UnknownCA | A::AccessDenied,
        ) => {
            "the broker wants a client certificate it trusts: pass --client-cert and \
             --client-key (PEM) issued for this broker"
        }
        rustls::Error::InvalidCertificate(_) => CA_HINT,
        _ => "check --ca-file, --client-cert/--client-key and that the port speaks TLS",
    };
    ConnectionProblem {
        message: format!("TLS handshake with {} failed: {r} — {hint}", url.authority()),
        permanent: true,
        auth: false,
    }
}

fn tls_setup_problem(detail: &dyn std::fmt::Display, url: &BrokerUrl) -> ConnectionProblem {
    ConnectionProblem {
        message: format!("TLS connection to {} failed: {detail} — {CA_HINT}", url.authority()),
        permanent: true,
        auth: false,
    }
}

/// Turns a rumqttc error into a message that says what to do.
#[must_use]
pub fn classify(e: &ConnectionError, url: &BrokerUrl, ever_connected: bool) -> ConnectionProblem {
    let at = url.authority();
    let transient = |message: String| ConnectionProblem { message, permanent: false, auth: false };
    match e {
        ConnectionError::Io(io) => io_problem(io, url, ever_connected),
        ConnectionError::MqttState(StateError::Io(io)) => io_problem(io, url, ever_connected),
        ConnectionError::MqttState(StateError::ConnectionAborted) if !ever_connected => {
            transient(handshake_closed(&at))
        }
        ConnectionError::MqttState(StateError::ConnectionAborted) => {
            transient(format!("connection to {at} closed by the broker"))
        }
        ConnectionError::MqttState(StateError::Deserialization(rumqttc::Error::Io(io))) => {
            io_problem(io, url, ever_connected)
        }
        ConnectionError::MqttState(StateError::AwaitPingResp) => {
            transient(format!("{at} stopped answering pings; reconnecting"))
        }
        ConnectionError::MqttState(other) => {
            transient(format!("MQTT protocol error with {at}: {other}"))
        }
        ConnectionError::NetworkTimeout => transient(format!(
            "connecting to {at} timed out — check --broker and any firewall (a TLS port needs mqtts://)"
        )),
        ConnectionError::FlushTimeout => transient(format!("writing to {at} timed out")),
        ConnectionError::ConnectionRefused(code) => refused(*code, &at),
        ConnectionError::Tls(tls) => match tls {
            rumqttc::TlsError::Io(io) => io_problem(io, url, ever_connected),
            rumqttc::TlsError::TLS(r) => tls_problem(r, url),
            other => tls_setup_problem(other, url),
        },
        ConnectionError::NotConnAck(p) => {
            transient(format!("{at} answered the CONNECT with {p:?} instead of a CONNACK"))
        }
        ConnectionError::RequestsDone => transient("the MQTT client was dropped".into()),
    }
}

fn refused(code: ConnectReturnCode, at: &str) -> ConnectionProblem {
    let (message, permanent, auth) = match code {
        ConnectReturnCode::BadUserNamePassword => (
            format!(
                "{at} rejected the username or password — check --username and the password \
                 (--password-file or RMACHECK_MQTT_PASSWORD; for The Things Stack: an API key \
                 of the application)"
            ),
            true,
            true,
        ),
        ConnectReturnCode::NotAuthorized => (
            format!(
                "{at} refused the connection: not authorised — check the credentials and the \
                 account's rights (The Things Stack: the API key needs 'Read application traffic')"
            ),
            true,
            true,
        ),
        ConnectReturnCode::BadClientId => {
            (format!("{at} rejected the client id — report this as a bug"), true, false)
        }
        ConnectReturnCode::RefusedProtocolVersion => {
            (format!("{at} does not accept MQTT 3.1.1, the version rmacheck speaks"), true, false)
        }
        ConnectReturnCode::ServiceUnavailable => {
            (format!("{at} is temporarily unavailable (server busy)"), false, false)
        }
        ConnectReturnCode::Success => (format!("{at} refused the connection"), false, false),
    };
    ConnectionProblem { message, permanent, auth }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> BrokerUrl {
        BrokerUrl::plain("127.0.0.1", 1883)
    }

    #[test]
    fn connection_errors_say_what_to_do() {
        let cases: Vec<(ConnectionError, &str, bool)> = vec![
            (
                ConnectionError::Io(io::Error::from(io::ErrorKind::ConnectionRefused)),
                "cannot connect to 127.0.0.1:1883: connection refused — is the broker running? check --broker",
                false,
            ),
            (ConnectionError::NetworkTimeout, "timed out", false),
            (
                ConnectionError::ConnectionRefused(ConnectReturnCode::BadUserNamePassword),
                "rejected the username or password",
                true,
            ),
            (
                ConnectionError::ConnectionRefused(ConnectReturnCode::NotAuthorized),
                "not authorised",
                true,
            ),
            (
                ConnectionError::ConnectionRefused(ConnectReturnCode::ServiceUnavailable),
                "temporarily unavailable",
                false,
            ),
            (
                ConnectionError::MqttState(StateError::ConnectionAborted),
                "during the MQTT handshake",
                false,
            ),
            (
                ConnectionError::Tls(rumqttc::TlsError::TLS(rustls::Error::InvalidCertificate(
                    rustls::CertificateError::UnknownIssuer,
                ))),
                "check that --ca-file holds the CA",
                true,
            ),
        ];
        for (e, needle, permanent) in cases {
            let p = classify(&e, &url(), false);
            assert!(p.message.contains(needle), "expected '{needle}' in '{}'", p.message);
            assert_eq!(p.permanent, permanent, "{}", p.message);
        }
    }

    #[test]
    fn a_tls_alert_inside_an_io_error_is_a_permanent_tls_problem() {
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired);
        let io = io::Error::new(io::ErrorKind::InvalidData, alert);
        let e = ConnectionError::MqttState(StateError::Deserialization(rumqttc::Error::Io(io)));
        let p = classify(&e, &url(), true);
        assert!(p.permanent && p.message.contains("TLS handshake"), "{}", p.message);
        assert!(p.message.contains("pass --client-cert and --client-key"), "{}", p.message);
    }

    #[test]
    fn a_reset_after_connecting_is_a_lost_connection_and_before_it_a_handshake_problem() {
        let e = ConnectionError::Io(io::Error::from(io::ErrorKind::ConnectionReset));
        assert!(classify(&e, &url(), true).message.contains("lost"));
        assert!(classify(&e, &url(), false).message.contains("check the username and password"));
        let e = ConnectionError::MqttState(StateError::ConnectionAborted);
        assert!(classify(&e, &url(), true).message.contains("closed by the broker"));
        assert!(classify(&e, &url(), false).message.contains("during the MQTT handshake"));
    }
}
