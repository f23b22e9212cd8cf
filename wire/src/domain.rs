//! The lock groups domain, written once for the console (wasm32) and the sandbox (native):
//! a membership's lifecycle (state from its dates, "current member"), the words people
//! read for each state, the field limits, and the refusal texts the sandbox writes and the
//! console recognises.

use crate::{Membership, MembershipState, Statistics};

// ---------------------------------------------------------------- field limits

/// Longest title accepted (groups, locks, contacts, owners), in characters.
pub const MAX_TITLE: usize = 256;
/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION: usize = 1024;
/// Longest binding code accepted when binding a lock, in characters.
pub const MAX_BINDING_CODE: usize = 256;

// ---------------------------------------------------------------- membership lifecycle

/// One of a membership's four recorded dates, by its API field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    JoinStart,
    JoinCompleted,
    LeaveStart,
    LeaveCompleted,
}

impl DateField {
    pub const ALL: [DateField; 4] = [
        DateField::JoinStart,
        DateField::JoinCompleted,
        DateField::LeaveStart,
        DateField::LeaveCompleted,
    ];

    /// The property name in the API's JSON and `$filter` (`joinStartDate`, ...).
    pub fn api_name(self) -> &'static str {
        match self {
            DateField::JoinStart => "joinStartDate",
            DateField::JoinCompleted => "joinCompletedDate",
            DateField::LeaveStart => "leaveStartDate",
            DateField::LeaveCompleted => "leaveCompletedDate",
        }
    }

    /// The column name in the sandbox's database (`join_start_date`, ...).
    pub fn column(self) -> &'static str {
        match self {
            DateField::JoinStart => "join_start_date",
            DateField::JoinCompleted => "join_completed_date",
            DateField::LeaveStart => "leave_start_date",
            DateField::LeaveCompleted => "leave_completed_date",
        }
    }
}

/// The lifecycle precedence, the one the API's `statistics` count by: the first date in
/// this list that is recorded decides the state; with none of them, `JoinPending`.
/// [`MembershipDates::state`], [`state_sql`] and [`state_filter`] all read this table, so
/// they cannot disagree.
pub const PRECEDENCE: [(DateField, MembershipState); 3] = [
    (DateField::LeaveCompleted, MembershipState::Unjoined),
    (DateField::LeaveStart, MembershipState::UnjoinPending),
    (DateField::JoinCompleted, MembershipState::Joined),
];
/// The state when no date of [`PRECEDENCE`] is recorded.
pub const INITIAL_STATE: MembershipState = MembershipState::JoinPending;

/// The four dates of a membership, as the API sends them (`None`: not recorded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MembershipDates<'a> {
    pub join_start: Option<&'a str>,
    pub join_completed: Option<&'a str>,
    pub leave_start: Option<&'a str>,
    pub leave_completed: Option<&'a str>,
}

impl<'a> MembershipDates<'a> {
    pub fn of(m: &'a Membership) -> Self {
        MembershipDates {
            join_start: m.join_start_date.as_deref(),
            join_completed: m.join_completed_date.as_deref(),
            leave_start: m.leave_start_date.as_deref(),
            leave_completed: m.leave_completed_date.as_deref(),
        }
    }

    pub fn get(&self, field: DateField) -> Option<&'a str> {
        match field {
            DateField::JoinStart => self.join_start,
            DateField::JoinCompleted => self.join_completed,
            DateField::LeaveStart => self.leave_start,
            DateField::LeaveCompleted => self.leave_completed,
        }
    }

    /// The state these dates put the membership in. Total: any combination has one, even
    /// those the lifecycle cannot produce (the console flags those separately).
    pub fn state(&self) -> MembershipState {
        PRECEDENCE
            .iter()
            .find(|(field, _)| self.get(*field).is_some())
            .map_or(INITIAL_STATE, |&(_, state)| state)
    }

    /// Whether the lock is (or is still becoming, or still leaving as) a member of the
    /// group: its leave has not completed.
    pub fn is_current(&self) -> bool {
        self.state().is_current()
    }
}

impl MembershipState {
    /// The states of a current member: every one but `Unjoined`.
    pub const CURRENT: [MembershipState; 3] = [
        MembershipState::JoinPending,
        MembershipState::Joined,
        MembershipState::UnjoinPending,
    ];

    /// Whether a membership in this state is a current member (it blocks a plain group
    /// delete and counts towards a lock's group limit). `Unknown` is not.
    pub fn is_current(self) -> bool {
        Self::CURRENT.contains(&self)
    }

    /// Whether the state waits for the lock to sync.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            MembershipState::JoinPending | MembershipState::UnjoinPending
        )
    }

    /// The API's name (`JoinPending`, ...), for the lifecycle diagram and URLs.
    pub fn api_name(self) -> &'static str {
        self.as_str()
    }

    /// Reads an API name, ignoring ASCII case; `None` for anything else (also `Unknown`).
    pub fn parse(s: &str) -> Option<MembershipState> {
        MembershipState::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
    }

    /// The one word people read for the state (lists, filters, counts).
    pub fn label(self) -> &'static str {
        match self {
            MembershipState::JoinPending => "Joining",
            MembershipState::Joined => "Active",
            MembershipState::UnjoinPending => "Leaving",
            MembershipState::Unjoined => "Left",
            MembershipState::Unknown => "Unknown",
        }
    }

    /// The state as a sentence: what it means for the lock (tooltips, the diagram's "now").
    pub fn explain(self) -> &'static str {
        match self {
            MembershipState::JoinPending => "Added to the group; active once the lock syncs",
            MembershipState::Joined => "The lock has synced and applies the group",
            MembershipState::UnjoinPending => {
                "Removed from the group; keeps its access until the lock syncs"
            }
            MembershipState::Unjoined => "The lock has synced and left the group",
            MembershipState::Unknown => "A state this console does not know",
        }
    }

    /// A text symbol shown next to the label (never colour alone).
    pub fn icon(self) -> &'static str {
        match self {
            MembershipState::JoinPending => "⊕",
            MembershipState::Joined => "✔",
            MembershipState::UnjoinPending => "⊖",
            MembershipState::Unjoined => "✖",
            MembershipState::Unknown => "?",
        }
    }
}

impl Statistics {
    /// Memberships that are current members (see [`MembershipState::is_current`]).
    pub fn current(&self) -> u64 {
        MembershipState::CURRENT
            .iter()
            .map(|&s| self.count(s))
            .sum()
    }
}

/// An SQL `CASE` expression giving a membership's state name from its date columns,
/// `col` naming each column (e.g. `|f| format!("m.{}", f.column())`).
pub fn state_sql(col: impl Fn(DateField) -> String) -> String {
    let mut sql = String::from("CASE");
    for (field, state) in PRECEDENCE {
        sql.push_str(&format!(
            " WHEN {} IS NOT NULL THEN '{}'",
            col(field),
            state.as_str()
        ));
    }
    sql.push_str(&format!(" ELSE '{}' END", INITIAL_STATE.as_str()));
    sql
}

/// An SQL condition that holds for current members (see [`MembershipDates::is_current`]).
pub fn current_sql(col: impl Fn(DateField) -> String) -> String {
    format!("{} IS NULL", col(DateField::LeaveCompleted))
}

/// The OData `$filter` that selects the memberships in `state`, from [`PRECEDENCE`]:
/// the state's own date is recorded and every date that takes precedence is not.
/// `Unknown` selects nothing the API could return, so it gets `Unjoined`'s filter.
pub fn state_filter(state: MembershipState) -> String {
    let state = if state == MembershipState::Unknown {
        MembershipState::Unjoined
    } else {
        state
    };
    let mut parts = Vec::new();
    for (field, s) in PRECEDENCE {
        if s == state {
            parts.push(format!("{} ne null", field.api_name()));
            break;
        }
        parts.push(format!("{} eq null", field.api_name()));
    }
    parts.join(" and ")
}

/// The OData `$filter` that selects current members.
pub fn current_filter() -> String {
    format!("{} eq null", DateField::LeaveCompleted.api_name())
}

// ---------------------------------------------------------------- refusals

/// Refusals (400 texts) the sandbox writes and the console recognises, so that both read
/// the same words. The documented ones are quoted from the API reference.
pub mod refusal {
    /// `PUT`/`PATCH` lock group without a title (documented).
    pub const GROUP_NEEDS_TITLE: &str = "lock group must have a title";
    /// Binding a lock without a title.
    pub const LOCK_NEEDS_TITLE: &str = "lock must have a title";
    /// `DELETE` lock group with member locks and `forceUnjoinLocks=false` (documented).
    pub const GROUP_HAS_LOCKS: &str = "lock group has locks assigned";
    /// `DELETE` lock group with active grants and `forceRevokeGrants=false` (documented).
    pub const GROUP_HAS_GRANTS: &str = "lock group has active grants";

    /// The field names a "too long" refusal starts with.
    pub const FIELD_TITLE: &str = "title";
    pub const FIELD_DESCRIPTION: &str = "description";
    pub const FIELD_BINDING_CODE: &str = "bindingCode";

    /// `{field} is too long: {n} characters, at most {max} are allowed`.
    pub fn too_long(field: &str, n: usize, max: usize) -> String {
        format!("{field} is too long: {n} characters, at most {max} are allowed")
    }

    /// A refusal the console acts on, read from a 400's message.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Refusal {
        /// The title is missing or blank.
        TitleMissing,
        /// The title is longer than [`super::MAX_TITLE`].
        TitleTooLong,
        /// The description is longer than [`super::MAX_DESCRIPTION`].
        DescriptionTooLong,
        /// The group still has member locks.
        GroupHasLocks,
        /// The group still has active grants.
        GroupHasGrants,
    }

    impl Refusal {
        /// Which refusal a 400 message is; `None` for any other text.
        pub fn recognise(message: &str) -> Option<Refusal> {
            let too_long = |field: &str| message.starts_with(&format!("{field} is too long:"));
            if message == GROUP_NEEDS_TITLE || message == LOCK_NEEDS_TITLE {
                Some(Refusal::TitleMissing)
            } else if message == GROUP_HAS_LOCKS {
                Some(Refusal::GroupHasLocks)
            } else if message == GROUP_HAS_GRANTS {
                Some(Refusal::GroupHasGrants)
            } else if too_long(FIELD_TITLE) {
                Some(Refusal::TitleTooLong)
            } else if too_long(FIELD_DESCRIPTION) {
                Some(Refusal::DescriptionTooLong)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::refusal::{self, Refusal};
    use super::*;
    use MembershipState::*;

    /// Every combination of recorded dates: bits 0..4 = join start, join completed, leave
    /// start, leave completed.
    fn all_combinations() -> impl Iterator<Item = MembershipDates<'static>> {
        (0u8..16).map(|bits| MembershipDates {
            join_start: (bits & 1 != 0).then_some("2020-03-03T15:00:00.000Z"),
            join_completed: (bits & 2 != 0).then_some("2020-03-03T16:00:00.000Z"),
            leave_start: (bits & 4 != 0).then_some("2020-03-04T10:00:00.000Z"),
            leave_completed: (bits & 8 != 0).then_some("2020-03-05T10:00:00.000Z"),
        })
    }

    #[test]
    fn the_lifecycle_path_gives_the_documented_states() {
        let mut d = MembershipDates {
            join_start: Some("a"),
            ..Default::default()
        };
        assert_eq!(d.state(), JoinPending);
        d.join_completed = Some("b");
        assert_eq!(d.state(), Joined);
        d.leave_start = Some("c");
        assert_eq!(d.state(), UnjoinPending);
        d.leave_completed = Some("d");
        assert_eq!(d.state(), Unjoined);
        // Removed before the lock synced the join.
        d.join_completed = None;
        assert_eq!(d.state(), Unjoined);
        d.leave_completed = None;
        assert_eq!(d.state(), UnjoinPending);
    }

    #[test]
    fn state_follows_the_latest_recorded_step_on_every_combination() {
        for d in all_combinations() {
            let expected = if d.leave_completed.is_some() {
                Unjoined
            } else if d.leave_start.is_some() {
                UnjoinPending
            } else if d.join_completed.is_some() {
                Joined
            } else {
                JoinPending
            };
            assert_eq!(d.state(), expected, "{d:?}");
            assert_eq!(d.is_current(), d.leave_completed.is_none(), "{d:?}");
        }
    }

    #[test]
    fn sql_and_filter_are_written_from_the_precedence() {
        let sql = state_sql(|f| format!("m.{}", f.column()));
        assert_eq!(
            sql,
            "CASE WHEN m.leave_completed_date IS NOT NULL THEN 'Unjoined' \
             WHEN m.leave_start_date IS NOT NULL THEN 'UnjoinPending' \
             WHEN m.join_completed_date IS NOT NULL THEN 'Joined' ELSE 'JoinPending' END"
        );
        assert_eq!(
            current_sql(|f| f.column().to_string()),
            "leave_completed_date IS NULL"
        );
        assert_eq!(state_filter(Unjoined), "leaveCompletedDate ne null");
        assert_eq!(
            state_filter(JoinPending),
            "leaveCompletedDate eq null and leaveStartDate eq null and joinCompletedDate eq null"
        );
        assert_eq!(state_filter(Unknown), state_filter(Unjoined));
        assert_eq!(current_filter(), "leaveCompletedDate eq null");
        // That the SQL and the filters select what `state()` says is tested against
        // SQLite and the sandbox's OData engine in `sandbox/src/model.rs`.
    }

    #[test]
    fn current_states_and_statistics() {
        assert_eq!(
            MembershipState::ALL.map(MembershipState::is_current),
            [true, true, true, false]
        );
        assert!(!Unknown.is_current());
        let stats = Statistics {
            by_state: [
                (Joined, 5),
                (JoinPending, 2),
                (UnjoinPending, 1),
                (Unjoined, 9),
            ]
            .map(|(state, count)| crate::StateCount { state, count })
            .to_vec(),
        };
        assert_eq!(stats.current(), 8);
        assert_eq!(Statistics::default().current(), 0);
    }

    #[test]
    fn one_distinct_label_and_sentence_per_state() {
        let labels = MembershipState::ALL.map(MembershipState::label);
        assert_eq!(labels, ["Joining", "Active", "Leaving", "Left"]);
        let sentences = MembershipState::ALL.map(MembershipState::explain);
        let icons = MembershipState::ALL.map(MembershipState::icon);
        for i in 0..4 {
            for j in 0..i {
                assert_ne!(sentences[i], sentences[j]);
                assert_ne!(icons[i], icons[j]);
            }
        }
        assert_eq!(
            JoinPending.explain(),
            "Added to the group; active once the lock syncs"
        );
    }

    #[test]
    fn api_names_parse_back_ignoring_case() {
        for s in MembershipState::ALL {
            assert_eq!(MembershipState::parse(s.api_name()), Some(s));
            assert_eq!(
                MembershipState::parse(&s.api_name().to_lowercase()),
                Some(s)
            );
        }
        assert_eq!(MembershipState::parse("Unknown"), None);
        assert_eq!(MembershipState::parse(""), None);
    }

    #[test]
    fn refusals_are_recognised_from_the_texts_written() {
        let cases = [
            (
                refusal::GROUP_NEEDS_TITLE.to_string(),
                Refusal::TitleMissing,
            ),
            (refusal::LOCK_NEEDS_TITLE.to_string(), Refusal::TitleMissing),
            (refusal::GROUP_HAS_LOCKS.to_string(), Refusal::GroupHasLocks),
            (
                refusal::GROUP_HAS_GRANTS.to_string(),
                Refusal::GroupHasGrants,
            ),
            (
                refusal::too_long(refusal::FIELD_TITLE, 300, MAX_TITLE),
                Refusal::TitleTooLong,
            ),
            (
                refusal::too_long(refusal::FIELD_DESCRIPTION, 2000, MAX_DESCRIPTION),
                Refusal::DescriptionTooLong,
            ),
        ];
        for (text, refusal) in cases {
            assert_eq!(Refusal::recognise(&text), Some(refusal), "{text}");
        }
        for other in [
            "lock group not found",
            "owner account not found",
            "invalid JSON: title",
            "",
            &refusal::too_long(refusal::FIELD_BINDING_CODE, 300, MAX_BINDING_CODE),
        ] {
            assert_eq!(Refusal::recognise(other), None, "{other}");
        }
    }
}
