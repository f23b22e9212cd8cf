//! The last step of an import: what became of each line, in one line of words, a table
//! and a CSV file to download; and the table every step of the dialog draws.

use leptos::prelude::*;

use super::download::{now_ms, save_file};
use super::importer::Importer;
use crate::i18n::{csv, t, t_string, use_i18n, words, I18n};
use crate::logic::csv_dialect::Separator;
use crate::logic::csv_export::{file_name, write_csv, ExportFailure};
use crate::logic::import::{tally, Import, LineOutcome};

type Row<I> = <<I as Importer>::Steps as Import>::Result;

/// The results in one line: "20 added, 1 refused, 2 not sent."
fn summary<R: LineOutcome>(i18n: I18n, rows: &[R], verb: String) -> String {
    let t = tally(rows);
    let n = |n: usize| words::number(i18n, n as u64);
    let (done, refused, not_sent) = (n(t.done), n(t.refused), n(t.not_sent));
    t_string!(i18n, import.results_summary, done, verb, refused, not_sent).to_string()
}

/// The results: the summary (focused when drawn), the table, the download and Close.
/// `name` (the group's or the owner's) names the file, written in the language shown.
pub fn results<I: Importer>(
    rows: Vec<Row<I>>,
    name: Signal<String>,
    open: RwSignal<bool>,
    // The imported file's separator (commas for pasted text): the results file gets it too.
    separator: Separator,
) -> impl IntoView {
    let t = I::TEXTS;
    let i18n = use_i18n();
    let download_error = RwSignal::new(None::<ExportFailure>);
    let file_rows = StoredValue::new(rows.clone());
    let download = move |_| {
        let locale = i18n.get_locale_untracked();
        let what = csv::what(locale, &format!("{}-results", t.id));
        let file = file_name(&what, &name.get_untracked(), now_ms());
        let header = csv::header(locale, <Row<I> as LineOutcome>::HEADER);
        let records = file_rows.with_value(|rows| {
            rows.iter()
                .map(|r| {
                    let mut cells = r.cells();
                    cells.push(I::result(i18n, r));
                    cells
                })
                .collect::<Vec<_>>()
        });
        let saved =
            write_csv(&header, records, separator).and_then(|b| save_file(&file, &b, "text/csv"));
        download_error.set(saved.err());
    };
    let input_header = move || (t.input_header)(i18n);
    let headers = vec![
        TextProp::from(move || t_string!(i18n, import.col.line)),
        TextProp::from(input_header),
        TextProp::from(move || t_string!(i18n, import.col.result)),
    ];
    let summary_rows = rows.clone();
    view! {
        <p id=format!("{}-summary", t.id) class="outcomes-summary" role="status" tabindex="-1">
            {move || summary(i18n, &summary_rows, (t.done)(i18n))}
        </p>
        <ImportTable caption=TextProp::from(move || t_string!(i18n, import.results_caption)) headers>
            {rows.into_iter().map(|r| {
                let ok = r.ok();
                let (line, input) = (r.line(), r.input());
                view! {
                    <tr class=if ok { "ready" } else { "skipped" }>
                        <td class="num" data-label=move || t_string!(i18n, import.col.line)>{line}</td>
                        <th scope="row" data-label=input_header>{input}</th>
                        <td data-label=move || t_string!(i18n, import.col.result)>
                            <span aria-hidden="true">{if ok { "✔ " } else { "✖ " }}</span>
                            {move || I::result(i18n, &r)}
                        </td>
                    </tr>
                }
            }).collect_view()}
        </ImportTable>
        {move || download_error.get().map(|e| view! {
            <p class="form-error" role="alert">{words::export_failure(i18n, &e)}</p>
        })}
        <div class="dialog-actions">
            <button type="button" on:click=download>{t!(i18n, import.download)}</button>
            <button type="button" class="primary" on:click=move |_| open.set(false)>{t!(i18n, import.close)}</button>
        </div>
    }
}

/// A table of the dialog: a caption, the column headers (the first one numeric), the rows.
#[component]
pub fn ImportTable(caption: TextProp, headers: Vec<TextProp>, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap import-table">
            <table class="data">
                <caption>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {headers.into_iter().enumerate().map(|(i, h)| view! {
                            <th scope="col" class=(i == 0).then_some("num")>{move || h.get()}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
