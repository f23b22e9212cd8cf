//! Loads who can open a lock: its direct grants (one filtered request for the owner's
//! grants on this lock) and, for each group the lock's search finds it in, that group's
//! grants (one request each, as the groups are found, so several are in flight). Each
//! answer shows as it arrives; `logic::access` turns them into one row per person.

use crate::i18n::{use_i18n, words, I18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wire::Grant;

use crate::api::paging::{all_pages, every_page};
use crate::api::{grants, lock_groups, ApiClient, ApiError, Query};
use crate::logic::access::{Via, Way};
use crate::logic::limits::ACCESS_GRANTS;
use crate::logic::lock_scan::Found;
use crate::logic::odata::string_literal;

/// What is known of one source of grants: `None` while it loads.
pub type Answer = Option<Result<Vec<Grant>, String>>;

/// The grants of one group the lock is in.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupGrants {
    pub via: Via,
    pub grants: Answer,
}

/// The access section's state, owned by the lock's page.
#[derive(Clone, Copy)]
pub struct Access {
    pub direct: RwSignal<Answer>,
    /// In the order found.
    pub groups: RwSignal<Vec<GroupGrants>>,
    /// Requests made.
    pub requests: RwSignal<u64>,
    /// The language the console's explanations of errors are said in.
    i18n: I18n,
}

/// What the requests need.
#[derive(Clone)]
pub struct Source {
    pub api: ApiClient,
    pub owner: String,
    pub lock: String,
}

impl Access {
    pub fn new() -> Self {
        Access {
            direct: RwSignal::new(None),
            groups: RwSignal::new(Vec::new()),
            requests: RwSignal::new(0),
            i18n: use_i18n(),
        }
    }

    /// Loads (or reloads) the lock's own grants.
    pub fn load_direct(self, src: Source) {
        self.direct.set(None);
        spawn_local(async move {
            let filter = format!("boundLockId eq {}", string_literal(&src.lock));
            let read = every(async |q: Query| {
                grants::list(&src.api, &src.owner, &q.filter(Some(filter.clone()))).await
            })
            .await;
            self.answered(read, |a| _ = self.direct.try_set(Some(a)));
        });
    }

    /// A membership the lock's search found: loads its group's grants (once per group).
    pub fn found(self, src: Source, found: Found) {
        let via = Via {
            id: found.group.id.clone(),
            title: found.group.title.clone(),
            state: found.state(),
        };
        let known = self
            .groups
            .try_with_untracked(|gs| gs.iter().any(|g| g.via.id == via.id))
            .unwrap_or(true);
        if !known {
            self.groups.update(|gs| {
                gs.push(GroupGrants {
                    via: via.clone(),
                    grants: None,
                })
            });
            self.load_group(src, via.id);
        }
    }

    /// Loads (or reloads) one group's grants.
    pub fn load_group(self, src: Source, group: String) {
        self.set_group(&group, None);
        spawn_local(async move {
            let read =
                every(async |q: Query| lock_groups::grants(&src.api, &src.owner, &group, &q).await)
                    .await;
            self.answered(read, |a| self.set_group(&group, Some(a)));
        });
    }

    fn set_group(self, group: &str, answer: Answer) {
        self.groups.try_update(|gs| {
            if let Some(g) = gs.iter_mut().find(|g| g.via.id == group) {
                g.grants = answer;
            }
        });
    }

    fn answered(
        self,
        read: Result<(Vec<Grant>, u64), ApiError>,
        set: impl FnOnce(Result<Vec<Grant>, String>),
    ) {
        match read {
            Ok((rows, requests)) => {
                self.requests.try_update(|r| *r += requests);
                set(Ok(rows));
            }
            Err(e) => {
                self.requests.try_update(|r| *r += 1);
                set(Err(words::error(self.i18n, &e)));
            }
        }
    }

    /// Every way a grant loaded so far reaches the lock.
    pub fn ways(self, now_ms: i64) -> Vec<Way> {
        let mut ways: Vec<Way> = self.direct.with(|d| match d {
            Some(Ok(gs)) => gs
                .iter()
                .map(|g| Way::new(g.clone(), None, now_ms))
                .collect(),
            _ => Vec::new(),
        });
        self.groups.with(|gs| {
            for g in gs {
                if let Some(Ok(grants)) = &g.grants {
                    ways.extend(
                        grants
                            .iter()
                            .map(|gr| Way::new(gr.clone(), Some(g.via.clone()), now_ms)),
                    );
                }
            }
        });
        ways
    }

    /// Sources still loading.
    pub fn loading(self) -> usize {
        let direct = usize::from(self.direct.with(Option::is_none));
        direct
            + self
                .groups
                .with(|gs| gs.iter().filter(|g| g.grants.is_none()).count())
    }
}

/// Every page of a list of grants, with the requests it took.
async fn every(
    load: impl AsyncFn(Query) -> Result<Vec<Grant>, ApiError>,
) -> Result<(Vec<Grant>, u64), ApiError> {
    let all = all_pages(ACCESS_GRANTS, load, every_page).await?;
    Ok((all.rows, all.requests))
}
