//! A membership's details line: its four dates, and what is wrong with them if anything.

use leptos::prelude::*;
use wire::Membership;

use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::logic::membership_state::{Derived, Event};

/// The four dates of the membership, and what is wrong with them if anything.
pub(super) fn timeline(m: &Membership, derived: Derived) -> impl IntoView {
    let now = now_ms();
    let skipped = m.join_completed_date.is_none() && m.leave_start_date.is_some();
    let dates = [
        (Event::JoinStart, m.join_start_date.as_deref()),
        (Event::JoinCompleted, m.join_completed_date.as_deref()),
        (Event::LeaveStart, m.leave_start_date.as_deref()),
        (Event::LeaveCompleted, m.leave_completed_date.as_deref()),
    ]
    .into_iter()
    .map(|(event, date)| {
        let empty = if event == Event::JoinCompleted && skipped {
            "never: removed before the lock synced"
        } else {
            "not yet"
        };
        view! {
            <dt>{event.label()}</dt>
            <dd>{relative_time(date, now, empty)}</dd>
        }
    })
    .collect_view();
    view! {
        <dl class="timeline">{dates}</dl>
        {derived.issue.map(|i| view! {
            <p class="inconsistent">"⚠ Inconsistent dates: " {i.describe()}</p>
        })}
    }
}
