//! Runs a search over groups for a lock's memberships (see `logic::lock_scan`): the owner's
//! groups are read once, then the groups that can hold what is sought are asked a few at a
//! time; each answer shows as it arrives. Cancel stops before the next request; Retry asks
//! only the groups that failed.

use crate::i18n::{use_i18n, words, I18n};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::paging::{all_pages, every_page};
use crate::api::{lock_groups, memberships, ApiClient, ApiError, Query};
use crate::logic::limits::LOCK_SCAN_GROUPS;
use crate::logic::lock_scan::{candidates, membership_filter, Found, GroupRef, Progress, Scope};
use crate::logic::locks_list::LockCounts;

/// Requests in flight at once: as many as a browser opens to one origin over HTTP/1.1.
const IN_FLIGHT: usize = 6;

/// One search's state, owned by the lock's page.
#[derive(Clone, Copy)]
pub struct Scan {
    pub scope: Scope,
    /// `None` until it starts.
    pub progress: RwSignal<Option<Progress>>,
    /// Reading the groups failed: the reason.
    pub error: RwSignal<Option<String>>,
    pub running: RwSignal<bool>,
    /// Bumped on each start and on Cancel: workers of an older run stop.
    run: RwSignal<u64>,
    /// Told of each membership as it is found (the access section loads its group's grants).
    on_found: StoredValue<Option<Callback<Found>>>,
    /// The language the console's explanations of errors are said in.
    i18n: I18n,
}

/// What a run needs to ask the server.
#[derive(Clone)]
pub struct Target {
    pub api: ApiClient,
    pub owner: String,
    pub lock: String,
    /// Memberships to find (the lock's statistics).
    pub expected: u64,
    /// The lock's statistics, to say what a finished search did not find.
    pub counts: LockCounts,
}

impl Scan {
    pub fn new(scope: Scope) -> Self {
        Scan {
            scope,
            progress: RwSignal::new(None),
            error: RwSignal::new(None),
            running: RwSignal::new(false),
            run: RwSignal::new(0),
            on_found: StoredValue::new(None),
            i18n: use_i18n(),
        }
    }

    /// Tells `hook` of each membership found from now on.
    pub fn on_found(self, hook: Callback<Found>) {
        self.on_found.set_value(Some(hook));
    }

    /// Starts from scratch: reads the groups, then asks the candidates.
    pub fn start(self, target: Target) {
        let run = self.next_run();
        self.error.set(None);
        self.progress.set(None);
        let scope = self.scope;
        spawn_local(async move {
            let read = all_pages(
                LOCK_SCAN_GROUPS,
                async |page: Query| {
                    lock_groups::list(&target.api, &target.owner, &page.expand("statistics")).await
                },
                every_page,
            )
            .await;
            if !self.live(run) {
                return;
            }
            match read {
                Ok(all) => {
                    let groups = candidates(&all.rows, scope);
                    self.progress.try_set(Some(Progress {
                        total: groups.len(),
                        expected: target.expected,
                        requests: all.requests,
                        ..Default::default()
                    }));
                    self.ask(run, target, groups);
                }
                Err(e) => {
                    self.error.try_set(Some(words::error(self.i18n, &e)));
                    self.running.try_set(false);
                }
            }
        });
    }

    /// Asks again only the groups that failed.
    pub fn retry_failed(self, target: Target) {
        let run = self.next_run();
        let mut groups = Vec::new();
        self.progress.update(|p| {
            if let Some(p) = p {
                groups = p.take_failed();
            }
        });
        self.ask(run, target, groups);
    }

    /// Stops before the next request; what was found stays.
    pub fn cancel(self) {
        self.run.update(|r| *r += 1);
        self.running.set(false);
    }

    /// Whether run `run` is still the current one (and the page still shown: after it is
    /// gone its signals are disposed, and the run stops quietly).
    fn live(self, run: u64) -> bool {
        self.run.try_get_untracked() == Some(run)
    }

    fn next_run(self) -> u64 {
        self.run.update(|r| *r += 1);
        self.running.set(true);
        self.run.get_untracked()
    }

    /// Asks `groups`, [`IN_FLIGHT`] at a time, until all are asked, the search is complete
    /// or the run is cancelled.
    fn ask(self, run: u64, target: Target, groups: Vec<GroupRef>) {
        let queue = Rc::new(RefCell::new(VecDeque::from(groups)));
        let workers = Rc::new(RefCell::new(IN_FLIGHT));
        for _ in 0..IN_FLIGHT {
            let (queue, workers, target) = (queue.clone(), workers.clone(), target.clone());
            spawn_local(async move {
                loop {
                    let complete = self
                        .progress
                        .try_with_untracked(|p| p.as_ref().is_none_or(Progress::complete))
                        .unwrap_or(true);
                    let next = (self.live(run) && !complete)
                        .then(|| queue.borrow_mut().pop_front())
                        .flatten();
                    let Some(group) = next else { break };
                    let answer = ask_group(&target, self.scope, &group.id).await;
                    if !self.live(run) {
                        break;
                    }
                    if let (Ok(found), Some(hook)) =
                        (&answer, self.on_found.try_get_value().flatten())
                    {
                        for membership in found {
                            hook.run(Found {
                                group: group.clone(),
                                membership: membership.clone(),
                            });
                        }
                    }
                    self.progress.try_update(|p| {
                        if let Some(p) = p {
                            p.requests += 1;
                            match answer {
                                Ok(found) => p.answered(group, found),
                                Err(e) => p.failed(group, words::error(self.i18n, &e)),
                            }
                        }
                    });
                }
                let mut left = workers.borrow_mut();
                *left -= 1;
                if *left == 0 && self.live(run) {
                    self.running.try_set(false);
                }
            });
        }
    }
}

async fn ask_group(
    t: &Target,
    scope: Scope,
    group: &str,
) -> Result<Vec<wire::Membership>, ApiError> {
    let q = Query::new().filter(Some(membership_filter(&t.lock, scope)));
    memberships::list(&t.api, &t.owner, group, &q).await
}
