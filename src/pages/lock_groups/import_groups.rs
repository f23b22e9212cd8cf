//! "Import groups": lock groups created from a CSV file (title and description columns) or
//! pasted lines, after a preview that flags what would be refused or repeated (see
//! `logic::group_import`); then created one request at a time with progress, Cancel and a
//! result per line (downloadable as CSV). Mounted on each opening; closing the dialog
//! during the creation cancels the rest. Part of the bulk code's piece of wasm (see
//! `pages::bulk`).

use leptos::prelude::*;
use wire::CreateLockGroup;

use super::GroupRows;
use crate::api::{lock_groups, use_api, ApiClient, ApiError, Query};
use crate::components::batch_progress::{focus_by_id, Batch, BatchProgress};
use crate::components::download::{now_ms, save_file};
use crate::components::import_source::{ImportSource, Source};
use crate::components::modal::Modal;
use crate::logic::csv_export::{file_name, to_csv};
use crate::logic::csv_import::ImportError;
use crate::logic::group_import::{
    check, from_csv, from_pasted, GroupResult, GroupVerdict, NewGroup,
};
use crate::pages::bulk::{self, BulkPart};

/// Groups per request while loading the existing titles.
const LOAD_PAGE: u64 = 250;
/// Requests at most: 40 × 250 = 10,000 groups.
const MAX_LOADS: u64 = 40;

type GroupList = LocalResource<Result<GroupRows, ApiError>>;

/// The dialog; its code (the bulk code, see `pages::bulk`) loads when it first opens.
/// `list` is reloaded after creating.
#[component]
pub fn ImportGroups(
    open: RwSignal<bool>,
    owner: Memo<String>,
    owner_name: Signal<String>,
    list: GroupList,
) -> impl IntoView {
    bulk::dialog(
        open,
        Callback::new(move |()| BulkPart::ImportGroups {
            open,
            owner,
            owner_name,
            list,
        }),
    )
}

#[component]
pub fn ImportGroupsDialog(
    open: RwSignal<bool>,
    owner: Memo<String>,
    owner_name: Signal<String>,
    list: GroupList,
) -> impl IntoView {
    view! {
        <Modal open labelledby="import-groups-title" describedby="import-groups-desc">
            <h2 id="import-groups-title">"Import lock groups"</h2>
            <p id="import-groups-desc">
                "Choose a CSV file with a “title” column (and optionally “description”), or "
                "paste one group per line: the title, then a tab and the description. You see "
                "every line checked before anything is created."
            </p>
            {move || open.get().then(|| view! { <Importer open owner owner_name list/> })}
        </Modal>
    }
}

/// The titles of the owner's groups.
async fn titles(api: &ApiClient, owner: &str) -> Result<Vec<String>, ApiError> {
    let mut all = Vec::new();
    for n in 0..MAX_LOADS {
        let q = Query::new().top(LOAD_PAGE).skip(n * LOAD_PAGE);
        let page = lock_groups::list(api, owner, &q).await?;
        let last = (page.len() as u64) < LOAD_PAGE;
        all.extend(page.into_iter().map(|g| g.title));
        if last {
            break;
        }
    }
    Ok(all)
}

fn read(source: &Source) -> Result<Vec<NewGroup>, ImportError> {
    match source {
        Source::Empty => Err(ImportError {
            line: None,
            message: "Paste the groups, or choose a CSV file first.".into(),
        }),
        Source::Pasted(text) => from_pasted(text),
        Source::File { text, .. } => from_csv(text.as_ref().map_err(Clone::clone)?),
    }
}

/// How the result of a line that was not sent starts.
const NOT_SENT: &str = "not sent: ";

/// One opening of the dialog.
#[component]
fn Importer(
    open: RwSignal<bool>,
    owner: Memo<String>,
    owner_name: Signal<String>,
    list: GroupList,
) -> impl IntoView {
    let api = use_api();
    let source = RwSignal::new(Source::Empty);
    let error = RwSignal::new(None::<String>);
    let checked = RwSignal::new(None::<Vec<(NewGroup, GroupVerdict)>>);
    let results = RwSignal::new(None::<Vec<GroupResult>>);
    let batch = Batch::new();

    let preview_api = api.clone();
    let preview = Action::new_local(move |_: &()| {
        let (api, owner) = (preview_api.clone(), owner.get_untracked());
        let read = read(&source.get_untracked());
        async move {
            let groups = match read {
                Ok(g) => g,
                Err(e) => {
                    _ = error.try_set(Some(e.to_string()));
                    return;
                }
            };
            match titles(&api, &owner).await {
                Ok(existing) => {
                    _ = error.try_set(None);
                    _ = checked.try_set(Some(check(&groups, &existing)));
                }
                Err(e) => {
                    _ = error.try_set(Some(format!(
                        "The existing lock groups could not be loaded: {e}"
                    )))
                }
            }
        }
    });

    let create = Action::new_local(move |rows: &Vec<(NewGroup, GroupVerdict)>| {
        let (api, owner) = (api.clone(), owner.get_untracked());
        let rows = rows.clone();
        async move {
            let ready: Vec<&NewGroup> = rows
                .iter()
                .filter(|(_, v)| *v == GroupVerdict::Ready)
                .map(|(g, _)| g)
                .collect();
            let sent = batch
                .each(&ready, async |g: &&NewGroup| {
                    let body = CreateLockGroup {
                        title: Some(g.title.clone()),
                        description: (!g.description.is_empty()).then(|| g.description.clone()),
                    };
                    lock_groups::create(&api, &owner, &body).await
                })
                .await;
            let mut sent = ready.iter().map(|g| g.line).zip(sent);
            let out: Vec<GroupResult> = rows
                .iter()
                .map(|(g, verdict)| {
                    let mut r = GroupResult {
                        line: g.line,
                        title: g.title.clone(),
                        description: g.description.clone(),
                        id: String::new(),
                        result: format!("{NOT_SENT}{}", verdict.describe()),
                        ok: false,
                    };
                    if *verdict == GroupVerdict::Ready {
                        // `sent` holds the ready lines in order.
                        match sent.next().map(|(_, s)| s) {
                            Some(Some(Ok(created))) => {
                                r.id = created.id;
                                r.result = "created".into();
                                r.ok = true;
                            }
                            Some(Some(Err(e))) => r.result = e.to_string(),
                            _ => r.result = format!("{NOT_SENT}the import was cancelled"),
                        }
                    }
                    r
                })
                .collect();
            _ = results.try_set(Some(out));
            list.refetch();
        }
    });
    let running = create.pending();

    let file_error = move || match source.get() {
        Source::File { text: Err(e), .. } => Some(e.to_string()),
        _ => None,
    };

    let input_step = move || {
        view! {
            <ImportSource
                source
                id="import-groups"
                text_label="Lock groups, one per line (title, tab, description)"
                file_label="Or a CSV file"
            />
            {move || file_error().or_else(|| error.get()).map(|e| view! {
                <p class="form-error" role="alert">{e}</p>
            })}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || preview.pending().get()
                    on:click=move |_| { preview.dispatch(()); }
                >
                    {move || if preview.pending().get() { "Checking…" } else { "Preview" }}
                </button>
            </div>
        }
    };

    let preview_step = move |rows: Vec<(NewGroup, GroupVerdict)>| {
        let n = rows
            .iter()
            .filter(|(_, v)| *v == GroupVerdict::Ready)
            .count();
        let skipped = rows.len() - n;
        let confirm = rows.clone();
        view! {
            <p id="import-groups-summary" class="outcomes-summary" role="status" tabindex="-1">
                {format!("Preview: {n} to create, {skipped} skipped.")}
            </p>
            <div class="table-wrap import-table">
                <table class="data">
                    <caption>"Preview of the import, one row per line"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"Line"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Description"</th>
                            <th scope="col">"Check"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(g, v)| {
                            let ready = v == GroupVerdict::Ready;
                            view! {
                                <tr class=if ready { "ready" } else { "skipped" }>
                                    <td class="num" data-label="Line">{g.line}</td>
                                    <th scope="row" data-label="Title">{short(&g.title)}</th>
                                    <td data-label="Description">{short(&g.description)}</td>
                                    <td data-label="Check">
                                        <span aria-hidden="true">{if ready { "✔ " } else { "– " }}</span>
                                        {v.describe()}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| checked.set(None)>"Back"</button>
                <button
                    type="button"
                    class="primary"
                    disabled=n == 0
                    on:click=move |_| { create.dispatch(confirm.clone()); }
                >
                    {match n {
                        1 => "Create 1 group".to_string(),
                        n => format!("Create {n} groups"),
                    }}
                </button>
            </div>
        }
    };

    let results_step = move |out: Vec<GroupResult>| {
        let created = out.iter().filter(|r| r.ok).count();
        let refused = out
            .iter()
            .filter(|r| !r.ok && !r.result.starts_with(NOT_SENT))
            .count();
        let line = format!(
            "{created} created, {refused} refused, {} not sent.",
            out.len() - created - refused
        );
        let download_error = RwSignal::new(None::<String>);
        let file_rows = out.clone();
        let download = move |_| {
            let name = file_name(
                "import-groups-results",
                &owner_name.get_untracked(),
                now_ms(),
            );
            let saved = to_csv(&file_rows).and_then(|b| save_file(&name, &b, "text/csv"));
            download_error.set(saved.err());
        };
        view! {
            <p id="import-groups-summary" class="outcomes-summary" role="status" tabindex="-1">{line}</p>
            <div class="table-wrap import-table">
                <table class="data">
                    <caption>"Results of the import, one row per line"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">"Line"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Result"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {out.into_iter().map(|r| view! {
                            <tr class=if r.ok { "ready" } else { "skipped" }>
                                <td class="num" data-label="Line">{r.line}</td>
                                <th scope="row" data-label="Title">{short(&r.title)}</th>
                                <td data-label="Result">
                                    <span aria-hidden="true">{if r.ok { "✔ " } else { "✖ " }}</span>
                                    {r.result}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || download_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" on:click=download>"Download results (CSV)"</button>
                <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        }
    };

    // Each step is drawn when it starts.
    let step = Memo::new(move |_| {
        if results.with(Option::is_some) {
            Step::Results
        } else if running.get() {
            Step::Running
        } else if checked.with(Option::is_some) {
            Step::Preview
        } else {
            Step::Input
        }
    });
    move || match step.get() {
        Step::Results => {
            focus_by_id("import-groups-summary".into());
            results_step(results.get_untracked().unwrap_or_default()).into_any()
        }
        Step::Running => {
            focus_by_id("batch-cancel".into());
            view! { <BatchProgress batch verb="Creating"/> }.into_any()
        }
        Step::Preview => {
            focus_by_id("import-groups-summary".into());
            preview_step(checked.get_untracked().unwrap_or_default()).into_any()
        }
        Step::Input => {
            focus_by_id("import-groups-text".into());
            input_step().into_any()
        }
    }
}

/// The steps of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Input,
    Preview,
    Running,
    Results,
}

/// At most 80 characters of a long text, for the tables (the file keeps it whole).
fn short(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
