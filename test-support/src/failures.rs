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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatches_and_errors_are_recorded() {
        let mut failures = Failures::default();
        failures.check_eq("same", Ok::<_, String>(1), &1);
        failures.check_eq("other", Ok::<_, String>(2), &1);
        failures.check_eq("error", Err::<i32, _>("bad"), &1);
        failures.check_eq_shown("shown", Ok::<_, String>("a".to_owned()), &"b".to_owned());
        assert_eq!(failures.0, ["other: 2 != 1", "error: bad", "shown: a != b"]);
        assert_eq!(failures.len(), 3);
    }

    #[test]
    #[should_panic(expected = "1 of 5 values failed")]
    fn a_failure_fails_the_test() {
        let mut failures = Failures::default();
        failures.push("x".into());
        failures.assert_none(5, "values");
    }

    #[test]
    #[should_panic(expected = "no values checked")]
    fn nothing_checked_fails_the_test() {
        Failures::default().assert_none(0, "values");
    }
}
