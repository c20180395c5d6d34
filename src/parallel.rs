//! Order-keeping parallel maps on scoped threads: what the capture reader (lines parsed),
//! the batch decoder (messages decoded) and `fleet` (devices diagnosed) share.
//!
//! The items are split into as many contiguous parts as there are threads; each part is
//! mapped on a thread of its own and the results come back in the items' order, so the
//! outcome is the same for any number of threads. A panic on a thread is resumed on the
//! caller's.

/// `f` applied to every item, in order, on up to `threads` threads (one: on the caller's).
pub fn map_owned<T: Send, U: Send>(
    mut items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    if threads <= 1 || items.len() <= chunk {
        return items.into_iter().map(f).collect();
    }
    let mut parts = Vec::with_capacity(threads);
    while items.len() > chunk {
        let rest = items.split_off(chunk);
        parts.push(std::mem::replace(&mut items, rest));
    }
    parts.push(items);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::new();
        for w in workers {
            out.extend(w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    })
}

/// `f` applied to every item of a slice, in order, on up to `threads` threads; the items
/// stay the caller's (and are freed on its thread).
pub fn map<T: Sync, U: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    map_owned(items.iter().collect(), threads, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order_for_any_number_of_threads() {
        let items: Vec<u64> = (0..1001).collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            assert_eq!(map(&items, threads, |x| x * x), want, "{threads} threads");
            assert_eq!(map_owned(items.clone(), threads, |x| x * x), want, "{threads} threads");
        }
        assert!(map(&[] as &[u64], 4, |x| *x).is_empty());
    }

    #[test]
    fn a_panic_on_a_thread_reaches_the_caller() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            map(&items, 4, |x| {
                assert!(*x != 50, "item 50");
                *x
            })
        });
        assert!(caught.is_err());
    }
}
