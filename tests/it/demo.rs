//! `rmacheck demo`: every scenario through the embedded broker and the watch agent gives
//! its verdict; usage errors exit 2.

use assert_cmd::Command;
use predicates::prelude::*;

#[test]
fn an_unknown_scenario_exits_2_and_lists_the_names() {
    Command::cargo_bin("rmacheck")
        .unwrap()
        .args(["demo", "--scenario", "no-such-thing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown scenario 'no-such-thing'"))
        .stderr(predicate::str::contains("healthy, wrong-appkey, unregistered"));
}
