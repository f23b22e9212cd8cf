//! Bulk work: the export behind "Export CSV" and the two imports. Its code loads as one
//! piece of wasm, on first use or with the idle prefetch: the export (fetching every
//! page, writing the CSV, saving it) and the import dialogs. One split point rather than
//! three keeps the pieces the splitter cuts, and the main module's stubs for them, few
//! (see README "Size"). The main module holds only the small parts below: "Export CSV"
//! with its status, and the openers of the dialogs. Pages hand in plain data and
//! callbacks (the job, the owner and group, a reload); nothing here knows a page.

use leptos::prelude::*;

use crate::api::{use_api, ApiClient};
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::i18n::{code_of, t, t_string, use_i18n, words, I18n, Locale};
use crate::logic::csv_dialect::Separator;
use crate::logic::csv_export::{ExportFailure, ExportState};

pub mod batch_progress;
mod download;
pub mod export;
mod import_groups;
mod import_locks;
mod import_results;
mod import_source;
mod import_wizard;
mod importer;
mod job;

pub use job::ExportJob;

/// What the bulk code is asked for.
pub enum BulkPart {
    /// Start an export with `separator` between its columns; its progress goes to
    /// `state`, `stop` cancels it.
    Export {
        api: ApiClient,
        job: ExportJob,
        separator: Separator,
        /// The language of the file's header and name.
        locale: Locale,
        state: RwSignal<ExportState>,
        stop: RwSignal<bool>,
    },
    /// The "Import locks" dialog of the group `group` of `owner`; `name` (the group's
    /// title) names the results file, `reload` runs after adding.
    ImportLocks {
        open: RwSignal<bool>,
        owner: Signal<String>,
        group: Signal<String>,
        name: Signal<String>,
        reload: Callback<()>,
    },
    /// The "Import groups" dialog of `owner`'s list; `name` (the owner's) names the
    /// results file, `reload` runs after creating.
    ImportGroups {
        open: RwSignal<bool>,
        owner: Signal<String>,
        name: Signal<String>,
        reload: Callback<()>,
    },
}

split_point! {
    bulk, preload_bulk,
    fn bulk_part(part: BulkPart) -> Result<AnyView, CodeMissing> {
        Ok(match part {
            BulkPart::Export { api, job, separator, locale, state, stop } => {
                export::start(api, job, separator, locale, state, stop);
                ().into_any()
            }
            BulkPart::ImportLocks { open, owner, group, name, reload } => {
                import_locks::dialog(open, owner, group, name, reload)
            }
            BulkPart::ImportGroups { open, owner, name, reload } => {
                import_groups::dialog(open, owner, name, reload)
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
fn dialog(open: RwSignal<bool>, part: Callback<(), BulkPart>) -> impl IntoView {
    page_code::on_first_open(open, preload_bulk, move || bulk_part(part.run(())))
}

/// "Import locks" of a group's Members tab; its code loads when it first opens.
#[component]
pub fn ImportLocks(
    open: RwSignal<bool>,
    #[prop(into)] owner: Signal<String>,
    #[prop(into)] group: Signal<String>,
    /// The group's title, for the results file's name.
    #[prop(into)]
    name: Signal<String>,
    /// Reloads what adding changed.
    reload: Callback<()>,
) -> impl IntoView {
    dialog(
        open,
        Callback::new(move |()| BulkPart::ImportLocks {
            open,
            owner,
            group,
            name,
            reload,
        }),
    )
}

/// "Import groups" of the lock group list; its code loads when it first opens.
#[component]
pub fn ImportGroups(
    open: RwSignal<bool>,
    #[prop(into)] owner: Signal<String>,
    /// The owner's name, for the results file's name.
    #[prop(into)]
    owner_name: Signal<String>,
    /// Reloads the list after creating.
    reload: Callback<()>,
) -> impl IntoView {
    dialog(
        open,
        Callback::new(move |()| BulkPart::ImportGroups {
            open,
            owner,
            name: owner_name,
            reload,
        }),
    )
}

/// "Export CSV", the separator its file gets, and its status region (progress, Cancel,
/// the outcome) beside it: the list as `job` says it is filtered now. Non-modal: the admin
/// goes on working meanwhile.
#[component]
pub fn ExportButton(job: Callback<(), ExportJob>) -> impl IntoView {
    // Taken here: the export runs outside the component's reactive context.
    let api = use_api();
    let state = RwSignal::new(ExportState::Idle);
    let stop = RwSignal::new(false);
    let i18n = use_i18n();
    // The admin's choice, else what the language's Excel opens (German: semicolons).
    let chosen = RwSignal::new(None::<Separator>);
    let separator = Signal::derive(move || {
        chosen
            .get()
            .unwrap_or_else(|| Separator::for_language(code_of(i18n)))
    });
    let running = move || matches!(state.get(), ExportState::Running { .. });
    let start = move |_| {
        let (api, job) = (api.clone(), job.run(()));
        stop.set(false);
        state.set(ExportState::Running { rows: 0 });
        leptos::task::spawn_local(async move {
            let part = BulkPart::Export {
                api,
                job,
                separator: separator.get_untracked(),
                locale: i18n.get_locale_untracked(),
                state,
                stop,
            };
            if bulk_part(part).await.is_err() {
                _ = state.try_set(ExportState::Failed(ExportFailure::CodeMissing));
            }
        });
    };
    view! {
        <button type="button" on:click=start disabled=running>{t!(i18n, export.button)}</button>
        <SeparatorChoice separator chosen/>
        <div class="export-status" role="status">
            <span class="export-progress" hidden=move || !running()>
                <label for="export-progress">{move || state.with(|s| progress(i18n, s))}</label>
                <progress id="export-progress"></progress>
                <button type="button" on:click=move |_| stop.set(true)>{t!(i18n, export.cancel)}</button>
            </span>
            {move || state.with(|s| outcome(i18n, s))}
        </div>
    }
}

/// The progress bar's label: "Exporting… 1,200 rows".
fn progress(i18n: I18n, state: &ExportState) -> String {
    let ExportState::Running { rows } = *state else {
        return String::new();
    };
    let (one, count) = (
        words::is_one(i18n, rows as u64),
        words::number(i18n, rows as u64),
    );
    if one {
        t_string!(i18n, export.progress.one, count).to_string()
    } else {
        t_string!(i18n, export.progress.other, count).to_string()
    }
}

/// What the status region says once the export has ended.
fn outcome(i18n: I18n, state: &ExportState) -> String {
    match state {
        ExportState::Idle | ExportState::Running { .. } => String::new(),
        ExportState::Done { rows, file } => {
            let n = *rows as u64;
            let (count, file) = (words::number(i18n, n), file.clone());
            if words::is_one(i18n, n) {
                t_string!(i18n, export.done.one, count, file).to_string()
            } else {
                t_string!(i18n, export.done.other, count, file).to_string()
            }
        }
        ExportState::Cancelled => t_string!(i18n, export.cancelled).to_string(),
        ExportState::Failed(failure) => {
            let error = words::export_failure(i18n, failure);
            t_string!(i18n, export.failed, error).to_string()
        }
    }
}

/// The separator of the exported file, beside "Export CSV": what the admin's Excel opens
/// in columns (English: commas, German: semicolons). The file is UTF-8 with a BOM either way.
#[component]
fn SeparatorChoice(
    separator: Signal<Separator>,
    chosen: RwSignal<Option<Separator>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(s) = Separator::from_key(&event_target_value(&ev)) {
            chosen.set(Some(s));
        }
    };
    let selected = move |s: Separator| move || separator.get() == s;
    // Compact, as it sits in the tabs' toolbars; the tooltip says which Excel wants which.
    view! {
        <select
            id="export-separator"
            class="export-separator"
            aria-label=move || t_string!(i18n, export.separator_label)
            title=move || t_string!(i18n, export.separator_hint)
            on:change=on_change
        >
            <option value="comma" selected=selected(Separator::Comma)>{t!(i18n, export.comma)}</option>
            <option value="semicolon" selected=selected(Separator::Semicolon)>
                {t!(i18n, export.semicolon)}
            </option>
        </select>
    }
}
