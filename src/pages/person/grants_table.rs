//! A person's grants, one row each: the group or lock (a link to its page), the validity
//! with its window in words, the schedule in words, what it opens, and Revoke. Past
//! grants (revoked, expired) only on demand.

use leptos::prelude::*;

use crate::components::table_head::head_texts;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::person_access::{direct, GrantLine, Kind};
use crate::logic::routes;

use super::phrases;
use super::reach::{GroupReach, Reach};
use super::revoke::ToRevoke;

#[component]
pub fn GrantsTable(
    held: RwSignal<Vec<GrantLine>>,
    show_past: RwSignal<bool>,
    reach: Reach,
    owner: String,
    /// The person's name, for the buttons' accessible names.
    name: String,
    ask_revoke: Callback<ToRevoke>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || {
        let all = show_past.get();
        held.get()
            .into_iter()
            .filter(|l| all || !l.past())
            .collect::<Vec<_>>()
    };
    let rows = {
        let (owner, name) = (owner.clone(), name.clone());
        move || {
            shown()
                .into_iter()
                .map(|line| view! { <GrantRow line reach owner=owner.clone() name=name.clone() ask_revoke/> })
                .collect_view()
        }
    };
    let empty = move || {
        shown().is_empty().then(|| {
            let none = held.read().is_empty();
            let text = move || {
                if none {
                    t_string!(i18n, person.no_grant)
                } else {
                    t_string!(i18n, person.no_current)
                }
            };
            view! { <p class="empty">{text}</p> }
        })
    };
    let caption = move || t_string!(i18n, person.caption, name = name.clone()).to_string();
    let columns = vec![
        TextProp::from(move || t_string!(i18n, person.col.target)),
        TextProp::from(move || t_string!(i18n, person.col.validity)),
        TextProp::from(move || t_string!(i18n, person.col.schedule)),
        TextProp::from(move || t_string!(i18n, person.col.opens)),
        TextProp::from(move || t_string!(i18n, person.col.actions)),
    ];
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{caption}</caption>
                {head_texts(None, columns)}
                <tbody>{rows}</tbody>
            </table>
        </div>
        {empty}
    }
}

#[component]
fn GrantRow(
    line: GrantLine,
    reach: Reach,
    owner: String,
    name: String,
    ask_revoke: Callback<ToRevoke>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = line.grant.bound_lock_id.clone();
    let (kind, href) = match line.kind {
        Kind::Group => (
            t!(i18n, person.kind.group).into_any(),
            routes::lock_group(&owner, &id),
        ),
        Kind::Lock => (
            t!(i18n, person.kind.lock).into_any(),
            routes::lock(&owner, &id),
        ),
    };
    let validity = {
        let line = line.clone();
        move || phrases::validity_window(i18n, &line)
    };
    let schedule = {
        let line = line.clone();
        move || phrases::schedule(i18n, &line)
    };
    let opens = match line.kind {
        Kind::Group => {
            view! { <GroupReach line=line.clone() reach owner=owner.clone()/> }.into_any()
        }
        Kind::Lock => match direct(&line) {
            Some(r) => {
                let opens = move || {
                    let opens = phrases::opens(i18n, r.opens);
                    t_string!(i18n, person.opens_it, opens).to_string()
                };
                view! { <span>{opens}</span> }.into_any()
            }
            None => {
                let line = line.clone();
                let why = move || phrases::opens_nothing(i18n, &line);
                view! { <span class="muted">{why}</span> }.into_any()
            }
        },
    };
    let ask = ToRevoke {
        grant_id: line.grant.id.clone(),
        kind: line.kind,
        title: line.title.clone(),
    };
    let revocable = line.revocable();
    let title = line.title.clone();
    let (target_kind, target_title) = (line.kind, line.title.clone());
    let revoke_name = move || {
        let target = phrases::target(i18n, target_kind, &target_title);
        t_string!(i18n, person.revoke_name, name = name.clone(), target).to_string()
    };
    view! {
        <tr>
            <th scope="row">
                <span class="muted">{kind}</span>
                <a href=href>{title}</a>
            </th>
            <td data-label=move || t_string!(i18n, person.col.validity)>{validity}</td>
            <td data-label=move || t_string!(i18n, person.col.schedule)>{schedule}</td>
            <td data-label=move || t_string!(i18n, person.col.opens)>{opens}</td>
            <td data-label=move || t_string!(i18n, person.col.actions)>
                {revocable.then(|| view! {
                    <button type="button" class="quiet"
                        aria-label=revoke_name
                        on:click=move |_| ask_revoke.run(ask.clone())>
                        {t!(i18n, grants.table.revoke)}
                    </button>
                })}
            </td>
        </tr>
    }
}
