//! The last step of an import: what became of each line, in one line of words, a table
//! and a CSV file to download; and the table every step of the dialog draws.

use leptos::prelude::*;

use super::download::{now_ms, save_file};
use crate::i18n::{csv, use_i18n, words};
use crate::logic::csv_dialect::Separator;
use crate::logic::csv_export::{file_name, write_csv, ExportFailure, Record};
use crate::logic::import::{results_summary, LineOutcome};

/// The words of one import's dialog; `id` prefixes its elements' ids.
pub struct Texts {
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub text_label: &'static str,
    /// The label of a file's column picker (with `Import::COLUMNS`).
    pub column_label: &'static str,
    /// The Preview button while the check loads: "Checking…".
    pub checking: &'static str,
    /// "The locks could not be loaded" (the reason follows).
    pub load_failed: &'static str,
    /// The progress: "Adding… 3 of 10".
    pub verb: &'static str,
    /// The results' summary: "3 added, …".
    pub done: &'static str,
    /// The results table's column of what each line said.
    pub input_header: &'static str,
    /// The confirm button for `n` lines: "Add 3 locks".
    pub confirm: fn(usize) -> String,
}

/// The results: the summary (focused when drawn), the table, the download and Close.
/// `name` (the group's or the owner's) names the file.
#[component]
pub fn Results<R: Record + LineOutcome + Clone + Send + Sync + 'static>(
    rows: Vec<R>,
    texts: &'static Texts,
    name: Signal<String>,
    open: RwSignal<bool>,
    /// The imported file's separator (commas for pasted text): the results file gets it too.
    separator: Separator,
) -> impl IntoView {
    let t = texts;
    let i18n = use_i18n();
    let download_error = RwSignal::new(None::<ExportFailure>);
    let file_rows = rows.clone();
    let download = move |_| {
        let locale = i18n.get_locale_untracked();
        let what = csv::what(locale, &format!("{}-results", t.id));
        let file = file_name(&what, &name.get_untracked(), now_ms());
        let header = csv::header(locale, R::HEADER);
        let records = file_rows.iter().map(Record::record);
        let saved =
            write_csv(&header, records, separator).and_then(|b| save_file(&file, &b, "text/csv"));
        download_error.set(saved.err());
    };
    view! {
        <p id=format!("{}-summary", t.id) class="outcomes-summary" role="status" tabindex="-1">
            {results_summary(&rows, t.done)}
        </p>
        <ImportTable caption="Results of the import, one row per line" headers=vec!["Line", t.input_header, "Result"]>
            {rows.into_iter().map(|r| view! {
                <tr class=if r.ok() { "ready" } else { "skipped" }>
                    <td class="num" data-label="Line">{r.line()}</td>
                    <th scope="row" data-label=t.input_header>{r.input()}</th>
                    <td data-label="Result">
                        <span aria-hidden="true">{if r.ok() { "✔ " } else { "✖ " }}</span>
                        {r.result().to_string()}
                    </td>
                </tr>
            }).collect_view()}
        </ImportTable>
        {move || download_error.get().map(|e| view! {
            <p class="form-error" role="alert">{words::export_failure(i18n, &e)}</p>
        })}
        <div class="dialog-actions">
            <button type="button" on:click=download>"Download results (CSV)"</button>
            <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
        </div>
    }
}

/// A table of the dialog: a caption, the column headers (the first one numeric), the rows.
#[component]
pub fn ImportTable(
    caption: &'static str,
    headers: Vec<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap import-table">
            <table class="data">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {headers.into_iter().enumerate().map(|(i, h)| view! {
                            <th scope="col" class=(i == 0).then_some("num")>{h}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
