//! "Import locks": lock titles or ids pasted one per line, or a column of a CSV file,
//! matched to the owner's locks (see `logic::lock_import`), shown as a preview where the
//! admin picks among locks sharing a title, then added one request at a time.

use leptos::prelude::*;

use super::batch_progress::focus_by_id;
use super::import_results::ImportTable;
use super::import_wizard;
use super::importer::{Importer, Texts};
use crate::api::paging::{all_pages, every_page};
use crate::api::{locks, memberships, ApiClient, ApiError, Query};
use crate::i18n::{import, t, t_string, use_i18n, words, I18n};
use crate::logic::import::{Counts, Picks};
use crate::logic::limits::IMPORT_CHECK;
use crate::logic::lock_import::{Known, LockImport};
use crate::logic::lock_matcher::{Checked, How, Lock, LockResult, Verdict};

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
        title: |i18n| t_string!(i18n, import.locks.title).to_string(),
        intro: |i18n| t_string!(i18n, import.locks.intro).to_string(),
        text_label: |i18n| t_string!(i18n, import.locks.text_label).to_string(),
        column_label: |i18n| t_string!(i18n, import.locks.column_label).to_string(),
        checking: |i18n| t_string!(i18n, import.locks.checking).to_string(),
        load_failed: |i18n| t_string!(i18n, import.locks.load_failed).to_string(),
        verb: |i18n| t_string!(i18n, import.locks.verb).to_string(),
        done: |i18n| t_string!(i18n, import.locks.done).to_string(),
        input_header: |i18n| t_string!(i18n, import.col.input).to_string(),
        confirm: |i18n, n| {
            let count = words::number(i18n, n as u64);
            if words::is_one(i18n, n as u64) {
                t_string!(i18n, import.locks.confirm.one, count).to_string()
            } else {
                t_string!(i18n, import.locks.confirm.other, count).to_string()
            }
        },
        nothing_entered: |i18n| t_string!(i18n, import.locks.nothing_entered).to_string(),
        counts,
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
        let i18n = use_i18n();
        let headers = vec![
            TextProp::from(move || t_string!(i18n, import.col.line)),
            TextProp::from(move || t_string!(i18n, import.col.input)),
            TextProp::from(move || t_string!(i18n, import.col.lock)),
        ];
        view! {
            <ImportTable caption=TextProp::from(move || t_string!(i18n, import.preview_caption)) headers>
                {rows.into_iter().map(|c| preview_row(c, picks)).collect_view()}
            </ImportTable>
        }
        .into_any()
    }

    fn result(i18n: I18n, row: &LockResult) -> String {
        let done = t_string!(i18n, import.locks.done_line).to_string();
        import::status(i18n, &row.status, done, |v| verdict(i18n, v))
    }
}

/// The preview in words: "3 locks to add, 1 to pick, 2 skipped".
fn counts(i18n: I18n, c: Counts) -> String {
    let count = words::number(i18n, c.ready as u64);
    let mut parts = vec![if words::is_one(i18n, c.ready as u64) {
        t_string!(i18n, import.locks.to_add.one, count).to_string()
    } else {
        t_string!(i18n, import.locks.to_add.other, count).to_string()
    }];
    if c.pick > 0 {
        let count = words::number(i18n, c.pick as u64);
        parts.push(t_string!(i18n, import.to_pick, count).to_string());
    }
    if c.skipped > 0 {
        let count = words::number(i18n, c.skipped as u64);
        parts.push(t_string!(i18n, import.skipped, count).to_string());
    }
    parts.join(", ")
}

/// What a line matched, for the preview and the results.
fn verdict(i18n: I18n, v: &Verdict) -> String {
    match v {
        Verdict::Matched(lock, How::Id) => {
            t_string!(i18n, import.locks.by_id, title = lock.title.clone()).to_string()
        }
        Verdict::Matched(lock, How::Picked) => {
            t_string!(i18n, import.locks.picked, title = lock.title.clone()).to_string()
        }
        Verdict::Matched(lock, _) => lock.title.clone(),
        Verdict::Blank => t_string!(i18n, import.locks.blank).to_string(),
        Verdict::NoSuchLock => t_string!(i18n, import.locks.no_such_lock).to_string(),
        Verdict::Ambiguous => t_string!(i18n, import.locks.ambiguous).to_string(),
        Verdict::AlreadyMember(lock) => t_string!(
            i18n,
            import.locks.already_member,
            title = lock.title.clone()
        )
        .to_string(),
        Verdict::Duplicate { of } => {
            let of = *of;
            t_string!(i18n, import.locks.duplicate, of).to_string()
        }
    }
}

/// One line of the preview: what it matched, and a pick where titles are shared.
fn preview_row(c: Checked, picks: RwSignal<Picks>) -> impl IntoView {
    let i18n = use_i18n();
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
                aria-label=move || t_string!(i18n, import.locks.pick_label, line).to_string()
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    picks.update(|p| {
                        if id.is_empty() { p.remove(&line); } else { p.insert(line, id); }
                    });
                    // The table is drawn anew with the pick: stay on it.
                    focus_by_id(format!("pick-line-{line}"));
                }
            >
                <option value="" selected=chosen.is_empty()>{t!(i18n, import.locks.pick)}</option>
                {c.candidates.iter().map(|l| {
                    let (title, id) = (l.title.clone(), l.id.clone());
                    let text = move || {
                        t_string!(i18n, import.locks.candidate, title = title.clone(), id = id.clone())
                            .to_string()
                    };
                    view! { <option value=l.id.clone() selected=l.id == chosen>{text}</option> }
                }).collect_view()}
            </select>
        }
    });
    let v = c.verdict.clone();
    view! {
        <tr class=if ready { "ready" } else { "skipped" }>
            <td class="num" data-label=move || t_string!(i18n, import.col.line)>{line}</td>
            <th scope="row" data-label=move || t_string!(i18n, import.col.input)>{c.text.clone()}</th>
            <td data-label=move || t_string!(i18n, import.col.lock)>
                <span aria-hidden="true">{icon}</span>
                {move || verdict(i18n, &v)}
                {pick}
            </td>
        </tr>
    }
}
