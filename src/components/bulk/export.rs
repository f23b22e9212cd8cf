//! The export behind "Export CSV" (the button is `components::bulk::ExportButton`): every page
//! of a list as it is filtered now (the lock groups with their search and sort, a group's
//! members with their state filter and search, its grants), fetched page by page, written
//! as one CSV file and saved. Part of the bulk code's piece of wasm.

use leptos::prelude::*;

use super::download::{now_ms, save_file};
use super::job::ExportJob;
use crate::api::paging::all_pages;
use crate::api::{self, lock_groups, locks, memberships, ApiClient, ApiError, Query};
use crate::i18n::{csv, Locale};
use crate::logic::csv_dialect::Separator;
use crate::logic::csv_export::{file_name, write_csv, ExportFailure, ExportState, Record};
use crate::logic::grants_query::{GrantsQuery, CONTACT_LIMIT};
use crate::logic::history::history;
use crate::logic::limits;
use crate::logic::locks_list::pending;
use crate::logic::membership_state::{MembersQuery, LOCK_SEARCH_LIMIT};

/// Starts exporting `job` as a CSV file with `separator` between its columns, its header
/// and file name in `locale`: its progress and outcome go to `state`; setting `stop` (or its owner going away) stops it before its
/// next request, and nothing is saved.
pub fn start(
    api: ApiClient,
    job: ExportJob,
    separator: Separator,
    locale: Locale,
    state: RwSignal<ExportState>,
    stop: RwSignal<bool>,
) {
    let stopped = move || stop.try_get_untracked().unwrap_or(true);
    leptos::task::spawn_local(async move {
        let progress = |rows| _ = state.try_set(ExportState::Running { rows });
        let next = match export(&api, &job, separator, locale, &stopped, &progress).await {
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

/// Every row of `load` that `keep` keeps; `None` when stopped. The progress counts the
/// rows kept so far.
async fn every<R>(
    load: impl AsyncFn(Query) -> Result<Vec<R>, ApiError>,
    keep: impl Fn(&R) -> bool,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
) -> Result<Option<Vec<R>>, ApiError> {
    if stop() {
        return Ok(None);
    }
    let mut kept = 0;
    let all = all_pages(limits::EXPORT, load, |page| {
        kept += page.iter().filter(|r| keep(r)).count();
        progress(kept);
        // Cancelled while the page loaded: nothing is saved.
        !stop()
    })
    .await?;
    Ok((!all.stopped).then(|| all.rows.into_iter().filter(|r| keep(r)).collect()))
}

/// The CSV records of `rows`, or `None` when stopped.
fn records<R: Record>(rows: Option<Vec<R>>) -> Option<Vec<Vec<String>>> {
    rows.map(|rows| rows.iter().map(Record::record).collect())
}

/// A group's members as the tab filters them; a title search finds the locks first, as
/// the tab does.
async fn members(
    api: &ApiClient,
    owner: &str,
    group: &str,
    query: &MembersQuery,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
) -> Result<Option<Vec<wire::Membership>>, ApiError> {
    let list = async |q: Query| locks::list(api, owner, &q).await;
    let locks = found_ids(query.lock_filter(), LOCK_SEARCH_LIMIT, list, |l| l.id).await?;
    if locks.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Some(Vec::new()));
    }
    let filter = query.filter_for(locks.as_deref());
    let load = async |q: Query| {
        let mut q = q.filter(filter.clone()).expand("boundLock");
        if query.unbound {
            q = q.param("includeUnboundLocks", "true");
        }
        memberships::list(api, owner, group, &q).await
    };
    every(load, |_| true, stop, progress).await
}

/// A group's grants as the tab filters them; a contact search finds the contacts first.
async fn grants(
    api: &ApiClient,
    owner: &str,
    group: &str,
    query: &GrantsQuery,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
) -> Result<Option<Vec<wire::Grant>>, ApiError> {
    let list = async |q: Query| api::grants::contacts(api, owner, &q).await;
    let contacts = found_ids(query.contact_filter(), CONTACT_LIMIT, list, |c| c.id).await?;
    if GrantsQuery::nothing(contacts.as_deref()) {
        return Ok(Some(Vec::new()));
    }
    let filter = query.grant_filter(contacts.as_deref());
    let load =
        async |q: Query| lock_groups::grants(api, owner, group, &q.filter(filter.clone())).await;
    every(load, |_| true, stop, progress).await
}

/// The ids of what a search's `filter` finds, at most `top` (`None`: no search).
async fn found_ids<T>(
    filter: Option<String>,
    top: u64,
    load: impl AsyncFn(Query) -> Result<Vec<T>, ApiError>,
    id: fn(T) -> String,
) -> Result<Option<Vec<String>>, ApiError> {
    let Some(filter) = filter else {
        return Ok(None);
    };
    let found = load(Query::new().filter(Some(filter)).top(top)).await?;
    Ok(Some(found.into_iter().map(id).collect()))
}

/// Fetches the job's rows and writes the file: `(file name, bytes, rows)`, or `None`
/// when stopped.
async fn export(
    api: &ApiClient,
    job: &ExportJob,
    separator: Separator,
    locale: Locale,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(usize),
) -> Result<Option<(String, Vec<u8>, usize)>, ExportFailure> {
    let (header, what, name, records) = match job {
        ExportJob::Groups {
            owner,
            owner_name,
            params,
        } => {
            let base = params.api_query();
            let rows = every(
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
            )
            .await;
            (
                <wire::LockGroup as Record>::HEADER,
                "lock-groups",
                owner_name,
                rows.map(records),
            )
        }
        ExportJob::Members {
            owner,
            group,
            group_title,
            query,
        } => {
            let rows = members(api, owner, group, query, stop, progress).await;
            (
                <wire::Membership as Record>::HEADER,
                "members",
                group_title,
                rows.map(records),
            )
        }
        ExportJob::Grants {
            owner,
            group,
            group_title,
            query,
        } => {
            let rows = grants(api, owner, group, query, stop, progress).await;
            let rows = rows.map(records);
            (<wire::Grant as Record>::HEADER, "grants", group_title, rows)
        }
        ExportJob::Locks {
            owner,
            owner_name,
            params,
        } => {
            // The worklist keeps, page by page, the locks something waits for.
            let waiting = params.waiting;
            let rows = every(
                async |q: Query| locks::list(api, owner, &params.worklist_query(q)).await,
                |l| !waiting || pending(l).any(),
                stop,
                progress,
            )
            .await;
            let what = if waiting {
                "locks-waiting-for-sync"
            } else {
                "locks"
            };
            let rows = rows.map(records);
            (<wire::BoundLock as Record>::HEADER, what, owner_name, rows)
        }
        ExportJob::History {
            owner,
            group,
            group_title,
            query,
        } => {
            // The history needs every membership before it can order the events; the
            // progress counts memberships.
            let all = every(
                async |q: Query| {
                    let q = q.expand("boundLock").param("includeUnboundLocks", "true");
                    memberships::list(api, owner, group, &q).await
                },
                |_| true,
                stop,
                progress,
            )
            .await;
            let events = all.map(|all| {
                all.map(|all| {
                    let events = history(&all).events;
                    let kept = events.iter().filter(|e| query.matches(e));
                    kept.map(Record::record).collect::<Vec<_>>()
                })
            });
            (
                <crate::logic::history::HistoryEvent as Record>::HEADER,
                "history",
                group_title,
                events,
            )
        }
        ExportJob::Report {
            what,
            name,
            header,
            records,
        } => {
            progress(records.len());
            (*header, *what, name, Ok(Some(records.clone())))
        }
    };
    let Some(records) = records.map_err(ExportFailure::Api)? else {
        return Ok(None);
    };
    let rows = records.len();
    let bytes = write_csv(&csv::header(locale, header), records, separator)?;
    let file = file_name(&csv::what(locale, what), name, now_ms());
    Ok(Some((file, bytes, rows)))
}
