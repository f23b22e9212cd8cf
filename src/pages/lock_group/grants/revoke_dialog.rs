//! The confirm before revoking a grant; the revoke's error (the action's value) inside.

use leptos::prelude::*;

use super::table::GrantRef;
use crate::components::confirm_dialog::ConfirmDialog;

#[component]
pub fn RevokeDialog(
    open: RwSignal<bool>,
    grant: RwSignal<Option<GrantRef>>,
    revoke: Action<GrantRef, Result<(), String>>,
) -> impl IntoView {
    let outcome = revoke.value();
    view! {
        <ConfirmDialog
            open
            id="revoke"
            title=Signal::derive(move || {
                format!("Revoke access for {}?", grant.read().as_ref().map(|g| g.title.as_str()).unwrap_or_default())
            })
            description="The contact loses access to every lock of this group. The grant stays listed as revoked."
            confirm="Revoke access"
            busy=revoke.pending().into()
            error=Signal::derive(move || outcome.get().and_then(Result::err))
            on_confirm=Callback::new(move |()| {
                if let Some(g) = grant.get_untracked() {
                    revoke.dispatch(g);
                }
            })
        >
            ""
        </ConfirmDialog>
    }
}
