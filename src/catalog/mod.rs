//! The language catalog: every user-facing text of rmacheck in English, German, French and
//! Romanian, one Fluent file per language (`src/catalog/{en,de,fr,ro}.ftl`, embedded at build
//! time).
//!
//! - A message has an id (`finding-frame-counter-reset`), named arguments (`{ $n }`) and, where
//!   the wording depends on a number, plural variants chosen by the language's CLDR plural rules
//!   (`{ $n -> [one] … *[other] … }`).
//! - [`text`]`(lang, id, &args)` renders a message; [`attr`] one of its attributes; [`steps`] the
//!   numbered `.step-N` attributes of an explanation, in order.
//! - `en.ftl` is the reference: every other file has exactly its ids, attributes and arguments
//!   (the tests below render every message of every language and fail on a missing key).
//! - A message missing at run time falls back to English, then to its id: rendering never fails.
//!
//! The catalog is pure (no I/O after start-up); bidi isolation marks are off because the texts
//! go to terminals, Markdown and HTML, not into a mixed-direction UI.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

use crate::model::Lang;

/// The Fluent source of each language, in [`Lang::ALL`] order.
const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("en.ftl")),
    (Lang::De, include_str!("de.ftl")),
    (Lang::Fr, include_str!("fr.ftl")),
    (Lang::Ro, include_str!("ro.ftl")),
];

/// One named argument of a message: a number (plural rules apply) or a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A whole number.
    Int(i64),
    /// A decimal number (dB, seconds with fractions).
    Num(f64),
    /// A text (an EUI, a code, a pre-formatted duration or list).
    Text(String),
    /// Several values, rendered joined by ", " (nested messages in the same language).
    List(Vec<Arg>),
    /// Another message, rendered in the same language first (a sentence built of parts).
    Msg(Message),
}

/// A catalog message with its arguments: a text that renders in any language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Catalog id (`finding-frame-counter-reset`).
    pub id: String,
    /// Named arguments.
    #[serde(default, skip_serializing_if = "Args::is_empty")]
    pub args: Args,
}

impl Message {
    /// Message `id` with `args`.
    #[must_use]
    pub fn new(id: &str, args: Args) -> Self {
        Self { id: id.to_string(), args }
    }

    /// Message `id` without arguments.
    #[must_use]
    pub fn plain(id: &str) -> Self {
        Self { id: id.to_string(), args: Args::new() }
    }

    /// The text in `lang`.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        text(lang, &self.id, &self.args)
    }
}

impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Msg(v)
    }
}

impl From<Vec<Arg>> for Arg {
    fn from(v: Vec<Arg>) -> Self {
        Arg::List(v)
    }
}

impl From<Vec<Message>> for Arg {
    fn from(v: Vec<Message>) -> Self {
        Arg::List(v.into_iter().map(Arg::Msg).collect())
    }
}

impl Arg {
    /// The value as text in `lang` (nested messages rendered in that language).
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Arg::Int(v) => v.to_string(),
            Arg::Num(v) => v.to_string(),
            Arg::Text(v) => v.clone(),
            Arg::List(items) => items.iter().map(|a| a.render(lang)).collect::<Vec<_>>().join(", "),
            Arg::Msg(m) => m.render(lang),
        }
    }
}

// Arguments are built from finite values only (no NaN), so equality is total.
impl Eq for Arg {}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<u64> for Arg {
    fn from(v: u64) -> Self {
        Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<u16> for Arg {
    fn from(v: u16) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<u8> for Arg {
    fn from(v: u8) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<i32> for Arg {
    fn from(v: i32) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<f64> for Arg {
    fn from(v: f64) -> Self {
        if v.is_finite() { Arg::Num(v) } else { Arg::Text(v.to_string()) }
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}

/// Named arguments of a message (sorted by name, so JSON is stable).
/// Named arguments, sorted by name: a vector-backed map ([`litemap::LiteMap`]), since a
/// message has a handful at most (a `BTreeMap` node holds room for eleven: ten times the
/// memory for every verdict a fleet keeps).
pub type Args = litemap::LiteMap<String, Arg>;

/// Builds [`Args`]: `args! { "n" => 3, "eui" => eui.to_string() }`.
#[macro_export]
macro_rules! args {
    () => { $crate::catalog::Args::new() };
    ($($k:expr => $v:expr),+ $(,)?) => {{
        let mut a = $crate::catalog::Args::new();
        $( a.insert(($k).to_string(), $crate::catalog::Arg::from($v)); )+
        a
    }};
}

pub use crate::args;

struct Catalog {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

fn load(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    // A syntax error keeps the entries that parsed; the tests make sure there is none.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    // Duplicate ids keep the first; the tests make sure there is none.
    let _ = bundle.add_resource(resource);
    bundle
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    bundles: SOURCES.iter().map(|(lang, src)| (*lang, load(*lang, src))).collect(),
});

fn bundle(lang: Lang) -> Option<&'static FluentBundle<FluentResource>> {
    CATALOG.bundles.iter().find(|(l, _)| *l == lang).map(|(_, b)| b)
}

fn fluent_args(lang: Lang, args: &Args) -> FluentArgs<'_> {
    let mut out = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        let value = match v {
            Arg::Int(i) => FluentValue::from(*i),
            Arg::Num(f) => FluentValue::from(*f),
            Arg::Text(s) => FluentValue::from(s.as_str()),
            nested => FluentValue::from(nested.render(lang)),
        };
        out.set(k.as_str(), value);
    }
    out
}

/// Renders message `id` (or its attribute) in one bundle; `None` when it is not there.
fn render_in(lang: Lang, id: &str, attribute: Option<&str>, args: &Args) -> Option<String> {
    let b = bundle(lang)?;
    let msg = b.get_message(id)?;
    let pattern = match attribute {
        Some(a) => msg.get_attribute(a)?.value(),
        None => msg.value()?,
    };
    let mut errors = Vec::new();
    let fa = fluent_args(lang, args);
    Some(b.format_pattern(pattern, Some(&fa), &mut errors).into_owned())
}

fn render(lang: Lang, id: &str, attribute: Option<&str>, args: &Args) -> String {
    render_in(lang, id, attribute, args)
        .or_else(|| render_in(Lang::En, id, attribute, args))
        .unwrap_or_else(|| match attribute {
            Some(a) => format!("{id}.{a}"),
            None => id.to_string(),
        })
}

/// Message `id` in `lang` with named `args`.
#[must_use]
pub fn text(lang: Lang, id: &str, args: &Args) -> String {
    render(lang, id, None, args)
}

/// Message `id` in `lang`, without arguments.
#[must_use]
pub fn plain(lang: Lang, id: &str) -> String {
    render(lang, id, None, &Args::new())
}

/// Attribute `attribute` of message `id` in `lang`.
#[must_use]
pub fn attr(lang: Lang, id: &str, attribute: &str, args: &Args) -> String {
    render(lang, id, Some(attribute), args)
}

/// The `.step-1`, `.step-2`, … attributes of message `id`, in order (next steps).
#[must_use]
pub fn steps(lang: Lang, id: &str, args: &Args) -> Vec<String> {
    numbered(lang, id, "step-", args)
}

/// The attributes of message `id` whose names start with `prefix` (`tech-`), in order.
#[must_use]
pub fn numbered(lang: Lang, id: &str, prefix: &str, args: &Args) -> Vec<String> {
    let names: Vec<String> = bundle(lang)
        .and_then(|b| b.get_message(id))
        .or_else(|| bundle(Lang::En).and_then(|b| b.get_message(id)))
        .map(|m| {
            m.attributes().map(|a| a.id().to_string()).filter(|a| a.starts_with(prefix)).collect()
        })
        .unwrap_or_default();
    names.iter().map(|a| render(lang, id, Some(a), args)).collect()
}

/// Whether the English catalog has message `id`.
#[must_use]
pub fn has(id: &str) -> bool {
    bundle(Lang::En).is_some_and(|b| b.has_message(id))
}

#[cfg(test)]
mod tests;
