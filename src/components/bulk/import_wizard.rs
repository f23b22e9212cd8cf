//! The one import dialog: source → preview → run → results. What is read, checked and
//! sent is the import's (`logic::import::Import`, with the requests and the preview's
//! table in `Importer`); the steps, the progress with Cancel, the results with their CSV
//! download are written once here. The content is mounted on each opening, so every
//! opening starts fresh; closing the dialog during the run cancels the rest.

use leptos::prelude::*;

use super::batch_progress::{focus_by_id, Batch, BatchProgress};
use super::import_results::results as results_step;
use super::import_source::ImportSource;
use super::importer::Importer;
use crate::api::{use_api, ApiError};
use crate::components::modal::Modal;
use crate::i18n::{import as words, t, t_string, use_i18n};
use crate::logic::csv_import::ImportError;
use crate::logic::import::{default_column, results, Import, Picks, Sent, Source};

type Known<I> = <<I as Importer>::Steps as Import>::Known;
type Checked<I> = <<I as Importer>::Steps as Import>::Checked;
type Line<I> = <<I as Importer>::Steps as Import>::Line;

/// Why the preview did not open: the input cannot be read, or the check's request failed.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
    Input(ImportError),
    Load(ApiError),
}

/// The steps of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Input,
    Preview,
    Running,
    Results,
}

/// The dialog; `name` (the group's or the owner's) names the results file, `reload` runs
/// after the import sent its lines.
pub fn dialog<I: Importer>(
    open: RwSignal<bool>,
    import: I,
    name: Signal<String>,
    reload: Callback<()>,
) -> AnyView {
    let t = I::TEXTS;
    let i18n = use_i18n();
    view! {
        <Modal open labelledby=format!("{}-title", t.id) describedby=format!("{}-desc", t.id)>
            <h2 id=format!("{}-title", t.id)>{move || (t.title)(i18n)}</h2>
            <p id=format!("{}-desc", t.id)>{move || (t.intro)(i18n)}</p>
            {
                let import = import.clone();
                move || {
                    let import = import.clone();
                    open.get().then(|| untrack(|| steps(open, import, name, reload)))
                }
            }
        </Modal>
    }
    .into_any()
}

/// One opening of the dialog.
fn steps<I: Importer>(
    open: RwSignal<bool>,
    import: I,
    name: Signal<String>,
    reload: Callback<()>,
) -> AnyView {
    let t = I::TEXTS;
    let api = use_api();
    let i18n = use_i18n();
    let source = RwSignal::new(Source::Empty);
    let chosen_column = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<Failure>);
    let lines = RwSignal::new(Vec::<Line<I>>::new());
    let known = RwSignal::new(None::<Known<I>>);
    let picks = RwSignal::new(Picks::new());
    let done = RwSignal::new(None::<Vec<<I::Steps as Import>::Result>>);
    let batch = Batch::new();

    // A file's table, for the column picker of an import that has one.
    let table = Memo::new(move |_| I::Steps::COLUMNS.and_then(|_| source.with(Source::table)));
    let column = Signal::derive(move || {
        chosen_column.get().unwrap_or_else(|| {
            let names = I::Steps::COLUMNS.unwrap_or_default();
            table.with(|t| t.as_ref().map_or(0, |t| default_column(t, names)))
        })
    });
    let checked = Memo::new(move |_| {
        known.with(|k| {
            k.as_ref()
                .map(|k| lines.with(|l| picks.with(|p| I::Steps::check(l, k, p))))
        })
    });

    let (preview_api, preview_import) = (api.clone(), import.clone());
    let preview = Action::new_local(move |_: &()| {
        let (api, import) = (preview_api.clone(), preview_import.clone());
        let read = I::Steps::lines(&source.get_untracked(), column.get_untracked());
        async move {
            let read = match read {
                Ok(l) => l,
                Err(e) => {
                    _ = error.try_set(Some(Failure::Input(e)));
                    return;
                }
            };
            match import.known(&api).await {
                Ok(k) => {
                    _ = error.try_set(None);
                    _ = lines.try_set(read);
                    _ = picks.try_set(Picks::new());
                    _ = known.try_set(Some(k));
                }
                Err(e) => _ = error.try_set(Some(Failure::Load(e))),
            }
        }
    });

    let run = Action::new_local(move |checked: &Vec<Checked<I>>| {
        let (api, import, checked) = (api.clone(), import.clone(), checked.clone());
        async move {
            let items = I::Steps::to_send(&checked);
            let sent = batch
                .each(&items, async |(_, item)| import.send(&api, item).await)
                .await;
            let sent = items
                .iter()
                .zip(sent)
                .map(|((line, _), s)| (*line, Sent::from(s)));
            _ = done.try_set(Some(results::<I::Steps>(&checked, sent.collect())));
            reload.run(());
        }
    });
    let running = run.pending();

    let file_error = move || match source.get() {
        Source::File { text: Err(e), .. } => Some(Failure::Input(e)),
        Source::File { text: Ok(text), .. } if I::Steps::COLUMNS.is_some() => {
            crate::logic::csv_import::parse_csv(&text)
                .err()
                .map(Failure::Input)
        }
        _ => None,
    };
    let failure_words = move |f: Failure| match f {
        Failure::Input(e) => words::error(i18n, &e, t.nothing_entered),
        Failure::Load(e) => {
            let (what, error) = ((t.load_failed)(i18n), crate::i18n::words::error(i18n, &e));
            t_string!(i18n, import.load_failed, what, error).to_string()
        }
    };
    let on_column =
        move |ev: leptos::ev::Event| chosen_column.set(event_target_value(&ev).parse().ok());
    let column_id = format!("{}-column", t.id);
    let input_step = move || {
        let column_id = column_id.clone();
        view! {
            <ImportSource
                source
                id=t.id
                text_label=TextProp::from(move || (t.text_label)(i18n))
                file_label=TextProp::from(move || t_string!(i18n, import.file_label))
            />
            {move || table.get().map(|table| view! {
                <div class="field">
                    <label for=column_id.clone()>{move || (t.column_label)(i18n)}</label>
                    <select id=column_id.clone() on:change=on_column>
                        {table.header.iter().enumerate().map(|(i, h)| view! {
                            <option value=i.to_string() selected=move || column.get() == i>{h.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {move || source.with(Source::separator).map(|s| view! {
                <p class="hint">{move || {
                    let separator = words::separators(i18n, s);
                    t_string!(i18n, import.separated_by, separator).to_string()
                }}</p>
            })}
            {move || file_error().or_else(|| error.get()).map(|e| view! {
                <p class="form-error" role="alert">{move || failure_words(e.clone())}</p>
            })}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| open.set(false)>{t!(i18n, import.close)}</button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || preview.pending().get()
                    on:click=move |_| { preview.dispatch(()); }
                >
                    {move || if preview.pending().get() {
                        (t.checking)(i18n)
                    } else {
                        t_string!(i18n, import.preview).to_string()
                    }}
                </button>
            </div>
        }
    };

    // The preview follows the picks: only its table and counts change, so focus stays.
    let summary_id = format!("{}-summary", t.id);
    let rows = move || checked.get().unwrap_or_default();
    let ready = Memo::new(move |_| {
        checked.with(|c| c.as_deref().map_or(0, |c| I::Steps::to_send(c).len()))
    });
    let preview_summary = move || {
        let counts = checked.with(|c| I::Steps::counts(c.as_deref().unwrap_or_default()));
        let counts = (t.counts)(i18n, counts);
        t_string!(i18n, import.preview_summary, counts).to_string()
    };
    let preview_step = move || {
        view! {
            <p id=summary_id.clone() class="outcomes-summary" role="status" tabindex="-1">
                {preview_summary}
            </p>
            {move || I::preview(rows(), picks)}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| known.set(None)>{t!(i18n, import.back)}</button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || ready.get() == 0
                    on:click=move |_| { run.dispatch(rows()); }
                >
                    {move || (t.confirm)(i18n, ready.get())}
                </button>
            </div>
        }
    };

    // Each step is drawn when it starts; what changes within a step updates in place.
    let step = Memo::new(move |_| {
        if done.with(Option::is_some) {
            Step::Results
        } else if running.get() {
            Step::Running
        } else if known.with(Option::is_some) {
            Step::Preview
        } else {
            Step::Input
        }
    });
    let focus = move |what: &str| focus_by_id(format!("{}-{what}", t.id));
    (move || match step.get() {
        Step::Results => {
            focus("summary");
            let rows = done.get_untracked().unwrap_or_default();
            let separator = source.with_untracked(Source::separator).unwrap_or_default();
            results_step::<I>(rows, name, open, separator).into_any()
        }
        Step::Running => {
            focus_by_id("batch-cancel".into());
            let verb = TextProp::from(move || (t.verb)(i18n));
            let cancel = TextProp::from(move || t_string!(i18n, import.cancel));
            view! { <BatchProgress batch verb cancel/> }.into_any()
        }
        Step::Preview => {
            focus("summary");
            preview_step().into_any()
        }
        Step::Input => {
            focus("text");
            input_step().into_any()
        }
    })
    .into_any()
}
