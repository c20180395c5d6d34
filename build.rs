//! Embeds the shipped device profiles: every `*.yaml` file under `device-profiles/` becomes an
//! entry of `SHIPPED` (see `src/profiles/shipped.rs`), so a new profile needs no code change.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=device-profiles");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let mut files = Vec::new();
    yaml_files(&root.join("device-profiles"), &mut files)?;
    files.sort();
    let mut out = String::from("&[\n");
    for file in files {
        let relative: Vec<String> = file
            .strip_prefix(&root)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        writeln!(out, "    ({:?}, include_str!({:?})),", relative.join("/"), file.display())?;
    }
    out.push_str("]\n");
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR")?).join("shipped_profiles.rs"), out)?;
    Ok(())
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            yaml_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}
