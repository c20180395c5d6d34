# rmacheck message catalog: French.
#
# One file per language (en.ftl is the reference); ids and named arguments are the same in
# every file. Syntax: https://projectfluent.org/fluent/guide/

## Report labels

label-title = Rapport de diagnostic RMA
label-generated = Établi le
label-tool = Outil
label-section-rma = Demande de retour
label-order-number = Numéro de commande
label-device-name = Nom de l'appareil
label-model = Modèle
label-serial-number = Numéro de série
label-join-eui-observed = JoinEUI (d'après les requêtes join de l'appareil)
label-delivery-date = Date de livraison
label-reason = Motif du retour
label-support-ticket = Ticket de support du revendeur
label-manufacturer-ticket = Ticket chez le fabricant
label-factory-reset = Réinitialisé aux paramètres d'usine et dissocié des comptes
label-yes = Oui
label-no = Non
label-accessories = Accessoires joints
label-none = —
label-contact = Contact
label-name = Nom
label-email = Courriel
label-phone = Téléphone
label-section-description = Description du problème
label-before = Ce qui a été fait avant l'apparition du problème
label-problem = Problème constaté
label-steps-taken = Mesures déjà prises
label-section-warranty = Délais et garanties au { $date }
label-withdrawal = Délai de rétractation (14 jours)
label-voluntary-warranty = Garantie commerciale (12 mois)
label-statutory-liability = Garantie légale de conformité (24 mois)
label-within = en cours — jusqu'au { $date }
label-expired = a pris fin le { $date }
label-section-photos = Photos
label-view = Vue
label-file = Fichier
label-no-photos = Aucune photo jointe.
label-section-diagnosis = Diagnostic
label-verdict = Conclusion
label-class = Catégorie
label-assessment = Appréciation pour le retour
label-explanation = Explication
label-next-steps = Prochaines étapes
label-section-warnings = Remarques
label-section-findings = Constats
label-severity = Gravité
label-code = Code
label-observed = Observation
label-evidence-refs = Preuves (n° de message)
label-no-findings = Aucun constat.
label-section-stats = Compteurs
label-section-charts = Graphiques
label-chart-rssi = RSSI dans le temps (dBm, meilleure passerelle par message)
label-chart-snr = SNR dans le temps (dB, meilleure passerelle par message)
label-chart-joins = Tentatives de join et réponses dans le temps
label-no-data = aucune donnée
label-section-timeline = Chronologie
label-time-utc = Heure (UTC)
label-event = Événement
label-gateway = Passerelle
label-details = Détails
label-rows-omitted = … { $n } lignes ne sont pas affichées ici ; la chronologie complète figure dans report.json.
label-timeline-latest = La chronologie et les graphiques ne montrent que les { $n } derniers événements de l'appareil, le maximum qu'un rapport conserve ; les compteurs et le verdict couvrent chaque message de evidence.jsonl.
label-no-events = Aucun message de cet appareil pendant la période d'observation.
label-section-evidence = Éléments de preuve
label-window = Période d'observation (UTC)
label-capture-messages = Messages dans les captures
label-evidence-messages = Messages dans evidence.jsonl
label-reference-note = evidence.jsonl contient aussi { $n } messages de l'appareil de référence { $eui } (un appareil en bon état sur le même site, inclus pour montrer que les passerelles recevaient).
label-keys-supplied = Des AppKeys ont été fournies pour la vérification des MIC ; les clés elles-mêmes ne font pas partie de ce rapport.
label-keys-not-supplied = Aucune AppKey n'a été fournie ; les codes d'intégrité (MIC) n'ont pas été vérifiés localement.
label-profile = Profil d'appareil
label-profile-generic = valeurs attendues génériques
label-index-note = Les numéros de message désignent la ligne dans evidence.jsonl, comptée à partir de 0.
label-section-verification = Vérification
label-evidence-sha256 = SHA-256 de evidence.jsonl
label-diagnosis-sha256 = SHA-256 du diagnostic (JSON canonique)
label-signed-by = Signé par
label-fingerprint = Empreinte de la clé
label-namespace = Espace de noms de la signature
label-verify-intro = Vérifier la signature avec OpenSSH (Linux, macOS, Git Bash) :
label-verify-windows = Sous Windows, utilisez cmd et non PowerShell (les pipes PowerShell modifient les octets) :
label-verify-binding = report.json est l'original signé : il contient le SHA-256 de ce document et de tous les autres fichiers du dossier ; après la vérification de la signature, `rmacheck verify DIR` (ou sha256sum) confirme chaque fichier.
label-redactions = Ce rapport et son dossier ne contiennent aucune AppKey, aucun mot de passe ni aucune clé privée.
label-summary = Résumé
label-for-technician = Pour le technicien : commandes qui recueillent ou vérifient d'autres éléments
label-details-follow = Les constats, compteurs, graphiques et la chronologie figurent aux pages suivantes.
label-invoice-number = Numéro de facture
label-support-validation = Validé avec le support technique
label-manufacturer = Fabricant
label-rma-route = Circuit RMA
label-section-extra = Autres informations demandées par le revendeur
label-section-parcel = Étiquette du colis
label-sender = Expéditeur
label-contact-person = Personne à contacter
label-return-reference = Numéro de ticket / RMA
label-section-attachments = Pièces jointes
label-kind = Document
label-no-attachments = Aucun document joint.
route-manufacturer = Le fabricant { $manufacturer } traite lui-même ce retour (son ticket { $ticket }) : envoyez l'appareil selon les instructions RMA du fabricant, avec ce rapport.
route-shop = Le revendeur traite ce retour d'un appareil { $manufacturer } et s'adresse lui-même au fabricant ; si le revendeur vous demande plutôt de passer par le service RMA du fabricant, indiquez ce ticket dans manufacturer_ticket.
attachment-invoice = Facture d'achat
attachment-delivery-note = Bon de livraison
attachment-other = Autre document

## Return reasons

reason-defect = Défaut
reason-wrong-order = Erreur de commande
reason-wrong-delivery = Mauvais article livré
reason-withdrawal = Rétractation

## Photo views

view-closed = fermé
view-open = ouvert

## Finding severities

severity-info = Info
severity-warning = Avertissement
severity-error = Erreur

## Verdict classes and what they mean for the return

class-healthy = aucun défaut
assessment-healthy = Aucun défaut n'a été trouvé : ces éléments ne justifient pas un retour pour défaut.
class-configuration = configuration
assessment-configuration = Un problème de configuration, pas un défaut matériel : corrigez les réglages ; un retour n'y changera rien.
class-network = réseau
assessment-network = Un problème de réseau, pas un défaut matériel : vérifiez la passerelle et sa connexion ; un retour n'y changera rien.
class-coverage = couverture radio
assessment-coverage = Un problème de couverture radio : améliorez la liaison avant d'envisager un retour.
class-device-suspect = appareil suspect
assessment-device-suspect = L'appareil lui-même est suspect : un retour est justifié.
class-inconclusive = non concluant
assessment-inconclusive = Non concluant : recueillez davantage de données avant de décider d'un retour.

## Verdict titles

verdict-healthy = L'appareil fonctionne normalement
verdict-no-radio-activity = Aucune activité radio de l'appareil
verdict-join-key-mismatch = Échec du join : l'AppKey ne correspond pas
verdict-join-not-registered = Join sans réponse : appareil non enregistré
verdict-devnonce-rejected = Join refusé : DevNonce réutilisé
verdict-join-accept-tx-failed = La passerelle n'a pas pu envoyer le join-accept
verdict-join-accept-not-received = Join-accept envoyé mais non reçu par l'appareil
verdict-frame-counter-reset = Le compteur de trames repart de zéro (redémarrages)
verdict-poor-coverage = Couverture radio insuffisante
verdict-high-packet-loss = Perte de paquets élevée
verdict-insufficient-evidence = Données insuffisantes pour conclure

## Timeline event kinds

event-join-request = Requête join
event-join-accept = Join-accept (planifié)
event-join-accept-tx = Join-accept, résultat d'émission de la passerelle
event-uplink = Trame montante
event-app-uplink = Trame montante (application)
event-app-join = Join (application)
event-ns-log = Message du serveur réseau
event-downlink = Trame descendante
event-downlink-tx = Trame descendante, résultat d'émission de la passerelle
event-status = État de l'appareil

## Counters

stat-join-requests = Requêtes join
stat-join-accepts = Join-accepts planifiés
stat-join-accept-tx-ok = Join-accepts émis
stat-join-accept-tx-failed = Join-accepts non émis (erreur de passerelle)
stat-dev-nonces-distinct = DevNonces distincts
stat-dev-nonces-reused = DevNonces réutilisés
stat-uplinks = Trames montantes (distinctes)
stat-fcnt-first = Premier compteur de trames
stat-fcnt-last = Dernier compteur de trames
stat-fcnt-missing = Trames manquantes
stat-fcnt-resets = Redémarrages du compteur de trames
stat-retransmissions = Réémissions
stat-gateways = Passerelles ayant reçu l'appareil
stat-rssi-dbm = RSSI min / médiane / max (dBm)
stat-snr-db = SNR min / médiane / max (dB)
stat-ns-log-codes = Codes de message du serveur réseau
stat-malformed-messages = Messages non décodables
stat-gateways-offline = Passerelles hors ligne pendant la période
stat-fcnt-missing-unobserved = Trames manquantes hors période observée

## Report warnings

warning-photo-missing-closed = Aucune photo de l'appareil fermé n'est jointe ; les revendeurs demandent généralement des photos de l'appareil fermé et ouvert.
warning-photo-missing-open = Aucune photo de l'appareil ouvert n'est jointe ; les revendeurs demandent généralement des photos de l'appareil fermé et ouvert.
warning-join-eui-mismatch = Le fichier RMA indique le JoinEUI { $rma }, mais les requêtes join de l'appareil portent { $observed }.
warning-withdrawal-period-over = Le motif est la rétractation, mais le délai de rétractation de 14 jours a pris fin le { $date }.
warning-liability-period-over = Le motif est un défaut, mais la garantie légale de conformité de 24 mois a pris fin le { $date }.
warning-reference-not-heard = L'appareil de référence { $eui } n'apparaît pas dans les captures ; il ne montre donc pas que les passerelles recevaient.
warning-unreadable-lines = Lignes illisibles des captures ignorées : { $n }.
warning-evidence-limited = L'appareil a atteint la limite des messages qu'un rapport conserve comme preuves : evidence.jsonl contient ses { $n } premiers, et le diagnostic ne porte que sur eux. Pour une période plus tardive, établissez le rapport à partir d'une capture plus courte.
warning-defect-not-shown = Le motif est un défaut, mais le verdict est { $verdict } ({ $class }) : une panne de l’appareil lui-même n’est pas démontrée. La boutique refusera probablement le retour et peut facturer le diagnostic ; corrigez d’abord la cause.
warning-factory-reset-missing = L’appareil n’est pas réinitialisé aux paramètres d’usine ni dissocié de vos comptes (factory_reset = false) : les boutiques facturent ce travail ; faites-le avant l’envoi.
warning-description-missing = Il manque { $field } dans la description : les boutiques rejettent les demandes incomplètes ; indiquez ce qui a été fait avant le problème (before) et ce qui a déjà été essayé (steps_taken).
warning-wrong-order-used = Le motif est une erreur de commande (wrong_order), mais l’appareil a envoyé { $n } messages : il a été mis en service et peut ne plus être considéré comme neuf.

## Verdict explanations

heading-meaning = Ce que cela signifie
heading-next-steps = Étapes avant une RMA

explain-healthy = L'appareil a rejoint le réseau et ses uplinks arrivent avec une perte normale et une marge de liaison suffisante. La liaison radio et la configuration du serveur réseau fonctionnent.
    .step-1 = Le trafic radio ne justifie pas de RMA : si le client signale un défaut, vérifiez plutôt les mesures du capteur et le décodeur de payload.
    .step-2 = Joignez la capture au dossier RMA comme preuve que l'appareil a communiqué correctement.
explain-no-activity-suspect = Aucune trame de l'appareil n'a atteint de passerelle pendant une période assez longue pour son calendrier de join et d'émission, alors qu'un appareil de référence fonctionnel sur le même site a été reçu. Les passerelles reçoivent ; cet appareil n'émet pas (ou pas sur les canaux des passerelles).
    .step-1 = Vérifiez l'alimentation : remplacez ou mesurez la pile, contrôlez la polarité et l'interrupteur ou le cavalier.
    .step-2 = Vérifiez que l'appareil est réglé sur la bonne région et, en US915/AU915, sur la sous-bande de la passerelle.
    .step-3 = Redémarrez l'appareil et observez sa LED ou sa console série pour voir les tentatives de join.
    .step-4 = S'il reste muet avec une pile neuve et la bonne région, retournez l'appareil (RMA) : son émetteur est probablement défectueux.
explain-no-activity-inconclusive = Aucune trame de l'appareil n'a atteint de passerelle, mais cela ne prouve pas encore un défaut de l'appareil : la période est trop courte pour son back-off ou son calendrier d'émission, ou rien ne montre que les passerelles recevaient.
    .step-1 = Poursuivez l'observation au moins pendant la durée indiquée dans le résumé ci-dessus.
    .step-2 = Incluez dans le contrôle un appareil fonctionnel sur le même site, pour prouver que les passerelles reçoivent.
    .step-3 = Vérifiez l'alimentation, le réglage de région et la connexion de la passerelle au serveur réseau.
    .step-4 = N'engagez pas encore de RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-no-activity-gateway-offline = Rien de l'appareil n'a atteint le réseau, mais une passerelle qui peut l'entendre était hors ligne pendant la période (son Last Will est arrivé, ou ses statistiques se sont arrêtées). Tant qu'une passerelle est en panne, le silence de l'appareil ne dit rien sur l'appareil.
    .step-1 = Vérifiez la passerelle nommée dans le résumé : son alimentation, sa liaison (Ethernet, Wi-Fi ou cellulaire) et que son packet forwarder ou son gateway bridge fonctionne.
    .step-2 = Une fois la passerelle de nouveau en ligne, observez encore au moins la durée indiquée dans le résumé.
    .step-3 = Ne lancez pas de RMA tant qu'une passerelle du site était hors ligne.
explain-key-device = L'appareil signe ses join-requests avec une AppKey différente de celle enregistrée sur le serveur réseau : chaque join-request échoue au contrôle du MIC et est rejeté.
    .step-1 = Relevez l'AppKey, le DevEUI et le JoinEUI (AppEUI) de l'appareil (outil de configuration, commandes AT ou étiquette) et comparez-les octet par octet avec l'enregistrement.
    .step-2 = Saisissez l'AppKey dans l'ordre MSB (telle qu'imprimée, octet de poids fort en premier) ; certains outils affichent le DevEUI et le JoinEUI en ordre LSB.
    .step-3 = Corrigez la clé sur le serveur réseau ou reprovisionnez l'appareil, puis redémarrez-le pour déclencher un nouveau join.
    .step-4 = Il s'agit d'un problème de configuration, pas d'un motif de RMA.
explain-key-network-server = Les join-requests de l'appareil sont correctement signés avec l'AppKey enregistrée, pourtant le serveur réseau signale une erreur de MIC. Ce sont les réglages de l'appareil sur le serveur réseau qui sont erronés, pas l'appareil.
    .step-1 = Réglez dans le profil de l'appareil sur le serveur réseau la version MAC LoRaWAN de l'appareil (par exemple 1.0.3, et non 1.1).
    .step-2 = Pour les appareils LoRaWAN 1.0.x, laissez la NwkKey vide (The Things Stack : supprimer root-keys.nwk-key) et saisissez la clé comme AppKey.
    .step-3 = Vérifiez que la clé a été saisie dans le bon champ et pour le bon appareil.
    .step-4 = Il s'agit d'un problème de configuration, pas d'un motif de RMA.
explain-key-unverified = Le serveur réseau rejette les join-requests de l'appareil car leur MIC ne correspond pas : l'AppKey de l'appareil et celle enregistrée diffèrent, ou le serveur réseau utilise une mauvaise version LoRaWAN pour l'appareil.
    .step-1 = Vérifiez à nouveau les join-requests avec l'AppKey enregistrée sur le serveur réseau : cela indique si l'erreur vient de l'appareil ou des réglages du serveur réseau.
    .step-2 = Comparez l'AppKey, le DevEUI et le JoinEUI sur l'appareil et sur le serveur réseau (AppKey en ordre MSB).
    .step-3 = Vérifiez la version MAC LoRaWAN dans le profil de l'appareil.
    .step-4 = Il s'agit d'un problème de configuration, pas d'un motif de RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --keys KEYS.toml
explain-key-join-accept = Le serveur réseau accepte les join-requests, mais chiffre ses join-accepts avec une clé que l'appareil n'utilise pas : en général, l'appareil est enregistré en LoRaWAN 1.1 ou une NwkKey est définie pour un appareil LoRaWAN 1.0.x. L'appareil ignore les join-accepts et recommence sans cesse.
    .step-1 = Réglez sur le serveur réseau la version MAC LoRaWAN de l'appareil (1.0.x).
    .step-2 = Supprimez la NwkKey des appareils LoRaWAN 1.0.x et ne gardez que l'AppKey.
    .step-3 = Redémarrez l'appareil pour déclencher un nouveau join.
    .step-4 = Il s'agit d'un problème de configuration, pas d'un motif de RMA.
explain-not-registered = Les join-requests de l'appareil atteignent les passerelles, mais le serveur réseau ne répond pas et ne signale aucune erreur : il ne connaît pas la combinaison DevEUI/JoinEUI.
    .step-1 = Enregistrez l'appareil sur le serveur réseau avec le DevEUI indiqué dans ce rapport.
    .step-2 = Vérifiez que le JoinEUI (AppEUI) enregistré correspond à celui envoyé par l'appareil (voir les constats) ; The Things Stack exige que les deux correspondent.
    .step-3 = Vérifiez que la passerelle transmet au serveur réseau sur lequel l'appareil est enregistré.
    .step-4 = Il s'agit d'un problème de configuration, pas d'un motif de RMA.
explain-dev-nonce-counter = L'appareil utilise LoRaWAN 1.0.4 (ou plus récent) et son compteur DevNonce est reparti du début, par exemple après une mise à jour du firmware ou une réinitialisation qui a effacé sa mémoire. Le serveur réseau refuse les DevNonces qu'il a déjà vus ou qui ne sont pas supérieurs au dernier.
    .step-1 = ChirpStack : videz les DevNonces de l'appareil (page de l'appareil ou API FlushDevNonces).
    .step-2 = The Things Stack : utilisez « Reset used DevNonces » sur l'appareil (ou activez resets_join_nonces).
    .step-3 = Sinon, réenregistrez l'appareil ou laissez le compteur rattraper son retard (cela peut demander de nombreuses tentatives).
    .step-4 = Demandez au fabricant si le firmware conserve le DevNonce en mémoire non volatile ; s'il le perd à chaque réinitialisation, signalez un défaut du firmware.
    .step-5 = Pas de défaut matériel : aucune RMA nécessaire.
explain-dev-nonce-reuse = Le serveur réseau refuse les join-requests de l'appareil car leur DevNonce a déjà été utilisé. Après une réinitialisation d'usine ou un reprovisionnement, un appareil peut répéter des DevNonces que le serveur réseau a encore en mémoire.
    .step-1 = ChirpStack : videz les DevNonces de l'appareil (page de l'appareil ou API FlushDevNonces).
    .step-2 = The Things Stack : utilisez « Reset used DevNonces » sur l'appareil.
    .step-3 = Si les DevNonces se répètent en permanence, le générateur aléatoire de l'appareil est faible : signalez-le au fabricant avec ce rapport.
    .step-4 = Pas un défaut matériel en soi : pas de RMA, sauf si le fabricant confirme un défaut.
explain-tx-failed = Le serveur réseau a accepté les join-requests, mais la passerelle n'a pas pu émettre les join-accepts à temps, voire pas du tout (par exemple TOO_LATE). L'appareil ne reçoit jamais de réponse. Le problème vient de la passerelle ou de sa liaison de backhaul, pas de l'appareil.
    .step-1 = TOO_LATE : vérifiez la latence du backhaul de la passerelle (ping vers le serveur réseau ; les liaisons cellulaires et satellitaires sont souvent trop lentes) et envisagez un serveur réseau plus proche de la passerelle.
    .step-2 = Vérifiez l'horloge, la version du packet forwarder et la configuration de région de la passerelle (TOO_EARLY, TX_FREQ, TX_POWER).
    .step-3 = Vérifiez l'utilisation du duty cycle de la passerelle (DUTY_CYCLE_OVERFLOW).
    .step-4 = Pas de défaut de l'appareil : pas de RMA.
explain-not-received-suspect = Le serveur réseau a répondu, la passerelle a émis les join-accepts avec un bon signal et un appareil de référence fonctionne sur le même site ; pourtant cet appareil ne prend jamais en compte le join-accept. Son récepteur, son antenne ou la synchronisation de ses fenêtres de réception sont probablement défectueux.
    .step-1 = Assurez-vous que le serveur réseau utilise la version MAC et les réglages RX par défaut de l'appareil (délai RX1, débit RX2) – voir le détail du join-accept dans les constats.
    .step-2 = Redémarrez l'appareil avec une pile neuve et testez-le à nouveau près de la passerelle.
    .step-3 = S'il ne rejoint toujours pas le réseau, retournez l'appareil (RMA) avec ce rapport.
explain-not-received-coverage = Les join-accepts ont été émis, mais le signal de l'appareil arrive à peine au-dessus de la limite de démodulation : les join-accepts ne lui parviennent probablement pas. C'est un problème de couverture.
    .step-1 = Rapprochez l'appareil d'une passerelle ou placez-le mieux (plus haut, loin du métal et du béton).
    .step-2 = Ajoutez une passerelle ou une antenne externe.
    .step-3 = Testez l'appareil à côté de la passerelle : s'il rejoint le réseau à cet endroit, il n'est pas défectueux.
explain-not-received-inconclusive = Les join-accepts ont été émis (ou du moins une réponse a été donnée), mais l'appareil recommence sans cesse le join. Les éléments ne permettent pas encore de dire si l'appareil, la voie descendante ou la passerelle est en cause.
    .step-1 = Incluez dans le contrôle un appareil fonctionnel sur le même site.
    .step-2 = Capturez aussi le topic event/ack de la passerelle pour confirmer l'émission des join-accepts.
    .step-3 = Vérifiez la version MAC et les réglages RX sur le serveur réseau.
    .step-4 = Testez l'appareil à côté de la passerelle.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-fcnt-reset = Le compteur de trames de l'appareil repart régulièrement du début sans nouveau join : l'appareil redémarre, le plus souvent à cause de chutes de tension dues à une pile faible ou à une alimentation instable, ou à cause d'un défaut du firmware.
    .step-1 = Remplacez la pile (ou mesurez la tension d'alimentation en charge) et vérifiez les contacts de la pile.
    .step-2 = Vérifiez si quelqu'un a volontairement éteint puis rallumé l'appareil.
    .step-3 = Appareils ABP : assurez-vous que l'appareil conserve ses compteurs de trames après une réinitialisation ; l'option de réinitialisation des compteurs sur le serveur réseau n'est qu'un contournement temporaire.
    .step-4 = S'il continue de redémarrer avec une pile neuve, retournez l'appareil (RMA).
explain-fcnt-reset-abp = L'appareil ABP a redémarré une fois son compteur de trames à 0, et le serveur réseau rejette désormais ses trames comme des rejeux. Les appareils ABP qui ne conservent pas leur compteur de trames lors d'une coupure d'alimentation le font à chaque redémarrage : c'est une question de configuration, pas un défaut.
    .step-1 = Demandez si quelqu'un a éteint puis rallumé l'appareil ou changé sa pile.
    .step-2 = Réinitialisez le compteur de trames de l'appareil sur le serveur réseau (ChirpStack : réglages du compteur de trames de l'appareil ; The Things Stack : « Reset frame counters ») pour que ses trames soient de nouveau acceptées.
    .step-3 = Mieux : passez l'appareil en OTAA, ou activez dans son firmware la conservation du compteur de trames.
    .step-4 = Si le compteur redémarre encore sans que personne n'ait touché l'appareil, soupçonnez des chutes de tension ou sa mémoire non volatile, et envisagez une RMA.
explain-poor-coverage = Le signal de l'appareil arrive trop près de la limite de démodulation pour son facteur d'étalement, et des trames sont perdues. L'appareil fonctionne, mais il est en limite de couverture.
    .step-1 = Placez l'appareil ou son antenne à un meilleur endroit (plus haut, loin du métal et du béton).
    .step-2 = Ajoutez une passerelle plus proche de l'appareil.
    .step-3 = Vérifiez l'antenne et le câble de la passerelle.
    .step-4 = Pas de défaut de l'appareil : pas de RMA.
explain-high-loss = De nombreuses trames sont perdues alors que le signal arrive avec une bonne marge. La cause se trouve dans le réseau (interférences, capacité ou duty cycle de la passerelle), ou l'appareil n'émet pas toutes ses trames.
    .step-1 = Recherchez des interférences et vérifiez la charge de la passerelle (autres appareils, autres réseaux sur les mêmes canaux).
    .step-2 = Vérifiez le backhaul et la disponibilité de la passerelle pendant la période observée.
    .step-3 = Vérifiez si les compteurs de trames sautent parce que l'appareil omet des émissions (réglages du firmware).
    .step-4 = Aucun défaut de l'appareil n'est prouvé : pas encore de RMA.
explain-insufficient = Le trafic capturé ne suffit pas encore pour conclure : la période est trop courte ou trop peu de trames ont été vues. Un verdict maintenant risquerait d'incriminer la mauvaise partie.
    .step-1 = Poursuivez l'observation au moins pendant la durée indiquée dans le résumé ci-dessus, puis vérifiez à nouveau.
    .step-2 = Capturez à la fois les topics passerelle et les topics application du serveur réseau.
    .step-3 = Incluez dans le contrôle les AppKeys enregistrées et un appareil fonctionnel sur le même site, pour renforcer les éléments.
    .step-4 = N'engagez pas encore de RMA.
    .tech-1 = rmacheck watch --broker mqtt://HOST:1883 --dev-eui { $eui } --record more.jsonl
    .tech-2 = rmacheck diagnose CAPTURE.jsonl more.jsonl --dev-eui { $eui } --keys KEYS.toml --reference-dev-eui REFERENCE_EUI

## Diagnosis: shared parts of summaries

summary-thin = { $observation } { $needed } : observer encore au moins { $duration } ({ $basis }).
summary-answered-no-uplink = Le serveur réseau a répondu à la requête join #{ $index }, mais la fenêtre s'est terminée avant la première liaison montante de l'appareil : observer encore au moins { $duration } ({ $basis }).
summary-not-enough = Le trafic capturé ne suffit pas pour décider : observer encore au moins { $duration } ({ $basis }).
n-join-requests = { $n ->
        [one] { $n } requête join
       *[other] { $n } requêtes join
    }

## Diagnosis: why that long (the basis of a time to watch)

basis-retry-schedule = selon le profil, l'appareil attend jusqu'à { $duration } entre deux requêtes join
basis-join-backoff = après 11 h d'échecs, le back-off LoRaWAN autorise { $budget } s d'émission par 24 h, soit une requête join en SF{ $sf } toutes les { $duration }
basis-uplink-interval = selon le profil, l'appareil émet toutes les { $duration }
basis-uplink-unknown = l'intervalle d'émission est inconnu (supposé d'au plus { $duration })
basis-enough-attempts = assez de tentatives ont été observées
basis-observed-gap = les requêtes join de l'appareil arrivaient à environ { $duration } d'intervalle
basis-visibility = { $basis }, et les passerelles n'en reçoivent qu'environ une sur { $factor }
basis-frames-for-loss = { $frames } liaisons montantes de plus, à environ { $duration } d'intervalle, sont nécessaires pour mesurer les pertes
basis-more-uplinks = { $n } liaisons montantes de plus, à environ { $duration } d'intervalle
basis-brown-outs-recur = les redémarrages dus à des chutes de tension se répètent en général en un ou deux jours
basis-observed-uplink = l'appareil émettait environ toutes les { $duration } dans la capture
basis-stopped-intervals = { $n } intervalles d'uplink avec toutes les passerelles en ligne

## Diagnosis: frame counter restarts

fcnt-reset-seen = Le compteur de trames est reparti de zéro { $n ->
        [one] une fois
       *[other] { $n } fois
    } sans nouveau join{ $details }{ $dropped ->
        [0] {""}
        [one] , et le serveur réseau a rejeté 1 trame depuis (UPLINK_F_CNT_RESET, ou reçue par les passerelles mais jamais livrée à l'application)
       *[other] , et le serveur réseau a rejeté { $dropped } trames depuis (UPLINK_F_CNT_RESET, ou reçues par les passerelles mais jamais livrées à l'application)
    }.
fcnt-reset-details = {" "}({ $list })
fcnt-reset-step = FCnt { $from } → { $to } au #{ $index }
fcnt-reset-reboots = { $seen } L'appareil redémarre – le plus souvent à cause de chutes de tension (pile faible ou alimentation insuffisante) – et garde sa session mais pas ses compteurs.{ $abp ->
        [profile] {" "}En tant qu'appareil ABP, il doit conserver ses compteurs de trames après un redémarrage (LoRaWAN 1.0.4 §4.3.1.5) ; tant que le compteur n'a pas dépassé son ancienne valeur, le serveur réseau rejette chaque trame.
        [maybe] {" "}S'il s'agit d'un appareil ABP, il doit conserver ses compteurs de trames après un redémarrage (LoRaWAN 1.0.4 §4.3.1.5) ; tant que le compteur n'a pas dépassé son ancienne valeur, le serveur réseau rejette chaque trame.
       *[no] {""}
    }
fcnt-reset-needed = Un seul redémarrage peut venir d'un changement de pile ou d'une coupure volontaire – demandez-le – et vérifiez s'il se répète
fcnt-reset-abp-now = { $seen } L'appareil ne fonctionne pas en ce moment : le serveur réseau rejette chaque trame jusqu'à ce que le compteur dépasse son ancienne valeur. { $abp ->
        [profile] L'appareil est en ABP
       *[maybe] Aucun join n'a été vu, c'est donc très probablement un appareil ABP
    } : les appareils ABP qui ne conservent pas leur compteur de trames repartent de 0 à chaque coupure d'alimentation. Demandez si quelqu'un l'a éteint et rallumé ou a changé sa pile ; réinitialisez ensuite le compteur de trames de l'appareil sur le serveur réseau (ChirpStack : réglages du compteur de trames de l'appareil ; The Things Stack : « Reset frame counters »), ou mieux, passez-le en OTAA. S'il redémarre encore sans que personne n'y ait touché, l'appareil lui-même est suspect.
fcnt-reset-otaa-now = { $seen } L'appareil ne fonctionne pas en ce moment : le serveur réseau rejette chaque trame jusqu'à ce que le compteur dépasse son ancienne valeur. Un appareil OTAA qui garde sa session mais redémarre son compteur perd le compteur au redémarrage : sa mémoire non volatile ou un redémarrage sur chute de tension en est la cause probable. Demandez si quelqu'un l'a éteint et rallumé ; un nouveau join rétablit le trafic pour l'instant, et si cela se reproduit sans que personne n'y ait touché, renvoyez-le.

## Diagnosis: join-request MIC failures

key-stale-keys-file = { $requests } échouent au contrôle du MIC avec l'AppKey du fichier de clés, alors que le serveur réseau les a acceptées : le fichier de clés ne contient pas la clé enregistrée sur le serveur réseau. Les résultats MIC locaux sont ignorés ; corrigez le fichier de clés.
key-mismatch-device = { $requests } échouent au contrôle du MIC avec l'AppKey enregistrée pour cet appareil{ $ns ->
        [0] {""}
       *[other] {" "}et le serveur réseau en a rejeté { $ns } avec UPLINK_MIC
    } : l'AppKey programmée dans l'appareil diffère de celle enregistrée (souvent une erreur d'ordre des octets, ou un appareil provisionné avec une autre clé).
key-mismatch-network-server = Les requêtes join sont valides avec l'AppKey enregistrée, pourtant le serveur réseau en a rejeté { $ns } avec UPLINK_MIC : l'appareil est en ordre ; ce sont les réglages du serveur réseau pour cet appareil qui sont erronés (version MAC LoRaWAN, une NwkKey définie pour un appareil LoRaWAN 1.0.x, ou la clé saisie dans le mauvais champ).
key-mismatch-unverified = Le serveur réseau a rejeté { $requests } avec UPLINK_MIC (« MIC of join-request is invalid ») : l'AppKey de l'appareil et celle enregistrée diffèrent. Relancez avec --keys (l'AppKey enregistrée) pour savoir si l'erreur vient de l'appareil ou du serveur réseau.
key-mismatch-join-accept = Le serveur réseau a répondu à { $requests }, mais ses join-accepts ne sont pas valides avec l'AppKey enregistrée : il les chiffre avec une autre clé (appareil enregistré en LoRaWAN 1.1 ou avec une NwkKey), donc l'appareil les ignore et recommence.
key-mismatch-needed = Un seul échec ne suffit pas pour décider (il en faut au moins { $min }, p. ex. à cause d'un cache périmé du serveur réseau)

## Diagnosis: healthy, but the uplinks stopped while a gateway was down

healthy-then-silent = Ensuite plus rien pendant { $silence } (il émettait environ toutes les { $interval }).
healthy-gateway-down-needed = Ce silence tombe pendant la panne d'une passerelle qui entendait l'appareil ; il ne dit donc rien de l'appareil : { $check }, puis observez à nouveau avec toutes les passerelles en service

## Diagnosis: context findings

finding-join-eui-mismatch = L'appareil envoie le JoinEUI { $sent }, mais le fichier de clés enregistre { $registered } : { $accepted ->
        [yes] le serveur réseau a tout de même accepté le join : ChirpStack identifie un appareil par son seul DevEUI et écrase le JoinEUI enregistré, alors que The Things Stack rejetterait ces join-requests (il identifie les appareils par JoinEUI et DevEUI) : corrigez l'enregistrement ou l'appareil avant de le migrer vers un autre serveur réseau.
       *[no] sur The Things Stack, la paire (JoinEUI, DevEUI) doit correspondre à l'enregistrement : ces join-requests ne trouvent donc aucun appareil (ChirpStack, qui identifie les appareils par leur seul DevEUI, les accepterait).
    }
finding-profile-mismatch = Le profil { $profile } décrit un appareil ABP, mais l'appareil envoie des join-requests (OTAA) : vérifiez le mode d'activation configuré sur l'appareil et le profil.
finding-region-mismatch = Le profil { $profile } est prévu pour { $region }, mais des trames ont été reçues sur { $frequencies } : l'appareil ou le profil correspond à une autre région.
join-history-code = { $code } ×{ $n }
join-history-local-mic = échec local du MIC ×{ $n }
join-history-tx-failed = join-accept { $status } ×{ $n }
join-history-not-taken = join-accept non pris en compte ×{ $n }
finding-join-history = Avant que l'appareil ne rejoigne le réseau, { $n ->
        [one] 1 join-request a rencontré
       *[other] { $n } join-requests ont rencontré
    } des problèmes ({ $problems }). L'appareil a rejoint le réseau ensuite : ces problèmes ne décident donc plus du verdict.
finding-repeated-rejoins = L'appareil a rejoint le réseau à nouveau { $n ->
        [one] 1 fois
       *[other] { $n } fois
    } après avoir déjà envoyé des uplinks : il redémarre — vérifiez sa pile ou son alimentation.
link-median-rssi = , RSSI médian { $rssi } dBm
finding-link-margin = Marge de liaison médiane { $margin } dB ({ $band }), la plus faible { $worst } dB : SNR médian de la meilleure passerelle { $snr } dB à { $sf }{ $rssi }.
finding-packet-loss = Perte de { $loss } d'après les trous du compteur de trames : { $received } reçues, { $missing } manquantes (doublons et retransmissions exclus ; les redémarrages du compteur ne comptent pas comme perte).
reference-last-heard = , dernière fois à { $at }
finding-reference-heard = L'appareil de référence { $eui } a été entendu pendant la période ({ $uplinks ->
        [one] 1 uplink
       *[other] { $uplinks } uplinks
    }, { $requests ->
        [one] 1 join-request
       *[other] { $requests } join-requests
    }) par la passerelle { $gateways }{ $last } : les passerelles et la capture fonctionnent.
finding-reference-not-heard = L'appareil de référence { $eui } n'a pas été entendu pendant la période : soit il n'est pas sur le site, soit les passerelles, leur liaison ou la capture sont en panne. Rien ne peut être imputé à l'appareil tant que la référence n'est pas entendue.
finding-retransmissions = { $n ->
        [one] 1 trame a répété
       *[other] { $n } trames ont répété
    } un compteur de trames antérieur (retransmissions, ou copies arrivées en retard au serveur réseau{ $logged ->
        [yes] ; journalisé comme UPLINK_F_CNT_RETRANSMISSION
       *[no] {""}
    }). C'est normal et ne compte pas comme perte.
sub-band-range = sous-bande { $band } ({ $from }–{ $to } MHz)
finding-sub-band-limited = { $plan } : les join-requests de l'appareil n'ont été reçus que sur { $n ->
        [one] 1 sous-bande
       *[other] { $n } sous-bandes
    } ({ $bands }). Un appareil conforme répartit ses join-requests sur les { $total } sous-bandes, les passerelles n'en entendent donc qu'environ 1 sur { $factor } : des joins lents sont normaux ici, ce n'est pas un défaut.
join-accept-channels = , canaux supplémentaires { $mhz } MHz
join-accept-settings = DevAddr { $addr }, NetID { $netid }, délai RX1 { $delay } s, décalage DR RX1 { $offset }, DR RX2 { $rx2 }{ $channels }
join-accept-decrypted = {" "}({ $n } join-accepts déchiffrés)
finding-join-accept-content = Le join-accept en #{ $index } se déchiffre avec l'AppKey enregistrée : le serveur réseau a donc la bonne clé. Il attribue { $settings }{ $count }.
finding-join-accept-optneg = Le join-accept active le bit OptNeg : le serveur réseau traite l'appareil comme LoRaWAN 1.1, alors qu'il est { $assumed ->
        [yes] supposé LoRaWAN { $mac }
       *[no] LoRaWAN { $mac }
    }. Réglez la version MAC sur le serveur réseau à { $mac }.

## Timeline notes (report and inspect timeline)

note-same-as = même émission que #{ $index }
note-retransmission = retransmission : même FCnt que #{ $index }
note-nonce-reused = DevNonce déjà utilisé en #{ $index }
note-fcnt-reset = compteur de trames redémarré (était { $from })
note-new-session = nouvelle session
note-answers = répond au join-request #{ $index }
note-unmatched = aucun join-request correspondant reçu
note-ack-for = accusé de la passerelle pour #{ $index }
note-status-margin = marge { $margin } dB
note-status-external-power = alimentation externe
note-status-battery = pile { $percent } %
note-downlink-queued = en file d'attente
note-downlink-sent = envoyé
note-downlink-ack = acquitté par l'appareil
note-downlink-nack = non acquitté
note-downlink-failed = échec
note-downlink-invalidated = file d'attente invalidée
note-downlink-error = { $outcome } : { $error }
note-gateway-online = state/conn ONLINE
note-gateway-last-will = state/conn OFFLINE (Last Will)
note-gateway-stats-stopped = dernier signe de vie : plus aucune statistique pendant plus de { $factor } × { $interval } s ensuite
note-gateway-heard-again = de nouveau entendue
event-gateway-up = Passerelle en ligne
event-gateway-down = Passerelle hors ligne

## diagnose: terminal tables and Markdown

diag-title = Diagnostic de { $eui }
diag-verdict = Verdict
diag-window = Période
diag-evidence = Preuves
diag-profile = Profil
diag-reference = Référence
diag-not-observed = Non observé (le silence et les pertes ici ne sont pas imputables à l'appareil)
diag-gap = { $from } – { $to } ({ $reason } : { $lost ->
        [yes] des messages ont pu être perdus
       *[no] le broker a conservé la session ; les messages en attente ont suivi
    })
diag-findings = Constats
diag-severity = Gravité
diag-stats = Compteurs
diag-counter = Compteur
diag-value = Valeur
diag-malformed = Messages illisibles
diag-malformed-intro = { $n } comptés ; les { $listed } premiers avec leur motif :
diag-source = Source
diag-reason = Motif
diag-sufficient = suffisant
diag-not-sufficient = insuffisant
diag-watch-more = insuffisant : observer encore au moins { $duration }
diag-none = aucun
diag-none-named = aucun indiqué
diag-no-profile = aucun profil indiqué : LoRaWAN 1.0.3 supposé (DevNonces aléatoires) ; join-requests jusqu'à SF12, limités seulement par le back-off de join LoRaWAN ; intervalle des uplinks inconnu (au plus { $duration } supposé) ; OTAA ou ABP déduit du trafic
diag-reference-heard = { $eui } entendu ({ $uplinks } uplinks, { $requests } join-requests, passerelles { $gateways })
diag-reference-not-heard = { $eui } NON entendu pendant la période
diag-in-all = … ({ $n } au total)
diag-stat-join-requests = join-requests
diag-stat-join-accepts = join-accepts (envoyés / échoués)
diag-stat-dev-nonces = DevNonces (distincts / réutilisés)
diag-stat-uplinks = uplinks
diag-stat-fcnt = FCnt premier / dernier
diag-stat-fcnt-missing = FCnt manquants / redémarrages
diag-stat-retransmissions = retransmissions
diag-stat-gateways = passerelles (hors ligne pendant la période)
diag-stat-rssi = RSSI min / médiane / max
diag-stat-snr = SNR min / médiane / max
diag-stat-log-codes = codes du journal du serveur réseau
diag-stat-malformed = messages illisibles

## Text that has no catalog message (shown as given)

raw-text = { $text }

## Activation attestation (report.json "activation"; criteria in docs/for-shops.md)

activation-heading = Tentative d’activation
activation-properly-attempted = L’activation a été correctement tentée : { $n ->
    [one] une tentative
   *[other] { $n } tentatives
} sur { $span } ; l’enregistrement et les clés ne sont pas en cause.
activation-configuration-fault = L’activation a été tentée ({ $n ->
    [one] une tentative
   *[other] { $n } tentatives
}), mais un défaut de configuration a été trouvé ({ $fault }) : corrigez-le avant tout retour.
activation-insufficient-evidence = L’activation a été tentée ({ $n ->
    [one] une tentative
   *[other] { $n } tentatives
} sur { $span }), mais les preuves sont encore insuffisantes : poursuivez l’observation pendant au moins { $more }.
activation-no-attempt-heard = Aucune tentative d’activation reçue : vérifiez l’alimentation, l’emplacement près d’une passerelle et la région/le plan de fréquences.
activation-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
activation-hours = { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}
activation-days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}

## Diagnosis: gateways that went offline

gateway-offline-check = vérifiez l'alimentation de la passerelle, sa liaison (Ethernet, Wi-Fi ou cellulaire) et que son packet forwarder / gateway bridge fonctionne
gateway-offline-stats-stopped = ses statistiques se sont arrêtées après #{ $index } (envoyées toutes les { $interval } ; aucune pendant plus de { $factor } intervalles)
gateway-offline-last-will = son Last Will, state/conn OFFLINE à #{ $index }{ $last }
gateway-offline-last-life = , dernières statistiques ou dernier trafic à #{ $index }
gateway-offline-back = de retour à { $at } (#{ $index }, après { $duration })
gateway-offline-still-offline = toujours hors ligne à la fin de la période
gateway-offline-period = est passée hors ligne à { $at } ({ $how }), { $back }
gateway-offline-then = { $first } ; puis { $rest }
gateway-offline-sentence = La passerelle { $gateway } { $periods }.
finding-gateway-offline = { $sentence } Pendant sa panne, elle ne pouvait pas entendre l'appareil : { $check }, avant de mettre en cause l'appareil.

## Diagnosis: no radio activity

sentence-join = { $first } { $rest }
no-activity-nothing-heard = Rien n'a été entendu de l'appareil en { $duration }.
no-activity-gateway-offline = Tant qu'une passerelle qui peut entendre l'appareil est en panne, son silence ne prouve rien sur l'appareil : { $check }, puis observez de nouveau avec toutes les passerelles en service.
no-activity-offline-reference-heard = L'appareil de référence { $eui } a été entendu, mais seulement par des passerelles restées en service ; cela ne montre pas que la passerelle hors ligne recevait.
no-activity-reference-receives = L'appareil de référence { $eui } a été entendu { $n ->
        [one] une fois
       *[other] { $n } fois
    } par la passerelle { $gateways } pendant la même période, donc les passerelles reçoivent : l'appareil n'émet pas, ou émet hors des canaux des passerelles. Vérifiez son alimentation et sa pile, puis ses réglages de région et de sous-bande, avant de le renvoyer.
no-activity-too-short = C'est trop court pour mettre en cause l'appareil : { $basis }. Observez encore au moins { $duration }.
no-activity-reference-heard = L'appareil de référence { $eui } a été entendu, donc les passerelles reçoivent.
no-activity-reference-not-heard = L'appareil de référence { $eui } n'a pas été entendu non plus : les passerelles, leur liaison ou la capture sont peut-être en panne.
no-activity-no-reference = Aucun appareil de référence n'a été indiqué, une panne de passerelle ou de liaison ne peut donc pas être exclue : indiquez avec --reference-dev-eui un appareil du site dont le bon fonctionnement est connu.

## Diagnosis: join-requests without an answer (device not registered)

not-registered-too-late = { $n ->
        [one] 1 requête join est arrivée
       *[other] { $n } requêtes join sont arrivées
    } à la fin de la période, trop tard pour voir la réponse du serveur réseau.
not-registered-needed-any = Il faut au moins { $min } requêtes join, avec ou sans réponse
not-registered-span = {" "}sur { $duration }
not-registered-seen = { $n ->
        [one] 1 requête join
       *[other] { $n } requêtes join
    } (JoinEUI { $join_eui }){ $span }, { $n ->
        [one] entendue
       *[other] entendues
    } par { $gateways ->
        [one] 1 passerelle
       *[other] { $gateways } passerelles
    }, { $n ->
        [one] n'a reçu
       *[other] n'ont reçu
    } aucune réponse du serveur réseau ni aucune erreur de clé.
not-registered-join-eui-differs = Le fichier de clés enregistre le JoinEUI { $registered }, mais l'appareil envoie { $join_eui }.
not-registered-mic-valid = Le MIC de la requête join se vérifie avec l'AppKey enregistrée, les clés sont donc correctes.
finding-ns-errors-not-visible = Aucun événement de journal du serveur réseau n'a été capturé pour cet appareil et aucune AppKey n'a été fournie : une erreur de clé (UPLINK_MIC) ressemblerait donc à un appareil inconnu. Capturez le topic de l'application (…/event/log) ou passez --keys pour l'exclure.
not-registered-conclusion = { $seen } Le serveur réseau ne connaît pas ce DevEUI/JoinEUI : l'appareil n'est pas enregistré, est enregistré avec un autre JoinEUI ou sur un autre serveur réseau.
not-registered-needed = Il faut au moins { $min } requêtes join sans réponse avant de mettre en cause l'enregistrement

## Diagnosis: DevNonce refused

devnonce-list = , DevNonce { $list }
devnonce-refused = Le serveur réseau a refusé { $requests } parce que le DevNonce était déjà utilisé (code de journal OTAA{ $nonces }).
devnonce-reused = { $n ->
        [one] 1 requête join réutilise
       *[other] { $n } requêtes join réutilisent
    } un DevNonce que le serveur réseau a déjà vu (DevNonce { $list }) et { $n ->
        [one] n'a reçu
       *[other] n'ont reçu
    } aucune réponse.
devnonce-counter-restarted = Le compteur DevNonce a redémarré à #{ $index } (de { $from } à { $to }) : l'appareil ne conserve pas son DevNonce après une réinitialisation, comme l'exige LoRaWAN 1.0.4.
devnonce-counting-seen-before = Les DevNonces augmentent, mais le serveur réseau les a déjà vus : le compteur DevNonce de l'appareil est reparti d'une valeur plus basse (LoRaWAN 1.0.4 exige qu'il soit conservé après une réinitialisation).
devnonce-ns-counter = ChirpStack rejette tout DevNonce qu'il a enregistré pour l'appareil jusqu'à ce que le compteur les ait tous dépassés ; The Things Stack rejette tout DevNonce qui n'est pas supérieur au dernier.
devnonce-ns-random = ChirpStack rejette tout DevNonce qu'il a enregistré pour l'appareil ; The Things Stack retient les 10 derniers (LoRaWAN 1.0.3 et antérieur utilisent des DevNonces aléatoires).
devnonce-needed-refusals = Il faut au moins { $min } refus
devnonce-needed-attempts = Sans journal du serveur réseau, il faut au moins { $min } tentatives de ce type

## Diagnosis: join-accepts the gateway could not send

tx-failed-seen = Le serveur réseau a accepté les requêtes join, mais la passerelle { $gateways } n'a pas pu transmettre { $n ->
        [one] 1 join-accept
       *[other] { $n } join-accepts
    } ({ $statuses }) : l'appareil n'a jamais reçu de réponse. { $hint }.
tx-failed-needed = Une seule transmission échouée peut venir d'un retard passager de la liaison ; il en faut au moins { $min }
tx-hint-too-late = TOO_LATE : le join-accept est arrivé à la passerelle après son heure d'émission — vérifiez la latence de la liaison de la passerelle (liaisons cellulaires ou satellite, serveur réseau éloigné)
tx-hint-too-early = TOO_EARLY : le join-accept est arrivé trop longtemps avant son heure d'émission — vérifiez l'horloge de la passerelle et la version de son packet forwarder
tx-hint-collision = Une collision avec un autre downlink ou beacon programmé sur la passerelle
tx-hint-freq-power = La passerelle ne prend pas en charge la fréquence ou la puissance demandée — vérifiez que les réglages de région de la passerelle et du serveur réseau concordent
tx-hint-gps-unlocked = La passerelle n'a pas de synchronisation horaire GPS
tx-hint-duty-cycle = La passerelle a épuisé son budget de duty cycle — trop de downlinks sur cette passerelle
tx-hint-internal = Une erreur interne de la passerelle (file pleine ou défaut du packet forwarder) — redémarrez ou mettez à jour le logiciel de la passerelle
tx-hint-other = Vérifiez le journal du packet forwarder de la passerelle

## Diagnosis: join-accepts the device does not take

margin-band-below-floor = sous le seuil de démodulation
margin-band-marginal = juste, 0–10 dB
margin-band-adequate = suffisante, ≥ 10 dB
not-received-answered = Le serveur réseau a répondu à { $n ->
        [one] 1 requête join
       *[other] { $n } requêtes join
    }, pourtant l'appareil a continué d'envoyer de nouvelles requêtes join et aucun uplink d'une nouvelle session n'est arrivé.
not-received-low-margin = Ses requêtes join n'arrivent que { $margin } dB au-dessus du seuil de démodulation { $sf }({ $band }) : les join-accepts s'affaiblissent probablement avant d'atteindre l'appareil — améliorez la couverture.
not-received-below-floor = Ses requêtes join arrivent { $margin } dB sous le seuil { $sf }de démodulation : les join-accepts s'affaiblissent probablement avant d'atteindre l'appareil — améliorez la couverture.
not-received-no-tx-ack = Aucun acquittement TX de passerelle n'a été capturé pour ces réponses, on ne sait donc pas si elles ont été envoyées : capturez aussi le topic event/ack de la passerelle.
not-received-margin-unknown = La marge de liaison est inconnue (aucun SNR signalé), un problème de couverture ne peut donc pas être exclu.
not-received-receive-path = Ses requêtes join arrivent { $margin } dB au-dessus du seuil de démodulation { $sf }(marge suffisante) et l'appareil de référence { $eui } est entendu sur le même site : la chaîne de réception de l'appareil (radio, antenne, synchronisation RX) est donc suspecte.
not-received-no-reference = Ses requêtes join arrivent { $margin } dB au-dessus du seuil de démodulation { $sf }(marge suffisante), mais aucun appareil de référence n'a été entendu, un problème de downlink côté passerelle ne peut donc pas être exclu : indiquez avec --reference-dev-eui un appareil du site dont le bon fonctionnement est connu.
not-received-needed = Il faut au moins { $min } join-accepts ignorés

## Diagnosis: poor coverage

sf-floor = SF{ $sf }, seuil { $floor } dB
sf-unknown = SF inconnu
coverage-seen = { $loss } des trames ont été perdues ({ $missing } compteurs de trame manquants sur { $frames }) et la marge de liaison médiane est de { $margin } dB au-dessus du seuil de démodulation ({ $sf } ; { $band }).
coverage-seen-below-floor = { $loss } des trames ont été perdues ({ $missing } compteurs de trame manquants sur { $frames }) et la marge de liaison médiane est de { $margin } dB sous le seuil de démodulation ({ $sf }).
coverage-edge = { $seen } L'appareil est en limite de couverture : déplacez-le, donnez à son antenne une meilleure position ou ajoutez une passerelle à proximité.
coverage-needed = Un taux de perte exige au moins { $min } trames

## Diagnosis: high packet loss

loss-margin-unknown = inconnue (aucun SNR signalé)
loss-margin = de { $margin } dB au-dessus du seuil de démodulation ({ $sf } ; suffisante)
loss-seen = { $loss } des trames ont été perdues ({ $missing } compteurs de trame manquants sur { $frames } ; jusqu'à { $normal } est normal) bien que la marge de liaison médiane soit { $margin }.
loss-not-coverage = { $seen } Ce n'est pas un problème de couverture : cherchez des interférences, des limites de capacité ou de duty cycle de la passerelle, ou des collisions avec d'autres appareils.

## Diagnosis: healthy

healthy-devaddr = {" "}(DevAddr { $addr })
healthy-loss = {" "}; perte { $loss } ({ $missing } manquantes ; jusqu'à { $normal } est normal)
healthy-margin = {" "}; marge de liaison médiane { $margin } dB ({ $sf } ; { $band })
healthy-seen = L'appareil est activé{ $addr } et a envoyé { $uplinks ->
        [one] 1 trame montante
       *[other] { $uplinks } trames montantes
    } via { $gateways ->
        [one] 1 passerelle
       *[other] { $gateways } passerelles
    }{ $loss }{ $margin }.
healthy-needed = Il faut au moins { $min } trames montantes pour le déclarer en bon état

# verdicts

no-activity-not-observed = Aucun message n'a été observé pendant { $unobserved } de cette durée (voir les intervalles non observés) : seules { $observed } comptent.
basis-silent-join-backoff = rien n'indique depuis combien de temps l'appareil tente de rejoindre le réseau, et après plus de 11 h d'échecs le back-off LoRaWAN ne lui autorise que { $budget } s d'émission par 24 h, soit une requête join en SF{ $sf } toutes les { $duration }
not-received-sent-of = La passerelle a signalé { $sent ->
        [one] 1 join-accept envoyé
       *[other] { $sent } join-accepts envoyés
    }, pourtant l'appareil a répondu à { $ignored ->
        [one] l'un d'eux
       *[other] { $ignored } d'entre eux
    } par une nouvelle requête join et aucun uplink d'une nouvelle session n'est arrivé.
report-malformed-heading = Messages mal formés : les { $listed } premiers sur { $n }
report-malformed-note = # est la position du message dans les captures lues (les messages mal formés ne sont la preuve d'aucun appareil et ne figurent pas dans evidence.jsonl) ; les motifs sont des messages techniques de rmacheck.

# terminal tables: the malformed messages
table-malformed-first = Messages malformés (les { $listed } premiers sur { $n })
table-malformed-all = Messages malformés ({ $n })
table-malformed-source = source
table-malformed-reason = raison

# malformed messages: why a payload could not be decoded (field names, values and the
# decoders' own messages are quoted as they are)
malformed-not-text = { $what } n’est pas du texte UTF-8 ({ $reason }) ; { $hint }
malformed-json = { $what } ne se lit pas comme prévu : { $reason } ; { $hint }
malformed-base64 = { $field } n’est pas du base64 valide ({ $reason }) : '{ $value }'
malformed-bad-value = { $field } '{ $value }' : { $expected }
malformed-port = { $field } { $port } est hors plage : les ports LoRaWAN vont de 0 à 255
malformed-empty = charge utile vide sur '{ $topic }' : rien à décoder (un message retenu vide ne fait qu’effacer la copie du broker ; vérifiez le producteur si cela se répète)
malformed-gw-up-no-phy = event/up de passerelle sans phyPayload : une trame montante sans ses octets est inutilisable
malformed-gw-up-proto-no-phy = event/up de passerelle (Protobuf) sans phyPayload : la charge utile n’est probablement pas un UplinkFrame
malformed-down-item-no-phy = l’élément { $index } de command/down n’a pas de phyPayload
malformed-down-no-items = command/down de passerelle sans éléments : rien n’a été demandé à la passerelle
malformed-down-proto-no-items = command/down de passerelle (Protobuf) sans éléments : rien n’a été demandé à la passerelle
malformed-conn-state = state/conn de passerelle avec l’état '{ $state }' : ONLINE ou OFFLINE attendu
malformed-conn-state-number = state/conn de passerelle avec l’état { $state } : 0 (OFFLINE) ou 1 (ONLINE) attendu
malformed-gw-not-protobuf = { $topic } de passerelle n’est ni du JSON ni un message Protobuf valide ({ $reason }) ; une charge utile de ChirpStack Gateway Bridge / MQTT Forwarder est attendue
malformed-app-not-json = l’event/{ $kind } d’application n’est pas du JSON : rmacheck lit l’intégration MQTT de ChirpStack avec json=true (à régler dans la section [integration.mqtt] de chirpstack.toml)
malformed-v3-not-json = l’événement d’application ChirpStack v3 { $kind } n’est pas du JSON : rmacheck lit les marshalers « json » et « json_v3 », pas « protobuf » (à changer dans les réglages de l’intégration)
malformed-topic-dev-eui = le DevEUI du topic '{ $value }' n’est ni 16 chiffres hexadécimaux ni la forme base64 de 8 octets, et la charge utile n’a pas de { $field }
malformed-rx-no-gateway = rxInfo[{ $index }] n’a pas de { $field } : une réception a besoin de sa passerelle
malformed-tts-no-content = le message The Things Stack { $kind } n’a ni uplink_message, ni join_accept, ni downlink_* ; { $hint }
malformed-tts-no-dev-eui = le message The Things Stack de l’appareil '{ $device }' ne donne aucun DevEUI : end_device_ids.dev_eui est absent et l’ID de l’appareil n’a pas la forme eui-<16 chiffres hexadécimaux> ; donnez un DevEUI à l’appareil dans The Things Stack ou enregistrez ses trames montantes, qui le portent
malformed-tts-rx-no-gateway = uplink_message.rx_metadata[{ $index }] n’a pas de gateway_ids : une réception a besoin de sa passerelle
malformed-tts-nested-result = une enveloppe {"{"}"result": …{"}"} dans un événement enregistré : enregistrez l’événement lui-même
malformed-tts-event-no-gateway = { $name } ne nomme aucune passerelle dans ses identifiants ; { $hint }
malformed-tts-event-no-dev-eui = { $name } ne donne aucun DevEUI : identifiers[].device_ids n’a pas de dev_eui et l’ID de l’appareil n’a pas la forme eui-<16 chiffres hexadécimaux> ; abonnez-vous avec les identifiants de l’appareil
malformed-what-gateway = le JSON { $topic } de passerelle
malformed-what-application = l’event/{ $kind } d’application
malformed-what-v3-application = l’événement d’application ChirpStack v3 { $kind }
malformed-what-tts = le message The Things Stack { $kind }
malformed-what-tts-event = l’événement The Things Stack
malformed-what-tts-event-named = l’événement The Things Stack { $name }
malformed-hint-chirpstack-gateway = une charge utile de ChirpStack Gateway Bridge / MQTT Forwarder (JSON ou Protobuf) est attendue
malformed-hint-tts = un message ApplicationUp de The Things Stack v3 est attendu
malformed-hint-v3 = un événement d’application ChirpStack v3 est attendu (marshaler « json » ou « json_v3 »)
malformed-hint-chirpstack-application = un événement d’application ChirpStack v4 est attendu (intégration MQTT avec json=true)
malformed-hint-tts-events = un événement The Things Stack (ttn.lorawan.v3.Event) est attendu, tel que l’API Events, l’export « Export as JSON » de la console ou ttn-lw-cli events subscribe l’écrivent
malformed-expected-eui = ni 16 chiffres hexadécimaux ni la forme base64 de 8 octets
malformed-expected-dev-addr = ni 8 chiffres hexadécimaux ni la forme base64 de 4 octets
malformed-expected-time = pas un horodatage RFC 3339 ({ $reason })
malformed-expected-duration = pas une durée telle que « 5s »

## Capture lines and gap records that could not be read
malformed-line-at = { $file }:{ $line } : { $error }
malformed-line-not-json = pas un objet JSON ({ $reason }) ; { $hint }
malformed-line-not-object = pas un objet JSON ; { $hint }
malformed-line-hint-one-object = chaque ligne doit être un seul objet JSON, tel que l’écrivent `rmacheck watch --record` ou `mosquitto_sub -F %j` / `-F %J` (sans --pretty)
malformed-line-field-empty = « { $field } » est vide
malformed-line-field-not-string = « { $field } » doit être une chaîne de caractères
malformed-line-field-missing = « { $field } » est absent
malformed-line-field-not-time-string = « { $field } » doit être une chaîne au format RFC 3339
malformed-line-field-not-base64-string = « { $field } » doit être une chaîne base64
malformed-line-not-base64 = « { $field } » n’est pas du base64 standard ({ $reason })
malformed-line-field-missing-mosquitto = « { $field } » est absent (ligne de mosquitto_sub -F %j / %J)
malformed-line-no-format = pas une ligne de capture : received_at, topic, payload_b64 (rmacheck) ou tst, topic, payload (mosquitto_sub -F %j / -F %J) sont attendus
malformed-line-not-rfc3339 = « { $field } » n’est pas une heure RFC 3339 ({ $reason }) ; écrivez par exemple 2026-11-21T09:00:00.123456Z
malformed-line-not-unix-time = « { $field } » { $value } n’est pas une heure Unix
malformed-line-not-mosquitto-time = « { $field } » '{ $value }' n’est pas une heure de mosquitto_sub ({ $reason })
malformed-line-tst-type = « { $field } » doit être une heure sous forme de chaîne ou en secondes Unix
malformed-line-payload-cut = la charge utile compte { $length } octets mais la ligne n’en contient que { $held } : mosquitto_sub -F %j coupe les charges binaires au premier octet nul ; enregistrez avec `rmacheck watch --record`
malformed-line-payload-not-extracted = la valeur de « { $field } » n’a pas pu être extraite
malformed-line-too-long-skipped = la ligne dépasse { $limit } (la plus longue ligne lue) ; elle a été ignorée
malformed-line-too-long-no-end = la ligne dépasse { $limit } (la plus longue ligne lue) ; aucune fin de ligne ne suit, ce n’est donc pas un fichier de capture ; le reste du fichier a été ignoré
malformed-line-limit-bytes = { $n } octets
malformed-line-read-error = erreur de lecture : { $reason } ; le reste du fichier a été ignoré
malformed-line-spool-error = impossible de garder les événements dans un fichier temporaire ({ $reason }) ; libérez de la place dans le répertoire temporaire ou faites pointer TMPDIR vers un répertoire qui en a ; les événements du fichier ont été ignorés
malformed-line-not-utf8 = pas du texte UTF-8 (premier octet invalide à la position { $position }) ; mosquitto_sub -F %j écrit les charges binaires telles quelles — enregistrez avec `rmacheck watch --record`
malformed-gap-not-record = pas un enregistrement de lacune ({ $reason }) ; ces enregistrements sont écrits par `rmacheck watch --record`
malformed-gap-backwards = l’enregistrement de lacune se termine avant de commencer
malformed-line-event-not-object = pas un objet JSON : un événement The Things Stack est attendu
malformed-line-event-api-error = l’API Events a renvoyé une erreur au lieu d’un événement : { $reason }
malformed-line-event-no-field = l’événement n’a pas de « { $field } » : un événement The Things Stack est attendu
malformed-line-event-not-rfc3339 = événement { $name } : « { $field } » n’est pas une heure RFC 3339 ({ $reason })
malformed-line-event-missing = l’événement { $name } n’a pas de « { $field } »
malformed-line-not-json-value = JSON non valide ({ $reason })
malformed-line-reason = { $reason }
