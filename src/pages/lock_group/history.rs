//! The History tab: every step the group's memberships have taken (past members and
//! unbound locks included), newest first, each with its exact time; pending steps say how
//! long they have waited. Filtered by lock and by kind, paged on the client, all in the
//! URL. Each lock's name links to its page.

use leptos::prelude::*;

use crate::api::{memberships, use_api, ApiError, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::timestamp::{now_ms, stamp};
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::history::{
    history, lock_choices, page_of, History, HistoryEvent, HistoryQuery, Kind,
};
use crate::logic::limits;
use crate::logic::routes::{self, GroupTab};
use crate::pages::lock_group::words as phrase;

use crate::components::bulk::{ExportButton, ExportJob};

#[component]
pub fn HistoryTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let (query, go) = ctx.tab_view::<HistoryQuery>(GroupTab::History);
    let i18n = use_i18n();

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
            <h2>{t!(i18n, history.heading)}</h2>
            <div class="toolbar">
                <ExportButton job=export_job/>
            </div>
        </div>
        <p>{t!(i18n, history.intro)}</p>
        <Loaded
            resource=list
            what=move || t_string!(i18n, history.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, history.loading)}</p> }
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
    let i18n = use_i18n();
    let undated = (!h.undated.is_empty()).then(|| {
        let locks = move || {
            let names = h.undated.iter();
            let names = names.map(|l| phrase::lock_name(i18n, l.title.as_deref(), &l.id));
            let locks = names.collect::<Vec<_>>().join(", ");
            t_string!(i18n, history.undated, locks).to_string()
        };
        view! { <p class="inconsistent">{locks}</p> }
    });
    let count = move || {
        let n = page.read().matching as u64;
        let count = words::number(i18n, n);
        if words::is_one(i18n, n) {
            t_string!(i18n, history.events.one, count).to_string()
        } else {
            t_string!(i18n, history.events.other, count).to_string()
        }
    };
    view! {
        <HistoryFilters choices query go/>
        <p class="muted" role="status">{count}</p>
        {undated}
        {move || {
            let p = page.get();
            if p.events.is_empty() {
                view! { <p class="empty">{t!(i18n, history.no_match)}</p> }.into_any()
            } else {
                view! { <HistoryTable events=p.events/> }.into_any()
            }
        }}
        <Pager
            label=move || t_string!(i18n, history.pages)
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
    let i18n = use_i18n();
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
            let label = move || phrase::lock_choice(i18n, &c);
            view! {
                <option value=id.clone() prop:selected=move || query.read().lock.as_deref() == Some(id.as_str())>
                    {label}
                </option>
            }
        })
        .collect_view();
    let kind_options = Kind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.param() prop:selected=move || query.read().kind == Some(k)>
                    {move || phrase::kind(i18n, k)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="filters" role="group" aria-label=move || t_string!(i18n, history.filter)>
            <div class="field inline">
                <label for="history-lock">{t!(i18n, history.lock)}</label>
                <select id="history-lock" on:change=on_lock>
                    <option value="" prop:selected=move || query.read().lock.is_none()>
                        {t!(i18n, history.all_locks)}
                    </option>
                    {lock_options}
                </select>
            </div>
            <div class="field inline">
                <label for="history-kind">{t!(i18n, history.event)}</label>
                <select id="history-kind" on:change=on_kind>
                    <option value="" prop:selected=move || query.read().kind.is_none()>
                        {t!(i18n, history.all_events)}
                    </option>
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
    let i18n = use_i18n();
    let rows = events
        .into_iter()
        .map(|e| {
            let waiting = e.waiting.then(|| {
                let e = e.clone();
                move || phrase::waiting_step(i18n, &e, now)
            });
            let href = routes::lock(&owner, &e.lock_id);
            let (title, id) = (e.named.then(|| e.lock.clone()), e.lock_id.clone());
            let name = move || phrase::lock_name(i18n, title.as_deref(), &id);
            let event = e.event;
            view! {
                <tr class:waiting=e.waiting>
                    <th scope="row">
                        <a href=href>{name}</a>
                        " " {move || phrase::verb(i18n, event)}
                        {e.unbound.then(|| view! {
                            <span class="tag" title=move || t_string!(i18n, members.removed_hint)>
                                {t!(i18n, members.removed_tag)}
                            </span>
                        })}
                        {waiting.map(|w| view! {
                            <span class="sub sync waiting">
                                <span aria-hidden="true">"⟳ "</span>{w}
                            </span>
                        })}
                        {e.issue.map(|i| view! {
                            <span class="sub inconsistent">
                                {t!(i18n, history.inconsistent)} {move || phrase::issue(i18n, i)}
                            </span>
                        })}
                    </th>
                    <td data-label=move || t_string!(i18n, history.when)>{stamp(Some(&e.date), now, "")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="history">
                <caption>{t!(i18n, history.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, history.event)}</th>
                        <th scope="col">{t!(i18n, history.when)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
