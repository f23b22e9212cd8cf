//! The confirm before removing locks from the group: names them, says what happens.

use leptos::prelude::*;

use super::selection::SelectedMembership;
use crate::components::confirm_dialog::ConfirmDialog;

#[component]
pub fn RemoveDialog(
    open: RwSignal<bool>,
    /// What the admin asked to remove.
    items: RwSignal<Vec<SelectedMembership>>,
    remove: Action<Vec<SelectedMembership>, ()>,
) -> impl IntoView {
    let heading = move || match items.read().as_slice() {
        [one] => format!("Remove {} from group?", one.title),
        all => format!("Remove {} locks from group?", all.len()),
    };
    view! {
        <ConfirmDialog
            open
            id="remove"
            title=Signal::derive(heading)
            description="A removed lock keeps its access through this group until it is next synced. Until then it shows as “Leaving”."
            confirm="Remove from group"
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
