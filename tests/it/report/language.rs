//! A German, French or Romanian report is in that language: no English sentence of the
//! English report appears in it (codes, EUIs, numbers, file names and network-server texts
//! are the same in every language and are not sentences of five words).

use super::Site;

/// The sentences of a report: runs of at least five words between sentence ends, table
/// cells and line breaks, without Markdown markup.
fn sentences(md: &str) -> Vec<String> {
    md.split(['\n', '|', '.', ':', ';', '(', ')', '—', '·', '*', '`', '&', '<', '>'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| s.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() >= 5)
        .collect()
}

#[test]
fn a_german_french_or_romanian_report_contains_no_english_sentence_of_the_english_report() {
    let site = Site::new();
    for lang in ["en", "de", "fr", "ro"] {
        let out = site.report(lang, &["--lang", lang, "--keys", "keys.toml"]);
        assert!(out.status.success(), "{}", super::text(&out));
    }
    let read =
        |lang: &str| std::fs::read_to_string(site.path(&format!("{lang}/report.md"))).unwrap();
    // Not the report's own language: what the customer wrote, what the network server said
    // (quoted as given) and commands.
    let customer = sentences(super::RMA);
    let network_server = "MIC of join-request is invalid";
    // Nor the malformed messages' reasons: rmacheck's technical messages, quoted as `diagnose`
    // lists them.
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("en/report.json")).unwrap()).unwrap();
    let reasons: Vec<String> = doc["diagnosis"]["malformed"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["reason"].as_str().map(str::to_string))
        .collect();
    let english: Vec<String> = sentences(&read("en"))
        .into_iter()
        .filter(|s| !customer.contains(s) && !s.contains(network_server))
        .filter(|s| {
            let plain = s.replace('\\', "");
            !reasons.iter().any(|r| r.replace('`', "'").contains(&plain))
        })
        .filter(|s| !["ssh-keygen ", "cmd /c", "rmacheck "].iter().any(|c| s.starts_with(c)))
        .collect();
    assert!(english.len() > 15, "the English report has sentences to compare: {english:?}");
    for lang in ["de", "fr", "ro"] {
        let other = read(lang);
        let leaked: Vec<&String> = english.iter().filter(|s| other.contains(s.as_str())).collect();
        assert!(leaked.is_empty(), "the {lang} report contains English: {leaked:#?}");
    }
}
