//! The Diagram tab: the lifecycle diagram, large, with the group's counts. Choosing a
//! state goes to the Members tab filtered to it; choosing a membership (`?membership=ID`,
//! also linked from each Members row) highlights where it stands, the path it took, and
//! lists that path with its dates.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wire::Membership;

use super::members::lock_title;
use crate::api::{memberships, use_api, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::relative_time::relative_time;
use crate::components::state_diagram::StateDiagram;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::diagram_layout::trace;
use crate::logic::membership_state::{derive, icon, path, Dates};
use crate::logic::odata::encode_component;
use crate::logic::routes::GroupTab;
use crate::pages::lock_group::words as phrase;

/// Memberships offered for tracing (the most recent first would need an order the API
/// does not promise; the first ones by id are enough for a group's history).
const TRACE_LIMIT: u64 = 200;

#[component]
pub fn DiagramTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let query_map = use_query_map();
    let chosen = Memo::new(move |_| query_map.read().get("membership").unwrap_or_default());
    let i18n = use_i18n();

    let list = LocalResource::new(move || {
        let (api, owner, id) = (api.clone(), ctx.owner.get(), ctx.id.get());
        async move {
            let q = Query::new()
                .top(TRACE_LIMIT)
                .expand("boundLock")
                .param("includeUnboundLocks", "true");
            memberships::list(&api, &owner, &id, &q).await
        }
    });
    let statistics = Signal::derive(move || {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics)
    });
    // The traced membership's path, for the drawing (which shows while the list loads).
    let path_taken = Signal::derive(move || {
        let id = chosen.get();
        list.get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|m| m.id == id))
            .map(|m| trace(Dates::of(&m)))
            .unwrap_or_default()
    });

    view! {
        <h2>{t!(i18n, diagram.heading)}</h2>
        <p>{t!(i18n, diagram.intro)}</p>
        <Loaded
            resource=list
            what=move || t_string!(i18n, diagram.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, diagram.loading)}</p> }
            let:all
        >
            <TraceSelect all=all.clone() chosen/>
            // The chosen membership changes by navigation, without a reload of the list.
            {move || {
                let id = chosen.get();
                all.iter().find(|m| m.id == id).cloned().map(|m| view! { <TraceDetails m/> })
            }}
        </Loaded>
        <StateDiagram statistics trace=path_taken/>
    }
}

/// The membership chooser: changing it navigates to `?membership=ID`.
#[component]
fn TraceSelect(all: Vec<Membership>, chosen: Memo<String>) -> impl IntoView {
    let ctx = use_group();
    let navigate = use_navigate();
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let base = GroupTab::Diagram.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked());
        let path = if value.is_empty() {
            base
        } else {
            format!("{base}?membership={}", encode_component(&value))
        };
        navigate(&path, Default::default());
    };
    let options = all
        .into_iter()
        .map(|m| {
            let d = derive(Dates::of(&m));
            let text = option_text(i18n, m.clone(), d.state);
            let id = m.id;
            view! {
                <option value=id.clone() selected=move || chosen.get() == id>{text}</option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="trace-membership">{t!(i18n, diagram.trace)}</label>
            <select id="trace-membership" on:change=on_change>
                <option value="" selected=move || chosen.read().is_empty()>{t!(i18n, diagram.none)}</option>
                {options}
            </select>
        </div>
    }
}

/// The traced membership: where it stands and the steps it took, with their dates.
#[component]
fn TraceDetails(m: Membership) -> impl IntoView {
    let i18n = use_i18n();
    let shown = m.clone();
    let heading =
        move || t_string!(i18n, diagram.path, title = lock_title(i18n, &shown)).to_string();
    let d = derive(Dates::of(&m));
    let now = now_ms();
    let steps = path(Dates::of(&m))
        .into_iter()
        .map(|(event, date)| {
            let missing = move || t_string!(i18n, diagram.date_missing);
            view! {
                <li>
                    <strong>{move || phrase::event(i18n, event)}</strong>
                    ": " {relative_time(date, now, missing)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="trace" aria-labelledby="trace-title">
            <h3 id="trace-title">{heading}</h3>
            <p>
                {t!(i18n, diagram.now)} <span aria-hidden="true">{icon(d.state)}</span> " "
                {move || words::state(i18n, d.state)}
            </p>
            {d.issue.map(|i| view! {
                <p class="inconsistent">
                    {t!(i18n, members.row.inconsistent_dates)} {move || phrase::issue(i18n, i)}
                </p>
            })}
            <ol>{steps}</ol>
        </section>
    }
}

/// A membership as the chooser offers it: "Main Entrance: Active (membership 12)".
fn option_text(i18n: I18n, m: Membership, state: wire::MembershipState) -> impl Fn() -> String {
    move || {
        let (title, state) = (lock_title(i18n, &m), words::state(i18n, state));
        t_string!(i18n, diagram.option, title, state, id = m.id.clone()).to_string()
    }
}
