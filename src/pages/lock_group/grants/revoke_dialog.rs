//! The confirm before revoking a grant; the revoke's error (the action's value) inside.

use leptos::prelude::*;

use super::table::GrantRef;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn RevokeDialog(
    open: RwSignal<bool>,
    grant: RwSignal<Option<GrantRef>>,
    revoke: Action<GrantRef, Result<(), String>>,
) -> impl IntoView {
    let outcome = revoke.value();
    let i18n = use_i18n();
    view! {
        <ConfirmDialog
            open
            id="revoke"
            title=Signal::derive(move || {
                let title = grant.read().as_ref().map(|g| g.title.clone()).unwrap_or_default();
                t_string!(i18n, grants.revoke.heading, title).to_string()
            })
            description=move || t_string!(i18n, grants.revoke.text)
            confirm=move || t_string!(i18n, grants.revoke.confirm)
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
