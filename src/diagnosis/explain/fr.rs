//! French explanations.

use super::{Text, Topic};

/// The French text of a topic.
pub(super) fn text(t: Topic) -> Text {
    match t {
        Topic::Healthy => (
            "L'appareil a rejoint le réseau et ses uplinks arrivent avec une perte normale et une marge de liaison suffisante. La liaison radio et la configuration du serveur réseau fonctionnent.",
            &[
                "Le trafic radio ne justifie pas de RMA : si le client signale un défaut, vérifiez plutôt les mesures du capteur et le décodeur de payload.",
                "Joignez la capture au dossier RMA comme preuve que l'appareil a communiqué correctement.",
            ],
        ),
        Topic::NoActivitySuspect => (
            "Aucune trame de l'appareil n'a atteint de passerelle pendant une période assez longue pour son calendrier de join et d'émission, alors qu'un appareil de référence fonctionnel sur le même site a été reçu. Les passerelles reçoivent ; cet appareil n'émet pas (ou pas sur les canaux des passerelles).",
            &[
                "Vérifiez l'alimentation : remplacez ou mesurez la pile, contrôlez la polarité et l'interrupteur ou le cavalier.",
                "Vérifiez que l'appareil est réglé sur la bonne région et, en US915/AU915, sur la sous-bande de la passerelle.",
                "Redémarrez l'appareil et observez sa LED ou sa console série pour voir les tentatives de join.",
                "S'il reste muet avec une pile neuve et la bonne région, retournez l'appareil (RMA) : son émetteur est probablement défectueux.",
            ],
        ),
        Topic::NoActivityInconclusive => (
            "Aucune trame de l'appareil n'a atteint de passerelle, mais cela ne prouve pas encore un défaut de l'appareil : la période est trop courte pour son back-off ou son calendrier d'émission, ou rien ne montre que les passerelles recevaient.",
            &[
                "Poursuivez l'observation au moins pendant la durée indiquée dans le résumé.",
                "Indiquez avec --reference-dev-eui un appareil fonctionnel sur le même site pour prouver que les passerelles reçoivent.",
                "Vérifiez l'alimentation, le réglage de région et la connexion de la passerelle au serveur réseau.",
                "N'engagez pas encore de RMA.",
            ],
        ),
        Topic::NoActivityGatewayOffline => (
            "Rien de l'appareil n'a atteint le réseau, mais une passerelle qui peut l'entendre était hors ligne pendant la période (son Last Will est arrivé, ou ses statistiques se sont arrêtées). Tant qu'une passerelle est en panne, le silence de l'appareil ne dit rien sur l'appareil.",
            &[
                "Vérifiez la passerelle nommée dans le résumé : son alimentation, sa liaison (Ethernet, Wi-Fi ou cellulaire) et que son packet forwarder ou son gateway bridge fonctionne.",
                "Une fois la passerelle de nouveau en ligne, observez encore au moins la durée indiquée dans le résumé.",
                "Ne lancez pas de RMA tant qu'une passerelle du site était hors ligne.",
            ],
        ),
        Topic::KeyDevice => (
            "L'appareil signe ses join-requests avec une AppKey différente de celle enregistrée sur le serveur réseau : chaque join-request échoue au contrôle du MIC et est rejeté.",
            &[
                "Relevez l'AppKey, le DevEUI et le JoinEUI (AppEUI) de l'appareil (outil de configuration, commandes AT ou étiquette) et comparez-les octet par octet avec l'enregistrement.",
                "Saisissez l'AppKey dans l'ordre MSB (telle qu'imprimée, octet de poids fort en premier) ; certains outils affichent le DevEUI et le JoinEUI en ordre LSB.",
                "Corrigez la clé sur le serveur réseau ou reprovisionnez l'appareil, puis redémarrez-le pour déclencher un nouveau join.",
                "Il s'agit d'un problème de configuration, pas d'un motif de RMA.",
            ],
        ),
        Topic::KeyNetworkServer => (
            "Les join-requests de l'appareil sont correctement signés avec l'AppKey enregistrée, pourtant le serveur réseau signale une erreur de MIC. Ce sont les réglages de l'appareil sur le serveur réseau qui sont erronés, pas l'appareil.",
            &[
                "Réglez dans le profil de l'appareil sur le serveur réseau la version MAC LoRaWAN de l'appareil (par exemple 1.0.3, et non 1.1).",
                "Pour les appareils LoRaWAN 1.0.x, laissez la NwkKey vide (The Things Stack : supprimer root-keys.nwk-key) et saisissez la clé comme AppKey.",
                "Vérifiez que la clé a été saisie dans le bon champ et pour le bon appareil.",
                "Il s'agit d'un problème de configuration, pas d'un motif de RMA.",
            ],
        ),
        Topic::KeyUnverified => (
            "Le serveur réseau rejette les join-requests de l'appareil car leur MIC ne correspond pas : l'AppKey de l'appareil et celle enregistrée diffèrent, ou le serveur réseau utilise une mauvaise version LoRaWAN pour l'appareil.",
            &[
                "Relancez le diagnostic avec --keys et l'AppKey enregistrée sur le serveur réseau : il indiquera alors si l'erreur vient de l'appareil ou des réglages du serveur réseau.",
                "Comparez l'AppKey, le DevEUI et le JoinEUI sur l'appareil et sur le serveur réseau (AppKey en ordre MSB).",
                "Vérifiez la version MAC LoRaWAN dans le profil de l'appareil.",
                "Il s'agit d'un problème de configuration, pas d'un motif de RMA.",
            ],
        ),
        Topic::KeyJoinAccept => (
            "Le serveur réseau accepte les join-requests, mais chiffre ses join-accepts avec une clé que l'appareil n'utilise pas : en général, l'appareil est enregistré en LoRaWAN 1.1 ou une NwkKey est définie pour un appareil LoRaWAN 1.0.x. L'appareil ignore les join-accepts et recommence sans cesse.",
            &[
                "Réglez sur le serveur réseau la version MAC LoRaWAN de l'appareil (1.0.x).",
                "Supprimez la NwkKey des appareils LoRaWAN 1.0.x et ne gardez que l'AppKey.",
                "Redémarrez l'appareil pour déclencher un nouveau join.",
                "Il s'agit d'un problème de configuration, pas d'un motif de RMA.",
            ],
        ),
        Topic::NotRegistered => (
            "Les join-requests de l'appareil atteignent les passerelles, mais le serveur réseau ne répond pas et ne signale aucune erreur : il ne connaît pas la combinaison DevEUI/JoinEUI.",
            &[
                "Enregistrez l'appareil sur le serveur réseau avec le DevEUI indiqué dans ce rapport.",
                "Vérifiez que le JoinEUI (AppEUI) enregistré correspond à celui envoyé par l'appareil (voir les constats) ; The Things Stack exige que les deux correspondent.",
                "Vérifiez que la passerelle transmet au serveur réseau sur lequel l'appareil est enregistré.",
                "Il s'agit d'un problème de configuration, pas d'un motif de RMA.",
            ],
        ),
        Topic::DevNonceCounter => (
            "L'appareil utilise LoRaWAN 1.0.4 (ou plus récent) et son compteur DevNonce est reparti du début, par exemple après une mise à jour du firmware ou une réinitialisation qui a effacé sa mémoire. Le serveur réseau refuse les DevNonces qu'il a déjà vus ou qui ne sont pas supérieurs au dernier.",
            &[
                "ChirpStack : videz les DevNonces de l'appareil (page de l'appareil ou API FlushDevNonces).",
                "The Things Stack : utilisez « Reset used DevNonces » sur l'appareil (ou activez resets_join_nonces).",
                "Sinon, réenregistrez l'appareil ou laissez le compteur rattraper son retard (cela peut demander de nombreuses tentatives).",
                "Demandez au fabricant si le firmware conserve le DevNonce en mémoire non volatile ; s'il le perd à chaque réinitialisation, signalez un défaut du firmware.",
                "Pas de défaut matériel : aucune RMA nécessaire.",
            ],
        ),
        Topic::DevNonceReuse => (
            "Le serveur réseau refuse les join-requests de l'appareil car leur DevNonce a déjà été utilisé. Après une réinitialisation d'usine ou un reprovisionnement, un appareil peut répéter des DevNonces que le serveur réseau a encore en mémoire.",
            &[
                "ChirpStack : videz les DevNonces de l'appareil (page de l'appareil ou API FlushDevNonces).",
                "The Things Stack : utilisez « Reset used DevNonces » sur l'appareil.",
                "Si les DevNonces se répètent en permanence, le générateur aléatoire de l'appareil est faible : signalez-le au fabricant avec ce rapport.",
                "Pas un défaut matériel en soi : pas de RMA, sauf si le fabricant confirme un défaut.",
            ],
        ),
        Topic::TxFailed => (
            "Le serveur réseau a accepté les join-requests, mais la passerelle n'a pas pu émettre les join-accepts à temps, voire pas du tout (par exemple TOO_LATE). L'appareil ne reçoit jamais de réponse. Le problème vient de la passerelle ou de sa liaison de backhaul, pas de l'appareil.",
            &[
                "TOO_LATE : vérifiez la latence du backhaul de la passerelle (ping vers le serveur réseau ; les liaisons cellulaires et satellitaires sont souvent trop lentes) et envisagez un serveur réseau plus proche de la passerelle.",
                "Vérifiez l'horloge, la version du packet forwarder et la configuration de région de la passerelle (TOO_EARLY, TX_FREQ, TX_POWER).",
                "Vérifiez l'utilisation du duty cycle de la passerelle (DUTY_CYCLE_OVERFLOW).",
                "Pas de défaut de l'appareil : pas de RMA.",
            ],
        ),
        Topic::NotReceivedSuspect => (
            "Le serveur réseau a répondu, la passerelle a émis les join-accepts avec un bon signal et un appareil de référence fonctionne sur le même site ; pourtant cet appareil ne prend jamais en compte le join-accept. Son récepteur, son antenne ou la synchronisation de ses fenêtres de réception sont probablement défectueux.",
            &[
                "Assurez-vous que le serveur réseau utilise la version MAC et les réglages RX par défaut de l'appareil (délai RX1, débit RX2) – voir le détail du join-accept dans les constats.",
                "Redémarrez l'appareil avec une pile neuve et testez-le à nouveau près de la passerelle.",
                "S'il ne rejoint toujours pas le réseau, retournez l'appareil (RMA) avec ce rapport.",
            ],
        ),
        Topic::NotReceivedCoverage => (
            "Les join-accepts ont été émis, mais le signal de l'appareil arrive à peine au-dessus de la limite de démodulation : les join-accepts ne lui parviennent probablement pas. C'est un problème de couverture.",
            &[
                "Rapprochez l'appareil d'une passerelle ou placez-le mieux (plus haut, loin du métal et du béton).",
                "Ajoutez une passerelle ou une antenne externe.",
                "Testez l'appareil à côté de la passerelle : s'il rejoint le réseau à cet endroit, il n'est pas défectueux.",
            ],
        ),
        Topic::NotReceivedInconclusive => (
            "Les join-accepts ont été émis (ou du moins une réponse a été donnée), mais l'appareil recommence sans cesse le join. Les éléments ne permettent pas encore de dire si l'appareil, la voie descendante ou la passerelle est en cause.",
            &[
                "Indiquez avec --reference-dev-eui un appareil fonctionnel sur le même site.",
                "Capturez aussi le topic event/ack de la passerelle pour confirmer l'émission des join-accepts.",
                "Vérifiez la version MAC et les réglages RX sur le serveur réseau.",
                "Testez l'appareil à côté de la passerelle.",
            ],
        ),
        Topic::FcntReset => (
            "Le compteur de trames de l'appareil repart régulièrement du début sans nouveau join : l'appareil redémarre, le plus souvent à cause de chutes de tension dues à une pile faible ou à une alimentation instable, ou à cause d'un défaut du firmware.",
            &[
                "Remplacez la pile (ou mesurez la tension d'alimentation en charge) et vérifiez les contacts de la pile.",
                "Vérifiez si quelqu'un a volontairement éteint puis rallumé l'appareil.",
                "Appareils ABP : assurez-vous que l'appareil conserve ses compteurs de trames après une réinitialisation ; l'option de réinitialisation des compteurs sur le serveur réseau n'est qu'un contournement temporaire.",
                "S'il continue de redémarrer avec une pile neuve, retournez l'appareil (RMA).",
            ],
        ),
        Topic::FcntResetAbp => (
            "L'appareil ABP a redémarré une fois son compteur de trames à 0, et le serveur réseau rejette désormais ses trames comme des rejeux. Les appareils ABP qui ne conservent pas leur compteur de trames lors d'une coupure d'alimentation le font à chaque redémarrage : c'est une question de configuration, pas un défaut.",
            &[
                "Demandez si quelqu'un a éteint puis rallumé l'appareil ou changé sa pile.",
                "Réinitialisez le compteur de trames de l'appareil sur le serveur réseau (ChirpStack : réglages du compteur de trames de l'appareil ; The Things Stack : « Reset frame counters ») pour que ses trames soient de nouveau acceptées.",
                "Mieux : passez l'appareil en OTAA, ou activez dans son firmware la conservation du compteur de trames.",
                "Si le compteur redémarre encore sans que personne n'ait touché l'appareil, soupçonnez des chutes de tension ou sa mémoire non volatile, et envisagez une RMA.",
            ],
        ),
        Topic::PoorCoverage => (
            "Le signal de l'appareil arrive trop près de la limite de démodulation pour son facteur d'étalement, et des trames sont perdues. L'appareil fonctionne, mais il est en limite de couverture.",
            &[
                "Placez l'appareil ou son antenne à un meilleur endroit (plus haut, loin du métal et du béton).",
                "Ajoutez une passerelle plus proche de l'appareil.",
                "Vérifiez l'antenne et le câble de la passerelle.",
                "Pas de défaut de l'appareil : pas de RMA.",
            ],
        ),
        Topic::HighLoss => (
            "De nombreuses trames sont perdues alors que le signal arrive avec une bonne marge. La cause se trouve dans le réseau (interférences, capacité ou duty cycle de la passerelle), ou l'appareil n'émet pas toutes ses trames.",
            &[
                "Recherchez des interférences et vérifiez la charge de la passerelle (autres appareils, autres réseaux sur les mêmes canaux).",
                "Vérifiez le backhaul et la disponibilité de la passerelle pendant la période observée.",
                "Vérifiez si les compteurs de trames sautent parce que l'appareil omet des émissions (réglages du firmware).",
                "Aucun défaut de l'appareil n'est prouvé : pas encore de RMA.",
            ],
        ),
        Topic::Insufficient => (
            "Le trafic capturé ne suffit pas encore pour conclure : la période est trop courte ou trop peu de trames ont été vues. Un verdict maintenant risquerait d'incriminer la mauvaise partie.",
            &[
                "Poursuivez l'observation au moins pendant la durée indiquée dans le résumé, puis relancez le diagnostic.",
                "Capturez à la fois les topics passerelle et les topics application du serveur réseau.",
                "Indiquez --keys et --reference-dev-eui pour renforcer les éléments.",
                "N'engagez pas encore de RMA.",
            ],
        ),
    }
}
