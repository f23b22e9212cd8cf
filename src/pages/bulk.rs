//! Bulk work's code loads as one piece of wasm, on first use or with the idle prefetch:
//! the export (fetching every page, writing the CSV, saving it) and the two import
//! dialogs. One split point rather than three keeps the pieces the splitter cuts, and the
//! main module's stubs for them, few (see README "Size"). Pages show only the small
//! parts: "Export CSV" with its status, and the buttons that open the dialogs.

use leptos::prelude::*;

use crate::api::{use_api, ApiClient, ApiError};
use crate::components::export::{self, ExportJob};
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::logic::csv_export::ExportState;
use crate::logic::list_params::Rows;
use crate::pages::lock_group::members::import_locks::ImportLocksDialog;
use crate::pages::lock_groups::{import_groups::ImportGroupsDialog, GroupRows};
use wire::Membership;

/// What the bulk code is asked for.
pub enum BulkPart {
    /// Start an export; its progress goes to `state`, `stop` cancels it.
    Export {
        api: ApiClient,
        job: ExportJob,
        state: RwSignal<ExportState>,
        stop: RwSignal<bool>,
    },
    /// The "Import locks" dialog of a group's Members tab (`list` is reloaded after).
    ImportLocks {
        open: RwSignal<bool>,
        list: LocalResource<Result<Rows<Membership>, ApiError>>,
    },
    /// The "Import groups" dialog of the list (`list` is reloaded after).
    ImportGroups {
        open: RwSignal<bool>,
        owner: Memo<String>,
        owner_name: Signal<String>,
        list: LocalResource<Result<GroupRows, ApiError>>,
    },
}

split_point! {
    bulk, preload_bulk,
    fn bulk_part(part: BulkPart) -> Result<AnyView, CodeMissing> {
        Ok(match part {
            BulkPart::Export { api, job, state, stop } => {
                export::start(api, job, state, stop);
                ().into_any()
            }
            BulkPart::ImportLocks { open, list } => {
                view! { <ImportLocksDialog open list/> }.into_any()
            }
            BulkPart::ImportGroups { open, owner, owner_name, list } => {
                view! { <ImportGroupsDialog open owner owner_name list/> }.into_any()
            }
        })
    }
}

/// Loads the bulk code.
pub async fn preload() {
    let _ = preload_bulk().await;
}

/// A dialog of the bulk code, mounted when `open` first turns true (see
/// [`page_code::on_first_open`]).
///
/// Not generic: the opener's code is then one copy for every page that has one.
pub fn dialog(open: RwSignal<bool>, part: Callback<(), BulkPart>) -> impl IntoView {
    page_code::on_first_open(open, preload_bulk, move || bulk_part(part.run(())))
}

/// "Export CSV" and its status region (progress, Cancel, the outcome) beside it: the list
/// as `job` says it is filtered now. Non-modal: the admin goes on working meanwhile.
#[component]
pub fn ExportButton(job: Callback<(), ExportJob>) -> impl IntoView {
    // Taken here: the export runs outside the component's reactive context.
    let api = use_api();
    let state = RwSignal::new(ExportState::Idle);
    let stop = RwSignal::new(false);
    let running = move || matches!(state.get(), ExportState::Running { .. });
    let start = move |_| {
        let (api, job) = (api.clone(), job.run(()));
        stop.set(false);
        state.set(ExportState::Running { rows: 0 });
        leptos::task::spawn_local(async move {
            let part = BulkPart::Export {
                api,
                job,
                state,
                stop,
            };
            if bulk_part(part).await.is_err() {
                _ = state.try_set(ExportState::Failed(
                    "part of the console did not download. Reload the page to try again.".into(),
                ));
            }
        });
    };
    view! {
        <button type="button" on:click=start disabled=running>"Export CSV"</button>
        <div class="export-status" role="status">
            <span class="export-progress" hidden=move || !running()>
                <label for="export-progress">{move || state.with(ExportState::progress)}</label>
                <progress id="export-progress"></progress>
                <button type="button" on:click=move |_| stop.set(true)>"Cancel export"</button>
            </span>
            {move || state.with(ExportState::outcome)}
        </div>
    }
}
