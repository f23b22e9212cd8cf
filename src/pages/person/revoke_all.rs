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
use crate::logic::batch::{summary, Outcome};
use crate::logic::person_access::GrantLine;

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
    let (api, announcer) = (use_api(), use_announcer());
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
                        Some(Ok(())) => (true, "revoked".to_string()),
                        Some(Err(e)) => (false, e.to_string()),
                        None => (false, "not sent: cancelled".to_string()),
                    };
                    Outcome {
                        subject: l.target_words(),
                        ok,
                        message,
                    }
                })
                .collect();
            announcer.say(summary(&out, "revoked"));
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
        let n = match lines.len() {
            1 => "1 grant".to_string(),
            n => format!("{n} grants"),
        };
        view! {
            <p id="revoke-all-desc">
                {format!("{n} will be revoked now. ")}
                "Each lock learns of it when it next syncs: until then, a lock that has not synced may still open for this person."
            </p>
            <ul>
                {lines.iter().map(|l| view! {
                    <li>{l.target_words()} " · " {l.validity.label()} ", " {l.window()}</li>
                }).collect_view()}
            </ul>
            <div class="dialog-actions">
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>"Cancel"</button>
                <button type="button" class="danger" disabled=move || run.pending().get()
                    on:click=move |_| { run.dispatch(to_revoke()); }>
                    {format!("Revoke {n}")}
                </button>
            </div>
        }
    };
    let done_step = move || {
        let out = results.get();
        view! {
            <p id="revoke-all-summary" class="outcomes-summary" role="status" tabindex="-1">
                {summary(&out, "revoked")}
            </p>
            {outcome_list(out)}
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        }
    };
    // Each step is drawn when it starts; what changes within a step updates in place.
    let body = move || match step.get() {
        Step::Confirm => confirm_step.into_any(),
        Step::Running => {
            view! { <BatchProgress batch verb="Revoking" cancel="Cancel"/> }.into_any()
        }
        Step::Done => done_step.into_any(),
    };
    view! {
        <Modal open labelledby="revoke-all-title" describedby="revoke-all-desc" alert=true initial_focus=cancel>
            <h2 id="revoke-all-title">{format!("Revoke all of {name}'s access?")}</h2>
            {body}
        </Modal>
    }
}
