//! A membership's details line: its four dates, and what is wrong with them if anything.

use leptos::prelude::*;
use wire::Membership;

use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, I18n};
use crate::logic::membership_state::{Derived, Event};
use crate::pages::lock_group::words as phrase;

/// The four dates of the membership, and what is wrong with them if anything.
pub(super) fn timeline(i18n: I18n, m: &Membership, derived: Derived) -> impl IntoView {
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
        let never = event == Event::JoinCompleted && skipped;
        let empty = move || {
            if never {
                t_string!(i18n, members.row.never)
            } else {
                t_string!(i18n, members.row.not_yet)
            }
        };
        view! {
            <dt>{move || phrase::event(i18n, event)}</dt>
            <dd>{relative_time(date, now, empty)}</dd>
        }
    })
    .collect_view();
    view! {
        <dl class="timeline">{dates}</dl>
        {derived.issue.map(|i| view! {
            <p class="inconsistent">
                {t!(i18n, members.row.inconsistent_dates)} {move || phrase::issue(i18n, i)}
            </p>
        })}
    }
}
