//! The grants table: one line per grant (contact, valid from, valid before, time
//! restriction, state, Revoke). Rows create no reactive values (see the Members row).

use leptos::prelude::*;
use wire::{Grant, GrantState};

use crate::components::relative_time::relative_time;
use crate::components::skeleton::skeleton_table;
use crate::components::table_head::head_texts;
use crate::components::timestamp::now_ms;
use crate::i18n::{schedule, t, t_string, use_i18n, words, I18n};
use crate::logic::routes;

/// A grant picked for revoking, with its contact's name for the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRef {
    pub id: String,
    pub title: String,
}

/// The contact's name (or identifier) and its identifier; "Contact ID" in the language
/// shown when the grant names neither.
pub fn contact_name(i18n: I18n, g: &Grant) -> (String, String) {
    let c = g.contact.as_ref();
    let identifier = c
        .and_then(|c| c.email.clone().or(c.ip_user_name.clone()))
        .unwrap_or_default();
    let title = c
        .and_then(|c| c.title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if identifier.is_empty() {
                t_string!(
                    i18n,
                    grants.table.contact_fallback,
                    id = g.contact_id.clone()
                )
                .to_string()
            } else {
                identifier.clone()
            }
        });
    (title, identifier)
}

/// The grants table's columns, in the language shown.
fn columns(i18n: I18n) -> Vec<TextProp> {
    vec![
        (move || t_string!(i18n, grants.table.contact)).into(),
        (move || t_string!(i18n, grants.table.valid_from)).into(),
        (move || t_string!(i18n, grants.table.valid_before)).into(),
        (move || t_string!(i18n, grants.table.time_restriction)).into(),
        (move || t_string!(i18n, grants.table.state)).into(),
        (move || t_string!(i18n, grants.table.actions)).into(),
    ]
}

/// The table while its first page loads: the same head, rows of the same height.
pub fn grants_skeleton() -> AnyView {
    let i18n = use_i18n();
    let columns = columns(i18n);
    let cells = columns.len();
    skeleton_table(
        "grants compact",
        head_texts(None, columns),
        cells,
        move || t_string!(i18n, grants.table.loading),
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
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="grants compact">
                <caption class="visually-hidden">{t!(i18n, grants.table.caption)}</caption>
                {head_texts(None, columns(i18n))}
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
    let i18n = use_i18n();
    let (title, identifier) = contact_name(i18n, &g);
    let person = routes::person(&owner, &g.contact_id);
    let shown = g.clone();
    let name = move || contact_name(i18n, &shown).0;
    let other_id = (identifier != title).then_some(identifier);
    let grant = GrantRef {
        id: g.id.clone(),
        title: title.clone(),
    };
    let restriction = match g.time_restriction_ical.as_deref() {
        Some(ical) => {
            let words = ical.to_string();
            view! { <span title=ical.to_string()>{move || schedule::restriction(i18n, &words)}</span> }
                .into_any()
        }
        None => view! { <span class="muted">{t!(i18n, grants.table.none)}</span> }.into_any(),
    };
    // The state in words, with a symbol for whether it gives access (never colour alone);
    // "inactive" only when the flag disagrees with the state.
    let icon = if g.active { "✔ " } else { "✖ " };
    let inactive = (!g.active && g.state == GrantState::Ok)
        .then(|| view! { {t!(i18n, grants.table.inactive)} });
    let state = g.state;
    // Only an active grant can be revoked; the button stays in the DOM (hidden) so a
    // reload rebuilds the row in place.
    let active = g.active;
    view! {
        <tr>
            <th scope="row">
                <div class="cell-line">
                    <a href=person>{name}</a>
                    {other_id.map(|i| view! { <span class="id">{i}</span> })}
                </div>
            </th>
            <td data-label=move || t_string!(i18n, grants.table.valid_from)>
                {relative_time(g.valid_from.as_deref(), now, move || t_string!(i18n, grants.table.no_limit))}
            </td>
            <td data-label=move || t_string!(i18n, grants.table.valid_before)>
                {relative_time(g.valid_before.as_deref(), now, move || t_string!(i18n, grants.table.no_limit))}
            </td>
            <td data-label=move || t_string!(i18n, grants.table.time_restriction)>{restriction}</td>
            <td data-label=move || t_string!(i18n, grants.table.state)>
                <span aria-hidden="true">{icon}</span>
                {move || words::grant_state(i18n, state)}
                {inactive}
            </td>
            <td>
                <button
                    type="button"
                    class="quiet"
                    hidden=!active
                    aria-label=move || t_string!(i18n, grants.table.revoke_name, title = title.clone()).to_string()
                    on:click=move |_| ask_revoke.run(grant.clone())
                >
                    {t!(i18n, grants.table.revoke)}
                </button>
            </td>
        </tr>
    }
}
