//! Materialises compact timeline entries into the contract's [`TimelineEntry`].

use super::TimelineEntry;
use super::store::{Names, Note, StatusNote, TEntry, unpack_f64};
use crate::catalog::{Message, args};
use crate::model::{DownlinkOutcome, Lang};

/// A note as a catalog message; `None` for no note and for a network server's own words
/// ([`Note::Text`], shown as given).
pub(crate) fn note_message(note: &Note, text: Option<&String>) -> Option<Message> {
    let at = |id: &str, i: u64| Message::new(id, args! { "index" => i });
    Some(match note {
        Note::None | Note::Text => return None,
        Note::SameAs(i) => at("note-same-as", *i),
        Note::Retransmission(i) => at("note-retransmission", *i),
        Note::NonceReused(i) => at("note-nonce-reused", *i),
        Note::Reset(from) => Message::new("note-fcnt-reset", args! { "from" => *from }),
        Note::NewSession => Message::plain("note-new-session"),
        Note::Answers(i) => at("note-answers", *i),
        Note::Unmatched => Message::plain("note-unmatched"),
        Note::AckFor(i) => at("note-ack-for", *i),
        Note::Status(s) => return status_message(s),
        Note::Downlink(o) => {
            let outcome = Message::plain(downlink_id(*o));
            match text {
                Some(error) => Message::new(
                    "note-downlink-error",
                    args! { "outcome" => outcome, "error" => error },
                ),
                None => outcome,
            }
        }
    })
}

fn status_message(s: &StatusNote) -> Option<Message> {
    let mut parts = Vec::new();
    if let Some(m) = s.margin_db {
        parts.push(Message::new("note-status-margin", args! { "margin" => m }));
    }
    if s.external_power {
        parts.push(Message::plain("note-status-external-power"));
    } else if let Some(b) = s.battery_percent {
        parts.push(Message::new("note-status-battery", args! { "percent" => b }));
    }
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Message::new("raw-text", args! { "text" => parts })),
    }
}

fn downlink_id(o: DownlinkOutcome) -> &'static str {
    match o {
        DownlinkOutcome::Queued => "note-downlink-queued",
        DownlinkOutcome::Sent => "note-downlink-sent",
        DownlinkOutcome::Ack => "note-downlink-ack",
        DownlinkOutcome::Nack => "note-downlink-nack",
        DownlinkOutcome::Failed => "note-downlink-failed",
        DownlinkOutcome::Invalidated => "note-downlink-invalidated",
    }
}

/// Sets an entry's note from a catalog message: `note` in English, `note_id`/`note_args` for
/// the other languages.
pub(crate) fn set_note(e: &mut TimelineEntry, m: Message) {
    e.note = Some(m.render(Lang::En));
    e.note_id = m.id;
    e.note_args = m.args;
}

/// One public timeline entry.
pub(crate) fn entry(e: &TEntry, names: &Names) -> TimelineEntry {
    let extra = e.extra.as_deref();
    let text = extra.and_then(|x| x.text.as_ref());
    let mut out = TimelineEntry {
        index: e.index,
        at: Some(e.at),
        kind: e.kind.as_str().to_string(),
        gateway: names.gateway(e.gw),
        rssi_dbm: unpack_f64(e.rssi),
        snr_db: unpack_f64(e.snr),
        frequency_hz: (e.freq != 0).then_some(u64::from(e.freq)),
        sf: (e.sf != 0).then_some(e.sf),
        dev_nonce: e.dev_nonce,
        mic: e.mic,
        dev_addr: e.dev_addr,
        f_cnt: e.f_cnt,
        f_port: e.f_port,
        tx_status: extra.and_then(|x| x.tx_status.as_ref()).map(|s| s.name().to_string()),
        code: extra.and_then(|x| x.code.clone()),
        note: matches!(e.note, Note::Text).then(|| text.cloned()).flatten(),
        ..TimelineEntry::default()
    };
    if let Some(m) = note_message(&e.note, text) {
        set_note(&mut out, m);
    }
    out
}
