//! The first locks and the first people of the group, each a link to its page, with a
//! link to the whole list on its tab; an empty list offers the action that fills it, and a
//! new group gets both actions first ("Add locks", "Grant access").

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{LockGroup, Membership};

use crate::api::ApiError;
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::logic::group_overview::{all_of, tab_with_dialog, Bounded, ADD_LOCKS, GRANT_ACCESS};
use crate::logic::membership_state::Dates;
use crate::logic::routes::{self, GroupTab};

use super::attention::state_chip;
use super::data::GrantFacts;

/// A link styled as a button that opens `tab` with its dialog.
fn action(
    tab: GroupTab,
    dialog: &'static str,
    label: &'static str,
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

/// A new group: no lock, no grant. The two actions that start it.
#[component]
pub fn GetStarted() -> impl IntoView {
    view! {
        <section class="overview-section get-started" aria-labelledby="start-title">
            <h2 id="start-title">"Start this group"</h2>
            <p>"No lock is in this group yet, and no one has access through it."</p>
            <ol class="start-steps">
                <li>
                    {action(GroupTab::Members, ADD_LOCKS, "Add locks", true)}
                    <span>"Choose the locks this group opens; each joins when it next syncs."</span>
                </li>
                <li>
                    {action(GroupTab::Grants, GRANT_ACCESS, "Grant access", false)}
                    <span>"Give people access to every lock of the group."</span>
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
    let body = if current == 0 {
        view! {
            <p class="muted">"No locks yet."</p>
            {group.active.then(|| action(GroupTab::Members, ADD_LOCKS, "Add locks", true))}
        }
        .into_any()
    } else {
        let members_tab = GroupTab::Members.path(&owner, &group.id);
        view! {
            <Loaded resource=rows what="The group's locks could not be loaded"
                fallback=|| view! { <p role="status">"Loading locks…"</p> }
                let:rows>
                <ul class="overview-list" aria-label="First locks">
                    {rows.unwrap_or_default().into_iter().map(|m| {
                        let state = Dates::of(&m).state();
                        let title = crate::pages::lock_group::members::lock_title(&m);
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
                <A href=members_tab>{all_of(Bounded::Exactly(current), "lock", "locks")}</A>
            </p>
        }
        .into_any()
    };
    view! {
        <section class="overview-section" aria-labelledby="locks-title">
            <h2 id="locks-title">"Locks"</h2>
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
    let all_grants = move || {
        ctx.grants
            .get()
            .and_then(Result::ok)
            .map(|n| all_of(n, "grant", "grants"))
    };
    view! {
        <section class="overview-section" aria-labelledby="people-title">
            <h2 id="people-title">"People with access"</h2>
            <Loaded resource=grants what="The people with access could not be loaded"
                fallback=|| view! { <p role="status">"Loading people…"</p> }
                let:facts>
                {if facts.people.count == 0 {
                    view! {
                        <p class="muted">"No one has access yet."</p>
                        {active.then(|| action(GroupTab::Grants, GRANT_ACCESS, "Grant access", true))}
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="overview-list" aria-label="First people">
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
