//! The lock group form (Title, required, and Description) inside its dialog, shared by
//! "New lock group" and "Edit lock group": what it holds, where each error shows, and
//! the fields. What submitting does is the dialog's (`group_form_dialog`).

use leptos::{html, prelude::*};

use crate::api::ApiError;
use crate::components::modal::Modal;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::group_form::{self, Field, MAX_DESCRIPTION, MAX_TITLE};

/// What the form holds: the typing and where each error shows.
#[derive(Clone, Copy, Default)]
pub struct FormState {
    pub title: RwSignal<String>,
    pub description: RwSignal<String>,
    pub title_error: RwSignal<Option<String>>,
    pub description_error: RwSignal<Option<String>>,
    pub form_error: RwSignal<Option<String>>,
    pub title_input: NodeRef<html::Input>,
    pub description_input: NodeRef<html::Textarea>,
}

impl FormState {
    pub fn fill(self, title: String, description: String) {
        self.title.set(title);
        self.description.set(description);
        self.clear_errors();
    }

    pub fn clear_errors(self) {
        self.title_error.set(None);
        self.description_error.set(None);
        self.form_error.set(None);
    }

    pub fn focus_title(self) {
        if let Some(input) = self.title_input.get_untracked() {
            let _ = input.focus();
        }
    }

    /// A refused save: the server's text next to the field it concerns, focus there.
    pub fn refused(self, i18n: I18n, e: &ApiError) {
        let text = words::error(i18n, e);
        match group_form::error_field(e) {
            Field::Title => {
                self.title_error.set(Some(text));
                self.focus_title();
            }
            Field::Description => {
                self.description_error.set(Some(text));
                if let Some(area) = self.description_input.get_untracked() {
                    let _ = area.focus();
                }
            }
            Field::Form => self.form_error.set(Some(text)),
        }
    }

    /// The trimmed title to send, or the message shown at the field (nothing is sent).
    pub fn checked_title(self, i18n: I18n) -> Option<String> {
        self.clear_errors();
        let title = self.title.get_untracked();
        match group_form::validate_title(&title) {
            Ok(clean) => Some(clean),
            Err(_) => {
                let message = if title.trim().is_empty() {
                    t_string!(i18n, group_form.title_required).to_string()
                } else {
                    t_string!(i18n, group_form.title_too_long, max = MAX_TITLE).to_string()
                };
                self.title_error.set(Some(message));
                self.focus_title();
                None
            }
        }
    }
}

/// The element ids of one form (two dialogs can be on one page).
pub struct Ids {
    pub heading: &'static str,
    pub title: &'static str,
    pub title_error: &'static str,
    pub description: &'static str,
    pub description_error: &'static str,
}

pub const CREATE_IDS: Ids = Ids {
    heading: "create-group-title",
    title: "create-group-name",
    title_error: "create-group-name-error",
    description: "create-group-description",
    description_error: "create-group-description-error",
};

pub const EDIT_IDS: Ids = Ids {
    heading: "edit-group-title",
    title: "edit-group-name",
    title_error: "edit-group-name-error",
    description: "edit-group-description",
    description_error: "edit-group-description-error",
};

/// The dialog and its form; what submitting does is the caller's (`on_valid` receives the
/// checked title).
#[component]
pub fn GroupForm(
    open: RwSignal<bool>,
    state: FormState,
    ids: &'static Ids,
    #[prop(into)] heading: TextProp,
    #[prop(into)] submit_label: TextProp,
    #[prop(into)] pending_label: TextProp,
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
    let i18n = use_i18n();
    // Copy, for the dialog's closures.
    let heading = Signal::derive(move || heading.get().to_string());
    let submit_label = Signal::derive(move || submit_label.get().to_string());
    let pending_label = Signal::derive(move || pending_label.get().to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(clean) = state.checked_title(i18n) {
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
                    <label for=title_id>{t!(i18n, group_form.title)}</label>
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
                    <label for=description_id>{t!(i18n, group_form.description)}</label>
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
                    <button type="button" on:click=move |_| open.set(false)>{t!(i18n, group_form.cancel)}</button>
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { pending_label.get() } else { submit_label.get() }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
