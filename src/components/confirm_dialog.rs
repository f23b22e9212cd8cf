//! A confirm dialog for one destructive action (remove locks, revoke a grant): a
//! `role="alertdialog"` [`Modal`] whose focus starts on Cancel, closed by Escape or
//! Cancel, with the action's error shown inside. One generic component, so every
//! confirmation shares its code.

use leptos::{html, prelude::*};

use crate::components::modal::Modal;
use crate::i18n::{t, use_i18n};

/// Props: `open`; `title` (the question, names what is acted on); `description` (what
/// happens); `confirm` (the confirm button's text); `busy` (disables it while the
/// action runs); `error` (the action's error, shown as an alert); `on_confirm`;
/// `children` (extra content, e.g. the list of locks).
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    /// Unique id prefix for the heading and description.
    id: &'static str,
    title: Signal<String>,
    #[prop(into)] description: TextProp,
    #[prop(into)] confirm: TextProp,
    busy: Signal<bool>,
    error: Signal<Option<String>>,
    on_confirm: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let cancel = NodeRef::<html::Button>::new();
    let i18n = use_i18n();
    // Copy signals, for the dialog's content, rendered more than once.
    let description = Signal::derive(move || description.get().to_string());
    let confirm = Signal::derive(move || confirm.get().to_string());
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    view! {
        <Modal open labelledby=title_id.clone() describedby=desc_id.clone() alert=true initial_focus=cancel>
            <h2 id=title_id.clone()>{move || title.get()}</h2>
            <p id=desc_id.clone()>{move || description.get()}</p>
            {children()}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>
                    {t!(i18n, dialog.cancel)}
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || confirm.get()}
                </button>
            </div>
        </Modal>
    }
}
