//! The documentation's shell examples run as printed: every ```sh and ```console block of
//! README.md and docs/*.md, page by page in a fresh directory holding a copy of `examples/`,
//! with the built binary on PATH. Markers (an HTML comment on the line before the fence):
//! `<!-- no-run: reason -->` skips a block (it needs a broker or a network server),
//! `<!-- exit N -->` expects exit status N instead of 0. CONTRIBUTING.md describes the rules.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, then docs/*.md in name order.
fn pages() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    let mut all = vec![root().join("README.md")];
    all.extend(docs);
    all
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Exit(i32),
    NoRun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    line: usize,
    expect: Expect,
    script: String,
}

fn marker(previous: Option<&str>) -> Result<Expect, String> {
    let Some(text) = previous.map(str::trim) else { return Ok(Expect::Exit(0)) };
    let Some(inner) = text.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->")) else {
        return Ok(Expect::Exit(0));
    };
    let inner = inner.trim();
    if inner == "no-run" || inner.starts_with("no-run:") {
        return Ok(Expect::NoRun);
    }
    if let Some(code) = inner.strip_prefix("exit ") {
        return code.trim().parse().map(Expect::Exit).map_err(|_| format!("bad marker {text}"));
    }
    Err(format!("unknown marker {text}: use <!-- no-run: reason --> or <!-- exit N -->"))
}

/// The console block's commands: `$ ` lines and their `\` continuations.
fn console_commands(body: &[&str]) -> String {
    let mut out = String::new();
    let mut continued = false;
    for line in body {
        if continued || line.starts_with("$ ") {
            let cmd = if continued { line } else { &line[2..] };
            out.push_str(cmd);
            out.push('\n');
            continued = cmd.trim_end().ends_with('\\');
        }
    }
    out
}

/// Every sh/console block of a Markdown text, with its 1-based line and marker.
fn blocks(text: &str) -> Result<Vec<Block>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let lang = info.trim().to_owned();
        let start = i;
        let previous = lines[..start].iter().rev().find(|l| !l.trim().is_empty()).copied();
        let mut end = start + 1;
        while end < lines.len() && lines[end].trim() != "```" {
            end += 1;
        }
        let body = &lines[start + 1..end.min(lines.len())];
        let script = match lang.as_str() {
            "sh" | "bash" | "shell" => Some(body.join("\n") + "\n"),
            "console" => Some(console_commands(body)),
            _ => None,
        };
        if let Some(script) = script {
            let expect = marker(previous).map_err(|e| format!("line {}: {e}", start + 1))?;
            out.push(Block { line: start + 1, expect, script });
        }
        i = end + 1;
    }
    Ok(out)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn run_block(dir: &Path, block: &Block) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("rmacheck");
    let bin_dir = bin.parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let home = dir.join(".home");
    let tmp = dir.join(".tmp");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    Command::new("bash")
        .args(["-e", "-o", "pipefail", "-c", &block.script])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", &home)
        .env("TMPDIR", &tmp)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("RMACHECK_DEMO_SPEED", "0")
        .env_remove("RMACHECK_MQTT_PASSWORD")
        .env_remove("RMACHECK_PROFILES_DIR")
        .output()
        .unwrap()
}

fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

#[test]
fn every_offline_shell_example_in_the_docs_runs_as_printed() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for page in pages() {
        let name = page.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&page).unwrap();
        let blocks = match blocks(&text) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root().join("examples"), &dir.path().join("examples"));
        for block in &blocks {
            let Expect::Exit(want) = block.expect else { continue };
            ran += 1;
            let out = run_block(dir.path(), block);
            if out.status.code() != Some(want) {
                failures.push(format!(
                    "{name}:{}: exit {:?}, expected {want} (mark the block with \
                     <!-- no-run: reason --> if it needs a broker or a network server, or \
                     <!-- exit N --> if it exits N on purpose)\n--- script\n{}--- stdout\n{}\n\
                     --- stderr\n{}",
                    block.line,
                    out.status.code(),
                    block.script,
                    tail(&out.stdout),
                    tail(&out.stderr),
                ));
            }
        }
    }
    assert!(ran >= 5, "only {ran} examples ran: is the extraction broken?");
    assert!(
        failures.is_empty(),
        "{} failing examples:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn blocks_are_extracted_with_their_markers_and_console_prompts() {
    let text = "intro\n\n```sh\nrmacheck a\n```\n<!-- exit 1 -->\n```console\n$ rmacheck b \\\n    --x\noutput\n$ rmacheck c\n```\n\n<!-- no-run: needs a broker -->\n\n```sh\nrmacheck watch\n```\n```text\n$ not run\n```\n";
    let got = blocks(text).unwrap();
    let want = vec![
        Block { line: 3, expect: Expect::Exit(0), script: "rmacheck a\n".into() },
        Block {
            line: 7,
            expect: Expect::Exit(1),
            script: "rmacheck b \\\n    --x\nrmacheck c\n".into(),
        },
        Block { line: 16, expect: Expect::NoRun, script: "rmacheck watch\n".into() },
    ];
    assert_eq!(got, want);
    assert!(blocks("<!-- skip -->\n```sh\nx\n```\n").is_err(), "unknown markers are errors");
}

#[test]
fn the_readme_stays_under_12_kb() {
    let len = std::fs::metadata(root().join("README.md")).unwrap().len();
    assert!(len <= 12 * 1024, "README.md is {len} bytes; move details into docs/");
}

#[test]
fn every_relative_link_in_the_docs_points_to_an_existing_file() {
    let mut pages = pages();
    pages.extend(["CONTRIBUTING.md", "ARCHITECTURE.md"].map(|p| root().join(p)));
    let mut dangling = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap_or("");
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !page.parent().unwrap().join(target).exists() {
                dangling.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(dangling.is_empty(), "dangling links:\n{}", dangling.join("\n"));
}
