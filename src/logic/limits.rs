//! How much of a list the console reads when it needs all of it. The API has no count and
//! no next link, so such a list is read page by page (see `api::paging`); each use names
//! its page size and its cap here, the cap being a bound against a server that ignores
//! `$skip`, not a real owner's size.

/// A whole list read `page` rows per request, at most `max_requests` requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadAll {
    pub page: u64,
    pub max_requests: u64,
}

impl ReadAll {
    pub const fn new(page: u64, max_requests: u64) -> Self {
        ReadAll { page, max_requests }
    }

    /// The most rows read.
    pub const fn max_rows(self) -> u64 {
        self.page.saturating_mul(self.max_requests)
    }
}

/// An export ("Export CSV"): every row, however many (the admin can cancel it).
pub const EXPORT: ReadAll = ReadAll::new(250, u64::MAX);

/// An import's check: the owner's locks and the group's members ("Import locks"), the
/// owner's group titles ("Import groups"): 10,000 each.
pub const IMPORT_CHECK: ReadAll = ReadAll::new(250, 40);

/// "Add locks": the locks matching the search and the group's members, 5,000 each.
pub const ADD_LOCKS: ReadAll = ReadAll::new(250, 20);

/// The worklist ("Waiting for sync") reads every lock: 20,000.
pub const WORKLIST: ReadAll = ReadAll::new(500, 40);

/// A group's history needs every membership: 50,000.
pub const HISTORY: ReadAll = ReadAll::new(500, 100);

/// A lock's page searching its memberships reads the owner's groups first: 100,000.
pub const LOCK_SCAN_GROUPS: ReadAll = ReadAll::new(500, 200);

/// Who can open a lock reads the grants on the lock and on each of its groups: 10,000 each.
pub const ACCESS_GRANTS: ReadAll = ReadAll::new(250, 40);

/// The people list's counts: the active grants of a page of people (at most 100), 10,000.
pub const PEOPLE_GRANTS: ReadAll = ReadAll::new(500, 20);

/// A person's page: every grant they hold, 10,000.
pub const PERSON_GRANTS: ReadAll = ReadAll::new(500, 20);

/// A person's page: the current memberships of each of their groups, 50,000 each.
pub const GROUP_REACH: ReadAll = ReadAll::new(500, 100);

/// A person's page asks this many groups at once.
pub const GROUPS_IN_FLIGHT: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caps_say_how_many_rows() {
        assert_eq!(IMPORT_CHECK.max_rows(), 10_000);
        assert_eq!(ADD_LOCKS.max_rows(), 5_000);
        assert_eq!(WORKLIST.max_rows(), 20_000);
        assert_eq!(HISTORY.max_rows(), 50_000);
        assert_eq!(LOCK_SCAN_GROUPS.max_rows(), 100_000);
        assert_eq!(EXPORT.max_rows(), u64::MAX);
    }
}
