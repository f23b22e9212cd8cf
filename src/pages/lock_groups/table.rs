//! The table of the lock group list (and its skeleton on first load): one row per group,
//! its members by state (each a link to the filtered Members tab), sortable by title, with
//! the pager.

use leptos::prelude::*;
use wire::LockGroup;

use crate::components::url_list::ListPager;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::list_params::ListParams;
use crate::logic::routes;

use super::*;

#[component]
pub(super) fn GroupTable(
    rows: Vec<LockGroup>,
    more: bool,
    /// The view these rows answer.
    shown: ListParams,
    /// The view the URL asks for now (what sorting and paging start from).
    params: Memo<ListParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(ListParams, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = shown.clone();
    let descending = p.descending;
    let caption = {
        let (search, rows_shown) = (p.search.trim().to_string(), p.rows_shown(rows.len()));
        move || caption(i18n, &search, descending, rows_shown)
    };
    let sort = move |_| go.run((params.get_untracked().with_descending(!descending), false));
    let page = p.page;
    let size = p.size;
    let no_match = rows.is_empty().then(|| {
        view! { <p class="empty">{t!(i18n, list.no_match)}</p> }
    });

    view! {
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col" aria-sort=if descending { "descending" } else { "ascending" }>
                        <button type="button" class="sort" on:click=sort>
                            {t!(i18n, list.title)}
                            <span aria-hidden="true">{if descending { " ▼" } else { " ▲" }}</span>
                            <span class="visually-hidden">
                                {move || if descending {
                                    t_string!(i18n, list.sort_a_to_z)
                                } else {
                                    t_string!(i18n, list.sort_z_to_a)
                                }}
                            </span>
                        </button>
                    </th>
                    <HeadRest i18n/>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|g| {
                        let href = routes::lock_group(&owner.get_untracked(), &g.id);
                        let time = g
                            .supported_features
                            .as_ref()
                            .map_or(wire::FeatureSupport::Unknown, |f| f.time_restriction_ical_support);
                        // Each count opens the group's members in that state.
                        let owner = owner.get_untracked();
                        let counts = COUNTED.map(|state| {
                            let n = g.count(state);
                            let href = members_in(&owner, &g.id, state);
                            let title = g.title.clone();
                            let name = move || {
                                let (count, state) = (words::number(i18n, n), words::state(i18n, state));
                                t_string!(i18n, list.count_name, count, state, group = title.clone()).to_string()
                            };
                            view! {
                                <td class="num" data-label=move || words::state(i18n, state)>
                                    <a href=href aria-label=name>{move || words::number(i18n, n)}</a>
                                </td>
                            }
                        });
                        view! {
                            <tr>
                                <td><a href=href>{g.title}</a></td>
                                <td data-label=move || t_string!(i18n, list.description)>
                                    {g.description.unwrap_or_default()}
                                </td>
                                {counts}
                                <td data-label=move || t_string!(i18n, list.time_restrictions)>
                                    {move || words::support(i18n, time)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        {no_match}
        <ListPager params go page size more/>
    }
}

/// "Lock groups matching “x”, sorted by title A to Z. Rows 1–25." in the language shown.
fn caption(i18n: I18n, search: &str, descending: bool, rows: Option<(u64, u64)>) -> String {
    let order = if descending {
        t_string!(i18n, list.z_to_a)
    } else {
        t_string!(i18n, list.a_to_z)
    };
    let rows = match rows {
        None => t_string!(i18n, pager.no_rows).to_string(),
        Some((first, last)) if first == last => {
            t_string!(i18n, pager.row, first = words::number(i18n, first)).to_string()
        }
        Some((first, last)) => {
            let (first, last) = (words::number(i18n, first), words::number(i18n, last));
            t_string!(i18n, pager.rows, first, last).to_string()
        }
    };
    if search.is_empty() {
        t_string!(i18n, list.caption, order, rows).to_string()
    } else {
        t_string!(i18n, list.caption_matching, search, order, rows).to_string()
    }
}

/// The column headers after Title (the table's and the skeleton's).
#[component]
fn HeadRest(i18n: I18n) -> impl IntoView {
    view! {
        <th scope="col">{t!(i18n, list.description)}</th>
        {COUNTED.map(|s| view! { <th scope="col" class="num">{move || words::state(i18n, s)}</th> })}
        <th scope="col">{t!(i18n, list.time_restrictions)}</th>
    }
}

/// First load: the table's shape, without data.
#[component]
pub(super) fn SkeletonTable() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data skeleton" aria-busy="true">
            <caption>{t!(i18n, list.caption_loading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, list.title)}</th>
                    <HeadRest i18n/>
                </tr>
            </thead>
            <tbody>
                {(0..5)
                    .map(|_| view! {
                        <tr aria-hidden="true">
                            {(0..6).map(|_| view! { <td><span class="bone"></span></td> }).collect_view()}
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
