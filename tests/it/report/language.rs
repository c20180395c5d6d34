//! A German, French or Romanian report is in that language: no English sentence of the
//! English report appears in it (codes, EUIs, numbers, file names and network-server texts
//! are the same in every language and are not sentences of five words). Checked on the site
//! capture (key mismatch) and on simulated scenarios: healthy, a gateway that goes offline,
//! frame-counter restarts, weak coverage, join-accepts lost, and the other verdicts.

use chrono::TimeDelta;
use rmacheck::sim::{self, Scenario, SimOutput};

use super::Site;

/// The sentences of a report: runs of at least five words between sentence ends, table
/// cells, line breaks and markup, without Markdown markup, HTML tags and the style sheet.
fn sentences(doc: &str) -> Vec<String> {
    let doc = match (doc.find("<style>"), doc.find("</style>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &doc[..a], &doc[b..]),
        _ => doc.to_string(),
    };
    doc.split(['\n', '|', '.', ':', ';', '(', ')', '—', '·', '*', '`', '&', '<', '>'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| s.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() >= 5)
        .collect()
}

/// Not the report's own language: what the customer wrote, what a network server said
/// (quoted as given: `network_server`) and commands.
fn english_sentences(en: &str, network_server: &[String]) -> Vec<String> {
    let customer = sentences(super::RMA);
    sentences(en)
        .into_iter()
        .filter(|s| !customer.contains(s))
        .filter(|s| {
            // Markdown escapes (`\``) are not part of the quoted text.
            let plain = s.replace('\\', "");
            !network_server.iter().any(|n| n.contains(plain.as_str()) || s.contains(n))
        })
        .filter(|s| !["ssh-keygen ", "cmd /c", "rmacheck "].iter().any(|c| s.starts_with(c)))
        .filter(|s| !s.contains(" --"))
        .collect()
}

/// The network server's own texts in a capture (log descriptions).
fn network_server_texts(messages: &[rmacheck::model::RawMessage]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m.topic.ends_with("/event/log"))
        .filter_map(|m| serde_json::from_slice::<serde_json::Value>(&m.payload).ok())
        .filter_map(|v| v["description"].as_str().map(str::to_string))
        .collect()
}

/// The decoders' own messages quoted in a malformed message's arguments (`reason`, at any
/// depth), with Markdown's backticks as they are written.
fn quoted(args: &serde_json::Value, out: &mut Vec<String>) {
    let Some(map) = args.as_object() else { return };
    for (k, v) in map {
        match v.as_str() {
            Some(text) if k == "reason" => out.push(text.replace('`', "'")),
            _ => quoted(&v["args"], out),
        }
    }
}

/// English sentences of `en` that appear in `other`.
fn leaked<'a>(en: &'a [String], other: &str) -> Vec<&'a String> {
    en.iter().filter(|s| other.contains(s.as_str())).collect()
}

#[test]
fn a_german_french_or_romanian_report_contains_no_english_sentence_of_the_english_report() {
    let site = Site::new();
    for lang in ["en", "de", "fr", "ro"] {
        let out = site.report(lang, &["--lang", lang, "--keys", "keys.toml"]);
        assert!(out.status.success(), "{}", super::text(&out));
    }
    let read = |lang: &str, file: &str| {
        std::fs::read_to_string(site.path(&format!("{lang}/{file}"))).unwrap()
    };
    for file in ["report.md", "report.html"] {
        // The malformed messages' reasons are in the report's language; only what they quote
        // (a decoder's own message, field names and values) is the same in every language.
        let mut ns = network_server_texts(&super::site_messages());
        let doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(site.path("en/report.json")).unwrap()).unwrap();
        let malformed = doc["diagnosis"]["malformed"].as_array().cloned().unwrap_or_default();
        for m in &malformed {
            assert!(m["code"].as_str().is_some_and(|c| !c.is_empty()), "a catalog code: {m}");
            quoted(&m["args"], &mut ns);
        }
        let decoded = malformed.iter().filter(|m| m["source"] != "capture").count();
        assert!(decoded > 0, "the site capture has undecodable payloads to compare");
        let unreadable = malformed.iter().filter(|m| m["source"] == "capture").count();
        assert!(unreadable > 0, "the site capture has an unreadable line to compare");
        let english = english_sentences(&read("en", file), &ns);
        assert!(english.len() > 15, "the English {file} has sentences to compare: {english:?}");
        for lang in ["de", "fr", "ro"] {
            let leaked = leaked(&english, &read(lang, file));
            assert!(leaked.is_empty(), "the {lang} {file} contains English: {leaked:#?}");
        }
    }
}

/// Makes the bundle of a simulated run in `lang`; returns (report.md, report.html).
fn bundle(site: &Site, name: &str, out: &SimOutput, lang: &str) -> (String, String) {
    let dir = format!("{name}-{lang}");
    let made = super::scenarios::sim_report(site, name, out, &dir, &["--lang", lang]);
    assert!(made.status.success(), "{name} {lang}: {}", super::text(&made));
    let read = |f: &str| std::fs::read_to_string(site.path(&dir).join(f)).unwrap();
    (read("report.md"), read("report.html"))
}

#[test]
fn reports_of_every_simulated_scenario_are_in_their_language_throughout() {
    let site = Site::new();
    let mut runs: Vec<(String, SimOutput)> = Scenario::ALL
        .into_iter()
        .map(|s| (s.name().to_string(), sim::run(s, 7, sim::default_start())))
        .collect();
    // The device's gateway sends its Last Will after 3 h and the uplinks stop with it (HEALTHY
    // so far, but the silence falls while a gateway was down).
    let offline = crate::verdicts::site(12, Some(TimeDelta::hours(3)), false);
    runs.push(("gateway-offline".into(), offline));
    let mut failures = Vec::new();
    for (name, out) in &runs {
        let ns = network_server_texts(&out.messages);
        let (en_md, en_html) = bundle(&site, name, out, "en");
        let (en_md, en_html) = (english_sentences(&en_md, &ns), english_sentences(&en_html, &ns));
        assert!(en_md.len() > 15, "{name}: the English report has sentences: {en_md:?}");
        for lang in ["de", "fr", "ro"] {
            let (md, html) = bundle(&site, name, out, lang);
            for s in leaked(&en_md, &md).into_iter().chain(leaked(&en_html, &html)) {
                failures.push(format!("{name} {lang}: {s}"));
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "English left in translated reports:\n{}", failures.join("\n"));
}
