//! Texte în limba română.

use super::Texts;

pub(super) static TEXTS: Texts = Texts {
    title: "Raport de diagnosticare RMA",
    generated: "Generat la",
    tool: "Instrument",
    section_rma: "Cerere de retur",
    order_number: "Număr comandă",
    device_name: "Denumirea dispozitivului",
    model: "Model",
    serial_number: "Număr de serie",
    join_eui_observed: "JoinEUI (din cererile join ale dispozitivului)",
    delivery_date: "Data livrării",
    reason: "Motivul returului",
    support_ticket: "Tichet de suport al magazinului",
    manufacturer_ticket: "Tichet la producător",
    factory_reset: "Resetat la setările din fabrică și dezasociat de conturi",
    yes: "Da",
    no: "Nu",
    accessories: "Accesorii incluse",
    none: "—",
    contact: "Contact",
    name: "Nume",
    email: "E-mail",
    phone: "Telefon",
    section_description: "Descrierea problemei",
    before: "Ce s-a făcut înainte de apariția problemei",
    problem: "Problema constatată",
    steps_taken: "Pași deja încercați",
    section_warranty: "Termene și garanții la {date}",
    withdrawal: "Drept de retragere (14 zile)",
    voluntary_warranty: "Garanție comercială (12 luni)",
    statutory_liability: "Garanție legală de conformitate (24 de luni)",
    within: "în curs — până la {date}",
    expired: "s-a încheiat la {date}",
    section_photos: "Fotografii",
    view: "Vedere",
    file: "Fișier",
    no_photos: "Nu sunt atașate fotografii.",
    section_diagnosis: "Diagnostic",
    verdict: "Concluzie",
    class: "Categorie",
    assessment: "Evaluare pentru retur",
    explanation: "Explicație",
    next_steps: "Pașii următori",
    section_warnings: "Observații",
    section_findings: "Constatări",
    severity: "Gravitate",
    code: "Cod",
    observed: "Ce s-a observat",
    evidence_refs: "Dovezi (nr. mesaj)",
    no_findings: "Nicio constatare.",
    section_stats: "Contoare",
    section_charts: "Grafice",
    chart_rssi: "RSSI în timp (dBm, cel mai bun gateway per mesaj)",
    chart_snr: "SNR în timp (dB, cel mai bun gateway per mesaj)",
    chart_joins: "Încercări de join și răspunsuri în timp",
    no_data: "fără date",
    section_timeline: "Cronologie",
    time_utc: "Ora (UTC)",
    event: "Eveniment",
    gateway: "Gateway",
    details: "Detalii",
    rows_omitted: "… {n} rânduri nu sunt afișate aici; cronologia completă se află în report.json.",
    no_events: "Niciun mesaj de la acest dispozitiv în perioada de observație.",
    section_evidence: "Dovezi",
    window: "Perioada de observație (UTC)",
    capture_messages: "Mesaje în capturi",
    evidence_messages: "Mesaje în evidence.jsonl",
    reference_note: "evidence.jsonl conține și {n} mesaje ale dispozitivului de referință {eui} (un dispozitiv funcțional din aceeași locație, inclus pentru a arăta că gateway-urile recepționau).",
    keys_supplied: "Pentru verificarea MIC au fost furnizate chei AppKey; cheile în sine nu fac parte din acest raport.",
    keys_not_supplied: "Nu au fost furnizate chei AppKey; codurile de integritate (MIC) nu au fost verificate local.",
    profile: "Profilul dispozitivului",
    profile_generic: "valori așteptate generice",
    index_note: "Numerele mesajelor indică rândul din evidence.jsonl, numărat de la 0.",
    section_verification: "Verificare",
    evidence_sha256: "SHA-256 al evidence.jsonl",
    diagnosis_sha256: "SHA-256 al diagnosticului (JSON canonic)",
    signed_by: "Semnat de",
    fingerprint: "Amprenta cheii",
    namespace: "Spațiul de nume al semnăturii",
    verify_intro: "Verificați semnătura cu OpenSSH (Linux, macOS, Git Bash):",
    verify_windows: "Pe Windows folosiți cmd, nu PowerShell (pipe-urile PowerShell modifică octeții):",
    verify_binding: "report.json este originalul semnat: conține SHA-256 al acestui document și al tuturor celorlalte fișiere din pachet; după verificarea semnăturii, `rmacheck verify DIR` (sau sha256sum) confirmă fiecare fișier.",
    redactions: "Acest raport și pachetul său nu conțin nicio cheie AppKey, nicio parolă și nicio cheie privată.",
    details_follow: "Constatările, contoarele, graficele și cronologia urmează în paginile următoare.",
};

pub(super) const REASONS: [&str; 4] =
    ["Defect", "Comandat din greșeală", "Produs livrat greșit", "Retragere din contract"];

pub(super) const VIEWS: [&str; 2] = ["închis", "deschis"];

pub(super) const SEVERITIES: [&str; 3] = ["Info", "Avertisment", "Eroare"];

pub(super) const CLASSES: [(&str, &str); 6] = [
    ("fără defect", "Nu s-a găsit niciun defect: aceste dovezi nu susțin un retur pentru defect."),
    (
        "configurare",
        "O problemă de configurare, nu un defect hardware: corectați setările; un retur nu va ajuta.",
    ),
    (
        "rețea",
        "O problemă de rețea, nu un defect hardware: verificați gateway-ul și conexiunea lui; un retur nu va ajuta.",
    ),
    (
        "acoperire radio",
        "O problemă de acoperire radio: îmbunătățiți legătura radio înainte de a lua în calcul un retur.",
    ),
    ("dispozitiv suspect", "Dispozitivul însuși este suspect: returul este justificat."),
    (
        "neconcludent",
        "Neconcludent: colectați mai multe date înainte de a decide asupra returului.",
    ),
];

pub(super) const VERDICTS: [(&str, &str); 11] = [
    (
        "Dispozitivul funcționează normal",
        "Dispozitivul se conectează la rețea, iar datele lui ajung. Verificați partea de aplicație (decodor, integrări, panouri) înainte de a-l returna.",
    ),
    (
        "Nicio activitate radio a dispozitivului",
        "Verificați alimentarea (nivelul și polaritatea bateriei), antena și dacă dispozitivul este pornit sau activat. Așezați-l lângă un gateway și capturați din nou cel puțin două intervale de transmisie; dacă rămâne tăcut în timp ce un dispozitiv funcțional este recepționat, returnați-l.",
    ),
    (
        "Join eșuat: AppKey nu corespunde",
        "Cheia AppKey din dispozitiv și cea înregistrată pe serverul de rețea diferă. Introduceți pe serverul de rețea cheia AppKey de pe eticheta sau fișa tehnică a dispozitivului ori reprovizionați dispozitivul. Nu este un defect hardware.",
    ),
    (
        "Join fără răspuns: dispozitiv neînregistrat",
        "Serverul de rețea nu cunoaște acest DevEUI/JoinEUI. Înregistrați dispozitivul cu DevEUI, JoinEUI și AppKey de pe etichetă. Nu este un defect hardware.",
    ),
    (
        "Join refuzat: DevNonce reutilizat",
        "Serverul de rețea refuză valorile DevNonce deja folosite. Ștergeți valorile DevNonce memorate pentru acest dispozitiv pe serverul de rețea (sau recreați dispozitivul acolo); dacă dispozitivul își reia valorile după fiecare resetare, cereți producătorului o actualizare de firmware.",
    ),
    (
        "Gateway-ul nu a putut trimite join-accept-ul",
        "Gateway-ul nu a reușit să transmită mesajele join-accept (de ex. TOO_LATE). Verificați latența conexiunii gateway-ului, sincronizarea orei și ciclul de funcționare. Nu este un defect al dispozitivului.",
    ),
    (
        "Join-accept trimis, dar nerecepționat de dispozitiv",
        "Gateway-ul a trimis mesajele join-accept, dar dispozitivul continuă să încerce join. Dacă marja pe legătura descendentă este bună, receptorul dispozitivului este suspect și returul este justificat; altfel, îmbunătățiți mai întâi acoperirea.",
    ),
    (
        "Contorul de cadre repornește (dispozitivul se repornește)",
        "Dispozitivul reia contorul de cadre fără un nou join, adică se repornește. Verificați alimentarea și bateria; dacă repornirile continuă și cu o baterie nouă, returnați-l.",
    ),
    (
        "Acoperire radio slabă",
        "Marja legăturii radio este prea mică și se pierd cadre. Mutați dispozitivul sau gateway-ul, folosiți o antenă externă și capturați din nou înainte de a lua în calcul un retur.",
    ),
    (
        "Pierdere mare de pachete",
        "Se pierd multe cadre deși semnalul este bun. Verificați încărcarea gateway-ului, interferențele și planul de canale, apoi capturați din nou.",
    ),
    (
        "Date insuficiente pentru o concluzie",
        "Capturați mai mult timp (mai multe intervale de transmisie, ideal inclusiv un join) și generați din nou raportul.",
    ),
];

pub(super) const EVENTS: [(&str, &str); 10] = [
    ("join_request", "Cerere join"),
    ("join_accept", "Join-accept (programat)"),
    ("join_accept_tx", "Join-accept, rezultatul transmisiei gateway-ului"),
    ("uplink", "Cadru ascendent"),
    ("app_uplink", "Cadru ascendent (aplicație)"),
    ("app_join", "Join (aplicație)"),
    ("ns_log", "Mesaj al serverului de rețea"),
    ("downlink", "Cadru descendent"),
    ("downlink_tx", "Cadru descendent, rezultatul transmisiei gateway-ului"),
    ("status", "Starea dispozitivului"),
];

pub(super) const STATS: [(&str, &str); 17] = [
    ("join_requests", "Cereri join"),
    ("join_accepts", "Join-accept programate"),
    ("join_accept_tx_ok", "Join-accept transmise"),
    ("join_accept_tx_failed", "Join-accept netransmise (eroare de gateway)"),
    ("dev_nonces_distinct", "Valori DevNonce distincte"),
    ("dev_nonces_reused", "Valori DevNonce reutilizate"),
    ("uplinks", "Cadre ascendente (distincte)"),
    ("fcnt_first", "Primul contor de cadre"),
    ("fcnt_last", "Ultimul contor de cadre"),
    ("fcnt_missing", "Cadre lipsă"),
    ("fcnt_resets", "Reporniri ale contorului de cadre"),
    ("retransmissions", "Retransmisii"),
    ("gateways", "Gateway-uri care au recepționat dispozitivul"),
    ("rssi_dbm", "RSSI min. / mediană / max. (dBm)"),
    ("snr_db", "SNR min. / mediană / max. (dB)"),
    ("ns_log_codes", "Coduri de mesaj ale serverului de rețea"),
    ("malformed_messages", "Mesaje nedecodabile"),
];

pub(super) const WARNINGS: [&str; 7] = [
    "Nu este atașată nicio fotografie a dispozitivului închis; magazinele cer de obicei fotografii ale dispozitivului închis și deschis.",
    "Nu este atașată nicio fotografie a dispozitivului deschis; magazinele cer de obicei fotografii ale dispozitivului închis și deschis.",
    "Fișierul RMA indică JoinEUI {rma}, dar cererile join ale dispozitivului conțin {observed}.",
    "Motivul este retragerea, dar termenul de retragere de 14 zile s-a încheiat la {date}.",
    "Motivul este un defect, dar garanția legală de conformitate de 24 de luni s-a încheiat la {date}.",
    "Dispozitivul de referință {eui} nu apare în capturi, deci nu arată că gateway-urile recepționau.",
    "Rânduri ilizibile din capturi, omise: {n}.",
];
