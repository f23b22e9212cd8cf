//! A person's grants, one row each: the group or lock (a link to its page), the validity
//! with its window in words, the schedule in words, what it opens, and Revoke. Past
//! grants (revoked, expired) only on demand.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::table_head::head;
use crate::logic::person_access::{direct, GrantLine, Kind};
use crate::logic::routes;

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
            let text = if held.read().is_empty() {
                "This person holds no grant."
            } else {
                "This person holds no current grant: see the past ones."
            };
            view! { <p class="empty">{text}</p> }
        })
    };
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{format!("Grants of {name}")}</caption>
                {head(&["Group or lock", "Validity", "Schedule", "Opens", "Actions"])}
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
    let id = line.grant.bound_lock_id.clone();
    let (kind, href) = match line.kind {
        Kind::Group => ("Group ", routes::lock_group(&owner, &id)),
        Kind::Lock => ("Lock ", routes::lock(&owner, &id)),
    };
    let validity = format!("{}, {}", line.validity.label(), line.window());
    let opens = match line.kind {
        Kind::Group => {
            view! { <GroupReach line=line.clone() reach owner=owner.clone()/> }.into_any()
        }
        Kind::Lock => match direct(&line) {
            Some(r) => view! { <span>{format!("Opens it {}", r.opens.label())}</span> }.into_any(),
            None => {
                let why = format!("Opens nothing: {}", line.validity.label());
                view! { <span class="muted">{why}</span> }.into_any()
            }
        },
    };
    let target = line.target_words();
    let ask = ToRevoke {
        grant_id: line.grant.id.clone(),
        target: target.clone(),
    };
    let revocable = line.revocable();
    let (title, schedule) = (line.title.clone(), line.schedule());
    view! {
        <tr>
            <th scope="row">
                <span class="muted">{kind}</span>
                <A href=href>{title}</A>
            </th>
            <td data-label="Validity">{validity}</td>
            <td data-label="Schedule">{schedule}</td>
            <td data-label="Opens">{opens}</td>
            <td data-label="Actions">
                {revocable.then(|| view! {
                    <button type="button" class="quiet"
                        aria-label=format!("Revoke {name}'s access to {target}")
                        on:click=move |_| ask_revoke.run(ask.clone())>
                        "Revoke"
                    </button>
                })}
            </td>
        </tr>
    }
}
