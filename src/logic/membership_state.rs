//! A membership's place in its join/leave lifecycle, and the Members tab's list state
//! (filter, toggles, page) as URL query and OData filter.
//!
//! The state itself, its precedence, its words and "current member" live in
//! [`wire::domain`], shared with the sandbox. This module adds what only the console
//! needs: combinations the lifecycle cannot produce (a leave completed that never started,
//! dates out of order, unreadable dates, no dates at all) keep their state and carry an
//! [`Issue`], so they are shown as inconsistent, never hidden.

use wire::{DateField, MembershipState, Statistics};

use super::odata::{and_all, contains, encode_component, string_literal};
use super::time;
use super::url_state::{page_param, query_string, UrlState};

/// The four dates of a membership, as the API sends them.
pub use wire::MembershipDates as Dates;

/// One of the four recorded events of a membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    JoinStart,
    JoinCompleted,
    LeaveStart,
    LeaveCompleted,
}

impl Event {
    fn field(self) -> DateField {
        match self {
            Event::JoinStart => DateField::JoinStart,
            Event::JoinCompleted => DateField::JoinCompleted,
            Event::LeaveStart => DateField::LeaveStart,
            Event::LeaveCompleted => DateField::LeaveCompleted,
        }
    }

    /// The four events, in lifecycle order.
    pub const ALL: [Event; 4] = [
        Event::JoinStart,
        Event::JoinCompleted,
        Event::LeaveStart,
        Event::LeaveCompleted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Event::JoinStart => "Added",
            Event::JoinCompleted => "Active (lock synced)",
            Event::LeaveStart => "Removed",
            Event::LeaveCompleted => "Left (lock synced)",
        }
    }
}

/// Why a combination of dates is not one the lifecycle produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// No date is set at all.
    NoDates,
    /// A later event is recorded, but not the join's start.
    MissingJoinStart,
    /// The leave completed, but its start is not recorded.
    MissingLeaveStart,
    /// A date the console cannot read.
    Unreadable(Event),
    /// This event is dated before the one it follows.
    OutOfOrder(Event),
}

impl Issue {
    pub fn describe(self) -> String {
        match self {
            Issue::NoDates => "no lifecycle dates are recorded".into(),
            Issue::MissingJoinStart => "later dates are set but the join start is missing".into(),
            Issue::MissingLeaveStart => "the leave completed but its start is missing".into(),
            Issue::Unreadable(e) => format!("the date of \"{}\" cannot be read", e.label()),
            Issue::OutOfOrder(e) => {
                format!("\"{}\" is dated before the step it follows", e.label())
            }
        }
    }
}

/// A membership's derived state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    pub state: MembershipState,
    /// Set when the dates are not a combination the lifecycle produces.
    pub issue: Option<Issue>,
}

impl Derived {
    pub fn is_pending(&self) -> bool {
        self.state.is_pending()
    }
}

/// The state of a membership from its dates ([`Dates::state`]) and what, if anything,
/// is inconsistent about them. Total: every combination has an answer.
pub fn derive(d: Dates) -> Derived {
    Derived {
        state: d.state(),
        issue: issue_of(d),
    }
}

fn issue_of(d: Dates) -> Option<Issue> {
    let all = Event::ALL.map(|e| (e, d.get(e.field())));
    if all.iter().all(|(_, v)| v.is_none()) {
        return Some(Issue::NoDates);
    }
    if d.join_start.is_none() {
        return Some(Issue::MissingJoinStart);
    }
    if d.leave_completed.is_some() && d.leave_start.is_none() {
        return Some(Issue::MissingLeaveStart);
    }
    let mut parsed = [None; 4];
    for (i, (event, value)) in all.iter().enumerate() {
        if let Some(v) = value {
            match time::parse(v) {
                Some(t) => parsed[i] = Some(t),
                None => return Some(Issue::Unreadable(*event)),
            }
        }
    }
    // Each event must not precede the latest earlier event that is recorded.
    let mut latest: Option<i64> = None;
    for (i, (event, _)) in all.iter().enumerate() {
        if let Some(t) = parsed[i] {
            if latest.is_some_and(|l| t < l) {
                return Some(Issue::OutOfOrder(*event));
            }
            latest = Some(latest.map_or(t, |l| l.max(t)));
        }
    }
    None
}

/// The short word for a state ([`MembershipState::label`]: Joining, Active, Leaving,
/// Left), the one vocabulary of the console.
pub fn label(state: MembershipState) -> &'static str {
    state.label()
}

/// The symbol for a state ([`MembershipState::icon`]).
pub fn icon(state: MembershipState) -> &'static str {
    state.icon()
}

/// Reads a state name from a URL or the API ([`MembershipState::parse`]).
pub fn parse_state(s: &str) -> Option<MembershipState> {
    MembershipState::parse(s)
}

/// The OData `$filter` that selects memberships in `state` ([`wire::domain::state_filter`]:
/// the same precedence as [`derive`], the API's statistics and the sandbox's SQL).
pub fn state_filter(state: MembershipState) -> String {
    wire::domain::state_filter(state)
}

/// Whether the lock has not yet seen the group's latest change: the membership's
/// `lastSeenRclSerialNo` is behind (or missing while) the group's `rclSerialNo`.
pub fn behind(last_seen: Option<i64>, group_serial: Option<i64>) -> bool {
    match (last_seen, group_serial) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(seen), Some(latest)) => seen < latest,
    }
}

/// The steps of the lifecycle a membership has taken, in order, with their dates:
/// what the diagram highlights as "the path it took".
pub fn path<'a>(d: Dates<'a>) -> Vec<(Event, Option<&'a str>)> {
    let mut steps = Vec::with_capacity(4);
    if d.join_start.is_some() || d.join_completed.is_some() {
        steps.push((Event::JoinStart, d.join_start));
    }
    if let Some(v) = d.join_completed {
        steps.push((Event::JoinCompleted, Some(v)));
    }
    if d.leave_start.is_some() || d.leave_completed.is_some() {
        steps.push((Event::LeaveStart, d.leave_start));
    }
    if let Some(v) = d.leave_completed {
        steps.push((Event::LeaveCompleted, Some(v)));
    }
    steps
}

/// What the "Removed from account" tag of a membership means, with the API's term.
pub const REMOVED_HINT: &str =
    "The lock was taken out of this owner account (unbound); the membership is kept as history.";

/// Rows per page in the Members tab.
pub const PAGE_SIZE: u64 = 20;
/// How many locks a title search may match (each becomes a clause of the filter).
pub const LOCK_SEARCH_LIMIT: u64 = 50;

/// The Members tab's list state, kept in the URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MembersQuery {
    /// `state=Joined`: only this state.
    pub state: Option<MembershipState>,
    /// `state=waiting`: the memberships whose lock has not synced their latest step
    /// (Joining or Leaving). Excludes `state`: setting one clears the other ([`Self::with`]).
    pub waiting: bool,
    /// `past=1`: also show Unjoined memberships when no state is chosen.
    pub past: bool,
    /// `unbound=1`: include memberships of unbound locks (`includeUnboundLocks`).
    pub unbound: bool,
    /// `q=…`: only locks whose title contains this.
    pub search: String,
    /// `page=N`, 1-based.
    pub page: u64,
}

impl UrlState for MembersQuery {
    /// Reads `state` (a state's name or `waiting`), `past`, `unbound`, `q`, `page`.
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let flag = |k: &str| get(k).is_some_and(|v| v == "1" || v == "true");
        let state = get("state");
        let waiting = state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(WAITING));
        MembersQuery {
            state: state.filter(|_| !waiting).and_then(|s| parse_state(&s)),
            waiting,
            past: flag("past"),
            unbound: flag("unbound"),
            search: get("q").unwrap_or_default(),
            page: page_param(&get),
        }
    }

    fn to_url_query(&self) -> String {
        let mut parts = Vec::new();
        if self.waiting {
            parts.push(format!("state={WAITING}"));
        } else if let Some(s) = self.state {
            parts.push(format!("state={}", s.as_str()));
        }
        if self.past {
            parts.push("past=1".into());
        }
        if self.unbound {
            parts.push("unbound=1".into());
        }
        if !self.search.trim().is_empty() {
            parts.push(format!("q={}", encode_component(self.search.trim())));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        query_string(&parts)
    }
}

impl MembersQuery {
    /// The bound locks' `$filter` for the title search (`None`: no search). The API cannot
    /// filter memberships by their lock's title, so the search finds the locks first.
    pub fn lock_filter(&self) -> Option<String> {
        let text = self.search.trim();
        (!text.is_empty()).then(|| contains("title", text))
    }

    /// The memberships `$filter`, given the ids of the locks a title search found (`None`:
    /// no search). An empty list matches nothing and is not sent.
    pub fn filter_for(&self, locks: Option<&[String]>) -> Option<String> {
        let by_lock = locks.map(|ids| {
            ids.iter()
                .map(|id| format!("boundLockId eq {}", string_literal(id)))
                .collect::<Vec<_>>()
                .join(" or ")
        });
        and_all(
            self.odata_filter()
                .into_iter()
                .chain(by_lock)
                .collect::<Vec<_>>(),
        )
    }

    /// The server-side `$filter` of the state choice.
    pub fn odata_filter(&self) -> Option<String> {
        if self.waiting {
            return Some(waiting_filter());
        }
        match self.state {
            Some(s) => Some(state_filter(s)),
            None if self.past => None,
            None => Some(wire::domain::current_filter()),
        }
    }

    /// `$skip` of the current page.
    pub fn skip(&self) -> u64 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }

    /// A changed filter starts again at page 1. Choosing a state leaves "waiting", and
    /// choosing "waiting" leaves the state.
    pub fn with(&self, change: impl FnOnce(&mut MembersQuery)) -> MembersQuery {
        let mut next = self.clone();
        change(&mut next);
        if next.waiting && !self.waiting {
            next.state = None;
        } else if next.state.is_some() && next.state != self.state {
            next.waiting = false;
        }
        if next.state != self.state
            || next.waiting != self.waiting
            || next.past != self.past
            || next.unbound != self.unbound
            || next.search != self.search
        {
            next.page = 1;
        }
        next
    }
}

/// `state=waiting` in the Members tab's URL.
pub const WAITING: &str = "waiting";

/// The states whose latest step the lock has not synced yet.
const WAITING_STATES: [MembershipState; 2] =
    [MembershipState::JoinPending, MembershipState::UnjoinPending];

/// The OData `$filter` of the memberships waiting for their lock to sync: Joining or
/// Leaving ([`state_filter`] of each).
pub fn waiting_filter() -> String {
    WAITING_STATES
        .map(|s| format!("({})", state_filter(s)))
        .join(" or ")
}

/// How many of the group's locks have not synced its latest change, from its statistics.
pub fn waiting_count(stats: &Statistics) -> u64 {
    WAITING_STATES.iter().map(|&s| stats.count(s)).sum()
}

/// Which memberships a view of the Members tab lists: the current ones (Joining, Active,
/// Leaving), one state, those waiting for sync, or all. The view names it in the language
/// shown (`locales/*.json`, `members.filter.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Current,
    State(MembershipState),
    Waiting,
    All,
}

/// One choice of the Members tab's state filter: Current · Joining · Active · Leaving ·
/// Waiting for sync · Left · All (the one control for states, the old "past members"
/// box included: `past=1` is All).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChoice {
    /// What it lists (its word and hint are the view's).
    pub which: Which,
    /// How many memberships the choice lists (the group's statistics), once known.
    pub count: Option<u64>,
    /// Whether it is the choice shown now.
    pub selected: bool,
    /// The list state the choice leads to (page 1, the search and the unbound box kept).
    pub query: MembersQuery,
}

/// The state filter's choices for the list state `q`, counted from the group's `stats`.
pub fn state_choices(q: &MembersQuery, stats: Option<&Statistics>) -> Vec<StateChoice> {
    let to = |state: Option<MembershipState>, waiting: bool, past: bool| {
        q.with(|n| {
            n.state = state;
            n.waiting = waiting;
            n.past = past && state.is_none() && !waiting;
        })
    };
    let by_state = |s: MembershipState| StateChoice {
        which: Which::State(s),
        count: stats.map(|st| st.count(s)),
        selected: !q.waiting && q.state == Some(s),
        query: to(Some(s), false, false),
    };
    let none = q.state.is_none() && !q.waiting;
    let current = StateChoice {
        which: Which::Current,
        count: stats.map(Statistics::current),
        selected: none && !q.past,
        query: to(None, false, false),
    };
    let waiting = StateChoice {
        which: Which::Waiting,
        count: stats.map(waiting_count),
        selected: q.waiting,
        query: to(None, true, false),
    };
    let all = StateChoice {
        which: Which::All,
        count: stats.map(|st| MembershipState::ALL.iter().map(|&s| st.count(s)).sum()),
        selected: none && q.past,
        query: to(None, false, true),
    };
    use MembershipState::*;
    vec![
        current,
        by_state(JoinPending),
        by_state(Joined),
        by_state(UnjoinPending),
        waiting,
        by_state(Unjoined),
        all,
    ]
}

/// What an empty Members page says, from its list state and the group's statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmptyMembers {
    /// The group has no memberships at all: "No locks yet", and how to add some.
    NoLocks,
    /// No filter is set but every lock has left: the way to see them.
    OnlyLeft(u64),
    /// A filter hides every row: which one (the memberships it lists, the search if
    /// any, trimmed), and "Clear filters".
    Filtered { which: Which, search: String },
}

impl MembersQuery {
    /// Whether the admin narrowed the list (a state other than Current, a search, a page).
    pub fn is_filtered(&self) -> bool {
        self.state.is_some() || self.waiting || self.past || !self.search.trim().is_empty()
    }

    /// The same view without its filters (the unbound box and the page reset too).
    pub fn cleared(&self) -> MembersQuery {
        MembersQuery {
            page: 1,
            ..MembersQuery::default()
        }
    }
}

/// What to say when the page `q` lists nothing. A group without any membership says so
/// whatever the filter; otherwise the filter that hides the rows is named.
pub fn empty_members(q: &MembersQuery, stats: Option<&Statistics>) -> EmptyMembers {
    let total: Option<u64> =
        stats.map(|st| MembershipState::ALL.iter().map(|&s| st.count(s)).sum());
    let left = stats.map_or(0, |st| st.count(MembershipState::Unjoined));
    if total == Some(0) {
        return EmptyMembers::NoLocks;
    }
    if !q.is_filtered() {
        return match total {
            Some(t) if t == left => EmptyMembers::OnlyLeft(left),
            _ => EmptyMembers::NoLocks,
        };
    }
    let which = if q.waiting {
        Which::Waiting
    } else if let Some(s) = q.state {
        Which::State(s)
    } else if q.past {
        Which::All
    } else {
        Which::Current
    };
    EmptyMembers::Filtered {
        which,
        search: q.search.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MembershipState::*;

    const A: &str = "2020-03-03T15:00:00.000Z";
    const B: &str = "2020-03-03T16:00:00.000Z";
    const C: &str = "2020-03-04T10:00:00.000Z";
    const D: &str = "2020-03-05T10:00:00.000Z";

    fn dates<'a>(js: bool, jc: bool, ls: bool, lc: bool) -> Dates<'a> {
        Dates {
            join_start: js.then_some(A),
            join_completed: jc.then_some(B),
            leave_start: ls.then_some(C),
            leave_completed: lc.then_some(D),
        }
    }

    #[test]
    fn every_combination_of_present_dates() {
        // (js, jc, ls, lc) -> (state, issue)
        type Case = ((bool, bool, bool, bool), MembershipState, Option<Issue>);
        let expected: [Case; 16] = [
            (
                (false, false, false, false),
                JoinPending,
                Some(Issue::NoDates),
            ),
            ((true, false, false, false), JoinPending, None),
            ((true, true, false, false), Joined, None),
            ((true, true, true, false), UnjoinPending, None),
            ((true, true, true, true), Unjoined, None),
            // Removed before the lock ever synced: a real path, not an inconsistency.
            ((true, false, true, false), UnjoinPending, None),
            ((true, false, true, true), Unjoined, None),
            // A leave completed without its start.
            (
                (true, false, false, true),
                Unjoined,
                Some(Issue::MissingLeaveStart),
            ),
            (
                (true, true, false, true),
                Unjoined,
                Some(Issue::MissingLeaveStart),
            ),
            // Later dates without the join start.
            (
                (false, true, false, false),
                Joined,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, false, true, false),
                UnjoinPending,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, false, false, true),
                Unjoined,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, true, true, false),
                UnjoinPending,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, true, false, true),
                Unjoined,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, false, true, true),
                Unjoined,
                Some(Issue::MissingJoinStart),
            ),
            (
                (false, true, true, true),
                Unjoined,
                Some(Issue::MissingJoinStart),
            ),
        ];
        for ((js, jc, ls, lc), state, issue) in expected {
            let d = derive(dates(js, jc, ls, lc));
            assert_eq!(d.state, state, "{:?}", (js, jc, ls, lc));
            assert_eq!(d.issue, issue, "{:?}", (js, jc, ls, lc));
        }
    }

    #[test]
    fn dates_out_of_order_are_inconsistent() {
        let d = Dates {
            join_start: Some(B),
            join_completed: Some(A),
            ..Default::default()
        };
        assert_eq!(
            derive(d),
            Derived {
                state: Joined,
                issue: Some(Issue::OutOfOrder(Event::JoinCompleted))
            }
        );
        // Removed before it was added (no join completion in between).
        let d = Dates {
            join_start: Some(C),
            leave_start: Some(B),
            ..Default::default()
        };
        assert_eq!(derive(d).issue, Some(Issue::OutOfOrder(Event::LeaveStart)));
        let d = Dates {
            join_start: Some(A),
            join_completed: Some(B),
            leave_start: Some(D),
            leave_completed: Some(C),
        };
        assert_eq!(derive(d).state, Unjoined);
        assert_eq!(
            derive(d).issue,
            Some(Issue::OutOfOrder(Event::LeaveCompleted))
        );
        // Equal times are fine (a sync in the same millisecond).
        let d = Dates {
            join_start: Some(A),
            join_completed: Some(A),
            ..Default::default()
        };
        assert_eq!(derive(d).issue, None);
    }

    #[test]
    fn unreadable_dates_are_inconsistent_not_panics() {
        let d = Dates {
            join_start: Some(A),
            join_completed: Some("yesterday"),
            ..Default::default()
        };
        assert_eq!(derive(d).state, Joined);
        assert_eq!(
            derive(d).issue,
            Some(Issue::Unreadable(Event::JoinCompleted))
        );
        assert!(derive(d)
            .issue
            .unwrap()
            .describe()
            .contains("cannot be read"));
        for issue in [
            Issue::NoDates,
            Issue::MissingJoinStart,
            Issue::MissingLeaveStart,
            Issue::OutOfOrder(Event::LeaveStart),
        ] {
            assert!(!issue.describe().is_empty());
        }
    }

    #[test]
    fn pending_states() {
        assert!(derive(dates(true, false, false, false)).is_pending());
        assert!(derive(dates(true, true, true, false)).is_pending());
        assert!(!derive(dates(true, true, false, false)).is_pending());
        assert!(!derive(dates(true, true, true, true)).is_pending());
    }

    #[test]
    fn words_come_from_the_shared_vocabulary() {
        let words: Vec<_> = MembershipState::ALL.iter().map(|s| label(*s)).collect();
        assert_eq!(words, ["Joining", "Active", "Leaving", "Left"]);
        assert_eq!(
            JoinPending.explain(),
            "Added to the group; active once the lock syncs"
        );
        assert_eq!(parse_state("joined"), Some(Joined));
        assert_eq!(parse_state("Unknown"), None);
        assert_eq!(parse_state(""), None);
    }

    #[test]
    fn each_state_filter_selects_exactly_the_memberships_derive_puts_in_that_state() {
        // A tiny evaluator for the filters' grammar (`field eq|ne null` joined by `and`),
        // run against every combination of dates: the filter and `derive` must agree.
        fn matches(filter: &str, d: Dates) -> bool {
            filter.split(" and ").all(|clause| {
                let parts: Vec<&str> = clause.split(' ').collect();
                let [field, op, "null"] = parts[..] else {
                    panic!("unexpected clause {clause:?}")
                };
                let value = match field {
                    "joinStartDate" => d.join_start,
                    "joinCompletedDate" => d.join_completed,
                    "leaveStartDate" => d.leave_start,
                    "leaveCompletedDate" => d.leave_completed,
                    _ => panic!("unexpected field {field:?}"),
                };
                match op {
                    "eq" => value.is_none(),
                    "ne" => value.is_some(),
                    _ => panic!("unexpected operator {op:?}"),
                }
            })
        }
        let current = MembersQuery::default().odata_filter().unwrap();
        for bits in 0u8..16 {
            let d = dates(bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
            let state = derive(d).state;
            for s in MembershipState::ALL {
                assert_eq!(matches(&state_filter(s), d), s == state, "{s:?} {d:?}");
            }
            assert_eq!(matches(&current, d), state != Unjoined, "{d:?}");
        }
    }

    #[test]
    fn a_title_search_lives_in_the_url_and_filters_by_lock() {
        let q = MembersQuery::from_params(|k| match k {
            "q" => Some("Room A".into()),
            "state" => Some("Joined".into()),
            _ => None,
        });
        assert_eq!(q.to_url_query(), "?state=Joined&q=Room%20A");
        assert_eq!(q.lock_filter().as_deref(), Some("contains(title,'Room A')"));
        let f = q.filter_for(Some(&["3".into(), "4".into()])).unwrap();
        assert!(
            f.ends_with("and (boundLockId eq '3' or boundLockId eq '4')"),
            "{f}"
        );
        assert_eq!(MembersQuery::default().lock_filter(), None);
        let paged = MembersQuery {
            page: 3,
            ..q.clone()
        };
        assert_eq!(paged.with(|q| q.search = "Lab".into()).page, 1);
    }

    #[test]
    fn behind_the_group() {
        assert!(behind(None, Some(3)));
        assert!(behind(Some(2), Some(3)));
        assert!(!behind(Some(3), Some(3)));
        assert!(!behind(Some(4), Some(3)));
        assert!(!behind(None, None));
        assert!(!behind(Some(1), None));
    }

    #[test]
    fn path_lists_the_steps_taken() {
        let p = path(dates(true, true, true, false));
        assert_eq!(
            p,
            vec![
                (Event::JoinStart, Some(A)),
                (Event::JoinCompleted, Some(B)),
                (Event::LeaveStart, Some(C)),
            ]
        );
        let p = path(dates(true, false, true, true));
        assert_eq!(
            p.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![Event::JoinStart, Event::LeaveStart, Event::LeaveCompleted]
        );
        // A missing start still shows the step, without a date.
        assert_eq!(
            path(dates(false, true, false, false))[0],
            (Event::JoinStart, None)
        );
        assert!(path(dates(false, false, false, false)).is_empty());
    }

    #[test]
    fn members_query_round_trips_through_the_url() {
        let get = |q: &'static [(&'static str, &'static str)]| {
            move |k: &str| q.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        let q = MembersQuery::from_params(get(&[]));
        assert_eq!(
            q,
            MembersQuery {
                page: 1,
                ..Default::default()
            }
        );
        assert_eq!(q.to_url_query(), "");
        assert_eq!(
            q.odata_filter().as_deref(),
            Some("leaveCompletedDate eq null")
        );
        assert_eq!(q.skip(), 0);

        let q = MembersQuery::from_params(get(&[
            ("state", "UnjoinPending"),
            ("past", "1"),
            ("unbound", "true"),
            ("page", "3"),
        ]));
        assert_eq!(q.state, Some(UnjoinPending));
        assert!(q.past && q.unbound);
        assert_eq!(q.skip(), 2 * PAGE_SIZE);
        assert_eq!(
            q.to_url_query(),
            "?state=UnjoinPending&past=1&unbound=1&page=3"
        );
        assert_eq!(q.odata_filter(), Some(state_filter(UnjoinPending)));

        let past = MembersQuery {
            past: true,
            page: 1,
            ..Default::default()
        };
        assert_eq!(past.odata_filter(), None);

        let bad = MembersQuery::from_params(get(&[("state", "x"), ("page", "0")]));
        assert_eq!(
            bad,
            MembersQuery {
                page: 1,
                ..Default::default()
            }
        );
        let bad = MembersQuery::from_params(get(&[("page", "-2")]));
        assert_eq!(bad.page, 1);
    }

    #[test]
    fn changing_a_filter_goes_back_to_page_one() {
        let q = MembersQuery {
            page: 4,
            ..Default::default()
        };
        assert_eq!(q.with(|q| q.page = 5).page, 5);
        assert_eq!(q.with(|q| q.unbound = true).page, 1);
        assert_eq!(q.with(|q| q.state = Some(Joined)).page, 1);
    }

    fn stats() -> Statistics {
        Statistics {
            by_state: [
                (Joined, 5),
                (JoinPending, 2),
                (UnjoinPending, 1),
                (Unjoined, 9),
            ]
            .map(|(state, count)| wire::StateCount { state, count })
            .to_vec(),
        }
    }

    #[test]
    fn the_state_filter_is_one_control_from_current_to_all() {
        let stats = stats();
        let q = MembersQuery {
            state: Some(UnjoinPending),
            search: "Room".into(),
            page: 3,
            ..Default::default()
        };
        let choices = state_choices(&q, Some(&stats));
        let shown: Vec<_> = choices
            .iter()
            .map(|c| (c.which, c.count, c.selected))
            .collect();
        assert_eq!(
            shown,
            [
                (Which::Current, Some(8), false),
                (Which::State(JoinPending), Some(2), false),
                (Which::State(Joined), Some(5), false),
                (Which::State(UnjoinPending), Some(1), true),
                (Which::Waiting, Some(3), false),
                (Which::State(Unjoined), Some(9), false),
                (Which::All, Some(17), false),
            ]
        );
        let url = |i: usize| choices[i].query.to_url_query();
        assert_eq!(
            url(4),
            "?state=waiting&q=Room",
            "waiting replaces the state"
        );
        // Each leads to its state on page 1, the search kept.
        assert_eq!(url(1), "?state=JoinPending&q=Room");
        assert_eq!(url(0), "?q=Room");
        // All is the old "show past members" (`past=1`, still read from old links).
        assert_eq!(url(6), "?past=1&q=Room");
        let all = MembersQuery::from_params(|k| (k == "past").then(|| "1".to_string()));
        let choices = state_choices(&all, Some(&stats));
        assert!(choices[6].selected && !choices[0].selected);
        assert_eq!(all.odata_filter(), None);
        // Choosing a state leaves All.
        assert_eq!(choices[5].query.to_url_query(), "?state=Unjoined");
        // Before the statistics arrive: the words alone.
        assert!(state_choices(&all, None).iter().all(|c| c.count.is_none()));
    }

    #[test]
    fn an_empty_page_says_which_filter_hides_the_rows() {
        let stats = stats();
        let none = Statistics { by_state: vec![] };
        let q = MembersQuery::default();
        assert_eq!(empty_members(&q, Some(&none)), EmptyMembers::NoLocks);
        let leaving = MembersQuery {
            state: Some(UnjoinPending),
            search: " abc ".into(),
            ..Default::default()
        };
        assert_eq!(empty_members(&leaving, Some(&none)), EmptyMembers::NoLocks);
        assert_eq!(
            empty_members(&leaving, Some(&stats)),
            EmptyMembers::Filtered {
                which: Which::State(UnjoinPending),
                search: "abc".into()
            }
        );
        let waiting = MembersQuery {
            waiting: true,
            ..Default::default()
        };
        assert_eq!(
            empty_members(&waiting, Some(&stats)),
            EmptyMembers::Filtered {
                which: Which::Waiting,
                search: String::new()
            }
        );
        let search = MembersQuery {
            search: "x".into(),
            ..Default::default()
        };
        assert_eq!(
            empty_members(&search, Some(&stats)),
            EmptyMembers::Filtered {
                which: Which::Current,
                search: "x".into()
            }
        );
        assert!(search.is_filtered() && !q.is_filtered());
        assert_eq!(
            search.cleared(),
            MembersQuery {
                page: 1,
                ..q.clone()
            }
        );
        let only_left = Statistics {
            by_state: vec![wire::StateCount {
                state: Unjoined,
                count: 4,
            }],
        };
        assert_eq!(
            empty_members(&q, Some(&only_left)),
            EmptyMembers::OnlyLeft(4)
        );
    }

    #[test]
    fn waiting_for_sync_is_a_choice_of_its_own_in_the_url() {
        let q = MembersQuery::from_params(|k| match k {
            "state" => Some("waiting".into()),
            "page" => Some("2".into()),
            _ => None,
        });
        assert!(q.waiting);
        assert_eq!(q.state, None);
        assert_eq!(q.to_url_query(), "?state=waiting&page=2");
        assert_eq!(q.odata_filter(), Some(waiting_filter()));
        assert_eq!(
            waiting_filter(),
            format!(
                "({}) or ({})",
                state_filter(JoinPending),
                state_filter(UnjoinPending)
            )
        );
        // Choosing a state leaves "waiting" (page 1), choosing All leaves both.
        let joined = q.with(|n| n.state = Some(Joined));
        assert_eq!((joined.waiting, joined.page), (false, 1));
        assert_eq!(joined.to_url_query(), "?state=Joined");
        let choices = state_choices(&q, None);
        let selected: Vec<_> = choices
            .iter()
            .filter(|c| c.selected)
            .map(|c| c.which)
            .collect();
        assert_eq!(selected, [Which::Waiting]);
        assert_eq!(choices[0].query.to_url_query(), "");
        assert_eq!(choices[2].query.to_url_query(), "?state=Joined");
        // And back: choosing waiting from a state clears the state.
        assert_eq!(
            joined.with(|n| n.waiting = true).to_url_query(),
            "?state=waiting"
        );
        // Its count is the group's Joining plus Leaving.
        let stats = Statistics {
            by_state: [(JoinPending, 2), (Joined, 4), (UnjoinPending, 1)]
                .map(|(state, count)| wire::StateCount { state, count })
                .to_vec(),
        };
        assert_eq!(waiting_count(&stats), 3);
        assert_eq!(waiting_count(&Statistics { by_state: vec![] }), 0);
    }

    #[test]
    fn the_waiting_filter_selects_exactly_the_pending_memberships() {
        // The same tiny evaluator as above, with `or` between parenthesised groups.
        fn clause(c: &str, d: Dates) -> bool {
            let parts: Vec<&str> = c.split(' ').collect();
            let [field, op, "null"] = parts[..] else {
                panic!("unexpected clause {c:?}")
            };
            let value = match field {
                "joinStartDate" => d.join_start,
                "joinCompletedDate" => d.join_completed,
                "leaveStartDate" => d.leave_start,
                "leaveCompletedDate" => d.leave_completed,
                _ => panic!("unexpected field {field:?}"),
            };
            (op == "eq") == value.is_none()
        }
        let filter = waiting_filter();
        for bits in 0u8..16 {
            let d = dates(bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
            let matched = filter.split(" or ").any(|group| {
                group
                    .trim_matches(|c| c == '(' || c == ')')
                    .split(" and ")
                    .all(|c| clause(c, d))
            });
            assert_eq!(matched, derive(d).is_pending(), "{d:?}");
        }
    }

    /// A text of `locales/{lang}.json` with its values filled in, as the view shows it.
    fn say(lang: &str, key: &str, values: &[(&str, &str)]) -> String {
        let file = match lang {
            "en" => include_str!("../../locales/en.json"),
            _ => include_str!("../../locales/de.json"),
        };
        let tree: serde_json::Value = serde_json::from_str(file).unwrap();
        let mut text = key
            .split('.')
            .fold(&tree, |t, k| &t[k])
            .as_str()
            .unwrap_or_else(|| panic!("{lang}: no text {key}"))
            .to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{{ {name} }}}}"), value);
        }
        text
    }

    #[test]
    fn the_state_filter_and_empty_page_words_in_both_languages() {
        // English exactly as before (the browser tests read it), German beside it.
        let names = [
            ("members.filter.current", "Current", "Aktuell"),
            (
                "members.filter.waiting",
                "Waiting for sync",
                "Wartet auf Sync",
            ),
            ("members.filter.all", "All", "Alle"),
        ];
        for (key, en, de) in names {
            assert_eq!(
                (say("en", key, &[]).as_str(), say("de", key, &[]).as_str()),
                (en, de)
            );
        }
        assert_eq!(
            say("en", "members.filter.current_hint", &[]),
            "Joining, Active and Leaving: every lock in the group or on its way in or out"
        );
        let leaving = |lang| say(lang, "state.unjoin_pending", &[]);
        let empty = |lang| {
            let state = leaving(lang);
            say(
                lang,
                "members.empty.in_state_match",
                &[("state", state.as_str()), ("search", "abc")],
            )
        };
        assert_eq!(empty("en"), "No Leaving members match “abc”.");
        assert_eq!(
            empty("de"),
            "Keine Mitglieder im Zustand „Wird entfernt“ passen zu „abc“."
        );
        assert_eq!(
            say("en", "members.empty.waiting", &[]),
            "No members waiting for sync."
        );
        assert_eq!(
            say("en", "members.empty.current_match", &[("search", "x")]),
            "No current members match “x”."
        );
        let left = |lang, form: &str, n| {
            say(
                lang,
                &format!("members.empty.only_left.{form}"),
                &[("count", n)],
            )
        };
        assert_eq!(
            left("en", "one", "1"),
            "No current members: the group's 1 lock has left."
        );
        assert_eq!(
            left("de", "one", "1"),
            "Keine aktuellen Mitglieder: Das 1 Schloss der Gruppe wurde entfernt."
        );
        assert_eq!(
            left("en", "other", "3"),
            "No current members: the group's 3 locks have left."
        );
        assert_eq!(
            left("de", "other", "3"),
            "Keine aktuellen Mitglieder: Die 3 Schlösser der Gruppe wurden entfernt."
        );
        let events = [
            "join_start",
            "join_completed",
            "leave_start",
            "leave_completed",
        ];
        for (e, key) in Event::ALL.into_iter().zip(events) {
            assert_eq!(say("en", &format!("event.{key}"), &[]), e.label());
            assert!(!say("de", &format!("event.{key}"), &[]).is_empty());
        }
        // The state words the view shows are the shared vocabulary's, in English.
        for s in MembershipState::ALL {
            let key = format!(
                "state.{}",
                match s {
                    JoinPending => "join_pending",
                    Joined => "joined",
                    UnjoinPending => "unjoin_pending",
                    Unjoined => "unjoined",
                    Unknown => "unknown",
                }
            );
            assert_eq!(say("en", &key, &[]), label(s));
            assert_eq!(
                say("en", &key.replace("state.", "explain."), &[]),
                s.explain()
            );
            assert!(!say("de", &key, &[]).is_empty());
        }
    }
}
