//! "Import locks": lock titles or ids pasted one per line, or a column of a CSV file,
//! matched to the owner's locks (see `logic::lock_import`), shown as a preview where the
//! admin picks among locks sharing a title, then added one request at a time.

use leptos::prelude::*;

use super::batch_progress::focus_by_id;
use super::import_results::{ImportTable, Texts};
use super::import_wizard::{self, Importer};
use crate::api::paging::{all_pages, every_page};
use crate::api::{locks, memberships, ApiClient, ApiError, Query};
use crate::logic::import::Picks;
use crate::logic::limits::IMPORT_CHECK;
use crate::logic::lock_import::{Known, LockImport};
use crate::logic::lock_matcher::{Checked, Lock, Verdict};

/// The import into the group `group` of `owner`.
#[derive(Clone)]
struct Locks {
    owner: Signal<String>,
    group: Signal<String>,
}

pub fn dialog(
    open: RwSignal<bool>,
    owner: Signal<String>,
    group: Signal<String>,
    name: Signal<String>,
    reload: Callback<()>,
) -> AnyView {
    import_wizard::dialog(open, Locks { owner, group }, name, reload)
}

impl Importer for Locks {
    type Steps = LockImport;
    const TEXTS: &'static Texts = &Texts {
        id: "import-locks",
        title: "Import locks",
        intro: "Paste lock titles or ids, one per line, or choose a CSV file and the column \
                that holds them. You see what each line matches before anything is added.",
        text_label: "Lock titles or ids, one per line",
        column_label: "Column with the lock titles or ids",
        checking: "Loading locks…",
        load_failed: "The locks could not be loaded",
        verb: "Adding",
        done: "added",
        input_header: "Input",
        confirm: |n| match n {
            1 => "Add 1 lock".to_string(),
            n => format!("Add {n} locks"),
        },
    };

    async fn known(&self, api: &ApiClient) -> Result<Known, ApiError> {
        let (owner, group) = (self.owner.get_untracked(), self.group.get_untracked());
        let locks = all_pages(
            IMPORT_CHECK,
            async |q| locks::list(api, &owner, &q).await,
            every_page,
        );
        let locks = locks.await?.rows;
        // A member is a lock whose leave has not started (what the API refuses to add again).
        let members = all_pages(
            IMPORT_CHECK,
            async |q: Query| {
                let q = q.filter(Some("leaveStartDate eq null".into()));
                memberships::list(api, &owner, &group, &q).await
            },
            every_page,
        );
        Ok(Known {
            locks: locks
                .into_iter()
                .map(|l| Lock {
                    id: l.id,
                    title: l.title,
                })
                .collect(),
            members: members
                .await?
                .rows
                .into_iter()
                .map(|m| m.bound_lock_id)
                .collect(),
        })
    }

    async fn send(&self, api: &ApiClient, lock: &Lock) -> Result<(), ApiError> {
        let (owner, group) = (self.owner.get_untracked(), self.group.get_untracked());
        memberships::create(api, &owner, &group, &lock.id)
            .await
            .map(|_| ())
    }

    fn preview(rows: Vec<Checked>, picks: RwSignal<Picks>) -> AnyView {
        view! {
            <ImportTable caption="Preview of the import, one row per line" headers=vec!["Line", "Input", "Lock"]>
                {rows.into_iter().map(|c| preview_row(c, picks)).collect_view()}
            </ImportTable>
        }
        .into_any()
    }
}

/// One line of the preview: what it matched, and a pick where titles are shared.
fn preview_row(c: Checked, picks: RwSignal<Picks>) -> impl IntoView {
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
}
