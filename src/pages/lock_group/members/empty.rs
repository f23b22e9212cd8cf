//! What an empty Members page says: "No locks yet", pointing to the toolbar's "Add locks"
//! (one button of that name: the focus returns to it when its dialog closes), for a group
//! without any membership, the way to the locks that left when only they remain, and otherwise the
//! filter that hides the rows with "Clear filters" (words from
//! [`crate::logic::membership_state::empty_members`]).

use leptos::prelude::*;

use crate::components::empty_state::{hidden_by_filter, nothing_yet};
use crate::components::group_context::use_group;
use crate::logic::membership_state::{empty_members, EmptyMembers, MembersQuery};
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;

#[component]
pub fn MembersEmpty(query: Memo<MembersQuery>, editable: Memo<bool>) -> impl IntoView {
    let ctx = use_group();
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
            "No locks yet",
            editable,
            "Use “Add locks” above: each lock takes this group's grants once it syncs.",
            "This group has no locks.",
        ),
        EmptyMembers::OnlyLeft(n) => {
            let all = query.get_untracked().with(|q| q.past = true);
            let text = match n {
                1 => "No current members: the group's 1 lock has left.".to_string(),
                n => format!("No current members: the group's {n} locks have left."),
            };
            hidden_by_filter(text, link(all), "Show all, including left")
        }
        EmptyMembers::Filtered(text) => {
            hidden_by_filter(text, link(query.get_untracked().cleared()), "Clear filters")
        }
    }
}
