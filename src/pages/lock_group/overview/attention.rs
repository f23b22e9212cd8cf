//! "Needs attention": the locks that wait for a sync (each since when, a link to its page,
//! and the Members tab filtered to them) and the grants that end soon (each a link to the
//! person, and the Grants tab); "Nothing needs you" when neither.

use leptos::prelude::*;
use leptos_router::components::A;
use wire::{LockGroup, MembershipState};

use crate::api::ApiError;
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::group_overview::{members_waiting, Ending, WaitingLock, ENDING_DAYS};
use crate::logic::membership_state::waiting_count;
use crate::logic::routes::{self, GroupTab};
use crate::pages::lock_group::words as phrase;

use super::data::GrantFacts;

/// The waiting locks as listed: `None` while they load, the failure's text if they failed.
pub type Waiting = Memo<Option<Result<Vec<WaitingLock>, String>>>;

/// A state as the Members tab shows it: icon and word in a tinted chip.
pub fn state_chip(state: MembershipState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("state-{}", state.as_str())>
            <span class="state">
                <span class="state-icon" aria-hidden="true">{state.icon()}</span>
                " "
                {move || words::state(i18n, state)}
            </span>
        </span>
    }
}

#[component]
pub fn NeedsAttention(
    group: LockGroup,
    waiting: Waiting,
    grants: LocalResource<Result<GrantFacts, ApiError>>,
) -> impl IntoView {
    let ctx = use_group();
    let owner = ctx.owner.get_untracked();
    let n = group.statistics.as_ref().map_or(0, waiting_count);
    let grants_tab = GroupTab::Grants.path(&owner, &group.id);
    let i18n = use_i18n();
    let locks = (n > 0).then(|| {
        let sentence = move || phrase::waiting(i18n, n);
        let owner = owner.clone();
        view! {
            <p class="attention-lead">
                <span aria-hidden="true">"⟳ "</span>
                {sentence} ". "
                <A href=members_waiting(&owner, &group.id)>{t!(i18n, group.show_waiting)}</A>
            </p>
            {move || waiting.get().map(|listed| match listed {
                Ok(locks) => view! {
                    <ul class="attention-list" aria-label=move || t_string!(i18n, overview.waiting_list)>
                        {locks.into_iter().map(|l| waiting_item(i18n, &owner, l)).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(e) => view! {
                    <p class="field-error">{t!(i18n, overview.waiting_failed)} {e}</p>
                }
                .into_any(),
            })}
        }
    });
    view! {
        <section class="overview-section attention" aria-labelledby="attention-title">
            <h2 id="attention-title">{t!(i18n, overview.attention)}</h2>
            {locks}
            <Loaded resource=grants what=move || t_string!(i18n, overview.ending_failed) let:facts>
                {ending_view(i18n, &ctx.owner.get_untracked(), &grants_tab, facts.ending, n)}
            </Loaded>
        </section>
    }
}

/// "Garage ⊖ Leaving removed 2 days ago, waiting for the lock to sync".
fn waiting_item(i18n: I18n, owner: &str, l: WaitingLock) -> impl IntoView {
    let removed = l.state == MembershipState::UnjoinPending;
    let step = move || {
        if removed {
            t_string!(i18n, overview.removed)
        } else {
            t_string!(i18n, overview.added)
        }
    };
    view! {
        <li>
            <A href=routes::lock(owner, &l.lock_id)>{l.title}</A>
            " " {state_chip(l.state)} " "
            <span class="attention-when">
                {step} " " {relative_time(l.since.as_deref(), now_ms(), move || t_string!(i18n, overview.unknown_time))}
                {t!(i18n, overview.waiting_for_sync)}
            </span>
        </li>
    }
}

/// The grants that end soon, or, when no lock waits either, that nothing needs the admin.
fn ending_view(
    i18n: I18n,
    owner: &str,
    grants_tab: &str,
    ending: Vec<Ending>,
    waiting: u64,
) -> AnyView {
    if ending.is_empty() {
        return (waiting == 0)
            .then(|| {
                view! {
                    <p class="all-clear">
                        <span aria-hidden="true">"✔ "</span>
                        {move || t_string!(i18n, overview.all_clear, days = ENDING_DAYS)}
                    </p>
                }
            })
            .into_any();
    }
    let now = now_ms();
    view! {
        <p class="attention-lead">
            <span aria-hidden="true">"⏳ "</span>
            {let n = ending.len(); move || phrase::ending(i18n, n, ENDING_DAYS)} ". "
            <A href=grants_tab.to_string()>{t!(i18n, overview.show_grants)}</A>
        </p>
        <ul class="attention-list" aria-label=move || t_string!(i18n, overview.ending_list)>
            {ending.into_iter().map(|e| view! {
                <li>
                    <A href=routes::person(owner, &e.contact_id)>{e.name}</A>
                    <span class="attention-when">
                        {t!(i18n, overview.access_ends)} {relative_time(Some(&e.valid_before), now, "")}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
