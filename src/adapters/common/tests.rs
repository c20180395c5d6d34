//! Tests of `common`.

use super::*;

#[test]
fn coding_rates_are_normalised_to_the_slash_form() {
    let cases = [
        ("CR_4_5", Some("4/5")),
        ("CR_4_8", Some("4/8")),
        ("CR_2_6", Some("2/6")),
        ("CR_LI_4_6", Some("4/6LI")),
        ("4/5", Some("4/5")),
        ("", None),
        ("CR_UNDEFINED", None),
    ];
    for (input, want) in cases {
        assert_eq!(code_rate(input).as_deref(), want, "input {input}");
    }
}

#[test]
fn euis_are_read_from_hex_of_any_case_and_from_base64() {
    let cases = [
        ("70b3d57ba0003bb8", "70b3d57ba0003bb8"),
        ("0004A30B001C0530", "0004a30b001c0530"),
        ("AgICAgICAgI=", "0202020202020202"),
        ("AgICAgICAgI", "0202020202020202"),
    ];
    for (input, want) in cases {
        assert_eq!(eui("devEUI", input).map(|e| e.to_string()).as_deref(), Ok(want));
    }
}

#[test]
fn a_malformed_eui_says_what_was_expected() {
    for input in ["", "zz", "AgICAgI=", "0102030405060708090a"] {
        let err = eui("devEUI", input).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("neither 16 hex digits"), "{input}: {err}");
    }
}

#[test]
fn dev_addrs_are_read_from_hex_and_base64() {
    assert_eq!(dev_addr("devAddr", "017d1f70").map(|a| a.0), Ok(0x017d_1f70));
    assert_eq!(dev_addr("devAddr", "AFE5Qg==").map(|a| a.0), Ok(0x0051_3942));
    assert!(dev_addr("devAddr", "xyz").is_err());
}

#[test]
fn chirpstack_gateway_ids_are_hex_or_padded_base64() {
    assert_eq!(chirpstack_gateway("0016C001F153A14C").as_str(), "0016c001f153a14c");
    assert_eq!(chirpstack_gateway("AwMDAwMDAwM=").as_str(), "0303030303030303");
    assert_eq!(chirpstack_gateway("cnb/AC4GLBg=").as_str(), "7276ff002e062c18");
    assert_eq!(chirpstack_gateway("my-gateway").as_str(), "my-gateway");
}

#[test]
fn durations_are_read_in_seconds() {
    assert_eq!(duration("delay", "5s"), Ok(5.0));
    assert_eq!(duration("delay", "1.5s"), Ok(1.5));
    assert_eq!(duration("delay", "-0.25s"), Ok(-0.25));
    assert!(duration("delay", "five").is_err());
    assert!(duration("delay", "NaNs").is_err());
}

#[test]
fn timestamps_accept_both_utc_spellings_and_the_go_zero_time_is_unset() {
    let a = time("t", "2024-11-12T12:51:50+00:00").ok().flatten();
    let b = time("t", "2024-11-12T12:51:50Z").ok().flatten();
    assert!(a.is_some());
    assert_eq!(a, b);
    assert_eq!(time("t", "0001-01-01T00:00:00Z"), Ok(None));
    assert!(time("t", "yesterday").is_err());
}

#[test]
fn bandwidths_in_khz_are_scaled_to_hz() {
    assert_eq!(bandwidth_hz(125), Some(125_000));
    assert_eq!(bandwidth_hz(125_000), Some(125_000));
    assert_eq!(bandwidth_hz(0), None);
}

#[test]
fn base64_length_is_checked_without_keeping_the_bytes() {
    assert_eq!(b64_len("data", "AgI7AAMANwJxDGA="), Ok(11));
    assert_eq!(b64_len("data", ""), Ok(0));
    assert!(b64_len("data", "!!!").is_err());
    let long = "A".repeat(4000);
    assert_eq!(b64_len("data", &long), Ok(3000));
}

#[test]
fn device_ids_of_the_eui_form_name_the_dev_eui() {
    assert_eq!(
        eui_from_device_id("eui-70b3d57ed0000001").map(|e| e.to_string()).as_deref(),
        Some("70b3d57ed0000001")
    );
    assert_eq!(eui_from_device_id("dev1"), None);
    assert_eq!(eui_from_device_id("eui-123"), None);
}

#[test]
fn json_is_sniffed_by_the_first_non_whitespace_byte() {
    assert!(looks_like_json(b"  \n{\"a\":1}"));
    assert!(!looks_like_json(&[0x0a, 0x03, 0x01]));
    assert!(!looks_like_json(b""));
}
