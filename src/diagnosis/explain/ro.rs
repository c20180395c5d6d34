//! Romanian explanations.

use super::{Text, Topic};

/// The Romanian text of a topic.
pub(super) fn text(t: Topic) -> Text {
    match t {
        Topic::Healthy => (
            "Dispozitivul s-a conectat la rețea, iar uplink-urile sale sosesc cu pierderi normale și cu o marjă suficientă a legăturii. Legătura radio și configurația serverului de rețea funcționează.",
            &[
                "Traficul radio nu justifică un RMA: dacă clientul raportează un defect, verificați în schimb valorile senzorului și decodorul de payload.",
                "Atașați captura la dosarul RMA, ca dovadă că dispozitivul a comunicat corect.",
            ],
        ),
        Topic::NoActivitySuspect => (
            "Niciun cadru al dispozitivului nu a ajuns la vreun gateway într-un interval suficient de lung pentru programul său de join și de transmisie, deși un dispozitiv de referință funcțional din același loc a fost recepționat. Gateway-urile recepționează; acest dispozitiv nu transmite (sau nu pe canalele gateway-urilor).",
            &[
                "Verificați alimentarea: înlocuiți sau măsurați bateria, verificați polaritatea și comutatorul sau jumperul.",
                "Verificați că dispozitivul este setat pe regiunea corectă și, în US915/AU915, pe sub-banda gateway-ului.",
                "Reporniți dispozitivul și urmăriți LED-ul sau consola serială pentru încercări de join.",
                "Dacă rămâne mut cu o baterie nouă și regiunea corectă, returnați dispozitivul (RMA): emițătorul este probabil defect.",
            ],
        ),
        Topic::NoActivityInconclusive => (
            "Niciun cadru al dispozitivului nu a ajuns la vreun gateway, dar asta nu dovedește încă un defect al dispozitivului: intervalul este prea scurt pentru back-off-ul sau programul său de transmisie, sau nimic nu arată că gateway-urile recepționau.",
            &[
                "Continuați observarea cel puțin cât este indicat în rezumat.",
                "Indicați cu --reference-dev-eui un dispozitiv funcțional din același loc, pentru a dovedi că gateway-urile recepționează.",
                "Verificați alimentarea, setarea regiunii și conexiunea gateway-ului la serverul de rețea.",
                "Nu inițiați încă un RMA.",
            ],
        ),
        Topic::NoActivityGatewayOffline => (
            "Nimic de la dispozitiv nu a ajuns în rețea, dar un gateway care îl poate auzi a fost offline în această perioadă (a sosit Last Will-ul său sau statisticile sale s-au oprit). Cât timp un gateway este căzut, tăcerea dispozitivului nu spune nimic despre dispozitiv.",
            &[
                "Verificați gateway-ul numit în rezumat: alimentarea, conexiunea (Ethernet, Wi-Fi sau celulară) și dacă packet forwarder-ul sau gateway bridge-ul său rulează.",
                "După ce gateway-ul revine online, observați din nou cel puțin durata indicată în rezumat.",
                "Nu începeți un RMA cât timp un gateway de la fața locului a fost offline.",
            ],
        ),
        Topic::KeyDevice => (
            "Dispozitivul își semnează join-request-urile cu un AppKey diferit de cel înregistrat pe serverul de rețea, așa că fiecare join-request eșuează la verificarea MIC și este respins.",
            &[
                "Citiți AppKey, DevEUI și JoinEUI (AppEUI) din dispozitiv (instrument de configurare, comenzi AT sau etichetă) și comparați-le octet cu octet cu înregistrarea.",
                "Introduceți AppKey în ordinea MSB (așa cum este tipărit, cu octetul cel mai semnificativ primul); unele instrumente afișează DevEUI și JoinEUI în ordinea LSB.",
                "Corectați cheia pe serverul de rețea sau reprovizionați dispozitivul, apoi reporniți-l pentru a declanșa un nou join.",
                "Este o problemă de configurare, nu un motiv de RMA.",
            ],
        ),
        Topic::KeyNetworkServer => (
            "Join-request-urile dispozitivului sunt semnate corect cu AppKey-ul înregistrat, totuși serverul de rețea raportează o eroare MIC. Greșite sunt setările dispozitivului pe serverul de rețea, nu dispozitivul.",
            &[
                "Setați în profilul dispozitivului de pe serverul de rețea versiunea MAC LoRaWAN a dispozitivului (de exemplu 1.0.3, nu 1.1).",
                "Pentru dispozitivele LoRaWAN 1.0.x lăsați NwkKey gol (The Things Stack: eliminați root-keys.nwk-key) și introduceți cheia ca AppKey.",
                "Verificați că cheia a fost introdusă în câmpul corect și la dispozitivul corect.",
                "Este o problemă de configurare, nu un motiv de RMA.",
            ],
        ),
        Topic::KeyUnverified => (
            "Serverul de rețea respinge join-request-urile dispozitivului deoarece MIC-ul lor nu se potrivește: AppKey-ul din dispozitiv diferă de cel înregistrat sau serverul de rețea folosește o versiune LoRaWAN greșită pentru dispozitiv.",
            &[
                "Rulați din nou diagnosticul cu --keys și AppKey-ul înregistrat pe serverul de rețea: va arăta dacă greșeala este în dispozitiv sau în setările serverului de rețea.",
                "Comparați AppKey, DevEUI și JoinEUI pe dispozitiv și pe serverul de rețea (AppKey în ordinea MSB).",
                "Verificați versiunea MAC LoRaWAN din profilul dispozitivului.",
                "Este o problemă de configurare, nu un motiv de RMA.",
            ],
        ),
        Topic::KeyJoinAccept => (
            "Serverul de rețea acceptă join-request-urile, dar își criptează join-accept-urile cu o cheie pe care dispozitivul nu o folosește: de obicei dispozitivul este înregistrat ca LoRaWAN 1.1 sau este setat un NwkKey pentru un dispozitiv LoRaWAN 1.0.x. Dispozitivul ignoră join-accept-urile și reîncearcă mereu.",
            &[
                "Setați pe serverul de rețea versiunea MAC LoRaWAN a dispozitivului (1.0.x).",
                "Eliminați NwkKey pentru dispozitivele LoRaWAN 1.0.x și păstrați doar AppKey.",
                "Reporniți dispozitivul pentru a declanșa un nou join.",
                "Este o problemă de configurare, nu un motiv de RMA.",
            ],
        ),
        Topic::NotRegistered => (
            "Join-request-urile dispozitivului ajung la gateway-uri, dar serverul de rețea nu răspunde și nu raportează nicio eroare: nu cunoaște combinația DevEUI/JoinEUI.",
            &[
                "Înregistrați dispozitivul pe serverul de rețea cu DevEUI-ul din acest raport.",
                "Verificați că JoinEUI (AppEUI) înregistrat coincide cu cel trimis de dispozitiv (vezi constatările); The Things Stack cere ca ambele să coincidă.",
                "Verificați că gateway-ul trimite datele către serverul de rețea pe care este înregistrat dispozitivul.",
                "Este o problemă de configurare, nu un motiv de RMA.",
            ],
        ),
        Topic::DevNonceCounter => (
            "Dispozitivul folosește LoRaWAN 1.0.4 (sau mai nou), iar contorul său DevNonce a pornit din nou de la început, de exemplu după o actualizare de firmware sau o resetare care i-a șters memoria. Serverul de rețea refuză valorile DevNonce pe care le-a văzut deja sau care nu sunt mai mari decât ultima.",
            &[
                "ChirpStack: ștergeți valorile DevNonce ale dispozitivului (pagina dispozitivului sau API-ul FlushDevNonces).",
                "The Things Stack: folosiți „Reset used DevNonces” la dispozitiv (sau activați resets_join_nonces).",
                "Alternativ, reînregistrați dispozitivul sau lăsați contorul să recupereze (poate dura multe încercări).",
                "Întrebați producătorul dacă firmware-ul păstrează DevNonce în memorie nevolatilă; dacă îl pierde la fiecare resetare, raportați un defect de firmware.",
                "Nu este un defect hardware: nu este necesar un RMA.",
            ],
        ),
        Topic::DevNonceReuse => (
            "Serverul de rețea refuză join-request-urile dispozitivului deoarece valoarea lor DevNonce a mai fost folosită. După o resetare la setările din fabrică sau o reprovizionare, un dispozitiv poate repeta valori DevNonce pe care serverul de rețea le mai are în memorie.",
            &[
                "ChirpStack: ștergeți valorile DevNonce ale dispozitivului (pagina dispozitivului sau API-ul FlushDevNonces).",
                "The Things Stack: folosiți „Reset used DevNonces” la dispozitiv.",
                "Dacă valorile DevNonce se repetă mereu, generatorul de numere aleatoare al dispozitivului este slab: raportați acest lucru producătorului, împreună cu acest raport.",
                "Nu este în sine un defect hardware: nu este necesar un RMA, decât dacă producătorul confirmă un defect.",
            ],
        ),
        Topic::TxFailed => (
            "Serverul de rețea a acceptat join-request-urile, dar gateway-ul nu a putut transmite join-accept-urile la timp sau deloc (de exemplu TOO_LATE). Dispozitivul nu primește niciodată un răspuns. Problema este la gateway sau la conexiunea sa de backhaul, nu la dispozitiv.",
            &[
                "TOO_LATE: verificați latența conexiunii de backhaul a gateway-ului (ping către serverul de rețea; legăturile celulare și prin satelit sunt adesea prea lente) și luați în considerare un server de rețea mai apropiat de gateway.",
                "Verificați ceasul, versiunea packet forwarder-ului și configurația de regiune a gateway-ului (TOO_EARLY, TX_FREQ, TX_POWER).",
                "Verificați gradul de utilizare a duty cycle-ului gateway-ului (DUTY_CYCLE_OVERFLOW).",
                "Nu este un defect al dispozitivului: fără RMA.",
            ],
        ),
        Topic::NotReceivedSuspect => (
            "Serverul de rețea a răspuns, gateway-ul a transmis join-accept-urile cu semnal bun, iar un dispozitiv de referință funcționează în același loc; totuși acest dispozitiv nu preia niciodată join-accept-ul. Receptorul, antena sau sincronizarea ferestrelor de recepție sunt probabil defecte.",
            &[
                "Asigurați-vă că serverul de rețea folosește versiunea MAC și setările RX implicite ale dispozitivului (întârzierea RX1, rata de date RX2) – vezi detaliile join-accept din constatări.",
                "Reporniți dispozitivul cu o baterie nouă și testați-l din nou aproape de gateway.",
                "Dacă tot nu se conectează, returnați dispozitivul (RMA) împreună cu acest raport.",
            ],
        ),
        Topic::NotReceivedCoverage => (
            "Join-accept-urile au fost transmise, dar semnalul dispozitivului ajunge abia peste limita de demodulare, așa că join-accept-urile probabil nu ajung la el. Este o problemă de acoperire.",
            &[
                "Mutați dispozitivul mai aproape de un gateway sau într-o poziție mai bună (mai sus, departe de metal și beton).",
                "Adăugați un gateway sau o antenă externă.",
                "Testați dispozitivul lângă gateway: dacă se conectează acolo, nu este defect.",
            ],
        ),
        Topic::NotReceivedInconclusive => (
            "Join-accept-urile au fost transmise (sau cel puțin s-a răspuns), dar dispozitivul reia mereu join-ul. Dovezile nu arată încă dacă de vină este dispozitivul, calea de downlink sau gateway-ul.",
            &[
                "Indicați cu --reference-dev-eui un dispozitiv funcțional din același loc.",
                "Capturați și topicul event/ack al gateway-ului, pentru a confirma transmiterea join-accept-urilor.",
                "Verificați versiunea MAC și setările RX pe serverul de rețea.",
                "Testați dispozitivul lângă gateway.",
            ],
        ),
        Topic::FcntReset => (
            "Contorul de cadre al dispozitivului pornește mereu din nou de la început fără un nou join: dispozitivul se repornește, de obicei din cauza căderilor de tensiune provocate de o baterie slabă sau de o alimentare instabilă, ori din cauza unui defect de firmware.",
            &[
                "Înlocuiți bateria (sau măsurați tensiunea de alimentare sub sarcină) și verificați contactele bateriei.",
                "Verificați dacă cineva a oprit și a pornit intenționat dispozitivul.",
                "Dispozitive ABP: asigurați-vă că dispozitivul își păstrează contoarele de cadre după resetare; opțiunea de resetare a contoarelor de pe serverul de rețea este doar o soluție temporară.",
                "Dacă se repornește în continuare cu o baterie nouă, returnați dispozitivul (RMA).",
            ],
        ),
        Topic::FcntResetAbp => (
            "Dispozitivul ABP și-a repornit o dată contorul de cadre de la 0, iar serverul de rețea îi respinge acum cadrele ca reluări. Dispozitivele ABP care nu își păstrează contorul de cadre la o întrerupere a alimentării fac asta după fiecare repornire: este o problemă de configurare, nu un defect.",
            &[
                "Întrebați dacă cineva a oprit și repornit dispozitivul sau i-a schimbat bateria.",
                "Resetați contorul de cadre al dispozitivului pe serverul de rețea (ChirpStack: setările contorului de cadre ale dispozitivului; The Things Stack: „Reset frame counters”) pentru ca cadrele sale să fie din nou acceptate.",
                "Mai bine: treceți dispozitivul pe OTAA sau activați în firmware păstrarea contorului de cadre.",
                "Dacă contorul repornește din nou fără ca cineva să fi atins dispozitivul, suspectați căderi de tensiune sau memoria sa nevolatilă și luați în considerare un RMA.",
            ],
        ),
        Topic::PoorCoverage => (
            "Semnalul dispozitivului ajunge prea aproape de limita de demodulare pentru factorul său de împrăștiere (spreading factor), iar unele cadre se pierd. Dispozitivul funcționează, dar se află la limita acoperirii.",
            &[
                "Mutați dispozitivul sau antena într-o poziție mai bună (mai sus, departe de metal și beton).",
                "Adăugați un gateway mai aproape de dispozitiv.",
                "Verificați antena și cablul gateway-ului.",
                "Nu este un defect al dispozitivului: fără RMA.",
            ],
        ),
        Topic::HighLoss => (
            "Multe cadre se pierd, deși semnalul sosește cu o marjă bună. Cauza este în rețea (interferențe, capacitatea sau duty cycle-ul gateway-ului) sau dispozitivul nu își transmite toate cadrele.",
            &[
                "Verificați gateway-ul pentru interferențe și încărcare (alte dispozitive, alte rețele pe aceleași canale).",
                "Verificați conexiunea de backhaul și disponibilitatea gateway-ului în perioada observată.",
                "Verificați dacă contoarele de cadre sar pentru că dispozitivul omite transmisii (setări de firmware).",
                "Niciun defect al dispozitivului nu este dovedit: încă fără RMA.",
            ],
        ),
        Topic::Insufficient => (
            "Traficul capturat nu este încă suficient pentru o decizie: intervalul este prea scurt sau s-au văzut prea puține cadre. Un verdict acum ar putea învinui partea greșită.",
            &[
                "Continuați observarea cel puțin cât este indicat în rezumat, apoi rulați din nou diagnosticul.",
                "Capturați atât topicurile de gateway, cât și pe cele de aplicație ale serverului de rețea.",
                "Folosiți --keys și --reference-dev-eui pentru a întări dovezile.",
                "Nu inițiați încă un RMA.",
            ],
        ),
    }
}
