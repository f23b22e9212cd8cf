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
use crate::api::{memberships, ApiClient, ApiError, Query};
use crate::i18n::{t, use_i18n, words};
use crate::logic::access::{Opens, Validity};
use crate::logic::limits::{GROUPS_IN_FLIGHT, GROUP_REACH};
use crate::logic::person_access::{
    direct, groups_to_ask, through_group, GrantLine, GroupCounts, Kind, Reached, Total,
};
use crate::logic::routes;

use super::phrases;

/// One group's answer: its current memberships, or why not (said in the language shown).
pub type Answer = Result<Vec<Membership>, ApiError>;

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
}

/// "Opens 2 locks now, 1 more after pending syncs", over every way; while groups are
/// still being asked, how many.
#[component]
pub fn TotalLine(held: RwSignal<Vec<GrantLine>>, reach: Reach) -> impl IntoView {
    let i18n = use_i18n();
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
        let total = phrases::total(i18n, Total::of(&all));
        let waiting = reach.asked.saturating_sub(answers.len());
        let failed = answers.values().filter(|a| a.is_err()).count();
        let asking = phrases::asking(i18n, waiting, reach.asked, failed);
        format!("{total}.{asking}")
    };
    view! { <p class="lead" role="status">{text}</p> }
}

/// What one group grant opens: the sentence, and the locks under it on demand.
#[component]
pub fn GroupReach(line: GrantLine, reach: Reach, owner: String) -> impl IntoView {
    let group = line.grant.bound_lock_id.clone();
    let i18n = use_i18n();
    move || {
        if line.validity != Validity::Active {
            let shown = line.clone();
            let why = move || phrases::opens_nothing(i18n, &shown);
            return view! { <span class="muted">{why}</span> }.into_any();
        }
        match reach.answers.read().get(&group) {
            None => view! { <span class="muted">{t!(i18n, person.asking_group)}</span> }.into_any(),
            Some(Err(e)) => {
                let e = e.clone();
                view! {
                    <span class="field-error">
                        {t!(i18n, person.group_failed)} {move || words::error(i18n, &e)}
                    </span>
                }
                .into_any()
            }
            Some(Ok(ms)) => {
                let reached: Vec<Reached> = through_group(&line, ms);
                let counts = GroupCounts::of(&reached);
                let sentence = move || phrases::group_sentence(i18n, counts);
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
                                    Opens::UntilSync => Some(t!(i18n, person.lock_leaving).into_any()),
                                    Opens::FromSync => Some(t!(i18n, person.lock_joining).into_any()),
                                    Opens::Now | Opens::No => None,
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
