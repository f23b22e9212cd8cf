//! What the group page's Overview and tabs show first, answering "does this group need
//! me?": one line of counts, what needs attention (locks waiting for a sync, grants that
//! end soon), the first locks and people, the requests that cost, and the words and links
//! for them.

use wire::{LockGroup, MembershipState};

use super::membership_state::MembersQuery;
use super::routes::GroupTab;
use super::url_state::UrlState;

/// Counts asked of the server stop here: one more row than this says "more".
pub const COUNT_LIMIT: u64 = 100;

/// A count read with `$top` = limit + 1: exact up to the limit, "more" beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounded {
    Exactly(u64),
    MoreThan(u64),
}

impl Bounded {
    /// From the number of rows an answer to `$top = limit + 1` had.
    pub fn from_rows(rows: u64, limit: u64) -> Bounded {
        if rows > limit {
            Bounded::MoreThan(limit)
        } else {
            Bounded::Exactly(rows)
        }
    }

    /// "7", "100+".
    pub fn short(self) -> String {
        match self {
            Bounded::Exactly(n) => n.to_string(),
            Bounded::MoreThan(n) => format!("{n}+"),
        }
    }

    /// "7", "more than 100", for sentences and accessible names.
    pub fn words(self) -> String {
        match self {
            Bounded::Exactly(n) => n.to_string(),
            Bounded::MoreThan(n) => format!("more than {n}"),
        }
    }

    pub fn is_zero(self) -> bool {
        self == Bounded::Exactly(0)
    }
}

/// The Members tab filtered to one state.
pub fn members_in(owner: &str, id: &str, state: MembershipState) -> String {
    let query = MembersQuery {
        state: Some(state),
        ..Default::default()
    };
    format!(
        "{}{}",
        GroupTab::Members.path(owner, id),
        query.to_url_query()
    )
}

/// The Members tab filtered to the memberships waiting for their lock to sync.
pub fn members_waiting(owner: &str, id: &str) -> String {
    let query = MembersQuery {
        waiting: true,
        ..Default::default()
    };
    format!(
        "{}{}",
        GroupTab::Members.path(owner, id),
        query.to_url_query()
    )
}

/// "3 locks have not synced this group's latest change" (`n`: the group's Joining plus
/// Leaving); nothing when every lock has.
pub fn waiting_sentence(n: u64) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 lock has not synced this group's latest change".into()),
        n => Some(format!(
            "{n} locks have not synced this group's latest change"
        )),
    }
}

/// The number a tab shows beside its name: current members on Members (what the tab
/// lists by default), active grants on Grants; none on the others.
pub fn tab_count(tab: GroupTab, group: &LockGroup, grants: Option<Bounded>) -> Option<String> {
    match tab {
        GroupTab::Members => group.statistics.as_ref().map(|s| s.current().to_string()),
        GroupTab::Grants => grants.map(Bounded::short),
        GroupTab::Overview | GroupTab::Diagram | GroupTab::History => None,
    }
}

// ------------------------------------------------------------------ the Overview

/// How many locks and people the Overview lists by name; the rest are one link away.
pub const PREVIEW: usize = 5;

/// How many waiting locks the Overview asks for when it cannot see them all otherwise.
pub const WAITING_LIMIT: u64 = 10;

/// A grant that ends within this many days needs attention.
pub const ENDING_DAYS: i64 = 14;

/// The query parameter that opens a tab's dialog: `?dialog=add-locks`.
pub const DIALOG_PARAM: &str = "dialog";
/// The Members tab's "Add locks" dialog.
pub const ADD_LOCKS: &str = "add-locks";
/// The Grants tab's "Grant access" dialog.
pub const GRANT_ACCESS: &str = "grant-access";

/// A tab with one of its dialogs open: `/owners/1/lock-groups/7/members?dialog=add-locks`.
pub fn tab_with_dialog(tab: GroupTab, owner: &str, id: &str, dialog: &str) -> String {
    format!("{}?{DIALOG_PARAM}={dialog}", tab.path(owner, id))
}

/// `search` (`?a=1&dialog=x`, as `location.search` has it) without the parameter `name`:
/// what stays in the address once a dialog it opened is open.
pub fn without_param(search: &str, name: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(name))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// "1 lock", "12 locks".
pub fn locks_phrase(n: u64) -> String {
    match n {
        1 => "1 lock".into(),
        n => format!("{n} locks"),
    }
}

/// The link to a tab's whole list: "The 1 lock", "All 12 locks", "All 100+ grants".
pub fn all_of(n: Bounded, one: &str, many: &str) -> String {
    match n {
        Bounded::Exactly(1) => format!("The 1 {one}"),
        n => format!("All {} {many}", n.short()),
    }
}

/// The current members by state for the summary line, in the order an admin reads them
/// (Active, Joining, Leaving), states with none left out: `[(Joined, 9), (JoinPending, 2)]`.
pub fn current_by_state(stats: &wire::Statistics) -> Vec<(MembershipState, u64)> {
    use MembershipState::*;
    [Joined, JoinPending, UnjoinPending]
        .into_iter()
        .map(|s| (s, stats.count(s)))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// "9 active", "2 joining": one part of the summary line.
pub fn state_phrase(state: MembershipState, n: u64) -> String {
    format!("{n} {}", state.label().to_lowercase())
}

/// The people who hold a grant on the group that is valid now or later (revoked and
/// expired ones left out), one per contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct People {
    /// The first [`PREVIEW`] by name, in natural order.
    pub first: Vec<Person>,
    pub count: usize,
    /// False when the grants read were not all of them (more than [`COUNT_LIMIT`]).
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// The contact's name, else their e-mail or user name, else "Contact 12".
pub fn person_name(g: &wire::Grant) -> String {
    let c = g.contact.as_ref();
    c.and_then(|c| c.title.clone())
        .filter(|t| !t.trim().is_empty())
        .or_else(|| c.and_then(|c| c.email.clone().or(c.ip_user_name.clone())))
        .unwrap_or_else(|| format!("Contact {}", g.contact_id))
}

/// Whether the grant gives access now or later (not revoked, not expired).
fn gives_access(g: &wire::Grant, now: i64) -> bool {
    use super::access::Validity;
    matches!(
        Validity::of(g, now),
        Validity::Active | Validity::NotYetValid
    )
}

/// The people of `grants` (the group's active grants, read with `$top` = limit + 1).
pub fn people(grants: &[wire::Grant], now: i64, limit: u64) -> People {
    let complete = grants.len() as u64 <= limit;
    let mut all: Vec<Person> = Vec::new();
    for g in grants.iter().take(limit as usize) {
        if gives_access(g, now) && !all.iter().any(|p| p.id == g.contact_id) {
            all.push(Person {
                id: g.contact_id.clone(),
                name: person_name(g),
            });
        }
    }
    all.sort_by(|a, b| super::natural_sort::natural_cmp(&a.name, &b.name));
    let count = all.len();
    all.truncate(PREVIEW);
    People {
        first: all,
        count,
        complete,
    }
}

/// "5 people with access", "1 person with access", "at least 40 people with access",
/// "no one with access yet".
pub fn people_phrase(p: &People) -> String {
    let at_least = if p.complete { "" } else { "at least " };
    match p.count {
        0 if p.complete => "no one with access yet".into(),
        1 => format!("{at_least}1 person with access"),
        n => format!("{at_least}{n} people with access"),
    }
}

/// A grant that ends soon: whose access, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub contact_id: String,
    pub name: String,
    /// The grant's `validBefore`, as the API sent it.
    pub valid_before: String,
}

/// The grants of `grants` that give access now and end within `days` days of `now`,
/// soonest first.
pub fn ending_soon(grants: &[wire::Grant], now: i64, days: i64) -> Vec<Ending> {
    let end = now + days * 86_400_000;
    let mut found: Vec<(i64, Ending)> = grants
        .iter()
        .filter(|g| gives_access(g, now))
        .filter_map(|g| {
            let text = g.valid_before.as_deref()?;
            let at = super::time::parse(text)?;
            (at <= end).then(|| {
                let ending = Ending {
                    contact_id: g.contact_id.clone(),
                    name: person_name(g),
                    valid_before: text.to_string(),
                };
                (at, ending)
            })
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, e)| e).collect()
}

/// The `$filter` of the active grants that end within `days` days of `now`: asked only
/// when the group has more grants than one answer of the Overview holds.
pub fn ending_filter(now: i64, days: i64) -> String {
    let end = now + days * 86_400_000;
    format!(
        "active eq true and validBefore gt {} and validBefore le {}",
        super::time::to_api(now),
        super::time::to_api(end)
    )
}

/// "1 grant ends within 14 days", "3 grants end within 14 days".
pub fn ending_sentence(n: usize, days: i64) -> String {
    match n {
        1 => format!("1 grant ends within {days} days"),
        n => format!("{n} grants end within {days} days"),
    }
}

/// The sentence when nothing needs the admin.
pub fn all_clear(days: i64) -> String {
    format!("Nothing needs you: every lock has synced and no grant ends within {days} days.")
}

/// A lock whose membership waits for the lock's next sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingLock {
    pub lock_id: String,
    pub title: String,
    /// Joining or Leaving.
    pub state: MembershipState,
    /// When the step it waits for started (added, removed), as the API sent it.
    pub since: Option<String>,
}

impl WaitingLock {
    /// "added", "removed": the step the lock has not synced yet.
    pub fn step(&self) -> &'static str {
        match self.state {
            MembershipState::UnjoinPending => "removed",
            _ => "added",
        }
    }
}

/// The memberships of `rows` that wait for their lock's sync, the longest waiting first
/// (dates that cannot be read last).
pub fn waiting_locks(rows: &[wire::Membership]) -> Vec<WaitingLock> {
    use super::membership_state::Dates;
    let mut found: Vec<(Option<i64>, WaitingLock)> = rows
        .iter()
        .filter_map(|m| {
            let dates = Dates::of(m);
            let since = match dates.state() {
                MembershipState::JoinPending => dates.join_start,
                MembershipState::UnjoinPending => dates.leave_start,
                _ => return None,
            };
            let lock = WaitingLock {
                lock_id: m.bound_lock_id.clone(),
                title: m
                    .bound_lock
                    .as_ref()
                    .map(|l| l.title.clone())
                    .unwrap_or_else(|| format!("Lock {}", m.bound_lock_id)),
                state: dates.state(),
                since: since.map(str::to_string),
            };
            Some((since.and_then(super::time::parse), lock))
        })
        .collect();
    found.sort_by_key(|(at, _)| at.unwrap_or(i64::MAX));
    found.into_iter().map(|(_, l)| l).collect()
}

/// Which membership requests the Overview sends, from the group's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The first [`PREVIEW`] current members: not asked for a group without any.
    pub first_locks: bool,
    /// The waiting members on their own: only when some wait and the first locks do not
    /// hold every current member (waiting ones are current).
    pub waiting: bool,
}

pub fn plan(stats: Option<&wire::Statistics>) -> Plan {
    let (current, waiting) = stats.map_or((0, 0), |s| {
        (s.current(), super::membership_state::waiting_count(s))
    });
    Plan {
        first_locks: current > 0,
        waiting: waiting > 0 && current > PREVIEW as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{StateCount, Statistics};

    fn group(stats: Option<&[(MembershipState, u64)]>) -> LockGroup {
        LockGroup {
            active: true,
            rcl_serial_no: Some(4),
            rcl_date: None,
            target_type: "Group".into(),
            id: "7".into(),
            physical_lock_id: None,
            title: "Office".into(),
            description: None,
            supported_features: None,
            statistics: stats.map(|s| Statistics {
                by_state: s
                    .iter()
                    .map(|&(state, count)| StateCount { state, count })
                    .collect(),
            }),
        }
    }

    #[test]
    fn bounded_counts_say_more_beyond_the_limit() {
        assert_eq!(Bounded::from_rows(0, 100), Bounded::Exactly(0));
        assert_eq!(Bounded::from_rows(100, 100), Bounded::Exactly(100));
        assert_eq!(Bounded::from_rows(101, 100), Bounded::MoreThan(100));
        assert_eq!(Bounded::Exactly(7).short(), "7");
        assert_eq!(Bounded::MoreThan(100).short(), "100+");
        assert_eq!(Bounded::MoreThan(100).words(), "more than 100");
        assert!(Bounded::Exactly(0).is_zero());
        assert!(!Bounded::MoreThan(0).is_zero());
    }

    #[test]
    fn the_waiting_notice_counts_and_links_to_the_waiting_members() {
        assert_eq!(waiting_sentence(0), None);
        assert_eq!(
            waiting_sentence(1).as_deref(),
            Some("1 lock has not synced this group's latest change")
        );
        assert_eq!(
            waiting_sentence(12).as_deref(),
            Some("12 locks have not synced this group's latest change")
        );
        assert_eq!(
            members_waiting("1", "7"),
            "/owners/1/lock-groups/7/members?state=waiting"
        );
    }

    #[test]
    fn members_links_carry_the_state() {
        assert_eq!(
            members_in("1", "7", MembershipState::JoinPending),
            "/owners/1/lock-groups/7/members?state=JoinPending"
        );
        assert_eq!(
            members_in("1", "a b", MembershipState::Unjoined),
            "/owners/1/lock-groups/a%20b/members?state=Unjoined"
        );
    }

    #[test]
    fn tabs_count_current_members_and_active_grants() {
        use MembershipState::*;
        let g = group(Some(&[
            (Joined, 5),
            (JoinPending, 1),
            (UnjoinPending, 1),
            (Unjoined, 9),
        ]));
        assert_eq!(tab_count(GroupTab::Members, &g, None).as_deref(), Some("7"));
        assert_eq!(tab_count(GroupTab::Grants, &g, None), None);
        assert_eq!(
            tab_count(GroupTab::Grants, &g, Some(Bounded::Exactly(2))).as_deref(),
            Some("2")
        );
        assert_eq!(
            tab_count(GroupTab::Overview, &g, Some(Bounded::Exactly(2))),
            None
        );
        assert_eq!(tab_count(GroupTab::Diagram, &g, None), None);
        assert_eq!(tab_count(GroupTab::Members, &group(None), None), None);
    }

    const NOW: i64 = 1_764_806_400_000; // 2025-12-04T00:00:00Z
    const DAY: i64 = 86_400_000;

    fn grant(id: &str, contact: &str, name: Option<&str>, before: Option<i64>) -> wire::Grant {
        wire::Grant {
            contact: Some(wire::Contact {
                id: contact.into(),
                owner_id: "1".into(),
                comment: None,
                ip_id: None,
                ip_user_id: None,
                email: Some(format!("{contact}@example.com")),
                ip_user_name: None,
                is_active: true,
                title: name.map(str::to_string),
            }),
            bound_card: None,
            bound_lock: None,
            owner: None,
            id: id.into(),
            bound_lock_id: "7".into(),
            contact_id: contact.into(),
            valid_from: None,
            valid_before: before.map(crate::logic::time::to_api),
            time_restriction_ical: None,
            state: wire::GrantState::Ok,
            active: true,
            bound_card_id: None,
            custom_payload: None,
        }
    }

    fn member(lock: &str, dates: [Option<&str>; 4]) -> wire::Membership {
        wire::Membership {
            bound_lock: Some(wire::TargetSummary {
                active: true,
                rcl_serial_no: None,
                rcl_date: None,
                target_type: "Lock".into(),
                id: lock.into(),
                physical_lock_id: None,
                title: format!("Door {lock}"),
                description: None,
            }),
            lock_group: None,
            last_seen_rcl_serial_no: None,
            last_seen_rcl_update_date: None,
            id: format!("m{lock}"),
            lock_group_id: "7".into(),
            bound_lock_id: lock.into(),
            join_start_date: dates[0].map(str::to_string),
            join_completed_date: dates[1].map(str::to_string),
            leave_start_date: dates[2].map(str::to_string),
            leave_completed_date: dates[3].map(str::to_string),
        }
    }

    #[test]
    fn the_summary_line_counts_current_locks_by_state() {
        use MembershipState::*;
        let g = group(Some(&[
            (Joined, 9),
            (JoinPending, 2),
            (UnjoinPending, 1),
            (Unjoined, 4),
        ]));
        let stats = g.statistics.unwrap();
        let parts: Vec<String> = current_by_state(&stats)
            .into_iter()
            .map(|(s, n)| state_phrase(s, n))
            .collect();
        assert_eq!(locks_phrase(stats.current()), "12 locks");
        assert_eq!(parts, ["9 active", "2 joining", "1 leaving"]);
        // States with none are left out; Left is not a current member.
        let g = group(Some(&[(JoinPending, 1), (Unjoined, 3)]));
        let stats = g.statistics.unwrap();
        assert_eq!(locks_phrase(stats.current()), "1 lock");
        assert_eq!(current_by_state(&stats), [(JoinPending, 1)]);
        assert_eq!(locks_phrase(0), "0 locks");
    }

    #[test]
    fn people_are_counted_once_each_valid_now_or_later_in_natural_order() {
        let mut revoked = grant("4", "c4", Some("Revoked Rita"), None);
        revoked.active = false;
        let grants = [
            grant("1", "c2", Some("Lock 10 Keeper"), None),
            grant("2", "c1", Some("Lock 2 Keeper"), None),
            grant("3", "c2", Some("Lock 10 Keeper"), Some(NOW + DAY)),
            revoked,
            grant("5", "c5", Some("Expired Ed"), Some(NOW - DAY)),
            grant("6", "c6", None, None),
        ];
        let p = people(&grants, NOW, 100);
        assert!(p.complete);
        assert_eq!(p.count, 3);
        let names: Vec<&str> = p.first.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["c6@example.com", "Lock 2 Keeper", "Lock 10 Keeper"]);
        assert_eq!(people_phrase(&p), "3 people with access");

        // More grants than one answer holds: the count is a floor, said so.
        let p = people(&grants, NOW, 1);
        assert!(!p.complete);
        assert_eq!(people_phrase(&p), "at least 1 person with access");
        let none = people(&[], NOW, 100);
        assert_eq!(people_phrase(&none), "no one with access yet");
        // Only the first few are named.
        let many: Vec<_> = (0..8)
            .map(|i| grant(&i.to_string(), &format!("c{i}"), None, None))
            .collect();
        let p = people(&many, NOW, 100);
        assert_eq!((p.count, p.first.len()), (8, PREVIEW));
    }

    #[test]
    fn grants_ending_within_the_window_soonest_first() {
        let mut revoked = grant("4", "c4", Some("Rita"), Some(NOW + DAY));
        revoked.active = false;
        let grants = [
            grant("1", "c1", Some("Later Lou"), Some(NOW + 13 * DAY)),
            grant("2", "c2", Some("Soon Sam"), Some(NOW + 2 * DAY)),
            grant("3", "c3", Some("Far Fay"), Some(NOW + 15 * DAY)),
            revoked,
            grant("5", "c5", Some("Gone Gil"), Some(NOW - DAY)),
            grant("6", "c6", Some("Open Olga"), None),
        ];
        let ending = ending_soon(&grants, NOW, ENDING_DAYS);
        let names: Vec<&str> = ending.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Soon Sam", "Later Lou"]);
        assert_eq!(ending[0].contact_id, "c2");
        assert_eq!(ending_sentence(1, 14), "1 grant ends within 14 days");
        assert_eq!(ending_sentence(2, 14), "2 grants end within 14 days");
        assert_eq!(
            ending_filter(NOW, 14),
            "active eq true and validBefore gt 2025-12-04T00:00:00.000Z \
             and validBefore le 2025-12-18T00:00:00.000Z"
        );
        assert!(all_clear(14).starts_with("Nothing needs you: every lock has synced"));
    }

    #[test]
    fn waiting_locks_are_joining_or_leaving_the_longest_waiting_first() {
        let t = |d: u32| format!("2025-12-0{d}T08:00:00Z");
        let (t1, t2, t3) = (t(1), t(2), t(3));
        let rows = [
            member("1", [Some(&t1), Some(&t1), None, None]), // active
            member("2", [Some(&t3), None, None, None]),      // joining since the 3rd
            member("3", [Some(&t1), Some(&t1), Some(&t2), None]), // leaving since the 2nd
            member("4", [Some(&t1), Some(&t1), Some(&t1), Some(&t2)]), // left
            member("5", [Some("garbled"), None, None, None]), // joining, unreadable
        ];
        let w = waiting_locks(&rows);
        let ids: Vec<&str> = w.iter().map(|l| l.lock_id.as_str()).collect();
        assert_eq!(ids, ["3", "2", "5"]);
        assert_eq!(w[0].title, "Door 3");
        assert_eq!(
            (w[0].state, w[0].step()),
            (MembershipState::UnjoinPending, "removed")
        );
        assert_eq!(
            (w[1].step(), w[1].since.as_deref()),
            ("added", Some(t3.as_str()))
        );
    }

    #[test]
    fn the_plan_skips_requests_the_statistics_answer() {
        use MembershipState::*;
        let plan_of = |s: &[(MembershipState, u64)]| plan(group(Some(s)).statistics.as_ref());
        // A new group: no membership request at all.
        assert_eq!(
            plan(None),
            Plan {
                first_locks: false,
                waiting: false
            }
        );
        assert_eq!(
            plan_of(&[(Unjoined, 3)]),
            Plan {
                first_locks: false,
                waiting: false
            }
        );
        // A few locks: the first locks are all of them, waiting ones included.
        assert_eq!(
            plan_of(&[(Joined, 3), (JoinPending, 2)]),
            Plan {
                first_locks: true,
                waiting: false
            }
        );
        // Many locks, some waiting: those on their own.
        assert_eq!(
            plan_of(&[(Joined, 9), (UnjoinPending, 1)]),
            Plan {
                first_locks: true,
                waiting: true
            }
        );
        assert_eq!(
            plan_of(&[(Joined, 9)]),
            Plan {
                first_locks: true,
                waiting: false
            }
        );
    }

    #[test]
    fn links_to_the_whole_list_say_how_many() {
        assert_eq!(all_of(Bounded::Exactly(1), "lock", "locks"), "The 1 lock");
        assert_eq!(
            all_of(Bounded::Exactly(12), "lock", "locks"),
            "All 12 locks"
        );
        assert_eq!(
            all_of(Bounded::MoreThan(100), "grant", "grants"),
            "All 100+ grants"
        );
    }

    #[test]
    fn dialogs_open_from_the_address_and_leave_it_once_open() {
        assert_eq!(
            tab_with_dialog(GroupTab::Members, "1", "7", ADD_LOCKS),
            "/owners/1/lock-groups/7/members?dialog=add-locks"
        );
        assert_eq!(
            tab_with_dialog(GroupTab::Grants, "1", "7", GRANT_ACCESS),
            "/owners/1/lock-groups/7/grants?dialog=grant-access"
        );
        assert_eq!(without_param("?dialog=add-locks", DIALOG_PARAM), "");
        assert_eq!(
            without_param("?state=Joined&dialog=x&q=a", DIALOG_PARAM),
            "?state=Joined&q=a"
        );
        assert_eq!(without_param("", DIALOG_PARAM), "");
        assert_eq!(without_param("?dialogs=1", DIALOG_PARAM), "?dialogs=1");
    }
}
