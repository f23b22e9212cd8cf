//! Finding a lock's memberships. The API has no "memberships of a lock" operation, only each
//! group's memberships, so a lock's page asks groups one by one; this module decides which
//! groups can hold what is sought, what each is asked, and when the search is complete.
//!
//! The budget stays bounded by three facts: only groups whose statistics show a pending
//! change can hold a pending membership (only groups with members can hold any); the lock's
//! own statistics say how many memberships there are to find, so the search stops once it
//! has found them all; and each group is asked with `$filter=boundLockId eq '…'`, one small
//! answer per group.

use wire::{LockGroup, Membership, MembershipState};

use crate::logic::locks_list::LockCounts;
use crate::logic::odata::string_literal;

/// What a lock's page looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Groups in which the lock has a pending join or leave ("Waiting for").
    Waiting,
    /// Every group the lock is in, is joining or is still leaving.
    All,
}

/// A group to ask, as shown while it is asked and if it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRef {
    pub id: String,
    pub title: String,
}

/// The groups that can hold a membership of `scope`, in the order given.
pub fn candidates(groups: &[LockGroup], scope: Scope) -> Vec<GroupRef> {
    groups
        .iter()
        .filter(|g| {
            let count = |s| g.statistics.as_ref().map_or(0, |st| st.count(s));
            let pending =
                count(MembershipState::JoinPending) + count(MembershipState::UnjoinPending);
            match scope {
                Scope::Waiting => pending > 0,
                Scope::All => pending + count(MembershipState::Joined) > 0,
            }
        })
        .map(|g| GroupRef {
            id: g.id.clone(),
            title: g.title.clone(),
        })
        .collect()
}

/// The `$filter` that asks one group for the lock's memberships of `scope`.
pub fn membership_filter(lock_id: &str, scope: Scope) -> String {
    let lock = format!("boundLockId eq {}", string_literal(lock_id));
    match scope {
        Scope::Waiting => format!(
            "{lock} and (({}) or ({}))",
            wire::domain::state_filter(MembershipState::JoinPending),
            wire::domain::state_filter(MembershipState::UnjoinPending)
        ),
        Scope::All => format!("{lock} and {}", wire::domain::current_filter()),
    }
}

/// A membership found, with its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub group: GroupRef,
    pub membership: Membership,
}

impl Found {
    pub fn state(&self) -> MembershipState {
        wire::MembershipDates::of(&self.membership).state()
    }

    /// A join or a leave waits for the lock's next sync.
    pub fn pending(&self) -> bool {
        matches!(
            self.state(),
            MembershipState::JoinPending | MembershipState::UnjoinPending
        )
    }

    /// Since when it is in its state: the start of the pending step, or the join.
    pub fn since(&self) -> Option<&str> {
        let m = &self.membership;
        match self.state() {
            MembershipState::JoinPending => m.join_start_date.as_deref(),
            MembershipState::Joined => m.join_completed_date.as_deref(),
            MembershipState::UnjoinPending => m.leave_start_date.as_deref(),
            MembershipState::Unjoined => m.leave_completed_date.as_deref(),
            MembershipState::Unknown => None,
        }
    }

    /// "Joining" / "Leaving" with what it waits for, for the "Waiting for" list.
    pub fn waiting_words(&self) -> &'static str {
        match self.state() {
            MembershipState::JoinPending => "Joining: added, waiting for the lock to sync",
            MembershipState::UnjoinPending => "Leaving: removed, waiting for the lock to sync",
            MembershipState::Joined => "Active",
            MembershipState::Unjoined => "Left",
            MembershipState::Unknown => "Unknown",
        }
    }
}

/// Where a search stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Groups to ask in all.
    pub total: usize,
    /// Groups answered (found or not).
    pub checked: usize,
    /// Memberships found so far, kept in group title order.
    pub found: Vec<Found>,
    /// Groups that could not be asked, with the reason.
    pub failed: Vec<(GroupRef, String)>,
    /// Memberships the lock's statistics say exist.
    pub expected: u64,
    /// Requests made (the group list's included).
    pub requests: u64,
}

impl Progress {
    /// Every membership sought is found: no further group needs asking.
    pub fn complete(&self) -> bool {
        self.found.len() as u64 >= self.expected
    }

    /// Records a group's answer.
    pub fn answered(&mut self, group: GroupRef, memberships: Vec<Membership>) {
        self.checked += 1;
        for membership in memberships {
            let found = Found {
                group: group.clone(),
                membership,
            };
            let at = self
                .found
                .partition_point(|f| f.group.title.to_lowercase() <= group.title.to_lowercase());
            self.found.insert(at, found);
        }
    }

    /// Records a group that could not be asked.
    pub fn failed(&mut self, group: GroupRef, reason: String) {
        self.checked += 1;
        self.failed.push((group, reason));
    }

    /// Takes the failed groups back to be asked again: they count as not yet checked.
    pub fn take_failed(&mut self) -> Vec<GroupRef> {
        let failed: Vec<GroupRef> = self.failed.drain(..).map(|(g, _)| g).collect();
        self.checked -= failed.len();
        failed
    }

    /// "Checked 3 of 7 groups".
    pub fn text(&self) -> String {
        let noun = if self.total == 1 { "group" } else { "groups" };
        format!("Checked {} of {} {noun}", self.checked, self.total)
    }
}

/// What a finished search did not find of what the lock's statistics count. The API does
/// not list deleted groups, and deleting a group with "remove every lock" leaves the lock's
/// leave pending until it syncs: such a leave is counted but can be in no listed group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing {
    /// Pending leaves not found: a deleted group's.
    pub leaves: u64,
    /// Active or joining memberships not found (the groups changed while searching).
    pub others: u64,
}

impl Missing {
    /// Compares what `found` holds with the lock's counts, for `scope`.
    pub fn of(found: &[Found], counts: LockCounts, scope: Scope) -> Missing {
        let n = |s| found.iter().filter(|f| f.state() == s).count() as u64;
        let leaves = counts
            .leaves
            .saturating_sub(n(MembershipState::UnjoinPending));
        let joins = counts.joins.saturating_sub(n(MembershipState::JoinPending));
        let joined = match scope {
            Scope::Waiting => 0,
            Scope::All => counts.joined.saturating_sub(n(MembershipState::Joined)),
        };
        Missing {
            leaves,
            others: joins + joined,
        }
    }

    pub fn any(self) -> bool {
        self.leaves + self.others > 0
    }

    /// What was not found and why, in words.
    pub fn text(self) -> Vec<String> {
        let mut out = Vec::new();
        match self.leaves {
            0 => {}
            1 => out.push(
                "1 pending leave is from a deleted group: the lock leaves it at its next sync \
                 (the API does not list deleted groups, so it cannot be named)."
                    .to_string(),
            ),
            n => out.push(format!(
                "{n} pending leaves are from deleted groups: the lock leaves them at its next \
                 sync (the API does not list deleted groups, so they cannot be named)."
            )),
        }
        if self.others > 0 {
            let (n, noun) = match self.others {
                1 => (1, "membership"),
                n => (n, "memberships"),
            };
            out.push(format!(
                "{n} {noun} the lock's statistics count were not in any group asked: the \
                 groups changed during the search. Reload the page to search again."
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{StateCount, Statistics};

    fn group(id: &str, counts: &[(MembershipState, u64)]) -> LockGroup {
        let mut g: LockGroup = serde_json::from_value(serde_json::json!({
            "active": true, "description": null, "id": id, "ownerAccountId": "1",
            "physicalLockId": null, "rclDate": null, "rclSerialNo": 1,
            "targetType": "Group", "title": format!("G{id}")
        }))
        .unwrap();
        g.statistics = Some(Statistics {
            by_state: counts
                .iter()
                .map(|&(state, count)| StateCount { state, count })
                .collect(),
        });
        g
    }

    fn membership(group: &str, join_start: &str, leave_start: Option<&str>) -> Membership {
        serde_json::from_value(serde_json::json!({
            "id": format!("m{group}"), "boundLockId": "8", "lockGroupId": group,
            "joinStartDate": join_start, "joinCompletedDate": leave_start.map(|_| join_start),
            "leaveStartDate": leave_start, "leaveCompletedDate": null,
            "lastSeenRclSerialNo": null, "lastSeenRclUpdateDate": null
        }))
        .unwrap()
    }

    #[test]
    fn only_groups_that_can_hold_one_are_asked() {
        use MembershipState::*;
        let groups = [
            group("1", &[(Joined, 3)]),
            group("2", &[(JoinPending, 1)]),
            group("3", &[(Unjoined, 4)]),
            group("4", &[(UnjoinPending, 2), (Joined, 1)]),
            group("5", &[]),
        ];
        let ids = |v: Vec<GroupRef>| v.into_iter().map(|g| g.id).collect::<Vec<_>>();
        assert_eq!(ids(candidates(&groups, Scope::Waiting)), ["2", "4"]);
        assert_eq!(ids(candidates(&groups, Scope::All)), ["1", "2", "4"]);
    }

    #[test]
    fn filters_name_the_lock_and_the_states() {
        assert_eq!(
            membership_filter("it's", Scope::All),
            "boundLockId eq 'it''s' and leaveCompletedDate eq null"
        );
        let w = membership_filter("8", Scope::Waiting);
        assert!(w.starts_with("boundLockId eq '8' and (("), "{w}");
        assert!(w.contains(") or ("), "{w}");
    }

    #[test]
    fn progress_keeps_title_order_and_knows_when_it_is_complete() {
        let mut p = Progress {
            total: 3,
            expected: 2,
            ..Default::default()
        };
        let g = |id: &str, title: &str| GroupRef {
            id: id.into(),
            title: title.into(),
        };
        p.answered(
            g("2", "Night Shift"),
            vec![membership("2", "2026-11-01T00:00:00Z", None)],
        );
        assert!(!p.complete());
        p.failed(g("3", "Cleaning"), "HTTP 503".into());
        p.answered(
            g("1", "Contractors"),
            vec![membership(
                "1",
                "2026-10-01T00:00:00Z",
                Some("2026-11-02T00:00:00Z"),
            )],
        );
        assert!(p.complete());
        assert_eq!(p.text(), "Checked 3 of 3 groups");
        let titles: Vec<&str> = p.found.iter().map(|f| f.group.title.as_str()).collect();
        assert_eq!(titles, ["Contractors", "Night Shift"]);
        assert_eq!(p.found[0].state(), MembershipState::UnjoinPending);
        assert_eq!(p.found[0].since(), Some("2026-11-02T00:00:00Z"));
        assert_eq!(
            p.found[1].waiting_words(),
            "Joining: added, waiting for the lock to sync"
        );
        assert_eq!(p.failed.len(), 1);
        let again = p.take_failed();
        assert_eq!(again, [g("3", "Cleaning")]);
        assert_eq!((p.checked, p.failed.len()), (2, 0));
    }

    #[test]
    fn a_leave_from_a_deleted_group_is_named_as_such() {
        let found = vec![Found {
            group: GroupRef {
                id: "1".into(),
                title: "Staff".into(),
            },
            membership: membership("1", "2026-10-01T00:00:00Z", None),
        }];
        let counts = LockCounts {
            joined: 0,
            joins: 1,
            leaves: 1,
        };
        let m = Missing::of(&found, counts, Scope::All);
        assert_eq!(
            m,
            Missing {
                leaves: 1,
                others: 0
            }
        );
        assert!(m.text()[0].starts_with("1 pending leave is from a deleted group"));
        let none = Missing::of(
            &found,
            LockCounts {
                leaves: 0,
                ..counts
            },
            Scope::Waiting,
        );
        assert!(!none.any());
        let lost = Missing::of(
            &[],
            LockCounts {
                joined: 2,
                joins: 0,
                leaves: 0,
            },
            Scope::All,
        );
        assert_eq!(lost.others, 2);
        assert!(lost.text()[0].starts_with("2 memberships"));
        assert!(!Missing::of(
            &[],
            LockCounts {
                joined: 2,
                joins: 0,
                leaves: 0
            },
            Scope::Waiting
        )
        .any());
    }
}
