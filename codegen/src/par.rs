//! Data parallelism with rayon when the `parallel` feature is on, plain
//! iteration without it. The same call sites serve both, so a build script
//! that depends on tlgen without default features compiles no rayon (about
//! a fifth of tlgen's dependency build) and generates on one thread.

#[cfg(feature = "parallel")]
pub(crate) use rayon::{join, prelude::*};

/// Runs both closures, one after the other.
#[cfg(not(feature = "parallel"))]
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB,
{
    (a(), b())
}

/// `par_iter` as an ordinary slice iterator.
#[cfg(not(feature = "parallel"))]
pub(crate) trait ParIter<T> {
    /// The elements in order, on this thread.
    fn par_iter(&self) -> std::slice::Iter<'_, T>;
}

#[cfg(not(feature = "parallel"))]
impl<T> ParIter<T> for [T] {
    fn par_iter(&self) -> std::slice::Iter<'_, T> {
        self.iter()
    }
}
