//! Tests of `joins`.

use super::*;

#[test]
fn the_tx_outcome_follows_the_item_statuses() {
    use TxAckStatus as S;
    let cases: [(&str, Vec<S>, TxOutcome); 5] = [
        ("RX1 sent, RX2 ignored", vec![S::Ok, S::Ignored], TxOutcome::Ok),
        ("RX1 too late, RX2 sent", vec![S::TooLate, S::Ok], TxOutcome::Ok),
        ("both too late", vec![S::TooLate, S::TooLate], TxOutcome::Failed(S::TooLate)),
        ("all ignored", vec![S::Ignored, S::Ignored], TxOutcome::Failed(S::Ignored)),
        ("no items", vec![], TxOutcome::Pending),
    ];
    for (name, items, want) in cases {
        assert_eq!(tx_outcome(&items), want, "{name}");
    }
}
