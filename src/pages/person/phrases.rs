//! A person's page in the language shown: what a grant is on, its window and schedule,
//! what it opens, the totals over every way. The counting is `logic::person_access`'s;
//! here only the words. Called inside a view's closure.

use crate::i18n::{t_string, words, I18n};
use crate::logic::person_access::{GrantLine, GroupCounts, Kind, Total};
use crate::logic::time;

pub use crate::pages::lock::phrases::{opens, validity};

/// "group Staff" / "lock Main Entrance", for confirms and results.
pub fn target(i18n: I18n, kind: Kind, title: &str) -> String {
    let title = title.to_string();
    match kind {
        Kind::Group => t_string!(i18n, person.target.group, title).to_string(),
        Kind::Lock => t_string!(i18n, person.target.lock, title).to_string(),
    }
}

/// The validity window: "any time", "from …", "until …", "from … until …" (the times in
/// the API's UTC form, the same in every language).
pub fn window(i18n: I18n, line: &GrantLine) -> String {
    let at = |d: &Option<String>| {
        d.as_deref()
            .map(|s| time::parse(s).map_or(s.to_string(), time::exact))
    };
    match (at(&line.grant.valid_from), at(&line.grant.valid_before)) {
        (None, None) => t_string!(i18n, person.window.none).to_string(),
        (Some(from), None) => t_string!(i18n, person.window.from, from).to_string(),
        (None, Some(until)) => t_string!(i18n, person.window.until, until).to_string(),
        (Some(from), Some(until)) => t_string!(i18n, person.window.both, from, until).to_string(),
    }
}

/// "valid, from … until …".
pub fn validity_window(i18n: I18n, line: &GrantLine) -> String {
    let validity = validity(i18n, line.validity);
    let window = window(i18n, line);
    t_string!(i18n, person.validity, validity, window).to_string()
}

/// The weekly time restriction in words, or "every day, all day".
pub fn schedule(i18n: I18n, line: &GrantLine) -> String {
    match line.grant.time_restriction_ical.as_deref() {
        Some(ical) if !ical.trim().is_empty() => crate::i18n::schedule::restriction(i18n, ical),
        _ => t_string!(i18n, person.every_day).to_string(),
    }
}

/// "Opens nothing: revoked".
pub fn opens_nothing(i18n: I18n, line: &GrantLine) -> String {
    let why = validity(i18n, line.validity);
    t_string!(i18n, person.opens_nothing, why).to_string()
}

/// "no lock", "1 lock", "3 locks".
fn locks(i18n: I18n, n: usize) -> String {
    let n = n as u64;
    let count = words::number(i18n, n);
    match n {
        0 => t_string!(i18n, person.locks.none).to_string(),
        n if words::is_one(i18n, n) => t_string!(i18n, person.locks.one, count).to_string(),
        _ => t_string!(i18n, person.locks.other, count).to_string(),
    }
}

/// "Opens 3 locks now".
fn opens_now(i18n: I18n, n: usize) -> String {
    let locks = locks(i18n, n);
    t_string!(i18n, person.opens_now, locks).to_string()
}

/// "Opens 3 locks now; 1 joining (from its next sync), 1 leaving (until its next sync)".
pub fn group_sentence(i18n: I18n, c: GroupCounts) -> String {
    let head = opens_now(i18n, c.now);
    let mut changes = Vec::new();
    for (n, joining) in [(c.joining, true), (c.leaving, false)] {
        if n == 0 {
            continue;
        }
        let (n, count) = (n as u64, words::number(i18n, n as u64));
        changes.push(match (joining, words::is_one(i18n, n)) {
            (true, true) => t_string!(i18n, person.joining.one, count).to_string(),
            (true, false) => t_string!(i18n, person.joining.other, count).to_string(),
            (false, true) => t_string!(i18n, person.leaving.one, count).to_string(),
            (false, false) => t_string!(i18n, person.leaving.other, count).to_string(),
        });
    }
    if changes.is_empty() {
        return head;
    }
    let changes = changes.join(", ");
    t_string!(i18n, access.with_changes, head, changes).to_string()
}

/// "Opens 2 locks now, 1 more after pending syncs".
pub fn total(i18n: I18n, t: Total) -> String {
    let mut out = opens_now(i18n, t.now);
    if t.more > 0 {
        let count = words::number(i18n, t.more as u64);
        out.push_str(", ");
        out.push_str(&t_string!(i18n, person.more, count).to_string());
    }
    if t.fewer > 0 {
        let count = words::number(i18n, t.fewer as u64);
        out.push_str(", ");
        out.push_str(&if t.more > 0 {
            t_string!(i18n, person.fewer, count).to_string()
        } else {
            t_string!(i18n, person.fewer_after, count).to_string()
        });
    }
    out
}

/// " Still asking 2 of 5 groups…" and " 1 groups could not be asked: not counted.", each
/// only when it applies.
pub fn asking(i18n: I18n, waiting: usize, asked: usize, failed: usize) -> String {
    let mut out = String::new();
    if waiting > 0 {
        let n = asked as u64;
        let (waiting, count) = (words::number(i18n, waiting as u64), words::number(i18n, n));
        out.push(' ');
        out.push_str(&if words::is_one(i18n, n) {
            t_string!(i18n, person.asking.one, waiting, count).to_string()
        } else {
            t_string!(i18n, person.asking.other, waiting, count).to_string()
        });
    }
    if failed > 0 {
        let n = failed as u64;
        let count = words::number(i18n, n);
        out.push(' ');
        out.push_str(&if words::is_one(i18n, n) {
            t_string!(i18n, person.not_asked.one, count).to_string()
        } else {
            t_string!(i18n, person.not_asked.other, count).to_string()
        });
    }
    out
}
