//! XXH3 digests of length-prefixed parts: messages' identities (`capture::dedup`) and
//! receptions' repeat keys (`tracker::repeats`). Deterministic across runs and platforms.

use std::cell::RefCell;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Parts of up to this many bytes in all are joined in [`JOINED`] and hashed in one pass (for
/// a few hundred bytes XXH3's streaming state costs more than the hash); larger ones are
/// streamed, so that no thread keeps a buffer the size of its largest message.
const JOINED_AT_MOST: usize = 8 << 10;

thread_local! {
    /// A thread's buffer for the parts being hashed.
    static JOINED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The 64-bit XXH3 of `parts`, each after its length (8 bytes, big-endian), so that no two
/// different lists of parts are hashed as the same bytes.
#[must_use]
pub fn of_parts(parts: &[&[u8]]) -> u64 {
    let size: usize = parts.iter().map(|p| p.len() + 8).sum();
    if size > JOINED_AT_MOST {
        let mut h = Xxh3::new();
        for p in parts {
            h.update(&(p.len() as u64).to_be_bytes());
            h.update(p);
        }
        return h.digest();
    }
    JOINED.with_borrow_mut(|joined| {
        joined.clear();
        for p in parts {
            joined.extend_from_slice(&(p.len() as u64).to_be_bytes());
            joined.extend_from_slice(p);
        }
        xxh3_64(joined)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hash_the_same_whether_joined_or_streamed_and_apart_from_other_splits() {
        let streamed = |parts: &[&[u8]]| {
            let mut h = Xxh3::new();
            for b in parts {
                h.update(&(b.len() as u64).to_be_bytes());
                h.update(b);
            }
            h.digest()
        };
        for size in [0, 12, 300, JOINED_AT_MOST - 100, JOINED_AT_MOST + 1, 3 * JOINED_AT_MOST] {
            let payload = vec![b'x'; size];
            let parts: [&[u8]; 3] = [b"bytes", b"a/topic", &payload];
            assert_eq!(of_parts(&parts), streamed(&parts), "parts of {size} bytes");
        }
        assert_ne!(of_parts(&[b"ab", b"c"]), of_parts(&[b"a", b"bc"]));
        assert_ne!(of_parts(&[b"abc"]), of_parts(&[b"abc", b""]));
    }
}
