//! Decode + track throughput of the pipeline on a generated fleet capture.
//!
//! `cargo bench --bench pipeline` first makes one timed pass over a 1,000,000-message capture
//! (10,000 devices; ChirpStack v4 gateway `event/up` in JSON and Protobuf, application `up`
//! events in JSON), generated deterministically in chunks so that the capture itself does not
//! dominate memory, and prints messages/s and the peak resident memory (VmHWM). Then criterion
//! measures a 100,000-message slice. `RMACHECK_BENCH_MESSAGES` changes the size of the timed
//! pass. Under `cargo test` (no `--bench`) it only runs a small smoke pass.

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use base64::Engine as _;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use criterion::{BatchSize, Criterion, Throughput};
use prost::Message as _;

use rmacheck::adapters::chirpstack_gw_proto as pb;
use rmacheck::model::RawMessage;
use rmacheck::pipeline::Pipeline;
use rmacheck::tracker::TrackerConfig;

const DEVICES: u32 = 10_000;
const GATEWAYS: u32 = 20;

/// xorshift64*: deterministic and fast.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// An unconfirmed data uplink with a random payload and MIC (no keys involved).
fn data_up(addr: u32, f_cnt: u32, rng: &mut Rng) -> Vec<u8> {
    let mut phy = vec![0x40];
    phy.extend_from_slice(&addr.to_le_bytes());
    phy.push(0x80);
    phy.extend_from_slice(&((f_cnt & 0xffff) as u16).to_le_bytes());
    phy.push(1);
    for _ in 0..12 {
        phy.push(rng.below(256) as u8);
    }
    phy.extend_from_slice(&(rng.next() as u32).to_le_bytes());
    phy
}

fn gateway_id(g: u32) -> String {
    format!("0016c001f153{g:04x}")
}

fn json_up(
    phy: &[u8],
    gw: &str,
    rssi: i32,
    snr: f64,
    at: DateTime<Utc>,
    uplink_id: u32,
) -> Vec<u8> {
    format!(
        r#"{{"phyPayload":"{}","txInfo":{{"frequency":868100000,"modulation":{{"lora":{{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}}},"rxInfo":{{"gatewayId":"{gw}","uplinkId":{uplink_id},"gwTime":"{}","rssi":{rssi},"snr":{snr:.1},"channel":1,"rfChain":1,"context":"AAGGoA==","crcStatus":"CRC_OK"}}}}"#,
        b64(phy),
        at.to_rfc3339_opts(SecondsFormat::Micros, true),
    )
    .into_bytes()
}

fn proto_up(phy: &[u8], gw: &str, rssi: i32, snr: f64, uplink_id: u32) -> Vec<u8> {
    let frame = pb::UplinkFrame {
        phy_payload: phy.to_vec(),
        tx_info: Some(pb::UplinkTxInfo {
            frequency: 868_100_000,
            modulation: Some(pb::Modulation {
                lora: Some(pb::LoraModulationInfo {
                    bandwidth: 125_000,
                    spreading_factor: 7,
                    code_rate: 1,
                    ..Default::default()
                }),
            }),
        }),
        rx_info: Some(pb::UplinkRxInfo {
            gateway_id: gw.to_string(),
            uplink_id,
            rssi,
            snr: snr as f32,
            channel: 1,
            rf_chain: 1,
            context: vec![0, 1, 134, 160],
            crc_status: 2,
            ..Default::default()
        }),
        ..Default::default()
    };
    frame.encode_to_vec()
}

#[allow(clippy::too_many_arguments)]
fn app_up(
    dev: u64,
    addr: u32,
    f_cnt: u32,
    rx: &[(String, i32, f64)],
    at: DateTime<Utc>,
) -> Vec<u8> {
    let rx_info: Vec<String> = rx
        .iter()
        .map(|(gw, rssi, snr)| {
            format!(
                r#"{{"gatewayId":"{gw}","uplinkId":1,"nsTime":"{}","rssi":{rssi},"snr":{snr:.1},"channel":1,"location":{{}},"context":"AAGGoA==","metadata":{{"region_common_name":"EU868","region_config_id":"eu868"}},"crcStatus":"CRC_OK"}}"#,
                at.to_rfc3339_opts(SecondsFormat::Nanos, false)
            )
        })
        .collect();
    format!(
        r#"{{"deduplicationId":"3ac7e3c4-4401-4b8d-9386-{dev:012x}","time":"{}","deviceInfo":{{"tenantId":"52f14cd4-c6f1-4fbd-8f87-4025e1d49242","tenantName":"ChirpStack","applicationId":"17c82e96-be03-4f38-aef3-f83d48582d97","applicationName":"Fleet","deviceProfileId":"14855bf7-d10d-4aee-b618-ebfcb64dc7ad","deviceProfileName":"Sensor","deviceName":"sensor-{dev:x}","devEui":"{dev:016x}","deviceClassEnabled":"CLASS_A","tags":{{}}}},"devAddr":"{addr:08x}","adr":true,"dr":5,"fCnt":{f_cnt},"fPort":1,"confirmed":false,"data":"AQIDBAUGBwgJCgsM","rxInfo":[{}],"txInfo":{{"frequency":868100000,"modulation":{{"lora":{{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}}}}},"regionConfigId":"eu868"}}"#,
        at.to_rfc3339_opts(SecondsFormat::Nanos, false),
        rx_info.join(","),
    )
    .into_bytes()
}

/// Generates the capture in time order, one device frame at a time: one to three gateway
/// copies (half JSON, half Protobuf), then the application `up` 200 ms later; 5 % of frames
/// are lost (never heard), so the tracker sees FCnt gaps.
struct Generator {
    rng: Rng,
    t0: DateTime<Utc>,
    round: u32,
    device: u32,
    queue: Vec<RawMessage>,
}

impl Generator {
    fn new() -> Self {
        let t0 = DateTime::from_timestamp(1_795_770_000, 0).unwrap_or_default();
        Self { rng: Rng(0x9e37_79b9_7f4a_7c15), t0, round: 0, device: 0, queue: Vec::new() }
    }

    fn frame(&mut self) {
        let d = self.device;
        let f_cnt = self.round;
        let at = self.t0
            + Duration::seconds(i64::from(self.round) * 300)
            + Duration::milliseconds(i64::from(d) * 25);
        self.device += 1;
        if self.device == DEVICES {
            self.device = 0;
            self.round += 1;
        }
        if self.rng.below(100) < 5 {
            return;
        }
        let dev = 0x70b3_d57e_0000_0000 + u64::from(d);
        let addr = 0x0100_0000 + d;
        let phy = data_up(addr, f_cnt, &mut self.rng);
        let copies = 1 + self.rng.below(3) as u32;
        let mut rx = Vec::new();
        for c in 0..copies {
            let gw = gateway_id((d + c * 7) % GATEWAYS);
            let rssi = -60 - self.rng.below(60) as i32;
            let snr = 10.0 - self.rng.below(250) as f64 / 10.0;
            let at = at + Duration::milliseconds(i64::from(c) * 15);
            let uplink_id = self.rng.next() as u32;
            let payload = if self.rng.below(2) == 0 {
                json_up(&phy, &gw, rssi, snr, at, uplink_id)
            } else {
                proto_up(&phy, &gw, rssi, snr, uplink_id)
            };
            let topic = format!("eu868/gateway/{gw}/event/up");
            self.queue.push(RawMessage { received_at: at, topic, payload });
            rx.push((gw, rssi, snr));
        }
        let at = at + Duration::milliseconds(200);
        let topic =
            format!("application/17c82e96-be03-4f38-aef3-f83d48582d97/device/{dev:016x}/event/up");
        self.queue.push(RawMessage {
            received_at: at,
            topic,
            payload: app_up(dev, addr, f_cnt, &rx, at),
        });
    }

    /// The next `n` messages.
    fn chunk(&mut self, n: usize) -> Vec<RawMessage> {
        while self.queue.len() < n {
            self.frame();
        }
        let rest = self.queue.split_off(n);
        std::mem::replace(&mut self.queue, rest)
    }
}

/// CPU time this thread has run, from the scheduler (immune to other processes' load).
fn thread_cpu() -> Option<StdDuration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok().map(StdDuration::from_nanos)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One timed pass over `total` messages; generation is not timed.
fn timed_pass(total: usize) {
    let mut generator = Generator::new();
    let mut pipeline = Pipeline::new(TrackerConfig::default());
    let mut busy = StdDuration::ZERO;
    let mut busy_cpu = StdDuration::ZERO;
    let mut decoding = StdDuration::ZERO;
    let mut done = 0;
    while done < total {
        let chunk = generator.chunk((total - done).min(50_000));
        let start = Instant::now();
        for msg in &chunk {
            black_box(rmacheck::adapters::decode(&msg.topic, &msg.payload, msg.received_at));
        }
        decoding += start.elapsed();
        let cpu = thread_cpu();
        let start = Instant::now();
        for msg in &chunk {
            black_box(pipeline.ingest(msg));
        }
        busy += start.elapsed();
        if let (Some(before), Some(after)) = (cpu, thread_cpu()) {
            busy_cpu += after.saturating_sub(before);
        }
        done += chunk.len();
    }
    let devices = pipeline.tracker().dev_euis().count();
    let malformed: u64 = pipeline.malformed_by_source().values().sum();
    let rate = done as f64 / busy.as_secs_f64();
    println!(
        "pipeline: {done} messages, {devices} devices, {malformed} malformed, {:.2} s decode+track, {:.0} messages/s",
        busy.as_secs_f64(),
        rate
    );
    if !busy_cpu.is_zero() {
        println!(
            "pipeline: {:.2} s of CPU time on this thread, {:.0} messages per CPU-second",
            busy_cpu.as_secs_f64(),
            done as f64 / busy_cpu.as_secs_f64()
        );
    }
    println!(
        "pipeline: decoding alone {:.2} s ({:.0} messages/s); tracking adds {:.2} s",
        decoding.as_secs_f64(),
        done as f64 / decoding.as_secs_f64(),
        (busy.as_secs_f64() - decoding.as_secs_f64()).max(0.0)
    );
    if let Some(kib) = peak_rss_kib() {
        println!("pipeline: peak resident memory (VmHWM) {:.1} MiB", kib as f64 / 1024.0);
    }
    black_box(pipeline);
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let total = std::env::var("RMACHECK_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 1_000_000 } else { 10_000 });
    timed_pass(total);
    if !bench {
        return;
    }
    let slice = Generator::new().chunk(100_000);
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(StdDuration::from_secs(1))
        .measurement_time(StdDuration::from_secs(15));
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements(slice.len() as u64));
    group.bench_function("decode_and_track_100k_messages", |b| {
        b.iter_batched(
            || Pipeline::new(TrackerConfig::default()),
            |mut p| {
                for msg in &slice {
                    black_box(p.ingest(msg));
                }
                p
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
    c.final_summary();
}
