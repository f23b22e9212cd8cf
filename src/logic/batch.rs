//! A batch of requests (add locks, remove memberships): each item's outcome, and the
//! one-line summary announced when it completes.

/// The result of one item of a batch (one lock added, one membership removed, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What it acted on, e.g. the lock's title.
    pub subject: String,
    pub ok: bool,
    /// "added", or the server's exact reason.
    pub message: String,
}

/// A one-line summary of a batch for the live region: "20 added, 1 refused".
pub fn summary(outcomes: &[Outcome], done: &str) -> String {
    let ok = outcomes.iter().filter(|o| o.ok).count();
    let failed = outcomes.len() - ok;
    match failed {
        0 => format!("{ok} {done}"),
        _ => format!("{ok} {done}, {failed} refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_batches() {
        let o = |ok| Outcome {
            subject: "x".into(),
            ok,
            message: String::new(),
        };
        assert_eq!(summary(&[o(true), o(true)], "added"), "2 added");
        assert_eq!(summary(&[o(true), o(false)], "added"), "1 added, 1 refused");
        assert_eq!(summary(&[], "removed"), "0 removed");
    }
}
