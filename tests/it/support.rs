//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};

use rmacheck::capture::CaptureWriter;
use rmacheck::frame::keys::KeyStore;
use rmacheck::model::RawMessage;

/// Writes messages as a capture file `dir/name`.
pub(crate) fn write_capture_file(dir: &Path, name: &str, messages: &[RawMessage]) -> PathBuf {
    let path = dir.join(name);
    let mut w = CaptureWriter::new(std::fs::File::create(&path).unwrap());
    for m in messages {
        w.write(m).unwrap();
    }
    path
}

/// Writes a keys file `dir/keys.toml` (the contract's `--keys` format).
pub(crate) fn write_keys_file(dir: &Path, keys: &KeyStore) -> PathBuf {
    let path = dir.join("keys.toml");
    let mut text = String::new();
    for (dev, k) in keys.iter() {
        text.push_str(&format!(
            "[[device]]\ndev_eui = \"{dev}\"\njoin_eui = \"{}\"\napp_key = \"{}\"\n\n",
            k.join_eui.unwrap_or_default(),
            hex::encode(k.app_key.0)
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}
