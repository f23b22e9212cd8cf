//! "Import groups": lock groups created from a CSV file (title and description columns) or
//! pasted lines, after a preview that flags what would be refused or repeated (see
//! `logic::group_import`); then created one request at a time.

use leptos::prelude::*;
use wire::{CreateLockGroup, MAX_DESCRIPTION, MAX_TITLE};

use super::import_results::ImportTable;
use super::import_wizard;
use super::importer::{Importer, Texts};
use crate::api::paging::{all_pages, every_page};
use crate::api::{lock_groups, ApiClient, ApiError};
use crate::i18n::{import, t_string, use_i18n, words, I18n};
use crate::logic::group_import::{GroupImport, GroupResult, GroupVerdict, NewGroup};
use crate::logic::import::{short, Picks};
use crate::logic::limits::IMPORT_CHECK;

/// The import into `owner`'s groups.
#[derive(Clone)]
struct Groups {
    owner: Signal<String>,
}

pub fn dialog(
    open: RwSignal<bool>,
    owner: Signal<String>,
    name: Signal<String>,
    reload: Callback<()>,
) -> AnyView {
    import_wizard::dialog(open, Groups { owner }, name, reload)
}

impl Importer for Groups {
    type Steps = GroupImport;
    const TEXTS: &'static Texts = &Texts {
        id: "import-groups",
        title: |i18n| t_string!(i18n, import.groups.title).to_string(),
        intro: |i18n| t_string!(i18n, import.groups.intro).to_string(),
        text_label: |i18n| t_string!(i18n, import.groups.text_label).to_string(),
        // No column picker: the file's title and description columns are read by name.
        column_label: |_| String::new(),
        checking: |i18n| t_string!(i18n, import.groups.checking).to_string(),
        load_failed: |i18n| t_string!(i18n, import.groups.load_failed).to_string(),
        verb: |i18n| t_string!(i18n, import.groups.verb).to_string(),
        done: |i18n| t_string!(i18n, import.groups.done).to_string(),
        input_header: |i18n| t_string!(i18n, import.col.title).to_string(),
        confirm: |i18n, n| {
            let count = words::number(i18n, n as u64);
            if words::is_one(i18n, n as u64) {
                t_string!(i18n, import.groups.confirm.one, count).to_string()
            } else {
                t_string!(i18n, import.groups.confirm.other, count).to_string()
            }
        },
        nothing_entered: |i18n| t_string!(i18n, import.groups.nothing_entered).to_string(),
        counts: |i18n, c| {
            let ready = words::number(i18n, c.ready as u64);
            let skipped = words::number(i18n, c.skipped as u64);
            t_string!(i18n, import.groups.counts, ready, skipped).to_string()
        },
    };

    /// The titles of the owner's groups.
    async fn known(&self, api: &ApiClient) -> Result<Vec<String>, ApiError> {
        let owner = self.owner.get_untracked();
        let all = all_pages(
            IMPORT_CHECK,
            async |q| lock_groups::list(api, &owner, &q).await,
            every_page,
        );
        Ok(all.await?.rows.into_iter().map(|g| g.title).collect())
    }

    async fn send(&self, api: &ApiClient, body: &CreateLockGroup) -> Result<String, ApiError> {
        let owner = self.owner.get_untracked();
        lock_groups::create(api, &owner, body).await.map(|g| g.id)
    }

    fn preview(rows: Vec<(NewGroup, GroupVerdict)>, _: RwSignal<Picks>) -> AnyView {
        let i18n = use_i18n();
        let col = move |key: fn(I18n) -> String| TextProp::from(move || key(i18n));
        let line = |i18n: I18n| t_string!(i18n, import.col.line).to_string();
        let title = |i18n: I18n| t_string!(i18n, import.col.title).to_string();
        let description = |i18n: I18n| t_string!(i18n, import.col.description).to_string();
        let check = |i18n: I18n| t_string!(i18n, import.col.check).to_string();
        let headers = vec![col(line), col(title), col(description), col(check)];
        view! {
            <ImportTable caption=TextProp::from(move || t_string!(i18n, import.preview_caption)) headers>
                {rows.into_iter().map(|(g, v)| {
                    let ready = v == GroupVerdict::Ready;
                    view! {
                        <tr class=if ready { "ready" } else { "skipped" }>
                            <td class="num" data-label=move || line(i18n)>{g.line}</td>
                            <th scope="row" data-label=move || title(i18n)>{short(&g.title)}</th>
                            <td data-label=move || description(i18n)>{short(&g.description)}</td>
                            <td data-label=move || check(i18n)>
                                <span aria-hidden="true">{if ready { "✔ " } else { "– " }}</span>
                                {move || verdict(i18n, &v)}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </ImportTable>
        }
        .into_any()
    }

    fn result(i18n: I18n, row: &GroupResult) -> String {
        let done = t_string!(i18n, import.groups.done).to_string();
        import::status(i18n, &row.status, done, |v| verdict(i18n, v))
    }
}

/// A line's check, for the preview and the results.
fn verdict(i18n: I18n, v: &GroupVerdict) -> String {
    match v {
        GroupVerdict::Ready => t_string!(i18n, import.groups.ready).to_string(),
        GroupVerdict::BlankTitle => t_string!(i18n, import.groups.blank_title).to_string(),
        GroupVerdict::TitleTooLong(n) => {
            let (n, max) = (*n, MAX_TITLE);
            t_string!(i18n, import.groups.title_too_long, n, max).to_string()
        }
        GroupVerdict::DescriptionTooLong(n) => {
            let (n, max) = (*n, MAX_DESCRIPTION);
            t_string!(i18n, import.groups.description_too_long, n, max).to_string()
        }
        GroupVerdict::Exists => t_string!(i18n, import.groups.exists).to_string(),
        GroupVerdict::Duplicate { of } => {
            let of = *of;
            t_string!(i18n, import.groups.duplicate, of).to_string()
        }
    }
}
