//! A group's history: the events its memberships' four dates record ("Main Entrance
//! added", "… joined, the lock synced", "… removed", "… left, the lock synced"), newest
//! first, filtered by lock and by kind, paged on the client; the History tab's list state
//! in the URL.
//!
//! Odd dates never hide or break anything: a missing date is an event that did not happen
//! (the membership's [`Issue`] from [`derive`] goes with its events), an unreadable one is
//! still listed (after every dated event, its text as sent), and a membership without any
//! date is named apart, since it has no event to show.

use std::cmp::Ordering;

use wire::Membership;

use super::membership_state::{derive, Dates, Event, Issue};
use super::natural_sort::natural_cmp;
use super::odata::encode_component;
use super::time;
use super::url_state::{page_param, query_string, UrlState};

/// Events per page of the History tab.
pub const PAGE_SIZE: usize = 20;

/// One recorded step of one membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEvent {
    pub membership_id: String,
    pub lock_id: String,
    /// The lock's title (expanded `boundLock`), else "Lock {id}" (English: the export's).
    pub lock: String,
    /// Whether `lock` is the lock's title (else the view names it by its id).
    pub named: bool,
    /// The lock was unbound from the locking system.
    pub unbound: bool,
    pub event: Event,
    /// The date as the API sent it.
    pub date: String,
    /// The date read; `None` when it cannot be read.
    pub at: Option<i64>,
    /// A start whose completion the lock has not synced yet.
    pub waiting: bool,
    /// What is inconsistent about this membership's dates, if anything.
    pub issue: Option<Issue>,
}

/// What happened, after the lock's name: "Main Entrance added" (English: the export's; the
/// view says it in the language shown).
pub fn verb(event: Event) -> &'static str {
    match event {
        Event::JoinStart => "added",
        Event::JoinCompleted => "joined, the lock synced",
        Event::LeaveStart => "removed",
        Event::LeaveCompleted => "left, the lock synced",
    }
}

impl HistoryEvent {
    /// "added 3 days ago, waiting for the lock to sync", for a step still waiting (English:
    /// the view says it in the language shown, with [`HistoryEvent::waiting`] and `at`).
    pub fn waiting_text(&self, now: i64) -> Option<String> {
        self.waiting.then(|| {
            let short = match self.event {
                Event::LeaveStart => "removed",
                _ => "added",
            };
            let when = self
                .at
                .map_or("at a time that cannot be read".to_string(), |at| {
                    time::relative(at, now)
                });
            format!("{short} {when}, waiting for the lock to sync")
        })
    }
}

/// A group's history, newest first, and the memberships that record no date at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub events: Vec<HistoryEvent>,
    /// The locks whose membership has no date (no event to list).
    pub undated: Vec<LockName>,
}

/// A lock as the history names it: its title when the API gave one, else its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockName {
    pub id: String,
    pub title: Option<String>,
}

impl LockName {
    fn of(m: &Membership) -> Self {
        LockName {
            id: m.bound_lock_id.clone(),
            title: m.bound_lock.as_ref().map(|l| l.title.clone()),
        }
    }
}

fn lock_title(m: &Membership) -> String {
    m.bound_lock
        .as_ref()
        .map(|l| l.title.clone())
        .unwrap_or_else(|| format!("Lock {}", m.bound_lock_id))
}

/// The events one membership's dates record, in lifecycle order.
pub fn events_of(m: &Membership) -> Vec<HistoryEvent> {
    let dates = Dates::of(m);
    let issue = derive(dates).issue;
    let waiting = |event: Event| match event {
        Event::JoinStart => {
            dates.join_completed.is_none()
                && dates.leave_start.is_none()
                && dates.leave_completed.is_none()
        }
        Event::LeaveStart => dates.leave_completed.is_none(),
        Event::JoinCompleted | Event::LeaveCompleted => false,
    };
    let recorded = [
        (Event::JoinStart, dates.join_start),
        (Event::JoinCompleted, dates.join_completed),
        (Event::LeaveStart, dates.leave_start),
        (Event::LeaveCompleted, dates.leave_completed),
    ];
    recorded
        .into_iter()
        .filter_map(|(event, date)| {
            let date = date?;
            Some(HistoryEvent {
                membership_id: m.id.clone(),
                lock_id: m.bound_lock_id.clone(),
                lock: lock_title(m),
                named: m.bound_lock.is_some(),
                unbound: m.bound_lock.as_ref().is_some_and(|l| !l.active),
                event,
                date: date.to_string(),
                at: time::parse(date),
                waiting: waiting(event),
                issue,
            })
        })
        .collect()
}

fn step(event: Event) -> usize {
    Event::ALL.iter().position(|e| *e == event).unwrap_or(0)
}

/// Newest first; at the same instant the later step first; undated events last.
fn newest_first(a: &HistoryEvent, b: &HistoryEvent) -> Ordering {
    match (a.at, b.at) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| step(b.event).cmp(&step(a.event)))
    .then_with(|| natural_cmp(&b.membership_id, &a.membership_id))
}

/// Every event of the memberships, newest first.
pub fn history(memberships: &[Membership]) -> History {
    let mut out = History::default();
    for m in memberships {
        let events = events_of(m);
        if events.is_empty() {
            out.undated.push(LockName::of(m));
        }
        out.events.extend(events);
    }
    out.events.sort_by(newest_first);
    out
}

/// The kind filter's choices: one step of the lifecycle, or the steps still waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Step(Event),
    Waiting,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Step(Event::JoinStart),
        Kind::Step(Event::JoinCompleted),
        Kind::Step(Event::LeaveStart),
        Kind::Step(Event::LeaveCompleted),
        Kind::Waiting,
    ];

    /// The value in the URL (`kind=added`).
    pub fn param(self) -> &'static str {
        match self {
            Kind::Step(Event::JoinStart) => "added",
            Kind::Step(Event::JoinCompleted) => "joined",
            Kind::Step(Event::LeaveStart) => "removed",
            Kind::Step(Event::LeaveCompleted) => "left",
            Kind::Waiting => "waiting",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.param().eq_ignore_ascii_case(s.trim()))
    }

    /// The choice's words in the filter.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Step(Event::JoinStart) => "Added",
            Kind::Step(Event::JoinCompleted) => "Joined (lock synced)",
            Kind::Step(Event::LeaveStart) => "Removed",
            Kind::Step(Event::LeaveCompleted) => "Left (lock synced)",
            Kind::Waiting => "Waiting for the lock to sync",
        }
    }

    fn matches(self, e: &HistoryEvent) -> bool {
        match self {
            Kind::Step(step) => e.event == step,
            Kind::Waiting => e.waiting,
        }
    }
}

/// The History tab's list state, kept in the URL query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryQuery {
    /// `lock=ID`: only this lock's events.
    pub lock: Option<String>,
    /// `kind=added|joined|removed|left|waiting`.
    pub kind: Option<Kind>,
    /// `page=N`, 1-based.
    pub page: u64,
}

impl Default for HistoryQuery {
    fn default() -> Self {
        HistoryQuery {
            lock: None,
            kind: None,
            page: 1,
        }
    }
}

impl UrlState for HistoryQuery {
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        HistoryQuery {
            lock: get("lock").filter(|l| !l.is_empty()),
            kind: get("kind").and_then(|k| Kind::parse(&k)),
            page: page_param(&get),
        }
    }

    fn to_url_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lock) = &self.lock {
            parts.push(format!("lock={}", encode_component(lock)));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={}", kind.param()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        query_string(&parts)
    }
}

impl HistoryQuery {
    /// A changed filter starts again at page 1.
    pub fn with(&self, change: impl FnOnce(&mut HistoryQuery)) -> HistoryQuery {
        let mut next = self.clone();
        change(&mut next);
        if next.lock != self.lock || next.kind != self.kind {
            next.page = 1;
        }
        next
    }

    /// Whether the filters keep `e`.
    pub fn matches(&self, e: &HistoryEvent) -> bool {
        self.lock.as_ref().is_none_or(|l| *l == e.lock_id) && self.kind.is_none_or(|k| k.matches(e))
    }
}

/// One page of the filtered events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRows {
    pub events: Vec<HistoryEvent>,
    /// How many events match the filter, on every page.
    pub matching: usize,
    /// The page shown: the one asked for, or the last one when it asked past the end.
    pub page: u64,
    /// Whether a next page exists.
    pub more: bool,
}

/// The events of `q`'s page among those matching its filter.
pub fn page_of(events: &[HistoryEvent], q: &HistoryQuery) -> HistoryRows {
    let matching: Vec<&HistoryEvent> = events.iter().filter(|e| q.matches(e)).collect();
    let last = matching.len().div_ceil(PAGE_SIZE).max(1) as u64;
    let page = q.page.clamp(1, last);
    let start = (page as usize - 1) * PAGE_SIZE;
    HistoryRows {
        events: matching
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(|e| (*e).clone())
            .collect(),
        matching: matching.len(),
        page,
        more: page < last,
    }
}

/// One lock of the lock filter: its id and what its option says: the lock's name
/// ([`HistoryEvent::lock`], `named` as there), its id when another lock has the same
/// name, and whether it is unbound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockChoice {
    pub id: String,
    pub lock: String,
    pub named: bool,
    pub shared: bool,
    pub unbound: bool,
}

impl LockChoice {
    /// The option's words in English: "Lock 2 (#13) (unbound)".
    pub fn label(&self) -> String {
        let mut label = self.lock.clone();
        if self.shared {
            label.push_str(&format!(" (#{})", self.id));
        }
        if self.unbound {
            label.push_str(" (unbound)");
        }
        label
    }
}

/// The locks that appear in the history, each once, in natural order of their titles;
/// a title that several locks share carries the id, an unbound lock says so.
pub fn lock_choices(events: &[HistoryEvent]) -> Vec<LockChoice> {
    let mut locks: Vec<&HistoryEvent> = Vec::new();
    for e in events {
        if !locks.iter().any(|l| l.lock_id == e.lock_id) {
            locks.push(e);
        }
    }
    locks.sort_by(|a, b| {
        natural_cmp(&a.lock, &b.lock).then_with(|| natural_cmp(&a.lock_id, &b.lock_id))
    });
    locks
        .iter()
        .map(|e| LockChoice {
            id: e.lock_id.clone(),
            lock: e.lock.clone(),
            named: e.named,
            shared: locks.iter().filter(|o| o.lock == e.lock).count() > 1,
            unbound: e.unbound,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::TargetSummary;

    const T1: &str = "2026-11-01T10:00:00.000Z";
    const T2: &str = "2026-11-01T11:00:00.000Z";
    const T3: &str = "2026-11-02T10:00:00.000Z";
    const T4: &str = "2026-11-03T10:00:00.000Z";
    const DAY: i64 = 86_400_000;

    fn member(id: &str, lock: &str, title: Option<&str>, dates: [Option<&str>; 4]) -> Membership {
        Membership {
            bound_lock: title.map(|t| TargetSummary {
                active: true,
                rcl_serial_no: None,
                rcl_date: None,
                target_type: "Lock".into(),
                id: lock.into(),
                physical_lock_id: None,
                title: t.into(),
                description: None,
            }),
            lock_group: None,
            last_seen_rcl_serial_no: None,
            last_seen_rcl_update_date: None,
            id: id.into(),
            lock_group_id: "9".into(),
            bound_lock_id: lock.into(),
            join_start_date: dates[0].map(String::from),
            join_completed_date: dates[1].map(String::from),
            leave_start_date: dates[2].map(String::from),
            leave_completed_date: dates[3].map(String::from),
        }
    }

    fn sentence(e: &HistoryEvent) -> String {
        format!("{} {}", e.lock, verb(e.event))
    }

    #[test]
    fn a_whole_lifecycle_is_four_events_newest_first() {
        let m = member(
            "1",
            "5",
            Some("Main Entrance"),
            [Some(T1), Some(T2), Some(T3), Some(T4)],
        );
        let h = history(&[m]);
        let words: Vec<_> = h.events.iter().map(sentence).collect();
        assert_eq!(
            words,
            [
                "Main Entrance left, the lock synced",
                "Main Entrance removed",
                "Main Entrance joined, the lock synced",
                "Main Entrance added",
            ]
        );
        assert!(h.events.iter().all(|e| !e.waiting && e.issue.is_none()));
        assert!(h.undated.is_empty());
    }

    #[test]
    fn events_of_several_memberships_interleave_by_time() {
        let a = member("1", "5", Some("A"), [Some(T1), Some(T3), None, None]);
        let b = member("2", "6", Some("B"), [Some(T2), None, None, None]);
        let h = history(&[a, b]);
        let words: Vec<_> = h.events.iter().map(sentence).collect();
        assert_eq!(words, ["A joined, the lock synced", "B added", "A added"]);
        // Same instant: the later step first (a sync in the same millisecond).
        let c = member("3", "7", Some("C"), [Some(T1), Some(T1), None, None]);
        let h = history(&[c]);
        assert_eq!(h.events[0].event, Event::JoinCompleted);
    }

    #[test]
    fn pending_steps_say_how_long_they_have_waited() {
        let now = time::parse(T1).unwrap() + 3 * DAY;
        let joining = member("1", "5", Some("Lab"), [Some(T1), None, None, None]);
        let e = &events_of(&joining)[0];
        assert!(e.waiting);
        assert_eq!(
            e.waiting_text(now).as_deref(),
            Some("added 3 days ago, waiting for the lock to sync")
        );
        let leaving = member("2", "5", Some("Lab"), [Some(T1), Some(T2), Some(T1), None]);
        let h = events_of(&leaving);
        let waits: Vec<_> = h.iter().filter_map(|e| e.waiting_text(now)).collect();
        assert_eq!(waits, ["removed 3 days ago, waiting for the lock to sync"]);
        // Removed before it ever synced: the join no longer waits, the leave does.
        let removed = member("3", "5", Some("Lab"), [Some(T1), None, Some(T2), None]);
        let h = events_of(&removed);
        assert_eq!(
            h.iter().map(|e| (e.event, e.waiting)).collect::<Vec<_>>(),
            [(Event::JoinStart, false), (Event::LeaveStart, true)]
        );
        // Completed steps never wait.
        let done = member(
            "4",
            "5",
            Some("Lab"),
            [Some(T1), Some(T2), Some(T3), Some(T4)],
        );
        assert!(events_of(&done)
            .iter()
            .all(|e| e.waiting_text(now).is_none()));
    }

    #[test]
    fn odd_dates_are_listed_never_panic() {
        // Unreadable: listed after the dated events, its text kept, the issue attached.
        let bad = member(
            "1",
            "5",
            Some("Odd"),
            [Some(T1), Some("yesterday"), None, None],
        );
        let good = member("2", "6", Some("Fine"), [Some(T2), None, None, None]);
        let h = history(&[bad, good]);
        assert_eq!(h.events.len(), 3);
        let last = h.events.last().unwrap();
        assert_eq!((last.at, last.date.as_str()), (None, "yesterday"));
        assert_eq!(last.issue, Some(Issue::Unreadable(Event::JoinCompleted)));
        let waiting = member("3", "5", Some("Odd"), [Some("soon"), None, None, None]);
        assert_eq!(
            events_of(&waiting)[0].waiting_text(0).as_deref(),
            Some("added at a time that cannot be read, waiting for the lock to sync")
        );
        // Missing join start: the later events stand, flagged.
        let m = member("4", "5", None, [None, Some(T2), None, None]);
        let e = events_of(&m);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].lock, "Lock 5");
        assert!(!e[0].named);
        assert_eq!(e[0].issue, Some(Issue::MissingJoinStart));
        // Out of order: kept where its date puts it, flagged.
        let m = member("5", "5", Some("X"), [Some(T3), Some(T1), None, None]);
        assert!(events_of(&m)
            .iter()
            .all(|e| e.issue == Some(Issue::OutOfOrder(Event::JoinCompleted))));
        // No date at all: no event, the lock named apart.
        let none = member("6", "8", Some("Blank"), [None; 4]);
        let h = history(&[none]);
        assert!(h.events.is_empty());
        assert_eq!(
            h.undated,
            [LockName {
                id: "8".into(),
                title: Some("Blank".into())
            }]
        );
        assert_eq!(history(&[]), History::default());
    }

    #[test]
    fn filters_by_lock_and_kind_and_pages() {
        let mut ms = Vec::new();
        for i in 0..30 {
            // Lock 1 has 30 memberships added then synced; lock 2 one pending join.
            let day = format!("2026-10-{:02}T10:00:00.000Z", i % 28 + 1);
            ms.push(member(
                &i.to_string(),
                "1",
                Some("Door"),
                [Some(day.as_str()), Some(day.as_str()), None, None],
            ));
        }
        ms.push(member(
            "99",
            "2",
            Some("Gate"),
            [Some(T4), None, None, None],
        ));
        let events = history(&ms).events;
        assert_eq!(events.len(), 61);

        let all = page_of(&events, &HistoryQuery::default());
        assert_eq!((all.matching, all.page, all.more), (61, 1, true));
        assert_eq!(all.events.len(), PAGE_SIZE);
        assert_eq!(all.events[0].lock, "Gate");

        let last = page_of(
            &events,
            &HistoryQuery {
                page: 4,
                ..Default::default()
            },
        );
        assert_eq!((last.events.len(), last.page, last.more), (1, 4, false));
        // Past the end: the last page.
        let past = page_of(
            &events,
            &HistoryQuery {
                page: 40,
                ..Default::default()
            },
        );
        assert_eq!(past.page, 4);

        let gate = HistoryQuery {
            lock: Some("2".into()),
            ..Default::default()
        };
        assert_eq!(page_of(&events, &gate).matching, 1);
        let added = HistoryQuery {
            kind: Some(Kind::Step(Event::JoinStart)),
            ..Default::default()
        };
        assert_eq!(page_of(&events, &added).matching, 31);
        let waiting = HistoryQuery {
            kind: Some(Kind::Waiting),
            ..Default::default()
        };
        let w = page_of(&events, &waiting);
        assert_eq!((w.matching, w.events[0].lock.as_str()), (1, "Gate"));
        let both = HistoryQuery {
            lock: Some("1".into()),
            kind: Some(Kind::Waiting),
            page: 1,
        };
        let none = page_of(&events, &both);
        assert_eq!((none.matching, none.page, none.more), (0, 1, false));
    }

    #[test]
    fn the_list_state_lives_in_the_url() {
        let get = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let q = HistoryQuery::from_params(get(&[]));
        assert_eq!(q, HistoryQuery::default());
        assert_eq!(q.to_url_query(), "");

        let q = HistoryQuery::from_params(get(&[("lock", "a b"), ("kind", "left"), ("page", "2")]));
        assert_eq!(q.lock.as_deref(), Some("a b"));
        assert_eq!(q.kind, Some(Kind::Step(Event::LeaveCompleted)));
        assert_eq!(q.to_url_query(), "?lock=a%20b&kind=left&page=2");
        // A changed filter goes back to page 1; paging keeps the filter.
        assert_eq!(q.with(|q| q.kind = None).page, 1);
        assert_eq!(
            q.with(|q| q.page = 3).to_url_query(),
            "?lock=a%20b&kind=left&page=3"
        );

        let bad =
            HistoryQuery::from_params(get(&[("lock", ""), ("kind", "exploded"), ("page", "x")]));
        assert_eq!(bad, HistoryQuery::default());
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.param()), Some(k));
            assert!(!k.label().is_empty());
        }
        assert_eq!(Kind::parse("WAITING"), Some(Kind::Waiting));
    }

    #[test]
    fn each_lock_is_offered_once_in_natural_order() {
        let mut unbound = member("3", "13", Some("Lock 2"), [Some(T1), None, None, None]);
        if let Some(l) = unbound.bound_lock.as_mut() {
            l.active = false;
        }
        let ms = [
            member("1", "10", Some("Lock 10"), [Some(T1), Some(T2), None, None]),
            member("2", "2", Some("Lock 2"), [Some(T1), None, None, None]),
            unbound,
            member("4", "7", None, [Some(T3), None, None, None]),
        ];
        let choices = lock_choices(&history(&ms).events);
        let labels: Vec<_> = choices.iter().map(LockChoice::label).collect();
        assert_eq!(
            labels,
            ["Lock 2 (#2)", "Lock 2 (#13) (unbound)", "Lock 7", "Lock 10"]
        );
        assert_eq!(choices[3].id, "10");
    }
}
