//! A lock page's sentences in the language shown: the search for its groups (progress,
//! what each found membership waits for, what was not found). The counting is
//! `logic::lock_scan`'s; here only the words. Called inside a view's closure.

use wire::MembershipState;

use crate::i18n::{t_string, words, I18n};
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
