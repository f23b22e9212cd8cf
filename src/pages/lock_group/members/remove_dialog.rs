//! The confirm before removing locks from the group: names them, says what happens.

use leptos::prelude::*;

use super::selection::SelectedMembership;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn RemoveDialog(
    open: RwSignal<bool>,
    /// What the admin asked to remove.
    items: RwSignal<Vec<SelectedMembership>>,
    remove: Action<Vec<SelectedMembership>, ()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || match items.read().as_slice() {
        [one] => t_string!(i18n, members.remove.heading_one, title = one.title.clone()).to_string(),
        all => t_string!(i18n, members.remove.heading_many, count = all.len()).to_string(),
    };
    view! {
        <ConfirmDialog
            open
            id="remove"
            title=Signal::derive(heading)
            description=move || t_string!(i18n, members.remove.text)
            confirm=move || t_string!(i18n, members.remove.confirm)
            busy=remove.pending().into()
            error=Signal::derive(|| None)
            on_confirm=Callback::new(move |()| {
                remove.dispatch(items.get_untracked());
            })
        >
            <ul>
                {move || items.get().into_iter().map(|m| view! { <li>{m.title}</li> }).collect_view()}
            </ul>
        </ConfirmDialog>
    }
}
