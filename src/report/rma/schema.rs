//! The keys an RMA file may have, checked before the fields are read, so that every unknown
//! key (with a did-you-mean) is listed together with the other problems.

/// Top-level keys.
pub(super) const TOP: [&str; 21] = [
    "order_number",
    "device_name",
    "model",
    "serial_number",
    "dev_eui",
    "join_eui",
    "delivery_date",
    "reason",
    "support_ticket",
    "manufacturer_ticket",
    "factory_reset",
    "accessories",
    "contact",
    "description",
    "photo",
    "invoice_number",
    "support_validation",
    "manufacturer",
    "sender",
    "attachment",
    "extra",
];

/// Keys of each table (`[[photo]]` and `[[attachment]]` are arrays of such tables).
pub(super) const TABLES: [(&str, &[&str]); 5] = [
    ("contact", &["name", "email", "phone"]),
    ("description", &["before", "problem", "steps_taken"]),
    ("sender", &["name", "address", "phone", "email", "contact_person"]),
    ("photo", &["file", "view"]),
    ("attachment", &["file", "kind"]),
];

/// The closest known key, when it is close enough to be a typo.
fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn unknown(out: &mut Vec<String>, place: &str, key: &str, known: &[&str]) {
    let hint = match did_you_mean(key, known) {
        Some(k) => format!(" (did you mean `{k}`?)"),
        None => format!(": allowed are {}", known.join(", ")),
    };
    let extra = if place.is_empty() { "; shop-specific fields go under [extra]" } else { "" };
    out.push(format!("unknown key `{place}{key}`{hint}{extra}"));
}

/// Lists every unknown key and removes it, so that the remaining fields can still be read.
pub(super) fn strip_unknown(table: &mut toml::Table, problems: &mut Vec<String>) {
    let keys: Vec<String> = table.keys().cloned().collect();
    for k in keys {
        if !TOP.contains(&k.as_str()) {
            unknown(problems, "", &k, &TOP);
            table.remove(&k);
        }
    }
    for (name, known) in TABLES {
        let mut check = |t: &mut toml::Table, place: String| {
            let keys: Vec<String> = t.keys().cloned().collect();
            for k in keys {
                if !known.contains(&k.as_str()) {
                    unknown(problems, &place, &k, known);
                    t.remove(&k);
                }
            }
        };
        match table.get_mut(name) {
            Some(toml::Value::Table(t)) => check(t, format!("{name}.")),
            Some(toml::Value::Array(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    if let toml::Value::Table(t) = item {
                        check(t, format!("{name}[{}].", i + 1));
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_closest_key_and_a_stranger_the_list() {
        assert_eq!(did_you_mean("ordr_number", &TOP), Some("order_number"));
        assert_eq!(did_you_mean("invoice", &TOP), Some("invoice_number"));
        assert_eq!(did_you_mean("zzz", &TOP), None);
    }
}
