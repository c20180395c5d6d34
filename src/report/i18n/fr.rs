//! Textes français.

use super::Texts;

pub(super) static TEXTS: Texts = Texts {
    title: "Rapport de diagnostic RMA",
    generated: "Établi le",
    tool: "Outil",
    section_rma: "Demande de retour",
    order_number: "Numéro de commande",
    device_name: "Nom de l'appareil",
    model: "Modèle",
    serial_number: "Numéro de série",
    join_eui_observed: "JoinEUI (d'après les requêtes join de l'appareil)",
    delivery_date: "Date de livraison",
    reason: "Motif du retour",
    support_ticket: "Ticket de support du revendeur",
    manufacturer_ticket: "Ticket chez le fabricant",
    factory_reset: "Réinitialisé aux paramètres d'usine et dissocié des comptes",
    yes: "Oui",
    no: "Non",
    accessories: "Accessoires joints",
    none: "—",
    contact: "Contact",
    name: "Nom",
    email: "Courriel",
    phone: "Téléphone",
    section_description: "Description du problème",
    before: "Ce qui a été fait avant l'apparition du problème",
    problem: "Problème constaté",
    steps_taken: "Mesures déjà prises",
    section_warranty: "Délais et garanties au {date}",
    withdrawal: "Délai de rétractation (14 jours)",
    voluntary_warranty: "Garantie commerciale (12 mois)",
    statutory_liability: "Garantie légale de conformité (24 mois)",
    within: "en cours — jusqu'au {date}",
    expired: "a pris fin le {date}",
    section_photos: "Photos",
    view: "Vue",
    file: "Fichier",
    no_photos: "Aucune photo jointe.",
    section_diagnosis: "Diagnostic",
    verdict: "Conclusion",
    class: "Catégorie",
    assessment: "Appréciation pour le retour",
    explanation: "Explication",
    next_steps: "Prochaines étapes",
    section_warnings: "Remarques",
    section_findings: "Constats",
    severity: "Gravité",
    code: "Code",
    observed: "Observation",
    evidence_refs: "Preuves (n° de message)",
    no_findings: "Aucun constat.",
    section_stats: "Compteurs",
    section_charts: "Graphiques",
    chart_rssi: "RSSI dans le temps (dBm, meilleure passerelle par message)",
    chart_snr: "SNR dans le temps (dB, meilleure passerelle par message)",
    chart_joins: "Tentatives de join et réponses dans le temps",
    no_data: "aucune donnée",
    section_timeline: "Chronologie",
    time_utc: "Heure (UTC)",
    event: "Événement",
    gateway: "Passerelle",
    details: "Détails",
    rows_omitted: "… {n} lignes ne sont pas affichées ici\u{a0}; la chronologie complète figure dans report.json.",
    no_events: "Aucun message de cet appareil pendant la période d'observation.",
    section_evidence: "Éléments de preuve",
    window: "Période d'observation (UTC)",
    capture_messages: "Messages dans les captures",
    evidence_messages: "Messages dans evidence.jsonl",
    reference_note: "evidence.jsonl contient aussi {n} messages de l'appareil de référence {eui} (un appareil en bon état sur le même site, inclus pour montrer que les passerelles recevaient).",
    keys_supplied: "Des AppKeys ont été fournies pour la vérification des MIC\u{a0}; les clés elles-mêmes ne font pas partie de ce rapport.",
    keys_not_supplied: "Aucune AppKey n'a été fournie\u{a0}; les codes d'intégrité (MIC) n'ont pas été vérifiés localement.",
    profile: "Profil d'appareil",
    profile_generic: "valeurs attendues génériques",
    index_note: "Les numéros de message désignent la ligne dans evidence.jsonl, comptée à partir de 0.",
    section_verification: "Vérification",
    evidence_sha256: "SHA-256 de evidence.jsonl",
    diagnosis_sha256: "SHA-256 du diagnostic (JSON canonique)",
    signed_by: "Signé par",
    fingerprint: "Empreinte de la clé",
    namespace: "Espace de noms de la signature",
    verify_intro: "Vérifier la signature avec OpenSSH (Linux, macOS, Git Bash)\u{a0}:",
    verify_windows: "Sous Windows, utilisez cmd et non PowerShell (les pipes PowerShell modifient les octets)\u{a0}:",
    verify_binding: "report.json est l'original signé\u{a0}: il contient le SHA-256 de ce document et de tous les autres fichiers du dossier\u{a0}; après la vérification de la signature, `rmacheck verify DIR` (ou sha256sum) confirme chaque fichier.",
    redactions: "Ce rapport et son dossier ne contiennent aucune AppKey, aucun mot de passe ni aucune clé privée.",
    details_follow: "Les constats, compteurs, graphiques et la chronologie figurent aux pages suivantes.",
};

pub(super) const REASONS: [&str; 4] =
    ["Défaut", "Erreur de commande", "Mauvais article livré", "Rétractation"];

pub(super) const VIEWS: [&str; 2] = ["fermé", "ouvert"];

pub(super) const SEVERITIES: [&str; 3] = ["Info", "Avertissement", "Erreur"];

pub(super) const CLASSES: [(&str, &str); 6] = [
    (
        "aucun défaut",
        "Aucun défaut n'a été trouvé\u{a0}: ces éléments ne justifient pas un retour pour défaut.",
    ),
    (
        "configuration",
        "Un problème de configuration, pas un défaut matériel\u{a0}: corrigez les réglages\u{a0}; un retour n'y changera rien.",
    ),
    (
        "réseau",
        "Un problème de réseau, pas un défaut matériel\u{a0}: vérifiez la passerelle et sa connexion\u{a0}; un retour n'y changera rien.",
    ),
    (
        "couverture radio",
        "Un problème de couverture radio\u{a0}: améliorez la liaison avant d'envisager un retour.",
    ),
    ("appareil suspect", "L'appareil lui-même est suspect\u{a0}: un retour est justifié."),
    (
        "non concluant",
        "Non concluant\u{a0}: recueillez davantage de données avant de décider d'un retour.",
    ),
];

pub(super) const VERDICTS: [(&str, &str); 11] = [
    (
        "L'appareil fonctionne normalement",
        "L'appareil rejoint le réseau et ses données arrivent. Vérifiez le côté application (décodeur, intégrations, tableaux de bord) avant de le retourner.",
    ),
    (
        "Aucune activité radio de l'appareil",
        "Vérifiez l'alimentation (charge et polarité de la pile), l'antenne et que l'appareil est allumé ou activé. Placez-le près d'une passerelle et refaites une capture pendant au moins deux intervalles d'émission\u{a0}; s'il reste muet alors qu'un appareil en bon état est reçu, retournez-le.",
    ),
    (
        "Échec du join\u{a0}: l'AppKey ne correspond pas",
        "L'AppKey de l'appareil et celle enregistrée sur le serveur réseau diffèrent. Saisissez sur le serveur réseau l'AppKey figurant sur l'étiquette ou la fiche technique, ou reprovisionnez l'appareil. Il ne s'agit pas d'un défaut matériel.",
    ),
    (
        "Join sans réponse\u{a0}: appareil non enregistré",
        "Le serveur réseau ne connaît pas ce DevEUI/JoinEUI. Enregistrez l'appareil avec le DevEUI, le JoinEUI et l'AppKey de son étiquette. Il ne s'agit pas d'un défaut matériel.",
    ),
    (
        "Join refusé\u{a0}: DevNonce réutilisé",
        "Le serveur réseau refuse les DevNonces déjà utilisés. Effacez les DevNonces enregistrés pour cet appareil sur le serveur réseau (ou recréez-y l'appareil)\u{a0}; si l'appareil recommence ses nonces après chaque réinitialisation, demandez une mise à jour du micrologiciel au fabricant.",
    ),
    (
        "La passerelle n'a pas pu envoyer le join-accept",
        "La passerelle n'a pas réussi à émettre les join-accepts (p. ex. TOO_LATE). Vérifiez la latence de sa connexion, sa synchronisation horaire et son rapport cyclique. Il ne s'agit pas d'un défaut de l'appareil.",
    ),
    (
        "Join-accept envoyé mais non reçu par l'appareil",
        "La passerelle a émis les join-accepts, mais l'appareil continue de tenter le join. Si la marge en liaison descendante est bonne, le récepteur de l'appareil est suspect et un retour est justifié\u{a0}; sinon, améliorez d'abord la couverture.",
    ),
    (
        "Le compteur de trames repart de zéro (redémarrages)",
        "L'appareil recommence son compteur de trames sans nouveau join, c'est-à-dire qu'il redémarre. Vérifiez l'alimentation et la pile\u{a0}; si les redémarrages persistent avec une pile neuve, retournez-le.",
    ),
    (
        "Couverture radio insuffisante",
        "La marge de liaison est trop faible et des trames sont perdues. Déplacez l'appareil ou la passerelle, utilisez une antenne externe et refaites une capture avant d'envisager un retour.",
    ),
    (
        "Perte de paquets élevée",
        "De nombreuses trames sont perdues malgré un bon signal. Vérifiez la charge de la passerelle, les interférences et le plan de canaux, puis refaites une capture.",
    ),
    (
        "Données insuffisantes pour conclure",
        "Capturez plus longtemps (plusieurs intervalles d'émission, idéalement avec un join) et établissez de nouveau le rapport.",
    ),
];

pub(super) const EVENTS: [(&str, &str); 10] = [
    ("join_request", "Requête join"),
    ("join_accept", "Join-accept (planifié)"),
    ("join_accept_tx", "Join-accept, résultat d'émission de la passerelle"),
    ("uplink", "Trame montante"),
    ("app_uplink", "Trame montante (application)"),
    ("app_join", "Join (application)"),
    ("ns_log", "Message du serveur réseau"),
    ("downlink", "Trame descendante"),
    ("downlink_tx", "Trame descendante, résultat d'émission de la passerelle"),
    ("status", "État de l'appareil"),
];

pub(super) const STATS: [(&str, &str); 17] = [
    ("join_requests", "Requêtes join"),
    ("join_accepts", "Join-accepts planifiés"),
    ("join_accept_tx_ok", "Join-accepts émis"),
    ("join_accept_tx_failed", "Join-accepts non émis (erreur de passerelle)"),
    ("dev_nonces_distinct", "DevNonces distincts"),
    ("dev_nonces_reused", "DevNonces réutilisés"),
    ("uplinks", "Trames montantes (distinctes)"),
    ("fcnt_first", "Premier compteur de trames"),
    ("fcnt_last", "Dernier compteur de trames"),
    ("fcnt_missing", "Trames manquantes"),
    ("fcnt_resets", "Redémarrages du compteur de trames"),
    ("retransmissions", "Réémissions"),
    ("gateways", "Passerelles ayant reçu l'appareil"),
    ("rssi_dbm", "RSSI min / médiane / max (dBm)"),
    ("snr_db", "SNR min / médiane / max (dB)"),
    ("ns_log_codes", "Codes de message du serveur réseau"),
    ("malformed_messages", "Messages non décodables"),
];

pub(super) const WARNINGS: [&str; 7] = [
    "Aucune photo de l'appareil fermé n'est jointe\u{a0}; les revendeurs demandent généralement des photos de l'appareil fermé et ouvert.",
    "Aucune photo de l'appareil ouvert n'est jointe\u{a0}; les revendeurs demandent généralement des photos de l'appareil fermé et ouvert.",
    "Le fichier RMA indique le JoinEUI {rma}, mais les requêtes join de l'appareil portent {observed}.",
    "Le motif est la rétractation, mais le délai de rétractation de 14 jours a pris fin le {date}.",
    "Le motif est un défaut, mais la garantie légale de conformité de 24 mois a pris fin le {date}.",
    "L'appareil de référence {eui} n'apparaît pas dans les captures\u{a0}; il ne montre donc pas que les passerelles recevaient.",
    "Lignes illisibles des captures ignorées\u{a0}: {n}.",
];
