//! Completeness of the catalog: every language has every message, attribute and argument of
//! the English reference, and every message renders without error in every language.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// One message's shape: attribute names and the variables it (or its attributes) use.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    has_value: bool,
    attributes: BTreeSet<String>,
    variables: BTreeMap<String, BTreeSet<String>>,
}

fn inline_vars(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        _ => {}
    }
}

fn expr_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, out);
        }
    }
}

fn shapes(lang: Lang, source: &str) -> BTreeMap<String, Shape> {
    let res = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{lang:?}: syntax errors {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut s = Shape { has_value: m.value.is_some(), ..Shape::default() };
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                pattern_vars(v, &mut vars);
            }
            s.variables.insert(String::new(), vars);
            for a in &m.attributes {
                s.attributes.insert(a.id.name.to_string());
                let mut vars = BTreeSet::new();
                pattern_vars(&a.value, &mut vars);
                s.variables.insert(a.id.name.to_string(), vars);
            }
            let id = m.id.name.to_string();
            assert!(out.insert(id.clone(), s).is_none(), "{lang:?}: {id} is defined twice");
        }
    }
    out
}

#[test]
fn every_language_has_exactly_the_messages_attributes_and_arguments_of_english() {
    let en = shapes(Lang::En, SOURCES[0].1);
    assert!(en.len() > 100, "the English catalog looks truncated: {}", en.len());
    for (lang, src) in &SOURCES[1..] {
        let other = shapes(*lang, src);
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang:?} has ids English lacks: {extra:?}");
        for (id, shape) in &en {
            assert_eq!(Some(shape), other.get(id), "{lang:?}: {id} differs from English");
        }
    }
}

#[test]
fn every_message_of_every_language_renders_without_error_for_any_number() {
    let en = shapes(Lang::En, SOURCES[0].1);
    for (lang, _) in SOURCES {
        let Some(b) = bundle(lang) else { panic!("{lang:?} has no bundle") };
        for (id, shape) in &en {
            let Some(msg) = b.get_message(id) else { panic!("{lang:?} lacks {id}") };
            for (attribute, vars) in &shape.variables {
                let pattern = if attribute.is_empty() {
                    msg.value()
                } else {
                    msg.get_attribute(attribute).map(|a| a.value())
                };
                let Some(pattern) = pattern else { panic!("{lang:?} {id}.{attribute} is empty") };
                for sample in [Arg::Int(0), Arg::Int(1), Arg::Int(2), Arg::Int(5), Arg::Num(2.5)] {
                    let args: Args = vars.iter().map(|v| (v.clone(), sample.clone())).collect();
                    let fa = fluent_args(lang, &args);
                    let mut errors = Vec::new();
                    let s = b.format_pattern(pattern, Some(&fa), &mut errors);
                    assert!(errors.is_empty(), "{lang:?} {id}.{attribute}: {errors:?}");
                    assert!(!s.trim().is_empty(), "{lang:?} {id}.{attribute} renders empty");
                    assert!(!s.contains("{$") && !s.contains("{ $"), "{lang:?} {id}: {s}");
                }
            }
        }
    }
}

#[test]
fn plural_rules_follow_the_language() {
    // Romanian has a `few` form (2–19) besides one and other; the catalog uses the bundle's
    // CLDR rules, so each language picks its own form.
    let one = text(Lang::En, "warning-unreadable-lines", &args! { "n" => 1 });
    assert_eq!(one, "Unreadable capture lines skipped: 1.");
    for lang in Lang::ALL {
        for n in [0u64, 1, 2, 7, 21, 101] {
            let s = text(lang, "warning-unreadable-lines", &args! { "n" => n });
            assert!(s.contains(&n.to_string()), "{lang:?} {n}: {s}");
        }
    }
}

#[test]
fn a_missing_message_falls_back_to_its_id_and_a_missing_argument_shows_its_name() {
    assert_eq!(plain(Lang::De, "no-such-message"), "no-such-message");
    assert_eq!(attr(Lang::De, "no-such-message", "step-1", &Args::new()), "no-such-message.step-1");
    assert!(text(Lang::En, "warning-unreadable-lines", &Args::new()).contains("$n"));
}

#[test]
fn explanations_list_their_steps_in_order() {
    let steps = steps(Lang::En, "explain-key-device", &Args::new());
    assert_eq!(steps.len(), 4);
    assert!(steps[0].starts_with("Read the AppKey"), "{steps:?}");
    assert!(steps[3].contains("not a reason for an RMA"), "{steps:?}");
}

#[test]
fn args_serialise_as_plain_json_values_and_come_back_equal() {
    let a = args! { "n" => 3u64, "db" => 7.5, "eui" => "70b3d57ed0000001" };
    let json = serde_json::to_string(&a).unwrap_or_default();
    assert_eq!(json, r#"{"db":7.5,"eui":"70b3d57ed0000001","n":3}"#);
    let back: Args = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, a);
}

#[test]
fn nested_messages_and_lists_render_in_the_outer_language() {
    let inner = Message::new("label-within", args! { "date" => "2026-01-02" });
    let outer = Message::new("warning-unreadable-lines", args! { "n" => inner.clone() });
    assert_eq!(
        outer.render(Lang::En),
        "Unreadable capture lines skipped: running — ends on 2026-01-02."
    );
    assert!(outer.render(Lang::De).contains("läuft"), "{}", outer.render(Lang::De));
    let list = Arg::from(vec![inner.clone(), inner]);
    assert_eq!(list.render(Lang::En), "running — ends on 2026-01-02, running — ends on 2026-01-02");
    let json = serde_json::to_string(&outer).unwrap_or_default();
    let back: Message = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, outer);
}
