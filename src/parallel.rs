//! Order-keeping parallel maps on a pool of long-lived threads (rayon): what the capture
//! reader (lines parsed), the batch decoder (messages decoded) and `fleet` (devices diagnosed,
//! [`map_beside`]) share.
//!
//! The items are split into as many contiguous parts as there are threads ([`map_beside`]:
//! handed out one at a time to whichever thread is free); the parts are mapped on
//! the pool's threads and the results come back in the items' order, so the outcome is the
//! same for any number of threads. The threads live as long as the process (one pool
//! for the one thread count a command uses): each keeps its allocator heap warm, where a new
//! thread per call would start a new one. A panic on a thread is resumed on the caller's.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

/// The pool of `threads` threads, made on first use (`None` if no thread can be started: then
/// the caller maps on its own thread).
fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<BTreeMap<usize, Arc<rayon::ThreadPool>>> = Mutex::new(BTreeMap::new());
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(p) = pools.get(&threads) {
        return Some(Arc::clone(p));
    }
    let p = Arc::new(rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok()?);
    pools.insert(threads, Arc::clone(&p));
    Some(p)
}

/// `f` applied to every item, in order, on up to `threads` threads (one: on the caller's).
pub fn map_owned<T: Send, U: Send>(
    mut items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let pool = if threads <= 1 || items.len() <= chunk { None } else { pool(threads) };
    let Some(pool) = pool else {
        return items.into_iter().map(f).collect();
    };
    let mut parts = Vec::with_capacity(threads);
    while items.len() > chunk {
        let rest = items.split_off(chunk);
        parts.push(std::mem::replace(&mut items, rest));
    }
    parts.push(items);
    let f = &f;
    let mapped: Vec<Vec<U>> = pool
        .install(|| parts.into_par_iter().map(|part| part.into_iter().map(f).collect()).collect());
    mapped.into_iter().flatten().collect()
}

/// `f` applied to every item, in order, on `threads` threads, one of them the caller's, which
/// first runs `beside` (so that what `beside` allocates comes from the caller's memory). The
/// items are handed out one at a time to whichever thread is free, so no thread waits for
/// another: the caller takes items once `beside` is done. With one thread, `beside` and then
/// the items on the caller's.
pub fn map_beside<T: Send, U: Send, R>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
    beside: impl FnOnce() -> R,
) -> (Vec<U>, R) {
    let helpers = threads.saturating_sub(1).min(items.len());
    // The pool of `threads` (whose threads' allocator heaps are warm), `helpers` of them used.
    let Some(pool) = (helpers > 0).then(|| pool(threads)).flatten() else {
        let r = beside();
        return (items.into_iter().map(f).collect(), r);
    };
    let n = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    // Each result with its item's position.
    let done: Mutex<Vec<(usize, U)>> = Mutex::new(Vec::with_capacity(n));
    let work = || {
        let mut mine = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((at, item)) = next else { break };
            mine.push((at, f(item)));
        }
        done.lock().unwrap_or_else(PoisonError::into_inner).append(&mut mine);
    };
    let r = pool.in_place_scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(|_| work());
        }
        let r = beside();
        work();
        r
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_unstable_by_key(|(at, _)| *at);
    (done.into_iter().map(|(_, u)| u).collect(), r)
}

/// `f` applied to every item of a slice, in order, on up to `threads` threads; the items
/// stay the caller's (and are freed on its thread).
pub fn map<T: Sync, U: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    map_owned(items.iter().collect(), threads, f)
}

/// `f` applied to `items` cut into as many contiguous parts as there are threads, each part
/// with the position of its first item, on up to `threads` threads; the results in the parts'
/// order (for work done a part at a time, e.g. text made into one buffer per part).
pub fn map_parts<T: Sync, U: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(usize, &[T]) -> U + Sync,
) -> Vec<U> {
    let per_part = items.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<(usize, &[T])> =
        items.chunks(per_part).enumerate().map(|(k, part)| (k * per_part, part)).collect();
    map_owned(parts, threads, |(at, part)| f(at, part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order_for_any_number_of_threads() {
        let items: Vec<u64> = (0..1001).collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        for threads in [0, 1, 2, 3, 8, 64] {
            assert_eq!(map(&items, threads, |x| x * x), want, "{threads} threads");
            assert_eq!(map_owned(items.clone(), threads, |x| x * x), want, "{threads} threads");
        }
        // More threads than items: one item a part.
        assert_eq!(map(&items[..5], 8, |x| x * x), want[..5]);
        assert!(map(&[] as &[u64], 4, |x| *x).is_empty());
        for threads in [0, 1, 2, 3, 8, 2000] {
            let parts = map_parts(&items, threads, |at, part| (at, part.to_vec()));
            assert!(parts.len() <= threads.max(1), "{threads} threads");
            let positions: Vec<usize> = parts.iter().map(|(at, _)| *at).collect();
            let mut next = 0;
            for (at, part) in &parts {
                assert_eq!(*at, next, "{threads} threads: {positions:?}");
                next += part.len();
            }
            let joined: Vec<u64> = parts.into_iter().flat_map(|(_, part)| part).collect();
            assert_eq!(joined, items, "{threads} threads");
        }
        assert!(map_parts(&[] as &[u64], 4, |_, part| part.len()).is_empty());
    }

    #[test]
    fn items_mapped_beside_other_work_come_back_in_order_with_its_result() {
        let items: Vec<u64> = (0..1001).collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            let mut beside = Vec::new();
            let (got, n) = map_beside(
                items.clone(),
                threads,
                |x| x * x,
                || {
                    beside.extend(0..5_u64);
                    beside.len()
                },
            );
            assert_eq!(got, want, "{threads} threads");
            assert_eq!((n, beside), (5, vec![0, 1, 2, 3, 4]), "{threads} threads");
        }
        let (none, ()) = map_beside(Vec::<u64>::new(), 2, |x| x, || ());
        assert!(none.is_empty());
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
        let caught = std::panic::catch_unwind(|| {
            map_beside(items.clone(), 2, |x| x, || panic!("beside"));
        });
        assert!(caught.is_err(), "a panic beside the items");
        for threads in [1, 2, 3] {
            let caught = std::panic::catch_unwind(|| {
                map_beside(
                    items.clone(),
                    threads,
                    // Every item panics, so a helper that takes one panics too.
                    |x| -> u64 { panic!("item {x}") },
                    || (),
                )
            });
            assert!(caught.is_err(), "a panic on an item, {threads} threads");
        }
    }
}
