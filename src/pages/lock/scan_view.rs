//! How a search for a lock's groups shows: its progress, what it found (each a link to the
//! group's Members tab, searched for the lock), the groups it could not ask, and Cancel.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::loaded::LoadError;
use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::lock_scan::{Found, Missing, Scope};
use crate::logic::membership_state::MembersQuery;
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;

use super::phrases;
use super::scan::{Scan, Target};

/// The Members tab of a group, searched for this lock, where its membership can be acted on.
fn members_of(owner: &str, group: &str, lock_title: &str) -> String {
    let q = MembersQuery {
        search: lock_title.to_string(),
        ..Default::default()
    };
    format!(
        "{}{}",
        GroupTab::Members.path(owner, group),
        q.to_url_query()
    )
}

/// A search's progress, what it found (each a link to the group's Members tab), the
/// groups it could not ask (with Retry), and Cancel while it runs. With `show` Waiting,
/// only the pending joins and leaves it found (its progress shows with the full list).
#[component]
pub(super) fn ScanView(
    scan: Scan,
    target: Target,
    owner: String,
    lock_title: String,
    show: Scope,
) -> impl IntoView {
    let full = show == Scope::All;
    let i18n = use_i18n();
    let retry_target = target.clone();
    let counts = target.counts;
    let status = move || {
        if !full {
            return scan
                .running
                .get()
                .then(|| view! { <p class="muted">{t!(i18n, scan.searching)}</p> }.into_any());
        }
        if let Some(e) = scan.error.get() {
            let t = target.clone();
            return Some(
                view! {
                    <LoadError what=move || t_string!(i18n, scan.load_failed) error=e
                        retry=move || scan.start(t.clone())/>
                }
                .into_any(),
            );
        }
        let running = scan.running.get();
        let progress = scan.progress.get();
        let text = match (&progress, running) {
            (None, true) => t_string!(i18n, scan.reading).to_string(),
            (None, false) => return None,
            (Some(p), true) => {
                let progress = phrases::checked(i18n, p);
                t_string!(i18n, scan.running, progress).to_string()
            }
            (Some(p), false) if p.complete() => {
                let progress = phrases::checked(i18n, p);
                t_string!(i18n, scan.all_found, progress).to_string()
            }
            (Some(p), false) => {
                let progress = phrases::checked(i18n, p);
                t_string!(i18n, scan.stopped_at, progress).to_string()
            }
        };
        let value = progress.as_ref().map(|p| p.checked as f64);
        let max = progress.as_ref().map(|p| p.total.max(1) as f64);
        Some(
            view! {
                <div class="scan-status">
                    <progress value=value max=max aria-label=move || t_string!(i18n, scan.progress_label)></progress>
                    <span role="status">{text}</span>
                    {running.then(|| view! {
                        <button type="button" on:click=move |_| scan.cancel()>{t!(i18n, dialog.cancel)}</button>
                    })}
                </div>
            }
            .into_any(),
        )
    };
    let found = move || {
        scan.progress.with(|p| {
            let found = p.as_ref().map(|p| p.found.iter());
            let shown = found.into_iter().flatten().filter(|f| full || f.pending());
            shown.cloned().collect::<Vec<_>>()
        })
    };
    let failed = move || {
        scan.progress
            .with(|p| p.as_ref().map(|p| p.failed.clone()).unwrap_or_default())
    };
    let heading = move || match show {
        Scope::Waiting => t_string!(i18n, scan.waiting_heading),
        Scope::All => t_string!(i18n, scan.all_heading),
    };
    let now = now_ms();
    let (owner, lock_title) = (StoredValue::new(owner), StoredValue::new(lock_title));
    view! {
        {status}
        <Show when=move || !found().is_empty()>
            <div class="table-wrap">
            <table class="data">
                <caption>{heading} {move || format!(" ({})", found().len())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, scan.col.group)}</th>
                        <th scope="col">{t!(i18n, members.table.state)}</th>
                        <th scope="col">{t!(i18n, members.table.since)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=found key=|f: &Found| f.membership.id.clone() children=move |f: Found| {
                        let href = members_of(&owner.get_value(), &f.group.id, &lock_title.get_value());
                        let since = f.since().map(str::to_string);
                        let shown = f.clone();
                        let words = move || phrases::waiting(i18n, &shown);
                        view! {
                            <tr>
                                <th scope="row"><A href=href>{f.group.title}</A></th>
                                <td>{words}</td>
                                <td>{relative_time(since.as_deref(), now, "—")}</td>
                            </tr>
                        }
                    }/>
                </tbody>
            </table>
            </div>
        </Show>
        {move || {
            let failed = failed();
            (full && !failed.is_empty() && !scan.running.get()).then(|| {
                let t = retry_target.clone();
                view! {
                    <div class="load-error" role="alert">
                        <p>{t!(i18n, scan.failed)}</p>
                        <ul>
                            {failed.into_iter().map(|(g, why)| view! {
                                <li>{g.title} ": " {why}</li>
                            }).collect_view()}
                        </ul>
                        <button type="button" on:click=move |_| scan.retry_failed(t.clone())>
                            {t!(i18n, scan.retry)}
                        </button>
                    </div>
                }
            })
        }}
        {move || {
            let unasked = scan.progress.with(|p| {
                p.as_ref().is_some_and(|p| p.checked < p.total && !p.complete())
            });
            (full && unasked && !scan.running.get() && failed().is_empty()).then(|| view! {
                <p class="muted">{t!(i18n, scan.stopped)}</p>
            })
        }}
        {move || {
            // Every group asked and answered, yet the statistics count more: say what and why.
            let done = scan.progress.with(|p| {
                p.as_ref().filter(|p| p.checked == p.total && p.failed.is_empty()).map(|p| p.found.clone())
            });
            let missing = done
                .filter(|_| full && !scan.running.get())
                .map(|found| Missing::of(&found, counts, scan.scope))
                .filter(|m| m.any())?;
            Some(view! {
                <div class="callout" role="note">
                    {move || phrases::missing(i18n, missing).into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}
                </div>
            })
        }}
    }
}
