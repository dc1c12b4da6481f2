//! Data parallelism: rayon when the `parallel` feature is on, scoped std
//! threads without it. The same two calls serve both, so a build script that
//! depends on tlgen without default features compiles no rayon and still
//! generates on every core it is given (while the generator runs, cargo has
//! nothing else to compile for the crate that waits on it).

#[cfg(not(feature = "parallel"))]
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use: what the machine offers, and in a build script
/// no more than cargo's job count for it (`NUM_JOBS`), as the `cc` crate does.
#[cfg(not(feature = "parallel"))]
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = std::env::var("NUM_JOBS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(cores);
    cores.min(jobs).max(1)
}

/// Items handed out per grab: small enough to balance uneven items (pages
/// and output pieces differ in size by orders of magnitude), large enough
/// that the shared counter is rarely touched.
#[cfg(not(feature = "parallel"))]
const BATCH: usize = 8;

/// `f` over every item, on several threads; the results in the items' order.
pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        // By reference: `&F` is `Send` because `F` is `Sync`, so both builds
        // take the same closures.
        items.par_iter().map(&f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let threads = threads().min(items.len().div_ceil(BATCH));
        if threads <= 1 {
            return items.iter().map(f).collect();
        }
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let start = next.fetch_add(BATCH, Ordering::Relaxed);
                if start >= items.len() {
                    return done;
                }
                let end = (start + BATCH).min(items.len());
                done.push((start, items[start..end].iter().map(&f).collect::<Vec<R>>()));
            }
        };
        let mut batches: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut all = work();
            for helper in helpers {
                // A panic in `f` is re-raised here, as rayon does.
                all.extend(
                    helper
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                );
            }
            all
        });
        batches.sort_unstable_by_key(|(start, _)| *start);
        batches
            .into_iter()
            .flat_map(|(_, results)| results)
            .collect()
    }
}

/// Runs both closures, potentially in parallel: without rayon, `b` on a
/// second thread when there is a second core.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        if threads() <= 1 {
            return (a(), b());
        }
        std::thread::scope(|scope| {
            let b = scope.spawn(b);
            let ra = a();
            (
                ra,
                b.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_keeps_the_order_of_uneven_items() {
        let items: Vec<u64> = (0..1000).collect();
        let out = map(&items, |&n| {
            // Uneven work, so batches finish out of order.
            (0..(n % 7) * 1000).fold(n, |acc, i| acc.wrapping_add(i) % 1_000_003)
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|&n| (0..(n % 7) * 1000).fold(n, |acc, i| acc.wrapping_add(i) % 1_000_003))
            .collect();
        assert_eq!(out, expected);
        assert!(map(&[] as &[u8], |&b| b).is_empty());
    }

    #[test]
    fn join_returns_both_results() {
        assert_eq!(join(|| 1 + 1, || "two".len()), (2, 3));
    }
}
