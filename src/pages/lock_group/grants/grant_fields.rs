//! The fields of "Grant access" and what submitting them does: the people (the owner's
//! contacts suggested while typing), the validity window, the weekly schedule
//! (`components::schedule_fields`), one request per person with the answer shown per person.

use leptos::{html, prelude::*};
use wire::{ContactRef, CreateGrant, FeatureSupport};

use crate::api::{grants, use_api, Query};
use crate::components::field_error::field_error;
use crate::components::group_context::use_group;
use crate::components::local_time::{local_to_api, start_day, time_zone_note};
use crate::components::schedule_fields::ScheduleFields;
use crate::i18n::{schedule as say, t, t_string, use_i18n, words};
use crate::logic::batch::Outcome;
use crate::logic::grant_form::{self as form, complete, people, people_error, PeopleError};
use crate::logic::schedule::{ScheduleError, Weekday, Weekly};

/// How many contacts to suggest at once.
const SUGGESTIONS: u64 = 8;

#[component]
pub(super) fn GrantFields(
    open: RwSignal<bool>,
    on_granted: Callback<Vec<Outcome>>,
) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let i18n = use_i18n();
    let who = RwSignal::new(String::new());
    let valid_from = RwSignal::new(String::new());
    let valid_before = RwSignal::new(String::new());
    let days = RwSignal::new(Vec::<Weekday>::new());
    let (hours_from, hours_to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // What is wrong, kept as what it is; said in the language shown (follows the switch).
    let who_wrong = RwSignal::new(None::<PeopleError>);
    let window_wrong = RwSignal::new(false);
    let schedule_wrong = RwSignal::new(None::<ScheduleError>);
    let who_error = Signal::derive(move || who_wrong.get().map(|e| say::people_error(i18n, &e)));
    let window_error = Signal::derive(move || {
        window_wrong
            .get()
            .then(|| t_string!(i18n, grant_form.window).to_string())
    });
    let schedule_error =
        Signal::derive(move || schedule_wrong.get().map(|e| say::schedule_error(i18n, e)));
    let who_input = NodeRef::<html::Input>::new();

    let support = Memo::new(move |_| {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.supported_features)
            .map_or(FeatureSupport::Unknown, |f| f.time_restriction_ical_support)
    });

    // Suggestions for the address being typed: the owner's contacts whose e-mail or
    // name contains it. A newer keystroke's request replaces an older one's answer.
    let suggest_api = api.clone();
    let suggestions = LocalResource::new(move || {
        let (api, owner, filter) = (
            suggest_api.clone(),
            ctx.owner.get(),
            form::suggestion_filter(&who.get()),
        );
        async move {
            let Some(filter) = filter else {
                return Vec::new();
            };
            let req = Query::new().filter(Some(filter)).top(SUGGESTIONS);
            grants::contacts(&api, &owner, &req)
                .await
                .map(|found| found.into_iter().filter_map(|c| c.email).collect())
                .unwrap_or_default()
        }
    });

    // One request per person; the answer is shown per person, and the people the
    // server refused stay in the field to be fixed.
    let grant = Action::new_local(move |bodies: &Vec<CreateGrant>| {
        let (api, owner, bodies) = (api.clone(), ctx.owner.get_untracked(), bodies.clone());
        async move {
            let mut out = Vec::with_capacity(bodies.len());
            for body in bodies {
                let subject = body
                    .contact
                    .as_ref()
                    .and_then(|c| c.identifier.clone())
                    .unwrap_or_default();
                let result = grants::create(&api, &owner, &body).await;
                out.push(Outcome {
                    subject,
                    ok: result.is_ok(),
                    message: match result {
                        Ok(_) => t_string!(i18n, grant_form.access_granted).to_string(),
                        Err(e) => words::error(i18n, &e),
                    },
                });
            }
            let refused: Vec<_> = out
                .iter()
                .filter(|o| !o.ok)
                .map(|o| o.subject.clone())
                .collect();
            if out.iter().any(|o| o.ok) {
                on_granted.run(out.clone());
            }
            if refused.is_empty() {
                open.set(false);
            } else {
                who.set(refused.join(", "));
            }
            out
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = who.get_untracked();
        let from = local_to_api(&valid_from.get_untracked());
        let before = local_to_api(&valid_before.get_untracked());
        who_wrong.set(people_error(&text));
        window_wrong.set(form::window_error(from.as_deref(), before.as_deref()).is_some());
        let chosen = days.get_untracked();
        let (h_from, h_to) = (hours_from.get_untracked(), hours_to.get_untracked());
        let wants_schedule = !chosen.is_empty() || !h_from.is_empty() || !h_to.is_empty();
        let schedule = if wants_schedule {
            Weekly::new(&chosen, &h_from, &h_to).map(Some)
        } else {
            Ok(None)
        };
        schedule_wrong.set(schedule.as_ref().err().copied());
        if who_wrong.get_untracked().is_some() {
            if let Some(input) = who_input.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        let (Ok(schedule), false) = (schedule, window_wrong.get_untracked()) else {
            return;
        };
        let ical = schedule.map(|w| w.to_ical(&start_day(from.as_deref())));
        let bodies = people(&text)
            .into_iter()
            .map(|email| CreateGrant {
                bound_lock_id: Some(ctx.id.get_untracked()),
                contact: Some(ContactRef {
                    identifier: Some(email),
                }),
                valid_from: from.clone(),
                valid_before: before.clone(),
                time_restriction_ical: ical.clone(),
                ..Default::default()
            })
            .collect();
        grant.dispatch(bodies);
    };
    let (outcome, busy) = (grant.value(), grant.pending());
    let refused = move || {
        outcome
            .get()
            .filter(|out| out.iter().any(|o| !o.ok))
            .map(|out| {
                view! {
                    <div class="form-error" role="alert">
                        <p>{
                            let out = out.clone();
                            move || words::summary(i18n, &out, t_string!(i18n, grant_form.granted))
                        }</p>
                        <ul>
                            {out.into_iter()
                                .filter(|o| !o.ok)
                                .map(|o| view! { <li><strong>{o.subject}</strong> ": " {o.message}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })
    };

    view! {
        <form class="dialog-form" on:submit=submit novalidate=true>
            <div class="field">
                <label for="grant-contact">{t!(i18n, grant_form.people)}</label>
                <input
                    id="grant-contact"
                    node_ref=who_input
                    type="text"
                    inputmode="email"
                    autocomplete="off"
                    list="grant-contact-suggestions"
                    aria-describedby=move || {
                        if who_error.get().is_some() { "grant-contact-error" } else { "grant-contact-hint" }
                    }
                    aria-invalid=move || who_error.get().is_some().to_string()
                    prop:value=move || who.get()
                    on:input=move |ev| who.set(event_target_value(&ev))
                />
                <datalist id="grant-contact-suggestions">
                    {move || {
                        let text = who.get();
                        suggestions
                            .get()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|email| {
                                let value = complete(&text, &email);
                                view! { <option value=value>{email}</option> }
                            })
                            .collect_view()
                    }}
                </datalist>
                <span id="grant-contact-hint" class="hint">{t!(i18n, grant_form.people_hint)}</span>
                {field_error("grant-contact-error", who_error)}
            </div>
            <p id="grant-time-zone" class="hint time-zone">{move || time_zone_note(i18n)}</p>
            <div class="field">
                <label for="grant-from">{t!(i18n, grant_form.valid_from)}</label>
                <input id="grant-from" type="datetime-local" aria-describedby="grant-time-zone"
                    prop:value=move || valid_from.get()
                    on:input=move |ev| valid_from.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="grant-before">{t!(i18n, grant_form.valid_before)}</label>
                <input id="grant-before" type="datetime-local"
                    aria-invalid=move || window_error.get().is_some().to_string()
                    aria-describedby=move || match window_error.get() {
                        Some(_) => "grant-time-zone grant-before-error",
                        None => "grant-time-zone",
                    }
                    prop:value=move || valid_before.get()
                    on:input=move |ev| valid_before.set(event_target_value(&ev))/>
                {field_error("grant-before-error", window_error)}
            </div>
            <ScheduleFields support days hours_from hours_to error=schedule_error/>
            {refused}
            <div class="dialog-actions">
                <button type="button" on:click=move |_| open.set(false)>{t!(i18n, dialog.cancel)}</button>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() {
                        t_string!(i18n, grant_form.granting)
                    } else {
                        t_string!(i18n, grant_form.create)
                    }}
                </button>
            </div>
        </form>
    }
}
