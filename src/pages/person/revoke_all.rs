//! "Revoke all access", for the day someone leaves: a confirm listing every grant that
//! will be revoked, then one `POST …/Grants/{id}/Revoke` at a time with progress and
//! Cancel (the bulk code's batch), then a result per grant with the server's text. The
//! rows are marked as each revoke succeeds; closing the dialog reads the grants again.

use leptos::{html, prelude::*};

use crate::api::{grants, use_api};
use crate::components::announcer::use_announcer;
use crate::components::bulk::batch_progress::{focus_by_id, Batch, BatchProgress};
use crate::components::modal::Modal;
use crate::components::outcomes::outcome_list;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::batch::Outcome;
use crate::logic::person_access::GrantLine;

use super::phrases;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Confirm,
    Running,
    Done,
}

#[component]
pub fn RevokeAll(
    open: RwSignal<bool>,
    held: RwSignal<Vec<GrantLine>>,
    owner: String,
    name: String,
    /// Reads the grants again, once the results are closed.
    reload: Callback<()>,
) -> impl IntoView {
    let (api, announcer, i18n) = (use_api(), use_announcer(), use_i18n());
    let revoked = move || t_string!(i18n, person.all.revoked).to_string();
    let step = RwSignal::new(Step::Confirm);
    let results = RwSignal::new(Vec::<Outcome>::new());
    let batch = Batch::new();
    let cancel = NodeRef::<html::Button>::new();
    // What "Revoke all" revokes: every grant not revoked yet, as the confirm lists it.
    let to_revoke = move || {
        held.read()
            .iter()
            .filter(|l| l.revocable())
            .cloned()
            .collect::<Vec<_>>()
    };
    let run = Action::new_local(move |lines: &Vec<GrantLine>| {
        let (api, owner, lines) = (api.clone(), owner.clone(), lines.clone());
        async move {
            step.set(Step::Running);
            focus_by_id("batch-cancel".into());
            let sent = batch
                .each(&lines, async |l: &GrantLine| {
                    let r = grants::revoke(&api, &owner, &l.grant.id).await;
                    if r.is_ok() {
                        held.try_update(|all| {
                            for g in all.iter_mut().filter(|g| g.grant.id == l.grant.id) {
                                g.mark_revoked();
                            }
                        });
                    }
                    r
                })
                .await;
            let out: Vec<Outcome> = lines
                .iter()
                .zip(sent)
                .map(|(l, r)| {
                    let (ok, message) = match r {
                        Some(Ok(())) => (true, revoked()),
                        Some(Err(e)) => (false, words::error(i18n, &e)),
                        None => (false, t_string!(i18n, person.all.not_sent).to_string()),
                    };
                    Outcome {
                        subject: phrases::target(i18n, l.kind, &l.title),
                        ok,
                        message,
                    }
                })
                .collect();
            announcer.say(words::summary(i18n, &out, &revoked()));
            _ = results.try_set(out);
            _ = step.try_set(Step::Done);
            focus_by_id("revoke-all-summary".into());
        }
    });
    // Closed after the results (Close or Escape): the page reads the grants again.
    Effect::new(move |_| {
        if !open.get() && step.get_untracked() == Step::Done {
            step.set(Step::Confirm);
            reload.run(());
        }
    });

    let confirm_step = move || {
        let lines = to_revoke();
        let n = lines.len() as u64;
        let will = move || {
            let count = words::number(i18n, n);
            if words::is_one(i18n, n) {
                t_string!(i18n, person.all.will.one, count).to_string()
            } else {
                t_string!(i18n, person.all.will.other, count).to_string()
            }
        };
        let confirm = move || {
            let count = words::number(i18n, n);
            if words::is_one(i18n, n) {
                t_string!(i18n, person.all.confirm.one, count).to_string()
            } else {
                t_string!(i18n, person.all.confirm.other, count).to_string()
            }
        };
        view! {
            <p id="revoke-all-desc">
                {will} " " {t!(i18n, person.all.each_lock)}
            </p>
            <ul>
                {lines.into_iter().map(|l| {
                    let (kind, title) = (l.kind, l.title.clone());
                    let target = move || phrases::target(i18n, kind, &title);
                    let validity = move || phrases::validity_window(i18n, &l);
                    view! { <li>{target} " · " {validity}</li> }
                }).collect_view()}
            </ul>
            <div class="dialog-actions">
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>{t!(i18n, dialog.cancel)}</button>
                <button type="button" class="danger" disabled=move || run.pending().get()
                    on:click=move |_| { run.dispatch(to_revoke()); }>
                    {confirm}
                </button>
            </div>
        }
    };
    let done_step = move || {
        let out = results.get();
        view! {
            <p id="revoke-all-summary" class="outcomes-summary" role="status" tabindex="-1">
                {move || words::summary(i18n, &out, &revoked())}
            </p>
            {outcome_list(results.get_untracked())}
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| open.set(false)>{t!(i18n, person.close)}</button>
            </div>
        }
    };
    // Each step is drawn when it starts; what changes within a step updates in place.
    let body = move || match step.get() {
        Step::Confirm => confirm_step.into_any(),
        Step::Running => {
            let verb = move || t_string!(i18n, person.all.revoking);
            let cancel = move || t_string!(i18n, dialog.cancel);
            view! { <BatchProgress batch verb cancel/> }.into_any()
        }
        Step::Done => done_step.into_any(),
    };
    let title = move || t_string!(i18n, person.all.title, name = name.clone()).to_string();
    view! {
        <Modal open labelledby="revoke-all-title" describedby="revoke-all-desc" alert=true initial_focus=cancel>
            <h2 id="revoke-all-title">{title.clone()}</h2>
            {body}
        </Modal>
    }
}
