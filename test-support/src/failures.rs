//! Failures of many checks (every item of a layer, every golden line),
//! collected and reported together: one run shows every kind of failure
//! instead of stopping at the first.

use std::fmt::{Debug, Display};

/// The failures of a run of checks, as messages.
#[derive(Debug, Default)]
pub struct Failures(Vec<String>);

impl Failures {
    /// Records one failure.
    pub fn push(&mut self, failure: String) {
        self.0.push(failure);
    }

    /// Records a failure unless `result` is `Ok(expected)`: `what` and the
    /// value `result` holds instead (`Debug`), or its error.
    pub fn check_eq<T: PartialEq + Debug, E: Display>(
        &mut self,
        what: &str,
        result: Result<T, E>,
        expected: &T,
    ) {
        self.check_with(what, result, expected, |v| format!("{v:?}"));
    }

    /// [`Failures::check_eq`] for values shown as they print (JSON).
    pub fn check_eq_shown<T: PartialEq + Display, E: Display>(
        &mut self,
        what: &str,
        result: Result<T, E>,
        expected: &T,
    ) {
        self.check_with(what, result, expected, T::to_string);
    }

    fn check_with<T: PartialEq, E: Display>(
        &mut self,
        what: &str,
        result: Result<T, E>,
        expected: &T,
        show: impl Fn(&T) -> String,
    ) {
        match result {
            Ok(got) if got == *expected => {}
            Ok(got) => self.push(format!("{what}: {} != {}", show(&got), show(expected))),
            Err(e) => self.push(format!("{what}: {e}")),
        }
    }

    /// How many failed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Fails the test unless `checked` checks ran and none failed, showing
    /// the first 20 failures.
    pub fn assert_none(&self, checked: usize, what: &str) {
        assert!(checked > 0, "no {what} checked");
        let shown: Vec<&String> = self.0.iter().take(20).collect();
        assert!(
            self.0.is_empty(),
            "{} of {checked} {what} failed:\n{shown:#?}",
            self.0.len()
        );
    }
}
