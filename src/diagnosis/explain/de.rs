//! German explanations.

use super::{Text, Topic};

/// The German text of a topic.
pub(super) fn text(t: Topic) -> Text {
    match t {
        Topic::Healthy => (
            "Das Gerät ist dem Netz beigetreten, und seine Uplinks kommen mit normalem Paketverlust und ausreichender Linkreserve an. Funkverbindung und Konfiguration des Netzwerkservers funktionieren.",
            &[
                "Der Funkverkehr liefert keinen Grund für eine RMA: Meldet der Kunde einen Fehler, prüfen Sie stattdessen die Sensorwerte und den Payload-Decoder.",
                "Legen Sie den Mitschnitt dem RMA-Vorgang als Nachweis bei, dass das Gerät korrekt kommuniziert hat.",
            ],
        ),
        Topic::NoActivitySuspect => (
            "In einem Zeitraum, der für den Join- und Sendeplan des Geräts lang genug ist, hat kein Gateway einen Frame des Geräts empfangen – ein bekannt funktionierendes Gerät am selben Standort dagegen schon. Die Gateways empfangen; dieses Gerät sendet nicht (oder nicht auf den Kanälen der Gateways).",
            &[
                "Prüfen Sie die Stromversorgung: Batterie tauschen oder messen, Polarität sowie Schalter oder Jumper prüfen.",
                "Prüfen Sie, ob das Gerät auf die richtige Region und – bei US915/AU915 – auf das Sub-Band des Gateways eingestellt ist.",
                "Starten Sie das Gerät neu und beobachten Sie LED oder serielle Konsole auf Join-Versuche.",
                "Bleibt es mit frischer Batterie und richtiger Region stumm, senden Sie das Gerät zurück (RMA): Der Sender ist wahrscheinlich defekt.",
            ],
        ),
        Topic::NoActivityInconclusive => (
            "Kein Gateway hat einen Frame des Geräts empfangen, aber das beweist noch keinen Gerätefehler: Der Beobachtungszeitraum ist für das Back-off oder den Sendeplan des Geräts zu kurz, oder nichts zeigt, dass die Gateways überhaupt empfangen haben.",
            &[
                "Beobachten Sie mindestens so lange weiter, wie in der Zusammenfassung angegeben.",
                "Geben Sie mit --reference-dev-eui ein bekannt funktionierendes Gerät am selben Standort an, um zu belegen, dass die Gateways empfangen.",
                "Prüfen Sie Stromversorgung, Regionseinstellung und die Verbindung des Gateways zum Netzwerkserver.",
                "Starten Sie noch keine RMA.",
            ],
        ),
        Topic::NoActivityGatewayOffline => (
            "Vom Gerät kam nichts im Netz an, aber ein Gateway, das es empfangen kann, war im Zeitraum offline (sein Last Will kam an, oder seine Statistiken blieben aus). Solange ein Gateway ausgefallen ist, sagt das Schweigen des Geräts nichts über das Gerät aus.",
            &[
                "Prüfen Sie das in der Zusammenfassung genannte Gateway: Stromversorgung, Anbindung (Ethernet, WLAN oder Mobilfunk) und ob sein Packet Forwarder bzw. die Gateway Bridge läuft.",
                "Beobachten Sie erneut, sobald das Gateway wieder online ist, mindestens so lange wie in der Zusammenfassung angegeben.",
                "Starten Sie keine RMA, solange ein Gateway am Standort offline war.",
            ],
        ),
        Topic::KeyDevice => (
            "Das Gerät signiert seine Join-Requests mit einem anderen AppKey als dem auf dem Netzwerkserver registrierten. Deshalb scheitert jeder Join-Request an der MIC-Prüfung und wird verworfen.",
            &[
                "Lesen Sie AppKey, DevEUI und JoinEUI (AppEUI) aus dem Gerät aus (Konfigurationstool, AT-Befehle oder Etikett) und vergleichen Sie sie Byte für Byte mit der Registrierung.",
                "Geben Sie den AppKey in MSB-Reihenfolge ein (wie aufgedruckt, höchstwertiges Byte zuerst); manche Gerätetools zeigen DevEUI und JoinEUI in LSB-Reihenfolge an.",
                "Korrigieren Sie den Schlüssel auf dem Netzwerkserver oder provisionieren Sie das Gerät neu, und starten Sie es dann neu, um einen neuen Join auszulösen.",
                "Das ist ein Konfigurationsproblem und kein Grund für eine RMA.",
            ],
        ),
        Topic::KeyNetworkServer => (
            "Die Join-Requests des Geräts sind korrekt mit dem registrierten AppKey signiert, trotzdem meldet der Netzwerkserver einen MIC-Fehler. Falsch sind die Einstellungen für das Gerät auf dem Netzwerkserver, nicht das Gerät.",
            &[
                "Stellen Sie im Geräteprofil auf dem Netzwerkserver die LoRaWAN-MAC-Version des Geräts ein (z. B. 1.0.3, nicht 1.1).",
                "Lassen Sie bei LoRaWAN-1.0.x-Geräten den NwkKey leer (The Things Stack: root-keys.nwk-key entfernen) und tragen Sie den Schlüssel als AppKey ein.",
                "Prüfen Sie, ob der Schlüssel im richtigen Feld und beim richtigen Gerät eingetragen ist.",
                "Das ist ein Konfigurationsproblem und kein Grund für eine RMA.",
            ],
        ),
        Topic::KeyUnverified => (
            "Der Netzwerkserver lehnt die Join-Requests des Geräts ab, weil ihr MIC nicht passt: Der AppKey im Gerät und der registrierte unterscheiden sich, oder der Netzwerkserver verwendet für das Gerät die falsche LoRaWAN-Version.",
            &[
                "Führen Sie die Diagnose erneut mit --keys und dem auf dem Netzwerkserver registrierten AppKey aus: Dann zeigt sie, ob das Gerät oder die Einstellungen des Netzwerkservers falsch sind.",
                "Vergleichen Sie AppKey, DevEUI und JoinEUI auf Gerät und Netzwerkserver (AppKey in MSB-Reihenfolge).",
                "Prüfen Sie die LoRaWAN-MAC-Version im Geräteprofil.",
                "Das ist ein Konfigurationsproblem und kein Grund für eine RMA.",
            ],
        ),
        Topic::KeyJoinAccept => (
            "Der Netzwerkserver nimmt die Join-Requests an, verschlüsselt seine Join-Accepts aber mit einem Schlüssel, den das Gerät nicht verwendet – meist ist das Gerät als LoRaWAN 1.1 registriert, oder für ein LoRaWAN-1.0.x-Gerät ist ein NwkKey gesetzt. Das Gerät verwirft die Join-Accepts und versucht es immer wieder.",
            &[
                "Stellen Sie auf dem Netzwerkserver die LoRaWAN-MAC-Version des Geräts ein (1.0.x).",
                "Entfernen Sie bei LoRaWAN-1.0.x-Geräten den NwkKey und behalten Sie nur den AppKey.",
                "Starten Sie das Gerät neu, um einen neuen Join auszulösen.",
                "Das ist ein Konfigurationsproblem und kein Grund für eine RMA.",
            ],
        ),
        Topic::NotRegistered => (
            "Die Join-Requests des Geräts erreichen die Gateways, aber der Netzwerkserver antwortet nicht und meldet auch keinen Fehler: Er kennt die Kombination aus DevEUI und JoinEUI nicht.",
            &[
                "Registrieren Sie das Gerät mit der DevEUI aus diesem Bericht auf dem Netzwerkserver.",
                "Prüfen Sie, ob die registrierte JoinEUI (AppEUI) mit der übereinstimmt, die das Gerät sendet (siehe Befunde); The Things Stack verlangt, dass beide übereinstimmen.",
                "Prüfen Sie, ob das Gateway an den Netzwerkserver weiterleitet, auf dem das Gerät registriert ist.",
                "Das ist ein Konfigurationsproblem und kein Grund für eine RMA.",
            ],
        ),
        Topic::DevNonceCounter => (
            "Das Gerät arbeitet mit LoRaWAN 1.0.4 (oder neuer), und sein DevNonce-Zähler hat von vorn begonnen, etwa nach einem Firmware-Update oder einem Reset, der den Speicher gelöscht hat. Der Netzwerkserver lehnt DevNonces ab, die er schon kennt oder die nicht größer als die letzte sind.",
            &[
                "ChirpStack: die DevNonces des Geräts löschen (Geräteseite oder API FlushDevNonces).",
                "The Things Stack: beim Gerät „Reset used DevNonces“ ausführen (oder resets_join_nonces aktivieren).",
                "Alternativ das Gerät neu registrieren oder warten, bis der Zähler aufgeholt hat (das kann viele Versuche dauern).",
                "Fragen Sie den Hersteller, ob die Firmware die DevNonce nichtflüchtig speichert; geht sie bei jedem Reset verloren, melden Sie einen Firmwarefehler.",
                "Kein Hardwaredefekt: keine RMA nötig.",
            ],
        ),
        Topic::DevNonceReuse => (
            "Der Netzwerkserver lehnt die Join-Requests des Geräts ab, weil ihre DevNonce bereits verwendet wurde. Nach einem Werksreset oder einer Neuprovisionierung kann ein Gerät DevNonces wiederholen, die der Netzwerkserver noch gespeichert hat.",
            &[
                "ChirpStack: die DevNonces des Geräts löschen (Geräteseite oder API FlushDevNonces).",
                "The Things Stack: beim Gerät „Reset used DevNonces“ ausführen.",
                "Wiederholen sich die DevNonces ständig, ist der Zufallszahlengenerator des Geräts schwach: Melden Sie das dem Hersteller zusammen mit diesem Bericht.",
                "An sich kein Hardwaredefekt: keine RMA, solange der Hersteller keinen Defekt bestätigt.",
            ],
        ),
        Topic::TxFailed => (
            "Der Netzwerkserver hat die Join-Requests angenommen, aber das Gateway konnte die Join-Accepts nicht rechtzeitig oder gar nicht senden (z. B. TOO_LATE). Das Gerät erhält nie eine Antwort. Das Problem liegt beim Gateway oder seiner Backhaul-Anbindung, nicht beim Gerät.",
            &[
                "TOO_LATE: Prüfen Sie die Latenz der Backhaul-Anbindung des Gateways (Ping zum Netzwerkserver; Mobilfunk- und Satellitenverbindungen sind oft zu langsam), und erwägen Sie einen Netzwerkserver näher am Gateway.",
                "Prüfen Sie Uhrzeit, Packet-Forwarder-Version und Regionskonfiguration des Gateways (TOO_EARLY, TX_FREQ, TX_POWER).",
                "Prüfen Sie die Duty-Cycle-Auslastung des Gateways (DUTY_CYCLE_OVERFLOW).",
                "Kein Gerätefehler: keine RMA.",
            ],
        ),
        Topic::NotReceivedSuspect => (
            "Der Netzwerkserver hat geantwortet, das Gateway hat die Join-Accepts bei gutem Signal gesendet, und ein bekannt funktionierendes Gerät am selben Standort arbeitet. Trotzdem übernimmt dieses Gerät den Join-Accept nie. Empfänger, Antenne oder das Timing der Empfangsfenster sind wahrscheinlich defekt.",
            &[
                "Stellen Sie sicher, dass der Netzwerkserver die MAC-Version und die Standard-RX-Einstellungen des Geräts verwendet (RX1-Verzögerung, RX2-Datenrate) – siehe Join-Accept-Details in den Befunden.",
                "Starten Sie das Gerät mit frischer Batterie neu und testen Sie es erneut nahe am Gateway.",
                "Tritt es weiterhin nicht bei, senden Sie das Gerät mit diesem Bericht zurück (RMA).",
            ],
        ),
        Topic::NotReceivedCoverage => (
            "Die Join-Accepts wurden gesendet, aber das Signal des Geräts kommt nur knapp über der Demodulationsgrenze an, sodass die Join-Accepts es vermutlich nicht erreichen. Das ist ein Problem der Funkabdeckung.",
            &[
                "Platzieren Sie das Gerät näher an einem Gateway oder an einer günstigeren Stelle (höher, entfernt von Metall und Beton).",
                "Ergänzen Sie ein Gateway oder eine externe Antenne.",
                "Testen Sie das Gerät direkt neben dem Gateway: Tritt es dort bei, ist es nicht defekt.",
            ],
        ),
        Topic::NotReceivedInconclusive => (
            "Die Join-Accepts wurden gesendet (oder zumindest beantwortet), aber das Gerät versucht den Join immer wieder. Die Belege zeigen noch nicht, ob das Gerät, der Downlink-Weg oder das Gateway die Ursache ist.",
            &[
                "Geben Sie mit --reference-dev-eui ein bekannt funktionierendes Gerät am selben Standort an.",
                "Zeichnen Sie auch das Topic event/ack des Gateways auf, um zu belegen, dass die Join-Accepts gesendet wurden.",
                "Prüfen Sie MAC-Version und RX-Einstellungen auf dem Netzwerkserver.",
                "Testen Sie das Gerät direkt neben dem Gateway.",
            ],
        ),
        Topic::FcntReset => (
            "Der Frame-Zähler des Geräts beginnt immer wieder von vorn, ohne dass ein neuer Join erfolgt: Das Gerät startet neu, meist wegen Spannungseinbrüchen durch eine schwache Batterie oder eine instabile Stromversorgung, oder wegen eines Firmwarefehlers.",
            &[
                "Tauschen Sie die Batterie (oder messen Sie die Versorgungsspannung unter Last) und prüfen Sie die Batteriekontakte.",
                "Klären Sie, ob jemand das Gerät absichtlich aus- und wieder eingeschaltet hat.",
                "ABP-Geräte: Stellen Sie sicher, dass das Gerät seine Frame-Zähler über Resets hinweg behält; die Option zum Zurücksetzen der Frame-Zähler auf dem Netzwerkserver ist nur eine vorübergehende Notlösung.",
                "Startet es auch mit frischer Batterie weiter neu, senden Sie das Gerät zurück (RMA).",
            ],
        ),
        Topic::FcntResetAbp => (
            "Das ABP-Gerät hat seinen Frame-Zähler einmal bei 0 neu begonnen, und der Netzwerkserver verwirft seine Frames jetzt als Wiederholungen. ABP-Geräte, die ihren Frame-Zähler beim Aus- und Einschalten nicht behalten, tun das nach jedem Neustart: Das ist eine Frage der Konfiguration, kein Defekt.",
            &[
                "Fragen Sie nach, ob jemand das Gerät aus- und eingeschaltet oder die Batterie gewechselt hat.",
                "Setzen Sie den Frame-Zähler des Geräts auf dem Netzwerkserver zurück (ChirpStack: Frame-Zähler-Einstellungen des Geräts; The Things Stack: \"Reset frame counters\"), damit seine Frames wieder angenommen werden.",
                "Besser: Stellen Sie das Gerät auf OTAA um oder aktivieren Sie in seiner Firmware das dauerhafte Speichern des Frame-Zählers.",
                "Beginnt der Zähler erneut von vorn, ohne dass jemand das Gerät angefasst hat, sind Spannungseinbrüche oder sein nichtflüchtiger Speicher verdächtig: Erwägen Sie eine RMA.",
            ],
        ),
        Topic::PoorCoverage => (
            "Das Signal des Geräts kommt für seinen Spreizfaktor zu knapp über der Demodulationsgrenze an, und Frames gehen verloren. Das Gerät funktioniert, befindet sich aber am Rand der Funkabdeckung.",
            &[
                "Platzieren Sie Gerät oder Antenne günstiger (höher, entfernt von Metall und Beton).",
                "Ergänzen Sie ein Gateway näher am Gerät.",
                "Prüfen Sie Antenne und Antennenkabel des Gateways.",
                "Kein Gerätefehler: keine RMA.",
            ],
        ),
        Topic::HighLoss => (
            "Viele Frames gehen verloren, obwohl das Signal mit guter Reserve ankommt. Die Ursache liegt im Netz (Störungen, Kapazität oder Duty-Cycle des Gateways), oder das Gerät sendet nicht alle seine Frames.",
            &[
                "Prüfen Sie das Gateway auf Störungen und Auslastung (andere Geräte, andere Netze auf denselben Kanälen).",
                "Prüfen Sie Backhaul-Anbindung und Verfügbarkeit des Gateways im Beobachtungszeitraum.",
                "Prüfen Sie, ob die Frame-Zähler springen, weil das Gerät Übertragungen auslässt (Firmware-Einstellungen).",
                "Kein Gerätefehler nachgewiesen: noch keine RMA.",
            ],
        ),
        Topic::Insufficient => (
            "Der aufgezeichnete Verkehr reicht noch nicht für eine Entscheidung: Der Zeitraum ist zu kurz, oder es wurden zu wenige Frames gesehen. Ein Urteil zum jetzigen Zeitpunkt könnte die Falschen beschuldigen.",
            &[
                "Beobachten Sie mindestens so lange weiter, wie in der Zusammenfassung angegeben, und führen Sie die Diagnose dann erneut aus.",
                "Zeichnen Sie sowohl die Gateway- als auch die Application-Topics des Netzwerkservers auf.",
                "Geben Sie --keys und --reference-dev-eui an, um die Belege zu stärken.",
                "Starten Sie noch keine RMA.",
            ],
        ),
    }
}
