//! Capture files: real mosquitto_sub output, the contract format, bad lines and unreadable files.

use std::io::Cursor;
use std::path::PathBuf;

use chrono::{DateTime, SecondsFormat, Utc};
use rmacheck::capture::{self, CaptureReader, CaptureWriter};
use rmacheck::model::RawMessage;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frame").join(name)
}
fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
fn micros(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

const GW_UP: &str = r#"{"phyPayload":"QPF9vkkAAgABlUN4disR/w0=","txInfo":{"frequency":868100000,"modulation":{"lora":{"bandwidth":125000,"spreadingFactor":7,"codeRate":"CR_4_5"}}},"rxInfo":{"gatewayId":"0016c001f153a14c","uplinkId":1234,"rssi":-71,"snr":7.5,"context":"AAAAAA==","crcStatus":"CRC_OK"}}"#;

#[test]
fn a_real_mosquitto_sub_j_capture_reads_every_text_payload_exactly() {
    let cap = capture::read_files(&[fixture("mosquitto-sub-j.jsonl")]).unwrap();
    let m = &cap.messages;
    assert_eq!(m.len(), 5, "{:?}", cap.bad_lines);
    assert_eq!(m[0].topic, "eu868/gateway/0016c001f153a14c/event/up");
    assert_eq!(m[0].payload, GW_UP.as_bytes());
    assert_eq!(micros(m[0].received_at), "2026-11-21T09:58:53.817309Z");
    assert_eq!(m[1].payload.len(), 1064, "QoS 1 line with mid");
    assert!(m[2].topic.ends_with("/event/log"));
    assert_eq!(m[3].payload, "ONLINE-ish text: Grüße\tok".as_bytes());
    assert!(m[4].payload.is_empty(), "payload null is an empty payload");
    // The binary (protobuf) payload is printed raw by mosquitto_sub: reported, not misread.
    assert_eq!(cap.bad_lines.len(), 1);
    let bad = &cap.bad_lines[0];
    assert_eq!(bad.line, 4);
    assert!(bad.message.to_string().contains("not UTF-8"), "{bad}");
    assert!(bad.to_string().contains("mosquitto-sub-j.jsonl:4: "), "{bad}");
}

#[test]
fn a_real_mosquitto_sub_cap_j_capture_in_another_time_zone_reads_as_utc_json() {
    let cap = capture::read_files(&[fixture("mosquitto-sub-J-tz-berlin.jsonl")]).unwrap();
    assert!(cap.bad_lines.is_empty(), "{:?}", cap.bad_lines);
    let m = &cap.messages;
    assert_eq!(m.len(), 4, "non-JSON payloads leave empty lines, which are skipped");
    assert_eq!(micros(m[0].received_at), "2026-11-21T09:58:53.816373Z", "+0100 local time");
    assert_eq!(m[0].payload, GW_UP.as_bytes(), "compact JSON keeps key order and bytes");
    let up: serde_json::Value = serde_json::from_slice(&m[1].payload).unwrap();
    assert_eq!(up["deviceInfo"]["devEui"], "70b3d57ba0003bb8");
    assert_eq!(up["rxInfo"][0]["snr"], 3, "cJSON re-prints 3.0 as 3");
    let text = String::from_utf8(m[1].payload.clone()).unwrap();
    assert!(text.starts_with(r#"{"adr":true,"confirmed":false,"data":"#), "{text}");
    assert!(m[3].payload.is_empty());
}

fn msg(at: &str, topic: &str, payload: &[u8]) -> RawMessage {
    RawMessage { received_at: utc(at), topic: topic.into(), payload: payload.to_vec() }
}

#[test]
fn written_captures_read_back_identically_including_binary_payloads() {
    let messages = vec![
        msg(
            "2026-11-21T09:00:00.123456Z",
            "eu868/gateway/0016c001f153a14c/event/up",
            &[0, 1, 0xff, 0x0a],
        ),
        msg(
            "2026-11-21T09:00:01Z",
            "application/1/device/70b3d57ed0000001/event/up",
            GW_UP.as_bytes(),
        ),
        msg("2026-11-21T09:00:02.000001Z", "t\"quoted\"/ü", b""),
    ];
    let mut w = CaptureWriter::new(Vec::new());
    for m in &messages {
        w.write(m).unwrap();
    }
    let bytes = w.into_inner();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        r#"{"received_at":"2026-11-21T09:00:00.123456Z","topic":"eu868/gateway/0016c001f153a14c/event/up","payload_b64":"AAH/Cg=="}"#
    );
    assert!(
        text.lines().nth(1).unwrap().contains(r#""received_at":"2026-11-21T09:00:01.000000Z""#)
    );
    assert_eq!(text.lines().count(), 3);
    let back: Vec<RawMessage> =
        CaptureReader::new(Cursor::new(bytes), "mem").collect::<Result<_, _>>().unwrap();
    assert_eq!(back, messages);
}

#[test]
fn the_writer_flushes_after_every_message() {
    struct CountFlush(usize);
    impl std::io::Write for CountFlush {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0 += 1;
            Ok(())
        }
    }
    let mut w = CaptureWriter::new(CountFlush(0));
    for _ in 0..3 {
        w.write(&msg("2026-11-21T09:00:00Z", "a", b"x")).unwrap();
    }
    assert_eq!(w.into_inner().0, 3);
}

#[test]
fn bad_lines_are_reported_with_their_number_and_skipped() {
    let good = r#"{"received_at":"2026-11-21T09:00:00Z","topic":"a","payload_b64":"aGk="}"#;
    let mut input = Vec::new();
    input.extend_from_slice(format!("{good}\r\n").as_bytes()); // 1: CRLF
    input.extend_from_slice(b"\r\n"); // 2: empty
    input.extend_from_slice(b"   \n"); // 3: blank
    input.extend_from_slice(
        b"{\"received_at\":\"2026-11-21T09:00:00Z\",\"topic\":\"a\",\"payload_b64\":\"!!\"}\n",
    ); // 4
    input.extend_from_slice(b"{\"topic\":\"a\",\"payload_b64\":\"\"}\n"); // 5: no time
    input.extend_from_slice(b"{\"received_at\":\"\xff\xfe\"}\n"); // 6: not UTF-8
    input.extend_from_slice(b"not json at all\n"); // 7
    input.extend_from_slice(good.as_bytes()); // 8: no final newline
    let items: Vec<_> = CaptureReader::new(Cursor::new(input), "cap.jsonl").collect();
    let good_lines: Vec<_> = items.iter().filter(|i| i.is_ok()).collect();
    let bad: Vec<(usize, String)> = items
        .iter()
        .filter_map(|i| i.as_ref().err())
        .map(|b| (b.line, b.message.to_string()))
        .collect();
    assert_eq!(good_lines.len(), 2);
    let expected = [
        (4, "base64"),
        (5, "\"received_at\" is missing"),
        (6, "not UTF-8"),
        (7, "not a JSON object"),
    ];
    assert_eq!(bad.len(), expected.len(), "{bad:?}");
    for ((line, message), (want_line, needle)) in bad.iter().zip(expected) {
        assert_eq!(*line, want_line, "{message}");
        assert!(message.contains(needle), "line {line}: {message}");
    }
}

#[test]
fn several_files_are_read_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    let line = |topic: &str| capture::format_line(&msg("2026-11-21T09:00:00Z", topic, b"x")) + "\n";
    std::fs::write(&a, line("first") + &line("second")).unwrap();
    std::fs::write(&b, line("third") + "garbage\n").unwrap();
    let cap = capture::read_files(&[&b, &a]).unwrap();
    let topics: Vec<&str> = cap.messages.iter().map(|m| m.topic.as_str()).collect();
    assert_eq!(topics, ["third", "first", "second"]);
    assert_eq!(cap.bad_lines.len(), 1);
    assert!(cap.bad_lines[0].file.ends_with("b.jsonl") && cap.bad_lines[0].line == 2);
}

#[test]
fn an_unreadable_capture_file_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let err = capture::read_files(&[&missing]).unwrap_err().to_string();
    assert!(err.contains("nope.jsonl") && err.contains("no such file"), "{err}");
    assert!(err.contains("check the path"), "{err}");
    let err = capture::read_files(&[dir.path()]).unwrap_err().to_string();
    assert!(err.contains("not the directory"), "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.jsonl");
        std::fs::write(&locked, "").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&locked).is_err() {
            let err = capture::read_files(&[&locked]).unwrap_err().to_string();
            assert!(err.contains("permission denied") && err.contains("permissions"), "{err}");
        }
    }
}
