//! The Overview tab answers "does this group need me?": one line of counts, what needs
//! attention (locks waiting for a sync and since when, grants that end soon), the first
//! locks and people with links to their tabs, and for a new group the two actions that
//! start it; the technical ids under "Details". The lifecycle is explained once, on the
//! Diagram tab.
//!
//! Requests, besides the page's own two (the group with its statistics, the count of its
//! active grants): the group's active grants (one request of up to 101, a second only
//! when there are more: those ending soon), and, from the statistics, the first 5 current
//! members (none for a group without locks) and the waiting ones (only when some wait
//! and there are more than 5 current members).

mod attention;
mod data;
mod lists;

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{LockGroup, Membership};

use crate::api::{memberships, use_api, ApiError, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::timestamp::{now_ms, stamp};
use crate::logic::group_overview::{
    current_by_state, locks_phrase, members_in, people_phrase, plan as request_plan, state_phrase,
    waiting_locks, Plan, PREVIEW, WAITING_LIMIT,
};
use crate::logic::membership_state::waiting_filter;

use self::attention::{NeedsAttention, Waiting};
use self::data::{grant_facts, GrantFacts};
use self::lists::{FirstLocks, FirstPeople, GetStarted};

#[component]
pub fn OverviewTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let loaded = move || ctx.group.get().and_then(Result::ok);
    // `None` until the group has loaded: nothing is asked before the plan is known.
    let plan = Memo::new(move |_| loaded().map(|g| request_plan(g.statistics.as_ref())));

    let members = |wanted: fn(&Plan) -> bool, filter: fn() -> String, top: u64| {
        let api = api.clone();
        LocalResource::new(move || {
            let ask = plan.get().as_ref().map(wanted);
            let (api, owner, id) = (api.clone(), ctx.owner.get(), ctx.id.get());
            async move {
                match ask {
                    Some(true) => {
                        let query = Query::new()
                            .filter(Some(filter()))
                            .expand("boundLock")
                            .top(top);
                        memberships::list(&api, &owner, &id, &query).await.map(Some)
                    }
                    Some(false) => Ok(Some(Vec::new())),
                    None => Ok(None),
                }
            }
        })
    };
    let first_locks = members(
        |p| p.first_locks,
        wire::domain::current_filter,
        PREVIEW as u64,
    );
    let waiting_rows = members(|p| p.waiting, waiting_filter, WAITING_LIMIT);
    let grants = LocalResource::new({
        let api = api.clone();
        move || grant_facts(api.clone(), ctx.owner.get(), ctx.id.get())
    });

    // The waiting locks: asked on their own, else among the first locks (all of them).
    let waiting: Waiting = Memo::new(move |_| {
        let asked = plan.get()?.waiting;
        let rows = if asked {
            waiting_rows.get()
        } else {
            first_locks.get()
        }?;
        match rows {
            Ok(rows) => rows.map(|rows: Vec<Membership>| Ok(waiting_locks(&rows))),
            Err(e) => Some(Err(e.to_string())),
        }
    });

    view! {
        {move || loaded().map(|g| {
            let current = g.statistics.as_ref().map_or(0, |s| s.current());
            let no_grants = matches!(ctx.grants.get(), Some(Ok(n)) if n.is_zero());
            let start = current == 0 && no_grants && g.active;
            view! {
                <Summary group=g.clone() grants/>
                {if start {
                    view! { <GetStarted/> }.into_any()
                } else {
                    view! {
                        <NeedsAttention group=g.clone() waiting grants/>
                        <div class="overview-lists">
                            <FirstLocks group=g.clone() rows=first_locks/>
                            <FirstPeople active=g.active grants/>
                        </div>
                    }
                    .into_any()
                }}
                <Details group=g/>
            }
        })}
    }
}

/// "12 locks: 9 active, 2 joining, 1 leaving · 5 people with access": each state opens
/// the Members tab filtered to it.
#[component]
fn Summary(group: LockGroup, grants: LocalResource<Result<GrantFacts, ApiError>>) -> impl IntoView {
    let ctx = use_group();
    let owner = ctx.owner.get_untracked();
    let stats = group.statistics.clone().unwrap_or_default();
    let total = stats.current();
    let parts = current_by_state(&stats);
    let locks = if total == 0 {
        view! { "No locks yet" }.into_any()
    } else {
        let last = parts.len().saturating_sub(1);
        view! {
            {locks_phrase(total)} ": "
            {parts.into_iter().enumerate().map(|(i, (state, n))| view! {
                <A href=members_in(&owner, &group.id, state)>{state_phrase(state, n)}</A>
                {(i < last).then_some(", ")}
            }).collect_view()}
        }
        .into_any()
    };
    view! {
        <p class="overview-summary" id="overview-summary">
            {locks}
            " · "
            <Loaded resource=grants what="The people with access could not be counted"
                fallback=|| view! { <span class="muted">"counting people…"</span> }
                let:facts>
                {people_phrase(&facts.people)}
            </Loaded>
        </p>
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
