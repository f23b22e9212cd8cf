//! "New lock group": a dialog with Title (required) and Description. Nothing typed is
//! lost when the server refuses; one click makes one group.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;
use wire::CreateLockGroup;

use crate::api::{lock_groups, use_api};
use crate::components::announcer::use_announcer;
use crate::components::modal::Modal;
use crate::logic::group_form::{self, MAX_DESCRIPTION, MAX_TITLE};
use crate::logic::routes;

#[component]
pub fn CreateGroupDialog(
    open: RwSignal<bool>,
    #[prop(into)] owner: Signal<String>,
) -> impl IntoView {
    let api = use_api();
    let announcer = use_announcer();
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let title_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let title_input = NodeRef::<html::Input>::new();

    // The answer is handled where the request completes: on success the dialog closes
    // and the new group opens; a refusal goes next to the field it concerns.
    let create = Action::new_local(move |body: &CreateLockGroup| {
        let (api, owner, body, navigate) = (
            api.clone(),
            owner.get_untracked(),
            body.clone(),
            navigate.clone(),
        );
        async move {
            match lock_groups::create(&api, &owner, &body).await {
                Ok(group) => {
                    open.set(false);
                    title.set(String::new());
                    description.set(String::new());
                    announcer.say("Lock group created");
                    navigate(&routes::lock_group(&owner, &group.id), Default::default());
                }
                Err(e) => {
                    match group_form::error_field(&e) {
                        group_form::Field::Title => title_error.set(Some(e.to_string())),
                        _ => form_error.set(Some(e.to_string())),
                    }
                    if let Some(input) = title_input.get_untracked() {
                        let _ = input.focus();
                    }
                }
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if create.pending().get_untracked() {
            return;
        }
        title_error.set(None);
        form_error.set(None);
        match group_form::validate_title(&title.get_untracked()) {
            Err(message) => {
                title_error.set(Some(message.into()));
                if let Some(input) = title_input.get() {
                    let _ = input.focus();
                }
            }
            Ok(clean) => {
                let description = description.get_untracked();
                create.dispatch(CreateLockGroup {
                    title: Some(clean),
                    description: (!description.trim().is_empty()).then_some(description),
                });
            }
        }
    };
    let cancel = move |_| open.set(false);
    let pending = create.pending();

    view! {
        <Modal open labelledby="create-group-title">
            <form class="dialog-form" on:submit=submit novalidate>
                <h2 id="create-group-title">"New lock group"</h2>
                <div class="field">
                    <label for="create-group-name">"Title"</label>
                    <input
                        id="create-group-name"
                        node_ref=title_input
                        type="text"
                        required
                        maxlength=MAX_TITLE
                        autocomplete="off"
                        aria-invalid=move || title_error.get().is_some().to_string()
                        aria-describedby=move || title_error.get().map(|_| "create-group-name-error")
                        prop:value=title
                        on:input=move |ev| title.set(event_target_value(&ev))
                    />
                    {move || title_error.get().map(|m| view! {
                        <span id="create-group-name-error" class="field-error">{m}</span>
                    })}
                </div>
                <div class="field">
                    <label for="create-group-description">"Description"</label>
                    <textarea
                        id="create-group-description"
                        rows="3"
                        maxlength=MAX_DESCRIPTION
                        prop:value=description
                        on:input=move |ev| description.set(event_target_value(&ev))
                    ></textarea>
                </div>
                {move || form_error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <div class="dialog-actions">
                    <button type="button" on:click=cancel>"Cancel"</button>
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Creating…" } else { "Create lock group" }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
