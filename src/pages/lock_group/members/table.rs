//! The members table: one line per membership, its caption for screen readers only
//! (the tab's name already says what it lists).

use leptos::prelude::*;
use wire::Membership;

use super::row::{MemberRow, RowControls};
use crate::components::table_head::head;

#[component]
pub fn MembersTable(rows: Vec<Membership>, controls: RowControls) -> impl IntoView {
    let empty = rows.is_empty();
    view! {
        <div class="table-wrap">
            <table class="members compact">
                <caption class="visually-hidden">"Lock memberships"</caption>
                {head(&["Select", "Lock", "State", "Since", "Sync", "Actions"])}
                <tbody>
                    {rows
                        .into_iter()
                        .map(|m| view! { <MemberRow m controls/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {empty.then(|| view! { <p class="empty">"No memberships match this filter."</p> })}
    }
}
