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
use crate::components::state_diagram::StateDiagram;
use crate::components::timestamp::{now_ms, stamp};
use crate::logic::diagram_layout::trace;
use crate::logic::membership_state::{derive, icon, label, path, Dates};
use crate::logic::routes::GroupTab;

/// Memberships offered for tracing (the most recent first would need an order the API
/// does not promise; the first ones by id are enough for a group's history).
const TRACE_LIMIT: u64 = 200;

#[component]
pub fn DiagramTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let query_map = use_query_map();
    let navigate = use_navigate();
    let chosen = Memo::new(move |_| query_map.read().get("membership").unwrap_or_default());

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
    let all = move || list.get().and_then(Result::ok).unwrap_or_default();
    let selected = move || -> Option<Membership> {
        let id = chosen.get();
        all().into_iter().find(|m| m.id == id)
    };
    let statistics = Signal::derive(move || {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics)
    });
    let path_taken =
        Signal::derive(move || selected().map(|m| trace(Dates::of(&m))).unwrap_or_default());

    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let base = GroupTab::Diagram.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked());
        let path = if value.is_empty() {
            base
        } else {
            format!(
                "{base}?membership={}",
                crate::logic::odata::encode_component(&value)
            )
        };
        navigate(&path, Default::default());
    };

    let details = move || {
        selected().map(|m| {
            let title = lock_title(&m);
            let d = derive(Dates::of(&m));
            let now = now_ms();
            let steps = path(Dates::of(&m))
                .into_iter()
                .map(|(event, date)| {
                    view! { <li><strong>{event.label()}</strong> ": " {stamp(date, now, "date missing")}</li> }
                })
                .collect_view();
            view! {
                <section class="trace" aria-labelledby="trace-title">
                    <h3 id="trace-title">{format!("Path of {title}")}</h3>
                    <p>
                        "Now: " <span aria-hidden="true">{icon(d.state)}</span> " " {label(d.state)}
                    </p>
                    {d.issue.map(|i| view! {
                        <p class="inconsistent">"⚠ Inconsistent dates: " {i.describe()}</p>
                    })}
                    <ol>{steps}</ol>
                </section>
            }
        })
    };

    view! {
        <h2>"Diagram"</h2>
        <p>
            "A lock's membership completes only when the lock syncs. Choose a state to see its locks, "
            "or trace one membership."
        </p>
        <div class="field">
            <label for="trace-membership">"Trace a membership"</label>
            <select id="trace-membership" on:change=on_change>
                <option value="" selected=move || chosen.read().is_empty()>"None"</option>
                {move || {
                    all()
                        .into_iter()
                        .map(|m| {
                            let d = derive(Dates::of(&m));
                            let id = m.id.clone();
                            let text = format!("{}: {} (membership {})", lock_title(&m), label(d.state), m.id);
                            view! {
                                <option value=m.id.clone() selected=move || chosen.get() == id>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
        {move || list.get().and_then(Result::err).map(|e| view! {
            <p role="alert" class="field-error">"The memberships could not be loaded: " {e.to_string()}</p>
        })}
        <StateDiagram statistics compact=false trace=path_taken/>
        {details}
    }
}
