//! Picks the owner account (locking system) every lock group page is scoped to.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use wire::Owner;

use crate::api::{owners::list_owners, use_api, ApiError};
use crate::auth;
use crate::i18n::{t, use_i18n, words};
use crate::logic::routes;

/// The owner account the admin works in: the one in the address, else the last one there
/// (so pages outside an owner, like Settings, still know it and the header keeps its
/// lists), remembered for this tab across reloads, else the first one. Provided by the app.
#[derive(Clone, Copy)]
pub struct CurrentOwner(pub Memo<Option<String>>);

/// This tab's last owner account (`sessionStorage`, as the rest of the tab's state).
const LAST_OWNER: &str = "lga.owner";

impl CurrentOwner {
    /// Follows the address; needs the router and [`Owners`].
    pub fn follow_address() -> Self {
        let location = use_location();
        let owners = use_owners();
        let current = Memo::new(move |last: Option<&Option<String>>| {
            routes::owner_from_path(&location.pathname.get())
                .or_else(|| last.cloned().flatten())
                .or_else(|| {
                    let stored = auth::get(LAST_OWNER);
                    let Some(Ok(list)) = owners.get() else {
                        return stored;
                    };
                    // One the admin may still open, else the first (as `/` chooses).
                    stored
                        .filter(|id| list.iter().any(|o| &o.id == id))
                        .or_else(|| list.first().map(|o| o.id.clone()))
                })
        });
        Effect::new(move |_| {
            if let Some(id) = current.get() {
                auth::set(LAST_OWNER, &id);
            }
        });
        CurrentOwner(current)
    }
}

/// The owner accounts the admin may manage (`GET /Owners`), loaded once for the whole
/// console: the switcher, the home page and Settings read the same answer. Provided by
/// the app.
#[derive(Clone, Copy)]
pub struct Owners(pub LocalResource<Result<Vec<Owner>, ApiError>>);

impl Owners {
    /// Starts loading; needs the API client in context.
    pub fn load() -> Self {
        let api = use_api();
        Owners(LocalResource::new(move || {
            let api = api.clone();
            async move { list_owners(&api).await }
        }))
    }
}

/// The shared owner accounts (see [`Owners`]).
pub fn use_owners() -> LocalResource<Result<Vec<Owner>, ApiError>> {
    expect_context::<Owners>().0
}

/// The owner account's name, for file names and headings (its id until the owners load).
pub fn owner_name(owner: Memo<String>) -> Signal<String> {
    let owners = use_owners();
    Signal::derive(move || {
        let id = owner.get();
        owners
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|o| o.id == id))
            .map_or(id, |o| o.name)
    })
}

#[component]
pub fn OwnerSwitcher() -> impl IntoView {
    let owners = use_owners();
    let current = expect_context::<CurrentOwner>().0;
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if !id.is_empty() {
            navigate(&routes::lock_groups(&id), Default::default());
        }
    };

    let i18n = use_i18n();
    view! {
        <div class="owner-switcher">
            <label for="owner-switcher">{t!(i18n, shell.owner_account)}</label>
            <Transition fallback=move || view! {
                <select id="owner-switcher" disabled=true>
                    <option>{t!(i18n, shell.loading)}</option>
                </select>
            }>
                {move || {
                    let on_change = on_change.clone();
                    Suspend::new(async move {
                    match owners.await {
                        Ok(list) => {
                            view! {
                                <select id="owner-switcher" on:change=on_change>
                                    <option value="" selected=move || current.get().is_none()>
                                        {t!(i18n, shell.choose)}
                                    </option>
                                    {list
                                        .into_iter()
                                        .map(|owner| {
                                            let id = owner.id.clone();
                                            let selected = move || current.get().as_deref() == Some(id.as_str());
                                            view! {
                                                <option value=owner.id.clone() selected=selected>
                                                    {owner.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                            .into_any()
                        }
                        Err(e) => view! {
                            <select id="owner-switcher" disabled=true aria-describedby="owner-switcher-error">
                                <option>{t!(i18n, shell.unavailable)}</option>
                            </select>
                            <span id="owner-switcher-error" class="field-error">{move || words::error(i18n, &e)}</span>
                        }
                        .into_any(),
                    }
                })
                }}
            </Transition>
        </div>
    }
}
