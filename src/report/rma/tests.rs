//! Tests of the RMA file reader.

use super::*;

const EUI: &str = "70b3d57ed0000001";

fn eui() -> DevEui {
    EUI.parse().unwrap()
}

const FULL: &str = r#"
order_number   = "LS-2026-10442"
device_name    = "Keller Süd 3"
model          = "Elsys ERS CO2"
serial_number  = "A81758FFFE0312AB"
dev_eui        = "70-B3-D5-7E-D0-00-00-01"
join_eui       = "0000000000000000"
delivery_date  = "2026-09-14"
reason         = "defect"
support_ticket = "SUP-88812"
manufacturer_ticket = ""
factory_reset  = true
accessories    = ["battery", "antenna"]

[contact]
name  = "Jana Beispiel"
email = "jana@example.org"
phone = "+49 30 1234567"

[description]
before      = "Moved to the basement"
problem     = "No data since 2026-11-02"
steps_taken = "New battery"

[[photo]]
file = "closed.jpg"
view = "closed"
"#;

#[test]
fn the_contract_example_is_accepted() {
    let (rma, photos) = parse(FULL, "rma.toml", eui()).unwrap();
    assert_eq!(rma.order_number, "LS-2026-10442");
    assert_eq!(rma.delivery_date, NaiveDate::from_ymd_opt(2026, 9, 14).unwrap());
    assert_eq!(rma.reason, Reason::Defect);
    assert_eq!(rma.manufacturer_ticket, None);
    assert_eq!(rma.contact.phone.as_deref(), Some("+49 30 1234567"));
    assert_eq!(photos, vec![PhotoSpec { file: "closed.jpg".into(), view: PhotoView::Closed }]);
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
        assert!(err.contains(typo) && err.contains("unknown field"), "{err}");
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
        (FULL.replace("70-B3-D5-7E-D0-00-00-01", "70b3d57ed0000002"), "does not match --dev-eui"),
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
