//! The lock group form as a dialog, for both "New lock group" and "Edit lock group":
//! Title (required) and Description. A blank title is refused before sending, a server
//! refusal shows at the field it concerns, nothing typed is lost, one click sends once,
//! and leaving with unsaved changes asks first.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;
use wire::CreateLockGroup;

use crate::api::{lock_groups, use_api, ApiError};
use crate::components::announcer::use_announcer;
use crate::components::group_context::use_group;
use crate::components::modal::Modal;
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::components::unsaved_guard::use_unsaved_guard;
use crate::logic::group_delete::rename_patch;
use crate::logic::group_form::{self, Field, MAX_DESCRIPTION, MAX_TITLE};
use crate::logic::routes;

/// What the form holds: the typing and where each error shows.
#[derive(Clone, Copy)]
struct FormState {
    title: RwSignal<String>,
    description: RwSignal<String>,
    title_error: RwSignal<Option<String>>,
    description_error: RwSignal<Option<String>>,
    form_error: RwSignal<Option<String>>,
    title_input: NodeRef<html::Input>,
    description_input: NodeRef<html::Textarea>,
}

impl FormState {
    fn new() -> Self {
        FormState {
            title: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            title_error: RwSignal::new(None),
            description_error: RwSignal::new(None),
            form_error: RwSignal::new(None),
            title_input: NodeRef::new(),
            description_input: NodeRef::new(),
        }
    }

    fn fill(self, title: String, description: String) {
        self.title.set(title);
        self.description.set(description);
        self.clear_errors();
    }

    fn clear_errors(self) {
        self.title_error.set(None);
        self.description_error.set(None);
        self.form_error.set(None);
    }

    fn focus_title(self) {
        if let Some(input) = self.title_input.get_untracked() {
            let _ = input.focus();
        }
    }

    /// A refused save: the server's text next to the field it concerns, focus there.
    fn refused(self, e: &ApiError) {
        match group_form::error_field(e) {
            Field::Title => {
                self.title_error.set(Some(e.to_string()));
                self.focus_title();
            }
            Field::Description => {
                self.description_error.set(Some(e.to_string()));
                if let Some(area) = self.description_input.get_untracked() {
                    let _ = area.focus();
                }
            }
            Field::Form => self.form_error.set(Some(e.to_string())),
        }
    }

    /// The trimmed title to send, or the message shown at the field (nothing is sent).
    fn checked_title(self) -> Option<String> {
        self.clear_errors();
        match group_form::validate_title(&self.title.get_untracked()) {
            Ok(clean) => Some(clean),
            Err(message) => {
                self.title_error.set(Some(message.into()));
                self.focus_title();
                None
            }
        }
    }
}

/// The element ids of one form (two dialogs can be on one page).
struct Ids {
    heading: &'static str,
    title: &'static str,
    title_error: &'static str,
    description: &'static str,
    description_error: &'static str,
}

const CREATE_IDS: Ids = Ids {
    heading: "create-group-title",
    title: "create-group-name",
    title_error: "create-group-name-error",
    description: "create-group-description",
    description_error: "create-group-description-error",
};

const EDIT_IDS: Ids = Ids {
    heading: "edit-group-title",
    title: "edit-group-name",
    title_error: "edit-group-name-error",
    description: "edit-group-description",
    description_error: "edit-group-description-error",
};

/// The dialog and its form; what submitting does is the caller's (`on_valid` receives the
/// checked title).
#[component]
fn GroupForm(
    open: RwSignal<bool>,
    state: FormState,
    ids: &'static Ids,
    heading: &'static str,
    submit_label: &'static str,
    pending_label: &'static str,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] on_valid: Callback<String>,
) -> impl IntoView {
    let FormState {
        title,
        description,
        title_error,
        description_error,
        form_error,
        title_input,
        description_input,
    } = state;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(clean) = state.checked_title() {
            on_valid.run(clean);
        }
    };
    let Ids {
        heading: heading_id,
        title: title_id,
        title_error: title_error_id,
        description: description_id,
        description_error: description_error_id,
    } = *ids;
    view! {
        <Modal open labelledby=heading_id>
            <form class="dialog-form" on:submit=submit novalidate>
                <h2 id=heading_id>{heading}</h2>
                <div class="field">
                    <label for=title_id>"Title"</label>
                    <input
                        id=title_id
                        node_ref=title_input
                        type="text"
                        required
                        maxlength=MAX_TITLE
                        autocomplete="off"
                        aria-invalid=move || title_error.get().is_some().to_string()
                        aria-describedby=move || title_error.get().map(|_| title_error_id)
                        prop:value=title
                        on:input=move |ev| title.set(event_target_value(&ev))
                    />
                    {move || title_error.get().map(|m| view! {
                        <span id=title_error_id class="field-error">{m}</span>
                    })}
                </div>
                <div class="field">
                    <label for=description_id>"Description"</label>
                    <textarea
                        id=description_id
                        node_ref=description_input
                        rows="3"
                        maxlength=MAX_DESCRIPTION
                        aria-invalid=move || description_error.get().is_some().to_string()
                        aria-describedby=move || description_error.get().map(|_| description_error_id)
                        prop:value=description
                        on:input=move |ev| description.set(event_target_value(&ev))
                    ></textarea>
                    {move || description_error.get().map(|m| view! {
                        <span id=description_error_id class="field-error">{m}</span>
                    })}
                </div>
                {move || form_error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { pending_label } else { submit_label }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

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
    let state = FormState::new();

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
                    announcer.say("Lock group created");
                    navigate(&routes::lock_group(&owner, &group.id), Default::default());
                }
                Err(e) => state.refused(&e),
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
            heading="New lock group"
            submit_label="Create lock group"
            pending_label="Creating…"
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
    let state = FormState::new();
    let start = move |_| {
        if let Some(g) = ctx.group.get_untracked().and_then(Result::ok) {
            state.fill(g.title, g.description.unwrap_or_default());
            open.set(true);
        }
    };
    view! {
        <button type="button" on:click=start>"Edit"</button>
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
                    announcer.say("Saved");
                    open.set(false);
                }
                Err(e) => state.refused(&e),
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
            heading="Edit lock group"
            submit_label="Save"
            pending_label="Saving…"
            pending=save.pending()
            on_valid
        />
    }
}
