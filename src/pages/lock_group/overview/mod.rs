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
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::group_overview::{
    current_by_state, members_in, plan as request_plan, waiting_locks, Plan, PREVIEW, WAITING_LIMIT,
};
use crate::logic::membership_state::waiting_filter;
use crate::pages::lock_group::words as phrase;

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
    let i18n = use_i18n();
    let locks = if total == 0 {
        view! { {t!(i18n, overview.no_locks_yet)} }.into_any()
    } else {
        let last = parts.len().saturating_sub(1);
        view! {
            {move || phrase::locks(i18n, total)} ": "
            {parts.into_iter().enumerate().map(|(i, (state, n))| view! {
                <A href=members_in(&owner, &group.id, state)>{move || phrase::in_state(i18n, state, n)}</A>
                {(i < last).then_some(", ")}
            }).collect_view()}
        }
        .into_any()
    };
    view! {
        <p class="overview-summary" id="overview-summary">
            {locks}
            " · "
            <Loaded resource=grants what=move || t_string!(i18n, overview.people_count_failed)
                fallback=move || view! { <span class="muted">{t!(i18n, overview.counting_people)}</span> }
                let:facts>
                {let people = facts.people.clone(); move || phrase::people(i18n, &people)}
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
        .map_or(wire::FeatureSupport::Unknown, |f| {
            f.time_restriction_ical_support
        });
    let i18n = use_i18n();
    let none = move || t_string!(i18n, overview.none);
    let active = group.active;
    view! {
        <details class="group-details">
            <summary>{t!(i18n, overview.details)}</summary>
            <dl class="facts">
                <dt>{t!(i18n, overview.id)}</dt>
                <dd><code>{group.id.clone()}</code></dd>
                <dt>{t!(i18n, overview.status)}</dt>
                <dd>{move || if active { t_string!(i18n, overview.active) } else { t_string!(i18n, overview.deleted) }}</dd>
                <dt>{t!(i18n, overview.rcl_serial)}</dt>
                <dd>{match group.rcl_serial_no { Some(n) => n.to_string().into_any(), None => none.into_any() }}</dd>
                <dt>{t!(i18n, overview.rcl_date)}</dt>
                <dd>{stamp(group.rcl_date.as_deref(), now_ms(), none)}</dd>
                <dt>{t!(i18n, overview.physical_id)}</dt>
                <dd><code>{match group.physical_lock_id.clone() { Some(id) => id.into_any(), None => none.into_any() }}</code></dd>
                <dt>{t!(i18n, overview.time_restrictions)}</dt>
                <dd>{move || words::support(i18n, feature)}</dd>
            </dl>
        </details>
    }
}
