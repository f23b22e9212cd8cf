//! The first locks and the first people of the group, each a link to its page, with a
//! link to the whole list on its tab; an empty list offers the action that fills it, and a
//! new group gets both actions first ("Add locks", "Grant access").

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{LockGroup, Membership};

use crate::api::ApiError;
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::group_overview::{tab_with_dialog, Bounded, ADD_LOCKS, GRANT_ACCESS};
use crate::logic::membership_state::Dates;
use crate::logic::routes::{self, GroupTab};
use crate::pages::lock_group::words as phrase;

use super::attention::state_chip;
use super::data::GrantFacts;

/// A link styled as a button that opens `tab` with its dialog.
fn action(
    tab: GroupTab,
    dialog: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    primary: bool,
) -> impl IntoView {
    let ctx = use_group();
    let href = tab_with_dialog(
        tab,
        &ctx.owner.get_untracked(),
        &ctx.id.get_untracked(),
        dialog,
    );
    let class = if primary { "button primary" } else { "button" };
    view! { <A href=href attr:class=class>{label}</A> }
}

fn add_locks(i18n: crate::i18n::I18n) -> impl Fn() -> String + Send + Sync + 'static {
    move || t_string!(i18n, overview.add_locks).to_string()
}

fn grant_access(i18n: crate::i18n::I18n) -> impl Fn() -> String + Send + Sync + 'static {
    move || t_string!(i18n, overview.grant_access).to_string()
}

/// A new group: no lock, no grant. The two actions that start it.
#[component]
pub fn GetStarted() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="overview-section get-started" aria-labelledby="start-title">
            <h2 id="start-title">{t!(i18n, overview.start_heading)}</h2>
            <p>{t!(i18n, overview.start_text)}</p>
            <ol class="start-steps">
                <li>
                    {action(GroupTab::Members, ADD_LOCKS, add_locks(i18n), true)}
                    <span>{t!(i18n, overview.add_locks_help)}</span>
                </li>
                <li>
                    {action(GroupTab::Grants, GRANT_ACCESS, grant_access(i18n), false)}
                    <span>{t!(i18n, overview.grant_access_help)}</span>
                </li>
            </ol>
        </section>
    }
}

#[component]
pub fn FirstLocks(
    group: LockGroup,
    rows: LocalResource<Result<Option<Vec<Membership>>, ApiError>>,
) -> impl IntoView {
    let ctx = use_group();
    let owner = ctx.owner.get_untracked();
    let current = group.statistics.as_ref().map_or(0, |s| s.current());
    let i18n = use_i18n();
    let body = if current == 0 {
        view! {
            <p class="muted">{t!(i18n, overview.no_locks)}</p>
            {group.active.then(|| action(GroupTab::Members, ADD_LOCKS, add_locks(i18n), true))}
        }
        .into_any()
    } else {
        let members_tab = GroupTab::Members.path(&owner, &group.id);
        view! {
            <Loaded resource=rows what=move || t_string!(i18n, overview.locks_failed)
                fallback=move || view! { <p role="status">{t!(i18n, overview.locks_loading)}</p> }
                let:rows>
                <ul class="overview-list" aria-label=move || t_string!(i18n, overview.first_locks)>
                    {rows.unwrap_or_default().into_iter().map(|m| {
                        let state = Dates::of(&m).state();
                        let title = crate::pages::lock_group::members::lock_title(i18n, &m);
                        view! {
                            <li>
                                <A href=routes::lock(&owner, &m.bound_lock_id)>{title}</A>
                                " " {state_chip(state)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Loaded>
            <p class="overview-more">
                <A href=members_tab>{move || phrase::all_locks(i18n, Bounded::Exactly(current))}</A>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="overview-section" aria-labelledby="locks-title">
            <h2 id="locks-title">{t!(i18n, overview.locks)}</h2>
            {body}
        </section>
    }
}

#[component]
pub fn FirstPeople(
    active: bool,
    grants: LocalResource<Result<GrantFacts, ApiError>>,
) -> impl IntoView {
    let ctx = use_group();
    let owner = ctx.owner.get_untracked();
    let grants_tab = GroupTab::Grants.path(&owner, &ctx.id.get_untracked());
    let i18n = use_i18n();
    let all_grants = move || {
        ctx.grants
            .get()
            .and_then(Result::ok)
            .map(|n| phrase::all_grants(i18n, n))
    };
    view! {
        <section class="overview-section" aria-labelledby="people-title">
            <h2 id="people-title">{t!(i18n, overview.people)}</h2>
            <Loaded resource=grants what=move || t_string!(i18n, overview.people_failed)
                fallback=move || view! { <p role="status">{t!(i18n, overview.people_loading)}</p> }
                let:facts>
                {if facts.people.count == 0 {
                    view! {
                        <p class="muted">{t!(i18n, overview.no_one)}</p>
                        {active.then(|| action(GroupTab::Grants, GRANT_ACCESS, grant_access(i18n), true))}
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="overview-list" aria-label=move || t_string!(i18n, overview.first_people)>
                            {facts.people.first.into_iter().map(|p| view! {
                                <li><A href=routes::person(&owner, &p.id)>{p.name}</A></li>
                            }).collect_view()}
                        </ul>
                        <p class="overview-more">
                            <A href=grants_tab.clone()>{all_grants}</A>
                        </p>
                    }
                    .into_any()
                }}
            </Loaded>
        </section>
    }
}
