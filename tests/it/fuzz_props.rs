//! A bounded property run of every fuzz target (`rmacheck::fuzz_targets`): mutations of real
//! inputs (simulated ChirpStack traffic with real crypto, sample keys/RMA/allowed_signers
//! files) and random bytes, from a fixed seed, a fixed number of cases per target; then every
//! input under `fuzz/seeds/<target>/` (hand-made edge cases, also the fuzzers' starting corpus)
//! and `fuzz/regressions/<target>/` (inputs that once crashed a target, kept as tests).
//! The property: no target panics.

use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use rmacheck::capture::format_line;
use rmacheck::fuzz_targets::{ALL, TOPICS};
use rmacheck::sim::{self, Scenario, default_start};

const CASES: usize = 400;

const KEYS: &str = "[[device]]\ndev_eui = \"70b3d57ed0000001\"\njoin_eui = \"0000000000000000\"\n\
                    app_key = \"2b7e151628aed2a6abf7158809cf4f3c\"\n";
const RMA: &str = "order_number = \"LS-1\"\ndevice_name = \"Keller\"\nmodel = \"ERS\"\n\
                   serial_number = \"A1\"\ndelivery_date = \"2026-09-14\"\nreason = \"defect\"\n\
                   factory_reset = true\naccessories = [\"battery\"]\n[contact]\nname = \"J\"\n\
                   email = \"j@example.org\"\n[description]\nbefore = \"b\"\nproblem = \"p\"\n\
                   steps_taken = \"s\"\n[[photo]]\nfile = \"closed.jpg\"\nview = \"closed\"\n";
const SIGNERS: &str = "shop@example.org namespaces=\"rmacheck-report-v1\",valid-after=\"20260101\" \
                       ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJd6SvVvq4HXTpPUb8Sp1dJ9rhQ9Cj4EQM0Wt2Z0vYJd\n";

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let out = sim::run(Scenario::Healthy, 3, default_start());
    let msgs = &out.messages[..out.messages.len().min(60)];
    match target {
        "adapter" => msgs
            .iter()
            .map(|m| {
                let sel = TOPICS
                    .iter()
                    .position(|t| t.rsplit('/').next() == m.topic.rsplit('/').next())
                    .unwrap_or(0);
                let mut v = vec![u8::try_from(sel).unwrap()];
                v.extend_from_slice(&m.payload);
                v
            })
            .collect(),
        "frame" => msgs
            .iter()
            .filter_map(|m| serde_json::from_slice::<serde_json::Value>(&m.payload).ok())
            .filter_map(|v| v["phyPayload"].as_str().map(str::to_string))
            .filter_map(|b| {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.decode(b).ok()
            })
            .collect(),
        "capture" => {
            vec![msgs.iter().map(|m| format_line(m) + "\n").collect::<String>().into_bytes()]
        }
        "tts_events" => {
            use crate::tts::convert::{Converter, api_stream, cli_output, console_export};
            let events = Converter::new(None).run(msgs);
            [console_export(&events), cli_output(&events), api_stream(&events)]
                .map(String::into_bytes)
                .to_vec()
        }
        "keys_toml" => vec![KEYS.as_bytes().to_vec()],
        "rma_toml" => vec![RMA.as_bytes().to_vec()],
        "allowed_signers" | "sshsig" => vec![SIGNERS.as_bytes().to_vec()],
        _ => vec![
            b"{\"schema\":\"rmacheck.report.v1\"}\0\0-----BEGIN SSH SIGNATURE-----\0\0".to_vec(),
        ],
    }
}

fn mutate(rng: &mut StdRng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..rng.gen_range(1..6) {
        let len = v.len();
        match rng.gen_range(0..6) {
            0 if len > 0 => {
                let i = rng.gen_range(0..len);
                v[i] ^= 1 << rng.gen_range(0..8);
            }
            1 => {
                let i = rng.gen_range(0..=len);
                v.insert(i, rng.r#gen());
            }
            2 if len > 0 => {
                let a = rng.gen_range(0..len);
                let b = rng.gen_range(a..=len.min(a + 64));
                v.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.gen_range(0..len);
                let b = rng.gen_range(a..=len.min(a + 64));
                let chunk = v[a..b].to_vec();
                let at = rng.gen_range(0..=v.len());
                v.splice(at..at, chunk);
            }
            4 if len > 0 => v.truncate(rng.gen_range(0..len)),
            _ => {
                let i = rng.gen_range(0..=len);
                let magic: &[u8] =
                    [&b"\"}"[..], b"\n", b"\0\0", b"9999999999", b"-1", b"null", b"\\u0000"]
                        [rng.gen_range(0..7)];
                v.splice(i..i, magic.iter().copied());
            }
        }
    }
    v
}

#[test]
fn no_fuzz_target_panics_on_mutated_real_inputs_or_random_bytes() {
    for (name, target) in ALL {
        let seeds = seeds(name);
        assert!(!seeds.is_empty(), "{name}: no seeds");
        let mut rng = StdRng::seed_from_u64(0x5eed_0000 + name.len() as u64);
        for seed in &seeds {
            target(seed);
        }
        for i in 0..CASES {
            let input = if i % 8 == 7 {
                (0..rng.gen_range(0..512)).map(|_| rng.r#gen()).collect()
            } else {
                let pick = rng.gen_range(0..seeds.len());
                mutate(&mut rng, &seeds[pick])
            };
            target(&input);
        }
    }
}

#[test]
fn every_seed_and_every_input_that_once_crashed_a_fuzz_target_is_handled() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut ran = 0;
    for (name, target) in ALL {
        for root in ["seeds", "regressions"] {
            let Ok(dir) = std::fs::read_dir(fuzz.join(root).join(name)) else { continue };
            for entry in dir.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "md") {
                    continue;
                }
                target(&std::fs::read(&path).unwrap());
                ran += 1;
            }
        }
    }
    assert!(ran > 0, "fuzz/seeds holds at least one input");
}
