//! What a person's group grants open: each group's current memberships (every page, with
//! the locks' titles), asked a few groups at a time, each shown as it arrives; and the
//! total over every way, each lock counted once.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wire::Membership;

use crate::api::paging::{all_pages, every_page};
use crate::api::{memberships, ApiClient, Query};
use crate::logic::access::{Opens, Validity};
use crate::logic::limits::{GROUPS_IN_FLIGHT, GROUP_REACH};
use crate::logic::person_access::{
    direct, group_sentence, groups_to_ask, through_group, GrantLine, Kind, Reached, Total,
};
use crate::logic::routes;

/// One group's answer: its current memberships, or the server's text.
pub type Answer = Result<Vec<Membership>, String>;

/// The groups asked and their answers so far.
#[derive(Clone, Copy)]
pub struct Reach {
    pub asked: usize,
    pub answers: RwSignal<BTreeMap<String, Answer>>,
}

impl Reach {
    /// Asks the groups of `held`'s valid group grants, [`GROUPS_IN_FLIGHT`] at a time.
    /// Once the page is gone the signal is disposed and the workers stop.
    pub fn start(api: ApiClient, owner: String, held: Vec<GrantLine>) -> Reach {
        let groups = groups_to_ask(&held);
        let reach = Reach {
            asked: groups.len(),
            answers: RwSignal::new(BTreeMap::new()),
        };
        let queue = Rc::new(RefCell::new(VecDeque::from(groups)));
        for _ in 0..GROUPS_IN_FLIGHT {
            let (queue, api, owner) = (queue.clone(), api.clone(), owner.clone());
            spawn_local(async move {
                loop {
                    let Some(group) = queue.borrow_mut().pop_front() else {
                        break;
                    };
                    let answer = current_members(&api, &owner, &group).await;
                    if reach
                        .answers
                        .try_update(|a| a.insert(group, answer))
                        .is_none()
                    {
                        break;
                    }
                }
            });
        }
        reach
    }
}

async fn current_members(api: &ApiClient, owner: &str, group: &str) -> Answer {
    all_pages(
        GROUP_REACH,
        async |page: Query| {
            let q = page
                .filter(Some(wire::domain::current_filter()))
                .expand("boundLock");
            memberships::list(api, owner, group, &q).await
        },
        every_page,
    )
    .await
    .map(|all| all.rows)
    .map_err(|e| e.to_string())
}

/// "Opens 2 locks now, 1 more after pending syncs", over every way; while groups are
/// still being asked, how many.
#[component]
pub fn TotalLine(held: RwSignal<Vec<GrantLine>>, reach: Reach) -> impl IntoView {
    let text = move || {
        let answers = reach.answers.read();
        let held = held.read();
        let mut all: Vec<Reached> = Vec::new();
        for line in held.iter() {
            match line.kind {
                Kind::Lock => all.extend(direct(line)),
                Kind::Group => {
                    if let Some(Ok(ms)) = answers.get(&line.grant.bound_lock_id) {
                        all.extend(through_group(line, ms));
                    }
                }
            }
        }
        let total = Total::of(&all).sentence();
        let waiting = reach.asked.saturating_sub(answers.len());
        let failed = answers.values().filter(|a| a.is_err()).count();
        let mut out = format!("{total}.");
        if waiting > 0 {
            out.push_str(&format!(
                " Still asking {waiting} of {} groups…",
                reach.asked
            ));
        }
        if failed > 0 {
            out.push_str(&format!(
                " {failed} groups could not be asked: not counted."
            ));
        }
        out
    };
    view! { <p class="lead" role="status">{text}</p> }
}

/// What one group grant opens: the sentence, and the locks under it on demand.
#[component]
pub fn GroupReach(line: GrantLine, reach: Reach, owner: String) -> impl IntoView {
    let group = line.grant.bound_lock_id.clone();
    move || {
        if line.validity != Validity::Active {
            let why = format!("Opens nothing: {}", line.validity.label());
            return view! { <span class="muted">{why}</span> }.into_any();
        }
        match reach.answers.read().get(&group) {
            None => view! { <span class="muted">"Asking the group…"</span> }.into_any(),
            Some(Err(e)) => view! {
                <span class="field-error">"The group's locks could not be loaded: " {e.clone()}</span>
            }
            .into_any(),
            Some(Ok(ms)) => {
                let reached = through_group(&line, ms);
                let sentence = group_sentence(&reached);
                if reached.is_empty() {
                    return view! { <span>{sentence}</span> }.into_any();
                }
                let owner = owner.clone();
                view! {
                    <details>
                        <summary>{sentence}</summary>
                        <ul>
                            {reached.into_iter().map(|r| {
                                let when = match r.opens {
                                    Opens::Now => "",
                                    Opens::UntilSync => ": leaving, opens until its next sync",
                                    Opens::FromSync => ": joining, opens from its next sync",
                                    Opens::No => "",
                                };
                                view! {
                                    <li><A href=routes::lock(&owner, &r.lock_id)>{r.title}</A>{when}</li>
                                }
                            }).collect_view()}
                        </ul>
                    </details>
                }
                .into_any()
            }
        }
    }
}
