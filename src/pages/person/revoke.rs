//! Revoking one of a person's grants: a confirm that names the person and the group or
//! lock, `POST …/Grants/{id}/Revoke`, and the row marked revoked in place (the server
//! answers with no body, so nothing needs reading again).

use leptos::prelude::*;

use crate::api::{grants, use_api};
use crate::components::announcer::use_announcer;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{t_string, use_i18n, words};
use crate::logic::person_access::{GrantLine, Kind};

use super::phrases;

/// The grant picked for revoking, with its target (said "group Staff" in the language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToRevoke {
    pub grant_id: String,
    pub kind: Kind,
    pub title: String,
}

/// The revoke; its error is its value, shown in the dialog.
pub fn action(
    owner: String,
    name: String,
    held: RwSignal<Vec<GrantLine>>,
    open: RwSignal<bool>,
) -> Action<ToRevoke, Result<(), String>> {
    let (api, announcer, i18n) = (use_api(), use_announcer(), use_i18n());
    Action::new_local(move |t: &ToRevoke| {
        let (api, owner, name, t) = (api.clone(), owner.clone(), name.clone(), t.clone());
        async move {
            grants::revoke(&api, &owner, &t.grant_id)
                .await
                .map_err(|e| words::error(i18n, &e))?;
            held.try_update(|lines| {
                for l in lines.iter_mut().filter(|l| l.grant.id == t.grant_id) {
                    l.mark_revoked();
                }
            });
            let target = phrases::target(i18n, t.kind, &t.title);
            announcer.say(t_string!(i18n, person.revoked_notice, name, target).to_string());
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
    let i18n = use_i18n();
    view! {
        <ConfirmDialog
            open
            id="revoke-one"
            title=Signal::derive(move || {
                let target = to_revoke
                    .read()
                    .as_ref()
                    .map(|t| phrases::target(i18n, t.kind, &t.title))
                    .unwrap_or_default();
                t_string!(i18n, person.revoke_one.title, name = name.clone(), target).to_string()
            })
            description=move || t_string!(i18n, person.revoke_one.text)
            confirm=move || t_string!(i18n, grants.revoke.confirm)
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
