//! The grants table: one line per grant (contact, valid from, valid before, time
//! restriction, state, Revoke). Rows create no reactive values (see the Members row).

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{Grant, GrantState};

use crate::components::relative_time::relative_time;
use crate::components::skeleton::skeleton_table;
use crate::components::table_head::head;
use crate::components::timestamp::now_ms;
use crate::logic::grants_query::describe_ical;
use crate::logic::routes;

/// A grant picked for revoking, with its contact's name for the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRef {
    pub id: String,
    pub title: String,
}

/// The contact's name (or identifier) and its identifier.
pub fn contact_name(g: &Grant) -> (String, String) {
    let c = g.contact.as_ref();
    let identifier = c
        .and_then(|c| c.email.clone().or(c.ip_user_name.clone()))
        .unwrap_or_default();
    let title = c
        .and_then(|c| c.title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if identifier.is_empty() {
                format!("Contact {}", g.contact_id)
            } else {
                identifier.clone()
            }
        });
    (title, identifier)
}

/// The grants table's columns.
const COLUMNS: &[&str] = &[
    "Contact",
    "Valid from",
    "Valid before",
    "Time restriction",
    "State",
    "Actions",
];

/// The table while its first page loads: the same head, rows of the same height.
pub fn grants_skeleton() -> AnyView {
    skeleton_table(
        "grants compact",
        head(COLUMNS),
        COLUMNS.len(),
        "Loading grants…",
    )
}

/// The page's grants (never empty: the tab says "No grants yet" instead).
#[component]
pub fn GrantsTable(
    rows: Vec<Grant>,
    /// The owner, for the links to each person's page.
    owner: String,
    ask_revoke: Callback<GrantRef>,
) -> impl IntoView {
    let now = now_ms();
    view! {
        <div class="table-wrap">
            <table class="grants compact">
                <caption class="visually-hidden">"Grants on this lock group"</caption>
                {head(COLUMNS)}
                <tbody>
                    {rows
                        .into_iter()
                        .map(|g| view! { <GrantRow g now owner=owner.clone() ask_revoke/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn GrantRow(g: Grant, now: i64, owner: String, ask_revoke: Callback<GrantRef>) -> impl IntoView {
    let (title, identifier) = contact_name(&g);
    let person = routes::person(&owner, &g.contact_id);
    let name = title.clone();
    let other_id = (identifier != title).then_some(identifier);
    let grant = GrantRef {
        id: g.id.clone(),
        title: title.clone(),
    };
    let restriction = match g.time_restriction_ical.as_deref() {
        Some(ical) => {
            view! { <span title=ical.to_string()>{describe_ical(ical)}</span> }.into_any()
        }
        None => view! { <span class="muted">"none"</span> }.into_any(),
    };
    // The state in words, with a symbol for whether it gives access (never colour alone);
    // "inactive" only when the flag disagrees with the state.
    let icon = if g.active { "✔ " } else { "✖ " };
    let inactive = (!g.active && g.state == GrantState::Ok).then_some(" (inactive)");
    // Only an active grant can be revoked; the button stays in the DOM (hidden) so a
    // reload rebuilds the row in place.
    let active = g.active;
    view! {
        <tr>
            <th scope="row">
                <div class="cell-line">
                    <A href=person>{name}</A>
                    {other_id.map(|i| view! { <span class="id">{i}</span> })}
                </div>
            </th>
            <td data-label="Valid from">{relative_time(g.valid_from.as_deref(), now, "no limit")}</td>
            <td data-label="Valid before">{relative_time(g.valid_before.as_deref(), now, "no limit")}</td>
            <td data-label="Time restriction">{restriction}</td>
            <td data-label="State">
                <span aria-hidden="true">{icon}</span>
                {g.state.label()}
                {inactive}
            </td>
            <td>
                <button
                    type="button"
                    class="quiet"
                    hidden=!active
                    aria-label=format!("Revoke access for {title}")
                    on:click=move |_| ask_revoke.run(grant.clone())
                >
                    "Revoke"
                </button>
            </td>
        </tr>
    }
}
