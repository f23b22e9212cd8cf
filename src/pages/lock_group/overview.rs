//! The Overview tab: the group's facts and membership counts, rename in place, delete.

use leptos::{html, prelude::*};
use wire::{LockGroup, MembershipState};

use crate::api::{lock_groups, use_api};
use crate::components::announcer::use_announcer;
use crate::components::delete_group_dialog::DeleteGroupDialog;
use crate::components::group_context::use_group;
use crate::components::state_diagram::StateDiagram;
use crate::components::timestamp::{now_ms, stamp};
use crate::components::unsaved_guard::use_unsaved_guard;
use crate::logic::group_delete::rename_patch;
use crate::logic::group_form::{self, Field, MAX_DESCRIPTION, MAX_TITLE};

#[component]
pub fn OverviewTab() -> impl IntoView {
    let ctx = use_group();
    let loaded = move || ctx.group.get().and_then(Result::ok);
    view! {
        <h2 class="visually-hidden">"Overview"</h2>
        {move || loaded().map(|g| view! { <Facts group=g/> })}
        <h3>"Membership lifecycle"</h3>
        <StateDiagram
            statistics=Signal::derive(move || loaded().and_then(|g| g.statistics))
            compact=true
        />
        <Show when=move || loaded().is_some_and(|g| g.active)>
            <Editor/>
            <DeleteButton/>
        </Show>
    }
}

#[component]
fn Facts(group: LockGroup) -> impl IntoView {
    let feature = group
        .supported_features
        .as_ref()
        .map_or("Unknown", |f| f.time_restriction_ical_support.label());
    let counts = MembershipState::ALL.map(|s| (s, group.count(s)));
    view! {
        <dl class="facts">
            <dt>"ID"</dt>
            <dd><code>{group.id.clone()}</code></dd>
            <dt>"Status"</dt>
            <dd>{if group.active { "Active" } else { "Deleted" }}</dd>
            <dt>"RCL serial number"</dt>
            <dd>{group.rcl_serial_no.map_or("none".to_string(), |n| n.to_string())}</dd>
            <dt>"RCL date"</dt>
            <dd>{stamp(group.rcl_date.as_deref(), now_ms(), "none")}</dd>
            <dt>"Physical lock ID"</dt>
            <dd><code>{group.physical_lock_id.clone().unwrap_or_else(|| "none".into())}</code></dd>
            <dt>"Time restrictions"</dt>
            <dd>{feature}</dd>
        </dl>
        <table class="data counts">
            <caption>"Memberships by state"</caption>
            <thead>
                <tr><th scope="col">"State"</th><th scope="col" class="num">"Locks"</th></tr>
            </thead>
            <tbody>
                {counts
                    .into_iter()
                    .map(|(state, n)| view! {
                        <tr><th scope="row">{state.label()}</th><td class="num">{n}</td></tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Title and description, edited in place: Edit, then Save or Cancel.
#[component]
fn Editor() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let editing = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let title_error = RwSignal::new(None::<String>);
    let description_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let title_input = NodeRef::<html::Input>::new();
    let edit_button = NodeRef::<html::Button>::new();
    let current = move || ctx.group.get_untracked().and_then(Result::ok);

    let dirty = Signal::derive(move || {
        editing.get()
            && current()
                .is_some_and(|g| rename_patch(&g, &title.get(), &description.get()).is_some())
    });
    use_unsaved_guard(dirty);

    let start = move |_| {
        if let Some(g) = current() {
            title.set(g.title);
            description.set(g.description.unwrap_or_default());
            title_error.set(None);
            description_error.set(None);
            form_error.set(None);
            editing.set(true);
            request_animation_frame(move || {
                if let Some(input) = title_input.get() {
                    let _ = input.focus();
                }
            });
        }
    };
    let stop = move || {
        editing.set(false);
        request_animation_frame(move || {
            if let Some(b) = edit_button.get() {
                let _ = b.focus();
            }
        });
    };

    // The answer is handled where the request completes: saved, the group reloads and
    // the editor closes; a refusal goes next to the field it concerns, typing kept.
    let save = Action::new_local(move |body: &wire::PatchLockGroup| {
        let (api, owner, id, body) = (
            api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
            body.clone(),
        );
        async move {
            match lock_groups::patch(&api, &owner, &id, &body).await {
                Ok(_) => {
                    ctx.group.refetch();
                    announcer.say("Saved");
                    stop();
                }
                Err(e) => match group_form::error_field(&e) {
                    Field::Title => title_error.set(Some(e.to_string())),
                    Field::Description => description_error.set(Some(e.to_string())),
                    Field::Form => form_error.set(Some(e.to_string())),
                },
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        title_error.set(None);
        description_error.set(None);
        form_error.set(None);
        if let Err(m) = group_form::validate_title(&title.get_untracked()) {
            title_error.set(Some(m.into()));
            if let Some(input) = title_input.get() {
                let _ = input.focus();
            }
            return;
        }
        let Some(g) = current() else { return };
        match rename_patch(&g, &title.get_untracked(), &description.get_untracked()) {
            Some(patch) => {
                save.dispatch(patch);
            }
            None => stop(),
        }
    };
    let pending = save.pending();

    view! {
        <Show
            when=move || editing.get()
            fallback=move || view! {
                <p>
                    <button type="button" node_ref=edit_button on:click=start>
                        "Edit title and description"
                    </button>
                </p>
            }
        >
            // Escape cancels, as it closes a dialog.
            <form class="editor" on:submit=submit novalidate
                on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); stop() }>
                <h3>"Edit lock group"</h3>
                <div class="field">
                    <label for="edit-title">"Title"</label>
                    <input id="edit-title" type="text" node_ref=title_input required maxlength=MAX_TITLE
                        aria-invalid=move || title_error.get().is_some().to_string()
                        aria-describedby=move || title_error.get().map(|_| "edit-title-error")
                        prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                    {move || title_error.get().map(|m| view! {
                        <span id="edit-title-error" class="field-error">{m}</span>
                    })}
                </div>
                <div class="field">
                    <label for="edit-description">"Description"</label>
                    <textarea id="edit-description" rows="3" maxlength=MAX_DESCRIPTION
                        aria-invalid=move || description_error.get().is_some().to_string()
                        aria-describedby=move || description_error.get().map(|_| "edit-description-error")
                        prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    {move || description_error.get().map(|m| view! {
                        <span id="edit-description-error" class="field-error">{m}</span>
                    })}
                </div>
                {move || form_error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| stop()>"Cancel"</button>
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </form>
        </Show>
    }
}

#[component]
fn DeleteButton() -> impl IntoView {
    let ctx = use_group();
    let open = RwSignal::new(false);
    view! {
        <p>
            <button type="button" class="danger" on:click=move |_| open.set(true)>
                "Delete lock group"
            </button>
        </p>
        {move || ctx.group.get().and_then(Result::ok).map(|g| view! {
            <DeleteGroupDialog open group=g owner=ctx.owner.get_untracked()/>
        })}
    }
}
