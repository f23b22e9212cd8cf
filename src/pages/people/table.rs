//! The table of the people list: one row per contact (name, a link to their page; e-mail;
//! how many groups and locks they hold valid grants on), sortable by name and e-mail, with
//! the pager. The counts come from one grants request for the page's people, filled in
//! when it arrives.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::api::paging::{all_pages, every_page};
use crate::api::{grants, use_api, ApiError};
use crate::components::timestamp::now_ms;
use crate::components::url_list::ListPager;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::limits::PEOPLE_GRANTS;
use crate::logic::list_params::ListParams;
use crate::logic::people_list::{counts_filter, held, identifier, Held, PersonSort};
use crate::logic::routes;

use super::*;

#[component]
pub(super) fn PeopleTable(
    shown: PeopleRows,
    params: Memo<PeopleParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(PeopleParams, bool)>,
) -> impl IntoView {
    let PeopleRows {
        params: p,
        rows,
        more,
    } = shown;
    let i18n = use_i18n();
    let search = p.search.trim().to_string();
    let shown = ListParams {
        page: p.page,
        size: p.size,
        ..Default::default()
    }
    .rows_shown(rows.len());
    let caption = {
        let (search, sort, descending) = (search.clone(), p.sort, p.descending);
        move || caption(i18n, &search, (sort, descending), shown)
    };
    let empty = rows.is_empty().then(|| {
        let searched = !search.is_empty();
        let text = move || {
            if searched {
                t_string!(i18n, people.no_match)
            } else {
                t_string!(i18n, people.no_contacts)
            }
        };
        view! { <p class="empty">{text}</p> }
    });

    // The counts of this page's people: one filtered grants request (all its pages).
    let owner_id = owner.get_untracked();
    let counts = {
        let (api, owner, ids) = (
            use_api(),
            owner_id.clone(),
            rows.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        );
        LocalResource::new(move || {
            let (api, owner, filter) = (api.clone(), owner.clone(), counts_filter(&ids));
            async move {
                let Some(filter) = filter else {
                    return Ok(BTreeMap::new());
                };
                let all = all_pages(
                    PEOPLE_GRANTS,
                    async |page| {
                        let q = page.filter(Some(filter.clone()));
                        grants::list(&api, &owner, &q).await
                    },
                    every_page,
                )
                .await?;
                Ok::<_, ApiError>(held(&all.rows, now_ms()))
            }
        })
    };
    let count_of = move |id: String, pick: fn(Held) -> usize| {
        move || match counts.get() {
            None => "…".to_string(),
            Some(Ok(m)) => pick(m.get(&id).copied().unwrap_or_default()).to_string(),
            Some(Err(_)) => "?".to_string(),
        }
    };
    let counts_status = move || match counts.get() {
        None => Some(t_string!(i18n, people.counting).to_string()),
        Some(Ok(_)) => None,
        Some(Err(e)) => {
            let error = words::error(i18n, &e);
            Some(t_string!(i18n, people.count_failed, error).to_string())
        }
    };

    let sort_head = move |sort: PersonSort, label: fn(I18n) -> String| {
        let on = p.sort == sort;
        let aria = on.then_some(if p.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = match (on, p.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
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
    let (page, size) = (p.page, p.size);
    view! {
        <p class="muted" role="status">{counts_status}</p>
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {sort_head(PersonSort::Name, |i| t_string!(i, people.col.name).to_string())}
                    {sort_head(PersonSort::Email, |i| t_string!(i, people.col.email).to_string())}
                    <th scope="col" class="num">{t!(i18n, people.col.groups)}</th>
                    <th scope="col" class="num">{t!(i18n, people.col.locks)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|c| {
                        let href = routes::person(&owner_id, &c.id);
                        let email = identifier(&c).unwrap_or_default();
                        let name = words::contact_name(i18n, &c);
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{name}</a></th>
                                <td data-label=move || t_string!(i18n, people.col.email)>{email}</td>
                                <td class="num" data-label=move || t_string!(i18n, people.col.groups)>
                                    {count_of(c.id.clone(), |h| h.groups)}
                                </td>
                                <td class="num" data-label=move || t_string!(i18n, people.col.locks)>
                                    {count_of(c.id, |h| h.locks)}
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

/// "People matching “x”, sorted by name A to Z. Rows 1–20." in the language shown.
fn caption(
    i18n: I18n,
    search: &str,
    sort: (PersonSort, bool),
    shown: Option<(u64, u64)>,
) -> String {
    let order = match sort {
        (PersonSort::Name, false) => t_string!(i18n, people.order.name_asc),
        (PersonSort::Name, true) => t_string!(i18n, people.order.name_desc),
        (PersonSort::Email, false) => t_string!(i18n, people.order.email_asc),
        (PersonSort::Email, true) => t_string!(i18n, people.order.email_desc),
    }
    .to_string();
    let rows = words::rows(i18n, shown);
    if search.is_empty() {
        t_string!(i18n, people.caption, order, rows).to_string()
    } else {
        let search = search.to_string();
        t_string!(i18n, people.caption_matching, search, order, rows).to_string()
    }
}
