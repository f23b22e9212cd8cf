//! "Export CSV": every page of a list as it is filtered now (the lock groups with their
//! search and sort, a group's members with their state filter and search, its grants),
//! fetched page by page and saved as one CSV file. Non-modal: the progress and Cancel sit
//! in a status region beside the button, and the admin goes on working meanwhile.
//!
//! The button is small and lives with its page; the export itself (fetching, CSV writing,
//! the progress view) is its own piece of wasm, loaded on the first click or by the idle
//! prefetch (see [`page_code::on_first_open`]).

use leptos::prelude::*;

use crate::api::{grants, lock_groups, locks, memberships, use_api, ApiClient, ApiError, Query};
use crate::components::download::{now_ms, save_file};
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::logic::csv_export::{file_name, thousands, write_csv, Record};
use crate::logic::grants_query::{GrantsQuery, CONTACT_LIMIT};
use crate::logic::list_params::ListParams;
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
}

/// Where an export is.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ExportState {
    #[default]
    Idle,
    Running {
        rows: usize,
    },
    Done {
        rows: usize,
        file: String,
    },
    Cancelled,
    Failed(String),
}

/// The "Export CSV" button and its status region; `job` says what the list shows now.
#[component]
pub fn ExportButton(job: Callback<(), ExportJob>) -> impl IntoView {
    // Each click is a new run (its number), so the same job can be exported twice.
    let run = RwSignal::new(None::<(u32, ExportJob)>);
    let state = RwSignal::new(ExportState::Idle);
    let open = RwSignal::new(false);
    let running = move || matches!(state.get(), ExportState::Running { .. });
    let start = move |_| {
        let job = job.run(());
        let n = run.with_untracked(|r| r.as_ref().map_or(1, |(n, _)| n + 1));
        state.set(ExportState::Running { rows: 0 });
        run.set(Some((n, job)));
        open.set(true);
    };
    view! {
        <button type="button" on:click=start disabled=running>"Export CSV"</button>
        <div class="export-status" role="status">
            {page_code::on_first_open(open, preload_export_code, move || export_view(run, state))}
        </div>
    }
}

split_point! {
    export_code, preload_export_code,
    fn export_view(
        run: RwSignal<Option<(u32, ExportJob)>>,
        state: RwSignal<ExportState>,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <ExportRuns run state/> }.into_any())
    }
}

/// Loads the export's code.
pub async fn preload() {
    let _ = preload_export_code().await;
}

/// One [`ExportRun`] per click: a new click replaces (and so stops) the last one.
#[component]
fn ExportRuns(
    run: RwSignal<Option<(u32, ExportJob)>>,
    state: RwSignal<ExportState>,
) -> impl IntoView {
    move || run.get().map(|(_, job)| view! { <ExportRun job state/> })
}

/// Runs one export from its creation; Cancel (or the run being replaced or unmounted,
/// which disposes its `stop`) stops it before its next request.
#[component]
fn ExportRun(job: ExportJob, state: RwSignal<ExportState>) -> impl IntoView {
    let api = use_api();
    let stop = RwSignal::new(false);
    // Gone (replaced by a newer run, or the page left) counts as stopped.
    let stopped = move || stop.try_get_untracked().unwrap_or(true);
    let alive = move || stop.try_get_untracked().is_some();
    leptos::task::spawn_local(async move {
        let progress = |rows| {
            if alive() {
                _ = state.try_set(ExportState::Running { rows });
            }
        };
        let result = export(&api, &job, &stopped, &progress).await;
        let next = match result {
            Ok(None) => ExportState::Cancelled,
            Ok(Some((file, bytes, rows))) => match save_file(&file, &bytes, "text/csv") {
                Ok(()) => ExportState::Done { rows, file },
                Err(e) => ExportState::Failed(e),
            },
            Err(e) => ExportState::Failed(e),
        };
        // A run that was replaced or unmounted reports nothing.
        if alive() {
            _ = state.try_set(next);
        }
    });
    let cancel = move |_| stop.set(true);
    move || match state.get() {
        ExportState::Idle => ().into_any(),
        ExportState::Running { rows } => {
            let label = format!("Exporting… {} rows", thousands(rows));
            view! {
                <label for="export-progress">{label}</label>
                <progress id="export-progress"></progress>
                <button type="button" on:click=cancel>"Cancel export"</button>
            }
            .into_any()
        }
        ExportState::Done { rows, file } => view! {
            <span class="export-done">
                <span aria-hidden="true">"✔ "</span>
                {format!("Exported {} rows to {file}.", thousands(rows))}
            </span>
        }
        .into_any(),
        ExportState::Cancelled => view! {
            <span>"Export cancelled; no file was saved."</span>
        }
        .into_any(),
        ExportState::Failed(e) => view! {
            <span class="field-error">
                {format!("The export failed: {e}")}
            </span>
        }
        .into_any(),
    }
}

/// Every page of `load` (a page shorter than asked is the last), as CSV records; `None`
/// when stopped.
async fn pages<R: Record>(
    load: impl AsyncFn(Query) -> Result<Vec<R>, ApiError>,
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
        records.extend(page.iter().map(Record::record));
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
                    stop,
                    progress,
                    &mut records,
                )
                .await
            }
            .await;
            (<wire::Grant as Record>::HEADER, "grants", group_title, done)
        }
    };
    if !finished.map_err(|e| e.to_string())? {
        return Ok(None);
    }
    let rows = records.len();
    let bytes = write_csv(header, records)?;
    Ok(Some((file_name(what, name, now_ms()), bytes, rows)))
}
