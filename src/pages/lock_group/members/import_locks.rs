//! "Import locks": lock titles or ids pasted one per line, or a column of a CSV file,
//! matched to the owner's locks (see `logic::lock_matcher`), shown as a preview, and on
//! confirmation added one request at a time with progress, Cancel and a result per line
//! (downloadable as CSV). The dialog's content is mounted on each opening, so every
//! opening starts fresh; closing it during the adding cancels the rest. Part of the bulk
//! code's piece of wasm (see `pages::bulk`).

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::api::{locks, memberships, use_api, ApiClient, ApiError, Query};
use crate::components::batch_progress::{focus_by_id, Batch, BatchProgress};
use crate::components::download::{now_ms, save_file};
use crate::components::group_context::use_group;
use crate::components::import_source::{ImportSource, Source};
use crate::components::modal::Modal;
use crate::logic::csv_export::{file_name, to_csv};
use crate::logic::csv_import::{parse_csv, pasted, ImportError, Table};
use crate::logic::list_params::Rows;
use crate::logic::lock_matcher::{self, check, to_add, Checked, Entry, LineResult, Lock, Verdict};
use crate::pages::bulk::{self, BulkPart};
use wire::Membership;

/// Rows per request while loading the owner's locks and the group's members.
const LOAD_PAGE: u64 = 250;
/// Requests at most per list: 40 × 250 = 10,000 locks.
const MAX_LOADS: u64 = 40;
/// Column headers picked by default, in this order.
const LOCK_COLUMNS: [&str; 5] = ["id", "lock id", "title", "lock title", "lock"];

type MembersList = LocalResource<Result<Rows<Membership>, ApiError>>;

/// The dialog; its code (the bulk code, see `pages::bulk`) loads when it first opens.
/// `list` is the tab's list, reloaded after adding.
#[component]
pub fn ImportLocks(open: RwSignal<bool>, list: MembersList) -> impl IntoView {
    bulk::dialog(
        open,
        Callback::new(move |()| BulkPart::ImportLocks { open, list }),
    )
}

#[component]
pub fn ImportLocksDialog(open: RwSignal<bool>, list: MembersList) -> impl IntoView {
    view! {
        <Modal open labelledby="import-locks-title" describedby="import-locks-desc">
            <h2 id="import-locks-title">"Import locks"</h2>
            <p id="import-locks-desc">
                "Paste lock titles or ids, one per line, or choose a CSV file and the column "
                "that holds them. You see what each line matches before anything is added."
            </p>
            {move || open.get().then(|| view! { <Importer open list/> })}
        </Modal>
    }
}

/// The owner's locks and the group's current members, loaded for matching.
#[derive(Clone, PartialEq)]
struct Known {
    locks: Vec<Lock>,
    members: HashSet<String>,
}

async fn all_pages<T>(
    load: impl AsyncFn(Query) -> Result<Vec<T>, ApiError>,
) -> Result<Vec<T>, ApiError> {
    let mut all = Vec::new();
    for n in 0..MAX_LOADS {
        let page = load(Query::new().top(LOAD_PAGE).skip(n * LOAD_PAGE)).await?;
        let last = (page.len() as u64) < LOAD_PAGE;
        all.extend(page);
        if last {
            break;
        }
    }
    Ok(all)
}

async fn load_known(api: &ApiClient, owner: &str, group: &str) -> Result<Known, ApiError> {
    let locks = all_pages(async |q: Query| locks::list(api, owner, &q).await).await?;
    // A member is a lock whose leave has not started (what the API refuses to add again).
    let members = all_pages(async |q: Query| {
        let q = q.filter(Some("leaveStartDate eq null".into()));
        memberships::list(api, owner, group, &q).await
    })
    .await?;
    Ok(Known {
        locks: locks
            .into_iter()
            .map(|l| Lock {
                id: l.id,
                title: l.title,
            })
            .collect(),
        members: members.into_iter().map(|m| m.bound_lock_id).collect(),
    })
}

/// The entries of the input: every pasted line, or the chosen column of the file.
fn entries(source: &Source, column: usize) -> Result<Vec<Entry>, ImportError> {
    match source {
        Source::Empty => Err(ImportError {
            line: None,
            message: "Paste lock titles or ids, or choose a CSV file first.".into(),
        }),
        Source::Pasted(text) => Ok(pasted(text)?
            .into_iter()
            .map(|l| Entry {
                line: l.number,
                text: l.fields.join("\t").trim().to_string(),
            })
            .collect()),
        Source::File { text, .. } => {
            let table = parse_csv(text.as_ref().map_err(Clone::clone)?)?;
            Ok(table
                .lines
                .iter()
                .map(|l| Entry {
                    line: l.number,
                    text: l.field(column).to_string(),
                })
                .collect())
        }
    }
}

/// One opening of the dialog.
#[component]
fn Importer(open: RwSignal<bool>, list: MembersList) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let source = RwSignal::new(Source::Empty);
    let chosen_column = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);
    let entries_shown = RwSignal::new(Vec::<Entry>::new());
    let known = RwSignal::new(None::<Known>);
    let picks = RwSignal::new(HashMap::<usize, String>::new());
    let results = RwSignal::new(None::<Vec<LineResult>>);
    let batch = Batch::new();

    // The file's table, for its column picker.
    let table = Memo::new(move |_| match source.get() {
        Source::File { text: Ok(t), .. } => parse_csv(&t).ok(),
        _ => None,
    });
    let column = Signal::derive(move || {
        chosen_column.get().unwrap_or_else(|| {
            table.with(|t| {
                t.as_ref()
                    .and_then(|t: &Table| t.column(&LOCK_COLUMNS))
                    .unwrap_or(0)
            })
        })
    });
    let checked = Memo::new(move |_| {
        known.with(|k| {
            k.as_ref()
                .map(|k| entries_shown.with(|e| picks.with(|p| check(e, &k.locks, &k.members, p))))
        })
    });

    let preview_api = api.clone();
    let preview = Action::new_local(move |_: &()| {
        let (api, owner, group) = (
            preview_api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
        );
        let read = entries(&source.get_untracked(), column.get_untracked());
        async move {
            let entries = match read {
                Ok(e) => e,
                Err(e) => {
                    _ = error.try_set(Some(e.to_string()));
                    return;
                }
            };
            match load_known(&api, &owner, &group).await {
                Ok(k) => {
                    _ = error.try_set(None);
                    _ = entries_shown.try_set(entries);
                    _ = picks.try_set(HashMap::new());
                    _ = known.try_set(Some(k));
                }
                Err(e) => _ = error.try_set(Some(format!("The locks could not be loaded: {e}"))),
            }
        }
    });

    let add = Action::new_local(move |checked: &Vec<Checked>| {
        let (api, owner, group) = (
            api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
        );
        let checked = checked.clone();
        async move {
            let items = to_add(&checked);
            let sent = batch
                .each(&items, async |(_, lock): &(usize, Lock)| {
                    memberships::create(&api, &owner, &group, &lock.id).await
                })
                .await;
            let mut outcome: HashMap<usize, Option<Result<(), String>>> = items
                .iter()
                .zip(sent)
                .map(|((line, _), r)| (*line, r.map(|r| r.map(|_| ()).map_err(|e| e.to_string()))))
                .collect();
            let out = checked
                .iter()
                .map(|c| line_result(c, outcome.remove(&c.line)))
                .collect();
            _ = results.try_set(Some(out));
            list.refetch();
            ctx.group.refetch();
        }
    });
    let running = add.pending();

    let on_column = move |ev: leptos::ev::Event| {
        chosen_column.set(event_target_value(&ev).parse().ok());
    };
    let file_error = move || match source.get() {
        Source::File { text: Err(e), .. } => Some(e.to_string()),
        Source::File { text: Ok(t), .. } => parse_csv(&t).err().map(|e| e.to_string()),
        _ => None,
    };

    let input_step = move || {
        view! {
            <ImportSource
                source
                id="import-locks"
                text_label="Lock titles or ids, one per line"
                file_label="Or a CSV file"
            />
            {move || table.get().map(|t| view! {
                <div class="field">
                    <label for="import-locks-column">"Column with the lock titles or ids"</label>
                    <select id="import-locks-column" on:change=on_column>
                        {t.header.iter().enumerate().map(|(i, h)| view! {
                            <option value=i.to_string() selected=move || column.get() == i>
                                {h.clone()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            })}
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
                    {move || if preview.pending().get() { "Loading locks…" } else { "Preview" }}
                </button>
            </div>
        }
    };

    // The preview follows the picks: only its table and counts change, so focus stays.
    let rows = move || checked.get().unwrap_or_default();
    let ready = Memo::new(move |_| checked.with(|c| c.as_deref().map_or(0, |c| to_add(c).len())));
    let preview_step = move || {
        focus_by_id("import-locks-summary".into());
        view! {
            <p id="import-locks-summary" class="outcomes-summary" role="status" tabindex="-1">
                {move || format!("Preview: {}.", checked.with(|c| lock_matcher::summary(c.as_deref().unwrap_or_default())))}
            </p>
            {move || view! { <PreviewTable rows=rows() picks/> }}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| known.set(None)>"Back"</button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || ready.get() == 0
                    on:click=move |_| { add.dispatch(rows()); }
                >
                    {move || match ready.get() {
                        1 => "Add 1 lock".to_string(),
                        n => format!("Add {n} locks"),
                    }}
                </button>
            </div>
        }
    };

    let group_title = move || {
        ctx.group
            .get()
            .and_then(Result::ok)
            .map_or_else(|| ctx.id.get_untracked(), |g| g.title)
    };
    let results_step = move |out: Vec<LineResult>| {
        let added = out.iter().filter(|r| r.ok).count();
        let refused = out
            .iter()
            .filter(|r| !r.ok && !r.result.starts_with(NOT_SENT))
            .count();
        let line = format!(
            "{added} added, {refused} refused, {} not sent.",
            out.len() - added - refused
        );
        let download_error = RwSignal::new(None::<String>);
        let file_rows = out.clone();
        let download = move |_| {
            let name = file_name("import-locks-results", &group_title(), now_ms());
            let saved = to_csv(&file_rows).and_then(|b| save_file(&name, &b, "text/csv"));
            download_error.set(saved.err());
        };
        focus_by_id("import-locks-summary".into());
        view! {
            <p id="import-locks-summary" class="outcomes-summary" role="status" tabindex="-1">{line}</p>
            <ResultsTable rows=out/>
            {move || download_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" on:click=download>"Download results (CSV)"</button>
                <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        }
    };

    // Each step is drawn when it starts; what changes within a step updates in place.
    let step = Memo::new(move |_| {
        if results.with(Option::is_some) {
            Step::Results
        } else if running.get() {
            Step::Running
        } else if known.with(Option::is_some) {
            Step::Preview
        } else {
            Step::Input
        }
    });
    move || match step.get() {
        Step::Results => results_step(results.get_untracked().unwrap_or_default()).into_any(),
        Step::Running => {
            focus_by_id("batch-cancel".into());
            view! { <BatchProgress batch verb="Adding"/> }.into_any()
        }
        Step::Preview => preview_step().into_any(),
        Step::Input => {
            focus_by_id("import-locks-text".into());
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

/// How the result of a line that was not sent starts.
const NOT_SENT: &str = "not sent: ";

/// A line's result: its verdict when it was not to be sent, else what the server said.
fn line_result(c: &Checked, sent: Option<Option<Result<(), String>>>) -> LineResult {
    let (lock_id, lock_title) = match &c.verdict {
        Verdict::Matched(l, _) | Verdict::AlreadyMember(l) => (l.id.clone(), l.title.clone()),
        _ => Default::default(),
    };
    let (ok, result) = match sent {
        Some(Some(Ok(()))) => (true, "added, waiting for the lock to sync".to_string()),
        Some(Some(Err(e))) => (false, e),
        Some(None) => (false, format!("{NOT_SENT}the import was cancelled")),
        None => (false, format!("{NOT_SENT}{}", c.verdict.describe())),
    };
    LineResult {
        line: c.line,
        input: c.text.clone(),
        lock_id,
        lock_title,
        result,
        ok,
    }
}

/// The preview: one row per line, what it matched, and a pick where titles are shared.
#[component]
fn PreviewTable(rows: Vec<Checked>, picks: RwSignal<HashMap<usize, String>>) -> impl IntoView {
    view! {
        <div class="table-wrap import-table">
            <table class="data">
                <caption>"Preview of the import, one row per line"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">"Line"</th>
                        <th scope="col">"Input"</th>
                        <th scope="col">"Lock"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|c| {
                        let ready = c.verdict.is_ready();
                        let icon = match &c.verdict {
                            Verdict::Matched(..) => "✔ ",
                            Verdict::Ambiguous => "⚠ ",
                            Verdict::NoSuchLock => "✖ ",
                            _ => "– ",
                        };
                        let line = c.line;
                        let pick = (!c.candidates.is_empty()).then(|| {
                            let chosen = match &c.verdict {
                                Verdict::Matched(l, _) => l.id.clone(),
                                _ => String::new(),
                            };
                            view! {
                                <select
                                    id=format!("pick-line-{line}")
                                    aria-label=format!("Lock for line {line}")
                                    on:change=move |ev| {
                                        let id = event_target_value(&ev);
                                        picks.update(|p| {
                                            if id.is_empty() { p.remove(&line); } else { p.insert(line, id); }
                                        });
                                        // The table is drawn anew with the pick: stay on it.
                                        focus_by_id(format!("pick-line-{line}"));
                                    }
                                >
                                    <option value="" selected=chosen.is_empty()>"Pick a lock…"</option>
                                    {c.candidates.iter().map(|l| view! {
                                        <option value=l.id.clone() selected=l.id == chosen>
                                            {format!("{} (id {})", l.title, l.id)}
                                        </option>
                                    }).collect_view()}
                                </select>
                            }
                        });
                        view! {
                            <tr class=if ready { "ready" } else { "skipped" }>
                                <td class="num" data-label="Line">{line}</td>
                                <th scope="row" data-label="Input">{c.text.clone()}</th>
                                <td data-label="Lock">
                                    <span aria-hidden="true">{icon}</span>
                                    {c.verdict.describe()}
                                    {pick}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The result of every line.
#[component]
fn ResultsTable(rows: Vec<LineResult>) -> impl IntoView {
    view! {
        <div class="table-wrap import-table">
            <table class="data">
                <caption>"Results of the import, one row per line"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">"Line"</th>
                        <th scope="col">"Input"</th>
                        <th scope="col">"Result"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class=if r.ok { "ready" } else { "skipped" }>
                            <td class="num" data-label="Line">{r.line}</td>
                            <th scope="row" data-label="Input">{r.input}</th>
                            <td data-label="Result">
                                <span aria-hidden="true">{if r.ok { "✔ " } else { "✖ " }}</span>
                                {r.result}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
