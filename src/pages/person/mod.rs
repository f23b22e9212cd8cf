//! `/owners/:owner/people/:id`: what one person can open. The contact, every grant they
//! hold (on a lock or a group) with its validity and schedule in words, for each valid
//! group grant the locks it opens through the group's current memberships (asked a few
//! groups at a time, each shown as it arrives, see `reach`), and the total over every
//! way (`logic::person_access`). Revoke one grant, or everything (`revoke_all`).

mod grants_table;
mod phrases;
mod reach;
mod revoke;
mod revoke_all;
mod same_access;

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use wire::{Contact, Grant};

use crate::api::paging::{all_pages, every_page};
use crate::api::{grants, use_api, ApiError, Query};
use crate::components::loaded::Loaded;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::limits::PERSON_GRANTS;
use crate::logic::odata::string_literal;
use crate::logic::people_list::identifier;
use crate::logic::person_access::{lines, GrantLine};
use crate::logic::routes;

use grants_table::GrantsTable;
use reach::{Reach, TotalLine};
use revoke::{RevokeDialog, ToRevoke};
use revoke_all::RevokeAll;
use same_access::SameAccess;

/// The person page's loader: the contact and every grant they hold, both asked at once.
#[derive(Clone, Copy)]
pub struct PersonData {
    owner: Memo<String>,
    id: Memo<String>,
    contact: LocalResource<Result<Contact, ApiError>>,
    grants: LocalResource<Result<Vec<Grant>, ApiError>>,
}

impl PersonData {
    pub fn load() -> Self {
        let api = use_api();
        let params = use_params_map();
        let owner = Memo::new(move |_| params.read().get("owner").unwrap_or_default());
        let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
        let held_by = move || Some(format!("contactId eq {}", string_literal(&id.get())));
        let contact = {
            let api = api.clone();
            LocalResource::new(move || {
                let (api, owner, id) = (api.clone(), owner.get(), id.get());
                async move {
                    // The API has no GET of one contact: a filtered list of at most one.
                    let q = Query::new()
                        .filter(Some(format!("id eq {}", string_literal(&id))))
                        .top(1);
                    grants::contacts(&api, &owner, &q)
                        .await?
                        .into_iter()
                        .next()
                        .ok_or_else(|| ApiError::NotFound(format!("No contact with the ID {id}.")))
                }
            })
        };
        let grants = LocalResource::new(move || {
            let (api, owner, filter) = (api.clone(), owner.get(), held_by());
            async move {
                let all = all_pages(
                    PERSON_GRANTS,
                    async |page: Query| {
                        grants::list(&api, &owner, &page.filter(filter.clone())).await
                    },
                    every_page,
                )
                .await?;
                Ok(all.rows)
            }
        });
        PersonData {
            owner,
            id,
            contact,
            grants,
        }
    }
}

#[component]
pub fn PersonPage(data: PersonData) -> impl IntoView {
    let PersonData {
        owner,
        id,
        contact,
        grants,
    } = data;
    let i18n = use_i18n();
    let title = move || match contact.get() {
        Some(Ok(c)) => words::contact_name(i18n, &c),
        Some(Err(ApiError::NotFound(_))) => t_string!(i18n, person.not_found_title).to_string(),
        _ => t_string!(i18n, person.title).to_string(),
    };
    let back = move || {
        view! { <A href=move || routes::people(&owner.get())>{t!(i18n, person.back)}</A> }
    };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::people(&owner.get())>{t!(i18n, people.heading)}</A>
        </p>
        <div class="page-head">
            <h1>{title}</h1>
        </div>
        <Loaded resource=contact what=move || t_string!(i18n, person.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, person.loading)}</p> }
            not_found=move || view! {
                <p>
                    {t!(i18n, person.not_found_before)} <code>{id.get()}</code>
                    {t!(i18n, person.not_found_after)} {back()}
                </p>
            }
            let:person>
            {identifier(&person).map(|e| view! { <p class="lead">{e}</p> })}
            <Loaded resource=grants what=move || t_string!(i18n, person.grants_failed)
                fallback=move || view! { <p role="status">{t!(i18n, person.grants_loading)}</p> }
                let:held>
                <PersonView
                    held=lines(held, now_ms())
                    name=words::contact_name(i18n, &person)
                    owner=owner.get_untracked()
                    reload=Callback::new(move |()| grants.refetch())
                />
            </Loaded>
        </Loaded>
    }
}

/// A person's grants, what they open, and the revokes.
#[component]
fn PersonView(
    held: Vec<GrantLine>,
    name: String,
    owner: String,
    /// Reads the grants again (after "Revoke all access").
    reload: Callback<()>,
) -> impl IntoView {
    let held = RwSignal::new(held);
    let reach = Reach::start(use_api(), owner.clone(), held.get_untracked());
    let show_past = RwSignal::new(false);
    let past = move || held.read().iter().filter(|l| l.past()).count();
    // Revoke one, after a confirm; its error is the action's value, read by the dialog.
    let to_revoke = RwSignal::new(None::<ToRevoke>);
    let revoke_open = RwSignal::new(false);
    let revoke = revoke::action(owner.clone(), name.clone(), held, revoke_open);
    let ask_revoke = Callback::new(move |t: ToRevoke| {
        revoke.value().set(None);
        to_revoke.set(Some(t));
        revoke_open.set(true);
    });
    let all_open = RwSignal::new(false);
    let any_revocable = move || held.read().iter().any(GrantLine::revocable);
    let i18n = use_i18n();
    let heading = {
        let name = name.clone();
        move || t_string!(i18n, person.can_open, name = name.clone()).to_string()
    };
    view! {
        <section aria-labelledby="person-access">
            <h2 id="person-access">{heading}</h2>
            <TotalLine held reach/>
            <div class="toolbar">
                <SameAccess held owner=owner.clone() name=name.clone()/>
                <Show when=any_revocable>
                    <button type="button" class="danger" on:click=move |_| all_open.set(true)>
                        {t!(i18n, person.revoke_all)}
                    </button>
                </Show>
            </div>
        </section>
        <section aria-labelledby="person-grants">
            <h2 id="person-grants">{t!(i18n, person.grants)}</h2>
            <label class="check">
                <input type="checkbox" prop:checked=move || show_past.get()
                    on:change=move |ev| show_past.set(event_target_checked(&ev))/>
                {move || t_string!(i18n, person.show_past, count = past()).to_string()}
            </label>
            <GrantsTable held show_past reach owner=owner.clone() name=name.clone() ask_revoke/>
        </section>
        <RevokeDialog open=revoke_open to_revoke revoke name=name.clone()/>
        <RevokeAll open=all_open held owner name reload/>
    }
}
