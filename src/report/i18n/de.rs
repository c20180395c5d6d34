//! Deutsche Texte.

use super::Texts;

pub(super) static TEXTS: Texts = Texts {
    title: "RMA-Diagnosebericht",
    generated: "Erstellt",
    tool: "Werkzeug",
    section_rma: "Rücksendung",
    order_number: "Bestellnummer",
    device_name: "Gerätename",
    model: "Modell",
    serial_number: "Seriennummer",
    join_eui_observed: "JoinEUI (aus den Join-Requests des Geräts)",
    delivery_date: "Lieferdatum",
    reason: "Rücksendegrund",
    support_ticket: "Support-Ticket des Händlers",
    manufacturer_ticket: "Ticket beim Hersteller",
    factory_reset: "Auf Werkseinstellungen zurückgesetzt und von Konten getrennt",
    yes: "Ja",
    no: "Nein",
    accessories: "Mitgeschicktes Zubehör",
    none: "–",
    contact: "Kontakt",
    name: "Name",
    email: "E-Mail",
    phone: "Telefon",
    section_description: "Fehlerbeschreibung",
    before: "Was vor dem Auftreten des Fehlers gemacht wurde",
    problem: "Fehlerbild",
    steps_taken: "Bereits unternommene Schritte",
    section_warranty: "Fristen am {date}",
    withdrawal: "Widerrufsfrist (14 Tage)",
    voluntary_warranty: "Freiwillige Garantie (12 Monate)",
    statutory_liability: "Gesetzliche Gewährleistung (24 Monate)",
    within: "läuft – endet am {date}",
    expired: "endete am {date}",
    section_photos: "Fotos",
    view: "Ansicht",
    file: "Datei",
    no_photos: "Keine Fotos beigefügt.",
    section_diagnosis: "Diagnose",
    verdict: "Befund",
    class: "Kategorie",
    assessment: "Bewertung für die Rücksendung",
    explanation: "Erläuterung",
    next_steps: "Nächste Schritte",
    section_warnings: "Hinweise",
    section_findings: "Feststellungen",
    severity: "Schweregrad",
    code: "Code",
    observed: "Beobachtung",
    evidence_refs: "Belege (Nachricht Nr.)",
    no_findings: "Keine Feststellungen.",
    section_stats: "Zähler",
    section_charts: "Diagramme",
    chart_rssi: "RSSI im Zeitverlauf (dBm, bestes Gateway je Nachricht)",
    chart_snr: "SNR im Zeitverlauf (dB, bestes Gateway je Nachricht)",
    chart_joins: "Join-Versuche und Antworten im Zeitverlauf",
    no_data: "keine Daten",
    section_timeline: "Zeitverlauf",
    time_utc: "Zeit (UTC)",
    event: "Ereignis",
    gateway: "Gateway",
    details: "Details",
    rows_omitted: "… {n} Zeilen sind hier nicht aufgeführt; der vollständige Zeitverlauf steht in report.json.",
    no_events: "Keine Nachrichten dieses Geräts im Beobachtungszeitraum.",
    section_evidence: "Belege",
    window: "Beobachtungszeitraum (UTC)",
    capture_messages: "Nachrichten in den Mitschnitten",
    evidence_messages: "Nachrichten in evidence.jsonl",
    reference_note: "evidence.jsonl enthält außerdem {n} Nachrichten des Referenzgeräts {eui} (ein funktionierendes Gerät am selben Standort; es belegt, dass die Gateways empfangen haben).",
    keys_supplied: "Für die MIC-Prüfung wurden AppKeys angegeben; die Schlüssel selbst sind nicht Teil dieses Berichts.",
    keys_not_supplied: "Es wurden keine AppKeys angegeben; die Prüfsummen (MICs) wurden nicht lokal geprüft.",
    profile: "Geräteprofil",
    profile_generic: "allgemeine Erwartungswerte",
    index_note: "Nachrichtennummern bezeichnen die Zeile in evidence.jsonl, von 0 an gezählt.",
    section_verification: "Prüfung",
    evidence_sha256: "SHA-256 von evidence.jsonl",
    diagnosis_sha256: "SHA-256 der Diagnose (kanonisches JSON)",
    signed_by: "Signiert von",
    fingerprint: "Schlüssel-Fingerabdruck",
    namespace: "Signatur-Namespace",
    verify_intro: "Signatur mit OpenSSH prüfen (Linux, macOS, Git Bash):",
    verify_windows: "Unter Windows cmd verwenden, nicht PowerShell (PowerShell-Pipes verändern die Bytes):",
    verify_binding: "report.json ist das signierte Original: Es enthält den SHA-256 dieses Dokuments und aller anderen Dateien des Pakets; nach der Signaturprüfung bestätigt `rmacheck verify DIR` (oder sha256sum) jede Datei.",
    redactions: "Dieser Bericht und sein Paket enthalten keinen AppKey, kein Passwort und keinen privaten Schlüssel.",
    details_follow: "Feststellungen, Zähler, Diagramme und der Zeitverlauf folgen auf den nächsten Seiten.",
};

pub(super) const REASONS: [&str; 4] = ["Defekt", "Falsch bestellt", "Falsch geliefert", "Widerruf"];

pub(super) const VIEWS: [&str; 2] = ["geschlossen", "geöffnet"];

pub(super) const SEVERITIES: [&str; 3] = ["Info", "Warnung", "Fehler"];

pub(super) const CLASSES: [(&str, &str); 6] = [
    (
        "kein Fehler",
        "Es wurde kein Fehler gefunden: Diese Belege stützen keine Rücksendung wegen eines Defekts.",
    ),
    (
        "Konfiguration",
        "Ein Konfigurationsproblem, kein Hardwaredefekt: Korrigieren Sie die Einstellungen; eine Rücksendung hilft nicht.",
    ),
    (
        "Netzwerk",
        "Ein Netzwerkproblem, kein Hardwaredefekt: Prüfen Sie das Gateway und seine Anbindung; eine Rücksendung hilft nicht.",
    ),
    (
        "Funkabdeckung",
        "Ein Problem der Funkabdeckung: Verbessern Sie die Funkverbindung, bevor Sie eine Rücksendung erwägen.",
    ),
    ("Gerät verdächtig", "Das Gerät selbst ist verdächtig: Eine Rücksendung ist gerechtfertigt."),
    (
        "nicht eindeutig",
        "Nicht eindeutig: Sammeln Sie mehr Daten, bevor Sie über eine Rücksendung entscheiden.",
    ),
];

pub(super) const VERDICTS: [(&str, &str); 11] = [
    (
        "Gerät arbeitet normal",
        "Das Gerät tritt dem Netz bei und seine Daten kommen an. Prüfen Sie vor einer Rücksendung die Anwendungsseite (Decoder, Integrationen, Dashboards).",
    ),
    (
        "Keine Funkaktivität des Geräts",
        "Prüfen Sie die Stromversorgung (Ladezustand und Polung der Batterie), die Antenne und ob das Gerät eingeschaltet bzw. aktiviert ist. Legen Sie es in die Nähe eines Gateways und zeichnen Sie mindestens zwei Sendeintervalle lang erneut auf; bleibt es stumm, während ein funktionierendes Gerät empfangen wird, senden Sie es zurück.",
    ),
    (
        "Join scheitert: AppKey stimmt nicht überein",
        "Der AppKey im Gerät und der im Netzwerkserver hinterlegte unterscheiden sich. Tragen Sie den AppKey vom Geräteetikett bzw. Datenblatt im Netzwerkserver ein oder provisionieren Sie das Gerät neu. Es liegt kein Hardwaredefekt vor.",
    ),
    (
        "Join unbeantwortet: Gerät nicht registriert",
        "Der Netzwerkserver kennt diese DevEUI/JoinEUI nicht. Registrieren Sie das Gerät mit DevEUI, JoinEUI und AppKey vom Etikett. Es liegt kein Hardwaredefekt vor.",
    ),
    (
        "Join abgelehnt: DevNonce wiederverwendet",
        "Der Netzwerkserver lehnt bereits verwendete DevNonces ab. Löschen Sie die gespeicherten DevNonces dieses Geräts im Netzwerkserver (oder legen Sie das Gerät dort neu an); beginnt das Gerät nach jedem Reset wieder bei denselben Nonces, fragen Sie den Hersteller nach einem Firmware-Update.",
    ),
    (
        "Gateway konnte den Join-Accept nicht senden",
        "Das Gateway konnte die Join-Accepts nicht aussenden (z. B. TOO_LATE). Prüfen Sie Latenz der Anbindung, Zeitsynchronisation und Duty-Cycle des Gateways. Es liegt kein Gerätedefekt vor.",
    ),
    (
        "Join-Accept gesendet, vom Gerät nicht empfangen",
        "Das Gateway hat die Join-Accepts gesendet, das Gerät versucht aber weiter beizutreten. Ist die Downlink-Reserve gut, ist der Empfänger des Geräts verdächtig und eine Rücksendung gerechtfertigt; andernfalls zuerst die Funkabdeckung verbessern.",
    ),
    (
        "Frame-Zähler beginnt neu (Gerät startet neu)",
        "Das Gerät beginnt ohne neuen Join wieder bei Frame-Zähler 0, startet also neu. Prüfen Sie Stromversorgung und Batterie; treten die Neustarts auch mit frischer Batterie auf, senden Sie das Gerät zurück.",
    ),
    (
        "Schlechte Funkabdeckung",
        "Die Funkreserve ist zu gering und es gehen Frames verloren. Versetzen Sie Gerät oder Gateway, verwenden Sie eine externe Antenne und zeichnen Sie erneut auf, bevor Sie eine Rücksendung erwägen.",
    ),
    (
        "Hoher Paketverlust",
        "Trotz guten Signals gehen viele Frames verloren. Prüfen Sie Auslastung des Gateways, Störquellen und Kanalplan und zeichnen Sie erneut auf.",
    ),
    (
        "Zu wenige Daten für eine Entscheidung",
        "Zeichnen Sie länger auf (mehrere Sendeintervalle, möglichst mit einem Join) und erstellen Sie den Bericht erneut.",
    ),
];

pub(super) const EVENTS: [(&str, &str); 10] = [
    ("join_request", "Join-Request"),
    ("join_accept", "Join-Accept (geplant)"),
    ("join_accept_tx", "Join-Accept, Sendeergebnis des Gateways"),
    ("uplink", "Uplink-Frame"),
    ("app_uplink", "Uplink (Anwendung)"),
    ("app_join", "Join (Anwendung)"),
    ("ns_log", "Meldung des Netzwerkservers"),
    ("downlink", "Downlink-Frame"),
    ("downlink_tx", "Downlink, Sendeergebnis des Gateways"),
    ("status", "Gerätestatus"),
];

pub(super) const STATS: [(&str, &str); 17] = [
    ("join_requests", "Join-Requests"),
    ("join_accepts", "Geplante Join-Accepts"),
    ("join_accept_tx_ok", "Gesendete Join-Accepts"),
    ("join_accept_tx_failed", "Nicht gesendete Join-Accepts (Gateway-Fehler)"),
    ("dev_nonces_distinct", "Verschiedene DevNonces"),
    ("dev_nonces_reused", "Wiederverwendete DevNonces"),
    ("uplinks", "Uplinks (verschiedene Frames)"),
    ("fcnt_first", "Erster Frame-Zähler"),
    ("fcnt_last", "Letzter Frame-Zähler"),
    ("fcnt_missing", "Fehlende Frames"),
    ("fcnt_resets", "Neustarts des Frame-Zählers"),
    ("retransmissions", "Wiederholungen"),
    ("gateways", "Gateways, die das Gerät empfangen haben"),
    ("rssi_dbm", "RSSI min. / Median / max. (dBm)"),
    ("snr_db", "SNR min. / Median / max. (dB)"),
    ("ns_log_codes", "Meldungscodes des Netzwerkservers"),
    ("malformed_messages", "Nicht dekodierbare Nachrichten"),
];

pub(super) const WARNINGS: [&str; 7] = [
    "Kein Foto des geschlossenen Geräts beigefügt; Händler verlangen meist Fotos des geschlossenen und des geöffneten Geräts.",
    "Kein Foto des geöffneten Geräts beigefügt; Händler verlangen meist Fotos des geschlossenen und des geöffneten Geräts.",
    "Die RMA-Datei nennt die JoinEUI {rma}, die Join-Requests des Geräts enthalten aber {observed}.",
    "Als Grund ist Widerruf angegeben, die 14-tägige Widerrufsfrist endete aber am {date}.",
    "Als Grund ist ein Defekt angegeben, die 24-monatige gesetzliche Gewährleistung endete aber am {date}.",
    "Das Referenzgerät {eui} kommt in den Mitschnitten nicht vor und belegt daher nicht, dass die Gateways empfangen haben.",
    "Übersprungene, nicht lesbare Zeilen der Mitschnitte: {n}.",
];
