//! The export behind "Export CSV" (the button is `pages::bulk::ExportButton`): every page
//! of a list as it is filtered now (the lock groups with their search and sort, a group's
//! members with their state filter and search, its grants), fetched page by page, written
//! as one CSV file and saved. Part of the bulk code's piece of wasm.

use leptos::prelude::*;

use crate::api::{grants, lock_groups, locks, memberships, ApiClient, ApiError, Query};
use crate::components::download::{now_ms, save_file};
use crate::logic::csv_export::{file_name, write_csv, ExportState, Record};
use crate::logic::grants_query::{GrantsQuery, CONTACT_LIMIT};
use crate::logic::history::{history, HistoryQuery};
use crate::logic::list_params::ListParams;
use crate::logic::locks_list::{pending, LocksParams};
use crate::logic::membership_state::{MembersQuery, LOCK_SEARCH_LIMIT};

/// Rows per request while exporting.
const EXPORT_PAGE: u64 = 250;

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
}

/// Starts exporting `job`: its progress and outcome go to `state`; setting `stop` (or
/// its owner going away) stops it before its next request, and nothing is saved.
pub fn start(api: ApiClient, job: ExportJob, state: RwSignal<ExportState>, stop: RwSignal<bool>) {
    let stopped = move || stop.try_get_untracked().unwrap_or(true);
    leptos::task::spawn_local(async move {
        let progress = |rows| _ = state.try_set(ExportState::Running { rows });
        let next = match export(&api, &job, &stopped, &progress).await {
            Ok(None) => ExportState::Cancelled,
            Ok(Some((file, bytes, rows))) => match save_file(&file, &bytes, "text/csv") {
                Ok(()) => ExportState::Done { rows, file },
                Err(e) => ExportState::Failed(e),
            },
            Err(e) => ExportState::Failed(e),
        };
        _ = state.try_set(next);
    });
}

/// Every page of `load` (a page shorter than asked is the last), as CSV records; `None`
/// when stopped.
async fn pages<R: Record>(
    load: impl AsyncFn(Query) -> Result<Vec<R>, ApiError>,
    keep: impl Fn(&R) -> bool,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
    records: &mut Vec<Vec<String>>,
) -> Result<bool, ApiError> {
    let mut skip = 0;
    loop {
        if stop() {
            return Ok(false);
        }
        let page = load(Query::new().top(EXPORT_PAGE).skip(skip)).await?;
        // Cancelled while the page loaded: nothing is saved.
        if stop() {
            return Ok(false);
        }
        let last = (page.len() as u64) < EXPORT_PAGE;
        records.extend(page.iter().filter(|r| keep(r)).map(Record::record));
        progress(records.len());
        if last {
            return Ok(true);
        }
        skip += EXPORT_PAGE;
    }
}

/// Fetches the job's rows and writes the file: `(file name, bytes, rows)`, or `None`
/// when stopped.
async fn export(
    api: &ApiClient,
    job: &ExportJob,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
) -> Result<Option<(String, Vec<u8>, usize)>, String> {
    let mut records = Vec::new();
    let (header, what, name, finished) = match job {
        ExportJob::Groups {
            owner,
            owner_name,
            params,
        } => {
            let base = params.api_query();
            let done = pages::<wire::LockGroup>(
                async |q: Query| {
                    let q = Query {
                        top: q.top,
                        skip: q.skip,
                        ..base.clone()
                    };
                    lock_groups::list(api, owner, &q).await
                },
                |_| true,
                stop,
                progress,
                &mut records,
            )
            .await;
            (
                <wire::LockGroup as Record>::HEADER,
                "lock-groups",
                owner_name,
                done,
            )
        }
        ExportJob::Members {
            owner,
            group,
            group_title,
            query,
        } => {
            let done: Result<bool, ApiError> = async {
                // A title search finds the locks first, as the tab does.
                let locks = match query.lock_filter() {
                    None => None,
                    Some(f) => {
                        let req = Query::new().filter(Some(f)).top(LOCK_SEARCH_LIMIT);
                        let found = locks::list(api, owner, &req).await?;
                        Some(found.into_iter().map(|l| l.id).collect::<Vec<_>>())
                    }
                };
                if locks.as_ref().is_some_and(Vec::is_empty) {
                    return Ok(true);
                }
                let filter = query.filter_for(locks.as_deref());
                pages::<wire::Membership>(
                    async |q: Query| {
                        let mut q = q.filter(filter.clone()).expand("boundLock");
                        if query.unbound {
                            q = q.param("includeUnboundLocks", "true");
                        }
                        memberships::list(api, owner, group, &q).await
                    },
                    |_| true,
                    stop,
                    progress,
                    &mut records,
                )
                .await
            }
            .await;
            (
                <wire::Membership as Record>::HEADER,
                "members",
                group_title,
                done,
            )
        }
        ExportJob::Grants {
            owner,
            group,
            group_title,
            query,
        } => {
            let done: Result<bool, ApiError> = async {
                let contacts = match query.contact_filter() {
                    None => None,
                    Some(f) => {
                        let req = Query::new().filter(Some(f)).top(CONTACT_LIMIT);
                        let found = grants::contacts(api, owner, &req).await?;
                        Some(found.into_iter().map(|c| c.id).collect::<Vec<_>>())
                    }
                };
                if GrantsQuery::nothing(contacts.as_deref()) {
                    return Ok(true);
                }
                let filter = query.grant_filter(contacts.as_deref());
                pages::<wire::Grant>(
                    async |q: Query| {
                        lock_groups::grants(api, owner, group, &q.filter(filter.clone())).await
                    },
                    |_| true,
                    stop,
                    progress,
                    &mut records,
                )
                .await
            }
            .await;
            (<wire::Grant as Record>::HEADER, "grants", group_title, done)
        }
        ExportJob::Locks {
            owner,
            owner_name,
            params,
        } => {
            // The worklist keeps, page by page, the locks something waits for.
            let waiting = params.waiting;
            let done = pages::<wire::BoundLock>(
                async |q: Query| locks::list(api, owner, &params.worklist_query(q)).await,
                |l| !waiting || pending(l).any(),
                stop,
                progress,
                &mut records,
            )
            .await;
            let what = if waiting {
                "locks-waiting-for-sync"
            } else {
                "locks"
            };
            (<wire::BoundLock as Record>::HEADER, what, owner_name, done)
        }
        ExportJob::History {
            owner,
            group,
            group_title,
            query,
        } => {
            let done: Result<bool, ApiError> = async {
                // The history needs every membership before it can order the events.
                let all = std::cell::RefCell::new(Vec::new());
                let done = pages::<wire::Membership>(
                    async |q: Query| {
                        let q = q.expand("boundLock").param("includeUnboundLocks", "true");
                        let rows = memberships::list(api, owner, group, &q).await?;
                        all.borrow_mut().extend(rows.iter().cloned());
                        Ok(rows)
                    },
                    |_| false,
                    stop,
                    &|_| progress(all.borrow().len()),
                    &mut records,
                )
                .await?;
                records.extend(
                    history(&all.borrow())
                        .events
                        .iter()
                        .filter(|e| query.matches(e))
                        .map(Record::record),
                );
                Ok(done)
            }
            .await;
            (
                <crate::logic::history::HistoryEvent as Record>::HEADER,
                "history",
                group_title,
                done,
            )
        }
    };
    if !finished.map_err(|e| e.to_string())? {
        return Ok(None);
    }
    let rows = records.len();
    let bytes = write_csv(header, records)?;
    Ok(Some((file_name(what, name, now_ms()), bytes, rows)))
}
