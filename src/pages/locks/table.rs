//! The table of the locks list: one row per lock, its sync state, sortable by title and
//! last sync, with the pager.

use leptos::prelude::*;

use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::components::url_list::ListPager;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::locks_list::{lock_type_terms, pending, LockSort, LocksParams, Seen};
use crate::logic::routes;
use wire::MembershipState;

use super::*;

#[component]
pub(super) fn LockTable(
    shown: LockRows,
    params: Memo<LocksParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(LocksParams, bool)>,
) -> impl IntoView {
    let LockRows {
        params: p,
        rows,
        more,
        waiting,
    } = shown;
    let i18n = use_i18n();
    let search = p.search.trim().to_string();
    let shown = crate::logic::list_params::ListParams {
        page: p.page,
        size: p.size,
        ..Default::default()
    }
    .rows_shown(rows.len());
    let caption = {
        let (search, sort, descending) = (search.clone(), p.sort, p.descending);
        let total = waiting.map(|(total, _)| total as u64);
        move || caption(i18n, &search, (sort, descending), total, shown)
    };
    let cut = waiting
        .is_some_and(|(_, cut)| cut)
        .then(|| view! { <p class="callout" role="note">{t!(i18n, locks.cut)}</p> });
    let empty = rows.is_empty().then(|| {
        let (waits, searched) = (waiting.is_some(), !search.is_empty());
        let text = move || match (waits, searched) {
            (true, false) => t_string!(i18n, locks.empty.nothing_waits),
            (true, true) => t_string!(i18n, locks.empty.none_waits_match),
            (false, false) => t_string!(i18n, locks.empty.no_locks),
            (false, true) => t_string!(i18n, locks.empty.no_match),
        };
        view! { <p class="empty">{text}</p> }
    });
    let sort_head = move |sort: LockSort, label: fn(I18n) -> String| {
        let on = p.sort == sort;
        let aria = on.then_some(if p.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = if on {
            if p.descending {
                " ▼"
            } else {
                " ▲"
            }
        } else {
            ""
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| go.run((params.get_untracked().with_sort(sort), false))
                >
                    {move || label(i18n)}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let now = now_ms();
    let owner_id = owner.get_untracked();
    let page = p.page;
    let size = p.size;
    view! {
        {cut}
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {sort_head(LockSort::Title, |i| t_string!(i, locks.col.title).to_string())}
                    <th scope="col">{t!(i18n, locks.col.lock_type)}</th>
                    // The group pages' words; the API's states in the tooltips.
                    <th scope="col" class="num" title=move || t_string!(i18n, locks.tip.joined)>
                        {move || words::state(i18n, MembershipState::Joined)}
                    </th>
                    <th scope="col" class="num" title=move || t_string!(i18n, locks.tip.joining)>
                        {move || words::state(i18n, MembershipState::JoinPending)}
                    </th>
                    <th scope="col" class="num" title=move || t_string!(i18n, locks.tip.leaving)>
                        {move || words::state(i18n, MembershipState::UnjoinPending)}
                    </th>
                    <th scope="col" title=move || t_string!(i18n, locks.tip.configuration)>
                        {t!(i18n, locks.col.configuration)}
                    </th>
                    {sort_head(LockSort::LastSync, |i| t_string!(i, locks.col.last_sync).to_string())}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|l| {
                        let c = pending(&l);
                        let seen = Seen::of(&l);
                        let href = routes::lock(&owner_id, &l.id);
                        let kind = words::lock_type(i18n, &l);
                        let terms = lock_type_terms(&l);
                        view! {
                            <tr class:waiting=c.any()>
                                <th scope="row"><a href=href>{l.title}</a></th>
                                <td data-label=move || t_string!(i18n, locks.col.lock_type) title=terms>{kind}</td>
                                <td class="num" data-label=move || words::state(i18n, MembershipState::Joined)>{c.joined}</td>
                                <td class="num" data-label=move || words::state(i18n, MembershipState::JoinPending)>{c.joins}</td>
                                <td class="num" data-label=move || words::state(i18n, MembershipState::UnjoinPending)>{c.leaves}</td>
                                <td data-label=move || t_string!(i18n, locks.col.configuration) title=seen.api_terms()>
                                    {move || words::seen(i18n, seen)}
                                </td>
                                <td data-label=move || t_string!(i18n, locks.col.last_sync)>
                                    {relative_time(l.last_seen_rcl_update_date.as_deref(), now, move || t_string!(i18n, locks.never))}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        {empty}
        <ListPager params go page size more/>
    }
}

/// "Locks matching “x”, sorted by title A to Z. Rows 1–20." (the worklist: "7 locks wait
/// for a sync …") in the language shown.
fn caption(
    i18n: I18n,
    search: &str,
    sort: (LockSort, bool),
    waiting: Option<u64>,
    shown: Option<(u64, u64)>,
) -> String {
    let order = match sort {
        (LockSort::Title, false) => t_string!(i18n, locks.order.title_asc),
        (LockSort::Title, true) => t_string!(i18n, locks.order.title_desc),
        (LockSort::LastSync, false) => t_string!(i18n, locks.order.sync_asc),
        (LockSort::LastSync, true) => t_string!(i18n, locks.order.sync_desc),
    }
    .to_string();
    let rows = words::rows(i18n, shown);
    let search = search.to_string();
    let Some(n) = waiting else {
        return if search.is_empty() {
            t_string!(i18n, locks.caption, order, rows).to_string()
        } else {
            t_string!(i18n, locks.caption_matching, search, order, rows).to_string()
        };
    };
    let count = words::number(i18n, n);
    let waiting = match n {
        0 => t_string!(i18n, locks.waits.none).to_string(),
        n if words::is_one(i18n, n) => t_string!(i18n, locks.waits.one, count).to_string(),
        _ => t_string!(i18n, locks.waits.other, count).to_string(),
    };
    if search.is_empty() {
        t_string!(i18n, locks.caption_waiting, waiting, order, rows).to_string()
    } else {
        t_string!(
            i18n,
            locks.caption_waiting_matching,
            waiting,
            search,
            order,
            rows
        )
        .to_string()
    }
}
