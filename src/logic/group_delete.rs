//! What stands in the way of deleting a lock group, read from the server's refusal, and
//! the patch a rename sends.

use wire::refusal::Refusal;
use wire::{LockGroup, PatchLockGroup};

use crate::logic::api_error::ApiError;

/// Why the server refused a delete, when it is one of the two documented reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// `400 lock group has locks assigned`: needs `forceUnjoinLocks`.
    Locks,
    /// `400 lock group has active grants`: needs `forceRevokeGrants`.
    Grants,
}

pub fn blocker(e: &ApiError) -> Option<Blocker> {
    let ApiError::BadRequest(message) = e else {
        return None;
    };
    match Refusal::recognise(message)? {
        Refusal::GroupHasLocks => Some(Blocker::Locks),
        Refusal::GroupHasGrants => Some(Blocker::Grants),
        _ => None,
    }
}

/// Locks that block a plain delete: the current members ([`wire::Statistics::current`]).
pub fn member_locks(group: &LockGroup) -> u64 {
    group.statistics.as_ref().map_or(0, |s| s.current())
}

/// The PATCH body for a rename: only the fields that changed, `None` when nothing did.
/// An emptied description is sent as `""`: the API has no way to send "no change" and
/// "clear" apart other than the field's presence.
pub fn rename_patch(group: &LockGroup, title: &str, description: &str) -> Option<PatchLockGroup> {
    let title = title.trim();
    let old_description = group.description.as_deref().unwrap_or("");
    let patch = PatchLockGroup {
        title: (title != group.title).then(|| title.to_string()),
        description: (description != old_description).then(|| description.to_string()),
    };
    (patch.title.is_some() || patch.description.is_some()).then_some(patch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{MembershipState, StateCount, Statistics};

    fn group(stats: &[(MembershipState, u64)]) -> LockGroup {
        LockGroup {
            active: true,
            rcl_serial_no: Some(1),
            rcl_date: None,
            target_type: "Group".into(),
            id: "1".into(),
            physical_lock_id: None,
            title: "Office".into(),
            description: Some("Old".into()),
            supported_features: None,
            statistics: Some(Statistics {
                by_state: stats
                    .iter()
                    .map(|&(state, count)| StateCount { state, count })
                    .collect(),
            }),
        }
    }

    #[test]
    fn reads_the_documented_refusals() {
        let locks = ApiError::BadRequest(wire::refusal::GROUP_HAS_LOCKS.into());
        let grants = ApiError::BadRequest(wire::refusal::GROUP_HAS_GRANTS.into());
        assert_eq!(blocker(&locks), Some(Blocker::Locks));
        assert_eq!(blocker(&grants), Some(Blocker::Grants));
        assert_eq!(
            blocker(&ApiError::NotFound("lock group not found".into())),
            None
        );
    }

    #[test]
    fn counts_members_that_block() {
        let g = group(&[
            (MembershipState::Joined, 5),
            (MembershipState::JoinPending, 2),
            (MembershipState::UnjoinPending, 1),
            (MembershipState::Unjoined, 9),
        ]);
        assert_eq!(member_locks(&g), 8);
        assert_eq!(member_locks(&group(&[(MembershipState::Unjoined, 3)])), 0);
    }

    #[test]
    fn rename_sends_only_what_changed() {
        let g = group(&[]);
        assert_eq!(rename_patch(&g, " Office ", "Old"), None);
        let p = rename_patch(&g, "Office B", "Old").unwrap();
        assert_eq!(
            (p.title.as_deref(), p.description),
            (Some("Office B"), None)
        );
        let p = rename_patch(&g, "Office", "").unwrap();
        assert_eq!((p.title, p.description.as_deref()), (None, Some("")));
        let mut no_description = g.clone();
        no_description.description = None;
        assert_eq!(rename_patch(&no_description, "Office", ""), None);
    }
}
