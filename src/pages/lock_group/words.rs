//! The group page's counted phrases in the language shown ("1 Schloss", "2 Schlösser"):
//! the words are in `locales/*.json`, the singular chosen by `Intl.PluralRules`. Called
//! inside a view's closure, so they follow the switch.

use wire::MembershipState;

use crate::i18n::{t_string, words, I18n};
use crate::logic::group_overview::{Bounded, People};
use crate::logic::history::{HistoryEvent, Kind, LockChoice};
use crate::logic::membership_state::{Event, Issue, Which};
use crate::logic::routes::GroupTab;

/// The tab's name: "Members" / "Mitglieder".
pub fn tab(i18n: I18n, tab: GroupTab) -> String {
    match tab {
        GroupTab::Overview => t_string!(i18n, group.tab.overview),
        GroupTab::Members => t_string!(i18n, group.tab.members),
        GroupTab::Grants => t_string!(i18n, group.tab.grants),
        GroupTab::Diagram => t_string!(i18n, group.tab.diagram),
        GroupTab::History => t_string!(i18n, group.tab.history),
    }
    .to_string()
}

/// "3 locks have not synced this group's latest change"; `None` when every lock has.
pub fn waiting(i18n: I18n, n: u64) -> Option<String> {
    let count = words::number(i18n, n);
    (n > 0).then(|| {
        if words::is_one(i18n, n) {
            t_string!(i18n, group.waiting.one, count).to_string()
        } else {
            t_string!(i18n, group.waiting.other, count).to_string()
        }
    })
}

/// "12 locks" / "12 Schlösser".
pub fn locks(i18n: I18n, n: u64) -> String {
    let count = words::number(i18n, n);
    if words::is_one(i18n, n) {
        t_string!(i18n, overview.locks_count.one, count).to_string()
    } else {
        t_string!(i18n, overview.locks_count.other, count).to_string()
    }
}

/// A count as the tabs show it: "7", "100+".
fn short(i18n: I18n, n: Bounded) -> String {
    match n {
        Bounded::Exactly(n) => words::number(i18n, n),
        Bounded::MoreThan(n) => format!("{}+", words::number(i18n, n)),
    }
}

/// The link to the Members tab: "The 1 lock", "All 12 locks".
pub fn all_locks(i18n: I18n, n: Bounded) -> String {
    if n == Bounded::Exactly(1) {
        return t_string!(i18n, overview.the_one_lock).to_string();
    }
    t_string!(i18n, overview.all_locks, count = short(i18n, n)).to_string()
}

/// The link to the Grants tab: "The 1 grant", "All 100+ grants".
pub fn all_grants(i18n: I18n, n: Bounded) -> String {
    if n == Bounded::Exactly(1) {
        return t_string!(i18n, overview.the_one_grant).to_string();
    }
    t_string!(i18n, overview.all_grants, count = short(i18n, n)).to_string()
}

/// "9 active", "2 joining" / "9 aktiv", "2 werden aufgenommen".
pub fn in_state(i18n: I18n, state: MembershipState, n: u64) -> String {
    use MembershipState as S;
    let count = words::number(i18n, n);
    let one = words::is_one(i18n, n);
    match (state, one) {
        (S::Joined, true) => t_string!(i18n, overview.in_state.joined.one, count),
        (S::Joined, false) => t_string!(i18n, overview.in_state.joined.other, count),
        (S::JoinPending, true) => t_string!(i18n, overview.in_state.join_pending.one, count),
        (S::JoinPending, false) => t_string!(i18n, overview.in_state.join_pending.other, count),
        (S::UnjoinPending, true) => t_string!(i18n, overview.in_state.unjoin_pending.one, count),
        (S::UnjoinPending, false) => {
            t_string!(i18n, overview.in_state.unjoin_pending.other, count)
        }
        (S::Unjoined, true) => t_string!(i18n, overview.in_state.unjoined.one, count),
        (S::Unjoined, false) => t_string!(i18n, overview.in_state.unjoined.other, count),
        (S::Unknown, true) => t_string!(i18n, overview.in_state.unknown.one, count),
        (S::Unknown, false) => t_string!(i18n, overview.in_state.unknown.other, count),
    }
    .to_string()
}

/// "5 people with access", "at least 40 people with access", "no one with access yet".
pub fn people(i18n: I18n, p: &People) -> String {
    let n = p.count as u64;
    if n == 0 && p.complete {
        return t_string!(i18n, overview.no_one_yet).to_string();
    }
    let count = words::number(i18n, n);
    match (p.complete, words::is_one(i18n, n)) {
        (true, true) => t_string!(i18n, overview.people_with_access.one, count),
        (true, false) => t_string!(i18n, overview.people_with_access.other, count),
        (false, true) => t_string!(i18n, overview.at_least.one, count),
        (false, false) => t_string!(i18n, overview.at_least.other, count),
    }
    .to_string()
}

/// "1 grant ends within 14 days", "3 grants end within 14 days".
pub fn ending(i18n: I18n, n: usize, days: i64) -> String {
    let (count, days) = (words::number(i18n, n as u64), days.to_string());
    if words::is_one(i18n, n as u64) {
        t_string!(i18n, overview.ending.one, count, days).to_string()
    } else {
        t_string!(i18n, overview.ending.other, count, days).to_string()
    }
}

/// A state as a sentence (the state's tooltip, the diagram's "now").
pub fn explain(i18n: I18n, state: MembershipState) -> String {
    match state {
        MembershipState::JoinPending => t_string!(i18n, explain.join_pending),
        MembershipState::Joined => t_string!(i18n, explain.joined),
        MembershipState::UnjoinPending => t_string!(i18n, explain.unjoin_pending),
        MembershipState::Unjoined => t_string!(i18n, explain.unjoined),
        MembershipState::Unknown => t_string!(i18n, explain.unknown),
    }
    .to_string()
}

/// One of a membership's four recorded events: "Added", "Active (lock synced)", …
pub fn event(i18n: I18n, e: Event) -> String {
    match e {
        Event::JoinStart => t_string!(i18n, event.join_start),
        Event::JoinCompleted => t_string!(i18n, event.join_completed),
        Event::LeaveStart => t_string!(i18n, event.leave_start),
        Event::LeaveCompleted => t_string!(i18n, event.leave_completed),
    }
    .to_string()
}

/// What is wrong with a membership's dates.
pub fn issue(i18n: I18n, i: Issue) -> String {
    match i {
        Issue::NoDates => t_string!(i18n, issue.no_dates).to_string(),
        Issue::MissingJoinStart => t_string!(i18n, issue.missing_join_start).to_string(),
        Issue::MissingLeaveStart => t_string!(i18n, issue.missing_leave_start).to_string(),
        Issue::Unreadable(e) => {
            t_string!(i18n, issue.unreadable, event = event(i18n, e)).to_string()
        }
        Issue::OutOfOrder(e) => {
            t_string!(i18n, issue.out_of_order, event = event(i18n, e)).to_string()
        }
    }
}

/// The name of a view of the Members tab: "Current", "Joining", …, "Waiting for sync", "All".
pub fn which(i18n: I18n, w: Which) -> String {
    match w {
        Which::Current => t_string!(i18n, members.filter.current).to_string(),
        Which::State(s) => words::state(i18n, s),
        Which::Waiting => t_string!(i18n, members.filter.waiting).to_string(),
        Which::All => t_string!(i18n, members.filter.all).to_string(),
    }
}

/// What a view of the Members tab lists, for its tooltip and screen readers.
pub fn which_hint(i18n: I18n, w: Which) -> String {
    match w {
        Which::Current => t_string!(i18n, members.filter.current_hint).to_string(),
        Which::State(s) => explain(i18n, s),
        Which::Waiting => t_string!(i18n, members.filter.waiting_hint).to_string(),
        Which::All => t_string!(i18n, members.filter.all_hint).to_string(),
    }
}

/// A lock as the history names it: its title, else "Lock 12" / "Schloss 12".
pub fn lock_name(i18n: I18n, title: Option<&str>, id: &str) -> String {
    match title {
        Some(t) => t.to_string(),
        None => t_string!(i18n, members.lock_fallback, id = id.to_string()).to_string(),
    }
}

/// A choice of the History tab's kind filter: "Added", …, "Waiting for the lock to sync".
pub fn kind(i18n: I18n, k: Kind) -> String {
    match k {
        Kind::Step(Event::JoinStart) => t_string!(i18n, history.kind.added),
        Kind::Step(Event::JoinCompleted) => t_string!(i18n, history.kind.joined),
        Kind::Step(Event::LeaveStart) => t_string!(i18n, history.kind.removed),
        Kind::Step(Event::LeaveCompleted) => t_string!(i18n, history.kind.left),
        Kind::Waiting => t_string!(i18n, history.kind.waiting),
    }
    .to_string()
}

/// What happened, after the lock's name: "added" / "hinzugefügt".
pub fn verb(i18n: I18n, e: Event) -> String {
    match e {
        Event::JoinStart => t_string!(i18n, history.verb.added),
        Event::JoinCompleted => t_string!(i18n, history.verb.joined),
        Event::LeaveStart => t_string!(i18n, history.verb.removed),
        Event::LeaveCompleted => t_string!(i18n, history.verb.left),
    }
    .to_string()
}

/// "added 3 days ago, waiting for the lock to sync", for a step still waiting.
pub fn waiting_step(i18n: I18n, e: &HistoryEvent, now: i64) -> Option<String> {
    e.waiting.then(|| {
        let when = match e.at {
            Some(_) => words::moment(i18n, &e.date, now).0,
            None => t_string!(i18n, history.unreadable_time).to_string(),
        };
        match e.event {
            Event::LeaveStart => t_string!(i18n, history.waiting.removed, when),
            _ => t_string!(i18n, history.waiting.added, when),
        }
        .to_string()
    })
}

/// A lock of the History tab's lock filter: "Lock 2 (#13) (unbound)".
pub fn lock_choice(i18n: I18n, c: &LockChoice) -> String {
    let title = c.named.then_some(c.lock.as_str());
    let mut label = lock_name(i18n, title, &c.id);
    if c.shared {
        label.push_str(&t_string!(i18n, history.shared, id = c.id.clone()).to_string());
    }
    if c.unbound {
        label.push_str(t_string!(i18n, history.unbound));
    }
    label
}
