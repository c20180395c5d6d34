use super::*;

#[test]
fn every_shipped_profile_validates() {
    let reg = Registry::shipped().unwrap();
    assert_eq!(reg.len(), SHIPPED.len());
    for p in reg.iter() {
        assert!(!p.file.diagnostics.sources.is_empty(), "{} has no source", p.id);
    }
}

#[test]
fn every_yaml_file_under_device_profiles_is_shipped() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string());
            }
        }
    }
    let mut files = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("device-profiles"), &mut files);
    files.sort();
    let mut shipped: Vec<String> = SHIPPED.iter().map(|(p, _)| (*p).to_string()).collect();
    shipped.sort();
    assert_eq!(files, shipped, "build.rs embeds every profile");
}

/// The smallest valid profile (shared with the command-line tests).
const MINIMAL: &str = include_str!("../../tests/fixtures/profiles/acme-t1.yaml");

#[test]
fn a_minimal_profile_loads() {
    let p = parse_profile("acme-t1", "acme-t1.yaml", MINIMAL).unwrap();
    assert_eq!(p.title(), "Acme T1 (EU863-870)");
    assert!(!p.dev_nonce_is_counter());
}

#[test]
fn schema_errors_name_the_file_the_path_and_the_fix() {
    // (text in MINIMAL, replaced by, path in the error, fix in the error)
    let cases = [
        ("'1.0.3'", "1.0", "/macVersion", "quote version numbers"),
        ("maxEIRP: 16\n", "", "at /:", "add the missing key"),
        ("supportsJoin: true", "supportsJoin: true\nsuportsClassC: true", "at /:", "misspelt key"),
        (
            "region: EU863-870",
            "region: EU863-870, colour: red",
            "/x-diagnostics/device",
            "misspelt key",
        ),
        ("RP001-1.0.3-RevA", "RP002-1.0.1", "/regionalParametersVersion", ""),
        ("supportsJoin: true", "supportsJoin: false", "rx1Delay", "add the missing key"),
    ];
    for (from, to, path, fix) in cases {
        let text = MINIMAL.replace(from, to);
        assert_ne!(text, MINIMAL, "{from}");
        let err = parse_profile("x", "dir/x.yaml", &text).unwrap_err().to_string();
        assert!(err.starts_with("dir/x.yaml: "), "{err}");
        assert!(err.contains(path), "{path}: {err}");
        assert!(err.contains(fix), "{fix}: {err}");
    }
}

#[test]
fn broken_yaml_is_reported_with_its_position() {
    let err = parse_profile("x", "x.yaml", "macVersion: [1.0\n").unwrap_err().to_string();
    assert!(err.contains("x.yaml: not valid YAML"), "{err}");
    assert!(err.contains("line"), "{err}");
}

#[test]
fn an_unknown_id_lists_the_valid_ones() {
    let reg = Registry::shipped().unwrap();
    let err = reg.get("nope").unwrap_err().to_string();
    assert!(
        err.contains("unknown profile 'nope'") && err.contains("dragino-lht65n-eu868"),
        "{err}"
    );
}

#[test]
fn a_user_directory_adds_and_replaces_profiles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("acme")).unwrap();
    std::fs::write(dir.path().join("acme/acme-t1.yaml"), MINIMAL).unwrap();
    let mut reg = Registry::shipped().unwrap();
    let before = reg.len();
    assert_eq!(reg.load_dir(dir.path()).unwrap(), 1);
    assert_eq!(reg.len(), before + 1);
    assert!(reg.get("acme-t1").unwrap().origin.ends_with("acme-t1.yaml"));
}

#[test]
fn mac_versions_from_104_count_devnonces() {
    for (v, want) in
        [("1.0", false), ("1.0.2", false), ("1.0.3", false), ("1.0.4", true), ("1.1", true)]
    {
        assert_eq!(mac_version_at_least_104(v), want, "{v}");
    }
}
