//! OpenSSH `allowed_signers` files, read with the semantics of `ssh-keygen -Y verify`
//! (ssh-keygen(1) "ALLOWED SIGNERS", OpenSSH `sshsig.c`).
//!
//! - Line format: `principals [options] keytype base64-key [comment]`; blank lines and `#`
//!   comments are skipped; principals is one (optionally quoted) comma-separated pattern list.
//! - Options (comma-separated, case-insensitive names, quoted values): `cert-authority`,
//!   `namespaces="pattern-list"`, `valid-after="YYYYMMDD[HHMM[SS]][Z|UTC]"`, `valid-before=…`.
//!   Times without `Z`/`UTC` are local time of the verifying machine (the caller passes the zone).
//! - A malformed line is skipped (and reported), as ssh-keygen skips it.
//! - Patterns use `*` and `?`; a matching `!pattern` vetoes the list.
//! - `cert-authority` lines never match: certificate-based signatures are not supported (the
//!   signature format rmacheck reads cannot carry certificates); they are reported as such.
//! - Validity is checked at the verification time passed in (ssh-keygen: now), to the second.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use ssh_key::PublicKey;
use ssh_key::public::KeyData;

use super::NAMESPACE;
use super::keys::fingerprint;

/// One usable line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number.
    pub line: usize,
    /// The principals pattern list as written (quotes removed).
    pub principals: String,
    /// `cert-authority` was given.
    pub cert_authority: bool,
    /// `namespaces="…"` pattern list.
    pub namespaces: Option<String>,
    /// `valid-after`.
    pub valid_after: Option<DateTime<Utc>>,
    /// `valid-before`.
    pub valid_before: Option<DateTime<Utc>>,
    /// The key.
    pub key: KeyData,
}

/// A line that was skipped because it is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed allowed_signers file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedSigners {
    entries: Vec<Entry>,
    problems: Vec<LineProblem>,
}

/// The line that allowed a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerMatch {
    /// 1-based line number.
    pub line: usize,
    /// The principal to name (`ssh-keygen -I`): the one asked for, or the line's first pattern.
    pub principal: String,
    /// The line's principals pattern list.
    pub principals: String,
}

/// Why no line allows the signature (every reason, in line order).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .reasons.join("; "))]
pub struct Rejected {
    /// Reasons, each naming its line.
    pub reasons: Vec<String>,
}

impl AllowedSigners {
    /// Parses the file text; local times are read in `tz`.
    #[must_use]
    pub fn parse<Tz: TimeZone>(text: &str, tz: &Tz) -> Self {
        let mut out = Self::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            match parse_line(raw, line, tz) {
                Ok(Some(entry)) => out.entries.push(entry),
                Ok(None) => {}
                Err(message) => out.problems.push(LineProblem { line, message }),
            }
        }
        out
    }

    /// Usable lines.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Skipped lines.
    #[must_use]
    pub fn problems(&self) -> &[LineProblem] {
        &self.problems
    }

    /// Decides whether `key` may sign reports as `principal` (any listed principal when `None`)
    /// at time `now`, as `ssh-keygen -Y verify -n rmacheck-report-v1 [-I principal]` does.
    ///
    /// # Errors
    /// [`Rejected`] with the reason for every line that named the key, plus skipped lines.
    pub fn check(
        &self,
        key: &PublicKey,
        principal: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<SignerMatch, Rejected> {
        let mut reasons = Vec::new();
        let now_s = now.timestamp();
        for e in &self.entries {
            let principal_ok = principal.is_none_or(|p| match_pattern_list(p, &e.principals) == 1);
            if e.cert_authority {
                if principal_ok {
                    reasons.push(format!(
                        "line {}: cert-authority lines are not supported (rmacheck verifies \
                         signatures made with a plain key; list the signer's own key instead)",
                        e.line
                    ));
                }
                continue;
            }
            if &e.key != key.key_data() {
                continue;
            }
            if !principal_ok {
                reasons.push(format!(
                    "line {}: the key is listed for principal(s) \"{}\", not \"{}\" (pass \
                     --principal to check another name)",
                    e.line,
                    e.principals,
                    principal.unwrap_or_default()
                ));
                continue;
            }
            if let Some(ns) = &e.namespaces {
                if match_pattern_list(NAMESPACE, ns) != 1 {
                    reasons.push(format!(
                        "line {}: the key is not permitted for signature namespace \"{NAMESPACE}\" \
                         (namespaces=\"{ns}\")",
                        e.line
                    ));
                    continue;
                }
            }
            if let Some(va) = e.valid_after {
                if now_s < va.timestamp() {
                    reasons.push(format!(
                        "line {}: the key is not yet valid: verification time {} < valid-after {}",
                        e.line,
                        fmt_time(now),
                        fmt_time(va)
                    ));
                    continue;
                }
            }
            if let Some(vb) = e.valid_before {
                if now_s > vb.timestamp() {
                    reasons.push(format!(
                        "line {}: the key has expired: verification time {} > valid-before {}",
                        e.line,
                        fmt_time(now),
                        fmt_time(vb)
                    ));
                    continue;
                }
            }
            let principal = match principal {
                Some(p) => p.to_string(),
                None => first_positive_pattern(&e.principals),
            };
            return Ok(SignerMatch { line: e.line, principal, principals: e.principals.clone() });
        }
        if !reasons.iter().any(|r| !r.contains("cert-authority")) {
            reasons.insert(
                0,
                format!(
                    "the signing key {} is not listed{}: add its allowed_signers line (printed by \
                     `rmacheck keygen`) or use the file published by the signer",
                    fingerprint(key),
                    principal.map(|p| format!(" for principal \"{p}\"")).unwrap_or_default()
                ),
            );
        }
        for p in &self.problems {
            reasons.push(format!("line {} ignored: {}", p.line, p.message));
        }
        Err(Rejected { reasons })
    }
}

fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn first_positive_pattern(list: &str) -> String {
    list.split(',').find(|p| !p.starts_with('!') && !p.is_empty()).unwrap_or(list).to_string()
}

const KEY_TYPES: [&str; 8] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

fn is_key_type(tok: &str) -> bool {
    KEY_TYPES.contains(&tok) || tok.ends_with("-cert-v01@openssh.com")
}

/// Splits at the first space/tab outside double quotes.
fn split_unquoted(s: &str) -> (&str, &str) {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return (&s[..i], &s[i..]),
            _ => {}
        }
    }
    (s, "")
}

fn parse_line<Tz: TimeZone>(raw: &str, line: usize, tz: &Tz) -> Result<Option<Entry>, String> {
    let s = raw.trim_end_matches(['\r', '\n']).trim_start_matches([' ', '\t']);
    if s.is_empty() || s.starts_with('#') {
        return Ok(None);
    }
    let (principals, rest) = if let Some(q) = s.strip_prefix('"') {
        let end = q.find('"').ok_or("invalid line: unterminated quote in the principals")?;
        (&q[..end], &q[end + 1..])
    } else {
        let end = s.find([' ', '\t']).unwrap_or(s.len());
        (&s[..end], &s[end..])
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    if principals.is_empty() || rest.is_empty() {
        return Err("invalid line: expected `principals [options] keytype base64-key`".into());
    }
    let first = rest.split([' ', '\t']).next().unwrap_or_default();
    let (opts, key_text) = if is_key_type(first) {
        ("", rest)
    } else {
        let (o, k) = split_unquoted(rest);
        let k = k.trim_start_matches([' ', '\t']);
        if k.is_empty() {
            return Err("missing key".into());
        }
        (o, k)
    };
    let key = parse_key(key_text)?;
    let mut entry = Entry {
        line,
        principals: principals.to_string(),
        cert_authority: false,
        namespaces: None,
        valid_after: None,
        valid_before: None,
        key,
    };
    parse_options(opts, tz, &mut entry)?;
    Ok(Some(entry))
}

fn parse_key(text: &str) -> Result<KeyData, String> {
    let mut toks = text.split_whitespace();
    let (Some(kind), Some(b64)) = (toks.next(), toks.next()) else {
        return Err("invalid key: expected `keytype base64-key`".into());
    };
    if kind.ends_with("-cert-v01@openssh.com") {
        return Err(format!("certificate keys ({kind}) are not supported"));
    }
    PublicKey::from_openssh(&format!("{kind} {b64}"))
        .map(|k| k.key_data().clone())
        .map_err(|e| format!("invalid key ({e})"))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Reads a quoted option value (`"…"`, `\"` escapes a quote); returns it and the rest.
fn dequote(s: &str) -> Result<(String, &str), String> {
    let body = s.strip_prefix('"').ok_or("missing start quote")?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if body[i + 1..].starts_with('"') => {
                out.push('"');
                chars.next();
            }
            '"' => return Ok((out, &body[i + 1..])),
            _ => out.push(c),
        }
    }
    Err("missing end quote".into())
}

fn parse_options<Tz: TimeZone>(mut opts: &str, tz: &Tz, e: &mut Entry) -> Result<(), String> {
    while !opts.is_empty() {
        if let Some(r) = strip_prefix_ci(opts, "cert-authority") {
            e.cert_authority = true;
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "namespaces=") {
            if e.namespaces.is_some() {
                return Err("bad options: multiple \"namespaces\" clauses".into());
            }
            let (v, r) = dequote(r).map_err(|m| format!("bad options: namespaces: {m}"))?;
            e.namespaces = Some(v);
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "valid-after=") {
            if e.valid_after.is_some() {
                return Err("bad options: multiple \"valid-after\" clauses".into());
            }
            let (v, r) = dequote(r).map_err(|m| format!("bad options: valid-after: {m}"))?;
            e.valid_after = Some(
                parse_time(&v, tz)
                    .ok_or(format!("bad options: invalid \"valid-after\" time {v:?}"))?,
            );
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "valid-before=") {
            if e.valid_before.is_some() {
                return Err("bad options: multiple \"valid-before\" clauses".into());
            }
            let (v, r) = dequote(r).map_err(|m| format!("bad options: valid-before: {m}"))?;
            e.valid_before = Some(
                parse_time(&v, tz)
                    .ok_or(format!("bad options: invalid \"valid-before\" time {v:?}"))?,
            );
            opts = r;
        }
        if opts.is_empty() {
            break;
        }
        let Some(r) = opts.strip_prefix(',') else {
            let name = opts.split([',', '=']).next().unwrap_or(opts);
            return Err(format!("bad options: unknown key option \"{name}\""));
        };
        if r.is_empty() {
            return Err("bad options: unexpected end-of-options".into());
        }
        opts = r;
    }
    if let (Some(a), Some(b)) = (e.valid_after, e.valid_before) {
        if b <= a {
            return Err("bad options: \"valid-before\" time is before \"valid-after\"".into());
        }
    }
    Ok(())
}

/// Parses `YYYYMMDD[HHMM[SS]]` with an optional `Z`/`UTC` suffix (else local time in `tz`).
#[must_use]
pub fn parse_time<Tz: TimeZone>(s: &str, tz: &Tz) -> Option<DateTime<Utc>> {
    let upper = s.to_ascii_uppercase();
    let (digits, utc) = if let Some(d) = upper.strip_suffix("UTC").filter(|_| s.len() > 3) {
        (d, true)
    } else if let Some(d) = upper.strip_suffix('Z').filter(|_| s.len() > 1) {
        (d, true)
    } else {
        (upper.as_str(), false)
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |a: usize, b: usize| digits.get(a..b).and_then(|x| x.parse::<u32>().ok());
    let (hh, mm, ss) = match digits.len() {
        8 => (0, 0, 0),
        12 => (num(8, 10)?, num(10, 12)?, 0),
        14 => (num(8, 10)?, num(10, 12)?, num(12, 14)?),
        _ => return None,
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(4, 6)?, num(6, 8)?)?;
    let naive: NaiveDateTime = date.and_hms_opt(hh, mm, ss)?;
    let t = if utc {
        Utc.from_utc_datetime(&naive)
    } else {
        tz.from_local_datetime(&naive).earliest()?.with_timezone(&Utc)
    };
    (t.timestamp() > 0).then_some(t)
}

/// OpenSSH `match_pattern_list`: 1 when a positive pattern matches, -1 when a negated one does,
/// else 0. Case-sensitive.
#[must_use]
pub fn match_pattern_list(s: &str, list: &str) -> i8 {
    let mut positive = 0;
    for pat in list.split(',') {
        let (neg, p) = match pat.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, pat),
        };
        if match_pattern(s.as_bytes(), p.as_bytes()) {
            if neg {
                return -1;
            }
            positive = 1;
        }
    }
    positive
}

/// Shell-style wildcard match: `*` any sequence, `?` one byte.
#[must_use]
pub fn match_pattern(s: &[u8], p: &[u8]) -> bool {
    let (mut si, mut pi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(&c) if c == b'?' || c == s[si] => {
                si += 1;
                pi += 1;
            }
            _ => match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
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
        let ok = file.check(key.public_key(), Some("a@b"), at("2026-06-01T00:00:00Z")).unwrap();
        assert_eq!((ok.line, ok.principal.as_str()), (3, "a@b"));
        let any = file.check(key.public_key(), None, at("2026-06-01T00:00:00Z")).unwrap();
        assert_eq!(any.principal, "shop@x");
        let table = [
            ("2025-12-31T23:59:59Z", Some("a@b"), "not yet valid"),
            ("2027-01-01T00:00:01Z", Some("a@b"), "has expired"),
            ("2026-06-01T00:00:00Z", Some("c@d"), "not \"c@d\""),
        ];
        for (now, p, want) in table {
            let err = file.check(key.public_key(), p, at(now)).unwrap_err().to_string();
            assert!(err.contains(want), "{now} {p:?}: {err}");
        }
        assert!(file.check(key.public_key(), Some("a@b"), at("2027-01-01T00:00:00Z")).is_ok());
    }

    #[test]
    fn a_namespace_restriction_for_other_uses_rejects_the_key() {
        let key = generate("a@b").unwrap();
        let k = public_key_text(key.public_key());
        let file = AllowedSigners::parse(&format!("a@b namespaces=\"git,file\" {k}\n"), &Utc);
        let err = file.check(key.public_key(), Some("a@b"), Utc::now()).unwrap_err().to_string();
        assert!(err.contains("not permitted for signature namespace"), "{err}");
    }

    #[test]
    fn an_unknown_key_is_rejected_with_its_fingerprint() {
        let key = generate("a@b").unwrap();
        let other = generate("a@b").unwrap();
        let k = public_key_text(other.public_key());
        let file = AllowedSigners::parse(&format!("a@b {k}\n"), &Utc);
        let err = file.check(key.public_key(), Some("a@b"), Utc::now()).unwrap_err().to_string();
        assert!(err.contains(&fingerprint(key.public_key())), "{err}");
        assert!(err.contains("is not listed"), "{err}");
    }

    #[test]
    fn cert_authority_lines_are_reported_as_unsupported() {
        let key = generate("a@b").unwrap();
        let k = public_key_text(key.public_key());
        let file = AllowedSigners::parse(&format!("*@b cert-authority {k}\n"), &Utc);
        let err = file.check(key.public_key(), Some("a@b"), Utc::now()).unwrap_err().to_string();
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
        assert!(file.problems()[1].message.contains("unknown key option \"bogus\""));
        assert!(file.problems()[2].message.contains("missing start quote"));
    }
}
