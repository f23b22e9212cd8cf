//! A lock page's sentences in the language shown: who can open it (counts, ways, windows,
//! schedules) and the search for its groups (progress, what each found membership waits
//! for, what was not found). The counting is `logic::access` and `logic::lock_scan`'s;
//! here only the words. Called inside a view's closure.

use wire::MembershipState;

use crate::i18n::{t_string, words, I18n};
use crate::logic::access::{Counts, Opens, Validity, Way};
use crate::logic::access_report::minute;
use crate::logic::lock_scan::{Found, Missing, Progress};

/// "Checked 3 of 12 groups".
pub fn checked(i18n: I18n, p: &Progress) -> String {
    let (checked, total) = (words::number(i18n, p.checked as u64), p.total as u64);
    let one = words::is_one(i18n, total);
    let total = words::number(i18n, total);
    if one {
        t_string!(i18n, scan.checked.one, checked, total).to_string()
    } else {
        t_string!(i18n, scan.checked.other, checked, total).to_string()
    }
}

/// "Joining" / "Leaving" with what it waits for, else the state's word.
pub fn waiting(i18n: I18n, f: &Found) -> String {
    match f.state() {
        MembershipState::JoinPending => t_string!(i18n, scan.joining).to_string(),
        MembershipState::UnjoinPending => t_string!(i18n, scan.leaving).to_string(),
        s => words::state(i18n, s),
    }
}

/// What a finished search did not find, and why, one sentence each.
pub fn missing(i18n: I18n, m: Missing) -> Vec<String> {
    let mut out = Vec::new();
    if m.leaves > 0 {
        let count = words::number(i18n, m.leaves);
        out.push(if words::is_one(i18n, m.leaves) {
            t_string!(i18n, scan.missing_leaves.one, count).to_string()
        } else {
            t_string!(i18n, scan.missing_leaves.other, count).to_string()
        });
    }
    if m.others > 0 {
        let count = words::number(i18n, m.others);
        out.push(if words::is_one(i18n, m.others) {
            t_string!(i18n, scan.missing_others.one, count).to_string()
        } else {
            t_string!(i18n, scan.missing_others.other, count).to_string()
        });
    }
    out
}

/// "14 people can open this lock now; 3 more after its next sync, 2 fewer".
pub fn counts(i18n: I18n, c: Counts) -> String {
    let n = c.now as u64;
    let count = words::number(i18n, n);
    let head = match n {
        0 => t_string!(i18n, access.now.none).to_string(),
        n if words::is_one(i18n, n) => t_string!(i18n, access.now.one, count).to_string(),
        _ => t_string!(i18n, access.now.other, count).to_string(),
    };
    let mut changes = Vec::new();
    if c.more > 0 {
        let count = words::number(i18n, c.more as u64);
        changes.push(t_string!(i18n, access.more, count).to_string());
    }
    if c.fewer > 0 {
        let count = words::number(i18n, c.fewer as u64);
        changes.push(if c.more > 0 {
            t_string!(i18n, access.fewer, count).to_string()
        } else {
            t_string!(i18n, access.fewer_after, count).to_string()
        });
    }
    if changes.is_empty() {
        head
    } else {
        let changes = changes.join(", ");
        t_string!(i18n, access.with_changes, head, changes).to_string()
    }
}

/// Whether a way (or a person) opens the lock: "now", "from the lock's next sync", …
pub fn opens(i18n: I18n, o: Opens) -> String {
    match o {
        Opens::Now => t_string!(i18n, access.opens.now),
        Opens::UntilSync => t_string!(i18n, access.opens.until_sync),
        Opens::FromSync => t_string!(i18n, access.opens.from_sync),
        Opens::No => t_string!(i18n, access.opens.no),
    }
    .to_string()
}

/// A grant's validity: "valid", "revoked", "expired", "not yet valid".
pub fn validity(i18n: I18n, v: Validity) -> String {
    match v {
        Validity::Active => t_string!(i18n, access.validity.valid),
        Validity::Revoked => t_string!(i18n, access.validity.revoked),
        Validity::Expired => t_string!(i18n, access.validity.expired),
        Validity::NotYetValid => t_string!(i18n, access.validity.not_yet),
    }
    .to_string()
}

/// The validity window: "no time limit", "from …", "until …", "… to …" (the times in
/// the API's UTC form, the same in every language).
pub fn window(i18n: I18n, w: &Way) -> String {
    let (from, until) = (
        w.grant.valid_from.as_deref(),
        w.grant.valid_before.as_deref(),
    );
    match (from.map(minute), until.map(minute)) {
        (None, None) => t_string!(i18n, access.window.none).to_string(),
        (Some(from), None) => t_string!(i18n, access.window.from, from).to_string(),
        (None, Some(until)) => t_string!(i18n, access.window.until, until).to_string(),
        (Some(from), Some(until)) => t_string!(i18n, access.window.both, from, until).to_string(),
    }
}

/// The weekly time restriction in words, or "any time".
pub fn schedule(i18n: I18n, w: &Way) -> String {
    match w.grant.time_restriction_ical.as_deref() {
        Some(ical) if !ical.trim().is_empty() => crate::i18n::schedule::restriction(i18n, ical),
        _ => t_string!(i18n, access.any_time).to_string(),
    }
}
