# rmacheck message catalog: German.
#
# One file per language (en.ftl is the reference); ids and named arguments are the same in
# every file. Syntax: https://projectfluent.org/fluent/guide/

## Report labels

label-title = RMA-Diagnosebericht
label-generated = Erstellt
label-tool = Werkzeug
label-section-rma = Rücksendung
label-order-number = Bestellnummer
label-device-name = Gerätename
label-model = Modell
label-serial-number = Seriennummer
label-join-eui-observed = JoinEUI (aus den Join-Requests des Geräts)
label-delivery-date = Lieferdatum
label-reason = Rücksendegrund
label-support-ticket = Support-Ticket des Händlers
label-manufacturer-ticket = Ticket beim Hersteller
label-factory-reset = Auf Werkseinstellungen zurückgesetzt und von Konten getrennt
label-yes = Ja
label-no = Nein
label-accessories = Mitgeschicktes Zubehör
label-none = –
label-contact = Kontakt
label-name = Name
label-email = E-Mail
label-phone = Telefon
label-section-description = Fehlerbeschreibung
label-before = Was vor dem Auftreten des Fehlers gemacht wurde
label-problem = Fehlerbild
label-steps-taken = Bereits unternommene Schritte
label-section-warranty = Fristen am { $date }
label-withdrawal = Widerrufsfrist (14 Tage)
label-voluntary-warranty = Freiwillige Garantie (12 Monate)
label-statutory-liability = Gesetzliche Gewährleistung (24 Monate)
label-within = läuft – endet am { $date }
label-expired = endete am { $date }
label-section-photos = Fotos
label-view = Ansicht
label-file = Datei
label-no-photos = Keine Fotos beigefügt.
label-section-diagnosis = Diagnose
label-verdict = Befund
label-class = Kategorie
label-assessment = Bewertung für die Rücksendung
label-explanation = Erläuterung
label-next-steps = Nächste Schritte
label-section-warnings = Hinweise
label-section-findings = Feststellungen
label-severity = Schweregrad
label-code = Code
label-observed = Beobachtung
label-evidence-refs = Belege (Nachricht Nr.)
label-no-findings = Keine Feststellungen.
label-section-stats = Zähler
label-section-charts = Diagramme
label-chart-rssi = RSSI im Zeitverlauf (dBm, bestes Gateway je Nachricht)
label-chart-snr = SNR im Zeitverlauf (dB, bestes Gateway je Nachricht)
label-chart-joins = Join-Versuche und Antworten im Zeitverlauf
label-no-data = keine Daten
label-section-timeline = Zeitverlauf
label-time-utc = Zeit (UTC)
label-event = Ereignis
label-gateway = Gateway
label-details = Details
label-rows-omitted = … { $n } Zeilen sind hier nicht aufgeführt; der vollständige Zeitverlauf steht in report.json.
label-timeline-latest = Zeitverlauf und Diagramme zeigen nur die letzten { $n } Ereignisse des Geräts, mehr behält ein Bericht nicht; die Zähler und das Ergebnis berücksichtigen jede Nachricht in evidence.jsonl.
label-no-events = Keine Nachrichten dieses Geräts im Beobachtungszeitraum.
label-section-evidence = Belege
label-window = Beobachtungszeitraum (UTC)
label-capture-messages = Nachrichten in den Mitschnitten
label-evidence-messages = Nachrichten in evidence.jsonl
label-reference-note = evidence.jsonl enthält außerdem { $n } Nachrichten des Referenzgeräts { $eui } (ein funktionierendes Gerät am selben Standort; es belegt, dass die Gateways empfangen haben).
label-keys-supplied = Für die MIC-Prüfung wurden AppKeys angegeben; die Schlüssel selbst sind nicht Teil dieses Berichts.
label-keys-not-supplied = Es wurden keine AppKeys angegeben; die Prüfsummen (MICs) wurden nicht lokal geprüft.
label-profile = Geräteprofil
label-profile-generic = allgemeine Erwartungswerte
label-index-note = Nachrichtennummern bezeichnen die Zeile in evidence.jsonl, von 0 an gezählt.
label-section-verification = Prüfung
label-evidence-sha256 = SHA-256 von evidence.jsonl
label-diagnosis-sha256 = SHA-256 der Diagnose (kanonisches JSON)
label-signed-by = Signiert von
label-fingerprint = Schlüssel-Fingerabdruck
label-namespace = Signatur-Namespace
label-verify-intro = Signatur mit OpenSSH prüfen (Linux, macOS, Git Bash):
label-verify-windows = Unter Windows cmd verwenden, nicht PowerShell (PowerShell-Pipes verändern die Bytes):
label-verify-binding = report.json ist das signierte Original: Es enthält den SHA-256 dieses Dokuments und aller anderen Dateien des Pakets; nach der Signaturprüfung bestätigt `rmacheck verify DIR` (oder sha256sum) jede Datei.
label-redactions = Dieser Bericht und sein Paket enthalten keinen AppKey, kein Passwort und keinen privaten Schlüssel.
label-summary = Zusammenfassung
label-for-technician = Für die Technik: Befehle, die weitere Belege sammeln oder prüfen
label-details-follow = Feststellungen, Zähler, Diagramme und der Zeitverlauf folgen auf den nächsten Seiten.
label-invoice-number = Rechnungsnummer
label-support-validation = Mit dem technischen Support abgestimmt
label-manufacturer = Hersteller
label-rma-route = RMA-Weg
label-section-extra = Weitere vom Händler verlangte Angaben
label-section-parcel = Paketaufkleber
label-sender = Absender
label-contact-person = Ansprechperson
label-return-reference = Ticket- / RMA-Nummer
label-section-attachments = Anhänge
label-kind = Dokument
label-no-attachments = Keine Dokumente angehängt.
route-manufacturer = Der Hersteller { $manufacturer } wickelt diese Rücksendung selbst ab (sein Ticket { $ticket }): Das Gerät so einsenden, wie es die RMA-Anleitung des Herstellers vorgibt, zusammen mit diesem Bericht.
route-shop = Der Händler wickelt diese Rücksendung eines Geräts von { $manufacturer } ab und klärt sie mit dem Hersteller; verlangt der Händler stattdessen den RMA-Service des Herstellers, dessen Ticket als manufacturer_ticket eintragen.
attachment-invoice = Kaufrechnung
attachment-delivery-note = Lieferschein
attachment-other = Sonstiges Dokument

## Return reasons

reason-defect = Defekt
reason-wrong-order = Falsch bestellt
reason-wrong-delivery = Falsch geliefert
reason-withdrawal = Widerruf

## Photo views

view-closed = geschlossen
view-open = geöffnet

## Finding severities

severity-info = Info
severity-warning = Warnung
severity-error = Fehler

## Verdict classes and what they mean for the return

class-healthy = kein Fehler
assessment-healthy = Es wurde kein Fehler gefunden: Diese Belege stützen keine Rücksendung wegen eines Defekts.
class-configuration = Konfiguration
assessment-configuration = Ein Konfigurationsproblem, kein Hardwaredefekt: Korrigieren Sie die Einstellungen; eine Rücksendung hilft nicht.
class-network = Netzwerk
assessment-network = Ein Netzwerkproblem, kein Hardwaredefekt: Prüfen Sie das Gateway und seine Anbindung; eine Rücksendung hilft nicht.
class-coverage = Funkabdeckung
assessment-coverage = Ein Problem der Funkabdeckung: Verbessern Sie die Funkverbindung, bevor Sie eine Rücksendung erwägen.
class-device-suspect = Gerät verdächtig
assessment-device-suspect = Das Gerät selbst ist verdächtig: Eine Rücksendung ist gerechtfertigt.
class-inconclusive = nicht eindeutig
assessment-inconclusive = Nicht eindeutig: Sammeln Sie mehr Daten, bevor Sie über eine Rücksendung entscheiden.

## Verdict titles

verdict-healthy = Gerät arbeitet normal
verdict-no-radio-activity = Keine Funkaktivität des Geräts
verdict-join-key-mismatch = Join scheitert: AppKey stimmt nicht überein
verdict-join-not-registered = Join unbeantwortet: Gerät nicht registriert
verdict-devnonce-rejected = Join abgelehnt: DevNonce wiederverwendet
verdict-join-accept-tx-failed = Gateway konnte den Join-Accept nicht senden
verdict-join-accept-not-received = Join-Accept gesendet, vom Gerät nicht empfangen
verdict-frame-counter-reset = Frame-Zähler beginnt neu (Gerät startet neu)
verdict-poor-coverage = Schlechte Funkabdeckung
verdict-high-packet-loss = Hoher Paketverlust
verdict-insufficient-evidence = Zu wenige Daten für eine Entscheidung

## Timeline event kinds

event-join-request = Join-Request
event-join-accept = Join-Accept (geplant)
event-join-accept-tx = Join-Accept, Sendeergebnis des Gateways
event-uplink = Uplink-Frame
event-app-uplink = Uplink (Anwendung)
event-app-join = Join (Anwendung)
event-ns-log = Meldung des Netzwerkservers
event-downlink = Downlink-Frame
event-downlink-tx = Downlink, Sendeergebnis des Gateways
event-status = Gerätestatus

## Counters

stat-join-requests = Join-Requests
stat-join-accepts = Geplante Join-Accepts
stat-join-accept-tx-ok = Gesendete Join-Accepts
stat-join-accept-tx-failed = Nicht gesendete Join-Accepts (Gateway-Fehler)
stat-dev-nonces-distinct = Verschiedene DevNonces
stat-dev-nonces-reused = Wiederverwendete DevNonces
stat-uplinks = Uplinks (verschiedene Frames)
stat-fcnt-first = Erster Frame-Zähler
stat-fcnt-last = Letzter Frame-Zähler
stat-fcnt-missing = Fehlende Frames
stat-fcnt-resets = Neustarts des Frame-Zählers
stat-retransmissions = Wiederholungen
stat-gateways = Gateways, die das Gerät empfangen haben
stat-rssi-dbm = RSSI min. / Median / max. (dBm)
stat-snr-db = SNR min. / Median / max. (dB)
stat-ns-log-codes = Meldungscodes des Netzwerkservers
stat-malformed-messages = Nicht dekodierbare Nachrichten
stat-gateways-offline = Im Zeitraum ausgefallene Gateways
stat-fcnt-missing-unobserved = Fehlende Frames, während nicht beobachtet wurde

## Report warnings

warning-photo-missing-closed = Kein Foto des geschlossenen Geräts beigefügt; Händler verlangen meist Fotos des geschlossenen und des geöffneten Geräts.
warning-photo-missing-open = Kein Foto des geöffneten Geräts beigefügt; Händler verlangen meist Fotos des geschlossenen und des geöffneten Geräts.
warning-join-eui-mismatch = Die RMA-Datei nennt die JoinEUI { $rma }, die Join-Requests des Geräts enthalten aber { $observed }.
warning-withdrawal-period-over = Als Grund ist Widerruf angegeben, die 14-tägige Widerrufsfrist endete aber am { $date }.
warning-liability-period-over = Als Grund ist ein Defekt angegeben, die 24-monatige gesetzliche Gewährleistung endete aber am { $date }.
warning-reference-not-heard = Das Referenzgerät { $eui } kommt in den Mitschnitten nicht vor und belegt daher nicht, dass die Gateways empfangen haben.
warning-unreadable-lines = Übersprungene, nicht lesbare Zeilen der Mitschnitte: { $n }.
warning-evidence-limited = Das Gerät hat die Grenze der Nachrichten erreicht, die ein Bericht als Beleg aufnimmt: evidence.jsonl enthält seine ersten { $n }, und die Diagnose berücksichtigt nur diese. Für einen späteren Zeitraum den Bericht aus einem kürzeren Mitschnitt erstellen.
warning-defect-not-shown = Als Grund ist ein Defekt angegeben, das Ergebnis ist aber { $verdict } ({ $class }): ein Fehler des Geräts selbst ist nicht belegt. Der Händler wird die Rücksendung wahrscheinlich ablehnen und kann die Diagnose berechnen; zuerst die Ursache beheben.
warning-factory-reset-missing = Das Gerät ist nicht auf Werkseinstellungen zurückgesetzt und von Ihren Konten getrennt (factory_reset = false): Händler berechnen diese Arbeit; vor dem Versand erledigen.
warning-description-missing = In der Beschreibung fehlt { $field }: Händler weisen unvollständige Anfragen zurück; angeben, was vor dem Problem getan wurde (before) und was schon versucht wurde (steps_taken).
warning-wrong-order-used = Als Grund ist Fehlbestellung (wrong_order) angegeben, das Gerät hat aber { $n } Nachrichten gesendet: es wurde in Betrieb genommen und gilt womöglich nicht mehr als unbenutzt.

## Verdict explanations

heading-meaning = Was das bedeutet
heading-next-steps = Nächste Schritte vor einer RMA

explain-healthy = Das Gerät ist dem Netz beigetreten, und seine Uplinks kommen mit normalem Paketverlust und ausreichender Linkreserve an. Funkverbindung und Konfiguration des Netzwerkservers funktionieren.
    .step-1 = Der Funkverkehr liefert keinen Grund für eine RMA: Meldet der Kunde einen Fehler, prüfen Sie stattdessen die Sensorwerte und den Payload-Decoder.
    .step-2 = Legen Sie den Mitschnitt dem RMA-Vorgang als Nachweis bei, dass das Gerät korrekt kommuniziert hat.
explain-no-activity-suspect = In einem Zeitraum, der für den Join- und Sendeplan des Geräts lang genug ist, hat kein Gateway einen Frame des Geräts empfangen – ein bekannt funktionierendes Gerät am selben Standort dagegen schon. Die Gateways empfangen; dieses Gerät sendet nicht (oder nicht auf den Kanälen der Gateways).
    .step-1 = Prüfen Sie die Stromversorgung: Batterie tauschen oder messen, Polarität sowie Schalter oder Jumper prüfen.
    .step-2 = Prüfen Sie, ob das Gerät auf die richtige Region und – bei US915/AU915 – auf das Sub-Band des Gateways eingestellt ist.
    .step-3 = Starten Sie das Gerät neu und beobachten Sie LED oder serielle Konsole auf Join-Versuche.
    .step-4 = Bleibt es mit frischer Batterie und richtiger Region stumm, senden Sie das Gerät zurück (RMA): Der Sender ist wahrscheinlich defekt.
explain-no-activity-inconclusive = Kein Gateway hat einen Frame des Geräts empfangen, aber das beweist noch keinen Gerätefehler: Der Beobachtungszeitraum ist für das Back-off oder den Sendeplan des Geräts zu kurz, oder nichts zeigt, dass die Gateways überhaupt empfangen haben.
    .step-1 = Beobachten Sie mindestens so lange weiter, wie in der Zusammenfassung oben angegeben.
    .step-2 = Beziehen Sie ein bekannt funktionierendes Gerät am selben Standort in die Prüfung ein, um zu belegen, dass die Gateways empfangen.
    .step-3 = Prüfen Sie Stromversorgung, Regionseinstellung und die Verbindung des Gateways zum Netzwerkserver.
    .step-4 = Starten Sie noch keine RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-no-activity-gateway-offline = Vom Gerät kam nichts im Netz an, aber ein Gateway, das es empfangen kann, war im Zeitraum offline (sein Last Will kam an, oder seine Statistiken blieben aus). Solange ein Gateway ausgefallen ist, sagt das Schweigen des Geräts nichts über das Gerät aus.
    .step-1 = Prüfen Sie das in der Zusammenfassung genannte Gateway: Stromversorgung, Anbindung (Ethernet, WLAN oder Mobilfunk) und ob sein Packet Forwarder bzw. die Gateway Bridge läuft.
    .step-2 = Beobachten Sie erneut, sobald das Gateway wieder online ist, mindestens so lange wie in der Zusammenfassung angegeben.
    .step-3 = Starten Sie keine RMA, solange ein Gateway am Standort offline war.
explain-key-device = Das Gerät signiert seine Join-Requests mit einem anderen AppKey als dem auf dem Netzwerkserver registrierten. Deshalb scheitert jeder Join-Request an der MIC-Prüfung und wird verworfen.
    .step-1 = Lesen Sie AppKey, DevEUI und JoinEUI (AppEUI) aus dem Gerät aus (Konfigurationstool, AT-Befehle oder Etikett) und vergleichen Sie sie Byte für Byte mit der Registrierung.
    .step-2 = Geben Sie den AppKey in MSB-Reihenfolge ein (wie aufgedruckt, höchstwertiges Byte zuerst); manche Gerätetools zeigen DevEUI und JoinEUI in LSB-Reihenfolge an.
    .step-3 = Korrigieren Sie den Schlüssel auf dem Netzwerkserver oder provisionieren Sie das Gerät neu, und starten Sie es dann neu, um einen neuen Join auszulösen.
    .step-4 = Das ist ein Konfigurationsproblem und kein Grund für eine RMA.
explain-key-network-server = Die Join-Requests des Geräts sind korrekt mit dem registrierten AppKey signiert, trotzdem meldet der Netzwerkserver einen MIC-Fehler. Falsch sind die Einstellungen für das Gerät auf dem Netzwerkserver, nicht das Gerät.
    .step-1 = Stellen Sie im Geräteprofil auf dem Netzwerkserver die LoRaWAN-MAC-Version des Geräts ein (z. B. 1.0.3, nicht 1.1).
    .step-2 = Lassen Sie bei LoRaWAN-1.0.x-Geräten den NwkKey leer (The Things Stack: root-keys.nwk-key entfernen) und tragen Sie den Schlüssel als AppKey ein.
    .step-3 = Prüfen Sie, ob der Schlüssel im richtigen Feld und beim richtigen Gerät eingetragen ist.
    .step-4 = Das ist ein Konfigurationsproblem und kein Grund für eine RMA.
explain-key-unverified = Der Netzwerkserver lehnt die Join-Requests des Geräts ab, weil ihr MIC nicht passt: Der AppKey im Gerät und der registrierte unterscheiden sich, oder der Netzwerkserver verwendet für das Gerät die falsche LoRaWAN-Version.
    .step-1 = Prüfen Sie die Join-Requests erneut mit dem auf dem Netzwerkserver registrierten AppKey: Dann zeigt sich, ob das Gerät oder die Einstellungen des Netzwerkservers falsch sind.
    .step-2 = Vergleichen Sie AppKey, DevEUI und JoinEUI auf Gerät und Netzwerkserver (AppKey in MSB-Reihenfolge).
    .step-3 = Prüfen Sie die LoRaWAN-MAC-Version im Geräteprofil.
    .step-4 = Das ist ein Konfigurationsproblem und kein Grund für eine RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --keys KEYS.toml
explain-key-join-accept = Der Netzwerkserver nimmt die Join-Requests an, verschlüsselt seine Join-Accepts aber mit einem Schlüssel, den das Gerät nicht verwendet – meist ist das Gerät als LoRaWAN 1.1 registriert, oder für ein LoRaWAN-1.0.x-Gerät ist ein NwkKey gesetzt. Das Gerät verwirft die Join-Accepts und versucht es immer wieder.
    .step-1 = Stellen Sie auf dem Netzwerkserver die LoRaWAN-MAC-Version des Geräts ein (1.0.x).
    .step-2 = Entfernen Sie bei LoRaWAN-1.0.x-Geräten den NwkKey und behalten Sie nur den AppKey.
    .step-3 = Starten Sie das Gerät neu, um einen neuen Join auszulösen.
    .step-4 = Das ist ein Konfigurationsproblem und kein Grund für eine RMA.
explain-not-registered = Die Join-Requests des Geräts erreichen die Gateways, aber der Netzwerkserver antwortet nicht und meldet auch keinen Fehler: Er kennt die Kombination aus DevEUI und JoinEUI nicht.
    .step-1 = Registrieren Sie das Gerät mit der DevEUI aus diesem Bericht auf dem Netzwerkserver.
    .step-2 = Prüfen Sie, ob die registrierte JoinEUI (AppEUI) mit der übereinstimmt, die das Gerät sendet (siehe Befunde); The Things Stack verlangt, dass beide übereinstimmen.
    .step-3 = Prüfen Sie, ob das Gateway an den Netzwerkserver weiterleitet, auf dem das Gerät registriert ist.
    .step-4 = Das ist ein Konfigurationsproblem und kein Grund für eine RMA.
explain-dev-nonce-counter = Das Gerät arbeitet mit LoRaWAN 1.0.4 (oder neuer), und sein DevNonce-Zähler hat von vorn begonnen, etwa nach einem Firmware-Update oder einem Reset, der den Speicher gelöscht hat. Der Netzwerkserver lehnt DevNonces ab, die er schon kennt oder die nicht größer als die letzte sind.
    .step-1 = ChirpStack: die DevNonces des Geräts löschen (Geräteseite oder API FlushDevNonces).
    .step-2 = The Things Stack: beim Gerät „Reset used DevNonces“ ausführen (oder resets_join_nonces aktivieren).
    .step-3 = Alternativ das Gerät neu registrieren oder warten, bis der Zähler aufgeholt hat (das kann viele Versuche dauern).
    .step-4 = Fragen Sie den Hersteller, ob die Firmware die DevNonce nichtflüchtig speichert; geht sie bei jedem Reset verloren, melden Sie einen Firmwarefehler.
    .step-5 = Kein Hardwaredefekt: keine RMA nötig.
explain-dev-nonce-reuse = Der Netzwerkserver lehnt die Join-Requests des Geräts ab, weil ihre DevNonce bereits verwendet wurde. Nach einem Werksreset oder einer Neuprovisionierung kann ein Gerät DevNonces wiederholen, die der Netzwerkserver noch gespeichert hat.
    .step-1 = ChirpStack: die DevNonces des Geräts löschen (Geräteseite oder API FlushDevNonces).
    .step-2 = The Things Stack: beim Gerät „Reset used DevNonces“ ausführen.
    .step-3 = Wiederholen sich die DevNonces ständig, ist der Zufallszahlengenerator des Geräts schwach: Melden Sie das dem Hersteller zusammen mit diesem Bericht.
    .step-4 = An sich kein Hardwaredefekt: keine RMA, solange der Hersteller keinen Defekt bestätigt.
explain-tx-failed = Der Netzwerkserver hat die Join-Requests angenommen, aber das Gateway konnte die Join-Accepts nicht rechtzeitig oder gar nicht senden (z. B. TOO_LATE). Das Gerät erhält nie eine Antwort. Das Problem liegt beim Gateway oder seiner Backhaul-Anbindung, nicht beim Gerät.
    .step-1 = TOO_LATE: Prüfen Sie die Latenz der Backhaul-Anbindung des Gateways (Ping zum Netzwerkserver; Mobilfunk- und Satellitenverbindungen sind oft zu langsam), und erwägen Sie einen Netzwerkserver näher am Gateway.
    .step-2 = Prüfen Sie Uhrzeit, Packet-Forwarder-Version und Regionskonfiguration des Gateways (TOO_EARLY, TX_FREQ, TX_POWER).
    .step-3 = Prüfen Sie die Duty-Cycle-Auslastung des Gateways (DUTY_CYCLE_OVERFLOW).
    .step-4 = Kein Gerätefehler: keine RMA.
explain-not-received-suspect = Der Netzwerkserver hat geantwortet, das Gateway hat die Join-Accepts bei gutem Signal gesendet, und ein bekannt funktionierendes Gerät am selben Standort arbeitet. Trotzdem übernimmt dieses Gerät den Join-Accept nie. Empfänger, Antenne oder das Timing der Empfangsfenster sind wahrscheinlich defekt.
    .step-1 = Stellen Sie sicher, dass der Netzwerkserver die MAC-Version und die Standard-RX-Einstellungen des Geräts verwendet (RX1-Verzögerung, RX2-Datenrate) – siehe Join-Accept-Details in den Befunden.
    .step-2 = Starten Sie das Gerät mit frischer Batterie neu und testen Sie es erneut nahe am Gateway.
    .step-3 = Tritt es weiterhin nicht bei, senden Sie das Gerät mit diesem Bericht zurück (RMA).
explain-not-received-coverage = Die Join-Accepts wurden gesendet, aber das Signal des Geräts kommt nur knapp über der Demodulationsgrenze an, sodass die Join-Accepts es vermutlich nicht erreichen. Das ist ein Problem der Funkabdeckung.
    .step-1 = Platzieren Sie das Gerät näher an einem Gateway oder an einer günstigeren Stelle (höher, entfernt von Metall und Beton).
    .step-2 = Ergänzen Sie ein Gateway oder eine externe Antenne.
    .step-3 = Testen Sie das Gerät direkt neben dem Gateway: Tritt es dort bei, ist es nicht defekt.
explain-not-received-inconclusive = Die Join-Accepts wurden gesendet (oder zumindest beantwortet), aber das Gerät versucht den Join immer wieder. Die Belege zeigen noch nicht, ob das Gerät, der Downlink-Weg oder das Gateway die Ursache ist.
    .step-1 = Beziehen Sie ein bekannt funktionierendes Gerät am selben Standort in die Prüfung ein.
    .step-2 = Zeichnen Sie auch das Topic event/ack des Gateways auf, um zu belegen, dass die Join-Accepts gesendet wurden.
    .step-3 = Prüfen Sie MAC-Version und RX-Einstellungen auf dem Netzwerkserver.
    .step-4 = Testen Sie das Gerät direkt neben dem Gateway.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-fcnt-reset = Der Frame-Zähler des Geräts beginnt immer wieder von vorn, ohne dass ein neuer Join erfolgt: Das Gerät startet neu, meist wegen Spannungseinbrüchen durch eine schwache Batterie oder eine instabile Stromversorgung, oder wegen eines Firmwarefehlers.
    .step-1 = Tauschen Sie die Batterie (oder messen Sie die Versorgungsspannung unter Last) und prüfen Sie die Batteriekontakte.
    .step-2 = Klären Sie, ob jemand das Gerät absichtlich aus- und wieder eingeschaltet hat.
    .step-3 = ABP-Geräte: Stellen Sie sicher, dass das Gerät seine Frame-Zähler über Resets hinweg behält; die Option zum Zurücksetzen der Frame-Zähler auf dem Netzwerkserver ist nur eine vorübergehende Notlösung.
    .step-4 = Startet es auch mit frischer Batterie weiter neu, senden Sie das Gerät zurück (RMA).
explain-fcnt-reset-abp = Das ABP-Gerät hat seinen Frame-Zähler einmal bei 0 neu begonnen, und der Netzwerkserver verwirft seine Frames jetzt als Wiederholungen. ABP-Geräte, die ihren Frame-Zähler beim Aus- und Einschalten nicht behalten, tun das nach jedem Neustart: Das ist eine Frage der Konfiguration, kein Defekt.
    .step-1 = Fragen Sie nach, ob jemand das Gerät aus- und eingeschaltet oder die Batterie gewechselt hat.
    .step-2 = Setzen Sie den Frame-Zähler des Geräts auf dem Netzwerkserver zurück (ChirpStack: Frame-Zähler-Einstellungen des Geräts; The Things Stack: "Reset frame counters"), damit seine Frames wieder angenommen werden.
    .step-3 = Besser: Stellen Sie das Gerät auf OTAA um oder aktivieren Sie in seiner Firmware das dauerhafte Speichern des Frame-Zählers.
    .step-4 = Beginnt der Zähler erneut von vorn, ohne dass jemand das Gerät angefasst hat, sind Spannungseinbrüche oder sein nichtflüchtiger Speicher verdächtig: Erwägen Sie eine RMA.
explain-poor-coverage = Das Signal des Geräts kommt für seinen Spreizfaktor zu knapp über der Demodulationsgrenze an, und Frames gehen verloren. Das Gerät funktioniert, befindet sich aber am Rand der Funkabdeckung.
    .step-1 = Platzieren Sie Gerät oder Antenne günstiger (höher, entfernt von Metall und Beton).
    .step-2 = Ergänzen Sie ein Gateway näher am Gerät.
    .step-3 = Prüfen Sie Antenne und Antennenkabel des Gateways.
    .step-4 = Kein Gerätefehler: keine RMA.
explain-high-loss = Viele Frames gehen verloren, obwohl das Signal mit guter Reserve ankommt. Die Ursache liegt im Netz (Störungen, Kapazität oder Duty-Cycle des Gateways), oder das Gerät sendet nicht alle seine Frames.
    .step-1 = Prüfen Sie das Gateway auf Störungen und Auslastung (andere Geräte, andere Netze auf denselben Kanälen).
    .step-2 = Prüfen Sie Backhaul-Anbindung und Verfügbarkeit des Gateways im Beobachtungszeitraum.
    .step-3 = Prüfen Sie, ob die Frame-Zähler springen, weil das Gerät Übertragungen auslässt (Firmware-Einstellungen).
    .step-4 = Kein Gerätefehler nachgewiesen: noch keine RMA.
explain-insufficient = Der aufgezeichnete Verkehr reicht noch nicht für eine Entscheidung: Der Zeitraum ist zu kurz, oder es wurden zu wenige Frames gesehen. Ein Urteil zum jetzigen Zeitpunkt könnte die Falschen beschuldigen.
    .step-1 = Beobachten Sie mindestens so lange weiter, wie in der Zusammenfassung oben angegeben, und prüfen Sie dann erneut.
    .step-2 = Zeichnen Sie sowohl die Gateway- als auch die Application-Topics des Netzwerkservers auf.
    .step-3 = Beziehen Sie die registrierten AppKeys und ein bekannt funktionierendes Gerät am selben Standort in die Prüfung ein, um die Belege zu stärken.
    .step-4 = Starten Sie noch keine RMA.
    .tech-1 = rmacheck watch --broker mqtt://HOST:1883 --dev-eui { $eui } --record more.jsonl
    .tech-2 = rmacheck diagnose CAPTURE.jsonl more.jsonl --dev-eui { $eui } --keys KEYS.toml --reference-dev-eui REFERENCE_EUI

## Diagnosis: shared parts of summaries

summary-thin = { $observation } { $needed }: mindestens { $duration } länger beobachten ({ $basis }).
summary-answered-no-uplink = Der Netzwerkserver hat den Join-Request bei #{ $index } beantwortet, der Zeitraum endete aber vor dem ersten Uplink des Geräts: mindestens { $duration } länger beobachten ({ $basis }).
summary-not-enough = Der aufgezeichnete Funkverkehr reicht für eine Entscheidung nicht aus: mindestens { $duration } länger beobachten ({ $basis }).
n-join-requests = { $n ->
        [one] 1 Join-Request
       *[other] { $n } Join-Requests
    }

## Diagnosis: why that long (the basis of a time to watch)

basis-retry-schedule = laut Geräteprofil wartet das Gerät bis zu { $duration } zwischen zwei Join-Requests
basis-join-backoff = nach 11 h erfolgloser Joins erlaubt der LoRaWAN-Back-off { $budget } s Sendezeit je 24 h, also einen Join-Request bei SF{ $sf } alle { $duration }
basis-uplink-interval = laut Geräteprofil sendet das Gerät alle { $duration }
basis-uplink-unknown = das Sendeintervall ist unbekannt (angenommen höchstens { $duration })
basis-enough-attempts = es wurden genügend Versuche beobachtet
basis-observed-gap = die Join-Requests des Geräts kamen im Abstand von etwa { $duration }
basis-visibility = { $basis }, und die Gateways empfangen nur etwa jeden { $factor }. davon
basis-frames-for-loss = für eine Verlustquote sind { $frames } weitere Uplinks im Abstand von etwa { $duration } nötig
basis-more-uplinks = { $n } weitere Uplinks im Abstand von etwa { $duration }
basis-brown-outs-recur = Neustarts durch Spannungseinbrüche wiederholen sich meist innerhalb von ein bis zwei Tagen
basis-observed-uplink = das Gerät sendete im Mitschnitt etwa alle { $duration }
basis-stopped-intervals = { $n } Uplink-Intervalle mit allen Gateways online

## Diagnosis: frame counter restarts

fcnt-reset-seen = Der Frame-Zähler begann { $n ->
        [one] einmal
       *[other] { $n }-mal
    } ohne neuen Join von vorn{ $details }{ $dropped ->
        [0] {""}
        [one] , und der Netzwerkserver verwarf seitdem 1 Frame (UPLINK_F_CNT_RESET, oder von den Gateways empfangen, aber nie an die Anwendung geliefert)
       *[other] , und der Netzwerkserver verwarf seitdem { $dropped } Frames (UPLINK_F_CNT_RESET, oder von den Gateways empfangen, aber nie an die Anwendung geliefert)
    }.
fcnt-reset-details = {" "}({ $list })
fcnt-reset-step = FCnt { $from } → { $to } bei #{ $index }
fcnt-reset-reboots = { $seen } Das Gerät startet neu – meist durch Spannungseinbrüche bei schwacher Batterie oder Stromversorgung – und behält dabei seine Sitzung, aber nicht seine Zähler.{ $abp ->
        [profile] {" "}Als ABP-Gerät muss es seine Frame-Zähler über Neustarts hinweg speichern (LoRaWAN 1.0.4 §4.3.1.5); bis der Zähler seinen alten Wert überschreitet, verwirft der Netzwerkserver jedes Frame.
        [maybe] {" "}Falls es ein ABP-Gerät ist, muss es seine Frame-Zähler über Neustarts hinweg speichern (LoRaWAN 1.0.4 §4.3.1.5); bis der Zähler seinen alten Wert überschreitet, verwirft der Netzwerkserver jedes Frame.
       *[no] {""}
    }
fcnt-reset-needed = Ein einzelner Neustart kann ein Batteriewechsel oder ein absichtliches Aus- und Einschalten sein – fragen Sie nach – und beobachten Sie, ob er sich wiederholt
fcnt-reset-abp-now = { $seen } Das Gerät funktioniert jetzt nicht: Der Netzwerkserver verwirft jeden Frame, bis der Zähler seinen alten Wert überschreitet. { $abp ->
        [profile] Das Gerät ist ein ABP-Gerät
       *[maybe] Es wurde kein Join beobachtet, also ist es sehr wahrscheinlich ein ABP-Gerät
    }: ABP-Geräte, die ihren Frame-Zähler nicht dauerhaft speichern, beginnen nach jedem Aus- und Einschalten wieder bei 0. Fragen Sie nach, ob jemand es aus- und eingeschaltet oder die Batterie gewechselt hat; setzen Sie dann den Frame-Zähler des Geräts auf dem Netzwerkserver zurück (ChirpStack: Frame-Zähler-Einstellungen des Geräts; The Things Stack: "Reset frame counters") oder stellen Sie es besser auf OTAA um. Beginnt es erneut von vorn, ohne dass jemand es angefasst hat, ist das Gerät selbst verdächtig.
fcnt-reset-otaa-now = { $seen } Das Gerät funktioniert jetzt nicht: Der Netzwerkserver verwirft jeden Frame, bis der Zähler seinen alten Wert überschreitet. Ein OTAA-Gerät, das seine Sitzung behält, aber seinen Zähler neu beginnt, verliert den Zähler beim Neustart: Wahrscheinliche Ursache sind sein nichtflüchtiger Speicher oder ein Neustart durch Spannungseinbruch. Fragen Sie nach, ob jemand es aus- und eingeschaltet hat; ein neuer Join stellt den Verkehr vorerst wieder her, und wiederholt es sich, ohne dass jemand es angefasst hat, senden Sie es zurück.

## Diagnosis: join-request MIC failures

key-stale-keys-file = { $requests } bestehen die MIC-Prüfung mit dem AppKey aus der Schlüsseldatei nicht, der Netzwerkserver hat sie aber angenommen: Die Schlüsseldatei enthält nicht den beim Netzwerkserver registrierten Schlüssel. Die lokalen MIC-Ergebnisse werden ignoriert; korrigieren Sie die Schlüsseldatei.
key-mismatch-device = { $requests } bestehen die MIC-Prüfung mit dem für dieses Gerät registrierten AppKey nicht{ $ns ->
        [0] {""}
       *[other] {" "}und der Netzwerkserver lehnte { $ns } mit UPLINK_MIC ab
    }: Der im Gerät programmierte AppKey weicht vom registrierten ab (oft ein Fehler in der Byte-Reihenfolge oder ein mit einem anderen Schlüssel eingerichtetes Gerät).
key-mismatch-network-server = Die Join-Requests lassen sich mit dem registrierten AppKey prüfen, trotzdem lehnte der Netzwerkserver { $ns } davon mit UPLINK_MIC ab: Das Gerät ist in Ordnung; die Einstellungen des Netzwerkservers für das Gerät sind falsch (LoRaWAN-MAC-Version, ein NwkKey bei einem LoRaWAN-1.0.x-Gerät oder der Schlüssel im falschen Feld).
key-mismatch-unverified = Der Netzwerkserver lehnte { $requests } mit UPLINK_MIC ab („MIC of join-request is invalid“): Der AppKey im Gerät und der registrierte unterscheiden sich. Führen Sie die Prüfung mit --keys (dem registrierten AppKey) erneut aus, um zu klären, ob das Gerät oder der Netzwerkserver falsch eingestellt ist.
key-mismatch-join-accept = Der Netzwerkserver beantwortete { $requests }, seine Join-Accepts lassen sich aber nicht mit dem registrierten AppKey prüfen: Er verschlüsselt sie mit einem anderen Schlüssel (Gerät als LoRaWAN 1.1 oder mit NwkKey registriert), daher verwirft das Gerät sie und versucht es erneut.
key-mismatch-needed = Ein einzelner Fehlschlag reicht für eine Entscheidung nicht (mindestens { $min } sind nötig, z. B. wegen eines veralteten Caches des Netzwerkservers)

## Diagnosis: healthy, but the uplinks stopped while a gateway was down

healthy-then-silent = Danach kam { $silence } lang nichts mehr (es sendete etwa alle { $interval }).
healthy-gateway-down-needed = Die Funkstille fällt in eine Zeit, in der ein Gateway, das das Gerät gehört hat, ausgefallen war; sie sagt also nichts über das Gerät: { $check }, und dann erneut beobachten, während alle Gateways laufen

## Diagnosis: context findings

finding-join-eui-mismatch = Das Gerät sendet JoinEUI { $sent }, die Schlüsseldatei registriert aber { $registered }: { $accepted ->
        [yes] Der Netzwerkserver hat den Join trotzdem angenommen: ChirpStack findet ein Gerät allein über seine DevEUI und überschreibt die gespeicherte JoinEUI, während The Things Stack diese Join-Requests verwerfen würde (dort ist ein Gerät über JoinEUI und DevEUI registriert): Registrierung oder Gerät korrigieren, bevor es auf einen anderen Netzwerkserver umzieht.
       *[no] Auf The Things Stack muss das Paar (JoinEUI, DevEUI) der Registrierung entsprechen, daher finden diese Join-Requests kein Gerät (ChirpStack, das Geräte allein über die DevEUI findet, würde sie annehmen).
    }
finding-profile-mismatch = Das Profil { $profile } beschreibt ein ABP-Gerät, das Gerät sendet aber Join-Requests (OTAA): den am Gerät eingestellten Aktivierungsmodus und das Profil prüfen.
finding-region-mismatch = Das Profil { $profile } gilt für { $region }, Frames wurden aber auf { $frequencies } empfangen: Gerät oder Profil sind für eine andere Region.
join-history-code = { $code } ×{ $n }
join-history-local-mic = lokaler MIC-Fehler ×{ $n }
join-history-tx-failed = Join-Accept { $status } ×{ $n }
join-history-not-taken = Join-Accept nicht übernommen ×{ $n }
finding-join-history = Bevor das Gerät beigetreten ist, hatten { $n ->
        [one] 1 Join-Request
       *[other] { $n } Join-Requests
    } Probleme ({ $problems }). Das Gerät ist danach beigetreten, daher entscheiden diese nicht mehr über das Ergebnis.
finding-repeated-rejoins = Das Gerät ist { $n ->
        [one] 1 Mal
       *[other] { $n } Mal
    } erneut beigetreten, nachdem es schon Uplinks gesendet hatte: Es startet neu — Batterie oder Stromversorgung prüfen.
link-median-rssi = , RSSI im Median { $rssi } dBm
finding-link-margin = Linkreserve im Median { $margin } dB ({ $band }), schlechteste { $worst } dB: SNR des besten Gateways im Median { $snr } dB bei { $sf }{ $rssi }.
finding-packet-loss = Verlust { $loss } aus Lücken im Frame-Zähler: { $received } empfangen, { $missing } fehlen (Duplikate und Wiederholungen ausgenommen; Neustarts des Zählers zählen nicht als Verlust).
reference-last-heard = , zuletzt um { $at }
finding-reference-heard = Das Referenzgerät { $eui } wurde im Zeitraum empfangen ({ $uplinks ->
        [one] 1 Uplink
       *[other] { $uplinks } Uplinks
    }, { $requests ->
        [one] 1 Join-Request
       *[other] { $requests } Join-Requests
    }) von Gateway { $gateways }{ $last }: Gateways und Mitschnitt funktionieren.
finding-reference-not-heard = Das Referenzgerät { $eui } wurde im Zeitraum nicht empfangen: Entweder ist es nicht vor Ort, oder die Gateways, ihre Anbindung oder der Mitschnitt sind ausgefallen. Solange die Referenz nicht empfangen wird, lässt sich dem Gerät nichts zur Last legen.
finding-retransmissions = { $n ->
        [one] 1 Frame wiederholte
       *[other] { $n } Frames wiederholten
    } einen früheren Frame-Zähler (Wiederholungen oder Kopien, die den Netzwerkserver verspätet erreichten{ $logged ->
        [yes] ; protokolliert als UPLINK_F_CNT_RETRANSMISSION
       *[no] {""}
    }). Das ist normal und zählt nicht als Verlust.
sub-band-range = Subband { $band } ({ $from }–{ $to } MHz)
finding-sub-band-limited = { $plan }: Die Join-Requests des Geräts wurden nur auf { $n ->
        [one] 1 Subband
       *[other] { $n } Subbändern
    } empfangen ({ $bands }). Ein normgerechtes Gerät verteilt seine Join-Requests über alle { $total } Subbänder, daher empfangen die Gateways nur etwa 1 von { $factor }: Langsame Joins sind hier zu erwarten und kein Fehler.
join-accept-channels = , zusätzliche Kanäle { $mhz } MHz
join-accept-settings = DevAddr { $addr }, NetID { $netid }, RX1-Verzögerung { $delay } s, RX1-DR-Offset { $offset }, RX2-DR { $rx2 }{ $channels }
join-accept-decrypted = {" "}({ $n } Join-Accepts entschlüsselt)
finding-join-accept-content = Der Join-Accept bei #{ $index } lässt sich mit dem registrierten AppKey entschlüsseln, der Netzwerkserver hat also den richtigen Schlüssel. Er vergibt { $settings }{ $count }.
finding-join-accept-optneg = Der Join-Accept setzt das OptNeg-Bit: Der Netzwerkserver behandelt das Gerät als LoRaWAN 1.1, es ist aber { $assumed ->
        [yes] vermutlich LoRaWAN { $mac }
       *[no] LoRaWAN { $mac }
    }. Die MAC-Version auf dem Netzwerkserver auf { $mac } stellen.

## Timeline notes (report and inspect timeline)

note-same-as = dieselbe Aussendung wie #{ $index }
note-retransmission = Wiederholung: derselbe FCnt wie #{ $index }
note-nonce-reused = DevNonce bereits bei #{ $index } verwendet
note-fcnt-reset = Frame-Zähler neu gestartet (vorher { $from })
note-new-session = neue Sitzung
note-answers = beantwortet Join-Request #{ $index }
note-unmatched = kein passender Join-Request empfangen
note-ack-for = Gateway-Bestätigung für #{ $index }
note-status-margin = Reserve { $margin } dB
note-status-external-power = externe Stromversorgung
note-status-battery = Batterie { $percent } %
note-downlink-queued = eingereiht
note-downlink-sent = gesendet
note-downlink-ack = vom Gerät bestätigt
note-downlink-nack = nicht bestätigt
note-downlink-failed = fehlgeschlagen
note-downlink-invalidated = Warteschlange verworfen
note-downlink-error = { $outcome }: { $error }
note-gateway-online = state/conn ONLINE
note-gateway-last-will = state/conn OFFLINE (Last Will)
note-gateway-stats-stopped = letztes Lebenszeichen: danach länger als { $factor } × { $interval } s keine Statistik
note-gateway-heard-again = wieder empfangen
event-gateway-up = Gateway online
event-gateway-down = Gateway ausgefallen

## diagnose: terminal tables and Markdown

diag-title = Diagnose von { $eui }
diag-verdict = Ergebnis
diag-window = Zeitraum
diag-evidence = Belege
diag-profile = Profil
diag-reference = Referenz
diag-not-observed = Nicht beobachtet (Funkstille und Verlust hier gehen nicht auf das Gerät zurück)
diag-gap = { $from } – { $to } ({ $reason }: { $lost ->
        [yes] Nachrichten können verloren gegangen sein
       *[no] der Broker hat die Sitzung gehalten; gepufferte Nachrichten folgten
    })
diag-findings = Befunde
diag-severity = Schwere
diag-stats = Zähler
diag-counter = Zähler
diag-value = Wert
diag-malformed = Fehlerhafte Nachrichten
diag-malformed-intro = { $n } gezählt; die ersten { $listed } mit ihren Gründen:
diag-source = Quelle
diag-reason = Grund
diag-sufficient = ausreichend
diag-not-sufficient = nicht ausreichend
diag-watch-more = nicht ausreichend: mindestens { $duration } länger beobachten
diag-none = keines
diag-none-named = keine angegeben
diag-no-profile = kein Profil angegeben: angenommen werden LoRaWAN 1.0.3 (zufällige DevNonces); Join-Requests bis SF12, nur durch den LoRaWAN-Join-Backoff gebremst; Uplink-Intervall unbekannt (höchstens { $duration } angenommen); OTAA oder ABP wird aus dem Verkehr abgeleitet
diag-reference-heard = { $eui } empfangen ({ $uplinks } Uplinks, { $requests } Join-Requests, Gateways { $gateways })
diag-reference-not-heard = { $eui } im Zeitraum NICHT empfangen
diag-in-all = … ({ $n } insgesamt)
diag-stat-join-requests = Join-Requests
diag-stat-join-accepts = Join-Accepts (gesendet / fehlgeschlagen)
diag-stat-dev-nonces = DevNonces (verschieden / wiederverwendet)
diag-stat-uplinks = Uplinks
diag-stat-fcnt = FCnt erster / letzter
diag-stat-fcnt-missing = FCnt fehlend / Neustarts
diag-stat-retransmissions = Wiederholungen
diag-stat-gateways = Gateways (im Zeitraum ausgefallen)
diag-stat-rssi = RSSI min. / Median / max.
diag-stat-snr = SNR min. / Median / max.
diag-stat-log-codes = Log-Codes des Netzwerkservers
diag-stat-malformed = fehlerhafte Nachrichten

## Text that has no catalog message (shown as given)

raw-text = { $text }

## Activation attestation (report.json "activation"; criteria in docs/for-shops.md)

activation-heading = Aktivierungsversuch
activation-properly-attempted = Die Aktivierung wurde ordnungsgemäß versucht: { $n ->
    [one] ein Versuch
   *[other] { $n } Versuche
} über { $span }; Registrierung und Schlüssel sind nicht die Ursache.
activation-configuration-fault = Die Aktivierung wurde versucht ({ $n ->
    [one] ein Versuch
   *[other] { $n } Versuche
}), es wurde aber ein Konfigurationsfehler gefunden ({ $fault }): vor jeder RMA beheben.
activation-insufficient-evidence = Die Aktivierung wurde versucht ({ $n ->
    [one] ein Versuch
   *[other] { $n } Versuche
} über { $span }), die Belege reichen aber noch nicht: mindestens { $more } weiter beobachten.
activation-no-attempt-heard = Kein Aktivierungsversuch empfangen: Stromversorgung, Platzierung in Gateway-Nähe und Region/Frequenzplan prüfen.
activation-minutes = { $n ->
    [one] eine Minute
   *[other] { $n } Minuten
}
activation-hours = { $n ->
    [one] eine Stunde
   *[other] { $n } Stunden
}
activation-days = { $n ->
    [one] einen Tag
   *[other] { $n } Tage
}

## Diagnosis: gateways that went offline

gateway-offline-check = Prüfen Sie die Stromversorgung des Gateways, seine Anbindung (Ethernet, WLAN oder Mobilfunk) und ob sein Packet Forwarder bzw. seine Gateway Bridge läuft
gateway-offline-stats-stopped = seine Statistiken blieben nach #{ $index } aus (gesendet alle { $interval }; mehr als { $factor } Intervalle lang keine)
gateway-offline-last-will = sein Last Will, state/conn OFFLINE bei #{ $index }{ $last }
gateway-offline-last-life = , letzte Statistik oder letzter Verkehr bei #{ $index }
gateway-offline-back = wieder da um { $at } (#{ $index }, nach { $duration })
gateway-offline-still-offline = am Ende des Zeitraums noch immer offline
gateway-offline-period = ging um { $at } offline ({ $how }), { $back }
gateway-offline-then = { $first }; danach { $rest }
gateway-offline-sentence = Gateway { $gateway } { $periods }.
finding-gateway-offline = { $sentence } Solange es ausgefallen war, konnte es das Gerät nicht empfangen: { $check }, bevor Sie das Gerät verantwortlich machen.

## Diagnosis: no radio activity

sentence-join = { $first } { $rest }
no-activity-nothing-heard = In { $duration } wurde nichts vom Gerät empfangen.
no-activity-gateway-offline = Solange ein Gateway, das das Gerät empfangen kann, ausgefallen ist, beweist das Schweigen des Geräts nichts über das Gerät: { $check }, und beobachten Sie dann erneut, während alle Gateways laufen.
no-activity-offline-reference-heard = Das Referenzgerät { $eui } wurde empfangen, aber nur über Gateways, die in Betrieb blieben; das zeigt nicht, dass das ausgefallene Gateway empfängt.
no-activity-reference-receives = Das Referenzgerät { $eui } wurde im selben Zeitraum { $n ->
        [one] einmal
       *[other] { $n }-mal
    } von Gateway { $gateways } empfangen, die Gateways empfangen also: Das Gerät sendet nicht, oder es sendet außerhalb der Kanäle der Gateways. Prüfen Sie seine Stromversorgung und Batterie, dann seine Einstellungen für Region und Sub-Band, bevor Sie es zurücksenden.
no-activity-too-short = Das ist zu kurz, um dem Gerät die Schuld zu geben: { $basis }. Beobachten Sie mindestens { $duration } länger.
no-activity-reference-heard = Das Referenzgerät { $eui } wurde empfangen, die Gateways empfangen also.
no-activity-reference-not-heard = Auch das Referenzgerät { $eui } wurde nicht empfangen: Die Gateways, ihre Anbindung oder die Aufzeichnung sind womöglich ausgefallen.
no-activity-no-reference = Es wurde kein Referenzgerät angegeben, daher lässt sich ein Ausfall eines Gateways oder seiner Anbindung nicht ausschließen: Geben Sie mit --reference-dev-eui ein bekanntermaßen funktionierendes Gerät am Standort an.

## Diagnosis: join-requests without an answer (device not registered)

not-registered-too-late = { $n ->
        [one] 1 Join-Request kam
       *[other] { $n } Join-Requests kamen
    } am Ende des Zeitraums an, zu spät, um die Antwort des Netzwerkservers zu sehen.
not-registered-needed-any = Mindestens { $min } beantwortete oder unbeantwortete Join-Requests sind nötig
not-registered-span = {" "}über { $duration }
not-registered-seen = { $n ->
        [one] 1 Join-Request
       *[other] { $n } Join-Requests
    } (JoinEUI { $join_eui }){ $span }, empfangen von { $gateways ->
        [one] 1 Gateway
       *[other] { $gateways } Gateways
    }, { $n ->
        [one] erhielt
       *[other] erhielten
    } keine Antwort vom Netzwerkserver und keinen Schlüsselfehler.
not-registered-join-eui-differs = Die Schlüsseldatei registriert JoinEUI { $registered }, aber das Gerät sendet { $join_eui }.
not-registered-mic-valid = Der MIC des Join-Requests lässt sich mit dem registrierten AppKey bestätigen, die Schlüssel stimmen also.
finding-ns-errors-not-visible = Für dieses Gerät wurden keine Log-Ereignisse des Netzwerkservers aufgezeichnet und kein AppKey angegeben, daher sähe ein Schlüsselfehler (UPLINK_MIC) genauso aus wie ein unbekanntes Gerät: Zeichnen Sie das Application-Topic (…/event/log) auf oder übergeben Sie --keys, um das auszuschließen.
not-registered-conclusion = { $seen } Der Netzwerkserver kennt diese DevEUI/JoinEUI nicht: Das Gerät ist nicht registriert, mit einer anderen JoinEUI registriert oder auf einem anderen Netzwerkserver registriert.
not-registered-needed = Mindestens { $min } unbeantwortete Join-Requests sind nötig, bevor die Registrierung verantwortlich gemacht wird

## Diagnosis: DevNonce refused

devnonce-list = , DevNonce { $list }
devnonce-refused = Der Netzwerkserver lehnte { $requests } ab, weil die DevNonce bereits verwendet war (Log-Code OTAA{ $nonces }).
devnonce-reused = { $n ->
        [one] 1 Join-Request verwendet
       *[other] { $n } Join-Requests verwenden
    } erneut eine DevNonce, die der Netzwerkserver bereits gesehen hat (DevNonce { $list }), und { $n ->
        [one] erhielt
       *[other] erhielten
    } keine Antwort.
devnonce-counter-restarted = Der DevNonce-Zähler begann bei #{ $index } neu (von { $from } auf { $to }): Das Gerät behält seine DevNonce nicht über Resets hinweg, wie es LoRaWAN 1.0.4 verlangt.
devnonce-counting-seen-before = Die DevNonces zählen aufwärts, doch der Netzwerkserver hat sie schon gesehen: Der DevNonce-Zähler des Geräts begann erneut bei einem niedrigeren Wert (LoRaWAN 1.0.4 verlangt, dass er Resets übersteht).
devnonce-ns-counter = ChirpStack lehnt jede für das Gerät gespeicherte DevNonce ab, bis der Zähler sie alle überschreitet; The Things Stack lehnt jede DevNonce ab, die nicht größer als die letzte ist.
devnonce-ns-random = ChirpStack lehnt jede für das Gerät gespeicherte DevNonce ab; The Things Stack merkt sich die letzten 10 (LoRaWAN 1.0.3 und früher verwenden zufällige DevNonces).
devnonce-needed-refusals = Mindestens { $min } Ablehnungen sind nötig
devnonce-needed-attempts = Ohne Log des Netzwerkservers sind mindestens { $min } solche Versuche nötig

## Diagnosis: join-accepts the gateway could not send

tx-failed-seen = Der Netzwerkserver nahm die Join-Requests an, aber Gateway { $gateways } konnte { $n ->
        [one] 1 Join-Accept
       *[other] { $n } Join-Accepts
    } nicht senden ({ $statuses }): Das Gerät erhielt nie eine Antwort. { $hint }.
tx-failed-needed = Eine einzelne fehlgeschlagene Übertragung kann eine vorübergehende Verzögerung der Anbindung sein; mindestens { $min } sind nötig
tx-hint-too-late = TOO_LATE: Der Join-Accept erreichte das Gateway nach seinem Sendezeitpunkt — prüfen Sie die Latenz der Gateway-Anbindung (Mobilfunk- oder Satellitenverbindungen, ein weit entfernter Netzwerkserver)
tx-hint-too-early = TOO_EARLY: Der Join-Accept kam zu weit vor seinem Sendezeitpunkt an — prüfen Sie die Uhr des Gateways und die Version seines Packet Forwarders
tx-hint-collision = Eine Kollision mit einem anderen geplanten Downlink oder Beacon auf dem Gateway
tx-hint-freq-power = Das Gateway unterstützt die angeforderte Frequenz oder Sendeleistung nicht — prüfen Sie, ob die Regionseinstellungen von Gateway und Netzwerkserver übereinstimmen
tx-hint-gps-unlocked = Das Gateway hat keine GPS-Zeitsynchronisation
tx-hint-duty-cycle = Das Gateway hat sein Duty-Cycle-Budget aufgebraucht — zu viele Downlinks über dieses Gateway
tx-hint-internal = Ein interner Fehler des Gateways (Warteschlange voll oder Fehler im Packet Forwarder) — starten Sie die Gateway-Software neu oder aktualisieren Sie sie
tx-hint-other = Prüfen Sie das Log des Packet Forwarders auf dem Gateway

## Diagnosis: join-accepts the device does not take

margin-band-below-floor = unter der Demodulationsgrenze
margin-band-marginal = knapp, 0–10 dB
margin-band-adequate = ausreichend, ≥ 10 dB
not-received-answered = Der Netzwerkserver beantwortete { $n ->
        [one] 1 Join-Request
       *[other] { $n } Join-Requests
    }, doch das Gerät sendete weiter neue Join-Requests, und kein Uplink aus einer neuen Sitzung kam an.
not-received-low-margin = Seine Join-Requests kommen nur { $margin } dB über der Demodulationsgrenze { $sf }({ $band }) an: Die Join-Accepts kommen wahrscheinlich zu schwach beim Gerät an — verbessern Sie die Funkabdeckung.
not-received-below-floor = Seine Join-Requests kommen { $margin } dB unter der Demodulationsgrenze { $sf }an: Die Join-Accepts kommen wahrscheinlich zu schwach beim Gerät an — verbessern Sie die Funkabdeckung.
not-received-no-tx-ack = Für diese Antworten wurde keine TX-Bestätigung eines Gateways aufgezeichnet, daher ist unbekannt, ob sie gesendet wurden: Zeichnen Sie auch das Topic event/ack des Gateways auf.
not-received-margin-unknown = Die Funkreserve ist unbekannt (kein SNR gemeldet), daher lässt sich ein Abdeckungsproblem nicht ausschließen.
not-received-receive-path = Seine Join-Requests kommen { $margin } dB über der Demodulationsgrenze { $sf }(ausreichend) an, und das Referenzgerät { $eui } wird am selben Standort empfangen, daher ist der Empfangsweg des Geräts (Funkmodul, Antenne, RX-Timing) verdächtig.
not-received-no-reference = Seine Join-Requests kommen { $margin } dB über der Demodulationsgrenze { $sf }(ausreichend) an, aber kein Referenzgerät wurde empfangen, daher lässt sich ein Downlink-Problem auf Seiten des Gateways nicht ausschließen: Geben Sie mit --reference-dev-eui ein bekanntermaßen funktionierendes Gerät am Standort an.
not-received-needed = Mindestens { $min } ignorierte Join-Accepts sind nötig

## Diagnosis: poor coverage

sf-floor = SF{ $sf }, Grenze { $floor } dB
sf-unknown = SF unbekannt
coverage-seen = { $loss } der Frames gingen verloren ({ $missing } von { $frames } Frame-Zählern fehlen), und die mittlere Funkreserve (Median) liegt { $margin } dB über der Demodulationsgrenze ({ $sf }; { $band }).
coverage-seen-below-floor = { $loss } der Frames gingen verloren ({ $missing } von { $frames } Frame-Zählern fehlen), und die mittlere Funkreserve (Median) liegt { $margin } dB unter der Demodulationsgrenze ({ $sf }).
coverage-edge = { $seen } Das Gerät befindet sich am Rand der Funkabdeckung: Versetzen Sie es, geben Sie seiner Antenne eine bessere Position oder stellen Sie ein Gateway in der Nähe auf.
coverage-needed = Für eine Verlustquote sind mindestens { $min } Frames nötig

## Diagnosis: high packet loss

loss-margin-unknown = unbekannt (kein SNR gemeldet)
loss-margin = { $margin } dB über der Demodulationsgrenze ({ $sf }; ausreichend)
loss-seen = { $loss } der Frames gingen verloren ({ $missing } von { $frames } Frame-Zählern fehlen; bis { $normal } ist normal), obwohl die mittlere Funkreserve (Median) { $margin } beträgt.
loss-not-coverage = { $seen } Das ist kein Abdeckungsproblem: Suchen Sie nach Störungen, Kapazitäts- oder Duty-Cycle-Grenzen des Gateways oder Kollisionen mit anderen Geräten.

## Diagnosis: healthy

healthy-devaddr = {" "}(DevAddr { $addr })
healthy-loss = ; Verlust { $loss } ({ $missing } fehlend; bis { $normal } ist normal)
healthy-margin = ; mittlere Linkreserve { $margin } dB ({ $sf }; { $band })
healthy-seen = Das Gerät ist aktiviert{ $addr } und sendete { $uplinks ->
        [one] 1 Uplink
       *[other] { $uplinks } Uplinks
    } über { $gateways ->
        [one] 1 Gateway
       *[other] { $gateways } Gateways
    }{ $loss }{ $margin }.
healthy-needed = Mindestens { $min } Uplinks sind nötig, um es als fehlerfrei zu bewerten

# verdicts

no-activity-not-observed = Während { $unobserved } dieser Zeit wurden keine Nachrichten beobachtet (siehe die nicht beobachteten Zeiträume), daher zählen nur { $observed }.
basis-silent-join-backoff = nichts zeigt, wie lange das Gerät schon versucht beizutreten, und nach mehr als 11 h erfolgloser Versuche erlaubt ihm der LoRaWAN-Back-off nur { $budget } s Sendezeit je 24 h, also einen Join-Request bei SF{ $sf } alle { $duration }
not-received-sent-of = Das Gateway meldete { $sent ->
        [one] 1 Join-Accept
       *[other] { $sent } Join-Accepts
    } als gesendet, doch das Gerät beantwortete { $ignored ->
        [one] einen davon
       *[other] { $ignored } davon
    } mit einem neuen Join-Request, und kein Uplink aus einer neuen Sitzung kam an.
report-malformed-heading = Fehlerhafte Nachrichten: die ersten { $listed } von { $n }
report-malformed-note = # ist die Position der Nachricht in den eingelesenen Aufzeichnungen (fehlerhafte Nachrichten sind kein Nachweis zu einem Gerät und stehen nicht in evidence.jsonl); die Gründe sind technische Meldungen von rmacheck.

# terminal tables: the malformed messages
table-malformed-first = Fehlerhafte Nachrichten (die ersten { $listed } von { $n })
table-malformed-all = Fehlerhafte Nachrichten ({ $n })
table-malformed-source = Quelle
table-malformed-reason = Grund

# malformed messages: why a payload could not be decoded (field names, values and the
# decoders' own messages are quoted as they are)
malformed-not-text = { $what } ist kein UTF-8-Text ({ $reason }); { $hint }
malformed-json = { $what } lässt sich nicht wie erwartet lesen: { $reason }; { $hint }
malformed-base64 = { $field } ist kein gültiges Base64 ({ $reason }): '{ $value }'
malformed-bad-value = { $field } '{ $value }' ist { $expected }
malformed-port = { $field } { $port } liegt außerhalb des Bereichs: LoRaWAN-Ports reichen von 0 bis 255
malformed-empty = leere Nutzlast auf '{ $topic }': nichts zu dekodieren (eine leere Retained-Nachricht löscht nur die Kopie des Brokers; prüfen Sie den Erzeuger, wenn sich das wiederholt)
malformed-gw-up-no-phy = Gateway-event/up ohne phyPayload: Ein Uplink-Frame ohne seine Bytes ist nicht verwertbar
malformed-gw-up-proto-no-phy = Gateway-event/up (Protobuf) ohne phyPayload: Die Nutzlast ist wahrscheinlich kein UplinkFrame
malformed-down-item-no-phy = command/down-Element { $index } hat keine phyPayload
malformed-down-no-items = Gateway-command/down ohne Elemente: Vom Gateway wurde nichts verlangt
malformed-down-proto-no-items = Gateway-command/down (Protobuf) ohne Elemente: Vom Gateway wurde nichts verlangt
malformed-conn-state = Gateway-state/conn hat den Zustand '{ $state }': erwartet wird ONLINE oder OFFLINE
malformed-conn-state-number = Gateway-state/conn hat den Zustand { $state }: erwartet wird 0 (OFFLINE) oder 1 (ONLINE)
malformed-gw-not-protobuf = Gateway-{ $topic } ist weder JSON noch eine gültige Protobuf-Nachricht ({ $reason }); erwartet wird eine Nutzlast von ChirpStack Gateway Bridge / MQTT Forwarder
malformed-app-not-json = Anwendungs-event/{ $kind } ist kein JSON: rmacheck liest die ChirpStack-MQTT-Integration mit json=true (einzustellen im Abschnitt [integration.mqtt] der chirpstack.toml)
malformed-v3-not-json = ChirpStack-v3-Anwendungsereignis { $kind } ist kein JSON: rmacheck liest die Marshaler „json“ und „json_v3“, nicht „protobuf“ (in den Einstellungen der Integration ändern)
malformed-topic-dev-eui = die DevEUI im Topic '{ $value }' besteht weder aus 16 Hexziffern noch ist sie die Base64-Form von 8 Bytes, und die Nutzlast hat kein { $field }
malformed-rx-no-gateway = rxInfo[{ $index }] hat kein { $field }: Ein Empfang braucht sein Gateway
malformed-tts-no-content = The-Things-Stack-Nachricht { $kind } enthält weder uplink_message noch join_accept noch downlink_*; { $hint }
malformed-tts-no-dev-eui = Die The-Things-Stack-Nachricht für Gerät '{ $device }' nennt keine DevEUI: end_device_ids.dev_eui fehlt und die Geräte-ID hat nicht die Form eui-<16 Hexziffern>; geben Sie dem Gerät in The Things Stack eine DevEUI oder zeichnen Sie seine Uplinks auf, die sie enthalten
malformed-tts-rx-no-gateway = uplink_message.rx_metadata[{ $index }] hat keine gateway_ids: Ein Empfang braucht sein Gateway
malformed-tts-nested-result = eine {"{"}"result": …{"}"}-Hülle in einem aufgezeichneten Ereignis: Zeichnen Sie das Ereignis selbst auf
malformed-tts-event-no-gateway = { $name } nennt in seinen Kennungen kein Gateway; { $hint }
malformed-tts-event-no-dev-eui = { $name } nennt keine DevEUI: identifiers[].device_ids hat kein dev_eui und die Geräte-ID hat nicht die Form eui-<16 Hexziffern>; abonnieren Sie mit den Kennungen des Geräts
malformed-what-gateway = Gateway-{ $topic }-JSON
malformed-what-application = Anwendungs-event/{ $kind }
malformed-what-v3-application = ChirpStack-v3-Anwendungsereignis { $kind }
malformed-what-tts = The-Things-Stack-Nachricht { $kind }
malformed-what-tts-event = The-Things-Stack-Ereignis
malformed-what-tts-event-named = The-Things-Stack-Ereignis { $name }
malformed-hint-chirpstack-gateway = erwartet wird eine Nutzlast von ChirpStack Gateway Bridge / MQTT Forwarder (JSON oder Protobuf)
malformed-hint-tts = erwartet wird eine ApplicationUp-Nachricht von The Things Stack v3
malformed-hint-v3 = erwartet wird ein Anwendungsereignis von ChirpStack v3 (Marshaler „json“ oder „json_v3“)
malformed-hint-chirpstack-application = erwartet wird ein Anwendungsereignis von ChirpStack v4 (MQTT-Integration mit json=true)
malformed-hint-tts-events = erwartet wird ein Ereignis von The Things Stack (ttn.lorawan.v3.Event), wie es die Events-API, der Konsolenexport „Export as JSON“ oder ttn-lw-cli events subscribe schreiben
malformed-expected-eui = weder 16 Hexziffern noch die Base64-Form von 8 Bytes
malformed-expected-dev-addr = weder 8 Hexziffern noch die Base64-Form von 4 Bytes
malformed-expected-time = kein RFC-3339-Zeitstempel ({ $reason })
malformed-expected-duration = keine Dauer wie „5s“

## Capture lines and gap records that could not be read
malformed-line-at = { $file }:{ $line }: { $error }
malformed-line-not-json = kein JSON-Objekt ({ $reason }); { $hint }
malformed-line-not-object = kein JSON-Objekt; { $hint }
malformed-line-hint-one-object = jede Zeile muss genau ein JSON-Objekt sein, wie es `rmacheck watch --record` oder `mosquitto_sub -F %j` / `-F %J` (ohne --pretty) schreibt
malformed-line-field-empty = "{ $field }" ist leer
malformed-line-field-not-string = "{ $field }" muss eine Zeichenkette sein
malformed-line-field-missing = "{ $field }" fehlt
malformed-line-field-not-time-string = "{ $field }" muss eine Zeichenkette im Format RFC 3339 sein
malformed-line-field-not-base64-string = "{ $field }" muss eine Base64-Zeichenkette sein
malformed-line-not-base64 = "{ $field }" ist kein Standard-Base64 ({ $reason })
malformed-line-field-missing-mosquitto = "{ $field }" fehlt (Zeile von mosquitto_sub -F %j / %J)
malformed-line-no-format = keine Mitschnittzeile: erwartet werden received_at, topic, payload_b64 (rmacheck) oder tst, topic, payload (mosquitto_sub -F %j / -F %J)
malformed-line-not-rfc3339 = "{ $field }" ist keine Zeitangabe nach RFC 3339 ({ $reason }); schreiben Sie z. B. 2026-11-21T09:00:00.123456Z
malformed-line-not-unix-time = "{ $field }" { $value } ist keine Unix-Zeit
malformed-line-not-mosquitto-time = "{ $field }" '{ $value }' ist keine Zeitangabe von mosquitto_sub ({ $reason })
malformed-line-tst-type = "{ $field }" muss eine Zeitangabe als Zeichenkette oder in Unix-Sekunden sein
malformed-line-payload-cut = die Nutzlast hat { $length } Bytes, die Zeile enthält aber nur { $held }: mosquitto_sub -F %j schneidet binäre Nutzlasten am ersten Nullbyte ab; zeichnen Sie mit `rmacheck watch --record` auf
malformed-line-payload-not-extracted = der Wert von "{ $field }" ließ sich nicht herauslösen
malformed-line-too-long-skipped = die Zeile ist länger als { $limit } (die längste gelesene Zeile); die Zeile wurde übersprungen
malformed-line-too-long-no-end = die Zeile ist länger als { $limit } (die längste gelesene Zeile); es folgt kein Zeilenende, also ist dies keine Mitschnittdatei; der Rest der Datei wurde übersprungen
malformed-line-limit-bytes = { $n } Bytes
malformed-line-read-error = Lesefehler: { $reason }; der Rest der Datei wurde übersprungen
malformed-line-spool-error = die Ereignisse können nicht in einer temporären Datei abgelegt werden ({ $reason }); im temporären Verzeichnis Platz schaffen oder TMPDIR auf ein Verzeichnis mit genug Platz setzen; die Ereignisse der Datei wurden übersprungen
malformed-line-not-utf8 = kein UTF-8-Text (erstes ungültiges Byte an Position { $position }); mosquitto_sub -F %j gibt binäre Nutzlasten roh aus — zeichnen Sie mit `rmacheck watch --record` auf
malformed-gap-not-record = kein Lückeneintrag ({ $reason }); Lückeneinträge schreibt `rmacheck watch --record`
malformed-gap-backwards = der Lückeneintrag endet, bevor er beginnt
malformed-line-event-not-object = kein JSON-Objekt: erwartet wird ein Ereignis von The Things Stack
malformed-line-event-api-error = die Events-API meldete einen Fehler statt eines Ereignisses: { $reason }
malformed-line-event-no-field = das Ereignis hat kein "{ $field }": erwartet wird ein Ereignis von The Things Stack
malformed-line-event-not-rfc3339 = Ereignis { $name }: "{ $field }" ist keine Zeitangabe nach RFC 3339 ({ $reason })
malformed-line-event-missing = Ereignis { $name } hat kein "{ $field }"
malformed-line-not-json-value = kein gültiges JSON ({ $reason })
malformed-line-reason = { $reason }
