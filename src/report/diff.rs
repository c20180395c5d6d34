//! The first difference between two JSON values: what `verify` names when a signed part and
//! its fresh re-derivation disagree.

use std::collections::BTreeSet;

use serde_json::Value;

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

/// The first JSON path where `signed` and `fresh` differ, with both values.
#[must_use]
pub fn first_difference(path: &str, signed: &Value, fresh: &Value) -> String {
    match (signed, fresh) {
        (Value::Object(a), Value::Object(b)) => {
            // Most telling parts first.
            let mut keys: Vec<&String> =
                a.keys().chain(b.keys()).collect::<BTreeSet<_>>().into_iter().collect();
            let rank = |k: &str| {
                ["verdict", "findings", "stats", "window", "timeline"]
                    .iter()
                    .position(|x| *x == k)
                    .unwrap_or(9)
            };
            keys.sort_by_key(|k| rank(k));
            for k in keys {
                let (x, y) = (a.get(k).unwrap_or(&Value::Null), b.get(k).unwrap_or(&Value::Null));
                if x != y {
                    return first_difference(&format!("{path}.{k}"), x, y);
                }
            }
            format!("{path}: (no difference)")
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x != y {
                    return first_difference(&format!("{path}[{i}]"), x, y);
                }
            }
            format!("{path}: (no difference)")
        }
        (Value::Array(a), Value::Array(b)) => {
            format!("{path}: signed {} entries, fresh {}", a.len(), b.len())
        }
        _ => format!("{path}: signed {}, fresh {}", short(signed), short(fresh)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_difference_names_the_telling_path() {
        let a =
            json!({"timeline": [1, 2], "verdict": {"code": "HEALTHY"}, "stats": {"uplinks": 3}});
        let b = json!({"timeline": [1, 3], "verdict": {"code": "POOR_COVERAGE"}, "stats": {"uplinks": 2}});
        assert_eq!(
            first_difference("diagnosis", &a, &b),
            "diagnosis.verdict.code: signed \"HEALTHY\", fresh \"POOR_COVERAGE\""
        );
        let c = json!({"timeline": [1, 2, 3]});
        assert_eq!(
            first_difference(
                "d",
                &a,
                &json!({"timeline": [1, 2], "verdict": {"code": "HEALTHY"}, "stats": {"uplinks": 4}})
            ),
            "d.stats.uplinks: signed 3, fresh 4"
        );
        assert_eq!(
            first_difference("d", &json!({"timeline": [1]}), &c),
            "d.timeline: signed 1 entries, fresh 3"
        );
    }
}
