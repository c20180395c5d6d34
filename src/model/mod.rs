//! The normalized model shared by every stage of the pipeline: identifiers and events.

pub mod event;
pub mod ids;
pub mod lang;

pub use event::{
    AppUplink, DownlinkItem, DownlinkOutcome, DownlinkTiming, EventBody, LogLevel, RawMessage,
    Reception, Source, TxAckStatus, TxParams,
};
pub use ids::{AesKey, DevAddr, DevEui, Eui64, GatewayId, IdError, JoinEui};
pub use lang::Lang;

/// `bytes` as UTF-8 text, checked with SIMD (capture lines and JSON payloads are most of the
/// bytes read); std's check runs only on invalid input, for its error (where the text stops
/// being UTF-8).
///
/// # Errors
/// As [`std::str::from_utf8`].
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_checked_as_utf8_with_std_s_result_and_error_position() {
        let long = "ä".repeat(100);
        let cases: [&[u8]; 9] = [
            b"",
            b"{\"topic\":\"a/b\"}",
            long.as_bytes(),
            b"\xff",
            b"ok \xc3",
            b"caf\xc3\xa9 \xe2\x82",
            &[b'a'; 200],
            b"\xed\xa0\x80 surrogate",
            b"0123456789012345678901234567890123456789012345678901234567890123\x80 after a block",
        ];
        for bytes in cases {
            let want = std::str::from_utf8(bytes);
            let got = super::utf8(bytes);
            assert_eq!(got, want, "{bytes:?}");
        }
    }
}
