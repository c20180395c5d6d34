//! Materialises compact timeline entries into the contract's [`TimelineEntry`].

use super::TimelineEntry;
use super::store::{Names, Note, TEntry, unpack_f64};

/// Human-readable text of a note.
pub(crate) fn note_text(note: &Note, text: Option<&String>) -> Option<String> {
    Some(match note {
        Note::None => return None,
        Note::SameAs(i) => format!("same transmission as #{i}"),
        Note::Retransmission(i) => format!("retransmission: same FCnt as #{i}"),
        Note::NonceReused(i) => format!("DevNonce already used at #{i}"),
        Note::Reset(from) => format!("frame counter restarted (was {from})"),
        Note::NewSession => "new session".to_string(),
        Note::Answers(i) => format!("answers join-request #{i}"),
        Note::Unmatched => "no matching join-request heard".to_string(),
        Note::AckFor(i) => format!("gateway ack for #{i}"),
        Note::Text => return text.cloned(),
    })
}

/// One public timeline entry.
pub(crate) fn entry(e: &TEntry, names: &Names) -> TimelineEntry {
    let extra = e.extra.as_deref();
    TimelineEntry {
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
        note: note_text(&e.note, extra.and_then(|x| x.text.as_ref())),
    }
}
