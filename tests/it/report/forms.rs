//! The shops' forms: round-2 RMA fields, attachments, confined inputs, money-saving warnings.

use super::{Site, text};

/// The round-2 fields before the RMA file's tables, and the round-2 tables after them.
const TOP: &str = include_str!("../../fixtures/report/rma-round2-top.toml");
const TABLES: &str = include_str!("../../fixtures/report/rma-round2-tables.toml");

fn report_json(site: &Site, dir: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(site.path(dir).join("report.json")).unwrap()).unwrap()
}

#[test]
fn attachments_are_copied_hashed_and_verified_and_the_new_fields_are_signed() {
    let site = Site::new();
    std::fs::create_dir_all(site.path("docs")).unwrap();
    std::fs::write(site.path("docs/invoice.pdf"), b"%PDF-1.7 invoice").unwrap();
    std::fs::write(site.path("rma.toml"), format!("{TOP}{}{TABLES}", super::RMA)).unwrap();
    let out = site.report("bundle", &[]);
    assert!(out.status.success(), "{}", text(&out));
    let v = report_json(&site, "bundle");
    assert_eq!(v["rma"]["invoice_number"], "RE-2026-5531");
    assert_eq!(v["rma"]["sender"]["address"][1], "10115 Berlin");
    assert_eq!(v["rma"]["extra"]["Lieferschein"], "LS-88121");
    assert_eq!(v["rma"]["attachment"][0]["file"], "attachments/1-invoice.pdf");
    assert_eq!(v["rma"]["attachment"][0]["kind"], "invoice");
    assert!(v["files"]["attachments/1-invoice.pdf"].is_string());
    assert_eq!(
        std::fs::read(site.path("bundle/attachments/1-invoice.pdf")).unwrap(),
        b"%PDF-1.7 invoice"
    );
    let ok = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert!(ok.status.success(), "{}", text(&ok));
    std::fs::write(site.path("bundle/attachments/1-invoice.pdf"), b"%PDF-1.7 changed").unwrap();
    let bad = site.verify("bundle", &["--allowed-signers", "allowed_signers"]);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(text(&bad).contains("attachments/1-invoice.pdf: changed after signing"));
}

#[test]
fn a_prepared_rma_file_cannot_copy_the_signing_key_or_other_files_into_a_bundle() {
    let site = Site::new();
    let cases = [
        ("key", "looks like a private key"),
        ("keys.toml", "keys file"),
        ("../outside.jpg", "contains `..`"),
        ("/etc/hostname", "absolute path"),
    ];
    for (file, why) in cases {
        let rma = format!("{}\n[[attachment]]\nfile = \"{file}\"\nkind = \"other\"\n", super::RMA);
        std::fs::write(site.path("rma.toml"), rma).unwrap();
        let out = site.report("bundle", &[]);
        assert_eq!(out.status.code(), Some(2), "{file}: {}", text(&out));
        assert!(text(&out).contains(why), "{file}: {}", text(&out));
        assert!(!site.path("bundle").exists(), "{file}: no bundle written");
    }
}

#[test]
fn warnings_that_save_money_are_in_the_report_and_on_stderr() {
    let site = Site::new();
    let rma = super::RMA
        .replace("factory_reset  = true", "factory_reset  = false")
        .replace("steps_taken = \"New battery; power cycled\"\n", "");
    std::fs::write(site.path("rma.toml"), rma).unwrap();
    let out = site.report("bundle", &["--keys", "keys.toml"]);
    assert!(out.status.success(), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for want in [
        "the verdict is JOIN_KEY_MISMATCH (configuration)",
        "may bill the diagnosis",
        "factory_reset = false",
        "The description lacks steps_taken",
    ] {
        assert!(stderr.contains(want), "{want}: {stderr}");
    }
    let v = report_json(&site, "bundle");
    let codes: Vec<&str> =
        v["warnings"].as_array().unwrap().iter().filter_map(|w| w["code"].as_str()).collect();
    for c in ["defect_not_shown", "factory_reset_missing", "description_missing"] {
        assert!(codes.contains(&c), "{c}: {codes:?}");
    }
    // A wrong order that was put into operation.
    let rma = super::RMA.replace("reason         = \"defect\"", "reason         = \"wrong_order\"");
    std::fs::write(site.path("rma.toml"), rma).unwrap();
    let out = site.report("b2", &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("it was put into operation"));
}

#[test]
fn the_form_page_shows_the_new_fields_the_rma_route_the_parcel_label_and_the_attachments() {
    let site = Site::new();
    std::fs::create_dir_all(site.path("docs")).unwrap();
    std::fs::write(site.path("docs/invoice.pdf"), b"%PDF-1.7 invoice").unwrap();
    std::fs::write(site.path("rma.toml"), format!("{TOP}{}{TABLES}", super::RMA)).unwrap();
    for lang in ["en", "de"] {
        let out = site.report(lang, &["--lang", lang]);
        assert!(out.status.success(), "{}", text(&out));
    }
    let hash =
        report_json(&site, "en")["rma"]["attachment"][0]["sha256"].as_str().unwrap().to_string();
    let read = |dir: &str, f: &str| std::fs::read_to_string(site.path(dir).join(f)).unwrap();
    for file in ["report.html", "report.md"] {
        let en = read("en", file);
        for want in [
            "RE-2026-5531",
            "ticket TS-2207",
            "Milesight",
            "The shop handles this return of the Milesight device",
            "Parcel label",
            "Musterstraße 1",
            "10115 Berlin",
            "SUP-88812",
            "Lieferschein",
            "LS-88121",
            "Attachments",
            "Purchase invoice",
            "attachments/1-invoice.pdf",
            "invoice.pdf",
            hash.as_str(),
        ] {
            assert!(en.contains(want), "{file} lacks {want}");
        }
        let de = read("de", file);
        for want in ["Rechnungsnummer", "Paketaufkleber", "Kaufrechnung", "Anhänge", &hash] {
            assert!(de.contains(want), "German {file} lacks {want}");
        }
    }
    let html = read("en", "report.html");
    let at = |id: &str| html.find(&format!("<section id=\"{id}\"")).unwrap_or(usize::MAX);
    assert!(at("rma") < at("parcel") && at("parcel") < at("diagnosis"), "parcel label on page 1");
    assert!(at("photos") < at("attachments") && at("attachments") < at("findings"));

    // With the manufacturer's own ticket, the manufacturer's RMA route applies.
    let rma = format!("{TOP}{}{TABLES}", super::RMA)
        .replace("support_ticket = \"SUP-88812\"", "manufacturer_ticket = \"MS-4711\"");
    std::fs::write(site.path("rma.toml"), rma).unwrap();
    let out = site.report("m", &[]);
    assert!(out.status.success(), "{}", text(&out));
    let md = read("m", "report.md");
    assert!(
        md.contains("The manufacturer Milesight handles this return itself (its ticket MS-4711)")
    );
    assert!(md.contains("| Ticket / RMA number | MS-4711 |"), "{md}");
}
