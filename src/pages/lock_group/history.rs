//! The History tab: every step the group's memberships have taken (past members and
//! unbound locks included), newest first, each with its exact time; pending steps say how
//! long they have waited. Filtered by lock and by kind, paged on the client, all in the
//! URL. Each lock's name links to its page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{memberships, use_api, ApiError, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::timestamp::{now_ms, stamp};
use crate::logic::history::{
    history, lock_choices, page_of, verb, History, HistoryEvent, HistoryQuery, Kind,
};
use crate::logic::limits;
use crate::logic::membership_state::REMOVED_HINT;
use crate::logic::routes::{self, GroupTab};

use crate::components::bulk::{ExportButton, ExportJob};

#[component]
pub fn HistoryTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let (query, go) = ctx.tab_view::<HistoryQuery>(GroupTab::History);

    // Loaded once per group: filtering and paging happen here, without a request.
    let list = LocalResource::new(move || {
        let (api, owner, id) = (api.clone(), ctx.owner.get(), ctx.id.get());
        async move {
            let q = Query::new()
                .expand("boundLock")
                .param("includeUnboundLocks", "true");
            let all = memberships::list_all(&api, &owner, &id, &q, limits::HISTORY).await?;
            Ok::<_, ApiError>(history(&all))
        }
    });

    // "Export CSV": every event the filters keep, newest first.
    let export_job = Callback::new(move |()| ExportJob::History {
        owner: ctx.owner.get_untracked(),
        group: ctx.id.get_untracked(),
        group_title: ctx.title_or_id(),
        query: query.get_untracked(),
    });

    view! {
        <div class="section-head">
            <h2>"History"</h2>
            <div class="toolbar">
                <ExportButton job=export_job/>
            </div>
        </div>
        <p>
            "What happened to this group's locks, newest first. A lock learns of a change "
            "when it next syncs; until then the step waits."
        </p>
        <Loaded
            resource=list
            what="The group's history could not be loaded"
            fallback=|| view! { <p role="status">"Loading the history…"</p> }
            let:h
        >
            <HistoryList h query go/>
        </Loaded>
    }
}

/// The filters, the table of the current page and the pager, for a loaded history.
#[component]
fn HistoryList(h: History, query: Memo<HistoryQuery>, go: Callback<HistoryQuery>) -> impl IntoView {
    let choices = lock_choices(&h.events);
    let events = StoredValue::new(h.events);
    let page = Memo::new(move |_| events.with_value(|e| page_of(e, &query.get())));
    let undated = (!h.undated.is_empty()).then(|| {
        view! {
            <p class="inconsistent">
                "⚠ No dates are recorded for the membership of " {h.undated.join(", ")}
                ", so it has no event to show."
            </p>
        }
    });
    view! {
        <HistoryFilters choices query go/>
        <p class="muted" role="status">
            {move || match page.read().matching {
                1 => "1 event".to_string(),
                n => format!("{n} events"),
            }}
        </p>
        {undated}
        {move || {
            let p = page.get();
            if p.events.is_empty() {
                view! { <p class="empty">"No events match this filter."</p> }.into_any()
            } else {
                view! { <HistoryTable events=p.events/> }.into_any()
            }
        }}
        <Pager
            label="History pages"
            page=Signal::derive(move || page.read().page)
            more=Signal::derive(move || page.read().more)
            on_page=Callback::new(move |n| go.run(query.get_untracked().with(|q| q.page = n)))
        />
    }
}

/// The lock and kind filters: native selects, each change a new URL.
#[component]
fn HistoryFilters(
    choices: Vec<crate::logic::history::LockChoice>,
    query: Memo<HistoryQuery>,
    go: Callback<HistoryQuery>,
) -> impl IntoView {
    let on_lock = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        go.run(
            query
                .get_untracked()
                .with(|q| q.lock = (!value.is_empty()).then_some(value)),
        );
    };
    let on_kind = move |ev: leptos::ev::Event| {
        let kind = Kind::parse(&event_target_value(&ev));
        go.run(query.get_untracked().with(|q| q.kind = kind));
    };
    let lock_options = choices
        .into_iter()
        .map(|c| {
            let id = c.id.clone();
            view! {
                <option value=c.id prop:selected=move || query.read().lock.as_deref() == Some(id.as_str())>
                    {c.label}
                </option>
            }
        })
        .collect_view();
    let kind_options = Kind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.param() prop:selected=move || query.read().kind == Some(k)>
                    {k.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="filters" role="group" aria-label="Filter history">
            <div class="field inline">
                <label for="history-lock">"Lock"</label>
                <select id="history-lock" on:change=on_lock>
                    <option value="" prop:selected=move || query.read().lock.is_none()>"All locks"</option>
                    {lock_options}
                </select>
            </div>
            <div class="field inline">
                <label for="history-kind">"Event"</label>
                <select id="history-kind" on:change=on_kind>
                    <option value="" prop:selected=move || query.read().kind.is_none()>"All events"</option>
                    {kind_options}
                </select>
            </div>
        </div>
    }
}

#[component]
fn HistoryTable(events: Vec<HistoryEvent>) -> impl IntoView {
    let ctx = use_group();
    let owner = ctx.owner.get_untracked();
    let now = now_ms();
    let rows = events
        .into_iter()
        .map(|e| {
            let waiting = e.waiting_text(now);
            let href = routes::lock(&owner, &e.lock_id);
            view! {
                <tr class:waiting=e.waiting>
                    <th scope="row">
                        <A href=href>{e.lock}</A>
                        " " {verb(e.event)}
                        {e.unbound.then(|| view! {
                            <span class="tag" title=REMOVED_HINT>"Removed from account"</span>
                        })}
                        {waiting.map(|w| view! {
                            <span class="sub sync waiting">
                                <span aria-hidden="true">"⟳ "</span>{w}
                            </span>
                        })}
                        {e.issue.map(|i| view! {
                            <span class="sub inconsistent">"⚠ Dates inconsistent: " {i.describe()}</span>
                        })}
                    </th>
                    <td data-label="When">{stamp(Some(&e.date), now, "")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history">
                <caption>"Membership events, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"When"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
