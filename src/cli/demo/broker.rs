//! The demo's embedded MQTT broker: rumqttd on a free loopback port, configured in code
//! (no config file, no TLS, no authentication), running on its own threads until the
//! process exits.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use rumqttd::{Broker, Config, ConnectionSettings, RouterConfig, ServerSettings};

/// A running embedded broker.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedBroker {
    /// Where it listens (MQTT 3.1.1).
    pub addr: SocketAddr,
}

impl EmbeddedBroker {
    /// `mqtt://127.0.0.1:PORT`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("mqtt://{}", self.addr)
    }
}

fn config(addr: SocketAddr) -> Config {
    let connections = ConnectionSettings {
        connection_timeout_ms: 10_000,
        max_payload_size: 256 * 1024,
        max_inflight_count: 200,
        auth: None,
        external_auth: None,
        dynamic_filters: true,
    };
    let server = ServerSettings {
        name: "rmacheck-demo".into(),
        listen: addr,
        tls: None,
        next_connection_delay_ms: 1,
        connections,
    };
    Config {
        id: 0,
        router: RouterConfig {
            max_connections: 64,
            max_outgoing_packet_count: 200,
            max_segment_size: 4 * 1024 * 1024,
            max_segment_count: 8,
            ..RouterConfig::default()
        },
        v4: Some(HashMap::from([("1".to_string(), server)])),
        ..Config::default()
    }
}

/// Starts a broker on a free 127.0.0.1 port and waits until it accepts connections.
///
/// # Errors
/// When no port is free or the broker does not come up within 5 s.
pub fn start() -> anyhow::Result<EmbeddedBroker> {
    let probe = TcpListener::bind("127.0.0.1:0")
        .context("cannot open a loopback port for the demo broker; is 127.0.0.1 available?")?;
    let addr = probe.local_addr().context("cannot read the loopback port")?;
    drop(probe);
    let cfg = config(addr);
    std::thread::Builder::new()
        .name("demo-broker".into())
        .spawn(move || {
            let mut broker = Broker::new(cfg);
            let _ = broker.start();
        })
        .context("cannot start the demo broker thread")?;
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(EmbeddedBroker { addr });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    bail!("the embedded demo broker did not start listening on {addr} within 5 s; try again")
}
