//! English texts.

use super::Texts;

pub(super) static TEXTS: Texts = Texts {
    title: "RMA diagnostics report",
    generated: "Generated",
    tool: "Tool",
    section_rma: "Return request",
    order_number: "Order number",
    device_name: "Device name",
    model: "Model",
    serial_number: "Serial number",
    join_eui_observed: "JoinEUI (from the device's join requests)",
    delivery_date: "Delivery date",
    reason: "Reason for return",
    support_ticket: "Shop support ticket",
    manufacturer_ticket: "Manufacturer ticket",
    factory_reset: "Reset to factory settings and unlinked from accounts",
    yes: "Yes",
    no: "No",
    accessories: "Accessories included",
    none: "—",
    contact: "Contact",
    name: "Name",
    email: "E-mail",
    phone: "Phone",
    section_description: "Problem description",
    before: "What was done before the problem occurred",
    problem: "Problem",
    steps_taken: "Steps already taken",
    section_warranty: "Warranty status on {date}",
    withdrawal: "Right of withdrawal (14 days)",
    voluntary_warranty: "Voluntary warranty (12 months)",
    statutory_liability: "Statutory liability for defects (24 months)",
    within: "running — ends on {date}",
    expired: "ended on {date}",
    section_photos: "Photos",
    view: "View",
    file: "File",
    no_photos: "No photos attached.",
    section_diagnosis: "Diagnosis",
    verdict: "Verdict",
    class: "Class",
    assessment: "Assessment for the return",
    explanation: "Explanation",
    next_steps: "Next steps",
    section_warnings: "Notes",
    section_findings: "Findings",
    severity: "Severity",
    code: "Code",
    observed: "What was observed",
    evidence_refs: "Evidence (message no.)",
    no_findings: "No findings.",
    section_stats: "Counters",
    section_charts: "Charts",
    chart_rssi: "RSSI over time (dBm, best gateway per message)",
    chart_snr: "SNR over time (dB, best gateway per message)",
    chart_joins: "Join attempts and answers over time",
    no_data: "no data",
    section_timeline: "Timeline",
    time_utc: "Time (UTC)",
    event: "Event",
    gateway: "Gateway",
    details: "Details",
    rows_omitted: "… {n} rows not shown here; the full timeline is in report.json.",
    no_events: "No messages from this device in the observation window.",
    section_evidence: "Evidence",
    window: "Observation window (UTC)",
    capture_messages: "Messages in the captures",
    evidence_messages: "Messages in evidence.jsonl",
    reference_note: "evidence.jsonl also holds {n} messages of the reference device {eui} (a known-good device at the same site, included to show that the gateways were receiving).",
    keys_supplied: "AppKeys were supplied for MIC checks; the keys themselves are not part of this report.",
    keys_not_supplied: "No AppKeys were supplied; message integrity codes (MICs) were not checked locally.",
    profile: "Device profile",
    profile_generic: "generic expectations",
    index_note: "Message numbers refer to the 0-based line position in evidence.jsonl.",
    section_verification: "Verification",
    evidence_sha256: "SHA-256 of evidence.jsonl",
    diagnosis_sha256: "SHA-256 of the diagnosis (canonical JSON)",
    signed_by: "Signed by",
    fingerprint: "Key fingerprint",
    namespace: "Signature namespace",
    verify_intro: "Check the signature with OpenSSH (Linux, macOS, Git Bash):",
    verify_windows: "On Windows use cmd, not PowerShell (PowerShell pipes change the bytes):",
    verify_binding: "report.json is the signed original: it carries the SHA-256 of this document and of every other file in the bundle, so after the signature check `rmacheck verify DIR` (or sha256sum) confirms each file.",
    redactions: "No AppKey, password or private key is contained in this report or its bundle.",
    details_follow: "Findings, counters, charts and the timeline follow on the next pages.",
};

pub(super) const REASONS: [&str; 4] =
    ["Defect", "Ordered by mistake", "Wrong item delivered", "Withdrawal from the contract"];

pub(super) const VIEWS: [&str; 2] = ["closed", "open"];

pub(super) const SEVERITIES: [&str; 3] = ["Info", "Warning", "Error"];

pub(super) const CLASSES: [(&str, &str); 6] = [
    ("no fault", "No fault was found: this evidence does not support a return for a defect."),
    (
        "configuration",
        "A configuration problem, not a hardware fault: fix the settings; a return will not help.",
    ),
    (
        "network",
        "A network problem, not a hardware fault: check the gateway and its connection; a return will not help.",
    ),
    ("radio coverage", "A radio coverage problem: improve the link before considering a return."),
    ("device suspect", "The device itself is suspect: a return is justified."),
    ("inconclusive", "Inconclusive: collect more data before deciding on a return."),
];

pub(super) const VERDICTS: [(&str, &str); 11] = [
    (
        "Device works normally",
        "The device joins and its data arrives. Check the application or integration side (decoder, dashboards) before returning it.",
    ),
    (
        "No radio activity from the device",
        "Check the power supply (battery charge and polarity), the antenna and that the device is switched on or activated. Place it near a gateway and capture again for at least two transmission intervals; if it stays silent while a known-good device is heard, return it.",
    ),
    (
        "Join fails: AppKey does not match",
        "The AppKey in the device and the one registered on the network server differ. Enter the AppKey from the device's label or data sheet on the network server, or re-provision the device. This is not a hardware fault.",
    ),
    (
        "Join unanswered: device not registered",
        "The network server does not know this DevEUI/JoinEUI. Register the device with the DevEUI, JoinEUI and AppKey from its label. This is not a hardware fault.",
    ),
    (
        "Join refused: DevNonce reused",
        "The network server refuses DevNonces it has already seen. Clear the stored DevNonces of this device on the network server (or re-create the device there); if the device restarts its nonces after every reset, ask the manufacturer for a firmware update.",
    ),
    (
        "Gateway could not send the join accept",
        "The gateway failed to transmit the join accepts (e.g. TOO_LATE). Check the gateway's backhaul latency, time synchronisation and duty cycle. This is not a device fault.",
    ),
    (
        "Join accept sent but not received by the device",
        "The gateway sent the join accepts, yet the device keeps joining. If the downlink margin is good, the device's receiver is suspect and a return is justified; otherwise improve the coverage first.",
    ),
    (
        "Frame counter restarts (device reboots)",
        "The device starts its frame counter again without a new join, i.e. it reboots. Check the power supply and battery; if the reboots continue with a fresh battery, return it.",
    ),
    (
        "Poor radio coverage",
        "The link margin is too low and frames are lost. Move the device or the gateway, use an external antenna and capture again before considering a return.",
    ),
    (
        "High packet loss",
        "Many frames are lost although the signal is good. Check gateway load, interference and the channel plan, then capture again.",
    ),
    (
        "Not enough data to decide",
        "Capture for longer (several transmission intervals, ideally including a join) and create the report again.",
    ),
];

pub(super) const EVENTS: [(&str, &str); 10] = [
    ("join_request", "Join request"),
    ("join_accept", "Join accept (scheduled)"),
    ("join_accept_tx", "Join accept, gateway TX result"),
    ("uplink", "Uplink"),
    ("app_uplink", "Uplink (application)"),
    ("app_join", "Join (application)"),
    ("ns_log", "Network server log"),
    ("downlink", "Downlink"),
    ("downlink_tx", "Downlink, gateway TX result"),
    ("status", "Device status"),
];

pub(super) const STATS: [(&str, &str); 17] = [
    ("join_requests", "Join requests"),
    ("join_accepts", "Join accepts scheduled"),
    ("join_accept_tx_ok", "Join accepts sent"),
    ("join_accept_tx_failed", "Join accepts not sent (gateway error)"),
    ("dev_nonces_distinct", "Distinct DevNonces"),
    ("dev_nonces_reused", "Reused DevNonces"),
    ("uplinks", "Uplinks (distinct frames)"),
    ("fcnt_first", "First frame counter"),
    ("fcnt_last", "Last frame counter"),
    ("fcnt_missing", "Missing frames"),
    ("fcnt_resets", "Frame counter restarts"),
    ("retransmissions", "Retransmissions"),
    ("gateways", "Gateways that heard the device"),
    ("rssi_dbm", "RSSI min / median / max (dBm)"),
    ("snr_db", "SNR min / median / max (dB)"),
    ("ns_log_codes", "Network server log codes"),
    ("malformed_messages", "Undecodable messages"),
];

pub(super) const WARNINGS: [&str; 7] = [
    "No photo of the closed device is attached; shops usually ask for photos of the closed and the opened device.",
    "No photo of the opened device is attached; shops usually ask for photos of the closed and the opened device.",
    "The RMA file gives JoinEUI {rma}, but the device's join requests carry {observed}.",
    "The reason is withdrawal, but the 14-day withdrawal period ended on {date}.",
    "The reason is a defect, but the 24-month statutory liability period ended on {date}.",
    "The reference device {eui} was not heard in the captures, so it does not show that the gateways were receiving.",
    "Unreadable capture lines skipped: {n}.",
];
