//! allowed_signers parsing and checking, table-driven.
use super::*;
use crate::signing::keys::{generate, public_key_text};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn patterns_follow_openssh_match_pattern_list() {
    let cases = [
        ("a@b", "a@b", 1),
        ("a@b", "*@b", 1),
        ("a@b", "?@b", 1),
        ("a@b", "x,*@b", 1),
        ("a@b", "*,!a@b", -1),
        ("a@b", "A@b", 0),
        ("rmacheck-report-v1", "rmacheck-*", 1),
        ("rmacheck-report-v1", "git,file", 0),
        ("abc", "a*c*", 1),
        ("abc", "a*d", 0),
    ];
    for (s, list, want) in cases {
        assert_eq!(match_pattern_list(s, list), want, "{s} vs {list}");
    }
}

#[test]
fn times_are_read_like_ssh_keygen() {
    let cases = [
        ("20260101", Some("2026-01-01T00:00:00Z")),
        ("202601011230", Some("2026-01-01T12:30:00Z")),
        ("20260101123059Z", Some("2026-01-01T12:30:59Z")),
        ("20260101utc", Some("2026-01-01T00:00:00Z")),
        ("2026010", None),
        ("20261301", None),
        ("2026-01-01", None),
    ];
    for (s, want) in cases {
        assert_eq!(parse_time(s, &Utc), want.map(at), "{s}");
    }
}

#[test]
fn a_line_with_options_is_read_and_checked() {
    let key = generate("a@b").unwrap();
    let k = public_key_text(key.public_key());
    let text = format!(
        "# vendor keys\n\n  shop@x,a@b namespaces=\"rmacheck-*\",valid-after=\"20260101\",\
         valid-before=\"20270101Z\" {k} laptop\n"
    );
    let file = AllowedSigners::parse(&text, &Utc);
    assert_eq!(file.problems(), &[]);
    let e = &file.entries()[0];
    assert_eq!((e.line, e.principals.as_str()), (3, "shop@x,a@b"));
    let ok = file.check(key.public_key(), "a@b", at("2026-06-01T00:00:00Z")).unwrap();
    assert_eq!((ok.line, ok.principal.as_str()), (3, "a@b"));
    let any = file.find_principals(key.public_key(), at("2026-06-01T00:00:00Z")).unwrap();
    assert_eq!(any[0].principal, "shop@x");
    let table = [
        ("2025-12-31T23:59:59Z", "a@b", "not yet valid"),
        ("2027-01-01T00:00:01Z", "a@b", "has expired"),
        ("2026-06-01T00:00:00Z", "c@d", "not \"c@d\""),
    ];
    for (now, p, want) in table {
        let err = file.check(key.public_key(), p, at(now)).unwrap_err().to_string();
        assert!(err.contains(want), "{now} {p:?}: {err}");
    }
    assert!(file.check(key.public_key(), "a@b", at("2027-01-01T00:00:00Z")).is_ok());
}

#[test]
fn a_namespace_restriction_for_other_uses_rejects_the_key() {
    let key = generate("a@b").unwrap();
    let k = public_key_text(key.public_key());
    let file = AllowedSigners::parse(&format!("a@b namespaces=\"git,file\" {k}\n"), &Utc);
    let err = file.check(key.public_key(), "a@b", Utc::now()).unwrap_err().to_string();
    assert!(err.contains("not permitted for signature namespace"), "{err}");
}

#[test]
fn an_unknown_key_is_rejected_with_its_fingerprint() {
    let key = generate("a@b").unwrap();
    let other = generate("a@b").unwrap();
    let k = public_key_text(other.public_key());
    let file = AllowedSigners::parse(&format!("a@b {k}\n"), &Utc);
    let err = file.check(key.public_key(), "a@b", Utc::now()).unwrap_err().to_string();
    assert!(err.contains(&fingerprint(key.public_key())), "{err}");
    assert!(err.contains("is not listed"), "{err}");
}

#[test]
fn cert_authority_lines_are_reported_as_unsupported() {
    let key = generate("a@b").unwrap();
    let k = public_key_text(key.public_key());
    let file = AllowedSigners::parse(&format!("*@b cert-authority {k}\n"), &Utc);
    let err = file.check(key.public_key(), "a@b", Utc::now()).unwrap_err().to_string();
    assert!(err.contains("cert-authority lines are not supported"), "{err}");
}

#[test]
fn malformed_lines_are_skipped_and_named() {
    let key = generate("a@b").unwrap();
    let k = public_key_text(key.public_key());
    let text = format!(
        "a@b\na@b bogus=\"1\" {k}\na@b namespaces=rmacheck-report-v1 {k}\n\
         a@b valid-after=\"20270101\",valid-before=\"20260101\" {k}\n\
         a@b namespaces=\"x\", {k}\na@b ssh-ed25519 AAAAnotbase64\n\"a@b {k}\n"
    );
    let file = AllowedSigners::parse(&text, &Utc);
    assert_eq!(file.entries(), &[]);
    let lines: Vec<usize> = file.problems().iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7], "{:?}", file.problems());
    assert!(file.problems()[1].message.to_string().contains("unknown key option \"bogus\""));
    assert!(file.problems()[2].message.to_string().contains("missing start quote"));
}

#[test]
fn find_principals_lists_every_line_that_allows_the_key_for_reports_now() {
    let key = generate("a@b").unwrap();
    let other = generate("x@y").unwrap();
    let k = public_key_text(key.public_key());
    let o = public_key_text(other.public_key());
    let now = at("2026-06-01T00:00:00Z");
    type Want = Result<Vec<(usize, &'static str)>, &'static str>;
    let cases: [(String, Want); 7] = [
        (format!("customer-4711@shop {k}\n"), Ok(vec![(1, "customer-4711@shop")])),
        (
            format!("one@shop namespaces=\"rmacheck-report-v1\" {k}\n\"two@shop,three@x\" {k}\n"),
            Ok(vec![(1, "one@shop"), (2, "two@shop")]),
        ),
        (format!("!bad,*@shop {k}\n"), Ok(vec![(1, "*@shop")])),
        (format!("git@shop namespaces=\"git\" {k}\nok@shop {k}\n"), Ok(vec![(2, "ok@shop")])),
        (format!("old@shop valid-before=\"20260101Z\" {k}\n"), Err("has expired")),
        (format!("x@y {o}\n"), Err("is not listed")),
        (format!("late@shop valid-after=\"20270101Z\" {k}\n"), Err("not yet valid")),
    ];
    for (text, want) in cases {
        let file = AllowedSigners::parse(&text, &Utc);
        let got = file
            .find_principals(key.public_key(), now)
            .map(|m| m.iter().map(|m| (m.line, m.principal.clone())).collect::<Vec<_>>())
            .map_err(|e| e.to_string());
        match (&got, &want) {
            (Ok(g), Ok(w)) => {
                let w: Vec<(usize, String)> = w.iter().map(|(l, p)| (*l, p.to_string())).collect();
                assert_eq!(g, &w, "{text}");
            }
            (Err(g), Err(w)) => assert!(g.contains(w), "{text}: {g}"),
            _ => panic!("{text}: got {got:?}, want {want:?}"),
        }
    }
}
