//! "3 locks have not synced this group's latest change", with a link to the Members tab
//! filtered to them; on Overview and Members, nothing when every lock has synced. Counted
//! from the group's statistics (Joining plus Leaving), which the Members tab reloads after
//! each add, remove and simulated sync, so the notice follows them.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::group_context::use_group;
use crate::i18n::{t, use_i18n};
use crate::logic::group_overview::members_waiting;
use crate::logic::membership_state::waiting_count;

#[component]
pub fn WaitingNotice() -> impl IntoView {
    let ctx = use_group();
    let i18n = use_i18n();
    let sentence = Memo::new(move |_| {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics)
            .and_then(|s| super::words::waiting(i18n, waiting_count(&s)))
    });
    let href = move || members_waiting(&ctx.owner.get(), &ctx.id.get());
    move || {
        sentence.get().map(|text| {
            view! {
                <p class="note waiting-notice">
                    <span aria-hidden="true">"⟳ "</span>
                    {text}
                    ". "
                    <A href=href>{t!(i18n, group.show_waiting)}</A>
                </p>
            }
        })
    }
}
