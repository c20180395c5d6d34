//! Test brokers for the watch tests: an in-process rumqttd on a free loopback port, the local
//! Mosquitto when `RMACHECK_TEST_MQTT` names it, a TCP proxy that can "restart" the broker as
//! seen from the client (and replay a delivered message after the reconnect), and a QoS-1
//! publisher.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener as StdListener, TcpStream as StdStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rumqttc::{AsyncClient, Event, MqttOptions, Outgoing, Packet, QoS};
use rumqttd::{Broker, Config, ConnectionSettings, RouterConfig, ServerSettings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A free loopback port (bound and released; a small race is acceptable in tests).
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap()
}

/// Waits until something accepts TCP connections on `port`.
pub fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while StdStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on 127.0.0.1:{port}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running in-process rumqttd (it lives until the test process ends).
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedBroker {
    /// Its MQTT 3.1.1 port on 127.0.0.1.
    pub port: u16,
}

/// Starts rumqttd (MQTT 3.1.1 only) on a free port; `auth` requires that username/password.
pub fn embedded_broker(auth: Option<(&str, &str)>) -> EmbeddedBroker {
    let port = free_port();
    let connections = ConnectionSettings {
        connection_timeout_ms: 5000,
        max_payload_size: 1024 * 1024,
        max_inflight_count: 100,
        auth: auth.map(|(u, p)| HashMap::from([(u.to_string(), p.to_string())])),
        external_auth: None,
        dynamic_filters: true,
    };
    let server = ServerSettings {
        name: format!("v4-test-{port}"),
        listen: SocketAddr::from(([127, 0, 0, 1], port)),
        tls: None,
        next_connection_delay_ms: 1,
        connections,
    };
    let config = Config {
        id: 0,
        router: RouterConfig {
            max_connections: 64,
            max_outgoing_packet_count: 200,
            max_segment_size: 1024 * 1024,
            max_segment_count: 10,
            ..RouterConfig::default()
        },
        v4: Some(HashMap::from([("1".to_string(), server)])),
        ..Config::default()
    };
    std::thread::Builder::new()
        .name(format!("rumqttd-{port}"))
        .spawn(move || {
            let mut broker = Broker::new(config);
            let _ = broker.start();
        })
        .unwrap();
    wait_for_port(port);
    EmbeddedBroker { port }
}

/// The Mosquitto named by `RMACHECK_TEST_MQTT` (e.g. `mqtt://127.0.0.1:1883`), if set.
pub fn mosquitto() -> Option<(String, u16)> {
    let url = std::env::var("RMACHECK_TEST_MQTT").ok()?;
    let parsed: rmacheck::transport::BrokerUrl = url.parse().ok()?;
    Some((parsed.host, parsed.port))
}

/// A random lowercase token, to keep tests on a shared broker apart.
pub fn token() -> String {
    format!("{:010x}", rand::random::<u64>() & 0xff_ffff_ffff)
}

/// Publishes `msgs` at QoS 1 in order, waiting for each PUBACK (plus `gap`), then disconnects.
pub async fn publish(port: u16, msgs: &[(String, Vec<u8>)], retain: bool, gap: Duration) {
    publish_to("127.0.0.1", port, msgs, retain, gap).await;
}

/// As [`publish`], to any host.
pub async fn publish_to(
    host: &str,
    port: u16,
    msgs: &[(String, Vec<u8>)],
    retain: bool,
    gap: Duration,
) {
    let mut opts = MqttOptions::new(format!("rmacheck-test-pub-{}", token()), host, port);
    opts.set_max_packet_size(1024 * 1024, 1024 * 1024);
    let (client, mut eventloop) = AsyncClient::new(opts, 64);
    let (ack_tx, mut ack_rx) = tokio::sync::mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        loop {
            match eventloop.poll().await {
                Ok(Event::Incoming(Packet::PubAck(_))) => {
                    let _ = ack_tx.send(());
                }
                Ok(Event::Outgoing(Outgoing::Disconnect)) => break,
                Ok(_) => {}
                Err(e) => panic!("test publisher lost the broker: {e}"),
            }
        }
    });
    for (topic, payload) in msgs {
        client.publish(topic.clone(), QoS::AtLeastOnce, retain, payload.clone()).await.unwrap();
        tokio::time::timeout(Duration::from_secs(5), ack_rx.recv())
            .await
            .expect("no PUBACK within 5 s")
            .expect("publisher ended");
        tokio::time::sleep(gap).await;
    }
    client.disconnect().await.unwrap();
    tokio::time::timeout(Duration::from_secs(5), driver).await.unwrap().unwrap();
}

/// Whether the broker still holds a persistent session for `client_id` (the check itself
/// leaves none behind).
pub async fn session_present(host: &str, port: u16, client_id: &str) -> bool {
    async fn connect(host: &str, port: u16, client_id: &str, clean: bool) -> bool {
        let mut opts = MqttOptions::new(client_id, host, port);
        opts.set_clean_session(clean);
        let (client, mut eventloop) = AsyncClient::new(opts, 4);
        let mut present = None;
        tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                match eventloop.poll().await.unwrap() {
                    Event::Incoming(Packet::ConnAck(ack)) => {
                        present = Some(ack.session_present);
                        client.disconnect().await.unwrap();
                    }
                    Event::Outgoing(Outgoing::Disconnect) => break,
                    _ => {}
                }
            }
        })
        .await
        .unwrap();
        present.unwrap()
    }
    let present = connect(host, port, client_id, false).await;
    connect(host, port, client_id, true).await;
    present
}

#[derive(Default)]
struct ProxyState {
    tasks: Vec<JoinHandle<()>>,
    /// The last PUBLISH the broker sent to a client.
    last_publish: Option<Vec<u8>>,
    /// Replay `last_publish` (as QoS 0) after the next CONNACK.
    replay: Option<Vec<u8>>,
}

/// A TCP proxy in front of a broker. [`Proxy::down`] closes the port and every connection,
/// as a broker restart does; [`Proxy::up`] listens again on the same port.
pub struct Proxy {
    /// The port clients connect to.
    pub port: u16,
    upstream: SocketAddr,
    state: Arc<Mutex<ProxyState>>,
    listener: Option<JoinHandle<()>>,
}

impl Proxy {
    /// Starts a proxy to any `host:port`.
    pub async fn start_to(host: &str, port: u16) -> Self {
        let upstream = tokio::net::lookup_host((host, port)).await.unwrap().next().unwrap();
        let mut p = Proxy { port: free_port(), upstream, state: Arc::default(), listener: None };
        p.up().await;
        p
    }

    /// Accepts connections (again).
    pub async fn up(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        let upstream = self.upstream;
        let state = self.state.clone();
        self.listener = Some(tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(upstream).await else { continue };
                let (cr, cw) = client.into_split();
                let (sr, sw) = server.into_split();
                let up = tokio::spawn(pipe(cr, sw));
                let down = tokio::spawn(broker_to_client(sr, cw, state.clone()));
                let mut st = state.lock().unwrap();
                st.tasks.push(up);
                st.tasks.push(down);
            }
        }));
    }

    /// Closes the port and every connection.
    pub async fn down(&mut self) {
        if let Some(l) = self.listener.take() {
            l.abort();
            let _ = l.await;
        }
        let tasks: Vec<_> = std::mem::take(&mut self.state.lock().unwrap().tasks);
        for t in &tasks {
            t.abort();
        }
        for t in tasks {
            let _ = t.await;
        }
    }

    /// After the next CONNACK, sends the last delivered PUBLISH once more (as QoS 0), as a
    /// broker re-sending an unacknowledged message after a reconnect would.
    pub fn replay_last_publish_after_next_connect(&self) {
        let mut st = self.state.lock().unwrap();
        st.replay = st.last_publish.clone();
        assert!(st.replay.is_some(), "no PUBLISH went through the proxy yet");
    }
}

async fn pipe(mut from: tokio::net::tcp::OwnedReadHalf, mut to: tokio::net::tcp::OwnedWriteHalf) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown().await;
}

/// Splits the broker→client byte stream into MQTT packets: remembers PUBLISHes and injects the
/// replay after a CONNACK.
async fn broker_to_client(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    state: Arc<Mutex<ProxyState>>,
) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buf[..n]);
        while let Some(len) = packet_len(&pending) {
            let packet: Vec<u8> = pending.drain(..len).collect();
            let mut out = packet.clone();
            {
                let mut st = state.lock().unwrap();
                match packet[0] >> 4 {
                    3 => st.last_publish = Some(packet.clone()),
                    2 => {
                        if let Some(p) = st.replay.take() {
                            out.extend_from_slice(&as_qos0(&p));
                        }
                    }
                    _ => {}
                }
            }
            if to.write_all(&out).await.is_err() {
                return;
            }
        }
    }
    let _ = to.shutdown().await;
}

/// Length of the first complete MQTT packet in `b`, if complete.
fn packet_len(b: &[u8]) -> Option<usize> {
    let mut remaining = 0usize;
    let mut shift = 0;
    for (i, byte) in b.iter().enumerate().skip(1).take(4) {
        remaining |= usize::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            let total = 1 + i + remaining;
            return (b.len() >= total).then_some(total);
        }
    }
    None
}

/// A PUBLISH packet re-encoded at QoS 0 (no packet id, DUP clear).
fn as_qos0(p: &[u8]) -> Vec<u8> {
    let header_len = (1..5).find(|i| p[*i] & 0x80 == 0).unwrap() + 1;
    let body = &p[header_len..];
    let qos = (p[0] >> 1) & 3;
    let topic_len = usize::from(u16::from_be_bytes([body[0], body[1]]));
    let mut new_body = body[..2 + topic_len].to_vec();
    let after_id = 2 + topic_len + if qos > 0 { 2 } else { 0 };
    new_body.extend_from_slice(&body[after_id..]);
    let mut out = vec![0x30];
    let mut len = new_body.len();
    loop {
        let mut byte = (len & 0x7f) as u8;
        len >>= 7;
        if len > 0 {
            byte |= 0x80;
        }
        out.push(byte);
        if len == 0 {
            break;
        }
    }
    out.extend_from_slice(&new_body);
    out
}

#[test]
fn a_qos1_publish_is_re_encoded_at_qos0() {
    // PUBLISH QoS 1, DUP, topic "a/b", packet id 7, payload "xy".
    let p = [0x3a, 0x09, 0x00, 0x03, b'a', b'/', b'b', 0x00, 0x07, b'x', b'y'];
    assert_eq!(packet_len(&p), Some(p.len()));
    assert_eq!(packet_len(&p[..5]), None);
    assert_eq!(as_qos0(&p), vec![0x30, 0x07, 0x00, 0x03, b'a', b'/', b'b', b'x', b'y']);
}

/// Test PKI (ECDSA P-256, valid until 2126): a CA, a server certificate for 127.0.0.1 and
/// localhost, a client certificate, and an unrelated CA. Test material only.
pub mod pki {
    pub const CA_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBjTCCATOgAwIBAgIUUn0tYMPJETC6+4QfREHw9xAkesQwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQcm1hY2hlY2sgdGVzdCBDQTAgFw0yNjExMjExMDAyNTVaGA8y
MTI2MTAyODEwMDI1NVowGzEZMBcGA1UEAwwQcm1hY2hlY2sgdGVzdCBDQTBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABCbty1ckjQXgrB3all69pSZ2nGw3lY9x/YKB
XS9F7pNCaOizWjRjPLEi8hT/EvYAVkJb3Tgwx3l3CkTKBewWoJijUzBRMB0GA1Ud
DgQWBBSYbrUfApSsejyhU/h4SOJ5xFzmJzAfBgNVHSMEGDAWgBSYbrUfApSsejyh
U/h4SOJ5xFzmJzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIB09
xomkRZHvQN2PtdhU8I47UCPgufpQKqdqYHpkuPU5AiEAhTwXN/ctIYYACj249hj2
OOYqio/z1OYW2UTFKNzHV2o=
-----END CERTIFICATE-----
";

    pub const OTHER_CA_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBmDCCAT2gAwIBAgIUKv8n6j7qP1oKaUBbG9KgAKRVdYEwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVcm1hY2hlY2sgdW5yZWxhdGVkIENBMCAXDTI2MTEyMTEwMDI1
NVoYDzIxMjYxMDI4MTAwMjU1WjAgMR4wHAYDVQQDDBVybWFjaGVjayB1bnJlbGF0
ZWQgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR9nrmuSBWopw1d2erOgL9+
ezEA71Rc0L8ZMKD8A8nowuUJ2nsTLT8u6CKR40uqi56BlLk1TdnoqRToYGIhhwKI
o1MwUTAdBgNVHQ4EFgQUkG95hyI92GHlpslikK88NaomFaAwHwYDVR0jBBgwFoAU
kG95hyI92GHlpslikK88NaomFaAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
AgNJADBGAiEAplN4osPNj+eBezuXVvR7vF35Ukb0PTq8fyUEPCkYhKYCIQC+/8yA
mrG3Q9s3eivUdgMFsvBC6gnX6Spkit5flxQj5g==
-----END CERTIFICATE-----
";

    pub const SERVER_CERT_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBwDCCAWagAwIBAgIURu65x+LEU6T8pCDKIidylVZGsvEwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQcm1hY2hlY2sgdGVzdCBDQTAgFw0yNjExMjExMDAyNTVaGA8y
MTI2MTAyODEwMDI1NVowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0C
AQYIKoZIzj0DAQcDQgAEkRxgZKudlH3uKYagzaJcRtFZMJi0DWwjVgR9OX+0lrGP
dU2iMoVGVz4GwTRjCG0jPzgmR6LqrcIvZ1SsEuZ0qKOBjDCBiTAaBgNVHREEEzAR
hwR/AAABgglsb2NhbGhvc3QwCQYDVR0TBAIwADALBgNVHQ8EBAMCB4AwEwYDVR0l
BAwwCgYIKwYBBQUHAwEwHQYDVR0OBBYEFPj1nOAlyoM12rnwbaWPxzFK1vVHMB8G
A1UdIwQYMBaAFJhutR8ClKx6PKFT+HhI4nnEXOYnMAoGCCqGSM49BAMCA0gAMEUC
IQCMwouHP0C8tNDVAmtywIcilOCWxtzhRkfDbvG0VIQ15AIgCFo0XJJ4gC3IwyHh
84AXw+AJ5N++aR14/RyZ4g7UFpo=
-----END CERTIFICATE-----
";

    pub const SERVER_KEY_PEM: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgOYiJYM8NepqSaamR
H7uu3pHqOv+xQ1x8BiQhF4/zCNChRANCAASRHGBkq52Ufe4phqDNolxG0VkwmLQN
bCNWBH05f7SWsY91TaIyhUZXPgbBNGMIbSM/OCZHouqtwi9nVKwS5nSo
-----END PRIVATE KEY-----
";

    pub const CLIENT_CERT_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBrTCCAVOgAwIBAgIURu65x+LEU6T8pCDKIidylVZGsvIwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQcm1hY2hlY2sgdGVzdCBDQTAgFw0yNjExMjExMDAyNTVaGA8y
MTI2MTAyODEwMDI1NVowHzEdMBsGA1UEAwwUcm1hY2hlY2sgdGVzdCBjbGllbnQw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQrqzoEzvPXmqUO5qPdJ0ElYEfMEhjh
D8WW2bSO3XWsRZ0SJyFPmLAUKMTGczbR3maIZtwjU4RUBdDqo9WiMaQio28wbTAJ
BgNVHRMEAjAAMAsGA1UdDwQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcDAjAdBgNV
HQ4EFgQUeeA8JzdEl7A1FiopUQAFKYKWZm0wHwYDVR0jBBgwFoAUmG61HwKUrHo8
oVP4eEjiecRc5icwCgYIKoZIzj0EAwIDSAAwRQIgEZpCxrILjWWS3BFE54YpOtl9
EMo1p2kCYYQCn+ZUESgCIQC28TYnbyX4Pk8ofJ0+5PQSYDPzLL9x9xqPB/zqqMSV
eg==
-----END CERTIFICATE-----
";

    pub const CLIENT_KEY_PEM: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgp8opxh6Npdbpjfo2
6VG1sn1CPqHHDhBF5Zpte6s05YGhRANCAAQrqzoEzvPXmqUO5qPdJ0ElYEfMEhjh
D8WW2bSO3XWsRZ0SJyFPmLAUKMTGczbR3maIZtwjU4RUBdDqo9WiMaQi
-----END PRIVATE KEY-----
";
}

/// How the TLS proxy treats client certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// None asked for.
    None,
    /// A certificate signed by the test CA is required.
    Required,
}

fn pem_certs(pem: &str) -> Vec<rustls::pki_types::CertificateDer<'static>> {
    rustls_pemfile::certs(&mut pem.as_bytes()).collect::<Result<_, _>>().unwrap()
}

/// A TLS terminator on a free port in front of a plain broker port.
pub async fn tls_proxy(upstream_port: u16, client_auth: ClientAuth) -> u16 {
    use rumqttc::tokio_rustls::TlsAcceptor;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = match client_auth {
        ClientAuth::None => builder.with_no_client_auth(),
        ClientAuth::Required => {
            let mut roots = rustls::RootCertStore::empty();
            roots.add_parsable_certificates(pem_certs(pki::CA_PEM));
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .unwrap();
            builder.with_client_cert_verifier(verifier)
        }
    };
    let key = rustls_pemfile::private_key(&mut pki::SERVER_KEY_PEM.as_bytes()).unwrap().unwrap();
    let config = builder.with_single_cert(pem_certs(pki::SERVER_CERT_PEM), key).unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(client).await else { return };
                let Ok(mut server) = TcpStream::connect(("127.0.0.1", upstream_port)).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut server).await;
            });
        }
    });
    port
}

/// A "broker" that answers every CONNECT with a CONNACK carrying return code `rc`
/// (4: bad username or password, 5: not authorised) and closes the connection.
pub fn refusing_broker(rc: u8) -> u16 {
    use std::io::{Read, Write};
    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 512];
            let _ = s.read(&mut buf);
            let _ = s.write_all(&[0x20, 0x02, 0x00, rc]);
        }
    });
    port
}

/// A broker imitating The Things Stack's subscription rules: it accepts any login, grants QoS 0
/// to `v3/…` filters and refuses every other filter (SUBACK 0x80). It never publishes.
pub fn tts_like_broker() -> u16 {
    use std::io::{Read, Write};
    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let mut pending = Vec::new();
                let mut buf = [0u8; 4096];
                loop {
                    let n = match s.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    pending.extend_from_slice(&buf[..n]);
                    while let Some(len) = packet_len(&pending) {
                        let p: Vec<u8> = pending.drain(..len).collect();
                        let header = (1..5).find(|i| p[*i] & 0x80 == 0).unwrap() + 1;
                        let reply = match p[0] >> 4 {
                            1 => vec![0x20, 0x02, 0x00, 0x00],
                            8 => {
                                let body = &p[header..];
                                let mut codes = Vec::new();
                                let mut i = 2;
                                while i + 2 <= body.len() {
                                    let l = usize::from(u16::from_be_bytes([body[i], body[i + 1]]));
                                    let filter = &body[i + 2..i + 2 + l];
                                    codes.push(if filter.starts_with(b"v3/") {
                                        0x00
                                    } else {
                                        0x80
                                    });
                                    i += 2 + l + 1;
                                }
                                let mut r = vec![0x90, (2 + codes.len()) as u8, body[0], body[1]];
                                r.extend(codes);
                                r
                            }
                            12 => vec![0xd0, 0x00],
                            14 => return,
                            _ => Vec::new(),
                        };
                        if s.write_all(&reply).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    port
}
