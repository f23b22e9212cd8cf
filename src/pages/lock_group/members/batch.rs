//! The tab's batches (add locks, remove locks, simulate a sync): one request per item,
//! made in turn, each item's outcome kept for the results.

use std::rc::Rc;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::components::group_context::GroupContext;
use crate::i18n::{use_i18n, words, I18n};
use crate::logic::batch::Outcome;

/// One outcome per item of a batch, each item's request made in turn.
async fn each<T, F>(
    i18n: I18n,
    items: Vec<T>,
    subject: impl Fn(&T) -> String,
    run: F,
) -> Vec<Outcome>
where
    F: AsyncFn(&T) -> Result<String, ApiError>,
{
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let result = run(&item).await;
        out.push(Outcome {
            subject: subject(&item),
            ok: result.is_ok(),
            message: result.unwrap_or_else(|e| words::error(i18n, &e)),
        });
    }
    out
}

/// An action that runs `run(api, owner, group, item)` for each item it is given, then
/// `done` with the outcomes (in the action's own future, so it completes even when the
/// dialog that started it has closed).
pub(super) fn batch<T, R>(
    api: ApiClient,
    ctx: GroupContext,
    subject: fn(&T) -> String,
    run: R,
    done: impl Fn(Vec<Outcome>) + 'static,
) -> Action<Vec<T>, ()>
where
    T: Clone + 'static,
    R: AsyncFn(&ApiClient, &str, &str, &T) -> Result<String, ApiError> + Clone + 'static,
{
    let done = Rc::new(done);
    let i18n = use_i18n();
    Action::new_local(move |items: &Vec<T>| {
        let (api, owner, gid) = (
            api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
        );
        let (items, run, done) = (items.clone(), run.clone(), done.clone());
        async move {
            let out = each(i18n, items, subject, async |item: &T| {
                run(&api, &owner, &gid, item).await
            })
            .await;
            done(out);
        }
    })
}
