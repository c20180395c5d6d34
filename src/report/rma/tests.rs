//! Tests of the RMA file reader.

use super::*;

const EUI: &str = "70b3d57ed0000001";

fn eui() -> DevEui {
    EUI.parse().unwrap()
}

/// The integration tests' RMA file (one photo closed, one open).
const FULL: &str = include_str!("../../../tests/fixtures/report/rma.toml");

#[test]
fn the_contract_example_is_accepted() {
    // The DevEUI in any spelling; an empty ticket is no ticket.
    let text = FULL
        .replace("\"70b3d57ed0000001\"", "\"70-B3-D5-7E-D0-00-00-01\"")
        .replace("factory_reset", "manufacturer_ticket = \"\"\nfactory_reset");
    let (rma, photos) = parse(&text, "rma.toml", eui()).unwrap();
    assert_eq!(rma.order_number, "LS-2026-10442");
    assert_eq!(rma.delivery_date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
    assert_eq!(rma.reason, Reason::Defect);
    assert_eq!(rma.manufacturer_ticket, None);
    assert_eq!(rma.contact.phone.as_deref(), Some("+49 30 1234567"));
    assert_eq!(
        photos.photos,
        vec![
            PhotoSpec { file: "closed.jpg".into(), view: PhotoView::Closed },
            PhotoSpec { file: "img/open.png".into(), view: PhotoView::Open }
        ]
    );
}

#[test]
fn a_toml_date_is_accepted_like_a_string() {
    let text = FULL.replace("\"2026-09-14\"", "2026-09-14");
    let (rma, _) = parse(&text, "rma.toml", eui()).unwrap();
    assert_eq!(rma.delivery_date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
}

#[test]
fn a_typo_in_a_key_is_an_error_that_names_it() {
    let cases = [
        FULL.replace("order_number ", "ordr_number "),
        FULL.replace("phone =", "mobile ="),
        FULL.replace("view = \"closed\"", "view = \"closed\"\nside = \"left\""),
    ];
    for (text, typo) in cases.iter().zip(["ordr_number", "mobile", "side"]) {
        let err = parse(text, "rma.toml", eui()).unwrap_err().to_string();
        assert!(err.contains(typo) && err.contains("unknown key"), "{err}");
    }
}

#[test]
fn every_missing_field_is_listed_together_with_its_purpose() {
    let err = parse("[contact]\nname = \"x\"\n", "rma.toml", eui()).unwrap_err().to_string();
    for field in [
        "order_number",
        "device_name",
        "model",
        "serial_number",
        "delivery_date",
        "reason",
        "factory_reset",
        "contact.email",
        "description.problem",
    ] {
        assert!(err.contains(&format!("missing {field}: ")), "{field}: {err}");
    }
    assert!(!err.contains("missing contact.name"), "{err}");
    assert!(err.contains("9 problems"), "{err}");
}

#[test]
fn invalid_values_are_explained() {
    let cases = [
        (FULL.replace("\"2026-09-14\"", "\"14.09.2026\""), "write it as \"YYYY-MM-DD\""),
        (FULL.replace("\"defect\"", "\"broken\""), "use one of defect, wrong_order"),
        (FULL.replace("view = \"closed\"", "view = \"side\""), "use \"closed\" or \"open\""),
        (FULL.replace("70b3d57ed0000001", "70b3d57ed0000002"), "does not match --dev-eui"),
        (FULL.replace("\"0000000000000000\"", "\"00\""), "join_eui"),
    ];
    for (text, want) in cases {
        let err = parse(&text, "rma.toml", eui()).unwrap_err().to_string();
        assert!(err.contains(want), "{want}: {err}");
    }
}

#[test]
fn photo_names_in_the_bundle_are_numbered_and_safe() {
    let cases = [
        (1, PhotoView::Closed, "closed.JPG", "photos/1-closed.jpg"),
        (2, PhotoView::Open, "../x/open photo.png", "photos/2-open.png"),
        (3, PhotoView::Open, "noext", "photos/3-open.bin"),
        (4, PhotoView::Open, "a.<script>", "photos/4-open.bin"),
    ];
    for (n, view, original, want) in cases {
        assert_eq!(bundle_photo_name(n, view, original), want);
    }
}

const ROUND2_TOP: &str = include_str!("../../../tests/fixtures/report/rma-round2-top.toml");
/// The integration tests' round-2 tables, with a number among the extra fields.
const ROUND2: &str = concat!(
    include_str!("../../../tests/fixtures/report/rma-round2-tables.toml"),
    "\"Anzahl\" = 2\n"
);

#[test]
fn the_round_two_fields_are_read_and_extra_is_kept_as_given() {
    let (rma, files) = parse(&format!("{ROUND2_TOP}{FULL}{ROUND2}"), "rma.toml", eui()).unwrap();
    assert_eq!(rma.invoice_number.as_deref(), Some("RE-2026-5531"));
    assert_eq!(rma.manufacturer.as_deref(), Some("Milesight"));
    assert!(rma.support_validation.as_deref().unwrap().contains("TS-2207"));
    let sender = rma.sender.unwrap();
    assert_eq!(sender.address, vec!["Musterstraße 1", "10115 Berlin", "Germany"]);
    assert_eq!(
        files.attachments,
        vec![AttachmentSpec { file: "docs/invoice.pdf".into(), kind: AttachmentKind::Invoice }]
    );
    assert_eq!(rma.extra.get("Lieferschein").map(String::as_str), Some("LS-88121"));
    assert_eq!(rma.extra.get("Anzahl").map(String::as_str), Some("2"));
}

#[test]
fn unknown_keys_missing_fields_and_bad_kinds_are_listed_together_with_a_did_you_mean() {
    let text = format!("{ROUND2_TOP}{FULL}{ROUND2}")
        .replace("order_number ", "ordr_number ")
        .replace("invoice_number", "invoice_nr")
        .replace("kind = \"invoice\"", "kind = \"bill\"")
        .replace("[sender]\nname    = \"Jana Beispiel\"", "[sender]");
    let err = parse(&text, "rma.toml", eui()).unwrap_err().to_string();
    for want in [
        "unknown key `ordr_number` (did you mean `order_number`?)",
        "unknown key `invoice_nr` (did you mean `invoice_number`?)",
        "shop-specific fields go under [extra]",
        "missing order_number",
        "attachment 1: kind \"bill\" is not known",
        "missing sender.name",
    ] {
        assert!(err.contains(want), "{want} not in {err}");
    }
    assert!(err.contains("5 problems"), "{err}");
}

#[test]
fn a_toml_syntax_error_names_line_and_column() {
    let text = "order_number = \"x\"\ndevice_name = Keller\n";
    let err = parse(text, "rma.toml", eui()).unwrap_err().to_string();
    assert!(err.contains("TOML syntax error at line 2, column 15"), "{err}");
}

#[test]
fn photos_and_attachments_must_be_regular_files_inside_the_rma_files_tree() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("rma");
    std::fs::create_dir_all(base.join("img")).unwrap();
    std::fs::write(base.join("img/ok.jpg"), b"jpeg").unwrap();
    std::fs::write(dir.path().join("outside.jpg"), b"jpeg").unwrap();
    std::fs::write(base.join("key.jpg"), b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn").unwrap();
    std::fs::write(base.join("keys.txt"), b"[[device]]\ndev_eui = \"x\"\napp_key = \"00\"\n")
        .unwrap();
    std::fs::write(base.join("big.jpg"), vec![0u8; (confine::MAX_FILE_BYTES + 1) as usize])
        .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("outside.jpg"), base.join("link.jpg")).unwrap();
        std::os::unix::fs::symlink(base.join("img/ok.jpg"), base.join("inner.jpg")).unwrap();
        let fifo = base.join("fifo.jpg");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    }
    let cases: Vec<(&str, Result<(), &str>)> = vec![
        ("img/ok.jpg", Ok(())),
        ("../outside.jpg", Err("contains `..`")),
        ("img/../../outside.jpg", Err("contains `..`")),
        ("/etc/passwd", Err("absolute path")),
        ("key.jpg", Err("looks like a private key")),
        ("keys.txt", Err("looks like a private key or a keys file")),
        ("big.jpg", Err("more than the limit of 25 MiB")),
        ("img", Err("not a regular file")),
        ("missing.jpg", Err("missing.jpg")),
        #[cfg(unix)]
        ("link.jpg", Err("symbolic link that leads out")),
        #[cfg(unix)]
        ("inner.jpg", Ok(())),
        #[cfg(unix)]
        ("fifo.jpg", Err("not a regular file")),
    ];
    for (file, want) in cases {
        let got = confine::read_confined(&base, file).map(|_| ());
        match (&got, &want) {
            (Ok(()), Ok(())) => {}
            (Err(e), Err(w)) => assert!(e.contains(w), "{file}: {e}"),
            _ => panic!("{file}: got {got:?}, want {want:?}"),
        }
    }
}
