//! The Overview tab: what admins ask first. Members by state as cards that open the
//! Members tab filtered to that state, the number of active grants, how many locks have
//! not synced the latest change; then the lifecycle; the technical ids under "Details".

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{LockGroup, MembershipState};

use crate::api::{memberships, use_api};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::state_diagram::StateDiagram;
use crate::components::timestamp::{now_ms, stamp};
use crate::logic::group_overview::{members_in, not_synced_filter, Bounded, COUNT_LIMIT};
use crate::logic::routes::GroupTab;

use super::waiting_notice::WaitingNotice;

#[component]
pub fn OverviewTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let loaded = move || ctx.group.get().and_then(Result::ok);

    // Counted afresh whenever the group (re)loads. `None`: the group is not loaded yet.
    let not_synced = LocalResource::new(move || {
        let serial = loaded().map(|g| g.rcl_serial_no);
        let (api, owner, id) = (api.clone(), ctx.owner.get(), ctx.id.get());
        async move {
            let Some(serial) = serial else {
                return Ok(None);
            };
            let Some(filter) = not_synced_filter(serial) else {
                return Ok(Some(Bounded::Exactly(0)));
            };
            memberships::count(&api, &owner, &id, filter, COUNT_LIMIT + 1)
                .await
                .map(|n| Some(Bounded::from_rows(n as u64, COUNT_LIMIT)))
        }
    });
    let members_tab = move || GroupTab::Members.path(&ctx.owner.get(), &ctx.id.get());
    let grants_tab = move || GroupTab::Grants.path(&ctx.owner.get(), &ctx.id.get());

    view! {
        <WaitingNotice/>
        {move || loaded().map(|g| view! { <StateCards group=g/> })}
        <ul class="stat-cards" aria-label="Access and sync">
            <li>
                <Loaded resource=ctx.grants what="The active grants could not be counted"
                    fallback=|| view! { <p class="stat-card">"Counting grants…"</p> }
                    let:n>
                    {view! {
                        <A href=grants_tab attr:class="stat-card">
                            <span class="stat-label">"Active grants"</span>
                            <span class="visually-hidden">": "</span>
                            <span class="stat-count">{n.short()}</span>
                        </A>
                    }}
                </Loaded>
            </li>
            <li>
                <Loaded resource=not_synced what="The locks waiting for a sync could not be counted"
                    fallback=|| view! { <p class="stat-card">"Counting…"</p> }
                    let:n>
                    {n.map(|n: Bounded| {
                        let waiting = !n.is_zero();
                        view! {
                            <A href=members_tab attr:class="stat-card"
                                attr:data-attention=waiting.then_some("true")>
                                <span class="stat-label">"Not synced yet"</span>
                                <span class="visually-hidden">": "</span>
                                <span class="stat-count">
                                    <span class="stat-icon" aria-hidden="true">
                                        {if waiting { "⟳ " } else { "✔ " }}
                                    </span>
                                    {n.short()}
                                </span>
                                <span class="stat-note">
                                    {match n {
                                        Bounded::Exactly(0) => " — every lock has synced the latest change",
                                        Bounded::Exactly(1) => " lock has not synced the latest change",
                                        _ => " locks have not synced the latest change",
                                    }}
                                </span>
                            </A>
                        }
                    })}
                </Loaded>
            </li>
        </ul>
        <h2>"Membership lifecycle"</h2>
        <StateDiagram
            statistics=Signal::derive(move || loaded().and_then(|g| g.statistics))
            compact=true
        />
        {move || loaded().map(|g| view! { <Details group=g/> })}
    }
}

/// Members by state: one card per state, each opening the Members tab filtered to it.
#[component]
fn StateCards(group: LockGroup) -> impl IntoView {
    let ctx = use_group();
    let (owner, id) = (ctx.owner.get_untracked(), group.id.clone());
    view! {
        <ul class="stat-cards" aria-label="Members by state">
            {MembershipState::ALL
                .into_iter()
                .map(|state| {
                    let href = members_in(&owner, &id, state);
                    let n = group.count(state);
                    view! {
                        <li>
                            <A href=href attr:class="stat-card" attr:data-state=state.as_str()>
                                <span class="stat-label">
                                    <span class="stat-icon" aria-hidden="true">{state.icon()} " "</span>
                                    {state.label()}
                                </span>
                                <span class="visually-hidden">": "</span>
                                <span class="stat-count">{n}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The technical facts, folded away: ids, RCL serial and date, time restrictions.
#[component]
fn Details(group: LockGroup) -> impl IntoView {
    let feature = group
        .supported_features
        .as_ref()
        .map_or("Unknown", |f| f.time_restriction_ical_support.label());
    view! {
        <details class="group-details">
            <summary>"Details"</summary>
            <dl class="facts">
                <dt>"ID"</dt>
                <dd><code>{group.id.clone()}</code></dd>
                <dt>"Status"</dt>
                <dd>{if group.active { "Active" } else { "Deleted" }}</dd>
                <dt>"RCL serial number"</dt>
                <dd>{group.rcl_serial_no.map_or("none".to_string(), |n| n.to_string())}</dd>
                <dt>"RCL date"</dt>
                <dd>{stamp(group.rcl_date.as_deref(), now_ms(), "none")}</dd>
                <dt>"Physical lock ID"</dt>
                <dd><code>{group.physical_lock_id.clone().unwrap_or_else(|| "none".into())}</code></dd>
                <dt>"Time restrictions"</dt>
                <dd>{feature}</dd>
            </dl>
        </details>
    }
}
