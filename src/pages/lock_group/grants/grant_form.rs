//! "Grant access": the contact's e-mail and an optional validity window. The form is
//! mounted on each opening (empty fields without an Effect resetting them); the server's
//! refusal (the action's value) shows inside.

use leptos::{html, prelude::*};
use wasm_bindgen::JsValue;
use wire::{ContactRef, CreateGrant};

use crate::components::group_context::use_group;
use crate::components::modal::Modal;
use crate::logic::time;

/// A `datetime-local` value (the browser's local time) in the API's format; the text
/// itself when the browser cannot read it (the server then says what is wrong).
fn local_to_api(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    Some(if ms.is_nan() {
        value.to_string()
    } else {
        time::to_api(ms as i64)
    })
}

/// A labelled input bound to `value` (one code path for every field of the form).
fn field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn GrantForm(
    open: RwSignal<bool>,
    create: Action<CreateGrant, Result<(), String>>,
) -> impl IntoView {
    let cancel = NodeRef::<html::Button>::new();
    view! {
        <Modal open labelledby="grant-title" initial_focus=cancel>
            <h2 id="grant-title">"Grant access to this lock group"</h2>
            {move || open.get().then(|| view! { <GrantFields open create cancel/> })}
        </Modal>
    }
}

#[component]
fn GrantFields(
    open: RwSignal<bool>,
    create: Action<CreateGrant, Result<(), String>>,
    cancel: NodeRef<html::Button>,
) -> impl IntoView {
    let ctx = use_group();
    let identifier = RwSignal::new(String::new());
    let valid_from = RwSignal::new(String::new());
    let valid_before = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateGrant {
            bound_lock_id: Some(ctx.id.get_untracked()),
            contact: Some(ContactRef {
                identifier: Some(identifier.get_untracked().trim().to_string()),
            }),
            valid_from: local_to_api(&valid_from.get_untracked()),
            valid_before: local_to_api(&valid_before.get_untracked()),
            ..Default::default()
        });
    };
    let (outcome, busy) = (create.value(), create.pending());
    let error = move || outcome.get().and_then(Result::err);
    view! {
        <form on:submit=submit novalidate=true>
            {field("grant-contact", "Contact e-mail", "email", identifier)}
            {field("grant-from", "Valid from (optional, your local time)", "datetime-local", valid_from)}
            {field("grant-before", "Valid before (optional, your local time)", "datetime-local", valid_before)}
            {move || error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Granting…" } else { "Create grant" }}
                </button>
            </div>
        </form>
    }
}
