//! English explanations.

use super::{Text, Topic};

/// The English text of a topic.
pub(super) fn text(t: Topic) -> Text {
    match t {
        Topic::Healthy => (
            "The device joined the network and its uplinks arrive with normal loss and enough link margin. The radio link and the network-server configuration work.",
            &[
                "The radio traffic gives no reason for an RMA: if the customer reports a fault, check the sensor readings and the payload decoder instead.",
                "Keep the capture with the RMA ticket as proof that the device communicated correctly.",
            ],
        ),
        Topic::NoActivitySuspect => (
            "No frame from the device reached any gateway during a window long enough for its join and uplink schedule, while a known-good device at the same site was heard. The gateways receive; this device does not transmit (or not on the gateways' channels).",
            &[
                "Check the power supply: replace or measure the battery, check the polarity and the power switch or jumper.",
                "Check that the device is set to the right region and, on US915/AU915, to the gateway's sub-band.",
                "Restart the device and watch its LED or serial console for join attempts.",
                "If it stays silent with a fresh battery and the right region, return the device (RMA): its transmitter is likely defective.",
            ],
        ),
        Topic::NoActivityInconclusive => (
            "No frame from the device reached any gateway, but this does not yet prove a device fault: the window is too short for the device's back-off or schedule, or nothing shows that the gateways were receiving.",
            &[
                "Keep watching for at least the time stated in the summary.",
                "Name a known-good device at the same site with --reference-dev-eui to prove that the gateways receive.",
                "Check the power supply, the region setting and the gateway's connection to the network server.",
                "Do not start an RMA yet.",
            ],
        ),
        Topic::NoActivityGatewayOffline => (
            "Nothing from the device reached the network, but a gateway that can hear it was offline during the window (its Last Will arrived, or its statistics stopped). While a gateway is down, the device's silence says nothing about the device.",
            &[
                "Check the gateway named in the summary: its power, its backhaul (Ethernet, Wi-Fi or cellular) and that its packet forwarder or gateway bridge is running.",
                "Once the gateway is back online, watch again for at least the time stated in the summary.",
                "Do not start an RMA while a gateway at the site was offline.",
            ],
        ),
        Topic::KeyDevice => (
            "The device signs its join-requests with a different AppKey than the one registered on the network server, so every join-request fails the MIC check and is dropped.",
            &[
                "Read the AppKey, DevEUI and JoinEUI (AppEUI) from the device (configuration tool, AT commands or label) and compare them byte by byte with the registration.",
                "Enter the AppKey in MSB order (as printed, most significant byte first); some device tools show the DevEUI and JoinEUI LSB-first.",
                "Correct the key on the network server or re-provision the device, then restart it to trigger a new join.",
                "This is a configuration issue, not a reason for an RMA.",
            ],
        ),
        Topic::KeyNetworkServer => (
            "The device's join-requests are correctly signed with the registered AppKey, yet the network server reports a MIC error. The network server's settings for the device are wrong, not the device.",
            &[
                "Set the LoRaWAN MAC version in the device profile on the network server to the device's version (e.g. 1.0.3, not 1.1).",
                "For LoRaWAN 1.0.x devices, leave the NwkKey empty (The Things Stack: unset root-keys.nwk-key) and enter the key as AppKey.",
                "Check that the key was entered in the right field and for the right device.",
                "This is a configuration issue, not a reason for an RMA.",
            ],
        ),
        Topic::KeyUnverified => (
            "The network server rejects the device's join-requests because their MIC does not match: the AppKey in the device and the registered one differ, or the network server uses the wrong LoRaWAN version for the device.",
            &[
                "Run the diagnosis again with --keys and the AppKey registered on the network server: it then shows whether the device or the network-server settings are wrong.",
                "Compare AppKey, DevEUI and JoinEUI on the device and on the network server (AppKey in MSB order).",
                "Check the LoRaWAN MAC version in the device profile.",
                "This is a configuration issue, not a reason for an RMA.",
            ],
        ),
        Topic::KeyJoinAccept => (
            "The network server accepts the join-requests but encrypts its join-accepts with a key the device does not use: typically the device is registered as LoRaWAN 1.1, or a NwkKey is set for a LoRaWAN 1.0.x device. The device discards the join-accepts and keeps joining.",
            &[
                "Set the LoRaWAN MAC version on the network server to the device's version (1.0.x).",
                "Remove the NwkKey for LoRaWAN 1.0.x devices and keep only the AppKey.",
                "Restart the device to trigger a new join.",
                "This is a configuration issue, not a reason for an RMA.",
            ],
        ),
        Topic::NotRegistered => (
            "The device's join-requests reach the gateways, but the network server neither answers nor reports an error: it does not know the DevEUI/JoinEUI combination.",
            &[
                "Register the device on the network server with the DevEUI shown in this report.",
                "Check that the registered JoinEUI (AppEUI) matches the one the device sends (see the findings); The Things Stack needs both to match.",
                "Check that the gateway forwards to the network server the device is registered on.",
                "This is a configuration issue, not a reason for an RMA.",
            ],
        ),
        Topic::DevNonceCounter => (
            "The device uses LoRaWAN 1.0.4 (or later) and its DevNonce counter started again from the beginning, for example after a firmware update or a reset that cleared its memory. The network server refuses DevNonces it has already seen or that are not larger than the last one.",
            &[
                "ChirpStack: flush the device's DevNonces (device page, or the FlushDevNonces API).",
                "The Things Stack: use \"Reset used DevNonces\" on the device (or enable resets_join_nonces).",
                "Alternatively re-register the device, or let the counter catch up (this can take many attempts).",
                "Ask the vendor whether the firmware keeps the DevNonce in non-volatile memory; if it is lost on every reset, report a firmware defect.",
                "Not a hardware fault: no RMA needed.",
            ],
        ),
        Topic::DevNonceReuse => (
            "The network server refuses the device's join-requests because their DevNonce was already used. After a factory reset or re-provisioning, a device can repeat DevNonces the network server still remembers.",
            &[
                "ChirpStack: flush the device's DevNonces (device page, or the FlushDevNonces API).",
                "The Things Stack: use \"Reset used DevNonces\" on the device.",
                "If the DevNonces repeat all the time, the device's random number generator is weak: report it to the vendor with this report.",
                "Not a hardware fault in itself: no RMA unless the vendor confirms a defect.",
            ],
        ),
        Topic::TxFailed => (
            "The network server accepted the join-requests, but the gateway could not transmit the join-accepts in time or at all (for example TOO_LATE). The device never receives an answer. The problem lies with the gateway or its backhaul, not with the device.",
            &[
                "TOO_LATE: check the gateway's backhaul latency (ping the network server; cellular and satellite links are often too slow) and consider a network server closer to the gateway.",
                "Check the gateway's clock, packet-forwarder version and region configuration (TOO_EARLY, TX_FREQ, TX_POWER).",
                "Check the gateway's duty-cycle usage (DUTY_CYCLE_OVERFLOW).",
                "Not a device fault: no RMA.",
            ],
        ),
        Topic::NotReceivedSuspect => (
            "The network server answered and the gateway sent the join-accepts with a good signal, and a known-good device at the same site works, yet this device never takes the join-accept. Its receiver, antenna or receive-window timing is likely defective.",
            &[
                "Make sure the network server uses the device's MAC version and default RX settings (RX1 delay, RX2 data rate) — see the join-accept details in the findings.",
                "Restart the device with a fresh battery and test it again close to the gateway.",
                "If it still does not join, return the device (RMA) with this report.",
            ],
        ),
        Topic::NotReceivedCoverage => (
            "The join-accepts were sent, but the device's signal arrives only just above the demodulation limit, so the join-accepts probably do not reach it. This is a coverage problem.",
            &[
                "Move the device closer to a gateway or to a better position (higher, away from metal and concrete).",
                "Add a gateway or an external antenna.",
                "Test the device next to the gateway: if it joins there, it is not defective.",
            ],
        ),
        Topic::NotReceivedInconclusive => (
            "The join-accepts were sent (or at least answered), but the device keeps joining again. The evidence does not yet show whether the device, the downlink path or the gateway is at fault.",
            &[
                "Name a known-good device at the same site with --reference-dev-eui.",
                "Capture the gateway's event/ack topic as well, to confirm that the join-accepts were transmitted.",
                "Check the MAC version and RX settings on the network server.",
                "Test the device next to the gateway.",
            ],
        ),
        Topic::FcntReset => (
            "The device's frame counter keeps starting again without a new join: the device reboots, usually because of brown-outs from a weak battery or an unstable power supply, or because of a firmware fault.",
            &[
                "Replace the battery (or measure the supply voltage under load) and check the battery contacts.",
                "Check whether someone power-cycled the device on purpose.",
                "ABP devices: make sure the device keeps its frame counters across resets; the network server's frame-counter reset option is only a temporary workaround.",
                "If it keeps rebooting with a fresh battery, return the device (RMA).",
            ],
        ),
        Topic::FcntResetAbp => (
            "The ABP device restarted its frame counter at 0 once, and the network server now drops its frames as replays. ABP devices that do not keep their frame counter across a power cycle do this after every restart: this is a configuration matter, not a defect.",
            &[
                "Ask whether someone power-cycled the device or changed its battery.",
                "Reset the device's frame counter on the network server (ChirpStack: the device's frame-counter settings; The Things Stack: \"Reset frame counters\") so that its frames are accepted again.",
                "Better: move the device to OTAA, or enable frame-counter persistence in its firmware.",
                "If the counter restarts again without anyone touching the device, suspect brown-outs or its non-volatile storage, and consider an RMA.",
            ],
        ),
        Topic::PoorCoverage => (
            "The device's signal arrives too close to the demodulation limit for its spreading factor, and frames are lost. The device works, but it is at the edge of coverage.",
            &[
                "Move the device or its antenna to a better position (higher, away from metal and concrete).",
                "Add a gateway closer to the device.",
                "Check the gateway's antenna and cable.",
                "Not a device fault: no RMA.",
            ],
        ),
        Topic::HighLoss => (
            "Many frames are lost although the signal arrives with a good margin. The cause is in the network (interference, gateway capacity or duty cycle), or the device does not send all its frames.",
            &[
                "Check the gateway for interference and load (other devices, other networks on the same channels).",
                "Check the gateway's backhaul and uptime during the window.",
                "Check whether the frame counters jump because the device skips transmissions (firmware settings).",
                "No device fault is proven: no RMA yet.",
            ],
        ),
        Topic::Insufficient => (
            "The captured traffic is not enough to decide yet: the window is too short or too few frames were seen. A verdict now could blame the wrong party.",
            &[
                "Keep watching for at least the time stated in the summary, then run the diagnosis again.",
                "Capture both the gateway topics and the application topics of the network server.",
                "Pass --keys and --reference-dev-eui to strengthen the evidence.",
                "Do not start an RMA yet.",
            ],
        ),
    }
}
