//! Revoking one of a person's grants: a confirm that names the person and the group or
//! lock, `POST …/Grants/{id}/Revoke`, and the row marked revoked in place (the server
//! answers with no body, so nothing needs reading again).

use leptos::prelude::*;

use crate::api::{grants, use_api};
use crate::components::announcer::use_announcer;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::logic::person_access::GrantLine;

/// The grant picked for revoking, with its target in words ("group Staff").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToRevoke {
    pub grant_id: String,
    pub target: String,
}

/// The revoke; its error is its value, shown in the dialog.
pub fn action(
    owner: String,
    name: String,
    held: RwSignal<Vec<GrantLine>>,
    open: RwSignal<bool>,
) -> Action<ToRevoke, Result<(), String>> {
    let (api, announcer) = (use_api(), use_announcer());
    Action::new_local(move |t: &ToRevoke| {
        let (api, owner, name, t) = (api.clone(), owner.clone(), name.clone(), t.clone());
        async move {
            grants::revoke(&api, &owner, &t.grant_id)
                .await
                .map_err(|e| e.to_string())?;
            held.try_update(|lines| {
                for l in lines.iter_mut().filter(|l| l.grant.id == t.grant_id) {
                    l.mark_revoked();
                }
            });
            announcer.say(format!("{name}'s access to {} revoked", t.target));
            _ = open.try_set(false);
            Ok(())
        }
    })
}

#[component]
pub fn RevokeDialog(
    open: RwSignal<bool>,
    to_revoke: RwSignal<Option<ToRevoke>>,
    revoke: Action<ToRevoke, Result<(), String>>,
    name: String,
) -> impl IntoView {
    let outcome = revoke.value();
    view! {
        <ConfirmDialog
            open
            id="revoke-one"
            title=Signal::derive(move || {
                let target = to_revoke.read().as_ref().map(|t| t.target.clone()).unwrap_or_default();
                format!("Revoke {name}'s access to {target}?")
            })
            description="The grant is revoked at once; each lock learns of it when it next syncs. It stays listed with the past grants."
            confirm="Revoke access"
            busy=revoke.pending().into()
            error=Signal::derive(move || outcome.get().and_then(Result::err))
            on_confirm=Callback::new(move |()| {
                if let Some(t) = to_revoke.get_untracked() {
                    revoke.dispatch(t);
                }
            })
        >
            ""
        </ConfirmDialog>
    }
}
