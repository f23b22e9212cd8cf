//! "Delete lock group": a specific confirmation (`role="alertdialog"`) that says what the
//! group still holds and offers the two force options, each with its consequence.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;
use wire::LockGroup;

use crate::api::lock_groups::{self, DeleteOptions};
use crate::api::use_api;
use crate::components::announcer::use_announcer;
use crate::components::modal::Modal;
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::group_delete::{self, Blocker};
use crate::logic::routes;

/// Grants are counted up to this many; more shows as "100 or more".
const GRANT_COUNT_LIMIT: u64 = 100;

/// The confirmation for `group`; its code loads when it first opens (see
/// [`page_code::on_first_open`]).
#[component]
pub fn DeleteGroupDialog(
    open: RwSignal<bool>,
    /// The group as last loaded (title and statistics).
    group: LockGroup,
    owner: String,
) -> impl IntoView {
    page_code::on_first_open(open, preload_delete_group, move || {
        delete_group_dialog(open, group.clone(), owner.clone())
    })
}

split_point! {
    delete_group, preload_delete_group,
    fn delete_group_dialog(
        open: RwSignal<bool>,
        group: LockGroup,
        owner: String,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <DeleteGroupForm open group owner/> }.into_any())
    }
}

/// Loads the confirmation's code.
pub async fn preload() {
    let _ = preload_delete_group().await;
}

#[component]
fn DeleteGroupForm(open: RwSignal<bool>, group: LockGroup, owner: String) -> impl IntoView {
    let api = use_api();
    let announcer = use_announcer();
    let navigate = use_navigate();
    let i18n = use_i18n();
    let unjoin = RwSignal::new(false);
    let revoke = RwSignal::new(false);
    let blocker = RwSignal::new(None::<Blocker>);
    let error = RwSignal::new(None::<String>);
    let cancel_button = NodeRef::<html::Button>::new();
    let unjoin_box = NodeRef::<html::Input>::new();
    let revoke_box = NodeRef::<html::Input>::new();

    let id = group.id.clone();
    let locks = group_delete::member_locks(&group);
    let grants = LocalResource::new({
        let (api, owner, id) = (api.clone(), owner.clone(), id.clone());
        move || {
            // Counted afresh each time the dialog opens.
            let opened = open.get();
            let (api, owner, id) = (api.clone(), owner.clone(), id.clone());
            async move {
                if !opened {
                    return None;
                }
                lock_groups::count_active_grants(&api, &owner, &id, GRANT_COUNT_LIMIT)
                    .await
                    .ok()
            }
        }
    });
    let grants_text = move || match grants.get().flatten() {
        Some(n) if n as u64 >= GRANT_COUNT_LIMIT => {
            let count = words::number(i18n, GRANT_COUNT_LIMIT);
            t_string!(i18n, delete_group.grants_limit, count).to_string()
        }
        Some(n) => active_grants(i18n, n as u64),
        None => t_string!(i18n, delete_group.grants_unknown).to_string(),
    };

    // The answer is handled where the request completes: deleted, the list opens; a
    // refusal explains itself and focuses the option that would allow it.
    let delete = Action::new_local({
        let (api, owner, id) = (api.clone(), owner.clone(), id.clone());
        move |options: &DeleteOptions| {
            let (api, owner, id, options, navigate) = (
                api.clone(),
                owner.clone(),
                id.clone(),
                *options,
                navigate.clone(),
            );
            async move {
                match lock_groups::delete(&api, &owner, &id, options).await {
                    Ok(()) => {
                        open.set(false);
                        announcer.say(t_string!(i18n, delete_group.deleted));
                        navigate(&routes::lock_groups(&owner), Default::default());
                    }
                    Err(e) => {
                        let b = group_delete::blocker(&e);
                        blocker.set(b);
                        error.set(b.is_none().then(|| words::error(i18n, &e)));
                        let focus = match b {
                            Some(Blocker::Locks) => unjoin_box.get_untracked(),
                            Some(Blocker::Grants) => revoke_box.get_untracked(),
                            None => None,
                        };
                        if let Some(el) = focus {
                            let _ = el.focus();
                        }
                    }
                }
            }
        }
    });
    let confirm = move |_| {
        error.set(None);
        blocker.set(None);
        delete.dispatch(DeleteOptions {
            force_unjoin_locks: unjoin.get_untracked(),
            force_revoke_grants: revoke.get_untracked(),
        });
    };
    let pending = delete.pending();
    let title = group.title.clone();
    let heading = Signal::derive(move || {
        t_string!(i18n, delete_group.heading, title = title.clone()).to_string()
    });
    let summary = move || {
        let locks = member_locks(i18n, locks);
        let grants = grants_text();
        t_string!(i18n, delete_group.summary, locks, grants).to_string()
    };

    view! {
        <Modal
            open
            alert=true
            labelledby="delete-group-title"
            describedby="delete-group-summary"
            initial_focus=cancel_button
        >
            <h2 id="delete-group-title">{heading}</h2>
            <p id="delete-group-summary">{summary}</p>
            <div class="check">
                <input id="delete-unjoin" type="checkbox" node_ref=unjoin_box
                    prop:checked=unjoin on:change=move |ev| unjoin.set(event_target_checked(&ev))
                    aria-describedby="delete-unjoin-help"/>
                <label for="delete-unjoin">{t!(i18n, delete_group.unjoin)}</label>
                <p id="delete-unjoin-help" class="help">{t!(i18n, delete_group.unjoin_help)}</p>
            </div>
            <div class="check">
                <input id="delete-revoke" type="checkbox" node_ref=revoke_box
                    prop:checked=revoke on:change=move |ev| revoke.set(event_target_checked(&ev))
                    aria-describedby="delete-revoke-help"/>
                <label for="delete-revoke">{t!(i18n, delete_group.revoke)}</label>
                <p id="delete-revoke-help" class="help">{t!(i18n, delete_group.revoke_help)}</p>
            </div>
            {move || blocker.get().map(|b| {
                let text = match b {
                    Blocker::Locks => t_string!(i18n, delete_group.blocked_locks),
                    Blocker::Grants => t_string!(i18n, delete_group.blocked_grants),
                };
                view! { <p class="form-error" role="alert">{text}</p> }
            })}
            {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="dialog-actions">
                <button type="button" node_ref=cancel_button on:click=move |_| open.set(false)>
                    {t!(i18n, delete_group.cancel)}
                </button>
                <button type="button" class="danger" disabled=move || pending.get() on:click=confirm>
                    {move || if pending.get() {
                        t_string!(i18n, delete_group.deleting)
                    } else {
                        t_string!(i18n, delete_group.delete)
                    }}
                </button>
            </div>
        </Modal>
    }
}

/// "1 member lock" / "2 member locks", "1 Schloss" / "2 Schlösser" (`Intl.PluralRules`).
fn member_locks(i18n: I18n, n: u64) -> String {
    let count = words::number(i18n, n);
    if words::is_one(i18n, n) {
        t_string!(i18n, delete_group.member_locks.one, count).to_string()
    } else {
        t_string!(i18n, delete_group.member_locks.other, count).to_string()
    }
}

/// "1 active grant" / "3 aktive Berechtigungen".
fn active_grants(i18n: I18n, n: u64) -> String {
    let count = words::number(i18n, n);
    if words::is_one(i18n, n) {
        t_string!(i18n, delete_group.active_grants.one, count).to_string()
    } else {
        t_string!(i18n, delete_group.active_grants.other, count).to_string()
    }
}
