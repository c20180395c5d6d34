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
    pub message: LineError,
}

/// Why a line of an allowed_signers file is skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// The principals begin with a quote that does not end.
    #[error("invalid line: unterminated quote in the principals")]
    UnterminatedPrincipals,
    /// Principals or key missing.
    #[error("invalid line: expected `principals [options] keytype base64-key`")]
    InvalidLine,
    /// Options without a key after them.
    #[error("missing key")]
    MissingKey,
    /// The key is not `keytype base64-key`.
    #[error("invalid key: expected `keytype base64-key`")]
    KeyForm,
    /// An OpenSSH certificate key type.
    #[error("certificate keys ({0}) are not supported")]
    Certificate(String),
    /// The key does not decode.
    #[error("invalid key ({0})")]
    BadKey(ssh_key::Error),
    /// An option value without its quotes.
    #[error("bad options: {option}: {problem}")]
    Quote {
        /// The option.
        option: &'static str,
        /// Which quote is missing.
        problem: QuoteError,
    },
    /// The same option twice.
    #[error("bad options: multiple \"{0}\" clauses")]
    Repeated(&'static str),
    /// A validity time that does not read as `YYYYMMDD[HHMM[SS]][Z|UTC]`.
    #[error("bad options: invalid \"{option}\" time {value:?}")]
    BadTime {
        /// `valid-after` or `valid-before`.
        option: &'static str,
        /// The time as written.
        value: String,
    },
    /// An option rmacheck (and ssh-keygen) does not know.
    #[error("bad options: unknown key option \"{0}\"")]
    UnknownOption(String),
    /// A comma with nothing after it.
    #[error("bad options: unexpected end-of-options")]
    EndOfOptions,
    /// `valid-before` not after `valid-after`.
    #[error("bad options: \"valid-before\" time is before \"valid-after\"")]
    TimesReversed,
}

/// Which quote of an option value is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    /// The value does not begin with a quote.
    #[error("missing start quote")]
    Start,
    /// The value's quote does not end.
    #[error("missing end quote")]
    End,
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

    /// Decides whether `key` may sign reports as `principal` at time `now`, as
    /// `ssh-keygen -Y verify -n rmacheck-report-v1 -I principal` does.
    ///
    /// # Errors
    /// [`Rejected`] with the reason for every line that named the key, plus skipped lines.
    pub fn check(
        &self,
        key: &PublicKey,
        principal: &str,
        now: DateTime<Utc>,
    ) -> Result<SignerMatch, Rejected> {
        let mut reasons = Vec::new();
        for e in &self.entries {
            match Self::evaluate(e, key, Some(principal), now) {
                None => {}
                Some(Ok(())) => {
                    return Ok(SignerMatch {
                        line: e.line,
                        principal: principal.to_string(),
                        principals: e.principals.clone(),
                    });
                }
                Some(Err(r)) => reasons.push(r),
            }
        }
        Err(self.rejected(key, Some(principal), reasons))
    }

    /// Every line that lets `key` sign reports at `now`, whatever its principals: ssh-keygen's
    /// `find-principals` semantics, restricted to lines whose namespaces allow
    /// [`NAMESPACE`]. Each match names the line's first positive principal pattern.
    ///
    /// # Errors
    /// [`Rejected`] when no line does, with the reason for every line that named the key.
    pub fn find_principals(
        &self,
        key: &PublicKey,
        now: DateTime<Utc>,
    ) -> Result<Vec<SignerMatch>, Rejected> {
        let mut reasons = Vec::new();
        let mut found = Vec::new();
        for e in &self.entries {
            match Self::evaluate(e, key, None, now) {
                None => {}
                Some(Ok(())) => found.push(SignerMatch {
                    line: e.line,
                    principal: first_positive_pattern(&e.principals),
                    principals: e.principals.clone(),
                }),
                Some(Err(r)) => reasons.push(r),
            }
        }
        if found.is_empty() { Err(self.rejected(key, None, reasons)) } else { Ok(found) }
    }

    /// `None` when the line does not concern `key` (or `principal`); else whether it allows it.
    fn evaluate(
        e: &Entry,
        key: &PublicKey,
        principal: Option<&str>,
        now: DateTime<Utc>,
    ) -> Option<Result<(), String>> {
        let now_s = now.timestamp();
        let principal_ok = principal.is_none_or(|p| match_pattern_list(p, &e.principals) == 1);
        if e.cert_authority {
            return principal_ok.then(|| {
                Err(format!(
                    "line {}: cert-authority lines are not supported (rmacheck verifies \
                     signatures made with a plain key; list the signer's own key instead)",
                    e.line
                ))
            });
        }
        if &e.key != key.key_data() {
            return None;
        }
        if !principal_ok {
            return Some(Err(format!(
                "line {}: the key is listed for principal(s) \"{}\", not \"{}\" (leave out \
                 --principal to accept any principal the file lists for the key)",
                e.line,
                e.principals,
                principal.unwrap_or_default()
            )));
        }
        if let Some(ns) = &e.namespaces {
            if match_pattern_list(NAMESPACE, ns) != 1 {
                return Some(Err(format!(
                    "line {}: the key is not permitted for signature namespace \"{NAMESPACE}\" \
                     (namespaces=\"{ns}\")",
                    e.line
                )));
            }
        }
        if let Some(va) = e.valid_after {
            if now_s < va.timestamp() {
                return Some(Err(format!(
                    "line {}: the key is not yet valid: verification time {} < valid-after {}",
                    e.line,
                    fmt_time(now),
                    fmt_time(va)
                )));
            }
        }
        if let Some(vb) = e.valid_before {
            if now_s > vb.timestamp() {
                return Some(Err(format!(
                    "line {}: the key has expired: verification time {} > valid-before {}",
                    e.line,
                    fmt_time(now),
                    fmt_time(vb)
                )));
            }
        }
        Some(Ok(()))
    }

    fn rejected(
        &self,
        key: &PublicKey,
        principal: Option<&str>,
        mut reasons: Vec<String>,
    ) -> Rejected {
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
        Rejected { reasons }
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

fn parse_line<Tz: TimeZone>(raw: &str, line: usize, tz: &Tz) -> Result<Option<Entry>, LineError> {
    let s = raw.trim_end_matches(['\r', '\n']).trim_start_matches([' ', '\t']);
    if s.is_empty() || s.starts_with('#') {
        return Ok(None);
    }
    let (principals, rest) = if let Some(q) = s.strip_prefix('"') {
        let end = q.find('"').ok_or(LineError::UnterminatedPrincipals)?;
        (&q[..end], &q[end + 1..])
    } else {
        let end = s.find([' ', '\t']).unwrap_or(s.len());
        (&s[..end], &s[end..])
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    if principals.is_empty() || rest.is_empty() {
        return Err(LineError::InvalidLine);
    }
    let first = rest.split([' ', '\t']).next().unwrap_or_default();
    let (opts, key_text) = if is_key_type(first) {
        ("", rest)
    } else {
        let (o, k) = split_unquoted(rest);
        let k = k.trim_start_matches([' ', '\t']);
        if k.is_empty() {
            return Err(LineError::MissingKey);
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

fn parse_key(text: &str) -> Result<KeyData, LineError> {
    let mut toks = text.split_whitespace();
    let (Some(kind), Some(b64)) = (toks.next(), toks.next()) else {
        return Err(LineError::KeyForm);
    };
    if kind.ends_with("-cert-v01@openssh.com") {
        return Err(LineError::Certificate(kind.to_string()));
    }
    PublicKey::from_openssh(&format!("{kind} {b64}"))
        .map(|k| k.key_data().clone())
        .map_err(LineError::BadKey)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Reads a quoted option value (`"…"`, `\"` escapes a quote); returns it and the rest.
fn dequote(s: &str) -> Result<(String, &str), QuoteError> {
    let body = s.strip_prefix('"').ok_or(QuoteError::Start)?;
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
    Err(QuoteError::End)
}

/// The quoted value of `option` (given once only: `seen` says it was given before) and the
/// rest of the options.
fn option_value<'a>(
    seen: bool,
    option: &'static str,
    rest: &'a str,
) -> Result<(String, &'a str), LineError> {
    if seen {
        return Err(LineError::Repeated(option));
    }
    dequote(rest).map_err(|problem| LineError::Quote { option, problem })
}

/// The time of a validity option.
fn valid_time<Tz: TimeZone>(
    option: &'static str,
    value: String,
    tz: &Tz,
) -> Result<DateTime<Utc>, LineError> {
    parse_time(&value, tz).ok_or(LineError::BadTime { option, value })
}

fn parse_options<Tz: TimeZone>(mut opts: &str, tz: &Tz, e: &mut Entry) -> Result<(), LineError> {
    while !opts.is_empty() {
        if let Some(r) = strip_prefix_ci(opts, "cert-authority") {
            e.cert_authority = true;
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "namespaces=") {
            let (v, r) = option_value(e.namespaces.is_some(), "namespaces", r)?;
            e.namespaces = Some(v);
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "valid-after=") {
            let (v, r) = option_value(e.valid_after.is_some(), "valid-after", r)?;
            e.valid_after = Some(valid_time("valid-after", v, tz)?);
            opts = r;
        } else if let Some(r) = strip_prefix_ci(opts, "valid-before=") {
            let (v, r) = option_value(e.valid_before.is_some(), "valid-before", r)?;
            e.valid_before = Some(valid_time("valid-before", v, tz)?);
            opts = r;
        }
        if opts.is_empty() {
            break;
        }
        let Some(r) = opts.strip_prefix(',') else {
            let name = opts.split([',', '=']).next().unwrap_or(opts);
            return Err(LineError::UnknownOption(name.to_string()));
        };
        if r.is_empty() {
            return Err(LineError::EndOfOptions);
        }
        opts = r;
    }
    if let (Some(a), Some(b)) = (e.valid_after, e.valid_before) {
        if b <= a {
            return Err(LineError::TimesReversed);
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
mod tests;
