//! What "Export CSV" exports: a list as the page shows it filtered now, or a report the
//! page has gathered. Pages build it in the main module; the bulk code runs it.

use crate::logic::grants_query::GrantsQuery;
use crate::logic::history::HistoryQuery;
use crate::logic::list_params::ListParams;
use crate::logic::locks_list::LocksParams;
use crate::logic::membership_state::MembersQuery;

/// What to export: a list as the admin sees it filtered now, and whose it is (the owner's
/// or the group's name, for the file name).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportJob {
    Groups {
        owner: String,
        owner_name: String,
        params: ListParams,
    },
    Members {
        owner: String,
        group: String,
        group_title: String,
        query: MembersQuery,
    },
    Grants {
        owner: String,
        group: String,
        group_title: String,
        query: GrantsQuery,
    },
    /// The owner's locks, or the worklist ("Waiting for sync"), with the search and sort.
    Locks {
        owner: String,
        owner_name: String,
        params: LocksParams,
    },
    /// A group's history with its lock and kind filters.
    History {
        owner: String,
        group: String,
        group_title: String,
        query: HistoryQuery,
    },
    /// A report the page has already gathered (a lock's access): written as it is.
    Report {
        what: &'static str,
        name: String,
        header: &'static [&'static str],
        records: Vec<Vec<String>>,
    },
}
