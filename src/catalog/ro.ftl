# rmacheck message catalog: Romanian.
#
# One file per language (en.ftl is the reference); ids and named arguments are the same in
# every file. Syntax: https://projectfluent.org/fluent/guide/

## Report labels

label-title = Raport de diagnosticare RMA
label-generated = Generat la
label-tool = Instrument
label-section-rma = Cerere de retur
label-order-number = Număr comandă
label-device-name = Denumirea dispozitivului
label-model = Model
label-serial-number = Număr de serie
label-join-eui-observed = JoinEUI (din cererile join ale dispozitivului)
label-delivery-date = Data livrării
label-reason = Motivul returului
label-support-ticket = Tichet de suport al magazinului
label-manufacturer-ticket = Tichet la producător
label-factory-reset = Resetat la setările din fabrică și dezasociat de conturi
label-yes = Da
label-no = Nu
label-accessories = Accesorii incluse
label-none = —
label-contact = Contact
label-name = Nume
label-email = E-mail
label-phone = Telefon
label-section-description = Descrierea problemei
label-before = Ce s-a făcut înainte de apariția problemei
label-problem = Problema constatată
label-steps-taken = Pași deja încercați
label-section-warranty = Termene și garanții la { $date }
label-withdrawal = Drept de retragere (14 zile)
label-voluntary-warranty = Garanție comercială (12 luni)
label-statutory-liability = Garanție legală de conformitate (24 de luni)
label-within = în curs — până la { $date }
label-expired = s-a încheiat la { $date }
label-section-photos = Fotografii
label-view = Vedere
label-file = Fișier
label-no-photos = Nu sunt atașate fotografii.
label-section-diagnosis = Diagnostic
label-verdict = Concluzie
label-class = Categorie
label-assessment = Evaluare pentru retur
label-explanation = Explicație
label-next-steps = Pașii următori
label-section-warnings = Observații
label-section-findings = Constatări
label-severity = Gravitate
label-code = Cod
label-observed = Ce s-a observat
label-evidence-refs = Dovezi (nr. mesaj)
label-no-findings = Nicio constatare.
label-section-stats = Contoare
label-section-charts = Grafice
label-chart-rssi = RSSI în timp (dBm, cel mai bun gateway per mesaj)
label-chart-snr = SNR în timp (dB, cel mai bun gateway per mesaj)
label-chart-joins = Încercări de join și răspunsuri în timp
label-no-data = fără date
label-section-timeline = Cronologie
label-time-utc = Ora (UTC)
label-event = Eveniment
label-gateway = Gateway
label-details = Detalii
label-rows-omitted = … { $n } rânduri nu sunt afișate aici; cronologia completă se află în report.json.
label-timeline-latest = Cronologia și graficele arată doar ultimele { $n } evenimente ale dispozitivului, cât păstrează cel mult un raport; contoarele și verdictul cuprind fiecare mesaj din evidence.jsonl.
label-no-events = Niciun mesaj de la acest dispozitiv în perioada de observație.
label-section-evidence = Dovezi
label-window = Perioada de observație (UTC)
label-capture-messages = Mesaje în capturi
label-evidence-messages = Mesaje în evidence.jsonl
label-reference-note = evidence.jsonl conține și { $n } mesaje ale dispozitivului de referință { $eui } (un dispozitiv funcțional din aceeași locație, inclus pentru a arăta că gateway-urile recepționau).
label-keys-supplied = Pentru verificarea MIC au fost furnizate chei AppKey; cheile în sine nu fac parte din acest raport.
label-keys-not-supplied = Nu au fost furnizate chei AppKey; codurile de integritate (MIC) nu au fost verificate local.
label-profile = Profilul dispozitivului
label-profile-generic = valori așteptate generice
label-index-note = Numerele mesajelor indică rândul din evidence.jsonl, numărat de la 0.
label-section-verification = Verificare
label-evidence-sha256 = SHA-256 al evidence.jsonl
label-diagnosis-sha256 = SHA-256 al diagnosticului (JSON canonic)
label-signed-by = Semnat de
label-fingerprint = Amprenta cheii
label-namespace = Spațiul de nume al semnăturii
label-verify-intro = Verificați semnătura cu OpenSSH (Linux, macOS, Git Bash):
label-verify-windows = Pe Windows folosiți cmd, nu PowerShell (pipe-urile PowerShell modifică octeții):
label-verify-binding = report.json este originalul semnat: conține SHA-256 al acestui document și al tuturor celorlalte fișiere din pachet; după verificarea semnăturii, `rmacheck verify DIR` (sau sha256sum) confirmă fiecare fișier.
label-redactions = Acest raport și pachetul său nu conțin nicio cheie AppKey, nicio parolă și nicio cheie privată.
label-summary = Rezumat
label-for-technician = Pentru tehnician: comenzi care colectează sau verifică dovezi suplimentare
label-details-follow = Constatările, contoarele, graficele și cronologia urmează în paginile următoare.
label-invoice-number = Numărul facturii
label-support-validation = Validat cu suportul tehnic
label-manufacturer = Producător
label-rma-route = Circuitul RMA
label-section-extra = Alte informații cerute de magazin
label-section-parcel = Eticheta coletului
label-sender = Expeditor
label-contact-person = Persoană de contact
label-return-reference = Număr tichet / RMA
label-section-attachments = Anexe
label-kind = Tip document
label-no-attachments = Niciun document anexat.
route-manufacturer = Producătorul { $manufacturer } se ocupă el însuși de acest retur (tichetul său { $ticket }): trimiteți dispozitivul conform instrucțiunilor RMA ale producătorului, împreună cu acest raport.
route-shop = Magazinul se ocupă de acest retur al unui dispozitiv { $manufacturer } și tratează cu producătorul; dacă magazinul vă cere să folosiți în schimb serviciul RMA al producătorului, treceți acel tichet la manufacturer_ticket.
attachment-invoice = Factură de cumpărare
attachment-delivery-note = Aviz de însoțire
attachment-other = Alt document

## Return reasons

reason-defect = Defect
reason-wrong-order = Comandat din greșeală
reason-wrong-delivery = Produs livrat greșit
reason-withdrawal = Retragere din contract

## Photo views

view-closed = închis
view-open = deschis

## Finding severities

severity-info = Info
severity-warning = Avertisment
severity-error = Eroare

## Verdict classes and what they mean for the return

class-healthy = fără defect
assessment-healthy = Nu s-a găsit niciun defect: aceste dovezi nu susțin un retur pentru defect.
class-configuration = configurare
assessment-configuration = O problemă de configurare, nu un defect hardware: corectați setările; un retur nu va ajuta.
class-network = rețea
assessment-network = O problemă de rețea, nu un defect hardware: verificați gateway-ul și conexiunea lui; un retur nu va ajuta.
class-coverage = acoperire radio
assessment-coverage = O problemă de acoperire radio: îmbunătățiți legătura radio înainte de a lua în calcul un retur.
class-device-suspect = dispozitiv suspect
assessment-device-suspect = Dispozitivul însuși este suspect: returul este justificat.
class-inconclusive = neconcludent
assessment-inconclusive = Neconcludent: colectați mai multe date înainte de a decide asupra returului.

## Verdict titles

verdict-healthy = Dispozitivul funcționează normal
verdict-no-radio-activity = Nicio activitate radio a dispozitivului
verdict-join-key-mismatch = Join eșuat: AppKey nu corespunde
verdict-join-not-registered = Join fără răspuns: dispozitiv neînregistrat
verdict-devnonce-rejected = Join refuzat: DevNonce reutilizat
verdict-join-accept-tx-failed = Gateway-ul nu a putut trimite join-accept-ul
verdict-join-accept-not-received = Join-accept trimis, dar nerecepționat de dispozitiv
verdict-frame-counter-reset = Contorul de cadre repornește (dispozitivul se repornește)
verdict-poor-coverage = Acoperire radio slabă
verdict-high-packet-loss = Pierdere mare de pachete
verdict-insufficient-evidence = Date insuficiente pentru o concluzie

## Timeline event kinds

event-join-request = Cerere join
event-join-accept = Join-accept (programat)
event-join-accept-tx = Join-accept, rezultatul transmisiei gateway-ului
event-uplink = Cadru ascendent
event-app-uplink = Cadru ascendent (aplicație)
event-app-join = Join (aplicație)
event-ns-log = Mesaj al serverului de rețea
event-downlink = Cadru descendent
event-downlink-tx = Cadru descendent, rezultatul transmisiei gateway-ului
event-status = Starea dispozitivului

## Counters

stat-join-requests = Cereri join
stat-join-accepts = Join-accept programate
stat-join-accept-tx-ok = Join-accept transmise
stat-join-accept-tx-failed = Join-accept netransmise (eroare de gateway)
stat-dev-nonces-distinct = Valori DevNonce distincte
stat-dev-nonces-reused = Valori DevNonce reutilizate
stat-uplinks = Cadre ascendente (distincte)
stat-fcnt-first = Primul contor de cadre
stat-fcnt-last = Ultimul contor de cadre
stat-fcnt-missing = Cadre lipsă
stat-fcnt-resets = Reporniri ale contorului de cadre
stat-retransmissions = Retransmisii
stat-gateways = Gateway-uri care au recepționat dispozitivul
stat-rssi-dbm = RSSI min. / mediană / max. (dBm)
stat-snr-db = SNR min. / mediană / max. (dB)
stat-ns-log-codes = Coduri de mesaj ale serverului de rețea
stat-malformed-messages = Mesaje nedecodabile
stat-gateways-offline = Gateway-uri căzute în interval
stat-fcnt-missing-unobserved = Cadre lipsă cât timp nu s-a observat

## Report warnings

warning-photo-missing-closed = Nu este atașată nicio fotografie a dispozitivului închis; magazinele cer de obicei fotografii ale dispozitivului închis și deschis.
warning-photo-missing-open = Nu este atașată nicio fotografie a dispozitivului deschis; magazinele cer de obicei fotografii ale dispozitivului închis și deschis.
warning-join-eui-mismatch = Fișierul RMA indică JoinEUI { $rma }, dar cererile join ale dispozitivului conțin { $observed }.
warning-withdrawal-period-over = Motivul este retragerea, dar termenul de retragere de 14 zile s-a încheiat la { $date }.
warning-liability-period-over = Motivul este un defect, dar garanția legală de conformitate de 24 de luni s-a încheiat la { $date }.
warning-reference-not-heard = Dispozitivul de referință { $eui } nu apare în capturi, deci nu arată că gateway-urile recepționau.
warning-unreadable-lines = Rânduri ilizibile din capturi, omise: { $n }.
warning-evidence-limited = Dispozitivul a atins limita de mesaje pe care un raport le păstrează ca dovezi: evidence.jsonl conține primele { $n }, iar diagnosticul le cuprinde doar pe acestea. Pentru o perioadă ulterioară, faceți raportul dintr-o captură mai scurtă.
warning-defect-not-shown = Motivul este un defect, dar verdictul este { $verdict } ({ $class }): nu s-a dovedit o defecțiune a dispozitivului însuși. Magazinul va refuza probabil returul și poate factura diagnosticarea; remediați mai întâi cauza.
warning-factory-reset-missing = Dispozitivul nu este resetat la setările din fabrică și dezasociat de conturile dumneavoastră (factory_reset = false): magazinele facturează această lucrare; faceți-o înainte de expediere.
warning-description-missing = În descriere lipsește { $field }: magazinele resping cererile incomplete; precizați ce s-a făcut înainte de problemă (before) și ce s-a încercat deja (steps_taken).
warning-wrong-order-used = Motivul este comandă greșită (wrong_order), dar dispozitivul a trimis { $n } mesaje: a fost pus în funcțiune și s-ar putea să nu mai fie considerat nefolosit.

## Verdict explanations

heading-meaning = Ce înseamnă
heading-next-steps = Pași următori înainte de un RMA

explain-healthy = Dispozitivul s-a conectat la rețea, iar uplink-urile sale sosesc cu pierderi normale și cu o marjă suficientă a legăturii. Legătura radio și configurația serverului de rețea funcționează.
    .step-1 = Traficul radio nu justifică un RMA: dacă clientul raportează un defect, verificați în schimb valorile senzorului și decodorul de payload.
    .step-2 = Atașați captura la dosarul RMA, ca dovadă că dispozitivul a comunicat corect.
explain-no-activity-suspect = Niciun cadru al dispozitivului nu a ajuns la vreun gateway într-un interval suficient de lung pentru programul său de join și de transmisie, deși un dispozitiv de referință funcțional din același loc a fost recepționat. Gateway-urile recepționează; acest dispozitiv nu transmite (sau nu pe canalele gateway-urilor).
    .step-1 = Verificați alimentarea: înlocuiți sau măsurați bateria, verificați polaritatea și comutatorul sau jumperul.
    .step-2 = Verificați că dispozitivul este setat pe regiunea corectă și, în US915/AU915, pe sub-banda gateway-ului.
    .step-3 = Reporniți dispozitivul și urmăriți LED-ul sau consola serială pentru încercări de join.
    .step-4 = Dacă rămâne mut cu o baterie nouă și regiunea corectă, returnați dispozitivul (RMA): emițătorul este probabil defect.
explain-no-activity-inconclusive = Niciun cadru al dispozitivului nu a ajuns la vreun gateway, dar asta nu dovedește încă un defect al dispozitivului: intervalul este prea scurt pentru back-off-ul sau programul său de transmisie, sau nimic nu arată că gateway-urile recepționau.
    .step-1 = Continuați observarea cel puțin cât este indicat în rezumatul de mai sus.
    .step-2 = Includeți în verificare un dispozitiv funcțional din același loc, pentru a dovedi că gateway-urile recepționează.
    .step-3 = Verificați alimentarea, setarea regiunii și conexiunea gateway-ului la serverul de rețea.
    .step-4 = Nu inițiați încă un RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-no-activity-gateway-offline = Nimic de la dispozitiv nu a ajuns în rețea, dar un gateway care îl poate auzi a fost offline în această perioadă (a sosit Last Will-ul său sau statisticile sale s-au oprit). Cât timp un gateway este căzut, tăcerea dispozitivului nu spune nimic despre dispozitiv.
    .step-1 = Verificați gateway-ul numit în rezumat: alimentarea, conexiunea (Ethernet, Wi-Fi sau celulară) și dacă packet forwarder-ul sau gateway bridge-ul său rulează.
    .step-2 = După ce gateway-ul revine online, observați din nou cel puțin durata indicată în rezumat.
    .step-3 = Nu începeți un RMA cât timp un gateway de la fața locului a fost offline.
explain-key-device = Dispozitivul își semnează join-request-urile cu un AppKey diferit de cel înregistrat pe serverul de rețea, așa că fiecare join-request eșuează la verificarea MIC și este respins.
    .step-1 = Citiți AppKey, DevEUI și JoinEUI (AppEUI) din dispozitiv (instrument de configurare, comenzi AT sau etichetă) și comparați-le octet cu octet cu înregistrarea.
    .step-2 = Introduceți AppKey în ordinea MSB (așa cum este tipărit, cu octetul cel mai semnificativ primul); unele instrumente afișează DevEUI și JoinEUI în ordinea LSB.
    .step-3 = Corectați cheia pe serverul de rețea sau reprovizionați dispozitivul, apoi reporniți-l pentru a declanșa un nou join.
    .step-4 = Este o problemă de configurare, nu un motiv de RMA.
explain-key-network-server = Join-request-urile dispozitivului sunt semnate corect cu AppKey-ul înregistrat, totuși serverul de rețea raportează o eroare MIC. Greșite sunt setările dispozitivului pe serverul de rețea, nu dispozitivul.
    .step-1 = Setați în profilul dispozitivului de pe serverul de rețea versiunea MAC LoRaWAN a dispozitivului (de exemplu 1.0.3, nu 1.1).
    .step-2 = Pentru dispozitivele LoRaWAN 1.0.x lăsați NwkKey gol (The Things Stack: eliminați root-keys.nwk-key) și introduceți cheia ca AppKey.
    .step-3 = Verificați că cheia a fost introdusă în câmpul corect și la dispozitivul corect.
    .step-4 = Este o problemă de configurare, nu un motiv de RMA.
explain-key-unverified = Serverul de rețea respinge join-request-urile dispozitivului deoarece MIC-ul lor nu se potrivește: AppKey-ul din dispozitiv diferă de cel înregistrat sau serverul de rețea folosește o versiune LoRaWAN greșită pentru dispozitiv.
    .step-1 = Verificați din nou join-request-urile cu AppKey-ul înregistrat pe serverul de rețea: așa se vede dacă greșeala este în dispozitiv sau în setările serverului de rețea.
    .step-2 = Comparați AppKey, DevEUI și JoinEUI pe dispozitiv și pe serverul de rețea (AppKey în ordinea MSB).
    .step-3 = Verificați versiunea MAC LoRaWAN din profilul dispozitivului.
    .step-4 = Este o problemă de configurare, nu un motiv de RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --keys KEYS.toml
explain-key-join-accept = Serverul de rețea acceptă join-request-urile, dar își criptează join-accept-urile cu o cheie pe care dispozitivul nu o folosește: de obicei dispozitivul este înregistrat ca LoRaWAN 1.1 sau este setat un NwkKey pentru un dispozitiv LoRaWAN 1.0.x. Dispozitivul ignoră join-accept-urile și reîncearcă mereu.
    .step-1 = Setați pe serverul de rețea versiunea MAC LoRaWAN a dispozitivului (1.0.x).
    .step-2 = Eliminați NwkKey pentru dispozitivele LoRaWAN 1.0.x și păstrați doar AppKey.
    .step-3 = Reporniți dispozitivul pentru a declanșa un nou join.
    .step-4 = Este o problemă de configurare, nu un motiv de RMA.
explain-not-registered = Join-request-urile dispozitivului ajung la gateway-uri, dar serverul de rețea nu răspunde și nu raportează nicio eroare: nu cunoaște combinația DevEUI/JoinEUI.
    .step-1 = Înregistrați dispozitivul pe serverul de rețea cu DevEUI-ul din acest raport.
    .step-2 = Verificați că JoinEUI (AppEUI) înregistrat coincide cu cel trimis de dispozitiv (vezi constatările); The Things Stack cere ca ambele să coincidă.
    .step-3 = Verificați că gateway-ul trimite datele către serverul de rețea pe care este înregistrat dispozitivul.
    .step-4 = Este o problemă de configurare, nu un motiv de RMA.
explain-dev-nonce-counter = Dispozitivul folosește LoRaWAN 1.0.4 (sau mai nou), iar contorul său DevNonce a pornit din nou de la început, de exemplu după o actualizare de firmware sau o resetare care i-a șters memoria. Serverul de rețea refuză valorile DevNonce pe care le-a văzut deja sau care nu sunt mai mari decât ultima.
    .step-1 = ChirpStack: ștergeți valorile DevNonce ale dispozitivului (pagina dispozitivului sau API-ul FlushDevNonces).
    .step-2 = The Things Stack: folosiți „Reset used DevNonces” la dispozitiv (sau activați resets_join_nonces).
    .step-3 = Alternativ, reînregistrați dispozitivul sau lăsați contorul să recupereze (poate dura multe încercări).
    .step-4 = Întrebați producătorul dacă firmware-ul păstrează DevNonce în memorie nevolatilă; dacă îl pierde la fiecare resetare, raportați un defect de firmware.
    .step-5 = Nu este un defect hardware: nu este necesar un RMA.
explain-dev-nonce-reuse = Serverul de rețea refuză join-request-urile dispozitivului deoarece valoarea lor DevNonce a mai fost folosită. După o resetare la setările din fabrică sau o reprovizionare, un dispozitiv poate repeta valori DevNonce pe care serverul de rețea le mai are în memorie.
    .step-1 = ChirpStack: ștergeți valorile DevNonce ale dispozitivului (pagina dispozitivului sau API-ul FlushDevNonces).
    .step-2 = The Things Stack: folosiți „Reset used DevNonces” la dispozitiv.
    .step-3 = Dacă valorile DevNonce se repetă mereu, generatorul de numere aleatoare al dispozitivului este slab: raportați acest lucru producătorului, împreună cu acest raport.
    .step-4 = Nu este în sine un defect hardware: nu este necesar un RMA, decât dacă producătorul confirmă un defect.
explain-tx-failed = Serverul de rețea a acceptat join-request-urile, dar gateway-ul nu a putut transmite join-accept-urile la timp sau deloc (de exemplu TOO_LATE). Dispozitivul nu primește niciodată un răspuns. Problema este la gateway sau la conexiunea sa de backhaul, nu la dispozitiv.
    .step-1 = TOO_LATE: verificați latența conexiunii de backhaul a gateway-ului (ping către serverul de rețea; legăturile celulare și prin satelit sunt adesea prea lente) și luați în considerare un server de rețea mai apropiat de gateway.
    .step-2 = Verificați ceasul, versiunea packet forwarder-ului și configurația de regiune a gateway-ului (TOO_EARLY, TX_FREQ, TX_POWER).
    .step-3 = Verificați gradul de utilizare a duty cycle-ului gateway-ului (DUTY_CYCLE_OVERFLOW).
    .step-4 = Nu este un defect al dispozitivului: fără RMA.
explain-not-received-suspect = Serverul de rețea a răspuns, gateway-ul a transmis join-accept-urile cu semnal bun, iar un dispozitiv de referință funcționează în același loc; totuși acest dispozitiv nu preia niciodată join-accept-ul. Receptorul, antena sau sincronizarea ferestrelor de recepție sunt probabil defecte.
    .step-1 = Asigurați-vă că serverul de rețea folosește versiunea MAC și setările RX implicite ale dispozitivului (întârzierea RX1, rata de date RX2) – vezi detaliile join-accept din constatări.
    .step-2 = Reporniți dispozitivul cu o baterie nouă și testați-l din nou aproape de gateway.
    .step-3 = Dacă tot nu se conectează, returnați dispozitivul (RMA) împreună cu acest raport.
explain-not-received-coverage = Join-accept-urile au fost transmise, dar semnalul dispozitivului ajunge abia peste limita de demodulare, așa că join-accept-urile probabil nu ajung la el. Este o problemă de acoperire.
    .step-1 = Mutați dispozitivul mai aproape de un gateway sau într-o poziție mai bună (mai sus, departe de metal și beton).
    .step-2 = Adăugați un gateway sau o antenă externă.
    .step-3 = Testați dispozitivul lângă gateway: dacă se conectează acolo, nu este defect.
explain-not-received-inconclusive = Join-accept-urile au fost transmise (sau cel puțin s-a răspuns), dar dispozitivul reia mereu join-ul. Dovezile nu arată încă dacă de vină este dispozitivul, calea de downlink sau gateway-ul.
    .step-1 = Includeți în verificare un dispozitiv funcțional din același loc.
    .step-2 = Capturați și topicul event/ack al gateway-ului, pentru a confirma transmiterea join-accept-urilor.
    .step-3 = Verificați versiunea MAC și setările RX pe serverul de rețea.
    .step-4 = Testați dispozitivul lângă gateway.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-fcnt-reset = Contorul de cadre al dispozitivului pornește mereu din nou de la început fără un nou join: dispozitivul se repornește, de obicei din cauza căderilor de tensiune provocate de o baterie slabă sau de o alimentare instabilă, ori din cauza unui defect de firmware.
    .step-1 = Înlocuiți bateria (sau măsurați tensiunea de alimentare sub sarcină) și verificați contactele bateriei.
    .step-2 = Verificați dacă cineva a oprit și a pornit intenționat dispozitivul.
    .step-3 = Dispozitive ABP: asigurați-vă că dispozitivul își păstrează contoarele de cadre după resetare; opțiunea de resetare a contoarelor de pe serverul de rețea este doar o soluție temporară.
    .step-4 = Dacă se repornește în continuare cu o baterie nouă, returnați dispozitivul (RMA).
explain-fcnt-reset-abp = Dispozitivul ABP și-a repornit o dată contorul de cadre de la 0, iar serverul de rețea îi respinge acum cadrele ca reluări. Dispozitivele ABP care nu își păstrează contorul de cadre la o întrerupere a alimentării fac asta după fiecare repornire: este o problemă de configurare, nu un defect.
    .step-1 = Întrebați dacă cineva a oprit și repornit dispozitivul sau i-a schimbat bateria.
    .step-2 = Resetați contorul de cadre al dispozitivului pe serverul de rețea (ChirpStack: setările contorului de cadre ale dispozitivului; The Things Stack: „Reset frame counters”) pentru ca cadrele sale să fie din nou acceptate.
    .step-3 = Mai bine: treceți dispozitivul pe OTAA sau activați în firmware păstrarea contorului de cadre.
    .step-4 = Dacă contorul repornește din nou fără ca cineva să fi atins dispozitivul, suspectați căderi de tensiune sau memoria sa nevolatilă și luați în considerare un RMA.
explain-poor-coverage = Semnalul dispozitivului ajunge prea aproape de limita de demodulare pentru factorul său de împrăștiere (spreading factor), iar unele cadre se pierd. Dispozitivul funcționează, dar se află la limita acoperirii.
    .step-1 = Mutați dispozitivul sau antena într-o poziție mai bună (mai sus, departe de metal și beton).
    .step-2 = Adăugați un gateway mai aproape de dispozitiv.
    .step-3 = Verificați antena și cablul gateway-ului.
    .step-4 = Nu este un defect al dispozitivului: fără RMA.
explain-high-loss = Multe cadre se pierd, deși semnalul sosește cu o marjă bună. Cauza este în rețea (interferențe, capacitatea sau duty cycle-ul gateway-ului) sau dispozitivul nu își transmite toate cadrele.
    .step-1 = Verificați gateway-ul pentru interferențe și încărcare (alte dispozitive, alte rețele pe aceleași canale).
    .step-2 = Verificați conexiunea de backhaul și disponibilitatea gateway-ului în perioada observată.
    .step-3 = Verificați dacă contoarele de cadre sar pentru că dispozitivul omite transmisii (setări de firmware).
    .step-4 = Niciun defect al dispozitivului nu este dovedit: încă fără RMA.
explain-insufficient = Traficul capturat nu este încă suficient pentru o decizie: intervalul este prea scurt sau s-au văzut prea puține cadre. Un verdict acum ar putea învinui partea greșită.
    .step-1 = Continuați observarea cel puțin cât este indicat în rezumatul de mai sus, apoi verificați din nou.
    .step-2 = Capturați atât topicurile de gateway, cât și pe cele de aplicație ale serverului de rețea.
    .step-3 = Includeți în verificare AppKey-urile înregistrate și un dispozitiv funcțional din același loc, pentru a întări dovezile.
    .step-4 = Nu inițiați încă un RMA.
    .tech-1 = rmacheck watch --broker mqtt://HOST:1883 --dev-eui { $eui } --record more.jsonl
    .tech-2 = rmacheck diagnose CAPTURE.jsonl more.jsonl --dev-eui { $eui } --keys KEYS.toml --reference-dev-eui REFERENCE_EUI

## Diagnosis: shared parts of summaries

summary-thin = { $observation } { $needed }: urmăriți încă cel puțin { $duration } ({ $basis }).
summary-answered-no-uplink = Serverul de rețea a răspuns cererii de join #{ $index }, dar intervalul s-a încheiat înainte de primul uplink al dispozitivului: urmăriți încă cel puțin { $duration } ({ $basis }).
summary-not-enough = Traficul înregistrat nu ajunge pentru o decizie: urmăriți încă cel puțin { $duration } ({ $basis }).
n-join-requests = { $n ->
        [one] o cerere de join
        [few] { $n } cereri de join
       *[other] { $n } de cereri de join
    }

## Diagnosis: why that long (the basis of a time to watch)

basis-retry-schedule = conform profilului, dispozitivul așteaptă până la { $duration } între două cereri de join
basis-join-backoff = după 11 h de join-uri eșuate, back-off-ul LoRaWAN permite { $budget } s de emisie la 24 h, adică o cerere de join la SF{ $sf } la fiecare { $duration }
basis-uplink-interval = conform profilului, dispozitivul transmite la fiecare { $duration }
basis-uplink-unknown = intervalul de transmisie este necunoscut (presupus cel mult { $duration })
basis-enough-attempts = s-au observat suficiente încercări
basis-observed-gap = cererile de join ale dispozitivului au venit la aproximativ { $duration } una de alta
basis-visibility = { $basis }, iar gateway-urile recepționează doar aproximativ una din { $factor }
basis-frames-for-loss = pentru o rată de pierderi sunt necesare încă { $frames } uplink-uri, la aproximativ { $duration } unul de altul
basis-more-uplinks = încă { $n } uplink-uri, la aproximativ { $duration } unul de altul
basis-brown-outs-recur = repornirile din cauza căderilor de tensiune se repetă de obicei în una-două zile
basis-observed-uplink = dispozitivul a transmis aproximativ la fiecare { $duration } în captură
basis-stopped-intervals = { $n } intervale de uplink cu toate gateway-urile online

## Diagnosis: frame counter restarts

fcnt-reset-seen = Contorul de cadre a repornit de la zero { $n ->
        [one] o dată
       *[other] de { $n } ori
    } fără un nou join{ $details }{ $dropped ->
        [0] {""}
        [one] , iar serverul de rețea a respins de atunci un cadru (UPLINK_F_CNT_RESET, sau recepționat de gateway-uri, dar niciodată livrat aplicației)
       *[other] , iar serverul de rețea a respins de atunci { $dropped } cadre (UPLINK_F_CNT_RESET, sau recepționate de gateway-uri, dar niciodată livrate aplicației)
    }.
fcnt-reset-details = {" "}({ $list })
fcnt-reset-step = FCnt { $from } → { $to } la #{ $index }
fcnt-reset-reboots = { $seen } Dispozitivul repornește – de cele mai multe ori din cauza căderilor de tensiune la o baterie slabă sau o alimentare insuficientă – și își păstrează sesiunea, dar nu și contoarele.{ $abp ->
        [profile] {" "}Fiind un dispozitiv ABP, trebuie să își păstreze contoarele de cadre după reporniri (LoRaWAN 1.0.4 §4.3.1.5); până când contorul își depășește vechea valoare, serverul de rețea respinge fiecare cadru.
        [maybe] {" "}Dacă este un dispozitiv ABP, trebuie să își păstreze contoarele de cadre după reporniri (LoRaWAN 1.0.4 §4.3.1.5); până când contorul își depășește vechea valoare, serverul de rețea respinge fiecare cadru.
       *[no] {""}
    }
fcnt-reset-needed = O singură repornire poate fi o schimbare de baterie sau o oprire voită – întrebați – și urmăriți dacă se repetă
fcnt-reset-abp-now = { $seen } Dispozitivul nu funcționează acum: serverul de rețea respinge fiecare cadru până când contorul depășește valoarea veche. { $abp ->
        [profile] Dispozitivul este ABP
       *[maybe] Nu s-a văzut niciun join, deci cel mai probabil este un dispozitiv ABP
    }: dispozitivele ABP care nu își păstrează contorul de cadre repornesc de la 0 la fiecare întrerupere a alimentării. Întrebați dacă cineva l-a oprit și repornit sau i-a schimbat bateria; apoi resetați contorul de cadre al dispozitivului pe serverul de rețea (ChirpStack: setările contorului de cadre ale dispozitivului; The Things Stack: „Reset frame counters”) sau, mai bine, treceți-l pe OTAA. Dacă repornește din nou fără ca cineva să-l fi atins, dispozitivul însuși este suspect.
fcnt-reset-otaa-now = { $seen } Dispozitivul nu funcționează acum: serverul de rețea respinge fiecare cadru până când contorul depășește valoarea veche. Un dispozitiv OTAA care își păstrează sesiunea, dar își repornește contorul, pierde contorul la repornire: cauza probabilă este memoria sa nevolatilă sau o repornire din cauza unei căderi de tensiune. Întrebați dacă cineva l-a oprit și repornit; un nou join restabilește traficul deocamdată, iar dacă se repetă fără ca cineva să-l fi atins, returnați-l.

## Diagnosis: join-request MIC failures

key-stale-keys-file = { $requests } nu trec verificarea MIC cu AppKey-ul din fișierul de chei, deși serverul de rețea le-a acceptat: fișierul de chei nu conține cheia înregistrată pe serverul de rețea. Rezultatele MIC locale sunt ignorate; corectați fișierul de chei.
key-mismatch-device = { $requests } nu trec verificarea MIC cu AppKey-ul înregistrat pentru acest dispozitiv{ $ns ->
        [0] {""}
       *[other] {" "}și serverul de rețea a respins { $ns } cu UPLINK_MIC
    }: AppKey-ul programat în dispozitiv diferă de cel înregistrat (adesea o greșeală de ordine a octeților sau un dispozitiv configurat cu altă cheie).
key-mismatch-network-server = Cererile de join sunt valide cu AppKey-ul înregistrat, totuși serverul de rețea a respins { $ns } dintre ele cu UPLINK_MIC: dispozitivul este în regulă; setările serverului de rețea pentru el sunt greșite (versiunea MAC LoRaWAN, un NwkKey setat pentru un dispozitiv LoRaWAN 1.0.x sau cheia introdusă în câmpul greșit).
key-mismatch-unverified = Serverul de rețea a respins { $requests } cu UPLINK_MIC („MIC of join-request is invalid”): AppKey-ul din dispozitiv și cel înregistrat diferă. Rulați din nou cu --keys (AppKey-ul înregistrat) pentru a afla dacă greșeala este în dispozitiv sau pe serverul de rețea.
key-mismatch-join-accept = Serverul de rețea a răspuns la { $requests }, dar join-accept-urile sale nu sunt valide cu AppKey-ul înregistrat: le criptează cu altă cheie (dispozitiv înregistrat ca LoRaWAN 1.1 sau cu un NwkKey setat), așa că dispozitivul le ignoră și reîncearcă.
key-mismatch-needed = Un singur eșec nu ajunge pentru o decizie (sunt necesare cel puțin { $min }, de ex. din cauza unui cache învechit al serverului de rețea)

## Diagnosis: healthy, but the uplinks stopped while a gateway was down

healthy-then-silent = Apoi nimic timp de { $silence } (transmitea cam la fiecare { $interval }).
healthy-gateway-down-needed = Tăcerea cade într-un interval în care un gateway care auzea dispozitivul era căzut, deci nu spune nimic despre dispozitiv: { $check }, apoi observați din nou cu toate gateway-urile funcționale

## Diagnosis: context findings

finding-join-eui-mismatch = Dispozitivul trimite JoinEUI { $sent }, dar fișierul de chei înregistrează { $registered }: { $accepted ->
        [yes] serverul de rețea a acceptat totuși join-ul: ChirpStack găsește un dispozitiv doar după DevEUI și suprascrie JoinEUI-ul stocat, în timp ce The Things Stack ar respinge aceste join-request-uri (identifică dispozitivele după JoinEUI și DevEUI): corectați înregistrarea sau dispozitivul înainte de a-l muta pe alt server de rețea.
       *[no] pe The Things Stack perechea (JoinEUI, DevEUI) trebuie să corespundă înregistrării, așa că aceste join-request-uri nu găsesc niciun dispozitiv (ChirpStack, care găsește dispozitivele doar după DevEUI, le-ar accepta).
    }
finding-profile-mismatch = Profilul { $profile } descrie un dispozitiv ABP, dar dispozitivul trimite join-request-uri (OTAA): verificați modul de activare configurat pe dispozitiv și profilul.
finding-region-mismatch = Profilul { $profile } este pentru { $region }, dar s-au recepționat cadre pe { $frequencies }: dispozitivul sau profilul este pentru altă regiune.
join-history-code = { $code } ×{ $n }
join-history-local-mic = eșec local al MIC ×{ $n }
join-history-tx-failed = join-accept { $status } ×{ $n }
join-history-not-taken = join-accept nepreluat ×{ $n }
finding-join-history = Înainte ca dispozitivul să se alăture rețelei, { $n ->
        [one] 1 join-request a întâmpinat
        [few] { $n } join-request-uri au întâmpinat
       *[other] { $n } de join-request-uri au întâmpinat
    } probleme ({ $problems }). Dispozitivul s-a alăturat ulterior, deci acestea nu mai decid verdictul.
finding-repeated-rejoins = Dispozitivul s-a alăturat din nou de { $n ->
        [one] 1 dată
        [few] { $n } ori
       *[other] { $n } de ori
    } după ce trimisese deja uplink-uri: repornește — verificați bateria sau alimentarea.
link-median-rssi = , RSSI median { $rssi } dBm
finding-link-margin = Marjă de legătură mediană { $margin } dB ({ $band }), cea mai slabă { $worst } dB: SNR median al celui mai bun gateway { $snr } dB la { $sf }{ $rssi }.
finding-packet-loss = Pierdere de { $loss } din golurile contorului de cadre: { $received } recepționate, { $missing } lipsă (duplicatele și retransmisiile excluse; repornirile contorului nu se socotesc pierdere).
reference-last-heard = , ultima dată la { $at }
finding-reference-heard = Dispozitivul de referință { $eui } a fost recepționat în intervalul observat ({ $uplinks ->
        [one] 1 uplink
       *[other] { $uplinks } uplink-uri
    }, { $requests ->
        [one] 1 join-request
       *[other] { $requests } join-request-uri
    }) de gateway-ul { $gateways }{ $last }: gateway-urile și captura funcționează.
finding-reference-not-heard = Dispozitivul de referință { $eui } nu a fost recepționat în intervalul observat: fie nu se află la fața locului, fie gateway-urile, conexiunea lor sau captura sunt căzute. Nu se poate imputa nimic dispozitivului până când referința nu este recepționată.
finding-retransmissions = { $n ->
        [one] 1 cadru a repetat
        [few] { $n } cadre au repetat
       *[other] { $n } de cadre au repetat
    } un contor de cadre anterior (retransmisii sau copii care au ajuns târziu la serverul de rețea{ $logged ->
        [yes] ; înregistrat ca UPLINK_F_CNT_RETRANSMISSION
       *[no] {""}
    }). Este normal și nu se socotește pierdere.
sub-band-range = subbanda { $band } ({ $from }–{ $to } MHz)
finding-sub-band-limited = { $plan }: join-request-urile dispozitivului au fost recepționate doar pe { $n ->
        [one] 1 subbandă
        [few] { $n } subbenzi
       *[other] { $n } de subbenzi
    } ({ $bands }). Un dispozitiv conform își distribuie join-request-urile pe toate cele { $total } subbenzi, deci gateway-urile aud doar aproximativ 1 din { $factor }: join-urile lente sunt de așteptat aici, nu sunt un defect.
join-accept-channels = , canale suplimentare { $mhz } MHz
join-accept-settings = DevAddr { $addr }, NetID { $netid }, întârziere RX1 { $delay } s, decalaj DR RX1 { $offset }, DR RX2 { $rx2 }{ $channels }
join-accept-decrypted = {" "}({ $n } join-accept-uri decriptate)
finding-join-accept-content = Join-accept-ul de la #{ $index } se decriptează cu AppKey-ul înregistrat, deci serverul de rețea are cheia corectă. Atribuie { $settings }{ $count }.
finding-join-accept-optneg = Join-accept-ul setează bitul OptNeg: serverul de rețea tratează dispozitivul ca LoRaWAN 1.1, dar acesta este { $assumed ->
        [yes] presupus LoRaWAN { $mac }
       *[no] LoRaWAN { $mac }
    }. Setați versiunea MAC pe serverul de rețea la { $mac }.

## Timeline notes (report and inspect timeline)

note-same-as = aceeași transmisie ca #{ $index }
note-retransmission = retransmisie: același FCnt ca #{ $index }
note-nonce-reused = DevNonce deja folosit la #{ $index }
note-fcnt-reset = contorul de cadre a repornit (era { $from })
note-new-session = sesiune nouă
note-answers = răspunde la join-request-ul #{ $index }
note-unmatched = niciun join-request corespunzător recepționat
note-ack-for = confirmare de la gateway pentru #{ $index }
note-status-margin = marjă { $margin } dB
note-status-external-power = alimentare externă
note-status-battery = baterie { $percent } %
note-downlink-queued = în coadă
note-downlink-sent = trimis
note-downlink-ack = confirmat de dispozitiv
note-downlink-nack = neconfirmat
note-downlink-failed = eșuat
note-downlink-invalidated = coadă invalidată
note-downlink-error = { $outcome }: { $error }
note-gateway-online = state/conn ONLINE
note-gateway-last-will = state/conn OFFLINE (Last Will)
note-gateway-stats-stopped = ultimul semn de viață: după el, nicio statistică timp de peste { $factor } × { $interval } s
note-gateway-heard-again = recepționat din nou
event-gateway-up = Gateway online
event-gateway-down = Gateway căzut

## diagnose: terminal tables and Markdown

diag-title = Diagnosticul pentru { $eui }
diag-verdict = Verdict
diag-window = Interval
diag-evidence = Dovezi
diag-profile = Profil
diag-reference = Referință
diag-not-observed = Neobservat (tăcerea și pierderile de aici nu sunt ale dispozitivului)
diag-gap = { $from } – { $to } ({ $reason }: { $lost ->
        [yes] este posibil să se fi pierdut mesaje
       *[no] brokerul a păstrat sesiunea; mesajele din coadă au urmat
    })
diag-findings = Constatări
diag-severity = Gravitate
diag-stats = Contoare
diag-counter = Contor
diag-value = Valoare
diag-malformed = Mesaje eronate
diag-malformed-intro = { $n } numărate; primele { $listed } cu motivele lor:
diag-source = Sursă
diag-reason = Motiv
diag-sufficient = suficient
diag-not-sufficient = insuficient
diag-watch-more = insuficient: observați încă cel puțin { $duration }
diag-none = niciunul
diag-none-named = niciunul indicat
diag-no-profile = niciun profil indicat: se presupune LoRaWAN 1.0.3 (DevNonce aleatorii); join-request-uri până la SF12, limitate doar de back-off-ul de join LoRaWAN; intervalul uplink-urilor necunoscut (se presupune cel mult { $duration }); OTAA sau ABP se deduce din trafic
diag-reference-heard = { $eui } recepționat ({ $uplinks } uplink-uri, { $requests } join-request-uri, gateway-uri { $gateways })
diag-reference-not-heard = { $eui } NU a fost recepționat în interval
diag-in-all = … ({ $n } în total)
diag-stat-join-requests = join-request-uri
diag-stat-join-accepts = join-accept-uri (trimise / eșuate)
diag-stat-dev-nonces = DevNonce (distincte / refolosite)
diag-stat-uplinks = uplink-uri
diag-stat-fcnt = FCnt primul / ultimul
diag-stat-fcnt-missing = FCnt lipsă / reporniri
diag-stat-retransmissions = retransmisii
diag-stat-gateways = gateway-uri (căzute în interval)
diag-stat-rssi = RSSI min. / median / max.
diag-stat-snr = SNR min. / median / max.
diag-stat-log-codes = coduri de jurnal ale serverului de rețea
diag-stat-malformed = mesaje eronate

## Text that has no catalog message (shown as given)

raw-text = { $text }

## Activation attestation (report.json "activation"; criteria in docs/for-shops.md)

activation-heading = Încercare de activare
activation-properly-attempted = Activarea a fost încercată corespunzător: { $n ->
    [one] o încercare
    [few] { $n } încercări
   *[other] { $n } de încercări
} în { $span }; înregistrarea și cheile nu sunt cauza.
activation-configuration-fault = Activarea a fost încercată ({ $n ->
    [one] o încercare
    [few] { $n } încercări
   *[other] { $n } de încercări
}), dar s-a găsit o eroare de configurare ({ $fault }): remediați-o înainte de orice RMA.
activation-insufficient-evidence = Activarea a fost încercată ({ $n ->
    [one] o încercare
    [few] { $n } încercări
   *[other] { $n } de încercări
} în { $span }), dar dovezile sunt încă insuficiente: continuați observarea cel puțin { $more }.
activation-no-attempt-heard = Nu s-a recepționat nicio încercare de activare: verificați alimentarea, amplasarea lângă un gateway și regiunea/planul de frecvențe.
activation-minutes = { $n ->
    [one] un minut
    [few] { $n } minute
   *[other] { $n } de minute
}
activation-hours = { $n ->
    [one] o oră
    [few] { $n } ore
   *[other] { $n } de ore
}
activation-days = { $n ->
    [one] o zi
    [few] { $n } zile
   *[other] { $n } de zile
}

## Diagnosis: gateways that went offline

gateway-offline-check = verificați alimentarea gateway-ului, conexiunea sa (Ethernet, Wi-Fi sau celulară) și dacă packet forwarder-ul / gateway bridge-ul său rulează
gateway-offline-stats-stopped = statisticile sale s-au oprit după #{ $index } (trimise la fiecare { $interval }; niciuna timp de peste { $factor } intervale)
gateway-offline-last-will = Last Will-ul său, state/conn OFFLINE la #{ $index }{ $last }
gateway-offline-last-life = , ultimele statistici sau ultimul trafic la #{ $index }
gateway-offline-back = revenit la { $at } (#{ $index }, după { $duration })
gateway-offline-still-offline = încă offline la sfârșitul perioadei
gateway-offline-period = a trecut offline la { $at } ({ $how }), { $back }
gateway-offline-then = { $first }; apoi { $rest }
gateway-offline-sentence = Gateway-ul { $gateway } { $periods }.
finding-gateway-offline = { $sentence } Cât timp a fost căzut, nu a putut auzi dispozitivul: { $check }, înainte de a da vina pe dispozitiv.

## Diagnosis: no radio activity

sentence-join = { $first } { $rest }
no-activity-nothing-heard = Nu s-a auzit nimic de la dispozitiv în { $duration }.
no-activity-gateway-offline = Cât timp un gateway care poate auzi dispozitivul este căzut, tăcerea dispozitivului nu dovedește nimic despre dispozitiv: { $check }, apoi urmăriți din nou cu toate gateway-urile funcționale.
no-activity-offline-reference-heard = Dispozitivul de referință { $eui } a fost auzit, dar numai prin gateway-uri care au rămas funcționale; asta nu arată că gateway-ul offline recepționa.
no-activity-reference-receives = Dispozitivul de referință { $eui } a fost auzit { $n ->
        [one] o dată
        [few] de { $n } ori
       *[other] de { $n } de ori
    } de gateway-ul { $gateways } în aceeași perioadă, deci gateway-urile recepționează: dispozitivul nu transmite sau transmite în afara canalelor gateway-urilor. Verificați alimentarea și bateria, apoi setările de regiune și sub-bandă, înainte de a-l trimite înapoi.
no-activity-too-short = Este prea scurt pentru a da vina pe dispozitiv: { $basis }. Urmăriți încă cel puțin { $duration }.
no-activity-reference-heard = Dispozitivul de referință { $eui } a fost auzit, deci gateway-urile recepționează.
no-activity-reference-not-heard = Nici dispozitivul de referință { $eui } nu a fost auzit: gateway-urile, conexiunea lor sau captura pot fi căzute.
no-activity-no-reference = Nu a fost indicat niciun dispozitiv de referință, deci o cădere a unui gateway sau a conexiunii nu poate fi exclusă: indicați cu --reference-dev-eui un dispozitiv funcțional cunoscut de pe amplasament.

## Diagnosis: join-requests without an answer (device not registered)

not-registered-too-late = { $n ->
        [one] 1 cerere de join a sosit
        [few] { $n } cereri de join au sosit
       *[other] { $n } de cereri de join au sosit
    } la sfârșitul perioadei, prea târziu pentru a vedea răspunsul serverului de rețea.
not-registered-needed-any = Sunt necesare cel puțin { $min } cereri de join, cu sau fără răspuns
not-registered-span = {" "}în { $duration }
not-registered-seen = { $n ->
        [one] 1 cerere de join
        [few] { $n } cereri de join
       *[other] { $n } de cereri de join
    } (JoinEUI { $join_eui }){ $span }, { $n ->
        [one] auzită
       *[other] auzite
    } de { $gateways ->
        [one] 1 gateway
        [few] { $gateways } gateway-uri
       *[other] { $gateways } de gateway-uri
    }, nu { $n ->
        [one] a primit
       *[other] au primit
    } niciun răspuns de la serverul de rețea și nicio eroare de cheie.
not-registered-join-eui-differs = Fișierul de chei înregistrează JoinEUI { $registered }, dar dispozitivul trimite { $join_eui }.
not-registered-mic-valid = MIC-ul cererii de join se verifică cu AppKey-ul înregistrat, deci cheile sunt corecte.
finding-ns-errors-not-visible = Nu s-au capturat evenimente de jurnal ale serverului de rețea pentru acest dispozitiv și nu s-a furnizat niciun AppKey, deci o eroare de cheie (UPLINK_MIC) ar arăta la fel ca un dispozitiv necunoscut: capturați topicul aplicației (…/event/log) sau transmiteți --keys pentru a o exclude.
not-registered-conclusion = { $seen } Serverul de rețea nu cunoaște acest DevEUI/JoinEUI: dispozitivul nu este înregistrat, este înregistrat cu alt JoinEUI sau pe alt server de rețea.
not-registered-needed = Sunt necesare cel puțin { $min } cereri de join fără răspuns înainte de a da vina pe înregistrare

## Diagnosis: DevNonce refused

devnonce-list = , DevNonce { $list }
devnonce-refused = Serverul de rețea a refuzat { $requests } deoarece DevNonce-ul era deja folosit (cod de jurnal OTAA{ $nonces }).
devnonce-reused = { $n ->
        [one] 1 cerere de join refolosește
        [few] { $n } cereri de join refolosesc
       *[other] { $n } de cereri de join refolosesc
    } un DevNonce pe care serverul de rețea l-a văzut deja (DevNonce { $list }) și nu { $n ->
        [one] a primit
       *[other] au primit
    } niciun răspuns.
devnonce-counter-restarted = Contorul DevNonce a repornit la #{ $index } (de la { $from } la { $to }): dispozitivul nu își păstrează DevNonce-ul după resetări, așa cum cere LoRaWAN 1.0.4.
devnonce-counting-seen-before = DevNonce-urile cresc, dar serverul de rețea le-a văzut deja: contorul DevNonce al dispozitivului a pornit din nou de la o valoare mai mică (LoRaWAN 1.0.4 cere ca acesta să se păstreze după resetări).
devnonce-ns-counter = ChirpStack respinge orice DevNonce pe care l-a stocat pentru dispozitiv până când contorul le depășește pe toate; The Things Stack respinge orice DevNonce care nu este mai mare decât ultimul.
devnonce-ns-random = ChirpStack respinge orice DevNonce pe care l-a stocat pentru dispozitiv; The Things Stack le reține pe ultimele 10 (LoRaWAN 1.0.3 și versiunile anterioare folosesc DevNonce-uri aleatoare).
devnonce-needed-refusals = Sunt necesare cel puțin { $min } refuzuri
devnonce-needed-attempts = Fără un jurnal al serverului de rețea, sunt necesare cel puțin { $min } astfel de încercări

## Diagnosis: join-accepts the gateway could not send

tx-failed-seen = Serverul de rețea a acceptat cererile de join, dar gateway-ul { $gateways } nu a putut transmite { $n ->
        [one] 1 join-accept
        [few] { $n } join-accept-uri
       *[other] { $n } de join-accept-uri
    } ({ $statuses }): dispozitivul nu a primit niciodată un răspuns. { $hint }.
tx-failed-needed = O singură transmisie eșuată poate fi o întârziere trecătoare a conexiunii; sunt necesare cel puțin { $min }
tx-hint-too-late = TOO_LATE: join-accept-ul a ajuns la gateway după momentul său de transmisie — verificați latența conexiunii gateway-ului (legături celulare sau prin satelit, un server de rețea îndepărtat)
tx-hint-too-early = TOO_EARLY: join-accept-ul a sosit prea devreme față de momentul său de transmisie — verificați ceasul gateway-ului și versiunea packet forwarder-ului
tx-hint-collision = O coliziune cu un alt downlink sau beacon programat pe gateway
tx-hint-freq-power = Gateway-ul nu suportă frecvența sau puterea cerută — verificați dacă setările de regiune ale gateway-ului și ale serverului de rețea se potrivesc
tx-hint-gps-unlocked = Gateway-ul nu are sincronizare de timp GPS
tx-hint-duty-cycle = Gateway-ul și-a epuizat bugetul de duty cycle — prea multe downlink-uri pe acest gateway
tx-hint-internal = O eroare internă a gateway-ului (coadă plină sau defect al packet forwarder-ului) — reporniți sau actualizați software-ul gateway-ului
tx-hint-other = Verificați jurnalul packet forwarder-ului gateway-ului

## Diagnosis: join-accepts the device does not take

margin-band-below-floor = sub pragul de demodulare
margin-band-marginal = la limită, 0–10 dB
margin-band-adequate = adecvată, ≥ 10 dB
not-received-answered = Serverul de rețea a răspuns la { $n ->
        [one] 1 cerere de join
        [few] { $n } cereri de join
       *[other] { $n } de cereri de join
    }, totuși dispozitivul a continuat să trimită cereri de join noi și nu a sosit niciun uplink dintr-o sesiune nouă.
not-received-low-margin = Cererile sale de join ajung doar cu { $margin } dB peste pragul de demodulare { $sf }({ $band }): probabil join-accept-urile se sting înainte de a ajunge la dispozitiv — îmbunătățiți acoperirea.
not-received-below-floor = Cererile sale de join ajung cu { $margin } dB sub pragul { $sf }de demodulare: probabil join-accept-urile se sting înainte de a ajunge la dispozitiv — îmbunătățiți acoperirea.
not-received-no-tx-ack = Nu s-a capturat nicio confirmare TX de la gateway pentru aceste răspunsuri, deci nu se știe dacă au fost trimise: capturați și topicul event/ack al gateway-ului.
not-received-margin-unknown = Marja legăturii este necunoscută (niciun SNR raportat), deci o problemă de acoperire nu poate fi exclusă.
not-received-receive-path = Cererile sale de join ajung cu { $margin } dB peste pragul de demodulare { $sf }(marjă adecvată), iar dispozitivul de referință { $eui } este auzit pe același amplasament, deci calea de recepție a dispozitivului (radio, antenă, sincronizare RX) este suspectă.
not-received-no-reference = Cererile sale de join ajung cu { $margin } dB peste pragul de demodulare { $sf }(marjă adecvată), dar niciun dispozitiv de referință nu a fost auzit, deci o problemă de downlink pe partea gateway-ului nu poate fi exclusă: indicați cu --reference-dev-eui un dispozitiv funcțional cunoscut de pe amplasament.
not-received-needed = Sunt necesare cel puțin { $min } join-accept-uri ignorate

## Diagnosis: poor coverage

sf-floor = SF{ $sf }, prag { $floor } dB
sf-unknown = SF necunoscut
coverage-seen = { $loss } din cadre s-au pierdut (lipsesc { $missing } din { $frames } contoare de cadre), iar marja mediană a legăturii este de { $margin } dB peste pragul de demodulare ({ $sf }; { $band }).
coverage-seen-below-floor = { $loss } din cadre s-au pierdut (lipsesc { $missing } din { $frames } contoare de cadre), iar marja mediană a legăturii este de { $margin } dB sub pragul de demodulare ({ $sf }).
coverage-edge = { $seen } Dispozitivul este la limita acoperirii: mutați-l, dați antenei o poziție mai bună sau adăugați un gateway în apropiere.
coverage-needed = O cifră de pierdere necesită cel puțin { $min } cadre

## Diagnosis: high packet loss

loss-margin-unknown = necunoscută (niciun SNR raportat)
loss-margin = de { $margin } dB peste pragul de demodulare ({ $sf }; adecvată)
loss-seen = { $loss } din cadre s-au pierdut (lipsesc { $missing } din { $frames } contoare de cadre; până la { $normal } este normal), deși marja mediană a legăturii este { $margin }.
loss-not-coverage = { $seen } Nu este o problemă de acoperire: căutați interferențe, limite de capacitate sau de duty cycle ale gateway-ului ori coliziuni cu alte dispozitive.

## Diagnosis: healthy

healthy-devaddr = {" "}(DevAddr { $addr })
healthy-loss = ; pierderi { $loss } ({ $missing } lipsă; până la { $normal } este normal)
healthy-margin = ; marja mediană a legăturii { $margin } dB ({ $sf }; { $band })
healthy-seen = Dispozitivul este activat{ $addr } și a trimis { $uplinks ->
        [one] 1 uplink
       *[other] { $uplinks } uplink-uri
    } prin { $gateways ->
        [one] 1 gateway
       *[other] { $gateways } gateway-uri
    }{ $loss }{ $margin }.
healthy-needed = Sunt necesare cel puțin { $min } uplink-uri pentru a-l declara funcțional

# verdicts

no-activity-not-observed = Timp de { $unobserved } din acest interval nu s-au observat mesaje (vezi intervalele neobservate), deci contează doar { $observed }.
basis-silent-join-backoff = nimic nu arată de cât timp încearcă dispozitivul să facă join, iar după mai mult de 11 h de încercări eșuate back-off-ul LoRaWAN îi permite doar { $budget } s de emisie la 24 h, adică o cerere de join la SF{ $sf } la fiecare { $duration }
not-received-sent-of = Gateway-ul a raportat { $sent ->
        [one] 1 join-accept trimis
        [few] { $sent } join-accept-uri trimise
       *[other] { $sent } de join-accept-uri trimise
    }, totuși dispozitivul a răspuns la { $ignored ->
        [one] unul dintre ele
        [few] { $ignored } dintre ele
       *[other] { $ignored } dintre ele
    } cu o nouă cerere de join și nu a sosit niciun uplink dintr-o sesiune nouă.
report-malformed-heading = Mesaje incorecte: primele { $listed } din { $n }
report-malformed-note = # este poziția mesajului în capturile citite (mesajele incorecte nu sunt dovezi pentru niciun dispozitiv și nu se află în evidence.jsonl); motivele sunt mesaje tehnice ale rmacheck.

# terminal tables: the malformed messages
table-malformed-first = Mesaje malformate (primele { $listed } din { $n })
table-malformed-all = Mesaje malformate ({ $n })
table-malformed-source = sursă
table-malformed-reason = motiv

# malformed messages: why a payload could not be decoded (field names, values and the
# decoders' own messages are quoted as they are)
malformed-not-text = { $what } nu este text UTF-8 ({ $reason }); { $hint }
malformed-json = { $what } nu se citește cum era de așteptat: { $reason }; { $hint }
malformed-base64 = { $field } nu este base64 valid ({ $reason }): '{ $value }'
malformed-bad-value = { $field } '{ $value }': { $expected }
malformed-port = { $field } { $port } este în afara intervalului: porturile LoRaWAN sunt 0-255
malformed-empty = sarcină utilă goală pe '{ $topic }': nimic de decodat (un mesaj reținut gol doar șterge copia brokerului; verificați producătorul dacă se repetă)
malformed-gw-up-no-phy = event/up de gateway fără phyPayload: un cadru uplink fără octeții săi nu poate fi folosit
malformed-gw-up-proto-no-phy = event/up de gateway (Protobuf) fără phyPayload: sarcina utilă probabil nu este un UplinkFrame
malformed-down-item-no-phy = elementul { $index } din command/down nu are phyPayload
malformed-down-no-items = command/down de gateway fără elemente: gateway-ului nu i s-a cerut nimic
malformed-down-proto-no-items = command/down de gateway (Protobuf) fără elemente: gateway-ului nu i s-a cerut nimic
malformed-conn-state = state/conn de gateway are starea '{ $state }': se așteaptă ONLINE sau OFFLINE
malformed-conn-state-number = state/conn de gateway are starea { $state }: se așteaptă 0 (OFFLINE) sau 1 (ONLINE)
malformed-gw-not-protobuf = { $topic } de gateway nu este nici JSON, nici un mesaj Protobuf valid ({ $reason }); se așteaptă o sarcină utilă ChirpStack Gateway Bridge / MQTT Forwarder
malformed-app-not-json = event/{ $kind } de aplicație nu este JSON: rmacheck citește integrarea MQTT ChirpStack cu json=true (setați-o în secțiunea [integration.mqtt] din chirpstack.toml)
malformed-v3-not-json = evenimentul de aplicație ChirpStack v3 { $kind } nu este JSON: rmacheck citește marshalerele „json” și „json_v3”, nu „protobuf” (schimbați-l în setările integrării)
malformed-topic-dev-eui = DevEUI din topic '{ $value }' nu are nici 16 cifre hexazecimale, nici forma base64 a 8 octeți, iar sarcina utilă nu are { $field }
malformed-rx-no-gateway = rxInfo[{ $index }] nu are { $field }: o recepție are nevoie de gateway-ul ei
malformed-tts-no-content = mesajul The Things Stack { $kind } nu are nici uplink_message, nici join_accept, nici downlink_*; { $hint }
malformed-tts-no-dev-eui = mesajul The Things Stack pentru dispozitivul '{ $device }' nu indică niciun DevEUI: end_device_ids.dev_eui lipsește, iar ID-ul dispozitivului nu are forma eui-<16 cifre hexazecimale>; dați dispozitivului un DevEUI în The Things Stack sau înregistrați-i uplink-urile, care îl conțin
malformed-tts-rx-no-gateway = uplink_message.rx_metadata[{ $index }] nu are gateway_ids: o recepție are nevoie de gateway-ul ei
malformed-tts-nested-result = un înveliș {"{"}"result": …{"}"} într-un eveniment înregistrat: înregistrați evenimentul însuși
malformed-tts-event-no-gateway = { $name } nu numește niciun gateway în identificatorii săi; { $hint }
malformed-tts-event-no-dev-eui = { $name } nu indică niciun DevEUI: identifiers[].device_ids nu are dev_eui, iar ID-ul dispozitivului nu are forma eui-<16 cifre hexazecimale>; abonați-vă cu identificatorii dispozitivului
malformed-what-gateway = JSON-ul { $topic } de gateway
malformed-what-application = event/{ $kind } de aplicație
malformed-what-v3-application = evenimentul de aplicație ChirpStack v3 { $kind }
malformed-what-tts = mesajul The Things Stack { $kind }
malformed-what-tts-event = evenimentul The Things Stack
malformed-what-tts-event-named = evenimentul The Things Stack { $name }
malformed-hint-chirpstack-gateway = se așteaptă o sarcină utilă ChirpStack Gateway Bridge / MQTT Forwarder (JSON sau Protobuf)
malformed-hint-tts = se așteaptă un mesaj ApplicationUp de la The Things Stack v3
malformed-hint-v3 = se așteaptă un eveniment de aplicație ChirpStack v3 (marshaler „json” sau „json_v3”)
malformed-hint-chirpstack-application = se așteaptă un eveniment de aplicație ChirpStack v4 (integrare MQTT cu json=true)
malformed-hint-tts-events = se așteaptă un eveniment The Things Stack (ttn.lorawan.v3.Event), așa cum îl scriu API-ul Events, exportul „Export as JSON” din consolă sau ttn-lw-cli events subscribe
malformed-expected-eui = nici 16 cifre hexazecimale, nici forma base64 a 8 octeți
malformed-expected-dev-addr = nici 8 cifre hexazecimale, nici forma base64 a 4 octeți
malformed-expected-time = nu este un marcaj de timp RFC 3339 ({ $reason })
malformed-expected-duration = nu este o durată precum „5s”

## Capture lines and gap records that could not be read
malformed-line-at = { $file }:{ $line }: { $error }
malformed-line-not-json = nu este un obiect JSON ({ $reason }); { $hint }
malformed-line-not-object = nu este un obiect JSON; { $hint }
malformed-line-hint-one-object = fiecare linie trebuie să fie un singur obiect JSON, așa cum îl scriu `rmacheck watch --record` sau `mosquitto_sub -F %j` / `-F %J` (fără --pretty)
malformed-line-field-empty = „{ $field }” este gol
malformed-line-field-not-string = „{ $field }” trebuie să fie un șir de caractere
malformed-line-field-missing = „{ $field }” lipsește
malformed-line-field-not-time-string = „{ $field }” trebuie să fie un șir în formatul RFC 3339
malformed-line-field-not-base64-string = „{ $field }” trebuie să fie un șir base64
malformed-line-not-base64 = „{ $field }” nu este base64 standard ({ $reason })
malformed-line-field-missing-mosquitto = „{ $field }” lipsește (linie mosquitto_sub -F %j / %J)
malformed-line-no-format = nu este o linie de captură: se așteaptă received_at, topic, payload_b64 (rmacheck) sau tst, topic, payload (mosquitto_sub -F %j / -F %J)
malformed-line-not-rfc3339 = „{ $field }” nu este o oră RFC 3339 ({ $reason }); scrieți de ex. 2026-11-21T09:00:00.123456Z
malformed-line-not-unix-time = „{ $field }” { $value } nu este o oră Unix
malformed-line-not-mosquitto-time = „{ $field }” '{ $value }' nu este o oră mosquitto_sub ({ $reason })
malformed-line-tst-type = „{ $field }” trebuie să fie o oră ca șir de caractere sau în secunde Unix
malformed-line-payload-cut = sarcina utilă are { $length } octeți, dar linia conține doar { $held }: mosquitto_sub -F %j taie sarcinile binare la primul octet zero; înregistrați cu `rmacheck watch --record`
malformed-line-payload-not-extracted = valoarea „{ $field }” nu a putut fi extrasă
malformed-line-too-long-skipped = linia este mai lungă de { $limit } (cea mai lungă linie citită); linia a fost sărită
malformed-line-too-long-no-end = linia este mai lungă de { $limit } (cea mai lungă linie citită); nu urmează niciun sfârșit de linie, deci acesta nu este un fișier de captură; restul fișierului a fost sărit
malformed-line-limit-bytes = { $n } octeți
malformed-line-read-error = eroare de citire: { $reason }; restul fișierului a fost sărit
malformed-line-spool-error = evenimentele nu pot fi păstrate într-un fișier temporar ({ $reason }); eliberați spațiu în directorul temporar sau setați TMPDIR la un director cu spațiu suficient; evenimentele fișierului au fost sărite
malformed-line-not-utf8 = nu este text UTF-8 (primul octet nevalid la poziția { $position }); mosquitto_sub -F %j scrie sarcinile binare brute — înregistrați cu `rmacheck watch --record`
malformed-gap-not-record = nu este o înregistrare de lipsă ({ $reason }); aceste înregistrări le scrie `rmacheck watch --record`
malformed-gap-backwards = înregistrarea de lipsă se termină înainte să înceapă
malformed-line-event-not-object = nu este un obiect JSON: se așteaptă un eveniment The Things Stack
malformed-line-event-api-error = API-ul Events a raportat o eroare în loc de un eveniment: { $reason }
malformed-line-event-no-field = evenimentul nu are „{ $field }”: se așteaptă un eveniment The Things Stack
malformed-line-event-not-rfc3339 = evenimentul { $name }: „{ $field }” nu este o oră RFC 3339 ({ $reason })
malformed-line-event-missing = evenimentul { $name } nu are „{ $field }”
malformed-line-not-json-value = JSON nevalid ({ $reason })
malformed-line-reason = { $reason }
