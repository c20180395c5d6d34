# rmacheck message catalog: English.
#
# One file per language (en.ftl is the reference); ids and named arguments are the same in
# every file. Syntax: https://projectfluent.org/fluent/guide/

## Report labels

label-title = RMA diagnostics report
label-generated = Generated
label-tool = Tool
label-section-rma = Return request
label-order-number = Order number
label-device-name = Device name
label-model = Model
label-serial-number = Serial number
label-join-eui-observed = JoinEUI (from the device's join requests)
label-delivery-date = Delivery date
label-reason = Reason for return
label-support-ticket = Shop support ticket
label-manufacturer-ticket = Manufacturer ticket
label-factory-reset = Reset to factory settings and unlinked from accounts
label-yes = Yes
label-no = No
label-accessories = Accessories included
label-none = —
label-contact = Contact
label-name = Name
label-email = E-mail
label-phone = Phone
label-section-description = Problem description
label-before = What was done before the problem occurred
label-problem = Problem
label-steps-taken = Steps already taken
label-section-warranty = Warranty status on { $date }
label-withdrawal = Right of withdrawal (14 days)
label-voluntary-warranty = Voluntary warranty (12 months)
label-statutory-liability = Statutory liability for defects (24 months)
label-within = running — ends on { $date }
label-expired = ended on { $date }
label-section-photos = Photos
label-view = View
label-file = File
label-no-photos = No photos attached.
label-section-diagnosis = Diagnosis
label-verdict = Verdict
label-class = Class
label-assessment = Assessment for the return
label-explanation = Explanation
label-next-steps = Next steps
label-section-warnings = Notes
label-section-findings = Findings
label-severity = Severity
label-code = Code
label-observed = What was observed
label-evidence-refs = Evidence (message no.)
label-no-findings = No findings.
label-section-stats = Counters
label-section-charts = Charts
label-chart-rssi = RSSI over time (dBm, best gateway per message)
label-chart-snr = SNR over time (dB, best gateway per message)
label-chart-joins = Join attempts and answers over time
label-no-data = no data
label-section-timeline = Timeline
label-time-utc = Time (UTC)
label-event = Event
label-gateway = Gateway
label-details = Details
label-rows-omitted = … { $n } rows not shown here; the full timeline is in report.json.
label-timeline-latest = The timeline and the charts show only the device's latest { $n } events, the most a report keeps; the counters and the verdict cover every message in evidence.jsonl.
label-no-events = No messages from this device in the observation window.
label-section-evidence = Evidence
label-window = Observation window (UTC)
label-capture-messages = Messages in the captures
label-evidence-messages = Messages in evidence.jsonl
label-reference-note = evidence.jsonl also holds { $n } messages of the reference device { $eui } (a known-good device at the same site, included to show that the gateways were receiving).
label-keys-supplied = AppKeys were supplied for MIC checks; the keys themselves are not part of this report.
label-keys-not-supplied = No AppKeys were supplied; message integrity codes (MICs) were not checked locally.
label-profile = Device profile
label-profile-generic = generic expectations
label-index-note = Message numbers refer to the 0-based line position in evidence.jsonl.
label-section-verification = Verification
label-evidence-sha256 = SHA-256 of evidence.jsonl
label-diagnosis-sha256 = SHA-256 of the diagnosis (canonical JSON)
label-signed-by = Signed by
label-fingerprint = Key fingerprint
label-namespace = Signature namespace
label-verify-intro = Check the signature with OpenSSH (Linux, macOS, Git Bash):
label-verify-windows = On Windows use cmd, not PowerShell (PowerShell pipes change the bytes):
label-verify-binding = report.json is the signed original: it carries the SHA-256 of this document and of every other file in the bundle, so after the signature check `rmacheck verify DIR` (or sha256sum) confirms each file.
label-redactions = No AppKey, password or private key is contained in this report or its bundle.
label-summary = Summary
label-for-technician = For the technician: commands that collect or check more evidence
label-details-follow = Findings, counters, charts and the timeline follow on the next pages.
label-invoice-number = Invoice number
label-support-validation = Validated with technical support
label-manufacturer = Manufacturer
label-rma-route = RMA route
label-section-extra = Further details requested by the shop
label-section-parcel = Parcel label
label-sender = Sender
label-contact-person = Contact person
label-return-reference = Ticket / RMA number
label-section-attachments = Attachments
label-kind = Document
label-no-attachments = No documents attached.
route-manufacturer = The manufacturer { $manufacturer } handles this return itself (its ticket { $ticket }): send the device as the manufacturer's RMA instructions say, with this report.
route-shop = The shop handles this return of the { $manufacturer } device and deals with the manufacturer; if the shop asks you to use the manufacturer's own RMA service instead, enter that ticket as manufacturer_ticket.
attachment-invoice = Purchase invoice
attachment-delivery-note = Delivery note
attachment-other = Other document

## Return reasons

reason-defect = Defect
reason-wrong-order = Ordered by mistake
reason-wrong-delivery = Wrong item delivered
reason-withdrawal = Withdrawal from the contract

## Photo views

view-closed = closed
view-open = open

## Finding severities

severity-info = Info
severity-warning = Warning
severity-error = Error

## Verdict classes and what they mean for the return

class-healthy = no fault
assessment-healthy = No fault was found: this evidence does not support a return for a defect.
class-configuration = configuration
assessment-configuration = A configuration problem, not a hardware fault: fix the settings; a return will not help.
class-network = network
assessment-network = A network problem, not a hardware fault: check the gateway and its connection; a return will not help.
class-coverage = radio coverage
assessment-coverage = A radio coverage problem: improve the link before considering a return.
class-device-suspect = device suspect
assessment-device-suspect = The device itself is suspect: a return is justified.
class-inconclusive = inconclusive
assessment-inconclusive = Inconclusive: collect more data before deciding on a return.

## Verdict titles

verdict-healthy = Device works normally
verdict-no-radio-activity = No radio activity from the device
verdict-join-key-mismatch = Join fails: AppKey does not match
verdict-join-not-registered = Join unanswered: device not registered
verdict-devnonce-rejected = Join refused: DevNonce reused
verdict-join-accept-tx-failed = Gateway could not send the join accept
verdict-join-accept-not-received = Join accept sent but not received by the device
verdict-frame-counter-reset = Frame counter restarts (device reboots)
verdict-poor-coverage = Poor radio coverage
verdict-high-packet-loss = High packet loss
verdict-insufficient-evidence = Not enough data to decide

## Timeline event kinds

event-join-request = Join request
event-join-accept = Join accept (scheduled)
event-join-accept-tx = Join accept, gateway TX result
event-uplink = Uplink
event-app-uplink = Uplink (application)
event-app-join = Join (application)
event-ns-log = Network server log
event-downlink = Downlink
event-downlink-tx = Downlink, gateway TX result
event-status = Device status

## Counters

stat-join-requests = Join requests
stat-join-accepts = Join accepts scheduled
stat-join-accept-tx-ok = Join accepts sent
stat-join-accept-tx-failed = Join accepts not sent (gateway error)
stat-dev-nonces-distinct = Distinct DevNonces
stat-dev-nonces-reused = Reused DevNonces
stat-uplinks = Uplinks (distinct frames)
stat-fcnt-first = First frame counter
stat-fcnt-last = Last frame counter
stat-fcnt-missing = Missing frames
stat-fcnt-resets = Frame counter restarts
stat-retransmissions = Retransmissions
stat-gateways = Gateways that heard the device
stat-rssi-dbm = RSSI min / median / max (dBm)
stat-snr-db = SNR min / median / max (dB)
stat-ns-log-codes = Network server log codes
stat-malformed-messages = Undecodable messages
stat-gateways-offline = Gateways down during the window
stat-fcnt-missing-unobserved = Frames missing while not observed

## Report warnings

warning-photo-missing-closed = No photo of the closed device is attached; shops usually ask for photos of the closed and the opened device.
warning-photo-missing-open = No photo of the opened device is attached; shops usually ask for photos of the closed and the opened device.
warning-join-eui-mismatch = The RMA file gives JoinEUI { $rma }, but the device's join requests carry { $observed }.
warning-withdrawal-period-over = The reason is withdrawal, but the 14-day withdrawal period ended on { $date }.
warning-liability-period-over = The reason is a defect, but the 24-month statutory liability period ended on { $date }.
warning-reference-not-heard = The reference device { $eui } was not heard in the captures, so it does not show that the gateways were receiving.
warning-unreadable-lines = Unreadable capture lines skipped: { $n }.
warning-evidence-limited = The device reached the limit of messages a report keeps as evidence: evidence.jsonl holds its first { $n }, and the diagnosis covers only those. Make the report from a shorter capture to cover a later period.
warning-defect-not-shown = The reason is a defect, but the verdict is { $verdict } ({ $class }): the device itself is not shown to be faulty. The shop will likely refuse the return and may bill the diagnosis; fix the cause first.
warning-factory-reset-missing = The device is not reset to factory settings and unlinked from your accounts (factory_reset = false): shops bill this work; do it before sending.
warning-description-missing = The description lacks { $field }: shops reject incomplete requests; say what was done before the problem (before) and what was already tried (steps_taken).
warning-wrong-order-used = The reason is wrong_order, but the device sent { $n } messages: it was put into operation, so it may no longer count as unused.

## Verdict explanations

heading-meaning = What this means
heading-next-steps = Next steps before an RMA

explain-healthy = The device joined the network and its uplinks arrive with normal loss and enough link margin. The radio link and the network-server configuration work.
    .step-1 = The radio traffic gives no reason for an RMA: if the customer reports a fault, check the sensor readings and the payload decoder instead.
    .step-2 = Keep the capture with the RMA ticket as proof that the device communicated correctly.
explain-no-activity-suspect = No frame from the device reached any gateway during a window long enough for its join and uplink schedule, while a known-good device at the same site was heard. The gateways receive; this device does not transmit (or not on the gateways' channels).
    .step-1 = Check the power supply: replace or measure the battery, check the polarity and the power switch or jumper.
    .step-2 = Check that the device is set to the right region and, on US915/AU915, to the gateway's sub-band.
    .step-3 = Restart the device and watch its LED or serial console for join attempts.
    .step-4 = If it stays silent with a fresh battery and the right region, return the device (RMA): its transmitter is likely defective.
explain-no-activity-inconclusive = No frame from the device reached any gateway, but this does not yet prove a device fault: the window is too short for the device's back-off or schedule, or nothing shows that the gateways were receiving.
    .step-1 = Keep watching for at least the time given in the summary above.
    .step-2 = Include a known-good device at the same site in the check, to prove that the gateways receive.
    .step-3 = Check the power supply, the region setting and the gateway's connection to the network server.
    .step-4 = Do not start an RMA yet.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-no-activity-gateway-offline = Nothing from the device reached the network, but a gateway that can hear it was offline during the window (its Last Will arrived, or its statistics stopped). While a gateway is down, the device's silence says nothing about the device.
    .step-1 = Check the gateway named in the summary: its power, its backhaul (Ethernet, Wi-Fi or cellular) and that its packet forwarder or gateway bridge is running.
    .step-2 = Once the gateway is back online, watch again for at least the time stated in the summary.
    .step-3 = Do not start an RMA while a gateway at the site was offline.
explain-key-device = The device signs its join-requests with a different AppKey than the one registered on the network server, so every join-request fails the MIC check and is dropped.
    .step-1 = Read the AppKey, DevEUI and JoinEUI (AppEUI) from the device (configuration tool, AT commands or label) and compare them byte by byte with the registration.
    .step-2 = Enter the AppKey in MSB order (as printed, most significant byte first); some device tools show the DevEUI and JoinEUI LSB-first.
    .step-3 = Correct the key on the network server or re-provision the device, then restart it to trigger a new join.
    .step-4 = This is a configuration issue, not a reason for an RMA.
explain-key-network-server = The device's join-requests are correctly signed with the registered AppKey, yet the network server reports a MIC error. The network server's settings for the device are wrong, not the device.
    .step-1 = Set the LoRaWAN MAC version in the device profile on the network server to the device's version (e.g. 1.0.3, not 1.1).
    .step-2 = For LoRaWAN 1.0.x devices, leave the NwkKey empty (The Things Stack: unset root-keys.nwk-key) and enter the key as AppKey.
    .step-3 = Check that the key was entered in the right field and for the right device.
    .step-4 = This is a configuration issue, not a reason for an RMA.
explain-key-unverified = The network server rejects the device's join-requests because their MIC does not match: the AppKey in the device and the registered one differ, or the network server uses the wrong LoRaWAN version for the device.
    .step-1 = Check the join-requests again against the AppKey registered on the network server: that shows whether the device or the network-server settings are wrong.
    .step-2 = Compare AppKey, DevEUI and JoinEUI on the device and on the network server (AppKey in MSB order).
    .step-3 = Check the LoRaWAN MAC version in the device profile.
    .step-4 = This is a configuration issue, not a reason for an RMA.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --keys KEYS.toml
explain-key-join-accept = The network server accepts the join-requests but encrypts its join-accepts with a key the device does not use: typically the device is registered as LoRaWAN 1.1, or a NwkKey is set for a LoRaWAN 1.0.x device. The device discards the join-accepts and keeps joining.
    .step-1 = Set the LoRaWAN MAC version on the network server to the device's version (1.0.x).
    .step-2 = Remove the NwkKey for LoRaWAN 1.0.x devices and keep only the AppKey.
    .step-3 = Restart the device to trigger a new join.
    .step-4 = This is a configuration issue, not a reason for an RMA.
explain-not-registered = The device's join-requests reach the gateways, but the network server neither answers nor reports an error: it does not know the DevEUI/JoinEUI combination.
    .step-1 = Register the device on the network server with the DevEUI shown in this report.
    .step-2 = Check that the registered JoinEUI (AppEUI) matches the one the device sends (see the findings); The Things Stack needs both to match.
    .step-3 = Check that the gateway forwards to the network server the device is registered on.
    .step-4 = This is a configuration issue, not a reason for an RMA.
explain-dev-nonce-counter = The device uses LoRaWAN 1.0.4 (or later) and its DevNonce counter started again from the beginning, for example after a firmware update or a reset that cleared its memory. The network server refuses DevNonces it has already seen or that are not larger than the last one.
    .step-1 = ChirpStack: flush the device's DevNonces (device page, or the FlushDevNonces API).
    .step-2 = The Things Stack: use "Reset used DevNonces" on the device (or enable resets_join_nonces).
    .step-3 = Alternatively re-register the device, or let the counter catch up (this can take many attempts).
    .step-4 = Ask the vendor whether the firmware keeps the DevNonce in non-volatile memory; if it is lost on every reset, report a firmware defect.
    .step-5 = Not a hardware fault: no RMA needed.
explain-dev-nonce-reuse = The network server refuses the device's join-requests because their DevNonce was already used. After a factory reset or re-provisioning, a device can repeat DevNonces the network server still remembers.
    .step-1 = ChirpStack: flush the device's DevNonces (device page, or the FlushDevNonces API).
    .step-2 = The Things Stack: use "Reset used DevNonces" on the device.
    .step-3 = If the DevNonces repeat all the time, the device's random number generator is weak: report it to the vendor with this report.
    .step-4 = Not a hardware fault in itself: no RMA unless the vendor confirms a defect.
explain-tx-failed = The network server accepted the join-requests, but the gateway could not transmit the join-accepts in time or at all (for example TOO_LATE). The device never receives an answer. The problem lies with the gateway or its backhaul, not with the device.
    .step-1 = TOO_LATE: check the gateway's backhaul latency (ping the network server; cellular and satellite links are often too slow) and consider a network server closer to the gateway.
    .step-2 = Check the gateway's clock, packet-forwarder version and region configuration (TOO_EARLY, TX_FREQ, TX_POWER).
    .step-3 = Check the gateway's duty-cycle usage (DUTY_CYCLE_OVERFLOW).
    .step-4 = Not a device fault: no RMA.
explain-not-received-suspect = The network server answered and the gateway sent the join-accepts with a good signal, and a known-good device at the same site works, yet this device never takes the join-accept. Its receiver, antenna or receive-window timing is likely defective.
    .step-1 = Make sure the network server uses the device's MAC version and default RX settings (RX1 delay, RX2 data rate) — see the join-accept details in the findings.
    .step-2 = Restart the device with a fresh battery and test it again close to the gateway.
    .step-3 = If it still does not join, return the device (RMA) with this report.
explain-not-received-coverage = The join-accepts were sent, but the device's signal arrives only just above the demodulation limit, so the join-accepts probably do not reach it. This is a coverage problem.
    .step-1 = Move the device closer to a gateway or to a better position (higher, away from metal and concrete).
    .step-2 = Add a gateway or an external antenna.
    .step-3 = Test the device next to the gateway: if it joins there, it is not defective.
explain-not-received-inconclusive = The join-accepts were sent (or at least answered), but the device keeps joining again. The evidence does not yet show whether the device, the downlink path or the gateway is at fault.
    .step-1 = Include a known-good device at the same site in the check.
    .step-2 = Capture the gateway's event/ack topic as well, to confirm that the join-accepts were transmitted.
    .step-3 = Check the MAC version and RX settings on the network server.
    .step-4 = Test the device next to the gateway.
    .tech-1 = rmacheck diagnose CAPTURE.jsonl --dev-eui { $eui } --reference-dev-eui REFERENCE_EUI
explain-fcnt-reset = The device's frame counter keeps starting again without a new join: the device reboots, usually because of brown-outs from a weak battery or an unstable power supply, or because of a firmware fault.
    .step-1 = Replace the battery (or measure the supply voltage under load) and check the battery contacts.
    .step-2 = Check whether someone power-cycled the device on purpose.
    .step-3 = ABP devices: make sure the device keeps its frame counters across resets; the network server's frame-counter reset option is only a temporary workaround.
    .step-4 = If it keeps rebooting with a fresh battery, return the device (RMA).
explain-fcnt-reset-abp = The ABP device restarted its frame counter at 0 once, and the network server now drops its frames as replays. ABP devices that do not keep their frame counter across a power cycle do this after every restart: this is a configuration matter, not a defect.
    .step-1 = Ask whether someone power-cycled the device or changed its battery.
    .step-2 = Reset the device's frame counter on the network server (ChirpStack: the device's frame-counter settings; The Things Stack: "Reset frame counters") so that its frames are accepted again.
    .step-3 = Better: move the device to OTAA, or enable frame-counter persistence in its firmware.
    .step-4 = If the counter restarts again without anyone touching the device, suspect brown-outs or its non-volatile storage, and consider an RMA.
explain-poor-coverage = The device's signal arrives too close to the demodulation limit for its spreading factor, and frames are lost. The device works, but it is at the edge of coverage.
    .step-1 = Move the device or its antenna to a better position (higher, away from metal and concrete).
    .step-2 = Add a gateway closer to the device.
    .step-3 = Check the gateway's antenna and cable.
    .step-4 = Not a device fault: no RMA.
explain-high-loss = Many frames are lost although the signal arrives with a good margin. The cause is in the network (interference, gateway capacity or duty cycle), or the device does not send all its frames.
    .step-1 = Check the gateway for interference and load (other devices, other networks on the same channels).
    .step-2 = Check the gateway's backhaul and uptime during the window.
    .step-3 = Check whether the frame counters jump because the device skips transmissions (firmware settings).
    .step-4 = No device fault is proven: no RMA yet.
explain-insufficient = The captured traffic is not enough to decide yet: the window is too short or too few frames were seen. A verdict now could blame the wrong party.
    .step-1 = Keep watching for at least the time given in the summary above, then check again.
    .step-2 = Capture both the gateway topics and the application topics of the network server.
    .step-3 = Include the registered AppKeys and a known-good device at the same site in the check, to strengthen the evidence.
    .step-4 = Do not start an RMA yet.
    .tech-1 = rmacheck watch --broker mqtt://HOST:1883 --dev-eui { $eui } --record more.jsonl
    .tech-2 = rmacheck diagnose CAPTURE.jsonl more.jsonl --dev-eui { $eui } --keys KEYS.toml --reference-dev-eui REFERENCE_EUI

## Diagnosis: shared parts of summaries

summary-thin = { $observation } { $needed }: watch at least { $duration } more ({ $basis }).
summary-answered-no-uplink = The network server answered the join-request at #{ $index }, but the window ended before the device's first uplink: watch at least { $duration } more ({ $basis }).
summary-not-enough = The captured traffic is not enough to decide: watch at least { $duration } more ({ $basis }).
n-join-requests = { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    }

## Diagnosis: why that long (the basis of a time to watch)

basis-retry-schedule = the profile's join retry schedule waits up to { $duration } between join-requests
basis-join-backoff = after 11 h of failed joins the LoRaWAN back-off allows { $budget } s of airtime per 24 h, one join-request at SF{ $sf } every { $duration }
basis-uplink-interval = the profile's uplink interval is { $duration }
basis-uplink-unknown = the uplink interval is unknown (assumed at most { $duration })
basis-enough-attempts = enough attempts were seen
basis-observed-gap = the device's join-requests came about { $duration } apart
basis-visibility = { $basis }, and the gateways hear only about 1 in { $factor } of them
basis-frames-for-loss = { $frames } more uplinks at about { $duration } apart are needed for a loss figure
basis-more-uplinks = { $n } more uplinks at about { $duration } apart
basis-brown-outs-recur = reboots from brown-outs recur within a day or two
basis-observed-uplink = the device sent about every { $duration } in the capture
basis-stopped-intervals = { $n } uplink intervals with every gateway up

## Diagnosis: frame counter restarts

fcnt-reset-seen = The frame counter restarted { $n ->
        [one] once
       *[other] { $n } times
    } without a rejoin{ $details }{ $dropped ->
        [0] {""}
        [one] , and the network server dropped 1 frame since (UPLINK_F_CNT_RESET, or heard by the gateways but never delivered to the application)
       *[other] , and the network server dropped { $dropped } frames since (UPLINK_F_CNT_RESET, or heard by the gateways but never delivered to the application)
    }.
fcnt-reset-details = {" "}({ $list })
fcnt-reset-step = FCnt { $from } → { $to } at #{ $index }
fcnt-reset-reboots = { $seen } The device reboots — most often brown-outs from a weak battery or power supply — and keeps its session but not its counters.{ $abp ->
        [profile] {" "}As an ABP device it must keep its frame counters across resets (LoRaWAN 1.0.4 §4.3.1.5); until the counter passes its old value, the network server drops every frame.
        [maybe] {" "}If this is an ABP device, it must keep its frame counters across resets (LoRaWAN 1.0.4 §4.3.1.5); until the counter passes its old value, the network server drops every frame.
       *[no] {""}
    }
fcnt-reset-needed = One restart can be a battery change or a deliberate power cycle — ask whether someone did that — and see whether it repeats
fcnt-reset-abp-now = { $seen } The device is not working now: the network server drops every frame until the counter passes its old value. { $abp ->
        [profile] The device is ABP
       *[maybe] No join was seen, so this is most likely an ABP device
    }: ABP devices that do not persist their frame counter restart at 0 on every power cycle. Ask whether someone power cycled it or changed its battery; then reset the device's frame counter on the network server (ChirpStack: the device's frame-counter settings; The Things Stack: "Reset frame counters"), or better, move it to OTAA. If it restarts again without anyone touching it, the device itself is suspect.
fcnt-reset-otaa-now = { $seen } The device is not working now: the network server drops every frame until the counter passes its old value. An OTAA device that keeps its session but restarts its counter loses the counter on reboot: its non-volatile storage or a brown-out reboot is the likely cause. Ask whether someone power cycled it; a rejoin restores traffic for now, and if it happens again without anyone touching it, return it.

## Diagnosis: join-request MIC failures

key-stale-keys-file = { $requests } fail the MIC check with the AppKey in the keys file, yet the network server accepted them: the keys file does not hold the key registered on the network server. Local MIC results are ignored; correct the keys file.
key-mismatch-device = { $requests } fail the MIC check with the AppKey registered for this device{ $ns ->
        [0] {""}
       *[other] {" "}and the network server rejected { $ns } with UPLINK_MIC
    }: the AppKey programmed into the device differs from the registered one (often a byte-order mistake, or a device provisioned with another key).
key-mismatch-network-server = The join-requests verify with the registered AppKey, yet the network server rejected { $ns } of them with UPLINK_MIC: the device is fine; the network server's settings for it are wrong (LoRaWAN MAC version, a NwkKey set for a LoRaWAN 1.0.x device, or the key entered in the wrong field).
key-mismatch-unverified = The network server rejected { $requests } with UPLINK_MIC ("MIC of join-request is invalid"): the AppKey in the device and the registered one differ. Run again with --keys (the registered AppKey) to tell whether the device or the network server is wrong.
key-mismatch-join-accept = The network server answered { $requests }, but its join-accepts do not verify with the registered AppKey: it encrypts them with another key (device registered as LoRaWAN 1.1, or with a NwkKey set), so the device discards them and keeps joining.
key-mismatch-needed = One failure is not enough to decide (at least { $min } are needed, e.g. a stale network-server cache)

## Diagnosis: healthy, but the uplinks stopped while a gateway was down

healthy-then-silent = Then nothing for { $silence } (it sent about every { $interval }).
healthy-gateway-down-needed = The silence falls while a gateway that heard the device was down, so it says nothing about the device: { $check }, then watch again with every gateway up

## Diagnosis: context findings

finding-join-eui-mismatch = The device sends JoinEUI { $sent } but the keys file registers { $registered }: { $accepted ->
        [yes] the network server accepted the join anyway: ChirpStack finds a device by its DevEUI only and overwrites the stored JoinEUI, while The Things Stack would drop these join-requests (it keys devices by JoinEUI and DevEUI): correct the registration or the device before moving it to another network server.
       *[no] on The Things Stack the pair (JoinEUI, DevEUI) must match the registration, so these join-requests find no device (ChirpStack, which finds devices by DevEUI only, would accept them).
    }
finding-profile-mismatch = The profile { $profile } describes an ABP device, but the device sends join-requests (OTAA): check the activation mode configured on the device and the profile.
finding-region-mismatch = The profile { $profile } is for { $region }, but frames were heard on { $frequencies }: the device or the profile is for another region.
join-history-code = { $code } ×{ $n }
join-history-local-mic = local MIC failure ×{ $n }
join-history-tx-failed = join-accept { $status } ×{ $n }
join-history-not-taken = join-accept not taken ×{ $n }
finding-join-history = Before the device joined, { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    } ran into problems ({ $problems }). The device joined afterwards, so these no longer decide the verdict.
finding-repeated-rejoins = The device joined again { $n ->
        [one] 1 time
       *[other] { $n } times
    } after it had already sent uplinks: it restarts — check its battery or power supply.
link-median-rssi = , median RSSI { $rssi } dBm
finding-link-margin = Median link margin { $margin } dB ({ $band }), worst { $worst } dB: median best-gateway SNR { $snr } dB at { $sf }{ $rssi }.
finding-packet-loss = Loss { $loss } from frame-counter gaps: { $received } received, { $missing } missing (duplicates and retransmissions excluded; restarts are not counted as loss).
reference-last-heard = , last at { $at }
finding-reference-heard = The reference device { $eui } was heard in the window ({ $uplinks ->
        [one] 1 uplink
       *[other] { $uplinks } uplinks
    }, { $requests ->
        [one] 1 join-request
       *[other] { $requests } join-requests
    }) by gateway { $gateways }{ $last }: the gateways and the capture work.
finding-reference-not-heard = The reference device { $eui } was not heard in the window: either it is not at the site, or the gateways, their backhaul or the capture are down. Nothing can be blamed on the device until the reference is heard.
finding-retransmissions = { $n ->
        [one] 1 frame
       *[other] { $n } frames
    } repeated an earlier frame counter (retransmissions, or copies that reached the network server late{ $logged ->
        [yes] ; logged as UPLINK_F_CNT_RETRANSMISSION
       *[no] {""}
    }). This is normal and not counted as loss.
sub-band-range = sub-band { $band } ({ $from }–{ $to } MHz)
finding-sub-band-limited = { $plan }: the device's join-requests were heard only on { $n ->
        [one] 1 sub-band
       *[other] { $n } sub-bands
    } ({ $bands }). A compliant device spreads its join-requests over all { $total } sub-bands, so the gateways hear about 1 in { $factor } of them: slow joins are expected here, not a fault.
join-accept-channels = , extra channels { $mhz } MHz
join-accept-settings = DevAddr { $addr }, NetID { $netid }, RX1 delay { $delay } s, RX1 DR offset { $offset }, RX2 DR { $rx2 }{ $channels }
join-accept-decrypted = {" "}({ $n } join-accepts decrypted)
finding-join-accept-content = The join-accept at #{ $index } decrypts with the registered AppKey, so the network server has the right key. It assigns { $settings }{ $count }.
finding-join-accept-optneg = The join-accept sets the OptNeg bit: the network server treats the device as LoRaWAN 1.1, but it is { $assumed ->
        [yes] assumed to be LoRaWAN { $mac }
       *[no] LoRaWAN { $mac }
    }. Set the MAC version on the network server to { $mac }.

## Timeline notes (report and inspect timeline)

note-same-as = same transmission as #{ $index }
note-retransmission = retransmission: same FCnt as #{ $index }
note-nonce-reused = DevNonce already used at #{ $index }
note-fcnt-reset = frame counter restarted (was { $from })
note-new-session = new session
note-answers = answers join-request #{ $index }
note-unmatched = no matching join-request heard
note-ack-for = gateway ack for #{ $index }
note-status-margin = margin { $margin } dB
note-status-external-power = external power
note-status-battery = battery { $percent } %
note-downlink-queued = queued
note-downlink-sent = sent
note-downlink-ack = acknowledged by the device
note-downlink-nack = not acknowledged
note-downlink-failed = failed
note-downlink-invalidated = queue invalidated
note-downlink-error = { $outcome }: { $error }
note-gateway-online = state/conn ONLINE
note-gateway-last-will = state/conn OFFLINE (Last Will)
note-gateway-stats-stopped = last sign of life: no stats for more than { $factor } × { $interval } s after it
note-gateway-heard-again = heard again
event-gateway-up = Gateway online
event-gateway-down = Gateway offline

## diagnose: terminal tables and Markdown

diag-title = Diagnosis of { $eui }
diag-verdict = Verdict
diag-window = Window
diag-evidence = Evidence
diag-profile = Profile
diag-reference = Reference
diag-not-observed = Not observed (silence and loss here are not the device's)
diag-gap = { $from } – { $to } ({ $reason }: { $lost ->
        [yes] messages may have been lost
       *[no] the broker kept the session; queued messages followed
    })
diag-findings = Findings
diag-severity = Severity
diag-stats = Stats
diag-counter = Counter
diag-value = Value
diag-malformed = Malformed messages
diag-malformed-intro = { $n } counted; the first { $listed } with their reasons:
diag-source = Source
diag-reason = Reason
diag-sufficient = sufficient
diag-not-sufficient = not sufficient
diag-watch-more = not sufficient: watch at least { $duration } more
diag-none = none
diag-none-named = none named
diag-no-profile = no profile given: assuming LoRaWAN 1.0.3 (random DevNonces); join-requests at up to SF12, throttled only by the LoRaWAN join back-off; uplink interval unknown (assumed at most { $duration }); OTAA or ABP is inferred from the traffic
diag-reference-heard = { $eui } heard ({ $uplinks } uplinks, { $requests } join-requests, gateways { $gateways })
diag-reference-not-heard = { $eui } NOT heard in the window
diag-in-all = … ({ $n } in all)
diag-stat-join-requests = join-requests
diag-stat-join-accepts = join-accepts (sent OK / failed)
diag-stat-dev-nonces = DevNonces (distinct / reused)
diag-stat-uplinks = uplinks
diag-stat-fcnt = FCnt first / last
diag-stat-fcnt-missing = FCnt missing / resets
diag-stat-retransmissions = retransmissions
diag-stat-gateways = gateways (offline in the window)
diag-stat-rssi = RSSI min / median / max
diag-stat-snr = SNR min / median / max
diag-stat-log-codes = NS log codes
diag-stat-malformed = malformed messages

## Text that has no catalog message (shown as given)

raw-text = { $text }

## Activation attestation (report.json "activation"; criteria in docs/for-shops.md)

activation-heading = Activation attempt
activation-properly-attempted = Activation was properly attempted: { $n ->
    [one] one attempt
   *[other] { $n } attempts
} over { $span }; registration and keys are not at fault.
activation-configuration-fault = Activation was attempted ({ $n ->
    [one] one attempt
   *[other] { $n } attempts
}), but a configuration fault was found ({ $fault }): fix it before any RMA.
activation-insufficient-evidence = Activation was attempted ({ $n ->
    [one] one attempt
   *[other] { $n } attempts
} over { $span }), but the evidence is still insufficient: keep watching for at least { $more }.
activation-no-attempt-heard = No activation attempt was heard: check the power supply, the placement near a gateway and the region/frequency plan.
activation-minutes = { $n ->
    [one] one minute
   *[other] { $n } minutes
}
activation-hours = { $n ->
    [one] one hour
   *[other] { $n } hours
}
activation-days = { $n ->
    [one] one day
   *[other] { $n } days
}

## Diagnosis: gateways that went offline

gateway-offline-check = check the gateway's power, its backhaul (Ethernet, Wi-Fi or cellular) and that its packet forwarder / gateway bridge is running
gateway-offline-stats-stopped = its stats stopped after #{ $index } (sent every { $interval }; none for more than { $factor } intervals)
gateway-offline-last-will = its Last Will, state/conn OFFLINE at #{ $index }{ $last }
gateway-offline-last-life = , last stats or traffic at #{ $index }
gateway-offline-back = back at { $at } (#{ $index }, after { $duration })
gateway-offline-still-offline = still offline at the end of the window
gateway-offline-period = went offline at { $at } ({ $how }), { $back }
gateway-offline-then = { $first }; then { $rest }
gateway-offline-sentence = Gateway { $gateway } { $periods }.
finding-gateway-offline = { $sentence } While it was down it could not hear the device: { $check }, before blaming the device.

## Diagnosis: no radio activity

sentence-join = { $first } { $rest }
no-activity-nothing-heard = Nothing was heard from the device in { $duration }.
no-activity-gateway-offline = While a gateway that can hear the device is down, its silence proves nothing about the device: { $check }, then watch again with every gateway up.
no-activity-offline-reference-heard = The reference device { $eui } was heard, but only through gateways that stayed up; that does not show the offline gateway receiving.
no-activity-reference-receives = The reference device { $eui } was heard { $n } times by gateway { $gateways } in the same window, so the gateways receive: the device does not transmit, or transmits outside the gateways' channels. Check its power and battery, then its region and sub-band settings, before sending it back.
no-activity-too-short = That is too short to blame the device: { $basis }. Watch at least { $duration } more.
no-activity-reference-heard = The reference device { $eui } was heard, so the gateways receive.
no-activity-reference-not-heard = The reference device { $eui } was not heard either: the gateways, their backhaul or the capture may be down.
no-activity-no-reference = No reference device was named, so a gateway or backhaul outage cannot be ruled out: name a known-good device at the site with --reference-dev-eui.

## Diagnosis: join-requests without an answer (device not registered)

not-registered-too-late = { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    } arrived at the end of the window, too late to see the network server's answer.
not-registered-needed-any = At least { $min } answered or unanswered join-requests are needed
not-registered-span = {" "}over { $duration }
not-registered-seen = { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    } (JoinEUI { $join_eui }){ $span }, heard by { $gateways ->
        [one] 1 gateway
       *[other] { $gateways } gateways
    }, got no answer from the network server and no key error.
not-registered-join-eui-differs = The keys file registers JoinEUI { $registered }, but the device sends { $join_eui }.
not-registered-mic-valid = The join-request MIC verifies with the registered AppKey, so the keys are right.
finding-ns-errors-not-visible = No network-server log events were captured for this device and no AppKey was supplied, so a key error (UPLINK_MIC) would look the same as an unknown device: capture the application topic (…/event/log) or pass --keys to rule it out.
not-registered-conclusion = { $seen } The network server does not know this DevEUI/JoinEUI: the device is not registered, registered with another JoinEUI, or registered on another network server.
not-registered-needed = At least { $min } unanswered join-requests are needed before the registration is blamed

## Diagnosis: DevNonce refused

devnonce-list = , DevNonce { $list }
devnonce-refused = The network server refused { $requests } because the DevNonce was already used (log code OTAA{ $nonces }).
devnonce-reused = { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    } reuse a DevNonce the network server has already seen (DevNonce { $list }) and got no answer.
devnonce-counter-restarted = The DevNonce counter restarted at #{ $index } (from { $from } to { $to }): the device does not keep its DevNonce across resets, as LoRaWAN 1.0.4 requires.
devnonce-counting-seen-before = The DevNonces count up, yet the network server has seen them before: the device's DevNonce counter started again from a lower value (LoRaWAN 1.0.4 requires it to persist across resets).
devnonce-ns-counter = ChirpStack rejects every DevNonce it has stored for the device until the counter passes them all; The Things Stack rejects any DevNonce not larger than the last one.
devnonce-ns-random = ChirpStack rejects any DevNonce it has stored for the device; The Things Stack remembers the last 10 (LoRaWAN 1.0.3 and earlier use random DevNonces).
devnonce-needed-refusals = At least { $min } refusals are needed
devnonce-needed-attempts = Without a network-server log, at least { $min } such attempts are needed

## Diagnosis: join-accepts the gateway could not send

tx-failed-seen = The network server accepted the join-requests, but gateway { $gateways } failed to transmit { $n ->
        [one] 1 join-accept
       *[other] { $n } join-accepts
    } ({ $statuses }): the device never received an answer. { $hint }.
tx-failed-needed = A single failed transmission can be a passing backhaul delay; at least { $min } are needed
tx-hint-too-late = TOO_LATE: the join-accept reached the gateway after its transmit time — check the gateway's backhaul latency (cellular or satellite links, a distant network server)
tx-hint-too-early = TOO_EARLY: the join-accept arrived too far ahead of its transmit time — check the gateway's clock and packet-forwarder version
tx-hint-collision = A collision with another scheduled downlink or beacon on the gateway
tx-hint-freq-power = The gateway does not support the requested frequency or power — check that the gateway and network-server region settings match
tx-hint-gps-unlocked = The gateway has no GPS time lock
tx-hint-duty-cycle = The gateway has used up its duty-cycle budget — too many downlinks on this gateway
tx-hint-internal = A gateway-internal error (queue full or packet-forwarder fault) — restart or update the gateway software
tx-hint-other = Check the gateway's packet-forwarder log

## Diagnosis: join-accepts the device does not take

margin-band-below-floor = below the demodulation floor
margin-band-marginal = marginal, 0–10 dB
margin-band-adequate = adequate, ≥ 10 dB
not-received-answered = The network server answered { $n ->
        [one] 1 join-request
       *[other] { $n } join-requests
    }, yet the device kept sending new join-requests and no uplink from a new session arrived.
not-received-low-margin = Its join-requests arrive only { $margin } dB above the { $sf }demodulation floor ({ $band }): the join-accepts probably fade before they reach the device — improve coverage.
not-received-below-floor = Its join-requests arrive { $margin } dB below the { $sf }demodulation floor: the join-accepts probably fade before they reach the device — improve coverage.
not-received-no-tx-ack = No gateway TX acknowledgement was captured for these answers, so it is not known whether they were sent: capture the gateway event/ack topic as well.
not-received-margin-unknown = The link margin is unknown (no SNR reported), so coverage cannot be ruled out.
not-received-receive-path = Its join-requests arrive { $margin } dB above the { $sf }demodulation floor (adequate) and the reference device { $eui } is heard at the same site, so the device's receive path (radio, antenna, RX timing) is suspect.
not-received-no-reference = Its join-requests arrive { $margin } dB above the { $sf }demodulation floor (adequate), but no reference device was heard, so a gateway-side downlink problem cannot be ruled out: name a known-good device at the site with --reference-dev-eui.
not-received-needed = At least { $min } ignored join-accepts are needed

## Diagnosis: poor coverage

sf-floor = SF{ $sf }, floor { $floor } dB
sf-unknown = SF unknown
coverage-seen = { $loss } of the frames were lost ({ $missing } of { $frames } frame counters missing) and the median link margin is { $margin } dB above the demodulation floor ({ $sf }; { $band }).
coverage-seen-below-floor = { $loss } of the frames were lost ({ $missing } of { $frames } frame counters missing) and the median link margin is { $margin } dB below the demodulation floor ({ $sf }).
coverage-edge = { $seen } The device is at the edge of coverage: move it, give it a better antenna position, or add a gateway nearby.
coverage-needed = A loss figure needs at least { $min } frames

## Diagnosis: high packet loss

loss-margin-unknown = unknown (no SNR reported)
loss-margin = { $margin } dB above the demodulation floor ({ $sf }; adequate)
loss-seen = { $loss } of the frames were lost ({ $missing } of { $frames } frame counters missing; up to { $normal } is normal) although the median link margin is { $margin }.
loss-not-coverage = { $seen } This is not a coverage problem: look for interference, gateway capacity or duty-cycle limits, or collisions with other devices.

## Diagnosis: healthy

healthy-devaddr = {" "}(DevAddr { $addr })
healthy-loss = ; loss { $loss } ({ $missing } missing; up to { $normal } is normal)
healthy-margin = ; median link margin { $margin } dB ({ $sf }; { $band })
healthy-seen = The device is activated{ $addr } and sent { $uplinks ->
        [one] 1 uplink
       *[other] { $uplinks } uplinks
    } via { $gateways ->
        [one] 1 gateway
       *[other] { $gateways } gateways
    }{ $loss }{ $margin }.
healthy-needed = At least { $min } uplinks are needed to call it healthy

# verdicts

no-activity-not-observed = Messages were not observed for { $unobserved } of that time (see the intervals not observed), so only { $observed } count.
basis-silent-join-backoff = nothing shows how long the device has been trying to join, and once it has failed for more than 11 h the LoRaWAN back-off allows it only { $budget } s of airtime per 24 h, one join-request at SF{ $sf } every { $duration }
not-received-sent-of = The gateway reported { $sent ->
        [one] 1 join-accept
       *[other] { $sent } join-accepts
    } sent, yet the device answered { $ignored ->
        [one] 1 of them
       *[other] { $ignored } of them
    } with a new join-request and no uplink from a new session arrived.
report-malformed-heading = Malformed messages: the first { $listed } of { $n }
report-malformed-note = # is the position of the message in the input captures (malformed messages are no device's evidence and are not in evidence.jsonl); the reasons are rmacheck's technical messages.

# terminal tables: the malformed messages
table-malformed-first = Malformed messages (first { $listed } of { $n })
table-malformed-all = Malformed messages ({ $n })
table-malformed-source = source
table-malformed-reason = reason

# malformed messages: why a payload could not be decoded (field names, values and the
# decoders' own messages are quoted as they are)
malformed-not-text = { $what } is not UTF-8 text ({ $reason }); { $hint }
malformed-json = { $what } does not parse as expected: { $reason }; { $hint }
malformed-base64 = { $field } is not valid base64 ({ $reason }): '{ $value }'
malformed-bad-value = { $field } '{ $value }' is { $expected }
malformed-port = { $field } { $port } is out of range: LoRaWAN ports are 0-255
malformed-empty = empty payload on '{ $topic }': nothing to decode (an empty retained message only clears the broker's copy; check the producer if this repeats)
malformed-gw-up-no-phy = gateway event/up has no phyPayload: an uplink frame without its bytes cannot be used
malformed-gw-up-proto-no-phy = gateway event/up (Protobuf) has no phyPayload: the payload is probably not an UplinkFrame
malformed-down-item-no-phy = command/down item { $index } has no phyPayload
malformed-down-no-items = gateway command/down has no items: nothing was asked of the gateway
malformed-down-proto-no-items = gateway command/down (Protobuf) has no items: nothing was asked of the gateway
malformed-conn-state = gateway state/conn has state '{ $state }': expected ONLINE or OFFLINE
malformed-conn-state-number = gateway state/conn has state { $state }: expected 0 (OFFLINE) or 1 (ONLINE)
malformed-gw-not-protobuf = gateway { $topic } is neither JSON nor a valid Protobuf message ({ $reason }); expected a ChirpStack Gateway Bridge / MQTT Forwarder payload
malformed-app-not-json = application event/{ $kind } is not JSON: rmacheck reads the ChirpStack MQTT integration with json=true (set it in the [integration.mqtt] section of chirpstack.toml)
malformed-v3-not-json = ChirpStack v3 application event { $kind } is not JSON: rmacheck reads the "json" and "json_v3" marshalers, not "protobuf" (change it in the integration settings)
malformed-topic-dev-eui = the DevEUI in the topic '{ $value }' is neither 16 hex digits nor the base64 form of 8 bytes, and the payload has no { $field }
malformed-rx-no-gateway = rxInfo[{ $index }] has no { $field }: a reception needs its gateway
malformed-tts-no-content = The Things Stack { $kind } message has none of uplink_message, join_accept or downlink_*; { $hint }
malformed-tts-no-dev-eui = The Things Stack message for device '{ $device }' names no DevEUI: end_device_ids.dev_eui is absent and the device ID is not of the form eui-<16 hex digits>; give the device a DevEUI in The Things Stack or capture its uplinks, which carry it
malformed-tts-rx-no-gateway = uplink_message.rx_metadata[{ $index }] has no gateway_ids: a reception needs its gateway
malformed-tts-nested-result = a {"{"}"result": …{"}"} wrapper inside a recorded event: record the event itself
malformed-tts-event-no-gateway = { $name } names no gateway in its identifiers; { $hint }
malformed-tts-event-no-dev-eui = { $name } names no DevEUI: identifiers[].device_ids has no dev_eui and the device ID is not of the form eui-<16 hex digits>; subscribe with the device's identifiers
malformed-what-gateway = gateway { $topic } JSON
malformed-what-application = application event/{ $kind }
malformed-what-v3-application = ChirpStack v3 application event { $kind }
malformed-what-tts = The Things Stack { $kind } message
malformed-what-tts-event = The Things Stack event
malformed-what-tts-event-named = The Things Stack event { $name }
malformed-hint-chirpstack-gateway = expected a ChirpStack Gateway Bridge / MQTT Forwarder payload (JSON or Protobuf)
malformed-hint-tts = expected a The Things Stack v3 ApplicationUp message
malformed-hint-v3 = expected a ChirpStack v3 application event (marshaler "json" or "json_v3")
malformed-hint-chirpstack-application = expected a ChirpStack v4 application event (MQTT integration with json=true)
malformed-hint-tts-events = expected a The Things Stack event (ttn.lorawan.v3.Event) as the Events API, the console's Export as JSON or ttn-lw-cli events subscribe write it
malformed-expected-eui = neither 16 hex digits nor the base64 form of 8 bytes
malformed-expected-dev-addr = neither 8 hex digits nor the base64 form of 4 bytes
malformed-expected-time = not an RFC 3339 timestamp ({ $reason })
malformed-expected-duration = not a duration such as "5s"

## Capture lines and gap records that could not be read
malformed-line-at = { $file }:{ $line }: { $error }
malformed-line-not-json = not a JSON object ({ $reason }); { $hint }
malformed-line-not-object = not a JSON object; { $hint }
malformed-line-hint-one-object = each line must be one JSON object as written by `rmacheck watch --record` or `mosquitto_sub -F %j` / `-F %J` (without --pretty)
malformed-line-field-empty = "{ $field }" is empty
malformed-line-field-not-string = "{ $field }" must be a string
malformed-line-field-missing = "{ $field }" is missing
malformed-line-field-not-time-string = "{ $field }" must be an RFC 3339 string
malformed-line-field-not-base64-string = "{ $field }" must be a base64 string
malformed-line-not-base64 = "{ $field }" is not standard base64 ({ $reason })
malformed-line-field-missing-mosquitto = "{ $field }" is missing (mosquitto_sub -F %j / %J line)
malformed-line-no-format = not a capture line: expected received_at, topic, payload_b64 (rmacheck) or tst, topic, payload (mosquitto_sub -F %j / -F %J)
malformed-line-not-rfc3339 = "{ $field }" is not an RFC 3339 time ({ $reason }); write e.g. 2026-11-21T09:00:00.123456Z
malformed-line-not-unix-time = "{ $field }" { $value } is not a Unix time
malformed-line-not-mosquitto-time = "{ $field }" '{ $value }' is not a mosquitto_sub time ({ $reason })
malformed-line-tst-type = "{ $field }" must be a time string or Unix seconds
malformed-line-payload-cut = the payload has { $length } bytes but the line holds { $held }: mosquitto_sub -F %j cuts binary payloads at the first zero byte; record with `rmacheck watch --record`
malformed-line-payload-not-extracted = the "{ $field }" value could not be extracted
malformed-line-too-long-skipped = the line is longer than { $limit } (the longest line read); the line was skipped
malformed-line-too-long-no-end = the line is longer than { $limit } (the longest line read); no line end follows, so this is not a capture file; the rest of it was skipped
malformed-line-limit-bytes = { $n } bytes
malformed-line-read-error = read error: { $reason }; the rest of the file was skipped
malformed-line-spool-error = cannot keep the events in a temporary file ({ $reason }); free space in the temporary directory or set TMPDIR to a directory with room; the file's events were skipped
malformed-line-not-utf8 = not UTF-8 text (first invalid byte at position { $position }); mosquitto_sub -F %j prints binary payloads raw — record with `rmacheck watch --record`
malformed-gap-not-record = not a gap record ({ $reason }); written by `rmacheck watch --record`
malformed-gap-backwards = gap record ends before it starts
malformed-line-event-not-object = not a JSON object: expected a The Things Stack event
malformed-line-event-api-error = the Events API reported an error instead of an event: { $reason }
malformed-line-event-no-field = the event has no "{ $field }": expected a The Things Stack event
malformed-line-event-not-rfc3339 = event { $name }: "{ $field }" is not an RFC 3339 time ({ $reason })
malformed-line-event-missing = event { $name } has no "{ $field }"
malformed-line-not-json-value = not valid JSON ({ $reason })
malformed-line-reason = { $reason }
