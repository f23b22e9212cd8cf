//! A batch of requests (add locks, remove memberships): each item's outcome (the one-line
//! summary announced when it completes is `i18n::words::summary`).

/// The result of one item of a batch (one lock added, one membership removed, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What it acted on, e.g. the lock's title.
    pub subject: String,
    pub ok: bool,
    /// "added" in the language shown, or the server's exact reason.
    pub message: String,
}
