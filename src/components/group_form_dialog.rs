//! The lock group form as a dialog, for both "New lock group" and "Edit lock group":
//! Title (required) and Description. A blank title is refused before sending, a server
//! refusal shows at the field it concerns, nothing typed is lost, one click sends once,
//! and leaving with unsaved changes asks first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wire::CreateLockGroup;

use crate::api::{lock_groups, use_api};
use crate::components::announcer::use_announcer;
use crate::components::group_context::use_group;
use crate::components::group_form::{FormState, GroupForm, CREATE_IDS, EDIT_IDS};
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::components::unsaved_guard::use_unsaved_guard;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::group_delete::rename_patch;
use crate::logic::routes;

/// "New lock group": on success the dialog closes and the new group opens. Its code
/// loads when it first opens (see [`page_code::on_first_open`]).
#[component]
pub fn CreateGroupDialog(
    open: RwSignal<bool>,
    #[prop(into)] owner: Signal<String>,
) -> impl IntoView {
    page_code::on_first_open(open, preload_group_form, move || {
        create_group_dialog(open, owner)
    })
}

split_point! {
    group_form, preload_group_form,
    fn create_group_dialog(
        open: RwSignal<bool>,
        owner: Signal<String>,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <CreateGroupForm open owner/> }.into_any())
    }
}

#[component]
fn CreateGroupForm(open: RwSignal<bool>, owner: Signal<String>) -> impl IntoView {
    let api = use_api();
    let announcer = use_announcer();
    let navigate = use_navigate();
    let state = FormState::default();
    let i18n = use_i18n();

    let dirty = Signal::derive(move || {
        open.get() && !(state.title.read().is_empty() && state.description.read().is_empty())
    });
    use_unsaved_guard(dirty);

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
                    state.fill(String::new(), String::new());
                    announcer.say(t_string!(i18n, group_form.created));
                    navigate(&routes::lock_group(&owner, &group.id), Default::default());
                }
                Err(e) => state.refused(i18n, &e),
            }
        }
    });
    let on_valid = move |title: String| {
        let description = state.description.get_untracked();
        create.dispatch(CreateLockGroup {
            title: Some(title),
            description: (!description.trim().is_empty()).then_some(description),
        });
    };

    view! {
        <GroupForm
            open
            state
            ids=&CREATE_IDS
            heading=move || t_string!(i18n, group_form.new_heading)
            submit_label=move || t_string!(i18n, group_form.create)
            pending_label=move || t_string!(i18n, group_form.creating)
            pending=create.pending()
            on_valid
        />
    }
}

/// "Edit" and its dialog, for the group of the page ([`use_group`]): the form opens
/// filled with the group as loaded; Save sends only what changed, the group reloads,
/// "Saved" is announced and focus returns to Edit.
#[component]
pub fn EditGroupButton() -> impl IntoView {
    let ctx = use_group();
    let open = RwSignal::new(false);
    let state = FormState::default();
    let i18n = use_i18n();
    let start = move |_| {
        if let Some(g) = ctx.group.get_untracked().and_then(Result::ok) {
            state.fill(g.title, g.description.unwrap_or_default());
            open.set(true);
        }
    };
    view! {
        <button type="button" on:click=start>{t!(i18n, group_form.edit)}</button>
        {page_code::on_first_open(open, preload_edit_group_form, move || {
            edit_group_dialog(open, state)
        })}
    }
}

split_point! {
    group_form, preload_edit_group_form,
    fn edit_group_dialog(open: RwSignal<bool>, state: FormState) -> Result<AnyView, CodeMissing> {
        Ok(view! { <EditGroupForm open state/> }.into_any())
    }
}

/// Loads the group form's code (both dialogs share it).
pub async fn preload() {
    let _ = preload_group_form().await;
}

#[component]
fn EditGroupForm(open: RwSignal<bool>, state: FormState) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let i18n = use_i18n();
    let current = move || ctx.group.get_untracked().and_then(Result::ok);

    let dirty = Signal::derive(move || {
        open.get()
            && current().is_some_and(|g| {
                rename_patch(&g, &state.title.read(), &state.description.read()).is_some()
            })
    });
    use_unsaved_guard(dirty);

    // The answer is handled where the request completes: saved, the group reloads and
    // the dialog closes; a refusal goes next to the field it concerns, typing kept.
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
                    announcer.say(t_string!(i18n, group_form.saved));
                    open.set(false);
                }
                Err(e) => state.refused(i18n, &e),
            }
        }
    });
    let on_valid = move |title: String| {
        let Some(g) = current() else { return };
        match rename_patch(&g, &title, &state.description.get_untracked()) {
            Some(patch) => {
                save.dispatch(patch);
            }
            None => open.set(false),
        }
    };

    view! {
        <GroupForm
            open
            state
            ids=&EDIT_IDS
            heading=move || t_string!(i18n, group_form.edit_heading)
            submit_label=move || t_string!(i18n, group_form.save)
            pending_label=move || t_string!(i18n, group_form.saving)
            pending=save.pending()
            on_valid
        />
    }
}
