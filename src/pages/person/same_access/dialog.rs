//! The dialog of "Give the same access to…": the other person's e-mail (its first field,
//! focused on open by `Modal`, so typing right away works), one row per copied grant, then one `PUT …/Grants` at a
//! time with progress and Cancel (the bulk code's batch), a result per grant with the
//! server's text, and a link to the other person's page. Everything typed lives in the
//! dialog's body for as long as it is open: "Back to the form" after a refusal shows it
//! all again, with the grants already created unchecked.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wire::FeatureSupport;

use crate::api::{grants, lock_groups, use_api, ApiClient};
use crate::components::announcer::use_announcer;
use crate::components::bulk::batch_progress::{focus_by_id, Batch, BatchProgress};
use crate::components::field_error::field_error;
use crate::components::local_time::time_zone_note;
use crate::components::modal::Modal;
use crate::components::outcomes::outcome_list;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::batch::Outcome;
use crate::logic::people_list::identifier;
use crate::logic::person_access::{GrantLine, Kind};
use crate::logic::routes;
use crate::logic::same_access::{bodies, copyable, person_error, PersonError, ToSend};

use super::super::phrases;
use super::row::{CopyRow, RowState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Form,
    Running,
    Done,
}

#[component]
pub fn SameAccessDialog(
    open: RwSignal<bool>,
    held: RwSignal<Vec<GrantLine>>,
    owner: String,
    name: String,
) -> impl IntoView {
    let owner = StoredValue::new(owner);
    let i18n = use_i18n();
    let title = move || t_string!(i18n, same_access.title, name = name.clone()).to_string();
    view! {
        <Modal open labelledby="same-access-title" describedby="same-access-desc">
            <h2 id="same-access-title">{title.clone()}</h2>
            <p id="same-access-desc">
                {t!(i18n, same_access.desc)} " "
                {move || time_zone_note(i18n)}
            </p>
            // Mounted on each opening: it starts from the person's grants as they are now.
            {move || open.get().then(|| view! { <Body open held owner=owner.get_value()/> })}
        </Modal>
    }
}

/// Asks each copied group whether its locks can apply a schedule (one request a group).
fn ask_support(api: ApiClient, owner: String, rows: Vec<RowState>) {
    let group = |r: &RowState| r.copied.try_with_value(|c| c.group_id.clone());
    let mut groups: Vec<String> = rows.iter().filter_map(group).collect();
    groups.sort();
    groups.dedup();
    leptos::task::spawn_local(async move {
        for g in groups {
            let support = lock_groups::get(&api, &owner, &g)
                .await
                .ok()
                .and_then(|found| found.supported_features)
                .map_or(FeatureSupport::Unknown, |f| f.time_restriction_ical_support);
            for r in rows.iter().filter(|r| group(r).as_ref() == Some(&g)) {
                r.set_support(support);
            }
        }
    });
}

/// The e-mail field's error in the language shown.
fn say_person_error(i18n: I18n, e: &PersonError) -> String {
    match e {
        PersonError::Empty => t_string!(i18n, same_access.empty).to_string(),
        PersonError::NotEmail(entry) => {
            t_string!(i18n, grant_form.not_email, entry = entry.clone()).to_string()
        }
        PersonError::Own => t_string!(i18n, same_access.own).to_string(),
    }
}

/// "Give 1 grant", "Give 3 grants".
fn give(i18n: I18n, n: usize) -> String {
    let n = n as u64;
    let count = words::number(i18n, n);
    if words::is_one(i18n, n) {
        t_string!(i18n, same_access.give.one, count).to_string()
    } else {
        t_string!(i18n, same_access.give.other, count).to_string()
    }
}

/// Focuses the first field marked invalid, once the errors are drawn.
fn focus_first_invalid() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector("#same-access-form [aria-invalid='true']")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[component]
fn Body(open: RwSignal<bool>, held: RwSignal<Vec<GrantLine>>, owner: String) -> impl IntoView {
    let (api, announcer, i18n) = (use_api(), use_announcer(), use_i18n());
    let created_word = move || t_string!(i18n, same_access.created).to_string();
    let lines = held.get_untracked();
    // The person's own address: copying their access to themselves would do nothing.
    let own = lines
        .iter()
        .find_map(|l| l.grant.contact.as_ref())
        .and_then(identifier);
    let rows: Vec<RowState> = copyable(&lines).into_iter().map(RowState::new).collect();
    ask_support(api.clone(), owner.clone(), rows.clone());
    let email = RwSignal::new(String::new());
    let email_wrong = RwSignal::new(None::<PersonError>);
    let email_error = Signal::derive(move || email_wrong.get().map(|e| say_person_error(i18n, &e)));
    let none_checked = RwSignal::new(false);
    let step = RwSignal::new(Step::Form);
    let results = RwSignal::new(Vec::<Outcome>::new());
    let their_id = RwSignal::new(None::<String>);
    let batch = Batch::new();

    let send = {
        let (owner, rows) = (owner.clone(), rows.clone());
        Action::new_local(move |(to, sends): &(String, Vec<(usize, ToSend)>)| {
            let (api, owner, rows, to, sends) = (
                api.clone(),
                owner.clone(),
                rows.clone(),
                to.clone(),
                sends.clone(),
            );
            async move {
                step.set(Step::Running);
                focus_by_id("batch-cancel".into());
                let plain: Vec<ToSend> = sends.iter().map(|(_, s)| s.clone()).collect();
                let list = bodies(&plain, &to);
                let sent = batch
                    .each(&list, async |(_, body)| {
                        grants::create(&api, &owner, body).await
                    })
                    .await;
                let mut out = Vec::with_capacity(list.len());
                let mut created = Vec::new();
                for ((title, body), r) in list.iter().zip(sent) {
                    let (ok, message) = match r {
                        Some(Ok(g)) => {
                            _ = their_id.try_set(Some(g.contact_id));
                            created.push(body.clone());
                            (true, created_word())
                        }
                        Some(Err(e)) => (false, words::error(i18n, &e)),
                        None => (false, t_string!(i18n, person.all.not_sent).to_string()),
                    };
                    let subject = phrases::target(i18n, Kind::Group, title);
                    out.push(Outcome {
                        subject,
                        ok,
                        message,
                    });
                }
                // Back in the form, only what was not created is still checked.
                for (i, s) in &sends {
                    let same = |b: &wire::CreateGrant| {
                        b.bound_lock_id.as_deref() == Some(&s.group_id)
                            && b.valid_from == s.valid_from
                            && b.valid_before == s.valid_before
                            && b.time_restriction_ical == s.ical
                    };
                    if created.iter().any(same) {
                        _ = rows[*i].send.try_set(false);
                    }
                }
                announcer.say(words::summary(i18n, &out, &created_word()));
                _ = results.try_set(out);
                _ = step.try_set(Step::Done);
                focus_by_id("same-access-summary".into());
            }
        })
    };

    let submit = {
        let rows = rows.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let to = email.get_untracked();
            email_wrong.set(person_error(&to, own.as_deref()));
            // Every row is checked, so that each shows its own error at once.
            let checked: Vec<_> = rows.iter().map(RowState::check).collect();
            let bad = checked.iter().any(Result::is_err);
            let sends: Vec<(usize, ToSend)> = checked
                .into_iter()
                .enumerate()
                .filter_map(|(i, r)| r.ok().flatten().map(|s| (i, s)))
                .collect();
            none_checked.set(!bad && sends.is_empty());
            if email_wrong.get_untracked().is_some() || bad {
                focus_first_invalid();
                return;
            }
            if !sends.is_empty() {
                send.dispatch((to.trim().to_string(), sends));
            }
        }
    };
    let n_checked = {
        let rows = rows.clone();
        move || rows.iter().filter(|r| r.send.get()).count()
    };
    let form_step = move || {
        let rows = rows.clone();
        let n = n_checked.clone();
        view! {
            <form id="same-access-form" class="dialog-form" on:submit=submit.clone() novalidate=true>
                <div class="field">
                    <label for="same-access-email">{t!(i18n, same_access.email)}</label>
                    <input id="same-access-email" type="text" inputmode="email" autocomplete="off"
                        aria-describedby=move || {
                            if email_error.get().is_some() { "same-access-email-error" } else { "same-access-email-hint" }
                        }
                        aria-invalid=move || email_error.get().is_some().to_string()
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))/>
                    <span id="same-access-email-hint" class="hint">
                        {t!(i18n, same_access.email_hint)}
                    </span>
                    {field_error("same-access-email-error", email_error)}
                </div>
                {rows.into_iter().enumerate()
                    .map(|(index, row)| view! { <CopyRow row index/> })
                    .collect_view()}
                {move || none_checked.get().then(|| view! {
                    <p class="form-error" role="alert">{t!(i18n, same_access.none_checked)}</p>
                })}
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false)>{t!(i18n, dialog.cancel)}</button>
                    <button type="submit" class="primary">{move || give(i18n, n())}</button>
                </div>
            </form>
        }
    };
    let done_step = move || {
        let out = results.get();
        let failed = out.iter().any(|o| !o.ok);
        let link = their_id.get().map(|id| {
            let href = routes::person(&owner, &id);
            let who = email.get_untracked().trim().to_string();
            let text =
                move || t_string!(i18n, same_access.open_page, who = who.clone()).to_string();
            view! { <p><a href=href on:click=move |_| open.set(false)>{text}</a></p> }
        });
        view! {
            <p id="same-access-summary" class="outcomes-summary" role="status" tabindex="-1">
                {let shown = out.clone(); move || words::summary(i18n, &shown, &created_word())}
            </p>
            {outcome_list(out)}
            {link}
            <div class="dialog-actions">
                {failed.then(|| view! {
                    <button type="button" on:click=move |_| {
                        step.set(Step::Form);
                        focus_by_id("same-access-email".into());
                    }>{t!(i18n, same_access.back)}</button>
                })}
                <button type="button" class="primary" on:click=move |_| open.set(false)>{t!(i18n, person.close)}</button>
            </div>
        }
    };
    // Each step is drawn when it starts; what changes within a step updates in place.
    move || match step.get() {
        Step::Form => form_step().into_any(),
        Step::Running => {
            let verb = move || t_string!(i18n, same_access.granting);
            let cancel = move || t_string!(i18n, dialog.cancel);
            view! { <BatchProgress batch verb cancel/> }.into_any()
        }
        Step::Done => done_step().into_any(),
    }
}
