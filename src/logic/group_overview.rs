//! What the group page's Overview and tabs show first: counts that answer the daily
//! questions (members by state, active grants, locks that have not synced the latest
//! change), each bounded to one request, and the words and links for them.

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

/// The `$filter` for memberships whose lock has not seen the group's latest change
/// ([`super::membership_state::behind`]): current members (not Left) whose
/// `lastSeenRclSerialNo` is missing or below the group's `rclSerialNo`. `None` when the
/// group has no serial number: no lock can be behind it.
pub fn not_synced_filter(group_serial: Option<i64>) -> Option<String> {
    let serial = group_serial?;
    Some(format!(
        "{} and (lastSeenRclSerialNo eq null or lastSeenRclSerialNo lt {serial})",
        wire::domain::current_filter()
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::membership_state::behind;
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
    fn not_synced_filter_matches_behind() {
        assert_eq!(not_synced_filter(None), None);
        let f = not_synced_filter(Some(12)).unwrap();
        assert!(f.starts_with("leaveCompletedDate eq null and ("), "{f}");
        assert!(f.ends_with("lastSeenRclSerialNo eq null or lastSeenRclSerialNo lt 12)"));
        // The filter's comparison is `behind`'s.
        assert!(behind(None, Some(12)) && behind(Some(11), Some(12)));
        assert!(!behind(Some(12), Some(12)) && !behind(Some(3), None));
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
}
