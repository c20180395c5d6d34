//! Helpers shared by the report renderers (HTML and Markdown): formatted values, bounded
//! timelines and the verification command. Pure functions of the signed document.

use chrono::{DateTime, Utc};

use crate::catalog::{self, args};
use crate::diagnosis::{Diagnosis, Explanation, explain_diagnosis};
use crate::model::Lang;
use crate::signing::NAMESPACE;
use crate::tracker::{LIMITS, Spread, Stats, TimelineEntry};

use super::i18n;
use super::model::names;
use super::rma::Rma;

/// Rows shown at the start and at the end of a long timeline.
pub const TIMELINE_EDGE_ROWS: usize = 30;

/// A timestamp as `YYYY-MM-DD HH:MM:SS` (UTC), sub-seconds dropped for reading.
#[must_use]
pub fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn fmt_num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// Heading of the malformed-messages list: "the first 3 of 3" (the list and the count are those
/// `diagnose` gives for the input).
#[must_use]
pub fn malformed_heading(lang: Lang, d: &Diagnosis) -> String {
    crate::catalog::text(
        lang,
        "report-malformed-heading",
        &crate::catalog::args! { "listed" => d.malformed.len(), "n" => d.stats.malformed_messages },
    )
}

/// The counters as (label, value) rows, in the contract's order ([`i18n::STAT_KEYS`]);
/// frames missing while not observed only when there are any.
#[must_use]
pub fn stats_rows(lang: Lang, s: &Stats) -> Vec<(String, String)> {
    let t = i18n::texts(lang);
    let n = |v: u64| v.to_string();
    let counter = |v: Option<u32>| v.map_or_else(|| t.none.clone(), |v| v.to_string());
    let spread = |v: Option<&Spread>| {
        v.map_or_else(
            || t.none.clone(),
            |v| format!("{} / {} / {}", fmt_num(v.min), fmt_num(v.median), fmt_num(v.max)),
        )
    };
    let codes = if s.ns_log_codes.is_empty() {
        t.none.clone()
    } else {
        let codes: Vec<String> = s.ns_log_codes.iter().map(|(c, n)| format!("{c} × {n}")).collect();
        codes.join(", ")
    };
    let values: [String; 19] = [
        n(s.join_requests),
        n(s.join_accepts),
        n(s.join_accept_tx_ok),
        n(s.join_accept_tx_failed),
        n(s.dev_nonces_distinct),
        n(s.dev_nonces_reused),
        n(s.uplinks),
        counter(s.fcnt_first),
        counter(s.fcnt_last),
        n(s.fcnt_missing),
        n(s.fcnt_resets),
        n(s.retransmissions),
        n(s.gateways),
        spread(s.rssi_dbm.as_ref()),
        spread(s.snr_db.as_ref()),
        codes,
        n(s.malformed_messages),
        n(s.gateways_offline),
        n(s.fcnt_missing_unobserved),
    ];
    i18n::STAT_KEYS
        .into_iter()
        .zip(values)
        .filter(|(k, _)| *k != "fcnt_missing_unobserved" || s.fcnt_missing_unobserved > 0)
        .map(|(k, v)| (i18n::stat(lang, k), v))
        .collect()
}

/// The optional fields of the return form that the RMA file gives (invoice, validation,
/// manufacturer and which RMA route applies), as (label, text) rows in `lang`.
#[must_use]
pub fn form_rows(lang: Lang, rma: &Rma) -> Vec<(String, String)> {
    let t = i18n::texts(lang);
    let mut rows = Vec::new();
    for (label, value) in [
        (&t.invoice_number, &rma.invoice_number),
        (&t.support_validation, &rma.support_validation),
        (&t.manufacturer, &rma.manufacturer),
    ] {
        if let Some(v) = value {
            rows.push((label.clone(), v.clone()));
        }
    }
    let route =
        i18n::rma_route(lang, rma.manufacturer.as_deref(), rma.manufacturer_ticket.as_deref());
    if let Some(route) = route {
        rows.push((t.rma_route.clone(), route));
    }
    rows
}

/// The printable parcel label (sender, contact person, address, phone, e-mail, ticket or RMA
/// number) as (label, text) rows; multi-line values are joined with `\n`. `None` without a
/// `[sender]`.
#[must_use]
pub fn parcel_rows(lang: Lang, rma: &Rma) -> Option<Vec<(String, String)>> {
    let t = i18n::texts(lang);
    let s = rma.sender.as_ref()?;
    let mut sender = vec![s.name.clone()];
    sender.extend(s.address.iter().cloned());
    let mut rows = vec![(t.sender.clone(), sender.join("\n"))];
    if let Some(c) = &s.contact_person {
        rows.push((t.contact_person.clone(), c.clone()));
    }
    if let Some(p) = s.phone.as_ref().or(rma.contact.phone.as_ref()) {
        rows.push((t.phone.clone(), p.clone()));
    }
    rows.push((t.email.clone(), s.email.clone().unwrap_or_else(|| rma.contact.email.clone())));
    let tickets: Vec<&str> = [&rma.support_ticket, &rma.manufacturer_ticket]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect();
    let reference = if tickets.is_empty() { rma.order_number.clone() } else { tickets.join(" / ") };
    rows.push((t.return_reference.clone(), reference));
    Some(rows)
}

/// Technical details of a timeline entry: language-neutral tokens, then the note in `lang`.
#[must_use]
pub fn timeline_details(lang: Lang, e: &TimelineEntry) -> String {
    let mut parts = Vec::new();
    if let Some(f) = e.frequency_hz {
        parts.push(format!("{} MHz", fmt_num_3(f as f64 / 1e6)));
    }
    if let Some(sf) = e.sf {
        parts.push(format!("SF{sf}"));
    }
    if let Some(n) = e.dev_nonce {
        parts.push(format!("DevNonce {n}"));
    }
    if let Some(m) = e.mic {
        parts.push(format!("MIC {}", m.as_str()));
    }
    if let Some(a) = e.dev_addr {
        parts.push(format!("DevAddr {a}"));
    }
    if let Some(f) = e.f_cnt {
        parts.push(format!("FCnt {f}"));
    }
    if let Some(p) = e.f_port {
        parts.push(format!("FPort {p}"));
    }
    if let Some(s) = &e.tx_status {
        parts.push(s.clone());
    }
    if let Some(c) = &e.code {
        parts.push(c.clone());
    }
    if let Some(n) = e.note_in(lang) {
        parts.push(n);
    }
    parts.join(" · ")
}

fn fmt_num_3(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0');
    s.strip_suffix('.').unwrap_or(s).to_string()
}

/// A signal value with one decimal, or empty.
#[must_use]
pub fn fmt_opt(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite()).map(fmt_num).unwrap_or_default()
}

/// The rows to show of a timeline of `len` rows: the first and last [`TIMELINE_EDGE_ROWS`]
/// and how many are left out between them.
#[must_use]
pub fn timeline_slices(len: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>, usize) {
    if len <= 2 * TIMELINE_EDGE_ROWS {
        return (0..len, len..len, 0);
    }
    (0..TIMELINE_EDGE_ROWS, len - TIMELINE_EDGE_ROWS..len, len - 2 * TIMELINE_EDGE_ROWS)
}

/// For a timeline as long as the tracker keeps ([`LIMITS`]`.timeline` entries, the latest):
/// the note, in `lang`, that the timeline and the charts show only the device's latest events.
#[must_use]
pub fn timeline_limit_note(lang: Lang, len: usize) -> Option<String> {
    (len >= LIMITS.timeline)
        .then(|| catalog::text(lang, "label-timeline-latest", &args! { "n" => len }))
}

/// The stock OpenSSH command that checks the bundle's signature (run inside the bundle).
#[must_use]
pub fn ssh_keygen_command(principal: Option<&str>) -> String {
    ssh_keygen_command_with(principal, names::ALLOWED_SIGNERS, "")
}

/// The OpenSSH command with an allowed_signers path and a bundle directory prefix (`""` or
/// `dir/`), shell-quoted.
#[must_use]
pub fn ssh_keygen_command_with(
    principal: Option<&str>,
    allowed_signers: &str,
    dir: &str,
) -> String {
    format!(
        "ssh-keygen -Y verify -f {} -I {} -n {NAMESPACE} -s {} < {}",
        shell_word(allowed_signers),
        principal.map_or_else(|| "<principal>".to_string(), shell_word),
        shell_word(&format!("{dir}{}", names::SIGNATURE)),
        shell_word(&format!("{dir}{}", names::REPORT_JSON))
    )
}

/// The same command for Windows `cmd` (byte-exact `<` redirection).
#[must_use]
pub fn ssh_keygen_command_windows(principal: Option<&str>) -> String {
    format!("cmd /c \"{}\"", ssh_keygen_command(principal))
}

/// Quotes a word for POSIX shells when it contains anything beyond safe characters.
#[must_use]
pub fn shell_word(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '+' | '-' | '/' | ':' | ',')
        });
    if safe { s.to_string() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// What the verdict means and what to do next, in `lang`: the explanation the diagnosis
/// carries when it is in that language, else the diagnosis module's text for it.
#[must_use]
pub fn explanation(lang: Lang, d: &Diagnosis) -> Explanation {
    match &d.explanation {
        Some(e) if e.lang == lang => Explanation {
            meaning: e.meaning.clone(),
            next_steps: e.next_steps.clone(),
            technician: explain_diagnosis(d, lang).technician,
        },
        _ => explain_diagnosis(d, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_timelines_show_both_ends_and_count_the_rest() {
        assert_eq!(timeline_slices(5), (0..5, 5..5, 0));
        assert_eq!(timeline_slices(60), (0..60, 60..60, 0));
        assert_eq!(timeline_slices(100), (0..30, 70..100, 40));
    }

    #[test]
    fn the_verify_command_quotes_odd_principals() {
        assert_eq!(
            ssh_keygen_command(Some("rmacheck@host")),
            "ssh-keygen -Y verify -f allowed_signers -I rmacheck@host -n rmacheck-report-v1 -s \
             report.json.sig < report.json"
        );
        assert!(ssh_keygen_command(Some("*@x")).contains("-I '*@x'"));
        assert!(ssh_keygen_command_windows(None).starts_with("cmd /c \"ssh-keygen"));
    }

    #[test]
    fn stats_rows_format_spreads_maps_and_nulls() {
        let mut s = Stats { join_requests: 8, ..Stats::default() };
        s.rssi_dbm = Some(crate::tracker::Spread { min: -80.0, median: -71.25, max: -60.0 });
        s.ns_log_codes.insert("UPLINK_MIC".into(), 8);
        let rows = stats_rows(Lang::En, &s);
        let get = |k: &str| rows.iter().find(|(l, _)| l == k).map(|(_, v)| v.clone());
        assert_eq!(get("Join requests").as_deref(), Some("8"));
        assert_eq!(get("RSSI min / median / max (dBm)").as_deref(), Some("-80 / -71.2 / -60"));
        assert_eq!(get("Network server log codes").as_deref(), Some("UPLINK_MIC × 8"));
        assert_eq!(get("First frame counter").as_deref(), Some("—"));
        assert_eq!(get("SNR min / median / max (dB)").as_deref(), Some("—"));
    }
}
