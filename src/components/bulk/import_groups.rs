//! "Import groups": lock groups created from a CSV file (title and description columns) or
//! pasted lines, after a preview that flags what would be refused or repeated (see
//! `logic::group_import`); then created one request at a time.

use leptos::prelude::*;
use wire::CreateLockGroup;

use super::import_results::{ImportTable, Texts};
use super::import_wizard::{self, Importer};
use crate::api::paging::{all_pages, every_page};
use crate::api::{lock_groups, ApiClient, ApiError};
use crate::logic::group_import::{GroupImport, GroupVerdict, NewGroup};
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
        title: "Import lock groups",
        intro: "Choose a CSV file with a “title” column (and optionally “description”), or \
                paste one group per line: the title, then a tab and the description. You see \
                every line checked before anything is created.",
        text_label: "Lock groups, one per line (title, tab, description)",
        column_label: "",
        checking: "Checking…",
        load_failed: "The existing lock groups could not be loaded",
        verb: "Creating",
        done: "created",
        input_header: "Title",
        confirm: |n| match n {
            1 => "Create 1 group".to_string(),
            n => format!("Create {n} groups"),
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
        view! {
            <ImportTable
                caption="Preview of the import, one row per line"
                headers=vec!["Line", "Title", "Description", "Check"]
            >
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
            </ImportTable>
        }
        .into_any()
    }
}
