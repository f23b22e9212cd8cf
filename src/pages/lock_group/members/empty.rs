//! What an empty Members page says: "No locks yet", pointing to the toolbar's "Add locks"
//! (one button of that name: the focus returns to it when its dialog closes), for a group
//! without any membership, the way to the locks that left when only they remain, and otherwise the
//! filter that hides the rows with "Clear filters" (words from
//! [`crate::logic::membership_state::empty_members`]).

use leptos::prelude::*;

use crate::components::empty_state::{hidden_by_filter, nothing_yet};
use crate::components::group_context::use_group;
use crate::i18n::{t_string, use_i18n, words, I18n};
use crate::logic::membership_state::{empty_members, EmptyMembers, MembersQuery, Which};
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;

#[component]
pub fn MembersEmpty(query: Memo<MembersQuery>, editable: Memo<bool>) -> impl IntoView {
    let ctx = use_group();
    let i18n = use_i18n();
    let stats = move || {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics)
    };
    let link = move |q: MembersQuery| {
        format!(
            "{}{}",
            GroupTab::Members.path(&ctx.owner.get(), &ctx.id.get()),
            q.to_url_query()
        )
    };
    move || match empty_members(&query.get(), stats().as_ref()) {
        EmptyMembers::NoLocks => nothing_yet(
            move || t_string!(i18n, members.empty.no_locks),
            editable,
            move || t_string!(i18n, members.empty.can),
            move || t_string!(i18n, members.empty.cannot),
        ),
        EmptyMembers::OnlyLeft(n) => {
            let all = query.get_untracked().with(|q| q.past = true);
            let text = move || {
                let count = words::number(i18n, n);
                if words::is_one(i18n, n) {
                    t_string!(i18n, members.empty.only_left.one, count).to_string()
                } else {
                    t_string!(i18n, members.empty.only_left.other, count).to_string()
                }
            };
            hidden_by_filter(text, link(all), move || {
                t_string!(i18n, members.empty.show_all)
            })
        }
        EmptyMembers::Filtered { which, search } => hidden_by_filter(
            move || filtered(i18n, which, &search),
            link(query.get_untracked().cleared()),
            move || t_string!(i18n, members.empty.clear),
        ),
    }
}

/// "No Leaving members match “abc”.", "No members waiting for sync."
fn filtered(i18n: I18n, which: Which, search: &str) -> String {
    let search = search.to_string();
    match (which, search.is_empty()) {
        (Which::Waiting, true) => t_string!(i18n, members.empty.waiting).to_string(),
        (Which::Waiting, false) => t_string!(i18n, members.empty.waiting_match, search).to_string(),
        (Which::State(s), true) => {
            t_string!(i18n, members.empty.in_state, state = words::state(i18n, s)).to_string()
        }
        (Which::State(s), false) => {
            let state = words::state(i18n, s);
            t_string!(i18n, members.empty.in_state_match, state, search).to_string()
        }
        (Which::All, true) => t_string!(i18n, members.empty.all).to_string(),
        (Which::All, false) => t_string!(i18n, members.empty.all_match, search).to_string(),
        (Which::Current, true) => t_string!(i18n, members.empty.current).to_string(),
        (Which::Current, false) => t_string!(i18n, members.empty.current_match, search).to_string(),
    }
}
